
import numpy as np
import pandas as pd
import pytest

from cxlib.metrics.drivers import DriverResult, key_drivers, relative_weights
from cxlib.wording import method_words


def _ols_r2(X: np.ndarray, y: np.ndarray) -> float:
    design = np.column_stack([np.ones(len(y)), X])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    residual = y - design @ coef
    return 1 - residual @ residual / ((y - y.mean()) @ (y - y.mean()))


def _correlated(n: int, seed: int) -> tuple[pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(n, 4))
    X = pd.DataFrame(
        {"a": base[:, 0], "b": base[:, 0] * 0.7 + base[:, 1], "c": base[:, 2] - base[:, 1] * 0.5,
         "d": base[:, 3]}
    )
    y = pd.Series(X["a"] + 0.5 * X["b"] + 0.2 * X["c"] + rng.normal(size=n))
    return X, y


def test_uncorrelated_predictors_get_their_squared_correlations():
    # x1 and x2 are orthogonal contrasts (sample correlation exactly 0).
    # y = 3, 1, 2, 1 -> centred 1.25, -0.75, 0.25, -0.75 (sum of squares 2.75)
    # x1 . y = 3 -> r1^2 = 9 / (4 * 2.75) = 9/11; x2 . y = 1 -> r2^2 = 1/11; R^2 = 10/11
    X = pd.DataFrame({"x1": [1, -1, 1, -1], "x2": [1, 1, -1, -1]})
    weights = relative_weights(X, pd.Series([3, 1, 2, 1]))
    assert weights.index.tolist() == ["x1", "x2"]
    assert weights.tolist() == pytest.approx([9 / 11, 1 / 11])


def test_weights_add_up_to_the_ols_r_squared_on_correlated_data():
    X, y = _correlated(400, seed=1)
    weights = relative_weights(X, y)
    assert weights.sum() == pytest.approx(_ols_r2(X.to_numpy(), y.to_numpy()), rel=1e-10)
    # the correlation really is there, so this is not the orthogonal case
    assert abs(X["a"].corr(X["b"])) > 0.5
    assert (weights > 0).all()


def test_weights_use_complete_cases_only():
    X, y = _correlated(200, seed=2)
    X.iloc[:10, 0] = np.nan
    y.iloc[10:15] = np.nan
    complete = X.notna().all(axis=1) & y.notna()
    expected = relative_weights(X[complete], y[complete])
    assert relative_weights(X, y).tolist() == pytest.approx(expected.tolist())
    assert complete.sum() == 185


def test_collinear_predictors_are_a_clear_error():
    X = pd.DataFrame({"a": [1.0, 2, 3, 4, 5, 6], "b": [2.0, 4, 6, 8, 10, 12],
                      "c": [1.0, 0, 1, 0, 1, 1]})
    with pytest.raises(ValueError, match="collinear"):
        relative_weights(X, pd.Series([1.0, 3, 2, 5, 4, 6]))


def test_a_constant_column_is_a_clear_error():
    X = pd.DataFrame({"a": [1.0, 2, 3, 4, 5], "b": [3.0] * 5})
    with pytest.raises(ValueError, match="no variation in b"):
        relative_weights(X, pd.Series([1.0, 3, 2, 5, 4]))


def _planted_survey(n: int = 2000, seed: int = 7) -> pd.DataFrame:
    """Ease drives NPS strongly and rates low; speed matters and rates high; price rates high
    and does not matter; design rates low and does not matter."""
    rng = np.random.default_rng(seed)
    ratings = {
        "attr_ease": rng.integers(1, 5, n),          # 1-4, mean 2.5
        "attr_speed": rng.integers(3, 6, n),         # 3-5, mean 4.0
        "attr_price": rng.choice([4, 5], n, p=[0.8, 0.2]),  # mean 4.2
        "attr_design": rng.integers(1, 5, n),        # mean 2.5
    }
    ease = (ratings["attr_ease"] - 2.5) / 1.118
    speed = (ratings["attr_speed"] - 4.0) / 0.816
    score = np.clip(np.round(6 + 1.8 * ease + 1.3 * speed + rng.normal(0, 1.2, n)), 0, 10)
    return pd.DataFrame({**ratings, "nps": score, "comment": "x"})


