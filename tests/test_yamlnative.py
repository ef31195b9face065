"""yamlnative: data from yaml-rs is used only when it is exactly what PyYAML's safe loader reads."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
import yaml

from medvlm import yamlnative
from medvlm.yamlfile import parse_yaml
from medvlm.yamlnative import native_parse

RECORD = """\
# yaml-language-server: $schema=../schema/paper.schema.json
id: moor2023medflamingo
title: 'Med-Flamingo: a Multimodal Medical Few-shot Learner'
authors:
- Michael Moor
- Qian Huang
year: 2023
venue: ML4H
kind: method
ids:
  arxiv: '2307.15189'
links:
  paper: https://arxiv.org/abs/2307.15189
  code: https://github.com/snap-stanford/med-flamingo
tasks:
- vqa
reviewed: true
added: 2026-11-22
"""

# Plain scalars PyYAML (YAML 1.1) and yaml-rs (YAML 1.2) may read differently.
PLAIN = [
    "2024", "0", "-0", "+12", "017", "09", "0o17", "0x1F", "+0x1F", "0b101", "_1", "1_000",
    "1__0", "1_", "1:30", "190:20:30.15", "1e3", "1.5e3", "1.0e+3", "+.5", ".5", "1.", "3.14",
    ".inf", "-.INF", ".NaN", "yes", "No", "on", "OFF", "y", "n", "true", "True", "TRUE", "tRUE",
    "false", "null", "Null", "NULL", "nULL", "~", "2024-01-01", "2024-1-1", "2024-02-30",
    "2024-13-01", "0000-01-01", "2024-01-01T10:00:00Z", "2024-01-01t10:00:00",
    "2024-01-01T10:00", "=", "<<", "x:y", "-x", ":x", "?x", "a#b", "x,", "1,000", "n/a",
    "Nguyen", "Yuki Ito", "José Müller", "12 monkeys", "a - b", "C++", "2307.15189",
    "10.1016/j.media.2023.1", "https://x.org/a?b=1&c=2", "v1.0", "100%", "a'b", 'a"b',
]  # fmt: skip
WORDS = ["Nguyen", "Yuki Ito", "vqa", "Med-Flamingo: a learner", "https://x.org/a", "MICCAI"]
KEYS = ["id", "title", "a b", "é", "x:y", "'quoted'", '"dq"']
TRICKY_KEYS = ["yes", "2024", "<<", "=", "_k", "'2024'", "~", "on"]
NOISE = [*"!&*|>{}[]@`%\\\t\r'\"#:-?,~", "\u0085", "\u2028", "\ufeff", "\x07", "---", "..."]


def _scalar(rng: random.Random) -> str:
    value = rng.choice(PLAIN if rng.random() < 0.5 else WORDS)
    style = rng.random()
    if style < 0.2:
        return "'" + value.replace("'", "''") + "'"
    if style < 0.3 and "\\" not in value and '"' not in value:
        return f'"{value}"'
    if style < 0.35:
        return rng.choice(["", "''", '""', "# a comment"])
    return value


def _block(rng: random.Random, indent: int, depth: int) -> list[str]:
    lines = []
    keys = rng.sample(KEYS, rng.randint(1, 4)) + [f"k{n}" for n in range(rng.randint(0, 3))]
    if rng.random() < 0.1:
        keys.append(rng.choice(TRICKY_KEYS))
    for key in keys:
        shape = rng.random()
        pad = " " * indent
        if shape < 0.55 or depth > 2:
            value = _scalar(rng)
            lines.append(f"{pad}{key}: {value}".rstrip() + rng.choice(["", "", " # note"]))
            if rng.random() < 0.08:  # a continuation line: folded (plain, quoted) or an error
                lines.append(" " * rng.choice([0, indent, indent + 2]) + rng.choice(PLAIN))
        elif shape < 0.8:
            lines.append(f"{pad}{key}:")
            item_pad = pad + rng.choice(["", "  "])
            lines += [f"{item_pad}- {_scalar(rng)}".rstrip() for _ in range(rng.randint(0, 4))]
        else:
            lines.append(f"{pad}{key}:")
            lines += _block(rng, indent + rng.choice([2, 4]), depth + 1)
        if rng.random() < 0.1:
            lines.append(rng.choice(["", "# comment", pad + "# indented comment"]))
    return lines


def _document(rng: random.Random) -> str:
    text = "\n".join(_block(rng, 0, 0)) + "\n"
    for _ in range(rng.choice([0, 0, 0, 1, 2])):  # a stray character anywhere
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(NOISE) + text[at:]
    return text


def _typed(data: Any) -> Any:
    """Data with every value's type made part of it (1 == True == 1.0 otherwise)."""
    if isinstance(data, dict):
        return {_typed(key): _typed(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_typed(item) for item in data]
    return (type(data).__name__, data)


def _pyyaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        return error


def check_against_pyyaml(seed: int, count: int) -> int:
    """Generate `count` documents; native data must equal PyYAML's. Returns how many it read."""
    rng = random.Random(seed)
    return sum(_read_as_pyyaml_reads(_document(rng)) for _ in range(count))


def _read_as_pyyaml_reads(text: str) -> bool:
    """Whether the native path read `text`; when it did, its data must be PyYAML's."""
    data = native_parse(text)
    if data is None:
        return False
    expected = _pyyaml(text)
    assert not isinstance(expected, Exception), (text, data, expected)
    assert _typed(data) == _typed(expected), text
    assert list(data) == list(expected), text  # key order too
    return True


EDITS = [
    " ",
    "  ",
    "\n",
    "\n  ",
    "- ",
    ": ",
    ":",
    "-",
    "'",
    '"',
    "#",
    " #",
    ",",
    "a",
    "é",
    "1",
    "''",
]


def _mutated(rng: random.Random, text: str) -> str:
    """`text` with a few random edits: characters added or removed, lines moved or indented."""
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text))
        edit = rng.random()
        if edit < 0.4:
            text = text[:at] + rng.choice(EDITS) + text[at:]
        elif edit < 0.7:
            text = text[:at] + text[at + rng.randint(1, 3) :]
        else:
            lines = text.split("\n")
            line = rng.randrange(len(lines))
            if edit < 0.85:
                lines[line] = " " * rng.randint(1, 3) + lines[line]
            else:
                lines.insert(rng.randrange(len(lines)), lines.pop(line))
            text = "\n".join(lines)
    return text


