"""Tables of papers, markdown or HTML (htmlblocks.py gives the cells), in any column order.

Columns are recognised by their header words (`COLUMN_WORDS`): title ("Paper", "Paper Names",
"Title"), model ("Model Names", "Dataset"), domain ("Natural\\Medical", "Domain"), task
("Tasks"), paper link ("PDF", "Paper Link", "arXiv", "Resources"), code ("Code", "GitHub"),
project, venue and year. A title cell holding a link gives the title and the paper link at
once; a model cell's link is its code (or project page); a venue cell's links are the paper's
pages ("<a href=arXiv>Arxiv</a>; <a href=...>JBHI</a>"), the last venue named not arXiv its
venue. Cells may hold several links, bare URLs, badges and `<br>`; `|` inside a code span, a
link's URL or escaped does not split.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from medvlm.identifiers import name_key
from medvlm.importers.entries import Ignored, Row, VenueTag
from medvlm.importers.inline import Inline, label_text, parse_inline, plain, text_or_none
from medvlm.importers.linkroles import (
    Collected,
    LinkRole,
    badge_role,
    label_role,
    link_role,
    on_code_host,
    titled_link_role,
)
from medvlm.importers.venuetags import four_digit_year, take_tags, venue_cell
from medvlm.models import ARXIV_VENUE

Role = Literal[
    "index", "title", "model", "domain", "task", "paper", "code", "project", "venue", "year"
]

# Header words -> column role; the first rule whose word occurs in the header wins, so that
# "Paper Link" is a link column and "Model Names" a model column. "Resources" alone holds
# links, but "Model or resource" names the model: that vague word comes after the model words.
COLUMN_WORDS: tuple[tuple[Role, tuple[str, ...]], ...] = (
    ("code", ("code", "github", "repo", "repository", "implementation")),
    ("project", ("project", "homepage", "website")),
    ("paper", ("pdf", "link", "links", "url", "arxiv", "doi")),
    ("task", ("task", "tasks")),
    ("domain", ("natural", "domain")),
    ("model", ("model", "models", "method", "methods", "dataset", "datasets", "benchmark")),
    ("paper", ("resources", "resource")),
    ("venue", ("venue", "conference", "journal", "published", "publication venue", "pub")),
    ("year", ("year", "date")),
    ("title", ("paper", "papers", "title", "titles", "name", "names", "publication", "work")),
    ("index", ("index", "no", "num", "number", "id", "")),
)

_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


def column_role(header: str) -> Role | None:
    """The role of a table column from its header text; None for columns not used (authors,
    descriptions ...)."""
    words = set(name_key(label_text(header)).split())
    if not words:
        return "index"
    if "medical" in words and len(words) == 1:
        return "domain"
    for role, names in COLUMN_WORDS:
        if any(name in words for name in names if name):
            return role
    return None


def split_cells(line: str) -> list[str]:
    """The cells of a table line: `|` separates cells except when escaped (`\\|`), inside a
    code span or inside a link's URL."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells: list[str] = []
    current: list[str] = []
    in_code = False
    url_depth = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and text[index + 1 : index + 2] == "|":
            current.append("|")
            index += 2
            continue
        if char == "`":
            in_code = not in_code
        elif char == "(" and (url_depth or (index and text[index - 1] == "]")):
            url_depth += 1
        elif char == ")" and url_depth:
            url_depth -= 1
        elif char == "|" and not in_code and not url_depth:
            cells.append("".join(current))
            current = []
            index += 1
            continue
        current.append(char)
        index += 1
    cells.append("".join(current))
    return [cell.strip() for cell in cells]


def is_table_start(lines: Sequence[str], index: int) -> bool:
    """Whether `lines[index]` is a table's header line (a delimiter line follows it)."""
    return (
        index + 1 < len(lines)
        and "|" in lines[index]
        and bool(_DELIMITER.match(lines[index + 1]))
        and "-" in lines[index + 1]
    )


def _cell_links(inline: Inline, column: LinkRole, found: Collected) -> None:
    for link in inline.links:
        if link.image:
            found.add(badge_role(link.label, link.image, link.url) or column, link.url)
            continue
        role = label_role(link.label)
        found.add(role if role in ("code", "project") else column, link.url)


def _name_cell_links(inline: Inline, found: Collected) -> None:
    """The links of a cell naming the paper's model or dataset: its code on a code host,
    else its project page."""
    for link in inline.links:
        role = link_role(link)
        if role is None or role == "paper":
            role = "code" if on_code_host(link.url) else "project"
        found.add(role, link.url)


