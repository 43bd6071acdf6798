"""Moments of truth: the touchpoints whose bad experiences go with the lowest NPS.

Each surveyed customer counts once, with their latest NPS answer, and only the touchpoints they
rated *before* giving it (an experience afterwards cannot have moved the answer). For every
touchpoint the customers who rated it are split in two: those who had at least one bad experience
there (satisfaction 1-2 of 5) and the rest. The gap is the NPS of the rest minus the NPS of the
bad group, with a 95% interval from the variance of a difference of two NPS (see
:func:`cxlib.metrics.nps.nps_change`); touchpoints are tested together with a Benjamini-Hochberg
false discovery rate. The same split on effort (at least one rating of 6-7 of 7) is shown beside
it. A gap is an association, not proof of cause: it says where to look first.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

from cxlib.journey.mapping import STAGES
from cxlib.report.verdict import Figure, Finding, theme_of
from cxlib.wording import ALPHA, p_value, signed

MIN_GROUP = 30  # customers on each side of a touchpoint's split before its NPS gap is tested
FIX_FIRST_FORMATS = {"Customers": "{:,.0f}", "NPS at stake": "{:.1f}"}

COLUMNS = ["stage", "touchpoint", "customers", "bad", "bad_share", "nps_bad", "nps_rest", "gap",
           "low", "high", "p_value", "q_value", "significant", "at_stake", "high_effort",
           "nps_high_effort", "nps_low_effort", "effort_gap", "effort_low", "effort_high"]


def stated_gap(row: pd.Series) -> int:
    """A touchpoint's gap as a report states it: the rest's NPS less the bad group's, both first
    rounded, so "−32 against +48, a gap of 80" adds up."""
    if pd.isna(row.get("nps_rest")) or pd.isna(row.get("nps_bad")):
        return int(round(row["gap"]))
    return int(round(row["nps_rest"]) - round(row["nps_bad"]))


def latest_nps(survey: pd.DataFrame) -> pd.DataFrame:
    """Each customer's latest answered NPS: customer_id, answered_at, nps.

    Parameters
    ----------
    survey : responses (customer_id, responded_at, nps); unanswered NPS is ignored, ties in
        time go to the row that comes last in the survey.
    """
    rows = survey[survey["nps"].notna()].assign(
        answered_at=pd.to_datetime(survey["responded_at"]), _row=np.arange(len(survey))[
            survey["nps"].notna().to_numpy()])
    latest = (rows.sort_values(["answered_at", "_row"], kind="stable")
              .drop_duplicates("customer_id", keep="last"))
    return latest[["customer_id", "answered_at", "nps"]].astype({"nps": float}).reset_index(drop=True)


def rated_before(journey: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """The touchpoint events each customer rated before their latest NPS answer, with that answer.

    Parameters
    ----------
    journey : touchpoint events (customer_id, occurred_at, stage, touchpoint, satisfaction,
        effort; a rating column may be absent).
    answers : :func:`latest_nps` of the survey.
    """
    events = journey.merge(answers, on="customer_id", how="inner")
    events = events[pd.to_datetime(events["occurred_at"]) < events["answered_at"]]
    events = events.assign(**{c: pd.to_numeric(events[c], errors="coerce").astype(float) if c in events
                              else np.nan for c in ("satisfaction", "effort")})
    return events[events["satisfaction"].notna() | events["effort"].notna()]


def testable_touchpoints(journey: pd.DataFrame, survey: pd.DataFrame, *, bad_satisfaction: int = 2,
                         min_group: int = MIN_GROUP) -> int:
    """How many touchpoints have ``min_group`` linked customers who rated them badly and as many who did not."""
    if not {"customer_id", "responded_at", "nps"} <= set(survey.columns):
        return 0
    events = rated_before(journey, latest_nps(survey.dropna(subset=["customer_id"])))
    worst = events.dropna(subset=["satisfaction"]).groupby(["stage", "touchpoint", "customer_id"])[
        "satisfaction"].min()
    bad = (worst <= bad_satisfaction).groupby(level=["stage", "touchpoint"]).agg(["sum", "size"])
    return int(((bad["sum"] >= min_group) & (bad["size"] - bad["sum"] >= min_group)).sum())


def _gap(bad: pd.Series, rest: pd.Series, z: float) -> tuple[float, float, float, float, float, float]:
    """(nps_bad, nps_rest, gap, low, high, p_value) with gap = rest - bad, in points."""
    # imported here: cxlib.metrics builds on cxlib.sections, whose step-3 rules build on this module
    from cxlib.metrics.nps import nps_change

    # nps_change scores both groups (and checks their answers); the interval needs each group's
    # promoters and detractors, counted here rather than by scoring both groups a second time
    test = nps_change(bad, rest)
    variance = 0.0
    for answers in (bad.dropna(), rest.dropna()):
        n = len(answers)
        p, d = int((answers >= 9).sum()) / n, int((answers < 7).sum()) / n
        variance += (p + d - (p - d) ** 2) / n
    gap = test.nps_b - test.nps_a
    half = 100 * z * math.sqrt(variance)
    return test.nps_a, test.nps_b, gap, gap - half, gap + half, test.p_value


@dataclass(frozen=True)
class MomentsOfTruth:
    """Touchpoints ranked by how far NPS falls when they go badly (``table``, columns
    :data:`COLUMNS`)."""

    table: pd.DataFrame
    customers: int  # surveyed customers with a latest NPS answer
    linked: int     # of them, with at least one rated touchpoint before that answer
    min_group: int
    map_note: str | None = None  # :meth:`unflagged_by_averages` of the journey map, when given

    @property
    def tested(self) -> pd.DataFrame:
        """Touchpoints with enough customers in both groups, largest gap first."""
        return self.table[self.table["p_value"].notna()].reset_index(drop=True)

    def fix_first(self, top: int = 6) -> pd.DataFrame:
        """The tested touchpoints, largest gap first, as a client reads them."""
        rows = self.tested.head(top)
        return pd.DataFrame({
            "Touchpoint": rows["touchpoint"].to_numpy(),
            "Customers": rows["customers"].to_numpy(),
            "Rated 1-2": [f"{s:.0f}%" for s in rows["bad_share"]],
            "NPS if 1-2": [signed(v) for v in rows["nps_bad"]],
            "NPS if not": [signed(v) for v in rows["nps_rest"]],
            # non-breaking spaces keep the range on one line
            "Gap, points (95% range)": [f"{stated_gap(r)}\u00a0({signed(r['low']).lstrip('+')}\u00a0to\u00a0"
                                        f"{signed(r['high']).lstrip('+')})" for _, r in rows.iterrows()],
            "Larger than chance": rows["significant"].to_numpy(),
            "NPS at stake": rows["at_stake"].to_numpy(),
        })

    def title(self) -> str:
        """An action title for the moments-of-truth exhibit."""
        top = self.worst()
        if top is None:
            return "No touchpoint's failure goes with a lower NPS beyond chance"
        return f"A bad {top['touchpoint']} goes with an NPS {stated_gap(top)} points lower"

    def compared(self, worst: pd.Series) -> str:
        """Where the worst gap stands among those compared: 'the largest of the 10 touchpoint gaps
        compared' (or of those larger than chance, when a larger gap is not)."""
        tested = self.tested
        if len(tested) == 1:
            return "the only touchpoint with enough customers to compare"
        if tested.iloc[0]["touchpoint"] == worst["touchpoint"] and tested.iloc[0]["stage"] == worst["stage"]:
            return f"the largest of the {len(tested)} touchpoint gaps compared"
        beyond = int(tested["significant"].sum())
        return (f"the largest of the {beyond} gaps larger than chance among the {len(tested)} touchpoints "
                "compared")

    def unflagged_by_averages(self, journey_map) -> str | None:
        """A sentence when the worst moment of truth is not a hot spot of the journey map.

        Parameters
        ----------
        journey_map : :class:`cxlib.journey.mapping.JourneyMap` of the same events.
        """
        top = self.worst()
        if top is None:
            return None
        rows = journey_map.table[(journey_map.table["stage"] == top["stage"])
                                 & (journey_map.table["touchpoint"] == top["touchpoint"])]
        if rows.empty or bool(rows.iloc[0]["hot_spot"]):
            return None
        row = rows.iloc[0]
        means = [f"mean satisfaction {row['satisfaction']:.1f} of 5"] if pd.notna(row["satisfaction"]) else []
        means += [f"effort {row['effort']:.1f} of 7"] if pd.notna(row["effort"]) else []
        return f"Averages alone would miss it: it is not a hot spot of the journey map ({', '.join(means)})."

    def worst(self) -> pd.Series | None:
        """The touchpoint with the largest significant gap, or None."""
        rows = self.tested[self.tested["significant"]]
        return None if rows.empty else rows.iloc[0]

    def finding(self, journey_map=None) -> Finding:
        """The worst moment of truth as step 3 states it, with its figures; ``journey_map`` (of the
        same events) adds that its averages would miss it, when they would."""
        source = "cxlib.journey.moments.moments_of_truth"
        linked = f"survey answers linked to rated touchpoints (n = {self.linked:,})"
        worst = self.worst()
        if worst is None:
            return Finding(f"No touchpoint's failure goes with a lower NPS beyond chance among the {self.linked:,} "
                           "customers whose ratings could be linked.",
                           (Figure("customers linked to their touchpoint ratings", self.linked, "customers", linked),),
                           source, "journey")
        name, n, bad = worst["touchpoint"], int(worst["customers"]), int(worst["bad"])
        text = (f"Customers who rated {name} 1-2 of 5 ({bad:,} of {n:,}) gave an NPS of {signed(worst['nps_bad'])} "
                f"against {signed(worst['nps_rest'])} for the rest, a gap of {stated_gap(worst)} points: "
                f"{self.compared(worst)}")
        figures = [Figure(f"NPS, customers who rated {name} 1-2 of 5", worst["nps_bad"], "points",
                          f"{linked}, rated {name} 1-2 (n = {bad:,})"),
                   Figure(f"NPS, customers who rated {name} 3-5 of 5", worst["nps_rest"], "points",
                          f"{linked}, rated {name} 3-5 (n = {n - bad:,})"),
                   Figure(f"NPS gap when {name} goes badly", stated_gap(worst), "points",
                          f"{linked}, rated {name} (n = {n:,})", worst["low"], worst["high"])]
        if journey_map is not None and self.unflagged_by_averages(journey_map):
            text += ", though its average ratings do not make it a hot spot"
        return Finding(text + ".", tuple(figures), source, theme_of(name))

    def headline(self) -> str:
        top = self.worst()
        if top is None:
            return (f"No touchpoint's failure goes with a lower NPS beyond chance (of {self.linked:,} customers whose "
                    "touchpoint ratings could be linked to their NPS answer).")
        rest = int(top["customers"] - top["bad"])
        text = (f"{top['touchpoint']} ({top['stage']}): the {int(top['bad']):,} customers who rated it 1-2 of 5 "
                f"gave an NPS of {signed(top['nps_bad'])} "
                f"against {signed(top['nps_rest'])} for the other {rest:,}, a gap of {stated_gap(top)} points, "
                f"{self.compared(top)}")
        second = self.tested[self.tested["significant"]].iloc[1:2]
        if len(second):
            text += f"; next is {second.iloc[0]['touchpoint']} ({stated_gap(second.iloc[0])} points)"
        return text + "." + (f" {self.map_note}" if self.map_note else "")

    def method_note(self) -> str:
        """The test behind "larger than chance", for the appendix, with the worst gaps' p-values."""
        tested = self.tested
        text = (f"**Moments of truth.** For each touchpoint that at least {self.min_group} linked customers rated "
                f"1-2 of 5 and as many rated 3-5, the NPS of the two groups is compared with a two-sample z test "
                f"of the difference of two NPS, and its 95% range comes from the same variance. The "
                f"{len(tested)} touchpoints compared are tested together at a {ALPHA:.0%} false discovery rate "
                "(Benjamini-Hochberg), so one large gap among many on few customers does not pass for a finding.")
        shown = tested[tested["significant"]].head(3)
        if len(shown):
            text += " " + "; ".join(f"{r.touchpoint}: {p_value(r.p_value)}" for r in shown.itertuples()) + "."
        return text


