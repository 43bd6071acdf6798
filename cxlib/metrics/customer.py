"""Per-customer views: one customer's scores, comments and journey side by side.

One frozen NPS hides who is slipping. A per-customer view shows the trajectory (9 -> 3), what
the customer said (redacted) and where in the journey it went wrong, which is what a frontline
team can act on.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.sections import Unavailable

from cxlib.text.pii import redact_series
from cxlib.wording import date, number, signed

STAGES = ("awareness", "consideration", "purchase", "onboarding", "usage", "support", "advocacy")
_HEALTH_COLUMNS = ["customer_id", "segment", "responses", "latest_nps", "nps_change",
                   "latest_ces", "revenue_12m", "churned", "at_risk"]
_RESPONSE_COLUMNS = ["date", "channel", "nps", "csat", "ces", "comment"]
_JOURNEY_COLUMNS = ["stage", "events", "mean_satisfaction", "mean_effort"]


def _num(values: pd.Series) -> pd.Series:
    # Nullable Int64/Float64 -> float64 with NaN, so numpy math and comparisons behave.
    return pd.to_numeric(values, errors="coerce").astype(float)


def _date(value) -> str:
    when = pd.to_datetime(value, errors="coerce")
    return "n/a" if pd.isna(when) else date(when)


def _churn_text(churned: bool, churned_at) -> str:
    """'no', 'yes' or 'yes (2 Apr 2026)'."""
    if not churned:
        return "no"
    when = _date(churned_at)
    return "yes" if when == "n/a" else f"yes ({when})"


def _nps_class(score: float) -> str:
    return "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"


def _answered_in_order(survey: pd.DataFrame) -> pd.DataFrame:
    """Survey sorted by response time (ties: survey order), with float score columns."""
    frame = survey.assign(_at=pd.to_datetime(survey["responded_at"]), _row=np.arange(len(survey)))
    for column in ("nps", "csat", "ces"):
        frame[column] = _num(frame[column]) if column in frame.columns else np.nan
    # A stable sort by time alone keeps survey order among ties (``_row``), without the factorising
    # pandas does for a sort on two keys.
    return frame.sort_values("_at", kind="stable")


@dataclass(frozen=True)
class CustomerView:
    """One customer's profile, survey answers and journey."""

    customer_id: str
    profile: pd.DataFrame
    responses: pd.DataFrame
    journey: pd.DataFrame

    def _field(self, name: str) -> str:
        values = self.profile.loc[self.profile["field"] == name, "value"]
        return values.iloc[0] if len(values) else "n/a"

    def profile_shown(self) -> pd.DataFrame:
        """:attr:`profile` as a client reads it, in two pairs of columns (the customer record, then their
        answers and journey), so the table takes half the height of a list of ten fields."""
        fields = list(zip(self.profile["field"], self.profile["value"]))
        half = (len(fields) + 1) // 2
        left, right = fields[:half], fields[half:] + [("", "")] * (2 * half - len(fields))
        return pd.DataFrame({"The customer": [f for f, _ in left], "": [v for _, v in left],
                             "Their answers": [f for f, _ in right], " ": [v for _, v in right]})

    def headline(self) -> str:
        nps = self.responses["nps"].dropna()
        n = len(self.responses)
        answered = f"answered {n} survey{'' if n == 1 else 's'}"
        if len(nps) >= 2:
            trend = f"NPS went from {nps.iloc[0]:.0f} to {nps.iloc[-1]:.0f}"
        elif len(nps) == 1:
            trend = f"NPS was {nps.iloc[0]:.0f}"
        else:
            trend = "no NPS was given"
        status = ("has churned" if self._field("Churned").startswith("yes")
                  else "is still a customer")
        worst = self.journey.dropna(subset=["mean_satisfaction"])
        where = ""
        if not worst.empty:
            low = worst.sort_values("mean_satisfaction", kind="stable").iloc[0]
            where = (f"; the weakest journey stage is {low['stage']} "
                     f"(satisfaction {number(low['mean_satisfaction'], 'of 5')})")
        # the id stays in the profile table (an internal exhibit), never in the sentence
        return (f"This {self._field('Segment')} customer, with revenue of "
                f"{self._field('Revenue, last 12 months')} over 12 months, {answered} and {status}: "
                f"{trend}{where}.")


