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


# --- a chart's output says which chart it is ----------------------------------------------------
def _two_bars():
    from cxlib.charts import canvas

    @canvas.house_style
    def two_bars(values, *, title: str = "Two bars", subtitle: str | None = "Counts"):
        fig, ax = canvas.figure(2.0)
        canvas.titles(ax, title, subtitle)
        ax.bar(["a", "b"], values)
        return fig

    return two_bars


def _displayed(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, metadata=None, **kw: shown.append((obj, metadata)))
    monkeypatch.setattr(display, "_publish", lambda html, text, metadata=None: shown.append((html, metadata)))
    return shown


def test_a_sections_chart_carries_its_finding_source_title_and_source_line(monkeypatch):
    from cxlib.report.verdict import Finding
    from cxlib.sections import Needs, Section

    shown = _displayed(monkeypatch)

    class Result:
        table = pd.DataFrame({"n": [3, 5]})

        def title(self):
            return "Five answers, where three were expected"

        def finding(self):
            return Finding("Five answers.", source="cxlib.metrics.nps.nps")

    section = Section(Needs("survey"), Result(), source="Source: survey, 8 answers.")
    display.show_result(section, chart=lambda table, title: _two_bars()(table["n"], title=title), of="table")
    (figure, metadata), (line, _) = shown  # the chart, then its source line
    assert metadata == {display.EXHIBIT_KEY: {"source": "cxlib.metrics.nps.nps", "analysis": "",
                                              "title": "Five answers, where three were expected",
                                              "source_line": "Source: survey, 8 answers."}}
    assert "Source: survey, 8 answers." in line


def count_answers(survey):
    """A section's analysis for the test below: the table of answers by score."""
    return survey.groupby("nps").size().rename("n").to_frame()


def test_a_section_run_by_run_section_names_its_analysis_on_its_chart(monkeypatch):
    from cxlib.sections import Needs, run_section

    shown = _displayed(monkeypatch)
    survey = pd.DataFrame({"nps": [9, 10, 9, 10]})
    section = run_section({"survey": survey}, count_answers, needs=Needs("survey"))
    assert section.analysis == f"{__name__}.count_answers"
    display.show_result(section, chart=lambda frame: _two_bars()(frame["n"], title="Answers"))
    (_, metadata), _ = shown
    assert metadata[display.EXHIBIT_KEY]["analysis"] == f"{__name__}.count_answers"


def test_a_chart_whose_result_states_no_finding_of_its_own_has_no_source_id(monkeypatch):
    from cxlib.sections import Needs, Section

    shown = _displayed(monkeypatch)

    class Result:  # its finding needs another result: a step's verdict writes it
        def finding(self, replies):
            raise AssertionError("never called without its argument")

    display.show_result(Section(Needs("survey"), Result()), chart=lambda result: _two_bars()([1, 2]))
    assert shown[0][1][display.EXHIBIT_KEY]["source"] == ""
    assert shown[0][1][display.EXHIBIT_KEY]["title"] == "Two bars"


def test_an_engagement_chart_is_named_by_the_chart_function_that_drew_it(monkeypatch):
    shown = _displayed(monkeypatch)
    chart = _two_bars()
    display.show_figure(chart([1, 2], title="Overall 49/100,\nweakest on culture"), source="Source: the step reports.")
    metadata = shown[0][1][display.EXHIBIT_KEY]
    assert metadata["source"] == chart.cx_chart == f"{__name__}._two_bars.<locals>.two_bars"
    assert metadata["title"] == "Overall 49/100, weakest on culture"  # lines joined as one title
    assert metadata["source_line"] == "Source: the step reports."


def test_a_chart_title_is_one_svg_group_and_nothing_else_in_the_svg_changes(monkeypatch):
    from cxlib.charts import canvas

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the SVG's date, else the time it was drawn
    titled = canvas.svg(_two_bars()([1, 2], title="Two bars & more"))
    assert titled.count(f'<g id="{canvas.TITLE_ID}">') == 1
    group = titled[titled.index(f'<g id="{canvas.TITLE_ID}">'):]
    assert "Two bars &amp; more" in group[:group.index("</g>")]  # the title's text sits in the group
    monkeypatch.setattr(canvas, "TITLE_ID", None)  # a title without an id, as before
    plain = canvas.svg(_two_bars()([1, 2], title="Two bars & more"))
    # the group's id, and the numbers of the text groups after it, are all that differ
    ids = re.compile(r'id="(?:text_\d+|cx-title)"')
    assert titled != plain and ids.sub('id=""', titled) == ids.sub('id=""', plain)
