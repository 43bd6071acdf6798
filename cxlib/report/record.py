"""The step record: what each step concludes, in one shape the engagement summary can combine,
and the step's score with the parts it adds up (:class:`StepScore`, :class:`Assessment`)."""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import pandas as pd

from cxlib import wording
from cxlib.atomic import write_json
from cxlib.report.verdict import Figure, Finding, Kpi, Recommendation

__all__ = ["Assessment", "Figure", "Finding", "Kpi", "Recommendation", "StepResult", "StepScore",
           "maturity_for", "maturity_of", "read_result", "record_step", "verdict", "write_result"]

# Maturity groups of the seed (mature, competent, novice, ignore), as bands of the 0-100 score.
MATURITY_BANDS: tuple[tuple[float, str], ...] = (
    (75.0, "Mature"),
    (50.0, "Competent"),
    (25.0, "Novice"),
    (0.0, "Ignoring"),
)
NOT_ASSESSED = "Not assessed"
PARTLY_ASSESSED = "Partly assessed"
# Below this share of the score's weight assessed, no maturity level is claimed for the step.
MIN_COVERAGE = 0.5


def maturity_for(score: float) -> str:
    """Maturity level of a 0-100 score: Mature >= 75, Competent >= 50, Novice >= 25, else Ignoring."""
    if not 0 <= score <= 100:
        raise ValueError(f"score {score} is outside 0-100")
    return next(label for floor, label in MATURITY_BANDS if score >= floor)


def maturity_of(score: float | None, coverage: float = 1.0) -> str:
    """Maturity of a step: "Not assessed" without a score, "Partly assessed" when less than
    :data:`MIN_COVERAGE` of the score's weight could be assessed, else :func:`maturity_for`."""
    if score is None:
        return NOT_ASSESSED
    if coverage < MIN_COVERAGE:
        return PARTLY_ASSESSED
    return maturity_for(score)


@dataclass(frozen=True)
class StepResult:
    """A step's conclusion: score 0-100, maturity, 3-5 findings with numbers, 3-5 recommendations.

    Built by :func:`verdict`; ``findings`` are :class:`Finding` objects (a plain sentence is taken
    as a finding that states no figure).
    """

    step: int
    title: str
    score: float | None
    findings: tuple[Finding, ...]
    recommendations: tuple[Recommendation, ...]
    maturity: str = ""
    score_rule: str = ""
    extras: dict = field(default_factory=dict)
    coverage: float = 1.0

    def __post_init__(self):
        object.__setattr__(self, "findings", tuple(
            replace(f, step=self.step) if isinstance(f, Finding) else Finding(str(f), step=self.step)
            for f in self.findings))
        if self.score is not None and not 0 <= self.score <= 100:
            raise ValueError(f"step score {self.score} is outside 0-100")
        if not 3 <= len(self.findings) <= 5:
            raise ValueError(f"a step states 3-5 findings, not {len(self.findings)}")
        if not 3 <= len(self.recommendations) <= 5:
            raise ValueError(f"a step makes 3-5 recommendations, not {len(self.recommendations)}")
        priorities = sorted(r.priority for r in self.recommendations)
        if priorities != list(range(1, len(priorities) + 1)):
            raise ValueError(f"recommendation priorities must be 1..n, got {priorities}")
        if not self.maturity:
            object.__setattr__(self, "maturity", maturity_of(self.score, self.coverage))

    @property
    def sentences(self) -> tuple[str, ...]:
        """The findings' sentences, in order."""
        return tuple(f.text for f in self.findings)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["score"] = None if self.score is None else round(float(self.score), 1)
        data["recommendations"] = sorted(data["recommendations"], key=lambda r: r["priority"])
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "StepResult":
        recs = tuple(Recommendation.from_dict(r) for r in data["recommendations"])
        findings = tuple(Finding.from_dict(f) for f in data["findings"])
        return cls(**{**data, "findings": findings, "recommendations": recs})


COMPONENT_COLUMNS = ("component", "points", "max_points", "basis")


