"""The polling engine against the fake provider server: pacing, events, controls, restart.

Intervals are shortened through Engine(policies=...); the real defaults are proven on the pure
schedule functions in test_schedule.py."""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
from pathlib import Path

import pytest

from gui.domain.events import AccountProblem, TaskAdded, TaskRemoved, TaskUpdated
from gui.domain.states import TaskState
from gui.domain.tracked_task import Watch
from gui.fake_provider import Failure, Fault, MusicResult, Phase, TaskScript
from gui.providers import PROVIDER_IDS
from gui.storage.ledger import Ledger
from tests.engine_helpers import fake_server, fast, files_containing, running_engine, wait_for

pytestmark = pytest.mark.asyncio

FOREVER = TaskScript([Phase("running")])

TIMELINES: dict[str, tuple[TaskScript, list[TaskState]]] = {
    "mountsea-suno": (
        TaskScript(
            [
                Phase("queued", 0.3),
                Phase("running", 0.3),
                Phase("streaming", 0.3),
                Phase("succeeded"),
            ],
            result=MusicResult(titles=["Neon Rain"], clips=2),
        ),
        [TaskState.QUEUED, TaskState.RUNNING, TaskState.STREAMING, TaskState.SUCCEEDED],
    ),
    "mountsea-producer": (
        TaskScript(
            [Phase("queued", 0.3), Phase("running", 0.3), Phase("failed")],
            failure=Failure("Prompt rejected", trace_id="trace-123"),
        ),
        [TaskState.QUEUED, TaskState.RUNNING, TaskState.FAILED],
    ),
    "sunor": (
        TaskScript([Phase("queued", 0.3), Phase("running", 0.3), Phase("timed_out")]),
        [TaskState.QUEUED, TaskState.RUNNING, TaskState.TIMED_OUT],
    ),
    "crun": (
        TaskScript([Phase("queued", 0.3), Phase("running", 0.3), Phase("succeeded")]),
        [TaskState.QUEUED, TaskState.RUNNING, TaskState.SUCCEEDED],
    ),
}


def is_subsequence(seen: list[TaskState], expected: list[TaskState]) -> bool:
    remaining = iter(expected)
    return all(state in remaining for state in seen)


async def test_every_provider_follows_its_timeline_to_the_right_end(tmp_path: Path) -> None:
    with fake_server() as server:
        for provider_id, (script, _states) in TIMELINES.items():
            server.add_task(provider_id, f"t-{provider_id}", script)  # type: ignore[arg-type]
        async with running_engine(server, tmp_path / "ledger.db") as h:
            for provider_id in TIMELINES:
                added_task, created = h.engine.add(provider_id, f"t-{provider_id}")
                assert created and added_task.next_poll_at is not None
            await wait_for(lambda: all(t.watch is Watch.DONE for t in h.engine.tasks), 3.0)
            for provider_id, (_script, states) in TIMELINES.items():
                task = h.engine.get((provider_id, f"t-{provider_id}"))
                assert task is not None
                assert task.state is states[-1] and task.next_poll_at is None
                seen = [entry.state for entry in task.history]
                assert seen[-1] is states[-1] and is_subsequence(seen, states), seen
                assert len(seen) >= 2  # it was seen working before it ended
                # One "state changed" update per history entry, and one TaskAdded.
                changes = [e for e in h.updates(task.key) if e.state_changed]
                assert [e.task.state for e in changes] == seen
                added = [e for e in h.events if isinstance(e, TaskAdded) and e.task.key == task.key]
                assert len(added) == 1
                # The ledger holds the same, with the history.
                stored = h.ledger.get(task.key)
                assert stored is not None and stored.history == task.history
                assert stored.watch is Watch.DONE
            suno = h.engine.get(("mountsea-suno", "t-mountsea-suno"))
            assert suno is not None and suno.snapshot is not None
            assert suno.title == "Neon Rain" and len(suno.snapshot.clips) == 2
            producer = h.engine.get(("mountsea-producer", "t-mountsea-producer"))
            assert producer is not None and producer.snapshot is not None
            assert producer.snapshot.error is not None
            assert producer.snapshot.error.trace_id == "trace-123"
            # Terminal tasks are not polled again.
            count = len(server.requests)
            await asyncio.sleep(0.3)
            assert len(server.requests) == count


