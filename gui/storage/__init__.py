"""What is kept on disk or in the keyring: the ledger, settings, paths, atomic writes, API keys.

May import gui.domain only; no Qt.
"""
