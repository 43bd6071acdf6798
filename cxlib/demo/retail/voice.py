"""Fernway's voice of the customer: one month of survey answers and the customer base behind them.

Planted truths (values in :data:`TRUTHS`):

1. One wave. All 412 answers fall in October 2026, so no month-on-month change can be tested.
2. Delivery drives NPS. NPS is built mostly from the delivery rating (weight 1.2 against 0.45 or
   less for the other four), so delivery carries the largest share of what the ratings explain.
3. Returns are the weakest rating (mean about 2.6 of 5) and are rated only by the 45% of
   respondents who returned something; the brand promise rates returns 4.5 (the largest gap).
4. Satisfaction is asked on 1-10; client.yml rescales it onto 1-5 (1 -> 1, 10 -> 5, half up).
5. Segment, age band and effort are columns with no answers, so no segment comparison and no
   effort analysis can run.
6. Detractors leave: a respondent scoring 0-6 churns with probability 0.30, a promoter with 0.06.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

PERIOD_START = dt.date(2026, 10, 1)
PERIOD_END = dt.date(2026, 10, 31)
N_ANSWERS = 412
N_CUSTOMERS = 1_600
# rating -> (mean on 1-5, weight in the recommend score); delivery dominates NPS by construction.
RATINGS = {"attr_delivery": (3.2, 1.20), "attr_product_quality": (3.9, 0.45), "attr_returns": (2.6, 0.30),
           "attr_website": (3.8, 0.15), "attr_value": (3.4, 0.30)}
RETURNED_SHARE = 0.45
CHURN_BY_CLASS = {"detractor": 0.30, "passive": 0.14, "promoter": 0.06}
BASE_CHURN = 0.10
SURVEY_CHANNELS = {"web": 0.46, "app": 0.34, "email": 0.12, "chat": 0.08}
COMMENT_SHARE = 0.62

# Comment pools per rating, by the answer's tone; each uses the retail lexicon's words for its theme.
COMMENTS = {
    "attr_delivery": {
        "low": ["My parcel arrived four days after the promised date.", "Delivery was late twice and the courier "
                "never rang the bell.", "Tracking said delivered but the package turned up a week later.",
                "The sofa delivery slot was missed and nobody called."],
        "high": ["Delivery was quick and the courier was polite.", "Arrived the next day, well packed.",
                 "Really fast delivery, tracking was spot on."]},
    "attr_returns": {
        "low": ["Still waiting for my refund three weeks after the return.", "Returns are a nightmare, I had to "
                "send it back at my own cost.", "The refund took a month and two chasers."],
        "high": ["The return was simple and the refund came in two days.", "Easy exchange for a different size."]},
    "attr_product_quality": {
        "low": ["The lamp arrived damaged and the shade was cheaply made.", "Quality is not what the photos show."],
        "high": ["Lovely quality, the throw feels expensive.", "Great quality for the price, it fits perfectly."]},
    "attr_website": {
        "low": ["The checkout kept failing on the app.", "Search on the website never finds what I want."],
        "high": ["The website is easy to use and checkout is quick.", "The app is simple to order from."]},
    "attr_value": {
        "low": ["Too expensive compared with other shops.", "Prices went up and the offers are gone."],
        "high": ["Good value, and the sale prices are real.", "Fair prices and regular discounts."]},
}


@dataclass(frozen=True)
class RetailTruths:
    """What the Fernway profile was built to show, with the values the tests expect."""

    answers: int = N_ANSWERS
    months: int = 1
    top_driver: str = "attr_delivery"
    weakest_rating: str = "attr_returns"
    largest_promise_gap: str = "returns"
    detractor_churn: float = CHURN_BY_CLASS["detractor"]
    promoter_churn: float = CHURN_BY_CLASS["promoter"]
    most_criticised_brand: str = "Joy"
    client_answer_share: float = 0.30
    blank_columns: tuple[str, ...] = ("segment", "age_band", "ces")
    absent_datasets: tuple[str, ...] = ("journey", "interactions", "messages", "employees", "metrics")


TRUTHS = RetailTruths()


def _times(rng: np.random.Generator, n: int) -> np.ndarray:
    days = (PERIOD_END - PERIOD_START).days + 1
    day = rng.integers(0, days, n)
    minute = rng.integers(7 * 60, 23 * 60, n)
    start = np.datetime64(PERIOD_START, "s")
    return np.sort(start + (day * 86_400 + minute * 60).astype("timedelta64[s]"))


def survey_and_customers(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The survey in contract columns (satisfaction still on 1-10) and the customer base.

    Returns
    -------
    tuple of pd.DataFrame
        survey: response_id, customer_id, responded_at, channel, segment, age_band, nps,
        satisfaction_10, ces, the five ``attr_`` ratings, comment, also_considered;
        customers: customer_id, segment, signup_date, revenue_12m, churned, churned_at.
    """
    n = N_ANSWERS
    shared = rng.normal(0.0, 1.0, n)
    ratings, score = {}, np.full(n, 1.2)
    for column, (mean, weight) in RATINGS.items():
        spread = 1.1 if column == "attr_delivery" else 0.75
        raw = mean + 0.45 * shared + rng.normal(0.0, spread, n)
        rating = np.clip(np.round(raw), 1, 5)
        score = score + weight * (rating - mean)
        ratings[column] = rating
    score = score + 6.9 + rng.normal(0.0, 1.0, n)
    nps = np.clip(np.round(score), 0, 10)
    ratings["attr_returns"] = np.where(rng.random(n) < RETURNED_SHARE, ratings["attr_returns"], np.nan)
    satisfaction = np.clip(np.round(0.85 * nps + 1.2 + rng.normal(0.0, 0.9, n)), 1, 10)

    comments = np.full(n, None, dtype=object)
    for row in np.flatnonzero(rng.random(n) < COMMENT_SHARE):
        answered = {c: ratings[c][row] for c in COMMENTS if not np.isnan(ratings[c][row])}
        if nps[row] >= 9:
            topic, tone = max(answered, key=answered.get), "high"
        else:
            topic, tone = min(answered, key=answered.get), "low"
        pool = COMMENTS[topic][tone]
        comments[row] = pool[rng.integers(len(pool))]
    considered = np.array([None, "Joy", "Bright", "Harbour", "Joy;Bright", "Bright;Harbour"], dtype=object)
    also = considered[rng.choice(len(considered), n, p=[0.45, 0.15, 0.2, 0.08, 0.07, 0.05])]

    customer_ids = np.array([f"FH-{i:05d}" for i in range(1, N_CUSTOMERS + 1)])
    respondents = rng.choice(N_CUSTOMERS, n, replace=False)
    survey = pd.DataFrame({
        "response_id": [f"R-{i:04d}" for i in range(1, n + 1)],
        "customer_id": customer_ids[respondents],
        "responded_at": pd.to_datetime(_times(rng, n)),
        "channel": rng.choice(list(SURVEY_CHANNELS), n, p=list(SURVEY_CHANNELS.values())),
        "segment": None, "age_band": None,
        "nps": nps.astype(int), "satisfaction_10": satisfaction.astype(int), "ces": None,
        **{c: ratings[c] for c in RATINGS},
        "comment": comments, "also_considered": also,
    })

    churn_p = np.full(N_CUSTOMERS, BASE_CHURN)
    klass = np.where(nps >= 9, "promoter", np.where(nps <= 6, "detractor", "passive"))
    churn_p[respondents] = [CHURN_BY_CLASS[k] for k in klass]
    churned = rng.random(N_CUSTOMERS) < churn_p
    signup = np.datetime64("2019-01-01") + rng.integers(0, 365 * 7 + 200, N_CUSTOMERS).astype("timedelta64[D]")
    left = np.datetime64(PERIOD_START) + rng.integers(0, 31, N_CUSTOMERS).astype("timedelta64[D]")
    customers = pd.DataFrame({
        "customer_id": customer_ids,
        "segment": rng.choice(["Member", "Guest"], N_CUSTOMERS, p=[0.4, 0.6]),
        "signup_date": pd.to_datetime(signup).strftime("%Y-%m-%d"),
        "revenue_12m": np.round(rng.lognormal(5.0, 0.7, N_CUSTOMERS), 2),
        "churned": churned,
        "churned_at": pd.Series(pd.to_datetime(np.maximum(left, signup))).dt.strftime("%Y-%m-%d").where(churned),
    })
    return survey, customers


def as_export(survey: pd.DataFrame) -> pd.DataFrame:
    """The survey as the survey tool exports it: its own names for the id, date and the two scores,
    dates as day/month/year, which client.yml's column map turns into the contract."""
    out = survey.rename(columns={
        "response_id": "Response ID", "nps": "How likely are you to recommend Fernway Home?",
        "satisfaction_10": "Overall satisfaction (1-10)"})
    out.insert(2, "Submitted", survey["responded_at"].dt.strftime("%d/%m/%Y %H:%M"))
    return out.drop(columns="responded_at")
