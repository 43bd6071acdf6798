"""Step 4's score rule, findings and recommendations, including when sections could not run."""
import numpy as np
import pandas as pd
import pytest

from cxlib.metrics.satisfaction import ces
from cxlib.omnichannel import scorecard
from cxlib.omnichannel.continuity import switch_continuity
from cxlib.omnichannel.presence import presence_gap
from cxlib.omnichannel.speed import response_speed
from cxlib.sections import Section
from cxlib.sections.step4 import (
    CHANNEL_BUDGET,
    CHANNEL_CHOICE,
    CHANNEL_EFFORT,
    CHANNEL_SPEED,
    EASE_SHARE,
    SWITCH_CONTINUITY,
)

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
# 20 CES answers, 13 of them 5-7: 65% easy
EASE = ces(pd.Series([6] * 13 + [3] * 7))


def analyses():
    return dict(presence=presence_gap(INTERACTIONS, CHANNELS),  # noqa: C408 (keyword arguments)
                speed=response_speed(INTERACTIONS, CHANNELS, min_contacts=1),
                continuity=switch_continuity(INTERACTIONS, min_group=1))


def not_run(needs, reason):
    return Section(needs, None, reason)


def test_components_follow_the_stated_rule():
    table = scorecard.score_components(**analyses(), ease=EASE)
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


def test_sections_that_did_not_run_are_not_assessed_and_say_why():
    why = "The comparison of usage and budget needs the contact log, which was not provided."
    table = scorecard.score_components(
        presence=not_run(CHANNEL_BUDGET, why), speed=not_run(CHANNEL_SPEED, "x."),
        continuity=not_run(SWITCH_CONTINUITY, "y."), ease=not_run(EASE_SHARE, "The ease score needs z."))
    assert table["points"].isna().all()
    assert table.set_index("component")["basis"].tolist() == [
        "not assessed: the comparison of usage and budget needs the contact log, which was not provided",
        "not assessed: the comparison of usage and budget needs the contact log, which was not provided",
        "not assessed: x", "not assessed: y", "not assessed: the ease score needs z"]


def test_score_counts_only_the_parts_that_ran():
    # only Fast (20 x 11/12 = 18.33) and Easy (13) ran: 31.33 of 40 -> 78.3 on the 0-100 scale
    result = scorecard.assess(
        presence=not_run(CHANNEL_BUDGET, "The comparison of usage and budget needs the channel list, "
                                         "which was not provided."),
        speed=Section(CHANNEL_SPEED, analyses()["speed"]),
        continuity=not_run(SWITCH_CONTINUITY, "The channel-switch analysis needs previous-channel entries; "
                                              "this contact log has none."),
        ease=Section(EASE_SHARE, EASE))
    assert result.score.score == pytest.approx(100 * (20 * 11 / 12 + 13) / 40, abs=0.05)
    assert result.score.coverage == pytest.approx(0.4)
    assert result.step.maturity == "Partly assessed"
    assert result.score.not_assessed == ["Present", "Funded where used", "Continuous"]
    # findings rest on the speed section, then say why the others could not run; nothing about budget gaps
    assert result.step.sentences[0].startswith("Chat is the slowest against its target")
    assert not any("under-funded" in f or "Move about" in f for f in result.step.sentences)
    assert "The comparison of usage and budget needs the channel list, which was not provided." \
        in result.step.sentences
    actions = [r.action for r in result.step.recommendations]
    assert actions[0].startswith("Write down the channel mix")
    assert not any(a.startswith(("Review the service budget", "Give every channel")) for a in actions)


