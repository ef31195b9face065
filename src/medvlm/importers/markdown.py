"""Parse an awesome-list README into paper rows. Pure: no I/O.

`parse_markdown(text)` returns one `Row` per paper entry, in file order, each with the line it
came from, the headings above it, and what the entry says: title, model name, domain, task,
links (paper, code, project) and venue/year tags. Nothing is interpreted beyond the markdown:
mapping a row to record fields is `medvlm.importers.rows`, merging rows into records
`medvlm.seeding`.

This module walks the document: headings nest (headings.py: markdown headings, then the
`<summary>` of `<details>` blocks, then lines in bold grouping the entries after them), the
list's own title (its one level-1 heading) is kept apart, and sections holding no papers
(contents, news, citation ...) are skipped; fenced code blocks and HTML comments are skipped;
markdown and HTML tables go to tables.py (htmlblocks.py reads HTML), list items (with their
continuation lines), paragraph blocks of lines joined by hard line breaks, and one-line
paragraphs that open with a bracketed venue tag ("[TMI 2024] Title [[paper](url)]"), and
paragraphs of a title followed only by links in double brackets ("Title [[paper](url)]", the
links possibly on a second line), to bullets.py.
Inline markdown (links, badges, HTML fragments) is inline.py, the roles of links
linkroles.py, venue and year tags venuetags.py; the result types are entries.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from medvlm.importers.bullets import BRACKETED, ITEM, bullet, with_links_of
from medvlm.importers.entries import Ignored, ParsedList, Row, VenueTag
from medvlm.importers.headings import (
    DETAILS_LEVEL,
    GROUP_LEVEL,
    HeadingStack,
    heading_text,
    section_kind,
)
from medvlm.importers.htmlblocks import (
    details_events,
    has_details_tags,
    html_table_end,
    html_table_rows,
    is_html_table_start,
)
from medvlm.importers.inline import LINE_BREAK
from medvlm.importers.tables import (
    column_role,
    is_table_start,
    parse_table,
    split_cells,
    table_rows,
)
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
# A line that is one bold span, grouping the entries below it ("**CVPR'26**").
_GROUP = re.compile(r"^\s{0,3}(\*\*|__)(?P<text>[^*_\[\]()]{1,80}?)\1\s*$")
# A markdown hard line break: a backslash ending the line, or "<br>".
_HARD_BREAK = re.compile(r"(?:\\|<br\s*/?>)\s*$", re.IGNORECASE)

BlockKind = Literal["heading", "details", "group", "table", "html-table", "item", "paragraph"]


def _without_comments(text: str) -> list[str]:
    """The lines of `text` with HTML comments blanked (line numbers kept)."""

    def blank(match: re.Match[str]) -> str:
        return "\n" * match[0].count("\n")

    return re.sub(r"<!--.*?-->", blank, text, flags=re.DOTALL).splitlines()


def _joined(parts: Sequence[str]) -> str:
    """Lines of one entry as one text: a hard line break stays a break, others a space."""
    text = ""
    for part in parts:
        if text:
            hard = _HARD_BREAK.search(text)
            text = text.rstrip().removesuffix("\\") + LINE_BREAK if hard else text + " "
        text += part.strip()
    return text.rstrip().removesuffix("\\")


def _structural(lines: Sequence[str], index: int) -> bool:
    """Whether `lines[index]` starts something other than running text."""
    line = lines[index]
    return bool(
        not line.strip()
        or ITEM.match(line)
        or _HEADING.match(line)
        or _FENCE.match(line)
        or _GROUP.match(line)
        or is_table_start(lines, index)
        or is_html_table_start(line)
        or has_details_tags(line)
    )


def _run(lines: Sequence[str], start: int) -> int:
    """The index after the running text that continues `lines[start]`."""
    index = start + 1
    while index < len(lines) and not _structural(lines, index):
        index += 1
    return index


def _blocks(lines: Sequence[str]) -> Iterator[tuple[BlockKind, int]]:
    """(kind, line index) of each block start, outside fenced code."""
    in_fence = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif in_fence or not line.strip():
            continue
        elif _HEADING.match(line):
            yield "heading", index
        elif has_details_tags(line):
            yield "details", index
        elif _GROUP.match(line):
            yield "group", index
        elif is_table_start(lines, index):
            yield "table", index
        elif is_html_table_start(line):
            yield "html-table", index
        elif ITEM.match(line):
            yield "item", index
        elif index == 0 or _structural(lines, index - 1):
            yield "paragraph", index


def _list_title(lines: Sequence[str]) -> tuple[int, str] | None:
    """(line index, text) of the list's title: its first heading, when that is its only
    level-1 heading (tables of contents aside)."""
    first: tuple[int, str] | None = None
    in_fence = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else _HEADING.match(line)
        if match is None:
            continue
        text = heading_text(match["text"] or "")
        if first is None:
            if len(match["marks"]) != 1 or not text:
                return None
            first = (index, text)
        elif len(match["marks"]) == 1 and section_kind(text) is None:
            return None
    return first


@dataclass
class _Walk:
    """The state of one pass over a document."""

    lines: list[str]
    rows: list[Row] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)
    headings: HeadingStack = field(default_factory=HeadingStack)
    details_depth: int = 0
    skip_to: int = 0
    # The last item with a title at each indentation, for sub-items that only add links.
    parents: list[tuple[int, int]] = field(default_factory=list)  # (indent, index in rows)
    skipped_sections: dict[str, int] = field(default_factory=dict)  # heading -> first line

    def heading(self, level: int, text: str) -> None:
        self.headings.push(level, text)
        self.parents = []

    def details(self, index: int) -> None:
        for event, text in details_events(self.lines[index]):
            if event == "open":
                self.details_depth += 1
            elif event == "close":
                self.headings.close(DETAILS_LEVEL + self.details_depth)
                self.details_depth = max(0, self.details_depth - 1)
            else:
                self.heading(DETAILS_LEVEL + self.details_depth, heading_text(text))

    def skipping(self, index: int) -> bool:
        """Whether entries here are skipped (a contents, news or citation section)."""
        section = self.headings.skipped
        if section is not None:
            self.skipped_sections.setdefault(section, index + 1)
        return section is not None

    def add(self, new: list[Row]) -> None:
        self.rows.extend(new)
        self.parents = []

    def item(self, index: int) -> None:
        item = ITEM.match(self.lines[index])
        assert item is not None
        indent = len(item["indent"].expandtabs(4))
        end = _run(self.lines, index)
        self.skip_to = end
        body = _joined([item["body"], *self.lines[index + 1 : end]])
        row, titled = bullet(body, index + 1, self.headings.texts)
        self.parents = [(ind, pos) for ind, pos in self.parents if ind < indent]
        if row is None:
            return
        if not titled and self.parents:
            parent = self.parents[-1][1]
            self.rows[parent] = with_links_of(self.rows[parent], row)
            return
        self.rows.append(row)
        if titled:
            self.parents.append((indent, len(self.rows) - 1))

    def paragraph(self, index: int) -> None:
        """A block of lines joined by hard line breaks (title, authors, links) is an entry, and
        so are a one-line paragraph opening with a venue tag and a title followed only by links
        in double brackets; running prose is not."""
        end = _run(self.lines, index)
        self.skip_to = end
        block = self.lines[index:end]
        broken = any(_HARD_BREAK.search(line) or "<br" in line.lower() for line in block)
        if not broken and not _venue_tagged(block) and not _title_with_link_labels(block):
            return
        row, titled = bullet(_joined(block), index + 1, self.headings.texts, "paragraph")
        if row is not None and titled and row.links:
            self.add([row])


def _venue_tagged(block: Sequence[str]) -> bool:
    """Whether `block` is one line opening with a venue-and-year tag ("[TMI 2024] Title ..."):
    a dated news line ("[2024 Jan. 9th] We have updated ...") names no venue."""
    match = BRACKETED.match(block[0]) if len(block) == 1 else None
    if match is None:
        return False
    tag = parse_venue_tag(match["inner"].strip("*"), need_year=True)  # also "[**TMI 2023]"
    return tag is not None and tag.venue is not None


# "Title [[paper](url)], [[code](url)]": text followed only by links in double brackets.
_LINK_LABELS = re.compile(
    r"^(?P<text>[^\[\]<>|]{8,300}?)\s*(?:\[\[[^\[\]]{1,40}\]\([^()\s]+\)\]\s*,?\s*)+$"
)
# Two sentences ("We thank X. See [[docs](url)]"): running prose, not a title.
_SENTENCES = re.compile(r"[a-z0-9)][.!?]\s+[A-Z]")


def _title_with_link_labels(block: Sequence[str]) -> bool:
    """Whether `block` (one line, or a title line and a links line) is a title followed only by
    links in double brackets ("Title [[paper](url)], [[code](url)]")."""
    if len(block) > 2:
        return False
    match = _LINK_LABELS.match(" ".join(line.strip() for line in block))
    return match is not None and not _SENTENCES.search(match["text"])


def parse_markdown(text: str) -> ParsedList:
    """Every paper entry of an awesome-list README, in file order."""
    walk = _Walk(_without_comments(text))
    lines = walk.lines
    title = _list_title(lines)
    for kind, index in _blocks(lines):
        if index < walk.skip_to:
            continue
        if kind == "heading":
            match = _HEADING.match(lines[index])
            assert match is not None
            if title is None or index != title[0]:
                walk.heading(len(match["marks"]), heading_text(match["text"] or ""))
        elif kind == "details":
            walk.details(index)
        elif kind == "group":
            group = _GROUP.match(lines[index])
            assert group is not None
            walk.heading(GROUP_LEVEL, heading_text(group["text"]))
        elif walk.skipping(index):
            if kind in ("table", "html-table"):
                walk.skip_to = _table_end(lines, index, kind)
        elif kind == "table":
            rows, ignored, walk.skip_to = parse_table(lines, index, walk.headings.texts)
            walk.add(rows)
            walk.ignored.extend(ignored)
        elif kind == "html-table":
            walk.skip_to = _table_end(lines, index, kind)
            _html_table(walk, index)
        elif kind == "item":
            walk.item(index)
        else:
            walk.paragraph(index)
    for section, line in walk.skipped_sections.items():
        walk.ignored.append(Ignored(line, f"section {section!r} holds no papers; not read"))
    ignored = sorted(walk.ignored, key=lambda note: note.line)
    return ParsedList(tuple(walk.rows), tuple(ignored), title[1] if title else None)


def _table_end(lines: Sequence[str], index: int, kind: BlockKind) -> int:
    if kind == "html-table":
        return html_table_end(lines, index)
    end = index + 2
    while end < len(lines) and "|" in lines[end] and lines[end].strip():
        end += 1
    return end


def _html_table(walk: _Walk, index: int) -> None:
    found = html_table_rows(walk.lines, index, walk.skip_to)
    if not found:
        return
    header = next((row for row in found if row.header), found[0])
    body = [(row.line, row.cells) for row in found if row is not header and not row.header]
    rows, ignored = table_rows(header.cells, body, header.line, walk.headings.texts)
    walk.add(rows)
    walk.ignored.extend(ignored)
