"""Previewing a built site on localhost."""

from __future__ import annotations

import contextlib
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from medvlm.render.site.serve import site_server
from tests.helpers import Run
from tests.render.site.support import Built


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    server = site_server(folder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_site_server_serves_the_built_site_on_localhost(built: Built) -> None:
    with serving(built.site) as base, urllib.request.urlopen(base + "explorer/") as response:
        assert response.status == 200
        assert 'id="medvlm-explorer"' in response.read().decode("utf-8")


def test_serve_without_a_built_site_explains(site_catalog: Path, run_cli: Run) -> None:
    result = run_cli(site_catalog, "serve", "--no-build")
    assert result.code == 1
    assert "no built site here: run `medvlm site` first" in result.err
