"""The step-6 notebook on the demo: what reaches the client, and what it says without the survey."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from cxlib.demo.people import TRUTHS
from cxlib.report.record import read_result

NOTEBOOK = Path(__file__).resolve().parents[1] / "workbooks" / "06_culture.ipynb"


def execute(client_dir: Path, out_dir: Path):
    result = out_dir / "06.result.json"
    pm.execute_notebook(str(NOTEBOOK), str(out_dir / "06.ipynb"), cwd=str(NOTEBOOK.parent),
                        progress_bar=False, kernel_name="python3",
                        parameters={"client": client_dir.name, "client_root": str(client_dir.parent),
                                    "result_path": str(result)})
    return nbformat.read(out_dir / "06.ipynb", as_version=4), read_result(result)


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
    return execute(demo_dir, tmp_path_factory.mktemp("nb6"))


def test_demo_report_states_the_planted_truths(demo_run):
    nb, result = demo_run
    text = shown_text(nb)
    assert result.step == 6 and result.maturity == "Novice"
    assert "Leaders rate Clarity 1.6 points above the frontline" in text
    assert "All 40 Engineering respondents never meet customer feedback" in text
    assert "HR leadership and HR manager" in text and "Finance leadership and Finance manager" in text
    assert "the data cannot link culture to customer outcomes" in text


def test_demo_report_leaks_no_personal_data_or_raw_values(demo_run):
    nb, _ = demo_run
    text = shown_text(nb)
    for pii in TRUTHS.comment_pii:
        assert pii not in text
    assert not re.search(r"\bnan\b|\bNaN\b|<NA>|Traceback|DataFrame", text)
    streams = [o for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert streams == []


def test_without_the_employee_survey_the_report_says_so(demo_copy, tmp_path):
    (demo_copy / "employees.csv").unlink()
    nb, result = execute(demo_copy, tmp_path)
    assert "needs the employees dataset" in shown_text(nb)
    assert result.score == 0
    assert result.findings[0].startswith("No employee survey was provided")
