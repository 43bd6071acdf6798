"""Net Promoter Score: the score, its interval, the monthly trend and change tests.

NPS is the share of promoters (9-10) minus the share of detractors (0-6), in points from -100 to
+100. The interval is the adjusted-Wald interval of Rocks (2016), which adds three quarters of a
promoter and of a detractor and three answers in all before applying the Wald formula; it keeps
its coverage for small samples and extreme scores, where the plain Wald interval does not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from cxlib.wording import chance, points, range95, signed

PROMOTER = "promoter"
PASSIVE = "passive"
DETRACTOR = "detractor"


def _z(level: float) -> float:
    """Two-sided standard normal critical value for a confidence level."""
    if not 0 < level < 1:
        raise ValueError(f"level must lie strictly between 0 and 1; got {level}")
    return float(stats.norm.ppf(0.5 + level / 2))


def _answered(scores: pd.Series) -> pd.Series:
    """The non-missing answers as floats; raise if there are none or any lies outside 0-10."""
    values = scores.dropna().astype(float)
    if values.empty:
        raise ValueError("no NPS answers: the series is empty or every value is missing")
    outside = values[(values < 0) | (values > 10)]
    if not outside.empty:
        raise ValueError(
            f"NPS answers must lie between 0 and 10; found {outside.iloc[0]:g} "
            f"({len(outside):,} answer(s) out of range)"
        )
    return values


def classify(scores: pd.Series) -> pd.Series:
    """Label each answer promoter (9-10), passive (7-8) or detractor (0-6).

    Parameters
    ----------
    scores : 0-10 likelihood-to-recommend answers.

    Returns
    -------
    pd.Series
        String labels with the index and name of ``scores``; a missing answer stays missing.
    """
    if scores.notna().any():
        _answered(scores)  # range check only
    values = scores.astype(float)
    labels = np.select([values >= 9, values >= 7, values >= 0], [PROMOTER, PASSIVE, DETRACTOR], None)
    return pd.Series(labels, index=scores.index, name=scores.name, dtype="str")


@dataclass(frozen=True)
class NpsResult:
    """An NPS with its adjusted-Wald interval (all in points, -100 to +100)."""

    score: float
    low: float
    high: float
    n: int
    promoters: int
    passives: int
    detractors: int
    level: float

    def headline(self) -> str:
        """One sentence: 'NPS is +24 from 4,912 answers, a 95% range of +21 to +27.' (the range at
        the result's level; the appendix names the interval)."""
        span = (range95(self.low, self.high, "points") if self.level == 0.95
                else f"a {self.level * 100:g}% range of {signed(self.low)} to {signed(self.high)}")
        return f"NPS is {signed(self.score)} from {self.n:,} answers, {span}."


def nps(scores: pd.Series, *, level: float = 0.95) -> NpsResult:
    """Net Promoter Score with an adjusted-Wald interval.

    Parameters
    ----------
    scores : 0-10 likelihood-to-recommend answers; missing values are ignored.
    level : confidence level of the interval.

    Returns
    -------
    NpsResult
        ``score = 100 * (promoters - detractors) / n``; the interval uses ``n' = n + 3`` and
        ``p' = (promoters + 3/4) / n'``, ``d' = (detractors + 3/4) / n'``,
        ``var = (p' + d' - (p' - d')**2) / n'``, ``100 * (p' - d' +/- z * sqrt(var))``,
        clipped to [-100, 100].

    Raises
    ------
    ValueError
        If there is no answer, an answer lies outside 0-10 or ``level`` is not in (0, 1).
    """
    values = _answered(scores).to_numpy()
    # Counted on the numbers, as classify() labels them (answers are 0-10 here): no label strings
    # for a million answers.
    promoters = int(np.count_nonzero(values >= 9))
    detractors = int(np.count_nonzero(values < 7))
    return nps_from_counts(len(values), promoters, detractors, level=level)


def nps_from_counts(n: int, promoters: int, detractors: int, *, level: float = 0.95) -> NpsResult:
    """:func:`nps` from the answers' counts: ``n`` answers, of which ``promoters`` and ``detractors``.

    Group comparisons count every group in one pass and take the rest as the total minus the group,
    instead of rereading the answers once per group.
    """
    z = _z(level)
    n_adj = n + 3
    p_adj = (promoters + 0.75) / n_adj
    d_adj = (detractors + 0.75) / n_adj
    half = z * math.sqrt((p_adj + d_adj - (p_adj - d_adj) ** 2) / n_adj)
    return NpsResult(
        score=100 * (promoters - detractors) / n,
        low=max(-100.0, 100 * (p_adj - d_adj - half)),
        high=min(100.0, 100 * (p_adj - d_adj + half)),
        n=n,
        promoters=promoters,
        passives=n - promoters - detractors,
        detractors=detractors,
        level=level,
    )


def _by_period(survey: pd.DataFrame, date_col: str, score_col: str, freq: str) -> pd.DataFrame:
    """Answered rows with their period: columns ``period`` (pandas Period) and ``score``."""
    for column in (date_col, score_col):
        if column not in survey.columns:
            raise ValueError(f"the survey has no column {column!r}")
    dates = pd.to_datetime(survey[date_col], format="ISO8601")
    if dates.dt.tz is not None:
        dates = dates.dt.tz_localize(None)
    rows = pd.DataFrame({"date": dates, "score": survey[score_col]}).dropna()
    if rows.empty:
        raise ValueError(f"no dated answers in {score_col!r}: every row misses a score or a date")
    _answered(rows["score"])
    return pd.DataFrame({"period": rows["date"].dt.to_period(freq), "score": rows["score"]})


def nps_trend(
    survey: pd.DataFrame,
    *,
    date_col: str = "responded_at",
    score_col: str = "nps",
    freq: str = "M",
    level: float = 0.95,
) -> pd.DataFrame:
    """NPS per calendar period with its adjusted-Wald interval.

    Parameters
    ----------
    survey : one row per response.
    date_col : column with the response date.
    score_col : column with the 0-10 answers; rows missing a score or date are ignored.
    freq : pandas period frequency; ``"M"`` gives calendar months.
    level : confidence level of each interval.

    Returns
    -------
    pd.DataFrame
        One row per period from the first to the last with answers, in order: ``period`` (the
        period start as a Timestamp), ``n``, ``nps``, ``low``, ``high``. A period without answers
        inside the range has ``n = 0`` and missing ``nps``, ``low`` and ``high``.
    """
    rows = _by_period(survey, date_col, score_col, freq)
    periods = pd.period_range(rows["period"].min(), rows["period"].max(), freq=freq)
    grouped = dict(list(rows.groupby("period")["score"]))
    records = []
    for period in periods:
        if period in grouped:
            result = nps(grouped[period], level=level)
            records.append((period.start_time, result.n, result.score, result.low, result.high))
        else:
            records.append((period.start_time, 0, np.nan, np.nan, np.nan))
    return pd.DataFrame(records, columns=["period", "n", "nps", "low", "high"])


@dataclass(frozen=True)
class ChangeTest:
    """A two-sample z test of the difference between two NPS (points; ``diff = b - a``)."""

    label_a: str
    label_b: str
    nps_a: float
    nps_b: float
    diff: float
    z: float
    p_value: float
    significant: bool
    alpha: float

    @property
    def shown_diff(self) -> int:
        """The change as the sentence prints it: the difference of the two rounded scores, so that
        "+32 to +17" reads as the −15 it says."""
        return round(self.nps_b) - round(self.nps_a)

    def headline(self) -> str:
        """One sentence naming both scores, the change and whether it is larger than chance:
        "NPS moved from +32 in Sep 2026 to +17 in Oct 2026 (−15 points): larger than chance." """
        return (
            f"NPS moved from {signed(self.nps_a)} in {self.label_a} to {signed(self.nps_b)} "
            f"in {self.label_b} ({points(self.shown_diff)}): {chance(self.p_value, self.alpha)}."
        )


def nps_change(
    a: pd.Series,
    b: pd.Series,
    *,
    labels: tuple[str, str] = ("previous period", "latest period"),
    alpha: float = 0.05,
) -> ChangeTest:
    """Test whether NPS differs between two independent samples.

    Parameters
    ----------
    a, b : 0-10 answers of the two samples; missing values are ignored. ``diff`` is ``b - a``.
    labels : names of ``a`` and ``b`` for the headline.
    alpha : significance level of the two-sided test.

    Returns
    -------
    ChangeTest
        Each NPS is a difference of proportions ``p_i - d_i`` with variance
        ``(p_i + d_i - (p_i - d_i)**2) / n_i``; ``z = (nps_b - nps_a) / sqrt(var_a + var_b)``
        in proportion units and the p-value is two-sided. When both variances are zero, ``z`` is
        0 for equal scores and infinite otherwise.
    """
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie strictly between 0 and 1; got {alpha}")
    return change_between(nps(a), nps(b), labels=labels, alpha=alpha)


def change_between(first: NpsResult, second: NpsResult, *,
                   labels: tuple[str, str] = ("previous period", "latest period"),
                   alpha: float = 0.05) -> ChangeTest:
    """:func:`nps_change` of two samples already scored (``diff`` is ``second - first``)."""
    variance = 0.0
    for result in (first, second):
        p, d = result.promoters / result.n, result.detractors / result.n
        variance += (p + d - (p - d) ** 2) / result.n
    diff = (second.score - first.score) / 100
    if variance > 0:
        z = diff / math.sqrt(variance)
    else:
        z = 0.0 if diff == 0 else math.copysign(math.inf, diff)
    p_value = float(2 * stats.norm.sf(abs(z)))
    return ChangeTest(
        label_a=labels[0],
        label_b=labels[1],
        nps_a=first.score,
        nps_b=second.score,
        diff=second.score - first.score,
        z=z,
        p_value=p_value,
        significant=p_value < alpha,
        alpha=alpha,
    )


def last_period_change(
    survey: pd.DataFrame,
    *,
    date_col: str = "responded_at",
    score_col: str = "nps",
    alpha: float = 0.05,
) -> ChangeTest:
    """Test the last calendar month's NPS against the month before it.

    Parameters
    ----------
    survey : one row per response.
    date_col : column with the response date.
    score_col : column with the 0-10 answers; rows missing a score or date are ignored.
    alpha : significance level of the two-sided test.

    Returns
    -------
    ChangeTest
        Labelled with the months, e.g. ``"Sep 2026"`` and ``"Oct 2026"``.

    Raises
    ------
    ValueError
        If the calendar month before the last month with answers has no answers.
    """
    rows = _by_period(survey, date_col, score_col, "M")
    latest = rows["period"].max()
    previous = latest - 1
    label_a, label_b = previous.strftime("%b %Y"), latest.strftime("%b %Y")
    before = rows.loc[rows["period"] == previous, "score"]
    if before.empty:
        raise ValueError(f"no NPS answers in {label_a}, the month before {label_b}")
    return nps_change(
        before, rows.loc[rows["period"] == latest, "score"], labels=(label_a, label_b), alpha=alpha
    )
