"""Politeness of a link check: hosts interleaved, requests per host bounded and spaced."""

from __future__ import annotations

import re
import threading
import time
from itertools import pairwise

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from medvlm.linkcheck.check import check_links
from medvlm.linkcheck.gate import HostGate, interleave_by_host, make_link_session
from medvlm.linkcheck.model import CheckSettings, Link, LinkStatus
from medvlm.sources.http import SourcesConfig
from tests.linkcheck.fast import FAST


def test_urls_are_interleaved_over_hosts_so_workers_spread_out() -> None:
    urls = [
        "https://a.org/1",
        "https://a.org/2",
        "https://a.org/3",
        "https://b.org/1",
        "http://c.org",
    ]
    assert interleave_by_host(urls) == [
        "https://a.org/1",
        "https://b.org/1",
        "http://c.org",
        "https://a.org/2",
        "https://a.org/3",
    ]


class InFlight:
    """A handler that holds each request a moment and notes the most seen at once, per host."""

    def __init__(self, hold: float) -> None:
        self.hold = hold
        self.lock = threading.Lock()
        self.now: dict[str, int] = {}
        self.most: dict[str, int] = {}
        self.total = 0
        self.most_total = 0
        self.starts: list[float] = []

    def __call__(self, request: Request) -> Response:
        host = request.headers.get("Host", "").split(":")[0]
        with self.lock:
            self.starts.append(time.monotonic())
            self.now[host] = self.now.get(host, 0) + 1
            self.total += 1
            self.most[host] = max(self.most.get(host, 0), self.now[host])
            self.most_total = max(self.most_total, self.total)
        time.sleep(self.hold)
        with self.lock:
            self.now[host] -= 1
            self.total -= 1
        return Response("fine")


def _links_on(hosts: list[str], server: HTTPServer, count: int) -> list[Link]:
    return [
        Link(
            f"r{host.replace('.', '')}{index}",
            "links.paper",
            f"http://{host}:{server.port}/p/{index}",
        )
        for host in hosts
        for index in range(count)
    ]


def test_at_most_two_requests_in_flight_per_host(server: HTTPServer) -> None:
    handler = InFlight(hold=0.4)
    server.expect_request(re.compile("^/p/")).respond_with_handler(handler)
    links = _links_on(["127.0.0.1", "localhost"], server, 5)
    with make_link_session(FAST, SourcesConfig(cache_path=None)) as session:
        results = check_links(links, session, FAST)
    assert {result.outcome.status for result in results} == {LinkStatus.OK}
    assert handler.most == {"127.0.0.1": 2, "localhost": 2}
    assert handler.most_total == 4  # the two hosts are checked side by side


def test_requests_to_one_host_are_spaced(server: HTTPServer) -> None:
    handler = InFlight(hold=0.0)
    server.expect_request(re.compile("^/p/")).respond_with_handler(handler)
    settings = CheckSettings(host_interval=0.2)
    with make_link_session(settings, SourcesConfig(cache_path=None)) as session:
        check_links(_links_on(["127.0.0.1"], server, 4), session, settings)
    gaps = [later - earlier for earlier, later in pairwise(handler.starts)]
    assert len(gaps) == 3
    assert min(gaps) >= 0.18


def test_gate_spacing_uses_the_larger_of_default_and_host_interval() -> None:
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(round(seconds, 3))
        now[0] += seconds

    gate = HostGate(2, 0.5, {"export.arxiv.org": 3.0}, sleep=sleep, clock=lambda: now[0])
    for host in ["a.org", "a.org", "export.arxiv.org", "export.arxiv.org", "b.org"]:
        with gate.slot(host):
            pass
    assert waits == [0.5, 3.0]


def test_each_distinct_url_is_requested_once(server: HTTPServer) -> None:
    server.expect_request("/shared").respond_with_data("fine")
    url = server.url_for("/shared")
    links = [Link("a2024x", "links.paper", url), Link("b2024y", "links.project", url)]
    with make_link_session(FAST, SourcesConfig(cache_path=None)) as session:
        results = check_links(links, session, FAST)
    assert [r.link.record for r in results] == ["a2024x", "b2024y"]
    assert len(server.log) == 1
