"""The market around Northstar: competitor benchmarks, social mentions and public reviews.

Nimbus Mobile, the competitor client.yml does not list (truth 4 of :mod:`cxlib.demo.planted`),
leads the benchmark on ease and personalization, gains ground every quarter, answers social posts
within minutes and is the brand Northstar's unhappy customers say they are moving to.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import comments
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

N_REVIEWS = 1500
REVIEW_PLATFORMS = {"App Store": 0.28, "Google Play": 0.34, "Trustpilot": 0.22, "Google Maps": 0.16}
# Platform -> weights of comments.THEMES (app, waiting, price, staff, network, billing).
REVIEW_THEMES = {
    "App Store": (0.60, 0.05, 0.05, 0.00, 0.20, 0.10),
    "Google Play": (0.60, 0.05, 0.05, 0.00, 0.20, 0.10),
    "Google Maps": (0.00, 0.40, 0.10, 0.50, 0.00, 0.00),
    "Trustpilot": (0.10, 0.25, 0.15, 0.15, 0.15, 0.20),
}
# Platform -> star distribution 1..5.
STARS = {
    "App Store": (0.22, 0.14, 0.16, 0.24, 0.24),
    "Google Play": (0.24, 0.14, 0.16, 0.23, 0.23),
    "Google Maps": (0.08, 0.07, 0.15, 0.32, 0.38),
    "Trustpilot": (0.42, 0.14, 0.10, 0.14, 0.20),
}
THEME_TOUCHPOINT = {"app": "app", "waiting": "support", "price": "billing", "staff": "support",
                    "network": "network", "billing": "billing"}


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


def reviews(rng: np.random.Generator) -> pd.DataFrame:
    """The reviews dataset: ~1,500 public reviews of Northstar on app stores and review sites.

    Parameters
    ----------
    rng : random generator.
    """
    n = N_REVIEWS
    posted = times_in_period(rng, n)
    platform = rng.choice(list(REVIEW_PLATFORMS), size=n, p=list(REVIEW_PLATFORMS.values()))
    theme = np.empty(n, dtype=object)
    stars = np.empty(n, dtype=int)
    october = posted >= np.datetime64("2026-10-01")
    for name in REVIEW_PLATFORMS:
        rows = np.flatnonzero(platform == name)
        weight = np.array(REVIEW_THEMES[name])
        theme[rows] = rng.choice(comments.THEMES, size=len(rows), p=weight / weight.sum())
        stars[rows] = 1 + rng.choice(5, size=len(rows), p=STARS[name])
    # October's app update: app-store reviewers lose a star more often than not.
    app_hit = october & np.isin(platform, ["App Store", "Google Play"]) & (rng.random(n) < 0.6)
    stars[app_hit] = np.maximum(1, stars[app_hit] - 1)
    text = comments.review_texts(rng, stars, theme)
    touchpoint = pd.Series(theme).map(THEME_TOUCHPOINT).to_numpy(dtype=object)
    touchpoint[np.isin(platform, ["App Store", "Google Play"])] = "app"
    touchpoint[platform == "Google Maps"] = "store"
    touchpoint[(platform == "Trustpilot") & (rng.random(n) < 0.15)] = None
    return pd.DataFrame({
        "platform": platform, "posted_at": pd.to_datetime(posted), "rating": stars,
        "text": text, "touchpoint": touchpoint,
    })
