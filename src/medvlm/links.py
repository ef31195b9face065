"""Pure link canonicalisation and offline venue/year inference. No I/O, no network.

`canonicalise(url)` turns a link found in a paper list into the link worth storing: the stable
landing page rather than a PDF, never a signed download that expires, without tracking
parameters; and it extracts the arXiv id and DOI the link carries. It runs the ordered table
`RULES`; each rule is a small function that applies to a few hosts and either rewrites the URL,
extracts an identifier, or drops the URL with a reason. `LinkResult.rules` names the rules that
applied, so an importer can report what it changed.

`infer_venue_year(url)` and `infer_from_doi(doi)` read the venue and year that URLs and DOIs
spell out (CVF and NeurIPS paths, PMLR volumes, MICCAI proceedings ISBNs, ScienceDirect PIIs,
Springer Nature journal codes, IEEE DOIs, ACL Anthology ids ...). The tables hold only entries
checked against citations that name them (proceedings volumes, ISBNs) or codes as they appear
in the publishers' own DOIs; a link the tables do not cover gives `Venue(None, None)` rather
than a guess.

`clean_title(raw)` removes stray whitespace and trailing citation text from a title.

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
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from typing import NamedTuple
from urllib.parse import unquote, unquote_plus, urlsplit

from medvlm.identifiers import (
    arxiv_id_or_none,
    arxiv_year,
    doi_or_none,
    normalise_space,
)

# --- results ----------------------------------------------------------------------------------


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


class Venue(NamedTuple):
    """A venue's short name ("MICCAI", "arXiv", "Nature Medicine") and year; either may be None."""

    venue: str | None = None
    year: int | None = None

    def found(self) -> bool:
        return self.venue is not None or self.year is not None


# --- URLs as rules see them -------------------------------------------------------------------


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
        return tuple(_param_name(item) for item in self.query)

    def param(self, name: str) -> str | None:
        """The first value of query parameter `name` (case-insensitive), decoded."""
        for item in self.query:
            if _param_name(item) == name.lower():
                return unquote_plus(item.partition("=")[2])
        return None


def _param_name(item: str) -> str:
    return unquote_plus(item.partition("=")[0]).lower()


def _page(host: str, path: str) -> UrlParts:
    """A rebuilt landing page: https, no query, no fragment."""
    return UrlParts(scheme="https", host=host, path=path)


@dataclass(frozen=True)
class Rewrite:
    """What a rule found: the new URL (None drops the link) and any identifier."""

    url: UrlParts | None
    arxiv: str | None = None
    doi: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Rule:
    """A named step of `canonicalise`. `hosts` limits it to those hosts and their subdomains
    (None: every host); `apply` returns None when the rule has nothing to do."""

    name: str
    hosts: frozenset[str] | None
    apply: Callable[[UrlParts], Rewrite | None]

    def matches(self, host: str) -> bool:
        return self.hosts is None or _host_in(host, self.hosts)


def _host_in(host: str, hosts: Collection[str]) -> bool:
    bare = host.split(":", 1)[0]
    return bare in hosts or any(bare.endswith("." + known) for known in hosts)


# The host of a link as lists write it: the scheme may be missing.
_URL_HOST = re.compile(r"^(?:https?://)?(?:www\.)?([^/?#:]+)", re.IGNORECASE)


def on_hosts(url: str, hosts: Collection[str]) -> bool:
    """Whether `url` (scheme optional) is on one of `hosts` or a subdomain of one."""
    match = _URL_HOST.match(url)
    return match is not None and _host_in(match.group(1).lower(), hosts)


# --- rules: scheme ----------------------------------------------------------------------------

# Hosts that serve https; an http link to them is upgraded (lists often copy old http links).
HTTPS_HOSTS = frozenset(
    """arxiv.org openaccess.thecvf.com link.springer.com ieeexplore.ieee.org sciencedirect.com
    proceedings.mlr.press proceedings.neurips.cc papers.nips.cc nature.com aclanthology.org
    ojs.aaai.org ncbi.nlm.nih.gov dl.acm.org onlinelibrary.wiley.com pubs.rsna.org github.com
    doi.org papers.miccai.org openreview.net frontiersin.org jmir.org""".split()
)


def _https_upgrade(url: UrlParts) -> Rewrite | None:
    return Rewrite(replace(url, scheme="https")) if url.scheme == "http" else None


# --- rules: arXiv and DOIs --------------------------------------------------------------------

_ARXIV_PATH = re.compile(r"^/(?:abs|pdf|html|format)/(?P<rest>.+?)/?$")
_ARXIV_DOI = re.compile(r"^/10\.48550/arxiv\.(?P<id>.+)$", re.IGNORECASE)


def _arxiv_abs(url: UrlParts) -> Rewrite | None:
    match = _ARXIV_PATH.match(url.path)
    if not match:
        return None
    arxiv = arxiv_id_or_none(match["rest"])
    if arxiv is None:
        return None
    return Rewrite(_page("arxiv.org", f"/abs/{arxiv}"), arxiv=arxiv)


def _arxiv_doi(url: UrlParts) -> Rewrite | None:
    match = _ARXIV_DOI.match(unquote(url.path))
    if not match:
        return None
    arxiv = arxiv_id_or_none(match["id"])
    if arxiv is None:
        return None
    return Rewrite(_page("arxiv.org", f"/abs/{arxiv}"), arxiv=arxiv)


def _doi_resolver(url: UrlParts) -> Rewrite | None:
    doi = doi_or_none(unquote(url.path).lstrip("/"))
    if doi is None:
        return None
    return Rewrite(_page("doi.org", f"/{doi}"), doi=doi)


# --- rules: publishers whose URLs embed the DOI -----------------------------------------------

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


def _springer(url: UrlParts) -> Rewrite | None:
    match = _SPRINGER.match(unquote(url.path))
    if not match:
        return None
    doi = doi_or_none(match["doi"])
    if doi is None:
        return None
    kind = _springer_kind(match["doi"], match["kind"])
    return Rewrite(_page("link.springer.com", f"/{kind}/{match['doi']}"), doi=doi)


