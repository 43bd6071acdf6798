"""``make bench``: the whole demo engagement with ``cx run`` and with the naive pipeline, side by side.

Works in a temporary folder (the developer's client_data/ and reports/ are left alone):
1. writes the demo client;
2. runs the naive pipeline (benchmarks/naive_pipeline.py: papermill, nbconvert and WeasyPrint CLIs,
   one report after another);
3. runs ``cx run demo`` (seven steps and the engagement report, HTML and PDF) and ``cx run demo
   --steps 7``, each ``--repeat`` times, cold (a new process imports everything and validates the
   client) and then warm (handed to a ``cx warm`` process started beforehand);
4. prints a table per report and stage (load, kernel, analysis, render) of the median warm run, the
   wall and CPU times of every variant and the ratio against the naive pipeline, and writes
   benchmarks/results.json.

Stages of ``cx run``, from its manifest and executed notebooks: *validate* and *prepare* (imports,
warm caches) happen once per run; per report, *load* is the notebook's cells up to the one that
loads the client, *analysis* the cells after it, *kernel* the rest of the execution (starting the
kernel or the forked process, papermill), *render* the HTML and PDF.

Usage: ``python benchmarks/run_bench.py [--repeat 3] [--no-naive]``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from naive_pipeline import naive  # noqa: E402

from cxlib.demo import generate  # noqa: E402
from cxlib.steps import ENGAGEMENT, STEPS  # noqa: E402

CX = Path(sys.executable).with_name("cx")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (this process's children) of one command, which must succeed."""
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{' '.join(map(str, args))} failed:\n{done.stdout}\n{done.stderr}")
    return wall, _children_cpu() - cpu


def notebook_stages(executed: Path, execute_s: float) -> dict[str, float]:
    """load, analysis and kernel seconds of one executed notebook (papermill's per-cell timing)."""
    cells = [c for c in nbformat.read(executed, as_version=4).cells if c.cell_type == "code"]
    durations = [float(c.metadata.get("papermill", {}).get("duration") or 0.0) for c in cells]
    loads = [i for i, c in enumerate(cells) if "load_client(" in c.source or "engagement.gather(" in c.source]
    cut = loads[0] + 1 if loads else 0
    load, analysis = sum(durations[:cut]), sum(durations[cut:])
    return {"load": load, "kernel": max(0.0, execute_s - load - analysis), "analysis": analysis}


def cx_run(root: Path, reports: Path, steps: str | None, process: str) -> dict:
    """One ``cx run demo``: wall, CPU, the run's own stages and each report's.

    ``process`` is the kind of run expected (``"cold"`` or ``"warm"``); a warm run that fell back
    to a cold one is an error, not a slow warm run. CPU is the run's own (its manifest: the
    process that ran it and its forks), since a warm run's work is not this script's child.
    """
    wall, _ = timed_run([CX, "run", "demo", "--root", root, "--reports", reports,
                         *(["--steps", steps] if steps else [])])
    latest = reports / "demo" / "latest"
    manifest = json.loads((latest / "manifest.json").read_text())
    if manifest["parameters"].get("process") != process:
        raise SystemExit(f"expected a {process} run, the manifest says {manifest['parameters'].get('process')}")
    cpu = manifest["timings"]["cpu"]
    reports_stages = {}
    for step in manifest["steps"]:
        slug = ENGAGEMENT.slug if step["step"] == 0 else STEPS[step["step"] - 1].slug
        stages = notebook_stages(latest / f"{slug}.ipynb", step["stages"]["execute"])
        stages["render"] = step["stages"]["render"]
        reports_stages[slug] = stages
    return {"wall": wall, "cpu": cpu, "run": manifest.get("timings", {}), "reports": reports_stages}


def _median_run(runs: list[dict]) -> dict:
    """The run with the median wall time (its stages are one real run's, not a mix)."""
    return sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]


