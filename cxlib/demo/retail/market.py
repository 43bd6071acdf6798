"""Fernway's market: a brand tracker, a social-listening export and public reviews.

Planted truths:

1. Joy is the most criticised brand. 64% of the 150 posts about Joy complain (lost parcels, refunds
   that never come) and 12% praise it; every post names it. Because "joy" is a positive word to a
   sentiment lexicon, scoring the posts without masking the brand names lifts Joy above Fernway; with
   names masked Joy has the lowest net tone of the four brands.
2. The social export only knows Fernway's own answers: ``responded`` is blank for the competitors'
   posts, and Fernway answers 30% of the 160 posts about it.
3. Bright leads the brand tracker on delivery (8.1 against Fernway's 6.0); Fernway leads on range.
4. Reviews: most one- and two-star reviews are about returns and refunds; ``touchpoint`` is blank.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .voice import PERIOD_END, PERIOD_START, _times

CLIENT = "Fernway Home"
COMPETITORS = ("Joy", "Bright", "Harbour")
ATTRIBUTES = ("delivery", "returns", "range", "value", "website", "service")
# brand -> scores on ATTRIBUTES (0-10) in the last quarter.
PROFILE = {
    CLIENT: (6.0, 5.2, 8.0, 6.6, 7.2, 6.8),
    "Joy": (5.1, 4.4, 6.2, 7.4, 6.0, 5.0),
    "Bright": (8.1, 7.0, 6.8, 6.1, 7.5, 7.2),
    "Harbour": (6.5, 6.3, 7.0, 6.9, 6.4, 6.6),
}
QUARTERS = (pd.Timestamp("2026-06-30"), pd.Timestamp("2026-09-30"))
# brand -> (posts, share praising, share complaining)
POSTS = {CLIENT: (160, 0.34, 0.38), "Joy": (150, 0.12, 0.64), "Bright": (110, 0.52, 0.18),
         "Harbour": (100, 0.36, 0.30)}
CLIENT_ANSWERED = 0.30
PLATFORMS = {"Instagram": 0.4, "X": 0.3, "Facebook": 0.2, "TikTok": 0.1}

PRAISE = ["{b} delivered my rug a day early, brilliant service.", "Love my new cushions from {b}, great quality.",
          "Shout out to {b} for sorting my order so quickly.", "{b} has the nicest lamps, really happy with mine.",
          "Ordered from {b} on Monday, arrived Tuesday. Impressed."]
COMPLAINTS = ["{b} lost my parcel and nobody answered my emails.", "Three weeks and still no refund from {b}.",
              "{b} cancelled my order without telling me. Useless.", "On hold with {b} for 40 minutes, still "
              "waiting for my table.", "{b} sent the wrong sofa and won't collect it. Awful.",
              "Still waiting for {b} to deliver, third missed slot."]
NEUTRAL = ["Anyone ordered curtains from {b}? How long does delivery take?", "{b} sale starts Friday apparently.",
           "Is {b} open on Sundays for click and collect?"]

REVIEW_TEXT = {
    5: ["Quick delivery and lovely quality.", "Easy to order and it arrived on time.", "Great value, would buy again."],
    4: ["Good products, delivery a day late.", "Nice range, the website is easy to use."],
    3: ["Fine, but the parcel came later than promised.", "Average quality for the price."],
    2: ["Returned a chair and waited weeks for the refund.", "Delivery was late and the box was damaged."],
    1: ["Still no refund six weeks after my return.", "Returns process is awful, I had to send it back twice.",
        "They refused the return and kept my money."],
}
REVIEW_MIX = {5: 0.34, 4: 0.22, 3: 0.12, 2: 0.12, 1: 0.20}


def competitor_scores(rng: np.random.Generator) -> pd.DataFrame:
    """The competitors dataset: four brands x six attributes x two quarters from one brand tracker."""
    rows = []
    for quarter, measured in enumerate(QUARTERS):
        for brand, scores in PROFILE.items():
            for attribute, score in zip(ATTRIBUTES, scores):
                drift = -0.2 * (len(QUARTERS) - 1 - quarter)
                value = round(float(np.clip(score + drift + rng.normal(0.0, 0.05), 0, 10)), 1)
                rows.append((brand, attribute, value, "Brand tracker", measured.strftime("%Y-%m-%d")))
    return pd.DataFrame(rows, columns=["brand", "attribute", "score", "source", "measured_at"])


def social_posts(rng: np.random.Generator) -> pd.DataFrame:
    """The social dataset; ``responded`` is known for Fernway's posts only (blank for the others)."""
    rows = []
    for brand, (n, praise, complain) in POSTS.items():
        counts = [round(n * praise), round(n * complain)]
        tones = rng.permutation(["praise"] * counts[0] + ["complaint"] * counts[1] + ["neutral"] * (n - sum(counts)))
        answered = np.zeros(n, dtype=bool)
        if brand == CLIENT:
            answered[rng.choice(n, round(n * CLIENT_ANSWERED), replace=False)] = True
        for tone, was_answered, posted in zip(tones, answered, _times(rng, n)):
            pool = {"praise": PRAISE, "complaint": COMPLAINTS, "neutral": NEUTRAL}[tone]
            responded = (bool(was_answered) if brand == CLIENT else None)
            reply = (pd.Timestamp(posted) + pd.Timedelta(minutes=int(rng.integers(20, 600)))
                     if was_answered else pd.NaT)
            rows.append((brand, rng.choice(list(PLATFORMS), p=list(PLATFORMS.values())), pd.Timestamp(posted),
                         pool[rng.integers(len(pool))].format(b=brand), responded, reply))
    frame = pd.DataFrame(rows, columns=["brand", "platform", "posted_at", "text", "responded", "responded_at"])
    return frame.sort_values("posted_at", kind="stable").reset_index(drop=True)


def reviews(rng: np.random.Generator, n: int = 280) -> pd.DataFrame:
    """The reviews dataset: Trustpilot and App Store reviews of the month, no touchpoint given."""
    stars = rng.choice(list(REVIEW_MIX), n, p=list(REVIEW_MIX.values()))
    text = [REVIEW_TEXT[s][rng.integers(len(REVIEW_TEXT[s]))] for s in stars]
    return pd.DataFrame({
        "platform": rng.choice(["Trustpilot", "App Store"], n, p=[0.7, 0.3]),
        "posted_at": pd.to_datetime(_times(rng, n)),
        "rating": stars, "text": text, "touchpoint": None,
    })


__all__ = ["CLIENT", "COMPETITORS", "competitor_scores", "social_posts", "reviews", "PERIOD_START", "PERIOD_END"]
