"""The journey map: every stage and touchpoint with its volume, satisfaction and effort, and reach.

A touchpoint event may carry a satisfaction rating (1-5, higher is better) and an effort rating
(1-7, higher is more effort). Means come with a t interval. A touchpoint is a *hot spot* when its
mean satisfaction is below 3 of 5 or its mean effort is 5 of 7 or more, on at least ``min_rated``
ratings. Reach follows the people who entered the journey at its first stage (the acquisition
cohort) early enough to have had the time to buy before the log ends: who of them got to each stage,
and how many of those who reached a stage went further.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from cxlib.data.schemas import STAGES as CONTRACT_STAGES
from cxlib.report.verdict import Figure, Finding
from cxlib.wording import date

STAGES = CONTRACT_STAGES  # the seven stages of the data contract, in textbook order
FUNNEL = ("awareness", "consideration", "purchase", "onboarding", "usage")
HOT_SATISFACTION = 3.0  # a mean below this is a hot spot
HOT_EFFORT = 5.0        # a mean at or above this is a hot spot
MIN_RATED = 30          # ratings a touchpoint or stage needs before its mean is compared
MIN_PEOPLE = 30         # people a stage of the funnel needs before its drop is compared
HOT_SPOT_FORMATS = {"Events": "{:,.0f}", "Satisfaction (1-5)": "{:.1f}", "Satisfied (4-5)": "{:.0f}%",
                    "Effort (1-7)": "{:.1f}"}
MAP_COLUMNS = ["stage", "touchpoint", "events", "people", "satisfaction_n", "satisfaction",
               "satisfaction_low", "satisfaction_high", "satisfied_share", "effort_n", "effort",
               "effort_low", "effort_high", "hot_spot"]


def _stage_order(stages: pd.Series) -> pd.Series:
    """Position of each stage in :data:`STAGES` (unknown stages after the known ones)."""
    return stages.map({s: i for i, s in enumerate(STAGES)}).fillna(len(STAGES)).astype(int)


def mean_interval(values: pd.Series, level: float = 0.95) -> tuple[float, float, float, int]:
    """Mean with a t interval: (mean, low, high, n); missing values ignored.

    Parameters
    ----------
    values : numeric ratings.
    level : confidence level.

    Returns
    -------
    tuple
        ``mean +/- t(level, n - 1) * sd / sqrt(n)``; the interval is NaN with fewer than two
        values and everything is NaN (n = 0) without values.
    """
    x = pd.to_numeric(values, errors="coerce").astype(float).dropna()
    n = len(x)
    if n == 0:
        return math.nan, math.nan, math.nan, 0
    mean = float(x.mean())
    if n < 2:
        return mean, math.nan, math.nan, n
    half = float(stats.t.ppf(0.5 + level / 2, n - 1)) * float(x.std(ddof=1)) / math.sqrt(n)
    return mean, mean - half, mean + half, n


def _ratings(journey: pd.DataFrame) -> pd.DataFrame:
    # a rating nobody gave is dropped at load: it is then a column of missing values here
    return journey.assign(**{c: pd.to_numeric(journey[c], errors="coerce").astype(float) if c in journey
                             else np.nan for c in ("satisfaction", "effort")})


@dataclass(frozen=True)
class JourneyMap:
    """The journey map: one row per touchpoint (``table``) and per stage (``stages``)."""

    table: pd.DataFrame
    stages: pd.DataFrame
    min_rated: int
    surveyed: int | None = None  # customers with an NPS answer (None without a survey to link to)
    linked: int = 0              # of them, with a rated touchpoint before their latest answer

    @property
    def hot_spots(self) -> pd.DataFrame:
        """The hot-spot touchpoints, highest effort first."""
        return (self.table[self.table["hot_spot"]]
                .sort_values("effort", ascending=False, kind="stable").reset_index(drop=True))

    @property
    def satisfied_share(self) -> float:
        """Share (%) of all satisfaction ratings that are 4-5 of 5."""
        rated = self.table[self.table["satisfaction_n"] > 0]
        total = rated["satisfaction_n"].sum()
        if not total:
            return math.nan
        return float((rated["satisfied_share"] * rated["satisfaction_n"]).sum() / total)

    @property
    def ratings(self) -> int:
        """Number of satisfaction ratings."""
        return int(self.table["satisfaction_n"].sum())

    def hot_spot_table(self) -> pd.DataFrame:
        """The hot spots as a client reads them, highest effort first."""
        rows = self.hot_spots
        return pd.DataFrame({
            "Stage": [str(s).capitalize() for s in rows["stage"]],
            "Touchpoint": rows["touchpoint"].to_numpy(),
            "Events": rows["events"].to_numpy(),
            "Satisfaction (1-5)": rows["satisfaction"].to_numpy(),
            "Satisfied (4-5)": rows["satisfied_share"].to_numpy(),
            "Effort (1-7)": rows["effort"].to_numpy(),
        })

    def title(self) -> str:
        """An action title for the journey map."""
        stage = self.hardest_stage()
        if stage is None:
            return "The customer journey, stage by stage"
        return f"{str(stage['stage']).capitalize()} is where the journey is hardest"

    def hardest_stage(self) -> pd.Series | None:
        """The stage with the highest mean effort, among stages with ``min_rated`` effort ratings."""
        rated = self.stages[self.stages["effort_n"] >= self.min_rated]
        return None if rated.empty else rated.sort_values("effort", ascending=False, kind="stable").iloc[0]

    def headline(self) -> str:
        stage = self.hardest_stage()
        rated = self.table[self.table["effort_n"] >= self.min_rated]
        hardest = rated.sort_values("effort", ascending=False, kind="stable").head(2)
        scored = self.table[self.table["satisfaction_n"] >= self.min_rated]
        lowest = scored.sort_values("satisfaction", kind="stable").iloc[0] if len(scored) else None
        if stage is None:
            text = (f"The journey log records {int(self.table['events'].sum()):,} events at "
                    f"{len(self.table):,} touchpoints; no stage has {self.min_rated} effort ratings, so none "
                    "can be called the hardest")
        else:
            text = (f"{str(stage['stage']).capitalize()} is the hardest stage of the journey "
                    f"(mean effort {stage['effort']:.1f} of 7 over {int(stage['effort_n']):,} ratings)")
        if len(hardest):
            names = " and ".join(f"{r.touchpoint} ({r.effort:.1f})" for r in hardest.itertuples())
            text += f"; the hardest touchpoints are {names}"
        if lowest is not None:
            text += (f"; the lowest-rated is {lowest['touchpoint']} "
                     f"(satisfaction {lowest['satisfaction']:.1f} of 5)")
        return text + "."


def journey_map(journey: pd.DataFrame, *, survey: pd.DataFrame | None = None, min_rated: int = MIN_RATED,
                level: float = 0.95) -> JourneyMap:
    """Volume, satisfaction and effort per stage and touchpoint.

    Parameters
    ----------
    journey : one row per touchpoint event (customer_id, stage, touchpoint, satisfaction,
        effort).
    survey : optional responses (customer_id, responded_at, nps), to count how many surveyed
        customers rated a touchpoint before their latest answer (``surveyed``, ``linked``).
    min_rated : a touchpoint needs this many ratings to be called a hot spot, a stage this many
        effort ratings to be called the hardest.
    level : confidence level of the intervals of the means.

    Returns
    -------
    JourneyMap
        ``table`` (columns :data:`MAP_COLUMNS`, in stage order then by events) and ``stages``
        (stage, events, people, satisfaction, satisfaction_n, effort, effort_n, touchpoints). A
        hot spot has a mean satisfaction below 3 or a mean effort of 5 or more, on at least
        ``min_rated`` ratings of that kind. ``satisfied_share`` is the percentage of 4-5 ratings.
    """
    if journey.empty:
        raise ValueError("the journey has no events")
    data = _ratings(journey)
    rows = []
    for (stage, touchpoint), group in data.groupby(["stage", "touchpoint"], sort=False):
        sat, sat_low, sat_high, sat_n = mean_interval(group["satisfaction"], level)
        eff, eff_low, eff_high, eff_n = mean_interval(group["effort"], level)
        satisfied = (100 * float((group["satisfaction"].dropna() >= 4).mean())
                     if sat_n else math.nan)
        hot = ((sat_n >= min_rated and sat < HOT_SATISFACTION)
               or (eff_n >= min_rated and eff >= HOT_EFFORT))
        rows.append((stage, touchpoint, len(group), group["customer_id"].nunique(), sat_n, sat,
                     sat_low, sat_high, satisfied, eff_n, eff, eff_low, eff_high, bool(hot)))
    table = pd.DataFrame(rows, columns=MAP_COLUMNS)
    table = (table.assign(_order=_stage_order(table["stage"]))
             .sort_values(["_order", "events"], ascending=[True, False], kind="stable")
             .drop(columns="_order").reset_index(drop=True))
    stages = data.groupby("stage", sort=False).agg(
        events=("stage", "size"), people=("customer_id", "nunique"),
        satisfaction=("satisfaction", "mean"), satisfaction_n=("satisfaction", "count"),
        effort=("effort", "mean"), effort_n=("effort", "count"),
        touchpoints=("touchpoint", "nunique")).reset_index()
    stages = (stages.assign(_order=_stage_order(stages["stage"])).sort_values("_order")
              .drop(columns="_order").reset_index(drop=True))
    surveyed, linked = survey_link(journey, survey)
    return JourneyMap(table=table, stages=stages, min_rated=min_rated, surveyed=surveyed, linked=linked)


def survey_link(journey: pd.DataFrame, survey: pd.DataFrame | None) -> tuple[int | None, int]:
    """(surveyed customers, of them linked to a rated touchpoint before their latest NPS answer).

    ``surveyed`` is None without a survey; it is 0 when the survey has no customer id, dates or
    NPS answers to link by.
    """
    if survey is None:
        return None, 0
    if not {"customer_id", "responded_at", "nps"} <= set(survey.columns) or "customer_id" not in journey:
        return 0, 0
    from cxlib.journey.moments import (  # moments builds on this module
        latest_nps,
        rated_before,
    )

    answers = latest_nps(survey.dropna(subset=["customer_id"]))
    return len(answers), int(rated_before(journey, answers)["customer_id"].nunique())


BUY_SHARE = 0.9          # the window gives this share of the buyers the time they took to buy
DEFAULT_WINDOW_DAYS = 60  # the window when too few people bought to read it from the data


def _first_events(journey: pd.DataFrame) -> pd.DataFrame:
    """Each person's first event: stage and occurred_at (ties in time keep the file order)."""
    # sort only the three columns needed, on integer codes: sorting the whole log by its string
    # ids cost more than everything else in the reach and window
    events = journey.loc[journey["customer_id"].notna(), ["customer_id", "stage", "occurred_at"]]
    when = pd.to_datetime(events["occurred_at"])
    person, people = pd.factorize(events["customer_id"], sort=True)
    codes, uniques = pd.factorize(when, sort=True)
    time_rank = np.where(codes < 0, len(uniques), codes)  # no time sorts last, as sort_values puts it
    order = np.lexsort((time_rank, person))  # stable: ties in time keep the file order
    ordered = pd.DataFrame({"stage": events["stage"].iloc[order].reset_index(drop=True),
                            "occurred_at": when.iloc[order].reset_index(drop=True)})
    first = ordered.groupby(person[order], sort=True).first()
    first.index = pd.Index(np.asarray(people, dtype=object)[first.index], name="customer_id")
    return first


