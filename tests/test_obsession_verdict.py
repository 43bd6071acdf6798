"""Step 1's score, maturity and record."""
from __future__ import annotations

import pandas as pd
import pytest

from cxlib.obsession import gap, practices, priorities, verdict
from cxlib.obsession.evidence import combine, gather_evidence
from cxlib.obsession.readings import Reading


def test_practice_points_are_proportional_to_the_evidence():
    assert verdict.practice_points(1.0) == 0.0
    assert verdict.practice_points(3.0) == pytest.approx(4.0)   # 8 x (3 - 1) / 4
    assert verdict.practice_points(5.0) == 8.0
    assert verdict.practice_points(float("nan")) == 0.0


def _all_practices(self_scores: list[float]) -> pd.DataFrame:
    keys = [p.key for p in practices.PRACTICES]
    return pd.DataFrame({"practice": keys, "self_score": self_scores, "evidence": ["-"] * 10,
                         "owner": ["-"] * 10})


def _evidence_at_3() -> list[Reading]:
    """One reading per practice that scores exactly 3.0 (hire 3.0 as a mean, shares at 50%)."""
    return [Reading("hired_for_focus", 3.0), Reading("cx_training", 3.0), Reading("effort", 4.0),
            Reading("social_answered", 0.5), Reading("top_box_csat", 0.25),
            Reading("personalization", 3.0), Reading("jargon_free", 0.5), Reading("no_repeat", 0.5),
            Reading("convenience", 50.0), Reading("survey_consistency", 20.0)]


def test_the_score_adds_practice_points_and_honesty():
    said = gap.say_do_gap(practices.self_assessment(_all_practices([3.0] * 8 + [4.5, 4.0])),
                          combine(_evidence_at_3()))
    score = verdict.obsession_score(said)
    # ten practices at 3.0 earn 4 points each; 8 of 10 are rated less than a point above -> 16
    assert score.components["points"].iloc[:10].tolist() == [4.0] * 10
    assert score.components.iloc[10]["points"] == pytest.approx(16.0)
    assert score.score == pytest.approx(56.0) and score.maturity == "Competent"
    assert score.components["max_points"].sum() == 100


def test_missing_evidence_and_self_assessment_earn_nothing():
    said = gap.say_do_gap(practices.self_assessment(None), combine([Reading("effort", 7.0)]))
    score = verdict.obsession_score(said)
    # only CES, at its best: 8 of the 80 evidence points; honesty (20) is not assessed -> 8 / 80 = 10
    assert score.score == 10.0 and score.maturity == "Ignoring" and score.coverage == 0.8
    basis = score.components.set_index("component")["basis"]
    assert basis["Honest self-assessment"] == "not assessed: no self-assessment provided"
    assert basis["Personalize"] == "no evidence: self-assessment only"


def test_next_level_text_says_what_mature_takes():
    said = gap.say_do_gap(practices.self_assessment(_all_practices([3.0] * 10)),
                          combine(_evidence_at_3()))
    score = verdict.obsession_score(said)                  # 40 + 20 = 60
    assert verdict.next_level_text(score) == (
        "Reaching Mature (75) takes 15 more points: for instance an average evidence score of "
        "3.75 of 5 across all ten practices, with none rated a point or more above its evidence.")
    assert "37% of the mature companies" in verdict.maturity_text(score)
    assert "19% of those that ignore it" in verdict.maturity_text(score)


def test_assess_writes_a_valid_record_even_without_data():
    said = gap.say_do_gap(practices.self_assessment(None), gather_evidence())
    result = verdict.assess(gap=said, evidence=gather_evidence(),
                            priorities=priorities.prioritise(said, priorities.impact_weights(None)),
                            client="Acme")
    assert result.step.score == 0.0 and result.step.maturity == "Ignoring"
    assert 3 <= len(result.step.findings) <= 5 and 3 <= len(result.step.recommendations) <= 5
    assert result.step.findings[0].startswith("None of the ten practices could be checked")
    assert result.step.findings[1].startswith("Leadership has not scored the ten practices")
    assert result.step.findings[2].startswith(
        "10 of the ten practices have no evidence in the data: hiring for a customer-obsessed mindset, ")
    actions = [r.action for r in result.step.recommendations]
    assert actions == ["Start measuring the practices no data speaks to",
                       "Have leadership score the ten practices, then review each score against "
                       "this evidence with its owner every quarter",
                       "Name an owner, a measure and a target for each of the ten practices"]


@pytest.fixture(scope="module")
def demo_result(demo):
    found = gather_evidence(
        **{k: demo.get(k) for k in ("survey", "reviews", "social", "messages", "interactions",
                                     "channels", "journey", "employees")}, client=demo.config.name)
    said = gap.say_do_gap(practices.self_assessment(demo["practices"]), found)
    ranked = priorities.prioritise(said, priorities.impact_weights(priorities.nps_drivers(demo["survey"])))
    return verdict.assess(gap=said, evidence=found, priorities=ranked, client=demo.config.name)


def test_the_demo_is_competent_and_the_record_names_the_overconfident_practices(demo_result):
    step = demo_result.step
    assert step.step == 1 and step.maturity == "Competent"
    assert step.score == pytest.approx(57.6, abs=2.0)
    assert step.findings[1] == (
        "Leadership is overconfident on 2 of 10 practices, rating itself 1.0 point or more above "
        "the evidence: social monitoring (self-assessment 5.0, evidence 2.2) and seamless "
        "transitions (self-assessment 4.5, evidence 3.1).")
    actions = [r.action for r in step.recommendations]
    assert actions[0].startswith("Give every agent and channel the customer's full contact history")
    assert any(a.startswith("Staff social care") for a in actions)   # the blind spot gets a move
    assert [r.priority for r in step.recommendations] == [1, 2, 3, 4, 5]
