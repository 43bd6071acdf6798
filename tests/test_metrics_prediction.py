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


def test_revenue_correlation_is_spearman_on_the_latest_answers():
    nps = churn_predictiveness(survey(), customers(), n_boot=0).set_index("metric").loc["nps"]
    rho, p = spearmanr([3, 7, 6, 9, 10, 7], [100, 300, 200, 500, 600, 400])
    assert nps["revenue_rho"] == pytest.approx(rho)
    assert nps["revenue_p"] == pytest.approx(p)
    assert nps["revenue_rho"] > 0.9  # revenue rises with the score here
    assert np.isnan(nps["low"])  # no bootstrap asked for


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


def test_prediction_headline_ranks_metrics_and_states_the_band_ratio():
    from cxlib.metrics.prediction import prediction_headline

    table = pd.DataFrame({"metric": ["ces", "nps", "csat"], "auc": [0.67, 0.58, 0.55]})
    bands = pd.DataFrame({"band": ["Low (1-3)", "Neutral (4)", "High (5-7)"], "customers": [30, 40, 50],
                          "churn_rate": [30.0, 15.0, 10.0]})
    assert prediction_headline(table, bands) == (
        "CES predicts churn best (AUC 0.67; NPS 0.58, CSAT 0.55): customers in the low (1-3) band "
        "churn 3.0x as often as the high (5-7) band (30% vs 10%).")
    # a band of 29 customers is too few for a ratio
    assert prediction_headline(table, bands.assign(customers=[29, 40, 50])) == (
        "CES predicts churn best (AUC 0.67; NPS 0.58, CSAT 0.55).")
    assert prediction_headline(table.iloc[:1]) == "CES predicts churn best (AUC 0.67)."


def test_prediction_table_states_auc_intervals_and_revenue_link():
    from cxlib.metrics.prediction import prediction_table

    table = pd.DataFrame({"metric": ["ces", "nps"], "n": [100, 98], "auc": [0.671, 0.6],
                          "low": [0.62, 0.55], "high": [0.72, 0.65], "revenue_rho": [0.05, 0.17],
                          "revenue_p": [0.3, 0.001]})
    shown = prediction_table(table)
    assert shown["Metric"].tolist() == ["CES", "NPS"]
    assert shown["Churn AUC (95% CI)"].tolist() == ["0.67 (0.62-0.72)", "0.60 (0.55-0.65)"]
    assert shown["Beyond chance"].tolist() == [False, True]


def test_the_counted_bootstrap_auc_equals_sklearns_on_every_resample():
    from sklearn.metrics import roc_auc_score

    from cxlib.metrics.prediction import _bootstrap_aucs

    rng = np.random.default_rng(7)
    score = rng.integers(0, 11, 60).astype(float)  # many ties, as survey scores have
    churned = rng.random(60) < 0.3
    aucs = _bootstrap_aucs(churned, score, 40, np.random.default_rng(3), chunk=7)
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
