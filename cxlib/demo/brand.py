"""What Northstar promises: the brand promise and the leadership's rating of each promise.

Staff rate the ease promise highest of all (4.8/5) while customers rate ease among the lowest
(truth 6 of :mod:`cxlib.demo.planted`). Half the assets talk about the company in jargon, half
talk to the customer in plain words.
"""
from __future__ import annotations

import pandas as pd

# attribute -> (promise, internal rating from the leadership workshop, 1-5).
PROMISE = {
    "ease": ("Everything you need, done in a few taps.", 4.8),
    "speed": ("Help within minutes, not hours.", 4.1),
    "price": ("Fair prices and no surprises on your bill.", 3.2),
    "staff": ("Real people who know their stuff.", 4.3),
    "reliability": ("A network you can count on, wherever you are.", 4.6),
    "personalization": ("Plans that fit the way you live.", 3.9),
}

def promise() -> pd.DataFrame:
    """The brand_promise dataset: one row per survey attribute.

    Returns
    -------
    pd.DataFrame
        attribute, promise, survey_column (``attr_<attribute>``), internal_rating.
    """
    return pd.DataFrame({
        "attribute": list(PROMISE),
        "promise": [p for p, _ in PROMISE.values()],
        "survey_column": [f"attr_{a}" for a in PROMISE],
        "internal_rating": [r for _, r in PROMISE.values()],
    })
