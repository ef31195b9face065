"""JSON Schema of a record, generated from the Paper model, with the taxonomy's terms as enums.

Editors use it (through the `# yaml-language-server: $schema=...` line of each record) to validate
and complete records as people type.
"""

from __future__ import annotations

import json
from typing import Any

from medvlm.models import Paper, Taxonomy

SCHEMA_PATH = "schema/paper.schema.json"
_TERM_FIELDS = {
    "tasks": "task",
    "strategies": "strategy",
    "modalities": "modality",
    "datasets": "dataset",
}


def paper_json_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """The record schema: the model's shape, terms restricted to those of the taxonomy."""
    schema = Paper.model_json_schema(mode="validation")
    properties = schema["properties"]
    for field_name, axis in _TERM_FIELDS.items():
        properties[field_name]["items"] = {"enum": taxonomy.term_ids(axis), "type": "string"}
        properties[field_name]["uniqueItems"] = True
    properties["kind"]["enum"] = taxonomy.term_ids("kind")
    properties["sources"]["items"] = {"enum": taxonomy.source_ids(), "type": "string"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "paper.schema.json",
        **schema,
    }


def render_schema(taxonomy: Taxonomy) -> str:
    """The schema file's text: stable key order and a final newline, for byte-identical output."""
    return json.dumps(paper_json_schema(taxonomy), indent=2, ensure_ascii=False) + "\n"
