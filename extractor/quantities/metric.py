"""The metric of a figure: the phrase naming what is measured, read from the local syntax.

After the figure when a noun phrase follows its unit ("85,78% hộ đạt gia đình văn hoá",
"514,9 ha đất sản xuất"); otherwise the clause before it, trimmed of linking verbs,
qualifiers, times and the place subject ("độ che phủ đạt 9,67%" → "độ che phủ"). Whether a word
after the figure starts a noun phrase is decided by underthesea's POS tags.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import regex

from extractor.quantities.parser import Quantity, first_noun


@lru_cache(maxsize=1)
def metric_rules() -> dict:
    data = json.loads(resources.files("extractor.quantities").joinpath("metric_rules.json").read_text(encoding="utf-8"))
    linkers = sorted(data["trailing_linkers"], key=len, reverse=True)
    leading = sorted(data["leading_words"], key=len, reverse=True)
    return {
        "boundary": regex.compile(data["clause_boundary"]),
        "after_stop": regex.compile(data["after_stop"]),
        "trailing": regex.compile(r"(?:\s+|^)(?:" + "|".join(regex.escape(w) for w in linkers) + r")\s*$", regex.IGNORECASE),
        "leading": regex.compile(r"^(?:" + "|".join(regex.escape(w) for w in leading) + r")(?:\s+|$)", regex.IGNORECASE),
        "time": regex.compile(data["time_expressions"], regex.IGNORECASE),
        "max_words": data["max_words"],
    }


def find_metric(text: str, quantity: Quantity, paragraph_start: int, paragraph_end: int, place_spans=()) -> str | None:
    after = _after_phrase(text, quantity, paragraph_end)
    if after:
        return after
    return _before_phrase(text, quantity.start, paragraph_start, place_spans)


def _after_phrase(text: str, quantity: Quantity, paragraph_end: int) -> str | None:
    rules = metric_rules()
    tail = text[quantity.end:paragraph_end]
    stop = rules["after_stop"].search(tail)
    tail = tail[: stop.start()] if stop else tail[:80]
    words = tail.split()
    if quantity.kind == "count" and quantity.unit:
        # the counted noun and what qualifies it: "hộ kinh doanh", "thanh niên nhập ngũ"
        return _limited(f"{quantity.unit} {' '.join(words)}") if words else None
    if not words or first_noun(tail) is None:
        return None
    return _limited(" ".join(words))


def _before_phrase(text: str, position: int, paragraph_start: int, place_spans) -> str | None:
    rules = metric_rules()
    head = text[paragraph_start:position]
    clause_start = 0
    for boundary in rules["boundary"].finditer(head):
        clause_start = boundary.end()
    for start, end in place_spans:  # the place subject is not part of the metric
        if paragraph_start + clause_start <= start < position:
            clause_start = max(clause_start, end - paragraph_start)
    phrase = rules["time"].sub(" ", head[clause_start:])
    phrase = " ".join(phrase.split())
    previous = None
    while phrase != previous:
        previous = phrase
        phrase = rules["trailing"].sub("", phrase).strip()
        phrase = rules["leading"].sub("", phrase).strip()
    return _limited(phrase) if phrase and any(c.isalpha() for c in phrase) else None


def _limited(phrase: str) -> str | None:
    words = phrase.split()
    if not words or len(words) > metric_rules()["max_words"]:
        return None
    return " ".join(words)
