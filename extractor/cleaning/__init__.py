"""Cleaning: raw report text → paragraphs and footnotes with a map back to raw offsets."""

from extractor.cleaning.cleaner import CleanText, Footnote, Paragraph, Removal, clean_document, clean_text

__all__ = ["CleanText", "Footnote", "Paragraph", "Removal", "clean_document", "clean_text"]
