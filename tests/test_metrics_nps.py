import math

import numpy as np
import pandas as pd
import pytest

from cxlib.metrics.nps import (
    ChangeTest,
    NpsResult,
    classify,
    last_period_change,
    nps,
    nps_change,
    nps_trend,
)


def test_nps_counts_promoters_minus_detractors():
    # 3 promoters, 1 passive, 1 detractor -> (3 - 1) / 5 = +40
    result = nps(pd.Series([10, 9, 9, 8, 2]))
    assert result.score == pytest.approx(40.0)
    assert (result.n, result.promoters, result.passives, result.detractors) == (5, 3, 1, 1)


def test_classify_uses_the_0_6_7_8_9_10_bands_and_keeps_missing():
    scores = pd.Series([0, 6, 7, 8, 9, 10, np.nan], index=list("abcdefg"), name="nps")
    labels = classify(scores)
    assert labels.iloc[:6].tolist() == [
        "detractor", "detractor", "passive", "passive", "promoter", "promoter",
    ]
    assert pd.isna(labels["g"])
    assert labels.index.tolist() == list("abcdefg")
    assert labels.name == "nps"


def test_adjusted_wald_interval_matches_the_hand_computation():
    # n = 5, P = 3, D = 1 -> n' = 8, p' = 3.75 / 8 = 0.46875, d' = 1.75 / 8 = 0.21875
    # p' - d' = 0.25, var = (0.6875 - 0.25**2) / 8 = 0.078125, sqrt = 0.279508
    # z(95%) = 1.959964 -> half = 0.547827 -> 100 * (0.25 -/+ 0.547827) = -29.78 to +79.78
    result = nps(pd.Series([10, 9, 9, 8, 2]))
    assert result.low == pytest.approx(-29.7827, abs=1e-3)
    assert result.high == pytest.approx(79.7827, abs=1e-3)


def test_a_90_percent_interval_uses_z_1_645():
    # same example, z(90%) = 1.644854 -> half = 1.644854 * 0.279508 = 0.459751 -> -20.98 to +70.98
    result = nps(pd.Series([10, 9, 9, 8, 2]), level=0.90)
    assert (result.low, result.high) == pytest.approx((-20.975, 70.975), abs=1e-2)
    assert result.level == 0.90


def test_all_promoters_interval_is_clipped_at_100():
    # n' = 8, p' = 5.75 / 8 = 0.71875, d' = 0.75 / 8 = 0.09375, centre 0.625
    # var = (0.8125 - 0.390625) / 8 = 0.052734 -> half = 1.959964 * 0.229640 = 0.450086
    # -> 17.49 to 107.5, clipped to 100
    result = nps(pd.Series([10, 10, 9, 10, 9]))
    assert result.score == 100
    assert result.high == 100
    assert result.low == pytest.approx(17.491, abs=1e-2)


def test_all_detractors_interval_is_clipped_at_minus_100():
    result = nps(pd.Series([0, 3, 6, 1, 2]))
    assert result.score == -100
    assert result.low == -100
    assert result.high == pytest.approx(-17.491, abs=1e-2)


def test_missing_answers_are_ignored():
    # 10 and 0 count, the two missing values do not: (1 - 1) / 2 = 0
    result = nps(pd.Series([10, np.nan, 0, None], dtype="float"))
    assert (result.score, result.n) == (0, 2)


def test_nullable_integer_answers_are_accepted():
    result = nps(pd.Series([10, pd.NA, 9, 5], dtype="Int64"))
    assert result.score == pytest.approx(100 * (2 - 1) / 3)


@pytest.mark.parametrize("scores", [pd.Series([], dtype=float), pd.Series([np.nan, np.nan])])
def test_no_answers_is_a_clear_error(scores):
    with pytest.raises(ValueError, match="no NPS answers"):
        nps(scores)


def test_an_answer_outside_0_10_is_a_clear_error():
    with pytest.raises(ValueError, match="between 0 and 10; found 11"):
        nps(pd.Series([10, 11, 3]))


