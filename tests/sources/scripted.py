"""Helpers of the session tests: a configuration on the test server, one request through the
shared session, and a handler answering from a script."""

from __future__ import annotations

import time
from collections.abc import Callable

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from medvlm.sources.http import CROSSREF, SourcesConfig, make_session, send
from tests.helpers import sources_config


def make_config(httpserver: HTTPServer, **overrides: object) -> SourcesConfig:
    """Two attempts per request here: retries are what this module tests."""
    return sources_config(httpserver, **{"max_retries": 2, **overrides})


def get(config: SourcesConfig, url: str) -> str:
    with make_session(config) as session:
        return send(session, config, CROSSREF, "10.1/x", "GET", url).text


class Recorder:
    """A handler that answers from a script of responses and notes when each request came."""

    def __init__(self, *responses: Callable[[], Response]) -> None:
        self.responses = list(responses)
        self.times: list[float] = []

    def __call__(self, request: Request) -> Response:
        self.times.append(time.monotonic())
        index = min(len(self.times), len(self.responses)) - 1
        return self.responses[index]()


def ok() -> Response:
    return Response("fine", status=200)
