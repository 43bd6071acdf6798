"""Culture next to customer scores: what two units can and cannot say, and the test with five."""
from __future__ import annotations

import pandas as pd
import pytest
from scipy import stats

from cxlib.culture import customer_link
from cxlib.demo.people import TRUTHS


def scores(departments: dict[str, list[float]]) -> pd.DataFrame:
    rows = [(d, v) for d, values in departments.items() for v in values]
    return pd.DataFrame(rows, columns=["department", "Values"]).assign(level="frontline")


def survey(channels: dict[str, list[int]]) -> pd.DataFrame:
    rows = [(c, s) for c, values in channels.items() for s in values]
    return pd.DataFrame(rows, columns=["channel", "nps"]).assign(ces=5.0)


def test_two_units_are_described_not_linked():
    staff = scores({"Retail": [4, 4, 5, 3, 4], "Customer Care": [2, 3, 2, 3, 2]})
    answers = survey({"store": [10] * 6 + [5] * 4, "phone": [10] * 5 + [5] * 5, "chat": [9, 3]})
    result = customer_link.culture_customer_link(staff, answers, ["Values"])
    assert not result.supported
    table = result.table.set_index("department")
    # store: 6 promoters, 4 detractors of 10 -> +20; phone and chat: 6 and 6 of 12 -> 0
    assert table.loc["Retail", "nps"] == pytest.approx(20.0)
    assert table.loc["Customer Care", "nps"] == pytest.approx(0.0)
    assert table.loc["Customer Care", "channels"] == "phone and chat"
    assert result.statement.startswith("Retail scores 1.6 points higher than Customer Care on Values")
    assert "NPS is +20 in store and 0 in phone and chat" in result.statement
    assert "cannot link culture to customer outcomes" in result.statement


def test_without_a_survey_the_link_says_so():
    result = customer_link.culture_customer_link(scores({"Retail": [4]}), None, ["Values"])
    assert result.statement == ("Culture cannot be linked to customer outcomes: no customer survey "
                                "was provided.")


def test_five_units_are_rank_correlated():
    mapping = {f"Store team {i}": (f"s{i}",) for i in range(5)}
    staff = scores({f"Store team {i}": [1 + i, 1.5 + i * 0.5] for i in range(5)})
    nps_by_store = {f"s{i}": [10] * (2 + i) + [0] * (6 - i) for i in range(5)}
    result = customer_link.culture_customer_link(staff, survey(nps_by_store), ["Values"],
                                                 channel_map=mapping)
    assert result.supported
    rho = stats.spearmanr(result.table["Values"], result.table["nps"])[0]
    assert result.correlations.iloc[0]["rho"] == pytest.approx(rho) == pytest.approx(1.0)
    assert "tracks NPS most closely (Spearman rho = 1.00" in result.statement


def test_one_unit_is_too_few():
    result = customer_link.culture_customer_link(scores({"Retail": [4, 5]}),
                                                 survey({"store": [9, 10]}), ["Values"])
    # worded as association: a link between units' culture and scores is not a cause
    assert result.statement == ("Only 1 department runs a customer channel; at least 5 are "
                                "needed to test whether culture goes with customer scores.")


def test_demo_two_units_cannot_prove_a_link(demo):
    from cxlib.culture import dimensions

    staff = dimensions.dimension_scores(demo["employees"])
    result = customer_link.culture_customer_link(staff, demo["survey"], ["People", "Values", "Clarity"])
    assert not result.supported
    assert set(result.table["department"]) == {d for d, _ in TRUTHS.linked_departments}
    table = result.table.set_index("department")
    assert table.loc["Retail", "Values"] - table.loc["Customer Care", "Values"] >= TRUTHS.values_lead_at_least
    assert abs(table.loc["Retail", "nps"] - table.loc["Customer Care", "nps"]) <= TRUTHS.channel_nps_gap_at_most
    assert result.statement.startswith("Retail scores 0.5 points higher than Customer Care on Values")
    assert "the data cannot link culture to customer outcomes" in result.statement
    shown = customer_link.link_table(result)
    assert list(shown.columns[:3]) == ["Department", "Channels", "Staff (n)"]
