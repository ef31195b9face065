"""The website: the generated tree, the MkDocs and Zensical builds, escaping, offline assets.

Most tests read one site built (once per module) with `medvlm site` from tests/data/mini plus
the records in tests/data/site (markup in titles, backticks, an undated record).
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import re
import shutil
import threading
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from markupsafe import Markup, escape

from medvlm.catalog import Catalog, load_catalog
from medvlm.cli import main
from medvlm.models import Paper
from medvlm.render import site as site_module
from medvlm.render.exports import paper_bibtex
from medvlm.render.site import build_failure, related_papers, site_server
from tests.helpers import REPO, Run, copy_site_catalog, write_record

REPO_URL = "https://github.com/awesome-medvlm/awesome-medvlm"
SITE_URL = "https://awesome-medvlm.github.io/awesome-medvlm/"  # mkdocs.yml
PWNED_TITLE = (
    'Pwned <img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script> & Friends'
)


def make_site_catalog(root: Path) -> Path:
    """A catalog folder with everything `medvlm site` reads, from the test data."""
    copy_site_catalog(root)
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    # A relative link, as the repository's own guide may have: the site must point it at GitHub.
    contributing += "\nRead the [taxonomy](taxonomy.yaml) and the [records](papers/).\n"
    (root / "CONTRIBUTING.md").write_text(contributing, encoding="utf-8")
    return root


@dataclass
class Built:
    root: Path
    site: Path
    catalog: Catalog
    output: str

    def page(self, path: str) -> str:
        return (self.site / path / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = make_site_catalog(tmp_path_factory.mktemp("site") / "catalog")
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        code = main(["--root", str(root), "site"])
    assert code == 0, output.getvalue()
    return Built(root, root / "site", load_catalog(root), output.getvalue())


@pytest.fixture
def site_catalog(tmp_path: Path) -> Path:
    return make_site_catalog(tmp_path / "catalog")


# --- small HTML helpers -----------------------------------------------------------------------


class Tags(HTMLParser):
    """Every start tag of a document with its attributes (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def tags_of(text: str) -> list[tuple[str, dict[str, str]]]:
    parser = Tags()
    parser.feed(text)
    return parser.tags


def element_text(text: str, tag: str) -> str:
    """The text of the first <tag> element (tags inside it dropped, entities decoded)."""
    match = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", text, flags=re.S)
    assert match, f"no <{tag}>"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))


def hrefs(text: str) -> list[str]:
    return [attrs["href"] for tag, attrs in tags_of(text) if tag == "a" and "href" in attrs]


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)")


def external_references(site: Path) -> list[str]:
    """Assets a page would load from another host: <script src>, <link href>, <img src>, url().

    <link rel="canonical"> only names the page's published address (site_url); browsers do not
    load it, so it is not an asset.
    """
    found = []
    for path in html_files(site):
        for tag, attrs in tags_of(path.read_text(encoding="utf-8")):
            if tag == "link" and attrs.get("rel") == "canonical":
                continue
            attribute = {"script": "src", "link": "href", "img": "src"}.get(tag)
            value = attrs.get(attribute or "", "")
            if attribute and re.match(r"^(https?:)?//", value):
                found.append(f"{path.relative_to(site)}: <{tag} {attribute}={value}>")
        for match in re.finditer(
            r"<style[^>]*>(.*?)</style>", path.read_text(encoding="utf-8"), re.S
        ):
            found += [
                f"{path.relative_to(site)}: url({url})"
                for url in _CSS_URL.findall(match.group(1))
                if re.match(r"^(https?:)?//", url)
            ]
    for path in sorted(site.rglob("*.css")):
        found += [
            f"{path.relative_to(site)}: url({url})"
            for url in _CSS_URL.findall(path.read_text(encoding="utf-8"))
            if re.match(r"^(https?:)?//", url)
        ]
    return found


