"""Reading one numeral written in digits: "1.866", "2.465,2", "57,5", "05", "105.80".

Vietnamese writes "." for thousands and "," for decimals, but reports slip into the English
convention ("7.2 ha", "3,098 tấn"). A separator followed by exactly three digits could be
either; anything else has only one reading. Every plausible reading is kept so the caller
can pick another one when the context forces it (animals are whole, a list is in metres...).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

PREFERENCES = ("vi", "en", "thousands")

# A sign, then digits with "." / "," inside, or a bare fraction such as ",77".
_NUMERAL = regex.compile(r"(?P<sign>[+\-\u2212]?)(?P<body>[0-9][0-9.,]*|[.,][0-9]+)")
# Thousands grouping: 1-3 leading digits (no leading zero), then groups of exactly three.
_GROUPS = regex.compile(r"[1-9][0-9]{0,2}(?:(?P<sep>[.,])[0-9]{3})(?:(?P=sep)[0-9]{3})*")


@dataclass(frozen=True)
class NumberReading:
    value: int | float  # int when integral
    style: str  # "vi", "en", "plain" or "words"
    ambiguous: bool  # another style reads the same digits differently
    leading_zero: bool  # "05", "01,10"


@dataclass(frozen=True)
class _Candidate:
    value: Decimal
    style: str
    separator_role: str  # what the single separator is taken as: "thousands", "decimal" or "none"
    integer_digits: str


def to_number(value: Decimal) -> int | float:
    """int when integral, else the float nearest the exact decimal (2465.2, not 2465.2000000000003)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _grouped(text: str, separator: str) -> _Candidate:
    digits = text.replace(separator, "")
    style = "vi" if separator == "." else "en"
    return _Candidate(Decimal(digits), style, "thousands", digits)


def _decimal(integer: str, fraction: str, separator: str) -> _Candidate:
    style = "vi" if separator == "," else "en"
    return _Candidate(Decimal(f"{integer or '0'}.{fraction}"), style, "decimal", integer)


def _is_grouped(text: str, separator: str) -> bool:
    match = _GROUPS.fullmatch(text)
    return bool(match) and match.group("sep") == separator


def _with_both_separators(body: str) -> list[_Candidate]:
    # The last separator is the decimal mark and must occur once; the other one groups thousands.
    decimal_mark = "," if body.rfind(",") > body.rfind(".") else "."
    group_mark = "." if decimal_mark == "," else ","
    integer, _, fraction = body.rpartition(decimal_mark)
    if body.count(decimal_mark) != 1 or not fraction or not _is_grouped(integer, group_mark):
        return []
    return [_decimal(integer.replace(group_mark, ""), fraction, decimal_mark)]


def _with_one_kind_of_separator(body: str, separator: str) -> list[_Candidate]:
    parts = body.split(separator)
    if _is_grouped(body, separator):
        grouped = _grouped(body, separator)
        if len(parts) > 2:  # "1.000.000": several separators can only group
            return [grouped]
        decimal = _decimal(parts[0], parts[1], separator)
        # Vietnamese order: "." groups, "," is decimal.
        return [grouped, decimal] if separator == "." else [decimal, grouped]
    if len(parts) == 2 and parts[1]:
        return [_decimal(parts[0], parts[1], separator)]
    return []


def _candidates(body: str) -> list[_Candidate]:
    """All readings of an unsigned numeral, Vietnamese reading first."""
    if body[-1] in ".,":
        return []
    if body[0] in ".,":  # ",77" -> 0.77
        return [_decimal("", body[1:], body[0])]
    has_dot, has_comma = "." in body, "," in body
    if has_dot and has_comma:
        return _with_both_separators(body)
    if has_dot or has_comma:
        return _with_one_kind_of_separator(body, "." if has_dot else ",")
    return [_Candidate(Decimal(body), "plain", "none", body)]


def _preference_rank(candidate: _Candidate, prefer: str) -> int:
    if prefer == "thousands":
        return 0 if candidate.separator_role == "thousands" else 1
    return 0 if candidate.style == prefer else 1


def _reading(candidate: _Candidate, negative: bool, ambiguous: bool) -> NumberReading:
    value = -candidate.value if negative else candidate.value
    digits = candidate.integer_digits
    return NumberReading(to_number(value), candidate.style, ambiguous, len(digits) > 1 and digits[0] == "0")


MAX_DIGITS = 24  # no report figure has more (10^24 đồng is far beyond any budget): longer runs are no number


def _ranked_readings(text: str, prefer: str) -> list[NumberReading]:
    if prefer not in PREFERENCES:
        raise ValueError(f"prefer must be one of {PREFERENCES}, not {prefer!r}")
    if sum(1 for char in text if char.isdigit()) > MAX_DIGITS:
        return []  # an absurd digit string is never turned into an int (nor slows anything down)
    match = _NUMERAL.fullmatch(text.strip())
    if match is None:
        return []
    candidates = _candidates(match.group("body"))
    candidates.sort(key=lambda c: _preference_rank(c, prefer))  # stable: keeps the vi order on ties
    negative = match.group("sign") in ("-", "\u2212")
    return [_reading(c, negative, ambiguous=len(candidates) > 1) for c in candidates]


def read_digits(text: str, prefer: str = "vi") -> NumberReading | None:
    """Read one numeral token as written; None when it is not one.

    ``prefer`` settles a separator followed by exactly three digits: "vi" reads "1,191" as
    1.191 and "1.866" as 1866, "en" reads them as 1191 and 1.866, "thousands" as 1191 and 1866
    (any other value of ``prefer`` is a ValueError).
    """
    readings = _ranked_readings(text, prefer)
    return readings[0] if readings else None


def alternative_readings(text: str) -> list[NumberReading]:
    """Every plausible reading of a numeral token, the Vietnamese one first."""
    return _ranked_readings(text, "vi")


# A document's own convention, read from its unambiguous numerals: "12.345" (dot thousands) and
# "247,8" (a comma decimal) are Vietnamese; "1,234,567" (comma groups) and "7.25" (a dot decimal
# of two digits) are English.
_VI_EVIDENCE = regex.compile(r"(?<![\d.,])(?:[1-9]\d{0,2}(?:\.\d{3}){2,}|\d+,\d{1,2}|[1-9]\d{0,2}(?:\.\d{3})+,\d+)(?![\d.,]?\d)")
_EN_EVIDENCE = regex.compile(r"(?<![\d.,])(?:[1-9]\d{0,2}(?:,\d{3}){2,}|\d+\.\d{2}|[1-9]\d{0,2}(?:,\d{3})+\.\d+)(?![\d.,]?\d)")
STYLE_EVIDENCE = 3  # unambiguous numerals of one style, and that many times the other's, settle it


def document_number_style(text: str) -> str | None:
    """"vi" or "en" when the document's unambiguous numerals say which convention it writes, else
    None: "228,648 m3" in a text that writes "12.345.678" and "247,8" is 228.648."""
    vi = sum(1 for _ in _VI_EVIDENCE.finditer(text))
    en = sum(1 for _ in _EN_EVIDENCE.finditer(text))
    if vi >= STYLE_EVIDENCE and vi >= STYLE_EVIDENCE * en:
        return "vi"
    if en >= STYLE_EVIDENCE and en >= STYLE_EVIDENCE * vi:
        return "en"
    return None
