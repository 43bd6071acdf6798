"""Comment themes from a lexicon a consultant can read and extend.

A theme is a label and a few regular-expression word patterns, matched case-insensitively on word
boundaries: ``"bill\\w*"`` matches "bill", "billing", "billed". A lexicon beats a topic model here
because the client can see exactly why a comment counts as "Price & billing", and a consultant can
add the client's own words (product names, store names) in one line.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from cxlib.text.industry_themes import INDUSTRY_THEMES, TELECOM, industry_key
from cxlib.text.pii import redact
from cxlib.text.sentiment import compound

# The telecom lexicon, kept as the default of the functions below for callers that state none;
# reports choose the client's own with :func:`client_themes`.
DEFAULT_THEMES: dict[str, tuple[str, ...]] = TELECOM
MIN_DISCOVERY_COMMENTS = 40  # below this, themes found in the comments are noise


@dataclass(frozen=True)
class ThemeSet:
    """The themes a client's comments are read with, and where they come from."""

    themes: dict[str, tuple[str, ...]]
    source: str

    def method(self) -> str:
        """The sentence the report's method notes give."""
        return (f"Comment themes come from {self.source}; a comment counts for a theme only when it uses "
                "one of the theme's words.")


def discovered_themes(texts: pd.Series, *, n_themes: int = 6, n_words: int = 4, seed: int = 0
                      ) -> dict[str, tuple[str, ...]]:
    """Themes found in the comments themselves: TF-IDF and non-negative matrix factorisation.

    Each theme is named by its top words and matches exactly those words, so a comment counts for
    a theme only where the theme's words are in it.

    Parameters
    ----------
    texts : the comments; fewer than :data:`MIN_DISCOVERY_COMMENTS` non-blank ones give no themes.
    n_themes : how many themes to look for (fewer when the vocabulary is small).
    n_words : how many top words name and match a theme.
    seed : for the factorisation's start, so reports are reproducible.
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    present = texts[_comment_mask(texts)].astype(str)
    if len(present) < MIN_DISCOVERY_COMMENTS:
        return {}
    vectorizer = TfidfVectorizer(stop_words="english", token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]{2,}\b",
                                 min_df=3, max_df=0.6)
    try:
        matrix = vectorizer.fit_transform(present)
    except ValueError:  # every word is a stop word or too rare
        return {}
    words = vectorizer.get_feature_names_out()
    k = min(n_themes, matrix.shape[1] // n_words)
    if k < 2:
        return {}
    model = NMF(n_components=k, init="nndsvd", random_state=seed, max_iter=400).fit(matrix)
    themes: dict[str, tuple[str, ...]] = {}
    for weights in model.components_:
        top = [str(words[i]) for i in np.argsort(weights)[::-1][:n_words]]
        label = ", ".join(top[:3]).capitalize()
        if label not in themes:
            themes[label] = tuple(re.escape(w) for w in top)
    return themes


def client_themes(industry: str | None, comments: pd.Series | None,
                  extra: Mapping[str, Sequence[str]] | None = None) -> ThemeSet:
    """The themes for a client: its industry's lexicon, else themes found in its comments.

    Parameters
    ----------
    industry : client.yml's ``industry``.
    comments : the comments the themes will read (used only when no lexicon fits).
    extra : client.yml's ``themes``: added to the lexicon, or replacing a theme of the same name.
    """
    key = industry_key(industry)
    extra = {name: tuple(patterns) for name, patterns in (extra or {}).items()}
    if key is not None:
        source = f"the {key} lexicon" + (" with the client's own themes" if extra else "")
        return ThemeSet({**INDUSTRY_THEMES[key], **extra}, source)
    found = discovered_themes(comments) if comments is not None else {}
    if found:
        return ThemeSet({**found, **extra}, "the comments themselves (the words that occur together most, "
                                            "found by TF-IDF and non-negative matrix factorisation)")
    return ThemeSet(extra, "the client's own list" if extra else "no lexicon (the industry matched none, and "
                                                                 "there are too few comments to find themes)")


GROUP_ORDER = ("promoter", "passive", "detractor")


@lru_cache(maxsize=256)
def _compile(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", flags=re.IGNORECASE)


def _distinct(texts: pd.Series) -> tuple[np.ndarray, list]:
    """Each row's code and the distinct values (code -1 for a missing value): comments repeat, so
    regexes run once per distinct text and map back by code."""
    codes, distinct = pd.factorize(pd.Series(texts, copy=False).to_numpy(dtype=object), use_na_sentinel=True)
    return codes, list(distinct)


def _by_code(codes: np.ndarray, per_distinct: list[bool]) -> np.ndarray:
    """A per-distinct-text flag spread back over the rows (False for a missing value)."""
    return np.array(per_distinct + [False], dtype=bool)[codes]


def _comment_mask(texts: pd.Series) -> pd.Series:
    """True where a text is present and not blank."""
    codes, distinct = _distinct(texts)
    return pd.Series(_by_code(codes, [isinstance(t, str) and bool(t.strip()) for t in distinct]),
                     index=texts.index, dtype=bool)


def tag_themes(
    texts: pd.Series, themes: Mapping[str, Sequence[str]] = DEFAULT_THEMES
) -> pd.DataFrame:
    """Which themes each text mentions.

    Parameters
    ----------
    texts : free-text column; missing or blank texts mention no theme.
    themes : theme label -> regex word patterns (see module docstring).

    Returns
    -------
    pd.DataFrame
        bool frame on the same index, one column per theme, in the order of ``themes``.
    """
    codes, distinct = _distinct(texts)
    tagged = {}
    for label, patterns in themes.items():
        pattern = _compile(tuple(patterns))
        tagged[label] = _by_code(codes, [isinstance(t, str) and bool(pattern.search(t)) for t in distinct])
    return pd.DataFrame(tagged, index=texts.index, columns=list(themes), dtype=bool)


def _group_labels(groups: pd.Series) -> list:
    # A categorical's order is the analyst's (promoter, passive, detractor); otherwise sorted.
    if isinstance(groups.dtype, pd.CategoricalDtype):
        return list(groups.cat.categories)
    return sorted(groups.dropna().unique(), key=str)


def themes_by_group(
    texts: pd.Series,
    groups: pd.Series,
    themes: Mapping[str, Sequence[str]] = DEFAULT_THEMES,
    *,
    names: Sequence[str] = (),
) -> pd.DataFrame:
    """How often each group's comments mention each theme, and how they feel about it.

    Parameters
    ----------
    texts : free-text column.
    groups : group of each text (same index); rows with a missing group are ignored.
    themes : theme label -> regex word patterns.
    names : brand names masked before the tone is scored (:func:`cxlib.text.sentiment.compound`).

    Returns
    -------
    pd.DataFrame
        long frame with columns group, theme, comments (non-empty comments in the group),
        mentions, share (mentions / comments * 100, NaN without comments) and mean_sentiment
        (mean VADER compound of the mentioning comments, NaN without mentions).
    """
    present = _comment_mask(texts) & groups.notna()
    tags = tag_themes(texts[present], themes)
    scores = compound(texts[present], names=names)
    in_group = groups[present]
    rows = []
    for group in _group_labels(groups):
        members = (in_group == group).to_numpy(dtype=bool)
        n_comments = int(members.sum())
        for label in themes:
            hits = members & tags[label].to_numpy(dtype=bool)
            n_hits = int(hits.sum())
            rows.append({
                "group": group,
                "theme": label,
                "comments": n_comments,
                "mentions": n_hits,
                "share": n_hits / n_comments * 100 if n_comments else np.nan,
                "mean_sentiment": float(scores[hits].mean()) if n_hits else np.nan,
            })
    columns = ["group", "theme", "comments", "mentions", "share", "mean_sentiment"]
    return pd.DataFrame(rows, columns=columns)


def top_theme(table: pd.DataFrame, group: str) -> tuple[str, float] | None:
    """The theme a group mentions most in a :func:`themes_by_group` table, with its share (%).

    None when the group has no mention of any theme; ties go to the theme listed first.
    """
    rows = table[(table["group"] == group) & (table["mentions"] > 0)]
    if rows.empty:
        return None
    best = rows.sort_values("share", ascending=False, kind="stable").iloc[0]
    return str(best["theme"]), float(best["share"])


@dataclass(frozen=True)
class ReasonsResult:
    """Why customers give the score they give: themes per NPS class, with redacted quotes."""

    table: pd.DataFrame
    quotes: pd.DataFrame

    def top_theme(self, group: str) -> tuple[str, float] | None:
        """(theme, share) most mentioned by a group, or None when the group has no mentions."""
        return top_theme(self.table, group)

    def headline(self) -> str:
        detractor, promoter = self.top_theme("detractor"), self.top_theme("promoter")
        parts = []
        if detractor:
            parts.append(f"Detractors most often mention {detractor[0]} "
                         f"({detractor[1]:.0f}% of their comments)")
        if promoter:
            parts.append(f"promoters praise {promoter[0]} ({promoter[1]:.0f}%)")
        if not parts:
            return "No comment mentions any theme, so the reasons behind the scores are unknown."
        sentence = "; ".join(parts) + "."
        return sentence[0].upper() + sentence[1:]


def _classify(scores: pd.Series) -> pd.Series:
    """NPS class of each non-missing score, using the shared NPS definition."""
    # Lazy: cxlib.metrics imports cxlib.text, and text users need not load all of metrics.
    from cxlib.metrics.nps import classify

    numeric = pd.to_numeric(scores, errors="coerce").astype(float).dropna()
    return pd.Series(classify(numeric), index=numeric.index).astype(object)


def _pick_quotes(texts: pd.Series, group: str, n: int = 2, names: Sequence[str] = ()) -> list[str]:
    # The clearest voice of each class: detractors' most negative comments, promoters' most
    # positive, passives' most negative (what holds them back). Ties keep survey order.
    # Identical comments are quoted once.
    unique = texts.drop_duplicates()
    scores = compound(unique, names=names)
    ascending = group != "promoter"
    order = scores.sort_values(ascending=ascending, kind="stable").index
    return [redact(unique[i]) for i in order[:n]]


def reasons_for_score(
    survey: pd.DataFrame,
    *,
    score_col: str = "nps",
    comment_col: str = "comment",
    themes: Mapping[str, Sequence[str]] = DEFAULT_THEMES,
    names: Sequence[str] = (),
) -> ReasonsResult:
    """Themes of promoters', passives' and detractors' comments, with two quotes per class.

    Parameters
    ----------
    survey : survey responses (docs/data-contract.md); rows without a score are ignored.
    score_col : 0-10 likelihood-to-recommend column.
    comment_col : free-text column.
    themes : theme label -> regex word patterns.
    names : the client's and competitors' names, masked before tone is scored.

    Returns
    -------
    ReasonsResult
        ``table`` is :func:`themes_by_group` over the NPS classes; ``quotes`` holds group, theme
        quote (redacted) and attribution ("Detractor on Waiting & speed"): two comments per class
        mentioning that class's top theme.
    """
    survey = survey.reset_index(drop=True)  # a unique index, so classes align row by row
    classes = _classify(survey[score_col])
    groups = pd.Series(
        pd.Categorical(classes.reindex(survey.index), categories=list(GROUP_ORDER)),
        index=survey.index,
    )
    texts = survey[comment_col]
    table = themes_by_group(texts, groups, themes, names=names)
    result = ReasonsResult(table=table, quotes=pd.DataFrame(columns=["group", "theme", "quote"]))
    quotes = []
    present = _comment_mask(texts)
    for group in GROUP_ORDER:
        top = result.top_theme(group)
        if top is None:
            continue
        mask = present & (groups == group).to_numpy(dtype=bool)
        tags = tag_themes(texts[mask], themes)
        tagged = tags[top[0]]
        # A quote shown "on Delivery" should be about delivery: comments that touch only that theme
        # come first, and a comment already quoted for another class is not repeated.
        single = tagged & (tags.sum(axis=1) == 1)
        used = {q["quote"] for q in quotes}
        picked = [q for q in _pick_quotes(texts[mask][single], group, n=2 + len(used), names=names)
                  if q not in used][:2]
        if len(picked) < 2:
            rest = [q for q in _pick_quotes(texts[mask][tagged & ~single], group, n=2 + len(used), names=names)
                    if q not in used and q not in picked]
            picked += rest[:2 - len(picked)]
        for quote in picked:
            quotes.append({"group": group, "theme": top[0], "quote": quote,
                           "attribution": f"{group.title()} on {top[0]}"})
    quotes_frame = pd.DataFrame(quotes, columns=["group", "theme", "quote", "attribution"])
    return ReasonsResult(table=table, quotes=quotes_frame)