@dataclass(frozen=True)
class StepScore:
    """A step's 0-100 score and the table of the parts it adds up.

    Attributes
    ----------
    score : the parts' points added up, rounded to one decimal. When some parts could not be
        assessed (their points are missing), the score is the assessed parts' points as a share of
        their maximum, on the full scale: a step is never marked down for data the client lacks.
    components : one row a part, columns component, points, max_points, basis.
    subject : what is scored, as :meth:`headline` names it, e.g. "The culture".
    """

    score: float | None
    components: pd.DataFrame
    subject: str = "The step"

    @classmethod
    def from_rows(cls, rows, *, max_points: float | None = None, points_decimals: int | None = None,
                  subject: str = "The step") -> StepScore:
        """Build the components table from its rows and add up the score.

        Parameters
        ----------
        rows : one ``(component, points, max_points, basis)`` tuple a part, or
            ``(component, points, basis)`` when ``max_points`` is given; points None marks a part
            that could not be assessed (its basis says why).
        max_points : the maximum of every part, when they all share one.
        points_decimals : round each part's points to this many decimals before they are added
            up; None keeps them as computed. The total is rounded to one decimal either way.
        subject : what is scored, as the headline names it.
        """
        if max_points is None:
            table = pd.DataFrame(rows, columns=list(COMPONENT_COLUMNS))
        else:
            table = pd.DataFrame(rows, columns=["component", "points", "basis"])
            table.insert(2, "max_points", max_points)
        table["points"] = table["points"].astype(float)
        if points_decimals is not None:
            table["points"] = table["points"].round(points_decimals)
        assessed = table["points"].notna()
        if not assessed.any():
            return cls(None, table, subject)
        points = float(table.loc[assessed, "points"].sum())
        if not assessed.all():
            points *= float(table["max_points"].sum()) / float(table.loc[assessed, "max_points"].sum())
        return cls(round(points, 1), table, subject)

    @property
    def not_assessed(self) -> list[str]:
        """The parts that could not be assessed."""
        return self.components.loc[self.components["points"].isna(), "component"].tolist()

    @property
    def coverage(self) -> float:
        """The share of the score's maximum points whose parts could be assessed."""
        assessed = self.components["points"].notna()
        return float(self.components.loc[assessed, "max_points"].sum() / self.components["max_points"].sum())

    @property
    def maturity(self) -> str:
        """Maturity level of the score, by :func:`maturity_of`."""
        return maturity_of(self.score, self.coverage)

    def headline(self) -> str:
        """The score and its weakest part, e.g. ``The culture scores 35/100; the weakest part is
        clarity (2 of 20).``

        The weakest part is the one with the smallest share of its maximum points, the first such
        part on a tie.
        """
        if self.score is None:
            return f"{self.subject} could not be assessed: " + "; ".join(
                b.removeprefix("not assessed: ") for b in dict.fromkeys(self.components["basis"])) + "."
        share = self.components["points"] / self.components["max_points"]
        weakest = self.components.loc[share.idxmin()]
        text = (f"{self.subject} scores {wording.score(self.score)}/100; the weakest part is "
                f"{weakest['component'].lower()} ({weakest['points']:.0f} of "
                f"{weakest['max_points']:.0f})")
        missing = [c.lower() for c in self.not_assessed]
        if missing:
            listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
            text += f"; {listed} could not be assessed"
        return text + "."


@dataclass(frozen=True)
class Assessment:
    """A step's verdict: its score with the components behind it, and its record.

    Attributes
    ----------
    score : the score and its components table.
    step : the record the engagement summary combines.
    """

    score: StepScore
    step: StepResult

    def __post_init__(self):
        # the record carries the score's coverage, so every step's maturity follows one rule
        object.__setattr__(self, "step", replace(self.step, coverage=round(self.score.coverage, 3), maturity="",
                                                 score=self.score.score))

    @property
    def components(self) -> pd.DataFrame:
        """The score's components table: component, points, max_points, basis."""
        return self.score.components


def verdict(step: int, score: StepScore, findings: Iterable[Finding | str],
            recommendations: Iterable[Recommendation], *, score_rule: str, gaps: Iterable[str] = (),
            reserve: Iterable[Recommendation] = (), extras: dict | None = None) -> Assessment:
    """Build a step's verdict the one way every step does: findings and recommendations in the
    order the step gives them, three to five of each.

    Parameters
    ----------
    step : the step's number; its title comes from :mod:`cxlib.steps`.
    score : the step's score and its components.
    findings : the step's findings, most important first; a plain sentence states no figure.
    recommendations : the step's moves, first to act on first; the builder numbers them.
    score_rule : the score's rule in one line, for the scorecard.
    gaps : the sentences of sections that could not run, said after the findings while fewer
        than five stand, and always when fewer than three would.
    reserve : moves added, in order, only while fewer than three recommendations stand.
    extras : anything else the step records for the engagement report.

    Findings repeating an earlier sentence and moves repeating an earlier action are dropped, so
    a step never says one thing twice. When fewer than three findings stand after the gaps, the
    score's :meth:`StepScore.headline` is the last.
    """
    from cxlib.steps import step as registered

    stated: list[Finding] = []

    def say(item: Finding | str) -> None:
        finding = item if isinstance(item, Finding) else Finding(str(item))
        if finding.text not in {f.text for f in stated}:
            stated.append(finding)

    for item in findings:
        say(item)
    for gap in gaps:
        if len(stated) < 5:
            say(gap)
    if len(stated) < 3:
        say(score.headline())
    moves: list[Recommendation] = []
    for rec in recommendations:
        if rec.action not in {m.action for m in moves}:
            moves.append(rec)
    for rec in reserve:
        if len(moves) >= 3:
            break
        if rec.action not in {m.action for m in moves}:
            moves.append(rec)
    numbered = tuple(replace(m, priority=i) for i, m in enumerate(moves[:5], 1))
    record = StepResult(step=step, title=registered(step).title, score=score.score, findings=tuple(stated[:5]),
                        recommendations=numbered, score_rule=score_rule, extras=extras or {})
    return Assessment(score, record)


