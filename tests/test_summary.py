"""The engagement report: value at stake by hand, one roadmap merged by theme, the scorecard equal
to the steps' records, no quantity stated two ways, and the engagement PDF on both demo clients."""
from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from conftest import pdf_text

from cxlib import wording
from cxlib.report.record import StepResult, StepScore, read_result, verdict
from cxlib.report.verdict import Kpi, Recommendation
from cxlib.sections import Unavailable
from cxlib.steps import STEPS
from cxlib.summary.placement import placement
from cxlib.summary.roadmap import roadmap, with_goal
from cxlib.summary.scorecard import scorecard
from cxlib.summary.value import value_at_stake


def _clients(bands: list[tuple[int, int, int, float]]):
    """Survey and customers: per (ces, customers, churned, revenue each) one block of customers."""
    survey, customers, k = [], [], 0
    for ces, n, left, revenue in bands:
        for i in range(n):
            k += 1
            survey.append({"customer_id": f"C{k}", "responded_at": pd.Timestamp("2026-01-01"), "ces": float(ces)})
            customers.append({"customer_id": f"C{k}", "revenue_12m": revenue, "churned": i < left})
    customers.append({"customer_id": "C-none", "revenue_12m": 999.0, "churned": False})  # never answered
    return pd.DataFrame(survey), pd.DataFrame(customers)


def test_value_at_stake_is_revenue_times_the_bands_churn_rate_worked_by_hand():
    # CES 2: 100 customers, 30 left, 200 each; CES 4: 50, 10 left, 100 each; CES 6: 200, 20 left, 300 each
    survey, customers = _clients([(2, 100, 30, 200.0), (4, 50, 10, 100.0), (6, 200, 20, 300.0)])
    value = value_at_stake(survey, customers, currency="GBP", period="Jan 2026")
    # at risk: 70 x 200 x 0.30 + 40 x 100 x 0.20 + 180 x 300 x 0.10 = 4,200 + 800 + 5,400 = 10,400
    assert value.at_risk == pytest.approx(10_400)

    def wilson(k, n, z=1.959964):  # the Wilson score interval, written out
        p = k / n
        centre, half = (p + z * z / (2 * n)), z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        return (centre - half) / (1 + z * z / n), (centre + half) / (1 + z * z / n)

    bounds = [wilson(30, 100), wilson(10, 50), wilson(20, 200)]
    revenue = [70 * 200.0, 40 * 100.0, 180 * 300.0]
    assert value.at_risk_low == pytest.approx(sum(r * lo for r, (lo, _) in zip(revenue, bounds)))
    assert value.at_risk_high == pytest.approx(sum(r * hi for r, (_, hi) in zip(revenue, bounds)))
    # gap: the 70 still-active low-band customers' 14,000 times (0.30 - 0.20) = 1,400
    assert value.gap == pytest.approx(1_400)
    se = math.sqrt(0.3 * 0.7 / 100 + 0.2 * 0.8 / 50)
    assert value.gap_low == pytest.approx(max(0, 0.1 - 1.959964 * se) * 14_000)
    assert value.gap_high == pytest.approx((0.1 + 1.959964 * se) * 14_000)
    assert (value.linked, value.base) == (350, 351)
    assert value.headline().startswith("About £10k of the next twelve months' revenue")
    assert ("the gap in churn between customers who found us hard to deal with (CES 1-3) and those who rated "
            "the effort neutral (CES 4) (30% against 20% in the period) goes with about £1,400 of revenue a year") in value.headline()
    assert any("Only the 350 customers whose survey answer is found" in a for a in value.assumptions())


def test_a_band_nobody_answered_in_is_left_out_and_no_gap_is_not_valued():
    # nobody answered 5-7; the low band churns less than the neutral one
    survey, customers = _clients([(2, 100, 10, 200.0), (4, 50, 10, 100.0)])
    value = value_at_stake(survey, customers)
    assert list(value.bands["band"]) == ["Low (1-3)", "Neutral (4)"] and value.gap == 0
    text = value.headline() + " " + value.table().to_string()
    assert "nan" not in text.lower() and "so there is no churn gap to value" in text
    assert "which is not stated" in value.headline()  # no currency: said once, not after every amount


