"""Step 3's verdict on how well the client knows its brand's true value: score, findings, actions.

The score rewards what the seed asks, 20 points each: the promise as customers see it (leadership's
ratings close to the customers'), the public's verdict (reviews that praise), a journey mapped from
data (every stage measured, touchpoints linked to survey answers), the experience along it
(satisfied touchpoint ratings) and moments of truth under control (no touchpoint whose failure
costs a large NPS gap).
"""
from __future__ import annotations

import math

import pandas as pd

from cxlib.brand.promise import PromiseGaps
from cxlib.brand.reviews import ComplaintMap, RatingChange, RatingSummary
from cxlib.journey.mapping import STAGES, JourneyMap, Reach
from cxlib.journey.moments import MomentsOfTruth
from cxlib.journey.paths import CommonPaths, PathShapes, Transitions
from cxlib.report.record import Assessment, Recommendation, StepResult, StepScore

STEP = 3
TITLE = "Do you know your brand's true value? Your customer does."
GAP_FOR_NOTHING = 2.0      # a mean promise gap of 2 points (of 5) or more earns nothing
MOMENT_GAP_FOR_NOTHING = 60.0  # an NPS gap of 60 points or more at the worst touchpoint earns nothing
MIN_STAGE_RATINGS = 30
SCORE_RULE = ("promise seen as customers see it, public reputation, journey mapped from data, "
              "journey experience, moments of truth under control: 20 points each")
SCORE_RULE_TEXT = (
    "**How the score is built.** Five parts earn up to 20 points each. "
    "*Promise seen as customers see it*: 20 points less 10 for every point (on the 1-5 scale) by "
    "which leadership's rating of a promise differs from the customers' mean, on average over the "
    "promises; a mean gap of 2 points or more earns nothing. "
    "*Public reputation*: the share of public reviews giving 4 or 5 stars, times 20. "
    "*Journey mapped from data*: 10 points for the share of the seven stages with at least 30 "
    "satisfaction ratings, 10 for the share of surveyed customers whose touchpoint ratings can be "
    "linked to their survey answer. "
    "*Journey experience*: the share of all touchpoint satisfaction ratings that are 4 or 5 of 5, "
    "times 20. "
    "*Moments of truth under control*: 20 points when no touchpoint's failure moves NPS beyond "
    "chance, less a third of a point for every point of NPS gap at the worst touchpoint (a gap of "
    "60 points or more earns nothing). "
    "A part whose data is missing earns no points. "
    "Maturity: Mature from 75, Competent from 50, Novice from 25, below that Ignoring."
)


def _signed(value: float) -> str:
    rounded = round(value)
    return "0" if rounded == 0 else f"{rounded:+d}".replace("-", "−")


def brand_score(*, promise: PromiseGaps | None, ratings: RatingSummary | None,
                journey_map: JourneyMap | None, moments: MomentsOfTruth | None) -> StepScore:
    """Score step 3 from 0 to 100 by the rule in :data:`SCORE_RULE_TEXT`.

    Parameters
    ----------
    promise : :func:`cxlib.brand.promise.promise_gaps`, or None without brand_promise or survey.
    ratings : :func:`cxlib.brand.reviews.rating_summary`, or None without reviews.
    journey_map : :func:`cxlib.journey.mapping.journey_map`, or None without journey.
    moments : :func:`cxlib.journey.moments.moments_of_truth`, or None without journey or survey.
    """
    rows = []
    if promise is None or promise.rated.empty:
        rows.append(("Promise seen as customers see it", None,
                     "not assessed: no brand promise with customer ratings to compare"))
    else:
        gap = promise.mean_gap
        basis = (f"leadership and customers differ by {gap:.1f} points of 5 on average "
                 f"({len(promise.rated)} promises)")
        rows.append(("Promise seen as customers see it",
                     20 * max(0.0, 1 - gap / GAP_FOR_NOTHING), basis))
    if ratings is None:
        rows.append(("Public reputation", None, "not assessed: no reviews dataset provided"))
    else:
        rows.append(("Public reputation", 20 * ratings.praise_share / 100,
                     f"{ratings.praise_share:.0f}% of {ratings.n:,} reviews give 4-5 stars"))
    if journey_map is None:
        rows += [("Journey mapped from data", None, "not assessed: no journey dataset provided"),
                 ("Journey experience", None, "not assessed: no journey dataset provided")]
    else:
        rated = journey_map.stages.set_index("stage")["satisfaction_n"].reindex(list(STAGES))
        measured = int((rated.fillna(0) >= MIN_STAGE_RATINGS).sum())
        linked = moments.linked / moments.customers if moments is not None and moments.customers else 0.0
        link_text = (f"{linked:.0%} of surveyed customers linked to their touchpoints"
                     if moments is not None else "touchpoints not linked to survey answers")
        rows.append(("Journey mapped from data", 10 * measured / len(STAGES) + 10 * linked,
                     f"{measured} of {len(STAGES)} stages measured; {link_text}"))
        share = journey_map.satisfied_share
        rows.append(("Journey experience", 0.0 if math.isnan(share) else 20 * share / 100,
                     f"{share:.0f}% of {journey_map.ratings:,} touchpoint ratings are 4-5 of 5"))
    if moments is None:
        rows.append(("Moments of truth under control", None,
                     "not assessed: touchpoints cannot be linked to NPS without the journey and the survey"))
    else:
        worst = moments.worst()
        if worst is None:
            rows.append(("Moments of truth under control", 20.0,
                         "no touchpoint moves NPS beyond chance"))
        else:
            rows.append(("Moments of truth under control",
                         20 * max(0.0, 1 - worst["gap"] / MOMENT_GAP_FOR_NOTHING),
                         f"{worst['touchpoint']}: {worst['gap']:.0f}-point NPS gap when it goes badly"))
    return StepScore.from_rows(rows, max_points=20)


