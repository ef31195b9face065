"""The catalog's website: generated pages and data files, and the MkDocs (or Zensical) build.

Two halves:

- Rendering (`render_site_files`, `site_config`): pure functions from the catalog to the text
  of every generated file. Pages are markdown whose data-bearing parts are HTML produced by
  Jinja with autoescape on, so a title holding `<script>`, `|` or `*` is shown as text and never
  becomes markup. Paper pages are left out of `nav`, so every page does not carry a navigation
  tree of the whole catalog and the site grows linearly with it.

  What search must index (a paper's title, authors and model) is the pages' markdown content;
  the bulk of a paper page and the paper lists of the term pages are HTML carried in the front
  matter (`medvlm_html`), which the theme override places after the content. Raw HTML in the
  content is parsed three times per page (MkDocs' anchor scan, python-markdown, the search
  indexer); in the front matter it is read once by a C YAML parser, which halves the build of
  a large catalog. Paper pages also use a page template with a lighter sidebar
  (templates/site/overrides/paper.html).

  Every generated page is a folder's `index.md` (`papers/<id>/index.md`, served at
  `papers/<id>/`): MkDocs leaves links in raw HTML as written (relative to the page's address)
  while Zensical resolves them against the source file; for an `index.md` the two are the same
  folder, so one link works with both tools.
- Building (`prepare_build`, `run_builder`, `publish`, `build_site`): copy the hand-written
  docs/ into the build folder, add the generated files (never over a hand-written one), write a
  config derived from mkdocs.yml, run `mkdocs build --strict` (or `zensical build`) in a
  subprocess, and swap the result into the output folder, so that a failed build leaves the
  previous site untouched. One run builds the whole site, whatever its size.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal

import yaml
from jinja2 import Environment
from markupsafe import Markup, escape

from medvlm.catalog import Catalog, reading_order, terms_of
from medvlm.models import Paper, Taxonomy
from medvlm.problems import Problem, ProblemsError
from medvlm.render.charts import bar_chart, render_bar_chart, year_counts
from medvlm.render.exports import (
    export_atom,
    export_bibtex,
    export_csv,
    export_json,
    paper_bibtex,
)
from medvlm.render.templating import make_environment, render_template

# Where things are, relative to the catalog root.
CONFIG_FILE = "mkdocs.yml"
DOCS_DIR = "docs"
CONTRIBUTING_FILE = "CONTRIBUTING.md"
TEMPLATES_DIR = "templates"
OVERRIDES_DIR = "site/overrides"  # Material theme overrides, inside TEMPLATES_DIR
BUILD_DIR = ".site-build"
DEFAULT_OUT = "site"

# Inside the build folder.
BUILD_DOCS = "docs"
BUILD_OVERRIDES = "overrides"
BUILD_SITE = "site"
PAPERS_DIR = "papers"  # one folder per paper page: papers/<id>/index.md

TERM_AXES: tuple[str, ...] = ("task", "strategy", "modality", "dataset")
SECTION_TITLES = {
    "task": "Tasks",
    "strategy": "Strategies",
    "modality": "Modalities",
    "dataset": "Datasets",
}
FILTER_AXES: tuple[str, ...] = ("task", "strategy", "modality", "dataset", "kind")
SURVEY = "survey"
LATEST_COUNT = 10
RELATED_COUNT = 5
FEED_LIMIT = 50
HEAT_LEVELS = 5
ITEM_TEMPLATE = "site/item.html.j2"
# A page's way back to the site root: `papers/x/index.md` is served at /papers/x/.
TOP = ""
ONE_DOWN = "../"
TWO_DOWN = "../../"

Builder = Literal["mkdocs", "zensical"]
BUILDERS: tuple[Builder, ...] = ("mkdocs", "zensical")


# --- settings from mkdocs.yml ---------------------------------------------------------------


@dataclass(frozen=True)
class SiteSettings:
    """What pages need from mkdocs.yml."""

    site_name: str
    site_url: str
    repo_url: str

    def edit_url(self, paper: Paper) -> str:
        return f"{self.repo_url.rstrip('/')}/edit/main/papers/{paper.id}.yaml"

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


# --- view models ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TermLink:
    axis: str
    id: str
    label: str
    href: str  # relative to the site root


@dataclass(frozen=True)
class TermCount:
    id: str
    label: str
    description: str
    count: int
    href: str


@dataclass(frozen=True)
class HeatCell:
    count: int
    level: int  # 0 (none) .. HEAT_LEVELS (the busiest cell)
    href: str  # relative to the site root; explorer pre-filtered
    label: str  # what a screen reader announces


@dataclass(frozen=True)
class HeatRow:
    term: TermCount
    cells: list[HeatCell]
    total: HeatCell


@dataclass(frozen=True)
class HeatMap:
    columns: list[TermCount]
    rows: list[HeatRow]
    column_totals: list[HeatCell]
    maximum: int


@dataclass(frozen=True)
class Facet:
    """One explorer filter: an axis and its terms with catalog-wide (cross-listed) counts."""

    axis: str
    label: str
    terms: list[TermCount]


@dataclass(frozen=True)
class LinkItem:
    label: str
    href: str


@dataclass(frozen=True)
class TermGroup:
    heading: str
    terms: list[TermLink]


@dataclass(frozen=True)
class PaperView:
    """A paper with everything its own page shows besides the record's fields."""

    paper: Paper
    term_groups: list[TermGroup]
    kind_label: str
    links: list[LinkItem]


