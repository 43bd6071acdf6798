"""Customer contact by department: shares by hand, the never-departments, and the demo's Engineering."""
from __future__ import annotations

import pandas as pd
import pytest

from cxlib.culture import contact
from cxlib.demo.people import TRUTHS


def staff() -> pd.DataFrame:
    rows = ([("Engineering", "never")] * 6 + [("Retail", "daily")] * 4 + [("Retail", "monthly")]
            + [("Retail", "yearly")] * 3 + [("Finance", "never")] * 4 + [("Finance", "quarterly")])
    return pd.DataFrame(rows, columns=["department", "customer_contact"]).assign(level="frontline")


def test_shares_per_department_by_hand():
    result = contact.contact_by_department(staff())
    table = result.table.set_index("department")
    # Retail: 4 daily + 1 monthly of 8 -> regular 5/8; yearly 3/8
    assert table.loc["Retail", "n"] == 8
    assert table.loc["Retail", "regular"] == pytest.approx(5 / 8)
    assert table.loc["Retail", "yearly"] == pytest.approx(3 / 8)
    assert table.loc["Finance", "never"] == pytest.approx(4 / 5)
    assert list(result.table["department"]) == ["Retail", "Finance", "Engineering"]
    # overall: 5 regular and 10 never out of 19
    assert result.overall_regular == pytest.approx(5 / 19)
    assert result.overall_never == pytest.approx(10 / 19)


def test_departments_that_never_meet_customers():
    result = contact.contact_by_department(staff())
    assert result.never_departments() == ["Engineering"]
    assert result.rare_departments() == ["Finance"]
    assert result.title() == "Engineering never meets customer feedback"
    # 14 of 19 meet it less than monthly: 74%; the count is said in words, not as "n ="
    assert result.headline() == ("All 6 Engineering respondents never meet customer feedback; across "
                                 "the company 74% of the 19 staff who answered meet it less than monthly.")


def test_demo_engineering_never_meets_customer_feedback(demo):
    result = contact.contact_by_department(demo["employees"])
    assert result.never_departments() == [TRUTHS.no_contact_department]
    row = result.table.set_index("department").loc[TRUTHS.no_contact_department]
    assert row["n"] == TRUTHS.no_contact_respondents and row["never"] == 1.0
    assert result.hidden == ()
    assert result.headline().startswith("All 40 Engineering respondents never meet customer feedback")
