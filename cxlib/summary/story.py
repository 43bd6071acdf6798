"""The findings that matter most across the steps: the one story the data tell when several
signals move in the same month, then the strongest finding behind each leading initiative, each
said once.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.brand.reviews import MIN_REVIEWS, last_month_change
from cxlib.metrics.nps import last_period_change
from cxlib.report.record import StepResult
from cxlib.report.verdict import Figure, Finding
from cxlib.summary.roadmap import Roadmap
from cxlib.wording import signed

MIN_COMMENTS = 30  # comments in the last month, and before it, for a word's share to be compared
MIN_SHARE = 10.0  # a rising word is named only when at least this share (%) of the month's comments use it
MIN_RISE = 5.0  # ... and its share rose by at least this many points
MAX_P = 0.001  # ... and the rise is this unlikely by chance (two-proportion z test; many words are tried)
MAX_FINDINGS = 4  # the executive summary fits on one page
MAX_WORDS = 60  # ... so a step finding longer than this stays in its step report
MAX_TOTAL_WORDS = 170  # ... and the findings together take no more than half a page


@dataclass(frozen=True)
class MonthStory:
    """NPS, review ratings and comment themes of the last month against the months before.

    Attributes
    ----------
    month : the last month ("Oct 2026").
    nps_before, nps_last, nps_change : NPS of the month before and of the last month.
    reviews_before, reviews_last : mean stars before and in the last month (None without a
        significant fall in reviews).
    reviews_where : where the fall in reviews is more than chance ("Google Play (4.1 to 1.9)").
    words : up to two words of the survey comments whose share rose most in the last month, each
        (word, share before, share in the last month), by :func:`rising_words`.
    """

    month: str
    previous: str
    nps_before: float
    nps_last: float
    nps_change: float
    n_last: int
    reviews_before: float | None = None
    reviews_last: float | None = None
    reviews_n: int = 0
    reviews_where: str = ""
    words: tuple[tuple[str, float, float], ...] = ()
    comments_last: int = 0

    def finding(self) -> Finding:
        """The story as one finding; words no stronger than a coincidence in time."""
        # the fall is said as the difference of the two scores as printed, so the sentence adds up
        fell = round(self.nps_before) - round(self.nps_last)
        text = (f"NPS fell {fell} points in {self.month} ({signed(self.nps_before)} in "
                f"{self.previous}, {signed(self.nps_last)} in {self.month} from {self.n_last:,} answers), a fall "
                "larger than chance")
        figures = [Figure(f"NPS change, {self.previous} to {self.month}", self.nps_change, "points",
                          f"survey answers of {self.previous} and {self.month}")]
        if self.reviews_last is not None:
            text += (f"; in the same month public reviews fell to {self.reviews_last:.1f} stars from "
                     f"{self.reviews_before:.1f} in the months before ({self.reviews_n:,} reviews)")
            figures.append(Figure(f"mean review rating, {self.month}", self.reviews_last, "of 5",
                                  f"public reviews of {self.month}"))
            if self.reviews_where:
                text += f", most on {self.reviews_where}"
        if self.words:
            said = " and ".join(f"\u201c{w}\u201d ({last:.0f}% of comments, against {before:.0f}% before)"
                                for w, before, last in self.words)
            text += f"; the words that rose most in {self.month}'s survey comments are {said}"
            figures += [Figure(f"survey comments using \u201c{w}\u201d, {self.month}", last, "%",
                               f"survey comments of {self.month}, {self.comments_last:,} comments")
                        for w, before, last in self.words]
        text += (". The signals coincide in one month."
                 if self.reviews_last is not None or self.words else ".")
        digital = any(w in {"app", "update", "website", "login", "site", "online"} for w, _, _ in self.words)
        return Finding(text, tuple(figures), "cxlib.summary.story.month_story", "digital" if digital else "measurement")


def month_story(survey: pd.DataFrame | None, reviews: pd.DataFrame | None) -> MonthStory | None:
    """The last month's story, when its NPS fell by more than sampling noise explains; else None.

    Parameters
    ----------
    survey : survey answers (responded_at, nps, comment).
    reviews : public reviews (posted_at, rating, platform), or None.
    """
    if survey is None or "nps" not in survey or survey["nps"].isna().all():
        return None
    try:
        change = last_period_change(survey)
    except ValueError:  # no month before the last: nothing to compare
        return None
    if not change.significant or change.diff >= 0:
        return None
    when = pd.to_datetime(survey["responded_at"])
    last = when.dt.to_period("M") == when.dt.to_period("M").max()
    story = dict(month=change.label_b, previous=change.label_a, nps_before=change.nps_a, nps_last=change.nps_b,
                 nps_change=change.diff, n_last=int((last & survey["nps"].notna()).sum()))
    if reviews is not None and len(reviews):
        moved = last_month_change(reviews)
        o = moved.overall
        if (moved.label == change.label_b and o["before_n"] >= MIN_REVIEWS and o["last_n"] >= MIN_REVIEWS
                and o["p_value"] < 0.05 and o["change"] < 0):
            fell = moved.table[moved.table["significant"] & (moved.table["change"] < 0)]
            where = " and ".join(f"{r.group} ({r.before:.1f} to {r.last:.1f} stars)" for r in fell.itertuples())
            story.update(reviews_before=float(o["before"]), reviews_last=float(o["last"]), reviews_n=int(o["last_n"]),
                         reviews_where=where)
    if "comment" in survey:
        said = survey["comment"].fillna("").astype(str).str.strip() != ""
        if (said & last).sum() >= MIN_COMMENTS and (said & ~last).sum() >= MIN_COMMENTS:
            story.update(words=rising_words(survey.loc[said, "comment"], last[said].to_numpy()),
                         comments_last=int((said & last).sum()))
    return MonthStory(**story)


def rising_words(comments: pd.Series, last: np.ndarray, top: int = 2) -> tuple[tuple[str, float, float], ...]:
    """The words (and two-word phrases) whose share of comments rose most in the last month.

    A word is named when at least :data:`MIN_SHARE` % of the last month's comments use it, its
    share rose by :data:`MIN_RISE` points or more, and a two-proportion z test puts the rise below
    :data:`MAX_P` (strict, because every word is tried). Returns (word, % before, % last month).
    """
    from sklearn.feature_extraction.text import CountVectorizer
    from statsmodels.stats.proportion import proportions_ztest

    try:
        counts = CountVectorizer(ngram_range=(1, 2), stop_words="english", binary=True, min_df=5).fit(comments)
    except ValueError:  # no word used five times
        return ()
    matrix = counts.transform(comments)
    n_last, n_before = int(last.sum()), int((~last).sum())
    used_last = np.asarray(matrix[last].sum(axis=0)).ravel()
    used_before = np.asarray(matrix[~last].sum(axis=0)).ravel()
    share_last, share_before = 100 * used_last / n_last, 100 * used_before / n_before
    rise = share_last - share_before
    words = counts.get_feature_names_out()
    found = []
    for i in np.argsort(-rise):
        if rise[i] < MIN_RISE or len(found) == top:
            break
        if share_last[i] < MIN_SHARE:
            continue
        _, p = proportions_ztest([used_last[i], used_before[i]], [n_last, n_before], alternative="larger")
        if p < MAX_P:
            found.append((str(words[i]), float(share_before[i]), float(share_last[i])))
    return tuple(found)


def key_findings(results: Mapping[int, StepResult], plan: Roadmap, story: MonthStory | None) -> tuple[Finding, ...]:
    """The three to five findings of the executive summary.

    The month's story first when there is one; then, for each initiative in roadmap order, the
    first finding of the same theme, with figures and at most :data:`MAX_WORDS` words (and
    :data:`MAX_TOTAL_WORDS` for all of them), in the lowest-numbered step that states one; then the lowest
    scoring steps' first findings with figures, until there are three. No theme is said twice.
    """
    chosen: list[Finding] = [story.finding()] if story is not None else []
    themes = {f.theme for f in chosen}
    everything = [f for n in sorted(results) for f in results[n].findings]
    for item in plan.initiatives:
        if len(chosen) >= MAX_FINDINGS:
            break
        if item.theme in themes:
            continue
        room = MAX_TOTAL_WORDS - sum(len(f.text.split()) for f in chosen)
        match = next((f for f in everything if f.theme == item.theme and f.figures
                      and len(f.text.split()) <= min(MAX_WORDS, room)), None)
        if match is not None:
            chosen.append(match)
            themes.add(item.theme)
    by_score = sorted((r for r in results.values() if r.score is not None), key=lambda r: r.score)
    for result in by_score:
        if len(chosen) >= 3:
            break
        first = next((f for f in result.findings if f.figures and f.theme not in themes), None)
        if first is not None and first.text not in {f.text for f in chosen}:
            chosen.append(first)
            themes.add(first.theme)
    return tuple(chosen)
