"""Continuity: when a customer switches channel, do we pick up where they left off?

A *switch* is a contact whose ``previous_channel`` is set and differs from its channel. For the
switches where ``repeated_info`` was recorded we measure how often the customer had to repeat
information, how that changes the chance the contact resolved the issue (difference of two
proportions with a Newcombe 95% interval and a two-sided z test) and how the customers who had to
repeat themselves score us.

The survey link is per customer: a customer who switched at least once is in the *repeated* group
when any of their switches made them repeat information, otherwise in the *carried over* group;
their latest survey answer gives their CES and NPS. Groups are compared with Welch's t test (CES,
with a 95% interval of the difference) and the two-sample NPS z test. This is an association: it
says who the customers who repeat themselves are, not that repeating alone caused their score.
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
from cxlib.omnichannel.channels import MIN_CASES, label, normalise
from cxlib.report.verdict import Figure, Finding

MIN_SWITCHES = 20  # per channel, below this the channel's repeat share is not shown
PATHS_SHOWN = 8    # the most frequent switches the report lists
# How the report writes the columns of ContinuityResult.paths_shown().
TABLE_FORMATS = {"Had to repeat": "{:.0%}", "Switches": "{:,.0f}"}
ASSOCIATION = ("This is an association: customers who had to repeat themselves are also the less satisfied "
               "ones, and the data alone cannot say how much of the gap repeating caused.")


@dataclass(frozen=True)
class ScoreGap:
    """A survey score of customers who repeated information against those who did not."""

    metric: str
    repeated: float
    carried: float
    n_repeated: int
    n_carried: int
    diff: float      # repeated minus carried over
    low: float
    high: float
    p_value: float


@dataclass(frozen=True)
class ContinuityResult:
    """Switches, how often information had to be repeated, and what it costs.

    ``resolution`` has one row per group (``repeated``, ``carried over``): contacts, resolved,
    share, low, high. ``resolution_diff`` (repeated minus carried over, 0-1) has a Newcombe
    interval and a z-test p-value. ``by_channel`` gives, per channel switched *to*, the switches
    recorded and the share with repeated information (channels with too few switches left out).
    ``paths`` counts the switches per from -> to pair, most frequent first. ``ces`` and ``nps``
    are None without a survey (or without customers in both groups).
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

    def title(self) -> str:
        """An action title for the exhibit: what repeating information does to resolution."""
        if self.recorded == 0 or np.isnan(self.resolution_diff):
            return "Repeated information after a channel switch"
        shares = self.resolution.set_index("group")["share"]
        return (f"Having to repeat information cuts resolution from "
                f"{shares['carried over']:.0%} to {shares['repeated']:.0%}"
                if self.resolution_diff < 0 else
                "Having to repeat information does not lower resolution")

    def headline(self) -> str:
        """Repeat share and its cost on resolution, in one sentence."""
        if self.recorded == 0:
            return (f"{self.switches:,} contacts followed a contact on another channel, but whether "
                    "customers had to repeat information was not recorded.")
        rep, car = (self.resolution.set_index("group").loc[g] for g in ("repeated", "carried over"))
        if np.isnan(self.resolution_diff):
            return (f"Customers had to repeat information in {self.repeat_share:.0%} of "
                    f"{self.recorded:,} channel switches (95% CI {self.repeat_low:.0%}-"
                    f"{self.repeat_high:.0%}); one of the two groups has too few contacts "
                    f"({int(rep['contacts']):,} repeated, {int(car['contacts']):,} carried over) to compare "
                    "how often they were resolved.")
        return (f"Customers had to repeat information in {self.repeat_share:.0%} of "
                f"{self.recorded:,} channel switches (95% CI {self.repeat_low:.0%}-"
                f"{self.repeat_high:.0%}); those contacts were resolved {rep['share']:.0%} of the "
                f"time against {car['share']:.0%} when the context came along, "
                f"{_points_apart(self.resolution_diff, self.resolution_low, self.resolution_high, self.resolution_p)}.")

    def finding(self) -> Finding:
        """:meth:`headline`, with how the switchers' CES (survey, 1-7) and NPS differ when known, and
        its figures."""
        log = f"contact log, channel switches with repeated information recorded (n = {self.recorded:,})"
        figures = [Figure("channel switches where the customer repeated information", 100 * self.repeat_share, "%",
                          log)]
        text = self.headline()
        if not np.isnan(self.resolution_diff):
            rep = self.resolution.set_index("group")
            for group in ("repeated", "carried over"):
                figures.append(Figure(f"resolved after a switch, information {group}", 100 * rep.loc[group, "share"],
                                      "%", f"contact log, switches with information {group} "
                                           f"(n = {int(rep.loc[group, 'contacts']):,})"))
            figures.append(Figure("resolution gap when information is repeated", 100 * self.resolution_diff,
                                  "points", log))
        if self.ces is not None:
            c = self.ces
            text = text[:-1] + (f"; these customers also rate effort {abs(c.diff):.1f} points "
                                f"{'lower' if c.diff < 0 else 'higher'} (CES, of 7)")
            figures.append(Figure("CES gap, customers who repeated information", c.diff, "points on the CES 1-7 scale",
                                  f"survey answers of customers who switched channel (n = {c.n_repeated + c.n_carried:,})"))
            if self.nps is not None:
                text += (f" and give an NPS {abs(self.nps.diff):.0f} points "
                         f"{'lower' if self.nps.diff < 0 else 'higher'}")
                figures.append(Figure("NPS gap, customers who repeated information", self.nps.diff, "points",
                                      "survey answers of customers who switched channel "
                                      f"(n = {self.nps.n_repeated + self.nps.n_carried:,})"))
            text += "."
        return Finding(text, tuple(figures), "cxlib.omnichannel.continuity.switch_continuity", "channels")

    def score_headline(self) -> str:
        """How customers who had to repeat themselves score us, in one sentence."""
        return _score_sentence(self.ces, self.nps)

    def paths_shown(self) -> pd.DataFrame:
        """The most frequent switches as the report lists them."""
        top = self.paths.head(PATHS_SHOWN)
        return pd.DataFrame({"From → to": top["path"], "Switches": top["switches"],
                             "Had to repeat": top["repeat_share"]})


