import numpy as np
import pandas as pd
import pytest

from cxlib.metrics.customer import (
    customer_health,
    customer_view,
    pick_showcase_customer,
)


def customers():
    return pd.DataFrame({
        "customer_id": ["c1", "c2", "c3", "c4", "c5"],
        "segment": ["consumer", "business", "consumer", "consumer", "business"],
        "signup_date": pd.to_datetime(["2024-05-01", "2023-01-15", "2022-07-01", "2025-02-01",
                                       "2021-01-01"]),
        "revenue_12m": [900.0, 2000.0, 1500.0, 300.0, 5000.0],
        "churned": pd.array([False, False, True, False, False], dtype="boolean"),
        "churned_at": pd.to_datetime([None, None, "2026-04-02", None, None]),
    })


def survey():
    """c1: 9 then 3 (CES 6 then 2); c2: one 10; c3: 5 then 4, churned; c4: one 8 with CES 3.

    c5 never answered. c1's later answer is listed first, so only the date orders them.
    """
    return pd.DataFrame({
        "response_id": ["r1", "r2", "r3", "r4", "r5", "r6"],
        "customer_id": ["c1", "c1", "c2", "c3", "c3", "c4"],
        "responded_at": pd.to_datetime(["2026-03-05", "2026-01-10", "2026-02-01", "2026-01-01",
                                        "2026-03-01", "2026-02-20"]),
        "channel": ["phone", "store", "app", "web", "web", "chat"],
        "segment": ["consumer", "consumer", "business", "consumer", "consumer", "consumer"],
        "nps": pd.array([3, 9, 10, 5, 4, 8], dtype="Int64"),
        "csat": pd.array([1, 5, 5, 3, 2, None], dtype="Int64"),
        "ces": pd.array([2, 6, 7, 5, 5, 3], dtype="Int64"),
        "comment": pd.array(["Waited ages, call me on 415-555-0142", "Love it", None, "Meh",
                             "Leaving", "Hard to use"], dtype="string"),
    })


def journey():
    return pd.DataFrame({
        "customer_id": ["c1", "c1", "c1", "c1", "c2"],
        "occurred_at": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-02-02", "2026-01-20",
                                       "2026-01-01"]),
        "stage": ["onboarding", "support", "support", "usage", "support"],
        "touchpoint": ["welcome call", "phone", "chat", "app", "phone"],
        "channel": ["phone", "phone", "chat", "app", "phone"],
        "satisfaction": pd.array([4, 1, 2, 3, 5], dtype="Int64"),
        "effort": pd.array([2, 6, 7, None, 1], dtype="Int64"),
    })


def test_health_has_one_row_per_surveyed_customer_at_risk_first():
    health = customer_health(survey(), customers())
    assert list(health.columns) == [
        "customer_id", "segment", "responses", "latest_nps", "nps_change", "latest_ces",
        "revenue_12m", "churned", "at_risk",
    ]
    # at risk: c1 (NPS 3) and c4 (CES 3), by revenue; then c2 and c3 by revenue; c5 never answered
    assert health["customer_id"].tolist() == ["c1", "c4", "c2", "c3"]
    assert health["at_risk"].tolist() == [True, True, False, False]


def test_health_latest_values_and_change_follow_the_dates():
    health = customer_health(survey(), customers()).set_index("customer_id")
    assert health.loc["c1", "responses"] == 2
    assert health.loc["c1", "latest_nps"] == 3
    assert health.loc["c1", "nps_change"] == -6  # 3 (March) - 9 (January)
    assert health.loc["c1", "latest_ces"] == 2
    assert np.isnan(health.loc["c2", "nps_change"])  # one response only
    # c3's latest NPS is 4 (a detractor) but c3 already churned: not "at risk" any more
    assert health.loc["c3", "latest_nps"] == 4 and health.loc["c3", "churned"]
    assert not health.loc["c3", "at_risk"]


