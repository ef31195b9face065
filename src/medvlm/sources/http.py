"""The one HTTP session every metadata client shares, its configuration, and its errors.

The session is polite to the services it calls: a descriptive User-Agent with a contact address
(Crossref's "polite pool"), a minimum interval between requests to the same host (arXiv asks for
one request every 3 s), retries with backoff on 429 and 5xx that honour `Retry-After`, timeouts,
and an on-disk cache (requests-cache on SQLite) so that re-running a command costs the services
nothing. Every failure becomes a `SourceError` with a one-line message saying which service,
what was asked and what happened.
"""

from __future__ import annotations

import email.utils
import errno
import json
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
import requests_cache
from requests.adapters import HTTPAdapter

from medvlm import __version__
from medvlm.problems import OneLineError

PROJECT_URL = "https://github.com/awesome-medvlm/awesome-medvlm"

ARXIV = "arXiv"
CROSSREF = "Crossref"
SEMANTIC_SCHOLAR = "Semantic Scholar"
CONFIGURATION = "configuration"

DEFAULT_ARXIV_API = "https://export.arxiv.org/api/query"
DEFAULT_CROSSREF_API = "https://api.crossref.org"
DEFAULT_S2_API = "https://api.semanticscholar.org/graph/v1"
DEFAULT_CACHE_EXPIRY = 7 * 24 * 3600

# Statuses worth a retry: the service is busy or briefly broken, the request itself is fine.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# requests-cache stores only these methods; POST is here for the Semantic Scholar batch endpoint,
# whose request body is part of the cache key.
CACHED_METHODS = ("GET", "HEAD", "POST")


class SourceError(OneLineError):
    """A metadata service could not answer: "<service>: <what was asked>: <what happened>"."""

    def __init__(self, service: str, subject: str | None, problem: str) -> None:
        self.service = service
        self.subject = subject
        self.problem = problem
        parts = [service, subject, problem] if subject else [service, problem]
        super().__init__(": ".join(parts))

    @property
    def message(self) -> str:
        return str(self)


