"""Decode raw report bytes to Unicode text, including legacy Vietnamese 8-bit encodings.

Order of checks in `decode_bytes`: empty -> byte order marks -> known binary signatures ->
UTF-16 without BOM (NUL pattern) -> binary (NULs, control characters) -> strict UTF-8 ->
the best-scoring Vietnamese 8-bit reading (Windows-1258, TCVN3/ABC, VNI Windows).

Legacy tables live in `data/tcvn3.tsv` and `data/vni.tsv` (legacy bytes in hex, the same
bytes shown as Latin-1 characters, the Unicode letter, its name); the syllable list of underthesea's dictionary
helps rank readings. All are read lazily, once.

The 8-bit readings are scored by the share of tokens with a non-ASCII letter that are
well-formed Vietnamese syllables (frequent ones count double); ASCII tokens are the same
in every reading and do not count. Very short texts (two or three words) can stay
ambiguous: 'Sôn' is both cp1258 for itself and a misreading of VNI 'Sơn'.

Known limits of the TCVN3 (ABC, TCVN 5712:1993 VN3) table:
- ABC documents write most toned capitals (À, Ả, Ế...) with separate uppercase fonts
  (.VnTimeH...) that reuse the lowercase byte positions, so such text decodes as lowercase;
  the font is not in the bytes. We map what the single-byte table defines: 67 lowercase
  letters, Ă Â Ê Ô Ơ Ư Đ, and the 16 toned capitals that TCVN 5712 places in 0xA1-0xFF.
- The VN1 capitals in 0x01-0x17 and 0x80-0x9F are not mapped: ABC fonts keep Windows
  punctuation (“ ” – …) at 0x80-0x9F and those low bytes are control characters.
- The five combining tone marks at 0xB0-0xB4 are not mapped: ABC input methods never emit
  them, and in real reports those bytes are the symbols ° ± ² ³ ´ (e.g. 25°C).
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from extractor.syllables import common_syllables, is_syllable

LEGACY_ENCODINGS = ("tcvn3", "vni")
# On equal scores the earlier candidate wins: Windows-1258 is what Windows itself wrote.
_EIGHT_BIT_CANDIDATES = ("cp1258", "tcvn3", "vni")

_SCORING_SAMPLE_BYTES = 200_000
_CP1258_DEFINED_BYTES = bytes(b for b in range(256) if bytes([b]).decode("cp1258", errors="ignore"))
_UNDECODABLE = "undecodable bytes: not UTF-8/UTF-16 and no Vietnamese 8-bit encoding fits"

_BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
)

# Whitespace controls that occur in real text files; \v is Word's manual line break.
_TEXT_CONTROLS = "\t\n\v\f\r"
_CONTROL_CHARS = "".join(chr(c) for c in [*range(0x20), 0x7F] if chr(c) not in _TEXT_CONTROLS)
_NON_CONTROL_BYTES = bytes(b for b in range(256) if chr(b) not in _CONTROL_CHARS)


class DecodeError(ValueError):
    """Raised with a short human reason, e.g. 'empty file', 'binary file (NUL bytes)'."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Decoded:
    text: str  # as decoded: not normalised, not stripped, newlines untouched
    encoding: str  # utf-8, utf-8-sig, utf-16-le/be, utf-32-le/be, cp1258, tcvn3, vni
    replaced: tuple[int, ...] = ()  # text offsets of U+FFFD put for undecodable bytes of a UTF-8 file


# A UTF-8 report with a stray byte or cut mid-character keeps its text: at most this many bad
# byte sequences, and at most this share of the bytes, become U+FFFD (reported), not a rejection.
MAX_BAD_UTF8_SEQUENCES = 64
MAX_BAD_UTF8_SHARE = 0.002


# ---------------------------------------------------------------------------------------
# decode_bytes


