"""The corpus-wide register of officials: who held which post when, from which articles, with
the contradictions flagged. Pure Python over annotation sets; only reviewers' merge/split
decisions are stored (`annotator.register.loading`)."""

from annotator.register.build import build_register
from annotator.register.entries import ArticleRecords, Decision, Flag, Person, Post, Register

__all__ = ["ArticleRecords", "Decision", "Flag", "Person", "Post", "Register", "build_register"]