# Hosts on the Atypon platform: /doi/{abs,full,pdf,epdf,...}/<doi> are views of /doi/<doi>.
ATYPON_HOSTS = frozenset(
    """dl.acm.org onlinelibrary.wiley.com pubs.rsna.org liebertpub.com tandfonline.com
    journals.sagepub.com ajronline.org science.org pubs.acs.org""".split()
)
_ATYPON = re.compile(
    r"^/doi/(?:(?:abs|full|pdf|epdf|pdfdirect|pdfplus|reader|epub)/)?(?P<doi>10\.\d{4,9}/.+?)/?$"
)


def _atypon(url: UrlParts) -> Rewrite | None:
    match = _ATYPON.match(unquote(url.path))
    if not match:
        return None
    doi = doi_or_none(match["doi"])
    if doi is None:
        return None
    return Rewrite(_page(url.host, f"/doi/{match['doi']}"), doi=doi)


# nature.com article ids are the suffixes of 10.1038 DOIs (s41467-023-40260-7, nature14539).
_NATURE = re.compile(r"^/articles/(?P<id>[a-z][a-z0-9.-]*?)(?:\.pdf)?/?$")


def _nature(url: UrlParts) -> Rewrite | None:
    match = _NATURE.match(url.path)
    if not match:
        return None
    doi = doi_or_none(f"10.1038/{match['id']}")
    if doi is None:
        return None
    return Rewrite(_page("www.nature.com", f"/articles/{match['id']}"), doi=doi)


_FRONTIERS = re.compile(
    r"^(?P<journal>/journals/[a-z0-9-]+)?/articles/(?P<doi>10\.3389/[^/]+)"
    r"(?:/(?:full|pdf|abstract|xml|epub))?/?$",
    re.IGNORECASE,
)


def _frontiers(url: UrlParts) -> Rewrite | None:
    match = _FRONTIERS.match(unquote(url.path))
    if not match:
        return None
    doi = doi_or_none(match["doi"])
    if doi is None:
        return None
    path = f"{match['journal'] or ''}/articles/{match['doi']}/full"
    return Rewrite(_page("www.frontiersin.org", path), doi=doi)


# JMIR pages are /<year>/<issue>/e<article>; the article number is the DOI suffix (10.2196/...).
_JMIR = re.compile(r"^/(?P<year>\d{4})/(?P<issue>\d+)/e(?P<id>\d+)(?:/pdf)?/?$", re.IGNORECASE)


def _jmir(url: UrlParts) -> Rewrite | None:
    match = _JMIR.match(url.path)
    if not match:
        return None
    path = f"/{match['year']}/{match['issue']}/e{match['id']}"
    return Rewrite(_page(url.host, path), doi=f"10.2196/{match['id']}")


# --- rules: landing pages instead of PDFs -----------------------------------------------------

# Old CVF workshop folders put the workshop after "papers" but before "html".
_CVF_OLD_WORKSHOP = re.compile(
    r"^(?P<base>/content_\w+_workshops)/papers/(?P<workshop>[^/]+)/(?P<name>[^/]+_paper)\.pdf$"
)
_CVF_PDF = re.compile(r"^(?P<base>/.+?)/papers(?:_backup)?/(?P<name>[^/]+_paper)\.pdf$")


def _cvf_html(url: UrlParts) -> Rewrite | None:
    old = _CVF_OLD_WORKSHOP.match(url.path)
    if old:
        path = f"{old['base']}/{old['workshop']}/html/{old['name']}.html"
        return Rewrite(_page(url.host, path))
    match = _CVF_PDF.match(url.path)
    if not match:
        return None
    return Rewrite(_page(url.host, f"{match['base']}/html/{match['name']}.html"))


# PMLR: /v227/jeong24a/jeong24a.pdf, /v227/jeong24a.pdf and /v225/moor23a -> /v227/jeong24a.html
_PMLR = re.compile(
    r"^/(?P<volume>v\d+)/(?P<name>[a-z][\w-]*\d{2}[a-z]{1,2})(?:/(?P=name)\.pdf|\.pdf)?/?$"
)


def _pmlr_html(url: UrlParts) -> Rewrite | None:
    match = _PMLR.match(url.path)
    if not match:
        return None
    return Rewrite(_page(url.host, f"/{match['volume']}/{match['name']}.html"))


NEURIPS_HOSTS = frozenset(
    """proceedings.neurips.cc papers.nips.cc papers.neurips.cc
    datasets-benchmarks-proceedings.neurips.cc""".split()
)
# NeurIPS: .../file/<hash>-Paper(-Conference).pdf -> .../hash/<hash>-Abstract(-Conference).html
_NEURIPS = re.compile(r"^(?P<base>/.+)/file/(?P<hash>[0-9a-f]+)-Paper(?P<track>-[\w-]+)?\.pdf$")


def _neurips_abstract(url: UrlParts) -> Rewrite | None:
    match = _NEURIPS.match(url.path)
    if not match:
        return None
    path = f"{match['base']}/hash/{match['hash']}-Abstract{match['track'] or ''}.html"
    return Rewrite(_page(url.host, path))


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
    page = _page("ieeexplore.ieee.org", f"/document/{int(number)}")
    return None if page == url else Rewrite(page)


_PMC = re.compile(r"^(?:/pmc)?/articles/(?P<id>PMC\d+)(?:/.*)?$", re.IGNORECASE)


def _pmc_article(url: UrlParts) -> Rewrite | None:
    match = _PMC.match(url.path)
    if not match:
        return None
    page = _page("pmc.ncbi.nlm.nih.gov", f"/articles/{match['id'].upper()}/")
    return None if page == url else Rewrite(page)


# ACL Anthology ids: new style 2023.findings-eacl.88, old style P19-1001.
_ACL_ID = r"(?P<id>\d{4}\.[a-z0-9-]+\.\d+|[A-Z]\d{2}-\d{4})"
_ACL = re.compile(rf"^/(?:anthology/)?{_ACL_ID}(?:\.pdf)?/?$")


def _acl_anthology(url: UrlParts) -> Rewrite | None:
    match = _ACL.match(url.path)
    if not match:
        return None
    page = _page("aclanthology.org", f"/{match['id']}/")
    return None if page == url else Rewrite(page)


