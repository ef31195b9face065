"""Building the site: fill the build folder, run MkDocs (or Zensical) once, publish the result.

`prepare_build` copies the hand-written docs/ into the build folder, adds the generated files
(never over a hand-written one) and writes a config derived from mkdocs.yml; `run_builder` runs
`mkdocs build --strict` (or `zensical build`) in a subprocess; `publish` swaps the result into
the output folder, so that a failed build leaves the previous site untouched.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from medvlm.catalog import Catalog
from medvlm.problems import Problem, ProblemsError
from medvlm.render.site.config import (
    BUILD_DOCS,
    BUILD_OVERRIDES,
    BUILD_SITE,
    site_config,
    write_config,
)
from medvlm.render.site.generate import SiteInputs, render_site_files
from medvlm.render.site.settings import CONFIG_FILE, load_base_config, settings_from_config

# Where things are, relative to the catalog root.
DOCS_DIR = "docs"
CONTRIBUTING_FILE = "CONTRIBUTING.md"
TEMPLATES_DIR = "templates"
OVERRIDES_DIR = "site/overrides"  # Material theme overrides, inside TEMPLATES_DIR
BUILD_DIR = ".site-build"
DEFAULT_OUT = "site"

Builder = Literal["mkdocs", "zensical"]
BUILDERS: tuple[Builder, ...] = ("mkdocs", "zensical")


def _hand_written(root: Path) -> dict[str, Path]:
    """Files under docs/, by path relative to it."""
    docs = root / DOCS_DIR
    if not docs.is_dir():
        return {}
    return {
        path.relative_to(docs).as_posix(): path
        for path in sorted(docs.rglob("*"))
        if path.is_file()
    }


def _read_contributing(root: Path) -> str:
    path = root / CONTRIBUTING_FILE
    if not path.is_file():
        message = "not found (the site's Contributing page is made from it)"
        raise ProblemsError([Problem(CONTRIBUTING_FILE, 0, "", message)])
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        message = f"cannot read as UTF-8 text ({error})"
        raise ProblemsError([Problem(CONTRIBUTING_FILE, 0, "", message)]) from None


def page_url(path: str) -> str:
    """Where MkDocs publishes a docs file (directory URLs): `a.md` and `a/index.md` are `a/`."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    for index in ("index", "README"):
        if stem == index:
            return ""
        if stem.endswith("/" + index):
            return stem.removesuffix(index)
    return stem + "/"


@dataclass(frozen=True)
class BuildTree:
    """A filled build folder: its config, and how many pages its docs hold."""

    config: Path
    pages: int  # markdown pages under docs/


def prepare_build(catalog: Catalog, build_dir: Path) -> BuildTree:
    """Fill a fresh build folder (docs, overrides, config).

    A generated file never replaces a hand-written one: such a clash is a located problem.
    """
    root = catalog.root
    base = load_base_config(root)
    inputs = SiteInputs(settings_from_config(base), _read_contributing(root))
    generated = render_site_files(catalog, root / TEMPLATES_DIR, inputs)
    hand_written = _hand_written(root)
    generated_urls = {page_url(name) for name in generated}
    clashes = [name for name in hand_written if page_url(name) in generated_urls]
    if clashes:
        raise ProblemsError(
            [
                Problem(f"{DOCS_DIR}/{name}", 0, "", "clashes with a generated page: rename it")
                for name in clashes
            ]
        )
    if build_dir.exists():
        shutil.rmtree(build_dir)
    docs = build_dir / BUILD_DOCS
    for name, source in hand_written.items():
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    for name, text in generated.items():
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    overrides = root / TEMPLATES_DIR / OVERRIDES_DIR
    if overrides.is_dir():
        shutil.copytree(overrides, build_dir / BUILD_OVERRIDES)
    else:
        (build_dir / BUILD_OVERRIDES).mkdir(parents=True)
    config_path = build_dir / CONFIG_FILE
    extra_pages = [name for name in hand_written if name.endswith(".md")]
    write_config(config_path, site_config(base, catalog.taxonomy, extra_pages))
    pages = sum(1 for name in [*generated, *hand_written] if name.endswith(".md"))
    return BuildTree(config_path, pages)


