"""Survey-tool exports recognised from their first rows, and the rule that drops previews and
unfinished responses.

A client often hands over a survey tool's own export rather than a clean table. This module reads
the first rows of such a file (as lists of cell strings, from CSV, TSV or XLSX alike) and says which
tool wrote it, how many header rows come before the first answer, one stable name per column as a
consultant will write it in ``client.yml``, and the question text behind each name. It does no file
I/O: the loader reads the rows and calls :func:`recognise`, then :func:`exclusions` on the answers.

What the recognition relies on (vendor pages, read for this module):

- Qualtrics, "Understanding Your Dataset" (Survey Platform support): CSV and TSV files come with 3
  rows of headers; row 1 is the internal Qualtrics ID of the field (``EndDate``, ``Q1``...), row 2
  the question text, row 3 the import ID (cells such as ``{"ImportId":"QID1"}``). Row 2 follows the
  language of the survey, so current exports are told by row 3, never by English text.
- Qualtrics, the legacy edition of "Understanding Your Dataset": the first eleven columns are
  ResponseID, ResponseSet, IPAddress, StartDate, EndDate, RecipientLastName, RecipientFirstName,
  RecipientEmail, ExternalDataReference, Finished and Status; the legacy exporter heads them
  ``V1, V2, ...`` in row 1 and puts those names in row 2, above the question texts.
- Qualtrics, "Understanding Your Response Dataset (360)": the Status column gives the type of
  response as a code or its text ("32 / EX", "36 / Imported"); Finished is "1" or "TRUE" when the
  respondent reached an end point and "0" or "FALSE" when the response was closed unfinished.
- Qualtrics, "Distribution Summary": "Preview" is a distribution channel of its own, and the
  export's DistributionChannel column reads ``preview`` for those responses (``test`` for
  generated test responses).
- Qualtrics Status codes of a numeric-values export (the value labels of its SPSS export, as kept
  in public analysis code; no support page lists them): 0 IP Address, 1 Survey Preview,
  2 Survey Test, 4 Imported, 8 Spam, 9 Survey Preview Spam, 12 Imported Spam, 16 Offline,
  17 Offline Survey Preview, 32 EX, 40 EX Spam, 48 EX Offline. rOpenSci's excluder ("mark_preview")
  notes the same column is text or numbers depending on "Use choice text" or "Use numeric values".
- SurveyMonkey, "All Responses Data" export (public export samples; the help pages were not
  available to us): row 1 holds Respondent ID, Collector ID, Start Date, End Date, IP Address,
  Email Address, First Name, Last Name, Custom Data 1, then each question's text over the first of
  its columns only; row 2 is blank under those metadata columns and names each answer column
  ("Response", "Open-Ended Response", an option, "Other (please specify)"). Its columns carry no
  completion, preview or test flag.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pandas as pd

QUALTRICS = "Qualtrics"
QUALTRICS_LEGACY = "Qualtrics (legacy export)"
SURVEYMONKEY = "SurveyMonkey"

PREVIEWS = "survey previews and tests"
UNFINISHED = "unfinished responses"

# SurveyMonkey's respondent metadata columns; "Custom Data 2", "Custom Data 3"... follow the first.
_SM_METADATA = ("Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
                "Email Address", "First Name", "Last Name")
_SM_CUSTOM = re.compile(r"custom data \d+")
_LEGACY_ID = re.compile(r"V(\d+)")
# The legacy exporter writes about ten system columns as V-ids; a short V1, V2 run is more likely a
# client's own variable names than a legacy export.
_LEGACY_MIN_RUN = 5

# Status of a choice-text export, and the codes of a numeric one, that mark a preview or a test.
_PREVIEW_TEXTS = {"survey preview", "survey test", "survey preview spam", "offline survey preview"}
_PREVIEW_CODES = {"1", "2", "9", "17"}
_PREVIEW_CHANNELS = {"preview", "test"}
_UNFINISHED_VALUES = {"false", "0"}


@dataclass(frozen=True)
class Export:
    """What the first rows of a file say about it.

    Parameters
    ----------
    vendor : "Qualtrics", "Qualtrics (legacy export)", "SurveyMonkey", or None for a plain table.
    header_rows : lines before the first answer row (1 for a plain table).
    columns : one name per column, in file order; unique for a vendor export, exactly the header
        (duplicates and blanks included, for the loader to report) for a plain table.
    labels : column name -> readable question text, where the export carries one.
    """

    vendor: str | None
    header_rows: int
    columns: tuple[str, ...]
    labels: dict[str, str]


@dataclass(frozen=True, eq=False)  # a Series has no single truth value to compare by
class Exclusions:
    """The rows a survey export's own flags mark as not real answers.

    Parameters
    ----------
    counts : reason -> rows excluded for it, for reasons that excluded at least one row; each row
        is counted once, under the first reason that applies (previews before unfinished).
    mask : True for rows to drop, aligned to the frame's index.
    rule : one sentence stating the rule applied, for validation output and the report's data notes.
    """

    counts: dict[str, int]
    mask: pd.Series
    rule: str

    @property
    def excluded(self) -> int:
        return int(self.mask.sum())


def recognise(head: list[list[str]]) -> Export:
    """Which survey tool wrote a file, from its first rows.

    Parameters
    ----------
    head : up to the first 5 rows, each a list of cell strings (trailing empty cells allowed,
        cells not stripped).

    Returns an :class:`Export`. A current Qualtrics export is told by its third row of import IDs,
    a legacy one by its ``V1, V2, ...`` run, a SurveyMonkey one by its metadata names over a second
    header row whose Respondent ID is blank (an answer row always has one); anything else is a plain
    table with one header row.
    """
    rows = [[_clean(cell) for cell in row] for row in head]
    if rows and rows[0]:
        rows[0][0] = rows[0][0].lstrip("\ufeff")  # a BOM the reader left on the first cell
    if _is_qualtrics(rows):
        return _qualtrics(rows)
    if _is_legacy_qualtrics(rows):
        return _legacy_qualtrics(rows)
    if _is_surveymonkey(rows):
        return _surveymonkey(rows)
    width = max((_used_width(row) for row in rows), default=0)
    first = rows[0] if rows else []
    return Export(None, 1, tuple(_cell(first, i) for i in range(width)), {})


def exclusions(frame: pd.DataFrame, export: Export, *, keep_unfinished: bool = False,
               keep_previews: bool = False) -> Exclusions:
    """Survey previews, tests and unfinished responses, as the export itself marks them.

    Parameters
    ----------
    frame : the answer rows as strings, with ``export.columns`` as columns.
    export : what :func:`recognise` said about the file.
    keep_unfinished : keep responses the export marks unfinished (Qualtrics Finished False or 0).
    keep_previews : keep survey previews and tests.

    Qualtrics marks a preview or test in Status (text "Survey Preview", "Survey Test", "Survey
    Preview Spam", "Offline Survey Preview", or codes 1, 2, 9, 17) and in DistributionChannel
    ("preview", "test"); Finished False or 0 is unfinished. SurveyMonkey exports carry no such flag
    and a plain table is the client's own, so nothing is excluded from either.
    """
    nothing = pd.Series(False, index=frame.index)
    if export.vendor == SURVEYMONKEY:
        return Exclusions({}, nothing, "SurveyMonkey exports carry no completion, preview or test "
                                       "flag, so every response is kept.")
    if export.vendor not in (QUALTRICS, QUALTRICS_LEGACY):
        return Exclusions({}, nothing, "")

    status = _values(frame, "Status")
    channel = _values(frame, "DistributionChannel")
    finished = _values(frame, "Finished")
    preview = nothing.copy()
    if status is not None:
        preview |= status.str.lower().isin(_PREVIEW_TEXTS) | status.map(_code).isin(_PREVIEW_CODES)
    if channel is not None:
        preview |= channel.str.lower().isin(_PREVIEW_CHANNELS)
    unfinished = nothing.copy() if finished is None else finished.map(_code).str.lower().isin(
        _UNFINISHED_VALUES)

    counts: dict[str, int] = {}
    mask = nothing.copy()
    can_see_previews = status is not None or channel is not None
    if can_see_previews and not keep_previews:
        counts[PREVIEWS] = int(preview.sum())
        mask |= preview
    if finished is not None and not keep_unfinished:
        # A preview left unfinished is counted once, as a preview, so the counts add up to the mask.
        counts[UNFINISHED] = int((unfinished & ~mask).sum())
        mask |= unfinished
    # The rule says what was looked for; the counts only what was found.
    counts = {reason: n for reason, n in counts.items() if n}
    return Exclusions(counts, mask, _rule(export.vendor, status is not None, channel is not None,
                                          finished is not None, keep_previews, keep_unfinished))


# --- recognition ----------------------------------------------------------------------------------

def _clean(cell) -> str:
    return "" if cell is None else str(cell)


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if i < len(row) else ""


def _used_width(row: list[str]) -> int:
    """Columns up to the last non-blank cell: trailing blank columns are not columns."""
    for i in range(len(row) - 1, -1, -1):
        if row[i].strip():
            return i + 1
    return 0


def _readable(text: str) -> str:
    """Question text on one line: exports keep the line breaks of the survey's wording."""
    return " ".join(text.split())


def _unique(names: list[str]) -> tuple[str, ...]:
    """Names made unique by appending " (2)", " (3)"... to repeats, in file order."""
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, n = name, 1
        while candidate in seen:
            n += 1
            candidate = f"{name} ({n})"
        seen.add(candidate)
        out.append(candidate)
    return tuple(out)


def _import_id(cell: str) -> bool:
    text = cell.strip()
    if not text.startswith("{"):
        return False
    try:
        value = json.loads(text)
    except ValueError:
        return False
    return isinstance(value, dict) and any(key.lower() == "importid" for key in value)


def _is_qualtrics(rows: list[list[str]]) -> bool:
    if len(rows) < 3:
        return False
    cells = [c for c in rows[2][:_used_width(rows[0])] if c.strip()]
    return bool(cells) and all(_import_id(c) for c in cells)


def _qualtrics(rows: list[list[str]]) -> Export:
    width = _used_width(rows[0])
    columns = _unique([_cell(rows[0], i) for i in range(width)])
    labels = {name: _readable(_cell(rows[1], i)) for i, name in enumerate(columns)
              if _cell(rows[1], i)}
    return Export(QUALTRICS, 3, columns, labels)


def _legacy_run(row: list[str]) -> int:
    """Length of the ``V1, V2, V3...`` run that opens a legacy export's first row."""
    run = 0
    for cell in row:
        match = _LEGACY_ID.fullmatch(cell.strip())
        if not match or int(match.group(1)) != run + 1:
            break
        run += 1
    return run


def _is_legacy_qualtrics(rows: list[list[str]]) -> bool:
    if len(rows) < 2:
        return False
    run = _legacy_run(rows[0])
    if run < _LEGACY_MIN_RUN:
        return False
    # Under the V-ids row 2 names the system fields; an answer row there would hold ids and codes.
    system = [_cell(rows[1], i) for i in range(run)]
    return all(name and not _is_number(name) for name in system)


def _legacy_qualtrics(rows: list[list[str]]) -> Export:
    width = _used_width(rows[0])
    run = _legacy_run(rows[0])
    names = [_cell(rows[1], i) if i < run else _cell(rows[0], i) for i in range(width)]
    columns = _unique(names)
    labels = {name: _readable(_cell(rows[1], i)) for i, name in enumerate(columns)
              if _cell(rows[1], i)}
    return Export(QUALTRICS_LEGACY, 2, columns, labels)


def _sm_metadata(name: str) -> bool:
    return name in _SM_METADATA or bool(_SM_CUSTOM.fullmatch(name.lower()))


def _is_surveymonkey(rows: list[list[str]]) -> bool:
    if len(rows) < 2:
        return False
    first = [c.strip() for c in rows[0]]
    if "Respondent ID" not in first or "Collector ID" not in first:
        return False
    return all(not _cell(rows[1], i) for i, name in enumerate(first) if _sm_metadata(name))


def _surveymonkey(rows: list[list[str]]) -> Export:
    width = max(_used_width(rows[0]), _used_width(rows[1]))
    top = [_readable(_cell(rows[0], i)) for i in range(width)]
    sub = [_readable(_cell(rows[1], i)) for i in range(width)]
    # A question spans its first column and the blank-topped columns after it.
    starts = [i for i in range(width) if top[i]]
    span = {start: (starts[k + 1] if k + 1 < len(starts) else width) - start
            for k, start in enumerate(starts)}
    texts, question, start = [], "", 0
    for i in range(width):
        if top[i]:
            question, start = top[i], i
        if _sm_metadata(top[i]) or span.get(start, 1) == 1 or not sub[i]:
            texts.append(top[i] if top[i] else question)
        else:
            texts.append(f"{question} - {sub[i]}")
    columns = _unique(texts)
    labels = {name: text for name, text, top_name in zip(columns, texts, top)
              if text and not _sm_metadata(top_name)}
    return Export(SURVEYMONKEY, 2, columns, labels)


# --- exclusions -----------------------------------------------------------------------------------

def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _code(value: str) -> str:
    """A code as text, whether the reader gave "1" or "1.0" (a spreadsheet's numbers are floats)."""
    try:
        number = float(value)
    except ValueError:
        return value
    return str(int(number)) if number.is_integer() else value


def _values(frame: pd.DataFrame, column: str) -> pd.Series | None:
    if column not in frame.columns:
        return None
    values = frame[column]
    if isinstance(values, pd.DataFrame):  # a repeated name: the first column is the export's own
        values = values.iloc[:, 0]
    return values.fillna("").astype(str).str.strip()


def _rule(vendor: str, status: bool, channel: bool, finished: bool, keep_previews: bool,
          keep_unfinished: bool) -> str:
    """One sentence: what is excluded, what is kept on purpose, and what the export cannot show."""
    signs = []
    if status:
        signs.append("Status Survey Preview or Survey Test, or codes 1, 2, 9 or 17")
    if channel:
        signs.append("DistributionChannel preview or test")
    reasons = ((status or channel, keep_previews, f"survey previews and tests ({'; '.join(signs)})",
                "no Status column to show survey previews and tests"),
               (finished, keep_unfinished, "unfinished responses (Finished False or 0)",
                "no Finished column to show unfinished responses"))
    dropped = [words for seen, keep, words, _ in reasons if seen and not keep]
    kept = [words for seen, keep, words, _ in reasons if seen and keep]
    parts = []
    if dropped:
        parts.append(f"{' and '.join(dropped)} are excluded")
    if kept:
        parts.append(f"{' and '.join(kept)} are kept, as configured")
    parts += [f"the export has {missing}" for seen, _, _, missing in reasons if not seen]
    return f"{vendor}: {'; '.join(parts)}."
