"""The native loading path: yaml-rs (Rust) reads ordinary records, trusted only where it must
agree with PyYAML's safe loader.

yaml-rs builds a record's data about six times faster than libyaml's composer with PyYAML's
node objects, but it reads YAML 1.2 and PyYAML reads YAML 1.1: `yes`, `1:30` and `0777` differ,
unknown tags are dropped, and a leading zero makes another number. So its data is used only
when it is what `yaml.load(text, Loader=yaml.CSafeLoader)` builds:

* The text avoids every construct the two read differently or that only the careful path
  reports: tags, anchors and aliases, explicit keys, block scalars, flow collections,
  directives and document markers, escapes, tabs and carriage returns, characters libyaml
  refuses, and numbers written with a leading zero, sign or underscore.
* Every scalar yaml-rs returns as text is resolved again as PyYAML would (dates, `yes`,
  `1:30`); whether it was written plain or quoted is read off the text, and when the text
  cannot tell, this path steps aside.
* Floats, and anything but text, whole numbers, booleans and nulls, step aside too.

Stepping aside (None) hands the file to yamlfile's libyaml paths, which locate every problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from medvlm.yamlscalars import (
    STR_TAG,
    TYPED_BY_FIRST_CHARACTER,
    TYPED_LENGTH,
    Unusual,
    plain_scalar_tag,
    typed_scalar,
)

_loads: Callable[..., object] | None
try:
    from yaml_rs import loads as _loads
except ImportError:  # no wheel for this platform: the libyaml paths read every file
    _loads = None
if not TYPED_BY_FIRST_CHARACTER:
    _loads = None


# Tags, aliases, block scalars, flow collections, directives, escapes, tabs and CRs.
_REFUSED_ASCII = "!*|>{}[]@`%\\\t\r"


def _printable_ranges() -> str:
    """A character class of what libyaml accepts in a document, less what this path refuses."""
    allowed = [
        (0x0A, 0x0A),
        (0x20, 0x7E),
        # Not U+0085, U+2028 and U+2029: line breaks to YAML 1.1, text to YAML 1.2.
        (0xA0, 0x2027),
        (0x202A, 0xD7FF),
        # Not U+FEFF: a byte order mark inside a document.
        (0xE000, 0xFEFE),
        (0xFF00, 0xFFFD),
        (0x10000, 0x10FFFF),
    ]
    refused = sorted(map(ord, _REFUSED_ASCII))
    parts: list[str] = []
    for low, high in allowed:
        start = low
        for code in [code for code in refused if low <= code <= high] + [high + 1]:
            if start < code:
                parts.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = code + 1
    return "".join(parts)


_REFUSED_CHARACTER = re.compile(f"[^{_printable_ranges()}]")
# The screen works on the text's UTF-8 bytes: deleting or mapping bytes, then searching for
# literal starts, measured 40% faster than regular expressions trying every character.
# Deleting these bytes leaves the refused ASCII characters. Bytes beyond ASCII stay for
# _REFUSED_CHARACTER to judge, only where they may encode one of the few refused characters
# (U+0080-U+009F start with C2; U+2028, U+2029, U+FEFF, U+FFFE and U+FFFF).
_ALLOWED_BYTES = bytes(
    byte
    for byte in range(256)
    if byte >= 0x80
    or ((chr(byte) == "\n" or 0x20 <= byte < 0x7F) and chr(byte) not in _REFUSED_ASCII)
)
_MAYBE_REFUSED = (b"\xc2", *(character.encode() for character in "\u2028\u2029\ufeff\ufffe\uffff"))


def _token_classes() -> bytes:
    """A byte map to four classes: token separators, signs, refused token starts, the rest."""
    table = bytearray(b"x" * 256)
    for members, token_class in ((" \n", " "), ("-+", "-"), ("&?_0", "0")):
        for member in members:
            table[ord(member)] = ord(token_class)
    return bytes(table)


# At the start of a token (after a space or a line break): an anchor (&), an explicit key (?),
# and numbers YAML 1.1 and 1.2 read differently (0777 is octal to 1.1, 0o7 a number only to
# 1.2, _1 a number only to yaml-rs), signed or not. A leading zero is refused whatever
# follows: cheap to find. Mapped by _TOKEN_CLASSES, each is " 0" or " -0".
_TOKEN_CLASSES = _token_classes()
# Searching for a literal start (a space, a line break) is fastest with these.
_REFUSED_TOKEN = re.compile(rb" -?0")
_DOCUMENT_MARKER = re.compile(rb"\n(?:---|\.\.\.)")
# Digits, a point and digits: yaml-rs reads such a plain scalar as a float (YAML 1.2).
_DECIMAL = re.compile(r"[0-9]{1,15}\.[0-9]{1,15}")
# Typed-looking texts searched for in one file, at most (records have two or three).
_MAX_SEARCHED_TEXTS = 64
# libyaml refuses a key longer than this (yaml-rs may not).
_MAX_KEY_LENGTH = 1024


def native_parse(text: str) -> dict[str, Any] | None:
    """The data PyYAML's safe loader builds from `text`, or None to let the other paths decide.

    The caller has already refused deep nesting, which would crash yaml-rs.
    """
    if _loads is None or _refused(text):
        return None
    try:
        data = _loads(text, parse_datetime=False)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # a syntax error, a duplicate key, or a panic in the Rust code
        return None
    if type(data) is not dict:
        return None
    try:
        return _resolved(data, text)
    except Exception:
        # Unusual, or what PyYAML's constructors raise on a bad value (2024-02-30): the
        # careful path meets the same and reports it located.
        return None


def _refused(text: str) -> bool:
    """Whether the screen refuses `text`: see the module's docstring."""
    # After a line break, the start of the text is the start of a line like any other.
    try:
        lined = b"\n" + text.encode()
    except UnicodeEncodeError:  # a lone surrogate: never read from a file
        return True
    if lined.translate(None, _ALLOWED_BYTES) or _DOCUMENT_MARKER.search(lined):
        return True
    if (
        not text.isascii()
        and any(sequence in lined for sequence in _MAYBE_REFUSED)
        and _REFUSED_CHARACTER.search(text)
    ):
        return True
    return _REFUSED_TOKEN.search(lined.translate(_TOKEN_CLASSES)) is not None


