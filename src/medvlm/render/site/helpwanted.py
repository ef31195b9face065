"""The Help wanted page: per measured field, the records missing it, each with a link to the
correction form filled in with what it needs (the figures are completeness.py's)."""

from __future__ import annotations

from dataclasses import dataclass

from medvlm.catalog import Catalog
from medvlm.completeness import FieldReport, completeness
from medvlm.models import Paper
from medvlm.render.site.pages import ONE_DOWN, Pages
from medvlm.render.site.settings import SiteSettings

ARXIV_PROBLEM = "The venue says arXiv: the paper may have been published in a peer-reviewed venue."


@dataclass(frozen=True)
class WantedRecord:
    paper: Paper
    correct_url: str  # the correction form, filled in with the record and what it needs


@dataclass(frozen=True)
class WantedField:
    anchor: str
    report: FieldReport
    records: list[WantedRecord]


def _wanted(paper: Paper, problem: str, settings: SiteSettings) -> WantedRecord:
    return WantedRecord(paper, settings.correct_url(paper, problem))


def help_wanted_page(catalog: Catalog, settings: SiteSettings, pages: Pages) -> str:
    report = completeness(catalog.papers)
    fields = [
        WantedField(
            f"missing-{field.measure.field}",
            field,
            [
                _wanted(paper, f"Missing {field.measure.wanted}.", settings)
                for paper in field.missing
            ],
        )
        for field in report.fields
    ]
    arxiv = [_wanted(paper, ARXIV_PROBLEM, settings) for paper in report.arxiv_venue]
    return pages.render(
        "help-wanted.md.j2", ONE_DOWN, records=report.records, fields=fields, arxiv=arxiv
    )
