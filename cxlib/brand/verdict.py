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
from cxlib.journey.moments import MomentsOfTruth
from cxlib.journey.paths import CommonPaths, Transitions
from cxlib.report.record import Assessment, Recommendation, StepResult, StepScore

STEP = 3
TITLE = "Do you know your brand's true value? Your customer does."
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


def _signed(value: float) -> str:
    rounded = round(value)
    return "0" if rounded == 0 else f"{rounded:+d}".replace("-", "−")


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
                         f"{worst['touchpoint']}: {worst['gap']:.0f}-point NPS gap when it goes badly"))
    return StepScore.from_rows(rows, max_points=20)


Part = tuple[str, list[tuple[str, str]]]  # a finding and its (action, rationale) pairs


def _promise_part(promise: PromiseGaps | None, reason: str | None) -> Part:
    if promise is None or promise.rated.empty:
        return (reason or ("Perceived value could not be compared with internal value: no brand promise "
                           "dataset with matching survey ratings was provided."),
                [("Set each brand promise beside the customers' rating of it in the relationship survey",
                  reason or ("The brand's value is what customers perceive, so each promise needs the "
                             "customer's rating beside leadership's."))])
    top = promise.largest()
    name = str(top["attribute"]).replace("_", " ")
    finding = (f"Leadership rates the {name} promise {top['internal']:.1f} of 5 while customers "
               f"rate it {top['customer']:.2f} (95% CI {top['low']:.2f} to {top['high']:.2f}, "
               f"n = {int(top['n']):,}): a gap of {top['gap']:.1f} points")
    if len(promise.rated) > 1:
        finding += f", the largest of the {len(promise.rated)} promises"
    if (len(promise.rated) > 1 and pd.notna(top["importance"])
            and top["importance"] == promise.rated["importance"].max()):
        finding += (f", on the rating most closely tied to NPS ({top['importance']:.0f}% of the "
                    "explained variance)")
    if not top["gap"] > 0:
        return finding + ".", []
    action = f"Judge the brand by the customer's rating, starting with the {name} promise"
    if top.get("clear", True):
        why = (f"Leadership's {top['internal']:.1f} against customers' {top['customer']:.1f} shows the "
               "promise is not kept as leadership believes; put the customer's rating of every promise on the "
               "brand scorecard.")
    else:
        why = (f"Leadership's {top['internal']:.1f} lies within the customers' 95% interval, so the gap may be "
               "chance; put the customer's rating of every promise on the brand scorecard to follow it.")
    return finding + ".", [(action, why)]


def _moments_part(moments: MomentsOfTruth | None, journey_map: JourneyMap | None,
                  reason: str | None) -> Part:
    if moments is None:
        return ((reason or "Moments of truth could not be found: touchpoint ratings and survey answers are "
                 "needed to link experiences to NPS."),
                [("Link rated touchpoint events and survey answers by customer id",
                  reason or "Without the link no one can say which touchpoint goes with a lower NPS.")])
    worst = moments.worst()
    if worst is None:
        return ((f"No touchpoint's failure goes with a lower NPS beyond chance among the {moments.linked:,} "
                "customers whose ratings could be linked."), [])
    finding = (f"{worst['touchpoint']} ({worst['stage']}) is the worst moment of truth: customers "
               f"who rated it 1-2 of 5 give an NPS of {_signed(worst['nps_bad'])} against "
               f"{_signed(worst['nps_rest'])} for the rest, a gap of {worst['gap']:.0f} points "
               f"(95% CI {worst['low']:.0f} to {worst['high']:.0f}, "
               f"n = {int(worst['customers']):,})")
    if journey_map is not None and moments.unflagged_by_averages(journey_map):
        finding += ", although its average ratings do not make it a hot spot"
    significant = moments.tested[moments.tested["significant"]]
    if len(significant) > 1:
        second = significant.iloc[1]
        finding += f"; {second['touchpoint']} is next ({second['gap']:.0f} points)"
    why = (f"{worst['bad_share']:.0f}% of the customers who go through it rate it 1-2, and they "
           f"give an NPS {worst['gap']:.0f} points lower than the rest.")
    return finding + ".", [(f"Fix {worst['touchpoint']} first", why)]


