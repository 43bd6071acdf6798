"""NPS by segment, channel or any other grouping, each group tested against the rest.

With many groups some differences look significant by chance, so the p-values are adjusted with
the Benjamini-Hochberg false discovery rate: a group is flagged when its q-value is below alpha.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.stats.multitest import multipletests

from cxlib.metrics.nps import _answered, change_between, nps, nps_from_counts
from cxlib.wording import and_list, points, signed

COLUMNS = ["group", "n", "nps", "low", "high", "rest_nps", "diff", "z", "p_value", "q_value",
           "significant"]


def nps_by_group(
    survey: pd.DataFrame,
    by: str,
    *,
    score_col: str = "nps",
    min_n: int = 30,
    alpha: float = 0.05,
    level: float = 0.95,
) -> pd.DataFrame:
    """NPS per group with its interval, compared with everyone else.

    Parameters
    ----------
    survey : one row per response.
    by : column to group by (e.g. ``"segment"``, ``"channel"``).
    score_col : column with the 0-10 answers; rows missing the score or the group are ignored.
    min_n : groups with fewer answers are left out of the table (they still count in the rest).
    alpha : false discovery rate for the ``significant`` flag.
    level : confidence level of each group's interval.

    Returns
    -------
    pd.DataFrame
        One row per group with ``n >= min_n``, sorted by ``nps`` descending: ``group``, ``n``,
        ``nps``, ``low``, ``high``, ``rest_nps`` (all other answers), ``diff`` (group - rest),
        ``z``, ``p_value`` (two-sample z test, see ``nps.nps_change``), ``q_value``
        (Benjamini-Hochberg across the listed groups) and ``significant`` (``q_value < alpha``).
        When only one group has answers, the rest is empty and the test columns are missing.
    """
    for column in (by, score_col):
        if column not in survey.columns:
            raise ValueError(f"the survey has no column {column!r}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie strictly between 0 and 1; got {alpha}")
    rows = survey[[by, score_col]].dropna()
    if rows.empty:
        raise ValueError(f"no answers with both {by!r} and {score_col!r}")
    values = _answered(rows[score_col]).to_numpy()  # raises on an answer outside 0-10, as nps() would
    # One pass over the answers: each group's answers, promoters and detractors; the rest of a group
    # is the total minus the group, so no group rereads the other groups' rows.
    counts = pd.DataFrame({"group": rows[by].reset_index(drop=True), "n": 1, "promoters": values >= 9,
                           "detractors": values < 7}).groupby("group", observed=True, sort=True).sum()
    total = counts.sum()
    records = []
    for group, row in counts.iterrows():
        n, promoters, detractors = int(row["n"]), int(row["promoters"]), int(row["detractors"])
        if n < min_n:
            continue
        result = nps_from_counts(n, promoters, detractors, level=level)
        rest_n = int(total["n"]) - n
        if rest_n == 0:
            rest_nps = diff = z = p_value = np.nan
        else:
            rest = nps_from_counts(rest_n, int(total["promoters"]) - promoters,
                                   int(total["detractors"]) - detractors)
            test = change_between(rest, result, alpha=alpha)
            rest_nps, diff, z, p_value = test.nps_a, test.diff, test.z, test.p_value
        records.append((group, result.n, result.score, result.low, result.high, rest_nps, diff,
                        z, p_value))
    table = pd.DataFrame(records, columns=COLUMNS[:-2])
    table["q_value"] = np.nan
    tested = table["p_value"].notna()
    if tested.any():
        table.loc[tested, "q_value"] = multipletests(table.loc[tested, "p_value"],
                                                     method="fdr_bh")[1]
    table["significant"] = (table["q_value"] < alpha).astype(bool)
    table["n"] = table["n"].astype(int)
    return table.sort_values("nps", ascending=False, kind="stable").reset_index(drop=True)


def groups_headline(groups: pd.DataFrame, label: str) -> str:
    """One sentence on a :func:`nps_by_group` table: the spread and which groups differ from the
    rest by more than chance (the false-discovery rate is the appendix's business).

    Parameters
    ----------
    groups : the table from :func:`nps_by_group`.
    label : what a group is, in the singular (``"segment"``, ``"channel"``).
    """
    if groups.empty:
        return f"No {label} has enough answers to compare."
    best, worst = groups.iloc[0], groups.iloc[-1]
    spread = (f"NPS ranges from {signed(worst['nps'])} ({worst['group']}) to {signed(best['nps'])} "
              f"({best['group']}) across the {len(groups)} {label}s compared")
    sig = groups[groups["significant"].astype(bool)]
    if sig.empty:
        return spread + f"; no {label} differs from the rest by more than chance."
    parts = [f"{r.group} ({points(r.diff)} against the rest)" for r in sig.itertuples()]
    return spread + "; larger than chance: " + and_list(parts) + "."


@dataclass(frozen=True)
class GroupComparison:
    """NPS per group of one column, compared with the rest (:func:`nps_by_group`)."""

    table: pd.DataFrame
    label: str
    overall: float = float("nan")

    def headline(self) -> str:
        return groups_headline(self.table, self.label)


def group_comparison(survey: pd.DataFrame, by: str, **options) -> GroupComparison:
    """:func:`nps_by_group` as a report section's result, named by the column compared, with the
    NPS of every answer as the reference the groups are read against."""
    return GroupComparison(nps_by_group(survey, by, **options), by, nps(survey["nps"]).score)
