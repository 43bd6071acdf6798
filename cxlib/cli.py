"""``cx``: the consultant's command line (demo, validate, run, lab)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from cxlib.steps import ENGAGEMENT, STEPS, WORKBOOKS, parse_steps

if TYPE_CHECKING:
    from cxlib.data import ClientData

# pandas, pandera and the rest load inside the commands that need them: a run handed to the warm
# process (cx warm) must not wait for them.

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="CX Nirvana engagement workbook: validate a client's data, run the steps, "
                       "hand over the PDFs.")
console = Console(highlight=False)
err = Console(stderr=True, highlight=False)

ROOT_OPTION = typer.Option(Path("client_data"), "--root", help="Folder holding the client folders.")


def _fail(message: str) -> None:
    err.print(_line("error:", "bold red", message), soft_wrap=True)
    raise typer.Exit(1)


def _folder(client: str, root: Path) -> Path:
    """The client's folder under root, or a one-line error (outside the root, or not there)."""
    from cxlib.data import DataError, resolve_client_dir

    try:
        folder = resolve_client_dir(client, root)
    except DataError as exc:
        _fail(str(exc))
    if not folder.is_dir():
        _fail(f"no client folder {folder} (expected client.yml and datasets there)")
    return folder


def _load(client: str, root: Path) -> ClientData:
    from cxlib.config import ConfigError
    from cxlib.data import DataError, load_client

    _folder(client, root)
    try:
        return load_client(client, root)
    except (DataError, ConfigError, OSError) as exc:
        _fail(str(exc))


def _line(label: str, style: str, body: str) -> Text:
    """A problem line: the label styled, the text exactly as written (no console markup read in it)."""
    return Text.assemble((label, style), " ", body)


def print_validation(data: ClientData) -> None:
    """The datasets table, what was noticed about each file, and one line per problem group."""
    from cxlib.data import DATASETS
    from cxlib.data.problems import ordered

    table = Table(title=Text(f"Client data in {data.root}"), title_justify="left")
    for col, justify in (("dataset", "left"), ("file", "left"), ("found", "center"),
                         ("rows", "right"), ("errors", "right"), ("warnings", "right")):
        table.add_column(col, justify=justify)
    for dataset in DATASETS:
        path = data.files.get(dataset)
        frame = data.frames.get(dataset)
        probs = [p for p in data.problems if path is not None and p.file == path.name]
        n_err = sum(p.severity == "error" for p in probs)
        n_warn = len(probs) - n_err
        table.add_row(Text(dataset), Text(path.name) if path else Text("–"), "yes" if path else Text("no", "dim"),
                      f"{len(frame):,}" if frame is not None else "–",
                      Text(str(n_err), "red") if n_err else "0", Text(str(n_warn), "yellow") if n_warn else "0")
    console.print(table)
    for dataset, notes in data.notes.items():
        for note in notes:
            console.print(_line("note", "cyan", note), soft_wrap=True)
    for p in ordered(data.problems):
        console.print(_line(p.severity, "red" if p.severity == "error" else "yellow", str(p)), soft_wrap=True)
    missing = [d for d in DATASETS if d not in data.files]
    if missing:
        console.print(Text("Not provided (the sections that need them will say so): " + ", ".join(missing),
                           "dim"), soft_wrap=True)
    if data.ok:
        console.print(Text.assemble(("OK", "green"), f": {_count(len(data.frames), 'dataset')} valid"
                                    + (f", {_count(len(data.warnings), 'warning')}" if data.warnings else "")))
    else:
        console.print(Text.assemble((_count(len(data.errors), "error"), "red"), ": fix them and validate again"))


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


#: Survey answers of the mobile demo: ``cx demo --scale N`` makes N times as many.
DEMO_ANSWERS = 5_000
PROFILES = {"mobile": "Northstar Mobile, a mobile operator: every dataset, twelve months, 5,000 answers",
            "retail": "Fernway Home, an online retailer: one month, 412 answers, five datasets absent"}


