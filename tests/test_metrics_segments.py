import math

import numpy as np
import pandas as pd
import pytest

from cxlib.metrics.segments import nps_by_group

COLUMNS = ["group", "n", "nps", "low", "high", "rest_nps", "diff", "z", "p_value", "q_value",
           "significant"]


def _survey(groups: dict[str, list]) -> pd.DataFrame:
    rows = [(g, s) for g, scores in groups.items() for s in scores]
    return pd.DataFrame(rows, columns=["segment", "nps"])


def test_each_group_is_tested_against_the_rest():
    # A: four 10s (NPS +100, var 0); B: 10, 0, 10, 0 (NPS 0, var 0.25)
    # A vs rest (= B): z = (1 - 0) / sqrt(0 + 0.25) = 2, p = erfc(sqrt 2) = 0.0455; B: z = -2
    # BH with two equal p-values: q = p * 2 / 2 = p for both
    table = nps_by_group(_survey({"B": [10, 0, 10, 0], "A": [10, 10, 10, 10]}), "segment",
                         min_n=4)
    assert table.columns.tolist() == COLUMNS
    assert table["group"].tolist() == ["A", "B"]  # sorted by NPS, best first
    assert table["nps"].tolist() == [100, 0]
    assert table["rest_nps"].tolist() == [0, 100]
    assert table["diff"].tolist() == [100, -100]
    assert table["z"].tolist() == pytest.approx([2, -2])
    p = math.erfc(math.sqrt(2))
    assert table["p_value"].tolist() == pytest.approx([p, p])
    assert table["q_value"].tolist() == pytest.approx([p, p])
    assert table["significant"].tolist() == [True, True]


def test_small_groups_are_left_out_but_count_in_the_rest():
    # C has 2 answers < min_n 3: no row, but A's rest is B + C = 10, 0, 10, 0, 0, 0
    # -> (2 - 4) / 6 = -33.3
    table = nps_by_group(
        _survey({"A": [10, 10, 10], "B": [10, 0, 10, 0], "C": [0, 0]}), "segment", min_n=3
    )
    assert table["group"].tolist() == ["A", "B"]
    assert table.loc[table["group"] == "A", "rest_nps"].item() == pytest.approx(-100 / 3)
    assert table["n"].tolist() == [3, 4]


def test_default_min_n_is_30():
    survey = _survey({"big": [10, 0] * 15, "small": [10] * 29})
    assert nps_by_group(survey, "segment")["group"].tolist() == ["big"]


def test_q_values_are_benjamini_hochberg_across_the_groups():
    rng = np.random.default_rng(3)
    survey = _survey({
        "A": rng.choice([0, 8, 10], size=80, p=[0.1, 0.3, 0.6]).tolist(),
        "B": rng.choice([0, 8, 10], size=80, p=[0.3, 0.3, 0.4]).tolist(),
        "C": rng.choice([0, 8, 10], size=80, p=[0.2, 0.3, 0.5]).tolist(),
    })
    table = nps_by_group(survey, "segment")
    # BH by hand: sort the 3 p-values, q_(i) = min over j >= i of p_(j) * 3 / j
    # (e.g. p = 0.01, 0.04, 0.03 -> sorted 0.01, 0.03, 0.04 -> raw 0.03, 0.045, 0.04 -> q = 0.03,
    # 0.04, 0.04). Here A, B and C come out at about p = 0.0026, 0.00015, 0.34.
    p = table["p_value"].to_numpy()
    order = np.argsort(p)
    p1, p2, p3 = p[order]
    q3 = p3 * 3 / 3
    q2 = min(p2 * 3 / 2, q3)
    q1 = min(p1 * 3 / 1, q2)
    expected = np.empty(3)
    expected[order] = [q1, q2, q3]
    assert table["q_value"].to_numpy() == pytest.approx(expected)
    assert table["q_value"].to_numpy() == pytest.approx([0.003944, 0.336138, 0.000462], abs=1e-6)
    assert (table["significant"] == (table["q_value"] < 0.05)).all()


def test_rows_missing_the_group_or_the_score_are_ignored():
    survey = pd.DataFrame({
        "segment": ["A", "A", None, "B", "B", "B"],
        "nps": [10, 10, 0, 0, np.nan, 0],
    })
    table = nps_by_group(survey, "segment", min_n=2)
    assert dict(zip(table["group"], table["n"])) == {"A": 2, "B": 2}
    assert table["rest_nps"].tolist() == [-100, 100]


def test_a_single_group_has_no_rest_to_test_against():
    table = nps_by_group(_survey({"A": [10, 0, 9]}), "segment", min_n=1)
    assert len(table) == 1
    assert table[["rest_nps", "diff", "z", "p_value", "q_value"]].isna().all(axis=None)
    assert not table["significant"].item()


def test_no_group_large_enough_gives_an_empty_table_with_the_columns():
    table = nps_by_group(_survey({"A": [10], "B": [0]}), "segment")
    assert table.empty
    assert table.columns.tolist() == COLUMNS


def test_unknown_column_is_a_clear_error():
    with pytest.raises(ValueError, match="no column 'region'"):
        nps_by_group(_survey({"A": [10]}), "region")


def test_groups_headline_names_the_spread_and_the_real_differences():
    from cxlib.metrics.segments import groups_headline

    table = pd.DataFrame({"group": ["Business", "Family", "Prepaid"], "nps": [31.0, 24.0, 9.6],
                          "diff": [8.0, 1.0, -16.4], "significant": [False, False, True]})
    assert groups_headline(table, "segment") == (
        "NPS ranges from +10 (Prepaid) to +31 (Business) across the 3 segments compared; "
        "larger than chance: Prepaid (\u221216 points against the rest).")
    assert groups_headline(table.assign(significant=False), "segment").endswith(
        "no segment differs from the rest by more than chance.")
    assert groups_headline(table.iloc[0:0], "channel") == "No channel has enough answers to compare."


def test_the_rest_of_a_group_is_every_other_answer():
    # A: 10, 9, 0 -> (2 - 1) / 3 = +33.3; its rest is B: 0, 0, 10 -> (1 - 2) / 3 = -33.3
    survey = pd.DataFrame({"g": ["A", "A", "A", "B", "B", "B"], "nps": [10, 9, 0, 0, 0, 10]})
    table = nps_by_group(survey, "g", min_n=1).set_index("group")
    assert table.loc["A", "nps"] == pytest.approx(100 / 3)
    assert table.loc["A", "rest_nps"] == pytest.approx(-100 / 3)
    assert table.loc["A", "diff"] == pytest.approx(200 / 3)
    assert table.loc["B", "rest_nps"] == pytest.approx(100 / 3)
