"""The step-4 notebook says what is missing instead of crashing when a dataset is absent."""

import pytest
from conftest import WORKBOOKS, execute, outputs_text, stderr_outputs

NOTEBOOK = WORKBOOKS / "04_omnichannel.ipynb"


@pytest.mark.parametrize("removed, expected", [
    (("interactions", "channels"), ["needs the interactions dataset"]),
    (("survey",), ["needs the survey dataset"]),
])
def test_a_missing_dataset_is_named_not_fatal(demo_copy, tmp_path, removed, expected):
    for name in removed:
        (demo_copy / f"{name}.csv").unlink()
    nb, result = execute(NOTEBOOK, demo_copy, tmp_path)
    text = outputs_text(nb)
    for phrase in expected:
        assert phrase in text
    assert 3 <= len(result.findings) <= 5 and 3 <= len(result.recommendations) <= 5
    assert stderr_outputs(nb) == []
    html = " ".join(str(o.get("data", {}).get("text/html", "")) for c in nb.cells
                    for o in c.get("outputs", []))
    assert "Traceback" not in html and ">nan<" not in html.lower() and " nan " not in html.lower()
