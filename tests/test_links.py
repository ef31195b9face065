"""Tests of medvlm.links: one case (at least) per canonicalisation rule and per inference table
entry, mostly with URLs taken from the seed lists (shared/anchors)."""

from __future__ import annotations

import pytest

from medvlm import links
from medvlm.links import (
    LinkResult,
    Venue,
    canonicalise,
    clean_title,
    find_code_link,
    infer_from_doi,
    infer_venue_year,
    short_venue,
)

# Signed downloads copied from the seed lists; the long token, credential and signature values
# are abridged (only the parameter names matter to the rules).
SIGNED_SCIENCEDIRECT = (
    "https://pdf.sciencedirectassets.com/272154/1-s2.0-S1361841524X00079/"
    "1-s2.0-S1361841524002822/main.pdf?X-Amz-Security-Token=IQoJb3JpZ2luX2VjEBAaCXVz"
    "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20250409T081221Z&X-Amz-SignedHeaders=host"
    "&X-Amz-Expires=300&X-Amz-Credential=ASIAabridged%2F20250409%2Fus-east-1%2Fs3%2Faws4_request"
    "&X-Amz-Signature=b31d1c4ce03c5a0e&hash=126ff7aa37c9aba4&pii=S1361841524002822"
    "&tid=spdf-1ab78eed&type=client&cc=hk"
)
SIGNED_SILVERCHAIR = (
    "https://watermark.silverchair.com/ocad252.pdf?token=AQECAHi208BE49Ooan9kkhW_Ercy7Dm3ZL_9Cf3q"
)


# --- canonicalise: one table of cases, each naming the rules it exercises ---------------------