@app.command()
def demo(out: Path = typer.Option(None, help="Where to write the demo client (default client_data/demo, "
                                             "or client_data/fernway for the retail profile)."),
         seed: int = typer.Option(None, help="Random seed (the demo is deterministic per seed)."),
         profile: str = typer.Option("mobile", help="Which fictional client: " + "; ".join(
             f"{k}: {v}" for k, v in PROFILES.items()) + "."),
         scale: Optional[float] = typer.Option(None, "--scale", min=0.01, help="A large client: the mobile demo "
                                               "N times over (N=200: 1M survey answers, 5M journey events)."),
         responses: Optional[int] = typer.Option(None, "--responses", min=1, help="A large client by size: this "
                                                 "many survey answers, the other datasets in proportion."),
         events: Optional[int] = typer.Option(None, "--events", min=1, help="With --scale or --responses: journey "
                                              "events (default 5 per survey answer)."),
         waves: Optional[int] = typer.Option(None, "--waves", min=1, help="The mobile demo over N yearly waves: "
                                             "the earlier ones are run now (into --reports), the latest written."),
         reports: Path = typer.Option(Path("reports"), "--reports", help="With --waves: where the earlier "
                                      "waves' runs and the client's history go.")):
    """Write a fictional demo client with its planted truths (Northstar Mobile by default)."""
    if profile not in PROFILES:
        console.print(Text(f"Unknown profile {profile!r}; choose one of: {', '.join(PROFILES)}."))
        raise typer.Exit(2)
    if waves is not None:
        if profile != "mobile" or scale is not None or responses is not None:
            _fail("--waves makes the mobile demo over several waves; leave --profile, --scale and --responses out")
        _demo_waves(out or Path("client_data/demo"), waves, reports, seed)
        return
    if scale is not None or responses is not None:
        if profile != "mobile":
            _fail("--scale and --responses make a large mobile client; leave --profile out")
        from cxlib.demo.scale import scaled

        answers = responses or round(scale * DEMO_ANSWERS)
        out = out or Path(f"client_data/scale-{answers}")
        try:
            scaled(out, responses=answers, events=events, **({} if seed is None else {"seed": seed}))
        except ValueError as exc:
            _fail(str(exc))
        files = sorted(p.name for p in out.iterdir())
        console.print(Text(f"Large demo client ({answers:,} survey answers) written to {out}/ ({len(files)} files)"),
                      soft_wrap=True)
        return
    if profile == "retail":
        from cxlib.demo.retail import generate
        out = out or Path("client_data/fernway")
    else:
        from cxlib.demo import generate
        out = out or Path("client_data/demo")
    generate(out, **({} if seed is None else {"seed": seed}))
    files = sorted(p.name for p in out.iterdir())
    console.print(Text(f"Demo client written to {out}/ ({len(files)} files: {', '.join(files)})"), soft_wrap=True)


def _demo_waves(out: Path, waves: int, reports: Path, seed: Optional[int]) -> None:
    """Run each earlier wave of the demo (so the history holds it, as after a real engagement), then
    write the latest wave as the client folder."""
    import tempfile

    from cxlib.demo.waves import MAX_WAVES, SLUG, write_wave
    from cxlib.engagement.runner import run_engagement
    from cxlib.engagement.workers import one_blas_thread

    one_blas_thread()
    if waves > MAX_WAVES:
        _fail(f"the demo has at most {MAX_WAVES} waves")
    if out.name != SLUG:
        _fail(f"the demo's waves share the client {SLUG!r}: write them to a folder named {SLUG} "
              f"(e.g. --out client_data/{SLUG})")
    options = {} if seed is None else {"seed": seed}
    for wave in range(1, waves):
        with tempfile.TemporaryDirectory(prefix="cx-wave-") as folder:
            data = _load(SLUG, Path(write_wave(Path(folder) / SLUG, wave, waves, **options)).parent)
            console.print(Text(f"Wave {wave} of {waves} ({data.config.period.label()}): running its engagement…"))
            result = run_engagement(data, list(STEPS), reports_root=reports)
            if not result.ok:
                _fail(f"wave {wave}'s run failed; see {result.run_dir}/manifest.json")
            console.print(_line("✓", "green", f"wave {wave} recorded: {result.run_dir}/"), soft_wrap=True)
    write_wave(out, waves, waves, **options)
    console.print(Text(f"Wave {waves} of {waves} written to {out}/: `cx run {SLUG}` reports the change since "
                       f"wave {waves - 1}; `cx history {SLUG}` lists the waves."), soft_wrap=True)


@app.command()
def validate(client: str = typer.Argument(..., help="Client folder name under --root."),
             root: Path = ROOT_OPTION):
    """Check a client's data against the data contract; exit 1 on any error."""
    data = _load(client, root)
    print_validation(data)
    if not data.ok:
        raise typer.Exit(1)


