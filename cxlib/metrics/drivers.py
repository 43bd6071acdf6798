"""Key drivers: which attribute ratings explain the outcome, and how well each performs.

Importance is Johnson's (2000) relative weight: the predictors are replaced by their closest
orthogonal counterparts, the outcome is regressed on those, and the explained variance is shared
back to the original predictors. Unlike regression coefficients, the weights stay meaningful when
the ratings are correlated (they always are), and they add up to the R-squared of the regression.
Intervals come from a percentile bootstrap; the importance-performance quadrant crosses the
weights with the mean ratings.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

FIX_FIRST = "Fix first"
KEEP_IT_UP = "Keep it up"
POSSIBLE_OVERKILL = "Possible overkill"
LOWER_PRIORITY = "Lower priority"


def _weights_from_correlations(r_xx: np.ndarray, r_xy: np.ndarray) -> np.ndarray:
    """Relative weights from correlation matrices; works on stacks (..., p, p) and (..., p)."""
    eigenvalues, vectors = np.linalg.eigh(r_xx)
    root = np.sqrt(np.clip(eigenvalues, 0, None))
    lam = (vectors * root[..., None, :]) @ np.swapaxes(vectors, -1, -2)
    with np.errstate(divide="ignore", invalid="ignore"):
        inverse = (vectors / root[..., None, :]) @ np.swapaxes(vectors, -1, -2)
    beta = (inverse @ r_xy[..., None])[..., 0]
    return ((lam**2) @ (beta**2)[..., None])[..., 0]


def _complete_cases(X: pd.DataFrame, y: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Rows where every predictor and the outcome are present; raise on unusable data."""
    if X.shape[1] == 0:
        raise ValueError("no predictors: X has no columns")
    data = pd.concat([X, y.rename("__outcome__")], axis=1).dropna()
    if len(data) <= X.shape[1] + 1:
        raise ValueError(
            f"{len(data):,} complete rows are too few for {X.shape[1]} predictors "
            f"(need more than {X.shape[1] + 1})"
        )
    constant = [str(c) for c in data.columns if data[c].nunique() < 2]
    if constant:
        names = ", ".join("the outcome" if c == "__outcome__" else c for c in constant)
        raise ValueError(f"no variation in {names} among the complete rows")
    return data[X.columns].astype(float), data["__outcome__"].astype(float)


def relative_weights(X: pd.DataFrame, y: pd.Series) -> pd.Series:
    """Johnson's (2000) relative weights of the predictors of ``y``.

    Parameters
    ----------
    X : predictors, one column each; rows with a missing value in ``X`` or ``y`` are ignored.
    y : outcome, aligned with ``X`` on the index.

    Returns
    -------
    pd.Series
        One weight per column of ``X`` (index ``X.columns``). With ``R_xx = V diag(e) V'``,
        ``Lambda = V diag(sqrt(e)) V'``, ``beta = Lambda^-1 r_xy`` and
        ``weights = Lambda**2 @ beta**2``; they add up to the R-squared of the OLS regression of
        ``y`` on ``X`` (with intercept). With uncorrelated predictors each weight is the squared
        correlation with ``y``.

    Raises
    ------
    ValueError
        If there are too few complete rows, a column does not vary or predictors are collinear.
    """
    X_cc, y_cc = _complete_cases(X, y)
    corr = np.corrcoef(np.column_stack([X_cc.to_numpy(), y_cc.to_numpy()]), rowvar=False)
    if np.linalg.eigvalsh(corr[:-1, :-1]).min() < 1e-10:
        raise ValueError("the predictors are perfectly collinear; drop a redundant column")
    weights = _weights_from_correlations(corr[:-1, :-1], corr[:-1, -1])
    return pd.Series(weights, index=X.columns, name="weight")


# Resample counts and moments are built this many cells (resamples x rows) at a time: 2**21 float
# counts are 16 MB, so memory stays flat however many rows and resamples there are.
_CHUNK_CELLS = 2**21
# A multinomial draw costs about ten times a drawn row index per answer pattern (measured: ~0.5 us
# against ~0.05 us), so counting by pattern pays once a pattern repeats ten times on average.
_DRAWS_PER_PATTERN = 10


