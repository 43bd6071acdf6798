"""True competitors: who customers also consider, counted by hand on tiny surveys."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cxlib.competition.considered import (
    brand_key,
    canonical_brands,
    clean_brand,
    comments_naming,
    split_brands,
    true_competitors,
)

LISTED = ["Orbit Telecom", "Pulse Wireless"]


@pytest.fixture
def survey() -> pd.DataFrame:
    # Orbit 2, Nimbus 2 (two spellings), Zenith 1, Pulse 0; one blank answer; one names the client.
    return pd.DataFrame({
        "nps": [10, 3, 9, 5, 8],
        "also_considered": ["Orbit Telecom;Nimbus Mobile", " nimbus  mobile ", None,
                            "orbit telecom;Northstar Mobile", "Zenith"],
    })


def test_brand_spellings_are_cleaned_and_keyed():
    assert clean_brand("  Orbit   Telecom ") == "Orbit Telecom"
    assert brand_key("ORBIT telecom ") == brand_key("Orbit Telecom") == "orbit telecom"
    assert clean_brand(None) == "" and clean_brand(np.nan) == ""


def test_split_brands_drops_repeats_and_blanks():
    assert split_brands("Orbit Telecom; orbit  telecom ;;Nimbus") == ["Orbit Telecom", "Nimbus"]
    assert split_brands(None) == [] and split_brands("") == []


def test_canonical_brands_uses_the_most_common_spelling():
    names = pd.Series(["Orbit Telecom", "orbit telecom", "Orbit  Telecom", "Zenith"])
    assert canonical_brands(names).tolist() == ["Orbit Telecom"] * 3 + ["Zenith"]


def test_shares_are_of_those_who_answered(survey):
    result = true_competitors(survey, LISTED, client="Northstar Mobile")
    table = result.table.set_index("brand")
    # 5 answers, one blank: the blank is unknown, so the shares are of the 4 who answered.
    # Orbit 2 -> 50%, Nimbus 2 -> 50%, Zenith 1 -> 25%, Pulse (listed) 0 -> 0%.
    assert table["named"].to_dict() == {"Orbit Telecom": 2, "Nimbus Mobile": 2, "Zenith": 1, "Pulse Wireless": 0}
    assert table.loc["Orbit Telecom", "share"] == pytest.approx(50.0)
    assert table.loc["Zenith", "share"] == pytest.approx(25.0)
    assert result.n == 5 and result.answered == 4 and result.unit == "answers"  # no customer ids
    assert "Northstar Mobile" not in table.index  # the client naming itself is not a competitor


def test_each_customer_counts_once_and_blanks_are_not_no_one():
    # 6 answers from 4 customers. C1 answers twice (Nimbus, then Nimbus;Orbit), C2 once (Orbit),
    # C3 twice (blank, then Nimbus), C4 once (blank). Answering customers: C1, C2, C3 = 3.
    # Nimbus: C1 and C3 -> 2 of 3 = 66.7% (counting answers it would be 3 of 6 = 50%);
    # Orbit: C1 and C2 -> 2 of 3.
    survey = pd.DataFrame({
        "customer_id": ["C1", "C1", "C2", "C3", "C3", "C4"],
        "responded_at": pd.to_datetime(["2026-01-01", "2026-03-01", "2026-01-05", "2026-01-02", "2026-02-02",
                                        "2026-01-03"]),
        "nps": [2, 10, 9, 8, 3, 5],
        "also_considered": ["Nimbus", "Nimbus;Orbit Telecom", "Orbit Telecom", None, "nimbus", "  "],
    })
    result = true_competitors(survey, LISTED)
    assert result.unit == "customers" and result.n == 4 and result.answered == 3
    nimbus = result.row("Nimbus")
    assert nimbus["named"] == 2 and nimbus["share"] == pytest.approx(200 / 3)
    # Latest answers: C1 scored 10 (promoter), C2 9 (promoter), C3 3 (detractor). Nimbus is named by
    # C1 and C3: 1 of the 1 detractor, 1 of the 2 promoters.
    assert nimbus["share_detractors"] == pytest.approx(100.0)
    assert nimbus["share_promoters"] == pytest.approx(50.0)
    assert result.headline() == ("Nimbus, which is not on your competitor list, is considered by 67% of the 3 "
                                 "customers who answered, more than Pulse Wireless (0%).")


def test_an_answer_of_none_is_answered_and_names_no_brand():
    survey = pd.DataFrame({"also_considered": ["None", "Orbit Telecom", None, "n/a"]})
    result = true_competitors(survey, LISTED)
    # 3 answered (None, Orbit, n/a), the blank is unknown: Orbit is named by 1 of 3.
    assert result.answered == 3 and result.row("Orbit Telecom")["share"] == pytest.approx(100 / 3)
    assert "None" not in set(result.table["brand"])


def test_answers_are_counted_when_some_answer_has_no_customer_id():
    survey = pd.DataFrame({"customer_id": ["C1", None, "C1"], "also_considered": ["Nimbus", "Nimbus", "Zed"]})
    result = true_competitors(survey, LISTED)
    assert result.unit == "answers" and result.answered == 3
    assert result.row("Nimbus")["share"] == pytest.approx(200 / 3)
    assert "of the 3 answers to the question" in result.headline()


def test_wilson_interval_of_two_in_five():
    # Wilson 95%: centre (0.4 + 1.96²/10) / (1 + 1.96²/5) = 0.4435, half-width
    # 1.96 * sqrt(0.4*0.6/5 + 1.96²/100) / 1.7683 = 0.3258 -> 11.8% to 76.9%.
    survey = pd.DataFrame({"also_considered": ["Orbit Telecom", "Orbit Telecom", "Zed", "Zed", "Zed"]})
    row = true_competitors(survey, LISTED).row("Orbit Telecom")
    assert row["low"] == pytest.approx(11.76, abs=0.01)
    assert row["high"] == pytest.approx(76.93, abs=0.01)


def test_the_finding_states_the_share_and_carries_its_range_as_a_figure():
    survey = pd.DataFrame({"also_considered": ["Nimbus"] * 2 + ["Orbit Telecom"] * 3 + [None] * 5})
    finding = true_competitors(survey, LISTED).finding()
    # 5 answered; Nimbus 2 of 5 = 40%, with the Wilson range 11.8% to 76.9% in the figure, not the sentence
    assert "40% of the 5 answers to the question" in finding.text
    assert "CI" not in finding.text and "n =" not in finding.text
    top = finding.figures[0]
    assert (top.value, round(top.low, 1), round(top.high, 1)) == (40.0, 11.8, 76.9)


def test_unlisted_brands_are_hidden_competitors(survey):
    result = true_competitors(survey, LISTED, client="Northstar Mobile")
    assert set(result.hidden["brand"]) == {"Nimbus Mobile", "Zenith"}
    assert not result.row("nimbus MOBILE")["listed"]
    # Listed brands get Orbit's 2 of the 5 brand mentions (2 Orbit + 2 Nimbus + 1 Zenith).
    assert result.listed_coverage == pytest.approx(0.4)


def test_detractors_and_promoters_split_among_those_who_answered(survey):
    row = true_competitors(survey, LISTED).row("Nimbus Mobile")
    # Detractors (0-6) who answered: scores 3 and 5, one names Nimbus -> 50%; promoters (9-10) who
    # answered: only the 10 (the 9 left the question blank), who names Nimbus -> 100%.
    assert row["share_detractors"] == pytest.approx(50.0)
    assert row["share_promoters"] == pytest.approx(100.0)


def test_headline_names_the_hidden_competitor_and_who_it_beats():
    survey = pd.DataFrame({"also_considered": ["Nimbus"] * 3 + ["Orbit Telecom"] + [None] * 6})
    text = true_competitors(survey, LISTED).headline()
    # 4 answered: Nimbus 3 of 4 = 75%
    assert text.startswith("Nimbus, which is not on your competitor list, is named in 75% of the 4 answers "
                           "to the question")
    assert "more than any competitor you list" in text


def test_headline_when_every_brand_is_listed():
    survey = pd.DataFrame({"also_considered": ["Orbit Telecom", "Pulse Wireless", "Orbit Telecom", None]})
    result = true_competitors(survey, LISTED)
    assert result.hidden.empty
    assert "Orbit Telecom is named most, in 67% of the 3 answers to the question" in result.headline()


def test_a_survey_without_the_question_says_so():
    result = true_competitors(pd.DataFrame({"nps": [9, 3]}), LISTED)
    assert not result.asked and result.table.empty
    assert "does not ask" in result.headline()


def test_report_table_is_readable(survey):
    table = true_competitors(survey, LISTED).for_report()
    first = table.iloc[0]
    assert list(table.columns[:5]) == ["Brand", "On your list", "Answers naming it", "Share of those who answered",
                                       "95% range"]
    # Orbit: 2 of 4 = 50%, Wilson 95% range 15.0% to 85.0%
    assert first["Share of those who answered"] == "50%" and first["95% range"] == "15–85%"


def test_comments_naming_a_brand_are_counted_and_redacted():
    survey = pd.DataFrame({
        "nps": [2, 8, 4, np.nan],
        "comment": ["Moving to NIMBUS mobile, call me on 415-555-0142", "Fine.",
                    "Nimbus Mobile is cheaper", "Nimbus Mobile is cheaper"],
    })
    result = comments_naming(survey, "Nimbus Mobile", k=2)
    assert result.count == 3 and result.comments == 4
    texts = [q[0] for q in result.quotes]
    assert texts[0] == "Nimbus Mobile is cheaper"  # said twice: first
    assert "[phone removed]" in texts[1] and "415" not in texts[1]
    assert result.quotes[0][1] == "Respondent who scored 4 out of 10"
    assert result.headline() == "3 of the 4 survey comments (75.0%) name Nimbus Mobile."


def test_each_value_calls_once_per_distinct_value_and_matches_map():
    # 5 rows, 3 distinct values (one missing): 3 calls, and the same result as a per-row map
    from cxlib.competition.considered import each_value
    calls = []
    values = pd.Series(["a", "b", "a", None, "b"], index=[10, 11, 12, 13, 14], name="brand")

    def shout(v):
        calls.append(v)
        return v.upper() if isinstance(v, str) else ""

    result = each_value(values, shout)
    assert len(calls) == 3
    assert result.tolist() == ["A", "B", "A", "", "B"]
    assert list(result.index) == [10, 11, 12, 13, 14] and result.name == "brand"
