"""Parse an awesome-list README (markdown tables and bullet lists) into paper rows. Pure: no I/O.

`parse_markdown(text)` returns one `Row` per paper entry, in file order, each with the line it
came from, the headings above it, and what the entry says: title, model name, domain, task,
links (paper, code, project) and venue/year tags. Nothing is interpreted beyond the markdown:
mapping headings to taxonomy terms, canonicalising links and merging rows are the job of
`medvlm.seeding`.

What is understood:
- Tables in any column order. Columns are recognised by their header words (`COLUMN_WORDS`):
  title ("Paper", "Paper Names", "Title"), model ("Model Names"), domain ("Natural\\Medical",
  "Domain"), task ("Tasks"), paper link ("PDF", "Paper Link", "arXiv"), code ("Code",
  "GitHub"), project, venue and year. A title cell holding a link gives the title and the
  paper link at once. Cells may hold several links, bare URLs, badges and `<br>`.
- Bullet lists: `- [Title](url) [[code](url)] [MICCAI 2024]`, `- **CVPR'24** [Title](url)`,
  `- Title. [[paper](url)]`, badges (`[![Star](https://img.shields.io/...)](https://github...)`,
  shields badges naming a venue), indented lines continuing an item, and indented sub-items
  that only add links (`  - [code](url)`) to the item above them.
- Venue and year tags in brackets, parentheses, emphasis or code spans, and in table columns:
  `[MICCAI 2024]`, `**CVPR'24**`, `(NeurIPS 2023)`, `[2023]`, `MICCAI24`.
- Headings (ATX `#` ... `######`); fenced code blocks and HTML comments are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal
from urllib.parse import unquote

from medvlm.identifiers import name_key, normalise_space
from medvlm.links import on_hosts, short_venue

# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VenueTag:
    """A venue and/or year an entry is tagged with; `text` is the tag as written."""

    text: str
    venue: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class Row:
    """One paper entry of a list, as written (markdown removed, links not yet canonicalised).

    `headings` are the headings above the entry, outermost first; `task` is the text of a
    table column naming the task; `domain` the text of a "Natural/Medical" or "Domain" column.
    """

    line: int
    style: Literal["table", "bullet"]
    headings: tuple[str, ...] = ()
    title: str | None = None
    model: str | None = None
    domain: str | None = None
    task: str | None = None
    paper_links: tuple[str, ...] = ()
    code_links: tuple[str, ...] = ()
    project_links: tuple[str, ...] = ()
    tags: tuple[VenueTag, ...] = ()

    @property
    def section(self) -> str | None:
        """The innermost heading above the entry."""
        return self.headings[-1] if self.headings else None

    @property
    def links(self) -> tuple[str, ...]:
        return (*self.paper_links, *self.code_links, *self.project_links)


@dataclass(frozen=True)
class Ignored:
    """Part of the file that looked like a list of papers but gave no rows, and why."""

    line: int
    reason: str


@dataclass(frozen=True)
class ParsedList:
    rows: tuple[Row, ...]
    ignored: tuple[Ignored, ...] = ()


# --- inline markdown --------------------------------------------------------------------------

# [text](url "title") and ![alt](src); text may hold one level of nested brackets (badges
# [![alt](src)](target), bracketed labels [[code]](url)); URLs may hold balanced parentheses.
_LINK = re.compile(
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
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_BARE_URL = re.compile(
    r"(?<![\w(<\"'=])https?://[^\s<>|\]\[()\"']+(?:\([^\s()]*\)[^\s<>|\]\[()\"']*)*"
)
# Backslash escapes of markdown punctuation (\_ or \|); in "Natural\Medical" the "\" stays.
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_EMOJI_CODE = re.compile(r":[a-z0-9_+-]+:")
_EMPHASIS = re.compile(
    r"(\*\*|__)(?=\S)(?P<inner>.+?)(?<=\S)\1"
    r"|(?<![\w*])\*(?=\S)(?P<one>[^*]+?)(?<=\S)\*(?![\w*])"
)
_QUOTES = "'\u2018\u2019"
_DASHES = "-\u2013\u2014"


@dataclass(frozen=True)
class _Link:
    label: str  # plain text of the link; "" for a bare URL
    url: str
    image: str | None = None  # the image URL of a badge (a link around an image)


@dataclass(frozen=True)
class _Inline:
    """Inline markdown split into plain text (links and images taken out) and links."""

    text: str  # the text with every link and image replaced by a marker "\x00"
    links: tuple[_Link, ...]
    images: tuple[tuple[str, str], ...]  # standalone images: (alt, src)


def strip_emphasis(text: str) -> str:
    """Text without markdown emphasis markers and code-span backticks."""
    previous = None
    while previous != text:
        previous = text
        text = _EMPHASIS.sub(lambda m: m["inner"] or m["one"] or "", text)
    return text.replace("`", "")


def _plain(text: str) -> str:
    """Markdown-free, whitespace-normalised text (link markers and HTML removed)."""
    text = _HTML_TAG.sub(" ", text.replace("\x00", " "))
    text = strip_emphasis(_EMOJI_CODE.sub(" ", text))
    return normalise_space(_ESCAPED.sub(r"\1", text))


def _clean_url(url: str) -> str:
    return url.strip().strip("<>").strip()


def _inline(text: str) -> _Inline:
    """Find links, badges, images and bare URLs in `text` (one line or cell)."""
    text = _HTML_BREAK.sub(" ", text)
    links: list[_Link] = []
    images: list[tuple[str, str]] = []

    def html_link(match: re.Match[str]) -> str:
        inner = match["text"]
        image = _HTML_IMAGE.search(inner)
        if image:
            label = image["alt"] or ""
            links.append(_Link(_plain(label), _clean_url(match["url"]), image["src"]))
        else:
            links.append(_Link(_plain(inner), _clean_url(match["url"])))
        return "\x00"

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
        image = _LINK.fullmatch(inner.strip())
        if image and image["bang"]:  # a badge: [![alt](src)](target)
            links.append(_Link(_plain(image["text"]), url, _clean_url(image["url"])))
        else:
            links.append(_Link(_plain(_LINK.sub(lambda m: m["text"], inner)), url))
        return "\x00"

    text = _LINK.sub(md_link, text)

    def bare(match: re.Match[str]) -> str:
        links.append(_Link("", match[0].rstrip(".,;:")))
        return "\x00"

    text = _BARE_URL.sub(bare, text)
    return _Inline(text, tuple(links), tuple(images))


# --- link labels ------------------------------------------------------------------------------

LinkRole = Literal["paper", "code", "project"]

CODE_LABELS = frozenset(
    {
        "code",
        "codes",
        "github",
        "gitlab",
        "repo",
        "repository",
        "implementation",
        "official code",
        "source code",
        "official implementation",
        "github repo",
        "pytorch",
        "tensorflow",
        "jax",
    }
)
PROJECT_LABELS = frozenset(
    {
        "project",
        "project page",
        "project website",
        "homepage",
        "home page",
        "website",
        "webpage",
        "web page",
        "page",
        "site",
        "demo",
        "blog",
    }
)
PAPER_LABELS = frozenset(
    {
        "pdf",
        "paper",
        "arxiv",
        "link",
        "doi",
        "abs",
        "abstract",
        "html",
        "url",
        "openreview",
        "springer",
        "ieee",
        "acm",
        "sciencedirect",
        "nature",
        "article",
        "fulltext",
        "full text",
        "preprint",
        "proceedings",
        "publication",
        "pubmed",
        "pmc",
        "biorxiv",
        "medrxiv",
        "cvf",
        "journal",
        "paper link",
        "pdf link",
        "arxiv link",
    }
)
CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org")


def _label_role(label: str) -> LinkRole | None:
    """What a link's label says it points to; None for a label that is not a generic word
    (in a bullet, that is the paper's title)."""
    key = name_key(label)
    if key in CODE_LABELS:
        return "code"
    if key in PROJECT_LABELS:
        return "project"
    if key in PAPER_LABELS or not key:
        return "paper"
    return None


def _on_code_host(url: str) -> bool:
    return on_hosts(url, CODE_HOSTS)


_SHIELDS = re.compile(r"img\.shields\.io/badge/(?P<body>[^?#]+)", re.IGNORECASE)


def _shields_text(src: str) -> str | None:
    """The label and message of a static shields.io badge ("MICCAI-2024-blue" -> "MICCAI 2024")."""
    match = _SHIELDS.search(src)
    if not match:
        return None
    body = unquote(match["body"]).removesuffix(".svg")
    parts = re.split(r"(?<!-)-(?!-)", body)
    words = parts[:-1] if len(parts) > 1 else parts  # the last part is the colour
    return " ".join(part.replace("--", "-").replace("__", "_").replace("_", " ") for part in words)


def _badge_role(label: str, image: str, target: str) -> LinkRole | None:
    """What a badge links to: stars and GitHub badges are code, arXiv/paper badges the paper."""
    words = f"{label} {image}".lower()
    if _on_code_host(target) or re.search(r"star|github|code|fork", words):
        return "code"
    if re.search(r"arxiv|paper|pdf|doi", words):
        return "paper"
    if re.search(r"project|website|homepage|demo", words):
        return "project"
    return None


# --- venue and year tags ----------------------------------------------------------------------

_YEAR = re.compile(
    r"(?<![\d.])(?:(?P<y4>(?:19[5-9]|20\d)\d)|['\u2018\u2019](?P<y2>\d{2})|(?<=[A-Za-z])(?P<yx>\d{2})$)(?!\d)"
)
# A venue acronym not in the venue table ("TMI", "IEEE TMI", "ML4H"): only trusted with a year.
_ACRONYM = re.compile(
    r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9&-]{0,11}(?: [A-Z][A-Za-z0-9&-]{0,11}){0,2}$"
)
_MAX_TAG = 120


