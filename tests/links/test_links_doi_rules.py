"""The rules of medvlm.links.doi_rules: links that carry an arXiv id or a DOI, mostly with
URLs taken from the seed lists (shared/anchors)."""

from __future__ import annotations

import pytest

from medvlm.links.doi_rules import DOI_RULES
from tests.links.rule_cases import Case, check_case, rules_in

CASES: list[Case] = [
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
    # ads-zenodo: OpenCLIP's Zenodo record through ADS
    (
        "https://ui.adsabs.harvard.edu/abs/2021zndo...5143773I/abstract",
        "https://ui.adsabs.harvard.edu/abs/2021zndo...5143773I/abstract",
        ("ads-zenodo",),
        None,
        "10.5281/zenodo.5143773",
    ),
]


@pytest.mark.parametrize("case", CASES)
def test_doi_rule(case: Case) -> None:
    check_case(case)


def test_every_doi_rule_has_a_case() -> None:
    assert {rule.name for rule in DOI_RULES} <= rules_in(CASES)
