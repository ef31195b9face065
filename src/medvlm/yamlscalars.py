"""Scalars as PyYAML's safe loader reads them (YAML 1.1): the tag of a plain scalar, and data.

Shared by the loading paths in yamlfile and yamlnative, which must all build exactly the data
that `yaml.load(text, Loader=yaml.CSafeLoader)` builds.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any

import yaml

BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
STR_TAG = "tag:yaml.org,2002:str"
MERGE_TAG = "tag:yaml.org,2002:merge"
SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)
# PyYAML picks the implicit resolvers of a plain scalar by its first character: a plain
# scalar starting with any other character is text (most names, titles and words are).
_IMPLICIT_RESOLVERS = BaseLoader.yaml_implicit_resolvers
# False should PyYAML ever add a resolver for every first character (keyed None): the fast
# paths' shortcuts below could not know of it, and every file takes the careful path.
TYPED_BY_FIRST_CHARACTER = None not in _IMPLICIT_RESOLVERS


def _longest_match(pattern: re.Pattern[str]) -> float:
    """The longest text a resolver's pattern can match: words (`yes|no|...`) have a length;
    numbers and dates do not (infinite)."""
    words = re.fullmatch(r"\^\(\?:([\w|~<=!&\\*]*)\)\$", re.sub(r"\s", "", pattern.pattern))
    if words is None:
        return math.inf
    return max(len(word.replace("\\", "")) for word in words.group(1).split("|"))


# A plain scalar PyYAML may type, by its first character: no longer than this. A text
# longer than every word typed by its first letter is text too (N for null and no, T for
# true, ...); numbers and dates have no such bound.
TYPED_LENGTH: dict[str, float] = {
    start: max(_longest_match(pattern) for _, pattern in resolvers)
    for start, resolvers in _IMPLICIT_RESOLVERS.items()
    if start is not None
}
TYPED_LENGTH[""] = 0  # an empty text (quoted: plain, it is null)
TYPED_STARTS = frozenset(TYPED_LENGTH)

_MEMO_LIMIT = 50_000  # resolved plain scalars remembered (keys, terms, names recur)
_MEMO_MAX_LENGTH = 64  # titles are unique: remembering long values would only cost memory
_RESOLVED: dict[str, str] = {}  # plain scalar -> tag
_RESOLVER = BaseLoader("")  # resolves tags as the safe loader does


class Unusual(Exception):
    """A fast path met something only the careful path reports well."""


def plain_scalar_tag(value: str) -> str:
    """The tag PyYAML's resolver gives an untagged plain scalar; it depends only on the text,
    so it is remembered (PyYAML runs its regular expressions every time)."""
    tag = _RESOLVED.get(value)
    if tag is None:
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        if len(value) <= _MEMO_MAX_LENGTH and len(_RESOLVED) < _MEMO_LIMIT:
            _RESOLVED[value] = tag
    return tag


# Builds single typed scalars (dates, numbers) to find the one PyYAML cannot build.
_SCALARS = yaml.constructor.SafeConstructor()


def construct_scalar(node: yaml.ScalarNode) -> Any:
    """PyYAML's data for a tagged scalar node; raises what its constructor raises."""
    # The constructor function itself: construct_object would remember every node it saw.
    return _SCALARS.yaml_constructors[node.tag](_SCALARS, node)


def _int(text: str) -> Any:
    # Plain decimal digits only; PyYAML reads "0777" as octal and knows 0x, 1_000, 1:30, ...
    if text.isascii() and text.isdigit() and (text[0] != "0" or text == "0"):
        return int(text)
    return _UNSEEN


def _date(text: str) -> Any:
    # YYYY-MM-DD (what records hold); an impossible date raises ValueError as PyYAML does.
    # ASCII digits only: int() would also take "+024", "2_24" or full-width digits.
    if len(text) == 10 and text.isascii() and text[4] == "-" and text[7] == "-":
        year, month, day = text[:4], text[5:7], text[8:]
        if year.isdigit() and month.isdigit() and day.isdigit():
            return dt.date(int(year), int(month), int(day))
    return _UNSEEN


_UNSEEN = object()
_BOOLEANS = {"true": True, "false": False, "True": True, "False": False}
_QUICK_SCALARS: dict[str, Callable[[str], Any]] = {
    "tag:yaml.org,2002:int": _int,
    "tag:yaml.org,2002:bool": lambda text: _BOOLEANS.get(text, _UNSEEN),
    "tag:yaml.org,2002:timestamp": _date,
}


def typed_scalar(tag: str, value: str) -> Any:
    """A scalar of a standard type other than text: the common forms directly, the rest (and
    every error) by PyYAML's own constructor for the tag. Raises Unusual for other tags."""
    if tag not in SCALAR_TAGS:
        raise Unusual  # a tag such as !!python/object
    quick = _QUICK_SCALARS.get(tag)
    if quick is not None:
        data = quick(value)
        if data is not _UNSEEN:
            return data
    return construct_scalar(yaml.ScalarNode(tag, value))
