"""Previewing a built site: a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to the terminal."""

    def log_message(self, format: str, *args: Any) -> None:
        return


def site_server(directory: Path, port: int = 0) -> ThreadingHTTPServer:
    """An HTTP server for a built site on 127.0.0.1 (port 0: any free port); call serve_forever."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    return ThreadingHTTPServer(("127.0.0.1", port), handler)
