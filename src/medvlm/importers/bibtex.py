"""Import papers from BibTeX files as new records (Zotero, JabRef, DBLP, Google Scholar, ADS).

`import_bibtex(text, taxonomy, existing, today)` reads a .bib text with bibtexparser v2 and
returns the records to create plus a report: entries skipped (with key, line and reason),
entries that are already in the catalog (naming the record), and keys used twice in the file.
Nothing is written here; the CLI writes the records.

The parse stack (see `parse_stack`) turns what exporters write into plain text:
- `@string` macros, BibTeX's predefined month macros and `#` concatenation are expanded
  (`ResolveMacrosMiddleware`; bibtexparser's own middleware resolves single macros only);
- field names are lower-cased (JabRef 2 writes `Title`);
- `crossref` is resolved: an entry inherits booktitle, year and publisher-like fields from the
  entry it points to, and a @proceedings title becomes its booktitle (DBLP);
- author lists are split into names and written "Given Family";
- LaTeX is decoded to Unicode (accents, `\\&`, math) and braces are removed, except in
  verbatim fields (URLs, DOIs, eprints), where `~` or `_` are part of the value.

A malformed entry never stops an import: bibtexparser keeps it as a failed block, and it is
reported as skipped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bibtexparser.entrypoint import parse_string
from bibtexparser.exceptions import (
    BlockAbortedException,
    ParserStateException,
    PartialMiddlewareException,
)
from bibtexparser.library import Library
from bibtexparser.middlewares import (
    LatexDecodingMiddleware,
    MergeNameParts,
    NormalizeFieldKeys,
    RemoveEnclosingMiddleware,
    SeparateCoAuthors,
    SplitNameParts,
)
from bibtexparser.middlewares.middleware import LibraryMiddleware, Middleware
from bibtexparser.middlewares.names import InvalidNameError
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    Field,
    MiddlewareErrorBlock,
    ParsingFailedBlock,
)
from pydantic import ValidationError
from pylatexenc.latex2text import (
    LatexNodes2Text,
    MacroTextSpec,
    get_default_latex_context_db,
)

from medvlm.catalog import Catalog
from medvlm.identifiers import (
    arxiv_id_or_none,
    arxiv_year,
    make_record_id,
    normalise_space,
    title_key,
)
from medvlm.links import canonicalise, short_venue
from medvlm.models import Paper, RecordError, Taxonomy
from medvlm.problems import from_validation_error
from medvlm.taxonomy import suggest_all, suggest_model

OTHER_TASK = "other"
ARXIV_VENUE = "arXiv"

# --- report ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BibRecord:
    """A record to create, from the entry `key` that starts on `line` (1-based)."""

    key: str
    line: int
    paper: Paper
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skipped:
    """An entry that gives no record; `key` is "" when the entry has none."""

    key: str
    line: int
    reason: str


@dataclass(frozen=True)
class Duplicate:
    """An entry for a paper that already has record `existing` (same DOI, arXiv id or title).

    `in_catalog` is False when that record is one this import creates from an earlier entry.
    """

    key: str
    line: int
    existing: str
    same: str
    in_catalog: bool = True


@dataclass(frozen=True)
class DuplicateKey:
    """An entry whose key an earlier entry (on `first_line`) already used; it is ignored."""

    key: str
    line: int
    first_line: int


@dataclass
class BibImportResult:
    records: list[BibRecord] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    duplicate_keys: list[DuplicateKey] = field(default_factory=list)

    @property
    def papers(self) -> list[Paper]:
        return [record.paper for record in self.records]


class BibImportError(Exception):
    """The text is not BibTeX at all (no entry found, or the parser gave up)."""


# --- parse stack ----------------------------------------------------------------------------

# BibTeX predefines these macros (plain.bst and every standard style).
MONTH_MACROS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}


def split_concatenation(raw: str) -> list[str] | None:
    """The parts of a raw field value joined by top-level `#`; None if braces do not balance."""
    parts: list[str] = []
    depth = 0
    quoted = False
    start = 0
    previous = ""
    for index, char in enumerate(raw):
        escaped = previous == "\\"
        previous = "" if escaped else char
        if escaped:
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return None
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(raw[start:index].strip())
            start = index + 1
    if depth != 0 or quoted:
        return None
    parts.append(raw[start:].strip())
    return parts


def _is_literal(part: str) -> bool:
    return len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"'))


def expand_macros(raw: str, macros: dict[str, str]) -> str | None:
    """`raw` with macros and `#` expanded, wrapped in braces; None when nothing is to expand."""
    parts = split_concatenation(raw)
    if parts is None or not all(parts):
        return None
    if len(parts) == 1 and (_is_literal(parts[0]) or parts[0].lower() not in macros):
        return None
    texts = []
    for part in parts:
        if _is_literal(part):
            texts.append(part[1:-1])
        else:
            # An unknown macro keeps its name: BibTeX would print nothing, which hides the typo.
            texts.append(macros.get(part.lower(), part))
    return "{" + "".join(texts) + "}"


class ResolveMacrosMiddleware(LibraryMiddleware):
    """Expand `@string` macros, month macros and `#` concatenations in raw field values.

    Runs before `RemoveEnclosingMiddleware`: values are still written as in the file.
    """

    def transform(self, library: Library) -> Library:
        library = super().transform(library)
        macros = dict(MONTH_MACROS)
        for string in library.strings:  # in file order: a macro may use earlier ones
            raw = str(string.value)
            expanded = expand_macros(raw, macros)
            value = expanded if expanded is not None else raw
            macros[string.key.lower()] = value[1:-1] if _is_literal(value) else value
        for entry in library.entries:
            for item in entry.fields:
                if isinstance(item.value, str):
                    expanded = expand_macros(item.value, macros)
                    if expanded is not None:
                        item.value = expanded
        return library


# Fields a paper takes from the entry its `crossref` names (never ids, URLs or the title).
INHERITED_FIELDS = (
    "booktitle",
    "journal",
    "year",
    "month",
    "publisher",
    "editor",
    "series",
    "volume",
    "address",
    "organization",
)


class ResolveCrossrefMiddleware(LibraryMiddleware):
    """Fill fields an entry lacks from the entry its `crossref` field names (BibTeX semantics).

    An unknown target is recorded in the entry's parser metadata under `crossref_missing`.
    """

    def transform(self, library: Library) -> Library:
        library = super().transform(library)
        targets = {entry.key.lower(): entry for entry in library.entries}
        for entry in library.entries:
            reference = entry.fields_dict.get("crossref")
            if reference is None:
                continue
            target = targets.get(str(reference.value).strip().lower())
            if target is None:
                entry.set_parser_metadata("crossref_missing", str(reference.value))
                continue
            inherited = dict(target.fields_dict)
            if "booktitle" not in inherited and "title" in inherited:
                inherited["booktitle"] = inherited["title"]
            present = entry.fields_dict
            for name in INHERITED_FIELDS:
                if name not in present and name in inherited:
                    entry.set_field(Field(name, inherited[name].value))
        return library


# Values kept as written: LaTeX decoding would turn `~` in a URL into a no-break space.
VERBATIM_FIELDS = frozenset(
    "url doi eprint file biburl adsurl pdf ee urldate timestamp crossref".split()
)


def _latex_decoder() -> Any:
    """pylatexenc's decoder as bibtexparser configures it, math turned into text, and
    `\\textasciicircum` decoded to `^` (pylatexenc gives a modifier letter instead)."""
    context = get_default_latex_context_db()
    context.add_context_category(
        "medvlm-bibtex",
        prepend=True,
        macros=[
            MacroTextSpec("url", simplify_repl="%s"),
            MacroTextSpec("textasciicircum", simplify_repl="^"),
        ],
    )
    return LatexNodes2Text(latex_context=context, keep_braced_groups=False, math_mode="text")


class DecodeLatexMiddleware(LatexDecodingMiddleware):
    """LaTeX to Unicode for every field except the verbatim ones, name lists included.

    bibtexparser's middleware decodes string values only; names are decoded here after
    `MergeNameParts`, so that braces protected them while they were split.
    """

    def __init__(self) -> None:
        super().__init__(decoder=_latex_decoder())

    def transform_entry(self, entry: Entry, library: Library) -> Block:
        verbatim = [item for item in entry.fields if item.key in VERBATIM_FIELDS]
        entry.fields = [item for item in entry.fields if item.key not in VERBATIM_FIELDS]
        errors: list[str] = []
        for item in entry.fields:
            if isinstance(item.value, list):
                item.value = [self._decode_name(name, errors) for name in item.value]
        try:
            block: Block = super().transform_entry(entry, library)
        finally:
            entry.fields = entry.fields + verbatim
        if errors and block is entry:
            return MiddlewareErrorBlock(entry, PartialMiddlewareException(errors))
        return block

    def _decode_name(self, name: object, errors: list[str]) -> object:
        if not isinstance(name, str):
            return name
        decoded, error = self._transform_python_value_string(name)
        if error:
            errors.append(error)
        return decoded


def parse_stack() -> list[Middleware]:
    """The middlewares run after bibtexparser splits the text, in order."""
    return [
        ResolveMacrosMiddleware(),
        RemoveEnclosingMiddleware(),
        NormalizeFieldKeys(),
        ResolveCrossrefMiddleware(),
        SeparateCoAuthors(),
        SplitNameParts(),
        MergeNameParts(style="first"),
        DecodeLatexMiddleware(),
    ]


@contextmanager
def _quiet_parser() -> Iterator[None]:
    """bibtexparser logs each syntax error; the import reports them itself, with keys."""
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def parse_bibtex(text: str) -> Library:
    """The bibtexparser library of `text` after `parse_stack`; raises BibImportError when the
    text holds no entry at all."""
    try:
        with _quiet_parser():
            library = parse_string(text, parse_stack=parse_stack())
    except ParserStateException as error:
        raise BibImportError(f"the BibTeX parser gave up: {error.message}") from None
    if not library.entries and not library.failed_blocks:
        raise BibImportError("no BibTeX entries found")
    return library


# --- reading fields -------------------------------------------------------------------------


def _line(block: Block) -> int:
    return (block.start_line or 0) + 1


_RAW_KEY = re.compile(r"^@\s*\w+\s*[{(]\s*([^,\s{}()=\"]*)")


def _raw_key(block: Block) -> str:
    match = _RAW_KEY.match((block.raw or "").lstrip())
    return match.group(1) if match else ""


_VERBATIM_ESCAPE = re.compile(r"\\([_%&#$~])")


def _text(entry: Entry, name: str) -> str | None:
    item = entry.fields_dict.get(name)
    if item is None or isinstance(item.value, list):
        return None
    value = normalise_space(str(item.value))
    if name in VERBATIM_FIELDS:
        # Hand-written files escape `_` or `%` in URLs and DOIs as if they were LaTeX.
        value = _VERBATIM_ESCAPE.sub(r"\1", value)
    return value or None


def _authors(entry: Entry) -> list[str]:
    item = entry.fields_dict.get("author")
    names = item.value if item is not None and isinstance(item.value, list) else []
    cleaned = [normalise_space(str(name)) for name in names]
    # Google Scholar ends long author lists with "and others".
    return [name for name in cleaned if name and name.casefold() != "others"]


def _title(entry: Entry) -> str | None:
    title = _text(entry, "title")
    if title and title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()
    return title or None


_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def _year(entry: Entry, arxiv: str | None) -> int | None:
    for name in ("year", "date"):
        match = _YEAR.search(_text(entry, name) or "")
        if match:
            return int(match.group(1))
    return arxiv_year(arxiv) if arxiv else None


_ARXIV_IN_TEXT = re.compile(
    r"arxiv[:\s]*(?:abs/)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7})", re.IGNORECASE
)


def _arxiv_from_eprint(entry: Entry) -> str | None:
    eprint = _text(entry, "eprint")
    prefix = (_text(entry, "archiveprefix") or _text(entry, "eprinttype") or "arxiv").lower()
    if eprint is None or prefix != "arxiv":
        return None
    return arxiv_id_or_none(eprint)


def _arxiv_from_text(entry: Entry) -> str | None:
    """`arXiv:2303.00915` in journal (Google Scholar), note (Zotero) or eid (ADS)."""
    for name in ("journal", "booktitle", "note", "howpublished", "eid"):
        match = _ARXIV_IN_TEXT.search(_text(entry, name) or "")
        # "arXiv:Foo/1234567" looks like an old-style id but is none: look further.
        arxiv = arxiv_id_or_none(match.group(1)) if match else None
        if arxiv:
            return arxiv
    return None


@dataclass
class _Links:
    arxiv: str | None = None
    doi: str | None = None
    paper: str | None = None
    pdf: str | None = None
    notes: list[str] = field(default_factory=list)


# Hosts whose pages the record links through its ids already.
_ID_HOSTS = ("arxiv.org", "doi.org")


def _links(entry: Entry) -> _Links:
    found = _Links(arxiv=_arxiv_from_eprint(entry))
    doi_text = _text(entry, "doi")
    if doi_text:
        result = canonicalise(doi_text)
        if result.doi or result.arxiv:
            found.doi = result.doi
            found.arxiv = found.arxiv or result.arxiv
        else:
            found.notes.append(f"doi {doi_text!r} is not a DOI: left out")
    url_text = _text(entry, "url")
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
    written = _text(entry, "journal") or _text(entry, "booktitle")
    if written is None:
        return ARXIV_VENUE if arxiv else None
    if written.casefold() in ("corr", "arxiv"):  # DBLP names arXiv "CoRR"
        return ARXIV_VENUE
    return short_venue(written) or written


# --- entries to records ---------------------------------------------------------------------


@dataclass
class _Known:
    """Identities of the records an entry must not repeat: existing ones and new ones."""

    ids: set[str]
    by_identity: dict[tuple[str, str], tuple[str, bool]] = field(default_factory=dict)

    def add(self, paper: Paper, in_catalog: bool) -> None:
        self.ids.add(paper.id)
        for label, value in _identities(paper.ids.doi, paper.ids.arxiv, paper.title):
            self.by_identity.setdefault((label, value), (paper.id, in_catalog))

    def find(self, doi: str | None, arxiv: str | None, title: str) -> tuple[str, str, bool] | None:
        for label, value in _identities(doi, arxiv, title):
            if (label, value) in self.by_identity:
                record, in_catalog = self.by_identity[(label, value)]
                return label, record, in_catalog
        return None


def _identities(doi: str | None, arxiv: str | None, title: str) -> list[tuple[str, str]]:
    pairs = [("DOI", doi), ("arXiv id", arxiv), ("title", title_key(title))]
    return [(label, value) for label, value in pairs if value]


def _record_data(entry: Entry, title: str, taxonomy: Taxonomy) -> tuple[dict[str, Any], list[str]]:
    links = _links(entry)
    authors = _authors(entry)
    year = _year(entry, links.arxiv)
    # The same suggestions as `medvlm add`: RecordError when the taxonomy has no `other` task.
    terms = suggest_all(taxonomy, title, _text(entry, "abstract"))
    data: dict[str, Any] = {
        "title": title,
        "authors": authors,
        "year": year,
        "venue": venue_name(entry, links.arxiv),
        "kind": terms["kind"][0],
        "model": suggest_model(title),
        "ids": {"arxiv": links.arxiv, "doi": links.doi},
        "links": {"paper": links.paper, "pdf": links.pdf},
        "tasks": terms["task"],
        "strategies": terms["strategy"],
        "modalities": terms["modality"],
        "reviewed": False,
    }
    notes = list(links.notes)
    if terms["task"] == [OTHER_TASK]:
        notes.append(f"no task keyword in the title or abstract: task set to {OTHER_TASK!r}")
    if not authors:
        notes.append("no authors")
    if year is None:
        notes.append("no year")
    missing = entry.get_parser_metadata("crossref_missing")
    if missing:
        notes.append(f"crossref {missing!r} not found in the file")
    return data, notes


def _validation_reason(error: ValidationError, key: str, line: int) -> str:
    problems = from_validation_error(error, Paper, key, lambda _loc: line)
    return "; ".join(f"{problem.field}: {problem.message}" for problem in problems)


# Entry types that hold a volume of papers, not a paper.
CONTAINER_TYPES = frozenset(
    "proceedings mvproceedings collection mvcollection periodical set xdata".split()
)


class _Importer:
    def __init__(self, taxonomy: Taxonomy, existing: Sequence[Paper], today: date) -> None:
        self.taxonomy = taxonomy
        self.today = today
        self.known = _Known(ids=set())
        for paper in existing:
            self.known.add(paper, in_catalog=True)
        self.result = BibImportResult()

    def failed(self, block: ParsingFailedBlock) -> None:
        line = _line(block)
        if isinstance(block, DuplicateBlockKeyBlock):
            first = _line(block.previous_block)
            self.result.duplicate_keys.append(DuplicateKey(block.key, line, first))
            return
        original = block.ignore_error_block
        key = original.key if isinstance(original, Entry) else _raw_key(block)
        self.result.skipped.append(Skipped(key, line, _failure_reason(block)))

    def entry(self, entry: Entry) -> None:
        line = _line(entry)
        skip = self._skip_reason(entry)
        if skip is not None:
            self.result.skipped.append(Skipped(entry.key, line, skip))
            return
        title = _title(entry)
        assert title is not None  # checked by _skip_reason
        try:
            data, notes = _record_data(entry, title, self.taxonomy)
        except RecordError as error:
            self.result.skipped.append(Skipped(entry.key, line, str(error)))
            return
        duplicate = self.known.find(data["ids"]["doi"], data["ids"]["arxiv"], title)
        if duplicate is not None:
            same, record, in_catalog = duplicate
            self.result.duplicates.append(Duplicate(entry.key, line, record, same, in_catalog))
            return
        data["id"] = make_record_id(title, data["year"], data["authors"], self.known.ids)
        data["added"] = self.today
        try:
            paper = Paper.model_validate(_without_empty(data), context={"taxonomy": self.taxonomy})
        except ValidationError as error:
            reason = _validation_reason(error, entry.key, line)
            self.result.skipped.append(Skipped(entry.key, line, reason))
            return
        self.known.add(paper, in_catalog=False)
        self.result.records.append(BibRecord(entry.key, line, paper, tuple(notes)))

    @staticmethod
    def _skip_reason(entry: Entry) -> str | None:
        if not entry.key.strip():
            return "entry has no key"
        if entry.entry_type in CONTAINER_TYPES:
            return f"@{entry.entry_type} is a volume, not a paper"
        if _title(entry) is None:
            return "no title"
        return None


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = {inner: item for inner, item in value.items() if item is not None}
        if value is not None and value != {}:
            cleaned[key] = value
    return cleaned


def _failure_reason(block: ParsingFailedBlock) -> str:
    error = block.error
    if isinstance(block, DuplicateFieldKeyBlock):
        names = ", ".join(sorted(block.duplicate_keys))
        return f"field given twice: {names}"
    if isinstance(error, BlockAbortedException):
        detail = error.abort_reason.strip()
        return f"not valid BibTeX (unbalanced braces or a missing comma?): {detail}"
    if isinstance(error, InvalidNameError):
        return f"author: cannot split the name {error.name!r}: {error.reason.lower()}"
    if isinstance(block, MiddlewareErrorBlock):
        return f"cannot read the entry: {normalise_space(str(error))}"
    return normalise_space(str(error)) or type(error).__name__


def import_bibtex(
    text: str, taxonomy: Taxonomy, existing: Catalog | Sequence[Paper], today: date
) -> BibImportResult:
    """Records to create from the BibTeX `text`, and the report of what was not imported.

    Each record gets an id unique against `existing` and the other new records, taxonomy terms
    suggested from its title and abstract (task `other` when none), `reviewed: false` and
    `added: today`. Raises BibImportError when `text` holds no BibTeX entry at all.
    """
    papers = existing.papers if isinstance(existing, Catalog) else existing
    library = parse_bibtex(text)
    importer = _Importer(taxonomy, papers, today)
    for block in library.blocks:
        if isinstance(block, ParsingFailedBlock):
            importer.failed(block)
        elif isinstance(block, Entry):
            importer.entry(block)
    return importer.result
