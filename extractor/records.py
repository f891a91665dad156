"""Records of the contract (../shared/spec/RECORDS.md) for one document, as plain dicts."""

from __future__ import annotations

import regex

from extractor.cleaning import CleanText, clean_text
from extractor.reading import RawDocument, read_document
from bisect import bisect_right

from extractor.quantities import extract_quantities
from extractor.quantities.metric import find_metric
from extractor.quantities.places import document_places, find_mentions, place_at, resolve_bare_names
from extractor.sections import Section, find_sections

RECORD_TYPES = ("document", "section", "footnote", "quantity", "indicator")
TERM = regex.compile(r"nhiệm\s+kỳ\s+((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)", regex.IGNORECASE)
TERM_SEARCH_CHARS = 3000  # the term of the report is named in its opening lines


def extract_records(source: str | RawDocument) -> list[dict]:
    """All records of one input (a path or an already read document); raises InputError on bad input."""
    raw = read_document(source) if isinstance(source, str) else source
    clean = clean_text(raw.text)
    sections = find_sections(clean)
    return (
        [document_record(raw, clean)]
        + section_records(raw, sections)
        + footnote_records(raw, clean)
        + quantity_records(raw, clean, sections)
    )


def document_record(raw: RawDocument, clean: CleanText) -> dict:
    term = TERM.search(clean.text[:TERM_SEARCH_CHARS])
    return {
        "type": "document",
        "doc_id": raw.doc_id,
        "source": raw.source,
        "sha256": raw.sha256,
        "chars": len(raw.text),
        "encoding": raw.encoding,
        "places": document_places(clean.text),
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


def innermost_section(sections: list[Section], clean_position: int) -> str | None:
    current = None
    for section in sections:
        if section.clean_start <= clean_position:
            current = section.id
        else:
            break
    return current


def quantity_records(raw: RawDocument, clean: CleanText, sections: list[Section]) -> list[dict]:
    footnote_anchor = {note.id: note for note in clean.footnotes}
    bare_names = resolve_bare_names(clean.text)
    mentions_by_paragraph: dict[int, list] = {}

    def mentions_in(paragraph):
        if paragraph.start not in mentions_by_paragraph:
            mentions_by_paragraph[paragraph.start] = find_mentions(clean.text, paragraph.start, paragraph.end, bare_names)
        return mentions_by_paragraph[paragraph.start]

    def place_for(paragraph, position):
        return place_at(mentions_in(paragraph), clean.text, position)

    def place_spans(paragraph):
        return [(m.start, m.end) for m in mentions_in(paragraph)]

    paragraph_at = {p.start: p for p in clean.paragraphs}
    body_starts = [p.start for p in clean.paragraphs if p.kind != "footnote"]
    records = []
    for number, (quantity, paragraph) in enumerate(extract_quantities(clean, sections), 1):
        start, end = clean.raw_span(quantity.start, quantity.end)
        in_footnote = paragraph.kind == "footnote"
        anchor = quantity.start
        place = place_for(paragraph, quantity.start)
        if in_footnote:  # a footnote belongs where its marker stands
            note = footnote_anchor[paragraph.footnote]
            anchor = _clean_position_of_raw(clean, note.ref_start)
            if place is None:
                anchor_paragraph = paragraph_at[body_starts[bisect_right(body_starts, anchor) - 1]]
                place = place_for(anchor_paragraph, anchor)
        record = {
            "type": "quantity",
            "doc_id": raw.doc_id,
            "id": f"q{number}",
            "start": start,
            "end": end,
            "text": raw.text[start:end],
            "value": quantity.value,
            "low": quantity.low,
            "high": quantity.high,
            "unit": quantity.unit,
            "kind": quantity.kind,
            "qualifier": quantity.qualifier,
            "place": place,
            "metric": find_metric(clean.text, quantity, paragraph.start, paragraph.end, place_spans(paragraph)),
            "section": innermost_section(sections, anchor),
            "in_footnote": in_footnote,
            "number_style": quantity.number_style,
        }
        if quantity.denominator is not None:
            record["denominator"] = quantity.denominator
        records.append(record)
    return records


def _clean_position_of_raw(clean: CleanText, raw_position: int) -> int:
    """First clean character whose raw range starts at or after ``raw_position`` in the body."""
    from bisect import bisect_left

    starts = clean.offsets.starts[: clean.body_end]
    index = bisect_left(list(starts), raw_position)  # body raw starts are non-decreasing
    return min(index, max(clean.body_end - 1, 0))
