"""Evidence: what the client's own data say about each practice, on the self-assessment's 1-5 scale.

Each practice is checked against the datasets that speak to it (:data:`MEASURES`). A measure is
read by :mod:`cxlib.obsession.readings` with the public functions of the step that owns it (step
2's social responsiveness, step 3's review ratings, step 4's continuity and convenience index, step
5's messaging audit, step 6's employee survey, step 7's CES and CSAT) and converted to 1-5 by a
straight line through two anchors stated with the measure: the value that scores 1 and the value
that scores 5 (values beyond the anchors are held at 1 or 5)::

    score = 1 + 4 x (value - value at 1) / (value at 5 - value at 1)

A practice's evidence score is the mean of the scores of its measures that could be computed. Where
a measure comes from a sample (a share or a mean) its 95% range is converted by the same line;
a practice's range is the mean of its measures' bounds (wider than the exact interval of the
mean, so on the safe side), and missing when a measure has none.

Every anchor is the end of the measure's own scale (0% and 100%, 1 and 7 ...) or a threshold this
module states and owns (:data:`DELIGHT_AT_5`, :data:`SPREAD_AT_1`); no anchor is borrowed from a
company in another industry. Published examples from other industries appear only as the labelled
side note :data:`SPEED_EXAMPLE`, in the appendix. A measure whose dataset, column
or minimum sample (its rule in :data:`cxlib.sections.PRACTICE_EVIDENCE`) is missing is listed with the
sentence saying why; a practice with no measure left is *not measured*, with the reason (the
datasets that were not provided, or the minimums that were not met), never scored as if it failed.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.empathy.messaging import EASY_GRADE
from cxlib.obsession.practices import PRACTICES, label, noun
from cxlib.obsession.readings import (
    Reading,
    consistency_readings,
    continuity_reading,
    convenience_reading,
    delight_readings,
    effort_reading,
    language_readings,
    missing,
    personalization_reading,
    social_readings,
    staff_readings,
)
from cxlib.report.verdict import Figure, Kpi
from cxlib.sections.step1 import dataset_noun
from cxlib.wording import and_list, number, percent

SPREAD_AT_1 = 40.0   # points between the best and worst channel that score 1
DELIGHT_AT_5 = 0.5  # share of top marks that scores 5: delight is the norm
# The window step 2's responsiveness counts answers within (its ``within_2h`` column). The speed
# measure scores 5 only when every answer comes within it, like every other share of this page.
SPEED_HOURS = 2.0
DELIGHT_RULE = f"1 at 0%, 5 from {percent(DELIGHT_AT_5)} (our threshold: from that share of top marks, delight is the norm)"
SPEED_EXAMPLE = (
    "A published example from another industry: Sephora answers most messages within two hours. It is "
    f"not used in the score, where answers within {SPEED_HOURS:.0f} hours score 5 only when every answer "
    "comes that fast."
)


@dataclass(frozen=True)
class Measure:
    """One piece of evidence: what is measured, where, and the two anchors of its 1-5 line."""

    key: str
    practice: str
    label: str
    source: str
    at_1: float
    at_5: float
    rule: str
    fact: str = ""  # the value in a short phrase: "{value}" or "{complement}" (1 - value)
    counted: str = "answers"  # what one case of the measure's sample is ("staff", "posts")

    def fact_text(self, value: float) -> str:
        """The measure's value as a phrase a finding can carry ("38% of posts answered")."""
        return self.fact.format(value=value, complement=1 - value)


