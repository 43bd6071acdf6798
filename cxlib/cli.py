"""``cx``: the consultant's command line (demo, validate, run, lab)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from cxlib.config import ConfigError
from cxlib.data import DATASETS, ClientData, DataError, load_client, resolve_client_dir
from cxlib.data.problems import ordered
from cxlib.steps import WORKBOOKS, parse_steps

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
    try:
        folder = resolve_client_dir(client, root)
    except DataError as exc:
        _fail(str(exc))
    if not folder.is_dir():
        _fail(f"no client folder {folder} (expected client.yml and datasets there)")
    return folder


def _load(client: str, root: Path) -> ClientData:
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


PROFILES = {"mobile": "Northstar Mobile, a mobile operator: every dataset, twelve months, 5,000 answers",
            "retail": "Fernway Home, an online retailer: one month, 412 answers, five datasets absent"}


@app.command()
def demo(out: Path = typer.Option(None, help="Where to write the demo client (default client_data/demo, "
                                             "or client_data/fernway for the retail profile)."),
         seed: int = typer.Option(None, help="Random seed (the demo is deterministic per seed)."),
         profile: str = typer.Option("mobile", help="Which fictional client: " + "; ".join(
             f"{k}: {v}" for k, v in PROFILES.items()) + ".")):
    """Write a fictional demo client with its planted truths (Northstar Mobile by default)."""
    if profile not in PROFILES:
        console.print(Text(f"Unknown profile {profile!r}; choose one of: {', '.join(PROFILES)}."))
        raise typer.Exit(2)
    if profile == "retail":
        from cxlib.demo.retail import generate
        out = out or Path("client_data/fernway")
    else:
        from cxlib.demo import generate
        out = out or Path("client_data/demo")
    generate(out, **({} if seed is None else {"seed": seed}))
    files = sorted(p.name for p in out.iterdir())
    console.print(Text(f"Demo client written to {out}/ ({len(files)} files: {', '.join(files)})"), soft_wrap=True)


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
        reports: Path = typer.Option(Path("reports"), "--reports", help="Where run folders go.")):
    """Validate, run the step notebooks, and render the client's PDF and HTML reports."""
    from cxlib.engagement.runner import run_engagement

    try:
        chosen = parse_steps(steps, WORKBOOKS)
    except ValueError as exc:
        _fail(str(exc))
    if not chosen:
        _fail(f"no step notebooks found in {WORKBOOKS}")
    data = _load(client, root)
    if not data.ok:
        print_validation(data)
        _fail(f"{client}: the data has errors, nothing was run (earlier reports are untouched)")
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

        result = run_engagement(data, chosen, reports_root=reports, jobs=jobs,
                                on_start=started, on_done=done)
    for o in result.steps:
        name = f"step {o.step}" if o.step else "engagement report"
        if o.ok:
            console.print(_line("✓", "green", f"{name} in {o.duration_s:.0f} s: {result.run_dir / o.files['pdf']}"))
        else:
            cell = o.error.get("cell")
            where = f" in cell {cell} ({o.error.get('source', '')})" if cell is not None else ""
            err.print(_line("✗", "red", f"{name} failed{where}: {o.error['error']}"), soft_wrap=True)
    if result.ok:
        console.print(Text(f"Reports: {result.run_dir}/ (also {result.run_dir.parent / 'latest'})"))
    else:
        err.print(Text(f"Run recorded in {result.run_dir}/manifest.json; latest still points to the last "
                       "complete run."), soft_wrap=True)
        raise typer.Exit(1)


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
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("CX_DEBUG"):
            raise
        err.print(_line("error:", "bold red", f"{type(exc).__name__}: {exc} (set CX_DEBUG=1 for details)"),
                  soft_wrap=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
