"""Every table the client reports show, as one Excel workbook: ``tables.xlsx`` in the run folder.

The tables come from the executed notebooks of a run: :func:`cxlib.report.display.show_table` puts
each table's data in its output's metadata (:data:`cxlib.report.display.TABLE_KEY`), and only the
outputs that reach the client's PDF are kept, by the renderer's own rule (its tag filter and
:class:`cxlib.report.pdf.ClientOutputFilter`). The workbook opens on a "Contents" sheet, then one
sheet a table: its caption, a bold header, the rows with real Excel number formats (translated from
the report's Python format strings by :func:`excel_format`, values kept numeric), and the source line.
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import json
import os
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from cxlib import atomic, wording
from cxlib.steps import ENGAGEMENT, STEPS, Step

FILENAME = "tables.xlsx"
CONTENTS = "Contents"
MAX_SHEET_NAME = 31  # Excel's limit
MAX_WIDTH = 60  # characters; a longer text column wraps
INTERNAL_NOTE = "For internal use: names individual customers or agents"  # as the PDF marks such pages

# One Python format field: "{", an optional field name, ":" and the spec, "}".
_FIELD = re.compile(r"(?<!\{)\{(?P<name>[A-Za-z_][\w]*|\d*)(?::(?P<spec>[^{}]*))?\}(?!\})")
_SPEC = re.compile(r"^(?:(?P<fill>.)?(?P<align>[<>=^]))?(?P<sign>[+\- ])?(?P<z>z)?(?P<alt>#)?(?P<zero>0)?"
                   r"(?P<width>\d+)?(?P<grouping>[,_])?(?:\.(?P<precision>\d+))?(?P<type>[bcdeEfFgGnosxX%])?$")
# A number as a report prints it in text: sign, digits (thousands with commas), decimals, a percent.
_NUMBER_TEXT = re.compile(r"^(?P<sign>[+\u2212-]?)(?P<int>\d{1,3}(?:,\d{3})+|0|[1-9]\d*)(?P<dec>\.\d+)?(?P<pct>%?)$")
_MISSING_TEXT = {"", "–", "-", "—"}


# --- number formats -----------------------------------------------------------------------------
def _literal(text: str) -> str:
    """Text of a Python format string as an Excel format literal ("$" -> ``"$"``)."""
    text = text.replace("{{", "{").replace("}}", "}").replace('"', "")
    return f'"{text}"' if text else ""


def excel_format(fmt: str | None) -> str:
    """The Excel number format that prints a number as the Python format string ``fmt`` does.

    ``"{:+.0f}"`` -> ``+0;-0;0``, ``"{:.0f}%"`` (45 meaning 45%) -> ``0"%"`` (the value stays 45),
    ``"{:.0%}"`` (0.45) -> ``0%``, ``"{:,.0f}"`` -> ``#,##0``, ``"{:.1f}"`` -> ``0.0``,
    ``"£{:,.0f}"`` -> ``"£"#,##0``; text around the number is kept as a literal. A format Excel
    cannot follow (two numbers, ``{:g}``, none) is ``General``.

    Parameters
    ----------
    fmt : a format string with one field, as :func:`cxlib.report.display.show_table` takes.
    """
    if not fmt:
        return "General"
    fields = list(_FIELD.finditer(fmt))
    if len(fields) != 1:
        return "General"
    field = fields[0]
    prefix, suffix = _literal(fmt[:field.start()]), _literal(fmt[field.end():])
    spec = _SPEC.match(field.group("spec") or "")
    if spec is None:
        return "General"
    kind, precision = spec.group("type") or "", spec.group("precision")
    grouped = spec.group("grouping") is not None
    if kind in ("g", "G", "n", "s", "c", "b", "o", "x", "X") or (kind == "" and precision is not None):
        return f"{prefix}General{suffix}"
    if kind in ("e", "E"):
        digits = 6 if precision is None else int(precision)
        body = "0" + ("." + "0" * digits if digits else "") + "E+00"
    else:
        digits = 0 if kind in ("", "d") else 6 if precision is None else int(precision)
        body = ("#,##0" if grouped else "0") + ("." + "0" * digits if digits else "")
        if kind == "%":
            body += "%"
    if spec.group("sign") == "+":
        return f"{prefix}+{body}{suffix};{prefix}-{body}{suffix};{prefix}{body}{suffix}"
    return f"{prefix}{body}{suffix}"


def numbers_in_text(values: list) -> tuple[list, str] | None:
    """A column of numbers a table holds as printed text ("45%", "+12", "1,204", "–" for none) as
    numbers with the format that prints them so; None unless every value reads as one.

    "45%" stays 45 (printed ``0"%"``), a sign is kept by a signed format, text with a leading zero
    ("007") is an identifier, not a number.
    """
    parsed, decimals, grouped, signed, percent = [], 0, False, False, set()
    for value in values:
        if value is None or (isinstance(value, str) and value.strip() in _MISSING_TEXT):
            parsed.append(None)
            continue
        match = _NUMBER_TEXT.match(str(value).strip()) if isinstance(value, str) else None
        if match is None:
            return None
        number = float(match["int"].replace(",", "") + (match["dec"] or ""))
        parsed.append(-number if match["sign"] in ("-", "\u2212") else number)
        decimals = max(decimals, len(match["dec"] or ".") - 1)
        grouped |= "," in match["int"]
        signed |= match["sign"] == "+"
        percent.add(bool(match["pct"]))
    if not any(v is not None for v in parsed) or len(percent) != 1:
        return None
    if not decimals:
        parsed = [None if v is None else int(v) for v in parsed]
    fmt = "{:" + ("+" if signed else "") + ("," if grouped else "") + f".{decimals}f}}" + ("%" if percent.pop() else "")
    return parsed, excel_format(fmt)


# --- the tables a client reads ------------------------------------------------------------------
@dataclass(frozen=True)
class ReportTable:
    """One table of a report, as the client reads it.

    Attributes
    ----------
    step : the report it is in (0 for the engagement report).
    number : its place among the tables of that report, 1 first.
    caption : its title (the caption, else its heading or section, else "Table <n>").
    data : the table's data as :func:`cxlib.report.display.table_data` recorded it.
    internal : on a page marked for internal use (names individual customers or agents).
    """

    step: Step
    number: int
    caption: str
    data: dict
    internal: bool = False

    @property
    def label(self) -> str:
        """"7.3": the report's step and the table's number in it."""
        return f"{self.step.number}.{self.number}"

    @property
    def report(self) -> str:
        return "Engagement report" if self.step.number == 0 else f"Step {self.step.number}: {self.step.short}"


def client_notebook(nb, *, locale: str = "en-GB", internal_pages: bool = False):
    """The cells of an executed notebook that reach the client's PDF, in the PDF's order: the
    renderer's tag filter (configured as :func:`cxlib.report.pdf.render_html` configures it) and
    :class:`cxlib.report.pdf.ClientOutputFilter`, applied to a copy."""
    from nbconvert.preprocessors import TagRemovePreprocessor

    from cxlib.report import pdf

    config = pdf._exporter(locale, internal_pages).config  # the renderer's own tag rules
    kept, _ = TagRemovePreprocessor(config=config).preprocess(copy.deepcopy(nb), {})
    kept, _ = pdf.ClientOutputFilter(locale=locale, internal_pages=internal_pages).preprocess(kept, {})
    return kept


def _heading(source: str) -> str | None:
    for line in source.splitlines():
        found = re.match(r"^#{1,3}\s+(.+?)\s*#*\s*$", line)
        if found:
            return found.group(1)
    return None


def notebook_tables(nb, step: Step, *, locale: str = "en-GB", internal_pages: bool = False) -> list[ReportTable]:
    """The tables of one executed notebook that reach the client, in the order the PDF shows them."""
    from cxlib.report.display import TABLE_KEY

    found: list[ReportTable] = []
    section = None
    for cell in client_notebook(nb, locale=locale, internal_pages=internal_pages).cells:
        if cell.cell_type == "markdown":
            section = _heading(cell.source) or section
            continue
        for output in cell.get("outputs", []):
            data = output.get("metadata", {}).get(TABLE_KEY)
            if not data or not data.get("columns"):
                continue
            number = len(found) + 1
            caption = data.get("caption") or data.get("heading") or section or f"Table {number}"
            found.append(ReportTable(step, number, wording.spelling(str(caption), locale), data,
                                 bool(cell.metadata.get("cx_internal"))))
    return found


def run_tables(run_dir: str | os.PathLike, *, locale: str = "en-GB", internal_pages: bool = False,
               reports: Collection[int] | None = None) -> list[ReportTable]:
    """Every client table of a run folder, report by report in step order (engagement first);
    with ``reports`` (step numbers, 0 the engagement report) only those reports'."""
    import nbformat

    tables: list[ReportTable] = []
    for step in (ENGAGEMENT, *STEPS):
        if reports is not None and step.number not in reports:
            continue
        path = Path(run_dir) / step.notebook
        if not path.is_file():
            continue
        nb = nbformat.read(path, as_version=4)
        if failed(nb):  # a report that failed has no PDF: its tables reach no client either
            continue
        tables += notebook_tables(nb, step, locale=locale, internal_pages=internal_pages)
    return tables


