"""Channel names, labels, the client's channel table and durations in words."""
import numpy as np
import pandas as pd
import pytest

from cxlib.omnichannel.channels import (
    channel_table,
    in_text,
    join_labels,
    label,
    normalise,
)
from cxlib.wording import duration


def test_names_are_stripped_and_lower_case_and_blanks_are_missing():
    out = normalise(pd.Series([" WhatsApp", "chat ", "", None], dtype=object))
    assert out.iloc[:2].tolist() == ["whatsapp", "chat"]
    assert out.iloc[2:].isna().all()


def test_labels_read_as_people_write_them():
    assert [label(c) for c in ("whatsapp", "store", "sms", "kiosk")] == ["WhatsApp", "Store", "SMS", "Kiosk"]
    assert [in_text(c) for c in ("whatsapp", "store", "social")] == ["WhatsApp", "store", "social media"]
    assert join_labels(["app", "chat"]) == "app or chat"
    assert join_labels(["phone", "store", "whatsapp"], "and") == "phone, store and WhatsApp"
    assert join_labels(["email"]) == "email"


def test_channel_table_rescales_the_budget_to_one():
    # budget 2 + 6 + 2 = 10 -> 0.2, 0.6, 0.2; "Chat " is the same channel as "chat"
    table = channel_table(pd.DataFrame({
        "channel": ["Chat ", "store", "email"], "offered": [True, True, False],
        "investment_share": [0.02, 0.06, 0.02], "target_response_minutes": [2, None, 1440]}))
    assert table.index.tolist() == ["chat", "store", "email"]
    assert table["investment_share"].tolist() == pytest.approx([0.2, 0.6, 0.2])
    assert table["offered"].tolist() == [True, True, False]
    assert np.isnan(table.loc["store", "target_minutes"]) and table.loc["email", "target_minutes"] == 1440


@pytest.mark.parametrize("minutes, text", [
    (5, "5 min"), (1.5, "2 min"), (40, "40 min"), (150, "2 h 30 min"), (240, "4 h"), (2841.9, "47 h"),
    (1440, "24 h"), (7200, "5 days"), (np.nan, "–"), (None, "–")])
def test_durations_read_in_the_one_style_of_every_report(minutes, text):
    assert duration(minutes) == text


def test_normalise_cleans_each_spelling_and_keeps_rows_in_place():
    # 4 rows, 3 spellings of chat and one blank: blank is missing, the index is the input's
    from cxlib.omnichannel.channels import normalise
    result = normalise(pd.Series([" Chat", "chat ", "  ", "CHAT"], index=[7, 5, 3, 1]))
    assert result.tolist()[:2] == ["chat", "chat"] and pd.isna(result.iloc[2]) and result.iloc[3] == "chat"
    assert list(result.index) == [7, 5, 3, 1]
