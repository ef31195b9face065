"""Related papers for each paper page: the papers sharing the rarest features with it.

Features are title words, the model name and taxonomy terms; a feature shared by few papers
counts more. The work is bounded (see `related_papers`) so that 10k papers stay quick.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from medvlm.catalog import reading_order, terms_of
from medvlm.models import Paper
from medvlm.render.site.pages import TERM_AXES

RELATED_COUNT = 5

# Words too common in this field's titles to make two papers similar.
_STOP_WORDS = frozenset(
    """a an and are as at by for from in into is its of on or the to towards toward via with
    using based through without our we new study approach method methods model models large
    medical image images imaging vision language visual multimodal multi modal learning
    analysis""".split()
)
_WORD = re.compile(r"[a-z0-9]+")
_WINDOW = 24  # candidates taken per shared feature: the papers nearest in reading order


@dataclass(frozen=True)
class _Profile:
    """What related-paper scoring compares, computed once per paper."""

    # Title words, model, taxonomy terms; sorted: float sums depend on the order of addition,
    # and a set's order changes with the interpreter's hash seed, so ties must not.
    features: tuple[str, ...]
    similar: frozenset[str]  # the title words and model only
    tasks: frozenset[str]
    strategies: frozenset[str]


def _profile(paper: Paper) -> _Profile:
    words = {
        f"word:{word}"
        for word in _WORD.findall(paper.title.casefold())
        if len(word) > 2 and word not in _STOP_WORDS
    }
    if paper.model:
        words.add(f"model:{paper.model.casefold()}")
    terms = {f"{axis}:{term}" for axis in TERM_AXES for term in terms_of(paper, axis)}
    return _Profile(
        tuple(sorted(words | terms)),
        frozenset(words),
        frozenset(paper.tasks),
        frozenset(paper.strategies),
    )


def _nearby(postings: list[int], index: int, window: int) -> list[int]:
    """At most `window` entries of a sorted posting list, centred on `index`."""
    if len(postings) <= window:
        return postings
    middle = bisect_left(postings, index)
    start = max(0, min(middle - window // 2, len(postings) - window))
    return postings[start : start + window]


def _related_ok(mine: _Profile, other: _Profile) -> bool:
    """Related means: a task and a strategy in common, or a title word or model in common."""
    if not mine.similar.isdisjoint(other.similar):
        return True
    return not mine.tasks.isdisjoint(other.tasks) and not mine.strategies.isdisjoint(
        other.strategies
    )


def _best_related(
    scores: dict[int, float], index: int, profiles: Sequence[_Profile], limit: int
) -> list[int]:
    """The `limit` best-scored candidates that are related, best first.

    Most papers have hundreds of candidates and their best few are related; checking the top
    of the ranking first, and the rest only when it falls short, picks the same papers as
    checking every candidate (the order is the same total order).
    """
    mine = profiles[index]

    def rank(other: int) -> tuple[float, int, int]:
        return (-scores[other], abs(other - index), other)

    pool = heapq.nsmallest(limit * 4, scores, key=rank)
    best = [other for other in pool if _related_ok(mine, profiles[other])][:limit]
    if len(best) < limit and len(pool) < len(scores):
        ranked = sorted(scores, key=rank)
        best = [other for other in ranked if _related_ok(mine, profiles[other])][:limit]
    return best


def related_papers(papers: Sequence[Paper], limit: int = RELATED_COUNT) -> dict[str, list[Paper]]:
    """Up to `limit` related papers per paper, by shared-feature score (rarer counts more).

    Bounded work: for each feature a paper has, only the `_WINDOW` papers nearest to it in
    reading order are scored, so the cost is O(n * features * window), not O(n^2). Ties go to
    the paper nearest in reading order (similar year).
    """
    order = reading_order(papers)
    profiles = [_profile(paper) for paper in order]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, profile in enumerate(profiles):
        for feature in profile.features:
            postings[feature].append(index)
    weighted = {
        key: (math.log(1 + len(order) / len(value)), value) for key, value in postings.items()
    }
    related: dict[str, list[Paper]] = {}
    for index, paper in enumerate(order):
        scores: dict[int, float] = {}
        score = scores.get  # the hot loop of the site's generation: no defaultdict overhead
        for feature in profiles[index].features:  # in sorted order (see _Profile)
            weight, posting = weighted[feature]
            for other in _nearby(posting, index, _WINDOW):
                scores[other] = score(other, 0.0) + weight
        scores.pop(index, None)
        best = _best_related(scores, index, profiles, limit)
        related[paper.id] = [order[other] for other in best]
    return related
