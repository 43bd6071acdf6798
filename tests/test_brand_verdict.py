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
    assert 3 <= len(result.step.sentences) <= 5 and 3 <= len(result.step.recommendations) <= 5
    assert all(b.startswith("not assessed: ") for b in result.components["basis"])
    text = " ".join(result.step.sentences)
    assert "no journey dataset" in text and "no reviews dataset" in text


@pytest.fixture(scope="module")
def demo_parts(demo) -> dict:
    survey, journey, public = demo["survey"], demo["journey"], demo["reviews"]
    return dict(
        promise=promise.promise_gaps(demo["brand_promise"], survey,
                                     importance=key_drivers(survey, n_boot=50).table),
        ratings=reviews.rating_summary(public), complaints=reviews.complaint_touchpoints(public),
        change=reviews.last_month_change(public), journey_map=mapping.journey_map(journey),
        reach=mapping.stage_reach(journey), transitions=paths.transition_matrix(journey),
        shapes=paths.path_shapes(journey), paths=paths.common_paths(journey),
        moments=moments.moments_of_truth(journey, survey))


@pytest.fixture(scope="module")
def demo_result(demo_parts):
    return verdict.assess(**demo_parts)


def test_demo_body_sentences_titles_and_headers_use_plain_words(demo_parts, demo):
    # methods belong to the appendix: no test name, "CI", "p =" or "n =" in what the body shows
    from cxlib.wording import MINUS, method_words

    tone = reviews.review_tone(demo["reviews"])
    texts = [r.headline() for r in (*demo_parts.values(), tone)]
    texts += [r.title() for r in demo_parts.values() if hasattr(r, "title")]
    tables = [demo_parts["promise"].report_table(), demo_parts["ratings"].platform_table(), tone.report_table(),
              demo_parts["moments"].fix_first(), demo_parts["shapes"].moves_table(),
              demo_parts["journey_map"].hot_spot_table()]
    texts += [" ".join(map(str, t.columns)) for t in tables]
    for text in texts:
        assert not method_words(text) and "n =" not in text, text
    # signed numbers carry a true minus, never a hyphen
    assert tone.report_table()["Mean tone (\u22121 to +1)"].iloc[0] == MINUS + "0.61"
    assert demo_parts["moments"].fix_first()["NPS if 1-2"].iloc[0] == MINUS + "32"
    notes = verdict.method_notes(change=demo_parts["change"], moments=demo_parts["moments"])
    assert "Welch" in notes and "Benjamini-Hochberg" in notes and "p < 0.001" in notes


def test_demo_scores_as_a_novice(demo_result):
    step = demo_result.step
    assert step.step == 3 and step.maturity == "Novice"
    assert 40 <= step.score <= 55
    points = demo_result.components.set_index("component")["points"]
    assert points["Moments of truth under control"] == 0.0  # an 80-point gap
    assert points["Journey mapped from data"] >= 18


def test_demo_findings_state_the_planted_truths_with_numbers(demo_result):
    findings = demo_result.step.sentences
    assert len(findings) == 5
    assert findings[0].startswith("Leadership rates the ease promise 4.8 of 5 while 4,836 surveyed customers "
                                  "rate it 2.8: a gap of 2.0 points")
    assert findings[1].startswith("Customers who rated SIM activation 1-2 of 5 (69 of 317) gave an NPS of −32 "
                                  "against +48 for the rest, a gap of 80 points: the largest of the 13 touchpoint "
                                  "gaps compared")
    assert "though its average ratings do not make it a hot spot" in findings[1]
    # a move is a change of stage: 935 of the 2,101 moves out of onboarding (not of 2,304 next events)
    assert "45% of the moves out of onboarding go to support" in findings[2]
    assert "App account is named in 38% of complaints" in findings[3]
    # 3.14 -> 3.1 and 2.55 -> 2.5 (rounded first): the difference printed is theirs, 0.6
    assert "against the months before, average stars in Oct 2026 went from 3.1 to 2.5, 0.6 lower" in findings[3]
    assert "first seen at awareness by 28 May 2026" in findings[4] and "63% of the 958" in findings[4]
    # the summary page holds five findings: each short, in plain words, no causal verb
    from cxlib.wording import method_words
    for text in findings:
        assert len(text.split()) <= 45 and not method_words(text) and "n =" not in text
        assert not any(word in text.lower() for word in ("drives", "lift", "because", "worth"))


