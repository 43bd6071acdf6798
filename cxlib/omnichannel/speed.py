"""Speed: how fast each channel first answers, against the target the client set for it.

A contact is *answered in time* when its first response came within the channel's
``target_response_minutes``. A contact never answered (no first response) counts as missed: the
customer waited longer than any target. The median is taken over answered contacts only, and the
share never answered is reported beside it. Channels without a target are held to
:data:`DEFAULT_TARGET_MINUTES` (a working day) so that every channel a customer uses gets a speed.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from cxlib.report.verdict import Figure, Finding
from cxlib.omnichannel.channels import (
    MIN_CASES,
    channel_table,
    in_text,
    label,
    normalise,
)
from cxlib.wording import duration

DEFAULT_TARGET_MINUTES = 1440.0  # a channel without a target should still answer within a day
MISSING_BADLY = 0.5              # fewer than half the contacts answered in time
# How the report writes the columns of SpeedResult.shown().
TABLE_FORMATS = {"Answered in time": "{:.0%}", "Never answered": "{:.0%}", "Contacts": "{:,.0f}",
                 "Tickets": "{:,.0f}"}
COLUMNS = ["channel", "label", "contacts", "answered", "unanswered_share", "median_minutes",
           "target_minutes", "target_set", "in_time", "in_time_share", "low", "high",
           "median_over_target"]  # and "judged": a client target and enough contacts


@dataclass(frozen=True)
class SpeedResult:
    """First-response speed per channel against its target.

    ``table`` has one row per channel (COLUMNS), in the order of the channels dataset then by
    contacts: ``in_time_share`` (0-1) with a Wilson 95% interval ``low``-``high``,
    ``median_minutes`` over answered contacts, ``target_set`` False where the default target was
    used. ``worst`` is the channel with a client target answering the smallest share in time;
    ``mean_in_time`` the average of ``in_time_share`` over channels with a client target, each
    channel counting once.
    """

    table: pd.DataFrame
    worst: pd.Series | None
    mean_in_time: float
    unit: str = "contacts"  # what was answered: "contacts" (the contact log) or "tickets"

    def title(self) -> str:
        """An action title for the exhibit: the channel that misses its target."""
        w = self.worst
        if w is None:
            return "First response by channel"
        if w["in_time_share"] < MISSING_BADLY:
            return (f"{label(w['channel'])} answers only {w['in_time_share']:.0%} of {self.unit} "
                    f"within its {duration(w['target_minutes'])} target")
        return f"Every channel with a target answers at least half its {self.unit} in time"

    def headline(self) -> str:
        """The slowest channel against its target, and how the others do."""
        if self.worst is None:
            if self.table["target_set"].any():
                return (f"No channel with a response target has enough {self.unit} to be judged against it; "
                        "the table lists each channel's first response.")
            return "No channel has a response target, so speed could not be judged against one."
        w = self.worst
        others = self.table[self.table["target_set"] & (self.table["channel"] != w["channel"])]
        verdict = "misses its response target badly" if w["in_time_share"] < MISSING_BADLY \
            else "is the slowest against its target"
        others = others[others["judged"]]
        low, high = (f"{others['in_time_share'].min():.0%}", f"{others['in_time_share'].max():.0%}") \
            if len(others) else ("", "")
        rest = ("" if others.empty else
                f"; {in_text(others['channel'].iloc[0])}, the other channel with a target, reaches {low}"
                if len(others) == 1 else
                f"; the other channels with a target reach {low}" if low == high else
                f"; the other channels with a target reach {low} to {high}")
        only = "only " if w["in_time_share"] < MISSING_BADLY else ""
        return (f"{label(w['channel'])} {verdict}: {only}{w['in_time_share']:.0%} of {int(w['contacts']):,} "
                f"{self.unit} are answered within its {duration(w['target_minutes'])} target, at a median of "
                f"{duration(w['median_minutes'])}{rest}.")

    @property
    def source(self) -> str:
        """The dataset the times are read from, as a reader knows it."""
        return "support tickets" if self.unit == "tickets" else "contact log"

    def others(self) -> pd.DataFrame:
        """The judged channels with a target other than the slowest."""
        t = self.table
        return t[t["judged"] & (t["channel"] != self.worst["channel"])]

    def finding(self) -> Finding:
        """:meth:`headline` with its figures: the target (from the channel list), the median first
        response and the share in time, each named with the dataset and the count it rests on."""
        w = self.worst
        name = in_text(w["channel"])
        figures = [Figure(f"first-response target, {name}", w["target_minutes"] / 60, "hours", "channel list"),
                   Figure(f"first response, {name} (median)", w["median_minutes"] / 60, "hours",
                          f"{self.source}, {name} {self.unit} answered (n = {int(w['answered']):,})"),
                   Figure(f"answered within target, {name}", 100 * w["in_time_share"], "%",
                          f"{self.source}, {name} (n = {int(w['contacts']):,})", 100 * w["low"], 100 * w["high"])]
        others = self.others()
        for _, row in others.loc[[others["in_time_share"].idxmin(), others["in_time_share"].idxmax()]
                                 ].drop_duplicates("channel").iterrows() if len(others) else ():
            figures.append(Figure(f"answered within target, {in_text(row['channel'])}", 100 * row["in_time_share"],
                                  "%", f"{self.source}, {in_text(row['channel'])} (n = {int(row['contacts']):,})",
                                  100 * row["low"], 100 * row["high"]))
        return Finding(self.headline(), tuple(figures), "cxlib.omnichannel.speed.speed_against_targets", "speed")

    def shown(self) -> pd.DataFrame:
        """The per-channel table as the report shows it: durations in words (the 95% range of the share
        answered in time is the chart's error bar)."""
        t = self.table
        return pd.DataFrame({
            "Channel": t["label"], self.unit.capitalize(): t["contacts"],
            "Median first response": [duration(m) for m in t["median_minutes"]],
            "Target": [duration(m) + ("" if s else " (default)") for m, s in zip(t["target_minutes"], t["target_set"])],
            "Answered in time": t["in_time_share"],
            "Never answered": t["unanswered_share"]})


def timed_contacts(interactions: pd.DataFrame | None = None,
                   tickets: pd.DataFrame | None = None) -> tuple[pd.DataFrame | None, str]:
    """The contacts whose first response was timed, and what they are ("contacts" or "tickets").

    The contact log comes first; the support tickets stand in when it is missing or records no
    first response, so that speed is read from whichever export times it.
    """
    for frame, unit in ((interactions, "contacts"), (tickets, "tickets")):
        if frame is not None and "first_response_minutes" in frame and frame["first_response_minutes"].notna().any():
            return frame, unit
    return None, "contacts"


def speed_against_targets(channels: pd.DataFrame, *, interactions: pd.DataFrame | None = None,
                          tickets: pd.DataFrame | None = None, min_contacts: int = MIN_CASES) -> SpeedResult:
    """First response per channel against the client's targets, from the contact log or the tickets.

    Parameters
    ----------
    channels : the channels dataset (channel, target_response_minutes).
    interactions, tickets : the contact log and the support tickets (channel,
        first_response_minutes); see :func:`timed_contacts` for which is read.
    min_contacts : a channel with fewer contacts is listed but not judged.
    """
    contacts, unit = timed_contacts(interactions, tickets)
    result = response_speed(contacts, channels, min_contacts=min_contacts)
    return replace(result, unit=unit)


def response_speed(interactions: pd.DataFrame, channels: pd.DataFrame | None = None, *,
                   min_contacts: int = MIN_CASES) -> SpeedResult:
    """Median first response and share answered within target, per channel.

    Parameters
    ----------
    interactions : the interactions dataset (channel, first_response_minutes).
    channels : the channels dataset (channel, target_response_minutes); None holds every
        channel to the default target.
    min_contacts : a channel with fewer contacts is listed but not judged (no worst, no average).

    Returns
    -------
    SpeedResult
        Only channels with contacts are listed.
    """
    contacts = interactions.assign(channel=normalise(interactions["channel"]))
    contacts = contacts[contacts["channel"].notna()]
    targets = (channel_table(channels)["target_minutes"] if channels is not None
               else pd.Series(dtype=float))
    present = set(contacts["channel"])
    order = [c for c in targets.index if c in present]
    order += list(contacts["channel"].value_counts().index.difference(order, sort=False))
    # one pass splits the contacts by channel (rather than one scan of the log per channel)
    by_channel = dict(list(contacts.groupby("channel", sort=False)["first_response_minutes"]))
    rows = []
    for channel in order:
        minutes = pd.to_numeric(by_channel[channel], errors="coerce")
        target = targets.get(channel, np.nan)
        target_set = bool(pd.notna(target))
        target = float(target) if target_set else DEFAULT_TARGET_MINUTES
        n, answered = len(minutes), int(minutes.notna().sum())
        in_time = int((minutes <= target).sum())
        low, high = proportion_confint(in_time, n, alpha=0.05, method="wilson")
        median = float(minutes.median()) if answered else np.nan
        rows.append((channel, label(channel), n, answered, 1 - answered / n, median, target,
                     target_set, in_time, in_time / n, float(low), float(high),
                     median / target if target > 0 else np.nan))
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["judged"] = table["target_set"] & (table["contacts"] >= min_contacts)
    judged = table[table["judged"]]
    worst = judged.loc[judged["in_time_share"].idxmin()] if len(judged) else None
    mean = float(judged["in_time_share"].mean()) if len(judged) else np.nan
    return SpeedResult(table=table, worst=worst, mean_in_time=mean)