def _venue_cell(cell: str, inline: Inline, found: Collected) -> VenueTag | None:
    """A venue cell's tag, its links being the paper's pages: of several venues named
    ("Arxiv; ECCV 2024"), the last that is not a preprint server."""
    _cell_links(inline, "paper", found)
    text = text_or_none(label_text(cell))
    if text is None:
        return None
    tags = [venue_cell(part) for part in re.split(r"\s*[;|]\s*|<br\s*/?>", text) if part]
    published = [tag for tag in tags if tag.venue and tag.venue != ARXIV_VENUE]
    chosen = published or tags
    return chosen[-1] if chosen else None


def _table_row(
    cells: Sequence[str], roles: Sequence[Role | None], line: int, headings: tuple[str, ...]
) -> Row | None:
    found = Collected()
    values: dict[str, str | None] = {}
    venue: VenueTag | None = None
    year: int | None = None
    for cell, role in zip(cells, roles, strict=False):
        if role is None or role == "index":
            continue
        inline = parse_inline(cell)
        found.add_image_tags(inline)
        if role in ("paper", "code", "project"):
            _cell_links(inline, role, found)
        elif role == "title":
            # Two title-like columns ("Title", and "Paper" holding [arXiv](...)): the first
            # with text gives the title; both give links.
            title = _title_cell(inline, found)
            values["title"] = values.get("title") or title
        elif role == "venue":
            venue = _venue_cell(cell, inline, found) or venue
        elif role == "year":
            year = four_digit_year(plain(inline.text)) or year
        elif role == "model":
            values[role] = text_or_none(label_text(cell))
            _name_cell_links(inline, found)
        else:
            values[role] = text_or_none(inline.text)
            _cell_links(inline, "paper", found)
    if venue is not None or year is not None:
        # The venue and year columns make one tag: the year is the venue's.
        shown_year = None if venue and venue.year else year
        text = " ".join(str(part) for part in (venue and venue.text, shown_year) if part)
        found.tags.append(
            VenueTag(text, venue.venue if venue else None, (venue and venue.year) or year)
        )
    row = found.row(
        line,
        "table",
        headings,
        title=values.get("title"),
        model=values.get("model"),
        domain=values.get("domain"),
        task=values.get("task"),
    )
    return row if row.title or row.model or row.links else None


def _title_cell(inline: Inline, found: Collected) -> str | None:
    """The title in a title cell: the label of a link around it, else the cell's text."""
    title = None
    for link in inline.links:
        role = link_role(link)
        if role is None and title is None and link.image is None:
            title = link.label
            found.add(titled_link_role(link.url), link.url)
        else:
            found.add(role or "paper", link.url)
    if title is None:
        text, tags = take_tags(inline.text)
        found.tags.extend(tags)
        title = text_or_none(text)
    return title


def table_rows(
    header: Sequence[str],
    body: Sequence[tuple[int, Sequence[str]]],
    header_line: int,
    headings: tuple[str, ...],
) -> tuple[list[Row], list[Ignored]]:
    """The rows of a table from its header cells and its (line, cells) rows."""
    roles = [column_role(cell) for cell in header]
    if not any(role in ("title", "model", "paper", "code") for role in roles):
        reason = "table without a paper, title, model or link column; not read"
        return [], [Ignored(header_line, reason)]
    rows = []
    for line, cells in body:
        row = _table_row(cells, roles, line, headings)
        if row is not None:
            rows.append(row)
    if not any(row.links for row in rows):
        # A table of contents or of counts: papers come with links.
        return [], [Ignored(header_line, "table without any link; not read")]
    if not any(row.paper_links or row.title for row in rows):
        # Datasets linking only their downloads: no paper to read.
        reason = "table without a paper title or paper link; not read"
        return [], [Ignored(header_line, reason)]
    return rows, []


def parse_table(
    lines: Sequence[str], start: int, headings: tuple[str, ...]
) -> tuple[list[Row], list[Ignored], int]:
    """The rows of the markdown table whose header is on `lines[start]`, and the index after
    it."""
    end = start + 2
    while end < len(lines) and "|" in lines[end] and lines[end].strip():
        end += 1
    body = [(index + 1, split_cells(lines[index])) for index in range(start + 2, end)]
    rows, ignored = table_rows(split_cells(lines[start]), body, start + 1, headings)
    return rows, ignored, end