def _answer_patterns(data: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct rows of ``data``, how often each occurs, and each row's pattern number.

    Ratings take a handful of values, so a large survey repeats the same answer pattern many
    times; the moments of a resample only depend on how often it draws each pattern. Patterns are
    numbered by hashing one column at a time (``np.unique(axis=0)`` sorts whole rows, ~20x slower).
    """
    codes = np.zeros(len(data), dtype=np.int64)
    for column in data.T:
        values, levels = pd.factorize(column)
        codes, _ = pd.factorize(codes * len(levels) + values)  # stays below n: never overflows
    freq = np.bincount(codes)
    first = np.zeros(len(freq), dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]  # first row of each pattern
    return data[first], freq, codes


def _resample_counts(rng: np.random.Generator, n: int, freq: np.ndarray, codes: np.ndarray,
                     size: int) -> np.ndarray:
    """How often each answer pattern is drawn in ``size`` resamples of ``n`` rows with replacement.

    Drawing ``n`` row indices and counting them per pattern, and drawing the pattern counts at once
    from Multinomial(n, freq / n), give the same distribution of resamples; the first is cheaper
    while patterns are nearly all distinct, the second once they repeat. The row-index draws are
    the same stream as ``rng.integers(0, n, (n_boot, n))``, whatever the chunking.
    """
    u = len(freq)
    if u * _DRAWS_PER_PATTERN <= n:
        return rng.multinomial(n, freq / n, size=size).astype(float)
    rows = rng.integers(0, n, size=(size, n))
    cells = codes[rows] + (u * np.arange(size))[:, None]
    return np.bincount(cells.ravel(), minlength=size * u).reshape(size, u).astype(float)


def _bootstrap_weights(data: np.ndarray, n_boot: int, seed: int) -> np.ndarray:
    """Relative weights on ``n_boot`` resamples of the rows of ``data`` (last column = outcome).

    The relative weights need only the resample's correlation matrix, and that follows from its
    first and second moments: with ``c`` the count of each distinct answer pattern in the resample,
    ``sum(c * x) / n`` and ``sum(c * x x') / n``. A chunk of resamples therefore costs one matrix
    product of its counts (chunk x patterns) with the patterns and their pairwise products, and no
    resample's rows are ever copied: memory is bounded by :data:`_CHUNK_CELLS` counts plus the
    patterns' products (at most rows x q(q+1)/2 floats).
    """
    n, q = data.shape
    rng = np.random.default_rng(seed)
    patterns, freq, codes = _answer_patterns(data)
    u = len(freq)
    centred = patterns - (freq @ patterns) / n
    upper = np.triu_indices(q)
    products = centred[:, upper[0]] * centred[:, upper[1]]  # x_i x_j of each pattern, i <= j
    chunk = max(1, min(n_boot, _CHUNK_CELLS // max(u, n if u * _DRAWS_PER_PATTERN > n else 1)))
    weights = np.full((n_boot, q - 1), np.nan)
    for start in range(0, n_boot, chunk):
        size = min(chunk, n_boot - start)
        counts = _resample_counts(rng, n, freq, codes, size)
        means = counts @ centred / n
        second = np.empty((size, q, q))
        second[:, upper[0], upper[1]] = counts @ products / n
        second[:, upper[1], upper[0]] = second[:, upper[0], upper[1]]
        cov = second - means[:, :, None] * means[:, None, :]
        sd = np.sqrt(np.clip(np.diagonal(cov, axis1=1, axis2=2), 0, None))
        with np.errstate(divide="ignore", invalid="ignore"):
            corr = cov / (sd[:, :, None] * sd[:, None, :])
        usable = np.all(np.isfinite(corr), axis=(1, 2))
        if usable.any():
            block = weights[start:start + size]
            block[usable] = _weights_from_correlations(corr[usable, :-1, :-1], corr[usable, :-1, -1])
    return weights


def _label(column: str, prefix: str) -> str:
    """Human label of a rating column: 'attr_value_for_money' -> 'Value for money'."""
    text = column[len(prefix):] if column.startswith(prefix) else column
    text = text.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class DriverResult:
    """Relative weights with bootstrap intervals and the importance-performance quadrant.

    ``r2`` is the share of the outcome's variance the ratings explain together (the appendix calls it
    R²; a sentence says it in words, "explain 50% of how NPS varies").
    """

    table: pd.DataFrame
    r2: float
    n: int
    level: float
    target: str = "nps"

    @property
    def top_driver(self) -> str:
        """Column name of the driver with the largest weight."""
        return str(self.table["driver"].iloc[0])

    @property
    def outcome(self) -> str:
        """The outcome as a sentence names it: "NPS", "satisfaction"."""
        return self.target.upper() if len(self.target) <= 4 else self.target

    @property
    def lead_is_clear(self) -> bool:
        """Whether the top rating's weight is ahead of the second's beyond their 95% ranges (the
        top's low end above the second's high end); True with a single rating, and when the table
        carries no ranges (nothing to qualify the sentence by)."""
        if len(self.table) < 2 or not {"low", "high"} <= set(self.table.columns):
            return True
        return bool(self.table["low"].iloc[0] > self.table["high"].iloc[1])

    def headline(self) -> str:
        """One sentence, in words (association, no statistic): the rating that goes most closely
        with the outcome, its share of what the ratings explain, and how much they explain."""
        top = self.table.iloc[0]
        k = len(self.table)
        text = (f"Of the {k} ratings, {str(top['label']).lower()} goes most closely with {self.outcome}: it "
                f"carries {top['share']:.0f}% of what they explain together, and together they explain "
                f"{100 * self.r2:.0f}% of how {self.outcome} varies ({self.n:,} complete answers)")
        if not self.lead_is_clear:
            second = self.table.iloc[1]
            text += (f"; its lead over {str(second['label']).lower()} ({second['share']:.0f}%) is within what "
                     "chance alone produces")
        return text + "."


def _quadrant(important: bool, performing: bool) -> str:
    if important:
        return KEEP_IT_UP if performing else FIX_FIRST
    return POSSIBLE_OVERKILL if performing else LOWER_PRIORITY


def key_drivers(
    survey: pd.DataFrame,
    *,
    target: str = "nps",
    prefix: str = "attr_",
    n_boot: int = 500,
    level: float = 0.95,
    seed: int = 0,
) -> DriverResult:
    """Relative importance of the attribute ratings for an outcome, with performance.

    Parameters
    ----------
    survey : one row per response.
    target : outcome column (e.g. ``"nps"``).
    prefix : the predictors are the columns whose name starts with it.
    n_boot : number of bootstrap resamples for the intervals.
    level : coverage of the percentile bootstrap interval.
    seed : random seed of the bootstrap, for reproducible reports.

    Returns
    -------
    DriverResult
        ``table`` has one row per predictor sorted by weight descending: ``driver`` (column),
        ``label``, ``weight``, ``low``, ``high``, ``share`` (weight / R-squared * 100),
        ``performance`` (mean rating) and ``quadrant``. Everything uses the complete cases
        (rows with the target and every rating). A driver is important when its weight is at
        least the mean weight and performing when its mean rating is at least the mean of the
        mean ratings.
    """
    if target not in survey.columns:
        raise ValueError(f"the survey has no column {target!r}")
    columns = [c for c in survey.columns if isinstance(c, str) and c.startswith(prefix)]
    if not columns:
        raise ValueError(f"no driver columns: none of the survey's columns starts with {prefix!r}")
    if not 0 < level < 1:
        raise ValueError(f"level must lie strictly between 0 and 1; got {level}")
    if n_boot < 1:
        raise ValueError(f"n_boot must be at least 1; got {n_boot}")
    X, y = _complete_cases(survey[columns], survey[target])
    weights = relative_weights(X, y)
    r2 = float(weights.sum())
    boot = _bootstrap_weights(np.column_stack([X.to_numpy(), y.to_numpy()]), n_boot, seed)
    tail = (1 - level) / 2 * 100
    low, high = np.nanpercentile(boot, [tail, 100 - tail], axis=0)
    performance = X.mean()
    table = pd.DataFrame(
        {
            "driver": columns,
            "label": [_label(c, prefix) for c in columns],
            "weight": weights.to_numpy(),
            "low": low,
            "high": high,
            "share": weights.to_numpy() / r2 * 100,
            "performance": performance.to_numpy(),
        }
    )
    important = table["weight"] >= table["weight"].mean()
    performing = table["performance"] >= table["performance"].mean()
    table["quadrant"] = [_quadrant(i, p) for i, p in zip(important, performing)]
    table = table.sort_values("weight", ascending=False, kind="stable").reset_index(drop=True)
    return DriverResult(table=table, r2=r2, n=len(X), level=level, target=target)
