"""Map every character of a derived text back to a range of the raw text.

Cleaning changes lengths (NFC composition, joined lines, removed page numbers and
footnote markers), so each derived character keeps the half-open raw range it came from.
A derived span ``[a, b)`` maps to ``[starts[a], ends[b-1])``.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

SHORT_RANGE = 64  # below this a Python range is quicker than a NumPy round trip


def _identity_range(start: int, stop: int) -> array:
    """``array("q", range(start, stop))``, filled by NumPy at memory speed when it is long (a
    30 MB line is 60 M offsets: 2.4 s through a Python range)."""
    if stop - start < SHORT_RANGE:
        return array("q", range(start, stop))
    import numpy

    filled = array("q")
    filled.frombytes(numpy.arange(start, stop, dtype=numpy.int64).tobytes())
    return filled


@dataclass
class OffsetMap:
    starts: array = field(default_factory=lambda: array("q"))
    ends: array = field(default_factory=lambda: array("q"))

    def __len__(self) -> int:
        return len(self.starts)

    def to_data(self) -> dict:
        """Plain, serialisable form (bytes of the two arrays): spaCy's DocBin and msgpack take it."""
        return {"starts": self.starts.tobytes(), "ends": self.ends.tobytes()}

    @classmethod
    def from_data(cls, data: dict) -> "OffsetMap":
        starts, ends = array("q"), array("q")
        starts.frombytes(data["starts"])
        ends.frombytes(data["ends"])
        return cls(starts, ends)

    def append(self, raw_start: int, raw_end: int) -> None:
        self.starts.append(raw_start)
        self.ends.append(raw_end)

    def extend_identity(self, raw_start: int, length: int) -> None:
        """Characters copied unchanged from ``raw[raw_start:raw_start+length]``."""
        if length <= 0:
            return
        self.starts.extend(_identity_range(raw_start, raw_start + length))
        self.ends.extend(_identity_range(raw_start + 1, raw_start + length + 1))

    def extend_same(self, raw_start: int, raw_end: int, count: int) -> None:
        """``count`` characters that all stand for one raw range (a composed cluster)."""
        self.starts.extend([raw_start] * count)
        self.ends.extend([raw_end] * count)

    def extend_from(self, other: "OffsetMap", start: int, end: int) -> None:
        self.starts.extend(other.starts[start:end])
        self.ends.extend(other.ends[start:end])

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw range of the derived span ``[start, end)``; an empty span maps to an empty range."""
        if end <= start:
            position = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return position, position
        raw_start, raw_end = self.starts[start], self.ends[end - 1]
        if raw_end < raw_start:  # span crosses a moved block (e.g. body text and a footnote)
            raw_start = min(self.starts[start:end])
            raw_end = max(self.ends[start:end])
        return raw_start, raw_end

    def compose(self, inner: "OffsetMap", raw_length: int) -> "OffsetMap":
        """``self`` maps derived→middle, ``inner`` maps middle→raw: return derived→raw.

        An empty middle range (an inserted separator) stays empty, at the raw position of its start.
        """
        size = len(inner)
        inner_starts, inner_ends = inner.starts, inner.ends

        def raw_position(middle: int) -> int:
            return inner_starts[middle] if middle < size else raw_length

        composed = OffsetMap()
        composed.starts = array("q", (raw_position(s) for s in self.starts))
        composed.ends = array(
            "q", (inner_ends[e - 1] if e > s else raw_position(s) for s, e in zip(self.starts, self.ends))
        )
        return composed
