"""Step 4's verdict on omnichannel convenience: score, findings and recommendations.

The score rewards what the seed asks of a company that meets customers wherever and whenever they
are, 20 points each (:data:`SCORE_RULE_TEXT`): present on the customers' channels, funded where
customers are, fast against its own targets, continuous across channels and easy.
Recommendations are ordered by the points their part of the score loses, largest first.

:func:`assess` takes the step's sections (:class:`cxlib.sections.Section`, or their results): a part
whose section could not run is not assessed, and the score covers only the parts that ran.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from cxlib.engagement.steps import STEPS
from cxlib.metrics.satisfaction import CesResult
from cxlib.omnichannel.channels import duration, in_text, join_labels, label
from cxlib.report.record import Assessment, Recommendation, StepResult, StepScore
from cxlib.sections import Section

STEP = next(s for s in STEPS if s.number == 4)
POINTS = 20
UNOFFERED_PENALTY = 1.0   # points per percentage point of contacts on channels not offered
MISMATCH_ZERO = 0.5       # a budget mismatch of half the budget or more earns nothing
# How the report writes the score components table.
COMPONENT_FORMATS = {"points": "{:.1f}", "max_points": "{:.0f}"}
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
    "(CES 5-7 of 7). A part whose data is missing or too thin is not assessed: the score is then the "
    "assessed parts' points as a share of their maximum, on the same 0-100 scale, and the table says "
    "which parts. With no part assessed the step is not scored. "
    "Maturity: Mature from 75, Competent from 50, Novice from 25, below that Ignoring."
)


def _part(part: Any) -> tuple[Any, str | None]:
    """A section's result and the reason it could not run (a bare result, or None, works too)."""
    if isinstance(part, Section):
        return part.value(), part.reason
    return part, None if part is not None else "its data was not provided"


def _not_assessed(reason: str | None) -> str:
    reason = (reason or "its data was not provided").strip().rstrip(".")
    return "not assessed: " + reason[:1].lower() + reason[1:]


def omnichannel_score(*, presence: Any = None, speed: Any = None, continuity: Any = None,
                      ease: Any = None) -> StepScore:
    """Score step 4 from 0 to 100: the five parts of the rule in :data:`SCORE_RULE_TEXT`.

    Parameters
    ----------
    presence, speed, continuity : the step's sections (or their results, None when they could not
        run).
    ease : the section of :func:`cxlib.omnichannel.effort.ease` (or its CesResult): the share of CES
        answers 5-7.

    A part whose section did not run, or whose result has nothing to judge (no response target,
    no budget), gets no points and is not assessed; its basis says why.
    """
    presence, presence_why = _part(presence)
    speed, speed_why = _part(speed)
    continuity, continuity_why = _part(continuity)
    ease, ease_why = _part(ease)
    rows = []
    if presence is None or not presence.contacts:
        rows += [("Present", None, _not_assessed(presence_why)),
                 ("Funded where used", None, _not_assessed(presence_why))]
    else:
        unoffered = 100 * presence.unoffered_share
        where = (f" ({join_labels(presence.unoffered['channel'], 'and')})"
                 if len(presence.unoffered) else "")
        rows.append(("Present", max(0.0, POINTS - UNOFFERED_PENALTY * unoffered),
                     f"{unoffered:.1f}% of contacts on channels not offered{where}"))
        if presence.table["investment_share"].sum() > 0:
            rows.append(("Funded where used",
                         POINTS * float(np.clip(1 - presence.mismatch / MISMATCH_ZERO, 0, 1)),
                         f"budget mismatch {presence.mismatch:.0%}"))
        else:
            rows.append(("Funded where used", None,
                         _not_assessed("the channel list gives no channel a share of the budget")))
    if speed is None:
        rows.append(("Fast", None, _not_assessed(speed_why)))
    elif np.isnan(speed.mean_in_time):
        why = ("no channel with a response target has enough contacts to be judged"
               if speed.table["target_set"].any() else "no channel has a response target")
        rows.append(("Fast", None, _not_assessed(why)))
    else:
        judged = int(speed.table["judged"].sum())
        rows.append(("Fast", POINTS * speed.mean_in_time,
                     f"{speed.mean_in_time:.0%} answered in time, average of {judged} channels"
                     + (" (support tickets)" if speed.unit == "tickets" else "")))
    if continuity is None or continuity.recorded == 0:
        rows.append(("Continuous", None, _not_assessed(
            continuity_why or "no switches with repeated information recorded")))
    else:
        rows.append(("Continuous", POINTS * (1 - continuity.repeat_share),
                     (f"information repeated in {continuity.repeat_share:.0%} of "
                     f"{continuity.recorded:,} switches")))
    easy_share = _easy_share(ease)
    if easy_share is None:
        rows.append(("Easy", None, _not_assessed(ease_why or "no CES answers")))
    else:
        rows.append(("Easy", POINTS * easy_share, f"{easy_share:.0%} of CES answers 5-7"))
    return StepScore.from_rows(rows, max_points=POINTS, subject="Omnichannel convenience")


