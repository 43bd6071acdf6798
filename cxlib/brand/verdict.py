"""Step 3's verdict on how well the client knows its brand's true value: score, findings, actions.

The score rewards what the seed asks, 20 points each: the promise as customers see it (leadership's
ratings close to the customers'), the public's verdict (reviews that praise), a journey mapped from
data (every stage measured, touchpoints linked to survey answers), the experience along it
(satisfied touchpoint ratings) and moments of truth under control (no touchpoint whose failure
costs a large NPS gap). A part whose sections could not run is not assessed: the score is taken
over the parts that could be, and the findings say why the others could not.
"""
from __future__ import annotations

import math

import pandas as pd

from cxlib.brand.promise import PromiseGaps
from cxlib.brand.reviews import ComplaintMap, RatingChange, RatingSummary
from cxlib.journey.mapping import MIN_RATED, STAGES, JourneyMap, Reach
from cxlib.journey.moments import MomentsOfTruth, stated_gap
from cxlib.journey.paths import CommonPaths, Transitions
from cxlib.report.record import Assessment, StepScore, verdict
from cxlib.report.verdict import Figure, Finding, Kpi, Recommendation, theme_of
from cxlib.wording import change as went

GAP_FOR_NOTHING = 2.0      # a mean promise gap of 2 points (of 5) or more earns nothing
MOMENT_GAP_FOR_NOTHING = 60.0  # an NPS gap of 60 points or more at the worst touchpoint earns nothing
MIN_STAGE_RATINGS = MIN_RATED
SCORE_RULE = ("promise seen as customers see it, public reputation, journey mapped from data, "
              "journey experience, moments of truth under control: 20 points each")
SCORE_RULE_TEXT = (
    "**How the score is built.** Five parts earn up to 20 points each. "
    "*Promise seen as customers see it*: 20 points less 10 for every point (on the 1-5 scale) by "
    "which leadership's rating of a promise differs from the customers' mean, on average over the "
    "promises; a mean gap of 2 points or more earns nothing. "
    "*Public reputation*: the share of public reviews giving 4 or 5 stars, times 20. "
    f"*Journey mapped from data*: 10 points for the share of the {len(STAGES)} stages with at least "
    f"{MIN_STAGE_RATINGS} satisfaction ratings, 10 for the share of surveyed customers whose touchpoint "
    "ratings can be linked to their survey answer (without a survey, 20 for the stages). "
    "*Journey experience*: the share of all touchpoint satisfaction ratings that are 4 or 5 of 5, "
    "times 20. "
    "*Moments of truth under control*: 20 points when no touchpoint's failure goes with a lower NPS "
    "beyond chance, less a third of a point for every point of NPS gap at the worst touchpoint (a gap of "
    "60 points or more earns nothing). "
    "A part whose data could not support it is not assessed: the score is the assessed parts' points "
    "as a share of their maximum, and a step with no part assessed has no score. "
    "Maturity: Mature from 75, Competent from 50, Novice from 25, below that Ignoring."
)


def _value(part):
    """A section's result (None when it could not run), or the result itself."""
    return part.value() if hasattr(part, "ran") else part


def _reason(part, default: str) -> str:
    """Why a part could not be assessed: the section's own sentence, else ``default``."""
    return getattr(part, "reason", None) or default


def _not_assessed(reason: str) -> str:
    return "not assessed: " + reason[0].lower() + reason[1:].rstrip(".")


