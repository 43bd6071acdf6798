import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from cxlib.metrics.prediction import (
    churn_by_band,
    churn_predictiveness,
    churn_ratio,
    latest_responses,
)


def customers():
    return pd.DataFrame({
        "customer_id": ["c1", "c2", "c3", "c4", "c5", "c6"],
        "segment": ["consumer"] * 6,
        "revenue_12m": [100.0, 300.0, 200.0, 500.0, 600.0, 400.0],
        "churned": pd.array([True, True, False, False, False, False], dtype="boolean"),
        # c6 joined in 2026: less than the 12 months of revenue the others stayed for
        "signup_date": pd.to_datetime(["2020-01-01", "2021-01-01", "2022-01-01", "2023-01-01", "2024-01-01",
                                       "2026-01-01"]),
    })


def survey():
    """Latest answers: NPS c1..c6 = 3, 7, 6, 9, 10, 7; CES 1, 2, 5, 6, 7, 7; CSAT 1, 2, 2, 4, 5, -.

    c1 answered 10 earlier; c2's latest row comes first in the file, so only the date can pick it.
    c7 is not a customer and is ignored.
    """
    rows = [
        ("r1", "c1", "2026-01-05", 10, 7),
        ("r2", "c1", "2026-05-05", 3, 1),
        ("r3", "c2", "2026-06-01", 7, 2),
        ("r4", "c2", "2026-02-01", 0, 7),
        ("r5", "c3", "2026-03-01", 6, 5),
        ("r6", "c4", "2026-03-01", 9, 6),
        ("r7", "c5", "2026-03-01", 10, 7),
        ("r8", "c6", "2026-03-01", 7, 7),
        ("r9", "c7", "2026-03-01", 0, 1),
    ]
    frame = pd.DataFrame(rows, columns=["response_id", "customer_id", "responded_at", "nps", "ces"])
    frame["responded_at"] = pd.to_datetime(frame["responded_at"])
    frame["nps"] = frame["nps"].astype("Int64")
    frame["ces"] = frame["ces"].astype("Int64")
    frame["csat"] = pd.array([5, 1, 2, 5, 2, 4, 5, None, 1], dtype="Int64")
    return frame


def test_latest_response_per_customer_is_chosen_by_date_not_file_order():
    latest = latest_responses(survey(), customers())
    assert latest["customer_id"].tolist() == ["c1", "c2", "c3", "c4", "c5", "c6"]
    assert latest["response_id"].tolist() == ["r2", "r3", "r5", "r6", "r7", "r8"]
    assert latest["churned"].dtype == bool


def test_nps_auc_counts_concordant_pairs():
    table = churn_predictiveness(survey(), customers(), n_boot=50).set_index("metric")
    # churners score 3 and 7; stayers 6, 9, 10, 7. Pairs where the churner scores lower:
    # 3 < all four stayers = 4; 7 beats 9 and 10 = 2, ties 7 = 0.5, loses to 6 = 0 -> 6.5 / 8
    assert table.loc["nps", "n"] == 6
    assert table.loc["nps", "auc"] == pytest.approx(6.5 / 8)
    # CES 1 and 2 for churners, 5-7 for stayers: every pair concordant
    assert table.loc["ces", "auc"] == pytest.approx(1.0)


def test_rows_are_sorted_by_auc_and_missing_answers_shrink_n():
    table = churn_predictiveness(survey(), customers(), n_boot=50)
    assert table["metric"].tolist() == ["ces", "csat", "nps"]
    # c6's latest response has no CSAT: 5 customers left.
    # Churners 1 and 2 vs stayers 2, 4, 5: 1 beats all 3, 2 beats 2 and ties 1 -> 5.5 / 6
    csat = table.set_index("metric").loc["csat"]
    assert csat["n"] == 5
    assert csat["auc"] == pytest.approx(5.5 / 6)


