"""Step 1's score, maturity and record."""
from __future__ import annotations

import pandas as pd
import pytest

from cxlib.demo.governance import TRUTHS
from cxlib.obsession import gap, practices, priorities, verdict
from cxlib.obsession.evidence import combine, gather_evidence
from cxlib.obsession.readings import Reading
from cxlib.sections.step1 import dataset_noun

# the datasets as the shared noun list names them
PRACTICES = dataset_noun("practices")


def test_practice_points_are_proportional_to_the_evidence():
    assert verdict.practice_points(1.0) == 0.0
    assert verdict.practice_points(3.0) == pytest.approx(4.0)   # 8 x (3 - 1) / 4
    assert verdict.practice_points(5.0) == 8.0
    assert verdict.practice_points(float("nan")) is None   # not assessed, not zero


def _all_practices(self_scores: list[float]) -> pd.DataFrame:
    keys = [p.key for p in practices.PRACTICES]
    return pd.DataFrame({"practice": keys, "self_score": self_scores, "evidence": ["-"] * 10,
                         "owner": ["-"] * 10})


def _evidence_at_3() -> list[Reading]:
    """One reading per practice that scores exactly 3.0 (hire 3.0 as a mean, shares at 50%)."""
    return [Reading("hired_for_focus", 3.0), Reading("cx_training", 3.0), Reading("effort", 4.0),
            Reading("social_answered", 0.5), Reading("top_box_csat", 0.25),
            Reading("personalization", 3.0), Reading("jargon_free", 0.5), Reading("no_repeat", 0.5),
            Reading("convenience", 50.0), Reading("survey_consistency", 20.0)]


def test_the_score_adds_practice_points_and_honesty():
    said = gap.say_do_gap(practices.self_assessment(_all_practices([3.0] * 8 + [4.5, 4.0])),
                          combine(_evidence_at_3()))
    score = verdict.obsession_score(said)
    # ten practices at 3.0 earn 4 points each; 8 of 10 are rated less than a point above -> 16
    assert score.components["points"].iloc[:10].tolist() == [4.0] * 10
    assert score.components.iloc[10]["points"] == pytest.approx(16.0)
    assert score.score == pytest.approx(56.0) and score.maturity == "Competent"
    assert score.components["max_points"].sum() == 100


def test_the_score_counts_only_the_practices_the_data_measure():
    # CES alone: 30 answers averaging 4.0 -> evidence 3.0 -> 4 of its 8 points; nothing else is measured
    # and there is no self-assessment -> 4 / 8 on the full scale = 50, on 8% of the weight
    survey = pd.DataFrame({"ces": [7.0, 4.0, 1.0] * 10})
    said = gap.say_do_gap(practices.self_assessment(None), gather_evidence(survey=survey))
    score = verdict.obsession_score(said)
    assert score.score == 50.0 and score.coverage == pytest.approx(0.08)
    assert score.maturity == "Partly assessed"
    basis = score.components.set_index("component")["basis"]
    assert basis["Honest self-assessment"] == f"not assessed: the {PRACTICES} was not provided"
    assert basis["Hire for the mindset"] == "not assessed: the employee survey was not provided"
    assert basis["Personalize"] == ("not assessed: rated personalization needs personalization-rating "
                                    "answers; this survey has none")
    assert pd.isna(score.components.set_index("component").at["Personalize", "points"])  # not 0


def test_honesty_is_scored_over_the_practices_with_both_scores():
    # 3 measured practices, all self-rated; social monitoring rated 2 points above -> 2 of 3 honest
    scores = _all_practices([3.0, 3.0, 3.0, 5.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0])
    found = combine([Reading("social_answered", 0.5), Reading("social_speed", 0.5),    # 3.0
                     Reading("effort", 4.0),                                           # 3.0
                     Reading("personalization", 3.0)])                                 # 3.0
    score = verdict.obsession_score(gap.say_do_gap(practices.self_assessment(scores), found))
    # 3 x 4 points + 20 x 2/3 = 25.33 of 3 x 8 + 20 = 44 -> 57.6 on the full scale, 44% of the weight
    assert score.components.set_index("component").at["Honest self-assessment", "points"] == pytest.approx(13.3)
    assert score.score == pytest.approx(57.5)
    assert score.coverage == pytest.approx(0.44) and score.maturity == "Partly assessed"


def test_nothing_assessed_is_not_assessed_never_zero():
    said = gap.say_do_gap(practices.self_assessment(None), gather_evidence())
    score = verdict.obsession_score(said)
    assert score.score is None and score.maturity == "Not assessed"
    assert verdict.score_headline(score).startswith("Customer obsession could not be assessed: ")


