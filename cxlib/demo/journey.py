"""The customer journey: ~50,000 touchpoint events, walked as a Markov chain per person.

Customers who signed up during the period start at awareness (up to a month before signing up),
existing customers at usage. 1,400 prospects who looked at Northstar and never bought (ids
``P-300001`` ...; they are in no other dataset) start at awareness and leave from awareness or
consideration. Support touchpoints cost the most effort and October's app update makes app
touchpoints harder, consistent with the survey.

A customer's touchpoint ratings before their latest survey answer move with that answer's NPS:
a little everywhere (a happier customer rates everything a bit higher), much more at SIM
activation and somewhat more at the support call. The survey itself is not touched.

Planted truths of step 3, with the values in :data:`TRUTHS` (``tests/test_demo_brand.py``):

1. Moments of truth. Each customer counts once, with their latest NPS answer and the touchpoints
   they rated before it. Customers who rated SIM activation 1-2 of 5 give an NPS about 80 points
   below those who rated it 3-5 (about -32 against +48): the largest gap of any touchpoint. The
   support call comes second (about 40 points); no other touchpoint's gap stands out from chance
   (two-sample z below 2.5). SIM activation is no hot spot on averages (satisfaction about 3.2,
   effort about 4.6), and the lowest-rated touchpoint (support email, about 2.6) moves NPS little.
2. Hot spots. Support is the hardest stage (mean effort about 4.8 of 7, every other stage 4.2 or
   less); the support call and number porting are the hardest touchpoints (about 5.3).
3. Drop-off. Of the about 2,070 people first seen at awareness, about 72 % reach consideration and
   26 % purchase: of those who reach consideration, about 72 % never get to purchase, the largest
   drop between consecutive stages on the way to first use.
4. Onboarding leads to support. About 40 % of the moves out of an onboarding touchpoint go to a
   support touchpoint, about half on to usage.
5. Not a line. Of the people who change stage, only about 1 in 5 move strictly forward: about
   4 in 5 go back at least once (most often from support back to usage) and a third skip a stage;
   about 37 % of the new customers who reach usage got there by the textbook path awareness,
   consideration, purchase, onboarding, usage.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .client import PERIOD_END, PERIOD_START
from .customers import active_window

STAGES = ("awareness", "consideration", "purchase", "onboarding", "usage", "support", "advocacy")
# Row: from-stage, column: to-stage, in the order of STAGES.
TRANSITIONS = np.array([
    [0.05, 0.75, 0.20, 0.00, 0.00, 0.00, 0.00],
    [0.05, 0.15, 0.75, 0.00, 0.00, 0.05, 0.00],
    [0.00, 0.00, 0.00, 0.92, 0.05, 0.03, 0.00],
    [0.00, 0.00, 0.00, 0.10, 0.50, 0.40, 0.00],
    [0.00, 0.06, 0.05, 0.00, 0.57, 0.27, 0.05],
    [0.00, 0.08, 0.00, 0.00, 0.50, 0.38, 0.04],
    [0.00, 0.02, 0.00, 0.00, 0.88, 0.08, 0.02],
])
# Prospects never buy: they stay at awareness or consideration until they leave.
PROSPECT_TRANSITIONS = np.array([[0.20, 0.80], [0.25, 0.75]])
N_PROSPECTS = 1400
PROSPECT_EVENTS = 1.6  # mean events after the first (Poisson)
PROSPECT_DAYS = 45     # a prospect looks around for up to this many days
# Stage -> (touchpoint, channel, satisfaction 1-5 mean, effort 1-7 mean, weight).
TOUCHPOINTS = {
    "awareness": (("Social media ad", "social", 3.4, 2.0, 3), ("Search result", "web", 3.5, 2.2, 3),
                  ("Store window", "store", 3.6, 1.8, 1),
                  ("Friend recommendation", "social", 4.2, 1.5, 2)),
    "consideration": (("Plan comparison page", "web", 3.2, 3.6, 3),
                      ("Store visit", "store", 3.9, 2.8, 2),
                      ("Sales chat", "chat", 3.7, 3.0, 2), ("Review sites", "web", 3.3, 2.5, 1)),
    "purchase": (("Online checkout", "web", 3.8, 3.2, 3),
                 ("In-store purchase", "store", 4.1, 2.6, 3),
                 ("Phone sales", "phone", 3.6, 3.4, 1), ("App upgrade", "app", 3.9, 2.9, 2)),
    "onboarding": (("SIM activation", "app", 3.2, 4.5, 6), ("Number porting", "web", 2.8, 5.3, 2),
                   ("Welcome email", "email", 3.7, 2.0, 2), ("Device setup", "store", 3.9, 3.0, 1)),
    "usage": (("App account", "app", 3.6, 3.3, 4), ("Monthly bill", "email", 3.2, 3.0, 3),
              ("Bill payment", "web", 3.5, 3.1, 2), ("Network coverage", "app", 3.8, 2.2, 3),
              ("Roaming", "app", 3.1, 3.9, 1)),
    "support": (("Support call", "phone", 2.9, 5.3, 4), ("Support chat", "chat", 3.2, 4.6, 3),
                ("Store help desk", "store", 3.6, 4.0, 2), ("Help centre", "web", 2.8, 4.8, 2),
                ("Support email", "email", 2.6, 5.0, 1)),
    "advocacy": (("Referral invite", "app", 4.3, 2.0, 2), ("Online review", "web", 3.8, 2.4, 2),
                 ("Social post", "social", 3.6, 2.0, 1)),
}
CUSTOMER_EVENTS = 46_500
# Share of events with no satisfaction / effort answer (early stages are rarely asked).
UNASKED = {"awareness": 0.85, "consideration": 0.75}
UNASKED_DEFAULT = 0.30
OCTOBER = np.datetime64("2026-10-01", "s")
# How far a rating before the latest survey answer moves per standard deviation of that answer's
# NPS: satisfaction up and effort down by this much (truth 1).
HALO = 0.05
NPS_LINK = {"SIM activation": 0.5, "Support call": 0.25}


@dataclass(frozen=True)
class JourneyTruths:
    """What the journey data were built to show, and the values an analysis should find."""

    worst_moment: str = "SIM activation"
    worst_moment_stage: str = "onboarding"
    worst_moment_gap: float = 80.0       # NPS points, rated 1-2 vs 3-5, before the latest answer
    worst_moment_nps: tuple[float, float] = (-32.0, 48.0)  # rated 1-2, rated 3-5
    second_moment: str = "Support call"
    second_moment_gap: float = 40.0
    other_z_below: float = 2.5           # every other touchpoint's two-sample z
    worst_moment_satisfaction: float = 3.2
    worst_moment_effort: float = 4.6
    lowest_rated_touchpoint: str = "Support email"
    lowest_rated_satisfaction: float = 2.6
    hardest_stage: str = "support"
    hardest_stage_effort: float = 4.8
    other_stages_effort_at_most: float = 4.2
    hardest_touchpoints: tuple[str, ...] = ("Support call", "Number porting")
    prospects: int = N_PROSPECTS
    awareness_cohort: int = 2070
    consideration_reach: float = 0.72    # of the people first seen at awareness
    purchase_reach: float = 0.26
    largest_drop: tuple[str, str] = ("consideration", "purchase")
    largest_drop_share: float = 0.72     # of those who reach consideration
    onboarding_to_support: float = 0.40
    linear_share: float = 0.20           # of the people who change stage
    back_share: float = 0.78
    skip_share: float = 0.34
    textbook_share: float = 0.37         # of the new customers who reach usage


TRUTHS = JourneyTruths()


def _walk(rng: np.random.Generator, start: np.ndarray, lengths: np.ndarray,
          transitions: np.ndarray) -> np.ndarray:
    """Stage index of every event, people one after another, each walk ``lengths[i]`` long."""
    cumulative = np.cumsum(transitions, axis=1)
    state = start.copy()
    steps = np.empty((lengths.max(), len(lengths)), dtype=int)
    for k in range(lengths.max()):
        steps[k] = state
        draw = rng.random(len(state))
        state = np.minimum((cumulative[state] < draw[:, None]).sum(axis=1), len(transitions) - 1)
    keep = np.arange(lengths.max())[:, None] < lengths[None, :]
    return steps.T[keep.T]


def _moments(rng: np.random.Generator, owner: np.ndarray, begin: np.ndarray,
             span: np.ndarray) -> np.ndarray:
    """A time for each event inside its owner's window, in time order within each owner."""
    offset = np.floor(rng.random(len(owner)) * span[owner] / 60).astype("int64") * 60
    moment = begin[owner] + offset.astype("timedelta64[s]")
    return moment[np.lexsort((moment, owner))]


