"""Where to attack first: how closely each rating goes with the client's NPS, against the gap to
the best competitor.

Importance is step 7's key-driver share (Johnson's relative weights of the ``attr_*`` ratings,
:func:`cxlib.metrics.drivers.key_drivers`), which sentences call the rating's share of the ratings'
joint link to NPS: an association in one survey, not a proven cause. A benchmark attribute
``ease`` is the survey rating ``attr_ease``. An attribute is *important* when its share is at least
the average share (the rule of the step-7 quadrant) and *behind* when the best competitor scores
higher. Important and behind is where to attack first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.competition.benchmark import Benchmark, benchmark, standing
from cxlib.metrics.drivers import DriverResult, key_drivers
from cxlib.wording import and_list, signed

ATTACK = "Attack first"
DEFEND = "Defend the lead"
CATCH_UP = "Catch up later"
MAINTAIN = "Maintain"
UNKNOWN = "Link to NPS unknown"
ORDER = (ATTACK, DEFEND, CATCH_UP, MAINTAIN, UNKNOWN)


def driver_column(attribute: str, prefix: str = "attr_") -> str:
    """The survey column of a benchmark attribute: 'Ease' -> 'attr_ease', 'value for money' ->
    'attr_value_for_money'."""
    return prefix + re.sub(r"[^0-9a-z]+", "_", str(attribute).strip().lower()).strip("_")


def _quadrant(important, behind) -> str:
    if important is None:
        return UNKNOWN
    if important:
        return ATTACK if behind else DEFEND
    return CATCH_UP if behind else MAINTAIN


@dataclass(frozen=True)
class AttackPlan:
    """Benchmark attributes with their importance and gap, in the order to act.

    ``table``: priority (1 = first), attribute, label, driver (survey column; missing when none), importance
    (% of the explained NPS variance; NaN when the survey has no such rating), client, best_competitor,
    best_score, gap (client minus best competitor), quadrant. ``threshold`` is the average share
    above which an attribute counts as important.
    """

    client: str
    table: pd.DataFrame
    threshold: float
    n: int = 0  # complete survey answers behind the importance shares (0 when importance is unknown)
    ratings: int = 0  # survey ratings the shares are split over
    most_linked: str | None = None  # the survey column with the largest share of all ratings

    def link(self, row) -> str:
        """How closely an attribute's rating goes with NPS, as a noun phrase: 'the survey rating that
        goes most closely with NPS (41% of the 6 ratings' joint link to NPS)'."""
        share = f"{row['importance']:.0f}% of the {self.ratings} ratings' joint link"
        if row["driver"] == self.most_linked:
            return f"the survey rating that goes most closely with NPS ({share})"
        closely = "closely" if row["importance"] >= self.threshold else "less closely than average"
        return f"a survey rating that goes {closely} with NPS ({share})"

    @property
    def attack(self) -> pd.DataFrame:
        return self.table[self.table["quadrant"] == ATTACK]

    @property
    def defend(self) -> pd.DataFrame:
        return self.table[self.table["quadrant"] == DEFEND]

    def title(self) -> str:
        """A short action title: the first attribute to attack."""
        if self.attack.empty:
            return "No important attribute trails the best competitor"
        top = self.attack.iloc[0]
        closest = "goes most closely with NPS" if top["driver"] == self.most_linked else "goes closely with NPS"
        return (f"Attack {top['label'].lower()} first: it {closest} and {top['best_competitor']} "
                f"is {abs(top['gap']):.1f} points ahead")

    def for_report(self) -> pd.DataFrame:
        """The plan as a client reads it."""
        return pd.DataFrame({
            "Priority": self.table["priority"],
            "Attribute": self.table["label"],
            "Share of link to NPS": self.table["importance"].map(
                lambda v: "unknown" if pd.isna(v) else f"{v:.0f}%"),
            self.client: self.table["client"].map("{:.1f}".format),
            "Best competitor": [f"{b} ({s:.1f})" for b, s in
                                zip(self.table["best_competitor"], self.table["best_score"])],
            "Gap": self.table["gap"].map(lambda g: signed(g, 1)),
            "What to do": self.table["quadrant"],
        })

    def headline(self) -> str:
        """The first attribute to attack (or, when none, the lead to defend)."""
        if self.attack.empty:
            if self.table["importance"].isna().all():
                return (f"None of the {len(self.table)} benchmark attributes is rated in the survey, so how "
                        "closely each gap goes with NPS is unknown.")
            if self.defend.empty:
                rated = and_list(self.table.dropna(subset=["importance"])["label"].str.lower())
                return (f"Of the benchmark attributes, the survey rates {rated}; each goes less closely with NPS "
                        f"than the average rating ({self.threshold:.0f}% share), so no gap stands out.")
            top = self.defend.iloc[0]
            return (f"No attribute that goes closely with NPS trails the best competitor; defend "
                    f"{top['label'].lower()}, {self.link(top)}, {abs(top['gap']):.1f} points ahead.")
        top = self.attack.iloc[0]
        text = (f"Attack {top['label'].lower()} first: it is {self.link(top)}, and {self.client} trails "
                f"{top['best_competitor']} on it by {abs(top['gap']):.1f} points ({top['client']:.1f} against "
                f"{top['best_score']:.1f} out of 10).")
        if len(self.attack) > 1:
            rest = self.attack.iloc[1:]
            text += (" Next: " + and_list([f"{r.label.lower()} ({standing(r.gap)})"
                                           for r in rest.itertuples()]) + ".")
        return text


def importance(survey: pd.DataFrame | None, *, prefix: str = "attr_", seed: int = 0) -> pd.DataFrame | None:
    """Step 7's key-driver table of the survey (share of explained NPS variance per ``attr_*``
    rating), or None when there is no survey, no NPS or no usable ratings.

    Parameters
    ----------
    survey : one row per response, with ``nps`` and the ``attr_*`` ratings.
    prefix : prefix of the rating columns.
    seed : bootstrap seed of :func:`cxlib.metrics.drivers.key_drivers`.
    """
    found = _drivers(survey, prefix=prefix, seed=seed)
    return None if found is None else found.table


def _drivers(survey: pd.DataFrame | None, *, prefix: str = "attr_", seed: int = 0) -> DriverResult | None:
    if survey is None or "nps" not in survey or not any(
            isinstance(c, str) and c.startswith(prefix) for c in survey.columns):
        return None
    try:
        return key_drivers(survey, prefix=prefix, seed=seed)
    except ValueError:  # too few complete answers, or a rating that never varies
        return None


def attack_priorities(drivers: pd.DataFrame | None, bench: Benchmark, *,
                      prefix: str = "attr_", n: int = 0) -> AttackPlan:
    """Cross each benchmark attribute's importance for NPS with its gap to the best competitor.

    Parameters
    ----------
    drivers : ``key_drivers(survey).table`` (driver, share in %, ...), or None when importance is
        unknown (no ratings): every attribute is then 'Link to NPS unknown'.
    bench : :func:`cxlib.competition.benchmark.benchmark` of the client.
    prefix : prefix of the survey rating columns.
    n : the complete survey answers the driver analysis ran on, as figures name the sample.

    Returns
    -------
    AttackPlan
        Ordered by quadrant (attack, defend, catch up, maintain, unknown), then by importance x
        size of the gap, largest first.
    """
    table = bench.table[["attribute", "label", "client", "best_competitor", "best_score", "gap"]].copy()
    table.insert(2, "driver", [driver_column(a, prefix) for a in table["attribute"]])
    shares = (pd.Series(dtype=float) if drivers is None or drivers.empty
              else drivers.set_index("driver")["share"].astype(float))
    threshold = float(100 / len(shares)) if len(shares) else np.nan
    table["importance"] = table["driver"].map(shares)
    table.loc[table["importance"].isna(), "driver"] = None
    table["quadrant"] = [
        _quadrant(None if pd.isna(imp) else bool(imp >= threshold), bool(gap < 0))
        for imp, gap in zip(table["importance"], table["gap"])]
    table["_rank"] = table["quadrant"].map({q: i for i, q in enumerate(ORDER)})
    table["_weight"] = table["importance"].fillna(0) * table["gap"].abs()
    table = table.sort_values(["_rank", "_weight", "attribute"], ascending=[True, False, True],
                              kind="stable").drop(columns=["_rank", "_weight"])
    table.insert(0, "priority", range(1, len(table) + 1))
    columns = ["priority", "attribute", "label", "driver", "importance", "client", "best_competitor",
               "best_score", "gap", "quadrant"]
    return AttackPlan(client=bench.client, table=table[columns].reset_index(drop=True),
                      threshold=threshold, n=n if len(shares) else 0, ratings=len(shares),
                      most_linked=str(shares.idxmax()) if len(shares) else None)


def attack_plan(survey: pd.DataFrame, competitors: pd.DataFrame, client: str, *, prefix: str = "attr_",
                seed: int = 0) -> AttackPlan:
    """Where to attack first, from the survey and the benchmark in one call.

    Parameters
    ----------
    survey : one row per response, with ``nps`` and the ``attr_*`` ratings (enough complete answers
        for step 7's key drivers: ``cxlib.sections.ATTACK`` checks this before the call).
    competitors : the competitors dataset, with the client's scores.
    client : the client's name.
    prefix, seed : as in :func:`importance`.
    """
    found = _drivers(survey, prefix=prefix, seed=seed)
    return attack_priorities(None if found is None else found.table, benchmark(competitors, client),
                             prefix=prefix, n=0 if found is None else found.n)
