"""spaCy integration: a converter ``path -> Doc`` over the clean text, raw offsets reachable, and
the pipeline's components as spaCy factories."""

from extractor.nlp.pipeline import convert, make_doc, make_nlp

__all__ = ["convert", "make_doc", "make_nlp"]
