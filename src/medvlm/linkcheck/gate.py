"""Politeness of a check of many links: requests spread over hosts, a bounded number in flight
per host, starts spaced, on the project's session (User-Agent, retries) without its cache."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import zip_longest
from typing import Any
from urllib.parse import urlsplit

import requests

from medvlm.linkcheck.model import CheckSettings
from medvlm.sources.http import SourcesConfig, make_session
from medvlm.sources.politeness import PoliteAdapter


def host_of(url: str) -> str:
    """`host:port` as the per-host limits count it (lower case)."""
    return urlsplit(url).netloc.lower()


def interleave_by_host(urls: Iterable[str]) -> list[str]:
    """The URLs reordered round-robin over hosts, so that the workers start on many hosts at
    once instead of all queueing behind the per-host limit of the first one."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[host_of(url)].append(url)
    rounds = zip_longest(*(by_host[host] for host in sorted(by_host)))
    return [url for round_ in rounds for url in round_ if url is not None]


class HostGate:
    """At most `per_host` requests in flight to one host, and starts at least `interval` apart.

    Waiting for one host never holds up requests to another: each host has its own lock.
    """

    def __init__(
        self,
        per_host: int,
        interval: float,
        intervals: dict[str, float] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_host = per_host
        self.interval = interval
        self.intervals = dict(intervals or {})
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._spacing: dict[str, threading.Lock] = {}
        self._next_start: dict[str, float] = {}

    def _host_state(self, host: str) -> tuple[threading.BoundedSemaphore, threading.Lock]:
        with self._lock:
            if host not in self._slots:
                self._slots[host] = threading.BoundedSemaphore(self.per_host)
                self._spacing[host] = threading.Lock()
            return self._slots[host], self._spacing[host]

    @contextlib.contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of the host's slots for the duration of a request."""
        slots, spacing = self._host_state(host)
        with slots:
            with spacing:
                wait = self._next_start.get(host, 0.0) - self._clock()
                if wait > 0:
                    self._sleep(wait)
                interval = max(self.interval, self.intervals.get(host, 0.0))
                self._next_start[host] = self._clock() + interval
            yield


class GatedAdapter(PoliteAdapter):
    """The shared adapter's timeouts and retries (Retry-After honoured), behind a `HostGate`.

    The gate sits in the adapter so that every redirect hop counts against its own host.
    """

    def __init__(self, gate: HostGate, **kwargs: Any) -> None:
        super().__init__(host_intervals={}, **kwargs)
        self.gate = gate

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, **kwargs: Any
    ) -> requests.Response:
        with self.gate.slot(host_of(request.url or "")):
            return super().send(request, **kwargs)


def make_link_session(settings: CheckSettings, config: SourcesConfig) -> requests.Session:
    """The project's session (User-Agent and all) without cache, with the link-check limits."""
    config = replace(
        config,
        cache_path=None,
        timeout=settings.timeout,
        max_retries=settings.retries,
        backoff=settings.backoff,
        max_retry_wait=settings.max_retry_wait,
    )
    session = make_session(config)
    session.max_redirects = settings.max_redirects
    gate = HostGate(settings.per_host, settings.host_interval, config.host_intervals())
    adapter = GatedAdapter(
        gate,
        timeout=config.timeout,
        max_retries=config.max_retries,
        backoff=config.backoff,
        max_retry_wait=config.max_retry_wait,
    )
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
