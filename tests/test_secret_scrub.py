"""A gateway that echoes the request puts the account's key in its answer: it never reaches
the snapshot, its raw JSON ("Copy raw JSON"), the ledger file or the CLI's output.

The echoing gateway is a real loopback HTTP server answering sunor's wire format with the
`x-api-key` it received copied into the title, the error text, a URL and the raw answer."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from gui.domain.model import raw_value
from gui.domain.secret_scrub import REMOVED, scrub_snapshot
from gui.polling.status_check import check_status
from gui.providers import get_provider
from gui.storage.ledger import Ledger

KEY = "sk-canary-4f1c9e2b7a"
TASK = "f47ac10b-58cc-4372-a567-0e02b2c3d479"


def echoed_answer(key: str) -> bytes:
    return json.dumps(
        {
            "code": 200,
            "data": {
                "task_id": TASK,
                "type": "music",
                "status": "success",
                "debug": {"request_headers": {"x-api-key": key}, key: "as a key too"},
                "output": {
                    "task_type": "music",
                    "status": "success",
                    "result": [
                        {
                            "id": "clip-1",
                            "title": f"Song for {key}",
                            "audio_url": f"https://cdn.example.com/a.mp3?k={quote(key)}",
                            "tags": f"pop, {key}",
                        }
                    ],
                },
            },
        }
    ).encode()


@pytest.fixture
def echoing_gateway() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            body = echoed_answer(self.headers.get("x-api-key", ""))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.mark.asyncio
async def test_an_echoed_key_is_scrubbed_from_snapshot_raw_json_and_ledger(
    echoing_gateway: str, tmp_path: Path
) -> None:
    async with httpx.AsyncClient() as client:
        result = await check_status(client, get_provider("sunor"), echoing_gateway, TASK, KEY)
    snapshot = result.snapshot
    shown = json.dumps(snapshot.to_json())
    copied = json.dumps(raw_value(snapshot.raw))  # what "Copy raw JSON" puts on the clipboard
    assert KEY not in shown and quote(KEY) not in shown
    assert KEY not in copied and REMOVED in copied
    assert snapshot.clips[0].title == f"Song for {REMOVED}"
    ledger = Ledger(tmp_path / "tasks.sqlite3")
    task, _ = ledger.add("sunor", TASK)
    ledger.save(task.with_changes(snapshot=snapshot))
    ledger.close()
    assert files_containing(tmp_path, KEY) == []


def files_containing(folder: Path, text: str) -> list[str]:
    return [p.name for p in folder.iterdir() if text.encode() in p.read_bytes()]


def test_a_clean_answer_is_returned_as_it_is() -> None:
    snapshot = get_provider("sunor").parse_status(
        TASK, 200, {}, echoed_answer("not-the-key-at-all")
    )
    assert scrub_snapshot(snapshot, [KEY]) is snapshot
    assert scrub_snapshot(snapshot, [None, "", "abc"]) is snapshot  # no usable key: unchanged