def _journey_part(journey_map: JourneyMap | None, transitions: Transitions | None,
                  paths: CommonPaths | None, moments: MomentsOfTruth | None, reason: str | None) -> Part:
    if journey_map is None:
        return (reason or "The journey could not be mapped: no journey dataset was provided.",
                [(("Export touchpoint events (customer, time, stage, touchpoint, ratings) from the "
                  "CRM, web and app"),
                  ("The journey must be mapped from data, not from how the organisation believes "
                  "customers move."))])
    stage = journey_map.hardest_stage()
    if stage is None:
        finding = (f"The journey log records {int(journey_map.table['events'].sum()):,} events, but no stage "
                   f"has {journey_map.min_rated} effort ratings to say where the journey is hardest")
    else:
        finding = (f"{str(stage['stage']).capitalize()} is the hardest stage (mean effort "
                   f"{stage['effort']:.1f} of 7)")
    recs = []
    detour = transitions.detour() if transitions is not None else None
    if detour is not None:
        origin, target = detour
        share = transitions.share(origin, target)
        step = STAGES[STAGES.index(origin) + 1]
        finding += f"; {share:.0f}% of the moves out of {origin} go to {target} instead of on to {step}"
        if share >= 20:
            significant = (moments.tested[moments.tested["significant"]]
                           if moments is not None else pd.DataFrame())
            second = (f"; {significant.iloc[1]['touchpoint']} is the second moment of truth"
                      if len(significant) > 1 else "")
            effort = (f", the hardest stage (effort {stage['effort']:.1f} of 7)"
                      if stage is not None and stage["stage"] == target else "")
            recs.append((f"Close the detour from {origin} into {target}",
                         f"{share:.0f}% of the moves out of {origin} go to {target}{effort}{second}."))
    if paths is not None and paths.reached:
        finding += (f"; only {paths.textbook_share:.0f}% of the {paths.reached:,} new customers "
                    f"who reached {paths.until} took the textbook path")
    return finding + ".", recs


def _reviews_part(ratings: RatingSummary | None, complaints: ComplaintMap | None,
                  change: RatingChange | None, reason: str | None) -> Part:
    if ratings is None:
        return reason or "The public's verdict is unknown: no reviews dataset was provided.", []
    finding = (f"Public reviews average {ratings.mean:.1f} of 5 stars (n = {ratings.n:,}, "
               f"{ratings.complaint_share:.0f}% complaints)")
    if complaints is not None:
        named, rate = complaints.most_named(), complaints.worst_rate()
        finding += (f"; {named['touchpoint']} is named in {named['complaint_share']:.0f}% of "
                    "complaints")
        if rate is not None:
            finding += f" and {rate['rate']:.0f}% of {rate['touchpoint']} reviews are complaints"
    recs = []
    fallen = (change.table[change.table["significant"] & (change.table["change"] < 0)]
              if change is not None else pd.DataFrame())
    if len(fallen):
        o = change.overall
        finding += f"; in {change.label} the average fell to {o['last']:.1f} from {o['before']:.1f}"
        names = " and ".join(fallen["group"].astype(str))
        moves = "; ".join(f"{r.group} {r.before:.1f} to {r.last:.1f}" for r in fallen.itertuples())
        recs.append((f"Treat a fall in {names} ratings as an incident and answer every complaint",
                     (f"Average stars fell in {change.label} ({moves}); the public's verdict is "
                     "the brand's value.")))
    return finding + ".", recs


