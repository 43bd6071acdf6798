"""How people really move through the journey: transitions, moves back and skips, common paths.

A person's path is their stages in time order with repeats merged ("usage, usage, support" is
"usage > support"). A *move* is a change of stage on that path. Against the textbook order of the
seven stages (:data:`cxlib.journey.mapping.STAGES`) a move is *forward* when it goes to the next
stage, a *skip* when it jumps over at least one stage, and *back* when it returns to an earlier
stage.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pandas as pd

from cxlib.journey.mapping import FUNNEL, STAGES

ARROW = " → "
MIN_MOVES = 30   # moves out of a stage (or people on a path) before its shares are compared
MOVES_FORMATS = {"Moves": "{:,.0f}", "Share of all moves": "{:.1f}%"}


@dataclass(frozen=True)
class _Visits:
    """Every person's path as flat arrays: one entry per visit (a run of one stage), people in
    sorted id order and each person's visits in time order (ties keep the file order).

    Flat arrays rather than a tuple per person, so that counting moves and paths is a handful of
    numpy operations whatever the number of people.
    """

    person: np.ndarray  # int: position of the visit's person in ``people``
    stage: np.ndarray   # int: position of the visit's stage in ``stages`` (-1: stage missing)
    people: np.ndarray  # the customer ids, sorted
    stages: np.ndarray  # the distinct stages

    @property
    def starts(self) -> np.ndarray:
        """Whether each visit is its person's first."""
        first = np.ones(len(self.person), dtype=bool)
        first[1:] = self.person[1:] != self.person[:-1]
        return first

    def moves(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(person, origin, target) of every change of stage, as codes."""
        same = self.person[1:] == self.person[:-1]
        return self.person[1:][same], self.stage[:-1][same], self.stage[1:][same]


def _rank(values: pd.Series) -> np.ndarray:
    """Sort rank of each value (equal values share one); missing values rank after all others,
    as ``sort_values`` places them."""
    codes, uniques = pd.factorize(values, sort=True)
    return np.where(codes < 0, len(uniques), codes)


def _visits(journey: pd.DataFrame) -> _Visits:
    """The paths of :func:`stage_paths` as :class:`_Visits` (events without a customer_id are
    nobody's path)."""
    events = journey[journey["customer_id"].notna()]
    person, people = pd.factorize(events["customer_id"], sort=True)
    # np.lexsort is stable, so equal times keep the file order
    order = np.lexsort((_rank(events["occurred_at"]), person))
    stage, stages = pd.factorize(events["stage"].to_numpy(dtype=object)[order])
    person = person[order]
    keep = np.ones(len(stage), dtype=bool)
    keep[1:] = (stage[1:] != stage[:-1]) | (person[1:] != person[:-1])
    return _Visits(person=person[keep], stage=stage[keep], people=np.asarray(people, dtype=object),
                   stages=np.asarray(stages, dtype=object))


def stage_paths(journey: pd.DataFrame) -> pd.Series:
    """Each person's path: their stages in time order with consecutive repeats merged.

    Parameters
    ----------
    journey : touchpoint events (customer_id, occurred_at, stage).

    Returns
    -------
    pd.Series
        A tuple of stages per customer_id.
    """
    visits = _visits(journey)
    names = np.append(visits.stages, np.nan).astype(object)  # code -1 reads as a missing stage
    stages = names[visits.stage].tolist()
    bounds = np.append(np.flatnonzero(visits.starts), len(stages)).tolist()
    paths = [tuple(stages[a:b]) for a, b in pairwise(bounds)]
    return pd.Series(paths, index=pd.Index(visits.people[visits.person[visits.starts]]), dtype=object)


@dataclass(frozen=True)
class Transitions:
    """Where people move next from each stage: counts of moves and row shares (in %)."""

    counts: pd.DataFrame
    shares: pd.DataFrame

    def share(self, origin: str, target: str) -> float:
        """Share (%) of the moves out of ``origin`` that go to ``target``."""
        return float(self.shares.loc[origin, target])

    def detour(self, min_moves: int = MIN_MOVES) -> tuple[str, str] | None:
        """The largest skip: the (origin, target) past the next stage with the largest share of the
        moves out of its origin, among stages with ``min_moves`` moves out; None without one."""
        best, top = None, 0.0
        for origin in self.counts.index:
            if self.counts.loc[origin].sum() < min_moves:
                continue
            for target in self.counts.columns:
                if (origin != target and move_kind(origin, target) == "skip"
                        and self.counts.loc[origin, target] and self.share(origin, target) > top):
                    best, top = (origin, target), self.share(origin, target)
        return best

    def title(self, origin: str | None = None, target: str | None = None) -> str:
        """An action title for the transition exhibit (the largest skip unless one is given)."""
        origin, target = (origin, target) if origin else (self.detour() or (None, None))
        if origin is None or math.isnan(self.share(origin, target)):  # nobody left the origin stage
            return "Where people go next"
        return f"{self.share(origin, target):.0f}% of moves out of {origin} go to {target}"

    def headline(self, origin: str | None = None, target: str | None = None) -> str:
        """Where people go from ``origin``: to ``target`` against the most usual other stage.

        Without a pair, the largest skip (:meth:`detour`) is described; without one either, the
        sentence says that people follow the textbook order.
        """
        origin, target = (origin, target) if origin else (self.detour() or (None, None))
        if origin is None:
            busy = int((self.counts.sum(axis=1) >= MIN_MOVES).sum())
            stages = "the one stage" if busy == 1 else f"the {busy} stages"
            return (f"No stage sends people past the next one: every move out of {stages} with {MIN_MOVES} "
                    "moves or more goes to the next stage or back.")
        moves = int(self.counts.loc[origin].sum())
        row = self.shares.loc[origin].drop(target)
        usual = row.idxmax()
        return (f"{self.share(origin, target):.0f}% of the moves out of {origin} lead to {target} "
                f"({int(self.counts.loc[origin, target]):,} of {moves:,} moves); "
                f"{row.max():.0f}% go to {usual}.")


def transition_matrix(journey: pd.DataFrame) -> Transitions:
    """Where people move next from each stage, counted over the moves of every person's path.

    A move is a change of stage (:func:`stage_paths`): two touchpoints of one stage in a row are
    one visit, not a move, so "usage, usage, support" is one move, usage to support.

    Parameters
    ----------
    journey : touchpoint events (customer_id, occurred_at, stage).

    Returns
    -------
    Transitions
        ``counts`` and ``shares`` are 7 x 7 frames indexed by from-stage with to-stage columns,
        both in :data:`STAGES` order; the diagonal is 0 (staying is not a move). ``shares`` are %
        of the moves out of the row's stage; a stage nobody leaves has a row of NaN shares.
    """
    visits = _visits(journey)
    _, origin, target = visits.moves()
    # stage code -> position in STAGES (-1: not one of the seven, so not counted)
    position = {s: i for i, s in enumerate(STAGES)}
    lookup = np.array([position.get(s, -1) for s in visits.stages] + [-1], dtype=np.int64)
    origin, target = lookup[origin], lookup[target]  # code -1 (missing) takes the last entry
    known = (origin >= 0) & (target >= 0)
    k = len(STAGES)
    cells = np.bincount(origin[known] * k + target[known], minlength=k * k).reshape(k, k)
    counts = pd.DataFrame(cells.astype(np.int64), index=pd.Index(list(STAGES), name="from"),
                          columns=pd.Index(list(STAGES), name="to"))
    totals = counts.sum(axis=1).replace(0, np.nan)
    shares = counts.div(totals, axis=0) * 100
    return Transitions(counts=counts.astype(int), shares=shares)


def move_kind(origin: str, target: str, order: tuple[str, ...] = STAGES) -> str:
    """``forward``, ``skip`` or ``back`` for a change of stage (see the module docstring)."""
    step = order.index(target) - order.index(origin)
    if step == 0:
        raise ValueError(f"{origin} to {target} is not a move")
    return "back" if step < 0 else "forward" if step == 1 else "skip"


@dataclass(frozen=True)
class PathShapes:
    """How linear the paths are: the share of people who went back or skipped, and the moves."""

    people: int          # people with at least one move
    back_share: float    # % of them with at least one move back
    skip_share: float    # % of them with at least one skip
    linear_share: float  # % of them with forward moves only
    moves: pd.DataFrame  # from_stage, to_stage, kind, moves, share (% of all moves)

    def moves_table(self, top: int = 8) -> pd.DataFrame:
        """The most frequent moves that are not textbook steps, as a client reads them."""
        rows = self.moves[self.moves["kind"] != "forward"].head(top)
        return pd.DataFrame({
            "From": [str(s).capitalize() for s in rows["from_stage"]],
            "To": [str(s).capitalize() for s in rows["to_stage"]],
            "Kind": ["Back" if k == "back" else "Skip" for k in rows["kind"]],
            "Moves": rows["moves"].to_numpy(),
            "Share of all moves": rows["share"].to_numpy(),
        })

    def top(self, kind: str) -> pd.Series | None:
        rows = self.moves[self.moves["kind"] == kind]
        return None if rows.empty else rows.iloc[0]

    def title(self) -> str:
        """An action title for the moves exhibit."""
        return f"{100 - self.linear_share:.0f}% of people leave the straight line"

    def headline(self) -> str:
        back, skip = self.top("back"), self.top("skip")
        text = (f"Only {self.linear_share:.0f}% of the {self.people:,} people who changed stage "
                f"moved strictly forward: {self.back_share:.0f}% went back at least once")
        if back is not None:
            text += f" (most often {back['from_stage']} to {back['to_stage']})"
        text += f" and {self.skip_share:.0f}% skipped a stage"
        if skip is not None:
            text += f" (most often {skip['from_stage']} to {skip['to_stage']})"
        return text + "."


def _code(visits: _Visits, stage: str) -> int:
    """The code of ``stage`` in ``visits`` (-2, which no visit has, when nobody visited it)."""
    found = np.flatnonzero(visits.stages == stage)
    return int(found[0]) if len(found) else -2


def _first_true(flags: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Per person (``starts`` of their visits), the position of their first flagged visit, or
    the length of ``flags`` when none is flagged."""
    where = np.where(flags, np.arange(len(flags)), len(flags))
    return np.minimum.reduceat(where, starts) if len(starts) else np.empty(0, dtype=np.int64)


def _entry_and_reach(visits: _Visits, entry: str, until: str) -> tuple[np.ndarray, np.ndarray]:
    """Per person: whether their path starts at ``entry``, and whether it visits ``until``."""
    starts = np.flatnonzero(visits.starts)
    entering = visits.stage[starts] == _code(visits, entry)
    reaches = _first_true(visits.stage == _code(visits, until), starts) < len(visits.stage)
    return entering, reaches


def movers(journey: pd.DataFrame) -> int:
    """How many people changed stage at least once."""
    person, _, _ = _visits(journey).moves()
    return len(np.unique(person))


def reached_usage(journey: pd.DataFrame, *, entry: str = STAGES[0], until: str = "usage") -> int:
    """How many people whose path starts at ``entry`` reached ``until`` (the base of :func:`common_paths`)."""
    entering, reached = _entry_and_reach(_visits(journey), entry, until)
    return int((entering & reached).sum())


def path_shapes(journey: pd.DataFrame, order: tuple[str, ...] = STAGES) -> PathShapes:
    """Share of people who go back or skip stages against the textbook ``order``.

    Parameters
    ----------
    journey : touchpoint events (customer_id, occurred_at, stage).
    order : the textbook order of the stages.

    Returns
    -------
    PathShapes
        Shares in % of the people with at least one move; ``moves`` lists every kind of move
        (from_stage, to_stage, kind, moves, share of all moves in %), most frequent first.
    """
    visits = _visits(journey)
    person, origin, target = visits.moves()
    # one integer per (origin, target) pair; codes shift by one so a missing stage (-1) is 0
    base = len(visits.stages) + 1
    pairs, pair_of_move, moves_per_pair = np.unique((origin + 1) * base + (target + 1),
                                                    return_inverse=True, return_counts=True)
    names = np.append(np.nan, visits.stages).astype(object)
    from_stage, to_stage = names[pairs // base], names[pairs % base]
    kinds = np.array([move_kind(o, t, order) for o, t in zip(from_stage, to_stage)], dtype=object)
    # per person: whether any of their moves goes back, and whether any skips
    movers, mover = np.unique(person, return_inverse=True)
    people = len(movers)
    went_back = np.bincount(mover, weights=(kinds == "back")[pair_of_move], minlength=people) > 0
    skipped = np.bincount(mover, weights=(kinds == "skip")[pair_of_move], minlength=people) > 0
    back, skip = int(went_back.sum()), int(skipped.sum())
    linear = int((~went_back & ~skipped).sum())
    total = int(moves_per_pair.sum())
    moves = pd.DataFrame({"from_stage": from_stage, "to_stage": to_stage, "kind": kinds,
                          "moves": moves_per_pair.astype(np.int64), "share": 100 * moves_per_pair / total},
                         columns=["from_stage", "to_stage", "kind", "moves", "share"])
    moves = moves.sort_values(["moves", "from_stage", "to_stage"], ascending=[False, True, True],
                              kind="stable").reset_index(drop=True)

    def pct(k: int) -> float:
        return 100 * k / people if people else math.nan

    return PathShapes(people=people, back_share=pct(back), skip_share=pct(skip),
                      linear_share=pct(linear), moves=moves)


@dataclass(frozen=True)
class CommonPaths:
    """The paths people took from ``entry`` until they first reached ``until``."""

    table: pd.DataFrame  # path, people, share (% of those who reached `until`), textbook
    entry: str
    until: str
    reached: int         # people entering at `entry` who reached `until`
    not_reached: int     # people entering at `entry` who have not (yet) reached it

    def title(self) -> str:
        """An action title for the paths exhibit."""
        return f"Only {self.textbook_share:.0f}% of new customers took the textbook path"

    @property
    def textbook_share(self) -> float:
        rows = self.table[self.table["textbook"]]
        return float(rows["share"].sum()) if len(rows) else 0.0

    def headline(self) -> str:
        top = self.table.iloc[0] if len(self.table) else None
        text = (f"Only {self.textbook_share:.0f}% of the {self.reached:,} people who went from "
                f"{self.entry} to {self.until} took the textbook path")
        if top is not None and not bool(top["textbook"]):
            text += f"; the most common path is {top['path']} ({top['share']:.0f}%)"
        elif len(self.table) > 1:
            second = self.table.iloc[1]
            text += f"; next most common is {second['path']} ({second['share']:.0f}%)"
        return text + "."


def common_paths(journey: pd.DataFrame, *, entry: str = STAGES[0], until: str = "usage",
                 textbook: tuple[str, ...] = FUNNEL) -> CommonPaths:
    """The most common paths from the first stage to ``until``, for people entering at ``entry``.

    Parameters
    ----------
    journey : touchpoint events (customer_id, occurred_at, stage).
    entry : people whose path starts at this stage.
    until : each path is cut at its first visit to this stage; people who never get there are
        counted in ``not_reached``.
    textbook : the path the organisation expects (by default awareness to usage in order).

    Returns
    -------
    CommonPaths
        ``table``: every distinct path (stages joined by an arrow), people, share (% of those who
        reached ``until``) and whether it is the textbook path; most common first.
    """
    visits = _visits(journey)
    entering, reaches = _entry_and_reach(visits, entry, until)
    taken = entering & reaches
    # each path that reached `until`, cut at its first visit there, as the bytes of its stage
    # codes: people are then counted per distinct path by hashing, not a tuple per person
    starts = np.flatnonzero(visits.starts)
    is_until = visits.stage == _code(visits, until)
    first_until = _first_true(is_until, starts)
    begin, end = starts[taken], first_until[taken] + 1
    width = np.dtype(np.int32).itemsize
    buffer = visits.stage.astype(np.int32).tobytes()
    counts = Counter(buffer[a:b] for a, b in zip((begin * width).tolist(), (end * width).tolist()))
    reached = len(begin)
    textbook = tuple(textbook)
    names = np.append(visits.stages, np.nan).astype(object)  # code -1 reads as a missing stage
    rows = []
    for key, n in counts.items():
        p = tuple(names[np.frombuffer(key, dtype=np.int32)])
        rows.append((ARROW.join(s.capitalize() for s in p), n, 100 * n / reached, p == textbook))
    table = pd.DataFrame(rows, columns=["path", "people", "share", "textbook"])
    table = table.sort_values(["people", "path"], ascending=[False, True],
                              kind="stable").reset_index(drop=True)
    return CommonPaths(table=table, entry=entry, until=until, reached=reached,
                       not_reached=int(entering.sum()) - reached)
