"""Channel switches, repeated information, and what it costs in resolution, CES and NPS."""
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from cxlib.omnichannel.continuity import answers_after_switch, score_gaps, switch_continuity, switches
from cxlib.wording import method_words

NA = pd.NA
# Switches are rows 2, 3, 4, 6, 7, 8, 9, 10; row 5 stays on chat; row 7's repetition is unknown.
INTERACTIONS = pd.DataFrame({
    "customer_id": ["c1", "c1", "c1", "c2", "c2", "c3", "c3", "c4", "c4", "c5"],
    "channel": ["phone", "chat", "store", "chat", "chat", "phone", "email", "store", "phone", "web"],
    "started_at": pd.to_datetime(["2026-02-10", "2026-02-11", "2026-02-12", "2026-02-20", "2026-02-20",
                                  "2026-03-20", "2026-03-20", "2026-01-01", "2026-01-01", "2026-02-28"]),
    "previous_channel": [None, "phone", "chat", "phone", "Chat", "chat", "phone", "phone", "store",
                         "app"],
    "resolved": [False, False, True, True, False, True, False, False, True, False],
    "repeated_info": pd.array([NA, True, True, False, True, False, NA, False, False, True],
                              dtype="boolean"),
})
# Days after the customer's switch: c1 17-19, c2 9, c3 -78 (before it: left out) and 12, c4 59 (too late:
# left out), c5 1. So c1 and c5 (repeated) and c2 and c3 (carried over) are compared.
SURVEY = pd.DataFrame({
    "response_id": ["R1", "R2", "R3", "R4", "R5", "R6"],
    "customer_id": ["c1", "c2", "c3", "c3", "c4", "c5"],
    "responded_at": pd.to_datetime(["2026-03-01", "2026-03-01", "2026-01-01", "2026-04-01",
                                    "2026-03-01", "2026-03-01"]),
    "ces": [2, 6, 1, 5, 7, 4],
    "nps": [3, 10, 0, 9, 6, 0],
})


def wilson(hits, n, z=1.959963984540054):
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def test_a_switch_is_a_contact_after_one_on_another_channel():
    assert switches(INTERACTIONS).index.tolist() == [1, 2, 3, 5, 6, 7, 8, 9]


def test_repeat_share_and_resolution_by_group():
    result = switch_continuity(INTERACTIONS, min_switches=1, min_group=1)
    assert (result.switches, result.recorded, result.repeated) == (8, 7, 3)
    assert result.repeat_share == pytest.approx(3 / 7)
    assert (result.repeat_low, result.repeat_high) == pytest.approx(wilson(3, 7))
    groups = result.resolution.set_index("group")
    # repeated: rows 2, 3, 10 -> 1 of 3 resolved; carried over: rows 4, 6, 8, 9 -> 3 of 4
    assert groups.loc["repeated", ["contacts", "resolved"]].tolist() == [3, 1]
    assert groups.loc["carried over", ["contacts", "resolved"]].tolist() == [4, 3]
    assert result.resolution_diff == pytest.approx(1 / 3 - 3 / 4)


def test_resolution_difference_has_a_newcombe_interval_and_a_wald_test():
    result = switch_continuity(INTERACTIONS, min_group=1)
    p1, p0 = 1 / 3, 3 / 4
    (l1, u1), (l0, u0) = wilson(1, 3), wilson(3, 4)
    low = (p1 - p0) - math.sqrt((p1 - l1) ** 2 + (u0 - p0) ** 2)
    high = (p1 - p0) + math.sqrt((u1 - p1) ** 2 + (p0 - l0) ** 2)
    assert (result.resolution_low, result.resolution_high) == pytest.approx((low, high))
    z = (p1 - p0) / math.sqrt(p1 * (1 - p1) / 3 + p0 * (1 - p0) / 4)
    assert result.resolution_p == pytest.approx(2 * stats.norm.sf(abs(z)))


def test_scores_are_compared_on_answers_given_within_30_days_after_the_switch():
    result = switch_continuity(INTERACTIONS, SURVEY, min_group=2)
    # repeated: c1 (CES 2), c5 (4) -> mean 3, var 2; carried over: c2 (6), c3 (5; its answer before the
    # switch, a 1, is left out) -> 5.5, var 0.5; c4 answered 59 days after its switches and is left out
    ces = result.ces
    assert (ces.repeated, ces.carried, ces.diff) == pytest.approx((3, 5.5, -2.5))
    se = math.sqrt(2 / 2 + 0.5 / 2)
    df = (2 / 2 + 0.5 / 2) ** 2 / ((2 / 2) ** 2 / 1 + (0.5 / 2) ** 2 / 1)   # Welch: 1.47
    assert ces.p_value == pytest.approx(2 * stats.t.sf(2.5 / se, df))
    half = stats.t.ppf(0.975, df) * se
    assert (ces.low, ces.high) == pytest.approx((-2.5 - half, -2.5 + half))
    # NPS: repeated 3, 0 -> -100; carried over 10, 9 -> +100
    nps = result.nps
    assert (nps.repeated, nps.carried, nps.diff) == pytest.approx((-100, 100, -200))
    assert (nps.n_repeated, nps.n_carried) == (2, 2)
    # 5 customers with a recorded switch answered the survey; 4 of them within 30 days after it
    assert (result.scores.answered, result.scores.surveyed, result.scores.days) == (4, 5, 30)


