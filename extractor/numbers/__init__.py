"""Numbers as written in Vietnamese reports: digits ("2.465,2"), words ("hai triệu rưỡi"), money."""

from extractor.numbers.grammar import (
    NumberReading,
    alternative_readings,
    apply_magnitude,
    find_spelled_numbers,
    parse_money,
    parse_spelled,
    read_digits,
)

__all__ = [
    "NumberReading",
    "alternative_readings",
    "apply_magnitude",
    "find_spelled_numbers",
    "parse_money",
    "parse_spelled",
    "read_digits",
]
