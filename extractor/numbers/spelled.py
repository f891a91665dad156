"""Spelled-out Vietnamese numbers: "một trăm lẻ năm", "hai triệu rưỡi", "ba tỷ năm trăm triệu".

A number is read as groups below 1000, each closed by a magnitude word (nghìn, vạn, triệu,
tỷ). A magnitude multiplies the open group and any finished groups below it, which covers
stacked magnitudes ("một triệu tỷ", "một nghìn hai trăm tỷ"). Which word may stand where
(mốt only after a tens word, năm never as the units after mươi, ...) comes from the slots in
``numerals.json``.

Two modes: ``colloquial=True`` (``parse_spelled``) also accepts spoken shortcuts ("bốn ba" = 43,
"một trăm hai" = 120, a bare "tỷ" = 1e9); prose (``colloquial=False``) keeps only the forms that
cannot mean anything else, because "hai ba người" is "two or three people".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Sequence

import regex

from extractor.numbers.digits import to_number
from extractor.numbers.lexicon import Lexicon, NumeralWord, fold_word, lexicon

_STRUCTURE_KINDS = ("ten", "tens", "hundred", "connector")
_LEADING_PUNCTUATION = regex.compile(r"^[\p{P}\p{S}]+")
_TRAILING_PUNCTUATION = regex.compile(r"[\p{P}\p{S}]+$")


@dataclass
class _Number:
    """A number being read: finished groups (value, magnitude) with falling magnitudes, and the open group."""

    groups: list[tuple[Decimal, Decimal]] = field(default_factory=list)
    segment: Decimal | None = None
    segment_start: int = 0
    end: int = 0
    after_magnitude: bool = False
    after_half: bool = False
    has_fraction: bool = False

    def total(self) -> Decimal:
        return sum((value for value, _ in self.groups), Decimal(0)) + (self.segment or 0)

    def open_segment(self, value: Decimal, start: int, end: int) -> None:
        self.segment, self.segment_start, self.end = value, start, end
        self.after_magnitude = self.after_half = False

    def fold(self, magnitude: Decimal, allow_equal: bool) -> bool:
        """Close the open group with a magnitude word; False when magnitudes would stop falling.

        In speech an equal magnitude folds too (``allow_equal``): "một tỉ hai trăm triệu ba trăm
        nghìn bốn trăm tỉ" is 1 200 300 400 tỉ. Prose keeps the strict order instead.
        """
        keep = len(self.groups)
        while keep and (self.groups[keep - 1][1] < magnitude or (allow_equal and self.groups[keep - 1][1] == magnitude)):
            keep -= 1
        folded = self.groups[keep:]
        scale = max((scale for _, scale in folded), default=Decimal(1)) * magnitude
        if keep and self.groups[keep - 1][1] <= scale:
            return False
        value = (sum((value for value, _ in folded), Decimal(0)) + self.segment) * magnitude
        self.groups[keep:] = [(value, scale)]
        self.segment = None
        return True

    def multiply_last(self, magnitude: Decimal) -> bool:
        """A magnitude right after another one: "nghìn tỷ", "tỷ tỷ"."""
        value, scale = self.groups[-1]
        if len(self.groups) > 1 and self.groups[-2][1] <= scale * magnitude:
            return False
        self.groups[-1] = (value * magnitude, scale * magnitude)
        return True

    def last_scale(self) -> Decimal:
        return self.groups[-1][1]

    def add_to_last(self, amount: Decimal) -> None:
        value, scale = self.groups[-1]
        self.groups[-1] = (value + amount, scale)


class _Parser:
    def __init__(self, words: Sequence[str], colloquial: bool):
        self.words = words  # already folded (NFC, lower case)
        self.colloquial = colloquial
        self.lex: Lexicon = lexicon()

    # -- looking words up

    def word(self, i: int) -> NumeralWord | None:
        if not 0 <= i < len(self.words):
            return None
        found = self.lex.by_form.get(self.words[i])
        if found is None or not (self.colloquial or found.allowed_in_running_text):
            return None
        following = self.words[i + 1] if i + 1 < len(self.words) else None
        if following in self.lex.not_numeral_before.get(found.id, ()):  # "tỷ lệ", "tư nhân"
            return None
        return found

    def kind(self, i: int) -> str | None:
        found = self.word(i)
        return found.kind if found else None

    def in_slot(self, i: int, slot: str) -> NumeralWord | None:
        found = self.word(i)
        return found if found and found.id in self.lex.slot(slot, self.colloquial) else None

    # -- groups below 1000

    def group(self, i: int, place: str) -> tuple[Decimal, int] | None:
        """One group: "ba trăm linh tư", "hai mươi mốt", "chín". ``place``: start, after_magnitude, after_linh."""
        hundreds = self.hundreds(i, place)
        if hundreds is None:
            return self.below_hundred(i, place)
        value, j = hundreds
        rest = self.after_hundred(j)
        return (value + rest[0], rest[1]) if rest else (value, j)

    def hundreds(self, i: int, place: str) -> tuple[Decimal, int] | None:
        if place == "start" and self.colloquial and self.kind(i) == "hundred":
            return Decimal(100), i + 1  # a bare "trăm mười" = 110 in speech
        digit = self.in_slot(i, "hundreds_digit")
        if digit is None or self.kind(i + 1) != "hundred":
            return None
        if digit.value == 0 and place == "start" and not self.colloquial:
            return None  # "không trăm" only inside a number
        return digit.value * 100, i + 2

    def after_hundred(self, j: int) -> tuple[Decimal, int] | None:
        """What follows trăm: "lẻ năm", "rưỡi", "hai mươi", or one digit for the tens ("trăm hai" = 120)."""
        kind = self.kind(j)
        if kind == "connector":
            unit = self.in_slot(j + 1, "unit_after_linh")
            return (unit.value, j + 2) if unit else None
        if kind == "half":
            return Decimal(50), j + 1
        tens = self.tens(j)
        if tens:
            return tens
        tenth = self.in_slot(j, "abbreviated_digit")
        return (tenth.value * 10, j + 1) if tenth else None

    def tens(self, j: int) -> tuple[Decimal, int] | None:
        """10-99 with a tens word or as a compact pair: mười lăm, hai mươi tư, hai chục, hai mốt."""
        first = self.word(j)
        if first is None:
            return None
        if first.kind == "ten":
            unit = self.in_slot(j + 1, "unit_after_ten")
            return (10 + unit.value, j + 2) if unit else (Decimal(10), j + 1)
        digit = self.in_slot(j, "tens_digit")
        if digit is None:
            return None
        second = self.word(j + 1)
        if second and second.kind == "tens":
            unit = self.in_slot(j + 2, "unit_after_tens") if second.id == "muoi_tens" else None
            return (digit.value * 10 + unit.value, j + 3) if unit else (digit.value * 10, j + 2)
        unit = self.in_slot(j + 1, "compact_unit")
        # "ba bốn mươi" is not 34: the second word belongs to what follows.
        if unit and self.kind(j + 2) not in ("ten", "tens", "hundred"):
            return digit.value * 10 + unit.value, j + 2
        return None

    def below_hundred(self, i: int, place: str) -> tuple[Decimal, int] | None:
        tens = self.tens(i)
        if tens:
            return tens
        if place == "after_linh":
            digit = self.in_slot(i, "unit_after_linh")
            return (digit.value, i + 1) if digit else None
        digit = self.in_slot(i, "leading_digit") or (self.zero(i) if place == "start" else None)
        if digit is None:
            return None
        followed_by_magnitude = self.kind(i + 1) == "magnitude"
        if place == "after_magnitude" and not followed_by_magnitude:
            return None  # after a magnitude a lone digit needs its own: "một triệu bốn nghìn"
        if digit.value == 0 and followed_by_magnitude:
            return None
        return digit.value, i + 1

    def zero(self, i: int) -> NumeralWord | None:
        """"không" opens "không phẩy năm" or stands alone; elsewhere it means "not"."""
        found = self.word(i)
        return found if found and found.id == "khong" else None

    def structured_group(self, k: int) -> tuple[Decimal, int] | None:
        """A group written with a tens, hundred or linh word (used inside a fraction)."""
        found = self.group(k, "start")
        if found and any(self.kind(i) in _STRUCTURE_KINDS for i in range(k, found[1])):
            return found
        return None

    def fraction(self, j: int) -> tuple[Decimal, int] | None:
        """The part after phẩy/chấm: digit by digit ("ba không ba") or in groups ("hai mươi mốt")."""
        digits: list[str] = []
        k = j + 1
        while True:
            group = self.structured_group(k)
            if group:
                digits.append(str(int(group[0])))
                k = group[1]
                continue
            digit = self.in_slot(k, "fraction_digit") or (self.in_slot(k, "later_fraction_digit") if digits else None)
            if digit is None:
                break
            digits.append(str(int(digit.value)))
            k += 1
        return (Decimal("0." + "".join(digits)), k) if digits else None

    # -- whole numbers

    def number(self, i: int) -> tuple[Decimal, int] | None:
        first = self.word(i)
        if first is not None and first.kind == "sign":
            inner = self.unsigned(i + 1)
            return (first.value * inner[0], inner[1]) if inner else None
        return self.unsigned(i)

    def unsigned(self, i: int) -> tuple[Decimal, int] | None:
        number = _Number(end=i)
        opening = self.group(i, "start")
        if opening:
            number.open_segment(opening[0], i, opening[1])
        elif self.colloquial and self.kind(i) == "magnitude":
            number.open_segment(Decimal(1), i, i)  # "tỷ", "triệu rưỡi" open a number in speech
        else:
            return None
        self.read_rest(number, number.end)
        return (number.total(), number.end) if number.end > i else None

    def read_rest(self, number: _Number, j: int) -> None:
        """Extend the number word by word; ``number.end`` always marks a complete number."""
        while True:
            kind = self.kind(j)
            if kind == "magnitude":
                if not self.take_magnitude(number, j):
                    return
                j = number.end
                if number.has_fraction:
                    return
            elif kind == "point" and not number.has_fraction:
                fraction = self.fraction(j)
                if fraction is None:
                    return
                number.has_fraction = True
                if number.segment is None:  # "một triệu phẩy không năm": nothing may follow
                    number.open_segment(fraction[0], j, fraction[1])
                    return
                number.segment += fraction[0]
                number.end = j = fraction[1]
            elif number.segment is not None:
                return  # an open group is closed only by a magnitude or a decimal point
            elif kind == "connector":  # "một tỷ lẻ hai triệu", "tỷ rưỡi lẻ chín trăm nghìn"
                following = self.group(j + 1, "after_linh")
                if following is None:
                    return
                number.open_segment(following[0], j, following[1])
                j = following[1]
            elif number.after_half:
                return  # after "rưỡi" only "lẻ ..." may follow
            else:
                self.take_group_after_magnitude(number, j)
                if number.segment is None or number.end == j:
                    return
                j = number.end

    def take_magnitude(self, number: _Number, j: int) -> bool:
        magnitude = self.word(j).value
        if number.segment is not None:
            closed = number.fold(magnitude, allow_equal=self.colloquial)
        elif number.after_magnitude and not number.after_half:
            closed = number.multiply_last(magnitude)
        else:
            closed = False
        if not closed:
            if number.segment is not None:  # the open group cannot stand here: end before it
                number.segment = None
                number.end = number.segment_start
            return False
        number.end = j + 1
        number.after_magnitude = True
        if self.kind(j + 1) == "half":
            number.add_to_last(number.last_scale() / 2)
            number.end = j + 2
            number.after_half = True
        return True

    def take_group_after_magnitude(self, number: _Number, j: int) -> None:
        following = self.group(j, "after_magnitude")
        if following:
            number.open_segment(following[0], j, following[1])
            return
        # "một triệu hai" = 1 200 000: one digit standing for the next lower place.
        tenth = self.in_slot(j, "abbreviated_digit")
        if tenth and self.kind(j + 1) not in ("ten", "tens", "hundred", "magnitude"):
            number.add_to_last(tenth.value * number.last_scale() / 10)
            number.end = j + 1


def _usable_words(words: Sequence[str]) -> list[str]:
    """Fold the words; punctuation ends the number (a comma after "tỷ," is the last word read)."""
    usable: list[str] = []
    for index, raw in enumerate(words):
        word = raw.strip() if isinstance(raw, str) else ""
        if index and _LEADING_PUNCTUATION.search(word):
            break
        core = _TRAILING_PUNCTUATION.sub("", _LEADING_PUNCTUATION.sub("", word))
        usable.append(fold_word(core))
        if _TRAILING_PUNCTUATION.search(word):
            break
    return usable


def read_spelled(words: Sequence[str], start: int = 0, colloquial: bool = True) -> tuple[Decimal, int] | None:
    """Exact value and end index of the number opening at ``words[start]`` (words already folded)."""
    return _Parser(words, colloquial).number(start)


def parse_spelled(words: list[str]) -> tuple[int | float, int] | None:
    """Longest prefix of ``words`` that forms a number: (value, number of words read), or None.

    Spoken shortcuts are accepted ("hai mốt" = 21, "một trăm hai" = 120). Punctuation ends the
    number: for "Mười ba tỷ, năm trăm linh ba triệu".split() the answer is (13e9, 3); joining
    the parts across the comma is left to ``find_spelled_numbers``.
    """
    usable = _usable_words(words)
    found = read_spelled(usable)
    if found is None:
        return None
    value, end = found
    return to_number(value), end


def apply_magnitude(value: int | float | Decimal, word: str) -> int | float | None:
    """``value`` times a magnitude word (nghìn/ngàn, vạn, triệu, tỷ/tỉ), exactly; None for other words.

    A float is taken as written (``56.604`` → "56.604"), so 56.604 tỷ is 56604000000, not 56603999999.99.
    """
    found = lexicon().by_form.get(fold_word(word.strip()))
    if found is None or found.kind != "magnitude" or isinstance(value, bool):
        return None
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    if not exact.is_finite():
        return None
    return to_number(exact * found.value)
