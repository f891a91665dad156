"""spaCy integration: a converter ``path -> Doc`` over the clean text, with raw offsets reachable."""

from extractor.nlp.pipeline import make_doc, make_nlp

__all__ = ["make_doc", "make_nlp"]
