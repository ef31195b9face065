"""HTML blocks inside a markdown list, read with the standard library's HTML parser:
`<details>` blocks and their `<summary>` (headings of what they hold), and `<table>`s (rows of
cells, each cell's inner HTML kept as written so that its links and badges are read like a
markdown table cell's)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal

DetailsEvent = tuple[Literal["open", "close", "summary"], str]


class _DetailsParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[DetailsEvent] = []
        self._summary: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "details":
            self.events.append(("open", ""))
        elif tag == "summary":
            self._summary = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "details":
            self.events.append(("close", ""))
        elif tag == "summary" and self._summary is not None:
            self.events.append(("summary", "".join(self._summary)))
            self._summary = None

    def handle_data(self, data: str) -> None:
        if self._summary is not None:
            self._summary.append(data)


def has_details_tags(line: str) -> bool:
    lowered = line.lower()
    return "<details" in lowered or "</details" in lowered or "<summary" in lowered


def details_events(text: str) -> list[DetailsEvent]:
    """The `<details>` openings and closings in `text`, and the text of each `<summary>`."""
    parser = _DetailsParser()
    parser.feed(text)
    parser.close()
    return parser.events


def is_html_table_start(line: str) -> bool:
    return line.lstrip().lower().startswith("<table")


def html_table_end(lines: Sequence[str], start: int) -> int:
    """The index after the line that closes the table opened on `lines[start]`."""
    depth = 0
    for index in range(start, len(lines)):
        lowered = lines[index].lower()
        depth += lowered.count("<table") - lowered.count("</table")
        if depth <= 0:
            return index + 1
    return len(lines)


@dataclass
class HtmlRow:
    """One `<tr>`: its line (1-based), its cells' inner HTML, and whether they are `<th>`."""

    line: int
    cells: list[str] = field(default_factory=list)
    header: bool = False


class _TableParser(HTMLParser):
    """Rows and cells of the outermost table; a cell's inner HTML is sliced from the source
    by the parser's positions, so that nothing in it is rewritten."""

    def __init__(self, text: str, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.first_line = first_line
        self.line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.rows: list[HtmlRow] = []
        self._depth = 0
        self._cell_start: int | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
        elif self._depth != 1:
            return
        elif tag == "tr":
            self.rows.append(HtmlRow(self.first_line + self.getpos()[0] - 1))
        elif tag in ("td", "th") and self.rows:
            start_tag = self.get_starttag_text() or ""
            self._cell_start = self._offset() + len(start_tag)
            self.rows[-1].header = self.rows[-1].header or tag == "th"

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._depth -= 1
        elif self._depth == 1 and tag in ("td", "th") and self._cell_start is not None:
            self.rows[-1].cells.append(self.text[self._cell_start : self._offset()])
            self._cell_start = None


def html_table_rows(lines: Sequence[str], start: int, end: int) -> list[HtmlRow]:
    """The rows of the HTML table on `lines[start:end]`, with their cells."""
    parser = _TableParser("\n".join(lines[start:end]), start + 1)
    parser.feed(parser.text)
    parser.close()
    return [row for row in parser.rows if row.cells]
