"""Benchmark: load + validate and README rendering of synthetic 1k, 10k and 100k catalogs.

Prints wall time and peak memory of each stage at each size. Each stage runs in a fresh
subprocess so that its peak resident memory is its own. Records have realistic field sizes
(titles of ~100 characters, 3-12 authors, ids, links, several terms).

    python benchmarks/bench_catalog.py [--sizes 1000 10000 100000] [--repeat 3]

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
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# As in synthetic.py, which is imported only to make catalogs (the --measure processes skip it).
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
    parser.add_argument("--repeat", type=int, default=3, help="runs of each figure (median)")
    parser.add_argument("--measure", nargs=2, metavar=("STAGE", "ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure[0], Path(args.measure[1]))))
        return
    print("cold: empty record cache (a fresh machine, or every record changed); warm: unchanged")
    print("records (the next run after `medvlm validate`). Each figure: a fresh process; the")
    print(f"median of {args.repeat} runs (this VM's speed varies from run to run).")
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
    totals: dict[int, tuple[list[float], list[float]]] = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="medvlm-bench-") as folder:
            root = Path(folder) / "catalog"
            root.mkdir()
            make_catalog(root, size)
            load_only, cold, warm = [], [], []
            for run in range(args.repeat):
                # A new (empty) cache folder for every cold run; the warm run follows it.
                load_only.append(run_stage("load", root, Path(folder) / f"cache-load-{run}"))
                cold.append(run_stage("all", root, Path(folder) / f"cache-{run}"))
                warm.append(run_stage("all", root, Path(folder) / f"cache-{run}"))
        cold_totals = [figures["total_s"] for figures in cold]
        warm_totals = [figures["total_s"] for figures in warm]
        totals[size] = (cold_totals, warm_totals)
        peak = max(figures["peak_mb"] for figures in cold + warm)
        print(
            f"{size:>8} {_median(load_only, 'load_validate_s'):>13.2f}s"
            f" {_median(load_only, 'peak_mb'):>8.0f} {_median(cold, 'render_s'):>7.2f}s"
            f" {statistics.median(cold_totals):>9.2f}s {statistics.median(warm_totals):>9.2f}s"
            f" {peak:>8.0f}"
        )
    if 10_000 in totals and 100_000 in totals:
        ratio = statistics.median(totals[100_000][0]) / statistics.median(totals[10_000][0])
        print(f"100k / 10k total time, cold: {ratio:.1f}x (linear is 10x)")
    if 10_000 in totals:
        for label, seconds in zip(("cold", "warm"), totals[10_000], strict=True):
            median = statistics.median(seconds)
            verdict = "meets" if median <= 1.5 else "misses"
            print(
                f"10k validated and rendered, {label}: median {median:.2f} s"
                f" (best {min(seconds):.2f} s, worst {max(seconds):.2f} s):"
                f" {verdict} the 1.5 s target"
            )


def _median(runs: list[dict[str, float]], figure: str) -> float:
    return statistics.median(run[figure] for run in runs)


if __name__ == "__main__":
    main()
