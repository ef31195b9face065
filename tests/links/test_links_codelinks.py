"""medvlm.links.codelinks: GitHub repositories named in free text."""

from __future__ import annotations

import pytest

from medvlm.links import find_code_link


@pytest.mark.parametrize(
    ("texts", "link"),
    [
        (
            ["Code is available at https://github.com/HealthX-Lab/MedCLIP-SAM."],
            "https://github.com/HealthX-Lab/MedCLIP-SAM",
        ),
        (
            ["Our code: github.com/example/asking-answering.git."],
            "https://github.com/example/asking-answering",
        ),
        ([None, "see http://www.github.com/a-b/c_d.e (MIT)"], "https://github.com/a-b/c_d.e"),
        (["Project page: https://example.org/x; no repository."], None),
        ([None, ""], None),
    ],
)
def test_code_links_are_found_in_text(texts: list[str | None], link: str | None) -> None:
    assert find_code_link(*texts) == link
