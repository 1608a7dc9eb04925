"""Rules for URLs: API base URLs the user configures, and media URLs found in payloads."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from gui.domain.errors import InvalidBaseUrlError

MAX_URL_LENGTH = 4096


def is_loopback_host(host: str | None) -> bool:
    if not host:
        return False
    host = host.strip("[]").lower()
    if host == "localhost":  # not *.localhost: not every resolver keeps those on this machine
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def validate_base_url(url: str) -> str:
    """An API base URL must be https; plain http is allowed only on loopback (tests, the demo)."""
    text = url.strip().rstrip("/")
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise InvalidBaseUrlError(f"{url!r} is not a valid URL.") from exc
    if parts.scheme not in ("http", "https") or not host:
        raise InvalidBaseUrlError(f"{url!r} is not an http(s) URL.")
    if parts.scheme == "http" and not is_loopback_host(host):
        raise InvalidBaseUrlError(
            f"{url!r} uses plain http; API keys are only sent over https "
            "(http is allowed for 127.0.0.1, ::1 and localhost)."
        )
    if parts.query or parts.fragment or parts.username or parts.password:
        raise InvalidBaseUrlError(f"{url!r} must not contain a query, fragment or credentials.")
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


def is_local_address(url: str) -> bool:
    """Loopback, private-network or link-local literal addresses (and localhost)."""
    host = (urlsplit(url).hostname or "").strip("[]").lower()
    if is_loopback_host(host):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host.endswith((".local", ".internal", ".lan"))
    return (
        address.is_private or address.is_link_local or address.is_reserved or address.is_unspecified
    )


def media_url_allowed(url: str, allow_local: bool) -> bool:
    """Media links are fetched only over http(s), and from a local or private address only when
    the provider itself is on this machine (the fake server and the demo serve media there)."""
    if clean_media_url(url) is None:
        return False
    return allow_local or not is_local_address(url)
