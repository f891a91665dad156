"""The Python API: the same records the CLI writes, as dicts or one pandas DataFrame per type."""

from __future__ import annotations

from extractor.reading import RawDocument
from extractor.records import extract_records


def records_from_text(text: str, doc_id: str = "text", unit: str | None = None) -> list[dict]:
    """Records of an in-memory text (treated as the raw text of a document); ``unit``: its
    reporting unit when known ("xã Tam Hợp, tỉnh Nghệ An")."""
    import hashlib

    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()  # (a str may hold a lone surrogate: "\ud800")
    return extract_records(RawDocument(doc_id, doc_id, text, "utf-8", digest), unit=unit)


def extract(path: str, unit: str | None = None) -> list[dict]:
    """Records of one file (txt in any supported encoding); raises InputError on bad input."""
    return extract_records(path, unit=unit)


def extract_frames(path: str) -> dict:
    """One pandas DataFrame per record type: {"quantity": DataFrame, "section": …}."""
    from extractor.writing import records_by_type

    return records_by_type(extract_records(path))
