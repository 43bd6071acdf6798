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

from cxlib.config import ConfigError
from cxlib.data import DATASETS, ClientData, DataError, load_client
from cxlib.engagement.steps import WORKBOOKS, parse_steps

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="CX Nirvana engagement workbook: validate a client's data, run the steps, "
                       "hand over the PDFs.")
console = Console(highlight=False)
err = Console(stderr=True, highlight=False)

ROOT_OPTION = typer.Option(Path("client_data"), "--root", help="Folder holding the client folders.")


def _fail(message: str) -> None:
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    raise typer.Exit(1)


def _load(client: str, root: Path) -> ClientData:
    folder = root / client
    if not folder.is_dir():
        _fail(f"no client folder {folder} (expected client.yml and datasets there)")
    try:
        return load_client(folder)
    except (DataError, ConfigError, OSError) as exc:
        _fail(str(exc))


def print_validation(data: ClientData) -> None:
    """The datasets table and one line per problem."""
    table = Table(title=f"Client data in {data.root}", title_justify="left")
    for col, justify in (("dataset", "left"), ("file", "left"), ("found", "center"),
                         ("rows", "right"), ("errors", "right"), ("warnings", "right")):
        table.add_column(col, justify=justify)
    for dataset in DATASETS:
        path = data.files.get(dataset)
        frame = data.frames.get(dataset)
        probs = [p for p in data.problems if path is not None and p.file == path.name]
        n_err = sum(p.severity == "error" for p in probs)
        n_warn = len(probs) - n_err
        table.add_row(dataset, path.name if path else "–", "yes" if path else "[dim]no[/]",
                      f"{len(frame):,}" if frame is not None else "–",
                      f"[red]{n_err}[/]" if n_err else "0", f"[yellow]{n_warn}[/]" if n_warn else "0")
    console.print(table)
    ordered = sorted(data.problems, key=lambda p: (p.severity != "error", p.file, p.row or 0))
    for p in ordered:
        colour = "red" if p.severity == "error" else "yellow"
        console.print(f"[{colour}]{p.severity}[/] {p}", soft_wrap=True)
    missing = [d for d in DATASETS if d not in data.files]
    if missing:
        console.print(f"[dim]Not provided (the sections that need them will say so): "
                      f"{', '.join(missing)}[/]", soft_wrap=True)
    if data.ok:
        console.print(f"[green]OK[/]: {len(data.frames)} datasets valid"
                      + (f", {len(data.warnings)} warnings" if data.warnings else ""))
    else:
        console.print(f"[red]{len(data.errors)} errors[/]: fix them and validate again")


@app.command()
def demo(out: Path = typer.Option(Path("client_data/demo"), help="Where to write the demo client."),
         seed: int = typer.Option(2026, help="Random seed (the demo is deterministic per seed).")):
    """Write the fictional demo client (Northstar Mobile) with its planted truths."""
    from cxlib.demo import generate

    generate(out, seed=seed)
    files = sorted(p.name for p in out.iterdir())
    console.print(f"Demo client written to {out}/ ({len(files)} files: {', '.join(files)})", soft_wrap=True)


@app.command()
def validate(client: str = typer.Argument(..., help="Client folder name under --root."),
             root: Path = ROOT_OPTION):
    """Check a client's data against the data contract; exit 1 on any error."""
    data = _load(client, root)
    print_validation(data)
    if not data.ok:
        raise typer.Exit(1)


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
            progress.update(tasks[step.number], state="running")

        def done(outcome):
            state = "[green]done[/]" if outcome.ok else "[red]failed[/]"
            progress.update(tasks[outcome.step], completed=1, state=state)

        result = run_engagement(data, chosen, reports_root=reports, jobs=jobs,
                                on_start=started, on_done=done)
    for o in result.steps:
        if o.ok:
            console.print(f"[green]✓[/] step {o.step} in {o.duration_s:.0f} s: {result.run_dir / o.files['pdf']}")
        else:
            cell = o.error.get("cell")
            where = f" in cell {cell} ({o.error.get('source', '')})" if cell is not None else ""
            err.print(f"[red]✗[/] step {o.step} failed{where}: {o.error['error']}", soft_wrap=True)
    if result.ok:
        console.print(f"Reports: {result.run_dir}/ (also {result.run_dir.parent / 'latest'})")
    else:
        err.print(f"Run recorded in {result.run_dir}/manifest.json; latest still points to the last "
                  "complete run.", soft_wrap=True)
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
        err.print(f"[bold red]error:[/] {type(exc).__name__}: {exc} (set CX_DEBUG=1 for details)",
                  soft_wrap=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