# OJS: article/view/<article>/<galley> and article/download/... -> the article page.
_OJS = re.compile(r"^(?P<base>/index\.php/[^/]+/article)/(?:view|download)/(?P<id>\d+)(?:/\d+)*/?$")


def _aaai_article(url: UrlParts) -> Rewrite | None:
    match = _OJS.match(url.path)
    if not match:
        return None
    page = _page(url.host, f"{match['base']}/view/{match['id']}")
    return None if page == url else Rewrite(page)


# --- rules: ScienceDirect ---------------------------------------------------------------------

# An Elsevier article PII: S + ISSN (8) + year (2) + item (5) + check character.
_PII = re.compile(r"S\d{7}[\dX]\d{7}[\dX]")
_SD_PATH = re.compile(
    r"/(?:science/article/(?:abs/)?pii|retrieve/pii)/(?P<pii>s[\dx]{16})", re.IGNORECASE
)
_SD_ASSET = re.compile(r"1-s2\.0-(?P<pii>s[\dx]{16})/", re.IGNORECASE)


def _pii_in(url: UrlParts) -> str | None:
    """The article PII in a ScienceDirect page, a linkinghub link or a signed asset URL."""
    candidates = [match["pii"] for match in _SD_PATH.finditer(url.path)]
    candidates += [match["pii"] for match in _SD_ASSET.finditer(url.path)]
    candidates.append(url.param("pii") or "")
    # Asset paths also hold the id (S1361841524X00079), which is not an article PII.
    return next((c.upper() for c in candidates if _PII.fullmatch(c.upper())), None)


def _sciencedirect_pii(url: UrlParts) -> Rewrite | None:
    pii = _pii_in(url)
    if pii is None:
        return None
    page = _page("www.sciencedirect.com", f"/science/article/pii/{pii}")
    return None if page == url else Rewrite(page)


# --- rules: other hosts -----------------------------------------------------------------------

_RESEARCHGATE = re.compile(r"/publication/(?P<id>\d+_[^/]+)")


def _researchgate(url: UrlParts) -> Rewrite | None:
    match = _RESEARCHGATE.search(url.path)
    if not match:
        return None
    page = _page("www.researchgate.net", f"/publication/{match['id']}")
    return None if page == url else Rewrite(page)


# ADS bibcodes of Zenodo records (2021zndo...5143773I) carry the record number of the DOI.
_ADS_ZENODO = re.compile(r"^/abs/(?P<year>\d{4})zndo\.+(?P<record>\d+)[A-Z.]?(?:/.*)?$")


def _ads_zenodo(url: UrlParts) -> Rewrite | None:
    match = _ADS_ZENODO.match(unquote(url.path))
    if not match:
        return None
    return Rewrite(url, doi=f"10.5281/zenodo.{match['record']}")


# --- rules: query parameters and signed URLs --------------------------------------------------

# Parameters that only say where a click came from, or hand a session to the publisher; the
# page is the same without them.
TRACKING_PARAMS = frozenset(
    """fbclid gclid dclid gbraid wbraid msclkid mc_cid mc_eid igshid _hsenc _hsmi ref ref_src
    ref_url spm casa_token tspd_101_r0""".split()
)
TRACKING_PREFIXES = ("utm_",)

# Parameters of signed, expiring URLs (AWS, Google Cloud, CloudFront, Azure, publisher tokens).
SIGNED_PARAMS = frozenset("expires signature policy key-pair-id token access_token sig".split())
SIGNED_PREFIXES = ("x-amz-", "x-goog-")

# Hosts whose every URL is a per-session download; with what to link instead.
SIGNED_HOSTS: Mapping[str, str] = {
    "watermark.silverchair.com": "link the article's academic.oup.com page or its DOI instead",
    "pdf.sciencedirectassets.com": "the URL names no article PII; link the article's "
    "sciencedirect.com page or its DOI instead",
}


def _is_tracking(name: str) -> bool:
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def _signed_names(url: UrlParts) -> tuple[str, ...]:
    names = url.param_names()
    return tuple(n for n in names if n in SIGNED_PARAMS or n.startswith(SIGNED_PREFIXES))


def _is_signed(url: UrlParts) -> bool:
    return bool(_signed_names(url)) or url.host in SIGNED_HOSTS


def _strip_tracking(url: UrlParts) -> Rewrite | None:
    kept = tuple(item for item in url.query if not _is_tracking(_param_name(item)))
    # Text fragments (#:~:text=...) are highlights a browser added, not part of the page.
    fragment = "" if url.fragment.startswith(":~:") else url.fragment
    if kept == url.query and fragment == url.fragment:
        return None
    return Rewrite(replace(url, query=kept, fragment=fragment))


def _drop_signed(url: UrlParts) -> Rewrite | None:
    if not _is_signed(url):
        return None
    names = _signed_names(url)
    plural = "s" if len(names) > 1 else ""
    what = [f"query parameter{plural} {', '.join(names)}" if names else f"host {url.host}"]
    file = url.path.rsplit("/", 1)[-1]
    if file:
        what.append(f"file {file}")
    hint = SIGNED_HOSTS.get(url.host, "link the article's landing page or its DOI instead")
    reason = (
        f"signed download URL that expires ({'; '.join(what)}); "
        f"no stable page can be derived from it: {hint}"
    )
    return Rewrite(None, reason=reason)


def _empty_query(url: UrlParts) -> Rewrite | None:
    return Rewrite(replace(url, bare_question=False)) if url.bare_question else None


