"""Each planted truth of the demo's step 2 (cxlib.demo.market.TRUTHS), found by cxlib.competition."""
from __future__ import annotations

import pytest

from cxlib.competition import benchmark, considered, priorities, social, verdict
from cxlib.demo.market import TRUTHS


@pytest.fixture(scope="module")
def found(demo):
    me = demo.config.name
    survey, competitors, posts = demo["survey"], demo["competitors"], demo["social"]
    bench = benchmark.benchmark(competitors, me)
    results = {
        "consideration": considered.true_competitors(survey, demo.config.competitors, client=me),
        "bench": bench, "trend": benchmark.benchmark_trend(competitors, me),
        "plan": priorities.attack_plan(survey, competitors, me),   # as the notebook runs it
        "responsiveness": social.responsiveness(posts, me), "tone": social.mention_tone(posts, me),
        "elsewhere": social.named_elsewhere(posts, me)}
    return results | {"verdict": verdict.assess(**results)}


def test_the_hidden_competitor_and_its_share_of_the_customers_who_answered(found, demo):
    result = found["consideration"]
    # By hand: 1,500 of the 5,000 answers name Nimbus (30%), but 1,690 answers are blank and several
    # customers answered more than once. Of the distinct customers with a non-blank answer, the share
    # naming Nimbus in any of their answers is the figure.
    survey = demo["survey"]
    given = survey[survey["also_considered"].notna()]
    names = given.groupby("customer_id")["also_considered"].agg(lambda a: any("Nimbus Mobile" in x for x in a))
    assert result.unit == "customers" and result.answered == len(names) == 2833
    row = result.row(TRUTHS.hidden_competitor)
    assert not row["listed"] and row["named"] == names.sum() == 1389
    assert row["share"] == pytest.approx(100 * 1389 / 2833)  # 49.0%, not the 30% of all answers
    assert row["low"] < row["share"] < row["high"] and row["high"] - row["low"] < 4
    assert result.hidden["brand"].tolist() == [TRUTHS.hidden_competitor]
    assert result.table["brand"].iloc[0] == TRUTHS.most_considered
    assert result.headline().startswith("Nimbus Mobile, which is not on your competitor list, is "
                                        "considered by 49% of the 2,833 customers who answered, more than Pulse "
                                        "Wireless (34%) and Zenith Connect (17%).")


def test_ease_is_the_largest_gap_and_it_is_to_nimbus(found):
    trail = found["bench"].trailing.iloc[0]
    assert trail["attribute"] == TRUTHS.trailing_attribute
    assert trail["best_competitor"] == TRUTHS.trailing_behind
    assert [trail["client"], trail["best_score"], trail["gap"]] == pytest.approx(
        [TRUTHS.trailing_client_score, TRUTHS.trailing_best_score, TRUTHS.trailing_gap])


def test_the_ease_gap_widened_most(found):
    change = found["trend"].changes.iloc[0]
    assert change["attribute"] == TRUTHS.trailing_attribute
    assert [change["first_gap"], change["last_gap"]] == pytest.approx(
        [TRUTHS.trailing_gap_first_wave, TRUTHS.trailing_gap])


def test_reliability_is_the_largest_lead(found):
    lead = found["bench"].leading.iloc[0]
    assert lead["attribute"] == TRUTHS.leading_attribute
    assert lead["best_competitor"] == TRUTHS.leading_runner_up
    assert lead["gap"] == pytest.approx(TRUTHS.leading_gap)
    assert found["bench"].leading["attribute"].tolist()[1:] == list(TRUTHS.also_leading)


def test_ease_is_the_attribute_to_attack_first(found):
    plan = found["plan"]
    assert plan.attack["attribute"].tolist() == [TRUTHS.trailing_attribute]
    assert plan.defend["attribute"].tolist() == [TRUTHS.leading_attribute]
    assert plan.table.set_index("attribute")["importance"].idxmax() == "ease"


def test_northstar_answers_fewer_posts_more_slowly(found):
    result = found["responsiveness"]
    me, best = result.client_row, result.best_competitor
    assert [me["mentions"], me["answered"], me["median_minutes"]] == [
        TRUTHS.client_mentions, TRUTHS.client_answered, TRUTHS.client_median_minutes]
    assert me["response_rate"] == pytest.approx(100 * TRUTHS.client_response_rate)
    assert best["brand"] == TRUTHS.best_responder
    assert [best["response_rate"], best["median_minutes"]] == pytest.approx(
        [100 * TRUTHS.best_response_rate, TRUTHS.best_median_minutes])