def _latest_nps(answers: pd.DataFrame | None, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per person: the standardized NPS of their latest answered response, and when they gave it.

    People without an answered response get 0 and a time before the period (nothing is linked).
    """
    z = np.zeros(len(ids))
    when = np.full(len(ids), np.datetime64(PERIOD_START, "s") - np.timedelta64(1, "D"))
    if answers is None:
        return z, when
    scored = answers[answers["nps"].notna()].sort_values(["responded_at", "response_id"])
    latest = scored.groupby("customer_id").tail(1).set_index("customer_id")
    value = latest["nps"].astype(float)
    standard = (value - value.mean()) / value.std()
    position = pd.Index(ids).get_indexer(latest.index)
    found = position >= 0
    z[position[found]] = standard.to_numpy()[found]
    when[position[found]] = latest["responded_at"].to_numpy().astype("datetime64[s]")[found]
    return z, when


def _ratings(rng: np.random.Generator, stage: np.ndarray, owner: np.ndarray, moment: np.ndarray,
             n_people: int, link: np.ndarray, linked_until: np.ndarray) -> pd.DataFrame:
    """Touchpoint, channel, satisfaction and effort of every event."""
    touchpoint = np.empty(len(stage), dtype=object)
    channel = np.empty(len(stage), dtype=object)
    sat_mean = np.empty(len(stage))
    effort_mean = np.empty(len(stage))
    for index, name in enumerate(STAGES):
        rows = np.flatnonzero(stage == index)
        options = TOUCHPOINTS[name]
        weight = np.array([o[4] for o in options], dtype=float)
        pick = rng.choice(len(options), size=len(rows), p=weight / weight.sum())
        touchpoint[rows] = [options[p][0] for p in pick]
        channel[rows] = [options[p][1] for p in pick]
        sat_mean[rows] = [options[p][2] for p in pick]
        effort_mean[rows] = [options[p][3] for p in pick]

    # The October app update: app touchpoints get harder.
    hit = (channel == "app") & (moment >= OCTOBER)
    effort_mean[hit] += 0.9
    sat_mean[hit] -= 0.5
    # Truth 1: ratings given before the latest survey answer move with its NPS.
    before = moment < linked_until[owner]
    strength = pd.Series(touchpoint).map(NPS_LINK).fillna(HALO).to_numpy()
    shift = np.where(before, strength * link[owner], 0.0)
    person = rng.normal(0.0, 0.45, n_people)[owner]
    satisfaction = np.clip(np.round(sat_mean + person + shift + rng.normal(0, 0.8, len(stage))), 1, 5)
    effort = np.clip(np.round(effort_mean - person - shift + rng.normal(0, 1.0, len(stage))), 1, 7)
    unasked = np.array([UNASKED.get(STAGES[s], UNASKED_DEFAULT) for s in range(len(STAGES))])[stage]
    satisfaction[rng.random(len(stage)) < unasked] = np.nan
    effort[rng.random(len(stage)) < unasked + 0.1] = np.nan
    return pd.DataFrame({
        "touchpoint": touchpoint, "channel": channel,
        "satisfaction": pd.array(satisfaction, dtype="Int64"),
        "effort": pd.array(effort, dtype="Int64"),
    })


def events(rng: np.random.Generator, clients: pd.DataFrame,
           answers: pd.DataFrame | None = None) -> pd.DataFrame:
    """The journey dataset, columns as in docs/data-contract.md.

    Parameters
    ----------
    rng : random generator.
    clients : the customers dataset.
    answers : the survey dataset; when given, ratings before each customer's latest answer move
        with its NPS (truth 1). Without it nothing is linked.

    Returns
    -------
    pd.DataFrame
        customer_id, occurred_at, stage, touchpoint, channel, satisfaction, effort; sorted by
        person then time (customers first, then prospects).
    """
    begin, finish = active_window(clients)
    signup = pd.to_datetime(clients["signup_date"]).to_numpy().astype("datetime64[s]")
    new = signup >= begin  # signed up during the period: their journey starts at awareness
    # A new customer looks around for up to a month before signing up.
    period_start = np.datetime64(PERIOD_START, "s")
    begin = np.where(new, np.maximum(begin - np.timedelta64(30, "D"), period_start), begin)
    span = (finish - begin).astype("int64")
    lengths = np.maximum(1, rng.poisson(span / span.sum() * CUSTOMER_EVENTS))
    start = np.where(new, STAGES.index("awareness"), STAGES.index("usage"))
    stage = _walk(rng, start, lengths, TRANSITIONS)

    # Prospects: a short look around somewhere in the period, then gone.
    period_end = np.datetime64(PERIOD_END, "s") + np.timedelta64(1, "D")
    days = rng.integers(1, PROSPECT_DAYS + 1, N_PROSPECTS)
    latest_start = (period_end - period_start).astype("int64") - days * 86_400
    p_begin = period_start + (rng.random(N_PROSPECTS) * latest_start).astype("int64").astype(
        "timedelta64[s]")
    p_span = days.astype("int64") * 86_400
    p_lengths = 1 + rng.poisson(PROSPECT_EVENTS, N_PROSPECTS)
    p_stage = _walk(rng, np.zeros(N_PROSPECTS, dtype=int), p_lengths, PROSPECT_TRANSITIONS)

    ids = np.concatenate([clients["customer_id"].to_numpy(dtype=object),
                          np.array([f"P-{300001 + i}" for i in range(N_PROSPECTS)], dtype=object)])
    all_begin = np.concatenate([begin, p_begin])
    all_span = np.concatenate([span, p_span])
    all_lengths = np.concatenate([lengths, p_lengths])
    owner = np.repeat(np.arange(len(ids)), all_lengths)
    moment = _moments(rng, owner, all_begin, all_span)
    stage = np.concatenate([stage, p_stage])

    link, linked_until = _latest_nps(answers, ids)
    rated = _ratings(rng, stage, owner, moment, len(ids), link, linked_until)
    return pd.DataFrame({
        "customer_id": ids[owner],
        "occurred_at": pd.to_datetime(moment),
        "stage": np.array(STAGES)[stage],
        "touchpoint": rated["touchpoint"].to_numpy(),
        "channel": rated["channel"].to_numpy(),
        "satisfaction": rated["satisfaction"],
        "effort": rated["effort"],
    })
