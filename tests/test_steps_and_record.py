import json

import pytest

from cxlib.engagement.steps import parse_steps
from cxlib.report.record import Recommendation, StepResult, maturity_for, read_result, write_result


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
