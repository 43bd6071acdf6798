"""Social care and tone per brand, on posts whose answers and sentiment can be counted by hand."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cxlib.competition.social import (
    mention_tone,
    named_elsewhere,
    response_minutes,
    responsiveness,
)

POSTED = pd.Timestamp("2026-03-02 10:00")


def _post(brand, text="Does it do eSIM?", answered_after=None, responded=None):
    answered = answered_after is not None if responded is None else responded
    return {"brand": brand, "platform": "X", "posted_at": POSTED, "text": text,
            "responded": answered,
            "responded_at": POSTED + pd.Timedelta(minutes=answered_after) if answered_after is not None else pd.NaT}


@pytest.fixture
def social() -> pd.DataFrame:
    return pd.DataFrame([
        # Us: 4 posts, 3 answered after 30, 90 and 200 minutes.
        _post("Us", answered_after=30), _post("Us", answered_after=90), _post("Us", answered_after=200),
        _post("Us"),
        # A: 2 posts, both answered after 10 and 20 minutes.
        _post("A", answered_after=10), _post("A", answered_after=20),
        # B: 2 posts, one answered but without a time.
        _post("B", responded=True), _post("B"),
    ])


def test_response_minutes_ignore_unanswered_and_impossible_times():
    data = pd.DataFrame([_post("Us", answered_after=45), _post("Us"), _post("Us", answered_after=-5)])
    assert response_minutes(data).tolist()[0] == 45
    assert response_minutes(data).iloc[1:].isna().all()  # not answered; answered "before" the post


def test_rate_median_and_share_within_two_hours(social):
    table = responsiveness(social, "Us", min_posts=1).table.set_index("brand")
    # Us: 3 of 4 answered = 75%; median of 30, 90, 200 = 90; 2 of 3 within 120 min = 66.7%.
    assert table.loc["Us", ["mentions", "answered", "response_rate", "median_minutes"]].tolist() == [4, 3, 75.0, 90.0]
    assert table.loc["Us", "within_2h"] == pytest.approx(200 / 3)
    # A: 2 of 2 = 100%, median 15, both within two hours.
    assert table.loc["A", ["response_rate", "median_minutes", "within_2h"]].tolist() == [100.0, 15.0, 100.0]
    # B: answered once, but with no time: it counts as answered, not in the times.
    assert table.loc["B", ["response_rate", "timed"]].tolist() == [50.0, 0]
    assert np.isnan(table.loc["B", "median_minutes"])


def test_client_first_and_best_competitor(social):
    result = responsiveness(social, "us", min_posts=1)
    assert result.table["brand"].iloc[0] == "Us" and result.client == "Us"
    assert result.best_competitor["brand"] == "A"
    assert result.headline() == (
        "Us answers 75% of the 4 posts about it, in a median of 1 h 30 min. A answers 100% of its 2 posts, "
        "in a median of 15 min.")
    assert result.title() == "Us answers 75% of posts in 1 h 30 min; A 100% in 15 min"
    assert "Delta" not in result.headline() and "Sephora" not in result.headline()


def test_kpis_and_report_table(social):
    result = responsiveness(social, "Us", min_posts=1)
    kpis = result.kpis()
    assert kpis[0] == ("We answer", "75%", "3 of 4 posts")
    assert kpis[1] == ("Our median time", "1\u00a0h 30\u00a0min", "median of 3 answers")  # breaks only between
    assert kpis[2][:2] == ("A answers", "100%")
    report = result.for_report().set_index("Brand")
    assert report.loc["Us", "Answered"] == "75% (3)" and report.loc["B", "Median time to answer"] == "–"
    assert list(report.columns) == ["Posts about it", "Answered", "Median time to answer"]


def test_the_bar_is_the_best_competitor_in_the_clients_own_data(social):
    result = responsiveness(social, "Us", min_posts=1)
    # A answers 2 of 2 (100%) in a median of 15 min; B answers 1 of 2 with no time.
    rate, speed = result.rate_bar(), result.speed_bar()
    assert (rate.value, rate.name, rate.own) == (100.0, "A", False)
    assert (speed.value, speed.name) == (15.0, "A")
    assert result.behind() == (True, True)  # 75% < 100%, 90 min > 15 min
    move = result.moves()[0]
    assert move.rationale == ("You answer 75% in a median of 1 h 30 min; A, the best of 2 competitors, answers "
                              "100% in a median of 15 min.")
    # halfway from 75% to A's 100%: 87.5 -> 88
    assert (move.kpi.metric, move.kpi.baseline, move.kpi.target) == ("Share of social posts answered", 75.0, 88.0)
    assert "Sephora" not in move.rationale + move.kpi.basis + move.action


def test_the_clients_own_benchmark_replaces_the_best_competitor(social):
    from cxlib.config import Benchmark

    rate = Benchmark(metric="social response rate", value=0.6, unit="", source="Telecom survey 2026")
    hours = Benchmark(metric="social response hours", value=2, unit="hours", source="Telecom survey 2026")
    result = responsiveness(social, "Us", min_posts=1, rate_benchmark=rate, hours_benchmark=hours)
    # 0.6 is read as 60%; 2 hours as 120 minutes: Us (75%, 90 min) beats both, so no move is needed.
    assert (result.rate_bar().value, result.speed_bar().value) == (60.0, 120.0)
    assert result.rate_bar().own and result.behind() == (False, False) and result.moves() == []
    finding = result.finding()
    assert finding.text.endswith(" Your industry benchmark (Telecom survey 2026): 60% answered in a median of 2 h.")
    assert {f.quantity: f.value for f in finding.figures}["social posts answered, industry benchmark"] == 60.0


def test_a_client_without_posts_is_unknown(social):
    result = responsiveness(social, "Northstar Mobile")
    assert result.client_row is None
    assert "no posts about the client" in result.headline()


def test_tone_shares_per_brand():
    posts = pd.DataFrame([
        _post("Us", "I love it, great service!"), _post("Us", "Terrible service, awful."),
        _post("Us", "Terrible, I hate it."), _post("Us", "Does it do eSIM?"),
        _post("A", "I love it, great service!"), _post("A", "Does it do eSIM?"),
        _post("A", None),
    ])
    result = mention_tone(posts, "Us", min_posts=2)
    table = result.table.set_index("brand")
    # Us: 1 positive, 1 neutral, 2 negative of 4 -> 25 / 25 / 50, net -25.
    assert table.loc["Us", ["mentions", "positive", "neutral", "negative", "net"]].tolist() == [4, 25.0, 25.0, 50.0, -25.0]
    # A: the post without text is left out: 1 positive, 1 neutral of 2 -> net +50.
    assert table.loc["A", ["mentions", "positive", "net"]].tolist() == [2, 50.0, 50.0]
    assert result.table["brand"].tolist() == ["A", "Us"]  # most positive first
    assert result.headline().startswith("The 4 posts about Us are 25% positive and 50% negative "
                                        "(net \u221225, the least positive of 2 brands).")
    assert result.title() == "People talk about Us more negatively than about any competitor"
    # the two posts behind the finding: A's most positive, Us's most negative
    assert result.quotes.to_dict("records") == [
        {"quote": "I love it, great service!", "attribution": "The most positive post about A, X"},
        {"quote": "Terrible, I hate it.", "attribution": "The most negative post about Us, X"}]


def test_a_brand_with_too_few_posts_is_not_ranked():
    posts = pd.DataFrame([_post("Us", "Terrible service, awful.")] * 3 + [_post("A", "Great service")] * 2)
    result = mention_tone(posts, "Us", min_posts=3)
    assert result.table["brand"].tolist() == ["Us"] and result.unranked == ("A",)
    assert result.headline().endswith("Not ranked, with fewer than 3 posts: A.")
    thin = mention_tone(posts, "Us", min_posts=5)
    assert thin.table.empty and thin.headline() == (
        "The social dataset has too few posts about the client (fewer than 5 posts), so its tone is not ranked.")


def test_posts_about_competitors_that_name_the_client():
    posts = pd.DataFrame([
        _post("A", "Switched from US to A, call me on 415-555-0142"),
        _post("A", "A and Us are the same price"),
        _post("A", "A is great"), _post("A", "Business is booming"),  # 'us' inside a word is no match
        _post("Us", "Us again"),  # the client's own posts are not counted
    ])
    result = named_elsewhere(posts, "Us", min_posts=1)
    row = result.table.set_index("brand").loc["A"]
    assert row[["mentions", "naming_client", "switching"]].tolist() == [4, 2, 1]
    assert row["share"] == pytest.approx(50.0)
    assert "[phone removed]" in " ".join(result.posts["text"]) and "415" not in " ".join(result.posts["text"])
    assert result.headline() == ("2 of the 4 posts about A (50%) name Us; 1 of them talks about "
                                 "leaving or switching.")
    assert len(result.quotes(5)) == 2


def test_the_named_elsewhere_clause_counts_posts_and_switchers():
    from cxlib.competition.social import NamedElsewhere

    def clause(naming, switching):
        table = pd.DataFrame({"brand": ["Joy"], "mentions": [150], "naming_client": [naming], "share": [8.0],
                              "switching": [switching]})
        return NamedElsewhere("Fernway Home", table, pd.DataFrame()).clause()

    assert clause(12, 12) == "12 posts about Joy name Fernway Home, all of them about leaving or switching"
    assert clause(12, 5) == "12 posts about Joy name Fernway Home, 5 of them about leaving or switching"
    assert clause(12, 0) == "12 posts about Joy name Fernway Home"
    assert clause(0, 0) == ""
