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


def test_emphasis_tags_need_a_year() -> None:
    assert parse_venue_tag("Medical Image Analysis", need_year=True) is None
    assert parse_venue_tag("Medical Image Analysis 2024", need_year=True) == VenueTag(
        "Medical Image Analysis 2024", "Medical Image Analysis", 2024
    )
