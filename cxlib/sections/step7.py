"""What the sections of step 7 (the CX metrics portfolio) need."""
from __future__ import annotations

from cxlib.sections import Needs

HEADLINE = Needs("The headline scores", shows="NPS, CSAT and CES with their intervals, where the survey asks them")
NPS_LEVEL = Needs("The NPS distribution", columns=("nps",), min_rows=30,
                  shows="how the answers spread over 0-10")
NPS_TREND = Needs("The monthly trend", columns=("nps", "responded_at"), min_rows=60,
                  period="responded_at", min_periods=2, min_per_period=30, shows="NPS month by month")
NPS_CHANGE = Needs("The month-on-month test", columns=("nps", "responded_at"), min_rows=60,
                   period="responded_at", min_periods=2, min_per_period=30, consecutive=True,
                   shows="whether the last month's NPS differs from the month before")
BY_SEGMENT = Needs("The segment comparison", columns=("nps",), group="segment", min_groups=2,
                   min_per_group=30, shows="NPS per segment against the rest")
BY_CHANNEL = Needs("The channel comparison", columns=("nps",), group="channel", min_groups=2,
                   min_per_group=30, shows="NPS per channel against the rest")
KEY_DRIVERS = Needs("Key drivers", columns=("nps", "attr_*"), min_rows=100, per_column=10,
                    shows="which ratings go with NPS")
PRECISION = Needs("The precision check", columns=("nps", "responded_at"), min_rows=30,
                  shows="how many answers a given margin of error needs")
AGENT_TENS = Needs("The agent comparison", columns=("nps", "agent_id"), group="agent_id", min_groups=2,
                   min_per_group=20, shows="each agent's share of 10s against their peers")
REASONS = Needs("Reasons for the score", columns=("nps", "comment"), min_rows=30,
                shows="what promoters and detractors talk about")
CHURN = Needs("The churn link", datasets=("survey", "customers"), columns=("customer_id",), min_rows=100,
              shows="which metric separates customers who left from those who stayed")
INTEGRITY = Needs("The score-integrity audit", columns=("nps",), min_rows=30,
                  shows="agents or locations with implausibly many 10s, and 10s their own comment contradicts")
CATALOG = Needs("The metric catalog audit", datasets=("metrics",), shows="metrics without owner, goal or use")
CUSTOMER_VIEW = Needs("The per-customer view", datasets=("survey", "customers"), columns=("customer_id",),
                      shows="one customer's scores, comments and journey")

STEP_7 = (HEADLINE, NPS_LEVEL, NPS_TREND, NPS_CHANGE, PRECISION, BY_SEGMENT, BY_CHANNEL, KEY_DRIVERS, REASONS, CHURN,
          INTEGRITY, AGENT_TENS, CATALOG, CUSTOMER_VIEW)

# Only the rules reach ``cxlib.sections`` (its star import), never this module's helpers.
__all__ = [name for name, value in dict(globals()).items() if isinstance(value, Needs)] + ["STEP_7"]
