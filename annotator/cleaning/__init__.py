"""Page bytes -> `model.Article`: the cleaning pipeline.

    article = clean_page(data, "002_6e79c3930e3c7d93.txt")

Steps, each a small pure module:
1. `decode` — refuse binary files; BOM, then the page's `<meta charset>`, then detection
   (UTF-8, else charset-normalizer); GBK/GB2312 read as GB18030, Big5 as Big5-HKSCS.
2. `html` — for HTML pages, the visible text dump: one line per block element, script, style,
   iframes, svg and comments dropped, with each line's layout evidence (tag path, link density,
   list, heading) for `model.Block`.
3. The text steps on that dump, each keeping the offset map: `whitespace`, `pinyin` (团(tuán)
   -> 团), `middle_dot`, `script` (Traditional pages converted with OpenCC t2s).
4. `damage` flags lost characters, U+FFFD and mojibake; `metadata` finds title, date, outlet.

What `raw_text` holds: for a text dump, the decoded file exactly as the page said it; for HTML,
the visible text dump of the page (one line per block element, entities decoded, nothing else
normalized: Traditional characters, pinyin readings and NBSP kept) — the same kind of dump the
seed pages are. The markup itself is not kept; the article id (SHA-256 of the bytes) names it.
`text` is the cleaned version of `raw_text`, and `offset_map` maps every position of `text`
to its position in `raw_text`: the cleaner only deletes characters or replaces one character by
one, so every cleaned character stands on one raw character.

`clean_page` raises `CleaningError` (a subclass per cause: EmptyPage, BinaryData, TooLarge,
UndecodablePage, CleaningFailed) and nothing else, whatever the bytes.
Bump CLEANER_VERSION whenever the output for some page changes.
"""

from annotator.cleaning.errors import (
    BinaryData,
    CleaningError,
    CleaningFailed,
    EmptyPage,
    TooLarge,
    UndecodablePage,
)
from annotator.cleaning.pipeline import CLEANER_VERSION, DEFAULT_MAX_BYTES, clean_page, clean_text

__all__ = [
    "CLEANER_VERSION",
    "DEFAULT_MAX_BYTES",
    "BinaryData",
    "CleaningError",
    "CleaningFailed",
    "EmptyPage",
    "TooLarge",
    "UndecodablePage",
    "clean_page",
    "clean_text",
]
