"""Results tables: appendices that evaluate each past target in a row
(STT | Chỉ tiêu | Đơn vị | Nghị quyết | Kết quả | Đánh giá).

Rows are the cleaner's table-row paragraphs (DOCX/.doc table rows: cells separated by tabs in
the raw text). A header row names the columns (``table_columns`` in rules.json); the rows after
it, until a paragraph that is not a table row, are data; a header repeated on a later page is
not data. Each data row becomes one result with its row number, metric, target figure, actual
figure and status, and the raw span of the row.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex
from extractor.cleaning import CleanText
from extractor.cleaning.lines import TABLE_ROW
from extractor.numbers import read_digits
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


@lru_cache(maxsize=1)
def column_rules() -> list[tuple[str, str, "regex.Pattern[str]"]]:
    data = load_rules("extractor.indicators", "rules.json")
    return [(row["id"], row["role"], regex.compile(row["pattern"])) for row in data["table_columns"]]


def cells(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """Raw spans of a row's cells, trimmed."""
    spans, position = [], start
    for part in raw[start:end].split("\t"):
        left = len(part) - len(part.lstrip())
        right = len(part.rstrip())
        spans.append((position + left, position + max(left, right)))
        position += len(part) + 1
    return spans


def header_roles(texts: list[str]) -> dict[int, str] | None:
    """Column index → role when ``texts`` read as a results table's header, else None."""
    roles: dict[int, str] = {}
    for index, text in enumerate(texts):
        folded = " ".join(text.split())
        for _, role, pattern in column_rules():
            if role not in roles.values() and pattern.search(folded):
                roles[index] = role
                break
    if {"metric", "target", "actual"} <= set(roles.values()):
        return roles
    return None


def find_table_rows(clean: CleanText) -> list[TableRow]:
    raw = clean.raw
    rows: list[TableRow] = []
    roles: dict[int, str] | None = None
    header_texts: list[str] | None = None
    for paragraph in clean.paragraphs:
        if paragraph.kind != TABLE_ROW:
            roles = None  # a table ends where its rows end
            continue
        spans = cells(raw, paragraph.raw_start, paragraph.raw_end)
        texts = [" ".join(raw[a:b].split()) for a, b in spans]
        found = header_roles(texts)
        if found is not None:
            roles, header_texts = found, texts
            continue
        if roles is None or texts == header_texts:
            continue  # not in a results table, or its header repeated on a new page
        rows.append(_row(raw, paragraph, spans, texts, roles))
    return [row for row in rows if row.target_text or row.actual_text]


def _row(raw: str, paragraph, spans, texts: list[str], roles: dict[int, str]) -> TableRow:
    by_role = {role: texts[index] for index, role in roles.items() if index < len(texts) and texts[index]}
    target_text, actual_text = by_role.get("target"), by_role.get("actual")
    return TableRow(paragraph.raw_start, paragraph.raw_end, by_role.get("row"), by_role.get("metric"), by_role.get("unit"),
                    target_text, _first_number(target_text), actual_text, _first_number(actual_text), by_role.get("status"))


def _first_number(text: str | None) -> float | None:
    if not text:
        return None
    match = NUMBER.search(text)
    if match is None:
        return None
    reading = read_digits(match.group())
    return None if reading is None else reading.value
