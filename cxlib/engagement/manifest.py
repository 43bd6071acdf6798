"""The run manifest: what was run, on which inputs, with which software, and how it went."""
from __future__ import annotations

import datetime as dt
import platform
from importlib import metadata
from pathlib import Path

from cxlib.atomic import write_json
from cxlib.data import DATASETS, ClientData

# The packages whose versions can change a number or a page of the report.
PACKAGES = ("cxlib", "pandas", "numpy", "scipy", "statsmodels", "scikit-learn", "matplotlib",
            "seaborn", "pandera", "pydantic", "vaderSentiment", "textstat", "papermill", "nbconvert",
            "nbformat", "ipykernel", "weasyprint")


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def client_facts(data: ClientData) -> dict:
    """What the manifest says of the client and its inputs, taken once when the run is planned (so
    that a run can be closed where the client's data is not, as ``cx batch`` does)."""
    return {
        "client": {"name": data.config.name, "slug": data.config.slug, "folder": data.root.name},
        "inputs": {"sha256": data.sha256(), "datasets_missing": [d for d in DATASETS if d not in data.frames]},
        "validation_warnings": [str(p) for p in data.warnings],
    }


def build_manifest(facts: dict, run_id: str, started: dt.datetime, finished: dt.datetime,
                   *, parameters: dict, steps: list[dict], timings: dict | None = None,
                   interrupted: str | None = None, exports: dict | None = None) -> dict:
    """The manifest of one run as a JSON-ready dict.

    Parameters
    ----------
    facts : the client and its inputs (:func:`client_facts`).
    timings : the run's own stages in seconds (validating the client, preparing the process), next
        to each step's.
    interrupted : the signal that stopped the run (its status is then "interrupted").
    exports : the files written besides the reports, and the errors of those that failed.
    """
    exports = exports or {"files": [], "errors": []}
    fine = all(s["status"] == "ok" for s in steps) and not exports["errors"]
    status = "interrupted" if interrupted else "ok" if fine else "failed"
    return {
        "run_id": run_id,
        "client": facts["client"],
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": finished.isoformat(timespec="seconds"),
        "duration_s": round((finished - started).total_seconds(), 2),
        "timings": timings or {},
        "status": status,
        **({"interrupted_by": interrupted} if interrupted else {}),
        "parameters": parameters,
        "inputs": facts["inputs"],
        "validation_warnings": facts["validation_warnings"],
        "packages": package_versions(),
        "steps": steps,
        "exports": exports,
    }


def write_manifest(manifest: dict, path: Path) -> None:
    write_json(path, manifest)
