"""Step 3's notebook says what is missing instead of crashing when its datasets are absent."""
from __future__ import annotations

from pathlib import Path

import nbformat
import papermill as pm

from cxlib.report.record import read_result

NOTEBOOK = Path(__file__).resolve().parents[1] / "workbooks" / "03_brand_value.ipynb"


def _text(nb) -> str:
    chunks = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            chunks.append(out.get("text", ""))
            for key, value in out.get("data", {}).items():
                if key.startswith("text/"):
                    chunks.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(chunks)


def test_brand_step_runs_without_journey_reviews_and_promise(demo_copy, tmp_path):
    for name in ("journey", "reviews", "brand_promise"):
        (demo_copy / f"{name}.csv").unlink()
    result_path = tmp_path / "03.result.json"
    pm.execute_notebook(str(NOTEBOOK), str(tmp_path / NOTEBOOK.name), cwd=str(NOTEBOOK.parent),
                        progress_bar=False, kernel_name="python3",
                        parameters={"client": demo_copy.name, "client_root": str(demo_copy.parent),
                                    "result_path": str(result_path)})
    nb = nbformat.read(tmp_path / NOTEBOOK.name, as_version=4)
    text = _text(nb)
    for dataset in ("brand_promise", "reviews", "journey"):
        assert f"needs the {dataset} dataset" in text
    streams = [o for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert streams == []
    result = read_result(result_path)
    assert result.score == 0 and result.maturity == "Ignoring"
    assert any("no journey dataset" in f for f in result.findings)
    assert 3 <= len(result.recommendations) <= 5
