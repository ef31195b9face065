"""HTML tables inside <details> blocks (medvlm.importers.htmlblocks, through parse_markdown):
rows and cells read with the standard library's HTML parser, cells read like markdown cells."""

from __future__ import annotations

from medvlm.importers.htmlblocks import details_events, html_table_end, html_table_rows
from medvlm.importers.markdown import Ignored, VenueTag, parse_markdown
from tests.importers.listfixtures import MARKDOWN, rows_of


def test_details_events() -> None:
    line = "<details><summary><b>🫁 Pathology &amp; Slides</b></summary>"
    assert details_events(line) == [("open", ""), ("summary", "🫁 Pathology & Slides")]
    assert details_events("</div></details>") == [("close", "")]


def test_html_table_rows_keep_each_cells_markup() -> None:
    lines = [
        "<table>",
        "<tr><th>Model</th><th>Paper name</th></tr>",
        "",
        '<tr><td><a href="https://github.com/x/y">Y</a></td><td>A <b>bold</b> title</td></tr>',
        "</table>",
        "after",
    ]
    assert html_table_end(lines, 0) == 5
    rows = html_table_rows(lines, 0, 5)
    assert [(row.line, row.header, row.cells) for row in rows] == [
        (2, True, ["Model", "Paper name"]),
        (4, False, ['<a href="https://github.com/x/y">Y</a>', "A <b>bold</b> title"]),
    ]


def test_model_title_venue_and_date_columns() -> None:
    rows = rows_of("htmltables.md")
    slide = rows["SlideTalk: Conversations about Whole-Slide Images"]
    assert slide.style == "table"
    assert slide.model == "SlideTalk"
    # The model's link is its code; the venue cell's links are the paper's pages, and the
    # venue is the last one named that is not a preprint server.
    assert slide.code_links == ("https://github.com/example/slidetalk",)
    assert slide.paper_links == (
        "https://arxiv.org/abs/2402.00061",
        "https://openaccess.thecvf.com/content/CVPR2024/html/Doe_SlideTalk_CVPR_2024_paper.html",
    )
    assert slide.tags == (VenueTag("CVPR 2024", "CVPR", 2024),)
    tissue = rows["Answering Questions about Tissue Images & Stains"]  # "&amp;" decoded
    assert tissue.tags == (VenueTag("JBHI 2023", "JBHI", 2023),)  # the year from the date


def test_dataset_tables_name_the_dataset_without_a_title() -> None:
    rows = rows_of("htmltables.md")
    qa = rows["model:SlideTalk-QA"]
    assert qa.title is None
    assert qa.paper_links == ("https://arxiv.org/abs/2402.00061",)
    assert qa.project_links == ("https://huggingface.co/datasets/example/slidetalk-qa",)
    assert rows["model:StainSet"].project_links == ("https://example.org/stains",)


def test_sections_and_headings_of_an_html_list() -> None:
    parsed = parse_markdown((MARKDOWN / "htmltables.md").read_text(encoding="utf-8"))
    assert parsed.title is None  # an HTML heading is not the list's markdown title
    assert len(parsed.rows) == 5
    assert parsed.ignored == (
        Ignored(60, "section 'Citation & Acknowledgement' holds no papers; not read"),
    )


def test_markdown_tables_with_badge_links() -> None:
    rows = rows_of("badgetables.md")
    derm = rows["A Language-Image Model for Dermoscopy"]
    assert derm.model == "DermCLIP"
    assert derm.paper_links == ("https://doi.org/10.1038/s41591-024-00071-1",)
    assert derm.code_links == ("https://github.com/example/dermclip",)
    # The badge "Paper-Nat Med 2024" names the venue after its generic label.
    assert derm.tags == (VenueTag("Nat Med 2024", "Nat Med", 2024),)
    skintalk = rows["SkinTalk: Instruction-Tuned Assistants for Skin Lesion Photographs"]
    assert skintalk.tags == (VenueTag("MICCAI 2025", "MICCAI", 2025),)
    assert skintalk.project_links == ("https://example.org/skintalk",)
    # A dataset row: its name, the paper badge, the dataset badge (a download page).
    caps = rows["model:DermCaps"]
    assert caps.paper_links == ("https://doi.org/10.1038/s41591-024-00071-1",)
    assert caps.project_links == ("https://zenodo.org/records/1000073",)
    assert rows["model:SkinAtlas"].paper_links == ()
    assert len(rows) == 4  # the hero image's link is not a paper
