from __future__ import annotations

import json
from pathlib import Path

from medvlm.schema import SCHEMA_PATH, paper_json_schema, render_schema
from medvlm.taxonomy import load_taxonomy
from tests.helpers import REPO


def test_committed_schema_is_in_sync_with_model_and_taxonomy() -> None:
    taxonomy = load_taxonomy(REPO / "taxonomy.yaml")
    committed = (REPO / SCHEMA_PATH).read_text(encoding="utf-8")
    assert committed == render_schema(taxonomy), "run `medvlm build` to regenerate the schema"


def test_schema_restricts_terms_and_forbids_unknown_keys(mini_catalog: Path) -> None:
    schema = paper_json_schema(load_taxonomy(mini_catalog / "taxonomy.yaml"))
    properties = schema["properties"]
    assert properties["tasks"]["items"]["enum"] == [
        "classification",
        "segmentation",
        "vqa",
        "other",
    ]
    assert properties["kind"]["enum"] == ["method", "survey"]
    assert properties["sources"]["items"]["enum"] == ["list-a"]
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"id", "title", "tasks"}
    assert json.loads(render_schema(load_taxonomy(mini_catalog / "taxonomy.yaml"))) == schema


def test_records_point_editors_at_the_schema() -> None:
    for path in sorted((REPO / "papers").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/paper.schema.json", path.name
