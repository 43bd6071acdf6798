"""Service operations: the channel mix Northstar funds and ~8,000 customer interactions.

Interactions come in episodes: a customer tries one channel and, when it does not resolve the
issue, switches (usually to phone or the store) and often has to repeat everything. Customers
also knock on doors Northstar does not offer (social, WhatsApp), where answers are slow or absent.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .client import split_count
from .customers import active_window

# channel -> (offered, investment share, target first response in minutes or None).
CHANNEL_MIX = {
    "store": (True, 0.34, 10),
    "phone": (True, 0.27, 5),
    "chat": (True, 0.09, 2),
    "email": (True, 0.06, 1440),
    "app": (True, 0.11, 240),
    "web": (True, 0.11, 1440),
    "social": (False, 0.02, 60),
    "whatsapp": (False, 0.00, None),
}
N_EPISODES = 5700
EPISODE_LENGTH = {1: 0.68, 2: 0.22, 3: 0.10}
FIRST_CHANNEL = {"phone": 0.30, "chat": 0.20, "store": 0.14, "email": 0.10, "app": 0.12,
                 "web": 0.08, "social": 0.04, "whatsapp": 0.02}
# Where customers go when the previous contact did not solve it.
NEXT_CHANNEL = {
    "phone": {"store": 0.4, "phone": 0.3, "chat": 0.2, "email": 0.1},
    "store": {"phone": 0.6, "chat": 0.2, "store": 0.2},
    "digital": {"phone": 0.5, "store": 0.25, "chat": 0.15, "email": 0.10},
}
# Median first response in minutes and its spread (log scale); share left unanswered.
RESPONSE = {"phone": (7, 0.6, 0.02), "chat": (3, 0.7, 0.02), "store": (12, 0.5, 0.02),
            "email": (540, 0.8, 0.04), "app": (240, 0.8, 0.04), "web": (720, 0.8, 0.05),
            "social": (380, 1.0, 0.25), "whatsapp": (900, 1.0, 0.55)}
RESOLVE_RATE = {"social": 0.60, "whatsapp": 0.55}
RESOLVE_DEFAULT = 0.86


def channel_mix() -> pd.DataFrame:
    """The channels dataset: offered channels, where the money goes and response targets.

    Returns
    -------
    pd.DataFrame
        channel, offered, investment_share (sums to 1), target_response_minutes (nullable).
    """
    return pd.DataFrame({
        "channel": list(CHANNEL_MIX),
        "offered": [v[0] for v in CHANNEL_MIX.values()],
        "investment_share": [v[1] for v in CHANNEL_MIX.values()],
        "target_response_minutes": pd.array([v[2] for v in CHANNEL_MIX.values()], dtype="Int64"),
    })


def _next_channel(rng: np.random.Generator, previous: str) -> str:
    key = previous if previous in ("phone", "store") else "digital"
    options = NEXT_CHANNEL[key]
    return str(rng.choice(list(options), p=list(options.values())))


def interactions(rng: np.random.Generator, clients: pd.DataFrame) -> pd.DataFrame:
    """The interactions dataset, columns as in docs/data-contract.md.

    Parameters
    ----------
    rng : random generator.
    clients : the customers dataset (contacts happen while a customer is active).

    Returns
    -------
    pd.DataFrame
        One row per contact, ids in time order.
    """
    sizes = split_count(N_EPISODES, list(EPISODE_LENGTH.values()))
    lengths = np.repeat(list(EPISODE_LENGTH), sizes)
    lengths = lengths[rng.permutation(N_EPISODES)]
    who = rng.integers(0, len(clients), N_EPISODES)
    begin, finish = active_window(clients)
    span = (finish - begin).astype("int64")[who]
    offset = np.floor(rng.random(N_EPISODES) * span / 60) * 60
    first = begin[who] + offset.astype("int64").astype("timedelta64[s]")
    opening = rng.choice(list(FIRST_CHANNEL), size=N_EPISODES, p=list(FIRST_CHANNEL.values()))

    rows = []
    for episode in range(N_EPISODES):
        moment, channel, previous = first[episode], str(opening[episode]), None
        for step in range(lengths[episode]):
            rows.append((who[episode], moment, channel, previous, step == lengths[episode] - 1))
            previous = channel
            channel = _next_channel(rng, channel)
            # The next attempt follows within an hour to three days, while still a customer.
            room = int((finish[who[episode]] - moment).astype("int64")) // 2
            delay = max(60, min(int(rng.integers(60, 4320)) * 60, room) // 60 * 60)
            moment = moment + np.timedelta64(delay, "s")
    frame = pd.DataFrame(rows, columns=["who", "started_at", "channel", "previous_channel", "last"])
    frame = frame.sort_values(["started_at", "who"], kind="stable").reset_index(drop=True)
    n = len(frame)

    median, spread, unanswered = (np.array([RESPONSE[c][i] for c in frame["channel"]], dtype=float)
                                  for i in range(3))
    minutes = np.round(median * np.exp(rng.normal(0.0, spread)), 1)
    minutes[rng.random(n) < unanswered] = np.nan
    rate = frame["channel"].map(RESOLVE_RATE).fillna(RESOLVE_DEFAULT).to_numpy()
    resolved = frame["last"].to_numpy() & (rng.random(n) < rate)
    switched = frame["previous_channel"].notna().to_numpy()
    repeated = pd.array(rng.random(n) < np.where(switched, 0.72, 0.06), dtype="boolean")
    repeated[rng.random(n) < 0.05] = pd.NA
    return pd.DataFrame({
        "interaction_id": [f"IN-{i + 1:06d}" for i in range(n)],
        "customer_id": clients["customer_id"].to_numpy()[frame["who"].to_numpy()],
        "channel": frame["channel"].to_numpy(),
        "started_at": pd.to_datetime(frame["started_at"]),
        "previous_channel": frame["previous_channel"].to_numpy(),
        "first_response_minutes": minutes,
        "resolved": resolved,
        "repeated_info": repeated,
    })
