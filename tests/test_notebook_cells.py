"""Notebooks stay thin: a code cell calls cxlib and shows one thing. The logic that guards a section
(``is None``), loops, draws a figure by hand (a bare ``display(``) or runs over 8 lines belongs in cxlib.

Every step is on :mod:`cxlib.sections`, so no step notebook has one."""
import ast
import json

import pytest
from conftest import WORKBOOKS

NOTEBOOKS = sorted(p.stem for p in WORKBOOKS.glob("*.ipynb"))


def thick_cells(path) -> list[str]:
    """The code cells that guard, display by hand or run long, each as its first line."""
    found = []
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        tree = ast.parse(source)
        guards = any(isinstance(node, ast.Compare) and any(isinstance(op, (ast.Is, ast.IsNot)) for op in node.ops)
                     and any(isinstance(c, ast.Constant) and c.value is None for c in node.comparators)
                     for node in ast.walk(tree))
        bare_display = any(isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                           and node.func.id == "display" for node in ast.walk(tree))
        long = len([line for line in source.splitlines() if line.strip()]) > 8
        loops = any(isinstance(node, (ast.For, ast.While)) for node in ast.walk(tree))
        if guards or bare_display or long or loops:
            found.append(source.splitlines()[0])
    return found


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_cells_stay_thin(name):
    assert thick_cells(WORKBOOKS / f"{name}.ipynb") == []


def test_the_check_finds_a_guard_a_bare_display_a_long_cell_and_a_loop(tmp_path):
    cells = ["if x is None:\n    pass", "display(figure)", "\n".join(f"a{i} = {i}" for i in range(9)),
             "for s in sentences:\n    report.show_finding(s)", "report.show_result(drivers)"]
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "code", "source": c} for c in cells]}))
    assert thick_cells(path) == ["if x is None:", "display(figure)", "a0 = 0", "for s in sentences:"]
