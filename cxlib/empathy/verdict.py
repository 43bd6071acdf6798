"""Step 5's verdict on empathy in messaging and support: score, findings and recommendations.

The score adds four parts (the rule is :data:`SCORE_RULE_TEXT`): the customer is the hero of the
copy (30 points), support replies are empathetic (30), tickets are answered within their channel's
target (20; the targets of the channel list, as step 4 holds them) and the company speaks with one
voice across channels (20). A part whose section could not run is
not assessed: the score is taken over the parts that ran, and a step with none is not assessed.
Findings and recommendations rest only on sections that ran; for the others they say what is missing.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from cxlib.empathy.agents import CLOSE
from cxlib.empathy.consistency import MIN_REPLIES
from cxlib.empathy.messaging import EASY_GRADE, HARD_GRADE
from cxlib.empathy.readability import FK_CONSTANT, FK_SENTENCE, FK_SYLLABLE
from cxlib.empathy.support import MIN_PER_SIDE, MIRROR_AT, ReplyReading
from cxlib.report.record import Assessment, StepScore, verdict
from cxlib.report.verdict import Finding, Kpi, Recommendation
from cxlib.wording import ALPHA

HERO_POINTS, EMPATHY_POINTS, SPEED_POINTS, VOICE_POINTS = 30, 30, 20, 20
TONE_SPREAD_FULL, TONE_SPREAD_NONE = 0.10, 0.50
HERO_SPREAD_FULL, HERO_SPREAD_NONE = 10.0, 50.0
SCORE_RULE = "copy 30, replies 30, speed 20, one voice 20"
SCORE_RULE_TEXT = (
    "**How the score is built.** Four parts add up to 100. *Customer as hero* (30 points): 30 × "
    "the average customer-as-hero score of the marketing and website copy, out of 100. "
    "*Empathetic replies* (30): 30 × the average empathy score of the support replies, out of 100 "
    "(20 points for each move a reply makes: acknowledges, apologises, takes ownership, reassures, "
    "mirrors the customer's words). *Answered within target* (20): 20 × the share of tickets "
    "with a first response within their channel's target in the channel list (the targets step 4 "
    "holds the channels to; a working day where the list sets none; a ticket never answered missed "
    "it). *One voice* (20): 10 points when the tone of replies "
    "differs by 0.10 or less between the warmest and the coldest channel, nothing at 0.50 or more; "
    "10 points when the copy's average customer-as-hero score differs by 10 points or less between "
    "channels, nothing at 50 or more; in proportion between; when only one of the two can be "
    "compared it stands for the whole part. A part whose data is missing or too "
    "thin is not assessed: the score is taken over the parts that were, on the same 0-100 scale, and "
    "no maturity is claimed when less than half the weight could be assessed. Maturity: Mature from "
    "75, Competent from 50, Novice from 25, below that Ignoring."
)

# The methods behind the body's plain words ("larger than chance", "a 95% range", "pulled towards the
# team average"), for the appendix: each names its test, its threshold and its minimum.
def methods_text() -> str:
    """The appendix's method notes for step 5, in markdown."""
    from cxlib.omnichannel.channels import MIN_CASES  # step 4's package reaches back to this one

    return (
        f"**Reading grade.** The Flesch-Kincaid grade, {FK_SENTENCE} × words per sentence + {FK_SYLLABLE} × "
        f"syllables per word \u2212 {abs(FK_CONSTANT)}, with syllables counted by a vowel-group rule (no "
        f"dictionary is downloaded); {EASY_GRADE:.0f} or below suits the general public, {HARD_GRADE:.0f} or above "
        "earns no \"easy reading\" points.\n\n"
        "**The five moves.** Each reply is matched against word lists for acknowledging, apologising, taking "
        "ownership and reassuring; it *mirrors* the customer when at least "
        f"{MIRROR_AT:.0%} of the words that carry meaning in the customer's message come back in the reply "
        "(contact details left out).\n\n"
        "**Empathy and the ticket rating.** Tickets whose reply has the full pattern are compared with the rest "
        "by Welch's t-test. The difference *at the same wait* is the full pattern's coefficient in an "
        "ordinary least-squares regression of CSAT on the full pattern and log(1 + hours to the first response), "
        "with heteroskedasticity-robust (HC3) standard errors; its 95% confidence interval is the range in "
        f"\"Where each number comes from\", and it is called larger than chance when p < {ALPHA}. It needs at "
        f"least {MIN_PER_SIDE} rated tickets with a first-response time on each side. This "
        "is an association in the tickets: agents who write fuller replies may also handle easier cases.\n\n"
        "**Waiting and the ticket rating.** Average CSAT with its t interval in three bands of the first "
        f"response (within an hour, 1 to 8 hours, over 8 hours), each stated from {MIN_PER_SIDE} rated tickets.\n\n"
        "**Speed.** Each ticket is held to its channel's first-response target in the channel list, the "
        "targets step 4 uses (a working day where the list sets none); a ticket never answered missed it. "
        f"A channel is judged from {MIN_CASES} tickets.\n\n"
        "**Tone across channels.** Each reply's tone is its compound score from \u22121 to +1. Each "
        "channel's replies are compared with all other channels' replies by Welch's t-test, and the "
        f"Benjamini-Hochberg procedure holds the false-discovery rate at {ALPHA:.0%} across channels; a channel "
        "is *colder* when its replies are more negative and the adjusted p-value is below "
        f"{ALPHA}. A channel is compared from {MIN_REPLIES} replies.\n\n"
        "**The agent ranking.** Each agent's average empathy score is shrunk towards the team average by "
        "empirical Bayes (normal-normal model): shrunk = team average + B × (agent average \u2212 team average), "
        "B = τ² / (τ² + σ²/n), where n is the agent's replies, σ² the pooled spread of single replies around "
        "their agent's average and τ² the spread of the agents' true averages. Agents within "
        f"{CLOSE:.0f} points of the leader share the lead. An agent whose survey scores carry an "
        "implausible share of 10s (step 7's score-integrity audit) is not ranked; their replies still count "
        "towards the team average."
    )


