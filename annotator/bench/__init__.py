"""Benchmarks behind `annotator bench`: each prints measured figures."""
