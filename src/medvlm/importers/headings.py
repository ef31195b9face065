"""Headings of a paper list: their text (`heading_text`), the sections that hold no papers
(sections.yaml), and the stack of headings above an entry (`HeadingStack`).

Markdown headings (`#` .. `######`) nest by level; below them come the `<summary>` of nested
`<details>` blocks and, innermost, a line in bold that groups the entries after it ("**CVPR'24**").
A table of contents ends at the next heading of any level; a section of news, citations or
related lists is not read, nor its sub-sections.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from medvlm.datatables import load_table
from medvlm.identifiers import name_key
from medvlm.importers.inline import LINK, plain

SECTIONS_FILE = Path(__file__).with_name("sections.yaml")
# Levels below markdown's six: a <details> summary at each depth, and a bold group line.
DETAILS_LEVEL = 10
GROUP_LEVEL = 100

SectionKind = Literal["contents", "not-papers"]

# Bilingual headings: "Imaging VLM Reasoning · 影像推理 VLM" keeps the half without CJK.
_HALVES = re.compile(r"\s+[\u00b7|\uff5c]\s+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]")
# Emoji and other symbols before the words ("🩻 Radiology LLMs").
_LEADING_SYMBOLS = re.compile(r"^[^\w(\[\"'`]+")
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+")


class _Sections(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    contents: frozenset[str]
    not_papers: frozenset[str]


@cache
def _sections() -> _Sections:
    return load_table(SECTIONS_FILE, _Sections)


def heading_text(raw: str) -> str:
    """A heading without markdown, HTML, small print (counts), emoji, anchors, leading
    numbering ("2.1 ") and the CJK half of a bilingual heading."""
    text = plain(LINK.sub(lambda m: "" if m["bang"] else m["text"], raw))
    halves = _HALVES.split(text)
    latin = [half for half in halves if not _CJK.search(half)]
    if latin and len(latin) < len(halves):
        text = " \u00b7 ".join(latin)
    text = _LEADING_SYMBOLS.sub("", text)
    text = _NUMBERING.sub("", text)
    return text.strip(" :")


def section_kind(heading: str) -> SectionKind | None:
    """Whether a heading names a table of contents or a section that holds no papers."""
    words = set(name_key(heading).split())
    if not words:
        return None
    sections = _sections()
    if words <= sections.contents:
        return "contents"
    if words <= sections.not_papers:
        return "not-papers"
    return None


class HeadingStack:
    """The headings above the current line, outermost first, each with its level."""

    def __init__(self) -> None:
        self._stack: list[tuple[int, str, SectionKind | None]] = []

    def push(self, level: int, text: str) -> None:
        """A heading at `level`: it replaces those at its level and below, and any table of
        contents (which ends at the next heading)."""
        self._stack = [
            entry for entry in self._stack if entry[0] < level and entry[2] != "contents"
        ]
        if text:
            self._stack.append((level, text, section_kind(text)))

    def close(self, level: int) -> None:
        """The end of a block (a <details>): its headings and those below end."""
        self._stack = [entry for entry in self._stack if entry[0] < level]

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(text for _, text, _ in self._stack)

    @property
    def skipped(self) -> str | None:
        """The heading of the section being skipped (contents, news ...), if any."""
        return next((text for _, text, kind in self._stack if kind is not None), None)
