"""Step 3's section rules: each minimum's shortfall sentence on a frame that misses it, and the
verdict on a client where only some sections could run."""
from __future__ import annotations

import pandas as pd
import pytest

from cxlib import sections
from cxlib.brand import promise, reviews, verdict
from cxlib.sections import run_section

PROMISES = pd.DataFrame({"attribute": ["ease", "price"], "promise": ["Easy.", "Fair."],
                         "survey_column": ["attr_ease", "attr_price"], "internal_rating": [4.5, 3.0]})


def review_frame(stars, months=("2026-10",), touchpoint=None, text="fine") -> pd.DataFrame:
    """One review per star value, per month; every review names ``touchpoint``."""
    rows = [("Trustpilot", pd.Timestamp(f"{m}-10"), s, text, touchpoint) for m in months for s in stars]
    frame = pd.DataFrame(rows, columns=["platform", "posted_at", "rating", "text", "touchpoint"])
    return frame if touchpoint is not None else frame.drop(columns="touchpoint")


def journey_frame(paths: dict[str, list[str]], satisfaction=None) -> pd.DataFrame:
    rows = [(person, pd.Timestamp("2026-01-01") + pd.Timedelta(days=i), stage, f"{stage} desk", satisfaction)
            for person, stages in paths.items() for i, stage in enumerate(stages)]
    return pd.DataFrame(rows, columns=["customer_id", "occurred_at", "stage", "touchpoint", "satisfaction"])


def test_promise_comparison_needs_the_promise_list_and_thirty_ratings_of_one_promise():
    survey = pd.DataFrame({"attr_ease": [3.0] * 29 + [None], "attr_price": [4.0] * 12 + [None] * 18})
    assert sections.PROMISE_GAPS.shortfall({"survey": survey}) == (
        "The promise comparison needs the brand promise list, which was not provided.")
    # 29 answers for ease, 12 for price: one short of the minimum
    assert sections.PROMISE_GAPS.shortfall({"brand_promise": PROMISES, "survey": survey}) == (
        "The promise comparison needs at least 30 customer ratings of one promise's survey column; "
        "the most any promise has is 29.")
    more = pd.concat([survey, pd.DataFrame({"attr_ease": [2.0]})], ignore_index=True)
    assert sections.PROMISE_GAPS.shortfall({"brand_promise": PROMISES, "survey": more}) is None


def test_review_sections_state_their_minimums():
    few = review_frame([1, 2, 3, 4, 5])
    assert sections.REVIEW_RATINGS.shortfall({"reviews": few}) == (
        "The public's verdict needs at least 30 complete answers; this review export has 5.")
    # 60 reviews, one month: 24 complaints and 24 praise (2 of 5 stars each side)
    month = review_frame([1, 2, 3, 4, 5] * 12)
    assert sections.REVIEW_RATINGS.shortfall({"reviews": month}) is None
    assert sections.REVIEW_TONE.shortfall({"reviews": month}) == (
        "The tone check needs at least 30 complaints (1-2 stars) and 30 praising reviews (4-5 stars) with a "
        "text; this review export has 24 and 24.")
    assert sections.REVIEW_CHANGE.shortfall({"reviews": month}) == (
        "The monthly review trend needs 2 consecutive months of at least 30 answers each; this review export "
        "has 1 such month.")
    two = review_frame([1, 2, 3, 4, 5] * 6, months=("2026-09", "2026-10"))
    assert sections.REVIEW_CHANGE.shortfall({"reviews": two}) is None
    assert sections.COMPLAINT_MAP.shortfall({"reviews": month}) == (
        "The complaint map needs reviews that name the touchpoint they are about; this review export names "
        "none, so complaints cannot be traced to the journey.")
    named = review_frame([1, 2, 3, 4, 5] * 12, touchpoint="Checkout")  # 24 complaints name it
    assert sections.COMPLAINT_MAP.shortfall({"reviews": named}) == (
        "The complaint map needs at least 30 complaints (1-2 stars) that name a touchpoint; this review "
        "export has 24.")


def test_journey_sections_state_their_minimums():
    assert sections.JOURNEY_MAP.shortfall({}) == "The journey map needs the journey log, which was not provided."
    # 20 people go awareness -> consideration: 20 entrants, 20 movers, 20 moves out of awareness
    small = journey_frame({f"P{i}": ["awareness", "consideration"] for i in range(20)})
    frames = {"journey": small}
    assert sections.JOURNEY_MAP.shortfall(frames) is None  # 40 events
    # the log ends a day after the 20 were first seen: none had the 60 days to buy (too few buyers to
    # read the window from the data)
    assert sections.STAGE_REACH.shortfall(frames) == (
        "How far people get needs at least 30 people first seen at awareness 60 days or more before the "
        "journey log ends, in time to buy; this journey log has 0.")
    later = pd.concat([small, journey_frame({"Z": ["usage"]}).assign(occurred_at=pd.Timestamp("2026-04-01"))])
    assert sections.STAGE_REACH.shortfall({"journey": later}).endswith("this journey log has 20.")
    assert sections.TRANSITIONS.shortfall(frames) == (
        "The stage transitions need a stage with at least 30 moves out of it; the busiest stage of this "
        "journey log has 20.")
    assert sections.PATH_SHAPES.shortfall(frames) == (
        "The path shapes need at least 30 people who changed stage; this journey log has 20.")
    assert sections.COMMON_PATHS.shortfall(frames) == (
        "The common paths need at least 30 people who went from awareness to usage; this journey log has 0.")