def _rule_text(rule) -> str:
    """A proposed rule in one short line for the console."""
    short = rule.short()
    if not isinstance(short, dict):
        return short if isinstance(short, str) else ", ".join(short)
    parts = [f"{k}: {v}" for k, v in short.items() if k != "source"]
    text = "; ".join(parts)
    origin = ", ".join(rule.sources)
    origin = origin if len(origin) <= 60 else origin[:59] + "…"
    return (f"{origin} + " if origin else "") + (text if len(text) <= 70 else text[:69] + "…")


@app.command("map")
def map_(client: str = typer.Argument(..., help="Client folder name under --root."),
         root: Path = ROOT_OPTION,
         dry_run: bool = typer.Option(False, "--dry-run", help="Show the proposal and the change; write nothing."),
         name: Optional[str] = typer.Option(None, help="Client name, for a new client.yml."),
         industry: Optional[str] = typer.Option(None, help="Industry, for a new client.yml."),
         consultant: Optional[str] = typer.Option(None, help="Consultant, for a new client.yml.")):
    """Recognise each file of a client folder and propose its column map into client.yml."""
    from cxlib.config import ConfigError as _ConfigError
    from cxlib.data.files import inside
    from cxlib.data.mapfile import dump, merge_proposal, read_settings, write_settings
    from cxlib.data.mapping import propose
    from cxlib.data.read import TABLE_SUFFIXES, read_table

    folder = _folder(client, root)
    path = folder / "client.yml"
    try:
        existing = read_settings(path)
    except _ConfigError as exc:
        _fail(f"{exc}; fix client.yml before mapping")
    declared = {v: k for k, v in (existing.get("files") or {}).items()} if isinstance(existing.get("files"), dict) else {}
    maps = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.suffix.lower() not in TABLE_SUFFIXES or not entry.is_file():
            continue
        if inside(folder, entry.name) is None:
            err.print(_line("skipped", "yellow", f"{entry.name}: a link to a file outside the client folder"))
            continue
        raw, problems = read_table(entry)
        if raw is None:
            err.print(_line("skipped", "yellow", "; ".join(str(p) for p in problems)), soft_wrap=True)
            continue
        maps.append(propose(raw, entry.name, declared.get(entry.name)))
    if not maps:
        _fail(f"no CSV, TSV or XLSX files in {folder}")
    for m in maps:
        head = f"{m.file}: " + (f"the {m.dataset} dataset ({m.why})" if m.dataset else f"not recognised: {m.why}")
        rows = "answer rows" if m.vendor else "rows"
        console.print(Text(head + (f", {m.rows:,} {rows}" if m.dataset else ""), "bold"), soft_wrap=True)
        if m.proposals:
            table = Table(show_header=True, box=None, pad_edge=False)
            for col in ("contract column", "from", "evidence"):
                table.add_column(col, overflow="fold")
            for p in m.proposals:
                table.add_row(Text(p.column), Text(_rule_text(p.rule)), Text(p.evidence))
            console.print(table)
        for column, why in m.unmapped:
            console.print(_line("  not mapped", "yellow", f"{column}: {why}"), soft_wrap=True)
        if m.unused:
            console.print(Text(f"  {len(m.unused)} columns of the file are not used: "
                               + ", ".join(m.unused[:8]) + (", …" if len(m.unused) > 8 else ""), "dim"),
                          soft_wrap=True)
    change = merge_proposal(existing, maps, folder.name,
                            {"name": name, "industry": industry, "consultant": consultant})
    diff, backup = write_settings(path, dump(change.settings), dry_run=dry_run)
    console.print(Text(diff or "client.yml: no change", "dim" if not diff else ""), soft_wrap=True)
    if change.kept:
        console.print(Text(f"Kept what client.yml already said for {len(change.kept)} columns: "
                           + ", ".join(change.kept[:6]) + ("…" if len(change.kept) > 6 else "")), soft_wrap=True)
    verb = "Would write" if dry_run else "Wrote"
    console.print(Text(f"{verb} {len(change.added)} new lines to {path}"
                       + (f" (previous file kept as {backup.name})" if backup else "")), soft_wrap=True)
    if change.missing:
        how = {"name": "--name", "industry": "--industry", "consultant": "--consultant",
               "period": "period: {start: YYYY-MM-DD, end: YYYY-MM-DD}"}
        console.print(_line("still needed", "yellow", "client.yml has no " + ", ".join(change.missing)
                            + " yet (" + "; ".join(how[k] for k in change.missing if k in how)
                            + f"), then `cx validate {client}`"), soft_wrap=True)
    else:
        console.print(Text(f"Next: check the proposal, then `cx validate {client}`."))


