"""medvlm.links.venues: the venue and year a link spells out (CVF, NeurIPS, PMLR, MICCAI,
ScienceDirect, AAAI, JMIR, Lippincott, ADS), one case at least per table entry; mostly URLs
taken from the seed lists (shared/anchors)."""

from __future__ import annotations

import pytest

from medvlm.links import Venue, infer_venue_year
from medvlm.links.venuetables import venue_tables
from tests.links.rule_cases import SIGNED_SCIENCEDIRECT, SIGNED_SILVERCHAIR


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://arxiv.org/pdf/2304.08013", Venue("arXiv", 2023)),
        ("https://arxiv.org/abs/cs/0112017", Venue("arXiv", 2001)),
        (
            "https://openaccess.thecvf.com/content/CVPR2024/html/"
            "Lai_CARZero_Cross-Attention_Alignment_for_Radiology_Zero-Shot_Classification"
            "_CVPR_2024_paper.html",
            Venue("CVPR", 2024),
        ),
        (
            "http://openaccess.thecvf.com/content/ICCV2021/html/"
            "Zhou_Visual-Textual_Attentive_Semantic_Consistency_ICCV_2021_paper.html",
            Venue("ICCV", 2021),
        ),
        (
            "https://openaccess.thecvf.com/content/WACV2024/html/"
            "Gu_Complex_Organ_Mask_Guided_Radiology_Report_Generation_WACV_2024_paper.html",
            Venue("WACV", 2024),
        ),
        (
            "https://openaccess.thecvf.com/content/ICCV2023W/CVAMD/html/"
            "Lai_CLIPath_ICCVW_2023_paper.html",
            Venue("ICCV Workshops", 2023),
        ),
        (
            "https://openaccess.thecvf.com/content/CVPR2024W/DEF-AI-MIA/html/"
            "Aleem_SaLIP_CVPRW_2024_paper.html",
            Venue("CVPR Workshops", 2024),
        ),
        (
            "http://openaccess.thecvf.com/content_cvpr_2018/html/"
            "Wang_TieNet_Text-Image_Embedding_CVPR_2018_paper.html",
            Venue("CVPR", 2018),
        ),
        (
            "https://openaccess.thecvf.com/content_cvpr_2017_workshops/w1/html/"
            "Name_Title_CVPR_2017_paper.html",
            Venue("CVPR Workshops", 2017),
        ),
        (
            "https://openaccess.thecvf.com/content_ECCV_2018/html/Name_Title_ECCV_2018_paper.html",
            Venue("ECCV", 2018),
        ),
        (
            "https://openaccess.thecvf.com/content/ACCV2020/html/N_T_ACCV_2020_paper.html",
            Venue("ACCV", 2020),
        ),
        ("https://papers.miccai.org/miccai-2024/paper/0254_paper.pdf", Venue("MICCAI", 2024)),
        (
            "https://proceedings.neurips.cc/paper_files/paper/2023/file/"
            "5abcdf8ecdcacba028c6662789194572-Paper-Datasets_and_Benchmarks.pdf",
            Venue("NeurIPS", 2023),
        ),
        (
            "https://proceedings.neurips.cc/paper_files/paper/2022/hash/"
            "d925bda407ada0df3190df323a212661-Abstract-Conference.html",
            Venue("NeurIPS", 2022),
        ),
        (
            "https://papers.nips.cc/paper/2019/hash/0118a063b4ae4b1b0b5e6fa8d6e8e6e6-Abstract.html",
            Venue("NeurIPS", 2019),
        ),
        (
            "https://datasets-benchmarks-proceedings.neurips.cc/paper/2021/hash/"
            "0b8aff0438617c055eb55f0ba5d226fa-Abstract-round1.html",
            Venue("NeurIPS", 2021),
        ),
        ("https://aclanthology.org/2023.findings-eacl.88.pdf", Venue("Findings of EACL", 2023)),
        ("https://aclanthology.org/2025.coling-main.571/", Venue("COLING", 2025)),
        (SIGNED_SCIENCEDIRECT, Venue("Medical Image Analysis", 2024)),
        (
            "https://www.sciencedirect.com/science/article/pii/S1566253521001159",
            Venue("Information Fusion", 2021),
        ),
        ("https://ojs.aaai.org/index.php/AAAI/article/view/29826/31434", Venue("AAAI", None)),
        ("https://ojs.aaai.org/index.php/ICWSM/article/view/31234", Venue("ICWSM", None)),
        ("https://formative.jmir.org/2024/1/e32690", Venue("JMIR Formative Research", 2024)),
        (
            "https://journals.lww.com/retinajournal/fulltext/2024/10000/"
            "applications_of_multimodal_generative_artificial.9.aspx",
            Venue("Retina", 2024),
        ),
        ("https://ui.adsabs.harvard.edu/abs/2021zndo...5143773I/abstract", Venue("Zenodo", 2021)),
        # Through the DOI a publisher URL carries.
        (
            "https://link.springer.com/content/pdf/10.1007/978-3-031-72111-3_60.pdf"
            "?pdf=inline%20link",
            Venue("MICCAI", 2024),
        ),
        (
            "https://www.nature.com/articles/s41467-023-40260-7.pdf",
            Venue("Nature Communications", 2023),
        ),
        (
            "https://www.frontiersin.org/journals/physics/articles/10.3389/fphy.2024.1439122/pdf",
            Venue("Frontiers in Physics", 2024),
        ),
        (
            "https://pubs.rsna.org/doi/pdf/10.1148/ryai.220281",
            Venue("Radiology: Artificial Intelligence", None),
        ),
        ("https://onlinelibrary.wiley.com/doi/pdf/10.1155/2024/6680546", Venue(None, 2024)),
    ],
)
def test_infer_venue_year(url: str, expected: Venue) -> None:
    assert infer_venue_year(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://ieeexplore.ieee.org/stamp/stamp.jsp?arnumber=10288259",  # no year offline
        "https://github.com/snap-stanford/med-flamingo",
        "https://proceedings.mlr.press/v70/zheng17a.html",  # volume not in the table
        "https://link.springer.com/chapter/10.1007/978-3-031-00129-1_8",  # not a known book
        SIGNED_SILVERCHAIR,
        "not a link",
        "",
    ],
)
def test_infer_venue_year_unknown(url: str) -> None:
    assert infer_venue_year(url) == Venue(None, None)
    assert not infer_venue_year(url).found()


