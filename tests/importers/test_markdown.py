"""Awesome-list parsing (medvlm.importers.markdown): headings, what is not a paper (comments,
code blocks, prose, contents), and the two seed lists when they are present."""

from __future__ import annotations

from medvlm.importers.markdown import heading_text, parse_markdown
from tests.importers.listfixtures import read_anchor, rows_of


def test_heading_text_drops_markdown_and_numbering() -> None:
    assert heading_text("2.1 [Segmentation](#seg) :fire:") == "Segmentation"
    assert heading_text("**Medical VQA**") == "Medical VQA"


def test_comments_code_blocks_prose_and_contents_are_not_papers() -> None:
    rows = rows_of("bullets.md")
    assert "Commented Out Paper" not in rows
    assert "Not A Paper" not in rows
    assert not any("prose" in title for title in rows)
    assert not any(title in ("Report Generation", "VQA") for title in rows)
    # "Related Lists" holds no papers.
    assert "Awesome Medical Imaging" not in rows
    assert len(rows) == 6


# --- the seed lists -------------------------------------------------------------------------


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
