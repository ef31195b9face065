"""forked: a function's value from a forked child, or from this process should the child fail."""

from __future__ import annotations

import os

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
