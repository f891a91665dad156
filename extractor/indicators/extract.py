"""Indicator statements: targets of a "Chỉ tiêu chủ yếu" list and results against past targets.

Targets: the list is the section whose title names it (any wording in ``rules.json``); its
sub-sections that read as groups ("3.1. Các chỉ tiêu về kinh tế (07 chỉ tiêu)") give the group,
and each numbered item ("(1)", "1.", "1)", also several "(n)" run together in one paragraph) is
one indicator whose targets are the quantities inside it. Numbering may restart in each group or
run on. Declared counts are checked against the items found and a mismatch becomes a warning.

Results: clauses saying how past targets were met ("12/19 chỉ tiêu đạt và vượt", "đạt 214% chỉ
tiêu", "đảm bảo chỉ tiêu …"), with status from the status words or the percentage, the place of
the clause, and the targets a footnote names as not met ("Chỉ tiêu số 01 tổng thu nhập …").
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extractor.cleaning import CleanText, Paragraph
from extractor.cleaning.lines import TABLE_ROW, line_rules
from extractor.indicators.columns import is_results_header
from extractor.quantities.goals import COORDINATION, goal_rules
from extractor.quantities.cells import row_heading
from extractor.quantities.metric import FIGURE_JOINT, RESPECTIVE_NAME, SENTENCE_STOP, metric_rules, names_only_a_time, without_leading_verbs, without_times
from extractor.quantities.parser import BREAKDOWN_WORDS, OF_WORD, RUN_IN_LIST_NUMBER, SENTENCE_START, context_rules, find_quantities, first_noun
from extractor.numbers import parse_spelled
from extractor.numbers.lexicon import lexicon
from extractor.sections import Section, Sections, parse_label
from extractor.spans import SpanIndex, bracket_open_at
from extractor.rules import load_rules, shared_patterns

ITEM_LEAD = regex.compile(r"^\W*(?:(?:(?i:hằng|hàng)\s+năm|(?i:phấn\s+đấu))\W*)?")
# "đạt"/"là" end the metric only as the verb leading to the figure ("Tỷ lệ … đạt trên 90%"), not
# when a standard follows them ("Số thôn đạt chuẩn nông thôn mới: 04/09 thôn")
# (the digits of a period kept in a metric, a standard's: "chuẩn nghèo đa chiều giai đoạn 2026-2030", are no stop)
ITEM_METRIC_STOP = regex.compile(r"\s(?:đạt|là)\s(?=(?:[^\d\s:;.(]+\s+){0,3}\d)|:|\(|(?<!(?:giai\s+đoạn|thời\s+kỳ)\s+(?:\d{4}\s*[-–]\s*)?\d{0,3})\d|;|\.(?:\s|$)")

SHORT_HEADING = 150  # characters: a longer paragraph naming "chỉ tiêu chủ yếu" is prose, not a heading
COMPARATOR_OF_QUALIFIER = {None: "=", "approx": "~", "over": ">", "under": "<", "at_least": ">=", "at_most": "<="}


@lru_cache(maxsize=1)
def indicator_rules() -> dict:
    data = load_rules("extractor.indicators", "rules.json")
    compiled = {key: regex.compile(value) for key, value in data.items()
                if key not in ("note", "status_words", "results", "table_columns")}
    compiled["status_words"] = [(row["id"], regex.compile(row["pattern"]), row["status"]) for row in data["status_words"]]
    compiled["results"] = [(row["id"], regex.compile(row["pattern"]), row["status"]) for row in data["results"]]
    compiled["list_heading"] = regex.compile(f"{data['list_heading']}|{data['figure_list_heading']}")
    return compiled


@dataclass
class TargetItem:
    group: str
    number: int
    spans: list[tuple[int, int]]  # clean-text ranges of the item's text
    metric: str | None
    section: str | None
    targets: list[dict] = field(default_factory=list)
    year: int | None = None  # default deadline: the list heading's year, else the term's end
    table_row: bool = False  # a row of a table of targets: its figures are named by its label cell


@dataclass
class Result:
    start: int  # clean-text span of the clause
    end: int
    status: str | None
    value: float | None = None
    denominator: float | None = None
    unit: str | None = None
    rule: str = ""
    named_targets: list[dict] = field(default_factory=list)
    forecast: bool = False  # "12/30 chỉ tiêu có khả năng sẽ đạt": no status yet, a result all the same
    period: str | None = None  # "6 tháng đầu năm … đạt 29% kế hoạch": a share of the plan so far, no status yet
    against_plan: bool = False  # "đạt 92% (KH 95%)": the status comes from the two figures (records.py)


# ---- targets -------------------------------------------------------------------------------

def find_target_items(clean: CleanText, sections: list[Section], default_year: int | None) -> tuple[list[TargetItem], list[str]]:
    rules = indicator_rules()
    items: list[TargetItem] = []
    warnings: list[str] = []
    if not any(_is_list_heading(s.title) for s in sections):
        sections = _with_unnumbered_list_heading(clean, sections)
    for index, section in enumerate(sections):
        unnumbered = section.scheme == UNNUMBERED
        if not (unnumbered or _is_list_heading(section.title)):
            continue
        held = (lambda later: later.scheme != UNNUMBERED and (rules["group_title"].search(later.title) or _states_a_figure(clean, later))) \
            if unnumbered else None  # (the next lead-in is a list of its own)
        region_end = _region_end(sections, index, clean.body_end, held)
        if unnumbered:
            region_end = _next_lead_in(clean, section.clean_end, region_end)
        inside = _later_sections_before(sections, index, region_end)
        if any(_is_list_heading(s.title) for s in inside):
            continue  # "II- MỤC TIÊU VÀ CÁC CHỈ TIÊU CHỦ YẾU" holding "2- Các chỉ tiêu chủ yếu": use the inner list
        groups = [s for s in inside if rules["group_title"].search(s.title) or _names_a_group(clean, s)]
        list_year = (_heading_year(sections, section) or default_year or _period_end_in(clean.text, section.clean_start, region_end)
                     or _lead_plan_year(clean.text, sections, section))
        paragraphs = [p for p in _paragraphs_starting_in(clean, section.clean_end, region_end) if p.kind != "footnote"]
        found = _items_in(paragraphs, clean, section, groups, sections)
        if rules["figure_list_heading"].search(section.title) and not _mostly_figures(clean.text, found):
            continue  # "Mục tiêu cụ thể:" over aims in words: no list of targets
        for item in found:
            item.year = list_year
        items.extend(found)
        warnings.extend(_count_warnings(section, groups, found))
    if not items:
        items = _run_in_list(clean, sections, default_year)
    return items, warnings


def _mostly_figures(text: str, items: list[TargetItem]) -> bool:
    """At least half the items state a figure that measures (a year or a span of years names a
    date: "Đến năm 2045, kỷ niệm 100 năm thành lập nước: Trở thành nước phát triển")."""
    def measures(item: TargetItem) -> bool:
        return any(quantity.kind != "duration" for start, end in item.spans for quantity in find_quantities(text, start, end))
    return bool(items) and 2 * sum(map(measures, items)) >= len(items)


def _is_list_heading(title: str) -> bool:
    """A heading over the targets of the coming term ("Các chỉ tiêu chủ yếu", "MỤC TIÊU, CHỈ TIÊU
    NĂM 2025"), not over a review of past ones ("Kết quả thực hiện các chỉ tiêu chủ yếu")."""
    rules = indicator_rules()
    return rules["list_heading"].search(title) is not None and rules["review_section"].search(title) is None


RUN_IN_GROUP = regex.compile(r"(?<=\s)([IVX]{1,4})\.\s+(?=\p{Lu})")  # "I. Về kinh tế (11 chỉ tiêu)"
RUN_IN_MIN_ITEMS = 3
LIST_HEADING_REACH = 200  # characters from a paragraph's start where a run-in list's heading stands


def _run_in_list(clean: CleanText, sections: list[Section], default_year: int | None) -> list[TargetItem]:
    """A whole list run together in one paragraph ("CÁC CHỈ TIÊU CHỦ YẾU … I. Về kinh tế (11 chỉ
    tiêu) 1. Tốc độ … 2. Thu nhập …", the line breaks lost): after the heading, items numbered
    1, 2, 3, … in a row (other numbers are figures), grouped by the roman-numbered labels before
    them."""
    text = clean.text
    heading = indicator_rules()["list_heading"]
    for paragraph in clean.paragraphs:
        if paragraph.kind == "footnote":
            continue
        found = heading.search(text, paragraph.start, min(paragraph.end, paragraph.start + LIST_HEADING_REACH))
        markers = [] if found is None else _numbered_in_a_row(RUN_IN_LIST_NUMBER, text, found.end(), paragraph.end)  # the numbers the quantities leave out
        if len(markers) < RUN_IN_MIN_ITEMS:
            # "(1) …; (2) …": bracketed markers are a list's own, so its heading may stand after a lead-in
            # ("Tại hội nghị, … Nghị quyết nêu 12 chỉ tiêu chủ yếu đó là: (1) …")
            found = found or heading.search(text, paragraph.start, paragraph.end)
            if found is None:
                continue
            markers = _numbered_in_a_row(indicator_rules()["inline_item"], text, found.end(), paragraph.end)
            if markers and markers[0].start() - found.end() > RUN_IN_FIRST_ITEM_REACH:
                continue  # the heading is not this list's: "(1)" stands far after it
        if len(markers) < RUN_IN_MIN_ITEMS:
            continue
        starts = [m.start() for m in markers]
        # (start, label) of each group heading: its roman label, as a heading with a label on a line of
        # its own gives ("I. Về kinh tế (11 chỉ tiêu)" → "I")
        groups = [(group.start(), group.group(1)) for group in RUN_IN_GROUP.finditer(text, found.end(), paragraph.end)]
        year = _year_in(text[paragraph.start:markers[0].start()]) or default_year
        items = []
        for index, marker in enumerate(markers):
            end = starts[index + 1] if index + 1 < len(starts) else _run_in_last_item_end(text, marker.end(), paragraph.end)
            end = min([end] + [start for start, _ in groups if marker.start() < start < end])  # a group label ends an item
            before = [label for start, label in groups if start < marker.start()]
            items.append(TargetItem(before[-1] if before else "", int(marker.group(1)), [(marker.start(), end)],
                                    _item_metric(text, marker.start(), end), _innermost(sections, marker.start()), year=year))
        return items
    return []


RUN_IN_FIRST_ITEM_REACH = 120  # characters from a run-in list's heading to its "(1)"
RUN_IN_ITEM_REACH = 600  # characters the last item of a run-in list may run (a sentence or two)
SENTENCE_END = regex.compile(r"[.!?](?=\s+\p{Lu})")


def _run_in_last_item_end(text: str, start: int, paragraph_end: int) -> int:
    """The last item of a run-in list ends with its sentence, not with its paragraph (a report whose
    line breaks were lost is one paragraph)."""
    reach = min(paragraph_end, start + RUN_IN_ITEM_REACH)
    stop = SENTENCE_END.search(text, start, reach)
    return stop.end() if stop else reach


def _numbered_in_a_row(marker_pattern, text: str, start: int, end: int) -> list:
    """The item markers numbered 1, 2, 3, … in a row (other numbers are figures)."""
    markers, expected = [], 1
    for marker in marker_pattern.finditer(text, start, end):
        if int(marker.group(1)) == expected:
            markers.append(marker)
            expected += 1
    return markers


def _later_sections_before(sections: list[Section], index: int, end: int) -> list[Section]:
    """The sections after ``sections[index]`` starting before ``end``, in order (with starts in
    order they are a run found by binary search, not by a pass over every later section)."""
    starts = _sorted_starts(sections)
    if starts is None:
        return [s for s in sections[index + 1:] if s.clean_start < end]
    return sections[index + 1:max(index + 1, bisect_left(starts, end))]


def _paragraphs_starting_in(clean: CleanText, start: int, end: int) -> list[Paragraph]:
    """The paragraphs with ``start <= p.start < end``, in order."""
    starts = clean.paragraph_starts()  # paragraphs come in clean-text order by construction
    return clean.paragraphs[bisect_left(starts, start):bisect_left(starts, end)]


def _heading_year(sections: list[Section], section: Section) -> int | None:
    """The year the list heading states, else the nearest heading holding it that states one
    ("Điều 1. Thông qua kế hoạch … năm 2025" over "2. Các chỉ tiêu chủ yếu")."""
    by_id = {s.id: s for s in sections}
    while section is not None:
        year = _year_in(section.title)
        if year is not None:
            return year
        section = by_id.get(section.parent)
    return None


def _period_end_in(text: str, start: int, end: int) -> int | None:
    """The term a list states nowhere in its heading but inside ("bình quân 5 năm (2021-2025)",
    "giai đoạn 2021-2025"): where every period it names ends in one year, its items are for that
    year (the term's end year)."""
    ends = {int(match.group("end")) for match in indicator_rules()["list_period"].finditer(text, start, end)}
    return ends.pop() if len(ends) == 1 else None


LEAD_REACH = 600  # characters before a target list where the text leading into it names its plan


def _lead_plan_year(text: str, sections: list[Section], section: Section) -> int | None:
    """The year of the plan the text right before the list names ("… về kế hoạch phát triển kinh
    tế - xã hội năm 2023. Các chỉ tiêu chủ yếu:"), from the section before the list on (not a
    review before it): the last one."""
    previous = next((s for s in reversed(sections) if s.clean_start < section.clean_start), None)
    start = max(previous.clean_start if previous else 0, section.clean_start - LEAD_REACH)
    years = list(indicator_rules()["plan_year"].finditer(text, start, section.clean_start))
    return int(years[-1].group(1)) if years else None


def _year_in(title: str) -> int | None:
    years = list(indicator_rules()["year"].finditer(title))
    if years:
        return int(years[-1].group(1))
    period = indicator_rules()["period"].search(title)  # "nhiệm kỳ 2020-2025", "(giai đoạn 2021-2025)"
    return int(period.group(2)) if period else None


UNNUMBERED = "unnumbered"  # the scheme of a list heading written without a number


def _with_unnumbered_list_heading(clean: CleanText, sections: list[Section]) -> list[Section]:
    """A list heading written without a number ("Các chỉ tiêu chủ yếu (nhiệm kỳ 2020-2025)"), else
    a sentence leading into a run of items that names targets ("15 chỉ tiêu … được giao:", "MỘT SỐ
    CHỈ TIÊU"), acts as a section of its own, one level below whatever holds it."""
    found = next(((p.start, p.end) for p in clean.paragraphs if p.kind != "footnote"
                  and p.end - p.start <= SHORT_HEADING and _is_list_heading(clean.text[p.start:p.end])
                  and not (p.kind == TABLE_ROW and is_results_header(clean.raw, p))), None)  # ("Các chỉ tiêu chủ yếu | Kế hoạch | ƯTH")
    # every lead-in of a run of items after it: "11 chỉ tiêu kinh tế gồm:" … "8 chỉ tiêu xã hội gồm:" are lists each
    # (under a list heading, a lead-in that heads a section of its own, "1. Chỉ tiêu về kinh tế:", is a group of its list)
    leads = [lead for lead in _lead_ins_of_runs(clean, sections)
             if found is None or (lead[0] > found[1] and not any(s.clean_start <= lead[0] < s.clean_end for s in sections))]
    heads = ([found] if found else []) + leads
    holders = [[s for s in sections if s.clean_start <= start] for start, _ in heads]
    # lists under sections of their own take those sections' labels as groups ("1. Chỉ tiêu kinh tế"); lists
    # side by side under one (or none) are numbered in order ("11 chỉ tiêu kinh tế gồm:" 1, "8 chỉ tiêu xã hội gồm:" 2)
    own_sections = len({holder[-1].id if holder else None for holder in holders}) == len(heads) and all(holders)
    pseudo = []
    for number, ((start, end), holder) in enumerate(zip(heads, holders), start=1):
        content = clean.text[start:end]
        level = holder[-1].level + 1 if holder else 1
        raw_start, _ = clean.raw_span(start, start + 1)
        _, raw_end = clean.raw_span(end - 1, end)
        lead_number = number - (1 if found else 0)  # (a list heading over lead-ins is no group of its own)
        label = "" if len(heads) == 1 or lead_number < 1 else holder[-1].label if own_sections else str(lead_number)
        pseudo.append(Section("list" if number == 1 else f"list{number}", label,
                              " ".join(content.split()).rstrip(":."), level, holder[-1].id if holder else None,
                              raw_start, raw_end, start, end, UNNUMBERED))
    return sorted(sections + pseudo, key=lambda s: s.clean_start)


LEAD_IN_START = regex.compile(r"(?r)[.!?;]\s")  # searched backwards: the lead-in is the last sentence of its paragraph


def _lead_ins_of_runs(clean: CleanText, sections: list[Section]) -> list[tuple[int, int]]:
    """The (start, end) of each short sentence naming targets ("chỉ tiêu") right before a run of
    numbered, bulleted or ordinal-word items or table rows, outside a review of past targets, and
    not itself a result ("12/19 chỉ tiêu đạt …, cụ thể:")."""
    rules = indicator_rules()
    text = clean.text
    body = [p for p in clean.paragraphs if p.kind != "footnote"]
    found = []
    for index, paragraph in enumerate(body):
        if paragraph.kind == TABLE_ROW or not _opens_a_run_of_items(text, body[index + 1:]):
            continue
        content_end = len(text[paragraph.start:paragraph.end].rstrip(" :.")) + paragraph.start
        sentence = LEAD_IN_START.search(text, paragraph.start, content_end)
        start = sentence.end() if sentence else paragraph.start
        lead = text[start:paragraph.end]
        if len(lead) > SHORT_HEADING or not rules["list_lead_in"].search(lead) or rules["review_section"].search(lead) \
                or rules["executed_lead_in"].search(lead):
            continue  # ("UBND xã đã triển khai thực hiện các chỉ tiêu … như sau:": what was done)
        if any(pattern.search(lead) for _, pattern, _ in rules["results"]) or _under_a_review(sections, start):
            continue
        if _cites_statistics(text, start, body[index + 1:]):
            continue  # "5. Chỉ tiêu về chăm sóc sức khỏe" over "- Số bác sỹ …: 15" … "(Theo niên giám thống kê năm 2022)"
        found.append((start, paragraph.end))
    return found


STATISTICS_RUN_REACH = 40  # item paragraphs read for the source a list of statistics cites after its last item


def _cites_statistics(text: str, lead_start: int, following: list[Paragraph]) -> bool:
    """Does the lead-in, the run of items after it or the paragraph right after them cite a source of statistics?"""
    run = list(itertools.takewhile(lambda p: _is_item_paragraph(text, p), following[:STATISTICS_RUN_REACH]))
    after = following[len(run):len(run) + 1]
    end = (after or run)[-1].end if (after or run) else lead_start
    return indicator_rules()["statistics_source"].search(text, lead_start, end) is not None


def _opens_a_run_of_items(text: str, following: list[Paragraph]) -> bool:
    """The paragraphs start with RUN_IN_MIN_ITEMS items in a row (item labels, bullets, ordinal
    words, table rows), one at least stating a figure."""
    run = list(itertools.takewhile(lambda p: _is_item_paragraph(text, p), following[:RUN_IN_MIN_ITEMS]))
    if len(run) < RUN_IN_MIN_ITEMS:
        return False
    return any(any(c.isdigit() for c in ITEM_NUMBER.sub("", text[p.start:p.end], count=1)) for p in run)


ITEM_NUMBER = regex.compile(r"^\W*\d{1,3}(?:\W|$)")  # "1.", "(2)", "3 |": the item's own number, no figure


def _is_item_paragraph(text: str, paragraph: Paragraph) -> bool:
    if paragraph.kind == TABLE_ROW:
        return True
    content = text[paragraph.start:paragraph.end]
    return paragraph.kind in ("item", "heading", "weak_item") and bool(
        indicator_rules()["item_label"].match(content) or DASH_ITEM.match(content) or _ordinal_number(paragraph, content))


def _under_a_review(sections: list[Section], position: int) -> bool:
    """A part reviewing past targets ("I. Kết quả thực hiện …") holds ``position``."""
    rules = indicator_rules()
    by_id = {s.id: s for s in sections}
    section = _last_starting_by(sections, position)
    while section is not None:
        if rules["review_section"].search(section.title) and not rules["plan_section"].search(section.title):
            return True
        section = by_id.get(section.parent)
    return False


def _ordinal_number(paragraph: Paragraph, content: str) -> int | None:
    """The number an ordinal-word label states ("Thứ hai, …" → 2, "Một là, …" → 1), else None."""
    if paragraph.rule != ORDINAL_ITEM_RULE:
        return None
    words = content.split(None, 2)[:2]
    word = words[1] if words[0].lower() == "thứ" else words[0]
    word = word.strip(",:").lower()
    if word == FIRST_ORDINAL:
        return 1
    numeral = lexicon().by_form.get(word)
    return int(numeral.value) if numeral is not None and numeral.value is not None else None


ORDINAL_ITEM_RULE = "ordinal-word-item"  # the cleaner's line rule for "Thứ hai, …", "Một là, …"
FIRST_ORDINAL = "nhất"  # "thứ nhất": the one ordinal that is no numeral


def _states_a_figure(clean: CleanText, section: Section) -> bool:
    """A numbered line stating a figure ("1. Số hộ thoát nghèo: 33.500 hộ.") is an item of the
    list before it, even where the section finder took it for a heading."""
    from extractor.quantities.parser import find_quantities

    starts = clean.paragraph_starts()
    position = bisect_right(starts, section.clean_start) - 1
    end = clean.paragraphs[position].end if position >= 0 else section.clean_end
    label = parse_label(clean.text[section.clean_start:end])
    return bool(find_quantities(clean.text, section.clean_start + (label[2] if label else 0), end))


def _next_lead_in(clean: CleanText, start: int, end: int) -> int:
    """Where an unnumbered list ends at the latest: the next unnumbered line that leads into other
    content ("Định hướng phát triển đất nước giai đoạn 2021 - 2030:" after the targets), unless it
    names a group of the list ("Về kinh tế:", "Chỉ tiêu về xã hội:")."""
    rules = indicator_rules()
    for paragraph in _paragraphs_starting_in(clean, start, end):
        content = clean.text[paragraph.start:paragraph.end].strip()
        if paragraph.kind == "text" and content.endswith(":") and len(content) <= SHORT_HEADING \
                and not rules["group_title"].search(content) and not rules["dash_group"].match(content):
            return paragraph.start
    return end


def _names_a_group(clean: CleanText, section: Section) -> bool:
    """A heading inside a list that states no figure ("1. Kinh tế:") groups the items after it; one
    stating a figure ("1. Giá trị sản xuất … đạt 272 triệu đồng") is an item itself."""
    heading = clean.text[section.clean_start:section.clean_end]
    label = parse_label(heading)
    body = heading[label[2]:] if label else heading
    if FIGURE_AFTER_TITLE.match(clean.text, section.clean_end, min(len(clean.text), section.clean_end + 20)):
        return False  # "1. Số đảng viên kết nạp mới: 45 đảng viên.": the title stops at the colon, its figure follows
    return len(body) <= SHORT_HEADING and not any(character.isdigit() for character in body)


FIGURE_AFTER_TITLE = regex.compile(r"\s*:\s*\d")


def _region_end(sections: list[Section], index: int, body_end: int, held=None) -> int:
    """Where the list of ``sections[index]`` ends: at the next heading of its level or above. An
    unnumbered list heading holds the headings right after it at its own level for which ``held``
    is true: its groups ("CÁC CHỈ TIÊU CHỦ YẾU:" over "1. Chỉ tiêu về kinh tế:") and its items
    taken for headings ("1. Số hộ thoát nghèo: 33.500 hộ.")."""
    level = sections[index].level
    for later in sections[index + 1:]:
        if later.level <= level and not (held and later.level == level and held(later)):
            return later.clean_start
    return body_end


def _items_in(paragraphs, clean: CleanText, list_section, groups, sections) -> list[TargetItem]:
    rules = indicator_rules()
    text = clean.text
    items: list[TargetItem] = []
    dash_group: tuple[int, str] | None = None  # "- Về kinh tế:" lines group items without a number
    line_group: tuple[int, str] | None = None  # "(1) Về xây dựng Đảng: 6 chỉ tiêu" over a dash list
    dashes_are_items = True  # in a group whose items carry no number, each "- …" line is one
    item_mark: str | None = None  # the mark of a group's first dash item: a line with another mark is a sub-point of it
    in_results_table = False
    for position, paragraph in enumerate(paragraphs):
        group = _group_at(groups, paragraph.start) or list_section
        content = text[paragraph.start:paragraph.end]
        if rules["dash_group"].match(content):
            dash_group = (paragraph.start, " ".join(content.strip(" -–+*:").split()))
            continue
        following = paragraphs[position + 1] if position + 1 < len(paragraphs) else None
        numbered_group = _numbered_group_line(content, following, text)
        if numbered_group is not None:
            line_group, dashes_are_items = (paragraph.start, numbered_group), True
            continue
        group_label = group.label
        if dash_group and dash_group[0] > group.clean_start:
            group_label = dash_group[1]
        if line_group and line_group[0] > group.clean_start:
            group_label = line_group[1]
        in_results_table = in_results_table and paragraph.kind == TABLE_ROW
        if paragraph.kind == TABLE_ROW and (in_results_table or is_results_header(clean.raw, paragraph)):
            in_results_table = True  # "Chỉ tiêu | Kế hoạch | Thực hiện": its rows review past targets, they set none
            continue
        if paragraph.kind == TABLE_ROW:  # a table of targets: "1 | Tỷ lệ hộ nghèo | % | Dưới 2"
            number, row_group, label = row_heading(clean, paragraph)
            if row_group is not None:  # "II | Về văn hóa - xã hội": the rows after it are its items
                dash_group = (paragraph.start, row_group)
            elif number is not None:
                items.append(TargetItem(group_label, number, [(paragraph.start, paragraph.end)], label,
                                        _innermost(sections, paragraph.start), table_row=True))
            continue
        mark = DASH_ITEM.match(content)
        if mark and paragraph.kind in ("item", "weak_item"):
            mark = mark.group().strip()
            same_group = bool(items) and items[-1].group == group_label
            if same_group and item_mark is not None and mark != item_mark:
                items[-1].spans.append((paragraph.start, paragraph.end))  # "+ Lúa 507 ha" under "- … 772 ha, trong đó:"
                continue
            if not same_group:
                item_mark = mark
            if dashes_are_items:
                for start, end in _dash_pieces(text, paragraph.start, paragraph.end):
                    number = 1 + sum(1 for item in items if item.group == group_label)
                    for piece_start, piece_end in _numbered_pieces(text, start, end, number):
                        items.append(TargetItem(group_label, number, [(piece_start, piece_end)],
                                                _item_metric(text, piece_start, piece_end), _innermost(sections, piece_start)))
                        number += 1
            elif items:
                items[-1].spans.append((paragraph.start, paragraph.end))  # a dash line inside a numbered item
            continue
        ordinal = _ordinal_number(paragraph, content)
        if ordinal is not None:  # "Thứ hai, hằng năm giúp …": an item labelled by an ordinal word
            dashes_are_items = False
            items.append(TargetItem(group_label, ordinal, [(paragraph.start, paragraph.end)],
                                    _item_metric(text, paragraph.start, paragraph.end), _innermost(sections, paragraph.start)))
            continue
        inline = list(rules["inline_item"].finditer(content))
        label = rules["item_label"].match(content)
        run_in_label = None if label else _run_in_group_label(content, inline)
        if run_in_label:  # "Về kinh tế: (1) Tốc độ tăng trưởng … (2) Cơ cấu kinh tế …": a group and its items in one paragraph
            dashes_are_items = False
            pieces = [(paragraph.start + m.start(), int(m.group(1))) for m in inline]
            group_of_piece = run_in_label
            for position, (piece_start, piece_number) in enumerate(pieces):
                piece_end = pieces[position + 1][0] if position + 1 < len(pieces) else paragraph.end
                next_label = RUN_IN_NEXT_LABEL.search(text, piece_start, piece_end) if position + 1 < len(pieces) else None
                if next_label:  # "… 80 triệu đồng. Về xã hội: (3) …": the next group begins before the next item
                    piece_end = next_label.start(1)
                items.append(TargetItem(group_of_piece, piece_number, [(piece_start, piece_end)],
                                        _item_metric(text, piece_start, piece_end), _innermost(sections, piece_start)))
                if next_label:
                    group_of_piece = " ".join(next_label.group(1).split())
            continue
        if label and paragraph.kind in ("item", "heading") and not any(g.clean_start == paragraph.start for g in groups):
            dashes_are_items = False
            starts = [(paragraph.start + m.start(), int(m.group(1))) for m in inline if m.start() > 0]
            number = label_number(label)
            pieces = [(paragraph.start, number)] + starts
            for position, (piece_start, piece_number) in enumerate(pieces):
                piece_end = pieces[position + 1][0] if position + 1 < len(pieces) else paragraph.end
                items.append(TargetItem(group_label, piece_number, [(piece_start, piece_end)],
                                        _item_metric(text, piece_start, piece_end), _innermost(sections, piece_start)))
        elif items and paragraph.kind == "text" and _group_at(groups, paragraph.start) == _group_at(groups, items[-1].spans[0][0]):
            items[-1].spans.append((paragraph.start, paragraph.end))  # an unnumbered line continues the item
    return items


DASH_ITEM = regex.compile(r"^\s*[-–+•]\s+(?=\S)")  # "- Tỷ lệ …": the mark and its space
INLINE_DASH_ITEM = regex.compile(r"(?<=[.;)])\s+(?=[-–]\s+\p{Lu})")  # "… 127.000 tấn trở lên. - Lương thực …"


def _dash_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a dash line: one, or several where the line breaks between them were lost
    ("- Tổng sản lượng … trở lên. - Lương thực bình quân … - GDP bình quân …")."""
    pieces = []
    for match in INLINE_DASH_ITEM.finditer(text, start, end):
        pieces.append((start, match.start()))
        start = match.end()
    return pieces + [(start, end)]


def _numbered_pieces(text: str, start: int, end: int, number: int) -> list[tuple[int, int]]:
    """A bullet holding the next item's number inline ("… từ 21% trở lên.(9) Giá trị xuất khẩu …"
    as bullet 8): the source numbered its list and lost a line break, so the number starts an item."""
    pieces = []
    for match in indicator_rules()["inline_item"].finditer(text, start, end):
        if int(match.group(1)) == number + 1 and match.start() > start:
            pieces.append((start, match.start()))
            start, number = match.start(), number + 1
    return pieces + [(start, end)]


RUN_IN_LABEL_CHARS = 60  # "Về văn hóa - xã hội:" before the first run-in item
RUN_IN_NEXT_LABEL = regex.compile(r"(?<=[.;])\s+(\p{Lu}[^.;:()\d]{1,58}):\s*$")  # a group label ending an item's piece


def _run_in_group_label(content: str, inline: list) -> str | None:
    """The group label of a paragraph that opens with one and runs its numbered items in ("Về kinh
    tế: (1) … (2) …"): a short phrase ending in a colon, then at least two items numbered in a row."""
    if len(inline) < 2:
        return None
    numbers = [int(m.group(1)) for m in inline]
    if any(b != a + 1 for a, b in zip(numbers, numbers[1:])):
        return None
    prefix = " ".join(content[:inline[0].start()].split())
    if not prefix.endswith(":") or not 1 < len(prefix) <= RUN_IN_LABEL_CHARS:
        return None
    return prefix.rstrip(":").strip(" -–+*•") or None


def _numbered_group_line(content: str, following, text: str) -> str | None:
    """The label of a numbered line that groups the dash items after it ("(1) Về xây dựng Đảng:
    6 chỉ tiêu", "(2) Chỉ tiêu kinh tế"), or of a lettered one over numbered items ("a) Về kinh
    tế:" before "(1) …"), or None."""
    rules = indicator_rules()
    label = rules["item_label"].match(content)
    if label is None or len(content) > SHORT_HEADING or following is None:
        return None
    next_line = text[following.start:following.end]
    next_label = rules["item_label"].match(next_line)
    numbered_next = label.group(3) is not None and next_label is not None and next_label.group(3) is None
    if not (DASH_ITEM.match(next_line) or numbered_next):  # "a) Về kinh tế:" over "(1) …": a letter groups numbered items
        return None
    title = content[label.end():].strip()
    if not (rules["group_title"].search(title) or rules["declared_count"].search(title)):
        return None
    return label.group(1) or label.group(2) or label.group(3)


LETTER_ORDER = "abcdđeghiklmnopqrstuvxy"  # the letters Vietnamese lists run through ("a)", "b)", … "đ)")


def label_number(label) -> int:
    """The item number an ``item_label`` match states: "(3)" and "3." are 3, "c)" is 3."""
    if label.group(3):
        return LETTER_ORDER.index(label.group(3)) + 1
    return int(label.group(1) or label.group(2))


def _group_at(groups: list[Section], position: int) -> Section | None:
    """The last group (in list order) starting at or before ``position``."""
    return _last_starting_by(groups, position)


def _innermost(sections: list[Section], position: int) -> str | None:
    section = _last_starting_by(sections, position)
    return section.id if section is not None else None


def _last_starting_by(sections: list[Section], position: int) -> Section | None:
    """The last section in list order whose ``clean_start`` ≤ ``position``: a binary search when
    the starts are in order (sections come in text order), a scan otherwise."""
    starts = _sorted_starts(sections)
    if starts is None:
        current = None
        for section in sections:
            if section.clean_start <= position:
                current = section
        return current
    index = bisect_right(starts, position)
    return sections[index - 1] if index else None


def _sorted_starts(items: list, attribute: str = "clean_start") -> list[int] | None:
    """``attribute`` of each item if it never decreases, else None. A document's Sections are in
    text order by construction and keep their starts; any other list is measured here."""
    if isinstance(items, Sections) and attribute == "clean_start":
        return items.starts()
    starts = [getattr(item, attribute) for item in items]
    return None if any(a > b for a, b in zip(starts, starts[1:])) else starts


def _without_label(content: str) -> str:
    """An item's words without its label: "(3)", "3.", "- ", "Thứ ba, "."""
    label = indicator_rules()["item_label"].match(content)
    content = content[label.end():] if label else DASH_ITEM.sub("", content)
    ordinal = ordinal_label().match(content)  # "1. Thứ nhất, …" too
    return content[ordinal.end():] if ordinal else content


@lru_cache(maxsize=1)
def ordinal_label() -> "regex.Pattern[str]":
    """The cleaner's pattern of an ordinal-word label (one home: cleaning/line_rules.json)."""
    return next(rule.pattern for rule in line_rules() if rule.id == ORDINAL_ITEM_RULE)


def _item_metric(text: str, start: int, end: int) -> str | None:
    content = text[start:end]
    body = _without_label(content)
    body = _without_times(body)  # "… đến năm 2030 đạt 96%", "… giai đoạn 2026 - 2030 đạt …": the time is not the metric
    body = LEADING_ADVERBIAL.sub("", ITEM_LEAD.sub("", body.strip()))
    body = body[_running_total_end(body):].lstrip(" ,")  # "Lũy kế … có 72 xã …": a running total names nothing
    stop = ITEM_METRIC_STOP.search(body)
    if stop and stop.group()[:1].isdigit():
        # "Tỷ lệ trẻ em dưới 1 tuổi được tiêm đủ vắc xin: 92,55%": a label before its colon and figure keeps its digits
        label = LABEL_BEFORE_FIGURE.match(body)
        stop = ITEM_METRIC_STOP.search(body, label.end(1)) if label else stop
    metric = body[: stop.start()] if stop else body
    metric = " ".join(metric.split()).strip(" ,")
    return _without_trailing_comparator(metric) or None


LABEL_BEFORE_FIGURE = regex.compile(r"((?:[^:;.\n(]|\.(?=\d))+?)\s*(?:\([^()]{0,30}\)\s*)?:\s*(?:[^\d\s:;]+\s+){0,3}\d")


# a verb leading to the figure, or "từ" opening a range "từ 7,0 đến 7,5%"
TRAILING_VERB = regex.compile(r"(?i)\s+(?:đạt|là|có|bằng|chiếm|còn|xuống|(?<!trở\s)lên|giảm|tăng|từ)(?:\s+tỷ\s+lệ)?$")


def _without_trailing_comparator(metric: str) -> str:
    """"Tỷ lệ thất nghiệp hằng năm dưới" → "… hằng năm": the comparator before the figure (the
    quantity's qualifier rules, one home) and a verb leading to it are no part of the metric
    ("Có từ", "Tối thiểu" alone leave nothing)."""
    qualifiers = [pattern for _, pattern, _ in context_rules()["qualifiers"]]
    while True:
        shorter = TRAILING_VERB.sub("", " " + metric).strip()  # a lone "có" leaves nothing
        for pattern in qualifiers:
            found = pattern.search(shorter.lower())
            if found and (found.start() == 0 or shorter[found.start() - 1].isspace()):
                shorter = shorter[:found.start()].rstrip()
        if shorter == metric:
            return metric
        metric = shorter


def _count_warnings(list_section: Section, groups: list[Section], items: list[TargetItem]) -> list[str]:
    rules = indicator_rules()
    warnings = []
    for heading in [list_section] + groups:
        declared = rules["declared_count"].search(heading.title)
        if not declared:
            continue
        if heading is list_section:
            found = len(items)
        else:
            found = sum(1 for item in items if item.group == heading.label)
        count = int(declared.group(1) or declared.group(2))
        if count != found:
            warnings.append(f"section {heading.label} declares {count} chỉ tiêu but {found} items were found")
    return warnings


def attach_targets(items: list[TargetItem], quantities: list[tuple], text: str) -> None:
    """Each quantity inside an item becomes one of its targets, with its own metric: the noun
    phrase after the figure and the rest of its clause ("100% cơ sở Đoàn xây dựng …"), or the
    item's phrase before it when nothing follows ("Tỷ lệ hộ nghèo giảm còn dưới 2%")."""
    rules = indicator_rules()
    records_by_id = {record["id"]: record for _, record in quantities}
    by_start = sorted(range(len(quantities)), key=lambda index: quantities[index][0].start)
    starts = [quantities[index][0].start for index in by_start]
    for item in items:
        inside = list(_quantities_in(item.spans, quantities, by_start, starts))
        figure_starts = [quantity.start for quantity, _ in inside]
        claimed = -1  # the end of the last year a figure before took as its own ("10.500 tấn đến năm 2025 và …")
        for position, (quantity, record) in enumerate(inside):
            span_start, span_end = next((start, end) for start, end in item.spans if start <= quantity.start < end)
            next_start = inside[position + 1][0].start if position + 1 < len(inside) else span_end
            year, claimed = _target_year(text, span_start, quantity, min(next_start, span_end), claimed, item.year)
            comparator = "range" if quantity.low is not None else COMPARATOR_OF_QUALIFIER.get(quantity.qualifier, "=")
            if item.table_row or RESPECTIVE_NAME in quantity.notes:
                metric = record.get("metric") or item.metric  # the row's label cell, or "A, B lần lượt X và Y"
            else:
                # (a later figure's own reading before the item's, "…, trong đó vốn ngân sách … 30 nghìn tỷ đồng, chiếm
                # 20%", unless it is a piece of the item's, "Số hộ sản xuất, kinh doanh, dịch vụ …: 845 hộ, tăng 80 hộ",
                # or runs over another figure)
                own = record.get("metric") or ""
                own = own if position and not any(c.isdigit() for c in own) and not (item.metric and own.lower() in item.metric.lower()) else None
                metric = _figure_metric(text, span_start, span_end, quantity, figure_starts) or own or item.metric or record.get("metric")
            if record.get("metric") and any(other.end <= quantity.start and text[other.start:other.end] in metric
                                            and bracket_open_at(text, other.end, quantity.start) for other, _ in inside):
                metric = record["metric"]  # "… giảm 3% trở lên (còn 7%)": the words hold the figure before; the figure's own reading
            item.targets.append({
                "value": quantity.value, "low": quantity.low, "high": quantity.high, "unit": quantity.unit,
                "comparator": comparator, "change": quantity.change, "basis": quantity.basis, "basis_year": quantity.basis_year,
                "year": year, "quantity": record["id"], "metric": metric,
            })
            if metric:
                records_by_id[record["id"]]["metric"] = metric
        if not item.targets and not _cut_off(text, item):
            item.targets.append(_target_in_words(text, item))
        if not item.metric and item.targets:
            named = [target["metric"] for target in item.targets if target["metric"]]
            item.metric = "; ".join(dict.fromkeys(named)) or None
    _years_from_the_list(items)


def _target_year(text: str, span_start: int, quantity, next_start: int, claimed: int, default: int | None) -> tuple[int | None, int]:
    """The year one figure of an item is for, and how far the years taken so far reach: a year
    written right after it in its clause, before a coordination ("11.000 tấn đến năm 2030"), else the end of a period or
    the last year before it not taken by a figure before ("giai đoạn 2026 - 2030 là 11-12%",
    "Đến năm 2025, A đạt 60% và B 70%"), else the item's."""
    rules = indicator_rules()
    stop = CLAUSE_END.search(text, quantity.end, next_start)
    limit = stop.start() if stop else next_start
    coordination = COORDINATION.search(text, quantity.end, limit)  # "dưới 6% và đến năm 2030 …": the next figure's year
    after = rules["year"].search(text, quantity.end, coordination.start() if coordination else limit)
    if after:
        return int(after.group(1)), after.end()
    start = max(span_start, claimed)
    marks = [(found.start(), int(found.group(1))) for found in rules["year"].finditer(text, start, quantity.start)]
    marks += [(found.start(), int(found.group(2))) for found in rules["period"].finditer(text, start, quantity.start)]
    return (max(marks)[1] if marks else default), claimed


NON_SPACE = regex.compile(r"\S")
FINISHED = regex.compile(r"[.!?;:…)\]\"”'»]\s*$")


def _cut_off(text: str, item: TargetItem) -> bool:
    """An item the end of an excerpt cuts off ("Tỷ lệ trường đạt chuẩn quốc gia … đạt"): the text
    ends with it, unfinished; it states no target."""
    end = item.spans[-1][1]
    return NON_SPACE.search(text, end) is None and not FINISHED.search(text[item.spans[-1][0]:end])


def _years_from_the_list(items: list[TargetItem]) -> None:
    """A list whose heading and document give no year: where its items state one year and only
    one ("đến năm 2020" in some items), the others are for it too."""
    undated = [item for item in items if item.year is None]
    stated = {target["year"] for item in undated for target in item.targets if target["year"] is not None}
    if len(stated) != 1:
        return
    year = stated.pop()
    for item in undated:
        for target in item.targets:
            if target["year"] is None:
                target["year"] = year


# a dash before a capital ends a clause, except inside a label before its figure ("Dịch vụ - Thương mại: 225,3 tỷ")
CLAUSE_END = regex.compile(r";|\.(?=\s|$)|:(?=\s)|,\s*(?i:trong\s+đó)|\s[-–]\s(?=\p{Lu})(?![^;:,.()\d]{0,40}:\s*(?:\d|\Z))")  # \Z: the figure may start where a search stops
LEADING_ADVERBIAL = regex.compile(r"^(?:(?:(?i:hằng|hàng)\s+năm|(?i:phấn\s+đấu)|(?i:trong\s+đó)(?![\p{L}\p{M}])|(?i:đến|tới|trong|sau)(?=\s*[,:]|\s*$)"
                               r"|(?i:trong|sau)\s+\d+\s+(?i:năm|tháng)(?=\s*,))[\s,:]*)+")  # "Trong 5 năm, tạo việc làm …"
NOT_A_NOUN_PHRASE = regex.compile(r"^(?:[^\p{L}]|(?i:so\s+với|với|trong\s+đó|và|hoặc|hằng\s+năm|hàng\s+năm|mỗi\s+năm|trên\s+tổng)(?![\p{L}\p{M}]))")
LEADING_QUALIFIER = regex.compile(r"^\s*(?:(?i:trở\s+lên|trở\s+xuống)(?![\p{L}\p{M}]))?\s*")
EVERY_YEAR = regex.compile(r"(?i)\b(?:hằng|hàng)\s+năm\b")
PREDICATE_START_TAGS = frozenset({"V", "R"})
DIGIT_RUN = regex.compile(r"\d[\d.,]*")


def _figure_metric(text: str, span_start: int, span_end: int, quantity, figure_starts: list[int]) -> str | None:
    """What one figure of an item measures. The phrase after it (its counted noun included) up to
    the end of its clause or the next figure; figures listed before a shared predicate ("100% cán
    bộ, 80% thanh niên được học tập …") share it. Nothing after it: the clause before it."""
    clause_start = span_start
    for match in CLAUSE_END.finditer(text, span_start, quantity.start):
        clause_start = match.end()
    clause_end_match = CLAUSE_END.search(text, quantity.end, span_end)
    clause_end = clause_end_match.start() if clause_end_match else span_end
    later = [start for start in figure_starts if quantity.end <= start < clause_end]
    unit_start = quantity.end
    if quantity.unit and quantity.unit != "%" and quantity.kind == "count":
        unit_start = _counted_noun_start(text, quantity)
    after_end = later[0] if later else clause_end
    rest = LEADING_QUALIFIER.sub("", text[quantity.end:after_end])  # what follows the figure and its unit
    if later and names_only_a_time(rest):
        rest = ""  # "10.500 tấn đến năm 2025 và 11.000 tấn …": only a time before the next figure names nothing
    if quantity.unit and quantity.unit != "%" and rest.lower().startswith(quantity.unit):
        rest = LEADING_QUALIFIER.sub("", rest[len(quantity.unit):])
    after = " ".join((text[unit_start:quantity.end] + " " + rest).split()).strip(" ,")
    if later and text[quantity.end:later[0]].rstrip().endswith(","):
        shared = _shared_predicate(text, later[-1], clause_end)
        if shared:
            after = f"{after} {shared}"
    earlier = [start for start in figure_starts if clause_start <= start < quantity.start]
    if earlier:  # "… đạt 100%, phấn đấu trường đạt mức độ 2 đạt …": after the figure before it
        joint = FIGURE_JOINT.search(text, earlier[-1], quantity.start)
        clause_start = joint.end() if joint else clause_start
    before = _phrase_before(text, clause_start, quantity.start)
    if names_only_a_time(before):
        before = ""  # "giai đoạn 2026 - 2030 là 11-12%": a period alone names nothing (the item's metric does)
    if not before and not earlier and clause_start > span_start and text[clause_start - 1] == ":":
        label_start = span_start  # "Chất lượng sinh hoạt chi bộ: có trên 90% …": the label names it
        for match in CLAUSE_END.finditer(text, span_start, clause_start):  # to the colon: the dash test looks ahead to it
            if match.start() < clause_start - 1:
                label_start = match.end()
        figures = [start for start in figure_starts if label_start <= start < clause_start - 1]
        joint = FIGURE_JOINT.search(text, figures[-1], clause_start - 1) if figures else None
        if joint:  # "Giá trị TMDV: 349,2 tỷ đồng, Giá trị sản xuất CN-XD: 271 tỷ đồng": after the figure before
            label_start = joint.end()
        before = _phrase_before(text, label_start, clause_start - 1)
    rest_text = rest.strip()
    counted = quantity.unit not in (None, "%") and unit_start < quantity.end
    if rest_text and (not NOT_A_NOUN_PHRASE.match(rest_text) or (counted and rest_text[0] == "(" and ")" in rest_text)):
        metric = after  # "100% cơ sở Đoàn xây dựng …", "50.000 lượt đoàn viên, thanh niên …"
        if len(before.split()) >= 2:  # the clause names more: "Tỷ lệ giải ngân … đạt 100% KH vốn được giao"
            metric = f"{before} ({after})" if _starts_with_noun(before) else f"{after} ({before})"
    elif rest_text and counted and rest_text[0] == "," and not (before and _starts_with_noun(before)):
        metric = f"{after} ({before})" if before else after  # "Vận động thành lập tối thiểu 10 tổ chức Đoàn, Hội, Đội …"
    elif rest_text.startswith("(") and ")" in rest_text and before and not any(c.isdigit() for c in rest_text.split(")")[0]):
        metric = f"{before} {rest_text.split(')')[0]})"  # "Tỷ lệ giải ngân … (KH vốn được giao)"
    else:
        metric = before
    if not metric or names_only_a_time(metric):
        return None  # ("… và 11.000 tấn đến năm 2030": the item's metric names it)
    if EVERY_YEAR.search(text, span_start, clause_end) and not EVERY_YEAR.search(metric):
        metric += " (hằng năm)"
    return metric


def _phrase_before(text: str, start: int, end: int) -> str:
    """The words from ``start`` to a figure, without an item label, years, comparators and
    leading adverbials ("Hằng năm,", "Phấn đấu")."""
    before = text[start:end]
    before = _without_label(before)
    before = _without_trailing_comparator(" ".join(_without_times(before).split()).strip(" ,:=")).rstrip(" ,:=")
    return without_leading_verbs(metric_rules()["leading"].sub("", LEADING_ADVERBIAL.sub("", before)).strip())


def _without_times(phrase: str) -> str:
    """Years, periods and dates out ("đến năm 2030", "giai đoạn 2026 - 2030", "đến cuối nhiệm kỳ": the
    quantity metric's time expressions and periods, one home), and the year pattern's other forms."""
    return indicator_rules()["year"].sub(" ", metric_rules()["period"].sub(" ", without_times(phrase)))


def _running_total_end(phrase: str) -> int:
    found = metric_rules()["running_total"].match(phrase)
    return found.end() if found else 0


def _starts_with_noun(phrase: str) -> bool:
    from extractor.tagging import pos_tags

    tags = pos_tags(phrase[:60])
    return bool(tags) and tags[0][1] in ("N", "Np", "Nc", "Ny")


def _counted_noun_start(text: str, quantity) -> int:
    """Where the counted noun of "50.000 lượt" starts: after the digits inside the quantity span."""
    digits = list(DIGIT_RUN.finditer(text, quantity.start, quantity.end))
    return digits[-1].end() if digits else quantity.end


def _shared_predicate(text: str, last_figure: int, clause_end: int) -> str | None:
    """The predicate after the last of several listed figures ("… 80% thanh niên được học tập, …")."""
    from extractor.tagging import pos_tags

    tail = text[last_figure:clause_end]
    position = 0
    for word, tag in pos_tags(tail[:200]):
        found = tail.find(word, position)
        if found < 0:
            break
        position = found + len(word)
        if tag in PREDICATE_START_TAGS and word[:1].isalpha():
            return " ".join(tail[found:].split()).strip(" ,.") or None
    return None


def _target_in_words(text: str, item: TargetItem) -> dict:
    """An item stated without a figure is still a target: "không còn hộ nghèo" is 0 hộ; otherwise
    no value, with the comparator the words give ("xếp loại … trở lên" is ">=", else "=")."""
    rules = indicator_rules()
    content = " ".join(text[start:end] for start, end in item.spans)
    target = {"value": None, "low": None, "high": None, "unit": None, "comparator": "=", "change": None, "basis": None,
              "basis_year": None, "year": item.year, "quantity": None, "metric": item.metric}
    none_left = rules["none_left"].search(content)
    if none_left:
        noun = first_noun(none_left.group("noun"))
        target.update(value=0, unit=noun[0] if noun else None)
    elif rules["at_least_words"].search(content):
        target["comparator"] = ">="
    return target


def _quantities_in(spans, quantities, by_start, starts):
    """The quantities starting inside any of ``spans``, in their list order (binary search
    instead of testing every quantity of the document against every item)."""
    chosen = set()
    for start, end in spans:
        chosen.update(by_start[bisect_left(starts, start):bisect_left(starts, end)])
    return [quantities[index] for index in sorted(chosen)]


# ---- results -------------------------------------------------------------------------------

def find_results(clean: CleanText, items: list[TargetItem] = (), sections: list[Section] = ()) -> list[Result]:
    """Result clauses of every paragraph; a clause inside a target item, after words that look
    forward ("phấn đấu", "tiếp tục", "để"), or in a part of the plan ("IV. Nhiệm vụ trọng tâm",
    "2.4. Các giải pháp chủ yếu") states a plan, not a result."""
    rules = indicator_rules()
    text = clean.text
    item_spans = SpanIndex(span for item in items for span in item.spans)
    plan_parts = SpanIndex(_plan_parts(sections, clean.body_end))
    reported_period = _title_period(clean)  # "Báo cáo tình hình … 6 tháng đầu năm 2024": the whole report's
    results: list[Result] = []
    for paragraph in clean.paragraphs:
        if paragraph.kind != "footnote" and plan_parts.overlaps(paragraph.start, paragraph.start + 1):
            continue
        taken = SpanIndex()  # the clauses read so far
        found: list[Result] = []
        for window_start, window_end in _anchor_windows(text, paragraph.start, paragraph.end, rules["result_anchor"]):
            for rule_id, pattern, status_rule in rules["results"]:
                for match in pattern.finditer(text, window_start, window_end):
                    if taken.overlaps(match.start(), match.end()):
                        continue
                    if item_spans.overlaps(match.start(), match.end()) or _looks_forward(text, paragraph.start, match.start()) \
                            or _compares_plans(text, paragraph.start, match):
                        continue
                    result = _result_of(match, rule_id, status_rule)
                    if result is None:
                        continue
                    if status_rule == "by_value" and result.status == "not_met":
                        result.period = _partial_period(text, paragraph, match) or reported_period
                        if result.period:
                            result.status = None
                    taken.add(match.start(), match.end())
                    found.append(result)
        found.extend(_plan_list_items(text, paragraph, found, taken, reported_period))
        found.sort(key=lambda r: r.start)
        found = _with_restated_statuses(text, found)
        _add_declared_totals(text, paragraph, found)
        for index, result in enumerate(found):
            # a breakdown ("Trong đó 3/3 chỉ tiêu về kinh tế") takes the status of what it breaks down
            if result.status is None and index and not (result.forecast or result.against_plan or result.period):
                previous = found[index - 1]
                in_breakdown = previous.rule == result.rule and previous.status is not None  # the list goes on
                if in_breakdown or BREAKDOWN_MARKER.search(text, previous.end, result.start):
                    result.status = previous.status
        results.extend(r for r in found if r.status is not None or r.forecast or r.against_plan or r.period)
    results.sort(key=lambda r: r.start)
    _link_named_targets(results, clean)
    return results


RESTATING_GAP = regex.compile(r"\s*,\s*(?:(?:đạt|hoàn\s+thành)\s+và\s+|và\s+)?", regex.IGNORECASE)
COUNT_UNITS = ("chỉ tiêu", "nhóm chỉ tiêu")


def _with_restated_statuses(text: str, found: list[Result]) -> list[Result]:
    """"đạt 9/18 chỉ tiêu, đạt và vượt so với chỉ tiêu nghị quyết", "12/15 chỉ tiêu đạt, vượt kế
    hoạch": a status clause with no figure of its own right after a count of targets says how those
    targets were met; one result, the count's, with the stronger status."""
    kept: list[Result] = []
    for result in found:
        previous = kept[-1] if kept else None
        if (previous is not None and previous.unit in COUNT_UNITS and result.value is None and result.status is not None
                and previous.status in ("met", "exceeded") and RESTATING_GAP.fullmatch(text, previous.end, result.start)):
            previous.end = result.end
            previous.status = "exceeded" if "exceeded" in (previous.status, result.status) else result.status
            continue
        kept.append(result)
    return kept


PLAN_LIST_RULE = "percent-of-plan"


def _plan_list_items(text: str, paragraph, found: list[Result], taken: SpanIndex, reported_period: str | None) -> list[Result]:
    """"Thu ngân sách đạt 92% dự toán, như: thuế công thương nghiệp đạt 104,3%; thu tiền sử dụng
    đất đạt 61%.": the plan the opening share names is the plan of every share of the list after it
    (status by the share; a part of the year keeps it progress)."""
    rules = indicator_rules()
    items = []
    for result in [r for r in found if r.rule == PLAN_LIST_RULE]:
        opener = rules["plan_list_opener"].match(text, result.end, paragraph.end)
        if opener is None:
            continue
        end = rules["plan_list_end"].search(text, opener.end(), paragraph.end)
        for match in rules["plan_list_item"].finditer(text, opener.end(), end.start() if end else paragraph.end):
            if taken.overlaps(match.start(), match.end()):
                continue
            item = _result_of(match, "plan-list-item", "by_value")
            if item is not None and item.status == "not_met":
                item.period = _partial_period(text, paragraph, match) or reported_period
                item.status = None if item.period else item.status
            if item is not None:
                taken.add(match.start(), match.end())
                items.append(item)
    return items


RESULT_REACH = 240  # characters: a result clause lies within this distance of its anchor word (the longest seen: 37)


def _anchor_windows(text: str, start: int, end: int, anchor: "regex.Pattern[str]") -> list[tuple[int, int]]:
    """The stretches of a paragraph within RESULT_REACH of a target word ("chỉ tiêu", "kế hoạch",
    …), merged: result clauses hold one, so the rules are run there only (a paragraph scanned
    whole by every rule cost a third of the indicator stage)."""
    windows: list[list[int]] = []
    for match in anchor.finditer(text, start, end):
        window_start, window_end = max(start, match.start() - RESULT_REACH), min(end, match.end() + RESULT_REACH)
        if windows and window_start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], window_end)
        else:
            windows.append([window_start, window_end])
    return [(a, b) for a, b in windows]


