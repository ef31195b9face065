"""Inline markdown of one line or table cell: links, badges (a link around an image), images,
HTML fragments (<a>, <img>, <br>), bare URLs, emphasis and escapes, taken apart into plain
text and links."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from medvlm.identifiers import normalise_space

# [text](url "title") and ![alt](src); text may hold one level of nested brackets (badges
# [![alt](src)](target), bracketed labels [[code]](url)); URLs may hold balanced parentheses.
LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[(?:[^\[\]]|\[[^\[\]]*\])*\])*)\]"
    r"\(\s*(?P<url><[^<>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_HTML_LINK = re.compile(
    r"<a\s[^>]*?href\s*=\s*[\"'](?P<url>[^\"']+)[\"'][^>]*>(?P<text>.*?)</a\s*>",
    re.IGNORECASE | re.DOTALL,
)
_HTML_IMAGE = re.compile(
    r"<img\s[^>]*?src\s*=\s*[\"'](?P<src>[^\"']+)[\"'][^>]*?(?:alt\s*=\s*[\"'](?P<alt>[^\"']*)[\"'])?[^>]*>",
    re.IGNORECASE,
)
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
# Small print (<sub>, <sup>): counts, citation numbers, dates and notes, never a title.
_SMALL_PRINT = re.compile(r"<(sub|sup)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# A hard line break inside an entry: "<br>" or a backslash ending a line (markdown).
LINE_BREAK = "\n"
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_BARE_URL = re.compile(
    r"(?<![\w(<\"'=])https?://[^\s<>|\]\[()\"']+(?:\([^\s()]*\)[^\s<>|\]\[()\"']*)*"
)
# Backslash escapes of ASCII punctuation (\_, \|, \$); in "Natural\Medical" the "\" stays.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_EMOJI_CODE = re.compile(r":[a-z0-9_+-]+:")
_EMPHASIS = re.compile(
    r"(\*\*|__)(?=\S)(?P<inner>.+?)(?<=\S)\1"
    r"|(?<![\w*])\*(?=\S)(?P<one>[^*]+?)(?<=\S)\*(?![\w*])"
)
_MARKER = re.compile(r"\x00(\d+)\x01")
QUOTES = "'\u2018\u2019"
DASHES = "-\u2013\u2014"
# Cell and title texts that stand for "nothing".
_PLACEHOLDERS = frozenset(
    {"", "-", "--", "\u2014", "\u2013", "n/a", "na", "none", "/", "tbd", "todo", "x"}
)


@dataclass(frozen=True)
class InlineLink:
    label: str  # plain text of the link; "" for a bare URL
    url: str
    image: str | None = None  # the image URL of a badge (a link around an image)


@dataclass(frozen=True)
class Inline:
    """Inline markdown split into plain text (links and images taken out) and links."""

    text: str  # the text with every link and image replaced by a marker "\x00"
    links: tuple[InlineLink, ...]
    images: tuple[tuple[str, str], ...]  # standalone images: (alt, src)


def strip_emphasis(text: str) -> str:
    """Text without markdown emphasis markers and code-span backticks."""
    previous = None
    while previous != text:
        previous = text
        text = _EMPHASIS.sub(lambda m: m["inner"] or m["one"] or "", text)
    return text.replace("`", "")


def plain(text: str) -> str:
    """Markdown-free, whitespace-normalised text (link markers, HTML tags, small print and
    line breaks removed, HTML character references decoded)."""
    text = _HTML_TAG.sub(" ", _SMALL_PRINT.sub(" ", text.replace("\x00", " ")))
    text = strip_emphasis(_EMOJI_CODE.sub(" ", html.unescape(text)))
    return normalise_space(_ESCAPED.sub(r"\1", text))


def label_text(text: str) -> str:
    """The plain text of `text` with each link replaced by its label and images dropped (a
    cell "<a href=...>MedCLIP</a>" reads "MedCLIP")."""
    text = _HTML_LINK.sub(lambda m: m["text"], text)
    for _ in range(2):  # a badge is an image inside a link
        text = LINK.sub(lambda m: "" if m["bang"] else m["text"], text)
    return plain(text)


def text_or_none(text: str) -> str | None:
    """The plain text, or None for a placeholder ("-", "n/a", "TBD" ...)."""
    value = plain(text)
    return None if value.lower() in _PLACEHOLDERS else value


def _clean_url(url: str) -> str:
    return url.strip().strip("<>").strip()


def parse_inline(text: str) -> Inline:
    """Find links, badges, images and bare URLs in `text` (one entry or cell), in the order
    they are written; `<br>` is a line break (`LINE_BREAK`) and small print is dropped."""
    text = _HTML_BREAK.sub(LINE_BREAK, _SMALL_PRINT.sub(" ", text))
    found: list[InlineLink] = []
    images: list[tuple[str, str]] = []

    def marker(link: InlineLink) -> str:
        # Numbered while the passes run (HTML links, markdown links, bare URLs), so that the
        # links can be put in the order they are written; "\x00" once done.
        found.append(link)
        return f"\x00{len(found) - 1}\x01"

    def html_link(match: re.Match[str]) -> str:
        inner = match["text"]
        image = _HTML_IMAGE.search(inner)
        if image:
            label = image["alt"] or ""
            return marker(InlineLink(plain(label), _clean_url(match["url"]), image["src"]))
        return marker(InlineLink(plain(inner), _clean_url(match["url"])))

    def html_image(match: re.Match[str]) -> str:
        images.append((match["alt"] or "", match["src"]))
        return " "

    text = _HTML_LINK.sub(html_link, text)
    text = _HTML_IMAGE.sub(html_image, text)

    def md_link(match: re.Match[str]) -> str:
        url = _clean_url(match["url"])
        if match["bang"]:
            images.append((match["text"], url))
            return " "
        inner = match["text"]
        image = LINK.fullmatch(inner.strip())
        if image and image["bang"]:  # a badge: [![alt](src)](target)
            return marker(InlineLink(plain(image["text"]), url, _clean_url(image["url"])))
        return marker(InlineLink(plain(LINK.sub(lambda m: m["text"], inner)), url))

    text = LINK.sub(md_link, text)
    text = _BARE_URL.sub(lambda m: marker(InlineLink("", m[0].rstrip(".,;:"))), text)
    order = [int(number) for number in _MARKER.findall(text)]
    return Inline(_MARKER.sub("\x00", text), tuple(found[i] for i in order), tuple(images))
