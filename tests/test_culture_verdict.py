"""Step 6's score by the stated rule, the record when data is missing, and the demo's verdict."""
from __future__ import annotations

import pandas as pd
import pytest
from test_culture_sections import step6

from cxlib.culture import verdict


def test_score_adds_the_five_components_by_the_stated_rule():
    score = verdict.culture_score(
        agree={"People": 0.5, "Values": 0.25, "Clarity": 0.1},  # 10 + 5 + 2
        widest_gap=0.75,                                         # (1.25 - 0.75) / 1.0 -> 10
        regular_contact=0.4)                                     # 20 * 0.4 -> 8
    points = dict(zip(score.components["component"], score.components["points"]))
    assert points == pytest.approx({"People": 10, "Values": 5, "Clarity": 2, "One culture": 10,
                                    "Everyone customer-facing": 8})
    assert score.score == 35.0
    assert score.headline() == "The culture scores 35/100; the weakest part is clarity (2 of 20)."


def test_gap_points_are_capped_at_both_ends():
    def one_culture(gap):
        table = verdict.culture_score(agree={}, widest_gap=gap, regular_contact=None).components
        return table.set_index("component").loc["One culture", "points"]

    assert one_culture(0.1) == 20 and one_culture(-0.25) == 20
    assert one_culture(1.25) == 0 and one_culture(2.0) == 0


def test_missing_data_earns_no_points_and_says_why():
    score = verdict.culture_score(agree=None, widest_gap=None, regular_contact=None)
    table = score.components.set_index("component")
    # nothing could be measured: not assessed, never 0/100
    assert score.score is None and score.maturity == "Not assessed"
    assert table.loc["People", "basis"] == "not assessed: no employee survey"
    assert table.loc["One culture", "basis"] == "not assessed: leaders and frontline cannot be compared"
    record = verdict.missing_survey_assessment().step
    assert record.score is None and record.maturity == "Not assessed"
    assert record.sentences[0] == "No employee survey was provided, so the culture could not be measured."
    assert [r.priority for r in record.recommendations] == [1, 2, 3]


@pytest.fixture(scope="module")
def demo_result(demo):
    return verdict.assess(**step6(demo.frames))


def test_demo_is_a_novice_culture(demo_result):
    step = demo_result.step
    assert 20 <= step.score <= 40 and step.maturity == "Novice"
    table = demo_result.components.set_index("component")
    assert table.loc["One culture", "points"] == 0  # the Clarity gap is beyond 1.25 points
    assert table["points"].sum() == pytest.approx(step.score, abs=0.05)


def test_demo_findings_carry_the_planted_truths(demo_result):
    findings = demo_result.step.sentences
    assert len(findings) == 5
    assert findings[0].startswith("Leaders and the frontline see different companies on Clarity: "
                                  "4.2 vs 2.6 out of 5, a gap of 1.6 points")
    assert "81% of leaders but 6% of the frontline say they understand how CX pays back" in findings[0]
    assert findings[2].startswith("All 40 Engineering respondents never meet customer feedback")
    assert "CX as a priority" in findings[3] and "distance from customers" in findings[3]
    assert findings[4].endswith("Two departments cannot show a link, let alone a cause.")


def test_demo_recommendations_start_with_clarity_and_contact(demo_result):
    recs = demo_result.step.recommendations
    assert [r.priority for r in recs] == [1, 2, 3, 4, 5]
    assert recs[0].action == "Show every department how CX pays back and give each one a CX goal it owns"
    assert recs[1].action.endswith("starting with Engineering")
    # changed deliberately: no "store" for a client that may have none
    assert recs[-1].action == "Code next year's employee survey by the team behind each customer channel"


def test_without_a_customer_survey_the_last_move_is_to_get_one(demo):
    # changed with the move to sections: the link section says why it cannot run, in its own words
    frames = {"employees": demo["employees"]}
    result = verdict.assess(**step6(frames))
    assert result.step.sentences[-1] == "The culture-customer link needs the survey, which was not provided."
    assert result.step.recommendations[-1].action == ("Read culture next to customer scores, "
                                                      "channel by channel")
    assert result.step.score == pytest.approx(28, abs=1)  # the link is not scored: same parts as the demo


