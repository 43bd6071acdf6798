"""The run folder's exports: every client table as one Excel workbook, the engagement as a deck."""
from __future__ import annotations

import datetime as dt
import functools
import io
import json
import re
import shutil

import nbformat
import numpy as np
import openpyxl
import pandas as pd
import pytest

from cxlib import wording
from cxlib.exports import tables
from cxlib.exports.tables import excel_format, numbers_in_text, sheet_name, write_tables
from cxlib.report import display

SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")


# --- the number formats -----------------------------------------------------------------------------
@pytest.mark.parametrize("python, excel", [
    ("{:+.0f}", "+0;-0;0"),                   # NPS: +24, -5, 0
    ("{:+.2f}", "+0.00;-0.00;0.00"),
    ("{:.0f}%", '0"%"'),                      # 45 meaning 45%: the % is text, the value stays 45
    ("{:.1f}%", '0.0"%"'),
    ("{:.0%}", "0%"),                         # 0.45 printed 45%: Excel's % multiplies as Python's does
    ("{:.1%}", "0.0%"),
    ("{:,.0f}", "#,##0"),
    ("{:,.1f}", "#,##0.0"),
    ("{:.1f}", "0.0"),
    ("{:.3f}", "0.000"),
    ("{:,}", "#,##0"),
    ("{:d}", "0"),
    ("${:,.0f}", '"$"#,##0'),
    ("£{:,.2f}", '"£"#,##0.00'),
    ("{:,.0f} EUR", '#,##0" EUR"'),
    ("{v:.1f} h", '0.0" h"'),                 # a named field, text after it
    ("{:+.0f} pts", '+0" pts";-0" pts";0" pts"'),
    ("{:g}", "General"),
    ("{:.0f} of {:.0f}", "General"),          # two numbers in one cell: Excel cannot
    ("no field", "General"),
    (None, "General"),
])
def test_python_formats_translate_to_excel_formats(python, excel):
    assert excel_format(python) == excel


def test_numbers_a_table_holds_as_text_become_numbers_with_their_format():
    # the engagement's scorecard prints scores as text ("49") and "–" where none
    assert numbers_in_text(["57", "–", "28"]) == ([57, None, 28], "0")
    assert numbers_in_text(["30%", "18%"]) == ([30, 18], '0"%"')
    assert numbers_in_text(["+32", "\u221215", "0"]) == ([32, -15, 0], "+0;-0;0")
    assert numbers_in_text(["1,204", "7.5"]) == ([1204.0, 7.5], "#,##0.0")
    # identifiers, ranges, mixed percent and plain numbers stay text
    assert numbers_in_text(["007", "12"]) is None
    assert numbers_in_text(["27% to 33%"]) is None
    assert numbers_in_text(["30%", "18"]) is None
    assert numbers_in_text(["–", None]) is None


def test_sheet_names_fit_excel_and_never_repeat():
    taken = {"Contents"}
    first = sheet_name("7.3", "Each metric against churn: latest answer [per customer]?", taken)
    assert first == "7.3 Each metric against churn"  # 31 characters at most, cut at a word, no : [ ] ?
    assert len(first) <= 31 and not set("[]:*?/\\") & set(first)
    second = sheet_name("7.3", "Each metric against churn: another table", taken)
    assert second != first and len(second) <= 31
    assert sheet_name("0.1", "contents", {"Contents"}) != "Contents"


# --- the table data a report's output carries --------------------------------------------------------
def _published(monkeypatch):
    shown = []
    monkeypatch.setattr(display, "_publish", lambda html, text, metadata=None: shown.append((html, text, metadata)))
    return shown