def table(naive_s: dict | None, ours: dict) -> str:
    """The per-report, per-stage table: the naive pipeline's and one ``cx run``'s."""
    head = f"{'report':22s}"
    if naive_s:
        head += f" | {'naive: execute':>14s} {'html':>6s} {'pdf':>6s} {'total':>6s}"
    head += f" | {'cx run: load':>12s} {'kernel':>7s} {'analysis':>8s} {'render':>7s} {'total':>6s}"
    lines = [head, "-" * len(head)]
    run = ours["run"]
    lines.append(f"{'(once per run)':22s}" + (f" | {'':>14s} {'':>6s} {'':>6s} {'':>6s}" if naive_s else "")
                 + f" | validate {run.get('validate', 0):4.2f}  prepare (imports, warm caches) {run.get('prepare', 0):4.2f}")
    for slug, stages in ours["reports"].items():
        row = f"{slug:22s}"
        if naive_s:
            n = naive_s[slug]
            row += f" | {n['execute']:14.2f} {n['html']:6.2f} {n['pdf']:6.2f} {sum(n.values()):6.2f}"
        row += (f" | {stages['load']:12.2f} {stages['kernel']:7.2f} {stages['analysis']:8.2f} "
                f"{stages['render']:7.2f} {sum(stages.values()):6.2f}")
        lines.append(row)
    lines.append("-" * len(head))
    lines.append("(reports run two at a time, so their stages add up to more than the run's wall time)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each cx command (the median is kept)")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive pipeline (about 2 minutes)")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args()
    runs: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CX_WARM_DIR"] = str(Path(tmp) / "warm")  # this benchmark's own warm process
        root = Path(tmp) / "client_data"
        start = time.perf_counter()
        generate(root / "demo")
        generate_s = time.perf_counter() - start
        naive_s = None
        if not args.no_naive:
            print("naive pipeline…", file=sys.stderr, flush=True)
            naive_s = naive(root, Path(tmp) / "naive")
        try:
            for mode in ("cold", "warm"):
                if mode == "warm":
                    print("cx warm…", file=sys.stderr, flush=True)
                    warm_wall, _ = timed_run([CX, "warm", "--idle", "30"])
                for name, steps in (("whole", None), ("steps_7", "7")):
                    print(f"cx run demo{' --steps ' + steps if steps else ''} ({mode})…", file=sys.stderr, flush=True)
                    runs[f"{mode}_{name}"] = [cx_run(root, Path(tmp) / f"{mode}-{name}-{i}", steps, mode)
                                              for i in range(args.repeat)]
        finally:
            subprocess.run([CX, "warm", "--stop"], capture_output=True)
    median = {key: _median_run(value) for key, value in runs.items()}
    walls = {key: ", ".join(f"{r['wall']:.1f}" for r in value) for key, value in runs.items()}
    print(table(naive_s, median["warm_whole"]))
    print(f"\n{'':30s} {'median wall':>11s} {'CPU':>6s}   runs (s)")
    for key, label in (("cold_whole", "cx run demo, cold"), ("warm_whole", "cx run demo, warm"),
                       ("cold_steps_7", "cx run demo --steps 7, cold"), ("warm_steps_7", "cx run demo --steps 7, warm")):
        print(f"{label:30s} {median[key]['wall']:11.1f} {median[key]['cpu']:6.1f}   {walls[key]}")
    if naive_s:
        total = sum(sum(s.values()) for s in naive_s.values())
        print(f"{'naive pipeline':30s} {total:11.1f}")
        print(f"ratio naive / cx run demo, wall: {total / median['cold_whole']['wall']:.1f}x cold, "
              f"{total / median['warm_whole']['wall']:.1f}x warm (the naive pipeline runs one report at a "
              f"time; cx run uses all {os.cpu_count()} cores)")
    print(f"(cold: a new process imports everything and validates the client; warm: `cx warm` was started "
          f"first, in {warm_wall:.1f} s; writing the demo client took {generate_s:.1f} s)")
    results = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "repeat": args.repeat,
        "naive": None if naive_s is None else {"wall": sum(sum(s.values()) for s in naive_s.values()),
                                               "reports": naive_s},
        "cx_warm_start_s": warm_wall,
        **{f"cx_run_demo_{key}": {**median[key], "walls": [r["wall"] for r in runs[key]]} for key in runs},
    }
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results: {args.out}")


if __name__ == "__main__":
    main()
