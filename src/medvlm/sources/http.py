"""The one HTTP session every metadata client shares, its configuration, and its errors.

The session is polite to the services it calls: a descriptive User-Agent with a contact address
(Crossref's "polite pool"), per-host spacing and retries (`politeness.py`), timeouts, and an
on-disk cache (`cache.py`) so that re-running a command costs the services nothing. Every
failure becomes a `SourceError` with a one-line message saying which service, what was asked
and what happened (`failures.py` words it).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from medvlm import __version__
from medvlm.problems import OneLineError
from medvlm.sources.cache import DEFAULT_CACHE_EXPIRY, cached_session, default_cache_path
from medvlm.sources.failures import connection_problem, snippet, status_problem
from medvlm.sources.politeness import PoliteAdapter

PROJECT_URL = "https://github.com/awesome-medvlm/awesome-medvlm"

ARXIV = "arXiv"
CROSSREF = "Crossref"
SEMANTIC_SCHOLAR = "Semantic Scholar"
CONFIGURATION = "configuration"

DEFAULT_ARXIV_API = "https://export.arxiv.org/api/query"
DEFAULT_CROSSREF_API = "https://api.crossref.org"
DEFAULT_S2_API = "https://api.semanticscholar.org/graph/v1"


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
        return cached_session(path, expiry)
    except (OSError, sqlite3.Error) as exc:
        raise SourceError(
            CONFIGURATION,
            "MEDVLM_CACHE",
            f"cannot use {path} as the HTTP cache ({exc}); set MEDVLM_CACHE=off or another path",
        ) from exc


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


def parse_json(response: requests.Response, service: str, subject: str) -> Any:
    """The JSON body, or SourceError naming what came back instead."""
    try:
        return response.json()
    except ValueError as exc:
        raise SourceError(
            service, subject, f"malformed response (not JSON): {snippet(response.text)}"
        ) from exc
