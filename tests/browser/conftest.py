"""Browser fixtures: one site built per session, served on 127.0.0.1, driven by Debian's Chromium.

Chromium is never downloaded: without /usr/bin/chromium the browser tests are skipped.
"""

from __future__ import annotations

import contextlib
import io
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from medvlm.catalog import load_catalog
from medvlm.cli import main
from medvlm.render.site.serve import site_server
from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, SiteUnderTest, Tab, make_browser_catalog


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteUnderTest]:
    root = make_browser_catalog(tmp_path_factory.mktemp("browser") / "catalog")
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        code = main(["--root", str(root), "site"])
    assert code == 0, output.getvalue()
    catalog = load_catalog(root)
    assert catalog.problems == []
    server = site_server(root / "site")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield SiteUnderTest(catalog, root / "site", f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's Chromium at /usr/bin/chromium (make chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def tab(browser: Any, served_site: SiteUnderTest) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    recorded = Tab(page, served_site.base)
    page.on("request", lambda request: recorded.requests.append(request.url))
    page.on(
        "console",
        lambda message: recorded.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: recorded.errors.append(str(error)))

    def dismiss(dialog: Any) -> None:
        recorded.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    try:
        yield recorded
    finally:
        context.close()
