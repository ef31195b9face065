"""What a link check works on and finds: stored links, their outcomes, and the limits it keeps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from medvlm.catalog import PAPERS_DIR
from medvlm.models import Links, Paper

_LINK_FIELDS: tuple[str, ...] = tuple(Links.model_fields)


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


def collect_links(papers: Iterable[Paper]) -> list[Link]:
    """Every stored link of the papers, in report order (record id, then field)."""
    found = [
        Link(paper.id, f"links.{name}", url)
        for paper in papers
        for name in _LINK_FIELDS
        if (url := getattr(paper.links, name)) is not None
    ]
    return sorted(found, key=lambda link: (link.record, link.field))
