import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binomtest

from cxlib.metrics.satisfaction import CesResult, CsatResult, ces, csat


def test_csat_is_the_share_of_4s_and_5s():
    # 4s and 5s: 5, 4, 5, 4, 4 -> 5 of 8 answered = 62.5%; the missing value is ignored
    result = csat(pd.Series([5, 4, 3, 2, 1, 5, 4, 4, np.nan]))
    assert result.share == pytest.approx(62.5)
    assert result.n == 8


def test_csat_wilson_interval_matches_the_hand_formula():
    # 8 of 10 satisfied, z = 1.959964, z^2 = 3.841459
    # centre = (0.8 + z^2 / 20) / (1 + z^2 / 10) = 0.992073 / 1.384146 = 0.716738
    # half = z / 1.384146 * sqrt(0.8 * 0.2 / 10 + z^2 / 400) = 1.416009 * 0.160011 = 0.226577
    # -> 49.02% to 94.33%
    result = csat(pd.Series([5] * 6 + [4] * 2 + [2, 1]))
    z = 1.959964
    centre = (0.8 + z**2 / 20) / (1 + z**2 / 10)
    half = z / (1 + z**2 / 10) * math.sqrt(0.8 * 0.2 / 10 + z**2 / 400)
    assert result.low == pytest.approx(100 * (centre - half), abs=1e-4)
    assert result.high == pytest.approx(100 * (centre + half), abs=1e-4)
    assert (result.low, result.high) == pytest.approx((49.02, 94.33), abs=1e-2)


def test_csat_wilson_interval_matches_scipy():
    # 437 of 520 satisfied at 90%: statsmodels (used) and scipy (independent) agree
    scores = pd.Series([5] * 300 + [4] * 137 + [3] * 50 + [1] * 33)
    result = csat(scores, level=0.90)
    reference = binomtest(437, 520).proportion_ci(confidence_level=0.90, method="wilson")
    assert result.share == pytest.approx(100 * 437 / 520)
    assert result.low == pytest.approx(100 * reference.low)
    assert result.high == pytest.approx(100 * reference.high)


def test_csat_all_satisfied_has_an_upper_bound_of_100():
    result = csat(pd.Series([5, 4, 5]))
    assert result.share == 100
    assert result.high == pytest.approx(100)
    assert result.low < 100


def test_csat_headline():
    result = CsatResult(share=82.4, low=80.1, high=84.0, n=3120, level=0.95)
    assert result.headline() == "CSAT is 82%: 4 or 5 out of 5 in 3,120 answers, a 95% range of 80% to 84%."


def test_csat_without_answers_is_a_clear_error():
    with pytest.raises(ValueError, match="no CSAT answers"):
        csat(pd.Series([np.nan]))


def test_csat_rejects_answers_outside_1_5():
    with pytest.raises(ValueError, match="between 1 and 5; found 0"):
        csat(pd.Series([5, 0]))


def test_ces_mean_t_interval_and_share_easy():
    # 7, 6, 5, 4, 1: mean 23 / 5 = 4.6; 5-7 ("easy"): 3 of 5 = 60%
    # deviations 2.4, 1.4, 0.4, -0.6, -3.6 -> squares sum 21.2 -> sd = sqrt(21.2 / 4) = 2.302173
    # t(0.975, 4) = 2.776445 -> half = 2.776445 * 2.302173 / sqrt 5 = 2.858525 -> 1.74 to 7.46
    result = ces(pd.Series([7, 6, 5, 4, 1, np.nan]))
    assert result.mean == pytest.approx(4.6)
    assert result.share_easy == pytest.approx(60.0)
    assert result.n == 5
    assert result.low == pytest.approx(4.6 - 2.858525, abs=1e-5)
    assert result.high == pytest.approx(4.6 + 2.858525, abs=1e-5)


def test_ces_with_one_answer_has_no_interval():
    result = ces(pd.Series([6]))
    assert (result.mean, result.share_easy, result.n) == (6, 100, 1)
    assert math.isnan(result.low) and math.isnan(result.high)
    assert "in 1 answer (one answer, so no range)" in result.headline()


def test_ces_headline():
    result = CesResult(mean=5.43, low=5.31, high=5.56, share_easy=71.2, n=2804, level=0.95)
    assert result.headline() == (
        "CES averages 5.4 of 7 in 2,804 answers (a 95% range of 5.3 to 5.6); 71% found it easy (5-7)."
    )


def test_ces_rejects_answers_outside_1_7():
    with pytest.raises(ValueError, match="between 1 and 7; found 8"):
        ces(pd.Series([8, 5]))


def test_ces_without_answers_is_a_clear_error():
    with pytest.raises(ValueError, match="no CES answers"):
        ces(pd.Series([], dtype=float))
