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
from extractor.cleaning.lines import CELL_SEPARATOR
from extractor.quantities.parser import Quantity, find_quantities

LABEL_START = regex.compile(r"\s*\p{L}")  # a cell opening on a word: a row's label
ROW_NUMBER = regex.compile(r"\s*(\d{1,3})[.)]?\s*")  # "1", "2.": a row's number
ROW_GROUP = regex.compile(r"\s*([IVXLC]{1,6}|[A-Z]|\p{Ll})[.)]?\s*")  # "II", "A.", "a)": a group of rows
BARE_NUMBER_CELL = regex.compile(r"\s*\d[\d.,]*\s*")  # a header row has no cell like this
LABEL_CELL = regex.compile(r"[^\d]*\p{L}{2,}[^\d]*")  # words and no figure


def row_cells(clean: CleanText, paragraph) -> list[tuple[int, int, int]]:
    """(column, clean start, clean end) of a table row's non-empty cells (the raw text separates
    cells by tabs or pipes)."""
    cells = []
    raw = clean.raw
    position = paragraph.raw_start
    for column, part in enumerate(CELL_SEPARATOR.split(raw[paragraph.raw_start:paragraph.raw_end])):
        raw_start, raw_end = position, position + len(part)
        position = raw_end + 1
        stripped = part.strip()
        if not stripped:
            continue
        raw_start += len(part) - len(part.lstrip())
        raw_end = raw_start + len(stripped)
        start = max(paragraph.start, clean.clean_position(raw_start))
        end = min(paragraph.end, clean.clean_position(raw_end - 1) + 1)
        if start < end:
            cells.append((column, start, end))
    return cells


def header_cells(clean: CleanText, paragraph) -> dict[int, str] | None:
    """Column → text of a row that reads as a header (no cell is a bare figure), else None."""
    cells = row_cells(clean, paragraph)
    if not cells or any(BARE_NUMBER_CELL.fullmatch(clean.text, start, end) for _, start, end in cells):
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
    """The first cell of words and no figure: what the row is about."""
    return next((" ".join(text[start:end].split()) for _, start, end in cells if LABEL_CELL.fullmatch(text, start, end)), None)


def table_row_quantities(clean: CleanText, paragraph, skip, header: dict[int, str] | None = None) -> list[Quantity]:
    """The figures of one table-row paragraph under ``header`` (see the module docstring); rows a
    lost line break ran together ("1 | … | 45% | 2 | … | 120 hộ |") are read one by one."""
    found: list[Quantity] = []
    for cells in _rows_run_together(clean.text, row_cells(clean, paragraph)):
        found.extend(_row_quantities(clean.text, cells, skip, header))
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


def _row_quantities(text: str, cells: list[tuple[int, int, int]], skip, header: dict[int, str] | None) -> list[Quantity]:
    if len(cells) > 1 and (ROW_NUMBER.fullmatch(text, cells[0][1], cells[0][2]) or ROW_GROUP.fullmatch(text, cells[0][1], cells[0][2])):
        cells = cells[1:]  # the row's number or group label
    unit_cell = next((cell for cell in cells if _unit_of_cell(text[cell[1]:cell[2]]) is not None), None)
    label = _label_of(text, [cell for cell in cells if cell != unit_cell])
    found: list[Quantity] = []
    for cell in cells:
        column, start, end = cell
        if cell == unit_cell:
            continue
        own = find_quantities(text, start, end, skip)
        if len(own) == 1 and own[0].unit is None and not LABEL_CELL.fullmatch(text, start, end):
            # a figure with no unit of its own ("350", "8 - 9", "Dưới 2", "≥ 95"): the row's unit cell,
            # or the "%" of its column's header
            in_percent = header is not None and "%" in header.get(column, "")
            unit_text = "%" if in_percent else (text[unit_cell[1]:unit_cell[2]] if unit_cell else None)
            quantity = _with_unit_of(text, start, end, unit_text) if unit_text else None
            if quantity is not None:
                own = [quantity]
        found.extend(own)
    for quantity in found:
        quantity.metric = label
    return found


def _unit_of_cell(cell: str) -> str | None:
    """The unit a cell states on its own ("Tỷ đồng", "%", "ha", "Người"), or None."""
    probe = f"1 {cell.strip()}"
    read = find_quantities(probe, 0, len(probe))
    if len(read) == 1 and read[0].start == 0 and read[0].end == len(probe) and read[0].unit:
        return read[0].unit
    return None


def _with_unit_of(text: str, start: int, end: int, unit_cell: str) -> Quantity | None:
    """The figure of the cell ``text[start:end]`` read in the unit the row's unit cell states
    (its span stays the cell's: the unit is written elsewhere)."""
    cell = text[start:end].rstrip()
    probe = f"{cell} {unit_cell.strip()}"
    read = find_quantities(probe, 0, len(probe))
    if len(read) != 1 or read[0].end != len(probe) or read[0].start >= len(cell):
        return None
    return replace(read[0], start=start + read[0].start, end=start + len(cell),
                   notes=[*read[0].notes, "unit from the row's unit cell"])
