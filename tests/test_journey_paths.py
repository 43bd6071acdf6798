"""Paths, transitions, moves back and skips: hand-counted journeys, then the demo's truths."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from cxlib.demo import journey as demo_journey
from cxlib.journey import paths


def walk(**people) -> pd.DataFrame:
    """Events from ``A=["awareness", "consideration"]``: one per stage, a day apart."""
    rows = [(person, pd.Timestamp("2026-01-01") + pd.Timedelta(days=i), stage)
            for person, stages in people.items() for i, stage in enumerate(stages)]
    frame = pd.DataFrame(rows, columns=["customer_id", "occurred_at", "stage"])
    return frame.iloc[::-1].reset_index(drop=True)  # file order must not matter


def test_stage_paths_follow_time_and_merge_repeats():
    result = paths.stage_paths(walk(A=["usage", "usage", "support", "usage"], B=["awareness"]))
    assert result["A"] == ("usage", "support", "usage")
    assert result["B"] == ("awareness",)


def test_transition_matrix_counts_moves_not_stays():
    moves = paths.transition_matrix(walk(
        A=["awareness", "consideration", "consideration", "purchase"],
        B=["consideration", "awareness"]))
    # A's path is awareness > consideration > purchase (the repeat is one visit): moves out of
    # consideration are A's to purchase and B's to awareness -> half each, and no stay
    assert moves.counts.loc["consideration", "consideration"] == 0
    assert moves.share("consideration", "purchase") == pytest.approx(50.0)
    assert moves.share("awareness", "consideration") == pytest.approx(100.0)
    assert int(moves.counts.to_numpy().sum()) == 3  # 2 moves for A, 1 for B
    assert list(moves.shares.index) == list(paths.STAGES)
    assert math.isnan(moves.share("onboarding", "support"))  # nobody left onboarding


def test_a_stay_does_not_dilute_the_share_of_a_move():
    # 2 people go onboarding > support, 3 onboarding > usage; 5 more onboarding events are stays.
    # Counting next events would give 2 of 10 = 20% to support; of the 5 moves it is 2 = 40%.
    moves = paths.transition_matrix(walk(A=["onboarding", "onboarding", "support"],
                                         B=["onboarding", "onboarding", "onboarding", "support"],
                                         C=["onboarding", "usage"], D=["onboarding", "onboarding", "usage"],
                                         E=["onboarding", "onboarding", "usage"]))
    assert moves.share("onboarding", "support") == pytest.approx(40.0)
    assert int(moves.counts.loc["onboarding"].sum()) == 5


def test_transition_headline_names_the_detour_and_the_usual_next_stage():
    moves = paths.transition_matrix(walk(A=["onboarding", "support"], B=["onboarding", "support"],
                                         C=["onboarding", "usage"], D=["onboarding", "usage"],
                                         E=["onboarding", "usage"]))
    assert moves.headline("onboarding", "support") == (
        "40% of the moves out of onboarding lead to support (2 of 5 moves); 60% go to usage.")


def test_move_kind_against_the_textbook_order():
    assert paths.move_kind("awareness", "consideration") == "forward"
    assert paths.move_kind("onboarding", "support") == "skip"
    assert paths.move_kind("support", "usage") == "back"
    with pytest.raises(ValueError):
        paths.move_kind("usage", "usage")


def test_path_shapes_share_of_people_going_back_or_skipping():
    shapes = paths.path_shapes(walk(
        A=["awareness", "consideration", "purchase"],   # forward only
        B=["usage", "support", "usage"],                # forward then back
        C=["awareness", "purchase"],                    # skip
        D=["usage"],                                    # no move: not counted
    ))
    assert shapes.people == 3
    assert shapes.linear_share == pytest.approx(100 / 3)
    assert shapes.back_share == pytest.approx(100 / 3)
    assert shapes.skip_share == pytest.approx(100 / 3)
    # 5 moves: aw>co, co>pu, us>su, su>us, aw>pu
    assert shapes.moves["moves"].sum() == 5
    assert shapes.top("back")[["from_stage", "to_stage"]].tolist() == ["support", "usage"]
    table = shapes.moves_table()
    assert set(table["Kind"]) == {"Back", "Skip"}


def test_common_paths_cut_at_first_usage_and_mark_the_textbook():
    result = paths.common_paths(walk(
        A=["awareness", "consideration", "purchase", "onboarding", "usage", "support"],
        B=["awareness", "consideration", "purchase", "onboarding", "usage"],
        C=["awareness", "purchase", "onboarding", "support", "usage"],
        D=["awareness", "consideration"],   # not at usage yet
        E=["usage", "support"],             # did not enter at awareness
    ))
    assert (result.reached, result.not_reached) == (3, 1)
    top = result.table.iloc[0]
    assert top["textbook"] and top["people"] == 2
    assert result.textbook_share == pytest.approx(200 / 3)
    assert result.table.iloc[1]["path"] == (
        "Awareness → Purchase → Onboarding → Support → Usage")


def test_demo_onboarding_moves_go_to_support_44_5_percent(demo):
    # by hand on the demo: of the 2,101 moves out of onboarding (a change of stage; 203 stays are
    # not moves), 935 go to support = 44.5%. Counting stays as moves gave 935 / 2,304 = 40.6%.
    moves = paths.transition_matrix(demo["journey"])
    assert int(moves.counts.loc["onboarding", "support"]) == 935
    assert int(moves.counts.loc["onboarding"].sum()) == 2101
    assert moves.share("onboarding", "support") == pytest.approx(44.5, abs=0.05)
    assert moves.detour() == ("onboarding", "support")
    assert moves.title() == "45% of moves out of onboarding go to support"


def test_demo_paths_are_not_a_line(demo):
    truths = demo_journey.TRUTHS
    shapes = paths.path_shapes(demo["journey"])
    assert shapes.back_share == pytest.approx(100 * truths.back_share, abs=3)
    assert shapes.skip_share == pytest.approx(100 * truths.skip_share, abs=3)
    assert shapes.linear_share == pytest.approx(100 * truths.linear_share, abs=3)
    assert shapes.top("back")[["from_stage", "to_stage"]].tolist() == ["support", "usage"]
    routes = paths.common_paths(demo["journey"])
    assert routes.textbook_share == pytest.approx(100 * truths.textbook_share, abs=4)
    assert routes.table.iloc[0]["textbook"]


def test_titles_state_the_finding_or_fall_back_to_a_neutral_one():
    moves = paths.transition_matrix(walk(A=["onboarding", "support"], B=["onboarding", "usage"]))
    assert moves.title("onboarding", "support") == "50% of moves out of onboarding go to support"
    assert moves.title() == "Where people go next"  # no stage has 30 moves out
    assert paths.transition_matrix(walk(A=["usage", "support"])).title() == "Where people go next"


def test_the_detour_is_the_largest_skip_of_a_stage_with_thirty_moves_out():
    # 30 people: 12 go onboarding -> support (a skip), 18 onboarding -> usage; 5 purchase -> usage
    # (a skip too, but from a stage with only 5 moves out)
    people = {f"P{i}": ["onboarding", "support" if i < 12 else "usage"] for i in range(30)}
    people |= {f"Q{i}": ["purchase", "usage"] for i in range(5)}
    moves = paths.transition_matrix(walk(**people))
    assert moves.detour() == ("onboarding", "support")
    assert moves.title() == "40% of moves out of onboarding go to support"
    assert moves.headline() == "40% of the moves out of onboarding lead to support (12 of 30 moves); 60% go to usage."
    assert paths.movers(walk(**people)) == 35
    assert paths.reached_usage(walk(**people)) == 0  # nobody started at awareness


def test_without_a_skip_the_headline_says_people_keep_to_the_order():
    moves = paths.transition_matrix(walk(**{f"P{i}": ["onboarding", "usage"] for i in range(30)}))
    assert moves.detour() is None
    assert moves.headline().startswith("No stage sends people past the next one: every move out of the one stage")


def test_common_paths_count_people_per_path_cut_at_usage():
    # A and B: awareness > consideration > purchase > onboarding > usage (B goes on to support);
    # C: awareness > purchase > usage; D starts at usage (not entering); E never reaches usage
    shapes = paths.common_paths(walk(
        A=["awareness", "consideration", "purchase", "onboarding", "usage"],
        B=["awareness", "consideration", "purchase", "onboarding", "usage", "support"],
        C=["awareness", "awareness", "purchase", "usage", "usage"],
        D=["usage", "support"],
        E=["awareness", "consideration"]))
    assert (shapes.reached, shapes.not_reached) == (3, 1)
    assert shapes.table["people"].tolist() == [2, 1]
    assert shapes.table["path"].iloc[1] == "Awareness → Purchase → Usage"
    assert shapes.table["textbook"].tolist() == [True, False]
    assert paths.movers(walk(A=["usage", "usage"], B=["usage", "support"])) == 1
