"""Roman numerals, one home: DOCX list labels are written with them, OCR'd heading labels read."""

from __future__ import annotations

ROMAN_DIGITS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def to_roman(number: int) -> str:
    """Upper-case Roman numeral of a positive number ("" for 0 or less); callers bound ``number``
    (a DOCX list number is capped by the list_number limit)."""
    letters = []
    for value, digits in ROMAN_DIGITS:
        count, number = divmod(number, value) if number > 0 else (0, number)
        letters.append(digits * count)
    return "".join(letters)


def from_roman(text: str) -> int | None:
    """The value of a well-formed upper-case Roman numeral ("XIV" → 14; "IIII", "IC" → None)."""
    if not text or any(char not in ROMAN_VALUES for char in text):
        return None
    total = 0
    for index, char in enumerate(text):
        value = ROMAN_VALUES[char]
        following = ROMAN_VALUES[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total if total > 0 and to_roman(total) == text else None
