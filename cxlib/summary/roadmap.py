"""One roadmap from all steps' recommendations: merged by theme into at most ten initiatives,
each citing the steps it comes from, with an owner, a start quarter, a first KPI (the client's
own goal where client.yml sets one) and its impact and effort.

Recommendations of the "data" theme are not initiatives: they say what to collect before the next
wave, and :func:`next_wave` lists them with the KPIs to re-measure.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from cxlib import wording
from cxlib.report.record import StepResult
from cxlib.report.verdict import EFFORTS, IMPACTS, THEMES, Kpi, Recommendation
from cxlib.wording import and_list, number

MAX_INITIATIVES = 10
MAX_STARTS = 3  # initiatives that start in any one quarter: a programme office can launch no more
# Quarters an initiative runs, by its largest effort.
DURATION = {"Low": 1, "Medium": 2, "High": 3}


@dataclass(frozen=True)
class Initiative:
    """One line of the roadmap.

    Attributes
    ----------
    theme : the :data:`cxlib.report.verdict.THEMES` key.
    name, owner : the theme's initiative name and owning role.
    steps : the steps whose recommendations it merges, in order.
    actions : (step, action) of each merged recommendation, highest priority first.
    why : the rationale of its first recommendation.
    impact, effort : the highest impact and the largest effort among them.
    start, end : the quarters (1-4) it starts and ends in.
    kpi : its first measure, with the client's goal as target where one matches.
    """

    theme: str
    name: str
    owner: str
    steps: tuple[int, ...]
    actions: tuple[tuple[int, str], ...]
    why: str
    impact: str
    effort: str
    start: int
    end: int
    kpi: Kpi | None

    def cites(self) -> str:
        """"steps 1, 2, 3 and 7" or "step 4"."""
        return ("step " if len(self.steps) == 1 else "steps ") + and_list([str(s) for s in self.steps])


@dataclass(frozen=True)
class Roadmap:
    """The initiatives in the order to act, and the moves left out of the ten."""

    initiatives: tuple[Initiative, ...]
    left_out: int

    def table(self) -> pd.DataFrame:
        """The roadmap as the report shows it."""
        return pd.DataFrame([{
            "#": i,
            "Initiative": f"{item.name} ({item.cites()})",
            "First moves": " · ".join(dict.fromkeys(a for _, a in item.actions[:2])),
            "Owner": item.owner,
            "Starts": f"Q{item.start}",
            "First measure": item.kpi.text() if item.kpi else "–",
            "Impact": item.impact,
            "Effort": item.effort,
        } for i, item in enumerate(self.initiatives, 1)])

    def source(self) -> str:
        """The quarter plan's source line."""
        moves = sum(len(i.actions) for i in self.initiatives)
        return (f"Source: {moves} recommendations of the step reports, merged by theme; at most "
                f"{MAX_STARTS} starts a quarter, 1 to 3 quarters each by effort.")

    def headline(self) -> str:
        if not self.initiatives:
            return "No step made a recommendation beyond collecting more data."
        first = self.initiatives[0]
        n, moves = len(self.initiatives), sum(len(i.actions) for i in self.initiatives)
        text = (f"{n} initiative{'s carry' if n > 1 else ' carries'} {moves} of the step reports' "
                f"recommendation{'s' if moves > 1 else ''}; the first is to {first.name[0].lower()}{first.name[1:]} "
                f"({first.cites()}), owned by the {first.owner}.")
        if self.left_out:
            text += (" 1 smaller move stays" if self.left_out == 1 else f" {self.left_out} smaller moves stay") + \
                " in the step reports."
        return text


# Company-wide measures whose abbreviation names a client goal; "Customer effort on email (CES)" is
# one channel's CES, not the measure a company-wide CES goal is set on.
HEADLINE_NAMES = ("customer effort", "net promoter score", "customer satisfaction", "churn rate",
                  "first contact resolution")


def _names(metric: str) -> set[str]:
    names = {metric.casefold()}
    found = re.fullmatch(r"\s*([^()]+?)\s*\(([^)]+)\)\s*", metric)
    if found and found.group(1).casefold() in HEADLINE_NAMES:
        names |= {found.group(1).casefold(), found.group(2).casefold()}
    return names


