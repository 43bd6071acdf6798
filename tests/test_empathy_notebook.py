"""The step-5 notebook on the demo: no contact details reach the report, and missing data is said."""
from __future__ import annotations

import pytest
from conftest import WORKBOOKS, run_in_process

from cxlib.demo.planted import PII

NOTEBOOK = WORKBOOKS / "05_empathy.ipynb"


def test_the_report_never_shows_contact_details(demo_dir, tmp_path):
    text, result, noise = run_in_process(NOTEBOOK, demo_dir)
    leaked = [p for p in PII if p in text]
    assert leaked == []
    assert "Choice A" in text and "acknowledges, takes ownership and reassures" in text
    assert result.step == 5


@pytest.mark.parametrize("removed, says", [
    (("messages", "tickets"), ["needs the messages dataset", "needs the tickets dataset"]),
    (("tickets",), ["needs the tickets dataset"]),
])
def test_missing_datasets_are_said_not_crashed_on(demo_copy, tmp_path, removed, says):
    for name in removed:
        (demo_copy / f"{name}.csv").unlink()
    text, result, noise = run_in_process(NOTEBOOK, demo_copy)
    for phrase in says:
        assert phrase in text
    assert 3 <= len(result.sentences) <= 5 and 3 <= len(result.recommendations) <= 5
    # the record quotes the section's own sentence on what is missing
    assert any("needs the tickets dataset" in f for f in result.sentences)
