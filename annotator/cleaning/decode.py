"""Page bytes -> str: refuse binary files, then BOM, HTML charset declaration, detection.

Chinese pages lie about their encoding in a known way: "gb2312"/"gbk" pages hold characters only
GB18030 has, "big5" pages hold Hong Kong characters only Big5-HKSCS has. Both supersets decode
every valid byte of the smaller encoding identically, so we always read with the superset.
They also declare the wrong one of the two: GBK bytes mostly decode as Big5 too, into rare
characters, and the reverse. So a GB or Big5 reading (or a one-byte one) is kept only while the
other reading does not give clearly more of the characters Chinese text is made of; and bytes
that are valid UTF-8 (a site moved to UTF-8, its old `<meta>` kept) are read as UTF-8.
`Decoded.why` says why a page was read otherwise than it declared.
Bytes that still do not decode become U+FFFD; the damage step flags them.
Only encodings of web pages are used: codecs such as utf-7 or unicode_escape turn plain ASCII into
lone surrogates (text no UTF-8 writer accepts), and transforms such as rot13 are no encodings.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache
from itertools import islice

import charset_normalizer

from annotator.cleaning.errors import BinaryData, UndecodablePage

# (magic bytes, what a person calls the file)
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"BM", "BMP image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x7fELF", "executable program"),
    (b"MZ", "Windows program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg audio"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"\x00asm", "WebAssembly module"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Names pages and detectors use -> the codec we read with.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "euc_cn": "gb18030",
    "hz": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "big5_tw": "big5hkscs",
    "ascii": "utf-8",
    "iso8859_1": "cp1252",  # what browsers do with a page that says latin-1
}
# Text codecs that no web page is written in; a page or detector naming one is not believed.
_NOT_PAGE_CODECS = frozenset(
    {"utf_7", "unicode_escape", "raw_unicode_escape", "punycode", "idna", "undefined", "mbcs",
     "oem"}
)  # fmt: skip
# A `<meta charset>` found by an ASCII search cannot be in UTF-16/32: the declaration lies.
_NOT_DECLARABLE = frozenset(
    {"utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"}
)

_CJK_READINGS = ("gb18030", "big5hkscs")
_EVIDENCE_SAMPLE = 65536  # characters scored
_MIN_EVIDENCE = 6  # non-ASCII characters needed before a reading is judged
_UTF8_EVIDENCE = 3  # three-byte characters that make valid UTF-8 outweigh a declaration
_THREE_BYTE = re.compile("[\u0800-\U0010ffff]")  # a character UTF-8 writes in 3 bytes or more
_PLAUSIBLE = 0.9  # share of common characters a reading needs to replace another
_CLEARLY_BETTER = 0.15  # by how much it must beat the reading it replaces

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.I
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HEAD = 4096  # bytes searched for a charset declaration


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the codec we read with
    why: str | None = None  # set when the bytes were read otherwise than the page declared


def _common_characters() -> frozenset[str]:
    """What Chinese text is mostly made of: the 3,755 first-level GB2312 characters
    (simplified), the 5,401 common Big5 characters (traditional) and the punctuation and
    symbols Chinese news use."""

    def pairs(codec: str, leads: range, trails: list[int]) -> set[str]:
        return {_char_or_empty(bytes((lead, trail)), codec) for lead in leads for trail in trails}

    simplified = pairs("gb2312", range(0xB0, 0xD8), list(range(0xA1, 0xFF)))
    traditional = pairs("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    # CJK and fullwidth forms; dashes, quotes, bullets; ①; ■●○◆; the middle dot
    blocks = [(0x3000, 0x3040), (0xFF00, 0xFF66), (0x2010, 0x2028), (0x2460, 0x24A0),
              (0x25A0, 0x2600), (0xB7, 0xB8)]  # fmt: skip
    punctuation = {chr(c) for start, end in blocks for c in range(start, end)}
    return frozenset(
        simplified | {c for c in traditional if "\u4e00" <= c <= "\u9fff"} | punctuation
    )


def _char_or_empty(raw: bytes, codec: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return ""


_COMMON = _common_characters() - {""}


def canonical_codec(name: str) -> str | None:
    """Python's codec for an encoding label, widened to its superset; None if unknown."""
    label = name.strip().lower()
    try:
        codec = codecs.lookup(label.removeprefix("x-")).name  # web labels: x-gbk, x-big5
    except LookupError:
        return None
    key = codec.replace("-", "_")
    if key in _NOT_PAGE_CODECS or not codecs.lookup(codec)._is_text_encoding:
        return None
    return _SUPERSETS.get(key, codec)


def refuse_binary(data: bytes) -> None:
    """Raise BinaryData for files that are plainly not text."""
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            raise BinaryData("binary data ({what}), not a text or HTML page", what=what)
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        kind = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
        raise BinaryData("binary data ({kind}), not a text or HTML page", kind=kind)
    if data[4:8] == b"ftyp":
        raise BinaryData("binary data (MP4/QuickTime video), not a text or HTML page")
    if not _bom_codec(data) and b"\x00" in data[:65536]:
        raise BinaryData("binary data (holds NUL bytes), not a text or HTML page")


