"""One wave of a client's engagement: the reporting period, the run it comes from, the survey's
headline figures, each step's record and the roadmap, in the shape the store keeps and the change
since the last wave reads.

A wave is the client's reporting period (``client.yml``'s ``period``); running the same period again
is the same wave, measured again.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from cxlib.metrics.portfolio import Headline, headline_metrics
from cxlib.report.record import StepResult
from cxlib.report.verdict import Figure, Kpi
from cxlib.summary.roadmap import Initiative, roadmap

_SAMPLE = re.compile(r"\(n = ([\d,]+)\)")
_COUNTED = re.compile(r"^[^:()]+: (?:the )?([\d,]+) \w")
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
#: Words too common to tie a KPI's name to a figure's quantity.
_COMMON = frozenset({"the", "and", "for", "that", "with", "who", "where", "are", "its", "than", "from", "into",
                     "out", "per", "all", "any", "not", "their", "your"})


def sample_size(population: str) -> int | None:
    """The count a figure's population states, in the two ways the steps write it.

    "survey answers (n = 4,903)" -> 4903, the last one when several are given (the figure's own
    group: "... (n = 3,456), rated SIM activation (n = 317)" -> 317); "social export: 1,350 posts
    about Acme" -> 1350 (the dataset, then the count). None otherwise: a count of other things,
    "(n = 28 agents)", is not the figure's sample.
    """
    text = population or ""
    found = _SAMPLE.findall(text)
    if found:
        return int(found[-1].replace(",", ""))
    counted = _COUNTED.match(text)
    return int(counted[1].replace(",", "")) if counted else None


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.casefold()) if len(w) >= 3 and w not in _COMMON)


def _same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@dataclass(frozen=True)
class KpiSource:
    """Where a KPI's value comes from: the figure of its step's findings that states its baseline.

    Attributes
    ----------
    metric, baseline : the KPI (its name and value) the source belongs to.
    step : the step whose record states the figure.
    finding : the finding's place in that record, 1 first.
    quantity, unit : the figure's quantity and unit; with the step they identify the figure from one
        wave to the next (the quantity names its item: "answers agreeing, Clarity").
    n : the answers the figure rests on (:func:`sample_size` of its population); None when unknown.
    """

    metric: str
    baseline: float
    step: int
    finding: int
    quantity: str
    unit: str = ""
    n: int | None = None

    def belongs_to(self, kpi: Kpi) -> bool:
        """Whether this is the source of ``kpi``: the same name (case-folded) and the same value."""
        return (kpi.baseline is not None and kpi.metric.strip().casefold() == self.metric.strip().casefold()
                and _same_value(kpi.baseline, self.baseline))


def kpi_source(step: int, result: StepResult, kpi: Kpi) -> KpiSource | None:
    """The figure of ``result``'s findings that ``kpi``'s baseline is taken from.

    A step's KPI does not name its figure, so the figure is recognised: it states the KPI's baseline
    (to the ninth significant digit) in the KPI's unit, and of the figures that do, its quantity shares
    the most words with the KPI's name ("Answers agreeing on Clarity" -> "answers agreeing, Clarity").
    None when no figure qualifies, or when two figures of different quantities qualify equally: a
    round value such as 50% stated twice is never guessed at.
    """
    if kpi.baseline is None:
        return None
    name = _words(kpi.metric)
    best: dict[tuple[str, str], tuple[int, int, Figure]] = {}
    for i, finding in enumerate(result.findings, 1):
        for fig in finding.figures:
            if fig.unit != kpi.unit or not _same_value(fig.value, kpi.baseline):
                continue
            shared = len(name & _words(fig.quantity))
            key = (fig.quantity.strip().casefold(), fig.unit)
            if shared and key not in best:
                best[key] = (shared, i, fig)
    if not best:
        return None
    ranked = sorted(best.values(), key=lambda c: -c[0])
    if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        return None
    _, i, fig = ranked[0]
    return KpiSource(kpi.metric, kpi.baseline, step, i, fig.quantity, fig.unit, sample_size(fig.population))


def kpi_sources(results: Mapping[int, StepResult]) -> tuple[KpiSource, ...]:
    """The source (:func:`kpi_source`) of every recommendation KPI of the records that has one,
    step by step."""
    found = []
    for step in sorted(results):
        for rec in results[step].recommendations:
            if rec.kpi is not None:
                source = kpi_source(step, results[step], rec.kpi)
                if source is not None and source not in found:
                    found.append(source)
    return tuple(found)


@dataclass(frozen=True)
class Wave:
    """One wave as recorded.

    Attributes
    ----------
    label : the period as the reports print it ("1 Nov 2025 – 31 Oct 2026").
    start, end : the period's first and last day; the pair identifies the wave.
    client : the client's name.
    run_id, run_at : the latest run of the wave and when it started (ISO text).
    status : that run's status ("ok", "failed").
    headline : the survey's NPS, CSAT and CES (:func:`cxlib.metrics.portfolio.headline_metrics`);
        None without a survey.
    results : step number -> the step's record, the latest good one of the wave.
    step_runs : step number -> the run its record comes from.
    initiatives : the roadmap of the wave's step records.
    sources : where each KPI of the records with a recognised figure takes its value from
        (:func:`kpi_source`), as recorded.
    steps_run : the steps the wave's runs set out to run on its data, finished or not; None when
        not known (a wave held only in memory, or recorded before the store kept it).
    """

    label: str
    start: dt.date
    end: dt.date
    client: str = ""
    run_id: str = ""
    run_at: str = ""
    status: str = ""
    headline: Headline | None = None
    results: Mapping[int, StepResult] = field(default_factory=dict)
    step_runs: Mapping[int, str] = field(default_factory=dict)
    initiatives: tuple[Initiative, ...] = ()
    sources: tuple[KpiSource, ...] = ()
    steps_run: frozenset[int] | None = None

    def figure(self, step: int, quantity: str) -> Figure | None:
        """The first figure of ``step``'s findings that measures ``quantity`` (case-folded), if any."""
        result = self.results.get(step)
        if result is None:
            return None
        wanted = quantity.strip().casefold()
        return next((fig for finding in result.findings for fig in finding.figures
                     if fig.quantity.strip().casefold() == wanted), None)

    def source_of(self, kpi: Kpi) -> KpiSource | None:
        """Where the wave's ``kpi`` takes its value from (:class:`KpiSource`), if recognised."""
        return next((source for source in self.sources if source.belongs_to(kpi)), None)

    def kpi_sample(self, kpi: Kpi) -> int | None:
        """How many answers a percentage KPI's baseline rests on: the sample of its own figure
        (:meth:`source_of`), or None when the figure is not recognised or does not state it."""
        if kpi.baseline is None or kpi.unit != "%":
            return None
        source = self.source_of(kpi)
        return source.n if source is not None else None

    def figure_of(self, source: KpiSource) -> Figure | None:
        """This wave's figure of the same identity as ``source`` (its step, its quantity case-folded
        and its unit), if the wave's record of that step states it."""
        found = self.figure(source.step, source.quantity)
        return found if found is not None and found.unit == source.unit else None

    def kpi_value(self, metric: str) -> Kpi | None:
        """The wave's KPI named ``metric`` (case-folded): an initiative's first, else any step
        recommendation's with a baseline."""
        wanted = metric.strip().casefold()
        for item in self.initiatives:
            if item.kpi is not None and item.kpi.metric.strip().casefold() == wanted and item.kpi.baseline is not None:
                return item.kpi
        for step in sorted(self.results):
            for rec in self.results[step].recommendations:
                if rec.kpi is not None and rec.kpi.metric.strip().casefold() == wanted and rec.kpi.baseline is not None:
                    return rec.kpi
        return None


