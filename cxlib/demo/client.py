"""Northstar Mobile, the fictional demo client: its ``client.yml`` and its calendar."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

NAME = "Northstar Mobile"
SLUG = "demo"
INDUSTRY = "Mobile telecommunications"
PERIOD_START = dt.date(2025, 11, 1)
PERIOD_END = dt.date(2026, 10, 31)
CONSULTANT = "Dana Whitfield, CX Nirvana Partners"
BRAND = {"primary": "#0B3C5D", "secondary": "#328CC1", "accent": "#D9B310"}
COMPETITORS = ("Orbit Telecom", "Pulse Wireless", "Zenith Connect")
CHANNELS = ("store", "phone", "chat", "email", "app", "web")
GOALS = (
    {"goal": "Lift relationship NPS", "metric": "NPS", "target": 35, "due": dt.date(2027, 6, 30)},
    {"goal": "Cut customer effort", "metric": "CES", "target": 5.5, "due": dt.date(2027, 3, 31)},
    # Monthly churn in percent of the base.
    {"goal": "Reduce churn", "metric": "Churn rate", "target": 1.0, "due": dt.date(2027, 6, 30)},
    {"goal": "Resolve more at first contact", "metric": "First contact resolution",
     "target": 80, "due": dt.date(2027, 3, 31)},
)
# Customers served and staff at work between 08:00 and 20:59.
OPENING_MINUTES = (8 * 60, 21 * 60)


def client_config() -> dict:
    """The content of ``client.yml``, keys as in docs/data-contract.md.

    Returns
    -------
    dict
        Plain types only (str, int, float, date, list, dict), ready for ``yaml.safe_dump``.
    """
    return {
        "name": NAME,
        "slug": SLUG,
        "industry": INDUSTRY,
        "currency": "USD",
        "locale": "en-US",
        "period": {"start": PERIOD_START, "end": PERIOD_END},
        "brand": dict(BRAND),
        "competitors": list(COMPETITORS),
        "channels": list(CHANNELS),
        "consultant": CONSULTANT,
        "goals": [dict(goal) for goal in GOALS],
    }


def month_starts() -> pd.DatetimeIndex:
    """The first day of each of the twelve months of the period."""
    return pd.date_range(PERIOD_START, periods=12, freq="MS")


def split_count(total: int, weights) -> np.ndarray:
    """Split ``total`` into whole parts proportional to ``weights`` (largest remainder).

    Parameters
    ----------
    total : the number to split.
    weights : non-negative weights, one per part.
    """
    weights = np.asarray(weights, dtype=float)
    raw = total * weights / weights.sum()
    parts = np.floor(raw).astype(int)
    # Hand the leftover units to the largest remainders; stable sort keeps it deterministic.
    order = np.argsort(-(raw - parts), kind="stable")
    parts[order[: total - parts.sum()]] += 1
    return parts


def times_in_months(rng: np.random.Generator, counts) -> np.ndarray:
    """Sorted timestamps, ``counts[m]`` of them in month ``m`` of the period, in opening hours.

    Parameters
    ----------
    rng : random generator.
    counts : twelve whole numbers.

    Returns
    -------
    np.ndarray
        ``datetime64[s]`` values on whole minutes.
    """
    chunks = []
    for start, count in zip(month_starts(), counts):
        day = rng.integers(0, start.days_in_month, count)
        minute = rng.integers(*OPENING_MINUTES, count)
        offset = (day * 86400 + minute * 60).astype("timedelta64[s]")
        chunks.append(np.datetime64(start.date(), "s") + offset)
    return np.sort(np.concatenate(chunks))


def times_in_period(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` sorted timestamps spread over the period in proportion to days, in opening hours.

    Parameters
    ----------
    rng : random generator.
    n : how many.
    """
    return times_in_months(rng, split_count(n, [s.days_in_month for s in month_starts()]))


def later(start, minutes) -> np.ndarray:
    """``start`` plus a number of minutes (rounded to whole minutes), as ``datetime64[s]``.

    Parameters
    ----------
    start : ``datetime64`` values.
    minutes : minutes to add.
    """
    step = np.round(np.asarray(minutes, dtype=float)).astype("int64") * 60
    return np.asarray(start, dtype="datetime64[s]") + step.astype("timedelta64[s]")


def iso_date(values) -> pd.Series:
    """Dates as ``YYYY-MM-DD`` text; missing values stay missing."""
    return pd.Series(pd.to_datetime(pd.Series(values))).dt.strftime("%Y-%m-%d")
