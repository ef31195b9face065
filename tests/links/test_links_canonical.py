"""medvlm.links.canonical: the https upgrade, bare identifiers and hand-written links, links
left alone, PDFs, text that is not a link, and the order and names of the rules."""

from __future__ import annotations

import pytest

from medvlm.links import LinkResult, canonicalise
from medvlm.links.canonical import RULES
from tests.links.rule_cases import Case, check_case

CASES: list[Case] = [
    # https-upgrade
    (
        "http://openaccess.thecvf.com/content/ICCV2023/html/"
        "Zhai_Sigmoid_Loss_for_Language_Image_Pre-Training_ICCV_2023_paper.html",
        "https://openaccess.thecvf.com/content/ICCV2023/html/"
        "Zhai_Sigmoid_Loss_for_Language_Image_Pre-Training_ICCV_2023_paper.html",
        ("https-upgrade",),
        None,
        None,
    ),
    # bare identifiers and hand-written links
    (
        "10.1038/s41551-024-01246-y",
        "https://doi.org/10.1038/s41551-024-01246-y",
        ("bare-doi", "doi-resolver"),
        None,
        "10.1038/s41551-024-01246-y",
    ),
    ("arXiv:2403.04290v2", "https://arxiv.org/abs/2403.04290", ("bare-arxiv",), "2403.04290", None),
    (
        "arxiv.org/abs/2303.00915",
        "https://arxiv.org/abs/2303.00915",
        ("scheme-added", "arxiv-abs"),
        "2303.00915",
        None,
    ),
    (
        "https://example.org/a paper.html",
        "https://example.org/a%20paper.html",
        ("space-encoded",),
        None,
        None,
    ),
]


@pytest.mark.parametrize("case", CASES)
def test_canonicalise(case: Case) -> None:
    check_case(case)


def test_https_upgrade_has_a_case() -> None:
    assert any("https-upgrade" in rules for _, _, rules, _, _ in CASES)


def test_rule_names_are_unique() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


# --- links left alone -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    [
        "https://github.com/snap-stanford/med-flamingo",
        "https://sites.google.com/view/repsnet",
        "https://stanfordmlgroup.github.io/competitions/chexpert/",
        "https://journals.lww.com/retinajournal/fulltext/2024/10000/"
        "applications_of_multimodal_generative_artificial.9.aspx",
        "https://aclanthology.org/2025.coling-main.571/",
        "https://proceedings.mlr.press/v227/jeong24a.html",
        "https://ieeexplore.ieee.org/document/10172039",
        "https://www.sciencedirect.com/science/article/pii/S0031320323009299",
        "https://example.org/search?q=clip&page=2#results",
    ],
)
def test_stable_url_is_unchanged(link: str) -> None:
    result = canonicalise(link)
    assert result == LinkResult(url=link)


def test_miccai_pdf_is_kept_because_its_page_cannot_be_derived() -> None:
    link = "https://papers.miccai.org/miccai-2024/paper/0254_paper.pdf"
    result = canonicalise(link)
    assert result.url == link
    assert result.is_pdf
    assert result.rules == ()


def test_pdf_without_landing_page_is_marked_pdf() -> None:
    result = canonicalise("https://cdn.openai.com/papers/dall-e-3.pdf")
    assert result.url == "https://cdn.openai.com/papers/dall-e-3.pdf"
    assert result.is_pdf


def test_rebuilt_landing_page_is_not_a_pdf() -> None:
    assert not canonicalise("https://www.nature.com/articles/s41467-024-51749-0.pdf").is_pdf


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty link"),
        ("   ", "empty link"),
        ("-", "not an http(s) URL"),
        ("Nature Medicine", "not an http(s) URL"),
        ("javascript:alert(1)", "not an http(s) URL"),
        ("ftp://example.org/paper.pdf", "not an http(s) URL"),
        ("http://", "not an http(s) URL"),
        ("http://[broken", "not an http(s) URL"),
    ],
)
def test_non_url_is_dropped_without_exception(text: str, reason: str) -> None:
    result = canonicalise(text)
    assert result.url is None
    assert result.dropped_reason is not None and result.dropped_reason.startswith(reason)
