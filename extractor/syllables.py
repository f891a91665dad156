"""Vietnamese syllables: the one home of what a well-formed syllable is and how common it is.

Used to rank 8-bit readings (``reading.encodings``) and to undo PDF spacing artefacts
(``cleaning.spacing``: "V i ệ c s ắ p x ế p" and "chỉtiêu"). Frequencies come from underthesea's
general dictionary (a dependency), read as a file without importing the package, so they describe
general Vietnamese, not any one report.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

TONE_MARKS = MappingProxyType(
    {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}
)
_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]"
_NUCLEI = (
    "uyê|uya|uyu|iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|"
    "[aăâeêioôơuưy]"
)
_SYLLABLE = re.compile(f"(?:{_INITIALS})?(?:{_NUCLEI})(?P<final>ch|ng|nh|[cmnpt])?")
_STOP_FINALS = frozenset({"c", "ch", "p", "t"})  # a syllable closed by a stop only takes sắc or nặng
DICTIONARY = "Viet74K.txt"  # the largest word list underthesea ships
COMMON_SYLLABLE_COUNT = 800
MAX_SYLLABLE_LENGTH = 7  # "nghiêng", "nguyễn"


@functools.lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Lowercase NFC ``word`` is initial + vowel nucleus + final with at most one tone mark."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [TONE_MARKS[c] for c in decomposed if c in TONE_MARKS]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    match = _SYLLABLE.fullmatch(base)
    if match is None:
        return False
    if match["final"] in _STOP_FINALS:
        return bool(tones) and tones[0] in ("acute", "dot")
    return True


_MOVABLE_TONE = re.compile(r"(?<!q)(?:o[ae]|uy)$")  # hòa/hoà, khỏe/khoẻ, thủy/thuỷ: two spellings


def placement_variants(syllable: str) -> tuple[str, ...]:
    """The syllable and its spelling with the tone mark on the other vowel of a final "oa", "oe"
    or "uy" (old and new placement: "hòa"/"hoà", "ủy"/"uỷ"); texts use both."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [(i, c) for i, c in enumerate(decomposed) if c in TONE_MARKS]
    base = "".join(c for c in decomposed if c not in TONE_MARKS)
    if len(tones) != 1 or not _MOVABLE_TONE.search(base):
        return (syllable,)
    mark = tones[0][1]
    first, second = len(base) - 2, len(base) - 1
    variants = []
    for vowel in (first, second):
        marked = base[: vowel + 1] + mark + base[vowel + 1 :]
        variants.append(unicodedata.normalize("NFC", marked))
    return tuple(dict.fromkeys([syllable, *variants]))


_OLD_PLACEMENT = re.compile("([ou])([" + "".join(TONE_MARKS) + "])([aey])(?![^\\W\\d_]|[\u0300-\u036f])")


def spell(text: str) -> str:
    """One spelling per syllable: NFC, lower case, a movable tone mark on the second vowel
    ("Hòa" → "hoà", "thủy" → "thuỷ"), single spaces."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    decomposed = _OLD_PLACEMENT.sub(lambda m: m.group(1) + m.group(3) + m.group(2) if m.group(1) + m.group(3) in ("oa", "oe", "uy") else m.group(0), decomposed)
    return " ".join(unicodedata.normalize("NFC", decomposed).split())


NAME_JOINTS = re.compile(r"[\s'’ʼ`\-–]+")


def name_key(name: str) -> str:
    """A name as places compare: its spelling (``spell``) without the spaces, hyphens
    and apostrophes writers drop or add ("Đakrông" / "Đa Krông", "Ea Mdroh" / "Ea M'Droh")."""
    return NAME_JOINTS.sub("", spell(name))


@functools.lru_cache(maxsize=1 << 14)  # (a pure function of the string: the same names are looked up loosely again and again)
def loose_name_key(name: str) -> str:
    """A name without any mark on its vowels (tone, breve, circumflex, horn; "đ" stays): the key
    under which spellings of one name meet when writers mark a syllable borrowed from a minority
    language differently ("Đắk Glong" / "Đăk Glong" / "Đak Glong")."""
    decomposed = unicodedata.normalize("NFD", name_key(name))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


FINAL_K = re.compile(r"[kK](?![^\W\d_])")  # a syllable's last letter (marks are letters' parts in NFC)


def final_c_key(name: str) -> str:
    """``loose_name_key`` with a syllable's final "k" written "c": the older spelling of Central
    Highlands names ("Đắc Lắc" / "Đắk Lắk", "Krông Pắc" / "Krông Pắk")."""
    return loose_name_key(FINAL_K.sub("c", unicodedata.normalize("NFC", name)))


def ascii_key(name: str) -> str:
    """A name as the gazetteer package keys it: lower case, no marks, "đ" as "d", no spaces
    ("huyện Đạ Tẻh" → "huyendateh")."""
    return "".join(c for c in loose_name_key(name).replace("đ", "d") if c.isalnum())


@functools.lru_cache(maxsize=1)
def syllable_counts() -> Counter:
    """How many entries of underthesea's dictionary hold each (lowercase NFC) syllable, under
    both placements of a movable tone mark."""
    occurrences = Counter(
        syllable
        for entry in _dictionary_entries()
        for syllable in unicodedata.normalize("NFC", entry).lower().split()
        if syllable.isalpha()
    )
    counts: Counter = Counter()
    for syllable, count in occurrences.items():  # a few thousand distinct syllables, not every occurrence
        for variant in placement_variants(syllable):
            counts[variant] += count
    return counts


@functools.lru_cache(maxsize=1)
def common_syllables() -> frozenset[str]:
    """The most frequent syllables that hold a non-ASCII letter."""
    counts = Counter({s: n for s, n in syllable_counts().items() if not s.isascii()})
    return frozenset(syllable for syllable, _ in counts.most_common(COMMON_SYLLABLE_COUNT))


@functools.lru_cache(maxsize=1)
def _log_total() -> float:
    return math.log(sum(syllable_counts().values()) + 1)


@functools.lru_cache(maxsize=1)
def _compound_words() -> dict[str, tuple[int, ...]]:
    """Dictionary words of 2-4 well-formed syllables, keyed by their letters run together
    ("nguyênnhân"), with the offsets where their syllables meet."""
    words: dict[str, tuple[int, ...]] = {}
    variants: dict[str, tuple[str, ...]] = {}  # of each distinct syllable, once
    for entry in _dictionary_entries():
        syllables = unicodedata.normalize("NFC", entry).lower().split()
        if not 2 <= len(syllables) <= 4 or not all(s.isalpha() and is_syllable(s) for s in syllables):
            continue
        cuts, position = [], 0
        for syllable in syllables[:-1]:
            position += len(syllable)
            cuts.append(position)
        for syllable in syllables:
            if syllable not in variants:
                variants[syllable] = placement_variants(syllable)
        if all(len(variants[syllable]) == 1 for syllable in syllables):
            words.setdefault("".join(syllables), tuple(cuts))
            continue
        for spelled in itertools.product(*(variants[syllable] for syllable in syllables)):
            words.setdefault("".join(spelled), tuple(cuts))
    return words


@functools.lru_cache(maxsize=1)
def _dictionary_words() -> frozenset[str]:
    return frozenset(spell(entry) for entry in _dictionary_entries() if " " in entry.strip())


def is_compound_word(phrase: str) -> bool:
    """Is ``phrase`` (two or more syllables) a word of underthesea's dictionary ("xã hội", "tỉnh uỷ")?"""
    return spell(phrase) in _dictionary_words()


