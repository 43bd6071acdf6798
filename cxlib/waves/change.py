"""What changed since the last wave: NPS with a two-sample test, each step's score then and now,
and whether the first measure of each of last wave's initiatives moved the way it aims.

The previous wave is the latest recorded wave whose period ends before the current one starts; a
run of the same period again is the same wave, never its own previous one, and a wave whose period
overlaps the current one is not compared with it (the report names it). A measure moving the
way an initiative aims goes with the initiative; it does not show the initiative moved it, so the
sentences say "the first measure of X rose", never "X raised it".
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from cxlib import wording
from cxlib.metrics.nps import NpsResult, change_between
from cxlib.metrics.portfolio import Headline
from cxlib.report.record import StepResult
from cxlib.report.verdict import Kpi
from cxlib.sections import SINCE_LAST_WAVE, Section
from cxlib.steps import STEPS
from cxlib.steps import step as registered
from cxlib.waves.wave import Wave, sample_size, survey_headline, wave_of

#: Answers each wave needs before a change of NPS or of a share is tested against chance (the rule
#: of :data:`cxlib.sections.SINCE_LAST_WAVE`, as the month-on-month NPS test asks of each month).
MIN_ANSWERS = SINCE_LAST_WAVE.min_rows

METHOD = (
    "**Since the last wave.** The last wave is the latest wave recorded for the client whose period ends "
    "before this one starts; running the same period again replaces it rather than comparing with it. "
    "NPS is compared with a two-sample z-test on the difference of the two scores (each score's variance "
    "from its shares of promoters and detractors), and a share with a known number of answers with a "
    "two-proportion z-test, both two-sided at 5%, each only when both waves have at least "
    f"{MIN_ANSWERS} answers and the finding figure the share is taken from states its answers in both. "
    "Scores, means and other figures are shown then and now without a test: the records do not keep "
    "their spread. An initiative's first measure is followed by its name, or, when this wave's "
    "recommendations no longer name it, by the finding figure its value was taken from (the same step, "
    "the same quantity of the same item); a measure found neither way is no longer tracked, and two "
    "different items are never compared. Waves whose periods overlap this one are not compared with "
    "it. A first measure that moves the way its initiative aims goes with the initiative; it does not "
    "show that the initiative moved it."
)


def previous_wave(waves: Sequence[Wave], start: dt.date) -> Wave | None:
    """The latest recorded wave whose period ends before ``start`` (the current wave's first day);
    None when there is none. A wave of the same period is not a previous wave."""
    earlier = [w for w in waves if w.end < start]
    return max(earlier, key=lambda w: (w.end, w.start, w.run_at)) if earlier else None


def first_wave_sentence(client: str) -> str:
    """The one sentence a report says when the client has no earlier wave recorded."""
    return (f"This is the first wave recorded for {client}, so there is nothing to compare yet; changes "
            "since the last wave show from the next wave.")


def _same(wave: Wave, start: dt.date, end: dt.date | None) -> bool:
    return wave.start == start and (end is None or wave.end == end)


def no_last_wave_sentence(client: str, waves: Sequence[Wave], start: dt.date, end: dt.date | None = None) -> str:
    """What a report says when :func:`previous_wave` finds no last wave for the period ``start`` to
    ``end``: that waves recorded for other periods overlap this one and are not compared (named), that
    every other wave recorded comes after it, or, with no other wave recorded, that this is the first."""
    others = sorted((w for w in waves if not _same(w, start, end)), key=lambda w: (w.start, w.end))
    overlapping = [w for w in others if w.start <= (end or start) and w.end >= start]
    if overlapping:
        names = wording.and_list([w.label for w in overlapping])
        one = len(overlapping) == 1
        return (f"The {'wave' if one else 'waves'} of {names} recorded for {client} "
                f"{'overlaps' if one else 'overlap'} this period, so {'it is' if one else 'they are'} not "
                "compared with it, and no other wave recorded ends before this one starts: there is no last "
                "wave to compare with yet.")
    if others:
        names = wording.and_list([w.label for w in others])
        return (f"No wave recorded for {client} ends before this one starts (the {'wave' if len(others) == 1 else 'waves'} "
                f"of {names} {'comes' if len(others) == 1 else 'come'} after it), so there is no last wave to compare "
                "with.")
    return first_wave_sentence(client)


# --- one measure ----------------------------------------------------------------------------------
def _digits(unit: str) -> int:
    """Decimals the reports print a value of ``unit`` with (:func:`cxlib.wording.number`)."""
    return 0 if unit in ("points", "%") else 1


@dataclass(frozen=True)
class MeasureChange:
    """One measure at the last wave and now, with a test against chance where one is possible.

    Attributes
    ----------
    name : the measure as a sentence names it ("NPS", "the share of replies that ...").
    unit : as in :class:`cxlib.report.verdict.Figure`.
    then, now : its value at the last wave and now; None where it was not measured.
    n_then, n_now : the answers each value rests on, where known.
    p_value : the two-sided p-value of the change; None when it was not tested.
    testable : a test exists for this kind of measure (NPS, or a share with its answers).
    higher_is_better : the direction an initiative aims at; None for a measure without one.
    initiative : the initiative whose first measure it is, or "".
    tracked : False when this wave no longer tracks the measure: an initiative's first measure that
        neither this wave's recommendations name nor its finding figure can be found again.
    """

    name: str
    unit: str
    then: float | None
    now: float | None
    n_then: int | None = None
    n_now: int | None = None
    p_value: float | None = None
    testable: bool = False
    higher_is_better: bool | None = None
    initiative: str = ""
    tracked: bool = True

    @property
    def untracked(self) -> bool:
        """Measured at the last wave, and no longer tracked this wave."""
        return self.then is not None and self.now is None and not self.tracked

    @property
    def measured(self) -> bool:
        return self.then is not None and self.now is not None

    @property
    def shown_change(self) -> float | None:
        """The change as printed: the difference of the two rounded values."""
        if not self.measured:
            return None
        digits = _digits(self.unit)
        return round(round(self.now, digits) - round(self.then, digits), digits)

    def moved(self) -> str:
        """"rose", "fell", "stayed level" or "not measured"."""
        change = self.shown_change
        if change is None:
            return "not measured"
        return "rose" if change > 0 else "fell" if change < 0 else "stayed level"

    @property
    def beyond_chance(self) -> bool:
        return self.p_value is not None and self.p_value < wording.ALPHA and self.moved() in ("rose", "fell")

    def aimed(self) -> bool | None:
        """Whether it moved the way its initiative aims (None: no aim, not measured or level)."""
        move = self.moved()
        if self.higher_is_better is None or move not in ("rose", "fell"):
            return None
        return (move == "rose") == self.higher_is_better

    def _value(self, value: float) -> str:
        return wording.number(value, self.unit)

    def _movement(self) -> str:
        """"rose from +18 to +26, +8 points", "stayed at 4.9 of 7"."""
        if self.moved() == "stayed level":
            return f"stayed at {self._value(self.now)}"
        text = f"{self.moved()} from {wording.span(self.then, self.now, self.unit)}"
        return text + (f", {wording.points(self.shown_change)}" if self.unit == "points" else "")

    def _test(self) -> str:
        """The test's clause: the answers and the verdict, why there is no test, or nothing."""
        if not self.testable:
            return " (not tested against chance)" if self.moved() != "stayed level" else ""
        answers = (f"{self.n_then:,} answers then and {self.n_now:,} now" if self.unit == "points" else
                   f"n = {self.n_then:,} then and {self.n_now:,} now")
        if min(self.n_then, self.n_now) < MIN_ANSWERS:
            return f" ({answers}: too few to test against chance, which needs at least {MIN_ANSWERS} a wave)"
        if self.moved() == "stayed level":
            return f" ({answers})"
        return f" ({answers}; the test needs {MIN_ANSWERS} a wave): {wording.chance(self.p_value)}"

    def sentence(self) -> str:
        """The measure then and now in one sentence, e.g. "NPS rose from +18 to +26, +8 points (4,903
        answers then and 4,911 now; the test needs 30 a wave): larger than chance." """
        name = self.name[:1].upper() + self.name[1:]
        if self.then is None:
            return f"{name} was not measured at the last wave, so its change is unknown."
        if self.untracked:
            return f"{name} is no longer tracked this wave, so its change is unknown."
        if self.now is None:
            return f"{name} is not measured in this wave, so its change is unknown."
        return f"{name} {self._movement()}{self._test()}."

    def clause(self) -> str:
        """:meth:`sentence` without its capital and full stop, to go inside another sentence."""
        text = self.sentence().rstrip(".")
        return text if self.name[:3] == "NPS" else text[:1].lower() + text[1:]

    def verdict(self) -> str:
        """The table cell: "Rose, the way it aims; larger than chance", "Not measured this wave"."""
        if self.then is None:
            return "Not measured at the last wave"
        if self.untracked:
            return "No longer tracked this wave"
        if self.now is None:
            return "Not measured this wave"
        move = self.moved()
        text = move.capitalize()
        aim = self.aimed()
        if aim is not None:
            text += ", the way it aims" if aim else ", against its aim"
        if move == "stayed level":
            return text
        if not self.testable:
            return text + "; not tested"
        if min(self.n_then, self.n_now) < MIN_ANSWERS:
            return text + "; too few answers to test"
        return text + "; " + wording.chance(self.p_value)


def nps_change(then: Headline | None, now: Headline | None) -> MeasureChange:
    """NPS at the last wave and now, tested with the two-sample test of
    :func:`cxlib.metrics.nps.change_between` when each wave has :data:`MIN_ANSWERS` answers."""
    first = then.nps if then is not None else None
    second = now.nps if now is not None else None
    return _nps_measure("NPS", first, second)


def _nps_measure(name: str, first: NpsResult | None, second: NpsResult | None, **extra) -> MeasureChange:
    if first is None or second is None:
        return MeasureChange(name, "points", first.score if first else None, second.score if second else None,
                             first.n if first else None, second.n if second else None, **extra)
    p = change_between(first, second).p_value if min(first.n, second.n) >= MIN_ANSWERS else None
    return MeasureChange(name, "points", first.score, second.score, first.n, second.n, p, True, **extra)


def share_change(name: str, then: float | None, now: float | None, n_then: int | None, n_now: int | None,
                 **extra) -> MeasureChange:
    """A percentage at the last wave and now; tested with a two-sided two-proportion z-test when
    both samples are known and each has :data:`MIN_ANSWERS` answers, otherwise shown untested."""
    testable = then is not None and now is not None and n_then is not None and n_now is not None
    p = None
    if testable and min(n_then, n_now) >= MIN_ANSWERS:
        from statsmodels.stats.proportion import proportions_ztest

        counts = [round(now * n_now / 100), round(then * n_then / 100)]
        if 0 < sum(counts) < n_now + n_then:
            p = float(proportions_ztest(counts, [n_now, n_then])[1])
        else:  # everyone or no one in both waves: no variation to test, and no change
            p = 1.0
        p = p if not math.isnan(p) else 1.0
    return MeasureChange(name, "%", then, now, n_then, n_now, p, testable, **extra)


# --- step scores ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ScoreChange:
    """One step's score and maturity at the last wave and now (None: not scored, or no record).

    ``run_then`` and ``run_now`` say whether each wave's runs set out to run the step, so a step
    without a record is told apart as not run or as not finished (None: not known).
    """

    step: int
    name: str
    then: float | None
    now: float | None
    maturity_then: str = ""
    maturity_now: str = ""
    recorded_then: bool = True
    recorded_now: bool = True
    run_then: bool | None = None
    run_now: bool | None = None

    def missing_then(self) -> str:
        """Why the last wave has no record of the step: "not run", "did not finish" or "no record"."""
        return _missing(self.run_then)

    def missing_now(self) -> str:
        """Why this wave has no record of the step, as :meth:`missing_then`."""
        return _missing(self.run_now)

    @property
    def shown_change(self) -> int | None:
        if self.then is None or self.now is None:
            return None
        return int(wording.score(self.now)) - int(wording.score(self.then))

    def clause(self) -> str:
        """"this step's score rose from 57 to 67 of 100 (Novice then, Competent now)"."""
        if not self.recorded_then:
            return {"not run": "this step was not run in the last wave",
                    "did not finish": "this step has no record from the last wave (it did not finish then)",
                    }.get(self.missing_then(), "this step has no record from the last wave")
        if not self.recorded_now:
            return {"not run": "this step was not run in this wave",
                    "did not finish": "this step has no record in this wave (it did not finish)",
                    }.get(self.missing_now(), "this step has no record in this wave")
        if self.then is None:
            return "this step could not be scored at the last wave"
        if self.now is None:
            return "this step could not be scored in this wave"
        change = self.shown_change
        if change == 0:
            text = f"this step's score stayed at {wording.score(self.now)} of 100"
        else:
            text = (f"this step's score {'rose' if change > 0 else 'fell'} from {wording.score(self.then)} to "
                    f"{wording.score(self.now)} of 100")
        if self.maturity_then != self.maturity_now:
            text += f" ({self.maturity_then} then, {self.maturity_now} now)"
        return text


def _missing(run: bool | None) -> str:
    return "no record" if run is None else "did not finish" if run else "not run"


def _ran(wave: Wave, step: int) -> bool | None:
    """Whether the wave's runs set out to run ``step`` (None: not known)."""
    return None if wave.steps_run is None else step in wave.steps_run


def score_change(step: int, then: StepResult | None, now: StepResult | None, *, run_then: bool | None = None,
                 run_now: bool | None = None) -> ScoreChange:
    """A step's score at the last wave and now, from the two records; ``run_then`` and ``run_now``
    say whether each wave set out to run the step, when known."""
    return ScoreChange(step, registered(step).short, then.score if then else None, now.score if now else None,
                       then.maturity if then else "", now.maturity if now else "", then is not None, now is not None,
                       run_then, run_now)


# --- the step reports -----------------------------------------------------------------------------
@dataclass(frozen=True)
class StepKpi:
    """The figure a step's report follows from wave to wave: a quantity its findings state
    ("{client}" stands for the client's name), and how a sentence names it."""

    quantity: str
    name: str


#: Each step's headline figure across waves; step 7 follows NPS from the survey itself, with its counts.
STEP_KPIS: dict[int, StepKpi] = {
    1: StepKpi("mean evidence score of the practices measured", "the mean evidence score of the practices"),
    2: StepKpi("social posts about {client} answered", "the share of social posts about {client} answered"),
    3: StepKpi("mean review stars", "the mean review rating"),
    4: StepKpi("channel switches where the customer repeated information",
               "the share of channel switches where the customer repeated information"),
    5: StepKpi("replies that acknowledge, take ownership and reassure",
               "the share of replies that acknowledge, take ownership and reassure"),
    6: StepKpi("staff meeting customer feedback less than monthly",
               "the share of staff meeting customer feedback less than monthly"),
    7: StepKpi("NPS", "NPS"),
}


@dataclass(frozen=True)
class StepChange:
    """A step report's block on the last wave: its score then and now, and its headline figure's.

    Attributes
    ----------
    client : the client's name.
    step : the step.
    previous : the last wave's period, or "" when this is the first wave recorded.
    score : the score then and now (None on the first wave).
    kpi : the step's headline figure then and now (None on the first wave, or when neither wave's
        record states it).
    reason : without a last wave, the sentence saying why (:func:`no_last_wave_sentence`).
    """

    client: str
    step: int
    previous: str
    score: ScoreChange | None = None
    kpi: MeasureChange | None = None
    reason: str = ""

    def headline(self) -> str:
        """One short paragraph: why there is no last wave, or the score's and the figure's change."""
        if not self.previous:
            return self.reason or first_wave_sentence(self.client)
        parts = [self.score.clause()]
        if self.kpi is not None:
            parts.append(self.kpi.clause())
        return f"Against the last wave ({self.previous}), " + "; ".join(parts) + "."


def step_change(waves: Sequence[Wave], data, result: StepResult) -> StepChange:
    """A step's change since the last wave: its score and its headline figure (:data:`STEP_KPIS`)
    against the last wave's record.

    Parameters
    ----------
    waves : the client's recorded waves (:func:`cxlib.waves.store.history`).
    data : the client (:class:`cxlib.data.ClientData`); its period picks the last wave, and its survey
        gives this wave's NPS.
    result : the step's record in this wave, as the notebook just built it.
    """
    client, period = data.config.name, data.config.period
    last = previous_wave(waves, period.start)
    if last is None:
        return StepChange(client, result.step, "", reason=no_last_wave_sentence(client, waves, period.start, period.end))
    then = last.results.get(result.step)
    score = score_change(result.step, then, result, run_then=_ran(last, result.step), run_now=True)
    kpi = STEP_KPIS.get(result.step)
    measure = None
    if kpi is not None and result.step == 7:
        now = survey_headline(data.get("survey"))
        old, new = (last.headline.nps if last.headline else None), (now.nps if now else None)
        if old is not None or new is not None:
            measure = _nps_measure(kpi.name, old, new)
    elif kpi is not None:
        quantity, name = kpi.quantity.format(client=client), kpi.name.format(client=client)
        current = Wave("", data.config.period.start, data.config.period.end, results={result.step: result})
        old, new = last.figure(result.step, quantity), current.figure(result.step, quantity)
        if old is not None or new is not None:
            measure = _figure_change(name, old, new)
    return StepChange(client, result.step, last.label, score, measure)


def step_since_last_wave(waves: Sequence[Wave], data, result: StepResult) -> Section:
    """A step report's section on the last wave: its :class:`StepChange` (see :func:`step_change`),
    or, without a last wave, the one sentence saying why (:func:`no_last_wave_sentence`)."""
    change = step_change(waves, data, result)
    if not change.previous:
        return Section(SINCE_LAST_WAVE, None, change.headline())
    return Section(SINCE_LAST_WAVE, change)


def _figure_change(name: str, old, new, **extra) -> MeasureChange:
    unit = (new or old).unit
    then, now = (old.value if old else None), (new.value if new else None)
    if unit == "%":
        return share_change(name, then, now, sample_size(old.population) if old else None,
                            sample_size(new.population) if new else None, **extra)
    return MeasureChange(name, unit, then, now, **extra)


# --- the engagement report ------------------------------------------------------------------------
_NPS_NAMES = {"nps", "net promoter score", "net promoter score (nps)"}


def kpi_change(initiative: str, kpi: Kpi, last: Wave, current: Wave) -> MeasureChange:
    """Where the first measure of one of last wave's initiatives stood then and stands now.

    NPS is taken from the two waves' surveys and tested. Any other measure is this wave's KPI of the
    same name; when this wave's recommendations no longer name it (a KPI exists only while a move is
    still recommended, and many name their item: "SIM activation rated 1-2 of 5"), it is the figure
    of this wave's record of the same step and quantity as the figure the KPI was taken from at the
    last wave (:class:`cxlib.waves.wave.KpiSource`); found neither way, it is no longer tracked. A
    share is tested only when each value's own figure states its answers; otherwise it is shown then
    and now, not tested against chance.
    """
    name = kpi.metric[:1].lower() + kpi.metric[1:] if not kpi.metric[:2].isupper() else kpi.metric
    extra = {"higher_is_better": kpi.higher_is_better, "initiative": initiative}
    if kpi.metric.strip().casefold() in _NPS_NAMES:
        return _nps_measure(name, last.headline.nps if last.headline else None,
                            current.headline.nps if current.headline else None, **extra)
    now, n_now, tracked = None, None, True
    found = current.kpi_value(kpi.metric)
    source = last.source_of(kpi)
    if found is not None:
        now, n_now = found.baseline, current.kpi_sample(found)
    elif source is not None and (figure := current.figure_of(source)) is not None:
        now, n_now = figure.value, sample_size(figure.population)
    else:
        tracked = False
    if kpi.unit == "%":
        return share_change(name, kpi.baseline, now, last.kpi_sample(kpi), n_now, tracked=tracked, **extra)
    return MeasureChange(name, kpi.unit, kpi.baseline, now, tracked=tracked, **extra)


@dataclass(frozen=True)
class WaveChange:
    """The engagement since the last wave.

    Attributes
    ----------
    client : the client's name.
    previous, current : the two waves' periods.
    nps : NPS then and now, with its test.
    scores : each step's score then and now, steps 1-7.
    initiatives : the first measure of each of last wave's initiatives, then and now.
    """

    client: str
    previous: str
    current: str
    nps: MeasureChange
    scores: tuple[ScoreChange, ...]
    initiatives: tuple[MeasureChange, ...]

    def headline(self) -> str:
        """The section's finding: NPS since the last wave, and how last wave's initiatives' first
        measures moved."""
        if self.nps.measured:
            return f"Against the last wave ({self.previous}), {self.nps.clause()}. {self.initiatives_headline()}"
        return f"The last wave recorded is {self.previous}. {self.nps.sentence()} {self.initiatives_headline()}"

    def initiatives_headline(self) -> str:
        """"Of the first measures of last wave's 10 initiatives, 4 moved the way their initiatives aim
        (1 by more than chance), 1 moved against its initiative's aim, 3 stayed level, 1 is no longer
        tracked this wave and 1 was not measured at the last wave." """
        items = self.initiatives
        if not items:
            return "Last wave's roadmap had no initiative with a first measure to follow."
        aimed = [m for m in items if m.aimed() is True]
        against = [m for m in items if m.aimed() is False]
        level = [m for m in items if m.measured and m.moved() == "stayed level"]
        moved_free = [m for m in items if m.measured and m.moved() != "stayed level" and m.aimed() is None]
        untracked = [m for m in items if m.untracked]
        gone = [m for m in items if m.then is not None and m.now is None and not m.untracked]
        before = [m for m in items if m.then is None]

        def beyond(group: list[MeasureChange]) -> str:
            count = sum(m.beyond_chance for m in group)
            return f" ({count} by more than chance)" if count else ""

        parts = []
        if aimed:
            aim = "its initiative aims" if len(aimed) == 1 else "their initiatives aim"
            parts.append(f"{len(aimed)} moved the way {aim}" + beyond(aimed))
        if against:
            aim = "its initiative's aim" if len(against) == 1 else "their initiatives' aims"
            parts.append(f"{len(against)} moved against {aim}" + beyond(against))
        if moved_free:
            parts.append(f"{len(moved_free)} moved")
        if level:
            parts.append(f"{len(level)} stayed level")
        if untracked:
            parts.append(f"{len(untracked)} {'is' if len(untracked) == 1 else 'are'} no longer tracked this wave")
        if gone:
            parts.append(f"{len(gone)} {'is' if len(gone) == 1 else 'are'} not measured this wave")
        if before:
            parts.append(f"{len(before)} {'was' if len(before) == 1 else 'were'} not measured at the last wave")
        n = len(items)
        return (f"Of the first measures of last wave's {n} initiative{'s' if n != 1 else ''}, "
                f"{wording.and_list(parts)}.")

    def scores_table(self) -> pd.DataFrame:
        """Each step's score and maturity at the last wave and now."""
        def shown(value, recorded=True, missing="no record"):
            if not recorded:
                return missing
            return "not scored" if value is None else wording.score(value)

        rows = [{"Step": f"{s.step}. {s.name}", "Last wave": shown(s.then, s.recorded_then, s.missing_then()),
                 "This wave": shown(s.now, s.recorded_now, s.missing_now()), "Change": wording.DASH if s.shown_change is None
                 else wording.signed(s.shown_change),
                 "Maturity then": s.maturity_then or wording.DASH, "Maturity now": s.maturity_now or wording.DASH}
                for s in self.scores]
        return pd.DataFrame(rows, columns=["Step", "Last wave", "This wave", "Change", "Maturity then",
                                           "Maturity now"])

    def initiatives_table(self) -> pd.DataFrame:
        """Last wave's initiatives: the first measure, its value then and now, and how it moved."""
        def shown(m: MeasureChange, value, gone="not measured"):
            return gone if value is None else wording.number(value, m.unit)

        rows = [{"Initiative (last wave)": m.initiative, "First measure": m.name[:1].upper() + m.name[1:],
                 "Last wave": shown(m, m.then),
                 "This wave": shown(m, m.now, "no longer tracked" if m.untracked else "not measured"),
                 "How it moved": m.verdict()}
                for m in self.initiatives]
        return pd.DataFrame(rows, columns=["Initiative (last wave)", "First measure", "Last wave", "This wave",
                                           "How it moved"])


def wave_change(last: Wave, current: Wave) -> WaveChange:
    """Compare this wave with the last one (both :class:`cxlib.waves.wave.Wave`)."""
    scores = tuple(score_change(s.number, last.results.get(s.number), current.results.get(s.number),
                                run_then=_ran(last, s.number), run_now=_ran(current, s.number))
                   for s in STEPS if s.number in last.results or s.number in current.results)
    initiatives = tuple(kpi_change(item.name, item.kpi, last, current) for item in last.initiatives
                        if item.kpi is not None)
    return WaveChange(current.client, last.label, current.label, nps_change(last.headline, current.headline),
                      scores, initiatives)


def since_last_wave(waves: Sequence[Wave], data, results: Mapping[int, StepResult]) -> Section:
    """The engagement report's section on the last wave: a :class:`WaveChange`, or, without a last
    wave, the one sentence saying why (:func:`no_last_wave_sentence`).

    Parameters
    ----------
    waves : the client's recorded waves (:func:`cxlib.waves.store.history`).
    data : the client (:class:`cxlib.data.ClientData`), this wave's data.
    results : this wave's step records, by step number.
    """
    period = data.config.period
    last = previous_wave(waves, period.start)
    if last is None:
        return Section(SINCE_LAST_WAVE, None, no_last_wave_sentence(data.config.name, waves, period.start, period.end))
    return Section(SINCE_LAST_WAVE, wave_change(last, wave_of(data, results)))
