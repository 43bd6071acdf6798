"""Step 5's verdict on empathy in messaging and support: score, findings and recommendations.

The score adds four parts (the rule is :data:`SCORE_RULE_TEXT`): the customer is the hero of the
copy (30 points), support replies are empathetic (30), customers hear back within the hour (20)
and the company speaks with one voice across channels (20). A part whose dataset is missing earns
no points and says so.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from cxlib.empathy.agents import AgentRanking, ordinal
from cxlib.empathy.consistency import Consistency, signed
from cxlib.empathy.messaging import MessagingAudit
from cxlib.empathy.support import CsatLink, ResponseSpeed
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
    "channels, nothing at 50 or more; in proportion between. A part whose dataset is missing earns "
    "no points. Maturity: Mature from 75, Competent from 50, Novice from 25, below that Ignoring."
)


def _scale(value: float, full_at: float, none_at: float) -> float:
    """1 at or below ``full_at``, 0 at or above ``none_at``, linear between."""
    return float(np.clip((none_at - value) / (none_at - full_at), 0, 1))


def empathy_score(*, mean_hero: float | None, mean_empathy: float | None,
                  share_within_hour: float | None, tone_spread: float | None,
                  hero_spread: float | None) -> StepScore:
    """Score step 5 0-100 by the rule in :data:`SCORE_RULE_TEXT`.

    Parameters
    ----------
    mean_hero : average customer-as-hero score of the copy (0-100); None without messages.
    mean_empathy : average empathy score of the replies (0-100); None without tickets.
    share_within_hour : share of answered tickets with a first response within 60 minutes
        (0-1); None without tickets or first-response times.
    tone_spread : warmest minus coldest channel's mean reply tone; None without tickets.
    hero_spread : best minus worst channel's mean hero score; None without messages.
    """
    def known(value) -> bool:
        return value is not None and np.isfinite(value)

    rows = []
    if known(mean_hero):
        rows.append(("Customer as hero", HERO_POINTS * mean_hero / 100, HERO_POINTS,
                     f"average customer-as-hero score of the copy {mean_hero:.0f}/100"))
    else:
        rows.append(("Customer as hero", None, HERO_POINTS, "not assessed: no messages dataset provided"))
    if known(mean_empathy):
        rows.append(("Empathetic replies", EMPATHY_POINTS * mean_empathy / 100, EMPATHY_POINTS,
                     f"average empathy score of the replies {mean_empathy:.0f}/100"))
    else:
        rows.append(("Empathetic replies", None, EMPATHY_POINTS, "not assessed: no tickets dataset provided"))
    if known(share_within_hour):
        rows.append(("Answered within the hour", SPEED_POINTS * share_within_hour, SPEED_POINTS,
                     f"{share_within_hour:.0%} of tickets answered within 60 minutes"))
    else:
        rows.append(("Answered within the hour", None, SPEED_POINTS,
                     "not assessed: " + ("no first-response times in the tickets" if known(mean_empathy)
                                         else "no tickets dataset provided")))
    if not known(tone_spread) and not known(hero_spread):
        rows.append(("One voice", None, VOICE_POINTS, "not assessed: neither replies nor copy measured"))
        return StepScore.from_rows(rows, subject="Empathy in messaging and support")
    voice, basis = 0.0, []
    if known(tone_spread):
        voice += VOICE_POINTS / 2 * _scale(tone_spread, TONE_SPREAD_FULL, TONE_SPREAD_NONE)
        basis.append(f"reply tone differs by {tone_spread:.2f} between channels")
    else:
        basis.append("reply tone not measured (no tickets)")
    if known(hero_spread):
        voice += VOICE_POINTS / 2 * _scale(hero_spread, HERO_SPREAD_FULL, HERO_SPREAD_NONE)
        basis.append(f"copy's hero score differs by {hero_spread:.0f} points")
    else:
        basis.append("copy not measured (no messages)")
    rows.append(("One voice", voice, VOICE_POINTS, "; ".join(basis)))
    return StepScore.from_rows(rows, subject="Empathy in messaging and support")


def assess(*, audit: MessagingAudit | None, replies: pd.DataFrame | None, link: CsatLink | None,
           ranking: AgentRanking | None, speed: ResponseSpeed | None,
           voice: Consistency | None) -> Assessment:
    """Score step 5 and write its findings and recommendations, in priority order.

    The arguments are the results of the step's analyses (``audit_messages``,
    ``score_replies``, ``empathy_csat``, ``rank_agents``, ``response_speed``, ``consistency``);
    each is None when the dataset it needs was not provided (``link`` also when too few tickets
    were rated), and the record then says so.
    """
    has_replies = replies is not None and len(replies) > 0
    score = empathy_score(
        mean_hero=audit.mean_score if audit is not None else None,
        mean_empathy=float(replies["empathy_score"].mean()) if has_replies else None,
        share_within_hour=speed.share / 100 if speed is not None and speed.answered else None,
        tone_spread=voice.tone_spread if voice is not None else None,
        hero_spread=voice.hero_spread if voice is not None else None)
    findings: list[str] = []
    recs: list[tuple[str, str, str, str]] = []  # action, why, impact, effort

    full_share = 100 * float(replies["full_pattern"].mean()) if has_replies else None
    if link is not None:
        findings.append(
            f"Replies that acknowledge, take ownership and reassure lift ticket CSAT by "
            f"{signed(link.adjusted)} on the 1-5 scale at the same first-response time (95% CI "
            f"{signed(link.adjusted_low)} to {signed(link.adjusted_high)}, n = "
            f"{link.rated:,} rated tickets), yet only {full_share:.0f}% of replies do all three.")
        recs.append(("Make acknowledge, own, reassure the standard shape of every support reply",
                     (f"It is worth {signed(link.adjusted, 1)} CSAT points a ticket and only "
                     f"{full_share:.0f}% of replies do it today."), "High", "Low"))
    elif has_replies:
        findings.append(f"{full_share:.0f}% of replies acknowledge, take ownership and reassure; "
                        "too few tickets carry a CSAT rating to measure what that is worth.")
        recs.append(("Ask for a CSAT rating on every closed ticket",
                     "Without ratings the effect of empathetic replies cannot be measured.",
                     "Medium", "Low"))
    else:
        findings.append("Support empathy could not be assessed: no tickets dataset was provided.")
        recs.append(("Export support tickets with the agent's reply and the customer's rating",
                     "Empathy in support, and what it is worth in CSAT, cannot be measured without them.",
                     "High", "Low"))

    if audit is not None and len(audit.assets):
        worst = audit.channel("worst")
        best = audit.channel("best")
        findings.append(
            f"{audit.company_centred} of {len(audit.assets)} marketing and website assets talk more "
            f"about {audit.brand_name} than about the customer; the {worst['channel']} copy scores "
            f"{worst['hero_score']:.0f}/100 on customer-as-hero ({int(worst['company_centred'])} of "
            f"{int(worst['assets'])} assets company-centred, {worst['jargon_per_100']:.0f} jargon terms "
            f"per 100 words) against {best['hero_score']:.0f}/100 for the {best['channel']} copy.")
        recs.append(((f"Rewrite the {worst['channel']} copy with the customer as the hero, "
                     f"worst-scoring assets first"),
                     (f"It scores {worst['hero_score']:.0f}/100; the {best['channel']} copy "
                     f"({best['hero_score']:.0f}/100) shows the voice that works."), "High", "Medium"))
    else:
        findings.append("The copy could not be audited: no messages dataset was provided.")
        recs.append(("Collect the live marketing, website and app copy for a messaging audit",
                     "Whether the customer is the hero of the copy cannot be judged without it.",
                     "Medium", "Low"))

    cold = voice.coldest if voice is not None else None
    if cold is not None and bool(cold["colder"]):
        findings.append(
            f"Support sounds coldest on {cold['channel']}: reply tone {signed(cold['reply_tone'])} "
            f"against {signed(cold['rest_tone'])} on the other channels (VADER, −1 to +1; "
            f"n = {int(cold['replies']):,} replies), with an empathy score of "
            f"{cold['empathy_score']:.0f}/100.")
        recs.append(((f"Retire the scripted {cold['channel']} reply templates and coach the "
                     f"{cold['channel']} team on the empathetic pattern"),
                     (f"{cold['channel'].capitalize()} replies are the coldest of any channel "
                     f"(tone {signed(cold['reply_tone'])})."), "High", "Low"))

    if speed is not None and speed.answered:
        slow = speed.by_channel[speed.by_channel["share"] < 50]
        bands = speed.by_band.set_index("band")
        cost = ""
        if {"Within an hour", "Over 8 hours"} <= set(bands.index) and bands["rated"].min() > 0:
            cost = (f"; tickets answered within the hour are rated "
                    f"{bands.loc['Within an hour', 'csat']:.1f} against "
                    f"{bands.loc['Over 8 hours', 'csat']:.1f} after 8 hours or more")
        findings.append(f"{speed.share:.0f}% of tickets get a first response within an hour "
                        f"({speed.within_hour:,} of {speed.answered:,}){cost}.")
        if len(slow):
            names = ", ".join(slow["channel"])
            recs.append((f"Answer written channels ({names}) within the hour, as Slack does",
                         (f"Only {slow['within_hour'].sum() / slow['answered'].sum():.0%} of their "
                         f"tickets are answered within 60 minutes today."), "High", "High"))

    if ranking is not None and len(ranking.table):
        top, raw = ranking.leader, ranking.raw_leader
        text = (f"{top['agent_id']} is the most empathetic agent ({top['full_share']:.0f}% of "
                f"{int(top['replies'])} replies follow the full pattern)")
        if raw["agent_id"] != top["agent_id"]:
            text += (f"; {raw['agent_id']}'s perfect-looking {raw['raw_score']:.0f}/100 rests on "
                     f"{int(raw['replies'])} replies and ranks {ordinal(int(raw['rank']))} once shrunk to "
                     f"the team mean")
        findings.append(text + ".")
        recs.append(((f"Build the reply playbook and coaching from {top['agent_id']}'s replies; rank "
                     "agents on shrunk scores, never on raw averages"),
                     "A handful of good replies is not yet a track record.", "Medium", "Low"))

    if len(findings) < 3 and audit is not None and len(audit.assets):
        findings.append(audit.plain_language())  # without tickets, say more about the copy
    findings = findings[:5]
    if len(findings) < 3:  # neither messages nor tickets: say what the score rests on
        findings.append("With neither dataset the step is not assessed: nothing the customer reads from "
                        "the company could be measured.")
    if len(recs) < 3:
        recs.append(("Set a plain-language standard for all copy: no jargon, reading grade 8 or below",
                     "Customers act on what they understand at first reading.", "Medium", "Low"))
    recommendations = tuple(Recommendation(i, action, why, impact=impact, effort=effort)
                            for i, (action, why, impact, effort) in enumerate(recs[:5], 1))
    step = StepResult(step=5, title="Want more effective messaging? Get your empathy on.",
                      score=score.score, findings=tuple(findings), recommendations=recommendations,
                      score_rule=SCORE_RULE)
    return Assessment(score, step)
