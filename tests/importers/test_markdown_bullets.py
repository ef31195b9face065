"""List items of papers (medvlm.importers.bullets): links, code sub-items, tags in brackets,
emphasis, parentheses and code spans, badges."""

from __future__ import annotations

from medvlm.importers.markdown import VenueTag, parse_markdown
from tests.importers.listfixtures import rows_of


def test_bullet_with_link_code_and_bracket_tag() -> None:
    row = rows_of("bullets.md")["Report Generation with Memory Tokens"]
    assert row.style == "bullet"
    assert row.paper_links == ("https://arxiv.org/abs/2403.00003",)
    assert row.code_links == ("https://github.com/example/memrg",)
    assert row.tags == (VenueTag("MICCAI 2024", "MICCAI", 2024),)
    # The list's title is not a heading of its entries.
    assert row.headings == ("Report Generation", "2024")


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


def test_bullets_with_venue_prefixes_and_bold_titles() -> None:
    rows = rows_of("badges.md")
    knee = rows["Region-Guided Captions for Knee MRI"]
    assert knee.tags == (VenueTag("**MICCAI 2023**", "MICCAI", 2023),)
    assert knee.paper_links == ("https://arxiv.org/pdf/2307.00021.pdf",)
    assert knee.code_links == ("https://github.com/example/kneecap",)
    # A title in bold (the list's mark for LLM papers) is the title, without the bold.
    assert "Reporting Chest CT with a Large Language Model" in rows
    # The contents link to the list's own sections (a repository URL with a fragment).
    assert len(rows) == 3


def test_title_then_a_venue_label_and_buttons() -> None:
    rows = rows_of("groups.md")
    # "(**Findings**)" after the title is a label, not the title; "[cpde]" (a typo of
    # "code") after the title is a button, not the title.
    drafting = rows["Longitudinal Report Drafting from Paired Chest Films"]
    assert drafting.paper_links == ("https://arxiv.org/abs/2503.00013",)
    assert drafting.code_links == ("https://github.com/example/longdraft",)
    dataset = rows["A Corpus of Chest Radiographs with Spanish Reports"]
    assert dataset.paper_links == ("https://arxiv.org/abs/2405.00017",)
    assert dataset.project_links == ("https://physionet.org/content/cxr-es/1.0.0/",)
    metric = rows["Scoring Generated Radiology Reports by Clinical Facts"]
    assert metric.project_links == ("https://pypi.org/project/factscore-rg/",)
    survey = rows["A Review of Chest Radiograph Report Generation"]
    assert survey.tags == (
        VenueTag(
            "**IEEE Reviews in Biomedical Engineering'24**",
            "IEEE Reviews in Biomedical Engineering",
            2024,
        ),
    )
    radtalk = rows["RadTalk: A Generalist Assistant for Chest Radiograph Reading"]
    assert radtalk.tags == (VenueTag("**arXiv'2402**", "arXiv", 2024),)


def test_paragraph_blocks_joined_by_hard_line_breaks() -> None:
    rows = rows_of("paragraphs.md")
    onto = rows["Ontology-Guided Contrastive Pretraining on Chest Radiographs and Reports"]
    assert onto.style == "paragraph"
    assert onto.tags == (VenueTag("**MICCAI 2022**", "MICCAI", 2022),)
    assert onto.paper_links == ("https://link.springer.com/chapter/10.1007/978-3-031-16443-9_41",)
    assert onto.code_links == ("https://github.com/example/ontoclip",)
    # A bracketed prefix that is not a known venue is no part of the title.
    assert "A Shared Embedding of Retinal Scans and Clinical Notes" in rows
    # "**Title.** [Mon., YYYY] [Venue, YYYY].<br>": the bold title, a month tag (year only)
    # and the venue; the authors on the next line are not the title.
    knee = rows["Zero-Shot Grading of Knee Radiographs with Text Prompts"]
    assert knee.tags == (VenueTag("Mar., 2021", None, 2021), VenueTag("JBHI, 2022", "JBHI", 2022))
    assert knee.code_links == ("https://github.com/example/kneegrade",)
    # Running prose with a link is not an entry.
    assert "An awesome list" not in rows
    assert len(rows) == 6


