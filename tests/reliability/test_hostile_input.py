"""Hostile input anywhere a stranger's bytes enter — a typed error or a sane value, never a
crash: payloads served over real HTTP in each provider's shape (random leaves, titles with bidi
characters, script URLs, numbers of the wrong type, megabyte strings, deep nesting) through the
one status path into a real ledger file and file names; pasted text; file-name templates; media
links at the gate; and single-instance hand-over messages.

Examples are kept modest (TUNEWATCH_HYPOTHESIS_EXAMPLES raises them) so the suite stays fast."""

from __future__ import annotations

import asyncio
import json
import os
import threading
import unicodedata
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pathvalidate import validate_filename

from gui.domain.errors import ProviderError
from gui.domain.model import TaskSnapshot
from gui.domain.paste import parse_pasted
from gui.domain.task_ids import validate_task_id
from gui.domain.urls import is_private_address
from gui.media.media_gate import RefusedMediaUrl, admit_literal
from gui.media.naming import file_stem, parse_template, template_values
from gui.polling.status_check import check_status
from gui.providers import PROVIDER_IDS, get_provider
from gui.storage.ledger import Ledger
from gui.ui.single_instance import decode_message
from tests.test_providers_property import SHAPED, json_values

EXAMPLES = int(os.environ.get("TUNEWATCH_HYPOTHESIS_EXAMPLES", "40"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
KEY = "sk-hostile-input-key-31337"

BIDI = "\u202e\u2066\u2067\u2068\u2069\u200f\u061c\ufeff"
hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(
        alphabet=st.sampled_from(list('ab./\\:*?"<>|') + list(BIDI) + ["\x00", "\n"]), max_size=40
    ),
    st.sampled_from(
        ["../../etc/passwd", "CON", "nul.txt", " .", "x" * 300, "\ud800", f"key {KEY}"]
    ),
)


def deep(depth: int) -> bytes:
    return b'{"data": ' * depth + b"1" + b"}" * depth


MEGABYTE = {"code": 200, "data": {"status": "success", "output": {"title": "x" * 3_000_000}}}


class Gateway:
    """A loopback HTTP server answering whatever the test put in `answer`."""

    def __init__(self) -> None:
        self.answer: tuple[int, bytes] = (200, b"{}")
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                status, body = outer.answer
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()
        self.loop = asyncio.new_event_loop()
        self.client = self.loop.run_until_complete(_client())

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def check(self, provider_id: str, status: int, body: bytes) -> TaskSnapshot | ProviderError:
        self.answer = (status, body)
        provider = get_provider(provider_id)
        try:
            result = self.loop.run_until_complete(
                check_status(self.client, provider, self.url, "task-1", KEY)
            )
        except ProviderError as error:
            return error
        return result.snapshot

    def close(self) -> None:
        self.loop.run_until_complete(self.client.aclose())
        self.loop.close()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


async def _client() -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=10)


@pytest.fixture(scope="module")
def gateway() -> Iterator[Gateway]:
    served = Gateway()
    try:
        yield served
    finally:
        served.close()


def shown_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from shown_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from shown_strings(item)


def assert_sane(snapshot: TaskSnapshot, ledger_path: Path) -> None:
    for text in shown_strings(snapshot.to_json()):
        assert not [
            c for c in text if unicodedata.category(c) in ("Cf", "Cs") and c not in "\u200c\u200d"
        ]
        assert KEY not in text
    assert KEY not in json.dumps(snapshot.raw)
    ledger = Ledger(ledger_path)
    try:
        task, _ = ledger.add(snapshot.provider, "task-1")
        ledger.save(task.with_changes(snapshot=snapshot))
        stored = ledger.get(task.key)
    finally:
        ledger.close()
    assert stored is not None and stored.snapshot == snapshot
    template = parse_template("{title} - {clip_id8} {model} {date} {n}")
    for position, clip in enumerate(snapshot.clips):
        name = file_stem(template, template_values(snapshot, clip, position)) + ".mp3"
        validate_filename(name, platform="universal")
        assert len(name.encode()) <= 255


