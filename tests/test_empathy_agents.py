"""Agent ranking with empirical-Bayes shrinkage: the numbers by hand, and the demo's newcomer."""
from __future__ import annotations

import pandas as pd
import pytest

from cxlib.demo.tickets import TRUTHS
from cxlib.empathy import agents, support


def _replies(scores: dict[str, list[float]]) -> pd.DataFrame:
    rows = [(agent, s) for agent, values in scores.items() for s in values]
    frame = pd.DataFrame(rows, columns=["agent_id", "empathy_score"])
    return frame.assign(full_pattern=frame["empathy_score"] >= 80, csat=4.0)


def test_shrinkage_by_hand():
    # A: 80, 100 (mean 90); B: 40, 60, 40, 60 (mean 50); C: 40, 60 (mean 50); all 8 replies: 60
    # within SS = 200 + 400 + 200 = 800 -> sigma^2 = 800 / (8 - 3) = 160
    # agent means 90, 50, 50: variance 533.33; mean sigma^2/n = (80 + 40 + 80) / 3 = 66.67
    # tau^2 = 466.67; B_A = 466.67 / (466.67 + 80) = 0.8537 -> 60 + 0.8537 * 30 = 85.61
    ranking = agents.rank_agents(_replies({"A": [80, 100], "B": [40, 60, 40, 60], "C": [40, 60]}))
    assert ranking.shrinkage.team_mean == 60
    assert ranking.shrinkage.sigma2 == pytest.approx(160)
    assert ranking.shrinkage.tau2 == pytest.approx(466.667, abs=1e-3)
    shrunk = ranking.table.set_index("agent_id")["shrunk_score"]
    assert shrunk["A"] == pytest.approx(85.61, abs=0.01)
    assert shrunk["B"] == pytest.approx(60 - 466.667 / 506.667 * 10, abs=0.01)  # 50.79
    assert shrunk["C"] == pytest.approx(51.46, abs=0.01)
    assert list(ranking.table["agent_id"]) == ["A", "C", "B"]


def test_no_real_differences_shrinks_everyone_to_the_mean():
    ranking = agents.rank_agents(_replies({"A": [0, 100], "B": [100, 0], "C": [0, 100]}))
    assert ranking.shrinkage.tau2 == 0
    assert ranking.table["shrunk_score"].tolist() == [50, 50, 50]


def test_a_perfect_handful_does_not_top_a_long_excellent_record():
    team = {f"P{i}": [20, 80] * 15 for i in range(5)}  # 30 replies each, mean 50
    team["STAR"] = [60, 100] * 15                         # 30 replies, mean 80
    team["NEW"] = [100, 100]                              # 2 replies, mean 100
    # sigma^2 = (5 * 30 * 900 + 30 * 400) / (182 - 7) = 840
    # agent means 50 (x5), 80, 100: variance 414.3; mean sigma^2/n = (5*28 + 28 + 420) / 7 = 84
    # tau^2 = 330.3; team mean 10,100 / 182 = 55.49
    # NEW: B = 330.3 / (330.3 + 420) = 0.440 -> 55.49 + 0.440 * 44.51 = 75.1
    # STAR: B = 330.3 / (330.3 + 28) = 0.922 -> 55.49 + 0.922 * 24.51 = 78.1
    ranking = agents.rank_agents(_replies(team))
    table = ranking.table.set_index("agent_id")
    assert ranking.shrinkage.tau2 == pytest.approx(330.3, abs=0.05)
    assert table.loc["NEW", "shrunk_score"] == pytest.approx(75.1, abs=0.05)
    assert table.loc["STAR", "shrunk_score"] == pytest.approx(78.1, abs=0.05)
    assert table.loc["NEW", "raw_rank"] == 1 and table.loc["STAR", "rank"] == 1
    assert table.loc["NEW", "rank"] > 1
    assert ranking.title() == "STAR leads; NEW's perfect start is too short to tell"
    # the headline is a sentence of the body: agents counted and described, never named
    headline = ranking.headline()
    assert "rests on only 2 replies" in headline and "ranks 2nd" in headline
    assert "NEW" not in headline and "STAR" not in headline


def test_ordinals():
    assert [agents.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"]


def test_demo_newcomer_tops_the_raw_table_but_not_the_shrunk_one(demo):
    ranking = agents.rank_agents(support.score_replies(demo["tickets"]))
    table = ranking.table.set_index("agent_id")
    assert table.loc[TRUTHS.newcomer, "raw_rank"] == 1
    assert table.loc[TRUTHS.newcomer, "replies"] == TRUTHS.newcomer_tickets
    assert table.loc[TRUTHS.newcomer, "rank"] > 1
    assert ranking.leader["agent_id"] == TRUTHS.star_agent
