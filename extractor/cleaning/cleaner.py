"""Raw report text → clean paragraphs and footnotes, every character traceable to the raw text.

Pipeline: normalise characters (NFC) → split and classify lines → cut out footnote bodies and
their markers → drop page numbers and separators → join wrapped lines into paragraphs → build
the clean text (body paragraphs, then footnote paragraphs) with one offset map to raw.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

import regex

from extractor.cleaning.footnotes import find_footnotes
from extractor.cleaning.lines import (BARE_FIGURE, CELL_SEPARATOR, LINES_TABLE_ROW, MEASURE_CELL, PADDING_END, SPACED_CELL_GAP, SPACED_TABLE_ROW, TABLE_CELL_SEPARATORS, TABLE_ROW, UNIT_DECLARATION_LINE, VALUE_CELL, Line,
                                      is_spaced_row, lines_are_wrapped, split_lines, typical_line_width)
from extractor.cleaning.normalize import normalize_with_map
from extractor.cleaning.spacing import respace
from extractor.indicators.columns import names_a_column
from extractor.offsets import OffsetMap
from extractor.rules import load_rules

SENTENCE_END = regex.compile(r"[.!?:…][\s”\"’)]*$")
TERM_WORD_END = regex.compile(r"(?i)(?:nhiệm\s+kỳ|giai\s+đoạn|năm|khóa|khoá)$")
YEAR_START = regex.compile(r"^\s*(?:19|20)\d\d(?!\d)")
LABELLED_ITEM = regex.compile(r"^(?:\(\d{1,3}\)|\*)\s")  # "(4) Về công tác …", "* Công tác …": may be sub-headings
UPPER_START = regex.compile(r"^\s*[\p{Lu}\d“\"(\[]")
HAS_LOWER = regex.compile(r"\p{Ll}")
HAS_LETTER = regex.compile(r"\p{L}")
WHITESPACE = regex.compile(r"\s+")
LONG_WHITESPACE = regex.compile(r"\s{2,}")  # a run WHITESPACE folds into fewer characters
OTHER_WHITESPACE = regex.compile(r"[^\S ]")  # a single whitespace character that is not a space
PARAGRAPH_END_SPACES = regex.compile(r"\S[ \t]{2,}$")
NON_SPACE = regex.compile(r"\S")
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
    reason: str  # "page_number", "separator", "running_header", "footnote_marker", "footnote_number", "markup"


@dataclass
class CleanText:
    raw: str
    text: str
    offsets: OffsetMap
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    _body_end: tuple | None = field(default=None, init=False, repr=False, compare=False)  # (list, length, last, value)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_raw(start, end)

    def paragraph_starts(self) -> list[int]:
        """Clean start of each paragraph (they come in clean-text order), kept while the list is unchanged."""
        cached = self.__dict__.get("_paragraph_starts")
        if cached is None or cached[0] is not self.paragraphs or len(cached[1]) != len(self.paragraphs):
            cached = self.__dict__["_paragraph_starts"] = (self.paragraphs, [p.start for p in self.paragraphs])
        return cached[1]

    def to_data(self) -> dict:
        """Plain, serialisable form without the raw text (its owner keeps that): msgpack and JSON-ready."""
        return {"text": self.text, "offsets": self.offsets.to_data(),
                "paragraphs": [dataclasses.astuple(p) for p in self.paragraphs],
                "footnotes": [dataclasses.astuple(f) for f in self.footnotes],
                "removed": [dataclasses.astuple(r) for r in self.removed]}

    @classmethod
    def from_data(cls, raw: str, data: dict) -> "CleanText":
        return cls(raw, data["text"], OffsetMap.from_data(data["offsets"]), [Paragraph(*row) for row in data["paragraphs"]],
                   [Footnote(*row) for row in data["footnotes"]], [Removal(*row) for row in data["removed"]])

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
        """End of the running text; footnote paragraphs follow it. Cached while the paragraph
        list is unchanged: every footnote figure asks for it."""
        paragraphs = self.paragraphs
        last = paragraphs[-1] if paragraphs else None
        cached = self._body_end
        if cached is None or cached[0] is not paragraphs or cached[1] != len(paragraphs) or cached[2] is not last:
            body = [p.end for p in paragraphs if p.kind != "footnote"]
            cached = self._body_end = (paragraphs, len(paragraphs), last, body[-1] if body else 0)
        return cached[3]


def clean_document(document) -> CleanText:
    """Clean a read document (``extractor.reading.RawDocument``) with the options its format needs:
    DOCX gives one line per paragraph; paged layouts repeat running headers and footers."""
    from extractor.reading.pages import running_lines

    return clean_text(
        document.text,
        paragraph_lines=document.encoding.startswith("docx"),
        drop_ranges=running_lines(document.text, document.pages),
    )


def clean_text(raw: str, *, paragraph_lines: bool = False, drop_ranges: list[tuple[int, int]] = ()) -> CleanText:
    """``paragraph_lines``: every line is a paragraph (DOCX). ``drop_ranges``: raw ranges of lines
    to remove as running headers/footers."""
    spaced, to_raw = normalize_with_map(raw)
    normalized, to_spaced = respace(spaced)
    if to_spaced is not None:
        to_raw = to_spaced.compose(to_raw, len(raw))
    lines = _mark_label_value_rows(_mark_cell_line_rows(_mark_table_rows(split_lines(normalized), raw, to_raw)))
    if drop_ranges:
        lines = _mark_running_lines(lines, to_raw, drop_ranges)
    width = typical_line_width(lines)
    footnotes = find_footnotes(lines, normalized, width)
    footnote_line_ids = {line.index for note in footnotes for line in note.lines}
    marker_spans = [(note.marker.start, note.marker.end) for note in footnotes]
    markup_spans = [(line.start, line.start + line.markup) for line in lines if line.markup]
    marker_spans += markup_spans

    builder = _TextBuilder(normalized, marker_spans, to_raw, len(raw))
    body_lines = [line for line in lines if line.index not in footnote_line_ids and line.kind in ("text", "heading", "item", "weak_item", TABLE_ROW)]
    paragraphs = []
    groups = [[line] for line in body_lines] if paragraph_lines else group_paragraphs(body_lines, width, _paragraph_blanks(lines, body_lines))
    groups = _join_cell_lines(groups)
    for group in groups:
        paragraphs.append(builder.add_paragraph(group, group[0].kind, group[0].rule))

    notes = []
    for note in footnotes:
        first = note.lines[0]
        body = [_Segment(note.label_end, first.end)] + [_Segment(line.start, line.end) for line in note.lines[1:]]
        paragraph = builder.add_segments(body, "footnote", None, footnote=f"f{note.number}")
        paragraphs.append(paragraph)
        notes.append((note, paragraph))

    offsets = builder.offsets  # already composed with ``to_raw``: clean → raw
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
    for start, end in markup_spans:
        result.removed.append(Removal(*to_raw.to_raw(start, end), "markup"))
    for line in lines:
        if line.kind in ("page_number", "separator") and line.index not in footnote_line_ids:
            text_start = line.start + line.indent
            text_end = line.start + len(line.text.rstrip())
            reason = "running_header" if line.rule == RUNNING_LINE_RULE else line.kind
            result.removed.append(Removal(*to_raw.to_raw(text_start, text_end), reason))
    result.removed.sort(key=lambda r: r.start)
    return result


RUNNING_LINE_RULE = "running-header-or-footer"


def _mark_running_lines(lines: list[Line], to_raw, drop_ranges) -> list[Line]:
    """Lines inside a dropped raw range become separators, removed like "-----"."""
    marked = []
    for line in lines:
        if line.kind != "blank" and line.end > line.start:
            start, end = to_raw.to_raw(line.start + line.indent, line.start + len(line.text.rstrip()))
            if any(a <= start and end <= b for a, b in drop_ranges):
                line = replace(line, kind="separator", rule=RUNNING_LINE_RULE)
        marked.append(line)
    return marked


LOOK_AHEAD_LINES = 4  # lines ``_body_follows_heading`` reads from the current one on


def _mark_table_rows(lines: list[Line], raw: str, to_raw) -> list[Line]:
    """Normalising turns tabs into spaces; the raw line still shows a table row's cells."""
    separated, spaced = CELL_SEPARATOR.search(raw) is not None, SPACED_CELL_GAP.search(raw) is not None
    if not separated and not spaced:
        return lines
    marked = []
    for line in lines:
        if line.end > line.start and line.kind in ("text", "item", "weak_item", "heading"):
            raw_start, raw_end = to_raw.to_raw(line.start, line.end)
            separators = len(CELL_SEPARATOR.findall(raw, raw_start, raw_end)) if separated else 0
            cells = separators >= TABLE_CELL_SEPARATORS and _holds_cells(line.text)
            if separators == 1 and line.kind != "heading":
                # "Thu ngân sách nhà nước | 6.830 tỷ đồng": a label and its value, a row of a two-column table
                label, value = CELL_SEPARATOR.split(raw[raw_start:raw_end])
                cells = any(c.isalpha() for c in label) and not any(c.isdigit() for c in label) and MEASURE_CELL.fullmatch(value) is not None
            if line.kind == "heading":
                # "1. Tổng thu ngân sách | 11.117.000 | 14.106.120 |", "1. Thu ngân sách | 6.830 tỷ đồng | ||": a
                # numbered row holding figure cells, no heading
                if cells and any(MEASURE_CELL.fullmatch(cell) for cell in CELL_SEPARATOR.split(raw[raw_start:raw_end])):
                    line = replace(line, kind=TABLE_ROW, rule="table-row")
                elif spaced and is_spaced_row(raw[raw_start:raw_end]):
                    line = replace(line, kind=TABLE_ROW, rule=SPACED_TABLE_ROW)  # "2. Tỷ lệ sinh (‰)     19,12     19,02"
            elif cells:
                line = replace(line, kind=TABLE_ROW, rule="table-row")
            elif spaced and is_spaced_row(raw[raw_start:raw_end]):
                line = replace(line, kind=TABLE_ROW, rule=SPACED_TABLE_ROW)
        marked.append(line)
    return _mark_padded_labels(marked, raw, to_raw) if spaced else marked


