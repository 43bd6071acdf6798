"""Effort by channel: how easy customers found us, by the channel of the contact they rated.

CES is asked as "the company made it easy" on 1-7 (higher is easier). Per channel we give the
mean with its t interval and the share of 5-7 ("easy"); a Kruskal-Wallis test says whether the
channels differ at all, since CES is an ordinal scale.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from cxlib.metrics.satisfaction import CesResult, ces
from cxlib.omnichannel.channels import MIN_CASES, in_text, label, normalise
from cxlib.report.verdict import Figure, Finding
from cxlib.wording import ALPHA, p_value as p_text

MIN_ANSWERS = MIN_CASES  # CES answers a channel needs to be listed
COLUMNS = ["channel", "label", "n", "mean", "low", "high", "share_easy"]


@dataclass(frozen=True)
class EffortResult:
    """CES per survey channel, easiest first, and whether channels differ (Kruskal-Wallis)."""

    table: pd.DataFrame
    p_value: float
    overall: float

    def title(self) -> str:
        """An action title for the exhibit."""
        if self.table.empty:
            return "Effort by channel"
        if not self.differs:
            return "No channel stands out on effort"
        return f"{self.table.iloc[-1]['label']} is the hardest channel to deal with"

    def headline(self) -> str:
        """The spread of effort across channels and whether it is more than chance."""
        if self.table.empty:
            return "No channel has enough CES answers to compare."
        best, worst = self.table.iloc[0], self.table.iloc[-1]
        spread = (f"CES runs from {worst['mean']:.1f} ({in_text(worst['channel'])}) to "
                  f"{best['mean']:.1f} ({in_text(best['channel'])}) of 7")
        if not self.differs:
            return (f"No channel stands out on effort: {spread}, a spread within what chance alone produces; "
                    f"the average is {self.overall:.1f}.")
        return f"Effort differs by channel: {spread}, a spread larger than chance."

    @property
    def differs(self) -> bool:
        """Whether the channels differ on effort by more than chance."""
        return bool(not np.isnan(self.p_value) and self.p_value < ALPHA)

    def in_words(self) -> str:
        """What the test says, for a chart's subtitle."""
        if np.isnan(self.p_value):
            return "Mean CES per channel with its 95% range"
        return ("Channels differ by more than chance" if self.differs else
                "Differences within what chance alone produces") + "; mean CES with its 95% range"

    def method(self) -> str:
        """The test behind :meth:`headline`, for the appendix."""
        if np.isnan(self.p_value):
            return "Fewer than two channels have enough CES answers to be compared."
        return (f"Kruskal-Wallis test across the {len(self.table)} channels with {MIN_ANSWERS} or more CES answers "
                f"(CES is an ordinal 1-7 scale), {p_text(self.p_value)}; below {ALPHA:g} the channels are said to "
                "differ by more than chance. Each channel's mean has a t interval.")

    def finding(self) -> Finding:
        """:meth:`headline` with its figures: the easiest and hardest channel's mean CES (survey, 1-7,
        higher is easier) and, when channels do not differ, the average."""
        figures = []
        for _, row in self.table.iloc[[-1, 0]].drop_duplicates("channel").iterrows():
            figures.append(Figure(f"CES, contacts on {in_text(row['channel'])} (mean)", row["mean"], "of 7",
                                  f"survey answers rating a {in_text(row['channel'])} contact (n = {int(row['n']):,})",
                                  row["low"], row["high"]))
        if not self.differs:
            figures.append(Figure("CES (mean)", self.overall, "of 7", "survey answers with a CES and a channel"))
        return Finding(self.headline(), tuple(figures), "cxlib.omnichannel.effort.effort_by_channel", "ease")


def effort_by_channel(survey: pd.DataFrame, *, min_answers: int = MIN_ANSWERS) -> EffortResult:
    """Mean CES with a 95% t interval and share of 5-7 per channel of the rated contact.

    Parameters
    ----------
    survey : the survey dataset (channel, ces).
    min_answers : channels with fewer CES answers are left out.

    Returns
    -------
    EffortResult
        ``table`` (COLUMNS, easiest first; ``share_easy`` 0-1), the Kruskal-Wallis p-value over
        the listed channels (NaN with fewer than two) and the overall mean CES.
    """
    rows = pd.DataFrame({"channel": normalise(survey["channel"]),
                         "ces": pd.to_numeric(survey["ces"], errors="coerce")}).dropna()
    records, samples = [], []
    for channel, scores in rows.groupby("channel")["ces"]:
        if len(scores) < min_answers:
            continue
        result = ces(scores)
        records.append((channel, label(channel), result.n, result.mean, result.low, result.high,
                        result.share_easy / 100))
        samples.append(scores.to_numpy(float))
    table = pd.DataFrame(records, columns=COLUMNS).sort_values("mean", ascending=False,
                                                               kind="stable").reset_index(drop=True)
    p_value = float(stats.kruskal(*samples).pvalue) if len(samples) >= 2 else np.nan
    return EffortResult(table=table, p_value=p_value,
                        overall=float(rows["ces"].mean()) if len(rows) else np.nan)


def ease(survey: pd.DataFrame) -> CesResult:
    """The survey's CES: mean with its interval and the share of 5-7 ("easy"), for the step's score.

    Parameters
    ----------
    survey : the survey dataset (ces, 1-7; missing answers are ignored).
    """
    return ces(pd.to_numeric(survey["ces"], errors="coerce"))
