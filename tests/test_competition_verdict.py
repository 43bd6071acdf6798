"""Step 2's score rule, findings and recommendations, on inputs whose points are worked out by hand."""
from __future__ import annotations

import pandas as pd
import pytest
from conftest import benchmark_frame

from cxlib.competition.benchmark import benchmark, benchmark_trend
from cxlib.competition.considered import true_competitors
from cxlib.competition.priorities import attack_priorities
from cxlib.competition.social import MentionTone, Responsiveness
from cxlib.competition.verdict import (
    SCORE_RULE_TEXT,
    assess,
    attribute_credit,
    competition_score,
)

DRIVERS = pd.DataFrame({"driver": ["attr_ease", "attr_reliability", "attr_price"],
                        "share": [50.0, 30.0, 20.0]})


def _care(us_rate=40.0, us_within=25.0, best_rate=80.0) -> Responsiveness:
    table = pd.DataFrame({
        "brand": ["Us", "A"], "mentions": [100, 50], "answered": [int(us_rate), int(best_rate / 2)],
        "response_rate": [us_rate, best_rate], "timed": [int(us_rate), int(best_rate / 2)],
        "median_minutes": [240.0, 30.0], "within_2h": [us_within, 90.0], "is_client": [True, False]})
    return Responsiveness(client="Us", table=table)


def _tone(us_net=0.0, best_net=25.0) -> MentionTone:
    table = pd.DataFrame({
        "brand": ["A", "Us"], "mentions": [50, 100], "positive": [50.0, 40.0], "neutral": [25.0, 20.0],
        "negative": [50 - best_net, 40 - us_net], "net": [best_net, us_net], "is_client": [False, True]})
    return MentionTone(client="Us", table=table)


@pytest.fixture
def inputs():
    frame = benchmark_frame({"ease": -1.0, "reliability": 0.5, "price": -3.0})
    bench = benchmark(frame, "Us")
    # Listed A gets 2 of the 5 brand mentions -> coverage 0.4.
    survey = pd.DataFrame({"nps": [9, 3, 5, 10, 7],
                           "also_considered": ["A;Nimbus", "Nimbus", "A;Zed", None, None]})
    return {"plan": attack_priorities(DRIVERS, bench), "responsiveness": _care(), "tone": _tone(),
            "consideration": true_competitors(survey, ["A"], client="Us"),
            "bench": bench, "trend": benchmark_trend(frame, "Us")}


def test_attribute_credit_is_linear_from_two_points_behind():
    assert [attribute_credit(g) for g in (1.0, 0.0, -0.5, -1.0, -2.0, -3.5)] == [1, 1, 0.75, 0.5, 0, 0]


def test_every_part_scored_by_hand(inputs):
    score = competition_score(plan=inputs["plan"], responsiveness=inputs["responsiveness"],
                              consideration=inputs["consideration"], tone=inputs["tone"])
    points = score.components.set_index("component")["points"].to_dict()
    assert points == {
        # ease 50% x 0.5 (1 point behind) + reliability 30% x 1 (ahead) + price 20% x 0 (3 behind)
        # = 55% of 40 = 22.
        "Benchmark position": 22.0,
        "Posts answered": 7.5,          # 40% answered vs the best competitor's 80%: half of 15
        "Speed of answer": 1.9,         # a median of 240 min vs the fastest competitor's 30: 30/240 x 15 = 1.875
        "True competitors known": 8.0,  # listed brands get 40% of the mentions: 0.4 x 20
        "Tone of mentions": 5.0,        # net 0 vs +25: 25 of the 50 points to zero -> half of 10
    }
    # 22 + 7.5 + 1.875 + 8 + 5 = 44.375
    assert score.score == pytest.approx(44.4, abs=0.05)
    assert score.components["max_points"].sum() == 100
    assert score.headline().startswith("Competitive CX scores 44/100")


def test_the_bar_is_the_best_competitor_not_an_example_from_another_industry():
    # The best competitor answers only 20%: 15% earns 15/20 of the 15 points = 11.25, with no
    # other-industry floor (Delta's 30% would have given 7.5).
    score = competition_score(plan=None, responsiveness=_care(us_rate=15.0, best_rate=20.0),
                              consideration=None, tone=None)
    rows = score.components.set_index("component")
    assert rows.loc["Posts answered", "points"] == pytest.approx(11.2, abs=0.06)
    assert rows.loc["Posts answered", "basis"] == "15% of posts answered vs 20% for A"
    assert rows.loc["Speed of answer", "basis"] == "median time to answer 4 h vs 30 min for A"


