"""The step-2 notebook without the competitors and social datasets: it says so and still records."""
from __future__ import annotations

from conftest import WORKBOOKS, execute, outputs_text, stderr_outputs

NOTEBOOK = WORKBOOKS / "02_competitors.ipynb"


def test_missing_benchmark_and_social_are_said_not_crashed(demo_copy, tmp_path):
    (demo_copy / "competitors.csv").unlink()
    (demo_copy / "social.csv").unlink()
    nb, result = execute(NOTEBOOK, demo_copy, tmp_path)
    text = outputs_text(nb)
    assert "needs the competitors dataset" in text and "needs the social dataset" in text
    assert stderr_outputs(nb) == []
    assert any("No competitor benchmark was provided" in f for f in result.findings)
    assert any("No social posts" in f for f in result.findings)
    assert result.findings[0].startswith("Nimbus Mobile, which is not on your competitor list")
    # Only 'true competitors known' (20 of the 100 points) can be assessed: the score is its share of
    # the mentions on the 0-100 scale, and no maturity level is claimed on a fifth of the weight.
    assert 0 < result.score <= 100 and result.coverage == 0.2 and result.maturity == "Partly assessed"