def failed(nb) -> bool:
    """The executed notebook stopped on an error (papermill's mark, or an error output)."""
    if nb.metadata.get("papermill", {}).get("exception"):
        return True
    return any(output.get("output_type") == "error" for cell in nb.cells if cell.cell_type == "code"
               for output in cell.get("outputs", []))


def run_client(run_dir: str | os.PathLike) -> tuple[str, str]:
    """The client's name and the reports' locale for a run folder: the name from ``manifest.json``,
    else from client.yml, and the locale from client.yml, found where the run's notebooks say the
    client's folder is; "" and "en-GB" when neither can be read."""
    from cxlib.config import read_config

    run_dir = Path(run_dir)
    name, locale = "", "en-GB"
    try:
        name = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))["client"]["name"] or ""
    except (OSError, ValueError, KeyError, TypeError):
        pass
    notebook = next((run_dir / s.notebook for s in (ENGAGEMENT, *STEPS) if (run_dir / s.notebook).is_file()), None)
    try:
        parameters = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["papermill"]["parameters"]
        config = read_config(Path(parameters["client_root"]) / parameters["client"] / "client.yml")
    except (AttributeError, OSError, ValueError, KeyError, TypeError):  # no notebook, or no client.yml now
        return name, locale
    return name or config.name, config.locale


