"""forked: a function's value from a forked child, or from this process should the child fail."""

from __future__ import annotations

import os
import time

import pytest

from medvlm import forked
from medvlm.forked import ForkedCall, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork and two cores")


def _pid_and_sum(numbers: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


def test_the_value_comes_from_another_process() -> None:
    call = ForkedCall(_pid_and_sum, [1, 2, 3])
    pid, total = call.result()
    assert total == 6
    assert pid != os.getpid()


def test_an_error_in_the_child_is_met_again_here() -> None:
    def failing() -> None:
        raise ValueError(f"failed in {os.getpid()}")

    with pytest.raises(ValueError, match=f"failed in {os.getpid()}$"):
        ForkedCall(failing).result()


def test_a_child_that_dies_has_the_function_run_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def dying(function: object, args: object, sender: object) -> None:
        os._exit(1)

    monkeypatch.setattr(forked, "_send_result", dying)
    pid, total = ForkedCall(_pid_and_sum, [4, 5]).result()
    assert (pid, total) == (os.getpid(), 9)


def test_no_fork_to_be_had_has_the_function_run_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    pid, total = ForkedCall(_pid_and_sum, [1]).result()
    assert (pid, total) == (os.getpid(), 1)


def test_the_result_is_taken_once() -> None:
    runs: list[int] = []

    def counted() -> int:
        runs.append(os.getpid())
        return len(runs)

    call = ForkedCall(counted)
    assert call.result() == call.result() == 1
    assert runs == []  # ran in the child only


def test_close_stops_a_child_whose_result_is_not_wanted() -> None:
    call = ForkedCall(time.sleep, 60)
    started = time.monotonic()
    call.close()
    assert time.monotonic() - started < 30
