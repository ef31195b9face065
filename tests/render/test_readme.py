"""README.md rendering: golden output, escaping, determinism, --check and atomic failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from medvlm.render.templating import github_slug, md_escape, md_table, md_url
from tests.helpers import DATA, Run, write_record

GOLDEN = DATA / "golden" / "README.md"


def section(text: str, heading: str) -> str:
    """The body of a `## heading` section of a markdown text."""
    return text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_readme_matches_the_golden_file(mini_catalog: Path, run_cli: Run) -> None:
    result = run_cli(mini_catalog, "build")
    assert result.code == 0, result.err
    produced = (mini_catalog / "README.md").read_text(encoding="utf-8")
    if os.environ.get("MEDVLM_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(produced, encoding="utf-8")
    assert produced == GOLDEN.read_text(encoding="utf-8")


def test_each_paper_once_under_its_first_task_newest_first(
    mini_catalog: Path, run_cli: Run
) -> None:
    run_cli(mini_catalog, "build")
    text = (mini_catalog / "README.md").read_text(encoding="utf-8")
    # smith2024clip has tasks [classification, segmentation]: listed once, under Classification.
    assert text.count("CLIP-Path: Contrastive Pretraining for Pathology") == 1
    assert "CLIP-Path" in section(text, "Classification")
    # The survey gets the Surveys section, not a task section.
    surveys = section(text, "Surveys")
    assert "A Survey of Medical Vision-Language Models" in surveys
    assert text.count("A Survey of Medical Vision-Language Models") == 1


def test_matrix_counts_link_to_their_groups(mini_catalog: Path, run_cli: Run) -> None:
    run_cli(mini_catalog, "build")
    text = (mini_catalog / "README.md").read_text(encoding="utf-8")
    assert "[1](#classification-pretraining)" in text
    assert "### Classification: Pretraining" in text
    assert "[1](#segmentation-prompt-learning)" in text
    assert "### Segmentation: Prompt learning" in text


def test_markdown_specials_in_data_stay_literal(mini_catalog: Path, run_cli: Run) -> None:
    run_cli(mini_catalog, "build")
    text = (mini_catalog / "README.md").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "Asking" in line)
    assert line == (
        r"- [Asking \| Answering: \<script\>alert(1)\</script\> \*VQA\* with \[brackets\]"
        r" and \`ticks\`](https://arxiv.org/abs/2201.00001) - 2022."
    )
    assert "<script>" not in text


def test_markdown_filters() -> None:
    assert md_escape("a|b [c](d) <e> *f* _g_ `h` ~i~ & \\") == (
        r"a\|b \[c\](d) \<e\> \*f\* \_g\_ \`h\` \~i\~ \& \\"
    )
    assert md_escape("two\n lines") == "two lines"
    assert md_url("https://example.org/a (b)<c>") == "https://example.org/a%20%28b%29%3Cc%3E"
    assert md_url("https://doi.org/10.1002/(SICI)1097") == "https://doi.org/10.1002/%28SICI%291097"
    assert md_url("https://ex.org/Müller?q=ä") == "https://ex.org/M%C3%BCller?q=%C3%A4"
    kept = "https://ex.org/a_b-c.d~e/%20?x=1&y=[2]#f;g=h,i@j!k$l'm*n+o"
    assert md_url(kept) == kept
    assert github_slug("Image-text retrieval: Parameter-efficient") == (
        "image-text-retrieval-parameter-efficient"
    )
    assert md_table("| a | bb |\n| --- | ---: |\n| ccc | d |\n") == (
        "| a   |   bb |\n| --- | ---: |\n| ccc |    d |\n"
    )


def test_build_is_deterministic(mini_catalog: Path, run_cli: Run) -> None:
    run_cli(mini_catalog, "build")
    first = (mini_catalog / "README.md").read_bytes()
    (mini_catalog / "README.md").unlink()
    run_cli(mini_catalog, "build")
    assert (mini_catalog / "README.md").read_bytes() == first
    again = run_cli(mini_catalog, "build")
    assert "README.md: unchanged" in again.out


def test_check_reports_a_stale_readme(mini_catalog: Path, run_cli: Run) -> None:
    assert run_cli(mini_catalog, "build").code == 0
    assert run_cli(mini_catalog, "build", "--check").code == 0
    readme = mini_catalog / "README.md"
    readme.write_text(readme.read_text().replace("Prompt Learning for", "Hand edit of"))
    result = run_cli(mini_catalog, "build", "--check")
    assert result.code == 1
    assert "README.md is stale: run `medvlm build` and commit the result" in result.err
    assert "-- [Hand edit of Chest X-ray Segmentation]" in result.err
    assert "+- [Prompt Learning for Chest X-ray Segmentation]" in result.err
    assert "Hand edit of" in readme.read_text()  # --check writes nothing


def test_check_fails_when_nothing_was_built(mini_catalog: Path, run_cli: Run) -> None:
    result = run_cli(mini_catalog, "build", "--check")
    assert result.code == 1
    assert not (mini_catalog / "README.md").exists()


def test_a_failed_build_leaves_previous_outputs_intact(mini_catalog: Path, run_cli: Run) -> None:
    run_cli(mini_catalog, "build")
    before = (mini_catalog / "README.md").read_bytes()
    write_record(mini_catalog, "broken.yaml", "id: broken\ntitle: [unclosed\n")
    result = run_cli(mini_catalog, "build")
    assert result.code == 1
    assert "papers/broken.yaml:2: YAML syntax error" in result.err
    assert "nothing written" in result.err
    assert (mini_catalog / "README.md").read_bytes() == before
    assert not [p for p in mini_catalog.iterdir() if p.name.endswith(".tmp")]


def build_with_a_typo(mini_catalog: Path, run_cli: Run, name: str, text: str, typo: str) -> str:
    """Build with `text` misspelt as `typo` in templates/readme/`name`: the located error."""
    template = mini_catalog / "templates" / "readme" / name
    template.write_text(template.read_text().replace(text, typo))
    result = run_cli(mini_catalog, "build")
    assert result.code == 1
    assert result.err.startswith(f"templates/readme/{name}:")
    return result.err


def test_a_broken_template_is_a_located_error(mini_catalog: Path, run_cli: Run) -> None:
    run_cli(mini_catalog, "build")
    before = (mini_catalog / "README.md").read_bytes()
    error = build_with_a_typo(mini_catalog, run_cli, "README.md.j2", "{{ total }}", "{{ totl }}")
    assert "template error: 'totl' is undefined" in error
    assert (mini_catalog / "README.md").read_bytes() == before


def test_a_broken_entry_template_is_a_located_error(mini_catalog: Path, run_cli: Run) -> None:
    error = build_with_a_typo(mini_catalog, run_cli, "entries.md.j2", "paper.title", "paper.titel")
    assert "has no attribute 'titel'" in error


@pytest.mark.parametrize("count", [0, 1])
def test_tiny_catalogs_render(mini_catalog: Path, run_cli: Run, count: int) -> None:
    papers = sorted((mini_catalog / "papers").glob("*.yaml"))
    for path in papers[count:]:
        path.unlink()
    result = run_cli(mini_catalog, "build")
    assert result.code == 0, result.err
    assert f"**{count} papers**" in (mini_catalog / "README.md").read_text()


def test_unreadable_or_unwritable_outputs_are_clean_errors(
    mini_catalog: Path, run_cli: Run
) -> None:
    (mini_catalog / "README.md").mkdir()
    result = run_cli(mini_catalog, "build")
    assert result.code == 1
    assert result.err.startswith("README.md: cannot read: Is a directory")
    result = run_cli(mini_catalog, "build", "--check")
    assert result.code == 1
    assert "Traceback" not in result.err
    (mini_catalog / "README.md").rmdir()
    (mini_catalog / "README.md").write_bytes(b"\xff\xfe not text")
    result = run_cli(mini_catalog, "build", "--check")
    assert result.code == 1
    assert "README.md is stale" in result.err
    assert run_cli(mini_catalog, "build").code == 0


def test_entries_name_the_first_three_authors_then_et_al(mini_catalog: Path, run_cli: Run) -> None:
    write_record(
        mini_catalog,
        "many2024authors.yaml",
        "id: many2024authors\ntitle: Many Authors\nauthors: [Ann Lee, Bo Chen, Cy Diaz, "
        "Dee Eze]\nyear: 2024\nvenue: MICCAI\nids: {arxiv: '2402.00002'}\ntasks: [vqa]\n",
    )
    write_record(
        mini_catalog,
        "three2023authors.yaml",
        "id: three2023authors\ntitle: Three Authors\nauthors: [Ann Lee, 'Bo *Chen*', "
        "Cy Diaz Jr.]\nyear: 2023\nids: {arxiv: '2302.00003'}\ntasks: [vqa]\n",
    )
    assert run_cli(mini_catalog, "build").code == 0
    lines = (mini_catalog / "README.md").read_text(encoding="utf-8").splitlines()
    assert (
        "- [Many Authors](https://arxiv.org/abs/2402.00002) - *MICCAI* 2024. "
        "Ann Lee, Bo Chen, Cy Diaz et al."
    ) in lines
    # Three or fewer: all of them; markdown in a name stays literal; no doubled full stop.
    assert (
        r"- [Three Authors](https://arxiv.org/abs/2302.00003) - 2023. Ann Lee, Bo \*Chen\*, "
        "Cy Diaz Jr."
    ) in lines
    # With a model and code: model, venue and year, then authors, then the code link.
    assert (
        "- [CLIP-Path: Contrastive Pretraining for Pathology](https://arxiv.org/abs/2401.01234)"
        " - **CLIP-Path**, *MICCAI* 2024. Jane Smith, Wei Zhang."
        " [Code](https://github.com/example/clip-path)"
    ) in lines
