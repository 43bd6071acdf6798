"""The convenience index: the average of the four parts a channel has data for."""
import numpy as np
import pandas as pd
import pytest

from cxlib.omnichannel.continuity import switch_continuity
from cxlib.omnichannel.convenience import convenience_index
from cxlib.omnichannel.effort import effort_by_channel
from cxlib.omnichannel.speed import response_speed

CHANNELS = pd.DataFrame({"channel": ["phone", "chat"], "offered": [True, True],
                         "investment_share": [0.5, 0.5], "target_response_minutes": [5, 2]})
# phone: 5 opening contacts, all answered in 1 minute and resolved.
# chat: 5 switches from phone; answered 1, 1, 5, never, 1 (target 2) -> 3 of 5 in time;
# resolved 3 of 5; repeated 1 of 5 -> continuous 0.8.
INTERACTIONS = pd.DataFrame({
    "customer_id": list("abcdefghij"),
    "channel": ["phone"] * 5 + ["chat"] * 5,
    "previous_channel": [None] * 5 + ["phone"] * 5,
    "first_response_minutes": [1.0] * 5 + [1, 1, 5, np.nan, 1],
    "resolved": [True] * 5 + [True, True, True, False, False],
    "repeated_info": pd.array([pd.NA] * 5 + [True, False, False, False, False], dtype="boolean"),
})
SURVEY = pd.DataFrame({"channel": ["phone", "phone", "chat", "chat"], "ces": [7, 7, 4, 4]})


def test_index_averages_the_parts_by_hand():
    speed = response_speed(INTERACTIONS, CHANNELS)
    effort = effort_by_channel(SURVEY, min_answers=2)
    continuity = switch_continuity(INTERACTIONS, min_switches=5)
    table = convenience_index(INTERACTIONS, speed, effort, continuity, min_contacts=1).table.set_index("channel")
    # chat: in time 0.6, resolved 0.6, easy (4 - 1) / 6 = 0.5, continuous 0.8 -> 62.5
    assert table.loc["chat", ["in_time", "resolved", "easy", "continuous"]].tolist() == \
        pytest.approx([0.6, 0.6, 0.5, 0.8])
    assert table.loc["chat", "index"] == pytest.approx(62.5)
    # phone: nobody switched into it -> three parts 1.0, 1.0, (7 - 1) / 6 = 1.0 -> 100
    assert table.loc["phone", "parts"] == 3 and table.loc["phone", "index"] == pytest.approx(100)
    assert table.index.tolist() == ["phone", "chat"]  # most convenient first


def test_without_survey_or_switches_the_index_uses_what_is_left():
    speed = response_speed(INTERACTIONS, CHANNELS)
    result = convenience_index(INTERACTIONS, speed, min_contacts=1)
    chat = result.table.set_index("channel").loc["chat"]
    assert chat["parts"] == 2 and chat["index"] == pytest.approx(60.0)  # (0.6 + 0.6) / 2
    assert result.headline() == ("Phone is the most convenient channel (index 100 of 100) and chat "
                                 "the least (60), held back most by the share answered in time: 60%.")
    assert result.title() == "Phone is the most convenient channel, chat the least"
