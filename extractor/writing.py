"""Writing records: JSON Lines (one file), or CSV / Parquet (one table per record type)."""

from __future__ import annotations

import json
import os
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


def atomic_write(path: str | Path, write) -> None:
    """Run ``write(temporary_path)``, then put the file in place in one rename: a failure never
    leaves a half-written or stale file at ``path``. OSError goes to the caller."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()


def write_text_file(path: str | Path, text: str) -> None:
    def write(temporary: Path) -> None:
        with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)

    atomic_write(path, write)


def write_records(records: list[dict], output_format: str, output: str) -> None:
    """Records as JSONL (a file or stdout) or one CSV/Parquet table per record type in a folder;
    every file is written whole or not at all. OSError goes to the caller."""
    if output_format == "jsonl":
        text = records_to_jsonl(records)
        if output == "-":
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.flush()
        else:
            write_text_file(output, text)
        return
    if output == "-":
        raise ValueError("csv and parquet need a directory: -o DIR")
    directory = Path(output)
    directory.mkdir(parents=True, exist_ok=True)
    for record_type, table in records_by_type(records).items():
        flat = table.apply(lambda column: column.map(_flat) if column.dtype == object else column)
        if output_format == "csv":
            atomic_write(directory / f"{record_type}.csv", lambda path: flat.to_csv(path, index=False, encoding="utf-8"))
        else:
            atomic_write(directory / f"{record_type}.parquet", lambda path: flat.to_parquet(path, index=False))


def _flat(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
