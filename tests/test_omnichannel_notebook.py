"""The step-4 notebook says what is missing instead of crashing when a dataset is absent."""

import pytest
from conftest import WORKBOOKS, run_in_process

NOTEBOOK = WORKBOOKS / "04_omnichannel.ipynb"


@pytest.mark.parametrize("removed, expected", [
    (("interactions", "channels"), ["needs the contact log, which was not provided"]),
    (("survey",), ["Channel choice by age needs the survey, which was not provided",
                   "Effort by channel needs the survey, which was not provided"]),
    (("interactions",), ["needs the contact log, which was not provided",
                         "tickets are answered within its"]),  # speed is read from the support tickets
])
def test_a_missing_dataset_is_named_not_fatal(demo_copy, tmp_path, removed, expected):
    for name in removed:
        (demo_copy / f"{name}.csv").unlink()
    text, result, noise = run_in_process(NOTEBOOK, demo_copy)
    for phrase in expected:
        assert phrase in text
    assert 3 <= len(result.findings) <= 5 and 3 <= len(result.recommendations) <= 5
    assert noise == []
    assert "Traceback" not in text and " nan " not in f" {text.lower()} "
