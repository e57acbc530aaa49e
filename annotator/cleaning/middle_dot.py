"""Middle-dot variants between name parts (艾爾肯‧吐尼亞孜) become U+00B7.

Only a dot with CJK characters on both sides is a name dot; a bullet followed by a space
("• 援疆新闻") is a list marker and stays. One character for one: offsets do not move.
"""

from __future__ import annotations

import re

from annotator.cleaning.chars import HAN

MIDDLE_DOT = "\u00b7"
_DOTS = "\u0387\u2022\u2027\u2219\u22c5\u30fb\uff65\u16eb\u2e31"
# the dot first, the character before it then: a look-behind first ran at every character
_NAME_DOT = re.compile(rf"[{_DOTS}](?<=[{HAN}][{_DOTS}])(?=[{HAN}])")


def unify_middle_dots(text: str) -> str:
    return _NAME_DOT.sub(MIDDLE_DOT, text)
