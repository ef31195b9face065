"""What contributors type to name a paper: an arXiv id or a DOI, in any of their common forms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from medvlm.identifiers import arxiv_id_or_none, doi_or_none, normalise_arxiv_id
from medvlm.sources.semanticscholar import s2_arxiv_id, s2_doi_id

# arXiv's DataCite DOIs name the preprint, not a publication: they become arXiv ids.
ARXIV_DOI_PREFIX = "10.48550/arxiv."


@dataclass(frozen=True)
class Reference:
    """A paper named by an arXiv id or a DOI; `value` is normalised, `text` as typed."""

    kind: Literal["arxiv", "doi"]
    value: str
    text: str

    @property
    def s2_id(self) -> str:
        """The id Semantic Scholar knows the paper by."""
        return s2_arxiv_id(self.value) if self.kind == "arxiv" else s2_doi_id(self.value)

    @property
    def label(self) -> str:
        return f"arXiv {self.value}" if self.kind == "arxiv" else f"DOI {self.value}"


def parse_reference(text: str) -> Reference:
    """An arXiv id or URL (abs/pdf/html, version, `arXiv:` prefix, old style) or a DOI or DOI URL.

    arXiv's own DOIs (10.48550/arXiv.<id>) name the preprint and become arXiv references.
    Raises ValueError with a message for users when `text` is neither.
    """
    doi = doi_or_none(text)
    if doi is not None:
        if doi.startswith(ARXIV_DOI_PREFIX):
            return Reference("arxiv", normalise_arxiv_id(doi[len(ARXIV_DOI_PREFIX) :]), text)
        return Reference("doi", doi, text)
    arxiv = arxiv_id_or_none(text)
    if arxiv is not None:
        return Reference("arxiv", arxiv, text)
    raise ValueError(
        f"not an arXiv id, DOI or BibTeX file: {text!r} "
        "(expected e.g. 2403.04290, https://arxiv.org/abs/2403.04290v2, 10.1038/s41586-023-06291-2 "
        "or refs.bib)"
    )
