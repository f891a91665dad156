"""Records of the contract (../shared/spec/RECORDS.md) for one document, as plain dicts."""

from __future__ import annotations

import regex

from extractor.cleaning import CleanText, clean_text
from extractor.reading import RawDocument, read_document
from bisect import bisect_right

from extractor.indicators.extract import attach_targets, find_results, find_target_items
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
    document = document_record(raw, clean)
    found = extract_quantities(clean, sections)
    quantities = quantity_records(raw, clean, sections, found)
    indicators, warnings = indicator_records(raw, clean, sections, found, quantities, document)
    if warnings:
        document["warnings"] = warnings
    return [document] + section_records(raw, sections) + footnote_records(raw, clean) + quantities + indicators


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


def quantity_records(raw: RawDocument, clean: CleanText, sections: list[Section], found: list) -> list[dict]:
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
    for number, (quantity, paragraph) in enumerate(found, 1):
        start, end = clean.raw_span(quantity.start, quantity.end)
        in_footnote = paragraph.kind == "footnote"
        anchor = quantity.start
        place = place_for(paragraph, quantity.start)
        if in_footnote:  # a footnote belongs where its marker stands
            note = footnote_anchor[paragraph.footnote]
            anchor = clean.clean_position(note.ref_start)
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


def indicator_records(raw, clean, sections, found, quantities, document) -> tuple[list[dict], list[str]]:
    """Target items of "chỉ tiêu chủ yếu" lists and result statements, as indicator records."""
    term_end = int(document["term"][-4:]) if document.get("term") else None
    items, warnings = find_target_items(clean, sections, term_end)
    attach_targets(items, [(quantity, record) for (quantity, _), record in zip(found, quantities)], clean.text)
    records = []
    for item in items:
        start, _ = clean.raw_span(item.spans[0][0], item.spans[0][0] + 1)
        _, end = clean.raw_span(item.spans[-1][1] - 1, item.spans[-1][1])
        records.append({
            "type": "indicator", "doc_id": raw.doc_id, "id": f"i{len(records) + 1}", "role": "target",
            "group": item.group, "number": item.number, "start": start, "end": end, "text": raw.text[start:end],
            "metric": item.metric, "section": item.section, "targets": item.targets,
        })
    bare_names = resolve_bare_names(clean.text)
    paragraph_starts = [p.start for p in clean.paragraphs]
    for number, result in enumerate(find_results(clean), 1):
        start, end = clean.raw_span(result.start, result.end)
        paragraph = clean.paragraphs[bisect_right(paragraph_starts, result.start) - 1]
        in_footnote = paragraph.kind == "footnote"
        anchor_paragraph, anchor = paragraph, result.start
        if in_footnote:
            note = next(n for n in clean.footnotes if n.id == paragraph.footnote)
            anchor = clean.clean_position(note.ref_start)
            anchor_paragraph = clean.paragraphs[bisect_right(paragraph_starts, anchor) - 1]
        mentions = find_mentions(clean.text, anchor_paragraph.start, anchor_paragraph.end, bare_names)
        linked = [q["id"] for q in quantities if q["start"] < end and start < q["end"]]
        records.append({
            "type": "indicator", "doc_id": raw.doc_id, "id": f"i{len(records) + 1}", "role": "result",
            "group": None, "number": number, "start": start, "end": end, "text": raw.text[start:end],
            "status": result.status, "place": place_at(mentions, clean.text, anchor),
            "value": result.value, "denominator": result.denominator, "unit": result.unit,
            "section": innermost_section(sections, anchor), "in_footnote": in_footnote,
            "quantities": linked, "targets_not_met": result.named_targets,
        })
    return records, warnings