def survey_headline(survey: pd.DataFrame | None) -> Headline | None:
    """NPS, CSAT and CES of the wave's survey, by step 7's own function; None without a survey
    or when it asks none of the three."""
    if survey is None:
        return None
    head = headline_metrics(survey)
    return head if head.responses() else None


def wave_of(data, results: Mapping[int, StepResult], *, run_id: str = "", run_at: str = "", status: str = "",
            step_runs: Mapping[int, str] | None = None, steps_run: Iterable[int] | None = None) -> Wave:
    """The wave a client's validated data and its step records make.

    Parameters
    ----------
    data : the client (:class:`cxlib.data.ClientData`), validated.
    results : step number -> the step's record.
    run_id, run_at, status : the run the wave comes from, when it comes from one.
    step_runs : step number -> the run of its record; ``run_id`` for every step when not given.
    steps_run : the steps the wave's runs set out to run, when known.
    """
    period = data.config.period
    return Wave(label=period.label(), start=period.start, end=period.end, client=data.config.name,
                run_id=run_id, run_at=run_at, status=status, headline=survey_headline(data.get("survey")),
                results=dict(results), step_runs=dict(step_runs) if step_runs is not None else
                dict.fromkeys(results, run_id),
                initiatives=roadmap(results, data.config.goals_frame()).initiatives, sources=kpi_sources(results),
                steps_run=frozenset(steps_run) if steps_run is not None else None)
