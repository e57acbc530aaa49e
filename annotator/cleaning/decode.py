"""Page bytes -> str: refuse binary files, then BOM, HTML charset declaration, detection.

Chinese pages lie about their encoding in a known way: "gb2312"/"gbk" pages hold characters only
GB18030 has, "big5" pages hold Hong Kong characters only Big5-HKSCS has. Both supersets decode
every valid byte of the smaller encoding identically, so we always read with the superset.
Bytes that still do not decode become U+FFFD; the damage step flags them.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

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
    "latin_1": "cp1252",  # what browsers do with a page that says latin-1
}

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.I
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HEAD = 4096  # bytes searched for a charset declaration


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the codec we read with


def canonical_codec(name: str) -> str | None:
    """Python's codec for an encoding label, widened to its superset; None if unknown."""
    label = name.strip().lower()
    try:
        codec = codecs.lookup(label.removeprefix("x-")).name  # web labels: x-gbk, x-big5
    except LookupError:
        return None
    key = codec.replace("-", "_")
    return _SUPERSETS.get(key, codec)


def refuse_binary(data: bytes) -> None:
    """Raise BinaryData for files that are plainly not text."""
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            raise BinaryData(f"binary data ({what}), not a text or HTML page")
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        kind = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
        raise BinaryData(f"binary data ({kind}), not a text or HTML page")
    if data[4:8] == b"ftyp":
        raise BinaryData("binary data (MP4/QuickTime video), not a text or HTML page")
    if not _bom_codec(data) and b"\x00" in data[:65536]:
        raise BinaryData("binary data (holds NUL bytes), not a text or HTML page")


def decode_page(data: bytes, *, look_for_meta: bool) -> Decoded:
    """Decode with the BOM, else the page's own charset declaration, else detection."""
    codec = _bom_codec(data)
    if codec:
        body = data[_bom_length(data) :]
        return _checked(Decoded(body.decode(codec, errors="replace"), codec))
    declared = _declared_codec(data) if look_for_meta else None
    if declared:
        try:
            return _checked(Decoded(data.decode(declared), declared))
        except UnicodeDecodeError:
            pass  # the declaration lies; detect instead
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    guess = charset_normalizer.from_bytes(data).best()
    codec = (guess and canonical_codec(guess.encoding)) or declared or "utf-8"
    return _checked(Decoded(data.decode(codec, errors="replace"), codec))


def _bom_codec(data: bytes) -> str | None:
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def _bom_length(data: bytes) -> int:
    return next(len(bom) for bom, _ in _BOMS if data.startswith(bom))


def _declared_codec(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_HEAD])
    return canonical_codec(match.group(1).decode("ascii")) if match else None


def _checked(decoded: Decoded) -> Decoded:
    """Refuse text that is mostly replacement or control characters."""
    text = decoded.text
    if not text:
        return decoded
    sample = text[:65536]
    if sample.count("\ufffd") > 0.3 * len(sample):
        raise UndecodablePage(
            f"no text encoding fits these bytes (read as {decoded.encoding}, "
            f"{sample.count(chr(0xFFFD))} of {len(sample)} characters were undecodable)"
        )
    if len(_CONTROL.findall(sample)) > 0.1 * len(sample):
        raise BinaryData("binary data (mostly control characters), not a text or HTML page")
    return decoded
