"""Leaders vs frontline: Welch gaps checked by hand and against scipy, and the demo's Clarity gap."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from cxlib.culture import alignment, anonymity, dimensions
from cxlib.demo.people import TRUTHS


def test_welch_gap_by_hand():
    # a: mean 3, variance 2.5 (n 5); b: mean 2, variance 4/3 (n 4)
    # se = sqrt(2.5/5 + (4/3)/4) = sqrt(5/6) = 0.9129; df = (5/6)^2 / (0.5^2/4 + (1/3)^2/3) = 6.977
    a, b = pd.Series([1, 2, 3, 4, 5]), pd.Series([1, 1, 3, 3])
    gap = alignment.welch_gap(a, b)
    half = stats.t.ppf(0.975, 6.977) * math.sqrt(5 / 6)
    assert gap.diff == pytest.approx(1.0)
    assert (gap.low, gap.high) == (pytest.approx(1 - half, abs=1e-3), pytest.approx(1 + half, abs=1e-3))
    assert (gap.n_a, gap.n_b, gap.mean_a, gap.mean_b) == (5, 4, 3.0, 2.0)


def test_welch_gap_agrees_with_scipy():
    rng = np.random.default_rng(3)
    a, b = pd.Series(rng.normal(4, 1, 30)), pd.Series(rng.normal(3, 0.5, 200))
    gap = alignment.welch_gap(a, b)
    reference = stats.ttest_ind(a, b, equal_var=False)
    interval = reference.confidence_interval(0.95)
    assert gap.p_value == pytest.approx(reference.pvalue)
    assert (gap.low, gap.high) == (pytest.approx(interval.low), pytest.approx(interval.high))


def test_welch_gap_without_spread_or_with_one_answer():
    assert alignment.welch_gap(pd.Series([4, 4]), pd.Series([2, 2])).low == 2.0
    single = alignment.welch_gap(pd.Series([5]), pd.Series([1, 2, 3]))
    assert single.diff == pytest.approx(3.0) and math.isnan(single.low)


def staff() -> pd.DataFrame:
    return pd.DataFrame({
        "respondent_id": [f"E{i}" for i in range(8)],
        "department": ["A"] * 4 + ["B"] * 4,
        "level": ["leadership", "frontline", "frontline", "frontline"] * 2,
        "customer_contact": "daily",
        "q1": pd.array([5, 2, 3, 1, 4, 2, 2, 3], dtype="Int64"),
        "q2": pd.array([5, 1, 4, 2, 4, 2, 3, 3], dtype="Int64"),
    })


def test_level_gaps_compare_leaders_with_the_frontline():
    frame = staff()
    scores = dimensions.dimension_scores(frame, {"Mine": ("q1", "q2")})
    gaps = alignment.level_gaps(scores, ["Mine"])
    row = gaps.table.iloc[0]
    # leaders 5 and 4 (mean 4.5); frontline 1.5 3.5 1.5 2 2.5 3 (mean 2.333)
    assert row["upper"] == pytest.approx(4.5) and row["lower"] == pytest.approx(14 / 6)
    assert row["gap"] == pytest.approx(4.5 - 14 / 6)
    assert gaps.title() == "Leaders and the frontline part ways on Mine"
    assert set(gaps.levels["level"]) == {"leadership", "frontline"}


def test_item_agreement_with_wilson_intervals():
    table = alignment.item_agreement(staff(), {"Mine": ("q1", "q2")})
    q1 = table.set_index("item").loc["q1"]
    # leaders answer 5 and 4: both agree; frontline 2 3 1 2 2 3: none agree
    assert (q1["leadership"], q1["frontline"], q1["gap"]) == (1.0, 0.0, 100.0)
    assert q1["n_leadership"] == 2 and q1["n_frontline"] == 6
    assert q1["leadership_low"] == pytest.approx(0.342, abs=0.001)  # Wilson 2 of 2


def test_breakdown_and_consistency_title():
    frame = pd.concat([staff()] * 3, ignore_index=True)  # 3 leaders and 9 frontline per department
    frame["respondent_id"] = [f"E{i}" for i in range(len(frame))]
    scores = dimensions.dimension_scores(frame, {"Mine": ("q1", "q2")})
    protection = anonymity.protect_groups(frame, "department", "level")
    table = alignment.breakdown(scores, ["Mine"], protection)
    # leaders (3 per department) are hidden; each frontline cell would then be its department's
    # total minus the leaders, so the frontline cells go too. The totals stay: the two hidden
    # cells of each line hold 12 people together, and nothing pins down one of them.
    shown = table[~table["hidden"]]
    assert set(zip(shown["department"], shown["level"])) == {
        ("A", alignment.ALL), ("B", alignment.ALL), ("All departments", "leadership"),
        ("All departments", "frontline"), ("All departments", alignment.ALL)}
    assert shown.set_index("level").loc["leadership", "mean"] == pytest.approx(4.5)
    assert alignment.consistency_title(table, "Mine") == "Mine by department and level"


def test_demo_clarity_is_the_widest_gap(demo):
    employees = demo["employees"]
    scores = dimensions.dimension_scores(employees)
    protection = anonymity.protect_groups(employees, "department", "level",
                                          column_order=alignment.LEVELS)
    gaps = alignment.level_gaps(scores, ["People", "Values", "Clarity"], protection=protection)
    widest = gaps.widest()
    assert widest["dimension"] == TRUTHS.widest_gap_dimension
    assert widest["gap"] == pytest.approx(TRUTHS.clarity_gap, abs=TRUTHS.clarity_gap_tolerance)
    assert widest["low"] > 1.0  # the whole interval is more than a point
    others = gaps.table[gaps.table["dimension"] != "Clarity"]
    assert (others["gap"].abs() < TRUTHS.other_gaps_below).all()
    assert gaps.headline().startswith("Leaders rate Clarity 1.6 points above the frontline")
    table = alignment.breakdown(scores, ["Clarity"], protection)
    assert alignment.consistency_title(table, "Clarity") == (
        "Leaders rate Clarity above the frontline in all 6 departments that can be shown")


def test_demo_leaders_understand_roi_the_frontline_does_not(demo):
    items = alignment.item_agreement(demo["employees"], dimensions.DIMENSIONS)
    roi = items.set_index("item").loc["q_understand_cx_roi"]
    assert roi["leadership"] >= TRUTHS.roi_agree_leadership_at_least
    assert roi["frontline"] <= TRUTHS.roi_agree_frontline_at_most
    assert items.loc[items["gap"].idxmax(), "item"] == "q_understand_cx_roi"
    assert alignment.widest_statement_title(items).startswith(
        "The widest split: \u201cI understand how CX pays back\u201d (+74")


def _gaps(rows) -> alignment.LevelGaps:
    table = pd.DataFrame(rows, columns=["dimension", "n_upper", "upper", "n_lower", "lower", "gap", "low",
                                        "high", "p_value"])
    return alignment.LevelGaps(table, pd.DataFrame(columns=["dimension", "level", "n", "mean", "low", "high"]))


def test_gap_headline_adds_up_from_the_printed_means_and_says_chance_in_words():
    # 4.24 - 2.56 = 1.68 would print 1.7, but the means print as 4.2 and 2.6: the sentence says 1.6;
    # Values runs the other way (2.96 - 3.24 -> 3.0 - 3.2 = -0.2), with a true minus sign
    gaps = _gaps([("Clarity", 39, 4.24, 207, 2.56, 1.68, 1.4, 1.96, 0.0001),
                  ("Values", 39, 2.96, 207, 3.24, -0.28, -0.6, 0.04, 0.09)])
    assert gaps.headline() == ("Leaders rate Clarity 1.6 points above the frontline: 4.2 against 2.6 out of 5, "
                               "from 39 leaders and 207 frontline staff, a gap larger than chance; on Values the "
                               "gap is smaller (\u22120.2 points).")
    # a gap the test cannot tell from noise is said so
    small = _gaps([("People", 40, 3.3, 200, 3.1, 0.2, -0.1, 0.5, 0.2)])
    assert small.headline().endswith("a gap within what chance alone produces.")


def test_statement_headline_gives_counts_not_intervals_and_a_true_minus():
    items = pd.DataFrame({"dimension": ["Values"], "item": ["q_learn_from_failures"],
                          "statement": ["We learn from failures"], "n_leadership": [36], "leadership": [0.25],
                          "leadership_low": [0.1], "leadership_high": [0.4], "n_frontline": [201],
                          "frontline": [0.37], "frontline_low": [0.3], "frontline_high": [0.44], "gap": [-12.0]})
    assert alignment.widest_statement_headline(items) == (
        "25% of 36 leaders but 37% of 201 frontline staff agree that \u201cWe learn from failures\u201d.")
    assert alignment.widest_statement_title(items) == "The widest split: \u201cWe learn from failures\u201d (\u221212 points)"


def test_demo_level_tests_are_for_the_appendix(demo):
    from cxlib.wording import method_words

    result = alignment.compare_levels(demo["employees"])
    assert method_words(result.headline()) == []
    tests = result.tests().set_index("Dimension")
    # Clarity: 4.18 - 2.56 = +1.61 with a Welch range of +1.33 to +1.90 (scipy agrees, test above)
    assert tests.loc["Clarity", "Gap"] == "+1.61"
    assert tests.loc["Clarity", "95% range (Welch)"] == "+1.33 to +1.90"
    assert tests.loc["Clarity", "In words"] == "larger than chance"
    assert "Welch" in alignment.LEVELS_METHOD and "p < 0.05" in alignment.LEVELS_METHOD
