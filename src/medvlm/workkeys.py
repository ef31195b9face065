"""The keys a work is known by wherever it is met (a list's row, a catalog record, a scope
decision): its arXiv id, its DOI, its normalised title (`title_key`), and its title's words
without the small ones (a list and the version of record may write "Diagnosing Cerebral" and
"Diagnosing of Cerebral"). Two things sharing a key are one work."""

from __future__ import annotations

from medvlm.identifiers import name_key, title_key

Key = tuple[str, str]

_SMALL_WORDS = frozenset("a an the of for in on at to and or with via by from".split())


def title_words_key(title: str) -> str:
    """The title's words, lower case, without small words ("of", "the", ...)."""
    return "".join(word for word in name_key(title).split() if word not in _SMALL_WORDS)


def work_keys(title: str | None, arxiv: str | None, doi: str | None) -> list[Key]:
    keys: list[Key] = [("arxiv", arxiv or ""), ("doi", doi or "")]
    if title:
        keys += [("title", title_key(title)), ("title-words", title_words_key(title))]
    return [(kind, value) for kind, value in keys if value]
