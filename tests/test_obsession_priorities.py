"""Link to NPS (step 7's NPS drivers) against room to improve, and the first moves."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from cxlib.demo.governance import TRUTHS
from cxlib.metrics.drivers import DriverResult
from cxlib.obsession import evidence, gap, practices, priorities
from cxlib.obsession.evidence import combine
from cxlib.obsession.readings import Reading


def _drivers(shares: dict[str, float]) -> DriverResult:
    table = pd.DataFrame({"driver": list(shares), "share": list(shares.values())})
    return DriverResult(table=table, r2=0.5, n=100, level=0.95)


SHARES = {"attr_ease": 40.0, "attr_speed": 20.0, "attr_staff": 10.0, "attr_reliability": 15.0,
          "attr_personalization": 5.0, "attr_price": 10.0}


def test_impact_is_the_driver_share_of_the_attribute_a_practice_shapes():
    impact = priorities.impact_weights(_drivers(SHARES)).set_index("practice")["impact"]
    assert impact["simplify_contact"] == 40.0 and impact["seamless_transitions"] == 40.0
    assert impact["social_monitoring"] == 20.0
    assert impact["hire_for_mindset"] == 10.0
    assert impact["omnichannel_convenience"] == pytest.approx(30.0)    # (40 + 20) / 2
    assert impact["over_deliver"] == pytest.approx(100 / 6)           # average of six shares


def test_a_practice_no_rating_speaks_to_gets_the_average_share():
    impact = priorities.impact_weights(_drivers({"attr_ease": 60.0, "attr_price": 40.0}))
    row = impact.set_index("practice").loc["personalize"]
    assert row["impact"] == pytest.approx(50.0) and not row["matched"]
    assert row["impact_basis"].startswith("no rating of the survey measures it")


def test_practices_match_the_clients_own_rating_names_by_their_words():
    # "attr_ease_of_use" carries the word ease; "attr_response_time" the stem respons; "attr_release" no word
    assert priorities.shaped_by("simplify_contact", ["attr_ease_of_use", "attr_release"]) == ["attr_ease_of_use"]
    assert priorities.shaped_by("social_monitoring", ["attr_response_time"]) == ["attr_response_time"]
    assert priorities.shaped_by("over_deliver", ["attr_delivery", "attr_value"]) == []


def test_without_drivers_every_practice_weighs_the_same():
    impact = priorities.impact_weights(None)
    assert (impact["impact"] == 10.0).all() and not impact["matched"].any()


def test_impact_says_when_no_rating_speaks_to_a_practice():
    # a retailer's ratings: none is a practice's word, so impact cannot weigh the moves
    read = priorities.Impact(_drivers({"attr_delivery": 50.0, "attr_value": 30.0, "attr_website": 20.0}),
                             priorities.impact_weights(_drivers({"attr_delivery": 50.0, "attr_value": 30.0,
                                                                 "attr_website": 20.0})))
    assert read.matched == 0
    assert read.unmatched_reason() == ("none of the survey's 3 ratings (delivery, value and website) measures "
                                       "one of the ten practices")


# social care: answered 25% -> 1 + 4 x 0.25 = 2.0, 12.5% within 2 hours -> 1.5; evidence 1.75, printed 1.8
SOCIAL = [Reading("social_answered", 0.25), Reading("social_speed", 0.125)]


def test_priority_is_link_times_room_to_improve_over_the_measured_practices_only():
    scores = pd.DataFrame({"practice": ["simplify_contact", "social_monitoring", "personalize"],
                           "self_score": [4.0, 5.0, 2.0], "evidence": ["a", "b", "c"],
                           "owner": ["x", "y", "z"]})
    found = combine([Reading("effort", 4.0), *SOCIAL])                                # 3.0 and 1.75
    table = priorities.prioritise(gap.say_do_gap(practices.self_assessment(scores), found),
                                  priorities.impact_weights(_drivers(SHARES))).table
    t = table.set_index("practice")
    assert t.at["simplify_contact", "priority"] == pytest.approx(0.40 * 2.0)   # room 5 - 3.0
    # room to improve from the score as printed: 5 - 1.8 = 3.2 (not 3.25), so "1.8, 3.2 below" adds up
    assert t.at["social_monitoring", "room"] == pytest.approx(3.2)
    assert t.at["social_monitoring", "priority"] == pytest.approx(0.20 * 3.2)
    assert list(table["practice"]) == ["simplify_contact", "social_monitoring"]
    assert list(table["rank"]) == [1, 2]
    # personalize has a self-score (2.0) but no evidence: a claim, not a measure, so it is not ranked


def test_without_a_link_to_nps_the_moves_are_ranked_by_room_to_improve_alone():
    found = combine([Reading("effort", 4.0), *SOCIAL])                   # 3.0 -> room 2.0; 1.8 -> room 3.2
    said = gap.say_do_gap(practices.self_assessment(None), found)
    result = priorities.prioritise(said, None, unweighted="the survey was not provided")
    assert list(result.table["practice"]) == ["social_monitoring", "simplify_contact"]
    assert list(result.table["priority"]) == [pytest.approx(3.2), pytest.approx(2.0)]
    assert result.title() == "Start with social monitoring: the most room to improve"
    assert result.headline() == (
        "The first moves are social monitoring (evidence 1.8 of 5) and simplifying every point of contact "
        "(3.0): they are the practices the data measure, ranked by room to improve.")
    finding = result.finding(found)
    assert [(f.quantity, f.value) for f in finding.figures] == [
        ("evidence score, social monitoring", pytest.approx(1.75)),
        ("evidence score, simplifying every point of contact", pytest.approx(3.0))]
    assert finding.theme == "social"   # the first move's initiative
    assert list(result.moves_table().columns) == ["Move", "Practice", "What to do", "Evidence (1-5)",
                                                  "Room to improve"]
    assert result.rule_text().startswith("The link to NPS could not be read: the survey was not provided. ")


def test_a_practice_within_a_point_of_best_practice_is_no_first_move():
    # CES 6.7 -> 1 + 4 x 5.7 / 6 = 4.8, 0.2 from best practice: nothing left to gain worth a first move
    found = combine([Reading("effort", 6.7), *SOCIAL])
    said = gap.say_do_gap(practices.self_assessment(None), found)
    result = priorities.prioritise(said, None, unweighted="the survey was not provided")
    assert list(result.first_moves["practice"]) == ["social_monitoring"]
    assert result.headline() == (
        "The first move is social monitoring (evidence 1.8 of 5): of the 2 practices measured, it has the most "
        "room to improve; the other one is less than 1 point from best practice.")
    # with every practice that close, the section says so instead of naming a move
    close = combine([Reading("effort", 6.7)])
    impact, none = _sections(close, impact_reason="The link to NPS needs the survey, which was not provided.")
    moves = priorities.first_moves(close, impact, none)
    assert not moves.ran and moves.reason == (
        "Every practice the data measure is less than 1 point from best practice, so none is singled out as a "
        "first move.")


def test_the_link_to_nps_is_worded_as_an_association():
    scores = pd.DataFrame({"practice": ["simplify_contact"], "self_score": [3.0], "evidence": ["a"], "owner": ["x"]})
    found = combine([Reading("effort", 4.0)])                                        # 3.0, room 2.0
    read = priorities.Impact(_drivers(SHARES), priorities.impact_weights(_drivers(SHARES)))
    result = priorities.prioritise(gap.say_do_gap(practices.self_assessment(scores), found), read.table, read=read)
    rec = result.recommendations(found)[0]
    assert rec.rationale == "Evidence 3.0 of 5, 2.0 below best practice; link to NPS 40% (ease)."
    said = " ".join([rec.rationale, result.headline(), result.title(), result.rule_text(),
                     *result.moves_table().columns])
    # "key-driver analysis" names step 7's method; no sentence says a rating drives or lifts NPS
    assert not re.search(r"\b(impact|drives?|lifts?|worth|because)\b", said, flags=re.IGNORECASE), said
    assert "not proof that raising the rating would raise NPS" in result.rule_text()


def _sections(found, impact_value=None, impact_reason=None, gap_value=None):
    from cxlib.sections import PRACTICE_IMPACT, SAY_DO_GAP, Section

    return (Section(PRACTICE_IMPACT, impact_value, impact_reason),
            Section(SAY_DO_GAP, gap_value, None if gap_value is not None else "The say-do gap needs it."))


def test_first_moves_say_why_when_no_practice_is_measured():
    impact, said = _sections(None, impact_reason="The link to NPS needs the survey, which was not provided.")
    moves = priorities.first_moves(combine([]), impact, said)
    assert not moves.ran
    assert moves.reason == ("The first moves need evidence on at least one practice; the data provided "
                            "measure none of the ten.")
    assert priorities.rule_text(moves).startswith("**Priority** = link to NPS")


def test_first_moves_without_the_impact_section_rank_by_gap_and_say_why():
    found = combine([Reading("effort", 4.0)])
    impact, said = _sections(found, impact_reason="The link to NPS needs the survey, which was not provided.")
    moves = priorities.first_moves(found, impact, said, frames={"survey": pd.DataFrame({"ces": [4.0] * 30})})
    assert moves.ran and not moves.value().weighted
    assert moves.value().unweighted == "the link to NPS needs the survey, which was not provided"
    assert moves.source == "Source: survey, 30 answers."   # the data the evidence score was read from


@pytest.fixture(scope="module")
def demo_priorities(demo):
    found = evidence.gather_evidence(
        **{k: demo.get(k) for k in ("survey", "reviews", "social", "messages", "interactions",
                                     "channels", "journey", "employees")}, client=demo.config.name)
    said = gap.say_do_gap(practices.self_assessment(demo["practices"]), found)
    read = priorities.nps_impact(demo["survey"])
    return priorities.prioritise(said, read.table, read=read)


def test_the_demo_first_moves_are_the_practices_that_shape_ease_then_social_care(demo_priorities):
    t = demo_priorities.table.set_index("practice")
    ease = t.at["seamless_transitions", "impact"]
    assert ease == pytest.approx(41, abs=3)  # ease's share of what explains NPS (step 7)
    # seamless transitions 41% x 1.9 and simplifying contact 41% x 1.4 lead; social care (evidence 2.0,
    # room 3.0, speed 14%: 0.41) edges omnichannel convenience (3.5, room 1.5, ease and speed 27%: 0.41)
    assert tuple(demo_priorities.first_moves["practice"]) == TRUTHS.first_moves[:2] + ("social_monitoring",)
    assert t.at["social_monitoring", "room"] == pytest.approx(3.0)
    assert t.at["social_monitoring", "priority"] > t.at["omnichannel_convenience", "priority"]
    assert demo_priorities.title() == "Start with seamless transitions: room to improve × link to NPS"
    # the rule names the demo's own ratings, and the two practices no rating speaks to
    rule = demo_priorities.rule_text()
    assert "ease for seamless transitions" in rule and "ease and speed for omnichannel convenience" in rule
    assert "Over-delivering and plain language match no rating and get the average share (17%)." in rule
