"""HTTP clients for paper metadata, on one shared session.

- `http.py`: configuration, the session, `send` and `SourceError`; `politeness.py` (per-host
  spacing, retries), `cache.py` (on-disk cache) and `failures.py` (messages) serve it;
- `arxiv.py`, `crossref.py`, `semanticscholar.py`: one client per service, look-ups by
  identifier and by title;
- `metadata.py`: `WorkMetadata`, the shape every client returns.
"""
