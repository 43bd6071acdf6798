import pandas as pd
import pytest
from scipy.stats import binomtest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from cxlib.metrics.integrity import contradicting_tens, integrity_audit, tens_outliers

NEGATIVE = "Awful wait, terrible service"


def gamed_survey():
    """Agent A: 15 tens and 5 sevens. Agents B-E: 2 tens, 14 eights, 4 threes each.

    Everyone else gives 10s 8 times in 80 answers: 10%. Overall 23 promoters and
    16 detractors in 100 answers: NPS +7.
    """
    rows = [("A", 10)] * 15 + [("A", 7)] * 5
    for agent in "BCDE":
        rows += [(agent, 10)] * 2 + [(agent, 8)] * 14 + [(agent, 3)] * 4
    survey = pd.DataFrame(rows, columns=["agent_id", "nps"])
    survey["nps"] = survey["nps"].astype("Int64")
    survey["response_id"] = [f"r{i}" for i in range(len(survey))]
    survey["location_id"] = "L1"
    survey["comment"] = pd.array(["Fine"] * len(survey), dtype="string")
    return survey


def test_agent_with_15_tens_out_of_20_against_peers_at_10_percent_is_flagged():
    table = tens_outliers(gamed_survey())
    assert list(table.columns) == [
        "unit", "n", "tens", "share_tens", "peer_share", "p_value", "q_value", "flagged",
    ]
    top = table.iloc[0]
    assert (top["unit"], top["n"], top["tens"]) == ("A", 20, 15)
    assert top["share_tens"] == pytest.approx(75.0)
    assert top["peer_share"] == pytest.approx(10.0)  # 8 tens / 80 other answers
    expected_p = binomtest(15, 20, 0.10, alternative="greater").pvalue
    assert top["p_value"] == pytest.approx(expected_p)
    assert top["p_value"] < 1e-10
    # BH with 5 tests: the smallest p-value is multiplied by 5 / 1
    assert top["q_value"] == pytest.approx(expected_p * 5)
    assert table["flagged"].tolist() == [True, False, False, False, False]


def test_ordinary_agents_are_compared_with_a_peer_pool_that_includes_the_outlier():
    table = tens_outliers(gamed_survey()).set_index("unit")
    # B's peers: A's 15 tens + C-E's 6 tens = 21 of 80 answers
    assert table.loc["B", "peer_share"] == pytest.approx(21 / 80 * 100)
    assert table.loc["B", "p_value"] == pytest.approx(
        binomtest(2, 20, 21 / 80, alternative="greater").pvalue)
    assert not table.loc["B", "flagged"]


def test_units_below_min_n_are_not_tested_but_count_as_peers():
    survey = pd.concat([gamed_survey(), pd.DataFrame({"agent_id": ["F"] * 5, "nps": [10] * 5})],
                       ignore_index=True)
    table = tens_outliers(survey).set_index("unit")
    assert "F" not in table.index
    # A's peers now: 8 + 5 tens in 85 answers
    assert table.loc["A", "peer_share"] == pytest.approx(13 / 85 * 100)


def test_contradicting_tens_are_tens_with_a_negative_comment_redacted():
    survey = pd.DataFrame({
        "response_id": ["r1", "r2", "r3", "r4"],
        "agent_id": ["A", "A", "B", "B"],
        "location_id": ["L1", "L1", "L2", "L2"],
        "nps": pd.array([10, 10, 9, 10], dtype="Int64"),
        "comment": [NEGATIVE + ", ring 415-555-0142", "Great, thanks", NEGATIVE, None],
    })
    table = contradicting_tens(survey)
    # r2 is positive, r3 is not a 10, r4 has no comment (and the survey no satisfaction rating)
    assert table["response_id"].tolist() == ["r1"]
    assert list(table.columns) == ["response_id", "agent_id", "location_id", "compound", "comment", "csat",
                                   "why"]
    assert table["why"].tolist() == ["comment"]
    direct = SentimentIntensityAnalyzer().polarity_scores(NEGATIVE + ", ring 415-555-0142")
    assert table["compound"].iloc[0] == pytest.approx(direct["compound"])
    assert table["compound"].iloc[0] <= -0.05
    assert table["comment"].iloc[0] == NEGATIVE + ", ring [phone removed]"


def test_a_ten_with_a_low_satisfaction_rating_is_contradicted_too():
    survey = pd.DataFrame({
        "response_id": ["r1", "r2", "r3", "r4"],
        "nps": pd.array([10, 10, 10, 6], dtype="Int64"),
        "csat": pd.array([3, 4, None, 1], dtype="Int64"),
        "comment": [None, "Great, thanks", NEGATIVE, None],
    })
    table = contradicting_tens(survey)
    # r1: a 10 with satisfaction 3 of 5; r2: 4 of 5 and praise; r3: negative comment; r4 is not a 10
    assert table["response_id"].tolist() == ["r1", "r3"]
    assert table["why"].tolist() == ["satisfaction", "comment"]
    assert table["csat"].tolist()[0] == 3


