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
from cxlib.metrics.satisfaction import CesResult, CsatResult, ces, csat
from cxlib.report.record import Assessment, Recommendation, StepResult, StepScore
from cxlib.sections import Section

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
    "A part whose data is missing or too thin is not assessed: the score is then the assessed parts' "
    "points as a share of their maximum, on the same 0-100 scale, and the table says which parts. "
    "Maturity: Mature from 75, Competent from 50, Novice from 25, below that Ignoring."
)


@dataclass(frozen=True)
class Headline:
    """The three survey metrics side by side; a metric the survey does not ask is None."""

    nps: NpsResult | None
    csat: CsatResult | None
    ces: CesResult | None

    def responses(self) -> dict[str, int]:
        """Answers per metric the survey asks, e.g. {"nps": 412, "csat": 412}."""
        return {m: r.n for m, r in (("nps", self.nps), ("csat", self.csat), ("ces", self.ces)) if r is not None}

    def tiles(self) -> list[tuple[str, str, str]]:
        tiles = []
        if self.nps is not None:
            tiles.append(("NPS", _signed(self.nps.score),
                          f"95% CI {_signed(self.nps.low)} to {_signed(self.nps.high)} · n = {self.nps.n:,}"))
        if self.csat is not None:
            tiles.append(("CSAT", f"{self.csat.share:.0f}%",
                          f"rated 4-5 of 5 · 95% CI {self.csat.low:.0f}-{self.csat.high:.0f}%"))
        if self.ces is not None:
            tiles.append(("CES", f"{self.ces.mean:.1f} / 7", f"{self.ces.share_easy:.0f}% found it easy (5-7)"))
        return tiles

    def kpis(self) -> list[tuple[str, str, str]]:
        return self.tiles()

    def summary(self) -> str:
        parts = []
        if self.nps is not None:
            parts.append(f"NPS is {_signed(self.nps.score)} (95% CI {_signed(self.nps.low)} to "
                         f"{_signed(self.nps.high)}) from {self.nps.n:,} answers")
        if self.csat is not None:
            parts.append(f"{self.csat.share:.0f}% are satisfied (CSAT 4-5)")
        if self.ces is not None:
            parts.append(f"{self.ces.share_easy:.0f}% found us easy to deal with (CES 5-7)")
        if not parts:
            return "The survey asks none of the three headline questions (recommend, satisfaction, effort)."
        text = "; ".join(parts) + "."
        return text if self.nps is not None else "The survey does not ask how likely customers are to recommend " \
            "us, so there is no NPS; " + text[0].lower() + text[1:]

    def headline(self) -> str:
        return self.summary()


def headline_metrics(survey: pd.DataFrame) -> Headline:
    """NPS, CSAT and CES of a survey; each is None when its column has no answers."""
    def answered(col):
        return col in survey and survey[col].notna().any()
    return Headline(
        nps=nps(survey["nps"]) if answered("nps") else None,
        csat=csat(survey["csat"]) if answered("csat") else None,
        ces=ces(survey["ces"]) if answered("ces") else None,
    )


def nps_answers(survey: pd.DataFrame) -> pd.Series:
    """The survey's answered 0-10 likelihood-to-recommend scores, for the distribution chart."""
    return survey["nps"].dropna()


def _signed(x: float) -> str:
    return f"{x:+.0f}"


