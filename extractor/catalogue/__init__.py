"""The indicator catalogue: stable codes for what local plans and reports measure, and the
classification of metrics into them (``classify``)."""

from extractor.catalogue.classify import Classification, catalogue, classify, classify_records

__all__ = ["Classification", "catalogue", "classify", "classify_records"]
