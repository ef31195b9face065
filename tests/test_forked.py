"""forked: a function's value from a forked child, or from this process should the child fail."""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import time
from collections.abc import Iterator

import pytest

from medvlm import forked
from medvlm.forked import ForkedCall, ForkedStream, can_fork

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

    monkeypatch.setattr(forked, "_send_each", dying)
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


def _pid_and_numbers(count: int) -> Iterator[tuple[int, int]]:
    for number in range(count):
        yield os.getpid(), number


def test_a_stream_s_values_come_from_another_process_in_order() -> None:
    stream = ForkedStream(_pid_and_numbers, 50)
    values = stream.rest()
    assert [number for _, number in values] == list(range(50))
    assert {pid for pid, _ in values} != {os.getpid()}
    assert stream.arrived() == stream.rest() == []  # ended: nothing more


def test_arrived_takes_what_has_come_without_waiting_for_the_rest() -> None:
    go_on = multiprocessing.get_context("fork").Event()

    def first_then_wait() -> Iterator[int]:
        yield 1
        assert go_on.wait(30)
        yield 2

    stream = ForkedStream(first_then_wait)
    arrived: list[int] = []
    deadline = time.monotonic() + 30
    while not arrived and time.monotonic() < deadline:
        arrived = stream.arrived()
        time.sleep(0.01)
    assert arrived == [1]  # while the child still waits for this process
    go_on.set()
    assert stream.rest() == [2]


def test_a_stream_whose_child_fails_ends_with_what_it_sent() -> None:
    def failing() -> Iterator[int]:
        yield 1
        raise ValueError("failed")

    assert ForkedStream(failing).rest() == [1]


def test_a_stream_with_no_fork_to_be_had_sends_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    stream = ForkedStream(_pid_and_numbers, 3)
    assert stream.arrived() == stream.rest() == []


def test_large_values_keep_coming_while_this_process_is_busy() -> None:
    # Each value is larger than a pipe's default capacity: the child must not have to wait
    # for this process to read before it sends the next.
    sent = multiprocessing.get_context("fork").Value("i", 0)

    def large() -> Iterator[bytes]:
        for _ in range(3):
            yield b"x" * 200_000
            with sent.get_lock():
                sent.value += 1

    stream = ForkedStream(large)
    deadline = time.monotonic() + 30
    while sent.value < 3 and time.monotonic() < deadline:
        time.sleep(0.01)  # "busy": not reading
    assert sent.value == 3
    assert stream.rest() == [b"x" * 200_000] * 3


def test_close_stops_a_stream_s_child() -> None:
    def endless() -> Iterator[int]:
        while True:
            time.sleep(1)
            yield 1

    stream = ForkedStream(endless)
    started = time.monotonic()
    stream.close()
    assert time.monotonic() - started < 30
    assert stream.arrived() == []


def test_no_pipe_to_be_had_has_the_function_run_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pipe(duplex: bool = True) -> None:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(multiprocessing.connection, "Pipe", no_pipe)
    pid, total = ForkedCall(_pid_and_sum, [2]).result()
    assert (pid, total) == (os.getpid(), 2)
    stream = ForkedStream(_pid_and_numbers, 3)
    assert stream.arrived() == stream.rest() == []