def default_cache_path(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_CACHE_HOME/medvlm/http.sqlite`, or `~/.cache/medvlm/http.sqlite`."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "medvlm" / "http.sqlite"


@dataclass(frozen=True)
class SourcesConfig:
    """Where the services live and how politely to call them.

    `cache_path` None means no cache. Intervals are the minimum time in seconds between the
    starts of two requests to the same host; waits are in seconds too.
    """

    arxiv_api: str = DEFAULT_ARXIV_API
    crossref_api: str = DEFAULT_CROSSREF_API
    s2_api: str = DEFAULT_S2_API
    mailto: str | None = None
    s2_api_key: str | None = None
    cache_path: Path | None = field(default_factory=default_cache_path)
    cache_expiry: int = DEFAULT_CACHE_EXPIRY
    timeout: float = 30.0
    max_retries: int = 3
    backoff: float = 2.0
    max_retry_wait: float = 60.0
    arxiv_interval: float = 3.0
    crossref_interval: float = 0.2
    s2_interval: float = 1.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> SourcesConfig:
        """Build the configuration from MEDVLM_* variables (and S2_API_KEY).

        Raises SourceError naming the variable when a value is unusable.
        """
        env = os.environ if environ is None else environ
        return cls(
            arxiv_api=_url_setting(env, "MEDVLM_ARXIV_API", DEFAULT_ARXIV_API),
            crossref_api=_url_setting(env, "MEDVLM_CROSSREF_API", DEFAULT_CROSSREF_API),
            s2_api=_url_setting(env, "MEDVLM_S2_API", DEFAULT_S2_API),
            mailto=env.get("MEDVLM_MAILTO", "").strip() or None,
            s2_api_key=env.get("S2_API_KEY", "").strip() or None,
            cache_path=_cache_setting(env),
            cache_expiry=_expiry_setting(env),
        )

    def host_intervals(self) -> dict[str, float]:
        """Minimum interval per host (`host:port`); services sharing a host get the largest."""
        intervals: dict[str, float] = {}
        for url, seconds in (
            (self.arxiv_api, self.arxiv_interval),
            (self.crossref_api, self.crossref_interval),
            (self.s2_api, self.s2_interval),
        ):
            host = urlsplit(url).netloc.lower()
            intervals[host] = max(seconds, intervals.get(host, 0.0))
        return intervals

    def user_agent(self) -> str:
        contact = f"+{PROJECT_URL}" + (f"; mailto:{self.mailto}" if self.mailto else "")
        return f"awesome-medvlm/{__version__} ({contact})"


def _url_setting(env: Mapping[str, str], name: str, default: str) -> str:
    value = env.get(name, "").strip() or default
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SourceError(CONFIGURATION, name, f"expected an http(s) URL, got {value!r}")
    return value.rstrip("/")


def _cache_setting(env: Mapping[str, str]) -> Path | None:
    value = env.get("MEDVLM_CACHE", "").strip()
    if value.lower() in ("off", "no", "false", "0", "none"):
        return None
    if not value:
        return default_cache_path(env)
    path = Path(value).expanduser()
    # A directory is a place to put the cache in, not the database file itself.
    return path / "http.sqlite" if path.is_dir() else path


def _expiry_setting(env: Mapping[str, str]) -> int:
    value = env.get("MEDVLM_CACHE_EXPIRY", "").strip()
    if not value:
        return DEFAULT_CACHE_EXPIRY
    try:
        seconds = int(value)
    except ValueError:
        seconds = -1
    if seconds < 0:
        raise SourceError(
            CONFIGURATION,
            "MEDVLM_CACHE_EXPIRY",
            f"expected a whole number of seconds (0 or more), got {value!r}",
        )
    return seconds


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
    """Transport adapter adding a default timeout, a per-host minimum interval and retries.

    It sits below the cache, so only requests that really go out are spaced and retried.
    """

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


def make_session(config: SourcesConfig) -> requests.Session:
    """A session for all metadata clients: cached on disk unless `config.cache_path` is None."""
    session: requests.Session
    if config.cache_path is not None:
        session = _cached_session(config.cache_path, config.cache_expiry)
    else:
        session = requests.Session()
    adapter = PoliteAdapter(
        timeout=config.timeout,
        max_retries=config.max_retries,
        backoff=config.backoff,
        max_retry_wait=config.max_retry_wait,
        host_intervals=config.host_intervals(),
    )
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = config.user_agent()
    return session


def _cached_session(path: Path, expiry: int) -> requests.Session:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        cached: requests.Session = requests_cache.CachedSession(
            str(path),
            backend="sqlite",
            expire_after=expiry,
            allowable_methods=CACHED_METHODS,
            allowable_codes=(200,),
        )
    except (OSError, sqlite3.Error) as exc:
        raise SourceError(
            CONFIGURATION,
            "MEDVLM_CACHE",
            f"cannot use {path} as the HTTP cache ({exc}); set MEDVLM_CACHE=off or another path",
        ) from exc
    return cached


def send(
    session: requests.Session,
    config: SourcesConfig,
    service: str,
    subject: str,
    method: str,
    url: str,
    *,
    params: Mapping[str, str | int] | None = None,
    json_body: Any = None,
    headers: Mapping[str, str] | None = None,
    accept: Iterable[int] = (200,),
) -> requests.Response:
    """Send one request and return the response if its status is in `accept`.

    Anything else (timeout, unreachable host, other status) raises SourceError.
    """
    try:
        response = session.request(
            method,
            url,
            params=dict(params) if params else None,
            json=json_body,
            headers=dict(headers) if headers else None,
            timeout=config.timeout,
        )
    except requests.Timeout as exc:
        raise SourceError(service, subject, f"timeout after {config.timeout:g} s at {url}") from exc
    except requests.ConnectionError as exc:
        reason = connection_problem(exc)
        raise SourceError(service, subject, f"unreachable ({reason}) at {url}") from exc
    except requests.RequestException as exc:
        raise SourceError(service, subject, f"request failed ({exc}) at {url}") from exc
    except sqlite3.Error as exc:  # the on-disk cache broke (locked, corrupted, disk full)
        raise SourceError(
            service, subject, f"HTTP cache failed ({exc}); set MEDVLM_CACHE=off to bypass it"
        ) from exc
    if response.status_code in set(accept):
        return response
    raise SourceError(service, subject, status_problem(response, config.max_retries + 1))


def connection_problem(exc: BaseException) -> str:
    """A short reason for a failed connection, found in the chain of wrapped exceptions."""
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, socket.gaierror):
            return "host not found"
        if isinstance(current, ConnectionRefusedError) or (
            isinstance(current, OSError) and current.errno == errno.ECONNREFUSED
        ):
            return "connection refused"
        if isinstance(current, ConnectionResetError):
            return "connection reset"
        pending.extend(_wrapped(current))
    text = str(exc)
    if "refused" in text.lower():
        return "connection refused"
    return text.splitlines()[0][:120] if text else type(exc).__name__


def _wrapped(exc: BaseException) -> list[BaseException]:
    """Exceptions hidden inside `exc`: urllib3 keeps them in `.reason` and in `args`."""
    found = [e for e in (exc.__cause__, exc.__context__) if e is not None]
    reason = getattr(exc, "reason", None)
    if isinstance(reason, BaseException):
        found.append(reason)
    found.extend(arg for arg in exc.args if isinstance(arg, BaseException))
    return found


def status_problem(response: requests.Response, attempts: int) -> str:
    """What an unwanted status means, in words, with the service's own message if it gave one."""
    code = response.status_code
    label = status_label(response)
    if code == 404:
        return "not found (HTTP 404)"  # the body only repeats it ("Resource not found.")
    detail = body_message(response)
    suffix = f": {detail}" if detail else ""
    if code == 429:
        return f"rate limited ({label}), gave up after {attempts} attempts{suffix}"
    if code >= 500:
        return f"server error ({label}), gave up after {attempts} attempts{suffix}"
    return f"{label}{suffix}"


def status_label(response: requests.Response) -> str:
    """`HTTP 404 Not Found`, or `HTTP 404` when the server gave no reason phrase."""
    code = response.status_code
    return f"HTTP {code} {response.reason}".strip() if response.reason else f"HTTP {code}"


def describe_ids(ids: Sequence[str]) -> str:
    """How a batch is named in messages: the ids themselves when few, else the first and a count."""
    if len(ids) <= 3:
        return ", ".join(ids)
    return f"{ids[0]}, {ids[1]}, ... ({len(ids)} ids)"


def body_message(response: requests.Response, limit: int = 200) -> str:
    """The error message a service put in the body: a JSON `error`/`message`, or short text."""
    text = response.text.strip()
    if not text:
        return ""
    if text.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            for key in ("error", "message", "detail"):
                value = data.get(key)
                if isinstance(value, str) and value.strip():
                    return " ".join(value.split())[:limit]
            return ""
    if text.startswith("<"):
        return ""  # HTML or XML pages say nothing useful in one line.
    first_line = " ".join(text.splitlines()[0].split())
    return first_line[:limit]


def parse_json(response: requests.Response, service: str, subject: str) -> Any:
    """The JSON body, or SourceError naming what came back instead."""
    try:
        return response.json()
    except ValueError as exc:
        raise SourceError(
            service, subject, f"malformed response (not JSON): {snippet(response.text)}"
        ) from exc


def snippet(text: str, limit: int = 60) -> str:
    """The start of a body, on one line, quoted, to show what a service sent instead."""
    flat = " ".join(text.split())
    if not flat:
        return "empty body"
    return repr(flat[:limit] + ("..." if len(flat) > limit else ""))