def test_show_table_carries_its_data_and_keeps_every_row_up_to_the_cap(monkeypatch):
    shown = _published(monkeypatch)
    frame = pd.DataFrame({"rest_nps": [24.3, np.nan] + [1.0] * 28, "share": [45.0] * 30})
    display.show_table(frame, caption="NPS by segment", formats={"share": "{:.0f}%"}, source="Source: survey.")
    html, text, metadata = shown[0]
    assert "Showing the first 25 of 30 rows." in html  # the report still shows 25
    data = metadata[display.TABLE_KEY]
    assert data["columns"] == ["Rest NPS", "Share"]  # the headers the client reads
    assert len(data["rows"]) == 30 and data["total_rows"] == 30 and data["shown_rows"] == 25
    assert data["rows"][1] == [None, 45.0]  # missing is null, numbers stay numbers
    assert data["formats"] == ["{:,.1f}", "{:.0f}%"]  # the default the table picks, and the one given
    assert data["source"] == "Source: survey." and data["row_cap"] == display.TABLE_ROWS_KEPT
    json.dumps(metadata, allow_nan=False)  # a notebook stores it as strict JSON


def test_show_table_output_is_what_it_was_without_the_data(monkeypatch):
    shown = _published(monkeypatch)
    frame = pd.DataFrame({"nps": [24.3, -5.0], "when": pd.to_datetime(["2026-01-02", "2026-02-03"])})
    display.show_table(frame, caption="NPS", formats={"nps": "{:+.0f}"})
    html, text, metadata = shown[0]
    assert html == display.table_html(frame, caption="NPS", formats={"nps": "{:+.0f}"})
    assert text == "NPS\n" + frame.to_string(index=False, na_rep="–")
    assert metadata[display.TABLE_KEY]["rows"][0] == [24.3, "2026-01-02T00:00:00"]
    assert metadata[display.TABLE_KEY]["kinds"] == ["number", "date"]


def test_show_result_gives_its_table_the_sections_source_line(monkeypatch):
    from cxlib.sections import Needs, Section

    shown = _published(monkeypatch)

    class Result:
        table = pd.DataFrame({"n": [3]})

    section = Section(Needs("survey"), Result(), source="Source: survey, 3 answers.")
    display.show_result(section, table="table", caption="Counts")
    assert shown[-1][2][display.TABLE_KEY]["source"] == "Source: survey, 3 answers."


# --- the workbook, from a small executed notebook ----------------------------------------------------
def _table_output(frame: pd.DataFrame, caption: str, formats=None, source: str = "") -> nbformat.NotebookNode:
    data = display.table_data(frame, caption=caption, formats=formats, source=source)
    return nbformat.v4.new_output("display_data", data={"text/html": display.table_html(frame, caption=caption),
                                                        "text/plain": caption},
                                  metadata={display.TABLE_KEY: data})


def _fixture_run(folder):
    """An executed step 7 notebook: a client table, one on an internal page, one in a removed cell,
    and one output the renderer drops (a text/plain repr only)."""
    shares = pd.DataFrame({"segment": ["Consumer", "Business"], "share": [45.0, 12.5], "n": [1204, 87],
                           "nps": [24.3, -5.0], "first_answer": pd.to_datetime(["2026-01-05", "2026-02-01"])})
    cells = [nbformat.v4.new_markdown_cell("# CX metrics"),
             nbformat.v4.new_markdown_cell("## Who answers")]
    shown = nbformat.v4.new_code_cell("report.show_table(...)")
    shown.outputs = [_table_output(shares, "Share of answers by segment",
                                   {"share": "{:.0f}%", "nps": "{:+.0f}"}, "Source: survey, 1,291 answers.")]
    internal = nbformat.v4.new_code_cell("report.show_table(agents)", metadata={"tags": ["internal"]})
    internal.outputs = [_table_output(pd.DataFrame({"agent": ["AG-117"], "tens": [0.6]}), "Share of 10s by agent")]
    removed = nbformat.v4.new_code_cell("report.show_table(scratch)", metadata={"tags": ["remove-cell"]})
    removed.outputs = [_table_output(pd.DataFrame({"x": [1]}), "Scratch")]
    repr_only = nbformat.v4.new_code_cell("frame")
    output = _table_output(pd.DataFrame({"y": [2]}), "A repr")
    output.data = {"text/plain": "   y\n0  2"}
    repr_only.outputs = [output]
    nb = nbformat.v4.new_notebook(cells=cells + [shown, internal, removed, repr_only])
    nbformat.write(nb, folder / "07_metrics.ipynb")
    (folder / "manifest.json").write_text(json.dumps({"client": {"name": "Acme Telecom"}}))
    return folder


