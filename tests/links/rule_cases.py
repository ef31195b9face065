"""Canonicalisation cases as the tests of each rule module write them, their check, and signed
downloads copied from the seed lists."""

from __future__ import annotations

from collections.abc import Iterable

from medvlm.links import canonicalise

# Signed downloads copied from the seed lists; the long token, credential and signature values
# are abridged (only the parameter names matter to the rules).
SIGNED_SCIENCEDIRECT = (
    "https://pdf.sciencedirectassets.com/272154/1-s2.0-S1361841524X00079/"
    "1-s2.0-S1361841524002822/main.pdf?X-Amz-Security-Token=IQoJb3JpZ2luX2VjEBAaCXVz"
    "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20250409T081221Z&X-Amz-SignedHeaders=host"
    "&X-Amz-Expires=300&X-Amz-Credential=ASIAabridged%2F20250409%2Fus-east-1%2Fs3%2Faws4_request"
    "&X-Amz-Signature=b31d1c4ce03c5a0e&hash=126ff7aa37c9aba4&pii=S1361841524002822"
    "&tid=spdf-1ab78eed&type=client&cc=hk"
)
SIGNED_SILVERCHAIR = (
    "https://watermark.silverchair.com/ocad252.pdf?token=AQECAHi208BE49Ooan9kkhW_Ercy7Dm3ZL_9Cf3q"
)

# (link as written, URL to store, rules applied, arXiv id, DOI)
Case = tuple[str, str, tuple[str, ...], str | None, str | None]


def check_case(case: Case) -> None:
    """`canonicalise` gives the case's URL, rules and identifiers, and the URL it gives is a
    fixed point (canonicalising it again changes nothing)."""
    link, url, rules, arxiv, doi = case
    result = canonicalise(link)
    assert (result.url, result.rules, result.arxiv, result.doi) == (url, rules, arxiv, doi)
    assert result.dropped_reason is None
    assert canonicalise(url).url == url


def rules_in(cases: Iterable[Case]) -> set[str]:
    """The names of the rules the cases exercise."""
    return {rule for _, _, rules, _, _ in cases for rule in rules}
