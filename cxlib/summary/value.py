"""What is at stake, in the client's currency: the revenue at risk of churn, and what closing the
gap between the customers most likely to leave and the next band of customers would keep.

Both rest on the churn link of step 7 (:func:`cxlib.metrics.prediction.churn_link`): each customer's
latest survey answer, banded by effort (or by NPS class when effort is not asked), joined with the
customer base. They are associations read forward, not proven effects, and every assumption is
written out with the figures (:meth:`ValueAtStake.assumptions`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from cxlib.metrics.prediction import BANDED, MIN_BAND, churn_link, latest_responses
from cxlib.sections import Unavailable
from cxlib.wording import money, money_span, span

Z95 = 1.959964
# How a sentence names the customers of a band; a band not listed is "customers in the <band> band".
BAND_PROSE = {"Low (1-3)": "customers who found us hard to deal with (CES 1-3)",
              "Neutral (4)": "those who rated the effort neutral (CES 4)",
              "Detractors (0-6)": "detractors (NPS 0-6)", "Passives (7-8)": "passives (NPS 7-8)"}


def _prose(band: str) -> str:
    return BAND_PROSE.get(band, f"customers in the {band.lower()} band")


@dataclass(frozen=True)
class ValueAtStake:
    """Revenue at risk and the value of closing the top churn gap, each with a 95% range.

    Attributes
    ----------
    bands : one row a band: band, customers (answering customers in the customer base), churned,
        churn_rate, churn_low, churn_high (0-100, Wilson 95%), active (customers still with the
        client), revenue (their 12-month revenue), at_risk, at_risk_low, at_risk_high.
    band_metric : what the bands are ("customer effort score" or "NPS class").
    at_risk, at_risk_low, at_risk_high : the active customers' 12-month revenue times their
        band's churn rate, summed over the bands, with the range from adding up the rates' 95%
        intervals (wider than a 95% interval of the total).
    gap, gap_low, gap_high : the first band's active revenue times the difference between its
        churn rate and the second band's (the range from the difference's interval, floored at 0).
    currency : ISO code from client.yml, or None.
    linked : answering customers found in the customer base with an answer that falls in a band.
    base : customers in the customer base.
    period : the period the churn was observed in, as the report names it.
    """

    bands: pd.DataFrame
    band_metric: str
    at_risk: float
    at_risk_low: float
    at_risk_high: float
    gap: float
    gap_low: float
    gap_high: float
    currency: str | None
    linked: int
    base: int
    period: str

    def money(self, value: float) -> str:
        """An amount in the client's currency."""
        return money(value, self.currency)

    @property
    def first(self) -> str:
        return _prose(str(self.bands.iloc[0]["band"]))

    @property
    def second(self) -> str:
        return _prose(str(self.bands.iloc[1]["band"]))

    def _gap_clause(self) -> str:
        first, second = self.bands.iloc[0], self.bands.iloc[1]
        rates = f"{first['churn_rate']:.0f}% against {second['churn_rate']:.0f}% in the period"
        if self.gap <= 0:
            return f"{self.first} left no more often than {self.second} ({rates}), so there is no churn gap to value"
        return (f"the gap in churn between {self.first} and {self.second} ({rates}) goes with about "
                f"{self.money(self.gap)} of revenue a year "
                f"({money_span(self.gap_low, self.gap_high, self.currency)})")

    def _unstated(self) -> str:
        return "" if self.currency else " (amounts in the revenue's own currency, which is not stated)"

    def headline(self) -> str:
        """The two amounts in one sentence, each with its range."""
        return (f"About {self.money(self.at_risk)} of the next twelve months' revenue from today's answering "
                f"customers is at risk of churn ({money_span(self.at_risk_low, self.at_risk_high, self.currency)}); "
                f"{self._gap_clause()}{self._unstated()}.")

    def short(self) -> str:
        """The value at stake in the fewest words, for the executive summary."""
        return (f"**At stake:** {self.money(self.at_risk)} of next year's revenue at risk of churn "
                f"({money_span(self.at_risk_low, self.at_risk_high, self.currency)}); {self._gap_clause()}"
                f"{self._unstated()}.")

    def table(self) -> pd.DataFrame:
        """The bands as the report shows them, amounts in the client's currency."""
        return pd.DataFrame({
            "Customers, by their latest answer": self.bands["band"],
            "Answering customers": self.bands["customers"],
            "Left in the period": self.bands["churn_rate"].map(lambda v: f"{v:.0f}%"),
            "95% range": [span(lo, hi, "%") for lo, hi in zip(self.bands["churn_low"], self.bands["churn_high"])],
            "Still customers": self.bands["active"],
            "Their 12-month revenue": self.bands["revenue"].map(self.money),
            "Revenue at risk": self.bands["at_risk"].map(self.money),
        })

    def assumptions(self) -> list[str]:
        """Every assumption behind the two amounts, as sentences."""
        return [
            f"Churn likelihood is the share of answering customers in each {self.band_metric} band who left during "
            f"{self.period}, as the customer base records it; it is assumed to hold for the next twelve months.",
            f"Only the {self.linked:,} customers whose survey answer is found in the customer base "
            f"(of {self.base:,}) are counted, each by their latest answer; customers who did not answer are left "
            "out, so the amounts understate the whole base.",
            "Revenue is each remaining customer's revenue over the last twelve months, as the customer base "
            "records it, assumed to repeat; no margin, growth or acquisition cost is applied.",
            f"The gap value assumes {self.first} would leave as often as {self.second} "
            "if their experience matched; the link between answers and churn is an association, not a proven "
            "effect, so this is the size of the prize, not a forecast.",
            "The at-risk range adds up each band's 95% range of its churn rate, so it is wider than a 95% range "
            "of the total; the gap's range is the 95% range of the difference in churn. Both cover sampling "
            "error only, not the assumptions above.",
        ]


