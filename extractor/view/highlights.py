"""What the view highlights, in clean-text coordinates: section headings, indicators, places and quantities
(from the records, whose offsets are raw), plus the footnote markers removed by cleaning."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from extractor.cleaning import CleanText

# Outer to inner: a quantity is never cut by a longer highlight (longer ones are widened to hold it).
PRIORITY = {"section": 0, "indicator": 1, "place": 2, "quantity": 3}


@dataclass
class Highlight:
    start: int  # clean-text span
    end: int
    category: str  # a key of PRIORITY
    element_id: str
    tip: str  # the record, one "field: value" per line
    extra_class: str = ""


@dataclass(frozen=True)
class FootnoteRef:
    position: int  # clean position where the removed marker stood
    note_id: str
    marker: str


class RawToClean:
    """Raw span → clean span. Cleaning moves footnote bodies after the running text, so the clean
    characters of a raw span are found by raw position, not assumed monotonic."""

    def __init__(self, clean: CleanText):
        starts, ends = clean.offsets.starts, clean.offsets.ends
        self._order = sorted(range(len(starts)), key=starts.__getitem__)
        self._raw_starts = [starts[i] for i in self._order]
        self._ends = ends

    def span(self, raw_start: int, raw_end: int) -> tuple[int, int] | None:
        """The smallest clean range holding every clean character taken from inside [raw_start, raw_end)."""
        first = bisect_left(self._raw_starts, raw_start)
        inside = []
        for position in range(first, len(self._raw_starts)):
            if self._raw_starts[position] >= raw_end:
                break
            index = self._order[position]
            if self._ends[index] <= raw_end:
                inside.append(index)
        if not inside:
            return None
        return min(inside), max(inside) + 1


def record_highlights(records: list[dict], clean: CleanText) -> tuple[list[Highlight], list[str]]:
    """Highlights for section, indicator and quantity records; records with no clean text are named back."""
    mapping = RawToClean(clean)
    highlights, missing = [], []
    for record in records:
        category = {"section": "section", "indicator": "indicator", "quantity": "quantity"}.get(record.get("type"))
        if category is None:
            continue
        span = mapping.span(record["start"], record["end"])
        if span is None:
            missing.append(record["id"])
            continue
        extra = f"kind-{record['kind']}" if category == "quantity" else (f"role-{record['role']}" if category == "indicator" else "")
        highlights.append(Highlight(span[0], span[1], category, record["id"], record_tip(record), extra))
    return highlights, missing


def place_highlights(clean: CleanText, places) -> list[Highlight]:
    """Mentions of a named administrative unit ("xã Hát Lót", or a bare name the document introduced)."""
    highlights = []
    for paragraph in clean.paragraphs:
        for mention in places.mentions(paragraph):
            if mention.place is None:
                continue
            raw_start, raw_end = clean.raw_span(mention.start, mention.end)
            unit = places.unit_of(mention.place)
            tip = tip_lines("place", [("place", mention.place), ("code", unit.code if unit else "not in the gazetteer"),
                                      ("text", clean.text[mention.start:mention.end]),
                                      ("subject", "yes" if mention.subject else "no"), ("raw", f"{raw_start}–{raw_end}")])
            highlights.append(Highlight(mention.start, mention.end, "place", f"p{len(highlights) + 1}", tip))
    return highlights


def footnote_refs(clean: CleanText) -> list[FootnoteRef]:
    """Where each footnote's marker stood in the running text (cleaning removed it)."""
    return [FootnoteRef(clean.clean_position(note.ref_start), note.id, note.marker) for note in clean.footnotes]


def resolve_overlaps(highlights: list[Highlight]) -> list[Highlight]:
    """Drop places that overlap a quantity, and widen longer highlights to hold any quantity they cut,
    so each quantity renders as one element."""
    quantities = sorted((h for h in highlights if h.category == "quantity"), key=lambda h: h.start)
    starts = [q.start for q in quantities]

    def overlapping(h: Highlight):
        position = bisect_left(starts, h.start)
        for q in quantities[max(0, position - 1):]:  # quantities do not overlap: only the one before can reach in
            if q.start >= h.end:
                break
            if q.end > h.start:
                yield q

    kept = []
    for highlight in highlights:
        if highlight.category == "place" and any(True for _ in overlapping(highlight)):
            continue
        if highlight.category in ("section", "indicator"):
            for quantity in overlapping(highlight):
                highlight.start, highlight.end = min(highlight.start, quantity.start), max(highlight.end, quantity.end)
        kept.append(highlight)
    return kept


def record_tip(record: dict) -> str:
    kind = record["type"]
    raw = ("raw", f"{record['start']}–{record['end']}" + (f", page {record['page']}" if record.get("page") is not None else ""))
    if kind == "quantity":
        fields = [("text", " ".join(str(record.get("text", "")).split())), ("value", record.get("value")), ("low", record.get("low")),
                  ("high", record.get("high")), ("denominator", record.get("denominator")), ("unit", record.get("unit")),
                  ("kind", record.get("kind")), ("qualifier", record.get("qualifier")), ("place", record.get("place")),
                  ("metric", record.get("metric")), ("section", record.get("section")),
                  ("in footnote", "yes" if record.get("in_footnote") else "no"), raw]
        fields = [(name, value) for name, value in fields if value is not None or name in ("value", "unit", "qualifier", "place", "metric")]
        return tip_lines(f"quantity {record['id']}", fields)
    if kind == "section":
        return tip_lines(f"section {record['id']}", [("label", record.get("label")), ("title", record.get("title")),
                                                      ("level", record.get("level")), ("parent", record.get("parent")), raw])
    if record.get("role") == "target":
        targets = "; ".join(target_text(t) for t in record.get("targets") or []) or "no figure"
        return tip_lines(f"indicator {record['id']} · target", [("item", f"{record.get('group')} ({record.get('number')})"),
                                                                 ("metric", record.get("metric")), ("targets", targets),
                                                                 ("section", record.get("section")), raw])
    return tip_lines(f"indicator {record['id']} · result", [("status", record.get("status")), ("value", record.get("value")),
                                                             ("denominator", record.get("denominator")), ("unit", record.get("unit")),
                                                             ("place", record.get("place")), ("section", record.get("section")),
                                                             ("targets not met", _named_targets(record.get("targets_not_met"))), raw])


def _named_targets(targets) -> str | None:
    """"(1) tổng thu nhập …; (3) …" from [{"number": 1, "name": "…"}, …] (plain strings are kept)."""
    names = [f"({t.get('number')}) {t.get('name')}" if isinstance(t, dict) else str(t) for t in targets or []]
    return "; ".join(names) or None


def target_text(target: dict) -> str:
    if target.get("value") is None and target.get("low") is not None:
        number = f"{target.get('low')}–{target.get('high')}"
    else:
        number = str(target.get("value"))
    text = f"{target.get('comparator') or ''} {number} {target.get('unit') or ''}".strip()
    return text + (f" ({target['year']})" if target.get("year") else "")


def tip_lines(heading: str, fields: list[tuple[str, object]]) -> str:
    return "\n".join([heading] + [f"{name}: {'—' if value is None else value}" for name, value in fields])