def _add_declared_totals(text: str, paragraph, found: list[Result]) -> None:
    """"Trong số 27 chỉ tiêu … đề ra, có 14 chỉ tiêu hoàn thành vượt mức, 13 chỉ tiêu hoàn thành":
    a count of targets without its own total takes the total the paragraph declared before it."""
    totals = []
    for match in indicator_rules()["declared_total"].finditer(text, paragraph.start, paragraph.end):
        if not any(r.start < match.end() and match.start() < r.end for r in found):
            totals.append((match.end(), int(match.group("total") or match.group("total2"))))
    for result in found:
        if result.unit != "chỉ tiêu" or result.denominator is not None or result.value is None:
            continue
        declared = [total for end, total in totals if end <= result.start]
        if declared and declared[-1] >= result.value:
            result.denominator = declared[-1]


SENTENCE_BREAK = regex.compile(r"[.;](?=\s|$)")
LAST_SENTENCE_BREAK = regex.compile(r"(?r)[.;](?=\s|$)")  # searched backwards from the clause: the nearest one


def _figures_within(quantities: list, start: int, end: int) -> list:
    """The quantities (sorted by start) lying within [start, end)."""
    first = bisect_left(quantities, start, key=lambda q: q.start)
    last = bisect_left(quantities, end, key=lambda q: q.start)
    return [q for q in quantities[first:last] if q.end <= end]
