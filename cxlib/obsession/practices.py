"""The ten practices of customer-obsessed companies and the client's own view of them.

The seed of step 1 names what CX-obsessed companies do differently. :data:`PRACTICES` keeps them in
the seed's order with a name for tables and charts (``label``), a name for sentences (``noun``)
and what the practice asks (``meaning``). :func:`self_assessment` reads the ``practices`` dataset
(leadership's 1-5 self-score, the evidence it cites, the owner) into one row per practice.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.data.schemas import PRACTICES as PRACTICE_KEYS
from cxlib.text.pii import redact


@dataclass(frozen=True)
class Practice:
    """One practice: key (as in the data contract), label, noun for sentences, what it asks."""

    key: str
    label: str
    noun: str
    meaning: str


PRACTICES: tuple[Practice, ...] = (
    Practice("hire_for_mindset", "Hire for the mindset", "hiring for a customer-obsessed mindset",
             "Hire people for a customer-obsessed mindset, not only for skills."),
    Practice("educate_retrain", "Educate and retrain", "educating and retraining staff",
             "Educate and retrain staff on the customer, and keep them close to customer feedback."),
    Practice("simplify_contact", "Simplify every contact", "simplifying every point of contact",
             "Relentlessly simplify every point of contact."),
    Practice("social_monitoring", "Social monitoring", "social monitoring",
             "Monitor social media and respond fast."),
    Practice("over_deliver", "Over-deliver and delight", "over-delivering",
             "Over-deliver and delight, beyond what was promised."),
    Practice("personalize", "Personalize", "personalization",
             "Treat each customer as an individual."),
    Practice("reduce_jargon", "Reduce jargon", "plain language",
             "Talk to customers in their words, not the industry's."),
    Practice("seamless_transitions", "Seamless transitions", "seamless transitions",
             "Carry the customer's context when they move from one channel to another."),
    Practice("omnichannel_convenience", "Omnichannel convenience", "omnichannel convenience",
             "Be on the channels customers prefer, fast and easy on each."),
    Practice("consistent_experience", "Consistent experience", "a consistent experience",
             "Give the same quality of experience on every channel."),
)
BY_KEY = {p.key: p for p in PRACTICES}
KEYS: tuple[str, ...] = PRACTICE_KEYS


def label(key: str) -> str:
    """Table and chart name of a practice: ``social_monitoring`` -> ``Social monitoring``."""
    return BY_KEY[key].label if key in BY_KEY else str(key).replace("_", " ").capitalize()


def noun(key: str) -> str:
    """The practice as a sentence names it: ``seamless_transitions`` -> ``seamless transitions``."""
    return BY_KEY[key].noun if key in BY_KEY else str(key).replace("_", " ")


def practices_count(n: int) -> str:
    """``n`` practices as a sentence counts them: "one practice", "3 practices"."""
    return "one practice" if n == 1 else f"{n} practices"


def share_of(k: int, n: int) -> str:
    """``k`` of ``n`` practices: "2 of 10 practices"; "the one practice" when there is one."""
    return ("the one practice" if k == 1 else "no practice") if n == 1 else f"{k} of {n} practices"


@dataclass(frozen=True)
class SelfAssessment:
    """Leadership's self-assessment, one row per practice in the seed's order.

    ``table``: practice, label, self_score (1-5, NaN when the practice was not rated), cited (the
    evidence leadership gives, contact details redacted), owner.
    """

    table: pd.DataFrame

    @property
    def rated(self) -> int:
        return int(self.table["self_score"].notna().sum())

    @property
    def mean(self) -> float:
        scores = self.table["self_score"].dropna()
        return float(scores.mean()) if len(scores) else float("nan")

    def headline(self) -> str:
        if self.rated == 0:
            return "Leadership has not rated any of the ten practices."
        top = self.table.dropna(subset=["self_score"]).sort_values(
            "self_score", ascending=False, kind="stable").iloc[0]
        return (f"Leadership rates {self.rated} of the ten practices {self.mean:.1f} of 5 on "
                f"average, highest on {noun(top['practice'])} ({top['self_score']:.1f}).")


def self_assessment(practices: pd.DataFrame | None) -> SelfAssessment:
    """One row per practice with leadership's self-score, the evidence it cites and the owner.

    Parameters
    ----------
    practices : the ``practices`` dataset (practice, self_score, evidence, owner), or None when it
        was not provided: every self-score is then missing.
    """
    rows = (practices.set_index("practice") if practices is not None and len(practices)
            else pd.DataFrame(columns=["self_score", "evidence", "owner"]))

    def field(key: str, column: str):
        if key not in rows.index or column not in rows.columns:
            return None
        value = rows.at[key, column]
        return None if pd.isna(value) else value

    records = []
    for p in PRACTICES:
        score = field(p.key, "self_score")
        cited = field(p.key, "evidence")
        owner = field(p.key, "owner")
        records.append((p.key, p.label, float(score) if score is not None else np.nan,
                        redact(str(cited)) if cited is not None else None,
                        str(owner) if owner is not None else None))
    return SelfAssessment(pd.DataFrame(records, columns=["practice", "label", "self_score", "cited",
                                                         "owner"]))
