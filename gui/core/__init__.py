"""The Qt-free core: task model, errors, URL and ID rules, the status check, the engine and ledger."""
