"""From a file to a table of text cells, with the line each row came from.

CSV, TSV and XLSX files are read as text, cell by cell, so that every row keeps the line a text editor
(CSV: blank lines and quoted newlines counted) or a spreadsheet (XLSX) shows for it. Survey-tool
exports are recognised here (:mod:`cxlib.data.exports`): their extra header rows are never data,
their question texts are kept as labels, and preview or unfinished responses are set aside by a
stated rule.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from cxlib.data.exports import PREVIEWS, UNFINISHED, Export, Exclusions, exclusions, recognise
from cxlib.data.problems import Problem, rows_problem

TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx")
_HEAD_ROWS = 5  # rows shown to the export recogniser


@dataclass(frozen=True)
class RawTable:
    """A file's answer rows as text (None for blank cells), before the contract is applied."""

    frame: pd.DataFrame
    lines: np.ndarray
    export: Export
    excluded: Exclusions | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


class Unreadable(ValueError):
    """The file is not a table we can read; the message is one line for the consultant."""

    def __init__(self, message: str, row: int | None = None):
        super().__init__(message)
        self.row = row


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")  # Qualtrics writes its TSV exports as UTF-16 with a BOM
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise Unreadable(f"is not UTF-8 text (line {line}, byte {exc.start}); save it as CSV UTF-8") from None


def _delimiter(path: Path, text: str) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    """(first line, cells) of every non-blank record of a delimited text file."""
    text = _decode(path)
    # strict: a quote left open must not swallow every line after it into one cell
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(path, text), strict=True)
    rows = []
    start = 1
    try:
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            if any(c.strip() for c in cells):
                rows.append((start, cells))
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise Unreadable('has a quote (") that is never closed, so every line after it would be read as one '
                             "cell; close it or remove it", row=start) from None
        if "expected after" in str(exc):
            raise Unreadable("has text after the closing quote of a cell; quote the whole cell or remove the quote",
                             row=reader.line_num) from None
        raise Unreadable(f"cannot be read as CSV ({exc})", row=reader.line_num) from None
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _xlsx_rows(path: Path) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """(sheet row, cells) of every non-blank row of the first sheet, and notes on other sheets."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a damaged or mislabelled file
        raise Unreadable("cannot be opened as an Excel workbook; save it again as .xlsx, or as CSV UTF-8") from None
    try:
        sheet = book.worksheets[0]
        notes = []
        if len(book.worksheets) > 1:
            notes.append(f"has {len(book.worksheets)} sheets; the first, {sheet.title!r}, is read")
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            if any(c.strip() for c in cells):
                rows.append((number, cells))
        return rows, notes
    finally:
        book.close()


def read_table(path: Path, *, keep_unfinished: bool = False, keep_previews: bool = False
               ) -> tuple[RawTable | None, list[Problem]]:
    """Read one dataset file as text cells, recognising survey-tool exports.

    Parameters
    ----------
    path : a ``.csv``, ``.tsv`` or ``.xlsx`` file.
    keep_unfinished, keep_previews : keep responses a survey tool marks unfinished, or as previews
        and tests (both are set aside by default, and counted).

    Returns
    -------
    The table (None when the file cannot be used at all) and the problems found reading it.
    """
    name = path.name
    if path.suffix.lower() != ".xlsx":
        try:
            fast = _plain_csv(path)
        except OSError:
            fast = None  # the exact reader below says what is wrong with the file
        if fast is not None:
            return _finish(name, path, *fast, keep_unfinished, keep_previews)
    try:
        if path.suffix.lower() == ".xlsx":
            rows, notes = _xlsx_rows(path)
        else:
            rows, notes = _csv_rows(path), []
    except Unreadable as exc:
        return None, [Problem(name, str(exc), row=exc.row)]
    except OSError as exc:  # permissions, a file removed while reading
        return None, [Problem(name, f"cannot be read ({exc.strerror or 'the system refused'})")]
    if not rows:
        return None, [Problem(name, "is empty (no header row)")]
    export = recognise([cells for _, cells in rows[:_HEAD_ROWS]])
    header_line = rows[export.header_rows - 1][0] if len(rows) >= export.header_rows else rows[0][0]
    columns = list(export.columns)
    if export.vendor is None:
        # a plain table is as wide as its header: longer rows are reported as ragged, not as unnamed columns
        header = [c.strip() for c in rows[0][1]]
        while header and not header[-1]:
            header.pop()
        columns = header
    body = rows[export.header_rows:]
    problems: list[Problem] = []
    keep = _usable_columns(name, columns, lambda i: any(len(cells) > i and cells[i].strip() for _, cells in body),
                           header_line, problems)
    if keep is None:
        return None, problems
    width = len(columns)
    # Blank cells past the header are a trailing delimiter or a spreadsheet's padding when the header or
    # most rows have them too; a row longer than that has its cells shifted, blank or not.
    lengths = [len(cells) for _, cells in rows[:export.header_rows]]
    if body:
        lengths.append(Counter(len(cells) for _, cells in body).most_common(1)[0][0])
    usual = max(lengths)
    ragged = [(line, len(cells)) for line, cells in body
              if len(cells) < width or len(cells) > usual or any(c.strip() for c in cells[width:])]
    if ragged:
        lines = [line for line, _ in ragged]
        counts = sorted({n for _, n in ragged})
        problems.append(rows_problem(
            name, lines, None,
            f"has {', '.join(map(str, counts))} fields where the header has {width}",
            hint="a stray delimiter, an unquoted text or a missing cell", noun="rows"))
        return None, problems
    if not body:
        return None, [Problem(name, "has a header but no rows of data")]
    cells = [[c.strip() or None for c in row[:width]] for _, row in body]
    frame = pd.DataFrame(cells, columns=columns, dtype=object)
    frame = frame[[columns[i] for i in keep]]
    lines = np.array([line for line, _ in body], dtype=np.int64)
    table, found = _finish(name, path, frame, lines, export, notes, keep_unfinished, keep_previews)
    return table, problems + found


def _finish(name: str, path: Path, frame: pd.DataFrame, lines: np.ndarray, export: Export, notes: list[str],
            keep_unfinished: bool, keep_previews: bool) -> tuple[RawTable | None, list[Problem]]:
    """The answer rows once previews and unfinished responses are set aside, with the file's notes."""
    first_answer = int(lines[0])
    excluded = exclusions(frame, export, keep_unfinished=keep_unfinished, keep_previews=keep_previews)
    if excluded.mask.any():
        mask = excluded.mask.to_numpy(dtype=bool)
        frame, lines = frame.loc[~mask].reset_index(drop=True), lines[~mask]
        if frame.empty:
            verb = "is" if excluded.excluded == 1 else "are"
            return None, [Problem(name, f"has no responses left once {_excluded_text(excluded)} "
                                        f"{verb} set aside (see responses: in client.yml)")]
    if export.vendor:
        notes.insert(0, f"is a {export.vendor} export: {export.header_rows} header rows, answers from "
                        f"{'row' if path.suffix.lower() == '.xlsx' else 'line'} {first_answer}")
    if excluded.counts:
        notes.append(f"{_excluded_text(excluded)} set aside. {excluded.rule}")
    return RawTable(frame, lines, export, excluded, tuple(notes)), []


