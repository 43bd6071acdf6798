"""Public reviews of Northstar on app stores and review sites.

App-store reviewers complain about the app most, map reviewers about stores and staff; October's
app update costs app-store ratings a star more often than not.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import comments
from .client import times_in_period

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
