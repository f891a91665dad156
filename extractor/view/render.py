"""The view page: the clean text with nested highlights, footnotes linked both ways, a legend and contents."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

from extractor.records import Extraction
from extractor.reading import RawDocument
from extractor.view.assets import SCRIPT, STYLE
from extractor.view.highlights import (PRIORITY, FootnoteRef, Highlight, footnote_refs, place_highlights, record_highlights,
                                       resolve_overlaps)

LEGEND = (
    ("section", "section heading"),
    ("indicator", "indicator (target item or result statement)"),
    ("place", "place"),
    ("quantity", "quantity"),
)


@dataclass
class Piece:
    """A highlight clipped to one paragraph; ``first`` is the piece holding the highlight's start."""

    start: int
    end: int
    highlight: Highlight
    first: bool

    @property
    def nesting(self) -> tuple:
        return PRIORITY[self.highlight.category], self.highlight.start, -self.highlight.end


def _label(raw: RawDocument, document: dict) -> str:
    """The reporting unit the document names, with the doc_id ("xã Mai Sơn · mai-son")."""
    return f"{document['unit']} · {raw.doc_id}" if document.get("unit") else raw.doc_id


def render_page(extraction: Extraction) -> str:
    """The page of one document as the pipeline saw it (its clean text, records and places: nothing is cleaned again)."""
    raw, records, clean = extraction.raw, extraction.records, extraction.clean
    found, missing = record_highlights(records, clean)
    highlights = resolve_overlaps(found + place_highlights(clean, extraction.places))
    refs = footnote_refs(clean)
    counts = Counter(h.category for h in highlights)
    body = [p for p in clean.paragraphs if p.kind != "footnote"]
    notes = [p for p in clean.paragraphs if p.kind == "footnote"]
    refs_by_paragraph = _refs_by_paragraph(body, refs)
    markers = {note.id: note.marker for note in clean.footnotes}
    text_html = "\n".join(
        f"<p class=\"para kind-{p.kind}\" data-raw=\"{p.raw_start}-{p.raw_end}\">"
        f"{render_span(clean.text, p.start, p.end, highlights, refs_by_paragraph.get(index, []))}</p>"
        for index, p in enumerate(body)
    )
    notes_html = "\n".join(
        f"<div class=\"footnote\" id=\"fn-{p.footnote}\"><a class=\"fn-back\" href=\"#fnref-{p.footnote}\" "
        f"title=\"back to the text\">{escape(markers.get(p.footnote, p.footnote or ''))}</a>"
        f"{render_span(clean.text, p.start, p.end, highlights, [])}</div>"
        for p in notes
    )
    document = records[0] if records and records[0].get("type") == "document" else {}
    return "\n".join([
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">",
        f"<title>{escape(_label(raw, document))} — extractor view</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        _header(raw, document, counts, len(refs), missing),
        "<div class=\"layout\">",
        _contents(records),
        f"<main>\n<article class=\"text\">\n{text_html}\n</article>",
        f"<section class=\"footnotes\" id=\"footnotes\"><h2>Footnotes</h2>\n{notes_html}\n</section>" if notes else "",
        "</main>\n</div>",
        "<div id=\"tip\" role=\"tooltip\" hidden></div>",
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n",
    ])


def render_span(text: str, start: int, end: int, highlights: list[Highlight], refs: list[FootnoteRef]) -> str:
    """``text[start:end]`` as HTML with the highlights inside it nested outer to inner. Where a highlight
    crosses another's edge it is closed and reopened; only its first piece carries the record id."""
    pieces = [Piece(max(h.start, start), min(h.end, end), h, h.start >= start) for h in highlights if h.start < end and h.end > start]
    refs_at: dict[int, list[FootnoteRef]] = {}
    for ref in refs:
        refs_at.setdefault(min(max(ref.position, start), end), []).append(ref)
    bounds = sorted({start, end, *refs_at, *(p.start for p in pieces), *(p.end for p in pieces)})
    out: list[str] = []
    stack: list[Piece] = []
    opened: set[int] = set()
    for here, following in zip(bounds, bounds[1:] + [None]):
        wanted = sorted((p for p in pieces if p.start <= here < p.end), key=lambda p: p.nesting) if following else []
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] is wanted[keep]:
            keep += 1
        out.extend("</span>" for _ in stack[keep:])
        out.extend(_ref_html(ref) for ref in refs_at.get(here, []))
        for piece in wanted[keep:]:
            out.append(_open_tag(piece, again=id(piece) in opened))
            opened.add(id(piece))
        stack = wanted
        if following is not None:
            out.append(escape(text[here:following]))
    return "".join(out)


