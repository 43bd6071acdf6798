"""What the sections of step 2 (competitor benchmarking) need.

Most of step 2 compares the client with other brands, so besides datasets, columns and a sample a
section may need the client itself in the data (its own benchmark scores, enough posts about it),
enough other brands to compare with, and for a trend two months of measurement. :class:`BrandNeeds`
adds those checks; the notebook names the client with ``sections.BENCHMARK.of(me)``.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from cxlib.competition.considered import brand_key
from cxlib.competition.social import MIN_RATE_POSTS, MIN_TONE_POSTS
from cxlib.sections import Needs
from cxlib.sections.step7 import KEY_DRIVERS

# Datasets and columns as the step-2 sentences say them.
_NOUNS = {"competitors": "competitor benchmark", "social": "social export", "survey": "survey"}
_WORDS = {"also_considered": "answers to the question which other brands customers considered",
          "responded": "answered-or-not flags", "text": "post texts", "score": "benchmark scores",
          "measured_at": "measurement dates", "nps": "likelihood-to-recommend (NPS) answers"}
_UNITS = {"social": "posts", "competitors": "scores"}
MIN_ANSWERS = 30  # a share of respondents is stated on at least 30 answers to its question


@dataclass(frozen=True)
class BrandNeeds(Needs):
    """A step-2 section: :class:`~cxlib.sections.Needs` plus the brands it compares.

    Parameters
    ----------
    brands_in : the dataset whose ``brand`` column names the brands ("" when no brand is compared).
    client : the client's name as the data spells it (any case or spacing); set by :meth:`of`.
    min_client_rows : rows about the client with every column of ``columns`` answered.
    min_others : other brands needed, each with ``min_per_other`` such rows.
    min_waves : months of ``measured_at`` in which the client and another brand were both scored.
    """

    brands_in: str = ""
    client: str | None = None
    min_client_rows: int = 0
    min_others: int = 0
    min_per_other: int = 1
    min_waves: int = 0

    def of(self, client: str) -> BrandNeeds:
        """The same needs, for the client named ``client``."""
        return replace(self, client=client)

    def _unit(self) -> str:
        return _UNITS.get(self.brands_in, "rows")

    def rule(self) -> str:
        """The minimum as the method notes state it."""
        parts = []
        if self.per_column:
            parts.append(f"at least {self.per_column} complete answers per rating and {self.min_rows} overall")
        elif self.min_rows > 1:
            words = _WORDS.get(self.columns[0], "answers") if len(self.columns) == 1 else "complete answers"
            parts.append(f"at least {self.min_rows} {words}")
        if self.min_client_rows == 1:
            parts.append(f"the client's own {self._unit()}")
        elif self.min_client_rows > 1:
            parts.append(f"at least {self.min_client_rows} {self._unit()} about the client")
        if self.min_others:
            each = (f" with at least {self.min_per_other} {self._unit()}" + (" each" if self.min_others > 1 else "")
                    if self.min_per_other > 1 else "")
            parts.append(f"{_brands(self.min_others)}{each} to compare with")
        if self.min_waves:
            parts.append(f"{self.min_waves} months of measurement")
        needs = " and ".join(_NOUNS.get(d, d) for d in self.datasets)
        return f"{self.what}: the {needs}" + (f" with {'; '.join(parts)}" if parts else "") + "."

    def _noun(self, dataset: str) -> str:
        return _NOUNS.get(dataset, dataset)

    def _column_phrase(self, column: str) -> str:
        return _WORDS.get(column, column)

    def shortfall(self, frames: Mapping[str, pd.DataFrame]) -> str | None:
        """None when the section may run; otherwise the one sentence saying why not."""
        reason = super().shortfall(frames)
        if reason is not None or self.client is None or not self.brands_in:
            return reason
        return self._brand_shortfall(frames[self.brands_in], self._verb())

    def _brand_shortfall(self, frame: pd.DataFrame, verb: str) -> str | None:
        mine_first = self.brands_in == self.datasets[0]
        columns = [c for c in self.columns if not c.endswith("*")] if mine_first else []
        rows = frame.dropna(subset=columns)
        keys = rows["brand"].map(brand_key)
        rows, keys = rows[keys != ""], keys[keys != ""]
        counts = keys.value_counts()
        noun, unit, me = _NOUNS.get(self.brands_in, self.brands_in), self._unit(), brand_key(self.client)
        mine = int(counts.get(me, 0))
        if mine < self.min_client_rows:
            if self.min_client_rows <= 1:
                return f"{self.what} {verb} {self.client}'s own {unit}; this {noun} has none."
            return (f"{self.what} {verb} at least {self.min_client_rows:,} {unit} about {self.client}; "
                    f"this {noun} has {f'{mine:,}' if mine else 'none'}.")
        others = counts.drop(me, errors="ignore")
        enough = int((others >= self.min_per_other).sum())
        if enough < self.min_others:
            each = (f" with at least {self.min_per_other:,} {unit}" + (" each" if self.min_others > 1 else "")
                    if self.min_per_other > 1 else "")
            which = "a brand" if self.min_others == 1 else f"{self.min_others} brands"
            return (f"{self.what} {verb} {which} other than {self.client}{each}; this {noun} has "
                    f"{enough or 'none'}" + (f" of {len(others)}" if enough and len(others) != enough else "")
                    + ".")
        if self.min_waves:
            month = rows["measured_at"].dt.to_period("M")
            scored = pd.DataFrame({"month": month, "client": keys == me}).groupby("month")["client"]
            waves = int(((scored.sum() > 0) & (scored.size() > scored.sum())).sum())
            if waves < self.min_waves:
                return (f"{self.what} {verb} {self.min_waves} months in which {self.client} and a competitor "
                        f"were both scored; this {noun} has {waves or 'none'}.")
        return None


def _brands(n: int) -> str:
    return "another brand" if n == 1 else f"{n} other brands"


CONSIDERED = BrandNeeds("Who customers also consider", columns=("also_considered",), min_rows=MIN_ANSWERS,
                        shows="the share of those who answered naming each brand they also considered")
BENCHMARK = BrandNeeds("The attribute benchmark", datasets=("competitors",), brands_in="competitors",
                       columns=("score",), min_client_rows=1, min_others=1,
                       shows="each brand's latest score per attribute and the gap to the best competitor")
BENCHMARK_TREND = BrandNeeds("The benchmark trend", datasets=("competitors",), brands_in="competitors",
                             columns=("score", "measured_at"), min_client_rows=1, min_others=1, min_waves=2,
                             shows="the gap to the best competitor in each month of measurement")
# Importance is step 7's key-driver analysis, so it keeps step 7's minimum.
ATTACK = BrandNeeds("Where to attack first", datasets=("survey", "competitors"), brands_in="competitors",
                    columns=KEY_DRIVERS.columns, min_rows=KEY_DRIVERS.min_rows, per_column=KEY_DRIVERS.per_column,
                    min_client_rows=1, min_others=1,
                    shows="each benchmark attribute's importance for NPS against the gap to the best competitor")
SOCIAL_CARE = BrandNeeds("Social care", datasets=("social",), brands_in="social", columns=("responded",),
                         min_client_rows=MIN_RATE_POSTS,
                         shows="how often and how fast each brand answers posts about it")
SOCIAL_TONE = BrandNeeds("The tone comparison", datasets=("social",), brands_in="social", columns=("text",),
                         min_client_rows=MIN_TONE_POSTS, min_others=1, min_per_other=MIN_TONE_POSTS,
                         shows="the tone of the posts about each brand")
SOCIAL_NAMED = BrandNeeds("Mentions in competitors' posts", datasets=("social",), brands_in="social",
                          columns=("text",), min_others=1, min_per_other=MIN_RATE_POSTS,
                          shows="posts about competitors that name the client")

STEP_2 = (CONSIDERED, BENCHMARK, BENCHMARK_TREND, ATTACK, SOCIAL_CARE, SOCIAL_TONE, SOCIAL_NAMED)

__all__ = [
    "ATTACK",
    "BENCHMARK",
    "BENCHMARK_TREND",
    "CONSIDERED",
    "SOCIAL_CARE",
    "SOCIAL_NAMED",
    "SOCIAL_TONE",
    "STEP_2",
    "BrandNeeds",
]