def with_goal(kpi: Kpi | None, goals: pd.DataFrame) -> Kpi | None:
    """The KPI with the client's goal as its target, when a goal's metric names it: by its full
    name, or, for the company-wide measures of :data:`HEADLINE_NAMES`, by its abbreviation in
    brackets ("Customer effort (CES)" takes a "CES" goal), case-folded."""
    if kpi is None or goals is None or goals.empty:
        return kpi
    names = _names(kpi.metric)
    for goal in goals.itertuples():
        if str(goal.metric).casefold() in names:
            due = pd.Timestamp(goal.due)
            return replace(kpi, target=float(goal.target),
                           basis=f"the client's goal \u201c{goal.goal}\u201d, due {wording.date(due)}")
    return kpi


def roadmap(results: Mapping[int, StepResult], goals: pd.DataFrame | None = None) -> Roadmap:
    """Merge every step's recommendations by theme into at most :data:`MAX_INITIATIVES` initiatives.

    Parameters
    ----------
    results : step number -> recorded result.
    goals : the client's goals (:meth:`cxlib.config.ClientConfig.goals_frame`).

    Initiatives are ordered by their highest impact, then by how many steps call for them, then by
    the best priority any step gave them, and start in that order, at most :data:`MAX_STARTS` a
    quarter; "data" recommendations are left to :func:`next_wave`.
    """
    goals = goals if goals is not None else pd.DataFrame(columns=["goal", "metric", "target", "due"])
    by_theme: dict[str, list[tuple[int, Recommendation]]] = {}
    for step in sorted(results):
        for rec in results[step].recommendations:
            if rec.theme != "data":
                by_theme.setdefault(rec.theme, []).append((step, rec))
    items = []
    for theme, recs in by_theme.items():
        recs.sort(key=lambda sr: (sr[1].priority, sr[0]))
        impact = min((r.impact for _, r in recs), key=IMPACTS.index)
        effort = max((r.effort for _, r in recs), key=EFFORTS.index)
        start = min(r.quarter for _, r in recs)
        kpis = [r.kpi for _, r in recs if r.kpi is not None]
        # the client's own goal first, then a measure with a baseline, then any
        kpi = next((k for k in kpis if with_goal(k, goals) != k), next((k for k in kpis if k.baseline is not None),
                                                                     kpis[0] if kpis else None))
        items.append(Initiative(
            theme=theme, name=THEMES[theme].name, owner=THEMES[theme].owner,
            steps=tuple(sorted({s for s, _ in recs})), actions=tuple((s, r.action) for s, r in recs),
            why=recs[0][1].rationale, impact=impact, effort=effort, start=start,
            end=min(4, start + DURATION[effort] - 1), kpi=with_goal(kpi, goals)))
    items.sort(key=lambda i: (IMPACTS.index(i.impact), -len(i.steps),
                              min(r.priority for s, r in by_theme[i.theme]), i.start))
    return Roadmap(_staggered(items[:MAX_INITIATIVES]), sum(len(i.actions) for i in items[MAX_INITIATIVES:]))


def _staggered(items: list[Initiative]) -> tuple[Initiative, ...]:
    """Start each initiative, in roadmap order, no earlier than its moves ask and in a quarter where
    fewer than :data:`MAX_STARTS` have started; it runs for its effort's :data:`DURATION`."""
    starts: dict[int, int] = {}
    placed = []
    for item in items:
        quarter = item.start
        while quarter < 4 and starts.get(quarter, 0) >= MAX_STARTS:
            quarter += 1
        starts[quarter] = starts.get(quarter, 0) + 1
        placed.append(replace(item, start=quarter, end=min(4, quarter + DURATION[item.effort] - 1)))
    return tuple(placed)


def next_wave(results: Mapping[int, StepResult], plan: Roadmap) -> pd.DataFrame:
    """What to measure at the next wave: each initiative's KPI against its baseline and target,
    then the data the step reports ask for."""
    rows = [{"Measure": item.kpi.metric,
             "Today": "not measured yet" if item.kpi.baseline is None else number(item.kpi.baseline, item.kpi.unit),
             "Target": "to set" if item.kpi.target is None else number(item.kpi.target, item.kpi.unit),
             "Why": f"Shows whether \u201c{item.name}\u201d works"}
            for item in plan.initiatives if item.kpi is not None]
    for step in sorted(results):
        for rec in results[step].recommendations:
            if rec.theme == "data":
                rows.append({"Measure": rec.action, "Today": "missing", "Target": "collected",
                             "Why": f"Step {step}: {rec.rationale}"})
    return pd.DataFrame(rows, columns=["Measure", "Today", "Target", "Why"])
