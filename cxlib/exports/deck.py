"""The engagement as an editable slide deck: ``engagement.pptx`` in the run folder.

The story is the engagement report's own (:func:`cxlib.summary.engagement.build` on the run's step
results), told in its sentences and titles: a title slide, the executive summary (the situation,
the KPI tiles, the value at stake), the scorecard, one slide a key finding with the chart its
report shows for it (the first chart of the reports whose source id is the finding's ``source``;
a text slide with its figures when there is none), the value at stake, the roadmap and its
initiatives. Every word is a text box or a table cell, in the client's brand colours; charts are
the reports' own pictures (:mod:`cxlib.exports.pictures`, read from the run's executed notebooks)
with their title lifted into the slide's title. Nothing here computes a number, words one or draws
a chart.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from cxlib import atomic, wording
from cxlib.data import ClientData
from cxlib.exports.pictures import ReportChart, report_charts, slide_picture
from cxlib.report import theme
from cxlib.steps import ENGAGEMENT

FILENAME = "engagement.pptx"
FONT = "Arial"  # on every client's machine; Liberation Sans (its metric twin) measures it here
WIDTH, HEIGHT = 40 / 3, 7.5  # inches, 16:9
MARGIN = 0.55
CONTENT_TOP = 1.55  # below a one- or two-line title
FOOTER_TOP = 7.0
MUTED = "#5C6770"
TILE = "#F3F5F7"
LINE = 1.2  # line height as a multiple of the font size


# --- measuring text ------------------------------------------------------------------------------
# Font files measuring like Arial (Liberation Sans is its metric twin), regular and bold.
MEASURE_FILES = {False: ("LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf"),
                 True: ("LiberationSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf")}


@lru_cache(maxsize=2)
def _font(bold: bool):
    """The font text is measured in: Arial's metrics where this machine has them, else the house
    font (wider, so text measured in it fits in Arial too)."""
    from matplotlib import font_manager

    wanted = MEASURE_FILES[bold]
    found = sorted((p for p in font_manager.findSystemFonts() if Path(p).name in wanted),
                   key=lambda p: wanted.index(Path(p).name))
    if found:
        return font_manager.FontProperties(fname=found[0], size=100)
    return font_manager.FontProperties(family=theme.FONT, weight="bold" if bold else "normal", size=100)


@lru_cache(maxsize=20000)
def _width(text: str, bold: bool = False) -> float:
    """Width of ``text`` at 1 pt, in points."""
    from matplotlib.textpath import text_to_path

    if not text:
        return 0.0
    width, _, _ = text_to_path.get_text_width_height_descent(text, _font(bold), ismath=False)
    return width / 100


def wrap(text: str, size: float, width_in: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width_in`` at ``size`` pt, at spaces only (a word
    wider than the line keeps a line of its own; nothing is cut)."""
    room = width_in * 72 / size
    space = _width(" ", bold)
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        line, used = "", 0.0
        for word in paragraph.split():
            w = _width(word, bold)
            if line and used + space + w > room:
                lines.append(line)
                line, used = word, w
            else:
                line, used = (f"{line} {word}", used + space + w) if line else (word, w)
        lines.append(line)
    return lines


def fit(text: str, width_in: float, height_in: float, sizes, bold: bool = False) -> tuple[float, float]:
    """The largest of ``sizes`` at which ``text`` fits the box, and the height it then takes (in
    inches); the smallest size, and its height, when none fits."""
    size = sizes[-1]
    for size in sizes:
        height = len(wrap(text, size, width_in, bold)) * size * LINE / 72
        if height <= height_in:
            return size, height
    return size, len(wrap(text, size, width_in, bold)) * size * LINE / 72


# --- slide parts ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Look:
    """The deck's colours and words: the client's brand and the reports' locale."""

    primary: str
    secondary: str
    accent: str
    locale: str
    footer: str

    @property
    def ink(self) -> str:
        return theme.readable(self.primary)

    def say(self, text) -> str:
        return wording.spelling(str(text), self.locale)


