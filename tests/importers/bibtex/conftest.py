"""Fixtures of the BibTeX tests."""

from __future__ import annotations

import pytest

from medvlm.catalog import Catalog, load_catalog
from tests.helpers import DATA


@pytest.fixture
def catalog() -> Catalog:
    loaded = load_catalog(DATA / "mini")
    assert loaded.problems == []
    return loaded
