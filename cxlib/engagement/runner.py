"""``cx run``: execute step notebooks per client, render the reports, write the run folder.

Each step runs in its own worker process (papermill starts its own kernel) and is rendered to HTML
and PDF in that same worker. The run folder is built under a hidden temporary name and renamed when
complete, so an interrupted or failed run never replaces an earlier good report.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable

from cxlib import wording
from cxlib.data import ClientData
from cxlib.engagement.manifest import build_manifest, write_manifest
from cxlib.summary.placement import placement
from cxlib.steps import ENGAGEMENT, STEPS, WORKBOOKS, Step


@dataclass(frozen=True)
class StepJob:
    """Everything a worker needs to run and render one step (picklable)."""

    step: Step
    notebook: Path
    client: str
    client_root: Path
    out_dir: Path
    cover: dict


@dataclass
class StepOutcome:
    step: int
    title: str
    status: str  # "ok" or "failed"
    duration_s: float
    files: dict[str, str] = field(default_factory=dict)
    error: dict | None = None
    result: dict | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class RunOutcome:
    run_dir: Path
    latest_updated: bool
    steps: list[StepOutcome]

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.steps)


def execute_step(job: StepJob) -> StepOutcome:
    """Execute one step notebook with papermill and read its recorded result (no rendering)."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from cxlib.report.record import read_result

    start = time.perf_counter()
    stem = job.step.slug
    _quiet_stderr(job.out_dir / "logs" / f"{stem}.log")
    executed = job.out_dir / f"{stem}.ipynb"
    result_path = job.out_dir / f"{stem}.result.json"
    outcome = StepOutcome(job.step.number, job.step.title, "failed", 0.0)
    parameters = {"client": job.client, "client_root": str(job.client_root)}
    parameters.update({"results_dir": str(job.out_dir)} if job.step.number == 0 else
                      {"result_path": str(result_path)})
    try:
        pm.execute_notebook(
            str(job.notebook), str(executed), parameters=parameters,
            cwd=str(job.notebook.parent), progress_bar=False, log_output=False,
            report_mode=False, kernel_name="python3", language="python",
        )
    except PapermillExecutionError as exc:
        outcome.error = {
            "cell": _cell_number(executed, exc.cell_index),
            "source": _first_line(exc.source), "error": f"{exc.ename}: {_first_line(exc.evalue)}",
        }
    except Exception as exc:  # the kernel died or the notebook is unreadable: record, don't crash the run
        outcome.error = {"cell": None, "error": f"{type(exc).__name__}: {_first_line(str(exc))}"}
    if executed.exists():
        outcome.files["notebook"] = executed.name
    if outcome.error is None and job.step.number:
        if not result_path.exists():
            outcome.error = {"cell": None, "error": "the notebook finished without recording its step result"}
        else:
            outcome.result = read_result(result_path).to_dict()
            outcome.files["result"] = result_path.name
    outcome.duration_s = round(time.perf_counter() - start, 2)
    return outcome


def render_outcome(job: StepJob, outcome: StepOutcome) -> StepOutcome:
    """Render an executed step to HTML and PDF; a render failure is the step's failure."""
    from cxlib.report.pdf import ReportMeta, render_step

    if outcome.error is not None:
        return outcome
    start = time.perf_counter()
    _quiet_stderr(job.out_dir / "logs" / f"{job.step.slug}.log")
    stem = job.step.slug
    try:
        html, pdf = job.out_dir / f"{stem}.html", job.out_dir / f"{stem}.pdf"
        render_step(job.out_dir / f"{stem}.ipynb", html, pdf,
                    ReportMeta(step_number=job.step.number, step_title=job.step.title, **job.cover))
        outcome.files.update(html=html.name, pdf=pdf.name)
        outcome.status = "ok"
    except Exception as exc:
        outcome.error = {"cell": None, "error": f"rendering failed: {type(exc).__name__}: "
                                                f"{_first_line(str(exc))}"}
    outcome.duration_s = round(outcome.duration_s + time.perf_counter() - start, 2)
    return outcome


def run_step(job: StepJob) -> StepOutcome:
    """Execute one step notebook with papermill, then render it to HTML and PDF."""
    return render_outcome(job, execute_step(job))


def _quiet_stderr(log: Path) -> None:
    """Send this worker's stderr, and so its kernel's, to a log file instead of the console.

    The kernel and WeasyPrint write warnings there that mean nothing to a consultant but help a
    developer; the log stays in the run folder.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 2)
    os.close(fd)


def _cell_number(executed: Path, index: int) -> int:
    """1-based number of a failing cell in the analyst's notebook, not counting papermill's injected cell."""
    import nbformat

    cells = nbformat.read(executed, as_version=4).cells
    injected = sum("injected-parameters" in c.metadata.get("tags", []) for c in cells[:index])
    return index - injected + 1


def _first_line(text: str | None) -> str:
    lines = [ln for ln in str(text or "").splitlines() if ln.strip()]
    return lines[0].strip()[:200] if lines else ""


def cover_for(data: ClientData, prepared_on: dt.date) -> dict:
    """Cover-page and brand fields of a client's reports."""
    cfg = data.config
    return {
        "client_name": cfg.name, "period_label": cfg.period.label(),
        "prepared_on": wording.date(prepared_on), "consultant": cfg.consultant,
        "primary": cfg.brand.primary, "secondary": cfg.brand.secondary, "accent": cfg.brand.accent,
        "logo": data.logo, "locale": cfg.locale, "internal_pages": cfg.internal_pages,
    }


