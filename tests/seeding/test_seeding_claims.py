"""Paper links given by the rows of several works (medvlm.seeding.claims)."""

from __future__ import annotations

from medvlm.models import Taxonomy
from tests.seeding.seedfixtures import (
    SECOND,
    by_title,
    seed,
)


def test_links_copied_from_another_row_are_dropped(taxonomy: Taxonomy) -> None:
    result = seed(taxonomy, "seed-second.md", source=SECOND)
    papers = [record.paper for record in result.records]
    medsyn = by_title(papers, "Medsyn")
    assert medsyn.links.paper == "https://ieeexplore.ieee.org/document/10566053"
    assert medsyn.links.code == "https://github.com/batmanlab/MedSyn"
    copy = by_title(papers, "Diffusion-based data augmentation")
    assert copy.links.paper is None and copy.links.code is None
    fixed = [note.message for note in result.report.fixes if note.line == 8]
    assert len(fixed) == 2