def _reach_part(reach: Reach | None) -> Part | None:
    drop = reach.largest_drop() if reach is not None else None
    if drop is None:
        return None
    lost = (f"{drop['drop_share']:.0f}% of the {int(drop['people']):,} who reached "
            f"{drop['stage']} never got to {drop['next_stage']}")
    return ((f"Of the {reach.cohort:,} people first seen at {reach.entry}, the largest drop is "
            f"from {drop['stage']} to {drop['next_stage']}: {lost}."),
            [(f"Rework the step from {drop['stage']} to {drop['next_stage']}", lost[:1].upper()
              + lost[1:] + ".")])


def assess(*, promise=None, ratings=None, complaints=None, change=None, journey_map=None, reach=None,
           transitions=None, shapes=None, paths=None, moments=None) -> Assessment:
    """Score step 3 and write its findings and recommendations, in priority order.

    Every argument is one of the step's sections (:mod:`cxlib.sections`), or its result; a section
    that could not run (or None) states its reason as the finding of its part and leaves the part
    not assessed, and no finding or recommendation rests on it. Recommendations come in this
    order: the worst moment of truth, the largest promise gap, the largest detour, a fall in
    review ratings, the largest funnel drop (at most five).
    """
    given = {"promise": promise, "ratings": ratings, "journey_map": journey_map, "moments": moments}
    score = brand_score(**given)
    reasons = {k: getattr(v, "reason", None) for k, v in given.items()}
    promise, ratings, complaints, change, journey_map, reach, transitions, paths, moments = (
        _value(p) for p in (promise, ratings, complaints, change, journey_map, reach, transitions, paths,
                            moments))
    promise_finding, promise_recs = _promise_part(promise, reasons["promise"])
    moments_finding, moments_recs = _moments_part(moments, journey_map, reasons["moments"])
    journey_finding, journey_recs = _journey_part(journey_map, transitions, paths, moments,
                                                  reasons["journey_map"])
    reviews_finding, reviews_recs = _reviews_part(ratings, complaints, change, reasons["ratings"])
    findings = [promise_finding, moments_finding, journey_finding, reviews_finding]
    if moments is None and journey_map is None and reasons["moments"] and reasons["journey_map"]:
        # both say the journey is missing: one finding says it once
        findings.remove(moments_finding)
        moments_recs = []
    findings = list(dict.fromkeys(findings))
    recs = moments_recs + promise_recs + journey_recs + reviews_recs
    reach_part = _reach_part(reach)
    if reach_part is not None:
        findings.append(reach_part[0])
        recs += reach_part[1]
    if len(findings) < 3 and moments_finding not in findings:
        findings.append(moments_finding)
    # fillers, each resting only on a part that ran (or on what is missing), until there are three
    fillers = []
    if ratings is not None:
        fillers.append(("Answer every public complaint and track the share of reviews that praise",
                        (f"{ratings.complaint_share:.0f}% of the {ratings.n:,} public reviews are complaints; "
                         "the public's verdict is the brand as strangers meet it.")))
    if promise is not None and not promise.rated.empty:
        fillers.append(("Review the brand promises against the customer's ratings every quarter",
                        "Leadership's view of a promise drifts unless it is checked against the customers'."))
    if score.not_assessed:
        fillers.append(("Provide the missing data and rerun this step",
                        "Not assessed: " + ", ".join(c.lower() for c in score.not_assessed) + "."))
    fillers.append(("Repeat this assessment every quarter from the same exports",
                    "A brand's value moves with every experience; measured once, it cannot be steered."))
    for filler in fillers:
        if len(recs) >= 3:
            break
        recs.append(filler)
    recommendations = tuple(
        Recommendation(i, action, why, impact="High" if i <= 2 else "Medium", effort="Medium")
        for i, (action, why) in enumerate(recs[:5], 1))
    step = StepResult(step=STEP, title=TITLE, score=score.score, findings=tuple(findings[:5]),
                      recommendations=recommendations, score_rule=SCORE_RULE)
    return Assessment(score, step)
