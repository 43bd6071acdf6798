"""Perceived against internal value: how customers rate each brand promise next to leadership.

The ``brand_promise`` dataset holds, per attribute, the promise, leadership's own rating of how well
the company keeps it (1-5) and the survey column in which customers rate the same attribute (1-5).
The gap is leadership's rating minus the customers' mean: a positive gap means the company thinks
it delivers more than its customers experience. The customers' mean comes with a t interval; a gap
is *clear* when leadership's rating lies outside that interval. A promise is compared only when at
least :data:`MIN_ANSWERS` customers rated it: a mean of a handful of answers is no verdict on a brand.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from cxlib.journey.mapping import mean_interval
from cxlib.report.verdict import Figure, Finding, theme_of
from cxlib.wording import signed

MIN_ANSWERS = 30  # customer answers a promise needs before its gap is stated
# both ratings, their range and the gap with one decimal, so a row reads as the subtraction it is
TABLE_FORMATS = {"Leadership (1-5)": "{:.1f}", "Customers (mean)": "{:.1f}", "Answers": "{:,.0f}",
                 "Weight in NPS": "{:.0f}%"}
COLUMNS = ["attribute", "promise", "survey_column", "internal", "customer", "low", "high", "n",
           "gap", "clear", "importance"]


def _label(attribute: str) -> str:
    return str(attribute).replace("_", " ").strip()


def stated_gap(internal: float, customer: float) -> float:
    """The gap as a report states it: leadership's rating less the customers' mean, both first
    rounded to one decimal, so "4.8 against 2.8, a gap of 2.0" adds up."""
    return round(round(float(internal), 1) - round(float(customer), 1), 1)


@dataclass(frozen=True)
class PromiseGaps:
    """Leadership's rating and the customers' rating per promise, largest gap first."""

    table: pd.DataFrame  # columns COLUMNS; customer/low/high/gap missing when too few answers
    level: float
    min_answers: int = 1
    importance_n: int | None = None  # survey answers the key-driver analysis behind ``importance`` used

    @property
    def rated(self) -> pd.DataFrame:
        """The promises enough customers rated to compare (``min_answers`` or more)."""
        return self.table[(self.table["n"] >= max(self.min_answers, 1)) & self.table["gap"].notna()
                          ].reset_index(drop=True)

    def largest(self) -> pd.Series | None:
        rated = self.rated
        return None if rated.empty else rated.iloc[0]

    @property
    def mean_gap(self) -> float:
        """Mean absolute gap over the rated promises (points on the 1-5 scale)."""
        rated = self.rated
        return float(rated["gap"].abs().mean()) if len(rated) else math.nan

    def report_table(self) -> pd.DataFrame:
        """The comparison as a client reads it: one row per promise, largest gap first.

        A promise with too few answers shows its count and no mean; the weight in NPS is shown
        only when the key-driver analysis could run.
        """
        def interval(row) -> str:
            # non-breaking spaces keep an interval on one line of a narrow table column
            if not (row["n"] > 1 and pd.notna(row["gap"])):
                return "–"
            return f"{row['low']:.1f}\u00a0to\u00a0{row['high']:.1f}"

        def gap(row) -> str:
            return "–" if pd.isna(row["gap"]) else signed(stated_gap(row["internal"], row["customer"]), 1)

        frame = pd.DataFrame({
            "Attribute": [_label(a).capitalize() for a in self.table["attribute"]],
            "Our promise": self.table["promise"].to_numpy(),
            "Leadership (1-5)": self.table["internal"].to_numpy(),
            "Customers (mean)": self.table["customer"].where(self.table["gap"].notna()).to_numpy(),
            "95% range": [interval(r) for _, r in self.table.iterrows()],
            "Answers": self.table["n"].to_numpy(),
            "Gap": [gap(r) for _, r in self.table.iterrows()],
            "Weight in NPS": self.table["importance"].to_numpy(),
        })
        return frame if frame["Weight in NPS"].notna().any() else frame.drop(columns="Weight in NPS")

    def title(self) -> str:
        """An action title for the promise exhibit."""
        top = self.largest()
        if top is None or not top["gap"] > 0:
            return "How leadership and customers rate each promise"
        return (f"Customers rate {_label(top['attribute'])} {stated_gap(top['internal'], top['customer']):.1f} "
                f"points below leadership's {top['internal']:.1f}")

    def answers(self) -> str:
        """How many customer answers each rated promise rests on, e.g. '4,821 to 4,857'."""
        n = self.rated["n"]
        if n.empty:
            return "no"
        return f"{n.min():,}" if n.min() == n.max() else f"{n.min():,} to {n.max():,}"

    def headline(self) -> str:
        top = self.largest()
        if top is None:
            return "Customers rate none of the promises, so perceived value cannot be compared."
        rated = self.rated
        over = int((rated["gap"] > 0).sum())
        gap = stated_gap(top["internal"], top["customer"])
        text = (f"Leadership rates the {_label(top['attribute'])} promise {top['internal']:.1f} of 5; "
                f"customers rate it {top['customer']:.1f} ({int(top['n']):,} answers)")
        if len(rated) == 1:
            return text + ("; it is the only promise enough customers rated to compare, and "
                           f"leadership rates it {'higher' if top['gap'] > 0 else 'no higher'} than they do.")
        text += f": at {gap:.1f} points the largest gap of the {len(rated)} promises"
        if pd.notna(top["importance"]) and top["importance"] == rated["importance"].max():
            text += (f", on the rating that goes most closely with NPS ({top['importance']:.0f}% of what "
                     "the ratings explain)")
        if over == len(rated):
            text += ". Leadership rates every promise higher than customers do"
        else:
            text += f". Leadership rates {over} of the {len(rated)} promises higher than customers do"
        return text + "."

    def theme(self) -> str:
        """The initiative the largest gap speaks to: "ease" for an ease promise, else "brand"."""
        top = self.largest()
        return "ease" if top is not None and theme_of(_label(top["attribute"])) == "ease" else "brand"

    def finding(self) -> Finding:
        """The largest gap between promise and experience, as step 3 states it, with its figures.

        Both ratings are on the same 1-5 scale: leadership's rating from the brand promise list, the
        customers' mean from the survey question that rates the attribute (not the CES scale).
        """
        top = self.largest()
        name = _label(top["attribute"])
        n = int(top["n"])
        survey = f"survey answers, {name} rating (n = {n:,})"
        figures = [Figure(f"leadership's rating of the {name} promise", top["internal"], "of 5", "brand promise list"),
                   Figure(f"customers' rating of the {name} promise", top["customer"], "of 5", survey,
                          top["low"], top["high"]),
                   Figure(f"gap between promise and experience, {name}", top["gap"], "points on the 1-5 scale",
                          f"brand promise list and {survey}")]
        gap = stated_gap(top["internal"], top["customer"])
        text = (f"Leadership rates the {name} promise {top['internal']:.1f} of 5 while {n:,} surveyed customers "
                f"rate it {top['customer']:.1f}: a gap of {gap:.1f} points on that 1-5 scale")
        rated = self.rated
        if len(rated) > 1:
            text += f", the largest of the {len(rated)} promise gaps"
            if pd.notna(top["importance"]) and top["importance"] == rated["importance"].max():
                text += ", on the rating that goes most closely with NPS"
                # named as steps 2 and 7 name it, so the engagement report checks the three agree
                figures.append(Figure(f"share of explained NPS variance, {name}", top["importance"], "%",
                                      f"survey answers (n = {self.importance_n:,})" if self.importance_n
                                      else "survey answers"))
        return Finding(text + ".", tuple(figures), "cxlib.brand.promise.promise_gaps", self.theme())


def rated_promises(brand_promise: pd.DataFrame, survey: pd.DataFrame) -> pd.Series:
    """How many customer answers each promise's survey column holds (0 when the column is absent).

    Parameters
    ----------
    brand_promise : attribute, survey_column.
    survey : responses.
    """
    counts = [int(pd.to_numeric(survey[c], errors="coerce").notna().sum())
              if isinstance(c, str) and c in survey.columns else 0 for c in brand_promise["survey_column"]]
    return pd.Series(counts, index=brand_promise["attribute"].to_numpy(), name="answers")


def promise_gaps(brand_promise: pd.DataFrame, survey: pd.DataFrame, *,
                 importance=None, min_answers: int = MIN_ANSWERS, level: float = 0.95) -> PromiseGaps:
    """Each promise's internal rating against the customers' mean rating of its survey column.

    Parameters
    ----------
    brand_promise : attribute, promise, survey_column, internal_rating (1-5).
    survey : responses with the ``attr_*`` columns the promises name (1-5).
    importance : optional key-driver result (``cxlib.metrics.drivers.key_drivers(...)``) or its
        ``table`` (driver, share); the share (% of the explained NPS variance) becomes
        ``importance``. None (the analysis could not run) leaves it missing.
    min_answers : a promise needs this many customer answers for its mean and gap.
    level : confidence level of the customers' mean.

    Returns
    -------
    PromiseGaps
        ``table`` with columns :data:`COLUMNS` sorted by gap (largest first, unrated promises
        last): ``internal`` (leadership, 1-5), ``customer`` (mean), ``low``/``high``, ``n``,
        ``gap`` (internal - customer), ``clear`` (internal outside the interval) and
        ``importance``. A promise with fewer than ``min_answers`` answers keeps its ``n`` and has
        no mean, gap or interval.
    """
    importance_n = getattr(importance, "n", None)
    importance = getattr(importance, "table", importance)
    shares = ({} if importance is None
              else dict(zip(importance["driver"], importance["share"].astype(float))))
    rows = []
    for promise in brand_promise.itertuples(index=False):
        column = promise.survey_column
        if isinstance(column, str) and column in survey.columns:
            mean, low, high, n = mean_interval(survey[column], level)
        else:
            mean = low = high = math.nan
            n = 0
        internal = float(promise.internal_rating)
        if n < max(min_answers, 1):
            mean = low = high = math.nan
        gap = internal - mean if n >= max(min_answers, 1) else math.nan
        clear = bool(pd.notna(gap) and n > 1 and not (low <= internal <= high))
        rows.append((promise.attribute, promise.promise, column, internal, mean, low, high, n,
                     gap, clear, shares.get(column, math.nan)))
    table = (pd.DataFrame(rows, columns=COLUMNS)
             .sort_values("gap", ascending=False, kind="stable", na_position="last")
             .reset_index(drop=True))
    table["n"] = table["n"].astype(int)
    return PromiseGaps(table=table, level=level, min_answers=min_answers,
                       importance_n=None if importance_n is None else int(importance_n))
