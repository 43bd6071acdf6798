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


def test_a_brand_named_with_a_positive_word_is_not_praised_by_its_own_name():
    posts = pd.Series(["Swift flight today", "Flying Swift to Oslo"])
    assert (compound(posts) > 0).all()  # VADER reads "swift" as praise (+0.8)
    assert compound(posts, names=["Swift"]).tolist() == [0.0, 0.0]


@pytest.mark.parametrize("text", ["Still waiting for my refund", "On hold for an hour", "No refund yet",
                                  "Stranded in Lisbon", "They lost my luggage", "Nobody answered the chat"])
def test_service_failures_read_negative(text):
    assert compound(pd.Series([text])).iloc[0] <= -0.05


def test_handles_hashtags_and_links_are_masked_and_negation_still_applies():
    from cxlib.text.sentiment import MASK, prepared

    assert prepared("@OkMobile see #greatdeals https://ok.example/x", ()) == f"{MASK} see {MASK} {MASK}"
    assert compound(pd.Series(["The flight was not delayed"])).iloc[0] > 0


def test_each_distinct_text_is_scored_once_per_process(monkeypatch):
    from cxlib.text import sentiment

    monkeypatch.setattr(sentiment, "_MEMO", {})
    calls = []
    real = sentiment._analyzer().polarity_scores
    monkeypatch.setattr(sentiment._analyzer(), "polarity_scores", lambda text: calls.append(text) or real(text))
    texts = pd.Series([POSITIVE, NEGATIVE, POSITIVE, None, "  "], index=[10, 11, 12, 13, 14])
    first = compound(texts)
    assert len(calls) == 2  # two distinct texts; the repeat, the missing and the blank one are not scored
    second = compound(texts[[12, 11]])
    assert len(calls) == 2  # already scored in this process
    assert first.index.tolist() == [10, 11, 12, 13, 14]
    assert first[10] == first[12] == second[12] and first[[13, 14]].isna().all()