def test_planted_top_driver_and_quadrants_are_recovered():
    result = key_drivers(_planted_survey(), n_boot=200)
    assert result.top_driver == "attr_ease"
    table = result.table.set_index("driver")
    assert table.index.tolist()[:2] == ["attr_ease", "attr_speed"]
    assert table.loc["attr_ease", "label"] == "Ease"
    assert table.loc["attr_ease", "quadrant"] == "Fix first"
    assert table.loc["attr_speed", "quadrant"] == "Keep it up"
    assert table.loc["attr_price", "quadrant"] == "Possible overkill"
    assert table.loc["attr_design", "quadrant"] == "Lower priority"


def test_driver_table_columns_shares_and_performance():
    survey = _planted_survey()
    result = key_drivers(survey, n_boot=50)
    table = result.table
    assert table.columns.tolist() == ["driver", "label", "weight", "low", "high", "share",
                                      "performance", "quadrant"]
    assert table["weight"].is_monotonic_decreasing
    assert table["share"].sum() == pytest.approx(100)
    assert result.r2 == pytest.approx(table["weight"].sum())
    attrs = ["attr_ease", "attr_speed", "attr_price", "attr_design"]
    assert result.r2 == pytest.approx(_ols_r2(survey[attrs].to_numpy(), survey["nps"].to_numpy()))
    performance = table.set_index("driver")["performance"]
    assert performance["attr_price"] == pytest.approx(survey["attr_price"].mean())
    assert result.n == 2000


def test_bootstrap_interval_contains_the_point_estimate():
    result = key_drivers(_planted_survey(), n_boot=300)
    table = result.table
    assert ((table["low"] <= table["weight"]) & (table["weight"] <= table["high"])).all()
    assert (table["low"] < table["high"]).all()


def test_bootstrap_matches_a_plain_loop_over_the_same_resamples():
    # key_drivers draws rng.integers(0, n, (n_boot, n)) from default_rng(seed); redo it row by row
    survey = _planted_survey(n=300, seed=11)
    result = key_drivers(survey, n_boot=40, seed=5, level=0.90)
    attrs = ["attr_ease", "attr_speed", "attr_price", "attr_design"]
    rows = np.random.default_rng(5).integers(0, 300, size=(40, 300))
    boot = np.array([relative_weights(survey[attrs].iloc[r], survey["nps"].iloc[r]).to_numpy()
                     for r in rows])
    low, high = np.percentile(boot, [5, 95], axis=0)
    table = result.table.set_index("driver").loc[attrs]
    assert table["low"].to_numpy() == pytest.approx(low)
    assert table["high"].to_numpy() == pytest.approx(high)


def test_same_seed_same_intervals():
    survey = _planted_survey(n=500)
    first = key_drivers(survey, n_boot=100, seed=3).table
    assert first.equals(key_drivers(survey, n_boot=100, seed=3).table)
    assert not first.equals(key_drivers(survey, n_boot=100, seed=4).table)


def test_missing_ratings_drop_the_row():
    survey = _planted_survey(n=300)
    survey.loc[:19, "attr_speed"] = np.nan
    survey.loc[290:, "nps"] = np.nan
    assert key_drivers(survey, n_boot=20).n == 270


def test_labels_turn_column_names_into_words():
    survey = _planted_survey(n=200).rename(columns={"attr_price": "attr_value_for_money"})
    labels = key_drivers(survey, n_boot=10).table.set_index("driver")["label"]
    assert labels["attr_value_for_money"] == "Value for money"


