"""Score-integrity audit: is NPS being gamed?

Frontline NPS targets invite "coaching" ("anything below a 10 counts against me"). Two traces are
testable. (1) An agent or location whose share of 10s is far above everyone else's: an exact
binomial test against the pooled share of the other units, with Benjamini-Hochberg control because
we test every unit at once. (2) 10s the same answer contradicts, which a customer who was asked for
a 10 leaves behind: a negative comment ("10 - but the wait was awful") or a satisfaction rating of
at most :data:`MAX_CSAT` of 5. The adjusted NPS leaves out the contradicted 10s only: a flagged
unit's other answers stay, because nothing in them shows which were solicited.
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
from cxlib.wording import signed

_OUTLIER_COLUMNS = [
    "unit", "n", "tens", "share_tens", "peer_share", "p_value", "q_value", "flagged",
]
_CONTRADICT_COLUMNS = ["response_id", "agent_id", "location_id", "compound", "comment", "csat", "why"]
_UNIT_NOUN = {"agent_id": "agent", "location_id": "location"}
#: A comment at or below this VADER compound reads negative.
NEGATIVE_TONE = -0.05
#: A 10 given with a satisfaction (CSAT) rating of at most this, of 5, in the same answer is contradicted.
MAX_CSAT = 3


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
    csat_col: str = "csat",
    threshold: float = NEGATIVE_TONE,
    max_csat: float = MAX_CSAT,
    names: Sequence[str] = (),
) -> pd.DataFrame:
    """Responses that score 10 while the same answer says otherwise.

    Parameters
    ----------
    survey : survey responses.
    score_col : 0-10 likelihood-to-recommend column.
    comment_col : free-text column (skipped when the survey has none).
    csat_col : 1-5 satisfaction column (skipped when the survey has none).
    threshold : a 10 is contradicted when its comment's VADER compound is at or below this.
    max_csat : a 10 is contradicted when the same answer rates satisfaction at or below this.
    names : the client's and competitors' names, masked before the tone is read
        (:func:`cxlib.text.sentiment.compound`).

    Returns
    -------
    pd.DataFrame
        response_id, agent_id, location_id (missing when the survey lacks the column),
        compound (NaN without a comment), comment (redacted), csat, and why ("comment",
        "satisfaction" or "comment and satisfaction"), in survey order; the survey's index is kept.
    """
    tens = survey[_scores(survey, score_col) == 10]
    negative = pd.Series(False, index=tens.index)
    tone = pd.Series(np.nan, index=tens.index)
    if comment_col in tens.columns:
        tone = compound(tens[comment_col], names=names).astype(float)
        negative = (tone <= threshold).fillna(False)
    unhappy = pd.Series(False, index=tens.index)
    if csat_col in tens.columns:
        unhappy = (_scores(tens, csat_col) <= max_csat).fillna(False)
    hits = tens[(negative | unhappy).to_numpy(dtype=bool)]
    out = hits.reindex(columns=["response_id", "agent_id", "location_id"])
    out["compound"] = tone[hits.index]
    out["comment"] = (redact_series(hits[comment_col]) if comment_col in hits.columns
                      else pd.Series(None, index=hits.index, dtype=object))
    out["csat"] = _scores(hits, csat_col) if csat_col in hits.columns else np.nan
    out["why"] = ["comment and satisfaction" if n and u else "comment" if n else "satisfaction"
                  for n, u in zip(negative[hits.index], unhappy[hits.index])]
    return out[_CONTRADICT_COLUMNS]


def _nps_score(scores: pd.Series) -> float:
    # Lazy: cxlib.metrics/__init__ may import this module; nps is the one shared definition.
    from cxlib.metrics.nps import nps

    return nps(scores).score if scores.notna().any() else np.nan


_NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def _count(n: int, noun: str) -> str:
    """'one agent', 'two agents', '12 locations'."""
    word = _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else f"{n:,}"
    return f"{word} {noun if n == 1 else noun + 's'}"


def _tens(n: int) -> str:
    """'one score of 10', '55 scores of 10'."""
    return "one score of 10" if n == 1 else f"{n:,} scores of 10"


#: What contradicts a 10, as the sentences say it.
CONTRADICTED = "contradicted by the same answer's comment or satisfaction rating"


@dataclass(frozen=True)
class IntegrityResult:
    """Outcome of the score-integrity audit (NPS in points, -100 to +100).

    ``adjusted_nps`` leaves out the ``excluded`` contradicted 10s (:func:`contradicting_tens`) and
    nothing else; ``from_flagged`` of them were given to a flagged agent or location.
    """

    flagged: pd.DataFrame
    contradicting: pd.DataFrame
    reported_nps: float
    adjusted_nps: float
    excluded: int
    units: tuple[str, ...] = ("agent_id", "location_id")
    from_flagged: int = 0
    tested: int | None = None  # units with enough answers to test; None when not counted

    def examples(self, n: int = 6) -> pd.DataFrame:
        """Up to ``n`` 10s whose own comment reads negative: the comment alone (no agent or location,
        so the table names no one). A 10 contradicted by its satisfaction rating only is not an example
        of a comment that says otherwise."""
        said = self.contradicting[self.contradicting["why"].isin(["comment", "comment and satisfaction"])]
        return said[["comment"]].head(n).rename(columns={"comment": "What the customer wrote with their 10"})

    def who(self) -> str:
        """The flagged units counted by kind: "one agent", "two agents and one location", "" for none."""
        dimensions = self.flagged["dimension"] if len(self.flagged) else pd.Series(dtype=object)
        return " and ".join(_count(int((dimensions == d).sum()), _UNIT_NOUN.get(d, f"{d} unit"))
                            for d in dict.fromkeys(dimensions))  # flagged order: agents, then locations

    def nps_clause(self) -> str:
        """"NPS is +26 instead of +27", or "NPS rounds to +27 either way"."""
        before, after = signed(self.reported_nps), signed(self.adjusted_nps)
        return f"NPS rounds to {before} either way" if before == after else f"NPS is {after} instead of {before}"

    def headline(self) -> str:
        who = self.who()
        if not self.units:
            opening = "The answers carry no agent or location, so 10s cannot be checked per agent or location"
        elif who:
            verb = "gives" if len(self.flagged) == 1 else "give"
            opening = f"{who[0].upper()}{who[1:]} {verb} more 10s than chance explains"
        elif self.tested == 0:
            kinds = " or ".join(_UNIT_NOUN.get(u, u) for u in self.units)
            opening = f"No {kinds} has enough answers to test its share of 10s against the others"
        else:
            kinds = " or ".join(_UNIT_NOUN.get(u, u) for u in self.units)
            opening = f"No {kinds} gives more 10s than chance explains"
        if self.excluded == 0:
            return (f"{opening}; no 10 is {CONTRADICTED}, so nothing is removed and NPS stays at "
                    f"{signed(self.reported_nps)}.")
        share = ""
        if who and self.from_flagged:
            whose = "that " + _UNIT_NOUN.get(self.flagged["dimension"].iloc[0], "unit") + "'s" \
                if len(self.flagged) == 1 else "theirs"
            share = f" ({self.from_flagged:,} of them {whose})"
        link = "but" if not who else "and"
        return (f"{opening}, {link} {_tens(self.excluded)} {'is' if self.excluded == 1 else 'are'} "
                f"{CONTRADICTED}{share}: without {'it' if self.excluded == 1 else 'them'}, {self.nps_clause()}.")


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
        scored responses left after removing every contradicted 10 and nothing else (a flagged
        unit's other answers stay); ``excluded`` counts the removed responses and ``from_flagged``
        those of them given to a flagged unit.
    """
    survey = survey.reset_index(drop=True)  # positional index: masks below line up exactly
    parts = []
    tested = 0
    suspect_unit = pd.Series(False, index=survey.index)
    for dimension in dimensions:
        if dimension not in survey.columns:
            continue
        table = tens_outliers(survey, by=dimension, score_col=score_col, alpha=alpha)
        tested += int(table["p_value"].notna().sum())
        hits = table[table["flagged"]]
        if not hits.empty:
            parts.append(hits.assign(dimension=dimension))
            suspect_unit |= survey[dimension].isin(list(hits["unit"])).fillna(False).astype(bool)
    flagged = (pd.concat(parts, ignore_index=True) if parts
               else pd.DataFrame(columns=[*_OUTLIER_COLUMNS, "dimension"]))
    contradicting = contradicting_tens(survey, score_col=score_col, names=names)
    drop = pd.Series(survey.index.isin(contradicting.index), index=survey.index)
    kept = survey.loc[~drop.to_numpy(dtype=bool), score_col]
    return IntegrityResult(
        flagged=flagged,
        contradicting=contradicting.reset_index(drop=True),
        reported_nps=_nps_score(_scores(survey, score_col)),
        adjusted_nps=_nps_score(pd.to_numeric(kept, errors="coerce").astype(float)),
        excluded=int(drop.sum()),
        units=tuple(d for d in dimensions if d in survey.columns),
        from_flagged=int((drop & suspect_unit).sum()),
        tested=tested,
    )
