"""CES by the channel of the rated contact."""
import pandas as pd
import pytest

from cxlib.omnichannel.effort import effort_by_channel

SURVEY = pd.DataFrame({"channel": ["phone", "phone", "chat", "chat", "email"],
                       "ces": [7, 5, 1, 3, 4]})


def test_mean_share_easy_and_order():
    result = effort_by_channel(SURVEY, min_answers=2)
    table = result.table.set_index("channel")
    assert table.index.tolist() == ["phone", "chat"]          # easiest first; email has 1 answer
    assert table["mean"].tolist() == [6, 2]
    assert table["share_easy"].tolist() == [1.0, 0.0]          # 5-7 counts as easy
    assert result.overall == pytest.approx(4.0)                # (7 + 5 + 1 + 3 + 4) / 5
    assert result.headline() == ("No channel stands out on effort: CES runs from 2.0 (chat) to 6.0 (phone) of 7, "
                                 "a spread within what chance alone produces; the average is 4.0.")  # p = 0.12
    assert result.title() == "No channel stands out on effort"


def test_identical_channels_cannot_be_told_apart():
    survey = pd.DataFrame({"channel": ["a"] * 30 + ["b"] * 30, "ces": [3, 5, 6] * 20})
    result = effort_by_channel(survey)
    assert result.p_value == pytest.approx(1.0)


def test_a_real_difference_names_the_hardest_channel():
    survey = pd.DataFrame({"channel": ["app"] * 40 + ["email"] * 40,
                           "ces": [6, 7] * 20 + [2, 3] * 20})
    result = effort_by_channel(survey)
    assert result.p_value < 0.001
    assert result.title() == "Email is the hardest channel to deal with"
    assert result.headline() == ("Effort differs by channel: CES runs from 2.5 (email) to 6.5 (app) of 7, a spread "
                                 "larger than chance.")
    assert result.in_words().startswith("Channels differ by more than chance")
    assert result.method().startswith("Kruskal-Wallis test across the 2 channels") and "p < 0.001" in result.method()