def decode_page(data: bytes, *, look_for_meta: bool) -> Decoded:
    """Decode with the BOM, else the page's own charset declaration, else detection. `why` says
    why a page that declares its charset was read otherwise."""
    codec = _bom_codec(data)
    if codec:
        body = data[_bom_length(data) :]
        return _checked(Decoded(body.decode(codec, errors="replace"), codec))
    declared = _declared_codec(data) if look_for_meta else None
    if declared and declared != "utf-8" and (as_utf8 := _valid_utf8(data)):
        why = f"the page says {declared}, but its bytes are valid UTF-8 (rare by accident)"
        return _checked(Decoded(as_utf8, "utf-8", why))
    if declared:
        try:
            return _checked(_most_plausible(data, Decoded(data.decode(declared), declared)))
        except UnicodeDecodeError as error:  # the declaration lies; detect instead
            lie = f"the page says {declared}, but byte {error.start} is not valid {declared}"
    else:
        lie = None
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8", lie and f"{lie}; read as utf-8"))
    except UnicodeDecodeError:
        pass
    guess = charset_normalizer.from_bytes(data).best()
    codec = (guess and canonical_codec(guess.encoding)) or declared or "utf-8"
    why = lie and f"{lie}; read as {codec}, the detected encoding"
    decoded = Decoded(
        data.decode(codec, errors="replace"), codec, why if codec != declared else None
    )
    # a page that says GB or Big5 is Chinese even when its bytes are not what it says
    return _checked(_most_plausible(data, decoded, chinese=declared in _CJK_READINGS))


def _valid_utf8(data: bytes) -> str | None:
    """The UTF-8 reading of `data` when it is valid and holds enough three-byte characters
    (CJK among them) to count as evidence, else None. Two-byte ones do not count: GBK text
    often pairs a lead byte C2-DF with a trail 80-BF, which is valid UTF-8 by chance."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    # the first _UTF8_EVIDENCE such characters are enough: not a Python step per character
    found = _THREE_BYTE.finditer(text, 0, _EVIDENCE_SAMPLE)
    return text if next(islice(found, _UTF8_EVIDENCE - 1, None), None) is not None else None


def _most_plausible(data: bytes, decoded: Decoded, *, chinese: bool = False) -> Decoded:
    """`decoded`, or the GB or Big5 reading of the same bytes when that reading decodes without
    error and is clearly more plausible Chinese text (see `_plausibility`). Weighed only for a GB,
    Big5 or one-byte reading, or any reading of a page known to be `chinese`: UTF-8 that decodes
    is almost never wrong, and Korean or Japanese text would lose (EUC-KR puts Hangul on the byte
    pairs of GB2312's common characters)."""
    weighed = chinese or decoded.encoding in _CJK_READINGS or _one_byte(decoded.encoding)
    if not weighed or decoded.encoding == "utf-8":
        return decoded
    own, count = _plausibility(decoded.text)
    if count < _MIN_EVIDENCE:
        return decoded  # too little text to judge: the declaration or detection stands
    for codec in _CJK_READINGS:
        if codec == decoded.encoding:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        other, _ = _plausibility(text)
        if other >= _PLAUSIBLE and other - own >= _CLEARLY_BETTER:
            why = (
                f"read as {codec}, not {decoded.encoding}: {other:.0%} of its non-ASCII "
                f"characters are common Chinese ones, against {own:.0%}"
            )
            if decoded.why:
                why = f"{decoded.why}; then {why}"
            return Decoded(text, codec, why)
    return decoded


@cache
def _one_byte(codec: str) -> bool:
    """Whether `codec` reads every byte as one character (latin-1, windows-1252, koi8-r…)."""
    high = bytes(range(0x80, 0x100))  # UTF-8 would pass: each byte alone is one U+FFFD
    return codec != "utf-8" and len(high.decode(codec, errors="replace")) == len(high)


def _plausibility(text: str) -> tuple[float, int]:
    """(share of common Chinese characters among the non-ASCII ones, how many were counted).
    Text read in the wrong CJK encoding is made of whatever characters the byte pairs hit, which
    are mostly rare ones; text read right is mostly common ones, even in a short page."""
    counted = [c for c in text[:_EVIDENCE_SAMPLE] if c > "\x7f" and not c.isspace()]
    if not counted:
        return 0.0, 0
    return sum(c in _COMMON for c in counted) / len(counted), len(counted)


def _bom_codec(data: bytes) -> str | None:
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def _bom_length(data: bytes) -> int:
    return next(len(bom) for bom, _ in _BOMS if data.startswith(bom))


def _declared_codec(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_HEAD])
    codec = canonical_codec(match.group(1).decode("ascii")) if match else None
    return None if codec is None or codec.replace("-", "_") in _NOT_DECLARABLE else codec


def _checked(decoded: Decoded) -> Decoded:
    """Refuse text that is mostly replacement or control characters."""
    text = decoded.text
    if not text:
        return decoded
    sample = text[:65536]
    if sample.count("\ufffd") > 0.3 * len(sample):
        raise UndecodablePage(
            "no text encoding fits these bytes (read as {encoding}, {undecodable} of "
            "{characters} characters were undecodable)",
            encoding=decoded.encoding, undecodable=sample.count(chr(0xFFFD)), characters=len(sample)
        )
    if len(_CONTROL.findall(sample)) > 0.1 * len(sample):
        raise BinaryData("binary data (mostly control characters), not a text or HTML page")
    return decoded
