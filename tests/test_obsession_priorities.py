"""Impact (step 7's NPS drivers) against the gap to best practice, and the first moves."""
from __future__ import annotations

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


def test_priority_is_impact_times_gap_over_the_measured_practices_only():
    scores = pd.DataFrame({"practice": ["simplify_contact", "social_monitoring", "personalize"],
                           "self_score": [4.0, 5.0, 2.0], "evidence": ["a", "b", "c"],
                           "owner": ["x", "y", "z"]})
    found = combine([Reading("effort", 4.0),                                        # 3.0
                     Reading("social_answered", 0.25), Reading("social_speed", 0.125)])  # 2.0
    table = priorities.prioritise(gap.say_do_gap(practices.self_assessment(scores), found),
                                  priorities.impact_weights(_drivers(SHARES))).table
    t = table.set_index("practice")
    assert t.at["simplify_contact", "priority"] == pytest.approx(0.40 * 2.0)   # gap 5 - 3
    assert t.at["social_monitoring", "priority"] == pytest.approx(0.20 * 3.0)  # gap 5 - 2
    assert list(table["practice"]) == ["simplify_contact", "social_monitoring"]
    assert list(table["rank"]) == [1, 2]
    # personalize has a self-score (2.0) but no evidence: a claim, not a measure, so it is not ranked


def test_without_impact_the_moves_are_ranked_by_the_gap_alone():
    found = combine([Reading("effort", 4.0),                                          # 3.0 -> gap 2.0
                     Reading("social_answered", 0.25), Reading("social_speed", 0.125)])  # 2.0 -> gap 3.0
    said = gap.say_do_gap(practices.self_assessment(None), found)
    result = priorities.prioritise(said, None, unweighted="the survey was not provided")
    assert list(result.table["practice"]) == ["social_monitoring", "simplify_contact"]
    assert list(result.table["priority"]) == [pytest.approx(3.0), pytest.approx(2.0)]
    assert result.title() == "Start with social monitoring: furthest from best practice"
    assert result.headline() == (
        "The first moves are social monitoring (evidence score 2.0 of 5) and simplifying every point of "
        "contact (evidence score 3.0 of 5): they are the practices the data measure, ranked by their gap to "
        "best practice (5 minus the evidence score on the 1-5 evidence scale).")
    finding = result.finding(found)
    assert [(f.quantity, f.value) for f in finding.figures] == [
        ("evidence score, social monitoring", pytest.approx(2.0)),
        ("evidence score, simplifying every point of contact", pytest.approx(3.0))]
    assert finding.theme == "social"   # the first move's initiative
    assert "Impact on NPS" not in result.moves_table().columns
    assert result.rule_text().startswith("Impact on NPS could not be read: the survey was not provided. ")


def _sections(found, impact_value=None, impact_reason=None, gap_value=None):
    from cxlib.sections import PRACTICE_IMPACT, SAY_DO_GAP, Section

    return (Section(PRACTICE_IMPACT, impact_value, impact_reason),
            Section(SAY_DO_GAP, gap_value, None if gap_value is not None else "The say-do gap needs it."))


def test_first_moves_say_why_when_no_practice_is_measured():
    impact, said = _sections(None, impact_reason="Impact on NPS needs the survey, which was not provided.")
    moves = priorities.first_moves(combine([]), impact, said)
    assert not moves.ran
    assert moves.reason == ("The first moves need evidence on at least one practice; the data provided "
                            "measure none of the ten.")
    assert priorities.rule_text(moves).startswith("**Priority** = impact on NPS")


def test_first_moves_without_the_impact_section_rank_by_gap_and_say_why():
    found = combine([Reading("effort", 4.0)])
    impact, said = _sections(found, impact_reason="Impact on NPS needs the survey, which was not provided.")
    moves = priorities.first_moves(found, impact, said)
    assert moves.ran and not moves.value().weighted
    assert moves.value().unweighted == "impact on NPS needs the survey, which was not provided"


@pytest.fixture(scope="module")
def demo_priorities(demo):
    found = evidence.gather_evidence(
        **{k: demo.get(k) for k in ("survey", "reviews", "social", "messages", "interactions",
                                     "channels", "journey", "employees")}, client=demo.config.name)
    said = gap.say_do_gap(practices.self_assessment(demo["practices"]), found)
    read = priorities.nps_impact(demo["survey"])
    return priorities.prioritise(said, read.table, read=read)


def test_the_demo_first_moves_are_the_practices_that_shape_ease(demo_priorities):
    assert tuple(demo_priorities.first_moves["practice"]) == TRUTHS.first_moves
    ease = demo_priorities.table.set_index("practice").at["seamless_transitions", "impact"]
    assert ease == pytest.approx(41, abs=3)  # ease's share of what explains NPS (step 7)
    assert demo_priorities.title() == "Start with seamless transitions: highest impact times gap"
    # the rule names the demo's own ratings, and the two practices no rating speaks to
    rule = demo_priorities.rule_text()
    assert "ease for seamless transitions" in rule and "ease and speed for omnichannel convenience" in rule
    assert "Over-delivering and plain language match no rating and get the average share (17%)." in rule
