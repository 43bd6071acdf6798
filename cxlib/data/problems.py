"""Data problems as one-line, human messages naming file, row and column.

One problem per file, column and kind: a wrong column in a 100,000-row file is one line with a
count, the first rows (as a text editor or spreadsheet numbers them) and a hint, never one line per row.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

_EXAMPLES = 3  # rows named in a grouped problem


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a client's data.

    ``row`` is the file's line (CSV, header = 1) or the sheet's row (XLSX) when one row is to blame;
    ``rows`` and ``count`` describe a group. ``column`` is the contract's name of the column and
    ``source`` the file's own name for it where the column map renames it.
    """

    file: str
    message: str
    column: str | None = None
    row: int | None = None
    severity: str = "error"
    source: str | None = None
    count: int = 1
    rows: tuple[int, ...] = ()

    def where(self) -> str:
        """``survey.csv row 3 column "Q7" (nps)``: the place, as the consultant finds it."""
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.source is not None and self.source != self.column:
            where += f' column "{self.source}"' + (f" ({self.column})" if self.column else "")
        elif self.column is not None:
            where += f" column {self.column}"
        return where

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"


def shown(value) -> str:
    """A cell value as a problem line quotes it: numbers bare, text in quotes, long text cut."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "a blank"
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value)).lower()
    if isinstance(value, (int, np.integer)) or (isinstance(value, (float, np.floating)) and float(value).is_integer()):
        return f"{float(value):g}" if abs(float(value)) < 1e15 else str(value)
    if isinstance(value, (float, np.floating)):
        return f"{float(value):g}"
    if isinstance(value, pd.Timestamp):
        return value.isoformat(sep=" ").removesuffix(" 00:00:00")
    text = str(value)
    text = text if len(text) <= 40 else text[:37] + "..."
    return repr(text)


def _blank(value) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plural(phrase: str) -> str:
    head, _, rest = phrase.partition(" ")
    verb = {"is": "are", "has": "have", "appears": "appear", "falls": "fall", "was": "were"}.get(head)
    return f"{verb} {rest}" if verb else phrase


def rows_problem(file: str, lines: Sequence[int], values: Sequence | None, phrase: str, *,
                 column: str | None = None, source: str | None = None, hint: str | None = None,
                 severity: str = "error", noun: str = "values") -> Problem:
    """One problem for every row of a column that fails the same way.

    Parameters
    ----------
    file : the file's name.
    lines : the file line (or sheet row) of each failing row, in file order.
    values : the failing values, aligned with ``lines`` (None where the cell is blank); None when the
        problem is the row itself, not a value.
    phrase : what is wrong, in the singular, after the value: "is outside 0-10", "is missing".
    hint : how to fix it, appended after a semicolon.
    noun : what the count counts in the plural ("values", "responses", "dates").
    """
    count = len(lines)
    suffix = f"; {hint}" if hint else ""
    values = [None] * count if values is None else [None if _blank(v) else v for v in values]
    if count == 1:
        value = values[0] if values else None
        subject = "" if noun == "rows" else "value " if value is None else f"{shown(value)} "
        return Problem(file, f"{subject}{phrase}{suffix}", column=column, row=int(lines[0]),
                       severity=severity, source=source, rows=(int(lines[0]),))
    first = [int(line) for line in lines[:_EXAMPLES]]
    examples = [shown(v) for v in list(values)[:_EXAMPLES] if v is not None]
    listed = ", ".join(str(line) for line in first)
    shown_values = f" ({', '.join(examples)})" if examples else ""
    message = f"{count:,} {noun} {_plural(phrase)}, e.g. rows {listed}{shown_values}{suffix}"
    return Problem(file, message, column=column, severity=severity, source=source, count=count,
                   rows=tuple(first))


def ordered(problems: Sequence[Problem]) -> list[Problem]:
    """Problems in reading order: per file, errors before warnings, then by column and first row."""
    def key(p: Problem):
        first = p.row if p.row is not None else (p.rows[0] if p.rows else 0)
        return (p.file, p.severity != "error", p.column is not None, p.column or "", first)
    return sorted(problems, key=key)
