"""The Python API: the same records the CLI writes, as dicts or one pandas DataFrame per type."""

from __future__ import annotations

from extractor.reading import RawDocument
from extractor.records import extract_records


def records_from_text(text: str, doc_id: str = "text") -> list[dict]:
    """Records of an in-memory text (treated as the raw text of a document)."""
    import hashlib

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return extract_records(RawDocument(doc_id, doc_id, text, "utf-8", digest))


def extract(path: str) -> list[dict]:
    """Records of one file (txt in any supported encoding); raises InputError on bad input."""
    return extract_records(path)


def extract_frames(path: str) -> dict:
    """One pandas DataFrame per record type: {"quantity": DataFrame, "section": …}."""
    from extractor.writing import records_by_type

    return records_by_type(extract_records(path))
