"""CPU-bound work on another core: a function run in a forked process while this one goes on.

Python code runs on one core at a time in a process (the GIL rules out threads). A forked child
starts in milliseconds with everything this process holds (nothing is pickled to it) and sends
back only its result, pickled. This program starts no threads, so forking is safe.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def cores() -> int:
    """The cores this process may run on (fewer than the machine's in a limited container)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether forking can help: a second core, and a platform that forks."""
    return cores() >= 2 and "fork" in mp.get_all_start_methods()


class ForkedCall(Generic[T]):
    """`function(*args)` run in a forked child; result() waits for its value.

    Should the child fail for any reason (it cannot start, raises, crashes or is killed),
    result() runs the function here instead: the caller gets the same value, or meets the same
    error, as if there had been no child. close() stops a child whose result is not wanted.
    """

    def __init__(self, function: Callable[..., T], *args: Any) -> None:
        self._function = function
        self._args = args
        self._done = False
        self._value: T
        context = mp.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process: BaseProcess | None = context.Process(
            target=_send_result, args=(function, args, sender), daemon=True
        )
        try:
            self._process.start()
        except OSError:  # no fork to be had (memory, process limits): result() runs it here
            self._process = None
        finally:
            sender.close()  # the child's copy is its own: EOF here when the child exits

    def result(self) -> T:
        """The function's value (taken once, then remembered)."""
        if not self._done:
            try:
                # Our own child's bytes, just made: any failure means the child failed.
                self._value = pickle.loads(self._receiver.recv_bytes())
            except Exception:
                self._value = self._function(*self._args)
            finally:
                self._receiver.close()
                if self._process is not None:
                    self._process.join()
            self._done = True
        return self._value

    def close(self) -> None:
        """Stop listening, and stop the child if it is still working (after an error here)."""
        self._receiver.close()
        if self._process is not None and self._process.pid is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()


def _send_result(function: Callable[..., object], args: tuple[Any, ...], sender: Any) -> None:
    """In the child: send the function's value back through the pipe."""
    try:
        sender.send_bytes(pickle.dumps(function(*args), pickle.HIGHEST_PROTOCOL))
    except BaseException:
        # Quietly: the parent runs the function itself and meets (and reports) the same error.
        os._exit(1)
    finally:
        sender.close()
