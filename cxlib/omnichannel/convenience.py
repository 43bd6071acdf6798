"""The convenience index: one 0-100 number per channel for "was it convenient to deal with us?".

It averages four parts, each a share from 0 to 1, with equal weight (:data:`FORMULA_TEXT`):

* answered in time: share of the channel's contacts first answered within its target
  (:mod:`cxlib.omnichannel.speed`; unanswered contacts count as missed);
* resolved: share of the channel's contacts that resolved the issue;
* easy: the channel's mean CES rescaled from 1-7 to 0-1, ``(CES - 1) / 6``;
* continuous: share of the switches *into* the channel where the customer did not have to repeat
  information.

A part without data for a channel (no survey answers about it, too few switches into it) is left
out and the index is the average of the others; ``parts`` says how many were used.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.omnichannel.channels import MIN_CASES, in_text, label, normalise
from cxlib.omnichannel.continuity import ContinuityResult
from cxlib.omnichannel.effort import EffortResult
from cxlib.omnichannel.speed import SpeedResult

PARTS = ("in_time", "resolved", "easy", "continuous")
# How the report writes the columns of ConvenienceResult.shown().
TABLE_FORMATS = {"Answered in time": "{:.0%}", "Resolved": "{:.0%}", "Easy (CES rescaled)": "{:.0%}",
                 "No repeating": "{:.0%}", "Index": "{:.0f}", "Contacts": "{:,.0f}"}
COLUMNS = ["channel", "label", "contacts", *PARTS, "parts", "index"]
FORMULA_TEXT = (
    "**Convenience index** (0-100) = 100 × the average of four shares, equally weighted: "
    "*answered in time* (contacts first answered within the channel's target; a channel without "
    "a target is held to one day, and a contact never answered counts as missed), *resolved* "
    "(contacts that resolved the issue), *easy* (the channel's mean customer effort score, "
    "rescaled from 1-7 to 0-1 as (CES − 1) / 6) and *continuous* (switches into the channel "
    "where the customer did not have to repeat information). A part without data for a channel "
    "is left out and the index averages the others."
)


@dataclass(frozen=True)
class ConvenienceResult:
    """Convenience index per channel, most convenient first (``table``: COLUMNS, parts 0-1); a
    channel with too few contacts has no index and comes last."""

    table: pd.DataFrame

    def _scored(self) -> pd.DataFrame:
        return self.table.dropna(subset=["index"])

    def shown(self) -> pd.DataFrame:
        """The index and its four parts as the report shows them (a dash: no data for that part)."""
        t = self._scored()
        return pd.DataFrame({"Channel": t["label"], "Contacts": t["contacts"], "Answered in time": t["in_time"],
                             "Resolved": t["resolved"], "Easy (CES rescaled)": t["easy"],
                             "No repeating": t["continuous"], "Index": t["index"]})

    def title(self) -> str:
        """An action title for the exhibit."""
        scored = self._scored()
        if len(scored) < 2:
            return "Convenience index by channel"
        best, worst = scored.iloc[0], scored.iloc[-1]
        return (f"{label(best['channel'])} is the most convenient channel, "
                f"{in_text(worst['channel'])} the least")

    def headline(self) -> str:
        """The most and least convenient channels and what holds the least convenient back."""
        scored = self._scored()
        if scored.empty:
            return "No channel has enough contacts to score."
        best, worst = scored.iloc[0], scored.iloc[-1]
        if len(scored) == 1:
            return (f"Only {in_text(best['channel'])} has enough contacts to be scored: an index of "
                    f"{best['index']:.0f} of 100.")
        parts = worst[list(PARTS)].astype(float).dropna()
        weakest = parts.idxmin()
        words = {"in_time": "answered in time", "resolved": "resolved",
                 "easy": "easy (CES rescaled)", "continuous": "free of repeating after a switch"}
        return (f"{label(best['channel'])} is the most convenient channel (index "
                f"{best['index']:.0f} of 100) and {in_text(worst['channel'])} the least "
                f"({worst['index']:.0f}), held back most by the share {words[weakest]}: "
                f"{parts[weakest]:.0%}.")


def convenience_index(interactions: pd.DataFrame, speed: SpeedResult | None = None,
                      effort: EffortResult | None = None,
                      continuity: ContinuityResult | None = None, *,
                      min_contacts: int = MIN_CASES) -> ConvenienceResult:
    """Score every channel with contacts on the four parts of convenience.

    Parameters
    ----------
    interactions : the interactions dataset (channel, resolved).
    speed : :func:`cxlib.omnichannel.speed.response_speed`, or None without first-response times.
    effort : :func:`cxlib.omnichannel.effort.effort_by_channel`, or None without a survey.
    continuity : :func:`cxlib.omnichannel.continuity.switch_continuity`, or None.
    min_contacts : a channel with fewer contacts gets no index (its shares would be noise).
    """
    contacts = interactions.assign(channel=normalise(interactions["channel"])).dropna(subset=["channel"])
    resolved = contacts.groupby("channel")["resolved"].apply(lambda r: r.astype(float).mean())
    if speed is not None and speed.unit == "contacts":  # tickets' speed is not the contact log's
        table = speed.table[["channel", "label", "contacts"]].copy()
        table["in_time"] = speed.table["in_time_share"].to_numpy(float)
    else:
        counts = contacts["channel"].value_counts()
        table = pd.DataFrame({"channel": counts.index, "label": [label(c) for c in counts.index],
                              "contacts": counts.to_numpy(int), "in_time": np.nan})
    table["resolved"] = table["channel"].map(resolved).astype(float)
    ease = (effort.table.set_index("channel")["mean"] if effort is not None
            else pd.Series(dtype=float))
    table["easy"] = (table["channel"].map(ease).astype(float) - 1) / 6
    smooth = (1 - continuity.by_channel.set_index("channel")["repeat_share"]
              if continuity is not None else pd.Series(dtype=float))
    table["continuous"] = table["channel"].map(smooth).astype(float)
    values = table[list(PARTS)].to_numpy(float)
    parts = np.isfinite(values).sum(axis=1)
    total = np.where(np.isfinite(values), values, 0.0).sum(axis=1)
    table["parts"] = parts
    table["index"] = 100 * total / np.where(parts > 0, parts, np.nan)
    table.loc[table["contacts"] < min_contacts, "index"] = np.nan
    table = table[COLUMNS].sort_values("index", ascending=False, kind="stable", na_position="last")
    return ConvenienceResult(table=table.reset_index(drop=True))
