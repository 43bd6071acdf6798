"""Notebook output helpers: findings, KPI tiles, tables, notes and quotes as styled HTML.

Every helper publishes an HTML block with ``cx-*`` classes (styled by the report template, and in
JupyterLab by the ``<style>`` that :func:`setup` injects once) plus a plain-text alternative, so a
reader of the raw notebook never sees an object repr. The ``*_html`` builders return the markup
without displaying it.
"""
from __future__ import annotations

import datetime as dt
import html
import numbers
import re
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from cxlib import wording
from cxlib.report import theme

# Marks the style block published by setup(): the PDF renderer drops it (the template has the CSS).
STYLE_MARKER = "cx-style"

COMPONENT_CSS = """
.cx-finding { margin: 10pt 0 14pt; padding: 8pt 12pt 9pt 12pt; border-left: 4pt solid var(--cx-accent, #D9B310);
  background: var(--cx-accent-tint, #FBF7E7); break-inside: avoid; page-break-inside: avoid; }
.cx-finding-label { font-size: 7.5pt; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase;
  color: var(--cx-primary-text, #0B3C5D); margin: 0 0 2pt 0; }
.cx-finding-text { font-size: 11pt; line-height: 1.4; font-weight: 600; color: #1F2A33; }
.cx-finding-text p { margin: 0; }
.cx-kpis { display: flex; flex-wrap: wrap; margin: 8pt -4pt 12pt -4pt; break-inside: avoid; page-break-inside: avoid; }
.cx-kpi { flex: 1 1 0; min-width: 26mm; margin: 0 4pt 6pt 4pt; padding: 6pt 10pt 8pt 10pt; background: #F3F5F7;
  border-top: 3pt solid var(--cx-primary, #0B3C5D); }
.cx-kpi-label { font-size: 7.5pt; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; color: #5C6770; }
.cx-kpi-value { font-size: 19pt; font-weight: 700; line-height: 1.2; color: var(--cx-primary-text, #0B3C5D); }
.cx-kpi-note { font-size: 7.5pt; line-height: 1.3; color: #5C6770; }
.cx-table-wrap { margin: 6pt 0 14pt; }
.cx-table-keep { break-inside: avoid; page-break-inside: avoid; }
table.cx-table { border-collapse: collapse; width: 100%; font-size: 8.5pt; line-height: 1.3; color: #1F2A33;
  border-bottom: 1.5pt solid var(--cx-primary, #0B3C5D); }
table.cx-table caption { break-after: avoid; page-break-after: avoid; caption-side: top; text-align: left; font-size: 9pt; font-weight: 700; color: #1F2A33;
  padding: 0 0 4pt 0; }
table.cx-table th { background: var(--cx-primary, #0B3C5D); color: var(--cx-on-primary, #FFFFFF); font-weight: 600;
  text-align: left; vertical-align: bottom; padding: 4pt 7pt; border: 0; }
table.cx-table td { text-align: left; vertical-align: top; padding: 3.5pt 7pt; border: 0;
  border-bottom: 0.5pt solid #E1E5E9; background: #FFFFFF; }
table.cx-table tbody tr:nth-child(even) td { background: #F4F6F8; }
table.cx-table .num { text-align: right; white-space: nowrap; }
table.cx-table tbody tr:nth-child(-n+3), table.cx-table tbody tr:nth-last-child(-n+2) { break-before: avoid;
  page-break-before: avoid; }
table.cx-table th.num { white-space: normal; }
table.cx-table tr { break-inside: avoid; page-break-inside: avoid; }
.cx-table-note { font-size: 7.5pt; color: #5C6770; margin: 3pt 0 0 0; }
.cx-missing { margin: 8pt 0 12pt; padding: 7pt 11pt; border: 0.75pt dashed #A9B2BA; background: #F8F9FA;
  font-size: 9pt; line-height: 1.4; color: #45515B; break-inside: avoid; page-break-inside: avoid; }
.cx-heading { break-after: avoid; page-break-after: avoid; }
.cx-source { font-size: 7pt; line-height: 1.3; color: #5C6770; margin: -10pt 0 12pt 0; text-align: left; }
.cx-guide { margin: 4pt 0 12pt; padding: 6pt 10pt; border: 0.75pt solid #C9D0D6; font-size: 7.5pt;
  line-height: 1.35; color: #33404A; break-inside: avoid; page-break-inside: avoid; }
.cx-guide ul { columns: 2; column-gap: 14pt; }
.cx-guide-title { font-weight: 700; color: var(--cx-primary-text, #0B3C5D); margin: 0 0 3pt 0; }
.cx-guide ul { margin: 0; padding-left: 10pt; }
.cx-guide li { margin: 0 0 2pt 0; break-inside: avoid; }
.cx-missing-label { font-weight: 700; color: #5C6770; }
.cx-quote { margin: 8pt 0 12pt 0; padding: 2pt 0 2pt 12pt; border-left: 2.5pt solid var(--cx-secondary, #328CC1);
  break-inside: avoid; page-break-inside: avoid; }
.cx-quote p { margin: 0; font-size: 10pt; line-height: 1.45; font-style: italic; color: #33404A; }
.cx-quote footer { margin-top: 3pt; font-size: 8pt; color: #5C6770; }
.cx-text { font-size: 10pt; line-height: 1.5; color: #1F2A33; }
.cx-text p { margin: 0 0 6pt 0; }
.cx-text ol, .cx-text ul { margin: 0 0 6pt 0; padding-left: 16pt; }
.cx-text li { margin: 0 0 3pt 0; }
"""