def _rows(sheet) -> list[list]:
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_workbook_holds_the_client_tables_with_excel_number_formats(tmp_path):
    path = write_tables(_fixture_run(tmp_path), internal_pages=False)
    assert path == tmp_path / "tables.xlsx"
    book = openpyxl.load_workbook(path)
    # the internal page, the removed cell and the repr-only output never reach the workbook
    assert book.sheetnames == ["Contents", "7.1 Share of answers by segment"]
    assert book.properties.title == "Acme Telecom: the tables of the reports"
    sheet = book["7.1 Share of answers by segment"]
    assert sheet["A1"].value == "Share of answers by segment"
    header = tables.HEADER_ROW + 1  # openpyxl counts from 1
    assert [c.value for c in sheet[header]] == ["Segment", "Share", "n", "NPS", "First answer"]
    assert sheet.cell(header, 1).font.b
    share, count, nps = sheet.cell(header + 1, 2), sheet.cell(header + 1, 3), sheet.cell(header + 2, 4)
    assert share.value == 45 and share.number_format == '0"%"'
    assert count.value == 1204 and count.number_format == "#,##0"
    assert nps.value == -5 and nps.number_format == "+0;-0;0"
    first = sheet.cell(header + 1, 5)  # a real date, printed as the reports print one (5 Jan 2026)
    assert first.value == dt.datetime(2026, 1, 5) and first.number_format == "d mmm yyyy"
    assert sheet.freeze_panes == f"A{header + 1}"
    assert _rows(sheet)[header + 3][0] == "Source: survey, 1,291 answers."  # a blank row, then the source
    contents = book["Contents"]
    links = [c for c in contents["C"] if c.hyperlink is not None]
    assert [(c.value, c.hyperlink.location) for c in links] == [
        ("Share of answers by segment", "'7.1 Share of answers by segment'!A1")]


def test_internal_pages_reach_the_workbook_only_when_the_pack_keeps_them(tmp_path):
    book = openpyxl.load_workbook(write_tables(_fixture_run(tmp_path), internal_pages=True))
    assert book.sheetnames == ["Contents", "7.1 Share of answers by segment", "7.2 Share of 10s by agent"]
    assert tables.INTERNAL_NOTE in [c.value for row in book["7.2 Share of 10s by agent"].iter_rows() for c in row]


def test_a_table_cut_at_the_cap_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(display, "TABLE_ROWS_KEPT", 10)
    cell = nbformat.v4.new_code_cell("report.show_table(long)")
    cell.outputs = [_table_output(pd.DataFrame({"n": range(30)}), "Thirty rows")]
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), tmp_path / "07_metrics.ipynb")
    sheet = openpyxl.load_workbook(write_tables(tmp_path, locale="en-GB", client_name="Acme"))["7.1 Thirty rows"]
    values = [v for row in _rows(sheet) for v in row if v is not None]
    assert "Showing the first 10 of 30 rows." in values and 9 in values and 10 not in values


def test_a_run_without_tables_writes_no_workbook(tmp_path):
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Nothing")]),
                   tmp_path / "07_metrics.ipynb")
    assert write_tables(tmp_path) is None and not (tmp_path / "tables.xlsx").exists()


# --- the demo run: its workbook and its deck ---------------------------------------------------------
@pytest.fixture(scope="module")
def demo_exports(demo_run, demo, tmp_path_factory):
    """The shared demo run's notebooks and results copied aside (the run folder stays as cx run left
    it), with the workbook and the deck written there."""
    from cxlib.exports import write_deck
    from cxlib.summary import engagement

    done, reports = demo_run
    assert done.returncode == 0, done.stdout + done.stderr
    run = tmp_path_factory.mktemp("demo-run")
    for path in (reports / "latest").iterdir():
        if path.suffix in (".ipynb", ".json"):
            shutil.copy(path, run / path.name)
    story = engagement.build(demo, engagement.load_results(run))
    return write_tables(run, internal_pages=False), write_deck(demo, run), story


