"""Which records changed since a git revision (`links check --changed-only`)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from medvlm.catalog import PAPERS_DIR

DEFAULT_BASE = "origin/main"


class GitError(Exception):
    """git could not tell which records changed; the message says why, in one line."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise GitError("--changed-only needs git, which is not installed") from exc


def _revision_exists(root: Path, revision: str) -> bool:
    found = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    return found.returncode == 0


def resolve_base(root: Path, base: str | None) -> str:
    """The revision to compare with: `base`, or origin/main, or HEAD when there is no origin."""
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise GitError(f"--changed-only needs a git repository, and {root} is not in one")
    if base is not None:
        if not _revision_exists(root, base):
            raise GitError(f"--base {base}: no such revision in this repository")
        return base
    return DEFAULT_BASE if _revision_exists(root, DEFAULT_BASE) else "HEAD"


def _names(output: str) -> list[str]:
    return [name for name in output.split("\0") if name]


def changed_record_files(root: Path, base: str) -> list[str]:
    """Record files (relative to root) that differ from `base` or are new and untracked.

    Deleted records are left out: they have no links left to check.
    """
    diff = _git(root, "diff", "-z", "--name-only", "--relative", base, "--", f"{PAPERS_DIR}/")
    if diff.returncode != 0:
        raise GitError(f"git diff against {base} failed: {diff.stderr.strip()}")
    untracked = _git(root, "ls-files", "-z", "--others", "--exclude-standard", f"{PAPERS_DIR}/")
    if untracked.returncode != 0:
        raise GitError(f"git ls-files failed: {untracked.stderr.strip()}")
    names = set(_names(diff.stdout)) | set(_names(untracked.stdout))
    return sorted(name for name in names if name.endswith(".yaml") and (root / name).is_file())
