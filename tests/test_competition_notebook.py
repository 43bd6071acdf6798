"""The step-2 notebook without the competitors and social datasets: it says so and still records."""
from __future__ import annotations

from conftest import WORKBOOKS, run_in_process

NOTEBOOK = WORKBOOKS / "02_competitors.ipynb"


def test_missing_benchmark_and_social_are_said_not_crashed(demo_copy, tmp_path):
    (demo_copy / "competitors.csv").unlink()
    (demo_copy / "social.csv").unlink()
    text, result, noise = run_in_process(NOTEBOOK, demo_copy)
    assert "The attribute benchmark needs the competitor benchmark, which was not provided." in text
    assert "Where to attack first needs the competitor benchmark, which was not provided." in text
    for section in ("Social care needs", "The tone comparison needs", "Mentions in competitors' posts need"):
        assert f"{section} the social export, which was not provided." in text
    assert noise == []
    assert any("No competitor benchmark was provided" in f for f in result.sentences)
    assert any("No social posts" in f for f in result.sentences)
    assert result.sentences[0].startswith("Nimbus Mobile, which is not on your competitor list")
    # Only 'true competitors known' (20 of the 100 points) can be assessed: the score is its share of
    # the mentions on the 0-100 scale, and no maturity level is claimed on a fifth of the weight.
    assert 0 < result.score <= 100 and result.coverage == 0.2 and result.maturity == "Partly assessed"


def test_a_social_export_without_answered_flags_says_so_instead_of_inventing_zero(demo_copy, tmp_path):
    import pandas as pd

    social = pd.read_csv(demo_copy / "social.csv").drop(columns=["responded", "responded_at"])
    social.to_csv(demo_copy / "social.csv", index=False)
    text, result, noise = run_in_process(NOTEBOOK, demo_copy)
    reason = "Social care needs answered-or-not flags; this social export has none."
    assert reason in text
    assert "answers 0%" not in text
    assert reason in result.sentences  # the section's own sentence stands in for the finding
    assert not any(f.startswith("Northstar Mobile answers") for f in result.sentences)
    assert "Posts about Northstar Mobile are 30% positive" in text  # the tone still runs
    assert noise == []
