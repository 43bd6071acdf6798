"""Score-integrity audit: is NPS being gamed?

Frontline NPS targets invite "coaching" ("anything below a 10 counts against me"). Two traces are
testable. (1) An agent or location whose share of 10s is far above everyone else's: an exact
binomial test against the pooled share of the other units, with Benjamini-Hochberg control because
we test every unit at once. (2) 10s whose own comment is negative ("10 - but the wait was awful"),
which a customer who was asked for a 10 leaves behind.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import binomtest
from statsmodels.stats.multitest import multipletests

from cxlib.text.pii import redact_series
from cxlib.text.sentiment import compound

_OUTLIER_COLUMNS = [
    "unit", "n", "tens", "share_tens", "peer_share", "p_value", "q_value", "flagged",
]
_CONTRADICT_COLUMNS = ["response_id", "agent_id", "location_id", "compound", "comment"]
_UNIT_NOUN = {"agent_id": "agent", "location_id": "location"}


def _scores(survey: pd.DataFrame, score_col: str) -> pd.Series:
    # Nullable Int64 -> float with NaN, so comparisons and numpy math behave.
    return pd.to_numeric(survey[score_col], errors="coerce").astype(float)


def tens_outliers(
    survey: pd.DataFrame,
    *,
    by: str = "agent_id",
    score_col: str = "nps",
    min_n: int = 20,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Units (agents, locations) whose share of 10s is implausibly high against their peers.

    Parameters
    ----------
    survey : survey responses; rows missing the score or the unit are ignored (no rows at all when
        the survey has no such column).
    by : unit column, e.g. ``"agent_id"`` or ``"location_id"``.
    score_col : 0-10 likelihood-to-recommend column.
    min_n : units with fewer scored responses are not tested (too little evidence either way).
    alpha : false-discovery rate for ``flagged``.

    Returns
    -------
    pd.DataFrame
        One row per unit with ``n >= min_n``: unit, n, tens, share_tens (0-100), peer_share
        (0-100, pooled share of 10s among the responses of every *other* unit, tested or not),
        p_value (one-sided exact binomial test of ``tens`` out of ``n`` against ``peer_share``),
        q_value (Benjamini-Hochberg over the tested units), flagged (``q_value < alpha`` and
        ``share_tens > peer_share``). Sorted by share_tens, highest first.
    """
    if by not in survey.columns:
        return pd.DataFrame(columns=_OUTLIER_COLUMNS)
    scores = _scores(survey, score_col)
    answered = scores.notna() & survey[by].notna()
    rows = pd.DataFrame({"unit": survey[by], "ten": scores == 10})[answered]
    counts = rows.groupby("unit", sort=True)["ten"].agg(n="size", tens="sum").reset_index()
    total_n, total_tens = int(counts["n"].sum()), int(counts["tens"].sum())
    table = counts[counts["n"] >= min_n].copy()
    if table.empty:
        return pd.DataFrame(columns=_OUTLIER_COLUMNS)
    table["n"] = table["n"].astype(int)
    table["tens"] = table["tens"].astype(int)
    peer_n = total_n - table["n"]
    table["share_tens"] = table["tens"] / table["n"] * 100
    table["peer_share"] = ((total_tens - table["tens"]) / peer_n.where(peer_n > 0)) * 100
    table["p_value"] = [
        binomtest(int(k), int(n), p / 100, alternative="greater").pvalue if pd.notna(p) else np.nan
        for k, n, p in zip(table["tens"], table["n"], table["peer_share"])
    ]
    tested = table["p_value"].notna()
    table["q_value"] = np.nan
    if tested.any():
        q_values = multipletests(table.loc[tested, "p_value"], method="fdr_bh")[1]
        table.loc[tested, "q_value"] = q_values
    table["flagged"] = (table["q_value"] < alpha) & (table["share_tens"] > table["peer_share"])
    table = table.sort_values(["share_tens", "unit"], ascending=[False, True], kind="stable")
    return table[_OUTLIER_COLUMNS].reset_index(drop=True)


def contradicting_tens(
    survey: pd.DataFrame,
    *,
    score_col: str = "nps",
    comment_col: str = "comment",
    threshold: float = -0.05,
    names: Sequence[str] = (),
) -> pd.DataFrame:
    """Responses that score 10 while their comment reads negative.

    Parameters
    ----------
    survey : survey responses.
    score_col : 0-10 likelihood-to-recommend column.
    comment_col : free-text column.
    threshold : a 10 is contradicted when its comment's VADER compound is at or below this.
    names : the client's and competitors' names, masked before the tone is read
        (:func:`cxlib.text.sentiment.compound`).

    Returns
    -------
    pd.DataFrame
        response_id, agent_id, location_id (missing when the survey lacks the column),
        compound and comment (redacted), in survey order; the survey's index is kept.
    """
    if comment_col not in survey.columns:
        return pd.DataFrame(columns=_CONTRADICT_COLUMNS)
    tens = survey[_scores(survey, score_col) == 10]
    scores = compound(tens[comment_col], names=names)
    hits = tens[scores <= threshold]
    out = hits.reindex(columns=["response_id", "agent_id", "location_id"])
    out["compound"] = scores[hits.index]
    out["comment"] = redact_series(hits[comment_col])
    return out[_CONTRADICT_COLUMNS]


