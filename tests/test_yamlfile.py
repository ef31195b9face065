"""yamlfile: the fast loading path reads exactly what PyYAML's safe loader reads."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

import pytest
import yaml

from medvlm import yamlfile
from medvlm.yamlfile import MAX_BYTES, load_yaml, parse_yaml, read_limited
from tests.helpers import REPO

# Plain scalars whose YAML 1.1 type is easy to get wrong, and their quoted twins.
TRICKY_SCALARS = [
    "2024",
    "0",
    "0777",  # octal in YAML 1.1
    "1_000",
    "0x1F",
    "-3",
    "+7",
    "1:30",  # sexagesimal
    "3.14",
    "1e3",  # a string in YAML 1.1 (no dot)
    ".inf",
    "yes",
    "No",
    "on",
    "OFF",
    "true",
    "False",
    "TRUE",
    "null",
    "~",
    "",
    "2026-01-05",
    "2026-1-5",
    "2026-01-05 10:30:00",
    "2026-01-05T10:30:00Z",
    "Nguyen",
    "Yuki Ito",
    "n/a",
]


# Explicitly tagged scalars: PyYAML never resolves these from their text.
TAGGED_SCALARS = [
    "! 123",  # the non-specific tag (libyaml resolves it as if there were none)
    "!!str 2024",
    "!!int '12'",
    "!!bool 'yes'",
    "!!float 2",
    "!!null ''",
    "!!timestamp '2026-01-05'",
    '!!str "true"',
]


def _document(values: list[str]) -> str:
    lines = [f"k{index}: {value}" for index, value in enumerate(values)]
    lines += [f"q{index}: '{value}'" for index, value in enumerate(values)]
    lines += [f"t{index}: {value}" for index, value in enumerate(TAGGED_SCALARS)]
    lines.append("items:")
    lines += [f"- {value}" for value in values]
    lines.append("nested:")
    lines += [f"  n{index}: {value}" for index, value in enumerate(values)]
    return "\n".join(lines) + "\n"


def test_fast_path_reads_every_scalar_as_pyyaml_does() -> None:
    text = _document(TRICKY_SCALARS)
    expected = yaml.load(text, Loader=yaml.CSafeLoader)
    # Twice: the second read answers from the remembered tags.
    for _ in range(2):
        document, problems = parse_yaml(text.encode(), "x.yaml")
        assert problems == []
        assert document is not None
        assert document.data == expected
        assert type(document.data["k0"]) is int
        assert type(document.data["q0"]) is str
        assert document.data["k2"] == 0o777
        assert document.data["k21"] == dt.date(2026, 1, 5)
        assert document.data["k11"] is True
        assert document.data["t2"] == 12


def test_every_catalog_record_reads_as_the_safe_loader_reads_it() -> None:
    # The fast path builds the data itself: on the real records it must agree exactly.
    paths = sorted((REPO / "papers").glob("*.yaml"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert yamlfile._plain_load(text) == yaml.load(text, Loader=yaml.CSafeLoader), path.name


def test_typed_values_keep_their_types() -> None:
    document, _ = parse_yaml(b"year: 2024\nreviewed: false\nadded: 2026-11-22\n", "x.yaml")
    assert document is not None
    assert document.data == {"year": 2024, "reviewed": False, "added": dt.date(2026, 11, 22)}
    assert [type(value) for value in document.data.values()] == [int, bool, dt.date]


def test_an_impossible_date_is_located() -> None:
    document, problems = parse_yaml(b"id: x\nadded: 2024-02-30\n", "x.yaml")
    assert document is None
    assert [(p.line, p.field) for p in problems] == [(2, "added")]
    assert "not a valid date '2024-02-30'" in problems[0].message


def test_a_scalar_tagged_as_a_string_list_is_not_taken_as_text() -> None:
    # PyYAML refuses `!!str` on a list; the fast path must not pass the list on as a title.
    document, problems = parse_yaml(b"id: x\ntitle: !!str [a, b]\n", "x.yaml")
    assert document is None
    assert [(p.line, p.field, p.message) for p in problems] == [
        (2, "title", "tag 'tag:yaml.org,2002:str' is not allowed")
    ]


def test_read_limited_stops_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a" * 200_000)
    assert read_limited(path, 150_001) == b"a" * 150_001
    assert read_limited(path, 10**6) == b"a" * 200_000


@pytest.mark.parametrize("size", [0, 1, 65_535, 65_536, 65_537, 131_072, 131_073])
def test_read_limited_reads_whole_files_of_any_size(tmp_path: Path, size: int) -> None:
    # Sizes at and around the read size: a file ending exactly where a read ends is still
    # read to its end, and one byte more is not lost.
    path = tmp_path / "record.yaml"
    content = bytes(index % 251 for index in range(size))
    path.write_bytes(content)
    assert read_limited(path, 10**6) == content


def test_a_huge_file_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"x: " + b"a" * MAX_BYTES)
    document, problems = load_yaml(path, "papers/huge.yaml")
    assert document is None
    assert problems[0].message == f"file is {MAX_BYTES + 3:,} bytes; the limit is {MAX_BYTES:,}"


@pytest.mark.parametrize("name", ["folder", "missing.yaml"])
def test_unreadable_paths_are_problems(tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    document, problems = load_yaml(tmp_path / name, f"papers/{name}")
    assert document is None
    assert problems[0].message.startswith("cannot read: ")


def test_without_libyaml_the_pure_loader_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _document(TRICKY_SCALARS)
    with_libyaml, _ = parse_yaml(text.encode(), "x.yaml")
    monkeypatch.delattr(yaml, "CSafeLoader")
    pure = importlib.reload(yamlfile)
    try:
        assert pure.RecordLoader.__mro__[1] is yaml.SafeLoader
        document, problems = pure.parse_yaml(text.encode(), "x.yaml")
        assert problems == []
        assert document is not None and with_libyaml is not None
        assert document.data == with_libyaml.data
        _, problems = pure.parse_yaml(b"id: x\ntitle: A\ntitle: B\n", "x.yaml")
        assert [(p.line, p.field) for p in problems] == [(3, "title")]
    finally:
        monkeypatch.undo()
        importlib.reload(yamlfile)


def test_lists_and_mappings_may_carry_their_own_standard_tag() -> None:
    text = "id: x\ntasks: !!seq [vqa, segmentation]\nlinks: !!map {code: 'https://a.org'}\n"
    document, problems = parse_yaml(text.encode(), "x.yaml")
    assert problems == []
    assert document is not None
    assert document.data == yaml.load(text, Loader=yaml.CSafeLoader)
    assert yamlfile._plain_load(text) == document.data


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("id: x\n2024: y\n", 2, "2024", "keys must be text"),
        ("id: x\nlinks:\n  yes: y\n", 3, "links.yes", "keys must be text"),
        ("id: x\n<<: {title: T}\n", 2, "<<", "merge keys (<<) are not allowed"),
        ("id: x\ntasks: !!seq [a]\n<<: {title: T}\n", 3, "<<", "merge keys (<<) are not allowed"),
        ("id: x\nreviewed: !!bool maybe\n", 2, "reviewed", "not a valid bool 'maybe'"),
        ("id: x\nyear: !!int ''\n", 2, "year", "not a valid int ''"),
        ("id: x\nadded: !!timestamp soon\n", 2, "added", "not a valid date 'soon'"),
        ("id: x\nadded: !!timestamp +024-01-01\n", 2, "added", "not a valid date '+024-01-01'"),
        (
            "id: x\ntitle: &t Foo\nvenue: *t\n",
            3,
            "venue",
            "anchors and aliases (& and *) are not allowed",
        ),
    ],
)
def test_what_pyyaml_would_build_differently_is_a_located_problem(
    text: str, line: int, field: str, message: str
) -> None:
    # Keys that are not text, merge keys, values PyYAML's constructors fail on and aliases of
    # single values: each is reported where it is, never a traceback nor silently accepted.
    document, problems = parse_yaml(text.encode(), "x.yaml")
    assert document is None
    assert [(p.line, p.field) for p in problems] == [(line, field)]
    assert problems[0].message.startswith(message)


@pytest.mark.parametrize(
    ("text", "field", "tag"),
    [
        ("id: x\ntitle: !!binary SGVsbG8=\n", "title", "binary"),
        ("id: x\ntasks: !!set {vqa: null}\n", "tasks", "set"),
        ("id: x\ntasks: !!omap [vqa: 1]\n", "tasks", "omap"),
        ("id: x\ntasks: !!pairs [vqa: 1]\n", "tasks", "pairs"),
    ],
)
def test_tags_the_safe_loader_builds_beyond_the_standard_ones_are_refused(
    text: str, field: str, tag: str
) -> None:
    # PyYAML's safe loader builds bytes, sets and pairs from these; pydantic would then take
    # the bytes for a title and the set for a list of terms.
    document, problems = parse_yaml(text.encode(), "x.yaml")
    assert document is None
    assert [(p.line, p.field, p.message) for p in problems] == [
        (2, field, f"tag 'tag:yaml.org,2002:{tag}' is not allowed")
    ]