def portfolio_score(*, responses: dict[str, int] | None, catalog: pd.DataFrame | None, reported_nps: float | None,
                    adjusted_nps: float | None, best_auc: float | None,
                    missing: dict[str, str] | None = None) -> StepScore:
    """Score the metrics portfolio 0-100 by the rule in :data:`SCORE_RULE_TEXT`.

    Parameters
    ----------
    responses : answered responses per survey metric in the period, e.g. {"nps": 4900, "csat": 4800};
        None when there is no survey (the part is not assessed).
    catalog : the output of :func:`cxlib.metrics.catalog.audit_catalog`, or None when it could not run.
    reported_nps, adjusted_nps : the headline NPS and the NPS after the integrity audit's exclusions
        (None when the audit could not run).
    best_auc : the highest churn AUC among the survey metrics, or None when churn could not be linked.
    missing : why a part could not be assessed, by part ("survey", "catalog", "integrity", "churn").
    """
    missing = missing or {}
    if responses is None:
        rows = [("Diversified", None, _not_assessed(missing.get("survey", "no survey provided")))]
    else:
        measured = sum(responses.get(m, 0) >= MIN_RESPONSES for m in LABELS)
        rows = [("Diversified", 20 * measured / len(LABELS),
                 f"{measured} of 3 survey metrics measured (n ≥ {MIN_RESPONSES})")]
    if catalog is None or not len(catalog):
        why = _not_assessed(missing.get("catalog", "no metric catalog provided"))
        rows += [("Goal-driven", None, why), ("In use", None, why)]
    else:
        goal_share = float(catalog["smart_goal"].astype(bool).mean())
        used_share = float((~catalog["set_and_forget"].astype(bool)).mean())
        rows += [("Goal-driven", 20 * goal_share, f"{goal_share:.0%} of catalog metrics tied to a SMART goal"),
                 ("In use", 20 * used_share, f"{used_share:.0%} of catalog metrics owned, reviewed and viewed")]
    if reported_nps is None or adjusted_nps is None:
        rows.append(("Trustworthy", None, _not_assessed(missing.get("integrity", "no integrity audit"))))
    else:
        inflation = max(0.0, reported_nps - adjusted_nps)
        rows.append(("Trustworthy", max(0.0, 20 - 4 * inflation), f"headline NPS inflated by {inflation:.1f} points"))
    if best_auc is None:
        rows.append(("Predictive", None, _not_assessed(missing.get("churn", "no customers dataset"))))
    else:
        rows.append(("Predictive", 20 * float(np.clip((best_auc - 0.5) / 0.25, 0, 1)),
                     f"best churn AUC {best_auc:.2f}"))
    return StepScore.from_rows(rows, max_points=20, subject="The metrics portfolio")


def _not_assessed(reason: str) -> str:
    return "not assessed: " + reason[0].lower() + reason[1:].rstrip(".")


