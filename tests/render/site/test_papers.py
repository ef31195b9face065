"""Paper pages: facts, links, terms, BibTeX, related papers, search, the page template."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from medvlm.render.exports import paper_bibtex
from medvlm.render.site.build import Builder, run_builder
from medvlm.render.site.papers import evidence_label
from tests.render.site.support import REPO_URL, Built, element_text, hrefs


def _sidebar(page: str, kind: str) -> str:
    """A sidebar's markup (`navigation` or `toc`), whitespace around and inside tags dropped."""
    start = page.index(f'data-md-type="{kind}"')
    end = page.index("</nav>", start)
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", re.sub(r"\s+>", ">", page[start:end]))


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_paper_page_sidebar_is_the_themes_navigation(
    built: Built, tmp_path: Path, builder: Builder
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
        site = run_builder(builder, build / "mkdocs.yml")
        page = (site / "papers" / "smith2024clip" / "index.html").read_text("utf-8")
        sidebars.append(_sidebar(page, "navigation"))
    ours, themes = sidebars
    assert ours == themes
    assert ">Explorer<" in ours


def test_paper_page_table_of_contents_lists_its_sections(built: Built) -> None:
    page = built.page("papers/smith2024clip")
    toc = _sidebar(page, "toc")
    assert hrefs(toc) == ["#bibtex", "#sources-checked", "#related-papers"]
    assert ">BibTeX<" in toc and ">Sources checked<" in toc and ">Related papers<" in toc
    article = page.split('<article class="md-content__inner', 1)[1]
    for section in ("bibtex", "sources-checked", "related-papers"):
        assert f'<h2 id="{section}">' in article


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


def test_evidence_labels_drop_the_scheme_www_and_trailing_slash() -> None:
    assert evidence_label("https://arxiv.org/abs/2403.04290") == "arxiv.org/abs/2403.04290"
    assert evidence_label("https://www.nature.com/articles/x/") == "nature.com/articles/x"
    assert evidence_label("http://openreview.net/forum?id=a#b") == "openreview.net/forum?id=a#b"


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
    correct = f"{REPO_URL}/issues/new?template=correct-record.yml&title=Correct+record%3A+"
    assert f"{correct}smith2024clip&record=smith2024clip" in links
    assert "Jane Smith, Wei Zhang" in article
    assert "MICCAI 2024 · Method · Model: <strong>CLIP-Path</strong>" in article
    related = article.split('id="related-papers"', 1)[1]
    listed = re.findall(r'<li data-paper-id="([^"]+)"', related)
    assert listed and "smith2024clip" not in listed and len(listed) <= 5


def test_paper_page_shows_everything_the_record_knows(built: Built) -> None:
    paper = built.catalog.by_id()["rich2024every"]
    page = built.page("papers/rich2024every")
    article = page.split('<article class="md-content__inner', 1)[1]
    assert element_text(article, "p") == "Ada Rich, Ben Full, Cy Depth, Dee Evidence, Eve Fifth"
    facts = article.split('class="medvlm-facts">', 1)[1].split("</p>", 1)[0]
    assert facts == "Medical Image Analysis 2024 · Method · Model: <strong>EveryNet</strong>"
    summary = article.split('class="medvlm-summary">', 1)[1].split("</p>", 1)[0]
    assert html.unescape(summary) == paper.summary
    links = hrefs(article)
    # Terms of every axis, datasets included, link to their pages.
    for chip in (
        "../../task/vqa/",
        "../../task/classification/",
        "../../strategy/prompt-learning/",
        "../../modality/xray/",
        "../../dataset/mimic-cxr/",
        "../../dataset/vqa-rad/",
    ):
        assert chip in links, chip
    terms = article.split('<dl class="medvlm-terms">', 1)[1].split("</dl>", 1)[0]
    assert re.findall(r"<dt>([^<]+)</dt>", terms) == [
        "Tasks",
        "Strategies",
        "Modalities",
        "Datasets",
    ]
    assert "https://doi.org/10.1016/j.media.2024.100001" in links  # the paper
    assert "https://github.com/example/everynet" in links  # the code
    assert "https://arxiv.org/abs/2403.00003" in links
    bibtex = html.unescape(element_text(article, "code"))
    assert bibtex.startswith("@article{rich2024every,\n")
    assert "  author = {Ada Rich and Ben Full and Cy Depth and Dee Evidence and Eve Fifth}," in (
        bibtex
    )
    assert "  journal = {Medical Image Analysis},\n" in bibtex
    assert "  eprint = {2403.00003},\n  archivePrefix = {arXiv},\n" in bibtex
    assert "  doi = {10.1016/j.media.2024.100001},\n" in bibtex
    # Sources checked: the evidence, primary source first.
    sources = article.split('id="sources-checked"', 1)[1].split("<h2", 1)[0]
    assert '<ol class="medvlm-evidence">' in sources
    assert hrefs(sources) == ["#sources-checked", *paper.evidence]
    assert ">arxiv.org/abs/2403.00003<" in sources
    assert ">sciencedirect.com/science/article/pii/S1361841524000001<" in sources


def test_a_record_without_evidence_asks_for_its_sources(built: Built) -> None:
    article = built.page("papers/smith2024clip").split('<article class="md-content__inner', 1)[1]
    sources = article.split('id="sources-checked"', 1)[1].split("<h2", 1)[0]
    assert "No source is recorded for this record" in sources
    [_, form] = hrefs(sources)
    assert form.startswith(f"{REPO_URL}/issues/new?template=correct-record.yml&")


def test_search_index_finds_titles_authors_models_and_summaries(built: Built) -> None:
    index = json.loads((built.site / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(
        f"{doc['title']} {doc['text']}"
        for doc in index["docs"]
        if doc["location"].startswith("papers/smith2024clip/")
    )
    assert "CLIP-Path" in text  # model name
    assert "Jane Smith" in text  # author
    assert "Contrastive Pretraining for Pathology" in text  # title words
    rich = " ".join(
        doc["text"] for doc in index["docs"] if doc["location"] == "papers/rich2024every/"
    )
    assert "grounding each answer in an image region" in rich  # the summary
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