def builder_command(builder: Builder, config_path: Path) -> list[str]:
    """The build command; both tools run from this interpreter's environment.

    The config's path is absolute: the tool runs in the build folder, and a path relative to
    the current folder (`medvlm --root .`) would not be found from there.
    """
    return [
        sys.executable,
        "-m",
        builder,
        "build",
        "--strict",
        "--config-file",
        str(config_path.absolute()),
    ]


_MAX_SHOWN = 20  # output lines of a failed build repeated in the problems
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def build_failure(builder: Builder, display: str, output: str, code: int) -> list[Problem]:
    """A failed build as problems: the tool's warnings and errors (else its last lines)."""
    plain = _ANSI.sub("", output)  # Zensical colours its report even with NO_COLOR
    lines = [" ".join(line.split()) for line in plain.splitlines() if line.strip()]
    flagged: list[str] = []
    for line in lines:
        if re.match(r"(WARNING|ERROR)\b|(Warning|Error):|\w*Error\b", line):
            flagged.append(line)
        elif (where := re.search(r"\[ ?(\S+:\d+(?::\d+)?) ?\]", line)) and flagged:
            flagged[-1] += f" (at {where.group(1)})"  # Zensical's location line
    shown = (flagged or lines[-_MAX_SHOWN:])[:_MAX_SHOWN]
    problems = [Problem(display, 0, "", f"{builder}: {line}") for line in shown]
    summary = f"{builder} build failed (exit code {code}): the previous site is left as it was"
    return [*problems, Problem(display, 0, "", summary)]


def run_builder(builder: Builder, config_path: Path, display: str = CONFIG_FILE) -> Path:
    """Build the site into the build folder; a failure is problems quoting the tool's output.

    `display` names the generated config in messages.
    """
    command = builder_command(builder, config_path)
    result = subprocess.run(
        command,
        cwd=config_path.parent,
        capture_output=True,
        text=True,
        # NO_MKDOCS_2_WARNING: Material's end-of-life banner is not a build problem.
        env={**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    built = config_path.parent / BUILD_SITE
    if result.returncode != 0 or not (built / "index.html").is_file():
        output = result.stderr + "\n" + result.stdout
        raise ProblemsError(build_failure(builder, display, output, result.returncode))
    return built


def _looks_like_site(folder: Path) -> bool:
    return not any(folder.iterdir()) or (folder / "index.html").is_file()


def publish(built: Path, out: Path) -> None:
    """Move a finished build to `out`, replacing the previous site only once the new one exists."""
    if out.exists() and (not out.is_dir() or not _looks_like_site(out)):
        message = "exists and is not a built site (no index.html): refusing to replace it"
        raise ProblemsError([Problem(str(out), 0, "", message)])
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.new"
    previous = out.parent / f".{out.name}.old"
    for leftover in (staging, previous):
        if leftover.exists():
            shutil.rmtree(leftover)
    shutil.move(str(built), str(staging))  # a rename when on the same file system
    if out.exists():
        os.replace(out, previous)
    os.replace(staging, out)
    if previous.exists():
        shutil.rmtree(previous)


@dataclass(frozen=True)
class SiteBuild:
    out: Path
    papers: int
    pages: int
    builder: Builder
    generate_seconds: float  # rendering the pages and filling the build folder
    build_seconds: float  # the static site generator
    publish_seconds: float  # moving the result into place

    @property
    def seconds(self) -> float:
        return self.generate_seconds + self.build_seconds + self.publish_seconds


def build_site(
    catalog: Catalog, out: Path, builder: Builder = "mkdocs", build_dir: Path | None = None
) -> SiteBuild:
    """Generate the build folder, build it with `builder`, and publish the site to `out`."""
    build_dir = build_dir or catalog.root / BUILD_DIR
    started = time.perf_counter()
    tree = prepare_build(catalog, build_dir)
    config_path = tree.config
    generated = time.perf_counter()
    display = (
        config_path.relative_to(catalog.root).as_posix()
        if config_path.is_relative_to(catalog.root)
        else str(config_path)
    )
    built = run_builder(builder, config_path, display)
    finished = time.perf_counter()
    publish(built, out)
    return SiteBuild(
        out=out,
        papers=len(catalog.papers),
        pages=tree.pages,
        builder=builder,
        generate_seconds=generated - started,
        build_seconds=finished - generated,
        publish_seconds=time.perf_counter() - finished,
    )