@dataclass(frozen=True)
class SwitchScores:
    """The survey scores of customers who had to repeat information after a switch, against the rest."""

    ces: ScoreGap | None
    nps: ScoreGap | None

    def headline(self) -> str:
        """The gap in CES and NPS, worded as an association."""
        return f"{_score_sentence(self.ces, self.nps)} {ASSOCIATION}"


def _score_sentence(ces: ScoreGap | None, nps: ScoreGap | None) -> str:
    """How customers who had to repeat themselves score us, in one sentence."""
    if ces is None and nps is None:
        return "Too few survey answers could be linked to the customers who switched channel to compare them."
    parts = []
    if ces is not None:
        parts.append(f"rate effort {ces.repeated:.1f} out of 7 against {ces.carried:.1f} for those "
                     f"who did not ({_apart(ces, 1)}; {ces.n_repeated:,} and {ces.n_carried:,} customers)")
    if nps is not None:
        parts.append(f"give an NPS of {nps.repeated:+.0f} against {nps.carried:+.0f} "
                     f"({_apart(nps, 0, ' points')})")
    return ("Customers who had to repeat themselves after a switch " + ", and ".join(parts)
            + ". Scores are each customer's latest survey answer.")


def _apart(gap: ScoreGap, digits: int, unit: str = "") -> str:
    """'0.8 lower, 95% CI 0.6 to 1.1, p < 0.001' for a gap (repeated minus carried over)."""
    word = "lower" if gap.diff < 0 else "higher"
    if gap.low * gap.high > 0:
        a, b = sorted((abs(gap.low), abs(gap.high)))
        interval = f"{a:.{digits}f} to {b:.{digits}f}"
    else:
        interval = f"{gap.low:+.{digits}f} to {gap.high:+.{digits}f}"
    return f"{abs(gap.diff):.{digits}f}{unit} {word}, 95% CI {interval}, {_p(gap.p_value)}"


def _points_apart(diff: float, low: float, high: float, p_value: float) -> str:
    """A difference of shares in points: '37 points lower (95% CI 32 to 41, p < 0.001)'."""
    word = "lower" if diff < 0 else "higher"
    if low * high > 0:  # the interval does not cross zero: give it in the direction of the words
        a, b = sorted((abs(100 * low), abs(100 * high)))
        interval = f"{a:.0f} to {b:.0f}"
    else:
        interval = f"{100 * low:+.0f} to {100 * high:+.0f}"
    return f"{abs(100 * diff):.0f} points {word} (95% CI {interval}, {_p(p_value)})"


def _p(p_value: float) -> str:
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.3f}"


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


def _latest_answers(survey: pd.DataFrame) -> pd.DataFrame:
    order = [c for c in ("responded_at", "response_id") if c in survey]
    return survey.sort_values(order, kind="stable").groupby("customer_id").tail(1) \
        .set_index("customer_id")