MEASURES: tuple[Measure, ...] = (
    Measure("hired_for_focus", "hire_for_mindset", "Staff who say they were hired for their "
            "customer focus", "employees", 1, 5, "mean agreement (1-5) used as it is",
            "staff rate being hired for customer focus {value:.1f} of 5", "staff answers"),
    Measure("cx_training", "educate_retrain", "Staff who say they received CX training",
            "employees", 1, 5, "mean agreement (1-5) used as it is",
            "staff rate the CX training they received {value:.1f} of 5", "staff answers"),
    Measure("customer_contact", "educate_retrain", "Staff who meet customer feedback at least "
            "monthly", "employees", 0.0, 1.0, "1 at 0%, 5 when everyone does",
            "{value:.0%} of staff meet customer feedback at least monthly", "staff"),
    Measure("effort", "simplify_contact", "Customer effort score (CES, 1-7, higher is easier)",
            "survey", 1, 7, "1 at a mean of 1, 5 at a mean of 7",
            "the customer effort score averages {value:.1f} of 7", "CES answers"),
    Measure("social_answered", "social_monitoring", "Posts about the brand that get an answer",
            "social", 0.0, 1.0, "1 at 0%, 5 when every post is answered",
            "{value:.0%} of posts answered", "posts about the company"),
    Measure("social_speed", "social_monitoring",
            f"Answers given within {SPEED_HOURS:.0f} hours", "social", 0.0, 1.0,
            f"1 at 0%, 5 when every answer comes within {SPEED_HOURS:.0f} hours",
            f"{{value:.0%}} of answers within {SPEED_HOURS:.0f} hours", "answers with a response time"),
    Measure("top_box_csat", "over_deliver", "Satisfaction answers at the top mark (CSAT 5 of 5)",
            "survey", 0.0, DELIGHT_AT_5,
            DELIGHT_RULE,
            "{value:.0%} of satisfaction answers at 5 of 5", "CSAT answers"),
    Measure("five_star_reviews", "over_deliver", "Public reviews with 5 stars", "reviews", 0.0,
            DELIGHT_AT_5,
            DELIGHT_RULE,
            "{value:.0%} of public reviews at 5 stars", "rated reviews"),
    Measure("personalization", "personalize", "Customers' rating of personalization (1-5)",
            "survey", 1, 5, "mean rating (1-5) used as it is",
            "customers rate personalization {value:.1f} of 5", "personalization answers"),
    Measure("jargon_free", "reduce_jargon", "Messages free of jargon", "messages", 0.0, 1.0,
            "1 at 0%, 5 when every message is", "{value:.0%} of messages free of jargon", "messages"),
    Measure("plain_reading", "reduce_jargon",
            f"Messages readable at school grade {EASY_GRADE:.0f} or below", "messages", 0.0, 1.0,
            "1 at 0%, 5 when every message is",
            f"{{value:.0%}} of messages readable at grade {EASY_GRADE:.0f} or below", "messages"),
    Measure("no_repeat", "seamless_transitions", "Channel switches where the customer did not "
            "have to repeat information", "interactions", 0.0, 1.0,
            "1 at 0%, 5 when no switch makes customers repeat themselves",
            "customers repeat information in {complement:.0%} of channel switches", "channel switches"),
    Measure("convenience", "omnichannel_convenience", "Convenience index of the average contact (0-100: "
            "answered in time, resolved, easy, no repeating; step 4)", "interactions", 0.0, 100.0,
            "1 at 0, 5 at 100",
            "the average contact scores {value:.0f} of 100 on convenience", "contacts"),
    Measure("survey_consistency", "consistent_experience", "Difference in satisfaction (CSAT 4-5) "
            "between the best and the worst channel", "survey", SPREAD_AT_1, 0.0,
            f"5 when every channel satisfies as many, 1 from {SPREAD_AT_1:.0f} points apart",
            "{value:.0f} points between the most and least satisfying channel", "CSAT answers"),
    Measure("journey_consistency", "consistent_experience", "Difference in touchpoint satisfaction "
            "(4-5) between the best and the worst channel of the same journey stage", "journey",
            SPREAD_AT_1, 0.0,
            f"5 when every channel satisfies as many, 1 from {SPREAD_AT_1:.0f} points apart",
            "{value:.0f} points between channels at the same journey stage", "rated touchpoints"),
)
MEASURE_BY_KEY = {m.key: m for m in MEASURES}
# Measure -> (the quantity its figure states, unit, factor from the reading's value to the figure's);
# a negative factor states the complement, as the measure's fact phrase does ("repeat ... in 47%").
FIGURES: dict[str, tuple[str, str, float]] = {
    "hired_for_focus": ("staff rating of being hired for customer focus", "of 5", 1),
    "cx_training": ("staff rating of the CX training received", "of 5", 1),
    "customer_contact": ("staff who meet customer feedback at least monthly", "%", 100),
    "effort": ("customer effort (CES)", "of 7", 1),
    "social_answered": ("posts about the brand answered", "%", 100),
    "social_speed": (f"answers given within {SPEED_HOURS:.0f} hours", "%", 100),
    "top_box_csat": ("satisfaction answers at 5 of 5", "%", 100),
    "five_star_reviews": ("public reviews at 5 stars", "%", 100),
    "personalization": ("personalization rating", "of 5", 1),
    "jargon_free": ("messages free of jargon", "%", 100),
    "plain_reading": (f"messages readable at grade {EASY_GRADE:.0f} or below", "%", 100),
    "no_repeat": ("channel switches where customers repeat information", "%", -100),
    "convenience": ("convenience index of the average contact", "of 100", 1),
    "survey_consistency": ("points of CSAT between the most and least satisfying channel", "points apart", 1),
    "journey_consistency": ("points of touchpoint satisfaction between channels at the same journey stage",
                            "points apart", 1),
}
# The measures whose KPI carries the name a client's goals and the roadmap's themes use.
KPI_NAMES = {"effort": "Customer effort (CES)", "social_answered": "Share of posts answered",
             "social_speed": f"Answers within {SPEED_HOURS:.0f} hours",
             "survey_consistency": "Points of CSAT between channels"}
