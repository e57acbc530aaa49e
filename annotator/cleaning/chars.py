"""Character classes shared by cleaning and every suggester (regex fragments for use inside
[...]), and the one definition of a Han character."""

from __future__ import annotations

# Han: Extension A, the basic block, the compatibility ideographs, and every astral block
# (Extensions B to I, the compatibility supplement: U+20000..U+323AF). A name may hold 𠀀 or 𪚥;
# a definition that stops at U+FFFF would cut it in two.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"


def is_han(char: str) -> bool:
    """Whether `char` (one character) is a Han character, astral extensions included."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x323AF
    )
TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN_LETTERS = "a-zü" + TONE_MARKED
# One toned pinyin syllable: at most 6 letters, at least one of them tone-marked.
TONED_SYLLABLE = rf"(?=[{PINYIN_LETTERS}]{{1,6}}[)）])[a-zü]*[{TONE_MARKED}][{PINYIN_LETTERS}]*"
# White space other than the plain space and line breaks.
ODD_SPACE = "\t\x0b\x0c\xa0\u1680\u2000-\u200a\u202f\u205f\u3000"
