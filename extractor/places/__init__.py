"""Places: administrative units from an offline gazetteer, their mentions, and the reporting unit."""

from extractor.places.document import DocumentPlaces, Place
from extractor.places.gazetteer import AdminUnit, Gazetteer, load_gazetteer

__all__ = ["AdminUnit", "DocumentPlaces", "Gazetteer", "Place", "load_gazetteer"]
