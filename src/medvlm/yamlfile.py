"""Safe YAML loading that keeps line numbers and turns every bad input into a located Problem.

PyYAML silently keeps the last of two equal keys, expands alias bombs and (with unsafe loaders)
builds arbitrary objects; this module composes the node tree with the safe C loader, checks it,
and only then constructs plain data.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from medvlm.problems import Problem
from medvlm.yamlnative import native_parse
from medvlm.yamlscalars import (
    MERGE_TAG,
    SCALAR_TAGS,
    STR_TAG,
    TYPED_BY_FIRST_CHARACTER,
    TYPED_STARTS,
    BaseLoader,
    Unusual,
    construct_scalar,
    plain_scalar_tag,
    typed_scalar,
)

MAX_BYTES = 1_000_000
_READ_CHUNK = 65_536  # records are a few KB: one read each
# libyaml's parser and composer (PyYAML wheels ship it; a source build may lack it). Without
# it, or without the shortcut of yamlscalars.TYPED_STARTS, every file takes the careful path.
_CParser: type | None = getattr(getattr(yaml, "cyaml", None), "CParser", None)
_SCALAR_NODE = yaml.ScalarNode


class Loader(BaseLoader):  # type: ignore[misc,valid-type]
    """The safe (C) loader with the same tags, resolved faster (see plain_scalar_tag).

    Quoted scalars are always strings. There are no path resolvers in the safe loader, so
    descending and ascending need no bookkeeping.
    """

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        return plain_scalar_tag(value) if implicit[0] else STR_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


# A list or mapping must carry its own tag: `!!str [a, b]` is not text.
_COLLECTION_TAGS: dict[type[yaml.Node], str] = {
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


def _allowed_tag(node: yaml.Node) -> bool:
    """Standard tags only (never !!python/...), and the one that fits the node's kind."""
    expected = _COLLECTION_TAGS.get(type(node))
    return node.tag == expected if expected else node.tag in SCALAR_TAGS


KeyPath = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Plain data of one YAML file, and the line (1-based) of every key and list item."""

    data: Any
    text: str = ""
    _lines: dict[KeyPath, int] | None = field(default=None, repr=False)

    @property
    def lines(self) -> dict[KeyPath, int]:
        """Key lines, computed on first use: only files with problems need them."""
        if self._lines is None:
            self._lines = _careful_parse(self.text, "")[0].lines if self.text else {}
        return self._lines

    def line_of(self, path: KeyPath) -> int:
        """Line of the deepest known prefix of `path` (1 when nothing matches)."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


def _dotted(path: KeyPath) -> str:
    return ".".join(str(part) for part in path)


def _node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "a single value"