# --- the workbook -------------------------------------------------------------------------------
def sheet_name(label: str, caption: str, taken: set[str]) -> str:
    """A sheet name from the table's label and caption: at most 31 characters, cut at a word, none
    of ``[]:*?/\\``, different from every name in ``taken`` (compared as Excel does, ignoring case)."""
    text = re.sub(r"[\[\]:*?/\\]", " ", f"{label} {caption}")
    text = re.sub(r"\s+", " ", text).strip().strip("'")
    if len(text) > MAX_SHEET_NAME:
        cut = text[:MAX_SHEET_NAME + 1].rsplit(" ", 1)[0]
        text = cut if len(cut) > len(label) else text[:MAX_SHEET_NAME]
    text = text.rstrip(" ,;.-–(").strip("'") or label
    name, n = text, 2
    while name.casefold() in {t.casefold() for t in taken}:
        tail = f" ({n})"
        name = text[:MAX_SHEET_NAME - len(tail)].rstrip() + tail
        n += 1
    taken.add(name)
    return name


def _shown(value, fmt: str | None) -> str:
    """A value roughly as printed, to size its column."""
    if value is None:
        return ""
    if fmt and not isinstance(value, str):
        try:
            return fmt.format(value)
        except (ValueError, TypeError, IndexError, KeyError):
            pass
    return str(value)