def test_tone_and_switching(found):
    table = found["tone"].table.set_index("brand")
    assert table.loc[TRUTHS.client, ["positive", "negative"]].tolist() == pytest.approx(
        [100 * TRUTHS.client_positive, 100 * TRUTHS.client_negative])
    assert found["tone"].table["brand"].iloc[-1] == TRUTHS.client  # least positive
    row = found["elsewhere"].table.iloc[0]
    assert [row["brand"], row["naming_client"], row["switching"]] == [
        TRUTHS.hidden_competitor, TRUTHS.switching_posts, TRUTHS.switching_posts]


def test_the_verdict_states_every_truth_with_its_number(found):
    step = found["verdict"].step
    text = " ".join(step.sentences)
    for fragment in ("Nimbus Mobile, which is not on your competitor list, is considered by 49% of the 2,833 "
                     "customers who answered",
                     "Ease, the survey rating that goes most closely with NPS (41% of the 6 ratings' joint link)",
                     ("trails Nimbus Mobile by 3.6 points on the 0\u201310 competitor benchmark (5.0 against 8.6), "
                      "up from 2.6 in Dec 2025"),
                     "leads every competitor on reliability (8.0 against 7.2 for Orbit Telecom)",
                     "answers 38% of the 1,350 posts about it, in a median of 4 h 20 min",
                     "Nimbus Mobile, the best of 4 competitors, answers 80% in a median of 22 min"):
        assert fragment in text, fragment
    # no other-industry example, no sign-as-hyphen, no method notation in the findings
    for word in ("Delta", "Sephora", "CI", "n =", "-3.6", "explains", "drives"):
        assert word not in text, word
    assert step.maturity == "Novice" and 25 <= step.score < 50


def test_the_verdict_pins_its_figures_themes_and_first_measures(found):
    step = found["verdict"].step
    ease = step.findings[1]
    assert ease.theme == "ease" and ease.source == "cxlib.competition.priorities.attack_priorities"
    figures = {f.quantity: f for f in ease.figures}
    ours = figures["ease benchmark score, Northstar Mobile"]
    assert (ours.value, ours.unit) == (5.0, "of 10") and ours.population.startswith("competitor benchmark, 0-10 (")
    assert figures["ease benchmark score, Nimbus Mobile"].value == 8.6
    # 8.6 - 5.0 = 3.6 points behind now, 2.6 in the first wave: the 1.0 widening adds up
    assert figures["ease: points behind the best competitor"].value == pytest.approx(3.6)
    assert figures["ease: points behind the best competitor, Dec 2025"].value == pytest.approx(2.6)
    # the share of NPS the ease rating carries, named and sampled as step 7 names it
    share = figures["share of explained NPS variance, ease"]
    assert share.population == f"survey answers (n = {found['plan'].n:,})" and found["plan"].n > 3000
    assert share.value == pytest.approx(41, abs=1)
    care = next(f for f in step.findings if f.theme == "social")
    answered = {f.quantity: f.value for f in care.figures}
    assert answered["social posts about Northstar Mobile answered"] == pytest.approx(38.0)   # 513 of 1,350
    assert answered["social posts about Nimbus Mobile answered"] == pytest.approx(80.0)
    assert not any("Delta" in f.quantity + f.population for f in care.figures)
    recs = {r.theme: r for r in step.recommendations}
    assert [r.theme for r in step.recommendations] == ["ease", "competition", "social", "competition"]
    # halfway from 5.0 to Nimbus Mobile's 8.6 on the benchmark: 6.8
    assert (recs["ease"].kpi.baseline, recs["ease"].kpi.target, recs["ease"].kpi.unit) == (5.0, 6.8, "of 10")
    # social care is held against Nimbus Mobile, the best competitor: halfway from 38% to 80% is 59%
    assert recs["social"].kpi.metric == "Share of social posts answered"
    assert (recs["social"].kpi.baseline, recs["social"].kpi.target) == (38.0, 59.0)
    assert recs["social"].kpi.basis == "halfway to Nimbus Mobile's 80%"


def test_the_speed_of_answer_is_scored_against_the_fastest_competitor(found):
    rows = found["verdict"].components.set_index("component")
    # Nimbus Mobile answers in a median of 22 min, Northstar Mobile in 260: 22 / 260 x 15 = 1.27
    assert rows.loc["Speed of answer", "points"] == pytest.approx(1.3)
    assert rows.loc["Speed of answer", "basis"] == "median time to answer 4 h 20 min vs 22 min for Nimbus Mobile"
    # 38% answered against Nimbus Mobile's 80%: 0.475 x 15 = 7.1
    assert rows.loc["Posts answered", "points"] == pytest.approx(7.1)