async def test_adding_twice_tracks_once(tmp_path: Path) -> None:
    with fake_server() as server:
        server.add_task("sunor", "dup", FOREVER)
        async with running_engine(server, tmp_path / "ledger.db") as h:
            first, created = h.engine.add("sunor", "dup")
            again, created_again = h.engine.add("sunor", "dup")
            assert created and not created_again and again.key == first.key
            assert len(h.engine.tasks) == 1 and len(h.ledger) == 1


async def test_the_first_poll_comes_at_once_and_the_first_delay_is_not_waited(
    tmp_path: Path,
) -> None:
    # A pasted ID is an existing task (it may have finished long ago): it is checked at once,
    # even for crun, whose advice is "wait one interval before the first poll". Its pacing
    # applies from the first answer on.
    policies = fast()
    policies["crun"] = fast(first_delay=0.5, initial_interval=0.5, max_interval=0.5)["crun"]
    with fake_server() as server:
        server.add_task("mountsea-suno", "soon", FOREVER)
        server.add_task("crun", "later", FOREVER)
        async with running_engine(server, tmp_path / "ledger.db", policies=policies) as h:
            started = time.monotonic()
            h.engine.add("mountsea-suno", "soon")
            h.engine.add("crun", "later")
            await wait_for(lambda: len(h.requests_for("later")) >= 2, 2.0)
            soon, later = h.requests_for("soon")[0], h.requests_for("later")
            assert soon - started <= 0.2
            assert later[0] - started <= 0.2
            assert 0.45 <= later[1] - later[0] <= 0.8


async def test_a_young_task_is_asked_sparsely_up_to_the_maximum_interval(tmp_path: Path) -> None:
    # Tasks like it take about a minute (the documented range): while a finish is unlikely
    # the schedule waits as long as the provider's maximum interval allows (schedule.py).
    policies = fast(initial_interval=0.1, backoff=2.0, max_interval=0.4)
    with fake_server() as server:
        server.add_task("mountsea-suno", "young", FOREVER)
        async with running_engine(server, tmp_path / "ledger.db", policies=policies) as h:
            h.engine.add("mountsea-suno", "young")
            await wait_for(lambda: len(h.requests_for("young")) >= 4, 3.0)
        times = h.requests_for("young")
        gaps = [b - a for a, b in itertools.pairwise(times)]
        # 0.4 s each, jittered down by up to 5% (plus a little latency); no back-off steps.
        assert all(0.37 <= gap <= 0.48 for gap in gaps[:3]), gaps


async def test_a_user_interval_sets_a_fixed_pace(tmp_path: Path) -> None:
    with fake_server() as server:
        server.add_task("sunor", "steady", FOREVER)
        async with running_engine(
            server, tmp_path / "ledger.db", interval=lambda a: 0.25 if a == "sunor" else None
        ) as h:
            started = time.monotonic()
            h.engine.add("sunor", "steady")
            await wait_for(lambda: len(h.requests_for("steady")) >= 4, 2.0)
        times = h.requests_for("steady")
        assert times[0] - started <= 0.2  # the first check at once, then the fixed pace
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert all(0.22 <= gap <= 0.35 for gap in gaps[:3]), gaps


async def test_jitter_spreads_tasks_added_together(tmp_path: Path) -> None:
    # Checked at once when added (the budget spreads those); after the first answer the
    # provider's pace, jittered, so tasks added together do not poll in lockstep.
    with fake_server() as server:
        for i in range(50):
            server.add_task("sunor", f"j{i}", FOREVER)
        async with running_engine(
            server, tmp_path / "ledger.db", policies=fast(initial_interval=1.0, max_interval=1.0)
        ) as h:
            for i in range(50):
                h.engine.add("sunor", f"j{i}")
            await wait_for(lambda: all(t.poll_count == 1 for t in h.engine.tasks), 2.0)
            tasks = h.engine.tasks
            # Measured from each task's own answer, so a slow machine cannot skew it.
            delays = [(t.next_poll_at or 0.0) - (t.last_polled_at or 0.0) for t in tasks]
            # Jittered down by up to 5%: never past the maximum, still not in lockstep.
            assert all(0.94 <= d <= 1.0 for d in delays)
            assert len({round(d, 4) for d in delays}) > 40
            assert statistics.pstdev(delays) > 0.01


