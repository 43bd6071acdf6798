"""A papermill engine that runs a notebook's cells in the calling process, with IPython but no kernel.

``cx run`` imports cxlib and the libraries the notebooks use once, validates the client once, and
forks one worker per step (:mod:`cxlib.engagement.workers`); in that worker this engine runs the
parameterised notebook. There is no kernel to start, nothing to import again and no client file to
read again: the two to four seconds each step used to spend before its first analysis are gone.

Papermill still drives the run (parameters cell, per-cell timing metadata, error reporting, the
executed notebook as artifact); only the place where cells execute changes. The executed notebook
has the outputs a Jupyter kernel would give it: display data with all their formats, execute
results, stdout and stderr streams, and an error output with the traceback when a cell fails, after
which no further cell runs. Analysts keep running the same notebooks in JupyterLab on a real kernel.

Registered with papermill as the ``cx`` engine when this module is imported. It is deliberately not
a ``papermill.engine`` entry point: papermill loads those while it is itself being imported, and
this module imports papermill, so the two would import each other half-done.
"""
from __future__ import annotations

import sys

# jsonschema, which nbformat and papermill import, imports rfc3987_syntax when it is installed, and
# that compiles about 35 Earley parsers at import: 2 to 5 s of every process that runs a notebook,
# for IRI format checks no notebook schema uses (python-jsonschema/jsonschema#1428). Marked absent
# before papermill is imported, jsonschema skips those checks, as it does where it is not installed.
sys.modules.setdefault("rfc3987_syntax", None)

import base64  # noqa: E402
import io  # noqa: E402
import traceback  # noqa: E402
from typing import Any  # noqa: E402

import nbformat  # noqa: E402
from IPython.core.displayhook import DisplayHook  # noqa: E402
from IPython.core.displaypub import DisplayPublisher  # noqa: E402
from IPython.core.interactiveshell import InteractiveShell  # noqa: E402
from papermill.engines import Engine, papermill_engines  # noqa: E402
from traitlets import Type  # noqa: E402
from traitlets.config import Config  # noqa: E402

ENGINE_NAME = "cx"


class _Outputs:
    """The outputs of the cell being run, in nbformat shape, in the order they were produced."""

    def __init__(self) -> None:
        self.cell: list = []
        self.by_display_id: dict[str, list] = {}
        self.execution_count: int | None = None

    def start(self, execution_count: int) -> None:
        self.cell = []
        self.execution_count = execution_count

    def stream(self, name: str, text: str) -> None:
        if not text:
            return
        last = self.cell[-1] if self.cell else None
        if last is not None and last.output_type == "stream" and last.name == name:
            last.text += text  # one output per run of writes, as a kernel's front end shows it
        else:
            self.cell.append(nbformat.v4.new_output("stream", name=name, text=text))

    def display(self, data: dict, metadata: dict | None, transient: dict | None, update: bool) -> None:
        data, metadata = _jsonable(data), metadata or {}
        display_id = (transient or {}).get("display_id")
        if update:
            for output in self.by_display_id.get(display_id, []):
                output.data, output.metadata = data, metadata
            return
        output = nbformat.v4.new_output("display_data", data=data, metadata=metadata)
        self.cell.append(output)
        if display_id:
            self.by_display_id.setdefault(display_id, []).append(output)

    def result(self, data: dict, metadata: dict | None) -> None:
        self.cell.append(nbformat.v4.new_output("execute_result", data=_jsonable(data),
                                                metadata=metadata or {},
                                                execution_count=self.execution_count))

    def error(self, ename: str, evalue: str, stb: list[str]) -> None:
        self.cell.append(nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=list(stb)))

    def clear(self) -> None:
        self.cell = []


def _jsonable(data: dict) -> dict:
    """Bytes (PNG, JPEG) base64-encoded, as a kernel sends them; text as it is."""
    return {mime: base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else value
            for mime, value in data.items()}


class _Publisher(DisplayPublisher):
    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
        self.shell.outputs.display(data, metadata, transient, update)

    def clear_output(self, wait=False):
        self.shell.outputs.clear()


class _ResultHook(DisplayHook):
    """A cell's last value becomes its execute_result, with every format the formatters give."""

    def start_displayhook(self):
        pass

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        self.shell.outputs.result(format_dict, md_dict)

    def finish_displayhook(self):
        pass


class _Stream(io.TextIOBase):
    """sys.stdout / sys.stderr while a cell runs: what is written becomes the cell's stream output."""

    def __init__(self, outputs: _Outputs, name: str) -> None:
        super().__init__()
        self.outputs, self.name = outputs, name

    def write(self, text: str) -> int:
        self.outputs.stream(self.name, str(text))
        return len(text)

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:
        return "utf-8"