def test_bootstrap_interval_brackets_the_auc_and_is_reproducible():
    first = churn_predictiveness(survey(), customers(), n_boot=200, seed=3)
    again = churn_predictiveness(survey(), customers(), n_boot=200, seed=3)
    pd.testing.assert_frame_equal(first, again)
    nps = first.set_index("metric").loc["nps"]
    assert 0 <= nps["low"] <= nps["auc"] <= nps["high"] <= 1
    assert nps["low"] < nps["high"]


def test_revenue_correlation_counts_only_customers_who_stayed_the_whole_twelve_months():
    # the last answer is on 1 Jun 2026, so the revenue covers 2 Jun 2025 - 1 Jun 2026: c1 and c2 left
    # (their revenue is cut short) and c6 joined in 2026; c3-c5 stayed: NPS 6, 9, 10, revenue 200, 500, 600
    nps = churn_predictiveness(survey(), customers(), n_boot=0).set_index("metric").loc["nps"]
    rho, p = spearmanr([6, 9, 10], [200, 500, 600])
    assert nps["revenue_n"] == 3
    assert nps["revenue_rho"] == pytest.approx(round(rho, 2)) == 1.0
    assert nps["revenue_p"] == pytest.approx(p)
    assert np.isnan(nps["low"])  # no bootstrap asked for
    # with the revenue window ending on 31 Dec 2026, c6 (joined 1 Jan 2026) stayed it all: NPS 7, revenue 400
    later = churn_predictiveness(survey(), customers(), n_boot=0, as_of="2026-12-31").set_index("metric")
    assert later.loc["nps", "revenue_n"] == 4
    assert later.loc["nps", "revenue_rho"] == pytest.approx(round(spearmanr([6, 9, 10, 7], [200, 500, 600, 400])[0], 2))


def test_the_demo_revenue_link_is_read_on_customers_who_stayed_all_year(demo):
    from cxlib.metrics.prediction import churn_link

    survey, base = demo.frames["survey"], demo.frames["customers"]
    link = churn_link(survey, base, as_of=demo.config.period.end)
    ces = link.prediction.set_index("metric").loc["ces"]
    # by hand: latest answer per customer, customers who joined by 1 Nov 2025 and never left
    joined = latest_responses(survey, base)
    stayed = joined[~joined["churned"] & (pd.to_datetime(joined["signup_date"]) <= "2025-11-01")].dropna(
        subset=["ces", "revenue_12m"])
    rho = spearmanr(stayed["ces"].astype(float), stayed["revenue_12m"])[0]
    assert ces["revenue_n"] == len(stayed) == 2898
    assert ces["revenue_rho"] == round(rho, 2) == 0.08
    # over every customer, leavers' cut-short revenue made the link look larger: 0.13
    everyone = joined.dropna(subset=["ces", "revenue_12m"])
    assert round(spearmanr(everyone["ces"].astype(float), everyone["revenue_12m"])[0], 2) == 0.13
    shown = link.table().set_index("Metric")
    assert shown.loc["CES", "Revenue correlation"] == "0.08"  # two decimals, as computed


def band_frames():
    """Latest CES: low 1, 2, 3, 3 (2 churned); neutral 4 (none); high 5, 6, 7, 7 (1 churned)."""
    ces = [1, 2, 3, 3, 4, 5, 6, 7, 7]
    churned = [True, True, False, False, False, True, False, False, False]
    ids = [f"c{i}" for i in range(len(ces))]
    survey = pd.DataFrame({
        "response_id": ids, "customer_id": ids,
        "responded_at": pd.Timestamp("2026-03-01"),
        "ces": pd.array(ces, dtype="Int64"),
    })
    customers = pd.DataFrame({"customer_id": ids, "revenue_12m": 1.0,
                              "churned": pd.array(churned, dtype="boolean")})
    return survey, customers


def test_churn_by_band_counts_customers_and_churners_in_band_order():
    table = churn_by_band(*band_frames())
    assert table["band"].tolist() == ["Low (1-3)", "Neutral (4)", "High (5-7)"]
    assert table["customers"].tolist() == [4, 1, 4]
    assert table["churned"].tolist() == [2, 0, 1]
    assert table["churn_rate"].tolist() == pytest.approx([50.0, 0.0, 25.0])


