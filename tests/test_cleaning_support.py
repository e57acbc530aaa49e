"""Shared by the cleaning tests (holds no tests): the seed pages, the real pages, and an
equivalence check between a cleaned character and the raw character it maps to."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from opencc import OpenCC

from annotator.cleaning.middle_dot import MIDDLE_DOT

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
REAL_PAGES = sorted((ROOT / "tests" / "data" / "real").glob("*.html"))
SEED_NAMES = ("000", "001", "002", "003", "004")


def seed_path(name: str) -> Path:
    return next(SEEDS.glob(f"{name}_*.txt"))


def seed_bytes(name: str) -> bytes:
    return seed_path(name).read_bytes()


@cache
def t2s() -> OpenCC:
    return OpenCC("t2s")


def same_character(cleaned: str, raw: str) -> bool:
    """Does a cleaned character stand for this raw one, up to script, space and dot forms?"""
    if cleaned == raw:
        return True
    if cleaned == " ":
        return raw.isspace()
    if cleaned == "\n":
        return raw in "\r\n"
    if cleaned == MIDDLE_DOT:
        return raw in "\u0387\u2022\u2027\u2219\u22c5\u30fb\uff65\u16eb\u2e31"
    return t2s().convert(raw) == cleaned


def seed_text(name: str) -> str:
    return seed_path(name).read_text(encoding="utf-8")
