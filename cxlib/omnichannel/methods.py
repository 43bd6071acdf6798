"""Step 4's method notes: the tests behind the words "larger than chance" in the body, for the appendix.

The body of the report says what a test found in plain words (:func:`cxlib.wording.chance`); this
module says, for each section that ran, which test it was, on how many cases, and its result, so
that a reader who wants the statistics finds them under "How we measured".
"""
from __future__ import annotations

from typing import Any

from cxlib.omnichannel.channels import MIN_CASES
from cxlib.omnichannel.continuity import AFTER_SWITCH_DAYS
from cxlib.sections import Section
from cxlib.wording import ALPHA

TESTS_TEXT = (
    f"Where this report says a difference is *larger than chance*, a two-sided test at the {ALPHA:g} level found "
    f"it: a gap this large would arise by chance less than {ALPHA:.0%} of the time if there were no real "
    "difference (p < 0.05). *Within what chance alone produces* means the test could not tell the groups apart; "
    "it does not prove them equal. Ranges are 95% intervals: Wilson intervals for shares, Newcombe intervals for "
    "the difference of two shares, t intervals for mean CES and adjusted-Wald intervals for NPS. A share, a "
    f"channel or a group of a comparison rests on at least {MIN_CASES} cases. Survey scores are compared only on "
    f"answers given within {AFTER_SWITCH_DAYS} days after a channel switch, because an earlier answer cannot "
    "reflect the switch."
)


def _value(part: Any) -> Any:
    """A section's result (None when it did not run), or the bare result given."""
    return part.value() if isinstance(part, Section) else part


def method_notes(*, preference: Any = None, continuity: Any = None, switch_scores: Any = None,
                 effort: Any = None) -> str:
    """One bullet per test the step ran, with its statistic and p-value, as markdown.

    Parameters
    ----------
    preference, continuity, switch_scores, effort : the step's sections
        (:mod:`cxlib.sections.step4`) or their results; one that did not run adds no bullet.
    """
    notes = []
    for name, part in (("Channel choice by age", preference), ("Repeated information after a switch", continuity),
                       ("Scores of customers who switched", switch_scores), ("Effort by channel", effort)):
        result = _value(part)
        if result is not None:
            notes.append(f"* **{name}.** {result.method()}")
    return "\n".join(notes) if notes else "No test could be run on the data provided."