def broken_links(site: Path) -> list[str]:
    """Relative links and asset references in built pages that lead to no file.

    404.html is left out: it is served at any missing address, so its links are absolute
    (from site_url) and resolve only on the published site.
    """
    broken = []
    for path in html_files(site):
        if path.name == "404.html":
            continue
        for tag, attrs in tags_of(path.read_text(encoding="utf-8")):
            for name in ("href", "src"):
                value = attrs.get(name)
                if not value or re.match(r"^([a-z]+:|//|#)", value) or tag == "form":
                    continue
                target = (path.parent / unquote(urlsplit(value).path)).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    broken.append(f"{path.relative_to(site)}: <{tag} {name}={value}>")
    return broken


# --- the generated tree -----------------------------------------------------------------------


def test_site_command_builds_every_page_and_data_file(built: Built) -> None:
    taxonomy = built.catalog.taxonomy
    expected = ["", "explorer", "downloads", "about", "contributing"]
    for axis in ("task", "strategy", "modality"):
        expected += [axis] + [f"{axis}/{term}" for term in taxonomy.term_ids(axis)]
    expected += [f"papers/{paper.id}" for paper in built.catalog.papers]
    missing = [path for path in expected if not (built.site / path / "index.html").is_file()]
    assert missing == []
    for name in ("papers.json", "papers.csv", "papers.bib", "feed.xml", "assets/explorer.js"):
        assert (built.site / name).is_file(), name
    assert f"{len(built.catalog.papers)} papers" in built.output
    assert "built with mkdocs" in built.output
    # The build folder holds the generated tree (never committed; .gitignore lists it).
    assert (built.root / ".site-build" / "docs" / "papers" / "smith2024clip" / "index.md").is_file()


def test_paper_pages_stay_out_of_the_navigation(built: Built) -> None:
    config = yaml.safe_load((built.root / ".site-build" / "mkdocs.yml").read_text("utf-8"))
    nav_files = json.dumps(config["nav"])
    assert "papers/" not in nav_files
    for term in built.catalog.taxonomy.term_ids("task"):
        assert f"task/{term}/index.md" in nav_files
    # A paper page carries no link to any other paper page in its navigation sidebar.
    page = built.page("papers/smith2024clip")
    sidebar = page.split('data-md-type="navigation"', 1)[1].split('data-md-type="toc"', 1)[0]
    assert "papers/" not in sidebar
    assert "Explorer" in sidebar


def _sidebar(page: str, kind: str) -> str:
    """A sidebar's markup (`navigation` or `toc`), whitespace around and inside tags dropped."""
    start = page.index(f'data-md-type="{kind}"')
    end = page.index("</nav>", start)
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", re.sub(r"\s+>", ">", page[start:end]))


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_paper_page_sidebar_is_the_themes_navigation(
    built: Built, tmp_path: Path, builder: site_module.Builder
) -> None:
    # Paper pages use a lighter page template (overrides/paper.html); built with the theme's
    # own template instead, the same page has the same navigation sidebar, with either tool.
    sidebars = []
    for name, template_line in (("ours", "template: paper.html\n"), ("theme's", "")):
        build = tmp_path / name
        shutil.copytree(built.root / ".site-build", build)
        source = build / "docs" / "papers" / "smith2024clip" / "index.md"
        text = source.read_text("utf-8")
        assert "template: paper.html\n" in text
        source.write_text(text.replace("template: paper.html\n", template_line), "utf-8")
        site = site_module.run_builder(builder, build / "mkdocs.yml")
        page = (site / "papers" / "smith2024clip" / "index.html").read_text("utf-8")
        sidebars.append(_sidebar(page, "navigation"))
    ours, themes = sidebars
    assert ours == themes
    assert ">Explorer<" in ours


def test_paper_page_table_of_contents_lists_its_sections(built: Built) -> None:
    page = built.page("papers/smith2024clip")
    toc = _sidebar(page, "toc")
    assert hrefs(toc) == ["#bibtex", "#related-papers"]
    assert ">BibTeX<" in toc and ">Related papers<" in toc
    article = page.split('<article class="md-content__inner', 1)[1]
    assert '<h2 id="bibtex">' in article and '<h2 id="related-papers">' in article


