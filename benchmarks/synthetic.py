"""Synthetic catalogs shared by the benchmarks (bench_catalog.py, bench_site.py).

Records have realistic field sizes (titles of ~100 characters, 3-12 authors, ids, links,
several terms) and the real catalog's mix of kinds. Generation is deterministic per size.
Imported as `synthetic` by scripts run as `python benchmarks/bench_x.py`.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import yaml

from medvlm.models import Paper
from medvlm.taxonomy import load_taxonomy
from medvlm.writer import dump_record

REPO = Path(__file__).resolve().parent.parent
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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
AXES = ("task", "strategy", "modality", "kind")


def synthetic_paper(index: int, rng: random.Random, terms: dict[str, list[str]]) -> Paper:
    """One record, shaped like the real ones (ids unique by construction)."""
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


def write_papers(root: Path, size: int) -> None:
    """`root/papers` with `size` synthetic records and the review records the repository's
    taxonomy names (its sources must exist for the catalog to validate); copies taxonomy.yaml."""
    taxonomy = load_taxonomy(REPO / "taxonomy.yaml")
    terms = {axis: taxonomy.term_ids(axis) for axis in AXES}
    shutil.copy(REPO / "taxonomy.yaml", root / "taxonomy.yaml")
    papers = root / "papers"
    papers.mkdir()
    rng = random.Random(size)
    for index in range(size):
        paper = synthetic_paper(index, rng, terms)
        (papers / f"{paper.id}.yaml").write_text(dump_record(paper), encoding="utf-8")
    for source in taxonomy.sources:
        if source.review:
            shutil.copy(REPO / "papers" / f"{source.review}.yaml", papers)


def grow_papers(root: Path, size: int) -> None:
    """`root/papers` with `size` records grown from the repository's real ones: each real record
    in turn, with a new id, a numbered title and unique identifiers (so the catalog validates),
    everything else as curated; copies taxonomy.yaml. Deterministic per size."""
    taxonomy = load_taxonomy(REPO / "taxonomy.yaml")
    shutil.copy(REPO / "taxonomy.yaml", root / "taxonomy.yaml")
    real = [
        Paper.model_validate(yaml.load(path.read_bytes(), Loader=_LOADER))
        for path in sorted((REPO / "papers").glob("*.yaml"))
    ]
    reviews = {source.review for source in taxonomy.sources if source.review}
    papers = root / "papers"
    papers.mkdir()
    for review in sorted(reviews):
        shutil.copy(REPO / "papers" / f"{review}.yaml", papers)
    for index in range(size - len(reviews)):
        original = real[index % len(real)]
        data = original.to_data()
        data["id"] = f"{original.id[:60]}-g{index}"
        data["title"] = f"{original.title[:280]} {index}"
        data["ids"] = {"arxiv": f"{26 - index // 100_000 % 20:02d}01.{index % 100_000:05d}"}
        if original.ids.doi:
            data["ids"]["doi"] = f"{original.ids.doi}.g{index}"
        paper = Paper.model_validate(data)
        (papers / f"{paper.id}.yaml").write_text(dump_record(paper), encoding="utf-8")
