"""The keys a work is known by wherever it is met (a list's row, a catalog record, a scope
decision): its arXiv id, its DOI, its normalised title (`title_key`), and its title's words
without the small ones (a list and the version of record may write "Diagnosing Cerebral" and
"Diagnosing of Cerebral"). Two things sharing a key are one work.

`identity_keys` are the first three, which no two records may share (`medvlm validate`); the
looser title-words key only finds the work a row or a decision is about."""

from __future__ import annotations

from medvlm.identifiers import name_key, title_key

Key = tuple[str, str]

# How messages name each kind of key ("same DOI as ...").
KEY_NAMES = {"arxiv": "arXiv id", "doi": "DOI", "title": "title", "title-words": "title"}

_SMALL_WORDS = frozenset("a an the of for in on at to and or with via by from".split())


def title_words_key(title: str) -> str:
    """The title's words, lower case, without small words ("of", "the", ...)."""
    return "".join(word for word in name_key(title).split() if word not in _SMALL_WORDS)


def identity_keys(title: str | None, arxiv: str | None, doi: str | None) -> list[Key]:
    """The arXiv id, the DOI and the normalised title, those that are known."""
    keys: list[Key] = [("arxiv", arxiv or ""), ("doi", doi or "")]
    if title:
        keys.append(("title", title_key(title)))
    return [(kind, value) for kind, value in keys if value]


def work_keys(title: str | None, arxiv: str | None, doi: str | None) -> list[Key]:
    """The identity keys and the title's words: every key the work may be found by."""
    keys = identity_keys(title, arxiv, doi)
    words = title_words_key(title) if title else ""
    return [*keys, ("title-words", words)] if words else keys
