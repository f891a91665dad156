"""Reading the reports to compare: a dataset directory (Parquet or CSV tables), a records JSONL file, or report files."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import InputError
from extractor.recordshape import shape_problem

TABLES = ("document", "indicator", "quantity")
NESTED_FIELDS = ("targets", "places", "quantities", "targets_not_met", "warnings")


@dataclass
class Report:
    """One compared document: its document record and the records compare reads."""

    key: str  # unique per input: the source path, else the doc_id
    document: dict
    indicators: list[dict] = field(default_factory=list)
    quantities: list[dict] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return str(self.document.get("doc_id") or self.key)

    @property
    def label(self) -> str:
        """The reporting unit and term ("xã Mai Sơn 2025–2030") where the document record names a
        unit, else the doc_id."""
        unit = self.document.get("unit")
        if not unit:
            return self.doc_id
        term = str(self.document.get("term") or "").replace("-", "–")
        return f"{unit} {term}".strip()

    @property
    def source(self) -> str:
        return str(self.document.get("source") or self.doc_id)


def load_reports(inputs: list[str]) -> list[Report]:
    """Reports from each input in order; raises InputError naming the input that cannot be read."""
    reports: dict[str, Report] = {}
    for path in inputs:
        for report in _load_one(path):
            same = reports.get(report.key)
            if same is not None and same.document.get("sha256") == report.document.get("sha256"):
                continue  # the same file given twice is compared once
            key, copy = report.key, 2
            while key in reports:
                key, copy = f"{report.key}#{copy}", copy + 1
            report.key = key
            reports[key] = report
    return list(reports.values())


def _load_one(path: str) -> list[Report]:
    location = Path(path)
    if location.is_dir():
        return reports_from_records(_dataset_records(location), path)
    if location.suffix.lower() in (".jsonl", ".ndjson"):
        return reports_from_records(_jsonl_records(location), path)
    from extractor.records import extract_records

    return reports_from_records(extract_records(path), path)


def reports_from_records(records, path: str) -> list[Report]:
    """Group records by document. Records keep their document by `source` when they carry it (dataset
    tables), else by the latest document record with their doc_id (JSONL from `extract` is in document order)."""
    by_key: dict[str, Report] = {}
    latest_by_doc_id: dict[str, Report] = {}
    pending: list[dict] = []
    for record in records:
        if record.get("type") == "document":
            report = Report(key=str(record.get("source") or record.get("doc_id")), document=record)
            by_key.setdefault(report.key, report)
            latest_by_doc_id[str(record.get("doc_id"))] = by_key[report.key]
        elif record.get("type") in ("indicator", "quantity"):
            pending.append(record)
    for record in pending:
        report = by_key.get(str(record.get("source"))) if record.get("source") else None
        report = report or latest_by_doc_id.get(str(record.get("doc_id")))
        if report is None:  # records without their document record: make one up from what they carry
            report = Report(key=str(record.get("source") or record.get("doc_id")), document={
                "type": "document", "doc_id": record.get("doc_id"), "source": record.get("source")})
            by_key[report.key] = latest_by_doc_id[str(record.get("doc_id"))] = report
        (report.indicators if record["type"] == "indicator" else report.quantities).append(record)
    if not by_key:
        raise InputError(path, "no document records found")
    return list(by_key.values())


def _jsonl_records(path: Path):
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as error:
                        raise InputError(str(path), f"line {number} is not JSON ({error.msg})") from None
                    problem = shape_problem(record)
                    if problem:
                        raise InputError(str(path), f"line {number}: {problem}")
                    yield record
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read records ({error})") from None


def _dataset_records(directory: Path) -> list[dict]:
    """Rows of the document/indicator/quantity tables (Parquet, else CSV) as record dicts."""
    import pandas as pd

    records = []
    for table in TABLES:
        parquet, csv = directory / f"{table}.parquet", directory / f"{table}.csv"
        try:
            if parquet.exists():
                frame = pd.read_parquet(parquet)
            elif csv.exists():
                frame = pd.read_csv(csv, encoding="utf-8", keep_default_na=False, na_values=[""])
            else:
                continue
        except Exception as error:  # a damaged table names itself
            raise InputError(str(parquet if parquet.exists() else csv), f"cannot read table ({error})") from None
        for row in frame.to_dict(orient="records"):
            record = {name: _plain(value) for name, value in row.items()}
            record.setdefault("type", table)
            for name in NESTED_FIELDS:
                if isinstance(record.get(name), str) and record[name][:1] in "[{":
                    record[name] = json.loads(record[name])
            records.append(record)
    if not records:
        raise InputError(str(directory), "no document/indicator/quantity tables (.parquet or .csv) in this directory")
    return records


def _plain(value):
    """Parquet/CSV cells as JSON-like values: NaN → None, numpy scalars → Python, arrays → lists."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