def test_level_outside_0_1_is_rejected():
    with pytest.raises(ValueError, match="level"):
        nps(pd.Series([10, 0]), level=95)


def test_headline_shows_signed_whole_points_and_thousands():
    result = NpsResult(score=24.2, low=21.3, high=27.4, n=4912, promoters=2000, passives=1960,
                       detractors=952, level=0.95)
    assert result.headline() == "NPS is +24 from 4,912 answers, a 95% range of +21 to +27."


def test_headline_of_a_negative_and_a_zero_score():
    # 1 promoter, 2 detractors -> -33; interval from the adjusted-Wald formula
    assert nps(pd.Series([10, 0, 0])).headline().startswith("NPS is \u221233 from 3 answers, a 95% range of ")
    assert nps(pd.Series([10, 0])).headline().startswith("NPS is 0 from 2 answers, a 95% range of ")


def _survey(rows):
    """rows: (date, score) pairs."""
    return pd.DataFrame(rows, columns=["responded_at", "nps"])


def test_trend_has_one_row_per_calendar_month_including_empty_ones():
    # Jan: 10, 10, 0 -> (2 - 1) / 3 = +33.3; Feb: nothing; Mar: 9, 8 -> (1 - 0) / 2 = +50
    # The April row has no score, so April is not part of the range.
    survey = _survey([
        ("2026-01-05", 10), ("2026-01-20", 10), ("2026-01-31T23:59:00", 0),
        ("2026-03-01", 9), ("2026-03-31", 8), ("2026-04-02", None),
    ])
    trend = nps_trend(survey)
    assert trend.columns.tolist() == ["period", "n", "nps", "low", "high"]
    assert trend["period"].tolist() == [pd.Timestamp("2026-01-01"), pd.Timestamp("2026-02-01"),
                                        pd.Timestamp("2026-03-01")]
    assert trend["n"].tolist() == [3, 0, 2]
    assert trend["nps"].iloc[0] == pytest.approx(100 / 3)
    assert math.isnan(trend["nps"].iloc[1])
    assert trend["nps"].iloc[2] == pytest.approx(50)
    # each month's interval is the one nps() gives for that month alone
    assert trend["low"].iloc[2] == pytest.approx(nps(pd.Series([9, 8])).low)


def test_trend_sorts_months_whatever_the_row_order():
    survey = _survey([("2026-05-10", 10), ("2026-04-10", 0)])
    trend = nps_trend(survey)
    assert trend["nps"].tolist() == [-100, 100]


def test_trend_without_the_date_column_names_it():
    with pytest.raises(ValueError, match="no column 'responded_at'"):
        nps_trend(pd.DataFrame({"nps": [10]}))


def test_change_z_test_with_one_zero_variance_sample():
    # a: 10, 0, 10, 0 -> p = d = 0.5, NPS 0, var = (1 - 0) / 4 = 0.25
    # b: four 10s -> NPS 1 (100 points), var = (1 - 1) / 4 = 0
    # z = (1 - 0) / sqrt(0.25) = 2; two-sided p = erfc(2 / sqrt 2) = 0.0455
    test = nps_change(pd.Series([10, 0, 10, 0]), pd.Series([10, 10, 10, 10]))
    assert (test.nps_a, test.nps_b, test.diff) == (0, 100, 100)
    assert test.z == pytest.approx(2.0)
    assert test.p_value == pytest.approx(math.erfc(math.sqrt(2)))
    assert test.significant
    assert not nps_change(pd.Series([10, 0, 10, 0]), pd.Series([10] * 4), alpha=0.01).significant


