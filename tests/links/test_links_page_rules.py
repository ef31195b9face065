"""The rules of medvlm.links.page_rules: a publisher's landing page for its PDFs and other
views, mostly with URLs taken from the seed lists (shared/anchors)."""

from __future__ import annotations

import pytest

from medvlm.links.page_rules import PAGE_RULES
from tests.links.rule_cases import SIGNED_SCIENCEDIRECT, Case, check_case, rules_in

CASES: list[Case] = [
    # cvf-html: main conference, workshop, 2018 layout, old workshop layout, papers_backup
    (
        "https://openaccess.thecvf.com/content/CVPR2022/papers/"
        "Li_Grounded_Language-Image_Pre-Training_CVPR_2022_paper.pdf",
        "https://openaccess.thecvf.com/content/CVPR2022/html/"
        "Li_Grounded_Language-Image_Pre-Training_CVPR_2022_paper.html",
        ("cvf-html",),
        None,
        None,
    ),
    (
        "https://openaccess.thecvf.com/content/CVPR2024W/DEF-AI-MIA/papers/"
        "Aleem_Test-Time_Adaptation_with_SaLIP_A_Cascade_of_SAM_and_CLIP_CVPRW_2024_paper.pdf",
        "https://openaccess.thecvf.com/content/CVPR2024W/DEF-AI-MIA/html/"
        "Aleem_Test-Time_Adaptation_with_SaLIP_A_Cascade_of_SAM_and_CLIP_CVPRW_2024_paper.html",
        ("cvf-html",),
        None,
        None,
    ),
    (
        "http://openaccess.thecvf.com/content_cvpr_2018/papers/"
        "Wang_TieNet_Text-Image_Embedding_CVPR_2018_paper.pdf",
        "https://openaccess.thecvf.com/content_cvpr_2018/html/"
        "Wang_TieNet_Text-Image_Embedding_CVPR_2018_paper.html",
        ("https-upgrade", "cvf-html"),
        None,
        None,
    ),
    (
        "https://openaccess.thecvf.com/content_cvpr_2018_workshops/papers/w13/"
        "Name_Title_CVPR_2018_paper.pdf",
        "https://openaccess.thecvf.com/content_cvpr_2018_workshops/w13/html/"
        "Name_Title_CVPR_2018_paper.html",
        ("cvf-html",),
        None,
        None,
    ),
    (
        "http://openaccess.thecvf.com/content_cvpr_2018/papers_backup/"
        "Yang_Clinical_Skin_Lesion_CVPR_2018_paper.pdf",
        "https://openaccess.thecvf.com/content_cvpr_2018/html/"
        "Yang_Clinical_Skin_Lesion_CVPR_2018_paper.html",
        ("https-upgrade", "cvf-html"),
        None,
        None,
    ),
    # pmlr-html
    (
        "https://proceedings.mlr.press/v139/radford21a/radford21a.pdf",
        "https://proceedings.mlr.press/v139/radford21a.html",
        ("pmlr-html",),
        None,
        None,
    ),
    (
        "https://proceedings.mlr.press/v225/moor23a",
        "https://proceedings.mlr.press/v225/moor23a.html",
        ("pmlr-html",),
        None,
        None,
    ),
    # neurips-abstract: old, conference and datasets-and-benchmarks tracks
    (
        "https://proceedings.neurips.cc/paper_files/paper/2021/file/"
        "505259756244493872b7709a8a01b536-Paper.pdf",
        "https://proceedings.neurips.cc/paper_files/paper/2021/hash/"
        "505259756244493872b7709a8a01b536-Abstract.html",
        ("neurips-abstract",),
        None,
        None,
    ),
    (
        "https://proceedings.neurips.cc/paper_files/paper/2023/file/"
        "5af741d487c5f0b08bfe56e11d1883e4-Paper-Conference.pdf",
        "https://proceedings.neurips.cc/paper_files/paper/2023/hash/"
        "5af741d487c5f0b08bfe56e11d1883e4-Abstract-Conference.html",
        ("neurips-abstract",),
        None,
        None,
    ),
    (
        "https://proceedings.neurips.cc/paper_files/paper/2023/file/"
        "5abcdf8ecdcacba028c6662789194572-Paper-Datasets_and_Benchmarks.pdf",
        "https://proceedings.neurips.cc/paper_files/paper/2023/hash/"
        "5abcdf8ecdcacba028c6662789194572-Abstract-Datasets_and_Benchmarks.html",
        ("neurips-abstract",),
        None,
        None,
    ),
    # ieee-document: stamp.jsp, abstract/document, Google Scholar token, iel PDF
    (
        "https://ieeexplore.ieee.org/stamp/stamp.jsp?arnumber=10288259",
        "https://ieeexplore.ieee.org/document/10288259",
        ("ieee-document",),
        None,
        None,
    ),
    (
        "https://ieeexplore.ieee.org/stamp/stamp.jsp?tp=&arnumber=11134693",
        "https://ieeexplore.ieee.org/document/11134693",
        ("ieee-document",),
        None,
        None,
    ),
    (
        "https://ieeexplore.ieee.org/abstract/document/10172039/",
        "https://ieeexplore.ieee.org/document/10172039",
        ("ieee-document",),
        None,
        None,
    ),
    (
        "https://ieeexplore.ieee.org/abstract/document/9358223?casa_token=rxZNi4GaP-YAAAAA:vlaAvOf6",
        "https://ieeexplore.ieee.org/document/9358223",
        ("ieee-document",),
        None,
        None,
    ),
    (
        "https://ieeexplore.ieee.org/iel8/36/10807682/11010163.pdf",
        "https://ieeexplore.ieee.org/document/11010163",
        ("ieee-document",),
        None,
        None,
    ),
    # pmc-article: PDF inside PMC, and the old www.ncbi.nlm.nih.gov/pmc address
    (
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC11323634/pdf/nihms-2012083.pdf",
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC11323634/",
        ("pmc-article",),
        None,
        None,
    ),
    (
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10120542/",
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC10120542/",
        ("pmc-article",),
        None,
        None,
    ),
    # acl-anthology: new-style and old-style ids
    (
        "https://aclanthology.org/2023.findings-eacl.88.pdf",
        "https://aclanthology.org/2023.findings-eacl.88/",
        ("acl-anthology",),
        None,
        None,
    ),
    (
        "https://www.aclweb.org/anthology/P19-1001.pdf",
        "https://aclanthology.org/P19-1001/",
        ("acl-anthology",),
        None,
        None,
    ),
    # aaai-article
    (
        "https://ojs.aaai.org/index.php/AAAI/article/view/20204/19963",
        "https://ojs.aaai.org/index.php/AAAI/article/view/20204",
        ("aaai-article",),
        None,
        None,
    ),
    # sciencedirect-pii: abstract page, signed asset, pii= only, linkinghub, via= parameter
    (
        "https://www.sciencedirect.com/science/article/abs/pii/S0010482524005894",
        "https://www.sciencedirect.com/science/article/pii/S0010482524005894",
        ("sciencedirect-pii",),
        None,
        None,
    ),
    (
        SIGNED_SCIENCEDIRECT,
        "https://www.sciencedirect.com/science/article/pii/S1361841524002822",
        ("sciencedirect-pii", "signed-stripped"),
        None,
        None,
    ),
    (
        "https://pdf.sciencedirectassets.com/272154/main.pdf?X-Amz-Expires=300&pii=S1566253521001159",
        "https://www.sciencedirect.com/science/article/pii/S1566253521001159",
        ("sciencedirect-pii", "signed-stripped"),
        None,
        None,
    ),
    (
        "https://linkinghub.elsevier.com/retrieve/pii/S0950705125000462",
        "https://www.sciencedirect.com/science/article/pii/S0950705125000462",
        ("sciencedirect-pii",),
        None,
        None,
    ),
    (
        "https://www.sciencedirect.com/science/article/pii/S1361841521001821?via%3Dihub",
        "https://www.sciencedirect.com/science/article/pii/S1361841521001821",
        ("sciencedirect-pii",),
        None,
        None,
    ),
    # researchgate-publication
    (
        "https://www.researchgate.net/profile/Chenlin-Du-3/publication/385145160_Prompting_Vision-"
        "Language_Models_for_Dental_Notation_Aware_Abnormality_Detection/links/"
        "6791c29195e02f182eb0bb46/Prompting-Vision-Language-Models-for-Dental-Notation-Aware-"
        "Abnormality-Detection.pdf",
        "https://www.researchgate.net/publication/385145160_Prompting_Vision-Language_Models_for_"
        "Dental_Notation_Aware_Abnormality_Detection",
        ("researchgate-publication",),
        None,
        None,
    ),
]


@pytest.mark.parametrize("case", CASES)
def test_page_rule(case: Case) -> None:
    check_case(case)


def test_every_page_rule_has_a_case() -> None:
    assert {rule.name for rule in PAGE_RULES} <= rules_in(CASES)
