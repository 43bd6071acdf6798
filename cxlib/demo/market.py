"""The market around Northstar: competitor benchmarks and social mentions, with step 2's truths.

Nimbus Mobile, the competitor client.yml does not list (truth 4 of :mod:`cxlib.demo.planted`),
leads the benchmark on ease and personalization, gains ground every quarter, answers social posts
within minutes and is the brand Northstar's unhappy customers say they are moving to.

Planted truths of step 2 (values in :data:`TRUTHS`, checked by ``tests/test_demo_competition.py``):

1. Hidden competitor. ``Nimbus Mobile`` is named in ``also_considered`` by exactly 30 % of
   survey responses (planted in :mod:`cxlib.demo.survey`), the second most considered brand after
   Orbit Telecom, although client.yml does not list it.
2. Trailing where it matters. In the latest benchmark (15 Sep 2026, mean of the two sources,
   to one decimal)
   Northstar scores 5.0 / 10 on ease against 8.6 for Nimbus Mobile: a gap of -3.6, Northstar's
   largest, on the attribute that drives NPS most (truth 1 of ``planted``). The gap was -2.6 in
   December 2025: Nimbus gains 0.15 a quarter on every attribute and Northstar's ease drops 0.6
   in the last wave (the app update).
3. Leading. Northstar leads every competitor on reliability (8.0 against 7.2 for Orbit Telecom,
   a lead of 0.8, its largest) and, by less, on staff (7.3 against 6.6 for Nimbus Mobile).
4. Slow on social. Northstar answers exactly 38 % of the 1,350 posts about it (513), with a
   median response time of exactly 260 minutes (4 h 20 min; about 12 % of its answers come
   within two hours). The best competitor, Nimbus Mobile, answers exactly 80 % of its 630 posts
   (504) with a median of exactly 22 minutes. Delta's reference (30 % of mentions answered) is
   beaten; Sephora's (most messages answered within two hours) is far off.
5. Tone. Every post is written to be read unambiguously by VADER (``cxlib.text.sentiment``):
   Northstar's mentions are exactly 30 % positive and 50 % negative (net -20, the worst of the
   five brands); Nimbus Mobile's are 60 % positive and 10 % negative (net +50). 63 of Nimbus's
   posts (10 %) are customers leaving Northstar for Nimbus and name both brands.

Counts, shares and medians of the social dataset are planted exactly (the same for every seed).
The benchmark scores carry a small random error (standard deviation 0.2 per source): the values
above are those of the default seed 2026; with another seed they move by up to about 0.3 and the
orderings (ease the largest gap, Nimbus ahead on ease, reliability the largest lead) still hold.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .client import NAME, later, split_count, times_in_period
from .planted import PLANTED

HIDDEN = PLANTED.hidden_competitor
BENCH_ATTRIBUTES = ("ease", "speed", "price", "staff", "reliability", "personalization")
# Brand -> score 0-10 per attribute, in the order of BENCH_ATTRIBUTES.
PROFILE = {
    NAME: (5.8, 6.4, 5.5, 7.2, 8.4, 5.6),
    "Orbit Telecom": (6.6, 6.8, 5.9, 6.5, 7.3, 6.0),
    "Pulse Wireless": (6.1, 6.0, 7.2, 5.9, 6.4, 5.2),
    "Zenith Connect": (5.5, 5.7, 7.8, 5.6, 5.8, 4.9),
    HIDDEN: (8.4, 7.6, 7.4, 6.2, 6.6, 7.8),
}
SOURCES = {"Market pulse panel": 0.0, "Telecom benchmark report": -0.3}
MEASURED = ("2025-12-15", "2026-03-15", "2026-06-15", "2026-09-15")
HIDDEN_GAIN = 0.15      # Nimbus improves this much on every attribute each quarter
EASE_SLIP = -0.6        # Northstar's ease in the last wave, after the October app update
SCORE_NOISE = 0.2

N_MENTIONS = 3000
# Brand -> share of the posts (exact counts: 1,350 / 480 / 330 / 210 / 630).
MENTION_SHARE = {NAME: 0.45, "Orbit Telecom": 0.16, "Pulse Wireless": 0.11,
                 "Zenith Connect": 0.07, HIDDEN: 0.21}
# Brand -> (share positive, share negative), the rest neutral; exact counts.
TONE = {NAME: (0.30, 0.50), "Orbit Telecom": (0.40, 0.35), "Pulse Wireless": (0.40, 0.40),
        "Zenith Connect": (0.30, 0.40), HIDDEN: (0.60, 0.10)}
SWITCHING_SHARE = 0.10  # of Nimbus's posts: customers leaving Northstar (counted as positive)
# Brand -> (share of posts answered, median minutes to answer); both exact.
CARE = {NAME: (0.38, 260), "Orbit Telecom": (0.55, 120), "Pulse Wireless": (0.40, 180),
        "Zenith Connect": (0.20, 300), HIDDEN: (0.80, 22)}
DELAY_SPREAD = 0.7      # log-normal spread of response times around the median
PLATFORMS = {"X": 0.35, "Facebook": 0.20, "Instagram": 0.15, "TikTok": 0.10, "Reddit": 0.20}
# Every template and filler is read by VADER with the tone it is filed under
# (tests/test_demo_competition.py checks each combination).
POSTS = {
    "pos": ("Shout out to {brand}, {praise}.", "{brand} {praise}, impressed!",
            "Have to say {brand} {praise}. Love it."),
    "neg": ("{brand} {complaint}.", "Seriously {brand}? {complaint_cap}.",
            "Day three and {brand} {complaint}. Fed up."),
    "neutral": ("Anyone using {brand} for roaming in Europe?",
                "Thinking about switching to {brand}, any experiences?",
                "Does {brand} do eSIM for the new phones?",
                "What time does the {brand} store on Main Street open on Sundays?"),
}
PRAISE = ("sorted my bill in five minutes, great service", "has great coverage on my trip",
          "has an app that is so easy to use", "had friendly store staff today",
          "fixed my eSIM in minutes, brilliant")
COMPLAINTS = ("has had no signal in my area all day", "charged me twice and nobody answers",
              "pushed an app update that broke everything", "kept me 45 minutes on hold, terrible",
              "lost my number transfer, awful")
SWITCHING = (f"Leaving {NAME} for {HIDDEN}, their app actually works. So much easier!",
             f"Switched from {NAME} to {HIDDEN} in ten minutes, so easy.",
             f"{HIDDEN} matched my {NAME} plan for less. Happy I switched!")


@dataclass(frozen=True)
class MarketTruths:
    """Step 2's planted truths and the values a correct analysis finds (see the module docstring).

    Scores are on the benchmark's 0-10 scale, the mean of the two sources' latest wave to one
    decimal, for the default seed (2026). Counts, shares and medians of the social dataset are exact for any seed.
    """

    client: str = NAME
    hidden_competitor: str = HIDDEN
    hidden_share: float = PLANTED.hidden_competitor_share
    most_considered: str = "Orbit Telecom"
    trailing_attribute: str = "ease"
    trailing_behind: str = HIDDEN
    trailing_client_score: float = 5.0
    trailing_best_score: float = 8.6
    trailing_gap: float = -3.6
    trailing_gap_first_wave: float = -2.6
    leading_attribute: str = "reliability"
    leading_runner_up: str = "Orbit Telecom"
    leading_client_score: float = 8.0
    leading_runner_up_score: float = 7.2
    leading_gap: float = 0.8
    also_leading: tuple[str, ...] = ("staff",)
    client_mentions: int = 1350
    client_answered: int = 513
    client_response_rate: float = 0.38
    client_median_minutes: float = 260.0
    best_responder: str = HIDDEN
    best_mentions: int = 630
    best_answered: int = 504
    best_response_rate: float = 0.80
    best_median_minutes: float = 22.0
    client_positive: float = 0.30
    client_negative: float = 0.50
    hidden_positive: float = 0.60
    hidden_negative: float = 0.10
    switching_posts: int = 63


TRUTHS = MarketTruths()


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
                    trend = HIDDEN_GAIN * quarter if brand == HIDDEN else 0.0
                    if brand == NAME and attribute == "ease" and quarter == len(MEASURED) - 1:
                        trend = EASE_SLIP
                    value = score + bias + trend + rng.normal(0.0, SCORE_NOISE)
                    value = round(float(np.clip(value, 0, 10)), 1)
                    rows.append((brand, attribute, value, source, measured))
    return pd.DataFrame(rows, columns=["brand", "attribute", "score", "source", "measured_at"])


def _exactly(rng: np.random.Generator, n: int, share: float) -> np.ndarray:
    """A boolean mask of length ``n`` with exactly ``round(share * n)`` True, at random places."""
    mask = np.zeros(n, dtype=bool)
    mask[rng.choice(n, size=round(share * n), replace=False)] = True
    return mask


def _delays(rng: np.random.Generator, k: int, median: float) -> np.ndarray:
    """``k`` whole-minute response times, log-normal around and with a median of exactly ``median``."""
    if k == 0:
        return np.zeros(0)
    raw = np.exp(rng.normal(0.0, DELAY_SPREAD, k))
    minutes = np.maximum(np.round(median * raw / np.median(raw)), 1.0)
    order = np.argsort(minutes, kind="stable")
    # The middle one (or two) become the median itself; the order of the others is unchanged.
    minutes[order[(k - 1) // 2]] = minutes[order[k // 2]] = median
    return minutes


def _post(rng: np.random.Generator, brand: str, tone: str) -> str:
    template = POSTS[tone][rng.integers(len(POSTS[tone]))]
    complaint = COMPLAINTS[rng.integers(len(COMPLAINTS))]
    return template.format(brand=brand, praise=PRAISE[rng.integers(len(PRAISE))],
                           complaint=complaint, complaint_cap=complaint[0].upper() + complaint[1:])


def social_mentions(rng: np.random.Generator) -> pd.DataFrame:
    """The social dataset: 3,000 posts about Northstar, the listed competitors and Nimbus.

    Parameters
    ----------
    rng : random generator.
    """
    n = N_MENTIONS
    posted = times_in_period(rng, n)
    counts = split_count(n, list(MENTION_SHARE.values()))
    brand = rng.permutation(np.repeat(list(MENTION_SHARE), counts))
    platform = rng.choice(list(PLATFORMS), size=n, p=list(PLATFORMS.values()))
    text = np.empty(n, dtype=object)
    responded = np.zeros(n, dtype=bool)
    delay = np.full(n, np.nan)
    for name in MENTION_SHARE:
        rows = np.flatnonzero(brand == name)
        positive, negative = TONE[name]
        tones = rng.permutation(np.repeat(["pos", "neg", "neutral"], split_count(
            len(rows), [positive, negative, 1 - positive - negative])))
        switching = np.zeros(len(rows), dtype=bool)
        if name == HIDDEN:  # some of Nimbus's praise comes from customers who left Northstar
            happy = np.flatnonzero(tones == "pos")
            switching[rng.choice(happy, size=round(SWITCHING_SHARE * len(rows)), replace=False)] = True
        for row, tone, switched in zip(rows, tones, switching):
            text[row] = (SWITCHING[rng.integers(len(SWITCHING))] if switched
                         else _post(rng, name, tone))
        rate, median = CARE[name]
        answered = rows[_exactly(rng, len(rows), rate)]
        responded[answered] = True
        delay[answered] = _delays(rng, len(answered), median)
    responded_at = pd.Series(later(posted, np.nan_to_num(delay))).where(responded)
    return pd.DataFrame({
        "brand": brand, "platform": platform, "posted_at": pd.to_datetime(posted),
        "text": text.astype(str), "responded": responded,
        "responded_at": pd.to_datetime(responded_at),
    })
