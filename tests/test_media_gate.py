"""The media gate: private addresses in every spelling the resolver accepts, and names that
resolve to one, are refused before any byte is sent; a name is resolved once and the
connection goes to the address that was checked (no second lookup to rebind)."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gui.domain.urls import clean_media_url, is_private_address, literal_address
from gui.media.download import DownloadError, RefusedUrlError, download_file, fetch_bytes
from gui.media.media_gate import Resolver, admit_literal
from gui.polling.status_check import make_client
from tests.test_download import TONE, MediaTestServer

LOOPBACK_SPELLINGS = [
    "2130706433",  # 127.0.0.1 as one decimal number
    "0x7f000001",
    "0x7F.1",
    "0177.0.0.1",  # octal
    "127.1",
    "127.0.1",
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
]


@pytest.fixture
def media() -> Iterator[MediaTestServer]:
    with MediaTestServer() as server:
        yield server


def on_port(media: MediaTestServer, host: str, path: str = "/file.mp3") -> str:
    return f"http://{host}:{media.base.rsplit(':', 1)[1]}{path}"


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS)
@pytest.mark.asyncio
async def test_loopback_in_any_spelling_is_never_requested(
    media: MediaTestServer, tmp_path: Path, host: str
) -> None:
    async with make_client() as client:
        with pytest.raises(RefusedUrlError, match="local or private-network address"):
            await download_file(client, on_port(media, host), tmp_path / "a.mp3", allow_local=False)
        with pytest.raises(RefusedUrlError):
            await fetch_bytes(client, on_port(media, host), allow_local=False, max_bytes=10**6)
    assert media.headers == []  # the server on 127.0.0.1 saw nothing
    assert not (tmp_path / "a.mp3").exists()


@pytest.mark.parametrize(
    "address",
    [
        "0",
        "0.0.0.0",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",  # CGNAT
        "100.127.255.254",
        "224.0.0.251",  # multicast
        "240.0.0.1",  # reserved
        "255.255.255.255",
        "::",
        "::1",
        "fe80::1",
        "fc00::1",
        "fd12:3456::1",
        "fec0::1",
        "ff02::1",
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:c0a8:1::1",  # 6to4 of 192.168.0.1
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "::ffff:10.0.0.1",
        "::127.0.0.1",  # IPv4-compatible
    ],
)
def test_private_addresses_of_every_kind_are_refused(address: str) -> None:
    found = literal_address(address)
    assert found is not None and is_private_address(found)
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(Exception, match="local or private-network address"):
        admit_literal(f"http://{host}/a.mp3", allow_local=False)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    found = literal_address(address)
    assert found == ipaddress.ip_address(address) and not is_private_address(found)


def resolver_of(table: dict[str, list[str]], calls: list[str] | None = None) -> Resolver:
    async def resolve(host: str, port: int) -> list[str]:
        if calls is not None:
            calls.append(host)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return table[host]

    return resolve


@pytest.mark.parametrize(
    "addresses",
    [["127.0.0.1"], ["93.184.216.34", "10.0.0.7"], ["::1"], ["2606:4700::1111", "fe80::1"]],
)
@pytest.mark.asyncio
async def test_a_name_resolving_to_any_private_address_is_refused(
    media: MediaTestServer, tmp_path: Path, addresses: list[str]
) -> None:
    resolve = resolver_of({"cdn.attacker.example": addresses})
    async with make_client() as client:
        with pytest.raises(RefusedUrlError, match="local or private-network address"):
            await download_file(
                client,
                on_port(media, "cdn.attacker.example"),
                tmp_path / "a.mp3",
                allow_local=False,
                resolve=resolve,
            )
    assert media.headers == []


@pytest.mark.asyncio
async def test_a_hosts_file_name_for_this_machine_is_refused(
    media: MediaTestServer, tmp_path: Path
) -> None:
    """The real resolver: any name of this machine other than localhost (e.g. its host name)."""
    names = [socket.gethostname(), *_hosts_file_names()]
    local = next((n for n in names if n != "localhost" and _resolves_to_loopback(n)), None)
    if local is None:
        pytest.skip("no name other than localhost resolves to loopback here")
    async with make_client() as client:
        with pytest.raises(RefusedUrlError, match="local or private-network address"):
            await download_file(
                client, on_port(media, local), tmp_path / "a.mp3", allow_local=False
            )
    assert media.headers == []


@pytest.mark.asyncio
async def test_the_connection_goes_to_the_checked_address_with_the_name_kept(
    media: MediaTestServer, tmp_path: Path
) -> None:
    """media.example does not exist in DNS: the download works only because the connection goes
    to the address the gate resolved, and the server still sees the link's own host name."""
    calls: list[str] = []
    resolve = resolver_of({"media.example": ["127.0.0.1"]}, calls)
    async with make_client() as client:
        size = await download_file(
            client,
            on_port(media, "media.example"),
            tmp_path / "a.mp3",
            allow_local=True,  # the provider is local (as in the demo)
            resolve=resolve,
        )
    assert size == len(TONE) and (tmp_path / "a.mp3").read_bytes() == TONE
    assert calls == ["media.example"]  # looked up once
    assert media.headers[0]["host"] == f"media.example:{media.base.rsplit(':', 1)[1]}"