@dataclass(frozen=True)
class Window:
    """Who had the time to get through the funnel: people first seen on or before ``seen_by``.

    ``days`` is the time within which :data:`BUY_SHARE` of the entry cohort's buyers first
    reached the buying stage (``buyers`` of them), counted back from the log's last event; with
    fewer than ``min_buyers`` buyers it is :data:`DEFAULT_WINDOW_DAYS`.
    """

    days: int
    seen_by: pd.Timestamp
    log_end: pd.Timestamp
    buyers: int
    min_buyers: int = 1
    buy_stage: str = FUNNEL[2]

    @property
    def from_data(self) -> bool:
        """Whether the window was read from the buyers' own times (else it is the default)."""
        return self.buyers >= self.min_buyers

    def basis(self) -> str:
        """Why people first seen by then had the time: '9 in 10 buyers took 155 days or less'."""
        if self.from_data:
            return f"{round(BUY_SHARE * 10)} in 10 buyers took {self.days:,} days or less"
        return f"at least {self.days:,} days before the log ends"


def buying_window(journey: pd.DataFrame, *, entry: str = STAGES[0], buy_stage: str = FUNNEL[2],
                  share: float = BUY_SHARE, min_buyers: int = MIN_PEOPLE,
                  default_days: int = DEFAULT_WINDOW_DAYS) -> Window:
    """How early a person must have been first seen to have had the time to buy before the log ends.

    Someone first seen a week before the log ends has had no time to buy: counting them as not
    having bought would inflate every drop of the funnel. The window is the time within which
    ``share`` of the entry cohort's buyers first reached ``buy_stage``, rounded up to whole days.

    Parameters
    ----------
    journey : touchpoint events (customer_id, occurred_at, stage).
    entry : the entry cohort is everyone whose first event is at this stage.
    buy_stage : the stage that counts as buying.
    share : the share of the buyers whose time to buy the window covers.
    min_buyers : with fewer buyers than this, the window is ``default_days``.
    default_days : the window when it cannot be read from the data.

    Returns
    -------
    Window
        ``seen_by`` is the log's last event less ``days``; people first seen after it are left out.
    """
    log_end = pd.to_datetime(journey["occurred_at"]).max()
    first = _first_events(journey)
    cohort = first[first["stage"] == entry]
    bought = journey[(journey["stage"] == buy_stage) & journey["customer_id"].isin(cohort.index)]
    when = pd.to_datetime(bought["occurred_at"]).groupby(bought["customer_id"]).min()
    took = (when - cohort["occurred_at"].reindex(when.index)).dt.total_seconds() / 86400
    took = took[took >= 0]
    if len(took) >= min_buyers:
        days = max(int(math.ceil(float(took.quantile(share)))), 1)
    else:
        days = default_days
    return Window(days=days, seen_by=log_end - pd.Timedelta(days=days), log_end=log_end, buyers=len(took),
                  min_buyers=min_buyers, buy_stage=buy_stage)


