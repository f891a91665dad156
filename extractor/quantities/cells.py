"""Figures of a table row, read cell by cell (DOCX/.doc tables, PDF tables with ruling lines,
tab-separated text): a figure never takes its unit or magnitude from the next cell ("3 | Tỷ lệ
hộ nghèo" is no "3 tỷ"); the row's number cell states no amount; a cell holding a bare number takes
the unit the row states in a cell of its own ("Tỷ đồng", "%", "ha": the ĐVT column), or "%"
under a column header that says so ("So sánh (%)"), and each figure is named by the row's label
cell ("Tổng giá trị sản xuất").
"""

from __future__ import annotations

from dataclasses import replace

import regex

from extractor.cleaning import CleanText
from extractor.cleaning.lines import LINES_TABLE_ROW, VALUE_CELL, cell_spans
from extractor.quantities.parser import NUMBER, Quantity, find_quantities, lexicon_noun
from extractor.rules import shared_patterns
from extractor.syllables import is_syllable
from extractor.tagging import pos_tags

LABEL_START = regex.compile(r"\s*\p{L}")  # a cell opening on a word: a row's label
LETTER = regex.compile(r"\p{L}")
ROW_NUMBER = regex.compile(r"\s*(\d{1,3})[.)]?\s*")  # "1", "2.": a row's number
ROW_NUMBER_BEFORE_LABEL = regex.compile(r"\s*\d{1,3}[.)]?\s+(?=\p{Lu})")  # "1 Các khoản thu …" in one cell
ROW_GROUP = regex.compile(r"\s*([IVXLC]{1,6}|[A-Z]|\p{Ll})[.)]?\s*")  # "II", "A.", "a)": a group of rows
FIGURE_CELL = regex.compile(r"\s*(?:[<>≤≥~+−-]\s*)?\d")  # a cell opening on a figure ("10,8", "< 7,6")
LABEL_CELL = regex.compile(r"[^\d]*\p{L}{2,}[^\d]*")  # words and no figure
ROW_LABEL_PREFIX = regex.compile(r"^\s*(?:[-–+•*]\s*|(?:\d{1,3}|[IVXLC]{1,5}|[a-zđ])[.)]?\s+)?")  # its dash, number or group
LABELLED_FIRST_CELL = regex.compile(r"\s*(?:(?:\d{1,3}|[IVXLC]{1,5})[.)]?\s+)?\p{L}[\p{L}\p{M}]+\s+\p{L}")


def row_cells(clean: CleanText, paragraph) -> list[tuple[int, int, int]]:
    """(column, clean start, clean end) of a table row's non-empty cells (the raw text separates
    cells by tabs, pipes or runs of spaces)."""
    cells = []
    for column, (raw_start, raw_end) in enumerate(cell_spans(clean.raw, paragraph.raw_start, paragraph.raw_end, paragraph.rule)):
        if raw_start == raw_end:
            continue
        start = max(paragraph.start, clean.clean_position(raw_start))
        end = min(paragraph.end, clean.clean_position(raw_end - 1) + 1)
        if start < end:
            cells.append((column, start, end))
    return cells


def header_cells(clean: CleanText, paragraph) -> dict[int, str] | None:
    """Column → text of a row that reads as a header (two cells or more, none a value), else None
    (a group row's label alone names no column)."""
    cells = row_cells(clean, paragraph)
    if len(cells) < 2 or any(VALUE_CELL.fullmatch(clean.text, start, end) for _, start, end in cells):
        return None
    return {column: " ".join(clean.text[start:end].split()) for column, start, end in cells}



