"""The catalog: every record loaded and validated, cross-record checks, and grouping for output."""

from __future__ import annotations

import gc
import os
import pickle
import struct
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from pydantic import ValidationError

from medvlm.forked import ForkedStream, can_fork, cores
from medvlm.identifiers import title_key
from medvlm.models import Paper, Taxonomy
from medvlm.problems import Problem, ProblemsError, from_validation_error
from medvlm.recordcache import CacheEntry, CacheKey, RecordCache, content_digest, pickled_chunks
from medvlm.taxonomy import load_taxonomy
from medvlm.yamlfile import KeyPath, YamlDocument, load_yaml, parse_yaml, read_yaml_bytes

PAPERS_DIR = "papers"
TAXONOMY_FILE = "taxonomy.yaml"


@dataclass
class Catalog:
    """Every valid record with the taxonomy; `problems` lists what was wrong in the files."""

    root: Path
    taxonomy: Taxonomy
    papers: list[Paper]
    problems: list[Problem] = field(default_factory=list)

    def by_id(self) -> dict[str, Paper]:
        return {paper.id: paper for paper in self.papers}

    def count(self, axis: str, term: str) -> int:
        return sum(1 for paper in self.papers if term in terms_of(paper, axis))


def terms_of(paper: Paper, axis: str) -> list[str]:
    """The terms a paper has on one axis."""
    if axis == "task":
        return paper.tasks
    if axis == "strategy":
        return paper.strategies
    if axis == "modality":
        return paper.modalities
    if axis == "dataset":
        return paper.datasets
    if axis == "kind":
        return [paper.kind]
    raise KeyError(axis)


def reading_order(papers: Iterable[Paper]) -> list[Paper]:
    """The catalog's one display order: newest first, then title, then id (for ties)."""
    return sorted(papers, key=lambda p: (-(p.year or 0), p.title.casefold(), p.id))


def record_display(path: Path) -> str:
    """A record's path as users see it in messages: relative to the catalog root."""
    return f"{PAPERS_DIR}/{path.name}"


@dataclass
class LoadedRecord:
    """A record file's outcome: the paper when valid, its problems, and its parsed document."""

    path: Path
    display: str
    paper: Paper | None
    problems: list[Problem]
    # Normalised title for the duplicate check, computed where the record is loaded (on a
    # worker for large catalogs): it is the costly key.
    title_key: str = ""
    # Digest of the bytes the record was read from (the record cache's key); b"" when unread.
    digest: bytes = b""

    @property
    def cache_key(self) -> CacheKey:
        """What the record cache stores this record's outcome under."""
        return (self.path.name, self.digest)

    def line(self, key_path: KeyPath) -> int:
        """Line of a key, read again only when asked: most records never need one."""
        document, _ = load_yaml(self.path, self.display)
        return document.lines.get(key_path, 1) if document else 1


def load_records(paths: list[Path], taxonomy: Taxonomy) -> list[LoadedRecord]:
    """Load and validate record files, in the given order; every problem is located.

    Each step runs over all the files before the next (read, then parse, then validate):
    measured a third faster than one file at a time, as each library's code and data stay
    in the processor's caches.
    """
    displays = [record_display(path) for path in paths]
    read = [read_yaml_bytes(path, display) for path, display in zip(paths, displays, strict=True)]
    parsed = [
        parse_yaml(raw, display) if raw is not None else (None, problems)
        for (raw, problems), display in zip(read, displays, strict=True)
    ]
    context = {"taxonomy": taxonomy}
    return [
        _validated(path, display, raw, document, problems, context)
        for path, display, (raw, _), (document, problems) in zip(
            paths, displays, read, parsed, strict=True
        )
    ]


