"""Links found in paper lists, offline: no I/O beyond the package's venue tables, no network.

- canonical.py: `canonicalise(url)`, the stable link to store and the arXiv id and DOI it
  carries, by the ordered rules of doi_rules.py, page_rules.py and query_rules.py (on the
  URL parts of urls.py);
- venues.py: `infer_venue_year(url)`, the venue and year a link spells out; doi_venues.py:
  `infer_from_doi(doi)`; both read venuetables.py, the tables of venues.yaml;
- titles.py: `short_venue(name)` and `clean_title(raw)`;
- codelinks.py: `find_code_link(*texts)`.

The names other modules use are importable from `medvlm.links` itself.
"""

from medvlm.links.canonical import LinkResult, canonicalise
from medvlm.links.codelinks import find_code_link
from medvlm.links.doi_venues import infer_from_doi
from medvlm.links.titles import clean_title, short_venue
from medvlm.links.urls import on_hosts
from medvlm.links.venues import infer_venue_year
from medvlm.links.venuetables import Venue

__all__ = [
    "LinkResult",
    "Venue",
    "canonicalise",
    "clean_title",
    "find_code_link",
    "infer_from_doi",
    "infer_venue_year",
    "on_hosts",
    "short_venue",
]
