"""Raw report text → clean paragraphs and footnotes, every character traceable to the raw text.

Pipeline: normalise characters (NFC) → split and classify lines → cut out footnote bodies and
their markers → drop page numbers and separators → join wrapped lines into paragraphs → build
the clean text (body paragraphs, then footnote paragraphs) with one offset map to raw.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import regex

from extractor.cleaning.footnotes import FootnoteLines, find_footnotes
from extractor.cleaning.lines import Line, split_lines, typical_line_width
from extractor.cleaning.normalize import normalize_with_map
from extractor.offsets import OffsetMap

SENTENCE_END = regex.compile(r"[.!?:…][\s”\"’)]*$")
UPPER_START = regex.compile(r"^\s*[\p{Lu}\d“\"(\[]")
HAS_LOWER = regex.compile(r"\p{Ll}")
HAS_LETTER = regex.compile(r"\p{L}")
WHITESPACE = regex.compile(r"\s+")
PARAGRAPH_END_SPACES = regex.compile(r"\S[ \t]{2,}$")
INTERNAL_SENTENCE_BREAK = regex.compile(r"\p{L}{2}[.!?][”\"’)]?\s+\p{Lu}")

SHORT_LINE = 0.7  # of the typical line width: such a line ends its paragraph
FULL_LINE = 0.9  # a line this full that ends with "." is more likely a wrap than a paragraph end


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the clean text; ``start``/``end`` index the clean text, ``raw_*`` the raw text."""

    start: int
    end: int
    raw_start: int
    raw_end: int
    kind: str  # "text", "heading", "item" or "footnote"
    rule: str | None = None  # id of the line rule that opened it
    footnote: str | None = None  # footnote id for footnote paragraphs


@dataclass(frozen=True)
class Footnote:
    id: str
    marker: str
    start: int  # raw range of the body, from its number to its last character
    end: int
    ref_start: int  # raw range of the marker glued to the cited word
    ref_end: int
    clean_start: int  # the body text (without its number) in the clean text
    clean_end: int


@dataclass(frozen=True)
class Removal:
    start: int  # raw range
    end: int
    reason: str  # "page_number", "separator", "footnote_marker", "footnote_number"


@dataclass
class CleanText:
    raw: str
    text: str
    offsets: OffsetMap
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_raw(start, end)

    def clean_position(self, raw_position: int) -> int:
        """First clean character of the running text at or after ``raw_position`` (raw starts of
        the body are non-decreasing, so this is a binary search)."""
        low, high = 0, self.body_end
        starts = self.offsets.starts
        while low < high:
            middle = (low + high) // 2
            if starts[middle] < raw_position:
                low = middle + 1
            else:
                high = middle
        return min(low, max(self.body_end - 1, 0))

    @property
    def body_end(self) -> int:
        """End of the running text; footnote paragraphs follow it."""
        body = [p.end for p in self.paragraphs if p.kind != "footnote"]
        return body[-1] if body else 0


