"""Channel switches, repeated information, and what it costs in resolution, CES and NPS."""
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from cxlib.omnichannel.continuity import switch_continuity, switches

NA = pd.NA
# Switches are rows 2, 3, 4, 6, 7, 8, 9, 10; row 5 stays on chat; row 7's repetition is unknown.
INTERACTIONS = pd.DataFrame({
    "customer_id": ["c1", "c1", "c1", "c2", "c2", "c3", "c3", "c4", "c4", "c5"],
    "channel": ["phone", "chat", "store", "chat", "chat", "phone", "email", "store", "phone", "web"],
    "previous_channel": [None, "phone", "chat", "phone", "Chat", "chat", "phone", "phone", "store",
                         "app"],
    "resolved": [False, False, True, True, False, True, False, False, True, False],
    "repeated_info": pd.array([NA, True, True, False, True, False, NA, False, False, True],
                              dtype="boolean"),
})
SURVEY = pd.DataFrame({
    "response_id": ["R1", "R2", "R3", "R4", "R5", "R6"],
    "customer_id": ["c1", "c2", "c3", "c3", "c4", "c5"],
    "responded_at": pd.to_datetime(["2026-03-01", "2026-03-01", "2026-01-01", "2026-04-01",
                                    "2026-03-01", "2026-03-01"]),
    "ces": [2, 6, 1, 5, 7, 4],        # c3's latest answer is the 5
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


def test_customers_who_repeated_are_compared_on_their_latest_answer():
    result = switch_continuity(INTERACTIONS, SURVEY, min_group=2)
    # repeated: c1 (CES 2), c5 (4) -> mean 3, var 2; carried over: c2 (6), c3 (5), c4 (7) -> 6, var 1
    ces = result.ces
    assert (ces.repeated, ces.carried, ces.diff) == pytest.approx((3, 6, -3))
    se = math.sqrt(2 / 2 + 1 / 3)
    df = (2 / 2 + 1 / 3) ** 2 / ((2 / 2) ** 2 / 1 + (1 / 3) ** 2 / 2)   # Welch: 1.684
    assert ces.p_value == pytest.approx(2 * stats.t.sf(3 / se, df))
    half = stats.t.ppf(0.975, df) * se
    assert (ces.low, ces.high) == pytest.approx((-3 - half, -3 + half))
    # NPS: repeated 3, 0 -> -100; carried over 10, 9, 6 -> (2 - 1) / 3 = +33.3
    nps = result.nps
    assert (nps.repeated, nps.carried, nps.diff) == pytest.approx((-100, 100 / 3, -400 / 3))
    assert (nps.n_repeated, nps.n_carried) == (2, 3)


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
    assert result.headline().startswith(
        "Customers had to repeat information in 43% of 7 channel switches (95% CI 16%-75%); those "
        "contacts were resolved 33% of the time against 75% when the context came along, "
        "42 points lower (95% CI ")
    assert result.title() == "Having to repeat information cuts resolution from 75% to 33%"


def test_nothing_recorded_says_so():
    result = switch_continuity(INTERACTIONS.assign(repeated_info=pd.array([NA] * 10, dtype="boolean")))
    assert result.recorded == 0 and result.ces is None
    assert "was not recorded" in result.headline()
