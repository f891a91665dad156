"""Every custom Doc/Span/Token attribute of the project, registered in one place.

Stored attributes hold plain values only (str, int, float, bytes, lists and dicts of them), so a
Doc goes through ``DocBin(store_user_data=True)``, ``Doc.to_bytes`` and pickling (``nlp.pipe``
with ``n_process``) whole; the rest are getters computed from them.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

# set by the converter (extractor.nlp.make_doc) and the records component
STORED_DOC_ATTRIBUTES = (
    "doc_id", "source", "sha256", "encoding", "raw_text", "pages", "page_confidence", "warnings",
    "clean_data",  # CleanText.to_data(): clean text, offsets (bytes), paragraphs, footnotes, removals
    "body_end",  # end of the running text in the clean text; footnote paragraphs follow it
    "records",  # the contract's records of the document (extractor_records)
    "record_spans",  # record id → [clean start, clean end] (extractor_records)
    "place_mentions",  # place mentions as records: id "p1" …, clean start/end, place, code (extractor_records)
)
RECORD_FIELDS = ("value", "unit", "kind", "change", "basis", "basis_year", "place", "place_code", "metric", "indicator_code", "role",
                 "label", "title", "level")


def register_extensions() -> None:
    """Idempotent: safe to call from every entry point."""
    for name in STORED_DOC_ATTRIBUTES:
        Doc.set_extension(name, default=None, force=True)
    Doc.set_extension("offsets", getter=_offsets, force=True)
    Doc.set_extension("clean", getter=_clean, force=True)
    Doc.set_extension("footnotes", getter=lambda doc: _clean(doc).footnotes if doc._.clean_data else [], force=True)
    Doc.set_extension("sections", getter=lambda doc: _records_of(doc, "section"), force=True)
    Span.set_extension("raw_span", getter=_span_raw, force=True)
    Span.set_extension("raw_text", getter=lambda span: span.doc._.raw_text.__getitem__(slice(*_span_raw(span))), force=True)
    Span.set_extension("record", getter=_span_record, force=True)
    Span.set_extension("record_id", getter=lambda span: span.label_ if _span_record(span) else None, force=True)
    for field in RECORD_FIELDS:
        Span.set_extension(field, getter=_field_getter(field), force=True)
    Token.set_extension("raw_span", getter=_token_raw, force=True)
    Token.set_extension("section_path", getter=_section_path, force=True)


def _offsets(doc: Doc):
    from extractor.offsets import OffsetMap

    return OffsetMap.from_data(doc._.clean_data["offsets"]) if doc._.clean_data else None


def _clean(doc: Doc):
    from extractor.cleaning import CleanText

    return CleanText.from_data(doc._.raw_text, doc._.clean_data) if doc._.clean_data else None


def _span_raw(span: Span) -> tuple[int, int]:
    return span.doc._.offsets.to_raw(span.start_char, span.end_char)


def _token_raw(token: Token) -> tuple[int, int]:
    return token.doc._.offsets.to_raw(token.idx, token.idx + len(token.text))


def _records_of(doc: Doc, record_type: str) -> list[dict]:
    return [record for record in doc._.records or () if record["type"] == record_type]


def _span_record(span: Span) -> dict | None:
    """The record a span of a record group stands for: its label is the record's id."""
    label = span.label_
    for record in doc_records(span.doc):
        if record.get("id") == label and record["type"] != "document":
            return record
    return None


def doc_records(doc: Doc) -> list[dict]:
    return [*(doc._.records or ()), *(doc._.place_mentions or ())]


def _field_getter(field: str):
    def getter(span: Span):
        record = _span_record(span)
        return record.get(field) if record else None

    return getter


def _section_path(token: Token) -> list[str]:
    """Labels of the sections holding the token, outermost first (empty before the first heading,
    in footnotes, or when the sections component has not run)."""
    spans = sorted(token.doc.spans.get("sections", ()), key=lambda span: span.start_char)
    if not spans or token.doc._.body_end is None or token.idx >= token.doc._.body_end:
        return []
    position = bisect_right([span.start_char for span in spans], token.idx) - 1
    if position < 0:
        return []
    by_id = {record["id"]: record for record in _records_of(token.doc, "section")}
    path, current = [], by_id.get(spans[position].label_)
    while current is not None:
        path.append(current["label"])
        current = by_id.get(current["parent"])
    return path[::-1]
