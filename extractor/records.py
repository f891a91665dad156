"""Records of the contract (../shared/spec/RECORDS.md) for one document, as plain dicts."""

from __future__ import annotations

import regex

from extractor.cleaning import CleanText, clean_text
from extractor.reading import RawDocument, read_document
from extractor.sections import Section, find_sections

RECORD_TYPES = ("document", "section", "footnote", "quantity", "indicator")
TERM = regex.compile(r"nhiệm\s+kỳ\s+((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)", regex.IGNORECASE)
TERM_SEARCH_CHARS = 3000  # the term of the report is named in its opening lines


def extract_records(source: str | RawDocument) -> list[dict]:
    """All records of one input (a path or an already read document); raises InputError on bad input."""
    raw = read_document(source) if isinstance(source, str) else source
    clean = clean_text(raw.text)
    sections = find_sections(clean)
    return [document_record(raw, clean)] + section_records(raw, sections) + footnote_records(raw, clean)


def document_record(raw: RawDocument, clean: CleanText) -> dict:
    term = TERM.search(clean.text[:TERM_SEARCH_CHARS])
    return {
        "type": "document",
        "doc_id": raw.doc_id,
        "source": raw.source,
        "sha256": raw.sha256,
        "chars": len(raw.text),
        "encoding": raw.encoding,
        "places": [],
        "term": f"{term.group(1)}-{term.group(2)}" if term else None,
    }


def footnote_records(raw: RawDocument, clean: CleanText) -> list[dict]:
    return [
        {
            "type": "footnote",
            "doc_id": raw.doc_id,
            "id": note.id,
            "marker": note.marker,
            "start": note.start,
            "end": note.end,
            "ref_start": note.ref_start,
            "ref_end": note.ref_end,
            "text": raw.text[note.start:note.end],
        }
        for note in clean.footnotes
    ]


def section_records(raw: RawDocument, sections: list[Section]) -> list[dict]:
    return [
        {
            "type": "section",
            "doc_id": raw.doc_id,
            "id": s.id,
            "label": s.label,
            "title": s.title,
            "level": s.level,
            "parent": s.parent,
            "start": s.start,
            "end": s.end,
        }
        for s in sections
    ]
