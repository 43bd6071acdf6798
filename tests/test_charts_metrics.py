"""Step 7 exhibits: each returns one pyplot-free Figure with one mark per row of its frame."""
from __future__ import annotations

import io

import matplotlib as mpl

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from cxlib import charts
from cxlib.report import theme


@pytest.fixture(autouse=True)
def _no_pyplot_figures():
    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before  # built without pyplot: nothing for the inline backend


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    return buffer.getvalue()


def _points(ax) -> int:
    return sum(len(c.get_offsets()) for c in ax.collections if hasattr(c, "get_offsets")
               and c.__class__.__name__ == "PathCollection")


TREND = pd.DataFrame({
    "period": pd.date_range("2025-11-01", periods=4, freq="MS"),
    "n": [120, 0, 140, 130],
    "nps": [20.0, np.nan, 24.0, 27.0],
    "low": [12.0, np.nan, 16.0, 19.0],
    "high": [28.0, np.nan, 32.0, 35.0],
})

GROUPS = pd.DataFrame({
    "group": ["Business", "Consumer", "Prepaid"], "n": [300, 1200, 400],
    "nps": [35.0, 24.0, 5.0], "low": [28.0, 21.0, -2.0], "high": [42.0, 27.0, 12.0],
    "rest_nps": [20.0, 22.0, 27.0], "diff": [15.0, 2.0, -22.0], "z": [3.1, 0.8, -4.4],
    "p_value": [0.002, 0.42, 0.0001], "q_value": [0.003, 0.42, 0.0003],
    "significant": [True, False, True],
})

DRIVERS = pd.DataFrame({
    "driver": ["attr_ease", "attr_speed", "attr_price", "attr_app"],
    "label": ["Ease", "Speed", "Price", "App"],
    "weight": [0.20, 0.10, 0.06, 0.04], "low": [0.16, 0.07, 0.04, 0.02],
    "high": [0.24, 0.13, 0.08, 0.06], "share": [50.0, 25.0, 15.0, 10.0],
    "performance": [3.1, 3.8, 3.4, 4.1],
    "quadrant": ["Fix first", "Keep it up", "Lower priority", "Possible overkill"],
})

AUC = pd.DataFrame({
    "metric": ["nps", "csat", "ces"], "n": [900, 880, 700], "auc": [0.68, 0.55, 0.61],
    "low": [0.64, 0.51, 0.56], "high": [0.72, 0.59, 0.66],
    "revenue_rho": [0.2, 0.1, 0.15], "revenue_p": [0.01, 0.2, 0.05],
})

BANDS = pd.DataFrame({"band": ["detractor", "passive", "promoter"], "customers": [200, 300, 500],
                      "churned": [50, 30, 25], "churn_rate": [0.25, 0.10, 0.05]})

TENS = pd.DataFrame({
    "unit": [f"A{i:02d}" for i in range(20)], "n": [100] * 20,
    "tens": [55, 50] + [10] * 18, "share_tens": [55.0, 50.0] + [10.0 - i * 0.1 for i in range(18)],
    "peer_share": [12.0] * 20, "p_value": [1e-6, 1e-5] + [0.8] * 18,
    "q_value": [1e-5, 1e-4] + [0.9] * 18, "flagged": [True, True] + [False] * 18,
})

THEMES = pd.DataFrame({
    "group": ["promoter"] * 3 + ["passive"] * 3 + ["detractor"] * 3,
    "theme": ["Waiting", "Staff", "Price"] * 3, "comments": [100] * 9,
    "mentions": [5, 40, 10, 20, 20, 20, 45, 10, 30],
    "share": [5.0, 40.0, 10.0, 20.0, 20.0, 20.0, 45.0, 10.0, 30.0],
    "mean_sentiment": [0.1] * 9,
})


def test_nps_trend_draws_one_bar_per_period_and_one_line_point_per_period():
    fig = charts.nps_trend(TREND, title="NPS rose seven points")
    ax, bars = fig.axes
    assert isinstance(fig, Figure)
    assert len(bars.patches) == 4
    assert len(ax.lines[0].get_xdata()) == 4
    assert ax.get_title(loc="left") == "NPS rose seven points"


def test_group_nps_draws_one_dot_per_group_and_colours_significant_ones():
    fig = charts.group_nps(GROUPS, overall=22.0)
    ax = fig.axes[0]
    assert _points(ax) == 3
    colours = {tuple(np.round(c, 3)) for c in ax.collections[-1].get_facecolors()}
    assert len(colours) == 3  # higher, lower, not different
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Prepaid", "Consumer", "Business"]


