"""One rule for what a section needs: it runs when its data meets the minimum, and says why not otherwise."""
import numpy as np
import pandas as pd
import pytest

from cxlib import sections
from cxlib.metrics import portfolio
from cxlib.sections import Needs, run_section


def survey(n: int, *, months=("2026-03",), ratings: int = 2, segments=("A", "B"), seed: int = 0) -> pd.DataFrame:
    """``n`` answers spread evenly over the given months, with ``ratings`` attr_ columns."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "response_id": [f"R{i}" for i in range(n)],
        "responded_at": pd.to_datetime([f"{months[i % len(months)]}-10" for i in range(n)]),
        "nps": rng.integers(0, 11, n).astype(float),
        "segment": [segments[i % len(segments)] for i in range(n)],
    })
    for k in range(ratings):
        frame[f"attr_{k}"] = rng.integers(1, 6, n).astype(float)
    return frame


def test_key_drivers_need_ten_answers_per_rating_and_a_hundred_overall():
    # 9 ratings -> max(100, 9 * 10) = 100; 12 ratings -> 120
    assert sections.KEY_DRIVERS.shortfall({"survey": survey(100, ratings=9)}) is None
    assert sections.KEY_DRIVERS.shortfall({"survey": survey(110, ratings=12)}) == (
        "Key drivers need at least 120 complete answers for 12 ratings; this survey has 110.")
    assert sections.KEY_DRIVERS.shortfall({"survey": survey(12, ratings=9)}) == (
        "Key drivers need at least 100 complete answers for 9 ratings; this survey has 12.")


def test_incomplete_rows_do_not_count_towards_the_minimum():
    frame = survey(120, ratings=2)
    frame.loc[:30, "attr_1"] = np.nan  # rows 0-30: 31 incomplete, 89 complete
    assert sections.KEY_DRIVERS.shortfall({"survey": frame}) == (
        "Key drivers need at least 100 complete answers for 2 ratings; this survey has 89.")


def test_a_change_test_needs_two_consecutive_months_of_thirty():
    one_month = survey(90)
    assert sections.NPS_CHANGE.shortfall({"survey": one_month}) == (
        "The month-on-month test needs 2 consecutive months of at least 30 answers each; this survey has "
        "1 such month.")
    # 29 answers in April (every third of 87): April is short, so only May counts
    gap = survey(87, months=("2026-03", "2026-04", "2026-05"))
    gap = pd.concat([gap, survey(10, months=("2026-05",))], ignore_index=True)
    assert sections.NPS_CHANGE.shortfall({"survey": gap}) == (
        "The month-on-month test needs 2 consecutive months of at least 30 answers each; this survey has "
        "1 such month (it covers 3 months).")
    assert sections.NPS_CHANGE.shortfall({"survey": survey(60, months=("2026-04", "2026-05"))}) is None


def test_a_group_comparison_needs_two_groups_of_thirty():
    assert sections.BY_SEGMENT.shortfall({"survey": survey(60, segments=("A", "B"))}) is None
    # 40 answers in 2 segments: 20 each
    assert sections.BY_SEGMENT.shortfall({"survey": survey(40)}) == (
        "The segment comparison needs at least 2 segments with 30 answers or more; this survey has 0 of 2.")
    assert sections.BY_SEGMENT.shortfall({"survey": survey(90, segments=("Only",))}) == (
        "The segment comparison needs at least 2 segments with 30 answers or more; this survey has 1.")


def test_absent_datasets_and_columns_are_named():
    assert sections.CHURN.shortfall({"survey": survey(200)}) == (
        "The churn link needs the customer base, which was not provided.")
    assert sections.AGENT_TENS.shortfall({"survey": survey(200)}) == (
        "The agent comparison needs agent ids; this survey has none.")
    assert sections.REASONS.shortfall({"survey": survey(200)}) == (
        "Reasons for the score need comment answers; this survey has none.")
    assert sections.KEY_DRIVERS.shortfall({"survey": survey(200, ratings=1)}) == (
        "Key drivers need at least two attribute ratings; this survey has 1.")


def test_a_section_runs_its_analysis_only_when_the_needs_are_met():
    calls = []

    def analysis(frame, label, *, scale):
        calls.append(label)
        return len(frame) * scale

    needs = Needs("The test", columns=("nps",), min_rows=50)
    done = run_section({"survey": survey(60)}, analysis, "x", needs=needs, scale=2)
    assert done.ran and done.result == 120 and calls == ["x"]
    skipped = run_section({"survey": survey(10)}, analysis, "y", needs=needs, scale=2)
    assert not skipped.ran and skipped.value("none") == "none" and calls == ["x"]
    assert skipped.reason == "The test needs at least 50 complete answers; this survey has 10."


def test_every_step_7_minimum_is_in_the_method_notes():
    notes = sections.method_notes(sections.STEP_7)
    assert notes.startswith("**What each section needs.** The headline scores: the survey. The NPS distribution: "
                            "the survey with at least 30")
    assert "Key drivers: the survey with at least 10 complete answers per rating and 100 overall." in notes
    assert ("The month-on-month test: the survey with at least 60 complete answers; 2 consecutive months of "
            "at least 30 answers each.") in notes
    assert notes.count(". ") + 1 >= len(sections.STEP_7)


def step_7_verdict(frames):
    """Step 7's verdict from its sections, run on ``frames`` as the notebook runs them."""
    from cxlib.metrics import catalog, drivers, integrity, nps, precision, prediction

    def run(fn, needs, *a, **k):
        return run_section(frames, fn, *a, needs=needs, **k)

    return portfolio.assess(
        headline=run(portfolio.headline_metrics, sections.HEADLINE),
        change=run(nps.last_period_change, sections.NPS_CHANGE),
        precision=run(precision.precision_summary, sections.PRECISION),
        drivers=run(drivers.key_drivers, sections.KEY_DRIVERS),
        integrity=run(integrity.integrity_audit, sections.INTEGRITY),
        churn=run(prediction.churn_link, sections.CHURN),
        catalog=run(catalog.catalog_audit, sections.CATALOG, pd.DataFrame(), as_of=pd.Timestamp("2026-03-31")),
        goals=pd.DataFrame(columns=["goal", "metric", "target", "due"]))


