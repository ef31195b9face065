"""A cache of validated records, so that a catalog loads fast when few records changed.

Loading 10k records is mostly YAML parsing and validation; both are pure functions of the
record file (name and bytes), the taxonomy, the code and the current year (the latest year
allowed). The cache keeps each valid record under its file name and content digest, in a file
stamped with a fingerprint of everything else: any change to the taxonomy, to this package's
code, to pydantic or PyYAML, or a new year, empties it. Records with problems are never cached,
so their problems are found, with their lines, on every run.

The cache lives in the user's cache folder, never in the repository: it is a pickle, and a
pickle must only be read from a place nobody else writes to (a pull request cannot add one).
`MEDVLM_RECORD_CACHE` names another folder, or `off` disables it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pydantic
import pydantic_core
import yaml

from medvlm.models import Paper, Taxonomy, max_year
from medvlm.writer import write_atomic

CACHE_ENV = "MEDVLM_RECORD_CACHE"
_OFF = ("off", "no", "false", "0", "none")
_FORMAT = 2  # bump when the cache file changes shape
_CHUNK = 2000  # entries per pickle in the file
_PACKAGE = Path(__file__).resolve().parent

CacheKey = tuple[str, bytes]  # file name, digest of its bytes
CacheEntry = tuple[Paper, str]  # the valid record and its title key


def content_digest(raw: bytes) -> bytes:
    """The digest a record's bytes are cached under."""
    return hashlib.blake2b(raw, digest_size=16).digest()


def cache_folder(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where record caches live: `$MEDVLM_RECORD_CACHE`, else `$XDG_CACHE_HOME/medvlm/records`
    (`~/.cache/medvlm/records`); None when the cache is off."""
    env = os.environ if environ is None else environ
    value = env.get(CACHE_ENV, "").strip()
    if value.lower() in _OFF:
        return None
    if value:
        return Path(value).expanduser()
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "medvlm" / "records"


def pickled_chunks(entries: Mapping[CacheKey, CacheEntry]) -> list[bytes]:
    """Entries pickled in chunks, as the cache file holds them: one pickle of 100k records
    costs more than ten of 10k."""
    items = list(entries.items())
    return [
        pickle.dumps(dict(items[start : start + _CHUNK]), protocol=pickle.HIGHEST_PROTOCOL)
        for start in range(0, len(items), _CHUNK)
    ]


def fingerprint(taxonomy: Taxonomy) -> bytes:
    """What a cached validation depends on besides the record itself."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (
        str(_FORMAT),
        sys.version,
        pydantic.VERSION,
        pydantic_core.__version__,
        yaml.__version__,
        str(max_year()),
    ):
        digest.update(part.encode() + b"\0")
    digest.update(taxonomy.model_dump_json().encode() + b"\0")
    for source in sorted(_PACKAGE.rglob("*.py")):
        digest.update(source.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(source.read_bytes() + b"\0")
    return digest.digest()


@dataclass
class RecordCache:
    """Valid records by (file name, content digest), for one catalog folder."""

    path: Path | None
    stamp: bytes
    entries: dict[CacheKey, CacheEntry] = field(default_factory=dict)
    # What this run used or validated: what save() keeps. What it validated is pickled as it
    # comes (`chunks`, their keys in `pickled`); what it used is pickled when saving.
    used: dict[CacheKey, CacheEntry] = field(default_factory=dict)
    chunks: list[bytes] = field(default_factory=list)
    pickled: set[CacheKey] = field(default_factory=set)

    @classmethod
    def open(cls, root: Path, taxonomy: Taxonomy) -> RecordCache:
        """The cache of the catalog at `root`; empty when off, missing, stale or unreadable."""
        folder = cache_folder()
        if folder is None:
            return cls(None, b"")
        name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        path = folder / f"{name}.pickle"
        cache = cls(path, fingerprint(taxonomy))
        entries: dict[CacheKey, CacheEntry] = {}
        try:
            # Our own file in the user's cache folder (see above); anything wrong with it
            # (missing, truncated, written by another version) means starting afresh.
            with path.open("rb") as stream:
                if pickle.load(stream) != cache.stamp:
                    return cache
                while chunk := pickle.load(stream):
                    entries.update(chunk)
        except Exception:
            return cache
        cache.entries = entries
        return cache

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def get(self, key: CacheKey) -> CacheEntry | None:
        """The valid record and its title key stored for this file content, if any."""
        found = self.entries.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, entries: Mapping[CacheKey, CacheEntry]) -> None:
        """Records validated in this run, pickled now (while other processes still work)."""
        self.used.update(entries)
        if self.enabled:
            self.chunks.extend(pickled_chunks(entries))
            self.pickled.update(entries)

    def put_pickled(self, chunk: bytes, entries: Mapping[CacheKey, CacheEntry]) -> None:
        """Entries with their pickle (made by pickled_chunks), kept to be written as they are."""
        self.used.update(entries)
        if self.enabled:
            self.chunks.append(chunk)
            self.pickled.update(entries)

    def save(self) -> None:
        """Keep exactly the records of this run; skipped when nothing changed.

        A cache that cannot be written only costs speed: the run's result is unaffected.
        """
        if self.path is None or self.used.keys() == self.entries.keys():
            return
        # What is not pickled yet: the records taken from the cache.
        self.chunks.extend(
            pickled_chunks({key: e for key, e in self.used.items() if key not in self.pickled})
        )
        # The stamp first, so a stale cache is recognised without reading on; then the chunks;
        # then an end marker, so that a truncated file fails to load.
        data = b"".join(
            [
                pickle.dumps(self.stamp, protocol=pickle.HIGHEST_PROTOCOL),
                *self.chunks,
                pickle.dumps({}),
            ]
        )
        try:
            # Not flushed to disk: after a crash a damaged cache is only rebuilt.
            write_atomic(self.path, data, durable=False)
        except OSError:
            return