def test_showcase_is_the_richest_at_risk_customer_with_a_trajectory():
    assert pick_showcase_customer(customer_health(survey(), customers())) == "c1"


def test_showcase_falls_back_to_the_richest_at_risk_customer():
    single = survey()[survey()["response_id"] != "r2"]  # c1 now has one response
    assert pick_showcase_customer(customer_health(single, customers())) == "c1"  # 900 > 300


def test_customer_view_profile_responses_and_journey():
    view = customer_view("c1", survey=survey(), customers=customers(), journey=journey())
    profile = dict(zip(view.profile["field"], view.profile["value"]))
    assert profile["Customer"] == "c1"  # the id is in the (internal) table, never in the sentence
    assert profile["Segment"] == "consumer"
    assert profile["Customer since"] == "1 May 2024"
    assert profile["Revenue, last 12 months"] == "900"
    assert profile["Churned"] == "no"
    assert profile["Surveys answered"] == "2"
    assert profile["Latest NPS"] == "3 (detractor)"
    assert profile["Latest CES"] == "2 of 7"
    assert list(view.responses.columns) == ["date", "channel", "nps", "csat", "ces", "comment"]
    assert view.responses["channel"].tolist() == ["store", "phone"]  # oldest first
    assert view.responses["comment"].tolist() == [
        "Love it", "Waited ages, call me on [phone removed]",
    ]
    # stages in journey order; support: 2 events, satisfaction (1 + 2) / 2, effort (6 + 7) / 2
    assert view.journey["stage"].tolist() == ["onboarding", "usage", "support"]
    assert view.journey["events"].tolist() == [1, 1, 2]
    support = view.journey.set_index("stage").loc["support"]
    assert support["mean_satisfaction"] == pytest.approx(1.5)
    assert support["mean_effort"] == pytest.approx(6.5)
    assert np.isnan(view.journey.set_index("stage").loc["usage", "mean_effort"])


def test_the_shown_profile_pairs_the_fields_in_two_columns():
    view = customer_view("c1", survey=survey(), customers=customers(), journey=journey())
    shown = view.profile_shown()
    assert len(shown) == 5  # ten fields, five rows
    assert shown.iloc[0].tolist() == ["Customer", "c1", "Surveys answered", "2"]
    assert shown["Their answers"].tolist()[-1] == "Journey events"


def test_customer_view_headline_tells_the_trajectory():
    view = customer_view("c1", survey=survey(), customers=customers(), journey=journey())
    assert view.headline() == (
        "This consumer customer, with revenue of 900 over 12 months, answered 2 surveys and is still a "
        "customer: NPS went from 9 to 3; the weakest journey stage is support (satisfaction 1.5 of 5)."
    )
    assert "c1" not in view.headline()
    profile = dict(zip(view.profile["field"], view.profile["value"]))
    assert profile["NPS change"] == "\u22126"  # 9 -> 3, with the minus sign, not a hyphen


def test_churned_customer_shows_the_churn_date_and_no_journey_without_data():
    view = customer_view("c3", survey=survey(), customers=customers())
    profile = dict(zip(view.profile["field"], view.profile["value"]))
    assert profile["Churned"] == "yes (2 Apr 2026)"
    assert view.journey.empty
    assert "has churned" in view.headline()


def test_unknown_customer_is_an_error():
    with pytest.raises(ValueError, match="customer_id 'zz' is not in customers"):
        customer_view("zz", survey=survey(), customers=customers())


def test_profile_says_n_a_for_journey_events_when_no_journey_is_given():
    view = customer_view("c2", survey=survey(), customers=customers())
    profile = dict(zip(view.profile["field"], view.profile["value"]))
    assert profile["Journey events"] == "n/a"
    assert profile["NPS change"] == "n/a"  # a single answer has no change
    assert view.headline().endswith("answered 1 survey and is still a customer: NPS was 10.")
