"""Package data tables (medvlm.datatables): a malformed table is a located problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from medvlm.datatables import load_table
from medvlm.problems import ProblemsError


class Words(BaseModel):
    words: list[str]


def test_a_table_is_read_into_its_model(tmp_path: Path) -> None:
    path = tmp_path / "words.yaml"
    path.write_text("words: [a, b]\n", encoding="utf-8")
    assert load_table(path, Words) == Words(words=["a", "b"])


def test_a_malformed_table_is_a_located_problem(tmp_path: Path) -> None:
    path = tmp_path / "words.yaml"
    path.write_text("words:\n  - a\n  - [b]\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as raised:
        load_table(path, Words)
    assert [str(problem) for problem in raised.value.problems] == [
        f"{path}:3: words.1: input should be a valid string, got ['b']"
    ]
