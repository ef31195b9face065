"""Benchmark: whole-process `medvlm validate` and `medvlm build` against a bare YAML parse.

For a catalog grown from the repository's real records (synthetic.grow_papers) of each size,
three commands run as fresh processes, in turns, `--repeat` times each:

- baseline: a Python process that parses every record with `yaml.CSafeLoader`, nothing else;
- `medvlm validate`: list, parse, validate and cross-check every record;
- `medvlm build`: the same, then render README.md and the schema and write them.

Each figure is the median wall time; the ratios divide by the baseline's median measured in
the same run, so that the machine's speed of the moment cancels out.

    python benchmarks/bench_catalog.py [--sizes 10000] [--repeat 5]

Goal (issue "One obvious path"): validate and build each within 1.5x the bare parse at 10k.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import REPO, grow_papers

MEDVLM = Path(sys.executable).with_name("medvlm")
# The baseline: read and parse every record file, as `medvlm validate` must at least do.
BARE_PARSE = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1], "papers").glob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
GOAL = 1.5


def commands(root: Path) -> dict[str, list[str]]:
    return {
        "bare CSafeLoader parse": [sys.executable, "-c", BARE_PARSE, str(root)],
        "medvlm validate": [str(MEDVLM), "--root", str(root), "validate"],
        "medvlm build": [str(MEDVLM), "--root", str(root), "build"],
    }


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(root: Path, repeat: int) -> dict[str, list[float]]:
    """Wall times of each command, run in turns so that each sees the same machine."""
    runs = commands(root)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for command in runs.values():
        timed(command)  # warm the page cache and the interpreter's byte code
    for _ in range(repeat):
        for name, command in runs.items():
            times[name].append(timed(command))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command (median)")
    args = parser.parse_args()
    print(f"median of {args.repeat} fresh processes each; ratio to the bare parse of the same run")
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="medvlm-bench-") as folder:
            root = Path(folder) / "catalog"
            root.mkdir()
            grow_papers(root, size)
            shutil.copytree(REPO / "templates", root / "templates")
            times = measure(root, args.repeat)
        baseline = statistics.median(next(iter(times.values())))
        print(f"\n{size:,} records")
        for name, seconds in times.items():
            median = statistics.median(seconds)
            ratio = median / baseline
            verdict = (
                ""
                if name.startswith("bare")
                else (f"  {'meets' if ratio <= GOAL else 'misses'} the {GOAL}x goal")
            )
            print(
                f"  {name:<24} {median:6.2f} s (best {min(seconds):.2f}, worst {max(seconds):.2f})"
                f"  {ratio:4.2f}x{verdict}"
            )


if __name__ == "__main__":
    main()