_TEXT_KEYS: set[str] = set()  # keys known to be text to PyYAML (field names recur)
_TEXT_KEYS_LIMIT = 10_000


def _resolved(data: dict[str, Any], text: str) -> dict[str, Any]:
    """`data` with its text resolved as YAML 1.1 (in place); Unusual for what may differ.

    One loop over every mapping and list (iterative: no call per value).
    """
    decided: dict[str, Any] = {}  # typed-looking texts resolved so far (see _resolved_text)
    pending: list[dict[Any, Any] | list[Any]] = [data]
    while pending:
        node = pending.pop()
        slots: Iterable[tuple[Any, Any]]
        if type(node) is dict:
            if not _TEXT_KEYS.issuperset(node):
                for key in node:
                    _check_key(key)
            slots = node.items()
        else:
            slots = enumerate(node)
        for slot, value in slots:
            kind = type(value)
            if kind is str:
                if len(value) <= TYPED_LENGTH.get(value[:1], -1):
                    node[slot] = _resolved_text(value, text, decided)
            elif kind is dict or kind is list:
                pending.append(value)
            elif kind is not int and kind is not bool and value is not None:
                raise Unusual  # floats, and what yaml-rs alone makes
    return data


def _check_key(key: Any) -> None:
    """Raise Unusual unless `key` is text to PyYAML as well (`2024:`, `yes:`, `<<:` are not)."""
    if (
        type(key) is not str
        or len(key) > _MAX_KEY_LENGTH
        or (len(key) <= TYPED_LENGTH.get(key[:1], -1) and plain_scalar_tag(key) != STR_TAG)
    ):
        raise Unusual
    if len(_TEXT_KEYS) < _TEXT_KEYS_LIMIT:
        _TEXT_KEYS.add(key)


def _resolved_text(value: str, text: str, decided: dict[str, Any]) -> Any:
    """What PyYAML makes of a scalar yaml-rs read as text: typed if it was written plain.

    `decided` holds the answers for this document so far: each new answer searches the file,
    so a document with many of them is left to the other paths (records have two or three).
    """
    if _DECIMAL.fullmatch(value):
        return value  # a number to yaml-rs too had it been plain (arXiv ids): it was quoted
    tag = plain_scalar_tag(value)
    if tag == STR_TAG:
        return value
    if value in decided:
        return decided[value]
    if len(decided) >= _MAX_SEARCHED_TEXTS or not value or " " in value or "\n" in value:
        # Too many searches, or text that may have been folded from several lines (which
        # cannot be found in the file as it is).
        raise Unusual
    if f"'{value}'" not in text and f'"{value}"' not in text:
        resolved = typed_scalar(tag, value)  # written plain (no quoted copy in the file)
    else:
        # Quoted somewhere: if it also appears where a plain scalar can start (after a space or
        # a line break), the text cannot tell which one yaml-rs read here.
        start = text.find(value)
        while start != -1:
            if start == 0 or text[start - 1] in " \n":
                raise Unusual
            start = text.find(value, start + 1)
        resolved = value
    decided[value] = resolved
    return resolved
