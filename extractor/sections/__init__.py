"""Section tree segmentation."""

from extractor.sections.segmenter import Section, find_sections, parse_label

__all__ = ["Section", "find_sections", "parse_label"]
