"""Quantities: every figure with value, unit, kind, qualifier (place and metric come later)."""

from __future__ import annotations

from extractor.cleaning import CleanText
from extractor.quantities.parser import Quantity, SkipSpans, find_quantities
from extractor.sections import Section, parse_label

__all__ = ["Quantity", "extract_quantities"]


def extract_quantities(clean: CleanText, sections: list[Section]) -> list[tuple[Quantity, object]]:
    """(quantity, paragraph) pairs in clean-text order, body first, then footnotes."""
    label_spans = []
    for section in sections:
        parsed = parse_label(clean.text[section.clean_start:section.clean_end])
        if parsed:
            label_spans.append((section.clean_start, section.clean_start + parsed[2]))
    found = []
    skipped = SkipSpans(label_spans)
    for paragraph in clean.paragraphs:
        for quantity in find_quantities(clean.text, paragraph.start, paragraph.end, skipped):
            found.append((quantity, paragraph))
    return found
