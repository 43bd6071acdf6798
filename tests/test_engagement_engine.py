"""The in-process papermill engine, the forked workers and the once-validated client of ``cx run``."""
from __future__ import annotations

import os
import signal

import nbformat
import papermill as pm
import pytest
from papermill.exceptions import PapermillExecutionError

from cxlib.data import load_client
from cxlib.data.load import validated
from cxlib.engagement import engine
from cxlib.engagement.workers import run_forked


def _notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python",
                                                           "display_name": "Python 3"}})
    nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_markdown_cell("# Title")]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    return nb


def _run(tmp_path, *sources: str, **parameters) -> nbformat.NotebookNode:
    nbformat.write(_notebook(*sources), tmp_path / "in.ipynb")
    pm.execute_notebook(str(tmp_path / "in.ipynb"), str(tmp_path / "out.ipynb"), parameters=parameters,
                        engine_name=engine.ENGINE_NAME, progress_bar=False)
    return nbformat.read(tmp_path / "out.ipynb", as_version=4)


def _outputs(cell) -> list[tuple]:
    return [(o.output_type, o.get("name") or sorted(o.get("data", {})) or o.get("ename")) for o in cell.outputs]


def test_cells_give_the_outputs_a_kernel_gives(tmp_path):
    nb = _run(tmp_path,
              "print('x is', x)\nimport sys\nprint('careful', file=sys.stderr)\nx * 2",
              "from IPython.display import HTML, display\ndisplay(HTML('<b>bold</b>'))\nNone",
              "import pandas as pd\npd.DataFrame({'a': [1, 2]})",
              "y = 3;",
              x=21)
    code = [c for c in nb.cells if c.cell_type == "code"]
    injected = code[1]
    assert "injected-parameters" in injected.metadata.tags and "x = 21" in injected.source
    first = code[2]
    assert _outputs(first) == [("stream", "stdout"), ("stream", "stderr"), ("execute_result", ["text/plain"])]
    assert first.outputs[0].text == "x is 21\n" and first.outputs[2].data["text/plain"] == "42"
    assert first.execution_count == first.outputs[2].execution_count
    assert _outputs(code[3]) == [("display_data", ["text/html", "text/plain"])]
    assert code[3].outputs[0].data["text/html"] == "<b>bold</b>"
    assert _outputs(code[4]) == [("execute_result", ["text/html", "text/plain"])]
    assert code[5].outputs == []  # a trailing semicolon shows nothing, as in Jupyter
    assert all(c.metadata.papermill.status == "completed" for c in code)
    assert all(c.metadata.papermill.duration is not None for c in code)


def test_a_failing_cell_stops_the_run_and_papermill_reports_it(tmp_path):
    with pytest.raises(PapermillExecutionError) as raised:
        _run(tmp_path, "a = 1", "raise ValueError('planted failure')", "never = True", x=2)
    assert raised.value.ename == "ValueError" and raised.value.evalue == "planted failure"
    nb = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    failed = code[3]
    assert _outputs(failed) == [("error", "ValueError")]
    assert any("planted failure" in line for line in failed.outputs[0].traceback)
    assert failed.metadata.papermill.status == "failed"
    assert code[4].outputs == [] and code[4].execution_count is None


def test_a_syntax_error_is_an_error_output(tmp_path):
    with pytest.raises(PapermillExecutionError) as raised:
        _run(tmp_path, "def broken(:\n    pass")
    assert raised.value.ename == "SyntaxError"


def test_each_notebook_starts_with_a_fresh_namespace(tmp_path):
    _run(tmp_path, "left_behind = 1")
    with pytest.raises(PapermillExecutionError) as raised:
        _run(tmp_path, "left_behind")
    assert raised.value.ename == "NameError"


