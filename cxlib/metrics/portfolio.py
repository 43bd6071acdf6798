"""Step 7's verdict on the client's CX metrics portfolio: score, findings and recommendations.

The score rewards what the seed asks of a metrics portfolio, 20 points each:
diversified (NPS, CSAT and CES all measured), goal-driven (catalog metrics tied to a SMART goal),
in use (catalog metrics that are owned, reviewed and looked at), trustworthy (no inflation of the
headline NPS found by the integrity audit) and predictive (the best metric separates churners from
stayers: AUC 0.5 earns nothing, 0.75 or better earns everything). The rule's text is built from the
constants the score uses, so the two cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.metrics import catalog as catalog_rules
from cxlib.metrics import integrity as integrity_rules
from cxlib.metrics import prediction as prediction_rules
from cxlib.metrics.nps import NpsResult, nps
from cxlib.metrics.satisfaction import CesResult, CsatResult, ces, csat
from cxlib.report.record import Assessment, StepScore, verdict
from cxlib.report.verdict import Figure, Finding, Kpi, Recommendation, theme_of
from cxlib.sections import Section
from cxlib.wording import ALPHA, chance, number, points, range95, signed

LABELS = {"nps": "NPS", "csat": "CSAT", "ces": "CES"}
MIN_RESPONSES = 100  # below this a metric is not really "measured" over a year
PART_POINTS = 20
TRUST_PENALTY = 4  # points off "trustworthy" per point of NPS that contradicted 10s add
AUC_NOTHING, AUC_FULL = 0.50, 0.75  # the "predictive" part's scale
SCORE_RULE = "diversified, goal-driven, in use, trustworthy, predictive: 20 points each"
SCORE_RULE_TEXT = (
    f"**How the score is built.** Five qualities of a metrics portfolio earn up to {PART_POINTS} points each. "
    f"*Diversified*: NPS, CSAT and CES are all measured (at least {MIN_RESPONSES} answers each). "
    "*Goal-driven*: the share of catalog metrics tied to a SMART goal (a goal with a numeric target and a "
    "due date). "
    f"*In use*: the share of catalog metrics that are {catalog_rules.IN_USE_RULE}; whether a metric has a "
    "SMART goal counts under goal-driven only. "
    f"*Trustworthy*: {PART_POINTS} points less {TRUST_PENALTY} for every point by which the 10s that their "
    "own answer contradicts raise the headline NPS. "
    f"*Predictive*: the best metric's churn AUC, from nothing at {AUC_NOTHING:.2f} to everything at "
    f"{AUC_FULL:.2f} or more. "
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
                          f"{self.nps.n:,} answers · 95% range {signed(self.nps.low)} to {signed(self.nps.high)}"))
        if self.csat is not None:
            tiles.append(("CSAT", number(self.csat.share, "%"),
                          f"rated 4-5 of 5 · 95% range {number(self.csat.low, '%')} to "
                          f"{number(self.csat.high, '%')}"))
        if self.ces is not None:
            tiles.append(("CES", number(self.ces.mean, "of 7"),
                          f"{number(self.ces.share_easy, '%')} found it easy (5-7 of 7)"))
        return tiles

    def kpis(self) -> list[tuple[str, str, str]]:
        return self.tiles()

    def summary(self) -> str:
        parts = []
        if self.nps is not None:
            parts.append(f"NPS is {signed(self.nps.score)} from {self.nps.n:,} answers "
                         f"({range95(self.nps.low, self.nps.high, 'points')})")
        if self.csat is not None:
            parts.append(f"{number(self.csat.share, '%')} are satisfied (CSAT 4-5)")
        if self.ces is not None:
            parts.append(f"{number(self.ces.share_easy, '%')} found us easy to deal with (CES 5-7)")
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
    catalog : the output of :func:`cxlib.metrics.catalog.audit_catalog` (smart_goal, in_use), or None
        when it could not run.
    reported_nps, adjusted_nps : the headline NPS and the NPS without the contradicted 10s
        (:func:`cxlib.metrics.integrity.integrity_audit`; None when the audit could not run).
    best_auc : the highest churn AUC among the survey metrics, or None when churn could not be linked.
    missing : why a part could not be assessed, by part ("survey", "catalog", "integrity", "churn").
    """
    missing = missing or {}
    if responses is None:
        rows = [("Diversified", None, _not_assessed(missing.get("survey", "no survey provided")))]
    else:
        measured = sum(responses.get(m, 0) >= MIN_RESPONSES for m in LABELS)
        rows = [("Diversified", PART_POINTS * measured / len(LABELS),
                 f"{measured} of 3 survey metrics measured (at least {MIN_RESPONSES} answers)")]
    if catalog is None or not len(catalog):
        why = _not_assessed(missing.get("catalog", "no metric catalog provided"))
        rows += [("Goal-driven", None, why), ("In use", None, why)]
    else:
        goals, used, total = int(catalog["smart_goal"].astype(bool).sum()), int(catalog["in_use"].astype(bool).sum()), \
            len(catalog)
        rows += [("Goal-driven", PART_POINTS * goals / total,
                  f"{goals} of {total} catalog metrics tied to a SMART goal"),
                 ("In use", PART_POINTS * used / total, f"{used} of {total} catalog metrics {catalog_rules.IN_USE_RULE}")]
    if reported_nps is None or adjusted_nps is None:
        rows.append(("Trustworthy", None, _not_assessed(missing.get("integrity", "no integrity audit"))))
    else:
        inflation = max(0.0, reported_nps - adjusted_nps)
        rows.append(("Trustworthy", max(0.0, PART_POINTS - TRUST_PENALTY * inflation),
                     f"contradicted 10s raise the headline NPS by {inflation:.1f} points"))
    if best_auc is None:
        rows.append(("Predictive", None, _not_assessed(missing.get("churn", "no customers dataset"))))
    else:
        rows.append(("Predictive",
                     PART_POINTS * float(np.clip((best_auc - AUC_NOTHING) / (AUC_FULL - AUC_NOTHING), 0, 1)),
                     f"best churn AUC {best_auc:.2f}"))
    return StepScore.from_rows(rows, max_points=PART_POINTS, subject="The metrics portfolio")


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
            "Without it no metric can be shown to warn of the business results it is meant to.",
            theme="data", impact="High", effort="Medium"))
    else:
        findings.append(_churn_finding(link, best))
        recs.append(_scorecard_move(link, best, goals, table))
    if audit is not None and (audit.excluded or len(audit.flagged)):
        findings.append(_inflation_finding(audit, head))
        gain = audit.reported_nps - audit.adjusted_nps
        recs.append(Recommendation(
            "Stop score solicitation and take survey scores out of agent incentives",
            f"10s that their own answer contradicts raise the headline NPS by {gain:.1f} points and hide real "
            "problems.", theme="measurement", impact="High", effort="Low",
            kpi=Kpi("Points the headline NPS gains from contradicted 10s", gain, 0.0, "points", "none",
                    higher_is_better=False)))
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
            "Report NPS with its 95% range and act only on changes larger than chance",
            f"Month to month, only moves of about {precision.result.significant_change_monthly:.0f} points or more "
            f"stand out from sampling noise, and a real {precision.result.smallest_change_monthly:.0f}-point change "
            "is caught four times in five at current answer volumes.", theme="measurement", impact="Medium", effort="Low"))
    return verdict(7, score, findings, recs, score_rule=SCORE_RULE, reserve=reserve)


