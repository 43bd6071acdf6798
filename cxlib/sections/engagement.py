"""What the engagement report's own sections need."""
from cxlib.sections import Needs

VALUE_AT_STAKE = Needs("The value at stake", datasets=("survey", "customers"), columns=("customer_id",),
                       min_rows=100, shows="revenue at risk and the value of closing the top churn gap")

ENGAGEMENT = (VALUE_AT_STAKE,)

__all__ = ["ENGAGEMENT", "VALUE_AT_STAKE"]
