"""What the sections of step 6 (the customer-obsessed culture, from the employee survey) need.

The employee survey is read per person, not per answer: a section counts the staff who answered
the culture statements (a dimension score needs half of its statements answered), and a comparison
of leaders with the frontline counts each level on its own. :class:`StaffNeeds` adds these counts
to :class:`cxlib.sections.Needs`; everything else (datasets, columns, rows, groups) is the shared
rule.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from cxlib.culture.anonymity import MIN_GROUP
from cxlib.sections import Needs

MIN_STAFF = 30     # staff behind a share, a mean or one side of a comparison
MIN_ANSWERS = 30   # customer answers behind a channel's NPS
_STAFF_WORDS = {"department": "department", "level": "level"}
_ANSWERS = {"department": "department answers", "level": "level answers",
            "customer_contact": "answers to the customer-contact question",
            "comment": "answers to the open question (comments)"}
_LEVEL_NOUNS = {"leadership": "leaders", "manager": "managers", "frontline": "frontline staff"}
_SCORED = "who answered the culture statements"


@dataclass(frozen=True)
class StaffNeeds(Needs):
    """The needs of an employee-survey section, counted in people.

    Parameters
    ----------
    scored : staff with a score on at least one culture dimension.
    levels : levels that must each be present with ``min_per_level`` staff (counted among those
        answering ``columns``, and among the scored when ``scored`` is set, which the levels' own
        minimum then states).
    units : departments that run a customer channel (:data:`cxlib.culture.customer_link.CHANNEL_MAP`)
        with ``min_per_level`` scored staff and :data:`MIN_ANSWERS` customer answers each.
    """

    scored: int = 0
    levels: tuple[str, ...] = ()
    min_per_level: int = 0
    units: int = 0

    def _counted(self) -> str:
        return "who wrote a comment" if "comment" in self.columns else _SCORED

    def _rows(self) -> str:
        """What ``min_rows`` counts, in words."""
        if "comment" in self.columns:
            return "comments"
        return "answers to the customer-contact question" if "customer_contact" in self.columns else "answers"

    def rule(self) -> str:
        parts = []
        if self.scored and not self.levels:
            parts.append(f"at least {self.scored} staff {_SCORED}")
        if self.min_rows > 1:
            parts.append(f"at least {self.min_rows} {self._rows()}")
        if self.levels:
            parts.append("at least " + " and ".join(f"{self.min_per_level} {_LEVEL_NOUNS.get(lv, lv)}"
                                                    for lv in self.levels) + f" {self._counted()}")
        if self.min_groups:
            parts.append(f"{self.min_groups} {_STAFF_WORDS.get(self.group, self.group)}s of at least "
                         f"{self.min_per_group} people")
        if self.units:
            parts.append(f"{self.units} departments that run a customer channel, each with {self.min_per_level} "
                         f"staff {_SCORED} and {MIN_ANSWERS} customer answers from its channels")
        needs = "the employee survey" + (" and the customer survey" if "survey" in self.datasets else "")
        return f"{self.what}: {needs}" + (f" with {'; '.join(parts)}" if parts else "") + "."

    def shortfall(self, frames: Mapping[str, pd.DataFrame]) -> str | None:
        verb = self._verb()
        staff = frames.get("employees")
        if staff is not None:
            for column in self.columns:
                if column not in staff.columns or staff[column].isna().all():
                    return f"{self.what} {verb} {_ANSWERS.get(column, column)}; this employee survey has none."
            answered = len(staff.dropna(subset=list(self.columns)))
            if answered < self.min_rows:
                return (f"{self.what} {verb} at least {self.min_rows} {self._rows()}; this employee survey has "
                        f"{answered}.")
        reason = super().shortfall(frames)
        if reason is not None:
            return reason
        from cxlib.culture.dimensions import dimension_scores, present_items

        counted = staff.dropna(subset=list(self.columns)) if self.columns else staff
        if self.scored or self.units:
            if not present_items(staff):
                return f"{self.what} {verb} answers to the culture statements; this employee survey has none."
            scores = dimension_scores(counted)
            dims = [c for c in scores.columns if c not in staff.columns]
            counted = counted[scores[dims].notna().any(axis=1)]
            if len(counted) < self.scored and not self.levels:
                return (f"{self.what} {verb} at least {self.scored} staff {_SCORED}; this employee survey "
                        f"has {len(counted)}.")
        if self.levels:
            sizes = counted["level"].value_counts() if "level" in counted else pd.Series(dtype=int)
            have = [int(sizes.get(lv, 0)) for lv in self.levels]
            if min(have) < self.min_per_level:
                wanted = " and ".join(f"{self.min_per_level} {_LEVEL_NOUNS.get(lv, lv)}" for lv in self.levels)
                return (f"{self.what} {verb} at least {wanted} {self._counted()}; this employee survey has "
                        + " and ".join(str(n) for n in have) + ".")
        if self.units:
            survey = frames["survey"]
            for column, word in (("channel", "channel"), ("nps", "likelihood-to-recommend (NPS)")):
                if column not in survey.columns or survey[column].isna().all():
                    return f"{self.what} {verb} the customer survey's {word} answers; this survey has none."
            from cxlib.culture.customer_link import linked_units

            found = linked_units(counted, survey, min_staff=self.min_per_level, min_answers=MIN_ANSWERS)
            if len(found) < self.units:
                return (f"{self.what} {verb} at least {self.units} departments that run a customer channel, each "
                        f"with {self.min_per_level} staff {_SCORED} and {MIN_ANSWERS} customer answers from its "
                        f"channels; this client has {len(found) or 'none'}.")
        return None


CULTURE_PROFILE = StaffNeeds("The culture scores", datasets=("employees",), scored=MIN_STAFF,
                             shows="the share of agreeing answers per dimension, and whether each "
                                   "dimension's statements hang together")
LEADERS_AND_FRONTLINE = StaffNeeds("The leaders-frontline comparison", datasets=("employees",), columns=("level",),
                                   scored=MIN_STAFF, levels=("leadership", "frontline"),
                                   min_per_level=MIN_STAFF,
                                   shows="each dimension and statement, leaders against the frontline")
DEPARTMENTS = StaffNeeds("The department view", datasets=("employees",), columns=("department", "level"),
                         scored=MIN_STAFF, group="department", min_groups=2, min_per_group=MIN_GROUP,
                         shows="each department's scores by level, small groups hidden")
CUSTOMER_CONTACT = StaffNeeds("The customer-contact view", datasets=("employees",),
                              columns=("department", "customer_contact"), min_rows=MIN_STAFF,
                              shows="how often each department meets customer feedback")
STAFF_COMMENTS = StaffNeeds("Staff comments", datasets=("employees",), columns=("comment", "level"),
                            min_rows=MIN_STAFF, levels=("leadership", "frontline"), min_per_level=MIN_GROUP,
                            shows="what leaders and the frontline write about")
CULTURE_LINK = StaffNeeds("The culture-customer link", datasets=("employees", "survey"), columns=("department",),
                          units=2, min_per_level=MIN_STAFF,
                          shows="the culture of channel-running departments next to their customers' scores")

STEP_6 = (CULTURE_PROFILE, LEADERS_AND_FRONTLINE, DEPARTMENTS, CUSTOMER_CONTACT, STAFF_COMMENTS, CULTURE_LINK)

# Only the rules reach ``cxlib.sections`` (its star import), never this module's helpers.
__all__ = [name for name, value in dict(globals()).items() if isinstance(value, Needs)] + ["STEP_6"]
