"""Text cells to the contract's types: numbers, dates, date-times and yes/no answers.

Dates are ISO 8601 unless the column map declares a format; a date without month and day ("2025")
is refused rather than read as the first of January. Date-times that carry time-zone offsets are
read as UTC, with a warning when one column mixes offsets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.data.schemas import ColumnSpec

TRUE_WORDS = frozenset({"true", "yes", "y", "t", "1"})
FALSE_WORDS = frozenset({"false", "no", "n", "f", "0"})
BOOL_WORDS = TRUE_WORDS | FALSE_WORDS
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$")
_OFFSET = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")

# Formats a consultant meets in exports, most specific first; used to suggest a declared format.
DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d",
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y",
    "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y",
    "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%d-%m-%Y", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d",
    "%d %b %Y %H:%M", "%d %b %Y", "%b %d, %Y", "%d/%m/%y", "%m/%d/%y",
)


@dataclass(frozen=True)
class Parsed:
    """A column parsed to its type, the rows that failed and a note for the column (or None)."""

    values: pd.Series
    failed: np.ndarray
    what: str
    note: str | None = None


def parse_column(text: pd.Series, spec: ColumnSpec, date_format: str | None = None) -> Parsed:
    """Parse a column of text cells (None for blank) to the spec's type.

    Parameters
    ----------
    text : the cells, stripped, None where blank.
    spec : the contract column.
    date_format : a ``strptime`` format declared in the column map, for date and date-time columns.
    """
    text = text.astype(object).where(text.notna(), None)
    kind = spec.kind
    if kind in ("id", "text"):
        return Parsed(text, np.zeros(len(text), dtype=bool), "")
    # Each distinct cell is parsed once (a million answers hold a few thousand distinct dates and
    # eleven distinct scores), then spread back to its rows; blanks stay missing.
    codes, distinct = pd.factorize(text.to_numpy(dtype=object))
    parsed = _parse_distinct(pd.Series(distinct, dtype=object), spec, date_format)
    values = pd.Series(parsed.values.array.take(codes, allow_fill=True), index=text.index, name=text.name)
    if kind == "bool" and not spec.nullable and values.notna().all():
        values = values.astype(bool)
    failed = np.zeros(len(text), dtype=bool)
    failed[codes >= 0] = parsed.failed[codes[codes >= 0]]
    return Parsed(values, failed, parsed.what, parsed.note)


def _parse_distinct(text: pd.Series, spec: ColumnSpec, date_format: str | None) -> Parsed:
    """:func:`parse_column` for distinct, non-blank cells."""
    present = text.notna().to_numpy()
    kind = spec.kind
    note = None
    if kind in ("int", "float"):
        values = pd.to_numeric(text, errors="coerce").astype(float)
        what = "is not a number"
    elif kind in ("date", "datetime"):
        values, note = _dates(text, date_format)
        if date_format:
            what = f"is not a date in the declared format {date_format}"
        else:
            what = "is not a date (expected YYYY-MM-DD)" if kind == "date" else \
                "is not a date-time (expected YYYY-MM-DD HH:MM)"
    elif kind == "bool":
        lowered = text.map(lambda v: v.strip().lower() if isinstance(v, str) else None)
        values = pd.Series(pd.NA, index=text.index, dtype="boolean")
        values[lowered.isin(TRUE_WORDS).to_numpy()] = True
        values[lowered.isin(FALSE_WORDS).to_numpy()] = False
        what = "is not yes or no (true/false, 1/0)"
    else:  # pragma: no cover - the contract only uses the kinds above
        raise ValueError(f"unknown column kind {kind}")
    failed = present & values.isna().to_numpy()
    return Parsed(values, failed, what, note)


def _dates(text: pd.Series, date_format: str | None) -> tuple[pd.Series, str | None]:
    if date_format:
        parsed = pd.to_datetime(text, format=date_format, errors="coerce")
        return parsed.astype("datetime64[ns]"), None
    strings = text.dropna().astype(str)
    iso = strings[strings.str.match(_ISO_DATE)]
    offsets = iso.str.extract(_OFFSET, expand=False).dropna()
    values = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    if iso.empty:
        return values, None
    note = None
    if offsets.empty:
        values[iso.index] = pd.to_datetime(iso, format="ISO8601", errors="coerce").astype("datetime64[ns]")
    else:
        utc = pd.to_datetime(iso, format="ISO8601", errors="coerce", utc=True)
        values[iso.index] = utc.dt.tz_convert(None).astype("datetime64[ns]")
        kinds = sorted(set(offsets.str.replace(":", "", regex=False)))
        if len(kinds) > 1 or len(offsets) < len(iso):
            shown = ", ".join(kinds[:4]) + (", ..." if len(kinds) > 4 else "")
            note = (f"mixes time-zone offsets ({shown}{', and none' if len(offsets) < len(iso) else ''}); "
                    "all times were read as UTC")
    return values, note


def suggest_date_format(values: pd.Series, *, sample: int = 2000) -> tuple[str | None, str]:
    """The one format in :data:`DATE_FORMATS` that reads every value, and why (or why none).

    Returns
    -------
    (format, reason): format is None when no format reads every value, or when day-first and
    month-first both do (then the reason says so, and a person must decide).
    """
    strings = values.dropna().astype(str).str.strip()
    strings = strings[strings != ""].head(sample)
    if strings.empty:
        return None, "the column is blank"
    if strings.str.match(_ISO_DATE).all():
        return None, "already ISO 8601"
    fits = formats_reading(strings, sample=sample)
    if not fits:
        return None, f"no common date format reads {strings.iloc[0]!r}"
    day_first = [f for f in fits if f.startswith("%d")]
    month_first = [f for f in fits if f.startswith("%m")]
    if day_first and month_first:
        return None, (f"ambiguous: {day_first[0]} and {month_first[0]} both read every value "
                      "(no day above 12); declare the format")
    return fits[0], f"reads all {len(strings):,} values checked"


def formats_reading(values: pd.Series, *, sample: int = 2000) -> list[str]:
    """The formats of :data:`DATE_FORMATS` that read every value (of the first ``sample``), in order."""
    strings = values.dropna().astype(str).str.strip()
    strings = strings[strings != ""].head(sample)
    if strings.empty:
        return []
    return [f for f in DATE_FORMATS if pd.to_datetime(strings, format=f, errors="coerce").notna().all()]
