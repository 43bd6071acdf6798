"""How Northstar runs CX: its self-assessed practices and its metric catalog.

Four catalog metrics are "set and forget": no owner, no goal, not reviewed in the 90 days before
the period end and fewer than 10 dashboard views (truth 6 of :mod:`cxlib.demo.planted`).

The ``practices`` self-assessment is leadership's own 1-5 score of the ten practices of
customer-obsessed companies, with the evidence it cites. Step 1 checks each score against the
evidence in the other datasets (:mod:`cxlib.obsession.evidence`, which states how each measure
becomes a 1-5 score). Planted truths of step 1 (values in :data:`TRUTHS`, checked with plain
pandas by ``tests/test_demo_obsession.py`` and through ``cxlib.obsession`` by
``tests/test_obsession_*.py``):

1. Overconfident on social media. Leadership scores ``social_monitoring`` 5.0 ("24/7 social
   listening tool...") while Northstar answers 38 % of the 1,350 posts about it and only about
   12 % of its answers come within two hours (median 4 h 20 min; truth 4 of
   :mod:`cxlib.demo.market`). Evidence: the mean of 1 + 4 x 0.38 = 2.52 (answered, 5 when every
   post is) and 1 + 4 x 0.12 = 1.48 (speed, 5 when every answer comes within two hours), about
   2.0: a say-do gap of about 3.0 points, the largest of the ten.
2. Overconfident on hand-offs. Leadership scores ``seamless_transitions`` 4.5 ("One CRM: case
   notes shared...") while customers repeat information in about 47 % of channel switches
   (truth 5 of :mod:`cxlib.demo.operations`). Evidence 1 + 4 x 0.53, about 3.1: a gap of about
   1.4 points, the second largest.
3. Only those two. On every other practice leadership is within a point of the evidence, so the
   overconfidence flag (self minus evidence of 1.0 point or more) names exactly the two above.
4. Realistic where the evidence is best. ``simplify_contact`` has the strongest evidence of the
   ten (mean CES about 4.9 of 7, 1 + 4 x (4.9 - 1) / 6, about 3.6) and leadership scores it a
   realistic 3.5.
5. Modest on delight. Leadership scores ``over_deliver`` 2.5 ("a pilot in two stores") while about
   30 % of CSAT answers are 5 of 5 and 22 % of public reviews give 5 stars: evidence about 3.1
   (5 when half of the marks are top marks), above leadership's own score.
6. Where to start. Ease carries about 41 % of what the ratings explain of NPS (truth 1 of
   :mod:`cxlib.demo.planted`), so the practices that shape ease come first on impact x gap:
   seamless transitions, then simplifying contact; third, narrowly ahead of omnichannel
   convenience, social monitoring, whose evidence of 2.0 leaves the most room to improve.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# practice -> (self score 1-5, evidence leadership cites, owner).
PRACTICES = {
    "hire_for_mindset": (3.5, "Customer-focus questions in retail and care interviews.",
                         "HR Director"),
    "educate_retrain": (3.5, "Annual e-learning module on the customer charter.", "HR Director"),
    "simplify_contact": (3.5, "IVR menu redesigned in 2025; customer effort tracked monthly.",
                         "Customer Care Director"),
    "social_monitoring": (5.0, "24/7 social listening tool live since 2025; every mention logged.",
                          "Head of Marketing"),
    "over_deliver": (2.5, "Surprise loyalty credits piloted in two stores.", "Head of Retail"),
    "personalize": (3.0, "Plan recommendations in the app for a fifth of customers.",
                    "Head of Digital"),
    "reduce_jargon": (3.5, "Copy guidelines published in 2024.", "Head of Marketing"),
    "seamless_transitions": (4.5, "One CRM: case notes shared between chat, phone and store.",
                             "Customer Care Director"),
    "omnichannel_convenience": (4.0, "Six channels offered to every customer.",
                                "Chief Customer Officer"),
    "consistent_experience": (3.5, "Mystery shopping in stores twice a year.", "Head of Retail"),
}


@dataclass(frozen=True)
class ObsessionTruths:
    """Step 1's planted truths (see the module docstring). Evidence scores are on the 1-5 scale,
    targets for the default seed that an analysis lands within ``tolerance`` of."""

    overconfident: tuple[str, ...] = ("social_monitoring", "seamless_transitions")
    threshold: float = 1.0
    social_self: float = 5.0
    social_answer_rate: float = 0.38
    social_within_2h: float = 0.12
    social_evidence: float = 2.0
    seamless_self: float = 4.5
    seamless_repeat_share: float = 0.47
    seamless_evidence: float = 3.1
    realistic: str = "simplify_contact"
    realistic_self: float = 3.5
    realistic_ces: float = 4.9
    realistic_evidence: float = 3.6
    modest: str = "over_deliver"
    modest_self: float = 2.5
    modest_top_box_csat: float = 0.30
    modest_five_star: float = 0.22
    modest_evidence: float = 3.1
    first_moves: tuple[str, ...] = ("seamless_transitions", "simplify_contact", "social_monitoring")
    tolerance: float = 0.15


TRUTHS = ObsessionTruths()

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
