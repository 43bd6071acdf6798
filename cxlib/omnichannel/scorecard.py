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

from cxlib.metrics.satisfaction import CesResult
from cxlib.omnichannel.channels import in_text, join_labels, label
from cxlib.wording import duration
from cxlib.report.record import Assessment, StepScore, verdict
from cxlib.report.verdict import Kpi, Recommendation
from cxlib.sections import Section

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
    "the service budget that would move if every channel were funded in proportion to its contacts, a "
    "yardstick that leaves out what a contact costs on each channel) costs 20 points at 50% or more, "
    "proportionally below. *Fast*: the share of "
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
                     f"{speed.mean_in_time:.0%} answered in time, " + (f"average of {judged} channels" if judged != 1 else "one channel")
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


Move = tuple[float, Recommendation]  # the points its part of the score loses, and the move


def _generation_move(preference) -> Move:
    y, o = preference.young_on_young, preference.older_on_older
    young = preference.young_name()
    return 0.0, Recommendation(
        action=(f"Design the front door per generation: {join_labels(y.channels, 'and')} first for {young}, "
                f"{join_labels(o.channels, 'and')} kept for customers {o.group}"),
        rationale=(f"{young[:1].upper() + young[1:]} start {y.share:.0%} of their contacts on "
                   f"{join_labels(y.channels)}; customers {o.group} start {o.share:.0%} on {join_labels(o.channels)}."),
        theme="channels", impact="Medium", effort="Medium",
        kpi=Kpi(f"Opening contacts of {young} on {join_labels(y.channels)}", 100 * y.share, None, "%",
                "no benchmark in the data; the client sets the goal"))


def _budget_move(presence, components: pd.DataFrame) -> Move | None:
    """Review the budget split where contacts and budget part most. The data give each channel's
    contacts, not what a contact costs there, so they support a review, not a sum to move: the
    rationale states the "budget follows contacts" arithmetic as the assumption it is."""
    u, o = presence.under, presence.over
    if u is None or o is None or not u["gap"] > 0 > o["gap"]:
        return None
    # shares as the sentence prints them, and differences of those, so that the sentence adds up
    u_use, u_budget, o_use, o_budget = (round(100 * float(v)) for v in (
        u["usage_share"], u["investment_share"], o["usage_share"], o["investment_share"]))
    under, over = in_text(u["channel"]), in_text(o["channel"])
    return _lost(components, "Funded where used"), Recommendation(
        action=f"Review the service budget split between {over} and {under} against each channel's cost per contact",
        rationale=(f"{label(u['channel'])} carries {u_use}% of contacts on {u_budget}% of the budget; {over} "
                   f"{o_use}% on {o_budget}%. If budget followed contacts, {under}'s share would rise "
                   f"{u_use - u_budget} points and {over}'s fall {o_budget - o_use}; but a contact costs more on some "
                   "channels, and the data do not say how much, so the split needs a review, not a formula."),
        theme="channels", impact="Medium", effort="Low",
        kpi=Kpi("Channels costed per contact", None, float(presence.table["offered"].sum()), "",
                "every channel offered"))


def _unoffered_move(presence, components: pd.DataFrame) -> Move:
    """Open the channels customers use that are not offered; social care when social media is one."""
    rows = presence.unoffered
    top = rows.iloc[0]
    u = presence.under
    team = f"the {in_text(u['channel'])} team" if u is not None else "an existing service team"
    social = "social" in set(rows["channel"])
    opened = rows.head(2) if social and top["channel"] != "social" else rows.head(1)
    opened = opened if "social" in set(opened["channel"]) or not social else pd.concat(
        [opened, rows[rows["channel"] == "social"]])
    names = join_labels(opened["channel"], "and")
    arrived = " and ".join(f"{int(r.contacts):,}{(' contact' + ('s' if r.contacts != 1 else '')) if i == 0 else ''} ({r.usage_share:.1%}) on "
                           f"{in_text(r.channel)}" for i, r in enumerate(opened.itertuples()))
    unanswered = [f"{r.unanswered_share:.0%}" for r in opened.itertuples() if pd.notna(r.unanswered_share)]
    never = (f"; {' and '.join(unanswered)} {'was' if len(unanswered) == 1 and opened['contacts'].iloc[0] == 1 else 'were'}"
             " never answered" if len(unanswered) == len(opened) else "")
    budgeted = presence.budgeted_clause()
    answered = opened.dropna(subset=["unanswered_share"])
    offered = presence.table[presence.table["offered"] & (presence.table["contacts"] > 0)].dropna(
        subset=["unanswered_share"])
    kpi = None
    if len(answered):
        now = 100 * (1 - (answered["unanswered_share"] * answered["contacts"]).sum() / answered["contacts"].sum())
        goal = (100 * (1 - (offered["unanswered_share"] * offered["contacts"]).sum() / offered["contacts"].sum())
                if len(offered) else None)
        kpi = Kpi(f"Contacts on {names} answered", now, goal, "%",
                  "the share the offered channels answer" if goal is not None else "")
    return _lost(components, "Present"), Recommendation(
        action=(f"Open {names} as {'supported service channels' if len(opened) > 1 else 'a supported service channel'}, "
                f"answered by {team}"),
        rationale=f"{arrived} arrived on channels not offered for service{never}" + (
            f"; {budgeted[:1].lower() + budgeted[1:]}." if budgeted else "."),
        theme="social" if social else "channels", impact="Medium", effort="Low", kpi=kpi)


