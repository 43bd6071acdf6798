"""Continuity: when a customer switches channel, do we pick up where they left off?

A *switch* is a contact whose ``previous_channel`` is set and differs from its channel. For the
switches where ``repeated_info`` was recorded we measure how often the customer had to repeat
information, how that goes with the chance the contact resolved the issue (difference of two
proportions with a Newcombe 95% interval and a two-sided z test) and how the customers who had to
repeat themselves score us.

The survey link is per customer and per answer: only answers given within
:data:`AFTER_SWITCH_DAYS` days after one of the customer's recorded switches count, because an
answer given before a switch cannot reflect it, and one given months later reflects much else. A
customer is in the *repeated* group when a switch in those days before the answer made them repeat
information, otherwise in the *carried over* group; each customer's latest such answer gives their
CES and NPS. Groups are compared with Welch's t test (CES, with a 95% interval of the difference)
and the two-sample NPS z test. This is an association: it says who the customers who repeat
themselves are, not that repeating alone caused their score.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    test_proportions_2indep,
)

from cxlib.metrics.nps import NpsResult, nps, nps_change
from cxlib.metrics.satisfaction import ces as ces_score
from cxlib.omnichannel.channels import MIN_CASES, label, normalise
from cxlib.report.verdict import Figure, Finding
from cxlib.wording import ALPHA, chance, p_value as p_text, signed

MIN_SWITCHES = 20  # per channel, below this the channel's repeat share is not shown
PATHS_SHOWN = 6    # the most frequent switches the report lists
# A survey answer speaks for a switch when given this many days after it, at most: long enough for
# a survey sent after the contact to come back, short enough that little else happened in between.
AFTER_SWITCH_DAYS = 30
# How the report writes the columns of ContinuityResult.paths_shown().
TABLE_FORMATS = {"Had to repeat": "{:.0%}", "Switches": "{:,.0f}"}
ASSOCIATION = ("Customers who had to repeat themselves may differ in other ways too, so the data alone cannot "
               "say how much of a gap repeating caused.")


@dataclass(frozen=True)
class ScoreGap:
    """A survey score of customers who repeated information against those who did not.

    ``repeated`` and ``carried`` are the two groups' scores with their own 95% ranges
    (``repeated_low`` ...); ``diff`` is repeated minus carried over, ``low``-``high`` its 95% interval
    and ``p_value`` the test's (Welch's t for CES, the two-sample z test for NPS).
    """

    metric: str
    repeated: float
    carried: float
    n_repeated: int
    n_carried: int
    diff: float      # repeated minus carried over
    low: float
    high: float
    p_value: float
    repeated_low: float = np.nan
    repeated_high: float = np.nan
    carried_low: float = np.nan
    carried_high: float = np.nan

    @property
    def larger_than_chance(self) -> bool:
        return bool(self.p_value < ALPHA)


@dataclass(frozen=True)
class SwitchScores:
    """The survey scores, given within ``days`` after a switch, of customers who had to repeat information
    against the rest.

    ``answered`` customers answered within the window (``n_repeated`` of them had to repeat information,
    ``n_carried`` did not); ``surveyed`` customers with a recorded switch answered the survey at all.
    ``ces`` or ``nps`` is None when either group has fewer than ``min_group`` answers of it.
    """

    ces: ScoreGap | None
    nps: ScoreGap | None
    days: int = AFTER_SWITCH_DAYS
    answered: int = 0
    n_repeated: int = 0
    n_carried: int = 0
    surveyed: int = 0
    min_group: int = MIN_CASES

    def headline(self) -> str:
        """The gap in CES and NPS, worded as an association, with what the answers are."""
        if self.ces is None and self.nps is None:
            return self.too_few()
        larger = any(g is not None and g.larger_than_chance for g in (self.ces, self.nps))
        return f"{_score_sentence(self)} {ASSOCIATION}" if larger else _score_sentence(self)

    def too_few(self) -> str:
        """Why the scores cannot be compared: how many answered after a switch, against the minimum."""
        if min(self.n_repeated, self.n_carried) >= self.min_group:
            return ("The scores of customers who had to repeat themselves cannot be compared: the answers they gave "
                    f"within {self.days} days after a switch carry too few CES or NPS ratings.")
        return (f"The scores of customers who had to repeat themselves cannot be compared: only answers given "
                f"within {self.days} days after a switch can reflect it, and {self.n_repeated:,} customers who "
                f"repeated information and {self.n_carried:,} who did not gave one, where each group needs "
                f"{self.min_group}.")

    def method(self) -> str:
        """The tests behind the comparison, for the appendix."""
        if self.ces is None and self.nps is None:
            return self.too_few()
        parts = []
        for gap, name, digits in ((self.ces, "CES", 1), (self.nps, "NPS", 0)):
            if gap is not None:
                test = "Welch's t test" if gap.metric == "ces" else "two-sample z test of NPS"
                parts.append(f"{name} gap {signed(gap.diff, digits)} (95% interval {signed(gap.low, digits)} to "
                             f"{signed(gap.high, digits)}; {test}, {p_text(gap.p_value)})")
        return (f"Survey answers of customers who switched channel, given 0-{self.days} days after a switch with "
                f"repeated information recorded; one answer per customer, the latest ({self.answered:,} of "
                f"{self.surveyed:,} surveyed customers who switched): " + "; ".join(parts) + ".")


def _score_sentence(scores: SwitchScores) -> str:
    """How customers who had to repeat themselves score us, from answers given soon after the switch."""
    ces, nps = scores.ces, scores.nps
    parts = []
    if ces is not None:
        # CES counts only the answers with an ease rating, which may be fewer than the answers
        parts.append(f"those who had to repeat information rate ease (CES, 7 = easiest) {ces.repeated:.1f} of 7 "
                     f"({ces.n_repeated:,} customers with a rating), those who did not {ces.carried:.1f} "
                     f"({ces.n_carried:,}), a gap {chance(ces.p_value)}")
    if nps is not None:
        same = ces is not None and ces.larger_than_chance == nps.larger_than_chance
        parts.append((f"their NPS is {signed(nps.repeated)}" if ces is not None else
                      f"those who had to repeat information give an NPS of {signed(nps.repeated)}")
                     + f" against {signed(nps.carried)}"
                     + (f" ({nps.n_repeated:,} and {nps.n_carried:,} customers)" if ces is None else "")
                     + f", {'also ' if same else 'a gap '}{chance(nps.p_value)}")
    text = "; ".join(parts)
    return (f"Only answers given within {scores.days} days after a switch can reflect it; {scores.answered:,} of "
            f"{scores.surveyed:,} surveyed customers who switched gave one. {text[:1].upper()}{text[1:]}.")


@dataclass(frozen=True)
class ContinuityResult:
    """Switches, how often information had to be repeated, and what goes with it.

    ``resolution`` has one row per group (``repeated``, ``carried over``): contacts, resolved,
    share, low, high. ``resolution_diff`` (repeated minus carried over, 0-1) has a Newcombe
    interval and a z-test p-value. ``by_channel`` gives, per channel switched *to*, the switches
    recorded and the share with repeated information (channels with too few switches left out).
    ``paths`` counts the switches per from -> to pair, most frequent first. ``scores`` compares the
    survey answers given soon after a switch (None without a survey); ``ces`` and ``nps`` are its
    gaps, None without enough answers in both groups.
    """

    switches: int
    recorded: int
    repeated: int
    repeat_share: float
    repeat_low: float
    repeat_high: float
    resolution: pd.DataFrame
    resolution_diff: float
    resolution_low: float
    resolution_high: float
    resolution_p: float
    by_channel: pd.DataFrame
    paths: pd.DataFrame
    ces: ScoreGap | None
    nps: ScoreGap | None
    scores: SwitchScores | None = None

    def title(self) -> str:
        """An action title for the exhibit: how resolution goes with repeating information."""
        if self.recorded == 0 or np.isnan(self.resolution_diff):
            return "Repeated information after a channel switch"
        shares = self.resolution.set_index("group")["share"]
        return (f"{shares['repeated']:.0%} resolved when customers repeat themselves, "
                f"{shares['carried over']:.0%} when not"
                if self.resolution_diff < 0 else
                "Having to repeat information does not go with lower resolution")

    def headline(self) -> str:
        """Repeat share and how resolution goes with it, in one sentence."""
        if self.recorded == 0:
            return (f"{self.switches:,} contacts followed a contact on another channel, but whether "
                    "customers had to repeat information was not recorded.")
        rep, car = (self.resolution.set_index("group").loc[g] for g in ("repeated", "carried over"))
        opening = (f"Customers had to repeat information in {self.repeat_share:.0%} of {self.recorded:,} "
                   "channel switches")
        if np.isnan(self.resolution_diff):
            return (f"{opening}; one of the two groups has too few contacts ({int(rep['contacts']):,} repeated, "
                    f"{int(car['contacts']):,} carried over) to compare how often they were resolved.")
        return (f"{opening}; those contacts were resolved {rep['share']:.0%} of the time, against "
                f"{car['share']:.0%} when the context came along, a gap {chance(self.resolution_p)}.")

    def finding(self) -> Finding:
        """:meth:`headline` with its figures, and how the switchers' CES (survey, 1-7) differs when the
        answers given soon after a switch show a gap larger than chance."""
        figures = [Figure("channel switches where the customer repeated information", 100 * self.repeat_share, "%",
                          f"contact log, channel switches with repeated information recorded (n = {self.recorded:,})",
                          100 * self.repeat_low, 100 * self.repeat_high)]
        text = self.headline()
        if not np.isnan(self.resolution_diff):
            rep = self.resolution.set_index("group")
            for group in ("repeated", "carried over"):
                row = rep.loc[group]
                figures.append(Figure(f"resolved after a switch, information {group}", 100 * row["share"], "%",
                                      f"contact log, switches with information {group} "
                                      f"(n = {int(row['contacts']):,})", 100 * row["low"], 100 * row["high"]))
        c = self.ces
        if c is not None and c.larger_than_chance and self.scores is not None:
            text += (f" Of those who answered the survey within {self.scores.days} days, they rate effort "
                     f"{c.repeated:.1f} of 7 against {c.carried:.1f}.")
            figures += _score_figures(c, self.scores.days)
        return Finding(text, tuple(figures), "cxlib.omnichannel.continuity.switch_continuity", "channels")

    def score_headline(self) -> str:
        """How customers who had to repeat themselves score us, from answers given soon after a switch."""
        if self.scores is None:
            return "Without a survey, the scores of customers who switched channel cannot be compared."
        return self.scores.headline()

    def method(self) -> str:
        """The tests behind the resolution gap, for the appendix."""
        if self.recorded == 0 or np.isnan(self.resolution_diff):
            return f"Repeat share: {self.repeated:,} of {self.recorded:,} recorded switches."
        return (f"Repeat share: {self.repeated:,} of {self.recorded:,} recorded switches (95% Wilson interval "
                f"{self.repeat_low:.0%} to {self.repeat_high:.0%}). Resolution gap, repeated minus carried over: "
                f"{signed(100 * self.resolution_diff, 1)} points (Newcombe 95% interval "
                f"{signed(100 * self.resolution_low)} to {signed(100 * self.resolution_high)}; two-proportion "
                f"z test, {p_text(self.resolution_p)}).")

    def paths_shown(self) -> pd.DataFrame:
        """The most frequent switches as the report lists them."""
        top = self.paths.head(PATHS_SHOWN)
        return pd.DataFrame({"From → to": top["path"], "Switches": top["switches"],
                             "Had to repeat": top["repeat_share"]})


def _score_figures(gap: ScoreGap, days: int) -> list[Figure]:
    """Each group's score, with its 95% range, as a finding's figures."""
    unit = "of 7" if gap.metric == "ces" else "points"
    name = "CES (mean)" if gap.metric == "ces" else "NPS"
    return [Figure(f"{name}, customers who {who} after a switch", value, unit,
                   f"survey answers 0-{days} days after a channel switch, one per customer (n = {n:,})", low, high)
            for who, value, n, low, high in (
                ("repeated information", gap.repeated, gap.n_repeated, gap.repeated_low, gap.repeated_high),
                ("did not repeat information", gap.carried, gap.n_carried, gap.carried_low, gap.carried_high))]


def _share(hits: int, n: int) -> tuple[float, float, float]:
    if n == 0:
        return np.nan, np.nan, np.nan
    low, high = proportion_confint(hits, n, alpha=0.05, method="wilson")
    return hits / n, float(low), float(high)


def switches(interactions: pd.DataFrame) -> pd.DataFrame:
    """The contacts that followed a contact on another channel (channels normalised)."""
    rows = interactions.assign(channel=normalise(interactions["channel"]),
                               previous_channel=normalise(interactions["previous_channel"]))
    moved = rows["previous_channel"].notna() & rows["channel"].notna() \
        & (rows["previous_channel"] != rows["channel"])
    return rows[moved]


def _resolution(recorded: pd.DataFrame, min_group: int = 1) -> tuple[pd.DataFrame, float, float, float, float]:
    records = []
    for group, flag in (("repeated", True), ("carried over", False)):
        rows = recorded[recorded["repeated_info"] == flag]
        hits = int(rows["resolved"].astype(bool).sum())
        records.append((group, len(rows), hits, *_share(hits, len(rows))))
    table = pd.DataFrame(records, columns=["group", "contacts", "resolved", "share", "low", "high"])
    (n1, x1), (n0, x0) = table[["contacts", "resolved"]].itertuples(index=False)
    if min(n1, n0) < max(min_group, 1):
        return table, np.nan, np.nan, np.nan, np.nan
    with warnings.catch_warnings():  # statsmodels also computes an odds ratio, infinite at 0 or 1
        warnings.simplefilter("ignore", RuntimeWarning)
        low, high = confint_proportions_2indep(x1, n1, x0, n0, method="newcomb", compare="diff")
        p_value = test_proportions_2indep(x1, n1, x0, n0, method="wald", compare="diff").pvalue
    return table, x1 / n1 - x0 / n0, float(low), float(high), float(p_value)


def _ces_gap(repeated: pd.Series, carried: pd.Series, min_group: int = 2) -> ScoreGap | None:
    a, b = repeated.dropna().astype(float), carried.dropna().astype(float)
    if len(a) < max(min_group, 2) or len(b) < max(min_group, 2):
        return None
    test = stats.ttest_ind(a, b, equal_var=False)
    interval = test.confidence_interval(0.95)
    ra, rb = ces_score(a), ces_score(b)
    return ScoreGap("ces", a.mean(), b.mean(), len(a), len(b), a.mean() - b.mean(),
                    float(interval.low), float(interval.high), float(test.pvalue),
                    ra.low, ra.high, rb.low, rb.high)


def _nps_gap(repeated: pd.Series, carried: pd.Series, min_group: int = 2) -> ScoreGap | None:
    if repeated.notna().sum() < max(min_group, 2) or carried.notna().sum() < max(min_group, 2):
        return None
    test = nps_change(carried, repeated)
    a, b = nps(repeated), nps(carried)
    half = 1.959963984540054 * _nps_se(a, b)
    return ScoreGap("nps", a.score, b.score, a.n, b.n, test.diff, test.diff - half,
                    test.diff + half, test.p_value, a.low, a.high, b.low, b.high)


def _nps_se(a: NpsResult, b: NpsResult) -> float:
    """Standard error of the difference of two NPS, in points."""
    var = 0.0
    for r in (a, b):
        p, d = r.promoters / r.n, r.detractors / r.n
        var += (p + d - (p - d) ** 2) / r.n
    return 100 * float(np.sqrt(var))


ANSWER_COLUMNS = ["responded_at", "ces", "nps", "repeated"]


def answers_after_switch(interactions: pd.DataFrame, survey: pd.DataFrame, *,
                         days: int = AFTER_SWITCH_DAYS) -> pd.DataFrame:
    """Each customer's latest survey answer given within ``days`` after one of their recorded switches,
    and whether a switch in those days before it made them repeat information (``repeated``).

    An answer given before a switch cannot reflect it, and one given long after reflects much else:
    both are left out. Only switches where ``repeated_info`` was recorded count.

    Parameters
    ----------
    interactions : the interactions dataset (customer_id, started_at, channel, previous_channel,
        repeated_info).
    survey : the survey dataset (customer_id, responded_at, response_id?, ces?, nps?).
    days : how long after a switch an answer still speaks for it.

    Returns
    -------
    pd.DataFrame
        Indexed by customer_id: responded_at, ces and nps (NaN when the survey has none), repeated
        (bool). ``attrs["surveyed"]`` counts the customers with a recorded switch who answered the
        survey at any time. Empty without the date columns.
    """
    empty = pd.DataFrame(columns=ANSWER_COLUMNS, index=pd.Index([], name="customer_id"))
    empty.attrs["surveyed"] = 0
    if not {"customer_id", "started_at"} <= set(interactions) or not {"customer_id", "responded_at"} <= set(survey):
        return empty
    moved = switches(interactions)
    recorded = moved[moved["repeated_info"].notna() & moved["started_at"].notna()]
    answers = survey.dropna(subset=["customer_id", "responded_at"]).reset_index(drop=True)
    answers = answers.assign(answer=np.arange(len(answers)),
                             ces=answers["ces"] if "ces" in answers else np.nan,
                             nps=answers["nps"] if "nps" in answers else np.nan)
    pairs = recorded[["customer_id", "started_at", "repeated_info"]].merge(
        answers[["answer", "customer_id", "responded_at", "ces", "nps"]], on="customer_id")
    lag = pairs["responded_at"] - pairs["started_at"]
    pairs = pairs[(lag >= pd.Timedelta(0)) & (lag <= pd.Timedelta(days=days))]
    surveyed = int(answers["customer_id"].isin(set(recorded["customer_id"])).groupby(answers["customer_id"]).any().sum())
    if pairs.empty:  # no answer soon after a switch: an empty frame with its columns, not a columnless one
        empty.attrs["surveyed"] = surveyed
        return empty
    per_answer = pairs.groupby("answer").agg(customer_id=("customer_id", "first"),
                                             responded_at=("responded_at", "first"), ces=("ces", "first"),
                                             nps=("nps", "first"),
                                             repeated=("repeated_info", lambda r: bool(r.astype(bool).any())))
    # the latest answer per customer; the answer number breaks ties in the survey's own order
    latest = (per_answer.reset_index().sort_values(["responded_at", "answer"], kind="stable")
              .groupby("customer_id").tail(1).set_index("customer_id")[ANSWER_COLUMNS])
    latest["repeated"] = latest["repeated"].astype(bool)
    latest.attrs["surveyed"] = surveyed
    return latest


def score_gaps(interactions: pd.DataFrame, survey: pd.DataFrame, *, days: int = AFTER_SWITCH_DAYS,
               min_group: int = MIN_CASES) -> SwitchScores:
    """CES (Welch's t test) and NPS (two-sample z test) of the customers who had to repeat
    information after a switch, against those who did not, from answers given within ``days`` after
    the switch (:func:`answers_after_switch`); a metric without ``min_group`` answers in each group
    is left out (None).

    Parameters
    ----------
    interactions : the interactions dataset (customer_id, started_at, channel, previous_channel,
        repeated_info).
    survey : the survey dataset (customer_id, responded_at, ces?, nps?).
    days : how long after a switch an answer still speaks for it.
    min_group : answered customers each group needs for a metric to be compared.
    """
    latest = answers_after_switch(interactions, survey, days=days)
    repeated = latest["repeated"].astype(bool)  # an empty frame's object column would select columns
    rep, car = latest[repeated], latest[~repeated]
    return SwitchScores(ces=_ces_gap(rep["ces"], car["ces"], min_group),
                        nps=_nps_gap(rep["nps"], car["nps"], min_group), days=days, answered=len(latest),
                        n_repeated=len(rep), n_carried=len(car), surveyed=latest.attrs["surveyed"],
                        min_group=min_group)


def switch_continuity(interactions: pd.DataFrame, survey: pd.DataFrame | None = None, *,
                      min_switches: int = MIN_SWITCHES, min_group: int = MIN_CASES,
                      days: int = AFTER_SWITCH_DAYS) -> ContinuityResult:
    """How often a channel switch makes customers repeat themselves, and what goes with it.

    Parameters
    ----------
    interactions : the interactions dataset (customer_id, channel, previous_channel, resolved,
        repeated_info).
    survey : the survey dataset (customer_id, responded_at, ces, nps), or None.
    min_switches : channels with fewer recorded switches into them get no row in ``by_channel``.
    min_group : contacts (for resolution) or answered customers (for CES and NPS) each group needs
        before the two are compared; below it the comparison is left out.
    days : how long after a switch a survey answer still speaks for it (:func:`score_gaps`).

    Returns
    -------
    ContinuityResult
        See the module docstring for the tests and intervals.
    """
    moved = switches(interactions)
    recorded = moved[moved["repeated_info"].notna()].copy()
    recorded["repeated_info"] = recorded["repeated_info"].astype(bool)
    hits = int(recorded["repeated_info"].sum())
    share, low, high = _share(hits, len(recorded))
    resolution, diff, r_low, r_high, r_p = _resolution(recorded, min_group)

    into = recorded.groupby("channel")["repeated_info"].agg(["size", "mean"])
    into = into[into["size"] >= min_switches].sort_values("mean", ascending=False)
    by_channel = pd.DataFrame({"channel": into.index, "label": [label(c) for c in into.index],
                               "switches": into["size"].to_numpy(int),
                               "repeat_share": into["mean"].to_numpy(float)})
    paths = (moved.groupby(["previous_channel", "channel"]).size().rename("switches").reset_index()
             .sort_values("switches", ascending=False, kind="stable").reset_index(drop=True))
    repeat_by_path = recorded.groupby(["previous_channel", "channel"])["repeated_info"].mean()
    paths["repeat_share"] = [repeat_by_path.get((a, b), np.nan)
                             for a, b in zip(paths["previous_channel"], paths["channel"])]
    paths.insert(0, "path", [f"{label(a)} → {label(b)}"
                             for a, b in zip(paths["previous_channel"], paths["channel"])])

    gaps = (score_gaps(interactions, survey, days=days, min_group=min_group)
            if survey is not None else None)
    return ContinuityResult(
        switches=len(moved), recorded=len(recorded), repeated=hits, repeat_share=share,
        repeat_low=low, repeat_high=high, resolution=resolution, resolution_diff=diff,
        resolution_low=r_low, resolution_high=r_high, resolution_p=r_p, by_channel=by_channel,
        paths=paths, ces=gaps.ces if gaps else None, nps=gaps.nps if gaps else None, scores=gaps)