Part = tuple[str, list[tuple[str, str]]]  # a finding and its (action, rationale) pairs


def _promise_part(promise: PromiseGaps | None) -> Part:
    if promise is None or promise.rated.empty:
        return (("Perceived value could not be compared with internal value: no brand promise "
                "dataset with matching survey ratings was provided."), [])
    top = promise.largest()
    name = str(top["attribute"]).replace("_", " ")
    finding = (f"Leadership rates the {name} promise {top['internal']:.1f} of 5 while customers "
               f"rate it {top['customer']:.2f} (95% CI {top['low']:.2f} to {top['high']:.2f}, "
               f"n = {int(top['n']):,}): a gap of {top['gap']:.1f} points, the largest of the "
               f"{len(promise.rated)} promises")
    if pd.notna(top["importance"]) and top["importance"] == promise.rated["importance"].max():
        finding += (f", on the attribute that drives NPS most ({top['importance']:.0f}% of the "
                    "explained variance)")
    action = f"Judge the brand by the customer's rating, starting with the {name} promise"
    why = (f"Leadership's {top['internal']:.1f} against customers' {top['customer']:.1f} shows the "
           "promise is not kept; put the customer's rating of every promise on the brand "
           "scorecard.")
    return finding + ".", [(action, why)]


def _moments_part(moments: MomentsOfTruth | None, journey_map: JourneyMap | None) -> Part:
    if moments is None:
        return (("Moments of truth could not be found: touchpoint ratings and survey answers are "
                "needed to link experiences to NPS."),
                [("Collect journey events with a customer_id that matches the survey",
                  "Without the link no one can say which touchpoint moves NPS.")])
    worst = moments.worst()
    if worst is None:
        return ((f"No touchpoint's failure moves NPS beyond chance among the {moments.linked:,} "
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
                  paths: CommonPaths | None, moments: MomentsOfTruth | None) -> Part:
    if journey_map is None:
        return ("The journey could not be mapped: no journey dataset was provided.",
                [(("Export touchpoint events (customer, time, stage, touchpoint, ratings) from the "
                  "CRM, web and app"),
                  ("The journey must be mapped from data, not from how the organisation believes "
                  "customers move."))])
    stage = journey_map.hardest_stage()
    finding = (f"{str(stage['stage']).capitalize()} is the hardest stage (mean effort "
               f"{stage['effort']:.1f} of 7)")
    recs = []
    if transitions is not None and transitions.counts.loc["onboarding"].sum():
        detour = transitions.share("onboarding", "support")
        finding += (f"; {detour:.0f}% of the moves out of onboarding go to support instead of on "
                    "to usage")
        if detour >= 20:
            significant = (moments.tested[moments.tested["significant"]]
                           if moments is not None else pd.DataFrame())
            second = (f"; {significant.iloc[1]['touchpoint']} is the second moment of truth"
                      if len(significant) > 1 else "")
            recs.append(("Close the detour from onboarding into support",
                         (f"{detour:.0f}% of the moves out of onboarding go to support, the "
                         f"hardest stage (effort {stage['effort']:.1f} of 7){second}.")))
    if paths is not None and paths.reached:
        finding += (f"; only {paths.textbook_share:.0f}% of the {paths.reached:,} new customers "
                    "who reached usage took the textbook path")
    return finding + ".", recs


def _reviews_part(ratings: RatingSummary | None, complaints: ComplaintMap | None,
                  change: RatingChange | None) -> Part:
    if ratings is None:
        return "The public's verdict is unknown: no reviews dataset was provided.", []
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


def assess(*, promise: PromiseGaps | None, ratings: RatingSummary | None,
           complaints: ComplaintMap | None, change: RatingChange | None,
           journey_map: JourneyMap | None, reach: Reach | None, transitions: Transitions | None,
           shapes: PathShapes | None, paths: CommonPaths | None,
           moments: MomentsOfTruth | None) -> Assessment:
    """Score step 3 and write its findings and recommendations, in priority order.

    Every argument is the result of one of the step's analyses, or None when the dataset it needs
    was not provided; the record then says what could not be assessed. Recommendations come in
    this order: the worst moment of truth, the largest promise gap, the onboarding detour, a fall
    in review ratings, the largest funnel drop (at most five).
    """
    score = brand_score(promise=promise, ratings=ratings, journey_map=journey_map, moments=moments)
    promise_finding, promise_recs = _promise_part(promise)
    moments_finding, moments_recs = _moments_part(moments, journey_map)
    journey_finding, journey_recs = _journey_part(journey_map, transitions, paths, moments)
    reviews_finding, reviews_recs = _reviews_part(ratings, complaints, change)
    findings = [promise_finding, moments_finding, journey_finding, reviews_finding]
    recs = moments_recs + promise_recs + journey_recs + reviews_recs
    reach_part = _reach_part(reach)
    if reach_part is not None:
        findings.append(reach_part[0])
        recs += reach_part[1]
    if len(recs) < 3:
        recs.append(("Provide the missing datasets and rerun this step",
                     "Each missing dataset leaves a part of the brand's true value unmeasured."))
    if len(recs) < 3:
        recs.append(("Survey customers on each brand promise (attr_* ratings) every month",
                     "The brand's value is what customers perceive, so it has to be measured."))
    recommendations = tuple(
        Recommendation(i, action, why, impact="High" if i <= 2 else "Medium", effort="Medium")
        for i, (action, why) in enumerate(recs[:5], 1))
    step = StepResult(step=STEP, title=TITLE, score=score.score, findings=tuple(findings[:5]),
                      recommendations=recommendations, score_rule=SCORE_RULE)
    return Assessment(score, step)
