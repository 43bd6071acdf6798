"""Data problems as one-line, human messages naming file, row and column."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pandera.errors as pa_errors

# The header is line 1 of a file, so the frame's first row is line 2.
_FIRST_DATA_LINE = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a client's data.

    ``row`` is the file's line number (header = 1) or None for file- or column-level problems.
    """

    file: str
    message: str
    column: str | None = None
    row: int | None = None
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column is not None:
            where += f" column {self.column}"
        return f"{where}: {self.message}"


def line_of(index_label) -> int | None:
    """File line number of a frame row label from the loader (a RangeIndex from 0)."""
    try:
        return int(index_label) + _FIRST_DATA_LINE
    except (TypeError, ValueError):
        return None


def _show(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def from_schema_errors(file: str, errors: pa_errors.SchemaErrors) -> list[Problem]:
    """Turn pandera's lazy-validation failure cases into row-level problems."""
    problems = []
    cases = errors.failure_cases
    for case in cases.itertuples(index=False):
        column = case.column if isinstance(case.column, str) else None
        check = str(case.check)
        value = case.failure_case
        if check == "not_nullable":
            message = "value is missing"
        elif check == "field_uniqueness":
            message = f"{_show(value)!r} appears more than once"
        elif check == "column_in_dataframe":
            problems.append(Problem(file, "required column is missing", column=str(value)))
            continue
        else:
            message = f"{_show(value)} {check}"
        problems.append(Problem(file, message, column=column, row=line_of(case.index)))
    return problems
