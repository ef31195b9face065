"""What the site's pages need from mkdocs.yml: its name and addresses, read and checked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml

from medvlm.models import Paper
from medvlm.problems import Problem, ProblemsError

CONFIG_FILE = "mkdocs.yml"
# The issue form for corrections (.github/ISSUE_TEMPLATE/correct-record.yml) and the ids of
# the fields a link may fill in.
CORRECT_FORM = "correct-record.yml"
CORRECT_TITLE = "Correct record: "


@dataclass(frozen=True)
class SiteSettings:
    """The site's name and addresses, and the repository links built from them."""

    site_name: str
    site_url: str
    repo_url: str

    def edit_url(self, paper: Paper) -> str:
        return f"{self.repo_url.rstrip('/')}/edit/main/papers/{paper.id}.yaml"

    def correct_url(self, paper: Paper, problem: str = "") -> str:
        """The "Correct a record" issue form, filled in with the record (and the problem)."""
        fields = {"template": CORRECT_FORM, "title": CORRECT_TITLE + paper.id, "record": paper.id}
        if problem:
            fields["problem"] = problem
        return f"{self.repo_url.rstrip('/')}/issues/new?{urlencode(fields)}"

    def blob_url(self, path: str) -> str:
        """A repository file on GitHub, from a path relative to the repository root."""
        while path.startswith("./"):
            path = path.removeprefix("./")
        return f"{self.repo_url.rstrip('/')}/blob/main/{path.lstrip('/')}"


def settings_from_config(config: Mapping[str, Any]) -> SiteSettings:
    """Site name and URLs from the base config; a missing one is a located problem."""
    problems = [
        Problem(CONFIG_FILE, 0, key, "must be set (the site links to it)")
        for key in ("site_name", "site_url", "repo_url")
        if not isinstance(config.get(key), str) or not config[key].strip()
    ]
    if problems:
        raise ProblemsError(problems)
    site_url = str(config["site_url"])
    return SiteSettings(
        site_name=str(config["site_name"]),
        site_url=site_url if site_url.endswith("/") else site_url + "/",
        repo_url=str(config["repo_url"]),
    )


def load_base_config(root: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data (safe loader: no Python tags)."""
    path = root / CONFIG_FILE
    if not path.is_file():
        raise ProblemsError([Problem(CONFIG_FILE, 0, "", "not found (the site's configuration)")])
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise ProblemsError([Problem(CONFIG_FILE, line, "", f"invalid YAML: {error}")]) from None
    if not isinstance(data, dict):
        raise ProblemsError([Problem(CONFIG_FILE, 1, "", "must be a mapping of settings")])
    return data
