"""Helpers of the safety tests: child-process scripts and the checks they share with the tests."""
