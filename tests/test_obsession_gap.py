"""The say-do gap: self-assessment against evidence, and where leadership is overconfident."""
from __future__ import annotations

import pandas as pd
import pytest

from cxlib.demo.governance import TRUTHS
from cxlib.obsession import evidence, gap, practices
from cxlib.obsession.evidence import combine
from cxlib.obsession.readings import Reading


def test_status_uses_one_point_either_way():
    assert gap.status(1.0) == gap.OVERCONFIDENT
    assert gap.status(0.99) == gap.IN_LINE
    assert gap.status(-0.99) == gap.IN_LINE
    assert gap.status(-1.0) == gap.TOO_MODEST
    assert gap.status(0.6, threshold=0.5) == gap.OVERCONFIDENT


@pytest.fixture
def small():
    scores = pd.DataFrame({
        "practice": ["social_monitoring", "personalize", "over_deliver", "reduce_jargon"],
        "self_score": [5.0, 3.0, 2.0, 4.0], "evidence": ["Tool.", "App.", "Pilot.", "Guide."],
        "owner": ["M", "D", "R", "M"]})
    readings = [Reading("social_answered", 0.5), Reading("social_speed", 0.25),   # 3.0 and 3.0
                Reading("personalization", 3.4),                                   # 3.4
                Reading("top_box_csat", 0.5), Reading("five_star_reviews", 0.5),   # 5.0
                Reading("hired_for_focus", 3.0)]                                   # not self-rated
    return gap.say_do_gap(practices.self_assessment(scores), combine(readings))


def test_gap_is_self_minus_evidence_with_a_status(small):
    t = small.table.set_index("practice")
    assert t.at["social_monitoring", "gap"] == pytest.approx(2.5)      # 5.0 - 2.5
    assert t.at["social_monitoring", "status"] == gap.OVERCONFIDENT
    assert t.at["personalize", "gap"] == pytest.approx(-0.4)           # 3.0 - 3.4
    assert t.at["personalize", "status"] == gap.IN_LINE
    assert t.at["over_deliver", "status"] == gap.TOO_MODEST            # 2.0 - 5.0
    assert t.at["reduce_jargon", "status"] == gap.NO_EVIDENCE
    assert t.at["hire_for_mindset", "status"] == gap.NOT_RATED
    assert len(small.compared) == 3


def test_the_headline_names_the_overconfident_practice_with_both_scores(small):
    assert small.title() == "Leadership overrates social monitoring"
    # social monitoring: answered 50% -> 3.0, speed 25% -> 1 + 4 x 0.25 = 2.0; evidence 2.5
    assert small.headline() == (
        "Across the 3 practices the data speak to, leadership's self-assessment averages 3.3 of 5 "
        "and the evidence 3.6. Leadership is overconfident on one practice, rating it 1 point or "
        "more above the evidence: social monitoring (self-assessment 5.0, evidence 2.5).")
    assert small.in_line_headline() == (
        "Leadership's view is in line with the evidence on 1 of 3 practices, best evidenced on personalization "
        "(self-assessment 3.0, evidence 3.4); it undersells over-delivering (self-assessment 2.0, evidence 5.0).")
    assert small.tiles()[2] == ("Overconfident", "1 of 3", "practices rated 1 point or more above the evidence")


def test_the_in_line_finding_says_what_the_evidence_score_rests_on_and_carries_its_figures():
    scores = pd.DataFrame({"practice": ["simplify_contact", "personalize"], "self_score": [3.5, 3.0],
                           "evidence": ["CES.", "App."], "owner": ["O", "D"]})
    found = combine([Reading("effort", 4.9, n=4766), Reading("personalization", 3.0, n=100)])
    said = gap.say_do_gap(practices.self_assessment(scores), found)
    finding = said.in_line_finding(found)
    # CES 4.9 of 7 -> 1 + 4 x 3.9 / 6 = 3.6 on the evidence scale; personalization 3.0 used as it is
    assert finding.text == (
        "Leadership's view is in line with the evidence on 2 of 2 practices, best evidenced on simplifying every "
        "point of contact (self-assessment 3.5, evidence 3.6: the customer effort score averages 4.9 of 7).")
    figures = {f.quantity: f for f in finding.figures}
    assert figures["evidence score, simplifying every point of contact"].value == pytest.approx(3.6)
    assert figures["evidence score, simplifying every point of contact"].population == (
        "survey, on the 1-5 evidence scale")
    ces = figures["customer effort (CES)"]
    assert (ces.value, ces.unit, ces.population) == (4.9, "of 7", "survey, 4,766 CES answers")
    assert figures["self-assessment, simplifying every point of contact"].value == 3.5
    assert finding.theme == "leadership" and finding.source == "cxlib.obsession.gap.say_do_gap"


