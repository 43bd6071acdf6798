"""``cx batch``: a consultancy's book of clients on a Dask cluster.

Each client is validated once, on a worker, and its validated data stays there as a Dask future:
the step tasks take that future, so the data travels between workers as the validated snapshot
(pickled frames), never as CSVs read again. One task per client and step executes the notebook and
one renders it, the engagement report after its client's steps, then the run folder is closed
exactly as ``cx run`` closes it (:func:`cxlib.engagement.runner.close_run`). Dask does the
scheduling: futures and their dependencies, retries of a task whose worker was lost, and one
``cx`` resource per worker slot, so that a worker runs no more reports at once than it has slots.

Inside a worker each task runs in a fork of the worker process (as ``cx run`` runs each report in a
fork), so no report can leave state behind for the next one on that worker. The workers must be
allowed to fork (``distributed.worker.daemon: False``): the local cluster sets it; a cluster of
your own is started as README's "Many clients" section says.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable

from cxlib.atomic import write_json
from cxlib.engagement.outcome import RunOutcome, StepOutcome
from cxlib.engagement.runner import candidate_ids, first_line
from cxlib.steps import ENGAGEMENT, STEPS, WORKBOOKS, Step

#: The worker resource each report task takes: a worker started with ``--resources cx=N`` runs N
#: reports at once (one per core is right: each is one busy process).
RESOURCE = "cx"
#: Attempts of a task whose worker died or was lost, after the first.
RETRIES = 2
#: How long to wait for a scheduler given with ``--scheduler`` to answer.
CONNECT_TIMEOUT = "10s"
#: Environment of every worker: one thread per matrix library, since the reports run side by side.
WORKER_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class BatchError(Exception):
    """The batch cannot start (no cluster, or a cluster that cannot run reports)."""


# --- on the workers --------------------------------------------------------------------------------
_READY = False


def _ready_worker() -> None:
    """Import and warm up once per worker process, so that each report's fork starts ready."""
    global _READY
    if _READY:
        return
    import multiprocessing

    if multiprocessing.current_process().daemon:
        raise BatchError("this Dask worker may not start processes: start it with "
                         "DASK_DISTRIBUTED__WORKER__DAEMON=False (see README, Many clients)")
    from cxlib.engagement.runner import _warm

    _warm()
    _READY = True


def validate_client(client: str, root: str):
    """Load and validate one client on a worker; the result stays there as the client's snapshot."""
    from cxlib.data import load_client

    return load_client(client, root)


def validation_summary(data) -> dict:
    """What the scheduler needs to know of a validated client (small: it comes back)."""
    return {"ok": bool(data.ok), "errors": [str(p) for p in data.errors][:3], "count": len(data.errors)}


def plan_task(data, steps: list[int], reports_root: str, workbooks: str, reserved: tuple):
    """List the client's reports, in the run folder reserved for it (:func:`run_batch` reserves it
    where it can remove it again if the batch is stopped before the run starts)."""
    from cxlib.engagement.runner import plan_run
    from cxlib.steps import parse_steps

    return plan_run(data, parse_steps(",".join(map(str, steps)), Path(workbooks)), reports_root=Path(reports_root),
                    workbooks=Path(workbooks), reserved=reserved)


def execute_task(batch: str, data, job, *after) -> StepOutcome:
    """Execute one report's notebook in a fork of this worker (``after``: the tasks it waits for)."""
    return _in_fork(batch, data, ("execute", job))


def render_task(batch: str, data, job, executed: StepOutcome, placements: dict | None) -> StepOutcome:
    """Render one executed report, its cover placing it in the engagement when ``placements``."""
    from cxlib.engagement.runner import _placed

    return _in_fork(batch, data, ("render", _placed(job, placements or {}), executed))


def export_task(batch: str, data, folder: str, *rendered: StepOutcome) -> dict:
    """Write the run's exports from the reports rendered (those the client gets), in a fork."""
    return _in_fork(batch, data, ("export", Path(folder), tuple(o.step for o in rendered if o.ok), data))


def placements_task(data, *executed: StepOutcome) -> dict:
    """Each step's place in the engagement, for its cover (empty when it cannot be said)."""
    from cxlib.engagement.runner import _placements

    try:
        return _placements(data, list(executed))
    except Exception:  # a cover line is never worth a run, as in cx run
        return {}


def record_task(data, run_dir: str) -> None:
    """Remember the finished run's figures in the client's history of waves."""
    from cxlib.engagement.runner import record_wave

    record_wave(data, Path(run_dir))


