"""The customer base: who Northstar's customers are, what they pay and who left.

Churn carries truth 2 of :mod:`cxlib.demo.planted`: it is drawn from the CES of each customer's
latest survey response, as exact counts per CES group: 30 % of customers whose latest CES is 1-3
churn against 10 % of those at 5-7, a ratio of 3.0. NPS relates to churn only through its link
with ease, and revenue_12m rises mildly with NPS.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .client import PERIOD_END, PERIOD_START, iso_date
from .planted import PLANTED

N_CUSTOMERS = 6000
SEGMENTS = ("Consumer", "Family", "Business", "Prepaid")
SEGMENT_SHARE = (0.46, 0.22, 0.14, 0.18)
ANNUAL_REVENUE = {"Consumer": 540.0, "Family": 1320.0, "Business": 2150.0, "Prepaid": 260.0}
# Churn share per group of the latest survey CES; customers who never answered churn at 14 %.
CHURN_RATE = {
    "low": PLANTED.low_ces_churn_rate, "mid": 0.18, "high": PLANTED.high_ces_churn_rate,
    "unknown": 0.15, "silent": 0.14,
}
# Within a group the lower CES still churns a little more often.
CES_WEIGHT = {1: 1.3, 2: 1.0, 3: 0.8, 4: 1.0, 5: 1.3, 6: 1.0, 7: 0.7}
FIRST_SIGNUP = np.datetime64("2014-01-01", "D")


EXTRACT_LAG_DAYS = 28


def customer_base(rng: np.random.Generator) -> pd.DataFrame:
    """Customers before the survey: id, segment and signup day (ids follow signup order).

    Parameters
    ----------
    rng : random generator.

    Returns
    -------
    pd.DataFrame
        customer_id, segment, signup (``datetime64[D]``); 15 % signed up during the period.
    """
    start = np.datetime64(PERIOD_START, "D")
    new = rng.random(N_CUSTOMERS) < 0.15
    tenure = rng.integers(0, int((start - FIRST_SIGNUP).astype(int)), N_CUSTOMERS)
    recent = rng.integers(0, 334, N_CUSTOMERS)  # up to the end of September 2026
    signup = np.where(new, start + recent, FIRST_SIGNUP + tenure).astype("datetime64[D]")
    signup.sort()
    return pd.DataFrame({
        "customer_id": [f"C-{100001 + i}" for i in range(N_CUSTOMERS)],
        "segment": rng.choice(SEGMENTS, size=N_CUSTOMERS, p=SEGMENT_SHARE),
        "signup": signup,
    })


def ces_group(ces: pd.Series) -> pd.Series:
    """``low`` (1-3), ``mid`` (4), ``high`` (5-7) or ``unknown`` (missing) per CES answer."""
    groups = pd.cut(ces, [0, 3, 4, 7], labels=["low", "mid", "high"]).astype(object)
    return groups.where(ces.notna(), "unknown")


def _draw_churners(rng: np.random.Generator, groups: pd.Series, ces: pd.Series) -> pd.Series:
    """Exactly ``round(rate * size)`` churners per group, lower CES more likely within a group."""
    churned = pd.Series(False, index=groups.index)
    for group, rate in CHURN_RATE.items():
        members = groups.index[groups == group]
        if len(members) == 0:
            continue
        weight = ces.reindex(members).map(CES_WEIGHT).fillna(1.0).to_numpy(float)
        size = round(rate * len(members))
        picked = rng.choice(members, size=size, replace=False, p=weight / weight.sum())
        churned[picked] = True
    return churned


def settle(rng: np.random.Generator, base: pd.DataFrame, survey: pd.DataFrame) -> pd.DataFrame:
    """The customers dataset: churn from the latest CES, revenue over the period.

    Parameters
    ----------
    rng : random generator.
    base : :func:`customer_base`.
    survey : the survey dataset (customer_id, responded_at, nps, ces).

    Returns
    -------
    pd.DataFrame
        customer_id, segment, signup_date, revenue_12m, churned, churned_at (dates as text).
    """
    frame = base.set_index("customer_id")
    answered = survey.sort_values(["responded_at", "response_id"])
    latest = answered.groupby("customer_id").tail(1).set_index("customer_id")
    first_day = answered.groupby("customer_id")["responded_at"].min().dt.floor("D")
    # A respondent was a customer before answering: move impossible signups back in time.
    signup = pd.Series(pd.to_datetime(frame["signup"]), index=frame.index)
    late = signup.reindex(first_day.index) >= first_day
    fix = first_day[late] - pd.to_timedelta(rng.integers(14, 400, late.sum()), unit="D")
    signup[fix.index] = fix

    groups = pd.Series("silent", index=frame.index, dtype=object)
    groups[latest.index] = ces_group(latest["ces"])
    churned = _draw_churners(rng, groups, latest["ces"])

    start, end = pd.Timestamp(PERIOD_START), pd.Timestamp(PERIOD_END)
    churned_at = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    asked = churned & groups.ne("silent")
    respond_day = latest["responded_at"].dt.floor("D").reindex(frame.index[asked])
    churned_at[asked] = respond_day + pd.to_timedelta(rng.integers(3, 91, asked.sum()), unit="D")
    # The extract is taken four weeks after the period: no churn date may lie beyond it (or in the future).
    churned_at = churned_at.clip(upper=end + pd.Timedelta(days=EXTRACT_LAG_DAYS))
    silent = churned & groups.eq("silent")
    earliest = np.maximum(signup[silent] + pd.Timedelta(days=30), start)
    span = (end - earliest).dt.days.clip(lower=1).to_numpy()
    days = np.floor(rng.random(silent.sum()) * span)
    churned_at[silent] = earliest + pd.to_timedelta(days, unit="D")

    # Revenue: segment price, individual usage, a mild lift with NPS, and only the active days.
    mean_nps = answered.groupby("customer_id")["nps"].mean().reindex(frame.index)
    nps_z = ((mean_nps - mean_nps.mean()) / mean_nps.std()).fillna(0.0)
    usage = np.exp(rng.normal(0.0, 0.35, len(frame)) + 0.12 * nps_z.to_numpy())
    active_from = np.maximum(signup, start)
    active_to = churned_at.fillna(end + pd.Timedelta(days=1)).clip(upper=end + pd.Timedelta(days=1))
    active = ((active_to - active_from).dt.days.clip(lower=0) / 365.0).clip(upper=1.0)
    revenue = frame["segment"].map(ANNUAL_REVENUE) * usage * active
    return pd.DataFrame({
        "customer_id": frame.index,
        "segment": frame["segment"].to_numpy(),
        "signup_date": iso_date(signup.to_numpy()).to_numpy(),
        "revenue_12m": revenue.round(2).to_numpy(),
        "churned": churned.to_numpy(),
        "churned_at": iso_date(churned_at.to_numpy()).to_numpy(),
    })



def active_window(clients: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """When each customer could act during the period, as ``datetime64[s]`` bounds.

    Parameters
    ----------
    clients : the customers dataset (signup_date, churned_at as ISO text).

    Returns
    -------
    (np.ndarray, np.ndarray)
        From the later of signup and period start, to the earlier of churn and period end
        (end exclusive, at least one day after the start).
    """
    start = np.datetime64(PERIOD_START, "s")
    end = np.datetime64(PERIOD_END, "s") + np.timedelta64(1, "D")
    signup = pd.to_datetime(clients["signup_date"]).to_numpy().astype("datetime64[s]")
    churn = pd.to_datetime(clients["churned_at"]).to_numpy().astype("datetime64[s]")
    begin = np.maximum(signup, start)
    finish = np.where(np.isnat(churn), end, np.minimum(churn, end))
    return begin, np.maximum(finish, begin + np.timedelta64(1, "D"))
