"""Writing ``cx map``'s proposal into client.yml: what the consultant wrote is kept, the change is
shown as a diff, and the previous file is kept as a backup.
"""
from __future__ import annotations

import difflib
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from cxlib.atomic import write_bytes
from cxlib import config
from cxlib.data.mapping import FileMap

REQUIRED_KEYS = ("name", "slug", "industry", "period", "consultant")


@dataclass(frozen=True)
class MapChange:
    """The settings after the proposal is merged in, and what changed."""

    settings: dict
    added: tuple[str, ...]
    kept: tuple[str, ...]
    missing: tuple[str, ...]


def merge_proposal(existing: dict, maps: list[FileMap], slug: str, given: dict | None = None) -> MapChange:
    """Add the proposed files and column map to a client's settings without overwriting any.

    Parameters
    ----------
    existing : client.yml as parsed (empty for a new client).
    maps : what ``cx map`` proposed per file.
    slug : the client's folder name.
    given : settings passed on the command line (name, industry, consultant, period); they fill
        keys the file does not have yet.
    """
    settings = dict(existing)
    settings.setdefault("slug", slug)
    for key, value in (given or {}).items():
        if value is not None:
            settings.setdefault(key, value)
    added, kept = [], []
    files = dict(settings.get("files") or {})
    column_map = {d: dict(rules or {}) for d, rules in (settings.get("column_map") or {}).items()}
    claimed = [m.dataset for m in maps if m.dataset]
    for m in maps:
        if m.dataset is None or claimed.count(m.dataset) > 1:
            continue
        if Path(m.file).stem != m.dataset and m.dataset not in files:
            files[m.dataset] = m.file
            added.append(f"files.{m.dataset}")
        rules = column_map.setdefault(m.dataset, {})
        for p in m.proposals:
            if p.column in rules:
                kept.append(f"column_map.{m.dataset}.{p.column}")
                continue
            if p.rule.source == p.column and p.rule.short() == p.column:
                continue  # the file already uses the contract's name: nothing to map
            rules[p.column] = p.rule.short()
            added.append(f"column_map.{m.dataset}.{p.column}")
    periods = [m.period for m in maps if m.period and m.dataset == "survey" and claimed.count("survey") == 1]
    if "period" not in settings and periods:
        settings["period"] = {"start": periods[0][0], "end": periods[0][1]}
        added.append("period (the first and last day of the survey's answers)")
    if files:
        settings["files"] = files
    column_map = {d: r for d, r in column_map.items() if r}
    if column_map:
        settings["column_map"] = column_map
    missing = tuple(k for k in REQUIRED_KEYS if k not in settings)
    return MapChange(settings, tuple(added), tuple(kept), missing)


class _Dumper(yaml.SafeDumper):
    """Rules on one line each where they fit: recodes and bands read as the scale they are."""


class _Flow(dict):
    pass


_Dumper.add_representer(_Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data.items(),
                                                                   flow_style=True))
_Dumper.add_representer(list, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data,
                                                                   flow_style=True))


def _flowing(settings: dict) -> dict:
    out = dict(settings)
    if isinstance(out.get("period"), dict):
        out["period"] = _Flow(out["period"])
    for dataset, rules in (out.get("column_map") or {}).items():
        for column, rule in rules.items():
            if isinstance(rule, dict):
                rules[column] = {k: _Flow(v) if isinstance(v, dict) else v for k, v in rule.items()}
    return out


def dump(settings: dict) -> str:
    """client.yml text: the people-facing keys first, the column map last."""
    order = [k for k in ("name", "slug", "industry", "period", "country", "consultant", "brand",
                         "competitors", "channels", "goals", "responses", "files", "column_map") if k in settings]
    order += [k for k in settings if k not in order]
    return yaml.dump(_flowing({k: settings[k] for k in order}), Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=110)


def write_settings(path: Path, text: str, *, dry_run: bool = False) -> tuple[str, Path | None]:
    """Write client.yml, keeping the previous one as ``client.yml.bak``; return the diff and backup.

    With ``dry_run`` nothing is written and the diff says what would change.
    """
    before = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    diff = "".join(difflib.unified_diff(before.splitlines(keepends=True), text.splitlines(keepends=True),
                                        fromfile=f"{path.name} (before)", tofile=f"{path.name} (proposed)"))
    backup = None
    if dry_run:
        return diff, None
    if before and before != text:
        backup = path.with_name(path.name + ".bak")
        shutil.copyfile(path, backup)
    if before != text:
        write_bytes(path, text.encode("utf-8"))
    return diff, backup


def read_settings(path: Path) -> dict:
    """client.yml as written (no validation: cx map runs before the file is complete); {} when absent."""
    return config.read_settings(path) if path.is_file() else {}