def _walk(node: yaml.Node, display: str, doc: YamlDocument, problems: list[Problem]) -> None:
    """Record lines; report duplicate keys, aliases and non-standard tags. Iterative and linear."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, KeyPath]] = [(node, ())]
    while stack:
        current, path = stack.pop()
        line = current.start_mark.line + 1
        if id(current) in seen:
            # An alias shares its anchor's node (and line): locate it by the key that holds it.
            if path and isinstance(path[-1], int):
                line = doc.line_of(path[:-1])
            elif path:
                line = doc.lines.get(path, line)
            # One report is enough: an alias bomb repeats the same alias thousands of times.
            message = "anchors and aliases (& and *) are not allowed"
            problems.append(Problem(display, line, _dotted(path), message))
            return
        seen.add(id(current))
        if not _allowed_tag(current):
            problems.append(
                Problem(display, line, _dotted(path), f"tag {current.tag!r} is not allowed")
            )
            continue
        children: list[tuple[yaml.Node, KeyPath]] = []
        if isinstance(current, yaml.ScalarNode) and current.tag != STR_TAG:
            try:
                construct_scalar(current)
            except Exception as error:
                # PyYAML's constructors fail with whatever their parsing meets: ValueError for
                # 2024-02-30, KeyError for `!!bool maybe`, IndexError for `!!int ""`, ...
                kind = current.tag.rsplit(":", 1)[-1]
                what = "date" if kind == "timestamp" else kind
                detail = f" ({error})" if isinstance(error, ValueError | OverflowError) else ""
                message = f"not a valid {what} {current.value!r}{detail}"
                problems.append(Problem(display, line, _dotted(path), message))
        if isinstance(current, yaml.MappingNode):
            first_line: dict[str, int] = {}
            for key_node, value_node in current.value:
                key_line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    problems.append(Problem(display, key_line, _dotted(path), "keys must be text"))
                    continue
                key = str(key_node.value)
                key_path = (*path, key)
                if key_node.tag != STR_TAG:  # `2024:`, `yes:`, `<<:` are not field names
                    message = (
                        "merge keys (<<) are not allowed"
                        if key_node.tag == MERGE_TAG
                        else "keys must be text"
                    )
                    problems.append(Problem(display, key_line, _dotted(key_path), message))
                    continue
                if key in first_line:
                    problems.append(
                        Problem(
                            display,
                            key_line,
                            _dotted(key_path),
                            f"duplicate key (first at line {first_line[key]})",
                        )
                    )
                    continue
                first_line[key] = key_line
                doc.lines[key_path] = key_line
                children.append((value_node, key_path))
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                item_path = (*path, index)
                doc.lines.setdefault(item_path, item.start_mark.line + 1)
                children.append((item, item_path))
        stack.extend(reversed(children))  # document order, so the first problem is reported


def _yaml_error(display: str, error: yaml.YAMLError, text: str) -> Problem:
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    # An unclosed quote or bracket fails at the end of the file; its start is the useful line.
    at_end = problem_mark is not None and problem_mark.index >= len(text.rstrip())
    mark = context_mark if at_end and context_mark is not None else (problem_mark or context_mark)
    line = mark.line + 1 if mark is not None else 1
    message = f"{context}: {problem}" if context else str(problem)
    return Problem(display, line, "", f"YAML syntax error: {message}")


_MAX_DEPTH = 64
_DEEP_INDENT = " " * _MAX_DEPTH  # deep block nesting needs deep indentation ...
_DEEP_DASHES = "- " * 8  # ... or a run of compact list items ("- - - ...") on one line,
_WIDE_DASH = "-  "  # or such a run with wider gaps ("-  -  - ...")


def _nesting_line(text: str) -> int | None:
    """The first line nesting deeper than _MAX_DEPTH, or None.

    libyaml's C composer recurses once per level and crashes the interpreter (a segfault, not an
    exception) on documents like `- - - - ...` or `[[[[...` thousands of levels deep; records
    never nest beyond three levels, so an over-estimate of the depth is a safe refusal.
    """
    if (
        text.count("[") + text.count("{") <= _MAX_DEPTH
        and _DEEP_INDENT not in text
        and _DEEP_DASHES not in text
        and _WIDE_DASH not in text
    ):
        return None  # none of the three ways to nest deeply: the common case, found quickly
    flow = 0
    quote = ""
    previous = "\n"
    for number, line in enumerate(text.split("\n"), start=1):
        if not quote:
            body = line.lstrip(" ")
            indent = len(line) - len(body)
            dashes = len(re.match(r"(?:-[ ]+)*", body).group(0).replace(" ", ""))  # type: ignore[union-attr]
            if indent + dashes + flow > _MAX_DEPTH:
                return number
        for char in line:
            if quote:
                if char == quote:
                    quote = ""
            elif char in "'\"" and previous in " \t\n:[{,-":
                quote = char
            elif char == "#" and previous in " \t\n":
                break
            elif char in "[{":
                flow += 1
                if flow > _MAX_DEPTH:
                    return number
            elif char in "]}":
                flow = max(flow - 1, 0)
            previous = char
        previous = "\n"
    return None


if not TYPED_BY_FIRST_CHARACTER:
    _CParser = None

if _CParser is not None:

    class _RecordParser(_CParser):  # type: ignore[misc,valid-type]
        """libyaml's composer, with tag resolution left to _plain.

        The composer calls three Python methods per node (resolve, descend_resolver,
        ascend_resolver): a fifth of composing a record. Here they are builtins that do no
        work: `slice` keeps resolve's arguments (kind, value, implicit flags) as the node's
        tag, and _plain resolves it exactly as PyYAML's safe loader would. An explicit tag
        (`!!str 5`, `!foo x`) is never passed to resolve and stays a string.
        """

        resolve = slice
        descend_resolver = slice
        ascend_resolver = tuple


def _scalar_tag(node: yaml.Node) -> Any:
    """The tag of a scalar composed by _RecordParser, resolved as PyYAML would."""
    tag: Any = node.tag  # a slice (see _RecordParser) or an explicit tag
    if type(tag) is not slice:
        return tag
    value = node.value
    if not tag.step[0] or value[:1] not in TYPED_STARTS:
        return STR_TAG  # quoted, or plain text that no resolver claims
    return plain_scalar_tag(value)


def _scalar_value(node: yaml.Node) -> Any:
    """A scalar's data, as PyYAML's safe loader builds it."""
    tag = _scalar_tag(node)
    return node.value if tag == STR_TAG else typed_scalar(tag, node.value)


def _plain(node: yaml.Node, seen: set[int]) -> Any:
    """Data of a node composed by _RecordParser, refusing anything unusual (the careful path
    then reports it). Only files the native path (yamlnative) leaves come here."""
    kind = type(node)
    if kind is _SCALAR_NODE:
        return _scalar_value(node)
    # An alias (a node met twice), or a list or mapping tagged as something else: `!!str [a]`.
    collection_tag: Any = node.tag
    if id(node) in seen or (
        type(collection_tag) is not slice and collection_tag != _COLLECTION_TAGS[kind]
    ):
        raise Unusual
    seen.add(id(node))
    if kind is yaml.SequenceNode:
        return [_plain(item, seen) for item in node.value]
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if type(key_node) is not _SCALAR_NODE or key in mapping or _scalar_tag(key_node) != STR_TAG:
            raise Unusual  # a complex, duplicate or typed key (`2024:`, `<<:`)
        mapping[key] = _plain(value_node, seen)
    return mapping


def _fast_parse(text: str) -> Any:
    """Plain data when the file is an ordinary record, else None (the careful path decides)."""
    if _CParser is None:
        return None  # PyYAML built without libyaml: every file takes the careful path
    if "*" in text:
        # An alias (`*name`) of a single value gives the same node twice, which _plain does
        # not track: the careful path reports it.
        return None
    parser = _RecordParser(text)
    try:
        node = parser.get_single_node()
        if type(node) is not yaml.MappingNode:
            return None
        return _plain(node, set())
    except Exception:
        # YAML errors, Unusual, and whatever PyYAML's constructors raise on a bad value
        # (ValueError for 2024-02-30, KeyError for `!!bool maybe`): the careful path, which
        # meets the same, reports each one located.
        return None
    finally:
        parser.dispose()


def _careful_parse(text: str, display: str) -> tuple[YamlDocument, list[Problem]]:
    """Compose the node tree, record every key's line and report what is wrong, located."""
    doc = YamlDocument(data=None, text=text, _lines={})
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return doc, [Problem(display, 1, "", "file is empty")]
        if not isinstance(node, yaml.MappingNode):
            found = _node_kind(node)
            line = node.start_mark.line + 1
            return doc, [Problem(display, line, "", f"must be a mapping of fields, found {found}")]
        problems: list[Problem] = []
        _walk(node, display, doc, problems)
        if problems:
            return doc, problems
        doc.data = loader.construct_document(node)
        return doc, []
    except yaml.YAMLError as error:
        return doc, [_yaml_error(display, error, text)]
    except RecursionError:
        return doc, [Problem(display, 1, "", "YAML nesting is too deep")]
    finally:
        loader.dispose()


