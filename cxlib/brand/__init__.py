"""Step 3's brand value: the promise as customers see it, and the public's verdict in reviews.

Each concern is a submodule, used through it: ``brand.promise.promise_gaps(promises, survey)``,
``brand.reviews.rating_summary(reviews)``; ``brand.verdict.assess(...)`` scores the step from
these and the journey analyses of :mod:`cxlib.journey`.
"""
from cxlib.brand import promise, reviews, verdict

__all__ = ["promise", "reviews", "verdict"]
