"""How the shared session spaces and retries its requests: the transport adapter under the cache.

A minimum interval between the starts of two requests to the same host (arXiv asks for one
request every 3 s), retries with exponential backoff on 429 and 5xx that honour `Retry-After`,
and a default timeout. It sits below the on-disk cache, so only requests that really go out are
spaced and retried.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

# Statuses worth a retry: the service is busy or briefly broken, the request itself is fine.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """The wait a `Retry-After` header asks for: delay-seconds or an HTTP date; None if absent
    or unreadable. A date in the past means no wait."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now or datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())


class PoliteAdapter(HTTPAdapter):
    """Transport adapter adding a default timeout, a per-host minimum interval and retries."""

    def __init__(
        self,
        *,
        timeout: float,
        max_retries: int,
        backoff: float,
        max_retry_wait: float,
        host_intervals: Mapping[str, float],
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.timeout = timeout
        self.retries = max_retries
        self.backoff = backoff
        self.max_retry_wait = max_retry_wait
        self.host_intervals = dict(host_intervals)
        self._sleep = sleep
        self._clock = clock
        self._next_start: dict[str, float] = {}
        self._lock = threading.Lock()

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, **kwargs: Any
    ) -> requests.Response:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        host = urlsplit(request.url or "").netloc.lower()
        attempt = 0
        while True:
            self._wait_for_turn(host)
            response = super().send(request, **kwargs)
            if response.status_code not in RETRY_STATUSES or attempt >= self.retries:
                return response
            delay = self._retry_delay(response, attempt)
            response.close()
            self._sleep(delay)
            attempt += 1

    def _wait_for_turn(self, host: str) -> None:
        interval = self.host_intervals.get(host, 0.0)
        if interval <= 0:
            return
        # Reserve this request's start under the lock, then sleep outside it, so threads
        # waiting for one host never hold up requests to another.
        with self._lock:
            now = self._clock()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + interval
        if start > now:
            self._sleep(start - now)

    def _retry_delay(self, response: requests.Response, attempt: int) -> float:
        asked = retry_after_seconds(response.headers.get("Retry-After"))
        delay = asked if asked is not None else self.backoff * (2**attempt)
        return min(delay, self.max_retry_wait)
