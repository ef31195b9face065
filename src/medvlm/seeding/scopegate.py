"""The scope rule at import: a work that would become a new record is written only when a
decision in scope.yaml says `in`, or when its title and list headings show medical images
and language (medvlm.scope.signals), under its paper's title (a row giving only a model's or
dataset's name waits for a look-up); for a work the list marks as a natural-domain model,
only its title counts (the headings of a medical list speak for its medical entries, not for
the general models it lists beside them). A work decided `out` is excluded; one with no
decision and no signal is held back for a person to decide. Both are reported
(`Candidate`)."""

from __future__ import annotations

from collections.abc import Sequence

from medvlm.importers.report import Candidate, SeedReport
from medvlm.importers.rows import RowFacts
from medvlm.importers.venuetags import parse_venue_tag
from medvlm.models import Taxonomy
from medvlm.scope.decisions import SCOPE_FILE, ScopeDecisions
from medvlm.scope.signals import SignalReader
from medvlm.seeding.works import Work
from medvlm.workkeys import work_keys


class ScopeGate:
    """Decides, for each new work of one import, whether it may become a record."""

    def __init__(self, taxonomy: Taxonomy, decisions: ScopeDecisions, report: SeedReport) -> None:
        self.decisions = decisions
        self.report = report
        self.signals = SignalReader(taxonomy)

    def admits(self, work: Work, group: Sequence[RowFacts]) -> bool:
        keys = work_keys(work.title, work.arxiv, work.doi)
        keys += [key for fact in group for key in work_keys(fact.title, None, None)]
        found = self.decisions.find(keys)
        if found is not None:
            if found.decision.decision == "in":
                return True
            why = f"{SCOPE_FILE}:{found.line}: out of scope: {found.decision.reason}"
            self.report.excluded.append(self._candidate(work, why))
            return False
        if not any(fact.row.title for fact in group):
            # A model's or dataset's name standing in for the title: which paper it is (and
            # whether it is in scope) takes a look-up.
            why = f"no paper title in the list, only the name {work.title!r}"
            self.report.undecided.append(self._candidate(work, why))
            return False
        natural = work.domain == "natural"
        headings = [] if natural else [h for fact in group for h in fact.row.headings]
        sections = [] if natural else [section for fact in group if (section := _section(fact))]
        signal = self.signals.read(work.title, dict.fromkeys(sections), dict.fromkeys(headings))
        if signal.in_scope:
            return True
        why = signal.missing()
        if natural:
            why = why.replace(" or section headings", "") + " (the list marks it natural-domain)"
        self.report.undecided.append(self._candidate(work, why))
        return False

    @staticmethod
    def _candidate(work: Work, why: str) -> Candidate:
        return Candidate(work.first_line(), work.title, work.arxiv, work.doi, why)


def _section(fact: RowFacts) -> str | None:
    """The entry's own section: its innermost heading that is not a venue or year tag."""
    return next(
        (h for h in reversed(fact.row.headings) if parse_venue_tag(h, need_year=True) is None),
        None,
    )
