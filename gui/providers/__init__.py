"""One module per provider API; this registry is how the rest of the app finds them.

May import gui.domain only; no Qt.
"""

from __future__ import annotations

from gui.domain.wording import QT_TRANSLATE_NOOP
from gui.providers.base import Provider
from gui.providers.crun import Crun
from gui.providers.mountsea_producer import MountSeaProducer
from gui.providers.mountsea_suno import MountSeaSuno
from gui.providers.sunor import Sunor

PROVIDERS: dict[str, Provider] = {
    p.id: p for p in (MountSeaSuno(), MountSeaProducer(), Sunor(), Crun())
}
PROVIDER_IDS = tuple(PROVIDERS)
UNKNOWN_PROVIDER = QT_TRANSLATE_NOOP("Problems", "Unknown provider {name}; choose one of: {known}.")


def get_provider(provider_id: str) -> Provider:
    try:
        return PROVIDERS[provider_id]
    except KeyError:
        known = ", ".join(PROVIDER_IDS)
        raise ValueError(UNKNOWN_PROVIDER.format(name=repr(provider_id), known=known)) from None
