"""``cx run``: execute step notebooks per client, render the reports, write the run folder.

This process validates the client once and imports what the notebooks and the renderer use once
(:func:`cxlib.engagement.engine.warm`); then each step is executed by papermill in a process forked
from it, with the in-process ``cx`` engine (no kernel to start, no file to read again), and each
report is rendered in another fork. ``engine="nbclient"`` runs each step on a real Jupyter kernel
instead, as JupyterLab does. The run folder is built under a hidden temporary name and renamed when
complete, so an interrupted or failed run never replaces an earlier good report.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Callable

from cxlib import wording
from cxlib.data import ClientData
from cxlib.data.load import validated
from cxlib.engagement.manifest import build_manifest, write_manifest
from cxlib.engagement.outcome import RunOutcome, StepOutcome
from cxlib.engagement.workers import run_forked
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
    engine: str = "cx"  # papermill engine: "cx" in this process's fork, "nbclient" on a Jupyter kernel


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
            str(job.notebook), str(executed), parameters=parameters, engine_name=_engine(job.engine),
            cwd=str(job.notebook.parent), progress_bar=False, log_output=False,
            report_mode=False, kernel_name="python3", language="python",
            request_save_on_cell_execute=job.engine != "cx",
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
    outcome.duration_s = outcome.stages["execute"] = round(time.perf_counter() - start, 2)
    return outcome


def _engine(name: str) -> str:
    """The papermill engine's name, registering ours first."""
    if name == "cx":
        from cxlib.engagement import engine

        return engine.ENGINE_NAME
    return name


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
    outcome.stages["render"] = round(time.perf_counter() - start, 2)
    outcome.duration_s = round(outcome.duration_s + outcome.stages["render"], 2)
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
    sys.stderr.flush()
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
    engine: str = "cx",
    timings: dict[str, float] | None = None,
    origin: str = "cold",
) -> RunOutcome:
    """Run ``steps`` for a validated client and write ``reports_root/<slug>/<run-id>/``.

    ``latest`` is re-pointed to the new run only when every step succeeded, so the last complete
    deliverable stays one path away.

    Parameters
    ----------
    data : the client, validated (a client with errors is refused).
    steps : the steps to run; with all seven, the engagement report is run and rendered too.
    reports_root : the folder of every client's run folders.
    jobs : processes at once (default: the number of cores).
    workbooks : the folder of the step notebooks.
    on_start, on_done : progress callbacks, called in this process.
    engine : ``"cx"`` (forks of this process) or ``"nbclient"`` (a Jupyter kernel per step).
    timings : seconds the caller spent before the run (e.g. ``{"validate": 1.2}``), for the manifest.
    origin : ``"cold"`` (this process imported and validated for this run) or ``"warm"`` (a warm
        process, :mod:`cxlib.engagement.warm`, had done both), for the manifest.
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
                        partial.resolve(), cover, engine) for s in steps]
    workers = max(1, jobs or os.cpu_count() or 1)
    whole = [s.number for s in steps] == [s.number for s in STEPS]
    engagement_nb = Path(workbooks) / ENGAGEMENT.notebook
    outcomes: list[StepOutcome] = []
    timings = dict(timings or {})
    try:
        clock = time.perf_counter()
        _warm()
        timings["prepare"] = round(time.perf_counter() - clock, 2)
        engagement = replace(job_list[0], step=ENGAGEMENT, notebook=engagement_nb) \
            if whole and engagement_nb.is_file() else None
        with validated(data):
            outcomes = _schedule(data, job_list, engagement, whole, workers, on_start, on_done)
        outcomes.sort(key=lambda o: o.step)
        timings["cpu"] = round(_cpu_seconds(), 2)
        manifest = build_manifest(data, run_id, started, dt.datetime.now(),
                                  parameters={"steps": [s.number for s in steps], "jobs": workers,
                                              "engine": engine, "process": origin},
                                  steps=[asdict(o) for o in outcomes], timings=timings)
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


def _cpu_seconds() -> float:
    """CPU time of this process and the forks it has waited for: the whole run's, when this
    process was made for it (a cold ``cx run``, or a warm process's fork for the run)."""
    import resource

    own, forks = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + forks.ru_utime + forks.ru_stime


def _warm() -> None:
    """Import and warm up once here, so that no fork does it again."""
    from cxlib.engagement import engine

    engine.warm()


def _schedule(data: ClientData, steps: list[StepJob], engagement: StepJob | None, whole: bool, jobs: int,
              on_start=None, on_done=None) -> list[StepOutcome]:
    """Execute the steps; once all are executed, render each and execute the engagement report
    (which reads them) side by side; render the engagement report last. Every task is a fork of
    this process; a fork that fails or dies takes only its own report down."""
    executed: dict[int, StepOutcome] = {}
    rendered: list[StepOutcome] = []
    placed: dict[int, str] = {}

    def then(args, outcome):
        kind, job = args[0], args[1]
        if kind == "render":
            rendered.append(outcome)
            return []
        executed[job.step.number] = outcome
        if job.step == ENGAGEMENT:
            return [("render", _placed(job, placed), outcome)]
        if len(executed) < len(steps):
            return []
        if whole:  # the covers place each step in the whole engagement
            try:
                placed.update(_placements(data, list(executed.values())))
            except Exception:  # a cover line is never worth a run: the covers go without it
                pass
        first = [("execute", engagement)] if engagement is not None else []
        return first + [("render", _placed(j, placed), executed[j.step.number]) for j in steps]

    def failed(args, message):  # the fork raised or died: the report fails with its one-line reason
        step = args[1].step
        return StepOutcome(step.number, step.title, "failed", 0.0, error={"cell": None, "error": message})

    run_forked(_task, [("execute", job) for job in steps], jobs, failed=failed, then=then,
               on_start=(lambda args: on_start(args[1].step) if args[0] == "execute" else None) if on_start else None,
               on_done=(lambda args, outcome: on_done(outcome) if args[0] == "render" else None) if on_done else None)
    return rendered


def _task(kind: str, job: StepJob, outcome: StepOutcome | None = None) -> StepOutcome:
    return execute_step(job) if kind == "execute" else render_outcome(job, outcome)


def _placed(job: StepJob, placed: dict[int, str]) -> StepJob:
    return replace(job, cover={**job.cover, "placement": placed.get(job.step.number, "")})


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
    rendered): what the engagement report reads when the client has not been run yet.

    It is called from a notebook, often on a JupyterLab kernel, whose threads must not be forked:
    each step runs on a kernel of its own, started from a fresh process.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from cxlib.steps import available_steps

    out_dir.mkdir(parents=True, exist_ok=True)
    todo = [StepJob(s, Path(workbooks) / s.notebook, client, Path(client_root).resolve(), out_dir.resolve(), {},
                    "nbclient") for s in available_steps(workbooks)]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(execute_step, todo))


def point_latest(client_reports: Path, run_id: str) -> None:
    """Re-point ``latest`` to ``run_id`` atomically (a relative symlink)."""
    tmp = client_reports / f".latest.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(run_id, target_is_directory=True)
    os.replace(tmp, client_reports / "latest")