async def test_all_tasks_share_one_client_and_its_connections(tmp_path: Path) -> None:
    with fake_server() as server:
        for i in range(20):
            server.add_task("mountsea-suno", f"c{i}", FOREVER)
        async with running_engine(server, tmp_path / "ledger.db") as h:
            for i in range(20):
                h.engine.add("mountsea-suno", f"c{i}")
            await wait_for(lambda: len(server.requests) >= 100, 3.0)
        # Kept-alive connections of one pool, not a connection per task or per poll.
        assert server.connections_accepted <= 25 < len(server.requests)


async def test_pause_and_resume_one_task(tmp_path: Path) -> None:
    with fake_server() as server:
        server.add_task("sunor", "p", FOREVER)
        server.add_task("sunor", "other", FOREVER)
        async with running_engine(server, tmp_path / "ledger.db") as h:
            h.engine.add("sunor", "p")
            h.engine.add("sunor", "other")
            await wait_for(lambda: len(h.requests_for("p")) >= 2)
            h.engine.pause(("sunor", "p"))
            paused = h.engine.get(("sunor", "p"))
            assert paused is not None and paused.watch is Watch.PAUSED
            assert paused.next_poll_at is None and paused.state is TaskState.RUNNING
            stored = h.ledger.get(("sunor", "p"))
            assert stored is not None and stored.watch is Watch.PAUSED
            await asyncio.sleep(0.05)  # a request already on the wire may still land
            count, others = len(h.requests_for("p")), len(h.requests_for("other"))
            await asyncio.sleep(0.4)
            assert len(h.requests_for("p")) == count  # no poll while paused
            assert len(h.requests_for("other")) > others  # the other task goes on
            h.engine.resume(("sunor", "p"))
            resumed = h.engine.get(("sunor", "p"))
            assert resumed is not None and resumed.watch is Watch.ACTIVE
            await wait_for(lambda: len(h.requests_for("p")) > count)


async def test_poll_now_asks_at_once(tmp_path: Path) -> None:
    slow = fast(first_delay=5.0, initial_interval=5.0, max_interval=5.0)
    with fake_server() as server:
        server.add_task("crun", "now", FOREVER)
        async with running_engine(server, tmp_path / "ledger.db", policies=slow) as h:
            h.engine.add("crun", "now")
            h.engine.poll_now(("crun", "now"))
            await wait_for(lambda: len(h.requests_for("now")) == 1, 0.5)
            h.engine.poll_now(("crun", "now"))  # (maybe while the first is still answering)
            await wait_for(lambda: h.engine.get(("crun", "now")).poll_count == 2, 0.5)  # type: ignore[union-attr]
            assert len(h.requests_for("now")) == 2
            task = h.engine.get(("crun", "now"))
            assert task is not None and task.poll_count == 2
            assert task.next_poll_at is not None and task.next_poll_at > time.time() + 3


async def test_poll_now_on_a_paused_task_resumes_and_polls_it(tmp_path: Path) -> None:
    # Regression: poll_now wrote back the paused copy it had read, undoing its own resume.
    slow = fast(first_delay=5.0, initial_interval=5.0, max_interval=5.0)
    with fake_server() as server:
        server.add_task("mountsea-producer", "pp", FOREVER)
        async with running_engine(server, tmp_path / "ledger.db", policies=slow) as h:
            key = ("mountsea-producer", "pp")
            h.engine.add(*key)
            h.engine.pause(key)
            h.engine.poll_now(key)
            await wait_for(lambda: len(h.requests_for("pp")) == 1, 0.5)
            task = h.engine.get(key)
            assert task is not None and task.watch is Watch.ACTIVE
            stored = h.ledger.get(key)
            assert stored is not None and stored.watch is Watch.ACTIVE


