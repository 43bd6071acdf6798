"""`cx run` end to end: the consultant's command, the client's PDF, the run folder's guarantees."""
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import WORKBOOKS, pdf_text

from cxlib.demo import PLANTED
from cxlib.engagement import runner
from cxlib.steps import STEPS

CX = str(Path(sys.executable).with_name("cx"))
FORBIDDEN = ("Traceback", "In [", "import ", "<Axes", "<Figure", "NaN", "DataFrame", "Warning")


def cx(*args, cwd=None):
    return subprocess.run([CX, *args], capture_output=True, text=True, cwd=cwd, timeout=600,
                          env={**os.environ, "COLUMNS": "200"})


@pytest.fixture(scope="module")
def step7_run(demo_run):
    return demo_run



def test_run_succeeds_and_latest_points_to_it(step7_run):
    done, client_reports = step7_run
    assert done.returncode == 0, done.stdout + done.stderr
    latest = client_reports / "latest"
    assert latest.is_symlink()
    steps = sorted(p.stem for p in WORKBOOKS.glob("*.ipynb"))
    assert sorted(p.name for p in latest.iterdir()) == sorted(
        [f"{s}{ext}" for s in steps for ext in (".html", ".ipynb", ".pdf", ".result.json")
         if not (s == "00_engagement" and ext == ".result.json")]
        + ["engagement.pptx", "logs", "manifest.json", "tables.xlsx"])
    # the engagement report is the run folder's first document
    assert sorted(p.name for p in latest.glob("*.pdf"))[0] == "00_engagement.pdf"
    assert not [p for p in client_reports.iterdir() if p.name.endswith(".partial")]


def test_manifest_is_complete(step7_run, demo_dir):
    _, client_reports = step7_run
    manifest = json.loads((client_reports / "latest" / "manifest.json").read_text())
    assert manifest["status"] == "ok" and manifest["parameters"]["steps"] == [1, 2, 3, 4, 5, 6, 7]
    inputs = {p.name for p in demo_dir.iterdir()}
    assert set(manifest["inputs"]["sha256"]) == inputs and len(inputs) == 15
    assert all(len(h) == 64 for h in manifest["inputs"]["sha256"].values())
    assert {"pandas", "papermill", "nbconvert", "weasyprint", "python"} <= set(manifest["packages"])
    assert [s["step"] for s in manifest["steps"]] == [0, 1, 2, 3, 4, 5, 6, 7]
    step = manifest["steps"][-1]
    assert step["status"] == "ok" and step["duration_s"] > 0 and step["error"] is None
    assert 0 <= step["result"]["score"] <= 100 and 3 <= len(step["result"]["findings"]) <= 5


def test_pdf_states_the_nps_computed_directly_from_the_survey(step7_run, demo_dir):
    _, client_reports = step7_run
    scores = pd.read_csv(demo_dir / "survey.csv")["nps"].dropna()
    expected = round(100 * ((scores >= 9).mean() - (scores <= 6).mean()))
    text = pdf_text(client_reports / "latest" / "07_metrics.pdf")
    assert f"NPS is {expected:+d}" in text
    assert "Northstar Mobile" in text and "Page 2 of" in text


def test_pdf_and_html_show_no_code_reprs_or_pii(step7_run):
    _, client_reports = step7_run
    for name in ("07_metrics.pdf", "07_metrics.html"):
        path = client_reports / "latest" / name
        text = pdf_text(path) if name.endswith(".pdf") else path.read_text()
        if name.endswith(".html"):
            # the HTML carries CSS and SVG markup; judge only what a reader sees
            text = _visible_text(text)
        for bad in FORBIDDEN:
            assert bad not in text, f"{name} shows {bad!r}"
        leaked = [pii for pii in PLANTED.pii if pii in text]
        assert leaked == [], f"{name} leaks {leaked}"


def _visible_text(html: str) -> str:
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts, self.skip = [], 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("style", "script", "svg")

        def handle_endtag(self, tag):
            self.skip -= tag in ("style", "script", "svg")

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return " ".join(parser.parts)


def test_invalid_data_is_refused_and_earlier_reports_survive(demo_copy, tmp_path):
    reports = tmp_path / "reports"
    (reports / "demo" / "20260101-000000").mkdir(parents=True)
    (reports / "demo" / "latest").symlink_to("20260101-000000")
    survey = demo_copy / "survey.csv"
    lines = survey.read_text().splitlines(keepends=True)
    lines[5] = lines[5].replace(",", ",,", 1)  # shifts every column of file row 6
    survey.write_text("".join(lines))
    done = cx("run", "demo", "--steps", "7", "--root", str(demo_copy.parent), "--reports", str(reports))
    assert done.returncode == 1
    assert "nothing was run" in done.stderr and "Traceback" not in done.stdout + done.stderr
    assert "error survey.csv row 6: has 20 fields where the header has 19" in done.stdout
    assert sorted(p.name for p in (reports / "demo").iterdir()) == ["20260101-000000", "latest"]


FAILING_NOTEBOOK = nbformat.v4.new_notebook(cells=[
    nbformat.v4.new_code_cell('client = "demo"\nclient_root = "../client_data"\nresult_path = None',
                              metadata={"tags": ["parameters"]}),
    nbformat.v4.new_code_cell("x = 1"),
    nbformat.v4.new_code_cell("raise ValueError('planted failure')"),
])


def test_failed_step_is_recorded_and_latest_keeps_the_good_run(demo, tmp_path):
    workbooks = tmp_path / "workbooks"
    workbooks.mkdir()
    nbformat.write(FAILING_NOTEBOOK, workbooks / "07_metrics.ipynb")
    reports = tmp_path / "reports"
    (reports / "demo" / "good").mkdir(parents=True)
    runner.point_latest(reports / "demo", "good")
    outcome = runner.run_engagement(demo, [STEPS[6]], reports_root=reports, jobs=1, workbooks=workbooks)
    assert not outcome.ok and not outcome.latest_updated
    assert os.readlink(reports / "demo" / "latest") == "good"
    manifest = json.loads((outcome.run_dir / "manifest.json").read_text())
    (step,) = manifest["steps"]
    assert manifest["status"] == "failed" and step["status"] == "failed"
    assert step["error"]["cell"] == 3 and step["error"]["error"] == "ValueError: planted failure"
    assert not (outcome.run_dir / "07_metrics.pdf").exists()