def test_headline_names_the_top_driver_and_its_share_in_words():
    table = pd.DataFrame({"driver": ["attr_ease", "attr_speed"], "label": ["Ease", "Speed"],
                          "weight": [0.16, 0.10], "low": [0.13, 0.07], "high": [0.19, 0.12],
                          "share": [61.5, 38.5]})
    result = DriverResult(table=table, r2=0.26, n=4870, level=0.95)
    assert result.top_driver == "attr_ease"
    # 0.16 / 0.26 = 62% of what they explain; R² 0.26 -> "26% of how NPS varies"
    assert result.headline() == (
        "Of the 2 ratings, ease goes most closely with NPS: it carries 62% of what they explain together, "
        "and together they explain 26% of how NPS varies (4,870 complete answers)."
    )
    assert not method_words(result.headline())


def test_a_lead_within_the_ranges_is_said_to_be_within_chance():
    # ease's range (0.08-0.19) reaches below speed's top (0.12): the lead is not clear
    table = pd.DataFrame({"driver": ["attr_ease", "attr_speed"], "label": ["Ease", "Speed"],
                          "weight": [0.14, 0.12], "low": [0.08, 0.07], "high": [0.19, 0.17],
                          "share": [53.8, 46.2]})
    result = DriverResult(table=table, r2=0.26, n=500, level=0.95)
    assert not result.lead_is_clear
    assert result.headline().endswith("; its lead over speed (46%) is within what chance alone produces.")


def test_the_demo_driver_sentence_is_plain_and_names_ease(demo):
    result = key_drivers(demo.frames["survey"], n_boot=100)
    assert result.top_driver == "attr_ease" and result.lead_is_clear
    assert result.headline().startswith("Of the 6 ratings, ease goes most closely with NPS")
    assert not method_words(result.headline())


def test_no_rating_columns_is_a_clear_error():
    with pytest.raises(ValueError, match="starts with 'attr_'"):
        key_drivers(pd.DataFrame({"nps": [1, 2, 3], "csat": [1, 2, 3]}))


def test_answer_patterns_count_each_repeated_row_once():
    from cxlib.metrics.drivers import _answer_patterns

    # rows 0 and 2 are the same answers: two patterns, seen 2 and 1 times, numbered by first sight
    patterns, freq, codes = _answer_patterns(np.array([[1.0, 5.0], [2.0, 5.0], [1.0, 5.0]]))
    assert patterns.tolist() == [[1.0, 5.0], [2.0, 5.0]]
    assert freq.tolist() == [2, 1]
    assert codes.tolist() == [0, 1, 0]


def _ratings(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    attrs = rng.integers(1, 4, size=(n, 3)).astype(float)  # 27 answer patterns of the ratings
    nps = np.clip(2 * attrs[:, 0] + attrs[:, 1] + rng.integers(0, 3, n), 0, 10)
    return np.column_stack([attrs, nps])


def test_bootstrap_memory_stays_flat_on_200k_rows():
    import tracemalloc

    from cxlib.metrics.drivers import _bootstrap_weights

    data = _ratings(200_000, seed=1)
    tracemalloc.start()
    _bootstrap_weights(data, 500, 0)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # 500 x 200,000 row indices alone would be 800 MB; the bootstrap keeps chunks of 2**21 counts
    assert peak < 64 * 2**20


def test_pattern_counts_and_row_draws_give_the_same_bootstrap_distribution(monkeypatch):
    from cxlib.metrics import drivers

    data = _ratings(3_000, seed=2)  # 27 x 4 patterns at most: by default drawn as pattern counts
    by_pattern = drivers._bootstrap_weights(data, 400, 0)
    monkeypatch.setattr(drivers, "_DRAWS_PER_PATTERN", 10**9)  # force row-index draws
    by_row = drivers._bootstrap_weights(data, 400, 0)
    assert not np.allclose(by_pattern, by_row)  # different draws...
    # ...of the same distribution: means within 2 standard errors, spreads within 15%
    se = by_row.std(axis=0) / np.sqrt(400)
    assert np.all(np.abs(by_pattern.mean(axis=0) - by_row.mean(axis=0)) < 2 * np.sqrt(2) * se)
    assert np.allclose(by_pattern.std(axis=0), by_row.std(axis=0), rtol=0.15)