def test_value_at_stake_says_why_when_a_band_is_too_small():
    survey, customers = _clients([(2, 20, 5, 200.0), (4, 50, 10, 100.0), (6, 200, 20, 300.0)])
    with pytest.raises(Unavailable, match="at least 30 answering customers .* low \\(1-3\\) has 20"):
        value_at_stake(survey, customers)


def _result(step: int, score: float | None, *recs: Recommendation) -> StepResult:
    card = StepScore.from_rows([("Part", score, 100, "basis")])
    padding = [Recommendation(f"Collect data {k}", "x", theme="data", impact="Low", effort="Low") for k in range(3)]
    return verdict(step, card, ["a", "b", "c"], list(recs), score_rule="rule", reserve=padding).step


def test_roadmap_merges_recommendations_by_theme_and_takes_the_clients_goal():
    ease = Kpi("Customer effort (CES)", 4.1, None, "of 7")
    results = {
        1: _result(1, 40, Recommendation("Fix ease", "x", theme="ease", kpi=ease),
                   Recommendation("Name owners", "y", theme="leadership", impact="Medium", effort="Low")),
        3: _result(3, 60, Recommendation("Map the journey", "z", theme="journey", impact="Medium"),
                   Recommendation("Cut steps", "w", theme="ease", effort="High")),
        7: _result(7, 70, Recommendation("Provide churn", "v", theme="data", impact="Medium", effort="Low")),
    }
    goals = pd.DataFrame([{"goal": "Cut customer effort", "metric": "CES", "target": 5.5, "due": "2027-03-31"}])
    plan = roadmap(results, goals)
    # both medium, one step each: the journey move was its step's first, the leadership move its second
    assert [i.theme for i in plan.initiatives] == ["ease", "journey", "leadership"]  # data is not an initiative
    first = plan.initiatives[0]
    assert first.steps == (1, 3) and first.actions == ((1, "Fix ease"), (3, "Cut steps"))
    assert (first.impact, first.effort, first.start, first.end) == ("High", "High", 1, 3)
    assert first.kpi.target == 5.5 and "Cut customer effort" in first.kpi.basis
    # one channel's effort is not the company-wide CES a goal is set on
    assert with_goal(Kpi("Customer effort on email (CES)", 3.9, 4.5, "of 7"), goals).target == 4.5
    assert first.cites() == "steps 1 and 3"
    card = scorecard(results)
    assert card.score == pytest.approx(56.7, abs=0.05) and card.maturity == "Partly assessed"  # 3 of 7 scored
    assert placement(card, plan, 3) == ("In this engagement, step 3 scores 60/100, 2nd highest of the 3 steps "
                                        "scored; it feeds roadmap initiatives 1. Make every contact easy and "
                                        "2. Repair the journey's weakest moments.")


@pytest.fixture(scope="module")
def demo_results(demo_run):
    done, client_reports = demo_run
    assert done.returncode == 0, done.stdout + done.stderr
    latest = client_reports / "latest"
    return latest, {s.number: read_result(latest / f"{s.slug}.result.json") for s in STEPS}


def test_every_score_on_the_scorecard_is_its_steps_record(demo_results):
    latest, results = demo_results
    import json

    recorded = {s["step"]: s["result"] for s in json.loads((latest / "manifest.json").read_text())["steps"] if s["step"]}
    card = scorecard(results)
    for row in card.table.itertuples():
        assert row.score == pytest.approx(recorded[row.step]["score"], abs=0.05)
        assert row.maturity == recorded[row.step]["maturity"]
    text = pdf_text(latest / "00_engagement.pdf")
    for row in card.table.itertuples():
        assert re.search(rf"{row.step}\s+{re.escape(row.title)}\s+{wording.score(row.score)}\s+{row.maturity}", text), row.title


