"""Shared fixtures and helpers: the demo client, generated once per test session into a temporary
folder, and the papermill run of a step notebook with what it shows.

The helpers are plain functions; notebook tests import them with ``from conftest import ...``.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from cxlib.data import load_client
from cxlib.report.record import StepResult, read_result

REPO = Path(__file__).resolve().parents[1]
WORKBOOKS = REPO / "workbooks"


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
