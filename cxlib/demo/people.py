"""The employee survey: 300 staff on customer focus, learning and CX goals.

Leaders rate the culture well above the frontline; those who never meet customers (all of
Engineering, truth 6 of :mod:`cxlib.demo.planted`) know them least; few understand the return on
CX or received training.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .planted import PLANTED

DEPARTMENTS = {"Customer Care": 80, "Retail": 60, "Marketing": 25, "Engineering": 40,
               "Network Operations": 35, "Finance": 20, "HR": 12, "Product": 28}
CONTACT = ("never", "yearly", "quarterly", "monthly", "weekly", "daily")
# (department, level) -> customer contact distribution over CONTACT; "*" is any level.
CONTACT_MIX = {
    ("Customer Care", "frontline"): (0, 0, 0, 0, 0.05, 0.95),
    ("Customer Care", "manager"): (0, 0, 0, 0.1, 0.5, 0.4),
    ("Customer Care", "leadership"): (0, 0.2, 0.5, 0.3, 0, 0),
    ("Retail", "frontline"): (0, 0, 0, 0, 0, 1.0),
    ("Retail", "manager"): (0, 0, 0, 0, 0.3, 0.7),
    ("Retail", "leadership"): (0, 0, 0.3, 0.7, 0, 0),
    ("Marketing", "*"): (0.1, 0.3, 0.4, 0.2, 0, 0),
    (PLANTED.no_contact_department, "*"): (1.0, 0, 0, 0, 0, 0),
    ("Network Operations", "*"): (0.6, 0.4, 0, 0, 0, 0),
    ("Finance", "*"): (0.7, 0.3, 0, 0, 0, 0),
    ("HR", "*"): (0.6, 0.4, 0, 0, 0, 0),
    ("Product", "*"): (0.1, 0.3, 0.4, 0.2, 0, 0),
}
# Item -> mean on the 1-5 scale for a frontline employee in regular contact.
ITEMS = {
    "q_hired_for_customer_focus": 3.2, "q_team_puts_customer_first": 3.6,
    "q_know_our_customers": 3.3, "q_curious_about_customers": 3.4,
    "q_encouraged_to_experiment": 2.6, "q_learn_from_failures": 2.7,
    "q_understand_cx_roi": 2.3, "q_clear_cx_goals": 2.8,
    "q_see_my_impact_on_customers": 3.1, "q_received_cx_training": 2.4,
}
LEVEL_LIFT = {"leadership": 0.8, "manager": 0.35, "frontline": 0.0}
# Items about knowing customers suffer most when one never meets them.
DISTANCE_ITEMS = ("q_know_our_customers", "q_see_my_impact_on_customers",
                  "q_curious_about_customers")
DISTANCE_PENALTY = {"never": -0.9, "yearly": -0.5, "quarterly": -0.2}
REMARKS = {
    "frontline": (
        "We're measured on handle time, not on fixing the problem.",
        "The October app update created lots of calls we couldn't answer.",
        "I'd like proper training on the new plans before they launch.",
        "Customers have to repeat everything when they move from chat to phone.",
        "Our systems don't show what the customer already told the store.",
    ),
    "distant": (
        "We never hear from customers directly, only through escalations.",
        "It would help to see survey results for the things we build.",
        "I don't really know how my work affects customers.",
    ),
    "manager": (
        "Targets change every quarter so it's hard to keep the team focused.",
        "We celebrate NPS but nobody explains what to do differently.",
        "Good ideas from the team get stuck in approvals.",
    ),
    "leadership": (
        "Customer experience is a top priority for the board.",
        "We need to connect CX to revenue more clearly.",
        "Our culture is very customer-centric already.",
    ),
}


def _levels(size: int) -> list[str]:
    leaders = max(1, round(0.05 * size))
    managers = round(0.15 * size)
    frontline = size - leaders - managers
    return ["leadership"] * leaders + ["manager"] * managers + ["frontline"] * frontline


def employees(rng: np.random.Generator) -> pd.DataFrame:
    """The employees dataset, columns as in docs/data-contract.md.

    Parameters
    ----------
    rng : random generator.

    Returns
    -------
    pd.DataFrame
        respondent_id, department, level, customer_contact, the ten q_* items (nullable) and
        comment (about a third answered).
    """
    department = [d for d, size in DEPARTMENTS.items() for _ in range(size)]
    level = [lv for size in DEPARTMENTS.values() for lv in _levels(size)]
    order = rng.permutation(len(department))
    department = np.array(department)[order]
    level = np.array(level)[order]
    n = len(department)
    contact = np.empty(n, dtype=object)
    for i, (dep, lv) in enumerate(zip(department, level)):
        mix = CONTACT_MIX.get((dep, lv), CONTACT_MIX.get((dep, "*")))
        contact[i] = CONTACT[rng.choice(len(CONTACT), p=mix)]

    person = rng.normal(0.0, 0.5, n)
    lift = pd.Series(level).map(LEVEL_LIFT).to_numpy()
    distance = pd.Series(contact).map(DISTANCE_PENALTY).fillna(0.0).to_numpy()
    front_of_house = np.isin(department, ["Customer Care", "Retail"])
    frame = pd.DataFrame({
        "respondent_id": [f"E-{i + 1:04d}" for i in range(n)],
        "department": department,
        "level": level,
        "customer_contact": contact,
    })
    for item, mean in ITEMS.items():
        score = mean + lift + person + rng.normal(0.0, 0.8, n)
        if item in DISTANCE_ITEMS:
            score = score + distance
        if item == "q_received_cx_training":
            score = score + np.where(front_of_house, 0.5, -0.3)
        values = np.clip(np.round(score), 1, 5)
        values[rng.random(n) < 0.03] = np.nan
        frame[item] = pd.array(values, dtype="Int64")

    distant = np.isin(contact, ["never", "yearly"])
    remark_group = np.select([level == "leadership", level == "manager", distant],
                             ["leadership", "manager", "distant"], "frontline")
    comment = np.full(n, None, dtype=object)
    for i in np.flatnonzero(rng.random(n) < 0.35):
        bank = REMARKS[remark_group[i]]
        comment[i] = bank[rng.integers(len(bank))]
    frame["comment"] = comment
    return frame
