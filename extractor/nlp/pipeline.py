"""Build the spaCy pipeline and convert a raw document into a Doc over its clean text."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractor.cleaning import CleanText, clean_document
from extractor.nlp.extensions import register_extensions
from extractor.nlp.tokenizer import VietnameseTokenizer
from extractor.reading import RawDocument, read_document
from extractor.quantities import extract_quantities
from extractor.sections import find_sections


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """A blank Vietnamese pipeline (no pyvi) with the project's tokenizer."""
    register_extensions()
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = VietnameseTokenizer(nlp.vocab)
    return nlp


def make_doc(source: str | RawDocument) -> Doc:
    """A path (or an already read document) → Doc over the clean text, with raw offsets attached."""
    raw = read_document(source) if isinstance(source, str) else source
    clean = clean_document(raw)
    nlp = make_nlp()
    doc = nlp.make_doc(clean.text)
    doc._.doc_id, doc._.source, doc._.sha256, doc._.encoding = raw.doc_id, raw.source, raw.sha256, raw.encoding
    doc._.raw_text, doc._.offsets, doc._.clean = raw.text, clean.offsets, clean
    doc.spans["paragraphs"] = _char_spans(doc, clean, kinds=("text", "heading", "item"))
    doc.spans["footnotes"] = [
        doc.char_span(note.clean_start, note.clean_end, label=note.id, alignment_mode="expand")
        for note in clean.footnotes
        if note.clean_end > note.clean_start
    ]
    doc._.sections = find_sections(clean)
    doc.spans["sections"] = [
        doc.char_span(s.clean_start, s.clean_end, label=s.id, alignment_mode="expand") for s in doc._.sections
    ]
    doc.spans["quantities"] = [
        span
        for quantity, _ in extract_quantities(clean, doc._.sections)
        if (span := doc.char_span(quantity.start, quantity.end, label=quantity.kind, alignment_mode="expand")) is not None
    ]
    for name, component in nlp.pipeline:
        doc = component(doc)
    return doc


def _char_spans(doc: Doc, clean: CleanText, kinds: tuple[str, ...]):
    spans = []
    for paragraph in clean.paragraphs:
        if paragraph.kind in kinds and paragraph.end > paragraph.start:
            span = doc.char_span(paragraph.start, paragraph.end, label=paragraph.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    return spans
