"""Presence: are we on the channels our customers use, and does the money follow them?

Each channel's share of customer contacts is set against its share of the service budget
(``channels.investment_share``). The *budget mismatch* is the share of the budget that would move
if every channel were funded in proportion to its contacts: half the sum of the absolute
differences of the two shares. That proportion is an assumption, not a rule: a store visit or a
phone call costs more to serve than a chat, so the mismatch says where to look, not how much to move.

Channels that appear in the interactions but are not offered (``offered`` false, or absent from
the channels dataset) are doors customers knock on that nobody is paid to open.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from cxlib.report.verdict import Figure, Finding
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
        """An action title for the exhibit: the channels where contacts and budget part most."""
        u, o = self.under, self.over
        if u is None or o is None or not (u["gap"] > 0 > o["gap"]) or self.mismatch < 0.1:
            return "The budget broadly follows where customers contact us"
        return (f"{label(u['channel'])} handles {u['usage_share']:.0%} of contacts on {u['investment_share']:.0%} "
                f"of the budget; {in_text(o['channel'])} {o['usage_share']:.0%} on {o['investment_share']:.0%}")

    def headline(self) -> str:
        """Where the money and the customers part ways, in one sentence."""
        u, o = self.under, self.over
        if u is None or o is None or not (u["gap"] > 0 > o["gap"]):
            return (f"Budget and usage are close: {self.mismatch_clause()}." if self.mismatch < 0.1
                    else f"{self.mismatch_clause()[:1].upper()}{self.mismatch_clause()[1:]}.")
        return (f"{label(u['channel'])} handles {u['usage_share']:.0%} of the {self.contacts:,} "
                f"contacts on {u['investment_share']:.0%} of the service budget; the {in_text(o['channel'])} "
                f"channel gets {o['investment_share']:.0%} of the budget for {o['usage_share']:.0%} of contacts.")

    def mismatch_clause(self) -> str:
        """The budget mismatch, said as the assumption it rests on (budget following contacts)."""
        return f"if the budget followed contacts, {self.mismatch:.0%} of it would move between channels"

    def finding(self) -> str:
        """Budget against usage, the mismatch and the channels customers use that are not offered (the
        section's key finding in the body)."""
        text = self.headline()
        u, o = self.under, self.over
        if u is not None and o is not None and u["gap"] > 0 > o["gap"]:
            text += f" {self.mismatch_clause()[:1].upper()}{self.mismatch_clause()[1:]}."
        return f"{text} {self.unoffered_headline()}"

    def shown(self) -> pd.DataFrame:
        """The per-channel table as the report shows it (shares 0-1, the gap in points)."""
        return pd.DataFrame({
            "Channel": self.table["label"], "Offered": self.table["offered"],
            "Contacts": self.table["contacts"], "Share of contacts": self.table["usage_share"],
            "Share of budget": self.table["investment_share"], "Gap (points)": 100 * self.table["gap"],
            "Never answered": self.table["unanswered_share"], "Resolved": self.table["resolved_share"]})

    @property
    def budgeted_unoffered(self) -> pd.DataFrame:
        """Channels the channel list gives a share of the budget but marks as not offered."""
        return self.table[~self.table["offered"] & (self.table["investment_share"] > 0)]

    def budgeted_clause(self) -> str:
        """'Social media holds 2% of the service budget, yet the channel list marks it not offered', or ""
        when no unoffered channel is budgeted."""
        rows = self.budgeted_unoffered
        if rows.empty:
            return ""
        names = join_labels(rows["channel"], "and")
        shares = join_labels([f"{s:.0%}" for s in rows["investment_share"]], "and") if len(rows) > 1 \
            else f"{rows['investment_share'].iloc[0]:.0%}"
        names = names[:1].upper() + names[1:]
        return (f"{names} {'holds' if len(rows) == 1 else 'hold'} {shares} of the service budget, yet the channel "
                f"list marks {'it' if len(rows) == 1 else 'them'} not offered")

    def budget_finding(self) -> Finding:
        """:meth:`headline` with its figures."""
        log, plan = f"contact log (n = {self.contacts:,})", "channel list"
        figures = [Figure("service budget that would have to move to follow contacts", 100 * self.mismatch, "%",
                          f"channel list and {log}")]
        u, o = self.under, self.over
        if u is not None and o is not None and u["gap"] > 0 > o["gap"]:
            for row in (u, o):
                name = in_text(row["channel"])
                figures += [Figure(f"share of contacts, {name}", 100 * row["usage_share"], "%", log),
                            Figure(f"share of the service budget, {name}", 100 * row["investment_share"], "%", plan)]
        return Finding(self.headline(), tuple(figures), "cxlib.omnichannel.presence.presence_gap", "channels")

    def unoffered_finding(self) -> Finding:
        """:meth:`unoffered_headline` with its figures."""
        log = f"contact log (n = {self.contacts:,})"
        figures = [Figure("contacts on channels not offered", 100 * self.unoffered_share, "%", log,
                          100 * self.unoffered_low, 100 * self.unoffered_high)]
        if len(self.unoffered):
            top = self.unoffered.iloc[0]
            name, n = in_text(top["channel"]), int(top["contacts"])
            figures += [Figure(f"contacts on {name}", n, "contacts", log)]
            if pd.notna(top["unanswered_share"]):
                figures.append(Figure(f"never answered, {name}", 100 * top["unanswered_share"], "%",
                                      f"contact log, {name} (n = {n:,})"))
        for _, row in self.budgeted_unoffered.iterrows():
            figures.append(Figure(f"share of the service budget, {in_text(row['channel'])}",
                                  100 * row["investment_share"], "%", "channel list"))
        theme = "social" if "social" in set(self.unoffered["channel"]) else "channels"
        return Finding(self.unoffered_headline(), tuple(figures), "cxlib.omnichannel.presence.presence_gap", theme)

    def unoffered_headline(self) -> str:
        """What happens on the channels customers use that the client does not offer, and which of
        them the channel list nevertheless budgets for."""
        budgeted = self.budgeted_clause()
        if self.unoffered.empty:
            return ("Every contact arrived on a channel the company offers"
                    + (f"; {budgeted[:1].lower() + budgeted[1:]}." if budgeted else "."))
        top = self.unoffered.iloc[0]
        n = int(top["contacts"])
        if len(self.unoffered) == 1:
            text = (f"{self.unoffered_share:.1%} of contacts arrive on {in_text(top['channel'])}, which is not "
                    f"offered: {n:,} contact{'s' if n != 1 else ''}")
            answer = ("" if pd.isna(top["unanswered_share"]) else
                      f"; {top['unanswered_share']:.0%} of them were never answered")
        else:
            text = (f"{self.unoffered_share:.1%} of contacts arrive on "
                    f"{join_labels(self.unoffered['channel'], 'and')}, which are not offered")
            answer = ("" if pd.isna(top["unanswered_share"]) else
                      f"; {top['unanswered_share']:.0%} of {in_text(top['channel'])}'s {n:,} were never answered")
        return f"{text}{answer}." + (f" {budgeted}." if budgeted else "")

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