async def test_poll_now_never_beats_the_per_task_floor(tmp_path: Path) -> None:
    # sunor: at most one request per second per task, even when the user keeps clicking.
    policies = fast(min_task_interval=0.3)
    from gui.fake_provider import RateLimits

    with fake_server(RateLimits(sunor_task_interval=0.3)) as server:
        server.add_task("sunor", "click", FOREVER)
        async with running_engine(server, tmp_path / "ledger.db", policies=policies) as h:
            h.engine.add("sunor", "click")
            for _ in range(50):
                h.engine.poll_now(("sunor", "click"))
                await asyncio.sleep(0.02)
        times = h.requests_for("click")
        assert len(times) >= 3
        assert all(b - a >= 0.3 for a, b in itertools.pairwise(times))
        assert [v for v in server.violations if v.kind == "task_rate"] == []


async def test_poll_now_on_a_finished_task_does_nothing(tmp_path: Path) -> None:
    with fake_server() as server:
        server.add_task("crun", "fin", TaskScript([Phase("succeeded")]))
        async with running_engine(server, tmp_path / "ledger.db") as h:
            h.engine.add("crun", "fin")
            await wait_for(lambda: h.engine.get(("crun", "fin")).watch is Watch.DONE)  # type: ignore[union-attr]
            h.engine.poll_now(("crun", "fin"))
            await asyncio.sleep(0.2)
            task = h.engine.get(("crun", "fin"))
            assert task is not None and task.watch is Watch.DONE and task.next_poll_at is None
            assert len(h.requests_for("fin")) == 1


async def test_pause_all_and_resume_all(tmp_path: Path) -> None:
    with fake_server() as server:
        for provider_id in PROVIDER_IDS:
            server.add_task(provider_id, f"all-{provider_id}", FOREVER)  # type: ignore[arg-type]
        async with running_engine(server, tmp_path / "ledger.db") as h:
            for provider_id in PROVIDER_IDS:
                h.engine.add(provider_id, f"all-{provider_id}")
            await wait_for(lambda: all(t.poll_count >= 1 for t in h.engine.tasks))
            h.engine.pause_all()
            assert all(t.watch is Watch.PAUSED for t in h.engine.tasks)
            await asyncio.sleep(0.05)  # a request already on the wire may still land
            count = len(server.requests)
            await asyncio.sleep(0.3)
            assert len(server.requests) == count
            h.engine.resume_all()
            assert all(t.watch is Watch.ACTIVE for t in h.engine.tasks)
            polled = {t.key: t.poll_count for t in h.engine.tasks}
            await wait_for(lambda: all(t.poll_count > polled[t.key] for t in h.engine.tasks))


async def test_remove_and_restore_keep_the_history(tmp_path: Path) -> None:
    script = TaskScript([Phase("queued", 0.2), Phase("running", 0.5), Phase("succeeded")])
    with fake_server() as server:
        server.add_task("mountsea-suno", "undo", script)
        async with running_engine(server, tmp_path / "ledger.db") as h:
            key = ("mountsea-suno", "undo")
            h.engine.add(*key)
            await wait_for(lambda: h.engine.get(key).state is TaskState.RUNNING)  # type: ignore[union-attr]
            removed = h.engine.remove(key)
            assert removed is not None
            assert [e.state for e in removed.history] == [TaskState.QUEUED, TaskState.RUNNING]
            assert h.engine.get(key) is None and h.ledger.get(key) is None
            assert any(isinstance(e, TaskRemoved) and e.task.key == key for e in h.events)
            await asyncio.sleep(0.05)
            count = len(h.requests_for("undo"))
            await asyncio.sleep(0.25)
            assert len(h.requests_for("undo")) == count  # no longer polled

            h.engine.restore(removed)
            restored = h.engine.get(key)
            assert restored is not None and restored.history == removed.history
            stored = h.ledger.get(key)
            assert stored is not None and stored.history == removed.history
            assert sum(isinstance(e, TaskAdded) and e.task.key == key for e in h.events) == 2
            await wait_for(lambda: h.engine.get(key).watch is Watch.DONE, 2.0)  # type: ignore[union-attr]
            done = h.engine.get(key)
            assert done is not None
            assert [e.state for e in done.history] == [
                TaskState.QUEUED,
                TaskState.RUNNING,
                TaskState.SUCCEEDED,
            ]
            stored = h.ledger.get(key)
            assert stored is not None and stored.history == done.history
            h.engine.restore(removed)  # restoring what is tracked again is a no-op
            assert len(h.ledger) == 1