def test_the_overconfident_finding_carries_both_scores_of_each_practice(small):
    finding = small.overconfident_finding()
    assert finding.text == ("Leadership is overconfident on 1 of 3 practices, rating itself 1 point or more "
                            "above the evidence: social monitoring (self-assessment 5.0, evidence 2.5).")
    values = {f.quantity: f.value for f in finding.figures}
    assert values == {"practices rated 1 point or more above the evidence": 1.0,
                      "practices with a self-assessment and an evidence score": 3.0,
                      "self-assessment, social monitoring": 5.0, "evidence score, social monitoring": 2.5}


def test_the_report_table_shows_missing_scores_as_dashes(small):
    table = small.for_report().set_index("Practice")
    assert table.at["Reduce jargon", "Evidence"] == "\u2013"
    assert table.at["Social monitoring", "Say-do gap"] == "+2.5"
    assert table.at["Personalize", "Say-do gap"] == "\u22120.4"   # the true minus sign, never a hyphen
    assert "Gap" not in table.columns   # the say-do gap is named apart from the room to improve


def test_nothing_to_compare_without_a_self_assessment():
    result = gap.say_do_gap(practices.self_assessment(None), combine([Reading("effort", 4.0)]))
    assert result.compared.empty
    assert (result.table["status"] == gap.NOT_RATED).all()
    assert result.headline() == "Leadership has not scored the practices, so the say-do gap cannot be measured."
    assert result.title() == "Leadership's view cannot be checked against the data"
    assert result.no_stories_text() == "Without leadership's own scores, no blind spot can be named."


# --- the demo ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_gap(demo):
    found = evidence.gather_evidence(
        **{k: demo.get(k) for k in ("survey", "reviews", "social", "messages", "interactions",
                                     "channels", "journey", "employees")}, client=demo.config.name)
    return gap.say_do_gap(practices.self_assessment(demo["practices"]), found), found


def test_the_demo_leadership_is_overconfident_on_exactly_the_two_planted_practices(demo_gap):
    result, _ = demo_gap
    assert tuple(result.overconfident["practice"]) == TRUTHS.overconfident
    assert result.title() == "Leadership overrates social monitoring and seamless transitions"
    headline = result.headline()
    # answered 38% -> 1 + 4 x 0.38 = 2.52; within 2 hours 12% -> 1 + 4 x 0.12 = 1.47; mean 1.99
    assert "social monitoring (self-assessment 5.0, evidence 2.0)" in headline
    assert "seamless transitions (self-assessment 4.5, evidence 3.1)" in headline


def test_the_demo_leadership_is_realistic_where_the_evidence_is_best(demo_gap):
    result, _ = demo_gap
    best = result.in_line.iloc[0]
    assert best["practice"] == TRUTHS.realistic
    assert best["evidence"] == result.table["evidence"].max()
    assert "undersells over-delivering (self-assessment 2.5, evidence 3.1)" in result.in_line_headline()


def test_the_blind_spots_quote_what_leadership_cites_and_what_the_data_show(small):
    table = small.blind_spots()
    assert table.to_dict("records") == [{
        "Practice": "Social monitoring", "Owner": "M", "What leadership cites": "Tool.",
        # answered 50% and a quarter of the answers within 2 hours: 3.0 and 2.0 -> 2.5; say-do gap 5.0 - 2.5
        "What the data show": "50% of posts answered and 25% of answers within 2 hours",
        "Self": "5.0", "Evidence": "2.5", "Say-do gap": "+2.5"}]
    assert small.blind_spot_headline() == (
        "The widest blind spot is social monitoring: leadership scores itself 5.0 of 5, citing "
        "\u201cTool\u201d, while the evidence says 2.5, a say-do gap of 2.5 points.")


def test_without_a_blind_spot_the_table_is_empty_and_the_sentence_says_so():
    scores = pd.DataFrame({"practice": ["personalize"], "self_score": [3.0], "evidence": ["App."], "owner": ["D"]})
    result = gap.say_do_gap(practices.self_assessment(scores), combine([Reading("personalization", 3.4)]))
    assert result.blind_spots().empty
    assert result.blind_spot_headline() == ("Leadership does not rate personalization, the one practice the "
                                            "data speak to, 1 point or more above its evidence.")


def test_the_demo_blind_spots_quote_what_leadership_cites_and_what_the_data_show(demo_gap):
    result, _ = demo_gap
    table = result.blind_spots().set_index("Practice")
    assert table.at["Social monitoring", "What leadership cites"].startswith("24/7")
    assert table.at["Social monitoring", "What the data show"] == \
        "38% of posts answered and 12% of answers within 2 hours"
    assert table.at["Seamless transitions", "What the data show"] == \
        "customers repeat information in 47% of channel switches"


def _section(value):
    from cxlib.sections import SAY_DO_GAP, Section

    return Section(SAY_DO_GAP, value, None if value is not None else "The say-do gap needs it.")


