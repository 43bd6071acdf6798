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
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Callable

from cxlib import wording
from cxlib.data import ClientData
from cxlib.data.load import validated
from cxlib.engagement.manifest import build_manifest, client_facts, write_manifest
from cxlib.engagement.outcome import RunOutcome, StepOutcome
from cxlib.engagement.workers import run_forked
from cxlib.summary.placement import placement
from cxlib.waves.store import STORE_NAME, client_folder
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
    history: Path | None = None  # the client's history of waves (read by the reports; may not exist yet)


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
    parameters = {"client": job.client, "client_root": str(job.client_root),
                  "history_path": str(job.history) if job.history else None}
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
            "source": first_line(exc.source), "error": f"{exc.ename}: {first_line(exc.evalue)}",
        }
    except Exception as exc:  # the kernel died or the notebook is unreadable: record, don't crash the run
        outcome.error = {"cell": None, "error": f"{type(exc).__name__}: {first_line(str(exc))}"}
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
                                                f"{first_line(str(exc))}"}
    outcome.stages["render"] = round(time.perf_counter() - start, 2)
    outcome.duration_s = round(outcome.duration_s + outcome.stages["render"], 2)
    return outcome


#: What a run folder gives besides the reports, once its notebooks are executed.
EXPORTS = ("tables.xlsx", "engagement.pptx")


def export_run(data: ClientData, folder: Path, *, reports: tuple[int, ...]) -> dict:
    """Write the run's exports from the reports the client gets (``reports``: the numbers of those
    rendered, 0 the engagement report): their tables as ``tables.xlsx``, and with the engagement
    report its story as ``engagement.pptx``.

    Returns
    -------
    dict
        ``files`` (the names written) and ``errors`` (one line each); an export that fails is said,
        never hidden, and fails the run as a report would.
    """
    from cxlib.exports import write_deck, write_tables

    cfg = data.config
    makers = {"tables.xlsx": lambda: write_tables(folder, internal_pages=cfg.internal_pages, locale=cfg.locale,
                                                  client_name=cfg.name, reports=reports)}
    if ENGAGEMENT.number in reports:
        makers["engagement.pptx"] = lambda: write_deck(data, folder)
    made, errors = [], []
    for name, make in makers.items():
        try:
            path = make()
        except Exception as exc:
            errors.append(f"{name} failed: {type(exc).__name__}: {first_line(str(exc))}")
            continue
        if path is not None:
            made.append(Path(path).name)
    return {"files": made, "errors": errors}


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


def first_line(text: str | None) -> str:
    """The first non-blank line of a message, at most 200 characters (for one-line errors)."""
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


def candidate_ids(now: dt.datetime):
    """The ids a run (or a batch) starting at ``now`` may take, in order: the start time to the
    second, then with "-2", "-3"… for those that find it taken."""
    base = now.strftime("%Y%m%d-%H%M%S")
    yield base
    for n in range(2, 10_000):
        yield f"{base}-{n}"


def reserve_run(client_reports: Path, now: dt.datetime) -> tuple[str, Path]:
    """A run id of its own and its hidden folder, created here.

    The id is the start time to the second, with "-2", "-3"… when another run has that second:
    the folder is made with ``mkdir``, which only one of two runs starting together can make, so
    neither ever takes the other's id.
    """
    for run_id in candidate_ids(now):
        if (client_reports / run_id).exists():
            continue
        partial = client_reports / f".{run_id}.partial"
        try:
            partial.mkdir()
        except FileExistsError:
            continue
        if (client_reports / run_id).exists():  # finished between the two looks: not ours either
            partial.rmdir()
            continue
        return run_id, partial
    raise RuntimeError(f"no free run id in {client_reports} for {now:%Y%m%d-%H%M%S}")


