"""``cx batch``: three clients on a local Dask cluster of two workers, one of them with a failing
step and one worker killed along the way; run folders as ``cx run`` writes them; a clean stop."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from conftest import CX, REPO
from cxlib.engagement.batch import BatchError, batch_id, run_batch
from cxlib.steps import STEPS

FAILING_STEP = 4
PLANTED = "ValueError: planted failure for the batch test"


def _workbooks_with_a_planted_failure(target: Path, client: str) -> Path:
    """The step notebooks, with step 4 failing in its third cell for one client only."""
    shutil.copytree(REPO / "workbooks", target)
    path = next(target.glob(f"{FAILING_STEP:02d}_*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    cell = nbformat.v4.new_code_cell(f'if client == "{client}":\n    raise ValueError("planted failure for the batch test")')
    nb.cells.insert(2, cell)
    nbformat.write(nb, path)
    return target


def _kill_one_worker_when_busy(stop: threading.Event, killed: list) -> None:
    """SIGKILL one Dask worker process once it is running a report (it has a fork of its own)."""
    me = psutil.Process()
    while not stop.is_set():
        for worker in me.children():
            try:
                if worker.children():  # a report's fork: the worker is busy
                    worker.kill()
                    killed.append(worker.pid)
                    return
            except psutil.Error:
                pass
        time.sleep(0.2)


@pytest.fixture(scope="module")
def batch(fernway_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("book")
    for name in ("fernway", "fernway-b", "fernway-c"):  # the retailer, and two more under names of their own
        shutil.copytree(fernway_dir, root / name)
        settings = root / name / "client.yml"
        settings.write_text(settings.read_text().replace("slug: fernway\n", f"slug: {name}\n", 1))
    workbooks = _workbooks_with_a_planted_failure(tmp_path_factory.mktemp("nb") / "workbooks", "fernway-b")
    reports = tmp_path_factory.mktemp("reports")
    stop, killed = threading.Event(), []
    killer = threading.Thread(target=_kill_one_worker_when_busy, args=(stop, killed), daemon=True)
    killer.start()
    try:
        outcome = run_batch(["fernway", "fernway-b", "fernway-c"], root=root, reports_root=reports, workers=2,
                            workbooks=workbooks)
    finally:
        stop.set()
    return outcome, reports, killed


def test_each_client_runs_and_the_planted_failure_is_its_own(batch):
    outcome, _, killed = batch
    assert killed  # a worker was lost mid-report: Dask ran its tasks again elsewhere
    status = {run.client: run.status for run in outcome.clients}
    assert status == {"fernway": "ok", "fernway-b": "failed", "fernway-c": "ok"}
    broken = next(run for run in outcome.clients if run.client == "fernway-b")
    failed = [s for s in broken.steps if not s.ok]
    assert [s.step for s in failed] == [FAILING_STEP]
    assert failed[0].error["cell"] == 3 and failed[0].error["error"] == PLANTED
    assert all(s.ok for s in broken.steps if s.step != FAILING_STEP)  # the other reports are made


def test_the_batch_summary_is_a_table_of_clients_and_reports(batch):
    outcome, reports, _ = batch
    summary = json.loads(outcome.summary_path.read_text())
    assert outcome.summary_path == reports / f"batch-{outcome.batch_id}.json"
    assert summary["status"] == "failed" and summary["cluster"] == "local, 2 workers"
    assert [c["client"] for c in summary["clients"]] == ["fernway", "fernway-b", "fernway-c"]
    for client in summary["clients"]:
        assert sorted(s["step"] for s in client["steps"]) == [0, 1, 2, 3, 4, 5, 6, 7]
        assert all(s["seconds"] > 0 for s in client["steps"] if s["status"] == "ok")
    row = {s["step"]: s for s in summary["clients"][1]["steps"]}
    assert row[FAILING_STEP]["status"] == "failed" and row[FAILING_STEP]["cell"] == 3


def test_run_folders_are_the_ones_cx_run_writes(batch, fernway_run):
    _, reports, _ = batch
    _, fernway_reports = fernway_run
    batch_run, cx_run = (reports / "fernway" / "latest").resolve(), (fernway_reports / "latest").resolve()
    assert sorted(p.name for p in batch_run.iterdir()) == sorted(p.name for p in cx_run.iterdir())
    for result in cx_run.glob("*.result.json"):  # the same findings, word for word
        assert json.loads((batch_run / result.name).read_text()) == json.loads(result.read_text())
    ours, theirs = (json.loads((run / "manifest.json").read_text()) for run in (batch_run, cx_run))
    assert set(ours) == set(theirs)
    assert ours["inputs"] == theirs["inputs"] and ours["status"] == "ok"
    assert ours["parameters"]["process"] == "batch"
    assert ours["exports"] == theirs["exports"] == {"files": ["tables.xlsx", "engagement.pptx"], "errors": []}
    assert (reports / "fernway" / "history.sqlite").is_file()  # the wave is remembered


def test_a_client_with_a_failing_step_keeps_its_last_good_run(batch):
    _, reports, _ = batch
    runs = [p for p in (reports / "fernway-b").iterdir() if p.is_dir() and p.name != "latest"]
    assert len(runs) == 1 and not (reports / "fernway-b" / "latest").exists()
    manifest = json.loads((runs[0] / "manifest.json").read_text())
    assert manifest["status"] == "failed"
    assert not list(runs[0].glob(f"{FAILING_STEP:02d}_*.pdf")) and len(list(runs[0].glob("*.pdf"))) == len(STEPS)


def test_batch_ids_are_unique(tmp_path):
    import datetime as dt

    now = dt.datetime(2026, 5, 4, 10, 0, 0)
    first, second = batch_id(tmp_path, now), batch_id(tmp_path, now)
    assert first[0] == "20260504-100000" and second[0] == "20260504-100000-2"


def test_a_scheduler_that_does_not_answer_is_one_line(tmp_path, monkeypatch):
    from cxlib.engagement import batch

    monkeypatch.setattr(batch, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(BatchError, match="no Dask scheduler answers at tcp://127.0.0.1:1"):
        run_batch(["demo"], root=tmp_path, reports_root=tmp_path / "reports", scheduler="tcp://127.0.0.1:1")


def test_cx_batch_stops_cleanly_on_sigint(fernway_dir, tmp_path):
    root, reports, tmp = tmp_path / "book", tmp_path / "reports", tmp_path / "tmp"
    tmp.mkdir()
    for name in ("fernway", "fernway-d"):
        shutil.copytree(fernway_dir, root / name)
        settings = root / name / "client.yml"
        settings.write_text(settings.read_text().replace("slug: fernway\n", f"slug: {name}\n", 1))
    run = subprocess.Popen([CX, "batch", "--all", "--root", str(root), "--reports", str(reports), "--workers", "2"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env={**os.environ, "TMPDIR": str(tmp), "COLUMNS": "200"})
    deadline = time.monotonic() + 300
    while not list(reports.glob("*/.*.partial/*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)
    family = psutil.Process(run.pid).children(recursive=True)
    assert len(family) >= 2  # the two workers (and the reports they run in forks)
    clock = time.monotonic()
    run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=60)
    assert time.monotonic() - clock < 5
    assert run.returncode == 130
    assert stderr.strip().splitlines()[-1].startswith("interrupted (SIGINT): queued reports cancelled")
    time.sleep(0.5)
    assert [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE] == []
    assert not list(reports.glob("*/.*.partial")) and not list(reports.glob("*/latest"))
    kept = [json.loads(m.read_text())["status"] for m in reports.glob("*/*/manifest.json")]
    assert "interrupted" in kept and set(kept) <= {"interrupted", "ok"}  # a client may have finished first
    summary = json.loads(next(reports.glob("batch-*.json")).read_text())
    assert summary["status"] == "interrupted" and summary["interrupted_by"] == "SIGINT"


def test_a_failed_report_has_no_sheet_in_the_workbook(batch):
    from openpyxl import load_workbook

    _, reports, _ = batch
    run = next(p for p in (reports / "fernway-b").iterdir() if p.is_dir() and p.name != "latest")
    good = next(p for p in (reports / "fernway").iterdir() if p.is_dir() and p.name != "latest")
    steps = [{row[1] for row in load_workbook(folder / "tables.xlsx")["Contents"].iter_rows(min_row=5, values_only=True)}
             for folder in (good, run)]
    assert len(steps[0] - steps[1]) == 1  # the failed step's tables, and only those, are missing
