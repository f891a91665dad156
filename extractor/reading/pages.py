"""Pages of a raw text: which page holds an offset, and the running header/footer lines."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

import regex

def page_number(pages: tuple[tuple[int, int], ...], position: int) -> int | None:
    """1-based page holding raw offset ``position`` (the form feed after a page counts to it);
    None for plain text, which has no pages."""
    if not pages:
        return None
    index = bisect_right([start for start, _ in pages], position) - 1
    return max(index, 0) + 1



RUNNING_LINE_DIGITS = regex.compile(r"\d+")
RUNNING_EDGE_LINES = 2  # lines looked at from the top and from the bottom of each page


def running_lines(text: str, pages: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Raw ranges of running header/footer lines: a line among the first or last two of a page
    whose text (digits aside) recurs on at least half of the pages, and on two pages at least.
    Page numbers alone are included; the cleaner already removes those on its own."""
    if len(pages) < 2:
        return []
    edges: list[list[tuple[str, int, int]]] = []
    for start, end in pages:
        page_lines = [(key, s, e) for key, s, e in _page_lines(text, start, end) if key]
        edges.append(page_lines[:RUNNING_EDGE_LINES] + page_lines[-RUNNING_EDGE_LINES:])
    counts = Counter(key for page in edges for key in {key for key, _, _ in page})
    needed = max(2, (len(pages) + 1) // 2)
    found = {(s, e) for page in edges for key, s, e in page if counts[key] >= needed}
    return sorted(found)


def _page_lines(text: str, start: int, end: int):
    position = start
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        offset = position + (len(line) - len(line.lstrip()))
        key = RUNNING_LINE_DIGITS.sub("#", " ".join(stripped.split()))
        yield key, offset, offset + len(stripped)
        position += len(line) + 1
