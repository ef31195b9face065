"""URLs as the canonicalisation rules see them: parts, a rule's rewrite, the rule, host tests."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from urllib.parse import unquote_plus, urlsplit


@dataclass(frozen=True)
class UrlParts:
    """A URL split for the rules. The query keeps its raw `name=value` items, so that a URL no
    rule touches comes back exactly as written."""

    scheme: str
    host: str
    path: str = ""
    query: tuple[str, ...] = ()
    fragment: str = ""
    bare_question: bool = False  # a "?" with nothing after it

    @classmethod
    def parse(cls, text: str) -> UrlParts | None:
        try:
            split = urlsplit(text)
        except ValueError:  # e.g. an unbalanced "[" in the host
            return None
        before_fragment = text.split("#", 1)[0]
        return cls(
            scheme=split.scheme.lower(),
            host=split.netloc.lower(),
            path=split.path,
            query=tuple(split.query.split("&")) if split.query else (),
            fragment=split.fragment,
            bare_question=not split.query and before_fragment.endswith("?"),
        )

    def text(self) -> str:
        query = "?" + "&".join(self.query) if self.query else ("?" if self.bare_question else "")
        fragment = "#" + self.fragment if self.fragment else ""
        return f"{self.scheme}://{self.host}{self.path}{query}{fragment}"

    def param_names(self) -> tuple[str, ...]:
        return tuple(param_name(item) for item in self.query)

    def param(self, name: str) -> str | None:
        """The first value of query parameter `name` (case-insensitive), decoded."""
        for item in self.query:
            if param_name(item) == name.lower():
                return unquote_plus(item.partition("=")[2])
        return None


def param_name(item: str) -> str:
    """The decoded, lower-case name of a raw `name=value` query item."""
    return unquote_plus(item.partition("=")[0]).lower()


def page(host: str, path: str) -> UrlParts:
    """A rebuilt landing page: https, no query, no fragment."""
    return UrlParts(scheme="https", host=host, path=path)


@dataclass(frozen=True)
class Rewrite:
    """What a rule found: the new URL (None drops the link) and any identifier."""

    url: UrlParts | None
    arxiv: str | None = None
    doi: str | None = None
    reason: str | None = None


def changed_page(found: UrlParts, url: UrlParts) -> Rewrite | None:
    """A rewrite to the landing page `found`, or None when `url` is that page already."""
    return None if found == url else Rewrite(found)


@dataclass(frozen=True)
class Rule:
    """A named step of `canonicalise`. `hosts` limits it to those hosts and their subdomains
    (None: every host); `apply` returns None when the rule has nothing to do."""

    name: str
    hosts: frozenset[str] | None
    apply: Callable[[UrlParts], Rewrite | None]

    def matches(self, host: str) -> bool:
        return self.hosts is None or host_in(host, self.hosts)


def hosts(text: str) -> frozenset[str]:
    """The hosts named in `text`, separated by whitespace."""
    return frozenset(text.split())


def host_in(host: str, known: Collection[str]) -> bool:
    """Whether `host` (port ignored) is one of `known` or a subdomain of one."""
    bare = host.split(":", 1)[0]
    return bare in known or any(bare.endswith("." + name) for name in known)


# The host of a link as lists write it: the scheme may be missing.
_URL_HOST = re.compile(r"^(?:https?://)?(?:www\.)?([^/?#:]+)", re.IGNORECASE)


def on_hosts(url: str, known: Collection[str]) -> bool:
    """Whether `url` (scheme optional) is on one of `known` hosts or a subdomain of one."""
    match = _URL_HOST.match(url)
    return match is not None and host_in(match.group(1).lower(), known)