def parse_venue_tag(text: str, *, need_year: bool = False) -> VenueTag | None:
    """The venue and year a short tag names ("MICCAI 2024", "CVPR'24", "2023", "Nature
    Medicine"), or None when `text` is not such a tag (a title, a word).

    `need_year`: accept only tags with a year (for emphasis, where a venue-like phrase alone
    is more likely part of a title).
    """
    tag = normalise_space(strip_emphasis(text)).strip(" .,;:[](){}")
    if not tag or len(tag) > _MAX_TAG or ":" in tag:
        return None
    year_match = _YEAR.search(tag)
    year = None
    rest = tag
    if year_match:
        digits = year_match["y4"] or year_match["y2"] or year_match["yx"]
        year = int(digits) if len(digits) == 4 else 2000 + int(digits)
        rest = normalise_space(tag[: year_match.start()] + " " + tag[year_match.end() :])
    rest = rest.strip(" .,;:-/" + _QUOTES)
    venue = None
    if rest:
        venue = short_venue(rest)
        if venue is None and year is not None and _ACRONYM.fullmatch(rest):
            venue = rest
        if venue is None:
            return None
    if year is None and (need_year or venue is None):
        return None
    return VenueTag(normalise_space(text), venue, year)


# Bracketed, parenthesised, emphasised or code-span text that may be a tag.
_TAG_CANDIDATES = re.compile(
    r"\[(?P<bracket>[^\[\]\x00]{1,120})\](?!\()"
    r"|\((?P<paren>[^()\x00]{1,120})\)"
    r"|(?P<mark>\*\*|__)(?P<strong>[^*_\x00]{1,120}?)(?P=mark)"
    r"|(?<![\w*])\*(?P<em>[^*\x00]{1,120}?)\*(?![\w*])"
    r"|`(?P<code>[^`\x00]{1,120})`"
)


