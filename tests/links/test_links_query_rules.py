"""The rules of medvlm.links.query_rules: tracking parameters removed, signed downloads
dropped with a reason (or replaced by the stable page a site rule derives), empty queries."""

from __future__ import annotations

import pytest

from medvlm.links import canonicalise
from medvlm.links.query_rules import QUERY_RULES
from tests.links.rule_cases import (
    SIGNED_SCIENCEDIRECT,
    SIGNED_SILVERCHAIR,
    Case,
    check_case,
    rules_in,
)

CASES: list[Case] = [
    # tracking-params: click ids go, the page's own parameters stay in order
    (
        "https://example.org/paper?id=7&utm_source=twitter&fbclid=IwAR0&page=2",
        "https://example.org/paper?id=7&page=2",
        ("tracking-params",),
        None,
        None,
    ),
    (
        "https://example.org/paper#:~:text=vision%20language",
        "https://example.org/paper",
        ("tracking-params",),
        None,
        None,
    ),
    # empty-query
    ("https://example.org/page?", "https://example.org/page", ("empty-query",), None, None),
]


@pytest.mark.parametrize("case", CASES)
def test_query_rule(case: Case) -> None:
    check_case(case)


def test_every_query_rule_has_a_case() -> None:
    tested = rules_in(CASES) | {"signed-dropped"}  # the tests of dropped links below
    assert {rule.name for rule in QUERY_RULES} <= tested


# --- dropped links ----------------------------------------------------------------------------


def test_silverchair_download_is_dropped_with_a_reason() -> None:
    result = canonicalise(SIGNED_SILVERCHAIR)
    assert result.url is None and result.dropped
    assert result.rules == ("signed-dropped",)
    assert result.dropped_reason is not None
    assert "token" in result.dropped_reason
    assert "ocad252.pdf" in result.dropped_reason
    assert "academic.oup.com" in result.dropped_reason


def test_signed_url_without_a_stable_page_is_dropped() -> None:
    result = canonicalise(
        "https://bucket.s3.amazonaws.com/paper.pdf?X-Amz-Expires=300&X-Amz-Signature=ab12"
    )
    assert result.url is None
    assert result.dropped_reason is not None
    assert "x-amz-expires, x-amz-signature" in result.dropped_reason


def test_sciencedirect_asset_without_pii_is_dropped() -> None:
    result = canonicalise("https://pdf.sciencedirectassets.com/272154/main.pdf")
    assert result.url is None
    assert result.dropped_reason is not None
    assert "sciencedirect.com page" in result.dropped_reason


@pytest.mark.parametrize(
    "link",
    [
        SIGNED_SCIENCEDIRECT,
        SIGNED_SILVERCHAIR,
        "https://cdn.example.org/f.pdf?Expires=1&Signature=x",
    ],
)
def test_signed_parameters_never_survive(link: str) -> None:
    url = canonicalise(link).url or ""
    assert not any(word in url.lower() for word in ("x-amz", "token=", "signature", "expires"))