def _rgb(colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(theme.hex_colour(colour).lstrip("#"))


def _runs(paragraph, text: str, *, size: float, colour: str, bold: bool = False) -> None:
    """Write ``text`` into ``paragraph``; ``**bold**`` spans become bold runs."""
    from pptx.util import Pt

    for i, part in enumerate(re.split(r"\*\*", text)):
        if not part:
            continue
        run = paragraph.add_run()
        run.text = part
        run.font.size, run.font.name = Pt(size), FONT
        run.font.bold = bold or i % 2 == 1
        run.font.color.rgb = _rgb(colour)


def _plain(text: str) -> str:
    return str(text).replace("**", "")


def _text(slide, left, top, width, height, paragraphs, *, size: float, colour: str = theme.INK,
          bold: bool = False, space: float = 0.0, align=None):
    """A text box of one paragraph per item of ``paragraphs``, wrapped, never resized by the viewer."""
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap, frame.auto_size, frame.vertical_anchor = True, MSO_AUTO_SIZE.NONE, MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Inches(0)
    for i, item in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.line_spacing = LINE * 0.85  # PowerPoint's "1.0" is about 1.2 em already
        if i and space:
            paragraph.space_before = Pt(space)
        if align is not None:
            paragraph.alignment = align
        _runs(paragraph, item, size=size, colour=colour, bold=bold)
    return box


def _title(slide, text: str, look: Look, *, height: float = 1.0, room: float | None = None,
           sizes=(28, 26, 24, 22, 20)) -> float:
    """Set the slide's title (its title placeholder, so outlines and screen readers find it): wrapped,
    a little smaller when it would take more than ``room`` inches (``height`` by default), never cut;
    set on the bottom of a box at least ``height`` tall. Returns where the content below may start."""
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Inches

    text = look.say(text)
    width = WIDTH - 2 * MARGIN
    size, used = fit(text, width, room or height, sizes, bold=True)
    shape = slide.shapes.title
    shape.left, shape.top, shape.width = Inches(MARGIN), Inches(0.4), Inches(width)
    shape.height = Inches(max(height, used))
    frame = shape.text_frame
    frame.word_wrap, frame.auto_size, frame.vertical_anchor = True, MSO_AUTO_SIZE.NONE, MSO_ANCHOR.BOTTOM
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Inches(0)
    frame.clear()
    paragraph = frame.paragraphs[0]
    paragraph.line_spacing = LINE * 0.85
    paragraph.alignment = PP_ALIGN.LEFT
    _runs(paragraph, text, size=size, colour=look.ink, bold=True)
    bottom = 0.4 + max(height, used)
    _rule(slide, MARGIN, bottom + 0.1, 1.3, 0.06, look.accent)
    return bottom + 0.35


def _rule(slide, left, top, width, height, colour: str):
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches

    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(left), Inches(top), Inches(width), Inches(height))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(colour)
    shape.line.fill.background()
    shape.shadow.inherit = False
    return shape


def _footer(slide, look: Look, number: int) -> None:
    from pptx.enum.text import PP_ALIGN

    _text(slide, MARGIN, FOOTER_TOP + 0.12, 9.0, 0.25, [look.footer], size=9, colour=MUTED)
    _text(slide, WIDTH - MARGIN - 1.0, FOOTER_TOP + 0.12, 1.0, 0.25, [str(number)], size=9, colour=MUTED,
          align=PP_ALIGN.RIGHT)


def _picture(slide, chart: ReportChart, left: float, top: float, width: float, height: float, look: Look) -> float:
    """The chart without its title, as large as fits the box and centred in it, its source line
    under it. Returns the bottom of the source line."""
    from pptx.util import Inches

    drawn = slide_picture(chart)
    source_room = 0.35 if chart.source else 0.0
    ratio = drawn.width / drawn.height
    w = min(width, (height - source_room) * ratio)
    h = w / ratio
    x = left + (width - w) / 2
    picture = slide.shapes.add_picture(io.BytesIO(drawn.png), Inches(x), Inches(top), Inches(w), Inches(h))
    picture.name = "Chart"
    picture._element.nvPicPr.cNvPr.set("descr", look.say(chart.title or "Chart"))  # alt text
    bottom = top + h
    if chart.source:
        size, used = fit(look.say(chart.source), width, 0.4, (10, 9, 8))
        _text(slide, left, bottom + 0.06, width, used + 0.05, [look.say(chart.source)], size=size, colour=MUTED)
        bottom += 0.06 + used
    return bottom


def _notes(slide, lines: list[str], look: Look) -> None:
    if lines:
        slide.notes_slide.notes_text_frame.text = look.say("\n".join(_plain(line) for line in lines))