async def test_close_cancels_and_awaits_every_poll(tmp_path: Path) -> None:
    with fake_server() as server:
        server.inject(Fault("timeout", hold=30), account="sunor")  # every request hangs
        async with running_engine(server, tmp_path / "ledger.db") as h:
            for i in range(5):
                server.add_task("sunor", f"hang{i}", FOREVER)
                h.engine.add("sunor", f"hang{i}")
            await wait_for(lambda: len(server.requests) >= 5)
            h.engine.pause(("sunor", "hang0"))  # cancelled, maybe still unwinding
            started = time.monotonic()
            await h.engine.close()
            assert time.monotonic() - started < 1.0
            polls = [t for t in asyncio.all_tasks() if t.get_name().startswith("poll ")]
            assert polls == []
            h.engine.add("sunor", "late")  # a closed engine records but does not poll
            assert [t for t in asyncio.all_tasks() if t.get_name().startswith("poll ")] == []


async def test_restart_resumes_unfinished_tasks_where_they_left_off(tmp_path: Path) -> None:
    ledger_path = tmp_path / "ledger.db"
    slow_second = fast(initial_interval=0.6, max_interval=0.6)
    with fake_server() as server:
        server.add_task("sunor", "finishes", TaskScript([Phase("succeeded")]))
        server.add_task("sunor", "paused", FOREVER)
        server.add_task("sunor", "long", TaskScript([Phase("running", 1.0), Phase("succeeded")]))
        async with running_engine(server, ledger_path, policies=slow_second) as first:
            for task_id in ("finishes", "paused", "long"):
                first.engine.add("sunor", task_id)
            await wait_for(lambda: all(t.poll_count == 1 for t in first.engine.tasks))
            first.engine.pause(("sunor", "paused"))
            before = first.engine.get(("sunor", "long"))
        assert before is not None and before.next_poll_at is not None
        counts = {task_id: len(first.requests_for(task_id)) for task_id in ("finishes", "paused")}
        first_long = first.requests_for("long")

        async with running_engine(server, ledger_path, policies=slow_second) as second:
            loaded = {t.task_id: t for t in second.engine.tasks}
            # A task finished before the restart stays in the ledger (100 000 of them would
            # fill memory) and is read in full when asked for.
            assert set(loaded) == {"paused", "long"}
            finished = second.engine.get(("sunor", "finishes"))
            assert finished is not None and finished.watch is Watch.DONE
            assert finished.snapshot is not None and len(finished.history) == 1
            assert loaded["paused"].watch is Watch.PAUSED
            assert loaded["long"].history == before.history
            await wait_for(lambda: second.engine.get(("sunor", "long")).watch is Watch.DONE, 2.5)  # type: ignore[union-attr]
            long = second.engine.get(("sunor", "long"))
            assert long is not None
            assert [e.state for e in long.history] == [TaskState.RUNNING, TaskState.SUCCEEDED]
            assert long.poll_count >= 2  # counting on from where it was
            # Where it left off: not before the poll the first engine had scheduled.
            second_polls = second.requests_for("long")[len(first_long) :]
            assert second_polls
            # (server times are monotonic, the schedule is wall-clock: compare the delays)
            assert second_polls[0] - first_long[-1] >= 0.6 * 0.9 - 0.02
            for task_id, count in counts.items():
                assert len(second.requests_for(task_id)) == count  # done / paused: untouched


