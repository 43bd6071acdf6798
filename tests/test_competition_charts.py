"""Step 2 exhibits: pyplot-free Figures with one mark per row and the seed's references drawn."""
from __future__ import annotations

import io

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from cxlib.charts import competition as exhibits


@pytest.fixture(autouse=True)
def _no_pyplot_figures():
    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before


def _texts(fig: Figure) -> str:
    found = []
    for ax in fig.axes:
        found += [t.get_text() for t in ax.texts] + [ax.get_title(loc="left")]
        found += [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels()]
    return " | ".join(found)


def _renders(fig: Figure) -> None:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    assert buffer.getvalue().startswith("<?xml")


CONSIDERED = pd.DataFrame({"brand": ["Orbit", "Nimbus", "Zenith"], "listed": [True, False, True],
                           "named": [34, 30, 10], "share": [34.0, 30.0, 10.0],
                           "low": [25.0, 22.0, 5.0], "high": [44.0, 40.0, 17.0]})
SCORES = pd.DataFrame({"Us": [5.0, 8.0], "Nimbus": [8.6, 6.6], "Orbit": [6.8, 7.2]},
                      index=pd.Index(["ease", "reliability"], name="attribute"))
GAPS = pd.DataFrame({"Nimbus": [-3.6, 1.4], "Orbit": [-1.8, 0.8], "Best competitor": [-3.6, 0.8]},
                    index=["ease", "reliability"])
TREND = pd.DataFrame({
    "wave": pd.to_datetime(["2025-12-01", "2026-03-01"] * 2),
    "attribute": ["ease", "ease", "reliability", "reliability"], "label": ["Ease"] * 2 + ["Reliability"] * 2,
    "gap": [-2.6, -3.6, 1.0, 0.8]})
PLAN = pd.DataFrame({"label": ["Ease", "Reliability", "Staff"], "importance": [41.0, 18.0, np.nan],
                     "gap": [-3.6, 0.8, 0.7], "best_competitor": ["Nimbus", "Orbit", "Nimbus"],
                     "quadrant": ["Attack first", "Defend the lead", "Importance unknown"]})
CARE = pd.DataFrame({"brand": ["Us", "Nimbus", "Zenith"], "mentions": [1350, 630, 210],
                     "response_rate": [38.0, 80.0, 20.0], "median_minutes": [260.0, 22.0, np.nan],
                     "is_client": [True, False, False]})
TONE = pd.DataFrame({"brand": ["Nimbus", "Us"], "mentions": [630, 1350], "positive": [60.0, 30.0],
                     "neutral": [30.0, 20.0], "negative": [10.0, 50.0], "net": [50.0, -20.0],
                     "is_client": [False, True]})


def test_consideration_bars_and_the_unlisted_brand():
    fig = exhibits.consideration(CONSIDERED, answered=100, title="Nimbus is a competitor you do not list")
    ax = fig.axes[0]
    assert len(ax.patches) == 3
    colours = {tuple(round(c, 3) for c in p.get_facecolor()) for p in ax.patches}
    assert len(colours) == 2  # listed and not listed
    assert "30%  (30 customers)" in _texts(fig) and ax.get_title(loc="left") == "Nimbus is a competitor you do not list"
    assert ax.get_xlabel() == "Share of the customers who answered that name the brand (whiskers: 95% range)"
    _renders(fig)


def test_benchmark_positions_marks_every_brand_and_labels_the_gap():
    fig = exhibits.benchmark_positions(SCORES, "Us", title="Us trails on ease")
    ax = fig.axes[0]
    points = sum(len(c.get_offsets()) for c in ax.collections)
    assert points == 6  # 3 brands x 2 attributes
    text = _texts(fig)
    assert "\u22123.6 vs Nimbus" in text and "+0.8 ahead of Orbit" in text
    assert ax.get_xlim()[0] == 0 and ax.spines["bottom"].get_bounds() == (0, 10)  # the full 0-10 scale
    _renders(fig)


def test_benchmark_markers_of_equal_scores_do_not_hide_one_another():
    # Both competitors score 6.0 on price, level with us: each keeps its own lane, clear of ours.
    scores = pd.DataFrame({"Us": [6.0], "A": [6.0], "B": [6.0]}, index=pd.Index(["price"], name="attribute"))
    ax = exhibits.benchmark_positions(scores, "Us").axes[0]
    ys = sorted(float(c.get_offsets()[0][1]) for c in ax.collections)
    assert len(set(ys)) == 3 and min(abs(y - ys[1]) for y in (ys[0], ys[2])) >= 0.18