def _column(data: dict, position: int, locale: str) -> tuple[list, str, str]:
    """A column's values, what they are ("number", "date", "datetime", "text") and its Excel format."""
    values = [row[position] if position < len(row) else None for row in data.get("rows", [])]
    kinds, formats = data.get("kinds") or [], data.get("formats") or []
    kind = kinds[position] if position < len(kinds) else "text"
    fmt = formats[position] if position < len(formats) else None
    if kind == "number":
        if all(v is None or isinstance(v, (int, float)) for v in values):
            return values, "number", excel_format(fmt)
        kind = "text"
    if kind in ("date", "datetime"):
        try:
            stamps = [None if v is None else dt.datetime.fromisoformat(str(v)) for v in values]
        except ValueError:
            kind = "text"
        else:
            shown = "d mmm yyyy" + (", hh:mm" if kind == "datetime" else "")
            return [None if s is None else s.replace(tzinfo=None) for s in stamps], "date", shown
    found = numbers_in_text(values)
    if found is not None:
        return found[0], "number", found[1]
    return [None if v is None else wording.spelling(str(v), locale) for v in values], "text", "@"


def _link(sheet: str) -> str:
    """A hyperlink to cell A1 of a sheet of this workbook (a quote in its name doubled, as Excel writes it)."""
    return "internal:'" + sheet.replace("'", "''") + "'!A1"


def _width(texts: list[str], header: str) -> float:
    longest = max((len(t) for t in texts), default=0)
    return min(MAX_WIDTH, max(6, longest, min(len(header), 24))) + 2


def write_tables(run_dir: str | os.PathLike, *, internal_pages: bool = False, locale: str | None = None,
                 client_name: str | None = None, reports: Collection[int] | None = None) -> Path | None:
    """Write ``tables.xlsx`` in a run folder: every table its client reports show, one sheet each.

    Parameters
    ----------
    run_dir : the run folder (``reports/<client>/<run-id>/``, or the run's folder while it is built).
    internal_pages : keep the tables of pages marked for internal use (client.yml ``internal_pages``),
        as the PDFs do; they are marked on their sheet and in the contents.
    locale : the reports' spelling ("en-GB", "en-US"); read from the client's client.yml when None.
    client_name : the client's name for the workbook's title; from ``manifest.json`` (or client.yml)
        when None.

    Returns
    -------
    The workbook's path, or None (and nothing written) when no report of the run shows a table.
    """
    run_dir = Path(run_dir)
    if locale is None or client_name is None:
        name, spelt = run_client(run_dir)
        locale = locale or spelt
        client_name = name if client_name is None else client_name
    tables = run_tables(run_dir, locale=locale, internal_pages=internal_pages, reports=reports)
    if not tables:
        return None
    return atomic.write_bytes(run_dir / FILENAME, workbook_bytes(tables, client_name=client_name, locale=locale))


def workbook_bytes(tables: list[ReportTable], *, client_name: str = "", locale: str = "en-GB") -> bytes:
    """The workbook of ``tables`` as the bytes of an .xlsx file."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False, "strings_to_urls": False})
    title = f"{client_name}: the tables of the reports" if client_name else "The tables of the reports"
    book.set_properties({"title": title, "subject": "Every table the client reports show, one sheet each",
                         "company": client_name, "comments": "Written by cx run"})
    if client_name:
        book.set_custom_property("Client", client_name)
    styles = _Styles(book)
    contents = book.add_worksheet(CONTENTS)
    taken = {CONTENTS}
    names = [sheet_name(t.label, t.caption, taken) for t in tables]
    for table, name in zip(tables, names):
        _write_table(book.add_worksheet(name), table, styles, locale)
    _write_contents(contents, tables, names, styles, title, locale)
    contents.activate()
    book.close()
    return buffer.getvalue()


class _Styles:
    """The workbook's cell formats, each made once (Excel keeps one record a format)."""

    def __init__(self, book):
        self.book = book
        self.title = book.add_format({"bold": True, "font_size": 13})
        self.note = book.add_format({"italic": True, "font_color": "#5C6770"})
        self.internal = book.add_format({"bold": True, "font_color": "#B23A48"})
        self.header = book.add_format({"bold": True, "text_wrap": True, "valign": "bottom", "bottom": 1,
                                       "bg_color": "#E8ECEF"})
        self.header_number = book.add_format({"bold": True, "text_wrap": True, "valign": "bottom", "bottom": 1,
                                              "bg_color": "#E8ECEF", "align": "right"})
        self.link = book.add_format({"font_color": "#1F5C99", "underline": 1})
        self.text = book.add_format({"valign": "top"})
        self.wrapped = book.add_format({"valign": "top", "text_wrap": True})
        self._numbers: dict[str, object] = {}

    def number(self, num_format: str):
        if num_format not in self._numbers:
            self._numbers[num_format] = self.book.add_format({"num_format": num_format, "valign": "top"})
        return self._numbers[num_format]