def test_change_z_test_with_two_variances():
    # a: 10, 0, 10, 0 -> NPS 0, var = 0.25
    # b: 10, 10, 10, 8 -> p = 0.75, d = 0, NPS 0.75, var = (0.75 - 0.5625) / 4 = 0.046875
    # z = 0.75 / sqrt(0.296875) = 0.75 / 0.544862 = 1.37649; p = erfc(1.37649 / sqrt 2) = 0.1687
    test = nps_change(pd.Series([10, 0, 10, 0]), pd.Series([10, 10, 10, 8]), labels=("Q1", "Q2"))
    assert test.diff == pytest.approx(75)
    assert test.z == pytest.approx(1.37649, abs=1e-4)
    assert test.p_value == pytest.approx(0.1687, abs=1e-4)
    assert not test.significant
    assert (test.label_a, test.label_b) == ("Q1", "Q2")


def test_change_direction_is_b_minus_a():
    test = nps_change(pd.Series([10] * 4), pd.Series([10, 0, 10, 0]))
    assert test.diff == -100
    assert test.z == pytest.approx(-2.0)


def test_identical_samples_show_no_change():
    test = nps_change(pd.Series([10, 8, 3]), pd.Series([3, 10, 8]))
    assert (test.diff, test.z, test.p_value, test.significant) == (0, 0, 1, False)


def test_change_between_two_constant_samples_is_certain():
    # both variances are 0: a difference cannot be noise
    test = nps_change(pd.Series([0, 0]), pd.Series([10, 10]))
    assert test.z == math.inf
    assert test.p_value == 0
    assert test.significant


def test_change_headline_reads_both_scores_and_the_verdict():
    test = ChangeTest(label_a="Sep 2026", label_b="Oct 2026", nps_a=20.4, nps_b=28.1, diff=7.7,
                      z=2.2, p_value=0.0278, significant=True, alpha=0.05)
    assert test.headline() == (
        "NPS moved from +20 in Sep 2026 to +28 in Oct 2026 (+8 points): larger than chance."
    )
    calm = ChangeTest("Sep 2026", "Oct 2026", 20.0, 18.0, -2.0, -0.5, 0.62, False, 0.05)
    assert calm.headline().endswith("(\u22122 points): within what chance alone produces.")


def test_the_change_a_sentence_states_is_the_difference_of_the_scores_it_prints():
    # +32.4 to +16.6 is a raw move of 15.8, but the sentence prints +32 and +17: it says −15, not −16
    test = ChangeTest("Sep 2026", "Oct 2026", 32.4, 16.6, -15.8, -2.9, 0.004, True, 0.05)
    assert test.shown_diff == -15
    assert "from +32 in Sep 2026 to +17 in Oct 2026 (\u221215 points)" in test.headline()


def test_change_with_an_empty_sample_is_a_clear_error():
    with pytest.raises(ValueError, match="no NPS answers"):
        nps_change(pd.Series([], dtype=float), pd.Series([10]))


def test_last_period_change_compares_the_last_two_calendar_months():
    # Aug is ignored; Sep: 10, 0, 10, 0 (NPS 0); Oct: four 10s (NPS +100) -> z = 2 as above
    survey = _survey([
        ("2026-08-15", 0),
        ("2026-09-01", 10), ("2026-09-10", 0), ("2026-09-20", 10), ("2026-09-30T18:00:00", 0),
        ("2026-10-01", 10), ("2026-10-02", 10), ("2026-10-30", 10), ("2026-10-31", 10),
    ])
    test = last_period_change(survey)
    assert (test.label_a, test.label_b) == ("Sep 2026", "Oct 2026")
    assert (test.nps_a, test.nps_b) == (0, 100)
    assert test.z == pytest.approx(2.0)


def test_last_period_change_across_a_year_boundary():
    survey = _survey([("2025-12-31", 10), ("2026-01-01", 0)])
    test = last_period_change(survey)
    assert (test.label_a, test.label_b, test.diff) == ("Dec 2025", "Jan 2026", -200)


def test_last_period_change_needs_answers_in_the_month_before():
    survey = _survey([("2026-08-15", 0), ("2026-10-01", 10)])
    with pytest.raises(ValueError, match="no NPS answers in Sep 2026, the month before Oct 2026"):
        last_period_change(survey)