def test_churn_ratio_divides_first_band_by_last():
    assert churn_ratio(churn_by_band(*band_frames())) == pytest.approx(50.0 / 25.0)


def test_churn_ratio_is_nan_when_the_last_band_never_churns():
    table = pd.DataFrame({"band": ["a", "b"], "churn_rate": [30.0, 0.0]})
    assert np.isnan(churn_ratio(table))


def test_prediction_headline_ranks_metrics_in_words_and_states_the_band_ratio():
    from cxlib.metrics.prediction import prediction_headline
    from cxlib.wording import method_words

    # the best's lead over the runner-up has a 95% range of 0.05 to 0.12: above zero, so "best"
    table = pd.DataFrame({"metric": ["ces", "nps", "csat"], "auc": [0.67, 0.58, 0.55],
                          "behind_low": [np.nan, 0.05, 0.08], "behind_high": [np.nan, 0.12, 0.15]})
    bands = pd.DataFrame({"band": ["Low (1-3)", "Neutral (4)", "High (5-7)"], "customers": [30, 40, 50],
                          "churn_rate": [30.0, 15.0, 10.0]})
    assert prediction_headline(table, bands) == (
        "CES tells customers who left from those who stayed best (0.67, where 0.5 is a coin flip; NPS 0.58, "
        "CSAT 0.55); customers who found us hard to deal with (CES 1-3) churn 3.0x as often as those who "
        "found us easy (CES 5-7) (30% against 10%).")
    assert not method_words(prediction_headline(table, bands))
    # a band of 29 customers is too few for a ratio
    assert prediction_headline(table, bands.assign(customers=[29, 40, 50])) == (
        "CES tells customers who left from those who stayed best (0.67, where 0.5 is a coin flip; NPS 0.58, "
        "CSAT 0.55).")
    assert prediction_headline(table.iloc[:1]) == (
        "CES tells customers who left from those who stayed best (0.67, where 0.5 is a coin flip).")


def test_a_lead_within_chance_is_not_called_best():
    from cxlib.metrics.prediction import ChurnLink, lead_is_clear, prediction_headline

    # NPS 0.72, CSAT 0.70: the gap's 95% range runs from -0.02 to 0.05, so either could be ahead
    table = pd.DataFrame({"metric": ["nps", "csat"], "auc": [0.72, 0.70], "behind_low": [np.nan, -0.02],
                          "behind_high": [np.nan, 0.05]})
    assert not lead_is_clear(table)
    assert prediction_headline(table) == ("NPS and CSAT tell customers who left from those who stayed about "
                                          "equally well (0.72 and 0.70, where 0.5 is a coin flip).")
    assert ChurnLink(table, None, "NPS class").prediction_title() == (
        "NPS and CSAT tell customers who left from those who stayed about equally well")


def test_the_gap_to_the_best_is_a_paired_bootstrap_range():
    table = churn_predictiveness(survey(), customers(), n_boot=200, seed=1).set_index("metric")
    assert np.isnan(table.loc["ces", "behind_low"])  # the best has no gap to itself
    # CES separates perfectly (1.0), NPS 6.5 / 8: every resample has CES at least as good
    assert 0 <= table.loc["nps", "behind_low"] <= table.loc["nps", "behind_high"] <= 1


def test_prediction_table_states_auc_intervals_and_revenue_link():
    from cxlib.metrics.prediction import prediction_table

    table = pd.DataFrame({"metric": ["ces", "nps"], "n": [100, 98], "auc": [0.671, 0.6],
                          "low": [0.62, 0.55], "high": [0.72, 0.65], "revenue_rho": [0.05, -0.17],
                          "revenue_p": [0.3, 0.001], "revenue_n": [80, 79]})
    shown = prediction_table(table)
    assert shown["Metric"].tolist() == ["CES", "NPS"]
    assert shown["Tells leavers from stayers"].tolist() == ["0.67", "0.60"]
    assert shown["95% range"].tolist() == ["0.62 to 0.72", "0.55 to 0.65"]
    # two decimals, as computed, and a true minus sign
    assert shown["Revenue correlation"].tolist() == ["0.05", "\u22120.17"]
    assert shown["Customers all year"].tolist() == [80, 79]
    assert shown["Larger than chance"].tolist() == [False, True]


