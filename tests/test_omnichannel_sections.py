"""What step 4's sections need (cxlib.sections.step4): each shortfall sentence, on a frame that misses it."""
import numpy as np
import pandas as pd

from cxlib import sections
from cxlib.omnichannel.continuity import AFTER_SWITCH_DAYS
from cxlib.sections.step4 import (
    CHANNEL_BUDGET,
    CHANNEL_CHOICE,
    CHANNEL_EFFORT,
    CHANNEL_SPEED,
    CONTACT_OVERVIEW,
    CONVENIENCE_INDEX,
    EASE_SHARE,
    STEP_4,
    SWITCH_CONTINUITY,
    SWITCH_SCORES,
)

CHANNELS = pd.DataFrame({"channel": ["chat", "phone"], "offered": [True, True], "investment_share": [0.5, 0.5],
                         "target_response_minutes": [2.0, 5.0]})


def contacts(n_chat: int, n_phone: int, **columns) -> pd.DataFrame:
    n = n_chat + n_phone
    frame = pd.DataFrame({"interaction_id": range(n), "customer_id": [f"c{i}" for i in range(n)],
                          "channel": ["chat"] * n_chat + ["phone"] * n_phone, "resolved": [True] * n})
    return frame.assign(**columns)


def test_every_section_of_the_step_is_listed_and_reachable_from_sections():
    assert sections.STEP_4 == STEP_4 and len(STEP_4) == 9
    assert sections.CHANNEL_SPEED is CHANNEL_SPEED  # not another step's SPEED
    notes = sections.method_notes(STEP_4)
    assert "Channel choice by age: the contact log and the survey, with at least 30 contacts" in notes
    assert "interactions" not in notes and "investment_share" not in notes


def test_a_missing_contact_log_is_named_as_a_reader_knows_it():
    assert CONTACT_OVERVIEW.shortfall({"survey": pd.DataFrame()}) == \
        "The contact overview needs the contact log, which was not provided."
    assert CHANNEL_BUDGET.shortfall({"interactions": contacts(20, 20)}) == \
        "The comparison of usage and budget needs the channel list, which was not provided."


def test_too_few_contacts_are_counted_as_contacts():
    # 12 + 10 = 22 contacts, under the 30 a share needs
    assert CONVENIENCE_INDEX.shortfall({"interactions": contacts(12, 10)}) == \
        "The convenience index needs at least 30 contacts; this contact log has 22."


def test_the_convenience_index_needs_one_channel_of_thirty():
    # 40 contacts, but 20 per channel: no channel reaches 30
    assert CONVENIENCE_INDEX.shortfall({"interactions": contacts(20, 20)}) == (
        "The convenience index needs at least one channel with 30 contacts or more; the busiest channel "
        "of this contact log has 20.")
    assert CONVENIENCE_INDEX.shortfall({"interactions": contacts(30, 10)}) is None


def test_channel_choice_needs_two_age_bands_of_thirty_opening_contacts():
    frame = contacts(40, 29)  # customers c0-c39 on chat, c40-c68 on phone, one contact each
    survey = pd.DataFrame({"response_id": range(69), "customer_id": [f"c{i}" for i in range(69)],
                           "responded_at": pd.Timestamp("2026-01-01"),
                           "age_band": ["18-24"] * 40 + ["65+"] * 29})
    assert CHANNEL_CHOICE.shortfall({"interactions": frame, "survey": survey}) == (
        "Channel choice by age needs at least 2 age bands with 30 or more opening contacts from customers "
        "who gave their age; the contact log and survey give 1 of 2.")
    survey.loc[68, "age_band"] = "Not stated"  # names no ages: not a band
    frame2 = contacts(40, 30)
    survey2 = pd.concat([survey, survey.tail(1).assign(customer_id="c69", age_band="65+")], ignore_index=True)
    survey2.loc[68, "age_band"] = "65+"
    assert CHANNEL_CHOICE.shortfall({"interactions": frame2, "survey": survey2}) is None
    assert CHANNEL_CHOICE.shortfall({"interactions": frame2, "survey": survey.drop(columns="age_band")}) == \
        "Channel choice by age needs age band answers in the survey; it has none."


