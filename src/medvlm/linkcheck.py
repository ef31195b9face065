"""Check that the links stored in the records still work.

Every `links.*` URL of every record is requested, HEAD first and GET when a server refuses HEAD,
with a bounded number of requests at once overall and per host, and a minimum spacing between
requests to the same host, so that a weekly check of thousands of links stays polite. Each link
is classed:

- ok: answered 2xx directly;
- redirected: answered 2xx after redirects; when the first hops were permanent (301/308) the new
  address is offered as a fix for the record;
- broken: 404, 410, any other 4xx but 403 and 429, an unknown host, a refused connection, a
  redirect loop: the reader would hit a dead end;
- unknown: 403, 429, 5xx, timeouts and other failures that may well be passing or aimed at
  robots: worth a look by hand, never a reason to fail a build.

The session comes from `medvlm.sources.http` (same User-Agent and retry policy as the metadata
clients) with the cache off: a link check must see the live answer.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import zip_longest
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from medvlm.catalog import PAPERS_DIR
from medvlm.models import Links, Paper
from medvlm.render.templating import md_escape, md_url
from medvlm.sources.failures import connection_problem, status_label
from medvlm.sources.http import SourcesConfig, make_session
from medvlm.sources.politeness import PoliteAdapter

DEFAULT_BASE = "origin/main"
PERMANENT_REDIRECTS = frozenset({301, 308})
# A server that says HEAD is not allowed (or answers it wrongly) is asked again with GET; one that
# is rate limiting or overloaded would only be hit twice.
_NO_GET_RETRY = frozenset({429, 502, 503, 504})
_LINK_FIELDS: tuple[str, ...] = tuple(Links.model_fields)
# Rows per section of the markdown report: an issue body holds at most 65,536 characters.
MARKDOWN_ROWS = 60


class LinkStatus(StrEnum):
    OK = "ok"
    REDIRECTED = "redirected"
    BROKEN = "broken"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Link:
    """One stored link: record id, field (`links.code`) and URL."""

    record: str
    field: str
    url: str

    @property
    def path(self) -> str:
        """The record file as users see it in messages."""
        return f"{PAPERS_DIR}/{self.record}.yaml"


@dataclass(frozen=True)
class Outcome:
    """What requesting one URL found. `moved_to` is set for a permanent redirect only."""

    status: LinkStatus
    http_status: int | None
    final_url: str | None
    message: str
    moved_to: str | None = None


@dataclass(frozen=True)
class CheckedLink:
    link: Link
    outcome: Outcome

    @property
    def fix(self) -> str | None:
        """`papers/x.yaml: links.code: moved to <url>` for a permanent redirect, else None."""
        if self.outcome.moved_to is None:
            return None
        return f"{self.link.path}: {self.link.field}: moved to {self.outcome.moved_to}"

    def to_json(self) -> dict[str, Any]:
        return {
            "record": self.link.record,
            "field": self.link.field,
            "url": self.link.url,
            "status": str(self.outcome.status),
            "http_status": self.outcome.http_status,
            "final_url": self.outcome.final_url,
            "message": self.outcome.message,
            "moved_to": self.outcome.moved_to,
        }


@dataclass(frozen=True)
class CheckSettings:
    """How hard and how long to try. Intervals and timeouts are in seconds."""

    concurrency: int = 8
    per_host: int = 2
    host_interval: float = 0.5
    timeout: float = 10.0
    max_redirects: int = 10
    retries: int = 1
    backoff: float = 1.0
    max_retry_wait: float = 10.0


# --- what to check --------------------------------------------------------------------------


def collect_links(papers: Iterable[Paper]) -> list[Link]:
    """Every stored link of the papers, in report order (record id, then field)."""
    found = [
        Link(paper.id, f"links.{name}", url)
        for paper in papers
        for name in _LINK_FIELDS
        if (url := getattr(paper.links, name)) is not None
    ]
    return sorted(found, key=lambda link: (link.record, link.field))


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


# --- politeness -----------------------------------------------------------------------------


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


# --- checking one URL -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Failure:
    """A request that got no usable answer; `try_get` when a GET might still succeed."""

    outcome: Outcome
    try_get: bool


def _request(
    session: requests.Session, method: str, url: str, settings: CheckSettings
) -> requests.Response | _Failure:
    try:
        # stream=True: only the status matters, so the body (a PDF, say) is never downloaded.
        response = session.request(
            method, url, allow_redirects=True, stream=True, timeout=settings.timeout
        )
    except requests.TooManyRedirects:
        message = f"more than {settings.max_redirects} redirects (a redirect loop?)"
        return _Failure(Outcome(LinkStatus.BROKEN, None, None, message), try_get=False)
    except requests.ConnectTimeout:
        message = f"no connection within {settings.timeout:g} s"
        return _Failure(Outcome(LinkStatus.UNKNOWN, None, None, message), try_get=False)
    except requests.Timeout:
        # Some servers never answer HEAD; GET gets its own chance.
        message = f"no answer within {settings.timeout:g} s"
        return _Failure(Outcome(LinkStatus.UNKNOWN, None, None, message), try_get=True)
    except requests.ConnectionError as exc:
        reason = connection_problem(exc)
        if reason in ("host not found", "connection refused"):
            return _Failure(Outcome(LinkStatus.BROKEN, None, None, reason), try_get=False)
        return _Failure(Outcome(LinkStatus.UNKNOWN, None, None, reason), try_get=True)
    except (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema) as exc:
        message = f"not a usable URL ({exc})"
        return _Failure(Outcome(LinkStatus.BROKEN, None, None, message), try_get=False)
    except requests.RequestException as exc:
        message = f"request failed ({type(exc).__name__})"
        return _Failure(Outcome(LinkStatus.UNKNOWN, None, None, message), try_get=True)
    response.close()
    return response


def _wants_get(answer: requests.Response | _Failure) -> bool:
    if isinstance(answer, _Failure):
        return answer.try_get
    return answer.status_code >= 400 and answer.status_code not in _NO_GET_RETRY


def check_url(session: requests.Session, url: str, settings: CheckSettings) -> Outcome:
    """Request `url` (HEAD, then GET if HEAD was refused or failed) and class the answer."""
    answer = _request(session, "HEAD", url, settings)
    if _wants_get(answer):
        answer = _request(session, "GET", url, settings)
    if isinstance(answer, _Failure):
        return answer.outcome
    return classify(url, answer)


def permanent_target(url: str, response: requests.Response) -> str | None:
    """Where the leading permanent redirects (301/308) lead, when that is a new address.

    A temporary hop (302/303/307) ends the walk: what follows it may change again.
    """
    hops = response.history
    target: str | None = None
    for index, hop in enumerate(hops):
        if hop.status_code not in PERMANENT_REDIRECTS:
            break
        target = hops[index + 1].url if index + 1 < len(hops) else response.url
    return target if target is not None and target != url else None


def classify(url: str, response: requests.Response) -> Outcome:
    """Class the final answer to a request for `url` (after redirects)."""
    code = response.status_code
    final = response.url
    redirected = bool(response.history) and final != url
    final_url = final if redirected else None
    where = f" at {final}" if redirected else ""
    if 200 <= code < 300:
        if not redirected:
            return Outcome(LinkStatus.OK, code, None, "")
        moved = permanent_target(url, response)
        message = f"moved permanently to {moved}" if moved else f"redirected to {final}"
        return Outcome(LinkStatus.REDIRECTED, code, final, message, moved)
    if code in (404, 410):
        message = ("not found" if code == 404 else "gone") + f" ({status_label(response)}){where}"
        return Outcome(LinkStatus.BROKEN, code, final_url, message)
    if code == 403:
        message = f"forbidden to the checker ({status_label(response)}){where}: check by hand"
        return Outcome(LinkStatus.UNKNOWN, code, final_url, message)
    if code == 429:
        message = f"rate limited ({status_label(response)}){where}: try again later"
        return Outcome(LinkStatus.UNKNOWN, code, final_url, message)
    if 400 <= code < 500:
        return Outcome(LinkStatus.BROKEN, code, final_url, f"{status_label(response)}{where}")
    if code >= 500:
        message = f"server error ({status_label(response)}){where}"
        return Outcome(LinkStatus.UNKNOWN, code, final_url, message)
    message = f"unexpected answer ({status_label(response)}){where}"
    return Outcome(LinkStatus.UNKNOWN, code, final_url, message)


# --- checking many --------------------------------------------------------------------------


def check_links(
    links: Sequence[Link],
    session: requests.Session,
    settings: CheckSettings,
    on_checked: Callable[[str, Outcome], None] | None = None,
) -> list[CheckedLink]:
    """Check every link (each distinct URL once), `settings.concurrency` at a time.

    `on_checked(url, outcome)` is called as each URL is done (for a progress bar). The result is
    in the order of `links`.
    """
    urls = interleave_by_host(dict.fromkeys(link.url for link in links))
    outcomes: dict[str, Outcome] = {}
    with ThreadPoolExecutor(max_workers=settings.concurrency) as pool:
        futures = {pool.submit(check_url, session, url, settings): url for url in urls}
        for future in as_completed(futures):
            url = futures[future]
            outcomes[url] = future.result()
            if on_checked is not None:
                on_checked(url, outcomes[url])
    return [CheckedLink(link, outcomes[link.url]) for link in links]


def count_by_status(results: Iterable[CheckedLink]) -> dict[LinkStatus, int]:
    counts = Counter(result.outcome.status for result in results)
    return {status: counts.get(status, 0) for status in LinkStatus}


def summary_line(results: Sequence[CheckedLink]) -> str:
    """`12 links in 5 records: 9 ok, 1 redirected, 1 broken, 1 unknown`."""
    counts = count_by_status(results)
    records = len({result.link.record for result in results})
    links_word = "link" if len(results) == 1 else "links"
    records_word = "record" if records == 1 else "records"
    parts = ", ".join(f"{counts[status]} {status}" for status in LinkStatus)
    return f"{len(results)} {links_word} in {records} {records_word}: {parts}"


def json_report(results: Iterable[CheckedLink]) -> str:
    """Every checked link as a JSON list ordered by record id, then field."""
    ordered = sorted(results, key=lambda result: (result.link.record, result.link.field))
    return json.dumps([result.to_json() for result in ordered], indent=2) + "\n"


def _md_link(url: str) -> str:
    return f"[{md_escape(url)}]({md_url(url).replace('|', '%7C')})"


def _md_rows(
    results: Sequence[CheckedLink], last: str, detail: Callable[[CheckedLink], str]
) -> list[str]:
    """A table of the first `MARKDOWN_ROWS` results, and a line saying how many were left out."""
    rows = [f"| Record | Field | Link | {last} |", "| --- | --- | --- | --- |"]
    for result in results[:MARKDOWN_ROWS]:
        link = result.link
        rows.append(f"| `{link.path}` | `{link.field}` | {_md_link(link.url)} | {detail(result)} |")
    if len(results) > MARKDOWN_ROWS:
        left_out = len(results) - MARKDOWN_ROWS
        rows += ["", f"... and {left_out} more: the full list is in the check's log."]
    return rows


def markdown_report(results: Sequence[CheckedLink]) -> str:
    """A markdown page for the tracking issue: broken links, moved links, then the uncertain."""
    ordered = sorted(results, key=lambda result: (result.link.record, result.link.field))
    broken = [r for r in ordered if r.outcome.status is LinkStatus.BROKEN]
    moved = [r for r in ordered if r.fix is not None]
    unknown = [r for r in ordered if r.outcome.status is LinkStatus.UNKNOWN]
    lines = [f"**{summary_line(results)}**", ""]
    if broken:
        lines += ["## Broken links", "", "Fix or remove these links in the records.", ""]
        lines += _md_rows(broken, "Problem", lambda r: md_escape(r.outcome.message))
        lines.append("")
    if moved:
        lines += ["## Moved permanently", "", "Update the records to the new address.", ""]
        lines += _md_rows(moved, "New address", lambda r: _md_link(r.outcome.moved_to or ""))
        lines.append("")
    if unknown:
        lines += [
            "<details>",
            f"<summary>Could not tell ({len(unknown)}): check by hand</summary>",
            "",
            *_md_rows(unknown, "What happened", lambda r: md_escape(r.outcome.message)),
            "",
            "</details>",
            "",
        ]
    if not (broken or moved or unknown):
        lines += ["Every link works.", ""]
    return "\n".join(lines)


# --- which records changed ------------------------------------------------------------------


class GitError(Exception):
    """git could not tell which records changed; the message says why, in one line."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise GitError("--changed-only needs git, which is not installed") from exc


