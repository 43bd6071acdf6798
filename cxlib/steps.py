"""The seven steps to CX excellence and the notebooks that carry them: the one registry every
report, verdict and runner takes a step's number, title and notebook from."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

WORKBOOKS = Path(__file__).resolve().parents[1] / "workbooks"


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: str
    short: str = ""  # the step's name on a scorecard

    @property
    def notebook(self) -> str:
        return f"{self.slug}.ipynb"


STEPS: tuple[Step, ...] = (
    Step(1, "01_obsession_audit", "How to become a customer-obsessed organization", "Customer obsession"),
    Step(2, "02_competitors", "Are you beating your competitors at CX?", "Competitors"),
    Step(3, "03_brand_value", "Do you know your brand's true value? Your customer does.", "Brand and journey"),
    Step(4, "04_omnichannel", "Connect with your customers wherever and whenever they are", "Omnichannel"),
    Step(5, "05_empathy", "Want more effective messaging? Get your empathy on.", "Empathy"),
    Step(6, "06_culture", "How to become a customer-obsessed organizational culture", "Culture"),
    Step(7, "07_metrics", "CX metrics that matter", "CX metrics"),
)

#: The engagement report, run after the steps it reads; not one of the seven.
ENGAGEMENT = Step(0, "00_engagement", "The engagement: where you stand and what to do first", "Engagement")


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


def step(number: int) -> Step:
    """The step with this number.

    Raises
    ------
    KeyError
        When ``number`` is not 1-7.
    """
    for s in STEPS:
        if s.number == number:
            return s
    raise KeyError(f"there is no step {number}; the steps are 1-7")
