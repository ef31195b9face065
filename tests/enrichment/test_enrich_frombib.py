"""BibTeX entries merged into the records they match: arXiv id, DOI, then title; fill-only,
but the published venue wins over a preprint's; the entry's page as evidence."""

from __future__ import annotations

import pytest

from medvlm.catalog import Catalog, load_catalog
from medvlm.enrichment.frombib import BibMerge, merge_bibtex
from medvlm.importers.bibtex import BibImportError
from tests.helpers import DATA

FROMBIB = DATA / "frombib"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DATA / "mini")


def merge(catalog: Catalog, name: str) -> BibMerge:
    text = (FROMBIB / name).read_text(encoding="utf-8")
    return merge_bibtex(text, catalog.papers, catalog.taxonomy)


def test_each_entry_finds_its_record_by_arxiv_id_doi_or_title(catalog: Catalog) -> None:
    result = merge(catalog, "official.bib")
    assert [(e.key, e.line, e.record, e.same) for e in result.entries] == [
        ("kim2024survey", 3, "kim2024survey", "arXiv id"),
        ("lee2022asking", 14, "lee2022asking", "arXiv id"),
        ("doe2023prompt", 22, "doe2023prompt", "DOI"),
        ("clippath", 31, "smith2024clip", "title"),
        ("elsewhere2020", 38, None, None),
        ("miccai2024", 45, None, None),
    ]
    assert result.entries[-1].skipped == "@proceedings is a volume, not a paper"
    assert [paper.id for paper in result.changed] == ["kim2024survey", "lee2022asking"]


def test_the_published_version_replaces_a_preprint_venue_and_fills_the_rest(
    catalog: Catalog,
) -> None:
    result = merge(catalog, "official.bib")
    kim = result.papers["kim2024survey"]
    assert (kim.venue, kim.year) == ("MICCAI", 2025)
    assert kim.authors == ["Min Kim"]  # what the record has is kept
    assert (kim.ids.arxiv, kim.ids.doi) == ("2405.00002", "10.1007/978-3-031-00000-0_1")
    assert kim.links.code == "https://github.com/mkim/vlm-survey"
    assert kim.evidence == ["https://doi.org/10.1007/978-3-031-00000-0_1"]
    outcome = result.entries[0].result
    assert outcome is not None
    assert outcome.filled == ("year", "venue", "ids.doi", "links.code")
    assert outcome.notes == (
        "venue arXiv 2024 replaced by MICCAI 2025: the published version wins over the preprint",
    )
    assert kim.title == "A Survey of Medical Vision-Language Models"
    assert (kim.kind, kim.tasks) == ("survey", ["classification", "vqa"])


def test_arxivs_own_doi_names_the_preprint_and_an_empty_venue_is_filled(
    catalog: Catalog,
) -> None:
    lee = merge(catalog, "official.bib").papers["lee2022asking"]
    assert (lee.ids.arxiv, lee.ids.doi) == ("2201.00001", None)
    assert lee.authors == ["Hana Lee", "Omar Farouk"]
    assert (lee.venue, lee.year) == ("Findings of EMNLP", 2022)
    assert lee.title.startswith("Asking | Answering")  # titles are never touched
    assert lee.evidence == ["https://arxiv.org/abs/2201.00001"]


def test_matched_entries_that_add_nothing_change_nothing(catalog: Catalog) -> None:
    result = merge(catalog, "official.bib")
    original = {paper.id: paper for paper in catalog.papers}
    for record_id in ("doe2023prompt", "smith2024clip"):
        assert result.papers[record_id] == original[record_id]
    clippath = result.entries[3].result
    assert clippath is not None and not clippath.changed


def test_a_file_with_an_unreadable_entry_is_refused_whole(catalog: Catalog) -> None:
    result = merge(catalog, "broken.bib")
    assert [(s.key, s.line) for s in result.unreadable] == [
        ("unbalanced2023", 9),
        ("doe2023prompt", 15),
    ]
    assert result.unreadable[0].reason.startswith("not valid BibTeX (unbalanced braces")
    assert result.unreadable[1].reason == "key already used on line 1"
    assert result.entries == [] and result.changed == []


def test_text_without_entries_is_an_error(catalog: Catalog) -> None:
    with pytest.raises(BibImportError, match="no BibTeX entries found"):
        merge_bibtex("just notes\n", catalog.papers, catalog.taxonomy)
