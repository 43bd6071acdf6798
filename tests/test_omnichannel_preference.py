"""Channel choice by age band: generations by birth year, contacts joined to the latest age band."""
import math

import pandas as pd
import pytest

from cxlib.omnichannel.preference import (
    age_of_customers,
    channel_preference,
    generation,
)


@pytest.mark.parametrize("band, year, name", [
    ("18-24", 2026, "Gen Z"),                  # born 2001-2008
    ("25-34", 2026, "Millennials / Gen Z"),    # 1991-2001: 6 Millennial years, 5 Gen Z years
    ("35-44", 2026, "Millennials"),            # 1981-1991
    ("45-54", 2026, "Gen X"),                  # 1971-1981: 10 of 11 years Gen X
    ("55-64", 2026, "Gen X / Boomers"),        # 1961-1971: 7 Gen X, 4 Boomer years (36%)
    ("65+", 2026, "Boomers"),                  # 1940-1961: 16 of 22 years Boomers, Silent 27%
    ("25-34", 2016, "Millennials"),            # ten years earlier: 1981-1991
])
def test_generations_are_named_from_birth_years(band, year, name):
    assert generation(band, year) == name


SURVEY = pd.DataFrame({
    "response_id": ["R1", "R2", "R3", "R4", "R5"],
    "customer_id": ["A", "B", "C", "D", "D"],
    "responded_at": pd.to_datetime(["2026-01-01", "2026-01-02", "2026-01-03", "2025-12-01",
                                    "2026-05-01"]),
    "age_band": ["18-24", "18-24", "65+", "55-64", "65+"],
})
INTERACTIONS = pd.DataFrame({
    "customer_id": ["A", "A", "A", "B", "C", "C", "D", "E"],
    "channel": ["chat", "App", "phone", "app", "phone", "store", "phone", "chat"],
    "previous_channel": [None, None, "chat", None, None, None, None, None],
})


def wilson(hits, n, z=1.959963984540054):
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def test_age_band_is_the_latest_answer():
    assert age_of_customers(SURVEY).to_dict() == {"A": "18-24", "B": "18-24", "C": "65+", "D": "65+"}


def test_opening_contacts_are_joined_to_the_age_band_and_compared():
    result = channel_preference(INTERACTIONS, SURVEY, year=2026, min_contacts=1)
    # opening contacts: A chat, A app, B app, C phone, C store, D phone, E chat (no survey)
    assert result.contacts == 6 and result.customers == 4
    assert result.matched_share == pytest.approx(6 / 7)
    young = result.table[result.table["age_band"] == "18-24"].set_index("channel")["share"]
    assert young.to_dict() == pytest.approx({"app": 2 / 3, "chat": 1 / 3, "phone": 0, "store": 0})
    y, oy, o, yo = (result.young_on_young, result.older_on_young, result.older_on_older,
                    result.young_on_older)
    assert y.channels == ("app", "chat") and o.channels == ("phone", "store")
    assert (y.hits, y.contacts, y.share) == (3, 3, 1.0)
    assert (oy.hits, oy.contacts, oy.share) == (0, 3, 0.0)
    assert o.group == "65+" and o.share == 1.0 and yo.share == 0.0
    assert (y.low, y.high) == pytest.approx(wilson(3, 3))  # 0.438 to 1.0
    # every 18-24 contact on app/chat and every 65+ one on phone/store: a perfect link
    assert result.cramers_v == pytest.approx(1.0)
    assert result.headline() == (
        "Gen Z (18-24) start 100% of their contacts on app or chat (3 contacts), customers aged 65+ 0%; customers "
        "aged 65+ start 100% of theirs on phone or store (3), Gen Z 0%.")
    figure = result.finding().figures[0]  # the range goes with the figure, not into the sentence
    assert (figure.low, figure.high) == pytest.approx(tuple(100 * b for b in wilson(3, 3)))
    assert "by more than chance" not in result.in_words() and "Chi-square" in result.method()
    assert result.title() == "Gen Z reach us by app and chat; customers 65+ by phone and store"


def test_follow_ups_count_when_asked():
    result = channel_preference(INTERACTIONS, SURVEY, year=2026, opening_only=False, min_contacts=1)
    assert result.contacts == 7  # A's phone follow-up now counts


def test_one_age_group_gives_no_contrast():
    survey = SURVEY.assign(age_band="35-44")
    result = channel_preference(INTERACTIONS, survey, year=2026, min_contacts=1)
    assert result.young_on_young is None
    assert "no contrast" in result.headline()
    assert result.title() == "Channel choice by age band"
