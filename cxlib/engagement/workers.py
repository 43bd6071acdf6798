"""Run each task in a fresh process forked from this one, a few at a time.

A forked worker starts with everything this process has: the libraries it imported, the warm caches
(:func:`warm`) and the client it validated. Each task gets its own fork, so no step can leave state
(chart style, a global setting, a module it patched) behind for the next one, and a task that
crashes or is killed takes only itself down.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
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


#: Seconds a stopped task has to exit after SIGTERM before it is killed.
GRACE_SECONDS = 1.5


def _die_with_parent() -> None:
    """Ask Linux to end this process when the one that forked it dies (a worker killed with
    SIGKILL, or lost by its cluster, must not leave its tasks running)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent's stop() still ends its tasks
        pass


def _child(conn, work: Callable, args: tuple, parent: int) -> None:
    # A group of its own: Ctrl-C in the terminal reaches the parent alone, which decides what
    # stops (queued tasks never start, running ones are stopped with everything they started).
    os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})  # blocked while forking
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the request above could take effect
        os._exit(1)
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
               then: Callable[[tuple, Any], list[tuple]] | None = None,
               on_fork: Callable[[multiprocessing.process.BaseProcess], None] | None = None) -> list[Any]:
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
    on_fork : called with each fork's process once it has started (to stop it from elsewhere).

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
                process = _FORK.Process(target=_child, args=(writer, work, calls[index], os.getpid()))
                # no signal between the fork and its registration: stop() must see every fork
                blocked = _block_signals()
                try:
                    process.start()
                    running[reader] = (index, process, reader)
                finally:
                    _unblock_signals(blocked)
                writer.close()
                if on_fork:
                    on_fork(process)
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
        stop([process for _, process, _ in running.values()])
        for _, _, reader in running.values():
            reader.close()
    return results


def _block_signals():
    if threading.current_thread() is threading.main_thread():
        return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    return None


def _unblock_signals(previous) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def stop(processes: Sequence[multiprocessing.process.BaseProcess], grace: float = GRACE_SECONDS) -> None:
    """Stop tasks and everything they started (a Jupyter kernel runs in a session of its own, so
    it is found by parentage, not by process group), then reap them."""
    import psutil

    victims = []
    for process in processes:
        if process.pid is None:
            continue
        try:
            parent = psutil.Process(process.pid)
            victims += [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            pass
    end(victims, grace)
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(timeout=max(0.0, deadline - time.monotonic()))


def end(victims: Sequence, grace: float = GRACE_SECONDS) -> None:
    """SIGTERM to each of ``victims`` (``psutil.Process``), SIGKILL to those left after ``grace``
    seconds."""
    import psutil

    for victim in victims:
        try:
            victim.terminate()
        except psutil.NoSuchProcess:
            pass
    _, alive = psutil.wait_procs(victims, timeout=grace)
    for victim in alive:
        try:
            victim.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(alive, timeout=grace)