def clean_text(raw: str) -> CleanText:
    normalized, to_raw = normalize_with_map(raw)
    lines = split_lines(normalized)
    width = typical_line_width(lines)
    footnotes = find_footnotes(lines, normalized, width)
    footnote_line_ids = {line.index for note in footnotes for line in note.lines}
    marker_spans = [(note.marker.start, note.marker.end) for note in footnotes]

    builder = _TextBuilder(normalized, marker_spans)
    body_lines = [line for line in lines if line.index not in footnote_line_ids and line.kind in ("text", "heading", "item", "weak_item")]
    paragraphs = []
    for group in group_paragraphs(body_lines, width):
        paragraphs.append(builder.add_paragraph(group, group[0].kind, group[0].rule))

    notes = []
    for note in footnotes:
        first = note.lines[0]
        body = [_Segment(note.label_end, first.end)] + [_Segment(line.start, line.end) for line in note.lines[1:]]
        paragraph = builder.add_segments(body, "footnote", None, footnote=f"f{note.number}")
        paragraphs.append(paragraph)
        notes.append((note, paragraph))

    offsets = builder.offsets.compose(to_raw, len(raw))
    result = CleanText(raw=raw, text=builder.text(), offsets=offsets)
    for p in paragraphs:
        raw_start, raw_end = offsets.to_raw(p.start, p.end)
        result.paragraphs.append(Paragraph(p.start, p.end, raw_start, raw_end, p.kind, p.rule, p.footnote))
    for note, p in notes:
        first, last = note.lines[0], note.lines[-1]
        body_start = first.start + first.indent
        body_end = last.start + len(last.text.rstrip())
        start, _ = to_raw.to_raw(body_start, body_start + 1)
        _, end = to_raw.to_raw(body_end - 1, body_end)
        ref_start, ref_end = to_raw.to_raw(note.marker.start, note.marker.end)
        result.footnotes.append(Footnote(f"f{note.number}", str(note.number), start, end, ref_start, ref_end, p.start, p.end))
        result.removed.append(Removal(ref_start, ref_end, "footnote_marker"))
        result.removed.append(Removal(start, to_raw.to_raw(body_start, note.label_end)[1], "footnote_number"))
    for line in lines:
        if line.kind in ("page_number", "separator") and line.index not in footnote_line_ids:
            text_start = line.start + line.indent
            text_end = line.start + len(line.text.rstrip())
            result.removed.append(Removal(*to_raw.to_raw(text_start, text_end), line.kind))
    result.removed.sort(key=lambda r: r.start)
    return result


def group_paragraphs(lines: list[Line], width: float) -> list[list[Line]]:
    marks_paragraph_ends = _uses_paragraph_end_spaces(lines)
    groups: list[list[Line]] = []
    for position, line in enumerate(lines):
        if groups and marks_paragraph_ends and _marked_paragraph_end(groups[-1][-1], line, width):
            groups.append([line])
        elif groups and not starts_paragraph(groups[-1], line, width, lines[position:], marks_paragraph_ends):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def starts_paragraph(group: list[Line], line: Line, width: float, ahead: list[Line], marks_paragraph_ends: bool = False) -> bool:
    """Does ``line`` open a new paragraph after the lines of ``group``? (``ahead`` starts at ``line``.)"""
    if line.kind in ("heading", "item"):
        return True
    previous_text = group[-1].stripped
    finished = bool(SENTENCE_END.search(previous_text))
    if line.kind == "weak_item":  # "- xã hội" continuing an unfinished line is not an item
        return finished
    if _is_upper_case_line(previous_text) and _is_upper_case_line(line.stripped):
        return False  # a title block in capitals wraps over several lines
    if not UPPER_START.match(line.text):
        return False
    if finished:
        return len(previous_text) < FULL_LINE * width
    if len(previous_text) < SHORT_LINE * width:
        return True
    if group[0].kind == "heading":
        return _body_follows_heading(ahead, width, marks_paragraph_ends, group[-1])
    return False


def _marked_paragraph_end(previous: Line, line: Line, width: float) -> bool:
    text = previous.stripped
    return (
        bool(PARAGRAPH_END_SPACES.search(previous.text))
        and bool(UPPER_START.match(line.text))
        and not _is_upper_case_line(text)
        and (bool(SENTENCE_END.search(text)) or len(text) < FULL_LINE * width)
    )


@lru_cache(maxsize=1)
def dangling_words() -> frozenset[str]:
    data = json.loads(resources.files("extractor.cleaning").joinpath("dangling_words.json").read_text(encoding="utf-8"))
    return frozenset(data["words"])


def _uses_paragraph_end_spaces(lines: list[Line]) -> bool:
    """Word-exported PDF text often ends each paragraph's last line with two spaces; trust that
    signal only where it is rare enough to mean something."""
    marked = sum(1 for line in lines if PARAGRAPH_END_SPACES.search(line.text))
    return 0 < marked <= 0.3 * len(lines)


