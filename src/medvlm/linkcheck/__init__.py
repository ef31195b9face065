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

Modules: `model.py` (links, outcomes, settings), `gate.py` (per-host limits, the session),
`check.py` (requesting and classing), `report.py` (summary, JSON, markdown), `changes.py`
(records changed since a git revision). The names below are the package's interface.
"""

from medvlm.linkcheck.changes import DEFAULT_BASE, GitError, changed_record_files, resolve_base
from medvlm.linkcheck.check import check_links, check_url, classify
from medvlm.linkcheck.gate import HostGate, interleave_by_host, make_link_session
from medvlm.linkcheck.model import (
    CheckedLink,
    CheckSettings,
    Link,
    LinkStatus,
    Outcome,
    collect_links,
)
from medvlm.linkcheck.report import MARKDOWN_ROWS, json_report, markdown_report, summary_line

__all__ = [
    "DEFAULT_BASE",
    "MARKDOWN_ROWS",
    "CheckSettings",
    "CheckedLink",
    "GitError",
    "HostGate",
    "Link",
    "LinkStatus",
    "Outcome",
    "changed_record_files",
    "check_links",
    "check_url",
    "classify",
    "collect_links",
    "interleave_by_host",
    "json_report",
    "make_link_session",
    "markdown_report",
    "resolve_base",
    "summary_line",
]
