"""The pipeline a consultant could script in ten minutes with the stock tools, for comparison.

For each step notebook, then the engagement report, one after another: the papermill CLI executes
it on a Jupyter kernel, the nbconvert CLI writes HTML without the code, and the WeasyPrint CLI prints
that HTML to PDF. No validation snapshot, no warm process, no parallelism. The steps record their
results where the engagement report reads them, as ``cx run`` does, so both do the same work.

Usage: ``python benchmarks/naive_pipeline.py CLIENT_ROOT OUT [--client demo]``.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from cxlib.steps import ENGAGEMENT, STEPS, WORKBOOKS

BIN = Path(sys.executable).parent


def _timed(command: list) -> float:
    start = time.perf_counter()
    subprocess.run([str(c) for c in command], check=True, capture_output=True)
    return time.perf_counter() - start


def naive(client_root: Path, out: Path, client: str = "demo") -> dict[str, dict[str, float]]:
    """Run every step and the engagement report the naive way.

    Returns
    -------
    dict
        Seconds per report (keyed by notebook stem) and stage: ``execute``, ``html``, ``pdf``.
    """
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    seconds = {}
    for step in (*STEPS, ENGAGEMENT):
        executed = out / step.notebook
        where = ["-p", "results_dir", out] if step is ENGAGEMENT else \
            ["-p", "result_path", out / f"{step.slug}.result.json"]
        stages = {"execute": _timed([BIN / "papermill", WORKBOOKS / step.notebook, executed, "-p", "client", client,
                                     "-p", "client_root", client_root, *where, "--cwd", WORKBOOKS,
                                     "--no-progress-bar"])}
        stages["html"] = _timed([BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", executed,
                                 "--output-dir", out])
        html = executed.with_suffix(".html")
        stages["pdf"] = _timed([BIN / "weasyprint", html, html.with_suffix(".pdf")])
        seconds[step.slug] = stages
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("client_root", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--client", default="demo")
    args = parser.parse_args()
    seconds = naive(args.client_root.resolve(), args.out, args.client)
    for slug, stages in seconds.items():
        print(f"{slug:24s} " + "  ".join(f"{k} {v:5.1f} s" for k, v in stages.items()))
    print(f"{'total':24s} {sum(sum(s.values()) for s in seconds.values()):6.1f} s")


if __name__ == "__main__":
    main()
