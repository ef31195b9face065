from __future__ import annotations

from pathlib import Path

import pytest

from medvlm.problems import ProblemsError
from medvlm.taxonomy import load_taxonomy, suggest_terms, term_for_alias
from tests.helpers import DATA, REPO


def test_aliases_map_headings_to_terms() -> None:
    taxonomy = load_taxonomy(DATA / "mini" / "taxonomy.yaml")
    assert term_for_alias(taxonomy, "task", "VLM in Medical image segmentation") == "segmentation"
    assert term_for_alias(taxonomy, "task", "medical vqa") == "vqa"
    assert term_for_alias(taxonomy, "task", "Classification") == "classification"
    assert term_for_alias(taxonomy, "task", "Cooking") is None


def test_keywords_suggest_terms_on_word_boundaries() -> None:
    taxonomy = load_taxonomy(DATA / "mini" / "taxonomy.yaml")
    title = "Contrastive pre-training for chest X-ray diagnosis"
    assert suggest_terms(taxonomy, "strategy", title) == ["pretraining"]
    assert suggest_terms(taxonomy, "modality", title) == ["xray"]
    # "ct" must not match inside "detection" or "contrastive"
    assert suggest_terms(taxonomy, "modality", "Object detection, contrastive") == []
    assert suggest_terms(taxonomy, "modality", "Lesion finding in CT scans") == ["ct"]


def test_the_repository_taxonomy_has_every_axis_complete() -> None:
    taxonomy = load_taxonomy(REPO / "taxonomy.yaml")
    assert len(taxonomy.term_ids("task")) == 13
    assert len(taxonomy.term_ids("strategy")) == 7
    assert len(taxonomy.term_ids("modality")) == 12
    assert taxonomy.term_ids("kind") == [
        "method",
        "foundation-model",
        "dataset",
        "benchmark",
        "evaluation",
        "survey",
    ]
    for axis in ("task", "strategy", "modality", "kind"):
        for term in taxonomy.axes[axis].terms:  # type: ignore[index]
            assert term.description.endswith("."), term.id


def test_a_missing_or_broken_taxonomy_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(ProblemsError, match="taxonomy file not found"):
        load_taxonomy(tmp_path / "taxonomy.yaml")
    (tmp_path / "taxonomy.yaml").write_text("axes:\n  task: 3\n")
    with pytest.raises(ProblemsError) as caught:
        load_taxonomy(tmp_path / "taxonomy.yaml")
    messages = [str(problem) for problem in caught.value.problems]
    assert (
        "taxonomy.yaml:2: axes.task: input should be a valid dictionary or instance of Axis, got 3"
        in messages
    )
