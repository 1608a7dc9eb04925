"""`tunewatch export` keeps to the account's budget too: after a 429 its next checks wait out
the Retry-After instead of landing inside it (real subprocess, ~3 s)."""

from __future__ import annotations

from pathlib import Path

from gui.commands import exit_codes
from gui.fake_provider import FakeProviderServer, Fault, MusicResult, Phase, TaskScript
from tests.cli_helpers import run_cli

IDS = ["budget-1", "budget-2", "budget-3"]


def test_export_waits_out_a_retry_after_before_its_next_check(tmp_path: Path) -> None:
    with FakeProviderServer() as server:
        for task_id in IDS:
            server.add_task("sunor", task_id, TaskScript([Phase("succeeded")], MusicResult()))
        server.inject(Fault("429", retry_after=2), account="sunor", times=1)
        run = run_cli(
            [
                "export",
                "--provider",
                "sunor",
                "--base-url",
                server.base_url,
                "--dest",
                str(tmp_path / "music"),
                *IDS,
            ],
            keys={"sunor": server.key("sunor")},
            timeout=60,
        )
        checks = [r for r in server.requests if r.route == "sunor.status"]
    assert run.code == exit_codes.UNAVAILABLE  # the first task was refused for the moment
    assert "budget-1" in run.err and "rate limiting" in run.err
    assert server.violations == []  # nothing inside the Retry-After window
    assert len(checks) == 3 and checks[1].time - checks[0].time >= 2
    assert len([line for line in run.out.splitlines() if line.endswith(".json")]) == 4
