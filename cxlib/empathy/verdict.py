"""Step 5's verdict on empathy in messaging and support: score, findings and recommendations.

The score adds four parts (the rule is :data:`SCORE_RULE_TEXT`): the customer is the hero of the
copy (30 points), support replies are empathetic (30), customers hear back within the hour (20)
and the company speaks with one voice across channels (20). A part whose section could not run is
not assessed: the score is taken over the parts that ran, and a step with none is not assessed.
Findings and recommendations rest only on sections that ran; for the others they say what is missing.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from cxlib.empathy.agents import CLOSE, ordinal
from cxlib.empathy.consistency import signed
from cxlib.empathy.support import FAST_BAND, MIN_PER_SIDE, SLOW_BAND
from cxlib.report.record import Assessment, Recommendation, StepResult, StepScore

HERO_POINTS, EMPATHY_POINTS, SPEED_POINTS, VOICE_POINTS = 30, 30, 20, 20
TONE_SPREAD_FULL, TONE_SPREAD_NONE = 0.10, 0.50
HERO_SPREAD_FULL, HERO_SPREAD_NONE = 10.0, 50.0
SCORE_RULE = "hero copy 30, empathetic replies 30, answered within the hour 20, one voice 20"
SCORE_RULE_TEXT = (
    "**How the score is built.** Four parts add up to 100. *Customer as hero* (30 points): 30 × "
    "the average customer-as-hero score of the marketing and website copy, out of 100. "
    "*Empathetic replies* (30): 30 × the average empathy score of the support replies, out of 100 "
    "(20 points for each move a reply makes: acknowledges, apologises, takes ownership, reassures, "
    "mirrors the customer's words). *Answered within the hour* (20): 20 × the share of tickets "
    "with a first response within 60 minutes. *One voice* (20): 10 points when the tone of replies "
    "differs by 0.10 or less between the warmest and the coldest channel, nothing at 0.50 or more; "
    "10 points when the copy's average customer-as-hero score differs by 10 points or less between "
    "channels, nothing at 50 or more; in proportion between; when only one of the two can be "
    "compared it stands for the whole part. A part whose data is missing or too "
    "thin is not assessed: the score is taken over the parts that were, on the same 0-100 scale, and "
    "no maturity is claimed when less than half the weight could be assessed. Maturity: Mature from "
    "75, Competent from 50, Novice from 25, below that Ignoring."
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
                  share_within_hour: float | None, tone_spread: float | None,
                  hero_spread: float | None, reasons: dict[str, str | None] | None = None) -> StepScore:
    """Score step 5 0-100 by the rule in :data:`SCORE_RULE_TEXT`.

    Parameters
    ----------
    mean_hero : average customer-as-hero score of the copy (0-100); None when not audited.
    mean_empathy : average empathy score of the replies (0-100); None when not read.
    share_within_hour : share of answered tickets with a first response within 60 minutes
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
    if _known(share_within_hour):
        rows.append(("Answered within the hour", SPEED_POINTS * share_within_hour, SPEED_POINTS,
                     f"{round(100 * share_within_hour, 6):.0f}% of tickets answered within 60 minutes"))
    else:
        rows.append(("Answered within the hour", None, SPEED_POINTS, _not_assessed(
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
        basis.append(f"copy's hero score differs by {hero_spread:.0f} points")
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


def assess(*, audit: Any = None, channels: Any = None, replies: Any = None, link: Any = None,
           ranking: Any = None, speed: Any = None, wait: Any = None, voice: Any = None) -> Assessment:
    """Score step 5 and write its findings and recommendations, in priority order.

    Each argument is a :class:`cxlib.sections.Section` of the step (or its ``.value()``, or None):
    ``audit`` the copy audit, ``channels`` its channel comparison, ``replies`` the reading of the
    replies (a ``ReplyReading``, or ``score_replies`` output), ``link`` the empathy-CSAT link,
    ``ranking`` the agent ranking, ``speed`` the response times, ``wait`` the CSAT by wait and
    ``voice`` the tone across channels. A part that did not run is not scored, and no finding
    rests on it: the record quotes the sentence saying why it could not run.
    """
    parts = {"audit": audit, "channels": channels, "replies": replies, "link": link, "ranking": ranking,
             "speed": speed, "wait": wait, "voice": voice}
    values = {k: _value(v) for k, v in parts.items()}
    why = {k: _reason(v) for k, v in parts.items()}
    audit_v, channels_v, replies_v, link_v = (values[k] for k in ("audit", "channels", "replies", "link"))
    ranking_v, speed_v, wait_v, voice_v = (values[k] for k in ("ranking", "speed", "wait", "voice"))
    scored = getattr(replies_v, "table", replies_v)
    has_replies = scored is not None and len(scored) > 0
    if channels_v is not None:
        hero_spread = channels_v.hero_spread
    else:  # a comparison made only through the voice table still counts
        hero_spread = voice_v.hero_spread if voice_v is not None else None
    score = empathy_score(
        mean_hero=audit_v.mean_score if audit_v is not None else None,
        mean_empathy=float(scored["empathy_score"].mean()) if has_replies else None,
        share_within_hour=speed_v.share / 100 if speed_v is not None and speed_v.answered else None,
        tone_spread=voice_v.tone_spread if voice_v is not None else None,
        hero_spread=hero_spread,
        reasons={"hero": why["audit"], "empathy": why["replies"], "speed": why["speed"],
                 "tone": why["voice"], "copy": why["channels"]})
    findings: list[str] = []
    recs: list[tuple[str, str, str, str]] = []  # action, why, impact, effort
    fillers: list[tuple[str, str, str, str]] = []  # asked for only when fewer than three recs

    full_share = 100 * float(scored["full_pattern"].mean()) if has_replies else None
    if link_v is not None and has_replies and not link_v.significant:
        findings.append(
            f"Replies that acknowledge, take ownership and reassure are rated no differently beyond chance at the "
            f"same first-response time ({signed(link_v.adjusted)} on the 1-5 scale, 95% CI "
            f"{signed(link_v.adjusted_low)} to {signed(link_v.adjusted_high)}, n = {link_v.rated:,} rated "
            f"tickets); {full_share:.0f}% of replies do all three.")
    elif link_v is not None and has_replies:
        findings.append(
            f"Replies that acknowledge, take ownership and reassure go with a ticket CSAT "
            f"{signed(link_v.adjusted)} higher on the 1-5 scale at the same first-response time (95% CI "
            f"{signed(link_v.adjusted_low)} to {signed(link_v.adjusted_high)}, n = "
            f"{link_v.rated:,} rated tickets), yet only {full_share:.0f}% of replies do all three.")
        recs.append(("Make acknowledge, own, reassure the standard shape of every support reply",
                     (f"Replies of that shape are rated {signed(link_v.adjusted, 1)} higher at the same "
                      f"wait, and only {full_share:.0f}% of replies have it today."), "High", "Low"))
    elif has_replies:
        lack = why["link"] or "too few tickets carry a CSAT rating to measure it."
        findings.append(f"{full_share:.0f}% of {len(scored):,} replies acknowledge, take ownership and "
                        f"reassure; whether that goes with higher satisfaction is not known: "
                        f"{lack[:1].lower()}{lack[1:]}")
        if scored["csat"].notna().sum() < MIN_PER_SIDE * 2:
            recs.append(("Ask for a CSAT rating on every closed ticket",
                         ("Without ratings on enough tickets the link between empathetic replies and "
                          "satisfaction cannot be measured."), "Medium", "Low"))
        else:
            recs.append(("Record the time to the first response on every ticket",
                         ("Empathy is read at equal waiting time; without it the link between empathetic "
                          "replies and satisfaction cannot be measured."), "Medium", "Low"))
    else:
        findings.append(why["replies"] or "Support empathy could not be assessed: no tickets dataset was provided.")
        recs.append(("Export support tickets with the agent's reply and the customer's rating",
                     "Empathy in support, and how it goes with satisfaction, cannot be measured without them.",
                     "High", "Low"))

    if channels_v is not None:
        copy = channels_v.audit
        worst, best = copy.channel("worst"), copy.channel("best")
        findings.append(
            f"{copy.company_centred} of {len(copy.assets)} marketing and website assets talk more "
            f"about {copy.brand_name} than about the customer; the {worst['channel']} copy scores "
            f"{worst['hero_score']:.0f}/100 on customer-as-hero ({int(worst['company_centred'])} of "
            f"{int(worst['assets'])} assets company-centred, {worst['jargon_per_100']:.0f} jargon terms "
            f"per 100 words) against {best['hero_score']:.0f}/100 for the {best['channel']} copy.")
        recs.append(((f"Rewrite the {worst['channel']} copy with the customer as the hero, "
                     f"worst-scoring assets first"),
                     (f"It scores {worst['hero_score']:.0f}/100; the {best['channel']} copy "
                     f"({best['hero_score']:.0f}/100) shows the voice that works."), "High", "Medium"))
    elif audit_v is not None:
        findings.append(audit_v.headline().split(". ")[0] + ".")
        recs.append(("Rewrite the copy with the customer as the hero, lowest-scoring assets first",
                     f"The copy averages {audit_v.mean_score:.0f}/100 on customer-as-hero.", "High", "Medium"))
    else:
        findings.append(why["audit"] or "The copy could not be audited: no messages dataset was provided.")
        recs.append(("Collect the live marketing, website and app copy for a messaging audit",
                     "Whether the customer is the hero of the copy cannot be judged without it.",
                     "Medium", "Low"))

    cold = voice_v.coldest if voice_v is not None else None
    if cold is not None and bool(cold["colder"]):
        findings.append(
            f"Support sounds coldest on {cold['channel']}: reply tone {signed(cold['reply_tone'])} "
            f"against {signed(cold['rest_tone'])} on the other channels (VADER, −1 to +1; "
            f"n = {int(cold['replies']):,} replies), with an empathy score of "
            f"{cold['empathy_score']:.0f}/100.")
        recs.append(((f"Retire the scripted {cold['channel']} reply templates and coach the "
                     f"{cold['channel']} team on the empathetic pattern"),
                     (f"{str(cold['channel']).capitalize()} replies are the coldest of any channel "
                     f"(tone {signed(cold['reply_tone'])})."), "High", "Low"))

    if speed_v is not None and speed_v.answered:
        slow = speed_v.by_channel[speed_v.by_channel["share"] < 50]
        cost = ""
        if wait_v is not None:
            bands = wait_v.by_band.set_index("band")
            fast_n, slow_n = bands.loc[FAST_BAND, "rated"], bands.loc[SLOW_BAND, "rated"]
            if min(fast_n, slow_n) >= MIN_PER_SIDE:
                cost = (f"; tickets answered within the hour are rated "
                        f"{bands.loc[FAST_BAND, 'csat']:.1f} against "
                        f"{bands.loc[SLOW_BAND, 'csat']:.1f} after 8 hours or more")
        findings.append(f"{speed_v.share:.0f}% of tickets get a first response within an hour "
                        f"({speed_v.within_hour:,} of {speed_v.answered:,}){cost}.")
        if len(slow):
            names = _listed(slow["channel"].astype(str).tolist())
            within = int(slow["within_hour"].sum())
            today = (f"None of their {int(slow['answered'].sum()):,} answered tickets get a first response "
                     f"within 60 minutes today." if within == 0 else
                     f"Only {within / slow['answered'].sum():.0%} of their tickets are answered within "
                     f"60 minutes today.")
            recs.append((f"Answer {names} tickets within the hour, as Slack does", today, "High", "High"))
    elif has_replies and not any(r[0].startswith("Record the time") for r in recs):
        fillers.append(("Record the time to the first response on every ticket",
                        why["speed"] or "Without it, how long customers wait cannot be measured.", "Medium", "Low"))

    if ranking_v is not None and len(ranking_v.table):
        top, raw = ranking_v.leader, ranking_v.raw_leader
        text = (f"{top['agent_id']} is the most empathetic agent ({top['full_share']:.0f}% of "
                f"{int(top['replies'])} replies follow the full pattern)")
        if ranking_v.close:
            text = (f"{top['agent_id']} leads the agents on empathy ({top['full_share']:.0f}% of "
                    f"{int(top['replies'])} replies follow the full pattern), with "
                    f"{_listed(ranking_v.close)} within {CLOSE:.0f} points")
        if raw["agent_id"] != top["agent_id"]:
            text += (f"; {raw['agent_id']}'s perfect-looking {raw['raw_score']:.0f}/100 rests on "
                     f"{int(raw['replies'])} replies and ranks {ordinal(int(raw['rank']))} once shrunk to "
                     f"the team mean")
        findings.append(text + ".")
        recs.append(((f"Build the reply playbook and coaching from {top['agent_id']}'s replies; rank "
                     "agents on shrunk scores, never on raw averages"),
                     "A handful of good replies is not yet a track record.", "Medium", "Low"))

    if len(findings) < 3 and audit_v is not None:
        findings.append(audit_v.plain_language())  # without tickets, say more about the copy
    for key in ("voice", "speed", "ranking", "channels"):
        if len(findings) < 3 and why[key] and why[key] not in findings:
            findings.append(why[key])
    findings = findings[:5]
    if len(findings) < 3 and audit_v is None and not has_replies:
        findings.append("With neither the copy nor the support replies the step is not assessed: nothing "
                        "the customer reads from the company could be measured.")
    if len(findings) < 3:
        findings.append("The other parts of this step could not be assessed with the data provided.")
    recs += fillers
    if len(recs) < 3:
        recs.append(("Set a plain-language standard for all copy: no jargon, reading grade 8 or below",
                     "Customers act on what they understand at first reading.", "Medium", "Low"))
    recommendations = tuple(Recommendation(i, action, why_, impact=impact, effort=effort)
                            for i, (action, why_, impact, effort) in enumerate(recs[:5], 1))
    step = StepResult(step=5, title="Want more effective messaging? Get your empathy on.",
                      score=score.score, findings=tuple(findings), recommendations=recommendations,
                      score_rule=SCORE_RULE)
    return Assessment(score, step)


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
