"""The Downloads page and the data files and feed it links to."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from tests.render.site.support import Built


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