_ACRONYMS = {"nps": "NPS", "csat": "CSAT", "ces": "CES", "auc": "AUC", "ci": "CI", "id": "ID",
             "kpi": "KPI", "r2": "R²", "url": "URL", "sla": "SLA", "fcr": "FCR"}
_SPECIAL = {"n": "n", "p_value": "p-value", "q_value": "q-value", "z": "z"}
_MACHINE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
DASH = "–"  # what a missing value looks like
KEEP_TOGETHER_ROWS = 8  # tables this short never split across pages...
KEEP_TOGETHER_CHARS = 1500  # ...unless their text would fill half a page: those split (three rows at least a side)
#: The key of a table's data in its output's metadata (read by :mod:`cxlib.exports.tables`).
TABLE_KEY = "cx_table"
#: Rows of a table kept in that metadata; the report itself shows ``max_rows`` of them.
TABLE_ROWS_KEPT = 5000
#: The key of a chart's identity in its output's metadata (read by :mod:`cxlib.exports.deck`).
EXHIBIT_KEY = "cx_exhibit"


def _markdown(text: str, *, inline: bool = False) -> str:
    import mistune  # a dependency of nbconvert

    rendered = mistune.create_markdown(escape=True, plugins=["strikethrough", "table"])(text).strip()
    if inline and rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return rendered


def _publish(html_text: str, plain: str, metadata: dict | None = None) -> None:
    from IPython.display import display

    display({"text/html": html_text, "text/plain": plain}, raw=True, metadata=metadata or {})


# --- setup --------------------------------------------------------------------------------------
def _brand_colours(config: Any) -> tuple[str, str, str]:
    brand = getattr(config, "brand", None) if config is not None else None
    if brand is None:
        return theme.DEFAULT_PRIMARY, theme.DEFAULT_SECONDARY, theme.DEFAULT_ACCENT
    return (getattr(brand, "primary", theme.DEFAULT_PRIMARY),
            getattr(brand, "secondary", theme.DEFAULT_SECONDARY),
            getattr(brand, "accent", theme.DEFAULT_ACCENT))


