"""Character normalisation with an offset map: NFC plus a small table of look-alike fixes, and
underscores joining the syllables of a word (word-segmented text: "Đảng_bộ") read as spaces.

Only clusters that change are rebuilt; the rest is copied, so the map stays exact and cheap.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from extractor.offsets import OffsetMap
from extractor.rules import load_rules


# "Đảng_bộ", "chỉ_tiêu": VietNews, VnCoreNLP and underthesea's own output join a word's syllables so
JOINED_SYLLABLES = regex.compile(r"(?<=\p{L}\p{M}*)_(?=\p{L})")


@lru_cache(maxsize=1)
def character_fixes() -> dict[str, str]:
    """Single characters replaced after NFC (legacy-font look-alikes, exotic spaces)."""
    rows = load_rules("extractor.cleaning", "character_fixes.json")
    fixes = {}
    for row in rows:
        fixes[row["char"]] = row["replacement"]
    return fixes


@lru_cache(maxsize=1)
def spelling_fixes() -> tuple[tuple["regex.Pattern[str]", dict[str, str]], ...]:
    """Misspellings fixed letter for letter after NFC (a lost horn: 'uớc' → 'ước'); one character
    for one, so the offset map stays as it is."""
    rows = load_rules("extractor.cleaning", "spelling_fixes.json")
    return tuple((regex.compile(row["pattern"]), row["replacements"]) for row in rows)


def _codes_nfc_may_change():
    # Outside the BMP only musical symbols and CJK compatibility ideographs change under NFC.
    yield from range(0x80, 0x10000)
    yield from range(0x1D100, 0x1D200)
    yield from range(0x2F800, 0x2FA20)


@lru_cache(maxsize=1)
def _singletons() -> frozenset[str]:
    # Single characters that NFC or the fix table changes on their own (compatibility
    # singletons such as U+212B, the look-alikes of the fix table).
    singletons = set(character_fixes())
    for code in _codes_nfc_may_change():
        char = chr(code)
        if unicodedata.combining(char) == 0 and unicodedata.normalize("NFC", char) != char:
            singletons.add(char)
    return frozenset(singletons)


@lru_cache(maxsize=1)
def _changing_cluster() -> "regex.Pattern[str]":
    """A base followed by combining marks, a stray mark, or a singleton (the reference pattern;
    ``changing_clusters`` finds the same spans faster)."""
    escaped = "".join(regex.escape(c) for c in sorted(_singletons()))
    return regex.compile(rf"(?s).\p{{M}}+|\p{{M}}+|[{escaped}]")


@lru_cache(maxsize=256)
def _cluster_anchor(present: frozenset[str]) -> "regex.Pattern[str]":
    # Starts with a mark or one of the singletons the text holds, so the engine skips ordinary
    # text quickly instead of trying "any character followed by a mark" at every position (a
    # class of all ~1,100 singletons is itself slow to test).
    if not present:
        return regex.compile(r"(?P<marks>\p{M}+)")
    escaped = "".join(regex.escape(c) for c in sorted(present))
    return regex.compile(rf"(?P<marks>\p{{M}}+)|[{escaped}]\p{{M}}*")


def changing_clusters(raw: str):
    """(start, end) of every cluster ``_changing_cluster`` matches, in order: a run of marks
    takes the character before it as its base (that character is never part of an earlier
    cluster: a cluster never ends right before a mark)."""
    present = _singletons().intersection(raw)
    for match in _cluster_anchor(frozenset(present)).finditer(raw):
        start, end = match.span()
        if start > 0 and match.group("marks") is not None:
            start -= 1
        yield start, end


@lru_cache(maxsize=4096)
def _normalized_cluster(cluster: str) -> str:
    return normalize_chars(cluster)


def normalize_chars(text: str) -> str:
    """The normalisation applied to every character of the raw text (NFC, then the fix table)."""
    fixes = character_fixes()
    return "".join(fixes.get(c, c) for c in unicodedata.normalize("NFC", text))


# A no-break, narrow, figure or thin space between groups of three digits groups thousands, as
# statistics offices write them ("58 214 người", "1 014 825"): dropped, so the figure is one number.
# An ordinary space is left alone: it also separates the cells of a flattened table ("120 135 140").
GROUPING_SPACES = "\u00a0\u202f\u2007\u2009"
GROUPED_DIGITS = regex.compile(rf"(?<![\d.,])[1-9]\d{{0,2}}(?:[{GROUPING_SPACES}]\d{{3}})+(?!\d|[.,]\d{{3}}(?!\d))")
GROUPING_SPACE = regex.compile(rf"[{GROUPING_SPACES}]")


def _grouping_spaces(raw: str) -> frozenset[int]:
    """Raw positions of the spaces that group a figure's thousands."""
    if not any(char in raw for char in GROUPING_SPACES):
        return frozenset()
    return frozenset(space.start() for figure in GROUPED_DIGITS.finditer(raw)
                     for space in GROUPING_SPACE.finditer(raw, figure.start(), figure.end()))


def normalize_with_map(raw: str) -> tuple[str, OffsetMap]:
    """Return the normalised text and a map from each of its characters to raw offsets."""
    pieces: list[str] = []
    offsets = OffsetMap()
    position = 0
    grouping = _grouping_spaces(raw)
    for start, end in changing_clusters(raw):
        if start > position:
            pieces.append(raw[position:start])
            offsets.extend_identity(position, start - position)
        original = raw[start:end]
        cluster = "" if start in grouping else _normalized_cluster(original)
        pieces.append(cluster)
        if len(cluster) == end - start and cluster == original:
            offsets.extend_identity(start, end - start)
        else:
            offsets.extend_same(start, end, len(cluster))
        position = end
    if position < len(raw):
        pieces.append(raw[position:])
        offsets.extend_identity(position, len(raw) - position)
    text = "".join(pieces)
    if "_" in text:  # one character for one: the map stays as it is
        text = JOINED_SYLLABLES.sub(" ", text)
    for pattern, replacements in spelling_fixes():
        text = pattern.sub(lambda match: replacements.get(match.group(), match.group()), text)
    return text, offsets
