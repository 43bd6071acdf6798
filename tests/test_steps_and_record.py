import json
from dataclasses import replace

import pytest

from cxlib.steps import parse_steps
from cxlib.report.record import (
    Assessment,
    Figure,
    Finding,
    Kpi,
    Recommendation,
    StepResult,
    StepScore,
    maturity_for,
    read_result,
    verdict,
    write_result,
)
from cxlib.report.verdict import theme_of
from cxlib.wording import number


def recs(n):
    return tuple(Recommendation(f"Action {i}", "because", priority=i) for i in range(1, n + 1))


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
    bad = (Recommendation("a", "x", priority=1), Recommendation("b", "x", priority=3),
           Recommendation("c", "x", priority=4))
    with pytest.raises(ValueError, match="priorities must be 1..n"):
        StepResult(7, "t", 50, ("a", "b", "c"), bad)


def test_record_round_trips_through_json(tmp_path):
    result = StepResult(7, "CX metrics that matter", 61.25, ("f1", "f2", "f3"), recs(3))
    path = write_result(result, tmp_path / "07.result.json")
    data = json.loads(path.read_text())
    assert data["score"] == 61.2 and data["maturity"] == "Competent"
    assert read_result(path).recommendations[0].action == "Action 1"


def test_record_keeps_figures_themes_and_kpis_through_json(tmp_path):
    finding = Finding("NPS is +24 (n = 5,000).", (Figure("NPS", 24.4, "points", "survey answers (n = 5,000)"),),
                      source="cxlib.metrics.nps.nps", theme="measurement")
    move = Recommendation("Cut effort", "Ease carries 40%.", theme="ease", impact="High", effort="Low",
                          kpi=Kpi("Customer effort (CES)", 4.14, 5.5, "of 7", "client goal"), priority=1)
    result = StepResult(7, "t", 50, (finding, "f2", "f3"), (move, *recs(3)[1:]))
    back = read_result(write_result(result, tmp_path / "r.json"))
    assert back.findings[0] == replace(finding, step=7) and back.findings[1] == Finding("f2", step=7)
    assert back.recommendations[0] == move and back.recommendations[0].owner == "Chief Customer Officer"
    assert back.sentences == ("NPS is +24 (n = 5,000).", "f2", "f3")


def test_builder_orders_dedupes_pads_and_cuts_the_same_way_for_every_step():
    score = StepScore.from_rows(FIVE_PARTS, max_points=20, subject="The portfolio")
    moves = [Recommendation(f"Move {i}", "why", theme="data", impact="Medium", effort="Low") for i in range(7)]
    built = verdict(7, score, ["one", "one", "two"], moves[:2], score_rule="rule",
                    gaps=["Churn needs the customer base, which was not provided.", "gap two", "gap three",
                          "gap four"], reserve=moves[5:])
    step = built.step
    # the repeated sentence is said once; gaps follow the step's own findings up to five
    assert step.sentences == ("one", "two", "Churn needs the customer base, which was not provided.", "gap two",
                              "gap three")
    # the reserve fills the moves up to three, no further; priorities are numbered 1..n
    assert [r.action for r in step.recommendations] == ["Move 0", "Move 1", "Move 5"]
    assert [r.priority for r in step.recommendations] == [1, 2, 3]
    assert step.title == "CX metrics that matter" and step.score == 66.4
    # with too few findings and no gaps, the score's headline is the third
    thin = verdict(2, score, ["one", "two"], moves, score_rule="rule").step
    assert thin.sentences[2] == "The portfolio scores 66/100; the weakest part is goal-driven (8 of 20)."
    assert len(thin.recommendations) == 5 and thin.title == "Are you beating your competitors at CX?"


def test_recommendation_defaults_follow_its_theme_and_size():
    quick = Recommendation("a", "b", theme="speed", impact="Medium", effort="Low")
    assert (quick.owner, quick.quarter) == ("Head of Customer Service", 1)
    assert Recommendation("a", "b", theme="culture", impact="Medium", effort="Medium").quarter == 2
    assert Recommendation("a", "b", theme="culture", impact="Low", effort="High").quarter == 3
    with pytest.raises(ValueError, match="unknown theme"):
        Recommendation("a", "b", theme="vibes")
    with pytest.raises(ValueError, match="has no value"):
        Figure("NPS", float("nan"))


@pytest.mark.parametrize("label,theme", [("Ease", "ease"), ("Speed", "speed"), ("Staff", "empathy"),
                                         ("Price", "brand"), ("Website", "digital"), ("Delivery", "journey"),
                                         ("App login speed", "digital"), ("Returns", "journey")])
def test_labels_map_to_the_initiative_they_speak_to(label, theme):
    assert theme_of(label) == theme


def test_figures_print_one_way_by_unit():
    assert [number(24.4, "points"), number(-15.2, "points"), number(0.2, "points")] == ["+24", "−15", "0"]
    assert [number(41.6, "%"), number(8.46, "hours"), number(47.2, "hours"), number(3.94, "of 7")] == [
        "42%", "8 h 28 min", "47 h", "3.9 of 7"]
    assert [number(6.2, "x"), number(5000, ""), number(412, "customers")] == ["6.2x", "5,000", "412 customers"]
    assert Kpi("Customer effort (CES)", 3.94, 5.5, "of 7").text() == "Customer effort (CES): 3.9 of 7 → 5.5 of 7"


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
