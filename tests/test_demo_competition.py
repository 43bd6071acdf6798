"""The demo's step-2 truths (cxlib.demo.market.TRUTHS), checked with plain pandas and VADER.

Computed here without cxlib.competition on purpose, so a bug in an analysis cannot hide a bug in
the data, or the other way round.
"""
from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pandas as pd
import pytest
import yaml
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from cxlib.demo import generate, market
from cxlib.demo.market import TRUTHS

CLIENT, HIDDEN = TRUTHS.client, TRUTHS.hidden_competitor


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def data(folder) -> dict[str, pd.DataFrame]:
    return {name: pd.read_csv(folder / f"{name}.csv") for name in ("survey", "competitors", "social")}


@pytest.fixture(scope="module")
def social(data) -> pd.DataFrame:
    social = data["social"].copy()
    social["minutes"] = (pd.to_datetime(social["responded_at"])
                         - pd.to_datetime(social["posted_at"])).dt.total_seconds() / 60
    return social


def _gaps(frame: pd.DataFrame) -> pd.DataFrame:
    """Client score, best competitor, its score and the gap per attribute (one decimal, halves up)."""
    scores = frame.groupby(["attribute", "brand"])["score"].mean().unstack()
    scores = np.floor(scores * 10 + 0.5 + 1e-9) / 10
    others = scores.drop(columns=CLIENT)
    return pd.DataFrame({"client": scores[CLIENT], "best": others.idxmax(axis=1),
                         "best_score": others.max(axis=1),
                         "gap": (scores[CLIENT] - others.max(axis=1)).round(1)})