def _speed_move(speed, components: pd.DataFrame) -> Move:
    w = speed.worst
    others = speed.others()
    floor = float(others["in_time_share"].min()) if len(others) else None
    name = in_text(w["channel"])
    return _lost(components, "Fast"), Recommendation(
        action=f"Bring {name} back within its {duration(w['target_minutes'])} response target",
        rationale=(f"In the {speed.source}, only {w['in_time_share']:.0%} of {name} {speed.unit} are answered within "
                   f"the channel list's {duration(w['target_minutes'])} target; the median wait is "
                   f"{duration(w['median_minutes'])}."),
        theme="speed", impact="Medium", effort="Low",
        kpi=Kpi(f"{label(w['channel'])} {speed.unit} answered within target",
                100 * w["in_time_share"], None if floor is None or floor <= w["in_time_share"] else 100 * floor, "%",
                "what the next-slowest channel with a target reaches" if floor and floor > w["in_time_share"] else ""))


def _continuity_move(continuity, components: pd.DataFrame) -> Move:
    rep = continuity.resolution.set_index("group")
    cost = ("" if np.isnan(continuity.resolution_diff) else
            f", and those contacts resolve {rep.loc['repeated', 'share']:.0%} of the time against "
            f"{rep.loc['carried over', 'share']:.0%}")
    return _lost(components, "Continuous"), Recommendation(
        action=("Give every channel the customer's open case and history, so nobody has to repeat "
                "themselves after a switch"),
        rationale=f"Information is repeated in {continuity.repeat_share:.0%} of switches{cost}.",
        theme="channels", impact="High", effort="High",
        kpi=Kpi("Switches where the customer repeats information", 100 * continuity.repeat_share, None, "%",
                "no benchmark in the data; the client sets the goal", higher_is_better=False))


def _effort_move(effort) -> Move:
    best, worst = effort.table.iloc[0], effort.table.iloc[-1]
    return 0.0, Recommendation(
        action=(f"Find out what makes {in_text(worst['channel'])} harder to deal with than "
                f"{in_text(best['channel'])}, and fix the first cause"),
        rationale=(f"Customers rate effort {worst['mean']:.1f} of 7 on {in_text(worst['channel'])} "
                   f"against {best['mean']:.1f} on {in_text(best['channel'])} (CES, 1-7, higher is easier)."),
        theme="ease", impact="Medium", effort="Medium",
        kpi=Kpi(f"Customer effort on {in_text(worst['channel'])} (CES)", worst["mean"], best["mean"], "of 7",
                f"the CES of {in_text(best['channel'])}, the easiest channel"))


def _data_moves(score: StepScore, *, presence_why, speed, speed_why, continuity, continuity_why, effort_why,
                preference, preference_why) -> list[Move]:
    """Moves that collect what a section missed, where the client can fix it."""
    assessed = Kpi("Parts of the step 4 score assessed", len(score.components) - len(score.not_assessed),
                   len(score.components), "", "all five parts")
    targets = None
    if speed is not None:
        targets = Kpi("Channels with a response target", int(speed.table["target_set"].sum()), len(speed.table), "",
                      "every channel customers use")

    def move(loss, action, why, theme="data", impact="Medium", effort="Low", kpi=assessed) -> Move:
        return loss, Recommendation(action=action, rationale=why, theme=theme, impact=impact, effort=effort, kpi=kpi)

    moves = []
    if presence_why and "channel list" in presence_why:
        moves.append(move(POINTS, "Write down the channel mix: which channels are offered, their share of the "
                                  "service budget and their response targets",
                          "Without it nobody can tell whether the money follows the customers."))
    no_target = (speed is not None and speed.worst is None and not speed.table["target_set"].any()) or (
        speed is None and speed_why and "response-target" in speed_why)
    if no_target:
        moves.append(move(0.0, "Set a first-response target for every channel customers use",
                          "Without a target, speed cannot be managed or judged.", theme="speed", kpi=targets))
    log_missing = any(r and "contact log, which was not provided" in r
                      for r in (presence_why, continuity_why, preference_why))
    if log_missing:
        moves.append(move(POINTS, "Export every customer contact (channel, time, first response, resolution, "
                                  "previous channel, whether the customer had to repeat information) once a month",
                          "Convenience can only be managed on the channels it is measured on.",
                          impact="High", effort="Medium"))
    elif continuity is None and continuity_why and ("previous-channel" in continuity_why
                                                     or "repeated-information" in continuity_why):
        moves.append(move(POINTS, "Record the previous channel and whether the customer had to repeat "
                                  "information on every contact",
                          "Continuity across channels cannot be managed while it is not measured."))
    if not log_missing and speed is None and speed_why and "first-response times" in speed_why:
        moves.append(move(POINTS, "Record when every contact is first answered, on every channel",
                          "Speed against the response targets cannot be managed while it is not measured."))
    if effort_why and "effort (CES)" in effort_why:
        moves.append(move(0.0, "Ask CES after every contact, on every channel",
                          ("Effort is the one part of convenience only customers can rate, and asked per contact "
                           "it can be tied to the channel that caused it.")))
    if preference is None and preference_why and "age band" in preference_why:
        moves.append(move(0.0, "Ask every survey respondent their age band",
                          ("Which channels each generation chooses can only be read from contacts joined to the "
                           "customer's age."), impact="Low"))
    return moves