# The forks each batch has running on this worker, and the batches stopped: a worker may serve
# several batches (a shared cluster), and stopping one must not touch the others.
_FORKS: dict[str, set] = {}
_STOPPED: set[str] = set()


def stop_reports(batch: str) -> int:
    """Stop the reports ``batch`` is running on this worker (its forks and anything they started),
    and start no other of its reports here; the tasks end at once, as failed. Run on every worker
    when the batch is interrupted."""
    import psutil

    from cxlib.engagement.workers import end

    _STOPPED.add(batch)
    victims = []
    for process in list(_FORKS.get(batch, ())):
        try:
            parent = psutil.Process(process.pid)
            victims += [parent, *parent.children(recursive=True)]
        except (psutil.Error, TypeError):
            pass
    end(victims, grace=1.0)
    return len(victims)


def _in_fork(batch: str, data, call: tuple):
    from cxlib.data.load import validated
    from cxlib.engagement.runner import _task, failed_task
    from cxlib.engagement.workers import run_forked

    if batch in _STOPPED:  # the batch was stopped while this task waited for its turn
        return failed_task(call, "stopped with the batch")
    _ready_worker()
    forks = _FORKS.setdefault(batch, set())
    started = []

    def register(process):
        started.append(process)
        forks.add(process)
        if batch in _STOPPED:  # stopped between the check above and this fork
            from cxlib.engagement.workers import stop

            stop([process])

    try:
        with validated(data):
            return run_forked(_task, [call], 1, failed=failed_task, on_fork=register)[0]
    finally:
        forks.difference_update(started)


