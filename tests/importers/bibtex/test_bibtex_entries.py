"""BibTeX import: one fixture per exporter (Zotero, JabRef, DBLP, Google Scholar, ADS) with
its quirks, malformed input, and duplicates of records already in the catalog."""

from __future__ import annotations

import random
from datetime import date

import pytest
import yaml

from medvlm.catalog import Catalog
from medvlm.importers.bibtex.entries import (
    BibImportResult,
    Duplicate,
    DuplicateKey,
    Skipped,
    import_bibtex,
)
from medvlm.importers.bibtex.parse import BibImportError
from medvlm.models import Paper, Taxonomy
from tests.helpers import DATA

BIB = DATA / "bib"
TODAY = date(2026, 11, 22)


def run(name: str, catalog: Catalog, existing: list[Paper] | None = None) -> BibImportResult:
    text = (BIB / name).read_text(encoding="utf-8")
    known = catalog.papers if existing is None else existing
    return import_bibtex(text, catalog.taxonomy, known, TODAY)


def by_key(result: BibImportResult) -> dict[str, Paper]:
    return {record.key: record.paper for record in result.records}


def assert_valid(result: BibImportResult, taxonomy: Taxonomy) -> None:
    """Every record is a complete, valid, unreviewed record added today."""
    for paper in result.papers:
        again = Paper.model_validate(paper.to_data(), context={"taxonomy": taxonomy})
        assert again == paper
        assert paper.reviewed is False
        assert paper.added == TODAY


# --- one fixture per exporter ---------------------------------------------------------------


def test_zotero_export(catalog: Catalog) -> None:
    result = run("zotero.bib", catalog)
    assert (result.skipped, result.duplicates, result.duplicate_keys) == ([], [], [])
    papers = by_key(result)
    clip = papers["zhang_biomedclip_2023"]
    assert clip.id == "zhang2023biomedclip"
    assert clip.title.startswith("BiomedCLIP: a multimodal biomedical foundation model")
    assert clip.model == "BiomedCLIP"
    assert len(clip.authors) == 21
    assert clip.authors[:2] == ["Sheng Zhang", "Yanbo Xu"]
    assert clip.authors[17] == "Matthew P. Lungren"
    # arXiv's DataCite DOI and the arxiv.org URL name the preprint: an arXiv id, not a DOI.
    assert (clip.ids.arxiv, clip.ids.doi) == ("2303.00915", None)
    assert clip.links.paper is None
    assert (clip.venue, clip.year) == ("arXiv", 2023)
    # The title names no task; the abstract does.
    assert clip.tasks == ["classification", "vqa"]
    assert clip.strategies == ["pretraining"]
    sam = papers["ma_segment_2024"]
    assert sam.ids.doi == "10.1038/s41467-024-44824-z"
    assert sam.links.paper == "https://www.nature.com/articles/s41467-024-44824-z"
    assert (sam.venue, sam.year) == ("Nature Communications", 2024)
    assert sam.tasks == ["segmentation"]
    assert sam.modalities == ["xray", "ct"]
    assert_valid(result, catalog.taxonomy)


def test_jabref_export(catalog: Catalog) -> None:
    result = run("jabref.bib", catalog)
    assert (result.skipped, result.duplicates, result.duplicate_keys) == ([], [], [])
    papers = by_key(result)
    assert list(papers) == ["Tiu2022", "Li2023"]  # @Comment{jabref-meta ...} blocks are ignored
    tiu = papers["Tiu2022"]
    assert tiu.title == (
        "Expert-level detection of pathologies from unannotated chest X-ray images "
        "via self-supervised learning"
    )
    assert tiu.ids.doi == "10.1038/s41551-022-00936-9"  # written with its resolver prefix
    assert tiu.venue == "Nature Biomedical Engineering"
    assert tiu.authors[3] == "Curtis P. Langlotz"
    assert tiu.modalities == ["xray"]
    assert tiu.tasks == ["other"]
    # Capitalised field names, an @String macro concatenated with `#`, an eprint without prefix.
    llava = papers["Li2023"]
    assert llava.title.startswith("LLaVA-Med: Training a Large Language-and-Vision Assistant")
    assert llava.authors[0] == "Chunyuan Li"
    assert (llava.venue, llava.year) == ("NeurIPS", 2023)
    assert llava.ids.arxiv == "2306.00890"
    assert llava.model == "LLaVA-Med"
    assert_valid(result, catalog.taxonomy)


