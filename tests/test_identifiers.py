from __future__ import annotations

import pytest

from medvlm.identifiers import (
    arxiv_id_or_none,
    arxiv_year,
    doi_or_none,
    first_title_word,
    make_record_id,
    normalise_arxiv_id,
    normalise_doi,
    normalise_space,
    title_key,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2403.04290", "2403.04290"),
        ("2403.04290v3", "2403.04290"),
        ("arXiv:2403.04290", "2403.04290"),
        ("arxiv: 2403.04290v1", "2403.04290"),
        ("https://arxiv.org/abs/2403.04290", "2403.04290"),
        ("https://arxiv.org/pdf/2403.04290v2", "2403.04290"),
        ("https://arxiv.org/pdf/2403.04290.pdf", "2403.04290"),
        ("http://arxiv.org/html/2403.04290v1", "2403.04290"),
        ("https://export.arxiv.org/abs/1908.08530?context=cs", "1908.08530"),
        ("1501.0001", "1501.0001"),
        ("2403.04290\n", "2403.04290"),
        ("cs/0112017", "cs/0112017"),
        ("cs/0112017v2", "cs/0112017"),
        ("math.GT/0309136", "math.GT/0309136"),
        ("https://arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001"),
    ],
)
def test_arxiv_ids_normalise(raw: str, expected: str) -> None:
    assert normalise_arxiv_id(raw) == expected


@pytest.mark.parametrize("raw", ["", "2403", "abc", "10.1038/x", "https://example.org/2403.04290"])
def test_non_arxiv_ids_are_refused(raw: str) -> None:
    with pytest.raises(ValueError, match="not an arXiv id"):
        normalise_arxiv_id(raw)


def test_arxiv_year() -> None:
    assert arxiv_year("2403.04290") == 2024
    assert arxiv_year("cs/9912017") == 1999
    assert arxiv_year("cs/0112017") == 2001


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10.1038/S41591-023-02504-3", "10.1038/s41591-023-02504-3"),
        ("https://doi.org/10.1109/TMI.2023.1", "10.1109/tmi.2023.1"),
        ("http://dx.doi.org/10.1016/j.media.2024.103279", "10.1016/j.media.2024.103279"),
        ("doi:10.1145/3664647.3681568", "10.1145/3664647.3681568"),
        (" doi.org/10.1007/978-3-031-43904-9_27 ", "10.1007/978-3-031-43904-9_27"),
        ("10.1016/J.MEDIA.2024.103279.", "10.1016/j.media.2024.103279"),
        ("10.1016/j.media.2024.103279\n", "10.1016/j.media.2024.103279"),
    ],
)
def test_dois_normalise(raw: str, expected: str) -> None:
    assert normalise_doi(raw) == expected


@pytest.mark.parametrize("raw", ["", "10.1/x", "doi", "https://example.org/10.1038"])
def test_non_dois_are_refused(raw: str) -> None:
    with pytest.raises(ValueError, match="not a DOI"):
        normalise_doi(raw)


def test_whitespace_and_title_keys() -> None:
    assert normalise_space("  A\n  title\u00a0with\tspaces ") == "A title with spaces"
    assert title_key("MedCLIP: Contrastive Learning!") == title_key("medclip contrastive learning")
    assert title_key("Ariadne’s Thread") == title_key("Ariadne's thread")
    assert title_key("Café") == "cafe"


def test_every_kind_of_whitespace_is_collapsed() -> None:
    spaces = [chr(code) for code in range(0x110000) if chr(code).isspace()]
    assert len(spaces) > 20
    for space in spaces:
        assert normalise_space(f"a{space}b{space}") == "a b", hex(ord(space))
        assert normalise_space(f"{space}a  b") == "a b"


def test_record_id_rule() -> None:
    title = "MedM2G: Unifying Medical Multi-Modal Generation via Cross-Guided Diffusion"
    assert make_record_id(title, 2024, ["Chenlu Zhan", "Yu Lin"]) == "zhan2024medm2g"
    assert make_record_id("The Rise of AI", 2023, ["Qin, Linhao"]) == "qin2023rise"
    assert make_record_id("Vision-Language Models", 2025, ["Xiang Li"]) == "li2025vision"
    assert make_record_id("Segment Anything", 2023, ["Alexander Kirillov"]) == "kirillov2023segment"
    assert make_record_id("Über Modelle", 2020, ["José Núñez"]) == "nunez2020uber"
    assert make_record_id("Segment Anything", 2023) == "segment2023"
    assert first_title_word("A Survey on VLMs") == "survey"


def test_record_id_clashes_get_suffixes() -> None:
    taken = {"li2024clip", "li2024clip-b"}
    assert make_record_id("CLIP for X", 2024, ["Wei Li"], taken) == "li2024clip-c"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("arXiv:2403.04290v2", "2403.04290"), ("not an id", None), (2403.0429, None), (None, None)],
)
def test_arxiv_id_or_none(value: object, expected: str | None) -> None:
    assert arxiv_id_or_none(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("https://doi.org/10.1038/S41591-023", "10.1038/s41591-023"), ("10.x/y", None), (7, None)],
)
def test_doi_or_none(value: object, expected: str | None) -> None:
    assert doi_or_none(value) == expected