def brand_score(*, promise=None, ratings=None, journey_map=None, moments=None) -> StepScore:
    """Score step 3 from 0 to 100 by the rule in :data:`SCORE_RULE_TEXT`.

    Parameters
    ----------
    promise : the section (or result) of :func:`cxlib.brand.promise.promise_gaps`.
    ratings : the section (or result) of :func:`cxlib.brand.reviews.rating_summary`.
    journey_map : the section (or result) of :func:`cxlib.journey.mapping.journey_map`.
    moments : the section (or result) of :func:`cxlib.journey.moments.moments_of_truth`.
    A section that could not run, or None, leaves its part not assessed, with the reason.
    """
    sections = {"promise": promise, "ratings": ratings, "journey_map": journey_map, "moments": moments}
    promise, ratings, journey_map, moments = (_value(p) for p in sections.values())
    rows = []
    if promise is None or promise.rated.empty:
        rows.append(("Promise seen as customers see it", None, _not_assessed(_reason(
            sections["promise"], "no brand promise with customer ratings to compare"))))
    else:
        gap = promise.mean_gap
        basis = (f"leadership and customers differ by {gap:.1f} points of 5 on average "
                 f"({len(promise.rated)} promises)")
        rows.append(("Promise seen as customers see it",
                     20 * max(0.0, 1 - gap / GAP_FOR_NOTHING), basis))
    if ratings is None:
        rows.append(("Public reputation", None, _not_assessed(_reason(sections["ratings"],
                                                                     "no reviews dataset provided"))))
    else:
        rows.append(("Public reputation", 20 * ratings.praise_share / 100,
                     f"{ratings.praise_share:.0f}% of {ratings.n:,} reviews give 4-5 stars"))
    if journey_map is None:
        why = _not_assessed(_reason(sections["journey_map"], "no journey dataset provided"))
        rows += [("Journey mapped from data", None, why), ("Journey experience", None, why)]
    else:
        rated = journey_map.stages.set_index("stage")["satisfaction_n"].reindex(list(STAGES))
        measured = int((rated.fillna(0) >= MIN_STAGE_RATINGS).sum())
        stages_text = f"{measured} of {len(STAGES)} stages measured"
        if moments is not None and moments.customers:
            surveyed, linked = moments.customers, moments.linked
        else:
            surveyed, linked = journey_map.surveyed, journey_map.linked
        if surveyed is None:  # no survey to link to: the stages carry the part
            rows.append(("Journey mapped from data", 20 * measured / len(STAGES),
                         f"{stages_text}; no survey to link touchpoints to"))
        else:
            share = linked / surveyed if surveyed else 0.0
            rows.append(("Journey mapped from data", 10 * measured / len(STAGES) + 10 * share,
                         f"{stages_text}; {share:.0%} of surveyed customers linked to their touchpoints"))
        share = journey_map.satisfied_share
        if math.isnan(share):
            rows.append(("Journey experience", None, "not assessed: no touchpoint satisfaction ratings"))
        elif journey_map.ratings < MIN_RATED:
            rows.append(("Journey experience", None, f"not assessed: {journey_map.ratings:,} touchpoint "
                                                     f"satisfaction ratings, fewer than {MIN_RATED}"))
        else:
            rows.append(("Journey experience", 20 * share / 100,
                         f"{share:.0f}% of {journey_map.ratings:,} touchpoint ratings are 4-5 of 5"))
    if moments is None:
        rows.append(("Moments of truth under control", None, _not_assessed(_reason(
            sections["moments"], "touchpoints cannot be linked to NPS without the journey and the survey"))))
    else:
        worst = moments.worst()
        if worst is None:
            rows.append(("Moments of truth under control", 20.0,
                         "no touchpoint's failure goes with a lower NPS beyond chance"))
        else:
            rows.append(("Moments of truth under control",
                         20 * max(0.0, 1 - worst["gap"] / MOMENT_GAP_FOR_NOTHING),
                         f"{worst['touchpoint']}: {stated_gap(worst)}-point NPS gap when it goes badly"))
    return StepScore.from_rows(rows, max_points=20)


Part = tuple[Finding | None, list[Recommendation]]  # a part's finding (None: nothing to state) and its moves


def _promise_part(promise: PromiseGaps) -> Part:
    """The largest gap between promise and experience, and the move to judge the brand by it."""
    finding = promise.finding()
    top = promise.largest()
    if not top["gap"] > 0:
        return finding, []
    name = str(top["attribute"]).replace("_", " ")
    if top.get("clear", True):
        why = (f"Leadership's {top['internal']:.1f} against customers' {top['customer']:.1f}: the promise is not "
               "kept as leadership believes; put the customer's rating of each promise on the brand scorecard.")
    else:
        why = (f"Leadership's {top['internal']:.1f} lies within the customers' 95% range, so the gap may be "
               "chance; put the customer's rating of every promise on the brand scorecard to follow it.")
    target = top["customer"] + top["gap"] / 2
    return finding, [Recommendation(
        action=f"Judge the brand by the customer's rating, starting with the {name} promise", rationale=why,
        theme=promise.theme(), impact="High", effort="Medium",
        kpi=Kpi(f"Customers' rating of the {name} promise (survey, 1-5)", top["customer"], target, "of 5",
                "halfway from the customers' rating to leadership's own"))]


