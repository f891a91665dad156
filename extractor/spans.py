"""Half-open spans and the two questions every stage asks of them: does one hold this position,
which overlap this span. One home for the project's interval lookups (heading labels to skip,
places already taken, result clauses taken, figures a record links)."""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class SpanIndex:
    """Spans [start, end) with optional payloads, kept in order of start. Lookups are a binary
    search on the starts; the longest span bounds how far back a span holding a position can start."""

    def __init__(self, spans: Iterable[tuple[int, int]] = (), payloads: Iterable | None = None):
        self.starts: list[int] = []
        self.spans: list[tuple[int, int]] = []
        self.payloads: list = []
        self.longest = 0
        for (start, end), payload in zip(spans, itertools.repeat(None) if payloads is None else payloads):
            self.add(start, end, payload)

    def __len__(self) -> int:
        return len(self.spans)

    def add(self, start: int, end: int, payload=None) -> None:
        index = bisect_right(self.starts, start)
        self.starts.insert(index, start)
        self.spans.insert(index, (start, end))
        self.payloads.insert(index, payload)
        self.longest = max(self.longest, end - start)

    def holds(self, position: int) -> bool:
        """Is ``position`` inside a span?"""
        low = bisect_left(self.starts, position - self.longest + 1)
        high = bisect_right(self.starts, position)
        return any(end > position for _, end in self.spans[low:high])

    def overlaps(self, start: int, end: int) -> bool:
        """Does a span start before ``end`` and end after ``start``?"""
        low = bisect_left(self.starts, start - self.longest + 1)
        high = bisect_left(self.starts, end)
        return any(span_end > start for _, span_end in self.spans[low:high])  # and each starts before ``end``

    def overlapping(self, start: int, end: int) -> list:
        """Payloads of the spans starting before ``end`` and ending after ``start``, in order of start."""
        low = bisect_left(self.starts, start - self.longest + 1)
        high = bisect_left(self.starts, end)
        return [payload for (_, span_end), payload in zip(self.spans[low:high], self.payloads[low:high]) if span_end > start]


def bracket_open_at(text: str, start: int, end: int) -> bool:
    """Is a bracket opened in ``text[start:end]`` still open at ``end``?"""
    return text.rfind("(", start, end) > text.rfind(")", start, end)
