"""Amounts of money in đồng: "1.000.000₫", "1 000 000 VND", "2,5 triệu", "500k", "1tr2", "hai triệu rưỡi".

An amount in đồng is whole, so a separator before exactly three digits always groups
thousands (a comma or a space too, as pasted or printed on receipts), and a decimal without
a magnitude word ("1,5", "12.34") is refused rather than guessed.
"""

from __future__ import annotations

from decimal import Decimal

import regex

from extractor.numbers.digits import read_digits, to_number
from extractor.numbers.lexicon import NumeralWord, fold_word, lexicon
from extractor.numbers.spelled import read_spelled

_SIGN = regex.compile(r"[+\-\u2212]")
# Thousands grouped by one kind of separator throughout, or no separator at all.
_GROUPED = regex.compile(r"[0-9]{1,3}(?:(?P<sep>[., \u00a0\u2009\u202f])[0-9]{3})(?:(?P=sep)[0-9]{3})*|[0-9]+")
# "2,5 triệu", "16 tỷ", "1tr2" (= 1,2 triệu), "2 triệu rưỡi".
_WITH_MAGNITUDE = regex.compile(
    r"\s*(?P<number>[0-9][0-9.,]*)\s*(?P<word>\p{L}+)(?P<tail>[0-9]+)?(?:\s+(?P<half>rưỡi))?"
)


def _strip_currency(amount: str) -> str:
    rules = lexicon().money
    for marker in rules.currency_markers:
        if amount.endswith(marker):
            amount = amount[: -len(marker)].rstrip()
            break
    for marker in rules.currency_markers_in_front:
        if amount.startswith(marker):
            amount = amount[len(marker) :].lstrip()
            break
    return amount


def _magnitude(word: str) -> NumeralWord | None:
    lex = lexicon()
    found = lex.by_form.get(word) or lex.money.magnitude_abbreviations.get(word)
    return found if found is not None and found.kind == "magnitude" else None


def _grouped_integer(amount: str) -> Decimal | None:
    match = _GROUPED.fullmatch(amount)
    return Decimal(regex.sub(r"[^0-9]", "", amount)) if match else None


def _one_piece(match: regex.Match) -> tuple[Decimal, Decimal] | None:
    """(value, magnitude) of one "number magnitude" piece."""
    magnitude = _magnitude(match.group("word"))
    reading = read_digits(match.group("number"))
    if magnitude is None or reading is None:
        return None
    number = Decimal(str(reading.value))
    if match.group("tail"):  # "1tr2": the digits after the word are the decimals
        if number != number.to_integral_value():
            return None
        number = Decimal(f"{int(number)}.{match.group('tail')}")
    if match.group("half"):
        number += Decimal("0.5")
    return number * magnitude.value, magnitude.value


def _with_magnitudes(amount: str) -> Decimal | None:
    """"16 tỷ 434 triệu": pieces with falling magnitudes, added up."""
    total, position, previous = Decimal(0), 0, None
    while position < len(amount):
        match = _WITH_MAGNITUDE.match(amount, position)
        piece = _one_piece(match) if match else None
        if piece is None or (previous is not None and piece[1] >= previous):
            return None
        total, position, previous = total + piece[0], match.end(), piece[1]
    return total if previous is not None else None


def _spelled(amount: str) -> Decimal | None:
    words = amount.split()
    found = read_spelled(words) if words else None
    return found[0] if found and found[1] == len(words) else None


def parse_money(text: str) -> int | None:
    """An amount of money in đồng, or None when ``text`` is not exactly one whole amount."""
    amount = _strip_currency(fold_word(text).strip())
    negative = False
    if _SIGN.match(amount):
        negative, amount = amount[0] != "+", amount[1:].strip()
    if not amount:
        return None
    for reader in (_grouped_integer, _with_magnitudes, _spelled):
        value = reader(amount)
        if value is not None:
            break
    if value is None or value != value.to_integral_value():
        return None
    return to_number(-value if negative else value)