def write_result(result: StepResult, path: str | os.PathLike) -> Path:
    """Write the record as JSON, atomically so a reader never sees half a file."""
    return write_json(path, result.to_dict())


def read_result(path: str | os.PathLike) -> StepResult:
    return StepResult.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def record_step(result: StepResult, path: str | os.PathLike | None = None) -> None:
    """Show the step scorecard and, when ``path`` is given (``cx run`` gives it), write the record.

    Parameters
    ----------
    result : the step's conclusion.
    path : where ``cx run`` collects the record; None in interactive use.

    Returns nothing, so the notebook cell shows the scorecard and no repr.
    """
    from cxlib.report import display  # the display layer imports this module too

    if result.score is None:
        score = (f"Step {result.step} score", NOT_ASSESSED, "nothing this step scores could be measured")
    else:
        partly = f" · {result.coverage:.0%} of the score's weight assessed" if result.coverage < 1 else ""
        score = (f"Step {result.step} score", f"{wording.score(result.score)} / 100",
                 (result.score_rule or "0-100 scale") + partly)
    display.show_kpis([
        score,
        ("Maturity", result.maturity, "Mature ≥ 75 · Competent ≥ 50 · Novice ≥ 25"
         + (" · none claimed below half the weight assessed" if result.maturity == PARTLY_ASSESSED else "")),
    ])
    display.show_key_findings(result.findings, "What we found")
    display.show_table(recommendations_table(result, why=False),
                       caption="Recommendations, in the order we would act (the reasons: \u201cWhat we "
                               "recommend, and why\u201d)")
    if path is not None:
        write_result(result, path)


def recommendations_table(result: StepResult, *, why: bool = True) -> pd.DataFrame:
    """The step's recommendations in priority order: the summary's short table (``why=False``: the
    action, owner, first measure, impact and effort) or the body's full one with each reason."""
    rows = [(r.priority, r.action, r.rationale, r.owner, r.kpi.text() if r.kpi else "–", r.impact, r.effort)
            for r in sorted(result.recommendations, key=lambda r: r.priority)]
    table = pd.DataFrame(rows, columns=["Priority", "Recommendation", "Why", "Owner", "First measure",
                                        "Impact", "Effort"])
    return table if why else table.drop(columns="Why")


def show_recommendations(result: StepResult) -> None:
    """Show "What we recommend, and why": each recommendation with the reason the data gives."""
    from cxlib.report import display

    display.show_table(recommendations_table(result), caption="Recommendations, in the order we would act",
                       heading="## What we recommend, and why")


def sources_table(result: StepResult) -> pd.DataFrame:
    """Every figure the step's findings state: the finding's number, the quantity, its value and
    the data it comes from, for the report's last section, "Where each number comes from"."""
    from cxlib.wording import number

    rows = [(i, fig.quantity[:1].upper() + fig.quantity[1:], number(fig.value, fig.unit), fig.range_text(),
             fig.population or "–")
            for i, finding in enumerate(result.findings, 1) for fig in finding.figures]
    return pd.DataFrame(rows, columns=["Finding", "Figure", "Value", "95% range", "Data"])


def show_sources(result: StepResult) -> None:
    """Show "Where each number comes from": the table of :func:`sources_table`, or the sentence
    saying the findings state no figure."""
    from cxlib.report import display

    table = sources_table(result)
    if table.empty:
        display.show_text("### Where each number comes from\n\nThe findings above state no figure computed "
                          "from the data.")
    else:
        display.show_table(table, caption="The figures behind each finding, their 95% range where they "
                                          "have one, and the data they are computed from",
                           heading="### Where each number comes from")
