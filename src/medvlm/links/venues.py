"""`infer_venue_year(url)`: the venue and year a link spells out, without asking any service.

CVF and NeurIPS paths, MICCAI open-access pages, PMLR volumes, ACL Anthology ids,
ScienceDirect PIIs, AAAI (OJS), JMIR and Lippincott journals, Zenodo records through ADS; then
the DOI the link carries (doi_venues.py). The tables hold only entries checked against
citations that name them (venues.yaml); a link they do not cover gives `Venue(None, None)`
rather than a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from medvlm.identifiers import arxiv_year
from medvlm.links.canonical import canonicalise
from medvlm.links.doi_rules import ADS_ZENODO, JMIR_PATH
from medvlm.links.doi_venues import acl_venue, infer_from_doi
from medvlm.links.page_rules import ACL_ID, NEURIPS_HOSTS, pii_in
from medvlm.links.urls import UrlParts, host_in, hosts
from medvlm.links.venuetables import Venue, venue_tables

_CVF_NEW = re.compile(r"^/content/(?P<conf>[A-Z]+)(?P<year>\d{4})(?P<w>W)?/")
_CVF_OLD = re.compile(
    r"^/content_(?P<conf>[a-z]+?)(?P<w>w)?_(?P<year>\d{4})(?P<ws>_workshops)?/", re.IGNORECASE
)


def _infer_cvf(url: UrlParts) -> Venue | None:
    match = _CVF_NEW.match(url.path) or _CVF_OLD.match(url.path)
    if not match:
        return None
    conference = match["conf"].upper()
    if conference not in venue_tables().cvf_conferences:
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
    volume = venue_tables().pmlr_volumes.get(int(match["volume"])) if match else None
    return volume.as_venue() if volume else None


def _infer_acl_url(url: UrlParts) -> Venue | None:
    match = re.match(rf"^/(?:anthology/)?{ACL_ID}", url.path)
    return acl_venue(match["id"]) if match else None


def _infer_sciencedirect(url: UrlParts) -> Venue | None:
    pii = pii_in(url)
    if pii is None:
        return None
    # The two digits after the ISSN are the year the PII was issued (usually the publication
    # year; an article accepted in December can carry the previous year).
    return Venue(venue_tables().elsevier_issns.get(pii[1:9]), 2000 + int(pii[9:11]))


def _infer_aaai(url: UrlParts) -> Venue | None:
    match = re.match(r"^/index\.php/(?P<journal>[A-Za-z]+)/", url.path)
    if not match or match["journal"].upper() not in venue_tables().aaai_ojs_venues:
        return None
    return Venue(match["journal"].upper(), None)


def _infer_jmir(url: UrlParts) -> Venue | None:
    match = JMIR_PATH.match(url.path)
    if not match:
        return None
    return Venue(venue_tables().jmir_journals.get(url.host), int(match["year"]))


def _infer_lww(url: UrlParts) -> Venue | None:
    match = re.match(r"^/(?P<journal>[a-z]+)/(?:fulltext|abstract)/(?P<year>\d{4})/", url.path)
    if not match:
        return None
    return Venue(venue_tables().lww_journals.get(match["journal"]), int(match["year"]))


def _infer_ads(url: UrlParts) -> Venue | None:
    match = ADS_ZENODO.match(unquote(url.path))
    return Venue("Zenodo", int(match["year"])) if match else None


@dataclass(frozen=True)
class UrlInference:
    """A named reader of venue/year from the URLs of some hosts."""

    name: str
    hosts: frozenset[str]
    infer: Callable[[UrlParts], Venue | None]


URL_INFERENCES: tuple[UrlInference, ...] = (
    UrlInference("cvf", hosts("openaccess.thecvf.com"), _infer_cvf),
    UrlInference("miccai", hosts("papers.miccai.org"), _infer_miccai),
    UrlInference("neurips", NEURIPS_HOSTS, _infer_neurips),
    UrlInference("pmlr", hosts("proceedings.mlr.press"), _infer_pmlr),
    UrlInference("acl", hosts("aclanthology.org aclweb.org"), _infer_acl_url),
    UrlInference("sciencedirect", hosts("sciencedirect.com"), _infer_sciencedirect),
    UrlInference("aaai", hosts("ojs.aaai.org"), _infer_aaai),
    UrlInference("jmir", hosts("jmir.org"), _infer_jmir),
    UrlInference("lww", hosts("journals.lww.com"), _infer_lww),
    UrlInference("ads", hosts("ui.adsabs.harvard.edu"), _infer_ads),
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
            if host_in(target.host, inference.hosts):
                venue = inference.infer(target)
                if venue is not None and venue.found():
                    return venue
    if result.doi:
        return infer_from_doi(result.doi)
    return Venue()
