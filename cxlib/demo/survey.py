"""The relationship survey: 5,000 responses over the twelve months of the period.

Carries truths 1 (ease drives NPS; monthly NPS and the October drop), 3 (the inflated agent),
4 (the hidden competitor in also_considered) and half of 5 (contact details in comments); see
:mod:`cxlib.demo.planted`. Scores are built from one latent "how it went" per response:

* six attribute ratings share a customer mood and otherwise vary on their own;
* the NPS latent is a weighted sum of the ratings (ease weighs most) plus noise, turned into 0-10
  by its rank within the month so that each month lands on its planted NPS exactly;
* CES (higher = easier) follows ease, CSAT follows the NPS latent.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import ndtr, ndtri

from . import comments, contact_details
from .client import COMPETITORS, split_count, times_in_months
from .planted import PLANTED

N_RESPONSES = 5000
# How many customers answered once, twice, three times (2950 + 2 * 950 + 3 * 50 = 5000).
REPEATS = {1: 2950, 2: 950, 3: 50}
AGE_BANDS = ("18-24", "25-34", "35-44", "45-54", "55-64", "65+")
AGE_SHARE = (0.12, 0.21, 0.21, 0.19, 0.15, 0.12)
CHANNELS = ("store", "phone", "chat", "email", "app", "web")
CHANNEL_SHARE = (0.18, 0.24, 0.16, 0.10, 0.20, 0.12)
CONTACT_CENTRE_AGENTS = tuple(f"AG-{n}" for n in range(101, 129))
STORES = tuple(f"ST-{n:02d}" for n in range(1, 13))
STORE_AGENTS = tuple(f"AG-{n}" for n in range(129, 141))  # one store lead per store
STORE_TRAFFIC = (1.6, 1.3, 1.2, 1.1, 1.0, 1.0, 0.9, 0.9, 0.8, 0.8, 0.7, 0.7)

ATTRIBUTES = ("ease", "speed", "price", "staff", "reliability", "personalization")
# Weight of each standardized rating in the NPS latent: truth 1, ease first by a wide margin.
DRIVER_WEIGHT = {"ease": 0.60, "speed": 0.22, "price": 0.08, "staff": 0.25,
                 "reliability": 0.28, "personalization": 0.05}
# Where each attribute sits on the 1-5 scale: reliability and staff good, price and ease weak.
ATTRIBUTE_LEVEL = {"ease": -0.30, "speed": -0.05, "price": -0.45, "staff": 0.35,
                   "reliability": 0.45, "personalization": -0.20}
OCTOBER_EASE_DROP = 0.45  # the October app update
RATING_CUTS = np.array([-1.5, -0.6, 0.3, 1.2])
SEGMENT_LIFT = {"Consumer": 0.0, "Family": 0.10, "Business": -0.05, "Prepaid": -0.10}
CHANNEL_LIFT = {"store": 0.05, "phone": -0.15, "chat": 0.0, "email": -0.10, "app": 0.10, "web": 0.0}

NPS_PMF = np.array([0.03, 0.01, 0.015, 0.02, 0.025, 0.05, 0.07, 0.10, 0.18, 0.33, 0.17])
CES_PMF = np.array([0.05, 0.06, 0.09, 0.15, 0.22, 0.25, 0.18])
CSAT_PMF = np.array([0.06, 0.09, 0.17, 0.38, 0.30])
MISSING = {"nps": 0.02, "csat": 0.04, "ces": 0.05, "attr": 0.03}
# Chance a listed competitor was also considered; detractors shop around more.
CONSIDERED = {"Orbit Telecom": 0.36, "Pulse Wireless": 0.22, "Zenith Connect": 0.10}


def _rank_map(latent: np.ndarray, pmf: np.ndarray) -> np.ndarray:
    """Turn a latent into categories 0..len(pmf)-1 whose shares equal ``pmf`` (up to rounding)."""
    quantile = (np.argsort(np.argsort(latent, kind="stable"), kind="stable") + 0.5) / len(latent)
    return np.searchsorted(np.cumsum(pmf)[:-1], quantile, side="right")


def _nps_of(pmf: np.ndarray) -> float:
    return 100.0 * (pmf[9:].sum() - pmf[:7].sum())


def nps_pmf(target: float, base: np.ndarray = NPS_PMF) -> np.ndarray:
    """The 0-10 distribution with NPS ``target``: ``base`` shifted along a normal latent.

    Parameters
    ----------
    target : NPS, -100 to 100.
    base : distribution of the scores 0..10 that is shifted.
    """
    cuts = ndtri(np.cumsum(base)[:-1])
    low, high = -4.0, 4.0
    for _ in range(60):  # bisection: NPS rises monotonically with the shift
        shift = (low + high) / 2
        pmf = np.diff(np.concatenate([[0.0], ndtr(cuts - shift), [1.0]]))
        low, high = (shift, high) if _nps_of(pmf) < target else (low, shift)
    return pmf


def _zscore(values: np.ndarray) -> np.ndarray:
    return (values - values.mean()) / values.std()


def _ratings(rng: np.random.Generator, mood: np.ndarray, october: np.ndarray) -> pd.DataFrame:
    """attr_* ratings 1-5 from a shared mood and an own part per attribute."""
    out = {}
    for name in ATTRIBUTES:
        latent = 0.55 * mood + 0.835 * rng.standard_normal(len(mood)) + ATTRIBUTE_LEVEL[name]
        if name == "ease":
            latent = latent - OCTOBER_EASE_DROP * october
        out[f"attr_{name}"] = 1 + np.searchsorted(RATING_CUTS, latent)
    return pd.DataFrame(out)


def _respondents(rng: np.random.Generator, base: pd.DataFrame) -> np.ndarray:
    """Row of ``base`` answering each response slot (each customer 1-3 times, in random order)."""
    people = rng.choice(len(base), size=sum(REPEATS.values()), replace=False)
    times = np.repeat(list(REPEATS), list(REPEATS.values()))
    slots = np.repeat(people, times)
    return slots[rng.permutation(len(slots))]


def _agents(rng: np.random.Generator, channel: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """agent_id (phone, chat, store) and location_id (store); the inflated agent gets 140."""
    n = len(channel)
    agent = np.full(n, None, dtype=object)
    location = np.full(n, None, dtype=object)
    contact = np.flatnonzero(np.isin(channel, ["phone", "chat"]))
    peers = [a for a in CONTACT_CENTRE_AGENTS if a != PLANTED.inflated_agent]
    agent[contact] = rng.choice(peers, size=len(contact))
    busy = rng.choice(contact, PLANTED.inflated_agent_responses, replace=False)
    agent[busy] = PLANTED.inflated_agent
    store = np.flatnonzero(channel == "store")
    traffic = np.array(STORE_TRAFFIC) / sum(STORE_TRAFFIC)
    which = rng.choice(len(STORES), size=len(store), p=traffic)
    location[store] = np.array(STORES)[which]
    agent[store] = np.array(STORE_AGENTS)[which]
    return agent, location


def _also_considered(rng: np.random.Generator, age: np.ndarray,
                     detractor: np.ndarray) -> np.ndarray:
    """Brands also considered; exactly the planted share names the hidden competitor."""
    n = len(age)
    shop = np.where(detractor, 1.4, 0.8)
    picks = {brand: rng.random(n) < p * shop for brand, p in CONSIDERED.items()}
    # Nimbus appeals to the young and the frustrated (truth 4).
    appeal = np.select([np.isin(age, ["18-24", "25-34"]), np.isin(age, ["55-64", "65+"])],
                       [2.0, 0.5], 1.0) * np.where(detractor, 1.5, 1.0)
    count = round(PLANTED.hidden_competitor_share * n)
    nimbus = np.zeros(n, dtype=bool)
    nimbus[rng.choice(n, size=count, replace=False, p=appeal / appeal.sum())] = True
    picks[PLANTED.hidden_competitor] = nimbus
    order = [*COMPETITORS, PLANTED.hidden_competitor]
    joined = [";".join(b for b in order if picks[b][i]) for i in range(n)]
    return np.array([j or None for j in joined], dtype=object)


def _inflate(rng: np.random.Generator, nps: np.ndarray, agent: np.ndarray) -> np.ndarray:
    """Rows turned into 10s so the inflated agent's share of 10s is exactly the planted one."""
    mine = np.flatnonzero((agent == PLANTED.inflated_agent) & ~np.isnan(nps))
    wanted = round(PLANTED.inflated_agent_ten_share * len(mine))
    others = mine[nps[mine] != 10]
    extra = wanted - (len(mine) - len(others))
    return np.sort(rng.choice(others, size=max(extra, 0), replace=False))


