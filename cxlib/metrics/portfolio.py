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
from cxlib.report.record import Assessment, StepScore, verdict
from cxlib.report.verdict import Figure, Finding, Kpi, Recommendation, theme_of
from cxlib.wording import signed
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
            tiles.append(("NPS", signed(self.nps.score),
                          f"95% CI {signed(self.nps.low)} to {signed(self.nps.high)} · n = {self.nps.n:,}"))
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
            parts.append(f"NPS is {signed(self.nps.score)} (95% CI {signed(self.nps.low)} to "
                         f"{signed(self.nps.high)}) from {self.nps.n:,} answers")
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
    link = churn.value()
    ranked = link.prediction.dropna(subset=["auc"]) if link is not None else None
    best = ranked.iloc[0] if ranked is not None and len(ranked) else None
    audit = integrity.value()
    table = catalog.value().table if catalog.ran else None
    score = portfolio_score(
        responses=head.responses() if head is not None else None, catalog=table,
        reported_nps=audit.reported_nps if audit else None, adjusted_nps=audit.adjusted_nps if audit else None,
        best_auc=None if best is None else float(best["auc"]),
        missing={"survey": headline.reason or "", "catalog": catalog.reason or "", "integrity": integrity.reason or "",
                 "churn": churn.reason or ""}
        | ({"churn": "no metric could be linked to churn"} if churn.ran and best is None else {}))
    findings = [_headline_finding(head, change) if head is not None else headline.reason]
    recs = []
    if drivers.ran:
        findings.append(_driver_finding(drivers.result))
        recs.append(_driver_move(drivers.result, head))
    else:
        findings.append(drivers.reason)
        recs.append(Recommendation(
            "Ask every respondent to rate the parts of the experience (at least 100 complete answers)",
            drivers.reason, theme="data", impact="High", effort="Low"))
    if best is None:
        why = churn.reason or "no survey metric could be linked to churn."
        findings.append(f"Which metric predicts churn is unknown: {why[0].lower()}{why[1:]}")
        recs.append(Recommendation(
            "Join survey answers to customer outcomes (churn, revenue) every month",
            "Without it no metric can be shown to predict the business results it is meant to.",
            theme="data", impact="High", effort="Medium"))
    else:
        findings.append(_churn_finding(link, best))
        recs.append(_scorecard_move(best, goals, table))
    if audit is not None and len(audit.flagged):
        findings.append(_inflation_finding(audit, head))
        recs.append(Recommendation(
            "Stop score solicitation and take survey scores out of agent incentives",
            f"Implausibly many 10s lift the headline NPS by {audit.reported_nps - audit.adjusted_nps:.1f} points "
            "and hide real problems.", theme="measurement", impact="High", effort="Low",
            kpi=Kpi("Lift of the headline NPS by implausible 10s", audit.reported_nps - audit.adjusted_nps, 0.0,
                    "points", "no lift", higher_is_better=False)))
    if table is not None:
        findings.append(_catalog_finding(table))
        recs.append(_catalog_move(table))
    else:
        findings.append("No metric catalog was provided, so ownership and goal links could not be audited.")
        recs.append(Recommendation(
            "Write down the metric catalog: owner, goal, cadence and review date per metric",
            "A metric nobody owns or reviews steers nothing.", theme="measurement", impact="Medium", effort="Low"))
    reserve = []
    if precision.ran:
        reserve.append(Recommendation(
            "Report NPS with its interval and act only on changes beyond the detectable minimum",
            f"Month to month, only moves of about {precision.result.significant_change_monthly:.0f} points or more "
            f"stand out from sampling noise, and a real {precision.result.smallest_change_monthly:.0f}-point change "
            "is caught four times in five at current answer volumes.", theme="measurement", impact="Medium", effort="Low"))
    return verdict(7, score, findings, recs, score_rule=SCORE_RULE, reserve=reserve)


def _survey(n: int) -> str:
    return f"survey answers (n = {n:,})"


def _headline_finding(head: Headline, change: Section) -> Finding:
    """NPS with its interval and its change over the last two months, or the other headline
    metrics when the survey does not ask the NPS question."""
    nps = head.nps
    if nps is None:
        return Finding(head.summary(), source="cxlib.metrics.portfolio.headline_metrics", theme="measurement")
    figures = [Figure("NPS", nps.score, "points", _survey(nps.n))]
    text = f"NPS is {signed(nps.score)} (95% CI {signed(nps.low)} to {signed(nps.high)}, n = {nps.n:,})"
    if change.ran:
        c = change.result
        moved = ("changed by more than sampling noise explains" if c.significant
                 else "did not change by more than sampling noise explains")
        text += (f"; it {moved} from {c.label_a} to {c.label_b} ({signed(c.nps_a)} to {signed(c.nps_b)}, "
                 f"{signed(c.diff)} points).")
        figures.append(Figure(f"NPS change, {c.label_a} to {c.label_b}", c.diff, "points",
                              f"survey answers of {c.label_a} and {c.label_b}"))
    else:
        text += f". {change.reason}"
    return Finding(text, tuple(figures), "cxlib.metrics.nps.nps", "measurement")