class CellShell(InteractiveShell):
    """An IPython shell whose displays, results and tracebacks become notebook outputs."""

    displayhook_class = Type(_ResultHook)
    display_pub_class = Type(_Publisher)

    def __init__(self, **kwargs: Any) -> None:
        self.outputs = _Outputs()
        super().__init__(**kwargs)

    def enable_gui(self, gui=None):
        pass  # the inline backend draws into outputs; there is no event loop to start

    def _showtraceback(self, etype, evalue, stb):
        self.outputs.error(etype.__name__, str(evalue), stb)


def new_shell() -> CellShell:
    """A fresh shell, the process's IPython (so ``get_ipython()`` finds it), with matplotlib's inline
    backend as a kernel has it, and no history database written.

    Returns
    -------
    CellShell
        The shell; the last notebook's, or a kernel's, is let go.
    """
    for kind in (CellShell, InteractiveShell):  # a kernel's shell, or the last notebook's
        kind.clear_instance()
    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "NoColor"
    shell = CellShell.instance(config=config)
    shell.enable_matplotlib("inline")
    # matplotlib's inline backend picks its image formats for the first shell of a process only
    from matplotlib_inline.backend_inline import InlineBackend
    from IPython.core.pylabtools import select_figure_formats

    select_figure_formats(shell, InlineBackend.instance().figure_formats)
    return shell


def run_cells(nb_man, shell: CellShell) -> None:
    """Run the notebook's code cells in order until one fails, recording each cell's outputs.

    Parameters
    ----------
    nb_man : papermill's execution manager of the notebook (its per-cell timing and status).
    shell : the shell to run them in (:func:`new_shell`).
    """
    for index, cell in enumerate(nb_man.nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():  # a kernel client skips empty cells
            continue
        nb_man.cell_start(cell, index)
        shell.outputs.start(shell.execution_count)
        cell.outputs = []
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = _Stream(shell.outputs, "stdout"), _Stream(shell.outputs, "stderr")
        try:
            result = shell.run_cell(cell.source, store_history=True)
        except BaseException as exc:  # the shell itself failed (not the cell's code): still an error output
            shell.outputs.error(type(exc).__name__, str(exc), traceback.format_exception(exc))
            result = None
        finally:
            sys.stdout, sys.stderr = saved
        cell.outputs = shell.outputs.cell
        cell.execution_count = shell.outputs.execution_count
        failed = result is None or not result.success
        if failed:
            if not any(o.output_type == "error" for o in cell.outputs):
                error = (result.error_before_exec or result.error_in_exec) if result is not None else None
                shell.outputs.error(type(error).__name__ if error else "Error", str(error or ""),
                                    traceback.format_exception(error) if error else [])
                cell.outputs = shell.outputs.cell
            nb_man.cell_exception(cell, cell_index=index)
        nb_man.cell_complete(cell, cell_index=index)
        if failed:
            break


class InProcessEngine(Engine):
    """Papermill engine ``cx``: execute the notebook in this process (see the module docstring)."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        run_cells(nb_man, new_shell())


papermill_engines.register(ENGINE_NAME, InProcessEngine)


#: What the step notebooks import, and the libraries their analyses import on first use.
NOTEBOOK_MODULES = (
    "cxlib.brand", "cxlib.charts", "cxlib.charts.brand", "cxlib.charts.competition", "cxlib.charts.culture",
    "cxlib.charts.empathy", "cxlib.charts.journey", "cxlib.charts.obsession", "cxlib.charts.omnichannel",
    "cxlib.charts.summary", "cxlib.competition", "cxlib.culture", "cxlib.empathy", "cxlib.journey",
    "cxlib.metrics", "cxlib.metrics.drivers", "cxlib.obsession", "cxlib.omnichannel", "cxlib.report",
    "cxlib.report.record", "cxlib.sections", "cxlib.summary", "cxlib.summary.engagement", "cxlib.text",
    "matplotlib.pyplot", "matplotlib_inline.backend_inline", "seaborn", "sklearn.decomposition",
    "sklearn.feature_extraction.text", "statsmodels.stats.proportion", "textstat",
)
#: What rendering a report imports.
RENDER_MODULES = ("cxlib.report.pdf", "nbconvert", "weasyprint")


_warmed = False


def warm() -> None:
    """Import what the notebooks and the renderer use, and fill the caches they fill on first use
    (fonts, the sentiment lexicon, the report template), so that every fork starts ready. Once per
    process."""
    import importlib

    global _warmed
    if _warmed:
        return

    for name in NOTEBOOK_MODULES + RENDER_MODULES:
        importlib.import_module(name)
    import matplotlib.font_manager

    from cxlib.report import pdf
    from cxlib.text import sentiment

    matplotlib.font_manager.findfont("DejaVu Sans")
    sentiment.warm()
    pdf.warm()
    _warmed = True
