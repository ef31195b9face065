"""Safe YAML loading that keeps line numbers and turns every bad input into a located Problem.

PyYAML silently keeps the last of two equal keys, expands alias bombs and (with unsafe loaders)
builds arbitrary objects; this module composes the node tree with the safe C loader, checks it,
and only then constructs plain data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from medvlm.problems import Problem

MAX_BYTES = 1_000_000
Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"
# Builds single typed scalars (dates, numbers) to find the one PyYAML cannot build.
_SCALARS = yaml.constructor.SafeConstructor()


_ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)

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
            # One report is enough: an alias bomb repeats the same alias thousands of times.
            message = "anchors and aliases (& and *) are not allowed"
            problems.append(Problem(display, line, _dotted(path), message))
            return
        seen.add(id(current))
        if current.tag not in _ALLOWED_TAGS:
            problems.append(
                Problem(display, line, _dotted(path), f"tag {current.tag!r} is not allowed")
            )
            continue
        children: list[tuple[yaml.Node, KeyPath]] = []
        if isinstance(current, yaml.ScalarNode) and current.tag != _STR_TAG:
            try:
                _SCALARS.construct_object(current)
            except (ValueError, OverflowError) as error:
                kind = current.tag.rsplit(":", 1)[-1]
                what = "date" if kind == "timestamp" else kind
                message = f"not a valid {what} {current.value!r} ({error})"
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


class _Unusual(Exception):
    """The fast path met something only the careful path reports well."""


_MAX_DEPTH = 64
_DEEP_HINTS = re.compile(r"^(?: {64,}|\s*(?:- ){8,})", re.MULTILINE)


def _nesting_line(text: str) -> int | None:
    """The first line nesting deeper than _MAX_DEPTH, or None.

    libyaml's C composer recurses once per level and crashes the interpreter (a segfault, not an
    exception) on documents like `- - - - ...` or `[[[[...` thousands of levels deep; records
    never nest beyond three levels, so an over-estimate of the depth is a safe refusal.
    """
    if text.count("[") + text.count("{") <= _MAX_DEPTH and not _DEEP_HINTS.search(text):
        return None
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


def _plain(node: yaml.Node, loader: yaml.SafeLoader, seen: set[int]) -> Any:
    """Data of a composed node: faster than PyYAML's constructor, refusing anything unusual."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR_TAG:
            return node.value
        if node.tag not in _ALLOWED_TAGS:
            raise _Unusual
        return loader.construct_object(node)
    if id(node) in seen or node.tag not in _ALLOWED_TAGS:
        raise _Unusual  # an alias (a node met twice), or a tag such as !!python/object
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, loader, seen) for item in node.value]
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value in mapping:
            raise _Unusual  # a complex or duplicate key
        mapping[key_node.value] = _plain(value_node, loader, seen)
    return mapping


def _fast_parse(text: str) -> Any:
    """Plain data when the file is an ordinary record, else None (the careful path decides)."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if not isinstance(node, yaml.MappingNode):
            return None
        return _plain(node, loader, set())
    except (yaml.YAMLError, _Unusual, RecursionError, ValueError, OverflowError):
        # ValueError: an impossible date such as 2024-02-30 (PyYAML raises it raw).
        return None
    finally:
        loader.dispose()


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

    Ordinary records take the fast path (C loader, no line bookkeeping); anything unusual, and
    every file with a problem, goes through the careful path that locates each problem.
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
    data = _fast_parse(text)
    if isinstance(data, dict):
        return YamlDocument(data=data, text=text), []
    doc, problems = _careful_parse(text, display)
    return (None, problems) if problems else (doc, [])


def load_yaml(path: Path, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read and parse a YAML file; size is checked before reading so huge files cost nothing."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [
                Problem(display, 1, "", f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")
            ]
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(display, 0, "", f"cannot read: {error.strerror}")]
    return parse_yaml(raw, display)
