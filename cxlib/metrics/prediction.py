"""Which survey metric predicts churn and revenue?

Each customer counts once, with their latest survey response: that is the score the business
saw last before the customer stayed or left. AUC answers "if we pick one churner and one stayer,
how often does the metric rank the churner lower?" (0.5 = coin flip), which is comparable across
metrics on different scales (NPS 0-10, CSAT 1-5, CES 1-7). Sentences say it in words ("tells
customers who left from those who stayed: 0.67, where 0.5 is a coin flip"); the name stays in the
appendix.

Revenue is compared only among customers who were customers for the twelve months revenue_12m
covers (signed up before they began, never left): a customer who left part-way has less than twelve months of
revenue, and since leavers score lower, their cut-short revenue would pass for a link between the
score and revenue.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

from cxlib.sections import Unavailable
from cxlib.wording import ALPHA, decimal

_PREDICTIVENESS_COLUMNS = ["metric", "n", "auc", "low", "high", "revenue_rho", "revenue_p", "revenue_n",
                           "behind_low", "behind_high"]
DEFAULT_BANDS = ((1, 3, "Low (1-3)"), (4, 4, "Neutral (4)"), (5, 7, "High (5-7)"))
MIN_LINKED = 100  # the same minimum as the churn section's needs, counted after the join
MIN_BAND = 30  # customers in each of the two bands a churn ratio compares
N_BOOT = 300  # bootstrap resamples behind each AUC range
NPS_BANDS = ((0, 6, "Detractors (0-6)"), (7, 8, "Passives (7-8)"), (9, 10, "Promoters (9-10)"))
# The metric churn is banded by: effort where the survey asks it (its bands are the CES scale's),
# else NPS by class.
BANDED = (("ces", DEFAULT_BANDS, "customer effort score"), ("nps", NPS_BANDS, "NPS class"))
# How the first and last band of each banded metric are named in a sentence.
BAND_WORDS = {"customer effort score": ("customers who found us hard to deal with (CES 1-3)",
                                        "those who found us easy (CES 5-7)"),
              "NPS class": ("detractors (NPS 0-6)", "promoters (NPS 9-10)")}
#: Revenue correlations are computed and printed to this many decimals.
RHO_DIGITS = 2


def latest_responses(survey: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    """Each customer's latest survey response joined with their customer record.

    Parameters
    ----------
    survey : survey responses (customer_id, responded_at, ...).
    customers : customer_id, revenue_12m, churned, ...

    Returns
    -------
    pd.DataFrame
        One row per customer present in both frames. Ties on responded_at go to the row that
        comes last in the survey. ``churned`` is a plain bool (missing counts as not churned)
        and ``revenue_12m`` a float. Columns both frames share (e.g. segment) come from
        ``customers``.
    """
    # Positions only: a stable sort by time keeps survey order among ties, and the latest row of each
    # customer is taken from the survey once, instead of sorting and copying every column.
    at = pd.to_datetime(survey["responded_at"]).reset_index(drop=True)
    order = at.sort_values(kind="stable").index.to_numpy()  # missing times last
    last = ~pd.Series(survey["customer_id"].to_numpy()[order]).duplicated(keep="last").to_numpy()
    latest = survey.iloc[order[last]]
    shared = [c for c in customers.columns if c in latest.columns and c != "customer_id"]
    joined = latest.drop(columns=shared).merge(customers, on="customer_id", how="inner")
    joined["churned"] = joined["churned"].astype("boolean").fillna(False).astype(bool)
    joined["revenue_12m"] = pd.to_numeric(joined["revenue_12m"], errors="coerce").astype(float)
    return joined.sort_values("customer_id", kind="stable").reset_index(drop=True)


# Up to this many drawn customers (resamples x customers) a bootstrap draws customer indices, as
# published reports were computed; above it, it draws each resample's counts per (churned, score)
# cell from a multinomial, which is the same distribution of resamples at a cost independent of the
# number of customers. Draws are made this many at a time, so memory stays flat.
_INDEX_DRAWS = 2**24
_CHUNK_DRAWS = 2**21


def _resample_counts(cells: np.ndarray, n_cells: int, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """How many customers of each cell each of ``n_boot`` resamples (with replacement) draws.

    Parameters
    ----------
    cells : each customer's cell (0 .. n_cells - 1), e.g. churned x score value.
    n_cells : number of cells.
    n_boot : resamples.
    rng : random generator; small samples draw ``rng.integers(0, n, (n_boot, n))`` customer indices
        (the same stream whatever the chunking), large ones Multinomial(n, cell shares).

    Returns
    -------
    np.ndarray
        (n_boot, n_cells) integer counts, each row summing to ``n``.
    """
    n = len(cells)
    if n_boot * n > _INDEX_DRAWS:
        return rng.multinomial(n, np.bincount(cells, minlength=n_cells) / n, size=n_boot)
    chunk = max(1, _CHUNK_DRAWS // max(n, 1))
    out = np.empty((n_boot, n_cells), dtype=np.int64)
    for start in range(0, n_boot, chunk):
        m = min(chunk, n_boot - start)
        draws = rng.integers(0, n, size=(m, n))
        shifted = cells[draws] + (np.arange(m) * n_cells)[:, None]
        out[start:start + m] = np.bincount(shifted.ravel(), minlength=m * n_cells).reshape(m, n_cells)
    return out


def _aucs_from_counts(pos: np.ndarray, neg: np.ndarray) -> np.ndarray:
    """AUC of each resample from its churners (``pos``) and stayers (``neg``) per score value, values
    ascending: P(a churner scores below a stayer) + half P(a tie), as :func:`_auc` computes it; NaN for
    a resample with one class only."""
    higher = neg[:, ::-1].cumsum(axis=1)[:, ::-1] - neg  # stayers scoring above each value
    pairs = pos.sum(axis=1) * neg.sum(axis=1)
    wins = (pos * (higher + 0.5 * neg)).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(pairs > 0, wins / np.maximum(pairs, 1), np.nan)


def _bootstrap_aucs(churned: np.ndarray, score: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """The AUC of each of ``n_boot`` resamples of customers (NaN for a resample with one class only).

    Survey scores take a handful of values, so a resample is counted per cell (churned or not, by
    score value) instead of ranked (:func:`_resample_counts`); memory and time do not grow with the
    customers beyond one pass to find the cells.
    """
    values, codes = np.unique(score, return_inverse=True)
    k = len(values)
    counts = _resample_counts(churned.astype(np.int64) * k + codes.ravel(), 2 * k, n_boot, rng)
    return _aucs_from_counts(counts[:, k:], counts[:, :k])


def _auc(churned: np.ndarray, score: np.ndarray) -> float:
    # Lower scores should mean more churn, so rank by -score.
    if churned.all() or not churned.any():
        return np.nan
    return float(roc_auc_score(churned, -score))


def _stayed_throughout(joined: pd.DataFrame, since) -> np.ndarray:
    """Customers who were customers for the whole revenue window: signed up on or before ``since``
    and never left (a missing signup date does not count as before)."""
    signup = pd.to_datetime(joined["signup_date"], errors="coerce") if "signup_date" in joined else \
        pd.Series(pd.NaT, index=joined.index)
    return ((signup <= pd.Timestamp(since)) & ~joined["churned"]).to_numpy(dtype=bool)


def revenue_window_start(survey: pd.DataFrame, as_of=None) -> pd.Timestamp:
    """The first day of the twelve months revenue_12m covers: the day after ``as_of`` (the end of the
    engagement period; by default the day of the last survey answer) a year earlier."""
    end = pd.Timestamp(as_of) if as_of is not None else pd.to_datetime(survey["responded_at"]).max()
    return end.normalize() - pd.DateOffset(years=1) + pd.Timedelta(days=1)


def churn_predictiveness(
    survey: pd.DataFrame,
    customers: pd.DataFrame,
    *,
    metrics: Sequence[str] = ("nps", "csat", "ces"),
    n_boot: int = N_BOOT,
    seed: int = 0,
    as_of=None,
) -> pd.DataFrame:
    """How well each metric, on its latest answer, separates churners from stayers.

    Parameters
    ----------
    survey : survey responses.
    customers : customer records with churned, revenue_12m and signup_date.
    metrics : survey columns to compare; columns the survey lacks are skipped.
    n_boot : bootstrap resamples (of customers) for the AUC interval.
    seed : random seed; each metric's bootstrap starts from it, so results do not depend on
        the order of ``metrics``.
    as_of : the day ``revenue_12m`` runs up to (the end of the engagement period); by default the
        day of the last survey answer (:func:`revenue_window_start`).

    Returns
    -------
    pd.DataFrame
        metric, n (customers whose latest response answers the metric), auc (ROC AUC of
        -metric vs churned), low, high (bootstrap percentile 95% interval; resamples with one
        class only are skipped), revenue_rho, revenue_p (Spearman correlation of the metric with
        revenue_12m, rounded to :data:`RHO_DIGITS` decimals, and its p-value) and revenue_n, over the
        customers who stayed throughout the twelve months (signed up by their start, never churned), behind_low,
        behind_high (95% paired-bootstrap range of the best metric's AUC minus this one's, over the
        customers who answered both; NaN for the best). Sorted by auc, highest first.
    """
    return _predictiveness(latest_responses(survey, customers), revenue_window_start(survey, as_of),
                           metrics=metrics, n_boot=n_boot, seed=seed)


def _predictiveness(joined: pd.DataFrame, since: pd.Timestamp, *, metrics: Sequence[str], n_boot: int,
                    seed: int) -> pd.DataFrame:
    """:func:`churn_predictiveness` of customers already joined (:func:`latest_responses`), revenue
    compared among those who stayed from ``since`` on."""
    stayed = _stayed_throughout(joined, since)
    rows = []
    for metric in metrics:
        if metric not in joined.columns:
            continue
        data = pd.DataFrame({
            "score": pd.to_numeric(joined[metric], errors="coerce").astype(float),
            "churned": joined["churned"],
            "revenue": joined["revenue_12m"],
            "stayed": stayed,
        }).dropna(subset=["score"])
        score, churned = data["score"].to_numpy(), data["churned"].to_numpy(dtype=bool)
        auc = _auc(churned, score)
        low = high = np.nan
        if not np.isnan(auc) and n_boot > 0:
            boots = _bootstrap_aucs(churned, score, n_boot, np.random.default_rng(seed))
            boots = boots[~np.isnan(boots)]
            if boots.size:
                low, high = np.percentile(boots, [2.5, 97.5])
        revenue = data[data["stayed"]].dropna(subset=["revenue"])
        rho = p = np.nan
        varies = revenue["score"].nunique() > 1 and revenue["revenue"].nunique() > 1
        if len(revenue) >= 3 and varies:
            rho, p = spearmanr(revenue["score"], revenue["revenue"])
            rho = round(float(rho), RHO_DIGITS)
        rows.append({"metric": metric, "n": len(data), "auc": auc, "low": float(low),
                     "high": float(high), "revenue_rho": float(rho), "revenue_p": float(p),
                     "revenue_n": len(revenue), "behind_low": np.nan, "behind_high": np.nan})
    table = pd.DataFrame(rows, columns=_PREDICTIVENESS_COLUMNS)
    table = table.sort_values("auc", ascending=False, na_position="last",
                              kind="stable").reset_index(drop=True)
    ranked = table.dropna(subset=["auc"])
    if len(ranked) >= 2 and n_boot > 0:
        best = ranked["metric"].iloc[0]
        for index, metric in ranked["metric"].iloc[1:].items():
            table.loc[index, ["behind_low", "behind_high"]] = _auc_gap(joined, best, metric, n_boot, seed)
    return table


def _auc_gap(joined: pd.DataFrame, best: str, other: str, n_boot: int, seed: int) -> tuple[float, float]:
    """95% percentile range of AUC(best) - AUC(other) over resamples of the customers who answered
    both: the same seed and sample size give both metrics the same resamples, so the gap is paired."""
    both = joined.dropna(subset=[best, other])
    churned = both["churned"].to_numpy(dtype=bool)
    if churned.all() or not churned.any():
        return np.nan, np.nan
    best_values, best_codes = np.unique(pd.to_numeric(both[best]).to_numpy(float), return_inverse=True)
    other_values, other_codes = np.unique(pd.to_numeric(both[other]).to_numpy(float), return_inverse=True)
    k1, k2 = len(best_values), len(other_values)
    # Each customer's cell is (churned, best's value, other's value): marginalising one set of resamples
    # to each metric gives both AUCs on the same customers.
    cells = (churned.astype(np.int64) * k1 + best_codes.ravel()) * k2 + other_codes.ravel()
    counts = _resample_counts(cells, 2 * k1 * k2, n_boot, np.random.default_rng(seed)).reshape(n_boot, 2, k1, k2)
    gaps = (_aucs_from_counts(counts[:, 1].sum(axis=2), counts[:, 0].sum(axis=2))
            - _aucs_from_counts(counts[:, 1].sum(axis=1), counts[:, 0].sum(axis=1)))
    gaps = gaps[~np.isnan(gaps)]
    if not gaps.size:
        return np.nan, np.nan
    low, high = np.percentile(gaps, [2.5, 97.5])
    return float(low), float(high)


def churn_by_band(
    survey: pd.DataFrame,
    customers: pd.DataFrame,
    *,
    metric: str = "ces",
    bands: Sequence[tuple[float, float, str]] = DEFAULT_BANDS,
) -> pd.DataFrame:
    """Churn rate of customers grouped by their latest answer to one metric.

    Parameters
    ----------
    survey : survey responses.
    customers : customer records with churned.
    metric : survey column to band.
    bands : (low, high, label) with inclusive bounds; a value in no band is left out.

    Returns
    -------
    pd.DataFrame
        band, customers, churned, churn_rate (0-100; NaN for an empty band), in band order.
    """
    return _by_band(latest_responses(survey, customers), metric, bands)


def _by_band(joined: pd.DataFrame, metric: str, bands: Sequence[tuple[float, float, str]]) -> pd.DataFrame:
    """:func:`churn_by_band` of customers already joined (:func:`latest_responses`)."""
    score = pd.to_numeric(joined[metric], errors="coerce").astype(float)
    rows = []
    for low, high, label in bands:
        inside = ((score >= low) & (score <= high)).to_numpy(dtype=bool)
        n, churned = int(inside.sum()), int(joined["churned"].to_numpy()[inside].sum())
        rows.append({"band": label, "customers": n, "churned": churned,
                     "churn_rate": churned / n * 100 if n else np.nan})
    return pd.DataFrame(rows, columns=["band", "customers", "churned", "churn_rate"])


def churn_ratio(band_table: pd.DataFrame) -> float:
    """Churn rate of the first band divided by that of the last band.

    Parameters
    ----------
    band_table : output of :func:`churn_by_band`.

    Returns
    -------
    float
        e.g. 3.0 means the first band churns three times as often; NaN when the last band's
        rate is zero or missing (no ratio can be stated).
    """
    first, last = band_table["churn_rate"].iloc[0], band_table["churn_rate"].iloc[-1]
    if pd.isna(first) or pd.isna(last) or last == 0:
        return float("nan")
    return float(first / last)


_NAMES = {"nps": "NPS", "csat": "CSAT", "ces": "CES"}


def _name(metric: str) -> str:
    return _NAMES.get(metric, metric)


def lead_is_clear(table: pd.DataFrame) -> bool:
    """Whether the best metric of :func:`churn_predictiveness` is ahead of the runner-up by more than
    chance: the 95% range of the gap lies above zero. True with one metric; False when the gap's
    range is unknown."""
    ranked = table.dropna(subset=["auc"])
    if len(ranked) < 2:
        return True
    return bool(ranked["behind_low"].iloc[1] > 0)


def ranking_clause(table: pd.DataFrame) -> str:
    """How the metrics rank, in words: "CES tells customers who left from those who stayed best
    (0.67, where 0.5 is a coin flip; NPS 0.60, CSAT 0.56)", or, when the runner-up is within chance
    of the best, "NPS and CSAT tell ... about equally well (0.72 and 0.70, where 0.5 is a coin flip)"."""
    ranked = table.dropna(subset=["auc"])
    if ranked.empty:
        return ""
    best = ranked.iloc[0]
    what = "tells customers who left from those who stayed"
    if lead_is_clear(ranked):
        others = [f"{_name(r.metric)} {r.auc:.2f}" for r in ranked.iloc[1:].itertuples()]
        tail = f"; {', '.join(others)}" if others else ""
        return f"{_name(best['metric'])} {what} best ({best['auc']:.2f}, where 0.5 is a coin flip{tail})"
    second = ranked.iloc[1]
    return (f"{_name(best['metric'])} and {_name(second['metric'])} tell customers who left from those who "
            f"stayed about equally well ({best['auc']:.2f} and {second['auc']:.2f}, where 0.5 is a coin flip)")


def prediction_headline(table: pd.DataFrame, bands: pd.DataFrame | None = None,
                        band_metric: str = "customer effort score") -> str:
    """One sentence on :func:`churn_predictiveness` (and :func:`churn_by_band` when given), in words.

    Parameters
    ----------
    table : the predictiveness table, best metric first.
    bands : churn by band of the banded metric (CES by default), for the "x times as often" clause.
    band_metric : the banded metric's name in :data:`BAND_WORDS`.
    """
    if table.dropna(subset=["auc"]).empty:
        return "No survey metric could be linked to churn."
    text = ranking_clause(table)
    clause = ChurnLink(table, bands, band_metric).band_clause() if bands is not None else ""
    if clause:
        first, last = bands.iloc[0], bands.iloc[-1]
        text += f"; {clause} ({first['churn_rate']:.0f}% against {last['churn_rate']:.0f}%)"
    return text + "."


def _decimal(value: float, digits: int) -> str:
    """A signed decimal as a table prints it: "0.13", "−0.01", "–" for missing."""
    return "–" if pd.isna(value) else decimal(value, digits)


def prediction_table(table: pd.DataFrame) -> pd.DataFrame:
    """The :func:`churn_predictiveness` table as a client reads it: how well each metric tells
    leavers from stayers (0.5 is a coin flip) with its 95% range, and how it goes with revenue among the
    customers who stayed throughout ("Customers all year"; the correlation at the two decimals it is computed to)."""
    return pd.DataFrame({
        "Metric": [_name(m) for m in table["metric"]],
        "Customers": table["n"].to_numpy(),
        "Tells leavers from stayers": [_decimal(a, 2) for a in table["auc"]],
        "95% range": [f"{lo:.2f} to {hi:.2f}" if pd.notna(lo) else "–"
                      for lo, hi in zip(table["low"], table["high"])],
        "Customers all year": table["revenue_n"].to_numpy(),
        "Revenue correlation": [_decimal(r, RHO_DIGITS) for r in table["revenue_rho"]],
        "Larger than chance": (table["revenue_p"] < ALPHA).to_numpy(),
    })


@dataclass(frozen=True)
class ChurnLink:
    """Which survey metric warns of churn: the predictiveness table and churn by effort band."""

    prediction: pd.DataFrame
    bands: pd.DataFrame
    band_metric: str = "customer effort score"

    def headline(self) -> str:
        return prediction_headline(self.prediction, self.bands, self.band_metric)

    def band_clause(self) -> str:
        """"detractors (NPS 0-6) churn 6.2x as often as promoters (NPS 9-10)", or "" when the
        last band has no churn or either band has fewer than :data:`MIN_BAND` customers."""
        if self.bands is None or not len(self.bands):
            return ""
        ratio = churn_ratio(self.bands)
        ends = self.bands["customers"].iloc[[0, -1]]
        if np.isnan(ratio) or (ends < MIN_BAND).any():
            return ""
        first, last = BAND_WORDS.get(self.band_metric, (
            f"customers in the {self.bands.iloc[0]['band']} band", f"the {self.bands.iloc[-1]['band']} band"))
        return f"{first} churn {ratio:.1f}x as often as {last}"

    def prediction_title(self) -> str:
        """An action title for the chart of :attr:`prediction`: who tells leavers from stayers best."""
        ranked = self.prediction.dropna(subset=["auc"])
        if ranked.empty:
            return "No metric could be linked to churn"
        names = [_name(m) for m in ranked["metric"]]
        if lead_is_clear(ranked):
            return f"{names[0]} tells customers who left from those who stayed best"
        return f"{names[0]} and {names[1]} tell customers who left from those who stayed about equally well"

    def bands_title(self) -> str:
        """The title of the churn-by-band chart, naming the metric the bands come from."""
        return f"Churn by {self.band_metric}"

    def table(self) -> pd.DataFrame:
        """The predictiveness table as a client reads it (:func:`prediction_table`)."""
        return prediction_table(self.prediction)

def churn_link(survey: pd.DataFrame, customers: pd.DataFrame, *, as_of=None) -> ChurnLink:
    """:func:`churn_predictiveness` and :func:`churn_by_band` together, for step 7's churn section.

    ``as_of`` is the day revenue_12m runs up to (:func:`churn_predictiveness`).

    Raises :class:`cxlib.sections.Unavailable` when fewer than :data:`MIN_LINKED` answering customers
    are in the customer base, or when none of them or all of them left.
    """
    linked = latest_responses(survey, customers)
    if len(linked) < MIN_LINKED:
        raise Unavailable(f"The churn link needs at least {MIN_LINKED} answering customers found in the customer "
                          f"base; {len(linked):,} of the survey's customers are in it.")
    if linked["churned"].all() or not linked["churned"].any():
        raise Unavailable("The churn link needs both customers who left and customers who stayed among those "
                          f"who answered; all {len(linked):,} " + ("left." if linked["churned"].all() else "stayed."))
    # One join for the table and the bands (the join is most of the cost on a large survey).
    prediction = _predictiveness(linked, revenue_window_start(survey, as_of), metrics=("nps", "csat", "ces"),
                                 n_boot=N_BOOT, seed=0)
    for metric, bands, name in BANDED:
        if metric in survey.columns and survey[metric].notna().any():
            return ChurnLink(prediction, _by_band(linked, metric, bands), name)
    return ChurnLink(prediction, pd.DataFrame(columns=["band", "customers", "churned", "churn_rate"]), "score band")
