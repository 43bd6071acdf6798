"""Evidence per practice: the 1-5 conversion, each measure on small frames, and the demo's truths."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cxlib.demo.governance import TRUTHS
from cxlib.obsession import evidence, readings
from cxlib.obsession.evidence import combine, to_scale
from cxlib.obsession.readings import Reading


# --- the conversion --------------------------------------------------------------------------------
def test_to_scale_draws_a_line_through_the_two_anchors():
    assert to_scale(0.38, 0.0, 1.0) == pytest.approx(2.52)       # 1 + 4 x 0.38
    assert to_scale(0.10, 0.0, 0.5) == pytest.approx(1.8)        # 1 + 4 x 0.10 / 0.50
    assert to_scale(4.0, 1, 7) == pytest.approx(3.0)             # 1 + 4 x 3 / 6
    assert to_scale(3.2, 1, 5) == pytest.approx(3.2)             # a 1-5 mean is used as it is


def test_to_scale_runs_backwards_when_less_is_better():
    assert to_scale(10.0, 40.0, 0.0) == pytest.approx(4.0)       # 1 + 4 x (10 - 40) / (0 - 40)
    assert to_scale(0.0, 40.0, 0.0) == 5.0


def test_to_scale_holds_values_beyond_the_anchors_and_keeps_nan():
    assert to_scale(0.8, 0.0, 0.5) == 5.0
    assert to_scale(55.0, 40.0, 0.0) == 1.0
    assert np.isnan(to_scale(float("nan"), 0.0, 1.0))
    with pytest.raises(ValueError):
        to_scale(1.0, 2.0, 2.0)


def test_every_practice_has_at_least_one_measure_and_every_measure_a_rule():
    practices = {m.practice for m in evidence.MEASURES}
    assert practices == {p.key for p in evidence.PRACTICES}
    assert all(m.rule and m.fact for m in evidence.MEASURES)
    assert evidence.MEASURE_BY_KEY["no_repeat"].fact_text(0.53) == \
        "customers repeat information in 47% of channel switches"


# --- the measures on frames small enough to check by hand ----------------------------------------
def test_staff_readings_use_mean_agreement_and_the_share_in_monthly_contact():
    staff = pd.DataFrame({
        "respondent_id": ["E1", "E2", "E3", "E4"], "department": ["A", "A", "B", "B"],
        "level": ["frontline"] * 4, "customer_contact": ["daily", "never", "monthly", "yearly"],
        "q_hired_for_customer_focus": [4, 2, 3, 5], "q_received_cx_training": [1, 2, np.nan, 3],
    })
    hired, training, contact = readings.staff_readings(staff)
    assert hired.value == pytest.approx(3.5) and hired.n == 4          # (4 + 2 + 3 + 5) / 4
    assert training.value == pytest.approx(2.0) and training.n == 3    # (1 + 2 + 3) / 3
    assert contact.value == pytest.approx(0.5)                         # daily and monthly of 4
    assert to_scale(contact.value, 0, 1) == pytest.approx(3.0)
    assert "50% of 4 staff" in contact.finding and "25% never do" in contact.finding


def test_effort_reading_converts_the_mean_ces():
    reading = readings.effort_reading(pd.DataFrame({"ces": [7, 4, 1, np.nan]}))
    assert reading.value == pytest.approx(4.0) and reading.n == 3
    assert to_scale(reading.value, 1, 7) == pytest.approx(3.0)


def test_social_readings_count_the_clients_posts_only():
    social = pd.DataFrame({
        "brand": ["Acme", "Acme", "Acme", "Acme", "Rival"],
        "platform": ["X"] * 5,
        "posted_at": pd.to_datetime(["2026-01-01 09:00"] * 5),
        "text": ["slow", "bad", "ok", "hello", "great"],
        "responded": [True, True, False, False, True],
        "responded_at": pd.to_datetime(["2026-01-01 10:00", "2026-01-01 12:20", None, None,
                                        "2026-01-01 09:05"]),
    })
    answered, speed = readings.social_readings(social, "Acme")
    assert answered.value == pytest.approx(0.5) and answered.n == 4     # 2 of Acme's 4 posts
    assert speed.value == pytest.approx(0.5) and speed.n == 2           # 60 min yes, 200 min no
    assert to_scale(speed.value, 0, 0.5) == 5.0                         # half within 2 h: full marks
    missing = readings.social_readings(social, "Nobody")
    assert not missing[0].available and "no posts about the client" in missing[0].note


def test_delight_readings_take_the_share_of_top_marks():
    survey = pd.DataFrame({"csat": [5, 5, 4, 1]})
    reviews = pd.DataFrame({"platform": ["G"] * 4, "rating": [5, 1, 2, 3]})
    top_box, five_star = readings.delight_readings(survey, reviews)
    assert top_box.value == pytest.approx(0.5)           # 2 of 4 -> 5 at the 50% anchor
    assert five_star.value == pytest.approx(0.25)        # 1 of 4 -> 1 + 4 x 0.25 / 0.5 = 3
    assert to_scale(five_star.value, 0, 0.5) == pytest.approx(3.0)


def test_language_readings_count_messages_without_jargon_and_at_grade_8():
    messages = pd.DataFrame({
        "asset_id": ["M1", "M2"], "channel": ["web", "app"], "audience": ["all", "all"],
        "text": ["We leverage best-in-class synergies to optimise end-to-end value creation "
                 "across the enterprise ecosystem.",
                 "You can pay your bill in the app. It takes a minute."],
    })
    jargon_free, plain = readings.language_readings(messages, "Acme")
    assert jargon_free.value == pytest.approx(0.5) and jargon_free.n == 2
    assert plain.value == pytest.approx(0.5)
    assert jargon_free.finding.startswith("1 of 2 messages")


def test_continuity_reading_is_the_share_of_switches_without_repeating():
    interactions = pd.DataFrame({
        "interaction_id": [f"I{i}" for i in range(6)], "customer_id": ["C1"] * 6,
        "channel": ["chat", "phone", "store", "phone", "chat", "phone"],
        "started_at": pd.date_range("2026-01-01", periods=6, freq="D"),
        "previous_channel": [None, "chat", "phone", "store", "phone", "phone"],
        "resolved": [False, True, True, False, True, True],
        "repeated_info": [None, True, False, False, False, True],
    })
    reading = readings.continuity_reading(interactions)
    # 4 switches (the last contact stays on the phone), 1 with repeated information
    assert reading.n == 4 and reading.value == pytest.approx(0.75)
    assert to_scale(reading.value, 0, 1) == pytest.approx(4.0)


def test_consistency_readings_compare_channels_and_stages():
    survey = pd.DataFrame({"channel": ["chat"] * 30 + ["phone"] * 30 + ["web"] * 5,
                           "csat": [5] * 30 + [4] * 18 + [2] * 12 + [1] * 5})
    journey = pd.DataFrame({
        "stage": ["support"] * 60 + ["usage"] * 40,
        "channel": ["store"] * 30 + ["phone"] * 30 + ["app"] * 40,
        "satisfaction": [4] * 30 + [5] * 24 + [1] * 6 + [3] * 40,
    })
    by_survey, by_journey = readings.consistency_readings(survey, journey)
    # chat 100% satisfied, phone 18/30 = 60%; web has too few answers -> 40 points -> score 1
    assert by_survey.value == pytest.approx(40.0)
    assert to_scale(by_survey.value, 40, 0) == 1.0
    # support: store 100%, phone 80% -> 20 points; usage has a single channel and is left out
    assert by_journey.value == pytest.approx(20.0)
    assert to_scale(by_journey.value, 40, 0) == pytest.approx(3.0)
    assert by_journey.finding == ("20 points at support, the one stage served by two channels or "
                                  "more: 100% (store) against 80% (phone)")
    assert by_survey.finding == "40 points: from 100% (chat) to 60% (phone) across 2 channels"


def test_combine_averages_a_practices_measures_and_their_bounds():
    result = combine([Reading("social_answered", 0.5, 0.4, 0.6, 100),
                      Reading("social_speed", 0.25, 0.2, 0.3, 50)])
    row = result.practices.set_index("practice").loc["social_monitoring"]
    # answered 1 + 4 x 0.5 = 3.0 (2.6-3.4); speed 1 + 4 x 0.25 / 0.5 = 3.0 (2.6-3.4)
    assert row["evidence"] == pytest.approx(3.0)
    assert (row["low"], row["high"]) == (pytest.approx(2.6), pytest.approx(3.4))
    assert row["measures"] == 2 and row["sources"] == "social"
    other = result.practices.set_index("practice").loc["personalize"]
    assert np.isnan(other["evidence"]) and other["basis"].startswith("no evidence: self-assessment only")


def test_without_any_dataset_every_practice_says_it_has_no_evidence():
    result = evidence.gather_evidence()
    assert result.covered == 0
    assert result.practices["basis"].str.startswith("no evidence: self-assessment only").all()
    assert "no social dataset provided" in result.practices.set_index("practice") \
        .at["social_monitoring", "basis"]
    assert "Not available" in result.evidence_table()["What the data show"].iloc[0]
    assert result.headline().startswith("None of the ten practices")


# --- the demo ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_evidence(demo):
    return evidence.gather_evidence(
        **{k: demo.get(k) for k in ("survey", "reviews", "social", "messages", "interactions",
                                     "channels", "journey", "employees")}, client=demo.config.name)


def test_the_demo_speaks_to_all_ten_practices(demo_evidence):
    assert demo_evidence.covered == 10
    assert demo_evidence.items["available"].all()


def test_the_demo_evidence_recovers_the_planted_scores(demo_evidence):
    t = TRUTHS
    assert demo_evidence.score("social_monitoring") == pytest.approx(t.social_evidence, abs=t.tolerance)
    assert demo_evidence.score("seamless_transitions") == pytest.approx(t.seamless_evidence, abs=t.tolerance)
    assert demo_evidence.score(t.realistic) == pytest.approx(t.realistic_evidence, abs=t.tolerance)
    assert demo_evidence.score(t.modest) == pytest.approx(t.modest_evidence, abs=t.tolerance)
    assert demo_evidence.facts("social_monitoring") == \
        "38% of posts answered and 12% of answers within 2 hours"
