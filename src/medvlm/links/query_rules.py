"""Canonicalisation rules on any host: tracking parameters and browser text fragments are
removed, a signed (expiring) download with no stable page is dropped with a reason, and an
empty query ("?") goes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from medvlm.links.urls import Rewrite, Rule, UrlParts, param_name

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


def is_signed(url: UrlParts) -> bool:
    """Whether `url` is a signed download that expires."""
    return bool(_signed_names(url)) or url.host in SIGNED_HOSTS


def _strip_tracking(url: UrlParts) -> Rewrite | None:
    kept = tuple(item for item in url.query if not _is_tracking(param_name(item)))
    # Text fragments (#:~:text=...) are highlights a browser added, not part of the page.
    fragment = "" if url.fragment.startswith(":~:") else url.fragment
    if kept == url.query and fragment == url.fragment:
        return None
    return Rewrite(replace(url, query=kept, fragment=fragment))


def _drop_signed(url: UrlParts) -> Rewrite | None:
    if not is_signed(url):
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


# In the order they run, after the site rules (which rebuild URLs from the path and so discard
# the signed query strings they can replace).
QUERY_RULES: tuple[Rule, ...] = (
    Rule("tracking-params", None, _strip_tracking),
    Rule("signed-dropped", None, _drop_signed),
    Rule("empty-query", None, _empty_query),
)
