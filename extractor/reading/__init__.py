"""Readers: a file path → the raw text of the contract (decoded, never normalised)."""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import InputError
from extractor.limits import DEFAULT_LIMITS, Limits

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
DOCX_SUFFIXES = {".docx"}
LEGACY_SUFFIXES = {".doc", ".rtf", ".odt"}  # converted to DOCX by LibreOffice (reading/legacy.py)
READABLE_SUFFIXES = (".txt", ".pdf", ".docx", ".doc", ".rtf", ".odt", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUPPORTED = ", ".join(READABLE_SUFFIXES)
PAGE_BREAK = "\f"  # between pages of PDF, image and DOCX text; the cleaner treats it as a page break


@dataclass(frozen=True)
class RawDocument:
    doc_id: str
    source: str  # the path as given ("-" for stdin)
    text: str  # the raw text: offsets of every record index into it
    encoding: str
    sha256: str  # of the raw bytes
    # raw-text range of each page, in order (the "\f" between pages belongs to none); empty for plain text
    pages: tuple[tuple[int, int], ...] = ()
    # OCR mean confidence per page, 0–100 (pages read from a PDF text layer: 100); empty when nothing was OCR'd
    page_confidence: tuple[float, ...] = ()
    warnings: tuple[str, ...] = ()  # what reading had to repair (undecodable bytes replaced, …)


def printable_path(path: str) -> str:
    """A path as one printable UTF-8 line: bytes a file name holds that are not UTF-8 (a cp1258
    name from a Windows archive) and control characters come out escaped ("b\\xe1o.txt")."""
    if path.isprintable() and not any(0xD800 <= ord(char) <= 0xDFFF for char in path):
        return path
    raw = os.fsencode(path)
    return raw.decode("utf-8", "backslashreplace").encode("unicode_escape").decode("ascii").replace("\\\\", "\\")


def doc_id_for(path: str) -> str:
    return "stdin" if path == "-" else printable_path(Path(path).stem)


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


def read_document(path: str, data: bytes | None = None, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Read one input file (or ``-`` for stdin) into its raw text; bad input (or input past one of
    ``limits``) raises InputError."""
    document = _read(path, data, limits)
    limits.check(path, "chars", len(document.text), f"{len(document.text):,} characters of text")
    return document


def _read(path: str, data: bytes | None, limits: Limits) -> RawDocument:
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix not in TEXT_SUFFIXES | PDF_SUFFIXES | IMAGE_SUFFIXES | DOCX_SUFFIXES | LEGACY_SUFFIXES:
        raise InputError(path, f"unsupported file type {suffix!r} (supported: {SUPPORTED})")
    data = read_bytes(path) if data is None else data
    if suffix in PDF_SUFFIXES:
        from extractor.reading.pdf import read_pdf

        pdf = read_pdf(path, data, limits)
        return paged_document(path, data, pdf.texts, pdf.encoding, pdf.confidences)
    if suffix in IMAGE_SUFFIXES:
        from extractor.reading.ocr import read_image_pages, repair_ocr_pages

        pages = read_image_pages(path, data, limits)
        if not any(page.text.strip() for page in pages):
            raise InputError(path, "no text recognised in the image")
        texts = repair_ocr_pages([p.text for p in pages], set(range(len(pages))))
        return paged_document(path, data, texts, "ocr", [p.confidence for p in pages])
    if suffix in DOCX_SUFFIXES | LEGACY_SUFFIXES:
        from extractor.reading.docx import read_docx

        if suffix in LEGACY_SUFFIXES:
            from extractor.reading.legacy import convert_to_docx

            docx = read_docx(path, convert_to_docx(path, data), limits)
            encoding = f"{docx.encoding}; {suffix[1:]} converted by LibreOffice"
        else:
            docx = read_docx(path, data, limits)
            encoding = docx.encoding
        return paged_document(path, data, docx.texts, encoding, [])
    limits.check(path, "chars", len(data) // 4, f"at least {len(data) // 4:,} characters of text")  # before decoding
    return text_document(path, data)


def text_document(path: str, data: bytes) -> RawDocument:
    from extractor.reading.encodings import DecodeError, decode_bytes

    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        raise InputError(path, error.reason) from None
    if not decoded.text.strip():  # a byte order mark, spaces or line breaks alone: as empty as 0 bytes
        raise InputError(path, "empty file")
    warnings = ()
    if decoded.replaced:
        shown = ", ".join(map(str, decoded.replaced[:10])) + (", …" if len(decoded.replaced) > 10 else "")
        warnings = (f"{len(decoded.replaced)} undecodable byte sequence(s) replaced by U+FFFD at raw offsets {shown}",)
    return RawDocument(doc_id_for(path), printable_path(path), decoded.text, decoded.encoding, hashlib.sha256(data).hexdigest(),
                       warnings=warnings)


def paged_document(path: str, data: bytes, texts: list[str], encoding: str, confidences: list[float]) -> RawDocument:
    """Pages joined by form feeds, with the raw-text range of each page."""
    ranges, position = [], 0
    for text in texts:
        ranges.append((position, position + len(text)))
        position += len(text) + len(PAGE_BREAK)
    return RawDocument(
        doc_id_for(path), printable_path(path), PAGE_BREAK.join(texts), encoding, hashlib.sha256(data).hexdigest(),
        tuple(ranges), tuple(confidences),
    )

