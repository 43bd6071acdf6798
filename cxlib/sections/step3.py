"""What the sections of step 3 (brand value and the customer journey) need.

Most of step 3's minimums are about a subgroup, not the whole dataset (complaints that name a
touchpoint, people first seen at awareness, customers on both sides of a touchpoint's split), so
its rules carry a ``check``: a function of the frames giving the one sentence of what is missing,
or None. The counts come from the analyses' own modules, so a section and its check agree.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from cxlib.brand import promise, reviews
from cxlib.journey import mapping, moments, paths
from cxlib.sections import _NOUNS as _SHARED_NOUNS
from cxlib.sections import Needs
from cxlib.sections.step7 import KEY_DRIVERS

__all__ = [
    "COMMON_PATHS",
    "COMPLAINT_MAP",
    "JOURNEY_MAP",
    "MOMENTS_OF_TRUTH",
    "PATH_SHAPES",
    "PROMISE_GAPS",
    "REVIEW_CHANGE",
    "REVIEW_RATINGS",
    "REVIEW_TONE",
    "STAGE_REACH",
    "STEP_3",
    "TRANSITIONS",
    "SubgroupNeeds",
]


# datasets the shared noun list of cxlib.sections does not name yet
_NOUNS = {"brand_promise": "brand promise list"}
_ALL_NOUNS = {**_SHARED_NOUNS, **_NOUNS}


@dataclass(frozen=True)
class SubgroupNeeds(Needs):
    """A :class:`~cxlib.sections.Needs` with a minimum on a subgroup of its data.

    Parameters
    ----------
    check : frames -> the sentence saying why the section cannot run, or None; called only when
        the datasets, columns and overall minimum are met.
    check_rule : the subgroup minimum as the method notes state it.
    """

    check: Callable[[Mapping[str, pd.DataFrame]], str | None] | None = None
    check_rule: str = ""

    def rule(self) -> str:
        base = super().rule()
        # the shared rule lists several datasets as "the a, b"; this one reads "the a and the b"
        shared = ", ".join(_SHARED_NOUNS.get(d, d) for d in self.datasets)
        base = base.replace(shared, " and the ".join(_ALL_NOUNS.get(d, d) for d in self.datasets), 1)
        if not self.check_rule:
            return base
        joiner = "; " if " with " in base else " with "
        return base[:-1] + joiner + self.check_rule + "."

    def shortfall(self, frames: Mapping[str, pd.DataFrame]) -> str | None:
        for dataset in self.datasets:
            if dataset in _NOUNS and frames.get(dataset) is None:
                return f"{self.what} {self._verb()} the {_NOUNS[dataset]}, which was not provided."
        reason = super().shortfall(frames)
        if reason is not None or self.check is None:
            return reason
        return self.check(frames)


def _promises_rated(frames) -> str | None:
    answers = promise.rated_promises(frames["brand_promise"], frames["survey"])
    if (answers >= promise.MIN_ANSWERS).any():
        return None
    return (f"The promise comparison needs at least {promise.MIN_ANSWERS} customer ratings of one promise's survey "
            f"column; the most any promise has is {int(answers.max()) if len(answers) else 0:,}.")


def _toned(frames) -> str | None:
    complaints, praise = reviews.toned_reviews(frames["reviews"])
    if min(complaints, praise) >= reviews.MIN_REVIEWS:
        return None
    return (f"The tone check needs at least {reviews.MIN_REVIEWS} complaints (1-2 stars) and {reviews.MIN_REVIEWS} "
            f"praising reviews (4-5 stars) with a text; this review export has {complaints:,} and {praise:,}.")


def _named(frames) -> str | None:
    named = reviews.named_complaints(frames["reviews"])
    if named >= reviews.MIN_REVIEWS:
        return None
    if "touchpoint" not in frames["reviews"].columns:
        return ("The complaint map needs reviews that name the touchpoint they are about; this review export "
                "names none, so complaints cannot be traced to the journey.")
    return (f"The complaint map needs at least {reviews.MIN_REVIEWS} complaints (1-2 stars) that name a "
            f"touchpoint; this review export has {named:,}.")


def _cohort(frames) -> str | None:
    window = mapping.buying_window(frames["journey"])
    cohort = mapping.entry_cohort(frames["journey"], window=window)
    if cohort >= mapping.MIN_PEOPLE:
        return None
    return (f"How far people get needs at least {mapping.MIN_PEOPLE} people first seen at {mapping.STAGES[0]} "
            f"{window.days:,} days or more before the journey log ends, in time to buy; this journey log has "
            f"{cohort:,}.")


def _busy_stage(frames) -> str | None:
    busiest = int(paths.transition_matrix(frames["journey"]).counts.sum(axis=1).max())
    if busiest >= paths.MIN_MOVES:
        return None
    return (f"The stage transitions need a stage with at least {paths.MIN_MOVES} moves out of it; the busiest "
            f"stage of this journey log has {busiest:,}.")


def _movers(frames) -> str | None:
    people = paths.movers(frames["journey"])
    if people >= paths.MIN_MOVES:
        return None
    return (f"The path shapes need at least {paths.MIN_MOVES} people who changed stage; this journey log has "
            f"{people:,}.")


def _reached(frames) -> str | None:
    people = paths.reached_usage(frames["journey"])
    if people >= paths.MIN_MOVES:
        return None
    return (f"The common paths need at least {paths.MIN_MOVES} people who went from {mapping.STAGES[0]} to "
            f"usage; this journey log has {people:,}.")


_SURVEY_WORDS = {"customer_id": "customer id", "responded_at": "response date", "nps": "NPS score"}


def _testable(frames) -> str | None:
    survey = frames["survey"]
    missing = [c for c in ("customer_id", "responded_at", "nps") if c not in survey.columns]
    if missing:
        return ("Finding the moments of truth needs survey answers with a customer id, a date and an NPS score, to link "
                f"them to the journey; this survey has no {' or '.join(_SURVEY_WORDS[m] for m in missing)}.")
    if moments.testable_touchpoints(frames["journey"], survey) > 0:
        return None
    return (f"Finding the moments of truth needs a touchpoint that at least {moments.MIN_GROUP} surveyed customers rated 1-2 "
            f"of 5 and {moments.MIN_GROUP} rated higher before their NPS answer; no touchpoint of this journey "
            "log has both.")


PROMISE_GAPS = SubgroupNeeds(
    "The promise comparison", datasets=("brand_promise", "survey"), columns=("survey_column", "internal_rating"),
    check=_promises_rated, check_rule=f"a promise rated by at least {promise.MIN_ANSWERS} customers (promises "
    "with fewer are listed but not compared)", shows="leadership's rating of each promise against the customers'")
REVIEW_RATINGS = Needs("The public's verdict", datasets=("reviews",), columns=("rating",),
                       min_rows=reviews.MIN_REVIEWS, shows="the star ratings, overall and per platform")
REVIEW_TONE = SubgroupNeeds(
    "The tone check", datasets=("reviews",), columns=("rating", "text"), min_rows=reviews.MIN_REVIEWS,
    check=_toned, check_rule=f"{reviews.MIN_REVIEWS} complaints and {reviews.MIN_REVIEWS} praising reviews "
    "with a text", shows="whether the words of the reviews match their stars")
REVIEW_CHANGE = Needs("The monthly review trend", datasets=("reviews",), columns=("rating", "posted_at"),
                      min_rows=2 * reviews.MIN_REVIEWS, period="posted_at", min_periods=2,
                      min_per_period=reviews.MIN_REVIEWS, consecutive=True,
                      shows="whether the last month's ratings differ from the months before")
COMPLAINT_MAP = SubgroupNeeds(
    "The complaint map", datasets=("reviews",), columns=("rating",), check=_named,
    check_rule=f"{reviews.MIN_REVIEWS} complaints that name a touchpoint",
    shows="which touchpoints the complaints are about")
JOURNEY_MAP = Needs("The journey map", datasets=("journey",), columns=("customer_id", "stage", "touchpoint"),
                    min_rows=mapping.MIN_RATED, shows="volume, satisfaction and effort per touchpoint")
STAGE_REACH = SubgroupNeeds(
    "How far people get", datasets=("journey",), columns=("customer_id", "occurred_at", "stage"),
    check=_cohort, check_rule=(f"{mapping.MIN_PEOPLE} people first seen at {mapping.STAGES[0]} early enough to "
                               "have had the time to buy (see the funnel's window)"),
    shows="the share of new people who reach each stage")
TRANSITIONS = SubgroupNeeds(
    "The stage transitions", datasets=("journey",), columns=("customer_id", "occurred_at", "stage"),
    check=_busy_stage, check_rule=f"a stage with {paths.MIN_MOVES} moves out", shows="where people go next")
PATH_SHAPES = SubgroupNeeds(
    "The path shapes", datasets=("journey",), columns=("customer_id", "occurred_at", "stage"), check=_movers,
    check_rule=f"{paths.MIN_MOVES} people who changed stage", shows="how many people go back or skip stages")
COMMON_PATHS = SubgroupNeeds(
    "The common paths", datasets=("journey",), columns=("customer_id", "occurred_at", "stage"), check=_reached,
    check_rule=f"{paths.MIN_MOVES} people who went from {mapping.STAGES[0]} to usage",
    shows="the routes new customers take to first use")
MOMENTS_OF_TRUTH = SubgroupNeeds(
    "Finding the moments of truth", datasets=("journey", "survey"), columns=("customer_id", "satisfaction"), check=_testable,
    check_rule=(f"a touchpoint {moments.MIN_GROUP} surveyed customers rated 1-2 and {moments.MIN_GROUP} rated "
                "higher before their NPS answer"),
    shows="the touchpoints where a bad experience goes with a lower NPS")

STEP_3 = (PROMISE_GAPS, KEY_DRIVERS, REVIEW_RATINGS, REVIEW_TONE, REVIEW_CHANGE, COMPLAINT_MAP, JOURNEY_MAP,
          STAGE_REACH, TRANSITIONS, PATH_SHAPES, COMMON_PATHS, MOMENTS_OF_TRUTH)
