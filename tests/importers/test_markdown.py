"""Awesome-list parsing: tables in several column orders, bullet lists with tags and badges
(synthetic fixtures in tests/data/markdown), and the two seed lists when they are present."""

from __future__ import annotations

import pytest

from medvlm.importers.markdown import (
    Ignored,
    Row,
    VenueTag,
    column_role,
    heading_text,
    parse_markdown,
    parse_venue_tag,
    split_cells,
)
from tests.helpers import DATA, REPO

MARKDOWN = DATA / "markdown"
ANCHORS = REPO.parent / "shared" / "anchors"


def rows_of(name: str) -> dict[str, Row]:
    parsed = parse_markdown((MARKDOWN / name).read_text(encoding="utf-8"))
    return {row.title or f"model:{row.model}": row for row in parsed.rows}


# --- cells, columns, tags -------------------------------------------------------------------


def test_split_cells_keeps_pipes_in_escapes_code_and_link_urls() -> None:
    line = r"| A \| B | `x | y` | [PDF](https://example.org/a|b) | last |"
    assert split_cells(line) == [r"A | B", "`x | y`", "[PDF](https://example.org/a|b)", "last"]
    assert split_cells("no outer | pipes") == ["no outer", "pipes"]


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Paper Names", "title"),
        ("Paper", "title"),
        ("Title", "title"),
        ("Model Names", "model"),
        ("Natural\\Medical", "domain"),
        ("Domain", "domain"),
        ("Tasks", "task"),
        ("PDF Link", "paper"),
        ("Paper Link", "paper"),
        ("PDF", "paper"),
        ("arXiv", "paper"),
        ("Code", "code"),
        ("GitHub", "code"),
        ("Project Page", "project"),
        ("Venue", "venue"),
        ("Conference", "venue"),
        ("Year", "year"),
        ("Index", "index"),
        ("#", "index"),
        ("", "index"),
        ("Authors", None),
        ("Description", None),
    ],
)
def test_column_role(header: str, role: str | None) -> None:
    assert column_role(header) == role


@pytest.mark.parametrize(
    ("text", "venue", "year"),
    [
        ("MICCAI 2024", "MICCAI", 2024),
        ("CVPR'24", "CVPR", 2024),
        ("CVPR\u201924", "CVPR", 2024),
        ("MICCAI24", "MICCAI", 2024),
        ("NeurIPS 2023 Datasets and Benchmarks", "NeurIPS", 2023),
        ("2023", None, 2023),
        ("TMI 2023", "TMI", 2023),
        ("Nature Medicine", "Nature Medicine", None),
        ("IEEE Transactions on Medical Imaging, 2024", "IEEE TMI", 2024),
    ],
)
def test_parse_venue_tag(text: str, venue: str | None, year: int | None) -> None:
    tag = parse_venue_tag(text)
    assert tag is not None
    assert (tag.venue, tag.year) == (venue, year)


@pytest.mark.parametrize(
    "text",
    [
        "code",
        "Segment Anything",
        "SAM",  # an acronym the venue table does not know is trusted only with a year
        "MedCLIP: Contrastive Learning from Unpaired Medical Images and Text",
        "",
    ],
)
def test_not_a_venue_tag(text: str) -> None:
    assert parse_venue_tag(text) is None


def test_emphasis_tags_need_a_year() -> None:
    assert parse_venue_tag("Medical Image Analysis", need_year=True) is None
    assert parse_venue_tag("Medical Image Analysis 2024", need_year=True) == VenueTag(
        "Medical Image Analysis 2024", "Medical Image Analysis", 2024
    )


def test_heading_text_drops_markdown_and_numbering() -> None:
    assert heading_text("2.1 [Segmentation](#seg) :fire:") == "Segmentation"
    assert heading_text("**Medical VQA**") == "Medical VQA"


# --- tables ---------------------------------------------------------------------------------


