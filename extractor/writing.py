"""Writing records: JSON Lines (one file), or CSV / Parquet (one table per record type)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

RECORD_TYPES = ("document", "section", "footnote", "quantity", "indicator")


def records_to_jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def records_by_type(records: list[dict]):
    """A pandas DataFrame per record type (nested lists/dicts kept as JSON text for flat formats)."""
    import pandas as pd

    tables = {}
    for record_type in RECORD_TYPES:
        rows = [r for r in records if r.get("type") == record_type]
        if rows:
            tables[record_type] = pd.DataFrame(rows)
    return tables


def write_records(records: list[dict], output_format: str, output: str) -> None:
    if output_format == "jsonl":
        text = records_to_jsonl(records)
        if output == "-":
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.flush()
        else:
            Path(output).write_text(text, encoding="utf-8")
        return
    if output == "-":
        raise ValueError("csv and parquet need a directory: -o DIR")
    directory = Path(output)
    directory.mkdir(parents=True, exist_ok=True)
    for record_type, table in records_by_type(records).items():
        flat = table.apply(lambda column: column.map(_flat) if column.dtype == object else column)
        if output_format == "csv":
            flat.to_csv(directory / f"{record_type}.csv", index=False, encoding="utf-8")
        else:
            flat.to_parquet(directory / f"{record_type}.parquet", index=False)


def _flat(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
