"""List items of papers: `- [Title](url) [[code](url)] [MICCAI 2024]`, `- **CVPR'24**
[Title](url)`, `- Title. [[paper](url)]`, with badges and shields badges naming a venue; an
item without a title of its own (`  - [code](url)`) only adds its links to the item above."""

from __future__ import annotations

import re
from dataclasses import replace

from medvlm.importers.entries import Row
from medvlm.importers.inline import DASHES, QUOTES, parse_inline, plain, text_or_none
from medvlm.importers.linkroles import (
    Collected,
    badge_role,
    label_role,
    on_code_host,
    titled_link_role,
)
from medvlm.importers.venuetags import parse_venue_tag, take_tags

# A list item: "- ", "* ", "+ " or "1. " and its text.
ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d{1,3}[.)])\s+(?P<body>.*)$")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]])\.\s+(?=[A-Z])")


def bullet(body: str, line: int, headings: tuple[str, ...]) -> tuple[Row | None, bool]:
    """The row of a list item, and whether the item has a title of its own (an item without
    one only adds its links to the item above)."""
    inline = parse_inline(body)
    found = Collected()
    found.add_image_tags(inline)
    title: str | None = None
    for link in inline.links:
        if link.image:
            found.add(badge_role(link.label, link.image, link.url), link.url)
            continue
        role = label_role(link.label)
        tag = parse_venue_tag(link.label) if role is None else None
        if tag is not None:  # [MICCAI 2024](https://conference.org): a tag, not a title
            found.tags.append(tag)
        elif role is None and title is None:
            title = link.label
            found.add(titled_link_role(link.url), link.url)
        elif role is None:
            found.add("code" if on_code_host(link.url) else None, link.url)
        else:
            found.add(role, link.url)
    text, tags = take_tags(inline.text)
    found.tags.extend(tags)
    if title is None:
        title = _bold_title(text) or _leading_title(text)
    if not found.has_link() and not found.tags:
        return None, False
    return found.row(line, "bullet", headings, title=title), title is not None


def _bold_title(text: str) -> str | None:
    match = re.search(r"(\*\*|__)(?P<inner>[^\x00]+?)\1", text)
    return text_or_none(match["inner"]) if match else None


def _leading_title(text: str) -> str | None:
    """The plain text before the first link, up to its first sentence ("Title. Authors.")."""
    strip = " :|,;[]()" + DASHES
    leading = plain(text.split("\x00", 1)[0]).strip(strip) or plain(text).strip(strip)
    leading = _SENTENCE_END.split(leading)[0].strip(" .")
    leading = leading.strip(' "\u201c\u201d' + QUOTES)
    return text_or_none(leading)


def with_links_of(parent: Row, child: Row) -> Row:
    """`parent` with the links and tags of an item below it that has no title of its own."""
    return replace(
        parent,
        paper_links=tuple(dict.fromkeys((*parent.paper_links, *child.paper_links))),
        code_links=tuple(dict.fromkeys((*parent.code_links, *child.code_links))),
        project_links=tuple(dict.fromkeys((*parent.project_links, *child.project_links))),
        tags=(*parent.tags, *child.tags),
    )
