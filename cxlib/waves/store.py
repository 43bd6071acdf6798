"""The client's history: every wave remembered in one small table store,
``reports/<client>/history.sqlite`` (the standard library's sqlite3).

A wave is the client's reporting period. Each recorded run writes, for its wave, the run (id, time,
status), the survey's headline figures (NPS with its answers and its promoter and detractor counts,
so a change can be tested; CSAT; CES), each step's score, maturity, record, findings' figures and
KPIs (each with the finding figure its value is taken from, where one is recognised:
:func:`cxlib.waves.wave.kpi_source`), and the roadmap's initiatives with their KPI. Running a wave
again replaces that wave's rows (the latest run of a wave wins), except that a step the new run did
not finish keeps the wave's earlier good record of that step when, and only when, the run that
wrote it read the very same input files (the manifest's checksums); the roadmap is rebuilt from the
records so kept. Every run recorded is also listed in ``runs``, with its inputs' checksums and the
steps it set out to run.

Tables: ``runs``, ``waves``, ``headline``, ``steps``, ``figures``, ``kpis``, ``initiatives``; a wave
is keyed by ``period_start`` and ``period_end`` (ISO dates).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pandas as pd

from cxlib import wording
from cxlib.metrics.nps import nps_from_counts
from cxlib.metrics.portfolio import Headline
from cxlib.metrics.satisfaction import CesResult, CsatResult
from cxlib.report.record import StepResult
from cxlib.report.verdict import Kpi
from cxlib.steps import STEPS, WORKBOOKS
from cxlib.summary.roadmap import Initiative
from cxlib.waves.wave import KpiSource, Wave, kpi_source, kpi_sources, sample_size, wave_of

#: The store's file name, in the client's reports folder.
STORE_NAME = "history.sqlite"
#: The project's reports folder, where ``cx run`` writes and the notebooks look by default.
REPORTS_ROOT = WORKBOOKS.parent / "reports"
SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY, period_start TEXT NOT NULL, period_end TEXT NOT NULL, wave TEXT NOT NULL,
    client TEXT, started_at TEXT, finished_at TEXT, recorded_at TEXT NOT NULL, status TEXT NOT NULL,
    steps_recorded TEXT NOT NULL, steps_run TEXT, inputs TEXT);
CREATE TABLE IF NOT EXISTS waves (
    period_start TEXT NOT NULL, period_end TEXT NOT NULL, wave TEXT NOT NULL, client TEXT,
    run_id TEXT NOT NULL, run_at TEXT, status TEXT NOT NULL, steps_run TEXT,
    PRIMARY KEY (period_start, period_end));
CREATE TABLE IF NOT EXISTS headline (
    period_start TEXT NOT NULL, period_end TEXT NOT NULL, metric TEXT NOT NULL, value REAL NOT NULL,
    low REAL, high REAL, n INTEGER NOT NULL, promoters INTEGER, detractors INTEGER, share_easy REAL,
    PRIMARY KEY (period_start, period_end, metric));
CREATE TABLE IF NOT EXISTS steps (
    period_start TEXT NOT NULL, period_end TEXT NOT NULL, step INTEGER NOT NULL, run_id TEXT NOT NULL,
    title TEXT, score REAL, maturity TEXT, coverage REAL, result TEXT NOT NULL,
    PRIMARY KEY (period_start, period_end, step));
CREATE TABLE IF NOT EXISTS figures (
    period_start TEXT NOT NULL, period_end TEXT NOT NULL, step INTEGER NOT NULL, finding INTEGER NOT NULL,
    quantity TEXT NOT NULL, value REAL NOT NULL, unit TEXT, population TEXT, low REAL, high REAL, n INTEGER);
CREATE TABLE IF NOT EXISTS kpis (
    period_start TEXT NOT NULL, period_end TEXT NOT NULL, step INTEGER NOT NULL, priority INTEGER NOT NULL,
    theme TEXT, metric TEXT NOT NULL, baseline REAL, target REAL, unit TEXT, basis TEXT,
    higher_is_better INTEGER, source_finding INTEGER, source_quantity TEXT, source_unit TEXT, source_n INTEGER);
CREATE TABLE IF NOT EXISTS initiatives (
    period_start TEXT NOT NULL, period_end TEXT NOT NULL, rank INTEGER NOT NULL, theme TEXT NOT NULL,
    name TEXT NOT NULL, owner TEXT, steps TEXT, actions TEXT, why TEXT, impact TEXT, effort TEXT,
    start_quarter INTEGER, end_quarter INTEGER, kpi_metric TEXT, kpi_baseline REAL, kpi_target REAL,
    kpi_unit TEXT, kpi_basis TEXT, kpi_higher_is_better INTEGER,
    PRIMARY KEY (period_start, period_end, rank));
"""
_WAVE_TABLES = ("waves", "headline", "steps", "figures", "kpis", "initiatives")
#: Columns added since the first schema: table -> (column, type), added to an older store when written.
_ADDED = {"runs": (("steps_run", "TEXT"), ("inputs", "TEXT")), "waves": (("steps_run", "TEXT"),),
          "kpis": (("source_finding", "INTEGER"), ("source_quantity", "TEXT"), ("source_unit", "TEXT"),
                   ("source_n", "INTEGER"))}