def test_ease_is_one_initiative_citing_steps_1_2_3_and_7(demo_results):
    _, results = demo_results
    plan = roadmap(results)
    (ease,) = [i for i in plan.initiatives if i.theme == "ease"]
    assert {1, 2, 3, 7} <= set(ease.steps) and len(plan.initiatives) <= 10
    # every step's move about ease or effort sits in that one initiative, and no other carries one
    about_ease = {(n, r.action) for n, res in results.items() for r in res.recommendations
                  if re.search(r"\bease\b|\beffort\b|high-effort", r.action, re.I)}
    assert about_ease and about_ease <= set(ease.actions)
    for other in plan.initiatives:
        if other is not ease:
            assert not any(re.search(r"\bease\b", a, re.I) for _, a in other.actions), other.name


def test_no_quantity_is_stated_two_ways_across_the_demo_engagement(demo_results):
    _, results = demo_results
    figures = [(n, fig) for n, r in results.items() for f in r.findings for fig in f.figures]
    assert len(figures) >= 20  # every step states its numbers as figures
    by_key: dict = {}
    for step, fig in figures:
        by_key.setdefault(fig.quantity.casefold(), []).append((step, fig))
    for quantity, stated in by_key.items():
        for i, (s1, a) in enumerate(stated):
            for s2, b in stated[i + 1:]:
                if math.isclose(a.value, b.value, rel_tol=0.02, abs_tol=0.5):
                    continue
                # two values of one quantity must come from two named populations
                assert a.population and b.population and a.key != b.key, (quantity, s1, a, s2, b)
    # the key-driver share of ease is one fact, stated by steps 2, 3 and 7 from one computation
    shares = {(n, round(f.value, 1)) for n, f in figures if f.quantity == "share of explained NPS variance, ease"}
    assert {n for n, _ in shares} >= {2, 7} and len({v for _, v in shares}) == 1


def test_the_engagement_pdf_is_first_clean_and_tells_the_months_story(demo_results, demo_dir):
    latest, results = demo_results
    text = pdf_text(latest / "00_engagement.pdf")
    for bad in ("Traceback", "In [", "import ", "<Figure", "<Axes", "DataFrame", "Warning", "_id", "attr_"):
        assert bad not in text, bad
    assert not re.search(r"\b(nan|NaN|None)\b(?! of)", text)
    from cxlib.demo.planted import PLANTED

    html = (latest / "00_engagement.html").read_text()
    assert [pii for pii in PLANTED.pii if pii in text or pii in html] == []
    assert "AG-1" not in text  # no individual's id in the summary
    assert re.search(r"NPS fell 1\d points in Oct 2026", text)
    assert "in the same month public reviews fell" in text
    assert "Revenue at risk" in text and "$" in text
    customers = pd.read_csv(demo_dir / "customers.csv")
    assert f"of {customers['customer_id'].nunique():,})" in text  # the assumptions name the base
    # the executive summary is one page, its own: page 2, after the cover
    from pypdf import PdfReader

    page = re.sub(r"\s+", " ", PdfReader(latest / "00_engagement.pdf").pages[1].extract_text())
    assert all(part in page for part in ("Executive summary", "At stake:", "The findings that matter most", "NPS fell 1"))
    assert "The seven steps" not in page
    # each step report opens by placing itself in the engagement
    step4 = pdf_text(latest / "04_omnichannel.pdf")
    assert f"In this engagement, step 4 scores {wording.score(results[4].score)}/100" in step4


def test_the_engagement_report_renders_when_steps_are_not_assessed(fernway_run):
    done, client_reports = fernway_run
    assert done.returncode == 0, done.stdout + done.stderr
    text = pdf_text(client_reports / "latest" / "00_engagement.pdf")
    assert "Not assessed" in text and "could not be scored with the data provided" in text
    assert "£" in text  # Fernway's revenue is in pounds (client.yml currency)


