"""The number grammar's public face: digits, spelled-out Vietnamese numerals, money.

The pieces live in small modules, re-exported by this package:

- ``digits``: ``read_digits`` / ``alternative_readings`` for one numeral token ("1.866", "57,5");
- ``spelled``: ``parse_spelled`` (a list of words → value) and ``apply_magnitude`` (× nghìn/triệu/tỷ);
- ``running_text``: ``find_spelled_numbers`` (spelled-out numbers in prose, with offsets);
- ``money``: ``parse_money`` (an amount in đồng);
- ``lexicon``: the word lists, from ``numerals.json``.
"""

from extractor.numbers.digits import NumberReading, alternative_readings, read_digits
from extractor.numbers.money import parse_money
from extractor.numbers.running_text import find_spelled_numbers
from extractor.numbers.spelled import apply_magnitude, parse_spelled

__all__ = [
    "NumberReading",
    "alternative_readings",
    "apply_magnitude",
    "find_spelled_numbers",
    "parse_money",
    "parse_spelled",
    "read_digits",
]
