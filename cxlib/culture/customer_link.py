"""Does a unit's culture show in its customers' scores? Only where units map to channels.

A department that owns a customer channel (Retail runs the stores, Customer Care the phone and
chat lines: :data:`CHANNEL_MAP`, overridable) can be set next to the NPS and CES of the survey
answers from its channels. Testing a link needs several such units: with at least
:data:`MIN_UNITS` the unit means are rank-correlated (Spearman) with unit NPS; with two units the
report can only describe both differences side by side, and says that this cannot show a link.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from cxlib.culture.alignment import staff_protection, welch_gap
from cxlib.culture.anonymity import Protection
from cxlib.culture.dimensions import dimension_scores, mean_interval, present_items
from cxlib.metrics.nps import nps, nps_change
from cxlib.report.verdict import Figure, Finding

CHANNEL_MAP: dict[str, tuple[str, ...]] = {"Retail": ("store",), "Customer Care": ("phone", "chat")}
MIN_UNITS = 5


def _signed(x: float) -> str:
    text = f"{x:+.0f}"
    return "0" if text in ("+0", "-0") else text


def _channels_text(channels: Sequence[str]) -> str:
    names = list(channels)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class LinkResult:
    """Culture and customer scores of the units that own a channel, and what they can show."""

    # department, channels, staff, one mean per dimension, responses, nps, nps_low, nps_high, ces
    table: pd.DataFrame
    supported: bool              # enough units for a statistical test
    statement: str               # what the data can and cannot say, with numbers
    correlations: pd.DataFrame   # dimension, rho, p_value (empty unless supported)
    has_survey: bool = True

    def headline(self) -> str:
        return self.statement

    def finding(self) -> Finding:
        """:attr:`statement`, with the customer NPS of each unit's channels as its figures."""
        figures = []
        if self.has_survey and len(self.table):
            for row in self.table.itertuples():
                channels = _channels_text(list(row.channels) if not isinstance(row.channels, str) else [row.channels])
                figures.append(Figure(f"NPS, {channels}", row.nps, "points",
                                      f"survey answers, {channels} (n = {int(row.responses):,})"))
        return Finding(self.statement, tuple(figures), source="cxlib.culture.customer_link.link_to_customers",
                       theme="culture")

    def client_table(self) -> pd.DataFrame:
        """The units as a client reads them (:func:`link_table`)."""
        return link_table(self)


def linked_units(employees: pd.DataFrame, survey: pd.DataFrame, *,
                 channel_map: Mapping[str, Sequence[str]] = CHANNEL_MAP, min_staff: int = 1,
                 min_answers: int = 1) -> list[str]:
    """The departments of ``channel_map`` that can be set next to their customers' scores.

    Parameters
    ----------
    employees : one row per respondent with ``department`` (the staff to count).
    survey : the customer survey with ``channel`` and ``nps``.
    min_staff : respondents a department needs.
    min_answers : answered likelihood-to-recommend questions its channels need.
    """
    staff = employees["department"].value_counts()
    answered = survey.dropna(subset=["nps"]) if "nps" in survey else survey.iloc[:0]
    answers = answered["channel"].value_counts() if "channel" in answered else pd.Series(dtype=int)
    return [dep for dep, channels in channel_map.items()
            if staff.get(dep, 0) >= min_staff and sum(answers.get(c, 0) for c in channels) >= min_answers]


def link_to_customers(employees: pd.DataFrame, survey: pd.DataFrame, *,
                      channel_map: Mapping[str, Sequence[str]] = CHANNEL_MAP, min_staff: int = 30,
                      min_answers: int = 30, min_units: int = MIN_UNITS) -> LinkResult:
    """:func:`culture_customer_link` from the two surveys, over the departments large enough to read.

    Parameters
    ----------
    employees : the employees dataset.
    survey : the customer survey.
    channel_map : department -> the survey channels it runs.
    min_staff, min_answers : a department enters with this many scored staff and its channels with
        this many customer answers (:func:`linked_units`).
    min_units : units needed for a correlation test.
    """
    scores = dimension_scores(employees)
    dims = list(present_items(employees))
    scored = scores[scores[dims].notna().any(axis=1)]
    units = linked_units(scored, survey, channel_map=channel_map, min_staff=min_staff, min_answers=min_answers)
    return culture_customer_link(scores, survey, dims, channel_map={d: channel_map[d] for d in units},
                                 protection=staff_protection(employees), min_units=min_units)


