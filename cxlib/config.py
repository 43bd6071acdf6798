"""The client's engagement settings, read from ``client_data/<slug>/client.yml``."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


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
        return f"{self.start.day} {self.start:%b %Y} – {self.end.day} {self.end:%b %Y}"


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


class Goal(BaseModel):
    model_config = ConfigDict(extra="forbid")
    goal: str
    metric: str
    target: float
    due: dt.date


class ClientConfig(BaseModel):
    """Everything ``client.yml`` says about a client and the engagement."""

    model_config = ConfigDict(extra="forbid")
    name: str
    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    industry: str
    period: Period
    brand: Brand = Brand()
    competitors: list[str] = []
    channels: list[str] = []
    consultant: str
    goals: list[Goal] = []
    column_map: dict[str, dict[str, str]] = {}

    def goals_frame(self) -> pd.DataFrame:
        """Goals as a frame with columns goal, metric, target, due."""
        return pd.DataFrame(
            [g.model_dump() for g in self.goals], columns=["goal", "metric", "target", "due"]
        )


def read_config(path: Path) -> ClientConfig:
    """Read and validate ``client.yml``.

    Parameters
    ----------
    path : the ``client.yml`` file.

    Raises
    ------
    ConfigError
        With one line per problem, each naming the file and the key.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path.name}: file not found in {path.parent}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path.name}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path.name}: expected a mapping of settings (name, slug, period, ...)")
    try:
        return ClientConfig.model_validate(raw)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"]) or "(top level)"
            lines.append(f"{path.name} key {key}: {err['msg']}")
        raise ConfigError("\n".join(lines)) from None
