"""What the sections of step 1 (the customer-obsession audit) need.

Each measure of the evidence (:data:`cxlib.obsession.evidence.MEASURES`) has its own rule here, keyed
by the measure: a share or a mean is stated on at least 30 cases (step 2's ``MIN_RATE_POSTS`` for
social care), a comparison of channels on two channels of at least 30 answers each (step 1's
``MIN_PER_CHANNEL``), and the link to NPS on step 7's key-driver minimum.

Step 1 reads datasets the shared noun list of :mod:`cxlib.sections` does not name yet (the practices,
interactions and messages) and counts posts, staff and channel switches rather than survey answers,
so its rules are :class:`StepNeeds`: the shared rule with the dataset and row in step 1's words.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from cxlib.competition.social import MIN_RATE_POSTS
from cxlib.empathy.messaging import EASY_GRADE
from cxlib.sections import _NOUNS as SHARED_NOUNS
from cxlib.sections import Needs
from cxlib.sections.step7 import KEY_DRIVERS

# Only the rules are star-imported into cxlib.sections, under names no other step uses.
__all__ = ["FIRST_MOVES", "OBSESSION_MATURITY", "PRACTICE_EVIDENCE", "PRACTICE_IMPACT", "SAY_DO_GAP", "STEP_1"]

MIN_CASES = 30        # a share or a mean is stated on at least this many cases
MIN_PER_CHANNEL = 30  # answers a channel needs to enter a consistency comparison

# Datasets and columns as step 1's sentences name them where the shared lists do not (yet).
_NOUNS = {"practices": "leadership self-assessment", "interactions": "interaction log",
          "messages": "message export", "channels": "channel list"}
_COLUMNS = {"self_score": "self-score", "q_hired_for_customer_focus": "hired-for-customer-focus",
            "q_received_cx_training": "CX-training", "customer_contact": "customer-contact",
            "rating": "star rating", "attr_personalization": "personalization-rating",
            "repeated_info": "repeated-information", "satisfaction": "touchpoint satisfaction",
            "responded_at": "response time"}


def dataset_noun(dataset: str) -> str:
    """A dataset as step 1's sentences name it: ``interactions`` -> ``interaction log``."""
    return SHARED_NOUNS.get(dataset) or _NOUNS.get(dataset, dataset)


@dataclass(frozen=True)
class StepNeeds(Needs):
    """:class:`cxlib.sections.Needs` in step 1's words.

    Parameters
    ----------
    rows : what one counted row is, where "complete answers" would mislead ("posts about the
        company whose answered flag is known").
    requires : for a section that runs on other results rather than on a dataset (the first
        moves), what it needs, as the method notes state it.
    """

    rows: str = ""
    requires: str = ""

    def _words(self, text: str) -> str:
        for dataset, noun in _NOUNS.items():
            if dataset not in SHARED_NOUNS:  # the shared list's own word wins once it has one
                text = re.sub(rf"\b(the|this) {dataset}\b", rf"\1 {noun}", text)
        for column, word in _COLUMNS.items():
            text = text.replace(f"{column} answers", f"{word} answers")
        if self.rows:
            text = text.replace("complete answers", self.rows)
        return text

    def rule(self) -> str:
        """The minimum as the method notes state it."""
        if self.requires:
            return f"{self.what}: {self.requires}."
        return self._words(super().rule())

    def shortfall(self, frames: Mapping[str, pd.DataFrame | None]) -> str | None:
        """None when the section may run; otherwise the one sentence saying why not."""
        reason = super().shortfall(frames)
        return None if reason is None else self._words(reason)

    def count_shortfall(self, count: int) -> str | None:
        """None when ``count`` rows meet the minimum; else the sentence, for rows counted elsewhere."""
        if count >= self.min_rows:
            return None
        dataset = self.datasets[0] if self.datasets else "survey"
        return self._words(f"{self.what} {self._verb()} at least {self.min_rows:,} complete answers; "
                           f"this {SHARED_NOUNS.get(dataset, dataset)} has {count:,}.")


SAY_DO_GAP = StepNeeds("The say-do gap", datasets=("practices",), columns=("self_score",),
                       shows="leadership's self-assessment of each practice against the evidence")