# --- native tables -------------------------------------------------------------------------------
PAD = 0.16  # a table cell's left and right margins together, inches


def _fits(column: list[str], size: float, width: float, lines: int) -> bool:
    """Whether every cell of a column (its header first, in bold) takes at most ``lines`` lines."""
    return all(len(wrap(cell, size, width - PAD, bold=i == 0)) <= lines for i, cell in enumerate(column))


def _narrowest(column: list[str], size: float, lines: int, low: float, high: float) -> float:
    """The narrowest width (inches, between ``low`` and ``high``) at which every cell of the column
    takes at most ``lines`` lines."""
    if _fits(column, size, low, lines):
        return low
    for _ in range(14):
        middle = (low + high) / 2
        low, high = (low, middle) if _fits(column, size, middle, lines) else (middle, high)
    return high


def _column_widths(cells: list[list[str]], size: float, total: float) -> list[float]:
    """Column widths (inches) summing to ``total`` for columns of cells (each column's header
    first, set in bold): the fewest lines any cell wraps to, then the room left to the columns that
    need the least of it to fit on one line; none narrower than its longest word."""
    def longest(column, words: bool) -> float:
        return max((_width(part, i == 0) * size / 72 for i, cell in enumerate(column)
                    for part in (cell.split() if words else [cell])), default=0) + PAD

    need = [longest(column, False) for column in cells]
    floor = [min(n, longest(column, True)) for n, column in zip(need, cells)]
    if sum(floor) >= total:
        return [w * total / sum(floor) for w in floor]
    widths = floor
    for lines in range(1, 40):
        widths = [_narrowest(column, size, lines, f, n) for column, f, n in zip(cells, floor, need)]
        if sum(widths) <= total:
            break
    for j in sorted(range(len(cells)), key=lambda j: need[j] - widths[j]):
        if widths[j] < need[j] and sum(widths) - widths[j] + need[j] <= total:
            widths[j] = need[j]
    return [w * total / sum(widths) for w in widths]


def _table(slide, frame: pd.DataFrame, left: float, top: float, width: float, height: float, look: Look,
           sizes=(12, 11, 10, 9, 8)) -> float:
    """``frame`` as an editable table in the box, printed as the report prints it (header in the
    brand colour, numbers set right), at the largest of ``sizes`` whose wrapped rows fit the box's
    height. Returns the table's bottom (as estimated)."""
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches

    from cxlib.report.display import on_colour, table_cells

    heads, bodies, numeric = table_cells(frame)
    if not heads:
        return top
    columns = [[look.say(h)] + [look.say(c) for c in body] for h, body in zip(heads, bodies)]
    rows_text = [list(row) for row in zip(*columns)]
    for size in sizes:
        widths = _column_widths(columns, size, width)
        rows = [max(len(wrap(cell, size, w - PAD, bold=i == 0)) for cell, w in zip(row, widths)) * size * LINE / 72
                + 0.1 for i, row in enumerate(rows_text)]
        if sum(rows) <= height:
            break
    shape = slide.shapes.add_table(len(rows_text), len(heads), Inches(left), Inches(top), Inches(width),
                                   Inches(sum(rows)))
    shape.name = "Table"
    table = shape.table
    table.first_row, table.horz_banding = True, False
    for j, w in enumerate(widths):
        table.columns[j].width = Inches(w)
    for i, (row, h) in enumerate(zip(rows_text, rows)):
        table.rows[i].height = Inches(h)
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            cell.margin_left = cell.margin_right = Inches(PAD / 2)
            cell.margin_top = cell.margin_bottom = Inches(0.04)
            cell.vertical_anchor = MSO_ANCHOR.BOTTOM if i == 0 else MSO_ANCHOR.TOP
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(look.primary if i == 0 else "#FFFFFF" if i % 2 else "#F4F6F8")
            cell.text_frame.word_wrap = True
            paragraph = cell.text_frame.paragraphs[0]
            if numeric[j]:
                paragraph.alignment = PP_ALIGN.RIGHT
            _runs(paragraph, value, size=size, colour=on_colour(look.primary) if i == 0 else theme.INK, bold=i == 0)
    return top + sum(rows)


