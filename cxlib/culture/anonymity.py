"""Anonymity of the employee survey: which groups a report may show.

Staff answer honestly only when nobody can single them out. A group with fewer than
:data:`MIN_GROUP` respondents (default 5) is therefore never shown (*primary suppression*). Hiding
it is not enough when totals are shown too: if a department's total and two of its three levels
are printed, the third level is the total minus the other two. So further groups are hidden
(*complementary suppression*) until no small group can be worked out from what is printed.

The report prints a two-way breakdown (rows, e.g. departments, by columns, e.g. levels) with its
row totals, its column totals and the overall total. Every printed number is a sum over cells
(a count, or a sum of scores behind a mean), so a reader can combine them linearly. A small group
can be recovered exactly when its indicator vector lies in the span of the printed sums; this
module keeps hiding the cheapest extra group (fewest people, the ones that close a loop first)
until no small group can, and checks the result with the same rank test. Zero cells are printed
(an empty group reveals nothing) and a hidden group's size is hidden with its values.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.wording import and_list

MIN_GROUP = 5


@dataclass(frozen=True)
class Protection:
    """What a report may print of a two-way breakdown of respondents.

    ``hidden`` (cells), ``hidden_rows``, ``hidden_columns`` and ``hidden_total`` are True where
    the group's size and values must not be printed.
    """

    counts: pd.DataFrame
    hidden: pd.DataFrame
    hidden_rows: pd.Series
    hidden_columns: pd.Series
    hidden_total: bool
    min_n: int

    def primary(self) -> list[tuple[str, str]]:
        """(row, column) of the cells hidden because they have fewer than ``min_n`` people."""
        small = (self.counts > 0) & (self.counts < self.min_n)
        return [(r, c) for r in small.index for c in small.columns if small.loc[r, c]]

    def complementary(self) -> list[tuple[str, str]]:
        """(row, column) of the cells hidden only to protect a smaller group."""
        small = set(self.primary())
        return [(r, c) for r in self.hidden.index for c in self.hidden.columns
                if self.hidden.loc[r, c] and (r, c) not in small]

    def cell_visible(self, row, column) -> bool:
        return not bool(self.hidden.loc[row, column])

    def row_visible(self, row) -> bool:
        return not bool(self.hidden_rows.loc[row])

    def column_visible(self, column) -> bool:
        return not bool(self.hidden_columns.loc[column])

    def headline(self, what: str = "group") -> str:
        """A sentence saying what is hidden and why (for the report's anonymity note)."""
        small, extra = self.primary(), self.complementary()
        if not small and not self.hidden_rows.any() and not self.hidden_columns.any():
            return (f"Every {what} has at least {self.min_n} respondents, so nothing had to be "
                    "hidden.")
        parts = []
        if small:
            names = and_list([f"{r} {c}" for r, c in small])
            parts.append(f"{len(small)} {what}{'s' if len(small) > 1 else ''} with fewer than "
                         f"{self.min_n} respondents ({names}) {'are' if len(small) > 1 else 'is'} "
                         "not shown")
        if extra:
            names = and_list([f"{r} {c}" for r, c in extra])
            parts.append(f"{len(extra)} more ({names}) {'are' if len(extra) > 1 else 'is'} hidden "
                         "so that nobody can work the smaller "
                         f"{'ones' if len(small) > 1 else 'one'} out by subtracting from a total")
        totals = [str(r) for r in self.hidden_rows.index[self.hidden_rows]]
        totals += [str(c) for c in self.hidden_columns.index[self.hidden_columns]]
        if totals:
            parts.append(f"the totals of {and_list(totals)} are hidden too")
        text = "; ".join(parts) + "."
        return text[0].upper() + text[1:]


# --- the linear algebra of disclosure ----------------------------------------------------------
class _Layout:
    """Every printable aggregate of an r x c breakdown as a 0/1 vector over its cells."""

    def __init__(self, counts: pd.DataFrame):
        self.counts = counts.to_numpy(dtype=float)
        r, c = self.counts.shape
        self.shape = (r, c)
        vectors, kinds, sizes = [], [], []
        for i in range(r):
            for j in range(c):
                v = np.zeros(r * c)
                v[i * c + j] = 1
                vectors.append(v), kinds.append(("cell", i, j)), sizes.append(self.counts[i, j])
        for i in range(r):
            v = np.zeros((r, c))
            v[i, :] = 1
            vectors.append(v.ravel()), kinds.append(("row", i, None))
            sizes.append(self.counts[i].sum())
        for j in range(c):
            v = np.zeros((r, c))
            v[:, j] = 1
            vectors.append(v.ravel()), kinds.append(("column", None, j))
            sizes.append(self.counts[:, j].sum())
        vectors.append(np.ones(r * c)), kinds.append(("total", None, None))
        sizes.append(self.counts.sum())
        self.vectors = np.array(vectors)
        self.kinds = kinds
        self.sizes = np.array(sizes)
        # Two aggregates over the same non-empty cells print the same number: hide them together.
        nonzero = (self.counts.ravel() > 0).astype(float)
        keys = [tuple((v * nonzero).astype(int)) for v in self.vectors]
        self.twins = [[k for k, other in enumerate(keys) if other == key] for key in keys]

    def sensitive(self, min_n: int) -> list[int]:
        return [k for k, n in enumerate(self.sizes) if 0 < n < min_n]

    def basis(self, hidden: np.ndarray) -> np.ndarray:
        """Orthonormal rows spanning the printed (not hidden) aggregates."""
        printed = self.vectors[~hidden]
        if not len(printed):
            return np.zeros((0, self.vectors.shape[1]))
        _, sv, vt = np.linalg.svd(printed, full_matrices=False)
        rank = int((sv > sv.max() * max(printed.shape) * np.finfo(float).eps).sum())
        return vt[:rank]

    @staticmethod
    def follows(basis: np.ndarray, vector: np.ndarray) -> bool:
        """True when ``vector`` is a combination of the printed aggregates (lies in their span)."""
        rest = vector - basis.T @ (basis @ vector)
        return bool(np.abs(rest).max() < 1e-8)

    def derivable(self, hidden: np.ndarray, target: int) -> bool:
        """True when aggregate ``target`` follows from the printed (not hidden) aggregates."""
        return self.follows(self.basis(hidden), self.vectors[target])

    def exposed(self, hidden: np.ndarray, min_n: int) -> list[int]:
        """Small groups a reader can work out, each named by the aggregate to protect it from.

        A small group is a cell or total of 1 to ``min_n - 1`` people, or the hidden cells of one
        row, one column or the whole table taken together when they hold 1 to ``min_n - 1``
        people (hiding two cells of 2 people each next to a printed total would reveal the pair).
        """
        basis = self.basis(hidden)
        found = [k for k in self.sensitive(min_n) if self.follows(basis, self.vectors[k])]
        r, c = self.shape
        present = self.counts.ravel() > 0
        cells = hidden[: r * c] & present
        for k, (kind, _, _) in enumerate(self.kinds):
            if kind == "cell" or k in found:
                continue
            together = self.vectors[k] * cells
            n = float(together @ self.counts.ravel())
            if not 0 < n < min_n:
                continue
            if any(np.array_equal(together, self.vectors[f] * present) for f in found):
                continue  # the same people as a group already found
            if self.follows(basis, together):
                found.append(k)
        return found

    def adjacent(self, target: int) -> set[int]:
        """Aggregates that share a line with ``target``: where its complement can come from.

        A cell's neighbours are the cells and totals of its row and column; a row total's are
        the cells of its row and the other row totals (likewise for a column); the overall
        total's are all others.
        """
        kind, i, j = self.kinds[target]
        near = set()
        for k, (other, oi, oj) in enumerate(self.kinds):
            if kind == "total":
                near.add(k)
            elif kind == "cell":
                if (other == "cell" and (oi == i or oj == j)) or (other == "row" and oi == i) \
                        or (other == "column" and oj == j):
                    near.add(k)
            elif kind == "row":
                if (other == "cell" and oi == i) or other == "row":
                    near.add(k)
            elif (other == "cell" and oj == j) or other == "column":
                near.add(k)
        near.discard(target)
        return near

    def cost(self, k: int) -> tuple:
        kind, i, j = self.kinds[k]
        order = {"cell": 0, "row": 1, "column": 2, "total": 3}[kind]
        crossing = 0.0
        if kind == "cell":
            crossing = self.counts[i].sum() + self.counts[:, j].sum()
        return (self.sizes[k], crossing, order, k)


def protect(counts: pd.DataFrame, *, min_n: int = MIN_GROUP) -> Protection:
    """Decide which cells and totals of a two-way breakdown may be printed.

    Parameters
    ----------
    counts : respondents per cell, rows x columns (e.g. departments x levels); zero for an empty
        combination.
    min_n : smallest group that may be shown.

    Returns
    -------
    Protection
        Hidden cells and totals such that no group of 1 to ``min_n - 1`` respondents (a cell, a
        row total, a column total or the whole survey) can be recovered exactly from the printed
        cells, row totals, column totals and overall total.
    """
    if min_n < 1:
        raise ValueError(f"min_n must be at least 1; got {min_n}")
    counts = counts.fillna(0).astype(int)
    layout = _Layout(counts)
    hidden = np.zeros(len(layout.kinds), dtype=bool)
    for k in layout.sensitive(min_n):
        hidden[layout.twins[k]] = True
    exposed = layout.exposed(hidden, min_n)
    while exposed:
        options = [k for k in range(len(hidden)) if not hidden[k] and layout.sizes[k] > 0]
        if not options:  # pragma: no cover - with everything hidden nothing can be derived
            break

        def after(k: int) -> int:
            trial = hidden.copy()
            trial[layout.twins[k]] = True
            return len(layout.exposed(trial, min_n))

        # Only a group sharing a line with an exposed one can shield it.
        near_any = set().union(*(layout.adjacent(e) for e in exposed))
        candidates = [k for k in options if k in near_any] or options
        remaining = {k: after(k) for k in candidates}
        best = min(candidates, key=lambda k: (remaining[k], layout.cost(k)))
        if remaining[best] >= len(exposed):
            # No single extra group helps yet (a loop needs two): take the cheapest neighbour.
            near = [k for k in options if k in layout.adjacent(exposed[0])] or options
            best = min(near, key=layout.cost)
        hidden[layout.twins[best]] = True
        exposed = layout.exposed(hidden, min_n)
    # Greedy choices can overshoot: show again every extra group that protects nothing, largest
    # first (a total that the printed numbers already imply, say).
    small = set(layout.sensitive(min_n))
    for k in sorted(np.flatnonzero(hidden), key=lambda k: (-layout.sizes[k], k)):
        if k in small or not hidden[k]:
            continue
        trial = hidden.copy()
        trial[layout.twins[k]] = False
        if any(t in small for t in layout.twins[k]):
            continue
        if not layout.exposed(trial, min_n):
            hidden = trial

    r, c = layout.shape
    cells = hidden[: r * c].reshape(r, c)
    return Protection(
        counts=counts,
        hidden=pd.DataFrame(cells, index=counts.index, columns=counts.columns),
        hidden_rows=pd.Series(hidden[r * c: r * c + r], index=counts.index),
        hidden_columns=pd.Series(hidden[r * c + r: r * c + r + c], index=counts.columns),
        hidden_total=bool(hidden[-1]),
        min_n=min_n,
    )


def exposed_groups(protection: Protection) -> list[str]:
    """Small groups that a reader could still work out from what is printed (should be empty)."""
    layout = _Layout(protection.counts)
    hidden = np.concatenate([protection.hidden.to_numpy().ravel(),
                             protection.hidden_rows.to_numpy(), protection.hidden_columns.to_numpy(),
                             [protection.hidden_total]]).astype(bool)
    names = []
    small = set(layout.sensitive(protection.min_n))
    for k in layout.exposed(hidden, protection.min_n):
        _, i, j = layout.kinds[k]
        row = protection.counts.index[i] if i is not None else "all"
        col = protection.counts.columns[j] if j is not None else "all"
        name = f"{row} {col}"
        names.append(name if k in small else f"the hidden cells of {name} together")
    return names


def protect_groups(frame: pd.DataFrame, rows: str, columns: str, *, min_n: int = MIN_GROUP,
                   row_order=None, column_order=None) -> Protection:
    """:func:`protect` for the respondents of ``frame`` counted by two columns.

    Parameters
    ----------
    frame : one row per respondent.
    rows, columns : the grouping columns (e.g. ``"department"``, ``"level"``).
    row_order, column_order : order of the groups (default: rows by size, columns sorted).
    """
    counts = pd.crosstab(frame[rows], frame[columns])
    if column_order is not None:
        counts = counts.reindex(columns=[c for c in column_order if c in counts.columns]
                                + [c for c in counts.columns if c not in column_order], fill_value=0)
    if row_order is not None:
        counts = counts.reindex([r for r in row_order if r in counts.index]
                                + [r for r in counts.index if r not in row_order], fill_value=0)
    else:
        counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    counts.index.name, counts.columns.name = rows, columns
    return protect(counts, min_n=min_n)


def protect_series(counts: pd.Series, *, min_n: int = MIN_GROUP) -> pd.Series:
    """Which groups of a one-way breakdown (printed with its total) must be hidden.

    Returns
    -------
    pd.Series
        bool on the index of ``counts``: True for a group with fewer than ``min_n`` members and
        for the extra groups hidden so that the small ones cannot be worked out from the total.
    """
    protection = protect(counts.rename("n").to_frame(), min_n=min_n)
    return protection.hidden["n"] | protection.hidden_rows
