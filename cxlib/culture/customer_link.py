"""Does a unit's culture show in its customers' scores? Only where units map to channels.

A department that owns a customer channel (Retail runs the stores, Customer Care the phone and
chat lines: :data:`CHANNEL_MAP`, overridable) can be set next to the NPS and CES of the survey
answers from its channels. Testing a link needs several such units: with at least
:data:`MIN_UNITS` the unit means are rank-correlated (Spearman) with unit NPS; with two units the
report can only describe both differences side by side, and says that this cannot show a link.
Either way the sentences speak of association ("goes with"), state how many units they rest on,
and say that they cannot show cause; the tests behind them are in :attr:`LinkResult.tests`, for
the report's appendix (:data:`LINK_METHOD`).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from cxlib.culture.alignment import staff_protection, welch_gap
from cxlib.culture.anonymity import Protection
from cxlib.culture.dimensions import dimension_scores, mean_interval, present_items
from cxlib.metrics.nps import nps, nps_change
from cxlib.report.verdict import Figure, Finding
from cxlib.wording import ALPHA, and_list, chance, p_value, points, signed

CHANNEL_MAP: dict[str, tuple[str, ...]] = {"Retail": ("store",), "Customer Care": ("phone", "chat")}
MIN_UNITS = 5
#: The appendix's account of how culture is set next to customer scores.
LINK_METHOD = (
    "A department enters when it runs a customer channel and has at least 30 staff who answered the "
    "culture statements and 30 customer answers from its channels. With at least "
    f"{MIN_UNITS} such departments, each culture dimension is rank-correlated (Spearman) with the "
    f"departments' NPS, and a link is called larger than chance when p < {ALPHA}. With two, the "
    "report describes both sides: the culture gap with Welch's t-test and its 95% range, the NPS "
    "difference with a two-sample z-test. Neither can show that culture causes customer scores: "
    "departments differ in their customers, products and channels too."
)


@dataclass(frozen=True)
class LinkResult:
    """Culture and customer scores of the units that own a channel, and what they can show."""

    # department, channels, staff, one mean per dimension, responses, nps, nps_low, nps_high, ces
    table: pd.DataFrame
    supported: bool              # enough units for a statistical test
    statement: str               # what the data can and cannot say, with numbers
    correlations: pd.DataFrame   # dimension, rho, p_value (empty unless supported)
    has_survey: bool = True
    figures: tuple[Figure, ...] = ()  # what :attr:`statement` states besides each unit's NPS
    tests: pd.DataFrame = field(default_factory=pd.DataFrame)  # the tests behind it, for the appendix
    focus: str = ""              # the dimension the statement names
    chart_title: str = ""        # the action title of the chart of the units

    def headline(self) -> str:
        return self.statement

    def title(self) -> str:
        """Action title for the chart of the units' culture and customer scores."""
        return self.chart_title or "Culture of the channel-running departments and their customers' NPS"

    def finding(self) -> Finding:
        """:attr:`statement`, with the customer NPS of each unit's channels (and its 95% range) and
        the figures the statement adds: each unit's culture score, the count of units, a correlation."""
        figures = []
        if self.has_survey and len(self.table):
            for row in self.table.itertuples():
                figures.append(Figure(f"NPS, {row.channels}", row.nps, "points",
                                      f"survey answers, {row.channels} (n = {int(row.responses):,})",
                                      row.nps_low, row.nps_high))
        return Finding(self.statement, (*figures, *self.figures),
                       source="cxlib.culture.customer_link.link_to_customers", theme="culture")

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
    units_word = "departments that run a customer channel"
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
        rows.append((dep, and_list(channels), len(staff),
                     *[mean_interval(staff[d])[1] for d in dimensions], result.n, result.score,
                     result.low, result.high, ces))
    table = pd.DataFrame(rows, columns=columns)
    count = Figure(units_word, len(table), "departments", "employee survey and customer survey")
    if len(table) >= min_units:
        return _many_units(table, dimensions, count)
    if len(table) == 2:
        return _two_units(table, scores, survey, dimensions, channel_map, count)
    owners = ("No department runs" if table.empty else
              f"Only {len(table)} department{'s' if len(table) != 1 else ''} run{'s' if len(table) == 1 else ''}")
    return LinkResult(table, False,
                      f"{owners} a customer channel; at least {min_units} are needed "
                      "to test whether culture goes with customer scores.", empty_corr, figures=(count,))


def _many_units(table: pd.DataFrame, dimensions: Sequence[str], count: Figure) -> LinkResult:
    """Enough units to rank-correlate each dimension with NPS: the closest link, as an association."""
    corr = []
    for dim in dimensions:
        rho, p = stats.spearmanr(table[dim], table["nps"])
        corr.append((dim, float(rho), float(p)))
    corr = pd.DataFrame(corr, columns=["dimension", "rho", "p_value"])
    best = corr.loc[corr["rho"].abs().idxmax()]
    k, dim = len(table), best["dimension"]
    closest = f" (the closest of {len(corr)} dimensions)" if len(corr) > 1 else ""
    if best["p_value"] < ALPHA:
        way = "higher" if best["rho"] > 0 else "lower"
        text = (f"Across {k} departments that run a customer channel, those whose staff rate {dim} higher have "
                f"{way} customer NPS, a link larger than chance{closest}. It shows that the two go together, "
                "not that culture causes the scores.")
    else:
        text = (f"Across {k} departments that run a customer channel, no culture dimension goes with customer NPS "
                f"by more than chance alone produces ({dim} comes closest). {k} departments cannot show cause "
                "either way.")
    figure = Figure(f"rank correlation of {dim} with NPS", best["rho"], "", count.population)
    tests = pd.DataFrame({
        "Comparison": [f"{d} with NPS, across {k} departments" for d in corr["dimension"]],
        "Result": [f"rank correlation {signed(r, 2)}" for r in corr["rho"]],
        "Test": "Spearman",
        "p-value": [_p(p) for p in corr["p_value"]],
        "In words": [chance(p) for p in corr["p_value"]],
    })
    title = (f"Departments whose staff rate {dim} higher have {way} customer NPS" if best["p_value"] < ALPHA
             else f"Culture and customer NPS do not move together across {k} departments")
    return LinkResult(table, True, text, corr, figures=(count, figure), tests=tests, focus=dim, chart_title=title)


