"""The seven steps to CX excellence and the notebooks that carry them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

WORKBOOKS = Path(__file__).resolve().parents[2] / "workbooks"


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: str

    @property
    def notebook(self) -> str:
        return f"{self.slug}.ipynb"


STEPS: tuple[Step, ...] = (
    Step(1, "01_obsession_audit", "How to become a customer-obsessed organization"),
    Step(2, "02_competitors", "Are you beating your competitors at CX?"),
    Step(3, "03_brand_value", "Do you know your brand's true value? Your customer does."),
    Step(4, "04_omnichannel", "Connect with your customers wherever and whenever they are"),
    Step(5, "05_empathy", "Want more effective messaging? Get your empathy on."),
    Step(6, "06_culture", "How to become a customer-obsessed organizational culture"),
    Step(7, "07_metrics", "CX metrics that matter"),
)


def available_steps(workbooks: Path = WORKBOOKS) -> list[Step]:
    """The steps whose notebook exists in ``workbooks``."""
    return [s for s in STEPS if (Path(workbooks) / s.notebook).is_file()]


def parse_steps(text: str | None, workbooks: Path = WORKBOOKS) -> list[Step]:
    """Steps named by ``"7"``, ``"1,2,3"`` or ``"1-3"``; every available step when text is empty.

    Raises
    ------
    ValueError
        When a number is not a step or its notebook is missing.
    """
    available = {s.number: s for s in available_steps(workbooks)}
    if not text:
        return list(available.values())
    numbers: list[int] = []
    for part in text.split(","):
        part = part.strip()
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not match:
            raise ValueError(f"--steps: {part!r} is not a step number or range like 1-3")
        low, high = int(match[1]), int(match[2] or match[1])
        numbers += range(low, high + 1)
    chosen = []
    for n in dict.fromkeys(numbers):
        if n not in {s.number for s in STEPS}:
            raise ValueError(f"--steps: {n} is not a step (steps are 1-7)")
        if n not in available:
            raise ValueError(f"--steps: step {n} has no notebook in {workbooks} yet")
        chosen.append(available[n])
    return sorted(chosen, key=lambda s: s.number)