def _validated(
    path: Path,
    display: str,
    raw: bytes | None,
    document: YamlDocument | None,
    problems: list[Problem],
    context: dict[str, Taxonomy],
) -> LoadedRecord:
    """A parsed record file's outcome: its paper when the data is a valid record."""
    if document is None or raw is None:
        return LoadedRecord(path, display, None, problems)
    try:
        paper = Paper.model_validate(document.data, context=context)
    except ValidationError as error:
        found = from_validation_error(error, Paper, display, document.line_of)
        return LoadedRecord(path, display, None, found)
    if paper.id != path.stem:
        line = document.lines.get(("id",), 1)
        message = f"{paper.id!r} must equal the file name {path.stem!r}"
        return LoadedRecord(path, display, None, [Problem(display, line, "id", message)])
    return LoadedRecord(path, display, paper, [], title_key(paper.title), content_digest(raw))


# Read from valid records only (their paper is set).
_IDENTITY_KEYS: tuple[tuple[KeyPath, str, Callable[[LoadedRecord], str | None]], ...] = (
    (("id",), "id", attrgetter("paper.id")),
    (("ids", "doi"), "DOI", attrgetter("paper.ids.doi")),
    (("ids", "arxiv"), "arXiv id", attrgetter("paper.ids.arxiv")),
    (("title",), "title", attrgetter("title_key")),
)


def _duplicates(records: list[LoadedRecord]) -> list[Problem]:
    """One problem per record that repeats another's id, DOI, arXiv id or normalised title."""
    problems = []
    valid = [record for record in records if record.paper is not None]
    for key_path, label, value_of in _IDENTITY_KEYS:
        values = [value for value in map(value_of, valid) if value]
        if len(set(values)) == len(values):
            continue  # the common case, found without a loop in Python
        first: dict[str, LoadedRecord] = {}
        for record in valid:
            value = value_of(record)
            if not value:
                continue
            if value in first:
                line = record.line(key_path)
                message = f"same {label} as {first[value].display} (one paper, one record)"
                problems.append(
                    Problem(record.display, line, ".".join(map(str, key_path)), message)
                )
            else:
                first[value] = record
    return problems


# Below this many records one process is faster than starting workers.
PARALLEL_FROM = 1500


# What a worker sends back: its valid records pickled as record-cache chunks (in file order),
# and the problems of the others by their place in the share.
ParsedShare = tuple[list[bytes], dict[int, list[Problem]]]


def _parse_share(paths: list[Path], taxonomy: Taxonomy) -> ParsedShare:
    """Load a share of the records on a worker.

    The valid records travel back pickled as the record cache stores them, so that this
    process neither pickles them again for the cache nor sends anything it cannot rebuild
    (paths, display names) from the share it was given.
    """
    records = load_records(paths, taxonomy)
    problems = {
        index: record.problems for index, record in enumerate(records) if record.paper is None
    }
    return pickled_chunks(_valid_entries(records)), problems


def _valid_entries(records: list[LoadedRecord]) -> dict[CacheKey, CacheEntry]:
    """The valid records as the record cache keeps them."""
    return {
        record.cache_key: (record.paper, record.title_key)
        for record in records
        if record.paper is not None
    }


def _loaded(paths: list[Path], taxonomy: Taxonomy, cache: RecordCache) -> list[LoadedRecord]:
    """Load records here, the valid ones into the cache."""
    records = load_records(paths, taxonomy)
    cache.put(_valid_entries(records))
    return records


def _unpack_share(paths: list[Path], share: ParsedShare, cache: RecordCache) -> list[LoadedRecord]:
    """The records of a share a worker loaded, in file order; valid ones enter the cache."""
    chunks, problems = share
    valid: list[tuple[CacheKey, CacheEntry]] = []
    for chunk in chunks:
        entries = pickle.loads(chunk)  # made by this program's own worker, just now
        cache.put_pickled(chunk, entries)
        valid.extend(entries.items())
    records: list[LoadedRecord] = []
    next_valid = iter(valid)
    for index, path in enumerate(paths):
        display = record_display(path)
        if index in problems:
            records.append(LoadedRecord(path, display, None, problems[index]))
        else:
            (_, digest), (paper, title) = next(next_valid)
            records.append(LoadedRecord(path, display, paper, [], title, digest))
    return records