class Interrupted(KeyboardInterrupt):
    """The run was asked to stop (SIGINT or SIGTERM). A KeyboardInterrupt, so that no ``except
    Exception`` on the way swallows it and the command line ends as on Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class _StopOnSignals:
    """While armed, SIGINT and SIGTERM interrupt the run (raise :class:`Interrupted` in the main
    thread, once); disarmed they are noted and ignored (the run completes: writing the manifest,
    renaming the folder take milliseconds); paused (:meth:`paused`) they are held until the pause
    ends. Only the main thread can take signals; elsewhere it does nothing."""

    def __init__(self):
        self.armed = False
        self.held: int | None = None
        self.previous: dict = {}

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            self.armed = True
            self.previous = {s: signal.signal(s, self._handler) for s in (signal.SIGINT, signal.SIGTERM)}
        return self

    def _handler(self, signum, frame):
        if self.armed:
            self.armed = False
            raise Interrupted(signum)
        self.held = self.held or signum

    def disarm(self) -> None:
        self.armed = False

    @contextmanager
    def paused(self):
        """Hold signals for the block (closing a client's run must not be cut in two); a signal
        that came meanwhile interrupts at its end."""
        armed, self.armed, self.held = self.armed, False, None
        try:
            yield
        finally:
            self.armed = armed
        if armed and self.held is not None:
            self.armed = False
            raise Interrupted(self.held)

    def __exit__(self, *exc):
        for s, h in self.previous.items():
            signal.signal(s, h)
        return False


@contextmanager
def _private_runtime_dir():
    """Kernels started for the run write their connection files (jupyter_client puts them in the
    temporary folder) in a folder of the run's own, removed with everything in it when the run
    ends, however it ends: a stopped kernel leaves nothing in /tmp."""
    import tempfile

    folder = tempfile.mkdtemp(prefix="cx-run-")
    names = ("JUPYTER_RUNTIME_DIR", "TMPDIR")
    before = {name: os.environ.get(name) for name in names}
    cached = tempfile.tempdir
    os.environ.update(dict.fromkeys(names, folder))
    tempfile.tempdir = folder
    try:
        yield
    finally:
        tempfile.tempdir = cached
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class RunPlan:
    """One client's run before it starts: its id, its hidden folder, and the reports it will make."""

    client_reports: Path
    run_id: str
    partial: Path
    started: dt.datetime
    jobs: tuple[StepJob, ...]
    engagement: StepJob | None  # the engagement report, when every step runs
    whole: bool  # every step runs: each cover places its step in the whole engagement
    facts: dict  # the client and its inputs, for the manifest (manifest.client_facts)

    @property
    def planned(self) -> list[Step]:
        return [j.step for j in self.jobs] + ([ENGAGEMENT] if self.engagement is not None else [])


def plan_run(data: ClientData, steps: list[Step], *, reports_root: Path, workbooks: Path = WORKBOOKS,
             engine: str = "cx", reserved: tuple[str, Path, dt.datetime] | None = None) -> RunPlan:
    """Reserve a run id and its hidden folder for a validated client, and list its reports.

    Parameters
    ----------
    data : the client, validated (a client with errors is refused).
    steps : the steps to run; with all seven, the engagement report is run too.
    reports_root : the folder of every client's run folders.
    workbooks : the folder of the step notebooks.
    engine : the papermill engine of each step (``"cx"`` or ``"nbclient"``).
    reserved : a run id, its folder and start time reserved already (:func:`reserve_run`; ``cx
        batch`` reserves where it can clean up after an interruption); else reserved here.
    """
    if not data.ok:
        raise ValueError("refusing to run on data with errors; run cx validate")
    client_reports = Path(reports_root) / client_folder(data)
    facts = client_facts(data)  # hashing the inputs takes a while: before the folder exists
    if reserved is None:
        client_reports.mkdir(parents=True, exist_ok=True)
        started = dt.datetime.now()
        run_id, partial = reserve_run(client_reports, started)
    else:
        run_id, partial, started = reserved
    cover = cover_for(data, started.date())
    jobs = tuple(StepJob(s, Path(workbooks) / s.notebook, data.root.name, data.root.parent.resolve(),
                         partial.resolve(), cover, engine, (client_reports / STORE_NAME).resolve())
                 for s in steps)
    whole = [s.number for s in steps] == [s.number for s in STEPS]
    engagement_nb = Path(workbooks) / ENGAGEMENT.notebook
    engagement = replace(jobs[0], step=ENGAGEMENT, notebook=engagement_nb) \
        if whole and engagement_nb.is_file() else None
    return RunPlan(client_reports, run_id, partial, started, jobs, engagement, whole, facts)


def close_run(plan: RunPlan, rendered: list[StepOutcome], *, parameters: dict, timings: dict,
              stopped: str | None = None, exports: dict | None = None) -> RunOutcome:
    """Write the manifest, give the run folder its name, and re-point ``latest`` when every report
    and export succeeded. After an interruption (``stopped``, the signal's name) the reports that
    had not finished are marked "interrupted" and their files removed; with none finished, no
    folder is kept at all. ``exports`` is what :func:`export_run` returned (None: it did not run
    or did not finish, and any file it had begun is removed)."""
    outcomes = _final_outcomes(plan.planned, rendered, plan.partial, stopped)
    exports = exports or {"files": [], "errors": []}
    for name in EXPORTS:
        if name not in exports["files"]:
            for leftover in (plan.partial / name, *plan.partial.glob(f".{name}.*.tmp")):
                leftover.unlink(missing_ok=True)
    final = plan.client_reports / plan.run_id
    if stopped is not None and not any(o.ok for o in outcomes):
        shutil.rmtree(plan.partial, ignore_errors=True)
        return RunOutcome(final, False, outcomes, interrupted=stopped, kept=False)
    manifest = build_manifest(plan.facts, plan.run_id, plan.started, dt.datetime.now(), parameters=parameters,
                              steps=[asdict(o) for o in outcomes], timings=timings, interrupted=stopped,
                              exports=exports)
    write_manifest(manifest, plan.partial / "manifest.json")
    plan.partial.rename(final)
    updated = stopped is None and all(o.ok for o in outcomes) and not exports["errors"]
    if updated:
        point_latest(plan.client_reports, plan.run_id)
    return RunOutcome(final, updated, outcomes, interrupted=stopped, exports=exports)


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
    deliverable stays one path away. On SIGINT or SIGTERM the queued reports never start, the
    running ones are stopped with whatever they started, and the finished reports are kept in the
    run folder, whose manifest says "interrupted" (``latest`` unchanged; no folder when none had
    finished).

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
    workers = max(1, jobs or os.cpu_count() or 1)
    rendered: list[StepOutcome] = []
    exported: dict = {}
    timings = dict(timings or {})
    stopped: Interrupted | None = None
    plan = None
    # From before the folder is reserved until the wave is recorded, a signal never leaves a
    # hidden folder or deletes a finished report: it stops the scheduling, or waits for the end.
    with _StopOnSignals() as signals:
        try:
            try:
                plan = plan_run(data, steps, reports_root=reports_root, workbooks=workbooks, engine=engine)
                with _private_runtime_dir():
                    clock = time.perf_counter()
                    _warm()
                    timings["prepare"] = round(time.perf_counter() - clock, 2)
                    with validated(data):
                        _schedule(data, list(plan.jobs), plan.engagement, plan.whole, workers,
                                  on_start, on_done, rendered, exported)
            except Interrupted as exc:
                stopped = exc
            signals.disarm()
            if plan is None:  # stopped before the folder existed: nothing to keep
                raise stopped
            timings["cpu"] = round(_cpu_seconds(), 2)
            return _remember(data, close_run(plan, rendered, timings=timings, stopped=stopped and str(stopped),
                                             exports=exported or None,
                                             parameters={"steps": [s.number for s in steps], "jobs": workers,
                                                         "engine": engine, "process": origin}))
        except BaseException:
            if plan is not None:
                shutil.rmtree(plan.partial, ignore_errors=True)
            raise


def record_wave(data: ClientData, run_dir: Path) -> None:
    """Remember a closed run's figures as its wave in the client's history (next to its run
    folders), where the next wave's reports find them."""
    from cxlib.waves.store import record_run

    record_run(Path(run_dir).parent / STORE_NAME, data, run_dir)


def _remember(data: ClientData, result: RunOutcome) -> RunOutcome:
    """Record a run that was not interrupted in the history of waves; a failure to do so is said,
    and the reports stand."""
    if result.interrupted is None:
        try:
            record_wave(data, result.run_dir)
        except Exception as exc:
            result.notes.append(f"the history of waves was not updated: {type(exc).__name__}: {first_line(str(exc))}")
    return result


def _final_outcomes(planned: list[Step], rendered: list[StepOutcome], folder: Path,
                    stopped: str | None) -> list[StepOutcome]:
    """Each planned report's outcome, in step order. After an interruption the reports that had not
    finished are marked "interrupted" and their partial files removed, so that what the folder
    holds is exactly what the manifest calls finished."""
    done = {o.step: o for o in rendered}
    outcomes = []
    for step in planned:
        if step.number in done:
            outcomes.append(done[step.number])
            continue
        if stopped is None:  # never the case when the scheduler ran to its end; said, not hidden
            outcomes.append(StepOutcome(step.number, step.title, "failed", 0.0,
                                        error={"cell": None, "error": "the report was not run"}))
            continue
        outcomes.append(StepOutcome(step.number, step.title, "interrupted", 0.0,
                                    error={"cell": None, "error": f"stopped by {stopped}"}))
        for leftover in folder.glob(f"{step.slug}.*"):
            if leftover.suffix != ".log":
                leftover.unlink(missing_ok=True)
    return sorted(outcomes, key=lambda o: o.step)


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
              on_start=None, on_done=None, rendered: list[StepOutcome] | None = None,
              exported: dict | None = None) -> list[StepOutcome]:
    """Execute the steps; once all are executed, render each and execute the engagement report
    (which reads them) side by side; render the engagement report and write the exports
    (:func:`export_run`) last. Every task is a fork of this process; a fork that fails or dies
    takes only its own report down. ``rendered`` and ``exported`` are the caller's: they keep
    what finished, should the run be interrupted."""
    executed: dict[int, StepOutcome] = {}
    rendered = [] if rendered is None else rendered
    exported = {} if exported is None else exported
    placed: dict[int, str] = {}
    folder = steps[0].out_dir

    def then(args, outcome):
        kind, job = args[0], args[1]
        if kind == "render":
            rendered.append(outcome)
            if len(rendered) < len(steps) + (engagement is not None):
                return []
            # the exports come last, from the reports the client gets: those rendered
            return [("export", folder, tuple(o.step for o in rendered if o.ok), data)]
        if kind == "export":
            exported.update(outcome)
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

    run_forked(_task, [("execute", job) for job in steps], jobs, failed=failed_task, then=then,
               on_start=(lambda args: on_start(args[1].step) if args[0] == "execute" else None) if on_start else None,
               on_done=(lambda args, outcome: on_done(outcome) if args[0] == "render" else None) if on_done else None)
    return rendered


def _task(kind: str, job, outcome=None, data: ClientData | None = None):
    if kind == "export":  # job is the run's folder, outcome the reports rendered
        return export_run(data, job, reports=outcome)
    return execute_step(job) if kind == "execute" else render_outcome(job, outcome)


def failed_task(args: tuple, message: str):
    """The result of a task (:func:`_task`'s arguments) whose process raised or died: the report
    fails, or the exports do, with the one-line reason."""
    if args[0] == "export":
        return {"files": [], "errors": [f"the exports failed: {message}"]}
    step = args[1].step
    return StepOutcome(step.number, step.title, "failed", 0.0, error={"cell": None, "error": message})


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
