"""The one entry point from a client folder to typed, validated frames.

Reading (:mod:`cxlib.data.read`), the column map (:mod:`cxlib.data.transform`), types
(:mod:`cxlib.data.types`) and cross-dataset checks (:mod:`cxlib.data.checks`) each live in their own
module; this one puts them in order and keeps, per dataset, the file line of every row, the notes a
report states about the data, and the question texts behind mapped columns.
"""
from __future__ import annotations

import hashlib
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.errors as pa_errors

from cxlib.config import SLUG_PATTERN, ClientConfig, ColumnRule, ConfigError, Responses, read_config
from cxlib.data.files import checked_logo, inside, locate_datasets
from cxlib.data.problems import Problem, rows_problem
from cxlib.data.read import read_table
from cxlib.data.schemas import CONTRACT, NOT_STATED, ColumnSpec, schema_for
from cxlib.data.transform import MAP_HINT, apply_rules, closest
from cxlib.data.types import formats_reading, parse_column, suggest_date_format
from cxlib.text import sentiment
from cxlib.text.pii import redact_series


class DataError(ValueError):
    """A client's data cannot be used; the message lists the problems, one per line."""


@dataclass
class DatasetRead:
    """One dataset as read: the typed frame (None when unusable) and what was learnt on the way."""

    frame: pd.DataFrame | None
    problems: list[Problem] = field(default_factory=list)
    lines: np.ndarray | None = None
    notes: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class ClientData:
    """A client's settings and datasets, as loaded and validated."""

    root: Path
    config: ClientConfig | None
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    lines: dict[str, np.ndarray] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    logo: Path | None = None
    stamps: dict[str, tuple[int, int] | None] = field(default_factory=dict)  # what it was read from, as it was

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.frames:
            raise KeyError(f"the {name} dataset was not provided")
        return self.frames[name]

    def get(self, name: str) -> pd.DataFrame | None:
        """The dataset, or None when the client did not provide it."""
        return self.frames.get(name)

    def has(self, name: str) -> bool:
        return name in self.frames

    def column(self, name: str, column: str) -> pd.Series | None:
        """One column of a dataset, or None when the dataset or the column was not provided."""
        frame = self.frames.get(name)
        return None if frame is None or column not in frame else frame[column]

    def section(self, analysis, *args, needs, **kwargs):
        """Run a report section's analysis if its data meets ``needs``; see :mod:`cxlib.sections`."""
        from cxlib.sections import run_section

        return run_section(self.frames, analysis, *args, needs=needs, **kwargs)

    @property
    def brand_names(self) -> tuple[str, ...]:
        """The client's and its competitors' names (client.yml, and the brands named in the data),
        which sentiment scoring masks so that no brand is praised or blamed by its own name."""
        names = set()
        if self.config is not None:
            names |= {self.config.name, *self.config.competitors}
        for dataset in ("social", "competitors"):
            frame = self.frames.get(dataset)
            if frame is not None and "brand" in frame:
                names |= set(frame["brand"].dropna().astype(str))
        return tuple(sorted(n for n in names if n.strip()))

    def line(self, dataset: str, position: int) -> int:
        """The file line (CSV) or sheet row (XLSX) of a dataset's row, by position."""
        return int(self.lines[dataset][position])

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
    """The folder of a client: ``root/client`` or, without root, ``client_data/client``.

    Raises
    ------
    DataError
        When the name would lead outside the client root (``../other``, an absolute path).
    """
    if root is not None:
        base = Path(root)
        folder = base / str(client)
        if folder.resolve().parent != base.resolve():
            raise DataError(f"'{client}' is not a client folder name under {base} "
                            "(a name like 'acme', without / or ..)")
        return folder
    path = Path(client)
    # a folder given as a path is that folder, with or without its client.yml (read_config says
    # when it is missing); a bare name is looked up in the project's client_data
    if path.is_dir() and ((path / "client.yml").exists() or len(path.parts) > 1):
        return path
    for base in (Path.cwd(), *Path.cwd().parents):
        if (base / "client_data").is_dir():
            return resolve_client_dir(client, base / "client_data")
    return resolve_client_dir(client, Path("client_data"))