_SHARE = {"min_rows": MIN_CASES}
PRACTICE_EVIDENCE: dict[str, StepNeeds] = {
    "hired_for_focus": StepNeeds("Customer-focused hiring", datasets=("employees",),
                                 columns=("q_hired_for_customer_focus",), rows="staff answers", **_SHARE,
                                 shows="staff's agreement that they were hired for their customer focus"),
    "cx_training": StepNeeds("CX training", datasets=("employees",), columns=("q_received_cx_training",),
                             rows="staff answers", **_SHARE,
                             shows="staff's agreement that they received CX training"),
    "customer_contact": StepNeeds("Staff contact with customer feedback", datasets=("employees",),
                                  columns=("customer_contact",), rows="staff answers", **_SHARE,
                                  shows="the share of staff who meet customer feedback at least monthly"),
    "effort": StepNeeds("Customer effort", columns=("ces",), **_SHARE, shows="the mean CES"),
    "social_answered": StepNeeds("The social answer rate", datasets=("social",), columns=("responded",),
                                 min_rows=MIN_RATE_POSTS,
                                 rows="posts about the company that say whether they were answered",
                                 shows="the share of posts about the company that get an answer"),
    "social_speed": StepNeeds("Social response speed", datasets=("social",), columns=("responded_at",),
                              min_rows=MIN_RATE_POSTS, rows="answered posts with a response time",
                              shows="the share of answers given within two hours (step 2's window)"),
    "top_box_csat": StepNeeds("Top-mark satisfaction", columns=("csat",), **_SHARE,
                              shows="the share of CSAT answers at the top mark"),
    "five_star_reviews": StepNeeds("Five-star reviews", datasets=("reviews",), columns=("rating",),
                                   rows="rated reviews", **_SHARE,
                                   shows="the share of public reviews with five stars"),
    "personalization": StepNeeds("Rated personalization", columns=("attr_personalization",), **_SHARE,
                                 shows="customers' mean rating of personalization"),
    "jargon_free": StepNeeds("Jargon-free copy", datasets=("messages",), columns=("text",),
                             rows="messages", **_SHARE, shows="the share of messages without jargon"),
    "plain_reading": StepNeeds("Plain reading", datasets=("messages",), columns=("text",), rows="messages",
                               **_SHARE, shows=f"the share of messages readable at school grade {EASY_GRADE:.0f} or below"),
    "no_repeat": StepNeeds("Seamless switches", datasets=("interactions",), columns=("repeated_info",),
                           rows="channel switches that record whether the customer repeated information",
                           **_SHARE, shows="the share of channel switches without repeated information"),
    "convenience": StepNeeds("The convenience index", datasets=("interactions",), columns=("channel",),
                             rows="contacts", **_SHARE,
                             shows="step 4's convenience index of the average contact"),
    "survey_consistency": StepNeeds("Channel consistency", columns=("csat", "channel"),
                                    group="channel", min_groups=2, min_per_group=MIN_PER_CHANNEL,
                                    shows="the difference in satisfaction between the best and the worst channel"),
    "journey_consistency": StepNeeds("Consistency within a journey stage", datasets=("journey",),
                                     columns=("satisfaction", "stage", "channel"), min_rows=2 * MIN_PER_CHANNEL,
                                     rows="rated touchpoints", shows="the same difference within a journey stage"),
}
PRACTICE_IMPACT = replace(KEY_DRIVERS, what="The link to NPS",
                          shows="how closely the rating each practice shapes goes with NPS (step 7's key drivers)")
OBSESSION_MATURITY = StepNeeds("The maturity level", datasets=(),
                               requires="at least half of the score's weight assessed",
                     shows="where the step score places the company among the four maturity groups")
FIRST_MOVES = StepNeeds("The first moves", datasets=(), requires="evidence on at least one practice",
                        shows="the practices with the most room to improve, weighted by their link to NPS")

STEP_1: tuple[Needs, ...] = (SAY_DO_GAP, *PRACTICE_EVIDENCE.values(), OBSESSION_MATURITY, PRACTICE_IMPACT, FIRST_MOVES)