def responses(rng: np.random.Generator, base: pd.DataFrame) -> pd.DataFrame:
    """The survey dataset, columns as in docs/data-contract.md.

    Parameters
    ----------
    rng : random generator.
    base : the customer base (customer_id, segment) from ``customers.customer_base``.

    Returns
    -------
    pd.DataFrame
        One row per response, in time order; ratings are nullable integers.
    """
    counts = split_count(N_RESPONSES, np.linspace(0.85, 1.2, 12))
    responded_at = times_in_months(rng, counts)
    month = np.repeat(np.arange(12), counts)
    october = month == 11
    channel = rng.choice(CHANNELS, size=N_RESPONSES, p=CHANNEL_SHARE)
    who = _respondents(rng, base)
    customer_mood = rng.standard_normal(len(base))
    customer_age = rng.choice(AGE_BANDS, size=len(base), p=AGE_SHARE)
    segment = base["segment"].to_numpy()[who]

    mood = 0.6 * customer_mood[who] + 0.8 * rng.standard_normal(N_RESPONSES)
    ratings = _ratings(rng, mood, october)
    latent = sum(DRIVER_WEIGHT[a] * _zscore(ratings[f"attr_{a}"].to_numpy(float))
                 for a in ATTRIBUTES)
    latent = latent + pd.Series(segment).map(SEGMENT_LIFT).to_numpy() \
        + pd.Series(channel).map(CHANNEL_LIFT).to_numpy() + 0.75 * rng.standard_normal(N_RESPONSES)
    nps = np.empty(N_RESPONSES)
    for m, target in enumerate(PLANTED.monthly_nps):
        rows = month == m
        nps[rows] = _rank_map(latent[rows], nps_pmf(target))
    ease = _zscore(ratings["attr_ease"].to_numpy(float))
    ces = 1 + _rank_map(0.75 * ease + 0.3 * mood + 0.6 * rng.standard_normal(N_RESPONSES), CES_PMF)
    csat = 1 + _rank_map(0.8 * _zscore(latent) + 0.6 * rng.standard_normal(N_RESPONSES), CSAT_PMF)
    group = np.where(nps >= 9, "promoter", np.where(nps >= 7, "passive", "detractor"))

    agent, location = _agents(rng, channel)
    age = customer_age[who]
    also = _also_considered(rng, age, group == "detractor")
    nimbus = np.array([PLANTED.hidden_competitor in (a or "") for a in also])
    text = comments.survey_comments(rng, group, ratings, channel, october, nimbus)

    nps[rng.random(N_RESPONSES) < MISSING["nps"]] = np.nan
    inflated = _inflate(rng, nps, agent)
    nps[inflated] = 10
    # Most extra 10s carry a comment that contradicts the score; some carry none.
    said = rng.random(len(inflated))
    for row, draw in zip(inflated, said):
        text[row] = comments.contradictions(rng, 1)[0] if draw < 0.7 else None
    eligible = np.array([t is not None for t in text]) & (group != "promoter")
    eligible[inflated] = False
    text, _ = contact_details.plant(rng, text, eligible, PLANTED.survey_pii_share,
                                    contact_details.SURVEY_SENTENCES)

    frame = pd.DataFrame({
        "response_id": [f"R-{i + 1:06d}" for i in range(N_RESPONSES)],
        "customer_id": base["customer_id"].to_numpy()[who],
        "responded_at": pd.to_datetime(responded_at),
        "channel": channel,
        "segment": segment,
        "age_band": age,
        "nps": pd.array(nps, dtype="Int64"),
        "csat": pd.array(csat, dtype="Int64"),
        "ces": pd.array(ces, dtype="Int64"),
    })
    frame.loc[rng.random(N_RESPONSES) < MISSING["csat"], "csat"] = pd.NA
    frame.loc[rng.random(N_RESPONSES) < MISSING["ces"], "ces"] = pd.NA
    for column in ratings:
        values = pd.array(ratings[column].to_numpy(), dtype="Int64")
        values[rng.random(N_RESPONSES) < MISSING["attr"]] = pd.NA
        frame[column] = values
    frame["comment"] = pd.Series(text, dtype=object)
    frame["also_considered"] = also
    frame["agent_id"] = agent
    frame["location_id"] = location
    return frame
