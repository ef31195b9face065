"""What an entry's fields become in a record."""

from __future__ import annotations

from datetime import date

from medvlm.catalog import Catalog
from medvlm.importers.bibtex.entries import import_bibtex

TODAY = date(2026, 11, 22)


def test_a_bad_doi_is_left_out_with_a_note(catalog: Catalog) -> None:
    text = "@article{d, title = {Segmentation}, doi = {not-a-doi}, year = 2020}\n"
    record = import_bibtex(text, catalog.taxonomy, [], TODAY).records[0]
    assert record.paper.ids.doi is None
    assert "doi 'not-a-doi' is not a DOI: left out" in record.notes
