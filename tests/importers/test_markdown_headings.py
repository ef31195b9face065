"""Headings above an entry (medvlm.importers.headings, through parse_markdown): the list's
own title, bold lines grouping entries by venue, <details> summaries, bilingual headings with
counts, tables of contents and sections that hold no papers."""

from __future__ import annotations

from medvlm.importers.headings import heading_text, section_kind
from medvlm.importers.markdown import Ignored, VenueTag, parse_markdown
from tests.importers.listfixtures import MARKDOWN, rows_of


def test_heading_text_drops_emoji_counts_and_the_cjk_half() -> None:
    assert heading_text("🖼️ Multimodal Reasoning · 多模态推理") == "Multimodal Reasoning"
    assert heading_text("Imaging VLM Reasoning · 影像推理 VLM <sub>51</sub>") == (
        "Imaging VLM Reasoning"
    )
    assert heading_text("Report Generation ![](https://img.shields.io/badge/x-blue)") == (
        "Report Generation"
    )
    assert heading_text("<p align=center>`Awesome CLIP`</p>") == "Awesome CLIP"
    assert heading_text("A · B") == "A · B"  # no CJK half: kept whole


def test_sections_that_hold_no_papers() -> None:
    assert section_kind("Table of Contents") == "contents"
    assert section_kind("Overview") == "contents"
    assert section_kind("News & Updates") == "not-papers"
    assert section_kind("Citation & Acknowledgement") == "not-papers"
    assert section_kind("Related lists") == "not-papers"
    assert section_kind("Datasets and Benchmarks") is None
    assert section_kind("List of Papers") is None


def test_bold_lines_group_the_entries_below_them_by_venue() -> None:
    rows = rows_of("groups.md")
    decoding = rows["Phrase-Aware Decoding for Chest X-ray Report Generation"]
    assert decoding.headings == ("Papers", "2025", "CVPR'25")
    # The next bold line starts a new group, even one that is not a venue.
    counting = rows["Counting Nodules in Chest CT Reports with Language Models"]
    assert counting.headings == ("Papers", "2025", "arXiv papers'25")
    # A heading ends the group.
    memory = rows["Memory Networks for Radiology Report Generation"]
    assert memory.headings == ("Papers", "2024", "Medical Image Analysis'24")
    survey = rows["A Review of Chest Radiograph Report Generation"]
    assert survey.headings == ("Survey",)


def test_the_list_title_is_not_a_heading_of_its_entries() -> None:
    parsed = parse_markdown((MARKDOWN / "groups.md").read_text(encoding="utf-8"))
    assert parsed.title == "Awesome-Radiology-Report-Generation"
    assert all("Awesome" not in heading for row in parsed.rows for heading in row.headings)
    # A list with several level-1 headings has no title: they are its sections.
    several = parse_markdown("# Survey\n- [A](https://arxiv.org/abs/2401.00001)\n# Datasets\n")
    assert several.title is None
    assert several.rows[0].headings == ("Survey",)


def test_contents_news_and_tools_are_not_read() -> None:
    parsed = parse_markdown((MARKDOWN / "groups.md").read_text(encoding="utf-8"))
    titles = [row.title for row in parsed.rows]
    assert "report-metrics" not in titles  # Tools
    assert titles.count("Phrase-Aware Decoding") == 0  # the news item linking it
    assert len(parsed.rows) == 8
    assert parsed.ignored == (
        Ignored(7, "section 'Table of Contents' holds no papers; not read"),
        Ignored(36, "section 'Tools' holds no papers; not read"),
        Ignored(39, "section 'News' holds no papers; not read"),
    )


def test_a_table_of_contents_ends_at_the_next_heading_of_any_level() -> None:
    # "# Table of Contents" above "## Medical Report Generation": the sections are read.
    rows = rows_of("details.md")
    assert len(rows) == 3
    assert all(row.headings[0] != "Table of Contents" for row in rows.values())


def test_details_summaries_are_headings() -> None:
    rows = rows_of("details.md")
    echo = rows["Echorep: writing echocardiography reports with a memory of views"]
    assert echo.headings == ("Medical Report Generation", "List of Papers")
    fundus = rows["Fusing fundus photographs and clinical text for glaucoma diagnosis"]
    assert fundus.headings == ("Medical Multi-modal Diagnosis and Prognosis", "List of Papers")
    html = rows_of("htmltables.md")
    # Nested <details>: the inner summary below the outer one; closing one ends its headings.
    assert html["SlideTalk: Conversations about Whole-Slide Images"].headings == (
        "Methods",
        "Image-LLMs",
        "Pathology LLMs",
    )
    assert html["Chatting with Single-Cell Expression Profiles"].headings == (
        "Methods",
        "Omics-LLMs",
    )


def test_bilingual_headings_and_dash_venues() -> None:
    rows = rows_of("reasoning.md")
    fundus = rows["Step-by-Step Rationales for Fundus Photograph Questions"]
    assert fundus.headings == ("Multimodal Reasoning", "Imaging VLM Reasoning")
    # "— **ACL**": a known venue named alone; the note's "(NeurIPS 2024)" is small print.
    assert fundus.tags == (VenueTag("ACL", "ACL", None),)
    slide = rows["Slide-Level Chain of Thought for Gigapixel Images"]
    assert slide.tags == (VenueTag("Nature Communications", "Nature Communications", None),)
    assert rows["Grounded Reasoning over Ultrasound Videos"].tags == ()
    assert "Another Reasoning List" not in rows
