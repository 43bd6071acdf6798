"""Step 5's planted truths in the demo's messages and tickets, checked with plain pandas.

Like tests/test_demo.py, these computations use regular expressions, numpy and VADER directly (not
cxlib.empathy), so a bug in an analysis cannot hide a bug in the data. The phrases a reply is built
from are imported from the generator: they are the definition of what was planted.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from cxlib.demo import build
from cxlib.demo import messages as demo_messages
from cxlib.demo import tickets as demo_tickets

M, T = demo_messages.TRUTHS, demo_tickets.TRUTHS
YOU = r"(?i)\byou(?:r|rs|'re|'ll|'ve|'d)?\b"
COMPANY = r"(?i)\b(?:we|our|ours|us|we're|we'll|we've)\b|Northstar"


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return build(2026)


@pytest.fixture(scope="module")
def copy(frames) -> pd.DataFrame:
    m = frames["messages"]
    you, company = m["text"].str.count(YOU), m["text"].str.count(COMPANY)
    letters = m["text"].map(lambda t: np.mean([len(w) for w in re.findall(r"[A-Za-z]+", t)]))
    return m.assign(company_centred=company > you, customer_centred=you > company, word_length=letters)


@pytest.fixture(scope="module")
def replies(frames) -> pd.DataFrame:
    t = frames["tickets"].copy()

    def has_any(phrases) -> pd.Series:
        return t["agent_reply"].apply(lambda r: any(p in r for p in phrases))

    t["ack"] = has_any(demo_tickets.ACKNOWLEDGEMENT)
    t["apology"] = has_any(demo_tickets.APOLOGY)
    t["own"] = has_any(demo_tickets.OWNERSHIP.values())
    t["reassure"] = has_any(demo_tickets.REASSURANCE.values())
    t["full"] = t["ack"] & t["own"] & t["reassure"]
    analyzer = SentimentIntensityAnalyzer()
    t["tone"] = t["agent_reply"].map(lambda r: analyzer.polarity_scores(r)["compound"])
    return t


# --- messages -------------------------------------------------------------------------------------

def test_messages_count_and_ids(copy):
    assert len(copy) == M.assets and copy["asset_id"].is_unique
    assert {M.worst_asset, M.best_asset} <= set(copy["asset_id"])


def test_planted_web_talks_about_the_company(copy):
    web = copy[copy["channel"] == M.company_channel]
    assert len(web) == M.company_channel_assets
    assert web["company_centred"].sum() == M.company_channel_company_centred  # 8 of 10
    share = copy.groupby("channel")["company_centred"].mean()
    assert share.idxmax() == M.company_channel and share.drop(M.company_channel).max() <= 0.6


def test_planted_app_talks_to_the_customer(copy):
    app = copy[copy["channel"] == M.hero_channel]
    assert len(app) == M.hero_channel_assets
    assert app["customer_centred"].sum() == M.hero_channel_customer_centred  # 8 of 9
    assert app["company_centred"].sum() == 0
    assert copy.groupby("channel")["customer_centred"].mean().idxmax() == M.hero_channel


def test_planted_web_words_are_longest_and_app_words_shortest(copy):
    length = copy.groupby("channel")["word_length"].mean()
    assert length.idxmax() == M.company_channel and length.idxmin() == M.hero_channel
    assert length[M.company_channel] - length[M.hero_channel] >= 1.5  # 5.8 vs 4.1 letters


def test_planted_worst_and_best_assets_are_on_web_and_app(copy):
    worst = copy.set_index("asset_id").loc[M.worst_asset]
    best = copy.set_index("asset_id").loc[M.best_asset]
    assert worst["channel"] == M.company_channel and worst["company_centred"]
    assert best["channel"] == M.hero_channel and best["customer_centred"]


# --- tickets --------------------------------------------------------------------------------------

def test_tickets_count_and_channels(replies):
    assert len(replies) == T.tickets
    assert set(replies["channel"]) == {"phone", "chat", "email", "web", "app"}


def test_planted_full_pattern_lifts_csat_at_equal_response_time(replies):
    rated = replies.dropna(subset=["csat", "first_response_minutes"])
    y = rated["csat"].astype(float).to_numpy()
    x = np.column_stack([np.ones(len(rated)), rated["full"].astype(float),
                         np.log1p(rated["first_response_minutes"].to_numpy(float) / 60)])
    _intercept, lift, per_log_hour = np.linalg.lstsq(x, y, rcond=None)[0]
    assert lift == pytest.approx(T.csat_lift, abs=T.csat_lift_tolerance)
    assert per_log_hour < 0  # waiting costs CSAT too
    raw = rated.loc[rated["full"], "csat"].mean() - rated.loc[~rated["full"], "csat"].mean()
    assert raw == pytest.approx(T.csat_lift, abs=T.csat_lift_tolerance)


def test_planted_newcomer_is_perfect_on_four_tickets(replies):
    mine = replies[replies["agent_id"] == T.newcomer]
    assert len(mine) == T.newcomer_tickets
    assert (mine["csat"] == 5).all()
    assert (mine[["ack", "apology", "own", "reassure"]].all(axis=1)).all()
    assert (mine["opened_at"] >= "2026-10-17").all()


def test_planted_star_agent_writes_the_full_pattern_most_often(replies):
    per_agent = replies.groupby("agent_id")["full"].agg(["mean", "size"])
    regulars = per_agent[per_agent["size"] >= 20]
    assert regulars["mean"].idxmax() == T.star_agent
    star = per_agent.loc[T.star_agent]
    assert star["size"] >= 40 and star["mean"] >= 0.7
    assert star["mean"] - regulars["mean"].drop(T.star_agent).max() >= 0.1


def test_planted_email_replies_are_the_coldest(replies):
    tone = replies.groupby("channel")["tone"].mean()
    assert tone.idxmin() == T.cold_channel
    assert tone.drop(T.cold_channel).min() - tone[T.cold_channel] >= T.cold_channel_gap
    full = replies.groupby("channel")["full"].mean()
    assert full.idxmin() == T.cold_channel


def test_planted_only_phone_and_chat_answer_within_the_hour(replies):
    within = (replies["first_response_minutes"] <= 60).groupby(replies["channel"]).mean()
    assert set(within[within >= 0.9].index) == set(T.hour_channels)
    assert within.drop(list(T.hour_channels)).max() <= 0.1


def test_another_seed_keeps_the_ticket_truths():
    t = build(7)["tickets"]
    assert (t["agent_id"] == T.newcomer).sum() == T.newcomer_tickets
    full = (t["agent_reply"].apply(lambda r: any(p in r for p in demo_tickets.ACKNOWLEDGEMENT))
            & t["agent_reply"].str.contains("I've")
            & t["agent_reply"].apply(lambda r: any(p in r for p in demo_tickets.REASSURANCE.values())))
    rated = t["csat"].notna()
    lift = t.loc[rated & full, "csat"].mean() - t.loc[rated & ~full, "csat"].mean()
    assert lift == pytest.approx(T.csat_lift, abs=T.csat_lift_tolerance)
