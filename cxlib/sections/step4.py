"""What the sections of step 4 (omnichannel presence and convenience) need.

Step 4 reads the contact log (``interactions``) and the channel list (``channels``), and several of
its sections also need a column of a second dataset (the age band of the survey) or a count only a
join or a filter gives (opening contacts per age band, channel switches, timed contacts on a channel
with a target). :class:`ChannelNeeds` adds those two checks to the shared rule and says every
shortfall in the step's own words ("previous-channel entries", "contacts", not column names).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from cxlib.omnichannel.channels import MIN_CASES, channel_table, normalise

AFTER_SWITCH_DAYS = 30  # cxlib.omnichannel.continuity.AFTER_SWITCH_DAYS, which imports cxlib.sections
from cxlib.sections import Needs

# Only these reach ``cxlib.sections``, where every step's names meet: each is step 4's own.
__all__ = ["CHANNEL_BUDGET", "CHANNEL_CHOICE", "CHANNEL_EFFORT", "CHANNEL_SPEED", "CONTACT_OVERVIEW",
           "CONVENIENCE_INDEX", "EASE_SHARE", "STEP_4", "SWITCH_CONTINUITY", "SWITCH_SCORES", "ChannelNeeds"]

# How this step's datasets and columns read in a sentence (the shared rule spells their file names).
NOUNS = {"interactions": "contact log", "channels": "channel list"}
WORDS = {"previous_channel": "previous-channel", "repeated_info": "repeated-information",
         "first_response_minutes": "first-response time", "target_response_minutes": "response-target",
         "age_band": "age band", "customer_id": "customer id", "channel": "channel", "ces": "effort (CES)",
         "nps": "likelihood-to-recommend (NPS)", "offered": "offered-or-not", "started_at": "contact-time",
         "responded_at": "answer-date",
         "investment_share": "budget-share"}


@dataclass(frozen=True)
class ChannelNeeds(Needs):
    """A step-4 section's needs: :class:`~cxlib.sections.Needs`, plus columns of its other datasets
    and a count the rows alone do not give.

    Parameters
    ----------
    also : ``(dataset, columns)`` pairs: columns of a later dataset that must have answers.
    check : a function of the frames giving the end of a shortfall sentence ("...; this contact log
        has 12.") or None when the count is met; run after every other need is met.
    check_rule : that count as the method notes state it ("30 channel switches with repeated
        information recorded").
    """

    also: tuple[tuple[str, tuple[str, ...]], ...] = ()
    check: Callable[[Mapping[str, pd.DataFrame]], str | None] | None = None
    check_rule: str = ""

    def _verb(self) -> str:
        return "needs"  # every section of this step is named in the singular ("The channel-switch analysis")

    def rule(self) -> str:
        """The minimum as the method notes state it, in the step's words."""
        datasets = " and ".join(f"the {_noun(d)}" for d in self.datasets)
        parts = []
        if self.min_rows > 1:
            parts.append(f"at least {self.min_rows} {_unit(self.datasets[0])}")
        if self.min_groups:
            parts.append(f"{self.min_groups} {WORDS.get(self.group, self.group)} groups of at least "
                         f"{self.min_per_group} answers each")
        named = [WORDS.get(c, c) for c in self.columns if c != self.group]
        if named and not self.min_rows > 1:
            parts.append(f"{' and '.join(named)} answers")
        parts += [f"{' and '.join(WORDS.get(c, c) for c in cols)} answers in the {_noun(d)}" for d, cols in self.also]
        parts += [self.check_rule] if self.check_rule else []
        return f"{self.what}: {datasets}" + (f", with {'; '.join(parts)}" if parts else "") + "."

    def shortfall(self, frames: Mapping[str, pd.DataFrame]) -> str | None:
        """None when the section may run; otherwise the one sentence saying why not."""
        reason = super().shortfall(frames)
        if reason is not None:
            return _in_words(reason)
        for dataset, columns in self.also:
            frame = frames[dataset]
            for column in columns:
                if column not in frame.columns or frame[column].isna().all():
                    return (f"{self.what} {self._verb()} {WORDS.get(column, column)} answers in the "
                            f"{_noun(dataset)}; it has none.")
        if self.check is not None:
            tail = self.check(frames)
            if tail is not None:
                return f"{self.what} {self._verb()} {tail}"
        return None


def _noun(dataset: str) -> str:
    return NOUNS.get(dataset, dataset)


def _unit(dataset: str) -> str:
    return {"interactions": "contacts", "channels": "channels", "tickets": "tickets"}.get(dataset, "answers")


def _in_words(sentence: str) -> str:
    """The shared rule's sentence with this step's datasets and columns named as a reader knows them
    (a no-op where the shared rule already does)."""
    for column, word in WORDS.items():
        sentence = sentence.replace(f" {column} answers", f" {word} answers")
    for dataset, noun in NOUNS.items():
        sentence = (sentence.replace(f"the {dataset},", f"the {noun},").replace(f"the {dataset}.", f"the {noun}.")
                    .replace(f"the {dataset} ", f"the {noun} ").replace(f", {dataset}", f", {noun}")
                    .replace(f"this {dataset} ", f"this {noun} "))
        if f"this {noun} has" in sentence:  # a log or a list has entries, not answers
            sentence = sentence.replace(" complete answers", f" {_unit(dataset)}").replace(" answers;", " entries;")
    return sentence


# --- the counts a join or filter gives ------------------------------------------------------------
# The analyses are imported inside each count: they import cxlib.metrics, which imports cxlib.sections,
# which is still importing this module.
def _age_bands(frames: Mapping[str, pd.DataFrame]) -> str | None:
    from cxlib.omnichannel.preference import opening_contacts_by_band

    sizes = opening_contacts_by_band(frames["interactions"], frames["survey"])["age_band"].value_counts()
    enough = int((sizes >= MIN_CASES).sum())
    if enough >= 2:
        return None
    return (f"at least 2 age bands with {MIN_CASES} or more opening contacts from customers who gave their "
            f"age; the contact log and survey give {enough}" + (f" of {len(sizes)}" if len(sizes) != enough else "")
            + ".")


def _recorded_switches(frames: Mapping[str, pd.DataFrame]) -> str | None:
    from cxlib.omnichannel.continuity import switches

    moved = switches(frames["interactions"])
    recorded = int(moved["repeated_info"].notna().sum())
    if recorded >= MIN_CASES:
        return None
    return (f"at least {MIN_CASES} channel switches with repeated information recorded; this contact log has "
            f"{recorded:,}" + (f" of {len(moved):,} switches" if len(moved) != recorded else "") + ".")


def _scored_switchers(frames: Mapping[str, pd.DataFrame]) -> str | None:
    from cxlib.omnichannel.continuity import AFTER_SWITCH_DAYS, answers_after_switch

    answers = answers_after_switch(frames["interactions"], frames["survey"])
    sizes = [int(answers[m].notna().groupby(answers["repeated"]).sum().reindex([True, False]).fillna(0).min())
             for m in ("ces", "nps") if answers[m].notna().any()]
    best = max(sizes, default=0)
    if best >= MIN_CASES:
        return None
    return (f"survey answers given within {AFTER_SWITCH_DAYS} days after a switch (earlier ones cannot reflect it) "
            f"from at least {MIN_CASES} customers who had to repeat information and {MIN_CASES} who did not; "
            f"the smaller group has {best}.")


def _timed_channel(frames: Mapping[str, pd.DataFrame]) -> str | None:
    from cxlib.omnichannel.speed import timed_contacts

    contacts, unit = timed_contacts(frames.get("interactions"), frames.get("tickets"))
    if contacts is None:
        return ("first-response times from the contact log or the support tickets; neither was provided "
                "with them.")
    targets = channel_table(frames["channels"])["target_minutes"].dropna()
    timed = normalise(contacts["channel"]).value_counts().reindex(targets.index).fillna(0)
    if (timed >= MIN_CASES).any():
        return None
    return (f"a channel with a response target and at least {MIN_CASES} {unit}; the busiest such channel has "
            f"{int(timed.max()) if len(timed) else 0}.")


def _judged_channel(frames: Mapping[str, pd.DataFrame]) -> str | None:
    sizes = normalise(frames["interactions"]["channel"]).value_counts()
    if (sizes >= MIN_CASES).any():
        return None
    return (f"at least one channel with {MIN_CASES} contacts or more; the busiest channel of this contact log "
            f"has {int(sizes.max()) if len(sizes) else 0}.")


# --- the sections ---------------------------------------------------------------------------------
CONTACT_OVERVIEW = ChannelNeeds("The contact overview", datasets=("interactions",), columns=("channel",),
                        min_rows=MIN_CASES, shows="contacts, customers and the headline shares")
CHANNEL_CHOICE = ChannelNeeds("Channel choice by age", datasets=("interactions", "survey"),
                          columns=("customer_id", "channel"), min_rows=MIN_CASES,
                          also=(("survey", ("customer_id", "age_band")),), check=_age_bands,
                          check_rule=f"2 age bands of at least {MIN_CASES} opening contacts each",
                          shows="which channels each age band opens its contacts on")
CHANNEL_BUDGET = ChannelNeeds("The comparison of usage and budget", datasets=("interactions", "channels"),
                        columns=("channel",), min_rows=MIN_CASES,
                        also=(("channels", ("offered", "investment_share")),),
                        shows="each channel's share of contacts against its share of the budget")
CHANNEL_SPEED = ChannelNeeds("The response-time comparison", datasets=("channels",),
                             columns=("target_response_minutes",), check=_timed_channel,
                             check_rule=f"a channel with a target and {MIN_CASES} timed contacts or more, from the "
                                        "contact log or else the support tickets",
                             shows="first response per channel against its target")
SWITCH_CONTINUITY = ChannelNeeds("The channel-switch analysis", datasets=("interactions",),
                          columns=("previous_channel", "repeated_info"), check=_recorded_switches,
                          check_rule=f"{MIN_CASES} channel switches with repeated information recorded; "
                                     f"resolution is compared when both groups have {MIN_CASES} contacts",
                          shows="how often customers repeat information after a switch, and what it costs")
SWITCH_SCORES = ChannelNeeds("The score comparison of customers who switched",
                             datasets=("interactions", "survey"),
                             columns=("previous_channel", "repeated_info", "started_at"),
                             also=(("survey", ("customer_id", "responded_at")),), check=_scored_switchers,
                             check_rule=f"survey answers given within {AFTER_SWITCH_DAYS} days after a switch from "
                                        f"{MIN_CASES} customers who repeated information and {MIN_CASES} who did not",
                             shows="CES and NPS of customers who had to repeat themselves against the rest")
CHANNEL_EFFORT = ChannelNeeds("Effort by channel", columns=("ces", "channel"), group="channel", min_groups=2,
                      min_per_group=MIN_CASES, shows="mean CES per channel of the rated contact")
EASE_SHARE = ChannelNeeds("The ease score", columns=("ces",), min_rows=MIN_CASES,
                    shows="the share of answers that found the company easy to deal with")
CONVENIENCE_INDEX = ChannelNeeds("The convenience index", datasets=("interactions",), columns=("channel",),
                           min_rows=MIN_CASES, check=_judged_channel,
                           check_rule=f"a channel is scored on {MIN_CASES} contacts or more",
                           shows="one convenience number per channel")

STEP_4 = (CONTACT_OVERVIEW, CHANNEL_CHOICE, CHANNEL_BUDGET, CHANNEL_SPEED, SWITCH_CONTINUITY, SWITCH_SCORES,
          CHANNEL_EFFORT, EASE_SHARE, CONVENIENCE_INDEX)