def test_the_clients_own_benchmark_sets_the_bar_when_given():
    from cxlib.competition.social import Bar

    care = _care(us_rate=40.0, best_rate=80.0)
    own = Responsiveness(client="Us", table=care.table,
                         rate_benchmark=Bar(50.0, "your industry benchmark (Ofcom 2026)", own=True),
                         minutes_benchmark=Bar(120.0, "your industry benchmark (Ofcom 2026)", own=True))
    rows = competition_score(plan=None, responsiveness=own, consideration=None, tone=None).components
    rows = rows.set_index("component")
    # 40% of 50% -> 12 of 15; a median of 240 min against 120 -> half of 15 = 7.5
    assert rows.loc["Posts answered", "points"] == 12.0 and rows.loc["Speed of answer", "points"] == 7.5
    assert "vs 50% for your industry benchmark (Ofcom 2026)" in rows.loc["Posts answered", "basis"]


def test_without_a_competitor_or_a_benchmark_social_care_is_not_scored():
    alone = _care()
    alone = Responsiveness(client="Us", table=alone.table[alone.table["is_client"]])
    rows = competition_score(plan=None, responsiveness=alone, consideration=None, tone=None).components
    basis = rows.set_index("component").loc["Posts answered", "basis"]
    assert pd.isna(rows.set_index("component").loc["Posts answered", "points"])
    assert basis.startswith("not assessed: no competitor with enough posts to compare with")


def test_without_importance_the_attributes_weigh_the_same(inputs):
    plan = attack_priorities(None, inputs["bench"])
    score = competition_score(plan=plan, responsiveness=None, consideration=None, tone=None)
    # (0.5 + 1 + 0) / 3 of 40 = 20.
    assert score.components.set_index("component").loc["Benchmark position", "points"] == 20.0


def test_missing_data_earns_nothing_and_says_so():
    result = assess(consideration=None, bench=None, trend=None, plan=None, responsiveness=None, tone=None)
    assert result.step.score is None and result.step.maturity == "Not assessed"
    assert len(result.step.findings) == 3 and len(result.step.recommendations) == 3
    bases = " ".join(result.components["basis"])
    assert "no competitor benchmark provided" in bases and "no social dataset provided" in bases
    assert "does not ask" in bases
    assert any("No competitor benchmark was provided" in f for f in result.step.sentences)


def test_assessment_findings_and_recommendations(inputs):
    result = assess(consideration=inputs["consideration"], bench=inputs["bench"], trend=inputs["trend"],
                    plan=inputs["plan"], responsiveness=inputs["responsiveness"], tone=inputs["tone"])
    step = result.step
    assert step.step == 2 and step.score == pytest.approx(44.4, abs=0.05) and step.maturity == "Novice"
    assert 3 <= len(step.findings) <= 5
    # 3 of the 5 answered (two blanks): Nimbus 2 of 3 = 67%
    assert step.sentences[0].startswith("Nimbus, which is not on your competitor list, is named in 67% of the 3 "
                                        "answers to the question")
    assert step.sentences[1] == ("Ease, the survey rating that goes most closely with NPS (50% of the 3 ratings' "
                                 "joint link), is where Us trails A by 1.0 point on the 0\u201310 competitor "
                                 "benchmark (6.0 against 7.0).")
    assert step.findings[1].theme == "ease"
    assert {f.quantity: f.value for f in step.findings[1].figures} == {
        "share of explained NPS variance, ease": 50.0, "ease benchmark score, Us": 6.0,
        "ease benchmark score, A": 7.0, "ease: points behind the best competitor": 1.0}
    # the largest of several gaps is named as the largest of those compared
    assert step.sentences[2].startswith("Of the 3 attributes compared on the 0\u201310 competitor benchmark, Us "
                                        "leads every competitor on reliability")
    actions = [r.action for r in step.recommendations]
    assert actions[0] == "Close the ease gap to A: make it the first improvement programme"
    assert actions[1].startswith("Add Nimbus to the competitor list")
    assert [r.priority for r in step.recommendations] == list(range(1, len(actions) + 1))
    themes = [r.theme for r in step.recommendations]
    assert themes[:3] == ["ease", "competition", "social"]
    # halfway from 6.0 to A's 7.0; 40% of posts answered, halfway to A's 80% the target
    assert (step.recommendations[0].kpi.baseline, step.recommendations[0].kpi.target) == (6.0, 6.5)
    assert (step.recommendations[2].kpi.baseline, step.recommendations[2].kpi.target) == (40.0, 60.0)
    assert step.recommendations[2].kpi.basis == "halfway to A's 80%"
    # listed A gets 2 of the 5 mentions (40%); Nimbus adds its 2 -> 80%
    assert (step.recommendations[1].kpi.baseline, step.recommendations[1].kpi.target) == (40.0, 80.0)


def test_the_rule_text_states_every_weight_and_no_other_industry_bar():
    for words in ("(40)", "(15)", "(20)", "(10)", "best competitor's share", "fastest competitor's median",
                  '"social response rate"', '"social response hours"', "Mature from 75"):
        assert words in SCORE_RULE_TEXT
    # Delta and Sephora are named only in the closing note that says they are not a bar
    note = SCORE_RULE_TEXT.index("Published examples from other industries are not used as a bar")
    assert "Delta" not in SCORE_RULE_TEXT[:note] and "Sephora" not in SCORE_RULE_TEXT[:note]
