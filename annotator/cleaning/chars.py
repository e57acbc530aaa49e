"""Character classes shared by the cleaning steps (regex fragments, for use inside [...])."""

from __future__ import annotations

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN_LETTERS = "a-zü" + TONE_MARKED
# One toned pinyin syllable: at most 6 letters, at least one of them tone-marked.
TONED_SYLLABLE = rf"(?=[{PINYIN_LETTERS}]{{1,6}}[)）])[a-zü]*[{TONE_MARKED}][{PINYIN_LETTERS}]*"
# White space other than the plain space and line breaks.
ODD_SPACE = "\t\x0b\x0c\xa0\u1680\u2000-\u200a\u202f\u205f\u3000"