def test_next_level_text_says_what_mature_takes():
    said = gap.say_do_gap(practices.self_assessment(_all_practices([3.0] * 10)),
                          combine(_evidence_at_3()))
    score = verdict.obsession_score(said)                  # 40 + 20 = 60
    assert verdict.next_level_text(score) == (
        "Reaching Mature (75) takes 15 more points: for instance an average evidence score of "
        "3.75 of 5 across all ten practices, with none rated 1 point or more above its evidence.")
    assert "37% of the mature companies" in verdict.maturity_text(score)
    assert "19% of those that ignore it" in verdict.maturity_text(score)


def _section(needs, value, reason="It could not run."):
    from cxlib.sections import Section

    return Section(needs, value, None if value is not None else reason)


def test_assess_writes_a_valid_record_even_without_data():
    from cxlib.sections import PRACTICE_IMPACT, SAY_DO_GAP

    found = gather_evidence()
    said = _section(SAY_DO_GAP, None, SAY_DO_GAP.shortfall({}))
    impact = _section(PRACTICE_IMPACT, None, PRACTICE_IMPACT.shortfall({}))
    moves = priorities.first_moves(found, impact, said)
    result = verdict.assess(gap=said, evidence=found, moves=moves, client="Acme")
    assert result.step.score is None and result.step.maturity == "Not assessed"
    assert 3 <= len(result.step.findings) <= 5 and 3 <= len(result.step.recommendations) <= 5
    assert result.step.sentences[0] == ("Customer obsession could not be assessed: the data provided measure none "
                                       "of the ten practices, and leadership's self-assessment was not provided.")
    # the sections that could not run say why after the findings (the record builder's gaps)
    assert result.step.sentences[1].startswith(
        "None of the ten practices could be measured with the data provided: hiring for a customer-obsessed mindset, ")
    assert result.step.sentences[1].endswith(" were not provided.")
    assert result.step.sentences[2] == f"The say-do gap needs the {PRACTICES}, which was not provided."
    assert all(not f.figures for f in result.step.findings)   # nothing measured, no figure stated
    actions = [r.action for r in result.step.recommendations]
    assert [r.theme for r in result.step.recommendations] == ["data", "leadership", "measurement"]
    first = result.step.recommendations[0].kpi
    assert (first.metric, first.baseline, first.target) == ("Practices measured", 0.0, 10.0)
    assert actions[0].startswith("Provide the employee survey, the survey, the social export")
    assert actions[1:] == ["Have leadership score the ten practices, then review each score against "
                           "this evidence with its owner every quarter",
                           "Name an owner, a measure and a target for each of the ten practices"]
    assert not verdict.maturity(result, said).ran


def test_a_partly_assessed_client_names_no_maturity_and_recommends_only_measured_moves():
    from cxlib.sections import PRACTICE_IMPACT, SAY_DO_GAP

    scores = _all_practices([3.0, 3.0, 3.0, 5.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0])
    found = combine([Reading("social_answered", 0.5), Reading("social_speed", 0.5), Reading("effort", 4.0)])
    said = _section(SAY_DO_GAP, gap.say_do_gap(practices.self_assessment(scores), found))
    impact = _section(PRACTICE_IMPACT, None, "The link to NPS needs the survey, which was not provided.")
    moves = priorities.first_moves(found, impact, said)
    result = verdict.assess(gap=said, evidence=found, moves=moves, client="Acme")
    # 2 practices at 3.0 (8 of 16) and honesty 1 of 2 (10 of 20): 18 / 36 -> 50, on 36% of the weight
    assert result.step.score == 50.0 and result.step.maturity == "Partly assessed"
    assert result.step.sentences[0] == (
        "On the evidence in its own data, Acme lives the 2 practices its data can measure at 3.0 of 5 on "
        "average, against 4.0 in leadership's own assessment: 50/100 on the 36% of the score's weight the "
        "data could assess, too little to claim a maturity level.")
    moved = {r.action for r in result.step.recommendations}
    assert priorities.MOVES["personalize"][0] not in moved          # self-rated only: not a move
    assert priorities.MOVES["social_monitoring"][0] in moved
    mature = verdict.maturity(result, said)
    assert not mature.ran and mature.reason == (
        "The maturity level needs at least 50% of the score's weight assessed; the data provided assess "
        "36%, on which customer obsession scores 50/100.")


