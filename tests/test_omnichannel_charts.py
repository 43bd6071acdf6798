"""Step 4 exhibits: pyplot-free Figures with one mark per row, and a message when empty."""
import io
import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from test_omnichannel_continuity import INTERACTIONS as SWITCHING
from test_omnichannel_continuity import SURVEY

from cxlib.charts import omnichannel as charts
from cxlib.omnichannel.continuity import switch_continuity
from cxlib.wording import method_words


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
    fig = charts.usage_vs_budget(PRESENCE, title="Chat handles 60% of contacts on 20% of the budget")
    ax = fig.axes[0]
    assert _bars(ax) == 5  # WhatsApp has no budget bar
    notes = [t.get_text() for t in ax.texts]
    assert "40 points more\ncontacts than budget" in notes and "50 points more\nbudget than contacts" in notes
    assert not any("funded" in n for n in notes)
    assert any("not offered" in t.get_text() for t in ax.get_yticklabels())


def test_speed_bars_flag_the_channel_under_half_in_time():
    fig = charts.answered_in_time(SPEED, title="Email is slow")
    ax = fig.axes[0]
    assert _bars(ax) == 3
    assert any(t.get_text().startswith("25%   median 1 h · target 1 h") for t in ax.texts)
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


def _texts_in_frame_and_apart(fig: Figure) -> list[str]:
    """The chart's texts that run off the figure or overlap another text: the problems a reader sees."""
    from matplotlib.text import Text

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)  # legends and annotations keep where the last drawing (an SVG, at 72 dpi) put them
    frame = fig.bbox.padded(1)
    texts: list[Text] = list(fig.texts)
    for ax in fig.axes:
        texts += [*ax.texts, ax.title, ax._left_title, ax._right_title]
        if ax.axison:  # an axis turned off draws no ticks or labels
            (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
            texts += [t for t in ax.get_xticklabels() if x0 <= t.get_position()[0] <= x1]
            texts += [t for t in ax.get_yticklabels() if y0 <= t.get_position()[1] <= y1]
            texts += [ax.xaxis.label, ax.yaxis.label]
        legend = ax.get_legend()
        texts += legend.get_texts() if legend else []
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_visible() and t.get_text().strip()]
    problems = [f"off the chart: {text!r}" for text, box in boxes
                if not (frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1)]
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            if box_a.overlaps(box_b) and box_a.intersection(box_a, box_b).width > 2 \
                    and box_a.intersection(box_a, box_b).height > 2:
                problems.append(f"{a!r} overlaps {b!r}")
    return problems


def test_cost_of_repeating_states_gaps_with_a_true_minus_from_the_rounded_values():
    result = switch_continuity(SWITCHING, SURVEY, min_group=2)
    fig = charts.cost_of_repeating(result, title=result.title())
    titles = [ax.get_title() for ax in fig.axes if ax.axison]
    # resolved 33% against 75%: 33 - 75 = -42 points; CES 3.0 against 5.5; NPS -100 against +100
    assert titles[0].startswith("Contacts resolved\n\u221242 points (")
    assert titles[1].startswith("Effort (CES, 1-7)\n\u22122.5 (")
    assert titles[2].startswith("NPS\n\u2212200 (")
    assert not re.search(r"(?<![\w.])-\d", _texts(fig))  # no hyphen in front of a number
    assert "within 30 days after the switch" in _texts(fig)


def test_step_4_charts_on_the_demo_keep_their_text_in_frame_and_apart(demo):
    from cxlib import omnichannel

    survey, interactions, channels = demo["survey"], demo["interactions"], demo["channels"]
    effort = omnichannel.effort.effort_by_channel(survey)
    continuity = omnichannel.continuity.switch_continuity(interactions, survey)
    presence = omnichannel.presence.presence_gap(interactions, channels)
    figures = {"effort": charts.channel_effort(effort, title=effort.title()),
               "continuity": charts.cost_of_repeating(continuity, title=continuity.title()),
               "presence": charts.usage_vs_budget(presence.table, title=presence.title())}
    for name, fig in figures.items():
        assert _texts_in_frame_and_apart(fig) == [], name
    # the effort chart shows the whole 1-7 scale and says in words that the channels do not differ
    ax = figures["effort"].axes[0]
    assert ax.get_xlim() == (1, 7)
    assert "within what chance alone produces" in _texts(figures["effort"])
    for fig in figures.values():
        assert method_words(_texts(fig) + " " + " ".join(a.get_xlabel() for a in fig.axes)) == []
