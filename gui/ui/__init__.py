"""Everything Qt: the window, its models and widgets, a thin layer over the Qt-free parts below.

May import every layer below (domain, providers, storage, polling, media, services); the only layer that imports Qt.
"""
