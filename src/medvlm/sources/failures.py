"""Failures of the metadata services in words: one short phrase for what went wrong.

Used to build `SourceError` messages and the link checker's reports: why a connection failed,
what an unwanted status means (with the service's own message when it gave one), and how a
batch or a body is shown in a one-line message.
"""

from __future__ import annotations

import errno
import json
import socket
from collections.abc import Sequence

import requests


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


def title_subject(title: str, limit: int = 60) -> str:
    """How a title search is named in messages: `title "Segment anything in medical ..."`."""
    shown = title if len(title) <= limit else title[: limit - 3].rsplit(" ", 1)[0] + "..."
    return f'title "{shown}"'


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


def snippet(text: str, limit: int = 60) -> str:
    """The start of a body, on one line, quoted, to show what a service sent instead."""
    flat = " ".join(text.split())
    if not flat:
        return "empty body"
    return repr(flat[:limit] + ("..." if len(flat) > limit else ""))