@contextmanager
def _without_gc() -> Iterator[None]:
    """No cyclic garbage collection inside: loading creates many objects and no cycles.

    Generational passes would only re-scan the records already loaded or unpickled (measured: a
    sixth of the loading time at 10k records); what loading discards is freed by reference
    counting (a test checks that no cycles are left behind).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class _Claims:
    """Slices of the record list, claimed by the loading processes one at a time.

    Each process starts with its own first slice (so every worker has work, however fast
    the others are), then claims the next unclaimed slice until none are left: a process on
    a slower core simply loads fewer (the cores of a shared machine often differ by half).
    The other slice numbers wait in a pipe, four bytes each, and a process claims one by
    reading four bytes (a read the kernel does at once): no lock that a process killed
    while claiming could keep, and the end of the pipe says none are left.
    """

    def __init__(self, paths: list[Path], processes: int) -> None:
        self.paths = paths
        # Slices small enough to balance the end, large enough to batch (see load_records),
        # and few enough for every number to fit in the pipe before anyone reads.
        self.size = max(1, min(200, len(paths) // (processes * 8)), -(-len(paths) // _MAX_SLICES))
        self.count = -(-len(paths) // self.size)
        self._numbers, writer = os.pipe()  # the forks inherit the reading end
        try:
            waiting = b"".join(map(_SLICE_NUMBER.pack, range(processes, self.count)))
            while waiting:
                waiting = waiting[os.write(writer, waiting) :]
        except OSError:
            os.close(self._numbers)
            raise
        finally:
            os.close(writer)

    def slice(self, number: int) -> list[Path]:
        return self.paths[number * self.size : (number + 1) * self.size]

    def claimed(self, first: int) -> Iterator[tuple[int, list[Path]]]:
        """Slice `first`, then each next unclaimed slice."""
        number = first
        while number < self.count:
            yield number, self.slice(number)
            taken = os.read(self._numbers, _SLICE_NUMBER.size)
            if len(taken) < _SLICE_NUMBER.size:
                return  # the end of the pipe: every slice is claimed
            (number,) = _SLICE_NUMBER.unpack(taken)

    def close(self) -> None:
        os.close(self._numbers)


_SLICE_NUMBER = struct.Struct("=I")
_MAX_SLICES = 1024  # 4 KiB of numbers: a pipe holds at least a page


def _parse_claims(
    claims: _Claims, first: int, taxonomy: Taxonomy
) -> Iterator[tuple[int, ParsedShare]]:
    """In a worker: load the slices it claims, each sent back (by number) once loaded."""
    for number, part in claims.claimed(first):
        yield number, _parse_share(part, taxonomy)


def _parse_records(paths: list[Path], taxonomy: Taxonomy, cache: RecordCache) -> list[LoadedRecord]:
    """Load records in the given order, valid ones into the cache; many records are parsed on
    every core.

    Forked workers (see forked.py) inherit the paths, the taxonomy and the disabled collector.
    This process and the workers claim slices of the records until none are left. Between
    its own slices this process takes in the slices the workers have sent (rather than all
    at the end, when nothing else is left to do); a slice whose worker failed is loaded here
    at the end.
    """
    if len(paths) < PARALLEL_FROM or not can_fork():
        return _loaded(paths, taxonomy, cache)
    processes = min(cores(), 8)
    try:
        claims = _Claims(paths, processes)
    except OSError:  # no pipe to be had (file descriptors): one process it is
        return _loaded(paths, taxonomy, cache)
    workers = [
        ForkedStream(_parse_claims, claims, first, taxonomy) for first in range(1, processes)
    ]
    loaded: dict[int, list[LoadedRecord]] = {}

    def unpack(shares: list[tuple[int, ParsedShare]]) -> None:
        for number, share in shares:
            loaded[number] = _unpack_share(claims.slice(number), share, cache)

    try:
        for number, part in claims.claimed(0):
            loaded[number] = _loaded(part, taxonomy, cache)
            for worker in workers:
                unpack(worker.arrived())
        for worker in workers:
            unpack(worker.rest())
    finally:
        for worker in workers:
            worker.close()
        claims.close()
    for number in range(claims.count):
        if number not in loaded:  # claimed by a worker that failed
            loaded[number] = _loaded(claims.slice(number), taxonomy, cache)
    return [record for number in range(claims.count) for record in loaded[number]]


def _load_with_cache(
    paths: list[Path], taxonomy: Taxonomy, cache: RecordCache
) -> list[LoadedRecord]:
    """Load records in file-name order: unchanged valid records from the cache, the rest parsed."""
    # By place in the list: hashing 10k paths would cost more than a warm load's lookups.
    cached: dict[int, LoadedRecord] = {}
    if cache.entries:
        for index, path in enumerate(paths):
            raw, _ = read_yaml_bytes(path, "")
            hit = cache.get((path.name, content_digest(raw))) if raw is not None else None
            if hit is not None:
                paper, key = hit
                cached[index] = LoadedRecord(path, record_display(path), paper, [], key)
    if not cached:
        return _parse_records(paths, taxonomy, cache)
    changed = [path for index, path in enumerate(paths) if index not in cached]
    parsed = iter(_parse_records(changed, taxonomy, cache))
    return [cached[index] if index in cached else next(parsed) for index in range(len(paths))]


def _record_paths(root: Path, problems: list[Problem]) -> list[Path]:
    """The record files in name order; other files in the folder are problems."""
    papers_dir = root / PAPERS_DIR
    if not papers_dir.is_dir():
        raise ProblemsError([Problem(PAPERS_DIR, 0, "", "records folder not found")])
    paths: list[Path] = []
    # iterdir makes the paths (three times faster than joining each name to the folder); a
    # folder is told apart (a stat call) only when not named like a record, and one that is
    # fails to read, reported as such.
    for name, path in sorted((path.name, path) for path in papers_dir.iterdir()):
        if name[0] == ".":
            continue
        if name.endswith(".yaml"):
            paths.append(path)
        elif not path.is_dir():
            problems.append(
                Problem(record_display(path), 0, "", "records are named papers/<id>.yaml")
            )
    return paths


def load_catalog(root: Path) -> Catalog:
    """Load taxonomy and records under `root`; problems are collected, never raised.

    Raises ProblemsError only when the taxonomy itself is unusable (nothing can be checked).
    """
    taxonomy = load_taxonomy(root / TAXONOMY_FILE, TAXONOMY_FILE)
    problems: list[Problem] = []
    paths = _record_paths(root, problems)
    with _without_gc():
        cache = RecordCache.open(root, taxonomy)
        records = _load_with_cache(paths, taxonomy, cache)
        cache.save()
        # The records live as long as the process: later collections need not scan them again
        # (measured: a tenth of a warm load and README render at 10k records).
        gc.freeze()
    for record in records:
        problems.extend(record.problems)
    problems.extend(_duplicates(records))
    papers = [record.paper for record in records if record.paper is not None]
    known = {paper.id for paper in papers}
    for source in taxonomy.sources:
        if source.review and source.review not in known:
            problems.append(
                Problem(
                    TAXONOMY_FILE, 0, f"sources.{source.id}.review", f"no record {source.review!r}"
                )
            )
    return Catalog(root=root, taxonomy=taxonomy, papers=papers, problems=sorted(problems))


def group_by_first_terms(papers: Iterable[Paper]) -> dict[str, dict[str, list[Paper]]]:
    """Papers under their first task, then their first strategy ('' when none), reading order."""
    groups: dict[str, dict[str, list[Paper]]] = defaultdict(lambda: defaultdict(list))
    for paper in papers:
        strategy = paper.strategies[0] if paper.strategies else ""
        groups[paper.primary_task][strategy].append(paper)
    return {
        task: {strategy: reading_order(items) for strategy, items in by_strategy.items()}
        for task, by_strategy in groups.items()
    }
