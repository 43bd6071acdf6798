import numpy as np
import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from cxlib.text.sentiment import compound, tone

POSITIVE = "The staff were friendly and very helpful!"
NEGATIVE = "Terrible service, I waited an hour and nobody helped."


def test_compound_equals_vader_called_directly_and_has_the_right_sign():
    direct = SentimentIntensityAnalyzer()
    scores = compound(pd.Series([POSITIVE, NEGATIVE]))
    assert scores[0] == pytest.approx(direct.polarity_scores(POSITIVE)["compound"])
    assert scores[1] == pytest.approx(direct.polarity_scores(NEGATIVE)["compound"])
    assert scores[0] > 0.5
    assert scores[1] < 0


def test_missing_and_blank_text_score_nan_on_the_same_index():
    texts = pd.Series([None, "   ", POSITIVE, pd.NA], index=["a", "b", "c", "d"], dtype="string")
    scores = compound(texts)
    assert list(scores.index) == ["a", "b", "c", "d"]
    assert scores.isna().tolist() == [True, True, False, True]
    assert -1 <= scores["c"] <= 1


def test_tone_uses_the_plus_minus_005_cutoffs():
    scores = pd.Series([-0.5, -0.05, -0.04, 0.0, 0.04, 0.05, 0.9, np.nan])
    assert tone(scores).tolist() == [
        "negative", "negative", "neutral", "neutral", "neutral", "positive", "positive", None,
    ]


def test_tone_accepts_nullable_floats():
    scores = pd.Series([0.3, None], dtype="Float64")
    labels = tone(scores)
    assert labels[0] == "positive"
    assert pd.isna(labels[1])