def _driver_finding(result) -> Finding:
    top = result.table.iloc[0]
    label = str(top["label"])
    return Finding(
        f"{label} is the rating most closely tied to NPS: it carries {top['share']:.0f}% of what the ratings "
        f"together explain (R² = {result.r2:.2f}, n = {result.n:,}), and customers rate it "
        f"{top['performance']:.1f} out of 5.",
        (Figure(f"share of explained NPS variance, {label.lower()}", top["share"], "%", _survey(result.n)),
         Figure(f"{label.lower()} rating", top["performance"], "of 5", _survey(result.n))),
        "cxlib.metrics.drivers.key_drivers", theme_of(label))


def _driver_move(result, head: Headline | None) -> Recommendation:
    top = result.table.iloc[0]
    label = str(top["label"])
    theme = theme_of(label)
    if theme == "ease" and head is not None and head.ces is not None:
        kpi = Kpi("Customer effort (CES)", head.ces.mean, None, "of 7", "the client's goal where one is set")
    else:
        kpi = Kpi(f"{label} rating", top["performance"], min(5.0, top["performance"] + (5 - top["performance"]) / 2),
                  "of 5", "halfway from today's rating to the top of the scale")
    return Recommendation(
        f"Make {label.lower()} the first improvement programme",
        f"It carries {top['share']:.0f}% of what the ratings explain of NPS and sits in the "
        f"'{top['quadrant']}' quadrant.", theme=theme, impact="High", effort="Medium", kpi=kpi)


def _churn_finding(link, best) -> Finding:
    label = LABELS.get(best["metric"], best["metric"])
    nps_row = link.prediction[link.prediction["metric"] == "nps"]
    versus = f" vs {nps_row.iloc[0]['auc']:.2f} for NPS" if len(nps_row) and best["metric"] != "nps" else ""
    clause = link.band_clause()
    return Finding(
        f"{label} predicts churn best (AUC {best['auc']:.2f}{versus})" + (f"; {clause}" if clause else "") + ".",
        (Figure(f"churn AUC, {label}", best["auc"], "", "customers with a survey answer"),),
        "cxlib.metrics.prediction.churn_link", "measurement")


def _scorecard_move(best, goals: pd.DataFrame, table: pd.DataFrame | None) -> Recommendation:
    label = LABELS.get(best["metric"], best["metric"])
    tracked = {str(m).upper() for m in goals.get("metric", pd.Series(dtype=str))}
    return Recommendation(
        f"Put {label} on the executive scorecard with a churn-linked target",
        f"It predicts churn best (AUC {best['auc']:.2f})" + ("." if label in tracked else " and no goal tracks it today."),
        theme="measurement", impact="High", effort="Low",
        kpi=_goal_kpi(table))


def _goal_kpi(table: pd.DataFrame | None) -> Kpi | None:
    if table is None or not len(table):
        return None
    return Kpi("Metrics with an owner and a SMART goal", 100 * float(table["smart_goal"].astype(bool).mean()),
               100.0, "%", "every metric in the catalog")


def _inflation_finding(audit, head: Headline | None) -> Finding:
    flagged = audit.flagged
    first = flagged.iloc[0]
    noun = {"agent_id": "agent", "location_id": "location"}.get(first["dimension"], "unit")
    who = f"One {noun}" if len(flagged) == 1 else f"{len(flagged)} agents or locations"
    whose = f"that {noun}'s" if len(flagged) == 1 else "their"
    n = head.nps.n if head is not None and head.nps is not None else None
    population = _survey(n) if n else "survey answers"
    return Finding(
        f"{who} {'gives' if len(flagged) == 1 else 'give'} a 10 in {first['share_tens']:.0f}% of answers against "
        f"{first['peer_share']:.0f}% for peers, more than chance explains; without all of "
        f"{whose} answers and the 10s whose comment says otherwise, NPS is "
        f"{signed(audit.adjusted_nps)} instead of {signed(audit.reported_nps)}.",
        (Figure("NPS", audit.reported_nps, "points", population),
         Figure("NPS without implausible 10s", audit.adjusted_nps, "points", population)),
        "cxlib.metrics.integrity.integrity_audit", "measurement")


def _catalog_finding(table: pd.DataFrame) -> Finding:
    forgotten = int(table["set_and_forget"].sum())
    return Finding(
        f"{forgotten} of {len(table)} metrics in the catalog are 'set and forget' "
        "(no SMART goal, no owner, not reviewed in 90 days or hardly viewed).",
        (Figure("catalog metrics set and forget", forgotten, "", f"metric catalog ({len(table)} metrics)"),),
        "cxlib.metrics.catalog.catalog_audit", "measurement")


def _catalog_move(table: pd.DataFrame) -> Recommendation:
    forgotten = int(table["set_and_forget"].sum())
    return Recommendation(
        "Retire or re-own every set-and-forget metric and tie each survivor to a SMART goal",
        f"{forgotten} of {len(table)} catalog metrics are not steering anything.",
        theme="measurement", impact="Medium", effort="Low", kpi=_goal_kpi(table))
