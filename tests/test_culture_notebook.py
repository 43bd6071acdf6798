"""The step-6 notebook on the demo: what reaches the client, and what it says without the survey."""
from __future__ import annotations

import re

import pytest
from conftest import WORKBOOKS, execute, outputs_text, stderr_outputs

from cxlib.demo.people import TRUTHS

NOTEBOOK = WORKBOOKS / "06_culture.ipynb"


@pytest.fixture(scope="module")
def demo_run(demo_dir, tmp_path_factory):
    return execute(NOTEBOOK, demo_dir, tmp_path_factory.mktemp("nb6"))


def test_demo_report_states_the_planted_truths(demo_run):
    nb, result = demo_run
    text = outputs_text(nb)
    assert result.step == 6 and result.maturity == "Novice"
    assert "Leaders rate Clarity 1.6 points above the frontline" in text
    assert "All 40 Engineering respondents never meet customer feedback" in text
    assert "HR leadership and HR manager" in text and "Finance leadership and Finance manager" in text
    assert "the data cannot link culture to customer outcomes" in text


def test_demo_report_leaks_no_personal_data_or_raw_values(demo_run):
    nb, _ = demo_run
    text = outputs_text(nb)
    for pii in TRUTHS.comment_pii:
        assert pii not in text
    assert not re.search(r"\bnan\b|\bNaN\b|<NA>|Traceback|DataFrame", text)
    assert stderr_outputs(nb) == []


def test_without_the_employee_survey_the_report_says_so(demo_copy, tmp_path):
    (demo_copy / "employees.csv").unlink()
    nb, result = execute(NOTEBOOK, demo_copy, tmp_path)
    assert "needs the employees dataset" in outputs_text(nb)
    assert result.score is None and result.maturity == "Not assessed"
    assert result.findings[0].startswith("No employee survey was provided")