# Practice -> the measure a move on it moves first, where that is not its first measure: social care
# is judged by speed in every step.
FIRST_KPI = {"social_monitoring": "social_speed"}
EVIDENCE_SCALE = "1-5 evidence scale"


def _amount(measure: str, value: float) -> float:
    factor = FIGURES[measure][2]
    return factor * value if factor > 0 else -factor * (1 - value)


def _amounts(measure: str, low: float, high: float) -> tuple[float, float]:
    """A reading's 95% range in its figure's unit, low first (a complement swaps the bounds)."""
    if not (np.isfinite(low) and np.isfinite(high)):
        return float("nan"), float("nan")
    a, b = sorted((_amount(measure, low), _amount(measure, high)))
    return float(a), float(b)


def range_text(measure: str, low: float, high: float) -> str:
    """A reading's 95% range as a table cell: "35% to 41%", "3.1 to 3.3"; "–" without one."""
    a, b = _amounts(measure, low, high)
    if not np.isfinite(a):
        return "\u2013"
    if FIGURES[measure][1] == "%":
        return f"{a:.0f}% to {b:.0f}%"
    return f"{a:.1f} to {b:.1f}"


def data_population(source: str, n: float | None = None, counted: str = "answers") -> str:
    """A measure's data as a figure names it: "survey, 4,766 CES answers", "social export, 1,350
    posts about the company"."""
    name = dataset_noun(source)
    return f"{name}, {int(n):,} {counted}" if n is not None and np.isfinite(n) else name


def evidence_population(sources: str) -> str:
    """Where a practice's evidence score comes from: "survey and public reviews, on the 1-5 evidence scale"."""
    names = [dataset_noun(s.strip()) for s in str(sources).split(",") if s.strip()]
    return f"{and_list(names) or 'the data provided'}, on the {EVIDENCE_SCALE}"
def evidence_source(frames: Mapping[str, pd.DataFrame | None] | None, evidence: "EvidenceResult",
                    *first: str) -> str:
    """The source line under an exhibit drawn from the evidence: the datasets ``first`` (the
    self-assessment, the survey), then every dataset a measure was read from, with their rows and dates
    (:func:`cxlib.sections.source_line`); "" without ``frames``."""
    from cxlib.sections import source_line

    if not frames:
        return ""
    return source_line(frames, tuple(dict.fromkeys((*first, *evidence.datasets()))))


