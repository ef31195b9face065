"""medvlm.links.doi_venues: the venue and year a DOI spells out (Springer books and journals,
IEEE, Elsevier, Frontiers, RSNA, ACL Anthology, AAAI, year fields), one case at least per
table entry."""

from __future__ import annotations

import pytest

from medvlm.links import Venue, infer_from_doi, infer_venue_year
from medvlm.links.doi_venues import DOI_INFERENCES
from medvlm.links.venuetables import venue_tables

# Springer books by exact ISBN; written out here, as PMLR above.
SPRINGER_EXPECTED = {
    "978-3-319-66179-7": ("MICCAI", 2017),
    "978-3-030-00934-2": ("MICCAI", 2018),
    "978-3-030-32245-8": ("MICCAI", 2019),
    "978-3-030-59710-8": ("MICCAI", 2020),
    "978-3-030-59719-1": ("MICCAI", 2020),
    "978-3-030-87199-4": ("MICCAI", 2021),
    "978-3-030-87202-1": ("MICCAI", 2021),
    "978-3-030-87231-1": ("MICCAI", 2021),
    "978-3-031-16434-7": ("MICCAI", 2022),
    "978-3-031-16437-8": ("MICCAI", 2022),
    "978-3-031-16440-8": ("MICCAI", 2022),
    "978-3-031-16443-9": ("MICCAI", 2022),
    "978-3-031-16446-0": ("MICCAI", 2022),
    "978-3-031-16449-1": ("MICCAI", 2022),
    "978-3-031-43895-0": ("MICCAI", 2023),
    "978-3-031-43898-1": ("MICCAI", 2023),
    "978-3-031-43901-8": ("MICCAI", 2023),
    "978-3-031-43904-9": ("MICCAI", 2023),
    "978-3-031-43907-0": ("MICCAI", 2023),
    "978-3-031-43987-2": ("MICCAI", 2023),
    "978-3-031-72083-3": ("MICCAI", 2024),
    "978-3-031-72086-4": ("MICCAI", 2024),
    "978-3-031-72089-5": ("MICCAI", 2024),
    "978-3-031-72111-3": ("MICCAI", 2024),
    "978-3-031-72114-4": ("MICCAI", 2024),
    "978-3-031-72120-5": ("MICCAI", 2024),
    "978-3-031-72378-0": ("MICCAI", 2024),
    "978-3-031-72390-2": ("MICCAI", 2024),
    "978-3-032-04981-0": ("MICCAI", 2025),
    "978-3-032-05141-7": ("MICCAI", 2025),
    "978-3-031-45673-2": ("MLMI", 2023),
    "978-3-031-47401-9": ("MICCAI Workshops", 2023),
    "978-3-031-73471-7": ("MedAGI", 2024),
    "978-3-032-05472-2": ("DGM4MICCAI", 2025),
    "978-3-031-66535-6": ("AIME", 2024),
    "978-3-031-73004-7": ("ECCV", 2024),
}


@pytest.mark.parametrize(("isbn", "expected"), sorted(SPRINGER_EXPECTED.items()))
def test_springer_book_chapter(isbn: str, expected: tuple[str, int]) -> None:
    assert infer_from_doi(f"10.1007/{isbn}_12") == Venue(*expected)


def test_springer_table_is_fully_tested() -> None:
    assert set(venue_tables().springer_books) == set(SPRINGER_EXPECTED)


@pytest.mark.parametrize("isbn", sorted(venue_tables().springer_books))
def test_springer_isbns_are_valid(isbn: str) -> None:
    digits = [int(d) for d in isbn.replace("-", "")]
    assert len(digits) == 13
    assert sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0


@pytest.mark.parametrize(
    "doi",
    [
        "10.1007/978-3-031-72624-8_24",  # ECCV 2024, in the same ISBN block as MICCAI 2024
        "10.1007/978-3-031-43000-0_1",  # a prefix of MICCAI 2023 ISBNs, but no MICCAI book
        "10.1007/978-981-19-7943-9_19",
    ],
)
def test_springer_isbn_prefix_is_not_trusted(doi: str) -> None:
    assert infer_from_doi(doi) == Venue(None, None)


