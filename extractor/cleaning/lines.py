"""Split normalised text into classified lines (rules in ``line_rules.json``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from statistics import quantiles

import regex
from extractor.rules import load_rules, shared_patterns

LINE_BREAK = regex.compile(r"\r\n|[\n\r\f\v\x1c-\x1e\x85\u2028\u2029]")
RULE_KEYS = {"id", "kind", "pattern", "note"}
LINE_KINDS = ("page_number", "separator", "heading", "item", "weak_item")
TABLE_ROW = "table_row"  # a line whose raw text holds three or more cells (DOCX, .doc tables; web tables copied as text)
TABLE_CELL_SEPARATORS = 2
# readers give a table's cells separated by tabs; a web table copied as text separates them by
# pipes ("1 | GDP | 6,5-7% |")
CELL_SEPARATOR = regex.compile(r"\t|\|")
# a table laid out as fixed-width text (a PDF's text layer, a web table's cells padded with spaces)
# keeps its columns apart by runs of spaces: "Phí, lệ phí   4,000   4,500"; justified prose stretches
# a gap to two spaces, seldom three
SPACED_TABLE_ROW = "table-row-spaced"
SPACED_CELL_GAP = regex.compile(r"(?<=\S)[ \u00a0]{3,}(?=\S)")
PADDING_END = regex.compile(r"\S[ \u00a0]{3,}$")  # a row padded to the table's width: "Thu khác theo quy định            "
FIGURE_CELL = regex.compile(r"[-+−–]?\s?\d[\d.,]*\s?%?|[-–]")  # "4,000", "-25", "96,3", "100%", "-" (nothing)
MIN_FIGURE_CELLS = 2
MAX_WORD_CELLS = 2  # a label and a unit ("Tỷ lệ hộ nghèo   %   5,2   4,8")


# a web table copied as text may give each cell a line of its own: "1" / "Tỷ lệ hộ nghèo (%)" / "0,4"
LINES_TABLE_ROW = "table-row-lines"
BARE_FIGURE = regex.compile(r"\s*\d[\d.,]*\s*%?\s*")  # a cell holding a figure and nothing else ("308,1", "95 %")
# a figure with its unit: "6.830 tỷ đồng", "95 %" (not a numbered label, "1. Tình hình kinh tế")
MEASURE_CELL = regex.compile(r"\s*[-−]?\d[\d.,]*(?<![.,])\s*(?:%|\p{Ll}[\p{L}\p{M}/ ]{0,24})?[.;]?\s*")
VALUE_CELL = regex.compile(r"(?i)\s*(?:(?:tăng|giảm)\s+)?[-−]?\d[\d.,]*\s*%?\s*")  # a value cell, perhaps a change: "78.908", "Tăng 9,27"
# a table's "Đơn vị tính: Tỷ đồng" line (a yearbook's "Đơn vị tính - Unit: %")
UNIT_DECLARATION_LINE = regex.compile(rf"(?i)\s*\(?\s*{shared_patterns()['unit_declaration']}.{{0,30}}")
LINE_CELL_GAP = regex.compile(r"(?<=\S)[ \t\u00a0]*(?:\r\n|[\n\r\f\v\x1c-\x1e\x85\u2028\u2029])\s*(?=\S)")
_CELL_GAPS = {SPACED_TABLE_ROW: SPACED_CELL_GAP, LINES_TABLE_ROW: LINE_CELL_GAP}


def cell_spans(raw: str, start: int, end: int, rule: str | None) -> list[tuple[int, int]]:
    """Raw spans of the cells of a table row ``raw[start:end]`` (each trimmed; an empty cell of a
    tab or pipe row is kept, so columns stay counted)."""
    separator = _CELL_GAPS.get(rule, CELL_SEPARATOR)
    spans, position = [], start
    for gap in [*separator.finditer(raw, start, end), None]:
        part_end = gap.start() if gap is not None else end
        part = raw[position:part_end]
        left = len(part) - len(part.lstrip())
        spans.append((position + left, position + max(left, len(part.rstrip()))))
        if gap is not None:
            position = gap.end()
    return spans


def is_spaced_row(text: str) -> bool:
    """Cells apart by runs of spaces, most of them figures: a row of a fixed-width text table."""
    cells = SPACED_CELL_GAP.split(text.strip())
    if len(cells) < MIN_FIGURE_CELLS + 1:
        return False
    figures = sum(1 for cell in cells if FIGURE_CELL.fullmatch(cell))
    return figures >= MIN_FIGURE_CELLS and len(cells) - figures <= MAX_WORD_CELLS


@dataclass(frozen=True)
class LineRule:
    id: str
    kind: str
    pattern: "regex.Pattern[str]"


@dataclass(frozen=True)
class Line:
    """One physical line of the normalised text; ``start``/``end`` exclude the line break."""

    index: int
    start: int
    end: int
    text: str
    kind: str  # "blank", "text", or a rule kind from LINE_KINDS
    rule: str | None = None
    page_break_before: bool = False  # the line follows a form feed
    markup: int = 0  # length of a leading markdown heading mark ("### [tag] "), removed from the clean text
    row: int | None = None  # a table written one cell per line: the row this line is a cell of

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())


@lru_cache(maxsize=1)
def line_rules() -> tuple[LineRule, ...]:
    rows = load_rules("extractor.cleaning", "line_rules.json")
    rules = []
    for row in rows:
        unknown = set(row) - RULE_KEYS
        if unknown or row["kind"] not in LINE_KINDS:
            raise ValueError(f"line_rules.json: bad rule {row.get('id')}: {unknown or row['kind']}")
        rules.append(LineRule(row["id"], row["kind"], regex.compile(row["pattern"])))
    return tuple(rules)


@lru_cache(maxsize=1)
def _any_rule() -> "regex.Pattern[str]":
    """All rules as one ordered alternation: the first rule that matches wins, as in a loop over
    them, but a text line costs one regex call instead of one per rule."""
    return regex.compile("|".join(f"(?P<rule{index}>(?:{rule.pattern.pattern}))" for index, rule in enumerate(line_rules())))


def classify(text: str) -> tuple[str, str | None]:
    if not text.strip():
        return "blank", None
    match = _any_rule().match(text)
    if match is None:
        return "text", None
    rule = line_rules()[int(match.lastgroup[len("rule"):])]
    return rule.kind, rule.id


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    position = 0
    page_break = False
    for match in LINE_BREAK.finditer(text):
        lines.append(_make_line(len(lines), position, match.start(), text, page_break))
        page_break = match.group() == "\f"
        position = match.end()
    lines.append(_make_line(len(lines), position, len(text), text, page_break))
    return lines


# "## 2. Về …", "### [A32.65-ĐU-NQ-0001-2025] 2.1. …": markdown heading marks of transcribed
# archives, with an optional archive tag; the line is classified without them
MARKDOWN_HEADING = regex.compile(r"[ \t]*#{1,6}[ \t]+(?:\[[^\]\n]{1,60}\][ \t]*)?(?=\S)")


def _make_line(index: int, start: int, end: int, text: str, page_break: bool) -> Line:
    line_text = text[start:end]
    markup = MARKDOWN_HEADING.match(line_text)
    if markup:
        kind, rule = classify(line_text[markup.end():])
        if kind in ("text", "item", "weak_item"):
            kind, rule = "heading", "markdown-heading"
        return Line(index, start, end, line_text, kind, rule, page_break, markup.end())
    kind, rule = classify(line_text)
    return Line(index, start, end, line_text, kind, rule, page_break)


PROSE_LINE = 20  # characters: a shorter line holds no running text ("Hôm nay:", "61", a caption's end)


WRAP_TOLERANCE = 0.15  # a wrapped line's length is within this share of the typical width
WRAPPED_SHARE = 0.5  # of prose lines: so many near the width mean the text was wrapped to it


def lines_are_wrapped(lines: list[Line], width: float) -> bool:
    """Was the running text wrapped at a width (PDF, fixed-width text), or is each paragraph one
    line of its own length (a web page, a word processor's plain text)? Wrapped lines cluster just
    under the width; paragraph lines spread."""
    prose = [len(line.stripped) for line in lines if line.kind == "text" and len(line.stripped) >= PROSE_LINE]
    if not prose:
        return True
    near = sum(1 for length in prose if abs(length - width) <= WRAP_TOLERANCE * width)
    return near >= WRAPPED_SHARE * len(prose)


def typical_line_width(lines: list[Line]) -> float:
    """Characters in a full line of running text (80th percentile of text line lengths; lines too
    short to be prose are left out, or a web page's counters and menus would set the width; list
    items count where there is little else)."""
    lengths = [len(line.stripped) for line in lines if line.kind == "text"]
    prose = [length for length in lengths if length >= PROSE_LINE]
    if len(prose) < 4:  # a text that is mostly a list: its items' lines are its prose
        prose += [len(line.stripped) for line in lines if line.kind == "item" and len(line.stripped) >= PROSE_LINE]
    lengths = prose or lengths
    if len(lengths) < 4:
        return float(max(lengths, default=80))
    return quantiles(lengths, n=10)[7]