def test_one_line_paragraphs_opening_with_a_venue_tag() -> None:
    rows = rows_of("paragraphs.md")
    contrast = rows["Sentence-Level Contrast for Chest Film Reports"]
    assert contrast.style == "paragraph"
    assert contrast.tags == (VenueTag("TMI 2024", "TMI", 2024),)
    assert contrast.paper_links == ("https://ieeexplore.ieee.org/document/10400001/",)
    assert contrast.code_links == ("https://github.com/example/slcr",)
    video = rows["Patient-Friendly Video Reports from Radiographs"]
    assert video.tags == (VenueTag("arXiv 2024", "arXiv", 2024),)
    assert video.paper_links == ("https://arxiv.org/pdf/2410.00045",)
    # A dated news line with a link names no venue: it is prose, not an entry.
    assert not any("We have updated" in title for title in rows)


def test_quoted_titles_and_model_labels() -> None:
    rows = rows_of("details.md")
    echo = rows["Echorep: writing echocardiography reports with a memory of views"]
    assert echo.model == "EchoRep"
    assert echo.tags == (VenueTag("CVPR (2023).", "CVPR", 2023),)
    longitudinal = rows["Attention over longitudinal chest x-rays for report generation"]
    assert longitudinal.model is None
    assert longitudinal.tags == (VenueTag("JBHI (2022).", "JBHI", 2022),)


def test_quotes_and_escapes_inside_a_title_are_the_title() -> None:
    text = (
        "## Report Generation\n"
        '- [**AAAI 2023**] "Nothing Abnormal": Reading Reports Twice [[pdf]](https://arxiv.org/pdf/2305.00081)\n'
        "- [**arXiv 2022**] \\$M^2\\$: Two Views of Chest Films [[pdf]](https://arxiv.org/pdf/2211.00082)\n"
    )
    titles = [row.title for row in parse_markdown(text).rows]
    assert titles == [
        '"Nothing Abnormal": Reading Reports Twice',
        "$M^2$: Two Views of Chest Films",
    ]


def test_titles_followed_only_by_links_in_double_brackets() -> None:
    rows = rows_of("link_labels.md")
    hier = rows["Writing Findings from Chest Films with Hierarchical Decoders"]
    assert hier.style == "paragraph"
    assert hier.paper_links == ("https://aclanthology.org/P18-9999/",)
    assert hier.code_links == ("https://github.com/example/hier-findings",)
    assert hier.headings == ("Encoder-Decoder Approaches", "Typical Approaches")
    assert rows["Retrieval and Generation Agents for Chest Film Reports"].paper_links == (
        "https://proceedings.neurips.cc/paper/2018/file/0000-Paper.pdf",
    )
    # The links may stand on the line after the title.
    knee = rows["Region-Tag Alignment for Knee Radiograph Reports"]
    assert knee.paper_links == ("https://link.springer.com/chapter/10.1007/978-3-030-00000-0_7",)
    # Prose ending in a link is no entry, nor is a paragraph with a link inside a sentence.
    assert not any(title.startswith(("We thank", "This list")) for title in rows)


def test_citations_with_the_title_in_bold_or_quotes_among_authors_and_venue() -> None:
    rows = rows_of("citations.md")
    # "**Title**, Authors": the bold span is the title, the authors are not.
    grounded = rows["Grounded Findings for Chest Films with Anatomy Tokens"]
    assert grounded.paper_links == ("https://arxiv.org/abs/2501.00001",)
    knee = rows["Concept Alignment for Knee Radiograph Reports"]
    assert knee.code_links == ("https://github.com/example/concept-knee",)
    # The comma inside the bold, and authors glued to the closing marks.
    assert "An Open Foundation Model for Chest Radiography" in rows
    assert "Objective Alignment for Oral Panoramic X-Ray Reports" in rows
    # Citations: 'Authors. "**Title.**" Journal', "Authors. **Title**[J]. Journal" and
    # 'Authors. "Title." arXiv preprint', without the full stop.
    assert "Warm Starting Chest Film Report Generators" in rows
    assert "Semi-supervised Report Generation with Hybrid Feature Consistency" in rows
    assert "Topic Inference for Uncertain Chest Film Reports" in rows
    assert "Report Generation Is a Labelling Problem" in rows


def test_bold_names_and_venues_inside_a_title_line_are_not_titles() -> None:
    rows = rows_of("citations.md")
    # A bold opening of the title, a dataset's short name and a venue in bold stay as they were.
    assert "Trust It or Not: Confidence-Guided Report Generation" in rows
    assert "A Question Answering Dataset for Chest Films" in rows
    assert "Matching Scans and Reports with Shared Tasks" in rows
    assert not any(title == "CXR-VQA-SET-X" or "Traitement" in title for title in rows)
    assert len(rows) == 11
