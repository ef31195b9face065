"""The generated files as a whole: deterministic whatever the interpreter's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.helpers import REPO

_RENDER_DIGEST = """
import hashlib, sys
from pathlib import Path
from medvlm.catalog import load_catalog
from medvlm.render.site.generate import SiteInputs, render_site_files
from medvlm.render.site.settings import load_base_config, settings_from_config
root = Path(sys.argv[1])
catalog = load_catalog(root)
settings = settings_from_config(load_base_config(root))
inputs = SiteInputs(settings, (root / "CONTRIBUTING.md").read_text(encoding="utf-8"))
files = render_site_files(catalog, root / "templates", inputs)
digest = hashlib.sha256()
for name in sorted(files):
    digest.update(name.encode() + b"\\0" + files[name].encode() + b"\\0")
print(digest.hexdigest())
"""


def test_generated_site_files_do_not_depend_on_the_hash_seed() -> None:
    """Sets iterate in an order that changes with PYTHONHASHSEED between runs of the tool;
    two builds in one process cannot show it, so render in fresh interpreters."""

    digests = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        output = subprocess.run(
            [sys.executable, "-c", _RENDER_DIGEST, str(REPO)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        digests.add(output.stdout.strip())
    assert len(digests) == 1
