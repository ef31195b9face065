"""Records from fetched metadata: new records for `medvlm add`, missing fields for `medvlm enrich`.

No module here writes files (the commands do):

- `references.py`: what contributors type (an arXiv id or a DOI, in any common form);
- `index.py`: the identity keys of a catalog's records, to find duplicates and matches;
- `combine.py`: one paper's metadata from the answers of several services;
- `records.py`: a new record with suggested taxonomy terms;
- `merge.py`: the fill-only merge into an existing record, never replacing what a person wrote;
- `batches.py`: fetching from arXiv, Crossref and Semantic Scholar in batches;
- `titles.py`: identifiers for records that have none, found by their exact title;
- `frombib.py`: BibTeX entries merged into the records they match (`enrich --from-bib`).
"""