def test_term_pages_list_every_paper_with_the_term(built: Built) -> None:
    for axis in ("task", "strategy", "modality"):
        for term in built.catalog.taxonomy.axes[axis].terms:
            page = built.page(f"{axis}/{term.id}")
            listed = re.findall(r'<li data-paper-id="([^"]+)"', page)
            expected = sorted(p.id for p in built.catalog.papers if term.id in _terms(p, axis))
            assert sorted(listed) == expected, (axis, term.id)
            assert f"<strong>{len(expected)}</strong> paper" in page
            assert html.escape(term.description, quote=False) in page
    # Cross-listed: a paper with two tasks is on both task pages.
    assert 'data-paper-id="smith2024clip"' in built.page("task/classification")
    assert 'data-paper-id="smith2024clip"' in built.page("task/segmentation")


def _terms(paper: Paper, axis: str) -> list[str]:
    return {"task": paper.tasks, "strategy": paper.strategies, "modality": paper.modalities}[axis]


def test_heat_map_counts_every_paper_under_every_task_and_strategy(built: Built) -> None:
    home = built.page("")
    taxonomy = built.catalog.taxonomy
    for task in taxonomy.term_ids("task"):
        for strategy in taxonomy.term_ids("strategy"):
            count = sum(
                1 for p in built.catalog.papers if task in p.tasks and strategy in p.strategies
            )
            link = f'href="explorer/?task={task}&amp;strategy={strategy}"'
            if count:
                label = f"{count} paper{'s' if count != 1 else ''}: "
                assert re.search(rf'{re.escape(link)} aria-label="{label}', home), (
                    task,
                    strategy,
                )
            else:
                assert link not in home
    # smith2024clip (classification+segmentation, pretraining) counts in both rows.
    assert 'href="explorer/?task=segmentation&amp;strategy=pretraining"' in home


def test_heat_map_is_an_accessible_table(built: Built) -> None:
    home = built.page("")
    table = home.split('<table class="medvlm-heat">', 1)[1].split("</table>", 1)[0]
    assert "<caption>" in table
    scopes = [attrs.get("scope") for tag, attrs in tags_of(table) if tag == "th"]
    tasks = len(built.catalog.taxonomy.term_ids("task"))
    strategies = len(built.catalog.taxonomy.term_ids("strategy"))
    assert scopes.count("col") == strategies + 2  # the task column and the total column
    assert scopes.count("row") == tasks + 1  # one per task, and the totals row
    levels = set(re.findall(r"medvlm-heat--(\d)", table))
    assert {"0", "5"} <= levels  # empty cells and the busiest cell on the colour scale