def test_the_counted_bootstrap_auc_equals_sklearns_on_every_resample(monkeypatch):
    from sklearn.metrics import roc_auc_score

    from cxlib.metrics import prediction
    from cxlib.metrics.prediction import _bootstrap_aucs

    monkeypatch.setattr(prediction, "_CHUNK_DRAWS", 7 * 60)  # 7 resamples a chunk: the stream is unchanged
    rng = np.random.default_rng(7)
    score = rng.integers(0, 11, 60).astype(float)  # many ties, as survey scores have
    churned = rng.random(60) < 0.3
    aucs = _bootstrap_aucs(churned, score, 40, np.random.default_rng(3))
    draws = np.random.default_rng(3).integers(0, 60, size=(40, 60))
    expected = [roc_auc_score(churned[d], -score[d]) if 0 < churned[d].sum() < 60 else np.nan for d in draws]
    assert np.allclose(aucs, expected, equal_nan=True)


def test_no_churn_ratio_is_stated_on_a_band_of_fewer_than_30_customers():
    from cxlib.metrics.prediction import ChurnLink

    bands = pd.DataFrame({"band": ["Detractors (0-6)", "Passives (7-8)", "Promoters (9-10)"],
                          "customers": [40, 50, 29], "churned": [12, 5, 1], "churn_rate": [30.0, 10.0, 100 / 29]})
    assert ChurnLink(pd.DataFrame(), bands, "NPS class").band_clause() == ""
    bands.loc[2, ["customers", "churned", "churn_rate"]] = [30, 3, 10.0]
    # 30% / 10% = 3.0
    assert ChurnLink(pd.DataFrame(), bands, "NPS class").band_clause() == (
        "detractors (NPS 0-6) churn 3.0x as often as promoters (NPS 9-10)")


def test_the_paired_gap_is_the_difference_of_both_aucs_on_the_same_resamples():
    from cxlib.metrics.prediction import _auc_gap, _bootstrap_aucs

    rng = np.random.default_rng(4)
    joined = pd.DataFrame({"nps": rng.integers(0, 11, 80).astype(float),
                           "ces": rng.integers(1, 8, 80).astype(float),
                           "churned": rng.random(80) < 0.3})
    churned = joined["churned"].to_numpy()
    gaps = (_bootstrap_aucs(churned, joined["nps"].to_numpy(), 50, np.random.default_rng(9))
            - _bootstrap_aucs(churned, joined["ces"].to_numpy(), 50, np.random.default_rng(9)))
    expected = np.percentile(gaps[~np.isnan(gaps)], [2.5, 97.5])
    assert _auc_gap(joined, "nps", "ces", 50, 9) == pytest.approx(tuple(expected))


def test_a_large_customer_base_draws_cell_counts_in_little_memory():
    import tracemalloc

    from cxlib.metrics.prediction import _bootstrap_aucs, _resample_counts

    rng = np.random.default_rng(5)
    score = rng.integers(0, 11, 1_000_000).astype(float)
    churned = rng.random(1_000_000) < 0.1
    counts = _resample_counts(churned.astype(np.int64), 2, 300, np.random.default_rng(0))
    assert counts.shape == (300, 2) and (counts.sum(axis=1) == 1_000_000).all()
    tracemalloc.start()
    aucs = _bootstrap_aucs(churned, score, 300, np.random.default_rng(0))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # 300 x 1,000,000 drawn indices would be 2.4 GB; the cell counts need a pass over the scores
    assert peak < 64 * 2**20
    # unrelated scores: every resample's AUC is near a coin flip
    assert np.abs(aucs - 0.5).max() < 0.01
