"""Entries written as text: list items and paragraph blocks.

`- [Title](url) [[code](url)] [MICCAI 2024]`, `- **CVPR'24** [Title](url)`,
`- Title. [[paper](url)]`, `- [Title](url) — **ACL**`,
`- **Model:** Authors.<br> "Title" **Venue (2023).** [[paper](url)]`,
with badges and shields badges naming a venue; a block of lines joined by hard line breaks
(venue tag and title, authors, links). The title is a link's label, else a quoted title, else
a bold title, else the text before the first link on the first line (up to its first
sentence). An item without a title of its own (`  - [code](url)`) only adds its links to the
item above."""

from __future__ import annotations

import re
from dataclasses import replace

from medvlm.importers.entries import Row, RowStyle
from medvlm.importers.inline import (
    DASHES,
    LINE_BREAK,
    parse_inline,
    plain,
    text_or_none,
)
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
# A title in double quotes (straight or curly), of at least two words.
_QUOTED = re.compile(
    r"[\"\u201c](?P<inner>[^\"\u201c\u201d\x00\n]+?\s[^\"\u201c\u201d\x00\n]+?)[\"\u201d]"
)
# A bold label ending in a colon before the rest ("**KiUT:** Authors ..."): the model's name.
_BOLD = re.compile(r"(\*\*|__)(?P<inner>[^\x00]+?)\1")
_OPENING_QUOTES = "\"'\u201c\u2018"
_CLOSING_QUOTES = "\"'\u201d\u2019"
_TRAILING_LABEL = re.compile(r"\(\s*(\*\*|__|\*|_)[^()\x00]{1,60}?\1\s*\)[\s.,;[]*$")
# A bracketed prefix, not a link's label: "[MICCAI 2024] Title", "[npj digital medicine 2023] ...".
BRACKETED = re.compile(r"^\s*\[(?P<inner>[^\[\]\x00]{1,80})\](?!\()")
_LABEL = re.compile(r"^\s*(\*\*|__)(?P<name>[^*_\x00:]{1,40}):\s*\1")
# A bold span among other words is a title only when it has at least this many words; shorter
# ones are names and venues ("**CheXpert**", "**Nature Medicine**").
_MIN_TITLE_WORDS = 4
# What may follow a title in bold before the authors or the venue.
_SEPARATORS = ",;:.([\uff0c" + _CLOSING_QUOTES


def bullet(
    body: str, line: int, headings: tuple[str, ...], style: RowStyle = "bullet"
) -> tuple[Row | None, bool]:
    """The row of a list item (or paragraph block), and whether it has a title of its own (an
    item without one only adds its links to the item above)."""
    inline = parse_inline(body)
    found = Collected()
    found.add_image_tags(inline)
    text, tags = take_tags(inline.text)
    found.tags.extend(tags)
    label = _LABEL.match(text)
    if label:
        text = text[label.end() :]
    # The link around the title comes first: "[Title](url) [[code](url)]". A link after the
    # title's text is a button, whatever its label ("[[cpde](...)]", "[[PyPI](...)]").
    title_first = not _words(_before_link(text))
    title: str | None = None
    for index, link in enumerate(inline.links):
        if link.image:
            found.add(badge_role(link.label, link.image, link.url), link.url)
            continue
        role = label_role(link.label)
        tag = parse_venue_tag(link.label) if role is None else None
        if tag is not None:  # [MICCAI 2024](https://conference.org): a tag, not a title
            found.tags.append(tag)
            found.add(titled_link_role(link.url), link.url)
        elif role is None and index == 0 and title_first:
            title = link.label
            found.add(titled_link_role(link.url), link.url)
        elif role is None:
            found.add("code" if on_code_host(link.url) else None, link.url)
        else:
            found.add(role, link.url)
    if title is None:
        title = _quoted_title(text) or _bold_title(text) or _leading_title(text)
    if not found.has_link() and not found.tags:
        return None, False
    model = text_or_none(label["name"]) if label else None
    return found.row(line, style, headings, title=title, model=model), title is not None


def _words(text: str) -> str:
    """The words of `text`: no markdown, punctuation or symbols."""
    return re.sub(r"[\W_]+", " ", plain(text)).strip()


def _before_link(text: str) -> str:
    """The text before its first link (links are marked by NUL in the parsed text)."""
    return text.split("\x00", 1)[0]


def _first_line(text: str) -> str:
    lines = [part for part in text.split(LINE_BREAK) if _words(part)]
    return lines[0] if lines else text


