"""Performance benchmarks: each module prints figures and ratios against a stated baseline.

Run one with `.venv/bin/python -m bench.<name>`; see bench/README.md."""
