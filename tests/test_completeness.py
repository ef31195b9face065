"""completeness: per field, the share of records filled and the records missing it."""

from __future__ import annotations

from typing import Any

from medvlm.completeness import MEASURES, completeness, doi_venues
from medvlm.models import Paper


def paper(record_id: str, **fields: Any) -> Paper:
    return Paper.model_validate({"id": record_id, "title": record_id, "tasks": ["other"], **fields})


COMPLETE: dict[str, Any] = {
    "authors": ["Ann Lee"],
    "ids": {"doi": "10.1000/x"},
    "modalities": ["xray"],
    "strategies": ["pretraining"],
    "reviewed": True,
    "summary": "What it does.",
    "evidence": ["https://example.org/x"],
    "datasets": ["mimic-cxr"],
}


def figures(papers: list[Paper]) -> dict[str, tuple[int, int, list[str]]]:
    return {
        field.measure.field: (field.filled, field.total, [p.id for p in field.missing])
        for field in completeness(papers).fields
    }


def test_the_issues_measures_with_their_targets() -> None:
    assert [(m.field, m.target) for m in MEASURES] == [
        ("authors", 95),
        ("ids", 90),
        ("modalities", 98),
        ("strategies", 98),
        ("reviewed", 95),
        ("summary", 95),
        ("evidence", 95),
        ("datasets", 50),
    ]


def test_each_field_counts_what_is_filled_and_lists_what_is_missing() -> None:
    papers = [
        paper("full", **COMPLETE),
        paper("bare"),
        paper("arxiv-only", ids={"arxiv": "2401.00001"}, authors=["Bo Chen"]),
    ]
    assert figures(papers) == {
        "authors": (2, 3, ["bare"]),
        "ids": (2, 3, ["bare"]),
        "modalities": (1, 3, ["arxiv-only", "bare"]),
        "strategies": (1, 3, ["arxiv-only", "bare"]),
        "reviewed": (1, 3, ["arxiv-only", "bare"]),
        "summary": (1, 3, ["arxiv-only", "bare"]),
        "evidence": (1, 3, ["arxiv-only", "bare"]),
        "datasets": (1, 3, ["arxiv-only", "bare"]),
    }


def test_strategies_count_methods_and_foundation_models_datasets_methods_only() -> None:
    papers = [
        paper("survey", kind="survey"),  # counted by neither
        paper("benchmark", kind="benchmark"),
        paper("foundation", kind="foundation-model", strategies=["pretraining"]),
        paper("method", kind="method"),
    ]
    found = figures(papers)
    assert found["strategies"] == (1, 2, ["method"])
    assert found["datasets"] == (0, 1, ["method"])
    assert found["authors"][1] == 4  # the other measures count every record


def test_targets_are_met_at_exactly_the_share() -> None:
    # 19 of 20 records with authors: 95%, the target; 18 of 20 is below it.
    papers = [paper(f"p{i:02d}", **COMPLETE) for i in range(19)] + [paper("p19")]
    authors = completeness(papers).fields[0]
    assert (authors.filled, authors.total, authors.share, authors.met) == (19, 20, 0.95, True)
    papers[0] = paper("p00")
    assert not completeness(papers).fields[0].met


def test_a_share_just_below_its_target_never_prints_as_the_target() -> None:
    # 189 of 199 records with authors is 94.97%: rounding to 95.0% would read as met.
    papers = [paper(f"p{i:03d}", **COMPLETE) for i in range(189)]
    papers += [paper(f"q{i:03d}") for i in range(10)]
    authors = completeness(papers).fields[0]
    assert (authors.percent, authors.met) == ("94.9%", False)
    assert completeness(papers[:190]).fields[0].percent == "99.4%"  # 189 of 190: 99.47%
    assert completeness(papers[:189]).fields[0].percent == "100.0%"


def test_an_empty_population_is_complete() -> None:
    report = completeness([paper("survey", kind="survey", **{"authors": ["A B"]})])
    strategies = next(f for f in report.fields if f.measure.field == "strategies")
    assert (strategies.total, strategies.share, strategies.met) == (0, 1.0, True)
    assert completeness([]).records == 0


def test_records_saying_arxiv_are_listed_by_id_whatever_the_order() -> None:
    papers = [
        paper("b", venue="arXiv"),
        paper("a", venue="arXiv"),
        paper("c", venue="MICCAI"),
        paper("d"),
    ]
    report = completeness(papers)
    assert [p.id for p in report.arxiv_venue] == ["a", "b"]
    assert completeness(reversed(papers)) == report


def test_a_record_lacking_the_venue_its_own_doi_names_is_listed_with_that_venue() -> None:
    papers = [
        paper("arxiv-journal-doi", venue="arXiv", ids={"doi": "10.1007/s11604-024-01561-z"}),
        paper("none-miccai-doi", ids={"doi": "10.1007/978-3-031-43904-9_52"}),
        paper("arxiv-unknown-doi", venue="arXiv", ids={"doi": "10.1000/x"}),
        paper("journal-doi", venue="Radiology", ids={"doi": "10.1109/tmi.2024.3424505"}),
        paper("arxiv-no-doi", venue="arXiv"),
    ]
    found = [(item.paper.id, item.venue) for item in doi_venues(papers)]
    # A venue the record already has is left alone, whichever it is: the DOI only speaks for
    # records with none; a DOI the tables cannot decode names nothing.
    assert found == [
        ("arxiv-journal-doi", "Japanese Journal of Radiology"),
        ("none-miccai-doi", "MICCAI"),
    ]
