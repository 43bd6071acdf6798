"""Agents ranked by the empathy of their replies, fairly: small samples are shrunk to the team mean.

An agent with four replies that happen to be perfect should not top a league table over an agent
who is excellent across seventy. Each agent's average empathy score is pulled towards the team
average in proportion to how little it rests on (empirical Bayes, normal-normal model):

    shrunk = team mean + B x (agent mean - team mean),   B = tau^2 / (tau^2 + sigma^2 / n)

where ``n`` is the agent's number of replies, ``sigma^2`` the spread of single replies around their
agent's mean (pooled within-agent variance) and ``tau^2`` the spread of true agent means (between-
agent variance of the agent means less the part their sampling noise explains, floored at 0). An
agent with many replies keeps almost all of their own mean (B near 1); one with few keeps little.

A ranking holds agents up as role models, so an agent whose survey scores are flagged by the
score-integrity audit (:func:`cxlib.metrics.integrity.tens_outliers`: an implausible share of 10s)
is left out of it: their replies still count towards the team mean, but they are not ranked.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.empathy.support import POINTS_PER_MOVE, score_replies
from cxlib.report.verdict import Figure, Finding, Kpi, Recommendation

# Agents whose shrunk scores lie within a quarter of one move of the leader's share the lead.
CLOSE = POINTS_PER_MOVE / 4


@dataclass(frozen=True)
class Shrinkage:
    """The numbers behind the shrinkage, so a reader can redo it."""

    team_mean: float   # mean of all replies
    sigma2: float      # pooled within-agent variance of single replies
    tau2: float        # variance of the true agent means


def shrink(means: pd.Series, counts: pd.Series, within_ss: float, total_mean: float) -> tuple[pd.Series, Shrinkage]:
    """Empirical-Bayes shrinkage of group means towards ``total_mean``.

    Parameters
    ----------
    means, counts : each group's mean and size (same index).
    within_ss : sum over all observations of the squared deviation from their group's mean.
    total_mean : the mean to shrink towards.

    Returns
    -------
    (pd.Series, Shrinkage)
        The shrunk means, and team mean, sigma^2 and tau^2.
    """
    n_total, groups = int(counts.sum()), len(counts)
    sigma2 = within_ss / (n_total - groups) if n_total > groups else 0.0
    if groups > 1:
        tau2 = max(0.0, float(means.var(ddof=1)) - float((sigma2 / counts).mean()))
    else:
        tau2 = 0.0
    if tau2 == 0.0 and sigma2 == 0.0:
        weight = pd.Series(1.0, index=means.index)
    else:
        weight = tau2 / (tau2 + sigma2 / counts)
    return total_mean + weight * (means - total_mean), Shrinkage(total_mean, sigma2, tau2)


@dataclass(frozen=True)
class AgentRanking:
    """Agents by shrunk empathy score, with their raw figures next to it."""

    table: pd.DataFrame  # agent_id, replies, raw_score, shrunk_score, raw_rank, rank, full_share, rated, csat
    shrinkage: Shrinkage
    excluded: tuple[str, ...] = ()  # agents left out: their survey scores are flagged

    def excluded_text(self) -> str:
        """The sentence on agents left out of the ranking ("" when none was); why is said in the body's
        introduction and the method notes."""
        if not self.excluded:
            return ""
        n = len(self.excluded)
        return (f"{'One agent' if n == 1 else f'{n} agents'} with flagged survey scores "
                f"{'is' if n == 1 else 'are'} left out of the ranking.")

    def finding(self) -> Finding:
        """The leader's record and why raw averages mislead, without naming agents."""
        top, raw = self.leader, self.raw_leader
        ranked = f"support replies of the ranked agents (n = {len(self.table)} agents)"
        figures = [Figure("replies with the full pattern, the most empathetic agent", top["full_share"], "%", ranked),
                   Figure("replies of the most empathetic agent", int(top["replies"]), "replies", ranked)]
        text = (f"The most empathetic agent writes the full pattern in {top['full_share']:.0f}% of "
                f"{int(top['replies'])} replies")
        if self.close:
            text += (f", with {len(self.close)} other agent{'s' if len(self.close) > 1 else ''} within "
                     f"{CLOSE:.0f} points")
            figures.append(Figure(f"agents within {CLOSE:.0f} points of the leader", len(self.close), _agents(len(self.close)), ranked))
        if raw["agent_id"] != top["agent_id"]:
            text += (f"; the best raw average ({raw['raw_score']:.0f}/100) rests on {int(raw['replies'])} "
                     f"replies and ranks {ordinal(int(raw['rank']))} once shrunk to the team mean")
            figures += [Figure("best raw empathy score of an agent", raw["raw_score"], "of 100",
                               ranked),
                        Figure("replies behind the best raw empathy score", int(raw["replies"]), "replies", ranked),
                        Figure("shrunk rank of the best raw empathy score", int(raw["rank"]), "", ranked)]
        if self.excluded:
            text += (f"; {len(self.excluded)} agent{'s' if len(self.excluded) > 1 else ''} with flagged "
                     "survey scores {} not ranked".format("are" if len(self.excluded) > 1 else "is"))
            figures.append(Figure("agents left out of the ranking for flagged survey scores",
                                  len(self.excluded), _agents(len(self.excluded)),
                                  "survey answers by agent (score-integrity audit)"))
        return Finding(text + ".", tuple(figures), source="cxlib.empathy.agents.rank_agents", theme="empathy")

    def recommendation(self, full_share: float) -> Recommendation:
        """Coach from the leading agent's replies; rank on shrunk scores. ``full_share``: the share
        (%) of all replies with the full pattern today, the KPI's baseline."""
        top = self.leader
        return Recommendation(
            action=("Build the reply playbook and coaching from the leading agent's replies; rank agents on "
                    "shrunk scores, never on raw averages"),
            rationale=(f"The leading agent writes the full pattern in {top['full_share']:.0f}% of "
                       f"{int(top['replies'])} replies; a handful of good replies is not yet a track record."),
            theme="empathy", impact="Medium", effort="Low",
            kpi=Kpi("Replies that acknowledge, own and reassure", full_share, float(top["full_share"]),
                    "%", "what the leading agent achieves today"))

    @property
    def leader(self) -> pd.Series:
        return self.table.iloc[0]

    @property
    def raw_leader(self) -> pd.Series:
        return self.table.sort_values(["raw_rank"]).iloc[0]

    def close_text(self) -> str:
        """" 3 other agents are within 5 points after shrinkage, so the lead is not a clear one." or
        nothing; the agents are counted, never named (their ids are in the internal table)."""
        if not self.close:
            return ""
        k = len(self.close)
        who = "1 other agent is" if k == 1 else f"{k} other agents are"
        return f" {who} within {CLOSE:.0f} points after shrinkage, so the lead is not a clear one."

    def leaders(self, top: int = 8) -> pd.DataFrame:
        """The ``top`` agents by shrunk score, with client-facing column names; the CSAT columns
        only when some of their tickets are rated."""
        columns = {"rank": "Rank", "agent_id": "Agent", "replies": "Replies", "raw_score": "Raw score",
                   "shrunk_score": "Shrunk score", "full_share": "Full pattern (%)"}
        if self.table["rated"].sum() > 0:
            columns |= {"rated": "Rated tickets", "csat": "Average CSAT"}
        return self.table.head(top)[list(columns)].rename(columns=columns)

    @property
    def close(self) -> list[str]:
        """The other agents within :data:`CLOSE` points of the leader's shrunk score."""
        near = self.table.iloc[1:]
        return near.loc[near["shrunk_score"] >= self.leader["shrunk_score"] - CLOSE, "agent_id"].astype(str).tolist()

    def title(self) -> str:
        """Action title for the ranking exhibit."""
        top, raw = self.leader, self.raw_leader
        if self.close and raw["agent_id"] == top["agent_id"]:
            others = len(self.close)
            return (f"{top['agent_id']} and {others} other agent{'s' if others > 1 else ''} write the most "
                    f"empathetic replies")
        if raw["agent_id"] == top["agent_id"]:
            return f"{top['agent_id']} writes the most empathetic replies"
        return f"{top['agent_id']} leads; {raw['agent_id']}'s perfect start is too short to tell"

    def headline(self) -> str:
        """The leader's record and the raw leader's short one, no agent named: a sentence of the
        body; the ids are in the chart and table marked for internal use."""
        top, raw = self.leader, self.raw_leader
        verb = "leads on empathy" if self.close else "writes the most empathetic replies"
        lead = (f"The leading agent {verb}: {top['full_share']:.0f}% of {int(top['replies'])} replies "
                f"acknowledge, own and reassure (empathy score {top['raw_score']:.0f}/100, "
                f"{top['shrunk_score']:.0f} after shrinkage).")
        lead += self.close_text()
        if raw["agent_id"] != top["agent_id"]:
            lead += (f" The best raw average ({raw['raw_score']:.0f}/100) rests on only {int(raw['replies'])} "
                     f"replies; pulled towards the team average of {self.shrinkage.team_mean:.0f} it ranks "
                     f"{ordinal(int(raw['rank']))}.")
        if self.excluded:
            lead += " " + self.excluded_text()
        return lead


