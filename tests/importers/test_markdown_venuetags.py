"""Venue and year tags (medvlm.importers.venuetags)."""

from __future__ import annotations

import pytest

from medvlm.importers.markdown import VenueTag, parse_venue_tag


@pytest.mark.parametrize(
    ("text", "venue", "year"),
    [
        ("MICCAI 2024", "MICCAI", 2024),
        ("CVPR'24", "CVPR", 2024),
        ("CVPR\u201924", "CVPR", 2024),
        ("MICCAI24", "MICCAI", 2024),
        ("NeurIPS 2023 Datasets and Benchmarks", "NeurIPS", 2023),
        ("2023", None, 2023),
        ("TMI 2023", "TMI", 2023),
        ("Nature Medicine", "Nature Medicine", None),
        ("IEEE Transactions on Medical Imaging, 2024", "IEEE TMI", 2024),
        ("arXiv'2401", "arXiv", 2024),  # year and month
        ("JBHI (2023).", "JBHI", 2023),
        ("Mar., 2022", None, 2022),  # a month names no venue
        ("Sep. 2022", None, 2022),
        # A venue in title case the venue table does not know, with its year.
        (
            "IEEE Reviews in Biomedical Engineering'24",
            "IEEE Reviews in Biomedical Engineering",
            2024,
        ),
    ],
)
def test_parse_venue_tag(text: str, venue: str | None, year: int | None) -> None:
    tag = parse_venue_tag(text)
    assert tag is not None
    assert (tag.venue, tag.year) == (venue, year)


@pytest.mark.parametrize(
    "text",
    [
        "code",
        "Segment Anything",
        "SAM",  # an acronym the venue table does not know is trusted only with a year
        "MedCLIP: Contrastive Learning from Unpaired Medical Images and Text",
        "",
    ],
)
def test_not_a_venue_tag(text: str) -> None:
    assert parse_venue_tag(text) is None


def test_emphasis_tags_need_a_year_or_a_short_known_venue() -> None:
    assert parse_venue_tag("Medical Image Analysis 2024", emphasis=True) == VenueTag(
        "Medical Image Analysis 2024", "Medical Image Analysis", 2024
    )
    # "— **Nature Communications**" after a title: a venue named alone.
    assert parse_venue_tag("Nature Communications", emphasis=True) == VenueTag(
        "Nature Communications", "Nature Communications", None
    )
    # A longer phrase naming a venue is more likely a bold title; an unknown acronym needs
    # a year.
    assert (
        parse_venue_tag("Vision-Language Models for Medical Image Analysis", emphasis=True) is None
    )
    assert parse_venue_tag("SAM", emphasis=True) is None
    # Badges and headings need the year.
    assert parse_venue_tag("Nature Communications", need_year=True) is None
