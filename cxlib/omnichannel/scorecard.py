"""Step 4's verdict on omnichannel convenience: score, findings and recommendations.

The score rewards what the seed asks of a company that meets customers wherever and whenever they
are, 20 points each (:data:`SCORE_RULE_TEXT`): present on the customers' channels, funded where
customers are, fast against its own targets, continuous across channels and easy.
Recommendations are ordered by the points their part of the score loses, largest first.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from cxlib.engagement.steps import STEPS
from cxlib.omnichannel.channels import duration, in_text, join_labels, label
from cxlib.omnichannel.continuity import ContinuityResult
from cxlib.omnichannel.effort import EffortResult
from cxlib.omnichannel.preference import PreferenceResult
from cxlib.omnichannel.presence import PresenceResult
from cxlib.omnichannel.speed import SpeedResult
from cxlib.report.record import Assessment, Recommendation, StepResult, StepScore

STEP = next(s for s in STEPS if s.number == 4)
POINTS = 20
UNOFFERED_PENALTY = 1.0   # points per percentage point of contacts on channels not offered
MISMATCH_ZERO = 0.5       # a budget mismatch of half the budget or more earns nothing
SCORE_RULE = "present, funded where used, fast, continuous, easy: 20 points each"
SCORE_RULE_TEXT = (
    "**How the score is built.** Five qualities of omnichannel convenience earn up to 20 points "
    "each. *Present*: 20 points less 1 for every percentage point of contacts that arrive on "
    "channels the company does not offer. *Funded where used*: the budget mismatch (the share of "
    "the service budget that would have to move for every channel to be funded in proportion to "
    "its contacts) costs 20 points at 50% or more, proportionally below. *Fast*: the share of "
    "contacts answered within target, averaged over the channels that have a target. "
    "*Continuous*: the share of channel switches where the customer did not have to repeat "
    "information. *Easy*: the share of survey answers that found the company easy to deal with "
    "(CES 5-7 of 7). A part that cannot be assessed because its data is missing earns no points. "
    "Maturity: Mature from 75, Competent from 50, Novice from 25, below that Ignoring."
)


def omnichannel_score(*, presence: PresenceResult | None, speed: SpeedResult | None,
                      continuity: ContinuityResult | None, easy_share: float | None,
                      has_channels: bool) -> StepScore:
    """Score step 4 from 0 to 100: the five parts of the rule in :data:`SCORE_RULE_TEXT`.

    Parameters
    ----------
    presence, speed, continuity : the step's analyses, None when their data is missing.
    easy_share : share of CES answers 5-7 (0-1), None without CES answers.
    has_channels : whether the channels dataset (offer, budget, targets) was provided.
    """
    rows = []
    if presence is None or not has_channels or not presence.contacts:
        why = "no channels dataset" if not has_channels else "no interactions dataset"
        rows += [("Present", None, f"not assessed: {why}"),
                 ("Funded where used", None, f"not assessed: {why}")]
    else:
        unoffered = 100 * presence.unoffered_share
        where = (f" ({join_labels(presence.unoffered['channel'], 'and')})"
                 if len(presence.unoffered) else "")
        rows.append(("Present", max(0.0, POINTS - UNOFFERED_PENALTY * unoffered),
                     f"{unoffered:.1f}% of contacts on channels not offered{where}"))
        rows.append(("Funded where used",
                     POINTS * float(np.clip(1 - presence.mismatch / MISMATCH_ZERO, 0, 1)),
                     f"budget mismatch {presence.mismatch:.0%}"))
    if speed is None or not has_channels:
        rows.append(("Fast", None, "not assessed: " + ("no interactions dataset" if speed is None
                                                      else "no channels dataset with targets")))
    elif np.isnan(speed.mean_in_time):
        rows.append(("Fast", 0.0, "no channel has a response target"))
    else:
        judged = int(speed.table["target_set"].sum())
        rows.append(("Fast", POINTS * speed.mean_in_time,
                     f"{speed.mean_in_time:.0%} answered in time, average of {judged} channels"))
    if continuity is None or continuity.recorded == 0:
        rows.append(("Continuous", None, "not assessed: no switches with repeated information "
                                        "recorded" if continuity is not None
                     else "not assessed: no interactions dataset"))
    else:
        rows.append(("Continuous", POINTS * (1 - continuity.repeat_share),
                     f"information repeated in {continuity.repeat_share:.0%} of "
                     f"{continuity.recorded:,} switches"))
    if easy_share is None or np.isnan(easy_share):
        rows.append(("Easy", None, "not assessed: no CES answers"))
    else:
        rows.append(("Easy", POINTS * easy_share, f"{easy_share:.0%} of CES answers 5-7"))
    return StepScore.from_rows(rows, max_points=POINTS)


def score_components(*, presence: PresenceResult | None, speed: SpeedResult | None,
                     continuity: ContinuityResult | None, easy_share: float | None,
                     has_channels: bool) -> pd.DataFrame:
    """The components table of :func:`omnichannel_score` (same parameters)."""
    return omnichannel_score(presence=presence, speed=speed, continuity=continuity,
                             easy_share=easy_share, has_channels=has_channels).components


def at_a_glance(interactions: pd.DataFrame, *, presence: PresenceResult | None,
                speed: SpeedResult | None,
                continuity: ContinuityResult | None) -> list[tuple[str, str, str]]:
    """KPI tiles (label, value, note) for the top of the report; a part without data is left out."""
    tiles = [("Customer contacts", f"{len(interactions):,}",
              f"from {interactions['customer_id'].nunique():,} customers")]
    if presence is not None and presence.contacts:
        where = join_labels(presence.unoffered["channel"], "and") if len(presence.unoffered) else "none"
        tiles.append(("On channels not offered", f"{presence.unoffered_share:.1%}", where))
    if speed is not None and speed.worst is not None:
        w = speed.worst
        tiles.append((f"{label(w['channel'])} answered in time", f"{w['in_time_share']:.0%}",
                      f"slowest channel · target {duration(w['target_minutes'])}"))
    if continuity is not None and continuity.recorded:
        tiles.append(("Repeated after a switch", f"{continuity.repeat_share:.0%}",
                      f"of {continuity.recorded:,} channel switches"))
    return tiles


def _lost(components: pd.DataFrame, name: str) -> float:
    row = components.set_index("component").loc[name]
    return float(row["max_points"] - row["points"])


def assess(*, preference: PreferenceResult | None, presence: PresenceResult | None,
           speed: SpeedResult | None, continuity: ContinuityResult | None,
           effort: EffortResult | None, easy_share: float | None,
           has_channels: bool) -> Assessment:
    """Score step 4 and write its findings and recommendations.

    Parameters
    ----------
    preference : :func:`~cxlib.omnichannel.preference.channel_preference`, None without
        interactions or survey.
    presence : :func:`~cxlib.omnichannel.presence.presence_gap`, None without interactions or
        channels.
    speed : :func:`~cxlib.omnichannel.speed.response_speed`, None without interactions.
    continuity : :func:`~cxlib.omnichannel.continuity.switch_continuity`, None without
        interactions.
    effort : :func:`~cxlib.omnichannel.effort.effort_by_channel`, None without a survey.
    easy_share : share of CES answers 5-7 (0-1), None without CES answers.
    has_channels : whether the channels dataset was provided.
    """
    score = omnichannel_score(presence=presence, speed=speed, continuity=continuity,
                              easy_share=easy_share, has_channels=has_channels)
    components = score.components
    findings: list[str] = []
    recs: list[tuple[float, str, str, str, str]] = []  # points lost, action, why, impact, effort

    if preference is not None and preference.young_on_young is not None:
        findings.append(preference.headline())
        y, o = preference.young_on_young, preference.older_on_older
        young = preference.table.loc[preference.table["age_band"] == y.group, "generation"].iloc[0]
        recs.append((0.0, f"Design the front door per generation: {join_labels(y.channels, 'and')} "
                          f"first for {young}, {join_labels(o.channels, 'and')} kept for "
                          f"customers {o.group}",
                     f"{young} start {y.share:.0%} of their contacts on {join_labels(y.channels)}; "
                     f"customers {o.group} start {o.share:.0%} on {join_labels(o.channels)}.",
                     "Medium", "Medium"))
    elif preference is None:
        findings.append("Channel choice by age could not be read: it needs both the interactions "
                        "and the survey (age band) datasets.")

    if presence is not None and has_channels and presence.contacts:
        findings.append(presence.headline())
        u, o = presence.under, presence.over
        if u is not None and o is not None and u["gap"] > 0 > o["gap"]:
            move = min(u["gap"], -o["gap"])
            recs.append((_lost(components, "Funded where used"),
                         f"Move about {move:.0%} of the service budget from {in_text(o['channel'])} "
                         f"to {in_text(u['channel'])}",
                         f"{label(u['channel'])} carries {u['usage_share']:.0%} of contacts on "
                         f"{u['investment_share']:.0%} of the budget; {in_text(o['channel'])} "
                         f"{o['usage_share']:.0%} on {o['investment_share']:.0%}.", "High", "Medium"))
        if len(presence.unoffered):
            findings.append(presence.unoffered_headline())
            top = presence.unoffered.iloc[0]
            recs.append((_lost(components, "Present"),
                         f"Open {in_text(top['channel'])} as a supported channel, answered by "
                         f"the {in_text(u['channel']) if u is not None else 'chat'} team",
                         f"{int(top['contacts']):,} contacts ({top['usage_share']:.1%}) arrived "
                         f"there with nobody paid to answer"
                         + (f"; {top['unanswered_share']:.0%} were never answered."
                            if pd.notna(top["unanswered_share"]) else "."), "Medium", "Low"))
    else:
        findings.append("Presence and budget could not be compared with usage: it needs the "
                        "interactions and channels datasets.")
        recs.append((POINTS, "Write down the channel mix: which channels are offered, their "
                             "share of the service budget and their response targets",
                     "Without it nobody can tell whether the money follows the customers.",
                     "Medium", "Low"))

    if speed is not None and speed.worst is not None:
        findings.append(speed.headline())
        w = speed.worst
        recs.append((_lost(components, "Fast"),
                     f"Bring {in_text(w['channel'])} back within its {duration(w['target_minutes'])} "
                     "response target",
                     f"Only {w['in_time_share']:.0%} of {in_text(w['channel'])} contacts are "
                     f"answered in time; the median wait is {duration(w['median_minutes'])}.",
                     "Medium", "Low"))

    if continuity is not None and continuity.recorded:
        text = continuity.headline()
        if continuity.ces is not None:
            c = continuity.ces
            text = text[:-1] + (f"; these customers also rate effort {abs(c.diff):.1f} points "
                                f"{'lower' if c.diff < 0 else 'higher'} (CES, of 7)")
            if continuity.nps is not None:
                text += f" and give an NPS {abs(continuity.nps.diff):.0f} points " \
                        f"{'lower' if continuity.nps.diff < 0 else 'higher'}"
            text += "."
        findings.append(text)
        rep = continuity.resolution.set_index("group")
        recs.append((_lost(components, "Continuous"),
                     "Give every agent and channel the customer's open case and history, so "
                     "nobody has to repeat themselves after a switch",
                     f"Information is repeated in {continuity.repeat_share:.0%} of switches, and "
                     f"those contacts resolve {rep.loc['repeated', 'share']:.0%} of the time "
                     f"against {rep.loc['carried over', 'share']:.0%}.", "High", "High"))
    elif continuity is not None:
        findings.append(f"{continuity.switches:,} contacts followed a contact on another channel, "
                        "but whether the customer had to repeat information was not recorded.")
        recs.append((POINTS, "Record the previous channel and whether the customer had to repeat "
                             "information on every contact",
                     "Continuity across channels cannot be managed while it is not measured.",
                     "Medium", "Low"))

    if effort is None:
        findings.append("Effort by channel could not be read: no survey with CES was provided.")
    if len(findings) < 3 and effort is not None and not effort.table.empty:
        findings.append(effort.headline())
    while len(findings) < 3:
        findings.append("Interactions were not provided, so speed, presence and continuity across "
                        "channels could not be measured.")
    if len(recs) < 3:
        recs.append((POINTS, "Export every customer contact (channel, time, first response, "
                             "resolution, previous channel) once a month",
                     "Convenience can only be managed on the channels it is measured on.",
                     "High", "Medium"))
    if len(recs) < 3:
        recs.append((0.0, "Ask CES after every contact, on every channel",
                     "Effort is the one part of convenience only customers can rate, and asked "
                     "per contact it can be tied to the channel that caused it.",
                     "Medium", "Low"))
    recs.sort(key=lambda r: -r[0])  # stable: equal losses keep the order above
    recommendations = tuple(Recommendation(i, action, why, impact=impact, effort=effort_level)
                            for i, (_, action, why, impact, effort_level)
                            in enumerate(recs[:5], 1))
    step = StepResult(step=STEP.number, title=STEP.title, score=score.score,
                      findings=tuple(findings[:5]), recommendations=recommendations,
                      score_rule=SCORE_RULE)
    return Assessment(score, step)
