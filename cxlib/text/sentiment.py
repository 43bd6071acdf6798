"""Comment sentiment with VADER (a lexicon model tuned for short, informal text).

VADER needs no training data, so it behaves the same for every client and a consultant can explain
it: each word carries a rated valence, adjusted for negation, intensifiers, capitals and "!".
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

NEGATIVE_AT = -0.05  # VADER authors' conventional cut-offs for the compound score
POSITIVE_AT = 0.05


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    # Loading the lexicon takes ~0.1 s; build it once per process, on first use.
    return SentimentIntensityAnalyzer()


def compound(texts: pd.Series) -> pd.Series:
    """VADER compound score of each text.

    Parameters
    ----------
    texts : free-text column (object or string dtype).

    Returns
    -------
    pd.Series
        float in [-1, 1] on the same index; NaN for missing or blank text.
    """
    analyzer = _analyzer()
    cache: dict[str, float] = {}  # survey comments repeat ("Great service"): score each once
    values = []
    for text in texts:
        if not isinstance(text, str) or not text.strip():
            values.append(np.nan)
            continue
        if text not in cache:
            cache[text] = analyzer.polarity_scores(text)["compound"]
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