def _hosts(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The rules, in the order they run. Site rules come first (they rebuild URLs from the path and
# so discard signed query strings they can replace); the query clean-up runs on what is left.
RULES: tuple[Rule, ...] = (
    Rule("https-upgrade", HTTPS_HOSTS, _https_upgrade),
    Rule("arxiv-abs", _hosts("arxiv.org"), _arxiv_abs),
    Rule("arxiv-doi", _hosts("doi.org"), _arxiv_doi),
    Rule("doi-resolver", _hosts("doi.org"), _doi_resolver),
    Rule("springer-doi", _hosts("link.springer.com"), _springer),
    Rule("atypon-doi", ATYPON_HOSTS, _atypon),
    Rule("nature-article", _hosts("nature.com"), _nature),
    Rule("frontiers-article", _hosts("frontiersin.org"), _frontiers),
    Rule("jmir-doi", _hosts("jmir.org"), _jmir),
    Rule("cvf-html", _hosts("openaccess.thecvf.com"), _cvf_html),
    Rule("pmlr-html", _hosts("proceedings.mlr.press"), _pmlr_html),
    Rule("neurips-abstract", NEURIPS_HOSTS, _neurips_abstract),
    Rule("ieee-document", _hosts("ieeexplore.ieee.org"), _ieee_document),
    Rule("pmc-article", _hosts("ncbi.nlm.nih.gov"), _pmc_article),
    Rule("acl-anthology", _hosts("aclanthology.org aclweb.org"), _acl_anthology),
    Rule("aaai-article", _hosts("ojs.aaai.org"), _aaai_article),
    Rule(
        "sciencedirect-pii",
        _hosts("sciencedirect.com sciencedirectassets.com linkinghub.elsevier.com"),
        _sciencedirect_pii,
    ),
    Rule("researchgate-publication", _hosts("researchgate.net"), _researchgate),
    Rule("ads-zenodo", _hosts("ui.adsabs.harvard.edu"), _ads_zenodo),
    Rule("tracking-params", None, _strip_tracking),
    Rule("signed-dropped", None, _drop_signed),
    Rule("empty-query", None, _empty_query),
)


# --- canonicalise -----------------------------------------------------------------------------

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
    was_signed = _is_signed(parts)
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


# --- inference tables -------------------------------------------------------------------------

# MICCAI and related Springer LNCS volumes, keyed on the exact book ISBN of the DOI
# (10.1007/<ISBN>_<chapter>): ISBN blocks are shared with other proceedings (ECCV 2024 lies in
# 978-3-031-72xxx too), so no prefix is trusted. Each entry was checked against citations that
# name the volume (bibtex booktitle "... MICCAI 2023", "LNCS 14224", the book's front matter).
SPRINGER_BOOKS: Mapping[str, Venue] = {
    "978-3-319-66179-7": Venue("MICCAI", 2017),  # LNCS 10435, Part III
    "978-3-030-00934-2": Venue("MICCAI", 2018),
    "978-3-030-32245-8": Venue("MICCAI", 2019),
    "978-3-030-59710-8": Venue("MICCAI", 2020),
    "978-3-030-59719-1": Venue("MICCAI", 2020),  # LNCS 12264
    "978-3-030-87199-4": Venue("MICCAI", 2021),  # LNCS 12903
    "978-3-030-87202-1": Venue("MICCAI", 2021),
    "978-3-030-87231-1": Venue("MICCAI", 2021),  # LNCS 12906, Part VI
    "978-3-031-16434-7": Venue("MICCAI", 2022),
    "978-3-031-16437-8": Venue("MICCAI", 2022),
    "978-3-031-16440-8": Venue("MICCAI", 2022),
    "978-3-031-16443-9": Venue("MICCAI", 2022),  # LNCS 13435
    "978-3-031-16446-0": Venue("MICCAI", 2022),
    "978-3-031-16449-1": Venue("MICCAI", 2022),
    "978-3-031-43895-0": Venue("MICCAI", 2023),  # LNCS 14221
    "978-3-031-43898-1": Venue("MICCAI", 2023),
    "978-3-031-43901-8": Venue("MICCAI", 2023),  # LNCS 14222
    "978-3-031-43904-9": Venue("MICCAI", 2023),  # LNCS 14224
    "978-3-031-43907-0": Venue("MICCAI", 2023),
    "978-3-031-43987-2": Venue("MICCAI", 2023),  # LNCS 14225
    "978-3-031-72083-3": Venue("MICCAI", 2024),
    "978-3-031-72086-4": Venue("MICCAI", 2024),
    "978-3-031-72089-5": Venue("MICCAI", 2024),  # LNCS 15006
    "978-3-031-72111-3": Venue("MICCAI", 2024),
    "978-3-031-72114-4": Venue("MICCAI", 2024),  # LNCS 15009
    "978-3-031-72120-5": Venue("MICCAI", 2024),
    "978-3-031-72378-0": Venue("MICCAI", 2024),
    "978-3-031-72390-2": Venue("MICCAI", 2024),  # LNCS 15012
    "978-3-032-04981-0": Venue("MICCAI", 2025),  # LNCS 15966
    "978-3-032-05141-7": Venue("MICCAI", 2025),
    # Workshops and other conferences that share the ISBN blocks above.
    "978-3-031-45673-2": Venue("MLMI", 2023),  # LNCS 14348, MICCAI workshop
    "978-3-031-47401-9": Venue("MICCAI Workshops", 2023),
    "978-3-031-73471-7": Venue("MedAGI", 2024),  # MICCAI workshop
    "978-3-032-05472-2": Venue("DGM4MICCAI", 2025),  # MICCAI workshop
    "978-3-031-66535-6": Venue("AIME", 2024),
    "978-3-031-73004-7": Venue("ECCV", 2024),  # LNCS 15139
}

# PMLR volumes (proceedings.mlr.press/vNNN), from each volume's front page as cited in
# bibtex ("volume 227 ... Medical Imaging with Deep Learning"). The year is the conference's:
# MIDL 2023 (July 2023) appeared in v227 in January 2024.
PMLR_VOLUMES: Mapping[int, Venue] = {
    97: Venue("ICML", 2019),
    119: Venue("ICML", 2020),
    139: Venue("ICML", 2021),
    162: Venue("ICML", 2022),
    202: Venue("ICML", 2023),
    235: Venue("ICML", 2024),
    172: Venue("MIDL", 2022),
    227: Venue("MIDL", 2023),
    250: Venue("MIDL", 2024),
    158: Venue("ML4H", 2021),
    193: Venue("ML4H", 2022),
    225: Venue("ML4H", 2023),
    182: Venue("MLHC", 2022),
    219: Venue("MLHC", 2023),
    174: Venue("CHIL", 2022),
    209: Venue("CHIL", 2023),
    248: Venue("CHIL", 2024),
    222: Venue("ACML", 2023),
}

# Elsevier journals by ISSN (the 8 characters after "S" in a PII) and by the DOI's journal
# code (10.1016/j.media.2024.103357).
ELSEVIER_ISSNS: Mapping[str, str] = {
    "13618415": "Medical Image Analysis",
    "15662535": "Information Fusion",
    "00313203": "Pattern Recognition",
    "00104825": "Computers in Biology and Medicine",
    "09333657": "Artificial Intelligence in Medicine",
    "03064573": "Information Processing & Management",
    "00978493": "Computers & Graphics",
    "01419382": "Displays",
    "10773142": "Computer Vision and Image Understanding",
    "01692607": "Computer Methods and Programs in Biomedicine",
    "09252312": "Neurocomputing",
    "09574174": "Expert Systems with Applications",
    "08956111": "Computerized Medical Imaging and Graphics",
    "15320464": "Journal of Biomedical Informatics",
    "09507051": "Knowledge-Based Systems",
}
ELSEVIER_CODES: Mapping[str, str] = {
    "media": "Medical Image Analysis",
    "inffus": "Information Fusion",
    "patcog": "Pattern Recognition",
    "compbiomed": "Computers in Biology and Medicine",
    "artmed": "Artificial Intelligence in Medicine",
    "ipm": "Information Processing & Management",
    "cag": "Computers & Graphics",
    "displa": "Displays",
    "cviu": "Computer Vision and Image Understanding",
    "cmpb": "Computer Methods and Programs in Biomedicine",
    "neucom": "Neurocomputing",
    "eswa": "Expert Systems with Applications",
    "compmedimag": "Computerized Medical Imaging and Graphics",
    "jbi": "Journal of Biomedical Informatics",
    "knosys": "Knowledge-Based Systems",
}

# Springer Nature journal codes, shared by the 10.1038, 10.1007 and 10.1186 DOIs
# (10.1038/s41591-023-02504-3: journal s41591, year 2023).
SPRINGER_NATURE_JOURNALS: Mapping[str, str] = {
    "s41586": "Nature",
    "s41591": "Nature Medicine",
    "s41467": "Nature Communications",
    "s41551": "Nature Biomedical Engineering",
    "s41746": "npj Digital Medicine",
    "s42256": "Nature Machine Intelligence",
    "s41598": "Scientific Reports",
    "s41592": "Nature Methods",
    "s41597": "Scientific Data",
    "s42003": "Communications Biology",
    "s43856": "Communications Medicine",
    "s41698": "npj Precision Oncology",
    "s11263": "International Journal of Computer Vision",
    "s11548": "International Journal of Computer Assisted Radiology and Surgery",
    "s11517": "Medical & Biological Engineering & Computing",
    "s00330": "European Radiology",
    "s00062": "Clinical Neuroradiology",
    "s00371": "The Visual Computer",
    "s11604": "Japanese Journal of Radiology",
    "s12020": "Endocrine",
    "s12149": "Annals of Nuclear Medicine",
    "s42492": "Visual Computing for Industry, Biomedicine, and Art",
    "s12880": "BMC Medical Imaging",
    "s12911": "BMC Medical Informatics and Decision Making",
    "s13244": "Insights into Imaging",
}
# Journals renamed while keeping their code: (code, first year of the new name, new name).
SPRINGER_NATURE_RENAMED: tuple[tuple[str, int, str, str], ...] = (
    ("s10278", 2024, "Journal of Digital Imaging", "Journal of Imaging Informatics in Medicine"),
)

# IEEE DOIs 10.1109/<CODE>[conference number].<year>.<article>.
IEEE_CODES: Mapping[str, str] = {
    "tmi": "IEEE TMI",
    "jbhi": "IEEE JBHI",
    "tpami": "IEEE TPAMI",
    "tip": "IEEE TIP",
    "tnnls": "IEEE TNNLS",
    "tcsvt": "IEEE TCSVT",
    "tmm": "IEEE TMM",
    "tbme": "IEEE TBME",
    "tkde": "IEEE TKDE",
    "rbme": "IEEE RBME",
    "access": "IEEE Access",
    "cvpr": "CVPR",
    "cvprw": "CVPR Workshops",
    "iccv": "ICCV",
    "iccvw": "ICCV Workshops",
    "wacv": "WACV",
    "isbi": "ISBI",
    "bibm": "BIBM",
    "icassp": "ICASSP",
    "icip": "ICIP",
    "embc": "EMBC",
    "icme": "ICME",
    "ijcnn": "IJCNN",
    "icpr": "ICPR",
}

FRONTIERS_JOURNALS: Mapping[str, str] = {
    "fmed": "Frontiers in Medicine",
    "fphy": "Frontiers in Physics",
    "fonc": "Frontiers in Oncology",
    "fnins": "Frontiers in Neuroscience",
    "fneur": "Frontiers in Neurology",
    "fradi": "Frontiers in Radiology",
    "frai": "Frontiers in Artificial Intelligence",
    "fbioe": "Frontiers in Bioengineering and Biotechnology",
    "fpubh": "Frontiers in Public Health",
    "fdgth": "Frontiers in Digital Health",
    "fcvm": "Frontiers in Cardiovascular Medicine",
}

# JMIR journals by subdomain; the page path holds the year (medinform.jmir.org/2024/1/e59273).
JMIR_JOURNALS: Mapping[str, str] = {
    "www.jmir.org": "Journal of Medical Internet Research",
    "medinform.jmir.org": "JMIR Medical Informatics",
    "formative.jmir.org": "JMIR Formative Research",
    "mhealth.jmir.org": "JMIR mHealth and uHealth",
    "ai.jmir.org": "JMIR AI",
    "mededu.jmir.org": "JMIR Medical Education",
    "cancer.jmir.org": "JMIR Cancer",
    "derma.jmir.org": "JMIR Dermatology",
    "publichealth.jmir.org": "JMIR Public Health and Surveillance",
}

# RSNA journals (10.1148/<code>.<number>); their numbers encode the submission year, not the
# publication year, so only the venue is read.
RSNA_JOURNALS: Mapping[str, str] = {
    "radiol": "Radiology",
    "ryai": "Radiology: Artificial Intelligence",
    "rg": "RadioGraphics",
}

# Lippincott (journals.lww.com/<journal>/fulltext/<year>/...).
LWW_JOURNALS: Mapping[str, str] = {"retinajournal": "Retina"}

# ACL Anthology event codes (2023.findings-eacl.88 -> "findings-eacl" -> "Findings of EACL").
ACL_EVENTS: Mapping[str, str] = {
    "acl": "ACL",
    "emnlp": "EMNLP",
    "naacl": "NAACL",
    "eacl": "EACL",
    "aacl": "AACL",
    "coling": "COLING",
    "lrec": "LREC",
    "conll": "CoNLL",
    "tacl": "TACL",
    "cl": "Computational Linguistics",
    "bionlp": "BioNLP",
    "clinicalnlp": "ClinicalNLP",
}
# Old-style ids (P19-1001): the letter names the event.
ACL_OLD_LETTERS: Mapping[str, str] = {
    "P": "ACL",
    "D": "EMNLP",
    "N": "NAACL",
    "E": "EACL",
    "C": "COLING",
    "Q": "TACL",
    "K": "CoNLL",
}

CVF_CONFERENCES = frozenset("CVPR ICCV WACV ACCV ECCV".split())
# OJS journals on ojs.aaai.org; article numbers are shared by all of them, so they give no year.
AAAI_OJS_VENUES = frozenset("AAAI ICWSM AIES HCOMP ICAPS".split())


# --- inference from URLs ----------------------------------------------------------------------

_CVF_NEW = re.compile(r"^/content/(?P<conf>[A-Z]+)(?P<year>\d{4})(?P<w>W)?/")
_CVF_OLD = re.compile(
    r"^/content_(?P<conf>[a-z]+?)(?P<w>w)?_(?P<year>\d{4})(?P<ws>_workshops)?/", re.IGNORECASE
)


def _infer_cvf(url: UrlParts) -> Venue | None:
    match = _CVF_NEW.match(url.path) or _CVF_OLD.match(url.path)
    if not match:
        return None
    conference = match["conf"].upper()
    if conference not in CVF_CONFERENCES:
        return None
    groups = match.groupdict()
    workshop = bool(groups.get("w") or groups.get("ws"))
    return Venue(f"{conference} Workshops" if workshop else conference, int(match["year"]))


def _infer_miccai(url: UrlParts) -> Venue | None:
    match = re.match(r"^/miccai-(?P<year>\d{4})/", url.path)
    return Venue("MICCAI", int(match["year"])) if match else None


def _infer_neurips(url: UrlParts) -> Venue | None:
    match = re.match(r"^/paper(?:_files/paper)?/(?P<year>\d{4})/", url.path)
    return Venue("NeurIPS", int(match["year"])) if match else None


def _infer_pmlr(url: UrlParts) -> Venue | None:
    match = re.match(r"^/v(?P<volume>\d+)/", url.path)
    return PMLR_VOLUMES.get(int(match["volume"])) if match else None


def _infer_acl_url(url: UrlParts) -> Venue | None:
    match = re.match(rf"^/(?:anthology/)?{_ACL_ID}", url.path)
    return _acl_venue(match["id"]) if match else None


def _acl_venue(anthology_id: str) -> Venue | None:
    new = re.fullmatch(r"(?P<year>\d{4})\.(?P<middle>[a-z0-9-]+)\.\d+", anthology_id)
    if new:
        return Venue(_acl_event(new["middle"]), int(new["year"]))
    old = re.fullmatch(r"(?P<letter>[A-Z])(?P<yy>\d{2})-\d{4}", anthology_id)
    if old:
        yy = int(old["yy"])
        return Venue(ACL_OLD_LETTERS.get(old["letter"]), 1900 + yy if yy >= 65 else 2000 + yy)
    return None


def _acl_event(middle: str) -> str | None:
    """The venue of an id's middle part: "<event>-<volume>" (acl-long, coling-main,
    bionlp-1) or "findings-<event>"."""
    if middle.startswith("findings-"):
        inner = ACL_EVENTS.get(middle.removeprefix("findings-").split("-")[0])
        return f"Findings of {inner}" if inner else None
    return ACL_EVENTS.get(middle.split("-")[0])


def _infer_sciencedirect(url: UrlParts) -> Venue | None:
    pii = _pii_in(url)
    if pii is None:
        return None
    # The two digits after the ISSN are the year the PII was issued (usually the publication
    # year; an article accepted in December can carry the previous year).
    return Venue(ELSEVIER_ISSNS.get(pii[1:9]), 2000 + int(pii[9:11]))


def _infer_aaai(url: UrlParts) -> Venue | None:
    match = re.match(r"^/index\.php/(?P<journal>[A-Za-z]+)/", url.path)
    if not match or match["journal"].upper() not in AAAI_OJS_VENUES:
        return None
    return Venue(match["journal"].upper(), None)


def _infer_jmir(url: UrlParts) -> Venue | None:
    match = _JMIR.match(url.path)
    if not match:
        return None
    return Venue(JMIR_JOURNALS.get(url.host), int(match["year"]))


def _infer_lww(url: UrlParts) -> Venue | None:
    match = re.match(r"^/(?P<journal>[a-z]+)/(?:fulltext|abstract)/(?P<year>\d{4})/", url.path)
    if not match:
        return None
    return Venue(LWW_JOURNALS.get(match["journal"]), int(match["year"]))


def _infer_ads(url: UrlParts) -> Venue | None:
    match = _ADS_ZENODO.match(unquote(url.path))
    return Venue("Zenodo", int(match["year"])) if match else None


@dataclass(frozen=True)
class UrlInference:
    """A named reader of venue/year from the URLs of some hosts."""

    name: str
    hosts: frozenset[str]
    infer: Callable[[UrlParts], Venue | None]


URL_INFERENCES: tuple[UrlInference, ...] = (
    UrlInference("cvf", _hosts("openaccess.thecvf.com"), _infer_cvf),
    UrlInference("miccai", _hosts("papers.miccai.org"), _infer_miccai),
    UrlInference("neurips", NEURIPS_HOSTS, _infer_neurips),
    UrlInference("pmlr", _hosts("proceedings.mlr.press"), _infer_pmlr),
    UrlInference("acl", _hosts("aclanthology.org aclweb.org"), _infer_acl_url),
    UrlInference("sciencedirect", _hosts("sciencedirect.com"), _infer_sciencedirect),
    UrlInference("aaai", _hosts("ojs.aaai.org"), _infer_aaai),
    UrlInference("jmir", _hosts("jmir.org"), _infer_jmir),
    UrlInference("lww", _hosts("journals.lww.com"), _infer_lww),
    UrlInference("ads", _hosts("ui.adsabs.harvard.edu"), _infer_ads),
    # IEEE Xplore document numbers say nothing about venue or year: no entry.
)


def infer_venue_year(url: str) -> Venue:
    """The venue and year that a link spells out, without asking any service.

    The link is canonicalised first (so a signed ScienceDirect download still names its
    journal); then the URL tables are read, then the DOI the link carries.
    """
    result = canonicalise(url)
    if result.arxiv:
        return Venue("arXiv", arxiv_year(result.arxiv))
    target = UrlParts.parse(result.url) if result.url else None
    if target is not None:
        for inference in URL_INFERENCES:
            if _host_in(target.host, inference.hosts):
                venue = inference.infer(target)
                if venue is not None and venue.found():
                    return venue
    if result.doi:
        return infer_from_doi(result.doi)
    return Venue()


# --- inference from DOIs ----------------------------------------------------------------------


def _doi_arxiv(match: re.Match[str]) -> Venue | None:
    arxiv = arxiv_id_or_none(match["id"])
    return Venue("arXiv", arxiv_year(arxiv)) if arxiv else None


def _doi_springer_book(match: re.Match[str]) -> Venue | None:
    return SPRINGER_BOOKS.get(match["isbn"])


def _doi_springer_nature(match: re.Match[str]) -> Venue | None:
    # The three digits after the journal code are the year the DOI was issued (0YY).
    year = 2000 + int(match["yy"])
    code = match["code"]
    for renamed, since, before, after in SPRINGER_NATURE_RENAMED:
        if code == renamed:
            return Venue(after if year >= since else before, year)
    return Venue(SPRINGER_NATURE_JOURNALS.get(code), year)


def _doi_ieee(match: re.Match[str]) -> Venue | None:
    return Venue(IEEE_CODES.get(match["code"]), int(match["year"]))


def _doi_elsevier(match: re.Match[str]) -> Venue | None:
    return Venue(ELSEVIER_CODES.get(match["code"]), int(match["year"]))


def _doi_frontiers(match: re.Match[str]) -> Venue | None:
    return Venue(FRONTIERS_JOURNALS.get(match["code"]), int(match["year"]))


def _doi_acl(match: re.Match[str]) -> Venue | None:
    return _acl_venue(match["id"])


def _doi_aaai(match: re.Match[str]) -> Venue | None:
    # AAAI proceedings volumes are numbered from AAAI-87 (vol. 1): AAAI-22 is vol. 36.
    return Venue("AAAI", 1986 + int(match["volume"]))


def _doi_rsna(match: re.Match[str]) -> Venue | None:
    return Venue(RSNA_JOURNALS.get(match["code"]), None)


def _doi_year(match: re.Match[str]) -> Venue | None:
    return Venue(None, int(match["year"]))


def _doi_zenodo(match: re.Match[str]) -> Venue | None:
    return Venue("Zenodo", None)


@dataclass(frozen=True)
class DoiInference:
    """A named reader of venue/year from DOIs matching `pattern` (DOIs are lower-case here)."""

    name: str
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str]], Venue | None]