def test_labels_do_not_overlap_and_one_that_crosses_the_dashed_line_is_drawn_over_it():
    # Points at 19-21% sit on the 20% line: labels never overlap; one may cross the line, but on a white ground.
    crowded = PLAN.assign(importance=[19.0, 20.5, 21.0], gap=[-1.0, -1.1, -0.9], quadrant="Attack first")
    ax = exhibits.driver_gap(crowded, threshold=20.0).axes[0]
    line_x = ax.transData.transform((20.0, 0))[0]
    labels = [t for t in ax.texts if "(" in t.get_text()]
    assert len(labels) == 3
    boxes = [label.get_window_extent() for label in labels]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    for label, box in zip(labels, boxes):
        assert not box.x0 < line_x < box.x1 or label.get_bbox_patch() is not None, label.get_text()


def test_gap_heatmap_writes_every_gap():
    fig = exhibits.gap_heatmap(GAPS)
    texts = [t.get_text() for t in fig.axes[0].texts if len(t.get_text()) <= 5]  # not the subtitle
    assert sorted(texts) == sorted(["\u22123.6", "\u22121.8", "\u22123.6", "+1.4", "+0.8", "+0.8"])
    _renders(fig)


def test_gap_trend_highlights_the_attribute_that_moved_most():
    fig = exhibits.gap_trend(TREND)
    ax = fig.axes[0]
    widths = [line.get_linewidth() for line in ax.lines if len(line.get_xdata()) == 2]
    assert sorted(widths) == [0.9, 1.3, 2.4]  # zero line, reliability, ease
    bold = next(line for line in ax.lines if line.get_linewidth() == 2.4)
    assert list(bold.get_ydata()) == [-2.6, -3.6]  # ease moved 1.0, reliability 0.2
    assert "Ease \u22123.6" in _texts(fig) and "\u22122.6" in _texts(fig)
    _renders(fig)


def test_driver_gap_leaves_out_attributes_without_importance():
    fig = exhibits.driver_gap(PLAN, threshold=20.0)
    ax = fig.axes[0]
    assert sum(len(c.get_offsets()) for c in ax.collections) == 2
    text = _texts(fig)
    assert "Ease (\u22123.6 vs Nimbus)" in text and "ATTACK FIRST" in text
    _renders(fig)


def test_responsiveness_draws_no_other_industry_reference():
    fig = exhibits.responsiveness(CARE)
    ax = fig.axes[0]
    assert sum(len(c.get_offsets()) for c in ax.collections) == 2  # Zenith has no time
    text = _texts(fig)
    assert "Delta" not in text and "Sephora" not in text and not ax.lines
    assert "Us: 38% in 4 h 20 min" in text
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # fast answers at the top
    _renders(fig)


def test_responsiveness_draws_the_clients_own_benchmark_when_given():
    text = _texts(exhibits.responsiveness(CARE, rate_benchmark=45.0, minutes_benchmark=120.0))
    assert "Industry benchmark: 45% answered" in text and "Industry benchmark: a median of 2 h" in text


def test_mention_tone_stacks_to_one_hundred():
    fig = exhibits.mention_tone(TONE)
    ax = fig.axes[0]
    assert len(ax.patches) == 6
    right = max(p.get_x() + p.get_width() for p in ax.patches)
    assert right == pytest.approx(100)
    assert "net +50" in _texts(fig) and "net \u221220" in _texts(fig) and "1,350 posts" in _texts(fig)
    assert fig.axes[0].get_xlabel() == "Share of the posts about the brand, by tone"  # no method name
    _renders(fig)


@pytest.mark.parametrize("build", [
    lambda: exhibits.consideration(CONSIDERED.iloc[0:0]),
    lambda: exhibits.benchmark_positions(SCORES.iloc[0:0], "Us"),
    lambda: exhibits.gap_heatmap(GAPS.iloc[0:0]),
    lambda: exhibits.gap_trend(TREND.iloc[0:2]),
    lambda: exhibits.driver_gap(PLAN.assign(importance=np.nan)),
    lambda: exhibits.responsiveness(CARE.assign(median_minutes=np.nan)),
    lambda: exhibits.mention_tone(TONE.iloc[0:0]),
])
def test_empty_inputs_give_a_message_not_an_error(build):
    fig = build()
    assert isinstance(fig, Figure) and fig.axes[0].texts