def row_heading(clean: CleanText, paragraph) -> tuple[int | None, str | None, str | None]:
    """(row number, group label, label cell) of a table row: "1 | Tốc độ tăng trưởng … | % | 8"
    is row 1; "II | Về văn hóa - xã hội" (a roman or letter label and no figure) opens group II."""
    text = clean.text
    cells = row_cells(clean, paragraph)
    if len(cells) < 2:
        return None, None, None
    first = text[cells[0][1]:cells[0][2]]
    label = _label_of(text, cells[1:])
    number = ROW_NUMBER.fullmatch(first)
    if number:
        return int(number.group(1)), None, label
    group = ROW_GROUP.fullmatch(first)
    if group and not any(character.isdigit() for character in text[paragraph.start:paragraph.end]):
        return None, group.group(1), label
    return None, None, label


def _label_of(text: str, cells) -> str | None:
    """The longest cell of words and no figure before the row's figures (after them, or carried
    over from the row before, stands a status: "Đạt"), or a first cell opening on words ("I Các khoản thu 100%"): what the row is about,
    without a number, group label or dash the cell starts with."""
    first_figure = next((index for index, (_, start, end) in enumerate(cells) if FIGURE_CELL.match(text, start, end)), len(cells))
    words = [(start, end) for _, start, end in cells[:first_figure] if LABEL_CELL.fullmatch(text, start, end)]
    label = max(words, key=lambda span: span[1] - span[0]) if words else None  # (not a status carried over: "Đạt")
    if label is None and cells and LABELLED_FIRST_CELL.match(text, cells[0][1], cells[0][2]):
        label = cells[0][1:]
    if label is None:
        return None
    return " ".join(ROW_LABEL_PREFIX.sub("", text[label[0]:label[1]], count=1).split()).rstrip(" :") or None  # ("…nhà nước: | 350 tỷ")


def table_row_quantities(clean: CleanText, paragraph, skip, header: dict[int, str] | None = None) -> list[Quantity]:
    """The figures of one table-row paragraph under ``header`` (see the module docstring); rows a
    lost line break ran together ("1 | … | 45% | 2 | … | 120 hộ |") are read one by one."""
    found: list[Quantity] = []
    one_cell_per_line = paragraph.rule == LINES_TABLE_ROW
    for cells in _rows_run_together(clean.text, row_cells(clean, paragraph)):
        found.extend(_row_quantities(clean.text, cells, skip, header, one_cell_per_line))
    return found


