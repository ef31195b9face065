"""Titles and model names in the case they should be written (medvlm.seeding.titles)."""

from __future__ import annotations

from medvlm.seeding import case_from_page_name, title_case


def test_case_from_page_name() -> None:
    cvf = (
        "https://openaccess.thecvf.com/content/CVPR2023/html/Huang_KiUT_Knowledge-Injected_"
        "U-Transformer_for_Radiology_Report_Generation_CVPR_2023_paper.html"
    )
    title = "Kiut: Knowledge-injected u-transformer for radiology report generation"
    assert case_from_page_name(title, [cvf]) == (
        "KiUT: Knowledge-Injected U-Transformer for Radiology Report Generation"
    )
    assert case_from_page_name(title, ["https://arxiv.org/abs/2303.00001"]) == title


def test_title_case_of_shouting_titles() -> None:
    assert title_case("3D-MIR: A BENCHMARK & EMPIRICAL STUDY ON 3D MEDICAL IMAGE RETRIEVAL") == (
        "3D-MIR: A Benchmark & Empirical Study on 3D Medical Image Retrieval"
    )
