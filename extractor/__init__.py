"""extractor: Vietnamese government reports → clean text, sections, quantities and indicators,
every record traceable to the raw source by offsets."""

__version__ = "0.1.0"