def test_assessment_orders_recommendations_by_points_lost():
    result = scorecard.assess(**analyses(), ease=EASE)
    assert result.score.score == pytest.approx(10 + 0 + 20 * 11 / 12 + 40 / 3 + 13, abs=0.05)
    assert result.score.score == result.step.score
    assert result.step.step == 4 and result.step.maturity == "Competent"
    actions = [r.action for r in result.step.recommendations]
    # lost: funded 20, present 10, continuous 6.7, fast 1.7; the data give contacts, not what a contact
    # costs on each channel, so the budget move is a review, with the "budget follows contacts" sum as an assumption
    assert actions[0] == "Review the service budget split between store and chat against each channel's cost per contact"
    review = result.step.recommendations[0]
    # chat: 60% of contacts on 20% of the budget (+40 points); store: 30% on 60% (-30 points)
    assert "If budget followed contacts, chat's share would rise 40 points and store's fall 30" in review.rationale
    assert "Move about" not in review.action and review.kpi.target == 3  # the three channels offered
    assert actions[1].startswith("Open WhatsApp as a supported service channel")
    assert actions[2].startswith("Give every channel the customer's open case")
    assert actions[3] == "Bring chat back within its 2 min response target"
    assert [r.priority for r in result.step.recommendations] == [1, 2, 3, 4]
    assert 3 <= len(result.step.sentences) <= 5


def test_nothing_assessed_is_not_scored_and_one_finding_names_the_missing_contact_log():
    log = "needs the contact log, which was not provided."
    result = scorecard.assess(
        preference=not_run(CHANNEL_CHOICE, f"Channel choice by age {log}"),
        presence=not_run(CHANNEL_BUDGET, f"The comparison of usage and budget {log}"),
        speed=not_run(CHANNEL_SPEED, "The response-time comparison needs the channel list, which was not "
                                     "provided."),
        continuity=not_run(SWITCH_CONTINUITY, f"The channel-switch analysis {log}"),
        effort=not_run(CHANNEL_EFFORT, "Effort by channel needs effort (CES) answers; this survey has none."),
        ease=not_run(EASE_SHARE, "The ease score needs effort (CES) answers; this survey has none."))
    assert result.score.score is None and result.step.score is None
    assert result.step.maturity == "Not assessed"
    assert result.step.sentences[0] == ("Channel choice by age, the comparison of usage and budget and the "
                                       "channel-switch analysis need the contact log, which was not provided.")
    assert "No part of omnichannel convenience could be assessed" in result.step.sentences[-1]
    actions = [r.action for r in result.step.recommendations]
    assert actions[0].startswith("Export every customer contact")
    assert "Ask CES after every contact, on every channel" in actions
    assert 3 <= len(actions) <= 5


def test_bare_none_still_gets_a_record():
    result = scorecard.assess()
    assert result.score.score is None and result.step.maturity == "Not assessed"
    assert 3 <= len(result.step.sentences) and 3 <= len(result.step.recommendations)


def test_kpi_tiles_carry_the_numbers():
    tiles = scorecard.at_a_glance(INTERACTIONS, **analyses()).kpis()
    assert tiles[0] == ("Customer contacts", "10", "from 10 customers")
    assert tiles[1] == ("On channels not offered", "10.0%", "WhatsApp")
    assert tiles[2][0:2] == ("Chat answered in time", "83%")
    assert tiles[3] == ("Repeated after a switch", "33%", "of 3 channel switches")


def test_kpi_tiles_leave_out_sections_that_did_not_run():
    tiles = scorecard.at_a_glance(INTERACTIONS, presence=not_run(CHANNEL_BUDGET, "x"),
                                  speed=Section(CHANNEL_SPEED, analyses()["speed"])).kpis()
    assert [t[0] for t in tiles] == ["Customer contacts", "Chat answered in time"]


def test_a_contact_log_missing_columns_asks_for_the_columns_not_for_the_log():
    result = scorecard.assess(
        presence=analyses()["presence"],
        speed=not_run(CHANNEL_SPEED, "The response-time comparison needs first-response times from the "
                                     "contact log or the support tickets; neither was provided with them."),
        continuity=not_run(SWITCH_CONTINUITY, "The channel-switch analysis needs previous-channel entries; "
                                              "this contact log has none."),
        ease=EASE)
    actions = [r.action for r in result.step.recommendations]
    assert not any(a.startswith("Export every customer contact") for a in actions)
    assert "Record the previous channel and whether the customer had to repeat information on every contact" \
        in actions
    assert "Record when every contact is first answered, on every channel" in actions