def customer_view(
    customer_id: str,
    *,
    survey: pd.DataFrame,
    customers: pd.DataFrame,
    journey: pd.DataFrame | None = None,
    tickets: pd.DataFrame | None = None,
) -> CustomerView:
    """Everything known about one customer, ready to show (comments redacted).

    Parameters
    ----------
    customer_id : the customer to show.
    survey, customers : survey responses and customer records.
    journey : optional journey events (customer_id, occurred_at, stage, satisfaction, effort).
    tickets : optional support tickets; counted only if they carry a customer_id column (the
        data contract does not require one).

    Returns
    -------
    CustomerView
        ``profile`` (field, value as display text), ``responses`` (date, channel, nps, csat, ces,
        comment redacted; oldest first), ``journey`` (stage, events, mean_satisfaction,
        mean_effort; in journey-stage order).

    Raises
    ------
    ValueError
        If ``customer_id`` is not in ``customers``.
    """
    record = customers[customers["customer_id"] == customer_id]
    if record.empty:
        raise ValueError(f"customer_id {customer_id!r} is not in customers")
    record = record.iloc[0]
    own = _answered_in_order(survey[survey["customer_id"] == customer_id])
    responses = pd.DataFrame({
        "date": own["_at"],
        "channel": own["channel"] if "channel" in own.columns else None,
        "nps": own["nps"], "csat": own["csat"], "ces": own["ces"],
        "comment": redact_series(own["comment"]) if "comment" in own.columns else None,
    }, columns=_RESPONSE_COLUMNS).reset_index(drop=True)

    events = pd.DataFrame(columns=_JOURNEY_COLUMNS)
    if journey is not None:
        mine = journey[journey["customer_id"] == customer_id]
        stats = mine.assign(satisfaction=_num(mine["satisfaction"]), effort=_num(mine["effort"]))
        grouped = stats.groupby("stage", sort=False).agg(
            events=("stage", "size"), mean_satisfaction=("satisfaction", "mean"),
            mean_effort=("effort", "mean"))
        rank = {s: i for i, s in enumerate(STAGES)}
        order = sorted(grouped.index, key=lambda s: (rank.get(s, len(STAGES)), str(s)))
        events = grouped.loc[order].reset_index()[_JOURNEY_COLUMNS]

    churned = bool(pd.notna(record["churned"]) and record["churned"])
    churned_at = record.get("churned_at")
    nps, ces = responses["nps"].dropna(), responses["ces"].dropna()
    revenue = pd.to_numeric(record["revenue_12m"], errors="coerce")
    fields = [
        ("Customer", str(customer_id)),
        ("Segment", str(record["segment"])),
        ("Customer since", _date(record["signup_date"])),
        ("Revenue, last 12 months", "n/a" if pd.isna(revenue) else f"{revenue:,.0f}"),
        ("Churned", _churn_text(churned, churned_at)),
        ("Surveys answered", str(len(responses))),
        ("Latest NPS", f"{nps.iloc[-1]:.0f} ({_nps_class(nps.iloc[-1])})" if len(nps) else "n/a"),
        ("NPS change", signed(nps.iloc[-1] - nps.iloc[0]) if len(nps) >= 2 else "n/a"),
        ("Latest CES", f"{ces.iloc[-1]:.0f} of 7" if len(ces) else "n/a"),
        ("Journey events", "n/a" if journey is None else str(int(events["events"].sum()))),
    ]
    if tickets is not None and "customer_id" in tickets.columns:
        fields.append(("Support tickets", str(int((tickets["customer_id"] == customer_id).sum()))))
    profile = pd.DataFrame(fields, columns=["field", "value"])
    return CustomerView(customer_id=customer_id, profile=profile, responses=responses,
                        journey=events)


