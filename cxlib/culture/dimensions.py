"""The three dimensions of a customer-obsessed culture, scored from the employee survey.

The seed of step 6 asks for the right **People** (hired and trained for customer focus, close to
customers), the right **Values** (curiosity about customers, freedom to experiment and learn from
failure) and absolute **Clarity** (everyone understands how customer experience pays back, has
clear CX goals and sees their own impact). :data:`DIMENSIONS` maps the ten ``q_*`` agreement items
(1 = strongly disagree, 5 = strongly agree) of the ``employees`` dataset to these dimensions; pass
another mapping to any function to override it (a client's own items, a different grouping).

A respondent's dimension score is the mean of the dimension's items they answered, provided they
answered at least half of them. "Agree" means a 4 or a 5. Internal consistency is Cronbach's alpha
(do the items of a dimension move together, so that averaging them is meaningful?), with Feldt's
confidence interval; 0.7 is the usual floor for a scale used to compare groups. The report's body
says this in plain words (:meth:`CultureProfile.averaging`); the alphas and the rule are in its
appendix (:data:`RELIABILITY_METHOD`, :func:`reliability_table`).
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from cxlib.wording import and_list, percent

Dimensions = Mapping[str, Sequence[str]]

DIMENSIONS: dict[str, tuple[str, ...]] = {
    "People": ("q_hired_for_customer_focus", "q_team_puts_customer_first", "q_know_our_customers",
               "q_received_cx_training"),
    "Values": ("q_curious_about_customers", "q_encouraged_to_experiment", "q_learn_from_failures"),
    "Clarity": ("q_understand_cx_roi", "q_clear_cx_goals", "q_see_my_impact_on_customers"),
}
MEANING = {
    "People": "the right people: hired and trained for customer focus, close to customers",
    "Values": "the right values: curiosity about customers, experimentation, learning from failure",
    "Clarity": "absolute clarity: how CX pays back, clear CX goals, seeing one's own impact",
}
# Item -> the statement the employee agreed or disagreed with, as a report quotes it.
STATEMENTS = {
    "q_hired_for_customer_focus": "I was hired for my customer focus",
    "q_team_puts_customer_first": "My team puts the customer first",
    "q_know_our_customers": "I know our customers",
    "q_received_cx_training": "I received customer-experience training",
    "q_curious_about_customers": "I am curious about what customers need",
    "q_encouraged_to_experiment": "I am encouraged to experiment",
    "q_learn_from_failures": "We learn from failures",
    "q_understand_cx_roi": "I understand how CX pays back",
    "q_clear_cx_goals": "Our CX goals are clear to me",
    "q_see_my_impact_on_customers": "I see my impact on customers",
}
AGREE_FROM = 4  # 4 = agree, 5 = strongly agree
ACCEPTABLE_ALPHA = 0.7
#: The appendix's account of the check the body calls "the statements agree with each other well
#: enough to be averaged": the test, its threshold and what it counts.
RELIABILITY_METHOD = (
    "A dimension's score averages its statements, which is only meaningful when staff who agree with "
    "one statement of the dimension tend to agree with the others. We check this with Cronbach's alpha, "
    "computed over the staff who answered every statement of the dimension, with Feldt's 95% range; "
    f"{ACCEPTABLE_ALPHA} or more counts as reliable enough to average (the usual floor for a scale "
    "used to compare groups). A dimension with a single statement has no alpha, and one needs at least "
    "three complete answers."
)


def statement(item: str) -> str:
    """The statement behind an item, or the item name made readable."""
    return STATEMENTS.get(item, item.removeprefix("q_").replace("_", " ").capitalize())


def present_items(employees: pd.DataFrame, dimensions: Dimensions = DIMENSIONS
                  ) -> dict[str, list[str]]:
    """Dimension -> its items that the survey has and someone answered (dimensions without any
    are left out)."""
    found = {}
    for dim, items in dimensions.items():
        cols = [i for i in items if i in employees.columns and employees[i].notna().any()]
        if cols:
            found[dim] = cols
    return found


def dimension_scores(employees: pd.DataFrame, dimensions: Dimensions = DIMENSIONS) -> pd.DataFrame:
    """Each respondent's score on each dimension (mean of the items answered, 1-5).

    Parameters
    ----------
    employees : the employees dataset (docs/data-contract.md).
    dimensions : dimension -> item columns; items missing from the data are skipped.

    Returns
    -------
    pd.DataFrame
        respondent_id, department, level, customer_contact and one float column per dimension
        present, NaN where the respondent answered fewer than half of its items.
    """
    keep = [c for c in ("respondent_id", "department", "level", "customer_contact")
            if c in employees.columns]
    out = employees[keep].copy()
    for dim, items in present_items(employees, dimensions).items():
        answers = employees[items].astype("Float64").astype(float)
        enough = answers.notna().sum(axis=1) >= math.ceil(len(items) / 2)
        out[dim] = answers.mean(axis=1).where(enough)
    return out


@dataclass(frozen=True)
class AlphaResult:
    """Cronbach's alpha of a set of items with Feldt's interval."""

    alpha: float
    low: float
    high: float
    n: int       # respondents who answered every item
    k: int       # items
    level: float

    @property
    def acceptable(self) -> bool:
        return self.alpha >= ACCEPTABLE_ALPHA

    def headline(self) -> str:
        verdict = "acceptable" if self.acceptable else "too low to average the items"
        return (f"Cronbach's alpha is {self.alpha:.2f} ({self.level:.0%} CI {self.low:.2f} to "
                f"{self.high:.2f}; {self.k} items, n = {self.n:,}): {verdict}.")


def cronbach_alpha(items: pd.DataFrame, *, level: float = 0.95) -> AlphaResult:
    """Cronbach's alpha, k / (k - 1) * (1 - sum of item variances / variance of the total).

    Parameters
    ----------
    items : one column per item, one row per respondent; rows with a missing answer are left out
        (listwise deletion).
    level : confidence level of Feldt's interval, which uses that (1 - alpha) / (1 - estimate)
        follows an F distribution with n - 1 and (n - 1)(k - 1) degrees of freedom.

    Raises
    ------
    ValueError
        With fewer than two items, fewer than three complete rows, or a total without variance.
    """
    rows = items.astype("Float64").astype(float).dropna()
    n, k = rows.shape
    if k < 2:
        raise ValueError(f"alpha needs at least two items; got {k}")
    if n < 3:
        raise ValueError(f"alpha needs at least three complete answers; got {n}")
    total_var = rows.sum(axis=1).var(ddof=1)
    if not total_var > 0:
        raise ValueError("alpha is undefined: every respondent has the same total")
    alpha = k / (k - 1) * (1 - rows.var(ddof=1).sum() / total_var)
    df1, df2 = n - 1, (n - 1) * (k - 1)
    tail = (1 - level) / 2
    low = 1 - (1 - alpha) * stats.f.ppf(1 - tail, df1, df2)
    high = 1 - (1 - alpha) * stats.f.ppf(tail, df1, df2)
    return AlphaResult(float(alpha), float(low), float(high), int(n), int(k), level)


def reliability(employees: pd.DataFrame, dimensions: Dimensions = DIMENSIONS) -> pd.DataFrame:
    """Cronbach's alpha per dimension.

    Returns
    -------
    pd.DataFrame
        dimension, items (count), n (complete answers), alpha, low, high, acceptable
        (alpha >= 0.7); a dimension with a single item has no alpha (NaN, not acceptable).
    """
    rows = []
    for dim, items in present_items(employees, dimensions).items():
        if len(items) < 2:
            rows.append((dim, len(items), 0, np.nan, np.nan, np.nan, False))
            continue
        try:
            result = cronbach_alpha(employees[items])
        except ValueError:  # too few complete answers, or answers without spread: no alpha to state
            complete = int(employees[items].astype("Float64").astype(float).dropna().shape[0])
            rows.append((dim, len(items), complete, np.nan, np.nan, np.nan, False))
            continue
        rows.append((dim, result.k, result.n, result.alpha, result.low, result.high,
                     result.acceptable))
    return pd.DataFrame(rows, columns=["dimension", "items", "n", "alpha", "low", "high",
                                       "acceptable"])


def reliability_table(employees: pd.DataFrame, dimensions: Dimensions = DIMENSIONS) -> pd.DataFrame:
    """:func:`reliability` as a client reads it: what each dimension measures and its verdict."""
    table = reliability(employees, dimensions)
    verdict = np.where(table["acceptable"], "Reliable",
                       np.where(table["items"] < 2, "Single statement",
                                np.where(table["alpha"].isna(), "Not measurable", "Too low to average")))
    alpha = [f"{a:.2f} ({lo:.2f} to {hi:.2f})" if pd.notna(a) else "–"
             for a, lo, hi in zip(table["alpha"], table["low"], table["high"])]
    return pd.DataFrame({
        "Dimension": table["dimension"],
        "What it measures": [MEANING.get(d, "") for d in table["dimension"]],
        "Statements": table["items"],
        "Complete answers": table["n"],
        "Cronbach's alpha (95% range)": alpha,
        "Verdict": verdict,
    })


def mean_interval(values: pd.Series, level: float = 0.95) -> tuple[int, float, float, float]:
    """(n, mean, low, high) of the non-missing values with a t interval (NaN bounds below n = 2)."""
    data = pd.to_numeric(values, errors="coerce").astype(float).dropna()
    n = len(data)
    if n == 0:
        return 0, np.nan, np.nan, np.nan
    mean = float(data.mean())
    if n < 2:
        return n, mean, np.nan, np.nan
    half = stats.t.ppf(0.5 + level / 2, n - 1) * data.std(ddof=1) / math.sqrt(n)
    return n, mean, mean - half, mean + half


def agree_share(employees: pd.DataFrame, items: Sequence[str]) -> tuple[float, int]:
    """Share (0-1) of the answers to ``items`` that agree (4 or 5), and the number of answers."""
    answers = employees[list(items)].astype("Float64").astype(float).stack().dropna()
    if answers.empty:
        return np.nan, 0
    return float((answers >= AGREE_FROM).mean()), len(answers)


@dataclass(frozen=True)
class CultureProfile:
    """Where the culture stands on each dimension."""

    table: pd.DataFrame  # dimension, meaning, items, n, mean, low, high, agree, answers, alpha
    answers: pd.DataFrame = field(default_factory=pd.DataFrame)  # answer_distribution()
    alphas: pd.DataFrame = field(default_factory=pd.DataFrame)   # reliability_table()

    def reliability(self) -> pd.DataFrame:
        """Whether each dimension's statements hang together, as a client reads it."""
        return self.alphas

    def kpis(self) -> list[tuple[str, str, str]]:
        """KPI tiles, one per dimension (:meth:`tiles`)."""
        return self.tiles()

    def answers_title(self) -> str:
        """Action title for the chart of the answers."""
        return self.title()

    def weakest(self) -> str:
        return str(self.table.sort_values("agree", kind="stable").iloc[0]["dimension"])

    def tiles(self) -> list[tuple[str, str, str]]:
        """KPI tiles: (dimension, share agreeing, mean and the staff it rests on)."""
        return [(row.dimension, f"{percent(row.agree)} agree", f"mean {row.mean:.1f} of 5 · {row.n:,} staff")
                for row in self.table.itertuples()]

    def averaging(self) -> str:
        """Whether each dimension's statements may be averaged, in plain words ("" without a check).

        The alphas behind it are in :meth:`reliability`, which the report's appendix shows.
        """
        table = self.alphas
        if table.empty:
            return ""
        checked = table[table["Statements"] >= 2]
        weak = list(checked.loc[checked["Verdict"] == "Too low to average", "Dimension"])
        unknown = list(checked.loc[checked["Verdict"] == "Not measurable", "Dimension"])
        parts = []
        if weak:
            which = and_list(weak)
            parts.append(f"The statements of {which} do not agree with each other well enough to be averaged: "
                         f"read {'its' if len(weak) == 1 else 'their'} statements one by one.")
        if unknown:
            parts.append(f"Whether the statements of {and_list(unknown)} agree with each other could not be "
                         "checked: too few staff answered all of them.")
        if not parts and len(checked):
            every = "each dimension" if len(checked) > 1 else checked["Dimension"].iloc[0]
            parts.append(f"The statements of {every} agree with each other well enough to be averaged.")
        return " ".join(parts)

    def title(self) -> str:
        """Action title for the chart of the answers."""
        if self.table.empty:
            return "No culture statement was answered"
        row = self.table.set_index("dimension").loc[self.weakest()]
        if len(self.table) == 1:
            return f"{percent(row['agree'])} of answers on {self.weakest()} agree"
        return f"{self.weakest()} is the weakest dimension: {percent(row['agree'])} of answers agree"

    def headline(self) -> str:
        if self.table.empty:
            return "No culture statement was answered."
        rows = list(self.table.itertuples())
        first = f"{percent(rows[0].agree)} of answers on {rows[0].dimension} agree"
        listed = first if len(rows) == 1 else first + ", " + and_list(
            [f"{percent(row.agree)} on {row.dimension}" for row in rows[1:]])
        n = int(self.table["n"].max())
        lead = "Only " if self.table["agree"].max() < 0.5 else ""
        weakest = f"; {self.weakest()} is the weakest dimension" if len(rows) > 1 else ""
        text = f"{lead}{listed} (4 or 5 out of 5, from {n:,} staff){weakest}."
        text = text[0].upper() + text[1:]
        averaging = self.averaging()
        return f"{text} {averaging}" if averaging else text