TARGET_WORD_BEFORE = regex.compile(r"(?i)(?:mục\s+tiêu|kế\s+hoạch|nghị\s+quyết|chỉ\s+tiêu|KH|NQ)\s*(?:là|đề\s+ra)?\s*:?\s*$")


@dataclass
class EvaluatedFigures:
    actual: object | None  # the Quantity the clause evaluates ("đạt 7,4%/năm, không đạt mục tiêu")
    target: object | None  # the target figure named after the status ("(mục tiêu 8%)")
    metric: str | None  # the numbered item's phrase, when the result closes a numbered item


def evaluated_figures(text: str, paragraph, result: Result, quantities: list) -> EvaluatedFigures:
    """A result without its own figure ("…, đạt mục tiêu") evaluates the figure stated just before
    it in the same sentence (no duration: "Qua 5 năm, …"), unless it is about a set of targets
    ("các chỉ tiêu đều đạt"); a figure right after a target word ("mục tiêu 8%") is the target; in
    a numbered evaluation ("(1) Tốc độ tăng trưởng …: đạt 7,4%/năm, không đạt mục tiêu") the
    item's phrase is the metric."""
    start_match = LAST_SENTENCE_BREAK.search(text, paragraph.start, result.start)
    start = start_match.end() if start_match else paragraph.start
    end_match = SENTENCE_BREAK.search(text, result.end, paragraph.end)
    end = end_match.start() if end_match else paragraph.end
    about_a_set = indicator_rules()["target_set"].search(text, result.start, result.end) is not None
    before = [] if about_a_set else [q for q in _figures_within(quantities, start, result.start) if q.kind != "duration"]
    after = _figures_within(quantities, result.end, end)
    target = next((q for q in after if TARGET_WORD_BEFORE.search(text, result.end, q.start)), None)
    metric = None
    if indicator_rules()["item_label"].match(text[paragraph.start:paragraph.end]):
        metric = _item_metric(text, paragraph.start, paragraph.end)
    clause = OWN_CLAUSE_START.search(text, start, result.start)
    subject = " ".join(text[clause.end():result.start].split()) if clause else ""
    if before and clause is not None and before[-1].end <= clause.start() and len(subject.split()) >= OWN_SUBJECT_WORDS:
        # "… 517,92 tỷ đồng (tăng 1,5 lần …), tỷ trọng các ngành kinh tế đạt và vượt chỉ tiêu …": the clause has
        # its own subject; the figure before is another's
        return EvaluatedFigures(None, target, metric or subject)
    if not before and metric is None and not about_a_set:
        metric = _measure_subject(text, start, clause, result)
    return EvaluatedFigures(before[-1] if before else None, target, metric)


