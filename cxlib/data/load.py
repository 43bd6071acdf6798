"""The one entry point from a client folder to typed, validated frames."""
from __future__ import annotations

import csv
import hashlib
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.errors as pa_errors

from cxlib.config import ClientConfig, ConfigError, read_config
from cxlib.data.problems import Problem, from_schema_errors, line_of
from cxlib.data.schemas import CONTRACT, ColumnSpec, schema_for

_TRUE = {"true", "yes", "y", "t", "1"}
_FALSE = {"false", "no", "n", "f", "0"}
_MAX_PER_CHECK = 5  # rows named per column and kind of problem; the rest are counted


class DataError(ValueError):
    """A client's data cannot be used; the message lists the problems, one per line."""


@dataclass
class ClientData:
    """A client's settings and datasets, as loaded and validated."""

    root: Path
    config: ClientConfig | None
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.frames:
            raise KeyError(f"the {name} dataset was not provided")
        return self.frames[name]

    def get(self, name: str) -> pd.DataFrame | None:
        """The dataset, or None when the client did not provide it."""
        return self.frames.get(name)

    def has(self, name: str) -> bool:
        return name in self.frames

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sha256(self) -> dict[str, str]:
        """Checksum of every input file, for the run manifest."""
        paths = dict(self.files)
        paths["client.yml"] = self.root / "client.yml"
        return {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(paths.values()) if p.is_file()
        }


def resolve_client_dir(client: str | Path, root: str | Path | None = None) -> Path:
    """The folder of a client: ``root/client`` or, without root, ``client_data/client``."""
    if root is not None:
        return Path(root) / str(client)
    path = Path(client)
    if path.is_dir() and (path / "client.yml").exists():
        return path
    for base in (Path.cwd(), *Path.cwd().parents):
        if (base / "client_data").is_dir():
            return base / "client_data" / str(client)
    return Path("client_data") / str(client)


def load_client(client: str | Path, root: str | Path | None = None, *, strict: bool = False) -> ClientData:
    """Read ``client.yml`` and every dataset of a client, parsed to types and validated.

    Parameters
    ----------
    client : the client's slug (folder under ``root``) or the folder itself.
    root : the folder holding client folders; by default the project's ``client_data``.
    strict : raise :class:`DataError` when any problem is an error, instead of returning them.

    Returns
    -------
    ClientData
        Frames for the datasets found (absent datasets are simply missing) and the problems.
    """
    folder = resolve_client_dir(client, root)
    if not folder.is_dir():
        raise DataError(f"client folder {folder} does not exist")
    data = ClientData(root=folder, config=None)
    try:
        data.config = read_config(folder / "client.yml")
    except ConfigError as exc:
        data.problems += [_config_problem(line) for line in str(exc).splitlines()]
    column_map = data.config.column_map if data.config else {}
    for dataset in CONTRACT:
        path = _find_file(folder, dataset)
        if path is None:
            continue
        data.files[dataset] = path
        frame, problems = read_dataset(path, dataset, column_map.get(dataset, {}))
        data.problems += problems
        if frame is not None:
            data.frames[dataset] = frame
    data.problems += _cross_checks(data)
    if strict and not data.ok:
        raise DataError("\n".join(str(p) for p in data.errors[:20]))
    return data


def _config_problem(line: str) -> Problem:
    return Problem("client.yml", line.removeprefix("client.yml").lstrip(" :"))


def _find_file(folder: Path, dataset: str) -> Path | None:
    for suffix in (".csv", ".xlsx"):
        path = folder / f"{dataset}{suffix}"
        if path.is_file():
            return path
    return None


def _read_raw(path: Path) -> pd.DataFrame:
    if path.suffix == ".xlsx":
        raw = pd.read_excel(path, dtype=str, keep_default_na=False, na_values=[""])
    else:
        with warnings.catch_warnings():
            # index_col=False stops pandas from silently using an extra first column as the index;
            # the data loss it then warns about is an error for us
            warnings.simplefilter("error", pd.errors.ParserWarning)
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""],
                              encoding="utf-8-sig", skipinitialspace=True, index_col=False)
    raw.columns = [str(c).strip() for c in raw.columns]
    return raw.reset_index(drop=True)