def _moments_part(moments: MomentsOfTruth, journey_map: JourneyMap | None) -> Part:
    """The worst moment of truth, and the move to fix it first."""
    finding = moments.finding(journey_map)
    worst = moments.worst()
    if worst is None:
        return finding, []
    others = moments.tested[moments.tested["touchpoint"] != worst["touchpoint"]]["bad_share"]
    typical = float(others.median()) if len(others) else None
    if typical is not None and typical < worst["bad_share"]:  # a target only where the others do better
        kpi = Kpi(f"{worst['touchpoint']} rated 1-2 of 5", worst["bad_share"], typical, "%",
                  "the median share of the other tested touchpoints", higher_is_better=False)
    else:
        kpi = Kpi(f"{worst['touchpoint']} rated 1-2 of 5", worst["bad_share"], None, "%",
                  "no touchpoint does better; the client sets the goal", higher_is_better=False)
    # an association: it says whose NPS is lower, not how much a fix would raise it
    why = (f"Customers whose {worst['touchpoint']} went badly ({worst['bad_share']:.0f}% rated it 1-2 of 5) gave an "
           f"NPS {stated_gap(worst)} points lower than the rest, {moments.compared(worst)}.")
    return finding, [Recommendation(action=f"Fix {worst['touchpoint']} first", rationale=why,
                                    theme=theme_of(worst["touchpoint"]), impact="High", effort="Medium", kpi=kpi)]


def _journey_part(journey_map: JourneyMap, transitions: Transitions | None, paths: CommonPaths | None,
                  moments: MomentsOfTruth | None) -> Part:
    """The hardest stage, the largest detour and the textbook path, and the move to close the detour."""
    stage = journey_map.hardest_stage()
    figures = []
    if stage is None:
        events = int(journey_map.table["events"].sum())
        text = (f"The journey log records {events:,} events, but no stage has {journey_map.min_rated} effort "
                "ratings to say where the journey is hardest")
        figures.append(Figure("touchpoint events recorded", events, "events", "journey log"))
    else:
        text = (f"{str(stage['stage']).capitalize()} is the hardest stage (mean effort "
                f"{stage['effort']:.1f} of 7, where 7 is hardest)")
        figures.append(Figure(f"mean effort rating, {stage['stage']} stage (journey log, 7 = hardest)",
                              stage["effort"], "of 7",
                              f"journey log, {stage['stage']} effort ratings (n = {int(stage['effort_n']):,})"))
    recs = []
    detour = transitions.detour() if transitions is not None else None
    if detour is not None:
        origin, target = detour
        share = transitions.share(origin, target)
        moves = int(transitions.counts.loc[origin].sum())
        text += (f"; {share:.0f}% of the moves out of {origin} go to {target} instead of on to "
                 f"{STAGES[STAGES.index(origin) + 1]}")
        figures.append(Figure(f"moves out of {origin} that go to {target}", share, "%",
                              f"journey log, moves out of {origin} (n = {moves:,})"))
        if share >= 20:
            significant = (moments.tested[moments.tested["significant"]]
                           if moments is not None else pd.DataFrame())
            second = (f"; {significant.iloc[1]['touchpoint']} is the second moment of truth"
                      if len(significant) > 1 else "")
            effort = (f", the hardest stage (effort {stage['effort']:.1f} of 7)"
                      if stage is not None and stage["stage"] == target else "")
            recs.append(Recommendation(
                action=f"Close the detour from {origin} into {target}",
                rationale=f"{share:.0f}% of the moves out of {origin} go to {target}{effort}{second}.",
                theme="journey", impact="Medium", effort="Medium",
                kpi=Kpi(f"Moves out of {origin} that go to {target}", share, None, "%",
                        "no benchmark in the data; the client sets the goal", higher_is_better=False)))
    if paths is not None and paths.reached:
        text += (f"; only {paths.textbook_share:.0f}% of the {paths.reached:,} new customers "
                 f"who reached {paths.until} took the textbook path")
        figures.append(Figure(f"new customers who took the textbook path to {paths.until}", paths.textbook_share,
                              "%", f"journey log, people who reached {paths.until} (n = {paths.reached:,})"))
    return Finding(text + ".", tuple(figures), "cxlib.journey.mapping.journey_map", "journey"), recs


