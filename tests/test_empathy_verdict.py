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
        share_within_hour=0.25,   # 20 * 0.25 = 5
        tone_spread=0.30,         # 10 * (0.50 - 0.30) / 0.40 = 5
        hero_spread=30)           # 10 * (50 - 30) / 40 = 5
    points = dict(zip(score.components["component"], score.components["points"]))
    assert points == pytest.approx({"Customer as hero": 15, "Empathetic replies": 18,
                                    "Answered within the hour": 5, "One voice": 10})
    assert score.score == 48.0
    assert score.headline() == ("Empathy in messaging and support scores 48/100; the weakest part is "
                                "answered within the hour (5 of 20).")


def test_one_voice_is_full_at_small_spreads_and_empty_at_large_ones():
    full = verdict.empathy_score(mean_hero=None, mean_empathy=None, share_within_hour=None,
                                 tone_spread=0.05, hero_spread=8)
    none = verdict.empathy_score(mean_hero=None, mean_empathy=None, share_within_hour=None,
                                 tone_spread=0.9, hero_spread=70)
    # one voice (20 points) is the only part assessed: 20 of 20 and 0 of 20 on the 0-100 scale
    assert full.score == 100 and none.score == 0
    assert full.coverage == pytest.approx(0.2) and full.maturity == "Partly assessed"


def test_missing_data_earns_no_points_and_says_why():
    score = verdict.empathy_score(mean_hero=None, mean_empathy=None, share_within_hour=None,
                                  tone_spread=None, hero_spread=None)
    basis = score.components.set_index("component")["basis"]
    assert score.score is None and score.not_assessed == ["Customer as hero", "Empathetic replies",
                                                          "Answered within the hour", "One voice"]
    assert basis["Customer as hero"] == "not assessed: no messages dataset provided"
    assert basis["Answered within the hour"] == "not assessed: no tickets dataset provided"


def test_assess_without_any_data_still_records_three_findings_and_recommendations():
    result = verdict.assess(audit=None, replies=None, link=None, ranking=None, speed=None, voice=None)
    assert result.step.score is None and result.step.maturity == "Not assessed"
    assert len(result.step.findings) == 3 and len(result.step.recommendations) == 3
    assert "no tickets dataset" in result.step.findings[0]


def test_without_tickets_the_copy_gets_a_second_finding(demo):
    audit = messaging.audit_messages(demo["messages"], brand_name=demo.config.name)
    result = verdict.assess(audit=audit, replies=None, link=None, ranking=None, speed=None,
                            voice=consistency.consistency(audit.assets, None))
    findings = result.step.findings
    assert len(findings) == 3 and findings[2] == audit.plain_language()
    assert pd.isna(result.components.set_index("component").loc["Empathetic replies", "points"])


def test_demo_record(demo):
    audit = messaging.audit_messages(demo["messages"], brand_name=demo.config.name)
    replies = support.score_replies(demo["tickets"])
    # the channel comparison of the copy is a section of its own (channels=), with its own minimum
    result = verdict.assess(
        audit=audit, channels=messaging.copy_by_channel(demo["messages"], brand_name=demo.config.name),
        replies=replies, link=support.empathy_csat(replies),
        ranking=agents.rank_agents(replies), speed=support.response_speed(demo["tickets"]),
        voice=consistency.consistency(audit.assets, replies))
    step = result.step
    assert step.step == 5 and 25 <= step.score < 75
    assert len(step.findings) == 5 and len(step.recommendations) == 5
    # an association at equal response time, worded as one (it used to read "lift ticket CSAT by")
    assert step.findings[0].startswith("Replies that acknowledge, take ownership and reassure go with a "
                                       "ticket CSAT +0.8")
    assert "the web copy scores" in step.findings[1]
    assert step.findings[2].startswith(f"Support sounds coldest on {TRUTHS.cold_channel}")
    assert f"{TRUTHS.newcomer}'s perfect-looking" in step.findings[4]
    assert [r.priority for r in step.recommendations] == [1, 2, 3, 4, 5]
    assert step.score == pytest.approx(result.components["points"].sum(), abs=0.05)
