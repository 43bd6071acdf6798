"""What each report section needs before it may say anything, kept in one place.

A section runs only when its datasets and columns are there and its minimum sample is met; otherwise
it says, in one sentence of the client's words, what is missing and what would make it possible
("Key drivers need at least 100 complete answers for 4 ratings; this survey has 12."). The same
rules are listed in each report's method notes (:func:`method_notes`), so a reader knows the bar
every finding cleared.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from cxlib import wording

_NOUNS = {"survey": "survey", "customers": "customer base", "metrics": "metric catalog",
          "social": "social export", "tickets": "ticket export", "reviews": "review export",
          "journey": "journey log", "employees": "employee survey",
          "competitors": "competitor benchmark", "brand_promise": "brand promise", "channels": "channel list",
          "interactions": "contact log", "messages": "message library", "practices": "practice self-assessment"}
_COLUMN_WORDS = {"nps": "likelihood-to-recommend (NPS)", "csat": "satisfaction (CSAT)",
                 "ces": "effort (CES)", "attr_*": "attribute rating", "comment": "comment",
                 "responded_at": "response date", "customer_id": "customer id", "agent_id": "agent id",
                 "segment": "segment", "channel": "channel", "churned": "churn",
                 "responded": "answered-or-not", "text": "post text",
                 "also_considered": "also-considered", "survey_column": "survey-column links",
                 "internal_rating": "leadership ratings", "occurred_at": "event dates", "stage": "journey stages",
                 "touchpoint": "touchpoint names", "satisfaction": "touchpoint satisfaction ratings",
                 "effort": "effort ratings", "rating": "star ratings", "brand": "brand names",
                 "previous_channel": "previous-channel entries", "repeated_info": "repeated-information entries",
                 "first_response_minutes": "first-response times", "age_band": "age band",
                 "posted_at": "post dates", "opened_at": "opening dates"}


def dataset_noun(dataset: str) -> str:
    """A dataset as a sentence names it: "customers" -> "customer base"."""
    return _NOUNS.get(dataset, dataset)


# What one row of each dataset is, as a source line counts them.
_ROWS = {"survey": "answers", "customers": "customers", "metrics": "metrics", "social": "posts",
         "tickets": "tickets", "reviews": "reviews", "journey": "events", "employees": "answers",
         "competitors": "rows", "brand_promise": "promises", "channels": "channels",
         "interactions": "contacts", "messages": "messages", "practices": "practices"}
#: The date column that says when each row happened, in the order they are looked for.
DATE_COLUMNS = ("posted_at", "responded_at", "occurred_at", "opened_at", "started_at")


def covered(frame: pd.DataFrame) -> str | None:
    """The dates a dataset covers ("1 Jan – 31 Dec 2025"), or None when it has no dates."""
    column = next((c for c in DATE_COLUMNS if c in frame), None)
    if column is None:
        return None
    when = pd.to_datetime(frame[column], errors="coerce").dropna()
    return wording.dates(when.min(), when.max()) if len(when) else None


def source_line(frames: Mapping[str, pd.DataFrame], datasets: tuple[str, ...]) -> str:
    """The line under an exhibit saying what it is drawn from: "Source: contact log, 48,210 contacts,
    1 Jan – 31 Dec 2025; channel list, 6 channels." Datasets not provided are left out."""
    parts = []
    for name in datasets:
        frame = frames.get(name)
        if frame is None:
            continue
        when = covered(frame)
        parts.append(f"{dataset_noun(name)}, {len(frame):,} {_ROWS.get(name, 'rows')}" + (f", {when}" if when else ""))
    return ("Source: " + "; ".join(parts) + ".") if parts else ""


