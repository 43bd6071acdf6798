"""The step-6 notebook on the demo: what reaches the client, and what it says without the survey."""
from __future__ import annotations

import re

import pytest
from conftest import WORKBOOKS, executed, outputs_text, run_in_process, stderr_outputs

from cxlib.demo.people import TRUTHS

NOTEBOOK = WORKBOOKS / "06_culture.ipynb"


@pytest.fixture(scope="module")
def step_on_demo(demo_run):
    return executed(demo_run, NOTEBOOK)


def test_demo_report_states_the_planted_truths(step_on_demo):
    nb, result = step_on_demo
    text = outputs_text(nb)
    assert result.step == 6 and result.maturity == "Novice"
    assert "Leaders rate Clarity 1.6 points above the frontline" in text
    assert "All 40 Engineering respondents never meet customer feedback" in text
    assert "HR leadership and HR manager" in text and "Finance leadership and Finance manager" in text
    assert "Two departments cannot show a link, let alone a cause." in text


def _plain(cells) -> str:
    """What cells show as plain text (the words without their HTML markup)."""
    return "\n".join("".join(out["data"]["text/plain"]) for cell in cells for out in cell.get("outputs", [])
                     if "text/plain" in out.get("data", {}))


def test_demo_methods_are_named_in_the_appendix_only(step_on_demo):
    from cxlib.wording import method_words

    nb, _ = step_on_demo
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    start = next(i for i, t in enumerate(tags) if "appendix" in t)
    summary = [c for c, t in zip(nb.cells, tags) if "summary" in t]
    front = _plain([*nb.cells[:start], *summary])
    sources = "\n".join(c.source for c in nb.cells[:start] if c.cell_type == "markdown")
    # the summary and the body say "larger than chance", "a 95% range"; no test, alpha or p-value
    assert "larger than chance" in front
    assert method_words(front + sources) == []
    appendix = _plain([c for c, t in zip(nb.cells[start:], tags[start:]) if "summary" not in t])
    for method in ("Cronbach's alpha", "Welch", "Wilson", "Spearman", "p-value"):
        assert method in appendix, method


def test_demo_report_leaks_no_personal_data_or_raw_values(step_on_demo):
    nb, _ = step_on_demo
    text = outputs_text(nb)
    for pii in TRUTHS.comment_pii:
        assert pii not in text
    assert not re.search(r"\bnan\b|\bNaN\b|<NA>|Traceback|DataFrame", text)
    assert stderr_outputs(nb) == []


def test_without_the_employee_survey_the_report_says_so(demo_copy, tmp_path):
    (demo_copy / "employees.csv").unlink()
    text, result, noise = run_in_process(NOTEBOOK, demo_copy)
    # changed with the move to sections: each section says in one sentence why it cannot run
    assert "The culture scores need the employee survey, which was not provided." in text
    assert "Staff comments need the employee survey, which was not provided." in text
    assert result.score is None and result.maturity == "Not assessed"
    assert result.sentences[0].startswith("No employee survey was provided")


def test_a_small_survey_of_one_department_shows_no_group_and_no_score(demo_copy, tmp_path):
    import pandas as pd

    employees = pd.read_csv(demo_copy / "employees.csv")
    employees[employees["department"] == "Customer Care"].head(25).to_csv(demo_copy / "employees.csv", index=False)
    text, result, noise = run_in_process(NOTEBOOK, demo_copy)
    assert "The culture scores need at least 30 staff who answered the culture statements; this employee " \
           "survey has 25." in text
    assert "Key finding" not in text  # nothing below a minimum is stated
    assert result.score is None and result.maturity == "Not assessed"