def brand_css_vars(primary: str, secondary: str, accent: str) -> str:
    """CSS custom properties of a brand (``--cx-primary`` ...), as declarations for a rule body."""
    primary, secondary, accent = (theme.hex_colour(c) for c in (primary, secondary, accent))
    return (f"--cx-primary: {primary}; --cx-secondary: {secondary}; --cx-accent: {accent}; "
            f"--cx-primary-text: {theme.readable(primary)}; "
            f"--cx-secondary-text: {theme.readable(secondary)}; "
            f"--cx-primary-tint: {theme.tint(primary, 0.92)}; "
            f"--cx-accent-tint: {theme.tint(accent, 0.88)}; "
            f"--cx-on-primary: {on_colour(primary)};")


def on_colour(background: str) -> str:
    """White or near-black, whichever reads better on ``background``."""
    white, ink = theme.contrast("#FFFFFF", background), theme.contrast(theme.INK, background)
    return "#FFFFFF" if white >= ink else theme.INK


def setup(config: Any = None) -> None:
    """Prepare a step notebook: brand chart style, inline SVG figures, no warnings, helper CSS.

    Call once at the top of a notebook.

    Parameters
    ----------
    config : a :class:`cxlib.config.ClientConfig` (anything with ``.brand.primary``,
        ``.brand.secondary``, ``.brand.accent``), or None for the house colours.
    """
    warnings.filterwarnings("ignore")
    colours = _brand_colours(config)
    theme.apply_brand(*colours)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency
        return
    if get_ipython() is None:  # plain Python (tests, scripts): nothing to configure
        return
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    from matplotlib.figure import Figure

    from cxlib.charts.canvas import svg

    set_matplotlib_formats("svg")
    # a house chart is shown as the one drawing that laid it out, not drawn again
    get_ipython().display_formatter.formatters["image/svg+xml"].for_type(Figure, svg)
    # A DataFrame left as a cell's value renders like show_table, never as a raw pandas table.
    formatter = get_ipython().display_formatter.formatters["text/html"]
    formatter.for_type(pd.DataFrame, lambda df: table_html(df))
    style = f"<style>:root {{ {brand_css_vars(*colours)} }}\n{COMPONENT_CSS}</style>"
    _publish(style, "", metadata={STYLE_MARKER: True})


# --- builders -----------------------------------------------------------------------------------
def finding_html(text: str) -> str:
    """A "key finding" callout; ``text`` may use inline markdown (``**bold**``)."""
    return ('<div class="cx-finding"><div class="cx-finding-label">Key finding</div>'
            f'<div class="cx-finding-text">{_markdown(text, inline=True)}</div></div>')


def findings_html(findings: Sequence[Any], title: str = "What we found") -> str:
    """Findings as a numbered list under ``title``; each item carries, for the HTML reader, the
    cxlib function behind it and its figures (``data-source``, ``data-figures``)."""
    items = []
    for finding in findings:
        figures = "; ".join(f"{f.quantity} = {f.value:g} {f.unit} ({f.population})".replace(" ()", "")
                            for f in getattr(finding, "figures", ()))
        attrs = "".join(f' data-{name}="{html.escape(value)}"' for name, value in
                        (("source", getattr(finding, "source", "")), ("figures", figures)) if value)
        items.append(f"<li{attrs}>{_markdown(str(finding), inline=True)}</li>")
    return (f'<div class="cx-text"><p><strong>{html.escape(title)}</strong></p><ol class="cx-findings">'
            + "".join(items) + "</ol></div>")


def kpis_html(items: Sequence[Sequence[str]]) -> str:
    """A row of KPI tiles from ``(label, value, note)`` triples (the note may be omitted)."""
    tiles = []
    for item in items:
        label, value, note = (list(item) + ["", ""])[:3]
        tiles.append(
            '<div class="cx-kpi">'
            f'<div class="cx-kpi-label">{html.escape(str(label))}</div>'
            f'<div class="cx-kpi-value">{html.escape(str(value))}</div>'
            + (f'<div class="cx-kpi-note">{html.escape(str(note))}</div>' if note else "")
            + "</div>"
        )
    return f'<div class="cx-kpis">{"".join(tiles)}</div>'


