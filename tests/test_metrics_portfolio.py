import pandas as pd
import pytest

from cxlib.metrics import portfolio
from cxlib.metrics.portfolio import portfolio_score


def catalog(smart, forgotten):
    return pd.DataFrame({"smart_goal": smart, "set_and_forget": forgotten})


def test_score_adds_the_five_components_by_the_stated_rule():
    score = portfolio_score(
        responses={"nps": 500, "csat": 500, "ces": 50},      # 2 of 3 measured -> 20 * 2/3 = 13.33
        catalog=catalog([True, True, False, False],           # 50% SMART -> 10
                        [False, True, True, True]),           # 25% in use -> 5
        reported_nps=26.0, adjusted_nps=23.5,                 # 2.5 points inflation -> 20 - 10 = 10
        best_auc=0.65)                                        # (0.65 - 0.5) / 0.25 = 0.6 -> 12
    points = dict(zip(score.components["component"], score.components["points"]))
    assert points == pytest.approx({"Diversified": 13.333, "Goal-driven": 10, "In use": 5,
                                    "Trustworthy": 10, "Predictive": 12}, abs=1e-3)
    assert score.score == 50.3
    assert score.headline() == "The metrics portfolio scores 50/100; the weakest part is in use (5 of 20)."


def test_parts_without_data_are_not_assessed_and_the_score_counts_the_rest():
    score = portfolio_score(responses={"nps": 500, "csat": 500, "ces": 50}, catalog=None,
                            reported_nps=20, adjusted_nps=21, best_auc=None,
                            missing={"churn": "The churn link needs the customer base, which was not provided."})
    table = score.components.set_index("component")
    # assessed: diversified 13.33 of 20 and trustworthy 20 of 20 -> 33.33 / 40 on the 0-100 scale
    assert score.score == 83.3
    assert score.not_assessed == ["Goal-driven", "In use", "Predictive"]
    assert table["points"].isna().sum() == 3
    assert table.loc["Predictive", "basis"] == ("not assessed: the churn link needs the customer base, "
                                                "which was not provided")
    assert table.loc["Goal-driven", "basis"] == "not assessed: no metric catalog provided"
    assert score.headline() == ("The metrics portfolio scores 83/100; the weakest part is diversified (13 of 20); "
                                "goal-driven, in use and predictive could not be assessed.")


def test_auc_points_are_capped():
    high = portfolio_score(responses={}, catalog=None, reported_nps=0, adjusted_nps=0, best_auc=0.9)
    low = portfolio_score(responses={}, catalog=None, reported_nps=0, adjusted_nps=0, best_auc=0.4)
    assert high.components.set_index("component").loc["Predictive", "points"] == 20
    assert low.components.set_index("component").loc["Predictive", "points"] == 0


def test_the_inflation_finding_names_no_one_and_says_what_was_removed(demo):
    from cxlib.metrics import integrity

    audit = integrity.integrity_audit(demo.frames["survey"])
    text = portfolio._inflation_finding(audit, portfolio.headline_metrics(demo.frames["survey"])).text
    assert text.startswith("One agent gives a 10 in 60% of answers")
    assert "without all of that agent's answers and the 10s whose comment says otherwise" in text
    assert "AG-" not in text