#: Clients read and validated once in this process, by folder. ``cx run`` registers the client it
#: has just validated; the step workers it forks find it here, so each step reads no file again.
_VALIDATED: dict[Path, ClientData] = {}


def _stamps(paths) -> dict[str, tuple[int, int] | None]:
    """Size and modification time of each path (None when absent): any change means a new read."""
    stamps = {}
    for path in paths:
        try:
            info = Path(path).stat()
        except OSError:
            stamps[str(path)] = None
            continue
        stamps[str(path)] = (info.st_size, info.st_mtime_ns)
    return stamps


def _inputs(folder: Path) -> list[Path]:
    """What a client's data are read from: the folder itself (a file added, removed or renamed
    changes its time) and every file in it."""
    folder = folder.resolve()
    return [folder, *sorted(p for p in folder.iterdir() if p.is_file())]


def _model_folder(config: ClientConfig, folder: Path) -> Path | None:
    """The sentiment model folder client.yml names, as a path (None when it names none)."""
    if not config.sentiment_model:
        return None
    path = Path(config.sentiment_model)
    return path if path.is_absolute() else folder / path


@contextmanager
def validated(data: ClientData):
    """While open, :func:`load_client` of this client's folder returns ``data`` instead of reading
    the files again (also in processes forked meanwhile), as long as nothing it was read from has
    changed since it was read.

    Parameters
    ----------
    data : a client as :func:`load_client` returned it.
    """
    key = Path(data.root).resolve()
    _VALIDATED[key] = data
    try:
        yield data
    finally:
        _VALIDATED.pop(key, None)


def _unchanged(data: ClientData) -> bool:
    return bool(data.stamps) and _stamps(data.stamps) == data.stamps


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
    shared = _VALIDATED.get(folder.resolve())
    if shared is not None and _unchanged(shared):
        # tone is scored by one model per process: the one this client named, as when it was read
        if shared.config is not None:
            _sentiment_model(shared.config, folder)
        else:
            sentiment.configure(None)
        if strict and not shared.ok:
            raise DataError("\n".join(str(p) for p in shared.errors[:20]))
        return shared
    # stamped before reading: a file saved while it is read counts as changed next time
    stamps = _stamps(_inputs(folder))
    data = ClientData(root=folder, config=None, stamps=stamps)
    if (folder / "client.yml").exists() and inside(folder, "client.yml") is None:
        data.problems.append(Problem("client.yml", "is a link to a file outside the client folder; copy the file in"))
    else:
        try:
            data.config = read_config(folder / "client.yml")
        except ConfigError as exc:
            data.problems += [_config_problem(line) for line in str(exc).splitlines()]
    config = data.config
    if config is not None:
        data.problems += _config_checks(config, folder)
        data.logo, found = checked_logo(folder, config.brand.logo)
        data.problems += found
        model = _model_folder(config, folder)
        if model is not None:  # stamped before the model is read, as the files were
            data.stamps.update(_stamps([model]))
        data.problems += _sentiment_model(config, folder)
    else:
        sentiment.configure(None)
    files, found = locate_datasets(folder, config.files if config else {})
    data.problems += found
    for dataset in CONTRACT:
        if dataset not in files:
            continue
        data.files[dataset] = files[dataset]
        read = read_dataset(files[dataset], dataset, config.rules(dataset) if config else {},
                            responses=config.responses if config else None,
                            region=config.country if config else None)
        data.problems += read.problems
        if read.frame is not None:
            data.frames[dataset] = read.frame
            data.lines[dataset] = read.lines
            data.notes[dataset] = read.notes
            data.labels[dataset] = read.labels
    from cxlib.data.checks import cross_checks

    data.problems += cross_checks(data)
    if strict and not data.ok:
        raise DataError("\n".join(str(p) for p in data.errors[:20]))
    return data