def check_mutated_records(seed: int, count: int, records: list[str]) -> int:
    """Like check_against_pyyaml, for records with random edits (layouts yaml-rs and libyaml
    might read differently). Returns how many the native path read."""
    rng = random.Random(seed)
    return sum(_read_as_pyyaml_reads(_mutated(rng, rng.choice(records))) for _ in range(count))


def test_edited_records_read_as_pyyaml_reads_them() -> None:
    assert check_mutated_records(seed=7, count=3000, records=[RECORD]) > 1000


def test_generated_documents_read_as_pyyaml_reads_them() -> None:
    # Tricky scalars plain and quoted, typed keys, nesting, comments, continuation lines and
    # stray indicator characters; the native path must read a good share of them itself.
    read = check_against_pyyaml(seed=2026, count=4000)
    assert read > 300


def test_a_record_is_read_natively_with_its_types() -> None:
    data = native_parse(RECORD)
    assert data == yaml.load(RECORD, Loader=yaml.CSafeLoader)
    assert data is not None
    assert data["ids"]["arxiv"] == "2307.15189"  # quoted: text, not a float
    assert data["year"] == 2023 and data["reviewed"] is True
    assert data["added"] == dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    "text",
    [
        "a: !!str 12\n",  # tags
        "a: !foo x\n",  # yaml-rs would drop an unknown tag
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "title: Vision &x Language\n",
        "? a\n: b\n",  # explicit keys
        "a: |\n  x\n",  # block scalars
        "a: [x, y]\n",  # flow collections
        "%YAML 1.1\n---\na: 1\n",  # directives and documents
        "a: 1\n---\nb: 2\n",
        'a: "\\x41"\n',  # escapes
        "a: x\tb\n",
        "a: x\r\nb: y\r\n",
        "a: x\u0085y\n",  # a line break to YAML 1.1 only
        "a: x\ufeffy\n",
        "a: x\u2028y\n",
        "a: x\x9fy\n",  # a C1 control character
        "a: x\x7fy\n",
        "a: x\ud800y\n",  # a lone surrogate (never read from a file)
        "year: 017\n",  # octal to YAML 1.1
        "year: 0o17\n",  # a number to YAML 1.2 only
        "year: _1\n",
        "year: -017\n",
        "a: 1e3\n",  # a float to YAML 1.2 only
        "a: 1.5\n",  # floats are never record values
        "2024: x\n",  # typed keys
        "yes: x\n",
        "<<: x\n",
        "a: '2024-01-01'\nb: 2024-01-01\n",  # quoted and plain: cannot tell which is which
        "a: 2024-01-01 10:00:00\n",  # may be folded from two lines
        "a: 1\na: 2\n",  # duplicate keys: the careful path locates them
        "a: 2024-02-30\n",  # an impossible date: the careful path locates it
        "- a\n- b\n",  # not a mapping
        "",
    ],
)
def test_what_may_read_differently_is_left_to_the_other_paths(text: str) -> None:
    assert native_parse(text) is None


