"""Step 1's verdict: how customer-obsessed is the organization, on the evidence? Score and record.

The score (0-100) has two parts:

* *Practices in evidence* (80): each of the ten practices earns up to 8 points in proportion to its
  evidence score, 8 x (evidence - 1) / 4, so 1 of 5 earns nothing and 5 of 5 earns all 8. A
  practice the data provided cannot measure is *not assessed*: it neither earns nor loses points.
* *Honest self-assessment* (20): the share of the practices with both scores on which leadership
  does not rate itself a point or more above the evidence (the seed: buy-in and alignment are the
  hard part, and they start with leadership seeing where it really stands); not assessed without a
  self-assessment or without a practice to compare.

The score counts only the parts assessed (:class:`cxlib.report.record.StepScore`): their points as a
share of their maximum, on the 0-100 scale; with nothing assessed the step is "Not assessed", and
below half the weight assessed no maturity level is claimed. Maturity otherwise follows
:func:`cxlib.report.record.maturity_for`: Mature from 75, Competent from 50, Novice from 25, below
that Ignoring.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cxlib.obsession.evidence import EvidenceResult, evidence_population
from cxlib.obsession.gap import OVERCONFIDENT_AT, SayDoGap, constant, margin, say_do_gap, self_population
from cxlib.obsession.practices import PRACTICES, noun, self_assessment, share_of
from cxlib.obsession.priorities import blind_spot_moves
from cxlib.report.record import (
    MATURITY_BANDS,
    MIN_COVERAGE,
    Assessment,
    Figure,
    Finding,
    Kpi,
    Recommendation,
    StepScore,
    verdict,
)
from cxlib.sections import Section
from cxlib.sections.step1 import (
    FIRST_MOVES,
    OBSESSION_MATURITY,
    SAY_DO_GAP,
    dataset_noun,
)
from cxlib.wording import and_list

PRACTICE_POINTS = 8.0
HONESTY_POINTS = 20.0
EVIDENCE_POINTS = len(PRACTICES) * PRACTICE_POINTS
SCORE_RULE = (f"{len(PRACTICES)} practices in evidence, {constant(PRACTICE_POINTS)} points each; honest "
              f"self-assessment {constant(HONESTY_POINTS)}")


def bands_text() -> str:
    """The maturity bands of :data:`cxlib.report.record.MATURITY_BANDS` in words: "Mature from 75,
    Competent from 50, Novice from 25, below that Ignoring"."""
    bands = sorted(MATURITY_BANDS, reverse=True)
    floors = [f"{name} from {constant(floor)}" for floor, name in bands if floor > 0]
    lowest = [name for floor, name in bands if floor <= 0]
    return ", ".join(floors) + (f", below that {lowest[0]}" if lowest else "")


SCORE_RULE_TEXT = (
    f"**How the score is built.** Two parts add up to {constant(EVIDENCE_POINTS + HONESTY_POINTS)} points. "
    f"*Practices in evidence* ({constant(EVIDENCE_POINTS)}): each of the {len(PRACTICES)} practices earns up to "
    f"{constant(PRACTICE_POINTS)} points in proportion to its evidence score, {constant(PRACTICE_POINTS)} × (evidence − 1) "
    f"/ 4: an evidence score of 1 earns nothing, 3 earns half, 5 earns all {constant(PRACTICE_POINTS)}. "
    f"*Honest self-assessment* ({constant(HONESTY_POINTS)}): the share of the practices with both scores "
    f"on which leadership does not rate itself {margin(OVERCONFIDENT_AT)} above the "
    "evidence. A part the data provided cannot measure is not assessed: the score is then the "
    "assessed parts' points as a share of their maximum, on the same 0-100 scale, and the table says "
    f"which parts. Below {MIN_COVERAGE:.0%} of the weight assessed no maturity level is claimed; "
    f"otherwise {bands_text()}."
)
MATURITY_CONTEXT_TEXT = (
    "Why maturity matters: in the research behind this step, companies fall into four CX maturity "
    "groups (mature, competent, novice and those that ignore CX), and 37% of the mature companies "
    "put customer experience above every other goal, sales included, against 19% of those that "
    "ignore it. Maturity is less a matter of doing more than of letting the customer win when goals "
    "compete."
)


