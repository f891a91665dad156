"""Section tree segmentation."""

from extractor.sections.segmenter import Section, Sections, find_sections, parse_label

__all__ = ["Section", "Sections", "find_sections", "parse_label"]
