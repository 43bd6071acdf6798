"""Step 4's analyses on thin or partial data: minimums inside a result, the tickets standing in for the
contact log, bands that name no ages, and the client-facing tables the report shows."""
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from cxlib.charts import omnichannel as charts
from cxlib.omnichannel.continuity import score_gaps, switch_continuity
from cxlib.omnichannel.convenience import convenience_index
from cxlib.omnichannel.effort import effort_by_channel
from cxlib.omnichannel.preference import band_ages, channel_preference, generation
from cxlib.omnichannel.presence import presence_gap
from cxlib.omnichannel.speed import response_speed, speed_against_targets

CHANNELS = pd.DataFrame({"channel": ["email", "chat"], "offered": [True, True], "investment_share": [0.5, 0.5],
                         "target_response_minutes": [240.0, 2.0]})


def test_speed_is_read_from_the_tickets_without_a_contact_log():
    # email: 40 tickets, 10 within 4 h; chat: 30 tickets, 27 within 2 min
    tickets = pd.DataFrame({"channel": ["email"] * 40 + ["chat"] * 30,
                            "first_response_minutes": [60.0] * 10 + [600.0] * 30 + [1.0] * 27 + [5.0] * 3})
    result = speed_against_targets(CHANNELS, tickets=tickets)
    assert result.unit == "tickets"
    assert result.worst["channel"] == "email" and result.worst["in_time_share"] == 0.25
    assert result.mean_in_time == pytest.approx((0.25 + 0.9) / 2)
    assert result.headline() == (
        "Email misses its response target badly: only 25% of 40 tickets are answered within its 4 h target, at a "
        "median of 10 h; chat, the other channel with a target, reaches 90%.")
    # the figures name the dataset they are read from, and the target's source
    figures = {f.quantity: f for f in result.finding().figures}
    assert figures["first response, email (median)"].value == pytest.approx(10.0)  # median of 10 x 1 h, 30 x 10 h
    assert figures["first response, email (median)"].population == "support tickets, email tickets answered (n = 40)"
    assert (figures["first-response target, email"].value, figures["first-response target, email"].population) \
        == (4.0, "channel list")
    assert figures["answered within target, chat"].value == pytest.approx(90.0)
    assert result.title() == "Email answers only 25% of tickets within its 4 h target"
    assert list(result.shown().columns[:2]) == ["Channel", "Tickets"]
    # a contact log that times first responses comes first
    log = tickets.assign(channel="chat", first_response_minutes=1.0)
    assert speed_against_targets(CHANNELS, interactions=log, tickets=tickets).unit == "contacts"


def test_a_channel_under_the_minimum_is_listed_but_not_judged():
    # chat: 29 contacts, none in time; email: 30 contacts, all in time -> only email is judged
    contacts = pd.DataFrame({"channel": ["chat"] * 29 + ["email"] * 30,
                             "first_response_minutes": [10.0] * 29 + [1.0] * 30})
    result = response_speed(contacts, CHANNELS)
    assert result.table.set_index("channel")["judged"].to_dict() == {"email": True, "chat": False}
    assert result.worst["channel"] == "email" and result.mean_in_time == 1.0
    shown = result.shown().set_index("Channel")
    assert shown.loc["Email", "Target"] == "4 h" and shown.loc["Chat", "Median first response"] == "10 min"


def test_bands_that_name_no_ages_are_left_out():
    assert band_ages("Not stated") is None and band_ages("18 to 24") == (18, 24) and band_ages("65+") == (65, 85)
    assert generation("Not stated", 2026) == "–"
    survey = pd.DataFrame({"response_id": range(3), "customer_id": ["a", "b", "c"],
                           "responded_at": pd.Timestamp("2026-01-01"), "age_band": ["18-24", "Not stated", "35-44"]})
    # no previous_channel column: every contact is an opening one
    contacts = pd.DataFrame({"customer_id": ["a", "b", "c", "c"], "channel": ["app", "phone", "phone", "email"]})
    result = channel_preference(contacts, survey, year=2026, min_contacts=1)
    assert sorted(result.table["age_band"].unique()) == ["18-24", "35-44"]
    assert result.contacts == 3 and result.matched_share == pytest.approx(3 / 4)
    # no band starts at 55: the oldest band is the older group
    assert result.older_on_older.group == "35-44" and result.older_on_older.share == 1.0
    assert result.headline().startswith("Gen Z (18-24) start 100% of their contacts on app (1 contact), ")
    assert result.in_words().startswith("3 opening contacts from 2 customers matched to an age band (75% of opening")


def test_bands_under_the_minimum_of_contacts_are_dropped():
    survey = pd.DataFrame({"response_id": range(2), "customer_id": ["a", "b"],
                           "responded_at": pd.Timestamp("2026-01-01"), "age_band": ["18-24", "65+"]})
    contacts = pd.DataFrame({"customer_id": ["a"] * 30 + ["b"] * 29, "channel": ["app"] * 30 + ["phone"] * 29})
    result = channel_preference(contacts, survey, year=2026)
    assert result.table["age_band"].unique().tolist() == ["18-24"]
    assert result.young_on_young is None and "no contrast" in result.headline()


