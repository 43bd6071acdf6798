"""Step notebooks: committed clean, parameterized, and runnable by papermill on the demo client."""
import nbformat
import pytest
from conftest import WORKBOOKS, run_in_process, stderr_outputs

from cxlib.steps import ENGAGEMENT, available_steps
from cxlib.report.record import read_result

NOTEBOOKS = sorted(WORKBOOKS.glob("*.ipynb"))
STEP_NOTEBOOKS = [p for p in NOTEBOOKS if p.name != ENGAGEMENT.notebook]


def test_every_step_notebook_is_found():
    assert [s.notebook for s in available_steps(WORKBOOKS)] == [p.name for p in STEP_NOTEBOOKS]
    assert NOTEBOOKS[0].name == "00_engagement.ipynb"
    assert "07_metrics.ipynb" in [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and (c.outputs or c.execution_count is not None)]
    assert dirty == [], f"{path.name}: clear the outputs of cells {dirty} before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_cell_defaults_to_the_demo_client(path):
    nb = nbformat.read(path, as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    namespace: dict = {}
    exec(params[0].source, namespace)
    assert namespace["client"] == "demo"
    assert namespace["client_root"] == "../client_data"
    # a step records its result where cx run says; the engagement reads the results of a run
    assert namespace["results_dir" if path == WORKBOOKS / ENGAGEMENT.notebook else "result_path"] is None


@pytest.mark.parametrize("path", STEP_NOTEBOOKS, ids=lambda p: p.name)
def test_runs_on_the_demo_and_records_its_result(path, demo_run):
    # the notebooks as `cx run demo` executed them (conftest's demo_run), not a second execution
    done, reports = demo_run
    assert done.returncode == 0, done.stdout + done.stderr
    nb = nbformat.read(reports / "latest" / path.name, as_version=4)
    result = read_result(reports / "latest" / f"{path.stem}.result.json")
    assert 3 <= len(result.findings) <= 5 and 3 <= len(result.recommendations) <= 5
    assert 0 <= result.score <= 100
    assert stderr_outputs(nb) == [], "a warning or log line would reach the client"


def test_metrics_step_says_what_is_missing_instead_of_crashing(demo_copy, tmp_path):
    (demo_copy / "customers.csv").unlink()
    (demo_copy / "metrics.csv").unlink()
    text, result, noise = run_in_process(WORKBOOKS / "07_metrics.ipynb", demo_copy)
    assert "The churn link needs the customer base, which was not provided." in text
    assert "The metric catalog audit needs the metric catalog, which was not provided." in text
    assert "The per-customer view needs the customer base, which was not provided." in text
    assert ("Which metric predicts churn is unknown: the churn link needs the customer base, which was not "
            "provided.") in result.sentences
    # the parts without data are not assessed, and the score table says so
    assert "not assessed: the churn link needs the customer base" in text