def practice_points(evidence: float) -> float | None:
    """Points of one practice: 8 x (evidence - 1) / 4; None (not assessed) without evidence."""
    if evidence is None or not np.isfinite(evidence):
        return None
    return PRACTICE_POINTS * float(np.clip((evidence - 1) / 4, 0, 1))


def _not_assessed(reason: str) -> str:
    return "not assessed: " + reason[0].lower() + reason[1:].rstrip(".")


def obsession_score(gap: SayDoGap) -> StepScore:
    """Score 0-100 by :data:`SCORE_RULE_TEXT` from the say-do gap table (self, evidence, status,
    basis: why a practice could not be measured)."""
    rows = []
    for row in gap.table.itertuples():
        if np.isfinite(row.evidence):
            rows.append((row.label, practice_points(row.evidence), PRACTICE_POINTS,
                         f"evidence {row.evidence:.1f} of 5"))
        else:
            rows.append((row.label, None, PRACTICE_POINTS, _not_assessed(row.basis)))
    compared = gap.compared
    if gap.table["self_score"].isna().all():
        rows.append(("Honest self-assessment", None, HONESTY_POINTS,
                     f"not assessed: the {dataset_noun('practices')} was not provided"))
    elif compared.empty:
        rows.append(("Honest self-assessment", None, HONESTY_POINTS,
                     "not assessed: no practice leadership scored could be measured"))
    else:
        honest = int((compared["gap"] < gap.threshold - 1e-9).sum())
        rows.append(("Honest self-assessment", HONESTY_POINTS * honest / len(compared), HONESTY_POINTS,
                     f"{share_of(honest, len(compared))} rated less than {constant(gap.threshold)} "
                     f"point{'' if gap.threshold == 1 else 's'} above the evidence"))
    return StepScore.from_rows(rows, points_decimals=1, subject="Customer obsession")


def _claimed(score: StepScore) -> bool:
    return score.score is not None and score.coverage >= MIN_COVERAGE


def score_headline(score: StepScore) -> str:
    """The score and its maturity, e.g. ``Customer obsession scores 56/100 on the evidence:
    Competent.``; or why no maturity is claimed."""
    if score.score is None:
        return score.headline()
    if not _claimed(score):
        return (f"Customer obsession scores {score.score:.0f}/100 on the {score.coverage:.0%} of the score's "
                f"weight the data could assess; below {MIN_COVERAGE:.0%} no maturity level is claimed.")
    return f"Customer obsession scores {score.score:.0f}/100 on the evidence: {score.maturity}."


def next_level_text(score: StepScore) -> str:
    """What the next maturity level takes, in one sentence."""
    floors = sorted((floor, name) for floor, name in MATURITY_BANDS)
    above = [(floor, name) for floor, name in floors if floor > score.score]
    if not above:
        return "The score is in the Mature band; the task is to keep every practice there."
    floor, name = above[0]
    if score.coverage < 1:
        return f"Reaching {name} ({floor:.0f}) takes {floor - score.score:.0f} more points on the parts assessed."
    needed = 1 + 4 * (floor - HONESTY_POINTS) / EVIDENCE_POINTS
    return (f"Reaching {name} ({floor:.0f}) takes {floor - score.score:.0f} more points: for instance "
            f"an average evidence score of {max(needed, 1.0):.2f} of 5 across all ten practices, "
            f"with none rated {margin(OVERCONFIDENT_AT)} above its evidence.")


def maturity_text(score: StepScore) -> str:
    """The maturity level, the rule that assigns it, what the next level takes and the research;
    the research alone when no level is claimed."""
    if not _claimed(score):
        return MATURITY_CONTEXT_TEXT
    return (f"**Maturity: {score.maturity}** ({score.score:.0f}/100; {bands_text()}). "
            f"{next_level_text(score)}\n\n{MATURITY_CONTEXT_TEXT}")