def _rows_run_together(text: str, cells: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """The rows of one line: a cell holding the next row's number (the previous one plus one) opens a row."""
    first = ROW_NUMBER.fullmatch(text, cells[0][1], cells[0][2]) if cells else None
    if first is None:
        return [cells]
    rows, number, shift = [[cells[0]]], int(first.group(1)), 0
    for index, (column, start, end) in enumerate(cells[1:], 1):
        following = ROW_NUMBER.fullmatch(text, start, end)
        label_next = index + 1 < len(cells) and LABEL_START.match(text, cells[index + 1][1], cells[index + 1][2]) is not None
        if following is not None and int(following.group(1)) == number + 1 and label_next:  # ("| 4 | 3,8 |" is a value)
            rows.append([])
            number, shift = number + 1, column - cells[0][0]  # its cells stand under the header's columns
        rows[-1].append((column - shift, start, end))
    return rows


def header_offset(header_columns: int, row_columns: int, opens_on_row_number: bool, opens_on_label: bool = False) -> int:
    """Columns a row's cells stand to the right of its header's: one where the header has no
    "Stt" cell, one fewer than a row opening on its number, or (a table written one cell per
    line) no corner cell over a row's label; else none."""
    return 1 if (opens_on_row_number or opens_on_label) and row_columns == header_columns + 1 else 0


def _row_quantities(text: str, cells: list[tuple[int, int, int]], skip, header: dict[int, str] | None,
                    one_cell_per_line: bool = False) -> list[Quantity]:
    numbered = len(cells) > 1 and ROW_NUMBER.fullmatch(text, cells[0][1], cells[0][2]) is not None
    if header and cells:
        labelled = one_cell_per_line and LABEL_START.match(text, cells[0][1], cells[0][2]) is not None
        offset = header_offset(max(header) + 1, cells[-1][0] - cells[0][0] + 1, numbered, labelled)
        header = {column + offset: words for column, words in header.items()}
    if len(cells) > 1 and (numbered or ROW_GROUP.fullmatch(text, cells[0][1], cells[0][2])):
        cells = cells[1:]  # the row's number or group label
    word_cells = [cell for cell in cells if LABEL_CELL.fullmatch(text, cell[1], cell[2])]
    unit_cell = next((cell for cell in cells if _unit_of_cell(text[cell[1]:cell[2]]) is not None
                      and word_cells != [cell]), None)  # a row's only words are its label ("TỔNG THU | 3,726,000")
    label = _label_of(text, [cell for cell in cells if cell != unit_cell])
    label_unit = _label_unit(label)
    row_unit = None  # the unit the row's figures take when they write none, found at the first such figure
    found: list[Quantity] = []
    for cell in cells:
        column, start, end = cell
        if cell == unit_cell:
            continue
        numbered = ROW_NUMBER_BEFORE_LABEL.match(text, start, end) if cell == cells[0] else None
        own = find_quantities(text, numbered.end() if numbered else start, end, skip)  # "1 Các khoản thu": the row's number
        if own and own[0].unit is None and not LABEL_CELL.fullmatch(text, start, end) \
                and (len(own) == 1 or not LETTER.search(text, start, own[0].start)):
            # a figure with no unit of its own ("350", "8 - 9", "Dưới 2", "≥ 95", "575 (tăng 15%)"): the row's
            # unit cell, the "%" of its column's header, the unit in its label's brackets, or its table's
            if row_unit is None:
                row_unit = text[unit_cell[1]:unit_cell[2]] if unit_cell else (label_unit or _declared_unit(text, start) or "")
            in_percent = header is not None and "%" in header.get(column, "")
            unit_text = "%" if in_percent else (row_unit or _label_unit(header.get(column) if header else None) or "")
            # (the unit in its column header's brackets, "Diện tích (ha)", when the row states none)
            quantity = _with_unit_of(text, start, own[0].end if len(own) > 1 else end, unit_text) if unit_text else None
            if quantity is not None:
                own = [quantity, *own[1:]]
        if own and own[0].value is not None and own[0].denominator is None and CELL_SIGN.fullmatch(text, start, own[0].start):
            own[0].value, own[0].start = -own[0].value, start  # "-0,10": a cell written with its sign (its dash opens no list)
        found.extend(own)
    metric = (label[:LABEL_UNIT.search(label).start()].rstrip() or label) if label_unit else label  # without the unit it states
    for quantity in found:
        quantity.metric = metric
    return found


CELL_SIGN = regex.compile(r"\s*[-−]")
LABEL_UNIT = regex.compile(r"\(([^()\d]{1,20})\)\s*$")  # "Kim ngạch xuất khẩu (triệu USD)", "Tỷ lệ che phủ rừng (%)"


def _label_unit(label: str | None) -> str | None:
    """The unit a row's label states in brackets at its end, or None; a bracket that spells out the
    words before it ("theo tỷ lệ phần trăm (%)") names no unit."""
    stated = LABEL_UNIT.search(label) if label else None
    unit = _unit_of_cell(stated.group(1)) if stated else None
    if unit is None:
        return None
    words = label[:stated.start()].split()
    if any(_unit_of_cell(" ".join(words[-count:])) == unit for count in (1, 2) if len(words) >= count):
        return None
    return stated.group(1)


def _unit_of_cell(cell: str) -> str | None:
    """The unit a cell states on its own ("Tỷ đồng", "%", "ha", "Người"), or None."""
    reading = _unit_cell_reading(cell)
    return reading[0].unit if reading else None


def _unit_cell_reading(cell: str, counted_noun=None) -> tuple[Quantity, str] | None:
    """(the cell read after a number, the words after its unit) when the cell states a unit, else None."""
    probe = f"1 {cell.strip()}"
    read = find_quantities(probe, 0, len(probe), counted_noun=counted_noun)
    if len(read) != 1 or read[0].start != 0 or not read[0].unit:
        return None
    if read[0].kind == "count":  # (only a counted noun may be a verb read as one)
        tags = pos_tags(cell.strip().lower())
        if tags and tags[0][1] == "V":
            return None  # "Đạt", "Vượt", "Xuất siêu": a status column, no unit
    rest = probe[read[0].end:].strip().lower()
    if rest and (len(cell.split()) > UNIT_CELL_WORDS or not all(tag in CELL_NOUN_TAGS for _, tag in pos_tags(rest))):
        return None
    return read[0], rest  # ("lượt lao động": the counted noun and the nouns that say of whom)


CELL_NOUN_TAGS = frozenset({"N", "Nc", "Np"})
UNIT_CELL_WORDS = 3  # a unit cell is short; longer words are the row's label


def _with_unit_of(text: str, start: int, end: int, unit_cell: str) -> Quantity | None:
    """The figure of the cell ``text[start:end]`` read in the unit the row's unit cell or the
    table's declaration states, times its factor ("1000 đồng": 4,500 is 4 500 000 đồng); its span
    stays the cell's: the unit is written elsewhere."""
    cell = text[start:end].rstrip()
    factor, unit = _factor_and_unit(unit_cell)
    probe = f"{cell} {unit}"
    read = find_quantities(probe, 0, len(probe))
    if len(read) != 1 or read[0].end <= len(cell) or read[0].start >= len(cell) or read[0].unit is None:
        return None  # (the unit read may stop before nouns that say of whom: "lượt lao động")
    quantity = replace(read[0], start=start + read[0].start, end=start + len(cell),
                       notes=[*read[0].notes, "unit from the row's unit cell"])
    if factor != 1:
        quantity = replace(quantity, **{name: getattr(quantity, name) * factor for name in ("value", "low", "high")
                                        if getattr(quantity, name) is not None})
    return quantity


UNIT_FACTOR = regex.compile(r"\s*(1(?:[.,]?000)+)\s+(?=\p{L})")  # "1000 đồng", "1.000 đ": the unit is so many


def _factor_and_unit(unit_text: str) -> tuple[int, str]:
    factor = UNIT_FACTOR.match(unit_text)
    if factor is None:
        return 1, unit_text.strip()
    return int(regex.sub(r"[.,]", "", factor.group(1))), unit_text[factor.end():].strip()


# ---- flattened rows -----------------------------------------------------------------------
# A PDF table copied without its ruling lines keeps only spaces between its cells ("Tăng trưởng kinh
# tế 14,4 10,5 11,0 9,0"; "1 Chi sự nghiệp kinh tế 206,5 277,9 396,3"): three or more figures apart by
# spaces alone are the cells of one row, named by the words before them, in the unit the row's own
# unit cell states between its label and its figures ("Thu ngân sách Tỷ đồng 423 428,2 529,1") or
# else the table declares ("ĐVT: Tỷ đồng"); the word after the last one opens the next row and is no
# counted noun.

MIN_ROW_CELLS = 3
MIN_UNIT_ROW_CELLS = 2  # cells of a row that writes its unit cell
CELL, LAST_CELL = "cell", "last cell"
FLATTENED_ROW_CELL = "cell of a row whose ruling lines were lost"
CELL_GAP = regex.compile(r"[ \t]+")
LABEL_BOUNDARY = regex.compile(r"(?r)[.;:!?](?=\s)|\d")
MAX_LABEL_WORDS = 12
LAST_UNIT_DECLARATION = regex.compile(rf"(?ri){shared_patterns()['unit_declaration']}\s*((?:1(?:[.,]?000)+\s+)?\p{{L}}[\p{{L}}\p{{M}}. ]{{0,15}}?|%)\s*(?=$|[)\n]|\s\S*\d)")
LAST_TABLE_CAPTION = regex.compile(r"(?r)(?<![\p{L}\p{M}])(?:Bảng|BẢNG|Biểu|BIỂU)\s+(?:số\s+)?\d")
DECLARATION_REACH = 3000  # characters before a row where its table may declare its unit
NEXT_ROW_NUMBER = regex.compile(r"\d{1,2}")  # a plain small integer before the next row's label: that row's number
NEXT_ROW_LABEL = regex.compile(r"\d{1,2}[.)]\s*\p{Lu}")  # "1. NLN-TS": a numbered row's label after a row's cells


def read_flattened_rows(text: str, start: int, quantities: list[Quantity]) -> list[Quantity]:
    """``quantities`` of the paragraph starting at ``start``, with the cells of its flattened rows
    read as such (see above)."""
    kinds = [_cell_kind(text, quantity) for quantity in quantities]
    rows, row = [], []  # rows: lists of indexes into ``quantities``
    replaced: dict[int, Quantity | None] = {}  # index → its reading as a cell, or None: no figure
    for index, quantity in enumerate(quantities):
        joins = bool(row) and kinds[row[-1]] == CELL and CELL_GAP.fullmatch(text, quantities[row[-1]].end, quantity.start) is not None
        if joins and NEXT_ROW_LABEL.match(text, quantity.start):  # "… 108,33 1. NLN-TS 687.860 …"
            replaced[index] = None
            if _is_row(text, start, quantities, row):
                rows.append(row)
            row = []
            continue
        if joins and kinds[index] is not None:
            row.append(index)
            continue
        if _is_row(text, start, quantities, row):
            rows.append(row)
        row = [index] if kinds[index] == CELL else []
    if _is_row(text, start, quantities, row):
        rows.append(row)
    for cells in rows:
        first = quantities[cells[0]]
        if cells[0] > 0 and _is_row_number(text, quantities[cells[0] - 1], kinds[cells[0] - 1], first.start):
            replaced[cells[0] - 1] = None  # "1 Chi đầu tư phát triển 1.250,5 …": the row's own number
        label, unit_cell = _row_label(text, start, first.start)
        unit_text = unit_cell or _declared_unit(text, first.start)
        for index in cells:
            quantity, cell_end = quantities[index], quantities[index].end
            if kinds[index] == LAST_CELL:  # it took the next row's label as its noun ("… 6.595,41 1 Chi sự nghiệp")
                number = NUMBER.match(text, quantity.start)
                if NEXT_ROW_NUMBER.fullmatch(number.group()):
                    replaced[index] = None  # the next row's number, run into this row
                    continue
                cell_end = number.end()
                quantity = replace(quantity, end=cell_end, unit=None, kind="count")
            if unit_text and quantity.unit is None:
                quantity = _with_unit_of(text, quantity.start, cell_end, unit_text) or quantity
            quantity.metric = label
            quantity.notes = [*quantity.notes, FLATTENED_ROW_CELL]  # (its row names it or nothing does: no phrase across cells)
            replaced[index] = quantity
    if not replaced:
        return quantities
    kept = [replaced.get(index, quantity) for index, quantity in enumerate(quantities)]
    return [quantity for quantity in kept if quantity is not None]


def _is_row(text: str, start: int, quantities: list[Quantity], row: list[int]) -> bool:
    """Enough cells for a flattened row: MIN_ROW_CELLS, or two after a unit cell of the row's own
    ("Diện tích lúa Ha 1.200 1.250": the unit cell shows the table)."""
    return len(row) >= MIN_ROW_CELLS or \
        (len(row) == MIN_UNIT_ROW_CELLS and _row_label(text, start, quantities[row[0]].start)[1] is not None)


def without_row_numbers(clean: CleanText, found: list, line_break) -> list:
    """``found`` (quantity, paragraph) pairs without the numbers of a flattened table's rows: a small
    plain number opening a source line before a capitalised label ("1 Cơ cấu kinh tế", "10 Duy trì
    …"), with figures after it or none, in a paragraph holding a flattened row or next to one."""
    holding = {paragraph.start for quantity, paragraph in found if FLATTENED_ROW_CELL in quantity.notes}
    if not holding:
        return found
    starts = clean.paragraph_starts()
    in_table = set()
    for index, start in enumerate(starts):
        if start in holding:
            in_table.update(starts[max(0, index - 1):index + 2])
    return [(quantity, paragraph) for quantity, paragraph in found
            if paragraph.start not in in_table or not _numbers_a_row(clean.text, quantity, paragraph, line_break)]


ROW_NUMBER_REACH = 8  # characters from a row's number to its label's capital


def _numbers_a_row(text: str, quantity: Quantity, paragraph, line_break) -> bool:
    """A plain count of two digits at most, opening its source line before a capital (no cell of a row)."""
    if FLATTENED_ROW_CELL in quantity.notes or quantity.kind != "count":
        return False
    number = NUMBER.match(text, quantity.start, paragraph.end)
    if number is None or not NEXT_ROW_NUMBER.fullmatch(number.group()) \
            or not ROW_NUMBER_BEFORE_LABEL.match(text, quantity.start, min(paragraph.end, number.end() + ROW_NUMBER_REACH)):
        return False
    gap = quantity.start
    while gap > paragraph.start and text[gap - 1].isspace():
        gap -= 1
    return gap == paragraph.start or (gap < quantity.start and line_break(gap, quantity.start))


def _is_row_number(text: str, quantity: Quantity, kind: str | None, row_start: int) -> bool:
    """A small plain number whose counted noun is the row's label, right before the row's cells."""
    return (kind == LAST_CELL and NEXT_ROW_NUMBER.fullmatch(NUMBER.match(text, quantity.start).group()) is not None
            and not any(character.isdigit() for character in text[quantity.end:row_start]))


def _declared_unit(text: str, position: int) -> str | None:
    """The unit the table declares ("ĐVT: Tỷ đồng", "Đơn vị tính: %") after its caption and before the row."""
    window = max(0, position - DECLARATION_REACH)
    declared = LAST_UNIT_DECLARATION.search(text, window, position)
    if declared is None:
        return None
    caption = LAST_TABLE_CAPTION.search(text, window, position)
    if caption is not None and caption.start() > declared.start():
        return None  # a later table's rows
    words = declared.group(1).split()
    for count in range(len(words), 0, -1):  # ("ĐVT: Nghìn tấn Năm 2021 …": the header row run into the declaration)
        unit = " ".join(words[:count])
        if _unit_of_cell(_factor_and_unit(unit)[1]):
            return unit
    return None


def _cell_kind(text: str, quantity: Quantity) -> str | None:
    """How a figure may stand in a flattened row: CELL (one figure, its unit or noun written with
    it), LAST_CELL (its counted noun is a capitalised word: the next row's label follows it), or None
    (a range, a fraction)."""
    if quantity.value is None or quantity.low is not None or quantity.denominator is not None:
        return None
    number = NUMBER.match(text, quantity.start)
    if number is None:
        return None
    if quantity.unit not in (None, "%") and text[number.end():quantity.end].lstrip()[:1].isupper():
        return LAST_CELL
    return CELL


def _row_label(text: str, start: int, first_cell: int) -> tuple[str | None, str | None]:
    """(label, unit cell) of a row: the words before its first cell, back to a figure or a sentence
    end, without the row's number, and the unit cell they end with (see ``_row_unit_cell``)."""
    boundary = LABEL_BOUNDARY.search(text, start, first_cell)
    label_start = boundary.end() if boundary else start
    unit_start = _row_unit_cell(text, label_start, first_cell)
    unit_cell = " ".join(text[unit_start:first_cell].split()) if unit_start is not None else None
    words = text[label_start:first_cell if unit_start is None else unit_start]
    words = " ".join(ROW_LABEL_PREFIX.sub("", words, count=1).split())
    if not any(character.isalpha() for character in words) or len(words.split()) > MAX_LABEL_WORDS:
        return None, unit_cell
    return _vietnamese_label(text, start, words), unit_cell


WORD_RUN = regex.compile(r"\S+")
LABEL_WORD_KINDS = frozenset({"count", "duration"})  # units whose words may also end a label ("Tổng số hộ", "cả năm")
# a header naming the unit column ("STT Chỉ tiêu ĐVT Năm 2019 …"), not declaring one unit ("ĐVT: Tỷ đồng")
UNIT_COLUMN_HEADER = regex.compile(r"(?ri)(?<![\p{L}\p{M}])(?:đvt|đơn\s+vị\s+tính)(?![\p{L}\p{M}])(?!\s*[-–:：])")


def _row_unit_cell(text: str, label_start: int, first_cell: int) -> int | None:
    """Where the unit cell a row writes between its label and its first figure starts ("Thu ngân
    sách Nhà nước Tỷ đồng 423 …", "Dịch vụ % 56 …", "Tổng đàn gia súc Con 14.788 …"), or None: the
    longest run of the label's last words that is one known unit and nothing else (units.json, money
    and magnitude words, the counted nouns of counted_nouns.json), a label word left before it. A
    counted noun or a duration may be the label's own last word, so it is a unit cell only written
    as a cell opens (a capital: "Con", "Lao động") or under a header naming a unit column ("ĐVT")."""
    words = list(WORD_RUN.finditer(text, label_start, first_cell))
    found, unit = None, None
    for count in range(1, min(UNIT_CELL_WORDS, len(words) - 1) + 1):
        cell_start = words[-count].start()
        reading = _unit_cell_reading(text[cell_start:words[-1].end()], lexicon_noun)
        if reading is None or reading[1]:
            if found is None:
                continue
            break  # ("năm Ha": a duration and more words)
        if found is not None and reading[0].unit != unit.unit:
            return None  # ("cánh đồng": a longer word ends the label, no money)
        found, unit = cell_start, reading[0]
    if found is None:
        return None
    if unit.kind in LABEL_WORD_KINDS and not text[found].isupper() and not _unit_column_above(text, label_start):
        return None
    return found


def _unit_column_above(text: str, position: int) -> bool:
    """Whether the table the row stands in names a unit column in its header (after its caption)."""
    window = max(0, position - DECLARATION_REACH)
    header = UNIT_COLUMN_HEADER.search(text, window, position)
    if header is None:
        return False
    caption = LAST_TABLE_CAPTION.search(text, window, position)
    return caption is None or caption.start() < header.start()


ENGLISH_HALF = regex.compile(r"\s+[-–]\s+(?=[A-Za-z][A-Za-z ,.&'()/-]*$)")  # "Lương thực - Food"
# the words on the line above, or after the last figure of the row above run into it
LABEL_LINE_BEFORE = regex.compile(r"(?r)(?:\A|\n|\d[ \t]+)([^\n\d:]{2,120})\n\s*\Z")


def _is_english(words: str) -> bool:
    """Words of an English label, as statistical yearbooks print under or after the Vietnamese one
    ("Consumer price index"): ASCII only, with a word that is no Vietnamese syllable."""
    return words.isascii() and any(len(word) > 2 and not is_syllable(word.lower())
                                   for word in regex.findall(r"[A-Za-z]+", words))


def _vietnamese_label(text: str, start: int, label: str) -> str:
    """A bilingual row label's Vietnamese half: before " - English", or the line above an English
    label that holds words only ("Chỉ số giá tiêu dùng" over "Consumer price index 110,07 …")."""
    half = ENGLISH_HALF.search(label)
    if half is not None and _is_english(label[half.end():]) and not _is_english(label[:half.start()]):
        return label[:half.start()]
    if not _is_english(label):
        return label
    above = LABEL_LINE_BEFORE.search(text, max(0, start - 130), start)
    line = " ".join(above.group(1).split()) if above else ""
    if line and not _is_english(line) and len(line.split()) <= MAX_LABEL_WORDS and line[-1:] not in ".:;":
        return ROW_LABEL_PREFIX.sub("", line, count=1)
    return label