RESERVE = (
    Recommendation(action="Name one owner for the channel strategy: what is offered, its budget and its response "
                          "targets",
                   rationale="Presence, speed and continuity span teams; one owner keeps them in step.",
                   theme="channels", impact="Medium", effort="Low"),
    Recommendation(action="Share this report's channel findings with every channel team",
                   rationale="Each team sees where its channel stands against the others.",
                   theme="channels", impact="Low", effort="Low"),
    Recommendation(action="Repeat this step each quarter on the latest contacts and survey answers",
                   rationale="More data adds the sections that could not run yet and shows whether changes worked.",
                   theme="measurement", impact="Low", effort="Low"),
)
FILLERS = ("The recommendations below rest only on the sections of this report that could run.",
           "Each section of this report states the minimum of data it needs; the method notes list them.")


def assess(*, preference: Any = None, presence: Any = None, speed: Any = None, continuity: Any = None,
           effort: Any = None, ease: Any = None) -> Assessment:
    """Score step 4 and state its findings and recommendations.

    Parameters
    ----------
    preference, presence, speed, continuity, effort, ease : the step's sections
        (:mod:`cxlib.sections.step4`), or their results (None for one that could not run).

    Every finding and recommendation rests on a section that ran; a section that could not run
    adds the sentence saying why (one per missing dataset) and, where the client can fix it, a
    move to collect the data. Moves come in the order of the points their part loses.
    """
    score = omnichannel_score(presence=presence, speed=speed, continuity=continuity, ease=ease)
    c = score.components
    (preference, preference_why), (presence, presence_why), (speed, speed_why), \
        (continuity, continuity_why), (effort, effort_why) = (
            _part(p) for p in (preference, presence, speed, continuity, effort))
    findings, moves = [], []
    if preference is not None and preference.young_on_young is not None:
        findings.append(preference.finding())
        moves.append(_generation_move(preference))
    if presence is not None and presence.contacts:
        findings.append(presence.budget_finding())
        moves.append(_budget_move(presence, c))
        if len(presence.unoffered):
            findings.append(presence.unoffered_finding())
            moves.append(_unoffered_move(presence, c))
    if speed is not None and speed.worst is not None:
        findings.append(speed.finding())
        moves.append(_speed_move(speed, c))
    if continuity is not None and continuity.recorded:
        findings.append(continuity.finding())
        moves.append(_continuity_move(continuity, c))
    if effort is not None and len(effort.table) >= 2:
        if len(findings) < 3:
            findings.append(effort.finding())
        if effort.differs:
            moves.append(_effort_move(effort))
    moves += _data_moves(score, presence_why=presence_why, speed=speed, speed_why=speed_why, continuity=continuity,
                         continuity_why=continuity_why, effort_why=effort_why if effort is None else None,
                         preference=preference, preference_why=preference_why)
    missing = [why for part, why in ((preference, preference_why), (presence, presence_why), (speed, speed_why),
                                     (continuity, continuity_why), (effort, effort_why)) if part is None and why]
    gaps = _missing_findings(missing)
    if not findings and not gaps or score.score is None:
        gaps.append("No part of omnichannel convenience could be assessed from the data provided, "
                    "so the step is not scored.")
    if score.not_assessed and score.score is not None and len(findings) + len(gaps) < 3:
        gaps.append(f"{len(score.not_assessed)} of the {len(c)} parts of the score could not be assessed "
                    f"({', '.join(p.lower() for p in score.not_assessed)}); the score covers the others only.")
    if len(findings) + len(gaps) < 3:
        gaps += FILLERS[:3 - len(findings) - len(gaps)]
    ranked = sorted((m for m in moves if m is not None), key=lambda m: -m[0])  # stable: equal losses keep order
    return verdict(4, score, findings, [rec for _, rec in ranked], score_rule=SCORE_RULE, gaps=gaps,
                   reserve=RESERVE)