def client_folder(data) -> str:
    """The name of a client's folder under the reports root, by the rule ``cx run`` writes its
    run folders with: the slug of client.yml when the client's folder carries it, else the folder's
    own name (so two folders of one slug never share their reports)."""
    return data.config.slug if data.root.name == data.config.slug else data.root.name


def store_path(client: str, reports_root: str | os.PathLike) -> Path:
    """Where the history of ``client`` (its folder name under the reports root, :func:`client_folder`)
    is kept: ``<reports_root>/<client>/history.sqlite``."""
    return Path(reports_root) / client / STORE_NAME


def find_store(client: str, history_path: str | os.PathLike | None = None) -> Path | None:
    """The history a notebook reads: ``history_path`` when given (``cx run`` gives it), else the
    store under ``$CX_REPORTS`` or the project's ``reports/``, the first that exists (as the
    engagement report finds the latest run); None when the client has none yet."""
    if history_path:
        return Path(history_path)
    for root in (os.environ.get("CX_REPORTS"), REPORTS_ROOT):
        if root and store_path(client, root).is_file():
            return store_path(client, root)
    return None


def history(client: str, history_path: str | os.PathLike | None = None) -> tuple[Wave, ...]:
    """Every wave recorded for ``client``, oldest first (:func:`find_store`, :func:`read_waves`);
    none when there is no store yet."""
    store = find_store(client, history_path)
    return read_waves(store) if store is not None else ()


@contextmanager
def _connect(store: Path, *, write: bool) -> Iterator[sqlite3.Connection]:
    if write:
        store.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(store, timeout=30)
    else:
        conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=30)
    with closing(conn):
        conn.row_factory = sqlite3.Row
        yield conn


def _ensure_schema(conn: sqlite3.Connection) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RuntimeError(f"the history store was written by a newer cxlib (schema {version}); update cxlib")
    conn.executescript(_SCHEMA)
    if version < SCHEMA_VERSION:
        for table, columns in _ADDED.items():
            have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            for name, kind in columns:
                if name not in have:
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
        _backfill_sources(conn)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _backfill_sources(conn: sqlite3.Connection) -> None:
    """Give the KPIs of a store written before they carried their source the figure each is taken
    from, out of the step records the store keeps."""
    for row in conn.execute("SELECT period_start, period_end, step, result FROM steps").fetchall():
        result = StepResult.from_dict(json.loads(row["result"]))
        for rec in result.recommendations:
            source = kpi_source(row["step"], result, rec.kpi) if rec.kpi is not None else None
            if source is not None:
                conn.execute("UPDATE kpis SET source_finding = ?, source_quantity = ?, source_unit = ?, source_n = ? "
                             "WHERE period_start = ? AND period_end = ? AND step = ? AND priority = ?",
                             (source.finding, source.quantity, source.unit, source.n, row["period_start"],
                              row["period_end"], row["step"], rec.priority))


# --- writing ------------------------------------------------------------------------------------
def _manifest(run_dir: Path) -> dict:
    path = run_dir / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _inputs(manifest: dict) -> dict | None:
    """The run's input files and their checksums (file -> SHA-256), None when the manifest has none."""
    found = (manifest.get("inputs") or {}).get("sha256")
    return dict(found) if isinstance(found, dict) else None