def _reviews_part(ratings: RatingSummary, complaints: ComplaintMap | None, change: RatingChange | None) -> Part:
    """The public's verdict, what complaints name, a fall in the last month, and the move to answer it."""
    reviews = f"public reviews (n = {ratings.n:,})"
    text = (f"The {ratings.n:,} public reviews average {ratings.mean:.1f} of 5 stars "
            f"({ratings.complaint_share:.0f}% complaints)")
    figures = [Figure("mean review stars", ratings.mean, "of 5", reviews, ratings.low, ratings.high),
               Figure("reviews that complain (1-2 stars)", ratings.complaint_share, "%", reviews)]
    if complaints is not None:
        named, rate = complaints.most_named(), complaints.worst_rate()
        text += f"; {named['touchpoint']} is named in {named['complaint_share']:.0f}% of complaints"
        figures.append(Figure(f"complaints naming {named['touchpoint']}", named["complaint_share"], "%",
                              f"public reviews, complaints naming a touchpoint (n = {complaints.complaints:,})"))
        if rate is not None:
            text += (f" and {rate['rate']:.0f}% of the {int(rate['reviews']):,} {rate['touchpoint']} reviews are "
                     "complaints")
            figures.append(Figure(f"{rate['touchpoint']} reviews that complain", rate["rate"], "%",
                                  f"public reviews naming {rate['touchpoint']} (n = {int(rate['reviews']):,})",
                                  rate["low"], rate["high"]))
    recs = []
    fallen = (change.table[change.table["significant"] & (change.table["change"] < 0)]
              if change is not None else pd.DataFrame())
    if len(fallen):
        o = change.overall
        text += f"; against the months before, average stars in {change.label} went {went(o['before'], o['last'], 1)}"
        figures += [Figure(f"mean review stars, {change.label}", o["last"], "of 5",
                           f"public reviews of {change.label} (n = {int(o['last_n']):,})"),
                    Figure(f"mean review stars, before {change.label}", o["before"], "of 5",
                           f"public reviews before {change.label} (n = {int(o['before_n']):,})")]
        names = " and ".join(fallen["group"].astype(str))
        moves = "; ".join(f"{r.group} {went(r.before, r.last, 1)}" for r in fallen.itertuples())
        recs.append(Recommendation(
            action=f"Treat a fall in {names} ratings as an incident and answer every complaint",
            rationale=f"Average stars fell in {change.label} ({moves}); the public's verdict is the brand's value.",
            theme="brand", impact="Medium", effort="Medium",
            kpi=Kpi("Mean review stars", o["last"], o["before"], "of 5", f"back to the average before {change.label}")))
    return Finding(text + ".", tuple(figures), "cxlib.brand.reviews.rating_summary", "brand"), recs


def _reach_part(reach: Reach | None) -> Part:
    finding = reach.finding() if reach is not None else None
    if finding is None:
        return None, []
    drop = reach.largest_drop()
    clause = reach.drop_clause()
    return finding, [Recommendation(
        action=f"Rework the step from {drop['stage']} to {drop['next_stage']}", rationale=clause[:1].upper()
        + clause[1:] + ".", theme="journey", impact="Medium", effort="Medium",
        kpi=Kpi(f"People who reach {drop['stage']} and get to {drop['next_stage']}", 100 - drop["drop_share"],
                None, "%", "no benchmark in the data; the client sets the goal"))]


# What to ask for when a part's data is missing: (action, rationale when the section gives no reason)
_COLLECT = {
    "promise": ("Set each brand promise beside the customers' rating of it in the relationship survey",
                "The brand's value is what customers perceive, so each promise needs the customer's rating beside "
                "leadership's."),
    "moments": ("Link rated touchpoint events and survey answers by customer id",
                "Without the link no one can say which touchpoint goes with a lower NPS."),
    "journey_map": ("Export touchpoint events (customer, time, stage, touchpoint, ratings) from the CRM, web and app",
                    "The journey must be mapped from data, not from how the organisation believes customers move."),
}
# Why a part could not be assessed when its section gives no reason.
_MISSING = {
    "promise": ("Perceived value could not be compared with internal value: no brand promise dataset with matching "
                "survey ratings was provided."),
    "moments": ("Moments of truth could not be found: touchpoint ratings and survey answers are needed to link "
                "experiences to NPS."),
    "journey_map": "The journey could not be mapped: no journey dataset was provided.",
    "ratings": "The public's verdict is unknown: no reviews dataset was provided.",
}


def _assessed(score: StepScore) -> Kpi:
    """The parts of the score the data could support, out of all of them."""
    return Kpi("Parts of the step 3 score assessed", len(score.components) - len(score.not_assessed),
               len(score.components), "", "every part of the score")


def _collect(part: str, section, score: StepScore) -> Recommendation:
    """The move to collect a missing part's data; the journey's rationale is always the method's own."""
    action, why = _COLLECT[part]
    if part != "journey_map":
        why = _reason(section, why)
    return Recommendation(action=action, rationale=why, theme="data", impact="High", effort="Medium",
                          kpi=_assessed(score))