def _easy_share(ease: CesResult | float | None) -> float | None:
    if ease is None:
        return None
    share = ease.share_easy / 100 if isinstance(ease, CesResult) else float(ease)
    return None if np.isnan(share) else share


def score_components(**parts: Any) -> pd.DataFrame:
    """The components table of :func:`omnichannel_score` (same parameters)."""
    return omnichannel_score(**parts).components


@dataclass(frozen=True)
class Glance:
    """The KPI tiles at the top of the report: contacts, and the headline share of each part that ran."""

    tiles: tuple[tuple[str, str, str], ...]

    def kpis(self) -> list[tuple[str, str, str]]:
        return list(self.tiles)


def at_a_glance(interactions: pd.DataFrame, *, presence: Any = None, speed: Any = None,
                continuity: Any = None) -> Glance:
    """KPI tiles (label, value, note) for the top of the report; a part that did not run is left out.

    Parameters
    ----------
    interactions : the interactions dataset (customer_id, channel).
    presence, speed, continuity : the step's sections (or their results, or None).
    """
    presence, speed, continuity = (_part(p)[0] for p in (presence, speed, continuity))
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
    return Glance(tuple(tiles))


def _lost(components: pd.DataFrame, name: str) -> float:
    row = components.set_index("component").loc[name]
    return 0.0 if pd.isna(row["points"]) else float(row["max_points"] - row["points"])


_NOT_PROVIDED = re.compile(r"^(?P<what>.+?) needs? (?P<tail>the .+?, which was not provided\.)$")


def _missing_findings(reasons: list[str]) -> list[str]:
    """The reasons sections could not run, one finding per missing dataset: "Channel choice by age and
    the response-time comparison need the contact log, which was not provided."."""
    grouped: dict[str, list[str]] = {}
    for reason in reasons:
        match = _NOT_PROVIDED.match(reason)
        key = match["tail"] if match else reason
        grouped.setdefault(key, []).append(match["what"] if match else reason)
    findings = []
    for key, whats in grouped.items():
        if len(whats) == 1:
            findings.append(whats[0] if whats[0] == key else f"{whats[0]} needs {key}")
            continue
        names = [whats[0]] + [w[:1].lower() + w[1:] for w in whats[1:]]
        findings.append(f"{', '.join(names[:-1])} and {names[-1]} need {key}")
    return findings


