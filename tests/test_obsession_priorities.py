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


def test_a_practice_whose_attribute_is_not_rated_gets_the_average_share():
    impact = priorities.impact_weights(_drivers({"attr_ease": 60.0, "attr_price": 40.0}))
    row = impact.set_index("practice").loc["personalize"]
    assert row["impact"] == pytest.approx(50.0)
    assert row["impact_basis"].startswith("its attribute is not rated")


def test_without_drivers_every_practice_weighs_the_same():
    impact = priorities.impact_weights(None)
    assert (impact["impact"] == 10.0).all()
    assert priorities.nps_drivers(None) is None
    assert priorities.nps_drivers(pd.DataFrame({"nps": [1.0, 9.0]})) is None  # no attr_ ratings


def test_priority_is_impact_times_gap_and_uses_the_self_score_when_unverified():
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
    assert t.at["personalize", "score"] == 2.0 and not t.at["personalize", "verified"]
    assert t.at["personalize", "priority"] == pytest.approx(0.05 * 3.0)
    assert list(table["practice"]) == ["simplify_contact", "social_monitoring", "personalize"]
    assert list(table["rank"]) == [1, 2, 3]
    assert len(table) == 3  # the seven practices with neither score are left out


def test_the_moves_table_marks_self_assessed_scores():
    scores = pd.DataFrame({"practice": ["personalize"], "self_score": [2.0], "evidence": ["c"],
                           "owner": ["z"]})
    result = priorities.prioritise(gap.say_do_gap(practices.self_assessment(scores), combine([])),
                                   priorities.impact_weights(None))
    assert result.moves_table().iloc[0]["Score now (1-5)"] == "2.0 (self)"


@pytest.fixture(scope="module")
def demo_priorities(demo):
    found = evidence.gather_evidence(
        **{k: demo.get(k) for k in ("survey", "reviews", "social", "messages", "interactions",
                                     "channels", "journey", "employees")}, client=demo.config.name)
    said = gap.say_do_gap(practices.self_assessment(demo["practices"]), found)
    impact = priorities.impact_weights(priorities.nps_drivers(demo["survey"]))
    return priorities.prioritise(said, impact)


def test_the_demo_first_moves_are_the_practices_that_shape_ease(demo_priorities):
    assert tuple(demo_priorities.first_moves["practice"]) == TRUTHS.first_moves
    ease = demo_priorities.table.set_index("practice").at["seamless_transitions", "impact"]
    assert ease == pytest.approx(41, abs=3)  # ease's share of what explains NPS (step 7)
    assert demo_priorities.title() == "Start with seamless transitions: highest impact times gap"
