"""Step 6's score by the stated rule, the record when data is missing, and the demo's verdict."""
from __future__ import annotations

import pytest

from cxlib.culture import (
    alignment,
    anonymity,
    contact,
    customer_link,
    dimensions,
    verdict,
    voices,
)


def test_score_adds_the_five_components_by_the_stated_rule():
    score = verdict.culture_score(
        agree={"People": 0.5, "Values": 0.25, "Clarity": 0.1},  # 10 + 5 + 2
        widest_gap=0.75,                                         # (1.25 - 0.75) / 1.0 -> 10
        regular_contact=0.4)                                     # 20 * 0.4 -> 8
    points = dict(zip(score.components["component"], score.components["points"]))
    assert points == pytest.approx({"People": 10, "Values": 5, "Clarity": 2, "One culture": 10,
                                    "Everyone customer-facing": 8})
    assert score.score == 35.0
    assert score.headline() == "The culture scores 35/100; the weakest part is clarity (2 of 20)."


def test_gap_points_are_capped_at_both_ends():
    def one_culture(gap):
        table = verdict.culture_score(agree={}, widest_gap=gap, regular_contact=None).components
        return table.set_index("component").loc["One culture", "points"]

    assert one_culture(0.1) == 20 and one_culture(-0.25) == 20
    assert one_culture(1.25) == 0 and one_culture(2.0) == 0


def test_missing_data_earns_no_points_and_says_why():
    score = verdict.culture_score(agree=None, widest_gap=None, regular_contact=None)
    table = score.components.set_index("component")
    # nothing could be measured: not assessed, never 0/100
    assert score.score is None and score.maturity == "Not assessed"
    assert table.loc["People", "basis"] == "not assessed: no employee survey"
    assert table.loc["One culture", "basis"] == "not assessed: leaders and frontline cannot be compared"
    record = verdict.missing_survey_assessment().step
    assert record.score is None and record.maturity == "Not assessed"
    assert record.findings[0] == "No employee survey was provided, so the culture could not be measured."
    assert [r.priority for r in record.recommendations] == [1, 2, 3]


@pytest.fixture(scope="module")
def demo_result(demo):
    employees, survey = demo["employees"], demo["survey"]
    items = dimensions.present_items(employees)
    scores = dimensions.dimension_scores(employees)
    protection = anonymity.protect_groups(employees, "department", "level",
                                          column_order=alignment.LEVELS)
    return verdict.assess(
        profile=dimensions.culture_profile(employees),
        gaps=alignment.level_gaps(scores, list(items), protection=protection),
        items=alignment.item_agreement(employees, items),
        contact=contact.contact_by_department(employees, protection=protection),
        voices=voices.comment_themes(employees),
        link=customer_link.culture_customer_link(scores, survey, list(items), protection=protection),
        protection=protection)


def test_demo_is_a_novice_culture(demo_result):
    step = demo_result.step
    assert 20 <= step.score <= 40 and step.maturity == "Novice"
    table = demo_result.components.set_index("component")
    assert table.loc["One culture", "points"] == 0  # the Clarity gap is beyond 1.25 points
    assert table["points"].sum() == pytest.approx(step.score, abs=0.05)


def test_demo_findings_carry_the_planted_truths(demo_result):
    findings = demo_result.step.findings
    assert len(findings) == 5
    assert findings[0].startswith("Leaders and the frontline see different companies on Clarity: "
                                  "4.2 vs 2.6 out of 5, a gap of 1.6 points")
    assert "81% of leaders but 6% of the frontline say they understand how CX pays back" in findings[0]
    assert findings[2].startswith("All 40 Engineering respondents never meet customer feedback")
    assert "CX as a priority" in findings[3] and "distance from customers" in findings[3]
    assert "cannot link culture to customer outcomes" in findings[4]


def test_demo_recommendations_start_with_clarity_and_contact(demo_result):
    recs = demo_result.step.recommendations
    assert [r.priority for r in recs] == [1, 2, 3, 4, 5]
    assert recs[0].action == "Show every department how CX pays back and give each one a CX goal it owns"
    assert recs[1].action.endswith("starting with Engineering")
    assert recs[-1].action == "Code next year's employee survey by store and team"


def test_without_a_customer_survey_the_last_move_is_to_get_one(demo):
    employees = demo["employees"]
    items = dimensions.present_items(employees)
    scores = dimensions.dimension_scores(employees)
    protection = anonymity.protect_groups(employees, "department", "level",
                                          column_order=alignment.LEVELS)
    result = verdict.assess(
        profile=dimensions.culture_profile(employees),
        gaps=alignment.level_gaps(scores, list(items), protection=protection),
        items=alignment.item_agreement(employees, items),
        contact=contact.contact_by_department(employees, protection=protection),
        voices=voices.comment_themes(employees),
        link=customer_link.culture_customer_link(scores, None, list(items)),
        protection=protection)
    assert result.step.findings[-1] == ("Culture cannot be linked to customer outcomes: no customer "
                                        "survey was provided.")
    assert result.step.recommendations[-1].action == ("Read culture next to customer scores, "
                                                      "channel by channel")
