"""`tunewatch watch` through a network outage: said once, its end said once, every task
followed to the end without anyone touching it (real subprocess, real time, ~10 s)."""

from __future__ import annotations

import time
from pathlib import Path

from gui.fake_provider import FakeProviderServer, Phase, TaskScript
from tests.test_watch_cli import ledger_rows, start_watch, wait_until

IDS = ["net-a", "net-b", "net-c"]


def test_watch_says_an_outage_once_and_carries_on(tmp_path: Path) -> None:
    with FakeProviderServer() as server:
        for task_id in IDS:
            server.add_task("sunor", task_id, TaskScript([Phase("running", 7), Phase("succeeded")]))
        watcher = start_watch(server, tmp_path, "sunor", *IDS)
        try:
            wait_until(
                lambda: all(ledger_rows(tmp_path).get(i, ("", 0, []))[1] >= 1 for i in IDS),
                20,
                "every task checked once",
            )
            server.set_network(up=False)
            time.sleep(3)  # several checks of every task fall inside the outage
            server.set_network(up=True)
            code, out, err = watcher.finish(timeout=30)
        finally:
            if watcher.process.poll() is None:
                watcher.process.kill()
                watcher.process.wait()
    assert code == 0, err
    assert err.count("sunor.cc can't be reached — retrying.") == 1, err
    assert err.count("sunor.cc is reachable again.") == 1, err
    assert ".." not in err + out
    assert "Could not reach" not in out  # no per-task line about it
    assert all(rows[0] == "done" for rows in ledger_rows(tmp_path).values())