def _steps_run(manifest: dict, fresh: dict[int, StepResult]) -> set[int]:
    """The steps 1-7 the run set out to run, finished or not (the manifest's steps; the records it
    left when the manifest does not list them)."""
    listed = {s.get("step") for s in manifest.get("steps", [])} & {s.number for s in STEPS}
    return listed if "steps" in manifest else set(fresh)


def _numbers(text: str | None) -> set[int]:
    return {int(n) for n in (text or "").split(",") if n.strip()}


def _good_results(run_dir: Path, manifest: dict) -> dict[int, StepResult]:
    """The step records of a run that finished: a step the manifest marks failed is left out, even
    when its notebook wrote a record before the failure."""
    from cxlib.report.record import read_result

    status = {s.get("step"): s.get("status") for s in manifest.get("steps", [])}
    found = {}
    for step in STEPS:
        path = run_dir / f"{step.slug}.result.json"
        if path.is_file() and status.get(step.number, "ok") == "ok":
            found[step.number] = read_result(path)
    return found


def record_run(store: str | os.PathLike, data, run_dir: str | os.PathLike) -> None:
    """Record a finished run folder as its wave in the client's history.

    Parameters
    ----------
    store : the client's store (:func:`store_path`); made when missing.
    data : the client the run read (:class:`cxlib.data.ClientData`, validated): the wave is its
        ``period``, and the headline figures are computed from its survey.
    run_dir : the run folder (``reports/<client>/<run-id>/``) with its ``manifest.json`` and each
        step's ``NN_*.result.json``.

    The wave's rows are replaced by this run's, except that a step this run did not finish keeps
    the wave's earlier record of it when the run that wrote that record read the same input files
    (``manifest.json``'s ``inputs.sha256``, file by file); a record of other inputs, or of a run whose
    inputs are not known, is dropped. The roadmap is rebuilt from the wave's records so kept, and the
    wave remembers the steps its runs on these inputs set out to run.
    """
    store, run_dir = Path(store), Path(run_dir)
    manifest = _manifest(run_dir)
    run_id = manifest.get("run_id") or run_dir.name
    fresh = _good_results(run_dir, manifest)
    inputs = _inputs(manifest)
    attempted = _steps_run(manifest, fresh)
    period = data.config.period
    key = (period.start.isoformat(), period.end.isoformat())
    with _connect(store, write=True) as conn, conn:
        _ensure_schema(conn)
        same_inputs = {row["run_id"]: _numbers(row["steps_run"]) for row in conn.execute(
            "SELECT run_id, inputs, steps_run FROM runs WHERE period_start = ? AND period_end = ? AND run_id != ?",
            (*key, run_id)) if inputs is not None and row["inputs"] is not None and json.loads(row["inputs"]) == inputs}
        kept = {row["step"]: (StepResult.from_dict(json.loads(row["result"])), row["run_id"]) for row in conn.execute(
            "SELECT step, run_id, result FROM steps WHERE period_start = ? AND period_end = ?", key)
            if row["run_id"] in same_inputs}
        results = {step: result for step, (result, _) in kept.items()} | fresh
        runs = {step: run for step, (_, run) in kept.items()} | dict.fromkeys(fresh, run_id)
        status = manifest.get("status") or ("ok" if len(fresh) == len(STEPS) else "failed")
        wave = wave_of(data, results, run_id=run_id, run_at=manifest.get("started_at", ""), status=status,
                       step_runs=runs, steps_run=attempted.union(*same_inputs.values(), results))
        for table in _WAVE_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE period_start = ? AND period_end = ?", key)  # noqa: S608
        _write_wave(conn, key, wave)
        conn.execute("INSERT OR REPLACE INTO runs (run_id, period_start, period_end, wave, client, started_at, "
                     "finished_at, recorded_at, status, steps_recorded, steps_run, inputs) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (run_id, *key, wave.label, wave.client, manifest.get("started_at"),
                      manifest.get("finished_at"), dt.datetime.now().isoformat(timespec="seconds"), status,
                      _listed(fresh), _listed(attempted), json.dumps(inputs, sort_keys=True) if inputs is not None
                      else None))


