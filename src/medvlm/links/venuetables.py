"""The venue tables (venues.yaml, shipped with the package): read once, on first use, and
checked; a malformed file is a ProblemsError naming the file, line and table entry.

`Venue` is the result type of every inference: a short venue name and a year, either unknown.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, field_validator

from medvlm.datatables import load_table
from medvlm.problems import Problem, ProblemsError

VENUES_FILE = Path(__file__).with_name("venues.yaml")


class Venue(NamedTuple):
    """A venue's short name ("MICCAI", "arXiv", "Nature Medicine") and year; either may be None."""

    venue: str | None = None
    year: int | None = None

    def found(self) -> bool:
        return self.venue is not None or self.year is not None


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatedVenue(_Table):
    """A table entry naming both the venue and its year (a proceedings volume)."""

    venue: str
    year: int

    def as_venue(self) -> Venue:
        return Venue(self.venue, self.year)


class RenamedJournal(_Table):
    """A journal renamed while keeping its code: `before` until `since`, `after` from then."""

    code: str
    since: int
    before: str
    after: str


class VenueName(_Table):
    """A venue's long name or acronym as citations write it (`pattern`, a regular expression
    matched ignoring case) and its short name."""

    pattern: re.Pattern[str]
    short: str

    @field_validator("pattern", mode="before")
    @classmethod
    def _compile(cls, value: object) -> object:
        if not isinstance(value, str):
            return value  # pydantic reports the wrong type
        try:
            return re.compile(value, re.IGNORECASE)
        except re.error as error:
            raise ValueError(f"not a valid regular expression: {error}") from None


class VenueTables(_Table):
    """Every table of venues.yaml; see the comments there for where each one's entries come
    from."""

    springer_books: dict[str, DatedVenue]
    pmlr_volumes: dict[int, DatedVenue]
    elsevier_issns: dict[str, str]
    elsevier_codes: dict[str, str]
    springer_nature_journals: dict[str, str]
    springer_nature_renamed: list[RenamedJournal]
    ieee_codes: dict[str, str]
    frontiers_journals: dict[str, str]
    jmir_journals: dict[str, str]
    rsna_journals: dict[str, str]
    lww_journals: dict[str, str]
    acl_events: dict[str, str]
    acl_old_letters: dict[str, str]
    cvf_conferences: frozenset[str]
    aaai_ojs_venues: frozenset[str]
    venue_names: list[VenueName]


def load_venue_tables(path: Path) -> VenueTables:
    """The tables in `path`; raises ProblemsError with every located problem."""
    if not path.is_file():
        raise ProblemsError([Problem(str(path), 0, "", "venue tables not found")])
    return load_table(path, VenueTables)


@cache
def venue_tables() -> VenueTables:
    """The package's venue tables, read on first use and kept for the process."""
    return load_venue_tables(VENUES_FILE)
