"""Helpers for the reviewing tests: annotators scripted through the store."""
