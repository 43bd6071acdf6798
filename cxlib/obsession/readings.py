"""Readings: each measure of :data:`cxlib.obsession.evidence.MEASURES` computed from a dataset.

A reading is a value in the measure's own unit (a share 0-1, a mean, a gap in points) with its 95%
range where it comes from a sample (a Wilson interval for a share, a t interval for a mean), its
sample size and a sentence that says it in plain words (the range is in ``low`` and ``high``, never
in the sentence); or, when the
dataset, a column or the minimum sample of the measure's rule (:data:`cxlib.sections.PRACTICE_EVIDENCE`)
is missing, the one sentence saying why it could not be read. Each function reuses the public function
of the step that owns the analysis and takes None for a dataset that was not provided.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from cxlib.brand.reviews import rating_summary
from cxlib.competition.social import responsiveness
from cxlib.culture.contact import contact_by_department
from cxlib.culture.dimensions import mean_interval
from cxlib.empathy.messaging import EASY_GRADE, score_messages
from cxlib.metrics.satisfaction import ces, csat
from cxlib.omnichannel.channels import in_text, normalise
from cxlib.omnichannel.continuity import switch_continuity
from cxlib.omnichannel.convenience import convenience_index
from cxlib.omnichannel.effort import effort_by_channel
from cxlib.omnichannel.speed import response_speed
from cxlib.sections.step1 import MIN_PER_CHANNEL, PRACTICE_EVIDENCE, dataset_noun
from cxlib.wording import duration


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


def _short(key: str, dataset: str, frame: pd.DataFrame | None) -> str | None:
    """Why the measure ``key`` cannot be read from ``frame`` (its rule in step 1's sections), or None."""
    return PRACTICE_EVIDENCE[key].shortfall({dataset: frame})


def _present(key: str, dataset: str, frame: pd.DataFrame | None) -> str | None:
    """Why the dataset or columns of measure ``key`` are missing, or None; its minimum is checked
    on the rows it counts (the client's posts, the channel switches) with ``count_shortfall``."""
    return replace(PRACTICE_EVIDENCE[key], min_rows=1).shortfall({dataset: frame})


# --- employees: hiring, training, customer contact ----------------------------------------------
def staff_readings(employees: pd.DataFrame | None) -> list[Reading]:
    """Hired for customer focus, CX training received (mean agreement) and customer contact."""
    readings = []
    for key, column in (("hired_for_focus", "q_hired_for_customer_focus"),
                        ("cx_training", "q_received_cx_training")):
        reason = _short(key, "employees", employees)
        if reason:
            readings.append(missing(key, reason))
            continue
        answers = _answers(employees, column)
        n, mean, low, high = mean_interval(answers)
        agree = float((answers >= 4).mean())
        readings.append(Reading(key, mean, low, high, n,
                                f"mean {mean:.1f} of 5 from {n:,} staff; {agree:.0%} agree"))
    reason = _short("customer_contact", "employees", employees)
    if reason:
        readings.append(missing("customer_contact", reason))
    else:
        contact = contact_by_department(employees)
        hits = round(contact.overall_regular * contact.n)
        share, low, high = _wilson(hits, contact.n)
        readings.append(Reading("customer_contact", share, low, high, contact.n,
                                f"{share:.0%} of {contact.n:,} staff; {contact.overall_never:.0%} never do"))
    return readings


# --- survey: effort, delight, personalization ---------------------------------------------------
def effort_reading(survey: pd.DataFrame | None) -> Reading:
    """Mean CES with its interval (step 7's :func:`cxlib.metrics.satisfaction.ces`)."""
    reason = _short("effort", "survey", survey)
    if reason:
        return missing("effort", reason)
    result = ces(_answers(survey, "ces"))
    return Reading("effort", result.mean, result.low, result.high, result.n,
                   f"mean {result.mean:.1f} of 7 from {result.n:,} answers; {result.share_easy:.0f}% found "
                   "it easy (5-7)")


def delight_readings(survey: pd.DataFrame | None, reviews: pd.DataFrame | None) -> list[Reading]:
    """Share of CSAT answers at 5 of 5 and share of 5-star public reviews, with Wilson intervals."""
    readings = []
    reason = _short("top_box_csat", "survey", survey)
    if reason:
        readings.append(missing("top_box_csat", reason))
    else:
        answers = _answers(survey, "csat")
        hits, n = int((answers == 5).sum()), len(answers)
        share, low, high = _wilson(hits, n)
        satisfied = csat(answers)
        readings.append(Reading("top_box_csat", share, low, high, n,
                                f"{share:.0%} of {n:,} answers; {satisfied.share:.0f}% give 4 or 5"))
    reason = _short("five_star_reviews", "reviews", reviews)
    if reason:
        readings.append(missing("five_star_reviews", reason))
    else:
        summary = rating_summary(reviews)
        stars = summary.distribution.set_index("rating")["reviews"]
        hits = int(stars.get(5, 0))
        share, low, high = _wilson(hits, summary.n)
        readings.append(Reading("five_star_reviews", share, low, high, summary.n,
                                f"{share:.0%} of {summary.n:,} reviews; mean {summary.mean:.1f} stars"))
    return readings


def personalization_reading(survey: pd.DataFrame | None) -> Reading:
    """Mean ``attr_personalization`` rating with a t interval."""
    reason = _short("personalization", "survey", survey)
    if reason:
        return missing("personalization", reason)
    answers = _answers(survey, "attr_personalization")
    n, mean, low, high = mean_interval(answers)
    return Reading("personalization", mean, low, high, n,
                   f"mean {mean:.1f} of 5 from {n:,} answers; {(answers >= 4).mean():.0%} rate it 4-5")


# --- social: answer rate and speed ---------------------------------------------------------------
def social_readings(social: pd.DataFrame | None, client: str | None) -> list[Reading]:
    """The client's share of posts answered and share of answers within two hours (step 2).

    Both are stated on the client's own posts: the answer rate on those whose answered flag is
    known, the speed on the answers with a response time, each needing step 2's minimum.
    """
    keys = ("social_answered", "social_speed")
    reason = _present("social_answered", "social", social)
    if reason:
        return [missing(k, reason) for k in keys]
    me = responsiveness(social, client or "").client_row
    mentions = 0 if me is None else int(me["mentions"])
    reason = PRACTICE_EVIDENCE["social_answered"].count_shortfall(mentions)
    if reason:
        return [missing(k, reason) for k in keys]
    answered = int(me["answered"])
    share, low, high = _wilson(answered, mentions)
    readings = [Reading("social_answered", share, low, high, mentions,
                        f"{answered:,} of {mentions:,} posts answered: {share:.0%}")]
    timed = int(me["timed"])
    reason = PRACTICE_EVIDENCE["social_speed"].count_shortfall(timed)
    if reason or not np.isfinite(me["within_2h"]):
        readings.append(missing("social_speed", reason or PRACTICE_EVIDENCE["social_speed"].count_shortfall(0)))
    else:
        hits = round(me["within_2h"] / 100 * timed)
        fast, f_low, f_high = _wilson(hits, timed)
        readings.append(Reading("social_speed", fast, f_low, f_high, timed,
                                f"{fast:.0%} of {timed:,} answers; median {duration(me['median_minutes'])}"))
    return readings


# --- messages: jargon and reading grade ----------------------------------------------------------
def language_readings(messages: pd.DataFrame | None, brand_name: str | None = None) -> list[Reading]:
    """Share of messages without jargon and share readable at grade 8 or below (step 5's audit)."""
    keys = ("jargon_free", "plain_reading")
    reason = _short("jargon_free", "messages", messages)
    if reason:
        return [missing("jargon_free", reason),
                missing("plain_reading", _short("plain_reading", "messages", messages))]
    scored = score_messages(messages.dropna(subset=["text"]), brand_name=brand_name)
    n = len(scored)
    clean = int((scored["jargon_terms"] == 0).sum())
    terms = (scored["jargon"].str.split("; ").explode().replace("", np.nan).dropna().value_counts())
    common = ", ".join(f"\u201c{t}\u201d" for t in terms.index[:2])
    plain = int((scored["reading_grade"] <= EASY_GRADE).sum())
    grade = float(scored["reading_grade"].mean())
    return [
        Reading(keys[0], clean / n, n=n,
                finding=f"{clean} of {n} messages" + (f"; most frequent jargon {common}" if common else "")),
        Reading(keys[1], plain / n, n=n,
                finding=f"{plain} of {n} messages; average grade {grade:.0f}"),
    ]


# --- interactions: continuity and convenience ----------------------------------------------------
def continuity_reading(interactions: pd.DataFrame | None) -> Reading:
    """Share of channel switches without repeated information (step 4's continuity)."""
    reason = _present("no_repeat", "interactions", interactions)
    if reason:
        return missing("no_repeat", reason)
    result = switch_continuity(interactions)
    reason = PRACTICE_EVIDENCE["no_repeat"].count_shortfall(result.recorded)
    if reason:
        return missing("no_repeat", reason)
    return Reading("no_repeat", 1 - result.repeat_share, 1 - result.repeat_high,
                   1 - result.repeat_low, result.recorded,
                   f"customers repeated information in {result.repeat_share:.0%} of "
                   f"{result.recorded:,} switches")


def convenience_reading(interactions: pd.DataFrame | None, channels: pd.DataFrame | None = None,
                        survey: pd.DataFrame | None = None) -> Reading:
    """Step 4's convenience index, averaged over contacts (each channel weighted by its contacts)."""
    reason = _short("convenience", "interactions", interactions)
    if reason:
        return missing("convenience", reason)
    speed = response_speed(interactions, channels)
    # effort per channel needs both the CES answers and the channel they rate
    rated = _answers(survey, "ces") is not None and "channel" in survey
    effort = effort_by_channel(survey) if rated else None
    result = convenience_index(interactions, speed, effort, switch_continuity(interactions))
    table = result.table.dropna(subset=["index"])
    if table.empty:
        return missing("convenience", f"The convenience index could score no channel of the "
                                      f"{dataset_noun('interactions')}.")
    weights = table["contacts"].astype(float)
    mean = float((table["index"] * weights).sum() / weights.sum())
    best, worst = table.iloc[0], table.iloc[-1]
    spread = (f"; from {best['index']:.0f} ({in_text(best['channel'])}) to "
              f"{worst['index']:.0f} ({in_text(worst['channel'])})") if len(table) > 1 else \
        f" ({in_text(best['channel'])} only)"
    return Reading("convenience", mean, n=int(weights.sum()),
                   finding=f"{mean:.0f} of 100 over {int(weights.sum()):,} contacts{spread}")


# --- consistency across channels ----------------------------------------------------------------
def _satisfied_by_channel(frame: pd.DataFrame, column: str, min_n: int) -> pd.DataFrame:
    rows = pd.DataFrame({"channel": normalise(frame["channel"]),
                         "score": pd.to_numeric(frame[column], errors="coerce")}).dropna()
    table = rows.groupby("channel")["score"].agg(n="size", satisfied=lambda s: float((s >= 4).mean()))
    return table[table["n"] >= min_n].sort_values("satisfied", ascending=False)


def _channels(frame: pd.DataFrame | None) -> pd.DataFrame | None:
    """The frame with its channels named as step 4 names them, so that "Chat" and "chat" are one."""
    if frame is None or "channel" not in frame:
        return frame
    return frame.assign(channel=normalise(frame["channel"]))


def consistency_readings(survey: pd.DataFrame | None, journey: pd.DataFrame | None, *,
                         min_n: int = MIN_PER_CHANNEL) -> list[Reading]:
    """Gap in share satisfied (4-5 of 5) between the best and worst channel, in points.

    In the survey: CSAT by the channel of the rated contact. In the journey: within each stage
    served by two or more channels, touchpoint satisfaction of the best against the worst channel,
    averaged over those stages (so that channels are compared on the same kind of task).
    Channels need ``min_n`` answers.
    """
    readings = []
    reason = _short("survey_consistency", "survey", _channels(survey))
    if reason:
        readings.append(missing("survey_consistency", reason))
    else:
        table = _satisfied_by_channel(survey, "csat", min_n)
        spread = 100 * (table["satisfied"].iloc[0] - table["satisfied"].iloc[-1])
        readings.append(Reading(
            "survey_consistency", spread, n=int(table["n"].sum()),
            finding=f"{spread:.0f} points: from {table['satisfied'].iloc[0]:.0%} "
                    f"({in_text(table.index[0])}) to {table['satisfied'].iloc[-1]:.0%} "
                    f"({in_text(table.index[-1])}) across {len(table)} channels"))
    reason = _short("journey_consistency", "journey", journey)
    if reason:
        readings.append(missing("journey_consistency", reason))
        return readings
    stages = []
    for stage, part in journey.groupby("stage", sort=False):
        table = _satisfied_by_channel(part, "satisfaction", min_n)
        if len(table) >= 2:
            stages.append((stage, 100 * (table["satisfied"].iloc[0] - table["satisfied"].iloc[-1]),
                           table, int(table["n"].sum())))
    if not stages:
        readings.append(missing("journey_consistency", (
            f"{PRACTICE_EVIDENCE['journey_consistency'].what} needs a stage served by two channels with "
            f"{min_n} rated touchpoints or more each; this journey log has none.")))
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
