"""Every custom Doc/Span/Token attribute of the project, registered in one place."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token


def _span_raw(span: Span) -> tuple[int, int]:
    return span.doc._.offsets.to_raw(span.start_char, span.end_char)


def _token_raw(token: Token) -> tuple[int, int]:
    return token.doc._.offsets.to_raw(token.idx, token.idx + len(token.text))


def register_extensions() -> None:
    """Idempotent: safe to call from every entry point."""
    for name in ("doc_id", "source", "sha256", "encoding", "raw_text", "offsets", "clean"):
        Doc.set_extension(name, default=None, force=True)
    Doc.set_extension("footnotes", getter=lambda doc: doc._.clean.footnotes if doc._.clean else [], force=True)
    Span.set_extension("raw_span", getter=_span_raw, force=True)
    Span.set_extension("raw_text", getter=lambda span: span.doc._.raw_text.__getitem__(slice(*_span_raw(span))), force=True)
    Token.set_extension("raw_span", getter=_token_raw, force=True)
    Doc.set_extension("sections", default=None, force=True)  # list of Section, document order
    Token.set_extension("section_path", getter=_section_path, force=True)


def _section_path(token: Token) -> list[str]:
    """Labels of the sections holding the token, outermost first (empty before the first heading)."""
    from bisect import bisect_right

    sections = token.doc._.sections or []
    starts = [s.clean_start for s in sections]
    position = bisect_right(starts, token.idx) - 1
    if position < 0 or token.idx >= token.doc._.clean.body_end:
        return []
    by_id = {s.id: s for s in sections}
    path, current = [], sections[position]
    while current is not None:
        path.append(current.label)
        current = by_id.get(current.parent)
    return path[::-1]