# The fast reader below handles well-formed files only; anything unusual (a ragged row, a stray quote,
# a lone carriage return, UTF-16) goes to the exact reader above, which also words the problems.
_CHUNK = 1 << 25  # bytes scanned at a time, so a scan never holds a mask as large as the file


def _positions(data: np.ndarray, byte: int) -> np.ndarray:
    """Offsets of every occurrence of ``byte`` in ``data``."""
    parts = [np.flatnonzero(data[start:start + _CHUNK] == byte) + start
             for start in range(0, len(data), _CHUNK)]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _quotes_well_formed(data: np.ndarray, quotes: np.ndarray, delimiter: int) -> bool:
    """Whether every quote opens or closes a whole quoted cell (a doubled quote inside one counts).

    Then the csv module and pandas' parser read the file alike, and a line break is inside a cell
    exactly when an odd number of quotes comes before it.
    """
    if len(quotes) % 2:
        return False
    if not len(quotes):
        return True
    bounds = np.zeros(256, dtype=bool)
    bounds[[delimiter, ord("\n"), ord("\r")]] = True
    opening, closing = quotes[0::2], quotes[1::2]
    before = np.where(opening > 0, data[np.maximum(opening - 1, 0)], ord("\n"))
    doubled_open = np.zeros(len(opening), dtype=bool)
    doubled_open[1:] = opening[1:] - 1 == closing[:-1]  # the second quote of a "" inside a cell
    after_at = np.minimum(closing + 1, len(data) - 1)
    after = np.where(closing + 1 < len(data), data[after_at], ord("\n"))
    doubled_close = np.zeros(len(closing), dtype=bool)
    doubled_close[:-1] = closing[:-1] + 1 == opening[1:]
    return bool((bounds[before] | doubled_open).all() and (bounds[after] | doubled_close).all())


def _stripped(column: pd.Series) -> np.ndarray:
    """Cells stripped, blank ones None; each distinct text is stripped once and its object shared."""
    codes, uniques = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=False)
    cleaned = np.array([u.strip() or None for u in uniques.tolist()] + [None], dtype=object)
    return cleaned[codes]


