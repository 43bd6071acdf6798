import pandas as pd

from cxlib.metrics.catalog import audit_catalog

AS_OF = pd.Timestamp("2026-10-31")


def goals():
    return pd.DataFrame({
        "goal": ["Lift relationship NPS", "Improve CSAT", "Cut effort"],
        "metric": ["NPS", "CSAT", "CES"],
        "target": [35, None, 5],
        "due": [pd.Timestamp("2027-06-30"), pd.Timestamp("2027-01-01"), pd.NaT],
    })


def catalog():
    return pd.DataFrame({
        "metric": ["NPS", "CSAT", "CES", "Handle time"],
        "definition": ["..."] * 4,
        "owner": pd.array(["Dana", None, "Sam", "  "], dtype="string"),
        "cadence": ["monthly", "weekly", "quarterly", "daily"],
        # CSAT's goal has no target; CES's goal has no due date; the last differs only in case
        "linked_goal": ["Lift relationship NPS", "Improve CSAT", "Cut effort",
                        "lift relationship nps "],
        "last_reviewed": [AS_OF - pd.Timedelta(days=30), AS_OF - pd.Timedelta(days=200), pd.NaT,
                          AS_OF - pd.Timedelta(days=90)],
        "dashboard_views_90d": pd.array([120, 3, 1, 10], dtype="Int64"),
    })


def test_each_issue_is_named_and_the_worst_metric_comes_first():
    table = audit_catalog(catalog(), goals(), as_of=AS_OF)
    assert list(table.columns) == [
        "metric", "owner", "cadence", "linked_goal", "smart_goal", "has_owner",
        "days_since_review", "dashboard_views_90d", "issues", "set_and_forget", "in_use",
    ]
    assert table["metric"].tolist() == ["CSAT", "CES", "Handle time", "NPS"]
    assert table["issues"].tolist() == [
        "no SMART goal; no owner; not reviewed in 90 days; 3 views in 90 days",
        "no SMART goal; never reviewed; 1 view in 90 days",
        "no owner",  # reviewed exactly 90 days ago and 10 views: both still fine
        "",
    ]
    assert table["set_and_forget"].tolist() == [True, True, True, False]


def test_smart_goal_owner_and_review_age_columns():
    table = audit_catalog(catalog(), goals(), as_of=AS_OF).set_index("metric")
    assert table["smart_goal"].to_dict() == {
        "CSAT": False, "CES": False, "Handle time": True, "NPS": True,
    }
    assert table["has_owner"].to_dict() == {
        "CSAT": False, "CES": True, "Handle time": False, "NPS": True,
    }
    assert table.loc["NPS", "days_since_review"] == 30
    assert table.loc["CSAT", "days_since_review"] == 200
    assert pd.isna(table.loc["CES", "days_since_review"])


def test_in_use_means_owned_reviewed_and_viewed_whatever_the_goal():
    # NPS: owner, 30 days, 120 views -> in use. CSAT: no owner, 200 days, 3 views -> not.
    # CES: owner but never reviewed -> not. Handle time: no owner (blank) -> not, though reviewed
    # 90 days ago with 10 views. A metric without a SMART goal is not kept out of "in use" for it:
    table = audit_catalog(catalog(), goals(), as_of=AS_OF).set_index("metric")
    assert table["in_use"].to_dict() == {"CSAT": False, "CES": False, "Handle time": False, "NPS": True}
    named = catalog().assign(owner=pd.array(["Dana", None, "Sam", "Lee"], dtype="string"))
    table = audit_catalog(named, goals(), as_of=AS_OF).set_index("metric")
    # Handle time now has an owner; its goal is SMART, 90 days is within 90 and 10 views is enough
    assert table.loc["Handle time", "in_use"]
    no_goals = audit_catalog(named, pd.DataFrame(columns=["goal", "metric", "target", "due"]), as_of=AS_OF)
    assert no_goals.set_index("metric")["in_use"].to_dict() == {
        "CSAT": False, "CES": False, "Handle time": True, "NPS": True}
    assert not no_goals["smart_goal"].any() and no_goals["set_and_forget"].all()


def test_the_in_use_rule_text_is_built_from_the_thresholds():
    from cxlib.metrics.catalog import IN_USE_RULE, MIN_VIEWS, STALE_DAYS

    assert (STALE_DAYS, MIN_VIEWS) == (90, 10)
    assert IN_USE_RULE == "owned, reviewed within 90 days and viewed at least 10 times in 90 days"


def test_shown_columns_read_as_words():
    from cxlib.metrics.catalog import catalog_audit

    shown = catalog_audit(catalog(), goals(), as_of=AS_OF).shown()
    assert list(shown.columns) == ["Metric", "Owner", "What is missing"]
    assert shown["What is missing"].tolist() == [
        "no SMART goal; no owner; last reviewed 200 days ago; 3 views in 90 days",
        "no SMART goal; never reviewed; 1 view in 90 days",
        "no owner",
        "–",
    ]


def test_thresholds_are_parameters():
    table = audit_catalog(catalog(), goals(), as_of=AS_OF, stale_days=20, min_views=200)
    nps = table.set_index("metric").loc["NPS", "issues"]
    assert nps == "not reviewed in 20 days; 120 views in 90 days"


def test_no_goals_means_no_metric_has_a_smart_goal():
    empty = pd.DataFrame(columns=["goal", "metric", "target", "due"])
    table = audit_catalog(catalog(), empty, as_of=AS_OF)
    assert not table["smart_goal"].any()
    assert table["issues"].str.contains("no SMART goal").all()


def test_catalog_headline_counts_forgotten_metrics():
    from cxlib.metrics.catalog import catalog_headline

    table = pd.DataFrame({"set_and_forget": [True, True, False], "smart_goal": [False, True, True],
                          "has_owner": [False, False, True]})
    assert catalog_headline(table) == ("2 of 3 catalog metrics are 'set and forget': 1 is not tied to a "
                                       "SMART goal and 2 have no owner.")