OWN_CLAUSE_START = regex.compile(r"(?r)[,;]\s*")  # the result's own clause, after the figure before's
OWN_SUBJECT_WORDS = 2
# targets named in a list the clause is an item of: "các chỉ tiêu về A, B …", "một số chỉ tiêu quan trọng như A, B …"
TARGETS_LISTED = regex.compile(r"(?i)(?<![\p{L}\p{M}])(?:chỉ|mục)\s+tiêu(?![\p{L}\p{M}])[^,;:.]{0,40}?(?<![\p{L}\p{M}])(?:như|gồm|về|là)(?![\p{L}\p{M}])\s*:?[^;:.]*$")
NAMES_TARGETS = regex.compile(r"(?i)(?<![\p{L}\p{M}])(?:chỉ|mục)\s+tiêu(?![\p{L}\p{M}])")
ONE_TARGET_LEAD = regex.compile(r"(?i)^chỉ\s+tiêu(?:\s+(?:về|là))?\s+")  # "Chỉ tiêu xây dựng làng nông thôn mới": the target it names
SUBJECT_TAIL = regex.compile(r"(?i)(?:\s+(?:đều|đã|cũng|luôn|vẫn|bước\s+đầu|hoàn\s+thành|đạt|và))+$")  # "… đã", "… hoàn thành và" (vượt)
LABEL_END = regex.compile(r"(?r):\s*")
SUBJECT_REACH = 300  # characters read back from a status clause for its subject and the list it may close
SUBJECT_LEAD = regex.compile(r"(?i)^(?:đó|đây)\s+là\s+")  # "Đó là tăng trưởng kinh tế không đạt chỉ tiêu": a shortcoming introduced
ALL_OF_THEM = regex.compile(r"(?i)(?<![\p{L}\p{M}])đều(?![\p{L}\p{M}])")  # "A, B đều đạt": a plural subject


