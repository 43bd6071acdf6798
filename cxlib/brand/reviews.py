"""Public reviews: the star ratings, their monthly trend, their tone and what complaints are about.

A *complaint* is a review of 1 or 2 stars, *praise* one of 4 or 5. Shares come with a Wilson
interval and means with a t interval. Tone is VADER's compound score of the text
(:mod:`cxlib.text.sentiment`); quotes are shown only after :func:`cxlib.text.pii.redact`.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

from cxlib.journey.mapping import mean_interval
from cxlib.text.pii import redact
from cxlib.text.sentiment import compound, tone
from cxlib.wording import ALPHA, change, chance, p_value, signed

COMPLAINT_MAX = 2  # stars
PRAISE_MIN = 4
MIN_REVIEWS = 30  # reviews a platform, touchpoint or month needs before its figures are compared
MATCH_SHARE = 60.0  # % of complaints read as negative (and of praise read as positive) for "words match stars"
PLATFORM_FORMATS = {"Reviews": "{:,.0f}", "Mean stars": "{:.1f}", "Complaints (1-2)": "{:.0f}%",
                    "Praise (4-5)": "{:.0f}%"}
TONE_FORMATS = {"Reviews": "{:,.0f}", "Read as negative": "{:.0f}%", "Neutral": "{:.0f}%",
                "Read as positive": "{:.0f}%"}  # the mean tone is text: signed, with a true minus


def _share(hits: int, n: int, level: float) -> tuple[float, float, float]:
    """(share, low, high) in percent with a Wilson interval; NaN without reviews."""
    if n == 0:
        return math.nan, math.nan, math.nan
    low, high = proportion_confint(hits, n, alpha=1 - level, method="wilson")
    return 100 * hits / n, 100 * float(low), 100 * float(high)


def _ratings(reviews: pd.DataFrame) -> pd.Series:
    return pd.to_numeric(reviews["rating"], errors="coerce").astype(float)


@dataclass(frozen=True)
class RatingSummary:
    """The star ratings: mean, distribution, complaint and praise shares, per platform."""

    n: int
    mean: float
    low: float
    high: float
    complaint_share: float
    praise_share: float
    distribution: pd.DataFrame  # rating, reviews, share (%)
    platforms: pd.DataFrame     # platform, reviews, mean, low, high, complaint_share, praise_share

    def title(self) -> str:
        """An action title for the star distribution."""
        return f"{self.complaint_share:.0f}% of public reviews are complaints"

    def platform_table(self) -> pd.DataFrame:
        """The platforms as a client reads them, kindest first."""
        p = self.platforms
        return pd.DataFrame({
            "Platform": p["platform"].to_numpy(), "Reviews": p["reviews"].to_numpy(),
            "Mean stars": p["mean"].to_numpy(),
            # a platform with a single review has a mean but no range
            "95% range": ["–" if pd.isna(lo) else f"{lo:.1f}\u00a0to\u00a0{hi:.1f}"
                          for lo, hi in zip(p["low"], p["high"])],
            "Complaints (1-2)": p["complaint_share"].to_numpy(),
            "Praise (4-5)": p["praise_share"].to_numpy(),
        })

    def headline(self) -> str:
        # only platforms with enough reviews are ranked: a mean of five reviews is no verdict
        compared = self.platforms[self.platforms["reviews"] >= MIN_REVIEWS]
        text = (f"The {self.n:,} public reviews average {self.mean:.1f} of 5 stars: "
                f"{self.complaint_share:.0f}% are complaints (1-2 stars) and {self.praise_share:.0f}% praise "
                "(4-5 stars)")
        if len(compared) > 1 and compared.iloc[-1]["high"] < compared.iloc[0]["low"]:
            # named only when their intervals part: two platforms a tenth of a star apart are one verdict
            best, worst = compared.iloc[0], compared.iloc[-1]
            text += (f"; {best['platform']} is the kindest ({best['mean']:.1f}) and "
                     f"{worst['platform']} the harshest ({worst['mean']:.1f})"
                     + (f" of the {len(compared)} platforms with {MIN_REVIEWS} reviews or more"
                        if len(compared) < len(self.platforms) else ""))
        elif len(compared) > 1:
            text += f"; the {len(compared)} platforms' averages are too close to tell apart"
        return text + "."


def rating_summary(reviews: pd.DataFrame, *, level: float = 0.95) -> RatingSummary:
    """Mean stars, the 1-5 distribution and the complaint and praise shares, overall and per platform.

    Parameters
    ----------
    reviews : platform, rating (1-5).
    level : confidence level of the intervals.

    Returns
    -------
    RatingSummary
        Shares in percent; ``platforms`` sorted by mean rating, highest first.
    """
    stars = _ratings(reviews)
    answered = stars.dropna()
    if answered.empty:
        raise ValueError("no rated reviews")
    mean, low, high, n = mean_interval(answered, level)
    counts = answered.round().astype(int).value_counts().reindex(range(1, 6), fill_value=0)
    distribution = pd.DataFrame({"rating": counts.index, "reviews": counts.to_numpy(),
                                 "share": 100 * counts.to_numpy() / n})
    rows = []
    for platform, group in reviews.assign(_stars=stars).dropna(subset=["_stars"]).groupby(
            "platform", sort=True):
        p_mean, p_low, p_high, p_n = mean_interval(group["_stars"], level)
        rows.append((platform, p_n, p_mean, p_low, p_high,
                     100 * float((group["_stars"] <= COMPLAINT_MAX).mean()),
                     100 * float((group["_stars"] >= PRAISE_MIN).mean())))
    platforms = (pd.DataFrame(rows, columns=["platform", "reviews", "mean", "low", "high",
                                             "complaint_share", "praise_share"])
                 .sort_values("mean", ascending=False, kind="stable").reset_index(drop=True))
    return RatingSummary(n=n, mean=mean, low=low, high=high,
                         complaint_share=100 * float((answered <= COMPLAINT_MAX).mean()),
                         praise_share=100 * float((answered >= PRAISE_MIN).mean()),
                         distribution=distribution, platforms=platforms)


def monthly_ratings(reviews: pd.DataFrame, *, level: float = 0.95) -> pd.DataFrame:
    """Mean stars and complaint share per calendar month.

    Parameters
    ----------
    reviews : posted_at, rating.
    level : confidence level of each month's mean.

    Returns
    -------
    pd.DataFrame
        period (month start), reviews, mean, low, high, complaint_share (%); every month from the
        first to the last review (a month without reviews has 0 and NaN).
    """
    when = pd.to_datetime(reviews["posted_at"])
    frame = pd.DataFrame({"month": when.dt.to_period("M"), "stars": _ratings(reviews)}).dropna()
    if frame.empty:
        raise ValueError("no dated, rated reviews")
    months = pd.period_range(frame["month"].min(), frame["month"].max(), freq="M")
    rows = []
    for month in months:
        stars = frame.loc[frame["month"] == month, "stars"]
        mean, low, high, n = mean_interval(stars, level)
        rows.append((month.start_time, n, mean, low, high,
                     100 * float((stars <= COMPLAINT_MAX).mean()) if n else math.nan))
    return pd.DataFrame(rows, columns=["period", "reviews", "mean", "low", "high",
                                       "complaint_share"])


@dataclass(frozen=True)
class RatingChange:
    """The last month against the months before, overall and per group (Welch t tests)."""

    label: str           # the last month, e.g. "Oct 2026"
    table: pd.DataFrame  # group, before_n, before, last_n, last, change, p_value, q_value, significant
    overall: pd.Series
    monthly: pd.DataFrame | None = None  # :func:`monthly_ratings` of the same reviews, for the chart

    def title(self) -> str:
        """An action title for the monthly trend."""
        o = self.overall
        if not o["before_n"] or not o["p_value"] < ALPHA:
            return f"Review ratings month by month, to {self.label}"
        moved = "fell" if o["change"] < 0 else "rose"
        return f"Review ratings {moved} to {o['last']:.1f} stars in {self.label}"

    def headline(self) -> str:
        o = self.overall
        if not o["before_n"]:
            return f"All reviews fall in {self.label}: there is no earlier month to compare with."
        moved = self.table[self.table["significant"] & (self.table["change"] < 0)]
        went = change(o["before"], o["last"], 1)
        text = f"Against the months before, average stars in {self.label} ({int(o['last_n']):,} reviews) "
        if went.startswith("unchanged"):
            text += f"were {went}"
        elif pd.isna(o["p_value"]):  # too few reviews on one side to test
            text += f"went {went}"
        else:
            move = "fall" if o["last"] < o["before"] else "rise"
            text += f"went {went}: a {move} {chance(o['p_value'])}"
        if len(moved):
            names = " and ".join(f"{r.group} ({r.before:.1f} to {r.last:.1f})" for r in moved.itertuples())
            if o["p_value"] < ALPHA and o["last"] < o["before"]:  # the overall fall, said once
                text += f"; by platform, the fall is on {names}"
            else:
                text += f"; by platform, a fall larger than chance is on {names}"
        return text + "."

    def method_note(self) -> str:
        """The test behind "larger than chance", for the appendix, with its p-values."""
        o = self.overall
        text = (f"**Review trend.** The mean stars of {self.label} are compared with those of all the months "
                "before with Welch's t test (unequal variances), overall and for each platform with at least "
                f"{MIN_REVIEWS} reviews on both sides; the platforms are tested together at a {ALPHA:.0%} false "
                "discovery rate (Benjamini-Hochberg).")
        if o["before_n"] and pd.notna(o["p_value"]):
            text += f" All reviews: {p_value(o['p_value'])}"
            moved = self.table[self.table["significant"]]
            text += "".join(f"; {r.group}: {p_value(r.p_value)}" for r in moved.itertuples()) + "."
        return text


def _welch(before: pd.Series, last: pd.Series) -> float:
    if len(before) < 2 or len(last) < 2:
        return math.nan
    return float(stats.ttest_ind(last, before, equal_var=False).pvalue)


def last_month_change(reviews: pd.DataFrame, *, by: str = "platform", min_group: int = MIN_REVIEWS,
                      alpha: float = 0.05) -> RatingChange:
    """Did the last calendar month's ratings fall (or rise) against all the months before?

    Parameters
    ----------
    reviews : posted_at, rating and the ``by`` column.
    by : column whose groups are tested one by one (Benjamini-Hochberg across groups).
    min_group : a group is tested only with this many reviews both before and in the last month.
    alpha : false discovery rate for ``significant``.

    Returns
    -------
    RatingChange
        ``overall`` and one ``table`` row per group: mean stars before and in the last month with
        their counts, ``change`` (last - before), Welch t-test ``p_value``, ``q_value``;
        ``monthly`` is :func:`monthly_ratings` of the same reviews.
    """
    when = pd.to_datetime(reviews["posted_at"])
    month = when.dt.to_period("M")
    last_month = month.max()
    frame = pd.DataFrame({"group": reviews[by], "stars": _ratings(reviews),
                          "last": month == last_month}).dropna(subset=["stars"])

    def row(part: pd.DataFrame, group) -> dict:
        before, last = part.loc[~part["last"], "stars"], part.loc[part["last"], "stars"]
        return {"group": group, "before_n": len(before), "before": before.mean(),
                "last_n": len(last), "last": last.mean(), "change": last.mean() - before.mean(),
                "p_value": _welch(before, last)}

    overall = pd.Series(row(frame, "All reviews"))
    table = pd.DataFrame([row(part, group) for group, part in frame.dropna(subset=["group"])
                          .groupby("group", sort=True)])
    small = (table["before_n"] < min_group) | (table["last_n"] < min_group)
    table.loc[small, "p_value"] = np.nan
    tested = table["p_value"].notna()
    table["q_value"] = np.nan
    if tested.any():
        table.loc[tested, "q_value"] = multipletests(table.loc[tested, "p_value"],
                                                     method="fdr_bh")[1]
    table["significant"] = table["q_value"] < alpha
    table = table.sort_values("change", kind="stable").reset_index(drop=True)
    return RatingChange(label=last_month.strftime("%b %Y"), table=table, overall=overall,
                        monthly=monthly_ratings(reviews))


@dataclass(frozen=True)
class ReviewTone:
    """How the tone of the texts (VADER) lines up with the stars."""

    table: pd.DataFrame      # rating, reviews, mean_compound, negative, neutral, positive (%)
    complaint_negative: float  # % of 1-2-star reviews whose text reads negative
    praise_positive: float     # % of 4-5-star reviews whose text reads positive

    def report_table(self) -> pd.DataFrame:
        """The tone per star rating as a client reads it."""
        t = self.table
        return pd.DataFrame({
            "Stars": [f"{int(r)} star{'s' if r > 1 else ''}" for r in t["rating"]],
            "Reviews": t["reviews"].to_numpy(),
            "Mean tone (\u22121 to +1)": ["–" if pd.isna(v) else signed(v, 2) for v in t["mean_compound"]],
            "Read as negative": t["negative"].to_numpy(),
            "Neutral": t["neutral"].to_numpy(),
            "Read as positive": t["positive"].to_numpy(),
        })

    def headline(self) -> str:
        shares = (f"{self.complaint_negative:.0f}% of the 1-2-star reviews read as negative and "
                  f"{self.praise_positive:.0f}% of the 4-5-star reviews as positive")
        if self.complaint_negative >= MATCH_SHARE and self.praise_positive >= MATCH_SHARE:
            return f"The words match the stars: {shares}, so the star rating can be read as the public's verdict."
        return (f"The words and the stars do not line up well: {shares}; read the review texts, not only "
                "the average stars.")


def review_tone(reviews: pd.DataFrame, *, names: Sequence[str] = ()) -> ReviewTone:
    """VADER tone of each review text, tabulated by star rating.

    Parameters
    ----------
    reviews : rating, text.
    names : the client's and competitors' names, masked before the tone is read
        (:func:`cxlib.text.sentiment.compound`).

    Returns
    -------
    ReviewTone
        ``table`` per rating 1-5: reviews with text, mean compound score, and the shares (%) read
        as negative (compound <= -0.05), neutral and positive (>= 0.05).
    """
    scores = compound(reviews["text"], names=names)
    frame = pd.DataFrame({"rating": _ratings(reviews), "compound": scores,
                          "tone": tone(scores)}).dropna()
    rows = []
    for rating in range(1, 6):
        part = frame[frame["rating"] == rating]
        shares = [100 * float((part["tone"] == t).mean()) if len(part) else math.nan
                  for t in ("negative", "neutral", "positive")]
        rows.append((rating, len(part), part["compound"].mean(), *shares))
    table = pd.DataFrame(rows, columns=["rating", "reviews", "mean_compound", "negative",
                                        "neutral", "positive"])
    complaints = frame[frame["rating"] <= COMPLAINT_MAX]
    praise = frame[frame["rating"] >= PRAISE_MIN]
    return ReviewTone(
        table=table,
        complaint_negative=100 * float((complaints["tone"] == "negative").mean())
        if len(complaints) else math.nan,
        praise_positive=100 * float((praise["tone"] == "positive").mean())
        if len(praise) else math.nan)


@dataclass(frozen=True)
class ComplaintMap:
    """Which touchpoints the complaints name, and how often each touchpoint draws a complaint."""

    table: pd.DataFrame  # touchpoint, reviews, mean, complaints, complaint_share, rate, low, high
    complaints: int      # complaints naming a touchpoint
    unnamed: int         # complaints naming none
    min_reviews: int
    quotes: pd.DataFrame | None = None  # quote, attribution: the harshest complaint about each worst touchpoint

    def most_named(self) -> pd.Series:
        return self.table.sort_values("complaints", ascending=False, kind="stable").iloc[0]

    def worst_rate(self) -> pd.Series | None:
        """The touchpoint with the highest complaint rate among those with enough reviews."""
        eligible = self.table[self.table["reviews"] >= self.min_reviews]
        if eligible.empty:
            return None
        return eligible.sort_values("rate", ascending=False, kind="stable").iloc[0]

    def title(self) -> str:
        """An action title for the complaint exhibit."""
        named, worst = self.most_named(), self.worst_rate()
        text = f"Complaints name {named['touchpoint']} most"
        if worst is not None and worst["touchpoint"] != named["touchpoint"]:
            text += f"; {worst['touchpoint']} fares worst"
        return text

    def headline(self) -> str:
        named, worst = self.most_named(), self.worst_rate()
        text = (f"{named['touchpoint']} is named in {named['complaint_share']:.0f}% of the "
                f"{self.complaints:,} complaints that name a touchpoint")
        if worst is not None and worst["touchpoint"] != named["touchpoint"]:
            text += (f"; {worst['touchpoint']} draws the most complaints for its volume: "
                     f"{worst['rate']:.0f}% of its {int(worst['reviews']):,} reviews give 1-2 stars")
        return text + "."


def complaint_touchpoints(reviews: pd.DataFrame, *, min_reviews: int = MIN_REVIEWS,
                          level: float = 0.95) -> ComplaintMap:
    """Complaints (1-2 stars) by the touchpoint the review names.

    Parameters
    ----------
    reviews : rating, touchpoint (may be missing).
    min_reviews : a touchpoint needs this many reviews to rank on its complaint rate.
    level : confidence level of the complaint rate's Wilson interval.

    Returns
    -------
    ComplaintMap
        ``table`` per touchpoint, most complaints first: reviews, mean stars, complaints,
        complaint_share (% of all complaints naming a touchpoint), rate (% of the touchpoint's
        reviews that are complaints) with low and high.
    """
    frame = pd.DataFrame({"touchpoint": reviews["touchpoint"], "stars": _ratings(reviews)})
    frame = frame.dropna(subset=["stars"])
    complaint = frame["stars"] <= COMPLAINT_MAX
    named = frame["touchpoint"].notna()
    total = int((complaint & named).sum())
    rows = []
    for touchpoint, group in frame[named].groupby("touchpoint", sort=True):
        hits = int((group["stars"] <= COMPLAINT_MAX).sum())
        rate, low, high = _share(hits, len(group), level)
        rows.append((touchpoint, len(group), group["stars"].mean(), hits,
                     100 * hits / total if total else math.nan, rate, low, high))
    table = (pd.DataFrame(rows, columns=["touchpoint", "reviews", "mean", "complaints",
                                         "complaint_share", "rate", "low", "high"])
             .sort_values(["complaints", "touchpoint"], ascending=[False, True], kind="stable")
             .reset_index(drop=True))
    if table.empty:
        raise ValueError("no review names a touchpoint")
    result = ComplaintMap(table=table, complaints=total, unnamed=int((complaint & ~named).sum()),
                          min_reviews=min_reviews)
    worst = [result.most_named(), result.worst_rate()]
    about = list(dict.fromkeys(w["touchpoint"] for w in worst if w is not None))
    quotes = complaint_quotes(reviews, about) if "text" in reviews.columns else pd.DataFrame(
        columns=["touchpoint", "platform", "rating", "quote"])
    quotes = quotes.assign(attribution=[f"{q.rating}-star review on {q.platform}, about {q.touchpoint}"
                                        for q in quotes.itertuples()])
    return replace(result, quotes=quotes)


def named_complaints(reviews: pd.DataFrame) -> int:
    """How many complaints (1-2 stars) name a touchpoint (0 without a touchpoint column)."""
    if "touchpoint" not in reviews.columns:
        return 0
    return int(((_ratings(reviews) <= COMPLAINT_MAX) & reviews["touchpoint"].notna()).sum())


def toned_reviews(reviews: pd.DataFrame) -> tuple[int, int]:
    """(complaints, praise) with a text, the two groups whose tone is read."""
    if "text" not in reviews.columns:
        return 0, 0
    stars = _ratings(reviews)[reviews["text"].fillna("").astype(str).str.strip() != ""]
    return int((stars <= COMPLAINT_MAX).sum()), int((stars >= PRAISE_MIN).sum())


def complaint_quotes(reviews: pd.DataFrame, touchpoints, *, per_touchpoint: int = 1) -> pd.DataFrame:
    """The most negative complaint texts about each touchpoint, personal data removed.

    Parameters
    ----------
    reviews : rating, text, touchpoint, platform.
    touchpoints : the touchpoints to quote, in order.
    per_touchpoint : quotes per touchpoint (distinct texts, most negative VADER score first).

    Returns
    -------
    pd.DataFrame
        touchpoint, platform, rating, quote (redacted).
    """
    frame = reviews.assign(stars=_ratings(reviews), score=compound(reviews["text"]))
    rows = []
    for touchpoint in touchpoints:
        mine = frame[(frame["touchpoint"] == touchpoint) & (frame["stars"] <= COMPLAINT_MAX)]
        mine = (mine.sort_values("score", kind="stable")
                .drop_duplicates("text").head(per_touchpoint))
        for row in mine.itertuples():
            rows.append((touchpoint, row.platform, int(row.stars), redact(row.text)))
    return pd.DataFrame(rows, columns=["touchpoint", "platform", "rating", "quote"])