def _body_follows_heading(ahead: list[Line], width: float, marks_paragraph_ends: bool, previous: Line, max_lines: int = 4) -> bool:
    """A capitalised line after a full heading line: a wrapped title runs on to a short unfinished
    line ("… nhiệm kỳ 2020 - 2025"), while a body paragraph runs on to a sentence end. A title that
    ends on a function word ("… nghị quyết của" / "Đảng, …"), or whose sentence ends inside the
    capitalised line ("Đảng các cấp … của tỉnh. Xây …"), runs on in the same paragraph."""
    last_word = previous.stripped.rsplit(" ", 1)[-1].lower()
    if last_word in dangling_words() or INTERNAL_SENTENCE_BREAK.search(ahead[0].stripped):
        return False
    for line in ahead[:max_lines]:
        if line.kind in ("heading", "item"):
            return False
        text = line.stripped
        if SENTENCE_END.search(text):
            return True
        if marks_paragraph_ends and PARAGRAPH_END_SPACES.search(line.text):
            return False  # the marked paragraph end comes before any sentence end: a wrapped title
        if len(text) < SHORT_LINE * width:
            return False
    return True


def _is_upper_case_line(text: str) -> bool:
    return bool(HAS_LETTER.search(text)) and not HAS_LOWER.search(text)


@dataclass(frozen=True)
class _Segment:
    start: int  # range of the normalised text
    end: int


class _TextBuilder:
    """Accumulates clean text and its map to the normalised text."""

    def __init__(self, normalized: str, removed_spans: list[tuple[int, int]]):
        self.normalized = normalized
        self.removed = sorted(removed_spans)
        self.pieces: list[str] = []
        self.offsets = OffsetMap()
        self.length = 0

    def text(self) -> str:
        return "".join(self.pieces)

    def add_paragraph(self, lines: list[Line], kind: str, rule: str | None) -> Paragraph:
        return self.add_segments([_Segment(line.start, line.end) for line in lines], kind, rule)

    def add_segments(self, segments: list[_Segment], kind: str, rule: str | None, footnote: str | None = None) -> Paragraph:
        if self.length:
            self._emit("\n", self._last_end, self._last_end)  # paragraph separator: no raw text
        start = self.length
        previous_end = None
        for segment in segments:
            text_start, text_end = self._strip(segment)
            if text_start >= text_end:
                continue
            if previous_end is not None:  # the line break that was joined, as one space
                self._emit(" ", previous_end, previous_end + 1)
            self._copy(text_start, text_end)
            previous_end = text_end
        return Paragraph(start, self.length, 0, 0, kind, rule, footnote)

    @property
    def _last_end(self) -> int:
        return self.offsets.ends[-1] if len(self.offsets) else 0

    def _strip(self, segment: _Segment) -> tuple[int, int]:
        text = self.normalized[segment.start:segment.end]
        leading = len(text) - len(text.lstrip())
        trailing = len(text) - len(text.rstrip())
        return segment.start + leading, segment.end - trailing

    def _copy(self, start: int, end: int) -> None:
        """Copy normalised text, folding whitespace runs and skipping footnote markers."""
        position = start
        for removed_start, removed_end in self._removed_within(start, end):
            self._copy_folded(position, removed_start)
            position = removed_end
        self._copy_folded(position, end)

    def _removed_within(self, start: int, end: int):
        first = bisect_left(self.removed, (start, start))
        spans = []
        for span in self.removed[first:]:
            if span[0] >= end:
                break
            if span[1] <= end:
                spans.append(span)
        return spans

    def _copy_folded(self, start: int, end: int) -> None:
        position = start
        for match in WHITESPACE.finditer(self.normalized, start, end):
            if match.start() > position:
                self._emit_copy(position, match.start())
            self._emit(" ", match.start(), match.end())
            position = match.end()
        if end > position:
            self._emit_copy(position, end)

    def _emit_copy(self, start: int, end: int) -> None:
        self.pieces.append(self.normalized[start:end])
        self.offsets.extend_identity(start, end - start)
        self.length += end - start

    def _emit(self, char: str, start: int, end: int) -> None:
        self.pieces.append(char)
        self.offsets.append(start, end)
        self.length += 1
