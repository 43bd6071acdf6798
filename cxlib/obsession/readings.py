"""Readings: each measure of :data:`cxlib.obsession.evidence.MEASURES` computed from a dataset.

A reading is a value in the measure's own unit (a share 0-1, a mean, a gap in points) with its 95%
interval where it comes from a sample, its sample size and a sentence that says it; or, when the
dataset or column is absent, the reason it could not be read. Each function reuses the public
function of the step that owns the analysis and takes None for a dataset that was not provided.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from cxlib.brand.reviews import rating_summary
from cxlib.competition.social import duration_text, responsiveness
from cxlib.culture.contact import contact_by_department
from cxlib.culture.dimensions import mean_interval
from cxlib.empathy.messaging import EASY_GRADE, score_messages
from cxlib.metrics.satisfaction import ces, csat
from cxlib.omnichannel.channels import in_text, normalise
from cxlib.omnichannel.continuity import switch_continuity
from cxlib.omnichannel.convenience import convenience_index
from cxlib.omnichannel.effort import effort_by_channel
from cxlib.omnichannel.speed import response_speed

MIN_PER_CHANNEL = 30  # answers a channel needs to enter a consistency comparison


@dataclass(frozen=True)
class Reading:
    """A measure's value as found in the data (or why it could not be found).

    ``value``, ``low`` and ``high`` are in the measure's own unit (shares 0-1, means, points);
    ``low``/``high`` are NaN when the measure has no interval; ``finding`` says it in words.
    """

    key: str
    value: float = float("nan")
    low: float = float("nan")
    high: float = float("nan")
    n: int = 0
    finding: str = ""
    note: str = ""

    @property
    def available(self) -> bool:
        return bool(np.isfinite(self.value))


def missing(key: str, note: str) -> Reading:
    """A reading that could not be taken, with the reason."""
    return Reading(key, note=note)


def _wilson(hits: int, n: int) -> tuple[float, float, float]:
    low, high = proportion_confint(hits, n, alpha=0.05, method="wilson")
    return hits / n, float(low), float(high)


def _answers(frame: pd.DataFrame | None, column: str) -> pd.Series | None:
    if frame is None or column not in frame.columns:
        return None
    values = pd.to_numeric(frame[column], errors="coerce").astype(float).dropna()
    return values if len(values) else None


def _ci(low: float, high: float, fmt: str) -> str:
    return f"95% CI {low:{fmt}}-{high:{fmt}}" if np.isfinite(low) and np.isfinite(high) else "no interval"


# --- employees: hiring, training, customer contact ----------------------------------------------
def staff_readings(employees: pd.DataFrame | None) -> list[Reading]:
    """Hired for customer focus, CX training received (mean agreement) and customer contact."""
    readings = []
    for key, column in (("hired_for_focus", "q_hired_for_customer_focus"),
                        ("cx_training", "q_received_cx_training")):
        if employees is None:
            readings.append(missing(key, "no employee survey provided"))
            continue
        answers = _answers(employees, column)
        if answers is None:
            readings.append(missing(key, f"the employee survey does not ask {column}"))
            continue
        n, mean, low, high = mean_interval(answers)
        agree = float((answers >= 4).mean())
        readings.append(Reading(key, mean, low, high, n,
                                f"mean {mean:.1f} of 5 ({_ci(low, high, '.1f')}, n = {n:,} staff); "
                                f"{agree:.0%} agree"))
    if employees is None or employees["customer_contact"].dropna().empty:
        readings.append(missing("customer_contact", "no employee survey provided"
                                 if employees is None else "nobody answered customer_contact"))
    else:
        contact = contact_by_department(employees)
        hits = round(contact.overall_regular * contact.n)
        share, low, high = _wilson(hits, contact.n)
        readings.append(Reading("customer_contact", share, low, high, contact.n,
                                f"{share:.0%} of {contact.n:,} staff ({_ci(low, high, '.0%')}); "
                                f"{contact.overall_never:.0%} never do"))
    return readings


# --- survey: effort, delight, personalization ---------------------------------------------------
def effort_reading(survey: pd.DataFrame | None) -> Reading:
    """Mean CES with its interval (step 7's :func:`cxlib.metrics.satisfaction.ces`)."""
    answers = _answers(survey, "ces")
    if answers is None:
        return missing("effort", "no survey provided" if survey is None else "the survey has no CES answers")
    result = ces(answers)
    return Reading("effort", result.mean, result.low, result.high, result.n,
                   f"mean {result.mean:.1f} of 7 ({_ci(result.low, result.high, '.1f')}, "
                   f"n = {result.n:,}); {result.share_easy:.0f}% found it easy (5-7)")


def delight_readings(survey: pd.DataFrame | None, reviews: pd.DataFrame | None) -> list[Reading]:
    """Share of CSAT answers at 5 of 5 and share of 5-star public reviews, with Wilson intervals."""
    readings = []
    answers = _answers(survey, "csat")
    if answers is None:
        readings.append(missing("top_box_csat", "no survey provided" if survey is None
                                 else "the survey has no CSAT answers"))
    else:
        hits, n = int((answers == 5).sum()), len(answers)
        share, low, high = _wilson(hits, n)
        satisfied = csat(answers)
        readings.append(Reading("top_box_csat", share, low, high, n,
                                f"{share:.0%} of {n:,} answers ({_ci(low, high, '.0%')}); "
                                f"{satisfied.share:.0f}% give 4 or 5"))
    stars = _answers(reviews, "rating")
    if stars is None:
        readings.append(missing("five_star_reviews", "no reviews provided" if reviews is None
                                 else "the reviews have no ratings"))
    else:
        summary = rating_summary(reviews)
        hits = int(summary.distribution.set_index("rating").at[5, "reviews"])
        share, low, high = _wilson(hits, summary.n)
        readings.append(Reading("five_star_reviews", share, low, high, summary.n,
                                f"{share:.0%} of {summary.n:,} reviews ({_ci(low, high, '.0%')}); "
                                f"mean {summary.mean:.1f} stars"))
    return readings


def personalization_reading(survey: pd.DataFrame | None) -> Reading:
    """Mean ``attr_personalization`` rating with a t interval."""
    answers = _answers(survey, "attr_personalization")
    if answers is None:
        return missing("personalization", "no survey provided" if survey is None
                        else "the survey does not rate personalization (attr_personalization)")
    n, mean, low, high = mean_interval(answers)
    return Reading("personalization", mean, low, high, n,
                   f"mean {mean:.1f} of 5 ({_ci(low, high, '.1f')}, n = {n:,}); "
                   f"{(answers >= 4).mean():.0%} rate it 4-5")


# --- social: answer rate and speed ---------------------------------------------------------------
def social_readings(social: pd.DataFrame | None, client: str | None) -> list[Reading]:
    """The client's share of posts answered and share of answers within two hours (step 2)."""
    keys = ("social_answered", "social_speed")
    if social is None:
        return [missing(k, "no social dataset provided") for k in keys]
    if "responded" not in social or social["responded"].isna().all():
        return [missing(k, "the social export does not say which posts were answered") for k in keys]
    result = responsiveness(social, client or "")
    me = result.client_row
    if me is None:
        return [missing(k, "the social dataset has no posts about the client") for k in keys]
    mentions, answered = int(me["mentions"]), int(me["answered"])
    share, low, high = _wilson(answered, mentions)
    readings = [Reading("social_answered", share, low, high, mentions,
                        f"{answered:,} of {mentions:,} posts answered: {share:.0%} "
                        f"({_ci(low, high, '.0%')})")]
    timed = int(me["timed"])
    if timed == 0:
        readings.append(missing("social_speed", "no response times recorded"))
    else:
        hits = round(me["within_2h"] / 100 * timed)
        fast, f_low, f_high = _wilson(hits, timed)
        readings.append(Reading("social_speed", fast, f_low, f_high, timed,
                                f"{fast:.0%} of {timed:,} answers ({_ci(f_low, f_high, '.0%')}); "
                                f"median {duration_text(me['median_minutes'])}"))
    return readings


# --- messages: jargon and reading grade ----------------------------------------------------------
def language_readings(messages: pd.DataFrame | None, brand_name: str | None = None) -> list[Reading]:
    """Share of messages without jargon and share readable at grade 8 or below (step 5's audit)."""
    keys = ("jargon_free", "plain_reading")
    if messages is None or messages.empty:
        return [missing(k, "no messages provided") for k in keys]
    scored = score_messages(messages, brand_name=brand_name)
    n = len(scored)
    clean = int((scored["jargon_terms"] == 0).sum())
    terms = (scored["jargon"].str.split("; ").explode().replace("", np.nan).dropna().value_counts())
    common = ", ".join(f"\u201c{t}\u201d" for t in terms.index[:2])
    plain = int((scored["reading_grade"] <= EASY_GRADE).sum())
    grade = float(scored["reading_grade"].mean())
    return [
        Reading("jargon_free", clean / n, n=n,
                finding=f"{clean} of {n} messages" + (f"; most frequent jargon {common}" if common else "")),
        Reading("plain_reading", plain / n, n=n,
                finding=f"{plain} of {n} messages; average grade {grade:.0f}"),
    ]


# --- interactions: continuity and convenience ----------------------------------------------------
def continuity_reading(interactions: pd.DataFrame | None) -> Reading:
    """Share of channel switches without repeated information (step 4's continuity)."""
    if interactions is None:
        return missing("no_repeat", "no interactions provided")
    result = switch_continuity(interactions)
    if result.recorded == 0:
        return missing("no_repeat", "whether customers repeated information was not recorded")
    return Reading("no_repeat", 1 - result.repeat_share, 1 - result.repeat_high,
                   1 - result.repeat_low, result.recorded,
                   f"customers repeated information in {result.repeat_share:.0%} of "
                   f"{result.recorded:,} switches ({_ci(result.repeat_low, result.repeat_high, '.0%')})")


def convenience_reading(interactions: pd.DataFrame | None, channels: pd.DataFrame | None = None,
                        survey: pd.DataFrame | None = None) -> Reading:
    """Step 4's convenience index, averaged over contacts (each channel weighted by its contacts)."""
    if interactions is None:
        return missing("convenience", "no interactions provided")
    speed = response_speed(interactions, channels)
    effort = (effort_by_channel(survey) if _answers(survey, "ces") is not None else None)
    result = convenience_index(interactions, speed, effort, switch_continuity(interactions))
    table = result.table.dropna(subset=["index"])
    if table.empty:
        return missing("convenience", "no channel could be scored")
    weights = table["contacts"].astype(float)
    mean = float((table["index"] * weights).sum() / weights.sum())
    best, worst = table.iloc[0], table.iloc[-1]
    return Reading("convenience", mean, n=int(weights.sum()),
                   finding=f"{mean:.0f} of 100 over {int(weights.sum()):,} contacts; from "
                           f"{best['index']:.0f} ({in_text(best['channel'])}) to "
                           f"{worst['index']:.0f} ({in_text(worst['channel'])})")


# --- consistency across channels ----------------------------------------------------------------
def _satisfied_by_channel(frame: pd.DataFrame, column: str, min_n: int) -> pd.DataFrame:
    rows = pd.DataFrame({"channel": normalise(frame["channel"]),
                         "score": pd.to_numeric(frame[column], errors="coerce")}).dropna()
    table = rows.groupby("channel")["score"].agg(n="size", satisfied=lambda s: float((s >= 4).mean()))
    return table[table["n"] >= min_n].sort_values("satisfied", ascending=False)


def consistency_readings(survey: pd.DataFrame | None, journey: pd.DataFrame | None, *,
                         min_n: int = MIN_PER_CHANNEL) -> list[Reading]:
    """Gap in share satisfied (4-5 of 5) between the best and worst channel, in points.

    In the survey: CSAT by the channel of the rated contact. In the journey: within each stage
    served by two or more channels, touchpoint satisfaction of the best against the worst channel,
    averaged over those stages (so that channels are compared on the same kind of task).
    Channels need ``min_n`` answers.
    """
    readings = []
    if _answers(survey, "csat") is None:
        readings.append(missing("survey_consistency", "no survey provided" if survey is None
                                 else "the survey has no CSAT answers"))
    else:
        table = _satisfied_by_channel(survey, "csat", min_n)
        if len(table) < 2:
            readings.append(missing("survey_consistency", "fewer than two channels have enough answers"))
        else:
            spread = 100 * (table["satisfied"].iloc[0] - table["satisfied"].iloc[-1])
            readings.append(Reading(
                "survey_consistency", spread, n=int(table["n"].sum()),
                finding=f"{spread:.0f} points: from {table['satisfied'].iloc[0]:.0%} "
                        f"({in_text(table.index[0])}) to {table['satisfied'].iloc[-1]:.0%} "
                        f"({in_text(table.index[-1])}) across {len(table)} channels"))
    if journey is None or _answers(journey, "satisfaction") is None:
        readings.append(missing("journey_consistency", "no journey provided" if journey is None
                                 else "the journey has no satisfaction ratings"))
        return readings
    stages = []
    for stage, part in journey.groupby("stage", sort=False):
        table = _satisfied_by_channel(part, "satisfaction", min_n)
        if len(table) >= 2:
            stages.append((stage, 100 * (table["satisfied"].iloc[0] - table["satisfied"].iloc[-1]),
                           table, int(table["n"].sum())))
    if not stages:
        readings.append(missing("journey_consistency",
                                 "no journey stage has two channels with enough ratings"))
        return readings
    spread = float(np.mean([s[1] for s in stages]))
    stage, _, table, _ = max(stages, key=lambda s: s[1])
    where = (f"{spread:.0f} points on average over {len(stages)} stages; widest at {stage}"
             if len(stages) > 1 else f"{spread:.0f} points at {stage}, the one stage served by "
                                     "two channels or more")
    readings.append(Reading(
        "journey_consistency", spread, n=sum(s[3] for s in stages),
        finding=f"{where}: {table['satisfied'].iloc[0]:.0%} ({in_text(table.index[0])}) against "
                f"{table['satisfied'].iloc[-1]:.0%} ({in_text(table.index[-1])})"))
    return readings
