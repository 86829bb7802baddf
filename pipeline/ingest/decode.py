"""The one decoder: file bytes -> text, or a clear verdict that they are not text.

In order:

1. a byte order mark decides (UTF-8, UTF-16 LE/BE);
2. NUL bytes in the first 4 KB: UTF-16 without a byte order mark if the bytes read as plausible
   UTF-16 text in either byte order (:func:`guess_utf16`), else binary;
3. valid UTF-8 is UTF-8;
4. invalid UTF-8 that reads as plausible UTF-16 (Cyrillic or Greek text has no NUL bytes when it has
   no spaces) is UTF-16;
5. UTF-8 with a few bad bytes (at least as many valid multi-byte characters as bad bytes) keeps its
   valid UTF-8 and replaces each bad byte sequence by U+FFFD, with a warning naming the first offset;
6. else a single-byte encoding (cp1252, else Latin-1), if the result reads as Western text (at
   most 30% non-ASCII characters); random bytes 0x80-0xFF do not.

Whatever was decoded is refused as binary when more than 1% of it is control characters.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass
from typing import Any

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
SAMPLE = 4096  # bytes looked at for NULs
UTF16_SAMPLE = 16384  # bytes decoded to judge UTF-16
MAX_SINGLE_BYTE_NON_ASCII = 0.30  # Western text in cp1252 is mostly ASCII; binary 0x80-0xFF is not
MAX_CONTROL_SHARE = 0.01
# C0 controls except \t \n \v \f \r, DEL, and the C1 controls (what Latin-1 makes of stray bytes)
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass
class Decoded:
    """The verdict on a file's bytes: ``text`` (None for binary), the codec that worked, a warning
    (or, for binary, the reason), and the byte offset of the first bad byte when bytes were replaced."""

    text: str | None
    codec: str | None = None
    problem: str | None = None
    bad_offset: int | None = None


# ---------------------------------------------------------------- UTF-8 with bad bytes

_bad_offsets = threading.local()


def _record_and_replace(exc: UnicodeDecodeError) -> tuple[str, int]:
    _bad_offsets.found.append(exc.start)
    return "\ufffd", exc.end


codecs.register_error("pipeline-record-replace", _record_and_replace)


def decode_utf8_replacing(data: bytes) -> tuple[str, list[int]]:
    """UTF-8 with every bad byte sequence replaced by U+FFFD, and the offsets of those sequences."""
    _bad_offsets.found = []
    try:
        text = data.decode("utf-8", errors="pipeline-record-replace")
        return text, _bad_offsets.found
    finally:
        _bad_offsets.found = []


def non_ascii_count(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


# ---------------------------------------------------------------- UTF-16 without a byte order mark


def plausible_utf16(text: str) -> bool:
    """Text, not noise: few control characters, spaces between words, and nearly every character
    in one of three 256-character blocks (English text: Basic Latin; Cyrillic text: Basic Latin +
    Cyrillic). Bytes read in the wrong byte order, or binary data, scatter over the CJK blocks
    instead, or have no spaces."""
    if not text:
        return False
    if len(CONTROL_CHARS.findall(text)) > MAX_CONTROL_SHARE * len(text):
        return False
    spaces = sum(1 for ch in text if ch.isspace())
    if (len(text) >= 16 and not spaces) or (len(text) >= 100 and spaces < 0.02 * len(text)):
        return False
    blocks: dict[int, int] = {}
    for ch in text:
        block = ord(ch) >> 8
        blocks[block] = blocks.get(block, 0) + 1
    top = sorted(blocks.values(), reverse=True)[:3]
    return sum(top) >= 0.9 * len(text)


def guess_utf16(data: bytes) -> str | None:
    """The byte order in which ``data`` reads as plausible UTF-16 text, or None."""
    sample = data[: min(len(data), UTF16_SAMPLE) // 2 * 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError as exc:
            if exc.start < len(sample) - 4:  # only a surrogate pair cut by the sample's end is fine
                continue
            text = sample[: exc.start].decode(codec)
        if plausible_utf16(text):
            return codec
    return None


def _decode_utf16(data: bytes, codec: str, how: str) -> Decoded:
    body = data[: len(data) // 2 * 2]
    try:
        text = body.decode(codec)
    except UnicodeDecodeError:
        return Decoded(None, problem=f"{how} but does not decode as {codec.upper()}")
    note = "" if len(data) % 2 == 0 else "; its odd last byte was dropped"
    return Decoded(text, codec, f"decoded as {codec.upper()} ({how}){note}")


# ---------------------------------------------------------------- the decoder


def decode_bytes(data: bytes) -> tuple[str | None, str | None, str | None]:
    """(text, encoding, problem) of file bytes; see :func:`decode`."""
    d = decode(data)
    return d.text, d.codec, d.problem


def decode(data: bytes) -> Decoded:
    """Decode file bytes (see the module's docstring for the order of the tests).

    ``problem`` is a warning for text that was not clean UTF-8 (naming what was done), or, when
    ``text`` is None, why the bytes are not text."""
    if data.startswith(UTF8_BOM):
        return _utf8(data[3:], "utf-8-sig", offset=3, declared=True)
    for bom, codec in UTF16_BOMS:
        if data.startswith(bom):
            d = _decode_utf16(data[len(bom) :], codec, "byte order mark")
            if d.text is None:
                d.problem = f"has a {codec.upper()} byte order mark but does not decode as {codec.upper()}"
            return _refuse_controls(d)
    if b"\x00" in data[:SAMPLE]:
        codec = guess_utf16(data)
        if codec:
            return _refuse_controls(_decode_utf16(data, codec, "no byte order mark"))
        return Decoded(None, problem="binary file (NUL bytes); not a text article")
    try:
        return _refuse_controls(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    codec = guess_utf16(data)
    if codec:
        return _refuse_controls(_decode_utf16(data, codec, "no byte order mark"))
    return _utf8(data, "utf-8")


def _utf8(data: bytes, codec: str, offset: int = 0, declared: bool = False) -> Decoded:
    """UTF-8 (``declared`` by a byte order mark, or not); with bad bytes, the replacing or, for
    undeclared UTF-8 with few valid multi-byte characters, the single-byte fallback."""
    text, bad = decode_utf8_replacing(data)
    if not bad:
        return _refuse_controls(Decoded(text, codec))
    first = bad[0] + offset
    valid_multibyte = non_ascii_count(text) - len(bad)
    if declared or (valid_multibyte > 0 and valid_multibyte >= len(bad)):
        many = f" ({len(bad)} places in all)" if len(bad) > 1 else ""
        return _refuse_controls(
            Decoded(
                text,
                codec,
                f"not valid UTF-8 at byte {first}{many}; the bad bytes are replaced by U+FFFD, the rest read as UTF-8",
                bad_offset=first,
            )
        )
    return _single_byte(data, first)


def _single_byte(data: bytes, first_bad: int) -> Decoded:
    try:
        text, codec = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, codec = data.decode("latin-1"), "latin-1"
    if non_ascii_count(text) > MAX_SINGLE_BYTE_NON_ASCII * len(text):
        return Decoded(None, problem="binary content (not text in UTF-8, UTF-16, cp1252 or Latin-1)")
    name = "cp1252" if codec == "cp1252" else "Latin-1"
    return _refuse_controls(Decoded(text, codec, f"not valid UTF-8 (byte {first_bad}); decoded as {name}"))


def _refuse_controls(d: Decoded) -> Decoded:
    if d.text is not None and looks_binary(d.text):
        return Decoded(None, problem=d.problem or "binary content (control characters)")
    return d


def looks_binary(text: str) -> bool:
    """Control characters other than whitespace in more than 1% of the text: not prose."""
    sample = text[:20000]
    if not sample:
        return False
    controls = len(CONTROL_CHARS.findall(sample))
    return controls > MAX_CONTROL_SHARE * len(sample)


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and a lone ``\\r`` become ``\\n``: every offset indexes the text so normalised."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------- strings from JSON and YAML


def has_lone_surrogates(text: str) -> bool:
    if text.isascii():
        return False
    try:
        text.encode("utf-8")  # faster than a search, and the question is exactly this
    except UnicodeEncodeError:
        return True
    return False


def replace_lone_surrogates(value: Any) -> tuple[Any, bool]:
    """``value`` with every lone surrogate (``"\\ud800"`` in JSON, or a file name that is not
    UTF-8) replaced by U+FFFD, in strings, list items and mapping keys and values; and whether
    anything was replaced. Such strings cannot be written as UTF-8."""
    if isinstance(value, str):
        if has_lone_surrogates(value):
            return LONE_SURROGATE.sub("\ufffd", value), True
        return value, False
    if isinstance(value, list):
        items = [replace_lone_surrogates(v) for v in value]
        return [v for v, _ in items], any(c for _, c in items)
    if isinstance(value, dict):
        changed = False
        out = {}
        for k, v in value.items():
            k2, ck = replace_lone_surrogates(k)
            v2, cv = replace_lone_surrogates(v)
            out[k2] = v2
            changed = changed or ck or cv
        return out, changed
    return value, False