def _listed(steps) -> str:
    return ",".join(str(s) for s in sorted(steps))


def _write_wave(conn: sqlite3.Connection, key: tuple[str, str], wave: Wave) -> None:
    conn.execute("INSERT INTO waves (period_start, period_end, wave, client, run_id, run_at, status, steps_run) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (*key, wave.label, wave.client, wave.run_id, wave.run_at, wave.status,
                  _listed(wave.steps_run) if wave.steps_run is not None else None))
    head = wave.headline
    if head is not None:
        if head.nps is not None:
            conn.execute("INSERT INTO headline VALUES (?, ?, 'nps', ?, ?, ?, ?, ?, ?, NULL)",
                         (*key, head.nps.score, head.nps.low, head.nps.high, head.nps.n, head.nps.promoters,
                          head.nps.detractors))
        if head.csat is not None:
            conn.execute("INSERT INTO headline VALUES (?, ?, 'csat', ?, ?, ?, ?, NULL, NULL, NULL)",
                         (*key, head.csat.share, head.csat.low, head.csat.high, head.csat.n))
        if head.ces is not None:
            conn.execute("INSERT INTO headline VALUES (?, ?, 'ces', ?, ?, ?, ?, NULL, NULL, ?)",
                         (*key, head.ces.mean, _real(head.ces.low), _real(head.ces.high), head.ces.n,
                          head.ces.share_easy))
    for step, result in sorted(wave.results.items()):
        conn.execute("INSERT INTO steps VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (*key, step, wave.step_runs.get(step, wave.run_id), result.title, result.score,
                      result.maturity, result.coverage, json.dumps(result.to_dict(), default=str)))
        for i, finding in enumerate(result.findings, 1):
            for fig in finding.figures:
                conn.execute("INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (*key, step, i, fig.quantity, fig.value, fig.unit, fig.population, fig.low, fig.high,
                              sample_size(fig.population)))
        for rec in result.recommendations:
            if rec.kpi is not None:
                k = rec.kpi
                source = next((s for s in wave.sources if s.step == step and s.belongs_to(k)), None)
                conn.execute("INSERT INTO kpis VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (*key, step, rec.priority, rec.theme, k.metric, k.baseline, k.target, k.unit, k.basis,
                              int(k.higher_is_better), *((source.finding, source.quantity, source.unit, source.n)
                                                         if source else (None,) * 4)))
    for rank, item in enumerate(wave.initiatives, 1):
        k = item.kpi
        conn.execute("INSERT INTO initiatives VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (*key, rank, item.theme, item.name, item.owner, json.dumps(list(item.steps)),
                      json.dumps([list(a) for a in item.actions]), item.why, item.impact, item.effort, item.start,
                      item.end, k.metric if k else None, k.baseline if k else None, k.target if k else None,
                      k.unit if k else None, k.basis if k else None, int(k.higher_is_better) if k else None))


def _real(value: float) -> float | None:
    return None if value != value else value  # NaN (one CES answer: no interval) is stored as NULL


# --- reading ------------------------------------------------------------------------------------
def read_waves(store: str | os.PathLike) -> tuple[Wave, ...]:
    """Every wave in the store, oldest period first; none when the store does not exist."""
    store = Path(store)
    if not store.is_file():
        return ()
    with _connect(store, write=False) as conn:
        if conn.execute("SELECT name FROM sqlite_master WHERE name = 'waves'").fetchone() is None:
            return ()
        return tuple(_read_wave(conn, row) for row in conn.execute(
            "SELECT * FROM waves ORDER BY period_start, period_end").fetchall())


