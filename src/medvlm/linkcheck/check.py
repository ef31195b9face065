"""Requesting links and classing the answers: ok, redirected (moved permanently or not), broken,
or unknown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

import requests

from medvlm.linkcheck.gate import interleave_by_host
from medvlm.linkcheck.model import CheckedLink, CheckSettings, Link, LinkStatus, Outcome
from medvlm.sources.failures import connection_problem, status_label

PERMANENT_REDIRECTS = frozenset({301, 308})
# A server that says HEAD is not allowed (or answers it wrongly) is asked again with GET; one that
# is rate limiting or overloaded would only be hit twice.
_NO_GET_RETRY = frozenset({429, 502, 503, 504})


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
