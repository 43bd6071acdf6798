"""The step-5 notebook on the demo: no contact details reach the report, and missing data is said."""
from __future__ import annotations

from pathlib import Path

import nbformat
import papermill as pm
import pytest

from cxlib.demo.planted import PII
from cxlib.report.record import read_result

NOTEBOOK = Path(__file__).resolve().parents[1] / "workbooks" / "05_empathy.ipynb"


def _run(client_dir: Path, out: Path):
    result = out / "05_empathy.result.json"
    pm.execute_notebook(str(NOTEBOOK), str(out / NOTEBOOK.name), cwd=str(NOTEBOOK.parent),
                        progress_bar=False, kernel_name="python3",
                        parameters={"client": client_dir.name, "client_root": str(client_dir.parent),
                                    "result_path": str(result)})
    nb = nbformat.read(out / NOTEBOOK.name, as_version=4)
    chunks = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            chunks.append(output.get("text", ""))
            for key, value in output.get("data", {}).items():
                if key.startswith("text/"):
                    chunks.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(chunks), read_result(result)


def test_the_report_never_shows_contact_details(demo_dir, tmp_path):
    text, result = _run(demo_dir, tmp_path)
    leaked = [p for p in PII if p in text]
    assert leaked == []
    assert "Choice A" in text and "Acknowledges, owns and reassures" in text
    assert result.step == 5


@pytest.mark.parametrize("removed, says", [
    (("messages", "tickets"), ["needs the messages dataset", "needs the tickets dataset"]),
    (("tickets",), ["needs the tickets dataset"]),
])
def test_missing_datasets_are_said_not_crashed_on(demo_copy, tmp_path, removed, says):
    for name in removed:
        (demo_copy / f"{name}.csv").unlink()
    text, result = _run(demo_copy, tmp_path)
    for phrase in says:
        assert phrase in text
    assert 3 <= len(result.findings) <= 5 and 3 <= len(result.recommendations) <= 5
    assert any("no tickets dataset" in f for f in result.findings)