ITEM_COLUMNS = ["practice", "measure", "label", "source", "available", "value", "value_low", "value_high",
                "n", "finding", "score", "low", "high", "rule", "note"]
PRACTICE_COLUMNS = ["practice", "label", "evidence", "low", "high", "measures", "sources", "basis"]
NOT_MEASURED = "not measured"


def to_scale(value: float, at_1: float, at_5: float) -> float:
    """``value`` on the 1-5 scale by the line through (at_1, 1) and (at_5, 5), held within 1-5.

    ``at_1`` may be larger than ``at_5`` (a measure where less is better, such as a gap).
    NaN stays NaN.
    """
    if value is None or not np.isfinite(value):
        return float("nan")
    if at_1 == at_5:
        raise ValueError("the two anchors of a scale must differ")
    return float(1 + 4 * np.clip((value - at_1) / (at_5 - at_1), 0.0, 1.0))


# --- all of it -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class EvidenceResult:
    """Every measure and each practice's evidence score.

    ``items``: one row per measure of :data:`MEASURES` (ITEM_COLUMNS): available, value and its 95%
    range value_low / value_high (own unit), n, finding (in words), score / low / high (1-5, NaN when
    unavailable or no range),
    rule, note (why unavailable). ``practices``: one row per practice (PRACTICE_COLUMNS):
    evidence (1-5, NaN without evidence), low, high, measures (count used), sources (datasets),
    basis (the measures used, or why the practice could not be measured, in one sentence).
    """

    items: pd.DataFrame
    practices: pd.DataFrame

    def reason(self, practice: str) -> str:
        """Why a practice could not be measured ("" when it was), as a sentence fragment."""
        row = self.practices.set_index("practice").loc[practice]
        return "" if np.isfinite(row["evidence"]) else str(row["basis"])

    def missing_data(self) -> list[str]:
        """The datasets not provided that would measure a practice the data could not ("the
        employee survey"), in the order of the practices."""
        unmeasured = set(self.practices.loc[self.practices["evidence"].isna(), "practice"])
        notes = self.items.loc[self.items["practice"].isin(unmeasured) & ~self.items["available"], "note"]
        found = [_ABSENT.search(n) for n in notes]
        return list(dict.fromkeys(m.group(1) for m in found if m))

    def score(self, practice: str) -> float:
        return float(self.practices.set_index("practice").at[practice, "evidence"])

    def facts(self, practice: str) -> str:
        """What the data show on a practice, in short phrases ("38% of posts answered and ...")."""
        rows = self.items[(self.items["practice"] == practice) & self.items["available"]]
        parts = [MEASURE_BY_KEY[r.measure].fact_text(r.value) for r in rows.itertuples()]
        return parts[-1] if len(parts) < 2 else ", ".join(parts[:-1]) + " and " + parts[-1]

    def figures(self, practice: str) -> tuple[Figure, ...]:
        """The values behind a practice's :meth:`facts`, one :class:`Figure` a measure used."""
        rows = self.items[(self.items["practice"] == practice) & self.items["available"]]
        figures = []
        for r in rows.itertuples():
            low, high = _amounts(r.measure, r.value_low, r.value_high)
            figures.append(Figure(FIGURES[r.measure][0], _amount(r.measure, r.value), FIGURES[r.measure][1],
                                  data_population(r.source, r.n, MEASURE_BY_KEY[r.measure].counted),
                                  low if np.isfinite(low) else None, high if np.isfinite(high) else None))
        return tuple(figures)

    def evidence_figure(self, practice: str) -> Figure:
        """The practice's evidence score (1-5) as a figure naming the data it comes from."""
        row = self.practices.set_index("practice").loc[practice]
        ranged = np.isfinite(row["low"]) and np.isfinite(row["high"])
        return Figure(f"evidence score, {noun(practice)}", row["evidence"], "of 5", evidence_population(row["sources"]),
                      row["low"] if ranged else None, row["high"] if ranged else None)

    def kpi(self, practice: str) -> Kpi | None:
        """The first measure a move on ``practice`` moves (:data:`FIRST_KPI`, else its first measure
        the data give), with a target halfway from today's value to the value that scores 5 of 5;
        None when unmeasured."""
        rows = self.items[(self.items["practice"] == practice) & self.items["available"]]
        if rows.empty:
            return None
        first = rows[rows["measure"] == FIRST_KPI.get(practice)]
        row = (first if len(first) else rows).iloc[0]
        measure = MEASURE_BY_KEY[row["measure"]]
        quantity, unit, _ = FIGURES[measure.key]
        now, best = _amount(measure.key, row["value"]), _amount(measure.key, measure.at_5)
        higher = (best > _amount(measure.key, measure.at_1))
        name = KPI_NAMES.get(measure.key, quantity[:1].upper() + quantity[1:])
        if (now >= best) if higher else (now <= best):
            return Kpi(name, now, None, unit, f"already at {number(best, unit)}, which scores 5 of 5", higher)
        return Kpi(name, now, now + (best - now) / 2, unit,
                   f"halfway to {number(best, unit)}, the value that scores 5 of 5 on the {EVIDENCE_SCALE}", higher)

    def datasets(self) -> tuple[str, ...]:
        """The datasets the available measures were read from, in the order of :data:`MEASURES`."""
        return tuple(dict.fromkeys(self.items.loc[self.items["available"], "source"]))

    @property
    def covered(self) -> int:
        """Practices with at least one measure."""
        return int(self.practices["evidence"].notna().sum())

    def headline(self) -> str:
        p = self.practices.dropna(subset=["evidence"])
        if p.empty:
            return ("None of the ten practices could be measured with the data provided; the table below "
                    "says what each would need.")
        which = "all ten practices" if len(p) == len(self.practices) else f"{len(p)} of the ten practices"
        text = (f"The data speak to {which} and put "
                f"{'it' if len(p) == 1 else 'them'} at {p['evidence'].mean():.1f} of 5"
                f"{'' if len(p) == 1 else ' on average'}")
        if len(p) == 1:
            text += f" ({noun(p.iloc[0]['practice'])})."
        else:
            weakest = p.sort_values("evidence", kind="stable").iloc[0]
            strongest = p.sort_values("evidence", ascending=False, kind="stable").iloc[0]
            text += (f": strongest on {noun(strongest['practice'])} ({strongest['evidence']:.1f}), "
                     f"weakest on {noun(weakest['practice'])} ({weakest['evidence']:.1f}).")
        if len(p) < len(self.practices):
            other = len(self.practices) - len(p)
            text += (f" The other {other} could not be measured with the data provided." if other > 1 else
                     " The other one could not be measured with the data provided.")
        return text

    def rules_table(self) -> pd.DataFrame:
        """How each measure becomes a 1-5 score, as a client reads it."""
        return pd.DataFrame({
            "Practice": self.items["practice"].map(label),
            "Measure": self.items["label"],
            "Data": self.items["source"].map(dataset_noun),
            "How it becomes 1-5": self.items["rule"],
        })

    def evidence_table(self) -> pd.DataFrame:
        """Each measure with what was found and its score (or why it is missing)."""
        items = self.items
        found = [f if a else f"Not available. {n}" for f, a, n in zip(items["finding"], items["available"], items["note"])]
        return pd.DataFrame({
            "Practice": items["practice"].map(label),
            "Measure": items["label"],
            "What the data show": found,
            "95% range": [range_text(m, lo, hi) for m, lo, hi in
                          zip(items["measure"], items["value_low"], items["value_high"])],
            "Score (1-5)": [f"{v:.1f}" if np.isfinite(v) else "\u2013" for v in items["score"]],
        })


