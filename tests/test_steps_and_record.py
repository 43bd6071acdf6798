import json

import pytest

from cxlib.engagement.steps import parse_steps
from cxlib.report.record import (
    Assessment,
    Recommendation,
    StepResult,
    StepScore,
    maturity_for,
    read_result,
    write_result,
)


def recs(n):
    return tuple(Recommendation(i, f"Action {i}", "because") for i in range(1, n + 1))


def test_parse_steps_reads_lists_and_ranges(tmp_path):
    for n in (1, 2, 3, 7):
        (tmp_path / {1: "01_obsession_audit", 2: "02_competitors", 3: "03_brand_value",
                     7: "07_metrics"}[n]).with_suffix(".ipynb").write_text("{}")
    assert [s.number for s in parse_steps("1-3,7", tmp_path)] == [1, 2, 3, 7]
    assert [s.number for s in parse_steps("7,1", tmp_path)] == [1, 7]
    assert [s.number for s in parse_steps(None, tmp_path)] == [1, 2, 3, 7]
    with pytest.raises(ValueError, match="step 5 has no notebook"):
        parse_steps("5", tmp_path)
    with pytest.raises(ValueError, match="9 is not a step"):
        parse_steps("9", tmp_path)
    with pytest.raises(ValueError, match="'x' is not a step number"):
        parse_steps("x", tmp_path)


@pytest.mark.parametrize("score,level", [(0, "Ignoring"), (24.9, "Ignoring"), (25, "Novice"),
                                         (50, "Competent"), (74.9, "Competent"), (75, "Mature"), (100, "Mature")])
def test_maturity_bands(score, level):
    assert maturity_for(score) == level


def test_step_result_enforces_the_record_shape():
    with pytest.raises(ValueError, match="3-5 findings"):
        StepResult(7, "t", 50, ("a", "b"), recs(3))
    with pytest.raises(ValueError, match="3-5 recommendations"):
        StepResult(7, "t", 50, ("a", "b", "c"), recs(6))
    with pytest.raises(ValueError, match="outside 0-100"):
        StepResult(7, "t", 101, ("a", "b", "c"), recs(3))
    bad = (Recommendation(1, "a", "x"), Recommendation(3, "b", "x"), Recommendation(4, "c", "x"))
    with pytest.raises(ValueError, match="priorities must be 1..n"):
        StepResult(7, "t", 50, ("a", "b", "c"), bad)


def test_record_round_trips_through_json(tmp_path):
    result = StepResult(7, "CX metrics that matter", 61.25, ("f1", "f2", "f3"), recs(3))
    path = write_result(result, tmp_path / "07.result.json")
    data = json.loads(path.read_text())
    assert data["score"] == 61.2 and data["maturity"] == "Competent"
    assert read_result(path).recommendations[0].action == "Action 1"


FIVE_PARTS = [("Diversified", 20.0, "3 of 3 measured"), ("Goal-driven", 8.3, "42% with a goal"),
              ("In use", 8.3, "42% in use"), ("Trustworthy", 15.9, "1.0 points inflation"),
              ("Predictive", 13.9, "AUC 0.67")]


def test_step_score_adds_up_the_parts_to_one_decimal():
    # 20 + 8.3 + 8.3 + 15.9 + 13.9 = 66.4, each part out of 20
    score = StepScore.from_rows(FIVE_PARTS, max_points=20)
    assert score.score == 66.4 and score.maturity == "Competent"
    assert list(score.components.columns) == ["component", "points", "max_points", "basis"]
    assert score.components["max_points"].tolist() == [20] * 5
    assert score.components.loc[3, "basis"] == "1.0 points inflation"


def test_step_score_reads_each_parts_maximum_from_its_row():
    # 30 of 40 + 6 of 10 + 12.5 of 50 = 48.5
    score = StepScore.from_rows([("Benchmark", 30, 40, "a"), ("Tone", 6, 10, "b"),
                                 ("Known", 12.5, 50, "c")])
    assert score.score == 48.5 and score.components["max_points"].tolist() == [40, 10, 50]


def test_step_score_rounds_each_part_first_only_when_asked():
    parts = [("A", 0.14, 1, ""), ("B", 0.14, 1, ""), ("C", 0.14, 1, "")]
    assert StepScore.from_rows(parts).score == 0.4                        # 0.42 -> 0.4
    rounded = StepScore.from_rows(parts, points_decimals=1)                # 0.1 x 3 = 0.3
    assert rounded.score == 0.3 and rounded.components["points"].tolist() == [0.1, 0.1, 0.1]


def test_step_score_headline_names_the_part_furthest_from_its_maximum():
    # Benchmark earns 20 of 40 (50%), tone 6 of 10 (60%): the benchmark is weaker despite more points
    score = StepScore.from_rows([("Tone of mentions", 6, 10, ""), ("Benchmark position", 20, 40, "")],
                                subject="Competitive CX")
    assert score.headline() == ("Competitive CX scores 26/100; the weakest part is benchmark position "
                                "(20 of 40).")
    # 8.3 and 8.3 tie for the smallest share: the first one named is the weakest
    assert StepScore.from_rows(FIVE_PARTS, max_points=20, subject="The metrics portfolio").headline() == (
        "The metrics portfolio scores 66/100; the weakest part is goal-driven (8 of 20).")


def test_assessment_shows_the_score_components_next_to_the_record():
    score = StepScore.from_rows(FIVE_PARTS, max_points=20)
    result = Assessment(score, StepResult(7, "t", score.score, ("a", "b", "c"), recs(3)))
    assert result.components is score.components
    assert result.score.score == result.step.score == 66.4 and result.step.maturity == "Competent"


def test_a_score_on_less_than_half_its_weight_claims_no_maturity():
    from cxlib.report.record import StepScore

    # 40 of 100 points assessable, all earned: 100 on the parts assessed, but only 40% of the weight
    partial = StepScore.from_rows([("A", 20.0, "x"), ("B", 20.0, "y"), ("C", None, "not assessed: z"),
                                   ("D", None, "not assessed: z"), ("E", None, "not assessed: z")], max_points=20)
    assert (partial.score, partial.coverage, partial.maturity) == (100.0, 0.4, "Partly assessed")
    # 60 of 100 assessable: the maturity follows the score
    most = StepScore.from_rows([("A", 10.0, "x"), ("B", 10.0, "y"), ("C", 10.0, "w"),
                                ("D", None, "not assessed: z"), ("E", None, "not assessed: z")], max_points=20)
    assert (most.score, most.coverage, most.maturity) == (50.0, 0.6, "Competent")
    nothing = StepScore.from_rows([("A", None, "not assessed: no survey")], max_points=20, subject="The step")
    assert nothing.score is None and nothing.maturity == "Not assessed"
    assert nothing.headline() == "The step could not be assessed: no survey."