def customer_health(survey: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    """One health row per surveyed customer, at-risk customers first.

    Parameters
    ----------
    survey : survey responses.
    customers : customer records (segment, revenue_12m, churned).

    Returns
    -------
    pd.DataFrame
        customer_id, segment, responses (survey responses), latest_nps and latest_ces (latest
        *answered* value of each), nps_change (latest minus first NPS answer; NaN with fewer than
        two), revenue_12m, churned, at_risk (latest NPS <= 6 or latest CES <= 3, and not churned).
        Customers missing from ``customers`` keep their survey segment, NaN revenue and count as
        not churned. Sorted: at risk first, then revenue (highest first), then customer_id.
    """
    # Only the columns read below are sorted, and the customer ids are factorised (and sorted) once
    # for every aggregate rather than once per aggregate.
    ordered = _answered_in_order(survey[[c for c in ("customer_id", "responded_at", "segment", "nps", "ces")
                                         if c in survey.columns]])
    codes, ids = pd.factorize(ordered["customer_id"], sort=True)
    ordered, codes = ordered[codes >= 0], codes[codes >= 0]  # a missing id is no customer
    by_customer = ordered.groupby(codes, sort=True)
    health = pd.DataFrame({
        "responses": by_customer.size(),
        "survey_segment": by_customer["segment"].last() if "segment" in ordered else np.nan,
        "latest_nps": by_customer["nps"].last(),  # GroupBy.last skips missing values
        "first_nps": by_customer["nps"].first(),
        "nps_answers": by_customer["nps"].count(),
        "latest_ces": by_customer["ces"].last(),
    })
    health.index = pd.Index(ids.take(health.index), name="customer_id")
    health = health.reset_index()
    health["nps_change"] = (health["latest_nps"] - health["first_nps"]).where(
        health["nps_answers"] >= 2)
    record = customers[["customer_id", "segment", "revenue_12m", "churned"]]
    health = health.merge(record, on="customer_id", how="left")
    health["segment"] = health["segment"].astype(object).where(
        health["segment"].notna(), health["survey_segment"])
    health["revenue_12m"] = _num(health["revenue_12m"])
    health["churned"] = health["churned"].astype("boolean").fillna(False).astype(bool)
    risky = (health["latest_nps"] <= 6) | (health["latest_ces"] <= 3)
    health["at_risk"] = (risky & ~health["churned"]).astype(bool)
    # Rows are in customer_id order (the groupby's), so a stable sort on the first two keys breaks
    # ties by customer_id without sorting a million ids again.
    health = health.sort_values(["at_risk", "revenue_12m"], ascending=[False, False], na_position="last",
                                kind="stable")
    return health[_HEALTH_COLUMNS].reset_index(drop=True)


def pick_showcase_customer(health: pd.DataFrame) -> str:
    """A deterministic, instructive customer to show in the report.

    Parameters
    ----------
    health : output of :func:`customer_health`.

    Returns
    -------
    str
        The highest-revenue at-risk customer with at least two responses (so a trajectory can be
        shown); failing that, the highest-revenue at-risk customer; failing that, the
        highest-revenue customer with two responses; failing that, the highest-revenue customer.
        Revenue ties go to the smallest customer_id.

    Raises
    ------
    ValueError
        If ``health`` is empty.
    """
    if health.empty:
        raise ValueError("no surveyed customers to pick from")
    at_risk = health["at_risk"].astype(bool)
    repeat = health["responses"] >= 2
    for mask in (at_risk & repeat, at_risk, repeat, pd.Series(True, index=health.index)):
        if mask.any():
            return str(_top_customer(health.loc[mask]))
    raise AssertionError("unreachable: the last mask is all True")  # pragma: no cover


def _top_customer(health: pd.DataFrame):
    """The highest-revenue customer (missing revenue last), ties to the smallest customer_id: the first
    row of a sort by revenue and id, found without sorting the customers."""
    revenue = health["revenue_12m"]
    top = health[revenue == revenue.max()] if revenue.notna().any() else health
    return top["customer_id"].min()


def showcase(survey: pd.DataFrame, customers: pd.DataFrame, *, journey: pd.DataFrame | None = None
             ) -> CustomerView:
    """The view of the customer :func:`pick_showcase_customer` picks, for step 7's per-customer section."""
    health = customer_health(survey, customers)
    health = health[health["customer_id"].isin(customers["customer_id"])]
    if health.empty:
        raise Unavailable("The per-customer view needs survey answers from customers in the customer base; "
                          "no answer's customer id matches one.")
    return customer_view(pick_showcase_customer(health), survey=survey, customers=customers, journey=journey)