# The first pattern that matches answers.
DOI_INFERENCES: tuple[DoiInference, ...] = tuple(
    DoiInference(name, re.compile(pattern), read)
    for name, pattern, read in (
        ("arxiv", r"^10\.48550/arxiv\.(?P<id>.+)$", _doi_arxiv),
        ("springer-book", r"^10\.1007/(?P<isbn>978-[\d-]+?)(?:_\d+)?$", _doi_springer_book),
        (
            "springer-nature-journal",
            r"^10\.(?:1038|1007|1186)/(?P<code>s\d{5})-0(?P<yy>\d{2})-",
            _doi_springer_nature,
        ),
        ("ieee", r"^10\.1109/(?P<code>[a-z]+)\d*\.(?P<year>\d{4})\.\d+$", _doi_ieee),
        ("elsevier", r"^10\.1016/j\.(?P<code>[a-z]+)\.(?P<year>\d{4})\.", _doi_elsevier),
        ("frontiers", r"^10\.3389/(?P<code>[a-z]+)\.(?P<year>\d{4})\.", _doi_frontiers),
        ("acl", r"^10\.18653/v1/(?P<id>.+)$", _doi_acl),
        ("aaai", r"^10\.1609/aaai\.v(?P<volume>\d+)i\d+\.\d+$", _doi_aaai),
        ("rsna", r"^10\.1148/(?P<code>[a-z]+)\.\d+$", _doi_rsna),
        # Hindawi (now Wiley) and bioRxiv/medRxiv DOIs hold the publication or posting year.
        ("hindawi", r"^10\.1155/(?P<year>\d{4})/\d+$", _doi_year),
        ("biorxiv", r"^10\.1101/(?P<year>\d{4})\.\d{2}\.\d{2}\.\d+$", _doi_year),
        ("zenodo", r"^10\.5281/zenodo\.\d+$", _doi_zenodo),
    )
)