def _measure_subject(text: str, sentence_start: int, clause, result: Result) -> str | None:
    """The measure a status clause without a figure has for its subject ("Trong nhiệm kỳ, tỷ lệ kết nạp đảng viên
    mới đạt và vượt chỉ tiêu", "thu ngân sách hằng năm vượt chỉ tiêu đề ra"; "Chỉ tiêu xây dựng làng nông thôn mới
    chưa đạt kế hoạch": the target it names). None for a place or a body that acts ("Đảng bộ", "UBND huyện",
    "xã A"), a count or a set of targets ("16/19 chỉ tiêu"), a name of no measure, or one item of a list whose
    extent a comma leaves open: targets listed ("một số chỉ tiêu như A, B không đạt"), measures listed ("Tổng gia
    súc, gia cầm cũng tăng so với kế hoạch"), a plural subject ("…, công nghiệp, dịch vụ đều đạt")."""
    start = clause.end() if clause else sentence_start
    if result.start - start > SUBJECT_REACH:
        return None  # a run-on stretch, no subject
    label = LABEL_END.search(text, start, result.start)  # "Hạn chế: tăng trưởng kinh tế không đạt chỉ tiêu"
    subject_start = label.end() if label else start
    raw_subject = text[subject_start:result.start].split()
    if not raw_subject:
        return None
    joined = " ".join(raw_subject)
    if NAMES_TARGETS.search(joined) and not ONE_TARGET_LEAD.match(joined):
        return None  # targets counted or named as a set ("16/19 chỉ tiêu", "Kết quả thực hiện chỉ tiêu"): no measure
    if clause is not None and clause.group().startswith(","):
        reach = max(sentence_start, clause.start() - SUBJECT_REACH)
        if TARGETS_LISTED.search(text, reach, clause.start()) or ALL_OF_THEM.search(text, start, result.end):
            return None
        piece = OWN_CLAUSE_START.search(text, reach, clause.start())
        if _names_a_measure(text[piece.end() if piece else reach:clause.start()]):
            return None
    phrase = _phrase_before(text, subject_start, result.start)
    phrase = SUBJECT_TAIL.sub("", SUBJECT_LEAD.sub("", phrase)).strip(" ,")
    named_target = ONE_TARGET_LEAD.match(phrase)
    if named_target:
        phrase = phrase[named_target.end():]
    if not phrase or any(c.isdigit() for c in phrase) or NAMES_TARGETS.search(phrase) \
            or len(phrase.split()) > metric_rules()["max_words"] or _names_who_or_where(phrase):
        return None
    return phrase if named_target or _names_a_measure(phrase) else None


