"""How a run and each of its reports went: what ``cx run`` prints and the manifest records.

Kept apart from the runner so that ``cx run`` can show a run the warm process made
(:mod:`cxlib.engagement.warm`) without importing what the runner needs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class StepOutcome:
    step: int
    title: str
    status: str  # "ok" or "failed"
    duration_s: float
    files: dict[str, str] = field(default_factory=dict)
    error: dict | None = None
    result: dict | None = None
    stages: dict[str, float] = field(default_factory=dict)  # seconds: execute, render

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class RunOutcome:
    run_dir: Path
    latest_updated: bool
    steps: list[StepOutcome]

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.steps)