def test_the_byte_screen_refuses_exactly_the_characters_the_rule_refuses() -> None:
    # The screen reads the text's UTF-8 bytes; the rule is written per character. Every
    # character of the first plane, and the first and last of the others.
    for code in [*range(0x10000), *range(0x10000, 0x10100), *range(0x10FF00, 0x110000)]:
        character = chr(code)
        refused = yamlnative._REFUSED_CHARACTER.fullmatch(character) is not None
        assert yamlnative._refused(f"a: x{character}y\n") is refused, hex(code)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: yes\nb: 'no'\n", {"a": True, "b": "no"}),
        ("a: 1:30\n", {"a": 90}),
        ("a: 2024-01-05\n", {"a": dt.date(2024, 1, 5)}),
        (
            "a: '2024-01-05'\nu: https://x.org/2024-01-05\n",
            {"a": "2024-01-05", "u": "https://x.org/2024-01-05"},
        ),
        ("a: ~\nb:\nc: Null\n", {"a": None, "b": None, "c": None}),
        ("a: 1_000\nb: +12\n", {"a": 1000, "b": 12}),
        ("a: 'it''s'\nb: \"say 'x'\"\n", {"a": "it's", "b": "say 'x'"}),
        ("a: long\n  folded\n  text\n", {"a": "long folded text"}),
    ],
)
def test_yaml_11_readings_are_kept(text: str, expected: dict[str, Any]) -> None:
    data = native_parse(text)
    assert data is not None
    assert _typed(data) == _typed(expected) == _typed(yaml.load(text, Loader=yaml.CSafeLoader))


def test_repeated_typed_looking_texts_are_searched_for_once() -> None:
    # Each distinct value is decided once per file: thousands of copies stay linear.
    text = "a:\n" + "- 'yes'\n- 2024-01-05\n" * 4000
    data = native_parse(text)
    assert data is not None
    assert _typed(data) == _typed(yaml.load(text, Loader=yaml.CSafeLoader))


def test_many_distinct_typed_looking_texts_are_left_to_the_other_paths() -> None:
    # Each needs a search of the file: past a few dozen, libyaml's linear reading is cheaper.
    dates = [f"2024-{1 + day // 28:02d}-{1 + day % 28:02d}" for day in range(70)]
    many = "a:\n" + "".join(f"- {date}\n" for date in dates)
    assert native_parse(many) is None
    few = "a:\n" + "".join(f"- {date}\n" for date in dates[:28])
    assert native_parse(few) == yaml.load(few, Loader=yaml.CSafeLoader)


def test_without_yaml_rs_the_libyaml_paths_read_every_file(monkeypatch: pytest.MonkeyPatch) -> None:
    native, _ = parse_yaml(RECORD.encode(), "x.yaml")
    monkeypatch.setattr(yamlnative, "_loads", None)
    assert native_parse(RECORD) is None
    fallback, problems = parse_yaml(RECORD.encode(), "x.yaml")
    assert problems == []
    assert native is not None and fallback is not None
    assert native.data == fallback.data


def test_a_file_the_native_path_refuses_still_reports_located_problems() -> None:
    document, problems = parse_yaml(b"id: x\ntitle: T\ntitle: U\n", "papers/x.yaml")
    assert document is None
    assert [(p.line, p.field) for p in problems] == [(3, "title")]
    assert problems[0].message.startswith("duplicate key")
