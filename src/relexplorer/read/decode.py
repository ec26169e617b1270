"""Decoding: raw bytes to text, or a one-line :class:`ReadError` saying why not.

UTF-8 (with or without BOM), UTF-16/32 with a BOM, BOM-less UTF-16 recognised by its NUL
pattern, otherwise a legacy encoding detected by ``charset_normalizer`` when it is confident.
Binary (recognised by its magic number, NUL bytes or control characters), empty and
undecodable files raise :class:`ReadError` with one line.
"""

from __future__ import annotations

import re

from relexplorer.errors import ReadError

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"%PDF-", "a PDF document (convert it to text first)"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office document"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"BZh91AY&SY", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"wOFF", "a web font"),
)

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

# The heuristics below look at the start of the data only: this many bytes (for the NUL
# pattern of UTF-16) or characters (for the share of control characters).
_SAMPLE_SIZE = 65536
# BOM-less UTF-16: at most this share of NUL bytes on one side, relative to the other side.
_UTF16_NUL_IMBALANCE = 0.02
# Decoded text is plausible with at most these shares of control and unprintable characters.
_MAX_CONTROL_SHARE = 0.01
_MAX_UNPRINTABLE_SHARE = 0.05
# A detected encoding other than a Western code page is trusted up to this chaos score.
_MAX_CHAOS = 0.25


def decode_bytes(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode raw bytes to text; return ``(text, encoding)`` or raise :class:`ReadError`."""
    if not data.strip():
        raise ReadError(f"{name}: empty file")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ReadError(f"{name}: binary file ({what}), not a text article")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        enc = "utf-32-le" if data[0] == 0xFF else "utf-32-be"
        return _strict(data[4:], enc, name), enc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16-le" if data[0] == 0xFF else "utf-16-be"
        return _strict(data[2:], enc, name), enc
    if b"\x00" in data:
        sample = data[:_SAMPLE_SIZE]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        # BOM-less UTF-16: the NULs of ASCII characters all fall on one side
        for enc, likely in (
            ("utf-16-le", odd > 0 and even <= _UTF16_NUL_IMBALANCE * odd),
            ("utf-16-be", even > 0 and odd <= _UTF16_NUL_IMBALANCE * even),
        ):
            if likely and len(data) % 2 == 0:
                try:
                    text = data.decode(enc)
                except UnicodeDecodeError:
                    continue
                if _plausible(text):
                    return text, enc
        raise ReadError(f"{name}: binary file (contains NUL bytes), not a text article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(data, name)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"{name}: invalid {encoding.upper()} text (byte {exc.start}: {exc.reason})"
        ) from None
    if "\x00" in text:
        raise ReadError(f"{name}: binary file (contains NUL characters), not a text article")
    return text


def _plausible(text: str) -> bool:
    sample = text[:_SAMPLE_SIZE]
    if not sample or "\x00" in sample:
        return False
    bad = len(_CONTROL_CHARS.findall(sample))
    unprintable = sum(1 for c in sample if not (c.isprintable() or c in "\n\r\t"))
    return (
        bad <= _MAX_CONTROL_SHARE * len(sample)
        and unprintable <= _MAX_UNPRINTABLE_SHARE * len(sample)
    )


# Single-byte code pages that charset_normalizer confuses with one another on Western text;
# for any of them Windows-1252 (the usual legacy encoding of English and West European web
# text) is what we try first.
_WESTERN = re.compile(
    r"(cp125[027]|cp437|cp775|cp85[028]|cp858|cp1140|latin_1|iso8859_(1|2|3|4|9|10|13|14|15|16)"
    r"|mac_(roman|latin2|iceland|turkish|croatian|romanian)|hp_roman8|cp037|cp500|ascii)$"
)


def _detect(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError(
            f"{name}: cannot decode: not UTF-8, and no other text encoding fits (binary?)"
        )
    encoding = best.encoding
    if _WESTERN.match(encoding):
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = str(best)
    else:
        if best.chaos > _MAX_CHAOS:
            raise ReadError(
                f"{name}: cannot decode: not UTF-8, and the best guess ({encoding}) is unreliable"
            )
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise ReadError(f"{name}: cannot decode as {encoding} (detected) or as UTF-8") from None
    if not _plausible(text):
        raise ReadError(f"{name}: binary file (control characters), not a text article")
    return text, encoding
