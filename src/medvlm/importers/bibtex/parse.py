"""BibTeX text to a bibtexparser library whose field values are plain text.

The parse stack (see `parse_stack`) turns what exporters write into plain text:
- `@string` macros, BibTeX's predefined month macros and `#` concatenation are expanded
  (`ResolveMacrosMiddleware`; bibtexparser's own middleware resolves single macros only);
- field names are lower-cased (JabRef 2 writes `Title`);
- `crossref` is resolved: an entry inherits booktitle, year and publisher-like fields from the
  entry it points to, and a @proceedings title becomes its booktitle (DBLP);
- author lists are split into names and written "Given Family";
- LaTeX is decoded to Unicode (accents, `\\&`, math) and braces are removed, except in
  verbatim fields (URLs, DOIs, eprints), where `~` or `_` are part of the value.

A malformed entry never stops parsing: bibtexparser keeps it as a failed block.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
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
    DuplicateFieldKeyBlock,
    Entry,
    Field,
    MiddlewareErrorBlock,
    ParsingFailedBlock,
)
from pylatexenc.latex2text import (
    LatexNodes2Text,
    MacroTextSpec,
    get_default_latex_context_db,
)

from medvlm.identifiers import normalise_space


class BibImportError(Exception):
    """The text is not BibTeX at all (no entry found, or the parser gave up)."""


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
    "url doi eprint file biburl adsurl pdf ee urldate timestamp crossref code github".split()
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


def failure_reason(block: ParsingFailedBlock) -> str:
    """Why the parser could not read a block, in words."""
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
