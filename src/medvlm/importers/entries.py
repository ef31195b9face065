"""What parsing a paper list gives: one `Row` per paper entry, as written (markdown removed,
links not yet canonicalised), the `VenueTag`s found on it, and the parts of the file that
looked like a list of papers but gave no rows (`Ignored`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# How an entry is written: a table row (markdown or HTML), a list item, a paragraph block.
RowStyle = Literal["table", "bullet", "paragraph"]


@dataclass(frozen=True)
class VenueTag:
    """A venue and/or year an entry is tagged with; `text` is the tag as written."""

    text: str
    venue: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class Row:
    """One paper entry of a list, as written (markdown removed, links not yet canonicalised).

    `headings` are the headings above the entry, outermost first; `task` is the text of a
    table column naming the task; `domain` the text of a "Natural/Medical" or "Domain" column.
    """

    line: int
    style: RowStyle
    headings: tuple[str, ...] = ()
    title: str | None = None
    model: str | None = None
    domain: str | None = None
    task: str | None = None
    paper_links: tuple[str, ...] = ()
    code_links: tuple[str, ...] = ()
    project_links: tuple[str, ...] = ()
    tags: tuple[VenueTag, ...] = ()

    @property
    def section(self) -> str | None:
        """The innermost heading above the entry."""
        return self.headings[-1] if self.headings else None

    @property
    def links(self) -> tuple[str, ...]:
        return (*self.paper_links, *self.code_links, *self.project_links)


@dataclass(frozen=True)
class Ignored:
    """Part of the file that looked like a list of papers but gave no rows, and why."""

    line: int
    reason: str


@dataclass(frozen=True)
class ParsedList:
    """The entries of a list; `title` is the list's own title (its one level-1 heading), not a
    heading of its entries."""

    rows: tuple[Row, ...]
    ignored: tuple[Ignored, ...] = ()
    title: str | None = None
