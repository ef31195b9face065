"""The repository's taxonomy, for the seeding tests."""

from __future__ import annotations

import pytest

from medvlm.models import Taxonomy
from tests.seeding.seedfixtures import real_taxonomy


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return real_taxonomy()
