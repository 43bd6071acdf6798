"""Public reviews of Northstar on app stores and review sites.

Each review names the journey touchpoint it is about (the names of :mod:`cxlib.demo.journey`):
app-store reviewers write about the app's touchpoints, map reviewers about the stores, Trustpilot
reviewers about support, billing and switching (15 % of Trustpilot reviews name none). Stars
depend on the touchpoint and the text is written in the tone of the stars.

Planted truths of step 3, with the values in :data:`TRUTHS` (``tests/test_demo_brand.py``):

1. Complaints name the app. Of the 1-2-star reviews that name a touchpoint, about 38 % are about
   the app account, more than twice any other touchpoint.
2. SIM activation has the worst complaint rate: about three quarters of its reviews give 1-2
   stars (the journey's worst moment of truth, seen from outside).
3. October's app update: 90 extra app-store reviews (App Store, Google Play) arrive in October
   2026, all about the app account, and October app-store reviews lose a star 70 % of the time;
   their mean rating falls by about half a star from the eleven months before (about 3.0 to 2.4),
   and October is the lowest month of all reviews (about 2.5 against 2.9-3.2).
4. Stores are the bright spot: Google Maps reviews average about 3.9 stars, the best platform.
5. The words match the stars: VADER reads at least 95 % of the 1-2-star texts as negative and of
   the 4-5-star texts as positive.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .client import month_starts, times_in_months, times_in_period

N_REVIEWS = 1410
OCTOBER_SURGE = 90  # extra app-store reviews after the October update
REVIEW_PLATFORMS = {"App Store": 0.28, "Google Play": 0.34, "Trustpilot": 0.22, "Google Maps": 0.16}
APP_STORES = ("App Store", "Google Play")
# Platform -> touchpoint -> weight.
PLATFORM_TOUCHPOINTS = {
    "App Store": {"App account": 0.45, "SIM activation": 0.15, "Bill payment": 0.12,
                  "Network coverage": 0.18, "Roaming": 0.10},
    "Google Play": {"App account": 0.45, "SIM activation": 0.15, "Bill payment": 0.12,
                    "Network coverage": 0.18, "Roaming": 0.10},
    "Google Maps": {"Store help desk": 0.45, "In-store purchase": 0.30, "Device setup": 0.15,
                    "Store visit": 0.10},
    "Trustpilot": {"Support call": 0.30, "Monthly bill": 0.20, "Number porting": 0.12,
                   "Support chat": 0.13, "Network coverage": 0.15, "Online checkout": 0.10},
}
NO_TOUCHPOINT = 0.15  # share of Trustpilot reviews that name no touchpoint
# Touchpoint -> (share of 1-2 stars, share of 4-5 stars); the rest give 3.
TONE = {
    "SIM activation": (0.74, 0.14), "Number porting": (0.64, 0.20), "Support call": (0.62, 0.22),
    "Monthly bill": (0.48, 0.32), "Support chat": (0.45, 0.35), "Roaming": (0.45, 0.35),
    "App account": (0.42, 0.44), "Bill payment": (0.34, 0.46), "Network coverage": (0.28, 0.58),
    "Online checkout": (0.25, 0.60), "Store help desk": (0.18, 0.68), "Device setup": (0.15, 0.72),
    "Store visit": (0.12, 0.75), "In-store purchase": (0.10, 0.78),
}
OCTOBER = np.datetime64("2026-10-01")
OCTOBER_STAR_LOSS = 0.7  # chance an October app-store review loses a star

TEXTS = {
    "SIM activation": {
        "neg": (("Activating my new SIM in the app failed three times and I had no service for two "
                "days. Terrible."),
                "The eSIM activation kept throwing an error and nobody could tell me why. Awful.",
                "It took a week to get my SIM working, a horrible first impression.",
                "The activation code never arrived, so frustrating."),
        "mixed": ("The SIM activated in the end, but only on the third try.",),
        "pos": ("SIM activated in five minutes through the app, easy.",
                "The eSIM setup was quick and painless, great."),
    },
    "App account": {
        "neg": ("The app keeps logging me out, really frustrating.",
                "Far too many steps just to add a data pack, so annoying.",
                "I can't find where to update my payment details, the app is useless."),
        "mixed": ("The app does the basics, but it is slow and clunky.",),
        "pos": ("The app makes it really easy to check my usage.",
                "I love the app, everything I need is there."),
    },
    "Bill payment": {
        "neg": ("The payment page failed twice and I still got a late fee. Unfair.",
                "Paying my bill in the app is a confusing mess."),
        "mixed": ("Paying works, but saving a new card is a pain.",),
        "pos": ("Paying my bill takes a few seconds, great.",),
    },
    "Network coverage": {
        "neg": ("Calls keep dropping at home, terrible.",
                "Mobile data stops working every evening, useless."),
        "mixed": ("Good coverage in town, but patchy on the train.",),
        "pos": ("Coverage is excellent, even in the countryside.",
                "Fast, reliable data wherever I go, great."),
    },
    "Roaming": {
        "neg": ("Roaming charges were a nasty surprise, awful.",
                "Roaming did not work at all on holiday, terrible."),
        "mixed": ("Roaming worked, but the daily fee is steep.",),
        "pos": ("Roaming just worked abroad, great.",),
    },
    "Store help desk": {
        "neg": ("The person at the desk was clueless and rude, a terrible visit.",
                "Waited an hour in the store for nothing, terrible."),
        "mixed": ("The staff were nice, but the queue was long.",),
        "pos": ("The store team fixed my phone in ten minutes, brilliant.",
                "Staff were friendly and explained everything clearly."),
    },
    "In-store purchase": {
        "neg": ("The store pushed an expensive plan I did not need. Disappointed and angry.",),
        "mixed": ("Buying was fine, but it took longer than it should.",),
        "pos": ("Great service at the store, in and out with my new phone in no time.",
                "The advisor went out of their way to help me, excellent."),
    },
    "Device setup": {
        "neg": ("They lost my contacts while setting up my phone, awful.",),
        "mixed": ("Setup was fine, but they forgot to move my photos.",),
        "pos": ("They set up my new phone and moved everything across, brilliant.",),
    },
    "Store visit": {
        "neg": ("Only one person serving and a long, frustrating queue.",),
        "mixed": ("Nice store, but nobody had time for me.",),
        "pos": ("Helpful staff who compared the plans for me without pressure, great.",),
    },
    "Support call": {
        "neg": ("I waited over 40 minutes on hold, awful.",
                ("Passed between three people on the phone and had to explain everything again, "
                "exhausting."),
                "The phone queue is a joke, an hour on hold and then cut off. Terrible."),
        "mixed": ("The agent was helpful in the end, but the wait on the phone was long.",),
        "pos": ("The agent on the phone was patient and really helpful.",),
    },
    "Support chat": {
        "neg": ("The chat said two minutes, it was closer to thirty. Ridiculous.",
                "The chat bot goes round in circles and never gets me to a person, useless."),
        "mixed": ("The chat answered, but I had to repeat my account details twice.",),
        "pos": ("Quick, helpful answer on chat, great.",),
    },
    "Monthly bill": {
        "neg": ("I was charged twice this month and still no refund. Awful.",
                "My bill is confusing and impossible to understand.",
                "Wrongly billed for an add-on I didn't order. Annoying and unfair."),
        "mixed": ("The bill is mostly right, but the extras are hard to follow.",),
        "pos": ("The bill is clear and always what I expect, good.",),
    },
    "Number porting": {
        "neg": ("Moving my number took five days instead of one, very poor.",
                "They lost my old number during the transfer, a nightmare."),
        "mixed": ("My number came across, but a day later than promised.",),
        "pos": ("My number moved over the same day, excellent.",),
    },
    "Online checkout": {
        "neg": ("The checkout crashed twice before my order went through, annoying.",),
        "mixed": ("Ordering online was fine, but delivery options were confusing.",),
        "pos": ("Ordering online was simple and the SIM came the next day, great.",),
    },
}
APP_UPDATE = (
    "Since the latest app update everything is broken, awful.",
    "The new version of the app is a mess, I can't even see my bill.",
    "After the October update the app crashes every time I log in, terrible.",
)
GENERAL = {
    "neg": ("Terrible customer service, awful.", "Worst provider I've had, avoid."),
    "mixed": ("Some good, some bad, nothing special.",),
    "pos": ("Really happy with Northstar overall, great service.",),
}
OPENERS = {
    "pos": ("", "", "Five stars from me.", "Really happy with Northstar."),
    "mixed": ("", "Average.", "Okay."),
    "neg": ("", "", "Avoid.", "Disappointed."),
}


@dataclass(frozen=True)
class ReviewTruths:
    """What the reviews were built to show, and the values an analysis should find."""

    reviews: int = N_REVIEWS + OCTOBER_SURGE
    most_complained: str = "App account"
    most_complained_share: float = 0.38     # of 1-2-star reviews naming a touchpoint
    worst_complaint_rate: str = "SIM activation"
    worst_complaint_rate_share: float = 0.74
    app_store_october_drop: float = 0.5     # stars, October vs the eleven months before
    lowest_month: str = "2026-10"
    best_platform: str = "Google Maps"
    best_platform_mean: float = 3.9
    tone_agreement_at_least: float = 0.95


TRUTHS = ReviewTruths()


def _pick(rng: np.random.Generator, bank) -> str:
    return bank[rng.integers(len(bank))]


def _texts(rng: np.random.Generator, stars: np.ndarray, touchpoint: np.ndarray,
           october_app: np.ndarray) -> list[str]:
    """A review text per row in the tone of its stars, about its touchpoint."""
    out = []
    for i, (rating, topic) in enumerate(zip(stars, touchpoint)):
        tone = "pos" if rating >= 4 else "neg" if rating <= 2 else "mixed"
        bank = GENERAL if topic is None else TEXTS[topic]
        body = _pick(rng, bank[tone])
        if tone == "neg" and october_app[i] and topic == "App account" and rng.random() < 0.6:
            body = _pick(rng, APP_UPDATE)
        out.append(" ".join(p for p in (_pick(rng, OPENERS[tone]), body) if p))
    return out


def reviews(rng: np.random.Generator) -> pd.DataFrame:
    """The reviews dataset: 1,500 public reviews of Northstar on app stores and review sites.

    Parameters
    ----------
    rng : random generator.

    Returns
    -------
    pd.DataFrame
        platform, posted_at, rating (1-5), text, touchpoint (missing for some Trustpilot reviews).
    """
    posted = times_in_period(rng, N_REVIEWS)
    platform = rng.choice(list(REVIEW_PLATFORMS), size=N_REVIEWS,
                          p=list(REVIEW_PLATFORMS.values()))
    # The October update brings a surge of app-store reviews (truth 3).
    surge = times_in_months(rng, [0] * (len(month_starts()) - 1) + [OCTOBER_SURGE])
    posted = np.concatenate([posted, surge])
    platform = np.concatenate([platform, rng.choice(APP_STORES, size=OCTOBER_SURGE)])
    in_surge = np.arange(len(posted)) >= N_REVIEWS
    order = np.argsort(posted, kind="stable")
    posted, platform, in_surge = posted[order], platform[order], in_surge[order]
    n = len(posted)
    touchpoint = np.empty(n, dtype=object)
    for name, options in PLATFORM_TOUCHPOINTS.items():
        rows = np.flatnonzero(platform == name)
        weight = np.array(list(options.values()))
        touchpoint[rows] = rng.choice(list(options), size=len(rows), p=weight / weight.sum())
    touchpoint[(platform == "Trustpilot") & (rng.random(n) < NO_TOUCHPOINT)] = None
    touchpoint[in_surge] = "App account"  # the surge is about the updated app

    low = np.array([TONE[t][0] if t else 0.55 for t in touchpoint])
    high = np.array([TONE[t][1] if t else 0.25 for t in touchpoint])
    draw = rng.random(n)
    stars = np.where(draw < low, np.where(rng.random(n) < 0.65, 1, 2),
                     np.where(draw < low + high, np.where(rng.random(n) < 0.5, 4, 5), 3))
    # October's app update: app-store reviewers lose a star more often than not (truth 3).
    october_app = (posted >= OCTOBER) & np.isin(platform, APP_STORES)
    hit = october_app & (rng.random(n) < OCTOBER_STAR_LOSS)
    stars[hit] = np.maximum(1, stars[hit] - 1)
    return pd.DataFrame({
        "platform": platform, "posted_at": pd.to_datetime(posted), "rating": stars.astype(int),
        "text": _texts(rng, stars, touchpoint, october_app), "touchpoint": touchpoint,
    })
