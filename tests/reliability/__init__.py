"""The reliability suite: faults, outages and kills thrown at the real engine, ledger and
commands. The fast part runs in CI; `TUNEWATCH_SOAK=1` runs the long versions."""
