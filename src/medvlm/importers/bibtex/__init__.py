"""BibTeX files (Zotero, JabRef, DBLP, Google Scholar, ADS exports) read with bibtexparser v2.

- `parse.py`: the text to a library of entries, macros, crossrefs and LaTeX resolved;
- `fields.py`: what an entry says (authors, title, year, venue, identifiers, links);
- `entries.py`: new records from the entries, with the report of what was not imported.
"""

from medvlm.importers.bibtex.entries import BibImportResult, import_bibtex
from medvlm.importers.bibtex.parse import BibImportError, parse_bibtex

__all__ = ["BibImportError", "BibImportResult", "import_bibtex", "parse_bibtex"]