def culture_profile(employees: pd.DataFrame, dimensions: Dimensions = DIMENSIONS,
                    *, level: float = 0.95) -> CultureProfile:
    """Mean score (with t interval), share of agreeing answers and alpha per dimension.

    Returns
    -------
    CultureProfile
        ``table``: dimension, meaning, items (count), n (respondents scored), mean, low, high
        (1-5), agree (share 0-1 of the dimension's answers that are 4 or 5), answers, alpha.
    """
    scores = dimension_scores(employees, dimensions)
    alphas = reliability(employees, dimensions).set_index("dimension")["alpha"]
    rows = []
    for dim, items in present_items(employees, dimensions).items():
        n, mean, low, high = mean_interval(scores[dim], level)
        agree, answers = agree_share(employees, items)
        rows.append((dim, MEANING.get(dim, ""), len(items), n, mean, low, high, agree, answers,
                     alphas.get(dim, np.nan)))
    table = pd.DataFrame(rows, columns=["dimension", "meaning", "items", "n", "mean", "low", "high",
                                        "agree", "answers", "alpha"])
    return CultureProfile(table, answer_distribution(employees, dimensions),
                          reliability_table(employees, dimensions))


def answer_distribution(employees: pd.DataFrame, dimensions: Dimensions = DIMENSIONS) -> pd.DataFrame:
    """How the answers to each statement split into disagree (1-2), neutral (3) and agree (4-5).

    Returns
    -------
    pd.DataFrame
        dimension, item, statement, n (answers), disagree, neutral, agree (shares 0-1), in the
        order of ``dimensions``.
    """
    rows = []
    for dim, items in present_items(employees, dimensions).items():
        for item in items:
            answers = employees[item].astype("Float64").astype(float).dropna()
            n = len(answers)
            rows.append((dim, item, statement(item), n, float((answers <= 2).mean()),
                         float((answers == 3).mean()), float((answers >= AGREE_FROM).mean())))
    return pd.DataFrame(rows, columns=["dimension", "item", "statement", "n", "disagree", "neutral",
                                       "agree"])
