"""`extractor query`: ad-hoc SQL on a dataset's DuckDB file, printed as a table, CSV or JSON."""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import json
import math
import unicodedata
from pathlib import Path

from extractor.batch.dataset import DATABASE_NAME, BatchRunning, Layout, catch_up, first_line

MAX_CELL_WIDTH = 60  # table format only: CSV and JSON keep every character
# A query reads the dataset and nothing else: no file reads or writes outside the database
# (read_text, COPY … TO, ATTACH), no extension installs, and no way to switch that back on.
SANDBOX = {"enable_external_access": False, "autoinstall_known_extensions": False,
           "autoload_known_extensions": False, "lock_configuration": True}


class QueryError(Exception):
    """A query that cannot run; str() says why in one line."""


def run_query(dataset_dir: str, sql: str, notify=lambda line: None) -> tuple[list[str], list[tuple]]:
    """Column names and rows of `sql` on DATASET_DIR/dataset.duckdb (opened read-only). Tables a
    stopped batch left behind its parts are built first (``notify`` is told)."""
    import duckdb

    try:
        built = catch_up(Layout(Path(dataset_dir)))
    except BatchRunning as error:  # the tables as they are, if any
        if not (Path(dataset_dir) / DATABASE_NAME).is_file():
            raise QueryError(str(error)) from None
        notify(f"extractor: note: {error}; this query sees the tables of its last finished run")
        built = None
    if built is not None:
        notify(f"extractor: {dataset_dir}: a batch stopped before its end; tables built from the "
               f"{built.get('manifest', 0)} input(s) it had finished")
    database = Path(dataset_dir) / DATABASE_NAME
    if not database.is_file():
        raise QueryError(f"{dataset_dir}: no {DATABASE_NAME} here (make one with: extractor batch INPUTS... -o {dataset_dir})")
    try:
        with duckdb.connect(str(database), read_only=True, config=SANDBOX) as con:
            cursor = con.execute(sql)
            if cursor.description is None:
                return [], []
            return [column[0] for column in cursor.description], cursor.fetchall()
    except duckdb.Error as error:
        raise QueryError(f"query failed: {first_line(error)}") from None


def plain(value):
    """JSON-ready form of a DuckDB value (nested lists and structs stay nested)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None  # JSON has no NaN
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def cell_text(value) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def as_json(columns: list[str], rows: list[tuple]) -> str:
    lines = [json.dumps(dict(zip(columns, plain(row))), ensure_ascii=False) for row in rows]
    return "[" + ",\n ".join(lines) + "]\n"


def as_csv(columns: list[str], rows: list[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([cell_text(value) for value in row] for row in rows)
    return buffer.getvalue()


def as_table(columns: list[str], rows: list[tuple]) -> str:
    cells = [[shorten(cell_text(value)) for value in row] for row in rows]
    widths = [max([width(name)] + [width(row[index]) for row in cells]) for index, name in enumerate(columns)]
    numeric = [bool(rows) and all(isinstance(row[index], (int, float)) or row[index] is None for row in rows)
               for index in range(len(columns))]

    def line(values: list[str]) -> str:
        padded = [pad(text, widths[index], numeric[index]) for index, text in enumerate(values)]
        return "  ".join(padded).rstrip()

    out = [line(columns), "  ".join("-" * w for w in widths)] + [line(row) for row in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def width(text: str) -> int:
    """Display width: combining marks (decomposed Vietnamese) take no column, wide characters two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def shorten(text: str) -> str:
    text = " ".join(text.split())
    if width(text) <= MAX_CELL_WIDTH:
        return text
    text = text[: MAX_CELL_WIDTH * 2]  # combining marks take no column: keep enough characters
    while width(text) > MAX_CELL_WIDTH - 1:
        text = text[:-1]
    return text + "…"


def pad(text: str, size: int, right: bool) -> str:
    gap = " " * (size - width(text))
    return gap + text if right else text + gap


FORMATTERS = {"table": as_table, "csv": as_csv, "json": as_json}