def _read_wave(conn: sqlite3.Connection, row: sqlite3.Row) -> Wave:
    key = (row["period_start"], row["period_end"])
    where = "WHERE period_start = ? AND period_end = ?"
    figures = {r["metric"]: r for r in conn.execute(f"SELECT * FROM headline {where}", key)}  # noqa: S608
    steps = conn.execute(f"SELECT step, run_id, result FROM steps {where} ORDER BY step", key).fetchall()  # noqa: S608
    initiatives = conn.execute(f"SELECT * FROM initiatives {where} ORDER BY rank", key).fetchall()  # noqa: S608
    results = {s["step"]: StepResult.from_dict(json.loads(s["result"])) for s in steps}
    return Wave(label=row["wave"], start=dt.date.fromisoformat(key[0]), end=dt.date.fromisoformat(key[1]),
                client=row["client"] or "", run_id=row["run_id"], run_at=row["run_at"] or "", status=row["status"],
                headline=_headline(figures),
                results=results, step_runs={s["step"]: s["run_id"] for s in steps},
                initiatives=tuple(_initiative(r) for r in initiatives), sources=_sources(conn, key, results),
                steps_run=frozenset(_numbers(row["steps_run"])) if "steps_run" in row.keys()
                and row["steps_run"] is not None else None)


def _sources(conn: sqlite3.Connection, key: tuple[str, str], results: dict[int, StepResult]) -> tuple[KpiSource, ...]:
    """The wave's KPI sources as recorded; worked out from its records in a store written before
    they were recorded (read-only, it is not migrated)."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(kpis)")}
    if "source_quantity" not in have:
        return kpi_sources(results)
    found = []
    for r in conn.execute("SELECT * FROM kpis WHERE period_start = ? AND period_end = ? AND source_quantity IS NOT NULL "
                          "ORDER BY step, priority", key):
        source = KpiSource(r["metric"], r["baseline"], r["step"], r["source_finding"], r["source_quantity"],
                           r["source_unit"] or "", r["source_n"])
        if source not in found:
            found.append(source)
    return tuple(found)


def _headline(rows: dict[str, sqlite3.Row]) -> Headline | None:
    if not rows:
        return None
    nps = rows.get("nps")
    csat = rows.get("csat")
    ces = rows.get("ces")
    nan = float("nan")
    return Headline(
        nps=nps_from_counts(nps["n"], nps["promoters"], nps["detractors"]) if nps else None,
        csat=CsatResult(share=csat["value"], low=csat["low"], high=csat["high"], n=csat["n"], level=0.95)
        if csat else None,
        ces=CesResult(mean=ces["value"], low=nan if ces["low"] is None else ces["low"],
                      high=nan if ces["high"] is None else ces["high"], share_easy=ces["share_easy"], n=ces["n"])
        if ces else None)


def _initiative(row: sqlite3.Row) -> Initiative:
    kpi = None if row["kpi_metric"] is None else Kpi(
        row["kpi_metric"], row["kpi_baseline"], row["kpi_target"], row["kpi_unit"] or "", row["kpi_basis"] or "",
        bool(row["kpi_higher_is_better"]))
    return Initiative(theme=row["theme"], name=row["name"], owner=row["owner"] or "",
                      steps=tuple(json.loads(row["steps"] or "[]")),
                      actions=tuple(tuple(a) for a in json.loads(row["actions"] or "[]")), why=row["why"] or "",
                      impact=row["impact"], effort=row["effort"], start=row["start_quarter"], end=row["end_quarter"],
                      kpi=kpi)


def history_table(store: str | os.PathLike) -> pd.DataFrame:
    """One row per wave, oldest first, as ``cx history`` prints it: the period, the run, NPS with its
    answers, CSAT, CES and the seven steps' scores, each printed the way the reports print it ("–"
    where a wave has no figure)."""
    rows = []
    for wave in read_waves(store):
        head = wave.headline or Headline(None, None, None)
        row = {"Wave": wave.label, "Run": wave.run_id,
               "NPS": wording.number(head.nps.score, "points") if head.nps else wording.DASH,
               "NPS answers": f"{head.nps.n:,}" if head.nps else wording.DASH,
               "CSAT (4-5 of 5)": wording.number(head.csat.share, "%") if head.csat else wording.DASH,
               "CES (1-7)": wording.decimal(head.ces.mean) if head.ces else wording.DASH}
        for step in STEPS:
            result = wave.results.get(step.number)
            row[step.short] = (wording.score(result.score) if result is not None and result.score is not None
                               else wording.DASH)
        rows.append(row)
    return pd.DataFrame(rows, columns=["Wave", "Run", "NPS", "NPS answers", "CSAT (4-5 of 5)", "CES (1-7)",
                                       *(s.short for s in STEPS)])
