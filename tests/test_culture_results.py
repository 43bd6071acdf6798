"""Step 6's section results: what each states, on hand-built frames and on the demo."""
from __future__ import annotations

import numpy as np
import pandas as pd

from cxlib.culture import alignment, customer_link, dimensions, voices
from cxlib.demo.people import TRUTHS


def test_a_dimension_with_too_few_complete_answers_has_no_alpha():
    # only two respondents answer both statements: alpha needs three complete answers
    staff = pd.DataFrame({"q1": [4, 5, 3, None], "q2": [4, 4, None, 2]})
    table = dimensions.reliability(staff, {"Mine": ("q1", "q2")})
    assert table.iloc[0]["n"] == 2 and np.isnan(table.iloc[0]["alpha"])
    assert dimensions.reliability_table(staff, {"Mine": ("q1", "q2")}).iloc[0]["Verdict"] == "Not measurable"


def test_linked_units_count_staff_and_answered_nps_per_channel():
    staff = pd.DataFrame({"department": ["Retail"] * 3 + ["Customer Care"] * 2 + ["Finance"] * 9})
    survey = pd.DataFrame({"channel": ["store"] * 4 + ["phone", "chat"],
                           "nps": [10, 9, None, 3, 8, 7]})
    # Retail: 3 staff, 3 answered store NPS; Customer Care: 2 staff, 1 phone + 1 chat = 2
    assert customer_link.linked_units(staff, survey, min_staff=2, min_answers=2) == ["Retail", "Customer Care"]
    assert customer_link.linked_units(staff, survey, min_staff=2, min_answers=3) == ["Retail"]
    assert customer_link.linked_units(staff, survey, min_staff=4, min_answers=1) == []


def test_link_table_leaves_out_effort_when_no_channel_has_it():
    table = pd.DataFrame({"department": ["Retail"], "channels": ["store"], "staff": [40], "Values": [3.5],
                          "responses": [90], "nps": [12.0], "nps_low": [2.0], "nps_high": [22.0],
                          "ces": [np.nan]})
    result = customer_link.LinkResult(table, False, "", pd.DataFrame())
    shown = result.client_table()
    # plain headers (no "95% CI", no "(n)"); one decimal for a score, as the sentences print it
    assert list(shown.columns) == ["Department (channels)", "Staff", "Values (of 5)",
                                   "Customer answers", "NPS", "NPS, 95% range"]
    assert shown.iloc[0]["Department (channels)"] == "Retail (store)"
    assert (shown.iloc[0]["Values (of 5)"], shown.iloc[0]["NPS"]) == ("3.5", "+12")
    assert shown.iloc[0]["NPS, 95% range"] == "+2 to +22"


def test_link_table_prints_a_negative_nps_with_a_true_minus():
    table = pd.DataFrame({"department": ["Retail"], "channels": ["store"], "staff": [40], "Values": [3.04],
                          "responses": [90], "nps": [-8.0], "nps_low": [-19.0], "nps_high": [3.0], "ces": [4.96]})
    shown = customer_link.LinkResult(table, False, "", pd.DataFrame()).client_table()
    assert shown.iloc[0]["NPS"] == "\u22128" and shown.iloc[0]["NPS, 95% range"] == "\u221219 to +3"
    assert shown.iloc[0]["Effort (of 7)"] == "5.0"


def test_quotes_carry_the_level_and_the_theme():
    quotes = pd.DataFrame({"group": ["Leaders", "Frontline"], "theme": ["CX as a priority", "Training"],
                           "quote": ["CX is first.", "No training."],
                           "attribution": ["A leader", "A frontline employee"]})
    result = voices.VoicesResult(pd.DataFrame(), quotes, ())
    assert list(result.quoted()["attribution"]) == ["A leader, on CX as a priority",
                                                    "A frontline employee, on training"]


def test_demo_level_comparison_states_the_clarity_gap_and_the_roi_statement(demo):
    result = alignment.compare_levels(demo["employees"])
    assert result.title() == "Leaders and the frontline part ways on Clarity"
    # the counts in words, no interval notation: 36 leaders and 201 frontline staff answered the statement
    assert result.headline() == (
        "Leaders rate Clarity 1.6 points above the frontline: 4.2 against 2.6 out of 5, from 39 leaders and 207 "
        "frontline staff, a gap larger than chance; on People and Values the gaps are smaller (+0.4 and +0.3 "
        "points). 81% of 36 leaders but 6% of 201 frontline staff agree that \u201cI understand how CX pays "
        "back\u201d.")
    assert result.items_title().startswith("The widest split: \u201cI understand how CX pays back\u201d")


def test_demo_department_view_hides_the_small_groups(demo):
    view = alignment.department_view(demo["employees"])
    assert view.focus == TRUTHS.widest_gap_dimension
    assert view.hidden_groups() == 4  # HR leadership and manager, and Finance's two to protect them
    assert view.headline().startswith("Leaders rate Clarity above their own frontline in all 6 departments "
                                      "where both can be shown. 2 groups with fewer than 5 respondents "
                                      "(HR leadership and HR manager) are not shown")