# --- rendering ------------------------------------------------------------------------------


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
    return f"{axis}/{term}/"


def explorer_href(**filters: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return "explorer/" + (f"?{query}" if query else "")


def _term_groups(taxonomy: Taxonomy, paper: Paper) -> list[TermGroup]:
    groups = []
    for axis in TERM_AXES:
        terms = [
            TermLink(axis, term, taxonomy.term(axis, term).label, term_href(axis, term))
            for term in terms_of(paper, axis)
        ]
        if terms:
            groups.append(TermGroup(SECTION_TITLES[axis], terms))
    return groups


def _paper_links(paper: Paper) -> list[LinkItem]:
    """Every distinct link of a record, the best one first."""
    candidates = [
        ("Paper", paper.url),
        ("PDF", paper.links.pdf),
        ("Code", paper.links.code),
        ("Project page", paper.links.project),
        ("arXiv", f"https://arxiv.org/abs/{paper.ids.arxiv}" if paper.ids.arxiv else None),
        ("DOI", f"https://doi.org/{paper.ids.doi}" if paper.ids.doi else None),
    ]
    seen: set[str] = set()
    links = []
    for label, href in candidates:
        if href and href not in seen:
            seen.add(href)
            links.append(LinkItem(label, href))
    return links


def paper_view(taxonomy: Taxonomy, paper: Paper) -> PaperView:
    return PaperView(
        paper=paper,
        term_groups=_term_groups(taxonomy, paper),
        kind_label=taxonomy.term("kind", paper.kind).label,
        links=_paper_links(paper),
    )


def _term_counts(catalog: Catalog, axis: str, counts: Counter[str]) -> list[TermCount]:
    return [
        TermCount(term.id, term.label, term.description, counts[term.id], term_href(axis, term.id))
        for term in catalog.taxonomy.axes[axis].terms  # type: ignore[index]
    ]


def axis_counts(catalog: Catalog) -> dict[str, list[TermCount]]:
    """Cross-listed counts: a paper counts once under every term it has, on every axis."""
    counters: dict[str, Counter[str]] = {axis: Counter() for axis in FILTER_AXES}
    for paper in catalog.papers:
        for axis in FILTER_AXES:
            counters[axis].update(terms_of(paper, axis))
    return {axis: _term_counts(catalog, axis, counters[axis]) for axis in FILTER_AXES}


def _papers(count: int) -> str:
    return f"{count} paper" if count == 1 else f"{count} papers"


def _level(count: int, maximum: int) -> int:
    return 0 if count == 0 or maximum == 0 else max(1, math.ceil(HEAT_LEVELS * count / maximum))


def heat_map(catalog: Catalog, counts: Mapping[str, list[TermCount]]) -> HeatMap:
    """The strategy x task matrix, cross-listed, with a colour level per cell."""
    pairs: Counter[tuple[str, str]] = Counter(
        (task, strategy)
        for paper in catalog.papers
        for task in paper.tasks
        for strategy in paper.strategies
    )
    tasks, strategies = counts["task"], counts["strategy"]
    maximum = max(pairs.values(), default=0)
    rows = []
    for task in tasks:
        cells = [
            HeatCell(
                count=pairs[(task.id, strategy.id)],
                level=_level(pairs[(task.id, strategy.id)], maximum),
                href=explorer_href(task=task.id, strategy=strategy.id),
                label=f"{_papers(pairs[(task.id, strategy.id)])}: {task.label}, {strategy.label}",
            )
            for strategy in strategies
        ]
        total = HeatCell(task.count, 0, explorer_href(task=task.id), _papers(task.count))
        rows.append(HeatRow(task, cells, total))
    totals = [
        HeatCell(s.count, 0, explorer_href(strategy=s.id), _papers(s.count)) for s in strategies
    ]
    return HeatMap(strategies, rows, totals, maximum)


def latest_papers(papers: Sequence[Paper], limit: int = LATEST_COUNT) -> list[Paper]:
    """The most recently added papers: `added` newest first, then id; undated ones last."""
    ordered = sorted(papers, key=lambda paper: paper.id)
    ordered.sort(key=lambda paper: paper.added or dt.date.min, reverse=True)  # stable: ids stay
    return ordered[:limit]


# --- related papers -------------------------------------------------------------------------

# Words too common in this field's titles to make two papers similar.
_STOP_WORDS = frozenset(
    """a an and are as at by for from in into is its of on or the to towards toward via with
    using based through without our we new study approach method methods model models large
    medical image images imaging vision language visual multimodal multi modal learning
    analysis""".split()
)
_WORD = re.compile(r"[a-z0-9]+")
_WINDOW = 24  # candidates taken per shared feature: the papers nearest in reading order


@dataclass(frozen=True)
class _Profile:
    """What related-paper scoring compares, computed once per paper."""

    # Title words, model, taxonomy terms; sorted: float sums depend on the order of addition,
    # and a set's order changes with the interpreter's hash seed, so ties must not.
    features: tuple[str, ...]
    similar: frozenset[str]  # the title words and model only
    tasks: frozenset[str]
    strategies: frozenset[str]


def _profile(paper: Paper) -> _Profile:
    words = {
        f"word:{word}"
        for word in _WORD.findall(paper.title.casefold())
        if len(word) > 2 and word not in _STOP_WORDS
    }
    if paper.model:
        words.add(f"model:{paper.model.casefold()}")
    terms = {f"{axis}:{term}" for axis in TERM_AXES for term in terms_of(paper, axis)}
    return _Profile(
        tuple(sorted(words | terms)),
        frozenset(words),
        frozenset(paper.tasks),
        frozenset(paper.strategies),
    )


def _nearby(postings: list[int], index: int, window: int) -> list[int]:
    """At most `window` entries of a sorted posting list, centred on `index`."""
    if len(postings) <= window:
        return postings
    middle = bisect_left(postings, index)
    start = max(0, min(middle - window // 2, len(postings) - window))
    return postings[start : start + window]


def _related_ok(mine: _Profile, other: _Profile) -> bool:
    """Related means: a task and a strategy in common, or a title word or model in common."""
    if not mine.similar.isdisjoint(other.similar):
        return True
    return not mine.tasks.isdisjoint(other.tasks) and not mine.strategies.isdisjoint(
        other.strategies
    )


def _best_related(
    scores: dict[int, float], index: int, profiles: Sequence[_Profile], limit: int
) -> list[int]:
    """The `limit` best-scored candidates that are related, best first.

    Most papers have hundreds of candidates and their best few are related; checking the top
    of the ranking first, and the rest only when it falls short, picks the same papers as
    checking every candidate (the order is the same total order).
    """
    mine = profiles[index]

    def rank(other: int) -> tuple[float, int, int]:
        return (-scores[other], abs(other - index), other)

    pool = heapq.nsmallest(limit * 4, scores, key=rank)
    best = [other for other in pool if _related_ok(mine, profiles[other])][:limit]
    if len(best) < limit and len(pool) < len(scores):
        ranked = sorted(scores, key=rank)
        best = [other for other in ranked if _related_ok(mine, profiles[other])][:limit]
    return best


def related_papers(papers: Sequence[Paper], limit: int = RELATED_COUNT) -> dict[str, list[Paper]]:
    """Up to `limit` related papers per paper, by shared-feature score (rarer counts more).

    Bounded work: for each feature a paper has, only the `_WINDOW` papers nearest to it in
    reading order are scored, so the cost is O(n * features * window), not O(n^2). Ties go to
    the paper nearest in reading order (similar year).
    """
    order = reading_order(papers)
    profiles = [_profile(paper) for paper in order]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, profile in enumerate(profiles):
        for feature in profile.features:
            postings[feature].append(index)
    weighted = {
        key: (math.log(1 + len(order) / len(value)), value) for key, value in postings.items()
    }
    related: dict[str, list[Paper]] = {}
    for index, paper in enumerate(order):
        scores: dict[int, float] = {}
        score = scores.get  # the hot loop of the site's generation: no defaultdict overhead
        for feature in profiles[index].features:  # in sorted order (see _Profile)
            weight, posting = weighted[feature]
            for other in _nearby(posting, index, _WINDOW):
                scores[other] = score(other, 0.0) + weight
        scores.pop(index, None)
        best = _best_related(scores, index, profiles, limit)
        related[paper.id] = [order[other] for other in best]
    return related


# --- pages ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteInputs:
    """Everything the pages are made of besides the catalog (read by the caller)."""

    settings: SiteSettings
    contributing: str  # the text of CONTRIBUTING.md


_RELATIVE_LINK = re.compile(r"(!?\[[^\]]*\]\()(?!https?:|mailto:|#|/)([^)\s]+)(\))")


def absolute_links(markdown: str, settings: SiteSettings) -> str:
    """Relative links of a repository file (e.g. `papers/`) pointed at the file on GitHub."""
    return _RELATIVE_LINK.sub(
        lambda m: f"{m.group(1)}{settings.blob_url(m.group(2))}{m.group(3)}", markdown
    )


def _years(papers: Sequence[Paper]) -> list[int]:
    return sorted({paper.year for paper in papers if paper.year is not None})


def home_context(catalog: Catalog, counts: Mapping[str, list[TermCount]]) -> dict[str, Any]:
    papers = catalog.papers
    years = _years(papers)
    series = year_counts(paper.year for paper in papers)
    busiest = max(series, key=lambda item: item[1], default=("", 0))
    span = f"{years[0]} to {years[-1]}" if years else "no year yet"
    chart = bar_chart(
        series,
        chart_id="papers-per-year",
        title="Papers per year",
        description=(
            f"Number of catalogued papers by publication year, {span}; "
            f"the most, {busiest[1]}, in {busiest[0]}."
            if series
            else "No paper has a publication year yet."
        ),
        x_label="Publication year",
        y_label="Papers",
    )
    undated = sum(1 for paper in papers if paper.year is None)
    return {
        "total": len(papers),
        "with_code": sum(1 for paper in papers if paper.has_code),
        "models": len({paper.model for paper in papers if paper.model}),
        "tasks_used": sum(1 for term in counts["task"] if term.count),
        "modalities_used": sum(1 for term in counts["modality"] if term.count),
        "years": years,
        "heat": heat_map(catalog, counts),
        "heat_levels": list(range(1, HEAT_LEVELS + 1)),
        "undated": undated,
        "latest": latest_papers(papers),
        "chart": chart,
    }


def explorer_context(catalog: Catalog, counts: Mapping[str, list[TermCount]]) -> dict[str, Any]:
    facets = [
        Facet(axis, catalog.taxonomy.axes[axis].label, counts[axis])  # type: ignore[index]
        for axis in FILTER_AXES
    ]
    return {"total": len(catalog.papers), "facets": facets, "years": _years(catalog.papers)}


class _Pages:
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


def render_site_files(catalog: Catalog, templates_dir: Path, inputs: SiteInputs) -> dict[str, str]:
    """Every generated page and data file, by path relative to docs_dir; deterministic."""
    environment = site_environment(templates_dir)
    taxonomy = catalog.taxonomy
    settings = inputs.settings
    counts = axis_counts(catalog)
    pages = _Pages(environment, {"site_name": settings.site_name})
    home = home_context(catalog, counts)
    # The chart's markup comes from an autoescaped template: safe to insert as it is.
    home["chart"] = Markup(render_bar_chart(environment, home.pop("chart")))
    home["latest"] = pages.items(home["latest"], TOP, added=True)
    surveys = reading_order(p for p in catalog.papers if p.kind == SURVEY)
    files = {
        "index.md": pages.render("home.md.j2", TOP, **home),
        "explorer/index.md": pages.render(
            "explorer.md.j2", ONE_DOWN, **explorer_context(catalog, counts)
        ),
        "downloads/index.md": pages.render(
            "downloads.md.j2", ONE_DOWN, total=len(catalog.papers), feed=FEED_LIMIT
        ),
        "about/index.md": pages.render(
            "about.md.j2",
            ONE_DOWN,
            surveys=pages.items(surveys, ONE_DOWN),
            axes=[(axis, taxonomy.axes[axis]) for axis in FILTER_AXES],  # type: ignore[index]
            sources=taxonomy.sources,
            repo_url=settings.repo_url,
        ),
        "contributing/index.md": pages.render(
            "contributing.md.j2", ONE_DOWN, text=absolute_links(inputs.contributing, settings)
        ),
    }
    files.update(_term_pages(catalog, counts, pages))
    files.update(_paper_pages(catalog, settings, pages))
    files["papers.json"] = export_json(catalog)
    files["papers.csv"] = export_csv(catalog)
    files["papers.bib"] = export_bibtex(reading_order(catalog.papers))
    files["feed.xml"] = export_atom(catalog, settings.site_url, FEED_LIMIT)
    return files


def _term_pages(
    catalog: Catalog, counts: Mapping[str, list[TermCount]], pages: _Pages
) -> dict[str, str]:
    """An overview per axis and a page per term listing its papers (cross-listed)."""
    members: dict[tuple[str, str], list[Paper]] = defaultdict(list)
    for paper in reading_order(catalog.papers):
        for axis in TERM_AXES:
            for term_id in terms_of(paper, axis):
                members[(axis, term_id)].append(paper)
    files: dict[str, str] = {}
    for axis in TERM_AXES:
        axis_model = catalog.taxonomy.axes[axis]  # type: ignore[index]
        files[f"{axis}/index.md"] = pages.render(
            "axis.md.j2",
            ONE_DOWN,
            axis=axis,
            title=SECTION_TITLES[axis],
            axis_model=axis_model,
            terms=counts[axis],
        )
        for term in counts[axis]:
            files[f"{axis}/{term.id}/index.md"] = pages.render(
                "term.md.j2",
                TWO_DOWN,
                axis=axis,
                axis_label=axis_model.label,
                term=term,
                papers=pages.items(members[(axis, term.id)], TWO_DOWN),
                explorer=explorer_href(**{axis: term.id}),
            )
    return files


def paper_page_path(paper_id: str) -> str:
    """Where a paper's page goes, relative to docs_dir."""
    return f"{PAPERS_DIR}/{paper_id}/index.md"


def _paper_pages(catalog: Catalog, settings: SiteSettings, pages: _Pages) -> dict[str, str]:
    related = related_papers(catalog.papers)
    files = {}
    for paper in catalog.papers:
        files[paper_page_path(paper.id)] = pages.render(
            "paper.md.j2",
            TWO_DOWN,
            view=paper_view(catalog.taxonomy, paper),
            bibtex=paper_bibtex(paper),
            related=pages.items(related[paper.id], TWO_DOWN),
            edit_url=settings.edit_url(paper),
        )
    return files


# --- the generated config -------------------------------------------------------------------


def site_nav(taxonomy: Taxonomy, extra_pages: Sequence[str] = ()) -> list[Any]:
    """Top pages and taxonomy pages only: paper pages stay out of the navigation tree."""
    nav: list[Any] = [{"Home": "index.md"}, {"Explorer": "explorer/index.md"}]
    for axis in TERM_AXES:
        terms = taxonomy.axes[axis].terms  # type: ignore[index]
        entries: list[Any] = [f"{axis}/index.md"]
        entries += [{str(escape(term.label)): f"{axis}/{term.id}/index.md"} for term in terms]
        nav.append({SECTION_TITLES[axis]: entries})
    nav += [{"Downloads": "downloads/index.md"}, *extra_pages]
    nav += [{"Contributing": "contributing/index.md"}, {"About": "about/index.md"}]
    return nav


def site_config(
    base: Mapping[str, Any], taxonomy: Taxonomy, extra_pages: Sequence[str]
) -> dict[str, Any]:
    """mkdocs.yml with what the build folder needs: its folders, the nav and the overrides."""
    config = dict(base)
    theme = base.get("theme", {})
    theme = dict(theme) if isinstance(theme, Mapping) else {"name": str(theme)}
    theme["custom_dir"] = BUILD_OVERRIDES
    config.update(
        docs_dir=BUILD_DOCS,
        site_dir=BUILD_SITE,
        use_directory_urls=True,  # pages link to each other as folder/ URLs
        theme=theme,
        nav=site_nav(taxonomy, extra_pages),
        # Paper pages are left out of the nav on purpose: say so, and MkDocs does not list them.
        not_in_nav="/papers/\n",
    )
    return config


# --- building -------------------------------------------------------------------------------


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


def _hand_written(root: Path) -> dict[str, Path]:
    """Files under docs/, by path relative to it."""
    docs = root / DOCS_DIR
    if not docs.is_dir():
        return {}
    return {
        path.relative_to(docs).as_posix(): path
        for path in sorted(docs.rglob("*"))
        if path.is_file()
    }


def page_url(path: str) -> str:
    """Where MkDocs publishes a docs file (directory URLs): `a.md` and `a/index.md` are `a/`."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    for index in ("index", "README"):
        if stem == index:
            return ""
        if stem.endswith("/" + index):
            return stem.removesuffix(index)
    return stem + "/"


@dataclass(frozen=True)
class BuildTree:
    """A filled build folder: its config, and what the builds need to know about its docs."""

    config: Path
    pages: int  # markdown pages under docs/


def prepare_build(catalog: Catalog, build_dir: Path) -> BuildTree:
    """Fill a fresh build folder (docs, overrides, config).

    A generated file never replaces a hand-written one: such a clash is a located problem.
    """
    root = catalog.root
    base = load_base_config(root)
    settings = settings_from_config(base)
    contributing_path = root / CONTRIBUTING_FILE
    if not contributing_path.is_file():
        message = "not found (the site's Contributing page is made from it)"
        raise ProblemsError([Problem(CONTRIBUTING_FILE, 0, "", message)])
    try:
        contributing = contributing_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        message = f"cannot read as UTF-8 text ({error})"
        raise ProblemsError([Problem(CONTRIBUTING_FILE, 0, "", message)]) from None
    inputs = SiteInputs(settings, contributing)
    generated = render_site_files(catalog, root / TEMPLATES_DIR, inputs)
    hand_written = _hand_written(root)
    generated_urls = {page_url(name) for name in generated}
    clashes = [name for name in hand_written if page_url(name) in generated_urls]
    if clashes:
        raise ProblemsError(
            [
                Problem(f"{DOCS_DIR}/{name}", 0, "", "clashes with a generated page: rename it")
                for name in clashes
            ]
        )
    extra_pages = [name for name in hand_written if name.endswith(".md")]
    if build_dir.exists():
        shutil.rmtree(build_dir)
    docs = build_dir / BUILD_DOCS
    for name, source in hand_written.items():
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    for name, text in generated.items():
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    overrides = root / TEMPLATES_DIR / OVERRIDES_DIR
    if overrides.is_dir():
        shutil.copytree(overrides, build_dir / BUILD_OVERRIDES)
    else:
        (build_dir / BUILD_OVERRIDES).mkdir(parents=True)
    config_path = build_dir / CONFIG_FILE
    config = site_config(base, catalog.taxonomy, extra_pages)
    _write_config(config_path, config, "from mkdocs.yml")
    pages = sum(1 for name in [*generated, *hand_written] if name.endswith(".md"))
    return BuildTree(config_path, pages)


def builder_command(builder: Builder, config_path: Path) -> list[str]:
    """The build command; both tools run from this interpreter's environment.

    The config's path is absolute: the tool runs in the build folder, and a path relative to
    the current folder (`medvlm --root .`) would not be found from there.
    """
    return [
        sys.executable,
        "-m",
        builder,
        "build",
        "--strict",
        "--config-file",
        str(config_path.absolute()),
    ]


_MAX_SHOWN = 20  # output lines of a failed build repeated in the problems
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def build_failure(builder: Builder, display: str, output: str, code: int) -> list[Problem]:
    """A failed build as problems: the tool's warnings and errors (else its last lines)."""
    plain = _ANSI.sub("", output)  # Zensical colours its report even with NO_COLOR
    lines = [" ".join(line.split()) for line in plain.splitlines() if line.strip()]
    flagged: list[str] = []
    for line in lines:
        if re.match(r"(WARNING|ERROR)\b|(Warning|Error):|\w*Error\b", line):
            flagged.append(line)
        elif (where := re.search(r"\[ ?(\S+:\d+(?::\d+)?) ?\]", line)) and flagged:
            flagged[-1] += f" (at {where.group(1)})"  # Zensical's location line
    shown = (flagged or lines[-_MAX_SHOWN:])[:_MAX_SHOWN]
    problems = [Problem(display, 0, "", f"{builder}: {line}") for line in shown]
    summary = f"{builder} build failed (exit code {code}): the previous site is left as it was"
    return [*problems, Problem(display, 0, "", summary)]


def _builder_environment() -> dict[str, str]:
    # NO_MKDOCS_2_WARNING: Material's end-of-life banner is not a build problem.
    return {**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"}


def run_builder(builder: Builder, config_path: Path, display: str = CONFIG_FILE) -> Path:
    """Build the site into the build folder; a failure is problems quoting the tool's output.

    `display` names the generated config in messages.
    """
    command = builder_command(builder, config_path)
    result = subprocess.run(
        command,
        cwd=config_path.parent,
        capture_output=True,
        text=True,
        env=_builder_environment(),
        check=False,
    )
    built = config_path.parent / BUILD_SITE
    if result.returncode != 0 or not (built / "index.html").is_file():
        output = result.stderr + "\n" + result.stdout
        raise ProblemsError(build_failure(builder, display, output, result.returncode))
    return built


def _write_config(path: Path, config: Mapping[str, Any], origin: str) -> None:
    header = f"# Generated by `medvlm site` {origin}: do not edit.\n"
    text = yaml.safe_dump(dict(config), sort_keys=False, allow_unicode=True)
    path.write_text(header + text, encoding="utf-8")


def _looks_like_site(folder: Path) -> bool:
    return not any(folder.iterdir()) or (folder / "index.html").is_file()


def publish(built: Path, out: Path) -> None:
    """Move a finished build to `out`, replacing the previous site only once the new one exists."""
    if out.exists() and (not out.is_dir() or not _looks_like_site(out)):
        message = "exists and is not a built site (no index.html): refusing to replace it"
        raise ProblemsError([Problem(str(out), 0, "", message)])
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.new"
    previous = out.parent / f".{out.name}.old"
    for leftover in (staging, previous):
        if leftover.exists():
            shutil.rmtree(leftover)
    shutil.move(str(built), str(staging))  # a rename when on the same file system
    if out.exists():
        os.replace(out, previous)
    os.replace(staging, out)
    if previous.exists():
        shutil.rmtree(previous)


@dataclass(frozen=True)
class SiteBuild:
    out: Path
    papers: int
    pages: int
    builder: Builder
    generate_seconds: float  # rendering the pages and filling the build folder
    build_seconds: float  # the static site generator
    publish_seconds: float  # moving the result into place

    @property
    def seconds(self) -> float:
        return self.generate_seconds + self.build_seconds + self.publish_seconds


def build_site(
    catalog: Catalog, out: Path, builder: Builder = "mkdocs", build_dir: Path | None = None
) -> SiteBuild:
    """Generate the build folder, build it with `builder`, and publish the site to `out`."""
    build_dir = build_dir or catalog.root / BUILD_DIR
    started = time.perf_counter()
    tree = prepare_build(catalog, build_dir)
    config_path = tree.config
    generated = time.perf_counter()
    display = (
        config_path.relative_to(catalog.root).as_posix()
        if config_path.is_relative_to(catalog.root)
        else str(config_path)
    )
    built = run_builder(builder, config_path, display)
    finished = time.perf_counter()
    publish(built, out)
    return SiteBuild(
        out=out,
        papers=len(catalog.papers),
        pages=tree.pages,
        builder=builder,
        generate_seconds=generated - started,
        build_seconds=finished - generated,
        publish_seconds=time.perf_counter() - finished,
    )


# --- previewing -----------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to the terminal."""

    def log_message(self, format: str, *args: Any) -> None:
        return


def site_server(directory: Path, port: int = 0) -> ThreadingHTTPServer:
    """An HTTP server for a built site on 127.0.0.1 (port 0: any free port); call serve_forever."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    return ThreadingHTTPServer(("127.0.0.1", port), handler)