@dataclass(frozen=True)
class Needs:
    """The inputs and minimum sample of one report section.

    Parameters
    ----------
    what : the section's name as a sentence starts with it ("Key drivers").
    datasets : the datasets the analysis takes, in the order it takes them.
    columns : columns of the first dataset that must be answered together; ``attr_*`` stands for
        the family of rating columns (at least two of them).
    min_rows : rows with every column answered.
    per_column : complete rows needed per column of a family (10 per rating for key drivers).
    period : a date column whose calendar months are compared; with ``min_periods`` months of at
        least ``min_per_period`` answers each (the last two months for a change test).
    group : a column whose groups are compared; at least ``min_groups`` groups of at least
        ``min_per_group`` answers.
    shows : what the section would show, for the method notes.
    """

    what: str
    datasets: tuple[str, ...] = ("survey",)
    columns: tuple[str, ...] = ()
    min_rows: int = 1
    per_column: int = 0
    period: str | None = None
    min_periods: int = 0
    min_per_period: int = 0
    consecutive: bool = False
    group: str | None = None
    min_groups: int = 0
    min_per_group: int = 0
    shows: str = ""

    def _verb(self) -> str:
        # The head noun is the last word before any "of/in/for/by/on/between" phrase: "Key drivers
        # need", "The reading of support replies needs".
        words = self.what.split()
        if words[0].endswith("ing"):  # "Finding the moments of truth needs"
            return "needs"
        head = re.split(r" (?:of|in|for|by|on|between|with|per) ", self.what, maxsplit=1)[0].split()[-1]
        return "need" if head.endswith("s") and not head.endswith("ss") else "needs"

    def rule(self) -> str:
        """The minimum as the method notes state it."""
        parts = []
        if self.per_column:
            parts.append(f"at least {self.per_column} complete answers per rating and {self.min_rows} overall")
        elif self.min_rows > 1:
            parts.append(f"at least {self.min_rows} complete answers")
        if self.min_periods:
            which = " consecutive" if self.consecutive else ""
            parts.append(f"{self.min_periods}{which} months of at least {self.min_per_period} answers each")
        if self.min_groups:
            parts.append(f"{self.min_groups} {_COLUMN_WORDS.get(self.group, self.group)} groups of at least "
                         f"{self.min_per_group} answers each")
        needs = ", ".join(_NOUNS.get(d, d) for d in self.datasets)
        return f"{self.what}: the {needs}" + (f" with {'; '.join(parts)}" if parts else "") + "."

    def _noun(self, dataset: str) -> str:
        """The dataset as a sentence names it; a step may say it in its own words."""
        return _NOUNS.get(dataset, dataset)

    def _column_phrase(self, column: str) -> str:
        """What a column holds, as "this survey has none" completes it ("comment answers")."""
        word = _COLUMN_WORDS.get(column, column)
        if word.endswith(" id"):
            return f"{word}s"
        return word if column in _COLUMN_WORDS and word.endswith("s") else f"{word} answers"

    def shortfall(self, frames: Mapping[str, pd.DataFrame]) -> str | None:
        """None when the section may run; otherwise the one sentence saying why not."""
        verb = self._verb()
        for dataset in self.datasets:
            if frames.get(dataset) is None:
                return f"{self.what} {verb} the {self._noun(dataset)}, which was not provided."
        frame = frames[self.datasets[0]]
        noun = self._noun(self.datasets[0])
        columns, family = [], []
        for column in self.columns:
            if column.endswith("*"):
                family = [c for c in frame.columns if c.startswith(column[:-1]) and len(c) > len(column) - 1]
                if len(family) < 2:
                    return (f"{self.what} {verb} at least two {_COLUMN_WORDS.get(column, column)}s; this {noun} "
                            f"has {len(family) or 'none'}.")
                columns += family
            elif column not in frame.columns or frame[column].isna().all():
                return f"{self.what} {verb} {self._column_phrase(column)}; this {noun} has none."
            else:
                columns.append(column)
        complete = frame.dropna(subset=columns) if columns else frame
        needed = max(self.min_rows, self.per_column * len(family))
        if len(complete) < needed:
            of = f" for {len(family)} ratings" if family else ""
            return (f"{self.what} {verb} at least {needed:,} complete answers{of}; this {noun} has "
                    f"{len(complete):,}.")
        if self.period:
            months = complete[self.period].dt.to_period("M").value_counts().sort_index()
            if self.consecutive:
                last = months.index.max()
                enough = [m for m in (last - 1, last) if months.get(m, 0) >= self.min_per_period]
            else:
                enough = [m for m, n in months.items() if n >= self.min_per_period]
            if len(enough) < self.min_periods:
                which = " consecutive" if self.consecutive else ""
                return (f"{self.what} {verb} {self.min_periods}{which} months of at least {self.min_per_period} "
                        f"answers each; this {noun} has {_count(len(enough), 'such month')}"
                        + (f" (it covers {_count(len(months), 'month')})" if len(months) != len(enough) else "")
                        + ".")
        if self.group:
            if self.group not in complete.columns:
                return f"{self.what} {verb} {_COLUMN_WORDS.get(self.group, self.group)} answers; this {noun} has none."
            sizes = complete[self.group].value_counts()
            enough = int((sizes >= self.min_per_group).sum())
            if enough < self.min_groups:
                word = _COLUMN_WORDS.get(self.group, self.group)
                return (f"{self.what} {verb} at least {self.min_groups} {word}s with {self.min_per_group} answers "
                        f"or more; this {noun} has {enough}" + (f" of {len(sizes)}" if len(sizes) != enough else "")
                        + ".")
        return None


