"""Notebook output helpers and the chart theme."""
from __future__ import annotations

import re

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest

from cxlib.report import display, theme


def _cells(html: str) -> list[str]:
    return re.findall(r"<td(?: [^>]*)?>(.*?)</td>", html)


def test_table_shows_missing_values_as_a_dash_never_nan():
    html = display.table_html(pd.DataFrame({"nps": [24.0, np.nan], "segment": ["Consumer", None]}))
    assert "NaN" not in html and "None" not in html and "nan" not in html
    assert _cells(html) == ["24", "Consumer", "–", "–"]


def test_table_applies_formats_by_column():
    frame = pd.DataFrame({"nps": [24.3, -5.0], "share": [12.4, 40.0]})
    html = display.table_html(frame, formats={"nps": "{:+.0f}", "share": "{:.0f}%"})
    # negative numbers carry a true minus sign (U+2212), as the narrative writes them
    assert _cells(html) == ["+24", "12%", "\u22125", "40%"]


def test_table_drops_an_unnamed_index_and_keeps_a_named_one():
    unnamed = pd.DataFrame({"n": [3]}, index=["ROWLABEL"])
    assert "ROWLABEL" not in display.table_html(unnamed)
    named = pd.DataFrame({"n": [3]}, index=pd.Index(["Consumer"], name="segment"))
    html = display.table_html(named)
    assert "<th>Segment</th>" in html and "Consumer" in html


def test_table_prettifies_machine_names_and_keeps_human_ones():
    html = display.table_html(pd.DataFrame({"rest_nps": [1], "q_value": [0.5], "Why it matters": ["x"]}))
    assert re.findall(r"<th(?: [^>]*)?>(.*?)</th>", html) == ["Rest NPS", "q-value", "Why it matters"]


def test_table_right_aligns_numbers_and_says_yes_no():
    html = display.table_html(pd.DataFrame({"flagged": [True, False], "n": [1204, 7]}))
    assert _cells(html) == ["Yes", '1,204', "No", "7"]
    assert '<td class="num">1,204</td>' in html and "<td>Yes</td>" in html


def test_table_limits_rows_and_says_so():
    html = display.table_html(pd.DataFrame({"n": range(30)}), max_rows=25, caption="All <units>")
    assert len(_cells(html)) == 25
    assert "Showing the first 25 of 30 rows." in html
    assert "<caption>All &lt;units&gt;</caption>" in html


def test_show_table_publishes_html_with_a_readable_text_alternative(monkeypatch):
    published = []
    monkeypatch.setattr(display, "_publish", lambda html, text, metadata=None: published.append((html, text)))
    display.show_table(pd.DataFrame({"nps": [np.nan]}), caption="NPS")
    html, text = published[0]
    assert 'class="cx-table"' in html and "–" in html
    assert text.startswith("NPS")


def test_finding_renders_markdown_and_escapes_html():
    html = display.finding_html("NPS is **+24** (p < 0.001) <script>")
    assert "<strong>+24</strong>" in html
    assert "<script>" not in html and "p &lt; 0.001" in html
    assert 'class="cx-finding"' in html


def test_kpis_make_one_tile_per_item():
    html = display.kpis_html([("NPS", "+24", "95% CI +21 to +27"), ("CSAT", "81%", "")])
    assert html.count('class="cx-kpi"') == 2
    assert html.count('class="cx-kpi-note"') == 1


def test_missing_says_which_dataset_and_what():
    html = display.missing_html("tickets", "first-response times by channel.")
    text = re.sub(r"<[^>]+>", "", html)
    assert "This section needs the tickets dataset, which was not provided: " \
           "first-response times by channel." in text


def test_quote_escapes_customer_text_and_shows_attribution():
    html = display.quote_html("Best <b>ever</b>", "Promoter, app")
    assert "&lt;b&gt;ever&lt;/b&gt;" in html and "— Promoter, app" in html


def test_text_renders_markdown_lists():
    html = display.text_html("**What we found**\n\n1. one\n2. two")
    assert "<ol>" in html and "<strong>What we found</strong>" in html


def test_setup_outside_ipython_applies_the_brand(monkeypatch):
    class Brand:
        primary, secondary, accent = "#112233", "#445566", "#778899"

    class Config:
        brand = Brand()

    display.setup(Config())
    try:
        assert theme.brand().primary == "#112233"
        assert mpl.rcParams["svg.fonttype"] == "none"  # chart text stays text: searchable, copyable
        assert mpl.rcParams["axes.spines.top"] is False
    finally:
        theme.apply_brand()


def test_apply_brand_returns_the_palette_in_brand_order():
    colours = theme.apply_brand("#0b3c5d", "#328CC1", "#D9B310")
    assert colours[:3] == ["#0B3C5D", "#328CC1", "#D9B310"]
    assert theme.palette() == colours


def test_brand_rejects_a_colour_that_is_not_hex():
    with pytest.raises(ValueError):
        theme.apply_brand("navy", "#328CC1", "#D9B310")


def test_text_on_a_light_brand_colour_turns_dark():
    assert display.on_colour("#0B3C5D") == "#FFFFFF"
    assert display.on_colour("#F5E663") == "#1F2A33"


def test_a_light_brand_colour_is_darkened_for_text_and_a_dark_one_kept():
    assert theme.contrast(theme.readable("#F5E663"), "#FFFFFF") >= 4.5
    assert theme.readable("#0B3C5D") == "#0B3C5D"
