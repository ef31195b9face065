"""The explorer page's markup (its behaviour is tested in a browser: tests/browser)."""

from __future__ import annotations

from tests.render.site.support import Built, tags_of


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