def test_adjusted_nps_leaves_out_the_contradicted_tens_and_nothing_else():
    survey = gamed_survey()
    survey.loc[0, "comment"] = NEGATIVE   # one of A's tens
    survey.loc[20, "comment"] = NEGATIVE  # one of B's tens
    result = integrity_audit(survey)
    assert result.flagged["unit"].tolist() == ["A"]
    assert result.flagged["dimension"].tolist() == ["agent_id"]
    assert result.contradicting["response_id"].tolist() == ["r0", "r20"]
    assert result.reported_nps == pytest.approx(7.0)  # (23 - 16) / 100
    # left: 98 answers, 21 promoters (A's other 14 tens stay, and so do its 5 sevens), 16 detractors
    assert (result.excluded, result.from_flagged) == (2, 1)
    assert result.adjusted_nps == pytest.approx((21 - 16) / 98 * 100)
    assert result.headline() == (
        "One agent gives more 10s than chance explains, and 2 scores of 10 are contradicted by the same "
        "answer's comment or satisfaction rating (1 of them that agent's): without them, NPS is +5 instead of +7."
    )


def test_a_single_location_has_no_peers_and_is_never_flagged():
    table = tens_outliers(gamed_survey(), by="location_id")
    assert table["unit"].tolist() == ["L1"]
    assert pd.isna(table["peer_share"].iloc[0])
    assert not table["flagged"].iloc[0]


def test_flagged_locations_are_reported_with_their_dimension():
    survey = gamed_survey()
    survey["location_id"] = "S-" + survey["agent_id"]  # each agent works in their own store
    result = integrity_audit(survey)
    assert result.flagged[["dimension", "unit"]].values.tolist() == [
        ["agent_id", "A"], ["location_id", "S-A"],
    ]
    assert result.excluded == 0  # no 10 is contradicted: nothing is removed, whoever gave it
    assert result.adjusted_nps == pytest.approx(result.reported_nps)
    assert result.headline() == ("One agent and one location give more 10s than chance explains; no 10 is "
                                 "contradicted by the same answer's comment or satisfaction rating, so nothing "
                                 "is removed and NPS stays at +7.")


def test_clean_survey_reports_no_adjustment():
    survey = gamed_survey()
    survey = survey[survey["agent_id"] != "A"]
    result = integrity_audit(survey)
    assert result.flagged.empty and result.contradicting.empty
    assert result.excluded == 0
    assert result.adjusted_nps == pytest.approx(result.reported_nps)
    assert result.reported_nps == pytest.approx((8 - 16) / 80 * 100)
    assert result.headline() == ("No agent or location gives more 10s than chance explains; no 10 is "
                                 "contradicted by the same answer's comment or satisfaction rating, so nothing "
                                 "is removed and NPS stays at \u221210.")


def test_small_units_are_not_tested_and_nothing_is_flagged():
    survey = gamed_survey().iloc[:19]  # A's first 19 answers only: below min_n = 20
    assert tens_outliers(survey).empty
    assert list(tens_outliers(survey).columns)[-1] == "flagged"
    result = integrity_audit(survey)
    assert result.flagged.empty
    # not "no agent gives more 10s than chance": none could be tested
    assert result.tested == 0
    assert result.headline().startswith("No agent or location has enough answers to test its share of 10s")
    assert result.reported_nps == pytest.approx(15 / 19 * 100)  # 15 tens, 4 sevens


def test_without_agents_or_locations_the_audit_says_it_could_not_check_them():
    # two 10s with praise, one 3: nothing to exclude, and no unit column to test
    survey = pd.DataFrame({"response_id": ["a", "b", "c"], "nps": [10, 10, 3],
                           "comment": ["Lovely crew", "Great flight", "Late again"]})
    result = integrity_audit(survey)
    assert result.units == () and result.excluded == 0
    assert result.examples().empty  # no contradicted 10: an empty table, which the report leaves out
    assert result.headline() == ("The answers carry no agent or location, so 10s cannot be checked per agent "
                                 "or location; no 10 is contradicted by the same answer's comment or satisfaction "
                                 "rating, so nothing is removed and NPS stays at +33.")
    assert tens_outliers(survey, by="agent_id").empty


def test_examples_carry_the_comment_and_no_agent_or_location():
    survey = gamed_survey()
    survey.loc[0, "comment"] = NEGATIVE
    survey["csat"] = pd.array([2] + [5] * (len(survey) - 1), dtype="Int64")
    survey.loc[1, "csat"] = 1  # a 10 contradicted by its rating, its comment "Fine": not an example
    shown = integrity_audit(survey).examples()
    assert list(shown.columns) == ["What the customer wrote with their 10"]
    assert shown.iloc[:, 0].tolist() == [NEGATIVE]
