"""The on-disk HTTP cache (requests-cache on SQLite): re-running a command costs the services
nothing, and a run stopped half-way resumes from the answers it already received."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import requests
import requests_cache

DEFAULT_CACHE_EXPIRY = 7 * 24 * 3600
# requests-cache stores only these methods; POST is here for the Semantic Scholar batch endpoint,
# whose request body is part of the cache key.
CACHED_METHODS = ("GET", "HEAD", "POST")


def default_cache_path(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_CACHE_HOME/medvlm/http.sqlite`, or `~/.cache/medvlm/http.sqlite`."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "medvlm" / "http.sqlite"


def cached_session(path: Path, expiry: int) -> requests.Session:
    """A session whose successful answers (HTTP 200) are kept in `path` for `expiry` seconds.

    Raises OSError or sqlite3.Error when `path` cannot hold the cache.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    session: requests.Session = requests_cache.CachedSession(
        str(path),
        backend="sqlite",
        expire_after=expiry,
        allowable_methods=CACHED_METHODS,
        allowable_codes=(200,),
    )
    return session
