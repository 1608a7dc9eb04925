"""The fake provider in its own process, so its CPU time never counts as the engine's (and the
two do not share a GIL). Used by bench.engine_throughput.

    python -m bench._fake_server --tasks N [--limits]

Prints one JSON line {"base_url": ...}; then, on the line "report" from stdin, prints one JSON
line with every request it saw and every pacing violation, and exits."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/_fake_server.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gui.fake_provider import FakeProviderServer, MusicResult, Phase, ProviderId, RateLimits
from gui.fake_provider import TaskScript as Script
from gui.fake_provider.wire import PROVIDER_IDS

NO_LIMITS = RateLimits(sunor_per_minute=None, crun_per_second=None, sunor_task_interval=0.0)
# Mid-generation for good: two streaming clips, so every answer is a realistic, parsed payload.
FOREVER = Script(
    [Phase("running", 1.0), Phase("streaming", None)],
    MusicResult(titles=("Neon Rain", "Neon Rain (v2)"), clips=2, tags="synthwave, dreamy"),
)


def bench_tasks(count: int) -> list[tuple[ProviderId, str]]:
    """`count` tasks spread evenly over the four providers (same list in both processes)."""
    return [(PROVIDER_IDS[i % len(PROVIDER_IDS)], f"bench-{i:05d}") for i in range(count)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, required=True)
    parser.add_argument("--limits", action="store_true", help="the real budgets (default: off)")
    args = parser.parse_args(argv)
    limits = RateLimits() if args.limits else NO_LIMITS
    with FakeProviderServer(rate_limits=limits, request_log_limit=1_000_000) as server:
        server.add_tasks((p, t, FOREVER) for p, t in bench_tasks(args.tasks))
        print(json.dumps({"base_url": server.base_url}), flush=True)
        for line in sys.stdin:
            if line.strip() == "report":
                break
        requests = [
            (r.time, r.account, r.status, r.route)
            for r in server.requests
            if r.route.endswith(".status")
        ]
        violations = [(v.time, v.kind, v.account, v.detail) for v in server.violations]
    print(json.dumps({"requests": requests, "violations": violations}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
