"""BibTeX entries merged into the records they are about (`medvlm enrich --from-bib`).

An entry is matched to a record by arXiv id, then DOI, then normalised title. Its authors,
year, venue, identifiers and code link fill the record's empty fields; a record whose venue is
a preprint server takes the entry's journal or proceedings venue and year (the version of
record wins). The entry's page (its DOI, else its URL, else its arXiv page) joins the record's
evidence when something was filled. Nothing here writes files, and a file with an entry the
parser cannot read is refused whole: `unreadable` lists why, and no record changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock

from medvlm.enrichment.index import CatalogIndex
from medvlm.enrichment.merge import Enrichment, fill_missing
from medvlm.importers.bibtex.entries import Skipped
from medvlm.importers.bibtex.fields import entry_metadata, failed_key, line_of, not_a_paper
from medvlm.importers.bibtex.parse import failure_reason, parse_bibtex
from medvlm.models import Paper, Taxonomy


@dataclass(frozen=True)
class EntryMerge:
    """What one entry did: the record it matched (and on what), or why it was not used."""

    key: str
    line: int
    record: str | None = None
    same: str | None = None
    result: Enrichment | None = None
    skipped: str | None = None


@dataclass
class BibMerge:
    """Every entry's outcome in file order, the records as they end, and unreadable entries."""

    entries: list[EntryMerge] = field(default_factory=list)
    unreadable: list[Skipped] = field(default_factory=list)
    papers: dict[str, Paper] = field(default_factory=dict)

    @property
    def changed(self) -> list[Paper]:
        """The records an entry changed, in their final state, by id."""
        ids = sorted({e.record for e in self.entries if e.record and e.result and e.result.changed})
        return [self.papers[record_id] for record_id in ids]


def merge_bibtex(text: str, papers: Iterable[Paper], taxonomy: Taxonomy) -> BibMerge:
    """Match each entry of the BibTeX `text` to a record of `papers` and fill it from the entry.

    Raises BibImportError when the text holds no BibTeX entry at all.
    """
    library = parse_bibtex(text)
    merge = BibMerge(papers={paper.id: paper for paper in papers})
    for block in library.failed_blocks:
        merge.unreadable.append(_unreadable(block))
    if merge.unreadable:
        return merge
    index = CatalogIndex(merge.papers.values())
    for entry in library.entries:
        merge.entries.append(_merge_entry(entry, merge.papers, index, taxonomy))
    return merge


def _unreadable(block: ParsingFailedBlock) -> Skipped:
    line = line_of(block)
    if isinstance(block, DuplicateBlockKeyBlock):
        first = line_of(block.previous_block)
        return Skipped(block.key, line, f"key already used on line {first}")
    return Skipped(failed_key(block), line, failure_reason(block))


def _merge_entry(
    entry: Entry, papers: dict[str, Paper], index: CatalogIndex, taxonomy: Taxonomy
) -> EntryMerge:
    line = line_of(entry)
    if (reason := not_a_paper(entry)) is not None:
        return EntryMerge(entry.key, line, skipped=reason)
    meta = entry_metadata(entry)
    found = index.owner(arxiv=meta.arxiv, doi=meta.doi, title=meta.title)
    if found is None:
        return EntryMerge(entry.key, line)
    record_id, same = found
    result = fill_missing(papers[record_id], meta, taxonomy, index, version_of_record=True)
    papers[record_id] = result.paper
    index.add(result.paper)
    return EntryMerge(entry.key, line, record_id, same, result)