def _agents(n: int) -> str:
    """The unit of a count of agents: "1 agent", "3 agents"."""
    return "agent" if n == 1 else "agents"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def flagged_agents(survey: pd.DataFrame | None) -> tuple[str, ...]:
    """Agents whose survey NPS carries an implausible share of 10s
    (:func:`cxlib.metrics.integrity.tens_outliers` by agent_id); none without a survey."""
    if survey is None:
        return ()
    from cxlib.metrics.integrity import tens_outliers

    table = tens_outliers(survey, by="agent_id")
    return tuple(sorted(str(u) for u in table.loc[table["flagged"].astype(bool), "unit"]))


def rank_agents(scored: pd.DataFrame, *, score: str = "empathy_score",
                exclude: tuple[str, ...] | list[str] = ()) -> AgentRanking:
    """Rank agents by their replies' empathy score, shrunk towards the team mean.

    Parameters
    ----------
    scored : :func:`cxlib.empathy.support.score_replies` output (agent_id, empathy_score,
        full_pattern, csat).
    score : the per-reply column to average.
    exclude : agents not to rank (their survey scores are flagged, :func:`flagged_agents`); their
        replies still count towards the team mean and the spread the shrinkage uses.

    Returns
    -------
    AgentRanking
        ``table`` sorted by the shrunk score (ties by more replies, then agent): agent_id,
        replies, raw_score, shrunk_score, raw_rank, rank, full_share (%), rated (tickets with
        CSAT), csat (their mean ticket CSAT, NaN when none was rated).
    """
    data = scored[scored["agent_id"].notna()]
    grouped = data.groupby("agent_id")[score]
    means, counts = grouped.mean(), grouped.size()
    within = float(((data[score] - data.groupby("agent_id")[score].transform("mean")) ** 2).sum())
    shrunk, numbers = shrink(means, counts, within, float(data[score].mean()))
    table = pd.DataFrame({
        "replies": counts, "raw_score": means, "shrunk_score": shrunk,
        "full_share": 100 * data.groupby("agent_id")["full_pattern"].mean(),
        "rated": data.groupby("agent_id")["csat"].count(),
        "csat": data.groupby("agent_id")["csat"].mean(),
    }).rename_axis("agent_id").reset_index()
    excluded = tuple(sorted(str(a) for a in set(map(str, exclude)) & set(table["agent_id"].astype(str))))
    table = table[~table["agent_id"].astype(str).isin(excluded)].reset_index(drop=True)
    table["raw_rank"] = table["raw_score"].rank(ascending=False, method="min").astype(int)
    table = table.sort_values(["shrunk_score", "replies", "agent_id"], ascending=[False, False, True],
                              kind="stable").reset_index(drop=True)
    table["rank"] = np.arange(1, len(table) + 1)
    columns = ["agent_id", "replies", "raw_score", "shrunk_score", "raw_rank", "rank", "full_share",
               "rated", "csat"]
    return AgentRanking(table[columns], numbers, excluded)


def ranking(tickets: pd.DataFrame, *, replies=None, survey: pd.DataFrame | None = None) -> AgentRanking:
    """:func:`rank_agents` on the tickets' replies, reusing ``replies`` (a
    :class:`cxlib.empathy.support.ReplyReading`) when they were already read, leaving out the
    agents whose scores in ``survey`` are flagged (:func:`flagged_agents`)."""
    return rank_agents(replies.table if replies is not None else score_replies(tickets),
                       exclude=flagged_agents(survey))
