import pandas as pd
import pytest

from cxlib.text.pii import find_pii, redact, redact_series


@pytest.mark.parametrize(
    "phone",
    [
        "+1 415 555 0142",
        "(212) 555-0199",
        "415-555-0142",
        "415.555.0142",
        "+44 20 7946 0958",
        "07700 900123",
        "+1-415-555-0142",
        "4155550142",
    ],
)
def test_phone_numbers_in_every_format_are_found_and_redacted(phone):
    text = f"Please call me on {phone} tomorrow."
    assert find_pii(text) == [phone]
    assert redact(text) == "Please call me on [phone removed] tomorrow."


@pytest.mark.parametrize("email", ["jane.doe@example.com", "j.smith+cx@mail.example.co.uk"])
def test_email_addresses_are_found_and_redacted(email):
    text = f"Write to {email}, thanks"
    assert find_pii(text) == [email]
    assert redact(text) == "Write to [email removed], thanks"


@pytest.mark.parametrize(
    "text",
    [
        "Paid $45 for the plan in 2026",
        "I give it 10/10",
        "Order #123456 never arrived",
        "Order 1234567 is late",  # 7 digits without separators is not a dialable number
        "Visited on 2026-03-14 and 14.03.2026",
        "Customer since 2019 2020",
        "Bill was $1,299.99 and 3.5% higher",
    ],
)
def test_prices_years_scores_dates_and_order_numbers_are_kept(text):
    assert find_pii(text) == []
    assert redact(text) == text


def test_several_items_are_reported_in_text_order():
    text = "Mail a.b@x.org or ring 415-555-0142 or bob@y.com"
    assert find_pii(text) == ["a.b@x.org", "415-555-0142", "bob@y.com"]
    assert redact(text) == "Mail [email removed] or ring [phone removed] or [email removed]"


def test_phone_stops_before_a_following_short_number():
    # "10" after the phone is a count, not part of the number
    assert redact("Called 415 555 0142 10 times") == "Called [phone removed] 10 times"


def test_missing_text_passes_through():
    assert redact(None) is None
    assert find_pii(None) == []


def test_redact_series_keeps_index_missing_values_and_string_dtype():
    texts = pd.Series(["ok", None, "call 415.555.0142"], index=[7, 8, 9], dtype="string")
    out = redact_series(texts)
    assert list(out.index) == [7, 8, 9]
    assert out.dtype == texts.dtype
    assert out[7] == "ok"
    assert pd.isna(out[8])
    assert out[9] == "call [phone removed]"
