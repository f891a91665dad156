"""The metric of a figure: the phrase naming what is measured, read from the local syntax.

After the figure when a noun phrase follows its unit ("85,78% hộ đạt gia đình văn hoá",
"514,9 ha đất sản xuất"); otherwise the clause before it, trimmed of linking verbs,
qualifiers, times and the place subject ("độ che phủ đạt 9,67%" → "độ che phủ"). Whether a word
after the figure starts a noun phrase is decided by underthesea's POS tags.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

import regex

from extractor.quantities.parser import Quantity, first_noun
from extractor.places.mentions import BoundaryScan
from extractor.rules import load_rules


@lru_cache(maxsize=1)
def metric_rules() -> dict:
    data = load_rules("extractor.quantities", "metric_rules.json")
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
    return _before_phrase(text, quantity.start, paragraph_start, place_spans, paragraph_end)


def _after_phrase(text: str, quantity: Quantity, paragraph_end: int) -> str | None:
    rules = metric_rules()
    # Searching in place rather than in a copy of the rest of the paragraph (the pattern has no
    # anchors or look-arounds, so that is the same search) keeps long paragraphs linear.
    stop = rules["after_stop"].search(text, quantity.end, paragraph_end)
    tail = text[quantity.end:stop.start()] if stop else text[quantity.end:min(quantity.end + 80, paragraph_end)]
    words = tail.split()
    if quantity.kind == "count" and quantity.unit:
        # the counted noun and what qualifies it: "hộ kinh doanh", "thanh niên nhập ngũ"
        return _limited(f"{quantity.unit} {' '.join(words)}") if words else None
    if not words or len(words) > rules["max_words"]:
        return None  # _limited refuses it whatever the noun: no need to tag it
    if first_noun(tail) is None:
        return None
    return _limited(" ".join(words))


def _before_phrase(text: str, position: int, paragraph_start: int, place_spans, paragraph_end: int) -> str | None:
    rules = metric_rules()
    # The last boundary in text[paragraph_start:position]: the pattern has no anchors or
    # look-arounds, so scanning the text in place is the same as scanning that slice.
    last = _boundaries(text, paragraph_start, paragraph_end).last_end(position)
    clause_start = 0 if last is None else last - paragraph_start
    spans, first, in_order = _indexed_spans(place_spans, paragraph_start + clause_start)
    for index in range(first, len(spans)):  # the place subject is not part of the metric
        start, end = spans[index]
        if in_order and start >= position:
            break  # in order of start: no later span starts before the figure either
        if paragraph_start + clause_start <= start < position:
            clause_start = max(clause_start, end - paragraph_start)
    phrase = rules["time"].sub(" ", text[paragraph_start + clause_start:position])
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


_last_scan: list = [None]  # [(text, start, end, BoundaryScan)]: the figures of a paragraph come in a row


def _boundaries(text: str, paragraph_start: int, paragraph_end: int) -> BoundaryScan:
    cached = _last_scan[0]
    if cached is None or cached[0] is not text or cached[1:3] != (paragraph_start, paragraph_end):
        scan = BoundaryScan(metric_rules()["boundary"], text, paragraph_start, paragraph_end)
        cached = _last_scan[0] = (text, paragraph_start, paragraph_end, scan)
    return cached[3]


_last_spans: list = [None]  # [(spans, length, list, starts or None)]: one paragraph's spans come in a row


def _indexed_spans(place_spans, clause_start: int) -> tuple[list, int, bool]:
    """(spans, index of the first that can move the clause start, whether they are in order of
    start). In order, spans starting before ``clause_start`` cannot (the start only grows)."""
    cached = _last_spans[0]
    if cached is None or cached[0] is not place_spans or cached[1] != len(place_spans):
        spans = list(place_spans)
        starts = [start for start, _ in spans]
        in_order = all(a <= b for a, b in zip(starts, starts[1:]))
        cached = _last_spans[0] = (place_spans, len(spans), spans, starts if in_order else None)
    spans, starts = cached[2], cached[3]
    if starts is None:
        return spans, 0, False
    return spans, bisect_left(starts, clause_start), True
