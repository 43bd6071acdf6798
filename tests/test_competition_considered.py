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


def test_shares_are_of_all_responses(survey):
    result = true_competitors(survey, LISTED, client="Northstar Mobile")
    table = result.table.set_index("brand")
    # 5 responses: Orbit 2 -> 40%, Nimbus 2 -> 40%, Zenith 1 -> 20%, Pulse (listed) 0 -> 0%.
    assert table["responses"].to_dict() == {"Orbit Telecom": 2, "Nimbus Mobile": 2, "Zenith": 1,
                                            "Pulse Wireless": 0}
    assert table.loc["Orbit Telecom", "share"] == pytest.approx(40.0)
    assert table.loc["Zenith", "share"] == pytest.approx(20.0)
    assert result.n == 5 and result.answered == 4
    assert "Northstar Mobile" not in table.index  # the client naming itself is not a competitor


def test_wilson_interval_of_two_in_five(survey):
    # Wilson 95%: centre (0.4 + 1.96²/10) / (1 + 1.96²/5) = 0.4435, half-width
    # 1.96 * sqrt(0.4*0.6/5 + 1.96²/100) / 1.7683 = 0.3258 -> 11.8% to 76.9%.
    row = true_competitors(survey, LISTED).row("Orbit Telecom")
    assert row["low"] == pytest.approx(11.76, abs=0.01)
    assert row["high"] == pytest.approx(76.93, abs=0.01)


def test_unlisted_brands_are_hidden_competitors(survey):
    result = true_competitors(survey, LISTED, client="Northstar Mobile")
    assert set(result.hidden["brand"]) == {"Nimbus Mobile", "Zenith"}
    assert not result.row("nimbus MOBILE")["listed"]
    # Listed brands get Orbit's 2 of the 5 brand mentions (2 Orbit + 2 Nimbus + 1 Zenith).
    assert result.listed_coverage == pytest.approx(0.4)


def test_detractors_and_promoters_split(survey):
    row = true_competitors(survey, LISTED).row("Nimbus Mobile")
    # Detractors (0-6): scores 3 and 5, one of them names Nimbus -> 50%; promoters (9-10): 10 and 9,
    # one names Nimbus -> 50%.
    assert row["share_detractors"] == pytest.approx(50.0)
    assert row["share_promoters"] == pytest.approx(50.0)


def test_headline_names_the_hidden_competitor_and_who_it_beats():
    survey = pd.DataFrame({"also_considered": ["Nimbus"] * 3 + ["Orbit Telecom"] + [None] * 6})
    text = true_competitors(survey, LISTED).headline()
    assert text.startswith("Nimbus, which is not on your competitor list, is considered by 30%")
    assert "n = 10" in text and "more than any competitor you list" in text


def test_headline_when_every_brand_is_listed():
    survey = pd.DataFrame({"also_considered": ["Orbit Telecom", "Pulse Wireless", "Orbit Telecom", None]})
    result = true_competitors(survey, LISTED)
    assert result.hidden.empty
    assert "Orbit Telecom is considered most, by 50%" in result.headline()


def test_a_survey_without_the_question_says_so():
    result = true_competitors(pd.DataFrame({"nps": [9, 3]}), LISTED)
    assert not result.asked and result.table.empty
    assert "does not ask" in result.headline()


def test_report_table_is_readable(survey):
    table = true_competitors(survey, LISTED).for_report()
    first = table.iloc[0]
    assert list(table.columns[:5]) == ["Brand", "On your list", "Named by", "Share", "95% interval"]
    assert first["Share"] == "40%" and first["95% interval"] == "11.8–76.9%"


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
