"""What an entry's fields become in a record."""

from __future__ import annotations

from datetime import date

import pytest

from medvlm.catalog import Catalog
from medvlm.importers.bibtex.entries import import_bibtex
from medvlm.importers.bibtex.fields import entry_metadata
from medvlm.importers.bibtex.parse import parse_bibtex
from medvlm.sources.metadata import WorkMetadata

TODAY = date(2026, 11, 22)


def test_a_bad_doi_is_left_out_with_a_note(catalog: Catalog) -> None:
    text = "@article{d, title = {Segmentation}, doi = {not-a-doi}, year = 2020}\n"
    record = import_bibtex(text, catalog.taxonomy, [], TODAY).records[0]
    assert record.paper.ids.doi is None
    assert "doi 'not-a-doi' is not a DOI: left out" in record.notes


# --- an entry as metadata (enrich --from-bib) ------------------------------------------------


def metadata(text: str) -> WorkMetadata:
    return entry_metadata(parse_bibtex(text).entries[0])


def test_an_entry_says_what_a_service_would_with_short_venue_and_page() -> None:
    meta = metadata(
        """@inproceedings{k,
  title = {Seg{CLIP}: a study.},
  author = {Koleilat, Taha and Xiao, Yiming and others},
  booktitle = {Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition},
  year = 2024,
  doi = {10.1109/CVPR52733.2024.00001},
  url = {https://openaccess.thecvf.com/content/CVPR2024/html/K_SegCLIP_CVPR_2024_paper.html}
}"""
    )
    assert meta.title == "SegCLIP: a study"
    assert meta.authors == ("Taha Koleilat", "Yiming Xiao")
    assert (meta.venue, meta.year, meta.published) == ("CVPR", 2024, True)
    assert meta.doi == "10.1109/cvpr52733.2024.00001"
    assert meta.url == "https://doi.org/10.1109/cvpr52733.2024.00001"  # the DOI before the URL


def test_a_preprint_entry_names_its_arxiv_page_and_year() -> None:
    meta = metadata("@article{k, title = {T}, journal = {arXiv preprint arXiv:2303.00915}}\n")
    assert (meta.arxiv, meta.doi, meta.venue, meta.year) == ("2303.00915", None, "arXiv", 2023)
    assert meta.url == "https://arxiv.org/abs/2303.00915"
    from_url = metadata("@misc{k, title = {T}, url = {https://arxiv.org/pdf/2303.00915v2.pdf}}\n")
    assert (from_url.arxiv, from_url.url) == ("2303.00915", "https://arxiv.org/abs/2303.00915")
    # A published venue's year is never guessed from the arXiv id.
    published = metadata("@article{k, title = {T}, journal = {Radiology}, eprint = {2303.00915}}\n")
    assert (published.venue, published.year) == ("Radiology", None)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ("code = {https://github.com/a/b/tree/main}", "https://github.com/a/b"),
        ("github = {github.com/a/b}", "https://github.com/a/b"),
        ("code = {https://gitlab.com/group/tool}", "https://gitlab.com/group/tool"),
        ("url = {https://github.com/a/b}", "https://github.com/a/b"),
        ("code = {available on request}", None),
        ("url = {https://github.com/a/b/blob/main/paper.pdf}", None),
        ("note = {Code: https://github.com/a/b}", None),
    ],
)
def test_a_code_link_is_taken_only_where_it_clearly_is_one(fields: str, code: str | None) -> None:
    assert metadata(f"@misc{{k, title = {{T}}, {fields}}}\n").code == code
