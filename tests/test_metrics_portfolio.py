import pandas as pd
import pytest

from cxlib.metrics import portfolio
from cxlib.metrics.portfolio import portfolio_score


def catalog(smart, in_use):
    return pd.DataFrame({"smart_goal": smart, "in_use": in_use,
                         "set_and_forget": [not (s and u) for s, u in zip(smart, in_use)]})


def test_score_adds_the_five_components_by_the_stated_rule():
    score = portfolio_score(
        responses={"nps": 500, "csat": 500, "ces": 50},      # 2 of 3 measured -> 20 * 2/3 = 13.33
        catalog=catalog([True, True, False, False],           # 50% SMART -> 10
                        [False, True, False, False]),         # 25% in use -> 5
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


def test_in_use_counts_owned_reviewed_and_viewed_metrics_and_not_the_goal_twice():
    # 4 metrics, none with a SMART goal; 3 owned, reviewed and viewed: goal-driven 0, in use 3/4 -> 15.
    # Counting "no issue at all" instead would give in use 0 and punish the missing goals twice.
    score = portfolio_score(responses=None, catalog=catalog([False] * 4, [True, True, True, False]),
                            reported_nps=None, adjusted_nps=None, best_auc=None)
    table = score.components.set_index("component")
    assert table.loc["Goal-driven", "points"] == 0
    assert table.loc["In use", "points"] == pytest.approx(15.0)
    assert table.loc["In use", "basis"] == ("3 of 4 catalog metrics owned, reviewed within 90 days and viewed "
                                            "at least 10 times in 90 days")


def test_the_score_rule_states_the_thresholds_the_score_uses():
    from cxlib.metrics.catalog import IN_USE_RULE

    assert f"*In use*: the share of catalog metrics that are {IN_USE_RULE};" in portfolio.SCORE_RULE_TEXT
    assert "at least 100 answers each" in portfolio.SCORE_RULE_TEXT
    assert "20 points less 4 for every point" in portfolio.SCORE_RULE_TEXT
    assert "from nothing at 0.50 to everything at 0.75 or more" in portfolio.SCORE_RULE_TEXT


def test_the_demo_catalog_has_6_of_12_metrics_in_use(demo):
    # owned, reviewed within 90 days and viewed 10+ times: CSAT (post-contact), NPS, CES, churn rate,
    # first contact resolution, digital containment; handle time and brand awareness are stale and
    # the four set-and-forget metrics have no owner
    from cxlib.metrics.catalog import audit_catalog

    table = audit_catalog(demo.frames["metrics"], demo.config.goals_frame(), as_of=demo.config.period.end)
    assert int(table["in_use"].sum()) == 6 and len(table) == 12
    score = portfolio_score(responses=None, catalog=table, reported_nps=None, adjusted_nps=None, best_auc=None)
    assert score.components.set_index("component").loc["In use", "points"] == pytest.approx(10.0)


def test_the_inflation_finding_removes_only_contradicted_tens_and_names_no_one(demo):
    from cxlib.metrics import integrity
    from cxlib.text.sentiment import compound

    survey = demo.frames["survey"]
    audit = integrity.integrity_audit(survey, names=demo.brand_names)
    # by hand: a 10 is contradicted when its comment reads negative or its CSAT is 1-3
    score = pd.to_numeric(survey["nps"], errors="coerce")
    tens = score == 10
    negative = compound(survey["comment"], names=demo.brand_names) <= -0.05
    contradicted = tens & (negative | (pd.to_numeric(survey["csat"], errors="coerce") <= 3))
    kept = score[~contradicted].dropna()
    by_hand = 100 * ((kept >= 9).mean() - (kept <= 6).mean())
    assert audit.excluded == int(contradicted.sum()) == 55
    assert audit.from_flagged == int((contradicted & (survey["agent_id"] == "AG-117")).sum()) == 53
    assert audit.adjusted_nps == pytest.approx(by_hand)
    assert round(audit.reported_nps) == 27 and round(audit.adjusted_nps) == 26
    # the planted agent's other answers stay: its detractors still count
    assert ((score <= 6) & (survey["agent_id"] == "AG-117")).sum() > 0
    finding = portfolio._inflation_finding(audit, portfolio.headline_metrics(survey))
    # the NPS it corrects is the headline's, over the same answers
    assert {f.population for f in finding.figures} == {"survey answers (n = 4,903)"}
    text = finding.text
    assert text == ("One agent gives a 10 in 60% of answers against 16% for other agents, more than chance "
                    "explains; without the 55 scores of 10 (53 of them that agent's) that the same answer's comment "
                    "or satisfaction rating contradicts, NPS is +26 instead of +27.")
    assert "AG-" not in text and len(text.split()) <= 45
