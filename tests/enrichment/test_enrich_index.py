"""The identity keys of a catalog's records."""

from __future__ import annotations

from medvlm.enrichment.index import CatalogIndex
from medvlm.models import Taxonomy
from tests.enrichment.factory import paper


def test_the_index_finds_a_paper_by_arxiv_id_doi_or_title(taxonomy: Taxonomy) -> None:
    existing = paper(
        taxonomy,
        id="smith2024clip",
        title="CLIP-Path: Contrastive Pretraining",
        ids={"arxiv": "2401.01234", "doi": "10.1000/clip"},
    )
    index = CatalogIndex([existing])
    same_title = paper(taxonomy, title="clip path  contrastive PRETRAINING")
    assert index.duplicate_message(same_title) == (
        "already in the catalog as papers/smith2024clip.yaml (same title)"
    )
    assert index.owner(doi="10.1000/clip") == ("smith2024clip", "DOI")
    assert index.owner(arxiv="2401.01234", besides="smith2024clip") is None
    assert index.duplicate_message(paper(taxonomy, title="Other")) is None
    index.add(paper(taxonomy, id="new2024", title="Other"), new=True)
    assert index.duplicate_message(paper(taxonomy, title="Other")) == (
        "added above as papers/new2024.yaml (same title)"
    )
    assert index.taken == {"smith2024clip", "new2024"}
