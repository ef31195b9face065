"""HTTP clients for paper metadata: arXiv, Crossref and Semantic Scholar, on one shared session.

Typical use::

    config = SourcesConfig.from_env()
    with make_session(config) as session:
        found = fetch_arxiv(session, config, ["2103.00020"])
"""

from medvlm.sources.arxiv import fetch_arxiv, fetch_arxiv_paper, require_arxiv
from medvlm.sources.crossref import fetch_crossref
from medvlm.sources.http import SourceError, SourcesConfig, make_session
from medvlm.sources.metadata import WorkMetadata, merge_metadata
from medvlm.sources.semanticscholar import fetch_s2_batch, fetch_s2_paper, s2_arxiv_id, s2_doi_id

__all__ = [
    "SourceError",
    "SourcesConfig",
    "WorkMetadata",
    "fetch_arxiv",
    "fetch_arxiv_paper",
    "fetch_crossref",
    "fetch_s2_batch",
    "fetch_s2_paper",
    "make_session",
    "merge_metadata",
    "require_arxiv",
    "s2_arxiv_id",
    "s2_doi_id",
]