def prettify(name: Any) -> str:
    """Column header for a reader: ``rest_nps`` -> ``Rest NPS``; names with capitals or spaces stay."""
    text = str(name)
    if text in _SPECIAL:
        return _SPECIAL[text]
    if not _MACHINE_NAME.match(text):
        return text
    words = [_ACRONYMS.get(w, w) for w in text.split("_") if w]
    joined = " ".join(words)
    return joined[:1].upper() + joined[1:]


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, (bool, np.bool_))


def _default_format(column: pd.Series) -> str | None:
    """Format string of a numeric column without an explicit format."""
    values = pd.to_numeric(column, errors="coerce").dropna()
    if pd.api.types.is_bool_dtype(column) or values.empty:
        return None
    if pd.api.types.is_integer_dtype(column) or (values == values.round()).all():
        return "{:,.0f}"
    if (values.abs() <= 1).all():
        return "{:.3f}"
    return "{:,.1f}"


def _cell(value: Any, fmt: str | None) -> str:
    if isinstance(value, (list, tuple, set)):
        return ", ".join(_cell(v, None) for v in value)
    if _is_missing(value):
        return DASH
    if isinstance(value, (bool, np.bool_)):
        return "Yes" if value else "No"
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return wording.moment(value)
    if isinstance(value, dt.date):
        return wording.date(value)
    if fmt is not None:
        try:
            text = fmt.format(value)
            # a number's sign as typeset prose writes it (the hyphen reads as a dash in tables)
            return wording.MINUS + text[1:] if _is_number(value) and text.startswith("-") else text
        except (ValueError, TypeError, IndexError, KeyError):
            pass
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def _shown_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The frame as a table shows it: a named index becomes a column, an unnamed one is dropped."""
    frame = df.copy()
    if any(name is not None for name in frame.index.names):
        frame = frame.reset_index()
    return frame


def _columns(frame: pd.DataFrame, formats: Mapping[str, str] | None):
    """Each column as a table shows it: (header, values, format string or None, numeric?)."""
    formats = dict(formats or {})
    for position, column in enumerate(frame.columns):
        series = frame.iloc[:, position]
        pretty = prettify(column)
        fmt = formats[column] if column in formats else formats.get(pretty)
        values = [v for v in series.tolist() if not _is_missing(v)]
        is_num = bool(values) and all(_is_number(v) for v in values)
        if fmt is None and is_num:
            fmt = _default_format(series)
        yield pretty, series, fmt, is_num


def _kind(values: list) -> str:
    """"number", "date", "datetime" or "text": what every value of a column (missing ones aside) is."""
    present = [v for v in values if isinstance(v, (list, tuple, set)) or not _is_missing(v)]
    if present and all(_is_number(v) for v in present):
        return "number"
    if present and all(isinstance(v, (pd.Timestamp, dt.datetime, dt.date)) for v in present):
        timed = any(isinstance(v, (pd.Timestamp, dt.datetime)) and (v.hour, v.minute, v.second) != (0, 0, 0)
                    for v in present)
        return "datetime" if timed else "date"
    return "text"


def _json_value(value: Any, kind: str, fmt: str | None) -> Any:
    """A cell as JSON keeps it: missing as None; in a column of numbers a number (a finite float or
    an int), in a column of dates ISO text; anything else as the text the table prints."""
    if not isinstance(value, (list, tuple, set)) and _is_missing(value):
        return None
    if kind == "number":
        if isinstance(value, numbers.Integral):
            return int(value)
        try:
            number = float(value)
        except (TypeError, ValueError):  # a complex number: as the table prints it
            return _cell(value, fmt)
        return number if np.isfinite(number) else _cell(value, fmt)
    if kind in ("date", "datetime"):
        return value.isoformat()
    return _cell(value, fmt)


def table_data(df: pd.DataFrame, *, caption: str | None = None, formats: Mapping[str, str] | None = None,
               source: str = "", heading: str | None = None, max_rows: int = 25) -> dict:
    """A table's data as JSON, for a spreadsheet of the report's exhibits.

    The headers are the ones the client reads (:func:`prettify`), the rows keep numbers as numbers,
    dates as ISO text and missing values as None (the first :data:`TABLE_ROWS_KEPT` rows, however
    many the report shows), and ``formats`` holds each column's format string as the table applies
    it (the explicit one, else the default of a numeric column, :func:`_default_format`, over the
    rows kept).

    Parameters
    ----------
    df, caption, formats, max_rows : as for :func:`table_html` (``max_rows`` is what the report
        shows, recorded as ``shown_rows``).
    source : the source line of the section the table belongs to ("" when there is none).
    heading : the heading the table opens with, if any.
    """
    frame = _shown_frame(df)
    total = len(frame)
    kept = frame.head(TABLE_ROWS_KEPT)
    columns, formats_used, kinds, values = [], [], [], []
    for pretty, series, fmt, _ in _columns(kept, formats):
        cells = series.tolist()
        kind = _kind(cells)
        columns.append(pretty)
        formats_used.append(fmt)
        kinds.append(kind)
        values.append([_json_value(v, kind, fmt) for v in cells])
    return {
        "caption": caption, "heading": heading.lstrip("# ") if heading else None, "columns": columns,
        "rows": [list(row) for row in zip(*values)] if values else [[] for _ in range(len(kept))],
        "formats": formats_used, "kinds": kinds, "total_rows": total,
        "shown_rows": total if max_rows is None else min(total, max_rows),
        "row_cap": TABLE_ROWS_KEPT, "source": source or "",
    }


def table_cells(df: pd.DataFrame, *, formats: Mapping[str, str] | None = None,
                max_rows: int | None = None) -> tuple[list[str], list[list[str]], list[bool]]:
    """A table's text as the client reads it (:func:`table_html` prints it so): the headers, each
    column's printed cells (its first ``max_rows``), and whether each column is numeric (set right)."""
    frame = _shown_frame(df)
    if max_rows is not None and len(frame) > max_rows:
        frame = frame.head(max_rows)
    heads, bodies, numeric = [], [], []
    for pretty, series, fmt, is_num in _columns(frame, formats):
        numeric.append(is_num)
        heads.append(pretty)
        bodies.append([_cell(v, fmt) for v in series.tolist()])
    return heads, bodies, numeric


