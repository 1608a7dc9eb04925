"""Pinned HTTPS: the connection goes to the checked address while TLS still proves the link's
own name (SNI and certificate check) — a real TLS server on loopback with a certificate made
here for `media.example` (openssl), and a client that trusts only that certificate."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from gui.media.download import DownloadError, fetch_bytes
from gui.media.media_gate import Resolver

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command"),
]
BODY = b"\xff\xfb" + bytes(1000)


def make_certificate(folder: Path, name: str) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[int, Path, list[str]]]:
    cert, key = make_certificate(tmp_path, "media.example")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(BODY)))
            self.end_headers()
            self.wfile.write(BODY)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    sni: list[str] = []

    def record_sni(
        sock: ssl.SSLObject | ssl.SSLSocket, name: str | None, ctx: ssl.SSLContext
    ) -> None:
        sni.append(name or "")

    context.sni_callback = record_sni
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    try:
        yield server.server_address[1], cert, sni
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def to_loopback(host: str) -> Resolver:
    async def resolve(name: str, port: int) -> list[str]:
        assert name == host
        return ["127.0.0.1"]

    return resolve


async def test_a_pinned_https_fetch_proves_the_links_name(
    tls_server: tuple[int, Path, list[str]],
) -> None:
    port, cert, sni = tls_server
    trusted = ssl.create_default_context(cafile=str(cert))
    async with httpx.AsyncClient(verify=trusted) as client:
        fetched = await fetch_bytes(
            client,
            f"https://media.example:{port}/a.mp3",
            allow_local=True,
            max_bytes=10**6,
            resolve=to_loopback("media.example"),
        )
    assert fetched.data == BODY
    assert sni == ["media.example"]  # the server was asked for the name, not 127.0.0.1


async def test_a_certificate_for_another_name_is_refused(
    tls_server: tuple[int, Path, list[str]],
) -> None:
    """Pinning to the address must not switch the certificate check off."""
    port, cert, _sni = tls_server
    trusted = ssl.create_default_context(cafile=str(cert))
    async with httpx.AsyncClient(verify=trusted) as client:
        with pytest.raises(DownloadError, match=r"Could not reach other\.example"):
            await fetch_bytes(
                client,
                f"https://other.example:{port}/a.mp3",
                allow_local=True,
                max_bytes=10**6,
                resolve=to_loopback("other.example"),
            )
