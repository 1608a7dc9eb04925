"""Rules for URLs: API base URLs the user configures, and media URLs found in payloads."""

from __future__ import annotations

import ipaddress
import unicodedata
from urllib.parse import urlsplit

from gui.domain.errors import InvalidBaseUrlError
from gui.domain.wording import QT_TRANSLATE_NOOP

NOT_A_URL = QT_TRANSLATE_NOOP("Problems", "{url} is not a valid URL.")
NOT_HTTP = QT_TRANSLATE_NOOP("Problems", "{url} is not an http(s) URL.")
PLAIN_HTTP = QT_TRANSLATE_NOOP(
    "Problems",
    "{url} uses plain http; API keys are only sent over https (http is allowed for 127.0.0.1, "
    "::1 and localhost).",
)
URL_EXTRAS = QT_TRANSLATE_NOOP(
    "Problems", "{url} must not contain a query, fragment or credentials."
)

MAX_URL_LENGTH = 4096


def is_loopback_host(host: str | None) -> bool:
    if not host:
        return False
    host = host.strip("[]").lower()
    if host == "localhost":  # not *.localhost: not every resolver keeps those on this machine
        return True
    address = literal_address(host)
    return address is not None and address.is_loopback


def validate_base_url(url: str) -> str:
    """An API base URL must be https; plain http is allowed only on loopback (tests, the demo)."""
    text = url.strip().rstrip("/")
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise InvalidBaseUrlError(NOT_A_URL.format(url=repr(url))) from exc
    if parts.scheme not in ("http", "https") or not host:
        raise InvalidBaseUrlError(NOT_HTTP.format(url=repr(url)))
    if parts.scheme == "http" and not is_loopback_host(host):
        raise InvalidBaseUrlError(PLAIN_HTTP.format(url=repr(url)))
    if parts.query or parts.fragment or parts.username or parts.password:
        raise InvalidBaseUrlError(URL_EXTRAS.format(url=repr(url)))
    return text


def clean_media_url(value: object) -> str | None:
    """A URL from a payload, if it is a plausible http(s) link; anything else becomes None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if (
        not text
        or len(text) > MAX_URL_LENGTH
        or any(ord(ch) < 0x21 or 0x7F <= ord(ch) <= 0x9F for ch in text)
        # Bidi and other format characters belong in no link, and would spoof a host shown in
        # a message (ASCII, the usual case, has none).
        or (not text.isascii() and any(unicodedata.category(ch) == "Cf" for ch in text))
    ):
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return text


def is_placeholder_audio(url: str) -> bool:
    """Suno marks a clip that errored with `…/None.mp3`: not playable, never offered as audio."""
    parts = urlsplit(url)
    name = parts.path.rsplit("/", 1)[-1].lower()
    stem = name.rsplit(".", 1)[0]
    if stem == "":
        return not parts.query  # audiopipe.suno.ai/?item_id=… is a real stream, not a placeholder
    return stem in ("none", "null", "undefined")


def is_stream_url(url: str) -> bool:
    """A growing preview (Suno streams from audiopipe.suno.ai) rather than the final file."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return host.startswith("audiopipe.") or "/stream" in parts.path.lower()


IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Shared address space (carrier-grade NAT): Python's is_private does not include it.
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
# NAT64 prefixes carry an IPv4 address in their last 32 bits (RFC 6052, RFC 8215).
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_LOCAL_NAME_SUFFIXES = (".local", ".internal", ".lan", ".localhost", ".home.arpa")


def literal_address(host: str | None) -> IpAddress | None:
    """The address a host string names *without* a name lookup, read the way the C resolver
    reads it (inet_aton): `2130706433`, `0x7f000001`, `0177.0.0.1`, `127.1` and `0` are all
    IPv4 literals there, though `ipaddress` knows only the dotted-quad spelling."""
    if not host:
        return None
    text = host.strip().strip("[]").rstrip(".")
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    return _inet_aton(text)


def _inet_aton(text: str) -> ipaddress.IPv4Address | None:
    parts = text.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers: list[int] = []
    for part in parts:
        number = _c_number(part)
        if number is None:
            return None
        numbers.append(number)
    *leading, last = numbers
    if any(n > 0xFF for n in leading) or last >= 1 << (8 * (4 - len(leading))):
        return None
    value = 0
    for n in leading:
        value = value << 8 | n
    value = value << (8 * (4 - len(leading))) | last
    return ipaddress.IPv4Address(value)


def _c_number(part: str) -> int | None:
    """One inet_aton part: 0x hex, leading-0 octal, or decimal (strtoul with base 0)."""
    try:
        if part[:2].lower() == "0x":
            return (
                int(part[2:] or "0", 16)
                if all(c in "0123456789abcdefABCDEF" for c in part[2:])
                else None
            )
        if not part.isascii() or not part.isdigit():
            return None
        if len(part) > 1 and part[0] == "0":
            return int(part, 8)
        return int(part)
    except ValueError:
        return None


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for: mapped, 6to4, NAT64 or IPv4-compatible."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if any(address in network for network in _NAT64):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if int(address) >> 32 == 0 and int(address) > 1:  # ::a.b.c.d (deprecated, still routed)
        return ipaddress.IPv4Address(int(address))
    return None


def is_private_address(address: IpAddress) -> bool:
    """Loopback, private, link-local, CGNAT, multicast, unspecified, reserved or otherwise not
    public — in IPv4 or IPv6, including IPv6 forms that carry an IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None and is_private_address(inner):
            return True
        if address.is_site_local:
            return True
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_unspecified
        or address.is_reserved
        or not address.is_global
        or (isinstance(address, ipaddress.IPv4Address) and address in _CGNAT)
    )


def is_local_name(host: str) -> bool:
    """Names that mean this machine or the local network whatever DNS says."""
    name = host.strip().rstrip(".").lower()
    return name == "localhost" or name.endswith(_LOCAL_NAME_SUFFIXES)


def is_local_address(url: str) -> bool:
    """A literal loopback, private-network, link-local or reserved address in any spelling the
    resolver accepts, or a local-only name. Names are not looked up here (that is I/O): the
    media gate (gui.media.media_gate) resolves them and checks every address."""
    host = urlsplit(url).hostname or ""
    if is_local_name(host):
        return True
    address = literal_address(host)
    return address is not None and is_private_address(address)