def test_an_answer_speaks_for_the_switches_of_the_30_days_before_it():
    contacts = pd.DataFrame({
        "customer_id": ["a", "a", "b", "c"], "channel": ["chat", "phone", "chat", "chat"],
        "previous_channel": ["phone", "chat", "phone", "phone"], "resolved": False,
        "started_at": pd.to_datetime(["2026-01-01 00:00", "2026-02-20 00:00", "2026-03-01 12:00", "2026-03-01 12:00"]),
        "repeated_info": pd.array([True, False, True, True], dtype="boolean")})
    survey = pd.DataFrame({"response_id": [1, 2, 3], "customer_id": ["a", "b", "c"], "ces": [7, 1, 1],
                           "responded_at": pd.to_datetime(["2026-03-01 00:00", "2026-03-31 12:00",
                                                           "2026-03-31 12:01"])})
    answers = answers_after_switch(contacts, survey)
    # a: the switch 59 days before (repeated) is too old, the one 9 days before (carried over) counts;
    # b answered exactly 30 days after its switch (in), c 30 days and a minute after (out)
    assert answers["repeated"].to_dict() == {"a": False, "b": True}
    assert answers.attrs["surveyed"] == 3
    assert answers_after_switch(contacts.drop(columns="started_at"), survey).empty


def test_repeat_share_per_channel_switched_to_and_per_path():
    result = switch_continuity(INTERACTIONS, min_switches=2)
    # recorded switches into chat: rows 2 (yes), 4 (no); store: rows 3 (yes), 8 (no);
    # phone: rows 6 (no), 9 (no); web has a single switch (row 10), under the minimum of 2
    assert result.by_channel.set_index("channel")["repeat_share"].to_dict() == {
        "chat": 0.5, "store": 0.5, "phone": 0.0}
    paths = result.paths.set_index("path")
    assert paths.loc["Phone → Chat", "switches"] == 2 and paths.loc["Phone → Chat", "repeat_share"] == 0.5
    assert np.isnan(paths.loc["Phone → Email", "repeat_share"])  # not recorded


def test_headline_and_title():
    result = switch_continuity(INTERACTIONS, min_group=1)
    assert result.headline() == (
        "Customers had to repeat information in 43% of 7 channel switches; those contacts were resolved 33% of "
        "the time, against 75% when the context came along, a gap within what chance alone produces.")
    assert result.title() == "33% resolved when customers repeat themselves, 75% when not"
    assert result.score_headline().startswith("Without a survey")
    # the interval of the repeat share (3 of 7) goes to the figures, not the sentence
    share = result.finding().figures[0]
    assert (share.low, share.high) == pytest.approx(tuple(100 * b for b in wilson(3, 7)))


def test_the_score_sentence_gives_the_count_and_says_chance_in_words():
    scores = switch_continuity(INTERACTIONS, SURVEY, min_group=2).scores
    text = scores.headline()
    assert text.startswith("Only answers given within 30 days after a switch can reflect it; 4 of 5 surveyed "
                           "customers who switched gave one. Those who had to repeat information rate ease (CES, 7 = easiest) "
                           "3.0 of 7 (2 customers with a rating), those who did not 5.5 (2), a gap within what chance alone produces; their "
                           "NPS is \u2212100 against +100, ")
    assert method_words(text) == []
    assert "Welch's t test" in scores.method()
    # with a minimum of 3, neither group is large enough: the sentence says why, with the counts
    assert score_gaps(INTERACTIONS, SURVEY, min_group=3).headline() == (
        "The scores of customers who had to repeat themselves cannot be compared: only answers given within 30 "
        "days after a switch can reflect it, and 2 customers who repeated information and 2 who did not gave "
        "one, where each group needs 3.")


def test_nothing_recorded_says_so():
    result = switch_continuity(INTERACTIONS.assign(repeated_info=pd.array([NA] * 10, dtype="boolean")))
    assert result.recorded == 0 and result.ces is None
    assert "was not recorded" in result.headline()


def test_no_answer_soon_after_a_switch_gives_an_empty_comparison_not_an_error():
    import pandas as pd

    from cxlib.omnichannel.continuity import answers_after_switch, score_gaps

    interactions = pd.DataFrame({"interaction_id": ["i1", "i2"], "customer_id": ["c1", "c1"],
                                 "channel": ["chat", "phone"], "previous_channel": [None, "chat"],
                                 "started_at": pd.to_datetime(["2026-01-01", "2026-01-02"]),
                                 "repeated_info": [None, True]})
    # the one answer comes a year after the switch: it cannot speak for it
    survey = pd.DataFrame({"customer_id": ["c1"], "responded_at": pd.to_datetime(["2027-01-02"]), "ces": [3.0],
                           "nps": [2]})
    latest = answers_after_switch(interactions, survey)
    assert latest.empty and {"ces", "nps", "repeated"} <= set(latest.columns)
    assert latest.attrs["surveyed"] == 1
    scores = score_gaps(interactions, survey)
    assert scores.ces is None and scores.nps is None and scores.answered == 0
