"""What the engagement report's own sections need."""
from cxlib.sections import Needs

VALUE_AT_STAKE = Needs("The value at stake", datasets=("survey", "customers"), columns=("customer_id",),
                       min_rows=100, shows="revenue at risk and the value of closing the top churn gap")
# Each wave's survey, as the month-on-month test asks of each month; the rest of the comparison
# (step scores, the initiatives' first measures) needs only the last wave's record.
SINCE_LAST_WAVE = Needs("The NPS test against the last wave", columns=("nps",), min_rows=30,
                        shows="whether NPS moved since the last wave by more than chance, in each wave's survey")

ENGAGEMENT = (VALUE_AT_STAKE, SINCE_LAST_WAVE)

__all__ = ["ENGAGEMENT", "SINCE_LAST_WAVE", "VALUE_AT_STAKE"]
