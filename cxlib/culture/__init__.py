"""Step 6: a customer-obsessed culture, read from the employee survey.

Each concern is a submodule, used through it: ``dimensions`` (People, Values, Clarity scores and
Cronbach's alpha), ``anonymity`` (which groups may be shown), ``alignment`` (leaders vs the
frontline, departments by level), ``contact`` (how often each department meets customer
feedback), ``voices`` (comment themes), ``customer_link`` (culture next to customer scores) and
``verdict`` (the step's score, findings and recommendations).
"""

from cxlib.culture import (
    alignment,
    anonymity,
    contact,
    customer_link,
    dimensions,
    verdict,
    voices,
)

__all__ = ["alignment", "anonymity", "contact", "customer_link", "dimensions", "verdict", "voices"]
