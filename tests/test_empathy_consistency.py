"""Tone and hero score across channels: spreads and the colder channel."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cxlib.demo.tickets import TRUTHS
from cxlib.empathy import consistency, messaging, support

NOISE = np.tile([-0.1, 0.0, 0.1], 10)  # 30 replies per channel, mean 0, sd 0.083


def _replies() -> pd.DataFrame:
    tone = {"chat": 0.4, "phone": 0.3, "email": -0.2}
    return pd.DataFrame([(c, t + e, 60.0) for c, t in tone.items() for e in NOISE],
                        columns=["channel", "tone", "empathy_score"])


def _assets() -> pd.DataFrame:
    return pd.DataFrame({"channel": ["web"] * 3 + ["email"] * 3 + ["store"],
                         "hero_score": [20, 30, 40, 70, 80, 90, 10], "tone": [0.1] * 7})


def test_colder_channel_is_flagged_and_spreads_are_max_minus_min():
    result = consistency.consistency(_assets(), _replies())
    table = result.table.set_index("channel")
    assert table.loc["email", "colder"] and not table.loc["chat", "colder"]
    assert table.loc["email", "reply_tone"] == pytest.approx(-0.2)
    assert table.loc["email", "rest_tone"] == pytest.approx(0.35)  # chat and phone replies
    assert result.tone_spread == pytest.approx(0.6)                 # 0.4 - (-0.2)
    assert result.hero_spread == pytest.approx(50)                  # email 80 - web 30; store has 1 asset
    assert result.coldest["channel"] == "email"
    assert result.title() == "Support sounds coldest on email"
    assert result.headline().startswith("Support sounds coldest on email: its 30 replies average a "
                                        "tone of \u22120.20 (\u22121 to +1) against +0.35 on the other channels, "
                                        "a gap larger than chance")


def test_works_with_only_one_source():
    only_replies = consistency.consistency(None, _replies())
    assert np.isnan(only_replies.hero_spread) and only_replies.tone_spread == pytest.approx(0.6)
    only_copy = consistency.consistency(_assets(), None)
    assert np.isnan(only_copy.tone_spread) and only_copy.coldest is None
    assert only_copy.headline() == "The copy's customer-as-hero score ranges from 30 (web) to 80 (email), 50 points apart."


def test_demo_email_replies_are_significantly_colder(demo):
    audit = messaging.audit_messages(demo["messages"], brand_name=demo.config.name)
    result = consistency.consistency(audit.assets, support.score_replies(demo["tickets"]))
    cold = result.coldest
    assert cold["channel"] == TRUTHS.cold_channel and cold["colder"]
    assert cold["rest_tone"] - cold["reply_tone"] >= TRUTHS.cold_channel_gap
    assert result.table["colder"].sum() == 1