def _survey(n: int) -> str:
    return f"survey answers (n = {n:,})"


def _headline_finding(head: Headline, change: Section) -> Finding:
    """NPS from its answers, and its move over the last two months in words (the 95% range is in the
    figure, for the appendix), or the other headline metrics when the survey does not ask NPS."""
    nps = head.nps
    if nps is None:
        return Finding(head.summary(), source="cxlib.metrics.portfolio.headline_metrics", theme="measurement")
    figures = [Figure("NPS", nps.score, "points", _survey(nps.n), nps.low, nps.high)]
    text = f"NPS is {signed(nps.score)} from {nps.n:,} answers"
    if change.ran:
        c = change.result
        text += (f"; it moved from {signed(c.nps_a)} in {c.label_a} to {signed(c.nps_b)} in {c.label_b} "
                 f"({points(c.shown_diff)}), a move {chance(c.p_value, c.alpha)}.")
        figures.append(Figure(f"NPS change, {c.label_a} to {c.label_b}", c.shown_diff, "points",
                              f"survey answers of {c.label_a} and {c.label_b}"))
    else:
        text += f". {change.reason}"
    return Finding(text, tuple(figures), "cxlib.metrics.nps.nps", "measurement")


def _driver_finding(result) -> Finding:
    top = result.table.iloc[0]
    label = str(top["label"])
    lead = "" if result.lead_is_clear else (
        f", though its lead over {str(result.table.iloc[1]['label']).lower()} is within what chance alone produces")
    return Finding(
        f"Of the {len(result.table)} ratings, {label.lower()} goes most closely with NPS{lead}: it carries "
        f"{top['share']:.0f}% of what they explain together, and customers rate it "
        f"{number(top['performance'], 'of 5')}.",
        (Figure(f"share of explained NPS variance, {label.lower()}", top["share"], "%", _survey(result.n),
                top["low"] / result.r2 * 100, top["high"] / result.r2 * 100),
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
        f"Of the ratings, it goes most closely with NPS ({top['share']:.0f}% of what they explain) and sits in "
        f"the '{top['quadrant']}' quadrant.", theme=theme, impact="High", effort="Medium", kpi=kpi)


def _churn_finding(link, best) -> Finding:
    label = LABELS.get(best["metric"], best["metric"])
    clause = link.band_clause()
    return Finding(
        prediction_rules.ranking_clause(link.prediction) + (f"; {clause}" if clause else "") + ".",
        # in percent: the chance the metric ranks a customer who left below one who stayed, which is
        # what the AUC is, printed with its two digits (a plain figure of 0.67 would print as 0.7)
        (Figure(f"chance {label} ranks a customer who left below one who stayed (churn AUC)", 100 * best["auc"],
                "%", f"customers with a survey answer (n = {int(best['n']):,})", 100 * best["low"],
                100 * best["high"]),),
        "cxlib.metrics.prediction.churn_link", "measurement")


def _scorecard_move(link, best, goals: pd.DataFrame, table: pd.DataFrame | None) -> Recommendation:
    label = LABELS.get(best["metric"], best["metric"])
    tracked = {str(m).upper() for m in goals.get("metric", pd.Series(dtype=str))}
    how = ("best" if prediction_rules.lead_is_clear(link.prediction)
           else "as well as any survey metric")
    return Recommendation(
        f"Put {label} on the executive scorecard with a churn-linked target",
        f"It tells customers who left from those who stayed {how} ({best['auc']:.2f}, where 0.5 is a coin flip)"
        + ("." if label in tracked else " and no goal tracks it today."),
        theme="measurement", impact="High", effort="Low",
        kpi=_goal_kpi(table))


def _goal_kpi(table: pd.DataFrame | None) -> Kpi | None:
    if table is None or not len(table):
        return None
    return Kpi("Metrics with an owner and a SMART goal", 100 * float(table["smart_goal"].astype(bool).mean()),
               100.0, "%", "every metric in the catalog")


def _inflation_finding(audit, head: Headline | None = None) -> Finding:
    """What the integrity audit found and removed, said exactly: the contradicted 10s are what the
    corrected NPS leaves out, and a unit with implausibly many 10s is named by kind, never by id. The
    NPS figures name the headline's population, so the two statements of NPS read as one."""
    n = head.nps.n if head is not None and head.nps is not None else None
    population = _survey(n) if n else "survey answers"
    span = (head.nps.low, head.nps.high) if n else (None, None)
    figures = (Figure("NPS", audit.reported_nps, "points", population, *span),
               Figure("NPS without contradicted 10s", audit.adjusted_nps, "points", population))
    if len(audit.flagged) == 1:
        first = audit.flagged.iloc[0]
        noun = {"agent_id": "agent", "location_id": "location"}.get(first["dimension"], "unit")
        opening = (f"One {noun} gives a 10 in {first['share_tens']:.0f}% of answers against "
                   f"{first['peer_share']:.0f}% for other {noun}s, more than chance explains")
        whose = f" ({audit.from_flagged:,} of them that {noun}'s)" if audit.from_flagged else ""
    elif len(audit.flagged):
        opening = f"{audit.who()[0].upper()}{audit.who()[1:]} give more 10s than chance explains"
        whose = f" ({audit.from_flagged:,} of them theirs)" if audit.from_flagged else ""
    elif audit.tested == 0 or not audit.units:
        opening, whose = "Agents and locations could not be compared for their share of 10s", ""
    else:
        opening, whose = "No agent or location gives more 10s than chance explains", ""
    if audit.excluded:
        tens = "one score of 10" if audit.excluded == 1 else f"{audit.excluded:,} scores of 10"
        text = (f"{opening}; without the {tens}{whose} that the same answer's comment or satisfaction rating "
                f"contradicts, {audit.nps_clause()}.")
    else:
        text = f"{opening}, but no 10 is contradicted by its own answer, so NPS stays at {signed(audit.reported_nps)}."
    return Finding(text, figures, "cxlib.metrics.integrity.integrity_audit", "measurement")


def _catalog_finding(table: pd.DataFrame) -> Finding:
    forgotten = int(table["set_and_forget"].sum())
    return Finding(
        f"{forgotten} of {len(table)} metrics in the catalog lack at least one of a SMART goal, an owner, a "
        f"review in the last {catalog_rules.STALE_DAYS} days or {catalog_rules.MIN_VIEWS} views in 90 days "
        "('set and forget').",
        (Figure("catalog metrics set and forget", forgotten, "", f"metric catalog ({len(table)} metrics)"),),
        "cxlib.metrics.catalog.catalog_audit", "measurement")


def _catalog_move(table: pd.DataFrame) -> Recommendation:
    forgotten = int(table["set_and_forget"].sum())
    return Recommendation(
        "Give every catalog metric an owner and a SMART goal, and retire those nobody reviews or views",
        f"{forgotten} of {len(table)} catalog metrics lack a SMART goal, an owner or recent use.",
        theme="measurement", impact="Medium", effort="Low", kpi=_goal_kpi(table))


def method_notes() -> str:
    """The tests, thresholds and minimums behind step 7's words, for the "How we measured" appendix."""
    return "\n\n".join([
        "**NPS, CSAT and CES.** NPS is the share of promoters (9-10) minus the share of detractors (0-6), in "
        "points. Its 95% range is the adjusted-Wald interval (Rocks 2016). CSAT is the share of 4s and 5s of 5 "
        "with a Wilson score interval; CES is the mean of the 1-7 answers with a t interval.",
        f"**Is NPS moving?** A month is compared with the month before by a two-sample z-test of the "
        f"difference of two NPS; \"larger than chance\" means p < {ALPHA:g} (two-sided). The precision check "
        "gives the margin of error of a month's NPS at today's answer rate and the smallest change a test at "
        "the 5% level catches with 80% power.",
        f"**Where NPS differs.** Each segment or channel with at least 30 answers is compared with all other "
        f"answers by the same z-test; the p-values are adjusted by Benjamini-Hochberg across the groups "
        f"compared, and a group is marked when its false-discovery rate is below {ALPHA:.0%}.",
        "**Which ratings go with NPS.** Johnson's (2000) relative weights of the attribute ratings in a "
        "regression of NPS on them, over the answers that give every rating: each weight is a rating's share of "
        "R², the share of NPS's variance the ratings explain together. Its 95% range comes from 500 bootstrap "
        "resamples (percentiles). A rating is important when its weight is at least the average weight, and "
        "performing when its mean is at least the average mean. This is association in one survey, not proof "
        "of cause.",
        f"**Which metric warns of churn.** Each customer's latest answer is set against whether they left: the "
        f"figure is the ROC AUC (0.5 = a coin flip, 1.0 = perfect), with a 95% range from 300 bootstrap "
        f"resamples of customers. The best metric is called best only when the 95% range of its lead over the "
        f"runner-up, from paired bootstrap resamples of the customers who answered both, lies above zero. Churn "
        f"ratios compare the first and last band when each has at least {prediction_rules.MIN_BAND} customers. "
        f"Revenue is compared by Spearman's rank correlation, to two decimals, among the customers who were "
        f"customers for all of the 12 months the revenue figure covers (signed up before, never left), so that "
        f"revenue cut short by leaving does not pass for a link; larger than chance means p < {ALPHA:g}.",
        f"**Can we trust the scoreboard?** Each agent and location with at least 20 answers is tested for its "
        f"share of 10s against the pooled share of all the others (one-sided exact binomial test, "
        f"Benjamini-Hochberg false-discovery rate {ALPHA:.0%}). A 10 is contradicted when its comment reads "
        f"negative (VADER compound at most {integrity_rules.NEGATIVE_TONE:g}) or the same answer rates "
        f"satisfaction {integrity_rules.MAX_CSAT} or lower of 5. The corrected NPS leaves out the contradicted "
        f"10s and nothing else: a flagged unit's other answers stay.",
        f"**The metric catalog.** A SMART goal is a linked goal with a numeric target and a due date. A metric "
        f"is in use when it is {catalog_rules.IN_USE_RULE}, and set and forget when it has no SMART goal, no "
        f"owner, no review within {catalog_rules.STALE_DAYS} days or fewer than {catalog_rules.MIN_VIEWS} "
        f"views in 90 days.",
    ])