@app.command()
def run(client: str = typer.Argument(..., help="Client folder name under --root."),
        steps: Optional[str] = typer.Option(None, "--steps", help="Steps to run, e.g. 7 or 1,2,3 or 1-3 "
                                                                  "(default: every step)."),
        jobs: Optional[int] = typer.Option(None, "--jobs", min=1, help="Steps run in parallel "
                                                                       "(default: number of cores)."),
        root: Path = ROOT_OPTION,
        reports: Path = typer.Option(Path("reports"), "--reports", help="Where run folders go."),
        kernel: bool = typer.Option(False, "--kernel", help="Run each step on a Jupyter kernel, as JupyterLab "
                                                           "does, instead of in a ready process (slower).")):
    """Validate, run the step notebooks, and render the client's PDF and HTML reports."""
    from cxlib.engagement.workers import one_blas_thread

    one_blas_thread()
    try:
        chosen = parse_steps(steps, WORKBOOKS)
    except ValueError as exc:
        _fail(str(exc))
    if not chosen:
        _fail(f"no step notebooks found in {WORKBOOKS}")
    engine = "nbclient" if kernel else "cx"
    result = _run_warm(client, root, reports, chosen, jobs, engine)
    if result is None:
        from cxlib.engagement.runner import run_engagement

        clock = time.perf_counter()
        data = _load(client, root)
        if not data.ok:
            print_validation(data)
            _fail(f"{client}: the data has errors, nothing was run (earlier reports are untouched)")
        timings = {"validate": round(time.perf_counter() - clock, 2)}
        with _progress(chosen) as (started, done):
            result = run_engagement(data, chosen, reports_root=reports, jobs=jobs, on_start=started,
                                    on_done=done, engine=engine, timings=timings)
    if result.interrupted:
        err.print(Text(result.stop_line()), soft_wrap=True)
        raise typer.Exit(128 + _signal_number(result.interrupted))
    for note in result.notes:
        err.print(_line("warning:", "yellow", note), soft_wrap=True)
    for o in result.steps:
        name = f"step {o.step}" if o.step else "engagement report"
        if o.ok:
            console.print(_line("✓", "green", f"{name} in {o.duration_s:.0f} s: {result.run_dir / o.files['pdf']}"))
        else:
            cell = o.error.get("cell")
            where = f" in cell {cell} ({o.error.get('source', '')})" if cell is not None else ""
            err.print(_line("✗", "red", f"{name} failed{where}: {o.error['error']}"), soft_wrap=True)
    for name in result.exports["files"]:
        console.print(_line("✓", "green", f"{_EXPORT_NAMES.get(name, name)}: {result.run_dir / name}"))
    for error in result.exports["errors"]:
        err.print(_line("✗", "red", error), soft_wrap=True)
    if result.ok:
        console.print(Text(f"Reports: {result.run_dir}/ (also {result.run_dir.parent / 'latest'})"))
    else:
        err.print(Text(f"Run recorded in {result.run_dir}/manifest.json; latest still points to the last "
                       "complete run."), soft_wrap=True)
        raise typer.Exit(1)


@contextmanager
def _progress(chosen):
    """A progress bar per step (and the engagement report when it starts); yields the two callbacks."""
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[state]}"),
                  TimeElapsedColumn(), console=console, transient=False) as progress:
        tasks = {s.number: progress.add_task(f"Step {s.number}: {s.title}", total=1, state="queued")
                 for s in chosen}

        def started(step):
            if step.number not in tasks:  # the engagement report, after the steps it reads
                tasks[step.number] = progress.add_task(f"Engagement report: {step.title}", total=1, state="queued")
            progress.update(tasks[step.number], state="running")

        def done(outcome):
            state = "[green]done[/]" if outcome.ok else "[red]failed[/]"
            progress.update(tasks[outcome.step], completed=1, state=state)

        yield started, done


_EXPORT_NAMES = {"tables.xlsx": "every table in Excel", "engagement.pptx": "the engagement deck"}


def _signal_number(name: str) -> int:
    import signal

    return int(getattr(signal, name, signal.SIGINT))


