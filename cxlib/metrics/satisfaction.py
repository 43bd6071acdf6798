"""Customer satisfaction (CSAT, top-2-box) and customer effort (CES).

CSAT is the share of 4s and 5s on the 1-5 scale, with a Wilson score interval. CES is asked as
"the company made it easy" on a 1-7 scale (higher is better): we report the mean with a t
interval and the share of 5-7 ("easy").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from cxlib.wording import number


def _answers(scores: pd.Series, name: str, low: int, high: int) -> pd.Series:
    """The non-missing answers as floats; raise if there are none or any lies outside the scale."""
    values = scores.dropna().astype(float)
    if values.empty:
        raise ValueError(f"no {name} answers: the series is empty or every value is missing")
    outside = values[(values < low) | (values > high)]
    if not outside.empty:
        raise ValueError(
            f"{name} answers must lie between {low} and {high}; found {outside.iloc[0]:g} "
            f"({len(outside):,} answer(s) out of range)"
        )
    return values


def _check_level(level: float) -> None:
    if not 0 < level < 1:
        raise ValueError(f"level must lie strictly between 0 and 1; got {level}")


@dataclass(frozen=True)
class CsatResult:
    """Share of satisfied customers (4-5 on 1-5), in percent, with a Wilson interval."""

    share: float
    low: float
    high: float
    n: int
    level: float

    def headline(self) -> str:
        """One sentence: 'CSAT is 82%: 4 or 5 out of 5 in 3,120 answers, a 95% range of 80% to 84%.'"""
        return (
            f"CSAT is {number(self.share, '%')}: 4 or 5 out of 5 in {self.n:,} answers, a "
            f"{self.level * 100:g}% range of {number(self.low, '%')} to {number(self.high, '%')}."
        )


def csat(scores: pd.Series, *, level: float = 0.95) -> CsatResult:
    """Top-2-box CSAT with a Wilson score interval.

    Parameters
    ----------
    scores : 1-5 satisfaction answers; missing values are ignored.
    level : confidence level of the interval.

    Returns
    -------
    CsatResult
        ``share``, ``low`` and ``high`` in percent (0-100).

    Raises
    ------
    ValueError
        If there is no answer, an answer lies outside 1-5 or ``level`` is not in (0, 1).
    """
    _check_level(level)
    values = _answers(scores, "CSAT", 1, 5)
    n = len(values)
    satisfied = int((values >= 4).sum())
    low, high = proportion_confint(satisfied, n, alpha=1 - level, method="wilson")
    return CsatResult(
        share=100 * satisfied / n, low=100 * float(low), high=100 * float(high), n=n, level=level
    )


@dataclass(frozen=True)
class CesResult:
    """Customer effort (1-7, higher is easier): mean with a t interval and share of 5-7."""

    mean: float
    low: float
    high: float
    share_easy: float
    n: int
    level: float = 0.95

    def headline(self) -> str:
        """One sentence: 'CES averages 5.4 of 7 in 2,980 answers (a 95% range of 5.3 to 5.5); 71% found it
        easy (5-7).'"""
        if math.isnan(self.low):
            interval = "one answer, so no range"
        else:
            interval = f"a {self.level * 100:g}% range of {self.low:.1f} to {self.high:.1f}"
        answers = "answer" if self.n == 1 else "answers"
        return (
            f"CES averages {number(self.mean, 'of 7')} in {self.n:,} {answers} ({interval}); "
            f"{number(self.share_easy, '%')} found it easy (5-7)."
        )


def ces(scores: pd.Series, *, level: float = 0.95) -> CesResult:
    """Customer effort score: mean with a t interval and the share of 5-7.

    Parameters
    ----------
    scores : 1-7 "made it easy" answers (higher is better); missing values are ignored.
    level : confidence level of the interval of the mean.

    Returns
    -------
    CesResult
        ``mean +/- t(level, n - 1) * sd / sqrt(n)``; with a single answer the interval is
        missing (NaN). ``share_easy`` is in percent (0-100).

    Raises
    ------
    ValueError
        If there is no answer, an answer lies outside 1-7 or ``level`` is not in (0, 1).
    """
    _check_level(level)
    values = _answers(scores, "CES", 1, 7)
    n = len(values)
    mean = float(values.mean())
    if n > 1:
        half = float(stats.t.ppf(0.5 + level / 2, n - 1)) * float(values.std(ddof=1)) / math.sqrt(n)
        low, high = mean - half, mean + half
    else:
        low = high = math.nan
    return CesResult(
        mean=mean,
        low=low,
        high=high,
        share_easy=100 * float((values >= 5).mean()),
        n=n,
        level=level,
    )
