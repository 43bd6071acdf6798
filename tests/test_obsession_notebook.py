"""The step-1 notebook on the demo: what reaches the client, and what it says without data."""
from __future__ import annotations

import re

import pytest
from conftest import WORKBOOKS, execute, outputs_text, stderr_outputs

NOTEBOOK = WORKBOOKS / "01_obsession_audit.ipynb"


@pytest.fixture(scope="module")
def demo_run(demo_dir, tmp_path_factory):
    return execute(NOTEBOOK, demo_dir, tmp_path_factory.mktemp("nb1"))


def test_demo_report_names_the_overconfident_practices_with_both_scores(demo_run):
    nb, result = demo_run
    text = outputs_text(nb)
    assert result.step == 1 and result.maturity == "Competent"
    assert "social monitoring (self-assessment 5.0, evidence 2.2)" in text
    assert "seamless transitions (self-assessment 4.5, evidence 3.1)" in text
    assert "37% of the mature companies" in text


def test_demo_report_leaks_no_raw_values(demo_run):
    nb, _ = demo_run
    text = outputs_text(nb)
    assert not re.search(r"\bnan\b|\bNaN\b|<NA>|Traceback|DataFrame", text)
    assert stderr_outputs(nb) == []


def test_without_practices_social_and_interactions_the_report_says_what_is_missing(demo_copy, tmp_path):
    for name in ("practices", "social", "interactions"):
        (demo_copy / f"{name}.csv").unlink()
    nb, result = execute(NOTEBOOK, demo_copy, tmp_path)
    text = outputs_text(nb)
    assert "needs the <strong>practices</strong> dataset" in text
    assert "no social dataset provided" in text and "no interactions provided" in text
    assert "no self-assessment provided" in text
    assert 3 <= len(result.findings) <= 5 and 3 <= len(result.recommendations) <= 5
    assert stderr_outputs(nb) == []


def test_a_social_export_without_answered_flags_does_not_stop_the_audit(demo_copy, tmp_path):
    import pandas as pd

    social = pd.read_csv(demo_copy / "social.csv").drop(columns=["responded", "responded_at"])
    social.to_csv(demo_copy / "social.csv", index=False)
    nb, result = execute(NOTEBOOK, demo_copy, tmp_path)
    text = outputs_text(nb)
    # the answer rate is unknown, not 0%: social monitoring has no evidence left, so it is not judged
    assert "Northstar Mobile answers" not in text
    assert "social monitoring (self-assessment 5.0, evidence 2.2)" not in text
    assert "seamless transitions (self-assessment 4.5, evidence 3.1)" in text
    assert stderr_outputs(nb) == []
