from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from medvlm.models import Paper, Taxonomy
from medvlm.problems import from_validation_error
from medvlm.taxonomy import load_taxonomy

MINI = Path(__file__).parent / "data" / "mini" / "taxonomy.yaml"


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy(MINI)


def record(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": "doe2024test", "title": "A Test", "tasks": ["classification"]}
    base.update(fields)
    return base


def errors(data: dict[str, Any], taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """(field, message) of each problem, worded as `medvlm validate` reports them."""
    with pytest.raises(ValidationError) as caught:
        Paper.model_validate(data, context={"taxonomy": taxonomy})
    problems = from_validation_error(caught.value, Paper, "x.yaml", lambda _loc: 1)
    return [(problem.field, problem.message) for problem in problems]


def test_a_minimal_record_gets_defaults(taxonomy: Taxonomy) -> None:
    paper = Paper.model_validate(record(), context={"taxonomy": taxonomy})
    assert paper.kind == "method"
    assert paper.reviewed is False
    assert paper.url is None
    assert paper.to_data() == {
        "id": "doe2024test",
        "title": "A Test",
        "kind": "method",
        "tasks": ["classification"],
        "reviewed": False,
    }


def test_normalisation_of_ids_titles_and_names(taxonomy: Taxonomy) -> None:
    paper = Paper.model_validate(
        record(
            title="  Spread\n   over  lines ",
            authors=["  Jane   Smith "],
            ids={
                "arxiv": "https://arxiv.org/pdf/2403.04290v2",
                "doi": "https://doi.org/10.1234/ABC",
            },
            added=dt.date(2026, 1, 2),
        ),
        context={"taxonomy": taxonomy},
    )
    assert paper.title == "Spread over lines"
    assert paper.authors == ["Jane Smith"]
    assert paper.ids.arxiv == "2403.04290"
    assert paper.ids.doi == "10.1234/abc"
    assert paper.url == "https://arxiv.org/abs/2403.04290"


@pytest.mark.parametrize(
    "authors",
    [
        ["Jane  Smith", "Li Wei"],
        ["Jane Smith ", "Li Wei"],
        ["Jane Smith", " Li Wei"],
        ["Jane Smith", "Li\u00a0Wei"],
        ["Jane Smith", "Li\nWei"],
        [" Jane Smith", "Li Wei"],
        ["Jane Smith", "Li Wei\t"],
    ],
)
def test_a_stray_space_in_any_author_is_cleaned(taxonomy: Taxonomy, authors: list[str]) -> None:
    # Clean lists are checked as one joined text: a stray space must show wherever it is.
    paper = Paper.model_validate(record(authors=authors), context={"taxonomy": taxonomy})
    assert paper.authors == ["Jane Smith", "Li Wei"]


@pytest.mark.parametrize("authors", [("Jane Smith", "Li Wei"), ("Jane  Smith", "Li Wei")])
def test_author_tuples_become_lists_even_in_strict_validation(
    taxonomy: Taxonomy, authors: tuple[str, ...]
) -> None:
    paper = Paper.model_validate(record(authors=authors), strict=True)
    assert paper.authors == ["Jane Smith", "Li Wei"]


def test_unknown_keys_are_refused_with_a_suggestion(taxonomy: Taxonomy) -> None:
    found = errors(record(titel="x"), taxonomy)
    assert found == [("titel", "unknown field (did you mean 'title'?)")]


@pytest.mark.parametrize(
    ("fields", "loc", "fragment"),
    [
        ({"year": 1900}, "year", "must be between 1950"),
        ({"year": 3000}, "year", "must be between 1950"),
        ({"year": "2024"}, "year", "input should be a valid integer, got"),
        ({"year": True}, "year", "input should be a valid integer, got"),
        ({"reviewed": "yes"}, "reviewed", "input should be a valid boolean, got"),
        ({"links": {"code": "ftp://example.org/x"}}, "links.code", "must be an http(s) URL"),
        ({"links": {"paper": "javascript:alert(1)"}}, "links.paper", "must be an http(s) URL"),
        ({"ids": {"arxiv": 2403.0429}}, "ids.arxiv", "must be a quoted string"),
        ({"ids": {"arxiv": "1234"}}, "ids.arxiv", "not an arXiv id"),
        ({"ids": {"doi": "doi:nope"}}, "ids.doi", "not a DOI"),
        ({"id": "Bad_Id"}, "id", "string should match pattern"),
        ({"tasks": []}, "tasks", "at least 1 item"),
        ({"tasks": ["segmentaton"]}, "tasks", "did you mean 'segmentation'?"),
        ({"tasks": ["vqa", "vqa"]}, "tasks", "repeated term 'vqa'"),
        ({"strategies": ["zero-shot"]}, "strategies", "unknown strategy 'zero-shot'"),
        ({"modalities": ["x-ray"]}, "modalities", "did you mean 'xray'?"),
        ({"kind": "review"}, "kind", "unknown kind 'review'"),
        ({"sources": ["list-b"]}, "sources", "did you mean 'list-a'?"),
        ({"domain": "clinical"}, "domain", "input should be 'natural' or 'medical'"),
        ({"title": "   "}, "title", "must not be empty"),
        ({"authors": ["Ann Lee", " \n"]}, "authors.1", "must not be empty"),
        ({"venue": ""}, "venue", "must not be empty"),
    ],
)
def test_invalid_fields(
    taxonomy: Taxonomy, fields: dict[str, Any], loc: str, fragment: str
) -> None:
    found = errors(record(**fields), taxonomy)
    assert any(where == loc and fragment in message for where, message in found), found


def test_without_taxonomy_only_the_shape_is_checked() -> None:
    paper = Paper.model_validate(record(tasks=["anything"]))
    assert paper.tasks == ["anything"]


def test_taxonomy_model_refuses_duplicate_terms_and_aliases(taxonomy: Taxonomy) -> None:
    data = taxonomy.model_dump()
    terms = data["axes"]["task"]["terms"]
    terms.append(dict(terms[0]))
    with pytest.raises(ValidationError, match="defined twice"):
        Taxonomy.model_validate(data)
    data = taxonomy.model_dump()
    data["axes"]["task"]["terms"][1]["aliases"] = ["Medical VQA"]
    with pytest.raises(ValidationError, match="belongs to both"):
        Taxonomy.model_validate(data)
    data = taxonomy.model_dump()
    del data["axes"]["kind"]
    with pytest.raises(ValidationError, match="missing axes: kind"):
        Taxonomy.model_validate(data)
