"""How precise an NPS is: margin of error, smallest detectable change and sample size.

All results are in NPS points. The per-answer variance of NPS, seen as the difference of the
promoter share ``p`` and the detractor share ``d``, is ``p + d - (p - d)**2``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
from scipy import stats

from cxlib.metrics.nps import nps, nps_trend


def _variance(promoters_share: float, detractors_share: float) -> float:
    """Per-answer variance of NPS in proportion units."""
    p, d = promoters_share, detractors_share
    if not (0 <= p <= 1 and 0 <= d <= 1 and p + d <= 1):
        raise ValueError(
            f"shares must lie in [0, 1] and add up to at most 1; got promoters {p}, detractors {d}"
        )
    return p + d - (p - d) ** 2


def _check_level(level: float, name: str = "level") -> None:
    if not 0 < level < 1:
        raise ValueError(f"{name} must lie strictly between 0 and 1; got {level}")


def nps_margin_of_error(
    n: int, promoters_share: float, detractors_share: float, *, level: float = 0.95
) -> float:
    """Half-width of the NPS interval for ``n`` answers, in points.

    Parameters
    ----------
    n : number of answers.
    promoters_share, detractors_share : expected shares (0-1).
    level : confidence level.

    Returns
    -------
    float
        ``z * sqrt((p + d - (p - d)**2) / n) * 100``.
    """
    _check_level(level)
    if n <= 0:
        raise ValueError(f"n must be positive; got {n}")
    z = stats.norm.ppf(0.5 + level / 2)
    return float(z * math.sqrt(_variance(promoters_share, detractors_share) / n) * 100)


def smallest_detectable_change(
    n_a: int,
    n_b: int,
    promoters_share: float,
    detractors_share: float,
    *,
    alpha: float = 0.05,
    power: float = 0.8,
) -> float:
    """Smallest NPS difference between two samples a two-sided test detects with ``power``.

    Parameters
    ----------
    n_a, n_b : number of answers in each sample.
    promoters_share, detractors_share : expected shares (0-1), taken as equal in both samples.
    alpha : significance level of the two-sided test.
    power : probability of detecting a change of that size.

    Returns
    -------
    float
        ``(z_(1 - alpha/2) + z_power) * sqrt(var / n_a + var / n_b) * 100`` points.
    """
    _check_level(alpha, "alpha")
    _check_level(power, "power")
    if n_a <= 0 or n_b <= 0:
        raise ValueError(f"sample sizes must be positive; got {n_a} and {n_b}")
    variance = _variance(promoters_share, detractors_share)
    z_total = stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)
    return float(z_total * math.sqrt(variance / n_a + variance / n_b) * 100)


def sample_size_for_margin(
    margin_points: float, promoters_share: float, detractors_share: float, *, level: float = 0.95
) -> int:
    """Answers needed for an NPS margin of error of at most ``margin_points``.

    Parameters
    ----------
    margin_points : wanted half-width of the interval, in NPS points.
    promoters_share, detractors_share : expected shares (0-1).
    level : confidence level.

    Returns
    -------
    int
        ``ceil((z / (margin / 100))**2 * var)``, at least 1.
    """
    _check_level(level)
    if margin_points <= 0:
        raise ValueError(f"margin_points must be positive; got {margin_points}")
    z = stats.norm.ppf(0.5 + level / 2)
    needed = (z / (margin_points / 100)) ** 2 * _variance(promoters_share, detractors_share)
    return max(1, math.ceil(round(needed, 9)))


@dataclass(frozen=True)
class PrecisionSummary:
    """What the current answer rate buys: monthly precision and the sizes for target margins."""

    n_per_month: float
    margin_monthly: float
    smallest_change_monthly: float
    sizes: pd.DataFrame

    @property
    def significant_change_monthly(self) -> float:
        """The month-on-month change that a two-sided test calls real at the 5% level: two months
        of ``n_per_month`` answers each, so the difference's margin is the monthly margin × √2."""
        return self.margin_monthly * math.sqrt(2)

    def headline(self) -> str:
        """One sentence on monthly precision: the change that stands out from noise, and the
        change that is caught four times in five (the smallest detectable change at 80% power)."""
        return (
            f"At about {self.n_per_month:,.0f} answers a month, a monthly NPS is precise to "
            f"±{self.margin_monthly:.1f} points; a month-on-month move stands out from sampling noise "
            f"from about {self.significant_change_monthly:.0f} points, and a real change of "
            f"{self.smallest_change_monthly:.0f} points is caught four times in five."
        )

    def sizes_shown(self) -> pd.DataFrame:
        """:attr:`sizes` as a client reads it: the margin, the answers it needs and the months those
        take at today's rate (one decimal throughout)."""
        return pd.DataFrame({
            "Margin of error": [f"±{m:.0f} points" for m in self.sizes["margin"]],
            "Answers needed": self.sizes["n_required"].to_numpy(),
            "Months at today's rate": [f"{m:.1f}" for m in self.sizes["months_at_current_rate"]],
        })


def precision_summary(
    survey: pd.DataFrame,
    *,
    date_col: str = "responded_at",
    score_col: str = "nps",
    margins: tuple[float, ...] = (3, 5, 10),
) -> PrecisionSummary:
    """Monthly precision of NPS at the current answer rate and the sizes for target margins.

    Parameters
    ----------
    survey : one row per response.
    date_col : column with the response date.
    score_col : column with the 0-10 answers; rows missing a score or date are ignored.
    margins : target margins of error (95% level), in NPS points.

    Returns
    -------
    PrecisionSummary
        ``n_per_month`` is answers per calendar month from the first to the last month with
        answers (empty months count); the margin (95%) and the smallest detectable change
        (alpha 0.05, power 0.8, two months of ``n_per_month``) use the observed shares.
        ``sizes`` has columns ``margin``, ``n_required``, ``months_at_current_rate``.
    """
    trend = nps_trend(survey, date_col=date_col, score_col=score_col)
    n_per_month = float(trend["n"].mean())
    overall = nps(survey.dropna(subset=[date_col])[score_col])
    p, d = overall.promoters / overall.n, overall.detractors / overall.n
    required = [sample_size_for_margin(m, p, d) for m in margins]
    sizes = pd.DataFrame(
        {
            "margin": [float(m) for m in margins],
            "n_required": required,
            "months_at_current_rate": [r / n_per_month for r in required],
        }
    )
    return PrecisionSummary(
        n_per_month=n_per_month,
        margin_monthly=nps_margin_of_error(n_per_month, p, d),
        smallest_change_monthly=smallest_detectable_change(n_per_month, n_per_month, p, d),
        sizes=sizes,
    )
