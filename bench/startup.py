"""Start-up: wall time from process start to the main window shown, and to its task list shown,
with 0 / 1 000 / 10 000 tasks in the ledger.

Each start is a fresh process (bench/_startup_probe.py) doing what `tunewatch` does — imports,
QApplication, services, build_window, show, the ledger read in a thread, engine.start,
model.set_tasks — and stamping each step. Baselines: the same start with an empty ledger, and a
bare `python -c pass`.

    .venv/bin/python -m bench.startup [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/startup.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import finished_tasks, machine, ms, print_table, ratio, write_ledger
from gui.storage.paths import app_paths

REPO = Path(__file__).resolve().parents[1]
SIZES = (0, 1_000, 10_000)
STEPS = (
    "interpreter ready",
    "imports",
    "QApplication",
    "services opened",
    "window built",
    "window shown + first events",
    "ledger read (thread)",
    "engine.start",
    "model.set_tasks",
    "tasks listed + first events",
)
SHOWN = "window shown + first events"
STALL = "longest stall while reading"


def start_once(home: Path) -> dict[str, float]:
    """One start; seconds from spawning the process to the end of each step."""
    env = {**os.environ, "TUNEWATCH_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    spawned = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "bench._startup_probe"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    stamps: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return {step: stamps[step] - spawned for step in STEPS} | {
        "rows": stamps["rows"],
        STALL: stamps[STALL],
    }


def bare_python() -> float:
    spawned = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - spawned


def heaviest_imports(home: Path, top: int = 5) -> list[tuple[str, float]]:
    """The probe's heaviest top-level imports by cumulative time (python -X importtime), each
    with its two heaviest direct imports."""
    env = {**os.environ, "TUNEWATCH_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bench._startup_probe"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    # importtime prints an import after the imports it made; depth = indentation / 2.
    roots: list[tuple[str, float, list[tuple[str, float]]]] = []
    children: list[tuple[str, float]] = []
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2].removeprefix(" ")
        depth = (len(name) - len(name.lstrip())) // 2
        entry = (name.strip(), int(parts[1]) / 1e6)
        if depth == 1:
            children.append(entry)
        elif depth == 0:
            if not entry[0].startswith("bench"):
                roots.append((*entry, sorted(children, key=lambda c: -c[1])[:2]))
            children = []
    rows: list[tuple[str, float]] = []
    for name, seconds, heaviest in sorted(roots, key=lambda r: -r[1])[:top]:
        rows.append((name, seconds))
        rows.extend((f"  {child}", child_seconds) for child, child_seconds in heaviest)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed starts per size (median)")
    args = parser.parse_args(argv)
    print(f"startup — {machine()}")
    with tempfile.TemporaryDirectory(prefix="tunewatch-bench-") as root:
        tasks = finished_tasks(max(SIZES))
        homes: dict[int, Path] = {}
        for size in SIZES:
            homes[size] = Path(root) / f"home-{size}"
            os.environ["TUNEWATCH_HOME"] = str(homes[size])
            write_ledger(app_paths().ledger, tasks[:size])
        python = statistics.median(bare_python() for _ in range(5))
        medians: dict[int, dict[str, float]] = {}
        for size in SIZES:
            start_once(homes[size])  # untimed: warms the file cache, saves the layout once
            runs = [start_once(homes[size]) for _ in range(args.runs)]
            assert all(int(run["rows"]) == size for run in runs)
            medians[size] = {
                step: statistics.median(run[step] for run in runs) for step in (*STEPS, STALL)
            }
        imports = heaviest_imports(homes[0])

    rows = []
    previous = dict.fromkeys(SIZES, 0.0)
    for step in STEPS:
        cells = []
        for size in SIZES:
            cells.append(ms(medians[size][step] - previous[size]))
            previous[size] = medians[size][step]
        rows.append((f"{step}", *cells))
    shown = [medians[size][SHOWN] for size in SIZES]
    totals = [medians[size][STEPS[-1]] for size in SIZES]
    rows.append(("= window shown (empty), from process start", *(ms(t) for t in shown)))
    rows.append(("= tasks listed, from process start", *(ms(t) for t in totals)))
    rows.append(("  ratio to 0 tasks", *(ratio(t, totals[0]) for t in totals)))
    rows.append(
        (
            "longest event-loop stall while the ledger is read",
            *(ms(medians[size][STALL]) for size in SIZES),
        )
    )
    print_table(
        f"Start-up steps (median of {args.runs} starts; each cell: time spent in that step) — "
        f"baseline: 0 tasks; a bare `python -c pass` takes {ms(python)}",
        ("step", *(f"{size:,} tasks" for size in SIZES)),
        rows,
    )
    print_table(
        "Heaviest imports (python -X importtime, cumulative; indented: its two heaviest imports)",
        ("module", "time"),
        [(name, ms(seconds)) for name, seconds in imports],
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
