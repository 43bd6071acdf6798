"""The seven steps on one scorecard, and the engagement's overall maturity.

The overall score is the mean of the steps scored on at least half their weight (a step marked
"Partly assessed" is shown but left out of the mean), and it claims a maturity level only when at
least four of the seven steps count (the same half-the-weight rule a step applies to its own parts,
:data:`cxlib.report.record.MIN_COVERAGE`).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from cxlib import wording
from cxlib.report.record import NOT_ASSESSED, PARTLY_ASSESSED, StepResult, maturity_of
from cxlib.steps import STEPS
from cxlib.wording import and_list


def _lower(name: str) -> str:
    """A step's name inside a sentence: "Culture" -> "culture", "CX metrics" stays."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


@dataclass(frozen=True)
class Scorecard:
    """Each step's score and maturity, and the engagement's.

    Attributes
    ----------
    table : one row a step of the engagement: step, name, title, score (None when not scored),
        maturity, ran (False when the step did not run in this engagement).
    score : the mean of the steps that count (scored on at least half their weight), None when
        none does.
    maturity : the overall maturity by :func:`cxlib.report.record.maturity_of`, with the share
        of the seven steps that count as coverage.
    """

    table: pd.DataFrame
    score: float | None
    maturity: str

    @property
    def scored(self) -> pd.DataFrame:
        """The steps with a score, however much of their weight was assessed."""
        return self.table[self.table["score"].notna()]

    @property
    def counted(self) -> pd.DataFrame:
        """The steps the overall score averages: scored on at least half their weight."""
        return self.scored[self.scored["maturity"] != PARTLY_ASSESSED]

    def headline(self, client: str) -> str:
        """The overall verdict in one sentence: score, maturity, strongest and weakest step."""
        scored = self.counted
        if scored.empty:
            return (f"None of the seven steps could be scored on at least half its weight with the data {client} "
                    "provided, so no overall score is claimed.")
        partly = [_lower(n) for n in self.scored.loc[self.scored["maturity"] == PARTLY_ASSESSED, "name"]]
        unscored = [_lower(n) for n in self.table.loc[self.table["score"].isna() & self.table["ran"], "name"]]
        not_run = [_lower(n) for n in self.table.loc[~self.table["ran"], "name"]]
        best = scored.loc[scored["score"].idxmax()]
        worst = scored.loc[scored["score"].idxmin()]
        level = ("too few steps count to claim a maturity level" if self.maturity == PARTLY_ASSESSED
                 else self.maturity)
        which = ("all seven steps" if len(scored) == len(self.table) else
                 f"the {len(scored)} of seven steps the data could score on at least half their weight")
        text = (f"Across {which}, {client} averages "
                f"{wording.score(self.score)}/100: {level}")
        if len(scored) > 1:
            text += (f". It is strongest on {_lower(best['name'])} ({wording.score(best['score'])}) and weakest on "
                     f"{_lower(worst['name'])} ({wording.score(worst['score'])})")
        if partly:
            text += f"; {and_list(partly)} could be scored on less than half their weight and are left out of the average"
        if unscored:
            text += f"; {and_list(unscored)} could not be scored with the data provided"
        if not_run:
            text += f"; {and_list(not_run)} did not finish in this run"
        return text + "."

    def title(self) -> str:
        """The scorecard chart's action title."""
        scored = self.counted
        if scored.empty:
            return "No step could be scored on at least half its weight"
        worst = scored.loc[scored["score"].idxmin()]
        return f"Overall {wording.score(self.score)}/100, weakest on {_lower(worst['name'])} ({wording.score(worst['score'])})"

    def source(self) -> str:
        """The scorecard chart's source line."""
        return (f"Source: the step reports of this run, {len(self.scored)} of {len(self.table)} steps scored; "
                "each score as its own report records it.")

    def rank_of(self, step: int) -> str:
        """A step's place among the scored steps: "3rd highest of 6 steps scored", or why none."""
        row = self.table[self.table["step"] == step]
        if row.empty or pd.isna(row.iloc[0]["score"]):
            return "not scored in this engagement"
        if len(self.scored) == 1:
            return "the only step scored"
        place = int((self.scored["score"] > row.iloc[0]["score"]).sum()) + 1
        if place == 1:
            return f"the highest of the {len(self.scored)} steps scored"
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(place if place < 20 else place % 10, "th")
        return f"{place}{suffix} highest of the {len(self.scored)} steps scored"


def scorecard(results: Mapping[int, StepResult]) -> Scorecard:
    """The scorecard of the steps in ``results`` (step number -> recorded result).

    A step missing from ``results`` did not run (or failed) and is listed as not assessed.
    """
    rows = []
    for step in STEPS:
        result = results.get(step.number)
        rows.append({"step": step.number, "name": step.short, "title": step.title,
                     "score": None if result is None else result.score,
                     "maturity": NOT_ASSESSED if result is None else result.maturity,
                     "ran": result is not None})
    table = pd.DataFrame(rows)
    table["score"] = table["score"].astype(float)
    counted = table.loc[table["maturity"] != PARTLY_ASSESSED, "score"].dropna()
    score = round(float(counted.mean()), 1) if len(counted) else None
    return Scorecard(table, score, maturity_of(score, len(counted) / len(STEPS)))


def scorecard_table(card: Scorecard) -> pd.DataFrame:
    """The scorecard as the report shows it."""
    return pd.DataFrame({
        "Step": card.table["step"],
        "What it asks": card.table["title"],
        "Score": card.table["score"].map(lambda v: "–" if pd.isna(v) else wording.score(v)),
        "Maturity": card.table["maturity"],
    })