def _ces_gap(repeated: pd.Series, carried: pd.Series, min_group: int = 2) -> ScoreGap | None:
    a, b = repeated.dropna().astype(float), carried.dropna().astype(float)
    if len(a) < max(min_group, 2) or len(b) < max(min_group, 2):
        return None
    test = stats.ttest_ind(a, b, equal_var=False)
    interval = test.confidence_interval(0.95)
    return ScoreGap("ces", a.mean(), b.mean(), len(a), len(b), a.mean() - b.mean(),
                    float(interval.low), float(interval.high), float(test.pvalue))


def _nps_gap(repeated: pd.Series, carried: pd.Series, min_group: int = 2) -> ScoreGap | None:
    if repeated.notna().sum() < max(min_group, 2) or carried.notna().sum() < max(min_group, 2):
        return None
    test = nps_change(carried, repeated)
    a, b = nps(repeated), nps(carried)
    half = 1.959963984540054 * _nps_se(a, b)
    return ScoreGap("nps", a.score, b.score, a.n, b.n, test.diff, test.diff - half,
                    test.diff + half, test.p_value)


def _nps_se(a: NpsResult, b: NpsResult) -> float:
    """Standard error of the difference of two NPS, in points."""
    var = 0.0
    for r in (a, b):
        p, d = r.promoters / r.n, r.detractors / r.n
        var += (p + d - (p - d) ** 2) / r.n
    return 100 * float(np.sqrt(var))


def switcher_groups(interactions: pd.DataFrame, survey: pd.DataFrame) -> pd.DataFrame:
    """Each surveyed customer who switched channel, with their latest answer and whether they ever
    had to repeat information (``ever_repeated``); only switches where it was recorded count.

    Parameters
    ----------
    interactions : the interactions dataset (customer_id, channel, previous_channel, repeated_info).
    survey : the survey dataset (customer_id, responded_at, ces?, nps?).
    """
    moved = switches(interactions)
    recorded = moved[moved["repeated_info"].notna()]
    ever = recorded["repeated_info"].astype(bool).groupby(recorded["customer_id"]).any()
    if "customer_id" not in survey:
        return pd.DataFrame(columns=["ever_repeated"])
    return _latest_answers(survey.dropna(subset=["customer_id"])).join(ever.rename("ever_repeated"),
                                                                       how="inner")


def score_gaps(interactions: pd.DataFrame, survey: pd.DataFrame, *, min_group: int = MIN_CASES) -> SwitchScores:
    """CES (Welch's t test) and NPS (two-sample z test) of the customers who had to repeat
    information after a switch, against those who did not; a metric without ``min_group`` answered
    customers in each group is left out (None).

    Parameters
    ----------
    interactions : the interactions dataset (customer_id, channel, previous_channel, repeated_info).
    survey : the survey dataset (customer_id, responded_at, ces?, nps?).
    min_group : answered customers each group needs for a metric to be compared.
    """
    latest = switcher_groups(interactions, survey)
    rep, car = latest[latest["ever_repeated"].astype(bool)], latest[~latest["ever_repeated"].astype(bool)]
    return SwitchScores(ces=_ces_gap(rep["ces"], car["ces"], min_group) if "ces" in latest else None,
                        nps=_nps_gap(rep["nps"], car["nps"], min_group) if "nps" in latest else None)


def switch_continuity(interactions: pd.DataFrame, survey: pd.DataFrame | None = None, *,
                      min_switches: int = MIN_SWITCHES, min_group: int = MIN_CASES) -> ContinuityResult:
    """How often a channel switch makes customers repeat themselves, and what it costs.

    Parameters
    ----------
    interactions : the interactions dataset (customer_id, channel, previous_channel, resolved,
        repeated_info).
    survey : the survey dataset (customer_id, responded_at, ces, nps), or None.
    min_switches : channels with fewer recorded switches into them get no row in ``by_channel``.
    min_group : contacts (for resolution) or answered customers (for CES and NPS) each group needs
        before the two are compared; below it the comparison is left out.

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

    gaps = (score_gaps(interactions, survey, min_group=min_group)
            if survey is not None and len(recorded) else SwitchScores(None, None))
    return ContinuityResult(
        switches=len(moved), recorded=len(recorded), repeated=hits, repeat_share=share,
        repeat_low=low, repeat_high=high, resolution=resolution, resolution_diff=diff,
        resolution_low=r_low, resolution_high=r_high, resolution_p=r_p, by_channel=by_channel,
        paths=paths, ces=gaps.ces, nps=gaps.nps)
