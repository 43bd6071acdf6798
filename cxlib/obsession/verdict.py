"""Step 1's verdict: how customer-obsessed is the organization, on the evidence? Score and record.

The score (0-100) has two parts:

* *Practices in evidence* (80): each of the ten practices earns up to 8 points in proportion to its
  evidence score, 8 x (evidence - 1) / 4, so 1 of 5 earns nothing and 5 of 5 earns all 8. A
  practice the data cannot speak to earns nothing: a claim no data backs is not yet a practice.
* *Honest self-assessment* (20): the share of the practices with both scores on which leadership
  does not rate itself a point or more above the evidence (the seed: buy-in and alignment are the
  hard part, and they start with leadership seeing where it really stands).

Maturity follows :func:`cxlib.report.record.maturity_for`: Mature from 75, Competent from 50,
Novice from 25, below that Ignoring.
"""
from __future__ import annotations

import numpy as np

from cxlib.obsession.evidence import EvidenceResult
from cxlib.obsession.gap import OVERCONFIDENT_AT, SayDoGap
from cxlib.obsession.practices import PRACTICES, noun
from cxlib.obsession.priorities import MOVES, Priorities
from cxlib.report.record import (
    MATURITY_BANDS,
    Assessment,
    Recommendation,
    StepResult,
    StepScore,
)

STEP, TITLE = 1, "How to become a customer-obsessed organization"
PRACTICE_POINTS = 8.0
HONESTY_POINTS = 20.0
SCORE_RULE = "10 practices in evidence, 8 points each; honest self-assessment 20"
SCORE_RULE_TEXT = (
    "**How the score is built.** Two parts add up to 100 points. "
    f"*Practices in evidence* (80): each of the ten practices earns up to {PRACTICE_POINTS:.0f} points "
    f"in proportion to its evidence score, {PRACTICE_POINTS:.0f} × (evidence − 1) / 4: an evidence "
    f"score of 1 earns nothing, 3 earns half, 5 earns all {PRACTICE_POINTS:.0f}. A practice the data "
    "cannot speak to earns nothing: a claim no data backs is not yet a practice. "
    f"*Honest self-assessment* ({HONESTY_POINTS:.0f}): the share of the practices with both scores "
    f"on which leadership does not rate itself {OVERCONFIDENT_AT:.1f} point or more above the "
    "evidence. A part whose data is missing earns no points. "
    "Maturity: Mature from 75, Competent from 50, Novice from 25, below that Ignoring."
)
MATURITY_CONTEXT_TEXT = (
    "Why maturity matters: in the research behind this step, companies fall into four CX maturity "
    "groups (mature, competent, novice and those that ignore CX), and 37% of the mature companies "
    "put customer experience above every other goal, sales included, against 19% of those that "
    "ignore it. Maturity is less a matter of doing more than of letting the customer win when goals "
    "compete."
)


def practice_points(evidence: float) -> float:
    """Points of one practice: 8 x (evidence - 1) / 4; nothing without evidence."""
    if evidence is None or not np.isfinite(evidence):
        return 0.0
    return PRACTICE_POINTS * float(np.clip((evidence - 1) / 4, 0, 1))


def obsession_score(gap: SayDoGap) -> StepScore:
    """Score 0-100 by :data:`SCORE_RULE_TEXT` from the say-do gap table (self, evidence, status)."""
    rows = []
    for row in gap.table.itertuples():
        if np.isfinite(row.evidence):
            rows.append((row.label, practice_points(row.evidence), PRACTICE_POINTS,
                         f"evidence {row.evidence:.1f} of 5"))
        else:
            rows.append((row.label, 0.0, PRACTICE_POINTS, "no evidence: self-assessment only"))
    compared = gap.compared
    if gap.table["self_score"].isna().all():
        rows.append(("Honest self-assessment", None, HONESTY_POINTS, "not assessed: no self-assessment provided"))
    elif compared.empty:
        rows.append(("Honest self-assessment", 0.0, HONESTY_POINTS,
                     "no practice has both a self-assessment and evidence"))
    else:
        honest = int((compared["gap"] < gap.threshold - 1e-9).sum())
        rows.append(("Honest self-assessment", HONESTY_POINTS * honest / len(compared), HONESTY_POINTS,
                     f"{honest} of {len(compared)} practices rated less than {gap.threshold:.1f} "
                     "point above the evidence"))
    return StepScore.from_rows(rows, points_decimals=1, subject="Customer obsession")


def score_headline(score: StepScore) -> str:
    """The score and its maturity, e.g. ``Customer obsession scores 56/100 on the evidence:
    Competent.``"""
    return f"Customer obsession scores {score.score:.0f}/100 on the evidence: {score.maturity}."


def next_level_text(score: StepScore) -> str:
    """What the next maturity level takes, in one sentence."""
    floors = sorted((floor, name) for floor, name in MATURITY_BANDS)
    above = [(floor, name) for floor, name in floors if floor > score.score]
    if not above:
        return "The score is in the Mature band; the task is to keep every practice there."
    floor, name = above[0]
    needed = 1 + 4 * (floor - HONESTY_POINTS) / (len(PRACTICES) * PRACTICE_POINTS)
    return (f"Reaching {name} ({floor:.0f}) takes {floor - score.score:.0f} more points: for instance "
            f"an average evidence score of {max(needed, 1.0):.2f} of 5 across all ten practices, "
            "with none rated a point or more above its evidence.")


def maturity_text(score: StepScore) -> str:
    """The maturity level, the rule that assigns it, what the next level takes and the research."""
    return (f"**Maturity: {score.maturity}** ({score.score:.0f}/100; Mature from 75, Competent from "
            f"50, Novice from 25, below that Ignoring). {next_level_text(score)}\n\n"
            f"{MATURITY_CONTEXT_TEXT}")


