"""What the sections of step 5 (empathy in messaging and support) need.

Step 5 reads what the company writes, not what customers answer: its minimums count pieces of copy
and support tickets, and two of them compare the two sides of a reading of the data (replies with
the full empathy pattern or without, answers within the hour or after eight hours) that no column
holds. :class:`CountedNeeds` says so in the client's words; everything else is
:class:`cxlib.sections.Needs`.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from cxlib.empathy.consistency import MIN_REPLIES
from cxlib.empathy.messaging import MIN_ASSETS
from cxlib.empathy.support import MIN_PER_SIDE, full_pattern, response_band
from cxlib.sections import Needs

_DATASETS = {"messages": "messages dataset (the marketing, website and app copy)",
             "tickets": "tickets dataset (support tickets with the agents' replies)"}
_EXPORTS = {"messages": "copy export", "tickets": "ticket export"}
_COLUMNS = {"channel": "the channel of each row", "text": "the text of each asset",
            "customer_text": "the customer's messages", "agent_reply": "the agents' replies",
            "agent_id": "the agent of each ticket", "csat": "ticket satisfaction (CSAT) ratings",
            "first_response_minutes": "first-response times"}


@dataclass(frozen=True)
class CountedNeeds(Needs):
    """A section's needs counted in the dataset's own rows (assets, tickets).

    Parameters (on top of :class:`cxlib.sections.Needs`)
    ----------
    counted : what the complete rows are called in a sentence ("rated tickets").
    groups : what the groups of ``group`` are called ("agents", "channels").
    split : a function of the complete rows giving the group each falls in, when the groups are a
        reading of the data (the full pattern of a reply) rather than a column of it.
    sides : for a split, ``(value, words)`` pairs naming each group in the shortfall sentence.
    """

    counted: str = "rows"
    groups: str = ""
    split: Callable[[pd.DataFrame], pd.Series] | None = None
    sides: tuple[tuple[object, str], ...] = ()

    def _verb(self) -> str:
        # step 5's sections are named in the singular ("The reading of support replies")
        return "needs"

    def rule(self) -> str:
        """The minimum as the method notes state it."""
        datasets = " and the ".join(_DATASETS.get(d, d).split(" (")[0] for d in self.datasets)
        text = f"{self.what}: the {datasets} with at least {self.min_rows:,} {self.counted}"
        if self.sides:
            text += f", at least {self.min_per_group:,} in each of {self.groups}"
        elif self.min_groups:
            text += f", {self.min_groups} {self.groups} of at least {self.min_per_group:,} each"
        return text + "."

    def shortfall(self, frames: Mapping[str, pd.DataFrame]) -> str | None:
        """None when the section may run; otherwise the one sentence saying why not."""
        verb = self._verb()
        for dataset in self.datasets:
            if frames.get(dataset) is None:
                return f"{self.what} {verb} the {_DATASETS.get(dataset, dataset)}, which was not provided."
        frame, export = frames[self.datasets[0]], _EXPORTS.get(self.datasets[0], self.datasets[0])
        for column in self.columns:
            if column not in frame.columns or frame[column].isna().all():
                return f"{self.what} {verb} {_COLUMNS.get(column, column)}; this {export} has none."
        complete = frame.dropna(subset=list(self.columns))
        if len(complete) < self.min_rows:
            return (f"{self.what} {verb} at least {self.min_rows:,} {self.counted}; this {export} has "
                    f"{len(complete):,}.")
        if not self.group:
            return None
        sizes = (self.split(complete) if self.split is not None else complete[self.group]).value_counts()
        enough = int((sizes >= self.min_per_group).sum())
        if enough >= self.min_groups:
            return None
        if self.sides:
            has = " and ".join(f"{int(sizes.get(value, 0)):,} {words}" for value, words in self.sides)
            return (f"{self.what} {verb} at least {self.min_per_group:,} {self.counted} in each of "
                    f"{self.groups}; this {export} has {has}.")
        return (f"{self.what} {verb} {self.min_groups} {self.groups} with at least {self.min_per_group:,} "
                f"{self.counted} each; this {export} has {enough}"
                + (f" of {len(sizes)}" if len(sizes) != enough else "") + ".")


def _full_pattern(tickets: pd.DataFrame) -> pd.Series:
    return full_pattern(tickets["agent_reply"])


def _band(tickets: pd.DataFrame) -> pd.Series:
    return response_band(tickets["first_response_minutes"])


# A share of the copy or of the replies is stated from 30 cases; a channel's copy is compared from
# MIN_ASSETS assets and a channel's reply tone from MIN_REPLIES replies (the analyses' own constants).
COPY_AUDIT = CountedNeeds("The copy audit", datasets=("messages",), columns=("channel", "text"), min_rows=30,
                          counted="assets", shows="how many assets put the company before the customer")
COPY_CHANNELS = CountedNeeds("The channel comparison of the copy", datasets=("messages",),
                             columns=("channel", "text"), min_rows=30, group="channel", min_groups=2,
                             min_per_group=MIN_ASSETS, counted="assets", groups="channels",
                             shows="which channel's copy puts the customer first")
REPLIES = CountedNeeds("The reading of support replies", datasets=("tickets",),
                       columns=("customer_text", "agent_reply"), min_rows=30, counted="tickets",
                       shows="how often replies acknowledge, apologise, own, reassure and mirror")
# A regression of CSAT on the full pattern and the wait: 10 rated tickets per predictor and 100
# overall; the full pattern is compared with the rest from 30 rated tickets on each side.
CSAT_LINK = CountedNeeds("The link between empathy and ticket satisfaction", datasets=("tickets",),
                         columns=("agent_reply", "csat", "first_response_minutes"), min_rows=100,
                         group="full pattern", split=_full_pattern, min_groups=2, min_per_group=MIN_PER_SIDE,
                         counted="rated tickets with a first-response time",
                         groups="the two sides (replies with the full pattern and without)",
                         sides=((True, "with the full pattern"), (False, "without")),
                         shows="ticket CSAT with and without the full pattern, at equal response time")
# Shrinkage estimates how much agents truly differ from the spread of their averages: fewer than
# three agents with 30 replies each leave that spread to chance.
AGENTS = CountedNeeds("The agent ranking", datasets=("tickets",), columns=("agent_id", "agent_reply"),
                      min_rows=90, group="agent_id", min_groups=3, min_per_group=30, counted="tickets",
                      groups="agents", shows="agents ranked by the empathy of their replies, shrunk to the team")
SPEED = CountedNeeds("The response-time analysis", datasets=("tickets",),
                     columns=("channel", "first_response_minutes"), min_rows=30, counted="answered tickets",
                     shows="the share of tickets answered within their channel's target, by channel")
WAIT_CSAT = CountedNeeds("The link between waiting and ticket satisfaction", datasets=("tickets",),
                         columns=("first_response_minutes", "csat"), min_rows=2 * MIN_PER_SIDE,
                         group="response band", split=_band, min_groups=2, min_per_group=MIN_PER_SIDE,
                         counted="rated tickets with a first-response time", groups="response-time bands",
                         shows="ticket CSAT by time to the first response")
VOICE = CountedNeeds("The tone comparison across channels", datasets=("tickets",),
                     columns=("channel", "agent_reply"), min_rows=2 * MIN_REPLIES, group="channel", min_groups=2,
                     min_per_group=MIN_REPLIES, counted="tickets", groups="channels",
                     shows="whether support sounds colder on one channel than on the others")

STEP_5: tuple[Needs, ...] = (COPY_AUDIT, COPY_CHANNELS, REPLIES, CSAT_LINK, AGENTS, SPEED, WAIT_CSAT, VOICE)

# Only the rules reach ``cxlib.sections`` (its star import), never this module's helpers.
__all__ = [name for name, value in dict(globals()).items() if isinstance(value, Needs)] + ["STEP_5"]
