"""Step 3's planted truths in the demo client, checked with plain pandas on the written CSVs.

The truths are computed here without cxlib.brand or cxlib.journey on purpose, so a bug in an
analysis cannot hide a bug in the data; ``tests/test_brand_*.py`` and ``tests/test_journey_*.py``
check that the analyses recover the same values. Values live in ``TRUTHS`` of
:mod:`cxlib.demo.brand`, :mod:`cxlib.demo.reviews` and :mod:`cxlib.demo.journey`.
"""
from __future__ import annotations

import dataclasses
from itertools import pairwise

import numpy as np
import pandas as pd
import pytest

from cxlib.data import load_client
from cxlib.demo import brand, journey, reviews

ATTRS = ["attr_ease", "attr_speed", "attr_price", "attr_staff", "attr_reliability",
         "attr_personalization"]
STAGES = ["awareness", "consideration", "purchase", "onboarding", "usage", "support", "advocacy"]
APP_STORES = ["App Store", "Google Play"]


@pytest.fixture(scope="module")
def data(demo_dir) -> dict[str, pd.DataFrame]:
    frames = {name: pd.read_csv(demo_dir / f"{name}.csv")
              for name in ("survey", "journey", "reviews", "brand_promise", "customers")}
    frames["survey"]["responded_at"] = pd.to_datetime(frames["survey"]["responded_at"])
    frames["journey"]["occurred_at"] = pd.to_datetime(frames["journey"]["occurred_at"])
    frames["reviews"]["posted_at"] = pd.to_datetime(frames["reviews"]["posted_at"])
    return frames


@pytest.fixture(scope="module")
def paths(data) -> pd.Series:
    """Each person's stages in time order, repeats merged."""
    events = data["journey"].sort_values(["customer_id", "occurred_at"], kind="stable")
    return events.groupby("customer_id")["stage"].agg(
        lambda s: tuple(v for i, v in enumerate(s) if i == 0 or v != s.iloc[i - 1]))


def _nps(scores: pd.Series) -> float:
    return 100 * ((scores >= 9).mean() - (scores <= 6).mean())


@pytest.fixture(scope="module")
def gaps(data) -> pd.DataFrame:
    """Per touchpoint: NPS of customers who rated it 1-2 before their latest answer vs the rest."""
    survey = data["survey"].dropna(subset=["nps"])
    latest = survey.sort_values(["responded_at", "response_id"]).groupby("customer_id").tail(1)
    joined = data["journey"].merge(latest[["customer_id", "responded_at", "nps"]], on="customer_id")
    before = joined[(joined["occurred_at"] < joined["responded_at"]) & joined["satisfaction"].notna()]
    worst = before.groupby(["touchpoint", "customer_id"]).agg(
        worst=("satisfaction", "min"), nps=("nps", "first")).reset_index()
    rows = []
    for touchpoint, group in worst.groupby("touchpoint"):
        bad, rest = group.loc[group["worst"] <= 2, "nps"], group.loc[group["worst"] >= 3, "nps"]
        if len(bad) < 30 or len(rest) < 30:
            continue
        # +1 promoter, -1 detractor, 0 passive: NPS is 100 x the mean, variance as in the z test
        a, b = ((s >= 9).astype(int) - (s <= 6).astype(int) for s in (bad, rest))
        z = (b.mean() - a.mean()) / np.sqrt(a.var(ddof=0) / len(a) + b.var(ddof=0) / len(b))
        rows.append((touchpoint, len(group), _nps(bad), _nps(rest), _nps(rest) - _nps(bad), z))
    return (pd.DataFrame(rows, columns=["touchpoint", "customers", "bad", "rest", "gap", "z"])
            .sort_values("gap", ascending=False).reset_index(drop=True))


def test_truths_are_frozen_dataclass_instances():
    for module in (brand, reviews, journey):
        assert dataclasses.is_dataclass(module.TRUTHS)
        with pytest.raises(dataclasses.FrozenInstanceError):
            module.TRUTHS.__setattr__(dataclasses.fields(module.TRUTHS)[0].name, None)