def entry_cohort(journey: pd.DataFrame, entry: str = STAGES[0], window: Window | None = None) -> int:
    """How many people's first event is at ``entry`` early enough to have had the time to buy (the
    cohort :func:`stage_reach` follows; ``window`` by default :func:`buying_window`)."""
    if journey.empty:
        return 0
    window = window or buying_window(journey, entry=entry)
    first = _first_events(journey)
    return int(((first["stage"] == entry) & (first["occurred_at"] <= window.seen_by)).sum())


@dataclass(frozen=True)
class Reach:
    """Who of the people entering at the first stage, early enough to have had the time to buy,
    reached each stage, and the drop between."""

    table: pd.DataFrame
    entry: str
    cohort: int
    min_people: int = 1
    window: Window | None = None
    entered: int = 0  # everyone first seen at ``entry``, including those too recent to follow

    def largest_drop(self) -> pd.Series | None:
        """The funnel step that loses the largest share of the people who reached its first stage
        (among steps whose first stage ``min_people`` reached)."""
        steps = self.table.dropna(subset=["continued_share"])
        steps = steps[steps["people"] >= self.min_people]
        if steps.empty:
            return None
        return steps.sort_values("drop_share", ascending=False, kind="stable").iloc[0]

    def title(self) -> str:
        """An action title for the reach exhibit."""
        drop = self.largest_drop()
        if drop is None:
            return "How far people get"
        return f"The journey leaks most between {drop['stage']} and {drop['next_stage']}"

    def who(self) -> str:
        """The cohort in words: 'people first seen at awareness by 29 May 2026'."""
        if self.window is None:
            return f"people first seen at {self.entry}"
        return f"people first seen at {self.entry} by {date(self.window.seen_by)}"

    def _opening(self) -> str:
        """'Of the 1,309 people first seen at awareness by 29 May 2026 (in time to buy: ...)'."""
        text = f"Of the {self.cohort:,} {self.who()}"
        if self.window is not None:
            text += f" (in time to buy: {self.window.basis()})"
        return text

    def finding(self) -> Finding | None:
        """The largest funnel drop as step 3 states it, with its figures; None without one."""
        drop = self.largest_drop()
        if drop is None:
            return None
        people = int(drop["people"])
        return Finding(
            f"{self._opening()}, the largest drop is at {drop['next_stage']}: {drop['drop_share']:.0f}% of the "
            f"{people:,} who reached {drop['stage']} never reached it or a later stage.",
            (Figure(f"{self.who()}", self.cohort, "people", "journey log"),
             Figure(f"dropped out between {drop['stage']} and {drop['next_stage']}", drop["drop_share"], "%",
                    f"journey log, {self.who()} who reached {drop['stage']} (n = {people:,})")),
            "cxlib.journey.mapping.stage_reach", "journey")

    def drop_clause(self) -> str:
        """'63% of the 958 people first seen at awareness by 28 May 2026 who reached consideration never
        got to purchase'."""
        drop = self.largest_drop()
        return (f"{drop['drop_share']:.0f}% of the {int(drop['people']):,} {self.who()} who reached "
                f"{drop['stage']} never got to {drop['next_stage']}")

    def headline(self) -> str:
        drop = self.largest_drop()
        if drop is None:
            return (f"{self._opening()}, too few reached a stage of the way to first use "
                    f"({self.min_people} or more) to compare where they drop out.")
        share = self.table.set_index("stage")["share"]
        # a buyer may have no consideration on record, so the two shares do not chain into the drop
        bought = f" and {share.get('purchase', 0):.0f}% bought, by any route" if "purchase" in share else ""
        return (f"{self._opening()}, {share.get(FUNNEL[1], 0):.0f}% reached {FUNNEL[1]}{bought}; the largest "
                f"drop is from {drop['stage']} to {drop['next_stage']}: {drop['drop_share']:.0f}% of the "
                f"{int(drop['people']):,} who reached {drop['stage']} reached no later stage.")