SWITCHES = pd.DataFrame({
    "customer_id": [f"c{i}" for i in range(40)], "channel": "chat", "previous_channel": "phone",
    "resolved": [True] * 20 + [False] * 20,
    "repeated_info": pd.array([True] * 10 + [False] * 30, dtype="boolean")})


def test_resolution_is_compared_only_when_both_groups_reach_the_minimum():
    # 10 repeated, 30 carried over: 25% of 40 switches (Wilson 14%-40%), but 10 < 30 -> no comparison
    result = switch_continuity(SWITCHES)
    assert result.repeat_share == 0.25 and np.isnan(result.resolution_diff)
    assert result.headline() == (
        "Customers had to repeat information in 25% of 40 channel switches; one of the two "
        "groups has too few contacts (10 repeated, 30 carried over) to compare how often they were resolved.")
    assert result.title() == "Repeated information after a channel switch"
    fig = charts.cost_of_repeating(result, title="Repeating")
    assert "too few" not in fig.axes[0].get_title() and len(fig.axes) == 1  # one empty-message panel
    plt.close("all")


def test_score_gaps_need_the_minimum_in_each_group_and_are_worded_as_association():
    # every switch on 1 Jan, every answer 10 days later: all 40 answers speak for the switch
    switches = SWITCHES.assign(started_at=pd.Timestamp("2026-01-01"))
    survey = pd.DataFrame({"response_id": range(40), "customer_id": [f"c{i}" for i in range(40)],
                           "responded_at": pd.Timestamp("2026-01-11"), "nps": [0.0] * 10 + [10.0] * 30})
    too_few = score_gaps(switches, survey)  # 10 who repeated themselves < 30
    assert too_few.nps is None and too_few.headline().endswith(
        "10 customers who repeated information and 30 who did not gave one, where each group needs 30.")
    gaps = score_gaps(switches, survey, min_group=10)
    assert (gaps.nps.repeated, gaps.nps.carried, gaps.nps.diff) == pytest.approx((-100, 100, -200))
    assert gaps.headline().endswith("so the data alone cannot say how much of a gap repeating caused.")
    assert gaps.ces is None
    # answered before the switch: none of the answers can reflect it
    assert score_gaps(switches, survey.assign(responded_at=pd.Timestamp("2025-12-31")), min_group=10).answered == 0


def test_convenience_scores_only_channels_with_enough_contacts_and_works_without_speed():
    # chat: 30 contacts, 15 resolved -> 0.5; email: 5 contacts -> no index
    contacts = pd.DataFrame({"channel": ["chat"] * 30 + ["email"] * 5, "resolved": [True, False] * 15 + [True] * 5})
    result = convenience_index(contacts)
    table = result.table.set_index("channel")
    assert table.loc["chat", "index"] == pytest.approx(50.0) and table.loc["chat", "parts"] == 1
    assert np.isnan(table.loc["email", "index"])
    assert result.headline() == "Only chat has enough contacts to be scored: an index of 50 of 100."
    assert result.shown()["Channel"].tolist() == ["Chat"]


def test_presence_without_first_response_times_and_its_table():
    contacts = pd.DataFrame({"channel": ["chat"] * 3 + ["whatsapp"], "resolved": [True, True, False, False]})
    result = presence_gap(contacts, CHANNELS)
    shown = result.shown().set_index("Channel")
    assert shown.loc["Chat", "Share of contacts"] == 0.75 and shown.loc["Chat", "Gap (points)"] == 25
    assert np.isnan(shown.loc["Chat", "Never answered"])
    # chat 75% of contacts on 50% of the budget, email 0% on 50%, WhatsApp 25% on none: (25 + 50 + 25) / 2 = 50%
    assert result.finding() == (f"{result.headline()} If the budget followed contacts, 50% of it would move between "
                                f"channels. {result.unoffered_headline()}")
    assert result.unoffered_headline().endswith("WhatsApp, which is not offered: 1 contact.")


def test_chart_wrappers_take_the_result():
    survey = pd.DataFrame({"channel": ["chat"] * 30 + ["phone"] * 30, "ces": [6.0] * 30 + [3.0] * 30})
    fig = charts.channel_effort(effort_by_channel(survey), title="Effort")
    assert any(t.get_text().startswith("All channels 4.5") for t in fig.axes[0].texts)
    assert fig.axes[0].get_xlim() == (1, 7)  # the whole CES scale, so a small gap looks small
    survey = pd.DataFrame({"response_id": range(2), "customer_id": ["a", "b"],
                           "responded_at": pd.Timestamp("2026-01-01"), "age_band": ["18-24", "65+"]})
    contacts = pd.DataFrame({"customer_id": ["a", "b"], "channel": ["app", "phone"]})
    fig = charts.channel_choice(channel_preference(contacts, survey, year=2026, min_contacts=1), title="Choice")
    assert fig.axes[0].get_xlabel().startswith("2 opening contacts from 2 customers matched")
    plt.close("all")