@pytest.fixture(scope="module")
def demo_result(demo):
    from cxlib.sections import PRACTICE_IMPACT, SAY_DO_GAP

    found = gather_evidence(demo.frames, client=demo.config.name)
    said = demo.section(gap.audit, found, needs=SAY_DO_GAP)
    impact = demo.section(priorities.nps_impact, needs=PRACTICE_IMPACT)
    moves = priorities.first_moves(found, impact, said)
    return verdict.assess(gap=said, evidence=found, moves=moves, client=demo.config.name), said


def test_the_demo_is_competent_and_the_record_names_the_overconfident_practices(demo_result):
    result, said = demo_result
    step = result.step
    assert step.step == 1 and step.maturity == "Competent"
    assert step.score == pytest.approx(57.1, abs=2.0)
    assert step.sentences[1] == (
        "Leadership is overconfident on 2 of 10 practices, rating itself 1 point or more above "
        "the evidence: social monitoring (self-assessment 5.0, evidence 2.0) and seamless "
        "transitions (self-assessment 4.5, evidence 3.1).")
    actions = [r.action for r in step.recommendations]
    assert actions[0].startswith("Give every agent and channel the customer's full contact history")
    # ease: the highest evidence score among the practices leadership reads right, on the 1-5 evidence
    # scale, and the survey's own CES on its 1-7 scale (the demo plants a mean near 4.9)
    in_line = step.findings[2]
    assert ("best evidenced on simplifying every point of contact (self-assessment 3.5, evidence 3.6: the "
            "customer effort score averages 4.9 of 7)") in in_line.text
    ces = next(f for f in in_line.figures if f.quantity == "customer effort (CES)")
    assert ces.unit == "of 7" and ces.population == "survey, 4,766 CES answers"
    assert ces.low < ces.value < ces.high      # its 95% range goes to the appendix, not into the sentence
    assert ces.value == pytest.approx(TRUTHS.realistic_ces, abs=0.1)
    evidence_score = next(f for f in in_line.figures if f.quantity.startswith("evidence score, simplifying"))
    assert evidence_score.value == pytest.approx(1 + 4 * (ces.value - 1) / 6)
    # every figure a finding states is printed in it, rounded as the sentence rounds it
    for finding in step.findings:
        for figure in finding.figures:
            shown = {f"{figure.value:.1f}", f"{figure.value:.0f}", f"{abs(figure.value):.1f}"}
            assert any(s in finding.text for s in shown), (figure, finding.text)
    # the moves: their theme, and the first measure each moves with a target from the data
    themes = {r.action.split(",")[0]: (r.theme, r.kpi.metric, r.kpi.baseline, r.kpi.target) for r in step.recommendations}
    assert themes["Take steps out of the highest-effort contacts"][:2] == ("ease", "Customer effort (CES)")
    assert themes["Take steps out of the highest-effort contacts"][2] == pytest.approx(ces.value)
    social = themes["Staff social care to answer every post about the brand"]
    assert social[:2] == ("social", "Answers within 2 hours")
    assert social[2] == pytest.approx(100 * TRUTHS.social_within_2h, abs=2)
    # halfway from today's 12% to 100%, the share that scores 5 of 5 (no other industry's bar): 56%
    assert social[3] == pytest.approx(social[2] + (100 - social[2]) / 2)
    assert any(a.startswith("Staff social care") for a in actions)   # the blind spot gets a move
    # three first moves (social care among them) and the quarterly re-rating
    assert [r.priority for r in step.recommendations] == [1, 2, 3, 4]
    # the summary page holds: each finding short enough to read at a glance
    assert all(len(f.text.split()) <= 45 for f in step.findings), [len(f.text.split()) for f in step.findings]
    mature = verdict.maturity(result, said, client="Northstar Mobile")
    assert mature.ran and mature.value().title() == "Northstar Mobile is Competent on customer obsession"
    assert mature.source == said.source != ""   # the score's chart names the data the score comes from


def test_the_score_rule_is_built_from_its_constants():
    from cxlib.report.record import MATURITY_BANDS

    assert verdict.SCORE_RULE == "10 practices in evidence, 8 points each; honest self-assessment 20"
    assert verdict.EVIDENCE_POINTS + verdict.HONESTY_POINTS == 100
    assert "*Practices in evidence* (80)" in verdict.SCORE_RULE_TEXT
    assert "does not rate itself 1 point or more above the evidence" in verdict.SCORE_RULE_TEXT
    assert verdict.bands_text() == "Mature from 75, Competent from 50, Novice from 25, below that Ignoring"
    assert verdict.bands_text().count(" from ") == sum(floor > 0 for floor, _ in MATURITY_BANDS)
    assert verdict.SCORE_RULE_TEXT.endswith(f"otherwise {verdict.bands_text()}.")