@pytest.mark.parametrize("provider_id", PROVIDER_IDS)
@SETTINGS
@given(data=st.data(), status=st.sampled_from([200, 200, 200, 400, 401, 404, 429, 500, 502]))
def test_served_payloads_give_a_snapshot_or_a_typed_error(
    gateway: Gateway, tmp_path: Path, provider_id: str, data: st.DataObject, status: int
) -> None:
    payload = data.draw(st.one_of(SHAPED[provider_id], json_values), label="payload")
    body = json.dumps(payload).replace('"Summer Days"', json.dumps(f"Summer{BIDI}Days {KEY}"))
    outcome = gateway.check(provider_id, status, body.encode())
    if isinstance(outcome, ProviderError):
        assert outcome.message and KEY not in outcome.message
        return
    assert_sane(outcome, tmp_path / f"{provider_id}-{abs(hash(body))}.sqlite3")


@pytest.mark.parametrize("provider_id", PROVIDER_IDS)
@pytest.mark.parametrize(
    "body",
    [deep(50_000), json.dumps(MEGABYTE).encode(), b"\xff\xfe" * 1000, b"[" * 200_000, b""],
    ids=["deep-nesting", "megabyte-string", "not-utf8", "open-brackets", "empty"],
)
def test_extreme_bodies_are_a_typed_error_or_a_sane_snapshot(
    gateway: Gateway, tmp_path: Path, provider_id: str, body: bytes
) -> None:
    outcome = gateway.check(provider_id, 200, body)
    if isinstance(outcome, TaskSnapshot):
        assert_sane(outcome, tmp_path / "tasks.sqlite3")
    else:
        assert outcome.message


@SETTINGS
@given(text=st.one_of(st.text(max_size=300), hostile_text, json_values.map(json.dumps)))
@example(f"curl -H 'x-api-key: {KEY}' https://api.sunor.cc/api/v1/task/abc-123")
@example('{"ids": [' * 500 + "]" * 500)
def test_pasted_text_gives_valid_ids_and_never_a_key(text: str) -> None:
    pasted = parse_pasted(text, secrets=frozenset({KEY}))
    for task_id in pasted.ids:
        assert validate_task_id(task_id) == task_id
        assert KEY not in task_id
    assert all(isinstance(line, str) for line in pasted.invalid)


@SETTINGS
@given(
    template=st.one_of(
        st.text(max_size=60),
        st.sampled_from(["{title}", "{", "}", "{x}", "{title!r}", "{title:>999}"]),
    ),
    title=hostile_text,
)
def test_any_template_is_a_sentence_or_a_safe_name(template: str, title: str) -> None:
    try:
        parsed = parse_template(template)
    except ValueError as error:
        assert str(error)
        return
    values = {name: title for _literal, name in parsed.parts if name}
    name = file_stem(parsed, values)
    validate_filename(name, platform="universal")
    assert not [c for c in name if unicodedata.category(c) == "Cf" and c != "\u200d"]


hosts = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"[0-9a-fA-FxX.]{1,20}", fullmatch=True),
    st.ip_addresses().map(lambda a: f"[{a}]" if a.version == 6 else str(a)),
    st.integers(0, 2**32 - 1).map(str),
)


@SETTINGS
@given(host=hosts, scheme=st.sampled_from(["http", "https", "ftp", "javascript"]))
def test_the_media_gate_refuses_or_admits_a_checked_address(host: str, scheme: str) -> None:
    try:
        admitted = admit_literal(f"{scheme}://{host}/a.mp3", allow_local=False)
    except RefusedMediaUrl as refused:
        assert refused.message
        return
    if admitted is not None:
        assert all(not is_private_address(a) for a in admitted.addresses)


@SETTINGS
@given(
    line=st.one_of(
        st.binary(max_size=200), json_values.map(lambda v: json.dumps({"ids": v}).encode())
    )
)
@example(b'{"ids": [null, 1e999, NaN, "ok"]}')
def test_any_hand_over_message_is_ignored_or_strings_only(line: bytes) -> None:
    message = decode_message(line + b"\n")
    if message is not None:
        assert isinstance(message["provider"], str)
        assert isinstance(message["ids"], list) and all(isinstance(i, str) for i in message["ids"])
