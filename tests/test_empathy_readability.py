"""Flesch-Kincaid grade, computed offline: counts a reader can redo by hand."""
from __future__ import annotations

import math

import nltk
import pandas as pd
import pytest

from cxlib.empathy.readability import (
    readability,
    reading_grade,
    sentence_count,
    syllables,
)


@pytest.mark.parametrize("word, count", [
    ("fire", 1), ("table", 2), ("free", 1), ("the", 1), ("used", 1), ("wanted", 2), ("takes", 1),
    ("boxes", 2), ("customers", 3), ("understand", 3), ("simple", 2), ("sentences", 3),
    ("complicated", 4), ("terminology", 5), ("frustrates", 2), ("everyone", 3),
    ("end-to-end", 3), ("40", 1), ("don't", 1), ("while", 1),
])
def test_syllables_by_vowel_groups(word, count):
    assert syllables(word) == count


def test_flesch_kincaid_grade_matches_the_hand_computation():
    text = "Customers understand simple sentences. Complicated terminology frustrates everyone."
    # 2 sentences, 8 words; syllables 3+3+2+3 + 4+5+2+3 = 25
    # 0.39 * 8/2 + 11.8 * 25/8 - 15.59 = 1.56 + 36.875 - 15.59 = 22.845
    result = readability(text)
    assert (result.sentences, result.words, result.syllables) == (2, 8, 25)
    assert result.grade == pytest.approx(22.845)
    assert result.headline() == "Reading grade 22.8: 8 words in 2 sentences, 25 syllables."


def test_simple_text_has_a_low_grade_and_never_a_negative_one():
    # "The cat sat on the mat. It was happy.": 0.39 * 9/2 + 11.8 * 10/9 - 15.59 = -0.72 -> 0
    assert readability("The cat sat on the mat. It was happy.").grade == 0.0


def test_textstat_sentence_rule_ignores_fragments_of_two_words():
    assert sentence_count("Heading abroad? Your travel pass works in 40 countries.") == 1
    assert sentence_count("") == 0


def test_no_network_and_no_nltk_data_needed(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("readability must not download anything")

    monkeypatch.setattr(nltk, "download", refuse)
    assert readability("Please refer to the applicable terms. Thank you.").words == 8


def test_reading_grade_keeps_the_index_and_gives_nan_for_missing_text():
    grades = reading_grade(pd.Series([("Customers understand simple sentences. Complicated "
                                      "terminology frustrates everyone."), None], index=[7, 9]))
    assert list(grades.index) == [7, 9]
    assert grades[7] == pytest.approx(22.845) and math.isnan(grades[9])
