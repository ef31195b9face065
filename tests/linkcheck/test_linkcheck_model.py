"""What a link check works on: the stored links of the records."""

from __future__ import annotations

from medvlm.linkcheck.model import Link, collect_links
from medvlm.models import Paper


def test_collect_links_takes_every_stored_link_in_record_then_field_order() -> None:
    papers = [
        Paper(
            id="zed2024b",
            title="B",
            tasks=["other"],
            links={"paper": "https://b.org/p", "code": "https://github.com/b/b"},
        ),
        Paper(id="abe2023a", title="A", tasks=["other"], links={"project": "https://a.org"}),
        Paper(id="nolinks2022", title="C", tasks=["other"], ids={"arxiv": "2201.00001"}),
    ]
    assert collect_links(papers) == [
        Link("abe2023a", "links.project", "https://a.org"),
        Link("zed2024b", "links.code", "https://github.com/b/b"),
        Link("zed2024b", "links.paper", "https://b.org/p"),
    ]