def test_driver_quadrant_labels_every_driver():
    fig = charts.driver_quadrant(DRIVERS)
    ax = fig.axes[0]
    assert _points(ax) == 4
    texts = {t.get_text() for t in ax.texts}
    assert {"Ease", "Speed", "Price", "App", "FIX FIRST", "KEEP IT UP"} <= texts


def test_driver_importance_draws_bars_sorted_largest_on_top():
    fig = charts.driver_importance(DRIVERS)
    ax = fig.axes[0]
    assert len(ax.patches) == 4
    assert [t.get_text() for t in ax.get_yticklabels()] == ["App", "Price", "Speed", "Ease"]


def test_churn_auc_draws_one_bar_per_metric_and_the_coin_flip_line():
    fig = charts.churn_auc(AUC)
    ax = fig.axes[0]
    assert len(ax.patches) == 3
    assert any(list(line.get_xdata()) == [0.5, 0.5] for line in ax.lines)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["CSAT", "CES", "NPS"]


def test_churn_bands_label_each_bar_with_its_rate():
    fig = charts.churn_bands(BANDS)
    ax = fig.axes[0]
    assert len(ax.patches) == 3
    assert {"25%", "10%", "5%"} <= {t.get_text() for t in ax.texts}


def test_tens_share_shows_the_top_units_with_flagged_ones_in_the_accent_colour():
    fig = charts.tens_share(TENS, top=15)
    ax = fig.axes[0]
    assert len(ax.patches) == 15
    accent = np.round(mpl_rgba(theme.brand().accent), 3)
    in_accent = [p for p in ax.patches if np.allclose(np.round(p.get_facecolor(), 3), accent)]
    assert len(in_accent) == 2


def test_theme_share_draws_themes_times_groups_bars():
    fig = charts.theme_share(THEMES)
    ax = fig.axes[0]
    assert len(ax.patches) == 3 * 2
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Promoters", "Detractors"]


def test_score_distribution_draws_eleven_bars_and_states_the_nps():
    # 3 promoters, 1 passive, 1 detractor -> NPS (3 - 1) / 5 = +40
    fig = charts.score_distribution(pd.Series([10, 9, 9, 8, 2, None]))
    ax = fig.axes[0]
    assert len(ax.patches) == 11
    assert any("NPS +40" in t.get_text() for t in ax.texts)


def test_an_empty_frame_gives_a_message_not_an_error():
    fig = charts.group_nps(GROUPS.iloc[0:0])
    assert any("No group" in t.get_text() for t in fig.axes[0].texts)


def test_charts_export_svg_with_their_words_as_text():
    # text, not glyph outlines: the PDF keeps chart words searchable, and renders them faster
    with mpl.rc_context(theme.rc()):  # as in a notebook after report.setup()
        svg = _svg(charts.churn_bands(BANDS))
    assert svg.lstrip().startswith("<?xml") and "<text" in svg and "DejaVu Sans" in svg


def _words(fig: Figure) -> str:
    """Every word a chart prints: titles, labels, tick labels, annotations and legends."""
    fig.draw_without_rendering()
    return " ".join(t.get_text() for t in fig.findobj(mpl.text.Text))


def test_step_7_charts_say_their_methods_in_plain_words():
    from cxlib.wording import method_words

    figures = [charts.nps_trend(TREND), charts.group_nps(GROUPS, overall=22.0), charts.driver_quadrant(DRIVERS),
               charts.driver_importance(DRIVERS), charts.churn_auc(AUC), charts.tens_share(TENS),
               charts.score_distribution(pd.Series([10, 9, 2]))]
    for fig in figures:
        words = _words(fig)
        assert not method_words(words), (method_words(words), words)
        assert "n = " not in words


def test_the_quadrant_shows_the_whole_rating_scale_and_each_importance_range():
    fig = charts.driver_quadrant(DRIVERS)
    ax = fig.axes[0]
    low, high = ax.get_ylim()
    assert low <= 1 and high >= 5  # 3.1 against 4.1 is not stretched across the whole chart
    # one whisker per driver: Ease's 0.16-0.24 weight is 40%-60% of the explained share (scale 50 / 0.20)
    whiskers = [c for c in ax.collections if c.__class__.__name__ == "LineCollection"]
    segments = whiskers[0].get_segments()
    assert len(segments) == 4
    assert segments[0][:, 0].tolist() == pytest.approx([40.0, 60.0])


def test_the_forest_plot_legend_sits_under_the_axis_not_on_the_labels():
    fig = charts.group_nps(GROUPS, overall=22.0)
    assert fig.axes[0].get_legend() is None and len(fig.legends) == 1


def mpl_rgba(colour: str):
    from matplotlib.colors import to_rgba

    return to_rgba(colour)
