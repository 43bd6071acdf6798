"""Step 5's verdict: the score rule by hand, missing data, and the demo's record."""
from __future__ import annotations

import pandas as pd
import pytest

from cxlib.demo.tickets import TRUTHS
from cxlib.empathy import agents, consistency, messaging, support, verdict


def test_score_adds_the_four_parts_by_the_stated_rule():
    score = verdict.empathy_score(
        mean_hero=50,             # 30 * 0.50 = 15
        mean_empathy=60,          # 30 * 0.60 = 18
        share_in_target=0.25,   # 20 * 0.25 = 5
        tone_spread=0.30,         # 10 * (0.50 - 0.30) / 0.40 = 5
        hero_spread=30)           # 10 * (50 - 30) / 40 = 5
    points = dict(zip(score.components["component"], score.components["points"]))
    assert points == pytest.approx({"Customer as hero": 15, "Empathetic replies": 18,
                                    "Answered within target": 5, "One voice": 10})
    assert score.score == 48.0
    assert score.headline() == ("Empathy in messaging and support scores 48/100; the weakest part is "
                                "answered within target (5 of 20).")


def test_one_voice_is_full_at_small_spreads_and_empty_at_large_ones():
    full = verdict.empathy_score(mean_hero=None, mean_empathy=None, share_in_target=None,
                                 tone_spread=0.05, hero_spread=8)
    none = verdict.empathy_score(mean_hero=None, mean_empathy=None, share_in_target=None,
                                 tone_spread=0.9, hero_spread=70)
    # one voice (20 points) is the only part assessed: 20 of 20 and 0 of 20 on the 0-100 scale
    assert full.score == 100 and none.score == 0
    assert full.coverage == pytest.approx(0.2) and full.maturity == "Partly assessed"


def test_missing_data_earns_no_points_and_says_why():
    score = verdict.empathy_score(mean_hero=None, mean_empathy=None, share_in_target=None,
                                  tone_spread=None, hero_spread=None)
    basis = score.components.set_index("component")["basis"]
    assert score.score is None and score.not_assessed == ["Customer as hero", "Empathetic replies",
                                                          "Answered within target", "One voice"]
    assert basis["Customer as hero"] == "not assessed: no messages dataset provided"
    assert basis["Answered within target"] == "not assessed: no tickets dataset provided"


def test_assess_without_any_data_still_records_three_findings_and_recommendations():
    result = verdict.assess(audit=None, replies=None, link=None, ranking=None, speed=None, voice=None)
    assert result.step.score is None and result.step.maturity == "Not assessed"
    assert len(result.step.sentences) == 3 and len(result.step.recommendations) == 3
    assert "no tickets dataset" in result.step.sentences[0]


def test_without_tickets_the_copy_gets_a_second_finding(demo):
    audit = messaging.audit_messages(demo["messages"], brand_name=demo.config.name)
    result = verdict.assess(audit=audit, replies=None, link=None, ranking=None, speed=None,
                            voice=consistency.consistency(audit.assets, None))
    findings = result.step.sentences
    assert len(findings) == 3 and findings[2] == audit.plain_language()
    assert result.step.findings[1].theme == "empathy" and result.step.findings[1].figures
    assert pd.isna(result.components.set_index("component").loc["Empathetic replies", "points"])


def test_demo_record(demo):
    audit = messaging.audit_messages(demo["messages"], brand_name=demo.config.name)
    replies = support.score_replies(demo["tickets"])
    # the channel comparison of the copy is a section of its own (channels=), with its own minimum
    result = verdict.assess(
        audit=audit, channels=messaging.copy_by_channel(demo["messages"], brand_name=demo.config.name),
        replies=replies, link=support.empathy_csat(replies),
        ranking=agents.ranking(demo["tickets"], replies=support.ReplyReading(replies, pd.DataFrame()),
                               survey=demo["survey"]),
        speed=support.response_speed(demo["tickets"], channels=demo["channels"]),
        wait=support.csat_by_wait(demo["tickets"]),
        voice=consistency.consistency(audit.assets, replies))
    step = result.step
    assert step.step == 5 and 25 <= step.score < 75
    assert len(step.sentences) == 5 and len(step.recommendations) == 5
    # an association at equal response time, worded as one (it used to read "lift ticket CSAT by")
    assert step.sentences[0].startswith("Tickets whose reply acknowledges, takes ownership and reassures are "
                                        "rated 0.8 higher (1-5 scale) than others answered after the same wait")
    assert "the web copy scores" in step.sentences[1]
    assert step.sentences[2].startswith(f"Support sounds coldest on {TRUTHS.cold_channel}")
    assert step.sentences[3].startswith(f"{step.findings[3].figures[0].value:.0f}% of 2,000 support tickets get a "
                                        "first response within their channel's target")
    # the ranking finding names no agent, and says the newcomer's perfect start is too short
    assert "the best raw average (100/100) rests on 4 replies" in step.sentences[4]
    assert "AG-" not in " ".join(step.sentences)
    assert [r.priority for r in step.recommendations] == [1, 2, 3, 4, 5]
    assert step.score == pytest.approx(result.components["points"].sum(), abs=0.05)
    assert [f.theme for f in step.findings] == ["empathy", "empathy", "empathy", "speed", "empathy"]
    assert [r.theme for r in step.recommendations] == ["empathy", "empathy", "empathy", "speed", "empathy"]


