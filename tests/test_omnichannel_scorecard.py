"""Step 4's score rule, findings and recommendations, including when data is missing."""
import numpy as np
import pandas as pd
import pytest

from cxlib.omnichannel import scorecard
from cxlib.omnichannel.continuity import switch_continuity
from cxlib.omnichannel.presence import presence_gap
from cxlib.omnichannel.speed import response_speed

CHANNELS = pd.DataFrame({"channel": ["chat", "store", "email"], "offered": [True, True, True],
                         "investment_share": [0.2, 0.6, 0.2],
                         "target_response_minutes": [2, 10, 60]})
# 10 contacts: 6 chat (5 answered in time), 3 store (all in time), 1 WhatsApp (not offered).
# Three chat contacts follow a store contact; the customer repeated information in one of them.
INTERACTIONS = pd.DataFrame({
    "customer_id": list("abcdefghij"),
    "channel": ["chat"] * 6 + ["store"] * 3 + ["whatsapp"],
    "previous_channel": ["store"] * 3 + [None] * 7,
    "first_response_minutes": [1, 1, 1, 1, 1, 5, 2, 2, 2, np.nan],
    "resolved": [True, False, True, True, True, True, True, True, True, False],
    "repeated_info": pd.array([True, False, False] + [pd.NA] * 7, dtype="boolean"),
})


def analyses():
    return dict(presence=presence_gap(INTERACTIONS, CHANNELS),  # noqa: C408 (keyword arguments)
                speed=response_speed(INTERACTIONS, CHANNELS),
                continuity=switch_continuity(INTERACTIONS))


def test_components_follow_the_stated_rule():
    table = scorecard.score_components(**analyses(), easy_share=0.65, has_channels=True)
    points = dict(zip(table["component"], table["points"]))
    assert points == pytest.approx({
        "Present": 10.0,               # 10% of contacts on WhatsApp: 20 - 1 x 10
        "Funded where used": 0.0,      # usage .6/.3/0/.1 vs budget .2/.6/.2/0: mismatch 0.5
        "Fast": 20 * (5 / 6 + 1) / 2,  # chat 5 of 6, store 3 of 3; email has no contacts
        "Continuous": 20 * 2 / 3,      # repeated in 1 of 3 switches
        "Easy": 13.0,                  # 65% of CES answers 5-7
    })
    assert table["max_points"].eq(20).all()
    assert table.set_index("component").loc["Present", "basis"] == \
        "10.0% of contacts on channels not offered (WhatsApp)"


def test_missing_data_earns_no_points_and_says_why():
    table = scorecard.score_components(presence=None, speed=None, continuity=None, easy_share=None,
                                       has_channels=False)
    assert table["points"].sum() == 0
    assert table.set_index("component")["basis"].tolist() == [
        "not assessed: no channels dataset", "not assessed: no channels dataset",
        "not assessed: no interactions dataset", "not assessed: no interactions dataset",
        "not assessed: no CES answers"]


def test_assessment_orders_recommendations_by_points_lost():
    result = scorecard.assess(**analyses(), preference=None, effort=None, easy_share=0.65,
                              has_channels=True)
    assert result.score.score == pytest.approx(10 + 0 + 20 * 11 / 12 + 40 / 3 + 13, abs=0.05)
    assert result.score.score == result.step.score
    assert result.step.step == 4 and result.step.maturity == "Competent"
    actions = [r.action for r in result.step.recommendations]
    # lost: funded 20, present 10, continuous 6.7, fast 1.7; the move is the smaller of chat's
    # shortfall (+40 points) and the store's surplus (-30 points)
    assert actions[0] == "Move about 30% of the service budget from store to chat"
    assert actions[1].startswith("Open WhatsApp as a supported channel")
    assert actions[2].startswith("Give every agent and channel the customer's open case")
    assert actions[3] == "Bring chat back within its 2 min response target"
    assert [r.priority for r in result.step.recommendations] == [1, 2, 3, 4]
    assert 3 <= len(result.step.findings) <= 5


def test_an_engagement_without_any_data_still_gets_a_record():
    result = scorecard.assess(preference=None, presence=None, speed=None, continuity=None,
                              effort=None, easy_share=None, has_channels=False)
    assert result.score.score is None and result.step.maturity == "Not assessed"
    assert 3 <= len(result.step.findings) and 3 <= len(result.step.recommendations)
    assert any("interactions" in f for f in result.step.findings)


def test_kpi_tiles_carry_the_numbers():
    tiles = scorecard.at_a_glance(INTERACTIONS, **analyses())
    assert tiles[0] == ("Customer contacts", "10", "from 10 customers")
    assert tiles[1] == ("On channels not offered", "10.0%", "WhatsApp")
    assert tiles[2][0:2] == ("Chat answered in time", "83%")
    assert tiles[3] == ("Repeated after a switch", "33%", "of 3 channel switches")