def _names_who_or_where(phrase: str) -> bool:
    """A body, a unit or a name opens the phrase ("Đảng bộ", "UBND huyện", "xã Tân Phú", "Mường Tè")."""
    from extractor.places.mentions import place_rules
    from extractor.tagging import pos_tags

    rules = metric_rules()
    if rules["organisation_subject"].match(phrase) or rules["locality"].match(phrase) or place_rules()["type_reference"].match(phrase):
        return True
    tags = pos_tags(phrase[:60])
    return not tags or tags[0][1] == "Np"


def _names_a_measure(phrase: str) -> bool:
    """A measure's head, a rate's or an index's opens the phrase, or a flow's verb before what flows ("chi ngân
    sách xã"), or the catalogue knows it ("thu ngân sách")."""
    from extractor.catalogue.classify import classify

    phrase = phrase.strip()
    if not phrase or any(c.isdigit() for c in phrase):
        return False
    rules = metric_rules()
    lowered = phrase.lower()
    return bool(rules["measure_head"].match(phrase) or rules["rate_word"].match(phrase) or rules["index_head"].match(phrase)) \
        or any(lowered.startswith(verb + " ") for verb in rules["verbal_measures"]) or classify(phrase) is not None


PLAN_PART_LEVEL = 2


def _plan_parts(sections: list[Section], body_end: int) -> list[tuple[int, int]]:
    """Clean-text ranges of the top parts (level 1 or 2) that set out the plan: a title naming the
    plan and no review ("II. MỤC TIÊU, NHIỆM VỤ", not "I. Kết quả thực hiện nhiệm vụ năm 2025";
    deeper titles name programmes too: "thực hiện các chương trình mục tiêu quốc gia")."""
    rules = indicator_rules()
    parts: list[tuple[int, int]] = []
    for index, section in enumerate(sections):
        if section.level > PLAN_PART_LEVEL:
            continue
        if rules["plan_section"].search(section.title) and not rules["review_section"].search(section.title):
            end = _region_end(sections, index, body_end)
            if not parts or section.clean_start >= parts[-1][1]:
                parts.append((section.clean_start, end))
    return parts