def staff_without_statements(n_monthly: int, n_never: int) -> pd.DataFrame:
    contact = ["monthly"] * n_monthly + ["never"] * n_never
    return pd.DataFrame({"respondent_id": [f"E-{i}" for i in range(len(contact))],
                         "department": ["Sales", "Finance"] * (len(contact) // 2),
                         "level": "frontline", "customer_contact": contact})


def test_only_the_parts_that_ran_are_scored():
    # no culture statements, 40 staff of whom 10 meet customer feedback monthly:
    # everyone customer-facing 20 * 10/40 = 5 of 20 -> 25 on the 0-100 scale; the rest not assessed
    result = verdict.assess(**step6({"employees": staff_without_statements(10, 30)}))
    table = result.components.set_index("component")
    assert table.loc["Everyone customer-facing", "points"] == pytest.approx(5.0)
    assert table[["points"]].drop("Everyone customer-facing")["points"].isna().all()
    assert table.loc["People", "basis"] == ("not assessed: the culture scores need answers to the culture "
                                            "statements; this employee survey has none")
    assert result.step.score == 25.0 and result.step.maturity == "Partly assessed"
    findings = result.step.sentences
    assert 3 <= len(findings) <= 5
    # the two sections that lack the statements are named in one finding
    assert findings[0] == ("The leaders-frontline comparison and the culture scores need answers to the culture "
                           "statements; this employee survey has none.")
    assert "across the company 75% of the 40 staff who answered meet it less than monthly" in findings[1]
    assert findings[2] == "The culture-customer link needs the survey, which was not provided."
    # no recommendation quotes a share of agreement that was never measured
    assert not any("agree" in r.rationale for r in result.step.recommendations)


def test_nothing_assessed_without_the_survey_is_not_zero():
    result = verdict.assess(**step6({}))
    assert result.step.score is None and result.step.maturity == "Not assessed"
    assert result.step.sentences[0] == "No employee survey was provided, so the culture could not be measured."


def test_recommendations_fall_back_to_the_overall_share_without_a_level_comparison():
    # 40 frontline staff all answering 2: nobody agrees; no leaders, so no frontline-vs-leader figures
    _, why = verdict._dimension_rec("Clarity", 0.0, None, None)
    assert why.startswith("Only 0% of answers on Clarity agree (4 or 5 out of 5).")


def test_sections_missing_the_same_thing_are_named_in_one_finding():
    findings = verdict._merge_reasons(
        ["The comparison needs answers to the statements; this survey has none.", "A finding.",
         "The culture scores need answers to the statements; this survey has none."],
        ["The comparison needs answers to the statements; this survey has none.",
         "The culture scores need answers to the statements; this survey has none."])
    assert findings == [("The comparison and the culture scores need answers to the statements; this survey "
                         "has none."), "A finding."]


def _figures(finding) -> dict[str, float]:
    return {f.quantity: f.value for f in finding.figures}


def test_demo_findings_carry_their_figures_themes_and_sources(demo_result, demo):
    findings = demo_result.step.findings
    assert [f.theme for f in findings] == ["culture"] * 5
    gap = _figures(findings[0])
    # planted: leaders rate Clarity 1.6 points above the frontline (39 leaders, 207 frontline)
    assert gap["leaders answering"] == 39 and gap["frontline staff answering"] == 207
    assert gap["Clarity gap, leaders minus frontline"] == pytest.approx(
        gap["Clarity score, leaders"] - gap["Clarity score, frontline"])
    assert round(gap["Clarity gap, leaders minus frontline"], 1) == 1.6
    assert findings[0].source == "cxlib.culture.alignment.compare_levels"
    # the gap's 95% range rides on its figure (1.33 to 1.90), not in the sentence or as figures of its own
    ranged = {f.quantity: f for f in findings[0].figures}
    gap_figure = ranged["Clarity gap, leaders minus frontline"]
    assert (round(gap_figure.low, 2), round(gap_figure.high, 2)) == (1.33, 1.9)
    assert not any("CI" in q for q in ranged)
    # each level's mean and each statement share carries its range; the statement's own counts
    assert all(ranged[q].low is not None for q in ("Clarity score, leaders", "Clarity score, frontline",
                                                    "understand how CX pays back, leaders",
                                                    "understand how CX pays back, frontline"))
    assert ranged["understand how CX pays back, leaders"].population.endswith("(n = 36)")
    # customer contact: every number the sentence prints is a figure; by hand from the employees file
    staff = demo["employees"]
    regular = staff["customer_contact"].isin(["monthly", "weekly", "daily"]).mean()
    contact = _figures(findings[2])
    assert contact["staff meeting customer feedback less than monthly"] == pytest.approx(100 * (1 - regular))
    assert contact["employee survey respondents"] == len(staff) == 300
    assert contact["respondents in Engineering, none meeting customer feedback"] == 40
    # the link names the survey's channels and their answers, each NPS with its 95% range, and the
    # culture scores and the count of departments the sentence states
    link = {f.quantity: f for f in findings[4].figures}
    assert list(link) == ["NPS, store", "NPS, phone and chat", "departments that run a customer channel",
                          "Values score, Retail staff", "Values score, Customer Care staff"]
    for channel in ("store", "phone and chat"):
        nps = link[f"NPS, {channel}"]
        assert nps.population.startswith("survey answers, ") and nps.unit == "points"
        assert nps.low < nps.value < nps.high
    assert link["departments that run a customer channel"].value == 2
    # Retail's 60 and Customer Care's 80 scored staff, by hand from the employees file
    scored = demo["employees"].groupby("department").size()
    assert link["Values score, Retail staff"].population == f"employee survey, Retail (n = {scored['Retail']})"
    assert link["Values score, Customer Care staff"].population == (
        f"employee survey, Customer Care (n = {scored['Customer Care']})")


def test_demo_recommendations_are_culture_moves_with_their_first_measure(demo_result, demo):
    recs = demo_result.step.recommendations
    assert [r.theme for r in recs] == ["culture"] * 4 + ["data"]
    contact = next(r for r in recs if r.action.startswith("Put every department"))
    staff = demo["employees"]
    assert contact.kpi.metric == "Staff who meet customer feedback monthly"  # the culture theme's measure
    assert contact.kpi.baseline == pytest.approx(
        100 * staff["customer_contact"].isin(["monthly", "weekly", "daily"]).mean())
    assert contact.owner == "Chief People Officer"
    clarity = recs[0]
    assert clarity.kpi.metric == "Answers agreeing on Clarity" and round(clarity.kpi.baseline) == 27
    assert recs[-1].action == "Code next year's employee survey by the team behind each customer channel"


def test_without_the_survey_the_moves_ask_for_data():
    result = verdict.missing_survey_assessment()
    assert [r.theme for r in result.step.recommendations] == ["data", "data", "culture"]
    assert [r.priority for r in result.step.recommendations] == [1, 2, 3]
    assert all(not f.figures for f in result.step.findings)


def test_demo_summary_speaks_plain_words_in_short_sentences(demo_result):
    from cxlib.wording import method_words

    step = demo_result.step
    for finding in step.sentences:
        # the summary fits its page: about 45 words a finding; no test names, p-values or "n =" notation
        assert len(finding.split()) <= 45, finding
        assert method_words(finding) == [] and "n = " not in finding, finding
    for rec in step.recommendations:
        assert method_words(rec.rationale) == [], rec.rationale
    # the gap is stated in words: larger than chance (Welch: the whole 95% range lies above 1.3)
    assert "(39 leaders, 207 frontline staff), larger than chance;" in step.sentences[0]


def test_demo_link_says_how_many_departments_and_claims_no_cause(demo_result):
    import re

    text = demo_result.step.sentences[4]
    assert "Two departments" in text and "let alone a cause" in text
    assert not re.search(r"\b(because|drives?|lifts?|happier|worth|causes?)\b", text.replace("a cause", ""))
    link_rec = demo_result.step.recommendations[-1]
    assert link_rec.rationale == ("Telling whether a team's culture goes with its own customers' NPS needs more "
                                  "teams than the 2 departments that run a customer channel today.")