def table_html(df: pd.DataFrame, *, caption: str | None = None,
               formats: Mapping[str, str] | None = None, max_rows: int = 25) -> str:
    """An HTML table for a client: no index, readable headers, formatted numbers, "–" for missing.

    Parameters
    ----------
    df : the rows to show. A named index becomes a column; an unnamed one is dropped.
    caption : table title shown above it.
    formats : column -> format string, e.g. ``{"nps": "{:+.0f}", "share": "{:.0f}%"}``; keys may
        be the original or the prettified column name. Other numeric columns get a sensible default.
    max_rows : rows beyond this are left out, with a note saying how many.
    """
    total = len(_shown_frame(df))
    heads, bodies, numeric = table_cells(df, formats=formats, max_rows=max_rows)
    shown = total if max_rows is None else min(total, max_rows)
    cls = [' class="num"' if n else "" for n in numeric]
    text_size = sum(len(cell) for column in bodies for cell in column)
    keep = " cx-table-keep" if shown <= KEEP_TOGETHER_ROWS and text_size <= KEEP_TOGETHER_CHARS else ""
    out = [f'<div class="cx-table-wrap{keep}"><table class="cx-table">']
    if caption:
        out.append(f"<caption>{html.escape(caption)}</caption>")
    out.append("<thead><tr>" + "".join(f"<th{c}>{html.escape(h)}</th>" for h, c in zip(heads, cls))
               + "</tr></thead><tbody>")
    for row in range(shown):
        out.append("<tr>" + "".join(f"<td{c}>{html.escape(col[row])}</td>"
                                    for col, c in zip(bodies, cls)) + "</tr>")
    out.append("</tbody></table>")
    if shown < total:
        out.append(f'<p class="cx-table-note">Showing the first {shown:,} of {total:,} rows.</p>')
    out.append("</div>")
    return "".join(out)