HEADER_ROW = 4  # title, report, link back, a blank row, then the header


def _write_table(sheet, table: ReportTable, styles: _Styles, locale: str) -> None:
    data = table.data
    headers = [wording.spelling(str(h), locale) for h in data["columns"]]
    sheet.write_string(0, 0, table.caption, styles.title)
    report = ENGAGEMENT.title if table.step.number == 0 else table.step.title
    sheet.write_string(1, 0, f"{table.report} \u2014 {wording.spelling(report, locale)}", styles.note)
    sheet.write_url(2, 0, _link(CONTENTS), styles.link, string="Back to the contents")
    if table.internal:
        sheet.write_string(2, 2, INTERNAL_NOTE, styles.internal)
    rows = len(data.get("rows", []))
    for position, header in enumerate(headers):
        values, kind, num_format = _column(data, position, locale)
        sheet.write_string(HEADER_ROW, position, header, styles.header_number if kind == "number" else styles.header)
        fmt = (data.get("formats") or [None] * len(headers))[position] if kind == "number" else None
        texts = [_shown(v, fmt) for v in values]
        width = _width(texts, header)
        style = styles.number(num_format) if kind in ("number", "date") else \
            styles.wrapped if max((len(t) for t in texts), default=0) > MAX_WIDTH else styles.text
        sheet.set_column(position, position, width)
        for offset, value in enumerate(values):
            row = HEADER_ROW + 1 + offset
            if value is None:
                continue
            if kind == "number":
                sheet.write_number(row, position, value, style)
            elif kind == "date":
                sheet.write_datetime(row, position, value, style)
            else:
                sheet.write_string(row, position, value, style)
    sheet.freeze_panes(HEADER_ROW + 1, 0)
    _print_setup(sheet, locale, repeat=HEADER_ROW)
    below = HEADER_ROW + 1 + rows + 1
    total = int(data.get("total_rows", rows))
    if total > rows:
        sheet.write_string(below, 0, f"Showing the first {rows:,} of {total:,} rows.", styles.note)
        below += 1
    if data.get("source"):
        sheet.write_string(below, 0, wording.spelling(str(data["source"]), locale), styles.note)


def _write_contents(sheet, tables: list[ReportTable], names: list[str], styles: _Styles, title: str,
                    locale: str) -> None:
    sheet.write_string(0, 0, title, styles.title)
    sheet.write_string(1, 0, "One sheet a table, in the order of the reports; a table's name opens its sheet.",
                       styles.note)
    for position, header in enumerate(("Table", "Report", "Title", "Rows")):
        sheet.write_string(3, position, header, styles.header)
    for offset, (table, name) in enumerate(zip(tables, names)):
        row = 4 + offset
        sheet.write_string(row, 0, table.label, styles.text)
        sheet.write_string(row, 1, table.report, styles.text)
        sheet.write_url(row, 2, _link(name), styles.link, string=table.caption)
        sheet.write_number(row, 3, int(table.data.get("total_rows", len(table.data.get("rows", [])))),
                           styles.number("#,##0"))
        if table.internal:
            sheet.write_string(row, 4, INTERNAL_NOTE, styles.internal)
    sheet.set_column(0, 0, 7)
    sheet.set_column(1, 1, max(len(t.report) for t in tables) + 2)
    sheet.set_column(2, 2, min(MAX_WIDTH + 20, max(len(t.caption) for t in tables) + 2))
    sheet.set_column(3, 3, 8)
    sheet.freeze_panes(4, 0)
    _print_setup(sheet, locale, repeat=3)


def _print_setup(sheet, locale: str, *, repeat: int) -> None:
    """Printed: landscape, one page wide, the header row on every page, on the locale's paper."""
    sheet.set_landscape()
    sheet.set_paper(1 if locale == "en-US" else 9)  # Letter, else A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(repeat)
