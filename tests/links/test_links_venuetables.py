"""medvlm.links.venuetables: venues.yaml is read once and checked; every way of breaking it is
an error naming the file, the line and the table entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from medvlm.links.venuetables import VENUES_FILE, load_venue_tables, venue_tables
from medvlm.problems import ProblemsError

SHIPPED = VENUES_FILE.read_text(encoding="utf-8")


def test_the_shipped_tables_are_read_once() -> None:
    assert venue_tables() is venue_tables()
    assert venue_tables() == load_venue_tables(VENUES_FILE)


def broken(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """The shipped file with `old` replaced by `new`, and the line of the change."""
    assert SHIPPED.count(old) == 1, old
    path = tmp_path / "venues.yaml"
    path.write_text(SHIPPED.replace(old, new), encoding="utf-8")
    return path, SHIPPED[: SHIPPED.index(old)].count("\n") + 1


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ProblemsError) as error:
        load_venue_tables(path)
    return [str(problem) for problem in error.value.problems]


def test_an_invalid_pattern_is_located(tmp_path: Path) -> None:
    path, line = broken(tmp_path, r"'\bisbi\b'", "'(isbi'")
    index = len(venue_tables().venue_names) - 1
    assert problems_of(path) == [
        f"{path}:{line}: venue_names.{index}.pattern: not a valid regular expression: "
        "missing ), unterminated subpattern at position 0"
    ]


def test_a_missing_year_is_located(tmp_path: Path) -> None:
    path, line = broken(tmp_path, '"227": {venue: MIDL, year: 2023}', '"227": {venue: MIDL}')
    assert problems_of(path) == [f"{path}:{line}: pmlr_volumes.227.year: required field is missing"]


def test_an_unknown_table_is_located(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "lww_journals:", "lww_journal:")
    assert problems_of(path) == [
        f"{path}:1: lww_journals: required field is missing",
        f"{path}:{line}: lww_journal: unknown field (did you mean 'lww_journals'?)",
    ]


def test_a_number_where_a_name_belongs_is_located(tmp_path: Path) -> None:
    path, line = broken(tmp_path, 'fphy: "Frontiers in Physics"', "fphy: 2024")
    assert problems_of(path) == [
        f"{path}:{line}: frontiers_journals.fphy: input should be a valid string, got 2024"
    ]


def test_a_yaml_syntax_error_is_located(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "cvf_conferences: [CVPR,", "cvf_conferences: [CVPR,,")
    problems = problems_of(path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:{line}: YAML syntax error: ")


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "venues.yaml"
    assert problems_of(path) == [f"{path}: venue tables not found"]
