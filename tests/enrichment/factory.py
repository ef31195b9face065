"""Records for the enrichment tests, valid against the mini taxonomy."""

from __future__ import annotations

from typing import Any

from medvlm.models import Paper, Taxonomy
from medvlm.sources.metadata import WorkMetadata

# What arXiv and Semantic Scholar answer for MedCLIP-SAM (trimmed).
ARXIV = WorkMetadata(
    title="MedCLIP-SAM: Bridging Text and Image",
    authors=("Taha Koleilat", "Hassan Rivaz"),
    year=2024,
    venue="arXiv",
    arxiv="2403.20253",
    abstract="Code is available at https://github.com/HealthX-Lab/MedCLIP-SAM.",
    url="https://arxiv.org/abs/2403.20253",
)
S2 = WorkMetadata(
    title="MedCLIP-SAM: Bridging Text and Image",
    authors=("T. Koleilat", "H. Rivaz"),
    year=2024,
    venue="MICCAI",
    arxiv="2403.20253",
    doi="10.1007/978-3-031-72390-2_60",
    url="https://www.semanticscholar.org/paper/8b3a2f5c1d9e4a7b6c0f1e2d3c4b5a6978877665",
)


def paper(taxonomy: Taxonomy, **fields: Any) -> Paper:
    data: dict[str, Any] = {"id": "x2024paper", "title": "A Paper", "tasks": ["other"], **fields}
    return Paper.model_validate(data, context={"taxonomy": taxonomy})