def _ragged_line(path: Path) -> tuple[int, int, int] | None:
    """(line, fields, header fields) of the first CSV line whose field count differs from the header."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        for row in reader:
            if row and len(row) != len(header):
                return reader.line_num, len(row), len(header)
    return None


def _unreadable(path: Path, exc: Exception) -> Problem:
    """Explain why a file is not a table, naming the line where one is to blame."""
    name = path.name
    if isinstance(exc, UnicodeDecodeError):
        return Problem(name, f"is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8")
    if isinstance(exc, pd.errors.EmptyDataError):
        return Problem(name, "is empty (no header row)")
    if isinstance(exc, (pd.errors.ParserError, pd.errors.ParserWarning)) and path.suffix == ".csv":
        ragged = _ragged_line(path)
        if ragged:
            line, fields, expected = ragged
            return Problem(name, f"has {fields} fields where the header has {expected} "
                                 "(a stray comma or an unquoted text?)", row=line)
    text = str(exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    return Problem(name, f"cannot be read as a table ({first})")


def read_dataset(path: Path, dataset: str, column_map: dict[str, str] | None = None
                 ) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one dataset file, parse its columns to types and check it against the contract.

    Returns the typed frame (None when the file cannot be read at all) and its problems.
    """
    name = path.name
    try:
        raw = _read_raw(path)
    except (pd.errors.ParserError, pd.errors.ParserWarning, pd.errors.EmptyDataError,
            UnicodeDecodeError, ValueError) as exc:
        return None, [_unreadable(path, exc)]
    if column_map:
        raw = raw.rename(columns=column_map)
    problems: list[Problem] = []
    specs = CONTRACT[dataset]
    for spec in specs:
        if spec.pattern:
            if not any(c.startswith(spec.name) for c in raw.columns):
                problems.append(Problem(name, f"needs at least one {spec.name}* column", column=f"{spec.name}*"))
        elif spec.name not in raw.columns:
            problems.append(Problem(name, "required column is missing", column=spec.name))
    frame = raw.copy()
    for spec in specs:
        columns = [c for c in raw.columns if c.startswith(spec.name)] if spec.pattern else [spec.name]
        for column in columns:
            if column in frame.columns:
                frame[column], bad = _parse(raw[column], spec)
                problems += _capped([Problem(name, message, column=column, row=line_of(i))
                                     for i, message in bad])
    parse_failed = {(p.row, p.column) for p in problems if p.row is not None}
    try:
        schema_for(dataset).validate(frame, lazy=True)
    except pa_errors.SchemaErrors as exc:
        found = [p for p in from_schema_errors(name, exc)
                 if (p.row, p.column) not in parse_failed and p.message != "required column is missing"]
        problems += _capped(found)
    return frame, problems


def _parse(raw: pd.Series, spec: ColumnSpec) -> tuple[pd.Series, list[tuple[object, str]]]:
    """Parse a text column to the spec's type; return it and (row label, message) failures."""
    text = raw.astype("string").str.strip().replace("", pd.NA)
    present = text.notna()
    kind = spec.kind
    if kind in ("id", "text"):
        return text.astype(object).where(present, None), []
    if kind in ("int", "float"):
        parsed = pd.to_numeric(text, errors="coerce").astype(float)
        what = "a number"
    elif kind in ("date", "datetime"):
        parsed = pd.to_datetime(text, errors="coerce", format="ISO8601")
        if getattr(parsed.dt, "tz", None) is not None:
            parsed = parsed.dt.tz_convert(None)
        parsed = parsed.astype("datetime64[ns]")
        what = "a date (expected YYYY-MM-DD)" if kind == "date" else "a date-time (expected YYYY-MM-DDTHH:MM)"
    elif kind == "bool":
        lowered = text.str.lower()
        parsed = pd.Series(pd.NA, index=text.index, dtype="boolean")
        parsed[lowered.isin(_TRUE).fillna(False)] = True
        parsed[lowered.isin(_FALSE).fillna(False)] = False
        what = "true or false"
        if not spec.nullable and parsed.notna().all():
            parsed = parsed.astype(bool)
    else:  # pragma: no cover - the contract only uses the kinds above
        raise ValueError(f"unknown column kind {kind}")
    failed = present & parsed.isna()
    bad = [(i, f"{text[i]!r} is not {what}") for i in text.index[failed.to_numpy()]]
    return parsed, bad


def _capped(problems: list[Problem]) -> list[Problem]:
    """Name the first few rows of each column and problem kind, then count the rest."""
    kept: list[Problem] = []
    seen: dict[tuple, int] = {}
    for p in problems:
        kind = (p.column, p.message.split(" ", 1)[-1] if p.row is not None else p.message)
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= _MAX_PER_CHECK:
            kept.append(p)
    for (column, tail), count in seen.items():
        if count > _MAX_PER_CHECK:
            sample = next(p for p in problems if p.column == column)
            kept.append(Problem(sample.file, f"{count - _MAX_PER_CHECK} more rows like the above ({tail})",
                                column=column, severity=sample.severity))
    return kept


def _cross_checks(data: ClientData) -> list[Problem]:
    """Checks that span datasets or the client's settings."""
    problems = []
    survey, customers = data.get("survey"), data.get("customers")
    promise = data.get("brand_promise")
    if promise is not None and survey is not None and "survey_column" in promise:
        for i, column in promise["survey_column"].items():
            if column is not None and column not in survey.columns:
                problems.append(Problem(data.files["brand_promise"].name,
                                        f"{column!r} is not a column of {data.files['survey'].name}",
                                        column="survey_column", row=line_of(i)))
    if survey is not None and customers is not None and "customer_id" in survey and "customer_id" in customers:
        unknown = ~survey["customer_id"].isin(customers["customer_id"])
        if unknown.any():
            problems.append(Problem(data.files["survey"].name,
                                    f"{int(unknown.sum())} responses name a customer_id missing from "
                                    f"{data.files['customers'].name}; they are left out of churn analyses",
                                    column="customer_id", severity="warning"))
    if survey is not None and data.config is not None and "responded_at" in survey:
        period = data.config.period
        when = survey["responded_at"]
        outside = (when < pd.Timestamp(period.start)) | (when >= pd.Timestamp(period.end) + pd.Timedelta(days=1))
        if outside.any():
            problems.append(Problem(data.files["survey"].name,
                                    f"{int(outside.sum())} responses fall outside the period {period.label()}",
                                    column="responded_at", severity="warning"))
    return problems
