"""Step 7's verdict on the client's CX metrics portfolio: score, findings and recommendations.

The score rewards what the seed asks of a metrics portfolio, 20 points each:
diversified (NPS, CSAT and CES all measured), goal-driven (catalog metrics tied to a SMART goal),
in use (catalog metrics that are owned, reviewed and looked at), trustworthy (no inflation of the
headline NPS found by the integrity audit) and predictive (the best metric separates churners from
stayers: AUC 0.5 earns nothing, 0.75 or better earns everything).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.metrics.nps import NpsResult, nps
from cxlib.metrics.prediction import churn_ratio
from cxlib.metrics.satisfaction import CesResult, CsatResult, ces, csat
from cxlib.report.record import Assessment, Recommendation, StepResult, StepScore

LABELS = {"nps": "NPS", "csat": "CSAT", "ces": "CES"}
MIN_RESPONSES = 100  # below this a metric is not really "measured" over a year
SCORE_RULE = "diversified, goal-driven, in use, trustworthy, predictive: 20 points each"
SCORE_RULE_TEXT = (
    "**How the score is built.** Five qualities of a metrics portfolio earn up to 20 points each. "
    "*Diversified*: NPS, CSAT and CES are all measured (at least 100 answers each). "
    "*Goal-driven*: the share of catalog metrics tied to a SMART goal. "
    "*In use*: the share of catalog metrics that are owned, reviewed within 90 days and viewed. "
    "*Trustworthy*: 20 points less 4 for every point by which inflated scores lift the headline NPS. "
    "*Predictive*: the best metric's churn AUC, from nothing at 0.50 to everything at 0.75 or more. "
    "A part that cannot be assessed because its data is missing earns no points. "
    "Maturity: Mature from 75, Competent from 50, Novice from 25, below that Ignoring."
)


@dataclass(frozen=True)
class Headline:
    """The three survey metrics side by side."""

    nps: NpsResult
    csat: CsatResult | None
    ces: CesResult | None

    def tiles(self) -> list[tuple[str, str, str]]:
        tiles = [("NPS", _signed(self.nps.score),
                  f"95% CI {_signed(self.nps.low)} to {_signed(self.nps.high)} · n = {self.nps.n:,}")]
        if self.csat is not None:
            tiles.append(("CSAT", f"{self.csat.share:.0f}%",
                          f"rated 4-5 of 5 · 95% CI {self.csat.low:.0f}-{self.csat.high:.0f}%"))
        if self.ces is not None:
            tiles.append(("CES", f"{self.ces.mean:.1f} / 7", f"{self.ces.share_easy:.0f}% found it easy (5-7)"))
        return tiles

    def summary(self) -> str:
        parts = [f"NPS is {_signed(self.nps.score)} (95% CI {_signed(self.nps.low)} to "
                 f"{_signed(self.nps.high)}) from {self.nps.n:,} answers"]
        if self.csat is not None:
            parts.append(f"{self.csat.share:.0f}% are satisfied (CSAT 4-5)")
        if self.ces is not None:
            parts.append(f"{self.ces.share_easy:.0f}% found us easy to deal with (CES 5-7)")
        return "; ".join(parts) + "."


def headline_metrics(survey: pd.DataFrame) -> Headline:
    """NPS, CSAT and CES of a survey; CSAT or CES is None when the column has no answers."""
    def answered(col):
        return col in survey and survey[col].notna().any()
    return Headline(
        nps=nps(survey["nps"]),
        csat=csat(survey["csat"]) if answered("csat") else None,
        ces=ces(survey["ces"]) if answered("ces") else None,
    )


def _signed(x: float) -> str:
    return f"{x:+.0f}"


def portfolio_score(*, responses: dict[str, int], catalog: pd.DataFrame | None, reported_nps: float,
                    adjusted_nps: float, best_auc: float | None) -> StepScore:
    """Score the metrics portfolio 0-100 by the rule in :data:`SCORE_RULE_TEXT`.

    Parameters
    ----------
    responses : answered responses per survey metric in the period, e.g. {"nps": 4900, "csat": 4800}.
    catalog : the output of :func:`cxlib.metrics.catalog.audit_catalog`, or None when not provided.
    reported_nps, adjusted_nps : the headline NPS and the NPS after the integrity audit's exclusions.
    best_auc : the highest churn AUC among the survey metrics, or None when churn is unknown.
    """
    measured = sum(responses.get(m, 0) >= MIN_RESPONSES for m in LABELS)
    inflation = max(0.0, reported_nps - adjusted_nps)
    rows = [("Diversified", 20 * measured / len(LABELS),
             f"{measured} of 3 survey metrics measured (n ≥ {MIN_RESPONSES})")]
    if catalog is None or not len(catalog):
        rows += [("Goal-driven", 0.0, "no metric catalog provided"),
                 ("In use", 0.0, "no metric catalog provided")]
    else:
        goal_share = float(catalog["smart_goal"].astype(bool).mean())
        used_share = float((~catalog["set_and_forget"].astype(bool)).mean())
        rows += [("Goal-driven", 20 * goal_share, f"{goal_share:.0%} of catalog metrics tied to a SMART goal"),
                 ("In use", 20 * used_share, f"{used_share:.0%} of catalog metrics owned, reviewed and viewed")]
    rows.append(("Trustworthy", max(0.0, 20 - 4 * inflation),
                 f"headline NPS inflated by {inflation:.1f} points"))
    if best_auc is None:
        rows.append(("Predictive", 0.0, "churn link unknown: no customers dataset"))
    else:
        rows.append(("Predictive", 20 * float(np.clip((best_auc - 0.5) / 0.25, 0, 1)),
                     f"best churn AUC {best_auc:.2f}"))
    return StepScore.from_rows(rows, max_points=20, subject="The metrics portfolio")


def assess(*, survey: pd.DataFrame, nps: NpsResult, change, precision, drivers, integrity,
           prediction: pd.DataFrame | None, bands: pd.DataFrame | None, catalog: pd.DataFrame | None,
           goals: pd.DataFrame) -> Assessment:
    """Score the portfolio and write the step-7 findings and recommendations, in priority order.

    The arguments are the results of the step's analyses (``last_period_change``,
    ``precision_summary``, ``key_drivers``, ``integrity_audit``, ``churn_predictiveness``,
    ``churn_by_band``, ``audit_catalog``); ``prediction``, ``bands`` and ``catalog`` are None when
    the dataset they need was not provided, and the record then says so.
    """
    responses = {m: int(survey[m].notna().sum()) for m in LABELS if m in survey}
    best = prediction.iloc[0] if prediction is not None and len(prediction) else None
    score = portfolio_score(responses=responses, catalog=catalog, reported_nps=integrity.reported_nps,
                            adjusted_nps=integrity.adjusted_nps,
                            best_auc=None if best is None else float(best["auc"]))
    top = drivers.table.iloc[0]
    moved = "changed significantly" if change.significant else "did not change significantly"
    findings = [
        f"NPS is {_signed(nps.score)} (95% CI {_signed(nps.low)} to {_signed(nps.high)}, n = {nps.n:,}); "
        f"it {moved} from {change.label_a} to {change.label_b} ({change.diff:+.1f} points, p = {change.p_value:.3f}).",
        f"{top['label']} is the strongest driver of NPS: {top['share']:.0f}% of the explained variance "
        f"(R² = {drivers.r2:.2f}), with a mean rating of {top['performance']:.1f} out of 5.",
    ]
    recs = [(f"Make {str(top['label']).lower()} the first improvement programme",
             f"It carries {top['share']:.0f}% of what explains NPS and sits in the '{top['quadrant']}' quadrant.")]
    if best is None:
        findings.append("Which metric predicts churn is unknown: no customers dataset with churn was provided.")
        recs.append(("Join survey answers to customer outcomes (churn, revenue) every month",
                     "Without it no metric can be shown to predict the business results it is meant to."))
    else:
        label = LABELS.get(best["metric"], best["metric"])
        nps_row = prediction[prediction["metric"] == "nps"]
        versus = f" vs {nps_row.iloc[0]['auc']:.2f} for NPS" if len(nps_row) and best["metric"] != "nps" else ""
        ratio = f"; customers who found us hard to deal with (CES 1-3) churn {churn_ratio(bands):.1f}x as often " \
                "as those who found us easy (CES 5-7)" if bands is not None else ""
        findings.append(f"{label} predicts churn best (AUC {best['auc']:.2f}{versus}){ratio}.")
        tracked = {str(m).upper() for m in goals.get("metric", pd.Series(dtype=str))}
        recs.append((f"Put {label} on the executive scorecard with a churn-linked target",
                     f"It predicts churn best (AUC {best['auc']:.2f})"
                     + ("." if label in tracked else " and no goal tracks it today.")))
    if len(integrity.flagged):
        first = integrity.flagged.iloc[0]
        others = len(integrity.flagged) - 1
        who = f"{first['dimension'].removesuffix('_id')} {first['unit']}" + (
            f" and {others} other unit{'s' if others > 1 else ''}" if others else "")
        findings.append(
            f"Scores are inflated: {who} {'give' if others else 'gives'} a 10 in {first['share_tens']:.0f}% of answers against "
            f"{first['peer_share']:.0f}% for peers; without them and the contradicted 10s, NPS is "
            f"{_signed(integrity.adjusted_nps)} instead of {_signed(integrity.reported_nps)}.")
        recs.append(("Stop score solicitation and take survey scores out of agent incentives",
                     f"Inflated 10s lift the headline NPS by "
                     f"{integrity.reported_nps - integrity.adjusted_nps:.1f} points and hide real problems."))
    if catalog is not None:
        forgotten = int(catalog["set_and_forget"].sum())
        findings.append(f"{forgotten} of {len(catalog)} metrics in the catalog are 'set and forget' "
                        "(no SMART goal, no owner, not reviewed in 90 days or hardly viewed).")
        recs.append(("Retire or re-own every set-and-forget metric and tie each survivor to a SMART goal",
                     f"{forgotten} of {len(catalog)} catalog metrics are not steering anything."))
    else:
        findings.append("No metric catalog was provided, so ownership and goal links could not be audited.")
        recs.append(("Write down the metric catalog: owner, goal, cadence and review date per metric",
                     "A metric nobody owns or reviews steers nothing."))
    recs.append(("Report NPS with its interval and act only on changes beyond the detectable minimum",
                 f"Month to month, only moves larger than {precision.smallest_change_monthly:.0f} points "
                 "stand out from sampling noise at current volumes."))
    recommendations = tuple(
        Recommendation(i, action, why, impact="High" if i <= 2 else "Medium", effort="Medium")
        for i, (action, why) in enumerate(recs[:5], 1))
    step = StepResult(step=7, title="CX metrics that matter", score=score.score,
                      findings=tuple(findings[:5]), recommendations=recommendations, score_rule=SCORE_RULE)
    return Assessment(score, step)