def _scale(value: float, full_at: float, none_at: float) -> float:
    """1 at or below ``full_at``, 0 at or above ``none_at``, linear between."""
    return float(np.clip((none_at - value) / (none_at - full_at), 0, 1))


def _known(value) -> bool:
    return value is not None and bool(np.isfinite(value))


def _not_assessed(reason: str | None, default: str) -> str:
    if not reason:
        return f"not assessed: {default}"
    reason = reason.strip().rstrip(".")
    return f"not assessed: {reason[:1].lower()}{reason[1:]}"


def empathy_score(*, mean_hero: float | None, mean_empathy: float | None,
                  share_in_target: float | None, tone_spread: float | None,
                  hero_spread: float | None, reasons: dict[str, str | None] | None = None) -> StepScore:
    """Score step 5 0-100 by the rule in :data:`SCORE_RULE_TEXT`.

    Parameters
    ----------
    mean_hero : average customer-as-hero score of the copy (0-100); None when not audited.
    mean_empathy : average empathy score of the replies (0-100); None when not read.
    share_in_target : share of tickets with a first response within their channel's target
        (0-1); None without tickets or first-response times.
    tone_spread : warmest minus coldest channel's mean reply tone; None when not compared.
    hero_spread : best minus worst channel's mean hero score; None when not compared.
    reasons : part -> the sentence saying why it could not run ("hero", "empathy", "speed",
        "tone", "copy"); the basis of a part not assessed quotes it.
    """
    why = reasons or {}
    rows = []
    if _known(mean_hero):
        rows.append(("Customer as hero", HERO_POINTS * mean_hero / 100, HERO_POINTS,
                     f"average customer-as-hero score of the copy {mean_hero:.0f}/100"))
    else:
        rows.append(("Customer as hero", None, HERO_POINTS,
                     _not_assessed(why.get("hero"), "no messages dataset provided")))
    if _known(mean_empathy):
        rows.append(("Empathetic replies", EMPATHY_POINTS * mean_empathy / 100, EMPATHY_POINTS,
                     f"average empathy score of the replies {mean_empathy:.0f}/100"))
    else:
        rows.append(("Empathetic replies", None, EMPATHY_POINTS,
                     _not_assessed(why.get("empathy"), "no tickets dataset provided")))
    if _known(share_in_target):
        rows.append(("Answered within target", SPEED_POINTS * share_in_target, SPEED_POINTS,
                     f"{round(100 * share_in_target, 6):.0f}% of tickets answered within their channel's target"))
    else:
        rows.append(("Answered within target", None, SPEED_POINTS, _not_assessed(
            why.get("speed"), "no first-response times in the tickets" if _known(mean_empathy)
            else "no tickets dataset provided")))
    if not _known(tone_spread) and not _known(hero_spread):
        rows.append(("One voice", None, VOICE_POINTS, _not_assessed(
            why.get("tone") or why.get("copy"), "neither replies nor copy compared across channels")))
        return StepScore.from_rows(rows, subject="Empathy in messaging and support")
    # each half of "one voice" counts only when measured: the part is the measured halves, rescaled
    voice, basis, halves = 0.0, [], 0
    if _known(tone_spread):
        voice += VOICE_POINTS / 2 * _scale(tone_spread, TONE_SPREAD_FULL, TONE_SPREAD_NONE)
        basis.append(f"reply tone differs by {tone_spread:.2f} between channels")
        halves += 1
    else:
        basis.append("reply tone not compared across channels")
    if _known(hero_spread):
        voice += VOICE_POINTS / 2 * _scale(hero_spread, HERO_SPREAD_FULL, HERO_SPREAD_NONE)
        # one decimal: the body prints the channels' scores whole ("22 to 91"), not this spread
        basis.append(f"copy's hero score differs by {hero_spread:.1f} points between channels")
        halves += 1
    else:
        basis.append("copy not compared across channels")
    rows.append(("One voice", voice * 2 / halves, VOICE_POINTS, "; ".join(basis)))
    return StepScore.from_rows(rows, subject="Empathy in messaging and support")


