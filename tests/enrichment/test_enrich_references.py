"""What contributors type: arXiv ids and DOIs in their common forms."""

from __future__ import annotations

import pytest

from medvlm.enrichment.references import Reference, parse_reference


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("2403.04290", "arxiv", "2403.04290"),
        ("2403.04290v3", "arxiv", "2403.04290"),
        ("arXiv:2403.04290", "arxiv", "2403.04290"),
        ("https://arxiv.org/abs/2403.04290v2", "arxiv", "2403.04290"),
        ("https://arxiv.org/pdf/2403.04290v2.pdf", "arxiv", "2403.04290"),
        ("https://arxiv.org/html/2403.04290v1", "arxiv", "2403.04290"),
        ("hep-ex/0307015v1", "arxiv", "hep-ex/0307015"),
        ("https://arxiv.org/abs/cs/0112017", "arxiv", "cs/0112017"),
        ("10.48550/arXiv.2403.04290", "arxiv", "2403.04290"),
        ("10.1038/S41586-023-06291-2", "doi", "10.1038/s41586-023-06291-2"),
        ("https://doi.org/10.1038/s41586-023-06291-2", "doi", "10.1038/s41586-023-06291-2"),
        ("doi:10.1007/978-3-031-72390-2_60", "doi", "10.1007/978-3-031-72390-2_60"),
    ],
)
def test_references_in_every_common_form(text: str, kind: str, value: str) -> None:
    reference = parse_reference(text)
    assert (reference.kind, reference.value, reference.text) == (kind, value, text)


def test_a_reference_names_its_semantic_scholar_id() -> None:
    assert parse_reference("2403.04290v2").s2_id == "ARXIV:2403.04290"
    assert parse_reference("10.1038/x1").s2_id == "DOI:10.1038/x1"


@pytest.mark.parametrize("text", ["", "clip", "https://example.org/paper", "2403.042"])
def test_anything_else_is_refused_with_examples(text: str) -> None:
    with pytest.raises(
        ValueError, match=r"^not an arXiv id, DOI or BibTeX file: .*expected e\.g\."
    ):
        parse_reference(text)


def test_reference_labels_say_what_was_asked() -> None:
    assert Reference("arxiv", "2403.20253", "x").label == "arXiv 2403.20253"
    assert Reference("doi", "10.1000/x", "x").label == "DOI 10.1000/x"
