"""Customers' free text: survey comments and public reviews built from phrase banks.

A comment's tone follows the respondent's NPS group and its themes follow their ratings: a
detractor with a low ``attr_ease`` most likely complains about the app, a promoter with a high
``attr_staff`` praises the staff. October 2026 adds complaints about the app update (truth 1) and
the inflated agent's extra 10s get comments that contradict the score (truth 3).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

# Theme -> the survey attribute that drives it, and how often customers raise it at all.
THEME_ATTRIBUTE = {
    "app": "attr_ease", "waiting": "attr_speed", "price": "attr_price",
    "staff": "attr_staff", "network": "attr_reliability", "billing": "attr_price",
}
THEMES = tuple(THEME_ATTRIBUTE)
THEME_PRIOR = np.array([1.3, 1.0, 0.9, 1.0, 1.0, 0.8])

SENTENCES = {
    "app": {
        "neg": (
            "The app keeps logging me out, really frustrating.",
            "It took four attempts to change my plan online, ridiculous.",
            "Far too many steps just to add a data pack, so annoying.",
            "I couldn't find where to update my payment details, the app is useless.",
            "The website is confusing and sends me round in circles when I try to port my number.",
            "Activating the new SIM was a terrible, confusing process.",
        ),
        "pos": (
            "The app makes it really easy to check my usage.",
            "Changing my plan took two minutes in the app, great.",
            "Setting up the eSIM was simple and easy.",
            "I love the app, everything I need is there.",
            "Topping up is quick and easy.",
        ),
    },
    "waiting": {
        "neg": (
            "I waited over 40 minutes on hold, awful.",
            "Nobody answered my email for a week, terrible service.",
            "The chat said two minutes, it was closer to thirty. Ridiculous.",
            "Only one person serving in the store and a long, frustrating queue.",
            "My number transfer took five days instead of one, very poor.",
        ),
        "pos": (
            "My question was answered within minutes, excellent.",
            "I was in and out of the store in ten minutes, great.",
            "Quick, helpful response on chat.",
            "The replacement SIM arrived the next day, great.",
        ),
    },
    "price": {
        "neg": (
            "Too expensive, a bad deal compared with other networks.",
            "The price went up again with no real improvement, disappointing.",
            "Roaming charges were a nasty surprise.",
            "New customers pay less than loyal ones, which is unfair.",
        ),
        "pos": (
            "Good value for the amount of data I get.",
            "The family plan is great value and saves us money.",
            "Fair price for a great service.",
        ),
    },
    "staff": {
        "neg": (
            "The person in the store was clueless and unhelpful.",
            "The agent was rude and kept interrupting me.",
            "I was passed between three people and had to explain everything again, exhausting.",
            "Nobody took ownership of my problem.",
        ),
        "pos": (
            "The agent was patient and really helpful.",
            "Staff were friendly and explained everything clearly.",
            "The advisor went out of their way to help me, brilliant.",
            "Great service from the team at the store.",
        ),
    },
    "network": {
        "neg": (
            "Calls keep dropping at home, terrible.",
            "The signal is terrible in the city centre.",
            "Mobile data stops working every evening, useless.",
            "There was an outage for two days, a terrible experience.",
        ),
        "pos": (
            "Coverage is excellent, even in the countryside.",
            "Reliable network, I love it.",
            "Fast, reliable data wherever I go, great.",
        ),
    },
    "billing": {
        "neg": (
            "I was charged twice this month and it still hasn't been refunded.",
            "My bill is confusing and impossible to understand.",
            "I was wrongly billed for an add-on I didn't order. Annoying and unfair.",
            "The direct debit failed and I still got a late fee, unfair.",
        ),
        "pos": (
            "The bill is clear and always what I expect, good.",
            "Billing was sorted quickly when I asked, thank you.",
        ),
    },
}
APP_UPDATE = (
    "Since the latest app update everything is broken, awful.",
    "The new version of the app is a mess, I can't even see my bill.",
    "After the October update the app crashes every time I log in, terrible.",
)
OPENERS = {
    "promoter": ("", "", "Great experience.", "Really pleased overall.", "No complaints at all."),
    "passive": ("", "It's okay.", "Mostly fine."),
    "detractor": ("", "", "Very disappointed.", "Not happy.", "Frustrating experience."),
}
CLOSERS = {
    "promoter": ("", "", "", "Would recommend.", "Keep it up!"),
    "passive": ("", "", "Could be better."),
    "detractor": ("", "", "Thinking about switching.", "Please fix this mess.", "Not good enough."),
}
NIMBUS_CLOSERS = (
    "Nimbus Mobile looks simpler and cheaper, I'm tempted to move.",
    "A friend moved to Nimbus Mobile and says their app is far easier.",
)
# Truth 3: what customers write after being asked for a 10.
CONTRADICTIONS = (
    "Agent asked me to give a 10 but the problem is still not fixed.",
    "I was told to score 10 so the agent gets his bonus. My bill is still wrong and I'm angry.",
    "Giving 10 because the agent begged me to. The service was terrible and rude.",
    "The agent said anything below 10 counts as a fail. My internet still doesn't work.",
    "Asked to rate 10 at the end of the call. Third call about the same problem, nothing changed.",
    "Rated 10 as requested, but I still have no signal at home. Awful.",
)
COMMENT_RATE = {"promoter": 0.55, "passive": 0.50, "detractor": 0.75}
REVIEW_OPENERS = {
    "pos": ("", "Five stars from me.", "Really happy with Northstar.", "Solid network."),
    "mixed": ("", "Average.", "Some good, some bad."),
    "neg": ("", "Avoid.", "Used to be good.", "Worst provider I've had."),
}


def _pick(rng: np.random.Generator, bank) -> str:
    return bank[rng.integers(len(bank))]


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _theme_choice(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """One theme index per row, drawn with the given (rows x themes) weights."""
    cumulative = np.cumsum(weights, axis=1)
    draw = rng.random(len(weights)) * cumulative[:, -1]
    return (cumulative < draw[:, None]).sum(axis=1)


def theme_weights(ratings: pd.DataFrame, channel: np.ndarray, positive: bool) -> np.ndarray:
    """(rows x themes) weights: themes whose attribute is rated low (or high) come up most.

    Parameters
    ----------
    ratings : attr_* columns, 1-5, missing allowed (read as 3).
    channel : the response channel per row (app/web favour the app, people favour staff).
    positive : weights for praise (high ratings) rather than complaints (low ratings).
    """
    sign = 1.0 if positive else -1.0
    columns = [ratings[THEME_ATTRIBUTE[t]].fillna(3).to_numpy(float) for t in THEMES]
    weights = THEME_PRIOR * np.exp(sign * 1.2 * (np.column_stack(columns) - 3))
    digital = np.isin(channel, ["app", "web"])
    personal = np.isin(channel, ["store", "phone", "chat"])
    weights[digital, THEMES.index("app")] *= 1.6
    weights[personal, THEMES.index("staff")] *= 1.6
    weights[np.asarray(channel) == "phone", THEMES.index("waiting")] *= 1.5
    return weights


def survey_comments(
    rng: np.random.Generator,
    mood: np.ndarray,
    ratings: pd.DataFrame,
    channel: np.ndarray,
    october: np.ndarray,
    nimbus: np.ndarray,
) -> list:
    """Comments for ~60 % of responses, in the tone of each respondent's NPS group.

    Parameters
    ----------
    rng : random generator.
    mood : ``promoter``, ``passive`` or ``detractor`` per response.
    ratings : the attr_* ratings per response.
    channel : response channel per response.
    october : responses in the last month, when the app update hurt.
    nimbus : responses that also considered Nimbus Mobile.

    Returns
    -------
    list
        A comment or ``None`` per response.
    """
    n = len(mood)
    neg = _theme_choice(rng, theme_weights(ratings, channel, positive=False))
    neg2 = _theme_choice(rng, theme_weights(ratings, channel, positive=False))
    pos = _theme_choice(rng, theme_weights(ratings, channel, positive=True))
    pos2 = _theme_choice(rng, theme_weights(ratings, channel, positive=True))
    rate = np.array([COMMENT_RATE[m] for m in mood])
    writes = rng.random(n) < rate
    out: list = [None] * n
    for i in np.flatnonzero(writes):
        group = mood[i]
        bad = SENTENCES[THEMES[neg[i]]]["neg"]
        good = SENTENCES[THEMES[pos[i]]]["pos"]
        if october[i] and THEMES[neg[i]] == "app" and rng.random() < 0.7:
            bad = APP_UPDATE
        if group == "detractor":
            second = neg2[i] != neg[i] and rng.random() < 0.4
            extra = _pick(rng, SENTENCES[THEMES[neg2[i]]]["neg"]) if second else ""
            switching = nimbus[i] and rng.random() < 0.35
            closer = _pick(rng, NIMBUS_CLOSERS if switching else CLOSERS[group])
            out[i] = _join(_pick(rng, OPENERS[group]), _pick(rng, bad), extra, closer)
        elif group == "passive":
            body = (_pick(rng, good), _pick(rng, bad)) if rng.random() < 0.7 else (_pick(rng, bad),)
            out[i] = _join(_pick(rng, OPENERS[group]), *body, _pick(rng, CLOSERS[group]))
        else:
            second = pos2[i] != pos[i] and rng.random() < 0.4
            extra = _pick(rng, SENTENCES[THEMES[pos2[i]]]["pos"]) if second else ""
            out[i] = _join(_pick(rng, OPENERS[group]), _pick(rng, good), extra,
                           _pick(rng, CLOSERS[group]))
    return out


def contradictions(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` comments that a customer leaves after being asked for a 10 (truth 3)."""
    return [_pick(rng, CONTRADICTIONS) for _ in range(n)]


def review_texts(rng: np.random.Generator, rating: np.ndarray, theme: np.ndarray) -> list[str]:
    """Public review texts matching a star rating (1-5) and a theme per review.

    Parameters
    ----------
    rng : random generator.
    rating : star rating per review.
    theme : one of :data:`THEMES` per review.
    """
    out = []
    for stars, topic in zip(rating, theme):
        tone = "pos" if stars >= 4 else "neg" if stars <= 2 else "mixed"
        if tone == "mixed":
            other = THEMES[rng.integers(len(THEMES))]
            body = (_pick(rng, SENTENCES[other]["pos"]), _pick(rng, SENTENCES[topic]["neg"]))
        else:
            body = (_pick(rng, SENTENCES[topic][tone]),)
        out.append(_join(_pick(rng, REVIEW_OPENERS[tone]), *body))
    return out
