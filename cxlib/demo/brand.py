"""What Northstar promises: the brand promise and the leadership's rating of each promise.

Staff rate the ease promise highest of all (4.8/5) while customers rate ease among the lowest
(truth 6 of :mod:`cxlib.demo.planted`).

Planted truths of step 3, with the values in :data:`TRUTHS` (``tests/test_demo_brand.py``), read
against the survey's ``attr_*`` means (the survey is not generated here):

1. Ease is the largest gap. Leadership rates the ease promise 4.8 of 5; customers rate ease about
   2.80 (4,836 answers), a gap of about 2.0 points, twice the next largest (speed, about 1.0).
   Ease is also the strongest driver of NPS (truth 1 of :mod:`cxlib.demo.planted`).
2. Leadership overrates every promise: all six internal ratings lie above the customers' mean, the
   smallest gap being price (3.2 against about 2.72).
"""
from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class BrandTruths:
    """What the brand promise was built to show against the survey, and the expected values."""

    largest_gap_attribute: str = "ease"
    largest_gap_internal: float = 4.8
    largest_gap_customer: float = 2.80
    largest_gap: float = 2.0
    second_gap_attribute: str = "speed"
    second_gap: float = 1.0
    smallest_gap_attribute: str = "price"
    smallest_gap: float = 0.48
    every_promise_overrated: bool = True


TRUTHS = BrandTruths()


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