def assess(*, headline: Section, change: Section, precision: Section, drivers: Section,
           integrity: Section, churn: Section, catalog: Section, goals: pd.DataFrame) -> Assessment:
    """Score the portfolio and write the step-7 findings and recommendations, in priority order.

    The arguments are step 7's sections (:mod:`cxlib.sections`): a section that could not run
    adds its reason as a finding, and its part of the score is not assessed.
    """
    head = headline.value()
    responses = head.responses() if head is not None else None
    link = churn.value()
    ranked = link.prediction.dropna(subset=["auc"]) if link is not None else None
    best = ranked.iloc[0] if ranked is not None and len(ranked) else None
    audit = integrity.value()
    table = catalog.value().table if catalog.ran else None
    score = portfolio_score(
        responses=responses, catalog=table,
        reported_nps=audit.reported_nps if audit else None, adjusted_nps=audit.adjusted_nps if audit else None,
        best_auc=None if best is None else float(best["auc"]),
        missing={"survey": headline.reason or "", "catalog": catalog.reason or "", "integrity": integrity.reason or "",
                 "churn": churn.reason or ""}
        | ({"churn": "no metric could be linked to churn"} if churn.ran and best is None else {}))
    nps = head.nps if head is not None else None
    if nps is None:
        findings = [headline.reason if head is None else head.summary()]
    else:
        findings = [f"NPS is {_signed(nps.score)} (95% CI {_signed(nps.low)} to {_signed(nps.high)}, n = {nps.n:,})"]
    if nps is not None and change.ran:
        c = change.result
        moved = "changed significantly" if c.significant else "did not change significantly"
        findings[0] += f"; it {moved} from {c.label_a} to {c.label_b} ({c.diff:+.1f} points, p = {c.p_value:.3f})."
    elif nps is not None:
        findings[0] += f". {change.reason}"
    recs = []
    if drivers.ran:
        top = drivers.result.table.iloc[0]
        findings.append(f"{top['label']} is the strongest driver of NPS: {top['share']:.0f}% of the explained "
                        f"variance (R² = {drivers.result.r2:.2f}), with a mean rating of {top['performance']:.1f} "
                        "out of 5.")
        recs.append((f"Make {str(top['label']).lower()} the first improvement programme",
                     f"It carries {top['share']:.0f}% of what explains NPS and sits in the '{top['quadrant']}' "
                     "quadrant."))
    else:
        findings.append(drivers.reason)
        recs.append(("Ask every respondent to rate the parts of the experience (at least 100 complete answers)",
                     drivers.reason))
    if best is None:
        why = churn.reason or "no survey metric could be linked to churn."
        findings.append(f"Which metric predicts churn is unknown: {why[0].lower()}{why[1:]}")
        recs.append(("Join survey answers to customer outcomes (churn, revenue) every month",
                     "Without it no metric can be shown to predict the business results it is meant to."))
    else:
        prediction = link.prediction
        label = LABELS.get(best["metric"], best["metric"])
        nps_row = prediction[prediction["metric"] == "nps"]
        versus = f" vs {nps_row.iloc[0]['auc']:.2f} for NPS" if len(nps_row) and best["metric"] != "nps" else ""
        clause = link.band_clause()
        ratio_text = f"; {clause}" if clause else ""
        findings.append(f"{label} predicts churn best (AUC {best['auc']:.2f}{versus}){ratio_text}.")
        tracked = {str(m).upper() for m in goals.get("metric", pd.Series(dtype=str))}
        recs.append((f"Put {label} on the executive scorecard with a churn-linked target",
                     f"It predicts churn best (AUC {best['auc']:.2f})"
                     + ("." if label in tracked else " and no goal tracks it today.")))
    if audit is not None and len(audit.flagged):
        first = audit.flagged.iloc[0]
        others = len(audit.flagged) - 1
        who = f"{first['dimension'].removesuffix('_id')} {first['unit']}" + (
            f" and {others} other unit{'s' if others > 1 else ''}" if others else "")
        findings.append(
            f"Scores are inflated: {who} {'give' if others else 'gives'} a 10 in {first['share_tens']:.0f}% of "
            f"answers against {first['peer_share']:.0f}% for peers; without them and the contradicted 10s, NPS "
            f"is {_signed(audit.adjusted_nps)} instead of {_signed(audit.reported_nps)}.")
        recs.append(("Stop score solicitation and take survey scores out of agent incentives",
                     f"Inflated 10s lift the headline NPS by {audit.reported_nps - audit.adjusted_nps:.1f} points "
                     "and hide real problems."))
    if table is not None:
        forgotten = int(table["set_and_forget"].sum())
        findings.append(f"{forgotten} of {len(table)} metrics in the catalog are 'set and forget' "
                        "(no SMART goal, no owner, not reviewed in 90 days or hardly viewed).")
        recs.append(("Retire or re-own every set-and-forget metric and tie each survivor to a SMART goal",
                     f"{forgotten} of {len(table)} catalog metrics are not steering anything."))
    else:
        findings.append("No metric catalog was provided, so ownership and goal links could not be audited.")
        recs.append(("Write down the metric catalog: owner, goal, cadence and review date per metric",
                     "A metric nobody owns or reviews steers nothing."))
    if precision.ran:
        recs.append(("Report NPS with its interval and act only on changes beyond the detectable minimum",
                     f"Month to month, only moves larger than {precision.result.smallest_change_monthly:.0f} "
                     "points stand out from sampling noise at current volumes."))
    recommendations = tuple(
        Recommendation(i, action, why, impact="High" if i <= 2 else "Medium", effort="Medium")
        for i, (action, why) in enumerate(recs[:5], 1))
    step = StepResult(step=7, title="CX metrics that matter", score=score.score,
                      findings=tuple(findings[:5]), recommendations=recommendations, score_rule=SCORE_RULE)
    return Assessment(score, step)
