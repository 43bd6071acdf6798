"""One number-and-wording style: each function against values worked by hand."""
import datetime as dt

import pytest

from cxlib import wording
from cxlib.report.verdict import Figure

M = wording.MINUS


@pytest.mark.parametrize("minutes, text", [(0.4, "under 1 min"), (45, "45 min"), (60, "1 h"),
                                           (260, "4 h 20 min"), (599, "9 h 59 min"), (47 * 60, "47 h"),
                                           (72 * 60, "3 days"), (10 * 1440, "10 days")])
def test_durations_have_one_style(minutes, text):
    assert wording.duration(minutes) == text


def test_a_change_is_the_subtraction_of_the_rounded_values():
    # 3.14 -> 2.56 prints 3.1 and 2.6: the difference a reader computes is 0.5, not 0.58 -> 0.6
    assert wording.change(3.14, 2.56) == "from 3.1 to 2.6, 0.5 lower"
    assert wording.change(61.4, 68.6, 0, "of 100") == "from 61 to 69 of 100, 8 higher"
    assert wording.change(-12.2, 4.1, 0, "points") == f"from {M}12 to +4, 16 points higher"
    assert wording.change(-3.14, -2.56) == f"from {M}3.1 to {M}2.6, 0.5 higher"
    assert wording.change(3.04, 2.96) == "unchanged at 3.0"


def test_signed_figures_use_the_minus_sign_and_points_agree_in_number():
    assert wording.points(-12) == f"{M}12 points"
    assert wording.points(1) == "+1 point"
    assert wording.points(-0.4) == "0 points"
    assert wording.percent(0.4213) == "42%"
    assert wording.percent(0.4213, 1) == "42.1%"


def test_p_values_and_their_plain_words():
    assert wording.p_value(0.0004) == "p < 0.001"
    assert wording.p_value(0.0042) == "p = 0.004"
    assert wording.p_value(0.31) == "p = 0.31"
    assert wording.chance(0.004) == "larger than chance"
    assert wording.chance(0.2) == "within what chance alone produces"
    assert wording.range95(56.1, 65.2, "%") == "a 95% range of 56% to 65%"
    assert wording.range95(4.42, 4.81, "of 7") == "a 95% range of 4.4 to 4.8 of 7"


def test_dates_have_one_style_for_both_spellings():
    assert wording.date(dt.date(2024, 8, 31)) == "31 Aug 2024"
    assert wording.moment("2025-12-11 15:11") == "11 Dec 2025, 15:11"
    assert wording.moment("2025-12-11") == "11 Dec 2025"
    assert wording.dates("2025-01-01", "2025-12-31") == "1 Jan – 31 Dec 2025"
    assert wording.dates("2024-12-01", "2025-01-31") == "1 Dec 2024 – 31 Jan 2025"


def test_spelling_follows_the_locale_and_keeps_capitals():
    gb = "The Organisation must prioritise behaviour; ORGANISATION."
    assert wording.spelling(gb, "en-US") == "The Organization must prioritize behavior; ORGANIZATION."
    assert wording.spelling("The organization colors", "en-GB") == "The organisation colours"
    # "program" is software in both spellings; only "programme" becomes "program" in American
    assert wording.spelling("a loyalty programme and a program", "en-US") == "a loyalty program and a program"
    assert wording.spelling("a loyalty program", "en-GB") == "a loyalty program"


def test_method_words_are_found_as_words_only():
    text = "A Kruskal-Wallis test (p = 0.004) and AUC 0.71, 95% CI 0.6-0.7; R² of 0.3."
    assert wording.method_words(text) == ["Kruskal", "Wallis", "AUC", "R²", "p =", "CI"]
    assert wording.method_words("An AUCTION house in Wilson Ltd, p=0.3") == ["p ="]
    assert wording.method_words("Customers who waited longer rate effort lower; a 95% range of 3 to 4.") == []


def test_a_figure_carries_its_range_for_the_sources_table():
    fig = Figure("share of contacts on app or chat, Gen Z", 60.0, "%", "contact log, 473 contacts", 55.5, 64.6)
    assert fig.range_text() == "56% to 65%"
    assert Figure("NPS", 20, "points").range_text() == "–"
    with pytest.raises(ValueError, match="one end"):
        Figure("NPS", 20, "points", low=10)
    with pytest.raises(ValueError, match="down to"):
        Figure("NPS", 20, "points", low=30, high=10)


def test_numbers_print_negatives_with_the_minus_sign_and_hours_as_durations():
    assert wording.number(-0.2) == f"{M}0.20"
    assert wording.number(-1234) == f"{M}1,234"
    assert wording.number(-0.04, "%") == "0%"
    assert wording.number(-3.42, "of 5") == f"{M}3.4 of 5"
    assert wording.number(9.02, "hours") == "9 h 1 min" == wording.duration(541.2)
    assert wording.number(47, "hours") == "47 h"
    assert wording.number(0.674) == "0.67"
    assert wording.number(-0.083) == f"{M}0.08"


def test_a_range_takes_the_decimals_of_the_value_it_surrounds():
    assert wording.range95(0.70, 0.93, digits=1) == "a 95% range of 0.7 to 0.9"
    assert wording.range95(-0.24, 0.61, digits=1) == f"a 95% range of {M}0.2 to 0.6"
    assert wording.span(0.66, 0.71) == "0.66 to 0.71"


def test_a_range_of_money_is_printed_in_one_scale():
    assert wording.money_span(7096, 14210, "GBP") == "£7k to £14k"
    assert wording.money_span(373_000, 479_400, "USD") == "$373k to $479k"
    assert wording.money_span(960_000, 1_240_000, "EUR") == "€1.0m to €1.2m"
    assert wording.money(7096, "GBP") == "£7,096"


def test_decimals_keep_the_minus_sign_and_drop_a_negative_zero():
    assert wording.decimal(-0.083, 2) == f"{M}0.08"
    assert wording.decimal(-0.004, 2) == "0.00"
    assert wording.decimal(1234.56, 1) == "1,234.6"
