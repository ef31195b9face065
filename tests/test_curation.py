"""curation: a batch entry is the record's whole curated state, over its id and provenance."""

from __future__ import annotations

import datetime as dt

from medvlm.curation import CURATED, KEPT, curated_data
from medvlm.models import Paper


def test_the_entry_replaces_every_curated_field_and_keeps_the_records_provenance() -> None:
    existing = Paper.model_validate(
        {
            "id": "x2024",
            "title": "Old title",
            "venue": "IEEE TMI",
            "ids": {"doi": "10.1109/tmi.2024.1"},
            "tasks": ["vqa"],
            "sources": ["list-a"],
            "added": dt.date(2026, 11, 22),
        }
    )
    entry = {"id": "x2024", "title": "New title", "tasks": ["vqa"], "venue": None, "notes": "n"}
    assert curated_data(existing, entry) == {
        "id": "x2024",
        "sources": ["list-a"],
        "added": dt.date(2026, 11, 22),
        "title": "New title",
        "tasks": ["vqa"],
    }


def test_every_record_field_is_either_kept_or_curated() -> None:
    assert set(KEPT) | set(CURATED) == set(Paper.model_fields)
    assert not set(KEPT) & set(CURATED)