def _posts(brand: str, answered: list[bool], minutes: list[float | None]) -> pd.DataFrame:
    posted = pd.Timestamp("2026-03-01 10:00")
    return pd.DataFrame({"brand": brand, "platform": "X", "text": "Help?", "posted_at": posted,
                         "responded": answered,
                         "responded_at": [posted + pd.Timedelta(minutes=m) if m is not None else pd.NaT
                                          for m in minutes]})


def test_blind_spot_evidence_sets_the_client_beside_the_competitor_that_answers_most():
    from cxlib.obsession.gap import blind_spot_evidence

    class Gap:
        overconfident = pd.DataFrame({"practice": ["social_monitoring"]})

    # Us: 2 posts in 4 answered, in 60 and 300 minutes; Rival: 3 in 4, all within an hour
    us = _posts("Us", [True, True, False, False], [60, 300, None, None])
    rival = _posts("Rival", [True, True, True, False], [10, 20, 30, None])
    # 16 and 10 copies: 32 and 30 timed answers, each at least the minimum of 30 for a speed
    social = pd.concat([us] * 16 + [rival] * 10, ignore_index=True)
    said = blind_spot_evidence(_section(Gap()), {"social": social}, client="Us")
    # Us: median of 60 and 300 minutes, 180 = 3 h; half of its answers within 2 hours
    assert said == ["Us answers 50% of the 64 posts about it, 50% of its answers within 2 hours (median 3 h); "
                    "Rival, the competitor in the social export that answers the most, answers 75% of its 40 "
                    "posts, 100% of its answers within 2 hours (median 20 min)."]
    # a published example from another industry is never the comparison
    assert not any(name in said[0] for name in ("Delta", "Sephora"))
    # no competitor answers more, no flags, or no say-do gap: nothing to set beside the blind spot
    assert blind_spot_evidence(_section(Gap()), {"social": pd.concat([us] * 16)}, client="Us") == []
    unflagged = social.drop(columns=["responded", "responded_at"])
    assert blind_spot_evidence(_section(Gap()), {"social": unflagged}, client="Us") == []
    assert blind_spot_evidence(_section(None), {"social": social}, client="Us") == []


def test_the_say_do_gap_is_read_from_the_scores_as_printed():
    # evidence 3.54 prints as 3.5; leadership's 4.5 is then 1.0 above it, so overconfident, as a reader
    # subtracting the printed scores would say (the unrounded 0.96 would have called it in line)
    scores = pd.DataFrame({"practice": ["personalize"], "self_score": [4.5], "evidence": ["App."], "owner": ["D"]})
    result = gap.say_do_gap(practices.self_assessment(scores), combine([Reading("personalization", 3.54)]))
    row = result.table.set_index("practice").loc["personalize"]
    assert row["gap"] == pytest.approx(1.0) and row["status"] == gap.OVERCONFIDENT
    assert result.for_report().iloc[5].to_dict()["Say-do gap"] == "+1.0"


def test_the_say_do_gap_names_every_dataset_its_exhibit_shows():
    from cxlib.sections.step1 import dataset_noun

    frames = {"practices": pd.DataFrame({"practice": ["simplify_contact", "personalize"], "self_score": [3.0, 4.0],
                                         "evidence": ["IVR.", "App."], "owner": ["O", "D"]}),
              "survey": pd.DataFrame({"ces": [7.0, 4.0, 1.0] * 10})}
    found = evidence.gather_evidence(frames)
    section = gap.audit_section(frames, found)
    assert section.ran and section.value().table.set_index("practice").at["simplify_contact", "evidence"] == 3.0
    # the self-assessment and the survey the evidence was read from, each with its rows
    assert section.source == f"Source: {dataset_noun('practices')}, 2 practices; survey, 30 answers."
    without = gap.audit_section({"survey": frames["survey"]}, found)
    assert not without.ran and without.source == "Source: survey, 30 answers."


def test_the_rule_text_is_built_from_its_thresholds():
    assert gap.margin(1.0) == "1 point or more" and gap.margin(1.5) == "1.5 points or more"
    assert f"Where leadership sits {gap.margin(gap.OVERCONFIDENT_AT)} above the evidence" in gap.GAP_RULE_TEXT
    assert "0.5 point or more below its evidence" in gap.GAP_RULE_TEXT and gap.MODEST_AT == 0.5
    assert "**say-do gap**" in gap.GAP_RULE_TEXT


def test_audit_reads_the_practices_dataset():
    scores = pd.DataFrame({"practice": ["personalize"], "self_score": [3.0], "evidence": ["App."], "owner": ["D"]})
    result = gap.audit(scores, combine([Reading("personalization", 3.4)]))
    assert result.table.set_index("practice").at["personalize", "gap"] == pytest.approx(-0.4)
