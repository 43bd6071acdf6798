"""Run a step notebook's code cells in this process on a client held in memory.

The property-based tests generate hundreds of clients; a kernel per client and step would take
hours, so the cells run here, in one namespace, with ``load_client`` answering with the generated
client and every published output collected as the plain text a reader would see. The cells are
the committed notebook's own, so what passes here is what ``cx run`` executes.
"""
from __future__ import annotations

import ast
import json
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import cxlib.data  # noqa: E402
from cxlib.report import display as report_display  # noqa: E402

WORKBOOKS = Path(__file__).resolve().parents[1] / "workbooks"


def code_cells(name: str) -> list[str]:
    """The code cells of ``workbooks/<name>.ipynb`` after its parameters cell, compiled once."""
    cells = json.loads((WORKBOOKS / f"{name}.ipynb").read_text())["cells"]
    sources = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    return sources[1:]


@contextmanager
def _captured():
    shown: list[str] = []

    def publish(html_text, plain, metadata=None):
        shown.append(plain)

    with mock.patch.object(report_display, "_publish", publish), \
            mock.patch("IPython.display.display", lambda *a, **k: None):
        yield shown


def run_step(name: str, client) -> tuple[list[str], dict]:
    """Execute step ``name``'s cells on ``client`` (a :class:`cxlib.data.ClientData`).

    Returns what the step showed (plain text, in order) and the namespace the cells left, so a
    test can read the step's sections and its verdict.
    """
    namespace: dict = {"client": client.root.name, "client_root": str(client.root.parent), "result_path": None,
                       "history_path": None, "display": lambda *a, **k: None}
    with _captured() as shown, mock.patch.object(cxlib.data, "load_client", lambda *a, **k: client):
        for source in code_cells(name):
            tree = ast.parse(source)
            exec(compile(tree, f"<{name}>", "exec"), namespace)  # noqa: S102 - the committed notebook's own code
            plt.close("all")
    return shown, namespace
