"""Atomic, deterministic writing of generated files and of YAML records."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from medvlm.models import Paper

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/paper.schema.json\n"
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def write_atomic(
    path: Path, content: str | bytes, *, create_folders: bool = True, durable: bool = True
) -> None:
    """Write `content` to `path` so readers see the old file or the new one, never half of one.

    Files a user names (`-o FILE`) pass create_folders=False: a mistyped folder is an error,
    not a new folder. durable=False skips flushing to disk (for caches: after a power loss the
    file may be damaged, never half-replaced while running).
    """
    if create_folders:
        path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _plain(value: Any) -> Any:
    """Data YAML can dump safely and stably (dates stay dates, tuples become lists)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date | str | int | float | bool) or value is None:
        return value
    return str(value)


def dump_record(paper: Paper) -> str:
    """A record as its YAML file: schema comment first, keys in model order, block style."""
    body = yaml.dump(
        _plain(paper.to_data()),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
    return SCHEMA_COMMENT + body


def write_record(root: Path, paper: Paper) -> Path:
    """Write `papers/<id>.yaml` atomically and return its path."""
    path = root / "papers" / f"{paper.id}.yaml"
    write_atomic(path, dump_record(paper))
    return path