def _reserve(ratings: RatingSummary | None, promise: PromiseGaps | None, score: StepScore) -> list[Recommendation]:
    """Moves resting only on a part that ran (or on what is missing), used while fewer than three stand."""
    moves = []
    if ratings is not None:
        moves.append(Recommendation(
            action="Answer every public complaint and track the share of reviews that praise",
            rationale=(f"{ratings.complaint_share:.0f}% of the {ratings.n:,} public reviews are complaints; "
                       "the public's verdict is the brand as strangers meet it."),
            theme="brand", impact="Medium", effort="Low",
            kpi=Kpi("Public reviews that praise (4-5 stars)", ratings.praise_share, None, "%",
                    "no benchmark in the data; the client sets the goal")))
    if promise is not None and not promise.rated.empty:
        moves.append(Recommendation(
            action="Review the brand promises against the customer's ratings every quarter",
            rationale="Leadership's view of a promise drifts unless it is checked against the customers'.",
            theme="brand", impact="Medium", effort="Low",
            kpi=Kpi("Mean gap between promise and experience (1-5 scale)", promise.mean_gap, None,
                    "points on the 1-5 scale", "no benchmark in the data; the client sets the goal",
                    higher_is_better=False)))
    if score.not_assessed:
        moves.append(Recommendation(
            action="Provide the missing data and rerun this step",
            rationale="Not assessed: " + ", ".join(c.lower() for c in score.not_assessed) + ".",
            theme="data", impact="Medium", effort="Medium", kpi=_assessed(score)))
    moves.append(Recommendation(
        action="Repeat this assessment every quarter from the same exports",
        rationale="A brand's value moves with every experience; measured once, it cannot be steered.",
        theme="measurement", impact="Low", effort="Low"))
    return moves


def method_notes(*, change=None, moments=None) -> str:
    """The tests behind step 3's "larger than chance", for the appendix: each note names its test, its
    threshold and the p-values of what the body calls larger than chance.

    Parameters
    ----------
    change : the section (or result) of :func:`cxlib.brand.reviews.last_month_change`.
    moments : the section (or result) of :func:`cxlib.journey.moments.moments_of_truth`.
    A section that could not run adds nothing.
    """
    notes = [part.method_note() for part in (_value(change), _value(moments)) if part is not None]
    return "\n\n".join(notes)


def assess(*, promise=None, ratings=None, complaints=None, change=None, journey_map=None, reach=None,
           transitions=None, shapes=None, paths=None, moments=None) -> Assessment:
    """Score step 3 and state its findings and recommendations, in priority order.

    Every argument is one of the step's sections (:mod:`cxlib.sections`), or its result; a section
    that could not run (or None) states its reason after the findings and leaves its part not
    assessed, and no finding or recommendation rests on it. Recommendations come in this order:
    the worst moment of truth, the largest promise gap, the largest detour, a fall in review
    ratings, the largest funnel drop.
    """
    given = {"promise": promise, "ratings": ratings, "journey_map": journey_map, "moments": moments}
    score = brand_score(**given)
    promise, ratings, complaints, change, journey_map, reach, transitions, paths, moments = (
        _value(p) for p in (promise, ratings, complaints, change, journey_map, reach, transitions, paths, moments))
    ran = {"promise": promise is not None and not promise.rated.empty, "moments": moments is not None,
           "journey_map": journey_map is not None, "ratings": ratings is not None}
    parts = {"promise": _promise_part(promise) if ran["promise"] else (None, []),
             "moments": _moments_part(moments, journey_map) if ran["moments"] else (None, []),
             "journey_map": _journey_part(journey_map, transitions, paths, moments) if ran["journey_map"] else (None, []),
             "ratings": _reviews_part(ratings, complaints, change) if ran["ratings"] else (None, []),
             "reach": _reach_part(reach)}
    order = ("promise", "moments", "journey_map", "ratings", "reach")
    findings = [parts[k][0] for k in order if parts[k][0] is not None]
    moves = [m for k in ("moments", "promise", "journey_map", "ratings", "reach") for m in parts[k][1]]
    missing = [k for k in ("promise", "moments", "journey_map", "ratings") if not ran[k]]
    if "journey_map" in missing and "moments" in missing and _reason(given["moments"], "") and \
            _reason(given["journey_map"], ""):
        missing.remove("moments")  # both say the journey is missing: one sentence says it once
    gaps = [_reason(given[k], _MISSING[k]) for k in missing]
    moves += [_collect(k, given[k], score) for k in missing if k in _COLLECT]
    return verdict(3, score, findings, moves, score_rule=SCORE_RULE, gaps=gaps,
                   reserve=_reserve(ratings, promise, score))
