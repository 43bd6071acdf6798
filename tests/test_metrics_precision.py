import pandas as pd
import pytest

from cxlib.metrics.precision import (
    PrecisionSummary,
    nps_margin_of_error,
    precision_summary,
    sample_size_for_margin,
    smallest_detectable_change,
)

# Worked example used below: 50% promoters, 20% detractors.
# Per-answer variance = p + d - (p - d)^2 = 0.7 - 0.09 = 0.61.


def test_margin_of_error_for_400_answers():
    # 1.959964 * sqrt(0.61 / 400) * 100 = 1.959964 * 0.0390512 * 100 = 7.654 points
    assert nps_margin_of_error(400, 0.5, 0.2) == pytest.approx(7.654, abs=1e-3)


def test_margin_of_error_at_90_percent():
    # 1.644854 * 0.0390512 * 100 = 6.423 points
    assert nps_margin_of_error(400, 0.5, 0.2, level=0.90) == pytest.approx(6.423, abs=1e-3)


def test_smallest_detectable_change_for_two_samples_of_400():
    # (1.959964 + 0.841621) * sqrt(0.61 / 400 + 0.61 / 400) * 100 = 2.801585 * 0.0552268 * 100
    # = 15.47 points
    assert smallest_detectable_change(400, 400, 0.5, 0.2) == pytest.approx(15.472, abs=1e-3)


def test_smallest_detectable_change_shrinks_with_power_and_alpha_relaxed():
    # alpha 0.10, power 0.5: (1.644854 + 0) * 0.0552268 * 100 = 9.084 points
    assert smallest_detectable_change(400, 400, 0.5, 0.2, alpha=0.10, power=0.5) == pytest.approx(
        9.084, abs=1e-3
    )


def test_sample_size_for_a_5_point_margin():
    # (1.959964 / 0.05)^2 * 0.61 = 1536.584 * 0.61 = 937.32 -> 938 answers
    n = sample_size_for_margin(5, 0.5, 0.2)
    assert n == 938
    # and it is the smallest n that reaches the margin
    assert nps_margin_of_error(n, 0.5, 0.2) <= 5 < nps_margin_of_error(n - 1, 0.5, 0.2)


def test_sample_size_when_every_answer_is_passive_is_one():
    # p = d = 0 -> variance 0: NPS is exactly 0 whatever the sample
    assert sample_size_for_margin(5, 0.0, 0.0) == 1


@pytest.mark.parametrize("p, d", [(0.7, 0.4), (-0.1, 0.2), (0.5, 1.2)])
def test_impossible_shares_are_rejected(p, d):
    with pytest.raises(ValueError, match="shares must lie in"):
        nps_margin_of_error(100, p, d)


def test_non_positive_sizes_are_rejected():
    with pytest.raises(ValueError, match="n must be positive"):
        nps_margin_of_error(0, 0.5, 0.2)
    with pytest.raises(ValueError, match="margin_points must be positive"):
        sample_size_for_margin(0, 0.5, 0.2)


def test_precision_summary_on_a_tiny_survey():
    # Jan: 10, 10, 0; Feb: none; Mar: 10, 0, 8 -> 6 answers over 3 calendar months = 2 a month
    # shares: promoters 3/6 = 0.5, detractors 2/6 = 1/3 -> variance 5/6 - (1/6)^2 = 0.805556
    # margin at 2 a month: 1.959964 * sqrt(0.805556 / 2) * 100 = 124.39 points
    # 10-point margin: (1.959964 / 0.1)^2 * 0.805556 = 309.45 -> 310 answers = 155 months
    survey = pd.DataFrame({
        "responded_at": pd.to_datetime(["2026-01-02", "2026-01-09", "2026-01-30", "2026-03-03",
                                        "2026-03-04", "2026-03-05", None]),
        "nps": [10, 10, 0, 10, 0, 8, 0],
    })
    summary = precision_summary(survey, margins=(5, 10))
    assert summary.n_per_month == pytest.approx(2.0)
    assert summary.margin_monthly == pytest.approx(124.39, abs=1e-2)
    assert summary.smallest_change_monthly == pytest.approx(
        smallest_detectable_change(2, 2, 0.5, 1 / 3)
    )
    assert summary.sizes.columns.tolist() == ["margin", "n_required", "months_at_current_rate"]
    assert summary.sizes["n_required"].tolist() == [1238, 310]
    assert summary.sizes["months_at_current_rate"].tolist() == pytest.approx([619, 155])


def test_precision_headline():
    summary = PrecisionSummary(n_per_month=412.4, margin_monthly=7.66, smallest_change_monthly=15.5,
                               sizes=pd.DataFrame())
    # a change is significant from 7.66 x sqrt(2) = 10.8 points; 15.5 is the change caught with 80% power
    assert summary.significant_change_monthly == pytest.approx(10.833, abs=1e-3)
    assert summary.headline() == (
        "At about 412 answers a month, a monthly NPS is precise to ±7.7 points; a month-on-month move "
        "stands out from sampling noise from about 11 points, and a real change of 16 points is caught "
        "four times in five."
    )


def test_the_significance_threshold_is_the_detectable_change_at_even_power():
    # at 50% power the detectable change is the two-sided 5% threshold itself: z(0.975) x SE of the difference
    summary = PrecisionSummary(n_per_month=400, margin_monthly=nps_margin_of_error(400, 0.45, 0.2),
                               smallest_change_monthly=0.0, sizes=pd.DataFrame())
    assert summary.significant_change_monthly == pytest.approx(
        smallest_detectable_change(400, 400, 0.45, 0.2, power=0.5))
