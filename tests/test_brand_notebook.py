"""Step 3's notebook says what is missing instead of crashing when its datasets are absent."""
from __future__ import annotations

from conftest import WORKBOOKS, execute, outputs_text, stderr_outputs

NOTEBOOK = WORKBOOKS / "03_brand_value.ipynb"


def test_brand_step_runs_without_journey_reviews_and_promise(demo_copy, tmp_path):
    for name in ("journey", "reviews", "brand_promise"):
        (demo_copy / f"{name}.csv").unlink()
    nb, result = execute(NOTEBOOK, demo_copy, tmp_path)
    text = outputs_text(nb)
    for dataset in ("brand_promise", "reviews", "journey"):
        assert f"needs the {dataset} dataset" in text
    assert stderr_outputs(nb) == []
    assert result.score is None and result.maturity == "Not assessed"
    assert any("no journey dataset" in f for f in result.findings)
    assert 3 <= len(result.recommendations) <= 5
