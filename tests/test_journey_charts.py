"""Step 3 journey exhibits on the demo journey: each renders, laid out without warnings."""
from __future__ import annotations

import io
import warnings

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from cxlib.charts import journey as charts
from cxlib.journey import mapping, moments, paths


@pytest.fixture(autouse=True)
def _no_pyplot_figures():
    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before


def render(fig: Figure) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(io.StringIO(), format="svg")


@pytest.fixture(scope="module")
def events(demo) -> pd.DataFrame:
    return demo["journey"]


def test_journey_map_draws_one_box_per_touchpoint_and_outlines_hot_spots(events):
    result = mapping.journey_map(events)
    fig = charts.journey_map(result.table, result.stages, title="Support is where it is hardest")
    render(fig)
    boxes = [p for p in fig.axes[0].patches if isinstance(p, FancyBboxPatch)]
    assert len(boxes) == len(result.table)
    assert sum(b.get_linewidth() > 0 for b in boxes) == int(result.table["hot_spot"].sum())
    assert fig.axes[0].get_title(loc="left") == "Support is where it is hardest"


def test_reach_transitions_paths_and_moments_render(events, demo):
    reach = mapping.stage_reach(events)
    fig = charts.stage_reach_of(reach)
    render(fig)
    assert any(t.get_text() == "63% go no further" for t in fig.axes[0].texts)
    assert fig.axes[0].get_xlabel() == ("Share of the 1,304 people first seen at awareness by 28 May 2026 who "
                                        "reached the stage")
    heat = charts.transition_heatmap(paths.transition_matrix(events).shares)
    render(heat)
    assert any(t.get_text() == "45%" for t in heat.axes[0].texts)  # 935 of 2,101 moves, no stays
    routes = paths.common_paths(events)
    fig = charts.common_paths(routes.table, reached=routes.reached)
    render(fig)
    assert any("← the textbook path" in t.get_text() for t in fig.axes[0].texts)
    truth = moments.moments_of_truth(events, demo["survey"])
    fig = charts.moments_of_truth(truth.tested)
    render(fig)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[-1] == "SIM activation" and len(labels) == min(10, len(truth.tested))


def test_empty_journey_inputs_give_a_message():
    assert "No touchpoint events" in charts.journey_map(
        pd.DataFrame(columns=mapping.MAP_COLUMNS), pd.DataFrame()).axes[0].texts[0].get_text()
    assert isinstance(charts.moments_of_truth(pd.DataFrame(columns=moments.COLUMNS)), Figure)


def test_journey_map_without_effort_ratings_never_prints_nan():
    # the effort column was blank, so loading dropped it: the stage header shows satisfaction only
    events = pd.DataFrame({"customer_id": ["A", "B"], "occurred_at": pd.Timestamp("2026-01-01"),
                           "stage": "usage", "touchpoint": "App account", "satisfaction": [4, 5]})
    fig = charts.journey_map_of(mapping.journey_map(events))
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "sat 4.5" in texts and not any("nan" in t for t in texts)
