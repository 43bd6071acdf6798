"""Anonymity: no group under five people can be seen, or worked out from the totals that are shown.

The attacks below are independent of cxlib's own rank test: a null-space computation (scipy) and a
linear programme that, knowing every printed number and every group's size, bounds what a hidden
group's score could be.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.linalg import null_space
from scipy.optimize import linprog

from cxlib.culture import alignment, anonymity, contact, dimensions, voices
from cxlib.demo.people import TRUTHS

GRID = pd.DataFrame({"L": [2, 6, 7], "M": [6, 6, 8], "F": [20, 30, 25]}, index=list("ABC"))


def hidden_cells(protection) -> set[tuple[str, str]]:
    h = protection.hidden
    return {(r, c) for r in h.index for c in h.columns if h.loc[r, c]}


def printed_vectors(protection) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """Every printed aggregate as a 0/1 row over the cells (row-major)."""
    counts = protection.counts
    cells = [(r, c) for r in counts.index for c in counts.columns]
    rows = []
    for r, c in cells:
        if not protection.hidden.loc[r, c]:
            rows.append([1.0 if cell == (r, c) else 0.0 for cell in cells])
    for r in counts.index:
        if not protection.hidden_rows[r]:
            rows.append([1.0 if cell[0] == r else 0.0 for cell in cells])
    for c in counts.columns:
        if not protection.hidden_columns[c]:
            rows.append([1.0 if cell[1] == c else 0.0 for cell in cells])
    if not protection.hidden_total:
        rows.append([1.0] * len(cells))
    return np.array(rows), cells


def recoverable(protection) -> list[tuple[str, str]]:
    """Small non-empty cells whose value is fixed by the printed numbers (null-space test)."""
    printed, cells = printed_vectors(protection)
    free = null_space(printed) if len(printed) else np.eye(len(cells))
    counts = protection.counts
    return [cell for i, cell in enumerate(cells)
            if 0 < counts.loc[cell] < protection.min_n
            and (free.shape[1] == 0 or np.abs(free[i]).max() < 1e-9)]


def test_the_hand_example_hides_a_loop_of_four_cells():
    # A-L (2 people) is hidden; alone it equals row A's total minus A-M and A-F, so A-M goes too;
    # then column L gives it away unless B-L goes, and B-L unless B-M: the four close a loop.
    protection = anonymity.protect(GRID)
    assert hidden_cells(protection) == {("A", "L"), ("A", "M"), ("B", "L"), ("B", "M")}
    assert protection.primary() == [("A", "L")]
    assert not protection.hidden_rows.any() and not protection.hidden_columns.any()
    assert anonymity.exposed_groups(protection) == [] == recoverable(protection)


def test_hiding_only_the_small_cell_would_leak_it():
    naive = anonymity.Protection(
        counts=GRID, hidden=GRID.lt(5) & GRID.gt(0), hidden_rows=pd.Series(False, index=GRID.index),
        hidden_columns=pd.Series(False, index=GRID.columns), hidden_total=False, min_n=5)
    assert recoverable(naive) == [("A", "L")]
    assert anonymity.exposed_groups(naive) == ["A L"]


def test_one_way_breakdown_gets_a_complement_and_pairs_must_reach_five():
    # a (3) alone would be the total minus the rest: the smallest other group (d, 8) goes too
    hidden = anonymity.protect_series(pd.Series({"a": 3, "b": 12, "c": 20, "d": 8}))
    assert hidden[hidden].index.tolist() == ["a", "d"]
    # a (3) and b (1) hidden together still make a group of 4: one more must go
    hidden = anonymity.protect_series(pd.Series({"a": 3, "b": 1, "c": 20, "d": 8}))
    assert hidden[hidden].index.tolist() == ["a", "b", "d"]
    # nothing small: nothing hidden
    assert not anonymity.protect_series(pd.Series({"a": 5, "b": 9})).any()


def test_a_small_department_total_is_hidden_with_a_partner_and_its_cells():
    counts = pd.DataFrame({"L": [1, 5, 6], "F": [2, 10, 20]}, index=["Legal", "Finance", "Sales"])
    protection = anonymity.protect(counts)
    assert protection.hidden_rows["Legal"]
    assert protection.hidden_rows.sum() >= 2  # a partner, or Legal = total - the others
    assert hidden_cells(protection) >= {("Legal", "L"), ("Legal", "F")}
    assert anonymity.exposed_groups(protection) == [] == recoverable(protection)


@pytest.mark.parametrize("seed", range(40))
def test_random_breakdowns_never_leak_a_small_group(seed):
    rng = np.random.default_rng(seed)
    shape = (int(rng.integers(2, 6)), int(rng.integers(2, 4)))
    counts = pd.DataFrame(rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 20], size=shape),
                          index=[f"r{i}" for i in range(shape[0])],
                          columns=[f"c{j}" for j in range(shape[1])])
    protection = anonymity.protect(counts)
    assert recoverable(protection) == []
    for r, c in protection.primary():
        assert protection.hidden.loc[r, c]
    hidden = protection.hidden
    for r in counts.index:
        if not protection.hidden_rows[r]:
            people = counts.loc[r][hidden.loc[r]].sum()
            assert people == 0 or people >= 5  # hidden together, never a group under 5
    for c in counts.columns:
        if not protection.hidden_columns[c]:
            people = counts[c][hidden[c]].sum()
            assert people == 0 or people >= 5


# --- the demo ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_protection(demo):
    return anonymity.protect_groups(demo["employees"], "department", "level",
                                    column_order=alignment.LEVELS)


def test_demo_hides_hr_leaders_and_managers_and_a_finance_complement(demo_protection):
    small = {(d, lv) for d, lv, _ in TRUTHS.small_groups}
    assert set(demo_protection.primary()) == small
    assert set(demo_protection.complementary()) == {("Finance", "leadership"), ("Finance", "manager")}
    assert not demo_protection.hidden_rows.any() and not demo_protection.hidden_columns.any()
    assert demo_protection.headline().startswith(
        "2 groups with fewer than 5 respondents (HR leadership and HR manager) are not shown; "
        "2 more (Finance leadership and Finance manager)")


def linear_attack(protection, scores: pd.DataFrame, dimension: str, target: tuple[str, str]):
    """Lowest and highest mean the target cell could have, given every printed sum and size."""
    counts = scores.dropna(subset=[dimension]).groupby(["department", "level"]).size()
    sums = scores.dropna(subset=[dimension]).groupby(["department", "level"])[dimension].sum()
    cells = [(r, c) for r in protection.counts.index for c in protection.counts.columns
             if counts.get((r, c), 0) > 0]
    unknown = [cell for cell in cells if protection.hidden.loc[cell]]
    a_eq, b_eq = [], []
    lines = [([cell for cell in cells if cell[0] == r], protection.hidden_rows[r])
             for r in protection.counts.index]
    lines += [([cell for cell in cells if cell[1] == c], protection.hidden_columns[c])
              for c in protection.counts.columns]
    lines.append((cells, protection.hidden_total))
    for members, hidden in lines:
        if hidden:
            continue
        a_eq.append([1.0 if cell in members else 0.0 for cell in unknown])
        b_eq.append(sum(sums[cell] for cell in members if cell in unknown))
    bounds = [(1.0 * counts[cell], 5.0 * counts[cell]) for cell in unknown]
    i = unknown.index(target)
    goal = np.zeros(len(unknown))
    goal[i] = 1
    low = linprog(goal, A_eq=a_eq, b_eq=b_eq, bounds=bounds).fun
    high = -linprog(-goal, A_eq=a_eq, b_eq=b_eq, bounds=bounds).fun
    return low / counts[target], high / counts[target]


@pytest.mark.parametrize("dimension", ["People", "Values", "Clarity"])
def test_demo_hidden_groups_cannot_be_pinned_down_from_what_is_printed(demo, demo_protection,
                                                                       dimension):
    scores = dimensions.dimension_scores(demo["employees"])
    for department, level, _ in TRUTHS.small_groups:
        low, high = linear_attack(demo_protection, scores, dimension, (department, level))
        assert high - low >= 1.0, (department, level)  # a whole point of the 1-5 scale or more


def test_demo_attack_would_succeed_without_complementary_hiding(demo, demo_protection):
    scores = dimensions.dimension_scores(demo["employees"])
    naive = anonymity.Protection(
        counts=demo_protection.counts,
        hidden=(demo_protection.counts > 0) & (demo_protection.counts < 5),
        hidden_rows=demo_protection.hidden_rows, hidden_columns=demo_protection.hidden_columns,
        hidden_total=False, min_n=5)
    low, high = linear_attack(naive, scores, "Clarity", ("HR", "leadership"))
    truth = scores.loc[(scores["department"] == "HR") & (scores["level"] == "leadership"),
                       "Clarity"].mean()
    assert low == pytest.approx(truth) and high == pytest.approx(truth)


def test_demo_tables_carry_no_number_for_a_hidden_group(demo, demo_protection):
    employees = demo["employees"]
    scores = dimensions.dimension_scores(employees)
    table = alignment.breakdown(scores, ["People", "Values", "Clarity"], demo_protection)
    hidden = table[table["hidden"]]
    assert len(hidden) == 4 * 3  # four cells, three dimensions
    assert hidden[["n", "mean"]].isna().all().all()
    shown = table[~table["hidden"]]
    assert shown[["n", "mean"]].notna().all().all()
    assert set(zip(hidden["department"], hidden["level"])) == hidden_cells(demo_protection)
    # the department and level totals are all printable, and agree with the raw data
    totals = shown[shown["level"] == alignment.ALL].set_index(["department", "dimension"])
    assert totals.loc[("HR", "Clarity"), "n"] == 12
    gaps = alignment.level_gaps(scores, ["Clarity"], protection=demo_protection)
    assert set(gaps.levels["level"]) == {"leadership", "manager", "frontline"}


def test_contact_and_comment_tables_hide_small_groups_with_a_partner():
    staff = pd.DataFrame({
        "department": ["Legal"] * 3 + ["Audit"] * 6 + ["Sales"] * 20,
        "level": "frontline",
        "customer_contact": ["never"] * 3 + ["yearly"] * 6 + ["daily"] * 20,
        "comment": ["We never hear from customers."] * 3 + [None] * 6 + ["Training please."] * 20,
    })
    result = contact.contact_by_department(staff)
    assert set(result.hidden) == {"Legal", "Audit"}  # Legal = total - Sales without Audit
    shown = result.table.dropna(subset=["n"])
    assert shown["department"].tolist() == ["Sales"]
    assert result.table.loc[result.table["department"] == "Legal", "never"].isna().all()
    said = voices.comment_themes(staff, by="department", labels={}, order=["Legal", "Sales"])
    assert said.hidden == ("Legal",) or "Legal" in said.hidden
    assert "Legal" not in set(said.table["group"]) and "Legal" not in set(said.quotes["group"])