def assess(*, preference: Any = None, presence: Any = None, speed: Any = None, continuity: Any = None,
           effort: Any = None, ease: Any = None) -> Assessment:
    """Score step 4 and write its findings and recommendations.

    Parameters
    ----------
    preference, presence, speed, continuity, effort, ease : the step's sections
        (:mod:`cxlib.sections.step4`), or their results (None for one that could not run).

    Every finding and recommendation rests on a section that ran; a section that could not run
    adds the sentence saying why (one per missing dataset) and, where the client can fix it, a
    recommendation to collect the data.
    """
    score = omnichannel_score(presence=presence, speed=speed, continuity=continuity, ease=ease)
    components = score.components
    (preference, preference_why), (presence, presence_why), (speed, speed_why), \
        (continuity, continuity_why), (effort, effort_why) = (
            _part(p) for p in (preference, presence, speed, continuity, effort))
    findings: list[str] = []
    missing: list[str] = []
    recs: list[tuple[float, str, str, str, str]] = []  # points lost, action, why, impact, effort

    if preference is not None and preference.young_on_young is not None:
        findings.append(preference.headline())
        y, o = preference.young_on_young, preference.older_on_older
        young = preference.table.loc[preference.table["age_band"] == y.group, "generation"].iloc[0]
        young = young if young != "–" else f"customers {y.group}"
        recs.append((0.0, (f"Design the front door per generation: {join_labels(y.channels, 'and')} "
                          f"first for {young}, {join_labels(o.channels, 'and')} kept for "
                          f"customers {o.group}"),
                     (f"{young[:1].upper() + young[1:]} start {y.share:.0%} of their contacts on "
                     f"{join_labels(y.channels)}; customers {o.group} start {o.share:.0%} on "
                     f"{join_labels(o.channels)}."), "Medium", "Medium"))
    elif preference is None:
        missing.append(preference_why)

    if presence is not None and presence.contacts:
        findings.append(presence.headline())
        u, o = presence.under, presence.over
        if u is not None and o is not None and u["gap"] > 0 > o["gap"]:
            move = min(u["gap"], -o["gap"])
            recs.append((_lost(components, "Funded where used"),
                         (f"Move about {move:.0%} of the service budget from {in_text(o['channel'])} "
                         f"to {in_text(u['channel'])}"),
                         (f"{label(u['channel'])} carries {u['usage_share']:.0%} of contacts on "
                         f"{u['investment_share']:.0%} of the budget; {in_text(o['channel'])} "
                         f"{o['usage_share']:.0%} on {o['investment_share']:.0%}."), "High", "Medium"))
        if len(presence.unoffered):
            findings.append(presence.unoffered_headline())
            top = presence.unoffered.iloc[0]
            team = f"the {in_text(u['channel'])} team" if u is not None else "an existing service team"
            recs.append((_lost(components, "Present"),
                         f"Open {in_text(top['channel'])} as a supported channel, answered by {team}",
                         f"{int(top['contacts']):,} contacts ({top['usage_share']:.1%}) arrived "
                         f"there with nobody paid to answer"
                         + (f"; {top['unanswered_share']:.0%} were never answered."
                            if pd.notna(top["unanswered_share"]) else "."), "Medium", "Low"))
    else:
        missing.append(presence_why)
        if presence_why and "channel list" in presence_why:
            recs.append((POINTS, ("Write down the channel mix: which channels are offered, their "
                                 "share of the service budget and their response targets"),
                         "Without it nobody can tell whether the money follows the customers.",
                         "Medium", "Low"))

    if speed is not None and speed.worst is not None:
        findings.append(speed.headline())
        w = speed.worst
        recs.append((_lost(components, "Fast"),
                     (f"Bring {in_text(w['channel'])} back within its {duration(w['target_minutes'])} "
                     "response target"),
                     (f"Only {w['in_time_share']:.0%} of {in_text(w['channel'])} {speed.unit} are "
                     f"answered in time; the median wait is {duration(w['median_minutes'])}."),
                     "Medium", "Low"))
    elif speed is not None and not speed.table["target_set"].any():
        recs.append((0.0, "Set a first-response target for every channel customers use",
                     "Without a target, speed cannot be managed or judged.", "Medium", "Low"))
    elif speed is None:
        missing.append(speed_why)
        if speed_why and "response-target" in speed_why:
            recs.append((0.0, "Set a first-response target for every channel customers use",
                         "Without a target, speed cannot be managed or judged.", "Medium", "Low"))

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
        cost = ("" if np.isnan(continuity.resolution_diff) else
                f", and those contacts resolve {rep.loc['repeated', 'share']:.0%} of the time against "
                f"{rep.loc['carried over', 'share']:.0%}")
        recs.append((_lost(components, "Continuous"),
                     ("Give every agent and channel the customer's open case and history, so "
                     "nobody has to repeat themselves after a switch"),
                     f"Information is repeated in {continuity.repeat_share:.0%} of switches{cost}.",
                     "High", "High"))
    else:
        missing.append(continuity_why)

    if effort is None:
        missing.append(effort_why)
    elif len(effort.table) >= 2:
        if len(findings) < 3:
            findings.append(effort.headline())
        if effort.p_value < 0.05:
            best, worst = effort.table.iloc[0], effort.table.iloc[-1]
            recs.append((0.0, (f"Find out what makes {in_text(worst['channel'])} harder to deal with than "
                              f"{in_text(best['channel'])}, and fix the first cause"),
                         (f"Customers rate effort {worst['mean']:.1f} of 7 on {in_text(worst['channel'])} "
                         f"against {best['mean']:.1f} on {in_text(best['channel'])}."), "Medium", "Medium"))

    log_missing = any(r and "contact log, which was not provided" in r
                      for r in (presence_why, continuity_why, preference_why))
    if log_missing:
        recs.append((POINTS, ("Export every customer contact (channel, time, first response, "
                              "resolution, previous channel, whether the customer had to repeat "
                              "information) once a month"),
                     "Convenience can only be managed on the channels it is measured on.",
                     "High", "Medium"))
    elif continuity is None and continuity_why and ("previous-channel" in continuity_why
                                                     or "repeated-information" in continuity_why):
        recs.append((POINTS, ("Record the previous channel and whether the customer had to repeat "
                              "information on every contact"),
                     "Continuity across channels cannot be managed while it is not measured.",
                     "Medium", "Low"))
    if not log_missing and speed is None and speed_why and "first-response times" in speed_why:
        recs.append((POINTS, "Record when every contact is first answered, on every channel",
                     "Speed against the response targets cannot be managed while it is not measured.",
                     "Medium", "Low"))
    if effort is None and effort_why and "effort (CES)" in effort_why:
        recs.append((0.0, "Ask CES after every contact, on every channel",
                     ("Effort is the one part of convenience only customers can rate, and asked "
                     "per contact it can be tied to the channel that caused it."),
                     "Medium", "Low"))
    if preference is None and preference_why and "age band" in preference_why:
        recs.append((0.0, "Ask every survey respondent their age band",
                     ("Which channels each generation chooses can only be read from contacts "
                     "joined to the customer's age."), "Low", "Low"))
    findings += _missing_findings([r for r in missing if r])
    if not findings or score.score is None:
        findings.append("No part of omnichannel convenience could be assessed from the data provided, "
                        "so the step is not scored.")
    if len(findings) < 3 and score.not_assessed and score.score is not None:
        findings.append(f"{len(score.not_assessed)} of the {len(components)} parts of the score could not be "
                        f"assessed ({', '.join(c.lower() for c in score.not_assessed)}); the score covers the "
                        "others only.")
    fillers = ["The recommendations below rest only on the sections of this report that could run.",
               "Each section of this report states the minimum of data it needs; the method notes list them."]
    while len(findings) < 3:
        findings.append(fillers.pop(0))
    fallbacks = [(0.0, ("Name one owner for the channel strategy: what is offered, its budget and its "
                       "response targets"), ("Presence, speed and continuity span teams; one owner keeps them "
                       "in step."), "Medium", "Low"),
                 (0.0, "Share this report's channel findings with every channel team",
                  "Each team sees where its channel stands against the others.", "Low", "Low"),
                 (0.0, "Repeat this step each quarter on the latest contacts and survey answers",
                  "More data adds the sections that could not run yet and shows whether changes worked.",
                  "Low", "Low")]
    while len(recs) < 3:
        recs.append(fallbacks.pop(0))
    recs.sort(key=lambda r: -r[0])  # stable: equal losses keep the order above
    recommendations = tuple(Recommendation(i, action, why, impact=impact, effort=effort_level)
                            for i, (_, action, why, impact, effort_level)
                            in enumerate(recs[:5], 1))
    step = StepResult(step=STEP.number, title=STEP.title, score=score.score,
                      findings=tuple(findings[:5]), recommendations=recommendations,
                      score_rule=SCORE_RULE)
    return Assessment(score, step)
