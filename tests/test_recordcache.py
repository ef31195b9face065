"""The record cache: a warm load equals a cold one, parses only what changed, and never hides a
problem."""

from __future__ import annotations

import gc
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from medvlm import catalog as catalog_module
from medvlm import forked
from medvlm.catalog import Catalog, load_catalog
from medvlm.recordcache import cache_folder
from tests.helpers import DATA, Run


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "record-cache"
    monkeypatch.setenv("MEDVLM_RECORD_CACHE", str(folder))
    return folder


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the record files parsed (not taken from the cache) by each load."""
    names: list[str] = []
    original = catalog_module.load_records

    def counting(paths: list[Path], *args: object) -> list[catalog_module.LoadedRecord]:
        names.extend(path.name for path in paths)
        return original(paths, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog_module, "load_records", counting)
    return names


def same(first: Catalog, second: Catalog) -> bool:
    return first.papers == second.papers and first.problems == second.problems


def test_a_warm_load_equals_a_cold_one_and_parses_nothing(
    mini_catalog: Path, cache_dir: Path, parsed: list[str]
) -> None:
    cold = load_catalog(mini_catalog)
    assert len(parsed) == 4
    assert len(list(cache_dir.iterdir())) == 1
    parsed.clear()
    warm = load_catalog(mini_catalog)
    assert parsed == []
    assert same(cold, warm)
    assert [paper.id for paper in warm.papers] == [paper.id for paper in cold.papers]


def test_only_changed_records_are_parsed_again(
    mini_catalog: Path, cache_dir: Path, parsed: list[str]
) -> None:
    load_catalog(mini_catalog)
    record = mini_catalog / "papers" / "smith2024clip.yaml"
    record.write_text(record.read_text().replace("venue: MICCAI", "venue: MIDL"))
    parsed.clear()
    warm = load_catalog(mini_catalog)
    assert parsed == ["smith2024clip.yaml"]
    assert warm.by_id()["smith2024clip"].venue == "MIDL"


def test_problems_are_found_on_every_run(mini_catalog: Path, cache_dir: Path, run_cli: Run) -> None:
    shutil.copy(DATA / "bad" / "fields.yaml", mini_catalog / "papers" / "fields.yaml")
    first = run_cli(mini_catalog, "validate")
    second = run_cli(mini_catalog, "validate")
    assert first.code == second.code == 1
    assert second.err == first.err
    assert "papers/fields.yaml:10: links.code: must be an http(s) URL" in second.err


def test_duplicates_between_cached_records_are_located(
    mini_catalog: Path, cache_dir: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli(mini_catalog, "validate").code == 0
    source = (mini_catalog / "papers" / "smith2024clip.yaml").read_text()
    copy = source.replace("id: smith2024clip", "id: smith2024clip-b")
    (mini_catalog / "papers" / "smith2024clip-b.yaml").write_text(copy)
    result = run_cli(mini_catalog, "validate")
    assert result.code == 1
    # smith2024clip.yaml comes from the cache, yet its problem has its line, as without a cache.
    assert "papers/smith2024clip.yaml:3: title: same title as papers/smith2024clip-b.yaml" in (
        result.err
    )
    monkeypatch.setenv("MEDVLM_RECORD_CACHE", "off")
    assert run_cli(mini_catalog, "validate") == result


def test_a_changed_taxonomy_validates_every_record_again(
    mini_catalog: Path, cache_dir: Path, run_cli: Run
) -> None:
    assert run_cli(mini_catalog, "validate").code == 0
    taxonomy = mini_catalog / "taxonomy.yaml"
    # Rename a term that smith2024clip uses: its cached validation no longer holds.
    taxonomy.write_text(taxonomy.read_text().replace("id: pathology", "id: histopathology"))
    result = run_cli(mini_catalog, "validate")
    assert result.code == 1
    assert "papers/smith2024clip.yaml:13: modalities: unknown modality 'pathology'" in (result.err)


def test_a_renamed_record_is_checked_against_its_new_name(
    mini_catalog: Path, cache_dir: Path, run_cli: Run
) -> None:
    assert run_cli(mini_catalog, "validate").code == 0
    papers = mini_catalog / "papers"
    (papers / "smith2024clip.yaml").rename(papers / "smith2024other.yaml")
    result = run_cli(mini_catalog, "validate")
    assert result.code == 1
    assert "papers/smith2024other.yaml:2: id: 'smith2024clip' must equal the file name" in (
        result.err
    )


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"not a pickle",
        lambda data: data[: len(data) // 2],
        lambda data: data[: -len(pickle.dumps({}))],  # only the end marker lost
    ],
    ids=["garbage", "half", "no-end"],
)
def test_a_damaged_cache_is_rebuilt(
    mini_catalog: Path, cache_dir: Path, parsed: list[str], damage: Callable[[bytes], bytes]
) -> None:
    cold = load_catalog(mini_catalog)
    (cache_file,) = cache_dir.iterdir()
    cache_file.write_bytes(damage(cache_file.read_bytes()))
    parsed.clear()
    assert same(load_catalog(mini_catalog), cold)
    assert len(parsed) == 4
    parsed.clear()
    assert same(load_catalog(mini_catalog), cold)
    assert parsed == []


def test_an_unwritable_cache_only_costs_speed(
    mini_catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("MEDVLM_RECORD_CACHE", str(blocker / "cache"))
    result = run_cli(mini_catalog, "validate")
    assert (result.code, result.out, result.err) == (0, "4 records valid\n", "")


def test_the_cache_can_be_turned_off(
    mini_catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[str]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("MEDVLM_RECORD_CACHE", "off")
    load_catalog(mini_catalog)
    load_catalog(mini_catalog)
    assert len(parsed) == 8
    assert not (tmp_path / "xdg").exists()


def test_the_default_folder_follows_xdg(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    assert cache_folder(env) == tmp_path / "medvlm" / "records"
    assert cache_folder({**env, "MEDVLM_RECORD_CACHE": str(tmp_path / "x")}) == tmp_path / "x"
    assert cache_folder({"MEDVLM_RECORD_CACHE": "OFF"}) is None


def test_parallel_loading_fills_and_uses_the_cache(
    mini_catalog: Path, cache_dir: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A record with problems in each share: this process's and the worker's.
    for name in ("a-bad.yaml", "z-bad.yaml"):
        shutil.copy(DATA / "bad" / "fields.yaml", mini_catalog / "papers" / name)
    monkeypatch.setattr(catalog_module, "PARALLEL_FROM", 2)
    # The parallel path on any machine.
    monkeypatch.setattr(catalog_module, "cores", lambda: 2)
    monkeypatch.setattr(forked, "cores", lambda: 2)
    cold = load_catalog(mini_catalog)
    assert [problem.path for problem in cold.problems[:: len(cold.problems) - 1]] == [
        "papers/a-bad.yaml",
        "papers/z-bad.yaml",
    ]
    parsed.clear()
    assert same(load_catalog(mini_catalog), cold)
    # Only records with problems are parsed again (a worker's parsing is not counted here).
    assert parsed and set(parsed) <= {"a-bad.yaml", "z-bad.yaml"}
    monkeypatch.setenv("MEDVLM_RECORD_CACHE", "off")
    assert same(load_catalog(mini_catalog), cold)


def test_loading_leaves_no_cycles_for_the_collector(
    mini_catalog: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Loading runs with the cyclic collector off: it must not leave garbage only it can free.
    shutil.copy(DATA / "bad" / "fields.yaml", mini_catalog / "papers" / "fields.yaml")
    monkeypatch.setattr(gc, "freeze", lambda: None)  # frozen garbage would go unseen
    gc.collect()
    for _ in range(2):  # cold, then warm
        load_catalog(mini_catalog)
        assert gc.collect() == 0