SPRINGER_NATURE_EXPECTED = {
    "s41586": "Nature",
    "s41591": "Nature Medicine",
    "s41467": "Nature Communications",
    "s41551": "Nature Biomedical Engineering",
    "s41746": "npj Digital Medicine",
    "s42256": "Nature Machine Intelligence",
    "s41598": "Scientific Reports",
    "s41592": "Nature Methods",
    "s41597": "Scientific Data",
    "s42003": "Communications Biology",
    "s43856": "Communications Medicine",
    "s41698": "npj Precision Oncology",
    "s11263": "International Journal of Computer Vision",
    "s11548": "International Journal of Computer Assisted Radiology and Surgery",
    "s11517": "Medical & Biological Engineering & Computing",
    "s00330": "European Radiology",
    "s00062": "Clinical Neuroradiology",
    "s00371": "The Visual Computer",
    "s11604": "Japanese Journal of Radiology",
    "s12020": "Endocrine",
    "s12149": "Annals of Nuclear Medicine",
    "s42492": "Visual Computing for Industry, Biomedicine, and Art",
    "s12880": "BMC Medical Imaging",
    "s12911": "BMC Medical Informatics and Decision Making",
    "s13244": "Insights into Imaging",
}


@pytest.mark.parametrize(("code", "journal"), sorted(SPRINGER_NATURE_EXPECTED.items()))
def test_springer_nature_journal(code: str, journal: str) -> None:
    assert infer_from_doi(f"10.1038/{code}-023-01234-5") == Venue(journal, 2023)


def test_springer_nature_table_is_fully_tested() -> None:
    assert set(venue_tables().springer_nature_journals) == set(SPRINGER_NATURE_EXPECTED)


@pytest.mark.parametrize(
    ("doi", "expected"),
    [
        ("10.1007/s10278-023-00800-1", Venue("Journal of Digital Imaging", 2023)),
        ("10.1007/s10278-024-01051-8", Venue("Journal of Imaging Informatics in Medicine", 2024)),
    ],
)
def test_renamed_springer_journal(doi: str, expected: Venue) -> None:
    assert infer_from_doi(doi) == expected


def test_unknown_springer_nature_journal_still_gives_the_year() -> None:
    assert infer_from_doi("10.1007/s99999-022-00001-0") == Venue(None, 2022)


IEEE_EXPECTED = {
    "10.1109/TMI.2023.3261234": "IEEE TMI",
    "10.1109/JBHI.2024.3350000": "IEEE JBHI",
    "10.1109/TPAMI.2023.3300000": "IEEE TPAMI",
    "10.1109/TIP.2023.3300000": "IEEE TIP",
    "10.1109/TNNLS.2023.3300000": "IEEE TNNLS",
    "10.1109/TCSVT.2023.3300000": "IEEE TCSVT",
    "10.1109/TMM.2023.3300000": "IEEE TMM",
    "10.1109/TBME.2023.3300000": "IEEE TBME",
    "10.1109/TKDE.2023.3300000": "IEEE TKDE",
    "10.1109/RBME.2023.3300000": "IEEE RBME",
    "10.1109/ACCESS.2023.3300000": "IEEE Access",
    "10.1109/CVPR52729.2023.00139": "CVPR",
    "10.1109/CVPRW59228.2023.00001": "CVPR Workshops",
    "10.1109/ICCV51070.2023.00001": "ICCV",
    "10.1109/ICCVW60793.2023.00001": "ICCV Workshops",
    "10.1109/WACV56688.2023.00001": "WACV",
    "10.1109/ISBI53787.2023.10230001": "ISBI",
    "10.1109/BIBM58861.2023.10385001": "BIBM",
    "10.1109/ICASSP49357.2023.10094001": "ICASSP",
    "10.1109/ICIP49359.2023.10222001": "ICIP",
    "10.1109/EMBC40787.2023.10340001": "EMBC",
    "10.1109/ICME55011.2023.00001": "ICME",
    "10.1109/IJCNN54540.2023.10191001": "IJCNN",
    "10.1109/ICPR56361.2022.9956001": "ICPR",
}