def _value(part: Any) -> Any:
    """A section's result (None when it could not run), or the value itself."""
    return part.value() if hasattr(part, "ran") else part


def _reason(part: Any) -> str | None:
    return part.reason if hasattr(part, "ran") and not part.ran else None


def _missing(reason: str) -> str | None:
    """"the messages dataset" when ``reason`` says a dataset was not provided, else None."""
    import re

    found = re.search(r"needs the (\w+ dataset)\b.*which was not provided", reason)
    return f"the {found.group(1)}" if found else None


def _data_rec(action: str, rationale: str, impact: str = "Medium") -> Recommendation:
    return Recommendation(action=action, rationale=rationale, theme="data", impact=impact, effort="Low",
                          kpi=Kpi("Steps fully assessed"))


PLAIN_LANGUAGE = Recommendation(
    action="Set a plain-language standard for all copy: no jargon, reading grade 8 or below",
    rationale="Customers act on what they understand at first reading.", theme="empathy",
    impact="Medium", effort="Low", kpi=Kpi("Reading grade of the copy", None, 8, "", "grade 8: the general public",
                                           higher_is_better=False))


def assess(*, audit: Any = None, channels: Any = None, replies: Any = None, link: Any = None,
           ranking: Any = None, speed: Any = None, wait: Any = None, voice: Any = None) -> Assessment:
    """Score step 5 and state its findings and recommendations, in priority order.

    Each argument is a :class:`cxlib.sections.Section` of the step (or its ``.value()``, or None):
    ``audit`` the copy audit, ``channels`` its channel comparison, ``replies`` the reading of the
    replies (a :class:`~cxlib.empathy.support.ReplyReading`), ``link`` the empathy-CSAT link,
    ``ranking`` the agent ranking, ``speed`` the response times, ``wait`` the CSAT by wait and
    ``voice`` the tone across channels. A part that did not run is not scored, and no finding
    rests on it: the record quotes the sentence saying why it could not run.
    """
    parts = {"audit": audit, "channels": channels, "replies": replies, "link": link, "ranking": ranking,
             "speed": speed, "wait": wait, "voice": voice}
    v = {k: _value(p) for k, p in parts.items()}
    if isinstance(v["replies"], pd.DataFrame):  # score_replies output, read without a contrasting pair
        v["replies"] = ReplyReading(v["replies"], pd.DataFrame())
    why = {k: _reason(p) for k, p in parts.items()}
    read = v["replies"] if v["replies"] is not None and len(v["replies"].table) else None
    timed = v["speed"] if v["speed"] is not None and v["speed"].answered else None
    hero_spread = (v["channels"].hero_spread if v["channels"] is not None
                   else v["voice"].hero_spread if v["voice"] is not None else None)
    score = empathy_score(
        mean_hero=v["audit"].mean_score if v["audit"] is not None else None,
        mean_empathy=read.mean_score if read is not None else None,
        share_in_target=timed.in_target / 100 if timed is not None else None,
        tone_spread=v["voice"].tone_spread if v["voice"] is not None else None, hero_spread=hero_spread,
        reasons={"hero": why["audit"], "empathy": why["replies"], "speed": why["speed"],
                 "tone": why["voice"], "copy": why["channels"]})
    ranked = v["ranking"] if v["ranking"] is not None and len(v["ranking"].table) else None
    findings: list[Finding | str] = []
    recs: list[Recommendation | None] = []
    reserve: list[Recommendation] = []

    # 1. Empathetic replies and what they go with
    if read is not None and v["link"] is not None:
        findings.append(v["link"].finding(read))
        best = (ranked.leader["full_share"], "what the leading agent achieves today") if ranked is not None else ()
        recs.append(v["link"].recommendation(read, *best))
    elif read is not None:
        findings.append(read.unlinked_finding(why["link"] or "too few tickets carry a CSAT rating to measure it."))
        recs.append(_data_rec("Ask for a CSAT rating on every closed ticket", "Without ratings on enough tickets "
                              "the link between empathetic replies and satisfaction cannot be measured.")
                    if read.table["csat"].notna().sum() < MIN_PER_SIDE * 2 else
                    _data_rec("Record the time to the first response on every ticket", "Empathy is read at equal "
                              "waiting time; without it the link between empathetic replies and satisfaction "
                              "cannot be measured."))
    else:
        findings.append(why["replies"] or "Support empathy could not be assessed: no tickets dataset was provided.")
        recs.append(_data_rec("Export support tickets with the agent's reply and the customer's rating",
                              "Empathy in support, and how it goes with satisfaction, cannot be measured "
                              "without them.", impact="High"))
    # 2. Who is the hero of the copy
    copy = v["channels"] if v["channels"] is not None else v["audit"]
    if copy is not None:
        findings.append(copy.finding())
        recs.append(copy.recommendation())
    else:
        findings.append(why["audit"] or "The copy could not be audited: no messages dataset was provided.")
        recs.append(_data_rec("Collect the live marketing, website and app copy for a messaging audit",
                              "Whether the customer is the hero of the copy cannot be judged without it."))
    # 3. The coldest channel
    if v["voice"] is not None:
        findings.append(v["voice"].cold_finding())
        recs.append(v["voice"].cold_recommendation())
    # 4. Speed against the channel list's targets
    if timed is not None:
        findings.append(timed.finding(v["wait"]))
        recs.append(timed.recommendation())
    elif read is not None:
        reserve.append(_data_rec("Record the time to the first response on every ticket",
                                 why["speed"] or "Without it, how long customers wait cannot be measured."))
    # 5. Who writes with empathy (no agent named; flagged agents are not ranked)
    if ranked is not None:
        findings.append(ranked.finding())
        recs.append(ranked.recommendation(read.full_share if read is not None else ranked.leader["full_share"]))

    findings = [f for f in findings if f is not None]
    if len(findings) < 3 and v["audit"] is not None:
        findings.append(v["audit"].plain_language())  # without tickets, say more about the copy
    if len(findings) < 3 and v["audit"] is None and read is None:
        findings.append("With neither the copy nor the support replies the step is not assessed: nothing "
                        "the customer reads from the company could be measured.")
    # a dataset's absence is said once: the channel comparison of the copy, the tone comparison, the
    # response times and the ranking fail for the same reason as the audit or the replies do
    said = " ".join(f if isinstance(f, str) else f.text for f in findings)
    gaps = [why[k] for k in ("voice", "speed", "ranking", "channels")
            if why[k] and not (_missing(why[k]) and _missing(why[k]) in said)]
    gaps.append("The other parts of this step could not be assessed with the data provided.")
    return verdict(5, score, findings, [r for r in recs if r is not None], score_rule=SCORE_RULE,
                   gaps=gaps if len(findings) < 3 else gaps[:-1], reserve=[*reserve, PLAIN_LANGUAGE])