def _take_tags(text: str) -> tuple[str, list[VenueTag]]:
    """Venue/year tags in `text`, and the text without them."""
    tags: list[VenueTag] = []

    def take(match: re.Match[str]) -> str:
        emphasis = match["strong"] is not None or match["em"] is not None
        inner = (
            match["bracket"] or match["paren"] or match["strong"] or match["em"] or match["code"]
        )
        tag = parse_venue_tag(inner or "", need_year=emphasis)
        if tag is None:
            return match[0]
        tags.append(tag)
        return " "

    return _TAG_CANDIDATES.sub(take, text), tags


# --- tables -----------------------------------------------------------------------------------

Role = Literal[
    "index", "title", "model", "domain", "task", "paper", "code", "project", "venue", "year"
]

# Header words -> column role; the first rule whose word occurs in the header wins, so that
# "Paper Link" is a link column and "Model Names" a model column.
COLUMN_WORDS: tuple[tuple[Role, tuple[str, ...]], ...] = (
    ("code", ("code", "github", "repo", "repository", "implementation")),
    ("project", ("project", "homepage", "website")),
    ("paper", ("pdf", "link", "links", "url", "arxiv", "doi")),
    ("task", ("task", "tasks")),
    ("domain", ("natural", "domain")),
    ("model", ("model", "models", "method", "methods")),
    ("venue", ("venue", "conference", "journal", "published", "publication venue", "pub")),
    ("year", ("year", "date")),
    ("title", ("paper", "papers", "title", "titles", "name", "names", "publication", "work")),
    ("index", ("index", "no", "num", "number", "id", "")),
)

