"""Service operations: the channel mix Northstar funds and ~8,000 customer interactions.

Interactions come in episodes: a customer opens a contact on the channel of their choice and, when
it is not resolved, tries again, usually on the phone or in a store, and often has to repeat
everything. Step 4 (omnichannel convenience) is checked against five planted truths, whose values
are in :data:`TRUTHS` (``tests/test_demo_omnichannel.py`` asserts each one with plain pandas):

1. Channel preference follows age. The channel an episode opens on is drawn from
   :data:`OPENING_BY_AGE` for the customer's age band (from their latest survey answer; customers
   who never answered get a band drawn from the survey's age mix). Gen Z (18-24) opens about 60 %
   of its contacts in the app or in chat; customers aged 55 and over open about 74 % on the phone
   or in a store and hardly touch the app.
2. Money does not follow customers. Chat carries about 21 % of all contacts on 8 % of the
   service budget (under-invested, about 2.6x); stores carry about 16 % of contacts on 34 % of the
   budget (over-invested, about 0.5x).
3. Customers knock on a door that is not there. WhatsApp is not offered and gets no budget, yet
   about 3 % of contacts arrive there (mostly from under-35s); more than half are never answered
   and about 10 % are resolved. Social media (also not offered) brings about 3 % more.
4. Email misses its response target badly: the target is 24 hours (1,440 minutes) but the median
   first response is about 47 hours and only about 14 % of emails are answered within target
   (unanswered ones count as missed). Every other offered channel answers 60 % or more in time.
5. Switching channel loses the thread. About 47 % of the contacts that follow a contact on
   another channel have the customer repeat information; those are resolved about 40 % of the
   time against about 76 % when nothing had to be repeated. Customers who had to repeat
   themselves are the less happy ones: repeating is more likely for customers whose latest survey
   answer was harsh, so their latest CES is about 0.8 points lower (of 7) and their latest NPS
   about 24 points lower than that of customers who switched without repeating.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit, logit

from .customers import active_window
from .survey import AGE_BANDS, AGE_SHARE

# channel -> (offered, investment share, target first response in minutes or None).
CHANNEL_MIX = {
    "store": (True, 0.34, 10),
    "phone": (True, 0.27, 5),
    "chat": (True, 0.08, 2),
    "email": (True, 0.07, 1440),
    "app": (True, 0.11, 240),
    "web": (True, 0.11, 1440),
    "social": (False, 0.02, None),
    "whatsapp": (False, 0.00, None),
}
N_EPISODES = 6000
MAX_CONTACTS = 4  # an episode stops after this many contacts, resolved or not
RETRY = 0.78      # chance an unresolved customer tries again
CHANNELS = ("phone", "chat", "store", "email", "app", "web", "social", "whatsapp")
# Truth 1: where each age band opens a contact (shares in CHANNELS order).
OPENING_BY_AGE = {
    "18-24": (0.07, 0.30, 0.04, 0.03, 0.32, 0.06, 0.07, 0.11),
    "25-34": (0.12, 0.32, 0.06, 0.05, 0.22, 0.08, 0.05, 0.10),
    "35-44": (0.24, 0.30, 0.09, 0.08, 0.14, 0.08, 0.03, 0.04),
    "45-54": (0.36, 0.20, 0.14, 0.11, 0.08, 0.08, 0.02, 0.01),
    "55-64": (0.44, 0.08, 0.26, 0.11, 0.04, 0.06, 0.01, 0.00),
    "65+": (0.48, 0.04, 0.33, 0.09, 0.02, 0.04, 0.00, 0.00),
}
# Where an unresolved customer goes next: the same channel, or an escalation channel.
SAME_CHANNEL = 0.18
ESCALATION = {"phone": 0.50, "store": 0.25, "chat": 0.17, "email": 0.08}
# Median first response in minutes, spread (log scale) and share never answered (truths 3, 4).
RESPONSE = {"phone": (3.0, 0.6, 0.02), "chat": (1.5, 0.6, 0.02), "store": (7.0, 0.5, 0.01),
            "email": (2900.0, 0.6, 0.03), "app": (150.0, 0.6, 0.03), "web": (600.0, 0.7, 0.03),
            "social": (380.0, 1.0, 0.30), "whatsapp": (900.0, 1.0, 0.58)}
# Chance an answered contact resolves the issue, and how a switch changes it (truth 5).
RESOLVE = {"phone": 0.74, "chat": 0.66, "store": 0.80, "email": 0.58, "app": 0.62, "web": 0.52,
           "social": 0.40, "whatsapp": 0.30}
RESOLVE_IF_REPEATED = 0.60   # multiplier when the customer had to start again
RESOLVE_IF_CARRIED = 1.05    # multiplier when the context came along
REPEAT_AFTER_SWITCH = 0.48   # chance of repeating after a channel switch, for an average customer
REPEAT_SAME_CHANNEL = 0.12
REPEAT_FRUSTRATION = 0.45    # log-odds per standard deviation of a harsh latest survey answer


@dataclass(frozen=True)
class Truths:
    """The values step 4's analyses should find in the demo (seed 2026); see the module docstring.

    Shares are fractions of contacts; ``*_gap`` compare customers who repeated information after a
    switch with those who did not (repeated minus not repeated) on their latest survey answer.
    """

    young_band: str = "18-24"
    young_channels: tuple[str, ...] = ("app", "chat")
    young_share: float = 0.60
    old_bands: tuple[str, ...] = ("55-64", "65+")
    old_channels: tuple[str, ...] = ("phone", "store")
    old_share: float = 0.74
    under_invested: str = "chat"
    under_invested_usage: float = 0.21
    under_invested_budget: float = 0.08
    over_invested: str = "store"
    over_invested_usage: float = 0.16
    over_invested_budget: float = 0.34
    unoffered_tried: str = "whatsapp"
    unoffered_tried_share: float = 0.033
    unoffered_tried_unanswered: float = 0.54
    slow_channel: str = "email"
    slow_channel_target: float = 1440.0
    slow_channel_median: float = 2840.0
    slow_channel_in_time: float = 0.14
    other_channels_in_time: float = 0.60  # every other offered channel at least this
    switch_repeat_share: float = 0.47
    resolved_if_repeated: float = 0.40
    resolved_if_not_repeated: float = 0.76
    ces_gap: float = -0.8
    nps_gap: float = -24.0


TRUTHS = Truths()


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


def _zscore(values: pd.Series) -> pd.Series:
    return (values - values.mean()) / values.std()


def _profiles(rng: np.random.Generator, clients: pd.DataFrame,
              answers: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray]:
    """Age band and frustration (a z-score, 0 when unknown) of every customer, in ``clients`` order.

    A respondent's band and frustration come from their latest survey answer: frustration is the
    mean of the z-scores of a low CES and a low NPS (a missing score counts as average).
    """
    ids = clients["customer_id"]
    age = pd.Series(rng.choice(AGE_BANDS, size=len(ids), p=AGE_SHARE), index=ids.to_numpy())
    frustration = pd.Series(0.0, index=ids.to_numpy())
    if answers is not None and len(answers):
        latest = (answers.sort_values(["responded_at", "response_id"], kind="stable")
                  .groupby("customer_id").tail(1).set_index("customer_id"))
        latest = latest[latest.index.isin(age.index)]
        age[latest.index] = latest["age_band"].astype(str)
        harsh = -(_zscore(latest["ces"].astype(float)).fillna(0.0)
                  + _zscore(latest["nps"].astype(float)).fillna(0.0)) / 2
        frustration[latest.index] = harsh.to_numpy()
    return age.to_numpy(), frustration.to_numpy()


def _pick(rng: np.random.Generator, shares: dict[str, float]) -> str:
    return str(rng.choice(list(shares), p=list(shares.values())))


def interactions(rng: np.random.Generator, clients: pd.DataFrame,
                 answers: pd.DataFrame | None = None) -> pd.DataFrame:
    """The interactions dataset, columns as in docs/data-contract.md.

    Parameters
    ----------
    rng : random generator.
    clients : the customers dataset (contacts happen while a customer is active).
    answers : the survey dataset (age band and latest scores per respondent); None draws every
        customer's age band from the survey's age mix and gives nobody a survey-linked frustration.

    Returns
    -------
    pd.DataFrame
        One row per contact, ids in time order.
    """
    age, frustration = _profiles(rng, clients, answers)
    who = rng.integers(0, len(clients), N_EPISODES)
    begin, finish = active_window(clients)
    span = (finish - begin).astype("int64")[who]
    offset = np.floor(rng.random(N_EPISODES) * span / 60) * 60
    first = begin[who] + offset.astype("int64").astype("timedelta64[s]")
    opening = [str(rng.choice(CHANNELS, p=OPENING_BY_AGE[age[w]])) for w in who]

    rows = []
    for episode in range(N_EPISODES):
        person = who[episode]
        moment, channel, previous = first[episode], opening[episode], None
        for step in range(MAX_CONTACTS):
            median, spread, unanswered = RESPONSE[channel]
            minutes = np.nan if rng.random() < unanswered else round(
                median * float(np.exp(rng.normal(0.0, spread))), 1)
            repeated = None
            chance = RESOLVE[channel]
            if previous is not None:
                odds = (logit(REPEAT_AFTER_SWITCH) + REPEAT_FRUSTRATION * frustration[person]
                        if channel != previous else logit(REPEAT_SAME_CHANNEL))
                repeated = bool(rng.random() < expit(odds))
                chance *= RESOLVE_IF_REPEATED if repeated else RESOLVE_IF_CARRIED
            resolved = bool(not np.isnan(minutes) and rng.random() < chance)
            rows.append((person, moment, channel, previous, minutes, resolved, repeated))
            if resolved or step == MAX_CONTACTS - 1 or rng.random() >= RETRY:
                break
            previous = channel
            channel = channel if rng.random() < SAME_CHANNEL else _pick(rng, ESCALATION)
            # The next attempt follows within an hour to three days, while still a customer.
            room = int((finish[person] - moment).astype("int64")) // 2
            delay = max(60, min(int(rng.integers(60, 4320)) * 60, room) // 60 * 60)
            moment = moment + np.timedelta64(delay, "s")
    frame = pd.DataFrame(rows, columns=["who", "started_at", "channel", "previous_channel",
                                        "minutes", "resolved", "repeated"])
    frame = frame.sort_values(["started_at", "who"], kind="stable").reset_index(drop=True)
    repeated = pd.array(frame["repeated"].to_numpy(), dtype="boolean")
    repeated[rng.random(len(frame)) < 0.04] = pd.NA  # not every agent records it
    return pd.DataFrame({
        "interaction_id": [f"IN-{i + 1:06d}" for i in range(len(frame))],
        "customer_id": clients["customer_id"].to_numpy()[frame["who"].to_numpy()],
        "channel": frame["channel"].to_numpy(),
        "started_at": pd.to_datetime(frame["started_at"]),
        "previous_channel": frame["previous_channel"].to_numpy(),
        "first_response_minutes": frame["minutes"].to_numpy(float),
        "resolved": frame["resolved"].to_numpy(bool),
        "repeated_info": repeated,
    })
