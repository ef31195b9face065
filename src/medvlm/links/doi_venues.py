"""`infer_from_doi(doi)`: the venue and year a DOI spells out, offline.

Journal codes (Springer Nature, IEEE, Elsevier, Frontiers, RSNA), proceedings ISBNs (Springer
LNCS), ACL Anthology ids, AAAI volumes and year fields (Hindawi, bioRxiv). The codes and names
come from venues.yaml (venuetables.py); a DOI the tables do not cover gives `Venue(None, None)`
rather than a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from medvlm.identifiers import arxiv_id_or_none, arxiv_year, doi_or_none
from medvlm.links.venuetables import Venue, venue_tables


def acl_venue(anthology_id: str) -> Venue | None:
    """The venue and year of an ACL Anthology id (2023.findings-eacl.88, P19-1001)."""
    new = re.fullmatch(r"(?P<year>\d{4})\.(?P<middle>[a-z0-9-]+)\.\d+", anthology_id)
    if new:
        return Venue(_acl_event(new["middle"]), int(new["year"]))
    old = re.fullmatch(r"(?P<letter>[A-Z])(?P<yy>\d{2})-\d{4}", anthology_id)
    if old:
        yy = int(old["yy"])
        letters = venue_tables().acl_old_letters
        return Venue(letters.get(old["letter"]), 1900 + yy if yy >= 65 else 2000 + yy)
    return None


def _acl_event(middle: str) -> str | None:
    """The venue of an id's middle part: "<event>-<volume>" (acl-long, coling-main,
    bionlp-1) or "findings-<event>"."""
    events = venue_tables().acl_events
    if middle.startswith("findings-"):
        inner = events.get(middle.removeprefix("findings-").split("-")[0])
        return f"Findings of {inner}" if inner else None
    return events.get(middle.split("-")[0])


def _doi_arxiv(match: re.Match[str]) -> Venue | None:
    arxiv = arxiv_id_or_none(match["id"])
    return Venue("arXiv", arxiv_year(arxiv)) if arxiv else None


def _doi_springer_book(match: re.Match[str]) -> Venue | None:
    book = venue_tables().springer_books.get(match["isbn"])
    return book.as_venue() if book else None


def _doi_springer_nature(match: re.Match[str]) -> Venue | None:
    # The three digits after the journal code are the year the DOI was issued (0YY).
    year = 2000 + int(match["yy"])
    code = match["code"]
    tables = venue_tables()
    for renamed in tables.springer_nature_renamed:
        if code == renamed.code:
            return Venue(renamed.after if year >= renamed.since else renamed.before, year)
    return Venue(tables.springer_nature_journals.get(code), year)


def _doi_ieee(match: re.Match[str]) -> Venue | None:
    return Venue(venue_tables().ieee_codes.get(match["code"]), int(match["year"]))


def _doi_elsevier(match: re.Match[str]) -> Venue | None:
    return Venue(venue_tables().elsevier_codes.get(match["code"]), int(match["year"]))


def _doi_frontiers(match: re.Match[str]) -> Venue | None:
    return Venue(venue_tables().frontiers_journals.get(match["code"]), int(match["year"]))


def _doi_acl(match: re.Match[str]) -> Venue | None:
    return acl_venue(match["id"])


def _doi_aaai(match: re.Match[str]) -> Venue | None:
    # AAAI proceedings volumes are numbered from AAAI-87 (vol. 1): AAAI-22 is vol. 36.
    return Venue("AAAI", 1986 + int(match["volume"]))


def _doi_rsna(match: re.Match[str]) -> Venue | None:
    return Venue(venue_tables().rsna_journals.get(match["code"]), None)


def _doi_year(match: re.Match[str]) -> Venue | None:
    return Venue(None, int(match["year"]))


def _doi_zenodo(match: re.Match[str]) -> Venue | None:
    return Venue("Zenodo", None)


@dataclass(frozen=True)
class DoiInference:
    """A named reader of venue/year from DOIs matching `pattern` (DOIs are lower-case here).

    The patterns stay here, not in venues.yaml: `read` takes its values from the pattern's
    named groups, so each pattern and its reader change together.
    """

    name: str
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str]], Venue | None]


# The first pattern that matches answers.
DOI_INFERENCES: tuple[DoiInference, ...] = tuple(
    DoiInference(name, re.compile(pattern), read)
    for name, pattern, read in (
        ("arxiv", r"^10\.48550/arxiv\.(?P<id>.+)$", _doi_arxiv),
        ("springer-book", r"^10\.1007/(?P<isbn>978-[\d-]+?)(?:_\d+)?$", _doi_springer_book),
        (
            "springer-nature-journal",
            r"^10\.(?:1038|1007|1186)/(?P<code>s\d{5})-0(?P<yy>\d{2})-",
            _doi_springer_nature,
        ),
        ("ieee", r"^10\.1109/(?P<code>[a-z]+)\d*\.(?P<year>\d{4})\.\d+$", _doi_ieee),
        ("elsevier", r"^10\.1016/j\.(?P<code>[a-z]+)\.(?P<year>\d{4})\.", _doi_elsevier),
        ("frontiers", r"^10\.3389/(?P<code>[a-z]+)\.(?P<year>\d{4})\.", _doi_frontiers),
        ("acl", r"^10\.18653/v1/(?P<id>.+)$", _doi_acl),
        ("aaai", r"^10\.1609/aaai\.v(?P<volume>\d+)i\d+\.\d+$", _doi_aaai),
        ("rsna", r"^10\.1148/(?P<code>[a-z]+)\.\d+$", _doi_rsna),
        # Hindawi (now Wiley) and bioRxiv/medRxiv DOIs hold the publication or posting year.
        ("hindawi", r"^10\.1155/(?P<year>\d{4})/\d+$", _doi_year),
        ("biorxiv", r"^10\.1101/(?P<year>\d{4})\.\d{2}\.\d{2}\.\d+$", _doi_year),
        ("zenodo", r"^10\.5281/zenodo\.\d+$", _doi_zenodo),
    )
)


def infer_from_doi(doi: str) -> Venue:
    """The venue and year a DOI spells out (journal codes, proceedings ISBNs, year fields).

    `Venue(None, None)` when the DOI is not valid or says nothing the tables know.
    """
    normalised = doi_or_none(doi)
    if normalised is None:
        return Venue()
    for inference in DOI_INFERENCES:
        match = inference.pattern.match(normalised)
        if match:
            venue = inference.read(match)
            return venue if venue is not None else Venue()
    return Venue()
