"""Which records changed since a git revision."""

from __future__ import annotations

from pathlib import Path

import pytest

from medvlm.linkcheck.changes import GitError, changed_record_files, resolve_base
from tests.helpers import commit_all, git


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "papers").mkdir(parents=True)
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (root / "papers" / name).write_text(f"id: {name}\n", encoding="utf-8")
    (root / "notes.txt").write_text("x\n", encoding="utf-8")
    commit_all(root, "start")
    return root


def test_changed_files_are_modified_and_untracked_records_not_deleted_ones(repo: Path) -> None:
    (repo / "papers" / "a.yaml").write_text("id: a\nchanged: yes\n", encoding="utf-8")
    (repo / "papers" / "b.yaml").unlink()
    (repo / "papers" / "new.yaml").write_text("id: new\n", encoding="utf-8")
    (repo / "papers" / "scratch.txt").write_text("not a record\n", encoding="utf-8")
    (repo / "notes.txt").write_text("changed outside papers/\n", encoding="utf-8")
    base = resolve_base(repo, None)
    assert base == "HEAD"  # no origin/main in a fresh repository
    assert changed_record_files(repo, base) == ["papers/a.yaml", "papers/new.yaml"]


def test_committed_changes_count_against_an_older_base(repo: Path) -> None:
    (repo / "papers" / "c.yaml").write_text("id: c\nchanged: yes\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "change c")
    assert changed_record_files(repo, resolve_base(repo, None)) == []
    assert changed_record_files(repo, resolve_base(repo, "HEAD~1")) == ["papers/c.yaml"]


def test_origin_main_is_the_default_base_when_it_exists(repo: Path) -> None:
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    assert resolve_base(repo, None) == "origin/main"


def test_an_unknown_base_is_a_clear_error(repo: Path) -> None:
    with pytest.raises(GitError, match=r"^--base nope: no such revision in this repository$"):
        resolve_base(repo, "nope")


def test_outside_a_repository_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GitError, match="needs a git repository"):
        resolve_base(tmp_path, None)
