"""The shell steps of the GitHub workflows, run for real: the README guard, the link-check
issue, the README push after a merge."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from medvlm.linkcheck import CheckedLink, Link, LinkStatus, Outcome, json_report, markdown_report
from tests.helpers import commit_all, git, moved_link
from tests.test_github_automation import step_named, workflow

# The shell steps, run for real -----------------------------------------------------------------


def bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a step's script as GitHub does (`bash -e`), with only the given extra environment."""
    return subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A clone as CI sees it: origin/main, and HEAD a pull request's commit on top of it."""
    root = tmp_path / "clone"
    (root / "papers").mkdir(parents=True)
    (root / "README.md").write_text("# generated\n", encoding="utf-8")
    (root / "papers" / "a.yaml").write_text("id: a\n", encoding="utf-8")
    commit_all(root, "main")
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(root, "checkout", "-q", "-b", "contribution")
    return root


README_GUARD = "README.md is not edited by hand"


def test_readme_guard_fails_a_pull_request_that_edits_readme(pull_request: Path) -> None:
    (pull_request / "README.md").write_text("# edited by hand\n", encoding="utf-8")
    (pull_request / "papers" / "b.yaml").write_text("id: b\n", encoding="utf-8")
    git(pull_request, "add", ".")
    git(pull_request, "commit", "-q", "-m", "add b and touch README")
    script = step_named(workflow("ci.yml"), "catalog", README_GUARD)["run"]
    run = bash(script, pull_request, {"BASE_REF": "main"})
    assert run.returncode == 1
    assert run.stdout.strip() == (
        "::error file=README.md::README.md is generated: do not edit it in a pull request; "
        "change papers/ or templates/ instead"
    )


