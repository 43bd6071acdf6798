"""The step-2 notebook without the competitors and social datasets: it says so and still records."""
from __future__ import annotations

from pathlib import Path

import nbformat
import papermill as pm

from cxlib.report.record import read_result

NOTEBOOK = Path(__file__).resolve().parents[1] / "workbooks" / "02_competitors.ipynb"


def _run(client_dir: Path, out: Path):
    result = out / "02.result.json"
    pm.execute_notebook(str(NOTEBOOK), str(out / NOTEBOOK.name), cwd=str(NOTEBOOK.parent),
                        progress_bar=False, kernel_name="python3",
                        parameters={"client": client_dir.name, "client_root": str(client_dir.parent),
                                    "result_path": str(result)})
    nb = nbformat.read(out / NOTEBOOK.name, as_version=4)
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    text = "\n".join(str(o.get("data", {}).get("text/plain", "")) + o.get("text", "") for o in outputs)
    return outputs, text, read_result(result)


def test_missing_benchmark_and_social_are_said_not_crashed(demo_copy, tmp_path):
    (demo_copy / "competitors.csv").unlink()
    (demo_copy / "social.csv").unlink()
    outputs, text, result = _run(demo_copy, tmp_path)
    assert "needs the competitors dataset" in text and "needs the social dataset" in text
    assert [o for o in outputs if o.get("name") == "stderr"] == []
    assert any("No competitor benchmark was provided" in f for f in result.findings)
    assert any("No social posts" in f for f in result.findings)
    assert result.findings[0].startswith("Nimbus Mobile, which is not on your competitor list")
    # Only 'true competitors known' can earn points: 20 x the listed brands' share of the mentions.
    assert 0 < result.score <= 20
