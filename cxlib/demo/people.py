"""The employee survey: 300 staff on the right people, the right values and clarity about CX.

Ten 1-5 agreement items (``q_*``) measure three dimensions of a customer-obsessed culture (the map
lives in :data:`cxlib.culture.dimensions.DIMENSIONS`): People (hired for customer focus, team puts
the customer first, know our customers, received CX training), Values (curious about customers,
encouraged to experiment, learn from failures) and Clarity (understand how CX pays back, clear CX
goals, see my impact on customers). Each answer is built from a person's general mood, their own
view of that dimension, their level, their department, their distance from customers and noise.

Planted truths (values in :data:`TRUTHS`; ``tests/test_demo_culture.py`` checks each one with plain
pandas, ``tests/test_culture_*.py`` checks that ``cxlib.culture`` recovers it):

1. Clarity gap. Leaders believe the return on CX is clear, the frontline does not: leadership's
   Clarity score is about 1.5 points (on the 1-5 scale) above the frontline's, the widest
   leadership-frontline gap of the three dimensions (People and Values differ by about half a
   point). At least 70 % of leaders agree they understand how CX pays back
   (``q_understand_cx_roi`` 4-5), at most 20 % of frontline staff do.
2. No contact. Every Engineering respondent (40) answers ``never`` to customer contact (truth 6
   of :mod:`cxlib.demo.planted`); no other department does. Staff who never meet customers
   know them least.
3. A group too small to show. HR has 3 leaders and 2 managers answering (12 in all): both groups
   fall under the anonymity minimum of 5 and must be hidden in every table and chart, together
   with enough other cells that nobody can subtract their way back to them. Every other
   department has at least 5 respondents at every level.
4. Reliable scales. Cronbach's alpha is at least 0.7 on each dimension (answers to the items of a
   dimension move together because they share a person's view of that dimension).
5. Two voices. Leaders' comments talk about CX as a priority (their most frequent theme); the
   frontline's most frequent theme is distance from customers ("we never hear from customers").
   Two comments carry the writer's own contact details (:attr:`CultureTruths.comment_pii`), which
   a report may only show redacted.
6. A link the data cannot prove. Only Retail (store) and Customer Care (phone, chat) map to
   customer channels. Retail scores higher than Customer Care on Values (Customer Care is
   measured on handle time and its ideas get stuck in approvals), yet store and phone/chat NPS
   hardly differ: with two units, culture cannot be linked to customer outcomes statistically.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .planted import PLANTED

LEVELS = ("leadership", "manager", "frontline")
# Respondents per department and level (leadership, manager, frontline): 300 in all.
HEADCOUNT = {
    "Customer Care": (6, 14, 60),
    "Retail": (5, 10, 45),
    "Engineering": (5, 7, 28),
    "Network Operations": (5, 6, 24),
    "Product": (5, 5, 18),
    "Marketing": (5, 5, 15),
    "Finance": (5, 5, 10),
    "HR": (3, 2, 7),
}
DEPARTMENTS = {d: sum(sizes) for d, sizes in HEADCOUNT.items()}
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
# Item -> (dimension, mean on the 1-5 scale for a frontline employee in regular contact).
ITEMS = {
    "q_hired_for_customer_focus": ("People", 3.2),
    "q_team_puts_customer_first": ("People", 3.5),
    "q_know_our_customers": ("People", 3.4),
    "q_curious_about_customers": ("Values", 3.3),
    "q_encouraged_to_experiment": ("Values", 2.7),
    "q_learn_from_failures": ("Values", 2.8),
    "q_understand_cx_roi": ("Clarity", 2.1),
    "q_clear_cx_goals": ("Clarity", 2.6),
    "q_see_my_impact_on_customers": ("Clarity", 3.0),
    "q_received_cx_training": ("People", 2.6),
}
# Lift of a level on each dimension (truth 1: clarity is where leaders and frontline part ways).
LEVEL_LIFT = {
    "leadership": {"People": 0.5, "Values": 0.55, "Clarity": 1.7},
    "manager": {"People": 0.25, "Values": 0.3, "Clarity": 0.8},
    "frontline": {"People": 0.0, "Values": 0.0, "Clarity": 0.0},
}
ROI_LEADER_LIFT = 0.6  # leaders are surest of all that CX pays back
# Department effects (truth 6): Customer Care is run on handle time, Retail on the customer.
DEPARTMENT_LIFT = {
    "Customer Care": {"People": -0.1, "Values": -0.35, "Clarity": 0.0},
    "Retail": {"People": 0.2, "Values": 0.25, "Clarity": 0.1},
}
# Items about knowing customers suffer most when one never meets them.
DISTANCE_ITEMS = ("q_know_our_customers", "q_see_my_impact_on_customers",
                  "q_curious_about_customers")
DISTANCE_PENALTY = {"never": -0.9, "yearly": -0.5, "quarterly": -0.2}
GENERAL_SD, DIMENSION_SD, NOISE_SD = 0.5, 0.55, 0.55
MISSING_SHARE = 0.03
COMMENT_SHARE = 0.35
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
        "Engineers should read the support e-mails and chat logs, but we never see them.",
        "We never hear from customers, so we guess what they need.",
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
        "CX is our number one priority this year.",
    ),
}
# Truth 5: two writers leave their own contact details (the report must redact them).
CONTACT_REMARKS = (
    "Happy to explain how the hand-offs fail, reach me at {email}.",
    "Call me on {phone} if anyone wants to know why customers repeat themselves.",
)
COMMENT_EMAIL = "m.okafor@example.net"
COMMENT_PHONE = "646-555-0113"


@dataclass(frozen=True)
class CultureTruths:
    """What the employee survey was built to show (targets; exact where counts are planted)."""

    clarity_gap: float = 1.5              # leadership minus frontline Clarity mean, scale points
    clarity_gap_tolerance: float = 0.35
    widest_gap_dimension: str = "Clarity"
    other_gaps_below: float = 0.8         # People and Values gaps stay under this
    roi_agree_leadership_at_least: float = 0.70
    roi_agree_frontline_at_most: float = 0.20
    no_contact_department: str = PLANTED.no_contact_department
    no_contact_respondents: int = 40
    respondents: int = 300
    small_groups: tuple[tuple[str, str, int], ...] = (("HR", "leadership", 3), ("HR", "manager", 2))
    min_group: int = 5
    min_alpha: float = 0.70
    leadership_top_theme: str = "CX as a priority"
    frontline_top_theme: str = "Distance from customers"
    comment_pii: tuple[str, ...] = (COMMENT_EMAIL, COMMENT_PHONE)
    linked_departments: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("Retail", ("store",)), ("Customer Care", ("phone", "chat")))
    values_lead_department: str = "Retail"  # scores higher on Values than Customer Care ...
    values_lead_at_least: float = 0.3       # ... by at least this much (scale points)
    channel_nps_gap_at_most: float = 5.0    # ... while store and phone/chat NPS differ this little


TRUTHS = CultureTruths()


def _roster() -> tuple[np.ndarray, np.ndarray]:
    department, level = [], []
    for dep, sizes in HEADCOUNT.items():
        for lv, size in zip(LEVELS, sizes):
            department += [dep] * size
            level += [lv] * size
    return np.array(department, dtype=object), np.array(level, dtype=object)


def _comments(rng: np.random.Generator, level: np.ndarray, contact: np.ndarray) -> np.ndarray:
    n = len(level)
    distant = np.isin(contact, ["never", "yearly"])
    group = np.select([level == "leadership", level == "manager", distant],
                      ["leadership", "manager", "distant"], "frontline")
    comment = np.full(n, None, dtype=object)
    for i in np.flatnonzero(rng.random(n) < COMMENT_SHARE):
        bank = REMARKS[group[i]]
        comment[i] = bank[rng.integers(len(bank))]
    # Two frontline writers in regular contact add their own contact details.
    writers = rng.choice(np.flatnonzero((group == "frontline") & pd.isna(comment)), 2,
                         replace=False)
    for i, template in zip(sorted(writers), CONTACT_REMARKS):
        comment[i] = template.format(email=COMMENT_EMAIL, phone=COMMENT_PHONE)
    return comment


def employees(rng: np.random.Generator) -> pd.DataFrame:
    """The employees dataset, columns as in docs/data-contract.md.

    Parameters
    ----------
    rng : random generator.

    Returns
    -------
    pd.DataFrame
        respondent_id, department, level, customer_contact, the ten q_* items (nullable Int64,
        about 3 % missing each) and comment (about a third answered).
    """
    department, level = _roster()
    order = rng.permutation(len(department))
    department, level = department[order], level[order]
    n = len(department)
    contact = np.empty(n, dtype=object)
    for i, (dep, lv) in enumerate(zip(department, level)):
        mix = CONTACT_MIX.get((dep, lv), CONTACT_MIX.get((dep, "*")))
        contact[i] = CONTACT[rng.choice(len(CONTACT), p=mix)]

    general = rng.normal(0.0, GENERAL_SD, n)
    own_view = {dim: rng.normal(0.0, DIMENSION_SD, n) for dim in ("People", "Values", "Clarity")}
    distance = pd.Series(contact).map(DISTANCE_PENALTY).fillna(0.0).to_numpy()
    front_of_house = np.isin(department, ["Customer Care", "Retail"])
    frame = pd.DataFrame({
        "respondent_id": [f"E-{i + 1:04d}" for i in range(n)],
        "department": department,
        "level": level,
        "customer_contact": contact,
    })
    for item, (dim, mean) in ITEMS.items():
        lift = np.array([LEVEL_LIFT[lv][dim] for lv in level])
        lift += np.array([DEPARTMENT_LIFT.get(dep, {}).get(dim, 0.0) for dep in department])
        score = mean + lift + general + own_view[dim] + rng.normal(0.0, NOISE_SD, n)
        if item in DISTANCE_ITEMS:
            score = score + distance
        if item == "q_understand_cx_roi":
            score = score + np.where(level == "leadership", ROI_LEADER_LIFT, 0.0)
        if item == "q_received_cx_training":
            score = score + np.where(front_of_house, 0.4, -0.2)
        values = np.clip(np.round(score), 1, 5)
        values[rng.random(n) < MISSING_SHARE] = np.nan
        frame[item] = pd.array(values, dtype="Int64")
    frame["comment"] = _comments(rng, level, contact)
    return frame
