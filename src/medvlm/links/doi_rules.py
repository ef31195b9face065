"""Canonicalisation rules for links that carry an identifier: arXiv pages and DOIs, DOI
resolvers, and publishers whose URLs embed the DOI (Springer, Atypon journals, Nature,
Frontiers, JMIR, Zenodo records through ADS). Each gives the landing page and the identifier."""

from __future__ import annotations

import re
from urllib.parse import unquote

from medvlm.identifiers import arxiv_id_or_none, doi_or_none
from medvlm.links.urls import Rewrite, Rule, UrlParts, hosts, page

# --- arXiv and DOI resolvers ------------------------------------------------------------------

_ARXIV_PATH = re.compile(r"^/(?:abs|pdf|html|format)/(?P<rest>.+?)/?$")
_ARXIV_DOI = re.compile(r"^/10\.48550/arxiv\.(?P<id>.+)$", re.IGNORECASE)


def _arxiv_page(text: str) -> Rewrite | None:
    arxiv = arxiv_id_or_none(text)
    if arxiv is None:
        return None
    return Rewrite(page("arxiv.org", f"/abs/{arxiv}"), arxiv=arxiv)


def _arxiv_abs(url: UrlParts) -> Rewrite | None:
    match = _ARXIV_PATH.match(url.path)
    return _arxiv_page(match["rest"]) if match else None


def _arxiv_doi(url: UrlParts) -> Rewrite | None:
    match = _ARXIV_DOI.match(unquote(url.path))
    return _arxiv_page(match["id"]) if match else None


def _doi_resolver(url: UrlParts) -> Rewrite | None:
    doi = doi_or_none(unquote(url.path).lstrip("/"))
    if doi is None:
        return None
    return Rewrite(page("doi.org", f"/{doi}"), doi=doi)


# --- publishers whose URLs embed the DOI ------------------------------------------------------

_SPRINGER = re.compile(
    r"^/(?:(?P<kind>chapter|article|book|referenceworkentry|content/pdf|epdf)/)?"
    r"(?P<doi>10\.\d{4,9}/[^?#]+?)(?:\.pdf)?/?$"
)


def _springer_kind(doi: str, given: str | None) -> str:
    """The landing page type for a Springer DOI: ISBN-based DOIs are books or their chapters."""
    if given in ("book", "referenceworkentry"):
        return given
    suffix = doi.split("/", 1)[1]
    if suffix.startswith("978-"):
        return "chapter" if "_" in suffix else "book"
    return "article"


def _doi_page(doi_text: str, host: str, path: str) -> Rewrite | None:
    """The page `host` + `path` for a DOI found in a URL, when the DOI is valid."""
    doi = doi_or_none(doi_text)
    if doi is None:
        return None
    return Rewrite(page(host, path), doi=doi)


def _springer(url: UrlParts) -> Rewrite | None:
    match = _SPRINGER.match(unquote(url.path))
    if not match:
        return None
    kind = _springer_kind(match["doi"], match["kind"])
    return _doi_page(match["doi"], "link.springer.com", f"/{kind}/{match['doi']}")


# Hosts on the Atypon platform: /doi/{abs,full,pdf,epdf,...}/<doi> are views of /doi/<doi>.
ATYPON_HOSTS = hosts(
    """dl.acm.org onlinelibrary.wiley.com pubs.rsna.org liebertpub.com tandfonline.com
    journals.sagepub.com ajronline.org science.org pubs.acs.org"""
)
_ATYPON = re.compile(
    r"^/doi/(?:(?:abs|full|pdf|epdf|pdfdirect|pdfplus|reader|epub)/)?(?P<doi>10\.\d{4,9}/.+?)/?$"
)


def _atypon(url: UrlParts) -> Rewrite | None:
    match = _ATYPON.match(unquote(url.path))
    return _doi_page(match["doi"], url.host, f"/doi/{match['doi']}") if match else None


# nature.com article ids are the suffixes of 10.1038 DOIs (s41467-023-40260-7, nature14539).
_NATURE = re.compile(r"^/articles/(?P<id>[a-z][a-z0-9.-]*?)(?:\.pdf)?/?$")


def _nature(url: UrlParts) -> Rewrite | None:
    match = _NATURE.match(url.path)
    if not match:
        return None
    return _doi_page(f"10.1038/{match['id']}", "www.nature.com", f"/articles/{match['id']}")


_FRONTIERS = re.compile(
    r"^(?P<journal>/journals/[a-z0-9-]+)?/articles/(?P<doi>10\.3389/[^/]+)"
    r"(?:/(?:full|pdf|abstract|xml|epub))?/?$",
    re.IGNORECASE,
)


def _frontiers(url: UrlParts) -> Rewrite | None:
    match = _FRONTIERS.match(unquote(url.path))
    if not match:
        return None
    path = f"{match['journal'] or ''}/articles/{match['doi']}/full"
    return _doi_page(match["doi"], "www.frontiersin.org", path)


# JMIR pages are /<year>/<issue>/e<article>; the article number is the DOI suffix (10.2196/...).
JMIR_PATH = re.compile(r"^/(?P<year>\d{4})/(?P<issue>\d+)/e(?P<id>\d+)(?:/pdf)?/?$", re.IGNORECASE)


def _jmir(url: UrlParts) -> Rewrite | None:
    match = JMIR_PATH.match(url.path)
    if not match:
        return None
    path = f"/{match['year']}/{match['issue']}/e{match['id']}"
    return Rewrite(page(url.host, path), doi=f"10.2196/{match['id']}")


# ADS bibcodes of Zenodo records (2021zndo...5143773I) carry the record number of the DOI.
ADS_ZENODO = re.compile(r"^/abs/(?P<year>\d{4})zndo\.+(?P<record>\d+)[A-Z.]?(?:/.*)?$")


def _ads_zenodo(url: UrlParts) -> Rewrite | None:
    match = ADS_ZENODO.match(unquote(url.path))
    if not match:
        return None
    return Rewrite(url, doi=f"10.5281/zenodo.{match['record']}")


# In the order they run.
DOI_RULES: tuple[Rule, ...] = (
    Rule("arxiv-abs", hosts("arxiv.org"), _arxiv_abs),
    Rule("arxiv-doi", hosts("doi.org"), _arxiv_doi),
    Rule("doi-resolver", hosts("doi.org"), _doi_resolver),
    Rule("springer-doi", hosts("link.springer.com"), _springer),
    Rule("atypon-doi", ATYPON_HOSTS, _atypon),
    Rule("nature-article", hosts("nature.com"), _nature),
    Rule("frontiers-article", hosts("frontiersin.org"), _frontiers),
    Rule("jmir-doi", hosts("jmir.org"), _jmir),
    Rule("ads-zenodo", hosts("ui.adsabs.harvard.edu"), _ads_zenodo),
)