def test_dblp_export(catalog: Catalog) -> None:
    result = run("dblp.bib", catalog)
    papers = by_key(result)
    assert list(papers) == [
        "DBLP:conf/cvpr/TanidaMKR23",
        "DBLP:conf/miccai/LinZZWXW23",
        "DBLP:journals/corr/abs-2401-12208",
    ]
    # The proceedings volume is no paper: reported, not imported.
    assert result.skipped == [
        Skipped("DBLP:conf/cvpr/2023", 14, "@proceedings is a volume, not a paper")
    ]
    tanida = papers["DBLP:conf/cvpr/TanidaMKR23"]
    assert tanida.authors == ["Tim Tanida", "Philip Müller", "Georgios Kaissis", "Daniel Rueckert"]
    # Venue and year come through `crossref`; the volume's own DOI is not inherited.
    assert (tanida.venue, tanida.year) == ("CVPR", 2023)
    assert tanida.ids.doi == "10.1109/cvpr52729.2023.00718"
    assert tanida.id == "tanida2023interactive"
    pmc = papers["DBLP:conf/miccai/LinZZWXW23"]
    assert pmc.title == (
        "PMC-CLIP: Contrastive Language-Image Pre-training Using Biomedical Documents"
    )
    assert pmc.venue == "MICCAI"
    assert pmc.model == "PMC-CLIP"
    corr = papers["DBLP:journals/corr/abs-2401-12208"]
    assert (corr.venue, corr.ids.arxiv, corr.ids.doi) == ("arXiv", "2401.12208", None)
    assert corr.authors[2] == "Jean-Benoit Delbrouck"
    assert_valid(result, catalog.taxonomy)


def test_google_scholar_export(catalog: Catalog) -> None:
    result = run("scholar.bib", catalog)
    assert (result.skipped, result.duplicates) == ([], [])
    papers = by_key(result)
    clip = papers["zhang2023biomedclip"]
    assert len(clip.authors) == 10  # "and others" is not an author
    assert clip.authors[-1] == "Naveen Valluri"
    assert (clip.venue, clip.ids.arxiv, clip.year) == ("arXiv", "2303.00915", 2023)
    assert papers["wang2022medclip"].venue == "EMNLP"
    assert papers["wang2022medclip"].strategies == ["pretraining"]
    gloria = papers["huang2021gloria"]
    assert (gloria.venue, gloria.year) == ("ICCV", 2021)
    assert gloria.authors == ["Shih-Cheng Huang", "Liyue Shen", "Matthew P Lungren", "Serena Yeung"]
    assert_valid(result, catalog.taxonomy)


def test_ads_export(catalog: Catalog) -> None:
    result = run("ads.bib", catalog)
    assert (result.skipped, result.duplicates) == ([], [])
    papers = by_key(result)
    chex = papers["2024arXiv240112208C"]
    assert chex.title == "CheXagent: Towards a Foundation Model for Chest X-Ray Interpretation"
    assert chex.authors[:2] == ["Zhihong Chen", "Maya Varma"]
    assert chex.authors[5] == "Dave Van Veen"
    assert (chex.venue, chex.year) == ("arXiv", 2024)
    assert (chex.ids.arxiv, chex.ids.doi) == ("2401.12208", None)
    assert chex.modalities == ["xray"]
    medm2g = papers["2024arXiv240304290Z"]
    assert medm2g.id == "zhan2024medm2g"
    assert medm2g.model == "MedM2G"
    assert medm2g.ids.arxiv == "2403.04290"
    assert_valid(result, catalog.taxonomy)


# --- malformed input ------------------------------------------------------------------------


def test_malformed_entries_are_skipped_with_key_line_and_reason(catalog: Catalog) -> None:
    result = run("malformed.bib", catalog)
    assert [(r.key, r.line) for r in result.records] == [("good2023vqa", 3), ("last2024", 43)]
    skipped = {(s.key, s.line): s.reason for s in result.skipped}
    assert list(skipped) == [
        ("unbalanced2023", 10),
        ("notitle2022", 16),
        ("", 22),
        ("commaname2021", 32),
        ("badyear2024", 38),
    ]
    assert skipped[("unbalanced2023", 10)].startswith("not valid BibTeX (unbalanced braces")
    assert skipped[("notitle2022", 16)] == "no title"
    assert skipped[("", 22)] == "entry has no key"
    assert skipped[("commaname2021", 32)] == (
        "author: cannot split the name 'Doe, John,': trailing comma at end of name"
    )
    assert skipped[("badyear2024", 38)].startswith("year: must be between 1950 and")
    assert result.duplicate_keys == [DuplicateKey("good2023vqa", 27, 3)]
    assert_valid(result, catalog.taxonomy)