# (link as written, URL to store, rules applied, arXiv id, DOI)
CASES: list[tuple[str, str, tuple[str, ...], str | None, str | None]] = [
    # https-upgrade
    (
        "http://openaccess.thecvf.com/content/ICCV2023/html/"
        "Zhai_Sigmoid_Loss_for_Language_Image_Pre-Training_ICCV_2023_paper.html",
        "https://openaccess.thecvf.com/content/ICCV2023/html/"
        "Zhai_Sigmoid_Loss_for_Language_Image_Pre-Training_ICCV_2023_paper.html",
        ("https-upgrade",),
        None,
        None,
    ),
    # arxiv-abs: pdf, pdf with a stray "?", abs with version, html, old-style id
    (
        "https://arxiv.org/pdf/1908.08530",
        "https://arxiv.org/abs/1908.08530",
        ("arxiv-abs",),
        "1908.08530",
        None,
    ),
    (
        "https://arxiv.org/pdf/2410.21276?",
        "https://arxiv.org/abs/2410.21276",
        ("arxiv-abs",),
        "2410.21276",
        None,
    ),
    (
        "https://arxiv.org/abs/2303.08774v3",
        "https://arxiv.org/abs/2303.08774",
        ("arxiv-abs",),
        "2303.08774",
        None,
    ),
    (
        "https://arxiv.org/html/2501.09096v2",
        "https://arxiv.org/abs/2501.09096",
        ("arxiv-abs",),
        "2501.09096",
        None,
    ),
    (
        "http://export.arxiv.org/pdf/cs/0112017v1.pdf",
        "https://arxiv.org/abs/cs/0112017",
        ("https-upgrade", "arxiv-abs"),
        "cs/0112017",
        None,
    ),
    # arxiv-doi: arXiv's DataCite DOI is an arXiv id, not a publisher DOI
    (
        "https://doi.org/10.48550/arXiv.2303.08774",
        "https://arxiv.org/abs/2303.08774",
        ("arxiv-doi",),
        "2303.08774",
        None,
    ),
    # doi-resolver
    (
        "https://dx.doi.org/10.1038/S41591-023-02504-3",
        "https://doi.org/10.1038/s41591-023-02504-3",
        ("doi-resolver",),
        None,
        "10.1038/s41591-023-02504-3",
    ),
    (
        "http://doi.org/10.1007%2F978-3-031-43895-0_10",
        "https://doi.org/10.1007/978-3-031-43895-0_10",
        ("https-upgrade", "doi-resolver"),
        None,
        "10.1007/978-3-031-43895-0_10",
    ),
    # springer-doi: chapter and article pages, PDFs of both
    (
        "https://link.springer.com/chapter/10.1007/978-3-031-16443-9_69",
        "https://link.springer.com/chapter/10.1007/978-3-031-16443-9_69",
        ("springer-doi",),
        None,
        "10.1007/978-3-031-16443-9_69",
    ),
    (
        "https://link.springer.com/content/pdf/10.1007/978-3-031-43895-0_36.pdf?pdf=inline%20link",
        "https://link.springer.com/chapter/10.1007/978-3-031-43895-0_36",
        ("springer-doi",),
        None,
        "10.1007/978-3-031-43895-0_36",
    ),
    (
        "https://link.springer.com/content/pdf/10.1007/s10278-024-01051-8.pdf",
        "https://link.springer.com/article/10.1007/s10278-024-01051-8",
        ("springer-doi",),
        None,
        "10.1007/s10278-024-01051-8",
    ),
    (
        "https://link.springer.com/content/pdf/10.1186/s42492-024-00171-w.pdf",
        "https://link.springer.com/article/10.1186/s42492-024-00171-w",
        ("springer-doi",),
        None,
        "10.1186/s42492-024-00171-w",
    ),
    (
        "https://link.springer.com/10.1007/978-3-031-73471-7_7",
        "https://link.springer.com/chapter/10.1007/978-3-031-73471-7_7",
        ("springer-doi",),
        None,
        "10.1007/978-3-031-73471-7_7",
    ),
    # atypon-doi: ACM, Wiley, RSNA, Liebert
    (
        "https://dl.acm.org/doi/abs/10.1145/3581783.3611830",
        "https://dl.acm.org/doi/10.1145/3581783.3611830",
        ("atypon-doi",),
        None,
        "10.1145/3581783.3611830",
    ),
    (
        "https://onlinelibrary.wiley.com/doi/pdf/10.1155/2024/6680546",
        "https://onlinelibrary.wiley.com/doi/10.1155/2024/6680546",
        ("atypon-doi",),
        None,
        "10.1155/2024/6680546",
    ),
    (
        "https://pubs.rsna.org/doi/pdf/10.1148/radiol.240273",
        "https://pubs.rsna.org/doi/10.1148/radiol.240273",
        ("atypon-doi",),
        None,
        "10.1148/radiol.240273",
    ),
    (
        "https://www.liebertpub.com/doi/pdf/10.1089/tmj.2023.0715",
        "https://www.liebertpub.com/doi/10.1089/tmj.2023.0715",
        ("atypon-doi",),
        None,
        "10.1089/tmj.2023.0715",
    ),
    # nature-article
    (
        "https://www.nature.com/articles/s41467-023-40260-7.pdf",
        "https://www.nature.com/articles/s41467-023-40260-7",
        ("nature-article",),
        None,
        "10.1038/s41467-023-40260-7",
    ),
    (
        "https://www.nature.com/articles/s41591-024-02856-4",
        "https://www.nature.com/articles/s41591-024-02856-4",
        ("nature-article",),
        None,
        "10.1038/s41591-024-02856-4",
    ),
    # frontiers-article
    (
        "https://www.frontiersin.org/journals/medicine/articles/10.3389/fmed.2023.1231436/pdf",
        "https://www.frontiersin.org/journals/medicine/articles/10.3389/fmed.2023.1231436/full",
        ("frontiers-article",),
        None,
        "10.3389/fmed.2023.1231436",
    ),
    # jmir-doi
    (
        "https://medinform.jmir.org/2024/1/e59273",
        "https://medinform.jmir.org/2024/1/e59273",
        ("jmir-doi",),
        None,
        "10.2196/59273",
    ),
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
    # ads-zenodo: OpenCLIP's Zenodo record through ADS
    (
        "https://ui.adsabs.harvard.edu/abs/2021zndo...5143773I/abstract",
        "https://ui.adsabs.harvard.edu/abs/2021zndo...5143773I/abstract",
        ("ads-zenodo",),
        None,
        "10.5281/zenodo.5143773",
    ),
    # tracking-params: click ids go, the page's own parameters stay in order
    (
        "https://example.org/paper?id=7&utm_source=twitter&fbclid=IwAR0&page=2",
        "https://example.org/paper?id=7&page=2",
        ("tracking-params",),
        None,
        None,
    ),
    (
        "https://example.org/paper#:~:text=vision%20language",
        "https://example.org/paper",
        ("tracking-params",),
        None,
        None,
    ),
    # empty-query
    ("https://example.org/page?", "https://example.org/page", ("empty-query",), None, None),
    # bare identifiers and hand-written links
    (
        "10.1038/s41551-024-01246-y",
        "https://doi.org/10.1038/s41551-024-01246-y",
        ("bare-doi", "doi-resolver"),
        None,
        "10.1038/s41551-024-01246-y",
    ),
    ("arXiv:2403.04290v2", "https://arxiv.org/abs/2403.04290", ("bare-arxiv",), "2403.04290", None),
    (
        "arxiv.org/abs/2303.00915",
        "https://arxiv.org/abs/2303.00915",
        ("scheme-added", "arxiv-abs"),
        "2303.00915",
        None,
    ),
    (
        "https://example.org/a paper.html",
        "https://example.org/a%20paper.html",
        ("space-encoded",),
        None,
        None,
    ),
]