def _figure(finding, quantity):
    return next(f for f in finding.figures if f.quantity == quantity)


def test_demo_speed_is_judged_against_the_channel_lists_targets(demo):
    # demo channel list: chat 2 min, phone 5 min, app 4 h, email and web 24 h. Every ticket of the
    # demo is answered, so "in time" is in_time / tickets per channel.
    speed = support.response_speed(demo["tickets"], channels=demo["channels"])
    t = demo["tickets"]
    targets = {"chat": 2, "phone": 5, "app": 240, "email": 1440, "web": 1440}
    in_time = sum(int((t.loc[t["channel"] == c, "first_response_minutes"] <= m).sum()) for c, m in targets.items())
    assert speed.in_target == pytest.approx(100 * in_time / len(t))
    finding = speed.finding()
    assert finding.theme == "speed" and finding.source == "cxlib.omnichannel.speed.response_speed"
    # the slowest channel's median is stated with the dataset and population named (web, 214 tickets)
    web = t.loc[t["channel"] == "web", "first_response_minutes"]
    median = _figure(finding, "first response, web (median)")
    assert median.value == pytest.approx(web.median() / 60) and median.unit == "hours"
    assert median.population == f"support tickets, web tickets answered (n = {web.notna().sum():,})"
    # the recommendation holds the late channels to the list's targets, never to an hour
    rec = speed.recommendation()
    assert rec.action == ("Answer phone, chat and app tickets within the channel list's targets "
                          "(phone 5 min, chat 2 min, app 4 h)")
    assert "hour" not in rec.action and rec.theme == "speed"
    late = t[t["channel"].isin(["phone", "chat", "app"])]
    ok = sum(int((late.loc[late["channel"] == c, "first_response_minutes"] <= targets[c]).sum())
             for c in ("phone", "chat", "app"))
    assert rec.kpi.baseline == pytest.approx(100 * ok / len(late))
    email = t[t["channel"] == "email"]
    assert rec.kpi.target == pytest.approx(100 * (email["first_response_minutes"] <= 1440).mean())
    assert rec.kpi.basis == "what email achieves against its own target today"


def test_an_agent_with_flagged_survey_scores_is_never_ranked(demo):
    from cxlib.metrics.integrity import tens_outliers

    flagged = tens_outliers(demo["survey"], by="agent_id")
    flagged = flagged.loc[flagged["flagged"], "unit"].tolist()
    assert flagged == ["AG-117"]  # the demo's planted score-gaming agent (step 7)
    replies = support.read_replies(demo["tickets"])
    assert "AG-117" in agents.ranking(demo["tickets"], replies=replies).table["agent_id"].tolist()
    ranking = agents.ranking(demo["tickets"], replies=replies, survey=demo["survey"])
    assert ranking.excluded == ("AG-117",) and "AG-117" not in ranking.table["agent_id"].tolist()
    assert ranking.table["rank"].tolist() == list(range(1, len(ranking.table) + 1))
    assert "left out of the ranking" in ranking.headline()
    finding = ranking.finding()
    assert "1 agent with flagged survey scores is not ranked" in finding.text and "AG-" not in finding.text
    # the star agent: 48 of 57 replies with the full pattern = 84%
    assert _figure(finding, "replies with the full pattern, the most empathetic agent").value == pytest.approx(
        100 * 48 / 57)
    rec = ranking.recommendation(replies.full_share)
    assert rec.kpi.baseline == pytest.approx(replies.full_share) and rec.kpi.target == pytest.approx(100 * 48 / 57)


def test_demo_link_finding_carries_its_figures(demo):
    replies = support.read_replies(demo["tickets"])
    link = support.csat_link(demo["tickets"], replies=replies)
    finding = link.finding(replies)
    values = {f.quantity: f.value for f in finding.figures}
    assert values["replies that acknowledge, take ownership and reassure"] == pytest.approx(
        100 * replies.table["full_pattern"].mean())
    assert abs(link.adjusted - TRUTHS.csat_lift) <= TRUTHS.csat_lift_tolerance
    assert values["rated tickets in the model"] == link.rated
    rec = link.recommendation(replies)
    assert rec.theme == "empathy" and rec.kpi.metric == "Replies that acknowledge, own and reassure"
