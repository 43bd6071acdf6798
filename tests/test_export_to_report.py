"""From a client's export to the first report: a Qualtrics file dropped in unchanged goes through
`cx map`, `cx validate` and `cx run --steps 7` to a PDF (README, "From a client's export to the first
report")."""
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from vendor_files import passenger_survey, write_qualtrics

from cxlib.data import load_client

CX = str(Path(sys.executable).with_name("cx"))
EXPORT = "Passenger survey_May 2025.csv"


def cx(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CX, *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def skylark(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("client_data")
    folder = root / "skylark"
    folder.mkdir()
    questions, responses = passenger_survey(300, seed=7)
    # one customer leaves their card number and a signed name in the comment
    responses[10]["Q6"] = "Charged twice on 4111 1111 1111 1111, please sort it.\nRegards,\nMaya Lindqvist"
    write_qualtrics(folder / EXPORT, questions, responses)
    return folder


@pytest.fixture(scope="module")
def mapped(skylark):
    done = cx("map", "skylark", "--root", str(skylark.parent), "--name", "Skylark Air", "--industry", "Airlines",
              "--consultant", "Ann Lee")
    return done


def test_cx_map_recognises_the_export_and_writes_a_complete_client_yml(mapped, skylark):
    assert mapped.returncode == 0, mapped.stderr
    out = " ".join(mapped.stdout.split())
    assert f"{EXPORT}: the survey dataset (a Qualtrics export of customer answers), 285 answer rows" in out
    assert "Next: check the proposal, then `cx validate skylark`." in out
    text = (skylark / "client.yml").read_text()
    assert f"survey: {EXPORT}" in text and "nps: Q1" in text
    assert "recode: {Very dissatisfied: 1, Dissatisfied: 2, Neither satisfied nor dissatisfied: 3" in text
    assert not (skylark / "client.yml.bak").exists()  # nothing to back up on a first map


def test_cx_validate_accepts_the_mapped_export_and_says_what_it_set_aside(mapped, skylark):
    done = cx("validate", "skylark", "--root", str(skylark.parent))
    assert done.returncode == 0, done.stdout + done.stderr
    out = " ".join(done.stdout.split())
    assert f"note {EXPORT} is a Qualtrics export: 3 header rows, answers from line 4" in out
    assert "3 survey previews and tests and 15 unfinished responses set aside" in out
    assert 'note csat comes from "Q2": answers recoded (Very dissatisfied = 1,' in out
    assert "OK: 1 dataset valid" in out
    survey = load_client(skylark)["survey"]
    assert len(survey) == 285 and set(survey["csat"].dropna()) <= {1, 2, 3, 4, 5}
    assert {"attr_punctuality", "attr_seat_comfort", "age_band"} <= set(survey.columns)
    comment = survey.loc[survey["comment"].str.contains("Charged twice", na=False), "comment"].item()
    assert comment == "Charged twice on [card number removed], please sort it.\nRegards,\n[name removed]"


def test_cx_run_step_7_makes_a_pdf_from_the_export_alone(mapped, skylark, tmp_path):
    reports = tmp_path / "reports"
    done = cx("run", "skylark", "--steps", "7", "--root", str(skylark.parent), "--reports", str(reports))
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = reports / "skylark" / "latest" / "07_metrics.pdf"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Skylark Air" in text and "from 285 answers" in text
    assert "4111" not in text and "Maya Lindqvist" not in text
    assert "Traceback" not in text
