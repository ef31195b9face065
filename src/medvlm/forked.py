"""CPU-bound work on another core: a function run in a forked process while this one goes on.

Python code runs on one core at a time in a process (the GIL rules out threads). A forked child
starts in milliseconds with everything this process holds (nothing is pickled to it) and sends
back only its result, pickled. This program starts no threads, so forking is safe.
"""

from __future__ import annotations

import fcntl
import multiprocessing as mp
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from multiprocessing.connection import Connection
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
        self._stream: ForkedStream[T] = ForkedStream(_once, function, *args)
        self._values: list[T] | None = None

    def result(self) -> T:
        """The function's value (taken once, then remembered)."""
        if self._values is None:
            self._values = self._stream.rest() or [self._function(*self._args)]
        return self._values[0]

    def close(self) -> None:
        """Stop listening, and stop the child if it is still working (after an error here)."""
        self._stream.close()


def _once(function: Callable[..., T], *args: Any) -> Iterator[T]:
    """The one value a ForkedCall child sends."""
    yield function(*args)


class ForkedStream(Generic[T]):
    """The values `function(*args)` yields, made in a forked child and received here as they
    come: this process takes them in between its own work rather than all at the end.

    Unlike ForkedCall nothing is run here in a failed child's stead: a child that fails (it
    cannot start, raises, crashes or is killed) sends no more values, and the caller does
    itself what it did not receive (its values must say what they are).
    """

    def __init__(self, function: Callable[..., Iterable[T]], *args: Any) -> None:
        # None once the child has ended (or never started): nothing more will come.
        self._child = _start(function, args)
        # The child must not wait for this process to make room in the pipe while this
        # process does its own work: a larger pipe holds several values (Linux only).
        if self._child is not None and hasattr(fcntl, "F_SETPIPE_SZ"):
            with suppress(OSError):
                fcntl.fcntl(self._child[0].fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)

    def arrived(self) -> list[T]:
        """The values that have arrived so far, without waiting."""
        values: list[T] = []
        while self._child is not None and self._child[0].poll():
            self._receive(self._child[0], values)
        return values

    def rest(self) -> list[T]:
        """Every value still to come: waits for the child to end."""
        values: list[T] = []
        while self._child is not None:
            self._receive(self._child[0], values)
        return values

    def _receive(self, receiver: Connection, values: list[T]) -> None:
        try:
            # Our own child's bytes, just made: any failure means the child ended or failed.
            values.append(pickle.loads(receiver.recv_bytes()))
        except Exception:
            self.close()

    def close(self) -> None:
        """Stop listening, and stop the child if it is still working (after an error here)."""
        _stop(self._child)
        self._child = None


_PIPE_BYTES = 1 << 20  # the most an unprivileged process may ask for, by default


def _start(
    function: Callable[..., Iterable[object]], args: tuple[Any, ...]
) -> tuple[Connection, BaseProcess] | None:
    """Fork a child sending what `function(*args)` yields: the receiving end of its pipe, and
    the child; None when no pipe or fork could be had (file descriptors, memory, process
    limits)."""
    context = mp.get_context("fork")
    try:
        receiver, sender = context.Pipe(duplex=False)
    except OSError:
        return None
    process = context.Process(target=_send_each, args=(function, args, sender), daemon=True)
    try:
        process.start()
    except OSError:
        receiver.close()
        return None
    finally:
        sender.close()  # the child's copy is its own: EOF here when the child exits
    return receiver, process


def _stop(started: tuple[Connection, BaseProcess] | None) -> None:
    """Stop listening to a child, and stop the child should it still work.

    Not waiting for it to exit: a child's exit (its memory given back) takes milliseconds,
    and multiprocessing collects finished children when it next starts one, or at exit.
    """
    if started is not None:
        receiver, process = started
        receiver.close()
        if process.is_alive():
            process.terminate()


def _send_each(
    function: Callable[..., Iterable[object]], args: tuple[Any, ...], sender: Any
) -> None:
    """In the child: send each value the function yields through the pipe, as it comes."""
    try:
        for value in function(*args):
            sender.send_bytes(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    except BaseException:
        # Quietly: the parent does itself what it did not receive (ForkedCall: the function),
        # and meets the same error.
        os._exit(1)
    finally:
        sender.close()