FIXTURES = sorted(path.name for path in BIB.glob("*.bib"))


@pytest.mark.parametrize("name", FIXTURES)
def test_damaged_files_never_crash_the_import(catalog: Catalog, name: str) -> None:
    """Cut or insert a BibTeX special anywhere: entries are skipped, the import goes on."""
    text = (BIB / name).read_text(encoding="utf-8")
    rng = random.Random(name)
    for _ in range(15):
        cut = rng.randrange(len(text))
        inserted = text[:cut] + rng.choice('{}",=@#\\%') + text[cut:]
        for damaged in (text[:cut], inserted):
            try:
                result = import_bibtex(damaged, catalog.taxonomy, catalog, TODAY)
            except BibImportError:
                continue
            assert_valid(result, catalog.taxonomy)


def test_without_an_other_task_unclassifiable_entries_are_skipped(catalog: Catalog) -> None:
    data = yaml.safe_load((DATA / "mini" / "taxonomy.yaml").read_text(encoding="utf-8"))
    terms = data["axes"]["task"]["terms"]
    data["axes"]["task"]["terms"] = [term for term in terms if term["id"] != "other"]
    taxonomy = Taxonomy.model_validate(data)
    text = "@article{k1, title = {Nothing the taxonomy knows}}\n"
    result = import_bibtex(text, taxonomy, [], TODAY)
    assert result.records == []
    assert [(s.key, s.line) for s in result.skipped] == [("k1", 1)]
    assert "no 'other' task" in result.skipped[0].reason


# --- duplicates and ids ---------------------------------------------------------------------

EXISTING = """
@article{a, title = {Something new}, url = {https://arxiv.org/pdf/2401.01234v2.pdf}}
@article{b, title = {Another title}, doi = {https://doi.org/10.1038/S41746-023-00001-X}}
@article{c, title = {A survey of medical vision--language models.}}
"""


def test_entries_already_in_the_catalog_name_the_record(catalog: Catalog) -> None:
    result = import_bibtex(EXISTING, catalog.taxonomy, catalog, TODAY)
    assert result.records == []
    assert result.duplicates == [
        Duplicate("a", 2, "smith2024clip", "arXiv id"),
        Duplicate("b", 3, "doe2023prompt", "DOI"),
        Duplicate("c", 4, "kim2024survey", "title"),
    ]


def test_the_same_paper_twice_in_one_file_gives_one_record(catalog: Catalog) -> None:
    zotero = (BIB / "zotero.bib").read_text(encoding="utf-8")
    text = zotero + (BIB / "scholar.bib").read_text(encoding="utf-8")
    result = import_bibtex(text, catalog.taxonomy, catalog, TODAY)
    assert [p.id for p in result.papers].count("zhang2023biomedclip") == 1
    scholar_line = zotero.count("\n") + 1  # Scholar's BiomedCLIP opens its part of the text
    assert result.duplicates == [
        Duplicate(
            "zhang2023biomedclip", scholar_line, "zhang2023biomedclip", "arXiv id", in_catalog=False
        )
    ]


def test_ids_are_unique_against_existing_and_new_records(catalog: Catalog) -> None:
    taken = Paper(id="zhang2023biomedclip", title="Unrelated", tasks=["other"])
    result = run("scholar.bib", catalog, existing=[*catalog.papers, taken])
    assert by_key(result)["zhang2023biomedclip"].id == "zhang2023biomedclip-b"
    text = "@misc{x1, title = {Twin}, year = 2020}\n@misc{x2, title = {Twin paper}, year = 2020}\n"
    result = import_bibtex(text, catalog.taxonomy, catalog, TODAY)
    assert [p.id for p in result.papers] == ["twin2020", "twin2020-b"]


def test_reimporting_created_records_finds_them_all(catalog: Catalog) -> None:
    first = run("dblp.bib", catalog)
    second = run("dblp.bib", catalog, existing=[*catalog.papers, *first.papers])
    assert second.records == []
    assert {d.existing for d in second.duplicates} == {p.id for p in first.papers}
