"""Step 4 exhibits: pyplot-free Figures with one mark per row, and a message when empty."""
import io

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from test_omnichannel_continuity import INTERACTIONS as SWITCHING
from test_omnichannel_continuity import SURVEY

from cxlib.charts import omnichannel as charts
from cxlib.omnichannel.continuity import switch_continuity


@pytest.fixture(autouse=True)
def _no_pyplot_figures():
    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before


def _texts(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")  # renders without error
    return " ".join([t.get_text() for ax in fig.axes for t in ax.texts]
                    + [ax.get_title(loc) for ax in fig.axes for loc in ("left", "center")])


def _bars(ax) -> int:
    """Horizontal bars drawn with a length."""
    return sum(1 for p in ax.patches if p.get_width() > 0)


PREFERENCE = pd.DataFrame({
    "age_band": ["18-24", "18-24", "65+", "65+"], "generation": ["Gen Z", "Gen Z", "Boomers", "Boomers"],
    "label": ["18-24 · Gen Z", "18-24 · Gen Z", "65+ · Boomers", "65+ · Boomers"],
    "channel": ["app", "phone", "app", "phone"], "contacts": [8, 2, 1, 9],
    "band_contacts": [10, 10, 10, 10], "share": [0.8, 0.2, 0.1, 0.9]})
PRESENCE = pd.DataFrame({
    "channel": ["chat", "store", "whatsapp"], "label": ["Chat", "Store", "WhatsApp"],
    "offered": [True, True, False], "contacts": [6, 3, 1], "usage_share": [0.6, 0.3, 0.1],
    "investment_share": [0.2, 0.8, 0.0], "gap": [0.4, -0.5, 0.1], "ratio": [3, 0.375, np.nan],
    "unanswered_share": [0, 0, 1], "resolved_share": [0.8, 0.9, 0]})
SPEED = pd.DataFrame({
    "channel": ["email", "chat", "social"], "label": ["Email", "Chat", "Social media"],
    "contacts": [4, 3, 2], "answered": [3, 3, 2], "unanswered_share": [0.25, 0, 0],
    "median_minutes": [60, 1.5, 1050], "target_minutes": [60, 2, 1440],
    "target_set": [True, True, False], "in_time": [1, 2, 1], "in_time_share": [0.25, 2 / 3, 0.5],
    "low": [0.05, 0.2, 0.1], "high": [0.7, 0.94, 0.9], "median_over_target": [1, 0.75, 0.73]})


def test_heatmap_has_one_cell_label_per_band_and_channel():
    fig = charts.preference_heatmap(PREFERENCE, title="Gen Z reach us by app")
    text = _texts(fig)
    # channels ordered by contacts overall (phone 11, app 9), bands youngest first
    assert [t.get_text() for t in fig.axes[0].texts[:4]] == ["20%", "80%", "90%", "10%"]
    assert "Gen Z reach us by app" in text


def test_usage_against_budget_draws_two_bars_per_channel_and_names_gaps():
    fig = charts.usage_vs_budget(PRESENCE, title="Chat is under-funded")
    ax = fig.axes[0]
    assert _bars(ax) == 5  # WhatsApp has no budget bar
    notes = [t.get_text() for t in ax.texts]
    assert "40 points under-funded" in notes and "50 points over-funded" in notes
    assert any("not offered" in t.get_text() for t in ax.get_yticklabels())


def test_speed_bars_flag_the_channel_under_half_in_time():
    fig = charts.answered_in_time(SPEED, title="Email is slow")
    ax = fig.axes[0]
    assert _bars(ax) == 3
    assert any(t.get_text().startswith("25%   median 60 min · target 60 min") for t in ax.texts)
    assert any("(default)" in t.get_text() for t in ax.texts)


def test_cost_of_repeating_has_three_panels():
    fig = charts.cost_of_repeating(switch_continuity(SWITCHING, SURVEY, min_group=2), title="Repeating costs")
    panels = [ax for ax in fig.axes if ax.axison]
    assert len(panels) == 3
    assert panels[0].title.get_text().startswith("Contacts resolved")


def test_effort_and_convenience_charts_draw_one_mark_per_channel():
    effort = pd.DataFrame({"channel": ["phone", "chat"], "label": ["Phone", "Chat"], "n": [40, 40],
                           "mean": [5.1, 4.6], "low": [4.8, 4.3], "high": [5.4, 4.9],
                           "share_easy": [0.7, 0.6]})
    fig = charts.effort_by_channel(effort, title="Effort", overall=4.85)
    assert len(fig.axes[0].collections[-1].get_offsets()) == 2
    index = pd.DataFrame({"channel": ["phone", "chat"], "label": ["Phone", "Chat"], "contacts": [5, 5],
                          "in_time": [1, 0.6], "resolved": [1, 0.6], "easy": [1, 0.5],
                          "continuous": [np.nan, 0.8], "parts": [3, 4], "index": [100, 62.5]})
    fig = charts.convenience_index(index, title="Phone is the most convenient")
    assert _bars(fig.axes[0]) == 2
    assert "100  (3 of 4 parts)" in [t.get_text() for t in fig.axes[0].texts]


@pytest.mark.parametrize("build, frame", [
    (charts.preference_heatmap, PREFERENCE.iloc[0:0]), (charts.usage_vs_budget, PRESENCE.iloc[0:0]),
    (charts.answered_in_time, SPEED.iloc[0:0])])
def test_empty_input_gives_a_message_not_an_error(build, frame):
    fig = build(frame, title="Nothing")
    assert isinstance(fig, Figure) and fig.axes[0].texts