def _config_problem(line: str) -> Problem:
    return Problem("client.yml", line.removeprefix("client.yml").lstrip(" :"))


def _config_checks(config: ClientConfig, folder: Path) -> list[Problem]:
    problems = []

    if re.match(SLUG_PATTERN, folder.name) and config.slug != folder.name:
        problems.append(Problem("client.yml", f"key slug: {config.slug!r} differs from the folder name "
                                              f"{folder.name!r}; make them the same"))
    for dataset in config.column_map:
        if dataset not in CONTRACT:
            options = closest(dataset, CONTRACT) or f" ({', '.join(CONTRACT)})"
            problems.append(Problem("client.yml", f"key column_map.{dataset}: not a dataset of the contract{options}"))
    return problems


def _sentiment_model(config: ClientConfig, folder: Path) -> list[Problem]:
    # Tone is scored by one model per process; a client that names a transformer model sets it for
    # its run, and one that names none leaves VADER (or the CX_SENTIMENT_MODEL variable) in place.
    path = _model_folder(config, folder)
    if path is None:
        sentiment.configure(None)
        return []
    if not path.is_dir():
        sentiment.configure(None)
        return [Problem("client.yml", f"key sentiment_model: {config.sentiment_model!r} is not a folder "
                                      "(give the model's folder, absolute or relative to the client folder)")]
    sentiment.configure(path)
    try:  # load it now, so an unusable model is a validation problem, not a failure mid-report
        sentiment.active_model()
    except sentiment.SentimentModelError as exc:
        sentiment.configure(None)
        return [Problem("client.yml", f"key sentiment_model: {exc}")]
    return []


def read_dataset(path: Path, dataset: str, rules: dict[str, ColumnRule] | None = None, *,
                 responses: Responses | None = None, region: str | None = None) -> DatasetRead:
    """Read one dataset file, apply its column map, parse its columns to types and check them.

    Parameters
    ----------
    path : the file.
    dataset : the contract dataset it holds.
    rules : the dataset's column map (contract column -> rule).
    responses : which survey-tool responses count (previews and unfinished ones are set aside by default).
    region : the client's country, for phone numbers in free text.
    """
    name = path.name
    responses = responses or Responses()
    raw, problems = read_table(path, keep_unfinished=responses.keep_unfinished,
                               keep_previews=responses.keep_previews)
    if raw is None:
        return DatasetRead(None, problems)
    mapped, found = apply_rules(raw, dataset, rules or {}, name)
    problems += found
    if any(p.severity == "error" and p.row is None and not p.rows for p in found):
        return DatasetRead(None, problems)
    frame, lines = mapped.frame, raw.lines
    notes = [f"{name} {note}" for note in raw.notes] + list(mapped.notes)
    failed: dict[str, np.ndarray] = {}
    blank: list[str] = []
    for spec in CONTRACT[dataset]:
        columns = _columns_of(frame, spec)
        if not columns:
            if not spec.optional:
                problems.append(_absent(name, spec))
            continue
        for column in columns:
            source = mapped.sources.get(column)
            parsed = parse_column(frame[column], spec, mapped.formats.get(column))
            if parsed.failed.any():
                bad = frame[column][parsed.failed]
                problems.append(rows_problem(name, lines[parsed.failed], bad.tolist(), parsed.what,
                                             column=column, source=source,
                                             hint=_type_hint(spec, bad, column in mapped.formats)))
                failed[column] = parsed.failed
            if parsed.note:
                problems.append(Problem(name, parsed.note, column=column, source=source, severity="warning"))
            values = parsed.values
            if values.isna().all() and not parsed.failed.any():
                if spec.optional:
                    blank.append(source or column)
                    frame = frame.drop(columns=column)
                    continue
                if not spec.nullable:  # one line for the column, not one "is missing" per row
                    problems.append(Problem(name, "is blank in every row; the column is required",
                                            column=column, source=source))
                    failed[column] = np.ones(len(frame), dtype=bool)
            if spec.category:
                values = values.where(values.notna(), NOT_STATED)
            if spec.free_text:
                values = redact_series(values, region=region)
            frame[column] = values
    if blank:
        problems.append(Problem(name, f"{_listed(blank)} blank in every row, so treated as not provided",
                                severity="warning"))
    problems += _schema_problems(name, dataset, frame, lines, failed, mapped.sources)
    return DatasetRead(frame, problems, lines, notes, mapped.labels)


