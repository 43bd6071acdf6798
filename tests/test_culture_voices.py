"""Comment themes by level: tagging, the top theme, redacted quotes, and the demo's two voices."""
from __future__ import annotations

import pandas as pd

from cxlib.culture import voices
from cxlib.demo.people import TRUTHS


def staff() -> pd.DataFrame:
    leaders = ["CX is our top priority.", "CX is a priority for the board.",
               "We must show the revenue CX brings.", "Customer-centric already.", "Priority one.",
               None]
    front = ["We never hear from customers.", "We never hear from customers.",
             "Customers repeat everything, call me on 415-555-0142.", "More training please.",
             "We never see what customers say, only escalations.", "Handle time targets rule."]
    return pd.DataFrame({"level": ["leadership"] * 6 + ["frontline"] * 6,
                         "comment": leaders + front})


def test_themes_and_top_theme_per_level():
    result = voices.comment_themes(staff())
    # leaders: 5 comments, 4 mention a priority or customer-centricity -> 80%
    assert result.top_theme("Leaders") == ("CX as a priority", 80.0)
    # frontline: 6 comments, 3 about distance from customers -> 50%
    assert result.top_theme("Frontline") == ("Distance from customers", 50.0)
    assert result.comments("Leaders") == 5
    assert result.title() == "Leaders write about CX as a priority; the frontline about distance from customers"


def test_quotes_are_typical_redacted_and_attributed_to_a_level_only():
    result = voices.comment_themes(staff())
    quotes = result.quotes.set_index("group")
    assert quotes.loc["Frontline", "quote"] == "We never hear from customers."  # the most frequent
    assert quotes.loc["Frontline", "attribution"] == "A frontline employee"
    staff_with_pii = staff()
    staff_with_pii.loc[6:8, "comment"] = "Customers repeat everything, call me on 415-555-0142."
    redacted = voices.comment_themes(staff_with_pii).quotes
    assert not redacted["quote"].str.contains("415-555-0142").any()
    assert redacted["quote"].str.contains(r"\[phone removed\]").any()


def test_a_level_with_too_few_comments_is_not_shown():
    frame = staff()
    frame.loc[0:3, "comment"] = None  # leaders keep 1 comment
    result = voices.comment_themes(frame)
    # 1 leader comment is too few, and the frontline's 6 would then reveal it from any total:
    # with only two groups, both are hidden
    assert set(result.hidden) == {"Leaders", "Frontline"}
    assert result.table.empty and result.quotes.empty
    assert result.headline() == "Too few comments to compare what leaders and the frontline write about."


def test_demo_leaders_write_about_priority_the_frontline_about_distance(demo):
    result = voices.comment_themes(demo["employees"])
    assert result.top_theme("Leaders")[0] == TRUTHS.leadership_top_theme
    assert result.top_theme("Frontline")[0] == TRUTHS.frontline_top_theme
    quoted = " ".join(result.quotes["quote"])
    assert not any(pii in quoted for pii in TRUTHS.comment_pii)
    assert set(result.quotes["attribution"]) <= {"A leader", "A manager", "A frontline employee"}