def test_demo_workbook_has_every_client_table_and_no_internal_one(demo_exports):
    path, _, _ = demo_exports
    book = openpyxl.load_workbook(path)
    names = book.sheetnames
    assert names[0] == "Contents" and len(names) > 20
    assert all(len(n) <= 31 for n in names)
    captions = [c.value for c in book["Contents"]["C"][4:]]
    assert "Score and maturity of each step" in captions
    assert "The customer's profile" not in captions  # step 7's customer view is an internal page
    scores = book[next(n for n in names if n.startswith("0.1 "))]
    header = [c.value for c in scores[tables.HEADER_ROW + 1]]
    assert header == ["Step", "What it asks", "Score", "Maturity"]
    first = scores.cell(tables.HEADER_ROW + 2, 3)
    assert isinstance(first.value, (int, float)) and first.number_format == "0"  # "57" printed, 57 stored


def _texts(shapes) -> list[str]:
    found = []
    for shape in shapes:
        if shape.has_text_frame:
            found.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            found += [cell.text for row in shape.table.rows for cell in row.cells]
    return found


def test_demo_deck_tells_the_engagement_story(demo_exports, demo):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    _, path, story = demo_exports
    spelt = functools.partial(wording.spelling, locale=demo.config.locale)
    assert path is not None and path.name == "engagement.pptx"
    deck = Presentation(path)
    slides = list(deck.slides)
    findings = list(story.findings)
    assert len(slides) == 3 + len(findings) + 1 + 2  # title, summary, scorecard, findings, value, roadmap x2
    assert deck.slide_width * 9 == deck.slide_height * 16
    titles = [s.shapes.title.text for s in slides]
    assert titles[0] == demo.config.name
    assert titles[1:3] == ["Executive summary", spelt(story.card.title())]
    # the demo's planted month story (NPS drops 15 points in the last month) comes first
    assert findings[0].source == "cxlib.summary.story.month_story"
    for slide, finding in zip(slides[3:], findings):  # each finding's sentence, whole, on its slide
        assert spelt(finding.text) in _texts(slide.shapes) or slide.shapes.title.text == spelt(finding.text)
    assert titles[-3:] == ["What is at stake", "The roadmap over the next four quarters",
                           "The initiatives, in the order we would act"]
    (table,) = [s for s in slides[-1].shapes if s.has_table]
    assert len(table.table.rows) == len(story.plan.initiatives) + 1
    chart_slides = [s for s in slides if any(t.startswith("Source:") for t in _texts(s.shapes))
                    and s.shapes.title.text != "What is at stake"]
    assert len(chart_slides) >= 3
    for slide in chart_slides:
        assert any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slide.shapes), slide.shapes.title.text
    summary = _texts(slides[1].shapes)
    assert spelt(story.situation()) in summary and story.kpis()[0][1] in summary


def test_demo_deck_names_no_code_and_carries_the_figures_in_its_notes(demo_exports):
    from pptx import Presentation

    _, path, story = demo_exports
    deck = Presentation(path)
    everything = []
    for slide in deck.slides:
        everything += _texts(slide.shapes)
        if slide.has_notes_slide:
            everything.append(slide.notes_slide.notes_text_frame.text)
    snake = [t for t in everything if SNAKE.search(t)]
    assert not snake, snake[:3]
    assert not [t for t in everything if "cxlib" in t or "Figure(" in t or "nan" in t.split()]
    notes = deck.slides[3].notes_slide.notes_text_frame.text  # the first finding's figures, with whose data
    for figure in story.findings[0].figures:
        assert f"{wording.number(figure.value, figure.unit)}; {figure.population}" in notes


def test_a_run_without_the_engagement_report_gets_no_deck(demo_run, demo, tmp_path):
    from cxlib.exports import write_deck

    _, reports = demo_run
    shutil.copy(reports / "latest" / "07_metrics.result.json", tmp_path)
    assert write_deck(demo, tmp_path) is None and not list(tmp_path.glob("*.pptx"))


