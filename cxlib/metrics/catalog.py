"""Metric catalog audit: which metrics were "set and forget"?

A metric earns its place when it is tied to a SMART goal (a numeric target and a due date), has an
owner, is reviewed and is actually looked at. Metrics that fail any of these are reporting
overhead: the audit lists them with the reasons, worst first.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

_COLUMNS = [
    "metric", "owner", "cadence", "linked_goal", "smart_goal", "has_owner",
    "days_since_review", "dashboard_views_90d", "issues", "set_and_forget", "in_use",
]
#: A metric not reviewed for more days than this is stale.
STALE_DAYS = 90
#: A metric viewed fewer times than this in 90 days (the catalog's dashboard_views_90d) is unused.
MIN_VIEWS = 10
#: What "in use" means, in the words the score rule and the findings use.
IN_USE_RULE = f"owned, reviewed within {STALE_DAYS} days and viewed at least {MIN_VIEWS} times in 90 days"


def _key(value) -> str | None:
    """Goal names compare case- and whitespace-insensitively ('Lift NPS ' == 'lift nps')."""
    return " ".join(value.split()).casefold() if isinstance(value, str) and value.strip() else None


def _smart_goal_names(goals: pd.DataFrame) -> set[str]:
    """Keys of the goals that have a numeric target and a due date."""
    if goals is None or goals.empty:
        return set()
    target = pd.to_numeric(goals["target"], errors="coerce")
    due = pd.to_datetime(goals["due"], errors="coerce")
    smart = goals.loc[(target.notna() & due.notna()).to_numpy(dtype=bool), "goal"]
    return {k for k in map(_key, smart) if k}


def _issues(smart: bool, has_owner: bool, days: float, views: float, *, stale_days: int,
            min_views: int) -> list[str]:
    issues = []
    if not smart:
        issues.append("no SMART goal")
    if not has_owner:
        issues.append("no owner")
    if np.isnan(days):
        issues.append("never reviewed")
    elif days > stale_days:
        issues.append(f"not reviewed in {stale_days} days")
    if np.isnan(views):
        issues.append("views not tracked")
    elif views < min_views:
        issues.append(f"{views:,.0f} view{'' if views == 1 else 's'} in 90 days")
    return issues


def audit_catalog(
    metrics: pd.DataFrame,
    goals: pd.DataFrame,
    *,
    as_of: pd.Timestamp,
    stale_days: int = STALE_DAYS,
    min_views: int = MIN_VIEWS,
) -> pd.DataFrame:
    """Audit every catalog metric for goal, owner, review age and use.

    Parameters
    ----------
    metrics : the ``metrics`` dataset (metric, definition, owner?, cadence, linked_goal?, target?,
        last_reviewed?, dashboard_views_90d).
    goals : goal, metric, target, due (the client's goals, e.g. from client.yml).
    as_of : date the review age is measured at (the end of the engagement period).
    stale_days : a metric not reviewed for more days than this is stale.
    min_views : a metric viewed fewer times in 90 days than this is unused.

    Returns
    -------
    pd.DataFrame
        One row per catalog metric: metric, owner, cadence, linked_goal, smart_goal (linked_goal
        names a goal with a numeric target and a due date), has_owner, days_since_review (NaN if
        never reviewed), dashboard_views_90d, issues ('; '-joined, '' when none),
        set_and_forget (any issue) and in_use (has an owner, reviewed within ``stale_days`` and
        viewed at least ``min_views`` times: the goal does not count, so a metric without a SMART
        goal can still be in use). Sorted by number of issues, most first; ties keep catalog order.
    """
    frame = metrics.reset_index(drop=True)
    n = len(frame)

    def column(name: str) -> pd.Series:
        # owner?, linked_goal?, last_reviewed? are optional: absent means empty.
        return frame[name] if name in frame.columns else pd.Series([None] * n, dtype=object)

    smart_names = _smart_goal_names(goals)
    linked = column("linked_goal")
    smart = np.array([_key(g) in smart_names for g in linked], dtype=bool)
    owner = column("owner")
    has_owner = np.array([isinstance(o, str) and bool(o.strip()) for o in owner], dtype=bool)
    reviewed = pd.to_datetime(column("last_reviewed"), errors="coerce")
    days = ((pd.Timestamp(as_of) - reviewed).dt.days).astype(float).to_numpy()
    views = pd.to_numeric(column("dashboard_views_90d"), errors="coerce").astype(float).to_numpy()

    issue_lists = [
        _issues(s, o, d, v, stale_days=stale_days, min_views=min_views)
        for s, o, d, v in zip(smart, has_owner, days, views)
    ]
    table = pd.DataFrame({
        "metric": frame["metric"].to_numpy(),
        "owner": owner.to_numpy(),
        "cadence": column("cadence").to_numpy(),
        "linked_goal": linked.to_numpy(),
        "smart_goal": smart,
        "has_owner": has_owner,
        "days_since_review": days,
        "dashboard_views_90d": views,
        "issues": ["; ".join(i) for i in issue_lists],
        "set_and_forget": np.array([bool(i) for i in issue_lists], dtype=bool),
        # NaN review age or views (never reviewed, not tracked) compare False: not in use
        "in_use": has_owner & (days <= stale_days) & (views >= min_views),
    }, columns=_COLUMNS)
    n_issues = pd.Series([len(i) for i in issue_lists])
    order = n_issues.sort_values(ascending=False, kind="stable").index
    return table.loc[order].reset_index(drop=True)


def catalog_headline(table: pd.DataFrame) -> str:
    """One sentence on an :func:`audit_catalog` table: how many metrics steer nothing, and why."""
    if table.empty:
        return "The metric catalog is empty."
    forgotten = int(table["set_and_forget"].sum())
    no_goal = int((~table["smart_goal"].astype(bool)).sum())
    no_owner = int((~table["has_owner"].astype(bool)).sum())
    are, have = ("is" if no_goal == 1 else "are"), ("has" if no_owner == 1 else "have")
    return (f"{forgotten} of {len(table)} catalog metrics are 'set and forget': {no_goal} {are} not tied "
            f"to a SMART goal and {no_owner} {have} no owner.")


@dataclass(frozen=True)
class CatalogAudit:
    """The metric catalog audited: one row per metric (:func:`audit_catalog`)."""

    table: pd.DataFrame

    def headline(self) -> str:
        return catalog_headline(self.table)

    def shown(self) -> pd.DataFrame:
        """The table a client reads, most issues first: metric, owner and what is wrong, with the review
        age and the views in the sentence where they are the problem ("last reviewed 259 days ago")."""
        return pd.DataFrame({
            "Metric": self.table["metric"].to_numpy(),
            "Owner": self.table["owner"].to_numpy(),
            "What is missing": [_shown_issues(row) for row in self.table.itertuples()],
        })


def _shown_issues(row, *, stale_days: int = STALE_DAYS, min_views: int = MIN_VIEWS) -> str:
    """One metric's issues with their numbers: "no SMART goal; no owner; last reviewed 259 days ago;
    6 views in 90 days"; "–" for none."""
    issues = [] if row.smart_goal else ["no SMART goal"]
    if not row.has_owner:
        issues.append("no owner")
    if np.isnan(row.days_since_review):
        issues.append("never reviewed")
    elif row.days_since_review > stale_days:
        issues.append(f"last reviewed {row.days_since_review:,.0f} days ago")
    if np.isnan(row.dashboard_views_90d):
        issues.append("views not tracked")
    elif row.dashboard_views_90d < min_views:
        views = row.dashboard_views_90d
        issues.append(f"{views:,.0f} view{'' if views == 1 else 's'} in 90 days")
    return "; ".join(issues) or "–"


def catalog_audit(metrics: pd.DataFrame, goals: pd.DataFrame, *, as_of) -> CatalogAudit:
    """:func:`audit_catalog` as a report section's result."""
    return CatalogAudit(audit_catalog(metrics, goals, as_of=as_of))
