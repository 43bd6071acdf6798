"""The journey map and reach: facts on small hand-made journeys, then the demo's planted truths."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from cxlib.demo import journey as demo_journey
from cxlib.journey import mapping


def events(rows) -> pd.DataFrame:
    """(customer_id, day, stage, touchpoint, satisfaction, effort) rows as a journey frame."""
    frame = pd.DataFrame(rows, columns=["customer_id", "day", "stage", "touchpoint",
                                        "satisfaction", "effort"])
    frame["occurred_at"] = pd.Timestamp("2026-01-01") + pd.to_timedelta(frame.pop("day"), unit="D")
    frame["channel"] = "web"
    frame["satisfaction"] = frame["satisfaction"].astype("Int64")
    frame["effort"] = frame["effort"].astype("Int64")
    return frame


def test_mean_interval_is_a_t_interval():
    # mean 2, sd 1, n 3: half-width t(0.975, 2) x 1 / sqrt(3) = 4.3027 / 1.7321 = 2.4841
    mean, low, high, n = mapping.mean_interval(pd.Series([1, 2, 3, None]))
    assert (mean, n) == (2.0, 3)
    assert (low, high) == pytest.approx((2 - 2.4841, 2 + 2.4841), abs=1e-4)


def test_mean_interval_needs_two_values_for_an_interval_and_one_for_a_mean():
    mean, low, high, n = mapping.mean_interval(pd.Series([4]))
    assert (mean, n) == (4.0, 1) and math.isnan(low) and math.isnan(high)
    assert mapping.mean_interval(pd.Series([], dtype=float))[3] == 0


SMALL = events([
    ("A", 0, "onboarding", "SIM activation", 2, 6),
    ("A", 1, "onboarding", "SIM activation", 1, 7),
    ("B", 0, "onboarding", "SIM activation", 4, 4),
    ("B", 2, "usage", "App account", 5, 2),
    ("C", 0, "usage", "App account", 4, None),
    ("C", 1, "usage", "App account", None, None),
    ("C", 3, "awareness", "Search result", 3, 1),
])


def test_journey_map_counts_events_people_and_means_per_touchpoint():
    result = mapping.journey_map(SMALL, min_rated=2)
    table = result.table.set_index("touchpoint")
    sim = table.loc["SIM activation"]
    # 3 events by 2 people; satisfaction (2 + 1 + 4) / 3 = 2.33, one of three is 4-5
    assert (sim["events"], sim["people"], sim["satisfaction_n"]) == (3, 2, 3)
    assert sim["satisfaction"] == pytest.approx(7 / 3)
    assert sim["satisfied_share"] == pytest.approx(100 / 3)
    assert sim["effort"] == pytest.approx(17 / 3)
    app = table.loc["App account"]
    assert (app["events"], app["satisfaction_n"], app["effort_n"]) == (3, 2, 1)
    assert app["satisfaction"] == pytest.approx(4.5)
    # stages come in journey order, whatever the file order
    assert list(result.table["stage"]) == ["awareness", "onboarding", "usage"]


def test_a_hot_spot_needs_low_satisfaction_or_high_effort_on_enough_ratings():
    table = mapping.journey_map(SMALL, min_rated=2).table.set_index("touchpoint")
    assert table.loc["SIM activation", "hot_spot"]      # satisfaction 2.33 < 3, effort 5.67 >= 5
    assert not table.loc["App account", "hot_spot"]     # 4.5 and 2.0
    assert not table.loc["Search result", "hot_spot"]   # 3.0 is not below 3; one rating only
    few = mapping.journey_map(SMALL, min_rated=4).table.set_index("touchpoint")
    assert not few.loc["SIM activation", "hot_spot"]    # 3 ratings < 4


def test_stage_summary_and_overall_satisfied_share():
    result = mapping.journey_map(SMALL, min_rated=2)
    stages = result.stages.set_index("stage")
    assert stages.loc["usage", "events"] == 3 and stages.loc["usage", "people"] == 2
    assert stages.loc["onboarding", "effort"] == pytest.approx(17 / 3)
    assert result.hardest_stage()["stage"] == "onboarding"
    # ratings 2, 1, 4, 5, 4, 3: three of six are 4-5
    assert result.ratings == 6 and result.satisfied_share == pytest.approx(50.0)


def test_no_stage_is_called_hardest_on_fewer_effort_ratings_than_the_minimum():
    # onboarding has 3 effort ratings, the others 1: with the default minimum of 30 none qualifies
    result = mapping.journey_map(SMALL)
    assert result.hardest_stage() is None
    assert result.title() == "The customer journey, stage by stage"
    assert result.headline().startswith("The journey log records 7 events at 3 touchpoints; no stage has 30 "
                                        "effort ratings")


def test_a_rating_dropped_at_load_is_read_as_missing():
    result = mapping.journey_map(SMALL.drop(columns="effort"), min_rated=2)
    assert result.table["effort_n"].sum() == 0 and result.hardest_stage() is None
    assert result.satisfied_share == pytest.approx(50.0)


def test_survey_link_counts_customers_with_a_rated_touchpoint_before_their_answer():
    # A answered on day 5 (A's events on days 0-1 count), B on day 1 (B's day-0 event counts),
    # Z has no events; C is not surveyed
    survey = pd.DataFrame({"customer_id": ["A", "B", "Z"], "nps": [9, 3, 7],
                           "responded_at": pd.Timestamp("2026-01-01") + pd.to_timedelta([5, 1, 1], unit="D")})
    result = mapping.journey_map(SMALL, survey=survey)
    assert (result.surveyed, result.linked) == (3, 2)
    assert mapping.survey_link(SMALL, None) == (None, 0)
    assert mapping.survey_link(SMALL, survey.drop(columns="customer_id")) == (0, 0)


def test_journey_map_refuses_an_empty_journey():
    with pytest.raises(ValueError, match="no events"):
        mapping.journey_map(SMALL.iloc[0:0])


FUNNEL = events([
    ("A", 0, "awareness", "Search result", None, None),
    ("A", 1, "consideration", "Store visit", None, None),
    ("A", 2, "purchase", "Online checkout", None, None),
    ("B", 0, "awareness", "Search result", None, None),
    ("B", 1, "consideration", "Store visit", None, None),
    ("C", 0, "awareness", "Social media ad", None, None),
    ("E", 0, "awareness", "Social media ad", None, None),
    ("E", 1, "purchase", "Online checkout", None, None),   # skips consideration
    ("D", 0, "usage", "App account", None, None),          # not in the cohort
    ("D", 1, "consideration", "Store visit", None, None),
])


def test_stage_reach_follows_the_people_first_seen_at_awareness():
    # A bought after 2 days, E after 1: 9 in 10 of the buyers took ceil(1.9) = 2 days; the log ends
    # on day 2, so everyone first seen on day 0 had the time
    window = mapping.buying_window(FUNNEL, min_buyers=1)
    assert (window.days, window.buyers) == (2, 2)
    reach = mapping.stage_reach(FUNNEL, min_people=1, window=window)
    table = reach.table.set_index("stage")
    assert reach.cohort == 4
    # A, B reach consideration; A, E reach purchase (E skipped consideration); D is left out
    assert table.loc["consideration", "people"] == 2
    assert table.loc["purchase", "share"] == pytest.approx(50.0)
    # of the 4 at awareness, A, B, E went further: 25% dropped
    assert table.loc["awareness", "drop_share"] == pytest.approx(25.0)
    # of A and B at consideration, only A bought: 50% dropped
    assert table.loc["consideration", "drop_share"] == pytest.approx(50.0)
    assert table.loc["consideration", "next_stage"] == "purchase"
    # nobody who bought got to onboarding: the largest drop
    assert table.loc["purchase", "drop_share"] == pytest.approx(100.0)
    assert reach.largest_drop()["stage"] == "purchase"
    assert math.isnan(table.loc["usage", "drop_share"])  # the end of the funnel
    # with the default minimum of 30 people per stage no drop is compared on four people
    assert mapping.stage_reach(FUNNEL, window=window).largest_drop() is None
    assert mapping.entry_cohort(FUNNEL, window=window) == 4
    # with too few buyers to read a window, it is 60 days: nobody in a 2-day log had the time
    assert mapping.buying_window(FUNNEL).days == mapping.DEFAULT_WINDOW_DAYS == 60
    assert mapping.entry_cohort(FUNNEL) == 0


def test_people_first_seen_too_late_to_buy_are_left_out_of_the_funnel():
    # 30 buyers took 10 days each (first seen day 0, bought day 10); 10 people seen on day 0 never
    # bought; 10 more were first seen on day 95 of a log that ends on day 100. 9 in 10 buyers took
    # 10 days or less, so only people first seen by day 90 are followed: 40 of the 50.
    rows = [(f"B{i}", 0, "awareness", "Ad", None, None) for i in range(30)]
    rows += [(f"B{i}", 10, "purchase", "Checkout", None, None) for i in range(30)]
    rows += [(f"N{i}", 0, "awareness", "Ad", None, None) for i in range(10)]
    rows += [(f"L{i}", 95, "awareness", "Ad", None, None) for i in range(10)]
    rows += [("B0", 100, "usage", "App", None, None)]
    journey = events(rows)
    window = mapping.buying_window(journey)
    assert (window.days, window.buyers) == (10, 30)
    assert window.seen_by == pd.Timestamp("2026-01-01") + pd.Timedelta(days=90)
    assert window.basis() == "9 in 10 buyers took 10 days or less"
    reach = mapping.stage_reach(journey, min_people=1)
    assert (reach.cohort, reach.entered) == (40, 50)
    # 30 of the 40 bought: 25% dropped at awareness; counting the 10 latecomers would give 40%
    assert reach.table.set_index("stage").loc["awareness", "drop_share"] == pytest.approx(25.0)
    assert reach.who() == "people first seen at awareness by 1 Apr 2026"


def test_demo_journey_map_finds_support_hardest_and_support_email_lowest(demo):
    truths = demo_journey.TRUTHS
    result = mapping.journey_map(demo["journey"])
    stage = result.hardest_stage()
    assert stage["stage"] == truths.hardest_stage
    assert stage["effort"] == pytest.approx(truths.hardest_stage_effort, abs=0.1)
    lowest = result.table.sort_values("satisfaction").iloc[0]
    assert lowest["touchpoint"] == truths.lowest_rated_touchpoint
    hot = set(result.hot_spots["touchpoint"])
    assert set(truths.hardest_touchpoints) <= hot and truths.worst_moment not in hot
    assert "Support is the hardest stage" in result.headline()


def test_demo_reach_finds_the_consideration_to_purchase_drop(demo):
    # by hand on the demo: 9 in 10 of the 532 buyers first seen at awareness bought within 156 days of
    # being first seen; the log ends 31 Oct 2026 23:47, so the 1,304 of 2,070 people first seen by
    # 28 May 2026 are followed. 958 of them reached consideration and 355 of those went further:
    # 603 / 958 = 62.9% never got to purchase (counting everyone gave 72%, latecomers included).
    truths = demo_journey.TRUTHS
    reach = mapping.stage_reach(demo["journey"])
    assert (reach.window.days, reach.window.buyers) == (156, 532)
    assert (reach.cohort, reach.entered) == (1304, truths.awareness_cohort)
    drop = reach.largest_drop()
    assert (drop["stage"], drop["next_stage"]) == truths.largest_drop
    assert (int(drop["people"]), int(drop["continued"])) == (958, 355)
    assert drop["drop_share"] == pytest.approx(62.9, abs=0.05)
    assert reach.finding().text == (
        "Of the 1,304 people first seen at awareness by 28 May 2026 (in time to buy: 9 in 10 buyers took "
        "156 days or less), the largest drop is at purchase: 63% of the 958 who reached consideration never "
        "reached it or a later stage.")