def test_demo_deck_shows_the_reports_chart_of_each_finding_that_has_one(demo_exports, demo):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from cxlib.exports.pictures import report_charts

    _, path, story = demo_exports
    spelt = functools.partial(wording.spelling, locale=demo.config.locale)
    charts = report_charts(path.parent, locale=demo.config.locale)
    # the demo's social-care finding is stated by its section's result: step 2's chart carries its source
    assert (2, "cxlib.competition.social.responsiveness") in {(f.step, f.source) for f in story.findings} & set(charts)
    for slide, finding in zip(list(Presentation(path).slides)[3:], story.findings):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        if (finding.step, finding.source) in charts:
            chart = charts[(finding.step, finding.source)]
            assert len(pictures) == 1 and slide.shapes.title.text == spelt(chart.title)
        else:  # a text slide, with the table of its figures
            assert not pictures and slide.shapes.title.text == spelt(finding.text)


# --- the reports' charts as pictures -----------------------------------------------------------------
RED, BLUE = (255, 0, 0), (11, 60, 93)


def _svg(title: str, *, width: float = 360, height: float = 180) -> str:
    """A drawing as matplotlib writes a house chart: the title in ``<g id="cx-title">`` over the top
    30 pt (a red band standing in for its text), the chart itself a blue block from 40 pt down."""
    return (f'<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="{height}pt" '
            f'viewBox="0 0 {width} {height}" version="1.1">\n <g id="figure_1">\n  <g id="axes_1">\n'
            f'   <g id="cx-title">\n    <rect x="0" y="0" width="{width}" height="30" style="fill: #ff0000"/>\n'
            f'    <text x="4" y="20" style="font-size: 14px; fill: #ffffff">{title}</text>\n   </g>\n'
            f'   <rect x="20" y="40" width="{width - 40}" height="{height - 40}" style="fill: #0b3c5d"/>\n'
            f'  </g>\n </g>\n</svg>\n')


def _colours(png: bytes) -> set:
    from PIL import Image

    return {colour for _, colour in Image.open(io.BytesIO(png)).convert("RGB").getcolors(1 << 24)}


def test_an_svg_is_rasterized_at_its_own_size_and_resolution():
    from PIL import Image

    from cxlib.exports.pictures import rasterize

    png = rasterize(_svg("Acme"), dpi=200)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (1000, 500)  # 360 x 180 pt at 200 dpi: 5 x 2.5 inches
    assert image.getpixel((500, 50)) == RED and image.getpixel((500, 300)) == BLUE  # drawn, not blank
    assert image.getpixel((5, 300)) == (255, 255, 255)  # the margin left of the block, on white


def test_an_svg_states_its_size_in_points():
    from cxlib.exports.pictures import svg_size

    assert svg_size(_svg("Acme")) == (360, 180)
    assert svg_size('<svg width="96px" height="1in">') == (72, 72)
    assert svg_size('<svg viewBox="0 0 400 200">') == (300, 150)  # px, as a browser reads a bare number


def test_a_chart_without_its_title_group_keeps_everything_else():
    from cxlib.exports.pictures import untitled

    svg = _svg("Acme answers 38% of posts")
    out = untitled(svg)
    assert 'id="cx-title"' not in out and "Acme answers" not in out and "#ff0000" not in out
    assert out.count("<g") == out.count("</g>") == 2 and "#0b3c5d" in out
    assert untitled(out) == out  # none to take out: unchanged


def _chart_output(svg: str, source: str, title: str, line: str = "") -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={"image/svg+xml": svg, "text/plain": "<Figure>"},
                                  metadata={display.EXHIBIT_KEY: {"source": source, "title": title,
                                                                  "source_line": line}})


def _chart_cell(*outputs, tags=()) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("report.show_result(...)", metadata={"tags": list(tags)})
    cell.outputs = list(outputs)
    return cell


def _deck_run(folder):
    """A run's executed notebooks: the engagement report's two charts, and step 2's chart for the
    social-care finding after one on an internal page and one in a removed cell, then a second one."""
    from cxlib.charts import summary

    care = "cxlib.competition.social.responsiveness"
    engagement = [nbformat.v4.new_markdown_cell("# The engagement"),
                  _chart_cell(_chart_output(_svg("Overall 49/100"), summary.step_scores.cx_chart, "Overall 49/100")),
                  _chart_cell(_chart_output(_svg("The roadmap", height=300), summary.quarter_plan.cx_chart,
                                            "The roadmap over the next four quarters"))]
    step = [nbformat.v4.new_markdown_cell("# Competitors"),
            _chart_cell(_chart_output(_svg("Agents"), care, "Answers by agent"), tags=["internal"]),
            _chart_cell(_chart_output(_svg("Scratch"), care, "Scratch"), tags=["remove-cell"]),
            _chart_cell(_chart_output(_svg("Acme answers 38%"), care, "Acme answers 38% of posts in 4 h",
                                      "Source: social export, 3,000 posts.")),
            _chart_cell(_chart_output(_svg("Later"), care, "A later chart of the same section"))]
    nbformat.write(nbformat.v4.new_notebook(cells=engagement), folder / "00_engagement.ipynb")
    nbformat.write(nbformat.v4.new_notebook(cells=step), folder / "02_competitors.ipynb")
    return folder


