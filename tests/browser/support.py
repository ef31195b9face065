"""What the browser tests share: the test catalog, the served site, a recorded browser tab.

The catalog is tests/data/mini, the records of tests/data/site (markup in titles, an undated
record) and 110 generated records, so that the explorer has more than one screen of rows.
Chromium is never downloaded: without /usr/bin/chromium the browser tests are skipped.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medvlm.catalog import Catalog
from medvlm.models import Paper
from medvlm.writer import dump_record
from tests.helpers import REPO, copy_site_catalog

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
GENERATED = 110
_TASKS = ["classification", "segmentation", "vqa", "other"]
_STRATEGIES = ["pretraining", "prompt-learning"]
_MODALITIES = ["xray", "ct", "pathology"]
_DATASETS: list[list[str]] = [["mimic-cxr"], [], ["vqa-rad", "mimic-cxr"], []]
_WORDS = ["contrastive", "grounded", "sparse", "federated", "robust", "efficient", "unified"]


def generated_paper(index: int) -> Paper:
    """A varied, deterministic record (terms, datasets, years, code, models and summaries cycle
    at different rates)."""
    tasks = [_TASKS[index % 4]] + ([_TASKS[(index + 1) % 4]] if index % 3 == 0 else [])
    strategies = [_STRATEGIES[index % 2]] if index % 5 else []
    return Paper.model_validate(
        {
            "id": f"gen{2018 + index % 7}r{index}",
            "title": f"A {_WORDS[index % 7]} study number {index} of medical images",
            "authors": [f"Author{index} Family{index % 9}", "Shared Coauthor"],
            "year": 2018 + index % 7,
            "venue": ["MICCAI", "arXiv", "CVPR"][index % 3],
            "kind": "survey" if index % 17 == 0 else "method",
            "model": f"GenNet-{index}" if index % 2 else None,
            "links": {"code": f"https://github.com/example/gen-{index}"} if index % 4 else {},
            "tasks": tasks,
            "strategies": strategies,
            "modalities": [_MODALITIES[index % 3]],
            "datasets": _DATASETS[index % 4],
            "summary": f"Evaluates cohort {index} with a sparsity prior."
            if index % 5 == 0
            else None,
            "added": f"2026-10-{1 + index % 28:02d}",
        }
    )


def make_browser_catalog(root: Path) -> Path:
    copy_site_catalog(root)
    for index in range(GENERATED):
        paper = generated_paper(index)
        (root / "papers" / f"{paper.id}.yaml").write_text(dump_record(paper), encoding="utf-8")
    shutil.copy(REPO / "CONTRIBUTING.md", root)
    return root


@dataclass
class SiteUnderTest:
    catalog: Catalog
    site: Path
    base: str  # http://127.0.0.1:PORT/


@dataclass
class Tab:
    """A page, and everything it did that a test may assert on."""

    page: Any
    base: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def explorer(self, query: str = "") -> Any:
        page = self.open("explorer/" + (f"?{query}" if query else ""))
        page.wait_for_selector("#medvlm-explorer[data-state=ready]")
        return page

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.base)]