def test_home_shows_counts_chart_and_latest_additions(built: Built) -> None:
    home = built.page("")
    papers = built.catalog.papers
    assert f"<strong>{len(papers)}</strong> papers" in home
    with_code = sum(1 for p in papers if p.has_code)
    assert f"<strong>{with_code}</strong> with code" in home
    svg = home.split('<svg class="medvlm-chart"', 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg
    assert 'aria-labelledby="papers-per-year-title papers-per-year-desc"' in svg
    assert '<title id="papers-per-year-title">Papers per year</title>' in svg
    assert "Publication year" in svg and ">Papers</text>" in svg
    years = sorted({p.year for p in papers if p.year})
    assert svg.count("<rect") == years[-1] - years[0] + 1
    assert "1 paper without a publication year is not shown" in home
    latest = home.split("Latest additions", 1)[1]
    order = re.findall(r'<li data-paper-id="([^"]+)"', latest)
    dated = sorted((p for p in papers if p.added), key=lambda p: p.id)
    dated.sort(key=lambda p: p.added, reverse=True)  # type: ignore[arg-type, return-value]
    assert order[: len(dated)] == [p.id for p in dated]


# --- escaping -----------------------------------------------------------------------------------


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


def test_markdown_specials_in_titles_stay_literal(built: Built) -> None:
    for record_id in ("lee2022asking", "ticks2023fences"):
        paper = built.catalog.by_id()[record_id]
        article = built.page(f"papers/{record_id}").split('<article class="md-content__inner', 1)[1]
        assert element_text(article, "h1") == paper.title
        listed = built.page(f"task/{paper.tasks[0]}")
        assert html.escape(paper.title, quote=False) in listed


def test_paper_page_shows_bibtex_in_a_code_block_whatever_the_title(built: Built) -> None:
    for paper in built.catalog.papers:
        page = built.page(f"papers/{paper.id}")
        block = re.search(r'<code class="language-bibtex">(.*?)</code>', page, flags=re.S)
        assert block, paper.id
        assert html.unescape(block.group(1)) == paper_bibtex(paper).rstrip("\n"), paper.id
        # The fence closed where it should: the next section is still a heading.
        assert re.search(r'<h2 id="related-papers">', page), paper.id


def test_paper_page_has_links_terms_related_papers_and_edit_link(built: Built) -> None:
    page = built.page("papers/smith2024clip")
    article = page.split('<article class="md-content__inner', 1)[1]
    links = hrefs(article)
    assert "https://arxiv.org/abs/2401.01234" in links
    assert "https://github.com/example/clip-path" in links
    for chip in ("../../task/classification/", "../../task/segmentation/"):
        assert chip in links
    assert "../../strategy/pretraining/" in links and "../../modality/pathology/" in links
    assert f"{REPO_URL}/edit/main/papers/smith2024clip.yaml" in links
    assert "Jane Smith, Wei Zhang" in article
    assert "MICCAI 2024 · Method · Model: <strong>CLIP-Path</strong>" in article
    related = article.split('id="related-papers"', 1)[1]
    listed = re.findall(r'<li data-paper-id="([^"]+)"', related)
    assert listed and "smith2024clip" not in listed and len(listed) <= 5


def test_related_papers_share_terms_or_title_words() -> None:
    def paper(record_id: str, title: str, tasks: list[str], strategies: list[str]) -> Paper:
        data = {"id": record_id, "title": title, "year": 2024, "tasks": tasks}
        return Paper.model_validate({**data, "strategies": strategies})

    papers = [
        paper("a", "Alpha segmentation network", ["segmentation"], ["pretraining"]),
        paper("b", "Beta", ["segmentation"], ["pretraining"]),  # same task and strategy
        paper("c", "Gamma segmentation", ["vqa"], ["fine-tuning"]),  # a title word
        paper("d", "Delta", ["segmentation"], ["fine-tuning"]),  # task only: not related
        paper("e", "Epsilon", ["vqa"], ["pretraining"]),  # strategy only: not related
    ]
    related = related_papers(papers)
    assert [p.id for p in related["a"]] == ["b", "c"]
    assert [p.id for p in related["d"]] == []
    assert all(p.id != key for key, found in related.items() for p in found)


def test_related_papers_are_bounded_and_deterministic() -> None:
    papers = [
        Paper.model_validate(
            {
                "id": f"p{index}",
                "title": f"Shared words model number {index % 7}",
                "year": 2020 + index % 5,
                "tasks": ["segmentation"],
                "strategies": ["pretraining"],
            }
        )
        for index in range(400)
    ]
    first = related_papers(papers)
    again = related_papers(list(reversed(papers)))
    assert first == again
    assert all(len(found) == 5 for found in first.values())


# --- search, data files, other pages ----------------------------------------------------------


def test_search_index_finds_titles_authors_and_model_names(built: Built) -> None:
    index = json.loads((built.site / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(
        f"{doc['title']} {doc['text']}"
        for doc in index["docs"]
        if doc["location"].startswith("papers/smith2024clip/")
    )
    assert "CLIP-Path" in text  # model name
    assert "Jane Smith" in text  # author
    assert "Contrastive Pretraining for Pathology" in text  # title words
    explorer = [doc for doc in index["docs"] if doc["location"].startswith("explorer/")]
    assert explorer == []  # an empty shell until its script runs: kept out of search


def test_search_indexes_a_paper_page_once_without_its_related_papers(built: Built) -> None:
    index = json.loads((built.site / "search" / "search_index.json").read_text("utf-8"))
    entries = [doc for doc in index["docs"] if doc["location"].startswith("papers/smith2024clip/")]
    assert [doc["location"] for doc in entries] == ["papers/smith2024clip/"]
    related = built.page("papers/smith2024clip").split('id="related-papers"', 1)[1]
    for paper_id in re.findall(r'<li data-paper-id="([^"]+)"', related):
        title = built.catalog.by_id()[paper_id].title
        assert title not in entries[0]["text"], paper_id  # a search for it finds its own page
    # Term pages list their papers outside the indexed content too.
    segmentation = [doc for doc in index["docs"] if doc["location"] == "task/segmentation/"]
    assert segmentation and all("Contrastive" not in doc["text"] for doc in segmentation)


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
    scalar = str(site_module.front_matter_string(value))
    assert "\n" not in scalar  # one line of front matter
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        assert yaml.load(f"key: {scalar}\n", Loader=loader) == {"key": str(escape(value))}
    markup = escape(value) + Markup("<br>\n")  # HTML from an autoescaped template: kept
    assert yaml.safe_load(f"key: {site_module.front_matter_string(markup)}") == {"key": markup}


def test_downloads_page_and_data_files(built: Built) -> None:
    page = built.page("downloads")
    for name in ("papers.json", "papers.csv", "papers.bib", "feed.xml"):
        assert f'href="../{name}"' in page
    data = json.loads((built.site / "papers.json").read_text("utf-8"))
    assert sorted(p["id"] for p in data["papers"]) == sorted(p.id for p in built.catalog.papers)
    bib = (built.site / "papers.bib").read_text("utf-8")
    assert all(f"{{{p.id}," in bib for p in built.catalog.papers)
    feed = ET.fromstring((built.site / "feed.xml").read_text("utf-8"))
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    ids = [entry.findtext("atom:id", namespaces=ns) for entry in feed.findall("atom:entry", ns)]
    assert ids[0] == "https://awesome-medvlm.github.io/awesome-medvlm/papers/ticks2023fences/"
    # Every page announces the feed with a link that works from where the page is.
    assert '<link rel="alternate" type="application/atom+xml"' in built.page("papers/lee2022asking")


def test_contributing_page_is_the_contribution_guide(built: Built) -> None:
    page = built.page("contributing")
    guide = (REPO / "CONTRIBUTING.md").read_text("utf-8")
    heading = guide.splitlines()[0].lstrip("# ")
    assert heading in page
    assert f'href="{REPO_URL}/blob/main/taxonomy.yaml"' in page
    assert f'href="{REPO_URL}/blob/main/papers/"' in page


def test_about_page_lists_the_reviews_and_defines_every_term(built: Built) -> None:
    page = built.page("about")
    assert 'data-paper-id="kim2024survey"' in page  # the mini catalog's one survey
    for axis, model in built.catalog.taxonomy.axes.items():
        for term in model.terms:
            assert f'id="{axis}-{term.id}"' in page
            assert html.escape(term.description, quote=False) in page
    assert "medvlm serve" in page  # how to preview the site


def test_explorer_page_has_labelled_controls_and_its_data(built: Built) -> None:
    page = built.page("explorer")
    tags = tags_of(page.split('id="medvlm-explorer"', 1)[1])
    labels = {attrs["for"] for tag, attrs in tags if tag == "label"}
    controls = [attrs for tag, attrs in tags if tag in ("select", "input")]
    names = {attrs["name"] for attrs in controls}
    assert names == {"q", "task", "strategy", "modality", "dataset", "kind", "from", "to", "code"}
    assert all(attrs["id"] in labels for attrs in controls)
    assert 'data-src="../papers.json"' in page
    assert (built.site / "explorer" / "../papers.json").resolve().is_file()
    assert '<th scope="col" data-sort="year" aria-sort="descending"><button type="button">' in page
    assert '<script src="../assets/explorer.js"></script>' in page


def test_site_is_self_contained(built: Built) -> None:
    assert external_references(built.site) == []
    assert 'class="md-source"' in built.page("")  # the repository link stays...
    assert 'data-md-component="source"' not in built.page("")  # ...without api.github.com calls


def test_offline_check_catches_external_assets(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example.org/x.css">'
        '<script src="//cdn.example.org/x.js"></script><img src="http://example.org/i.png">'
        "<style>body{background:url('https://example.org/bg.png')}</style>",
        encoding="utf-8",
    )
    (tmp_path / "site.css").write_text("@font-face{src:url(https://fonts.example/f.woff)}")
    assert len(external_references(tmp_path)) == 5


def test_internal_links_all_resolve(built: Built) -> None:
    assert broken_links(built.site) == []


# --- building safely ----------------------------------------------------------------------------


def test_failed_build_keeps_the_previous_site(site_catalog: Path, run_cli: Run) -> None:
    assert run_cli(site_catalog, "site").code == 0
    index = site_catalog / "site" / "index.html"
    before = index.read_text("utf-8")
    # A hand-written page with a broken link: `mkdocs build --strict` fails on the warning.
    (site_catalog / "docs" / "notes.md").write_text("# Notes\n\nSee [this](missing.md).\n")
    write_record(
        site_catalog,
        "zed2025new.yaml",
        "id: zed2025new\ntitle: A New Paper\nyear: 2025\ntasks: [vqa]\n",
    )
    result = run_cli(site_catalog, "site")
    assert result.code == 1
    assert result.err.splitlines() == [
        ".site-build/mkdocs.yml: mkdocs: WARNING - Doc file 'notes.md' contains a link "
        "'missing.md', but the target is not found among documentation files.",
        ".site-build/mkdocs.yml: mkdocs build failed (exit code 1): "
        "the previous site is left as it was",
    ]
    assert index.read_text("utf-8") == before
    assert not (site_catalog / "site" / "papers" / "zed2025new").exists()


def test_zensical_failures_are_reported_without_colour_codes() -> None:
    output = (
        "Build started\n\x1b[33mWarning:\x1b[0m page does not exist\n"
        "   \x1b[38;5;246m╭─[\x1b[0m notes.md:3:12 \x1b[38;5;246m]\x1b[0m\n"
        "Traceback (most recent call last):\n  File x\n"
        "RuntimeError: Aborted because --strict flag is set\n"
    )
    assert [str(p) for p in build_failure("zensical", "cfg", output, 1)] == [
        "cfg: zensical: Warning: page does not exist (at notes.md:3:12)",
        "cfg: zensical: RuntimeError: Aborted because --strict flag is set",
        "cfg: zensical build failed (exit code 1): the previous site is left as it was",
    ]


def test_a_generated_page_never_replaces_a_hand_written_one(
    site_catalog: Path, run_cli: Run
) -> None:
    (site_catalog / "docs" / "about.md").write_text("# My about page\n")
    result = run_cli(site_catalog, "site")
    assert result.code == 1
    assert result.err.splitlines() == ["docs/about.md: clashes with a generated page: rename it"]
    assert (site_catalog / "docs" / "about.md").read_text() == "# My about page\n"
    assert not (site_catalog / "site").exists()


def test_hand_written_pages_are_published_and_listed(site_catalog: Path, run_cli: Run) -> None:
    (site_catalog / "docs" / "faq.md").write_text("# Frequent questions\n\nAsk away.\n")
    assert run_cli(site_catalog, "site").code == 0
    page = (site_catalog / "site" / "faq" / "index.html").read_text("utf-8")
    assert "Ask away." in page
    assert 'href="faq/"' in (site_catalog / "site" / "index.html").read_text("utf-8")


def test_builds_from_a_relative_catalog_folder(
    site_catalog: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site_catalog.parent)
    result = run_cli(Path(site_catalog.name), "site", "--out", "public")
    assert result.code == 0, result.err
    assert (site_catalog.parent / "public" / "papers" / "smith2024clip" / "index.html").is_file()


def test_refuses_to_replace_a_folder_that_is_not_a_site(
    site_catalog: Path, run_cli: Run, tmp_path: Path
) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.tex").write_text("keep me")
    result = run_cli(site_catalog, "site", "--out", str(precious))
    assert result.code == 1
    assert "is not a built site (no index.html): refusing to replace it" in result.err
    assert [p.name for p in precious.iterdir()] == ["thesis.tex"]


def test_invalid_records_build_nothing(site_catalog: Path, run_cli: Run) -> None:
    write_record(site_catalog, "bad.yaml", "id: bad\ntitle: Bad\ntasks: [cooking]\n")
    result = run_cli(site_catalog, "site")
    assert result.code == 1
    assert "papers/bad.yaml:3: tasks: unknown task 'cooking'" in result.err
    assert "site not built" in result.err
    assert not (site_catalog / "site").exists()


def test_missing_site_configuration_is_a_located_problem(site_catalog: Path, run_cli: Run) -> None:
    (site_catalog / "mkdocs.yml").unlink()
    result = run_cli(site_catalog, "site")
    assert result.code == 1
    assert result.err.strip() == "mkdocs.yml: not found (the site's configuration)"


def test_zensical_builds_the_same_tree(site_catalog: Path, run_cli: Run) -> None:
    site = site_catalog.parent / "zensical-site"
    result = run_cli(site_catalog, "site", "--builder", "zensical", "--out", str(site))
    assert result.code == 0, result.err
    assert "built with zensical" in result.out
    for path in ("", "explorer", "task/segmentation", "papers/smith2024clip"):
        assert (site / path / "index.html").is_file(), path
    assert external_references(site) == []
    assert broken_links(site) == []
    page = (site / "papers" / "eve2024pwned" / "index.html").read_text("utf-8")
    assert "<script>window.__pwned" not in page
    assert element_text(page, "title") == f"{PWNED_TITLE} - Awesome MedVLM"
    assert '<code class="language-bibtex">' in page


# --- previewing ---------------------------------------------------------------------------------


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    server = site_server(folder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_site_server_serves_the_built_site_on_localhost(built: Built) -> None:
    with serving(built.site) as base, urllib.request.urlopen(base + "explorer/") as response:
        assert response.status == 200
        assert 'id="medvlm-explorer"' in response.read().decode("utf-8")


def test_serve_without_a_built_site_explains(site_catalog: Path, run_cli: Run) -> None:
    result = run_cli(site_catalog, "serve", "--no-build")
    assert result.code == 1
    assert "no built site here: run `medvlm site` first" in result.err


_RENDER_DIGEST = """
import hashlib, sys
from pathlib import Path
from medvlm.catalog import load_catalog
from medvlm.render.site import SiteInputs, load_base_config, render_site_files, settings_from_config
root = Path(sys.argv[1])
catalog = load_catalog(root)
settings = settings_from_config(load_base_config(root))
inputs = SiteInputs(settings, (root / "CONTRIBUTING.md").read_text(encoding="utf-8"))
files = render_site_files(catalog, root / "templates", inputs)
digest = hashlib.sha256()
for name in sorted(files):
    digest.update(name.encode() + b"\\0" + files[name].encode() + b"\\0")
print(digest.hexdigest())
"""


def test_generated_site_files_do_not_depend_on_the_hash_seed() -> None:
    """Sets iterate in an order that changes with PYTHONHASHSEED between runs of the tool;
    two builds in one process cannot show it, so render in fresh interpreters."""
    import os
    import subprocess
    import sys

    digests = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        output = subprocess.run(
            [sys.executable, "-c", _RENDER_DIGEST, str(REPO)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        digests.add(output.stdout.strip())
    assert len(digests) == 1
