"""Perceived against internal value: hand-computed gaps, then the demo's ease gap."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from cxlib.brand import promise
from cxlib.demo import brand as demo_brand
from cxlib.metrics.drivers import key_drivers

PROMISES = pd.DataFrame({
    "attribute": ["ease", "price", "speed"],
    "promise": ["Done in a few taps.", "No surprises.", "Help in minutes."],
    "survey_column": ["attr_ease", "attr_price", "attr_speed"],
    "internal_rating": [4.5, 2.0, 4.0],
})
SURVEY = pd.DataFrame({
    "attr_ease": [2, 3, 4, None],      # mean 3, sd 1, n 3
    "attr_price": [3, 3, 3, 3],        # mean 3, no spread
})


def test_gap_is_leadership_minus_the_customers_mean():
    table = promise.promise_gaps(PROMISES, SURVEY, min_answers=1).table.set_index("attribute")
    assert table.loc["ease", ["internal", "customer", "n", "gap"]].tolist() == [4.5, 3.0, 3, 1.5]
    assert table.loc["price", "gap"] == pytest.approx(-1.0)  # customers rate it higher


def test_customer_mean_has_a_t_interval_and_a_gap_is_clear_outside_it():
    table = promise.promise_gaps(PROMISES, SURVEY, min_answers=1).table.set_index("attribute")
    # 3 +/- t(0.975, 2) x 1 / sqrt(3) = 3 +/- 2.484: 4.5 lies inside, so the gap is not clear
    assert (table.loc["ease", "low"], table.loc["ease", "high"]) == pytest.approx(
        (0.516, 5.484), abs=1e-3)
    assert not table.loc["ease", "clear"]
    # price answers never vary: the interval is 3 to 3 and leadership's 2.0 lies outside
    assert table.loc["price", "clear"]


def test_promises_sort_by_gap_and_an_unrated_promise_goes_last():
    result = promise.promise_gaps(PROMISES, SURVEY, min_answers=1)
    assert list(result.table["attribute"]) == ["ease", "price", "speed"]
    speed = result.table.iloc[-1]
    assert speed["n"] == 0 and math.isnan(speed["gap"])
    assert list(result.rated["attribute"]) == ["ease", "price"]
    assert result.largest()["attribute"] == "ease"
    assert result.mean_gap == pytest.approx(1.25)  # (|1.5| + |-1.0|) / 2


def test_importance_comes_from_the_driver_table():
    drivers = pd.DataFrame({"driver": ["attr_ease", "attr_price"], "share": [60.0, 40.0]})
    result = promise.promise_gaps(PROMISES, SURVEY, importance=drivers, min_answers=1)
    table = result.table.set_index("attribute")
    assert table.loc["ease", "importance"] == 60.0 and math.isnan(table.loc["speed", "importance"])
    # association, not cause (deliberately reworded from "drives NPS most")
    assert "on the rating that goes most closely with NPS (60%" in result.headline()
    assert "Leadership rates 1 of the 2 promises higher than customers do." in result.headline()


def test_report_table_has_readable_columns():
    table = promise.promise_gaps(PROMISES, SURVEY, min_answers=1).report_table()
    assert list(table.columns) == ["Attribute", "Our promise", "Leadership (1-5)",
                                   "Customers (mean)", "95% range", "Answers", "Gap"]
    assert promise.promise_gaps(PROMISES, SURVEY, min_answers=1).answers() == "3 to 4"
    assert table.iloc[0]["95% range"] == "0.5\u00a0to\u00a05.5" and table.iloc[2]["95% range"] == "–"
    # the gap is signed with a true minus: customers rate price 3.0 against leadership's 2.0
    assert table["Gap"].tolist() == ["+1.5", "\u22121.0", "–"]


def test_the_gap_stated_is_the_difference_of_the_rounded_ratings():
    # leadership's 4.25 (several raters) prints as 4.2 and the customers' 2.975 as 3.0: the gap reads
    # 1.2, not the 1.275 that would print as 1.3 beside "4.2" and "3.0"
    assert promise.stated_gap(4.25, 2.975) == pytest.approx(1.2)
    survey = pd.DataFrame({"attr_ease": [3] * 39 + [2]})  # mean 119 / 40 = 2.975
    result = promise.promise_gaps(PROMISES.iloc[:1].assign(internal_rating=4.25), survey)
    assert result.report_table()["Gap"].tolist() == ["+1.2"]
    assert "promise 4.2 of 5 while 40 surveyed customers rate it 3.0: a gap of 1.2 points" in result.finding().text


def test_no_rated_promise_says_so():
    result = promise.promise_gaps(PROMISES, pd.DataFrame({"attr_other": [1, 2]}))
    assert result.largest() is None and math.isnan(result.mean_gap)
    assert result.headline().startswith("Customers rate none of the promises")


def test_demo_ease_is_the_largest_gap_and_the_top_driver(demo):
    truths = demo_brand.TRUTHS
    survey = demo["survey"]
    result = promise.promise_gaps(demo["brand_promise"], survey,
                                  importance=key_drivers(survey, n_boot=50).table)
    top = result.largest()
    assert top["attribute"] == truths.largest_gap_attribute
    assert top["internal"] == truths.largest_gap_internal
    assert top["customer"] == pytest.approx(truths.largest_gap_customer, abs=0.05)
    assert top["gap"] == pytest.approx(truths.largest_gap, abs=0.05) and top["clear"]
    assert top["importance"] == result.rated["importance"].max()
    assert (result.rated["gap"] > 0).all() == truths.every_promise_overrated
    assert result.table.iloc[-1]["attribute"] == truths.smallest_gap_attribute
    assert result.headline().startswith("Leadership rates the ease promise 4.8 of 5; customers "
                                        "rate it 2.8 (4,836 answers): at 2.0 points the largest gap")
    assert "CI" not in result.headline() and "n =" not in result.headline()
    customers = {f.quantity: f for f in result.finding().figures}["customers' rating of the ease promise"]
    assert (customers.low, customers.high) == (top["low"], top["high"])


def test_title_names_the_largest_gap_or_stays_neutral():
    assert promise.promise_gaps(PROMISES, SURVEY, min_answers=1).title() == (
        "Customers rate ease 1.5 points below leadership's 4.5")
    unrated = promise.promise_gaps(PROMISES, pd.DataFrame({"attr_other": [1]}))
    assert unrated.title() == "How leadership and customers rate each promise"


def test_a_promise_with_fewer_than_thirty_answers_is_listed_but_not_compared():
    # ease has 30 answers (mean 3), price 29: only ease gets a gap
    survey = pd.DataFrame({"attr_ease": [2, 3, 4] * 10, "attr_price": [3] * 29 + [None]})
    result = promise.promise_gaps(PROMISES, survey)
    table = result.table.set_index("attribute")
    assert table.loc["ease", "gap"] == pytest.approx(1.5)
    assert table.loc["price", "n"] == 29 and math.isnan(table.loc["price", "gap"])
    assert not table.loc["price", "clear"]
    assert list(result.rated["attribute"]) == ["ease"]
    assert "it is the only promise enough customers rated to compare" in result.headline()
    # no key-driver result: the weight column is left out rather than shown empty
    assert "Weight in NPS" not in result.report_table().columns


def test_rated_promises_counts_answers_per_survey_column():
    counts = promise.rated_promises(PROMISES, SURVEY)
    assert counts.to_dict() == {"ease": 3, "price": 4, "speed": 0}
