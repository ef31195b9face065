"""`canonicalise(url)`: the link worth storing for a link found in a paper list, and the arXiv
id and DOI it carries.

The stable landing page rather than a PDF, never a signed download that expires, no tracking
parameters. `canonicalise` runs the ordered table `RULES`; each rule is a small function that
applies to a few hosts and either rewrites the URL, extracts an identifier, or drops the URL
with a reason (doi_rules.py, page_rules.py, query_rules.py). `LinkResult.rules` names the rules
that applied, so an importer can report what it changed.

Decisions worth knowing:
- MICCAI open-access PDFs (papers.miccai.org/miccai-2024/paper/0254_paper.pdf) are kept: the
  paper's HTML page is named "<running number>-Paper<id>.html" and the running number is not
  in the PDF's URL, so the page cannot be derived.
- ScienceDirect DOIs cannot be derived from a PII offline; the PII page is stored instead.
- arXiv's DataCite DOIs (10.48550/arXiv.<id>) become the arXiv id, not a DOI, so that they
  never look like a publisher's DOI to duplicate detection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from medvlm.identifiers import arxiv_id_or_none, doi_or_none, normalise_space
from medvlm.links.doi_rules import DOI_RULES
from medvlm.links.page_rules import PAGE_RULES
from medvlm.links.query_rules import QUERY_RULES, is_signed
from medvlm.links.urls import Rewrite, Rule, UrlParts, hosts


@dataclass(frozen=True)
class LinkResult:
    """What `canonicalise` made of one link.

    `url` is the URL to store, or None when the link is dropped (`dropped_reason` says why);
    `arxiv` is a bare arXiv id and `doi` a lower-case DOI, when the link carries one; `rules`
    names what applied, in order: names from `RULES`, plus "bare-doi", "bare-arxiv" (an
    identifier written instead of a URL), "scheme-added", "space-encoded" and
    "signed-stripped" (a signed URL replaced by its stable page); `is_pdf` tells that `url` is
    a PDF file (no landing page is known for it), so it belongs in a record's `links.pdf`.
    """

    url: str | None
    arxiv: str | None = None
    doi: str | None = None
    rules: tuple[str, ...] = ()
    dropped_reason: str | None = None
    is_pdf: bool = False

    @property
    def dropped(self) -> bool:
        return self.url is None


# Hosts that serve https; an http link to them is upgraded (lists often copy old http links).
HTTPS_HOSTS = hosts(
    """arxiv.org openaccess.thecvf.com link.springer.com ieeexplore.ieee.org sciencedirect.com
    proceedings.mlr.press proceedings.neurips.cc papers.nips.cc nature.com aclanthology.org
    ojs.aaai.org ncbi.nlm.nih.gov dl.acm.org onlinelibrary.wiley.com pubs.rsna.org github.com
    doi.org papers.miccai.org openreview.net frontiersin.org jmir.org"""
)


def _https_upgrade(url: UrlParts) -> Rewrite | None:
    return Rewrite(replace(url, scheme="https")) if url.scheme == "http" else None


# The rules, in the order they run. Site rules come first (they rebuild URLs from the path and
# so discard signed query strings they can replace); the query clean-up runs on what is left.
RULES: tuple[Rule, ...] = (
    Rule("https-upgrade", HTTPS_HOSTS, _https_upgrade),
    *DOI_RULES,
    *PAGE_RULES,
    *QUERY_RULES,
)

# A link written without a scheme: "arxiv.org/abs/...", "www.nature.com/articles/...".
_SCHEMELESS = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/:?#]|$)", re.IGNORECASE)


def _bare_identifier(text: str) -> LinkResult | None:
    """A bare DOI or arXiv id written where a URL was expected."""
    if re.match(r"^(?:doi:\s*)?10\.\d{4,9}/\S+$", text, re.IGNORECASE):
        doi = doi_or_none(text)
        if doi is not None:
            return _run_rules(f"https://doi.org/{doi}", ("bare-doi",))
    if re.match(
        r"^(?:arxiv:\s*)?(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$",
        text,
        re.IGNORECASE,
    ):
        arxiv = arxiv_id_or_none(text)
        if arxiv is None:
            return None
        return LinkResult(f"https://arxiv.org/abs/{arxiv}", arxiv=arxiv, rules=("bare-arxiv",))
    return None


def canonicalise(url: str) -> LinkResult:
    """The stable URL to store for `url`, the identifiers it carries, and what was changed.

    Never raises: text that is not an http(s) URL gives a result with `url=None` and a reason.
    """
    text = normalise_space(url).strip("<>")
    if not text:
        return LinkResult(None, dropped_reason="empty link")
    bare = _bare_identifier(text)
    if bare is not None:
        return bare
    if "://" not in text and _SCHEMELESS.match(text):
        return _run_rules(f"https://{text}", ("scheme-added",))
    return _run_rules(text, ())


def _run_rules(text: str, applied: tuple[str, ...]) -> LinkResult:
    """Run `RULES` over an absolute URL; `applied` names rules already applied to get it."""
    parts = UrlParts.parse(text)
    if parts is None or parts.scheme not in ("http", "https") or not parts.host:
        return LinkResult(None, rules=applied, dropped_reason=f"not an http(s) URL: {text!r}")
    if " " in parts.path:  # a URL copied with a space in it; records need it encoded
        parts = replace(parts, path=parts.path.replace(" ", "%20"))
        applied = (*applied, "space-encoded")
    was_signed = is_signed(parts)
    current: UrlParts | None = parts
    arxiv: str | None = None
    doi: str | None = None
    reason: str | None = None
    names = list(applied)
    for rule in RULES:
        if current is None:
            break
        if not rule.matches(current.host):
            continue
        change = rule.apply(current)
        if change is None:
            continue
        names.append(rule.name)
        current, reason = change.url, change.reason or reason
        arxiv, doi = change.arxiv or arxiv, change.doi or doi
    if current is not None and was_signed:
        names.append("signed-stripped")
    return LinkResult(
        url=current.text() if current else None,
        arxiv=arxiv,
        doi=doi,
        rules=tuple(names),
        dropped_reason=reason if current is None else None,
        is_pdf=current is not None and _is_pdf(current),
    )


def _is_pdf(url: UrlParts) -> bool:
    last = url.path.rstrip("/").rsplit("/", 1)[-1].lower()
    return last.endswith(".pdf") or last in ("pdf", "pdfft", "epdf", "pdfdirect")
