"""Speed: how fast each channel first answers, against the target the client set for it.

A contact is *answered in time* when its first response came within the channel's
``target_response_minutes``. A contact never answered (no first response) counts as missed: the
customer waited longer than any target. The median is taken over answered contacts only, and the
share never answered is reported beside it. Channels without a target are held to
:data:`DEFAULT_TARGET_MINUTES` (a working day) so that every channel a customer uses gets a speed.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from cxlib.omnichannel.channels import channel_table, duration, label, normalise

DEFAULT_TARGET_MINUTES = 1440.0  # a channel without a target should still answer within a day
MISSING_BADLY = 0.5              # fewer than half the contacts answered in time
COLUMNS = ["channel", "label", "contacts", "answered", "unanswered_share", "median_minutes",
           "target_minutes", "target_set", "in_time", "in_time_share", "low", "high",
           "median_over_target"]


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

    def title(self) -> str:
        """An action title for the exhibit: the channel that misses its target."""
        w = self.worst
        if w is None:
            return "First response by channel"
        if w["in_time_share"] < MISSING_BADLY:
            return (f"{label(w['channel'])} answers only {w['in_time_share']:.0%} of contacts "
                    f"within its {duration(w['target_minutes'])} target")
        return "Every channel with a target answers at least half its contacts in time"

    def headline(self) -> str:
        """The slowest channel against its target, and how the others do."""
        if self.worst is None:
            return "No channel has a response target, so speed could not be judged against one."
        w = self.worst
        others = self.table[self.table["target_set"] & (self.table["channel"] != w["channel"])]
        verdict = "misses its response target badly" if w["in_time_share"] < MISSING_BADLY \
            else "is the slowest against its target"
        rest = ("" if others.empty else
                f"; the other channels with a target answer {others['in_time_share'].min():.0%} to "
                f"{others['in_time_share'].max():.0%} in time")
        return (f"{label(w['channel'])} {verdict}: the target is {duration(w['target_minutes'])} "
                f"but the median first response is {duration(w['median_minutes'])}, and only "
                f"{w['in_time_share']:.0%} of {int(w['contacts']):,} contacts are answered in time "
                f"(95% CI {w['low']:.0%}-{w['high']:.0%}){rest}.")


def response_speed(interactions: pd.DataFrame, channels: pd.DataFrame | None = None) -> SpeedResult:
    """Median first response and share answered within target, per channel.

    Parameters
    ----------
    interactions : the interactions dataset (channel, first_response_minutes).
    channels : the channels dataset (channel, target_response_minutes); None holds every
        channel to the default target.

    Returns
    -------
    SpeedResult
        Only channels with contacts are listed.
    """
    contacts = interactions.assign(channel=normalise(interactions["channel"]))
    contacts = contacts[contacts["channel"].notna()]
    targets = (channel_table(channels)["target_minutes"] if channels is not None
               else pd.Series(dtype=float))
    order = [c for c in targets.index if c in set(contacts["channel"])]
    order += list(contacts["channel"].value_counts().index.difference(order, sort=False))
    rows = []
    for channel in order:
        minutes = pd.to_numeric(contacts.loc[contacts["channel"] == channel,
                                             "first_response_minutes"], errors="coerce")
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
    judged = table[table["target_set"]]
    worst = judged.loc[judged["in_time_share"].idxmin()] if len(judged) else None
    mean = float(judged["in_time_share"].mean()) if len(judged) else np.nan
    return SpeedResult(table=table, worst=worst, mean_in_time=mean)