# --- on the machine that asks ------------------------------------------------------------------------
@dataclass
class ClientRun:
    """One client's part of the batch, as the summary shows it."""

    client: str
    status: str = "queued"  # ok, failed, invalid, interrupted
    run_dir: str | None = None
    seconds: float = 0.0
    error: str | None = None
    steps: list[StepOutcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class BatchOutcome:
    batch_id: str
    summary_path: Path
    clients: list[ClientRun]
    seconds: float
    interrupted: str | None = None

    @property
    def ok(self) -> bool:
        return self.interrupted is None and all(c.status == "ok" for c in self.clients)


def batch_id(reports_root: Path, now: dt.datetime) -> tuple[str, Path]:
    """A batch id of its own (the start second, "-2"… when taken) and its summary's path."""
    reports_root.mkdir(parents=True, exist_ok=True)
    for name in candidate_ids(now):
        path = reports_root / f"batch-{name}.json"
        try:
            with open(path, "x", encoding="utf-8") as claim:  # only one batch can create it
                claim.write("{}")
            return name, path
        except FileExistsError:
            continue
    raise RuntimeError(f"no free batch id in {reports_root} for {now:%Y%m%d-%H%M%S}")


def run_batch(clients: list[str], *, root: Path, reports_root: Path, steps: list[Step] | None = None,
              scheduler: str | None = None, workers: int | None = None, workbooks: Path = WORKBOOKS,
              on_client: Callable[[ClientRun], None] | None = None) -> BatchOutcome:
    """Run every client's engagement on a Dask cluster.

    Parameters
    ----------
    clients : client folder names under ``root``.
    root : the folder of the client folders (on a file system the workers share).
    reports_root : where run folders and the batch summary go (shared too).
    steps : the steps to run (default all seven, and so the engagement report).
    scheduler : the address of a running Dask scheduler (``tcp://host:8786``); default a local
        cluster on this machine.
    workers : with the local cluster, its workers (default: the number of cores).
    workbooks : the folder of the step notebooks (shared with the workers).
    on_client : called here as each client's run is closed.

    Returns
    -------
    BatchOutcome
        Each client's run; the summary is also written to ``reports_root/batch-<id>.json``. On
        SIGINT or SIGTERM the queued tasks are cancelled, the workers stopped, and every client's
        finished reports kept in its run folder, marked interrupted.
    """
    from cxlib.engagement.runner import Interrupted, _StopOnSignals

    steps = list(steps or STEPS)
    reports_root, root = Path(reports_root).resolve(), Path(root).resolve()
    started = dt.datetime.now()
    clock = time.perf_counter()
    name, summary_path = batch_id(reports_root, started)
    runs = {c: ClientRun(c) for c in clients}
    book = _Book(runs, steps, root, reports_root, Path(workbooks).resolve(), name, on_client)
    stopped = None
    with _StopOnSignals() as signals:
        book.signals = signals
        try:
            with _cluster(scheduler, workers) as client:
                book.client = client
                try:
                    book.run()
                except Interrupted as exc:
                    stopped = str(exc)
                    signals.disarm()
                    book.cancel()
        except Interrupted as exc:  # while the cluster was starting or stopping
            stopped = stopped or str(exc)
        signals.disarm()
    if stopped:
        book.close_interrupted(stopped)
    outcome = BatchOutcome(name, summary_path, list(runs.values()), round(time.perf_counter() - clock, 1), stopped)
    write_json(summary_path, _summary(outcome, started, scheduler, workers, steps))
    return outcome


class _Book:
    """The batch's futures, per client, and what each client's run has come to."""

    def __init__(self, runs: dict[str, ClientRun], steps: list[Step], root: Path, reports_root: Path,
                 workbooks: Path, name: str, on_client):
        self.runs, self.steps, self.root, self.reports_root = runs, steps, root, reports_root
        self.workbooks = workbooks
        self.name, self.on_client = name, on_client
        self.client = None
        self.plans: dict[str, object] = {}
        self.renders: dict[str, list] = {}
        self.clocks: dict[str, float] = {}
        self.futures: dict[str, list] = {}  # client -> the futures it still holds
        self.kinds: dict[str, tuple[str, str]] = {}  # future key -> (what it is, client)
        self.done: dict[str, dict[str, StepOutcome]] = {}  # client -> render key -> its outcome, kept here
        self.exports: dict[str, object] = {}  # client -> its exports' future
        self.exported: dict[str, dict] = {}  # client -> what its exports wrote
        self.reserved: dict[str, Path] = {}  # client -> its run's hidden folder, once reserved
        self.signals = None  # the batch's signal handling (runner._StopOnSignals)
        self.closed: set[str] = set()

    def _submit(self, function, *args, key: str, owner: str, **options):
        future = self.client.submit(function, *args, key=f"{key}-{self.name}", pure=False, **options)
        self.futures.setdefault(owner, []).append(future)
        return future

    def _release(self, c: str, *futures) -> None:
        """Let go of a client's futures (all of them when none is named): a result Dask no longer
        holds for us is never computed again. That matters for the tasks that write: a worker
        lost after planning a run must not make Dask plan it again, in a second folder."""
        held = self.futures.get(c, [])
        for future in futures or list(held):
            future.release()
            held.remove(future)

    def _watch(self, future, pending, kind: str, c: str) -> None:
        self.kinds[future.key] = (kind, c)
        pending.add(future)

    def run(self) -> None:
        from distributed import as_completed

        pending = as_completed()
        data = {}
        for c in self.runs:
            self.clocks[c] = time.perf_counter()
            data[c] = self._submit(validate_client, c, str(self.root), key=f"validate-{c}", owner=c, retries=RETRIES)
            self._watch(self._submit(validation_summary, data[c], key=f"checked-{c}", owner=c), pending, "checked", c)
        for future in pending:
            kind, c = self.kinds[future.key]
            if kind == "checked":
                self._checked(future, c, data[c], pending)
            elif kind == "planned":
                self._planned(future, c, data[c], pending)
            else:
                if kind == "rendered":
                    self._rendered(future, c)
                else:
                    self._exported(future, c)
                # closed once every report's outcome and the exports are in here (a future can be
                # done before as_completed has handed it over)
                if c not in self.closed and len(self.done.get(c, {})) == len(self.renders[c]) and c in self.exported:
                    self._close(c, data[c])

    def _checked(self, future, c: str, data, pending) -> None:
        from cxlib.engagement.runner import reserve_run

        try:
            summary = future.result()
        except Exception as exc:
            self._finish(c, ClientRun(c, "invalid", error=first_line(f"{type(exc).__name__}: {exc}")))
            return
        finally:
            self._release(c, future)
        if not summary["ok"]:
            more = summary["count"] - len(summary["errors"])
            error = "; ".join(summary["errors"]) + (f" (and {more} more)" if more > 0 else "")
            self._finish(c, ClientRun(c, "invalid", error=error))
            return
        # reserved here, not on a worker: stopped before its plan comes back, the folder is removed
        client_reports = self.reports_root / c  # a valid client's folder is named as its slug
        client_reports.mkdir(parents=True, exist_ok=True)
        started = dt.datetime.now()
        run_id, partial = reserve_run(client_reports, started)
        self.reserved[c] = partial
        plan = self._submit(plan_task, data, [s.number for s in self.steps], str(self.reports_root),
                            str(self.workbooks), (run_id, partial, started), key=f"plan-{c}", owner=c)
        self._watch(plan, pending, "planned", c)

    def _planned(self, future, c: str, data, pending) -> None:
        try:
            plan = self.plans[c] = future.result()
        except Exception as exc:
            self._finish(c, ClientRun(c, "failed", error=first_line(f"{type(exc).__name__}: {exc}")))
            return
        finally:
            self._release(c, future)
        slot = {"resources": {RESOURCE: 1}, "retries": RETRIES, "owner": c}
        executed = [self._submit(execute_task, self.name, data, job, key=f"execute-{c}-{job.step.number}", **slot)
                    for job in plan.jobs]
        placements = self._submit(placements_task, data, *executed, key=f"placements-{c}", owner=c) \
            if plan.whole else None
        renders = [self._submit(render_task, self.name, data, job, done, placements,
                                key=f"render-{c}-{job.step.number}", **slot) for job, done in zip(plan.jobs, executed)]
        summary = None
        if plan.engagement is not None:
            summary = self._submit(execute_task, self.name, data, plan.engagement, *executed, key=f"execute-{c}-0",
                                   **slot)
            renders.append(self._submit(render_task, self.name, data, plan.engagement, summary, placements,
                                        key=f"render-{c}-0", **slot))
        self.renders[c] = renders
        self.exports[c] = self._submit(export_task, self.name, data, str(plan.partial), *renders,
                                       key=f"export-{c}", **slot)
        # what only feeds other tasks is theirs now: Dask keeps it while they need it, and a
        # result nobody needs any more is never computed again (a notebook executed twice)
        self._release(c, *executed, *([placements] if placements is not None else []),
                      *([summary] if summary is not None else []))
        for render in renders:
            self._watch(render, pending, "rendered", c)
        self._watch(self.exports[c], pending, "exported", c)

    def _rendered(self, future, c: str) -> None:
        """Keep a report's outcome here as soon as it is in (an interruption cancels the futures);
        a task Dask gave up on (its worker lost too often) is that report's failure."""
        step = next(s for f, s in zip(self.renders[c], self.plans[c].planned) if f.key == future.key)
        try:
            outcome = future.result()
        except Exception as exc:
            outcome = StepOutcome(step.number, step.title, "failed", 0.0, error={
                "cell": None, "error": f"the task failed on the cluster: {first_line(f'{type(exc).__name__}: {exc}')}"})
        self.done.setdefault(c, {})[future.key] = outcome

    def _exported(self, future, c: str) -> None:
        try:
            self.exported[c] = future.result()
        except Exception as exc:
            self.exported[c] = {"files": [], "errors": [
                f"the exports failed on the cluster: {first_line(f'{type(exc).__name__}: {exc}')}"]}
        self._release(c, future)

    def _outcomes(self, c: str) -> list[StepOutcome]:
        return list(self.done.get(c, {}).values())

    def _close(self, c: str, data) -> None:
        from cxlib.engagement.runner import close_run

        plan = self.plans[c]
        seconds = round(time.perf_counter() - self.clocks[c], 2)
        with self.signals.paused():  # a client's run is closed whole, or not at all
            self.closed.add(c)
            result = close_run(plan, self._outcomes(c), timings={"batch": seconds},
                               parameters=self._parameters(), exports=self.exported.get(c))
            record = self._submit(record_task, data, str(result.run_dir), key=f"record-{c}", owner=c)
            try:
                record.result()
            except Exception as exc:  # the reports stand; the summary says what went wrong
                result.notes.append(f"the history of waves was not updated: {first_line(str(exc))}")
            self._finish(c, _client_run(c, result, seconds))

    def _parameters(self) -> dict:
        return {"steps": [s.number for s in self.steps], "engine": "cx", "process": "batch",
                "batch": self.name}

    def _finish(self, c: str, run: ClientRun) -> None:
        self._release(c)  # the client is done: nothing of it may run again, its data can go
        self.runs[c] = run
        if self.on_client:
            self.on_client(run)

    def cancel(self) -> None:
        """Cancel what has not started, and stop this batch's reports running on every worker."""
        held = [f for futures in self.futures.values() for f in futures]
        if held:
            self.client.cancel(held, force=True)
        try:
            self.client.run(stop_reports, self.name, wait=True)
        except Exception:  # a worker that does not answer is stopped with the cluster
            pass

    def close_interrupted(self, stopped: str) -> None:
        """Close each started client's run with what it had finished, marked interrupted."""
        from cxlib.engagement.runner import close_run

        for c, run in self.runs.items():
            if run.status != "queued" or c in self.closed:
                continue
            if c not in self.plans:  # its plan had not come back: nothing of it had run
                if c in self.reserved:
                    shutil.rmtree(self.reserved[c], ignore_errors=True)
                self.runs[c] = ClientRun(c, "interrupted", error=f"stopped by {stopped} before it started")
                continue
            result = close_run(self.plans[c], self._outcomes(c), timings={}, parameters=self._parameters(),
                               stopped=stopped, exports=self.exported.get(c))
            self.runs[c] = _client_run(c, result, round(time.perf_counter() - self.clocks[c], 2))


def _client_run(c: str, result: RunOutcome, seconds: float) -> ClientRun:
    status = "interrupted" if result.interrupted else "ok" if result.ok and all(s.ok for s in result.steps) \
        else "failed"
    failed = next((s for s in result.steps if not s.ok), None)
    return ClientRun(c, status, str(result.run_dir) if result.kept else None, seconds,
                     failed.error["error"] if failed is not None and failed.error else None, result.steps,
                     list(result.notes))


class _cluster:
    """A Dask client on the given scheduler, or on a local cluster made (and closed) here."""

    def __init__(self, scheduler: str | None, workers: int | None):
        self.scheduler, self.workers = scheduler, workers
        self.cluster = self.client = self.scratch = self.config = None

    def __enter__(self):
        import logging

        import dask
        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as exc:
                raise BatchError(f"no Dask scheduler answers at {self.scheduler}: "
                                 f"{first_line(f'{type(exc).__name__}: {exc}')}") from None
            try:
                _check_resources(self.client)
            except BaseException:
                self.client.close()
                raise
            return self.client
        self.scratch = tempfile.mkdtemp(prefix="cx-batch-")
        # for the cluster's whole life: a worker the nanny restarts (after a crash) reads it again
        self.config = dask.config.set({"distributed.worker.daemon": False})
        try:
            self.cluster = LocalCluster(n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1,
                                        processes=True, dashboard_address=None, silence_logs=logging.ERROR,
                                        resources={RESOURCE: 1}, env=WORKER_ENV, local_directory=self.scratch)
            self.client = Client(self.cluster)
        except BaseException:  # stopped (or failed) while starting: whatever started is ended
            self.__exit__(None, None, None)
            raise
        return self.client

    def __exit__(self, *exc):
        import psutil

        from cxlib.engagement.workers import end

        workers = []  # the local workers' processes: whatever has not gone with the cluster is ended
        for nanny in (self.cluster.workers.values() if self.cluster is not None else ()):
            process = getattr(getattr(nanny, "process", None), "process", None)
            try:
                workers.append(psutil.Process(process.pid))
                workers += workers[-1].children(recursive=True)
            except (AttributeError, TypeError, psutil.Error):
                pass
        try:
            for part in (self.client, self.cluster):
                if part is not None:
                    try:
                        part.close(timeout=1.5)
                    except (TimeoutError, OSError):  # a worker slow to go: the cluster's end kills it
                        pass
        finally:
            end([w for w in workers if w.is_running()], grace=1.0)
            if self.config is not None:
                self.config.__exit__(None, None, None)
            if self.scratch:
                shutil.rmtree(self.scratch, ignore_errors=True)
        return False


def _check_resources(client) -> None:
    workers = client.scheduler_info().get("workers", {})
    if not workers:
        raise BatchError("the Dask scheduler has no workers yet; start some with `dask worker` (README)")
    if not any(w.get("resources", {}).get(RESOURCE) for w in workers.values()):
        raise BatchError(f"no Dask worker offers the {RESOURCE!r} resource; start workers with "
                         f"`--nthreads 1 --resources {RESOURCE}=1` (README, Many clients)")


def _summary(outcome: BatchOutcome, started: dt.datetime, scheduler: str | None, workers: int | None,
             steps: list[Step]) -> dict:
    """The batch summary as JSON: clients x reports, each with status, seconds and failing cell."""
    planned = [*steps, ENGAGEMENT] if [s.number for s in steps] == [s.number for s in STEPS] else steps
    return {
        "batch_id": outcome.batch_id,
        "started_at": started.isoformat(timespec="seconds"),
        "duration_s": outcome.seconds,
        "status": "interrupted" if outcome.interrupted else "ok" if outcome.ok else "failed",
        **({"interrupted_by": outcome.interrupted} if outcome.interrupted else {}),
        "cluster": scheduler or f"local, {workers or os.cpu_count()} workers",
        "reports": [s.number for s in planned],
        "clients": [{**{k: v for k, v in asdict(replace(run, steps=[])).items() if k != "steps"},
                     "steps": [{"step": s.step, "title": s.title, "status": s.status, "seconds": s.duration_s,
                                "cell": (s.error or {}).get("cell"), "error": (s.error or {}).get("error")}
                               for s in run.steps]}
                    for run in outcome.clients],
    }