def test_moments_of_truth_need_a_linked_survey_and_a_testable_touchpoint():
    # 40 customers rated the desk 1 and 40 rated it 5, all before answering the survey on day 10
    rated = [1] * 40 + [5] * 40
    journey = pd.DataFrame({"customer_id": [f"C{i}" for i in range(80)], "occurred_at": pd.Timestamp("2026-01-01"),
                            "stage": "support", "touchpoint": "Help desk", "satisfaction": rated})
    survey = pd.DataFrame({"customer_id": [f"C{i}" for i in range(80)], "nps": [3] * 40 + [10] * 40,
                           "responded_at": pd.Timestamp("2026-01-10")})
    assert sections.MOMENTS_OF_TRUTH.shortfall({"journey": journey, "survey": survey}) is None
    assert sections.MOMENTS_OF_TRUTH.shortfall({"journey": journey, "survey": survey.drop(columns="customer_id")}) == (
        "Finding the moments of truth needs survey answers with a customer id, a date and an NPS score, to link "
        "them to the journey; this survey has no customer id.")
    only_bad = journey.assign(satisfaction=1)
    assert sections.MOMENTS_OF_TRUTH.shortfall({"journey": only_bad, "survey": survey}) == (
        "Finding the moments of truth needs a touchpoint that at least 30 surveyed customers rated 1-2 of 5 "
        "and 30 rated higher before their NPS answer; no touchpoint of this journey log has both.")


def test_method_notes_list_every_rule_of_the_step():
    notes = sections.method_notes(sections.STEP_3)
    assert "The promise comparison: the brand promise list and the survey with a promise rated by at least 30" in notes
    assert "Key drivers: the survey with at least 10 complete answers per rating and 100 overall." in notes
    assert len(sections.STEP_3) == 12 and sections.KEY_DRIVERS in sections.STEP_3


def _ran(frames, fn, needs, **kwargs):
    return run_section(frames, fn, needs=needs, **kwargs)


def test_verdict_scores_only_the_parts_that_ran():
    # promise: ease 4.5 vs customers' 3.5 (gap 1.0), price 3.0 vs 3.5 (gap -0.5): mean |gap| 0.75,
    # 20 x (1 - 0.75 / 2) = 12.5; reviews: 36 of 60 give 4-5 stars -> 20 x 0.6 = 12
    survey = pd.DataFrame({"attr_ease": [3.0, 4.0] * 20, "attr_price": [3.0, 4.0] * 20})
    frames = {"brand_promise": PROMISES, "survey": survey,
              "reviews": review_frame([1, 2, 4, 5, 5] * 12)}
    gaps = _ran(frames, promise.promise_gaps, sections.PROMISE_GAPS)
    ratings = _ran(frames, reviews.rating_summary, sections.REVIEW_RATINGS)
    missing = {name: _ran(frames, None, needs) for name, needs in
               (("complaints", sections.COMPLAINT_MAP), ("change", sections.REVIEW_CHANGE),
                ("journey_map", sections.JOURNEY_MAP), ("reach", sections.STAGE_REACH),
                ("transitions", sections.TRANSITIONS), ("shapes", sections.PATH_SHAPES),
                ("paths", sections.COMMON_PATHS), ("moments", sections.MOMENTS_OF_TRUTH))}
    assert gaps.ran and ratings.ran and not any(s.ran for s in missing.values())
    result = verdict.assess(promise=gaps, ratings=ratings, **missing)
    points = result.components.set_index("component")["points"]
    assert points["Promise seen as customers see it"] == pytest.approx(12.5)
    assert points["Public reputation"] == pytest.approx(12.0)
    assert points.isna().sum() == 3
    # (12.5 + 12) / 40 x 100 = 61.25 -> 61.2 (one decimal), over the 40% of the weight assessed
    assert result.step.score == pytest.approx(61.2)
    assert result.step.maturity == "Partly assessed" and result.step.coverage == pytest.approx(0.4)
    findings = result.step.sentences
    assert "The journey map needs the journey log, which was not provided." in findings
    # nothing about moments of truth, complaints or a monthly fall rests on sections that did not run
    assert not any("moment of truth" in f.lower() or "fell" in f for f in findings)
    assert 3 <= len(result.step.recommendations) <= 5


def test_verdict_with_nothing_assessed_has_no_score():
    empty = {}
    parts = {"promise": sections.PROMISE_GAPS, "ratings": sections.REVIEW_RATINGS,
             "complaints": sections.COMPLAINT_MAP, "change": sections.REVIEW_CHANGE,
             "journey_map": sections.JOURNEY_MAP, "reach": sections.STAGE_REACH,
             "transitions": sections.TRANSITIONS, "shapes": sections.PATH_SHAPES,
             "paths": sections.COMMON_PATHS, "moments": sections.MOMENTS_OF_TRUTH}
    result = verdict.assess(**{k: _ran(empty, None, needs) for k, needs in parts.items()})
    assert result.step.score is None and result.step.maturity == "Not assessed"
    assert all(b.startswith("not assessed: ") for b in result.components["basis"])
    assert "The promise comparison needs the brand promise list, which was not provided." in result.step.sentences
