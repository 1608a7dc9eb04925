"""Start-up: wall time from process start to the main window first painted, and to its full
task list painted, with 0 / 10 000 / 100 000 finished tasks in the ledger; the longest freeze of
the window while the list fills in; peak RSS; asyncio tasks left running.

Each start is a fresh process (bench/_startup_probe.py) doing what `tunewatch` does — imports,
QApplication, services, build_window, show, then gui.ui.task_list_loading (rows read in chunks
in a thread, inserted in batches) — and stamping each step. Baselines: the same start with an
empty ledger, and a bare `python -c pass`. Goals (issue 10): the window with 100 000 tasks within
1.5x the empty start's, no freeze over 50 ms, peak RSS <= 250 MB.

    .venv/bin/python -m bench.startup [--runs N] [--sizes 0,10000,100000]
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

from bench._common import (
    DESKTOP_SCREEN,
    finished_tasks,
    machine,
    ms,
    offscreen_platform,
    print_table,
    ratio,
    write_ledger,
)
from bench._update_lag import running_tasks
from gui.storage.paths import app_paths

REPO = Path(__file__).resolve().parents[1]
SIZES = (0, 10_000, 100_000)
STEPS = (
    "interpreter ready",
    "imports",
    "QApplication",
    "services opened",
    "window built",
    "window painted",
    "list loaded",
    "list painted",
)
SHOWN = "window painted"
LISTED = "list painted"
STALL = "longest freeze"
FIGURES = ("longest freeze", "freezes over 50 ms", "peak RSS MB", "asyncio tasks", "rows")
SHOWN_FIGURES = ("window width", "window height", "table width", "columns shown", "bars on screen")
# Running tasks (the newest, so the rows on screen, with progress bars) in every non-empty
# ledger; their next check is an hour away, so the start polls nothing.
RUNNING = 30


def start_once(home: Path, platform: str) -> dict[str, float]:
    """One start; seconds from spawning the process to the end of each step."""
    env = {**os.environ, "TUNEWATCH_HOME": str(home), "QT_QPA_PLATFORM": platform}
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
        figure: stamps[figure] for figure in (*FIGURES, *SHOWN_FIGURES)
    }


def bare_python() -> float:
    spawned = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - spawned


def heaviest_imports(home: Path, platform: str, top: int = 5) -> list[tuple[str, float]]:
    """The probe's heaviest top-level imports by cumulative time (python -X importtime), each
    with its two heaviest direct imports."""
    env = {**os.environ, "TUNEWATCH_HOME": str(home), "QT_QPA_PLATFORM": platform}
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
    parser.add_argument(
        "--sizes", default=",".join(str(size) for size in SIZES), help="ledger sizes to start"
    )
    parser.add_argument(
        "--screen",
        default="x".join(map(str, DESKTOP_SCREEN)),
        help="offscreen screen WxH; the window opens at 1280x760 or the screen's size if smaller",
    )
    args = parser.parse_args(argv)
    sizes = tuple(int(size) for size in args.sizes.split(","))
    width, height = (int(side) for side in args.screen.lower().split("x"))
    platform = offscreen_platform(width, height)
    print(f"startup — {machine()}, load average {os.getloadavg()[0]:.1f}, screen {args.screen}")
    with tempfile.TemporaryDirectory(prefix="tunewatch-bench-") as root:
        tasks = finished_tasks(max(sizes))
        homes: dict[int, Path] = {}
        for size in sizes:
            homes[size] = Path(root) / f"home-{size}"
            os.environ["TUNEWATCH_HOME"] = str(homes[size])
            running = running_tasks(RUNNING, time.time(), next_check_in=3600) if size else []
            write_ledger(app_paths().ledger, [*tasks[:size], *running])
        del tasks
        python = statistics.median(bare_python() for _ in range(5))
        for size in sizes:
            start_once(
                homes[size], platform
            )  # untimed: warms the file cache, saves the layout once
        # Interleaved (0, 10 000, 100 000, 0, ...): a load spike on this shared machine then
        # slows every size alike instead of one size's runs.
        runs: dict[int, list[dict[str, float]]] = {size: [] for size in sizes}
        for _ in range(args.runs):
            for size in sizes:
                runs[size].append(start_once(homes[size], platform))
        medians: dict[int, dict[str, float]] = {}
        for size in sizes:
            assert all(int(run["rows"]) == size + (RUNNING if size else 0) for run in runs[size])
            medians[size] = {
                step: statistics.median(run[step] for run in runs[size])
                for step in (*STEPS, *FIGURES, *SHOWN_FIGURES)
            }
        imports = heaviest_imports(homes[sizes[0]], platform)

    rows = []
    previous = dict.fromkeys(sizes, 0.0)
    for step in STEPS:
        cells = []
        for size in sizes:
            cells.append(ms(medians[size][step] - previous[size]))
            previous[size] = medians[size][step]
        rows.append((f"{step}", *cells))
    shown = [medians[size][SHOWN] for size in sizes]
    listed = [medians[size][LISTED] for size in sizes]
    rows.append(("= window painted, from process start", *(ms(t) for t in shown)))
    rows.append(("  ratio to the empty start", *(ratio(t, shown[0]) for t in shown)))
    rows.append(("= full list painted, from process start", *(ms(t) for t in listed)))
    rows.append(("longest freeze while the list fills in", *(ms(medians[s][STALL]) for s in sizes)))
    rows.append(
        ("  freezes over 50 ms", *(f"{medians[s]['freezes over 50 ms']:.0f}" for s in sizes))
    )
    rows.append(("peak RSS", *(f"{medians[s]['peak RSS MB']:.0f} MB" for s in sizes)))
    rows.append(
        ("asyncio tasks once listed", *(f"{medians[s]['asyncio tasks']:.0f}" for s in sizes))
    )
    rows.append(
        (
            "window (table width, columns, progress bars on screen)",
            *(
                f"{m['window width']:.0f}x{m['window height']:.0f} ({m['table width']:.0f} px, "
                f"{m['columns shown']:.0f}, {m['bars on screen']:.0f})"
                for m in (medians[s] for s in sizes)
            ),
        )
    )
    print_table(
        f"Start-up steps (median of {args.runs} starts; each cell: time spent in that step) — "
        f"baseline: the empty start; a bare `python -c pass` takes {ms(python)}",
        ("step", *(f"{size:,} tasks" for size in sizes)),
        rows,
    )
    print_table(
        "Heaviest imports (python -X importtime, cumulative; indented: its two heaviest imports)",
        ("module", "time"),
        [(name, ms(seconds)) for name, seconds in imports],
    )
    big = max(sizes)
    print(
        f"\nstartup: window with {big:,} tasks {ratio(shown[-1], shown[0])} the empty start "
        f"(goal <= 1.5x); full list {ratio(listed[-1], shown[0])} the empty start; longest "
        f"freeze {ms(medians[big][STALL])} (goal <= 50 ms); peak RSS "
        f"{medians[big]['peak RSS MB']:.0f} MB (goal <= 250 MB); window "
        f"{medians[big]['window width']:.0f}x{medians[big]['window height']:.0f}, "
        f"{medians[big]['bars on screen']:.0f} bars on screen; load average "
        f"{os.getloadavg()[0]:.1f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
