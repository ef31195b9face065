"""What every page shares: record text is shown as text, front matter is valid YAML."""

from __future__ import annotations

import pytest
import yaml
from markupsafe import Markup, escape

from medvlm.render.site.pages import front_matter_string
from tests.render.site.support import PWNED_TITLE, Built, element_text, html_files


def test_markup_in_records_is_shown_as_text_everywhere(built: Built) -> None:
    paper = built.catalog.by_id()["eve2024pwned"]
    assert paper.title == PWNED_TITLE
    for path in html_files(built.site):
        text = path.read_text(encoding="utf-8")
        for needle in ("<script>window.__pwned", "<img src=x", "<svg onload", "<b onmouseover"):
            assert needle not in text, (path, needle)
    page = built.page("papers/eve2024pwned")
    assert element_text(page.split('<article class="md-content__inner', 1)[1], "h1") == PWNED_TITLE
    assert element_text(page, "title") == f"{PWNED_TITLE} - Awesome MedVLM"
    assert str(escape('Eve <b onmouseover="window.__pwned=1">Hacker</b>')) in page
    # The code link keeps its query string, escaped inside the attribute.
    assert 'href="https://github.com/example/pwned?a=1&amp;b=&#34;2&#34;"' in page


@pytest.mark.parametrize(
    "value",
    [
        'Eve <b onmouseover="x">Hacker</b> & co',
        "lines\u2028and\u2029paragraphs\x85next",
        "controls \x7f\x9f \t end",
        "ünïcode 😀",
    ],
)
def test_front_matter_strings_are_html_text_and_valid_yaml(value: str) -> None:
    scalar = str(front_matter_string(value))
    assert "\n" not in scalar  # one line of front matter
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        assert yaml.load(f"key: {scalar}\n", Loader=loader) == {"key": str(escape(value))}
    markup = escape(value) + Markup("<br>\n")  # HTML from an autoescaped template: kept
    assert yaml.safe_load(f"key: {front_matter_string(markup)}") == {"key": markup}
