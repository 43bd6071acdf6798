"""Run each task in a fresh process forked from this one, a few at a time.

A forked worker starts with everything this process has: the libraries it imported, the warm caches
(:func:`warm`) and the client it validated. Each task gets its own fork, so no step can leave state
(chart style, a global setting, a module it patched) behind for the next one, and a task that
crashes or is killed takes only itself down.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from multiprocessing.connection import wait
from typing import Any, Callable, Sequence

_FORK = multiprocessing.get_context("fork")


def one_blas_thread() -> None:
    """One thread per matrix library in this process and its forks.

    The forks run side by side, as many as there are cores: a matrix library starting a thread per
    core in each would only make them wait for one another. Call it before numpy is first imported;
    a value the user set is kept.
    """
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def _child(conn, work: Callable, args: tuple) -> None:
    # The parent may have a progress display writing from another thread; this process must never
    # wait on a stream lock copied from that thread in mid-write, so it gets streams of its own:
    # nothing on the parent's screen, and stderr on file descriptor 2 itself, so that a task that
    # sends descriptor 2 to a log file (the runner does) sends Python's stderr there too.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", buffering=1, closefd=False)
    try:
        conn.send(("ok", work(*args)))
    except BaseException as exc:  # report it to the parent instead of dying silently
        conn.send(("error", f"{type(exc).__name__}: {exc}", traceback.format_exc()))
    finally:
        conn.close()


def run_forked(work: Callable[..., Any], calls: Sequence[tuple], jobs: int, *,
               on_start: Callable[[tuple], None] | None = None,
               on_done: Callable[[tuple, Any], None] | None = None,
               failed: Callable[[tuple, str], Any],
               then: Callable[[tuple, Any], list[tuple]] | None = None) -> list[Any]:
    """``work(*args)`` for each of ``calls``, at most ``jobs`` at once, each in its own fork.

    Parameters
    ----------
    work : a function of this process (it is not pickled: the fork has it).
    calls : the argument tuples; the results come back in this order.
    jobs : how many forks run at once.
    on_start, on_done : called in this process when a call starts and when its result is in.
    failed : ``failed(args, message)`` gives the result of a call whose process raised or died.
    then : ``then(args, result)`` gives the calls that can start now that this one is done (work
        that waited for it); they run as soon as a fork is free, and their results follow.

    Returns
    -------
    list
        One result per call, in the order of ``calls`` and then of the calls ``then`` added.
    """
    calls = list(calls)
    results: list[Any] = [None] * len(calls)
    pending = list(range(len(calls)))
    running: dict[Any, tuple[int, Any, Any]] = {}  # reader -> (index, process, reader)
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                index = pending.pop(0)
                reader, writer = _FORK.Pipe(duplex=False)
                # not a daemon: a task may start processes of its own, as code on a kernel may
                process = _FORK.Process(target=_child, args=(writer, work, calls[index]))
                process.start()
                writer.close()
                running[reader] = (index, process, reader)
                if on_start:
                    on_start(calls[index])
            ready = wait([*running, *(p.sentinel for _, p, _ in running.values())])
            for key in list(running):
                index, process, reader = running[key]
                if reader not in ready and process.sentinel not in ready:
                    continue
                try:
                    message = reader.recv()
                except EOFError:  # the process died before it could answer
                    process.join()
                    message = ("error", f"the worker process stopped (exit code {process.exitcode})", "")
                process.join(timeout=30)
                if process.is_alive():  # answered, but a thread of its own keeps it from exiting
                    process.terminate()
                    process.join()
                reader.close()
                del running[key]
                results[index] = message[1] if message[0] == "ok" else failed(calls[index], message[1])
                if on_done:
                    on_done(calls[index], results[index])
                for follow in (then(calls[index], results[index]) if then else []):
                    calls.append(follow)
                    results.append(None)
                    pending.append(len(calls) - 1)
    finally:
        for _, process, reader in running.values():
            process.terminate()
            process.join()
            reader.close()
    return results