# --- the slides ----------------------------------------------------------------------------------
def _title_slide(deck, data: ClientData, look: Look, prepared: dt.date) -> None:
    from pptx.util import Inches

    cfg = data.config
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.background.fill.solid()
    slide.background.fill.fore_color.rgb = _rgb(look.primary)
    from cxlib.report.display import on_colour

    on = on_colour(look.primary)
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = Inches(MARGIN + 0.3), Inches(2.0), Inches(11.5), Inches(1.3)
    frame = shape.text_frame
    frame.clear()
    frame.word_wrap = True
    size, _ = fit(cfg.name, 11.5, 1.3, (44, 40, 36, 32), bold=True)
    _runs(frame.paragraphs[0], cfg.name, size=size, colour=on, bold=True)
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

    frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    _rule(slide, MARGIN + 0.3, 3.45, 1.6, 0.08, look.accent)
    _text(slide, MARGIN + 0.3, 3.75, 11.5, 0.9, [look.say(ENGAGEMENT.title)], size=24, colour=on)
    lines = [cfg.period.label(), f"Prepared on {wording.date(prepared)}" + (f" by {cfg.consultant}" if cfg.consultant else "")]
    _text(slide, MARGIN + 0.3, 4.75, 11.5, 1.0, lines, size=16, colour=on, space=4)
    _text(slide, MARGIN + 0.3, 6.7, 11.5, 0.4, [f"Confidential \u2014 prepared for {cfg.name}. Not for distribution."],
          size=10, colour=on)


def _summary_slide(deck, story, look: Look, number: int) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    top = _title(slide, "Executive summary", look)
    width = WIDTH - 2 * MARGIN
    situation = look.say(story.situation())
    size, used = fit(_plain(situation), width, 1.6, (18, 17, 16, 15, 14))
    _text(slide, MARGIN, top, width, used + 0.1, [situation], size=size)
    top += used + 0.3
    tiles = story.kpis()
    gap = 0.25
    tile_w = (width - gap * (len(tiles) - 1)) / max(1, len(tiles))
    for i, (label, value, note) in enumerate(tiles):
        x = MARGIN + i * (tile_w + gap)
        box = _rule(slide, x, top, tile_w, 1.55, TILE)
        box.name = "KPI tile"
        _rule(slide, x, top, tile_w, 0.06, look.primary)
        _text(slide, x + 0.2, top + 0.18, tile_w - 0.4, 0.3, [look.say(label).upper()], size=11, colour=MUTED, bold=True)
        value_size, _ = fit(look.say(value), tile_w - 0.4, 0.55, (30, 26, 22), bold=True)
        _text(slide, x + 0.2, top + 0.45, tile_w - 0.4, 0.55, [look.say(value)], size=value_size, colour=look.ink,
              bold=True)
        note_size, _ = fit(look.say(note), tile_w - 0.4, 0.45, (12, 11, 10))
        _text(slide, x + 0.2, top + 1.02, tile_w - 0.4, 0.45, [look.say(note)], size=note_size, colour=MUTED)
    top += 1.55 + 0.3
    value = look.say(story.value_sentence())
    size, used = fit(_plain(value), width, FOOTER_TOP - top - 0.1, (16, 15, 14, 13, 12))
    _text(slide, MARGIN, top, width, used + 0.1, [value], size=size)
    _notes(slide, [f"{i}. {f.text}" for i, f in enumerate(story.findings, 1)], look)
    _footer(slide, look, number)


COLUMN = 4.1  # the text column beside a chart, inches


def _chart_slide(deck, title: str, chart: ReportChart | None, look: Look, number: int, *, lead: str = "",
                 label: str = "", notes: list[str] | None = None):
    """A slide of one chart under its title: alone across the slide, or with a text column on its
    left (a small ``label`` over the ``lead`` sentence); the text alone, across the slide, when
    there is no chart."""
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    top = _title(slide, title, look)
    width, room = WIDTH - 2 * MARGIN, FOOTER_TOP - top - 0.05
    column = COLUMN if chart is not None else width
    if not lead:
        if chart is not None:
            _picture(slide, chart, MARGIN, top, width, room, look)
    else:
        below = top
        if label:
            _text(slide, MARGIN, top, COLUMN, 0.3, [look.say(label).upper()], size=10, colour=MUTED, bold=True)
            below += 0.4
        text = look.say(lead)
        size, used = fit(_plain(text), column, FOOTER_TOP - below - 0.1, (18, 17, 16, 15, 14, 13, 12))
        _text(slide, MARGIN, below, column, used + 0.1, [text], size=size)
        if chart is not None:
            _picture(slide, chart, MARGIN + COLUMN + 0.35, top, width - COLUMN - 0.35, room, look)
    _notes(slide, notes or [], look)
    _footer(slide, look, number)
    return slide


