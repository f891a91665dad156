"""The pipeline's spaCy components, registered with ``@Language.factory`` (and as
``spacy_factories`` entry points, so ``spacy.load`` finds them in a saved pipeline).

``extractor_records`` runs the one walk of ``extractor.records.extract`` on a converted Doc and
keeps its records as plain data; the four span components turn one record type each into a span
group whose spans stand for their records (label = record id). Each span component runs the
records component first when it has not run, so any of them can be added alone.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractor.nlp.extensions import register_extensions

COMPONENTS = ("extractor_records", "extractor_sections", "extractor_places", "extractor_quantities", "extractor_indicators")


class RecordsComponent:
    """Records of the contract for the Doc (its converter's raw and clean text), once."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.records is not None:
            return doc
        if doc._.clean_data is None:
            raise ValueError("extractor components need a Doc made by extractor.nlp.make_doc or convert "
                             "(it carries the raw text and the offsets), not a plain text")
        from extractor.nlp.pipeline import raw_document
        from extractor.records import extract

        clean = doc._.clean
        extraction = extract(raw_document(doc), clean)
        to_clean = _RawToClean(clean)
        mentions = []
        for paragraph in clean.paragraphs:
            for mention in extraction.places.mentions(paragraph):
                if mention.place is not None:
                    unit = extraction.places.unit_of(mention.place)
                    start, end = clean.raw_span(mention.start, mention.end)
                    mentions.append({"type": "place", "id": f"p{len(mentions) + 1}", "start": start, "end": end,
                                     "place": mention.place, "place_code": unit.code if unit else None,
                                     "clean": [mention.start, mention.end]})
        doc._.records = extraction.records
        doc._.place_mentions = mentions
        doc._.record_spans = {record["id"]: to_clean(record["start"], record["end"])
                              for record in extraction.records if "id" in record and "start" in record}
        return doc


class _RawToClean:
    """Raw [start, end) of a record → the clean span it was made from (records are built from clean
    spans, so their raw ends are clean characters' raw ends)."""

    def __init__(self, clean) -> None:
        self.first_at: dict[int, int] = {}
        self.last_at: dict[int, int] = {}
        for index, (start, end) in enumerate(zip(clean.offsets.starts, clean.offsets.ends)):
            self.first_at.setdefault(start, index)
            self.last_at[end] = index + 1

    def __call__(self, start: int, end: int) -> list[int] | None:
        clean_start, clean_end = self.first_at.get(start), self.last_at.get(end)
        if clean_start is None or clean_end is None or clean_end <= clean_start:
            return None
        return [clean_start, clean_end]


class RecordSpans:
    """Span group ``group`` of the records of ``record_type``: label = record id."""

    def __init__(self, record_type: str, group: str) -> None:
        self.record_type, self.group = record_type, group

    def __call__(self, doc: Doc) -> Doc:
        RecordsComponent()(doc)
        spans = []
        for record in doc._.records:
            if record["type"] == self.record_type and (where := doc._.record_spans.get(record["id"])):
                span = doc.char_span(where[0], where[1], label=record["id"], alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans[self.group] = spans
        return doc


class PlaceSpans:
    """Span group ``places``: every mention of a named administrative unit (label p1, p2 …)."""

    def __call__(self, doc: Doc) -> Doc:
        RecordsComponent()(doc)
        doc.spans["places"] = [span for mention in doc._.place_mentions
                               if (span := doc.char_span(*mention["clean"], label=mention["id"], alignment_mode="expand"))]
        return doc


def _factory(make):
    """A factory for spaCy: extensions registered first (a pipeline loaded by spacy.load comes here
    before anything else of ours runs)."""

    def factory(nlp: Language, name: str):
        register_extensions()
        return make()

    return factory


make_records = Language.factory("extractor_records", func=_factory(RecordsComponent))
make_sections = Language.factory("extractor_sections", func=_factory(lambda: RecordSpans("section", "sections")))
make_places = Language.factory("extractor_places", func=_factory(PlaceSpans))
make_quantities = Language.factory("extractor_quantities", func=_factory(lambda: RecordSpans("quantity", "quantities")))
make_indicators = Language.factory("extractor_indicators", func=_factory(lambda: RecordSpans("indicator", "indicators")))
