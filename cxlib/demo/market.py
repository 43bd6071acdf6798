"""The market around Northstar: competitor benchmarks and social mentions.

Nimbus Mobile, the competitor client.yml does not list (truth 4 of :mod:`cxlib.demo.planted`),
leads the benchmark on ease and personalization, gains ground every quarter, answers social posts
within minutes and is the brand Northstar's unhappy customers say they are moving to.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .client import NAME, later, times_in_period
from .planted import PLANTED

HIDDEN = PLANTED.hidden_competitor
BENCH_ATTRIBUTES = ("ease", "speed", "price", "staff", "reliability", "personalization")
# Brand -> score 0-10 per attribute, in the order of BENCH_ATTRIBUTES.
PROFILE = {
    NAME: (5.8, 6.4, 5.5, 7.2, 7.9, 5.6),
    "Orbit Telecom": (6.6, 6.8, 5.9, 6.5, 7.5, 6.0),
    "Pulse Wireless": (6.1, 6.0, 7.2, 5.9, 6.4, 5.2),
    "Zenith Connect": (5.5, 5.7, 7.8, 5.6, 5.8, 4.9),
    HIDDEN: (8.4, 7.6, 7.4, 6.2, 6.6, 7.8),
}
SOURCES = {"Market pulse panel": 0.0, "Telecom benchmark report": -0.3}
MEASURED = ("2025-12-15", "2026-03-15", "2026-06-15", "2026-09-15")

N_MENTIONS = 3000
MENTION_SHARE = {NAME: 0.45, "Orbit Telecom": 0.16, "Pulse Wireless": 0.11,
                 "Zenith Connect": 0.07, HIDDEN: 0.21}
# Brand -> (share positive, share negative), the rest neutral.
TONE = {NAME: (0.30, 0.50), "Orbit Telecom": (0.40, 0.35), "Pulse Wireless": (0.35, 0.40),
        "Zenith Connect": (0.30, 0.45), HIDDEN: (0.62, 0.15)}
# Brand -> (share of posts answered, median minutes to answer).
CARE = {NAME: (0.38, 260), "Orbit Telecom": (0.55, 120), "Pulse Wireless": (0.35, 180),
        "Zenith Connect": (0.25, 300), HIDDEN: (0.82, 22)}
PLATFORMS = {"X": 0.35, "Facebook": 0.20, "Instagram": 0.15, "TikTok": 0.10, "Reddit": 0.20}
POSTS = {
    "pos": ("Shout out to {brand}, {praise}.", "{brand} {praise}, impressed!",
            "Have to say {brand} {praise}. Love it."),
    "neg": ("{brand} {complaint}.", "Seriously {brand}? {complaint_cap}.",
            "Day three and {brand} {complaint}. Fed up."),
    "neutral": ("Anyone using {brand} for roaming in Europe? Worth it?",
                "Thinking about switching to {brand}, any experiences?",
                "Does {brand} do eSIM for the new phones?"),
}
PRAISE = ("sorted my bill in five minutes", "has great coverage on my trip",
          "has an app that is so easy to use", "had friendly store staff today")
COMPLAINTS = ("has had no signal in my area all day", "charged me twice and nobody answers",
              "pushed an app update that broke everything", "kept me 45 minutes on hold")
SWITCHING = (f"Leaving {NAME} for {HIDDEN}, their app actually works.",
             f"Switched from {NAME} to {HIDDEN} in ten minutes, so easy.",
             f"{HIDDEN} matched my {NAME} plan for less. Bye bye.")


def competitor_scores(rng: np.random.Generator) -> pd.DataFrame:
    """The competitors dataset: five brands x six attributes x two sources x four quarters.

    Parameters
    ----------
    rng : random generator.
    """
    rows = []
    for quarter, measured in enumerate(MEASURED):
        for source, bias in SOURCES.items():
            for brand, scores in PROFILE.items():
                for attribute, score in zip(BENCH_ATTRIBUTES, scores):
                    # Nimbus keeps improving; Northstar's ease slips after the app update.
                    trend = 0.15 * quarter if brand == HIDDEN else 0.0
                    if brand == NAME and attribute == "ease" and quarter == 3:
                        trend = -0.6
                    value = score + bias + trend + rng.normal(0.0, 0.2)
                    value = round(float(np.clip(value, 0, 10)), 1)
                    rows.append((brand, attribute, value, source, measured))
    return pd.DataFrame(rows, columns=["brand", "attribute", "score", "source", "measured_at"])


def social_mentions(rng: np.random.Generator) -> pd.DataFrame:
    """The social dataset: ~3,000 posts about Northstar, the listed competitors and Nimbus.

    Parameters
    ----------
    rng : random generator.
    """
    n = N_MENTIONS
    posted = times_in_period(rng, n)
    brand = rng.choice(list(MENTION_SHARE), size=n, p=list(MENTION_SHARE.values()))
    platform = rng.choice(list(PLATFORMS), size=n, p=list(PLATFORMS.values()))
    text = []
    for b in brand:
        positive, negative = TONE[b]
        draw = rng.random()
        if b == HIDDEN and draw < 0.15:
            text.append(str(SWITCHING[rng.integers(len(SWITCHING))]))
            continue
        tone = "pos" if draw < positive else "neg" if draw < positive + negative else "neutral"
        complaint = COMPLAINTS[rng.integers(len(COMPLAINTS))]
        text.append(POSTS[tone][rng.integers(3)].format(
            brand=b, praise=PRAISE[rng.integers(len(PRAISE))], complaint=complaint,
            complaint_cap=complaint[0].upper() + complaint[1:]))
    answer_rate = np.array([CARE[b][0] for b in brand])
    median = np.array([CARE[b][1] for b in brand], dtype=float)
    responded = rng.random(n) < answer_rate
    delay = median * np.exp(rng.normal(0.0, 0.7, n))
    responded_at = pd.Series(later(posted, delay)).where(responded)
    return pd.DataFrame({
        "brand": brand, "platform": platform, "posted_at": pd.to_datetime(posted),
        "text": text, "responded": responded, "responded_at": pd.to_datetime(responded_at),
    })
