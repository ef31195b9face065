"""The GitHub automation under .github/: workflows are valid, pinned and least-privilege; their
shell steps do what they say; issue forms and hooks stay in line with the taxonomy and the CLI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from medvlm.taxonomy import load_taxonomy
from tests.helpers import DATA, REPO

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = GITHUB / "ISSUE_TEMPLATE"
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")


def tool(name: str) -> str:
    """The venv's copy of a command-line tool, or skip the test saying which one is missing."""
    path = BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[dev]' installs it)")
    return found


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a mapping"
    return data


def workflow(name: str) -> dict[Any, Any]:
    return load(GITHUB / "workflows" / name)


def triggers(data: dict[Any, Any]) -> dict[str, Any]:
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1).
    found = data.get("on", data.get(True))
    assert isinstance(found, dict)
    return found


def steps(data: dict[Any, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for job_id, job in data["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def step_named(data: dict[Any, Any], job: str, name: str) -> dict[str, Any]:
    for step in data["jobs"][job]["steps"]:
        if step.get("name") == name:
            return dict(step)
    raise AssertionError(f"job {job} has no step named {name!r}")


def test_there_are_the_three_workflows() -> None:
    assert [path.name for path in WORKFLOWS] == ["ci.yml", "maintenance.yml", "publish.yml"]


# Validity and security (the tools GitHub users run) ------------------------------------------


def test_workflows_match_githubs_schema_and_every_job_has_a_timeout() -> None:
    checker = tool("check-jsonschema")
    files = [str(path) for path in WORKFLOWS]
    for schema in ("vendor.github-workflows", "custom.github-workflows-require-timeout"):
        run = subprocess.run(
            [checker, "--builtin-schema", schema, *files], capture_output=True, text=True
        )
        assert run.returncode == 0, run.stdout + run.stderr


def test_issue_forms_config_and_dependabot_match_githubs_schemas() -> None:
    checker = tool("check-jsonschema")
    for schema, paths in (
        ("vendor.github-issue-forms", [FORMS / "add-paper.yml", FORMS / "correct-record.yml"]),
        ("vendor.github-issue-config", [FORMS / "config.yml"]),
        ("vendor.dependabot", [GITHUB / "dependabot.yml"]),
    ):
        run = subprocess.run(
            [checker, "--builtin-schema", schema, *map(str, paths)], capture_output=True, text=True
        )
        assert run.returncode == 0, run.stdout + run.stderr


def test_zizmor_finds_nothing_of_medium_severity_or_higher() -> None:
    zizmor = tool("zizmor")
    run = subprocess.run(
        [zizmor, "--offline", "--min-severity", "medium", str(GITHUB)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No findings to report" in run.stdout


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment() -> None:
    for path in WORKFLOWS:
        for job, step in steps(load(path)):
            uses = step.get("uses")
            if uses is None:
                continue
            assert PINNED.match(uses), f"{path.name}: {job}: {uses} is not pinned to a full SHA"
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), f"{path.name}: {line}"


def test_one_action_is_pinned_to_one_commit_everywhere() -> None:
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for _, step in steps(load(path)):
            if "uses" in step:
                action, sha = step["uses"].split("@")
                pins.setdefault(action, set()).add(sha)
    assert {action: len(shas) for action, shas in pins.items()} == dict.fromkeys(pins, 1)


def test_no_workflow_runs_on_pull_request_target() -> None:
    for path in WORKFLOWS:
        assert "pull_request_target" not in triggers(load(path)), path.name
        assert "pull_request_target" not in path.read_text(encoding="utf-8"), path.name


def test_permissions_are_granted_per_job_only() -> None:
    for path in WORKFLOWS:
        data = load(path)
        assert data["permissions"] == {}, f"{path.name}: top-level permissions must be {{}}"
        for job_id, job in data["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {job_id} sets no permissions"


def test_no_expression_is_expanded_inside_a_shell_script() -> None:
    # Template injection: ${{ ... }} in `run:` is pasted into the script before it runs; values
    # reach scripts through `env:` instead.
    for path in WORKFLOWS:
        for job, step in steps(load(path)):
            assert "${{" not in step.get("run", ""), f"{path.name}: {job}: {step.get('name')}"


def test_checkouts_never_keep_the_token_in_git_config() -> None:
    for path in WORKFLOWS:
        for job, step in steps(load(path)):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, f"{path.name}: {job}"


# What each workflow does ---------------------------------------------------------------------


def _scripts(data: dict[Any, Any], job: str) -> str:
    return "\n".join(step.get("run", "") for step in data["jobs"][job]["steps"])


def test_ci_checks_pull_requests_read_only() -> None:
    ci = workflow("ci.yml")
    assert "pull_request" in triggers(ci)
    for job in ci["jobs"].values():
        assert job["permissions"] == {"contents": "read"}
    catalog = _scripts(ci, "catalog")
    for command in (
        "medvlm validate",
        "medvlm build",
        "tools/awesome-lint/lint.mjs README.md",
        'medvlm site --out "$RUNNER_TEMP/site"',
        'medvlm links check --changed-only --base "origin/${BASE_REF}"',
    ):
        assert command in catalog
    assert ci["jobs"]["catalog"]["env"]["BASE_REF"] == "${{ github.base_ref || 'main' }}"
    checkout = step_named(
        ci, "catalog", "Check out (full history, to compare with the base branch)"
    )
    assert checkout["with"]["fetch-depth"] == 0
    assert "make test" in _scripts(ci, "tests")


def test_publish_regenerates_readme_then_deploys_the_site_with_least_privilege() -> None:
    publish = workflow("publish.yml")
    assert triggers(publish)["push"] == {"branches": ["main"]}
    assert publish["concurrency"] == {
        "group": "${{ github.workflow }}",
        "cancel-in-progress": False,
    }
    jobs = publish["jobs"]
    assert jobs["readme"]["permissions"] == {"contents": "write"}
    assert "medvlm build" in _scripts(publish, "readme")
    assert "[skip ci]" in _scripts(publish, "readme")  # the bot's commit starts no new run
    assert jobs["site"]["permissions"] == {"contents": "read"}
    assert 'medvlm site --out "$RUNNER_TEMP/site"' in _scripts(publish, "site")
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert jobs["deploy"]["needs"] == "site"
    used = [step["uses"].split("@")[0] for _, step in steps(publish) if "uses" in step]
    for action in (
        "actions/upload-pages-artifact",
        "actions/configure-pages",
        "actions/deploy-pages",
    ):
        assert action in used


def test_maintenance_runs_weekly_and_by_hand() -> None:
    maintenance = workflow("maintenance.yml")
    on = triggers(maintenance)
    assert "workflow_dispatch" in on
    assert len(on["schedule"]) == 1
    minute, hour, day, month, weekday = on["schedule"][0]["cron"].split()
    # Once a week, at a fixed minute (not on the hour, when GitHub's scheduler is busiest).
    assert minute.isdigit() and minute != "0" and hour.isdigit()
    assert (day, month) == ("*", "*") and weekday.isdigit()
    jobs = maintenance["jobs"]
    assert jobs["links"]["permissions"] == {"contents": "read", "issues": "write"}
    assert "medvlm links check --json" in _scripts(maintenance, "links")
    assert jobs["enrich"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert "medvlm enrich --only-missing" in _scripts(maintenance, "enrich")
    assert "medvlm validate" in _scripts(maintenance, "enrich")


# Issue forms, pull request template -------------------------------------------------------------


@pytest.mark.parametrize("name", ["add-paper.yml", "correct-record.yml"])
def test_issue_forms_have_what_github_requires(name: str) -> None:
    form = load(FORMS / name)
    assert {"name", "description", "body"} <= set(form)
    ids = [element["id"] for element in form["body"] if element["type"] != "markdown"]
    assert len(ids) == len(set(ids)), "element ids must be unique"
    for element in form["body"]:
        if element["type"] != "markdown":
            assert element["attributes"]["label"], element["id"]


def test_add_paper_form_mirrors_the_record() -> None:
    form = load(FORMS / "add-paper.yml")
    ids = [element["id"] for element in form["body"] if element["type"] != "markdown"]
    assert ids == [
        "title",
        "identifier",
        "paper",
        "code",
        "tasks",
        "strategies",
        "modalities",
        "datasets",
        "kind",
        "model",
        "summary",
        "evidence",
        "notes",
    ]


def test_add_paper_dropdowns_offer_exactly_the_taxonomy_terms() -> None:
    taxonomy = load_taxonomy(REPO / "taxonomy.yaml")
    form = load(FORMS / "add-paper.yml")
    dropdowns = {e["id"]: e for e in form["body"] if e["type"] == "dropdown"}
    for field, axis, multiple in (
        ("tasks", "task", True),
        ("strategies", "strategy", True),
        ("modalities", "modality", True),
        ("kind", "kind", False),
    ):
        attributes = dropdowns[field]["attributes"]
        assert attributes["options"] == taxonomy.term_ids(axis), (
            f"{field} drifted from taxonomy.yaml"
        )
        assert attributes.get("multiple", False) is multiple


def test_correct_record_form_asks_for_the_record_the_problem_and_the_evidence() -> None:
    form = load(FORMS / "correct-record.yml")
    fields = {e["id"]: e for e in form["body"] if e["type"] != "markdown"}
    assert list(fields) == ["record", "problem", "correction", "evidence"]
    assert [fields[name]["validations"]["required"] for name in fields] == [True, True, True, False]


def test_pull_request_template_has_the_contributor_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(items) == 4
    assert "`medvlm validate` passes" in items[0]
    assert "reviewed: true" in items[1]
    assert "did not edit `README.md`" in items[2]


# Pre-commit hook, attributes ---------------------------------------------------------------------


def test_pre_commit_hook_validates_when_records_or_taxonomy_change() -> None:
    config = load(REPO / ".pre-commit-config.yaml")
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local"
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "medvlm validate",
        "system",
        False,
    )
    files = re.compile(hook["files"])
    assert files.search("papers/zhan2024medm2g.yaml")
    assert files.search("taxonomy.yaml")
    assert not files.search("README.md")
    assert not files.search("src/medvlm/taxonomy.py")


def test_pre_commit_hook_entry_blocks_a_broken_record(tmp_path: Path) -> None:
    hook = load(REPO / ".pre-commit-config.yaml")["repos"][0]["hooks"][0]
    root = tmp_path / "catalog"
    shutil.copytree(DATA / "mini", root)
    env = {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    good = subprocess.run(hook["entry"].split(), cwd=root, env=env, capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    (root / "papers" / "smith2024clip.yaml").write_text(
        "id: smith2024clip\ntitle: CLIP\ntasks: [clasification]\n", encoding="utf-8"
    )
    bad = subprocess.run(hook["entry"].split(), cwd=root, env=env, capture_output=True, text=True)
    assert bad.returncode == 1
    assert "papers/smith2024clip.yaml:3: tasks" in bad.stderr


def test_generated_files_are_marked_generated_for_github() -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    run = subprocess.run(
        [
            "git",
            "check-attr",
            "linguist-generated",
            "--",
            "README.md",
            "schema/paper.schema.json",
            "papers/x.yaml",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        pytest.skip(f"not a git checkout: {run.stderr.strip()}")
    assert run.stdout.splitlines() == [
        "README.md: linguist-generated: true",
        "schema/paper.schema.json: linguist-generated: true",
        "papers/x.yaml: linguist-generated: unspecified",
    ]
