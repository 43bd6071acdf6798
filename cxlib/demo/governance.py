"""How Northstar runs CX: its self-assessed practices and its metric catalog.

The self-assessment is generous where the data disagree (simplify_contact 4.5 while customers
switch channels and repeat themselves). Four catalog metrics are "set and forget": no owner, no
goal, not reviewed in the 90 days before the period end and fewer than 10 dashboard views
(truth 6 of :mod:`cxlib.demo.planted`).
"""
from __future__ import annotations

import pandas as pd

# practice -> (self score 1-5, evidence, owner).
PRACTICES = {
    "hire_for_mindset": (3.5, "Customer-focus questions in retail and care interviews.",
                         "HR Director"),
    "educate_retrain": (4.0, "Annual e-learning module on the customer charter.", "HR Director"),
    "simplify_contact": (4.5, "IVR menu redesigned in 2025; chat open 08:00-21:00.",
                         "Customer Care Director"),
    "social_monitoring": (3.0, "Social team watches mentions on weekdays, office hours.",
                          "Head of Marketing"),
    "over_deliver": (2.5, "Surprise loyalty credits piloted in two stores.", "Head of Retail"),
    "personalize": (3.0, "Plan recommendations in the app for a fifth of customers.",
                    "Head of Digital"),
    "reduce_jargon": (4.0, "Copy guidelines published in 2024.", "Head of Marketing"),
    "seamless_transitions": (3.5, "Case notes shared between chat and phone agents.",
                             "Customer Care Director"),
    "omnichannel_convenience": (4.0, "Six channels offered to every customer.",
                                "Chief Customer Officer"),
    "consistent_experience": (3.5, "Mystery shopping in stores twice a year.", "Head of Retail"),
}

_COLUMNS = ["metric", "definition", "owner", "cadence", "linked_goal", "target", "last_reviewed",
            "dashboard_views_90d"]
# Goals as named in client.yml.
NPS_GOAL, CES_GOAL, CHURN_GOAL, FCR_GOAL = (
    "Lift relationship NPS", "Cut customer effort", "Reduce churn", "Resolve more at first contact",
)
CATALOG = (
    ("NPS", "Relationship NPS: % promoters (9-10) minus % detractors (0-6), relationship survey.",
     "Head of CX", "monthly", NPS_GOAL, "35", "2026-10-15", 412),
    ("CES", "Mean customer effort score, 1-7, higher is easier.",
     "Head of Digital", "monthly", CES_GOAL, "5.5", "2026-10-02", 188),
    ("Churn rate", "Share of customers leaving per month, in percent.",
     "Chief Financial Officer", "monthly", CHURN_GOAL, "1.0", "2026-10-20", 356),
    ("First contact resolution", "Share of contacts resolved with no repeat contact in 7 days.",
     "Customer Care Director", "weekly", FCR_GOAL, "80", "2026-10-10", 97),
    ("CSAT (post-contact)", "Mean satisfaction 1-5 after a support contact.",
     "Customer Care Director", "weekly", None, "4.2", "2026-09-28", 240),
    ("Average handle time", "Mean seconds per phone contact, talk plus wrap-up.",
     "Contact Centre Operations", "daily", None, "360", "2026-06-30", 510),
    ("Digital containment", "Share of service journeys completed in app or web without an agent.",
     "Head of Digital", "monthly", CES_GOAL, "40", "2026-08-15", 64),
    ("Brand awareness", "Prompted awareness among adults, brand tracker.",
     "Head of Marketing", "quarterly", None, "80", "2026-03-31", 12),
    ("App store rating", "Average star rating across App Store and Google Play.",
     None, "monthly", None, "4.5", "2026-02-14", 6),
    ("Social share of voice", "Northstar mentions as a share of all operator mentions.",
     None, "monthly", None, None, "2025-12-01", 2),
    ("Store footfall", "Visitors counted at store entrances.",
     None, "weekly", None, None, None, 3),
    ("Email open rate", "Share of marketing e-mails opened.",
     None, "weekly", None, "25", "2026-05-20", 4),
)


def practices() -> pd.DataFrame:
    """The practices dataset: the ten practices with Northstar's own score and evidence.

    Returns
    -------
    pd.DataFrame
        practice, self_score, evidence, owner.
    """
    return pd.DataFrame({
        "practice": list(PRACTICES),
        "self_score": [v[0] for v in PRACTICES.values()],
        "evidence": [v[1] for v in PRACTICES.values()],
        "owner": [v[2] for v in PRACTICES.values()],
    })


def metric_catalog() -> pd.DataFrame:
    """The metrics dataset: twelve metrics, four of them set and forget.

    Returns
    -------
    pd.DataFrame
        metric, definition, owner, cadence, linked_goal, target, last_reviewed,
        dashboard_views_90d (missing values as ``None``).
    """
    return pd.DataFrame(list(CATALOG), columns=_COLUMNS)