def test_table_columns_in_any_order() -> None:
    rows = rows_of("tables.md")
    liver = rows["Text-Guided Liver Segmentation with Prompts"]
    assert liver.paper_links == ("https://arxiv.org/pdf/2401.00001v2",)
    assert liver.code_links == ("https://github.com/example/liverseg",)
    assert liver.tags == (VenueTag("MICCAI 2024", "MICCAI", 2024),)
    assert liver.headings[-1] == "Medical Image Segmentation"
    assert liver.line == 15

    detection = rows["Zero-Shot Lesion Detection with Prompts"]
    assert detection.task == "Object Detection"
    assert detection.section == "Other Image Analysis Tasks"
    assert detection.code_links == ()

    # A bare URL in the code column, the title in the last column.
    sr = rows["Ultrasound Super-Resolution with Text Guidance"]
    assert sr.code_links == ("https://github.com/example/sr",)
    assert sr.paper_links == ("https://ieeexplore.ieee.org/stamp/stamp.jsp?arnumber=10000001",)


def test_title_cell_with_a_link_and_badges() -> None:
    rows = rows_of("tables.md")
    organ = rows["Organ Segmentation via Language Queries"]
    assert organ.paper_links[0].startswith("https://openaccess.thecvf.com/content/CVPR2024/papers/")
    # The star badge links the repository; the badge image is never kept.
    assert organ.code_links == ("https://github.com/example/organ",)
    escaped = rows["A Study of Lesion Masks | Part II"]
    assert escaped.tags == (
        VenueTag("Medical Image Analysis 2023", "Medical Image Analysis", 2023),
    )


def test_model_table_columns() -> None:
    rows = rows_of("tables.md")
    clip = rows["Learning visual models from captions at scale"]
    assert (clip.model, clip.domain) == ("BigCLIP", "Natural")
    missing = rows["model:Mystery-VLM"]
    assert missing.title is None and missing.links == ()
    linked = rows["model:OpenBig"]
    assert linked.title is None and len(linked.paper_links) == 1


def test_tables_that_are_not_paper_lists_are_reported() -> None:
    parsed = parse_markdown((MARKDOWN / "tables.md").read_text(encoding="utf-8"))
    assert parsed.ignored == (
        Ignored(7, "table without any link; not read"),
        Ignored(38, "table without a paper, title, model or link column; not read"),
    )
    assert len(parsed.rows) == 10


# --- bullet lists ---------------------------------------------------------------------------


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


def test_comments_code_blocks_prose_and_contents_are_not_papers() -> None:
    rows = rows_of("bullets.md")
    assert "Commented Out Paper" not in rows
    assert "Not A Paper" not in rows
    assert not any("prose" in title for title in rows)
    assert not any(title in ("Report Generation", "VQA") for title in rows)
    assert len(rows) == 7


# --- the seed lists -------------------------------------------------------------------------


def read_anchor(name: str) -> str:
    path = ANCHORS / name
    if not path.exists():
        pytest.skip(f"seed list {path} not available")
    return path.read_text(encoding="utf-8")


def test_first_seed_list() -> None:
    parsed = parse_markdown(read_anchor("awesome-vlm-for-mia.md"))
    assert len(parsed.rows) == 221  # the README of the anchors counts 221 table rows
    assert parsed.ignored == ()
    models_only = [row.model for row in parsed.rows if row.title is None]
    assert models_only == ["OpenCLIP", "Dreamlike Photoreal", "Claude 3 Opus", "GPT 4V"]
    other = [row for row in parsed.rows if row.section == "Other Image Analysis Tasks"]
    assert [row.task for row in other] == [
        "Medical Image Super-resolution",
        "Medical Image Registration",
        "Object Detection",
        "Object Detection",
        "Object Detection",
    ]
    assert all(row.paper_links for row in parsed.rows if row.title)


def test_second_seed_list() -> None:
    parsed = parse_markdown(read_anchor("vlm-in-mia.md"))
    assert len(parsed.rows) == 126
    assert all(row.title and row.paper_links for row in parsed.rows)
    # Every "[Code](...)" cell of the list gives a code link; "-" cells give none.
    assert sum(1 for row in parsed.rows if row.code_links) == read_anchor("vlm-in-mia.md").count(
        "[Code]("
    )


def test_empty_text_has_no_rows() -> None:
    assert parse_markdown("").rows == ()
    assert parse_markdown("# Just a title\n\nSome prose.\n").rows == ()