def test_house_charts_are_shown_from_their_one_drawing_until_changed(tmp_path):
    nb = _run(tmp_path,
              "from cxlib.report import display as report\nreport.setup()\n"
              "from cxlib.charts import canvas\n"
              "fig = canvas.house_style(lambda: canvas.figure(2.0)[0])()\nfig.axes[0].set_title('first')\n"
              "fig",
              "fig.axes[0].set_title('second title')\nfig")
    code = [c for c in nb.cells if c.cell_type == "code"]
    shown = [o.data["image/svg+xml"] for c in code for o in c.outputs if "image/svg+xml" in o.get("data", {})]
    assert len(shown) == 2
    # the title set after the drawing makes the figure stale, so it is drawn again with it
    assert "second title" in shown[1] and "second title" not in shown[0]


def test_an_untouched_house_chart_is_shown_as_the_drawing_that_laid_it_out():
    from cxlib.charts import canvas

    def build():
        fig, ax = canvas.figure(2.0)
        ax.bar(["a", "b"], [1, 2])
        return fig

    fig = canvas.house_style(build)()
    assert canvas.svg(fig) is fig.cx_svg  # not drawn a second time
    fig.axes[0].set_title("changed")
    again = canvas.svg(fig)
    assert again is not fig.cx_svg and "changed" in again


def test_each_task_runs_in_its_own_fork_and_a_dead_one_fails_alone():
    def work(n):
        if n == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        if n == 3:
            raise RuntimeError("planted")
        return (n * 10, os.getpid())

    started, done = [], []
    results = run_forked(work, [(1,), (2,), (3,), (4,)], 2, failed=lambda args, message: message,
                         on_start=started.append, on_done=lambda args, result: done.append(args))
    assert results[0][0] == 10 and results[3][0] == 40
    assert results[0][1] != results[3][1] != os.getpid()  # a fresh process per task
    assert "exit code -9" in results[1]
    assert results[2] == "RuntimeError: planted"
    assert sorted(started) == sorted(done) == [(1,), (2,), (3,), (4,)]


def test_a_validated_client_is_not_read_again_until_a_file_changes(tmp_path, monkeypatch):
    from cxlib.demo.retail import generate

    folder = generate(tmp_path / "fernway")
    data = load_client(folder)
    monkeypatch.chdir(tmp_path / "fernway")  # a notebook runs elsewhere than where the client was loaded
    with validated(data):
        assert load_client(folder) is data
        assert load_client("fernway", tmp_path, strict=True) is data
        survey = data.files["survey"]
        survey.write_text(survey.read_text() + "\n")
        again = load_client(folder)
        assert again is not data and len(again.frames["survey"]) == len(data.frames["survey"])
    assert load_client(folder) is not data


def test_cx_run_goes_through_the_warm_process_and_gives_the_same_run(fernway_dir, tmp_path):
    import json
    import subprocess

    from conftest import CX
    from cxlib.engagement import warm

    assert not warm.socket_path().exists()  # the session's own, empty warm folder
    import shutil

    client = tmp_path / "client_data" / "fernway"
    shutil.copytree(fernway_dir, client)
    log = warm.start(idle=120)

    def run():
        return subprocess.run([CX, "run", "fernway", "--steps", "7", "--root", str(client.parent),
                               "--reports", str(tmp_path / "reports")], capture_output=True, text=True)

    try:
        first = run()
        settings = client / "client.yml"
        settings.write_text(settings.read_text().replace("name: Fernway Home", "name: Fernway Home & Garden"))
        second = run()  # the warm process kept the client: it must see the changed file
        served = log.read_text()
    finally:
        assert warm.stop()
    for done in (first, second):
        assert done.returncode == 0, done.stdout + done.stderr
        assert "step 7 in" in done.stdout
    latest = tmp_path / "reports" / "fernway" / "latest"
    manifest = json.loads((latest / "manifest.json").read_text())
    assert manifest["status"] == "ok" and manifest["steps"][0]["result"]["step"] == 7
    assert manifest["client"]["name"] == "Fernway Home & Garden"
    assert (latest / "07_metrics.pdf").is_file()
    assert "ready on" in served and served.count(f"run: {client}, steps [7]") == 2
    assert not warm.stop()  # stopped: nothing answers any more
