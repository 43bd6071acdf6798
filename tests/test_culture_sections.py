"""Step 6's sections: what each needs, and the one sentence it says when the survey falls short."""
from __future__ import annotations

import pandas as pd
import pytest

from cxlib import sections
from cxlib.culture import alignment, contact, customer_link, dimensions, voices
from cxlib.sections import run_section

ITEMS = [item for items in dimensions.DIMENSIONS.values() for item in items]


def staff(levels: dict[str, int], *, department="Sales", contact_answer="monthly", answer=4,
          comment: str | None = "We never hear from customers.") -> pd.DataFrame:
    """One row per respondent: every culture statement answered ``answer``."""
    rows = [lv for lv, n in levels.items() for _ in range(n)]
    frame = pd.DataFrame({"respondent_id": [f"E-{i}" for i in range(len(rows))], "department": department,
                          "level": rows, "customer_contact": contact_answer})
    for item in ITEMS:
        frame[item] = answer
    frame["comment"] = comment
    return frame


def survey(channels: dict[str, int]) -> pd.DataFrame:
    rows = [c for c, n in channels.items() for _ in range(n)]
    return pd.DataFrame({"channel": rows, "nps": [10, 9, 5] * (len(rows) // 3) + [8] * (len(rows) % 3)})


def step6(frames) -> dict[str, sections.Section]:
    """The six sections of the notebook, run on ``frames``."""
    return {
        "profile": run_section(frames, dimensions.culture_profile, needs=sections.CULTURE_PROFILE),
        "levels": run_section(frames, alignment.compare_levels, needs=sections.LEADERS_AND_FRONTLINE),
        "view": run_section(frames, alignment.department_view, needs=sections.DEPARTMENTS),
        "contact": run_section(frames, contact.customer_contact, needs=sections.CUSTOMER_CONTACT),
        "voices": run_section(frames, voices.comment_themes, needs=sections.STAFF_COMMENTS),
        "link": run_section(frames, customer_link.link_to_customers, needs=sections.CULTURE_LINK),
    }


def test_every_section_says_the_employee_survey_is_missing():
    reasons = {name: s.reason for name, s in step6({}).items()}
    assert reasons["profile"] == "The culture scores need the employee survey, which was not provided."
    assert reasons["contact"] == "The customer-contact view needs the employee survey, which was not provided."
    assert reasons["voices"] == "Staff comments need the employee survey, which was not provided."
    assert all(r.endswith("the employee survey, which was not provided.") for r in reasons.values())


def test_scores_need_the_culture_statements():
    frame = staff({"frontline": 40}).drop(columns=ITEMS)
    assert sections.CULTURE_PROFILE.shortfall({"employees": frame}) == (
        "The culture scores need answers to the culture statements; this employee survey has none.")


def test_scores_need_30_staff_with_half_of_a_dimension_answered():
    frame = staff({"frontline": 30})
    assert sections.CULTURE_PROFILE.shortfall({"employees": frame}) is None
    # one person answers a single People statement (1 of 4, under half) and nothing else: 29 scored
    frame.loc[0, ITEMS] = None
    frame.loc[0, "q_hired_for_customer_focus"] = 4
    assert sections.CULTURE_PROFILE.shortfall({"employees": frame}) == (
        "The culture scores need at least 30 staff who answered the culture statements; this employee "
        "survey has 29.")


def test_leaders_and_frontline_each_need_30():
    frame = staff({"leadership": 10, "manager": 20, "frontline": 40})
    assert sections.LEADERS_AND_FRONTLINE.shortfall({"employees": frame}) == (
        "The leaders-frontline comparison needs at least 30 leaders and 30 frontline staff who answered "
        "the culture statements; this employee survey has 10 and 40.")
    assert sections.LEADERS_AND_FRONTLINE.shortfall(
        {"employees": staff({"leadership": 30, "frontline": 30})}) is None


def test_department_view_needs_two_departments_of_five():
    one = staff({"leadership": 10, "frontline": 30})
    assert sections.DEPARTMENTS.shortfall({"employees": one}) == (
        "The department view needs at least 2 departments with 5 answers or more; this employee survey "
        "has 1.")
    two = pd.concat([one, staff({"frontline": 5}, department="Finance")], ignore_index=True)
    assert sections.DEPARTMENTS.shortfall({"employees": two}) is None


def test_contact_needs_30_answers_and_says_when_the_question_is_blank():
    assert sections.CUSTOMER_CONTACT.shortfall({"employees": staff({"frontline": 25})}) == (
        "The customer-contact view needs at least 30 answers to the customer-contact question; this employee "
        "survey has 25.")
    blank = staff({"frontline": 40}).assign(customer_contact=None)
    assert sections.CUSTOMER_CONTACT.shortfall({"employees": blank}) == (
        "The customer-contact view needs answers to the customer-contact question; this employee survey has "
        "none.")


def test_comments_need_30_and_five_from_each_side():
    assert sections.STAFF_COMMENTS.shortfall({"employees": staff({"frontline": 40}).drop(columns="comment")}) == (
        "Staff comments need answers to the open question (comments); this employee survey has none.")
    frame = staff({"leadership": 3, "frontline": 37})
    assert sections.STAFF_COMMENTS.shortfall({"employees": frame.assign(comment=[None] * 15 + ["Hi"] * 25)}) == (
        "Staff comments need at least 30 comments; this employee survey has 25.")
    assert sections.STAFF_COMMENTS.shortfall({"employees": frame}) == (
        "Staff comments need at least 5 leaders and 5 frontline staff who wrote a comment; this employee "
        "survey has 3 and 37.")


def test_link_needs_the_survey_its_channels_and_two_units():
    employees = pd.concat([staff({"frontline": 30}, department="Retail"),
                           staff({"frontline": 30}, department="Customer Care")], ignore_index=True)
    need = sections.CULTURE_LINK
    assert need.shortfall({"employees": employees}) == (
        "The culture-customer link needs the survey, which was not provided.")
    assert need.shortfall({"employees": employees, "survey": survey({"store": 30}).drop(columns="channel")}) == (
        "The culture-customer link needs the customer survey's channel answers; this survey has none.")
    # store answers for Retail, but only 29 phone and chat answers for Customer Care: one unit
    assert need.shortfall({"employees": employees, "survey": survey({"store": 30, "phone": 20, "chat": 9})}) == (
        "The culture-customer link needs at least 2 departments that run a customer channel, each with 30 "
        "staff who answered the culture statements and 30 customer answers from its channels; this client "
        "has 1.")
    assert need.shortfall({"employees": employees, "survey": survey({"store": 30, "phone": 20, "chat": 10})}) is None


def test_method_notes_list_every_rule():
    notes = sections.method_notes(sections.STEP_6)
    assert len(sections.STEP_6) == 6
    assert "The leaders-frontline comparison: the employee survey with at least 30 leaders and 30 frontline " \
           "staff who answered the culture statements." in notes


def test_a_small_single_department_survey_shows_nothing_and_scores_nothing(demo):
    # 25 Customer Care respondents: under every minimum; anonymity never has to print a group
    employees = demo["employees"]
    small = employees[employees["department"] == "Customer Care"].head(25)
    parts = step6({"employees": small, "survey": demo["survey"]})
    assert not any(s.ran for s in parts.values())
    assert parts["levels"].reason == ("The leaders-frontline comparison needs at least 30 leaders and 30 frontline "
                                      "staff who answered the culture statements; this employee survey has 3 and 19.")
    assert parts["view"].reason == ("The department view needs at least 2 departments with 5 answers or more; "
                                    "this employee survey has 1.")
    from cxlib.culture import verdict

    result = verdict.assess(**parts)
    assert result.step.score is None and result.step.maturity == "Not assessed"
    assert result.step.sentences[0] == ("The culture could not be measured: the culture scores need at least 30 "
                                       "staff who answered the culture statements; this employee survey has 25.")


@pytest.mark.parametrize("name", ["profile", "levels", "view", "contact", "voices", "link"])
def test_the_demo_meets_every_minimum(demo, name):
    assert step6(demo.frames)[name].ran
