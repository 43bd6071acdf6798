"""Wall times of the consultant's path on the demo client: generate, load + validate, run steps.

Usage: ``python benchmarks/run_bench.py [--steps 1-7] [--repeat 1]`` (``make bench``). Works in a
temporary folder, so the developer's client_data/ and reports/ are left alone.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cxlib.data import load_client
from cxlib.demo import generate


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", default="1-7")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    cx = str(Path(sys.executable).with_name("cx"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "client_data"
        rows = [("cx demo (generate the demo client)", timed(lambda: generate(root / "demo"), args.repeat))]
        rows.append(("load_client + validation (14 datasets)", timed(lambda: load_client(root / "demo"), args.repeat)))

        reports = Path(tmp) / "reports"

        def run():
            subprocess.run([cx, "run", "demo", "--steps", args.steps, "--root", str(root),
                            "--reports", str(reports)], check=True, capture_output=True)
        rows.append((f"cx run demo --steps {args.steps} (wall)", timed(run, args.repeat)))
        manifest = json.loads((reports / "demo" / "latest" / "manifest.json").read_text())
        step_times = [(f"  step {s['step']} in its worker (last run)", [s["duration_s"]])
                      for s in manifest["steps"]]
    rows += step_times
    width = max(len(name) for name, _ in rows)
    print(f"{'task':<{width}}  median s  min s")
    for name, times in rows:
        print(f"{name:<{width}}  {statistics.median(times):8.2f}  {min(times):5.2f}")


if __name__ == "__main__":
    main()
