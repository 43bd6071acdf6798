"""Comment sentiment with VADER (a lexicon model tuned for short, informal text).

VADER needs no training data, so it behaves the same for every client and a consultant can explain
it: each word carries a rated valence, adjusted for negation, intensifiers, capitals and "!".

Two things are done before scoring, because a lexicon reads words, not meaning:

- Names are masked. A brand called "Swift" or "Ok Mobile" would otherwise score every post that
  names it as positive; brand names given by the caller, @handles, #hashtags and web addresses
  become a neutral placeholder.
- Service-failure language is scored. VADER's general lexicon has no valence for "still waiting",
  "on hold", "no refund" or "stranded", which are the commonest complaints in customer service;
  :data:`SERVICE_FAILURE` gives them one (reviewed phrases, each with a test). Phrases become one
  token so negation still applies ("not delayed").

Limits, stated in the reports' method notes: sarcasm and irony are read literally, mixed posts
average out, and the scores are for groups of posts, never a verdict on one.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

NEGATIVE_AT = -0.05  # VADER authors' conventional cut-offs for the compound score
POSITIVE_AT = 0.05


# Valence on VADER's scale (-4 to +4) of complaints its general lexicon leaves neutral.
SERVICE_FAILURE: dict[str, float] = {
    "still waiting": -1.8, "on hold": -1.5, "no refund": -2.0, "no response": -1.6, "no reply": -1.6,
    "nobody answered": -2.0, "no one answered": -2.0, "nobody called back": -2.0, "never arrived": -2.0,
    "never received": -1.8, "lost luggage": -2.2, "lost my bag": -2.2, "lost my luggage": -2.2,
    "stranded": -2.0, "overcharged": -2.0, "double charged": -2.0, "charged twice": -2.0, "outage": -1.8,
    "outages": -1.8, "not working": -1.8, "doesn't work": -1.8, "does not work": -1.8, "canceled": -1.0,
    "unanswered": -1.5, "rebooked": -0.8, "queue": -0.6, "queued": -0.6, "dropped calls": -1.8,
    "hung up": -1.8, "cut off": -1.2, "waste of time": -2.2, "run around": -1.8, "runaround": -1.8,
}
MASK = "someone"
_HANDLES = re.compile(r"(?:https?://|www\.)\S+|[@#][\w.]+", flags=re.IGNORECASE)


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    # Loading the lexicon takes ~0.1 s; build it once per process, on first use.
    analyzer = SentimentIntensityAnalyzer()
    analyzer.lexicon.update({_token(phrase): valence for phrase, valence in SERVICE_FAILURE.items()})
    return analyzer


def _token(phrase: str) -> str:
    return re.sub(r"[^a-z]", "", phrase.lower()) + "x" if " " in phrase or "'" in phrase else phrase


@lru_cache(maxsize=64)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    phrases = sorted({p for p in SERVICE_FAILURE if " " in p or "'" in p}, key=len, reverse=True)
    parts = [rf"(?P<name>{'|'.join(re.escape(n) for n in sorted(names, key=len, reverse=True))})"] if names else []
    parts.append(rf"(?P<phrase>{'|'.join(re.escape(p) for p in phrases)})")
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", flags=re.IGNORECASE)


def prepared(text: str, names: tuple[str, ...] = ()) -> str:
    """The text as VADER scores it: names, handles and addresses masked, failure phrases joined."""
    text = _HANDLES.sub(MASK, text)

    def swap(match: re.Match) -> str:
        if names and match.group("name"):
            return MASK
        return _token(match.group("phrase").lower())

    return _pattern(names).sub(swap, text)


def compound(texts: pd.Series, *, names: Iterable[str] = ()) -> pd.Series:
    """VADER compound score of each text, names masked and service failures scored.

    Parameters
    ----------
    texts : free-text column (object or string dtype).
    names : brand and product names to mask before scoring (the client's, the competitors').

    Returns
    -------
    pd.Series
        float in [-1, 1] on the same index; NaN for missing or blank text.
    """
    analyzer = _analyzer()
    masked = tuple(sorted({str(n).strip() for n in names if str(n).strip()}))
    cache: dict[str, float] = {}  # survey comments repeat ("Great service"): score each once
    values = []
    for text in texts:
        if not isinstance(text, str) or not text.strip():
            values.append(np.nan)
            continue
        if text not in cache:
            cache[text] = analyzer.polarity_scores(prepared(text, masked))["compound"]
        values.append(cache[text])
    return pd.Series(values, index=texts.index, name="compound", dtype=float)


def tone(compound_scores: pd.Series) -> pd.Series:
    """Label compound scores 'negative' (<= -0.05), 'neutral' or 'positive' (>= 0.05).

    Parameters
    ----------
    compound_scores : output of :func:`compound`; missing scores stay missing.
    """
    scores = pd.to_numeric(compound_scores, errors="coerce").astype(float)
    labels = np.select(
        [scores <= NEGATIVE_AT, scores >= POSITIVE_AT, scores.notna()],
        ["negative", "positive", "neutral"],
        default=None,
    )
    return pd.Series(labels, index=compound_scores.index, name="tone", dtype=object)
