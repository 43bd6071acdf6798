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
    status: str  # "ok", "failed", or "interrupted" (stopped by a signal before it finished)
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
    interrupted: str | None = None  # the signal's name ("SIGINT") when the run was stopped
    kept: bool = True  # False when an interrupted run had finished nothing, so no folder was kept
    notes: list[str] = field(default_factory=list)  # what went wrong after the reports (they stand)
    exports: dict = field(default_factory=lambda: {"files": [], "errors": []})  # tables.xlsx, engagement.pptx

    @property
    def ok(self) -> bool:
        return self.interrupted is None and all(s.ok for s in self.steps) and not self.exports["errors"]

    def stop_line(self) -> str:
        """The one line an interrupted run ends with: what was kept, and where."""
        finished = [s for s in self.steps if s.ok]
        if not finished or not self.kept:
            return f"interrupted ({self.interrupted}): no report had finished, nothing was kept; latest is unchanged"
        names = [f"step {s.step}" if s.step else "the engagement report" for s in finished]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return (f"interrupted ({self.interrupted}): kept {listed} in {self.run_dir}/ (manifest says "
                f"interrupted; latest is unchanged)")
