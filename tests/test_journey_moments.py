"""Moments of truth: NPS gaps on a constructed journey with known answers, then the demo."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from cxlib.demo import journey as demo_journey
from cxlib.journey import mapping, moments

ANSWERED = pd.Timestamp("2026-06-01")


def build(groups) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Journey and survey from (touchpoint, satisfaction, nps, how many customers) groups.

    Every customer rates the touchpoint once, a week before their only survey answer.
    """
    events, answers = [], []
    for touchpoint, satisfaction, score, count in groups:
        for _ in range(count):
            customer = f"C-{len(answers):04d}"
            events.append((customer, ANSWERED - pd.Timedelta(days=7), "onboarding", touchpoint,
                           satisfaction, 4))
            answers.append((f"R-{len(answers):04d}", customer, ANSWERED, score))
    journey = pd.DataFrame(events, columns=["customer_id", "occurred_at", "stage", "touchpoint",
                                            "satisfaction", "effort"])
    survey = pd.DataFrame(answers, columns=["response_id", "customer_id", "responded_at", "nps"])
    return journey, survey


# SIM activation: 40 rated it 1-2 (30 detractors, 10 promoters: NPS -50),
# 40 rated it 4 (30 promoters, 10 detractors: NPS +50). Welcome email: too few bad ratings.
GROUPS = [("SIM activation", 1, 0, 30), ("SIM activation", 2, 10, 10),
          ("SIM activation", 4, 10, 30), ("SIM activation", 4, 3, 10),
          ("Welcome email", 2, 0, 5), ("Welcome email", 5, 9, 40)]


def test_latest_nps_takes_each_customers_last_answered_score():
    survey = pd.DataFrame({
        "response_id": ["R1", "R2", "R3", "R4"], "customer_id": ["A", "A", "A", "B"],
        "responded_at": pd.to_datetime(["2026-01-01", "2026-03-01", "2026-05-01", "2026-02-01"]),
        "nps": [3, 9, None, 7]})
    latest = moments.latest_nps(survey).set_index("customer_id")
    assert latest.loc["A", "nps"] == 9 and latest.loc["A", "answered_at"] == pd.Timestamp("2026-03-01")
    assert latest.loc["B", "nps"] == 7


def test_gap_and_interval_of_a_bad_against_a_fine_experience():
    journey, survey = build(GROUPS)
    result = moments.moments_of_truth(journey, survey)
    row = result.table.set_index("touchpoint").loc["SIM activation"]
    assert (row["customers"], row["bad"]) == (80, 40)
    assert (row["nps_bad"], row["nps_rest"], row["gap"]) == pytest.approx((-50, 50, 100))
    # each group: p + d - (p - d)^2 = 1 - 0.25 = 0.75, / 40 = 0.01875; two groups: 0.0375
    half = 1.959964 * math.sqrt(0.0375) * 100  # 37.95 points
    assert (row["low"], row["high"]) == pytest.approx((100 - half, 100 + half), abs=0.01)
    assert row["significant"]
    # 40 of the 125 surveyed customers lose 100 points: 32 points of the overall NPS at stake
    assert row["at_stake"] == pytest.approx(40 / 125 * 100)
    assert result.worst()["touchpoint"] == "SIM activation"
    # the range goes to the appendix's figures; the sentence states the gap and whom it rests on
    assert "gave an NPS of −50 against +50 for the other 40, a gap of 100 points" in result.headline()
    assert "CI" not in result.headline() and "n =" not in result.headline()
    gap = {f.quantity: f for f in result.finding().figures}["NPS gap when SIM activation goes badly"]
    assert (gap.value, gap.low, gap.high) == pytest.approx((100, 100 - half, 100 + half), abs=0.01)


def test_a_touchpoint_with_too_few_bad_experiences_is_not_tested():
    journey, survey = build(GROUPS)
    result = moments.moments_of_truth(journey, survey)
    email = result.table.set_index("touchpoint").loc["Welcome email"]
    assert email["bad"] == 5 and math.isnan(email["p_value"]) and not email["significant"]
    assert list(result.tested["touchpoint"]) == ["SIM activation"]
    assert result.table.iloc[-1]["touchpoint"] == "Welcome email"  # untested rows go last


def test_experiences_after_the_answer_do_not_count():
    journey, survey = build(GROUPS)
    late = journey[journey["touchpoint"] == "SIM activation"].iloc[[-1]].assign(
        occurred_at=ANSWERED + pd.Timedelta(days=1), satisfaction=1)  # a fine customer, later
    result = moments.moments_of_truth(pd.concat([journey, late]), survey)
    assert result.table.set_index("touchpoint").loc["SIM activation", "bad"] == 40