def missing_html(dataset: str, what: str) -> str:
    """A note that a section could not be produced because a dataset was not provided."""
    what = str(what).strip().rstrip(".")
    return ('<div class="cx-missing"><span class="cx-missing-label">Not available. </span>'
            f"This section needs the <strong>{html.escape(dataset)}</strong> dataset, which was not "
            f"provided: {html.escape(what)}.</div>")


def unavailable_html(reason: str) -> str:
    """A note that a section could not run, with the one sentence saying why."""
    return ('<div class="cx-missing"><span class="cx-missing-label">Not available. </span>'
            f"{html.escape(str(reason).strip())}</div>")


def quote_html(text: str, attribution: str | None = None) -> str:
    """A customer quote (shown verbatim, escaped; redact personal data before)."""
    body = html.escape(str(text).strip().strip('"“”'))
    foot = f"<footer>— {html.escape(attribution)}</footer>" if attribution else ""
    return f'<blockquote class="cx-quote"><p>“{body}”</p>{foot}</blockquote>'


def text_html(markdown: str) -> str:
    """Generated narrative (markdown) as an HTML block."""
    return f'<div class="cx-text">{_markdown(markdown)}</div>'


# --- show_* -------------------------------------------------------------------------------------
def show_finding(text: str) -> None:
    """Show a highlighted "key finding" callout (a sentence, or a finding that carries one)."""
    text = str(text)
    _publish(finding_html(text), f"Key finding: {text}")


def show_findings(texts: Sequence[str]) -> None:
    """Show each sentence as a key finding; nothing when there are none."""
    for text in texts:
        show_finding(text)


def show_key_findings(findings: Sequence[Any], title: str = "The findings that matter most") -> None:
    """Show findings as one numbered list under ``title`` (:func:`findings_html`)."""
    _publish(findings_html(findings, title), title + "\n" + "\n".join(
        f"{i}. {f}" for i, f in enumerate(findings, 1)))


def show_kpis(items: Sequence[tuple[str, str, str]]) -> None:
    """Show a row of KPI tiles, e.g. ``[("NPS", "+24", "95% CI +21 to +27")]``."""
    plain = "\n".join(" ".join(str(p) for p in item if p) for item in items)
    _publish(kpis_html(items), plain)


def show_table(df: pd.DataFrame, *, caption: str | None = None,
               formats: Mapping[str, str] | None = None, max_rows: int = 25, heading: str | None = None,
               source: str | None = None) -> None:
    """Show a client-ready table (see :func:`table_html` for the parameters); ``heading`` ("## What we
    recommend, and why") opens it in the same block, so a page never ends on the heading alone.

    The output's metadata carries the table's data under :data:`TABLE_KEY` (:func:`table_data`,
    with ``source``, the section's source line), for the spreadsheet of the report's tables; the
    report shows the HTML only."""
    plain = (f"{caption}\n" if caption else "") + df.head(max_rows).to_string(index=False, na_rep="–")
    html_text = table_html(df, caption=caption, formats=formats, max_rows=max_rows)
    if heading is not None:
        level = len(heading) - len(heading.lstrip("#"))
        html_text = f'<h{level} class="cx-heading">{html.escape(heading.lstrip("# "))}</h{level}>' + html_text
        plain = heading + "\n" + plain
    data = table_data(df, caption=caption, formats=formats, source=source or "", heading=heading, max_rows=max_rows)
    _publish(html_text, plain, metadata={TABLE_KEY: data})