def _plain_csv(path: Path) -> tuple[pd.DataFrame, np.ndarray, Export, list[str]] | None:
    """A well-formed CSV or TSV file read by pandas' C parser: rows, lines, export, notes.

    None when the file is anything but a rectangular table of well-quoted cells in UTF-8 with
    LF or CRLF line ends, so that :func:`_csv_rows` (which names each problem) reads it.
    The rows, their lines and every cell are those the exact reader gives.
    """
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw:
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if raw.count(b"\r") != raw.count(b"\r\n"):
        return None
    delimiter = _delimiter(path, raw.split(b"\n", 1)[0].decode("utf-8"))
    data = np.frombuffer(raw, dtype=np.uint8)
    quotes = _positions(data, ord('"'))
    if not _quotes_well_formed(data, quotes, ord(delimiter)):
        return None
    breaks = _positions(data, ord("\n"))
    ends_row = np.searchsorted(quotes, breaks) % 2 == 0  # line breaks inside quoted cells do not
    ending = np.flatnonzero(ends_row)
    starts = np.concatenate([[0], breaks[ending] + 1])
    stops = np.concatenate([breaks[ending], [len(raw)]])
    lines = np.concatenate([[1], ending + 2]).astype(np.int64)
    size = stops - starts
    cr_only = (size == 1) & (data[np.minimum(starts, len(raw) - 1)] == ord("\r")) if len(raw) else size > 0
    records = ~((size == 0) | cr_only)
    # delimiters that separate cells: all of them, less those inside quoted cells
    separators = raw.count(delimiter.encode())
    for start, stop in zip(quotes[0::2].tolist(), quotes[1::2].tolist()):
        separators -= raw.count(delimiter.encode(), start, stop)
    try:
        table = pd.read_csv(io.BytesIO(raw), sep=delimiter, header=None, dtype=object, na_filter=False,
                            skip_blank_lines=True, engine="c", encoding="utf-8", quoting=csv.QUOTE_MINIMAL)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return None
    width = table.shape[1]
    # pandas pads a short row with blanks and skips lines of spaces: both show in these counts
    if len(table) != records.sum() or separators != len(table) * (width - 1):
        return None
    lines = lines[records]
    del raw, data  # the text is in the table now; a large file is not held twice
    head = table.head(_HEAD_ROWS).to_numpy(dtype=object).tolist()
    # column by column, each parsed column let go once stripped, so the table is never held twice
    stripped = {i: _stripped(table.pop(i)) for i in list(table.columns)}
    del table
    cells = pd.DataFrame(stripped, dtype=object, copy=False)
    del stripped
    filled = cells.notna().any(axis=1).to_numpy()
    if not filled.all():  # rows of blank cells (",,,"), which the exact reader skips as blank lines
        cells, lines = cells.loc[filled].reset_index(drop=True), lines[filled]
        head = [row for row, keep in zip(head, filled[:len(head)]) if keep]
        if len(head) < min(_HEAD_ROWS, len(cells)):
            return None
    export = recognise(head)
    if len(cells) <= export.header_rows:
        return None
    columns = list(export.columns)
    if export.vendor is None:
        columns = [c.strip() for c in head[0]]
        while columns and not columns[-1]:
            columns.pop()
    body = cells.iloc[export.header_rows:].reset_index(drop=True)
    if len(columns) > width or body.iloc[:, len(columns):].notna().any(axis=None):
        return None  # a ragged table: the exact reader reports its rows
    problems: list[Problem] = []
    keep = _usable_columns(path.name, columns, lambda i: bool(body[i].notna().any()),
                           int(lines[export.header_rows - 1]), problems)
    if keep is None or problems:
        return None
    frame = body[[i for i in keep]]
    frame.columns = [columns[i] for i in keep]
    return frame, lines[export.header_rows:], export, []


_ONE = {PREVIEWS: "survey preview or test", UNFINISHED: "unfinished response"}


def _excluded_text(excluded: Exclusions) -> str:
    return " and ".join(f"{n:,} {_ONE.get(reason, reason) if n == 1 else reason}"
                        for reason, n in excluded.counts.items() if n)


def _usable_columns(name: str, columns: list[str], has_values, header_line: int,
                    problems: list[Problem]) -> list[int] | None:
    """Positions of the columns to keep; None (with problems) when the header cannot be trusted.

    ``has_values(i)`` tells whether column ``i`` has a non-blank cell in some answer row.
    """
    keep, seen, fatal = [], {}, False
    for i, column in enumerate(columns):
        if not column:
            if has_values(i):
                problems.append(Problem(name, f"column {i + 1} has values but no name in the header",
                                        row=header_line))
                fatal = True
            continue
        if column in seen:
            problems.append(Problem(name, f"the header names {column!r} twice (columns {seen[column] + 1} "
                                          f"and {i + 1}); rename one", row=header_line))
            fatal = True
            continue
        seen[column] = i
        keep.append(i)
    return None if fatal else keep