_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_PLACEHOLDERS = frozenset(
    {"", "-", "--", "\u2014", "\u2013", "n/a", "na", "none", "/", "tbd", "todo", "x"}
)


def column_role(header: str) -> Role | None:
    """The role of a table column from its header text; None for columns not used (authors,
    descriptions ...)."""
    words = set(name_key(_plain(_inline(header).text)).split())
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


def _is_table_start(lines: Sequence[str], index: int) -> bool:
    return (
        index + 1 < len(lines)
        and "|" in lines[index]
        and bool(_DELIMITER.match(lines[index + 1]))
        and "-" in lines[index + 1]
    )


def _text_or_none(text: str) -> str | None:
    value = _plain(text)
    return None if value.lower() in _PLACEHOLDERS else value


@dataclass
class _Collected:
    """Links and tags gathered for one entry."""

    paper: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    project: list[str] = field(default_factory=list)
    tags: list[VenueTag] = field(default_factory=list)

    def add(self, role: LinkRole | None, url: str) -> None:
        if not url or url.startswith("#") or role is None:
            return
        target = {"paper": self.paper, "code": self.code, "project": self.project}[role]
        if url not in target:
            target.append(url)

    def add_image_tags(self, inline: _Inline) -> None:
        sources = [(alt, src) for alt, src in inline.images]
        sources += [(link.label, link.image) for link in inline.links if link.image]
        for alt, src in sources:
            for text in (_shields_text(src), alt):
                tag = parse_venue_tag(text or "", need_year=True)
                if tag is not None:
                    self.tags.append(tag)
                    break


def _cell_links(inline: _Inline, column: LinkRole, found: _Collected) -> None:
    for link in inline.links:
        if link.image:
            found.add(_badge_role(link.label, link.image, link.url) or column, link.url)
            continue
        role = _label_role(link.label)
        found.add(role if role in ("code", "project") else column, link.url)


