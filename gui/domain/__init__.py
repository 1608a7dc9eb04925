"""The domain every layer speaks: task model and states, errors, task IDs, paste rules, URL rules, engine events.

Imports nothing else of the package (only the standard library), and no Qt.
"""
