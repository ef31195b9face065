"""CPU-bound work on another core: a function run in a forked process while this one goes on.

Python code runs on one core at a time in a process (the GIL rules out threads). A forked child
starts in milliseconds with everything this process holds (nothing is pickled to it) and sends
back only its result, pickled.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether forking can help: a second core, and a platform that forks."""
    return (os.cpu_count() or 1) >= 2 and "fork" in mp.get_all_start_methods()


class ForkedCall(Generic[T]):
    """`function(*args)` run in a forked child; result() waits for its value.

    Should the child fail for any reason (an exception, a crash, a kill), result() runs the
    function here instead: the caller gets the same value, or meets the same error, as if
    there had been no child.
    """

    def __init__(self, function: Callable[..., T], *args: Any) -> None:
        self._function = function
        self._args = args
        context = mp.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_send_result, args=(function, args, sender))
        self._process.daemon = True
        try:
            self._process.start()
        finally:
            sender.close()  # the child's copy is its own: EOF here when the child exits

    def result(self) -> T:
        try:
            value: T = pickle.loads(self._receiver.recv_bytes())  # our own child's, just now
        except (EOFError, OSError, pickle.UnpicklingError):
            value = self._function(*self._args)
        finally:
            self.close()
        return value

    def close(self) -> None:
        """Stop listening and reap the child (a child still writing gets a broken pipe)."""
        self._receiver.close()
        if self._process.pid is not None:  # started
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
