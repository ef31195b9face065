"""Benchmark: the website for synthetic catalogs of 1k and 10k papers.

For each size: build time (`medvlm site`: generate the tree, `mkdocs build --strict`, publish),
the built site's total size and size per paper; at the largest size, the explorer's filter time
in Chromium (performance.now() around a filter change, layout included). Records have realistic
field sizes (titles of ~100 characters, 3-12 authors, ids, links, several terms).

    python benchmarks/bench_site.py [--sizes 1000 10000] [--builder mkdocs|zensical]

Targets (issue "The site"): 10k papers built in <= 60 s with <= 30 KB per paper; a filter change
at 10k papers in <= 100 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from medvlm.catalog import load_catalog
from medvlm.models import Paper
from medvlm.render.site import build_site, site_server
from medvlm.taxonomy import load_taxonomy
from medvlm.writer import dump_record

REPO = Path(__file__).resolve().parent.parent
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
WORDS = (
    "vision language model medical image segmentation report generation contrastive pretraining "
    "chest radiograph pathology foundation prompt learning zero-shot few-shot adapter knowledge "
    "graph retrieval augmented multimodal large instruction tuning benchmark dataset evaluation "
    "grounding detection anomaly synthesis diffusion ultrasound endoscopy retinal dermatology "
    "whole slide histopathology volumetric brain tumour lesion organ universal interactive "
    "explainable trustworthy robust efficient parameter low-rank visual question answering "
    "captioning alignment hierarchical cross-modal fusion transformer mamba agent reasoning "
    "hallucination preference reinforcement federated privacy weakly supervised self-supervised "
    "masked autoencoder radiology fundus dental surgical video ophthalmology mammography"
).split()
GIVEN = "Wei Jing Anna Luca Maria Chen Yuki Omar Sara Ivan Priya Tom Hao Elena Kofi".split()
FAMILY = "Zhang Li Wang Smith Garcia Müller Rossi Kim Nguyen Patel Khan Silva Okafor Ito".split()
# method, foundation-model, dataset, benchmark, evaluation, survey (taxonomy order): as in the
# real catalog, most papers are methods and few are surveys.
KIND_WEIGHTS = [70, 10, 7, 5, 5, 3]
VENUES = ["MICCAI", "CVPR", "Nature Medicine", "arXiv", "NeurIPS", "Medical Image Analysis"]


def synthetic_paper(index: int, rng: random.Random, terms: dict[str, list[str]]) -> Paper:
    year = rng.randint(2016, 2026)
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(9, 15)))
    authors = [f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" for _ in range(rng.randint(3, 12))]
    data = {
        "id": f"synthetic{year}r{index}",
        "title": f"{words.capitalize()} {index}",
        "authors": authors,
        "year": year,
        "venue": rng.choice(VENUES),
        "kind": rng.choices(terms["kind"], weights=KIND_WEIGHTS)[0],
        "model": f"Model-{index}" if rng.random() < 0.7 else None,
        "ids": {"arxiv": f"{year % 100:02d}{rng.randint(1, 12):02d}.{index % 100000:05d}"},
        "links": {
            "paper": f"https://arxiv.org/abs/{year % 100:02d}01.{index % 100000:05d}",
            "code": f"https://github.com/example/model-{index}" if rng.random() < 0.6 else None,
        },
        "tasks": rng.sample(terms["task"], rng.randint(1, 2)),
        "strategies": rng.sample(terms["strategy"], rng.randint(1, 2)),
        "modalities": rng.sample(terms["modality"], rng.randint(1, 3)),
        "reviewed": rng.random() < 0.5,
        "added": dt.date(2026, 1, 1) + dt.timedelta(days=index % 300),
    }
    return Paper.model_validate(data)


def make_catalog(root: Path, size: int) -> None:
    """A catalog folder with `size` synthetic records and the repository's site inputs."""
    taxonomy = load_taxonomy(REPO / "taxonomy.yaml")
    terms = {axis: taxonomy.term_ids(axis) for axis in ("task", "strategy", "modality", "kind")}
    for name in ("taxonomy.yaml", "mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(REPO / name, root / name)
    for folder in ("templates", "docs"):
        shutil.copytree(REPO / folder, root / folder)
    papers = root / "papers"
    papers.mkdir()
    rng = random.Random(size)
    for index in range(size):
        paper = synthetic_paper(index, rng, terms)
        (papers / f"{paper.id}.yaml").write_text(dump_record(paper), encoding="utf-8")
    for source in taxonomy.sources:  # the taxonomy's sources name review records
        if source.review:
            shutil.copy(REPO / "papers" / f"{source.review}.yaml", papers)


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
    if 10_000 in results:
        seconds, per_paper = results[10_000]
        print(
            f"\n10k papers: {seconds:.1f} s (target <= 60 s), "
            f"{per_paper:.1f} KB per paper (target <= 30 KB)"
        )


if __name__ == "__main__":
    main()
