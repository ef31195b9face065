"""Parse an awesome-list README into paper rows. Pure: no I/O.

`parse_markdown(text)` returns one `Row` per paper entry, in file order, each with the line it
came from, the headings above it, and what the entry says: title, model name, domain, task,
links (paper, code, project) and venue/year tags. Nothing is interpreted beyond the markdown:
mapping a row to record fields is `medvlm.importers.rows`, merging rows into records
`medvlm.seeding`.

This module walks the document: headings (ATX `#` ... `######`, their markdown, anchors and
numbering removed) nest; fenced code blocks and HTML comments are skipped; tables go to
tables.py, list items (with their indented continuation lines) to bullets.py. Inline markdown
(links, badges, HTML fragments) is inline.py, the roles of links linkroles.py, venue and year
tags venuetags.py; the result types are entries.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Literal

from medvlm.importers.bullets import ITEM, bullet, with_links_of
from medvlm.importers.entries import Ignored, ParsedList, Row, VenueTag
from medvlm.importers.inline import LINK, plain
from medvlm.importers.tables import column_role, is_table_start, parse_table, split_cells
from medvlm.importers.venuetags import parse_venue_tag

# Names tests and other modules import from here.
__all__ = [
    "Ignored",
    "ParsedList",
    "Row",
    "VenueTag",
    "column_role",
    "heading_text",
    "parse_markdown",
    "parse_venue_tag",
    "split_cells",
]

_HEADING = re.compile(r"^\s{0,3}(?P<marks>#{1,6})(?:\s+(?P<text>.*?))?\s*#*\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def _without_comments(text: str) -> list[str]:
    """The lines of `text` with HTML comments blanked (line numbers kept)."""

    def blank(match: re.Match[str]) -> str:
        return "\n" * match[0].count("\n")

    return re.sub(r"<!--.*?-->", blank, text, flags=re.DOTALL).splitlines()


def heading_text(raw: str) -> str:
    """A heading without markdown, emoji codes, anchors and leading numbering ("2.1 ")."""
    text = plain(LINK.sub(lambda m: "" if m["bang"] else m["text"], raw))
    text = re.sub(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+", "", text)
    return text.strip(" :")


def _item_lines(lines: Sequence[str], start: int) -> tuple[str, int]:
    """The text of the list item starting at `lines[start]` with its continuation lines."""
    match = ITEM.match(lines[start])
    assert match is not None
    parts = [match["body"]]
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if (
            not line.strip()
            or ITEM.match(line)
            or _HEADING.match(line)
            or _FENCE.match(line)
            or is_table_start(lines, index)
        ):
            break
        parts.append(line.strip())
        index += 1
    return " ".join(parts), index


def _blocks(lines: Sequence[str]) -> Iterator[tuple[Literal["heading", "table", "item"], int]]:
    """(kind, line index) of each heading, table and list item, outside fenced code."""
    index = 0
    in_fence = False
    while index < len(lines):
        line = lines[index]
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            if _HEADING.match(line):
                yield "heading", index
            elif is_table_start(lines, index):
                yield "table", index
            elif ITEM.match(line):
                yield "item", index
        index += 1


def parse_markdown(text: str) -> ParsedList:
    """Every paper entry of an awesome-list README, in file order."""
    lines = _without_comments(text)
    rows: list[Row] = []
    ignored: list[Ignored] = []
    headings: list[tuple[int, str]] = []
    skip_to = 0
    # The last item with a title at each indentation, for sub-items that only add links.
    parents: list[tuple[int, int]] = []  # (indent, index in rows)
    for kind, index in _blocks(lines):
        if index < skip_to:
            continue
        if kind == "heading":
            match = _HEADING.match(lines[index])
            assert match is not None
            level = len(match["marks"])
            headings = [(lvl, txt) for lvl, txt in headings if lvl < level]
            title = heading_text(match["text"] or "")
            if title:
                headings.append((level, title))
            parents = []
            continue
        current = tuple(txt for _, txt in headings)
        if kind == "table":
            table_rows, table_ignored, skip_to = parse_table(lines, index, current)
            rows.extend(table_rows)
            ignored.extend(table_ignored)
            parents = []
            continue
        item = ITEM.match(lines[index])
        assert item is not None
        indent = len(item["indent"].expandtabs(4))
        body, skip_to = _item_lines(lines, index)
        row, titled = bullet(body, index + 1, current)
        parents = [(ind, pos) for ind, pos in parents if ind < indent]
        if row is None:
            continue
        if not titled and parents:
            parent_index = parents[-1][1]
            rows[parent_index] = with_links_of(rows[parent_index], row)
            continue
        rows.append(row)
        if titled:
            parents.append((indent, len(rows) - 1))
    return ParsedList(tuple(rows), tuple(ignored))
