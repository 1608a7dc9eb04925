"""The one gate every media fetch passes (downloads, cover art, redirect hops, the player).

A link from a payload is fetched only over http(s), and never from this machine or a private
network unless the provider itself is local (the fake server and the demo serve media there).
A literal address is read the way the C resolver reads it (`2130706433`, `0x7f000001`, `127.1`
are loopback); a name is resolved *here*, every address it resolves to is checked, and the
connection then goes to an address that was checked (`pinned_request`) — no second lookup a
DNS answer could change in between ("DNS rebinding").
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from gui.domain.urls import (
    IpAddress,
    clean_media_url,
    is_local_name,
    is_private_address,
    literal_address,
)
from gui.domain.wording import QT_TRANSLATE_NOOP

# host, port -> every address the name resolves to (as text); raises OSError when unknown.
Resolver = Callable[[str, int], Awaitable[list[str]]]


class RefusedMediaUrl(Exception):
    """The link is not one Tunewatch fetches; `message` is a sentence for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnresolvableHost(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class AdmittedUrl:
    """A link that passed the gate, with the checked addresses to connect to."""

    url: str
    host: str  # as sent in the Host header and TLS SNI (IDNA, no brackets)
    port: int
    addresses: tuple[IpAddress, ...]
    is_literal: bool  # the link named an address itself: nothing was looked up


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    )
    return [str(info[4][0]) for info in infos]


def host_of(url: str) -> str:
    try:
        return httpx.URL(url).host or "this address"
    except httpx.InvalidURL:
        return "this address"


# Why a media link is not fetched (English; shown translated, see gui.domain.wording).
OTHER_SCHEME = QT_TRANSLATE_NOOP(
    "Problems", "The media link is a {scheme}: link; only http(s) links are fetched."
)
NOT_A_WEB_LINK_FETCHED = QT_TRANSLATE_NOOP(
    "Problems", "The media link is not a web link; only http(s) links are fetched."
)
INVALID_LINK = QT_TRANSLATE_NOOP("Problems", "The media link is not a valid web link.")
LOCAL_ADDRESS = QT_TRANSLATE_NOOP(
    "Problems",
    "The media link points at a local or private-network address ({host}); Tunewatch does not "
    "fetch it.",
)
HOST_NOT_FOUND = QT_TRANSLATE_NOOP("Problems", "The media host {host} could not be found.")


def _parsed(url: str) -> tuple[httpx.URL, str, int]:
    if clean_media_url(url) is None:
        scheme = url.split(":", 1)[0][:16] if ":" in url else ""
        raise RefusedMediaUrl(
            OTHER_SCHEME.format(scheme=scheme) if scheme else NOT_A_WEB_LINK_FETCHED
        )
    try:
        parsed = httpx.URL(url)
        host = parsed.raw_host.decode("ascii")
    except (httpx.InvalidURL, UnicodeError) as exc:
        raise RefusedMediaUrl(INVALID_LINK) from exc
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    return parsed, host.strip("[]"), port


def _refused_local(host: str) -> RefusedMediaUrl:
    return RefusedMediaUrl(LOCAL_ADDRESS.format(host=host))


def admit_literal(url: str, *, allow_local: bool) -> AdmittedUrl | None:
    """The gate without I/O: the verdict for a link naming an address or a local-only name;
    None when the host is a name that must be resolved (`admit`). Raises RefusedMediaUrl."""
    if clean_media_url(url) is not None:  # say "private" even where httpx would not parse it
        spelled = urlsplit(url).hostname or ""
        early = literal_address(spelled)
        if early is not None and is_private_address(early) and not allow_local:
            raise _refused_local(spelled)
    _parsed_url, host, port = _parsed(url)
    address = literal_address(host)
    if address is None:
        if is_local_name(host) and not allow_local:
            raise _refused_local(host)
        return None
    if is_private_address(address) and not allow_local:
        raise _refused_local(host)
    return AdmittedUrl(url, host, port, (address,), is_literal=True)


async def admit(url: str, *, allow_local: bool, resolve: Resolver = system_resolver) -> AdmittedUrl:
    """Check `url` and resolve its host; every address must pass. Raises RefusedMediaUrl, or
    UnresolvableHost when the name does not resolve."""
    literal = admit_literal(url, allow_local=allow_local)
    if literal is not None:
        return literal
    _parsed_url, host, port = _parsed(url)
    try:
        found = await resolve(host, port)
    except (OSError, UnicodeError) as exc:
        raise UnresolvableHost(HOST_NOT_FOUND.format(host=host)) from exc
    addresses: list[IpAddress] = []
    for text in found:
        try:
            address = ipaddress.ip_address(text.split("%", 1)[0])
        except ValueError:
            raise _refused_local(host) from None  # not an address we can reason about
        if is_private_address(address) and not allow_local:
            raise _refused_local(host)
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise UnresolvableHost(HOST_NOT_FOUND.format(host=host))
    return AdmittedUrl(url, host, port, tuple(addresses), is_literal=False)


def pinned_request(
    client: httpx.AsyncClient,
    admitted: AdmittedUrl,
    address: IpAddress,
    headers: dict[str, str],
    *,
    keep_alive: bool = False,
) -> httpx.Request:
    """A GET for `admitted.url` that connects to `address` (one that was checked), while the
    Host header and the TLS name (SNI and certificate check) stay the link's own host.
    keep_alive: only for a client whose connections all serve this one name (MediaPool)."""
    parsed = httpx.URL(admitted.url)
    default_port = 443 if parsed.scheme == "https" else 80
    # A literal in any spelling is sent in its canonical form, as a browser does.
    name = str(address) if admitted.is_literal else admitted.host
    host_header = name if ":" not in name else f"[{name}]"
    if parsed.port not in (None, default_port):
        host_header += f":{parsed.port}"
    pinned_headers = {**headers, "Host": host_header}
    if not keep_alive:
        # A kept-alive connection is pooled by address: never let a later link of another
        # name reuse a TLS session whose certificate was checked for this one.
        pinned_headers["Connection"] = "close"
    return client.build_request(
        "GET",
        parsed.copy_with(host=str(address)),
        headers=pinned_headers,
        extensions={} if admitted.is_literal else {"sni_hostname": name},
    )
