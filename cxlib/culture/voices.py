"""What staff write: culture themes in the employee survey's comments, by level.

Themes come from a small lexicon (:data:`CULTURE_THEMES`, same rules as
:mod:`cxlib.text.themes`: regular-expression word patterns, case-insensitive, a comment can
mention several). A group with fewer than the anonymity minimum of comments is not shown, and
quotes are attributed to a level only, never to a department, after personal data is removed.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from cxlib.culture.alignment import LEVEL_LABELS, LEVELS
from cxlib.culture.anonymity import MIN_GROUP, protect_series
from cxlib.report.verdict import Figure, Finding
from cxlib.text.pii import redact
from cxlib.text.themes import tag_themes, themes_by_group, top_theme

CULTURE_THEMES: dict[str, tuple[str, ...]] = {
    "CX as a priority": (
        r"priorit\w*", r"customer[- ]centric", r"number one", r"the board", r"top of the agenda",
        r"customer[- ]obsess\w*",
    ),
    "CX and its return": (
        r"revenue", r"roi", r"return on", r"pays? back", r"business case", r"bottom line",
        r"profit\w*",
    ),
    "Distance from customers": (
        r"never (?:hear|see|meet|talk)\w*", r"from customers", r"affects? customers",
        r"survey results", r"only through escalations", r"what (?:they|customers) need",
        r"far from (?:the )?customers?",
    ),
    "Targets & measures": (
        r"targets?", r"handle time", r"measured", r"kpis?", r"quotas?", r"nps",
    ),
    "Training": (
        r"training", r"trained", r"onboarding", r"coaching",
    ),
    "Silos & hand-offs": (
        r"repeat\w*", r"hand-?offs?", r"silos?", r"transferr?\w*", r"systems? don't show",
        r"from chat to phone", r"between teams",
    ),
    "Freedom to try": (
        r"approvals?", r"stuck", r"red tape", r"experiment\w*", r"permission", r"good ideas",
    ),
}


def _lower(theme: str) -> str:
    """A theme inside a sentence: "Distance from ..." -> "distance from ...", "CX ..." kept."""
    return theme if theme[1:2].isupper() else theme[:1].lower() + theme[1:]


ATTRIBUTION = {"Leaders": "A leader", "Managers": "A manager", "Frontline": "A frontline employee"}


@dataclass(frozen=True)
class VoicesResult:
    """Comment themes per group, the groups shown, and one redacted quote per shown group."""

    table: pd.DataFrame   # group, theme, comments, mentions, share, mean_sentiment
    quotes: pd.DataFrame  # group, theme, quote, attribution
    hidden: tuple[str, ...]

    def top_theme(self, group: str) -> tuple[str, float] | None:
        """(theme, share %) most mentioned by a shown group, or None."""
        return top_theme(self.table, group)

    def quoted(self) -> pd.DataFrame:
        """The quotes with their attribution as the report prints it ("A leader, on training")."""
        out = self.quotes[["quote"]].copy()
        out["attribution"] = [f"{who}, on {_lower(theme)}"
                              for who, theme in zip(self.quotes["attribution"], self.quotes["theme"])]
        return out

    def comments(self, group: str) -> int:
        rows = self.table[self.table["group"] == group]
        return int(rows["comments"].iloc[0]) if len(rows) else 0

    def title(self, first: str = "Leaders", second: str = "Frontline") -> str:
        """Action title for the themes chart."""
        a, b = self.top_theme(first), self.top_theme(second)
        if a is None or b is None:
            return "What staff write about"
        if a[0] == b[0]:
            return f"{first} and the {second.lower()} both write most about {_lower(a[0])}"
        return f"{first} write about {_lower(a[0])}; the {second.lower()} about {_lower(b[0])}"

    def headline(self, first: str = "Leaders", second: str = "Frontline") -> str:
        a, b = self.top_theme(first), self.top_theme(second)
        if a is None or b is None:
            return "Too few comments to compare what leaders and the frontline write about."
        same = " too" if a[0] == b[0] else ""
        return (f"{first}' comments most often talk about {_lower(a[0])} ({a[1]:.0f}% of "
                f"{self.comments(first):,} comments); the {second.lower()}'s most often about "
                f"{_lower(b[0])}{same} ({b[1]:.0f}% of {self.comments(second):,}).")

    def finding(self, first: str = "Leaders", second: str = "Frontline") -> Finding:
        """:meth:`headline` with the shares and comment counts it states."""
        figures = []
        for group in (first, second):
            top = self.top_theme(group)
            if top is not None:
                pop = f"employee survey comments, {group.lower()} (n = {self.comments(group):,})"
                figures += [Figure(f"comments on {_lower(top[0])}, {group.lower()}", top[1], "%", pop),
                            Figure(f"comments, {group.lower()}", self.comments(group), "comments", pop)]
        return Finding(self.headline(first, second), tuple(figures), source="cxlib.culture.voices.comment_themes",
                       theme="culture")


def comment_themes(employees: pd.DataFrame, *, by: str = "level",
                   themes: Mapping[str, Sequence[str]] = CULTURE_THEMES,
                   labels: Mapping[str, str] = LEVEL_LABELS, order: Sequence[str] = LEVELS,
                   min_n: int = MIN_GROUP) -> VoicesResult:
    """Culture themes of the comments per group, with one quote for each group's top theme.

    Parameters
    ----------
    employees : the employees dataset (``comment`` may be missing or empty).
    by : grouping column (default the level).
    themes : theme -> word patterns.
    labels : group value -> name shown (e.g. "leadership" -> "Leaders").
    order : order of the groups.
    min_n : a group needs this many comments to be shown (with complementary hiding).

    Returns
    -------
    VoicesResult
        ``table`` is :func:`cxlib.text.themes.themes_by_group` over the shown groups (share in
        %); ``quotes`` holds the most frequent comment mentioning each group's top theme,
        redacted, attributed to the group only.
    """
    empty = VoicesResult(pd.DataFrame(columns=["group", "theme", "comments", "mentions", "share",
                                               "mean_sentiment"]),
                         pd.DataFrame(columns=["group", "theme", "quote", "attribution"]), ())
    if "comment" not in employees.columns:
        return empty
    texts = employees["comment"].where(employees["comment"].astype(str).str.strip() != "")
    present = texts.notna() & employees[by].notna()
    if not present.any():
        return empty
    named = employees[by].map(lambda g: labels.get(g, g))
    counts = named[present].value_counts()
    ranked = [labels.get(g, g) for g in order if labels.get(g, g) in counts.index]
    ranked += sorted(set(counts.index) - set(ranked))
    counts = counts.reindex(ranked)
    hidden = protect_series(counts, min_n=min_n)
    shown = [g for g in ranked if not hidden[g]]
    groups = pd.Series(pd.Categorical(named.where(named.isin(shown)), categories=shown),
                       index=employees.index)
    table = themes_by_group(texts, groups, themes)
    result = VoicesResult(table, empty.quotes, tuple(g for g in ranked if hidden[g]))
    quotes = []
    for group in shown:
        top = result.top_theme(group)
        if top is None:
            continue
        mine = texts[present & (groups == group).to_numpy(dtype=bool)]
        tagged = mine[tag_themes(mine, {top[0]: themes[top[0]]})[top[0]]]
        # The most frequent wording (ties: alphabetical), so the quote is typical, not extreme.
        quote = min(tagged.value_counts().items(), key=lambda kv: (-kv[1], kv[0]))[0]
        quotes.append((group, top[0], redact(quote), ATTRIBUTION.get(group, group)))
    quotes = pd.DataFrame(quotes, columns=["group", "theme", "quote", "attribution"])
    return VoicesResult(table, quotes, result.hidden)
