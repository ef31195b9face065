"""tools/bootstrap.sh, run for real with a stand-in apt-get: it installs exactly what a clean
machine lacks before the Makefile can run (make, Python's venv module), or the packages of the
commands it is given that are missing, and nothing otherwise."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO

BOOTSTRAP = REPO / "tools" / "bootstrap.sh"


def machine(tmp_path: Path, *, make: bool, venv: bool) -> Path:
    """A PATH folder holding only what the script may call: id, a logging apt-get, and make and
    a python3 when the machine is to have them (the python3 lacks ensurepip when not `venv`)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "id").symlink_to(shutil.which("id") or "/usr/bin/id")
    log = tmp_path / "apt.log"
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {log}\n', encoding="utf-8")
    (bin_dir / "sudo").write_text('#!/bin/sh\nexec "$@"\n', encoding="utf-8")
    if make:
        (bin_dir / "make").write_text("#!/bin/sh\n", encoding="utf-8")
    imports = "import ensurepip, venv" if venv else "raise SystemExit(1)"
    (bin_dir / "python3").write_text(
        f'#!/bin/sh\nexec {sys.executable} -c "{imports}"\n', encoding="utf-8"
    )
    for script in bin_dir.iterdir():
        script.chmod(0o755)
    return bin_dir


def apt_calls(tmp_path: Path, bin_dir: Path, *commands: str) -> list[str]:
    run = subprocess.run(
        ["/bin/bash", str(BOOTSTRAP), *commands],
        env={**os.environ, "PATH": str(bin_dir)},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    log = tmp_path / "apt.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_a_clean_machine_gets_make_and_the_venv_module(tmp_path: Path) -> None:
    calls = apt_calls(tmp_path, machine(tmp_path, make=False, venv=False))
    assert calls == ["update -qq", "install -y -qq make python3-venv"]


def test_a_machine_without_python_gets_python_and_its_venv_module(tmp_path: Path) -> None:
    bin_dir = machine(tmp_path, make=True, venv=True)
    (bin_dir / "python3").unlink()
    calls = apt_calls(tmp_path, bin_dir)
    assert calls == ["update -qq", "install -y -qq python3 python3-venv"]


def test_a_ready_machine_installs_nothing(tmp_path: Path) -> None:
    assert apt_calls(tmp_path, machine(tmp_path, make=True, venv=True)) == []


def test_named_commands_get_their_packages_only_when_missing(tmp_path: Path) -> None:
    bin_dir = machine(tmp_path, make=False, venv=False)
    (bin_dir / "chromium").write_text("#!/bin/sh\n", encoding="utf-8")
    (bin_dir / "chromium").chmod(0o755)
    calls = apt_calls(tmp_path, bin_dir, "chromium=chromium", "jq=jq", "node=nodejs")
    # Only the named commands count: make and the venv module are not checked here.
    assert calls == ["update -qq", "install -y -qq jq nodejs"]