def value_at_stake(survey: pd.DataFrame, customers: pd.DataFrame, *, currency: str | None = None,
                   period: str = "the period") -> ValueAtStake:
    """Revenue at risk and the value of closing the top churn gap.

    Parameters
    ----------
    survey : survey answers (customer_id, responded_at and the banded metric).
    customers : the customer base (customer_id, revenue_12m, churned).
    currency : ISO 4217 code of ``revenue_12m`` (client.yml ``currency``).
    period : the period churn was observed in, for the assumptions ("Nov 2025-Oct 2026").

    Raises
    ------
    Unavailable
        When the churn link cannot be made (:func:`cxlib.metrics.prediction.churn_link`), or either
        of the first two bands has fewer than :data:`MIN_BAND` customers.
    """
    link = churn_link(survey, customers)
    banded = [(m, b) for m, b, name in BANDED if name == link.band_metric]
    if not banded:
        raise Unavailable("The value at stake needs effort (CES) or likelihood-to-recommend (NPS) answers to "
                          "band customers by; this survey has neither.")
    metric, bands = banded[0]
    linked = latest_responses(survey, customers)
    score = pd.to_numeric(linked[metric], errors="coerce").astype(float)
    rows = []
    for low, high, label in bands:
        inside = (score >= low) & (score <= high)
        part = linked[inside.to_numpy(dtype=bool)]
        n, left = len(part), int(part["churned"].sum())
        rate_low, rate_high = proportion_confint(left, n, method="wilson") if n else (np.nan, np.nan)
        active = part[~part["churned"]]
        revenue = float(active["revenue_12m"].fillna(0).sum())
        rate = left / n if n else np.nan
        rows.append({"band": label, "customers": n, "churned": left, "churn_rate": 100 * rate,
                     "churn_low": 100 * rate_low, "churn_high": 100 * rate_high, "active": len(active),
                     "revenue": revenue, "at_risk": revenue * rate, "at_risk_low": revenue * rate_low,
                     "at_risk_high": revenue * rate_high})
    table = pd.DataFrame(rows)
    if (table["customers"].iloc[:2] < MIN_BAND).any():
        small = table.iloc[:2].loc[table["customers"].iloc[:2] < MIN_BAND].iloc[0]
        raise Unavailable(f"The value at stake needs at least {MIN_BAND} answering customers in each of the "
                          f"first two {link.band_metric} bands; {small['band'].lower()} has {int(small['customers'])}.")
    table = table[table["customers"] > 0].reset_index(drop=True)  # a band nobody answered in says nothing
    first, second = table.iloc[0], table.iloc[1]
    p1, p2 = first["churned"] / first["customers"], second["churned"] / second["customers"]
    diff = p1 - p2
    se = float(np.sqrt(p1 * (1 - p1) / first["customers"] + p2 * (1 - p2) / second["customers"]))
    return ValueAtStake(
        bands=table, band_metric=link.band_metric,
        at_risk=float(table["at_risk"].sum()), at_risk_low=float(table["at_risk_low"].sum()),
        at_risk_high=float(table["at_risk_high"].sum()),
        gap=max(0.0, diff) * first["revenue"], gap_low=max(0.0, diff - Z95 * se) * first["revenue"],
        gap_high=max(0.0, diff + Z95 * se) * first["revenue"],
        currency=currency, linked=int(table["customers"].sum()), base=int(customers["customer_id"].nunique()), period=period)
