"""Attribute benchmark: latest measurement per source, gaps to each competitor and the best, trend."""
from __future__ import annotations

import pandas as pd
import pytest

from cxlib.competition.benchmark import (
    benchmark,
    benchmark_trend,
    latest_scores,
    round_score,
    standing,
)


def _rows(rows, source="Panel", measured_at="2026-04-15"):
    return pd.DataFrame([{"brand": b, "attribute": a, "score": s, "source": source,
                          "measured_at": measured_at} for b, a, s in rows])


@pytest.fixture
def scores() -> pd.DataFrame:
    # ease: Us 5, A 8, B 6 -> best A, gap -3, we rank 3rd of 3.
    # reliability: Us 8, A 7, B 7.5 -> best B, gap +0.5, we rank 1st.
    return _rows([("Us", "ease", 5.0), ("A", "ease", 8.0), ("B", "ease", 6.0),
                  ("Us", "reliability", 8.0), ("A", "reliability", 7.0), ("B", "reliability", 7.5)])


def test_round_score_rounds_halves_up():
    assert round_score([7.15, 7.25, 7.05, 6.94]).tolist() == [7.2, 7.3, 7.1, 6.9]


def test_standing_puts_a_gap_in_words_without_a_sign():
    assert standing(-3.6) == "3.6 points behind" and standing(0.8, "Orbit") == "0.8 points ahead of Orbit"
    assert standing(-0.01, "Orbit") == "level with Orbit" and standing(-1.0) == "1.0 point behind"


def test_latest_measurement_per_source_then_the_mean_across_sources():
    data = pd.concat([
        _rows([("Us", "ease", 6.0)], "Panel", "2026-01-15"),
        _rows([("Us", "ease", 7.0)], "Panel", "2026-04-15"),   # the panel's latest
        _rows([("Us", "ease", 8.0)], "Report", "2026-02-15"),  # the report's latest
    ])
    row = latest_scores(data).iloc[0]
    assert row["score"] == pytest.approx(7.5)  # (7.0 + 8.0) / 2, the January 6.0 is ignored
    assert row["sources"] == 2 and row["measured_at"] == pd.Timestamp("2026-04-15")


def test_gap_to_the_best_competitor_and_rank(scores):
    bench = benchmark(scores, "Us")
    table = bench.table.set_index("attribute")
    assert table.loc["ease", ["best_competitor", "best_score", "gap", "rank"]].tolist() == ["A", 8.0, -3.0, 3]
    assert table.loc["reliability", ["best_competitor", "gap", "rank"]].tolist() == ["B", 0.5, 1]
    assert bench.leading["attribute"].tolist() == ["reliability"]
    assert bench.trailing["attribute"].tolist() == ["ease"]
    assert list(bench.scores.columns) == ["Us", "A", "B"]  # client first, then by mean score


def test_gaps_against_each_competitor(scores):
    gaps = benchmark(scores, "Us").gaps
    assert gaps.loc["ease"].to_dict() == {"A": -3.0, "B": -1.0, "Best competitor": -3.0}
    assert gaps.loc["reliability"].to_dict() == {"A": 1.0, "B": 0.5, "Best competitor": 0.5}


def test_headline_and_titles(scores):
    bench = benchmark(scores, "Us")
    assert bench.headline().startswith(
        "Of the 2 attributes compared, Us leads most on reliability (8.0 against 7.5 for B, 0.5 points ahead) "
        "and trails most on ease (5.0 against 8.0 for A, 3.0 points behind)")
    assert "one source, latest measurement 15 Apr 2026" in bench.headline()
    assert bench.title() == "Us leads on reliability but trails most on ease"
    assert bench.gap_title() == "A is ahead of Us on 1 of 2 attributes"


def test_client_spelling_is_forgiven_but_absence_is_an_error(scores):
    assert benchmark(scores, "  us ").client == "Us"
    with pytest.raises(ValueError, match="does not appear"):
        benchmark(scores, "Northstar Mobile")


def test_a_level_score_is_neither_a_lead_nor_a_gap():
    bench = benchmark(_rows([("Us", "price", 6.0), ("A", "price", 6.0)]), "Us")
    assert bench.leading.empty and bench.trailing.empty


def test_trend_follows_the_gap_wave_by_wave():
    data = pd.concat([
        _rows([("Us", "ease", 6.0), ("A", "ease", 7.0), ("Us", "staff", 7.0), ("A", "staff", 6.5)],
              measured_at="2026-01-15"),
        _rows([("Us", "ease", 5.0), ("A", "ease", 8.0), ("Us", "staff", 7.0), ("A", "staff", 6.0)],
              measured_at="2026-04-15"),
    ])
    trend = benchmark_trend(data, "Us")
    assert trend.waves == 2
    # ease: -1.0 -> -3.0 (change -2.0); staff: +0.5 -> +1.0 (change +0.5): ease moved most.
    first = trend.changes.iloc[0]
    assert first[["attribute", "first_gap", "last_gap", "change"]].tolist() == ["ease", -1.0, -3.0, -2.0]
    # the widening is the difference of the gaps as shown: 3.0 - 1.0 = 2.0
    assert trend.headline() == ("On ease, Us went from 1.0 point behind the best competitor in Jan 2026 to 3.0 "
                                "points behind A in Apr 2026: the gap widened by 2.0 points over 2 waves of "
                                "measurement.")
    assert trend.title() == "The ease gap to the best competitor widened by 2.0 points over 2 waves"


def test_trend_averages_sources_within_a_wave():
    data = pd.concat([_rows([("Us", "ease", 6.0), ("A", "ease", 7.0)], "Panel", "2026-01-10"),
                      _rows([("Us", "ease", 5.0), ("A", "ease", 6.4)], "Report", "2026-01-20")])
    table = benchmark_trend(data, "Us").table
    # One wave (January): Us (6.0 + 5.0) / 2 = 5.5, A (7.0 + 6.4) / 2 = 6.7, gap -1.2.
    assert table[["client", "best_score", "gap"]].iloc[0].tolist() == pytest.approx([5.5, 6.7, -1.2])


def test_a_single_wave_has_no_trend(scores):
    trend = benchmark_trend(scores, "Us")
    assert trend.waves == 1 and trend.changes.empty
    assert "single measurement wave" in trend.headline()


def test_a_benchmark_of_the_client_alone_has_no_gaps():
    bench = benchmark(_rows([("Us", "ease", 6.0)]), "Us")
    assert bench.table["best_competitor"].isna().all() and bench.table["gap"].isna().all()
    assert bench.leading.empty and bench.trailing.empty
