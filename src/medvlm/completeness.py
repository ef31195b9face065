"""How complete the catalog's records are: per field, the share filled and the records missing it.

Pure (records in, report out); `medvlm status` prints it and the site's "Help wanted" page
lists what it finds missing. The targets are what issue 14 set for a curated catalog: they
leave room for the few papers no source confirms (a field no source confirms stays empty).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from medvlm.links.doi_venues import infer_from_doi
from medvlm.models import ARXIV_VENUE, Paper

# Kinds whose papers adapt a model, so have an adaptation strategy; and the kind that trains
# or evaluates on datasets most often.
ADAPTING_KINDS = frozenset({"method", "foundation-model"})
METHOD = "method"


def _everyone(paper: Paper) -> bool:
    return True


@dataclass(frozen=True)
class Measure:
    """One completeness figure: which records it counts, and when one counts as filled."""

    field: str  # the record field it is about (the correction form is filled in with it)
    label: str  # what is measured, as the report names it
    population: str  # which records are counted, in words
    wanted: str  # what a record missing it needs, in words
    target: int  # the share to reach, in percent
    counts: Callable[[Paper], bool]  # is the record in the population
    filled: Callable[[Paper], bool]


MEASURES: tuple[Measure, ...] = (
    Measure(
        "authors",
        "authors",
        "all records",
        "the full list of authors",
        95,
        _everyone,
        lambda p: bool(p.authors),
    ),
    Measure(
        "ids",
        "arXiv id or DOI",
        "all records",
        "its arXiv id or DOI",
        90,
        _everyone,
        lambda p: bool(p.ids.arxiv or p.ids.doi),
    ),
    Measure(
        "modalities",
        "modalities",
        "all records",
        "the imaging modalities it works on",
        98,
        _everyone,
        lambda p: bool(p.modalities),
    ),
    Measure(
        "strategies",
        "a strategy",
        "methods and foundation models",
        "its adaptation strategy",
        98,
        lambda p: p.kind in ADAPTING_KINDS,
        lambda p: bool(p.strategies),
    ),
    Measure(
        "reviewed",
        "reviewed: true",
        "all records",
        "its taxonomy terms checked against the paper",
        95,
        _everyone,
        lambda p: p.reviewed,
    ),
    Measure(
        "summary",
        "summary",
        "all records",
        "a summary of one or two sentences in our own words",
        95,
        _everyone,
        lambda p: bool(p.summary),
    ),
    Measure(
        "evidence",
        "evidence",
        "all records",
        "the pages where its facts can be checked",
        95,
        _everyone,
        lambda p: bool(p.evidence),
    ),
    Measure(
        "datasets",
        "datasets",
        "methods",
        "the public datasets it trains or evaluates on",
        50,
        lambda p: p.kind == METHOD,
        lambda p: bool(p.datasets),
    ),
)


@dataclass(frozen=True)
class FieldReport:
    """One measure over the catalog: how many records it counts, and which lack the field."""

    measure: Measure
    total: int
    missing: list[Paper]  # by id

    @property
    def filled(self) -> int:
        return self.total - len(self.missing)

    @property
    def share(self) -> float:
        """The share filled; 1 when the measure counts no record (nothing is missing)."""
        return self.filled / self.total if self.total else 1.0

    @property
    def percent(self) -> str:
        """The share as a percentage with one decimal, rounded down: 1,091 of 1,149 (94.95%)
        reads 94.9%, never the 95.0% that would look like a met 95% target."""
        return f"{self.filled * 1000 // self.total / 10 if self.total else 100.0:.1f}%"

    @property
    def met(self) -> bool:
        return self.filled * 100 >= self.measure.target * self.total


@dataclass(frozen=True)
class DoiVenue:
    """A record with no venue of record (none, or arXiv) whose DOI names a publication."""

    paper: Paper
    venue: str  # the journal or proceedings the DOI belongs to


@dataclass(frozen=True)
class Completeness:
    records: int
    fields: list[FieldReport]
    # Informational: preprints, the records to check for a peer-reviewed version of record.
    arxiv_venue: list[Paper]  # by id


def doi_venues(papers: Iterable[Paper]) -> list[DoiVenue]:
    """The records saying no venue or arXiv whose DOI is a journal's or proceedings' (decoded
    offline by medvlm.links), by id: either the venue is stale or the DOI is another work's.
    Kept out of `completeness()`, which every site build runs for the Help wanted page: only
    `medvlm status` reports these, so only it reads the DOI tables."""
    found = []
    for paper in sorted(papers, key=lambda paper: paper.id):
        if paper.venue in (None, ARXIV_VENUE) and paper.ids.doi:
            venue = infer_from_doi(paper.ids.doi).venue
            if venue and venue != ARXIV_VENUE:
                found.append(DoiVenue(paper, venue))
    return found


def completeness(papers: Iterable[Paper]) -> Completeness:
    """The completeness report of `papers`; records are listed by id (stable for any order)."""
    ordered = sorted(papers, key=lambda paper: paper.id)
    fields = []
    for measure in MEASURES:
        counted = [paper for paper in ordered if measure.counts(paper)]
        missing = [paper for paper in counted if not measure.filled(paper)]
        fields.append(FieldReport(measure, len(counted), missing))
    arxiv = [paper for paper in ordered if paper.venue == ARXIV_VENUE]
    return Completeness(len(ordered), fields, arxiv)
