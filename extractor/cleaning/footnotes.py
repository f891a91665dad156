"""Find footnote bodies that PDF extraction dropped mid-text, and the markers that cite them.

A body is a line that starts with footnote number *n* ("3 Trong đó: …", "9Trong đó", " 11 (1) …",
"[^1]: …"). It is accepted only when a free marker with the same number stands within a few pages:
glued to a word or a figure ("đạt1", "ong3", "sạch”7", "cấp)11", "86,2%24"), superscript, or
"[^1]" — the nearest one before the body, else the nearest after it (PDF text may put a page's
footnotes ahead of the text citing them). Bodies may come out of order, but a number far above
the ones taken is refused, so a figure or heading at the start of a line cannot pose as footnote
*n* unless its marker exists too; a label with a doubled digit ("44" for 4) reads as its marker.
A body runs over the following lines until the next body, a page number, a separator, a heading,
an indented block start, or a lower-case line after a sentence end (the interrupted running text
resuming; a body spliced into an unfinished sentence also ends at the first plain text line after
a finished body sentence). A body left unfinished continues at the foot of a later page: a
lower-case block of footnote-width lines (small print holds more characters per line) standing
after a finished sentence of running text.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractor.cleaning.lines import Line

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

# A digit run glued to the end of a word or to closing punctuation, then a break.
MARKER = regex.compile(
    r"(?:(?<=(?P<word>\p{L}+))|(?<=[”\"’)\]%]))(?P<number>\d{1,3})(?=[\s.,;:!?)\]”\"’…]|$)"
    r"|(?P<superscript>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
    r"|\[\^(?P<markdown>\d{1,3})\](?!:)"  # a markdown footnote reference "[^1]"
)
# Words whose trailing digit is an exponent or part of a code, not a marker (km2, m3, QH15).
EXPONENT_UNITS = frozenset({"m", "km", "cm", "dm", "mm", "hm"})
BODY_START = regex.compile(
    r"^\s*(?:(?P<number>\d{1,3})(?:[ \t]+(?=\S)|(?=[\p{Lu}“\"(\[]))|(?P<superscript>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(?=\S)"
    r"|\[\^(?P<markdown>\d{1,3})\]:[ \t]*)"  # a markdown footnote "[^1]: …"
)
MARKDOWN_BODY = regex.compile(r"^\s*\[\^\d{1,3}\]:")
SENTENCE_END = regex.compile(r"[.!?…][\s”\"’)]*$")
LOWER_START = regex.compile(r"^\s*\p{Ll}")

MAX_MARKER_DISTANCE = 8000  # characters; a footnote sits on its marker's page or the next
MAX_SKIPPED_NUMBERS = 2  # tolerate a footnote whose body was lost
FOOTNOTE_WIDTH = 1.15  # a small-print line is this much longer than a full line of running text


@dataclass(frozen=True)
class Marker:
    number: int
    start: int  # in the normalised text
    end: int


@dataclass(frozen=True)
class FootnoteLines:
    number: int
    marker: Marker
    lines: tuple[Line, ...]
    label_end: int  # end of the body's leading number in the normalised text




def find_markers(text: str) -> list[Marker]:
    markers = []
    for match in MARKER.finditer(text):
        if match.group("markdown"):
            digits, span = match.group("markdown"), match.span()
        elif match.group("superscript"):
            digits = match.group("superscript").translate(SUPERSCRIPT_DIGITS)
            span = match.span("superscript")
        else:
            word = match.group("word") or ""
            if word.lower() in EXPONENT_UNITS or (len(word) >= 2 and word.isupper()):
                continue
            digits = match.group("number")
            span = match.span("number")
        if digits.startswith("0") or not digits.isascii():  # only 0-9 label a footnote
            continue
        markers.append(Marker(int(digits), *span))
    return markers


def body_number(line: Line) -> tuple[int, int] | None:
    """(footnote number, end of the number) when the line could open footnote *n*."""
    if line.kind not in ("text", "item", "weak_item"):
        return None
    match = BODY_START.match(line.text)
    if not match:
        return None
    group = next(name for name in ("markdown", "superscript", "number") if match.group(name))
    digits = match.group(group).translate(SUPERSCRIPT_DIGITS)
    if digits.startswith("0") or not digits.isascii():
        return None
    return int(digits), line.start + (match.end() if group == "markdown" else match.end(group))


def find_footnotes(lines: list[Line], text: str, width: float) -> list[FootnoteLines]:
    """Bodies paired with markers by number and position: the marker of the same number nearest
    before the body, else the nearest after it (PDF text may put a page's footnotes ahead of the
    running text that cites them); bodies may come out of order ("2" before "1")."""
    markers_by_number: dict[int, list[Marker]] = {}  # each number's markers in text order
    for marker in find_markers(text):
        markers_by_number.setdefault(marker.number, []).append(marker)

    footnotes: list[FootnoteLines] = []
    pairing = _Pairing(markers_by_number)
    index = 0
    while index < len(lines):
        accepted = pairing.accept(lines[index])
        if accepted is None:
            index += 1
            continue
        number, label_end, marker = accepted
        pairing.take(number, marker)
        interrupted = index > 0 and _interrupts_sentence(lines, index)
        body = _body_lines(lines, index, pairing, interrupted)
        resume_at = body[-1].index + 1
        if not SENTENCE_END.search(body[-1].text.rstrip()):
            start = _continuation_start(lines, resume_at, pairing, width)
            if start is not None:
                body += _body_lines(lines, start, pairing, interrupted=False)
        footnotes.append(FootnoteLines(number, marker, tuple(body), label_end))
        index = resume_at
    footnotes.sort(key=lambda note: note.number)
    return footnotes


class _Pairing:
    """Which footnote numbers and markers are taken; which line can open a body."""

    def __init__(self, markers_by_number: dict[int, list[Marker]]):
        self.markers_by_number = markers_by_number
        self.numbers: set[int] = set()
        self.markers: set[Marker] = set()
        self.highest = 0

    def take(self, number: int, marker: Marker) -> None:
        self.numbers.add(number)
        self.markers.add(marker)
        self.highest = max(self.highest, number)

    def accept(self, line) -> tuple[int, int, Marker] | None:
        found = body_number(line)
        if found is None:
            return None
        number, label_end = found
        for candidate in (number, *_typo_readings(number)):
            if candidate in self.numbers or (self.numbers and candidate > self.highest + 1 + MAX_SKIPPED_NUMBERS):
                continue  # the first may be any number (an excerpt, a part that goes on counting)
            marker = self._marker_for(candidate, line)
            if marker is not None:
                return candidate, label_end, marker
        return None

    def _marker_for(self, number: int, line) -> Marker | None:
        free = [m for m in self.markers_by_number.get(number, ()) if m not in self.markers and abs(line.start - m.start) <= MAX_MARKER_DISTANCE]
        before = [m for m in free if m.start < line.start]
        if before:
            return before[-1]
        after = [m for m in free if m.start >= line.end]  # never the body's own label
        return after[0] if after else None


def _typo_readings(number: int) -> tuple[int, ...]:
    """A body label typed with one digit doubled ("44" for 4, "112" for 12), tried only when the
    label as written has no marker."""
    digits = str(number)
    readings = {int(digits[:i] + digits[i + 1:]) for i in range(1, len(digits)) if digits[i] == digits[i - 1]}
    return tuple(sorted(readings - {0}))


def _interrupts_sentence(lines: list[Line], index: int) -> bool:
    """The body was spliced into running text whose sentence goes on after it."""
    for previous in range(index - 1, -1, -1):
        if lines[previous].kind == "blank":
            continue
        return lines[previous].kind == "text" and not SENTENCE_END.search(lines[previous].text.rstrip())
    return False


def _continuation_start(lines, first, pairing: _Pairing, width) -> int | None:
    """Index of the line where an unfinished footnote body resumes on a later page, if any."""
    previous = None
    for index in range(first, len(lines)):  # not lines[first:]: a copy of the rest per footnote
        line = lines[index]
        if line.start - lines[first].start > MAX_MARKER_DISTANCE:
            return None
        if line.kind == "blank":
            continue
        if pairing.accept(line) is not None:
            return None  # the next footnote comes first
        if (
            previous is not None
            and SENTENCE_END.search(previous.text.rstrip())
            and LOWER_START.match(line.text)
            and len(line.stripped) > FOOTNOTE_WIDTH * width
        ):
            return line.index
        previous = line
    return None


RESUME_LOOKAHEAD = 6  # lines read ahead for the interrupted sentence resuming


def _resumes_later(lines, index: int) -> bool:
    """A capitalised line after a finished body sentence is more of the body when the interrupted
    running text resumes a few lines on, in lower case after a finished sentence ("… công tác cán ⏎
    10 Trong nhiệm kỳ … 20,43%. ⏎ Về xếp loại đảng viên: … 15,01%. ⏎ bộ, tài chính; …")."""
    if LOWER_START.match(lines[index].text):
        return False
    previous, seen = None, 0
    for later in range(index, len(lines)):
        line = lines[later]
        if line.kind == "blank":
            continue
        if line.kind in ("page_number", "separator", "heading") or seen >= RESUME_LOOKAHEAD:
            return False
        if previous is not None and LOWER_START.match(line.text) and SENTENCE_END.search(previous.text.rstrip()):
            return True
        previous, seen = line, seen + 1
    return False


def _body_lines(lines, first, pairing: _Pairing, interrupted: bool) -> list[Line]:
    """The lines of a body from ``first``; ``interrupted``: the body stands inside a sentence of
    running text, which resumes with the first plain text line after a finished body sentence."""
    body = [lines[first]]
    if MARKDOWN_BODY.match(lines[first].text):
        return body  # a markdown footnote is one line
    for index in range(first + 1, len(lines)):  # not lines[first + 1:]: a copy of the rest per footnote
        line = lines[index]
        if line.kind == "blank":
            continue
        if line.kind in ("page_number", "separator", "heading") or line.page_break_before:
            break
        if pairing.accept(line) is not None:
            break
        previous = body[-1]
        if interrupted and line.kind == "text" and len(body) > 1 and SENTENCE_END.search(previous.text.rstrip()) \
                and not _resumes_later(lines, index):
            break
        if line.indent > previous.indent and len(body) > 1:
            break  # an indented block start after flush continuation lines
        if line.indent > previous.indent and LOWER_START.match(line.text):
            break
        if SENTENCE_END.search(previous.text.rstrip()) and LOWER_START.match(line.text):
            break  # the interrupted running text resumes
        body.append(line)
    return body