def _quoted_title(text: str) -> str | None:
    """A title in quotes on a line of its own, after the authors ("Authors.<br> "Title"
    **Venue**"), else opening the first line ('"Title" **Venue**') or a citation's title,
    closed by its full stop inside the quotes ('Authors. "Title." Journal 24 (2021)'); quotes
    inside a title ("Nothing Abnormal": ...) do not make one."""
    for line in text.split(LINE_BREAK):
        leading = _before_link(line)
        match = _QUOTED.search(leading)
        if match and not _words(leading[: match.start()] + leading[match.end() :]):
            return text_or_none(match["inner"])
    leading = _before_link(_first_line(text))
    cited = [
        match
        for match in _QUOTED.finditer(leading)
        if _is_title_span(match["inner"])
        and (
            not _words(leading[: match.start()])
            or match["inner"].rstrip("*_ ").endswith((".", "?", "!"))
        )
    ]
    return _without_full_stop(cited[0]["inner"]) if len(cited) == 1 else None


def _bold_title(text: str) -> str | None:
    """A title written in bold: the whole text before the first link on the first line, else
    the one bold span of several words among authors and venue ("**Title**, Authors",
    'Authors. "**Title.**" Journal (2023).', "Authors. **Title**[J]. Journal")."""
    leading = _before_link(_first_line(text))
    match = _BOLD.search(leading)
    if match is None:
        return None
    if _words(leading[: match.start()] + leading[match.end() :]):
        spans = [
            span
            for span in _BOLD.finditer(leading)
            if _is_title_span(span["inner"]) and _stands_as_title(leading, span)
        ]
        if len(spans) != 1:
            return None
        match = spans[0]
    return _without_full_stop(match["inner"])


def _without_full_stop(inner: str) -> str | None:
    """The plain text of a title span, without the full stop or comma a citation puts at its
    end."""
    title = text_or_none(inner)
    return (title.rstrip(" .,\uff0c") or None) if title else None


def _stands_as_title(text: str, span: re.Match[str]) -> bool:
    """Whether a bold span stands where a citation puts its title: first, or after the
    authors' closing full stop ("Authors, et al. **Title**"), and followed by a separator,
    the authors glued to it, or nothing ("**Title**, Authors", "**Title**[J]. Journal")."""
    before = BRACKETED.sub("", text[: span.start()]).rstrip(" " + _OPENING_QUOTES)
    after = text[span.end() :]
    opened = not _words(before) or before.endswith(".")
    closed = (
        not after.strip()
        or after[:1].isalpha()
        or after.lstrip()[:1] in _SEPARATORS
        or span["inner"].rstrip()[-1:] in ",\uff0c"  # "**Title,**" then the authors
    )
    return opened and closed


def _is_title_span(inner: str) -> bool:
    """Whether a bold span can be a title: several words, and not a venue tag."""
    return len(_words(inner).split()) >= _MIN_TITLE_WORDS and parse_venue_tag(inner) is None


def _leading_title(text: str) -> str | None:
    """The plain text before the first link on the first line, up to its first sentence
    ("Title. Authors.")."""
    strip = " :|,;[]" + DASHES
    # A bracketed prefix that is not a known tag ("[npj digital medicine 2023]") is not title,
    # nor a label in emphasis and parentheses after it ("(**MIMIC-ABN**)", "(**workshop**)").
    first = BRACKETED.sub("", _first_line(text))
    before_link = _before_link(first)
    leading = plain(_TRAILING_LABEL.sub("", before_link)).strip(strip) or plain(first).strip(strip)
    leading = _SENTENCE_END.split(leading)[0].strip(" .")
    if leading[:1] in _OPENING_QUOTES and leading[-1:] in _CLOSING_QUOTES:
        leading = leading[1:-1]
    return text_or_none(_balanced(leading))


def _balanced(title: str) -> str:
    """`title` without an opening parenthesis at its end or a closing one at its start."""
    title = title.rstrip(" (") if title.count("(") > title.count(")") else title
    return title.lstrip(") ") if title.count(")") > title.count("(") else title


def with_links_of(parent: Row, child: Row) -> Row:
    """`parent` with the links and tags of an item below it that has no title of its own."""
    return replace(
        parent,
        paper_links=tuple(dict.fromkeys((*parent.paper_links, *child.paper_links))),
        code_links=tuple(dict.fromkeys((*parent.code_links, *child.code_links))),
        project_links=tuple(dict.fromkeys((*parent.project_links, *child.project_links))),
        tags=(*parent.tags, *child.tags),
    )
