"""Step 5 exhibits: each returns one pyplot-free Figure with the marks of its frame."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from cxlib.charts import empathy as exhibits
from cxlib.empathy import messaging, support


@pytest.fixture(autouse=True)
def _no_pyplot_figures():
    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before


def _texts(fig: Figure) -> str:
    ax = fig.axes[0]
    return " ".join([t.get_text() for t in ax.texts] + [t.get_text() for t in ax.get_yticklabels()]
                    + [ax.get_title(loc="left")])


def test_choice_comparison_labels_both_totals():
    fig = exhibits.choice_comparison(messaging.worked_example(), title="A vs B")
    text = _texts(fig)
    assert "100/100" in text and "4/100" in text and "A vs B" in text


def test_hero_by_channel_draws_one_dot_per_asset():
    assets = pd.DataFrame({"channel": ["web", "web", "app"], "hero_score": [10.0, 10.0, 90.0],
                           "orientation": ["company", "company", "customer"]})
    fig = exhibits.hero_by_channel(assets, title="t")
    dots = sum(len(c.get_offsets()) for c in fig.axes[0].collections)
    assert dots == 3
    assert "app (1)" in _texts(fig) and "web (2)" in _texts(fig)


def test_empathy_moves_and_csat_levels():
    shares = pd.DataFrame({"move": ["Acknowledges", support.FULL], "replies": [10, 10],
                           "with_move": [6, 3], "share": [60.0, 30.0]})
    assert "30%  (3)" in _texts(exhibits.empathy_moves(shares, title="t"))
    levels = pd.DataFrame({"level": [support.NONE, support.FULL], "rated": [50, 40],
                           "csat": [3.2, 4.1], "low": [3.0, 3.9], "high": [3.4, 4.3]})
    assert "4.1  (40 tickets)" in _texts(exhibits.csat_by_empathy(levels, title="t"))


def test_agent_ranking_shows_the_raw_leader_even_outside_the_top():
    table = pd.DataFrame({"agent_id": ["A", "B", "C"], "replies": [50, 40, 2],
                          "raw_score": [80.0, 60.0, 100.0], "shrunk_score": [78.0, 59.0, 58.0],
                          "raw_rank": [2, 3, 1], "rank": [1, 2, 3]})
    text = _texts(exhibits.agent_ranking(table, team_mean=55, top=1, title="t"))
    assert "1. A  (50 replies)" in text and "3. C  (2 replies)" in text and "B" not in text.split()


def test_first_response_and_reply_tone():
    speed = pd.DataFrame({"channel": ["chat", "email"], "tickets": [10, 10], "answered": [10, 9],
                          "target_minutes": [2.0, 240.0], "median_minutes": [3.0, 480.0], "share": [40.0, 10.0]})
    text = _texts(exhibits.first_response(speed, title="t"))
    assert "40% within 2 min · median wait 3 min  (10 tickets)" in text and "median wait 8 h" in text
    voice = pd.DataFrame({"channel": ["chat", "email", "web"], "replies": [30, 30, None],
                          "reply_tone": [0.3, -0.2, np.nan], "reply_tone_low": [0.2, -0.3, np.nan],
                          "reply_tone_high": [0.4, -0.1, np.nan], "colder": [False, True, False]})
    text = _texts(exhibits.reply_tone(voice, title="t"))
    assert "\u22120.20  (30 replies)" in text and "web" not in text


@pytest.mark.parametrize("build, frame", [
    (exhibits.choice_comparison, pd.DataFrame()),
    (exhibits.hero_by_channel, pd.DataFrame(columns=["channel", "hero_score", "orientation"])),
    (exhibits.empathy_moves, pd.DataFrame()),
    (exhibits.csat_by_empathy, pd.DataFrame()),
    (exhibits.first_response, pd.DataFrame()),
    (exhibits.reply_tone, pd.DataFrame(columns=["channel", "replies", "reply_tone"])),
])
def test_empty_input_gives_a_message_not_an_error(build, frame):
    fig = build(frame, title="Nothing here")
    assert isinstance(fig, Figure) and fig.axes[0].texts