def decode_bytes(data: bytes) -> Decoded:
    """Decode report bytes, detecting Unicode forms and legacy Vietnamese 8-bit encodings."""
    if not data:
        raise DecodeError("empty file")
    decoded = _decode_with_bom(data)
    if decoded is None:
        _reject_binary_signature(data)
        decoded = _decode_utf16_without_bom(data)
    if decoded is not None:
        _reject_control_heavy_text(decoded.text)
        return decoded
    _reject_binary_bytes(data)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")  # plain ASCII lands here
    except UnicodeDecodeError:
        mostly = _mostly_utf8(data)
        return mostly if mostly is not None else _decode_vietnamese_8bit(data)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bad byte sequences (a stray byte, a file cut mid-character): decoded with
    U+FFFD for each, their offsets kept so the document can say where."""
    bad: list[tuple[int, int]] = []

    def note(error: UnicodeDecodeError):
        bad.append((error.start, error.end))
        return "\ufffd", error.end

    codecs.register_error("extractor-note", note)
    text = data.decode("utf-8", errors="extractor-note")
    if not bad or len(bad) > MAX_BAD_UTF8_SEQUENCES or sum(b - a for a, b in bad) > MAX_BAD_UTF8_SHARE * len(data):
        return None
    replaced, byte_cursor, char_cursor = [], 0, 0
    for start, end in bad:  # byte offset of each bad run → character offset of its U+FFFD
        char_cursor += len(data[byte_cursor:start].decode("utf-8"))
        replaced.append(char_cursor)
        char_cursor += 1
        byte_cursor = end
    return Decoded(text, "utf-8", tuple(replaced))


def _decode_with_bom(data: bytes) -> Decoded | None:
    # UTF-32-LE's BOM starts with UTF-16-LE's, so UTF-32 is tried first.
    boms = (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            codec = "utf-8" if encoding == "utf-8-sig" else encoding
            return Decoded(_decode_after_bom(data[len(bom):], codec), encoding)
    return None


def _decode_after_bom(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise DecodeError(f"undecodable bytes: {codec} byte order mark but invalid {codec}") from None


def _reject_binary_signature(data: bytes) -> None:
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise DecodeError(f"binary file ({kind})")


def _decode_utf16_without_bom(data: bytes) -> Decoded | None:
    encoding = _utf16_by_nul_pattern(data[:4096])
    if encoding is None or len(data) % 2:
        return None
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return None  # not UTF-16 after all: the binary check will explain the NULs


def _utf16_by_nul_pattern(sample: bytes) -> str | None:
    """UTF-16 of mostly-Latin text has NULs in every other byte and (almost) none between."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    half = len(sample) // 2
    nuls_at_even = sample[0::2].count(0) / half
    nuls_at_odd = sample[1::2].count(0) / half
    if nuls_at_odd >= 0.5 and nuls_at_even <= 0.02:
        return "utf-16-le"
    if nuls_at_even >= 0.5 and nuls_at_odd <= 0.02:
        return "utf-16-be"
    return None


def _reject_binary_bytes(data: bytes) -> None:
    if b"\x00" in data:
        raise DecodeError("binary file (NUL bytes)")
    controls = len(data.translate(None, _NON_CONTROL_BYTES))  # what is left are controls
    if _too_many_controls(controls, len(data)):
        raise DecodeError("binary file (control characters)")


def _reject_control_heavy_text(text: str) -> None:
    if "\x00" in text:
        raise DecodeError("binary file (NUL characters)")
    controls = sum(text.count(c) for c in _CONTROL_CHARS)
    if _too_many_controls(controls, len(text)):
        raise DecodeError("binary file (control characters)")


def _too_many_controls(count: int, length: int) -> bool:
    # A stray Ctrl-Z or escape in a long text file is tolerated; a sprinkling is binary.
    return count > 2 and count > 0.005 * length


# ---------------------------------------------------------------------------------------
# 8-bit Vietnamese


def _decode_vietnamese_8bit(data: bytes) -> Decoded:
    # Judge on a prefix (enough text to tell), then decode the whole file once.
    sample = data[:_SCORING_SAMPLE_BYTES]
    best: tuple[tuple[float, int], str] | None = None
    for encoding in _EIGHT_BIT_CANDIDATES:
        if encoding == "cp1258" and data.translate(None, _CP1258_DEFINED_BYTES):
            continue  # bytes that Windows-1258 leaves undefined
        score = _score_vietnamese(_decode_8bit(sample, encoding))
        if score.looks_like_text and (best is None or score.rank > best[0]):
            best = (score.rank, encoding)
    if best is None:
        raise DecodeError(_UNDECODABLE)
    encoding = best[1]
    return Decoded(_decode_8bit(data, encoding), encoding)


def _decode_8bit(data: bytes, encoding: str) -> str:
    if encoding == "cp1258":
        return data.decode("cp1258")  # keeps the codec's combining tone marks as decoded
    if encoding == "tcvn3":
        return codecs.charmap_decode(data, "strict", _byte_table("tcvn3"))[0]
    return convert_legacy(codecs.charmap_decode(data, "strict", _byte_table(None))[0], encoding)


@functools.lru_cache(maxsize=None)
def _byte_table(encoding: str | None) -> str:
    """256 characters: each byte as legacy fonts show it (cp1252, Latin-1 in cp1252's holes),
    with the single-byte letters of `encoding` applied."""
    shown = [bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte in range(256)]
    if encoding is not None:
        for legacy, letter in _load_table(encoding).items():
            if len(legacy) == 1:
                shown[ord(legacy)] = letter
    return "".join(shown)


# ---------------------------------------------------------------------------------------
# legacy tables and conversion


def convert_legacy(text: str, encoding: str) -> str:
    """Legacy TCVN3/VNI text shown as Latin-1/cp1252 characters -> Unicode (NFC)."""
    if encoding == "tcvn3":
        converted = text.translate(_tcvn3_translation())
    elif encoding == "vni":
        table = _load_table("vni")
        converted = _vni_pattern().sub(lambda match: table[match[0]], text)
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {LEGACY_ENCODINGS}")
    return unicodedata.normalize("NFC", converted)