CLAUSE_START = regex.compile(r"(?r)[.;:!?]\s")
FORWARD_REACH = 1500  # characters read back from a result clause for the words of a plan
BREAKDOWN_MARKER = regex.compile("(?i)" + BREAKDOWN_WORDS)


def _compares_plans(text: str, paragraph_start: int, match) -> bool:
    """"Dự toán chi ngân sách 500 tỷ đồng, tăng 21,8% so với dự toán năm 2022": a plan set against
    a plan of a named year, no result."""
    rules = indicator_rules()
    return (rules["earlier_plan_after"].match(text, match.end(), min(len(text), match.end() + 40)) is not None
            and rules["plan_subject"].match(text, _sentence_start(text, paragraph_start, match.start()), match.start()) is not None)


def _looks_forward(text: str, paragraph_start: int, position: int) -> bool:
    """Forward words in the clause before ``position``, or "phấn đấu" opening a clause that heads the clauses of its
    sentence ("phấn đấu tổng sản lượng đạt …; tỷ lệ hộ nghèo giảm còn 7%; hoàn thành 19/19 …"), or a
    sentence opened by "Tiếp tục"."""
    rules = indicator_rules()
    reach = max(paragraph_start, position - FORWARD_REACH)  # a paragraph of one endless sentence stays linear
    clause = CLAUSE_START.search(text, reach, position)
    forward = _forward_words(text, clause.end() if clause else reach, position)
    if forward:
        # "… nỗ lực phấn đấu thực hiện đạt được … 11/15 chỉ tiêu đạt và vượt": a striving told as done reports, and
        # so does one told in the past ("đã phấn đấu hoàn thành 10/12 chỉ tiêu", "nỗ lực phấn đấu hoàn thành …")
        return goal_rules()["done"].search(text, forward.start(), position) is None \
            and PAST_STRIVING.search(text, max(reach, forward.start() - PAST_STRIVING_REACH), forward.start()) is None
    sentence_start = _sentence_start(text, paragraph_start, position)
    if rules["sentence_plan_opener"].match(text, sentence_start, position):  # "Tiếp tục giữ vững …; hoàn thành …"
        return True
    for forward in rules["forward_list_words"].finditer(text, sentence_start, position):
        if _in_a_closed_bracket(text, sentence_start, forward.start(), position):
            continue  # "xã A đạt 10/12 chỉ tiêu (2 chỉ tiêu còn lại phấn đấu đạt cuối năm), xã B đạt 12/12 chỉ tiêu": an aside
        return goal_rules()["done"].search(text, forward.start(), position) is None
    return False