def new_run_id(client_reports: Path, now: dt.datetime) -> str:
    base = now.strftime("%Y%m%d-%H%M%S")
    run_id, n = base, 1
    while (client_reports / run_id).exists() or (client_reports / f".{run_id}.partial").exists():
        n += 1
        run_id = f"{base}-{n}"
    return run_id


def run_engagement(
    data: ClientData,
    steps: list[Step],
    *,
    reports_root: Path,
    jobs: int | None = None,
    workbooks: Path = WORKBOOKS,
    on_start: Callable[[Step], None] | None = None,
    on_done: Callable[[StepOutcome], None] | None = None,
) -> RunOutcome:
    """Run ``steps`` for a validated client and write ``reports_root/<slug>/<run-id>/``.

    ``latest`` is re-pointed to the new run only when every step succeeded, so the last complete
    deliverable stays one path away.
    """
    if not data.ok:
        raise ValueError("refusing to run on data with errors; run cx validate")
    slug = data.config.slug if data.root.name == data.config.slug else data.root.name
    client_reports = Path(reports_root) / slug
    client_reports.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now()
    run_id = new_run_id(client_reports, started)
    partial = client_reports / f".{run_id}.partial"
    partial.mkdir()
    cover = cover_for(data, started.date())
    job_list = [StepJob(s, Path(workbooks) / s.notebook, data.root.name, data.root.parent.resolve(),
                        partial.resolve(), cover) for s in steps]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(job_list)))
    whole = [s.number for s in steps] == [s.number for s in STEPS]
    engagement_nb = Path(workbooks) / ENGAGEMENT.notebook
    outcomes: list[StepOutcome] = []
    try:
        # spawn, not fork: the parent holds a live progress display with its own thread
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            executed = _in_pool(pool, execute_step, [(job,) for job in job_list], on_start)
            if whole and engagement_nb.is_file():
                summary = replace(job_list[0], step=ENGAGEMENT, notebook=engagement_nb)
                job_list.insert(0, summary)
                executed.insert(0, _in_pool(pool, execute_step, [(summary,)], on_start)[0])
            try:
                placed = _placements(data, executed) if whole else {}
            except Exception:  # a cover line is never worth a run: the covers go without it
                placed = {}
            jobs_placed = [replace(job, cover={**job.cover, "placement": placed.get(job.step.number, "")})
                           for job in job_list]
            outcomes = _in_pool(pool, render_outcome, list(zip(jobs_placed, executed)), None, on_done)
        outcomes.sort(key=lambda o: o.step)
        manifest = build_manifest(data, run_id, started, dt.datetime.now(),
                                  parameters={"steps": [s.number for s in steps], "jobs": workers},
                                  steps=[asdict(o) for o in outcomes])
        write_manifest(manifest, partial / "manifest.json")
        final = client_reports / run_id
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    updated = all(o.ok for o in outcomes)
    if updated:
        point_latest(client_reports, run_id)
    return RunOutcome(final, updated, outcomes)


def _in_pool(pool, work, calls, on_start=None, on_done=None) -> list[StepOutcome]:
    """Run ``work(*args)`` for each of ``calls`` in the pool; the outcomes in the calls' order. A
    worker that dies takes only its own step down."""
    futures = {}
    for args in calls:
        futures[pool.submit(work, *args)] = args
        if on_start:
            on_start(args[0].step)
    done = {}
    for future in as_completed(futures):
        args = futures[future]
        try:
            outcome = future.result()
        except Exception as exc:
            step = args[0].step
            outcome = StepOutcome(step.number, step.title, "failed", 0.0,
                                  error={"cell": None, "error": f"worker failed: {exc}"})
        done[id(args)] = outcome
        if on_done:
            on_done(outcome)
    return [done[id(args)] for args in calls]


def _placements(data: ClientData, executed: list[StepOutcome]) -> dict[int, str]:
    """Each step's place in the engagement, for its cover: its score among the seven and the
    initiatives it feeds (from the results the steps recorded)."""
    from cxlib.report.record import StepResult
    from cxlib.summary.roadmap import roadmap
    from cxlib.summary.scorecard import scorecard

    results = {o.step: StepResult.from_dict(o.result) for o in executed if o.step and o.result}
    card, plan = scorecard(results), roadmap(results, data.config.goals_frame())
    return {n: placement(card, plan, n) for n in results}


def execute_steps(client: str, client_root: Path, out_dir: Path, workbooks: Path = WORKBOOKS,
                  jobs: int | None = None) -> list[StepOutcome]:
    """Execute every step notebook for a client into ``out_dir`` (results recorded, nothing
    rendered): what the engagement report reads when the client has not been run yet."""
    from cxlib.steps import available_steps

    out_dir.mkdir(parents=True, exist_ok=True)
    todo = [StepJob(s, Path(workbooks) / s.notebook, client, Path(client_root).resolve(), out_dir.resolve(), {})
            for s in available_steps(workbooks)]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return _in_pool(pool, execute_step, [(job,) for job in todo])


def point_latest(client_reports: Path, run_id: str) -> None:
    """Re-point ``latest`` to ``run_id`` atomically (a relative symlink)."""
    tmp = client_reports / f".latest.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(run_id, target_is_directory=True)
    os.replace(tmp, client_reports / "latest")
