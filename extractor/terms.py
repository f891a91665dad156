"""The term a document is about: the latest full term its opening names ("nhiệm kỳ 2025 - 2030")."""

from __future__ import annotations

from functools import lru_cache

import regex

from extractor.rules import shared_patterns

TERM_SEARCH_CHARS = 3000  # the term of the report is named in its opening lines
COUNCIL_BEFORE = regex.compile(r"(?i)(?<![\p{L}\p{M}])(?:hđnd|hội\s+đồng\s+nhân\s+dân|quốc\s+hội)(?![\p{L}\p{M}])[^.;\n]*$")
COUNCIL_REACH = 80  # characters before a term read for the council it belongs to
FULL_TERM_YEARS = 5


@lru_cache(maxsize=1)
def term_pattern() -> "regex.Pattern[str]":
    return regex.compile(shared_patterns()["term"], regex.IGNORECASE)  # "nhiệm kỳ 2025 - 2030": one home, patterns.json


def document_term(text: str) -> tuple[int, int] | None:
    """(first year, last year) of the latest term the opening names: a congress's report reviews the
    last term and sets the next's targets. A five-year term, a congress's or a council's, before a
    shorter one ("đại hội chi bộ nhiệm kỳ 2025 - 2027" is a cell's half term); a council's term
    ("bầu cử đại biểu HĐND … nhiệm kỳ 2026 - 2031") runs a year behind the Party's: it counts only
    when the opening names no other."""
    terms = list(term_pattern().finditer(text[:TERM_SEARCH_CHARS]))
    terms = [found for found in terms if int(found.group(2)) - int(found.group(1)) == FULL_TERM_YEARS] or terms
    terms = [found for found in terms if not COUNCIL_BEFORE.search(text, max(0, found.start() - COUNCIL_REACH), found.start())] or terms
    term = max(terms, key=lambda found: int(found.group(2)), default=None)
    return (int(term.group(1)), int(term.group(2))) if term else None
