"""What one parsed BibTeX entry says: title, authors, year, venue, identifiers and links, in the
catalog's terms (short venue names, bare arXiv ids, lower-case DOIs, canonical URLs)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bibtexparser.model import Block, Entry, ParsingFailedBlock

from medvlm.identifiers import arxiv_id_or_none, arxiv_year, normalise_space
from medvlm.importers.bibtex.parse import VERBATIM_FIELDS
from medvlm.links import canonicalise, find_code_link, short_venue
from medvlm.models import ARXIV_VENUE
from medvlm.sources.metadata import WorkMetadata, is_published_venue


def line_of(block: Block) -> int:
    """The 1-based line a block starts on."""
    return (block.start_line or 0) + 1


_RAW_KEY = re.compile(r"^@\s*\w+\s*[{(]\s*([^,\s{}()=\"]*)")


def failed_key(block: ParsingFailedBlock) -> str:
    """The key of a block the parser could not read, as far as it goes ("" if none)."""
    original = block.ignore_error_block
    if isinstance(original, Entry):
        return original.key
    match = _RAW_KEY.match((block.raw or "").lstrip())
    return match.group(1) if match else ""


# Entry types that hold a volume of papers, not a paper.
CONTAINER_TYPES = frozenset(
    "proceedings mvproceedings collection mvcollection periodical set xdata".split()
)


def not_a_paper(entry: Entry) -> str | None:
    """Why the entry is no paper (a proceedings volume, say), or None."""
    if entry.entry_type in CONTAINER_TYPES:
        return f"@{entry.entry_type} is a volume, not a paper"
    return None


_VERBATIM_ESCAPE = re.compile(r"\\([_%&#$~])")


def entry_text(entry: Entry, name: str) -> str | None:
    """A field's text on one line; None when absent, empty or a name list."""
    item = entry.fields_dict.get(name)
    if item is None or isinstance(item.value, list):
        return None
    value = normalise_space(str(item.value))
    if name in VERBATIM_FIELDS:
        # Hand-written files escape `_` or `%` in URLs and DOIs as if they were LaTeX.
        value = _VERBATIM_ESCAPE.sub(r"\1", value)
    return value or None


def entry_authors(entry: Entry) -> list[str]:
    """The author names, "Given Family"."""
    item = entry.fields_dict.get("author")
    names = item.value if item is not None and isinstance(item.value, list) else []
    cleaned = [normalise_space(str(name)) for name in names]
    # Google Scholar ends long author lists with "and others".
    return [name for name in cleaned if name and name.casefold() != "others"]


def entry_title(entry: Entry) -> str | None:
    """The title without a trailing full stop."""
    title = entry_text(entry, "title")
    if title and title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()
    return title or None


_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def entry_year(entry: Entry, arxiv: str | None) -> int | None:
    for name in ("year", "date"):
        match = _YEAR.search(entry_text(entry, name) or "")
        if match:
            return int(match.group(1))
    return arxiv_year(arxiv) if arxiv else None


_ARXIV_IN_TEXT = re.compile(
    r"arxiv[:\s]*(?:abs/)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7})", re.IGNORECASE
)


def _arxiv_from_eprint(entry: Entry) -> str | None:
    eprint = entry_text(entry, "eprint")
    prefix = (
        entry_text(entry, "archiveprefix") or entry_text(entry, "eprinttype") or "arxiv"
    ).lower()
    if eprint is None or prefix != "arxiv":
        return None
    return arxiv_id_or_none(eprint)


def _arxiv_from_text(entry: Entry) -> str | None:
    """`arXiv:2303.00915` in journal (Google Scholar), note (Zotero) or eid (ADS)."""
    for name in ("journal", "booktitle", "note", "howpublished", "eid"):
        match = _ARXIV_IN_TEXT.search(entry_text(entry, name) or "")
        # "arXiv:Foo/1234567" looks like an old-style id but is none: look further.
        arxiv = arxiv_id_or_none(match.group(1)) if match else None
        if arxiv:
            return arxiv
    return None


@dataclass
class EntryLinks:
    arxiv: str | None = None
    doi: str | None = None
    paper: str | None = None
    pdf: str | None = None
    notes: list[str] = field(default_factory=list)


# Hosts whose pages the record links through its ids already.
_ID_HOSTS = ("arxiv.org", "doi.org")


def entry_links(entry: Entry) -> EntryLinks:
    found = EntryLinks(arxiv=_arxiv_from_eprint(entry))
    doi_text = entry_text(entry, "doi")
    if doi_text:
        result = canonicalise(doi_text)
        if result.doi or result.arxiv:
            found.doi = result.doi
            found.arxiv = found.arxiv or result.arxiv
        else:
            found.notes.append(f"doi {doi_text!r} is not a DOI: left out")
    url_text = entry_text(entry, "url")
    if url_text:
        result = canonicalise(url_text)
        found.arxiv = found.arxiv or result.arxiv
        found.doi = found.doi or result.doi
        host = (result.url or "").split("/")[2] if result.url else ""
        if result.url and host not in _ID_HOSTS:
            if result.is_pdf:
                found.pdf = result.url
            else:
                found.paper = result.url
    found.arxiv = found.arxiv or _arxiv_from_text(entry)
    return found


def venue_name(entry: Entry, arxiv: str | None) -> str | None:
    """The short venue of an entry: journal or booktitle, well-known names shortened."""
    written = entry_text(entry, "journal") or entry_text(entry, "booktitle")
    if written is None:
        return ARXIV_VENUE if arxiv else None
    if written.casefold() in ("corr", "arxiv"):  # DBLP names arXiv "CoRR"
        return ARXIV_VENUE
    return short_venue(written) or written


# Fields in which authors give the repository of a paper's code.
CODE_FIELDS = ("code", "github")


def entry_code(entry: Entry) -> str | None:
    """The code repository an entry names: a `code` or `github` field holding a URL, or a
    `url` that is a GitHub repository itself. Anything less clear is not taken for code."""
    for name in CODE_FIELDS:
        text = entry_text(entry, name)
        if text is None:
            continue
        if found := find_code_link(text):
            return found
        if text.startswith(("http://", "https://")):
            return canonicalise(text).url
    url = canonicalise(entry_text(entry, "url") or "").url
    repository = find_code_link(url)
    return repository if repository is not None and repository == url else None


def entry_metadata(entry: Entry) -> WorkMetadata:
    """What the entry says about its paper, as the metadata services' answers say it.

    Its page (`url`, where the facts can be checked) is the DOI's, else the entry's URL, else
    the arXiv abstract page. A published venue's year is never guessed from an arXiv id.
    """
    links = entry_links(entry)
    venue = venue_name(entry, links.arxiv)
    arxiv_page = f"https://arxiv.org/abs/{links.arxiv}" if links.arxiv else None
    return WorkMetadata(
        title=entry_title(entry),
        authors=tuple(entry_authors(entry)),
        year=entry_year(entry, None if is_published_venue(venue) else links.arxiv),
        venue=venue,
        arxiv=links.arxiv,
        doi=links.doi,
        abstract=entry_text(entry, "abstract"),
        url=f"https://doi.org/{links.doi}" if links.doi else links.paper or links.pdf or arxiv_page,
        code=entry_code(entry),
    )
