"""A process kept ready between runs: ``cx warm`` starts it, ``cx run`` hands it the run.

A cold ``cx run`` spends several seconds importing pandas, matplotlib, SciPy, nbconvert and
WeasyPrint and validating the client before the first step starts. The warm process has done the
imports (:func:`cxlib.engagement.engine.warm`) and keeps each client it validated until one of the
client's files changes, so a run handed to it starts at once. Each run is a fork of it that runs
exactly what ``cx run`` runs (:func:`cxlib.engagement.runner.run_engagement`) and streams its
progress back; the warm process itself never runs a notebook.

It listens on a Unix socket only its user can reach, one per project checkout and Python, and stops
after ``idle`` seconds without a run, on ``cx warm --stop``, or as soon as any cxlib source file
changes (a run then goes the cold way: a warm process must never run old code).
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
import traceback
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Callable

PROJECT = Path(__file__).resolve().parents[2]
CXLIB = PROJECT / "cxlib"
IDLE_SECONDS = 30 * 60


def socket_path() -> Path:
    """This checkout's socket, in a folder only this user can enter (``CX_WARM_DIR`` overrides)."""
    folder = Path(os.environ.get("CX_WARM_DIR") or
                  Path(os.environ.get("XDG_RUNTIME_DIR") or "/tmp") / f"cx-warm-{os.getuid()}")
    key = hashlib.sha1(f"{PROJECT}\0{sys.executable}".encode()).hexdigest()[:12]
    return folder / f"{key}.sock"


#: What a run reads from its environment; a warm process started with other values declines the run.
ENVIRONMENT = ("CX_SENTIMENT_MODEL",)


def _own_folder(folder: Path) -> bool:
    """The folder is a real one of this user's that nobody else can enter: else another user could
    put a socket there that answers in its place."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def code_stamp() -> tuple[float, int]:
    """The newest modification time and the number of the Python files and templates in use.

    Returns
    -------
    tuple
        A value that changes when any cxlib source file or template is edited, added or removed.
    """
    files = [*CXLIB.rglob("*.py"), *(PROJECT / "templates").rglob("*")]
    return max((f.stat().st_mtime for f in files), default=0.0), len(files)


# --- the client side (cx run) --------------------------------------------------------------------
def run_remote(request: dict, on_event: Callable[[dict], None]) -> dict | None:
    """Hand a run to the warm process.

    Parameters
    ----------
    request : ``client``, ``root`` (absolute), ``steps`` (numbers), ``reports`` (absolute),
        ``jobs``, ``engine``.
    on_event : called with each progress event (``{"event": "start"|"done", ...}``).

    Returns
    -------
    dict or None
        Its final reply (``{"event": "finished", ...}``, or ``{"event": "lost"}`` when it went away
        mid-run); None when there is no warm process to take the run (none running, out of date,
        started with another environment, or the data need their validation report): the run
        then goes the cold way.
    """
    path = socket_path()
    if not path.exists() or not _own_folder(path.parent):
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(str(path))
    except OSError:
        conn.close()
        return None
    started = False
    env = {name: os.environ.get(name) for name in ENVIRONMENT}
    with conn, conn.makefile("rwb") as stream, _term_as_interrupt():
        stream.write(json.dumps({"command": "run", "env": env, **request}).encode() + b"\n")
        stream.flush()
        try:
            try:
                for line in stream:
                    message = json.loads(line)
                    if message["event"] in ("start", "done"):
                        started = True
                        on_event(message)
                    elif message["event"] == "finished":
                        return message
                    elif not started:  # "stale", "invalid", "error": nothing ran, the cold way runs it
                        return None
            except KeyboardInterrupt as exc:
                return _abandon(conn, stream, getattr(exc, "signal", "SIGINT"))
        except (OSError, ValueError):
            pass
    # the warm process went away mid-run: running it again cold would hide that
    return {"event": "lost"} if started else None


#: Seconds ``cx run`` waits, after Ctrl-C, for the warm process to say what it kept.
ABANDON_WAIT = 4.0


def _abandon(conn: socket.socket, stream, name: str) -> dict:
    """Ctrl-C (or SIGTERM) on ``cx run``: say which signal, hang up our side, which stops the run in
    the warm process (:func:`_stop_when_abandoned`), and wait briefly for its last word, what it
    kept; ``{"event": "abandoned"}`` when it does not come in time."""
    try:
        conn.sendall(json.dumps({"command": "stop", "signal": name}).encode() + b"\n")
        conn.shutdown(socket.SHUT_WR)
        conn.settimeout(ABANDON_WAIT)
        for line in stream:
            message = json.loads(line)
            if message["event"] == "finished":
                return message
    except (OSError, ValueError):
        pass
    return {"event": "abandoned", "signal": name}


class _Terminated(KeyboardInterrupt):
    """SIGTERM on ``cx run``, stopping it as Ctrl-C does."""

    signal = "SIGTERM"


@contextmanager
def _term_as_interrupt():
    """SIGTERM stops ``cx run`` the way Ctrl-C does (main thread only)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def stop() -> bool:
    """Ask the warm process to stop.

    Returns
    -------
    bool
        False when none was running.
    """
    return _ask(socket_path(), "stop") is not None