def test_demo_still_loads_under_the_contract(demo_dir):
    loaded = load_client(demo_dir)
    assert loaded.errors == []
    assert {"journey", "reviews", "brand_promise"} <= set(loaded.frames)


# --- brand promise ------------------------------------------------------------------------------

def test_brand_1_ease_is_the_largest_promise_gap(data):
    truths = brand.TRUTHS
    internal = data["brand_promise"].set_index("survey_column")["internal_rating"]
    customer = data["survey"][ATTRS].mean()
    gap = (internal - customer).sort_values(ascending=False)
    assert gap.index[0] == f"attr_{truths.largest_gap_attribute}"
    assert internal[f"attr_{truths.largest_gap_attribute}"] == truths.largest_gap_internal
    assert customer["attr_ease"] == pytest.approx(truths.largest_gap_customer, abs=0.05)
    assert gap.iloc[0] == pytest.approx(truths.largest_gap, abs=0.05)
    assert gap.index[1] == f"attr_{truths.second_gap_attribute}"
    assert gap.iloc[1] == pytest.approx(truths.second_gap, abs=0.05)
    assert gap.iloc[0] >= 1.8 * gap.iloc[1]


def test_brand_2_leadership_overrates_every_promise(data):
    truths = brand.TRUTHS
    internal = data["brand_promise"].set_index("survey_column")["internal_rating"]
    gap = internal - data["survey"][ATTRS].mean()
    assert (gap > 0).all() == truths.every_promise_overrated
    assert gap.idxmin() == f"attr_{truths.smallest_gap_attribute}"
    assert gap.min() == pytest.approx(truths.smallest_gap, abs=0.05)


# --- reviews ------------------------------------------------------------------------------------

def test_reviews_1_complaints_name_the_app_account_most(data):
    truths = reviews.TRUTHS
    frame = data["reviews"]
    assert len(frame) == truths.reviews
    complaints = frame[(frame["rating"] <= 2) & frame["touchpoint"].notna()]
    share = complaints["touchpoint"].value_counts(normalize=True)
    assert share.index[0] == truths.most_complained
    assert share.iloc[0] == pytest.approx(truths.most_complained_share, abs=0.03)
    assert share.iloc[0] >= 2 * share.iloc[1]


def test_reviews_2_sim_activation_has_the_worst_complaint_rate(data):
    truths = reviews.TRUTHS
    frame = data["reviews"].dropna(subset=["touchpoint"])
    counts = frame.groupby("touchpoint")["rating"].agg(["size", lambda r: (r <= 2).mean()])
    counts.columns = ["reviews", "rate"]
    eligible = counts[counts["reviews"] >= 30].sort_values("rate", ascending=False)
    assert eligible.index[0] == truths.worst_complaint_rate
    assert eligible["rate"].iloc[0] == pytest.approx(truths.worst_complaint_rate_share, abs=0.04)


def test_reviews_3_october_app_update_costs_app_store_stars(data):
    truths = reviews.TRUTHS
    frame = data["reviews"]
    october = frame["posted_at"] >= "2026-10-01"
    app = frame["platform"].isin(APP_STORES)
    drop = frame.loc[app & ~october, "rating"].mean() - frame.loc[app & october, "rating"].mean()
    assert drop == pytest.approx(truths.app_store_october_drop, abs=0.1)
    others = frame.loc[~app, "rating"]
    assert others[october[~app]].mean() == pytest.approx(others[~october[~app]].mean(), abs=0.45)
    monthly = frame.groupby(frame["posted_at"].dt.to_period("M"))["rating"].mean()
    assert str(monthly.idxmin()) == truths.lowest_month
    assert monthly.drop(monthly.idxmin()).min() - monthly.min() >= 0.2


