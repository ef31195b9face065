"""The built site in a real browser (Debian's Chromium): explorer, search, paper pages, safety."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs

import pytest

from medvlm.catalog import terms_of
from medvlm.models import Paper
from tests.browser.support import SiteUnderTest, Tab

pytestmark = pytest.mark.browser

PAGE_SIZE = 100  # rows the explorer shows before "Show more"
PWNED_TITLE = (
    'Pwned <img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script> & Friends'
)


def shown_ids(page: object) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined, no-any-return]
        "#medvlm-explorer tbody tr", "rows => rows.map(row => row.dataset.paperId)"
    )


def match_count(page: object) -> int:
    return int(page.get_attribute("#medvlm-count", "data-count"))  # type: ignore[attr-defined]


def reading_order_ids(papers: list[Paper]) -> list[str]:
    ordered = sorted(papers, key=lambda p: (-(p.year or 0), p.title.casefold(), p.id))
    return [paper.id for paper in ordered]


def test_filtering_by_each_axis_shows_the_catalogs_count(
    tab: Tab, served_site: SiteUnderTest
) -> None:
    catalog = served_site.catalog
    page = tab.explorer()
    for axis in ("task", "strategy", "modality", "dataset", "kind"):
        for term in catalog.taxonomy.term_ids(axis):
            page.select_option(f"#medvlm-{axis}", term)
            expected = [p for p in catalog.papers if term in terms_of(p, axis)]
            assert match_count(page) == catalog.count(axis, term) == len(expected), (axis, term)
            assert shown_ids(page) == reading_order_ids(expected)[:PAGE_SIZE], (axis, term)
        page.select_option(f"#medvlm-{axis}", "")
    assert match_count(page) == len(catalog.papers)


def test_year_range_code_and_text_filters(tab: Tab, served_site: SiteUnderTest) -> None:
    papers = served_site.catalog.papers
    page = tab.explorer()
    page.select_option("#medvlm-from", "2020")
    page.select_option("#medvlm-to", "2022")
    in_range = [p for p in papers if p.year and 2020 <= p.year <= 2022]
    assert match_count(page) == len(in_range)
    page.check("#medvlm-code")
    with_code = [p for p in in_range if p.has_code]
    assert match_count(page) == len(with_code)
    assert set(shown_ids(page)) == {p.id for p in with_code}
    page.click("#medvlm-explorer button[type=reset]")
    assert match_count(page) == len(papers)
    # Title, authors, model name and summary, case-insensitively.
    searches: list[tuple[str, Callable[[Paper], bool]]] = [
        ("clip-path", lambda p: p.model == "CLIP-Path"),
        ("JANE SMITH", lambda p: "Jane Smith" in p.authors),
        ("shared coauthor", lambda p: "Shared Coauthor" in p.authors),
        ("eve fifth", lambda p: "Eve Fifth" in p.authors),  # a fifth author, not shown
        ("SPARSITY PRIOR", lambda p: "sparsity prior" in (p.summary or "")),
        ("grounding each answer", lambda p: p.id == "rich2024every"),
        ("GenNet-7", lambda p: (p.model or "").startswith("GenNet-7")),
        ("contrastive", lambda p: "contrastive" in p.title.casefold()),
    ]
    for query, matches in searches:
        page.fill("#medvlm-q", query)
        expected = [p for p in papers if matches(p)]
        assert match_count(page) == len(expected), query
        assert shown_ids(page) == reading_order_ids(expected)[:PAGE_SIZE], query


def test_filters_round_trip_through_the_url(tab: Tab) -> None:
    page = tab.explorer()
    page.select_option("#medvlm-task", "segmentation")
    page.select_option("#medvlm-modality", "ct")
    page.select_option("#medvlm-from", "2019")
    page.check("#medvlm-code")
    page.fill("#medvlm-q", "study")
    page.click("th[data-sort=title] button")
    page.wait_for_function("location.search.includes('q=study')")
    query = parse_qs(page.evaluate("location.search").lstrip("?"))
    assert query == {
        "q": ["study"],
        "task": ["segmentation"],
        "modality": ["ct"],
        "from": ["2019"],
        "code": ["1"],
        "sort": ["title"],
    }
    before = shown_ids(page)
    assert before
    page.reload()
    page.wait_for_selector("#medvlm-explorer[data-state=ready]")
    assert page.input_value("#medvlm-task") == "segmentation"
    assert page.input_value("#medvlm-modality") == "ct"
    assert page.input_value("#medvlm-from") == "2019"
    assert page.input_value("#medvlm-q") == "study"
    assert page.is_checked("#medvlm-code")
    assert page.get_attribute("th[data-sort=title]", "aria-sort") == "ascending"
    assert shown_ids(page) == before
    # Clearing the filters clears the address too.
    page.click("#medvlm-explorer button[type=reset]")
    page.wait_for_function("location.search === ''")


def test_dataset_filter_with_a_search_and_through_the_url(
    tab: Tab, served_site: SiteUnderTest
) -> None:
    papers = served_site.catalog.papers
    page = tab.explorer()
    page.select_option("#medvlm-dataset", "vqa-rad")
    with_vqa_rad = [p for p in papers if "vqa-rad" in p.datasets]
    assert len(with_vqa_rad) > 1
    assert match_count(page) == len(with_vqa_rad)
    page.fill("#medvlm-q", "sparsity")
    both = [p for p in with_vqa_rad if "sparsity" in (p.summary or "")]
    assert 0 < len(both) < len(with_vqa_rad)
    assert shown_ids(page) == reading_order_ids(both)
    page.wait_for_function("location.search.includes('dataset=vqa-rad')")
    # A term page's "Filter them in the explorer" link opens the same filter.
    page = tab.open("dataset/mimic-cxr/")
    page.click("text=Filter them in the explorer")
    page.wait_for_selector("#medvlm-explorer[data-state=ready]")
    assert page.input_value("#medvlm-dataset") == "mimic-cxr"
    assert match_count(page) == sum(1 for p in papers if "mimic-cxr" in p.datasets)


def test_heat_map_cells_open_the_explorer_with_their_count(
    tab: Tab, served_site: SiteUnderTest
) -> None:
    page = tab.open("")
    cell = page.locator("table.medvlm-heat td a").first
    count = int(cell.inner_text())
    cell.click()
    page.wait_for_selector("#medvlm-explorer[data-state=ready]")
    query = parse_qs(page.evaluate("location.search").lstrip("?"))
    task, strategy = query["task"][0], query["strategy"][0]
    assert page.input_value("#medvlm-task") == task
    assert page.input_value("#medvlm-strategy") == strategy
    expected = [
        p for p in served_site.catalog.papers if task in p.tasks and strategy in p.strategies
    ]
    assert match_count(page) == count == len(expected)


def test_sorting_by_keyboard_with_aria_sort(tab: Tab, served_site: SiteUnderTest) -> None:
    page = tab.explorer("task=vqa")
    header = page.locator("th[data-sort=title]")
    assert header.get_attribute("aria-sort") is None
    assert page.get_attribute("th[data-sort=year]", "aria-sort") == "descending"
    page.focus("th[data-sort=title] button")
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    assert page.get_attribute("th[data-sort=year]", "aria-sort") is None
    vqa = [p for p in served_site.catalog.papers if "vqa" in p.tasks]
    by_title = sorted(vqa, key=lambda p: (p.title.lower(), reading_order_ids(vqa).index(p.id)))
    assert shown_ids(page) == [p.id for p in by_title]
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    assert shown_ids(page)[0] == by_title[-1].id


def test_show_more_reveals_the_next_rows(tab: Tab, served_site: SiteUnderTest) -> None:
    total = len(served_site.catalog.papers)
    assert total > PAGE_SIZE
    page = tab.explorer()
    assert len(shown_ids(page)) == PAGE_SIZE
    assert f"(showing the first {PAGE_SIZE})" in page.inner_text("#medvlm-count")
    page.click("#medvlm-more")
    assert len(shown_ids(page)) == total
    assert page.is_hidden("#medvlm-more")


def test_explorer_controls_are_labelled(tab: Tab) -> None:
    page = tab.explorer()
    for label in (
        "Title, author, model or summary",
        "Task",
        "Strategy",
        "Imaging modality",
        "Dataset",
        "Kind of work",
        "From year",
        "To year",
        "With code only",
    ):
        assert page.get_by_label(label, exact=True).count() == 1, label
    assert page.get_by_role("button", name="Clear filters").count() == 1
    assert page.get_by_role("button", name="Title").count() == 1


def test_material_search_finds_a_paper_by_model_name(tab: Tab) -> None:
    page = tab.open("")
    page.click("input.md-search__input")
    page.keyboard.type("CLIP-Path")  # Material searches on key presses
    result = page.locator(".md-search-result__list a[href*='papers/smith2024clip/']").first
    result.wait_for(timeout=10_000)
    result.click()
    page.wait_for_url("**/papers/smith2024clip/**")


def test_paper_page_shows_its_bibtex_with_a_copy_button(tab: Tab) -> None:
    page = tab.open("papers/smith2024clip/")
    bibtex = page.inner_text("code.language-bibtex")
    assert bibtex.startswith("@inproceedings{smith2024clip,")
    assert "title = {{CLIP-Path: Contrastive Pretraining for Pathology}}" in bibtex
    assert page.locator("button.md-code__button[data-md-type=copy]").count() == 1


def test_paper_page_skip_link_is_the_first_stop_of_the_keyboard(tab: Tab) -> None:
    page = tab.open("papers/smith2024clip/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.classList.contains('md-skip'), document.activeElement.hash]"
    )
    assert focused == [True, "#bibtex"]
    assert page.locator("#bibtex").count() == 1


PAGES = [
    "",
    "explorer/",
    "explorer/?task=vqa&code=1",
    "task/",
    "task/segmentation/",
    "strategy/pretraining/",
    "modality/ct/",
    "dataset/mimic-cxr/",
    "papers/smith2024clip/",
    "papers/rich2024every/",
    "papers/nobody-undated/",
    "downloads/",
    "help-wanted/",
    "about/",
    "contributing/",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_cleanly_from_this_host_only(tab: Tab, path: str) -> None:
    page = tab.open(path)
    if path.startswith("explorer/"):
        page.wait_for_selector("#medvlm-explorer[data-state=ready]")
    assert tab.errors == []
    assert tab.foreign_requests() == []
    assert any(url.endswith("/assets/site.css") for url in tab.requests)


def test_markup_in_a_record_is_text_and_runs_nothing(tab: Tab) -> None:
    page = tab.open("papers/eve2024pwned/")
    assert page.inner_text("article h1") == PWNED_TITLE
    assert page.title() == f"{PWNED_TITLE} - Awesome MedVLM"
    page = tab.explorer("q=pwned")
    assert page.inner_text("#medvlm-explorer tbody tr a") == PWNED_TITLE
    assert "<svg onload=window.__pwned=1>" in page.inner_text("#medvlm-explorer tbody tr")
    for path in ("", "task/segmentation/", "about/"):
        tab.open(path)
    page = tab.open("")
    page.click("input.md-search__input")
    page.keyboard.type("Pwned")
    page.locator(".md-search-result__list a[href*='eve2024pwned']").first.wait_for()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert tab.dialogs == []
    assert not [url for url in tab.requests if re.search(r"/x$", url)]
    assert tab.errors == []