@functools.lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return frozenset(spell(entry) for entry in _dictionary_entries() if " " in entry.strip() and entry == entry.lower())


def is_common_word(phrase: str) -> bool:
    """Is ``phrase`` a word of the dictionary written in lower case ("đoàn kết", "xã hội"), not only
    a proper name it holds ("Từ Liêm", "Nông Sơn")?"""
    return spell(phrase) in _common_words()


MAX_COMPOUND_LENGTH = 4 * MAX_SYLLABLE_LENGTH


@dataclass(frozen=True)
class Split:
    cuts: tuple[int, ...]  # offsets where the letters are cut, 0 and the end excluded
    words: int  # dictionary words the letters were read as (a compound counts once)
    compounds: int  # of which multi-syllable words
    rarest: int  # dictionary count of the rarest syllable


@functools.lru_cache(maxsize=16384)
def split_syllables(letters: str) -> Split | None:
    """The best reading of a run of letters as dictionary words: fewest words first (so "và
    nguyên nhân" beats "vàng uyên nhân"), then the most frequent syllables. None when the letters
    are no sequence of known syllables."""
    lowered = letters.lower()
    counts, compounds, log_total = syllable_counts(), _compound_words(), _log_total()

    def syllable_cost(piece: str) -> float | None:
        count = counts.get(piece, 0)
        if count == 0 or not is_syllable(piece):
            return None
        return log_total - math.log(count)

    # best[i] = (words, cost, start of the last word, inner cuts of the last word, compounds, rarest)
    best: list[tuple | None] = [None] * (len(lowered) + 1)
    best[0] = (0, 0.0, 0, (), 0, 1 << 62)
    for end in range(1, len(lowered) + 1):
        for start in range(max(0, end - MAX_COMPOUND_LENGTH), end):
            if best[start] is None:
                continue
            piece = lowered[start:end]
            inner = compounds.get(piece) if end - start > 2 else None
            if inner is not None:
                edges = (0, *inner, len(piece))
                parts = [piece[a:b] for a, b in zip(edges, edges[1:])]
            elif end - start <= MAX_SYLLABLE_LENGTH:
                parts = [piece]
            else:
                continue
            costs = [syllable_cost(part) for part in parts]
            if any(cost is None for cost in costs):
                continue
            words, cost, _, _, compound_count, rarest = best[start]
            candidate = (words + 1, cost + sum(costs), start, tuple(start + c for c in (inner or ())),
                         compound_count + (inner is not None), min(rarest, *(counts[p] for p in parts)))
            if best[end] is None or candidate[:2] < best[end][:2]:
                best[end] = candidate
    if best[-1] is None:
        return None
    words, _, _, _, compound_count, rarest = best[-1]
    cuts, position = [], len(lowered)
    while position:
        _, _, start, inner, _, _ = best[position]
        cuts.extend(reversed(inner))
        if start:
            cuts.append(start)
        position = start
    return Split(tuple(reversed(cuts)), words, compound_count, rarest)


def _dictionary_entries() -> list[str]:
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return []
    dictionary = Path(spec.submodule_search_locations[0]) / "corpus" / "data" / DICTIONARY
    try:
        return dictionary.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