def _open_tag(piece: Piece, again: bool) -> str:
    h = piece.highlight
    continued = again or not piece.first
    classes = " ".join(c for c in ("hl", f"hl-{h.category}", h.extra_class, "cont" if continued else "") if c)
    identity = f"data-of=\"{escape(h.element_id)}\"" if continued else f"id=\"{escape(h.element_id)}\""
    return f"<span class=\"{classes}\" {identity} title=\"{escape(h.tip)}\">"


def _ref_html(ref: FootnoteRef) -> str:
    return (f"<sup class=\"fn-ref\"><a id=\"fnref-{escape(ref.note_id)}\" href=\"#fn-{escape(ref.note_id)}\" "
            f"title=\"footnote {escape(ref.marker)}\">{escape(ref.marker)}</a></sup>")


def _refs_by_paragraph(body, refs: list[FootnoteRef]) -> dict[int, list[FootnoteRef]]:
    """A marker belongs to the paragraph it ends, not to the next one starting at the same position."""
    placed: dict[int, list[FootnoteRef]] = {}
    for ref in refs:
        index = next((i for i, p in enumerate(body) if p.start < ref.position <= p.end), None)
        if index is None:
            index = next((i for i, p in enumerate(body) if p.start >= ref.position), len(body) - 1)
        placed.setdefault(index, []).append(ref)
    return placed


def _header(raw: RawDocument, document: dict, counts: Counter, footnotes: int, missing: list[str]) -> str:
    places = ", ".join(f"{u['place']} ({u['code']})" for u in document.get("place_units") or []) or "—"
    facts = (f"{escape(raw.source)} · sha256 <code>{escape(raw.sha256[:16])}</code> · {escape(raw.encoding)} · "
             f"term {escape(str(document.get('term') or '—'))} · places: {escape(places)} · {footnotes} footnotes")
    legend = "".join(
        f"<label><input type=\"checkbox\" checked data-category=\"{category}\"> "
        f"<span class=\"swatch hl-{category}\">{escape(label)}</span> <span class=\"count\" data-count=\"{category}\">{counts.get(category, 0)}</span></label>"
        for category, label in LEGEND
    ) + "<span><sup class=\"fn-sample\">¹</sup> footnote marker (linked both ways)</span>"
    warnings = list(document.get("warnings") or [])
    if missing:
        warnings.append(f"{len(missing)} record(s) have no clean text to highlight: {', '.join(missing[:20])}")
    notes = "".join(f"<p class=\"warnings\">{escape(w)}</p>" for w in warnings)
    return (f"<header><h1>{escape(_label(raw, document))}</h1><p class=\"facts\">{facts}</p>"
            f"<div class=\"legend\">{legend}</div>{notes}</header>")


def _contents(records: list[dict]) -> str:
    sections = [r for r in records if r.get("type") == "section"]
    if not sections:
        return ""
    links = "\n".join(
        f"<a href=\"#{escape(s['id'])}\" style=\"padding-left:{(int(s.get('level') or 1) - 1) * 0.9:.1f}em\">"
        f"{escape(str(s.get('label') or ''))} {escape(str(s.get('title') or ''))}</a>"
        for s in sections
    )
    return f"<nav class=\"toc\" aria-label=\"contents\">\n{links}\n</nav>"
