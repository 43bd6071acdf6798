"""Do leaders and the frontline work in the same culture? Scores by level and by department.

A culture is only as customer-obsessed as the people who meet customers believe it is. The gap
between leadership and frontline on each dimension is a Welch difference of means (unequal group
sizes and spreads) with its confidence interval; the item view compares the share of each level
that agrees (4-5) with a statement, with Wilson intervals. The department-by-level breakdown
prints only what :mod:`cxlib.culture.anonymity` allows: hidden groups carry no size and no score.
The sentences say "larger than chance" and give counts; the tests and their ranges are in the
report's appendix (:data:`LEVELS_METHOD`, :meth:`LevelComparison.tests`).
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from cxlib.culture.anonymity import Protection, protect_groups
from cxlib.culture.dimensions import (
    AGREE_FROM,
    DIMENSIONS,
    dimension_scores,
    mean_interval,
    present_items,
    statement,
)
from cxlib.wording import ALPHA, and_list, chance, p_value, percent, points, signed

LEVELS = ("leadership", "manager", "frontline")
LEVEL_LABELS = {"leadership": "Leaders", "manager": "Managers", "frontline": "Frontline"}
ALL = "All levels"
#: The appendix's account of the comparison of leaders and the frontline.
LEVELS_METHOD = (
    "Each dimension's gap is the leaders' mean score minus the frontline's, with a 95% range from "
    "Welch's t-test, which allows for groups of different sizes and spreads; a gap is called larger "
    f"than chance when the test gives p < {ALPHA}. Statement by statement, the share of each level "
    "that agrees (4 or 5) carries a Wilson 95% range. Both levels need at least 30 staff who "
    "answered the culture statements, and a level hidden to protect a small group is left out."
)


@dataclass(frozen=True)
class Gap:
    """Difference of two group means (``a - b``) with a Welch t interval."""

    diff: float
    low: float
    high: float
    p_value: float
    n_a: int
    n_b: int
    mean_a: float
    mean_b: float


def welch_gap(a: pd.Series, b: pd.Series, *, level: float = 0.95) -> Gap:
    """Mean of ``a`` minus mean of ``b`` with the Welch-Satterthwaite t interval and p-value.

    Missing values are ignored; with fewer than two values in a group the interval and p-value
    are NaN.
    """
    x = pd.to_numeric(a, errors="coerce").astype(float).dropna()
    y = pd.to_numeric(b, errors="coerce").astype(float).dropna()
    n1, n2 = len(x), len(y)
    m1 = float(x.mean()) if n1 else np.nan
    m2 = float(y.mean()) if n2 else np.nan
    if n1 < 2 or n2 < 2:
        return Gap(m1 - m2, np.nan, np.nan, np.nan, n1, n2, m1, m2)
    v1, v2 = x.var(ddof=1) / n1, y.var(ddof=1) / n2
    se = math.sqrt(v1 + v2)
    diff = m1 - m2
    if se == 0:
        return Gap(diff, diff, diff, 1.0 if diff == 0 else 0.0, n1, n2, m1, m2)
    df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1))
    half = stats.t.ppf(0.5 + level / 2, df) * se
    p_value = float(2 * stats.t.sf(abs(diff / se), df))
    return Gap(diff, diff - half, diff + half, p_value, n1, n2, m1, m2)


@dataclass(frozen=True)
class LevelGaps:
    """Each dimension by level, and the leadership-minus-frontline gap with its interval."""

    table: pd.DataFrame   # dimension, n_upper, upper, n_lower, lower, gap, low, high, p_value
    levels: pd.DataFrame  # dimension, level, n, mean, low, high (printable levels only)
    upper: str = "leadership"
    lower: str = "frontline"

    def widest(self) -> pd.Series | None:
        """The row of the dimension with the widest gap (by absolute size), None without gaps."""
        rows = self.table.dropna(subset=["gap"])
        if rows.empty:
            return None
        return rows.loc[rows["gap"].abs().idxmax()]

    def title(self) -> str:
        """Action title for the chart of the levels."""
        row = self.widest()
        if row is None:
            return "Leaders and the frontline cannot be compared"
        if abs(row["gap"]) < 0.5:
            return "Leaders and the frontline see much the same culture"
        return f"Leaders and the frontline part ways on {row['dimension']}"

    def headline(self) -> str:
        row = self.widest()
        if row is None:
            return (f"{LEVEL_LABELS.get(self.upper, self.upper)} and "
                    f"{LEVEL_LABELS.get(self.lower, self.lower).lower()} cannot be compared: one of "
                    "the two groups is missing or too small to show.")
        upper = LEVEL_LABELS.get(self.upper, self.upper)
        lower = LEVEL_LABELS.get(self.lower, self.lower).lower()
        high, low = round(float(row["upper"]), 1), round(float(row["lower"]), 1)
        # the gap as the difference of the two printed means, so the sentence adds up
        gap = round(high - low, 1)
        direction = "above" if gap >= 0 else "below"
        others = self.table[self.table["dimension"] != row["dimension"]].dropna(subset=["gap"])
        rest = ""
        if len(others):
            gaps = [signed(round(a, 1) - round(b, 1), 1) for a, b in zip(others["upper"], others["lower"])]
            rest = (f"; on {and_list(list(others['dimension']))} the "
                    f"{'gaps are' if len(others) > 1 else 'gap is'} smaller ({and_list(gaps)} points)")
        return (f"{upper} rate {row['dimension']} {abs(gap):.1f} points {direction} the {lower}: {high:.1f} "
                f"against {low:.1f} out of 5, from {int(row['n_upper']):,} {upper.lower()} and "
                f"{int(row['n_lower']):,} {lower} staff, a gap {chance(row['p_value'])}{rest}.")


def level_gaps(scores: pd.DataFrame, dimensions: Sequence[str], *,
               protection: Protection | None = None, upper: str = "leadership",
               lower: str = "frontline", level: float = 0.95) -> LevelGaps:
    """Mean of each dimension per level and the gap between two levels.

    Parameters
    ----------
    scores : :func:`cxlib.culture.dimensions.dimension_scores` output.
    dimensions : the dimension columns to compare.
    protection : department-by-level protection; a level whose total is hidden is left out.
    upper, lower : the levels compared (gap = upper - lower).
    """
    printable = [lv for lv in LEVELS if lv in set(scores["level"])]
    printable += sorted(set(scores["level"]) - set(LEVELS))
    if protection is not None:
        printable = [lv for lv in printable if lv not in protection.hidden_columns.index
                     or protection.column_visible(lv)]
    levels, gaps = [], []
    for dim in dimensions:
        for lv in printable:
            n, mean, low, high = mean_interval(scores.loc[scores["level"] == lv, dim], level)
            levels.append((dim, lv, n, mean, low, high))
        if upper in printable and lower in printable:
            gap = welch_gap(scores.loc[scores["level"] == upper, dim],
                            scores.loc[scores["level"] == lower, dim], level=level)
            gaps.append((dim, gap.n_a, gap.mean_a, gap.n_b, gap.mean_b, gap.diff, gap.low,
                         gap.high, gap.p_value))
        else:
            gaps.append((dim, 0, np.nan, 0, np.nan, np.nan, np.nan, np.nan, np.nan))
    return LevelGaps(
        table=pd.DataFrame(gaps, columns=["dimension", "n_upper", "upper", "n_lower", "lower",
                                          "gap", "low", "high", "p_value"]),
        levels=pd.DataFrame(levels, columns=["dimension", "level", "n", "mean", "low", "high"]),
        upper=upper, lower=lower)


def item_agreement(employees: pd.DataFrame, dimensions: Mapping[str, Sequence[str]], *,
                   groups: Sequence[str] = ("leadership", "frontline"), by: str = "level",
                   level: float = 0.95) -> pd.DataFrame:
    """Share of each group that agrees (4-5) with each statement, with Wilson intervals.

    Returns
    -------
    pd.DataFrame
        dimension, item, statement, then per group ``n_<group>``, ``<group>`` (share 0-1),
        ``<group>_low``, ``<group>_high``; and ``gap`` (first group minus second, in points of
        percentage). Sorted by dimension order, then by gap, widest first.
    """
    rows = []
    for dim, items in dimensions.items():
        for item in items:
            if item not in employees.columns:
                continue
            row = {"dimension": dim, "item": item, "statement": statement(item)}
            for g in groups:
                answers = employees.loc[employees[by] == g, item].astype("Float64").astype(float)
                answers = answers.dropna()
                n, agree = len(answers), int((answers >= AGREE_FROM).sum())
                row[f"n_{g}"] = n
                if n:
                    low, high = proportion_confint(agree, n, alpha=1 - level, method="wilson")
                    row[g], row[f"{g}_low"], row[f"{g}_high"] = agree / n, float(low), float(high)
                else:
                    row[g] = row[f"{g}_low"] = row[f"{g}_high"] = np.nan
            row["gap"] = 100 * (row[groups[0]] - row[groups[-1]])
            rows.append(row)
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    order = {dim: i for i, dim in enumerate(dimensions)}
    table["_order"] = table["dimension"].map(order)
    return (table.sort_values(["_order", "gap"], ascending=[True, False], kind="stable")
            .drop(columns="_order").reset_index(drop=True))


def breakdown(scores: pd.DataFrame, dimensions: Sequence[str], protection: Protection,
              *, rows: str = "department", columns: str = "level") -> pd.DataFrame:
    """Mean score of every printable group of a rows-by-columns breakdown, totals included.

    Parameters
    ----------
    scores : :func:`cxlib.culture.dimensions.dimension_scores` output.
    dimensions : dimension columns.
    protection : :func:`cxlib.culture.anonymity.protect_groups` of the same respondents.

    Returns
    -------
    pd.DataFrame
        long frame: ``rows`` (e.g. department, or "All departments"), ``columns`` (a level, or
        :data:`ALL`), dimension, n, mean, hidden. A hidden group has n and mean missing; the
        groups come in the protection's order, totals last.
    """
    counts = protection.counts
    records = []
    row_keys = [*counts.index, "All"]
    col_keys = [*counts.columns, "All"]
    for r in row_keys:
        for c in col_keys:
            if r == "All" and c == "All":
                hidden = protection.hidden_total
                mask = pd.Series(True, index=scores.index)
            elif r == "All":
                hidden = not protection.column_visible(c)
                mask = scores[columns] == c
            elif c == "All":
                hidden = not protection.row_visible(r)
                mask = scores[rows] == r
            else:
                hidden = not protection.cell_visible(r, c)
                mask = (scores[rows] == r) & (scores[columns] == c)
            for dim in dimensions:
                n = int(mask.sum())
                mean = float(scores.loc[mask, dim].mean()) if n else np.nan
                records.append((f"All {rows}s" if r == "All" else r, ALL if c == "All" else c, dim,
                                np.nan if hidden else n, np.nan if hidden else mean, hidden))
    return pd.DataFrame(records, columns=[rows, columns, "dimension", "n", "mean", "hidden"])


def widest_statement_title(items: pd.DataFrame) -> str:
    """Action title naming the statement on which the two groups of :func:`item_agreement` differ
    most."""
    rows = items.dropna(subset=["gap"]) if len(items) else items
    if rows.empty:
        return "Leaders and the frontline cannot be compared statement by statement"
    row = rows.loc[rows["gap"].abs().idxmax()]
    return f"The widest split: \u201c{row['statement']}\u201d ({points(row['gap'])})"


def widest_statement_headline(items: pd.DataFrame, groups: Sequence[str] = ("leadership", "frontline")
                              ) -> str:
    """One sentence on the statement where two groups of :func:`item_agreement` differ most."""
    first, second = groups
    rows = items.dropna(subset=["gap"]) if len(items) else items
    if rows.empty:
        return "No statement was answered by both groups."
    row = rows.loc[rows["gap"].abs().idxmax()]
    a, b = (_NOUNS.get(g, LEVEL_LABELS.get(g, g).lower()) for g in (first, second))
    return (f"{percent(row[first])} of {int(row[f'n_{first}']):,} {a} but {percent(row[second])} of "
            f"{int(row[f'n_{second}']):,} {b} agree that \u201c{row['statement']}\u201d.")


_NOUNS = {"leadership": "leaders", "manager": "managers", "frontline": "frontline staff"}


def gap_by_group(table: pd.DataFrame, dimension: str, *, rows: str = "department",
                 columns: str = "level", upper: str = "leadership", lower: str = "frontline"
                 ) -> pd.DataFrame:
    """Per printable row of a :func:`breakdown`, the upper level's mean minus the lower level's.

    Returns
    -------
    pd.DataFrame
        ``rows``, upper, lower, gap: only rows (totals excluded) where both cells are printable.
    """
    data = table[(table["dimension"] == dimension) & ~table["hidden"]]
    wide = data.pivot_table(index=rows, columns=columns, values="mean", aggfunc="first")
    if upper not in wide or lower not in wide:
        return pd.DataFrame(columns=[rows, "upper", "lower", "gap"])
    both = wide[[upper, lower]].dropna()
    both = both[~both.index.astype(str).str.startswith("All ")]
    out = pd.DataFrame({"upper": both[upper], "lower": both[lower]})
    out["gap"] = out["upper"] - out["lower"]
    return out.reset_index()


def consistency_title(table: pd.DataFrame, dimension: str) -> str:
    """Action title: in how many departments leaders rate ``dimension`` above the frontline."""
    gaps = gap_by_group(table, dimension)
    if gaps.empty:
        return f"{dimension} by department and level"
    above = int((gaps["gap"] > 0).sum())
    if above == len(gaps):
        return (f"Leaders rate {dimension} above the frontline in all {len(gaps)} departments "
                "that can be shown")
    return (f"Leaders rate {dimension} above the frontline in {above} of {len(gaps)} departments "
            "that can be shown")


def staff_protection(employees: pd.DataFrame) -> Protection:
    """The department-by-level protection every exhibit of the step shares, levels in their order.

    One protection for all exhibits, so that no number hidden in one can be read off another.
    """
    return protect_groups(employees, "department", "level", column_order=LEVELS)


@dataclass(frozen=True)
class LevelComparison:
    """Leaders against the frontline: each dimension (:class:`LevelGaps`) and each statement."""

    gaps: LevelGaps
    items: pd.DataFrame  # item_agreement of leadership and frontline

    def title(self) -> str:
        """Action title for the dimensions chart."""
        return self.gaps.title()

    def items_title(self) -> str:
        """Action title for the statements chart."""
        return widest_statement_title(self.items)

    def headline(self) -> str:
        """The widest dimension gap, then the statement the two levels split on most."""
        text = self.gaps.headline()
        if len(self.items) and self.items["gap"].notna().any():
            text += " " + widest_statement_headline(self.items)
        return text

    def tests(self) -> pd.DataFrame:
        """The test behind each dimension's "larger than chance", as the appendix prints it."""
        rows = self.gaps.table.dropna(subset=["gap"])
        upper = LEVEL_LABELS.get(self.gaps.upper, self.gaps.upper)
        lower = LEVEL_LABELS.get(self.gaps.lower, self.gaps.lower)
        return pd.DataFrame({
            "Dimension": rows["dimension"],
            f"{upper} (of 5)": [f"{v:.1f}" for v in rows["upper"]],
            f"{lower} (of 5)": [f"{v:.1f}" for v in rows["lower"]],
            "Gap": [signed(v, 2) for v in rows["gap"]],
            "95% range (Welch)": [f"{signed(lo, 2)} to {signed(hi, 2)}" for lo, hi in zip(rows["low"], rows["high"])],
            "p-value": [p_value(p).removeprefix("p = ").replace("p < ", "below ") for p in rows["p_value"]],
            "In words": [chance(p) for p in rows["p_value"]],
        })