def _run_warm(client, root, reports, chosen, jobs, engine):
    """The run, made by the warm process if one is ready (``cx warm``); None otherwise (none
    running, out of date, or the data need their validation report: the caller runs it cold)."""
    from cxlib.engagement import warm
    from cxlib.engagement.outcome import RunOutcome, StepOutcome

    if not warm.socket_path().exists():
        return None
    by_number = {s.number: s for s in (*STEPS, ENGAGEMENT)}
    bars = ExitStack()
    callbacks = []  # the progress bars, drawn once the warm process has taken the run

    def on_event(message):
        if not callbacks:
            callbacks.extend(bars.enter_context(_progress(chosen)))
        started, done = callbacks
        if message["event"] == "start":
            started(by_number[message["step"]])
        else:
            done(StepOutcome(**message["outcome"]))

    request = {"client": client, "root": str(Path(root).resolve()), "reports": str(Path(reports).resolve()),
               "steps": [s.number for s in chosen], "jobs": jobs, "engine": engine}
    with bars:
        reply = warm.run_remote(request, on_event)
    if reply is None:
        return None
    if reply["event"] == "abandoned":
        err.print(Text(f"interrupted ({reply['signal']}): the warm process did not say in time what it kept; "
                       f"what had finished is in {Path(reports) / client}/"), soft_wrap=True)
        raise typer.Exit(128 + _signal_number(reply["signal"]))
    if reply["event"] == "lost":
        _fail(f"the warm process stopped in the middle of the run (its log: {warm.socket_path().with_suffix('.log')}); "
              "earlier reports are untouched; run again")
    return RunOutcome(Path(reply["run_dir"]), reply["latest_updated"], [StepOutcome(**o) for o in reply["steps"]],
                      interrupted=reply.get("interrupted"), kept=reply.get("kept", True), notes=reply.get("notes", []),
                      exports=reply.get("exports", {"files": [], "errors": []}))


def _clients(clients: Optional[list[str]], every: bool, root: Path) -> list[str]:
    """The client folders a batch runs: those named, or with --all every folder of root with a client.yml."""
    if every == bool(clients):
        _fail("name the clients to run, or give --all for every client folder under --root")
    if every:
        found = sorted(p.name for p in Path(root).iterdir() if (p / "client.yml").is_file()) if Path(root).is_dir() else []
        if not found:
            _fail(f"no client folders (with a client.yml) under {root}")
        return found
    for client in clients:
        _folder(client, root)
    return list(dict.fromkeys(clients))


@app.command()
def batch(clients: Optional[list[str]] = typer.Argument(None, help="Client folder names under --root."),
          every: bool = typer.Option(False, "--all", help="Every client folder under --root."),
          root: Path = ROOT_OPTION,
          reports: Path = typer.Option(Path("reports"), "--reports", help="Where run folders go."),
          steps: Optional[str] = typer.Option(None, "--steps", help="Steps to run (default: every step)."),
          scheduler: Optional[str] = typer.Option(None, "--scheduler", help="A running Dask scheduler, e.g. "
                                                  "tcp://10.0.0.5:8786 (default: a local cluster)."),
          workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Workers of the local cluster "
                                                "(default: number of cores).")):
    """Run many clients' engagements on a Dask cluster; a summary table and reports/batch-<id>.json."""
    from cxlib.engagement.workers import one_blas_thread

    one_blas_thread()
    chosen = _clients(clients, every, root)
    try:
        picked = parse_steps(steps, WORKBOOKS)
    except ValueError as exc:
        _fail(str(exc))
    from cxlib.engagement.batch import BatchError, run_batch

    def finished(run):
        mark, style = {"ok": ("✓", "green"), "invalid": ("✗", "red")}.get(run.status, ("✗", "red"))
        where = f": {run.run_dir}/" if run.run_dir else ""
        why = f" ({run.error})" if run.error and run.status != "ok" else ""
        console.print(_line(mark, style, f"{run.client} {run.status} in {run.seconds:.0f} s{where}{why}"), soft_wrap=True)

    console.print(Text(f"Batch of {len(chosen)} clients on "
                       + (scheduler or f"a local Dask cluster ({workers or os.cpu_count()} workers)") + "…"))
    try:
        outcome = run_batch(chosen, root=root, reports_root=reports, steps=picked, scheduler=scheduler,
                            workers=workers, on_client=finished)
    except BatchError as exc:
        _fail(str(exc))
    console.print(batch_table(outcome, picked))
    for run in outcome.clients:
        for note in run.notes:
            err.print(_line("warning:", "yellow", f"{run.client}: {note}"), soft_wrap=True)
    if outcome.interrupted:
        kept = sum(1 for c in outcome.clients if c.run_dir)
        err.print(Text(f"interrupted ({outcome.interrupted}): queued reports cancelled; finished reports of {kept} "
                       f"clients kept in their run folders (marked interrupted); summary {outcome.summary_path}"),
                  soft_wrap=True)
        _exit_now(128 + _signal_number(outcome.interrupted))
    console.print(Text(f"{len(outcome.clients)} clients in {outcome.seconds:.0f} s; summary {outcome.summary_path}"),
                  soft_wrap=True)
    _exit_now(0 if outcome.ok else 1)


