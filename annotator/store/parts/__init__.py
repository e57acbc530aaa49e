"""The parts of `Store` (store.py), one concern each, sharing one connection."""