@pytest.mark.parametrize(("link", "url", "rules", "arxiv", "doi"), CASES)
def test_canonicalise(
    link: str, url: str, rules: tuple[str, ...], arxiv: str | None, doi: str | None
) -> None:
    result = canonicalise(link)
    assert (result.url, result.rules, result.arxiv, result.doi) == (url, rules, arxiv, doi)
    assert result.dropped_reason is None


def test_every_rule_has_a_case() -> None:
    tested = {rule for _, _, rules, _, _ in CASES for rule in rules} | {"signed-dropped"}
    assert {rule.name for rule in links.RULES} <= tested


def test_rule_names_are_unique() -> None:
    names = [rule.name for rule in links.RULES]
    assert len(names) == len(set(names))


# --- dropped links ----------------------------------------------------------------------------


def test_silverchair_download_is_dropped_with_a_reason() -> None:
    result = canonicalise(SIGNED_SILVERCHAIR)
    assert result.url is None and result.dropped
    assert result.rules == ("signed-dropped",)
    assert result.dropped_reason is not None
    assert "token" in result.dropped_reason
    assert "ocad252.pdf" in result.dropped_reason
    assert "academic.oup.com" in result.dropped_reason


def test_signed_url_without_a_stable_page_is_dropped() -> None:
    result = canonicalise(
        "https://bucket.s3.amazonaws.com/paper.pdf?X-Amz-Expires=300&X-Amz-Signature=ab12"
    )
    assert result.url is None
    assert result.dropped_reason is not None
    assert "x-amz-expires, x-amz-signature" in result.dropped_reason


def test_sciencedirect_asset_without_pii_is_dropped() -> None:
    result = canonicalise("https://pdf.sciencedirectassets.com/272154/main.pdf")
    assert result.url is None
    assert result.dropped_reason is not None
    assert "sciencedirect.com page" in result.dropped_reason


@pytest.mark.parametrize(
    "link",
    [
        SIGNED_SCIENCEDIRECT,
        SIGNED_SILVERCHAIR,
        "https://cdn.example.org/f.pdf?Expires=1&Signature=x",
    ],
)
def test_signed_parameters_never_survive(link: str) -> None:
    url = canonicalise(link).url or ""
    assert not any(word in url.lower() for word in ("x-amz", "token=", "signature", "expires"))


