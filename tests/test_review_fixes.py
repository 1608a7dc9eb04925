"""Regressions from the pre-release review: keys that cannot be sent, payloads that cannot be
stored, pasted command lines, redirects of cover art, and a poller that must not die."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest

from gui.domain.errors import AuthError
from gui.domain.model import TaskSnapshot
from gui.domain.paste import parse_pasted
from gui.domain.states import TaskState
from gui.fake_provider import FakeProviderServer, MusicResult, Phase, TaskScript
from gui.media.cover_cache import CoverUnavailableError, fetch_cover
from gui.polling.status_check import check_status, make_client
from gui.providers import get_provider
from gui.storage.credentials import CredentialStore
from gui.storage.key_rules import InvalidKeyError
from gui.storage.ledger import Ledger
from tests.ui_helpers import InMemoryKeyring


@pytest.mark.parametrize("key", ["sk-SECRET\nabc", "sk-SECRET\u200babc", "sk SECRET"])
def test_a_key_that_cannot_be_sent_is_refused_when_stored(key: str) -> None:
    store = CredentialStore(InMemoryKeyring(), env={})
    with pytest.raises(InvalidKeyError) as refused:
        store.set_key_sync("sunor", key)
    assert "SECRET" not in str(refused.value)


def test_such_a_key_in_the_environment_is_reported_without_being_used() -> None:
    store = CredentialStore(InMemoryKeyring(), env={"TUNEWATCH_KEY_SUNOR": "sk-SECRET\u200babc"})
    lookup = store.get_key_sync("sunor")
    assert lookup.key is None
    assert lookup.problem is not None and "TUNEWATCH_KEY_SUNOR" in lookup.problem
    assert "SECRET" not in lookup.problem


@pytest.mark.asyncio
@pytest.mark.parametrize("key", ["sk-SECRET\nabc", "sk-SECRET\u200babc"])
async def test_a_bad_key_reaching_the_request_is_an_auth_error_that_never_quotes_it(
    key: str,
) -> None:
    with FakeProviderServer() as server:
        server.add_task("sunor", "t-1", TaskScript([Phase("succeeded")], MusicResult(clips=1)))
        async with make_client() as client:
            with pytest.raises(AuthError) as refused:
                await check_status(client, get_provider("sunor"), server.base_url, "t-1", key)
    assert "SECRET" not in refused.value.describe()


def test_a_lone_surrogate_in_a_payload_is_stored_and_read_back(tmp_path: Path) -> None:
    body = b'{"code":200,"data":{"status":"success","type":"music","output":{"result":[{"id":"c1","title":"x\\ud800y","audio_url":"https://cdn1.suno.ai/c1.mp3"}]}}}'
    snapshot = get_provider("sunor").parse_status("t-1", 200, {}, body)
    assert snapshot.state is TaskState.SUCCEEDED and snapshot.title == "xy"
    ledger = Ledger(tmp_path / "l.sqlite3")
    task, _ = ledger.add("sunor", "t-1")
    ledger.save(task.with_changes(snapshot=snapshot))  # raised UnicodeEncodeError before
    loaded = ledger.get(task.key)
    assert loaded is not None and isinstance(loaded.snapshot, TaskSnapshot)
    assert loaded.snapshot.title == "xy"


def test_a_pasted_curl_command_yields_the_id_and_never_the_key() -> None:
    command = 'curl -H "x-api-key: sk-live-abc123" https://sunor.cc/api/v1/task/f47ac10b-58cc'
    pasted = parse_pasted(command, frozenset({"sk-live-abc123"}))
    assert pasted.ids == ["f47ac10b-58cc"]
    assert any("API key" in reason for reason in pasted.invalid)
    assert parse_pasted("GET https://api.mountsea.ai/suno/v2/status?taskId=task_17 200").ids == [
        "task_17"
    ]


def test_deeply_nested_json_is_read_as_text_not_a_crash() -> None:
    pasted = parse_pasted("[" * 100_000)
    assert pasted.ids == [] and pasted.invalid


def is_empty(folder: Path) -> bool:
    return not any(folder.iterdir())


@pytest.mark.asyncio
async def test_cover_art_redirected_to_a_private_address_is_refused(tmp_path: Path) -> None:
    def redirect(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "http://192.168.1.1/admin.jpg"})

    async def public(host: str, port: int) -> list[str]:
        return ["93.184.216.34"]  # cdn2.suno.ai without DNS: the refusal is the redirect's

    async with httpx.AsyncClient(transport=httpx.MockTransport(redirect)) as client:
        with pytest.raises(CoverUnavailableError, match="local or private"):
            await fetch_cover(
                client, tmp_path, "https://cdn2.suno.ai/image_c1.jpeg", False, resolve=public
            )
    assert is_empty(tmp_path)


@pytest.mark.asyncio
async def test_a_failure_inside_the_poll_loop_is_reported_and_retried(tmp_path: Path) -> None:
    from gui.polling.engine import Engine
    from gui.providers.base import PollPolicy

    fast = PollPolicy(
        first_delay=0.01,
        initial_interval=0.05,
        max_interval=0.1,
        backoff=1.0,
        give_up_after=60,
        min_task_interval=0.01,
    )
    with FakeProviderServer() as server:
        server.add_task("sunor", "t-1", TaskScript([Phase("succeeded")], MusicResult(clips=1)))
        ledger = Ledger(tmp_path / "l.sqlite3")
        async with make_client() as client:

            async def key(_account: str) -> str:
                return server.key("sunor")

            from gui.polling.engine import AccountConfig

            engine = Engine(
                ledger,
                client,
                key,
                lambda _a: AccountConfig(base_url=server.base_url),
                policies={"sunor": fast},
            )
            real_save, calls = ledger.save, []

            def flaky_save(task: object, history: object = ()) -> None:
                calls.append(1)
                if len(calls) == 2:  # the first poll's answer: the disk "fills up" once
                    raise OSError("disk full")
                real_save(task, history)  # type: ignore[arg-type]

            ledger.save = flaky_save  # type: ignore[method-assign, assignment]
            engine.start()
            engine.add("sunor", "t-1")
            for _ in range(200):
                task = engine.get(("sunor", "t-1"))
                if task is not None and task.state is TaskState.SUCCEEDED:
                    break
                await asyncio.sleep(0.05)
            await engine.close()
        ledger.save = real_save  # type: ignore[method-assign]
        stored = ledger.get(("sunor", "t-1"))
        ledger.close()
    assert stored is not None and stored.state is TaskState.SUCCEEDED
    assert json.dumps(stored.snapshot.to_json() if stored.snapshot else {})
