"""First response against each channel's target; never answered counts as missed."""
import numpy as np
import pandas as pd
import pytest

from cxlib.omnichannel.speed import DEFAULT_TARGET_MINUTES, response_speed

CHANNELS = pd.DataFrame({"channel": ["email", "chat", "social"], "offered": [True, True, False],
                         "investment_share": [0.5, 0.5, 0.0],
                         "target_response_minutes": [60, 2, None]})
INTERACTIONS = pd.DataFrame({
    "channel": ["email"] * 4 + ["chat"] * 3 + ["social"] * 2,
    "first_response_minutes": [30, 60, 90, np.nan, 1, 1.5, 3, 100, 2000],
})


def test_share_in_time_counts_unanswered_as_missed():
    table = response_speed(INTERACTIONS, CHANNELS, min_contacts=1).table.set_index("channel")
    # email: 30 and 60 are within 60 minutes; 90 and the unanswered contact are not -> 2 of 4
    assert table.loc["email", "in_time_share"] == 0.5
    assert table.loc["email", "median_minutes"] == 60   # median of the answered 30, 60, 90
    assert table.loc["email", "unanswered_share"] == 0.25
    assert table.loc["chat", "in_time_share"] == pytest.approx(2 / 3)
    assert table.loc["email", "median_over_target"] == 1.0


def test_channels_without_a_target_are_held_to_a_day_and_not_judged():
    result = response_speed(INTERACTIONS, CHANNELS, min_contacts=1)
    social = result.table.set_index("channel").loc["social"]
    assert DEFAULT_TARGET_MINUTES == 1440
    assert not social["target_set"] and social["in_time_share"] == 0.5  # 100 in, 2000 out
    assert result.worst["channel"] == "email"
    assert result.mean_in_time == pytest.approx((0.5 + 2 / 3) / 2)  # social not averaged


def test_headline_says_badly_only_under_half():
    result = response_speed(INTERACTIONS, CHANNELS, min_contacts=1)
    # email: 2 of 4 in time, median 60 min of the answered 30, 60, 90; chat 2 of 3 (67%)
    assert result.headline() == ("Email is the slowest against its target: 50% of 4 contacts are answered within its "
                                 "1 h target, at a median of 1 h; chat, the other channel with a target, reaches 67%.")
    slow = INTERACTIONS.assign(first_response_minutes=[30, 90, 90, np.nan, 1, 1.5, 3, 100, 2000])
    result = response_speed(slow, CHANNELS, min_contacts=1)
    assert result.headline().startswith("Email misses its response target badly")
    assert "only 25% of 4 contacts" in result.headline()
    assert result.title() == "Email answers only 25% of contacts within its 1 h target"


def test_without_a_channels_dataset_nothing_is_judged():
    result = response_speed(INTERACTIONS)
    assert result.worst is None and np.isnan(result.mean_in_time)
    assert result.table["target_minutes"].eq(DEFAULT_TARGET_MINUTES).all()