def test_reviews_4_google_maps_is_the_kindest_platform(data):
    truths = reviews.TRUTHS
    means = data["reviews"].groupby("platform")["rating"].mean().sort_values(ascending=False)
    assert means.index[0] == truths.best_platform
    assert means.iloc[0] == pytest.approx(truths.best_platform_mean, abs=0.1)


def test_reviews_5_complaint_and_praise_texts_read_as_their_stars(data):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    frame = data["reviews"]
    score = frame["text"].map(lambda t: analyzer.polarity_scores(t)["compound"])
    assert (score[frame["rating"] <= 2] <= -0.05).mean() >= reviews.TRUTHS.tone_agreement_at_least
    assert (score[frame["rating"] >= 4] >= 0.05).mean() >= reviews.TRUTHS.tone_agreement_at_least


# --- journey ------------------------------------------------------------------------------------

def test_journey_1_sim_activation_is_the_worst_moment_of_truth(gaps):
    truths = journey.TRUTHS
    top = gaps.iloc[0]
    assert top["touchpoint"] == truths.worst_moment
    assert top["gap"] == pytest.approx(truths.worst_moment_gap, abs=8)
    assert (top["bad"], top["rest"]) == pytest.approx(truths.worst_moment_nps, abs=8)
    second = gaps[gaps["touchpoint"] == truths.second_moment].iloc[0]
    assert second["gap"] == pytest.approx(truths.second_moment_gap, abs=8)
    assert second["z"] >= 3
    others = gaps[~gaps["touchpoint"].isin([truths.worst_moment, truths.second_moment])]
    assert len(others) >= 8 and (others["z"] < truths.other_z_below).all()


def test_journey_1_averages_do_not_flag_the_worst_moment(data):
    truths = journey.TRUTHS
    means = data["journey"].groupby("touchpoint")[["satisfaction", "effort"]].mean()
    sim = means.loc[truths.worst_moment]
    assert sim["satisfaction"] == pytest.approx(truths.worst_moment_satisfaction, abs=0.1)
    assert sim["effort"] == pytest.approx(truths.worst_moment_effort, abs=0.1)
    assert sim["satisfaction"] >= 3 and sim["effort"] < 5  # not a hot spot
    assert means["satisfaction"].idxmin() == truths.lowest_rated_touchpoint
    assert means["satisfaction"].min() == pytest.approx(truths.lowest_rated_satisfaction, abs=0.1)


def test_journey_2_support_is_the_hardest_stage(data):
    truths = journey.TRUTHS
    events = data["journey"]
    by_stage = events.groupby("stage")["effort"].mean().sort_values(ascending=False)
    assert by_stage.index[0] == truths.hardest_stage
    assert by_stage.iloc[0] == pytest.approx(truths.hardest_stage_effort, abs=0.1)
    assert by_stage.iloc[1] <= truths.other_stages_effort_at_most
    by_touchpoint = events.groupby("touchpoint")["effort"].mean().sort_values(ascending=False)
    assert tuple(by_touchpoint.index[:2]) == truths.hardest_touchpoints


def test_journey_3_prospects_drop_between_consideration_and_purchase(data, paths):
    truths = journey.TRUTHS
    events = data["journey"]
    prospects = events.loc[~events["customer_id"].isin(data["customers"]["customer_id"]),
                           "customer_id"]
    assert prospects.str.startswith("P-").all()
    assert prospects.nunique() == truths.prospects
    assert set(events.loc[events["customer_id"].isin(prospects), "stage"]) <= {
        "awareness", "consideration"}
    cohort = paths[paths.map(lambda p: p[0] == "awareness")]
    assert len(cohort) == pytest.approx(truths.awareness_cohort, abs=60)
    reached = {s: cohort.map(lambda p, s=s: s in p) for s in STAGES}
    assert reached["consideration"].mean() == pytest.approx(truths.consideration_reach, abs=0.03)
    assert reached["purchase"].mean() == pytest.approx(truths.purchase_reach, abs=0.03)
    funnel = STAGES[:5]
    drops = {}
    for i, stage in enumerate(funnel[:-1]):
        later = pd.concat([reached[s] for s in funnel[i + 1:]], axis=1).any(axis=1)
        drops[(stage, funnel[i + 1])] = 1 - later[reached[stage]].mean()
    assert max(drops, key=drops.get) == truths.largest_drop
    assert drops[truths.largest_drop] == pytest.approx(truths.largest_drop_share, abs=0.03)


