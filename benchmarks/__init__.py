"""Benchmarks (not shipped). Run them with the project venv, e.g. `python benchmarks/zscores.py`."""
