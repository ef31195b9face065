"""Load taxonomy.yaml; look terms up by alias; suggest terms from a title or abstract."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from medvlm.identifiers import name_key
from medvlm.models import Taxonomy
from medvlm.problems import Problem, ProblemsError, from_validation_error
from medvlm.yamlfile import load_yaml


def load_taxonomy(path: Path, display: str | None = None) -> Taxonomy:
    """The validated taxonomy; raises ProblemsError with located problems when it is broken."""
    shown = display or path.name
    if not path.exists():
        raise ProblemsError([Problem(shown, 0, "", "taxonomy file not found")])
    doc, problems = load_yaml(path, shown)
    if doc is None:
        raise ProblemsError(problems)
    try:
        return Taxonomy.model_validate(doc.data)
    except ValidationError as error:
        raise ProblemsError(from_validation_error(error, Taxonomy, shown, doc.line_of)) from None


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
