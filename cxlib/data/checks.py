"""Checks that span columns, datasets or the client's settings, run once every dataset is typed."""
from __future__ import annotations

import numpy as np
import pandas as pd

from cxlib.data.problems import Problem, rows_problem
from cxlib.data.schemas import CONTRACT, spec_of

# Dates in the same row that must come in this order: (dataset, earlier, later).
_ORDER = (
    ("customers", "signup_date", "churned_at"),
    ("tickets", "opened_at", "resolved_at"),
    ("social", "posted_at", "responded_at"),
)
# A day's grace for exports written in another time zone than this machine's.
_FUTURE_GRACE = pd.Timedelta(days=1)


def cross_checks(data, *, now: pd.Timestamp | None = None) -> list[Problem]:
    """Every check across columns and datasets of a loaded client.

    Parameters
    ----------
    data : a :class:`cxlib.data.load.ClientData` with its frames typed.
    now : the moment after which dates are in the future (today by default).
    """
    now = pd.Timestamp.now() if now is None else now
    return (_future_dates(data, now) + _date_order(data) + _promise_columns(data)
            + _unknown_customers(data) + _outside_period(data, now))


def _name(data, dataset: str) -> str:
    return data.files[dataset].name


def _rows(data, dataset: str, mask: np.ndarray) -> np.ndarray:
    return data.lines[dataset][mask]


def _future_dates(data, now: pd.Timestamp) -> list[Problem]:
    problems = []
    for dataset, frame in data.frames.items():
        for spec in CONTRACT[dataset]:
            if spec.kind not in ("date", "datetime") or spec.name not in frame:
                continue
            values = frame[spec.name]
            late = (values > now + _FUTURE_GRACE).to_numpy()
            if late.any():
                problems.append(rows_problem(_name(data, dataset), _rows(data, dataset, late),
                                             values[late].tolist(), "is in the future", column=spec.name,
                                             noun="dates", hint="check the year and the date format"))
    return problems


def _date_order(data) -> list[Problem]:
    problems = []
    for dataset, earlier, later in _ORDER:
        frame = data.get(dataset)
        if frame is None or earlier not in frame or later not in frame:
            continue
        before = (frame[later].dt.normalize() < frame[earlier].dt.normalize()
                  if spec_of(dataset, later).kind == "date" else frame[later] < frame[earlier])
        before = before.fillna(False).to_numpy(dtype=bool)
        if before.any():
            problems.append(rows_problem(_name(data, dataset), _rows(data, dataset, before),
                                         frame.loc[before, later].tolist(), f"is before {earlier}",
                                         column=later, noun="dates"))
    return problems


def _promise_columns(data) -> list[Problem]:
    promise, survey = data.get("brand_promise"), data.get("survey")
    if promise is None or survey is None or "survey_column" not in promise:
        return []
    unknown = (promise["survey_column"].notna() & ~promise["survey_column"].isin(survey.columns)).to_numpy()
    if not unknown.any():
        return []
    return [rows_problem(_name(data, "brand_promise"), _rows(data, "brand_promise", unknown),
                         promise.loc[unknown, "survey_column"].tolist(),
                         f"is not a column of {_name(data, 'survey')}", column="survey_column")]


def _unknown_customers(data) -> list[Problem]:
    survey, customers = data.get("survey"), data.get("customers")
    if survey is None or customers is None or "customer_id" not in survey or "customer_id" not in customers:
        return []
    unknown = (survey["customer_id"].notna() & ~survey["customer_id"].isin(customers["customer_id"])).to_numpy()
    if not unknown.any():
        return []
    return [rows_problem(_name(data, "survey"), _rows(data, "survey", unknown),
                         survey.loc[unknown, "customer_id"].tolist(), f"is not in {_name(data, 'customers')}",
                         column="customer_id", severity="warning",
                         hint="such responses are left out of churn analyses")]


def _outside_period(data, now: pd.Timestamp) -> list[Problem]:
    survey = data.get("survey")
    if survey is None or data.config is None or "responded_at" not in survey:
        return []
    period = data.config.period
    when = survey["responded_at"]
    outside = (when < pd.Timestamp(period.start)) | (when >= pd.Timestamp(period.end) + pd.Timedelta(days=1))
    outside &= ~(when > now + _FUTURE_GRACE)  # a date in the future is an error of its own already
    outside = outside.to_numpy(dtype=bool)
    if not outside.any():
        return []
    return [rows_problem(_name(data, "survey"), _rows(data, "survey", outside), when[outside].tolist(),
                         f"falls outside the period {period.label()}", column="responded_at",
                         severity="warning", noun="responses")]
