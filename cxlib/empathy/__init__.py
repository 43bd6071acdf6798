"""Step 5: empathy in messaging and support. The customer is the hero, the company the guide.

Each concern is a submodule, used through it:

- ``lexicons``: the word lists (you/we, jargon, outcome vs feature, empathy moves) and matching;
- ``readability``: Flesch-Kincaid grade, computed offline;
- ``messaging``: the customer-as-hero audit of the copy, and the seed's Choice A / Choice B;
- ``support``: the five empathy moves in agent replies, their link with CSAT, response speed;
- ``agents``: agents ranked with empirical-Bayes shrinkage;
- ``consistency``: tone and hero score across channels;
- ``verdict``: the step's score, findings and recommendations.
"""
from cxlib.empathy import (
    agents,
    consistency,
    lexicons,
    messaging,
    readability,
    support,
    verdict,
)

__all__ = ["agents", "consistency", "lexicons", "messaging", "readability", "support", "verdict"]