@pytest.mark.asyncio
async def test_a_rebinding_name_is_not_looked_up_a_second_time(tmp_path: Path) -> None:
    """A resolver that answers public first and loopback after: only the first answer is used."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"], ["127.0.0.1"]])
    calls: list[str] = []

    async def rebinding(host: str, port: int) -> list[str]:
        calls.append(host)
        return next(answers)

    connected_to: list[str] = []

    def cdn(request: httpx.Request) -> httpx.Response:
        connected_to.append(request.url.host)
        assert request.headers["host"] == "cdn.example.com"
        assert request.extensions["sni_hostname"] == "cdn.example.com"
        return httpx.Response(200, content=TONE)

    async with httpx.AsyncClient(transport=httpx.MockTransport(cdn)) as client:
        await download_file(
            client,
            "https://cdn.example.com/a.mp3",
            tmp_path / "a.mp3",
            allow_local=False,
            resolve=rebinding,
        )
    assert calls == ["cdn.example.com"] and connected_to == ["93.184.216.34"]


@pytest.mark.asyncio
async def test_a_redirect_to_a_name_of_this_machine_is_refused(
    media: MediaTestServer, tmp_path: Path
) -> None:
    resolve = resolver_of({"cdn.example.com": ["93.184.216.34"], "inner.example": ["10.0.0.8"]})

    def cdn(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://inner.example/secret.mp3"})

    async with httpx.AsyncClient(transport=httpx.MockTransport(cdn)) as client:
        with pytest.raises(RefusedUrlError, match=r"inner\.example"):
            await download_file(
                client,
                "https://cdn.example.com/a.mp3",
                tmp_path / "a.mp3",
                allow_local=False,
                resolve=resolve,
            )


@pytest.mark.asyncio
async def test_an_unknown_name_is_a_plain_download_error(tmp_path: Path) -> None:
    async with make_client() as client:
        with pytest.raises(DownloadError, match="could not be found"):
            await download_file(
                client,
                "https://nowhere.invalid/a.mp3",
                tmp_path / "a.mp3",
                allow_local=False,
                resolve=resolver_of({}),
            )


def _hosts_file_names() -> list[str]:
    try:
        lines = Path("/etc/hosts").read_text().splitlines()
    except OSError:
        return []
    return [name for line in lines for name in line.split("#", 1)[0].split()[1:]]


def _resolves_to_loopback(name: str) -> bool:
    try:
        infos = socket.getaddrinfo(name, 80, type=socket.SOCK_STREAM)
    except OSError:
        return False
    return any(ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_loopback for info in infos)


def test_a_link_with_format_characters_is_no_link() -> None:
    """A host name carrying U+202E would show reversed in the refusal message."""
    assert clean_media_url("https://cdn.example.com/a.mp3") is not None
    assert clean_media_url("https://bücher.example/a.mp3") is not None  # IDN hosts stay links
    assert clean_media_url("https://evil\u202egpj.example.local/a.mp3") is None
    assert clean_media_url("https://cdn.example.com/\u2066a.mp3") is None