@functools.lru_cache(maxsize=None)
def _load_table(encoding: str) -> Mapping[str, str]:
    """legacy sequence (as Latin-1 characters) -> Unicode letter, from data/<encoding>.tsv."""
    path = resources.files("extractor.reading.data") / f"{encoding}.tsv"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        legacy_hex, _shown, unicode_letter, _name = line.split("\t")
        # The hex column is authoritative: the shown column holds invisible characters (U+00AD).
        table[bytes.fromhex(legacy_hex).decode("latin-1")] = unicode_letter
    return MappingProxyType(table)


@functools.lru_cache(maxsize=1)
def _tcvn3_translation() -> Mapping[int, str]:
    return MappingProxyType({ord(legacy): letter for legacy, letter in _load_table("tcvn3").items()})


@functools.lru_cache(maxsize=1)
def _vni_pattern() -> re.Pattern[str]:
    # Longest first, so 'ôù' (ớ) wins over 'ô' (ơ) followed by a stray 'ù'.
    sequences = sorted(_load_table("vni"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, sequences)))


# ---------------------------------------------------------------------------------------
# detect_legacy_text


def detect_legacy_text(text: str) -> str | None:
    """'tcvn3'/'vni' when Unicode text is clearly legacy-font text read as Latin-1, else None."""
    original = _score_vietnamese(text)
    if original.vietnamese_words and original.valid_ratio > 0.5:
        return None  # already reads as Vietnamese
    best: tuple[tuple[float, int], str] | None = None
    for encoding in LEGACY_ENCODINGS:
        converted = _score_vietnamese(convert_legacy(text, encoding))
        clearly = converted.vietnamese_words >= 2 and converted.valid_ratio >= 0.8
        if clearly and converted.valid > original.valid and (best is None or converted.rank > best[0]):
            best = (converted.rank, encoding)
    return best[1] if best else None


# ---------------------------------------------------------------------------------------
# how Vietnamese does a text look

_ACRONYM_WITH_D_STROKE = re.compile(r"[A-Z]*Đ[A-ZĐ]*")  # HĐND, QĐ, ĐBSCL: frequent, not syllables
# Tokens run up to whitespace, ASCII digits/punctuation or typography that no legacy table
# uses as a letter, so a legacy letter read as a symbol ('®i', 'gi÷a') spoils its token.
_TOKEN = re.compile(r"[^\s0-9!-/:-@\[-`{-~“”‘’–—…•°]+")
# Characters that rarely occur in text: controls (C0 but whitespace, DEL, C1), U+FFFD, and
# non-ASCII non-letters other than the usual Windows typography.
_ODD_CHAR = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]|[^\x00-\x7f\w\u00a0“”‘’‚„–—…•°·§«»©®™€£±×÷]")


@dataclass(frozen=True)
class _VietnameseScore:
    words: int  # all tokens
    vietnamese_words: int  # tokens with a non-ASCII character: where readings differ
    valid: int  # ... of which are well-formed Vietnamese syllables
    common: int  # ... of which are frequent report words
    odd_chars: int  # control characters and non-ASCII symbols outside words
    chars: int

    @property
    def valid_ratio(self) -> float:
        return self.valid / self.vietnamese_words if self.vietnamese_words else 0.0

    @property
    def rank(self) -> tuple[float, int]:
        # Well-formed syllables count once, frequent ones twice: many misreadings are
        # well-formed ('Sôn' for VNI 'Sơn') but few are frequent words.
        if not self.vietnamese_words:
            return (0.0, 0)
        return ((self.valid + self.common) / self.vietnamese_words, self.valid)

    @property
    def looks_like_text(self) -> bool:
        if self.odd_chars > 0.05 * max(self.chars, 1):
            return False
        if self.valid_ratio >= 0.5:
            return True
        # Essentially ASCII text with a few Latin-1 words ('café', '25°C'): still text.
        return self.vietnamese_words <= 0.05 * self.words


def _score_vietnamese(text: str) -> _VietnameseScore:
    text = unicodedata.normalize("NFC", text)  # cp1258 decodes to combining marks
    words = _TOKEN.findall(text)
    non_ascii_words = [word for word in words if not word.isascii()]
    valid = [word.lower() for word in non_ascii_words if _is_vietnamese_word(word)]
    common = common_syllables()
    return _VietnameseScore(
        words=len(words),
        vietnamese_words=len(non_ascii_words),
        valid=len(valid),
        common=sum(word in common for word in valid),
        odd_chars=len(_ODD_CHAR.findall(text)),
        chars=len(text),
    )


def _is_vietnamese_word(token: str) -> bool:
    return is_syllable(token.lower()) or bool(_ACRONYM_WITH_D_STROKE.fullmatch(token))