def _overconfident_finding(gap: SayDoGap) -> str:
    over = gap.overconfident
    if gap.table["self_score"].isna().all():
        return ("Leadership has not scored the ten practices (no practices dataset), so the gap "
                "between its view and the evidence could not be measured.")
    if gap.compared.empty:
        return "Leadership's self-assessment could not be compared with any evidence."
    if over.empty:
        return (f"Leadership rates every practice the data speak to within {gap.threshold:.1f} point "
                "of the evidence, or below it.")
    parts = [f"{noun(r.practice)} (self-assessment {r.self_score:.1f}, evidence {r.evidence:.1f})"
             for r in over.itertuples()]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return (f"Leadership is overconfident on {len(over)} of {len(gap.compared)} practices, rating "
            f"itself {gap.threshold:.1f} point or more above the evidence: {listed}.")


def assess(*, gap: SayDoGap, evidence: EvidenceResult, priorities: Priorities,
           client: str = "The company") -> Assessment:
    """Score the step and write its findings and recommendations, in priority order.

    Parameters
    ----------
    gap : :func:`cxlib.obsession.gap.say_do_gap`.
    evidence : :func:`cxlib.obsession.evidence.gather_evidence`.
    priorities : :func:`cxlib.obsession.priorities.prioritise`.
    client : the client's name, as findings name it.
    """
    score = obsession_score(gap)
    practices = gap.table
    with_evidence = practices.dropna(subset=["evidence"])
    rated = practices.dropna(subset=["self_score"])
    if with_evidence.empty:
        first = (f"None of the ten practices could be checked against {client}'s data; the score "
                 f"of {score.score:.0f}/100 ({score.maturity}) rests on what was provided.")
    else:
        which = ("the ten practices" if len(with_evidence) == len(practices) else
                 f"the {len(with_evidence)} practices its data can measure")
        first = (f"On the evidence in its own data, {client} lives {which} at "
                 f"{with_evidence['evidence'].mean():.1f} of 5 on average"
                 + (f", against {rated['self_score'].mean():.1f} in leadership's own assessment"
                    if len(rated) else "")
                 + f": {score.score:.0f}/100, {score.maturity}.")
    findings = [first, _overconfident_finding(gap)]
    if len(gap.in_line):
        findings.append(gap.in_line_headline())
    if len(priorities.first_moves):
        findings.append(priorities.headline())
    unverified = practices[practices["evidence"].isna()]
    if len(unverified):
        names = [noun(p) for p in unverified["practice"]]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        rest = ("rest on the self-assessment alone, with no data to check them"
                if unverified["self_score"].notna().any() else "have no evidence in the data")
        findings.append(f"{len(unverified)} of the ten practices {rest}: {listed}.")
    if len(findings) < 3:
        findings.append(evidence.headline())

    mean_impact = float(priorities.table["impact"].mean()) if len(priorities.table) else 0.0
    recs: list[tuple[str, str, str, str]] = []
    for row in priorities.first_moves.itertuples():
        why = (f"Evidence {row.score:.1f} of 5" if row.verified else f"Self-assessed {row.score:.1f} of 5")
        why += f", {row.gap:.1f} short of best practice; {row.impact_basis}"
        if row.status == "Overconfident":
            self_score = practices.set_index("practice").at[row.practice, "self_score"]
            why += f"; leadership rates it {self_score:.1f}"
        recs.append((row.move, why + ".", "High" if row.impact >= mean_impact else "Medium", row.effort))
    moved = set(priorities.first_moves["practice"])
    for row in gap.overconfident.itertuples():
        if row.practice in moved or len(recs) >= 4:
            continue
        action, effort = MOVES[row.practice]
        facts = evidence.facts(row.practice)
        recs.append((action, f"Leadership rates {noun(row.practice)} {row.self_score:.1f} of 5 but the "
                     f"evidence says {row.evidence:.1f} ({facts}): a blind spot nobody is working on.",
                     "High", effort))
    if len(unverified) and len(recs) < 5:
        recs.append(("Start measuring the practices no data speaks to",
                     f"{len(unverified)} of the ten practices have no evidence in the data, so "
                     "nobody can tell whether they are lived.", "Medium", "Low"))
    over = gap.overconfident
    if len(recs) < 5 and rated.empty:
        recs.append(("Have leadership score the ten practices, then review each score against this "
                     "evidence with its owner every quarter",
                     "Buy-in and alignment are the hard part, and without leadership's own view "
                     "nobody can see where it parts from the data.", "Medium", "Low"))
    elif len(recs) < 5:
        why = (f"Buy-in and alignment are the hard part: leadership overrates {len(over)} of "
               f"{len(gap.compared)} practices today." if len(over) else
               "Buy-in and alignment are the hard part: an honest score keeps attention where the "
               "data point.")
        recs.append(("Re-rate the ten practices every quarter against this evidence, each owner "
                     "bringing the data", why, "Medium", "Low"))
    if len(recs) < 3:
        recs.append(("Name an owner, a measure and a target for each of the ten practices",
                     "A practice nobody owns or measures is not managed.", "Medium", "Low"))
    recommendations = tuple(Recommendation(i, a, w, impact=imp, effort=eff)
                            for i, (a, w, imp, eff) in enumerate(recs[:5], 1))
    step = StepResult(step=STEP, title=TITLE, score=score.score, findings=tuple(findings[:5]),
                      recommendations=recommendations, score_rule=SCORE_RULE)
    return Assessment(score, step)