def test_step_7_verdict_on_a_one_month_survey_states_what_it_could_not_compute():
    frame = survey(90, ratings=3)
    frame["csat"] = 4.0
    frames = {"survey": frame}
    verdict = step_7_verdict(frames)
    findings = verdict.step.sentences
    assert findings[0].endswith("The month-on-month test needs 2 consecutive months of at least 30 answers each; "
                                "this survey has 1 such month.")
    assert "Key drivers need at least 100 complete answers for 3 ratings; this survey has 90." in findings
    assert findings[2] == ("Which metric predicts churn is unknown: the churn link needs the customer base, "
                           "which was not provided.")
    # assessed: diversified (nps and csat at 90 answers: 0 of 3 reach 100) and trustworthy
    assert verdict.score.not_assessed == ["Goal-driven", "In use", "Predictive"]
    assert verdict.step.recommendations[0].action.startswith("Ask every respondent to rate the parts")
    assert 3 <= len(verdict.step.recommendations) <= 5


@pytest.mark.parametrize("needs", sections.STEP_7)
def test_every_rule_reads_as_a_sentence(needs):
    assert needs.rule().startswith(needs.what + ": the ") and needs.rule().endswith(".")


def test_an_analysis_that_finds_its_data_unusable_says_why_in_one_sentence():
    def needs_a_match(frame):
        raise sections.Unavailable("No answer's customer id matches the customer base.")

    part = run_section({"survey": pd.DataFrame({"nps": [1]})}, needs_a_match, needs=sections.Needs("The view"))
    assert not part.ran and part.reason == "No answer's customer id matches the customer base."


def test_step_7_without_a_survey_is_not_assessed():
    frames = {"customers": pd.DataFrame({"customer_id": ["a"]})}
    verdict = step_7_verdict(frames)
    assert verdict.step.score is None and verdict.step.maturity == "Not assessed"
    assert verdict.step.sentences[0] == "The headline scores need the survey, which was not provided."


def test_a_survey_without_the_recommend_question_has_no_nps_but_its_other_scores():
    head = portfolio.headline_metrics(pd.DataFrame({"csat": [5, 4, 2, 5]}))
    assert head.nps is None and head.responses() == {"csat": 4}
    assert head.headline() == ("The survey does not ask how likely customers are to recommend us, so there is no "
                               "NPS; 75% are satisfied (CSAT 4-5).")
    assert [t[0] for t in head.tiles()] == ["CSAT"]


def test_no_two_steps_declare_different_sections_under_one_name():
    # every step's rules land in one namespace (``sections.NAME``); a second rule of the same name
    # would silently replace the first
    import importlib

    seen: dict[str, tuple[int, object]] = {}
    for step in range(1, 8):
        module = importlib.import_module(f"cxlib.sections.step{step}")
        for name, value in vars(module).items():
            if isinstance(value, sections.Needs) and not name.startswith("_"):
                first = seen.setdefault(name, (step, value))
                assert first[1] is value, f"{name} is declared by step {first[0]} and again by step {step}"
