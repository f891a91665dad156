"""Quantities: every figure with value, unit, kind, qualifier, and (given the document's places) its place and metric."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

import regex

from extractor.cleaning import CleanText
from extractor.cleaning.lines import TABLE_ROW, UNIT_DECLARATION_LINE
from extractor.numbers.digits import document_number_style, read_digits
from extractor.places.mentions import CLAUSE_END, place_rules
from extractor.quantities.cells import FLATTENED_ROW_CELL, header_cells, read_flattened_rows, table_row_quantities, without_row_numbers
from extractor.quantities.goals import mark_goals
from extractor.quantities.metric import (BREAKDOWN_OPENER, BREAKDOWN_OPENER_REACH, MetricFinder, change_before_measure,
                                         changes_restated_in_brackets, distribute_grouped, distribute_respectively, unit_from_name)
from extractor.quantities.parser import NUMBER, Quantity, breakdown_list_total, find_quantities
from extractor.sections import Section, parse_label
from extractor.spans import SpanIndex, bracket_open_at

__all__ = ["Quantity", "extract_quantities"]


PARTS_BRACKET_STOP = regex.compile(r"[.;!?](?=\s)")  # (the whole and its parts' bracket stand in one sentence)
SHARE_PAIR_GAP = regex.compile(r"\s?/\s?")  # "97%/90%": two shares of one measure, the second its target
PAIR_GAP = regex.compile(r"(?:\s*[\p{L}\p{M}&]+){0,3}?\s*/\s*")  # "… triệu đồng/98.081 hộ vay/2.592 tổ": a slash, the words of the figure before it
OPEN_BRACKET_REACH = 200  # characters before a figure read for a bracket it stands in ("(tương đương 1.749.600 người")


def extract_quantities(clean: CleanText, sections: list[Section], places=None, term_end: int | None = None) -> list[tuple[Quantity, object]]:
    """(quantity, paragraph) pairs in clean-text order, body first, then footnotes. With the
    document's ``places`` (DocumentPlaces), each quantity also gets its place, metric and anchor,
    and whether it is a goal the text sets (``term_end``: the last year of the document's term)."""
    label_spans = []
    for section in sections:
        parsed = parse_label(clean.text[section.clean_start:section.clean_end])
        if parsed:
            label_spans.append((section.clean_start, section.clean_start + parsed[2]))
    for paragraph in clean.paragraphs:  # list items that are no sections ("1. Duy trì …" under a list heading)
        if paragraph.kind in ("heading", "item", "weak_item"):
            parsed = parse_label(clean.text[paragraph.start:paragraph.end])
            if parsed:
                label_spans.append((paragraph.start, paragraph.start + parsed[2]))
    found = []
    skipped = SpanIndex(sorted(set(label_spans)))  # heading and item labels: no figure
    line_break = _source_line_break(clean)
    header = None  # the header row of the table being read
    list_total = None  # the total the list being read breaks down ("Tổng số giường bệnh: 2.411, trong đó:")
    for paragraph in clean.paragraphs:
        if list_total is not None and not LIST_ITEM_MARK.match(clean.text, paragraph.start, paragraph.end):
            list_total = None
        if paragraph.kind == TABLE_ROW:
            header = header_cells(clean, paragraph) or header
            found.extend((quantity, paragraph) for quantity in table_row_quantities(clean, paragraph, skipped, header))
            continue
        if not UNIT_DECLARATION_LINE.fullmatch(clean.text, paragraph.start, paragraph.end):
            header = None  # (a table's "Đơn vị tính: Tỷ đồng" line between its header and its rows ends nothing)
        quantities = find_quantities(clean.text, paragraph.start, paragraph.end, skipped, line_break=line_break, list_total=list_total)
        list_total = breakdown_list_total(clean.text, quantities, paragraph.end) or list_total
        found.extend((quantity, paragraph) for quantity in read_flattened_rows(clean.text, paragraph.start, quantities))
    found = without_row_numbers(clean, found, line_break)
    _in_the_documents_style(clean.text, found)
    if places is not None:
        attach_context(found, clean, places, unit_headed_sections(clean, sections, places) + unit_labelled_lines(clean, places))
        for quantity, paragraph in found:
            unit_from_name(quantity)
            change_before_measure(clean.text, quantity, paragraph.start)
        changes_restated_in_brackets(clean.text, found)
        found = [(quantity, paragraph) for quantity, paragraph in found if not _names_nothing(quantity)]
        mark_goals(found, clean, term_end)
    return found


LIST_ITEM_MARK = regex.compile(r"[ \t]*[-–+*•][ \t]")  # "- Bệnh viện: 1.843 giường": a dash-led item of the list above


MEASURE_KINDS = frozenset({"area", "length", "mass", "other", "rate"})
DOCUMENT_STYLE = "number style: the document's"  # a note: an ambiguous numeral read as the document writes numbers


def _in_the_documents_style(text: str, found) -> None:
    """A numeral a unit would read the English way ("228,648 m3": cubic metres are counted whole) is
    read the Vietnamese way in a document whose unambiguous numerals are all Vietnamese."""
    candidates = []
    for quantity, _ in found:
        if quantity.number_style != "en" or quantity.low is not None or quantity.denominator is not None \
                or quantity.kind not in MEASURE_KINDS or quantity.unit.split("/")[0] in ("đồng", "usd"):
            continue  # (counts are whole, and "500,000 đồng" is a slip of the separator, no decimal)
        token = NUMBER.match(text, quantity.start)
        if token is None or token.group().endswith("0"):
            continue  # (a round ",070" is no decimal)
        english, vietnamese = read_digits(token.group(), prefer="thousands"), read_digits(token.group(), prefer="vi")
        if english is not None and vietnamese is not None and english.value == quantity.value and vietnamese.style == "vi":
            candidates.append((quantity, vietnamese))  # (else a magnitude word scaled it, or the digits have one reading)
    if not candidates or document_number_style(text) != "vi":  # (the document read only when a figure asks)
        return
    for quantity, vietnamese in candidates:
        quantity.value, quantity.number_style = vietnamese.value, "vi"
        quantity.notes.append(DOCUMENT_STYLE)


def _source_line_break(clean: CleanText):
    """Whether the source broke a line between two clean positions of a paragraph (the cleaner
    joined the lines of a wrapped paragraph); asked rarely, so answered from the raw text."""
    def line_break(start: int, end: int) -> bool:
        raw_start, raw_end = clean.raw_span(start, end)
        return "\n" in clean.raw[raw_start:raw_end]
    return line_break


def _names_nothing(quantity: Quantity) -> bool:
    """A lone number with no unit, no counted noun and no phrase naming it ("Thứ tư - 11/01/2023
    22:58 206 0", a page's view counters) states no amount of anything."""
    return (quantity.unit is None and quantity.metric is None and quantity.low is None
            and quantity.denominator is None and quantity.kind != "fraction")


# what may stand in a heading beside the unit it names: "a) Thành phố Bạc Liêu:", "2.1. Tại xã Vĩnh Trạch"
HEADING_FILLER = regex.compile(r"[\s:.;,()\-–]*(?:(?i:tại|đối\s+với|ở)[\s:.;,()\-–]*)?")


def unit_headed_sections(clean: CleanText, sections: list[Section], places) -> list[tuple[int, int, str]]:
    """(clean start, end, place) of each section whose heading names a unit and nothing else
    ("a) Thành phố Bạc Liêu:" … "b) Thị xã Giá Rai:"): the unit its figures are about, down to
    the next heading of its level or above."""
    heading_at = {paragraph.start: paragraph for paragraph in clean.paragraphs if paragraph.kind != "footnote"}
    body_end = clean.body_end
    scopes = []
    for index, section in enumerate(sections):
        heading = heading_at.get(section.clean_start)
        parsed = parse_label(clean.text[section.clean_start:section.clean_end])
        if heading is None or parsed is None:
            continue
        named = [mention for mention in places.mentions(heading) if mention.place is not None]
        if len(named) != 1:
            continue
        mention = named[0]
        before, after = (section.clean_start + parsed[2], mention.start), (mention.end, heading.end)
        if not all(HEADING_FILLER.fullmatch(clean.text, *span) for span in (before, after)):
            continue  # "Kết quả hỗ trợ xã Y": the heading names a subject, not a unit's part of the text
        end = next((later.clean_start for later in sections[index + 1:] if later.level <= section.level), body_end)
        scopes.append((heading.end, end, mention.place))
    return scopes


LABELLED_LINE_CHARS = 60  # a line "Hà Nam: 10,39%" is a sub-heading when it is this short
LABELLED_LINE_REACH = 8  # paragraphs after it it may head
# after the unit's name: its figure ("Hà Nam: 10,39%"), or nothing but a colon ("Khánh Hòa", "Xã Nậm Ban:")
LABEL_VALUE = regex.compile(r"\s*(?::\s*(?:(?i:tăng|giảm|đạt)\s+)?[\d.,]+\s*%?)?\s*:?\s*$")


def unit_labelled_lines(clean: CleanText, places) -> list[tuple[int, int, str]]:
    """(clean start, end, place) under each line that is a unit alone or with its figure ("Khánh Hòa",
    "Hà Nam: 10,39%", "Huyện Đức Trọng: tăng 9,2%"), a sub-heading of a text about several units: the
    unit the paragraphs after it are about, up to the next such line or heading (at most
    LABELLED_LINE_REACH paragraphs). Lines of that shape one after another are a list, no headings."""
    body = [paragraph for paragraph in clean.paragraphs if paragraph.kind != "footnote"]
    labelled = {}
    for index, paragraph in enumerate(body):
        if paragraph.end - paragraph.start > LABELLED_LINE_CHARS:
            continue
        named = [mention for mention in places.mentions(paragraph) if mention.place is not None]
        if len(named) == 1 and not clean.text[paragraph.start:named[0].start].strip(" *-–•+") \
                and LABEL_VALUE.fullmatch(clean.text, named[0].end, paragraph.end) \
                and not place_rules()["organisation"].match(clean.text, named[0].start, paragraph.end):
            labelled[index] = named[0].place  # (a body's name, "HUYỆN ỦY THỌ XUÂN", is a letterhead's line)
    scopes = []
    for index, place in labelled.items():
        if index + 1 in labelled or index - 1 in labelled:
            continue  # ("Xã A: 100%" / "Xã B: 95%": a list)
        stop = next((later for later in range(index + 1, min(len(body), index + 1 + LABELLED_LINE_REACH))
                     if later in labelled or body[later].kind in ("heading", TABLE_ROW)),  # (a row's own label cell names its unit)
                    min(len(body), index + 1 + LABELLED_LINE_REACH))
        if stop > index + 1:
            scopes.append((body[index].end, body[stop - 1].end, place))
    return scopes


# "X là một trong số 74 huyện nghèo của cả nước": the figure counts X's peers, not X
ONE_OF_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?i:một\s+trong)\s+(?:(?i:số)\s+)?(?:(?i:những|các)\s+)?$")
ONE_OF_REACH = 24


