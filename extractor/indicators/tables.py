"""Results tables: appendices that evaluate each past target in a row
(STT | Chỉ tiêu | Đơn vị | Nghị quyết | Kết quả | Đánh giá).

Rows are the cleaner's table-row paragraphs (DOCX/.doc table rows, PDF tables drawn with ruling
lines: cells separated by tabs in the raw text). A header row names the columns
(``table_columns`` in rules.json); the rows after it, until a paragraph that is not a table row,
are data; a header repeated on a later page is not data. A table that reaches us as plain lines
(no tabs) is read from its header line (``flat_table_header``) on: each line "STT metric [unit]
target actual [status]" is a row, a line without figures right after a row continues its metric
(a wrapped cell). Each data row becomes one result with its row number, metric, target figure,
actual figure and status, and the raw span of the row.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex
from extractor.cleaning import CleanText
from extractor.cleaning.lines import BARE_FIGURE, TABLE_ROW, cell_spans
from extractor.indicators.columns import header_roles
from extractor.indicators.extract import status_by_share, status_from_words
from extractor.numbers import read_digits
from extractor.quantities.cells import ROW_NUMBER as ROW_NUMBER_CELL, header_offset
from extractor.rules import load_rules

NUMBER = regex.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?![\d])")


@dataclass
class TableRow:
    raw_start: int
    raw_end: int
    row: str | None
    metric: str | None
    unit: str | None
    target_text: str | None
    target_value: float | None
    actual_text: str | None
    actual: float | None
    status_text: str | None


BLOCK_LABEL_CHARS = 80


def _block_label(text: str) -> bool:
    """A short line without figures inside a table: the label of a block of rows (a merged
    cell naming a former unit, a group) or a page number, not the end of the table."""
    return len(text) <= BLOCK_LABEL_CHARS and not any(c.isdigit() for c in text.strip().strip("-– ")) or text.strip().strip("-– ").isdigit()


def find_table_rows(clean: CleanText) -> list[TableRow]:
    """Rows of every results table: tab-separated rows first, then plain-text ones."""
    rows = _tabbed_rows(clean)
    if not rows:
        rows = find_flat_rows(clean.raw)
    return rows


def _tabbed_rows(clean: CleanText) -> list[TableRow]:
    raw = clean.raw
    rows: list[TableRow] = []
    roles: dict[int, str] | None = None
    header_texts: list[str] | None = None
    for paragraph in clean.paragraphs:
        if paragraph.kind != TABLE_ROW:
            if not _block_label(clean.text[paragraph.start:paragraph.end]):
                roles = None  # a table ends where its rows end (a block label "Xã Hát Lót" does not end it)
            continue
        spans = cell_spans(raw, paragraph.raw_start, paragraph.raw_end, paragraph.rule)
        texts = [" ".join(raw[a:b].split()) for a, b in spans]
        found = header_roles(texts)
        if found is not None:
            roles, header_texts = found, texts
            continue
        if roles is None or texts == header_texts:
            continue  # not in a results table, or its header repeated on a new page
        offset = header_offset(len(header_texts), len(texts), ROW_NUMBER_CELL.fullmatch(texts[0]) is not None)
        shifted = {index + offset: role for index, role in roles.items()} | ({0: "row"} if offset else {})
        rows.append(_row(raw, paragraph, spans, texts, shifted))
    return [row for row in rows if row.target_text or row.actual_text]


def _row(raw: str, paragraph, spans, texts: list[str], roles: dict[int, str]) -> TableRow:
    by_role = {role: texts[index] for index, role in roles.items() if index < len(texts) and texts[index]}
    target_text, actual_text = by_role.get("target"), by_role.get("actual")
    return TableRow(paragraph.raw_start, paragraph.raw_end, by_role.get("row"), by_role.get("metric"), by_role.get("unit"),
                    target_text, _first_number(target_text), actual_text, _first_number(actual_text), by_role.get("status"))


def status_of_cell(text: str | None) -> str | None:
    """A status cell's status: its words ("Đạt", "Không đạt"), or the share of the target it
    states ("101,9" under "So sánh (%)")."""
    status = status_from_words(text)
    if status is None and text and BARE_FIGURE.fullmatch(text):
        share = _first_number(text)
        status = None if share is None else status_by_share(share)
    return status




def _first_number(text: str | None) -> float | None:
    if not text:
        return None
    match = NUMBER.search(text)
    if match is None:
        return None
    reading = read_digits(match.group())
    return None if reading is None else reading.value


FIGURE = r"\d[\d.,]*(?:[ \t]*%)?"
ROW_NUMBER = r"^[ \t]*(?P<row>\d{1,2})[.)]?[ \t]+"
FIGURES_AND_STATUS = (
    rf"(?P<body>\S.*?)[ \t]+(?P<target>(?:[<>≤≥][ \t]*|(?i:dưới|trên|từ|tối\s+thiểu|tối\s+đa)[ \t]+)?{FIGURE})"
    rf"[ \t]+(?P<actual>{FIGURE})(?:[ \t]+(?P<status>\p{{L}}[\p{{L}}\p{{M}} ]{{1,30}}?))?[ \t]*$")
FLAT_ROW = regex.compile(ROW_NUMBER + FIGURES_AND_STATUS)
FLAT_ROW_TAIL = regex.compile(r"^[ \t]*" + FIGURES_AND_STATUS)  # the end of a row whose metric wrapped
FLAT_ROW_HEAD = regex.compile(ROW_NUMBER + r"(?P<body>[^\d]+?)[ \t]*$")  # a row's number and the start of its metric
MAX_FLAT_GAP = 2  # lines that are neither rows nor continuations before a plain-text table ends


@lru_cache(maxsize=1)
def _flat_header() -> "regex.Pattern[str]":
    return regex.compile(load_rules("extractor.indicators", "rules.json")["flat_table_header"])


@lru_cache(maxsize=1)
def _unit_forms() -> list[str]:
    data = load_rules("extractor.quantities", "units.json")
    forms = {form for unit in data["units"] for form in unit["forms"]}
    forms |= {f"{magnitude} đồng" for magnitude in ("nghìn", "triệu", "tỷ")} | {"đồng", "%/năm", "người", "hộ"}
    return sorted(forms, key=len, reverse=True)


def find_flat_rows(raw: str) -> list[TableRow]:
    """Rows of results tables written as plain lines (no tab between cells)."""
    rows: list[TableRow] = []
    in_table, gap, position = False, 0, 0
    pending = None  # (raw start, row number, metric start) of a row whose metric wrapped before its figures
    for line in raw.splitlines(keepends=True):
        start, position = position, position + len(line)
        text = line.rstrip("\r\n")
        if "\t" in text:
            in_table = False
            continue
        if _flat_header().search(text):
            in_table, gap = True, 0
            continue
        if not in_table:
            continue
        match = FLAT_ROW.match(text)
        tail = FLAT_ROW_TAIL.match(text) if pending and not match else None
        if (match or tail) and ((match or tail).group("status") is None or status_from_words((match or tail).group("status")) is not None):
            found = match or tail
            row_start, row, body = (start, found.group("row"), found.group("body")) if match else (pending[0], pending[1], f"{pending[2]} {found.group('body')}")
            metric, unit = _split_unit(body)
            target, actual = found.group("target"), found.group("actual")
            rows.append(TableRow(row_start, start + len(text.rstrip()), row, metric, unit, target,
                                 _first_number(target), actual, _first_number(actual), found.group("status")))
            gap, pending = 0, None
        elif FLAT_ROW_HEAD.match(text):
            head = FLAT_ROW_HEAD.match(text)
            pending, gap = (start, head.group("row"), " ".join(head.group("body").split())), 0
        elif rows and rows[-1].raw_end >= start - 2 and text.strip() and not any(c.isdigit() for c in text):
            rows[-1].metric = f"{rows[-1].metric} {' '.join(text.split())}"  # a wrapped metric cell
            rows[-1].raw_end = start + len(text.rstrip())
        else:
            gap += 1
            if gap > MAX_FLAT_GAP:
                in_table = False
    return rows


def _split_unit(body: str) -> tuple[str, str | None]:
    """"Tỷ lệ che phủ rừng %" → ("Tỷ lệ che phủ rừng", "%"): a unit ends the metric cell."""
    words = " ".join(body.split())
    for form in _unit_forms():
        if words.lower().endswith(" " + form.lower()):
            return words[: -len(form) - 1].strip(), words[-len(form):]
    return words, None


def document_tables(clean: CleanText) -> list[dict]:
    """Every table the reader gave as tab-separated rows, as the document record lists it: its raw
    span, and each row with its cells (raw spans and text); a row whose cells repeat the table's
    first row (a header carried over to a new page) or name a results table's columns is a header.
    A table runs over page breaks and short lines between its rows (page numbers, running headers,
    block labels) and ends at a longer paragraph."""
    raw = clean.raw
    tables: list[dict] = []
    current: dict | None = None
    for paragraph in clean.paragraphs:
        if paragraph.kind != TABLE_ROW:
            if current is not None and not _block_label(clean.text[paragraph.start:paragraph.end]):
                current = None
            continue
        spans = cell_spans(raw, paragraph.raw_start, paragraph.raw_end, paragraph.rule)
        texts = [" ".join(raw[a:b].split()) for a, b in spans]
        if current is None:
            current = {"start": paragraph.raw_start, "end": paragraph.raw_end, "rows": []}
            tables.append(current)
        first = current["rows"][0]["texts"] if current["rows"] else None
        header = header_roles(texts) is not None or (first is not None and texts == first) or not current["rows"]
        current["rows"].append({"start": paragraph.raw_start, "end": paragraph.raw_end, "header": header, "texts": texts,
                                "cells": [{"start": a, "end": b, "text": raw[a:b]} for a, b in spans]})
        current["end"] = paragraph.raw_end
    for table in tables:
        if table["rows"] and not header_roles(table["rows"][0]["texts"]) and any(c.isdigit() for c in "".join(table["rows"][0]["texts"])):
            table["rows"][0]["header"] = False  # a first row of figures is data
        for row in table["rows"]:
            del row["texts"]
    return tables
