"""The ten practices and leadership's self-assessment."""
from __future__ import annotations

import numpy as np
import pandas as pd

from cxlib.data.schemas import PRACTICES as CONTRACT_KEYS
from cxlib.obsession import practices


def test_the_ten_practices_follow_the_data_contract_in_the_seeds_order():
    assert tuple(p.key for p in practices.PRACTICES) == CONTRACT_KEYS
    assert practices.label("social_monitoring") == "Social monitoring"
    assert practices.noun("seamless_transitions") == "seamless transitions"
    assert practices.label("not_a_practice") == "Not a practice"


def test_self_assessment_keeps_every_practice_and_marks_the_unrated():
    rated = pd.DataFrame({"practice": ["personalize", "social_monitoring"], "self_score": [3.0, 5.0],
                          "evidence": ["Offers in the app.", "Call 415-555-0142 for the report."],
                          "owner": ["Digital", "Marketing"]})
    result = practices.self_assessment(rated)
    table = result.table.set_index("practice")
    assert len(table) == 10 and result.rated == 2
    assert table.at["social_monitoring", "self_score"] == 5.0
    assert np.isnan(table.at["hire_for_mindset", "self_score"])
    assert "415-555-0142" not in table.at["social_monitoring", "cited"]  # personal data redacted
    assert result.mean == 4.0                                            # (3 + 5) / 2
    assert result.headline() == ("Leadership rates 2 of the ten practices 4.0 of 5 on average, "
                                 "highest on social monitoring (5.0).")


def test_without_a_practices_dataset_nothing_is_rated():
    result = practices.self_assessment(None)
    assert result.rated == 0 and result.table["self_score"].isna().all()
    assert result.headline() == "Leadership has not rated any of the ten practices."
