"""medvlm.links.titles: titles cleaned of citation text, venue names to short names."""

from __future__ import annotations

import pytest

from medvlm.links import clean_title, short_venue
from medvlm.links.venuetables import venue_tables


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
    ("Medical Image Understanding and Analysis (MIUA)", "MIUA"),
    ("Machine Learning for Healthcare Conference", "MLHC"),
    ("Machine Learning for Health (ML4H)", "ML4H"),
    ("Conference on Health, Inference, and Learning", "CHIL"),
    ("IEEE International Conference on Bioinformatics and Biomedicine", "BIBM"),
    ("Proceedings of the 31st ACM International Conference on Multimedia", "ACM MM"),
    ("IEEE Transactions on Medical Imaging", "IEEE TMI"),
    ("IEEE Journal of Biomedical and Health Informatics", "IEEE JBHI"),
    ("IEEE Transactions on Pattern Analysis and Machine Intelligence", "IEEE TPAMI"),
    ("IEEE Transactions on Image Processing", "IEEE TIP"),
    ("IEEE Transactions on Multimedia", "IEEE TMM"),
    ("IEEE Transactions on Neural Networks and Learning Systems", "IEEE TNNLS"),
    ("IEEE Transactions on Emerging Topics in Computational Intelligence", "IEEE TETCI"),
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
        entries = venue_tables().venue_names
        first = next(i for i, entry in enumerate(entries) if entry.pattern.search(name))
        matched.add(first)
    assert matched == set(range(len(venue_tables().venue_names)))


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