def infer_from_doi(doi: str) -> Venue:
    """The venue and year a DOI spells out (journal codes, proceedings ISBNs, year fields).

    `Venue(None, None)` when the DOI is not valid or says nothing the tables know.
    """
    normalised = doi_or_none(doi)
    if normalised is None:
        return Venue()
    for inference in DOI_INFERENCES:
        match = inference.pattern.match(normalised)
        if match:
            venue = inference.read(match)
            return venue if venue is not None else Venue()
    return Venue()


# --- titles -----------------------------------------------------------------------------------

_FINDINGS = r"findings of the association for computational linguistics"

# Long venue names (as citations write them) and acronyms, to short names; the first match
# wins, so specific names come before the names they contain.
VENUE_NAMES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), short)
    for pattern, short in (
        (r"medical image computing and computer[- ]assisted intervention", "MICCAI"),
        (r"machine learning in medical imaging", "MLMI"),
        (r"computer vision and pattern recognition\b.*\bworkshops?", "CVPR Workshops"),
        (r"computer vision and pattern recognition", "CVPR"),
        (r"european conference on computer vision", "ECCV"),
        (r"asian conference on computer vision", "ACCV"),
        (r"international conference on computer vision\b.*\bworkshops?", "ICCV Workshops"),
        (r"international conference on computer vision", "ICCV"),
        (r"winter conference on applications of computer vision", "WACV"),
        (r"neural information processing systems", "NeurIPS"),
        (r"international conference on machine learning(?!\s+(?:and|for|in)\b)", "ICML"),
        (r"international conference on learning representations", "ICLR"),
        (r"aaai conference on artificial intelligence", "AAAI"),
        (r"international joint conference on artificial intelligence", "IJCAI"),
        (rf"{_FINDINGS}:?\s*emnlp", "Findings of EMNLP"),
        (rf"{_FINDINGS}:?\s*naacl", "Findings of NAACL"),
        (rf"{_FINDINGS}:?\s*eacl", "Findings of EACL"),
        (_FINDINGS, "Findings of ACL"),
        (r"empirical methods in natural language processing", "EMNLP"),
        (r"north american chapter of the association for computational linguistics", "NAACL"),
        (r"european chapter of the association for computational linguistics", "EACL"),
        (r"association for computational linguistics", "ACL"),
        (r"international conference on computational linguistics", "COLING"),
        (r"medical imaging with deep learning", "MIDL"),
        (r"international symposium on biomedical imaging", "ISBI"),
        (r"machine learning for healthcare", "MLHC"),
        (r"machine learning for health\b", "ML4H"),
        (r"conference on health,? inference,? and learning", "CHIL"),
        (r"bioinformatics and biomedicine", "BIBM"),
        (r"acm (?:international conference on )?multimedia", "ACM MM"),
        (r"transactions on medical imaging", "IEEE TMI"),
        (r"journal of biomedical and health informatics", "IEEE JBHI"),
        (r"transactions on pattern analysis and machine intelligence", "IEEE TPAMI"),
        (r"transactions on image processing", "IEEE TIP"),
        (r"\bmedical image analysis\b", "Medical Image Analysis"),
        (r"\bnature medicine\b", "Nature Medicine"),
        (r"\bnature communications\b", "Nature Communications"),
        (r"\barxiv\b", "arXiv"),
        (r"\bmiccai\b", "MICCAI"),
        (r"\bcvpr\b", "CVPR"),
        (r"\biccv\b", "ICCV"),
        (r"\beccv\b", "ECCV"),
        (r"\bwacv\b", "WACV"),
        (r"\b(?:neurips|nips)\b", "NeurIPS"),
        (r"\bicml\b", "ICML"),
        (r"\biclr\b", "ICLR"),
        (r"\baaai\b", "AAAI"),
        (r"\bijcai\b", "IJCAI"),
        (r"\bemnlp\b", "EMNLP"),
        (r"\bnaacl\b", "NAACL"),
        (r"\beacl\b", "EACL"),
        (r"\bcoling\b", "COLING"),
        (r"\bacl\b", "ACL"),
        (r"\bmidl\b", "MIDL"),
        (r"\bisbi\b", "ISBI"),
    )
)