def test_speed_needs_targets_and_thirty_timed_contacts_on_a_channel_with_one():
    timed = contacts(30, 5, first_response_minutes=1.0)
    assert CHANNEL_SPEED.shortfall({"channels": CHANNELS.assign(target_response_minutes=np.nan),
                                    "interactions": timed}) == \
        "The response-time comparison needs response-target entries; this channel list has none."
    assert CHANNEL_SPEED.shortfall({"channels": CHANNELS, "interactions": contacts(30, 5)}) == (
        "The response-time comparison needs first-response times from the contact log or the support "
        "tickets; neither was provided with them.")
    assert CHANNEL_SPEED.shortfall({"channels": CHANNELS.iloc[1:], "interactions": timed}) == (
        "The response-time comparison needs a channel with a response target and at least 30 contacts; "
        "the busiest such channel has 5.")
    assert CHANNEL_SPEED.shortfall({"channels": CHANNELS, "interactions": timed}) is None
    # without a contact log, 30 timed tickets on a channel with a target will do
    tickets = pd.DataFrame({"channel": ["chat"] * 30, "first_response_minutes": 1.0})
    assert CHANNEL_SPEED.shortfall({"channels": CHANNELS, "tickets": tickets}) is None


def test_continuity_needs_thirty_recorded_switches():
    # 40 contacts after a phone contact, 25 of them with the repetition recorded
    frame = contacts(40, 0, previous_channel="phone",
                     repeated_info=pd.array([True] * 10 + [False] * 15 + [pd.NA] * 15, dtype="boolean"))
    assert SWITCH_CONTINUITY.shortfall({"interactions": frame}) == (
        "The channel-switch analysis needs at least 30 channel switches with repeated information recorded; "
        "this contact log has 25 of 40 switches.")
    assert SWITCH_CONTINUITY.shortfall({"interactions": contacts(40, 0)}) == \
        "The channel-switch analysis needs previous-channel entries; this contact log has none."


def test_the_score_comparison_needs_thirty_customers_per_group_answering_soon_after_the_switch():
    frame = contacts(70, 0, previous_channel="phone", started_at=pd.Timestamp("2026-01-01"),
                     repeated_info=pd.array([True] * 35 + [False] * 35, dtype="boolean"))
    # every switcher answered 10 days after the switch, but only 20 of those who repeated themselves gave an NPS
    survey = pd.DataFrame({"response_id": range(70), "customer_id": [f"c{i}" for i in range(70)],
                           "responded_at": pd.Timestamp("2026-01-11"),
                           "nps": [5.0] * 20 + [np.nan] * 15 + [9.0] * 35})
    assert SWITCH_SCORES.shortfall({"interactions": frame, "survey": survey}) == (
        "The score comparison of customers who switched needs survey answers given within 30 days after a switch "
        "(earlier ones cannot reflect it) from at least 30 customers who had to repeat information and 30 who did "
        "not; the smaller group has 20.")
    assert SWITCH_SCORES.shortfall({"interactions": frame, "survey": survey.fillna(5.0)}) is None
    # the same answers given before the switch, or 31 days after it, cannot reflect it
    for day in ("2025-12-31", "2026-02-01"):
        late = survey.fillna(5.0).assign(responded_at=pd.Timestamp(day))
        assert SWITCH_SCORES.shortfall({"interactions": frame, "survey": late}).endswith("the smaller group has 0.")
    assert sections.step4.AFTER_SWITCH_DAYS == AFTER_SWITCH_DAYS  # the rule and the analysis use one window


def test_effort_needs_two_channels_of_thirty_ces_answers():
    survey = pd.DataFrame({"channel": ["chat"] * 30 + ["phone"] * 12, "ces": 5.0})
    assert CHANNEL_EFFORT.shortfall({"survey": survey}) == \
        "Effort by channel needs at least 2 channels with 30 answers or more; this survey has 1 of 2."
    assert CHANNEL_EFFORT.shortfall({"survey": survey.drop(columns="ces")}) == \
        "Effort by channel needs effort (CES) answers; this survey has none."
    assert EASE_SHARE.shortfall({"survey": survey}) is None
