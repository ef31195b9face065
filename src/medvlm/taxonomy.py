"""Load taxonomy.yaml; look terms up by alias; suggest terms from a title or abstract."""

from __future__ import annotations

import re
from pathlib import Path

from medvlm.datatables import load_table
from medvlm.identifiers import name_key
from medvlm.models import RecordError, Taxonomy
from medvlm.problems import Problem, ProblemsError


def load_taxonomy(path: Path, display: str | None = None) -> Taxonomy:
    """The validated taxonomy; raises ProblemsError with located problems when it is broken."""
    shown = display or path.name
    if not path.exists():
        raise ProblemsError([Problem(shown, 0, "", "taxonomy file not found")])
    return load_table(path, Taxonomy, shown)


def term_for_alias(taxonomy: Taxonomy, axis: str, text: str) -> str | None:
    """The term of `axis` whose id, label or alias equals `text` (case and punctuation ignored)."""
    key = name_key(text)
    for term in taxonomy.axes[axis].terms:  # type: ignore[index]
        names = (term.id, term.label, *term.aliases)
        if any(name_key(name) == key for name in names):
            return term.id
    return None


def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    # Word boundaries so that "ct" does not match inside "detection".
    return re.compile(r"(?<![a-z0-9])" + re.escape(keyword.casefold()) + r"(?![a-z0-9])")


def suggest_terms(taxonomy: Taxonomy, axis: str, text: str) -> list[str]:
    """Terms of `axis` with a keyword occurring in `text`, in taxonomy order."""
    haystack = text.casefold()
    found = []
    for term in taxonomy.axes[axis].terms:  # type: ignore[index]
        if any(_keyword_pattern(keyword).search(haystack) for keyword in term.keywords):
            found.append(term.id)
    return found


_MODEL_PREFIX = re.compile(r"^(?P<name>[^\s:]{2,30}):\s")


def suggest_model(title: str) -> str | None:
    """The model name a title opens with ("MedCLIP-SAM: ..."), when it looks like one.

    One token before the colon with a digit or at least two capitals, so that "Review: ..."
    or "Segment anything: ..." suggest nothing.
    """
    match = _MODEL_PREFIX.match(title)
    if not match:
        return None
    name = match.group("name")
    capitals = sum(1 for c in name if c.isupper())
    return name if capitals >= 2 or any(c.isdigit() for c in name) else None


def suggest_all(taxonomy: Taxonomy, title: str, abstract: str | None) -> dict[str, list[str]]:
    """Suggested terms per axis (task, strategy, modality, kind) from a title and an abstract.

    The kind is judged on the title only: abstracts of methods say "review" and "benchmark"
    in passing. A task is required, so `other` stands in when no keyword matched.
    """
    text = f"{title}\n{abstract or ''}"
    tasks = suggest_terms(taxonomy, "task", text)
    if not tasks:
        if "other" not in taxonomy.term_ids("task"):
            raise RecordError("no task keyword matched and the taxonomy has no 'other' task")
        tasks = ["other"]
    kinds = [k for k in suggest_terms(taxonomy, "kind", title) if k != "method"]
    known_kinds = taxonomy.term_ids("kind")
    default_kind = "method" if "method" in known_kinds else known_kinds[0]
    return {
        "task": tasks,
        "strategy": suggest_terms(taxonomy, "strategy", text),
        "modality": suggest_terms(taxonomy, "modality", text),
        "kind": kinds[:1] or [default_kind],
    }