@pytest.mark.parametrize(("doi", "venue"), sorted(IEEE_EXPECTED.items()))
def test_ieee_doi(doi: str, venue: str) -> None:
    year = int(doi.split(".")[2])
    assert infer_from_doi(doi) == Venue(venue, year)


def test_ieee_table_is_fully_tested() -> None:
    codes = {doi.split("/")[1].split(".")[0].rstrip("0123456789").lower() for doi in IEEE_EXPECTED}
    assert set(venue_tables().ieee_codes) == codes


ELSEVIER_CODE_EXPECTED = {
    "media": "Medical Image Analysis",
    "inffus": "Information Fusion",
    "patcog": "Pattern Recognition",
    "compbiomed": "Computers in Biology and Medicine",
    "artmed": "Artificial Intelligence in Medicine",
    "ipm": "Information Processing & Management",
    "cag": "Computers & Graphics",
    "displa": "Displays",
    "cviu": "Computer Vision and Image Understanding",
    "cmpb": "Computer Methods and Programs in Biomedicine",
    "neucom": "Neurocomputing",
    "eswa": "Expert Systems with Applications",
    "compmedimag": "Computerized Medical Imaging and Graphics",
    "jbi": "Journal of Biomedical Informatics",
    "knosys": "Knowledge-Based Systems",
}


@pytest.mark.parametrize(("code", "journal"), sorted(ELSEVIER_CODE_EXPECTED.items()))
def test_elsevier_doi(code: str, journal: str) -> None:
    assert infer_from_doi(f"10.1016/j.{code}.2019.101544") == Venue(journal, 2019)


def test_elsevier_code_table_is_fully_tested() -> None:
    assert set(venue_tables().elsevier_codes) == set(ELSEVIER_CODE_EXPECTED)


FRONTIERS_EXPECTED = {
    "fmed": "Frontiers in Medicine",
    "fphy": "Frontiers in Physics",
    "fonc": "Frontiers in Oncology",
    "fnins": "Frontiers in Neuroscience",
    "fneur": "Frontiers in Neurology",
    "fradi": "Frontiers in Radiology",
    "frai": "Frontiers in Artificial Intelligence",
    "fbioe": "Frontiers in Bioengineering and Biotechnology",
    "fpubh": "Frontiers in Public Health",
    "fdgth": "Frontiers in Digital Health",
    "fcvm": "Frontiers in Cardiovascular Medicine",
}


@pytest.mark.parametrize(("code", "journal"), sorted(FRONTIERS_EXPECTED.items()))
def test_frontiers_doi(code: str, journal: str) -> None:
    assert infer_from_doi(f"10.3389/{code}.2023.1231436") == Venue(journal, 2023)


def test_frontiers_table_is_fully_tested() -> None:
    assert set(venue_tables().frontiers_journals) == set(FRONTIERS_EXPECTED)


@pytest.mark.parametrize(
    ("doi", "expected"),
    [
        ("10.1148/radiol.240273", Venue("Radiology", None)),
        ("10.1148/ryai.220281", Venue("Radiology: Artificial Intelligence", None)),
        ("10.1148/rg.230001", Venue("RadioGraphics", None)),
    ],
)
def test_rsna_doi_gives_the_journal_only(doi: str, expected: Venue) -> None:
    assert infer_from_doi(doi) == expected


def test_rsna_table_is_fully_tested() -> None:
    assert set(venue_tables().rsna_journals) == {"radiol", "ryai", "rg"}


