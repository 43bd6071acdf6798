"""Step 5 on sections: what each section needs, said in one sentence when it is missing, and a
verdict that scores and states only what ran. Small frames whose numbers can be checked by hand."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cxlib import sections
from cxlib.empathy import agents, consistency, messaging, support, verdict
from cxlib.sections import run_section

# Full pattern and all five moves against "My bill is wrong this month" (acknowledges, apologises,
# owns, reassures, repeats bill/wrong/month); the cold reply makes none of the moves.
WARM = ("Thanks for letting us know. I'm sorry your bill is wrong this month. I've fixed it and "
        "you'll see the refund tomorrow.")
COLD = "Your case has been logged in our system."
ASKS = "My bill is wrong this month"


def tickets(n: int, *, replies=None, channels=None, agents_=None, minutes=None, csat=None) -> pd.DataFrame:
    """n tickets; each keyword is a list of n values (or one value for all), None leaves the column out."""
    def col(value, default):
        value = default if value is None else value
        return list(value) if isinstance(value, (list, tuple)) else [value] * n

    frame = pd.DataFrame({"ticket_id": [f"T{i:03d}" for i in range(n)], "channel": col(channels, "chat"),
                          "agent_id": col(agents_, "A"), "opened_at": pd.Timestamp("2026-10-01"),
                          "customer_text": ASKS, "agent_reply": col(replies, WARM)})
    if minutes is not None:
        frame["first_response_minutes"] = col(minutes, None)
    if csat is not None:
        frame["csat"] = col(csat, None)
    return frame


def assets(channels: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"asset_id": [f"M{i}" for i in range(len(channels))], "channel": channels,
                         "audience": "all", "text": "Change your plan in one tap."})


# --- what each section needs ----------------------------------------------------------------------

def test_step_5_lists_every_section_once():
    assert len(set(sections.STEP_5)) == len(sections.STEP_5) == 8
    notes = sections.method_notes(sections.STEP_5)
    assert "The agent ranking: the tickets dataset with at least 90 tickets, 3 agents of at least 30 each." in notes


def test_the_copy_audit_needs_the_messages_and_30_assets():
    assert sections.COPY_AUDIT.shortfall({}) == (
        "The copy audit needs the messages dataset (the marketing, website and app copy), which was not provided.")
    assert sections.COPY_AUDIT.shortfall({"messages": assets(["web"] * 12)}) == (
        "The copy audit needs at least 30 assets; this copy export has 12.")
    assert sections.COPY_AUDIT.shortfall({"messages": assets(["web"] * 30)}) is None


def test_the_channel_comparison_needs_two_channels_of_three_assets():
    # web 28 assets, app 2: one channel reaches 3
    frame = assets(["web"] * 28 + ["app"] * 2)
    assert sections.COPY_CHANNELS.shortfall({"messages": frame}) == (
        "The channel comparison of the copy needs 2 channels with at least 3 assets each; this copy export "
        "has 1 of 2.")
    assert sections.COPY_CHANNELS.shortfall({"messages": assets(["web"] * 27 + ["app"] * 3)}) is None


def test_reading_replies_needs_30_tickets():
    assert sections.REPLIES.shortfall({"tickets": tickets(20)}) == (
        "The reading of support replies needs at least 30 tickets; this ticket export has 20.")
    assert sections.REPLIES.shortfall({}).endswith("needs the tickets dataset (support tickets with the "
                                                   "agents' replies), which was not provided.")


def test_the_csat_link_needs_ratings_and_30_on_each_side_of_the_full_pattern():
    unrated = tickets(200, minutes=5.0)
    assert sections.CSAT_LINK.shortfall({"tickets": unrated}) == (
        "The link between empathy and ticket satisfaction needs ticket satisfaction (CSAT) ratings; this "
        "ticket export has none.")
    # 120 rated tickets: 100 warm replies, 20 cold ones
    lopsided = tickets(120, replies=[WARM] * 100 + [COLD] * 20, minutes=5.0, csat=4.0)
    assert sections.CSAT_LINK.shortfall({"tickets": lopsided}) == (
        "The link between empathy and ticket satisfaction needs at least 30 rated tickets with a "
        "first-response time in each of the two sides (replies with the full pattern and without); this "
        "ticket export has 100 with the full pattern and 20 without.")
    assert sections.CSAT_LINK.shortfall({"tickets": tickets(99, minutes=5.0, csat=4.0)}) == (
        "The link between empathy and ticket satisfaction needs at least 100 rated tickets with a "
        "first-response time; this ticket export has 99.")
    balanced = tickets(120, replies=[WARM, COLD] * 60, minutes=5.0, csat=4.0)
    assert sections.CSAT_LINK.shortfall({"tickets": balanced}) is None


def test_the_agent_ranking_needs_three_agents_with_30_tickets():
    frame = tickets(100, agents_=["A"] * 40 + ["B"] * 40 + ["C"] * 20)
    assert sections.AGENTS.shortfall({"tickets": frame}) == (
        "The agent ranking needs 3 agents with at least 30 tickets each; this ticket export has 2 of 3.")


def test_response_times_are_needed_for_speed_and_ratings_in_two_bands_for_its_cost():
    assert sections.SPEED.shortfall({"tickets": tickets(40)}) == (
        "The response-time analysis needs first-response times; this ticket export has none.")
    # 70 rated tickets, all answered within 10 minutes: one band only
    fast = tickets(70, minutes=10.0, csat=4.0)
    assert sections.WAIT_CSAT.shortfall({"tickets": fast}) == (
        "The link between waiting and ticket satisfaction needs 2 response-time bands with at least 30 rated "
        "tickets with a first-response time each; this ticket export has 1.")


def test_the_tone_comparison_needs_two_channels_of_20_replies():
    frame = tickets(50, channels=["chat"] * 35 + ["email"] * 15)
    assert sections.VOICE.shortfall({"tickets": frame}) == (
        "The tone comparison across channels needs 2 channels with at least 20 tickets each; this ticket "
        "export has 1 of 2.")


# --- the analyses on a ticket export without ratings ------------------------------------------------

def test_replies_are_read_without_csat_or_response_times():
    frame = tickets(4, replies=[WARM, COLD, WARM, COLD])
    reading = support.read_replies(frame)
    assert reading.table["csat"].isna().all() and reading.table["first_response_minutes"].isna().all()
    # 2 replies with all five moves (100) and 2 with none (0): 50% full pattern, score 50
    assert reading.full_share == 50 and reading.mean_score == 50
    assert reading.headline() == ("50% of 4 replies acknowledge the customer, take ownership and say what "
                                  "happens next; the average reply makes 2.5 of the five moves (empathy score "
                                  "50/100).")
    quotes = reading.quotes()
    assert list(quotes["attribution"]) == ["A customer writes in", "The agent's reply, with all five moves (chat)",
                                           "Another customer, the same kind of problem",
                                           "The agent's reply, with none of the moves (chat)"]


def test_waiting_cost_compares_the_fast_and_the_slow_band():
    # 30 answered in 10 minutes rated 4, 30 answered after 10 hours rated 3
    frame = tickets(60, minutes=[10.0] * 30 + [600.0] * 30, csat=[4.0] * 30 + [3.0] * 30)
    wait = support.csat_by_wait(frame)
    assert wait.headline() == ("Customers answered within an hour rate the ticket 4.0 out of 5, those who "
                               "waited over 8 hours 3.0.")
    assert list(wait.table()["First response"]) == ["Within an hour", "Over 8 hours"]  # no empty band


def test_agents_within_five_points_share_the_lead():
    # X averages 80, Y 78 (half 80, half 76), Z 20; 30 replies each: shrinkage barely moves them
    scored = pd.DataFrame({"agent_id": ["X"] * 30 + ["Y"] * 30 + ["Z"] * 30,
                           "empathy_score": [80.0] * 30 + [80.0, 76.0] * 15 + [20.0] * 30,
                           "full_pattern": [True] * 60 + [False] * 30, "csat": np.nan})
    ranking = agents.rank_agents(scored)
    assert ranking.close == ["Y"]
    assert ranking.title() == "X and 1 other agent write the most empathetic replies"
    assert "1 other agent is within 5 points after shrinkage, so the lead is not a clear one." in ranking.headline()
    assert "Y" not in ranking.headline().split() and "X" not in ranking.headline().split()
    assert "Average CSAT" not in ranking.leaders().columns  # no ratings, no CSAT column


# --- the verdict over the sections that ran -------------------------------------------------------

def _step(frames):
    def section(fn, needs, **kw):
        return run_section(frames, fn, needs=needs, **kw)

    replies = section(support.read_replies, sections.REPLIES)
    return verdict.assess(
        audit=section(messaging.audit_messages, sections.COPY_AUDIT),
        channels=section(messaging.copy_by_channel, sections.COPY_CHANNELS),
        replies=replies, link=section(support.csat_link, sections.CSAT_LINK, replies=replies.value()),
        ranking=section(agents.ranking, sections.AGENTS, replies=replies.value()),
        speed=section(support.response_speed, sections.SPEED, channels=frames.get("channels")),
        wait=section(support.csat_by_wait, sections.WAIT_CSAT),
        voice=section(consistency.one_voice, sections.VOICE, replies=replies.value()))


def test_the_verdict_scores_only_the_parts_that_ran():
    # 60 unrated tickets, chat and email alike (15 warm and 15 cold replies each), 2 agents of 30:
    # chat answered in 5 minutes, email in 10 hours. No copy, no ratings, too few agents.
    frame = tickets(60, replies=[WARM, WARM, COLD, COLD] * 15, channels=["chat", "email"] * 30, agents_=["A", "B"] * 30,
                    minutes=[5.0, 600.0] * 30)
    # the channel list holds chat to 10 minutes and email to 4 hours: chat's 30 tickets are in time,
    # email's 30 (10 hours) are not
    channels = pd.DataFrame({"channel": ["chat", "email"], "offered": [True, True], "investment_share": [0.5, 0.5],
                             "target_response_minutes": [10, 240]})
    result = _step({"tickets": frame, "channels": channels})
    points = result.components.set_index("component")["points"]
    # empathetic replies 30 x 50/100 = 15; within target 20 x 30/60 = 10; one voice: tone alike on
    # both channels (spread 0) -> the tone half stands for the part, 20. Copy not assessed.
    assert points["Empathetic replies"] == 15 and points["Answered within target"] == 10
    assert points["One voice"] == 20 and np.isnan(points["Customer as hero"])
    assert result.step.score == pytest.approx(round(45 / 70 * 100, 1))  # 64.3 over the 70 points assessed
    assert result.step.coverage == pytest.approx(0.7) and result.step.maturity == "Competent"
    basis = result.components.set_index("component")["basis"]
    assert basis["Customer as hero"] == ("not assessed: the copy audit needs the messages dataset (the marketing, "
                                         "website and app copy), which was not provided")
    findings = " ".join(result.step.sentences)
    assert "whether that goes with higher satisfaction is not known" in findings
    assert "CSAT +" not in findings and "most empathetic agent" not in findings  # link and ranking did not run
    actions = " ".join(r.action for r in result.step.recommendations)
    assert "Ask for a CSAT rating on every closed ticket" in actions and "playbook" not in actions
    # the one source of targets is the channel list (step 4's), never an hour of the step's own
    assert "Answer email tickets within the channel list's targets (email 4 h)" in actions
    speed = next(r for r in result.step.recommendations if r.theme == "speed")
    assert speed.kpi.metric == "First response within target (email)"
    # email 0 of 30 in time; chat, on target, answers 30 of 30: the target is what chat achieves
    assert speed.kpi.baseline == 0 and speed.kpi.target == 100


def test_nothing_to_assess_is_not_assessed_not_zero():
    result = _step({})
    assert result.step.score is None and result.step.maturity == "Not assessed"
    assert result.score.not_assessed == ["Customer as hero", "Empathetic replies", "Answered within target",
                                         "One voice"]
    assert 3 <= len(result.step.sentences) <= 5 and 3 <= len(result.step.recommendations) <= 5
    assert result.step.sentences[0].startswith("The reading of support replies needs the tickets dataset")
