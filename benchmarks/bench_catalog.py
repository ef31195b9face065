"""Benchmark: load + validate and README rendering of synthetic 1k, 10k and 100k catalogs.

Prints wall time and peak memory of each stage at each size. Each stage runs in a fresh
subprocess so that its peak resident memory is its own. Records have realistic field sizes
(titles of ~100 characters, 3-12 authors, ids, links, several terms).

    python benchmarks/bench_catalog.py [--sizes 1000 10000 100000]

Each size runs cold (empty record cache: every record parsed and validated) and warm (the same
records again: unchanged valid records come from the cache, see src/medvlm/recordcache.py).

Target (issue 2): 10k records validated and rendered in <= 1.5 s; 100k within 10x of 10k.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def make_catalog(root: Path, size: int) -> None:
    """A catalog folder with `size` synthetic records and the repository's templates."""
    # Imported here, not at the top: the --measure processes need none of it.
    from synthetic import write_papers

    write_papers(root, size)
    shutil.copytree(REPO / "templates", root / "templates")


def measure(stage: str, root: Path) -> dict[str, float]:
    """Run one stage in this (fresh) process and return its wall time and peak memory."""
    from medvlm.catalog import load_catalog
    from medvlm.render.readme import render_readme

    start = time.perf_counter()
    catalog = load_catalog(root)
    loaded = time.perf_counter()
    if catalog.problems:
        raise SystemExit(f"synthetic catalog has problems: {catalog.problems[:3]}")
    figures = {"load_validate_s": loaded - start, "papers": float(len(catalog.papers))}
    if stage == "all":
        text = render_readme(catalog, root / "templates")
        figures["render_s"] = time.perf_counter() - loaded
        figures["readme_kb"] = len(text.encode("utf-8")) / 1024
    figures["total_s"] = time.perf_counter() - start
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def run_stage(stage: str, root: Path, cache: Path) -> dict[str, float]:
    env = {**os.environ, "MEDVLM_RECORD_CACHE": str(cache)}
    output = subprocess.run(
        [sys.executable, __file__, "--measure", stage, str(root)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    result: dict[str, float] = json.loads(output)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--measure", nargs=2, metavar=("STAGE", "ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure[0], Path(args.measure[1]))))
        return
    print("cold: empty record cache (a fresh machine, or every record changed); warm: unchanged")
    print("records (the next run after `medvlm validate`). Each figure: a fresh process.")
    columns = (
        "records",
        "load+validate",
        "peak MB",
        "render",
        "total cold",
        "total warm",
        "peak MB",
    )
    print(" ".join(f"{name:>{max(8, len(name))}}" for name in columns))
    totals: dict[int, tuple[float, float]] = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="medvlm-bench-") as folder:
            root = Path(folder) / "catalog"
            root.mkdir()
            make_catalog(root, size)
            load_only = run_stage("load", root, Path(folder) / "cache-load")
            cold = run_stage("all", root, Path(folder) / "cache")
            warm = run_stage("all", root, Path(folder) / "cache")
        totals[size] = (cold["total_s"], warm["total_s"])
        print(
            f"{size:>8} {load_only['load_validate_s']:>13.2f}s {load_only['peak_mb']:>8.0f}"
            f" {cold['render_s']:>7.2f}s {cold['total_s']:>9.2f}s {warm['total_s']:>9.2f}s"
            f" {max(cold['peak_mb'], warm['peak_mb']):>8.0f}"
        )
    if 10_000 in totals and 100_000 in totals:
        ratio = totals[100_000][0] / totals[10_000][0]
        print(f"100k / 10k total time, cold: {ratio:.1f}x (linear is 10x)")
    if 10_000 in totals:
        for label, seconds in zip(("cold", "warm"), totals[10_000], strict=True):
            verdict = "meets" if seconds <= 1.5 else "misses"
            print(
                f"10k validated and rendered, {label}: {seconds:.2f} s: {verdict} the 1.5 s target"
            )


if __name__ == "__main__":
    main()
