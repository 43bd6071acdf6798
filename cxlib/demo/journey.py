"""The customer journey: ~50,000 touchpoint events walked as a Markov chain per customer.

New customers start at awareness, existing ones at usage. Onboarding leads to support far more
often than it should (40 %), support touchpoints cost the most effort, and October's app update
makes app touchpoints harder, consistent with the survey.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .client import PERIOD_START
from .customers import active_window

STAGES = ("awareness", "consideration", "purchase", "onboarding", "usage", "support", "advocacy")
# Row: from-stage, column: to-stage, in the order of STAGES.
TRANSITIONS = np.array([
    [0.05, 0.75, 0.20, 0.00, 0.00, 0.00, 0.00],
    [0.05, 0.15, 0.75, 0.00, 0.00, 0.05, 0.00],
    [0.00, 0.00, 0.00, 0.92, 0.05, 0.03, 0.00],
    [0.00, 0.00, 0.00, 0.10, 0.50, 0.40, 0.00],
    [0.00, 0.06, 0.02, 0.00, 0.60, 0.27, 0.05],
    [0.00, 0.08, 0.00, 0.00, 0.50, 0.38, 0.04],
    [0.00, 0.02, 0.00, 0.00, 0.88, 0.08, 0.02],
])
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
    "onboarding": (("SIM activation", "app", 3.0, 4.9, 3), ("Number porting", "web", 2.8, 5.3, 2),
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
TARGET_EVENTS = 50_000
# Share of events with no satisfaction / effort answer (early stages are rarely asked).
UNASKED = {"awareness": 0.85, "consideration": 0.75}
UNASKED_DEFAULT = 0.30
OCTOBER = np.datetime64("2026-10-01", "s")


def _walk(rng: np.random.Generator, start: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Stage index of every event, customers one after another, each walk ``lengths[i]`` long."""
    cumulative = np.cumsum(TRANSITIONS, axis=1)
    state = start.copy()
    steps = np.empty((lengths.max(), len(lengths)), dtype=int)
    for k in range(lengths.max()):
        steps[k] = state
        draw = rng.random(len(state))
        state = np.minimum((cumulative[state] < draw[:, None]).sum(axis=1), len(STAGES) - 1)
    keep = np.arange(lengths.max())[:, None] < lengths[None, :]
    return steps.T[keep.T]


def events(rng: np.random.Generator, clients: pd.DataFrame) -> pd.DataFrame:
    """The journey dataset, columns as in docs/data-contract.md.

    Parameters
    ----------
    rng : random generator.
    clients : the customers dataset.

    Returns
    -------
    pd.DataFrame
        customer_id, occurred_at, stage, touchpoint, channel, satisfaction, effort; sorted by
        customer then time.
    """
    begin, finish = active_window(clients)
    signup = pd.to_datetime(clients["signup_date"]).to_numpy().astype("datetime64[s]")
    new = signup >= begin  # signed up during the period: their journey starts at awareness
    # A prospect looks around for up to a month before signing up.
    period_start = np.datetime64(PERIOD_START, "s")
    begin = np.where(new, np.maximum(begin - np.timedelta64(30, "D"), period_start), begin)
    span = (finish - begin).astype("int64")
    share = span / span.sum()
    lengths = np.maximum(1, rng.poisson(share * TARGET_EVENTS))
    start = np.where(new, STAGES.index("awareness"), STAGES.index("usage"))
    stage = _walk(rng, start, lengths)

    owner = np.repeat(np.arange(len(clients)), lengths)
    offset = np.floor(rng.random(len(owner)) * span[owner] / 60).astype("int64") * 60
    moment = begin[owner] + offset.astype("timedelta64[s]")
    order = np.lexsort((moment, owner))  # walk order follows time within each customer
    moment = moment[order]

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
    person = rng.normal(0.0, 0.45, len(clients))[owner]
    satisfaction = np.clip(np.round(sat_mean + person + rng.normal(0, 0.8, len(stage))), 1, 5)
    effort = np.clip(np.round(effort_mean - person + rng.normal(0, 1.0, len(stage))), 1, 7)
    unasked = np.array([UNASKED.get(STAGES[s], UNASKED_DEFAULT) for s in range(len(STAGES))])[stage]
    satisfaction[rng.random(len(stage)) < unasked] = np.nan
    effort[rng.random(len(stage)) < unasked + 0.1] = np.nan
    return pd.DataFrame({
        "customer_id": clients["customer_id"].to_numpy()[owner],
        "occurred_at": pd.to_datetime(moment),
        "stage": np.array(STAGES)[stage],
        "touchpoint": touchpoint,
        "channel": channel,
        "satisfaction": pd.array(satisfaction, dtype="Int64"),
        "effort": pd.array(effort, dtype="Int64"),
    })
