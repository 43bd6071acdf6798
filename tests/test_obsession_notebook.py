"""The step-1 notebook on the demo: what reaches the client, and what it says without data."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from cxlib.report.record import read_result

NOTEBOOK = Path(__file__).resolve().parents[1] / "workbooks" / "01_obsession_audit.ipynb"


def execute(client_dir: Path, out_dir: Path):
    result = out_dir / "01.result.json"
    pm.execute_notebook(str(NOTEBOOK), str(out_dir / "01.ipynb"), cwd=str(NOTEBOOK.parent),
                        progress_bar=False, kernel_name="python3",
                        parameters={"client": client_dir.name, "client_root": str(client_dir.parent),
                                    "result_path": str(result)})
    return nbformat.read(out_dir / "01.ipynb", as_version=4), read_result(result)


def shown_text(nb) -> str:
    chunks = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            chunks.append(out.get("text", ""))
            for key, value in out.get("data", {}).items():
                if key in ("text/html", "text/plain", "text/markdown"):
                    chunks.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(chunks)


@pytest.fixture(scope="module")
def demo_run(demo_dir, tmp_path_factory):
    return execute(demo_dir, tmp_path_factory.mktemp("nb1"))


def test_demo_report_names_the_overconfident_practices_with_both_scores(demo_run):
    nb, result = demo_run
    text = shown_text(nb)
    assert result.step == 1 and result.maturity == "Competent"
    assert "social monitoring (self-assessment 5.0, evidence 2.2)" in text
    assert "seamless transitions (self-assessment 4.5, evidence 3.1)" in text
    assert "37% of the mature companies" in text


def test_demo_report_leaks_no_raw_values(demo_run):
    nb, _ = demo_run
    text = shown_text(nb)
    assert not re.search(r"\bnan\b|\bNaN\b|<NA>|Traceback|DataFrame", text)
    streams = [o for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert streams == []


def test_without_practices_social_and_interactions_the_report_says_what_is_missing(demo_copy, tmp_path):
    for name in ("practices", "social", "interactions"):
        (demo_copy / f"{name}.csv").unlink()
    nb, result = execute(demo_copy, tmp_path)
    text = shown_text(nb)
    assert "needs the <strong>practices</strong> dataset" in text
    assert "no social dataset provided" in text and "no interactions provided" in text
    assert "no self-assessment provided" in text
    assert 3 <= len(result.findings) <= 5 and 3 <= len(result.recommendations) <= 5
    streams = [o for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert streams == []