def show_missing(dataset: str, what: str) -> None:
    """Say that a section needs a dataset that was not provided, and what it would have shown."""
    what_text = str(what).strip().rstrip(".")
    _publish(missing_html(dataset, what),
             f"This section needs the {dataset} dataset, which was not provided: {what_text}.")


def show_unavailable(reason: str) -> None:
    """Say that a section could not run, and why, in one sentence."""
    _publish(unavailable_html(reason), f"Not available. {reason}")


def show_result(section: Any, *, chart: Any = None, of: str | None = None, table: str | None = None,
                quotes: str | None = None, finding: Any = None, first: bool = True, caption: str | None = None,
                formats: Mapping[str, str] | None = None, kpis: bool = False, **chart_options) -> None:
    """Show one exhibit of a report section, or, when its needs were not met, why not.

    Parameters
    ----------
    section : a :class:`cxlib.sections.Section`.
    chart : a chart function, given the result (or its attribute ``of``) and ``chart_options``.
    of : the result's attribute the chart draws (``"table"`` for most results).
    table : the result's attribute (a frame, or a method returning one) shown as a table; an
        empty frame is not shown.
    quotes : the result's attribute (a frame, or a method returning one) of ``quote`` and ``attribution``.
    finding : a function of the result giving the key-finding sentence; by default the result's
        ``headline()`` when it has one.
    first : the section's first exhibit shows its key finding, or the reason it could not run;
        later exhibits of the same section give False, so each is said once.
    caption, formats : for the table.
    kpis : show the result's ``kpis()`` tiles before the finding.
    chart_options : passed to the chart; when none is given its title is the result's
        ``<of>_title()`` or else ``title()`` (an action title that carries the finding).
    """
    if not section.ran:
        if first:
            show_unavailable(section.reason)
        return
    result = section.result
    if kpis:
        show_kpis(result.kpis())
    if first and (finding is not None or hasattr(result, "headline")):
        show_finding(finding(result) if finding is not None else result.headline())
    if chart is not None:
        _show_chart(exhibit(result, chart, of=of, **chart_options), exhibit_source(section),
                    getattr(section, "source", ""), getattr(section, "analysis", ""))
    if table is not None:
        frame = getattr(result, table)
        frame = frame() if callable(frame) else frame
        if len(frame):
            show_table(frame, caption=caption, formats=formats, source=getattr(section, "source", ""))
    if quotes is not None:
        frame = getattr(result, quotes)
        show_quotes(frame() if callable(frame) else frame)


def exhibit(result: Any, chart: Any, *, of: str | None = None, **chart_options) -> Any:
    """The chart :func:`show_result` draws for a section's result (a matplotlib figure).

    Parameters
    ----------
    result : the section's result.
    chart, of, chart_options : as for :func:`show_result`; without a ``title`` option the chart's
        title is the result's ``<of>_title()``, else its ``title()`` (an action title), when it has one.
    """
    # The exhibit's own title (``bands_title`` for ``of="bands"``), else the result's.
    title = getattr(result, f"{of}_title", None) if of else None
    title = title if callable(title) else getattr(result, "title", None)
    if "title" not in chart_options and callable(title):
        chart_options["title"] = title()
    return chart(getattr(result, of) if of else result, **chart_options)


def exhibit_source(section: Any) -> str:
    """The source id of a section's charts: the cxlib function behind the finding its result states
    itself (``result.finding().source``, as :class:`cxlib.report.verdict.Finding` records it, e.g.
    "cxlib.competition.social.responsiveness"); "" when the section did not run or its result
    states no finding without help (a finding a step's verdict writes from several results)."""
    finding = getattr(getattr(section, "result", None), "finding", None)
    if not callable(finding):
        return ""
    # a finding that needs more than its result (a TypeError), or that fails, leaves the chart
    # without an id: a tag never stops a report
    try:
        stated = finding()
    except Exception:  # noqa: BLE001
        return ""
    return str(getattr(stated, "source", "") or "")


