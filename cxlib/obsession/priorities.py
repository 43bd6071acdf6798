"""Impact against gap: which practices to improve first.

*Impact* says how much a practice matters to customers. It is read from step 7's key-driver
analysis of NPS (:func:`cxlib.metrics.drivers.key_drivers`): each practice shapes the survey
attribute(s) customers judge it by (:data:`IMPACT_ATTRIBUTES`), and its impact is that attribute's
share of what the ratings explain of NPS (the mean share when it shapes two). A practice no
attribute speaks to gets the average share of all attributes, so it neither leads nor trails on
impact. Without a driver analysis every practice weighs the same.

*Gap* is the distance to best practice: 5 minus the evidence score (minus the self-score when the
data say nothing, flagged as unverified). *Priority* = impact (as a share, 0-1) x gap; the three
highest are the first moves, each with the playbook action of :data:`MOVES`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.metrics.drivers import DriverResult, key_drivers
from cxlib.obsession.gap import SayDoGap
from cxlib.obsession.practices import PRACTICES, label, noun

BEST = 5.0
FIRST_MOVES = 3
# Practice -> the survey attributes customers judge it by (step 7's attr_* ratings).
IMPACT_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "hire_for_mindset": ("attr_staff",),
    "educate_retrain": ("attr_staff",),
    "simplify_contact": ("attr_ease",),
    "social_monitoring": ("attr_speed",),
    "over_deliver": (),
    "personalize": ("attr_personalization",),
    "reduce_jargon": (),
    "seamless_transitions": ("attr_ease",),
    "omnichannel_convenience": ("attr_ease", "attr_speed"),
    "consistent_experience": ("attr_reliability",),
}
IMPACT_RULE_TEXT = (
    "**Impact** is the share of what explains NPS that rests on the customer attribute a practice "
    "shapes, from the key-driver analysis of the survey (step 7): staff for hiring and training, ease for "
    "simplifying contact and for seamless transitions, speed for social monitoring, ease and speed "
    "for omnichannel convenience, personalization for personalizing, reliability for a consistent "
    "experience. Over-delivering and plain language shape no single attribute and get the average "
    "share. **Gap** is 5 minus the evidence score (minus the self-assessment where the data say "
    "nothing). **Priority** = impact × gap; the three highest are the first moves."
)
# Practice -> (the move, its usual effort).
MOVES: dict[str, tuple[str, str]] = {
    "hire_for_mindset": ("Hire for customer focus in every team: customer-focus questions and a "
                         "customer role-play in every interview loop", "Low"),
    "educate_retrain": ("Retrain every team on real customer feedback each quarter and give back-office "
                        "teams regular contact with customers", "Medium"),
    "simplify_contact": ("Take steps out of the highest-effort contacts, starting with those "
                         "customers rate hardest, and measure customer effort after each change", "Medium"),
    "social_monitoring": ("Staff social care to answer every post about the brand, seven days a "
                          "week, most within two hours", "Low"),
    "over_deliver": ("Fund small unexpected gestures at the moments customers rate best, and track "
                     "the share of top marks", "Low"),
    "personalize": ("Use what is known about each customer: offers, advice and service that fit "
                    "their plan and history", "High"),
    "reduce_jargon": ("Rewrite customer-facing copy in plain words: no jargon or unexplained "
                      "acronyms, reading grade 8 or below", "Low"),
    "seamless_transitions": ("Give every agent and channel the customer's full contact history, so "
                             "nobody repeats themselves after switching channel", "High"),
    "omnichannel_convenience": ("Bring every channel up to its response target and let customers "
                                "finish in the channel they chose", "Medium"),
    "consistent_experience": ("Set one service standard for all channels and lift the channel that "
                              "satisfies least to it", "Medium"),
}
COLUMNS = ["practice", "label", "attributes", "impact", "impact_basis", "score", "verified",
           "gap", "priority", "rank", "status", "move", "effort"]


def _attribute_name(column: str) -> str:
    return column.removeprefix("attr_").replace("_", " ")


def nps_drivers(survey: pd.DataFrame | None) -> DriverResult | None:
    """Step 7's key drivers of NPS on the survey's ``attr_*`` ratings, or None when they cannot be
    computed (no survey, no NPS or attribute ratings, too few complete answers)."""
    if survey is None:
        return None
    try:
        return key_drivers(survey)
    except ValueError:
        return None


def impact_weights(drivers: DriverResult | None) -> pd.DataFrame:
    """Impact of each practice: the NPS driver share (%) of the attribute(s) it shapes.

    Parameters
    ----------
    drivers : step 7's :func:`cxlib.metrics.drivers.key_drivers` on the survey, or None when it
        could not be run (no survey, no attribute ratings): every practice then weighs 10%.

    Returns
    -------
    pd.DataFrame
        practice, label, attributes (readable names), impact (% of explained NPS variance),
        impact_basis (in words); in the seed's order.
    """
    rows = []
    shares = (drivers.table.set_index("driver")["share"].astype(float) if drivers is not None
              else pd.Series(dtype=float))
    average = float(shares.mean()) if len(shares) else np.nan
    for p in PRACTICES:
        wanted = IMPACT_ATTRIBUTES.get(p.key, ())
        found = [c for c in wanted if c in shares.index]
        if drivers is None or not len(shares):
            rows.append((p.key, p.label, "", 100 / len(PRACTICES),
                         "no NPS driver analysis: equal weight"))
        elif found:
            value = float(shares[found].mean())
            names = " and ".join(_attribute_name(c) for c in found)
            rows.append((p.key, p.label, names, value,
                         f"{names} carr{'y' if len(found) > 1 else 'ies'} {value:.0f}% "
                         f"{'on average ' if len(found) > 1 else ''}of what explains NPS"))
        else:
            why = "no survey attribute measures it" if not wanted else "its attribute is not rated"
            rows.append((p.key, p.label, "", average,
                         f"{why}: the average share of the {len(shares)} attributes, {average:.0f}% of what "
                         "explains NPS"))
    return pd.DataFrame(rows, columns=["practice", "label", "attributes", "impact", "impact_basis"])


@dataclass(frozen=True)
class Priorities:
    """Impact, gap and priority per practice (``table``: COLUMNS, highest priority first)."""

    table: pd.DataFrame

    @property
    def first_moves(self) -> pd.DataFrame:
        return self.table.head(FIRST_MOVES)

    def title(self) -> str:
        """Action title for the priority matrix."""
        moves = self.first_moves
        if moves.empty:
            return "No practice can be prioritised"
        return f"Start with {noun(moves.iloc[0]['practice'])}: highest impact times gap"

    def headline(self) -> str:
        """The three first moves and why."""
        moves = self.first_moves
        if moves.empty:
            return "No practice has a score, so none can be prioritised."
        parts = [f"{noun(r.practice)} (gap {r.gap:.1f}, impact {r.impact:.0f}%)"
                 for r in moves.itertuples()]
        lead = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
        return (f"The first moves are {lead}: no other practices combine as much weight on NPS "
                "with as much room to improve (priority = impact × gap).")

    def moves_table(self) -> pd.DataFrame:
        """The first moves as a client reads them."""
        m = self.first_moves
        return pd.DataFrame({
            "Move": m["rank"].astype(int).to_numpy(),
            "Practice": m["label"].to_numpy(),
            "What to do": m["move"].to_numpy(),
            "Score now (1-5)": [f"{s:.1f}" + ("" if v else " (self)") for s, v in
                                zip(m["score"], m["verified"])],
            "Impact on NPS": [f"{i:.0f}%" for i in m["impact"]],
        })


def prioritise(gap: SayDoGap, impact: pd.DataFrame) -> Priorities:
    """Rank the practices by impact x gap to best practice.

    Parameters
    ----------
    gap : :func:`cxlib.obsession.gap.say_do_gap` (self-score, evidence and status per practice).
    impact : :func:`impact_weights`.

    Returns
    -------
    Priorities
        Practices with neither evidence nor a self-score are left out. Ties keep the seed's order.
    """
    table = gap.table[["practice", "label", "self_score", "evidence", "status"]].merge(
        impact[["practice", "attributes", "impact", "impact_basis"]], on="practice", how="left")
    table["verified"] = table["evidence"].notna()
    table["score"] = table["evidence"].where(table["verified"], table["self_score"])
    table = table.dropna(subset=["score"]).copy()
    table["gap"] = BEST - table["score"]
    table["priority"] = table["impact"] / 100 * table["gap"]
    table["move"] = table["practice"].map(lambda k: MOVES.get(k, (f"Improve {label(k).lower()}", ""))[0])
    table["effort"] = table["practice"].map(lambda k: MOVES.get(k, ("", "Medium"))[1])
    table = table.sort_values("priority", ascending=False, kind="stable").reset_index(drop=True)
    table["rank"] = np.arange(1, len(table) + 1)
    return Priorities(table[COLUMNS])
