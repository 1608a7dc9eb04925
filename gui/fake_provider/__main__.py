"""`python -m gui.fake_provider [--port N] [--demo]`: run the fake providers until Ctrl+C."""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import threading

from gui.fake_provider.demo import demo_tasks
from gui.fake_provider.media import DEFAULT_LINK_TTL
from gui.fake_provider.server import FakeProviderServer
from gui.fake_provider.wire.base import ACCOUNTS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.fake_provider", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="API port (default: any free one)")
    parser.add_argument("--media-port", type=int, default=0)
    parser.add_argument("--host", default="127.0.0.1", help="API host")
    parser.add_argument("--media-host", default="127.0.0.2")
    parser.add_argument(
        "--link-ttl", type=float, default=DEFAULT_LINK_TTL, help="seconds a media link stays valid"
    )
    parser.add_argument("--demo", action="store_true", help="add the demo tasks")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    args = parser.parse_args(argv)

    stop = threading.Event()
    # SIGTERM from a parent process (benchmark, app) ends it as cleanly as Ctrl+C.
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    server = FakeProviderServer(
        api_host=args.host,
        media_host=args.media_host,
        port=args.port,
        media_port=args.media_port,
        link_ttl=args.link_ttl,
    )
    tasks = demo_tasks() if args.demo else []
    server.add_tasks(tasks)
    with server:
        keys = {account: server.key(account) for account in ACCOUNTS}
        if args.json:
            print(
                json.dumps(
                    {
                        "base_url": server.base_url,
                        "media_url": server.media_url,
                        "keys": keys,
                        "tasks": [{"provider": p, "task_id": t} for p, t, _ in tasks],
                    }
                ),
                flush=True,
            )
        else:
            print(f"base_url  {server.base_url}")
            print(f"media_url {server.media_url}")
            for account, key in keys.items():
                print(f"key       {account:9} {key}")
            for provider_id, task_id, script in tasks:
                print(f"task      {provider_id:17} {task_id}  ({script.length:.0f} s)")
            print("Ctrl+C to stop", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
