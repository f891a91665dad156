"""Goals in running text: the figures a text sets as targets rather than reports as results.

News and resolutions state targets in prose as often as in numbered lists ("Nhiệm kỳ 2025-2030,
Đảng bộ xã đề ra 12 chỉ tiêu: tốc độ tăng thu ngân sách bình quân đạt 10%; tỷ lệ dân số tham gia bảo
hiểm y tế đạt 99,2%; …"). A figure is a goal when a lead (``goal_rules.json``) stands before it in
its sentence and no result marker ("đã", "đến nay", "ước đạt") stands between them; its year is the
one its clause names ("đến năm 2030"), else the term the sentence names, else the document's term.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from extractor.quantities.parser import Quantity
from extractor.rules import load_rules

AIM_COUNT_NOUN_REACH = 20  # characters after a figure read for the noun of aims it counts ("10 nhóm chỉ tiêu")
GOAL_REACH = 600  # characters read back from a figure for its lead (a run of target clauses fits; a line of megabytes stays cheap)
SENTENCE_BOUND = regex.compile(r"(?r)[.!?](?=\s+(?!\p{Ll}))|\n")  # ("… 11%/năm. tỷ lệ hộ nghèo …": a lower-case word goes on the sentence)
COORDINATION = regex.compile(r",|(?<![\p{L}\p{M}])(?:và|hoặc)(?![\p{L}\p{M}])")
SENTENCE_END = regex.compile(r"[.!?](?=\s|$)|\n")
CLAUSE_BOUND = regex.compile(r"(?r)[;:]")
ITEM_BOUND = regex.compile(r"(?r)[,;:]")  # the start of an item of a list of aims
CLAUSE_END = regex.compile(r"[;:]|[.!?](?=\s|$)|\n")
FIRST_CLAUSE_END = regex.compile(r"[;:]")


@lru_cache(maxsize=1)
def goal_rules() -> dict:
    data = load_rules("extractor.quantities", "goal_rules.json")

    def alternation(rules):
        return regex.compile("|".join(f"(?:{rule['pattern']})" for rule in rules))

    return {
        "lead": alternation(data["leads"]),
        "clause_lead": alternation([rule for rule in data["leads"] if rule.get("clause")]),
        "announcing_lead": alternation([rule for rule in data["leads"] if rule.get("announces")]),
        "aim_counts": frozenset(data["aim_counts"]),
        "result": alternation(data["result_markers"]),
        "done": alternation([rule for rule in data["result_markers"] if not rule.get("estimate")]),
        "estimate": alternation([rule for rule in data["result_markers"] if rule.get("estimate")]),
        "year": regex.compile(data["year"]),
        "term_end": regex.compile(data["term_end"]),
        "term": regex.compile(data["term"]),
        "horizon": regex.compile(data["horizon"]),
        "adding_opener": regex.compile(data["adding_opener"]),
        "aims_list_opener": regex.compile(data["aims_list_opener"]),
    }


def mark_goals(found: list[tuple[Quantity, object]], clean, term_end: int | None) -> None:
    """Set ``goal`` and ``goal_year`` of each figure of running text (``found``: quantity,
    paragraph pairs; ``term_end``: the last year of the document's term, if it names one)."""
    under_list_lead = _paragraphs_under_list_leads(clean)
    last_goal = None  # (paragraph start, end, goal year) of the last goal: a sentence adding to it may follow
    announced = None  # (paragraph start, end, goal year) of a count of aims announced: a sentence listing them may follow
    for quantity, paragraph in found:
        if last_goal is not None and last_goal[0] != paragraph.start:
            last_goal = None
        if announced is not None and announced[0] != paragraph.start:
            announced = None
        _mark_goal(quantity, paragraph, clean.text, term_end, under_list_lead, last_goal)
        if not quantity.goal and announced is not None:
            _mark_listed_aim(quantity, paragraph, clean.text, announced)
        if quantity.goal and _lead_opens_a_list(clean.text, paragraph, quantity):
            # "Phấn đấu đến năm 2025 huyện … đạt các chỉ tiêu chủ yếu: …, … . Thu nội địa tăng 8%/năm. …": the
            # list the lead's colon opens goes on in the sentences after it, to the paragraph's end
            under_list_lead[paragraph.start] = quantity.goal_year  # (the dict is this document's own)
        if quantity.goal:
            last_goal = (paragraph.start, quantity.end, quantity.goal_year)
        elif quantity.unit in goal_rules()["aim_counts"] and quantity.kind == "count":  # (not "16/30 chỉ tiêu": a count of results)
            year = _aims_announced(quantity, paragraph, clean.text, term_end)
            if year is not None:  # "… phấn đấu hoàn thành 28 chỉ tiêu năm 2026. Trong đó, …": the aims follow
                announced = (paragraph.start, quantity.end, year)


def _lead_opens_a_list(text: str, paragraph, quantity: Quantity) -> bool:
    """Does a goal lead in the figure's sentence end in a colon before the figure?"""
    sentence_start = _sentence_start(text, paragraph, quantity)
    lead = _last(goal_rules()["lead"], text, sentence_start, quantity.start)
    return lead is not None and text.find(":", lead.end(), quantity.start) >= 0


LISTED_AIM = "an aim a count of aims announced"  # a note: no result clause may claim it (records.py)


def _sentence_start(text: str, paragraph, quantity: Quantity) -> int:
    """Start of the figure's sentence, read back at most GOAL_REACH characters."""
    reach = max(paragraph.start, quantity.start - GOAL_REACH)
    bound = SENTENCE_BOUND.search(text, reach, quantity.start)
    return bound.end() if bound else reach


def _mark_listed_aim(quantity: Quantity, paragraph, text: str, announced) -> None:
    """"… thống nhất các chỉ tiêu chủ yếu năm 2026, phấn đấu hoàn thành 28 chỉ tiêu. Trong đó, thu nhập
    … đạt 31 triệu đồng; …; hoàn thành 100% chỉ tiêu tuyển quân": the sentence right after a count of
    aims announced, opened by "Trong đó,"/"Cụ thể:", lists them."""
    if quantity.kind == "duration" or quantity.unit in goal_rules()["aim_counts"]:
        return
    sentence_start = _sentence_start(text, paragraph, quantity)
    if not goal_rules()["aims_list_opener"].match(text, sentence_start, quantity.start) \
            or len(SENTENCE_BOUND.findall(text, announced[1], sentence_start)) > 1:
        return
    quantity.goal = True
    quantity.goal_year = _goal_year(text, sentence_start, quantity, paragraph.end, None) or announced[2] or None
    quantity.notes.append(LISTED_AIM)


def _mark_goal(quantity: Quantity, paragraph, text: str, term_end: int | None, under_list_lead: dict, last_goal) -> None:
    rules = goal_rules()
    if paragraph.kind == "footnote" or quantity.kind == "duration" or quantity.unit in rules["aim_counts"] \
            or _aim_count().match(text, quantity.start, min(len(text), quantity.end + AIM_COUNT_NOUN_REACH)):
        return  # (a duration, or a count of aims, "05 chỉ tiêu về kinh tế", "10 nhóm chỉ tiêu", sets no target)
    sentence_start = _sentence_start(text, paragraph, quantity)
    lead = _last(rules["lead"], text, sentence_start, quantity.start)

    def reported() -> bool:  # (asked only where no lead decides: most figures have none)
        return rules["result"].search(text, sentence_start, quantity.start) is not None

    if lead is None and paragraph.start in under_list_lead:
        if not reported():  # "Về kinh tế: … đạt khoảng 6,5 - 7%/năm"
            quantity.goal = True
            quantity.goal_year = _goal_year(text, sentence_start, quantity, paragraph.end, None) or under_list_lead[paragraph.start]
        return
    if lead is None and term_end is not None and _horizon_year(text, sentence_start, quantity, paragraph.end) == term_end \
            and not reported():
        # "GRDP bình quân đầu người đến năm 2030 là 169,46 triệu đồng" in a 2025-2030 text: the end of
        # its term is ahead of it, so a figure for then is set, not reported
        quantity.goal, quantity.goal_year = True, term_end
        return
    if lead is None and term_end is not None and _opens_on_the_term(text, sentence_start, quantity.start, term_end) and not reported():
        # "Nhiệm kỳ 2025 - 2030, Đoàn xã tập trung …; hằng năm, tư vấn cho trên 1.000 đoàn viên" in a 2025-2030
        # text: a sentence set in the document's own term to come tells its aims
        quantity.goal, quantity.goal_year = True, term_end
        return
    if lead is None and last_goal is not None and rules["adding_opener"].match(text, sentence_start, quantity.start) \
            and len(SENTENCE_BOUND.findall(text, last_goal[1], sentence_start)) <= 1 and not reported():
        # "Huyện phấn đấu năm 2025 tỷ lệ hộ nghèo dưới 2%. Bên cạnh đó, tỷ lệ tham gia BHYT đạt 95%": the
        # next sentence adds to the aims of the one before
        quantity.goal = True
        quantity.goal_year = _goal_year(text, sentence_start, quantity, paragraph.end, None) or last_goal[2] or None
        return
    if lead is not None and _clause_ended(text, lead, quantity.start):
        # "Đại hội xác định 15 chỉ tiêu, trong đó có mục tiêu …đạt 12%/năm; thu nhập … đạt 80 triệu đồng": the
        # aim named in passing ends with its clause; a lead before it may still hold for the whole sentence
        lead = _last_holding_lead(text, sentence_start, lead.start(), quantity.start)
        if lead is None:
            return  # "với mục tiêu gần dân, sát dân; có 90% …"
    if lead is None or _reported_after_lead(text, lead, sentence_start, quantity.start):
        return
    quantity.goal = True
    quantity.goal_year = _goal_year(text, sentence_start, quantity, paragraph.end, term_end)
    announcing = _last(rules["announcing_lead"], text, sentence_start, quantity.start)
    if announcing is not None and not _reported_after_lead(text, announcing, sentence_start, quantity.start):
        quantity.notes.append(LISTED_AIM)  # "… xác định 12 chỉ tiêu …; thu ngân sách đạt và vượt ít nhất 10% so với chỉ tiêu"


def _clause_ended(text: str, lead, position: int) -> bool:
    """Is the lead one that holds for its own clause only, and has that clause ended before ``position``
    (a colon after it opens a list, which goes on)?"""
    return goal_rules()["clause_lead"].fullmatch(lead.group()) is not None and text.find(":", lead.end(), position) < 0 \
        and CLAUSE_BOUND.search(text, lead.end(), position) is not None


def _last_holding_lead(text: str, sentence_start: int, end: int, position: int):
    """The last lead of the sentence before ``end`` that still holds at ``position``."""
    holding = None
    for lead in goal_rules()["lead"].finditer(text, sentence_start, end):
        if not _clause_ended(text, lead, position):
            holding = lead
    return holding


def _aims_announced(quantity: Quantity, paragraph, text: str, term_end: int | None) -> int | None:
    """The year of the aims a count of aims announces ("phấn đấu hoàn thành 28 chỉ tiêu năm 2026"),
    0 when it names none; None when its sentence sets none (no lead, or a result: "đạt 12/15 chỉ tiêu")."""
    sentence_start = _sentence_start(text, paragraph, quantity)
    sentence_end = SENTENCE_END.search(text, quantity.end, paragraph.end)
    end = sentence_end.start() if sentence_end else paragraph.end
    lead = _last(goal_rules()["lead"], text, sentence_start, end)
    if lead is None or _reported_after_lead(text, lead, sentence_start, quantity.start) \
            or len(_aim_count().findall(text, sentence_start, end)) != 1:
        return None  # ("… đề ra 22 chỉ tiêu, trong đó đạt và vượt 19 chỉ tiêu", "… 16/30 chỉ tiêu đạt …": results, no aims)
    return _goal_year(text, sentence_start, quantity, paragraph.end, term_end) or 0


@lru_cache(maxsize=1)
def aim_nouns() -> str:
    """The nouns of aims (``aim_counts``) as one alternation, longest first."""
    return "|".join(r"\s+".join(map(regex.escape, noun.split())) for noun in sorted(goal_rules()["aim_counts"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _aim_count() -> "regex.Pattern[str]":
    """A number and a count of aims (``aim_counts``): an announcement counts its aims once."""
    return regex.compile(rf"\d+\s+(?i:{aim_nouns()})(?![\p{{L}}\p{{M}}])")
TERM_OPENING = regex.compile(r"\s*(?:(?i:trong)\s+)?")


def _opens_on_the_term(text: str, sentence_start: int, position: int, term_end: int) -> bool:
    """Does the sentence open on the document's own term ("Nhiệm kỳ 2025 - 2030, …") followed by a comma?"""
    opening = TERM_OPENING.match(text, sentence_start, position)
    term = goal_rules()["term"].match(text, opening.end(), position)
    return term is not None and int(term.group(2)) == term_end and text[term.end():term.end() + 2].lstrip().startswith(",")


def _reported_after_lead(text: str, lead, sentence_start: int, position: int) -> bool:
    """Does a result marker stand between the lead and the figure? An estimate ("ước đạt") does
    not after a lead of a sentence that names a year when its own clause names none ("Hội nghị thống
    nhất mục tiêu năm 2026 …, tổng vốn đầu tư ước đạt 168 nghìn tỷ đồng": the aim's own estimate)."""
    rules = goal_rules()
    if rules["done"].search(text, lead.end(), position):
        return True
    estimate = rules["estimate"].search(text, lead.end(), position)
    if estimate is None:
        return False
    clause = ITEM_BOUND.search(text, lead.end(), estimate.start())  # (searched backwards: the last one)
    clause_start = clause.end() if clause else lead.end()
    dated_aim = rules["year"].search(text, sentence_start, clause_start) is not None
    # a year the estimate's item reaches for is the aim's, no report's date ("…: Số khách du lịch đến năm 2025 ước
    # đạt 150 nghìn lượt, thu ngân sách đến năm 2025 đạt 90 tỷ đồng")
    horizons = [found.span(1) for found in rules["horizon"].finditer(text, clause_start, position)]
    own_date = any(found.span(1) not in horizons for found in rules["year"].finditer(text, clause_start, position))
    return not dated_aim or own_date


LIST_LEAD_REACH = 6  # paragraphs after a lead ending in a colon that its list may fill


def _paragraphs_under_list_leads(clean) -> dict[int, int | None]:
    """Start of each paragraph that follows a goal lead ending in a colon ("Định hướng các chỉ tiêu
    chủ yếu … 5 năm 2021 - 2025:"), up to the next heading or colon-ended paragraph, with the year
    the lead names (the end of its period)."""
    rules = goal_rules()
    text = clean.text
    under: dict[int, int | None] = {}
    year, left = None, 0
    for paragraph in clean.paragraphs:
        if paragraph.kind == "footnote":
            continue
        body = text[paragraph.start:paragraph.end].rstrip()
        if body.endswith(":") or paragraph.kind == "heading":
            left = 0
            if body.endswith(":") and _sets_aims(text, paragraph.start, paragraph.end):
                term = rules["term"].search(text, paragraph.start, paragraph.end)
                year, left = (int(term.group(2)) if term else None), LIST_LEAD_REACH
            continue
        if left:
            under[paragraph.start] = year
            left -= 1
    return under


def _sets_aims(text: str, start: int, end: int) -> bool:
    """Does the sentence a colon ends set aims: a lead in it, no result marker before that lead
    ("Định hướng các chỉ tiêu chủ yếu … 2021 - 2025:"; not "… quyết tâm hoàn thành các chỉ tiêu. UBND
    thông tin một số kết quả chủ yếu …, cụ thể như sau:", whose lead is a sentence before)?"""
    rules = goal_rules()
    bound = SENTENCE_BOUND.search(text, start, end)  # (searched backwards: the last sentence's start)
    sentence_start = bound.end() if bound and bound.end() < end else start
    lead = rules["lead"].search(text, sentence_start, end)
    return lead is not None and rules["done"].search(text, sentence_start, lead.start()) is None


def _last(pattern: "regex.Pattern[str]", text: str, start: int, end: int):
    last = None
    for last in pattern.finditer(text, start, end):
        pass
    return last




def _horizon_year(text: str, sentence_start: int, quantity: Quantity, paragraph_end: int) -> int | None:
    """The year of the figure's clause when it is written as a horizon ("đến năm 2030"), else None."""
    reach = min(paragraph_end, quantity.end + GOAL_REACH)
    sentence_end = SENTENCE_END.search(text, quantity.end, reach)  # (not the next sentence's "Xã phấn đấu đến năm 2030 …")
    window = (max(sentence_start, quantity.start - GOAL_REACH), sentence_end.start() if sentence_end else reach)
    horizons = {int(found.group(1)) for found in goal_rules()["horizon"].finditer(text, *window)}
    if not horizons:
        return None  # (most figures: the clause's year is not read)
    year = _goal_year(text, sentence_start, quantity, paragraph_end, None)
    return year if year in horizons else None


LIST_ITEM_START = regex.compile(r"\s*")


def _list_opening_year(text: str, opening, position: int):
    """"… các mục tiêu cụ thể: đến năm 2030 tỷ lệ hộ nghèo dưới 0,5%; 100% tuyến phố …": a list after the
    opening clause's colon whose first item opens on a year is for that year, all its items."""
    if opening is None or text[opening.start()] != ":":
        return None
    item_start = LIST_ITEM_START.match(text, opening.end(), position).end()
    return goal_rules()["year"].match(text, item_start, position)


def _goal_year(text: str, sentence_start: int, quantity: Quantity, paragraph_end: int, term_end: int | None) -> int | None:
    """The year named in the figure's clause, else in its sentence's opening clause; else the end
    of the term its sentence names or means ("đến cuối nhiệm kỳ"); else none."""
    rules = goal_rules()
    paragraph_end = min(paragraph_end, quantity.end + GOAL_REACH)
    bound = CLAUSE_BOUND.search(text, sentence_start, quantity.start)
    clause_start = bound.end() if bound else sentence_start
    stop = CLAUSE_END.search(text, quantity.end, paragraph_end)
    clause_end = stop.start() if stop else paragraph_end
    opening = FIRST_CLAUSE_END.search(text, sentence_start, quantity.start)  # "Đến năm 2025, …; …": it governs the sentence
    # a year right after the figure, before a coordination ("65% vào năm 2027"; not "… dưới 2% và đạt
    # chuẩn nông thôn mới nâng cao vào năm 2022"), else the last one before it in its clause
    coordination = COORDINATION.search(text, quantity.end, clause_end)
    year = rules["year"].search(text, quantity.end, coordination.start() if coordination else clause_end) \
        or _last(rules["year"], text, clause_start, quantity.start) \
        or _last(rules["year"], text, sentence_start, opening.start() if opening else quantity.start) \
        or _list_opening_year(text, opening, quantity.start)
    if year is not None:
        return int(year.group(1))
    sentence_stop = SENTENCE_END.search(text, quantity.end, paragraph_end)
    term = rules["term"].search(text, sentence_start, sentence_stop.start() if sentence_stop else paragraph_end)
    if term is not None:
        return int(term.group(2))
    if term_end is not None and rules["term_end"].search(text, sentence_start, clause_end):
        return term_end
    return None
