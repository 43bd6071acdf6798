"""The step-1 notebook on the demo: what reaches the client, and what it says without data."""
from __future__ import annotations

import re

import pytest
from conftest import WORKBOOKS, executed, outputs_text, run_in_process, stderr_outputs

from cxlib.sections.step1 import dataset_noun

NOTEBOOK = WORKBOOKS / "01_obsession_audit.ipynb"
# the datasets as the shared noun list names them
LOG, PRACTICES = (dataset_noun(d) for d in ("interactions", "practices"))


@pytest.fixture(scope="module")
def step_on_demo(demo_run):
    return executed(demo_run, NOTEBOOK)


def test_demo_report_names_the_overconfident_practices_with_both_scores(step_on_demo):
    nb, result = step_on_demo
    text = outputs_text(nb)
    assert result.step == 1 and result.maturity == "Competent"
    assert "social monitoring (self-assessment 5.0, evidence 2.0)" in text
    assert "seamless transitions (self-assessment 4.5, evidence 3.1)" in text
    assert "37% of the mature companies" in text


def test_demo_report_leaks_no_raw_values(step_on_demo):
    nb, _ = step_on_demo
    text = outputs_text(nb)
    assert not re.search(r"\bnan\b|\bNaN\b|<NA>|Traceback|DataFrame", text)
    assert stderr_outputs(nb) == []


def test_without_practices_social_and_interactions_the_report_says_what_is_missing(demo_copy, tmp_path):
    for name in ("practices", "social", "interactions"):
        (demo_copy / f"{name}.csv").unlink()
    text, result, noise = run_in_process(NOTEBOOK, demo_copy)
    assert f"The say-do gap needs the {PRACTICES}, which was not provided." in text
    assert "The social answer rate needs the social export, which was not provided." in text
    assert f"Seamless switches need the {LOG}, which was not provided." in text
    assert f"not assessed: the {PRACTICES} was not provided" in text
    # the evidence still scores the seven practices the other datasets measure: without social care,
    # seamless transitions, convenience (8 points each) and honesty (20), 56% of the weight
    assert result.score is not None and result.coverage == pytest.approx(0.56)
    assert 3 <= len(result.findings) <= 5 and 3 <= len(result.recommendations) <= 5
    assert not re.search(r"\bnan\b|\bNaN\b|<NA>|Traceback", text)
    assert noise == []


def test_a_social_export_without_answered_flags_does_not_stop_the_audit(demo_copy, tmp_path):
    import pandas as pd

    social = pd.read_csv(demo_copy / "social.csv").drop(columns=["responded", "responded_at"])
    social.to_csv(demo_copy / "social.csv", index=False)
    text, result, noise = run_in_process(NOTEBOOK, demo_copy)
    # the answer rate is unknown, not 0%: social monitoring has no evidence left, so it is not judged
    assert "Northstar Mobile answers" not in text
    assert "social monitoring (self-assessment 5.0, evidence 2.0)" not in text
    assert "seamless transitions (self-assessment 4.5, evidence 3.1)" in text
    assert noise == []


def test_a_demo_with_only_practices_and_a_thin_survey_says_why_each_section_is_empty(demo_copy, tmp_path):
    import pandas as pd

    for path in demo_copy.glob("*.csv"):
        if path.stem not in ("practices", "survey"):
            path.unlink()
    survey = pd.read_csv(demo_copy / "survey.csv").head(20)
    survey.to_csv(demo_copy / "survey.csv", index=False)
    text, result, noise = run_in_process(NOTEBOOK, demo_copy)
    assert result.score is None and result.maturity == "Not assessed"
    assert "Customer effort needs at least 30 complete answers; this survey has 20." in text
    assert ("The first moves need evidence on at least one practice; the data provided measure none of the ten."
            in text)
    assert not re.search(r"\bnan\b|\bNaN\b|<NA>|Traceback", text)
    assert noise == []


@pytest.fixture(scope="module")
def fernway_notebook(fernway_dir):
    return run_in_process(NOTEBOOK, fernway_dir)


def test_fernway_is_scored_only_on_what_its_data_measure(fernway_notebook):
    text, result, noise = fernway_notebook
    # three practices measured (social care, delight, consistency), honesty over those three
    assert result.maturity == "Partly assessed" and result.coverage == pytest.approx(0.44)
    assert "not assessed: the employee survey was not provided" in text
    assert "The maturity level needs at least 50% of the score's weight assessed" in text
    # no rating of a retailer's survey is a practice's, so the moves are ranked by the gap alone
    assert "none of the survey's 5 ratings (delivery, product quality, returns, website and value)" in text
    # answered 30% -> 2.2 and 29% of answers within 2 hours -> 1 + 4 x 0.29 = 2.2 (2.8 under the old anchor)
    assert "social monitoring (self-assessment 4.5, evidence 2.2)" in text
    # delight (4.1) and consistency (4.6) are less than a point from best practice: one first move
    assert ("The first move is social monitoring (evidence 2.2 of 5): of the 3 practices measured, it has the "
            "most room to improve; the other 2 are less than 1 point from best practice.") in text
    assert not re.search(r"\bnan\b|\bNaN\b|<NA>|Traceback|attr_staff|attr_ease|Northstar", text)
    assert noise == []


def test_fernway_body_says_its_methods_in_plain_words(fernway_notebook):
    from cxlib.wording import method_words

    text, _, _ = fernway_notebook
    # the appendix opens with the conversion rules; everything shown before it is the body
    body = text[:text.index("Conversion rules, one line per measure")]
    assert method_words(body) == [] and "n = " not in body
    assert not any(name in body for name in ("Sephora", "Delta"))      # no other industry's bar
    assert "Sephora" in text[len(body):]                                # only the labelled side note
    # the link to NPS is an association ("Impact" is only the recommendations table's column of effect size)
    assert not re.search(r"\bimpact\b|\b[Dd]rives?\b", body)