# --- links left alone -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    [
        "https://github.com/snap-stanford/med-flamingo",
        "https://sites.google.com/view/repsnet",
        "https://stanfordmlgroup.github.io/competitions/chexpert/",
        "https://journals.lww.com/retinajournal/fulltext/2024/10000/"
        "applications_of_multimodal_generative_artificial.9.aspx",
        "https://aclanthology.org/2025.coling-main.571/",
        "https://proceedings.mlr.press/v227/jeong24a.html",
        "https://ieeexplore.ieee.org/document/10172039",
        "https://www.sciencedirect.com/science/article/pii/S0031320323009299",
        "https://example.org/search?q=clip&page=2#results",
    ],
)
def test_stable_url_is_unchanged(link: str) -> None:
    result = canonicalise(link)
    assert result == LinkResult(url=link)


def test_miccai_pdf_is_kept_because_its_page_cannot_be_derived() -> None:
    link = "https://papers.miccai.org/miccai-2024/paper/0254_paper.pdf"
    result = canonicalise(link)
    assert result.url == link
    assert result.is_pdf
    assert result.rules == ()


def test_pdf_without_landing_page_is_marked_pdf() -> None:
    result = canonicalise("https://cdn.openai.com/papers/dall-e-3.pdf")
    assert result.url == "https://cdn.openai.com/papers/dall-e-3.pdf"
    assert result.is_pdf


def test_rebuilt_landing_page_is_not_a_pdf() -> None:
    assert not canonicalise("https://www.nature.com/articles/s41467-024-51749-0.pdf").is_pdf


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty link"),
        ("   ", "empty link"),
        ("-", "not an http(s) URL"),
        ("Nature Medicine", "not an http(s) URL"),
        ("javascript:alert(1)", "not an http(s) URL"),
        ("ftp://example.org/paper.pdf", "not an http(s) URL"),
        ("http://", "not an http(s) URL"),
        ("http://[broken", "not an http(s) URL"),
    ],
)
def test_non_url_is_dropped_without_exception(text: str, reason: str) -> None:
    result = canonicalise(text)
    assert result.url is None
    assert result.dropped_reason is not None and result.dropped_reason.startswith(reason)


@pytest.mark.parametrize("link", [case[0] for case in CASES])
def test_canonical_url_is_a_fixed_point(link: str) -> None:
    once = canonicalise(link).url
    assert once is not None
    assert canonicalise(once).url == once


# --- inference: URLs --------------------------------------------------------------------------


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
    assert set(links.PMLR_VOLUMES) == set(PMLR_EXPECTED)


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
    assert set(links.ELSEVIER_ISSNS) == {pii[1:9] for pii in PII_EXPECTED}