def _listed(columns: list[str]) -> str:
    quoted = [f'"{c}"' for c in columns]
    if len(quoted) == 1:
        return f"column {quoted[0]} is"
    return f"columns {', '.join(quoted[:-1])} and {quoted[-1]} are"


def _columns_of(frame: pd.DataFrame, spec: ColumnSpec) -> list[str]:
    if spec.pattern:
        return [c for c in frame.columns if c.startswith(spec.name) and len(c) > len(spec.name)]
    return [spec.name] if spec.name in frame.columns else []


def _absent(file: str, spec: ColumnSpec) -> Problem:
    if spec.pattern:
        return Problem(file, f"needs at least one {spec.name}* column ({MAP_HINT})", column=f"{spec.name}*")
    return Problem(file, f"required column is missing; name it in the file or map it ({MAP_HINT}, "
                         "`cx map` proposes one)", column=spec.name)


def _type_hint(spec: ColumnSpec, bad: pd.Series, has_format: bool) -> str | None:
    if spec.kind in ("date", "datetime") and not has_format:
        text = bad.dropna().astype(str).str.strip()
        if len(text) and text.str.fullmatch(r"\d{4}").all():
            return "a year alone is not a date: give the month and day too"
        fmt, why = suggest_date_format(bad)
        if why == "already ISO 8601":  # written the right way, but not a day of the calendar
            return "no such day exists; check the day and the month"
        if fmt is None and why.startswith("ambiguous"):
            fits = formats_reading(bad)
            day = next(f for f in fits if f.startswith("%d"))
            month = next(f for f in fits if f.startswith("%m"))
            return f"declare its format in client.yml: '{day}' and '{month}' both read them (no day above 12)"
        example = f"format: '{fmt}'" if fmt else "format: '%d/%m/%Y'"
        return f"declare its format in client.yml ({example})"
    if spec.kind in ("int", "float"):
        return "recode word answers in client.yml (recode: {...})"
    if spec.kind == "bool":
        return "recode other answers in client.yml (recode: {Maybe: null})"
    return None


def _schema_problems(file: str, dataset: str, frame: pd.DataFrame, lines: np.ndarray,
                     failed: dict[str, np.ndarray], sources: dict[str, str]) -> list[Problem]:
    """Range, allowed-value, uniqueness and missing-value checks, one problem per column and check."""
    try:
        schema_for(dataset).validate(frame, lazy=True)
    except pa_errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return []
    problems = []
    cases = cases[cases["column"].map(lambda c: isinstance(c, str)) & cases["index"].notna()]
    for (column, check), group in cases.groupby(["column", "check"], sort=False):
        positions = frame.index.get_indexer(group["index"].astype(int))
        keep = positions >= 0
        if column in failed:
            keep &= ~failed[column][np.clip(positions, 0, None)]
        positions = np.sort(np.unique(positions[keep]))
        if not len(positions):
            continue
        values = frame[column].iloc[positions].tolist()
        phrase = {"not_nullable": "is missing", "field_uniqueness": "appears more than once"}.get(check, check)
        problems.append(rows_problem(file, lines[positions], values, phrase, column=column,
                                     source=sources.get(column)))
    return problems