def _figure_lines(finding) -> list[str]:
    """The finding's figures as the report's "Where each number comes from" states them."""
    lines = []
    for figure in finding.figures:
        text = f"{figure.quantity[:1].upper()}{figure.quantity[1:]}: {wording.number(figure.value, figure.unit)}"
        if figure.low is not None:
            text += f" (95% range {figure.range_text()})"
        if figure.population:
            text += f"; {figure.population}"
        lines.append(text)
    return lines


def _figures_frame(finding) -> pd.DataFrame:
    rows = [(f"{f.quantity[:1].upper()}{f.quantity[1:]}", wording.number(f.value, f.unit), f.range_text(),
             f.population or "\u2013") for f in finding.figures]
    return pd.DataFrame(rows, columns=["Figure", "Value", "95% range", "Data"])


def _step_name(finding) -> str:
    from cxlib.steps import step

    return f"Step {finding.step}: {step(finding.step).short}" if finding.step else "Across the steps"


def _finding_slide(deck, finding, chart: ReportChart | None, look: Look, number: int, position: tuple[int, int]):
    """A key finding: its step report's chart under the chart's title, the finding's sentence beside
    it; without a chart, the sentence as the title over the table of its figures."""
    label = f"Key finding {position[0]} of {position[1]} \u00b7 {_step_name(finding)}"
    notes = [label, finding.text, "", "The figures behind it:"] + _figure_lines(finding)
    if chart is not None:
        _chart_slide(deck, chart.title, chart, look, number, lead=finding.text, label=label,
                     notes=notes + (["", chart.source] if chart.source else []))
        return
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    width = WIDTH - 2 * MARGIN
    top = _title(slide, finding.text, look, height=1.0, room=2.6, sizes=(28, 26, 24, 22, 20, 18))
    _text(slide, MARGIN, top, width, 0.3, [look.say(label).upper()], size=10, colour=MUTED, bold=True)
    if finding.figures:
        _table(slide, _figures_frame(finding), MARGIN, top + 0.45, width, FOOTER_TOP - top - 0.6, look,
               sizes=(14, 13, 12, 11, 10, 9))
    _notes(slide, notes, look)
    _footer(slide, look, number)


def _value_slide(deck, story, look: Look, number: int) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    top = _title(slide, "What is at stake", look)
    width = WIDTH - 2 * MARGIN
    section = story.value
    if not section.ran:
        _text(slide, MARGIN, top, width, 2.0, [look.say(section.reason)], size=18)
        _footer(slide, look, number)
        return
    value = section.result
    size, used = fit(look.say(value.headline()), width, 1.3, (18, 17, 16, 15, 14))
    _text(slide, MARGIN, top, width, used + 0.1, [look.say(value.headline())], size=size)
    top += used + 0.3
    _text(slide, MARGIN, top, width, 0.3, [look.say("Churn and revenue by customers' latest answer")], size=12,
          colour=theme.INK, bold=True)
    bottom = _table(slide, value.table(), MARGIN, top + 0.4, width, FOOTER_TOP - top - 1.0, look)
    if section.source:
        _text(slide, MARGIN, bottom + 0.12, width, 0.3, [look.say(section.source)], size=10, colour=MUTED)
    _notes(slide, ["Assumptions:"] + [f"- {a}" for a in value.assumptions()], look)
    _footer(slide, look, number)


def _roadmap_slides(deck, story, chart: ReportChart | None, look: Look, number: int) -> int:
    """The roadmap: its chart (the engagement report's) beside its headline, then its initiatives."""
    plan = story.plan
    title, label = (chart.title, "One roadmap") if chart is not None else ("One roadmap", "")
    _chart_slide(deck, title, chart, look, number, lead=plan.headline(), label=label,
                 notes=[f"{i}. {item.name} ({item.cites()}): {item.why}" for i, item in enumerate(plan.initiatives, 1)])
    if not plan.initiatives:
        return 1
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    top = _title(slide, "The initiatives, in the order we would act", look)
    _table(slide, plan.table(), MARGIN, top, WIDTH - 2 * MARGIN, FOOTER_TOP - top - 0.1, look,
           sizes=(11, 10, 9, 8.5, 8, 7.5, 7))
    _footer(slide, look, number + 1)
    return 2