def test_journey_3_the_drop_among_people_who_had_the_time_to_buy(data, paths):
    # people first seen in the log's last months had no time to buy: the funnel follows only those
    # first seen early enough for 9 in 10 buyers' time to buy (156 days on the demo)
    events = data["journey"].sort_values(["customer_id", "occurred_at"], kind="stable")
    first = events.groupby("customer_id")[["stage", "occurred_at"]].first()
    entered = first[first["stage"] == "awareness"]
    bought = events[events["stage"] == "purchase"].groupby("customer_id")["occurred_at"].min()
    took = (bought.reindex(entered.index) - entered["occurred_at"]).dropna().dt.total_seconds() / 86400
    days = int(np.ceil(took.quantile(0.9)))
    assert (days, len(took)) == (156, 532)
    cohort = entered.index[entered["occurred_at"] <= events["occurred_at"].max() - pd.Timedelta(days=days)]
    assert len(cohort) == 1304
    mine = paths[cohort]
    considered = mine[mine.map(lambda p: "consideration" in p)]
    went_on = considered.map(lambda p: bool({"purchase", "onboarding", "usage"} & set(p)))
    assert len(considered) == 958
    assert 1 - went_on.mean() == pytest.approx(0.629, abs=0.0005)


def test_journey_4_onboarding_leads_to_support(data):
    events = data["journey"].sort_values(["customer_id", "occurred_at"], kind="stable")
    following = events.groupby("customer_id")["stage"].shift(-1)
    after = following[(events["stage"] == "onboarding") & following.notna()]
    assert (after == "support").mean() == pytest.approx(journey.TRUTHS.onboarding_to_support,
                                                        abs=0.03)


def test_journey_4_moves_out_of_onboarding_go_to_support_44_5_percent(paths):
    # a move is a change of stage, so on the paths (repeats merged) no stay is counted
    moves = pd.Series([b for p in paths for a, b in pairwise(p) if a == "onboarding"])
    assert len(moves) == 2101
    assert (moves == "support").mean() == pytest.approx(0.445, abs=0.0005)


def test_journey_5_few_people_move_in_a_straight_line(paths):
    truths = journey.TRUTHS
    moved = paths[paths.map(len) >= 2]
    steps = moved.map(lambda p: [STAGES.index(b) - STAGES.index(a) for a, b in pairwise(p)])
    assert steps.map(lambda s: all(d == 1 for d in s)).mean() == pytest.approx(
        truths.linear_share, abs=0.03)
    assert steps.map(lambda s: any(d < 0 for d in s)).mean() == pytest.approx(
        truths.back_share, abs=0.03)
    assert steps.map(lambda s: any(d > 1 for d in s)).mean() == pytest.approx(
        truths.skip_share, abs=0.03)
    new = paths[paths.map(lambda p: p[0] == "awareness" and "usage" in p)]
    to_usage = new.map(lambda p: p[:p.index("usage") + 1])
    textbook = tuple(STAGES[:5])
    assert (to_usage == textbook).mean() == pytest.approx(truths.textbook_share, abs=0.04)


def test_journey_links_to_nps_only_with_the_survey(data):
    """Without the survey nothing is linked: the generator still runs and moves no rating."""
    rng = np.random.default_rng(1)
    plain = journey.events(rng, data["customers"])
    assert len(plain) > 40_000 and plain["customer_id"].str.startswith("P-").any()
