"""Step 2 on sections: what each part needs, the sentence it says when the data falls short, and a
verdict that scores only the parts that ran. Every frame is small enough to count by hand."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import benchmark_frame

from cxlib import sections
from cxlib.competition.benchmark import benchmark
from cxlib.competition.considered import true_competitors
from cxlib.competition.priorities import attack_plan, attack_priorities
from cxlib.competition.social import mention_tone, responsiveness
from cxlib.competition.verdict import assess
from cxlib.sections import Section, run_section

POSTED = pd.Timestamp("2026-03-02 10:00")


def _posts(brand, n, *, responded=True, minutes=30.0, text="Does it ship abroad?"):
    return pd.DataFrame({"brand": brand, "platform": "X", "posted_at": [POSTED] * n, "text": text,
                         "responded": pd.array([responded] * n, dtype="boolean"),
                         "responded_at": [POSTED + pd.Timedelta(minutes=minutes) if responded else pd.NaT] * n})


def _dated(frame, date):
    return frame.assign(measured_at=pd.Timestamp(date))


# --- what each section needs ----------------------------------------------------------------------
def test_consideration_needs_thirty_answers_and_counts_no_blank():
    no_question = pd.DataFrame({"nps": [9] * 40})
    assert sections.CONSIDERED.shortfall({"survey": no_question}) == (
        "Who customers also consider needs answers to the question which other brands customers considered; "
        "this survey has none.")
    # 40 respondents, 12 named a brand: the 28 blanks do not count towards the 30.
    thin = pd.DataFrame({"also_considered": ["A"] * 12 + [None] * 28})
    assert sections.CONSIDERED.shortfall({"survey": thin}) == (
        "Who customers also consider needs at least 30 complete answers; this survey has 12.")
    assert sections.CONSIDERED.shortfall({"survey": pd.DataFrame({"also_considered": ["A"] * 30})}) is None


def test_benchmark_needs_the_dataset_the_client_and_a_competitor():
    needs = sections.BENCHMARK.of("Us")
    assert needs.shortfall({}) == "The attribute benchmark needs the competitor benchmark, which was not provided."
    frame = _dated(benchmark_frame({"ease": -1.0}), "2026-06-15")
    assert needs.shortfall({"competitors": frame[frame["brand"] == "A"]}) == (
        "The attribute benchmark needs Us's own scores; this competitor benchmark has none.")
    assert needs.shortfall({"competitors": frame[frame["brand"] == "Us"]}) == (
        "The attribute benchmark needs a brand other than Us; this competitor benchmark has none.")
    # the client is matched whatever its case or spacing
    assert sections.BENCHMARK.of(" us ").shortfall({"competitors": frame}) is None


def test_the_trend_needs_two_months_with_the_client_and_a_competitor():
    june = _dated(benchmark_frame({"ease": -1.0}), "2026-06-15")
    needs = sections.BENCHMARK_TREND.of("Us")
    assert needs.shortfall({"competitors": june}) == (
        "The benchmark trend needs 2 months in which Us and a competitor were both scored; this competitor "
        "benchmark has 1.")
    # September has only the client: still one month where both were scored.
    september = _dated(benchmark_frame({"ease": -0.5}), "2026-09-15")
    assert needs.shortfall({"competitors": pd.concat([june, september[september["brand"] == "Us"]])}) == (
        "The benchmark trend needs 2 months in which Us and a competitor were both scored; this competitor "
        "benchmark has 1.")
    assert needs.shortfall({"competitors": pd.concat([june, september])}) is None


def test_where_to_attack_keeps_step_7s_key_driver_minimum():
    assert (sections.ATTACK.min_rows, sections.ATTACK.per_column) == (100, 10)
    rng = np.random.default_rng(0)
    survey = pd.DataFrame({"nps": rng.integers(0, 11, 40), "attr_ease": rng.integers(1, 6, 40),
                           "attr_price": rng.integers(1, 6, 40)})
    competitors = _dated(benchmark_frame({"ease": -1.0}), "2026-06-15")
    assert sections.ATTACK.of("Us").shortfall({"survey": survey, "competitors": competitors}) == (
        "Where to attack first needs at least 100 complete answers for 2 ratings; this survey has 40.")
    assert sections.ATTACK.of("Us").shortfall({"survey": survey}) == (
        "Where to attack first needs the competitor benchmark, which was not provided.")


def test_social_care_needs_thirty_posts_about_the_client_with_a_known_flag():
    needs = sections.SOCIAL_CARE.of("Us")
    # 20 flagged posts about Us; the 50 about A have a blank flag, as a listening tool exports them.
    social = pd.concat([_posts("Us", 20), _posts("A", 50, responded=None)])
    assert needs.shortfall({"social": social}) == (
        "Social care needs at least 30 posts about Us; this social export has 20.")
    blank = _posts("Us", 40, responded=None)
    assert needs.shortfall({"social": blank}) == "Social care needs answered-or-not flags; this social export has none."
    assert needs.shortfall({"social": pd.concat([_posts("Us", 30), _posts("A", 5, responded=None)])}) is None


def test_tone_and_mentions_need_a_competitor_with_enough_posts():
    social = pd.concat([_posts("Us", 60), _posts("A", 10)])
    assert sections.SOCIAL_TONE.of("Us").shortfall({"social": social}) == (
        "The tone comparison needs a brand other than Us with at least 50 posts; this social export has none.")
    assert sections.SOCIAL_NAMED.of("Us").shortfall({"social": social}) == (
        "Mentions in competitors' posts need a brand other than Us with at least 30 posts; this social export "
        "has none.")
    assert sections.SOCIAL_TONE.of("Us").shortfall({"social": pd.concat([_posts("Us", 40), _posts("A", 60)])}) == (
        "The tone comparison needs at least 50 posts about Us; this social export has 40.")


def test_method_notes_list_every_step_2_rule():
    notes = sections.method_notes(sections.STEP_2)
    assert len(sections.STEP_2) == 7
    for words in ("at least 30 answers to the question which other brands customers considered",
                  "at least 10 complete answers per rating and 100 overall", "at least 30 posts about the client",
                  "2 months of measurement", "another brand with at least 50 posts to compare with"):
        assert words in notes


# --- what the analyses say ------------------------------------------------------------------------
def test_a_blank_answer_is_unknown_not_no_other_brand():
    # 5 answers, 3 answered: Nimbus is named by 2 -> 67% of those who answered (not 40% of all 5).
    survey = pd.DataFrame({"nps": [9, 3, 5, 10, 7], "also_considered": ["A;Nimbus", "Nimbus", "A;Zed", None, None]})
    result = true_competitors(survey, ["A"], client="Us")
    assert round(result.row("Nimbus")["share"], 1) == 66.7
    assert "is named in 67% of the 3 answers to the question" in result.headline()
    assert result.for_report().set_index("Brand").loc["Nimbus", "Share of those who answered"] == "67%"


def test_the_comments_naming_the_hidden_competitor_come_with_the_result():
    survey = pd.DataFrame({"nps": [2, 3, 9], "also_considered": ["Nimbus", "Nimbus", "A"],
                           "comment": ["Nimbus is cheaper", "Moving to nimbus soon", "Fine"]})
    result = true_competitors(survey, ["A"], client="Us")
    assert result.voice.count == 2
    assert result.voice_quotes()["attribution"].tolist() == ["Respondent who scored 2 out of 10",
                                                            "Respondent who scored 3 out of 10"]
    # 3 comments are too few to state a share of comments: the headline leaves it out.
    assert "survey comments" not in result.headline()


def test_a_competitor_with_too_few_flagged_posts_is_not_compared():
    # Us 40 posts (all answered after 30 min); A 10 posts: below 30, so A is listed, not rated.
    result = responsiveness(pd.concat([_posts("Us", 40), _posts("A", 10)]), "Us")
    assert result.table["brand"].tolist() == ["Us"] and result.few == ("A",)
    assert result.best_competitor is None
    assert result.headline().endswith("Not compared, with fewer than 30 posts whose answer is known: A.")


def test_a_time_to_answer_needs_thirty_timed_answers():
    # 40 posts, 20 answered with a time: the rate stands (40 posts), the median and 2-hour share do not.
    social = pd.concat([_posts("Us", 20, minutes=30.0), _posts("Us", 20, responded=False)])
    row = responsiveness(social, "Us").client_row
    assert row["response_rate"] == 50.0 and row["timed"] == 20
    assert np.isnan(row["median_minutes"]) and np.isnan(row["within_2h"])
    assert "median" not in responsiveness(social, "Us").headline()


def test_the_least_positive_brand_is_named_when_it_is_not_the_client():
    posts = pd.concat([_posts("Us", 2, text="I love it, great service!"), _posts("Us", 2, text="Does it ship?"),
                       _posts("A", 2, text="I love it, great service!"),
                       _posts("B", 2, text="Terrible service, awful.")])
    result = mention_tone(posts, "Us", min_posts=2)
    # A net +100, Us +50, B -100.
    assert result.table["brand"].tolist() == ["A", "Us", "B"]
    assert "B is talked about least positively: 0% positive, 100% negative (net \u2212100) of 2 posts." in result.headline()


def test_attack_plan_is_the_drivers_crossed_with_the_benchmark():
    rng = np.random.default_rng(1)
    ease = rng.integers(1, 6, 200)
    survey = pd.DataFrame({"nps": np.clip(2 * ease + rng.integers(-1, 2, 200), 0, 10), "attr_ease": ease,
                           "attr_price": rng.integers(1, 6, 200)})
    competitors = _dated(benchmark_frame({"ease": -1.0, "price": 0.5}), "2026-06-15")
    plan = attack_plan(survey, competitors, "Us")
    # ease carries nearly all of NPS and trails A by 1.0: attack it first.
    assert plan.table.iloc[0][["attribute", "quadrant"]].tolist() == ["ease", "Attack first"]


# --- the verdict scores only what ran -------------------------------------------------------------
def _section(result, reason=None):
    return Section(sections.CONSIDERED, result, reason)


def test_the_score_counts_only_the_parts_that_ran():
    # True competitors: listed A gets 2 of the 5 mentions -> 0.4 x 20 = 8 of 20.
    survey = pd.DataFrame({"nps": [9, 3, 5, 10, 7], "also_considered": ["A;Nimbus", "Nimbus", "A;Zed", None, None]})
    considered = _section(true_competitors(survey, ["A"], client="Us"))
    # Tone: Us net 0 vs A net +50 -> 50 points behind -> 0 of 10.
    posts = pd.concat([_posts("Us", 2, text="I love it, great service!"), _posts("Us", 2, text="Terrible, awful."),
                       _posts("A", 1, text="I love it, great service!"), _posts("A", 1, text="Does it ship?")])
    tone = _section(mention_tone(posts, "Us", min_posts=2))
    no_bench = "The attribute benchmark needs Us's own scores; this competitor benchmark has none."
    no_care = "Social care needs at least 30 posts about Us; this social export has 4."
    result = assess(consideration=considered, bench=_section(None, no_bench), trend=_section(None, no_bench),
                    plan=_section(None, no_bench), responsiveness=_section(None, no_care), tone=tone)
    points = result.components.set_index("component")["points"]
    assert points.dropna().to_dict() == {"True competitors known": 8.0, "Tone of mentions": 0.0}
    assert result.score.not_assessed == ["Benchmark position", "Posts answered", "Speed of answer"]
    # (8 + 0) of the 30 assessed points, on the 100 scale: 26.7; a third of the weight -> no maturity claimed.
    assert result.step.score == pytest.approx(26.7) and result.step.maturity == "Partly assessed"
    assert no_bench in result.step.sentences and no_care in result.step.sentences
    assert not any("leads" in f or "trails" in f for f in result.step.sentences)
    basis = result.components.set_index("component")["basis"]
    assert basis["Benchmark position"] == "not assessed: the attribute benchmark needs Us's own scores; this competitor benchmark has none"


def test_nothing_assessed_means_no_score_not_zero():
    why = "Who customers also consider needs at least 30 complete answers; this survey has 12."
    missing = _section(None, why)
    result = assess(consideration=missing, bench=missing, trend=missing, plan=missing, responsiveness=missing,
                    tone=missing, elsewhere=missing)
    assert result.step.score is None and result.step.maturity == "Not assessed"
    assert result.components["points"].isna().all()
    assert why in result.step.sentences


def test_without_importance_the_benchmark_is_scored_on_equal_weights():
    bench = benchmark(_dated(benchmark_frame({"ease": -1.0, "reliability": 0.5, "price": -3.0}), "2026-06-15"), "Us")
    not_run = "Where to attack first needs at least 100 complete answers for 2 ratings; this survey has 40."
    result = assess(consideration=None, bench=_section(bench), trend=None, plan=_section(None, not_run),
                    responsiveness=None, tone=None)
    # (0.5 + 1 + 0) / 3 of 40 = 20, the same as attack_priorities without drivers.
    assert result.components.set_index("component").loc["Benchmark position", "points"] == 20.0
    assert attack_priorities(None, bench).table["quadrant"].eq("Link to NPS unknown").all()
    # price (3.0 behind) is named as the largest of the 3 gaps compared, its link to NPS unknown
    assert ("Us trails most on price, the largest gap of the 3 attributes compared: 4.0 against 7.0 for A out of "
            "10; how closely it goes with NPS is unknown.") in result.step.sentences


def test_sections_run_through_run_section_like_the_notebook():
    frames = {"competitors": _dated(benchmark_frame({"ease": -1.0}), "2026-06-15")}
    section = run_section(frames, benchmark, "Us", needs=sections.BENCHMARK.of("Us"))
    assert section.ran and section.result.client == "Us"
    absent = run_section(frames, benchmark, "Northstar", needs=sections.BENCHMARK.of("Northstar"))
    assert absent.reason == "The attribute benchmark needs Northstar's own scores; this competitor benchmark has none."
