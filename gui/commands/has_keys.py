"""`python -m gui.commands.has_keys`: exit 0 when any account has an API key (keyring or
environment), 1 when none has. scripts/run.sh uses it to open the demo on a machine with no
keys, as the README promises."""

from __future__ import annotations

from gui.storage.credentials import CredentialStore
from gui.storage.key_rules import ACCOUNTS, CredentialError


def any_key_configured(store: CredentialStore | None = None) -> bool:
    store = store or CredentialStore()
    for account in ACCOUNTS:
        try:
            if store.get_key_sync(account).key:
                return True
        except CredentialError:
            return True  # a locked keyring may well hold one: do not force the demo
    return False


if __name__ == "__main__":
    raise SystemExit(0 if any_key_configured() else 1)
