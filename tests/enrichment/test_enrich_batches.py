"""Which records `enrich` looks up (the fetching itself is tested in tests/cli/test_enrich.py)."""

from __future__ import annotations

from medvlm.enrichment.batches import plan_enrichment
from medvlm.models import Taxonomy
from tests.enrichment.factory import paper


def test_the_plan_skips_what_cannot_be_looked_up_or_needs_nothing(taxonomy: Taxonomy) -> None:
    bare = paper(taxonomy, id="bare")
    preprint = paper(taxonomy, id="pre", ids={"arxiv": "2401.00001"})
    complete = paper(
        taxonomy,
        id="full",
        authors=["A"],
        year=2024,
        venue="V",
        ids={"arxiv": "2401.00002", "doi": "10.1000/full"},
        links={"code": "https://github.com/a/full"},
    )
    plan = plan_enrichment([bare, preprint, complete], only_missing=True)
    assert ([p.id for p in plan.todo], [p.id for p in plan.complete]) == (["pre"], ["full"])
    assert [p.id for p in plan.unidentified] == ["bare"]
    everything = plan_enrichment([bare, preprint, complete], only_missing=False)
    assert [p.id for p in everything.todo] == ["pre", "full"]