# PMLR volumes, written out here so that a table entry cannot change unnoticed.
PMLR_EXPECTED = {
    97: ("ICML", 2019),
    119: ("ICML", 2020),
    139: ("ICML", 2021),
    162: ("ICML", 2022),
    202: ("ICML", 2023),
    235: ("ICML", 2024),
    172: ("MIDL", 2022),
    227: ("MIDL", 2023),
    250: ("MIDL", 2024),
    158: ("ML4H", 2021),
    193: ("ML4H", 2022),
    225: ("ML4H", 2023),
    182: ("MLHC", 2022),
    219: ("MLHC", 2023),
    174: ("CHIL", 2022),
    209: ("CHIL", 2023),
    248: ("CHIL", 2024),
    222: ("ACML", 2023),
}


@pytest.mark.parametrize(("volume", "expected"), sorted(PMLR_EXPECTED.items()))
def test_pmlr_volume(volume: int, expected: tuple[str, int]) -> None:
    url = f"https://proceedings.mlr.press/v{volume}/smith24a/smith24a.pdf"
    assert infer_venue_year(url) == Venue(*expected)


def test_pmlr_table_is_fully_tested() -> None:
    assert set(venue_tables().pmlr_volumes) == set(PMLR_EXPECTED)


# ScienceDirect PIIs: real ones from the seed lists where they have one.
PII_EXPECTED = {
    "S1361841524002822": ("Medical Image Analysis", 2024),
    "S1566253521001159": ("Information Fusion", 2021),
    "S0031320323009299": ("Pattern Recognition", 2023),
    "S0010482524005894": ("Computers in Biology and Medicine", 2024),
    "S0933365721001718": ("Artificial Intelligence in Medicine", 2021),
    "S030645732400164X": ("Information Processing & Management", 2024),
    "S0097849323002170": ("Computers & Graphics", 2023),
    "S0141938224000994": ("Displays", 2024),
    "S1077314224001528": ("Computer Vision and Image Understanding", 2024),
    "S0169260723006454": ("Computer Methods and Programs in Biomedicine", 2023),
    "S0925231224008932": ("Neurocomputing", 2024),
    "S0957417423020286": ("Expert Systems with Applications", 2023),
    "S0895611118300019": ("Computerized Medical Imaging and Graphics", 2018),
    "S1532046423001879": ("Journal of Biomedical Informatics", 2023),
    "S0950705125000462": ("Knowledge-Based Systems", 2025),
}


@pytest.mark.parametrize(("pii", "expected"), sorted(PII_EXPECTED.items()))
def test_sciencedirect_pii(pii: str, expected: tuple[str, int]) -> None:
    url = f"https://www.sciencedirect.com/science/article/abs/pii/{pii}"
    assert infer_venue_year(url) == Venue(*expected)


def test_elsevier_issn_table_is_fully_tested() -> None:
    assert set(venue_tables().elsevier_issns) == {pii[1:9] for pii in PII_EXPECTED}


def _issn_check_digit(first_seven: str) -> str:
    total = sum(int(d) * w for d, w in zip(first_seven, range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


@pytest.mark.parametrize("issn", sorted(venue_tables().elsevier_issns))
def test_elsevier_issns_are_valid(issn: str) -> None:
    assert _issn_check_digit(issn[:7]) == issn[7]


@pytest.mark.parametrize(
    "url",
    [
        "https://ojs.aaai.org/index.php/AAAI/article/view/20204",
        "https://aclanthology.org/W19-5001/",  # workshops have no single venue
    ],
)
def test_infer_gives_year_or_venue_alone_when_only_one_is_known(url: str) -> None:
    venue = infer_venue_year(url)
    assert venue.found()
    assert (venue.venue is None) != (venue.year is None)


JMIR_EXPECTED = {
    "www.jmir.org": "Journal of Medical Internet Research",
    "medinform.jmir.org": "JMIR Medical Informatics",
    "formative.jmir.org": "JMIR Formative Research",
    "mhealth.jmir.org": "JMIR mHealth and uHealth",
    "ai.jmir.org": "JMIR AI",
    "mededu.jmir.org": "JMIR Medical Education",
    "cancer.jmir.org": "JMIR Cancer",
    "derma.jmir.org": "JMIR Dermatology",
    "publichealth.jmir.org": "JMIR Public Health and Surveillance",
}


@pytest.mark.parametrize(("host", "journal"), sorted(JMIR_EXPECTED.items()))
def test_jmir_journal(host: str, journal: str) -> None:
    assert infer_venue_year(f"https://{host}/2024/1/e59273") == Venue(journal, 2024)


def test_jmir_table_is_fully_tested() -> None:
    assert set(venue_tables().jmir_journals) == set(JMIR_EXPECTED)


def test_lww_table_is_fully_tested() -> None:
    assert set(venue_tables().lww_journals) == {"retinajournal"}
