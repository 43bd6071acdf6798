"""Step 1 exhibits: one pyplot-free Figure each, one mark per practice, titles as given."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from cxlib.charts import obsession as charts


@pytest.fixture(autouse=True)
def _no_pyplot_figures():
    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before


GAP = pd.DataFrame({
    "practice": ["social_monitoring", "personalize", "reduce_jargon", "over_deliver"],
    "label": ["Social monitoring", "Personalize", "Reduce jargon", "Over-deliver and delight"],
    "self_score": [5.0, 3.0, 4.0, np.nan],
    "evidence": [2.2, 3.1, np.nan, 3.0],
    "low": [2.0, np.nan, np.nan, 2.9], "high": [2.4, np.nan, np.nan, 3.1],
    "gap": [2.8, -0.1, np.nan, np.nan],
    "status": ["Overconfident", "In line", "Not measured", "Not rated"],
})


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_say_do_gap_draws_one_row_per_practice_and_flags_overconfidence():
    fig = charts.say_do_gap(GAP, title="Leadership overrates social monitoring")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "Social monitoring" and len(labels) == 4  # largest gap on top
    texts = _texts(fig)
    assert "Leadership overrates social monitoring" in texts
    assert "+2.8" in texts and "\u22120.1" in texts
    assert "not measured" in texts and "not self-assessed" in texts


def test_say_do_gap_without_any_score_says_so():
    empty = GAP.assign(self_score=np.nan, evidence=np.nan)
    fig = charts.say_do_gap(empty, title="Nothing")
    assert "No practice has a self-assessment or evidence." in _texts(fig)


def test_priority_matrix_numbers_the_first_moves():
    table = pd.DataFrame({
        "label": ["Seamless transitions", "Simplify every contact", "Social monitoring", "Personalize"],
        "impact": [41.0, 41.0, 14.0, 6.0], "room": [1.9, 1.4, 2.8, 2.0], "rank": [1, 2, 3, 4],
        "status": ["Overconfident", "In line", "Overconfident", "In line"],
        "verified": [True] * 4})
    fig = charts.priority_matrix(table, title="Start with seamless transitions")
    texts = _texts(fig)
    assert {"1", "2", "3"} <= set(texts) and "4" not in texts
    assert all(label in texts for label in table["label"])
    assert sum(len(c.get_offsets()) for c in fig.axes[0].collections) == 4


def test_maturity_scale_marks_the_score_on_the_four_bands():
    fig = charts.maturity_scale(57.6, title="Competent")
    texts = _texts(fig)
    assert {"Ignoring", "Novice", "Competent", "Mature"} <= set(texts)
    assert "58" in texts


def test_first_moves_without_impact_draw_the_gap_to_best_practice():
    from cxlib.obsession.priorities import Priorities

    table = pd.DataFrame({"label": ["Social monitoring", "Over-deliver and delight"], "impact": [np.nan] * 2,
                          "room": [2.2, 0.9], "rank": [1, 2], "first": [True, False],
                          "status": ["Overconfident", "Too modest"]})
    fig = charts.first_moves_of(Priorities(table, weighted=False), title="Start with social monitoring")
    texts = _texts(fig)
    assert "Start with social monitoring" in texts and "2.2" in texts and "0.9" in texts
    assert "The first move in the darker colour; the link to NPS could not be read" in texts
    ticks = {t.get_text(): t.get_position()[1] for t in fig.axes[0].get_yticklabels()}
    assert ticks["Social monitoring"] > ticks["Over-deliver and delight"]  # the first move on top
    assert fig.axes[0].get_xlim()[0] == 0                                 # bars start at 0


def test_first_moves_with_impact_draw_the_matrix():
    from cxlib.obsession.priorities import Priorities

    table = pd.DataFrame({"label": ["Seamless transitions", "Personalize"], "impact": [41.0, 6.0],
                          "room": [1.9, 2.0], "rank": [1, 2], "status": ["Overconfident", "In line"],
                          "verified": [True, True]})
    fig = charts.first_moves_of(Priorities(table), title="Start")
    assert fig.axes[0].get_ylabel() == "Link to NPS: share of what the ratings explain"
    assert fig.axes[0].get_xlabel() == "Room to improve: 5 minus the evidence score (points of 5)"
    # the full scale of room to improve, 0 (best practice) to 4, and the link from 0%
    assert fig.axes[0].get_xlim() == (0, 4) and fig.axes[0].get_ylim()[0] == 0


def test_the_priority_matrix_names_a_tight_cluster_without_overlap():
    # the demo's cluster: five practices within 0.4 of room and 2 points of link, plus the first moves
    table = pd.DataFrame({
        "label": ["Seamless transitions", "Simplify every contact", "Social monitoring", "Omnichannel convenience",
                  "Educate and retrain", "Reduce jargon", "Consistent experience", "Over-deliver and delight",
                  "Hire for the mindset", "Personalize"],
        "impact": [40.8, 40.8, 13.8, 27.3, 16.1, 16.7, 17.8, 16.7, 16.1, 5.7],
        "room": [1.9, 1.4, 3.0, 1.5, 2.2, 2.0, 1.8, 1.9, 1.8, 2.0], "rank": list(range(1, 11)),
        "first": [True] * 3 + [False] * 7,
        "status": ["Overconfident", "In line", "Overconfident"] + ["In line"] * 7})
    fig = charts.priority_matrix(table, title="Start with seamless transitions")
    fig.draw_without_rendering()
    ax = fig.axes[0]
    names = [t for t in ax.texts if t.get_text() in set(table["label"])]
    assert sorted(t.get_text() for t in names) == sorted(table["label"])      # every practice is named
    boxes = [Text.get_window_extent(t) for t in names]                        # the words, not the line to them
    for i, a in enumerate(boxes):
        assert ax.get_window_extent().contains(a.x0, a.y0) and ax.get_window_extent().contains(a.x1, a.y1)
        for j, b in enumerate(boxes[i + 1:], i + 1):
            assert not a.overlaps(b), (names[i].get_text(), names[j].get_text())
    # no name covers a point: each marker centre lies outside every name's box
    centres = ax.transData.transform(table[["room", "impact"]].to_numpy(dtype=float))
    for box, name in zip(boxes, names):
        assert not any(box.contains(cx, cy) for cx, cy in centres), name.get_text()
    legend = ax.get_legend().get_window_extent()
    assert not any(box.overlaps(legend) for box in boxes)