def _issn_check_digit(first_seven: str) -> str:
    total = sum(int(d) * w for d, w in zip(first_seven, range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


@pytest.mark.parametrize("issn", sorted(links.ELSEVIER_ISSNS))
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


# --- inference: DOIs --------------------------------------------------------------------------

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
    assert set(links.SPRINGER_BOOKS) == set(SPRINGER_EXPECTED)


@pytest.mark.parametrize("isbn", sorted(links.SPRINGER_BOOKS))
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
    assert set(links.SPRINGER_NATURE_JOURNALS) == set(SPRINGER_NATURE_EXPECTED)


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
    assert set(links.IEEE_CODES) == codes


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
    assert set(links.ELSEVIER_CODES) == set(ELSEVIER_CODE_EXPECTED)


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
    assert set(links.FRONTIERS_JOURNALS) == set(FRONTIERS_EXPECTED)


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
    assert set(links.JMIR_JOURNALS) == set(JMIR_EXPECTED)


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


def test_rsna_and_lww_tables_are_fully_tested() -> None:
    assert set(links.RSNA_JOURNALS) == {"radiol", "ryai", "rg"}
    assert set(links.LWW_JOURNALS) == {"retinajournal"}


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
    assert set(links.ACL_EVENTS) == events


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
    assert set(links.ACL_OLD_LETTERS) == {i[0] for i in ACL_OLD_EXPECTED}


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
        for inference in links.DOI_INFERENCES
        if inference.pattern.match(doi)
    }
    assert matched == {inference.name for inference in links.DOI_INFERENCES}
    assert all(infer_from_doi(doi).found() for doi in tested_dois)


# --- titles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "title", "venue"),
    [
        # From the seed list, as written there.
        (
            " Clip-lung: Textual knowledge-guided lung nodule malignancy prediction, in: "
            "International Conference on Medical Image Computing and Computer-Assisted "
            "Intervention ",
            "Clip-lung: Textual knowledge-guided lung nodule malignancy prediction",
            "MICCAI",
        ),
        (
            "Foo: a model, in: International Conference on Medical Image Computing and "
            "Computer-Assisted Intervention, Springer, 2023, pp. 1-10",
            "Foo: a model",
            "MICCAI",
        ),
        (
            "CXPMRG-Bench: Pre-training and Benchmarking for X-ray Medical Report  Generation "
            "on CheXpert Plus Dataset      ",
            "CXPMRG-Bench: Pre-training and Benchmarking for X-ray Medical Report Generation "
            "on CheXpert Plus Dataset",
            None,
        ),
        (
            "Learning to see. In Proceedings of the IEEE/CVF Conference on Computer Vision and "
            "Pattern Recognition, pages 1-10, 2023",
            "Learning to see",
            "CVPR",
        ),
        (
            "Gpt-4 technical report, arXiv preprint arXiv:2303.08774 (2023)",
            "Gpt-4 technical report",
            "arXiv",
        ),
        ("A study. IEEE Transactions on Medical Imaging 42(3), 2023", "A study", "IEEE TMI"),
        ("A model, in: Some Regional Meeting, 2021", "A model", None),
        # Commas followed by ordinary words are part of the title.
        ("Segment anything, in the wild", "Segment anything, in the wild", None),
        (
            "Deep learning, international perspectives",
            "Deep learning, international perspectives",
            None,
        ),
        ("", "", None),
    ],
)
def test_clean_title(raw: str, title: str, venue: str | None) -> None:
    assert clean_title(raw) == (title, venue)


