"""Step 3's notebook says what is missing instead of crashing when its datasets are absent."""
from __future__ import annotations

from conftest import WORKBOOKS, run_in_process

NOTEBOOK = WORKBOOKS / "03_brand_value.ipynb"


def test_brand_step_runs_without_journey_reviews_and_promise(demo_copy, tmp_path):
    for name in ("journey", "reviews", "brand_promise"):
        (demo_copy / f"{name}.csv").unlink()
    text, result, noise = run_in_process(NOTEBOOK, demo_copy)
    # the sections' own sentences (cxlib.sections.step3), in the client's words
    for sentence in ("The promise comparison needs the brand promise list, which was not provided.",
                     "The public's verdict needs the review export, which was not provided.",
                     "The journey map needs the journey log, which was not provided.",
                     "Finding the moments of truth needs the journey log, which was not provided."):
        assert sentence in text
    assert noise == []
    assert result.score is None and result.maturity == "Not assessed"
    assert "The journey map needs the journey log, which was not provided." in result.sentences
    assert 3 <= len(result.recommendations) <= 5