def start(idle: int = IDLE_SECONDS, wait: float = 120.0) -> Path:
    """Start the warm process in the background and wait until it is ready; one that is running
    but out of date is replaced.

    Parameters
    ----------
    idle : seconds without a run before it stops.
    wait : seconds to wait for it to be ready.

    Returns
    -------
    Path
        Its log file.
    """
    path = socket_path()
    log = path.with_suffix(".log")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _own_folder(path.parent):
        raise PermissionError(f"{path.parent} is not a private folder of this user's; set CX_WARM_DIR")
    reply = _ask(path, "ping")
    if reply == {"event": "pong", "current": True}:
        return log
    if reply is not None:
        _ask(path, "stop")
    with open(log, "ab") as out:
        subprocess.Popen([sys.executable, "-m", "cxlib.engagement.warm", str(idle)], stdin=subprocess.DEVNULL,
                         stdout=out, stderr=out, start_new_session=True, cwd=PROJECT)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if _ask(path, "ping") == {"event": "pong", "current": True}:
            return log
        time.sleep(0.1)
    raise TimeoutError(f"the warm process did not start within {wait:.0f} s; see {log}")


def _ask(path: Path, command: str) -> dict | None:
    """One short request (ping, stop); None when nothing answers in a few seconds."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(5)
            conn.connect(str(path))
            conn.sendall(json.dumps({"command": command}).encode() + b"\n")
            return json.loads(conn.makefile("rb").readline())
    except (OSError, ValueError):
        return None


# --- the warm process ----------------------------------------------------------------------------
def serve(idle: int = IDLE_SECONDS) -> None:
    """Import and warm up, then take runs until idle, stopped or out of date.

    Parameters
    ----------
    idle : seconds without a request before it stops.
    """
    stamp = code_stamp()  # before importing: an edit made meanwhile makes it out of date at once
    from cxlib.engagement import engine

    engine.warm()
    env = {name: os.environ.get(name) for name in ENVIRONMENT}
    path = socket_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _own_folder(path.parent):
        print(f"{path.parent} is not a private folder of this user's: not starting", flush=True)
        return
    path.unlink(missing_ok=True)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # runs are reaped by the system, never zombies
    clients: dict = {}
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        os.chmod(path, 0o600)
        server.listen(8)
        server.settimeout(idle)
        print(f"warm process {os.getpid()} ready on {path}", flush=True)
        try:
            while True:
                try:
                    conn, _ = server.accept()
                except socket.timeout:
                    print("idle: stopping", flush=True)
                    return
                with conn:
                    try:
                        if _answer(conn, server, stamp, env, clients) == "stop":
                            return
                    except Exception as exc:  # one bad request never takes the warm process down
                        print(f"request failed: {type(exc).__name__}: {exc}", flush=True)
        finally:
            path.unlink(missing_ok=True)


def _answer(conn: socket.socket, server: socket.socket, stamp, env: dict, clients: dict) -> str | None:
    conn.settimeout(10)
    request = json.loads(conn.makefile("rb").readline() or b"{}")
    conn.settimeout(None)
    current = code_stamp() == stamp
    command = request.get("command")
    if command == "ping":
        conn.sendall(json.dumps({"event": "pong", "current": current}).encode() + b"\n")
    elif command == "stop" or not current:
        conn.sendall(b'{"event": "stopping"}\n' if command == "stop" else b'{"event": "stale"}\n')
        print("stopped" if command == "stop" else "cxlib changed: stopping", flush=True)
        return "stop"
    elif request.get("env") != env:
        conn.sendall(b'{"event": "stale"}\n')
    elif command == "run":
        _take(conn, server, request, clients)
    return None


def _take(conn: socket.socket, server: socket.socket, request: dict, clients: dict) -> None:
    """Validate the client (or find it validated), then fork the run and leave it the connection."""
    from cxlib.data import load_client
    from cxlib.data.load import validated

    folder = Path(request["root"]) / request["client"]
    clock = time.perf_counter()
    try:
        with validated(clients[folder]) if folder in clients else nullcontext():
            data = load_client(request["client"], request["root"])
    except Exception:  # the cold way prints the one-line error a consultant needs
        conn.sendall(b'{"event": "invalid"}\n')
        return
    if not data.ok:
        clients.pop(folder, None)
        conn.sendall(b'{"event": "invalid"}\n')
        return
    clients[folder] = data
    validate_s = round(time.perf_counter() - clock, 2)
    print(f"run: {folder}, steps {request['steps']}, validated in {validate_s} s", flush=True)
    if os.fork() == 0:  # the run: this fork does all of it and exits
        code = 1
        try:
            server.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            done = _stop_when_abandoned(conn)
            _run(conn, request, data, validate_s)
            done.set()
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)


def _stop_when_abandoned(conn: socket.socket):
    """Interrupt this run as soon as the ``cx run`` that asked for it goes away (Ctrl-C on it):
    the run then stops its forks and leaves no partial run folder, as a cold run does. Returns the
    event to set once the run is complete (the asker then hangs up, and that is no abandonment)."""
    import threading

    done = threading.Event()

    def watch():
        signum, heard = signal.SIGINT, b""
        try:
            while chunk := conn.recv(1024):
                heard += chunk
        except OSError:
            pass
        if b'"SIGTERM"' in heard:  # cx run said it was terminated, not interrupted
            signum = signal.SIGTERM
        if not done.is_set():
            os.kill(os.getpid(), signum)

    threading.Thread(target=watch, daemon=True).start()
    return done


def _run(conn: socket.socket, request: dict, data, validate_s: float) -> None:
    from dataclasses import asdict

    from cxlib.engagement.runner import run_engagement
    from cxlib.steps import parse_steps

    def send(message: dict) -> None:
        try:
            conn.sendall(json.dumps(message).encode() + b"\n")
        except OSError:  # cx run went away (Ctrl-C): the run goes on to its end, said to nobody
            pass

    steps = parse_steps(",".join(str(n) for n in request["steps"]))
    result = run_engagement(
        data, steps, reports_root=Path(request["reports"]), jobs=request.get("jobs"),
        engine=request.get("engine", "cx"), timings={"validate": validate_s}, origin="warm",
        on_start=lambda step: send({"event": "start", "step": step.number, "title": step.title}),
        on_done=lambda outcome: send({"event": "done", "outcome": asdict(outcome)}))
    send({"event": "finished", "run_dir": str(result.run_dir), "latest_updated": result.latest_updated,
          "steps": [asdict(o) for o in result.steps], "interrupted": result.interrupted, "kept": result.kept,
          "notes": result.notes, "exports": result.exports})


if __name__ == "__main__":
    from cxlib.engagement.workers import one_blas_thread

    one_blas_thread()
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else IDLE_SECONDS)