def _revision_exists(root: Path, revision: str) -> bool:
    found = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    return found.returncode == 0


def resolve_base(root: Path, base: str | None) -> str:
    """The revision to compare with: `base`, or origin/main, or HEAD when there is no origin."""
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise GitError(f"--changed-only needs a git repository, and {root} is not in one")
    if base is not None:
        if not _revision_exists(root, base):
            raise GitError(f"--base {base}: no such revision in this repository")
        return base
    return DEFAULT_BASE if _revision_exists(root, DEFAULT_BASE) else "HEAD"


def _names(output: str) -> list[str]:
    return [name for name in output.split("\0") if name]


def changed_record_files(root: Path, base: str) -> list[str]:
    """Record files (relative to root) that differ from `base` or are new and untracked.

    Deleted records are left out: they have no links left to check.
    """
    diff = _git(root, "diff", "-z", "--name-only", "--relative", base, "--", f"{PAPERS_DIR}/")
    if diff.returncode != 0:
        raise GitError(f"git diff against {base} failed: {diff.stderr.strip()}")
    untracked = _git(root, "ls-files", "-z", "--others", "--exclude-standard", f"{PAPERS_DIR}/")
    if untracked.returncode != 0:
        raise GitError(f"git ls-files failed: {untracked.stderr.strip()}")
    names = set(_names(diff.stdout)) | set(_names(untracked.stdout))
    return sorted(name for name in names if name.endswith(".yaml") and (root / name).is_file())