def test_the_months_story_connects_the_nps_drop_the_reviews_and_the_comments(demo):
    from cxlib.demo.planted import PLANTED
    from cxlib.summary.story import month_story

    story = month_story(demo.frames["survey"], demo.frames["reviews"])
    survey = demo.frames["survey"]
    month = survey["responded_at"].dt.to_period("M")
    last = survey[month == month.max()]
    # the planted drop: October's NPS about 14 points below September's
    assert story.month == "Oct 2026" and story.nps_change == pytest.approx(PLANTED.last_month_nps_change, abs=4)
    assert story.n_last == last["nps"].notna().sum()
    reviews = demo.frames["reviews"]
    in_oct = reviews["posted_at"].dt.to_period("M") == month.max()
    assert story.reviews_last == pytest.approx(reviews.loc[in_oct, "rating"].mean())
    assert story.reviews_before == pytest.approx(reviews.loc[~in_oct, "rating"].mean())
    words = dict((w, (b, a)) for w, b, a in story.words)
    said = last["comment"].dropna()
    assert words["update"][1] == pytest.approx(100 * said.str.contains(r"\bupdate\b", case=False).mean(), abs=0.5)
    finding = story.finding()
    assert finding.theme == "digital" and "coincide in one month" in finding.text
    assert "cause" not in finding.text and "because" not in finding.text  # a coincidence in time, no more


def test_a_month_without_a_real_drop_tells_no_story(fernway):
    from cxlib.summary.story import month_story

    assert month_story(fernway.frames["survey"], fernway.frames.get("reviews")) is None  # one month of answers


def test_the_html_carries_each_findings_source_and_figures():
    from cxlib.report.display import findings_html
    from cxlib.report.verdict import Figure, Finding

    html = findings_html([Finding("NPS is +24.", (Figure("NPS", 24.4, "points", "survey answers (n = 5,000)"),),
                                  source="cxlib.metrics.nps.nps")])
    assert 'data-source="cxlib.metrics.nps.nps"' in html
    assert 'data-figures="NPS = 24.4 points (survey answers (n = 5,000))"' in html and "<li" in html


def test_at_most_three_initiatives_start_in_a_quarter():
    themes = ["ease", "speed", "social", "empathy", "digital"]
    moves = [Recommendation(f"Move {t}", "x", theme=t, impact="High", effort="Medium") for t in themes]
    plan = roadmap({1: _result(1, 50, *moves[:3]), 2: _result(2, 50, *moves[3:])})
    # all high impact, one step each: ordered by each step's priority, first moves first
    assert [(i.theme, i.start, i.end) for i in plan.initiatives] == [
        ("ease", 1, 2), ("empathy", 1, 2), ("speed", 1, 2), ("digital", 2, 3), ("social", 2, 3)]


def test_a_run_folder_is_read_as_it_is_and_never_replaced_by_a_new_run(tmp_path, monkeypatch):
    from cxlib.summary import engagement

    monkeypatch.setattr("cxlib.engagement.runner.execute_steps",
                        lambda *a, **k: pytest.fail("a given run folder must not start a new run"))
    assert engagement.gather("demo", tmp_path, tmp_path) == {}  # a run whose steps all failed
    assert engagement.results_folder("nobody", None) is None


def test_a_step_scored_on_less_than_half_its_weight_is_shown_but_not_averaged():
    full = _result(1, 80)
    partly = verdict(2, StepScore.from_rows([("A", 20.0, 100, "x"), ("B", None, 150, "not assessed: y")]),
                     ["a", "b", "c"], [], score_rule="r",
                     reserve=[Recommendation(f"m{k}", "x", theme="data") for k in range(3)]).step
    card = scorecard({1: full, 2: partly})
    assert partly.maturity == "Partly assessed" and card.score == 80.0 and card.maturity == "Partly assessed"
    assert "competitors could be scored on less than half their weight and are left out of the average" \
        in card.headline("Acme")
    assert card.rank_of(2) == "2nd highest of the 2 steps scored"