def chart_title(figure: Any) -> str:
    """A chart's title as the reader sees it (the text :func:`cxlib.charts.canvas.titles` sets, its
    lines joined by spaces); "" for a chart without one."""
    from cxlib.charts.canvas import TITLE_ID

    found = figure.findobj(lambda artist: artist.get_gid() == TITLE_ID)
    return " ".join(found[0].get_text().split()) if found else ""


def _show_chart(figure: Any, source: str, line: str, analysis: str = "") -> None:
    """Show a chart, then its source ``line``; the output's metadata says which chart it is
    (:data:`EXHIBIT_KEY`: its ``source`` id, the ``analysis`` its section ran, ``title`` and
    ``source_line``), for the slide deck. The report shows the picture only."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    display(figure, metadata={EXHIBIT_KEY: {"source": source, "analysis": analysis, "title": chart_title(figure),
                                            "source_line": line}})
    plt.close(figure)
    show_source(line)


def show_figure(figure: Any, *, source: str) -> None:
    """Show a chart that no section draws (the engagement's own), with its source line under it;
    its source id is the chart function that drew it ("cxlib.charts.summary.step_scores")."""
    _show_chart(figure, getattr(figure, "cx_chart", ""), source)


def source_html(line: str) -> str:
    """The source line under a chart ("Source: survey, 5,000 answers, 1 Jan – 31 Dec 2025.")."""
    return f'<p class="cx-source">{html.escape(line)}</p>'


def show_source(line: str) -> None:
    """Show the source line under the chart just shown (nothing for an empty line)."""
    if line:
        _publish(source_html(line), line)


def reading_guide_html() -> str:
    """The one "How to read this report" box every report carries after its summary."""
    from cxlib.wording import ALPHA

    items = [
        "Each section opens with its finding in a box; the chart or table below it is the evidence, and "
        "the line under a chart names the data, how many rows and the dates it covers.",
        f"**Larger than chance**: a difference bigger than random variation produces more than 1 time in "
        f"{round(1 / ALPHA)}. "
        + "**Within what chance alone produces**: the data cannot tell the two apart; it does not prove "
        "they are equal.",
        "**A 95% range**: the values the true figure lies within 19 times in 20, given how many answers it "
        "rests on.",
        "**Goes with**, **linked to**: the two move together in the same data. That is an association, "
        "not proof that one causes the other.",
        "Every section needs a minimum amount of data, stated in the appendix; where a client's data falls "
        "short, the report says so instead of guessing.",
        "How each figure was computed, the tests behind the words above and the score rules are in "
        "**How we measured**, at the end.",
    ]
    body = "".join(f"<li>{_markdown(item, inline=True)}</li>" for item in items)
    return (f'<div class="cx-guide"><p class="cx-guide-title">How to read this report</p>'
            f"<ul>{body}</ul></div>")


def show_reading_guide() -> None:
    """Show the "How to read this report" box."""
    _publish(reading_guide_html(), "How to read this report")


def show_quote(text: str, attribution: str | None = None) -> None:
    """Show a customer quote with an optional attribution ("Detractor, chat")."""
    _publish(quote_html(text, attribution), f'"{text}"' + (f" — {attribution}" if attribution else ""))


def show_quotes(quotes: pd.DataFrame) -> None:
    """Show each row of a frame of ``quote`` and ``attribution`` as a quote."""
    for row in quotes.itertuples():
        show_quote(row.quote, row.attribution)


def show_text(markdown: str) -> None:
    """Show a generated narrative paragraph written in markdown."""
    _publish(text_html(markdown), markdown)