def _nps_score(scores: pd.Series) -> float:
    # Lazy: cxlib.metrics/__init__ may import this module; nps is the one shared definition.
    from cxlib.metrics.nps import nps

    return nps(scores).score if scores.notna().any() else np.nan


def _points(value: float) -> str:
    return "n/a" if pd.isna(value) else ("0" if round(value) == 0 else f"{round(value):+d}")


_NUMBER_WORDS = ["0", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def _count(n: int, noun: str, possessive: bool = False) -> str:
    """'one agent's', 'two agents'', '12 locations''."""
    word = _NUMBER_WORDS[n] if 0 < n < len(_NUMBER_WORDS) else f"{n:,}"
    plural = noun if n == 1 else noun + "s"
    if possessive:
        plural = plural + ("'s" if n == 1 else "'")
    return f"{word} {plural}"


@dataclass(frozen=True)
class IntegrityResult:
    """Outcome of the score-integrity audit (NPS in points, -100 to +100)."""

    flagged: pd.DataFrame
    contradicting: pd.DataFrame
    reported_nps: float
    adjusted_nps: float
    excluded: int
    units: tuple[str, ...] = ("agent_id", "location_id")

    def examples(self, n: int = 6) -> pd.DataFrame:
        """Up to ``n`` contradicted 10s: the unit columns the survey has, and the comment."""
        columns = [c for c in ("agent_id", "location_id") if self.contradicting[c].notna().any()]
        return self.contradicting[[*columns, "comment"]].head(n)

    def headline(self) -> str:
        if self.excluded == 0:
            if not self.units:
                return ("The answers carry no agent or location, so 10s cannot be checked per agent or "
                        "location; no 10 contradicts its own comment, and NPS stays at "
                        f"{_points(self.reported_nps)}.")
            who = " or ".join(_UNIT_NOUN.get(u, u) for u in self.units)
            return (f"No sign of gamed scores: no {who} gives implausibly many 10s "
                    "and no 10 contradicts its comment; NPS stays at "
                    f"{_points(self.reported_nps)}.")
        dimensions = self.flagged["dimension"]
        causes = [
            _count(int((dimensions == d).sum()), _UNIT_NOUN.get(d, f"{d} unit"), possessive=True)
            for d in dict.fromkeys(dimensions)  # flagged order: agents, then locations
        ]
        clauses = []
        if causes:
            clauses.append(" and ".join(causes) + " 10s are implausible")
        n_contra = len(self.contradicting)
        if n_contra:
            verb = "contradicts its" if n_contra == 1 else "contradict their"
            scores = "score of 10" if n_contra == 1 else "scores of 10"
            clauses.append(f"{n_contra:,} {scores} {verb} own negative comment")
        noun = "response" if self.excluded == 1 else "responses"
        sentence = " and ".join(clauses)
        return (f"{sentence[0].upper()}{sentence[1:]}: removing these {self.excluded:,} {noun} "
                f"moves NPS from {_points(self.reported_nps)} to {_points(self.adjusted_nps)}.")


def integrity_audit(
    survey: pd.DataFrame,
    *,
    dimensions: tuple[str, ...] = ("agent_id", "location_id"),
    score_col: str = "nps",
    alpha: float = 0.05,
    names: Sequence[str] = (),
) -> IntegrityResult:
    """Audit NPS for gaming and say what it would be without the suspicious answers.

    Parameters
    ----------
    survey : survey responses; dimensions missing from the survey are skipped.
    dimensions : unit columns to test with :func:`tens_outliers`.
    score_col : 0-10 likelihood-to-recommend column.
    alpha : false-discovery rate of the outlier test.
    names : the client's and competitors' names, masked before the tone is read
        (:func:`cxlib.text.sentiment.compound`).

    Returns
    -------
    IntegrityResult
        ``flagged``: flagged rows of :func:`tens_outliers` per dimension with a ``dimension``
        column. ``contradicting``: :func:`contradicting_tens`. ``adjusted_nps`` is the NPS of the
        scored responses left after removing (a) *every* response of a flagged unit, whatever its
        score, and (b) every contradicted 10; ``excluded`` counts the scored responses removed,
        each once even when both rules catch it.
    """
    survey = survey.reset_index(drop=True)  # positional index: masks below line up exactly
    scored = _scores(survey, score_col).notna()
    parts = []
    drop = pd.Series(False, index=survey.index)
    for dimension in dimensions:
        if dimension not in survey.columns:
            continue
        table = tens_outliers(survey, by=dimension, score_col=score_col, alpha=alpha)
        hits = table[table["flagged"]]
        if not hits.empty:
            parts.append(hits.assign(dimension=dimension))
            drop |= survey[dimension].isin(list(hits["unit"])).fillna(False).astype(bool)
    flagged = (pd.concat(parts, ignore_index=True) if parts
               else pd.DataFrame(columns=[*_OUTLIER_COLUMNS, "dimension"]))
    contradicting = contradicting_tens(survey, score_col=score_col, names=names)
    drop |= survey.index.isin(contradicting.index)
    kept = survey.loc[~drop.to_numpy(dtype=bool), score_col]
    return IntegrityResult(
        flagged=flagged,
        contradicting=contradicting.reset_index(drop=True),
        reported_nps=_nps_score(_scores(survey, score_col)),
        adjusted_nps=_nps_score(pd.to_numeric(kept, errors="coerce").astype(float)),
        excluded=int((drop & scored).sum()),
        units=tuple(d for d in dimensions if d in survey.columns),
    )
