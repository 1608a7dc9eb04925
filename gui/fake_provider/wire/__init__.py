"""Each provider's wire format: status words, field names, envelopes and error bodies."""

from gui.fake_provider.wire.base import (
    ACCOUNTS,
    PROVIDER_ACCOUNT,
    PROVIDER_IDS,
    Account,
    AccountWire,
    ProviderId,
    StatusWire,
)

__all__ = [
    "ACCOUNTS",
    "PROVIDER_ACCOUNT",
    "PROVIDER_IDS",
    "Account",
    "AccountWire",
    "ProviderId",
    "StatusWire",
]