def parse_yaml(raw: bytes, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document from bytes; return it (lines on demand), or the problems found.

    Ordinary records take the native path (yamlnative), the rest the fast path (C loader, no
    line bookkeeping); anything unusual, and every file with a problem, goes through the careful
    path that locates each problem. All three build the data PyYAML's safe loader builds.
    """
    if len(raw) > MAX_BYTES:
        return None, [
            Problem(display, 1, "", f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start]
        return None, [Problem(display, line, "", f"not valid UTF-8 (byte 0x{byte:02x})")]
    deep = _nesting_line(text)
    if deep is not None:
        return None, [Problem(display, deep, "", f"nesting deeper than {_MAX_DEPTH} levels")]
    data = native_parse(text)
    if data is None:
        data = _fast_parse(text)
    if isinstance(data, dict):
        return YamlDocument(data=data, text=text), []
    doc, problems = _careful_parse(text, display)
    return (None, problems) if problems else (doc, [])


def read_limited(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a file: a huge file costs no more than the limit to refuse."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        chunks: list[bytes] = []
        total = 0
        while total < limit:
            # Until a read finds nothing: one may fall short before the end (a signal, some
            # network and user-space file systems).
            chunk = os.read(descriptor, min(_READ_CHUNK, limit - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(descriptor)


def read_yaml_bytes(path: Path, display: str) -> tuple[bytes | None, list[Problem]]:
    """A YAML file's bytes, or the problem reading it; reading stops past the size limit."""
    try:
        raw = read_limited(path, MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            size = path.stat().st_size
            return None, [
                Problem(display, 1, "", f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")
            ]
    except OSError as error:
        return None, [Problem(display, 0, "", f"cannot read: {error.strerror}")]
    return raw, []


def load_yaml(path: Path, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read and parse a YAML file."""
    raw, problems = read_yaml_bytes(path, display)
    return (None, problems) if raw is None else parse_yaml(raw, display)
