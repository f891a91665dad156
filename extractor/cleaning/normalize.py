"""Character normalisation with an offset map: NFC plus a small table of look-alike fixes.

Only clusters that change are rebuilt; the rest is copied, so the map stays exact and cheap.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from importlib import resources

import regex

from extractor.offsets import OffsetMap


@lru_cache(maxsize=1)
def character_fixes() -> dict[str, str]:
    """Single characters replaced after NFC (legacy-font look-alikes, exotic spaces)."""
    rows = json.loads(resources.files("extractor.cleaning").joinpath("character_fixes.json").read_text(encoding="utf-8"))
    fixes = {}
    for row in rows:
        assert set(row) <= {"id", "char", "replacement", "why"}, row
        fixes[row["char"]] = row["replacement"]
    return fixes


def _codes_nfc_may_change():
    # Outside the BMP only musical symbols and CJK compatibility ideographs change under NFC.
    yield from range(0x80, 0x10000)
    yield from range(0x1D100, 0x1D200)
    yield from range(0x2F800, 0x2FA20)


@lru_cache(maxsize=1)
def _changing_cluster() -> "regex.Pattern[str]":
    # A base followed by combining marks, a stray mark, or a single character that NFC or the
    # fix table changes on its own (compatibility singletons such as U+212B).
    singletons = set(character_fixes())
    for code in _codes_nfc_may_change():
        char = chr(code)
        if unicodedata.combining(char) == 0 and unicodedata.normalize("NFC", char) != char:
            singletons.add(char)
    escaped = "".join(regex.escape(c) for c in sorted(singletons))
    return regex.compile(rf"(?s).\p{{M}}+|\p{{M}}+|[{escaped}]")


def normalize_chars(text: str) -> str:
    """The normalisation applied to every character of the raw text (NFC, then the fix table)."""
    fixes = character_fixes()
    return "".join(fixes.get(c, c) for c in unicodedata.normalize("NFC", text))


def normalize_with_map(raw: str) -> tuple[str, OffsetMap]:
    """Return the normalised text and a map from each of its characters to raw offsets."""
    pieces: list[str] = []
    offsets = OffsetMap()
    position = 0
    for match in _changing_cluster().finditer(raw):
        start, end = match.span()
        if start > position:
            pieces.append(raw[position:start])
            offsets.extend_identity(position, start - position)
        cluster = normalize_chars(match.group())
        pieces.append(cluster)
        if len(cluster) == end - start:
            offsets.extend_identity(start, end - start) if cluster == match.group() else offsets.extend_same(start, end, len(cluster))
        else:
            offsets.extend_same(start, end, len(cluster))
        position = end
    if position < len(raw):
        pieces.append(raw[position:])
        offsets.extend_identity(position, len(raw) - position)
    return "".join(pieces), offsets