@dataclass(frozen=True)
class Maturity:
    """Where the step score places the company: the score, its maturity and the say-do tiles."""

    score: StepScore
    tiles: tuple[tuple[str, str, str], ...] = ()
    client: str = "The company"

    def kpis(self) -> list[tuple[str, str, str]]:
        """The score tile, then the say-do tiles (evidence, self-assessment, overconfident)."""
        partly = f" · {self.score.coverage:.0%} of the weight assessed" if self.score.coverage < 1 else ""
        return [("Step score", f"{self.score.score:.0f} / 100", f"{self.score.maturity}{partly}"), *self.tiles]

    def headline(self) -> str:
        return score_headline(self.score)

    def title(self) -> str:
        return f"{self.client} is {self.score.maturity} on customer obsession"


def maturity(result: Assessment, gap: Section, *, client: str = "The company") -> Section:
    """The maturity exhibit of the step: it runs when a maturity level can be claimed (at least
    half the score's weight assessed), else it says why not.

    Parameters
    ----------
    result : :func:`assess`.
    gap : the say-do gap section, whose tiles (evidence, self-assessment, overconfident) go with it,
        and whose source line (the self-assessment and the evidence's datasets) is the score's.
    client : the client's name, as the chart title names it.
    """
    score = result.score
    said = gap.value()
    tiles = tuple(said.tiles()) if said is not None else ()
    if score.score is None:
        return Section(OBSESSION_MATURITY, None, score.headline())
    if not _claimed(score):
        return Section(OBSESSION_MATURITY, None, (
            f"The maturity level needs at least {MIN_COVERAGE:.0%} of the score's weight assessed; the data "
            f"provided assess {score.coverage:.0%}, on which customer obsession scores {score.score:.0f}/100."))
    return Section(OBSESSION_MATURITY, Maturity(score, tiles, client), source=gap.source)


def first_finding(score: StepScore, evidence: EvidenceResult, said: SayDoGap | None, client: str) -> Finding:
    """The score and the mean evidence score (1-5) of the practices measured, against leadership's
    own mean where it scored all of them."""
    measured = evidence.practices.dropna(subset=["evidence"])
    if score.score is None:
        return Finding("Customer obsession could not be assessed: the data provided measure none of the ten practices"
                       + (", and leadership's self-assessment was not provided." if said is None else "."))
    which = ("the ten practices" if len(measured) == len(evidence.practices) else
             f"the {len(measured)} practice{'s' if len(measured) > 1 else ''} its data can measure")
    everywhere = evidence_population(", ".join(dict.fromkeys(
        s.strip() for sources in measured["sources"] for s in sources.split(","))))
    figures = [Figure("mean evidence score of the practices measured", measured["evidence"].mean(), "of 5", everywhere),
               Figure("step 1 score, customer obsession", score.score, "of 100", "the step's score components")]
    if len(measured) < len(evidence.practices):
        figures.append(Figure("practices measured", len(measured), "", everywhere))
    rated = said.compared if said is not None else measured.iloc[0:0]
    versus = ""
    if len(rated) == len(measured) and len(rated):
        versus = f", against {rated['self_score'].mean():.1f} in leadership's own assessment"
        figures.append(Figure("mean self-assessment of the practices measured", rated["self_score"].mean(), "of 5",
                              self_population()))
    if _claimed(score):
        verdict_text = f"{score.score:.0f}/100, {score.maturity}"
    else:
        verdict_text = (f"{score.score:.0f}/100 on the {score.coverage:.0%} of the score's weight the data could assess, "
                        "too little to claim a maturity level")
        figures.append(Figure("share of the step 1 score's weight assessed", 100 * score.coverage, "%",
                              "the step's score components"))
    return Finding(f"On the evidence in its own data, {client} lives {which} at {measured['evidence'].mean():.1f} of 5"
                   f"{' on average' if len(measured) > 1 else ''}{versus}: {verdict_text}.",
                   tuple(figures), "cxlib.obsession.verdict.obsession_score", "leadership")