def test_truths_are_a_frozen_dataclass():
    assert dataclasses.is_dataclass(TRUTHS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        TRUTHS.trailing_gap = 0.0  # type: ignore[misc]


def test_1_the_hidden_competitor_is_considered_by_thirty_percent(data, folder):
    listed = yaml.safe_load((folder / "client.yml").read_text(encoding="utf-8"))["competitors"]
    named = data["survey"]["also_considered"].fillna("").str.split(";")
    share = {b: named.map(lambda brands, b=b: b in brands).mean() for b in [*listed, HIDDEN]}
    assert HIDDEN not in listed
    assert share[HIDDEN] == TRUTHS.hidden_share == 0.30
    assert max(share, key=share.get) == TRUTHS.most_considered
    assert sorted(share, key=share.get, reverse=True).index(HIDDEN) == 1  # second most considered


def test_2_northstar_trails_nimbus_most_on_ease(data):
    bench = data["competitors"]
    latest = _gaps(bench[bench["measured_at"] == bench["measured_at"].max()])
    ease = latest.loc[TRUTHS.trailing_attribute]
    assert ease["best"] == TRUTHS.trailing_behind
    assert ease["client"] == pytest.approx(TRUTHS.trailing_client_score)
    assert ease["best_score"] == pytest.approx(TRUTHS.trailing_best_score)
    assert ease["gap"] == pytest.approx(TRUTHS.trailing_gap)
    assert latest["gap"].idxmin() == TRUTHS.trailing_attribute  # the largest gap of all
    first = _gaps(bench[bench["measured_at"] == bench["measured_at"].min()])
    assert first.loc["ease", "gap"] == pytest.approx(TRUTHS.trailing_gap_first_wave)


def test_3_northstar_leads_most_on_reliability(data):
    bench = data["competitors"]
    latest = _gaps(bench[bench["measured_at"] == bench["measured_at"].max()])
    leads = latest[latest["gap"] > 0].sort_values("gap", ascending=False)
    assert leads.index[0] == TRUTHS.leading_attribute
    row = leads.iloc[0]
    assert row["best"] == TRUTHS.leading_runner_up
    assert [row["client"], row["best_score"], row["gap"]] == pytest.approx(
        [TRUTHS.leading_client_score, TRUTHS.leading_runner_up_score, TRUTHS.leading_gap])
    assert tuple(leads.index[1:]) == TRUTHS.also_leading


def test_4_northstar_answers_fewer_posts_more_slowly_than_nimbus(social):
    by_brand = social.groupby("brand").agg(n=("brand", "size"), answered=("responded", "sum"),
                                           median=("minutes", "median"))
    me, best = by_brand.loc[CLIENT], by_brand.loc[TRUTHS.best_responder]
    assert [me["n"], me["answered"], me["median"]] == [TRUTHS.client_mentions, TRUTHS.client_answered,
                                                       TRUTHS.client_median_minutes]
    assert [best["n"], best["answered"], best["median"]] == [TRUTHS.best_mentions, TRUTHS.best_answered,
                                                             TRUTHS.best_median_minutes]
    assert me["answered"] / me["n"] == TRUTHS.client_response_rate
    assert best["answered"] / best["n"] == TRUTHS.best_response_rate
    rates = by_brand["answered"] / by_brand["n"]
    assert rates.drop(CLIENT).idxmax() == TRUTHS.best_responder
    # Nimbus answers a larger share, and faster: the bar of the client's own market is not met.
    assert me["answered"] / me["n"] < best["answered"] / best["n"] and me["median"] > best["median"]
    assert social.loc[social["responded"], "minutes"].notna().all()
    assert social.loc[~social["responded"], "responded_at"].isna().all()


def test_every_post_template_reads_with_its_planted_tone():
    vader = SentimentIntensityAnalyzer()

    def tone(text):
        score = vader.polarity_scores(text)["compound"]
        return "pos" if score >= 0.05 else "neg" if score <= -0.05 else "neutral"

    for brand, (kind, templates) in itertools.product(market.MENTION_SHARE, market.POSTS.items()):
        for template, praise, complaint in itertools.product(templates, market.PRAISE, market.COMPLAINTS):
            text = template.format(brand=brand, praise=praise, complaint=complaint,
                                   complaint_cap=complaint[0].upper() + complaint[1:])
            assert tone(text) == kind, text
    assert all(tone(text) == "pos" for text in market.SWITCHING)


def test_5_tone_shares_and_switching_posts(social):
    vader = SentimentIntensityAnalyzer()
    social = social.assign(compound=[vader.polarity_scores(t)["compound"] for t in social["text"]])
    shares = social.groupby("brand")["compound"].agg(positive=lambda c: (c >= 0.05).mean(),
                                                     negative=lambda c: (c <= -0.05).mean())
    assert shares.loc[CLIENT].tolist() == pytest.approx([TRUTHS.client_positive, TRUTHS.client_negative])
    assert shares.loc[HIDDEN].tolist() == pytest.approx([TRUTHS.hidden_positive, TRUTHS.hidden_negative])
    net = shares["positive"] - shares["negative"]
    assert net.idxmin() == CLIENT and net.idxmax() == HIDDEN
    naming = social[(social["brand"] != CLIENT) & social["text"].str.contains(CLIENT)]
    assert len(naming) == TRUTHS.switching_posts and set(naming["brand"]) == {HIDDEN}


def test_counts_are_exact_for_another_seed_and_the_orderings_hold(tmp_path):
    other = generate(tmp_path / "other", seed=7)
    social = pd.read_csv(other / "social.csv")
    answered = social.groupby("brand")["responded"].agg(["size", "sum"])
    assert answered.loc[CLIENT].tolist() == [TRUTHS.client_mentions, TRUTHS.client_answered]
    assert answered.loc[HIDDEN].tolist() == [TRUTHS.best_mentions, TRUTHS.best_answered]
    bench = pd.read_csv(other / "competitors.csv")
    latest = _gaps(bench[bench["measured_at"] == bench["measured_at"].max()])
    assert latest["gap"].idxmin() == "ease" and latest.loc["ease", "best"] == HIDDEN
    assert latest["gap"].idxmax() == "reliability"
