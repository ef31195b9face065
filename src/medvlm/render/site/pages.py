"""What every page kind shares: the Jinja environment, links between pages, term counts, and
the renderer that caches paper list entries."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from medvlm.catalog import Catalog, terms_of
from medvlm.models import Paper
from medvlm.render.templating import make_environment, render_template

# The axes with a page per term, and what their sections are called.
TERM_AXES: tuple[str, ...] = ("task", "strategy", "modality", "dataset")
SECTION_TITLES = {
    "task": "Tasks",
    "strategy": "Strategies",
    "modality": "Modalities",
    "dataset": "Datasets",
}
# The axes the explorer filters by.
FILTER_AXES: tuple[str, ...] = ("task", "strategy", "modality", "dataset", "kind")
PAPERS_DIR = "papers"  # one folder per paper page: papers/<id>/index.md
ITEM_TEMPLATE = "site/item.html.j2"
# A page's way back to the site root: `papers/x/index.md` is served at /papers/x/.
TOP = ""
ONE_DOWN = "../"
TWO_DOWN = "../../"


def site_environment(templates_dir: Path) -> Environment:
    """The shared environment with autoescape on for every template.

    Site pages are markdown files whose data-bearing parts are raw HTML; escaping everything as
    HTML is what keeps record text inert there (markdown does not touch raw HTML blocks).
    """
    environment = make_environment(templates_dir)
    environment.autoescape = True
    environment.filters["front_matter"] = front_matter_string
    return environment


# Characters a YAML double-quoted scalar must not hold as they are: line breaks YAML folds
# (NEL, LS, PS) and the non-printable ones a YAML parser rejects. JSON escapes the C0 controls.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def front_matter_string(value: object) -> Markup:
    """A double-quoted YAML scalar holding `value` as HTML: text escaped, markup kept.

    Themes print `page.meta.title` into <title> and the header without escaping it (MkDocs
    titles are HTML), so a title is escaped here. A page's HTML rendered by an autoescaped
    template (Markup) is kept as it is. JSON is valid YAML and escapes the rest.
    """
    text = json.dumps(str(escape(value)), ensure_ascii=False)
    return Markup(_YAML_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text))


def term_href(axis: str, term: str) -> str:
    """A term's page, relative to the site root."""
    return f"{axis}/{term}/"


def explorer_href(**filters: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return "explorer/" + (f"?{query}" if query else "")


def count_papers(count: int) -> str:
    return f"{count} paper" if count == 1 else f"{count} papers"


def years_of(papers: Iterable[Paper]) -> list[int]:
    return sorted({paper.year for paper in papers if paper.year is not None})


@dataclass(frozen=True)
class TermCount:
    """A term with how many papers have it (cross-listed) and its page."""

    id: str
    label: str
    description: str
    url: str | None  # the term's own homepage (a dataset's)
    count: int
    href: str


def axis_counts(catalog: Catalog) -> dict[str, list[TermCount]]:
    """Cross-listed counts: a paper counts once under every term it has, on every axis."""
    counters: dict[str, Counter[str]] = {axis: Counter() for axis in FILTER_AXES}
    for paper in catalog.papers:
        for axis in FILTER_AXES:
            counters[axis].update(terms_of(paper, axis))
    return {
        axis: [
            TermCount(
                term.id,
                term.label,
                term.description,
                term.url,
                counters[axis][term.id],
                term_href(axis, term.id),
            )
            for term in catalog.taxonomy.axes[axis].terms  # type: ignore[index]
        ]
        for axis in FILTER_AXES
    }


class Pages:
    """Renders the site's templates with the shared context; caches list entries.

    A paper's list entry appears on several pages (its terms' pages, other papers' related
    lists), so each entry is rendered once per page depth and reused.
    """

    def __init__(self, environment: Environment, common: Mapping[str, Any]) -> None:
        self.environment = environment
        self.common = dict(common)
        self.cache: dict[tuple[str, str, bool], Markup] = {}

    def render(self, name: str, root: str, **context: Any) -> str:
        values = {**self.common, "root": root, **context}
        return render_template(self.environment, f"site/{name}", values)

    def items(self, papers: Iterable[Paper], root: str, added: bool = False) -> list[Markup]:
        """List entries (<li>) for `papers` on a page `root` away from the site root."""
        entries = []
        for paper in papers:
            key = (paper.id, root, added)
            entry = self.cache.get(key)
            if entry is None:
                context = {"paper": paper, "root": root, "added": added}
                # Rendered by an autoescaped template: safe to insert as it is.
                entry = Markup(render_template(self.environment, ITEM_TEMPLATE, context).strip())
                self.cache[key] = entry
            entries.append(entry)
        return entries
