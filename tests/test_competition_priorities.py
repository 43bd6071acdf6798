"""Where to attack first: importance for NPS crossed with the gap to the best competitor."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import benchmark_frame

from cxlib.competition.benchmark import benchmark
from cxlib.competition.priorities import (
    ATTACK,
    CATCH_UP,
    MAINTAIN,
    UNKNOWN,
    attack_priorities,
    driver_column,
    importance,
)


def _bench(gaps: dict[str, float]):
    """A benchmark where competitor A scores 7.0 everywhere and we score 7.0 + gap."""
    return benchmark(benchmark_frame(gaps), "Us")


# Three drivers: the average share is 100 / 3 = 33.3%, so only ease (50%) is important.
DRIVERS = pd.DataFrame({"driver": ["attr_ease", "attr_reliability", "attr_price"],
                        "share": [50.0, 30.0, 20.0]})


def test_driver_column_of_an_attribute():
    assert driver_column("ease") == "attr_ease"
    assert driver_column(" Value for money ") == "attr_value_for_money"


def test_quadrants_and_order():
    plan = attack_priorities(DRIVERS, _bench({"ease": -3.0, "reliability": 0.5, "price": -1.0,
                                              "staff": 1.0}))
    table = plan.table.set_index("attribute")
    assert plan.threshold == pytest.approx(100 / 3)
    assert table["quadrant"].to_dict() == {"ease": ATTACK, "price": CATCH_UP, "reliability": MAINTAIN,
                                           "staff": UNKNOWN}
    assert plan.table["attribute"].tolist() == ["ease", "price", "reliability", "staff"]
    assert plan.table["priority"].tolist() == [1, 2, 3, 4]
    assert table.loc["ease", "importance"] == 50.0 and np.isnan(table.loc["staff", "importance"])
    assert pd.isna(table.loc["staff", "driver"])  # no such survey rating


def test_important_and_ahead_is_a_lead_to_defend():
    plan = attack_priorities(DRIVERS, _bench({"ease": 0.4, "price": -2.0}))
    assert plan.attack.empty and plan.defend["attribute"].tolist() == ["ease"]
    assert plan.headline() == ("No attribute that goes closely with NPS trails the best competitor; defend ease, "
                               "the survey rating that goes most closely with NPS (50% of the 3 ratings' joint "
                               "link), 0.4 points ahead.")


def test_attacks_are_ordered_by_importance_times_gap():
    drivers = pd.DataFrame({"driver": ["attr_ease", "attr_speed", "attr_price", "attr_staff"],
                            "share": [40.0, 35.0, 15.0, 10.0]})
    # ease 40 x 1.0 = 40 < speed 35 x 2.0 = 70: speed is attacked first.
    plan = attack_priorities(drivers, _bench({"ease": -1.0, "speed": -2.0, "price": -1.0}))
    assert plan.attack["attribute"].tolist() == ["speed", "ease"]
    # speed is attacked first but ease (40%) goes more closely with NPS: speed is only "closely" linked
    assert plan.headline() == ("Attack speed first: it is a survey rating that goes closely with NPS (35% of the "
                               "4 ratings' joint link), and Us trails A on it by 2.0 points (5.0 against 7.0 out "
                               "of 10). Next: ease (1.0 point behind).")
    assert plan.title() == "Attack speed first: it goes closely with NPS and A is 2.0 points ahead"
    assert not any(word in plan.headline() for word in ("drives", "matters most", "explains"))


def test_without_importance_everything_is_unknown():
    plan = attack_priorities(None, _bench({"ease": -1.0}))
    assert plan.table["quadrant"].tolist() == [UNKNOWN] and np.isnan(plan.threshold)


def test_report_table():
    report = attack_priorities(DRIVERS, _bench({"ease": -3.0})).for_report()
    assert report.iloc[0].to_dict() == {"Priority": 1, "Attribute": "Ease", "Share of link to NPS": "50%",
                                        "Us": "4.0", "Best competitor": "A (7.0)", "Gap": "\u22123.0",
                                        "What to do": ATTACK}


def test_importance_is_none_without_usable_ratings():
    assert importance(None) is None
    assert importance(pd.DataFrame({"nps": [1, 9, 10]})) is None  # no attr_* ratings
    constant = pd.DataFrame({"nps": [1, 9, 10, 5, 7, 3], "attr_ease": [3] * 6, "attr_price": [1, 2, 3, 4, 5, 1]})
    assert importance(constant) is None  # ease never varies: no driver analysis


def test_importance_ranks_the_rating_that_moves_nps():
    rng = np.random.default_rng(1)
    ease, price = rng.integers(1, 6, 400), rng.integers(1, 6, 400)
    survey = pd.DataFrame({"attr_ease": ease, "attr_price": price,
                           "nps": np.clip(2 * ease + 0.3 * price + rng.normal(0, 1, 400), 0, 10)})
    table = importance(survey)
    assert table["driver"].iloc[0] == "attr_ease" and table["share"].sum() == pytest.approx(100)
