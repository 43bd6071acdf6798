"""The demo's employee survey: every planted truth of cxlib.demo.people, checked with plain pandas.

Computed here with numpy/pandas on purpose (not with cxlib.culture), so a bug in an analysis cannot
hide a bug in the data; tests/test_culture_*.py check that cxlib.culture recovers each truth.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from cxlib.demo import build, people
from cxlib.demo.people import TRUTHS

PEOPLE = ["q_hired_for_customer_focus", "q_team_puts_customer_first", "q_know_our_customers",
          "q_received_cx_training"]
VALUES = ["q_curious_about_customers", "q_encouraged_to_experiment", "q_learn_from_failures"]
CLARITY = ["q_understand_cx_roi", "q_clear_cx_goals", "q_see_my_impact_on_customers"]
DIMENSIONS = {"People": PEOPLE, "Values": VALUES, "Clarity": CLARITY}


@pytest.fixture(scope="module")
def frames():
    return build(2026)


@pytest.fixture(scope="module")
def staff(frames) -> pd.DataFrame:
    frame = frames["employees"].copy()
    for dim, items in DIMENSIONS.items():
        frame[dim] = frame[items].astype(float).mean(axis=1)
    return frame


def test_the_survey_is_valid_under_the_data_contract(demo):
    assert "employees" in demo.frames
    assert not [p for p in demo.errors if "employees" in str(p.file)]
    assert len(demo["employees"]) == TRUTHS.respondents


def test_truth_3_hr_leaders_and_managers_are_the_only_groups_under_five(staff):
    sizes = staff.groupby(["department", "level"]).size()
    small = sorted((d, lv, int(n)) for (d, lv), n in sizes.items() if n < TRUTHS.min_group)
    assert small == sorted(TRUTHS.small_groups)
    assert sizes.sum() == TRUTHS.respondents
    assert staff.groupby("department").size().min() >= TRUTHS.min_group  # no whole department under 5
    assert staff.groupby("level").size().min() >= TRUTHS.min_group


def test_truth_1_leaders_rate_clarity_far_above_the_frontline(staff):
    means = staff.groupby("level")[list(DIMENSIONS)].mean()
    gaps = means.loc["leadership"] - means.loc["frontline"]
    assert gaps["Clarity"] == pytest.approx(TRUTHS.clarity_gap, abs=TRUTHS.clarity_gap_tolerance)
    assert gaps.idxmax() == TRUTHS.widest_gap_dimension
    assert gaps.drop("Clarity").abs().max() < TRUTHS.other_gaps_below


def test_truth_1_leaders_understand_how_cx_pays_back_the_frontline_does_not(staff):
    answers = staff.dropna(subset=["q_understand_cx_roi"])
    agree = (answers["q_understand_cx_roi"] >= 4).groupby(answers["level"]).mean()
    assert agree["leadership"] >= TRUTHS.roi_agree_leadership_at_least
    assert agree["frontline"] <= TRUTHS.roi_agree_frontline_at_most


def test_truth_2_engineering_and_only_engineering_never_meets_customers(staff):
    never = staff["customer_contact"].eq("never").groupby(staff["department"]).mean()
    assert never[never == 1.0].index.tolist() == [TRUTHS.no_contact_department]
    assert (staff["department"] == TRUTHS.no_contact_department).sum() == TRUTHS.no_contact_respondents
    # those who never meet customers know them least
    know = staff.groupby(staff["customer_contact"] == "never")["q_know_our_customers"].mean()
    assert know[True] < know[False] - 0.4


def test_truth_4_every_dimension_is_internally_consistent(staff):
    for dim, items in DIMENSIONS.items():
        x = staff[items].astype(float).dropna().to_numpy()
        k = x.shape[1]
        alpha = k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))
        assert alpha >= TRUTHS.min_alpha, dim


def test_truth_5_leaders_talk_priority_the_frontline_talks_distance(staff):
    comments = staff.dropna(subset=["comment"])
    leaders = comments.loc[comments["level"] == "leadership", "comment"]
    assert leaders.str.contains(r"priority|customer-centric", case=False).mean() >= 0.5
    front = comments.loc[comments["level"] == "frontline", "comment"]
    distant = front.isin(people.REMARKS["distant"])
    assert distant.mean() >= 0.3
    # every other family of frontline remarks is smaller
    families = {"hand-offs": r"repeat|hand-offs|systems don't show", "training": r"training",
                "targets": r"handle time|targets|measured"}
    for family, pattern in families.items():
        assert distant.sum() > front.str.contains(pattern, case=False).sum(), family


def test_truth_5_two_comments_carry_contact_details(staff):
    texts = staff["comment"].dropna()
    for pii in TRUTHS.comment_pii:
        assert texts.str.contains(re.escape(pii)).sum() == 1, pii


def test_truth_6_retail_leads_on_values_while_channel_nps_barely_differs(staff, frames):
    values = staff.groupby("department")["Values"].mean()
    channels = dict(TRUTHS.linked_departments)
    other = next(d for d in channels if d != TRUTHS.values_lead_department)
    assert values[TRUTHS.values_lead_department] - values[other] >= TRUTHS.values_lead_at_least
    survey = frames["survey"]

    def nps(scores: pd.Series) -> float:
        scores = scores.dropna()
        return 100 * ((scores >= 9).mean() - (scores <= 6).mean())

    lead = nps(survey.loc[survey["channel"].isin(channels[TRUTHS.values_lead_department]), "nps"])
    rest = nps(survey.loc[survey["channel"].isin(channels[other]), "nps"])
    assert abs(lead - rest) <= TRUTHS.channel_nps_gap_at_most
    assert set(channels) == {d for d in staff["department"] if d in channels}  # both exist


def test_items_stay_on_the_scale_with_a_few_percent_missing(staff):
    items = [*PEOPLE, *VALUES, *CLARITY]
    answers = staff[items]
    assert answers.stack().between(1, 5).all()
    assert ((answers.isna().mean() > 0.005) & (answers.isna().mean() < 0.08)).all()
    assert 0.25 <= staff["comment"].notna().mean() <= 0.45
