"""Culture next to customer scores: what two units can and cannot say, and the test with five."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from scipy import stats

from cxlib.culture import customer_link
from cxlib.demo.people import TRUTHS
from cxlib.wording import method_words


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
    # Values 4.0 against 2.4: Welch se = sqrt(0.5/5 + 0.3/5) = 0.4, t = 4 on 7.5 df -> beyond chance;
    # +20 against 0 on 10 and 12 answers is within chance. Association only, and no cause.
    assert result.statement == ("Retail staff rate Values 4.0 of 5 and Customer Care staff 2.4, while NPS is +20 in "
                                "store, 0 in phone and chat, a difference within what chance alone produces. "
                                "Two departments cannot show a link, let alone a cause.")
    tests = result.tests.set_index("Test")
    assert tests.loc["Welch t-test", "In words"] == "larger than chance"
    assert tests.loc["two-sample z-test", "Result"] == "+20 points"


def test_two_units_whose_customers_differ_are_still_only_an_association():
    staff = scores({"Retail": [4, 4, 5, 3, 4], "Customer Care": [2, 3, 2, 3, 2]})
    # store: 80 promoters of 100 -> +60; phone: 20 promoters, 80 detractors -> -60, far beyond chance
    answers = survey({"store": [10] * 80 + [0] * 20, "phone": [10] * 20 + [0] * 80})
    result = customer_link.culture_customer_link(staff, answers, ["Values"])
    assert result.statement == ("Retail staff rate Values 4.0 of 5 and Customer Care staff 2.4, while NPS is +60 in "
                                "store, \u221260 in phone and chat, higher where staff rate Values higher. Two "
                                "departments cannot show a link, let alone a cause.")
    assert not re.search(r"\b(because|drives?|lifts?|happier|causes?)\b", result.statement.replace("a cause", ""))


def test_two_units_carry_their_figures_with_ranges_and_populations():
    staff = scores({"Retail": [4, 4, 5, 3, 4], "Customer Care": [2, 3, 2, 3, 2]})
    answers = survey({"store": [10] * 6 + [5] * 4, "phone": [10] * 5 + [5] * 5, "chat": [9, 3]})
    finding = customer_link.culture_customer_link(staff, answers, ["Values"]).finding()
    figures = {f.quantity: f for f in finding.figures}
    assert list(figures) == ["NPS, store", "NPS, phone and chat", "departments that run a customer channel",
                             "Values score, Retail staff", "Values score, Customer Care staff"]
    assert figures["departments that run a customer channel"].value == 2
    retail = figures["Values score, Retail staff"]
    # mean 4.0, sd sqrt(0.5), t(0.975, 4) = 2.776 -> 4.0 +/- 2.776 * 0.7071 / sqrt(5) = 3.12 to 4.88
    assert (retail.value, retail.population) == (4.0, "employee survey, Retail (n = 5)")
    assert (retail.low, retail.high) == (pytest.approx(3.122, abs=1e-3), pytest.approx(4.878, abs=1e-3))
    store = figures["NPS, store"]
    assert store.population == "survey answers, store (n = 10)" and store.low < 20 < store.high


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
    # association in words, the count of departments, and no cause; rho and p are for the appendix
    assert result.statement == ("Across 5 departments that run a customer channel, those whose staff rate Values "
                                "higher have higher customer NPS, a link larger than chance. It shows that the two "
                                "go together, not that culture causes the scores.")
    assert result.tests.iloc[0]["Result"] == "rank correlation +1.00"
    assert {f.quantity: f.value for f in result.finding().figures}["rank correlation of Values with NPS"] == pytest.approx(1.0)


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
    # the summary's sentence: both departments' Values (3.35 and 2.84) and both NPS, in plain words,
    # at most 45 words; the tests' names and p-values only in the appendix's table
    assert result.statement == ("Retail staff rate Values 3.4 of 5 and Customer Care staff 2.8 (the widest of 3 "
                                "dimensions), while NPS is +26 in store, +27 in phone and chat, a difference within "
                                "what chance alone produces. Two departments cannot show a link, let alone a cause.")
    assert len(result.statement.split()) <= 45
    assert method_words(result.statement) == []
    assert list(result.tests["p-value"]) == ["below 0.001", "0.78"]
    shown = customer_link.link_table(result)
    assert list(shown.columns[:2]) == ["Department (channels)", "Staff"]
    assert method_words(" ".join(shown.columns)) == []
