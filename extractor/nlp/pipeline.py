"""The converter ``path -> Doc`` over the clean text, and the blank Vietnamese pipeline with the
project's tokenizer and components.

    nlp = make_nlp()                      # tokenizer + extractor_records, _sections, _places, _quantities, _indicators
    doc = make_doc("report.pdf", nlp)     # read, clean, tokenize, run the components
    doc.spans["quantities"][0]._.value    # every span stands for a record: ._.record, ._.raw_span …

A Doc made by the converter holds its raw text, clean text and offsets as plain data, so
``DocBin(store_user_data=True)``, ``nlp.to_disk``/``spacy.load`` and ``nlp.pipe(docs, n_process=2)``
keep everything (tests/test_nlp_and_cli.py).
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractor.cleaning import CleanText, clean_document
from extractor.limits import DEFAULT_LIMITS, Limits
from extractor.nlp.components import COMPONENTS
from extractor.nlp.extensions import register_extensions
from extractor.reading import RawDocument, read_document

TOKENIZER = "extractor.vi_tokenizer.v1"


@spacy.registry.tokenizers(TOKENIZER)
def create_tokenizer():
    from extractor.nlp.tokenizer import VietnameseTokenizer

    return lambda nlp: VietnameseTokenizer(nlp.vocab)


def make_nlp(components: tuple[str, ...] = COMPONENTS) -> Language:
    """A blank Vietnamese pipeline with the project's tokenizer (numbers and codes whole) and
    ``components`` (default: all five, in pipeline order). Each call makes a new one."""
    register_extensions()
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    for name in components:
        nlp.add_pipe(name)
    return nlp


def make_doc(source: str | RawDocument, nlp: Language | None = None, limits: Limits = DEFAULT_LIMITS) -> Doc:
    """A path (or an already read document) → Doc over its clean text, with the raw text and the
    offsets attached, through ``nlp``'s components (default: ``make_nlp()``)."""
    nlp = make_nlp() if nlp is None else nlp
    return nlp(convert(source, nlp, limits))


def convert(source: str | RawDocument, nlp: Language, limits: Limits = DEFAULT_LIMITS) -> Doc:
    """The converter alone: read, clean and tokenize, no component run."""
    register_extensions()
    raw = read_document(source, limits=limits) if isinstance(source, str) else source
    clean = clean_document(raw)
    doc = nlp.make_doc(clean.text)
    doc._.doc_id, doc._.source, doc._.sha256, doc._.encoding = raw.doc_id, raw.source, raw.sha256, raw.encoding
    doc._.raw_text, doc._.pages = raw.text, [list(page) for page in raw.pages]
    doc._.page_confidence, doc._.warnings = list(raw.page_confidence), list(raw.warnings)
    doc._.clean_data, doc._.body_end = clean.to_data(), clean.body_end
    doc.spans["paragraphs"] = _paragraph_spans(doc, clean, kinds=("text", "heading", "item"))
    doc.spans["footnotes"] = [span for note in clean.footnotes if note.clean_end > note.clean_start
                              if (span := doc.char_span(note.clean_start, note.clean_end, label=note.id, alignment_mode="expand"))]
    return doc


def raw_document(doc: Doc) -> RawDocument:
    """The RawDocument a converted Doc was made from."""
    return RawDocument(doc._.doc_id, doc._.source, doc._.raw_text, doc._.encoding, doc._.sha256,
                       tuple(tuple(page) for page in doc._.pages or ()), tuple(doc._.page_confidence or ()),
                       tuple(doc._.warnings or ()))


def _paragraph_spans(doc: Doc, clean: CleanText, kinds: tuple[str, ...]):
    return [span for paragraph in clean.paragraphs if paragraph.kind in kinds and paragraph.end > paragraph.start
            if (span := doc.char_span(paragraph.start, paragraph.end, label=paragraph.kind, alignment_mode="expand"))]