ACL_EXPECTED = {
    "2023.acl-long.1": ("ACL", 2023),
    "2023.emnlp-main.989": ("EMNLP", 2023),
    "2024.naacl-long.1": ("NAACL", 2024),
    "2024.eacl-main.1": ("EACL", 2024),
    "2023.aacl-main.1": ("AACL", 2023),
    "2025.coling-main.571": ("COLING", 2025),
    "2022.lrec-1.1": ("LREC", 2022),
    "2023.conll-1.1": ("CoNLL", 2023),
    "2023.tacl-1.1": ("TACL", 2023),
    "2023.cl-1.1": ("Computational Linguistics", 2023),
    "2023.bionlp-1.1": ("BioNLP", 2023),
    "2023.clinicalnlp-1.1": ("ClinicalNLP", 2023),
    "2023.findings-eacl.88": ("Findings of EACL", 2023),
    "2025.findings-naacl.113": ("Findings of NAACL", 2025),
}


@pytest.mark.parametrize(("anthology_id", "expected"), sorted(ACL_EXPECTED.items()))
def test_acl_anthology_id(anthology_id: str, expected: tuple[str, int]) -> None:
    assert infer_venue_year(f"https://aclanthology.org/{anthology_id}/") == Venue(*expected)
    assert infer_from_doi(f"10.18653/v1/{anthology_id}") == Venue(*expected)


def test_acl_event_table_is_fully_tested() -> None:
    events = {i.split(".")[1].removeprefix("findings-").split("-")[0] for i in ACL_EXPECTED}
    assert set(venue_tables().acl_events) == events


ACL_OLD_EXPECTED = {
    "P19-1001": ("ACL", 2019),
    "D18-1001": ("EMNLP", 2018),
    "N19-1001": ("NAACL", 2019),
    "E17-1001": ("EACL", 2017),
    "C18-1001": ("COLING", 2018),
    "Q17-1001": ("TACL", 2017),
    "K19-1001": ("CoNLL", 2019),
}


@pytest.mark.parametrize(("anthology_id", "expected"), sorted(ACL_OLD_EXPECTED.items()))
def test_acl_old_style_id(anthology_id: str, expected: tuple[str, int]) -> None:
    assert infer_venue_year(f"https://aclanthology.org/{anthology_id}.pdf") == Venue(*expected)


def test_acl_old_letters_table_is_fully_tested() -> None:
    assert set(venue_tables().acl_old_letters) == {i[0] for i in ACL_OLD_EXPECTED}


@pytest.mark.parametrize(
    ("doi", "expected"),
    [
        ("10.48550/arXiv.2303.08774", Venue("arXiv", 2023)),
        ("https://doi.org/10.1007/978-3-031-43895-0_36", Venue("MICCAI", 2023)),
        ("10.1609/aaai.v36i1.19948", Venue("AAAI", 2022)),
        ("10.1609/aaai.v38i6.28038", Venue("AAAI", 2024)),
        ("10.1155/2024/6680546", Venue(None, 2024)),
        ("10.1101/2024.05.03.24306688", Venue(None, 2024)),
        ("10.5281/zenodo.5143773", Venue("Zenodo", None)),
    ],
)
def test_infer_from_doi(doi: str, expected: Venue) -> None:
    assert infer_from_doi(doi) == expected


@pytest.mark.parametrize(
    "doi", ["", "not a doi", "10.1145/3581783.3611830", "10.1093/jamia/ocad252"]
)
def test_infer_from_doi_unknown(doi: str) -> None:
    assert infer_from_doi(doi) == Venue(None, None)


def test_every_doi_inference_has_a_case() -> None:
    tested_dois = [
        "10.48550/arxiv.2303.08774",
        "10.1007/978-3-031-43895-0_36",
        "10.1038/s41591-023-02504-3",
        "10.1109/tmi.2023.3261234",
        "10.1016/j.media.2019.101544",
        "10.3389/fmed.2023.1231436",
        "10.18653/v1/2023.findings-eacl.88",
        "10.1609/aaai.v36i1.19948",
        "10.1148/radiol.240273",
        "10.1155/2024/6680546",
        "10.1101/2024.05.03.24306688",
        "10.5281/zenodo.5143773",
    ]
    matched = {
        inference.name
        for doi in tested_dois
        for inference in DOI_INFERENCES
        if inference.pattern.match(doi)
    }
    assert matched == {inference.name for inference in DOI_INFERENCES}
    assert all(infer_from_doi(doi).found() for doi in tested_dois)