def _story(*findings):
    """What the deck reads of an engagement's story, for a run whose value at stake could not be
    computed and whose roadmap holds no initiative."""
    from types import SimpleNamespace as Story

    return Story(situation=lambda: "We read Acme's data.", kpis=lambda: [("Overall score", "49 / 100", "Novice")],
                 value_sentence=lambda: "At stake: nothing known.", findings=list(findings),
                 card=Story(title=lambda: "Overall 49/100"),
                 value=Story(ran=False, reason="The value at stake needs the customer base."),
                 plan=Story(headline=lambda: "No initiative yet.", initiatives=[]))


def test_the_deck_shows_the_chart_a_report_shows_for_a_finding_without_its_title(tmp_path):
    from types import SimpleNamespace as Config

    from PIL import Image
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from cxlib.exports.deck import build_deck
    from cxlib.exports.pictures import report_charts
    from cxlib.report.verdict import Figure, Finding

    care = Finding("Acme answers 38% of the posts about it.", (Figure("posts answered", 38, "%"),),
                   "cxlib.competition.social.responsiveness", step=2)
    tone = Finding("People talk about Acme more negatively.", source="cxlib.competition.social.mention_tone", step=2)
    config = Config(name="Acme Telecom", period=Config(label=lambda: "Jan – Dec 2026"), consultant="", locale="en-GB",
                    brand=Config(primary="#0B3C5D", secondary="#328CC1", accent="#D9B310"))
    charts = report_charts(_deck_run(tmp_path))
    deck = build_deck(Config(config=config), _story(care, tone), prepared=dt.date(2026, 11, 30), charts=charts)
    slides = list(deck.slides)
    titles = [s.shapes.title.text for s in slides]
    assert titles[2] == "Overall 49/100" and titles[-1] == "The roadmap over the next four quarters"
    # the first chart of the finding's source that reaches the client, its title the slide's own
    assert titles[3] == "Acme answers 38% of posts in 4 h"
    (picture,) = [s for s in slides[3].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert "Source: social export, 3,000 posts." in _texts(slides[3].shapes)
    png = picture.image.blob
    width, height = Image.open(io.BytesIO(png)).size
    # 360 pt at 200 dpi is 1,000 px wide; the title's 30 pt band and the blank 10 pt under it are cut
    # to the 0.1 inch (20 px) margin above the chart: 500 px high less 111 px of blank plus 20
    assert width == 1000 and height == pytest.approx(409, abs=2)
    assert picture.width / picture.height == pytest.approx(width / height, rel=0.01)
    colours = _colours(png)
    assert BLUE in colours and RED not in colours  # drawn, and the title is gone
    # a finding no report charts is a text slide, its sentence the title
    assert titles[4] == "People talk about Acme more negatively."
    assert not [s for s in slides[4].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_a_deck_of_reports_without_charts_tells_the_story_in_text_and_tables(demo_exports, demo):
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from cxlib.exports.deck import build_deck
    from cxlib.summary.scorecard import scorecard_table

    _, _, story = demo_exports
    slides = list(build_deck(demo, story, prepared=dt.date(2026, 11, 30), charts={}).slides)
    assert not [s for slide in slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    (card,) = [s for s in slides[2].shapes if s.has_table]  # the steps' scores as the report's table
    assert len(card.table.rows) == len(scorecard_table(story.card)) + 1
    assert slides[-2].shapes.title.text == "One roadmap"
    assert wording.spelling(story.plan.headline(), demo.config.locale) in _texts(slides[-2].shapes)

