"""Presence: are we on the channels our customers use, and does the money follow them?

Each channel's share of customer contacts is set against its share of the service budget
(``channels.investment_share``). A channel is under-invested when customers bring it a larger share
of their contacts than it gets of the budget, over-invested the other way round. The *budget
mismatch* is the share of the budget that would have to move for every channel to be funded in
proportion to its contacts: half the sum of the absolute differences of the two shares.

Channels that appear in the interactions but are not offered (``offered`` false, or absent from
the channels dataset) are doors customers knock on that nobody is paid to open.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from cxlib.omnichannel.channels import (
    channel_table,
    in_text,
    join_labels,
    label,
    normalise,
)

# How the report writes the columns of PresenceResult.shown().
TABLE_FORMATS = {"Share of contacts": "{:.1%}", "Share of budget": "{:.0%}", "Gap (points)": "{:+.0f}",
                 "Never answered": "{:.0%}", "Resolved": "{:.0%}", "Contacts": "{:,.0f}"}
COLUMNS = ["channel", "label", "offered", "contacts", "usage_share", "investment_share", "gap",
           "ratio", "unanswered_share", "resolved_share"]


@dataclass(frozen=True)
class PresenceResult:
    """Usage against investment per channel, and the channels customers use that are not offered.

    ``table`` has one row per channel (COLUMNS), most used first; shares are fractions 0-1,
    ``gap`` is usage minus investment share and ``ratio`` usage over investment share (missing
    when the channel gets no budget). ``under`` and ``over`` are the offered channels with the
    largest positive and negative gap; ``unoffered`` the rows of channels used but not offered.
    """

    table: pd.DataFrame
    contacts: int
    mismatch: float
    under: pd.Series | None
    over: pd.Series | None
    unoffered: pd.DataFrame
    unoffered_share: float
    unoffered_low: float
    unoffered_high: float

    def title(self) -> str:
        """An action title for the exhibit: which channel is under- and over-funded."""
        u, o = self.under, self.over
        if u is None or o is None or not (u["gap"] > 0 > o["gap"]) or self.mismatch < 0.1:
            return "The budget broadly follows where customers contact us"
        return (f"{label(u['channel'])} is under-funded for the contacts it handles, "
                f"{in_text(o['channel'])} over-funded")

    def headline(self) -> str:
        """Where the money and the customers part ways, in one sentence."""
        tail = (f"{self.mismatch:.0%} of the service budget would have to move for every channel "
                f"to be funded in proportion to its contacts")
        u, o = self.under, self.over
        if u is None or o is None or not (u["gap"] > 0 > o["gap"]):
            return f"Budget and usage are close: {tail}." if self.mismatch < 0.1 else f"{tail[0].upper()}{tail[1:]}."
        return (f"{label(u['channel'])} handles {u['usage_share']:.0%} of the {self.contacts:,} "
                f"contacts on {u['investment_share']:.0%} of the service budget, while "
                f"the {in_text(o['channel'])} channel gets {o['investment_share']:.0%} of the budget for "
                f"{o['usage_share']:.0%} of contacts; {tail}.")

    def finding(self) -> str:
        """Budget against usage, then the channels customers use that are not offered."""
        return f"{self.headline()} {self.unoffered_headline()}"

    def shown(self) -> pd.DataFrame:
        """The per-channel table as the report shows it (shares 0-1, the gap in points)."""
        return pd.DataFrame({
            "Channel": self.table["label"], "Offered": self.table["offered"],
            "Contacts": self.table["contacts"], "Share of contacts": self.table["usage_share"],
            "Share of budget": self.table["investment_share"], "Gap (points)": 100 * self.table["gap"],
            "Never answered": self.table["unanswered_share"], "Resolved": self.table["resolved_share"]})

    def unoffered_headline(self) -> str:
        """What happens on the channels customers use that the client does not offer."""
        if self.unoffered.empty:
            return "Every contact arrived on a channel the company offers."
        top = self.unoffered.iloc[0]
        n = int(top["contacts"])
        answer = ("" if pd.isna(top["unanswered_share"]) else
                  f"; {top['unanswered_share']:.0%} of them were never answered and "
                  f"{top['resolved_share']:.0%} resolved")
        share = (f"{self.unoffered_share:.1%} of contacts (95% CI {self.unoffered_low:.1%}-"
                 f"{self.unoffered_high:.1%})")
        if len(self.unoffered) == 1:
            return (f"{share} arrive on {in_text(top['channel'])}, which is not offered: "
                    f"{n:,} contact{'s' if n != 1 else ''}{answer}.")
        return (f"{share} arrive on channels that are not offered "
                f"({join_labels(self.unoffered['channel'], 'and')}): {in_text(top['channel'])} "
                f"alone brought {n:,} contact{'s' if n != 1 else ''} ({top['usage_share']:.1%})"
                f"{answer}.")


def presence_gap(interactions: pd.DataFrame, channels: pd.DataFrame) -> PresenceResult:
    """Each channel's share of contacts against its share of the budget.

    Parameters
    ----------
    interactions : the interactions dataset (channel, first_response_minutes, resolved).
    channels : the channels dataset (channel, offered, investment_share, ...); investment shares
        are rescaled to sum to 1.

    Returns
    -------
    PresenceResult
        A channel used but missing from ``channels`` counts as not offered with no budget; an
        offered channel nobody used has 0 contacts. The unoffered share has a Wilson 95% interval.
    """
    offer = channel_table(channels)
    contacts = interactions.assign(channel=normalise(interactions["channel"]))
    contacts = contacts[contacts["channel"].notna()]
    n = len(contacts)
    grouped = contacts.groupby("channel")
    used = pd.DataFrame({
        "contacts": grouped.size(),
        # without first-response times nobody can tell which contacts went unanswered
        "unanswered_share": (grouped["first_response_minutes"].apply(lambda m: m.isna().mean())
                             if "first_response_minutes" in contacts else np.nan),
        "resolved_share": grouped["resolved"].apply(lambda r: r.astype(float).mean()),
    })
    names = list(dict.fromkeys([*used.index, *offer.index]))
    table = pd.DataFrame(index=pd.Index(names, name="channel"))
    table["contacts"] = used["contacts"].reindex(names).fillna(0).astype(int)
    table["offered"] = offer["offered"].reindex(names).fillna(False).astype(bool)
    table["usage_share"] = table["contacts"] / n if n else np.nan
    table["investment_share"] = offer["investment_share"].reindex(names).fillna(0.0)
    table["gap"] = table["usage_share"] - table["investment_share"]
    table["ratio"] = (table["usage_share"] / table["investment_share"]).where(
        table["investment_share"] > 0)
    table["unanswered_share"] = used["unanswered_share"].reindex(names)
    table["resolved_share"] = used["resolved_share"].reindex(names)
    table = table.reset_index()
    table["label"] = table["channel"].map(label)
    table = table[COLUMNS].sort_values(["contacts", "investment_share"], ascending=False,
                                       kind="stable").reset_index(drop=True)
    offered = table[table["offered"]]
    under = offered.loc[offered["gap"].idxmax()] if len(offered) else None
    over = offered.loc[offered["gap"].idxmin()] if len(offered) else None
    unoffered = table[~table["offered"] & (table["contacts"] > 0)].reset_index(drop=True)
    hits = int(unoffered["contacts"].sum())
    low, high = proportion_confint(hits, n, alpha=0.05, method="wilson") if n else (np.nan, np.nan)
    return PresenceResult(
        table=table, contacts=n, mismatch=float(table["gap"].abs().sum() / 2) if n else np.nan,
        under=under, over=over, unoffered=unoffered, unoffered_share=hits / n if n else np.nan,
        unoffered_low=float(low), unoffered_high=float(high))