def _item_row(measure: Measure, reading: Reading) -> dict:
    score = to_scale(reading.value, measure.at_1, measure.at_5)
    bounds = sorted((to_scale(reading.low, measure.at_1, measure.at_5),
                     to_scale(reading.high, measure.at_1, measure.at_5)))
    if not all(np.isfinite(bounds)):
        bounds = [np.nan, np.nan]
    return {"practice": measure.practice, "measure": measure.key, "label": measure.label,
            "source": measure.source, "available": reading.available, "value": reading.value,
            "value_low": reading.low, "value_high": reading.high, "n": reading.n, "finding": reading.finding, "score": score, "low": bounds[0],
            "high": bounds[1], "rule": measure.rule, "note": reading.note}


_ABSENT = re.compile(r"needs? (the .+), which was not provided\.$")


def practice_reason(notes: list[str]) -> str:
    """Why a practice could not be measured, from its measures' sentences: the datasets that were
    not provided when that is the whole story ("the employee survey was not provided"), else the
    sentences themselves."""
    notes = list(dict.fromkeys(n for n in notes if n))
    if not notes:
        return "no dataset speaks to it"
    absent = [_ABSENT.search(n) for n in notes]
    if all(absent):
        datasets = list(dict.fromkeys(m.group(1) for m in absent))
        listed = datasets[0] if len(datasets) == 1 else ", ".join(datasets[:-1]) + " and " + datasets[-1]
        return f"{listed} {'was' if len(datasets) == 1 else 'were'} not provided"
    return " ".join(notes)