def _scorecard_slide(deck, story, chart: ReportChart | None, look: Look, number: int) -> None:
    """The steps' scores: the engagement report's chart of them, else its table of them."""
    if chart is not None:
        _chart_slide(deck, chart.title, chart, look, number)
        return
    from cxlib.summary.scorecard import scorecard_table

    slide = deck.slides.add_slide(deck.slide_layouts[5])
    top = _title(slide, story.card.title(), look)
    _table(slide, scorecard_table(story.card), MARGIN, top, WIDTH - 2 * MARGIN, FOOTER_TOP - top - 0.1, look)
    _footer(slide, look, number)


def build_deck(data: ClientData, story, *, prepared: dt.date | None = None,
               charts: Mapping[str, ReportChart] | None = None):
    """The deck of an engagement (:class:`cxlib.summary.engagement.Engagement`) as a python-pptx
    ``Presentation``.

    Parameters
    ----------
    data : the client (its name, period, brand colours and locale).
    story : the engagement's story.
    prepared : the day the reports were run (today by default).
    charts : the reports' charts by source id (:func:`cxlib.exports.pictures.report_charts`): a
        finding's by its ``source``, the engagement's own by the chart function that drew them.
    """
    from pptx import Presentation
    from pptx.util import Inches

    from cxlib.charts import summary as summary_charts

    charts = charts or {}
    cfg = data.config
    look = Look(cfg.brand.primary, cfg.brand.secondary, cfg.brand.accent, cfg.locale,
                f"{cfg.name} \u00b7 {cfg.period.label()} \u00b7 Confidential")
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(WIDTH), Inches(HEIGHT)
    deck.core_properties.title = f"{cfg.name}: {wording.spelling(ENGAGEMENT.title, cfg.locale)}"
    deck.core_properties.subject = cfg.period.label()
    deck.core_properties.author = cfg.consultant or ""
    _title_slide(deck, data, look, prepared or dt.date.today())
    _summary_slide(deck, story, look, 2)
    _scorecard_slide(deck, story, charts.get((ENGAGEMENT.number, summary_charts.step_scores.cx_chart)), look, 3)
    number = 4
    for i, finding in enumerate(story.findings, 1):
        _finding_slide(deck, finding, charts.get((finding.step, finding.source)), look, number, (i, len(story.findings)))
        number += 1
    _value_slide(deck, story, look, number)
    _roadmap_slides(deck, story, charts.get((ENGAGEMENT.number, summary_charts.quarter_plan.cx_chart)), look, number + 1)
    return deck


def _prepared(run_dir: Path) -> dt.date:
    """The day the engagement report was run (as papermill recorded it), else today."""
    try:
        notebook = json.loads((run_dir / ENGAGEMENT.notebook).read_text(encoding="utf-8"))
        return dt.datetime.fromisoformat(str(notebook["metadata"]["papermill"]["start_time"])).date()
    except (ValueError, TypeError, KeyError, OSError):
        return dt.date.today()


def write_deck(data: ClientData, run_dir: str | os.PathLike) -> Path | None:
    """Write ``engagement.pptx`` in a run folder: the engagement report's story as editable slides.

    Parameters
    ----------
    data : the client, validated (:func:`cxlib.data.load_client`).
    run_dir : the run folder, holding the executed engagement report and the steps' results.

    Returns
    -------
    The deck's path, or None (and nothing written) when the run has no engagement report (a run of
    some steps only) or no step result.
    """
    from cxlib.summary import engagement

    run_dir = Path(run_dir)
    results = engagement.load_results(run_dir)
    if not (run_dir / ENGAGEMENT.notebook).is_file() or not results:
        return None
    story = engagement.build(data, results)
    charts = report_charts(run_dir, locale=data.config.locale)
    deck = build_deck(data, story, prepared=_prepared(run_dir), charts=charts)
    buffer = io.BytesIO()
    deck.save(buffer)
    return atomic.write_bytes(run_dir / FILENAME, buffer.getvalue())