def _count(n: int, noun: str) -> str:
    return f"{'no' if n == 0 else n} {noun}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class Section:
    """A report section: its result when its needs were met, or the sentence saying why not."""

    needs: Needs
    result: Any = None
    reason: str | None = None
    extras: dict = field(default_factory=dict)
    source: str = ""  # the source line under the section's exhibits
    analysis: str = ""  # the cxlib function the section ran ("cxlib.metrics.drivers.key_drivers")

    @property
    def ran(self) -> bool:
        return self.reason is None

    def value(self, default: Any = None) -> Any:
        """The result, or ``default`` when the section could not run."""
        return self.result if self.ran else default


class Unavailable(Exception):
    """Raised by an analysis whose data meet its :class:`Needs` but still cannot support it (a
    condition the needs cannot state, such as no survey answer matching the customer base); the
    message is the one sentence the report shows instead."""


def run_section(frames: Mapping[str, pd.DataFrame], analysis: Callable, *args, needs: Needs,
                **kwargs) -> Section:
    """Run ``analysis`` on the datasets ``needs`` names, if they meet its minimum.

    Parameters
    ----------
    frames : dataset -> frame (absent datasets missing or None).
    analysis : the cxlib function; it is called with the datasets in ``needs.datasets`` order,
        then ``args`` and ``kwargs``.
    needs : what the section needs.

    An analysis that finds its data unusable in a way ``needs`` cannot state raises
    :class:`Unavailable` with the sentence to show; the section then did not run.
    """
    reason = needs.shortfall(frames)
    if reason is not None:
        return Section(needs, None, reason)
    try:
        return Section(needs, analysis(*(frames[d] for d in needs.datasets), *args, **kwargs),
                       source=source_line(frames, _read(frames, needs, args, kwargs)),
                       analysis=f"{analysis.__module__}.{analysis.__qualname__}")
    except Unavailable as why:
        return Section(needs, None, str(why))


def _read(frames: Mapping[str, pd.DataFrame], needs: Needs, args: tuple, kwargs: dict) -> tuple[str, ...]:
    """Every dataset an analysis reads: those its needs name, then any other client frame it is given
    (``interactions=cx.get("interactions")``), so that a source line names them all."""
    given = [a for a in (*args, *kwargs.values()) if isinstance(a, pd.DataFrame)]
    extra = [name for name, frame in frames.items()
             if name not in needs.datasets and frame is not None and any(frame is a for a in given)]
    return (*needs.datasets, *extra)


def method_notes(needs: list[Needs] | tuple[Needs, ...]) -> str:
    """The minimums of a report's sections, as one markdown list for its method notes."""
    return "**What each section needs.** " + " ".join(n.rule() for n in needs)


# Each step's sections live in their own module; they are imported here so that a notebook reads
# ``sections.KEY_DRIVERS`` and every rule stays in this one package.
from cxlib.sections.step1 import *  # noqa: E402,F401,F403
from cxlib.sections.step2 import *  # noqa: E402,F401,F403
from cxlib.sections.step3 import *  # noqa: E402,F401,F403
from cxlib.sections.step4 import *  # noqa: E402,F401,F403
from cxlib.sections.step5 import *  # noqa: E402,F401,F403
from cxlib.sections.step6 import *  # noqa: E402,F401,F403
from cxlib.sections.step7 import *  # noqa: E402,F401,F403
from cxlib.sections.engagement import *  # noqa: E402,F401,F403
