"""Step 3 brand exhibits: one pyplot-free Figure each, one mark per row, laid out without warnings."""
from __future__ import annotations

import io
import warnings

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure

from cxlib.brand import promise, reviews
from cxlib.charts import brand as charts


@pytest.fixture(autouse=True)
def _no_pyplot_figures():
    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before


def render(fig: Figure) -> str:
    """The figure as SVG; a layout that collapses (text wider than the page) fails the test."""
    buffer = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(buffer, format="svg")
    return buffer.getvalue()


def title(fig: Figure) -> str:
    return fig.axes[0].get_title(loc="left")


PROMISES = pd.DataFrame({
    "attribute": ["ease", "speed", "price"], "promise": ["a", "b", "c"],
    "survey_column": ["attr_ease", "attr_speed", "attr_missing"], "internal_rating": [4.8, 4.0, 3.0]})
SURVEY = pd.DataFrame({"attr_ease": [2, 3, 3, 2], "attr_speed": [3, 4, 3, 4]})
REVIEWS = pd.DataFrame({
    "platform": ["App Store"] * 6 + ["Google Maps"] * 4,
    "posted_at": pd.to_datetime(["2026-01-03", "2026-01-09", "2026-02-02", "2026-02-11",
                                 "2026-03-04", "2026-03-05", "2026-01-07", "2026-02-08",
                                 "2026-03-01", "2026-03-09"]),
    "rating": [1, 2, 1, 4, 1, 2, 5, 4, 5, 3],
    "text": ["Awful."] * 3 + ["Good."] + ["Terrible."] * 2 + ["Great."] * 3 + ["Okay."],
    "touchpoint": ["App account"] * 4 + ["SIM activation"] * 2 + ["Store visit"] * 3 + [None]})


def test_promise_gap_draws_one_dumbbell_per_rated_promise():
    gaps = promise.promise_gaps(PROMISES, SURVEY, min_answers=1)
    fig = charts.promise_gap(gaps.table, title="Customers rate ease 2.3 points below leadership")
    render(fig)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Speed", "Ease"]  # largest on top
    assert title(fig) == "Customers rate ease 2.3 points below leadership"
    assert any(t.get_text() == "gap 2.3" for t in ax.texts)


def test_review_exhibits_render_with_their_numbers():
    summary = reviews.rating_summary(REVIEWS)
    bars = charts.star_distribution(summary.distribution)
    render(bars)
    assert [t.get_text() for t in bars.axes[0].texts if t.get_text().endswith("%")][:2] == [
        "30%", "20%"]  # 3 one-star and 2 two-star reviews of 10
    trend = charts.rating_trend(reviews.monthly_ratings(REVIEWS), title="Ratings by month")
    render(trend)
    assert title(trend) == "Ratings by month"
    # the whole 1-5 scale, never an axis cut to make a tenth of a star look like a collapse
    stars = trend.axes[0]
    assert stars.get_ylim()[0] == 1 and stars.get_ylim()[1] >= 5
    assert "95% range" in [t.get_text() for t in stars.get_legend().get_texts()]
    complaints = charts.complaint_touchpoints(
        reviews.complaint_touchpoints(REVIEWS, min_reviews=3).table)
    render(complaints)
    assert len(complaints.axes) == 2
    assert [t.get_text() for t in complaints.axes[0].get_yticklabels()] == [
        "Store visit", "SIM activation", "App account"]


def test_empty_inputs_give_a_message_instead_of_a_broken_chart():
    empty = promise.promise_gaps(PROMISES, pd.DataFrame({"attr_other": [1]})).table
    fig = charts.promise_gap(empty)
    assert any("rated none" in t.get_text() for t in fig.axes[0].texts)
    assert isinstance(charts.complaint_touchpoints(pd.DataFrame()), Figure)
