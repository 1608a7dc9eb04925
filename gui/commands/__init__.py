"""Terminal commands (`tunewatch status`, ...): the same code paths the window uses.

May import every layer below (domain, providers, storage, polling, media, services); no Qt.
"""
