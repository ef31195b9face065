"""Fixtures of the enrichment tests."""

from __future__ import annotations

import pytest

from medvlm.models import Taxonomy
from medvlm.taxonomy import load_taxonomy
from tests.helpers import DATA


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy(DATA / "mini" / "taxonomy.yaml")
