"""One voice across channels: tone of the copy and of the support replies, channel by channel.

A customer who reads warm, plain copy in the app and gets a cold, scripted e-mail from support
meets two companies. For every channel we set side by side what the company writes there:

- the marketing and website copy (``messages``): average customer-as-hero score and VADER tone;
- the agents' replies (``tickets``): average empathy score and VADER tone.

Tone is VADER's compound score, from -1 (very negative words) to +1 (very positive words). Each
channel's reply tone is compared with all other channels' replies (Welch's t test, Benjamini-
Hochberg false-discovery rate 5 %), so a "colder" channel is one whose replies are significantly
more negative than the rest, not just a little below.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

# a channel's copy counts in the hero-score spread from MIN_ASSETS assets
from cxlib.empathy.messaging import MIN_ASSETS
from cxlib.empathy.support import mean_interval, score_replies
from cxlib.report.verdict import Figure, Finding, Kpi, Recommendation
from cxlib.wording import signed

MIN_REPLIES = 20   # a channel's reply tone is compared only from this many replies


def channel_voice(assets: pd.DataFrame | None, replies: pd.DataFrame | None, *,
                  level: float = 0.95) -> pd.DataFrame:
    """What the company writes on each channel: copy and replies side by side.

    Parameters
    ----------
    assets : :func:`cxlib.empathy.messaging.score_messages` output (channel, hero_score, tone), or
        None when there are no messages.
    replies : :func:`cxlib.empathy.support.score_replies` output (channel, empathy_score, tone),
        or None when there are no tickets.
    level : confidence level of the reply-tone interval.

    Returns
    -------
    pd.DataFrame
        One row per channel: channel, assets, hero_score, copy_tone, replies, empathy_score,
        reply_tone, reply_tone_low, reply_tone_high, rest_tone (all other channels' replies),
        p_value, q_value, colder (significantly below the rest), warmer; channels present in only
        one source have missing values for the other. Sorted by reply tone, warmest first.
    """
    parts = []
    if assets is not None and len(assets):
        g = assets.groupby("channel")
        parts.append(pd.DataFrame({"assets": g.size(), "hero_score": g["hero_score"].mean(),
                                   "copy_tone": g["tone"].mean()}))
    if replies is not None and len(replies):
        g = replies.groupby("channel")
        rows = {}
        for channel, group in g:
            _, low, high = mean_interval(group["tone"], level)
            rest = replies.loc[replies["channel"] != channel, "tone"].dropna()
            p = (stats.ttest_ind(group["tone"].dropna(), rest, equal_var=False).pvalue
                 if len(group) >= MIN_REPLIES and len(rest) >= MIN_REPLIES else np.nan)
            rows[channel] = {"replies": len(group), "empathy_score": group["empathy_score"].mean(),
                             "reply_tone": group["tone"].mean(), "reply_tone_low": low,
                             "reply_tone_high": high, "rest_tone": rest.mean(), "p_value": p}
        parts.append(pd.DataFrame.from_dict(rows, orient="index"))
    table = pd.concat(parts, axis=1) if parts else pd.DataFrame()
    columns = ["assets", "hero_score", "copy_tone", "replies", "empathy_score", "reply_tone",
               "reply_tone_low", "reply_tone_high", "rest_tone", "p_value"]
    table = table.reindex(columns=columns).rename_axis("channel").reset_index()
    table["q_value"] = np.nan
    tested = table["p_value"].notna()
    if tested.any():
        table.loc[tested, "q_value"] = multipletests(table.loc[tested, "p_value"], method="fdr_bh")[1]
    significant = table["q_value"] < 0.05
    table["colder"] = significant & (table["reply_tone"] < table["rest_tone"])
    table["warmer"] = significant & (table["reply_tone"] > table["rest_tone"])
    for column in ("assets", "replies"):
        table[column] = table[column].astype("Int64")
    return table.sort_values(["reply_tone", "hero_score", "channel"], ascending=[False, False, True],
                             na_position="last", kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class Consistency:
    """How much the voice varies between channels."""

    table: pd.DataFrame     # channel_voice output
    tone_spread: float      # warmest minus coldest channel's mean reply tone (NaN without replies)
    hero_spread: float      # best minus worst channel's mean hero score (NaN without messages)

    @property
    def coldest(self) -> pd.Series | None:
        eligible = self.table[self.table["replies"].fillna(0) >= MIN_REPLIES]
        return eligible.sort_values("reply_tone").iloc[0] if len(eligible) else None

    def cold_finding(self) -> Finding | None:
        """The channel whose replies sound colder than the rest beyond chance; None when none does."""
        cold = self.coldest
        if cold is None or not bool(cold["colder"]):
            return None
        n = int(cold["replies"])
        pop = f"support replies, {cold['channel']} (n = {n:,})"
        return Finding(
            f"Support sounds coldest on {cold['channel']}: its {n:,} replies average a tone of "
            f"{signed(cold['reply_tone'], 2)} on a scale of \u22121 to +1, against {signed(cold['rest_tone'], 2)} "
            f"on the other channels, and score {cold['empathy_score']:.0f}/100 on empathy.",
            (Figure(f"reply tone, {cold['channel']}", cold["reply_tone"], "", pop,
                    low=cold["reply_tone_low"], high=cold["reply_tone_high"]),
             Figure(f"reply tone, channels other than {cold['channel']}", cold["rest_tone"], "",
                    "support replies on the other channels"),
             Figure(f"replies, {cold['channel']}", n, "replies", pop),
             Figure(f"empathy score of the replies, {cold['channel']}", cold["empathy_score"], "of 100", pop)),
            source="cxlib.empathy.consistency.channel_voice", theme="empathy")

    def _others(self, channel: str) -> pd.DataFrame:
        """The channels other than ``channel`` with enough replies to compare."""
        return self.table[(self.table["channel"] != channel) & (self.table["replies"].fillna(0) >= MIN_REPLIES)]

    def cold_recommendation(self) -> Recommendation | None:
        """Coach the coldest channel's team; its first measure is the empathy score of its replies
        (0-100), held to what the other channels' replies score today."""
        cold = self.coldest
        if cold is None or not bool(cold["colder"]):
            return None
        channel = str(cold["channel"])
        others = round(_weighted(self._others(channel), "empathy_score"))
        return Recommendation(
            action=(f"Retire the scripted {channel} reply templates and coach the {channel} team on the "
                    "empathetic pattern"),
            rationale=(f"{channel.capitalize()} replies sound the coldest of any channel and score "
                       f"{cold['empathy_score']:.0f}/100 on empathy against {others:.0f} elsewhere."),
            theme="empathy", impact="High", effort="Low",
            # whole points, as every sentence prints the score
            kpi=Kpi(f"Empathy score of {channel} replies (0-100)", round(float(cold["empathy_score"])),
                    others, "", "the other channels' replies today"))

    def title(self) -> str:
        """Action title for the reply-tone exhibit."""
        cold = self.coldest
        if cold is None:
            return "How support sounds, channel by channel"
        if bool(cold["colder"]):
            return f"Support sounds coldest on {cold['channel']}"
        return "Support sounds alike on every channel"

    def headline(self) -> str:
        parts = []
        cold = self.coldest
        if cold is not None:
            if bool(cold["colder"]):
                parts.append(
                    f"Support sounds coldest on {cold['channel']}: its {int(cold['replies']):,} replies average "
                    f"a tone of {signed(cold['reply_tone'], 2)} (\u22121 to +1) against "
                    f"{signed(cold['rest_tone'], 2)} on the other channels, a gap larger than chance, and score "
                    f"{cold['empathy_score']:.0f}/100 on empathy against "
                    f"{_weighted(self._others(cold['channel']), 'empathy_score'):.0f}.")
            else:
                parts.append(f"No channel's replies sound colder than the rest beyond what chance alone "
                             f"produces; reply tone differs by {self.tone_spread:.2f} at most between channels.")
        copy = self.table[self.table["assets"].fillna(0) >= MIN_ASSETS].sort_values("hero_score")
        if len(copy) >= 2:
            low, high = round(copy.iloc[0]["hero_score"]), round(copy.iloc[-1]["hero_score"])
            # the spread is said from the rounded scores, so "22 to 91" is "69 points" apart
            parts.append(f"The copy's customer-as-hero score ranges from {low:.0f} ({copy.iloc[0]['channel']}) "
                         f"to {high:.0f} ({copy.iloc[-1]['channel']}), {high - low:.0f} points apart."
                         if high > low else f"The copy scores {low:.0f}/100 on customer-as-hero on every channel.")
        return " ".join(parts) if parts else "Neither messages nor tickets were provided."

    def channels(self) -> pd.DataFrame:
        """What the customer reads on each channel, with client-facing column names; the copy's
        columns only when the copy was audited, the replies' only when replies were read."""
        columns = {"channel": "Channel"}
        if self.table["assets"].notna().any():
            columns |= {"assets": "Assets", "hero_score": "Copy: hero score"}
        if self.table["replies"].notna().any():
            columns |= {"replies": "Replies", "empathy_score": "Replies: empathy score",
                        "reply_tone": "Replies: tone"}
        return self.table[list(columns)].rename(columns=columns)


def _weighted(rows: pd.DataFrame, column: str) -> float:
    weights = rows["replies"].astype(float)
    return float((rows[column] * weights).sum() / weights.sum()) if weights.sum() else float("nan")


def consistency(assets: pd.DataFrame | None, replies: pd.DataFrame | None, *,
                level: float = 0.95) -> Consistency:
    """Tone and hero-score spread across channels (see :func:`channel_voice` for the inputs).

    The spreads count channels with at least :data:`MIN_REPLIES` replies (tone) and
    :data:`MIN_ASSETS` assets (hero score).
    """
    table = channel_voice(assets, replies, level=level)
    tone = table.loc[table["replies"].fillna(0) >= MIN_REPLIES, "reply_tone"]
    hero = table.loc[table["assets"].fillna(0) >= MIN_ASSETS, "hero_score"]
    return Consistency(
        table=table,
        tone_spread=float(tone.max() - tone.min()) if len(tone) else float("nan"),
        hero_spread=float(hero.max() - hero.min()) if len(hero) else float("nan"))


def one_voice(tickets: pd.DataFrame, *, replies=None, copy=None, level: float = 0.95) -> Consistency:
    """:func:`consistency` of the support replies, with the copy's channels next to them.

    Parameters
    ----------
    tickets : the tickets dataset (read again unless ``replies`` is given).
    replies : a :class:`cxlib.empathy.support.ReplyReading` of the same tickets, or None.
    copy : a copy audit (anything with ``assets``, e.g. :class:`cxlib.empathy.messaging.MessagingAudit`),
        or None when the copy was not audited.
    """
    scored = replies.table if replies is not None else score_replies(tickets)
    return consistency(copy.assets if copy is not None else None, scored, level=level)