FORECAST_LOOK_AHEAD = 40  # characters after the clause read to tell "dự kiến" an estimate of a count of targets


@lru_cache(maxsize=1)
def _forecast_verb() -> "regex.Pattern[str]":
    return regex.compile(shared_patterns()["forecast_verb"])


def _forward_words(text: str, start: int, position: int):
    """forward_words ending at ``position``; a "dự kiến" they open is read with the words after ``position``
    too, which the search up to it cannot see ("Dự kiến có 05/06 chỉ tiêu đạt …": an estimate of this year's
    count, the result clause opens at the count)."""
    pattern = indicator_rules()["forward_words"]
    forward = pattern.search(text, start, position)
    while forward is not None and _forecast_verb().match(text, forward.start(), position) \
            and not _forecast_verb().match(text, forward.start(), min(len(text), position + FORECAST_LOOK_AHEAD)):
        forward = pattern.search(text, forward.start() + 1, position)
    return forward


def _in_a_closed_bracket(text: str, start: int, position: int, end: int) -> bool:
    """Is ``position`` inside a bracket opened after ``start`` and closed before ``end``?"""
    opening = text.rfind("(", start, position)
    return opening >= 0 and text.find(")", opening, position) < 0 and 0 <= text.find(")", position, end)


PAST_STRIVING = regex.compile(r"(?i)(?<![\p{L}\p{M}])(?:đã|nỗ\s+lực)\s+$")
PAST_STRIVING_REACH = 12
PERIOD_REACH = 1500  # characters of a paragraph before a result read for the part of the year it reports on
PERIOD_AFTER_REACH = 400  # and after it


def _partial_period(text: str, paragraph: Paragraph, match) -> str | None:
    """The part of the year the paragraph before a result reports on ("6 tháng đầu năm", "quý
    III"), if it names one: "Thu ngân sách 6 tháng đầu năm đạt 12 tỷ đồng. Trong đó, thuế đạt 79,7%
    dự toán năm" is progress too; so is a result whose paragraph names the part shortly after it ("đạt
    48% kế hoạch trong 6 tháng đầu năm 2024", "… đạt 55% kế hoạch giao. … là kết quả đạt được trong 6
    tháng đầu năm")."""
    period = indicator_rules()["partial_period"]
    found = period.search(text, max(paragraph.start, match.start() - PERIOD_REACH), match.start()) \
        or period.search(text, match.end(), min(paragraph.end, match.end() + PERIOD_AFTER_REACH))
    return " ".join(found.group().split()) if found else None


TITLE_PARAGRAPHS = 3  # paragraphs opening a text where its title stands
TITLE_CHARS = 250  # a longer paragraph is body text
LEDE_OPENING_CHARS = 60  # the opening clause of a lede sentence too long to read whole
LEDE_OPENING_END = regex.compile(r"[,:;]")


# a web page's chrome before its title: a menu of short items ("Tiếng Việt | English"), a date and time
PAGE_CHROME = regex.compile(r"\s*(?:[^|\n]{1,30}(?:\|[^|\n]{1,30})+|[\d/.:\s-]{6,30})\s*")
PAGE_CHROME_PARAGRAPHS = 3  # such lines read past before the title's paragraphs


def _title_period(clean: CleanText) -> str | None:
    """The part of the year the whole text reports on, as its title names it ("Tình hình kinh tế -
    xã hội 6 tháng đầu năm 2024"); not one its plan is for ("…, phương hướng nhiệm vụ 6 tháng cuối
    năm")."""
    rules = indicator_rules()
    opening = [paragraph for paragraph in clean.paragraphs[:TITLE_PARAGRAPHS + PAGE_CHROME_PARAGRAPHS]
               if not PAGE_CHROME.fullmatch(clean.text, paragraph.start, paragraph.end)][:TITLE_PARAGRAPHS]
    for paragraph in opening:
        end = paragraph.end
        if end - paragraph.start > TITLE_CHARS:
            # a headline glued to its lede: the opening sentence, when it is short
            sentence = SENTENCE_STOP.search(clean.text, paragraph.start, paragraph.start + TITLE_CHARS)
            if sentence is None:
                # a long lede sentence: its opening clause only ("Từ đầu năm đến nay, T.X … đã chi trả …")
                sentence = LEDE_OPENING_END.search(clean.text, paragraph.start, paragraph.start + LEDE_OPENING_CHARS)
                if sentence is None:
                    continue
            end = sentence.start()
        found = rules["partial_period"].search(clean.text, paragraph.start, end)
        if found and not rules["title_plan_words"].search(clean.text, paragraph.start, found.start()):
            return " ".join(found.group().split())
    return None


def _sentence_start(text: str, paragraph_start: int, position: int) -> int:
    """Where the sentence holding ``position`` starts, read back FORWARD_REACH characters at most."""
    reach = max(paragraph_start, position - FORWARD_REACH)
    sentence = SENTENCE_START.search(text, reach, position)
    return sentence.end() if sentence else reach


RANGE_HIGH = regex.compile(r"%?[-–][\d.,]+")
FIXED_STATUSES = frozenset({"met", "exceeded", "mostly_met", "not_met"})  # a rule that always means one status


def _result_of(match, rule_id: str, status_rule: str) -> Result | None:
    if status_rule == "against_plan":  # both figures are quantities: records.py compares them
        return Result(match.start(), match.end(), None, rule=rule_id, against_plan=True)
    groups = match.groupdict()
    figure = OF_WORD.sub("/", groups.get("figure") or "")  # "21 trong số 26": a fraction in words
    figure = RANGE_HIGH.sub("", figure.replace(" ", ""))  # "tăng từ 10-11%": at least the low end
    value = denominator = unit = None
    if groups.get("unit"):  # "vượt 1,5 ha so với KH": an amount in the figure's own unit
        value, unit = float(figure.replace(".", "").replace(",", ".") if "," in figure else figure), groups["unit"]
    elif "/" in figure:
        numerator, denominator_text = figure.split("/")
        value, denominator, unit = float(numerator), float(denominator_text), "chỉ tiêu"
    elif figure.endswith("%"):
        value, unit = float(figure[:-1].replace(".", "").replace(",", ".") if "," in figure else figure[:-1]), "%"
    elif figure.isalpha():  # "Hai chỉ tiêu chưa đạt"
        spelled = parse_spelled([figure])
        value, unit = (float(spelled[0]) if spelled else None), "chỉ tiêu"
    elif figure:
        value, unit = float(figure), "chỉ tiêu"
    if groups.get("fraction"):
        numerator, denominator_text = groups["fraction"].replace(" ", "").split("/")
        value, denominator, unit = float(numerator), float(denominator_text), "chỉ tiêu"
    if unit == "chỉ tiêu" and groups.get("group_word"):
        unit = "nhóm chỉ tiêu"  # "cơ bản hoàn thành 12 nhóm chỉ tiêu": groups of targets are counted
    status = status_rule if status_rule in FIXED_STATUSES else status_from_words(groups.get("status"))
    if status_rule in ("inherit", "forecast"):
        return Result(match.start(), match.end(), None, _clean_number(value), _clean_number(denominator), unit, rule_id,
                      forecast=status_rule == "forecast")
    if status_rule == "by_value" or status is None:
        if unit == "%" and value is not None:
            status = status_by_share(value)
    if status is None:
        return None
    if status == "met" and denominator and value is not None and value > denominator:
        status = "exceeded"  # "229/90 chỉ tiêu đạt 254%": more than the quota is over it
    return Result(match.start(), match.end(), status, _clean_number(value), _clean_number(denominator), unit, rule_id)


def _clean_number(value):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def status_by_share(percent: float) -> str:
    """The status a share of the target states: over 100% exceeded, 100% met, below not met."""
    return "exceeded" if percent > 100 else ("met" if percent == 100 else "not_met")


def status_against_plan(actual: float, plan: float, lower_is_better: bool) -> str:
    """"đạt 92% (KH 95%)": the figure against the plan beside it, in the indicator's direction."""
    if actual == plan:
        return "met"
    return "exceeded" if (actual < plan) == lower_is_better else "not_met"


def status_from_words(words: str | None) -> str | None:
    if not words:
        return None
    for _, pattern, status in indicator_rules()["status_words"]:
        if pattern.fullmatch(words.strip()) or pattern.match(words.strip()):
            return status
    return None


def _link_named_targets(results: list[Result], clean: CleanText) -> None:
    """A footnote cited by a result clause that names targets ("Chỉ tiêu số 01 tổng thu nhập …")
    links those targets to the result."""
    text = clean.text
    named = indicator_rules()["named_target"]
    for note in clean.footnotes:
        body = text[note.clean_start:note.clean_end]
        targets = [{"number": int(m.group(1)), "name": " ".join(m.group(2).split()).strip(" ,")} for m in named.finditer(body)]
        if not targets:
            continue
        marker_position = clean.clean_position(note.ref_start)
        for result in results:
            if result.start <= marker_position <= result.end + 2 and result.start < clean.body_end:
                result.named_targets = targets
            elif note.clean_start <= result.start < note.clean_end:
                result.named_targets = targets