def test_high_effort_split_uses_effort_six_or_more():
    journey, survey = build(GROUPS)
    journey.loc[journey["satisfaction"] <= 2, "effort"] = 7
    result = moments.moments_of_truth(journey, survey)
    row = result.table.set_index("touchpoint").loc["SIM activation"]
    assert row["high_effort"] == 40 and row["effort_gap"] == pytest.approx(100)


def test_no_gap_beyond_chance_when_experience_and_nps_are_unrelated():
    rng = np.random.default_rng(3)
    groups = [("Roaming", int(s), int(n), 1) for s, n in zip(rng.integers(1, 6, 400),
                                                             rng.integers(0, 11, 400))]
    journey, survey = build(groups)
    result = moments.moments_of_truth(journey, survey)
    assert result.worst() is None
    # worded as association, not cause (deliberately changed from "moves NPS")
    assert result.headline().startswith("No touchpoint's failure goes with a lower NPS beyond chance")


def test_fix_first_table_reads_like_the_report():
    journey, survey = build(GROUPS)
    table = moments.moments_of_truth(journey, survey).fix_first()
    assert table.iloc[0][["Touchpoint", "NPS if 1-2", "NPS if not", "Gap, points (95% range)"]].tolist() \
        == ["SIM activation", "−50", "+50", "100\u00a0(62\u00a0to\u00a0138)"]


def test_the_gap_stated_is_the_difference_of_the_rounded_scores():
    # −32.4 and +47.6 print as −32 and +48: the sentence says 80, not round(80.0) by luck of the data
    row = pd.Series({"nps_bad": -32.4, "nps_rest": 47.6, "gap": 80.0})
    assert moments.stated_gap(row) == 80
    row = pd.Series({"nps_bad": -32.6, "nps_rest": 47.4, "gap": 80.0})
    assert moments.stated_gap(row) == 80  # −33 against +47
    row = pd.Series({"nps_bad": -32.4, "nps_rest": 47.4, "gap": 79.8})
    assert moments.stated_gap(row) == 79  # −32 against +47, although 79.8 rounds to 80


def test_demo_worst_moment_is_stated_as_an_association_and_the_largest_of_those_compared(demo):
    # by hand on the demo: 69 of the 317 customers who rated SIM activation gave it 1-2 of 5; their NPS
    # is −32 against +48 for the other 248: 80 points, the largest of the 13 touchpoints compared
    result = moments.moments_of_truth(demo["journey"], demo["survey"])
    text = result.finding(mapping.journey_map(demo["journey"])).text
    assert text == ("Customers who rated SIM activation 1-2 of 5 (69 of 317) gave an NPS of −32 against +48 for "
                    "the rest, a gap of 80 points: the largest of the 13 touchpoint gaps compared, though its "
                    "average ratings do not make it a hot spot.")
    assert len(text.split()) <= 45
    assert result.title() == "A bad SIM activation goes with an NPS 80 points lower"
    note = result.method_note()
    assert "Benjamini-Hochberg" in note and "SIM activation: p < 0.001" in note


def test_demo_sim_activation_is_the_worst_moment_of_truth(demo):
    truths = demo_journey.TRUTHS
    result = moments.moments_of_truth(demo["journey"], demo["survey"])
    worst = result.worst()
    assert (worst["touchpoint"], worst["stage"]) == (truths.worst_moment, truths.worst_moment_stage)
    assert worst["gap"] == pytest.approx(truths.worst_moment_gap, abs=8)
    significant = result.tested[result.tested["significant"]]
    assert list(significant["touchpoint"]) == [truths.worst_moment, truths.second_moment]
    assert significant.iloc[1]["gap"] == pytest.approx(truths.second_moment_gap, abs=8)
    note = result.unflagged_by_averages(mapping.journey_map(demo["journey"]))
    assert note == ("Averages alone would miss it: it is not a hot spot of the journey map (mean satisfaction "
                    "3.2 of 5, effort 4.6 of 7).")


def test_another_seed_names_the_same_worst_moment_of_truth():
    from cxlib.demo import build as build_demo

    frames = build_demo(seed=7)
    worst = moments.moments_of_truth(frames["journey"], frames["survey"]).worst()
    assert worst["touchpoint"] == demo_journey.TRUTHS.worst_moment