def moments_of_truth(journey: pd.DataFrame, survey: pd.DataFrame, *, bad_satisfaction: int = 2,
                     high_effort: int = 6, min_group: int = MIN_GROUP, alpha: float = 0.05,
                     level: float = 0.95, journey_map=None) -> MomentsOfTruth:
    """Rank touchpoints by the NPS gap between customers with a bad and a fine experience there.

    Parameters
    ----------
    journey : touchpoint events (customer_id, occurred_at, stage, touchpoint, satisfaction,
        effort).
    survey : responses (customer_id, responded_at, nps).
    bad_satisfaction : a rating at or below this is a bad experience.
    high_effort : an effort rating at or above this is a high-effort experience.
    min_group : a touchpoint is tested only when both groups have at least this many customers.
    alpha : false discovery rate across the tested touchpoints.
    level : confidence level of the gap's interval.
    journey_map : optional :class:`cxlib.journey.mapping.JourneyMap` of the same events; when the
        worst moment of truth is not one of its hot spots, the headline says so.

    Returns
    -------
    MomentsOfTruth
        ``table`` has one row per touchpoint rated by at least one linked customer, tested
        touchpoints first by gap (largest first): ``customers`` (who rated its satisfaction),
        ``bad`` and ``bad_share`` (% of them), ``nps_bad``, ``nps_rest``, ``gap`` with ``low`` and
        ``high``, ``p_value``, ``q_value``, ``significant``, ``at_stake`` (points of the overall
        NPS of all surveyed customers lost to the gap: bad / surveyed customers x gap), and the
        effort split: ``high_effort`` (customers), ``nps_high_effort``, ``nps_low_effort``,
        ``effort_gap``, ``effort_low``, ``effort_high``. Untested cells are NaN.
    """
    z = float(stats.norm.ppf(0.5 + level / 2))
    answers = latest_nps(survey.dropna(subset=["customer_id"]))
    rated = rated_before(journey, answers)
    # one pass over the events: each customer's worst satisfaction and hardest effort per touchpoint
    customers = rated.groupby(["stage", "touchpoint", "customer_id"], sort=True).agg(
        worst=("satisfaction", "min"), hardest=("effort", "max"), nps=("nps", "first"))
    rows = []
    for (stage, touchpoint), per in customers.groupby(level=["stage", "touchpoint"], sort=True):
        sat = per[per["worst"].notna()]
        bad = sat["worst"] <= bad_satisfaction
        row = dict.fromkeys(COLUMNS, math.nan)
        row.update(stage=stage, touchpoint=touchpoint, customers=len(sat), bad=int(bad.sum()),
                   bad_share=100 * bad.mean() if len(sat) else math.nan, significant=False)
        if bad.sum() >= min_group and (~bad).sum() >= min_group:
            nps_bad, nps_rest, gap, low, high, p = _gap(sat.loc[bad, "nps"], sat.loc[~bad, "nps"], z)
            row.update(nps_bad=nps_bad, nps_rest=nps_rest, gap=gap, low=low, high=high, p_value=p,
                       at_stake=bad.sum() / len(answers) * gap)
        eff = per[per["hardest"].notna()]
        hard = eff["hardest"] >= high_effort
        row["high_effort"] = int(hard.sum())
        if hard.sum() >= min_group and (~hard).sum() >= min_group:
            nps_hard, nps_easy, gap, low, high, _ = _gap(eff.loc[hard, "nps"], eff.loc[~hard, "nps"], z)
            row.update(nps_high_effort=nps_hard, nps_low_effort=nps_easy, effort_gap=gap,
                       effort_low=low, effort_high=high)
        rows.append(row)
    table = pd.DataFrame(rows, columns=COLUMNS)
    tested = table["p_value"].notna()
    if tested.any():
        table.loc[tested, "q_value"] = multipletests(table.loc[tested, "p_value"], method="fdr_bh")[1]
    table["significant"] = (table["q_value"] < alpha) & (table["gap"] > 0)
    order = table["stage"].map({s: i for i, s in enumerate(STAGES)})
    table = (table.assign(_tested=tested, _order=order)
             .sort_values(["_tested", "gap", "_order"], ascending=[False, False, True],
                          kind="stable", na_position="last")
             .drop(columns=["_tested", "_order"]).reset_index(drop=True))
    for column in ("customers", "bad", "high_effort"):
        table[column] = table[column].astype(int)
    result = MomentsOfTruth(table=table, customers=len(answers),
                            linked=int(rated["customer_id"].nunique()), min_group=min_group)
    if journey_map is None:
        return result
    return replace(result, map_note=result.unflagged_by_averages(journey_map))