async def test_start_only_resumes_the_given_tasks(tmp_path: Path) -> None:
    ledger_path = tmp_path / "ledger.db"
    ledger = Ledger(ledger_path)
    ledger.add("sunor", "mine")
    ledger.add("sunor", "not-mine")
    ledger.close()
    with fake_server() as server:
        server.add_task("sunor", "mine", FOREVER)
        server.add_task("sunor", "not-mine", FOREVER)
        async with running_engine(server, ledger_path, start=False) as h:
            h.engine.start(only={("sunor", "mine")})
            assert len(h.engine.tasks) == 2
            await wait_for(lambda: len(h.requests_for("mine")) >= 2)
            assert h.requests_for("not-mine") == []


async def test_a_broken_follower_does_not_stop_polling(tmp_path: Path) -> None:
    def broken(_event: object) -> None:
        raise RuntimeError("follower bug")

    with fake_server() as server:
        server.add_task("crun", "f", TaskScript([Phase("running", 0.2), Phase("succeeded")]))
        async with running_engine(server, tmp_path / "ledger.db") as h:
            h.engine.subscribe(broken)
            h.engine.add("crun", "f")
            await wait_for(lambda: h.engine.get(("crun", "f")).watch is Watch.DONE)  # type: ignore[union-attr]


async def test_the_api_key_never_reaches_the_ledger(tmp_path: Path) -> None:
    secret = "sk-live-SECRET-8f3a1c77d2"
    ledger_path = tmp_path / "ledger.db"
    with fake_server() as server:
        server.set_key("sunor", secret)
        server.add_task("sunor", "k1", TaskScript([Phase("running", 0.2), Phase("succeeded")]))
        server.add_task("sunor", "k2", FOREVER)
        server.inject(Fault("malformed"), task_id="k2", times=1)
        server.inject(Fault("500"), task_id="k2", times=1, delay=0.0)
        keys: dict[str, str | None] = {"sunor": secret}
        async with running_engine(server, ledger_path, keys=keys) as h:
            h.engine.add("sunor", "k1")
            h.engine.add("sunor", "k2")
            await wait_for(lambda: h.engine.get(("sunor", "k1")).watch is Watch.DONE)  # type: ignore[union-attr]
            await wait_for(lambda: len(h.requests_for("k2")) >= 3)
            # A refused key too: its error text must not echo the key either.
            server.set_key("sunor", "another")
            await wait_for(lambda: h.engine.account_problem("sunor") is not None)
            assert server.requests[0].headers.get("x-api-key") == secret  # it was really sent
            assert any(p.name.endswith("-wal") for p in tmp_path.iterdir())  # noqa: ASYNC240
            assert files_containing(tmp_path, secret) == []
        assert files_containing(tmp_path, secret) == []
        assert not any(
            isinstance(e, AccountProblem) and e.message and secret in e.message for e in h.events
        )
        assert not any(
            isinstance(e, TaskUpdated) and e.task.problem and secret in e.task.problem
            for e in h.events
        )


async def test_a_follower_may_remove_a_task_from_inside_an_update(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # e.g. a window that drops finished-but-unwanted rows as soon as they change
    with fake_server() as server:
        server.add_task("sunor", "gone", FOREVER)
        server.add_task("sunor", "stays", FOREVER)
        async with running_engine(server, tmp_path / "ledger.db") as h:

            def remove_on_first_answer(event: object) -> None:
                if isinstance(event, TaskUpdated) and event.task.task_id == "gone":
                    h.engine.remove(event.task.key)

            h.engine.subscribe(remove_on_first_answer)
            h.engine.add("sunor", "gone")
            h.engine.add("sunor", "stays")
            await wait_for(lambda: h.engine.get(("sunor", "gone")) is None)
            await wait_for(lambda: h.engine.get(("sunor", "stays")).poll_count >= 3)  # type: ignore[union-attr]
            assert h.ledger.get(("sunor", "gone")) is None
            assert len(h.requests_for("gone")) == 1
    assert [r for r in caplog.records if r.levelname == "ERROR"] == []
