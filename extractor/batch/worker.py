"""What a worker process does with one input: read, extract, serialise; never raises.

The same function runs in a local process pool and on Dask workers, so it takes the file's
bytes (read by the driver: remote workers need no access to the input files) and returns
plain data: the manifest row, the records of each type as JSON Lines, and the raw text.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import time
from collections.abc import Callable

import extractor
from extractor.errors import InputError
from extractor.limits import DEFAULT_LIMITS, Limits

COUNTED_TYPES = ("document", "section", "footnote", "quantity", "indicator")


def empty_manifest_row(path: str, data: bytes | None, unit: str | None = None) -> dict:
    from extractor.reading import doc_id_for, printable_path

    return {
        "path": printable_path(path),
        "doc_id": doc_id_for(path),
        "status": "failed",
        "error_type": None,
        "error": None,
        "sha256": hashlib.sha256(data).hexdigest() if data is not None else None,
        "bytes": len(data) if data is not None else None,
        "seconds": 0.0,
        **{f"n_{record_type}": 0 for record_type in COUNTED_TYPES},
        "extractor_version": extractor.__version__,
        "raw_file": None,
        "unit_given": unit,
    }


def process_input(path: str, data: bytes, unit: str | None = None, extract: Callable | None = None,
                  limits: Limits = DEFAULT_LIMITS, memory_mb: int | None = None) -> dict:
    """{"manifest": row, "tables": {type: gzipped jsonl}, "raw_text": str | None} for one input file.

    InputError is a clear failure (its reason is the message); any other exception is caught
    too and recorded with its type, so one bad file never stops the batch.
    """
    from extractor.places.document import UnitError
    from extractor.reading import printable_path, read_document

    started = time.perf_counter()
    row = empty_manifest_row(path, data, unit)
    result = {"manifest": row, "tables": {}, "raw_text": None}
    try:
        raw = read_document(path, data, limits)
        records = (extract or default_extract)(raw, unit=unit)
        result["tables"] = records_as_jsonl(records, printable_path(path))
        result["raw_text"] = raw.text
        row["status"] = "ok"
        for record_type in COUNTED_TYPES:
            row[f"n_{record_type}"] = sum(1 for record in records if record.get("type") == record_type)
    except InputError as error:
        row["error_type"], row["error"] = "InputError", error.reason
    except UnitError as error:  # the unit given fits several units of this document's vintage
        row["error_type"], row["error"] = "UnitError", str(error)
    except MemoryError:
        row["error_type"], row["error"] = "MemoryLimit", memory_message(memory_mb)
    except Exception as error:  # noqa: BLE001 - a bug on one file must not stop the others
        row["error_type"], row["error"] = type(error).__name__, f"internal error: {type(error).__name__}: {error}"
    row["seconds"] = round(time.perf_counter() - started, 3)
    return result


def memory_message(memory_mb: int | None) -> str:
    shown = f"{memory_mb} MB" if memory_mb else "the machine's memory"
    return f"stopped at its memory limit ({shown}; --memory-limit sets another)"


def default_extract(raw, unit: str | None = None):
    from extractor.records import extract_records

    return extract_records(raw, unit=unit)


def records_as_jsonl(records: list[dict], source: str) -> dict[str, bytes]:
    """Each record with `source` (rows stay unique when a doc_id repeats across folders), grouped by type,
    as gzipped JSON Lines (a fifth of the size; mtime 0 so that equal records give equal bytes)."""
    lines: dict[str, list[str]] = {}
    for record in records:
        record_type = record.get("type")
        if not isinstance(record_type, str):
            raise ValueError(f"record without a type: {str(record)[:80]}")
        row = {**record, "source": source}
        lines.setdefault(record_type, []).append(json.dumps(row, ensure_ascii=False, allow_nan=False))
    return {record_type: gzip.compress(("\n".join(rows) + "\n").encode("utf-8"), compresslevel=1, mtime=0)
            for record_type, rows in lines.items()}