def compare_levels(employees: pd.DataFrame, dimensions: Mapping[str, Sequence[str]] | None = None
                   ) -> LevelComparison:
    """Leaders against the frontline on each culture dimension and statement.

    Parameters
    ----------
    employees : the employees dataset (``level`` and the culture statements).
    dimensions : dimension -> statements; the contract's three by default.

    Returns
    -------
    LevelComparison
        :func:`level_gaps` under the department-by-level protection, and :func:`item_agreement`.
    """
    dimensions = DIMENSIONS if dimensions is None else dimensions
    items = present_items(employees, dimensions)
    scores = dimension_scores(employees, dimensions)
    gaps = level_gaps(scores, list(items), protection=staff_protection(employees))
    return LevelComparison(gaps, item_agreement(employees, items))


@dataclass(frozen=True)
class DepartmentView:
    """Every printable department-by-level group's scores, and what anonymity hid."""

    table: pd.DataFrame      # breakdown(): department, level, dimension, n, mean, hidden
    protection: Protection
    focus: str               # the dimension the title reads

    def table_title(self) -> str:
        """Action title for the department heatmap."""
        return consistency_title(self.table, self.focus)

    def hidden_groups(self) -> int:
        """Groups hidden, because they are small or would reveal a small one."""
        return len(self.protection.primary()) + len(self.protection.complementary())

    def headline(self) -> str:
        """In how many departments leaders see the focus dimension above the frontline; what is hidden."""
        gaps = gap_by_group(self.table, self.focus)
        if gaps.empty:
            lead = (f"No department shows both its leaders and its frontline, so {self.focus} cannot be "
                    "compared within a department.")
        else:
            above = int((gaps["gap"] > 0).sum())
            share = f"all {len(gaps)}" if above == len(gaps) else f"{above} of {len(gaps)}"
            lead = (f"Leaders rate {self.focus} above their own frontline in {share} "
                    f"department{'s' if len(gaps) != 1 else ''} where both can be shown.")
        return f"{lead} {self.protection.headline()}"


def department_view(employees: pd.DataFrame, dimensions: Mapping[str, Sequence[str]] | None = None
                    ) -> DepartmentView:
    """Each department's dimension scores by level, with small groups hidden.

    Parameters
    ----------
    employees : the employees dataset (``department``, ``level`` and the culture statements).
    dimensions : dimension -> statements; the contract's three by default.

    Returns
    -------
    DepartmentView
        :func:`breakdown` under :func:`staff_protection`, read on the dimension with the widest
        leaders-frontline gap (the first dimension when the two levels cannot be compared).
    """
    dimensions = DIMENSIONS if dimensions is None else dimensions
    dims = list(present_items(employees, dimensions))
    scores = dimension_scores(employees, dimensions)
    protection = staff_protection(employees)
    widest = level_gaps(scores, dims, protection=protection).widest()
    return DepartmentView(breakdown(scores, dims, protection), protection,
                          dims[0] if widest is None else str(widest["dimension"]))