def _p(p: float) -> str:
    """A p-value for a table column headed "p-value": ``0.78``, ``below 0.001``."""
    return p_value(p).removeprefix("p = ").replace("p < ", "below ")


def _two_units(table: pd.DataFrame, scores: pd.DataFrame, survey: pd.DataFrame,
               dimensions: Sequence[str], channel_map: Mapping[str, Sequence[str]], count: Figure
               ) -> LinkResult:
    """Two units: both differences side by side, and why that cannot establish a link, nor a cause."""
    spread = {d: abs(table[d].iloc[0] - table[d].iloc[1]) for d in dimensions}
    dim = max(spread, key=spread.get)
    first, second = table.sort_values(dim, ascending=False, kind="stable")["department"]
    staff = {dep: scores.loc[scores["department"] == dep, dim] for dep in (first, second)}
    gap = welch_gap(staff[first], staff[second])
    a_channels, b_channels = and_list(channel_map[first]), and_list(channel_map[second])
    # nps_change(a, b) tests b - a: here the stronger culture's channels minus the other's
    test = nps_change(survey.loc[survey["channel"].isin(channel_map[second]), "nps"],
                      survey.loc[survey["channel"].isin(channel_map[first]), "nps"])
    widest = f" (the widest of {len(dimensions)} dimensions)" if len(dimensions) > 1 else ""
    culture_real = gap.p_value < ALPHA
    culture = (f"{first} staff rate {dim} {gap.mean_a:.1f} of 5 and {second} staff {gap.mean_b:.1f}{widest}"
               + ("" if culture_real else ", a gap within what chance alone produces"))
    customers = (f"NPS is {signed(test.nps_b)} in {a_channels}, {signed(test.nps_a)} in {b_channels}, "
                 + ("a difference within what chance alone produces" if not test.significant
                    else f"higher where staff rate {dim} {'higher' if test.diff > 0 else 'lower'}"))
    joiner = "while"  # two departments side by side: no contrast or link the data could show
    text = f"{culture}, {joiner} {customers}. Two departments cannot show a link, let alone a cause."
    if not test.significant:
        title = f"{first} staff rate {dim} higher, yet customers' NPS is much the same"
    elif test.diff > 0:
        title = f"{first} staff rate {dim} higher, and its customers' NPS is higher too"
    else:
        title = f"{first} staff rate {dim} higher, yet {second}'s customers give the higher NPS"
    if not culture_real:
        title = f"{first} and {second} staff rate {dim} much alike"
    figures = [count]
    for dep in (first, second):
        n, mean, low, high = mean_interval(staff[dep])
        figures.append(Figure(f"{dim} score, {dep} staff", mean, "of 5", f"employee survey, {dep} (n = {n:,})",
                              low, high))
    tests = pd.DataFrame({
        "Comparison": [f"{dim}, {first} minus {second} staff", f"NPS, {a_channels} minus {b_channels}"],
        "Result": [f"{points(gap.diff, 2)} (95% range {signed(gap.low, 2)} to {signed(gap.high, 2)})",
                   points(test.diff)],
        "Test": ["Welch t-test", "two-sample z-test"],
        "p-value": [_p(gap.p_value), _p(test.p_value)],
        "In words": [chance(gap.p_value), chance(test.p_value)],
    })
    return LinkResult(table, False, text, pd.DataFrame(columns=["dimension", "rho", "p_value"]),
                      figures=tuple(figures), tests=tests, focus=dim, chart_title=title)


def link_table(result: LinkResult) -> pd.DataFrame:
    """:attr:`LinkResult.table` as a client reads it (scores rounded into words and intervals)."""
    table = result.table
    dims = [c for c in table.columns
            if c not in ("department", "channels", "staff", "responses", "nps", "nps_low",
                         "nps_high", "ces")]
    out = pd.DataFrame({"Department (channels)": [f"{d} ({c})" for d, c in zip(table["department"], table["channels"])],
                        "Staff": table["staff"]})
    for dim in dims:  # one decimal, as the sentences print them
        out[f"{dim} (of 5)"] = [f"{v:.1f}" for v in table[dim]]
    out["Customer answers"] = table["responses"]
    out["NPS"] = [signed(s) for s in table["nps"]]
    out["NPS, 95% range"] = [f"{signed(lo)} to {signed(hi)}" for lo, hi in zip(table["nps_low"], table["nps_high"])]
    if table["ces"].notna().any():
        out["Effort (of 7)"] = ["–" if pd.isna(v) else f"{v:.1f}" for v in table["ces"]]
    return out