def _exit_now(code: int) -> None:
    """End ``cx batch`` at once: its cluster is closed and every file written, but Dask's client
    leaves a thread pool that the interpreter would otherwise wait for (about 10 s after Ctrl-C)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def batch_table(outcome, steps) -> Table:
    """Clients x reports: each report's time, or where it failed."""
    reports = [*steps, ENGAGEMENT] if len(steps) == len(STEPS) else list(steps)
    table = Table(title=Text(f"Batch {outcome.batch_id}: seconds per report (steps 1-7, E the engagement report), "
                             "or where it failed"), title_justify="left")
    table.add_column("client", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for step in reports:
        table.add_column(str(step.number) if step.number else "E", justify="right", no_wrap=True)
    for run in outcome.clients:
        by_step = {s.step: s for s in run.steps}
        cells = []
        for step in reports:
            s = by_step.get(step.number)
            if s is None:
                cells.append(Text("–", "dim"))
            elif s.ok:
                cells.append(Text(f"{s.duration_s:.0f} s"))
            else:
                cell = (s.error or {}).get("cell")
                cells.append(Text(f"cell {cell}" if cell is not None else s.status, "red"))
        table.add_row(Text(run.client), Text(run.status, "green" if run.status == "ok" else "red"), *cells)
    return table


@app.command()
def history(client: str = typer.Argument(..., help="Client folder name (as under --reports)."),
            reports: Path = typer.Option(Path("reports"), "--reports", help="Where run folders go.")):
    """Every wave recorded for a client: NPS, CSAT, CES and the seven step scores, oldest first."""
    from cxlib.waves.store import history_table, store_path

    store = store_path(client, reports)
    if not store.is_file():
        _fail(f"no history for {client} in {reports}/ yet: each `cx run {client}` records its wave")
    frame = history_table(store)
    table = Table(title=Text(f"Waves of {client} ({store})"), title_justify="left")
    for column in frame.columns:
        table.add_column(str(column), justify="left" if column in ("Wave", "Run") else "right")
    for row in frame.itertuples(index=False):
        table.add_row(*(Text(str(v)) for v in row))
    console.print(table)


@app.command("warm")
def warm_(stop: bool = typer.Option(False, "--stop", help="Stop the warm process."),
          idle: int = typer.Option(30, "--idle", min=1, help="Minutes without a run before it stops.")):
    """Keep a process ready for the next runs: libraries imported, clients validated once.

    `cx run` hands its run to it when it is there, and it stops by itself after --idle minutes, when
    cxlib's code changes, or with --stop.
    """
    from cxlib.engagement import warm

    if stop:
        console.print("Warm process stopped." if warm.stop() else "No warm process was running.")
        return
    log = warm.start(idle * 60)
    console.print(Text(f"Warm process ready: `cx run` now starts at once (stops after {idle} min idle; "
                       f"log {log})."), soft_wrap=True)


@app.command()
def lab(port: int = typer.Option(8888, help="Port for JupyterLab.")):
    """Open JupyterLab on the step notebooks with the project's environment."""
    jupyter = shutil.which("jupyter", path=os.path.dirname(sys.executable)) or "jupyter"
    command = [jupyter, "lab", f"--notebook-dir={WORKBOOKS}", f"--port={port}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI machines often run as root
    raise typer.Exit(subprocess.call(command))


def main() -> None:
    """Console entry: no traceback reaches a consultant (set CX_DEBUG=1 to see one)."""
    try:
        app()
    except KeyboardInterrupt as exc:  # before a run had begun, or outside one
        import signal

        signum = getattr(exc, "signum", signal.SIGINT)
        err.print(f"interrupted ({signal.Signals(signum).name}): nothing was run; earlier reports are untouched")
        sys.exit(128 + signum)
    except Exception as exc:
        if os.environ.get("CX_DEBUG"):
            raise
        err.print(_line("error:", "bold red", f"{type(exc).__name__}: {exc} (set CX_DEBUG=1 for details)"),
                  soft_wrap=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