def unmeasured(table, evidence: EvidenceResult) -> tuple[Finding | None, Recommendation | None]:
    """The practices the data could not measure, and the move that would let the next audit measure them."""
    missing = table[table["evidence"].isna()]
    if missing.empty:
        return None, None
    needed = evidence.missing_data()
    everything = len(missing) == len(table)
    count = "None of the ten practices" if everything else f"{len(missing)} of the ten practices"
    could = f"could {'' if everything else 'not '}be measured"
    text = f"{count} {could} with the data provided: {and_list([noun(p) for p in missing['practice']])}."
    if needed:
        listed = and_list(needed)
        text += f" {listed[0].upper()}{listed[1:]} {'was' if len(needed) == 1 else 'were'} not provided."
    action = (f"Provide {and_list(needed)} for the next audit" if needed
              else "Collect enough data to measure every practice")
    move = Recommendation(action=action, rationale=f"{count} {could}, so nobody can tell whether they are lived.",
                          theme="data", impact="Medium", effort="Low",
                          kpi=Kpi("Practices measured", len(table) - len(missing), len(table), "",
                                  "every practice measured by the next audit"))
    return Finding(text), move


def leadership_move(said: SayDoGap | None) -> Recommendation:
    """Have leadership score the practices (without a self-assessment), or re-rate them each quarter."""
    if said is None:
        return Recommendation(
            action=("Have leadership score the ten practices, then review each score against this evidence "
                    "with its owner every quarter"),
            rationale=("Buy-in and alignment are the hard part, and without leadership's own view nobody can "
                       "see where it parts from the data."),
            theme="leadership", impact="Medium", effort="Low",
            kpi=Kpi("Practices leadership has scored", 0, len(PRACTICES), "", "all ten scored"))
    over = said.overconfident
    why = (f"Buy-in and alignment are the hard part: leadership overrates {share_of(len(over), len(said.compared))} "
           "the data measure today." if len(over) else
           "Buy-in and alignment are the hard part: an honest score keeps attention where the data point.")
    return Recommendation(
        action="Re-rate the ten practices every quarter against this evidence, each owner bringing the data",
        rationale=why, theme="leadership", impact="Medium", effort="Low",
        kpi=Kpi(f"Practices rated {margin(said.threshold)} above the evidence", len(over), 0,
                "", "no practice overrated", higher_is_better=False))


OWNER_MOVE = Recommendation(
    action="Name an owner, a measure and a target for each of the ten practices",
    rationale="A practice nobody owns or measures is not managed.", theme="measurement", impact="Medium",
    effort="Low")


def assess(*, gap: Section, evidence: EvidenceResult, moves: Section,
           client: str = "The company") -> Assessment:
    """Score the step and write its findings and recommendations, in priority order.

    A finding or recommendation rests only on a section that ran: a section that could not run
    adds its reason, and its part of the score is not assessed.

    Parameters
    ----------
    gap : the say-do gap section (:func:`cxlib.obsession.gap.audit`), or its value.
    evidence : :func:`cxlib.obsession.evidence.gather_evidence`.
    moves : the first-moves section (:func:`cxlib.obsession.priorities.first_moves`), or its value.
    client : the client's name, as findings name it.
    """
    if not isinstance(gap, Section):  # a value: None when the section could not run
        gap = Section(SAY_DO_GAP, gap, None if gap is not None else SAY_DO_GAP.shortfall({}))
    if not isinstance(moves, Section):
        moves = Section(FIRST_MOVES, moves, None if moves is not None else "No move could be ranked.")
    said, ranked = gap.value(), moves.value()
    audited = said if said is not None else say_do_gap(self_assessment(None), evidence)
    score = obsession_score(audited)
    missing, provide = unmeasured(audited.table, evidence)
    findings = [first_finding(score, evidence, said, client),
                *([said.overconfident_finding()] if said is not None else []),
                *([said.in_line_finding(evidence)] if said is not None and len(said.in_line) else []),
                *([ranked.finding(evidence)] if ranked is not None else []),
                *([missing] if missing else [])]
    first = ranked.recommendations(evidence) if ranked is not None else []
    moved = set(ranked.first_moves["practice"]) if ranked is not None else set()
    blind = blind_spot_moves(said, evidence, skip=moved) if said is not None else []
    recs = [*first, *blind[:max(0, 4 - len(first))], *([provide] if provide else []), leadership_move(said)]
    return verdict(1, score, findings, recs, score_rule=SCORE_RULE, gaps=[r for r in (gap.reason, moves.reason) if r],
                   reserve=[OWNER_MOVE])
