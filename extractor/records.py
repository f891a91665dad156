"""Records of the contract (../shared/spec/RECORDS.md) for one document, as plain dicts."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from extractor.catalogue import classify, classify_records
from extractor.cleaning import CleanText, clean_document
from extractor.reading import RawDocument, read_document
from extractor.reading.pages import page_number
from extractor.terms import document_term

from extractor.indicators.extract import attach_targets, evaluated_figures, find_results, find_target_items, status_against_plan, status_by_share
from extractor.indicators.tables import document_tables, find_table_rows, status_of_cell
from extractor.quantities import extract_quantities
from extractor.quantities.goals import LISTED_AIM, goal_rules
from extractor.places import DocumentPlaces
from extractor.places.document import written_level
from extractor.sections import Section, find_sections
from extractor.spans import SpanIndex

RECORD_TYPES = ("document", "section", "footnote", "quantity", "indicator")


@dataclass
class Extraction:
    """One document through the pipeline: what each stage made, built once and shared."""

    raw: RawDocument
    clean: CleanText
    sections: list[Section]
    places: DocumentPlaces
    records: list[dict]


def extract(raw: RawDocument, clean: CleanText | None = None, unit: str | None = None) -> Extraction:
    """The walk: read document → clean → sections → places → quantities → indicators → records.
    ``unit``: the reporting unit when the user knows it ("xã Tam Hợp, tỉnh Nghệ An")."""
    clean = clean_document(raw) if clean is None else clean
    sections = find_sections(clean)
    places = DocumentPlaces(clean.text, unit=unit)  # the document's place context, shared by every record builder
    document = document_record(raw, clean, places)
    found = extract_quantities(clean, sections, places, term_end(document))  # with each figure's place, metric, goal
    quantities = quantity_records(raw, clean, sections, found, places)
    indicators, warnings = indicator_records(raw, clean, sections, found, quantities, document, places)
    mark_target_figures(quantities, indicators)
    warnings = [*raw.warnings, *places.warnings(), *warnings]
    if warnings:
        document["warnings"] = warnings
    records = [document] + section_records(raw, sections) + footnote_records(raw, clean) + quantities + indicators
    classify_records(records)  # catalogue codes on quantities, targets and results
    if raw.pages:  # PDF, DOCX, OCR: every record says on which page it starts
        document["pages"] = len(raw.pages)
        if raw.page_confidence:
            document["page_confidence"] = list(raw.page_confidence)
        for record in records[1:]:
            record["page"] = page_number(raw.pages, record["start"])
    return Extraction(raw, clean, sections, places, records)


def extract_records(source: str | RawDocument, unit: str | None = None) -> list[dict]:
    """All records of one input (a path or an already read document); raises InputError on bad
    input, UnitError when ``unit`` names no single unit."""
    return extract(read_document(source) if isinstance(source, str) else source, unit=unit).records


def document_record(raw: RawDocument, clean: CleanText, places: DocumentPlaces) -> dict:
    term = document_term(clean.text)
    unit, province = places.reporting_unit, places.province()
    named = places.real_places()
    return {
        "type": "document",
        "doc_id": raw.doc_id,
        "source": raw.source,
        "sha256": raw.sha256,
        "chars": len(raw.text),
        "encoding": raw.encoding,
        "places": [place.name for place in named],
        "place_units": [{"place": place.name, **place.unit.as_dict()} for place in named],
        "term": f"{term[0]}-{term[1]}" if term else None,
        "unit": places.official_name(unit) if unit else places.reporting_name,
        "unit_source": places.unit_source if places.reporting_name else None,
        "unit_candidates": [{"unit": u.full_name, "code": u.code, "district": u.district, "province": u.province}
                            for u in places.reporting_candidates],
        "unit_code": unit.code if unit else None,
        "unit_level": unit.level if unit else _level_of_unknown(places),
        "unit_vintage": unit.vintage if unit else None,
        "unit_absorbed_into": _absorbing_record(places.absorbed_into(places.reporting_name)) if unit is None else None,
        "province": places.official_name(province) if province else None,
        "province_code": province.code if province else None,
        "merged_from": [{"unit": old.full_name, "code": old.code} for old in places.merged_from()],
        "tables": document_tables(clean),
    }


def _absorbing_record(unit) -> dict | None:
    return {"unit": unit.full_name, "code": unit.code, "level": unit.level, "vintage": unit.vintage} if unit else None


def _level_of_unknown(places: DocumentPlaces) -> str | None:
    """The level of a reporting unit the gazetteer leaves open: the one every namesake shares ("xã
    Bình Nguyên" of five provinces is a commune), or that its type word tells when the gazetteer
    holds none ("huyện Đạ Tẻh", dissolved in 2024)."""
    if places.reporting_candidates:
        levels = {unit.level for unit in places.reporting_candidates}
        return levels.pop() if len(levels) == 1 else None
    return written_level(places.reporting_name) if places.reporting_name else None


def place_fields(places: DocumentPlaces, place: str | None) -> dict:
    """``place`` as the text identifies it, and the unit a dataset joins on: that place, else the
    reporting unit (``place_source`` says which), with its gazetteer code."""
    if place is not None:
        unit, source, resolved = places.unit_of(place), "text", place
    elif places.reporting_name is not None:
        unit, source, resolved = places.reporting_unit, "reporting_unit", places.reporting_name
    else:
        unit, source, resolved = None, None, None
    return {
        "place": place,
        "place_resolved": resolved,
        "place_source": source,
        "place_code": unit.code if unit else None,
        "place_level": unit.level if unit else (written_level(resolved) if resolved else None),
        "place_vintage": unit.vintage if unit else None,
        "place_successor_code": unit.successor_code if unit else None,
        "place_absorbed_into_code": _absorbed_code(places, resolved) if unit is None else None,
    }


def _absorbed_code(places: DocumentPlaces, name: str | None) -> str | None:
    absorbing = places.absorbed_into(name)
    return absorbing.code if absorbing else None


def footnote_records(raw: RawDocument, clean: CleanText) -> list[dict]:
    return [
        {
            "type": "footnote",
            "doc_id": raw.doc_id,
            "id": note.id,
            "marker": note.marker,
            "start": note.start,
            "end": note.end,
            "ref_start": note.ref_start,
            "ref_end": note.ref_end,
            "text": raw.text[note.start:note.end],
        }
        for note in clean.footnotes
    ]


def section_records(raw: RawDocument, sections: list[Section]) -> list[dict]:
    return [
        {
            "type": "section",
            "doc_id": raw.doc_id,
            "id": s.id,
            "label": s.label,
            "title": s.title,
            "level": s.level,
            "parent": s.parent,
            "start": s.start,
            "end": s.end,
        }
        for s in sections
    ]


def innermost_section(sections: list[Section], clean_position: int) -> str | None:
    current = None
    for section in sections:
        if section.clean_start <= clean_position:
            current = section.id
        else:
            break
    return current


def section_lookup(sections: list[Section]):
    """``innermost_section`` for one document's sections, by binary search: the scan stops at the
    first section starting after the position, so only the in-order prefix of starts counts."""
    starts = []
    for section in sections:
        if starts and section.clean_start < starts[-1]:
            break
        starts.append(section.clean_start)
    order_breaks = len(starts) < len(sections)

    def lookup(clean_position: int) -> str | None:
        index = bisect_right(starts, clean_position)
        if index == len(starts) and order_breaks:
            return innermost_section(sections, clean_position)  # past the in-order prefix: scan as before
        return sections[index - 1].id if index else None

    return lookup


def quantity_records(raw: RawDocument, clean: CleanText, sections: list[Section], found: list, places) -> list[dict]:
    """The records of the quantity stage's figures (their place, metric and anchor already set)."""
    section_of = section_lookup(sections)
    records = []
    for number, (quantity, paragraph) in enumerate(found, 1):
        start, end = clean.raw_span(quantity.start, quantity.end)
        record = {
            "type": "quantity",
            "doc_id": raw.doc_id,
            "id": f"q{number}",
            "start": start,
            "end": end,
            "text": raw.text[start:end],
            "value": quantity.value,
            "low": quantity.low,
            "high": quantity.high,
            "unit": quantity.unit,
            "kind": quantity.kind,
            "qualifier": quantity.qualifier,
            "change": quantity.change,
            "basis": quantity.basis,
            "basis_year": quantity.basis_year,
            **place_fields(places, quantity.place),
            "metric": quantity.metric,
            "goal": quantity.goal,
            "goal_year": quantity.goal_year,
            "section": section_of(quantity.anchor),
            "in_footnote": paragraph.kind == "footnote",
            "number_style": quantity.number_style,
        }
        if quantity.denominator is not None:
            record["denominator"] = quantity.denominator
        records.append(record)
    return records


def term_end(document: dict) -> int | None:
    """The last year of the term the document names ("2025-2030" → 2030)."""
    return int(document["term"][-4:]) if document.get("term") else None


def mark_target_figures(quantities: list[dict], indicators: list[dict]) -> None:
    """The figures of a "chỉ tiêu chủ yếu" list's items are goals, for the item's year."""
    by_id = {record["id"]: record for record in quantities}
    for indicator in indicators:
        for target in indicator.get("targets") or () if indicator["role"] == "target" else ():
            figure = by_id.get(target.get("quantity"))
            if figure is not None:
                figure["goal"] = True
                figure["goal_year"] = target.get("year") or figure["goal_year"]


def indicator_records(raw, clean, sections, found, quantities, document, places) -> tuple[list[dict], list[str]]:
    """Target items of "chỉ tiêu chủ yếu" lists and result statements, as indicator records."""
    items, warnings = find_target_items(clean, sections, term_end(document))
    attach_targets(items, [(quantity, record) for (quantity, _), record in zip(found, quantities)], clean.text)
    records = []
    for item in items:
        start, _ = clean.raw_span(item.spans[0][0], item.spans[0][0] + 1)
        _, end = clean.raw_span(item.spans[-1][1] - 1, item.spans[-1][1])
        records.append({
            "type": "indicator", "doc_id": raw.doc_id, "id": f"i{len(records) + 1}", "role": "target",
            "group": item.group or None, "number": item.number, "start": start, "end": end, "text": raw.text[start:end],
            "metric": item.metric, "section": item.section, "targets": item.targets,
        })
    section_of = section_lookup(sections)
    overlapping = _overlap_finder(quantities)
    first_note = {}
    for note in clean.footnotes:
        first_note.setdefault(note.id, note)
    paragraph_starts = [p.start for p in clean.paragraphs]
    quantities_by_paragraph: dict[int, list] = {}
    quantity_ids = {}
    quantities_by_id = {record["id"]: record for record in quantities}
    listed_aims = set()  # ids of figures listed after a count of aims announced
    for (quantity, paragraph), record in zip(found, quantities):
        quantities_by_paragraph.setdefault(paragraph.start, []).append(quantity)
        quantity_ids[id(quantity)] = record["id"]
        if LISTED_AIM in quantity.notes:
            listed_aims.add(record["id"])
    number = 0
    for result in find_results(clean, items, sections):
        start, end = clean.raw_span(result.start, result.end)
        linked = overlapping(start, end)
        if linked and all(q in listed_aims for q in linked):
            continue  # "… 28 chỉ tiêu năm 2026. Trong đó, …; hoàn thành 100% chỉ tiêu tuyển quân": an aim the text lists, no result
        number += 1
        paragraph = clean.paragraphs[bisect_right(paragraph_starts, result.start) - 1]
        in_footnote = paragraph.kind == "footnote"
        anchor_paragraph, anchor = paragraph, result.start
        if in_footnote:
            note = first_note[paragraph.footnote]
            anchor = clean.clean_position(note.ref_start)
            anchor_paragraph = clean.paragraphs[bisect_right(paragraph_starts, anchor) - 1]
        record = {
            "type": "indicator", "doc_id": raw.doc_id, "id": f"i{len(records) + 1}", "role": "result",
            "group": None, "number": number, "start": start, "end": end, "text": raw.text[start:end],
            "status": result.status, **place_fields(places, places.place_at(anchor_paragraph, anchor)),
            "value": result.value, "denominator": result.denominator, "unit": result.unit,
            "section": section_of(anchor), "in_footnote": in_footnote,
            "quantities": linked, "targets_not_met": result.named_targets,
        }
        if result.value is None and not result.against_plan:  # "…: đạt 7,4%/năm, không đạt mục tiêu (mục tiêu 8%)"
            # (an actual against its plan, "9,40% (KH tăng 10-11%)", holds both figures: settled below)
            figures = evaluated_figures(clean.text, paragraph, result, quantities_by_paragraph.get(paragraph.start, []))
            if figures.actual is not None:
                record.update(value=figures.actual.value, unit=figures.actual.unit, actual=figures.actual.value)
                record["quantities"] = sorted(set(linked) | {quantity_ids[id(figures.actual)]}, key=lambda q: int(q[1:]))
            if figures.target is not None:
                record["target_value"] = figures.target.value
            if figures.metric:
                record["metric"] = figures.metric
        if result.period:
            record["period"] = result.period
        linked_figures = [quantities_by_id[q] for q in linked if q in quantities_by_id]
        _bound_the_share(record, linked_figures)
        if result.against_plan:
            _settle_against_plan(record, linked_figures)
        if not record.get("metric"):  # (the figures linked since: "… đạt 528 tỷ đồng (vượt kế hoạch đề ra)")
            record["metric"] = _measure_of_result([quantities_by_id[q] for q in record["quantities"] if q in quantities_by_id])
        records.append(record)
    records += table_result_records(raw, clean, sections, places, overlapping, len(records))
    return records, warnings


def _measure_of_result(figures: list[dict]) -> str | None:
    """What a result clause's first figure measures ("Thu ngân sách đạt 95% kế hoạch", "đạt 100% (mục
    tiêu đại hội là 90%)"); none for a count of targets ("12/19 chỉ tiêu đạt và vượt")."""
    for figure in figures:
        if figure.get("unit") in goal_rules()["aim_counts"]:
            return None
        if figure.get("metric"):
            return figure["metric"]
    return None



def _bound_the_share(record: dict, figures: list[dict]) -> None:
    """"đạt trên 100% kế hoạch" exceeds the plan and "dưới 100%" falls short of it: the figure's
    qualifier bounds a share that reads as 100% when the status came from the share itself."""
    share = record["value"]
    if record["unit"] != "%" or share is None or record["status"] != status_by_share(share):
        return
    qualifier = next((figure["qualifier"] for figure in figures if figure["unit"] == "%" and figure["value"] == share), None)
    if qualifier == "over" and share >= 100:
        record["status"] = "exceeded"
    elif qualifier == "under" and share <= 100:
        record["status"] = "not_met"


def _settle_against_plan(record: dict, figures: list[dict]) -> None:
    """"đạt 92% (KH 95%)", "215 lao động (KH 200 lao động)": the first figure is the actual, the
    bracketed one the plan; in the same unit, their order in the indicator's direction (lower is
    better for a poverty rate: catalogue `better`; the amount of a change, "giảm 1,1% (KH giảm 2%)", is better the
    larger, and falls short going the other way) gives the status; otherwise it stays null."""
    if len(figures) < 2:
        return
    actual = figures[0]  # the plan: the bracket's first figure in the actual's unit ("(NQ đề ra 2,8 triệu tấn, tăng 3,9%/năm)")
    plan = next((figure for figure in figures[1:] if figure["unit"] == actual["unit"]), figures[1])
    if actual["unit"] != plan["unit"] or actual["value"] is None:
        return
    indicator = classify(actual.get("metric"), actual["unit"])
    lower = indicator is not None and indicator.better == "lower" and not actual.get("change")
    if actual.get("change") and plan.get("change") not in (None, actual["change"]):
        status, target = "not_met", {"target_value": plan["value"], "target_text": None if plan["value"] is not None else plan["text"]}
    elif plan["value"] is not None:
        status, target = status_against_plan(actual["value"], plan["value"], lower), {"target_value": plan["value"]}
    elif plan.get("low") is not None and plan.get("high") is not None:
        # "6,15%/năm (chỉ tiêu Nghị quyết từ 8-9%/năm)": within the range is met, beyond it by the direction
        low, high = plan["low"], plan["high"]
        status = "met" if low <= actual["value"] <= high else status_against_plan(actual["value"], low if actual["value"] < low else high, lower)
        target = {"target_value": None, "target_text": plan["text"]}
    else:
        return
    record.update(status=status, value=actual["value"], unit=actual["unit"], actual=actual["value"], **target)


def table_result_records(raw, clean, sections, places, overlapping, numbered: int) -> list[dict]:
    """One result per data row of a results table, target and actual side by side."""
    section_of = section_lookup(sections)
    body = [p for p in clean.paragraphs if p.kind != "footnote"]
    raw_starts = [p.raw_start for p in body]
    rows = find_table_rows(clean)
    block_places = _table_block_places(body, {row.raw_start for row in rows}, places)
    records = []
    for row in rows:
        index = max(0, bisect_right(raw_starts, row.raw_start) - 1)
        paragraph = body[index]
        place = places.place_at(paragraph, paragraph.start) or block_places.get(index)
        records.append({
            "type": "indicator", "doc_id": raw.doc_id, "id": f"i{numbered + len(records) + 1}", "role": "result",
            "group": None, "number": len(records) + 1, "start": row.raw_start, "end": row.raw_end,
            "text": raw.text[row.raw_start:row.raw_end], "status": status_of_cell(row.status_text),
            **place_fields(places, place),
            "value": row.actual, "denominator": None, "unit": row.unit,
            "section": section_of(paragraph.start), "in_footnote": False,
            "quantities": overlapping(row.raw_start, row.raw_end), "targets_not_met": [],
            "row": row.row, "metric": row.metric, "target_value": row.target_value, "target_text": row.target_text,
            "actual": row.actual, "actual_text": row.actual_text, "source_table": True,
        })
    return records


def _table_block_places(body: list, row_starts: set[int], places) -> dict[int, str]:
    """Paragraph index of a table row → the unit its block is about: a paragraph between rows
    that names a unit ("Xã Hát Lót", a merged cell over a block of rows) holds for the rows after
    it, until another such label or the table's end."""
    found, current = {}, None
    if not row_starts:
        return found
    for index, paragraph in enumerate(body):
        if paragraph.raw_start in row_starts:
            if current:
                found[index] = current
            continue
        if paragraph.end - paragraph.start > 80:
            if paragraph.kind != "table_row":
                current = None
            continue
        named = [m.place for m in places.mentions(paragraph) if m.place]
        if named:
            current = named[0]
    return found


def _overlap_finder(quantities: list[dict]):
    """Ids of the quantity records overlapping a raw span, in record order."""
    index = SpanIndex(((q["start"], q["end"]) for q in quantities), range(len(quantities)))

    def overlapping(start: int, end: int) -> list[str]:
        return [quantities[number]["id"] for number in sorted(index.overlapping(start, end))]

    return overlapping