def _peers_scope(text: str, quantity: Quantity, paragraph, places) -> str | None:
    """The unit the peers a "một trong số N …" figure counts belong to, named after it in its clause
    ("… 54 xã đặc biệt khó khăn của tỉnh Lai Châu"), or None ("… của cả nước")."""
    stop = CLAUSE_END.search(text, quantity.end, paragraph.end)
    clause_end = stop.start() if stop else paragraph.end
    return next((mention.place for mention in places.mentions(paragraph)
                 if mention.place is not None and quantity.end <= mention.start < clause_end), None)


def attach_context(found: list[tuple[Quantity, object]], clean: CleanText, places,
                   unit_sections: list[tuple[int, int, str]] = ()) -> None:
    """Place, metric and anchor of every figure: a footnote's figure stands where its marker does
    and takes the place in force there when its own text names none; a figure whose paragraph
    names no place takes the unit its section's heading names (``unit_headed_sections``)."""
    footnote_anchor = {note.id: note for note in clean.footnotes}
    paragraph_at = {p.start: p for p in clean.paragraphs}
    body_starts = [p.start for p in clean.paragraphs if p.kind != "footnote"]
    metrics = MetricFinder(clean.text, sorted(quantity.start for quantity, _ in found))
    previous, previous_bracketed = None, False  # (quantity, paragraph) before this one; inside a bracket?
    outside = None  # the last of them not inside a bracket
    outside_by_unit: dict[tuple[int, str | None], Quantity] = {}  # (paragraph start, unit) → the last such figure
    pair_head: dict[int, Quantity] = {}  # a figure written after a slash → the first figure of its slash pair
    for quantity, paragraph in found:
        quantity.anchor = quantity.start
        quantity.place = places.place_at(paragraph, quantity.start)
        if paragraph.kind == "footnote":
            quantity.anchor = clean.clean_position(footnote_anchor[paragraph.footnote].ref_start)
            if quantity.place is None:
                anchor_paragraph = paragraph_at[body_starts[bisect_right(body_starts, quantity.anchor) - 1]]
                quantity.place = places.place_at(anchor_paragraph, quantity.anchor)
        if quantity.place is None and paragraph.kind != "footnote" and BREAKDOWN_OPENER.match(clean.text, paragraph.start, min(paragraph.end, paragraph.start + BREAKDOWN_OPENER_REACH)):
            # "Hà Nội đón 6,54 triệu lượt khách.\n\nTrong đó, khách quốc tế …": a breakdown goes on with the unit in force
            # at the end of the paragraph before
            index = bisect_right(body_starts, paragraph.start) - 2
            if index >= 0:
                before = paragraph_at[body_starts[index]]
                quantity.place = places.place_at(before, before.end)
        if quantity.place is None and unit_sections:
            quantity.place = next((place for start, end, place in reversed(unit_sections) if start <= quantity.anchor < end), None)
        if ONE_OF_BEFORE.search(clean.text, max(paragraph.start, quantity.start - ONE_OF_REACH), quantity.start):
            quantity.place = _peers_scope(clean.text, quantity, paragraph, places)
        before = previous[0] if previous is not None and previous[1] is paragraph else None
        bracketed = bracket_open_at(clean.text, max(paragraph.start, quantity.start - OPEN_BRACKET_REACH), quantity.start)
        if before is not None and previous_bracketed and not bracketed and outside is not None and outside[1] is paragraph:
            before = outside[0]  # "99,18% (tương đương 1.749.600 người), tăng 5,56%": the figure before the aside goes on
        if paragraph.kind != TABLE_ROW and FLATTENED_ROW_CELL not in quantity.notes:  # a table row's figures are named by its label cell
            # a slash pair read as one figure, its first, up to its last: "X triệu đồng/Y hộ vay/Z tổ"
            head = replace(pair_head[id(before)], end=before.end) if before is not None and id(before) in pair_head else None
            if head is not None and before.metric == before.unit:
                before = head  # "2.468 hộ/10.351 nhân khẩu (tỷ lệ 43,16%)": the second names only its noun; the next restates the first
            quantity.metric = metrics.find(quantity, paragraph.start, paragraph.end, places.spans(paragraph), before)
            if quantity.metric is None and head is not None and before is not head:
                # "2.758.926 triệu đồng/98.081 hộ vay, tăng 132.406 triệu đồng": a change of the pair's first figure
                quantity.metric = metrics.find(quantity, paragraph.start, paragraph.end, places.spans(paragraph), head)
            whole = outside_by_unit.get((paragraph.start, quantity.unit)) if quantity.metric is None and bracketed else None
            if whole is not None and whole.metric and bracket_open_at(clean.text, whole.end, quantity.start) \
                    and not PARTS_BRACKET_STOP.search(clean.text, whole.end, quantity.start):
                # "14.000 ha quế, tập trung tại 8 xã (xã A: 1.998 ha, B: 2.112 ha)": a part the bracket breaks the whole into
                quantity.metric = whole.metric
        if before is not None and PAIR_GAP.fullmatch(clean.text, before.end, quantity.start):
            pair_head[id(quantity)] = pair_head.get(id(before), before)  # "X triệu đồng/Y hộ vay/Z tổ": one balance's figures
        previous, previous_bracketed = (quantity, paragraph), bracketed
        if not bracketed:
            outside = previous
            outside_by_unit[(paragraph.start, quantity.unit)] = quantity
    for (first, paragraph), (second, other) in zip(found, found[1:]):
        if other is paragraph and first.unit == second.unit == "%" and SHARE_PAIR_GAP.fullmatch(clean.text, first.end, second.start) \
                and second.metric and clean.text[second.end:second.end + len(second.metric) + 2].lstrip().startswith(second.metric):
            first.metric = second.metric  # "97%/90% dân số dùng nước hợp vệ sinh": the actual and its target, named after both
    by_paragraph: dict[int, tuple[object, list[Quantity]]] = {}
    for quantity, paragraph in found:
        by_paragraph.setdefault(paragraph.start, (paragraph, []))[1].append(quantity)
    for paragraph, quantities in by_paragraph.values():
        if "lượt" in clean.text[paragraph.start:paragraph.end]:  # cheap test before the pattern
            distribute_respectively(clean.text, paragraph.start, paragraph.end, quantities)
        if ";" in clean.text[paragraph.start:paragraph.end]:
            distribute_grouped(clean.text, paragraph.start, paragraph.end, quantities)
