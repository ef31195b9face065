"""Benchmark: the website for synthetic catalogs of 1k and 10k papers, each in one build.

For each size: build time (`medvlm site`: load, generate the tree, one `mkdocs build --strict`,
publish), the built site's total size and size per paper, and both as ratios to the first
(smallest) size; at the largest size, the explorer's filter time in Chromium
(performance.now() around a filter change, layout included). Records have realistic field
sizes (titles of ~100 characters, 3-12 authors, ids, links, several terms) and the depth of a
curated catalog: most have a summary, evidence links and (methods) datasets.

    python benchmarks/bench_site.py [--sizes 1000 10000] [--builder mkdocs|zensical]

Targets (issues 15 and "The site"): 10k papers built in one run in <= 60 s on a 2-core
machine, with <= 30 KB per paper; a filter change at 10k papers in <= 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml
from synthetic import REPO, WORDS, write_papers

from medvlm.catalog import load_catalog
from medvlm.models import MAX_SUMMARY, Paper
from medvlm.render.site.build import build_site
from medvlm.render.site.serve import site_server
from medvlm.taxonomy import load_taxonomy
from medvlm.writer import dump_record

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


SYNTHETIC_PREFIX = "synthetic"  # synthetic.py's record ids; the review records stay as written
DEPTH = 0.95  # the share of records with a summary, evidence and reviewed terms
DATASETS_SHARE = 0.6  # the share of methods naming their datasets


def deepened(paper: Paper, rng: random.Random, datasets: list[str]) -> Paper:
    """`paper` with the fields a curated record has: summary, evidence, datasets, review."""
    deep = rng.random() < DEPTH
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(16, 24)))
    words = words if len(words) < MAX_SUMMARY else words[: MAX_SUMMARY - 1].rsplit(" ", 1)[0]
    arxiv = f"https://arxiv.org/abs/{paper.ids.arxiv}"
    update = {
        "summary": f"{words.capitalize()}." if deep else None,
        "evidence": [arxiv, f"https://example.org/proceedings/{paper.id}"] if deep else [],
        "reviewed": deep,
        "datasets": (
            rng.sample(datasets, rng.randint(1, 3))
            if paper.kind == "method" and rng.random() < DATASETS_SHARE
            else []
        ),
    }
    return paper.model_copy(update=update)


def make_catalog(root: Path, size: int) -> None:
    """A catalog folder with `size` synthetic records (synthetic.py's, deepened), the review
    records the taxonomy names, and the repository's site inputs."""
    write_papers(root, size)
    datasets = load_taxonomy(root / "taxonomy.yaml").term_ids("dataset")
    rng = random.Random(size)
    for path in sorted((root / "papers").glob(f"{SYNTHETIC_PREFIX}*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        paper = deepened(Paper.model_validate(data), rng, datasets)
        path.write_text(dump_record(paper), encoding="utf-8")
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(REPO / name, root / name)
    for folder in ("templates", "docs"):
        shutil.copytree(REPO / folder, root / folder)


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


# In the page: change one filter, then force style and layout, so that the time includes the
# browser's work on the table, not only the script's. Returns [script ms, layout ms].
FILTER_SCRIPT = """
([name, value]) => {
  const control = document.querySelector(`#medvlm-explorer [name="${name}"]`);
  const start = performance.now();
  control.value = value;
  control.dispatchEvent(new Event(control.type === "search" ? "input" : "change", {bubbles: true}));
  const scripted = performance.now();
  document.body.offsetHeight;
  return [scripted - start, performance.now() - scripted];
}
"""
CHANGES = [
    ("task", "segmentation"),
    ("task", ""),  # back to all papers
    ("strategy", "pretraining"),
    ("q", "zhang"),
    ("q", ""),
    ("strategy", ""),
]


def explorer_timings(site: Path, repeats: int = 10) -> tuple[float, dict[str, list[float]]]:
    """Seconds until the explorer is ready, and per filter change [script ms, layout ms]s."""
    from playwright.sync_api import sync_playwright  # only needed for this measurement

    server = site_server(site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/explorer/"
    timings: dict[str, list[float]] = {"script": [], "layout": [], "total": []}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("#medvlm-explorer[data-state=ready]", timeout=60_000)
            ready = time.perf_counter() - started
            for _ in range(repeats):
                for name, value in CHANGES:
                    script, layout = page.evaluate(FILTER_SCRIPT, [name, value])
                    timings["script"].append(float(script))
                    timings["layout"].append(float(layout))
                    timings["total"].append(float(script) + float(layout))
            browser.close()
    finally:
        server.shutdown()
    return ready, timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--builder", choices=["mkdocs", "zensical"], default="mkdocs")
    args = parser.parse_args()

    print(
        f"{'papers':>7} {'load':>6} {'generate':>9} {args.builder:>8} {'publish':>8}"
        f" {'total':>7} {'site MB':>8} {'KB/paper':>9}"
    )
    results = {}
    last_site: Path | None = None
    keep = Path(tempfile.mkdtemp(prefix="medvlm-bench-site-"))
    try:
        for size in args.sizes:
            root = keep / str(size)
            root.mkdir()
            make_catalog(root, size)
            start = time.perf_counter()
            catalog = load_catalog(root)
            if catalog.problems:
                raise SystemExit(f"synthetic catalog has problems: {catalog.problems[:3]}")
            loaded = time.perf_counter() - start
            result = build_site(catalog, root / "site", args.builder)
            total = folder_size(result.out)
            results[size] = (result.seconds + loaded, total / size / 1024)
            print(
                f"{size:>7} {loaded:>5.1f}s {result.generate_seconds:>8.1f}s"
                f" {result.build_seconds:>7.1f}s {result.publish_seconds:>7.1f}s"
                f" {result.seconds + loaded:>6.1f}s {total / 1e6:>8.1f} {total / size / 1024:>9.1f}"
            )
            last_site = result.out
        if last_site is not None and CHROMIUM.exists():
            os.sync()  # let the kernel write the new site out first: not part of a filter change
            ready, timings = explorer_timings(last_site)
            print(f"\nexplorer at {args.sizes[-1]} papers: ready {ready:.1f} s after loading")
            changes = ", ".join(f"{name}={value or '(any)'}" for name, value in CHANGES)
            print(f"  per filter change ({len(timings['total'])} changes: {changes}):")
            for label, values in timings.items():
                print(
                    f"  {label:<7} median {statistics.median(values):6.1f} ms"
                    f"   p90 {percentile(values, 0.9):6.1f} ms   max {max(values):6.1f} ms"
                )
        elif not CHROMIUM.exists():
            print("no /usr/bin/chromium: explorer timing skipped", file=sys.stderr)
    finally:
        shutil.rmtree(keep)
    sizes = sorted(results)
    if len(sizes) > 1:
        base, top = sizes[0], sizes[-1]
        print(
            f"\n{top} vs {base} papers ({top / base:.0f}x the papers, same script): "
            f"build time x{results[top][0] / results[base][0]:.1f}, "
            f"KB per paper x{results[top][1] / results[base][1]:.2f}"
        )
    if 10_000 in results:
        seconds, per_paper = results[10_000]
        print(
            f"10k papers in one build: {seconds:.1f} s (target <= 60 s), "
            f"{per_paper:.1f} KB per paper (target <= 30 KB)"
        )


if __name__ == "__main__":
    main()
