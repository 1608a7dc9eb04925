"""Getting the music out: checked downloads, export, tags, file names, the library, the cover cache.

May import gui.domain, gui.providers and gui.storage; no Qt.
"""
