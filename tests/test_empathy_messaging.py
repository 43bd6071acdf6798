"""The customer-as-hero audit: each part of the score by hand, the seed's example, the demo."""
from __future__ import annotations

import pandas as pd
import pytest

from cxlib.demo.messages import TRUTHS
from cxlib.empathy import messaging


def test_score_adds_the_four_parts_by_the_stated_rule():
    s = messaging.score_text("You save money with our plan.")
    # focus: 1 you vs 1 our -> 40 * 0.5 = 20; outcome: "save", "money" vs no feature word -> 20
    # jargon: none -> 20; grade: 0.39 * 6 + 11.8 * 7/6 - 15.59 = 0.52 <= 8 -> 20
    assert (s.customer_words, s.company_words) == (1, 1)
    assert s.outcome_terms == ("save", "money") and s.feature_terms == ()
    assert (s.focus_points, s.outcome_points, s.plain_points, s.reading_points) == (20, 20, 20, 20)
    assert s.score == 80 and s.orientation == "balanced"


def test_jargon_density_and_reading_grade_cost_points_in_proportion():
    s = messaging.score_text("Leverage our end-to-end solutions.")
    # 3 jargon terms in 4 words = 75 per 100 >= 25 -> no plain-words points
    assert s.jargon == ("leverage", "end-to-end", "solutions") and s.plain_points == 0
    assert s.focus_points == 0  # only "our"
    assert s.outcome_points == 0  # "solutions" is a feature word
    # One jargon term in 20 words: 5 per 100 -> 20 * (1 - 5/25) = 16
    twenty = "You can switch plans in the app at any time and keep your number, your data and all your leverage."
    assert messaging.score_text(twenty).words == 20
    assert messaging.score_text(twenty).plain_points == pytest.approx(16)


def test_reading_points_fall_linearly_from_grade_8_to_20():
    text = "Customers understand simple sentences. Complicated terminology frustrates everyone."
    # grade 22.845 >= 20 -> 0 points
    assert messaging.score_text(text).reading_points == 0
    # "Customers understand simple sentences." alone: 0.39*4 + 11.8*11/4 - 15.59 = 18.42
    # -> 20 * (20 - 18.42) / 12 = 2.63
    assert messaging.score_text("Customers understand simple sentences.").reading_points == \
        pytest.approx(20 * (20 - 18.42) / 12)


def test_the_brand_name_counts_as_the_company():
    text = "Northstar's network, Northstar Mobile's promise and you."
    plain = messaging.score_text(text)
    branded = messaging.score_text(text, brand=("northstar mobile", "northstar", "northstar mobile's",
                                                "northstar's"))
    assert (plain.company_words, branded.company_words) == (0, 2)
    assert branded.orientation == "company"


def test_extra_jargon_extends_the_default_list():
    text = "Your MSISDN is provisioned on the new bolt-on."
    assert "bolt-on" not in messaging.score_text(text).jargon
    assert messaging.score_text(text, extra_jargon=("bolt-on",)).jargon == (
        "provisioned", "bolt-on", "MSISDN")


def test_choice_b_makes_the_customer_the_hero_and_scores_far_higher():
    example = messaging.worked_example().set_index("choice")
    a, b = example.loc["Choice A"], example.loc["Choice B"]
    assert b["hero_score"] == 100 and a["hero_score"] < 10
    assert (a["customer_words"], a["company_words"], b["customer_words"]) == (0, 1, 4)
    assert messaging.worked_example_headline(example.reset_index()).startswith(
        "Scored the way this report scores any piece of copy, the company-centred Choice A earns 4/100")


def _assets() -> pd.DataFrame:
    return pd.DataFrame({
        "asset_id": ["A1", "A2", "A3", "A4"], "channel": ["web", "web", "app", "app"],
        "audience": ["all"] * 4,
        "text": ["Acme leverages end-to-end solutions.", "Our platform is world-class.",
                 "Change your plan in one tap.", "Call jane.doe@example.com to save money."]})


def test_audit_summarises_channels_and_redacts_contact_details():
    audit = messaging.audit_messages(_assets(), brand_name="Acme Corp")
    assert audit.brand_name == "Acme Corp"
    assert list(audit.by_channel["channel"]) == ["app", "web"]  # most customer-centred first
    web = audit.by_channel.set_index("channel").loc["web"]
    assert (web["assets"], web["company_centred"]) == (2, 2)
    assert "jane.doe" not in " ".join(audit.assets["text"])
    assert audit.worst["asset_id"] == "A1" and audit.best["asset_id"] == "A3"
    assert audit.headline().startswith("2 of 4 assets talk more about Acme Corp than about the customer")
    assert audit.plain_language().startswith("2 of 4 assets use jargon (most often ")


def test_equal_scores_rank_by_jargon_then_reading_grade():
    scored = pd.DataFrame({"asset_id": ["x", "y", "z"], "hero_score": [0.0, 0.0, 0.0],
                           "jargon_per_100": [50.0, 20.0, 20.0], "reading_grade": [10.0, 12.0, 9.0]})
    assert list(messaging.rank_assets(scored)["asset_id"]) == ["z", "y", "x"]


def test_demo_web_copy_is_company_centred_and_app_copy_customer_centred(demo):
    audit = messaging.audit_messages(demo["messages"], brand_name=demo.config.name)
    worst, best = audit.channel("worst"), audit.channel("best")
    assert worst["channel"] == TRUTHS.company_channel and best["channel"] == TRUTHS.hero_channel
    assert worst["company_centred"] == TRUTHS.company_channel_company_centred
    assert best["hero_score"] - worst["hero_score"] >= TRUTHS.min_channel_gap
    assert audit.by_channel.set_index("channel")["jargon_per_100"].idxmax() == TRUTHS.company_channel


def test_demo_worst_and_best_assets(demo):
    audit = messaging.audit_messages(demo["messages"], brand_name=demo.config.name)
    assert audit.worst["asset_id"] == TRUTHS.worst_asset
    assert audit.best["asset_id"] == TRUTHS.best_asset
    extremes = audit.extremes_by_channel().set_index("channel")
    assert len(extremes) == audit.by_channel["channel"].nunique()
    assert extremes.loc[TRUTHS.company_channel, "worst_score"] == audit.worst["hero_score"]
    assert extremes.loc[TRUTHS.hero_channel, "best_text"] == audit.best["text"]