def stage_reach(journey: pd.DataFrame, *, entry: str = STAGES[0], funnel: tuple[str, ...] = FUNNEL,
                min_people: int = MIN_PEOPLE, window: Window | None = None) -> Reach:
    """Share of the people entering at ``entry`` who reached each stage, and the funnel drop-off.

    Only people first seen early enough to have had the time to buy are followed (``window``, by
    default :func:`buying_window`): someone first seen in the log's last weeks has not yet had the
    chance to get far, and would be counted as a drop-out.

    Parameters
    ----------
    journey : touchpoint events (customer_id, occurred_at, stage).
    entry : the cohort is everyone whose first event is at this stage, on or before
        ``window.seen_by``.
    funnel : the stages taken as a funnel, in order; the drop is computed between consecutive
        ones.
    min_people : a funnel stage needs this many people before its drop is compared.
    window : who had the time; :func:`buying_window` of the journey by default.

    Returns
    -------
    Reach
        ``table`` with one row per stage of :data:`STAGES`: ``stage``, ``people`` (cohort members
        with at least one event there), ``share`` (% of the cohort) and, for funnel stages but the
        last, ``next_stage``, ``continued`` (of those, how many ever reached the next funnel stage
        or a later one), ``continued_share`` and ``drop_share`` (both % of ``people``). The
        largest drop is looked for among stages at least ``min_people`` reached.
    """
    window = window or buying_window(journey, entry=entry, buy_stage=funnel[2] if len(funnel) > 2 else funnel[-1])
    first = _first_events(journey)
    entering = first[first["stage"] == entry]
    cohort = entering.index[entering["occurred_at"] <= window.seen_by]
    mine = journey[journey["customer_id"].isin(cohort)]
    seen = mine.groupby("stage")["customer_id"].unique()
    reached = {s: set(seen.get(s, [])) for s in STAGES}
    rows = []
    for stage in STAGES:
        people = len(reached[stage])
        row = {"stage": stage, "people": people,
               "share": 100 * people / len(cohort) if len(cohort) else math.nan,
               "next_stage": None, "continued": math.nan, "continued_share": math.nan,
               "drop_share": math.nan}
        if stage in funnel[:-1] and people:
            later = set().union(*(reached[s] for s in funnel[funnel.index(stage) + 1:]))
            continued = len(reached[stage] & later)
            row.update(next_stage=funnel[funnel.index(stage) + 1], continued=continued,
                       continued_share=100 * continued / people,
                       drop_share=100 * (1 - continued / people))
        rows.append(row)
    return Reach(table=pd.DataFrame(rows), entry=entry, cohort=len(cohort), min_people=min_people,
                 window=window, entered=len(entering))