def test_readme_guard_passes_a_pull_request_that_changes_records(pull_request: Path) -> None:
    (pull_request / "papers" / "b.yaml").write_text("id: b\n", encoding="utf-8")
    git(pull_request, "add", ".")
    git(pull_request, "commit", "-q", "-m", "add b")
    # main moved on meanwhile (the bot regenerated README.md): that is not the PR's doing.
    git(pull_request, "checkout", "-q", "main")
    (pull_request / "README.md").write_text("# regenerated\n", encoding="utf-8")
    git(pull_request, "commit", "-q", "-am", "Regenerate README.md [skip ci]")
    git(pull_request, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(pull_request, "checkout", "-q", "contribution")
    script = step_named(workflow("ci.yml"), "catalog", README_GUARD)["run"]
    run = bash(script, pull_request, {"BASE_REF": "main"})
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip() == "README.md untouched"


FAKE_GH = """#!/usr/bin/env bash
# Records each call; answers `issue list` with $FAKE_ISSUES.
printf '%s\\n' "$*" >> "$GH_CALLS"
if [ "$1 $2" = "issue list" ]; then printf '%s' "$FAKE_ISSUES"; fi
"""


def _results(*statuses: LinkStatus) -> list[CheckedLink]:
    messages = {
        LinkStatus.OK: "",
        LinkStatus.BROKEN: "not found (HTTP 404 NOT FOUND)",
        LinkStatus.UNKNOWN: "forbidden to the checker (HTTP 403 FORBIDDEN): check by hand",
    }
    return [
        CheckedLink(
            Link(f"r{index}", "links.paper", f"https://example.org/{index}"),
            Outcome(status, None, None, messages[status]),
        )
        for index, status in enumerate(statuses)
    ]


def run_issue_step(tmp_path: Path, results: list[CheckedLink], issues: str) -> list[str]:
    """Run the tracking-issue step against a fake `gh`; return the gh calls it made."""
    if shutil.which("jq") is None:
        pytest.skip("jq is not installed (GitHub's runners have it)")
    fake = tmp_path / "bin" / "gh"
    fake.parent.mkdir()
    fake.write_text(FAKE_GH, encoding="utf-8")
    fake.chmod(0o755)
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    (temp / "links.json").write_text(json_report(results), encoding="utf-8")
    (temp / "links.md").write_text(markdown_report(results), encoding="utf-8")
    maintenance = workflow("maintenance.yml")
    script = step_named(maintenance, "links", "Update the tracking issue")["run"]
    env = {
        **maintenance["jobs"]["links"]["env"],
        "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}",
        "RUNNER_TEMP": str(temp),
        "RUN_URL": "https://github.com/o/r/actions/runs/1",
        "GH_CALLS": str(tmp_path / "calls"),
        "FAKE_ISSUES": issues,
    }
    run = bash(script, tmp_path, env)
    assert run.returncode == 0, run.stdout + run.stderr
    calls = (tmp_path / "calls").read_text(encoding="utf-8").splitlines()
    body = (temp / "issue.md").read_text(encoding="utf-8")
    assert body.startswith(markdown_report(results))
    assert "https://github.com/o/r/actions/runs/1" in body
    return [call for call in calls if not call.startswith(("label create", "issue list"))]


def test_broken_links_open_the_tracking_issue(tmp_path: Path) -> None:
    calls = run_issue_step(tmp_path, _results(LinkStatus.OK, LinkStatus.BROKEN), "")
    body = tmp_path / "runner-temp" / "issue.md"
    assert calls == [
        f"issue create --title Link check: links that need a look --label link-check --body-file {body}"
    ]


def test_broken_links_update_and_reopen_the_one_tracking_issue(tmp_path: Path) -> None:
    calls = run_issue_step(tmp_path, _results(LinkStatus.BROKEN), "7 CLOSED")
    body = tmp_path / "runner-temp" / "issue.md"
    assert calls == [
        f"issue edit 7 --title Link check: links that need a look --body-file {body}",
        "issue reopen 7 --comment Links need a look again: https://github.com/o/r/actions/runs/1",
    ]


def test_an_open_issue_is_updated_without_reopening(tmp_path: Path) -> None:
    calls = run_issue_step(tmp_path, _results(LinkStatus.BROKEN), "7 OPEN")
    assert [call.split(" --")[0] for call in calls] == ["issue edit 7"]


def test_a_permanently_moved_link_opens_the_tracking_issue(tmp_path: Path) -> None:
    moved = moved_link(
        "r9", "links.code", "https://github.com/old/repo", "https://github.com/new/repo"
    )
    calls = run_issue_step(tmp_path, [*_results(LinkStatus.OK), moved], "")
    assert [call.split(" --")[0] for call in calls] == ["issue create"]


def test_a_temporary_redirect_alone_opens_no_issue(tmp_path: Path) -> None:
    redirected = CheckedLink(
        Link("r9", "links.paper", "https://doi.org/10.1/x"),
        Outcome(LinkStatus.REDIRECTED, 200, "https://pub.org/x", "redirected to https://pub.org/x"),
    )
    assert run_issue_step(tmp_path, [redirected], "") == []


def test_no_broken_link_closes_the_tracking_issue(tmp_path: Path) -> None:
    calls = run_issue_step(tmp_path, _results(LinkStatus.OK, LinkStatus.UNKNOWN), "7 OPEN")
    body = tmp_path / "runner-temp" / "issue.md"
    assert calls == [
        f"issue edit 7 --body-file {body}",
        "issue close 7 --comment No broken or moved link left: closing. "
        "https://github.com/o/r/actions/runs/1",
    ]


def test_no_broken_link_and_no_issue_does_nothing(tmp_path: Path) -> None:
    assert run_issue_step(tmp_path, _results(LinkStatus.OK), "") == []


FAKE_GIT = """#!/usr/bin/env bash
# Real git, except that push and ls-remote (which would reach GitHub) are answered locally.
case "$1" in
  push) printf '%s\\n' "$*" >> "$GIT_CALLS"; exit "$FAKE_PUSH_STATUS" ;;
  ls-remote) printf '%s\\trefs/heads/main\\n' "$FAKE_REMOTE_TIP"; exit 0 ;;
esac
exec "$REAL_GIT" "$@"
"""
README_PUSH = "Commit and push them when they changed"


@pytest.fixture
def main_checkout(tmp_path: Path) -> Path:
    root = tmp_path / "main"
    (root / "schema").mkdir(parents=True)
    (root / "README.md").write_text("# old\n", encoding="utf-8")
    (root / "schema" / "paper.schema.json").write_text("{}\n", encoding="utf-8")
    commit_all(root, "merge a pull request")
    return root


def run_readme_push(
    root: Path, tmp_path: Path, push_status: int, remote_tip: str | None = None
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run publish.yml's commit step in `root` with a git whose push is faked."""
    real_git = shutil.which("git")
    if real_git is None:
        pytest.skip("git is not installed")
    fake = tmp_path / "fakebin" / "git"
    fake.parent.mkdir()
    fake.write_text(FAKE_GIT, encoding="utf-8")
    fake.chmod(0o755)
    head = subprocess.run(
        [real_git, "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    calls = tmp_path / "git-calls"
    calls.touch()
    env = {
        "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}",
        "REAL_GIT": real_git,
        "GIT_CALLS": str(calls),
        "FAKE_PUSH_STATUS": str(push_status),
        "FAKE_REMOTE_TIP": remote_tip or head,
        "GITHUB_TOKEN": "t0ken",
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_REF_NAME": "main",
        "GITHUB_SHA": head,
    }
    script = step_named(workflow("publish.yml"), "readme", README_PUSH)["run"]
    return bash(script, root, env), calls.read_text(encoding="utf-8").splitlines()


def last_commit(root: Path) -> str:
    return subprocess.run(
        ["git", "log", "-1", "--format=%an <%ae> | %s"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_an_unchanged_readme_is_neither_committed_nor_pushed(
    main_checkout: Path, tmp_path: Path
) -> None:
    run, pushes = run_readme_push(main_checkout, tmp_path, push_status=0)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "README.md and the schema are up to date"
    assert pushes == []
    assert last_commit(main_checkout).endswith("| merge a pull request")


def test_a_regenerated_readme_is_committed_by_the_bot_and_pushed(
    main_checkout: Path, tmp_path: Path
) -> None:
    (main_checkout / "README.md").write_text("# regenerated\n", encoding="utf-8")
    run, pushes = run_readme_push(main_checkout, tmp_path, push_status=0)
    assert run.returncode == 0, run.stderr
    assert last_commit(main_checkout) == (
        "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com> "
        "| Regenerate README.md from the records [skip ci]"
    )
    assert pushes == [
        "push --quiet https://x-access-token:t0ken@github.com/o/r.git HEAD:refs/heads/main"
    ]


def test_a_rejected_push_after_main_moved_on_is_left_to_the_next_run(
    main_checkout: Path, tmp_path: Path
) -> None:
    (main_checkout / "README.md").write_text("# regenerated\n", encoding="utf-8")
    run, _ = run_readme_push(main_checkout, tmp_path, push_status=1, remote_tip="f" * 40)
    assert run.returncode == 0, run.stderr
    assert "::notice::main moved on during this run" in run.stdout


def test_a_rejected_push_on_an_unchanged_main_fails_loudly(
    main_checkout: Path, tmp_path: Path
) -> None:
    (main_checkout / "schema" / "paper.schema.json").write_text('{"new": 1}\n', encoding="utf-8")
    run, _ = run_readme_push(main_checkout, tmp_path, push_status=1)
    assert run.returncode == 1
    assert "::error::could not push README.md to main" in run.stdout