def culture_customer_link(scores: pd.DataFrame, survey: pd.DataFrame | None,
                          dimensions: Sequence[str], *,
                          channel_map: Mapping[str, Sequence[str]] = CHANNEL_MAP,
                          protection: Protection | None = None, min_units: int = MIN_UNITS
                          ) -> LinkResult:
    """Set each channel-owning department's culture next to its channels' NPS and CES.

    Parameters
    ----------
    scores : :func:`cxlib.culture.dimensions.dimension_scores` output.
    survey : the customer survey, or None when the client has none.
    dimensions : the dimension columns of ``scores``.
    channel_map : department -> the survey channels it owns.
    protection : department-by-level protection; departments it hides are left out.
    min_units : units needed for a correlation test.
    """
    columns = ["department", "channels", "staff", *dimensions, "responses", "nps", "nps_low",
               "nps_high", "ces"]
    departments = set(scores["department"])
    units = [d for d in channel_map if d in departments
             and (protection is None or d not in protection.hidden_rows.index
                  or protection.row_visible(d))]
    empty_corr = pd.DataFrame(columns=["dimension", "rho", "p_value"])
    if survey is None:
        return LinkResult(pd.DataFrame(columns=columns), False,
                          "Culture cannot be linked to customer outcomes: no customer survey was "
                          "provided.", empty_corr, has_survey=False)
    rows = []
    for dep in units:
        channels = tuple(channel_map[dep])
        answers = survey[survey["channel"].isin(channels)]
        scored = answers["nps"].dropna() if "nps" in answers else pd.Series(dtype=float)
        if scored.empty:
            continue
        result = nps(scored)
        ces = answers["ces"].dropna().astype(float).mean() if "ces" in answers else np.nan
        staff = scores[scores["department"] == dep]
        rows.append((dep, _channels_text(channels), len(staff),
                     *[mean_interval(staff[d])[1] for d in dimensions], result.n, result.score,
                     result.low, result.high, ces))
    table = pd.DataFrame(rows, columns=columns)
    if len(table) >= min_units:
        corr = []
        for dim in dimensions:
            rho, p = stats.spearmanr(table[dim], table["nps"])
            corr.append((dim, float(rho), float(p)))
        corr = pd.DataFrame(corr, columns=["dimension", "rho", "p_value"])
        best = corr.loc[corr["rho"].abs().idxmax()]
        verdict = "a link" if best["p_value"] < 0.05 else "no link that stands out from chance"
        text = (f"Across {len(table)} units that own a channel, {best['dimension']} tracks NPS most "
                f"closely (Spearman rho = {best['rho']:.2f}, p = {best['p_value']:.3f}): "
                f"{verdict}.")
        return LinkResult(table, True, text, corr)
    if len(table) == 2:
        return LinkResult(table, False, _two_units(table, scores, survey, dimensions, channel_map),
                          empty_corr)
    owners = ("No department runs" if table.empty else
              f"Only {len(table)} department{'s' if len(table) != 1 else ''} run{'s' if len(table) == 1 else ''}")
    return LinkResult(table, False,
                      f"{owners} a customer channel; at least {min_units} are needed "
                      "to test whether culture goes with customer scores.", empty_corr)


def _two_units(table: pd.DataFrame, scores: pd.DataFrame, survey: pd.DataFrame,
               dimensions: Sequence[str], channel_map: Mapping[str, Sequence[str]]) -> str:
    """Two units: both differences side by side, and why that cannot establish a link."""
    spread = {d: abs(table[d].iloc[0] - table[d].iloc[1]) for d in dimensions}
    dim = max(spread, key=spread.get)
    first, second = table.sort_values(dim, ascending=False, kind="stable")["department"]
    gap = welch_gap(scores.loc[scores["department"] == first, dim],
                    scores.loc[scores["department"] == second, dim])
    a_channels, b_channels = channel_map[first], channel_map[second]
    test = nps_change(survey.loc[survey["channel"].isin(b_channels), "nps"],
                      survey.loc[survey["channel"].isin(a_channels), "nps"])
    culture = (f"{first} scores {gap.diff:.1f} points higher than {second} on {dim} "
               f"(95% CI {gap.low:.1f} to {gap.high:.1f})")
    p_text = "p < 0.001" if test.p_value < 0.001 else f"p = {test.p_value:.2f}"
    customers = (f"NPS is {_signed(test.nps_b)} in {_channels_text(a_channels)} and "
                 f"{_signed(test.nps_a)} in {_channels_text(b_channels)} ({p_text})")
    if test.significant and test.diff > 0:
        tail = ("the customers of the stronger culture are happier, but two units cannot show "
                "that culture is the cause")
    else:
        joiner = "yet" if not test.significant else "and customers even prefer the other unit:"
        return (f"{culture}, {joiner} {customers}. With only two departments that own a channel, "
                "the data cannot link culture to customer outcomes in either direction.")
    return f"{culture}, and {customers}: {tail}."


def link_table(result: LinkResult) -> pd.DataFrame:
    """:attr:`LinkResult.table` as a client reads it (scores rounded into words and intervals)."""
    table = result.table
    dims = [c for c in table.columns
            if c not in ("department", "channels", "staff", "responses", "nps", "nps_low",
                         "nps_high", "ces")]
    out = pd.DataFrame({"Department": table["department"], "Channels": table["channels"],
                        "Staff (n)": table["staff"]})
    for dim in dims:
        out[f"{dim} (of 5)"] = table[dim].round(2)
    out["Customer answers (n)"] = table["responses"]
    out["NPS (95% CI)"] = [f"{_signed(s)} ({_signed(lo)} to {_signed(hi)})"
                           for s, lo, hi in zip(table["nps"], table["nps_low"], table["nps_high"])]
    if table["ces"].notna().any():
        out["CES (1-7, 7 = easiest)"] = table["ces"].round(2)
    return out
