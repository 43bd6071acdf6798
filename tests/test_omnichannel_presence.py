"""Share of contacts against share of budget, and the channels used but not offered."""
import numpy as np
import pandas as pd
import pytest

from cxlib.omnichannel.presence import presence_gap

CHANNELS = pd.DataFrame({"channel": ["chat", "store", "email"], "offered": [True, True, True],
                         "investment_share": [0.2, 0.6, 0.2],
                         "target_response_minutes": [2, 10, 1440]})
# 6 chat, 3 store, 1 whatsapp (not in the channels dataset, never answered)
INTERACTIONS = pd.DataFrame({
    "channel": ["chat"] * 6 + ["store"] * 3 + ["WhatsApp"],
    "first_response_minutes": [1.0] * 9 + [np.nan],
    "resolved": [True, True, True, False, True, True, True, False, True, False],
})


def test_usage_is_set_against_budget():
    result = presence_gap(INTERACTIONS, CHANNELS)
    table = result.table.set_index("channel")
    assert table["usage_share"].to_dict() == pytest.approx(
        {"chat": 0.6, "store": 0.3, "whatsapp": 0.1, "email": 0.0})
    assert table["gap"].to_dict() == pytest.approx(
        {"chat": 0.4, "store": -0.3, "whatsapp": 0.1, "email": -0.2})
    assert table.loc["chat", "ratio"] == pytest.approx(3.0)
    assert np.isnan(table.loc["whatsapp", "ratio"])  # no budget at all
    # half of |0.4| + |-0.3| + |0.1| + |-0.2| = 0.5 of the budget would have to move
    assert result.mismatch == pytest.approx(0.5)
    assert result.under["channel"] == "chat" and result.over["channel"] == "store"
    assert table.loc["chat", "resolved_share"] == pytest.approx(5 / 6)


def test_a_channel_missing_from_the_channels_dataset_is_not_offered():
    result = presence_gap(INTERACTIONS, CHANNELS)
    assert result.unoffered["channel"].tolist() == ["whatsapp"]
    assert result.unoffered_share == pytest.approx(0.1)
    row = result.unoffered.iloc[0]
    assert row["unanswered_share"] == 1.0 and row["resolved_share"] == 0.0
    assert result.unoffered_headline() == (
        "10.0% of contacts arrive on WhatsApp, which is not offered: 1 contact; 100% of them were never answered.")
    # the Wilson 95% interval of 1 in 10, 1.8% to 40.4%, goes with the figure, not into the sentence
    share = result.unoffered_finding().figures[0]
    assert (share.value, share.low, share.high) == pytest.approx((10.0, 1.79, 40.42), abs=0.01)


def test_headline_and_title_set_contacts_against_budget_without_calling_either_wrong():
    result = presence_gap(INTERACTIONS, CHANNELS)
    assert result.headline() == (
        "Chat handles 60% of the 10 contacts on 20% of the service budget; the store channel gets 60% of the "
        "budget for 30% of contacts.")
    assert result.title() == "Chat handles 60% of contacts on 20% of the budget; store 30% on 60%"
    # the mismatch is said as the assumption it rests on: half of |.4| + |-.3| + |.1| + |-.2| = 50%
    assert "If the budget followed contacts, 50% of it would move between channels." in result.finding()
    assert not any(word in result.finding() for word in ("under-funded", "over-funded", "would have to move"))


def test_a_budget_that_follows_usage_is_said_to():
    channels = CHANNELS.assign(investment_share=[0.6, 0.3, 0.1])
    interactions = INTERACTIONS[INTERACTIONS["channel"] != "WhatsApp"]
    result = presence_gap(interactions, channels)
    # usage 6/9, 3/9, 0 against 0.6, 0.3, 0.1: (0.0667 + 0.0333 + 0.1) / 2 = 0.1
    assert result.mismatch == pytest.approx(0.1)
    assert result.unoffered.empty and result.unoffered_share == 0
    assert result.title() == "The budget broadly follows where customers contact us"
