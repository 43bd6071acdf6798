"""The client's engagement settings, read from ``client_data/<slug>/client.yml``.

Everything the consultant writes about a client lives here: who the client is, the engagement
period, the brand, which file holds which dataset, how each contract column is made from the
client's own columns (:class:`ColumnRule`), and which survey responses count.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal, Union

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


class ConfigError(ValueError):
    """``client.yml`` is missing or does not follow the data contract."""


class Period(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    def label(self) -> str:
        """Human period, e.g. ``1 Nov 2025 – 31 Oct 2026``."""
        from cxlib.wording import dates

        return dates(self.start, self.end)


class Brand(BaseModel):
    model_config = ConfigDict(extra="forbid")
    primary: str = "#0B3C5D"
    secondary: str = "#328CC1"
    accent: str = "#D9B310"
    logo: str | None = None

    @field_validator("primary", "secondary", "accent")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not _HEX.match(value):
            raise ValueError(f"{value!r} is not a colour like '#0B3C5D'")
        return value


class Benchmark(BaseModel):
    """A published figure for the client's own industry, with where it comes from; findings compare
    with a benchmark only when client.yml gives one."""
    model_config = ConfigDict(extra="forbid")
    metric: str
    value: float
    unit: str = ""
    source: str


class Goal(BaseModel):
    model_config = ConfigDict(extra="forbid")
    goal: str
    metric: str
    target: float
    due: dt.date


Scalar = Union[bool, int, float, str]


class ColumnRule(BaseModel):
    """How one contract column is made from the client's file (docs/data-contract.md, Column map).

    Steps apply in this order: take ``source`` (or the ``constant``; several source columns, one per
    option of a multi-answer question, are listed together with ";"), split a multi-answer cell on
    ``separator`` (the contract's lists use ";"), ``recode`` word answers, ``rescale`` a numeric range
    onto the contract's, cut numbers into ``bands``; dates are read with ``format`` when one is given.
    """

    model_config = ConfigDict(extra="forbid")
    source: str | list[str] | None = None
    constant: Scalar | None = None
    recode: dict[str, Scalar | None] | None = None
    rescale: tuple[float, float] | None = None
    format: str | None = None
    bands: dict[str, tuple[float | None, float | None]] | None = None
    separator: str | None = None

    @property
    def sources(self) -> list[str]:
        """The source columns (one, several, or none for a constant)."""
        if self.source is None:
            return []
        return list(self.source) if isinstance(self.source, list) else [self.source]

    @model_validator(mode="after")
    def _one_origin(self) -> "ColumnRule":
        if isinstance(self.source, list) and not self.source:
            raise ValueError("source lists no column")
        if (self.source is None) == (self.constant is None):
            raise ValueError("give either source (a column of the file) or constant (one value for every row)")
        if self.rescale is not None and self.rescale[0] >= self.rescale[1]:
            raise ValueError(f"rescale needs [low, high] with low below high, not {[_whole(x) for x in self.rescale]}")
        if self.format is not None and "%" not in self.format:
            raise ValueError(f"format {self.format!r} is not a date format like '%d/%m/%Y %H:%M'")
        return self

    def short(self) -> "str | dict[str, Any]":
        """The rule as written in client.yml: just the column name when nothing else is set."""
        fields = self.model_dump(exclude_none=True)
        if set(fields) == {"source"}:
            return self.source
        if "rescale" in fields:
            fields["rescale"] = [_whole(x) for x in fields["rescale"]]
        if "bands" in fields:
            fields["bands"] = {k: [_whole(x) for x in v] for k, v in fields["bands"].items()}
        return fields


def _whole(value: float | None) -> float | int | None:
    return int(value) if isinstance(value, float) and value.is_integer() else value


class Responses(BaseModel):
    """Which survey-tool responses count (Qualtrics status and completion flags)."""

    model_config = ConfigDict(extra="forbid")
    keep_unfinished: bool = False
    keep_previews: bool = False


class ClientConfig(BaseModel):
    """Everything ``client.yml`` says about a client and the engagement."""

    model_config = ConfigDict(extra="forbid")
    name: str
    slug: str = Field(pattern=SLUG_PATTERN)
    industry: str
    period: Period
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$",
                                description="ISO 3166 country code, for phone numbers in free text")
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$",
                                 description="ISO 4217 code of the revenue figures (USD, GBP, EUR...)")
    locale: Literal["en-GB", "en-US"] = Field("en-GB", description="spelling of the reports")
    benchmarks: list[Benchmark] = []
    internal_pages: bool = Field(True, description="include the pages that name individual customers "
                                                   "or agents (marked for internal use) in the reports")
    brand: Brand = Brand()
    competitors: list[str] = []
    channels: list[str] = []
    consultant: str
    goals: list[Goal] = []
    files: dict[str, str] = {}
    responses: Responses = Responses()
    themes: dict[str, list[str]] = {}
    sentiment_model: str | None = Field(None, description="a local transformer model folder for tone "
                                                          "(absolute, or relative to the client folder)")
    column_map: dict[str, dict[str, ColumnRule]] = {}

    @field_validator("column_map", mode="before")
    @classmethod
    def _short_rules(cls, value: Any) -> Any:
        # "nps: Q7" is the short form of "nps: {source: Q7}"
        if not isinstance(value, dict):
            return value
        return {dataset: ({column: {"source": rule} if isinstance(rule, (str, list)) else rule
                           for column, rule in rules.items()} if isinstance(rules, dict) else rules)
                for dataset, rules in value.items()}

    @field_validator("themes")
    @classmethod
    def _patterns(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        # a comment theme is word patterns (regular expressions); a broken one would fail in a notebook
        for name, patterns in value.items():
            for pattern in patterns:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ValueError(f"theme {name!r}: {pattern!r} is not a valid word pattern ({exc})") from None
        return value

    def rules(self, dataset: str) -> dict[str, ColumnRule]:
        """The column map of one dataset as rules, keyed by contract column."""
        return dict(self.column_map.get(dataset, {}))

    def benchmark(self, metric: str) -> Benchmark | None:
        """The client's own industry benchmark for ``metric`` (matched case-insensitively), if given."""
        return next((b for b in self.benchmarks if b.metric.casefold() == metric.casefold()), None)

    def goals_frame(self) -> pd.DataFrame:
        """Goals as a frame with columns goal, metric, target, due."""
        return pd.DataFrame(
            [g.model_dump() for g in self.goals], columns=["goal", "metric", "target", "due"]
        )


class _Loader(yaml.SafeLoader):
    """YAML as consultants write it: duplicate keys are an error, dates stay text for pydantic.

    A duplicate key silently keeps the last value in plain YAML, and an impossible date such as
    2025-13-01 would fail inside the parser with no key named; pydantic names the key instead.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _mapping_without_duplicates(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice (first on line {seen[key] + 1})", key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def _yaml_problem(exc: yaml.YAMLError, name: str) -> str:
    """One line for a YAML error, at the line a consultant must fix, without the parser's jargon."""
    mark = getattr(exc, "problem_mark", None)
    problem = str(getattr(exc, "problem", None) or "it cannot be read")
    if "stream end" in problem or "end of stream" in problem:
        # an unclosed bracket or quote is found at the end of the file: name the line that opened it
        mark = getattr(exc, "context_mark", None) or mark
        problem = problem.replace("'<stream end>'", "the end of the file").replace(
            "found unexpected end of stream", "a quote is never closed")
    problem = problem.replace("found character '\\t' that cannot start any token",
                              "a tab, where YAML needs spaces to indent")
    where = f" line {mark.line + 1}" if mark else ""
    if problem.startswith("key "):  # a duplicate key (see _mapping_without_duplicates)
        return f"{name}{where}: {problem}"
    return f"{name}{where}: not valid YAML ({problem})"


def parse_yaml(text: str, name: str = "client.yml") -> dict:
    """The settings mapping of a client.yml text; :class:`ConfigError` naming the line otherwise."""
    try:
        raw = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.reader.ReaderError as exc:  # a control character: no mark, and a two-line message
        line = text[:exc.position].count("\n") + 1
        code = ord(exc.character) if isinstance(exc.character, str) else exc.character
        raise ConfigError(f"{name} line {line}: not valid YAML (it holds the control character "
                          f"#x{code:04x}; delete it)") from None
    except yaml.YAMLError as exc:
        raise ConfigError(_yaml_problem(exc, name)) from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{name}: expected a mapping of settings (name, slug, period, ...)")
    return raw


def read_config(path: Path) -> ClientConfig:
    """Read and validate ``client.yml``.

    Parameters
    ----------
    path : the ``client.yml`` file.

    Raises
    ------
    ConfigError
        With one line per problem, each naming the file and the key (or line).
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path.name}: not found in the client folder {path.parent.name} "
                          "(every client folder needs one; `cx map` writes a first one)")
    return validate_config(read_settings(path), path.name)


def read_settings(path: Path) -> dict:
    """client.yml as written, parsed but not validated (``cx map`` reads it before it is complete).

    Raises
    ------
    ConfigError
        One line naming the file and line when it is not UTF-8 or not valid YAML.
    """
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ConfigError(f"{path.name}: is not UTF-8 text (line {line}, byte {exc.start}); save it as UTF-8") from None
    return parse_yaml(text, path.name)


def validate_config(raw: dict, name: str = "client.yml") -> ClientConfig:
    """A :class:`ClientConfig` from a parsed mapping, or :class:`ConfigError` with one line per key."""
    try:
        return ClientConfig.model_validate(raw)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = [str(p) for p in err["loc"]]
            key = ".".join(loc) or "(top level)"
            line = f"{name} key {key}: {err['msg'].removeprefix('Value error, ')}"
            if line not in lines:
                lines.append(line)
        raise ConfigError("\n".join(lines)) from None
