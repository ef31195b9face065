"""Canonicalisation rules that give a publisher's landing page for a PDF or another view of
it: CVF, PMLR, NeurIPS, IEEE Xplore, PubMed Central, ACL Anthology, AAAI (OJS), ScienceDirect
(also from signed asset URLs naming the article's PII) and ResearchGate."""

from __future__ import annotations

import re

from medvlm.links.urls import Rewrite, Rule, UrlParts, changed_page, hosts, page

# Old CVF workshop folders put the workshop after "papers" but before "html".
_CVF_OLD_WORKSHOP = re.compile(
    r"^(?P<base>/content_\w+_workshops)/papers/(?P<workshop>[^/]+)/(?P<name>[^/]+_paper)\.pdf$"
)
_CVF_PDF = re.compile(r"^(?P<base>/.+?)/papers(?:_backup)?/(?P<name>[^/]+_paper)\.pdf$")


def _cvf_html(url: UrlParts) -> Rewrite | None:
    old = _CVF_OLD_WORKSHOP.match(url.path)
    if old:
        path = f"{old['base']}/{old['workshop']}/html/{old['name']}.html"
        return Rewrite(page(url.host, path))
    match = _CVF_PDF.match(url.path)
    if not match:
        return None
    return Rewrite(page(url.host, f"{match['base']}/html/{match['name']}.html"))


# PMLR: /v227/jeong24a/jeong24a.pdf, /v227/jeong24a.pdf and /v225/moor23a -> /v227/jeong24a.html
_PMLR = re.compile(
    r"^/(?P<volume>v\d+)/(?P<name>[a-z][\w-]*\d{2}[a-z]{1,2})(?:/(?P=name)\.pdf|\.pdf)?/?$"
)


def _pmlr_html(url: UrlParts) -> Rewrite | None:
    match = _PMLR.match(url.path)
    if not match:
        return None
    return Rewrite(page(url.host, f"/{match['volume']}/{match['name']}.html"))


NEURIPS_HOSTS = hosts(
    """proceedings.neurips.cc papers.nips.cc papers.neurips.cc
    datasets-benchmarks-proceedings.neurips.cc"""
)
# NeurIPS: .../file/<hash>-Paper(-Conference).pdf -> .../hash/<hash>-Abstract(-Conference).html
_NEURIPS = re.compile(r"^(?P<base>/.+)/file/(?P<hash>[0-9a-f]+)-Paper(?P<track>-[\w-]+)?\.pdf$")


def _neurips_abstract(url: UrlParts) -> Rewrite | None:
    match = _NEURIPS.match(url.path)
    if not match:
        return None
    path = f"{match['base']}/hash/{match['hash']}-Abstract{match['track'] or ''}.html"
    return Rewrite(page(url.host, path))


_IEEE_DOCUMENT = re.compile(r"^/(?:abstract/)?document/(?P<number>\d+)(?:/.*)?$")
# PDFs under /iel7/<journal>/<issue>/ are named by the zero-padded article number.
_IEEE_PDF = re.compile(r"^/ielx?\d*/\d+/\d+/(?P<number>\d+)\.pdf$")


def _ieee_document(url: UrlParts) -> Rewrite | None:
    number = url.param("arnumber")
    if number is None or not number.isdigit():
        match = _IEEE_DOCUMENT.match(url.path) or _IEEE_PDF.match(url.path)
        number = match["number"] if match else None
    if number is None:
        return None
    return changed_page(page("ieeexplore.ieee.org", f"/document/{int(number)}"), url)


_PMC = re.compile(r"^(?:/pmc)?/articles/(?P<id>PMC\d+)(?:/.*)?$", re.IGNORECASE)


def _pmc_article(url: UrlParts) -> Rewrite | None:
    match = _PMC.match(url.path)
    if not match:
        return None
    return changed_page(page("pmc.ncbi.nlm.nih.gov", f"/articles/{match['id'].upper()}/"), url)


# ACL Anthology ids: new style 2023.findings-eacl.88, old style P19-1001.
ACL_ID = r"(?P<id>\d{4}\.[a-z0-9-]+\.\d+|[A-Z]\d{2}-\d{4})"
_ACL = re.compile(rf"^/(?:anthology/)?{ACL_ID}(?:\.pdf)?/?$")


def _acl_anthology(url: UrlParts) -> Rewrite | None:
    match = _ACL.match(url.path)
    if not match:
        return None
    return changed_page(page("aclanthology.org", f"/{match['id']}/"), url)


# OJS: article/view/<article>/<galley> and article/download/... -> the article page.
_OJS = re.compile(r"^(?P<base>/index\.php/[^/]+/article)/(?:view|download)/(?P<id>\d+)(?:/\d+)*/?$")


def _aaai_article(url: UrlParts) -> Rewrite | None:
    match = _OJS.match(url.path)
    if not match:
        return None
    return changed_page(page(url.host, f"{match['base']}/view/{match['id']}"), url)


# An Elsevier article PII: S + ISSN (8) + year (2) + item (5) + check character.
_PII = re.compile(r"S\d{7}[\dX]\d{7}[\dX]")
_SD_PATH = re.compile(
    r"/(?:science/article/(?:abs/)?pii|retrieve/pii)/(?P<pii>s[\dx]{16})", re.IGNORECASE
)
_SD_ASSET = re.compile(r"1-s2\.0-(?P<pii>s[\dx]{16})/", re.IGNORECASE)


def pii_in(url: UrlParts) -> str | None:
    """The article PII in a ScienceDirect page, a linkinghub link or a signed asset URL."""
    candidates = [match["pii"] for match in _SD_PATH.finditer(url.path)]
    candidates += [match["pii"] for match in _SD_ASSET.finditer(url.path)]
    candidates.append(url.param("pii") or "")
    # Asset paths also hold the id (S1361841524X00079), which is not an article PII.
    return next((c.upper() for c in candidates if _PII.fullmatch(c.upper())), None)


def _sciencedirect_pii(url: UrlParts) -> Rewrite | None:
    pii = pii_in(url)
    if pii is None:
        return None
    return changed_page(page("www.sciencedirect.com", f"/science/article/pii/{pii}"), url)


_RESEARCHGATE = re.compile(r"/publication/(?P<id>\d+_[^/]+)")


def _researchgate(url: UrlParts) -> Rewrite | None:
    match = _RESEARCHGATE.search(url.path)
    if not match:
        return None
    return changed_page(page("www.researchgate.net", f"/publication/{match['id']}"), url)


# In the order they run.
PAGE_RULES: tuple[Rule, ...] = (
    Rule("cvf-html", hosts("openaccess.thecvf.com"), _cvf_html),
    Rule("pmlr-html", hosts("proceedings.mlr.press"), _pmlr_html),
    Rule("neurips-abstract", NEURIPS_HOSTS, _neurips_abstract),
    Rule("ieee-document", hosts("ieeexplore.ieee.org"), _ieee_document),
    Rule("pmc-article", hosts("ncbi.nlm.nih.gov"), _pmc_article),
    Rule("acl-anthology", hosts("aclanthology.org aclweb.org"), _acl_anthology),
    Rule("aaai-article", hosts("ojs.aaai.org"), _aaai_article),
    Rule(
        "sciencedirect-pii",
        hosts("sciencedirect.com sciencedirectassets.com linkinghub.elsevier.com"),
        _sciencedirect_pii,
    ),
    Rule("researchgate-publication", hosts("researchgate.net"), _researchgate),
)
