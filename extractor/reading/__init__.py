"""Readers: a file path → the raw text of the contract (decoded, never normalised)."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import InputError

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


@dataclass(frozen=True)
class RawDocument:
    doc_id: str
    source: str  # the path as given ("-" for stdin)
    text: str  # the raw text: offsets of every record index into it
    encoding: str
    sha256: str  # of the raw bytes


def doc_id_for(path: str) -> str:
    return "stdin" if path == "-" else Path(path).stem


def read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    file = Path(path)
    if not file.exists():
        raise InputError(path, "no such file")
    if file.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        return file.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None


def read_document(path: str, data: bytes | None = None) -> RawDocument:
    """Read one input file (or ``-`` for stdin) into its raw text; bad input raises InputError."""
    from extractor.reading.encodings import DecodeError, decode_bytes

    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix not in TEXT_SUFFIXES:
        raise InputError(path, f"unsupported file type {suffix!r} (supported: .txt)")
    data = read_bytes(path) if data is None else data
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        raise InputError(path, error.reason) from None
    return RawDocument(doc_id_for(path), path, decoded.text, decoded.encoding, hashlib.sha256(data).hexdigest())
