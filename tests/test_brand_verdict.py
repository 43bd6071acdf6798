"""Step 3's verdict: the score rule on hand-built results, missing data, and the demo's record."""
from __future__ import annotations

import pandas as pd
import pytest

from cxlib.brand import promise, reviews, verdict
from cxlib.brand.promise import PromiseGaps
from cxlib.brand.reviews import RatingSummary
from cxlib.journey import mapping, moments, paths
from cxlib.journey.mapping import JourneyMap
from cxlib.journey.moments import MomentsOfTruth
from cxlib.metrics.drivers import key_drivers


def gaps(*pairs) -> PromiseGaps:
    """Promise results from (internal, customer) pairs."""
    rows = [(f"a{i}", "p", f"attr_a{i}", internal, customer, customer - 0.1, customer + 0.1, 100,
             internal - customer, True, float("nan")) for i, (internal, customer) in enumerate(pairs)]
    return PromiseGaps(pd.DataFrame(rows, columns=promise.COLUMNS), level=0.95)


def ratings(praise: float) -> RatingSummary:
    return RatingSummary(n=200, mean=3.0, low=2.9, high=3.1, complaint_share=30.0,
                         praise_share=praise, distribution=pd.DataFrame(),
                         platforms=pd.DataFrame())


def journey_map(rated_per_stage: dict[str, int], satisfied: float) -> JourneyMap:
    stages = pd.DataFrame({"stage": list(rated_per_stage), "satisfaction_n": list(rated_per_stage.values()),
                           "effort": 3.0})
    table = pd.DataFrame({"stage": list(rated_per_stage), "touchpoint": "t",
                          "satisfaction_n": list(rated_per_stage.values()),
                          "satisfied_share": satisfied, "hot_spot": False})
    return JourneyMap(table=table, stages=stages, min_rated=30)


def truth(gap: float | None, linked: int = 80, customers: int = 100) -> MomentsOfTruth:
    row = {c: float("nan") for c in moments.COLUMNS}
    row.update(stage="onboarding", touchpoint="SIM activation", customers=50, bad=40,
               significant=gap is not None, gap=gap if gap is not None else 5.0, p_value=0.01)
    return MomentsOfTruth(table=pd.DataFrame([row], columns=moments.COLUMNS), customers=customers,
                          linked=linked, min_group=30)


def test_score_rule_adds_five_parts_of_twenty():
    stages = {s: 40 for s in mapping.STAGES[:6]} | {"advocacy": 10}  # 6 of 7 stages measured
    score = verdict.brand_score(
        promise=gaps((4.0, 3.0), (3.0, 3.5)),          # mean |gap| 0.75: 20 x (1 - 0.375) = 12.5
        ratings=ratings(praise=40.0),                   # 20 x 0.40 = 8
        journey_map=journey_map(stages, satisfied=50),  # 10 x 6/7 + 10 x 0.8 = 16.57; 20 x 0.5 = 10
        moments=truth(gap=30.0))                        # 20 x (1 - 30/60) = 10
    points = score.components.set_index("component")["points"]
    assert points.tolist() == pytest.approx([12.5, 8.0, 10 * 6 / 7 + 8.0, 10.0, 10.0])
    assert score.score == pytest.approx(round(12.5 + 8 + 10 * 6 / 7 + 8 + 10 + 10, 1))
    assert (score.components["max_points"] == 20).all()


def test_large_gaps_earn_nothing_and_no_moment_of_truth_earns_everything():
    score = verdict.brand_score(promise=gaps((5.0, 2.5)), ratings=None, journey_map=None,
                                moments=truth(gap=None))
    points = score.components.set_index("component")["points"]
    assert points["Promise seen as customers see it"] == 0.0  # gap 2.5 >= 2
    assert points["Moments of truth under control"] == 20.0
    assert verdict.brand_score(promise=None, ratings=None, journey_map=None,
                               moments=truth(gap=75.0)).components["points"].iloc[-1] == 0.0


def test_missing_data_earns_nothing_and_still_gives_a_full_record():
    result = verdict.assess(promise=None, ratings=None, complaints=None, change=None,
                            journey_map=None, reach=None, transitions=None, shapes=None,
                            paths=None, moments=None)
    # nothing measurable: not assessed, never 0/100
    assert result.step.score is None and result.step.maturity == "Not assessed"
    assert 3 <= len(result.step.findings) <= 5 and 3 <= len(result.step.recommendations) <= 5
    assert all(b.startswith("not assessed: ") for b in result.components["basis"])
    text = " ".join(result.step.findings)
    assert "no journey dataset" in text and "no reviews dataset" in text


@pytest.fixture(scope="module")
def demo_result(demo):
    survey, journey, public = demo["survey"], demo["journey"], demo["reviews"]
    return verdict.assess(
        promise=promise.promise_gaps(demo["brand_promise"], survey,
                                     importance=key_drivers(survey, n_boot=50).table),
        ratings=reviews.rating_summary(public), complaints=reviews.complaint_touchpoints(public),
        change=reviews.last_month_change(public), journey_map=mapping.journey_map(journey),
        reach=mapping.stage_reach(journey), transitions=paths.transition_matrix(journey),
        shapes=paths.path_shapes(journey), paths=paths.common_paths(journey),
        moments=moments.moments_of_truth(journey, survey))


def test_demo_scores_as_a_novice(demo_result):
    step = demo_result.step
    assert step.step == 3 and step.maturity == "Novice"
    assert 40 <= step.score <= 55
    points = demo_result.components.set_index("component")["points"]
    assert points["Moments of truth under control"] == 0.0  # an 80-point gap
    assert points["Journey mapped from data"] >= 18


def test_demo_findings_state_the_planted_truths_with_numbers(demo_result):
    findings = demo_result.step.findings
    assert len(findings) == 5
    assert findings[0].startswith("Leadership rates the ease promise 4.8 of 5 while customers "
                                  "rate it 2.80")
    assert findings[1].startswith("SIM activation (onboarding) is the worst moment of truth")
    assert "although its average ratings do not make it a hot spot" in findings[1]
    assert "41% of the moves out of onboarding go to support" in findings[2]
    assert "App account is named in 38% of complaints" in findings[3]
    assert "consideration to purchase" in findings[4]


def test_demo_recommendations_put_sim_activation_first(demo_result):
    recs = sorted(demo_result.step.recommendations, key=lambda r: r.priority)
    assert [r.priority for r in recs] == [1, 2, 3, 4, 5]
    assert recs[0].action == "Fix SIM activation first"
    assert "ease promise" in recs[1].action
    assert "Google Play" in recs[3].action and "App Store" in recs[3].action
