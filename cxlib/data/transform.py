"""The column map: each contract column made from the client's file by a small declarative rule.

A rule (:class:`cxlib.config.ColumnRule`) takes a source column or a constant, recodes word answers,
rescales a declared numeric range onto the contract's, cuts numbers into bands, and names a date
format. Every rule that changes values is stated in a sentence for the report's data notes, so a
reader knows that "ease" was a 7-point agreement scale or that ratings were 0-10 in the survey.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cxlib.config import ColumnRule
from cxlib.data.problems import Problem, rows_problem, shown
from cxlib.data.read import RawTable
from cxlib.data.schemas import CONTRACT, ColumnSpec, spec_of
from cxlib.data.types import BOOL_WORDS, parse_column

MAP_HINT = "see column_map in client.yml"


@dataclass(frozen=True)
class Mapped:
    """A file's rows with the contract's columns made by the column map."""

    frame: pd.DataFrame
    sources: dict[str, str] = field(default_factory=dict)
    formats: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def _g(value: float) -> str:
    """A number as written in client.yml and data notes: 7, 0.5, never 7.0."""
    return f"{float(value):g}"


def _norm(value) -> str:
    return " ".join(str(value).split()).casefold()


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _g(value)
    return str(value)


def closest(name: str, options) -> str:
    """' (did you mean "X"?)' for the nearest of ``options``, or nothing."""
    found = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return f' (did you mean "{found[0]}"?)' if found else ""


def apply_rules(raw: RawTable, dataset: str, rules: dict[str, ColumnRule], file: str
                ) -> tuple[Mapped, list[Problem]]:
    """Make the contract columns a dataset's column map declares.

    Parameters
    ----------
    raw : the file's rows as text.
    dataset : the contract dataset the file holds.
    rules : contract column -> rule, from ``client.yml``.
    file : the file's name, for problems.

    Returns
    -------
    The rows with the mapped columns added (source columns kept), and the problems, each naming the
    file's column and the contract's.
    """
    frame = raw.frame.copy()
    problems: list[Problem] = []
    sources, formats, labels, notes = {}, {}, {}, []
    for column, rule in rules.items():
        spec = spec_of(dataset, column)
        if spec is None:
            problems.append(Problem("client.yml", f"key column_map.{dataset}.{column}: not a column of the "
                                                  f"{dataset} contract" + closest(column, _names(dataset))))
            continue
        if rule.source is not None:
            absent = [s for s in rule.sources if s not in raw.frame.columns]
            if absent:
                problems.append(Problem(file, f'the column map takes {column} from "{absent[0]}", which is '
                                              "not a column of the file" + closest(absent[0], raw.frame.columns),
                                        column=column))
                continue
            if len(rule.sources) > 1 and not spec.listed:
                problems.append(Problem("client.yml", f"key column_map.{dataset}.{column}: takes one source "
                                                      "column, not a list"))
                continue
            if [column] != rule.sources and column in raw.frame.columns:
                problems.append(Problem(file, f'has its own {column} column and the column map also takes '
                                              f'{column} from "{rule.sources[0]}"; keep one ({MAP_HINT})',
                                        column=column))
                continue
            values = _joined(raw.frame[rule.sources]) if len(rule.sources) > 1 else raw.frame[rule.sources[0]]
            sources[column] = ", ".join(rule.sources)
            if rule.sources[0] in raw.export.labels:
                labels[column] = raw.export.labels[rule.sources[0]]
        else:
            if column in raw.frame.columns:
                problems.append(Problem(file, f"has its own {column} column and the column map also gives {column} "
                                              f"the constant {_text(rule.constant)!r}; keep one ({MAP_HINT})",
                                        column=column))
                continue
            wrong = _constant_problem(rule.constant, spec)
            if wrong:
                problems.append(Problem("client.yml", f"key column_map.{dataset}.{column}: constant {wrong}"))
                continue
            values = pd.Series(_text(rule.constant), index=frame.index, dtype=object)
        made, found = _derive(values, rule, spec, column, file, raw.lines)
        problems += found
        frame[column] = made
        if rule.format:
            formats[column] = rule.format
        note = describe(column, rule, spec)
        if note:
            notes.append(note)
    return Mapped(frame, sources, formats, labels, tuple(notes)), problems


def _joined(columns: pd.DataFrame) -> pd.Series:
    """One answer list per row from one column per option (a cell holds the option when chosen)."""
    return columns.apply(lambda row: ";".join(str(v).strip() for v in row if v is not None and str(v).strip())
                         or None, axis=1).astype(object)


def _names(dataset: str) -> list[str]:
    return [s.name for s in CONTRACT[dataset]]


def _derive(values: pd.Series, rule: ColumnRule, spec: ColumnSpec, column: str, file: str,
            lines: np.ndarray) -> tuple[pd.Series, list[Problem]]:
    """Apply recode, rescale and bands to one column of text; problems name the failing rows."""
    problems = []
    out = values.astype(object)
    present = out.notna().to_numpy()

    def flag(mask: np.ndarray, phrase: str, hint: str, values: np.ndarray | None = None) -> None:
        cells = out[mask].tolist() if values is None else values[mask].tolist()
        problems.append(rows_problem(file, lines[mask], cells, phrase, column=column,
                                     source=", ".join(rule.sources) or None, hint=hint))

    if rule.separator is not None:
        out = out.map(lambda v: ";".join(p.strip() for p in str(v).split(rule.separator) if p.strip()) or None
                      if v is not None else None)
        present = out.notna().to_numpy()
    if rule.recode is not None:
        lookup = {_norm(k): v for k, v in rule.recode.items()}
        keys = out.map(lambda v: _norm(v) if v is not None else None)
        known = keys.isin(lookup.keys()).to_numpy()
        recoded = keys.map(lambda k: _text(lookup.get(k)))
        unknown = present & ~known & ~_fits(out, spec)
        if unknown.any():
            flag(unknown, "has no recode", f"add it under recode for {column} in client.yml")
        out = pd.Series(np.where(known, recoded, np.where(unknown, None, out)), index=out.index, dtype=object)
        present = out.notna().to_numpy()
    if rule.rescale is not None or rule.bands is not None:
        numbers = pd.to_numeric(out, errors="coerce").to_numpy(dtype=float)
        bad = present & np.isnan(numbers)
        if bad.any():
            flag(bad, "is not a number", MAP_HINT)
        if rule.rescale is not None:
            low, high = rule.rescale
            outside = present & ~bad & ((numbers < low) | (numbers > high))
            if outside.any():
                flag(outside, f"is outside the declared {_g(low)}-{_g(high)}", MAP_HINT, numbers)
            scaled = spec.low + (numbers - low) * (spec.high - spec.low) / (high - low)
            if spec.kind == "int":
                scaled = np.floor(scaled + 0.5)  # half up, as the data note states
            numbers = np.where(outside | bad, np.nan, scaled)
            out = pd.Series([_g(x) if not np.isnan(x) else None for x in numbers],
                            index=out.index, dtype=object)
        else:
            label = np.full(len(out), None, dtype=object)
            for name, (low, high) in rule.bands.items():
                inside = (~np.isnan(numbers)) & (numbers >= (-np.inf if low is None else low)) \
                    & (numbers <= (np.inf if high is None else high))
                label = np.where(inside & (label == None), name, label)  # noqa: E711 - element-wise
            nowhere = present & ~bad & (label == None)  # noqa: E711
            if nowhere.any():
                flag(nowhere, "falls in no band", f"add a band that holds it for {column} in client.yml", numbers)
            out = pd.Series(label, index=out.index, dtype=object)
    return out, problems


def _constant_problem(value, spec: ColumnSpec) -> str | None:
    """Why a constant cannot fill a contract column ("'high' is not a number"); None when it can."""
    text = _text(value)
    parsed = parse_column(pd.Series([text], dtype=object), spec)
    return f"{shown(text)} {parsed.what}" if parsed.failed.any() else None


def _fits(values: pd.Series, spec: ColumnSpec) -> np.ndarray:
    """Whether each value is already acceptable to the contract without a recode."""
    if spec.kind in ("int", "float"):
        return pd.to_numeric(values, errors="coerce").notna().to_numpy()
    if spec.kind == "bool":
        return values.map(lambda v: _norm(v) in BOOL_WORDS if v is not None else False).to_numpy(dtype=bool)
    if spec.allowed:
        return values.isin(spec.allowed).to_numpy()
    return np.ones(len(values), dtype=bool)


def describe(column: str, rule: ColumnRule, spec: ColumnSpec) -> str | None:
    """The data-note sentence for a rule that changes values; None for a plain rename."""
    origin = ", ".join(f'"{s}"' for s in rule.sources) if rule.source is not None else None
    if rule.constant is not None:
        return f"{column} is {_text(rule.constant)!r} for every row (stated in client.yml, not in the data)."
    parts = []
    if rule.recode:
        pairs = ", ".join(f"{k} = {_text(v) if v is not None else 'blank'}" for k, v in rule.recode.items())
        parts.append(f"answers recoded ({pairs})")
    if rule.rescale:
        low, high = (_g(x) for x in rule.rescale)
        to = f"{_g(spec.low)}-{_g(spec.high)}"
        rounding = ", rounded to whole points" if spec.kind == "int" else ""
        parts.append(f"rescaled linearly from {low}-{high} to {to}{rounding}")
    if rule.bands:
        parts.append("cut into bands " + ", ".join(rule.bands))
    if rule.format:
        parts.append(f"dates read as {rule.format}")
    if rule.separator:
        parts.append(f"answers listed with {rule.separator!r} between them")
    if not parts:
        return None
    return f"{column} comes from {origin}: " + "; ".join(parts) + "."
