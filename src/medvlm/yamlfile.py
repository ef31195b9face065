"""Safe YAML loading that turns every bad input into a located Problem.

One path: `yaml.CSafeLoader` (the pure-Python SafeLoader where libyaml is missing), with four
checks PyYAML's safe loader lacks: a repeated key (PyYAML keeps the last one silently), an
alias (`*name`, the door to alias bombs), a merge key (`<<`) and a tag other than YAML's
standard scalars and collections (`!!binary`, `!!set`) are errors. A file that fails is
composed again, slowly, to say where: only files with a problem pay for line numbers.
The data of an ordinary record is built from the composed nodes directly (see `build`),
exactly as the safe loader would build it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from medvlm.problems import Problem

MAX_BYTES = 1_000_000
_READ_CHUNK = 65_536  # records are a few KB: one read each
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
# The tags a record may use, explicitly or implicitly: YAML's standard scalars and collections.
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_COLLECTION_TAGS: dict[type[yaml.Node], str] = {
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}

KeyPath = tuple[str | int, ...]


class _Refused(Exception):
    """Something the safe loader accepts but a record must not hold; the careful pass says where."""


class RecordLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader's parser and tag resolution; `build` makes the data (see there)."""


# The standard tags only: the safe loader also builds !!binary (bytes, which pydantic would
# take for text), !!set, !!omap and !!pairs; without a constructor they fail here, and the
# careful pass reports them.
_SCALAR_CONSTRUCTORS = {
    tag: construct
    for tag, construct in _BaseLoader.yaml_constructors.items()
    if tag in _SCALAR_TAGS and tag != _STR_TAG
}


def build(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """The plain data of a composed node, as the safe loader makes it, or _Refused.

    PyYAML's constructor goes through generic bookkeeping for every node (recursive objects,
    generators for deep construction): a record's plain tree needs none of it, and building
    it directly halves the loading time. Refused here: a key that is not text (`2024:`, a
    `<<` merge, a list), a repeated key (PyYAML would keep the last silently), any tag other
    than the standard ones. Aliases are refused before composing (see _plain_load).
    """
    kind = type(node)
    if kind is yaml.ScalarNode:
        if node.tag == _STR_TAG:
            return node.value
        construct = _SCALAR_CONSTRUCTORS.get(node.tag)
        if construct is None:
            raise _Refused
        return construct(loader, node)
    if kind is yaml.MappingNode and node.tag == _COLLECTION_TAGS[yaml.MappingNode]:
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag != _STR_TAG:
                raise _Refused
            key = key_node.value
            if key in mapping:
                raise _Refused
            mapping[key] = build(loader, value_node)
        return mapping
    if kind is yaml.SequenceNode and node.tag == _COLLECTION_TAGS[yaml.SequenceNode]:
        return [build(loader, item) for item in node.value]
    raise _Refused


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


def _allowed_tag(node: yaml.Node) -> bool:
    """Standard tags only (never !!python/...), and the one that fits the node's kind."""
    expected = _COLLECTION_TAGS.get(type(node))
    return node.tag == expected if expected else node.tag in _SCALAR_TAGS


def _scalar_problem(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str | None:
    """Why a typed scalar cannot be read (`2024-02-30`, `!!bool maybe`), or None."""
    try:
        loader.construct_object(node)
    except Exception as error:
        # PyYAML's constructors fail with whatever their parsing meets: ValueError for
        # 2024-02-30, KeyError for `!!bool maybe`, IndexError for `!!int ""`, ...
        kind = node.tag.rsplit(":", 1)[-1]
        what = "date" if kind == "timestamp" else kind
        detail = f" ({error})" if isinstance(error, ValueError | OverflowError) else ""
        return f"not a valid {what} {node.value!r}{detail}"
    return None


def _walk(
    loader: yaml.SafeLoader,
    node: yaml.Node,
    display: str,
    doc: YamlDocument,
    problems: list[Problem],
) -> None:
    """Record lines; report repeated keys, aliases and non-standard tags. Iterative and linear."""
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
        if isinstance(current, yaml.ScalarNode) and current.tag != _STR_TAG:
            invalid = _scalar_problem(loader, current)
            if invalid:
                problems.append(Problem(display, line, _dotted(path), invalid))
        if isinstance(current, yaml.MappingNode):
            first_line: dict[str, int] = {}
            for key_node, value_node in current.value:
                key_line = key_node.start_mark.line + 1
                key_path = (*path, str(key_node.value))
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
                    # `2024:`, `yes:`, `[a]:` or `<<:` are not field names.
                    message = (
                        "merge keys (<<) are not allowed"
                        if key_node.tag == _MERGE_TAG
                        else "keys must be text"
                    )
                    shown = path if not isinstance(key_node, yaml.ScalarNode) else key_path
                    problems.append(Problem(display, key_line, _dotted(shown), message))
                    continue
                key = key_node.value
                if key in first_line:
                    message = f"duplicate key (first at line {first_line[key]})"
                    problems.append(Problem(display, key_line, _dotted(key_path), message))
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


def _careful_parse(text: str, display: str) -> tuple[YamlDocument, list[Problem]]:
    """Compose the node tree, record every key's line and report what is wrong, located."""
    doc = YamlDocument(data=None, text=text, _lines={})
    loader = _BaseLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return doc, [Problem(display, 1, "", "file is empty")]
        if not isinstance(node, yaml.MappingNode):
            found = _node_kind(node)
            line = node.start_mark.line + 1
            return doc, [Problem(display, line, "", f"must be a mapping of fields, found {found}")]
        problems: list[Problem] = []
        _walk(loader, node, display, doc, problems)
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


def _plain_load(text: str) -> Any:
    """The file's data when it is an ordinary record (a mapping, nothing refused), else None."""
    if "*" in text:
        return None  # maybe an alias (`*name`): the careful pass tells
    loader = RecordLoader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else build(loader, node)
    except Exception:
        # YAML errors, _Refused, and whatever PyYAML's constructors raise on a bad value
        # (ValueError for 2024-02-30): the careful pass meets the same and locates it.
        return None
    finally:
        loader.dispose()
    return data if isinstance(data, dict) else None


def parse_yaml(raw: bytes, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document from bytes; return it (lines on demand), or the problems found."""
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
    data = _plain_load(text)
    if data is not None:
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
        return b"".join(chunks)
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
