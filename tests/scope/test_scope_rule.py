"""The scope rule is written down, in the same words, in CONTRIBUTING.md and on the site's
About page."""

from __future__ import annotations

import re

from medvlm.render.templating import make_environment, render_template
from tests.helpers import REPO

RULE = (
    "A paper is in scope when its method, model, dataset, benchmark or evaluation couples "
    "medical images (or video) with natural language. Text-only medical language models, "
    "image-only models and vision-language models of natural images are out, unless the paper "
    "adapts or evaluates them on medical images with text."
)


def test_contributing_states_the_rule() -> None:
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert RULE in " ".join(guide.split())
    assert "scope.yaml" in guide


def test_the_about_page_states_the_rule() -> None:
    page = render_template(
        make_environment(REPO / "templates"),
        "site/about.md.j2",
        {
            "site_name": "Awesome MedVLM",
            "repo_url": "https://github.com/example/awesome-medvlm",
            "surveys": [],
            "sources": [],
            "axes": [],
            "root": "../",
        },
    )
    text = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert RULE in text
    assert "scope.yaml" in text