# One realistic name per entry of the venue table.
VENUE_NAME_CASES = [
    (
        "International Conference on Medical Image Computing and Computer-Assisted Intervention",
        "MICCAI",
    ),
    ("International Workshop on Machine Learning in Medical Imaging", "MLMI"),
    (
        "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition "
        "Workshops",
        "CVPR Workshops",
    ),
    ("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition", "CVPR"),
    ("European Conference on Computer Vision", "ECCV"),
    ("Proceedings of the Asian Conference on Computer Vision", "ACCV"),
    (
        "Proceedings of the IEEE/CVF International Conference on Computer Vision Workshops",
        "ICCV Workshops",
    ),
    ("Proceedings of the IEEE/CVF International Conference on Computer Vision", "ICCV"),
    ("Proceedings of the IEEE/CVF Winter Conference on Applications of Computer Vision", "WACV"),
    ("Advances in Neural Information Processing Systems", "NeurIPS"),
    ("International Conference on Machine Learning", "ICML"),
    ("International Conference on Learning Representations", "ICLR"),
    ("Proceedings of the AAAI Conference on Artificial Intelligence", "AAAI"),
    ("International Joint Conference on Artificial Intelligence", "IJCAI"),
    ("Findings of the Association for Computational Linguistics: EMNLP 2023", "Findings of EMNLP"),
    ("Findings of the Association for Computational Linguistics: NAACL 2024", "Findings of NAACL"),
    ("Findings of the Association for Computational Linguistics: EACL 2023", "Findings of EACL"),
    ("Findings of the Association for Computational Linguistics: ACL 2023", "Findings of ACL"),
    ("Conference on Empirical Methods in Natural Language Processing", "EMNLP"),
    ("North American Chapter of the Association for Computational Linguistics", "NAACL"),
    ("European Chapter of the Association for Computational Linguistics", "EACL"),
    ("Annual Meeting of the Association for Computational Linguistics", "ACL"),
    ("International Conference on Computational Linguistics", "COLING"),
    ("Medical Imaging with Deep Learning", "MIDL"),
    ("IEEE International Symposium on Biomedical Imaging", "ISBI"),
    ("Machine Learning for Healthcare Conference", "MLHC"),
    ("Machine Learning for Health (ML4H)", "ML4H"),
    ("Conference on Health, Inference, and Learning", "CHIL"),
    ("IEEE International Conference on Bioinformatics and Biomedicine", "BIBM"),
    ("Proceedings of the 31st ACM International Conference on Multimedia", "ACM MM"),
    ("IEEE Transactions on Medical Imaging", "IEEE TMI"),
    ("IEEE Journal of Biomedical and Health Informatics", "IEEE JBHI"),
    ("IEEE Transactions on Pattern Analysis and Machine Intelligence", "IEEE TPAMI"),
    ("IEEE Transactions on Image Processing", "IEEE TIP"),
    ("Medical Image Analysis", "Medical Image Analysis"),
    ("Nature Medicine", "Nature Medicine"),
    ("Nature Communications", "Nature Communications"),
    ("arXiv preprint arXiv:2303.08774", "arXiv"),
    ("MICCAI 2023", "MICCAI"),
    ("CVPR 2024", "CVPR"),
    ("ICCV 2023", "ICCV"),
    ("ECCV 2024", "ECCV"),
    ("WACV 2024", "WACV"),
    ("NIPS 2017", "NeurIPS"),
    ("ICML 2021", "ICML"),
    ("ICLR 2024", "ICLR"),
    ("AAAI 2024", "AAAI"),
    ("IJCAI 2023", "IJCAI"),
    ("EMNLP 2023", "EMNLP"),
    ("NAACL 2024", "NAACL"),
    ("EACL 2023", "EACL"),
    ("COLING 2025", "COLING"),
    ("ACL 2023", "ACL"),
    ("MIDL 2024", "MIDL"),
    ("ISBI 2023", "ISBI"),
]


@pytest.mark.parametrize(("name", "short"), VENUE_NAME_CASES)
def test_short_venue(name: str, short: str) -> None:
    assert short_venue(name) == short


def test_every_venue_name_entry_has_a_case() -> None:
    matched = set()
    for name, _ in VENUE_NAME_CASES:
        first = next(i for i, (pattern, _) in enumerate(links.VENUE_NAMES) if pattern.search(name))
        matched.add(first)
    assert matched == set(range(len(links.VENUE_NAMES)))


@pytest.mark.parametrize(
    "name",
    [
        "International Conference on Machine Learning and Applications",
        "Journal of Imaging",
        "",
    ],
)
def test_short_venue_unknown(name: str) -> None:
    assert short_venue(name) is None


@pytest.mark.parametrize(
    ("texts", "link"),
    [
        (
            ["Code is available at https://github.com/HealthX-Lab/MedCLIP-SAM."],
            "https://github.com/HealthX-Lab/MedCLIP-SAM",
        ),
        (
            ["Our code: github.com/example/asking-answering.git."],
            "https://github.com/example/asking-answering",
        ),
        ([None, "see http://www.github.com/a-b/c_d.e (MIT)"], "https://github.com/a-b/c_d.e"),
        (["Project page: https://example.org/x; no repository."], None),
        ([None, ""], None),
    ],
)
def test_code_links_are_found_in_text(texts: list[str | None], link: str | None) -> None:
    assert find_code_link(*texts) == link
