"""Reading BibTeX text: macros, concatenation, LaTeX and verbatim fields, text with no entry."""

from __future__ import annotations

from datetime import date

import pytest

from medvlm.catalog import Catalog
from medvlm.importers.bibtex.entries import import_bibtex
from medvlm.importers.bibtex.parse import BibImportError, expand_macros, split_concatenation

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize("text", ["", "Just some notes, no entries.\n", "@comment{nothing}\n"])
def test_text_without_entries_is_an_error(catalog: Catalog, text: str) -> None:
    with pytest.raises(BibImportError, match="no BibTeX entries found"):
        import_bibtex(text, catalog.taxonomy, catalog, TODAY)


def test_verbatim_fields_keep_their_characters(catalog: Catalog) -> None:
    text = r"""@article{v,
  title = {Caf{\'e} {\&} Tildes~Here},
  url = {https://example.org/~user/a\_b.html},
  doi = {doi:10.1000/ABC\_1}
}"""
    paper = import_bibtex(text, catalog.taxonomy, [], TODAY).papers[0]
    assert paper.title == "Café & Tildes Here"
    assert paper.links.paper == "https://example.org/~user/a_b.html"
    assert paper.ids.doi == "10.1000/abc_1"


def test_macros_and_concatenation() -> None:
    macros = {"conf": "MICCAI", "jan": "January"}
    assert split_concatenation('conf # " 2023" # {x}') == ["conf", '" 2023"', "{x}"]
    assert split_concatenation("{a # b}") == ["{a # b}"]
    assert split_concatenation("{unbalanced") is None
    assert expand_macros('conf # " 2023"', macros) == "{MICCAI 2023}"
    assert expand_macros("JAN", macros) == "{January}"
    assert expand_macros("{conf}", macros) is None  # a braced value is text, not a macro
    assert expand_macros("2023", macros) is None
    assert expand_macros('unknown # " x"', macros) == "{unknown x}"


def test_string_macros_month_macros_and_unbraced_years(catalog: Catalog) -> None:
    text = """@string{ venue = "Medical Image Computing and Computer Assisted Intervention" }
@STRING{full = venue # " -- {MICCAI} 2023"}
@inproceedings{m, title = {Chest X-ray segmentation}, booktitle = full, month = jan, year = 2023}
"""
    result = import_bibtex(text, catalog.taxonomy, [], TODAY)
    assert result.skipped == []
    paper = result.papers[0]
    assert (paper.venue, paper.year) == ("MICCAI", 2023)