def short_venue(name: str) -> str | None:
    """The short name of a venue written in full or as an acronym, if known.

    "International Conference on Medical Image Computing and Computer-Assisted Intervention"
    -> "MICCAI"; "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern
    Recognition" -> "CVPR"; an unknown name -> None.
    """
    text = normalise_space(name)
    for pattern, short in VENUE_NAMES:
        if pattern.search(text):
            return short
    return None


# Trailing citation text: ", in: <venue ...>" always; other forms only when what follows
# names a venue, so that a title containing ", in " keeps its words.
_CITATION_ALWAYS = re.compile(r"[,.]\s*in:\s*(?P<venue>.*)$", re.IGNORECASE)
_CITATION_IF_VENUE = re.compile(
    r"[,.]\s*(?:in\s+)?(?P<venue>(?:the\s+)?(?:proceedings\b|\d+(?:st|nd|rd|th)\s+|"
    r"international\b|annual\b|european\b|asian\b|ieee\b|acm\b|advances\s+in\b|"
    r"arxiv\s+preprint\b).*)$",
    re.IGNORECASE,
)
_VENUE_WORDS = re.compile(
    r"\b(?:conference|symposium|workshops?|proceedings|transactions|journal|preprint)\b",
    re.IGNORECASE,
)


def clean_title(raw: str) -> tuple[str, str | None]:
    """A title with whitespace normalised and trailing citation text removed, and the venue
    that text named (short form) when it is recognised.

    "Clip-lung: ... prediction, in: International Conference on Medical Image Computing and
    Computer-Assisted Intervention" -> ("Clip-lung: ... prediction", "MICCAI").
    """
    title = normalise_space(raw)
    cut = _citation_start(title)
    venue = None
    if cut is not None:
        start, tail = cut
        title = title[:start]
        venue = short_venue(tail)
    return title.rstrip(" ,;:"), venue


def _citation_start(title: str) -> tuple[int, str] | None:
    """Where trailing citation text starts in `title`, and that text."""
    always = _CITATION_ALWAYS.search(title)
    if always and always.start() > 0:
        return always.start(), always["venue"]
    for separator in re.finditer(r"[,.]", title):
        match = _CITATION_IF_VENUE.match(title, separator.start())
        if match and match.start() > 0:
            tail = match["venue"]
            if _VENUE_WORDS.search(tail) or short_venue(tail):
                return match.start(), tail
    return None


_GITHUB = re.compile(
    r"(?:https?://)?(?:www\.)?github\.com/(?P<owner>[A-Za-z0-9][A-Za-z0-9-]*)/"
    r"(?P<repo>[A-Za-z0-9_.-]+)",
    re.IGNORECASE,
)


def find_code_link(*texts: str | None) -> str | None:
    """The first GitHub repository URL in `texts`, as https://github.com/owner/repo."""
    for text in texts:
        for match in _GITHUB.finditer(text or ""):
            # Sentences end right after the URL ("... at github.com/a/b."); ".git" is a suffix.
            repo = match.group("repo").rstrip(".").removesuffix(".git")
            if repo:
                return f"https://github.com/{match.group('owner')}/{repo}"
    return None
