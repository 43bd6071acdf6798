"""Shared fixtures and helpers: the demo client, generated once per test session into a temporary
folder, and the papermill run of a step notebook with what it shows.

The helpers are plain functions; notebook tests import them with ``from conftest import ...``.
"""
from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from cxlib.data import load_client
from cxlib.report.record import StepResult, read_result

REPO = Path(__file__).resolve().parents[1]
WORKBOOKS = REPO / "workbooks"


@pytest.fixture(scope="session", autouse=True)
def _own_warm_process_folder(tmp_path_factory):
    """Tests never hand a run to a developer's warm process (cx warm): their own folder, empty."""
    os.environ["CX_WARM_DIR"] = str(tmp_path_factory.mktemp("warm"))


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory) -> Path:
    """A fresh demo client in <tmp>/client_data/demo (never the developer's own client_data)."""
    from cxlib.demo import generate

    root = tmp_path_factory.mktemp("client_data")
    return generate(root / "demo")


@pytest.fixture(scope="session")
def demo(demo_dir):
    """The demo client loaded through the one entry point (validated, typed frames)."""
    return load_client(demo_dir)


@pytest.fixture(scope="session")
def fernway_dir(tmp_path_factory) -> Path:
    """The second demo profile (Fernway Home, an online retailer) in <tmp>/client_data/fernway."""
    from cxlib.demo.retail import generate

    root = tmp_path_factory.mktemp("client_data")
    return generate(root / "fernway")


@pytest.fixture(scope="session")
def fernway(fernway_dir):
    """The second demo profile loaded through the one entry point."""
    return load_client(fernway_dir)


CX = str(Path(sys.executable).with_name("cx"))


def cx_run(client_dir: Path, reports: Path, *options: str) -> subprocess.CompletedProcess:
    """``cx run <client>`` as a consultant types it, into ``reports``."""
    return subprocess.run([CX, "run", client_dir.name, *options, "--root", str(client_dir.parent),
                           "--reports", str(reports)], capture_output=True, text=True, timeout=900,
                          env={**os.environ, "COLUMNS": "200"})


@pytest.fixture(scope="session")
def demo_run(demo_dir, tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """One ``cx run demo`` of all seven steps, shared by every test that reads the demo's reports."""
    reports = tmp_path_factory.mktemp("reports")
    done = cx_run(demo_dir, reports, "--jobs", "2")
    # the engagement notebook, run by nbval with its default parameters, reads this run's results
    os.environ["CX_REPORTS"] = str(reports)
    return done, reports / "demo"


@pytest.fixture(scope="session")
def fernway_run(fernway_dir, tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """One ``cx run fernway`` of all seven steps on the second demo profile."""
    reports = tmp_path_factory.mktemp("reports")
    return cx_run(fernway_dir, reports, "--jobs", "2"), reports / "fernway"


@pytest.fixture
def demo_copy(demo_dir, tmp_path) -> Path:
    """A disposable copy of the demo client, for tests that break its data."""
    target = tmp_path / "client_data" / "demo"
    shutil.copytree(demo_dir, target)
    return target


def execute(path: Path, client_dir: Path, out_dir: Path) -> tuple[nbformat.NotebookNode, StepResult]:
    """Run a step notebook with papermill, as ``cx run`` does, on one client.

    Parameters
    ----------
    path : the notebook, e.g. ``WORKBOOKS / "06_culture.ipynb"``.
    client_dir : the client's folder; its parent is passed as ``client_root``.
    out_dir : where the executed notebook and the step record are written.

    Returns the executed notebook and the record it wrote.
    """
    result = out_dir / f"{path.stem}.result.json"
    pm.execute_notebook(str(path), str(out_dir / path.name), cwd=str(WORKBOOKS), progress_bar=False,
                        parameters={"client": client_dir.name, "client_root": str(client_dir.parent),
                                    "result_path": str(result)}, kernel_name="python3")
    return nbformat.read(out_dir / path.name, as_version=4), read_result(result)


def executed(demo_run, notebook: Path) -> tuple[nbformat.NotebookNode, StepResult]:
    """A step notebook as the shared ``cx run demo`` executed it, with the result it recorded."""
    done, reports = demo_run
    assert done.returncode == 0, done.stdout + done.stderr
    latest = reports / "latest"
    return nbformat.read(latest / notebook.name, as_version=4), read_result(latest / f"{notebook.stem}.result.json")


def run_in_process(path: Path, client_dir: Path) -> tuple[str, StepResult, list[str]]:
    """A step notebook's committed cells run in this process on one client folder (loaded and
    validated as ``cx run`` does), for tests that only read what the step says: a kernel and a
    render per test cost seconds each. The notebook run itself is tested by ``demo_run``.

    Returns what the step showed (plain text), its recorded result, and any warning or stderr line
    that would have reached the report.
    """
    import contextlib
    import io
    import warnings

    from steps_in_process import run_step

    client = load_client(client_dir, strict=True)
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stderr(io.StringIO()) as err:
        warnings.simplefilter("always")
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        shown, namespace = run_step(path.stem, client)
    noise = [str(w.message) for w in caught] + ([err.getvalue()] if err.getvalue().strip() else [])
    return "\n".join(shown), namespace["result"].step, noise


@functools.lru_cache(maxsize=64)
def pdf_text(path: Path) -> str:
    """A PDF's text as a reader meets it: whitespace runs as one space, the minus sign as "-"."""
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", text.replace("\u2212", "-"))


def outputs_text(nb: nbformat.NotebookNode) -> str:
    """Everything an executed notebook shows as text: streams and every ``text/*`` output."""
    chunks = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            chunks.append(out.get("text", ""))
            for key, value in out.get("data", {}).items():
                if key.startswith("text/"):
                    chunks.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(chunks)


def stderr_outputs(nb: nbformat.NotebookNode) -> list:
    """The stderr streams of an executed notebook: a warning or log line that would reach the client."""
    return [o for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]


def benchmark_frame(gaps: dict[str, float]):
    """A ``competitors`` frame where brand A scores 7.0 on every attribute and "Us" 7.0 + gap."""
    import pandas as pd

    rows = []
    for attribute, gap in gaps.items():
        rows += [("Us", attribute, 7.0 + gap), ("A", attribute, 7.0)]
    return pd.DataFrame(rows, columns=["brand", "attribute", "score"]).assign(
        source="Panel", measured_at="2026-06-15")
