"""The Help wanted page: per field, the records missing it, each with its correction form."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

from medvlm.completeness import completeness
from tests.render.site.support import REPO_URL, Built, hrefs, tags_of


def section(page: str, anchor: str) -> str:
    return page.split(f'<h2 id="{anchor}">', 1)[1].split("<h2", 1)[0]


def test_figures_match_the_completeness_report(built: Built) -> None:
    page = built.page("help-wanted")
    report = completeness(built.catalog.papers)
    table = page.split('<table class="medvlm-completeness">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, flags=re.S)
    assert len(rows) == len(report.fields) == 8
    for row, field in zip(rows, report.fields, strict=True):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.split(r"</t[hd]><td>", row)]
        assert cells[0] == field.measure.label
        assert cells[2:5] == [
            str(field.filled),
            field.percent,
            f"{field.measure.target}%",
        ]
        assert cells[5].removesuffix("</td>") == str(len(field.missing))
    # The mini catalog plus the site records: 8 records, 6 with authors.
    assert "<td>All records: 8</td><td>6</td><td>75.0%</td><td>95%</td>" in table


def test_each_field_lists_the_records_missing_it_with_a_correction_link(built: Built) -> None:
    page = built.page("help-wanted")
    for field in completeness(built.catalog.papers).fields:
        anchor = f"missing-{field.measure.field}"
        listed = section(page, anchor)
        ids = re.findall(r'<li data-paper-id="([^"]+)"', listed)
        assert ids == [paper.id for paper in field.missing], anchor
        for paper in field.missing:
            entry = listed.split(f'<li data-paper-id="{paper.id}">', 1)[1].split("</li>", 1)[0]
            page_link, form = hrefs(entry)
            assert page_link == f"../papers/{paper.id}/"
            assert (built.site / "papers" / paper.id / "index.html").is_file()
            parts = urlsplit(form)
            assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO_URL}/issues/new"
            query = parse_qs(parts.query)
            assert query["template"] == ["correct-record.yml"]
            assert query["record"] == [paper.id]
            assert query["problem"] == [f"Missing {field.measure.wanted}."]
    summaries = section(page, "missing-summary")
    assert "Each of these records needs a summary of one or two sentences" in summaries
    assert 'data-paper-id="rich2024every"' not in summaries  # it has one
    # The table links to each list.
    assert 'href="#missing-summary"' in page


def test_records_still_saying_arxiv_are_listed_to_check(built: Built) -> None:
    arxiv = section(built.page("help-wanted"), "venue-arxiv")
    assert re.findall(r'<li data-paper-id="([^"]+)"', arxiv) == ["kim2024survey"]
    assert "peer-reviewed" in arxiv


def test_record_text_stays_text_and_search_skips_the_lists(built: Built) -> None:
    page = built.page("help-wanted")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    lists = [
        attrs
        for tag, attrs in tags_of(page)
        if tag == "ul" and "medvlm-wanted" in attrs.get("class", "")
    ]
    assert lists and all("data-search-exclude" in attrs for attrs in lists)
    assert 'href="../help-wanted/"' in built.page("about")  # in the navigation of every page