def test_demo_recommendations_put_sim_activation_first(demo_result):
    recs = sorted(demo_result.step.recommendations, key=lambda r: r.priority)
    assert [r.priority for r in recs] == [1, 2, 3, 4, 5]
    assert recs[0].action == "Fix SIM activation first"
    # the rationale states an association, not what a fix would earn
    assert recs[0].rationale == ("Customers whose SIM activation went badly (22% rated it 1-2 of 5) gave an NPS 80 "
                                 "points lower than the rest, the largest of the 13 touchpoint gaps compared.")
    assert "Google Play from 3.0 to 2.4, 0.6 lower" in recs[3].rationale
    assert "ease promise" in recs[1].action
    assert "Google Play" in recs[3].action and "App Store" in recs[3].action


def test_demo_promise_finding_names_the_gap_and_its_scale(demo_result):
    # planted: leadership 4.8 against the customers' 2.80 on the survey's 1-5 ease rating (not the CES scale)
    first = demo_result.step.findings[0]
    assert first.theme == "ease" and first.source == "cxlib.brand.promise.promise_gaps"
    assert "a gap of 2.0 points on that 1-5 scale" in first.text
    assert "the largest of the 6 promise gaps, on the rating that goes most closely with NPS" in first.text
    figures = {f.quantity: f for f in first.figures}
    assert figures["leadership's rating of the ease promise"].value == 4.8
    customers = figures["customers' rating of the ease promise"]
    assert customers.value == pytest.approx(2.80, abs=0.005) and customers.unit == "of 5"
    assert customers.population.startswith("survey answers, ease rating (n = 4,836)")
    assert customers.low < customers.value < customers.high  # its 95% range, for the appendix
    gap = figures["gap between promise and experience, ease"].value
    assert gap == pytest.approx(4.8 - customers.value)
    assert figures["share of explained NPS variance, ease"].value == pytest.approx(41, abs=0.5)


def test_demo_moments_and_journey_figures(demo_result):
    moments_finding, journey_finding = demo_result.step.findings[1:3]
    gaps = {f.quantity: f.value for f in moments_finding.figures}
    nps_bad = gaps["NPS, customers who rated SIM activation 1-2 of 5"]
    nps_rest = gaps["NPS, customers who rated SIM activation 3-5 of 5"]
    assert gaps["NPS gap when SIM activation goes badly"] == round(nps_rest) - round(nps_bad) == 80
    assert round(nps_bad) == -32 and round(nps_rest) == 48  # as the sentence prints them
    # the journey log's effort rating runs the other way from CES (7 = hardest) and says so
    assert "mean effort 4.8 of 7, where 7 is hardest" in journey_finding.text
    assert journey_finding.figures[0].unit == "of 7"


def test_demo_recommendations_carry_themes_and_kpis(demo_result):
    recs = sorted(demo_result.step.recommendations, key=lambda r: r.priority)
    assert [r.theme for r in recs] == ["journey", "ease", "journey", "brand", "journey"]
    promise_kpi = recs[1].kpi
    # halfway from the customers' 2.80 to leadership's 4.8
    assert promise_kpi.baseline == pytest.approx(2.80, abs=0.005)
    assert promise_kpi.target == pytest.approx((promise_kpi.baseline + 4.8) / 2)
    stars = recs[3].kpi
    assert stars.metric == "Mean review stars" and stars.target > stars.baseline
    assert recs[0].kpi.metric == "SIM activation rated 1-2 of 5" and not recs[0].kpi.higher_is_better


def test_a_returns_promise_is_a_brand_move_and_the_gap_figure_is_computed():
    result = verdict.assess(promise=gaps((4.5, 2.5), (4.0, 3.9)), ratings=ratings(50.0))
    first = result.step.findings[0]
    assert first.theme == "brand"
    assert {f.quantity: f.value for f in first.figures}["gap between promise and experience, a0"] == pytest.approx(2.0)
    move = next(r for r in result.step.recommendations if "a0 promise" in r.action)
    assert move.theme == "brand" and move.kpi.baseline == 2.5 and move.kpi.target == pytest.approx(3.5)
    # the missing journey asks for data, with the parts assessed as its measure (2 of 5)
    data = next(r for r in result.step.recommendations if r.theme == "data")
    assert (data.kpi.baseline, data.kpi.target) == (2.0, 5.0)