def combine(readings: list[Reading]) -> EvidenceResult:
    """Score the readings by :data:`MEASURES` and average them per practice.

    Parameters
    ----------
    readings : one :class:`Reading` per measure key; a measure without a reading counts as not
        available.
    """
    by_key = {r.key: r for r in readings}
    items = pd.DataFrame([_item_row(m, by_key.get(m.key, missing(m.key, NOT_MEASURED)))
                          for m in MEASURES], columns=ITEM_COLUMNS)
    rows = []
    for p in PRACTICES:
        mine = items[items["practice"] == p.key]
        used = mine[mine["available"]]
        if used.empty:
            rows.append((p.key, p.label, np.nan, np.nan, np.nan, 0, "", practice_reason(list(mine["note"]))))
            continue
        complete = used["low"].notna().all()
        rows.append((p.key, p.label, float(used["score"].mean()),
                     float(used["low"].mean()) if complete else np.nan,
                     float(used["high"].mean()) if complete else np.nan, len(used),
                     ", ".join(dict.fromkeys(used["source"])), "; ".join(used["label"])))
    return EvidenceResult(items, pd.DataFrame(rows, columns=PRACTICE_COLUMNS))


def gather_evidence(frames: Mapping[str, pd.DataFrame | None] | None = None, *, client: str | None = None,
                    **datasets: pd.DataFrame | None) -> EvidenceResult:
    """Every measure of :data:`MEASURES` from whichever datasets were provided (absent or None = not
    provided).

    Parameters
    ----------
    frames : the client's datasets by name (``ClientData.frames``); survey, reviews, social,
        messages, interactions, channels, journey and employees are read, the others ignored.
    client : the client's name (client.yml ``name``): whose social posts count, and the brand the
        messaging audit counts as the company talking about itself.
    datasets : datasets given by keyword instead (``survey=...``), over those in ``frames``.
    """
    given = {**(frames or {}), **datasets}
    survey, reviews, social, messages, interactions, channels, journey, employees = (
        given.get(name) for name in ("survey", "reviews", "social", "messages", "interactions",
                                     "channels", "journey", "employees"))
    readings = [*staff_readings(employees), effort_reading(survey),
                *social_readings(social, client), *delight_readings(survey, reviews),
                personalization_reading(survey), *language_readings(messages, client),
                continuity_reading(interactions), convenience_reading(interactions, channels, survey),
                *consistency_readings(survey, journey)]
    return combine(readings)