def _table_row(
    cells: Sequence[str], roles: Sequence[Role | None], line: int, headings: tuple[str, ...]
) -> Row | None:
    found = _Collected()
    values: dict[str, str | None] = {}
    venue: VenueTag | None = None
    year: int | None = None
    for cell, role in zip(cells, roles, strict=False):
        if role is None or role == "index":
            continue
        inline = _inline(cell)
        found.add_image_tags(inline)
        if role in ("paper", "code", "project"):
            _cell_links(inline, role, found)
        elif role == "title":
            # Two title-like columns ("Title", and "Paper" holding [arXiv](...)): the first
            # with text gives the title; both give links.
            title = _title_cell(inline, found)
            values["title"] = values.get("title") or title
        elif role == "venue":
            text = _text_or_none(inline.text)
            venue = _venue_cell(text) if text else venue
        elif role == "year":
            match = _YEAR.search(_plain(inline.text))
            year = int(match["y4"]) if match and match["y4"] else year
        else:
            values[role] = _text_or_none(inline.text)
            _cell_links(inline, "paper", found)
    if venue is not None or year is not None:
        # The venue and year columns make one tag: the year is the venue's.
        text = " ".join(str(part) for part in (venue and venue.text, year) if part)
        found.tags.append(
            VenueTag(text, venue.venue if venue else None, (venue and venue.year) or year)
        )
    row = Row(
        line=line,
        style="table",
        headings=headings,
        title=values.get("title"),
        model=values.get("model"),
        domain=values.get("domain"),
        task=values.get("task"),
        paper_links=tuple(found.paper),
        code_links=tuple(found.code),
        project_links=tuple(found.project),
        tags=tuple(found.tags),
    )
    return row if row.title or row.model or row.links else None


def _venue_cell(text: str) -> VenueTag:
    """A venue column's value: a tag when it reads as one, else the text as the venue name."""
    tag = parse_venue_tag(text)
    if tag is not None:
        return tag
    year = _YEAR.search(text)
    name = normalise_space(_YEAR.sub(" ", text)).strip(" ,.;" + _QUOTES)
    digits = year["y4"] if year else None
    return VenueTag(text, short_venue(name) or name or None, int(digits) if digits else None)


def _link_role(link: _Link) -> LinkRole | None:
    """What a link points to by its label, or its badge; None for a title-like label."""
    if link.image is not None:
        return _badge_role(link.label, link.image, link.url)
    return _label_role(link.label)


def _title_cell(inline: _Inline, found: _Collected) -> str | None:
    """The title in a title cell: the label of a link around it, else the cell's text."""
    title = None
    for link in inline.links:
        role = _link_role(link)
        if role is None and title is None and link.image is None:
            title = link.label
            found.add("code" if _on_code_host(link.url) else "paper", link.url)
        else:
            found.add(role or "paper", link.url)
    if title is None:
        text, tags = _take_tags(inline.text)
        found.tags.extend(tags)
        title = _text_or_none(text)
    return title


def _parse_table(
    lines: Sequence[str], start: int, headings: tuple[str, ...]
) -> tuple[list[Row], list[Ignored], int]:
    """The rows of the table whose header is on `lines[start]`, and the index after it."""
    roles = [column_role(cell) for cell in split_cells(lines[start])]
    end = start + 2
    while end < len(lines) and "|" in lines[end] and lines[end].strip():
        end += 1
    if not any(role in ("title", "model", "paper", "code") for role in roles):
        reason = "table without a paper, title, model or link column; not read"
        return [], [Ignored(start + 1, reason)], end
    rows = []
    for index in range(start + 2, end):
        row = _table_row(split_cells(lines[index]), roles, index + 1, headings)
        if row is not None:
            rows.append(row)
    if not any(row.links for row in rows):
        # A table of contents or of counts: papers come with links.
        return [], [Ignored(start + 1, "table without any link; not read")], end
    return rows, [], end


# --- bullet lists -----------------------------------------------------------------------------

_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d{1,3}[.)])\s+(?P<body>.*)$")
_HEADING = re.compile(r"^\s{0,3}(?P<marks>#{1,6})(?:\s+(?P<text>.*?))?\s*#*\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]])\.\s+(?=[A-Z])")