def _mark_padded_labels(lines: list[Line], raw: str, to_raw) -> list[Line]:
    """A line padded with spaces to the table's width next to a row of a fixed-width table is a
    row too, one that states only its label ("Thu phạt, tịch thu khác theo quy định            "):
    it is no wrapped line of the row that follows."""
    marked = list(lines)
    for order in (range(len(marked)), range(len(marked) - 1, -1, -1)):
        neighbour = None  # the last non-blank line met in this direction
        for index in order:
            line = marked[index]
            if line.kind == "blank":
                continue
            if neighbour is not None and neighbour.rule == SPACED_TABLE_ROW and line.kind in ("text", "item", "weak_item"):
                raw_start, raw_end = to_raw.to_raw(line.start, line.end)
                if PADDING_END.search(raw, raw_start, raw_end) or SPACED_CELL_GAP.search(raw, raw_start, raw_end):
                    line = marked[index] = replace(line, kind=TABLE_ROW, rule=SPACED_TABLE_ROW)
            neighbour = line
    return marked


CELL_LINE_ROW_NUMBER = regex.compile(r"\s*(\d{1,3})[.)]?\s*")  # "7": a row's number alone on its line
CELL_LINE_GROUP = regex.compile(r"\s*(?:[IVXLC]{1,5}|[A-Z])[.)]?\s*")  # "II": a group of rows, its name on the next line
CELL_LINE_HEADER = regex.compile(r"(?i)\s*(?:số\s+)?(?:stt|tt)\.?\s*")  # "Stt" opens the header row
HEADER_CELL_LINE = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|%")  # a header cell naming a year or a share
LETTER_START = regex.compile(r"\s*\p{L}")
MAX_CELL_LINE = 120  # characters: a longer line is running text, not a cell
SENTENCE_CELL_LINE = 60  # characters: a line so long that ends a sentence is running text too
MAX_LINES_PER_ROW = 10  # lines from one row's number to the next (group rows in between included)
MAX_SUB_ROWS = 2  # unnumbered sub-rows ("Trong đó: …" with cells of its own) a row may hold
MIN_CELL_LINE_ROWS = 3


