"""List items of papers (medvlm.importers.bullets): links, code sub-items, tags in brackets,
emphasis, parentheses and code spans, badges."""

from __future__ import annotations

from medvlm.importers.markdown import VenueTag
from tests.importers.listfixtures import rows_of


def test_bullet_with_link_code_and_bracket_tag() -> None:
    row = rows_of("bullets.md")["Report Generation with Memory Tokens"]
    assert row.style == "bullet"
    assert row.paper_links == ("https://arxiv.org/abs/2403.00003",)
    assert row.code_links == ("https://github.com/example/memrg",)
    assert row.tags == (VenueTag("MICCAI 2024", "MICCAI", 2024),)
    assert row.headings == ("Awesome Bullets (synthetic)", "Report Generation", "2024")


def test_bold_tag_before_the_title_link() -> None:
    row = rows_of("bullets.md")["Grounded Reports for Chest Films"]
    assert row.tags == (VenueTag("CVPR'24", "CVPR", 2024),)


def test_plain_title_with_authors_and_a_code_sub_item() -> None:
    row = rows_of("bullets.md")["Knowledge Graphs for Radiology Reports"]
    assert row.paper_links == ("https://doi.org/10.1016/j.media.2024.103001",)
    # "  - [code](...)" under the item adds its link to the item.
    assert row.code_links == ("https://github.com/example/kgrr",)


def test_parenthesised_tag_and_badge_on_a_continuation_line() -> None:
    row = rows_of("bullets.md")["Long Reports Need Long Context"]
    assert row.tags == (VenueTag("NeurIPS 2024", "NeurIPS", 2024),)
    assert row.paper_links == ("https://arxiv.org/abs/2405.00004",)


def test_numbered_items_code_span_tag_and_shields_badges() -> None:
    rows = rows_of("bullets.md")
    scans = rows["Answering Questions About Scans"]
    assert scans.tags == (VenueTag("TMI 2023", "TMI", 2023),)
    assert scans.code_links == ("https://github.com/example/askscan",)
    endoscopes = rows["Asking Endoscopes Questions"]
    assert endoscopes.tags == (VenueTag("MIDL 2023", "MIDL", 2023),)  # from the badge
    assert endoscopes.paper_links == ("https://proceedings.mlr.press/v227/jeong24a/jeong24a.pdf",)
