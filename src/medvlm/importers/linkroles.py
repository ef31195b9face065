"""What a link of a list entry points to (the paper, its code, a project page), from its label
("[code]", "[PDF]"), its badge (a stars badge, an arXiv badge) or its host; and the links and
tags gathered for one entry."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import unquote

from medvlm.identifiers import name_key
from medvlm.importers.entries import Row, RowStyle, VenueTag
from medvlm.importers.inline import Inline, InlineLink
from medvlm.importers.venuetags import parse_venue_tag
from medvlm.links import on_hosts

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
        # Data and released models: a download page, not the paper.
        "data",
        "dataset",
        "datasets",
        "download",
        "model",
        "models",
        "weights",
        "checkpoint",
        "checkpoints",
        "hugging face",
        "huggingface",
        "hf",
        "pypi",
        "toolbox",
        "leaderboard",
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
# Repository hosts: a link on one is code even when its label does not say so.
CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org")


def label_role(label: str) -> LinkRole | None:
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


def on_code_host(url: str) -> bool:
    return on_hosts(url, CODE_HOSTS)


def titled_link_role(url: str) -> LinkRole:
    """The role of the link around an entry's title: code on a code host, else the paper."""
    return "code" if on_code_host(url) else "paper"


_SHIELDS = re.compile(r"img\.shields\.io/badge/(?P<body>[^?#]+)", re.IGNORECASE)


def _shields_text(src: str) -> str | None:
    """What a static shields.io badge says: label and message ("MICCAI-2024-blue" -> "MICCAI
    2024"), or the message alone after a generic label ("Paper-Nat%20Med%202023-1f77b4" ->
    "Nat Med 2023")."""
    match = _SHIELDS.search(src)
    if not match:
        return None
    body = unquote(match["body"]).removesuffix(".svg")
    parts = re.split(r"(?<!-)-(?!-)", body)
    words = parts[:-1] if len(parts) > 1 else parts  # the last part is the colour
    texts = [part.replace("--", "-").replace("__", "_").replace("_", " ") for part in words]
    if len(texts) > 1 and label_role(texts[0]) is not None:
        texts = texts[1:]
    return " ".join(texts)


def badge_role(label: str, image: str, target: str) -> LinkRole | None:
    """What a badge links to: stars and GitHub badges are code, arXiv/paper badges the paper."""
    words = f"{label} {image}".lower()
    if on_code_host(target) or re.search(r"star|github|code|fork", words):
        return "code"
    if re.search(r"arxiv|paper|pdf|doi", words):
        return "paper"
    if re.search(r"project|website|homepage|demo|dataset|data\b|hugging", words):
        return "project"
    return None


def link_role(link: InlineLink) -> LinkRole | None:
    """What a link points to by its label, or its badge; None for a title-like label."""
    if link.image is not None:
        return badge_role(link.label, link.image, link.url)
    return label_role(link.label)


_README_ANCHOR = re.compile(r"^https?://(?:www\.)?github\.com/[^/?#]+/[^/?#]+/?#", re.IGNORECASE)


def _readme_anchor(url: str) -> bool:
    """A link to a section of a repository's README (a list's own table of contents)."""
    return bool(_README_ANCHOR.match(url))


@dataclass
class Collected:
    """Links and tags gathered for one entry."""

    paper: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    project: list[str] = field(default_factory=list)
    tags: list[VenueTag] = field(default_factory=list)

    def add(self, role: LinkRole | None, url: str) -> None:
        if not url or url.startswith("#") or role is None or _readme_anchor(url):
            return
        target = {"paper": self.paper, "code": self.code, "project": self.project}[role]
        if url not in target:
            target.append(url)

    def add_image_tags(self, inline: Inline) -> None:
        sources = [(alt, src) for alt, src in inline.images]
        sources += [(link.label, link.image) for link in inline.links if link.image]
        for alt, src in sources:
            for text in (_shields_text(src), alt):
                tag = parse_venue_tag(text or "", need_year=True)
                if tag is not None:
                    self.tags.append(tag)
                    break

    def has_link(self) -> bool:
        return bool(self.paper or self.code or self.project)

    def row(
        self,
        line: int,
        style: RowStyle,
        headings: tuple[str, ...],
        title: str | None,
        model: str | None = None,
        domain: str | None = None,
        task: str | None = None,
    ) -> Row:
        """The entry's row: the texts given, and the links and tags gathered."""
        return Row(
            line=line,
            style=style,
            headings=headings,
            title=title,
            model=model,
            domain=domain,
            task=task,
            paper_links=tuple(self.paper),
            code_links=tuple(self.code),
            project_links=tuple(self.project),
            tags=tuple(self.tags),
        )
