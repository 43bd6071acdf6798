"""People, Values and Clarity scores, and Cronbach's alpha checked by hand and by a second formula."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cxlib.culture import dimensions
from cxlib.demo.people import TRUTHS

# Four respondents, three items. By hand: item variances 5/3, 4/3, 4.75/3 (sum 13.75/3); totals
# 5, 7, 10, 13 have variance 12.25; alpha = 3/2 * (1 - (13.75/3) / 12.25) = 46/49 = 0.93878.
SMALL = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 4, 4], "c": [2, 3, 3, 5]})


def alpha_from_covariances(x: np.ndarray) -> float:
    """An independent route: k * mean covariance / (mean variance + (k - 1) * mean covariance)."""
    cov = np.cov(x, rowvar=False)
    k = cov.shape[0]
    mean_var = np.trace(cov) / k
    mean_cov = (cov.sum() - np.trace(cov)) / (k * (k - 1))
    return k * mean_cov / (mean_var + (k - 1) * mean_cov)


def test_alpha_matches_the_hand_computation():
    result = dimensions.cronbach_alpha(SMALL)
    assert result.alpha == pytest.approx(46 / 49)
    assert (result.n, result.k) == (4, 3)


def test_alpha_matches_the_covariance_formula_on_random_answers():
    rng = np.random.default_rng(1)
    mood = rng.normal(size=(200, 1))
    x = np.clip(np.round(3 + mood + rng.normal(scale=0.9, size=(200, 5))), 1, 5)
    result = dimensions.cronbach_alpha(pd.DataFrame(x))
    assert result.alpha == pytest.approx(alpha_from_covariances(x), abs=1e-12)
    assert 0.5 < result.alpha < 0.95


def test_feldt_interval_from_f_tables():
    # n = 4, k = 3: F(3, 6) quantiles 6.599 (97.5%) and 1/14.73 = 0.0679 (2.5%), from tables;
    # low = 1 - (3/49) * 6.599 = 0.596, high = 1 - (3/49) * 0.0679 = 0.9958.
    result = dimensions.cronbach_alpha(SMALL)
    assert result.low == pytest.approx(0.596, abs=0.001)
    assert result.high == pytest.approx(0.9958, abs=0.0005)


def test_alpha_drops_incomplete_rows_and_refuses_bad_input():
    with_gap = pd.concat([SMALL, pd.DataFrame({"a": [5], "b": [np.nan], "c": [1]})],
                         ignore_index=True)
    assert dimensions.cronbach_alpha(with_gap).alpha == pytest.approx(46 / 49)
    with pytest.raises(ValueError, match="two items"):
        dimensions.cronbach_alpha(SMALL[["a"]])
    with pytest.raises(ValueError, match="same total"):
        dimensions.cronbach_alpha(pd.DataFrame({"a": [1, 2, 3], "b": [3, 2, 1]}))


def test_uncorrelated_items_are_flagged_as_too_low():
    # a and b move in opposite directions: alpha is negative, far below 0.7
    result = dimensions.cronbach_alpha(pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 1, 4, 3, 5],
                                                     "c": [5, 4, 3, 2, 1]}))
    assert not result.acceptable
    assert "too low" in result.headline()


def frame(**items) -> pd.DataFrame:
    n = len(next(iter(items.values())))
    base = pd.DataFrame({"respondent_id": [f"E{i}" for i in range(n)], "department": "Retail",
                         "level": "frontline", "customer_contact": "daily"})
    for name, values in items.items():
        base[name] = pd.array(values, dtype="Int64")
    return base


def test_a_dimension_score_needs_half_of_its_items():
    staff = frame(q1=[5, 4, None], q2=[3, None, None], q3=[4, None, 2])
    scores = dimensions.dimension_scores(staff, {"Mine": ("q1", "q2", "q3")})
    # 4 = mean(5, 3, 4); one of three answered is less than half -> missing; 2 of 3 would count
    assert scores["Mine"].tolist()[0] == pytest.approx(4.0)
    assert scores["Mine"].isna().tolist() == [False, True, True]
    two = dimensions.dimension_scores(frame(q1=[5], q2=[None], q3=[2]), {"Mine": ("q1", "q2", "q3")})
    assert two["Mine"].iloc[0] == pytest.approx(3.5)


def test_the_map_is_overridable_and_missing_items_are_skipped():
    staff = frame(q1=[5, 1], q2=[4, 2])
    found = dimensions.present_items(staff, {"A": ("q1", "q9"), "B": ("q8",)})
    assert found == {"A": ["q1"]}
    assert set(dimensions.DIMENSIONS) == {"People", "Values", "Clarity"}
    assert sum(len(v) for v in dimensions.DIMENSIONS.values()) == 10


def test_agree_share_counts_fours_and_fives():
    staff = frame(q1=[5, 4, 3, 1], q2=[2, 4, None, 5])
    # answers 5 4 3 1 2 4 5: four of seven agree
    assert dimensions.agree_share(staff, ["q1", "q2"]) == (pytest.approx(4 / 7), 7)


def test_answer_distribution_splits_disagree_neutral_agree():
    staff = frame(q_team_puts_customer_first=[1, 2, 3, 4, 5, None])
    table = dimensions.answer_distribution(staff, {"People": ("q_team_puts_customer_first",)})
    row = table.iloc[0]
    assert row["statement"] == "My team puts the customer first"
    assert (row["n"], row["disagree"], row["neutral"], row["agree"]) == (5, 0.4, 0.2, 0.4)


def test_profile_states_means_intervals_and_agreement():
    staff = frame(q1=[5, 4, 4, 2], q2=[4, 4, 4, 2])
    profile = dimensions.culture_profile(staff, {"Mine": ("q1", "q2")})
    row = profile.table.iloc[0]
    # scores 4.5, 4, 4, 2: mean 3.625; t(0.975, 3) = 3.182 -> 3.625 +/- 3.182 * sd / 2
    assert row["mean"] == pytest.approx(3.625)
    assert row["high"] - row["mean"] == pytest.approx(3.182 * np.std([4.5, 4, 4, 2], ddof=1) / 2,
                                                      abs=0.001)
    assert row["agree"] == pytest.approx(6 / 8)
    # changed deliberately: a single dimension is not called "the weakest"; the count in words, and
    # the alpha check in plain words, not by its name: item variances 19/12 and 1, total variance
    # 59/12 -> alpha = 2 * (1 - (31/12) / (59/12)) = 56/59 = 0.95, above 0.7
    assert profile.headline() == ("75% of answers on Mine agree (4 or 5 out of 5, from 4 staff). The statements "
                                  "of Mine agree with each other well enough to be averaged.")


def test_demo_dimensions_are_reliable(demo):
    table = dimensions.reliability(demo["employees"])
    assert list(table["dimension"]) == ["People", "Values", "Clarity"]
    assert (table["alpha"] >= TRUTHS.min_alpha).all()
    assert table["acceptable"].all()
    shown = dimensions.reliability_table(demo["employees"])
    assert shown["Verdict"].eq("Reliable").all()


def test_demo_profile_names_the_weakest_dimension(demo):
    profile = dimensions.culture_profile(demo["employees"])
    assert profile.table["n"].max() == TRUTHS.respondents
    assert (profile.table["agree"] < 0.5).all()
    assert profile.headline().startswith("Only ")


def test_statements_that_do_not_move_together_are_not_averaged_in_plain_words():
    # q2 runs against q1: item variances 2.5 and 2.2, totals 6, 6, 7, 6, 6 with variance 0.2 ->
    # alpha = 2 * (1 - 4.7 / 0.2) = -45, far below 0.7
    staff = frame(q1=[5, 1, 4, 2, 3], q2=[1, 5, 3, 4, 3])
    profile = dimensions.culture_profile(staff, {"Mine": ("q1", "q2")})
    assert profile.alphas.iloc[0]["Verdict"] == "Too low to average"
    assert profile.averaging() == ("The statements of Mine do not agree with each other well enough to be "
                                   "averaged: read its statements one by one.")
    assert profile.headline().endswith(profile.averaging())


def test_demo_profile_speaks_plain_words_and_keeps_alpha_for_the_appendix(demo):
    from cxlib.wording import method_words

    profile = dimensions.culture_profile(demo["employees"])
    # the body: plain words, the count of staff in words, no interval notation
    assert profile.headline() == ("Only 37% of answers on People agree, 29% on Values and 27% on Clarity (4 or 5 "
                                  "out of 5, from 300 staff); Clarity is the weakest dimension. The statements of "
                                  "each dimension agree with each other well enough to be averaged.")
    assert profile.tiles()[0] == ("People", "37% agree", "mean 3.2 of 5 · 300 staff")
    body = " ".join([profile.headline(), profile.title(), *(" ".join(t) for t in profile.tiles())])
    assert method_words(body) == []
    # the appendix: each alpha with its 95% range (People 0.84, Values 0.79, Clarity 0.86 on the demo)
    table = profile.reliability()
    assert list(table["Cronbach's alpha (95% range)"].str[:4]) == ["0.84", "0.79", "0.86"]
    assert "alpha" in dimensions.RELIABILITY_METHOD and "0.7" in dimensions.RELIABILITY_METHOD
