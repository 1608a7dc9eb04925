"""The polling engine and what it needs: schedule, rate budget, the status check, provider detection.

May import gui.domain, gui.providers and gui.storage; no Qt.
"""
