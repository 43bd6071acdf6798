"""Stopping a run: SIGINT and SIGTERM stop it within seconds, keep what had finished, leave no
process and no kernel connection file behind; two runs started together never share a run id."""
from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from conftest import CX
from cxlib.engagement.runner import reserve_run


def _start(client_dir: Path, reports: Path, tmp: Path, *options: str) -> subprocess.Popen:
    tmp.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen([CX, "run", client_dir.name, "--root", str(client_dir.parent), "--reports",
                             str(reports), *options], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(tmp), "COLUMNS": "200"})


def _wait_for(condition, what: str, timeout: float = 180.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _family(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _command(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:  # gone meanwhile
        return []


def _alive(processes: list[psutil.Process]) -> list[str]:
    alive = []
    for p in processes:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                alive.append(" ".join(_command(p)[:4]))
        except psutil.Error:
            pass
    return alive


def _stop(process: subprocess.Popen, signum: int) -> tuple[float, str]:
    clock = time.monotonic()
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=30)
    return time.monotonic() - clock, stderr


def _only_run(client_reports: Path) -> Path:
    runs = [d for d in client_reports.iterdir() if d.name != "latest"]
    assert len(runs) == 1 and not runs[0].name.startswith("."), runs  # no hidden partial folder left
    return runs[0]


def test_sigint_keeps_the_finished_reports_and_stops_the_rest(demo_dir, tmp_path):
    reports, tmp = tmp_path / "reports", tmp_path / "tmp"
    run = _start(demo_dir, reports, tmp, "--steps", "1,2,3,5,6", "--jobs", "2")
    partial = reports / "demo"
    _wait_for(lambda: list(partial.glob(".*.partial/*.pdf")), "a first PDF")
    time.sleep(2)  # its report is in; the others render for several seconds more
    family = _family(run.pid)
    seconds, stderr = _stop(run, signal.SIGINT)

    assert run.returncode == 130
    assert seconds < 5
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("interrupted (SIGINT): kept step"), stderr
    folder = _only_run(partial)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "interrupted" and manifest["interrupted_by"] == "SIGINT"
    finished = [s["step"] for s in manifest["steps"] if s["status"] == "ok"]
    stopped = [s["step"] for s in manifest["steps"] if s["status"] == "interrupted"]
    assert finished and stopped and sorted(finished + stopped) == [1, 2, 3, 5, 6]
    for step in manifest["steps"]:  # the folder holds exactly the finished reports
        pdfs = list(folder.glob(f"{step['step']:02d}_*.pdf"))
        assert len(pdfs) == (1 if step["status"] == "ok" else 0), step
    assert all(f"step {n}" in lines[0] for n in finished)
    assert not (partial / "latest").exists()  # latest never points at an interrupted run
    assert _alive(family) == []
    assert list(tmp.iterdir()) == []  # the run's private temporary folder is gone


def test_sigterm_stops_jupyter_kernels_and_removes_their_connection_files(demo_dir, tmp_path):
    reports, tmp = tmp_path / "reports", tmp_path / "tmp"
    run = _start(demo_dir, reports, tmp, "--steps", "1,2", "--jobs", "2", "--kernel")

    def kernels():
        found = [p for p in _family(run.pid) if "ipykernel" in " ".join(_command(p))]
        return found if len(found) == 2 else None

    running = _wait_for(kernels, "two kernels")
    connection_files = _wait_for(lambda: list(tmp.rglob("*.json")), "the kernels' connection files")
    family = _family(run.pid)
    seconds, stderr = _stop(run, signal.SIGTERM)

    assert run.returncode == 143
    assert seconds < 5
    assert stderr.strip().splitlines()[-1] == ("interrupted (SIGTERM): no report had finished, nothing was kept; "
                                                "latest is unchanged")
    assert _alive(family) == [] and _alive(running) == []
    assert not any(f.exists() for f in connection_files) and list(tmp.iterdir()) == []
    assert list((reports / "demo").iterdir()) == []  # nothing had finished: no run folder at all


def test_ctrl_c_on_a_run_handed_to_the_warm_process(demo_dir, tmp_path):
    from cxlib.engagement import warm

    reports, tmp = tmp_path / "reports", tmp_path / "tmp"
    warm.start(idle=120)
    try:
        server = psutil.Process(int(_wait_for(lambda: _server_pid(warm), "the warm process")))
        run = _start(demo_dir, reports, tmp, "--steps", "1,2,3,5,6", "--jobs", "2")
        partial = reports / "demo"
        _wait_for(lambda: list(partial.glob(".*.partial/*.pdf")), "a first PDF")
        time.sleep(2)
        family = _family(server.pid)
        assert family  # the run is the warm process's fork, not a child of cx run
        seconds, stderr = _stop(run, signal.SIGINT)
        assert run.returncode == 130 and seconds < 5
        assert stderr.strip().splitlines()[-1].startswith("interrupted (SIGINT): kept step"), stderr
        _wait_for(lambda: not _alive(family), "the warm process's run to stop", timeout=5)
        manifest = json.loads((_only_run(partial) / "manifest.json").read_text())
        assert manifest["status"] == "interrupted" and manifest["parameters"]["process"] == "warm"
        assert server.is_running()  # the warm process itself stays ready for the next run
    finally:
        warm.stop()


def _server_pid(warm) -> int | None:
    log = warm.socket_path().with_suffix(".log")
    for line in reversed(log.read_text().splitlines() if log.exists() else []):
        if line.startswith("warm process ") and " ready on " in line:
            return int(line.split()[2])
    return None


def _reserve(folder: str, now: str, out) -> None:
    out.put(reserve_run(Path(folder), dt.datetime.fromisoformat(now))[0])


def test_runs_starting_in_the_same_second_get_distinct_ids(tmp_path):
    now = dt.datetime(2026, 3, 1, 9, 30, 15)
    (tmp_path / "20260301-093015-2").mkdir()  # a finished run already holds "-2"
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    racers = [context.Process(target=_reserve, args=(str(tmp_path), now.isoformat(), queue)) for _ in range(8)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(30)
    ids = sorted(queue.get(timeout=5) for _ in racers)
    assert len(set(ids)) == 8
    assert ids[0] == "20260301-093015" and "20260301-093015-2" not in ids
    assert {p.name for p in tmp_path.iterdir()} >= {f".{i}.partial" for i in ids}


@pytest.mark.parametrize("taken", [[], ["20260301-093015"], [".20260301-093015.partial"]])
def test_a_run_id_is_the_start_second_and_steps_past_taken_ones(tmp_path, taken):
    for name in taken:
        (tmp_path / name).mkdir()
    run_id, partial = reserve_run(tmp_path, dt.datetime(2026, 3, 1, 9, 30, 15))
    assert run_id == ("20260301-093015" if not taken else "20260301-093015-2")
    assert partial == tmp_path / f".{run_id}.partial" and partial.is_dir()