def _mark_cell_line_rows(lines: list[Line]) -> list[Line]:
    """A table written one cell per line: lines "n" (a row number alone, its next line a label),
    "n+1", "n+2" … a few short lines apart open the rows of one table; each row runs to the next
    row's number, a group row ("II" / "Xã hội") or, for the last, as many lines as the rows before
    it. Their lines become table rows (``row`` tells which), a header row opening on "Stt" too;
    a row number or a bare figure is then no page number."""
    body = [index for index, line in enumerate(lines) if line.kind not in ("blank", "separator")]
    numbers = []  # positions in ``body`` of lines that may open a row, with their number
    for position, index in enumerate(body):
        number = CELL_LINE_ROW_NUMBER.fullmatch(lines[index].text)
        following = body[position + 1] if position + 1 < len(body) else None
        if number and following is not None and LETTER_START.match(lines[following].text):
            numbers.append((position, int(number.group(1))))
    marked, row_id = list(lines), 0
    for chain in _row_number_chains(numbers, body, lines):
        rows = []  # (first, last) positions in ``body``, both inclusive
        for (position, _), (next_position, _) in zip(chain, chain[1:]):
            for first, last in _split_off_groups(position, next_position - 1, body, lines):
                rows.extend(_split_off_sub_rows(first, last, body, lines))
        cells = sorted(last - first + 1 for first, last in rows if not CELL_LINE_GROUP.fullmatch(lines[body[first]].text))
        typical_cells = cells[len(cells) // 2]
        last_start = chain[-1][0]
        last_end = min(last_start + typical_cells - 1, len(body) - 1)
        while last_end > last_start and not _is_cell_line(lines[body[last_end]].stripped):
            last_end -= 1
        rows.append((last_start, last_end))
        rows[:0] = _rows_before(chain[0][0], body, lines, typical_cells)
        for first, last in rows:
            row_id += 1
            for position in range(first, last + 1):
                marked[body[position]] = replace(lines[body[position]], kind=TABLE_ROW, rule=LINES_TABLE_ROW, row=row_id)
    return marked


LABEL_CELL_LINE = regex.compile(r"\s*\p{L}.*")  # opens on a word ("Tỷ lệ trẻ dưới 5 tuổi suy dinh dưỡng (%)")
MAX_LABEL_LINE = 80
MIN_LABEL_VALUE_ROWS = 3
MAX_VALUE_COLUMNS = 8  # value lines a row of such a table holds
CORNER_CELL = regex.compile(r"(?i)(?:stt|tt|(?:tên\s+)?chỉ\s+tiêu(?:\s+chủ\s+yếu)?|nội\s+dung|danh\s+mục|hạng\s+mục|ngành(?:\s+hàng)?|lĩnh\s+vực|đơn\s+vị)")  # a header's first cell over the labels


def _mark_label_value_rows(lines: list[Line]) -> list[Line]:
    """A table written one cell per line with no row numbers: three or more label lines each
    followed by the same number of figure lines make its rows ("Nông nghiệp" / "Tăng 9,27" /
    "Lâm nghiệp" / "Tăng 18,45" …; "Tổng mức bán lẻ" / "1250,5" / "1300,2" / "108,5" …), a label
    line alone before a row a group row ("Phân theo ngành hàng"); the word lines right before
    them its header (see ``_label_value_header``), a line declaring the unit ("Đơn vị tính: Tỷ
    đồng") between them."""
    body = [index for index, line in enumerate(lines) if line.kind not in ("blank", "separator")]
    # each line read once: a label line, a figure line ("12" too: a cell, no page's number), or neither
    labels = [_is_label_line(lines[index]) and not lines[index].stripped.endswith(":") for index in body]
    values = [lines[index].kind in ("text", "page_number") and VALUE_CELL.fullmatch(lines[index].text) is not None for index in body]

    def is_label(position: int) -> bool:
        return position < len(body) and labels[position]

    def values_after(position: int) -> int:
        """Figure lines after a label line at ``position`` (0 if it is none)."""
        if not is_label(position):
            return 0
        count = 0
        while position + 1 + count < len(body) and count <= MAX_VALUE_COLUMNS and values[position + 1 + count]:
            count += 1
        return count if count <= MAX_VALUE_COLUMNS else 0

    marked, row_id = list(lines), max((line.row or 0 for line in lines), default=0)
    position = 0
    while position < len(body):
        cells = values_after(position)
        rows, run = [], position
        while cells:
            if values_after(run) == cells:
                rows.append((run, run + cells))
                run += cells + 1
            elif is_label(run) and values_after(run + 1) == cells:
                rows.append((run, run))  # a group row: its label alone
                run += 1
            else:
                break
        if sum(1 for first, last in rows if last > first) >= MIN_LABEL_VALUE_ROWS:
            header = _label_value_header(position, cells, body, lines)
            if header is not None:
                rows.insert(0, header)
            for first, last in rows:
                row_id += 1
                for row_position in range(first, last + 1):
                    marked[body[row_position]] = replace(lines[body[row_position]], kind=TABLE_ROW, rule=LINES_TABLE_ROW, row=row_id)
            position = run
        else:
            position += 1
    return marked


def _is_label_line(line: Line) -> bool:
    """A short line opening on a word that is no figure cell and no unit declaration."""
    return (line.kind == "text" and len(line.stripped) <= MAX_LABEL_LINE and LABEL_CELL_LINE.fullmatch(line.text) is not None
            and VALUE_CELL.fullmatch(line.text) is None and UNIT_DECLARATION_LINE.fullmatch(line.text) is None)


def _label_value_header(first_row: int, cells: int, body, lines) -> tuple[int, int] | None:
    """The header row of a label/value table, right before its first row or before the line
    declaring its unit: two word lines over a two-column table ("Sản phẩm" / "Giá trị tăng thêm …
    (%)"); over more columns, a corner cell naming the label column ("Chỉ tiêu") and one line per
    figure column, else the figure columns' lines alone (their cells stand over the figures)."""
    end = first_row - 1
    if end >= 0 and UNIT_DECLARATION_LINE.fullmatch(lines[body[end]].text):
        end -= 1  # (the declaration is read by the rows: "ĐVT: Tỷ đồng")

    def header_lines(start: int) -> bool:
        return start >= 0 and all(_is_label_line(lines[body[p]]) and not SENTENCE_END.search(lines[body[p]].text)
                                  for p in range(start, end + 1))

    if cells == 1:
        return (end - 1, end) if header_lines(end - 1) else None
    if header_lines(end - cells) and CORNER_CELL.fullmatch(lines[body[end - cells]].stripped):
        return end - cells, end
    return (end - cells + 1, end) if header_lines(end - cells + 1) else None


def _is_cell_line(text: str) -> bool:
    return len(text) <= MAX_CELL_LINE and not (len(text) > SENTENCE_CELL_LINE and SENTENCE_END.search(text))


def _row_number_chains(numbers, body, lines):
    """Runs of at least MIN_CELL_LINE_ROWS row numbers counting up by one, each a few short lines after the last."""
    def continues(chain, position, number) -> bool:
        return bool(chain) and number == chain[-1][1] + 1 and position - chain[-1][0] <= MAX_LINES_PER_ROW * (1 + MAX_SUB_ROWS) \
            and all(_is_cell_line(lines[body[between]].stripped) for between in range(chain[-1][0], position)) \
            and all(last - first < MAX_LINES_PER_ROW for first, last in _split_off_sub_rows(chain[-1][0], position - 1, body, lines))

    chains, chain = [], []
    for index, (position, number) in enumerate(numbers):
        if continues(chain, position, number):
            chain.append((position, number))
            continue
        if any(continues(chain, *later) for later in numbers[index + 1:index + MAX_LINES_PER_ROW]):
            continue  # a figure cell before a word cell ("96 | Không đạt"), inside the row the next number continues
        if len(chain) >= MIN_CELL_LINE_ROWS:
            chains.append(chain)
        chain = [(position, number)]
    if len(chain) >= MIN_CELL_LINE_ROWS:
        chains.append(chain)
    return chains


def _split_off_groups(first: int, last: int, body, lines) -> list[tuple[int, int]]:
    """The row from ``first`` to ``last``, and a group row ("II" / "Xã hội") that ends it, apart."""
    for position in range(first + 2, last):
        if CELL_LINE_GROUP.fullmatch(lines[body[position]].text) and LETTER_START.match(lines[body[position + 1]].text):
            return [(first, position - 1), (position, last)]
    return [(first, last)]


def _split_off_sub_rows(first: int, last: int, body, lines) -> list[tuple[int, int]]:
    """The row from ``first`` to ``last`` and the unnumbered sub-rows it holds apart: a line of
    words right after a bare figure opens a sub-row ("… | 308,1 | Trong đó: Thu cân đối | Triệu
    đồng | 1.133 | …") when a bare figure follows it too (a lone "Đạt" after the figures is the
    row's status cell)."""
    rows, start = [], first
    for position in range(first + 2, last):
        if LETTER_START.match(lines[body[position]].text) and BARE_FIGURE.fullmatch(lines[body[position - 1]].text) \
                and any(BARE_FIGURE.fullmatch(lines[body[after]].text) for after in range(position + 1, last + 1)):
            rows.append((start, position - 1))
            start = position
    return rows + [(start, last)]


def _rows_before(first: int, body, lines, cells: int) -> list[tuple[int, int]]:
    """The header row ("Stt" / "Chỉ tiêu" / "Kế hoạch") and a group row right before a table's first
    row; a header with no "Stt" cell is the ``cells`` - 1 short lines before the first row when they
    hold no figure cell and no heading label, and at least two read as header cells (a column's
    name, a year, "(%)")."""
    rows = []
    end = first - 1
    if end >= 1 and CELL_LINE_GROUP.fullmatch(lines[body[end - 1]].text) and LETTER_START.match(lines[body[end]].text):
        rows.append((end - 1, end))
        end -= 2
    for position in range(end, max(-1, end - MAX_LINES_PER_ROW), -1):
        if not _is_cell_line(lines[body[position]].stripped):
            break
        if CELL_LINE_HEADER.fullmatch(lines[body[position]].text):
            rows.insert(0, (position, end))
            return rows
    start = end - cells + 2
    if start < 0 or end - start < 1:
        return rows
    header = [lines[body[position]] for position in range(start, end + 1)]  # (a numbered line is a heading or an item: no cell)
    if all(line.kind == "text" and _is_cell_line(line.stripped) and not BARE_FIGURE.fullmatch(line.text) for line in header) \
            and sum(1 for line in header if HEADER_CELL_LINE.search(line.text) or names_a_column(line.text)) >= 2:
        rows.insert(0, (start, end))
    return rows


def _holds_cells(text: str) -> bool:
    """A row states something: "|---|:--|", a markdown table's rule under its header, is no row."""
    return any(character.isalnum() for character in text)


def _join_cell_lines(groups: list[list[Line]]) -> list[list[Line]]:
    """The lines of one table row written one cell per line make one paragraph."""
    joined: list[list[Line]] = []
    for group in groups:
        if joined and group[0].row is not None and joined[-1][-1].row == group[0].row:
            joined[-1].extend(group)
        else:
            joined.append(group)
    return joined


BLANK_SPACED_SHARE = 0.2  # of the blank gaps: that many running on in lower case make blank lines line spacing


def _paragraph_blanks(lines: list[Line], body_lines: list[Line]) -> frozenset[int]:
    """Indices of the body lines a blank line comes before: there a paragraph ends ("… đạt 1.250 ha" ⏎⏎
    "Sản lượng …"); none when blank lines are line spacing, a sentence running on past them in lower
    case again and again (a PDF's extraction, double-spaced)."""
    after_blank, running_on = set(), 0
    body = {line.index for line in body_lines}
    previous, blank_since = None, False
    for line in lines:
        if line.kind == "blank":
            blank_since = True
        elif line.index in body:
            if previous is not None and blank_since:
                after_blank.add(line.index)
                running_on += not UPPER_START.match(line.text) and not SENTENCE_END.search(previous.stripped)
            previous, blank_since = line, False
    if running_on >= max(2, BLANK_SPACED_SHARE * len(after_blank)):
        return frozenset()
    return frozenset(after_blank)


def group_paragraphs(lines: list[Line], width: float, after_blank: frozenset[int] = frozenset()) -> list[list[Line]]:
    """``after_blank``: indices of lines a blank line that ends a paragraph comes before."""
    marks_paragraph_ends = _uses_paragraph_end_spaces(lines)
    wrapped = lines_are_wrapped(lines, width)
    word_per_line = _one_word_per_line(lines)
    groups: list[list[Line]] = []
    for position, line in enumerate(lines):
        ahead = lines[position:position + LOOK_AHEAD_LINES]  # not lines[position:]: that copy made this quadratic
        if word_per_line and groups:
            # a page laid out one word per line ("Ghi\nnhận\ntại\nBạc\nLiêu,"): only a blank line ends a paragraph
            if line.index in after_blank:
                groups.append([line])
            else:
                groups[-1].append(line)
        elif groups and marks_paragraph_ends and _marked_paragraph_end(groups[-1][-1], line, width):
            groups.append([line])
        elif groups and not starts_paragraph(groups[-1], line, width, ahead, marks_paragraph_ends, wrapped, line.index in after_blank):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


WORD_PER_LINE_MIN_LINES = 30
WORD_PER_LINE_SHARE = 0.85


def _one_word_per_line(lines: list[Line]) -> bool:
    """Is the text laid out one word per line (a web page's narrow column copied as text)?"""
    words = [line for line in lines if line.stripped]
    if len(words) < WORD_PER_LINE_MIN_LINES:
        return False
    single = sum(1 for line in words if len(line.stripped.split()) == 1)
    return single >= WORD_PER_LINE_SHARE * len(words)


# an acronym opening a line and running on into a figure or a linking word ("GRDP từ 11%", "BHYT đạt 95%"; not
# a body acting, "UBND tỉnh vừa ban hành …", which may open a sentence)
ACRONYM_GOING_ON = regex.compile(r"\s*\p{Lu}{2,}(?:-\p{Lu}{2,})?\s+(?:\d|(?:từ|đạt|tăng|giảm|bình\s+quân|là|của|trên|dưới|ước|chiếm|đến)(?![\p{L}\p{M}]))")
LOWER_WORD_END = regex.compile(r"(?<![\p{L}\p{M}])\p{Ll}[\p{L}\p{M}]*$")  # a line ending mid-sentence on a lower-case word


def starts_paragraph(group: list[Line], line: Line, width: float, ahead: list[Line], marks_paragraph_ends: bool = False,
                     wrapped: bool = True, after_blank: bool = False) -> bool:
    """Does ``line`` open a new paragraph after the lines of ``group``? (``ahead`` starts at ``line``;
    ``wrapped``: the text was wrapped at ``width``, so a full line ending a sentence may be a wrap;
    ``after_blank``: a blank line that ends paragraphs comes before it.)"""
    if line.kind in ("heading", "item", TABLE_ROW) or group[-1].kind == TABLE_ROW:
        return True  # a table row is a paragraph of its own: its cells stay in order on one line
    previous_text = group[-1].stripped
    if previous_text.endswith(":") and MEASURE_CELL.fullmatch(line.stripped) and not BARE_FIGURE.fullmatch(line.stripped):
        # (a bare number there may be a page counter: "Tất cả:" ⏎ "315861")
        return False  # "c) Thu vay bù đắp bội chi :" ⏎ "141.900 triệu đồng": a label's value wrapped onto a line of its own
    finished = bool(SENTENCE_END.search(previous_text))
    if line.stripped.endswith(":") and UPPER_START.match(line.text) and _labels_next_item(line, ahead, width):
        return True  # "8 chỉ tiêu xã hội gồm:" over its items: a list's label, after the list before or a title line
    if line.kind == "weak_item":  # "- xã hội" continuing an unfinished line is not an item
        return finished
    if _is_upper_case_line(previous_text) and _is_upper_case_line(line.stripped):
        return False  # a title block in capitals wraps over several lines
    if not UPPER_START.match(line.text):
        return False
    if after_blank and previous_text.count("(") <= previous_text.count(")") and not _ends_unfinished(previous_text):
        return True  # (a bracket left open goes on: "… (theo Nghị định số" ⏎⏎ "Số 12 …)"; so does "… hiện có 03" ⏎⏎ "Đảng bộ …")
    if finished:
        # a short line that ends no sentence right before a list item is that list's label ("Về xã
        # hội", "Một số chỉ tiêu chủ yếu …:")
        return not wrapped or len(previous_text) < FULL_LINE * width or _labels_next_item(line, ahead, width)
    if previous_text.count("(") > previous_text.count(")"):
        return False  # "… (theo Nghị định số" goes on until its bracket closes
    if TERM_WORD_END.search(previous_text) and YEAR_START.match(line.text):
        return False  # "… nhiệm kỳ" / "2025 - 2030; …": a term word goes on into its years
    if ACRONYM_GOING_ON.match(line.text) and LOWER_WORD_END.search(previous_text):
        return False  # "Phấn đấu tốc độ tăng trưởng" / "GRDP từ 11% trở lên": an acronym carries the sentence on
    if len(previous_text) < SHORT_LINE * width:
        return True
    if group[0].kind == "heading":
        return _body_follows_heading(ahead, width, marks_paragraph_ends, group[-1])
    if group[0].kind == "item" and LABELLED_ITEM.match(group[0].stripped):
        # a "(4)" line may be a sub-heading too, unless it already runs on past a sentence or
        # runs its body in after a colon ("* Khối Đảng: Đã chủ động …")
        if any(INTERNAL_SENTENCE_BREAK.search(line.stripped) for line in group) or ":" in group[0].stripped[:-1]:
            return False
        return _body_follows_heading(ahead, width, marks_paragraph_ends, group[-1])
    return False


def _labels_next_item(line: Line, ahead: list[Line], width: float) -> bool:
    following = next((later for later in ahead[1:] if later.kind != "blank"), None)
    return following is not None and following.kind == "item" and len(line.stripped) < SHORT_LINE * width \
        and not SENTENCE_END.search(line.stripped.rstrip(": "))  # "Các chỉ tiêu chủ yếu:" leads into it


def _marked_paragraph_end(previous: Line, line: Line, width: float) -> bool:
    text = previous.stripped
    return (
        _ends_with_spaces(previous.text)
        and bool(UPPER_START.match(line.text))
        and not _is_upper_case_line(text)
        and (bool(SENTENCE_END.search(text)) or len(text) < FULL_LINE * width)
    )


@lru_cache(maxsize=1)
def dangling_words() -> frozenset[str]:
    data = load_rules("extractor.cleaning", "dangling_words.json")
    return frozenset(data["words"])


def _ends_with_dangling_word(text: str) -> bool:
    return text.rsplit(" ", 1)[-1].lower() in dangling_words()


def _ends_unfinished(text: str) -> bool:
    """A line ending on a function word, or on a number right after one ("… hiện có 03"), goes on."""
    words = text.split()
    if words and words[-1][:1].isdigit() and words[-1].rstrip(".,").replace(".", "").replace(",", "").isdigit():
        words = words[:-1]
    return bool(words) and words[-1].lower() in dangling_words()


def _uses_paragraph_end_spaces(lines: list[Line]) -> bool:
    """Word-exported PDF text often ends each paragraph's last line with two spaces; trust that
    signal only where it is rare enough to mean something."""
    marked = sum(1 for line in lines if _ends_with_spaces(line.text))
    return 0 < marked <= 0.3 * len(lines)


def _body_follows_heading(ahead: list[Line], width: float, marks_paragraph_ends: bool, previous: Line,
                          max_lines: int = LOOK_AHEAD_LINES) -> bool:
    """A capitalised line after a full heading line: a wrapped title runs on to a short unfinished
    line ("… nhiệm kỳ 2020 - 2025"), while a body paragraph runs on to a sentence end. A title that
    ends on a function word ("… nghị quyết của" / "Đảng, …"), or whose sentence ends inside the
    capitalised line ("Đảng các cấp … của tỉnh. Xây …"), runs on in the same paragraph."""
    if _ends_with_dangling_word(previous.stripped) or INTERNAL_SENTENCE_BREAK.search(ahead[0].stripped):
        return False
    for line in ahead[:max_lines]:
        if line.kind in ("heading", "item"):
            return False
        text = line.stripped
        if SENTENCE_END.search(text):
            return True
        if marks_paragraph_ends and _ends_with_spaces(line.text):
            return False  # the marked paragraph end comes before any sentence end: a wrapped title
        if len(text) < SHORT_LINE * width:
            return False
    return True


def _ends_with_spaces(text: str) -> bool:
    """``PARAGRAPH_END_SPACES.search(text)`` without trying every position of the line: the only
    candidate is the character before the trailing run of spaces and tabs."""
    if text.endswith("\n"):  # "$" may also stand before a final newline
        return bool(PARAGRAPH_END_SPACES.search(text))
    trimmed = text.rstrip(" \t")
    return len(text) - len(trimmed) >= 2 and bool(trimmed) and NON_SPACE.match(trimmed[-1]) is not None


def _is_upper_case_line(text: str) -> bool:
    return bool(HAS_LETTER.search(text)) and not HAS_LOWER.search(text)


class _Segment(NamedTuple):  # a tuple: one is made per line, a frozen dataclass is slow to make
    start: int  # range of the normalised text
    end: int


class _TextBuilder:
    """Accumulates clean text and its map to the raw text (through the normalisation map
    ``to_raw``, so no separate composition pass is needed)."""

    def __init__(self, normalized: str, removed_spans: list[tuple[int, int]], to_raw: OffsetMap, raw_length: int):
        self.normalized = normalized
        self.removed = sorted(removed_spans)
        self.to_raw = to_raw
        self.raw_length = raw_length
        self.pieces: list[str] = []
        self.offsets = OffsetMap()
        self.length = 0
        self._last_end = 0  # normalised end of the last character emitted

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
        spans = []
        for index in range(bisect_left(self.removed, (start, start)), len(self.removed)):  # no slice copy
            span = self.removed[index]
            if span[0] >= end:
                break
            if span[1] <= end:
                spans.append(span)
        return spans

    def _copy_folded(self, start: int, end: int) -> None:
        """Copy ``normalized[start:end]`` with each whitespace run as one space mapped to the run.
        Only runs of two or more characters change the length; between them the copy is 1:1, so
        it is done in slices rather than word by word."""
        if end <= start:
            return
        position = start
        for match in LONG_WHITESPACE.finditer(self.normalized, start, end):
            run_start, run_end = match.span()
            self._copy_one_to_one(position, run_start)
            self.pieces.append(" ")
            self.offsets.append(self.to_raw.starts[run_start], self.to_raw.ends[run_end - 1])
            position = run_end
        self._copy_one_to_one(position, end)
        self.length = len(self.offsets)
        self._last_end = end

    def _copy_one_to_one(self, start: int, end: int) -> None:
        """Copy a stretch whose whitespace characters stand alone: each becomes one space."""
        if end <= start:
            return
        piece = self.normalized[start:end]
        self.pieces.append(WHITESPACE.sub(" ", piece) if OTHER_WHITESPACE.search(piece) else piece)
        self.offsets.extend_from(self.to_raw, start, end)

    def _emit(self, char: str, start: int, end: int) -> None:
        """One character standing for ``normalized[start:end]`` (empty for an inserted separator)."""
        raw_start = self._raw_position(start)
        self.pieces.append(char)
        self.offsets.append(raw_start, self.to_raw.ends[end - 1] if end > start else raw_start)
        self.length += 1
        self._last_end = end

    def _raw_position(self, normalized_position: int) -> int:
        return self.to_raw.starts[normalized_position] if normalized_position < len(self.to_raw) else self.raw_length
