"""`medvlm validate`: every kind of bad input is one clean, located line; never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import DATA, Result, Run, write_record

BAD = DATA / "bad"


def validate_with(root: Path, run_cli: Run, *names: str) -> Result:
    for name in names:
        shutil.copy(BAD / name, root / "papers" / name)
    return run_cli(root, "validate")


def test_a_clean_catalog_validates(mini_catalog: Path, run_cli: Run) -> None:
    result = run_cli(mini_catalog, "validate")
    assert result.code == 0
    assert result.out == "4 records valid\n"
    assert result.err == ""


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("syntax.yaml", "papers/syntax.yaml:2: YAML syntax error: "),
        (
            "duplicate-key.yaml",
            "papers/duplicate-key.yaml:5: title: duplicate key (first at line 2)",
        ),
        ("empty.yaml", "papers/empty.yaml:1: file is empty"),
        (
            "not-a-mapping.yaml",
            "papers/not-a-mapping.yaml:1: must be a mapping of fields, found a list",
        ),
        (
            "python-tag.yaml",
            "papers/python-tag.yaml:2: title: tag 'tag:yaml.org,2002:python/object/apply:os.system'"
            " is not allowed",
        ),
        (
            "alias-bomb.yaml",
            "papers/alias-bomb.yaml:5: b.0: anchors and aliases (& and *) are not allowed",
        ),
        ("latin1.yaml", "papers/latin1.yaml:2: not valid UTF-8 (byte 0xe9)"),
        (
            "bad-date.yaml",
            "papers/bad-date.yaml:4: added: not a valid date '2024-02-30' (day is out of range for month)",
        ),
        (
            "wrong-name.yaml",
            "papers/wrong-name.yaml:1: id: 'another-name' must equal the file name 'wrong-name'",
        ),
    ],
)
def test_bad_files_give_one_located_line(
    mini_catalog: Path, run_cli: Run, name: str, expected: str
) -> None:
    result = validate_with(mini_catalog, run_cli, name)
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[-1] == "1 problem found"
    assert lines[0].startswith(expected), lines
    assert "Traceback" not in result.err


def test_every_field_problem_is_reported_at_its_line(mini_catalog: Path, run_cli: Run) -> None:
    result = validate_with(mini_catalog, run_cli, "fields.yaml")
    assert result.code == 1
    assert result.err.splitlines() == [
        "papers/fields.yaml:4: autors: unknown field (did you mean 'authors'?)",
        "papers/fields.yaml:5: year: must be between 1950 and "
        + result.err.split("between 1950 and ")[1].split(",")[0]
        + ", got 1850",
        'papers/fields.yaml:7: ids.arxiv: must be a quoted string such as "2403.04290",'
        " got the number 2403.0429",
        "papers/fields.yaml:8: ids.doi: not a DOI: 'not-a-doi' (expected e.g. 10.1038/s41591-023-02504-3)",
        "papers/fields.yaml:10: links.code: must be an http(s) URL, got 'ftp://example.org/code'",
        "papers/fields.yaml:11: tasks: unknown task 'segmentaton' (did you mean 'segmentation'?)",
        "papers/fields.yaml:12: modalities: unknown modality 'mri'",
        "7 problems found",
    ]


def test_curated_fields_and_bounds_are_checked_at_their_lines(
    mini_catalog: Path, run_cli: Run
) -> None:
    long_title = "T" * 20_000
    write_record(
        mini_catalog,
        "curated.yaml",
        "id: curated\n"
        f"title: {long_title}\n"
        "authors: [Ada Lovelace, ' ']\n"
        "tasks: [vqa]\n"
        "datasets: [vqa-rad, mimic-cx]\n"
        f"summary: {'S' * 301}\n"
        "evidence:\n"
        "  - https://arxiv.org/abs/2403.04290\n"
        "  - arxiv.org/abs/2403.04290\n"
        f"model: {'M' * 101}\n",
    )
    result = run_cli(mini_catalog, "validate")
    assert result.code == 1
    assert "Traceback" not in result.err
    assert result.err.splitlines() == [
        "papers/curated.yaml:2: title: must be at most 300 characters, got 20,000",
        "papers/curated.yaml:3: authors.1: must not be empty",
        "papers/curated.yaml:5: datasets: unknown dataset 'mimic-cx' (did you mean 'mimic-cxr'?)",
        "papers/curated.yaml:6: summary: must be at most 300 characters, got 301",
        "papers/curated.yaml:9: evidence.1: must be an http(s) URL, got 'arxiv.org/abs/2403.04290'",
        "papers/curated.yaml:10: model: must be at most 100 characters, got 101",
        "6 problems found",
    ]
    # Nothing is written by a build that meets them.
    readme = (
        (mini_catalog / "README.md").read_bytes() if (mini_catalog / "README.md").exists() else None
    )
    assert run_cli(mini_catalog, "build").code == 1
    after = (
        (mini_catalog / "README.md").read_bytes() if (mini_catalog / "README.md").exists() else None
    )
    assert after == readme


def test_all_problems_of_all_files_in_one_run(mini_catalog: Path, run_cli: Run) -> None:
    names = sorted(path.name for path in BAD.iterdir())
    result = validate_with(mini_catalog, run_cli, *names)
    assert result.code == 1
    reported = {line.split(":")[0] for line in result.err.splitlines()[:-1]}
    assert reported == {f"papers/{name}" for name in names}


def test_huge_files_are_refused_before_parsing(mini_catalog: Path, run_cli: Run) -> None:
    filler = "# padding\n" * 110_000
    write_record(mini_catalog, "huge.yaml", "id: huge\n" + filler)
    result = run_cli(mini_catalog, "validate")
    assert result.code == 1
    assert result.err.startswith(
        "papers/huge.yaml:1: file is 1,100,009 bytes; the limit is 1,000,000"
    )


def test_duplicates_across_records(mini_catalog: Path, run_cli: Run) -> None:
    write_record(
        mini_catalog,
        "copy2024a.yaml",
        'id: copy2024a\ntitle: "clip-path -- Contrastive pretraining for PATHOLOGY!"\n'
        "tasks: [classification]\n",
    )
    write_record(
        mini_catalog,
        "copy2024b.yaml",
        "id: copy2024b\ntitle: Another title\nids:\n  arxiv: arXiv:2401.01234v2\n"
        "  doi: https://doi.org/10.1038/S41746-023-00001-X\ntasks: [vqa]\n",
    )
    result = run_cli(mini_catalog, "validate")
    assert result.code == 1
    # The record whose file name sorts first is the original; the others are reported.
    assert result.err.splitlines() == [
        "papers/doe2023prompt.yaml:7: ids.doi: same DOI as papers/copy2024b.yaml"
        " (one paper, one record)",
        "papers/smith2024clip.yaml:3: title: same title as papers/copy2024a.yaml"
        " (one paper, one record)",
        "papers/smith2024clip.yaml:9: ids.arxiv: same arXiv id as papers/copy2024b.yaml"
        " (one paper, one record)",
        "3 problems found",
    ]


def test_other_files_in_papers_are_reported(mini_catalog: Path, run_cli: Run) -> None:
    write_record(mini_catalog, "typo.yml", "id: typo\n")
    result = run_cli(mini_catalog, "validate")
    assert result.err.splitlines()[0] == "papers/typo.yml: records are named papers/<id>.yaml"


def test_hidden_files_and_folders_are_skipped_and_a_folder_named_like_a_record_reported(
    mini_catalog: Path, run_cli: Run
) -> None:
    papers = mini_catalog / "papers"
    (papers / ".DS_Store").write_bytes(b"\0\1")
    (papers / ".drafts").mkdir()
    (papers / "notes").mkdir()
    (papers / "folder.yaml").mkdir()
    result = run_cli(mini_catalog, "validate")
    assert result.code == 1
    assert result.err.splitlines() == [
        "papers/folder.yaml: cannot read: Is a directory",
        "1 problem found",
    ]


def test_a_broken_taxonomy_is_a_located_error(mini_catalog: Path, run_cli: Run) -> None:
    path = mini_catalog / "taxonomy.yaml"
    text = path.read_text().replace(
        "      - id: segmentation\n", "      - id: segmentation\n        colour: red\n", 1
    )
    path.write_text(text)
    result = run_cli(mini_catalog, "validate")
    assert result.code == 1
    assert result.err.splitlines() == [
        "taxonomy.yaml:13: axes.task.terms.1.colour: unknown field",
    ]


def test_usage_errors_exit_2(mini_catalog: Path, run_cli: Run) -> None:
    assert run_cli(mini_catalog, "no-such-command").code == 2
    assert run_cli(mini_catalog, "validate", "--bogus").code == 2


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("id: deep\ntitle: x\ntasks: " + "[" * 100_000 + "]" * 100_000 + "\n", 3),
        ("id: deep\ntitle: x\ntasks:\n" + "- " * 100_000 + "x\n", 4),
        ("id: deep\ntitle: x\ntasks:\n" + "-  " * 100_000 + "x\n", 4),  # crashed yaml-rs
        ("id: deep\nauthors:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 70)), 67),
    ],
)
def test_deep_nesting_is_refused_not_crashed(
    mini_catalog: Path, run_cli: Run, text: str, line: int
) -> None:
    # libyaml's composer and yaml-rs recurse per level and would crash the interpreter.
    write_record(mini_catalog, "deep.yaml", text)
    result = run_cli(mini_catalog, "validate")
    assert result.code == 1
    assert result.err.splitlines()[0] == f"papers/deep.yaml:{line}: nesting deeper than 64 levels"


def test_quoted_brackets_are_not_nesting(mini_catalog: Path, run_cli: Run) -> None:
    title = "[" * 80
    write_record(
        mini_catalog,
        "brackets2024x.yaml",
        f"id: brackets2024x\ntitle: '{title}' # [[[[\ntasks: [vqa]\n",
    )
    assert run_cli(mini_catalog, "validate").code == 0
