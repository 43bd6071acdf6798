"""Scale benchmark: validate and every step on large clients, with wall, CPU and peak memory.

Usage::

    python benchmarks/run_scale.py [--sizes 100000,300000,1000000] [--steps 1-7] [--no-whole]
                                   [--cache /tmp/cx-scale] [--out benchmarks/scale_results.json]

For each size (survey responses; journey events are five per response and the other datasets keep
the demo's ratio, see :mod:`cxlib.demo.scale`) the client is generated once into ``--cache`` and kept
there, keyed by size. Then ``cx validate`` and ``cx run --steps N`` for each step (and the whole
``cx run`` unless ``--no-whole``) run as subprocesses, one at a time. Each ``cx run`` validates the
data first, so a step's figures include one validation.

Measured per task: wall seconds; CPU seconds (user + system of the whole child tree, from
``getrusage(RUSAGE_CHILDREN)``); the peak, over samples every 0.2 s, of the summed PSS of the process
tree (proportional set size: pages shared by forked step workers are counted once; RSS where PSS is
not readable); and the peak RSS of the largest single process. A task that fails is shown as failed
with the one-line error the ``cx`` command printed; the run goes on.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from cxlib.demo.scale import scaled

DEFAULT_SIZES = (100_000, 300_000, 1_000_000)
SAMPLE_S = 0.2
MB = 1024 * 1024


def client_name(size: int) -> str:
    return f"scale-{size}"


def ensure_client(cache: Path, size: int) -> tuple[Path, dict | None]:
    """The cached client of ``size`` responses, generated first if absent (and how long that took)."""
    folder = cache / client_name(size)
    if (folder / "client.yml").is_file():  # written last, so its presence means a complete client
        return folder, None
    # written beside the cache under the final name (the slug is the folder's name), then moved in
    partial = cache / ".partial" / client_name(size)
    shutil.rmtree(partial, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    before = os.times()
    start = time.perf_counter()
    scaled(partial, responses=size)
    wall = time.perf_counter() - start
    after = os.times()
    partial.rename(folder)
    cpu = (after.user - before.user) + (after.system - before.system)
    return folder, {"size": size, "task": "generate (in process)", "ok": True, "error": None,
                    "wall_s": wall, "cpu_s": cpu, "peak_tree_pss_mb": None,
                    "peak_process_rss_mb": psutil.Process().memory_info().rss / MB}


def _tree(root: psutil.Process) -> list[psutil.Process]:
    try:
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _memory(procs: list[psutil.Process]) -> tuple[float, float]:
    """Summed PSS (RSS where PSS is unreadable) of the processes, and the largest single RSS, in bytes."""
    total, largest = 0.0, 0.0
    for proc in procs:
        try:
            info = proc.memory_full_info()
            rss = info.rss
            total += getattr(info, "pss", rss)
        except (psutil.AccessDenied, psutil.ZombieProcess):
            try:
                rss = proc.memory_info().rss
                total += rss
            except psutil.Error:
                continue
        except psutil.NoSuchProcess:
            continue
        largest = max(largest, rss)
    return total, largest


def measure(command: list[str], log: Path, timeout: float | None) -> dict:
    """Run ``command`` and measure it; its output goes to ``log``."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    peak_tree = peak_proc = 0.0
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "COLUMNS": "200"})
        handle = psutil.Process(proc.pid)
        timed_out = False
        while proc.poll() is None:
            tree, largest = _memory(_tree(handle))
            peak_tree, peak_proc = max(peak_tree, tree), max(peak_proc, largest)
            if timeout is not None and time.perf_counter() - start > timeout:
                for child in _tree(handle)[::-1]:
                    try:
                        child.kill()
                    except psutil.Error:
                        pass
                timed_out = True
            time.sleep(SAMPLE_S)
        code = proc.wait()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    error = None
    if timed_out:
        error = f"timed out after {timeout:.0f} s"
    elif code != 0:
        error = _error_line(log.read_text(encoding="utf-8", errors="replace")) or f"exit code {code}"
    return {"ok": code == 0 and not timed_out, "error": error, "wall_s": wall, "cpu_s": cpu,
            "peak_tree_pss_mb": peak_tree / MB, "peak_process_rss_mb": peak_proc / MB, "exit_code": code}


def _error_line(output: str) -> str | None:
    """The line the cx command gave its failure on (``error: ...`` or ``✗ step 3 failed ...``)."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("error:", "✗")):
            return line
    return lines[-1] if lines else None


def parse_steps(text: str) -> list[int]:
    steps: list[int] = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        steps += range(int(low), int(high or low) + 1)
    return steps


def print_row(row: dict) -> None:
    def num(value, fmt):
        return format(value, fmt) if value is not None else "-"
    per = row["wall_s"] / (row["size"] / 100_000)
    status = "ok" if row["ok"] else "FAILED"
    print(f"{row['size']:>9,}  {row['task']:<22} {status:<6} {num(row['wall_s'], '8.1f')} {num(row['cpu_s'], '8.1f')} "
          f"{num(row['peak_tree_pss_mb'], '10.0f')} {num(row['peak_process_rss_mb'], '10.0f')} {per:10.1f}",
          flush=True)
    if row["error"]:
        print(f"{'':11}{row['error']}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="survey responses per client, comma-separated")
    parser.add_argument("--steps", default="1-7", help="steps to run one by one, e.g. 1-7 or 2,5")
    parser.add_argument("--no-whole", action="store_true", help="skip the whole `cx run` (every step at once)")
    parser.add_argument("--no-validate", action="store_true", help="skip `cx validate`")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/cx-scale"), help="where generated clients are kept")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("scale_results.json"))
    parser.add_argument("--timeout", type=float, default=None, help="seconds before a task is stopped")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    steps = parse_steps(args.steps) if args.steps else []
    cx = str(Path(sys.executable).with_name("cx"))
    args.cache.mkdir(parents=True, exist_ok=True)
    results = {"started": dt.datetime.now().isoformat(timespec="seconds"), "machine": {
        "cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 1024 ** 3, 1),
        "load_average_at_start": os.getloadavg(), "python": platform.python_version()},
        "command": " ".join(sys.argv), "rows": []}

    def record(row: dict) -> None:
        results["rows"].append(row)
        print_row(row)
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    print(f"{'size':>9}  {'task':<22} {'status':<6} {'wall s':>8} {'CPU s':>8} {'tree PSS MB':>10} "
          f"{'proc RSS MB':>10} {'s/100k':>10}", flush=True)
    for size in sizes:
        folder, generated = ensure_client(args.cache, size)
        if generated:
            record(generated)
        name, root = folder.name, str(args.cache)
        tasks = [] if args.no_validate else [("validate", [cx, "validate", name, "--root", root])]
        with tempfile.TemporaryDirectory(prefix="cx-scale-reports-") as reports:
            tasks += [(f"run --steps {n}", [cx, "run", name, "--steps", str(n), "--root", root,
                                            "--reports", reports]) for n in steps]
            if not args.no_whole:
                tasks.append(("run (every step)", [cx, "run", name, "--root", root, "--reports", reports]))
            for task, command in tasks:
                log = args.cache / f"{name}.{task.replace(' ', '_').replace('-', '')}.log"
                row = {"size": size, "task": task, "command": " ".join(command), "log": str(log)}
                row.update(measure(command, log, args.timeout))
                record(row)
    print(f"results: {args.out}")


if __name__ == "__main__":
    main()