def _bullet(body: str, line: int, headings: tuple[str, ...]) -> tuple[Row | None, bool]:
    """The row of a list item, and whether the item has a title of its own (an item without
    one only adds its links to the item above)."""
    inline = _inline(body)
    found = _Collected()
    found.add_image_tags(inline)
    title: str | None = None
    for link in inline.links:
        if link.image:
            found.add(_badge_role(link.label, link.image, link.url), link.url)
            continue
        role = _label_role(link.label)
        tag = parse_venue_tag(link.label) if role is None else None
        if tag is not None:  # [MICCAI 2024](https://conference.org): a tag, not a title
            found.tags.append(tag)
        elif role is None and title is None:
            title = link.label
            found.add("code" if _on_code_host(link.url) else "paper", link.url)
        elif role is None:
            found.add("code" if _on_code_host(link.url) else None, link.url)
        else:
            found.add(role, link.url)
    text, tags = _take_tags(inline.text)
    found.tags.extend(tags)
    if title is None:
        title = _bold_title(text) or _leading_title(text)
    has_link = bool(found.paper or found.code or found.project)
    if not has_link and not found.tags:
        return None, False
    row = Row(
        line=line,
        style="bullet",
        headings=headings,
        title=title,
        paper_links=tuple(found.paper),
        code_links=tuple(found.code),
        project_links=tuple(found.project),
        tags=tuple(found.tags),
    )
    return row, title is not None


def _bold_title(text: str) -> str | None:
    match = re.search(r"(\*\*|__)(?P<inner>[^\x00]+?)\1", text)
    return _text_or_none(match["inner"]) if match else None


def _leading_title(text: str) -> str | None:
    """The plain text before the first link, up to its first sentence ("Title. Authors.")."""
    strip = " :|,;[]()" + _DASHES
    plain = _plain(text.split("\x00", 1)[0]).strip(strip) or _plain(text).strip(strip)
    plain = _SENTENCE_END.split(plain)[0].strip(" .")
    plain = plain.strip(' "\u201c\u201d' + _QUOTES)
    return _text_or_none(plain)


def _merge_links(parent: Row, child: Row) -> Row:
    return replace(
        parent,
        paper_links=tuple(dict.fromkeys((*parent.paper_links, *child.paper_links))),
        code_links=tuple(dict.fromkeys((*parent.code_links, *child.code_links))),
        project_links=tuple(dict.fromkeys((*parent.project_links, *child.project_links))),
        tags=(*parent.tags, *child.tags),
    )


# --- document ---------------------------------------------------------------------------------


def _without_comments(text: str) -> list[str]:
    """The lines of `text` with HTML comments blanked (line numbers kept)."""

    def blank(match: re.Match[str]) -> str:
        return "\n" * match[0].count("\n")

    return re.sub(r"<!--.*?-->", blank, text, flags=re.DOTALL).splitlines()


def heading_text(raw: str) -> str:
    """A heading without markdown, emoji codes, anchors and leading numbering ("2.1 ")."""
    text = _plain(_LINK.sub(lambda m: "" if m["bang"] else m["text"], raw))
    text = re.sub(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+", "", text)
    return text.strip(" :")


def _item_lines(lines: Sequence[str], start: int) -> tuple[str, int]:
    """The text of the list item starting at `lines[start]` with its continuation lines."""
    match = _ITEM.match(lines[start])
    assert match is not None
    parts = [match["body"]]
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if (
            not line.strip()
            or _ITEM.match(line)
            or _HEADING.match(line)
            or _FENCE.match(line)
            or _is_table_start(lines, index)
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
            elif _is_table_start(lines, index):
                yield "table", index
            elif _ITEM.match(line):
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
            table_rows, table_ignored, skip_to = _parse_table(lines, index, current)
            rows.extend(table_rows)
            ignored.extend(table_ignored)
            parents = []
            continue
        item = _ITEM.match(lines[index])
        assert item is not None
        indent = len(item["indent"].expandtabs(4))
        body, skip_to = _item_lines(lines, index)
        row, titled = _bullet(body, index + 1, current)
        parents = [(ind, pos) for ind, pos in parents if ind < indent]
        if row is None:
            continue
        if not titled and parents:
            parent_index = parents[-1][1]
            rows[parent_index] = _merge_links(rows[parent_index], row)
            continue
        rows.append(row)
        if titled:
            parents.append((indent, len(rows) - 1))
    return ParsedList(tuple(rows), tuple(ignored))
