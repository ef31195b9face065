"""Markdown tables of papers (medvlm.importers.tables): cells, column roles, columns in any
order, title cells with links and badges, tables that are not paper lists."""

from __future__ import annotations

import pytest

from medvlm.importers.markdown import Ignored, VenueTag, column_role, parse_markdown, split_cells
from tests.importers.listfixtures import MARKDOWN, rows_of


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
        ("Model or resource", "model"),
        ("Resources", "paper"),
        ("Authors", None),
        ("Description", None),
    ],
)
def test_column_role(header: str, role: str | None) -> None:
    assert column_role(header) == role


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
        Ignored(7, "section 'Contents' holds no papers; not read"),
        Ignored(38, "table without any link; not read"),  # "Dataset" names, no links
    )
    assert len(parsed.rows) == 10


def test_model_or_resource_column_names_the_model() -> None:
    rows = rows_of("link_labels.md")
    derma = rows["model:DermaTrust"]
    assert derma.model == "DermaTrust"
    assert derma.paper_links == ("https://arxiv.org/abs/2503.00991",)
    assert rows["model:ScanGuard"].paper_links == ("https://doi.org/10.1109/CVPR.2025.00992",)
