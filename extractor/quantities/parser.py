"""Figures in clean text → quantities, as a readable pipeline:
numbers → exclusions → structure (single, range, fraction) → magnitude and unit → qualifier.

Works on one paragraph at a time so context never leaks across paragraphs. Offsets are into the
clean text; the record builder maps them to raw offsets.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache

import regex
from extractor.syllables import is_compound_word
from extractor.tagging import pos_tags, word_tokens

from extractor.numbers import apply_magnitude, find_spelled_numbers, read_digits
from extractor.numbers.lexicon import lexicon
from extractor.rules import load_rules, shared_patterns
from extractor.spans import SpanIndex

WORD_RUN = regex.compile(r"\S+")
LABEL_END = regex.compile(r"(?:\blà|:)\s*$")
LAST_WORD = regex.compile(r"(?r)([\p{L}\p{M}]+)\s*$")
QUOTE_OR_STOP = regex.compile(r"[“.;]")

NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")
YEAR = regex.compile(r"(?:19|20)\d\d")
RANGE_JOIN = regex.compile(r"\s*[-–—]\s*|\s+(?:(?:đến|tới)(?:\s+dưới)?|-)\s+")  # "từ 15% đến dưới 25%": the bound kept as high
SLASH = regex.compile(r"\s?/\s?")  # joins a fraction "12/19" and a compound unit "tấn/ha"
OF_WORD = regex.compile(rf"\s+(?:{shared_patterns()['of_word']})\s+(?=\d)")  # "3 trên 5 thôn", "662 trong tổng số 686 …", "17 trong số 19 …": a fraction in words
JOIN_REACH = 24  # characters a range or fraction join spans
PERIOD_COUNT = regex.compile(r"(\d{1,2})\s+")
PERIOD_WORDS = frozenset({"năm", "tháng", "ngày", "tuần", "quý"})
EACH_PERIOD_REACH = 24  # (bounded: the engine looks for the required "mỗi" as far as it may read)
# "68 triệu đồng mỗi năm": per year (a share "mỗi năm" stays a share)
EACH_PERIOD = regex.compile(r"(?i)\s+mỗi\s+(?=(?:" + "|".join(sorted(PERIOD_WORDS)) + r")(?![\p{L}\p{M}]))")
# "tăng 0,92% năm;", "6,8% năm giai đoạn 2016-2020": a yearly rate whose slash was lost (not "12% năm 2015", "năm nay")
PERCENT_A_YEAR = regex.compile(r"(?i)\s+năm(?=\s*(?:[,.;:)]|$|(?:và|hoặc|giai\s+đoạn|thời\s+kỳ|trong\s+giai)(?![\p{L}\p{M}])))")
LIST_NUMBER = regex.compile(r"\(\d{1,3}\)")
RUN_IN_LIST_NUMBER = regex.compile(r"(?<=[.:;)]\s)(\d{1,2})\.\s+(?=\p{Lu})")  # "… 60 triệu đồng. 3. Tổng sản lượng …"
PERCENT = regex.compile(r"\s?%+(?![oO0](?![\p{L}\p{M}\d]))|\s?\(\s?%\s?\)")  # ("%o", "%0" are per mille; "2,24(%)": the unit in brackets)
LISTED_REASONS = {"name", "ordinal", "document_number", "list"}  # "tiểu khu 5, 19", "mức độ 3, 4"
LIST_GAP = regex.compile(r"\s*(?:,|và|/|-|–)\s*")
TOKEN_TAIL = regex.compile(r"(?:[/:.-][\w]+)*")
SPACED_DATE_TAIL = regex.compile(r"(?:\s?/\s?\d{1,4}(?![.,]?\d)|[/:.-][\w]+)*")  # "Ngày 22 /7": the month is the date's
RANGE_PARTNER = regex.compile(r"\s*[-–]\s*\d+(?:[.,]\d+)*")
DAY_MONTH_TAIL = regex.compile(r"/(\d{1,2})(?:/(\d{2,4}))?\b")
BEFORE_WINDOW = 40
AFTER_WINDOW = 60


@dataclass
class Quantity:
    start: int  # clean-text span of the figure and its unit
    end: int
    value: int | float | None
    unit: str | None
    kind: str
    low: int | float | None = None
    high: int | float | None = None
    denominator: int | float | None = None
    qualifier: str | None = None
    change: str | None = None  # "increase"/"decrease": the figure is the amount of a change, not a level
    basis: str | None = None  # what a share or change is measured against: "plan", "same_period", …
    basis_year: int | None = None  # the year the text names for the basis ("so với năm 2020")
    number_style: str = "vi"  # "vi", "en" or "plain": how the digits were read
    notes: list[str] = field(default_factory=list)
    # set by the quantity stage (extract_quantities) from the document's context:
    place: str | None = None  # the place the figure is about, as the text names it
    metric: str | None = None  # what it measures
    anchor: int | None = None  # where it stands in the running text (a footnote's figure: at its marker)
    goal: bool = False  # a target the text sets ("phấn đấu … đạt 95%"), not a result it reports
    goal_year: int | None = None  # the year the goal is for
    good: str | None = None  # "6,5 tấn thóc/ha" → "thóc": the good a rate measures, written inside it


@dataclass(frozen=True)
class _Unit:
    end: int  # offset just after the unit (or after the number when there is none)
    unit: str | None
    kind: str
    multiplier: int = 1
    comma_three: str = "decimal"
    tail_end: int | None = None  # "7 triệu 520 nghìn con": the unit stands after smaller magnitudes, ending here
    good: str | None = None  # "6,5 tấn thóc/ha": the good a rate measures, written inside it


# ---- data ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _date() -> "regex.Pattern[str]":
    """"31/8/2025", "12.5.2024": one home, patterns.json."""
    return regex.compile(shared_patterns()["date"])


@lru_cache(maxsize=1)
def magnitude_run() -> "regex.Pattern[str]":
    """One or more magnitude words of the numeral lexicon after a number, also across a line
    break: "tỷ", "nghìn tỷ" (10^12), "triệu tỷ" (10^15)."""
    word = f"(?:{magnitude_words()})" + r"(?![\p{L}\p{M}\d])"
    return regex.compile(rf"\s*({word}(?:\s+{word})*)", regex.IGNORECASE)


FOLLOWING_SYLLABLE = regex.compile(r"[ \t]+([\p{L}\p{M}]+)")


def magnitude_after(text: str, position: int, end: int):
    """The magnitude words after a number (``magnitude_run``), unless the first opens another
    word: a compound with the syllable after it that is no unit ("19,23 tỷ lệ", "5 triệu chứng";
    "1 nghìn năm" stays 1000 năm), or a line of its own opened with a capital ("19,23\nTỷ lệ …",
    the next row of a table)."""
    match = magnitude_run().match(text, position, end)
    if match is None:
        return None
    first = WORD_RUN.match(match.group(1)).group()
    if first[:1].isupper() and "\n" in text[position:match.start(1)]:
        return None
    after = FOLLOWING_SYLLABLE.match(text, match.start(1) + len(first), end)
    if after and is_compound_word(f"{first} {after.group(1)}") and not unit_table()["pattern"].match(text, after.start(1), end):
        return None
    return match


def magnitude_multiplier(words: str) -> tuple[int, int]:
    """(product of the leading magnitude words that keep rising, number of characters they take):
    "nghìn tỷ" → 10^12; "tỷ nghìn" stops after "tỷ"."""
    multiplier, previous, length = 1, 0, 0
    for match in WORD_RUN.finditer(words):
        factor = int(apply_magnitude(1, match.group().lower()))
        if factor <= previous:
            break
        multiplier, previous, length = multiplier * factor, factor, match.end()
    return multiplier, length


def _load(name: str) -> dict:
    return load_rules("extractor.quantities", name)


CODE_KINDS = ("count", "fraction")  # given by the parser itself: a counted noun, "3/5"


def quantity_kinds() -> frozenset[str]:
    """Every kind a quantity can have: those of the unit table and the parser's own."""
    return frozenset({row["kind"] for row in _load("units.json")["units"]} | set(CODE_KINDS))


SLASHED_LETTER = r"/[\p{L}\p{M}](?![\p{L}\p{M}\d])"  # the second half of an abbreviation ("đ/c": đồng chí), no rate's base
PER_TIME_LETTER = r"/[sh](?![\p{L}\p{M}\d])"  # "m3/s", "km/h": a rate per second, per hour, no abbreviation
UNIT_END = rf"(?![\p{{L}}\d])(?!(?!{PER_TIME_LETTER}){SLASHED_LETTER})"  # a unit form ends its word and opens no abbreviation


@lru_cache(maxsize=1)
def unit_table() -> dict:
    data = _load("units.json")
    forms = []
    for row in data["units"]:
        for form in row["forms"]:
            forms.append((form, row))
    forms.sort(key=lambda pair: -len(pair[0]))  # longest form first: "km2" before "km" before "m"
    alternation = "|".join(regex.escape(form) for form, _ in forms)
    money_forms = [(form, row["multiplier"]) for row in data["money_magnitudes"] for form in row["forms"]]
    money_forms.sort(key=lambda pair: -len(pair[0]))
    return {
        "pattern": regex.compile(rf"\s?({alternation}){UNIT_END}", regex.IGNORECASE),
        "by_form": {form.lower(): row for form, row in forms},
        "money_pattern": regex.compile(
            r"\s?(" + "|".join(regex.escape(f) for f, _ in money_forms) + r")" + UNIT_END, regex.IGNORECASE
        ),
        "money_by_form": {form.lower(): multiplier for form, multiplier in money_forms},
        # what a rate may be per: the words listed, and every measurement unit ("đồng/kg", "USD/tấn", "đồng/kWh")
        "per_words": sorted({*data["per_words"], *(form.lower() for form, row in forms if row["kind"] != "percent")},
                            key=len, reverse=True),
        "classifiers_joined": set(data["classifiers_joined"]),
    }


@lru_cache(maxsize=1)
def context_rules() -> dict:
    data = _load("context_rules.json")

    known = {"id", "before", "after", "qualifier", "reason", "whole_word", "number", "counted_is_name",
             "sentence", "unless_after", "unless_sentence", "pattern", "note"}  # one schema for every list
    for row in (row for rows in data.values() if isinstance(rows, list) for row in rows):
        if not set(row) <= known or "id" not in row:
            raise ValueError(f"context_rules.json: rule {row.get('id')!r} has unknown keys {sorted(set(row) - known)}")

    def compile_rules(rows, side, both=False):
        compiled = []
        for row in rows:
            pattern = row.get(side)
            if pattern and both == ("before" in row and "after" in row):
                compiled.append((row["id"], regex.compile(pattern), row.get("qualifier") or row.get("reason")))
        return compiled

    number_patterns = {row["id"]: regex.compile(row["number"]) for rows in data.values() if isinstance(rows, list)
                       for row in rows if "number" in row}

    # a qualifier is a word of its own: "ước" in "Lúa nước 2 vụ" or "trước" qualifies nothing
    word_start = [dict(row, before=rf"(?<![\p{{L}}\p{{M}}])(?:{row['before']})") for row in data["qualifiers"]]
    rules = {
        "qualifiers": compile_rules(word_start, "before"),
        "qualifiers_after": [(row["id"], regex.compile(row["after"]), row["qualifier"]) for row in data["qualifiers_after"]],
        "exclude_before": compile_rules(data["exclusions"], "before"),
        "exclude_after": compile_rules(data["exclusions"], "after"),
    }
    rules["exclude_both"] = [
        (row["id"], regex.compile(row["before"]), regex.compile(row["after"]), row["reason"])
        for row in data["exclusions"] if "before" in row and "after" in row
    ]
    # conditions of a qualifier rule beyond its words: the text before ("từ 80 đảng viên mới trở
    # lên"), the sentence it stands in (a target clause), a text after that undoes it ("từ X lên Y")
    rules["qualifier_before"] = {row["id"]: regex.compile(row["before"]) for row in data["qualifiers_after"] if "before" in row}
    rules["qualifier_sentence"] = {row["id"]: regex.compile(row["sentence"]) for row in data["qualifiers"] if "sentence" in row}
    rules["qualifier_unless_after"] = {row["id"]: regex.compile(row["unless_after"]) for row in data["qualifiers"] if "unless_after" in row}
    rules["qualifier_unless_sentence"] = {row["id"]: regex.compile(row["unless_sentence"]) for row in data["qualifiers"] if "unless_sentence" in row}
    rules["clause_qualifiers"] = [(row["id"], regex.compile(row["sentence"]), row["qualifier"]) for row in data["clause_qualifiers"]]
    changes = data.get("changes")
    rules["changes"] = [] if changes is None else [
        (regex.compile(rf"(?i)(?<![\p{{L}}\p{{M}}])(?:{row['verb']}){changes['between']}$"), row["change"]) for row in changes["verbs"]]
    rules["change_unless_after"] = None if changes is None else regex.compile(changes["unless_after"])
    rules["change_gap"] = None if changes is None else regex.compile(rf"(?i){changes['between']}")
    rules["change_words"] = {} if changes is None else {row["change"]: row["verb"] for row in changes["verbs"]}
    rules["change_verb"] = None if changes is None else regex.compile("(?i)" + "|".join(f"(?:{row['verb']})" for row in changes["verbs"]))
    rules["changes_before_measure"] = [] if changes is None else [
        (regex.compile(rf"(?i)(?<![\p{{L}}\p{{M}}])({row['verb']})(?:\s+thêm)?\s+$"), row["change"]) for row in changes["verbs"]]
    rules["bases"] = _basis_rules(data["bases"])
    rules["superlative_pairs"] = [regex.compile(row["pattern"]) for row in data.get("superlative_pairs", [])]
    rules["date_shaped_names"] = [regex.compile(row["before"]) for row in data.get("date_shaped_names", [])]
    rules["whole_word"] = {row["id"] for row in (*data["exclusions"], *data["qualifiers"], *data["bare_number_names"]) if row.get("whole_word")}
    rules["number"] = number_patterns
    rules["bare_number_names"] = [
        (row["id"], regex.compile(row["before"]), number_patterns.get(row["id"], regex.compile("")),
         regex.compile(row.get("after", "")), row.get("counted_is_name", False))
        for row in data["bare_number_names"]
    ]
    rules["bare_number_names_counted"] = [rule for rule in rules["bare_number_names"] if rule[4]]  # a noun after them is part of the name
    # One alternation per list answers "does any rule match?" in one regex call; only when one
    # does are the rules tried in order (most figures match none). The "before" rules are
    # anchored at the end of the text before the figure, so that one searches from the end.
    for name in ("qualifiers", "qualifiers_after", "exclude_before", "exclude_after"):
        rules[f"any_{name}"] = _any_of(rules[name], reverse=name in ("qualifiers", "exclude_before"))
    # A rule limited to some numbers ("1.0" after a word) may match the text before almost every
    # figure: the shortcut leaves it out and asks it only for the numbers it is limited to.
    rules["any_exclude_before_free"] = _any_of([r for r in rules["exclude_before"] if r[0] not in number_patterns], reverse=True)
    rules["exclude_before_numbers"] = [number_patterns[r[0]] for r in rules["exclude_before"] if r[0] in number_patterns]
    rules["any_exclude_both"] = _any_of([(rule_id, after, reason) for rule_id, _, after, reason in rules["exclude_both"]], reverse=False)
    return rules


DEFAULT_FLAGS = regex.compile("").flags


def _any_of(compiled: list, reverse: bool) -> "regex.Pattern[str] | None":
    patterns = [pattern.pattern for _, pattern, _ in compiled]
    if not patterns:
        return None
    if any(pattern.groups or pattern.flags & ~DEFAULT_FLAGS for _, pattern, _ in compiled):
        return None  # groups or flags would change meaning inside one alternation: no shortcut
    return regex.compile(("(?r)" if reverse else "") + "|".join(f"(?:{p})" for p in patterns))


def _any_rule_searches(rules: dict, name: str, text: str) -> bool:
    combined = rules[f"any_{name}"]
    return combined is None or combined.search(text) is not None


def _any_rule_matches(rules: dict, name: str, text: str) -> bool:
    combined = rules[f"any_{name}"]
    return combined is None or combined.match(text) is not None


# ---- pipeline -----------------------------------------------------------------------------

def _text_before(text: str, start: int, position: int) -> str:
    """The words before a number that context rules read (BEFORE_WINDOW characters, from ``start``
    on), never opening inside a word: a cut "nước" would read as "ước"."""
    cut = max(start, position - BEFORE_WINDOW)
    if cut > start and text[cut - 1].isalpha():
        while cut < position and (text[cut].isalpha() or unicodedata.category(text[cut]).startswith("M")):
            cut += 1
    return text[cut:position]


def find_quantities(text: str, start: int, end: int, skip: "SpanIndex | list[tuple[int, int]]" = (), counted_noun=None,
                    line_break=None, list_total: Quantity | None = None) -> list[Quantity]:
    """Quantities in ``text[start:end]`` (one paragraph). ``skip`` spans (heading labels; a SpanIndex
    built once per document, or a list) are ignored.
    ``counted_noun(text_after) -> str | None`` names the noun counted after a bare number.
    ``line_break(start, end) -> bool``: did the source break a line there that the cleaner joined?
    ``list_total``: the total a list this paragraph is an item of breaks down (``breakdown_list_total``)."""
    counted_noun = counted_noun or first_noun
    skipped = skip if isinstance(skip, SpanIndex) else SpanIndex(skip)
    quantities: list[Quantity] = []
    position = start
    excluded_end = None  # end of the last excluded number: a list after it shares its reason
    for match in NUMBER.finditer(text, start, end):
        if match.start() < position or skipped.holds(match.start()):
            continue
        continues_list = (excluded_end is not None and LIST_GAP.fullmatch(text, excluded_end, match.start())
                          and not _counts_a_noun(text, match.end(), end, counted_noun))
        reason = "list" if continues_list else _excluded(text, match, start, end, counted_noun)
        if reason:
            position = _excluded_token_end(text, match, end, reason)
            excluded_end = position if reason in LISTED_REASONS else None
            continue
        excluded_end = None
        quantity = _read_quantity(text, match, start, end, counted_noun)
        if quantity is not None and line_break is not None and _capital_noun_after_a_break(text, quantity, line_break):
            quantity = _read_quantity(text, match, start, end, _no_noun)
        if quantity is None:
            partner = RANGE_PARTNER.match(text, match.end(), end)
            if partner and _day_and_month(match.group(), partner.group(), text[partner.end():partner.end() + AFTER_WINDOW]):
                position = partner.end()  # "Ngày 4 và 5-3": no falling range but a day and a month, neither a figure
            continue
        if (_names_bare_number(text, quantity, start, end, match.group())
                and _breakdown_total(text, quantity, quantities + _spelled_total(text, quantity, start, counted_noun), start) is None) \
                or _date_named(text, quantity, start):
            position = excluded_end = _excluded_token_end(text, match, end)  # "phụ lục 3, 4": the list shares it
            continue
        _of_the_same_noun(text, quantity, end, counted_noun)
        _signed(text, quantity, start)
        _share_without_its_sign(text, quantity, start)
        quantities.append(quantity)
        _per_population(text, quantities, end, counted_noun)
        position = quantity.end
    quantities.extend(_spelled_quantities(text, start, end, quantities, counted_noun))
    quantities.sort(key=lambda q: q.start)
    for quantity in quantities:
        quantity.change = _change(text, quantity, start, end)
        quantity.basis, quantity.basis_year = _basis(text, quantity, start, end)
    _name_elided_nouns(text, quantities, start, counted_noun, list_total)
    return quantities


# "giảm 845 ha (-0,67%)", "giảm 01 vụ (- 100%)", "là -0,5%": a change written with its sign, inside a
# bracket (a space or an en dash may follow it there) or after a word (not a dash after a number, a
# range's, nor one opening a line, a list item's; a table's cells: cells.py)
SIGN_GLUED_BEFORE = regex.compile(r"(?:[(\[]\s?(?P<sign>[-−–])[ \t]?|(?<=[\p{L}\p{M}:=])[ \t]+(?P<sign>[-−]))$")


SHARE_VERB_BEFORE = regex.compile(r"(?i)(?<![\p{L}\p{M}])(?:đạt|bằng)(?:\s+(?:khoảng|gần|trên|hơn))?\s*$")
SHARE_WITHOUT_SIGN = "a share whose percent sign the text left out"  # a note


@lru_cache(maxsize=1)
def _plan_noun() -> "regex.Pattern[str]":
    return regex.compile(rf"(?i:{shared_patterns()['plan_noun']})")


def _share_without_its_sign(text: str, quantity: Quantity, start: int) -> None:
    """"bằng 28,96 dự toán": a fraction of a plan after "đạt/bằng" is a share whose "%" was left out
    (a plan is counted whole: "ban hành 3 kế hoạch")."""
    if quantity.kind != "count" or not quantity.unit or isinstance(quantity.value, int) or quantity.value is None \
            or not _plan_noun().fullmatch(quantity.unit):
        return
    if not SHARE_VERB_BEFORE.search(text, max(start, quantity.start - 20), quantity.start):
        return
    number = NUMBER.match(text, quantity.start)
    quantity.unit, quantity.kind, quantity.end = "%", "percent", number.end()
    quantity.notes.append(SHARE_WITHOUT_SIGN)


def _signed(text: str, quantity: Quantity, start: int) -> None:
    """A minus sign glued to a single figure just inside a bracket or after a word makes it
    negative and is part of its text; elsewhere a dash before a number opens a list item or joins a
    range. Apart from the digits, only a percentage's (a change's share: "giảm 01 vụ (- 100%)")."""
    if quantity.value is None or quantity.denominator is not None:
        return
    sign = SIGN_GLUED_BEFORE.search(text, max(start, quantity.start - 4), quantity.start)
    if sign is None or (sign.end("sign") < quantity.start and quantity.unit != "%"):
        return
    quantity.value = -quantity.value
    quantity.start = sign.start("sign")


def _counts_a_noun(text: str, position: int, end: int, counted_noun) -> bool:
    """A noun counted after the number: "cấp 2, 04 bưu cục" is a count of its own, no item of the
    list the excluded number opened (but "Huy hiệu 30, 40 năm tuổi Đảng" goes on)."""
    unit = _read_unit(text, position, end, counted_noun)
    return unit.kind == "count" and unit.unit is not None and unit.unit.split()[0] not in PERIOD_WORDS


NOUN_AFTER_NUMBER = regex.compile(r"(?r)\d[%\s]*(\p{Lu}\p{Ll})")  # searched backwards: the counted noun's first letters


def _no_noun(after: str) -> None:
    return None


def _capital_noun_after_a_break(text: str, quantity: Quantity, line_break) -> bool:
    """"… giảm còn 10⏎Tổng vốn đầu tư …": a capitalised word that opens the next line of the source
    starts its own sentence or heading; it is a counted noun only when the lexicon knows it ("03⏎Đảng
    bộ")."""
    if quantity.kind not in ("count", "fraction") or not quantity.unit:
        return False
    noun = NOUN_AFTER_NUMBER.search(text, quantity.start, quantity.end)
    if noun is None:
        return False
    if _known_noun(text[noun.start(1):quantity.end]) is not None:
        # ("Ảnh: Vương Trang - 3⏎Xã Khun Há có …": a type word and a name open a sentence about that unit)
        return _names_a_unit(text, noun.start(1)) and line_break(noun.start() + 1, noun.start(1))
    return line_break(noun.start() + 1, noun.start(1))


def _names_a_unit(text: str, position: int) -> bool:
    """A unit's type word and a capitalised name at ``position`` ("Xã Khun Há")."""
    from extractor.places.mentions import place_rules  # (places read quantities: imported when asked)

    rules = place_rules()
    typed = rules["type_word"].match(text, position)
    return typed is not None and rules["name_syllable"].match(text, typed.end()) is not None


PAIRED_KINDS = frozenset({"count", "area", "length", "mass"})


def _of_the_same_noun(text: str, quantity: Quantity, end: int, counted_noun) -> None:
    """"20 chỉ tiêu/21 chỉ tiêu", "179,5 ha/120 ha": an actual/target pair with its noun or measure written
    twice is one fraction, as "320/300 ha" is (a different noun makes a pair of counts: "86 vụ/96 đối
    tượng"; sums of money and shares stay pairs of figures: "5.232 tỷ đồng/5.257 tỷ đồng")."""
    if quantity.kind not in PAIRED_KINDS or quantity.unit is None or quantity.value is None:
        return
    slash = SLASH.match(text, quantity.end, end)
    number = slash and NUMBER.match(text, slash.end(), end)
    if not number:
        return
    unit = _read_unit(text, number.end(), end, counted_noun)
    if unit.unit != quantity.unit or unit.kind != quantity.kind:
        return
    whole = _value(number.group(), unit)
    if whole is None:
        return
    quantity.denominator, quantity.kind, quantity.end = _scaled(whole, unit), "fraction", unit.end


# ---- elided counted nouns -----------------------------------------------------------------

SENTENCE_START = regex.compile(r"(?r)[.!?]\s|\n")
BREAKDOWN_WORDS = r"\b(?:trong\s+đó|bao\s+gồm|gồm)\b"  # "23.362 hồ sơ (trong đó: …)"; indicators use it too
BREAKDOWN = regex.compile(r"(?i)(?r)" + BREAKDOWN_WORDS)
NUMBER_OF = regex.compile(r"(?i)(?r)(?<![\p{L}\p{M}])số\s+(?=\p{L})")
LABEL_COLON = regex.compile(r"(?r)(?:^|[;(]|\s[-–]\s|^\s*[-–+*])\s*(?:\([ivx\d]+\)\s*)?([^;:()\d]{2,60}?)\s*:\s*$")
LIST_SEPARATOR = regex.compile(r"\s*[;,]\s*")
MAX_SIBLINGS = 40  # earlier figures of the sentence looked at


def _name_elided_nouns(text: str, quantities: list[Quantity], start: int, counted_noun, list_total: Quantity | None = None) -> None:
    """A bare number takes the noun the sentence states for it, in this order: the count a
    breakdown belongs to ("23.362 hồ sơ (trong đó: hộ tịch 2.481, …)"), "số X … là N" ("Tổng số
    người … là 23"), a label before a colon ("Cán bộ công chức: 06"; under a line that opens a
    breakdown, "Tổng số giường bệnh: 2.411, trong đó:", the label names a part and the total's noun
    counts it), or a sibling in the same list after the same word ("bản A được 370m; bản B được 700")."""
    for index, quantity in enumerate(quantities):
        if quantity.unit is not None or quantity.kind not in ("count", "fraction"):
            continue
        earlier = quantities[max(0, index - MAX_SIBLINGS):index]
        sentence = _sentence_start(text, quantity.start, start)
        noun = (_breakdown_total(text, quantity, earlier, start)
                or _breakdown_noun(text, earlier, sentence, quantity.start)
                or _number_of_noun(text, sentence, quantity.start, counted_noun)
                or _labelled_part_of(text, list_total, start, quantity.start)
                or _label_noun(text, sentence, quantity.start, counted_noun)
                or _sibling_unit(text, earlier, sentence, quantity)
                or _bracket_sibling_unit(text, earlier, sentence, quantity)
                or _unit_between_siblings(text, quantities, index)
                or _noun_of_the_next_verb(text, quantities, index, sentence))
        if noun is None:
            continue
        if isinstance(noun, Quantity):
            quantity.unit, quantity.kind = noun.unit, noun.kind if quantity.kind == "count" else quantity.kind
        else:
            quantity.unit = noun
            per = _base_in_label(text, sentence, quantity.start, counted_noun)
            if per is not None and quantity.kind == "count":
                quantity.unit, quantity.kind = f"{noun}/{per}", "rate"
        quantity.notes.append(ELIDED_NOUN)


SENTENCE_REACH = 400  # characters: a longer "sentence" (a run-on list) is read from this far back


def _sentence_start(text: str, position: int, paragraph_start: int) -> int:
    reach = max(paragraph_start, position - SENTENCE_REACH)
    found = SENTENCE_START.search(text, reach, position)
    return found.end() if found else reach


# the items of a breakdown by unit before a figure inside its bracket: "Cà Mau 2, TP Hồ Chí Minh 1, Bình Định "
@lru_cache(maxsize=1)
def _breakdown_items() -> "regex.Pattern[str]":
    from extractor.places.mentions import place_rules  # (places read quantities: imported when asked)

    unit_name = rf"(?:(?:{place_rules()['type_word'].pattern})\s*)?\p{{Lu}}[\p{{L}}\p{{M}}'’-]*(?:\s+\p{{Lu}}[\p{{L}}\p{{M}}'’-]*){{0,4}}\s*:?\s*"
    item_gap = r"\s*(?:[,;]\s*(?:và\s+)?|và\s+)"  # "Cà Mau 5, và Trà Vinh 3", "Cà Mau 5 và Trà Vinh 3"
    return regex.compile(rf"\s*(?:{unit_name}\d[\d.,]*(?:\s+[\p{{L}}\p{{M}}]+){{0,3}}?{item_gap})*{unit_name}")


TOTAL_TO_BRACKET = regex.compile(r"[^\d.;:!?()]{0,60}\(")  # "6 tàu bị chìm, hỏng (": the total's words, then the bracket


def _breakdown_total(text: str, quantity: Quantity, earlier: list[Quantity], start: int) -> Quantity | None:
    """"6 tàu bị chìm (Cà Mau 2, TP Hồ Chí Minh 1, Bình Định 1)", "8.876 ha lúa bị ngập (Điện Biên
    125,17; …)": a bare number after a unit's name in a bracket that breaks a count or a measure down
    by unit counts or measures what the total does (the total it belongs to)."""
    if quantity.unit is not None or quantity.kind != "count" or not earlier:
        return None
    opening = _open_bracket(text, start, quantity.start)
    if opening is None or not _breakdown_items().fullmatch(text, opening + 1, quantity.start):
        return None
    total = next((q for q in reversed(earlier) if q.end <= opening), None)
    if total is None or total.unit is None or not _shares_its_unit(text, total) or not TOTAL_TO_BRACKET.fullmatch(text, total.end, opening + 1):
        return None
    return total


SPELLED_TOTAL_REACH = 80  # characters before a bracket read for a total written in words


def _spelled_total(text: str, quantity: Quantity, start: int, counted_noun) -> list[Quantity]:
    """"bốn người mất tích (Yên Bái 1; …)": the total in words before the bracket a bare number opens
    (words are read after the figures, so the look-up asks for them here)."""
    opening = _open_bracket(text, start, quantity.start)
    if opening is None:
        return []
    return _spelled_quantities(text, max(start, opening - SPELLED_TOTAL_REACH), opening, [], counted_noun)[-1:]


def _open_bracket(text: str, start: int, position: int) -> int | None:
    """The bracket still open at ``position`` (read back to ``start``), if any."""
    opening = text.rfind("(", start, position)
    return None if opening < 0 or text.find(")", opening, position) >= 0 else opening


def _shares_its_unit(text: str, total: Quantity) -> bool:
    """A count, or a measure written without a magnitude word ("8.876 ha", not "69,4 vạn tấn" nor
    money's "76 tỷ đồng"), whose unit its bare parts are in."""
    if total.kind == "count":
        return True
    if total.kind not in BREAKDOWN_MEASURES:
        return False
    number = NUMBER.match(text, total.start, total.end)
    return number is not None and magnitude_run().match(text, number.end(), total.end) is None


def _breakdown_noun(text: str, earlier: list[Quantity], sentence: int, position: int) -> str | None:
    """The count a breakdown belongs to: the one whose noun the part names ("1.541 đảng viên, 47
    chi bộ; trong đó, đảng viên chính thức là 1.497"), else the nearest before "trong đó"."""
    marker = BREAKDOWN.search(text, sentence, position)
    if marker is None:
        return None
    owners = [q for q in earlier if sentence <= q.start and q.end <= marker.start() and q.kind == "count" and q.unit]
    if not owners:
        return None
    part = text[marker.end():position].lower()
    named = [q for q in owners if q.unit in part]
    return (named or owners)[-1].unit


def _number_of_noun(text: str, sentence: int, position: int, counted_noun) -> str | None:
    """"Tổng số hồ sơ đang trình … là 23": the noun after "số", when "là" or ":" leads to N."""
    if not LABEL_END.search(text[max(sentence, position - 12):position]):
        return None
    found = NUMBER_OF.search(text, sentence, position)
    if found is None:
        return None
    noun = counted_noun(_text_after(text, found.end(), position, counted_noun))
    return noun[0] if noun else None


def _label_noun(text: str, sentence: int, position: int, counted_noun) -> str | None:
    label = LABEL_COLON.search(text[sentence:position])
    if label is None:
        return None
    words = label.group(1).strip()
    # a sentence-initial capital would make the tagger read a verb as a name ("Tiêm phòng")
    noun = counted_noun(words[:1].lower() + words[1:])
    if noun is None or CODE_WORD.search(noun[0]):
        return None  # "cms-view-count: 44574": a page's field name, no noun
    return noun[0]


CODE_WORD = regex.compile(r"[\p{L}\d][-_.][\p{L}\d]")  # letters joined by a hyphen, an underscore or a dot: a code
# "Số bác sỹ bình quân 1 vạn dân (người): 15", "Số người nhiễm HIV … trên 100.000 dân: 4,1": a label's base
LABEL_PER_BASE = regex.compile(r"(?i)(?:(?<![\p{L}\p{M}])(?:bình\s+quân|trung\s+bình|trên)|/)\s*"
                               r"(?P<base>(?:(?:1|một)\s+)?(?:vạn|nghìn|ngàn)|1(?:0{1,2})?(?:\.000)+)(?=\s+\p{L})")
LABEL_REACH = 120  # characters back from a labelled figure to its label's base
ITEM_BOUNDARY = regex.compile(r"(?r)[;:\n]")  # the start of a list item's label


def _base_in_label(text: str, sentence: int, position: int, counted_noun) -> str | None:
    """The base a label before a colon counts its noun per ("bình quân 1 vạn dân" → "1 vạn dân"):
    the bare figure after it is a rate, as "15 bác sỹ/vạn dân" written after the number is."""
    reach = max(sentence, position - LABEL_REACH)
    label_end = LABEL_END.search(text, max(reach, position - 12), position)
    if label_end is None:
        return None
    item_start = ITEM_BOUNDARY.search(text, reach, label_end.start())
    reach = item_start.end() if item_start else reach  # ("…; Bác sĩ bình quân 1 vạn dân là 19,23; Số ca mắc …": the item before's)
    found = None
    for found in LABEL_PER_BASE.finditer(text, reach, label_end.start()):
        pass  # (the last base before the figure)
    if found is None:
        return None
    noun = counted_noun(_text_after(text, found.end(), position, counted_noun))
    if noun is None:
        return None
    noun_end = _noun_end(text, found.end(), noun[1])
    return " ".join(unicodedata.normalize("NFC", text[found.start("base"):noun_end]).lower().split())
LIST_OPENER_END = regex.compile(r"\s*,?\s*(?i:" + BREAKDOWN_WORDS + r")\s*:\s*")  # "…: 2.411, trong đó:"


def breakdown_list_total(text: str, quantities: list[Quantity], end: int) -> Quantity | None:
    """"2. Tổng số giường bệnh: 2.411, trong đó:": the total a paragraph ends on before the list of
    its parts opens (a count or a measure its parts share)."""
    if not quantities:
        return None
    total = quantities[-1]
    if total.unit is None or not _shares_its_unit(text, total) or not LIST_OPENER_END.fullmatch(text, total.end, end):
        return None
    return total


def _labelled_part_of(text: str, list_total: Quantity | None, start: int, position: int) -> Quantity | None:
    """"- Phòng khám đa khoa khu vực: 86" under "Tổng số giường bệnh: 2.411, trong đó:": the figure
    right after the label opening a listed part counts what the total does."""
    if list_total is None or LABELLED_ITEM.fullmatch(text, start, position) is None:
        return None
    return list_total


LABELLED_ITEM = regex.compile(r"[ \t]*[-–+*•][ \t]*[^;:()\d\n]{2,60}?\s*:\s*")  # "- Bệnh viện đa khoa: "


def _sibling_unit(text: str, earlier: list[Quantity], sentence: int, quantity: Quantity) -> Quantity | None:
    """The nearest earlier figure of the same list that follows the same word and has a unit."""
    word = _word_before(text, quantity.start)
    if word is None:
        return None
    opening = _open_bracket(text, sentence, quantity.start)
    for sibling in reversed(earlier):
        if sibling.start < (sentence if opening is None else opening):
            return None  # (inside a bracket: only its own items, not an earlier bracket's)
        if sibling.unit is not None and sibling.kind not in ("percent", "fraction", "money") \
                and not (sibling.kind == "rate" and sibling.unit.split("/")[0] in MONEY_UNITS) and _word_before(text, sibling.start) == word:
            # (no money: its magnitude, "triệu", is written with the figure and would be lost: "… 36,2 triệu đồng/người, … đạt 39")
            between = text[sibling.end:quantity.start]
            return sibling if LIST_SEPARATOR.search(between) else None
    return None


def _bracket_sibling_unit(text: str, earlier: list[Quantity], sentence: int, quantity: Quantity) -> Quantity | None:
    """"Nhật Bản (225 lao động), …, Malaysia (4)": a bare number alone in a bracket after a name takes
    the noun of the nearest earlier such item of its sentence."""
    if not text[:quantity.start].rstrip().endswith("(") or not BRACKET_ITEM_END.match(text, quantity.end):
        return None
    for sibling in reversed(earlier):
        if sibling.start < sentence:
            return None
        if sibling.unit is not None and sibling.kind == "count" and text[:sibling.start].rstrip().endswith("("):
            return sibling
    return None


MONEY_UNITS = frozenset({"đồng", "USD"})
SIBLING_MEASURES = frozenset({"area", "mass", "length"})  # units that carry no magnitude word to copy wrongly
BREAKDOWN_MEASURES = SIBLING_MEASURES | {"other"}  # a total's unit its bracket's bare parts share ("m3", "lít", "kWh")


# "tiếp nhận 350, giải quyết 342 hồ sơ": a verb and a bare number, then a verb and a count of a noun
VERB_BEFORE_NUMBER = regex.compile(r"(?r)(?<![\p{L}\p{M}])((?:[\p{L}\p{M}]+[ \t]+){0,2}[\p{L}\p{M}]+)[ \t]+$")
NEXT_VERB_GAP = regex.compile(r"\s*(?:,|và)\s*(?:và\s+)?((?:[\p{Ll}\p{M}]+\s+){0,2}[\p{Ll}\p{M}]+)\s+")
LINKING_BEFORE_A_COUNT = frozenset({"đạt", "có", "là", "bằng", "chiếm", "được", "còn"})  # they say how much, not what was done


def _noun_of_the_next_verb(text: str, quantities: list[Quantity], index: int, sentence: int) -> Quantity | None:
    """A bare number after a verb whose next figure, after another verb, counts a noun: both count
    it ("tiếp nhận 350, giải quyết 342 hồ sơ", "cấp mới 124, cấp đổi 425 Giấy chứng nhận")."""
    if index + 1 >= len(quantities):
        return None
    quantity, following = quantities[index], quantities[index + 1]
    if following.kind != "count" or following.unit is None or not isinstance(quantity.value, int):
        return None
    gap = NEXT_VERB_GAP.fullmatch(text, quantity.end, following.start)
    before = VERB_BEFORE_NUMBER.search(text, max(sentence, quantity.start - 30), quantity.start)
    if gap is None or before is None:
        return None
    phrases = [words.lower().split() for words in (before.group(1), gap.group(1))]
    if any(words[-1] in LINKING_BEFORE_A_COUNT for words in phrases):
        return None
    if phrases[0][0] == phrases[1][0]:
        return following  # "cấp mới 124, cấp đổi 425 …": one verb's two kinds
    return following if all(any(tag == "V" for _, tag in pos_tags(" ".join(words))) for words in phrases) else None


def _unit_between_siblings(text: str, quantities: list[Quantity], index: int) -> Quantity | None:
    """"Lúa 40 ha; cây tinh bột (Mỳ) 500; cây Mía 370 ha": a bare number between two figures of one
    list that share a measure has it too."""
    if index == 0 or index + 1 >= len(quantities):
        return None
    before, quantity, after = quantities[index - 1], quantities[index], quantities[index + 1]
    if before.unit is None or before.unit != after.unit or before.kind not in SIBLING_MEASURES:
        return None
    gaps = (text[before.end:quantity.start], text[quantity.end:after.start])
    if any(SENTENCE_START.search(gap) or not LIST_SEPARATOR.search(gap) for gap in gaps):
        return None
    return before


def _word_before(text: str, position: int) -> str | None:
    found = LAST_WORD.search(text[max(0, position - 20):position])
    return found.group(1).lower() if found else None


def _spelled_quantities(text: str, start: int, end: int, found: list[Quantity], counted_noun) -> list[Quantity]:
    """Amounts written in words ("ba đơn vị hành chính", "hai triệu rưỡi đồng") that name what they count."""
    spelled = []
    starts = [q.start for q in found]  # figures in order, disjoint: their ends rise with their starts
    for word_start, word_end, value in find_spelled_numbers(text[start:end]):
        word_start, word_end = start + word_start, start + word_end
        last = bisect_left(starts, word_end) - 1  # the one figure that can reach into the words
        if last >= 0 and found[last].end > word_start:
            continue
        before = _text_before(text, start, word_start)
        after = text[word_end:min(end, word_end + AFTER_WINDOW)]
        if _context_excludes(before, after, None):
            continue
        unit = _read_unit(text, word_end, end, counted_noun)
        if unit.unit is None:
            continue
        quantity = Quantity(start=word_start, end=unit.end, value=_scaled(value, unit), unit=unit.unit, kind=unit.kind, good=unit.good,
                            number_style="words")
        if last >= 0 and _restates_in_brackets(text, found[last], quantity):
            continue
        quantity.qualifier = _qualifier(text, quantity, start, end)
        spelled.append(quantity)
    return spelled


OPENING_BRACKET_GAP = regex.compile(r"[.,]?\s*\(\s*(?i:bằng\s+chữ\s*:?\s*)?")


def _restates_in_brackets(text: str, figure: Quantity, words: Quantity) -> bool:
    """"13.503.000.000đ (Mười ba tỷ, năm trăm linh ba triệu đồng)": the figure written again in
    words, as money is on receipts and budgets, is no second amount."""
    return (figure.value == words.value and figure.unit == words.unit
            and OPENING_BRACKET_GAP.fullmatch(text, figure.end, words.start) is not None)


def _excluded(text: str, match, start: int, end: int, counted_noun) -> str | None:
    """Reason the number is not a quantity (date, year, name, code, list number, …) or None."""
    before = _text_before(text, start, match.start())
    after = text[match.end():min(end, match.end() + AFTER_WINDOW)]
    digits = match.group()
    if _inside_a_link(text, match.start(), start, end):
        return "link"  # "https://…/nam-2024-123456.html?id=101&page=3", "www.x.gov.vn/tin/4567", "ubnd12@gmail.com"
    glued = before and (before[-1].isalpha() or before[-1] in "-_" and len(before) > 1 and before[-2].isalpha())
    if glued and not (before[-1].islower() and _glued_unit_follows(after)):
        return "name"  # glued to a word: TK2, km2's exponent, UBTVQH15, Covid-19 (but "được115m", "đạt16.743 tỷ đồng" are typos)
    if before.endswith("/") and len(before) > 1 and before[-2].isdigit() and not _unit_before_slash(before):
        return "name"  # the tail of a code or a name: TK3/2 (but "86 vụ/96 đối tượng" is a pair, "74km2/27.368 người" a density)
    if after[:1].isdigit():
        return "name"
    if _inside_quoted_name(before, after):
        return "name"  # “Gian hàng 0 đồng”, “1 + 1”, “Lớp đoàn viên 90 năm …”: part of a name
    if _date().match(text, match.start()) or (after.startswith("/") and _is_day_month(digits, after)):
        return "date"
    if ((LIST_NUMBER.match(text, match.start() - 1) if match.start() > start else False) and not _bracketed_count_after_a_name(text, match, start)) \
            or RUN_IN_LIST_NUMBER.match(text, match.start()) or _numbers_a_run_in_item(text, match, start):
        return "list_number"
    if PIPE_CELL_BEFORE_LABEL.match(after) and _pipe_row_number(text, match, start):
        return "list_number"
    if YEAR.fullmatch(digits) and not _unit_follows(after) and not _over_a_whole(digits, after, counted_noun) \
            and not _counts_among_figures(before, after):
        return "year"
    return _context_excludes(before, after, digits)


DENOMINATOR = regex.compile(r"\s?/\s?(\d{1,3}(?:\.\d{3})+|\d+)(?![\d/.,])")


ELIDED_NOUN = "elided noun"  # the note on a count that takes its noun from its sentence
NAME_BEFORE_BRACKET = regex.compile(r"\p{Lu}[\p{L}\p{M}]*\s*\(\s*$")  # "Hàn Quốc (": a name, then its bracket
BRACKET_ITEM_END = regex.compile(r"\s*\)\s*(?:[,;.]|và\s|$)")  # "(5), …", "(1)."
COUNTED_IN_BRACKET = regex.compile(r"\p{Lu}[\p{L}\p{M}]*\s*\(\s*\d[\d.,]*\s+\p{Ll}")  # "Nhật Bản (225 lao động"
BRACKET_SIBLING_REACH = 300  # characters back to the item that writes the counted noun


def _bracketed_count_after_a_name(text: str, match, start: int) -> bool:
    """"Nhật Bản (225 lao động), tiếp đó là Hàn Quốc (5), Malaysia (4)": a bare number alone in the
    bracket after a name, in a list whose earlier item writes its noun so, counts it (no list number)."""
    before = text[max(start, match.start() - 40):match.start()]
    return (NAME_BEFORE_BRACKET.search(before) is not None and BRACKET_ITEM_END.match(text, match.end()) is not None
            and COUNTED_IN_BRACKET.search(text, max(start, match.start() - BRACKET_SIBLING_REACH), match.start()) is not None)


ITEM_NUMBER_AFTER = regex.compile(r"\.\s+(?=\p{Lu})")  # "2. Người thực hiện"
RUN_IN_REACH = 300  # characters back to the item before


def _numbers_a_run_in_item(text: str, match, start: int) -> bool:
    """"1. Tên mô hình: Chợ 4.0 2. Người thực hiện: … 3. Kết quả: …": a number N before a dot and a
    capitalised word, when the paragraph has just had item N - 1 written so, numbers an item."""
    number = match.group()
    if not number.isdigit() or len(number) > 2 or int(number) < 2 or ITEM_NUMBER_AFTER.match(text, match.end()) is None:
        return False
    earlier = regex.compile(rf"(?<![\d.,])(?:{int(number) - 1}|0{int(number) - 1})\.\s+\p{{Lu}}")
    return earlier.search(text, max(start, match.start() - RUN_IN_REACH), match.start()) is not None


# what stands before a year-shaped count among figures: "539 hộ/2041 nhân khẩu", "539 hộ, 2041 nhân
# khẩu", "thôn có 2030 nhân khẩu" (not "Năm 2020 xã …", "đến 2025 người dân …": no figure or verb of having)
FIGURE_BEFORE_A_COUNT = regex.compile(r"(?:(?<![\p{L}\p{M}])(?i:có|gồm|với|là|tổng\s+số)"
                                      r"|\d[\d.,]*\s*\p{Ll}[\p{Ll}\p{M}]*(?:\s+\p{Ll}[\p{Ll}\p{M}]*)?\s*(?:[/,;]|\s(?i:và)))\s*$")


def _counts_among_figures(before: str, after: str) -> bool:
    """A year-shaped number right before a counted noun the rules know, after another count or a
    verb of having: a count ("539 hộ/2041nhân khẩu")."""
    return _known_noun(after.lstrip()) is not None and FIGURE_BEFORE_A_COUNT.search(before[-BEFORE_WINDOW:]) is not None


def _over_a_whole(digits: str, after: str, counted_noun) -> bool:
    """"2034/2.165 đảng viên": a year-shaped number over a larger one that is no year is a part of
    a whole ("2023/2024", a school year, stays a year); so is one over a larger year-shaped one
    that is not the next year when a counted noun follows ("1900/2051 cử tri"; not "nhiệm kỳ
    2020/2025 đã …")."""
    denominator = DENOMINATOR.match(after)
    if denominator is None:
        return False
    part, whole = int(digits), int(denominator.group(1).replace(".", ""))
    if YEAR.fullmatch(denominator.group(1)):
        return whole - part > 1 and counted_noun(after[denominator.end():]) is not None
    return part <= whole


TOKEN_BEFORE_SLASH = regex.compile(r"(?<=\d)(\p{L}+[23²³])/$")


def _unit_before_slash(before: str) -> bool:
    """"74km2/": the digit before the slash is a unit's exponent after a figure, no code's."""
    token = TOKEN_BEFORE_SLASH.search(before)
    if token is None:
        return False
    unit = unit_table()["pattern"].match(token.group(1))
    return unit is not None and unit.end() >= len(token.group(1))


def _glued_unit_follows(after: str) -> bool:
    """A measure, money or a magnitude word after a number glued to the word before it: the space
    was lost ("được115m", "ước đạt16.743 tỷ đồng"), no name."""
    table = unit_table()
    if PERCENT.match(after):
        return False
    return bool(table["pattern"].match(after) or table["money_pattern"].match(after) or magnitude_after(after, 0, len(after)))


# a table written with pipes ("STT | Chỉ tiêu | Kế hoạch |"), its rows run together into one line
# when the source lost its line breaks: a row's number is a whole number in a cell of its own
# followed by the label cell
PIPE_CELL_BEFORE_LABEL = regex.compile(r"[ \t]*\|[ \t]*\p{L}")
PIPE_CELL_NUMBER = regex.compile(r"\|[ \t]*(\d{1,3})(?=[ \t]*\|[ \t]*\p{L})")
LINE_OPENING = regex.compile(r"[ \t]*\|?[ \t]*")
ROW_NUMBER_CELL = regex.compile(r"[ \t]*\|?[ \t]*(\d{1,3})(?=[ \t]*\|)")  # the first cell of a line
PIPE_LOOKAHEAD = 40
PIPE_ROWS_REACH = 3000  # characters: a table's rows run together in one line are read this far back


def _pipe_row_number(text: str, match, start: int) -> bool:
    """The number opens a pipe-table row: it starts a line ("| 4 | Tốc độ …", "4 | Tốc độ …"), or
    it follows the previous row's number by one where rows run together ("… | 24,1% | 4 | Tốc
    độ …"); a value cell before a text cell ("| 15 | Đạt |") continues no numbering."""
    line_start = _line_start(text, start, match.start())
    if line_start is None:
        return False  # the line began too far back to read its rows
    if LINE_OPENING.fullmatch(text, line_start, match.start()):
        return True
    first = ROW_NUMBER_CELL.match(text, line_start, match.start())
    if first is None:
        return False
    expected = int(first.group(1)) + 1
    for cell in PIPE_CELL_NUMBER.finditer(text, first.end(), min(len(text), match.end() + PIPE_LOOKAHEAD)):
        if int(cell.group(1)) != expected:
            continue
        if cell.start(1) == match.start():
            return True
        expected += 1
    return False


def _line_start(text: str, start: int, position: int) -> int | None:
    """Where the line holding ``position`` starts (the paragraph's start at most), when it is
    within PIPE_ROWS_REACH (a line of run-together rows is read from its start for each figure)."""
    reach = max(start, position - PIPE_ROWS_REACH)
    newline = text.rfind("\n", reach, position)
    if newline >= 0:
        return newline + 1
    return start if reach == start else None


def _context_excludes(before: str, after: str, digits: str | None) -> str | None:
    """The reason of the first exclusion rule the text around a number matches (rules with a
    ``number`` pattern apply to digits only: ``digits`` None is a number in words)."""
    rules = context_rules()
    numbered = digits is not None and any(number.search(digits) for number in rules["exclude_before_numbers"])
    free = _any_rule_searches(rules, "exclude_before_free", before)
    if numbered or free:
        for rule_id, pattern, reason in rules["exclude_before"]:
            if not free and rule_id not in rules["number"]:
                continue  # (the shortcut said none of the rules free of a number pattern matches)
            found = pattern.search(before)
            if not found:
                continue
            if _number_does_not_fit(rules, rule_id, digits):
                continue
            if rule_id not in rules["whole_word"] or _is_own_word(before, found):
                return reason
    if _any_rule_matches(rules, "exclude_after", after):
        for rule_id, pattern, reason in rules["exclude_after"]:
            if _number_does_not_fit(rules, rule_id, digits):
                continue
            if pattern.match(after):
                return reason
    if not _any_rule_matches(rules, "exclude_both", after):
        return None
    for rule_id, before_pattern, after_pattern, reason in rules["exclude_both"]:
        if _number_does_not_fit(rules, rule_id, digits):
            continue
        found = after_pattern.match(after) and before_pattern.search(before)
        if found and (rule_id not in rules["whole_word"] or _is_own_word(before, found)):
            return reason
    return None


def _number_does_not_fit(rules: dict, rule_id: str, digits: str | None) -> bool:
    """A rule with a ``number`` pattern applies to digits it matches only (not to a number in words)."""
    return rule_id in rules["number"] and (digits is None or not rules["number"][rule_id].search(digits))


def _is_own_word(before: str, found) -> bool:
    """The matched words end a word of their own for the segmenter ("Nghị quyết số"), not the tail
    of a compound ("dân số", "tổng số", "chỉ số")."""
    matched = " ".join(found.group().rstrip(": ").split()).lower()  # ("Số: 255": the colon is no part of the word)
    words = word_tokens(before[max(0, found.start() - 20):found.end()].strip().rstrip(":").strip())
    return bool(words) and words[-1].lower() == matched


PREVIOUS_WORD = regex.compile(r"([\p{L}\p{M}]+)\s+$")


def _opens_own_word(before: str, found) -> bool:
    """The matched words' first word is no tail of a compound with the word before it ("quy
    ước", "hương ước"): both the dictionary and the segmenter must read the compound, as the
    segmenter alone misreads ("nghèo ước cuối năm") and the dictionary alone holds rare words
    ("người dân ước đạt")."""
    first = found.group().split()[0]
    previous = PREVIOUS_WORD.search(before, 0, found.start())
    if previous is None:
        return True
    return not reads_as_one_word(previous.group(1), first, before[max(0, previous.start() - 20):found.start() + len(first)])


def reads_as_one_word(previous: str, first: str, window: str) -> bool:
    """Do ``previous`` and ``first`` make one word in ``window`` (the text around them, ending with
    ``first``)? Both the dictionary and the segmenter must read it: the segmenter alone misreads
    ("nghèo ước cuối năm"), the dictionary alone holds rare words and verb-object pairs ("tăng thu"
    in "tăng thu ngân sách 12%")."""
    pair = f"{previous} {first}".lower()
    return is_compound_word(pair) and any(word.lower().endswith(pair) for word in word_tokens(window.strip()))


def _names_bare_number(text: str, quantity: "Quantity", start: int, end: int, digits: str) -> bool:
    """A number with no unit after an identifier head ("phụ lục 01", "đường 115", "Đề án 06") or
    closing a capitalised name ("(Phục lục 4)."): it names something and counts nothing. After a
    level head a counted noun is part of the name too ("cấp độ 3 dịch bệnh"), a measure is not
    ("ở mức 7,5%")."""
    if quantity.low is not None or quantity.denominator is not None:
        return False
    # ("lần" is a unit of its own kind, and opens an ordinal: "xã Tam Xuân 2 lần thứ VII")
    counted = quantity.unit is not None and (quantity.kind == "count" or quantity.unit == "lần")
    if quantity.unit is not None and not counted:
        return False
    rules = context_rules()["bare_number_names_counted" if counted else "bare_number_names"]
    if not rules:
        return False
    before = _text_before(text, start, quantity.start)
    after = text[quantity.start + len(digits):min(end, quantity.end + AFTER_WINDOW)] if counted else text[quantity.end:min(end, quantity.end + AFTER_WINDOW)]
    whole_word = context_rules()["whole_word"]
    for rule_id, before_pattern, number_pattern, after_pattern, _ in rules:
        found = number_pattern.search(digits) and after_pattern.match(after) and before_pattern.search(before)
        if found and (rule_id not in whole_word or _is_own_word(before, found)):
            if rule_id == AFTER_PROPER_NAME and not counted and _an_item_of_named_figures(text, quantity, start, end):
                return False
            return True  # "mũi 3", not "nâng cấp 01": the head is a word of its own
    return False


AFTER_PROPER_NAME = "after-proper-name"
NAME_RUN = r"\p{Lu}[\p{L}\p{M}&]*(?:[ \t]+\p{Lu}[\p{L}\p{M}&]*){0,4}"
NAME_BEFORE_NUMBER = regex.compile(rf"(?r)(?<![\p{{L}}\p{{M}}])(?P<name>{NAME_RUN})[ \t]+$")
# the next item of a list of names and figures: ", Thăng Bình 114", "; và Núi Thành 115"
NAMED_FIGURE_GAP = r"(?:[ \t]*[,;][ \t]*(?:và[ \t]+)?|[ \t]+và[ \t]+)"  # ", ", "; và ", " và " (the last item)
NEXT_NAMED_FIGURE = regex.compile(rf"{NAMED_FIGURE_GAP}(?P<name>{NAME_RUN})[ \t]+(?P<number>\d[\d.,]*)(?![\d/])")
PREVIOUS_NAMED_FIGURE = regex.compile(rf"(?r)(?<![\p{{L}}\p{{M}}])(?P<name>{NAME_RUN})[ \t]+(?P<number>\d[\d.,]*)(?:[ \t]+[\p{{Ll}}\p{{M}}]+){{0,2}}?{NAMED_FIGURE_GAP}$")
SHARE_IN_BRACKET = regex.compile(r"[ \t]*\([ \t]*\d[\d.,]*[ \t]*%[ \t]*\)")
NAMED_LIST_REACH = 80


def _an_item_of_named_figures(text: str, quantity: "Quantity", start: int, end: int) -> bool:
    """A bare number after a capitalised name that is an item of a list of names and figures
    ("…: Điện Bàn 120, Thăng Bình 114, Núi Thành 115"; "Sở Y tế 60, Sở Tài chính 45") or carries its
    share ("THCS 123 (56%)") counts something; a run of one name numbered ("Tổ 1, Tổ 2", "Quốc lộ 1,
    Quốc lộ 14") names places."""
    if SHARE_IN_BRACKET.match(text, quantity.end, min(end, quantity.end + 20)):
        return True
    own = NAME_BEFORE_NUMBER.search(text, max(start, quantity.start - NAMED_LIST_REACH), quantity.start)
    if own is None:
        return False
    digits = text[quantity.start:quantity.end]
    neighbours = [NEXT_NAMED_FIGURE.match(text, quantity.end, min(end, quantity.end + NAMED_LIST_REACH)),
                  PREVIOUS_NAMED_FIGURE.search(text, max(start, own.start() - NAMED_LIST_REACH), own.start())]
    return any(other is not None and _different_names(own.group("name"), digits, other.group("name"), other.group("number"))
               for other in neighbours)


def _different_names(name: str, number: str, other: str, other_number: str) -> bool:
    """Two items name different things: not one name numbered twice, nor small numbers after one head word."""
    if name.lower() == other.lower():
        return False
    small = all(value.isdigit() and int(value) < 10 for value in (number, other_number))
    return not (small and name.split()[0].lower() == other.split()[0].lower())


DAY_MONTH_PAIR = regex.compile(r"([1-9]|[12]\d|3[01])\s?/\s?([1-9]|1[0-2])")


PADDED_DAY_MONTH_PAIR = regex.compile(r"(0[1-9]|[12]\d|3[01])\s?/\s?(0[1-9])")


def _date_named(text: str, quantity: Quantity, start: int) -> bool:
    """"nông trường Quốc doanh 19/5", "Trường THCS 26/3": a bare day/month pair whose first part
    exceeds the second (no part of a whole) after a proper name is a date naming it; so is one
    whose month is written with a leading zero ("tiết lập xuân 04/02"): no whole is written so."""
    if quantity.kind != "fraction" or quantity.unit is not None:
        return False
    padded = PADDED_DAY_MONTH_PAIR.fullmatch(text, quantity.start, quantity.end)
    if padded is not None and int(padded.group(1)) > int(padded.group(2)):
        return True
    pair = DAY_MONTH_PAIR.fullmatch(text, quantity.start, quantity.end)
    if pair is None or int(pair.group(1)) <= int(pair.group(2)):
        return False
    before = _text_before(text, start, quantity.start)
    return any(pattern.search(before) for pattern in context_rules()["date_shaped_names"])


def _inside_quoted_name(before: str, after: str) -> bool:
    """The number stands between an opening “ and its closing ” in the same clause."""
    opened = before.rfind("“")
    if opened < 0 or before.rfind("”") > opened:
        return False
    closing = after.find("”")
    return closing >= 0 and not QUOTE_OR_STOP.search(after[:closing])


LINK = regex.compile(r"(?i)(?:[a-z][a-z0-9+.-]*://|www\.|[\w.+-]+@[\w-]+\.)\S*|\S*\?\S*=\S*&\S*")
LINK_REACH = 300  # characters: the longest address read back from a number
NON_SPACE_RUN = regex.compile(r"\S*")


def _inside_a_link(text: str, position: int, start: int, end: int) -> bool:
    """Does the number stand in a web address or an e-mail address (the run of non-space characters
    around it)?"""
    run_start = position
    floor = max(start, position - LINK_REACH)
    while run_start > floor and not text[run_start - 1].isspace():
        run_start -= 1
    if run_start == position and not text[position:min(end, position + 40)].split(maxsplit=1)[0].count("@"):
        return False  # (a number opening its run is in no address but an e-mail's local part)
    link = LINK.match(text, run_start, min(end, position + LINK_REACH))
    return link is not None and link.end() > position


def _excluded_token_end(text: str, match, end: int, reason: str | None = None) -> int:
    """Skip a whole date or code ("16/6/2025", "57/2023/NQ-HĐND", a date typed "22 /7"), a web
    address, and a range partner of an excluded number ("trẻ 24 - 60 tháng")."""
    if reason == "link":
        return NON_SPACE_RUN.match(text, match.end(), end).end()
    token = (SPACED_DATE_TAIL if reason == "date" else TOKEN_TAIL).match(text, match.end(), end)
    position = token.end() if token else match.end()
    partner = RANGE_PARTNER.match(text, position, end)
    if partner is None:
        return position
    later_date = _date().match(text, partner.start() + len(partner.group()) - len(partner.group().lstrip(" \t-–")))
    return later_date.end() if later_date else partner.end()  # "(6-12-1989 - 6-12-2019)": the partner is a date whole


def _is_day_month(digits: str, after: str) -> bool:
    second = DAY_MONTH_TAIL.match(after)
    days = digits.split(",")  # "ngày 30,31/7/2020": two days of one month
    return bool(second and second.group(2)) and all(day.isdigit() and 1 <= int(day) <= 31 for day in days)


def _day_and_month(day: str, partner: str, after: str) -> bool:
    """"5-3": a day and a month joined by a dash, no unit after them."""
    month = partner.strip(" -–")
    return day.isdigit() and month.isdigit() and 1 <= int(day) <= 31 and 1 <= int(month) <= 12 and not _unit_follows(after)


def _unit_follows(after: str) -> bool:
    """A 4-digit number that reads like a year is a quantity only when a real unit follows."""
    if PERCENT.match(after) or magnitude_after(after, 0, len(after)):
        return True
    unit = unit_table()["pattern"].match(after)
    return bool(unit) and unit.group(1).lower() not in ("năm", "tháng", "ngày")


GLUED_PER_MILLE = regex.compile(r"0/00(?![\d/])")  # "20/00" = 2‰: a word processor's per mille sign, its "0" glued to the number


@lru_cache(maxsize=1)
def magnitude_and_rest() -> "regex.Pattern[str]":
    """A magnitude word and the smaller whole number after it, then a larger magnitude or none:
    "6 nghìn 700 tỷ đồng" is 6 700 tỷ đồng, "5 nghìn 200 người" is 5 200 người."""
    return regex.compile(rf"\s+({small_magnitudes()})\s+(\d{{1,3}})(?![\d.,]*\d|%)(?:(?=\s*({magnitude_words()})(?![\p{{L}}\p{{M}}]))|(?!\s*(?:{magnitude_words()})(?![\p{{L}}\p{{M}}])))",
                         regex.IGNORECASE)


def _with_magnitude_and_rest(text: str, first: "_Number", end: int) -> "_Number":
    """The first number joined to the magnitude and the smaller number after it, as one number."""
    if not first.digits.isdigit():
        return first
    joined = magnitude_and_rest().match(text, first.end, end)
    if joined is None:
        return first
    small = int(apply_magnitude(1, joined.group(1).lower()))
    if int(joined.group(2)) >= small or (joined.group(3) and int(apply_magnitude(1, joined.group(3).lower())) <= small):
        return first  # "2 triệu 300 nghìn": falling magnitudes are read as smaller amounts
    return _Number(first.start, joined.end(2), str(int(first.digits) * small + int(joined.group(2))))


def _read_quantity(text: str, match, start: int, end: int, counted_noun) -> Quantity | None:
    first = _with_magnitude_and_rest(text, _Number(match.start(), match.end(), match.group()), end)
    per_mille = GLUED_PER_MILLE.match(text, first.end - 1, min(len(text), first.end + 5))  # (bounded: a required "0/00")
    if per_mille and len(first.digits) > 1 and first.digits[-2].isdigit():  # "14,220/00" = 14,22‰
        row = unit_table()["by_form"]["‰"]
        return _single_quantity(text, _Number(first.start, first.end - 1, first.digits[:-1]),
                                _Unit(per_mille.end(), row["unit"], row["kind"], 1, row["comma_three"]), start, end)
    second, kind_of_pair = _second_number(text, first, end)
    first_unit = None  # the unit written right after the first number, once read
    if second is None:
        first_unit = _read_unit(text, first.end, end, counted_noun)
        second = _range_end_after_unit(text, first, first_unit, end, counted_noun)
        kind_of_pair = "range" if second is not None else None
    if second is not None and kind_of_pair == "range" and (_chained(text, second.end, end) or CHAIN_BEFORE.search(text, start, first.start)):
        second = None  # "(75-11-14)", "45% - 30% - 25%": a run of figures, each its own, no range
    if second is None:
        return _single_quantity(text, first, first_unit or _read_unit(text, first.end, end, counted_noun), start, end)
    unit = _read_unit(text, second.end, end, counted_noun)
    if kind_of_pair == "range" and text[first.end:first.end + 2].strip()[:1] == "%":
        first_unit = _read_unit(text, first.end, end, counted_noun)
        if first_unit.unit != unit.unit:
            return _single_quantity(text, first, first_unit, start, end)  # "15% - 20 người": not one range
    first_reading = _reading(first.digits, unit)  # read once: its value and its style
    low_value = None if first_reading is None else first_reading.value
    if low_value is None:
        return None
    quantity = Quantity(start=first.start, end=unit.end, value=None, unit=unit.unit, kind=unit.kind, good=unit.good)
    if kind_of_pair == "range":
        high_value = _value(second.digits, unit)
        low_unit = unit if first_unit is None else first_unit  # its own magnitude: "500 triệu đến 1 tỷ đồng"
        quantity.low, quantity.high = _scaled(low_value, low_unit), _scaled(high_value, unit)
        if quantity.low is None or quantity.high is None:
            return None
        if quantity.low >= quantity.high:  # "45% - 30%": two figures, not a range; the first is read alone
            first_unit = _read_unit(text, first.end, end, counted_noun)
            return _single_quantity(text, first, first_unit, start, end) if first_unit.unit is not None else None  # "26 và 27-6": a date
    else:  # fraction "12/19 chỉ tiêu", "1,191/ 2,127con"
        quantity.value = _scaled(low_value, unit)
        quantity.denominator = _scaled(_value(second.digits, unit), unit)
        quantity.kind = "fraction"
    quantity.number_style = first_reading.style
    quantity.qualifier = _qualifier(text, quantity, start, end)
    return quantity


def _single_quantity(text: str, number: "_Number", unit: "_Unit", start: int, end: int) -> Quantity | None:
    """One number with the unit written after it (and the smaller magnitudes that go on it: "3 tỷ 161 triệu")."""
    reading = _reading(number.digits, unit)  # read once: its value and its style
    if reading is None or reading.value is None:
        return None
    quantity = Quantity(start=number.start, end=unit.end, value=_scaled(reading.value, unit), unit=unit.unit, kind=unit.kind, good=unit.good)
    _add_smaller_magnitudes(text, quantity, unit, end)
    quantity.number_style = reading.style
    quantity.qualifier = _qualifier(text, quantity, start, end)
    return quantity


CHAIN_BEFORE = regex.compile(r"\d%?\s*[-–]\s*$")  # "75-" before a pair: the pair goes on a run


def _range_end_after_unit(text: str, first: "_Number", unit: "_Unit", end: int, counted_noun) -> "_Number | None":
    """"từ 0,5 m đến 1 m", "0,5 m - 1 m": a range whose unit (``unit``, read after the first number)
    is written after both numbers; the second number, when the same unit of measure follows it (no
    count: "2 xã - 3 thị trấn")."""
    if unit.unit is None or unit.kind in ("count", "percent") or unit.end == first.end:
        return None
    joined = RANGE_JOIN.match(text, unit.end, min(end, unit.end + JOIN_REACH))
    number = NUMBER.match(text, joined.end(), end) if joined else None
    if number is None:
        return None
    second_unit = _read_unit(text, number.end(), end, counted_noun)
    written_after_second = " ".join(text[number.end():second_unit.end].split()).lower()
    if written_after_second == " ".join(text[first.end:unit.end].split()).lower():
        return _Number(number.start(), number.end(), number.group())
    if second_unit.unit is not None and second_unit.unit.split("/")[0] == unit.unit and magnitude_run().fullmatch(text, first.end, unit.end):
        # "từ 120 triệu đến 130 triệu đồng", "500 triệu đến 1 tỷ đồng", "… đến 130 triệu đồng/người/năm"
        return _Number(number.start(), number.end(), number.group())
    return None  # another unit or magnitude: "5 triệu đồng đến 7 tỷ đồng" is no range of one unit


def _chained(text: str, position: int, end: int) -> bool:
    """A third number follows the second across a dash ("75-11-14", "45% - 30% - 25%")."""
    percent = PERCENT.match(text, position, end)
    return RANGE_PARTNER.match(text, percent.end() if percent else position, end) is not None


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    digits: str


def _second_number(text: str, first: _Number, end: int) -> tuple[_Number | None, str | None]:
    """A second number joined to the first as a range ("75-95", "15% -20%", "1 đến 2") or a
    fraction ("12/19"); the first may carry "%" before the join."""
    position = first.end
    percent = PERCENT.match(text, position)
    if percent:
        position = percent.end()
    for join, kind in ((SLASH, "fraction"), (OF_WORD, "fraction"), (RANGE_JOIN, "range")):
        if kind == "fraction" and percent:
            continue
        joined = join.match(text, position, min(end, position + JOIN_REACH))  # bounded: the engine scans for a required word as far as it may read
        if not joined:
            continue
        number = NUMBER.match(text, joined.end(), end)
        if number and join is OF_WORD and not (first.digits.isdigit() and number.group().isdigit()
                                               and int(first.digits) <= int(number.group())):
            continue  # "3 trên 5 thôn": whole numbers, the part no larger than the whole
        if number and not (kind == "range" and YEAR.fullmatch(first.digits) and YEAR.fullmatch(number.group())):
            after = text[number.end():number.end() + 3]
            if kind == "fraction" and after.startswith("/"):
                return None, None  # a date or a code: 18/4/2023
            if kind == "fraction" and not number.group().strip("0.,"):
                return None, None  # "…/00", "/0": no whole is nought
            return _Number(number.start(), number.end(), number.group()), kind
    return None, None


def _read_unit(text: str, position: int, end: int, counted_noun) -> _Unit:
    table = unit_table()
    multiplier, cursor = 1, position
    money = table["money_pattern"].match(text, cursor, end)
    if money:
        return _with_per(text, money.end(), end, _Unit(money.end(), "đồng", "money", table["money_by_form"][money.group(1).lower()], "decimal"))
    magnitude = magnitude_after(text, cursor, end)
    if magnitude:
        multiplier, length = magnitude_multiplier(magnitude.group(1))
        cursor = magnitude.start(1) + length
        money = table["money_pattern"].match(text, cursor, end)  # "nghìn tỷđ"
        if money:
            money_unit = _Unit(money.end(), "đồng", "money", multiplier * table["money_by_form"][money.group(1).lower()], "decimal")
            return _with_per(text, money.end(), end, money_unit)
    percent = PERCENT.match(text, cursor, end)
    if percent and multiplier == 1:
        return _with_per(text, percent.end(), end, _Unit(percent.end(), "%", "percent"))
    measure = table["pattern"].match(text, cursor, end)
    if measure and measure.group(1).lower() == "năm" and YEAR_AFTER.match(text, measure.end(), end):
        return _Unit(cursor, None, "count", multiplier, "thousands")  # "687.860 năm 2017": "năm" opens the year, no duration
    if measure and ((multiplier > 1 and table["by_form"][measure.group(1).lower()]["kind"] == "money")
                    or not _starts_longer_word(text, measure, end, counted_noun)):
        # (after a magnitude the currency is money whatever word it joins: "tỷ đồng vốn", "triệu đồng tiền")
        row = table["by_form"][measure.group(1).lower()]
        comma_three = "decimal" if multiplier > 1 else row["comma_three"]  # "56,604 tỷ đồng"
        unit = _Unit(measure.end(), row["unit"], row["kind"], multiplier, comma_three)
        return _measure_per(text, end, unit)
    if multiplier >= 1_000_000:
        noun = counted_noun(_text_after(text, cursor, end, counted_noun))
        if noun is None:
            tail = _unit_after_smaller_magnitudes(text, cursor, end, counted_noun)
            if tail is not None:
                return _Unit(cursor, tail.unit, tail.kind, multiplier * tail.multiplier, "decimal", tail_end=tail.end)
        if noun is None or noun[0] in ("đồng",):
            # "15,610 tỷ", "900 triệu", "250 triệu/năm": money with the currency elided
            return _with_per(text, cursor, end, _Unit(cursor, "đồng", "money", multiplier, "decimal"))
        return _counted_per(text, end, _Unit(_noun_end(text, cursor, noun[1]), noun[0], "count", multiplier, "decimal"))  # "180 triệu trái/năm"
    comma_three = "decimal" if multiplier > 1 else "thousands"  # "425,406 ngàn lượt khách": a decimal before a magnitude
    noun = counted_noun(_text_after(text, cursor, end, counted_noun))
    if noun is None:
        return _Unit(cursor, None, "count", multiplier, comma_three)
    return _counted_per(text, end, _Unit(_noun_end(text, cursor, noun[1]), noun[0], "count", multiplier, comma_three))


YEAR_AFTER = regex.compile(r"\s+(?:19|20)\d\d(?!\d)")
GOOD_REACH = 40  # characters of a good's name between a measure and its base
NOUN_MODIFIER_BEFORE_SLASH = regex.compile(r"(?:\s+[\p{Ll}\p{M}]+){1,2}(?=\s?/)")
NOUN_MODIFIER_BEFORE_PERIOD = regex.compile(r"(?:\s+[\p{Ll}\p{M}]+){1,2}(?=\s?/\s?(?:năm|tháng|ngày|tuần|quý)(?![\p{L}\p{M}]))")


def _measure_per(text: str, end: int, unit: _Unit) -> _Unit:
    """A measure per base is a rate: "20 tấn/ha"; so is a measure of a named good per base, the
    good's name between them ("6,5 tấn thóc/ha", "15 kg gạo/nhân khẩu/tháng", "1.200 m3 nước/ngày
    đêm" → tấn/ha, kg/nhân khẩu/tháng, m3/ngày đêm)."""
    rate = _with_per(text, unit.end, end, unit)
    if rate is not unit:
        return rate
    good = NOUN_MODIFIER_BEFORE_SLASH.match(text, unit.end, min(end, unit.end + GOOD_REACH))  # (bounded: a required "/")
    if good is None:
        return unit
    rate = _with_per(text, good.end(), end, unit)
    return replace(rate, good=" ".join(good.group().split())) if rate.kind == "rate" else unit


def _counted_per(text: str, end: int, unit: _Unit) -> _Unit:
    """A counted noun per period or per base is a rate: "2 buổi/ ngày", "3 con/hộ"; a modifier
    of the noun may stand before a period ("2-5 hộ nghèo/năm" → hộ/năm)."""
    rate = _with_per(text, unit.end, end, unit)
    if rate is not unit:
        return rate
    modifier = NOUN_MODIFIER_BEFORE_PERIOD.match(text, unit.end, end)
    if modifier is None:
        return unit
    rate = _with_per(text, modifier.end(), end, unit)
    return rate if rate.kind == "rate" else unit


def _starts_longer_word(text: str, measure, end: int, counted_noun) -> bool:
    """"đồng chí" is a counted noun, not money: a unit form that begins a longer word is no unit."""
    form = measure.group(1)
    if not form[:1].isalpha() or text[measure.end():measure.end() + 1] != " ":
        return False
    after = _text_after(text, measure.start(1), end, counted_noun)
    if counted_noun is first_noun and _first_word_is_not_longer(after, form):
        return False  # the tokenizer alone decides: no POS tagging needed
    noun = counted_noun(after)
    return noun is not None and len(noun[0]) > len(form) and noun[0].startswith(form.lower()) \
        and not AGE_AFTER_DURATION.match(noun[0][len(form):])  # ("47 năm tuổi đảng": years of membership, a duration)


AGE_AFTER_DURATION = regex.compile(r"\s+tuổi(?![\p{L}\p{M}])")


def _first_word_is_not_longer(after: str, form: str) -> bool:
    """True when ``first_noun(after)`` cannot be a longer word starting with ``form`` whatever the
    POS tags: the tagger tags the tokenizer's words, and the first word after the number, not a
    classifier, is not such a word. False means "ask first_noun"."""
    found = _noun_window(after)
    if found is None:
        return True  # first_noun gives None
    stripped, window = found
    if _known_noun(stripped[1:] if stripped[:1] in OPENING_QUOTES else stripped):
        return False  # first_noun answers from the lexicon, without the tagger
    words = word_tokens(NUMBER_CONTEXT + window)
    if len(words) < 2:
        return True  # nothing after the number: first_noun gives None
    first = words[1].lower()
    if first in unit_table()["classifiers_joined"]:
        return False  # the phrase may take the next word too
    return not (len(first) > len(form) and first.startswith(form.lower()))


def _text_after(text: str, cursor: int, end: int, counted_noun) -> str:
    """``text[cursor:end]`` for ``counted_noun``; ``first_noun`` reads only a short stretch after
    the white space it skips, so it gets just that (copying the rest of a long paragraph for every
    figure made long paragraphs quadratic)."""
    if counted_noun is not first_noun:
        return text[cursor:end]
    reach = cursor
    while reach < end and text[reach].isspace():
        reach += 1
    return text[cursor:min(end, reach + FIRST_NOUN_READS)]


def _noun_end(text: str, cursor: int, length: int) -> int:
    gap = cursor  # the white space str.lstrip() would drop, counted without copying the rest of the text
    while gap < len(text) and text[gap].isspace():
        gap += 1
    return min(gap + length, len(text))


def _with_per(text: str, position: int, end: int, unit: _Unit) -> _Unit:
    """Compound units: "tấn/ha", "đồng/người/năm", "%/năm", "lần/tháng"."""
    table = unit_table()
    names = [unit.unit]
    cursor = position
    while True:
        slash = SLASH.match(text, cursor, end) or (EACH_PERIOD.match(text, cursor, min(end, cursor + EACH_PERIOD_REACH))
                                                    if unit.kind != "percent" else None)
        if not slash:
            yearly = PERCENT_A_YEAR.match(text, cursor, end) if unit.kind == "percent" and cursor == position else None
            if yearly is not None:
                names.append("năm")
                cursor = yearly.end()
            break
        count = PERIOD_COUNT.match(text, slash.end(), end)  # "45 kg/người/6 tháng": a period of several
        after = count.end() if count else slash.end()
        word = next((w for w in table["per_words"] if text[after:after + len(w)].lower() == w
                     and not text[after + len(w):after + len(w) + 1].isalpha()
                     and (count is None or w in PERIOD_WORDS)), None)
        if word is None:
            break
        names.append(f"{count.group(1)} {word}" if count else word)
        cursor = after + len(word)
    if len(names) == 1:
        return unit
    return replace(unit, end=cursor, unit="/".join(names), kind="rate")


@lru_cache(maxsize=1)
def magnitude_words(below: int | None = None) -> str:
    """The magnitude words (below ``below``), as an alternation ("nghìn|ngàn|vạn|triệu|tỷ|tỉ"): from
    the number lexicon (numbers/numerals.json), their one home."""
    forms = sorted((form for form, word in lexicon().by_form.items()
                    if word.kind == "magnitude" and (below is None or word.value < below)), key=len, reverse=True)
    return "|".join(map(regex.escape, forms))


def small_magnitudes() -> str:
    """The magnitude words below a billion ("nghìn|ngàn|vạn|triệu")."""
    return magnitude_words(below=10**9)


@lru_cache(maxsize=1)
def per_base() -> "regex.Pattern[str]":
    """"trên" or "/" meaning "per", and the base: "40 giường bệnh trên 1 vạn dân", "12 bác sỹ trên
    10.000 dân", "30 giường bệnh/1 vạn dân", "9 bác sĩ/vạn dân"."""
    return regex.compile(r"(?:\s+trên\s+|\s*/\s*)(?P<base>(?:(?P<one>1|một)?(?(one)|1(?:0{1,2})?(?:\.000)*)"
                         rf"(?:\s+(?:{small_magnitudes()}))?|(?<=/\s*)(?:{small_magnitudes()})))(?=\s+\p{{L}})", regex.IGNORECASE)
PER_LIST_GAP = regex.compile(r"\s*(?:,|và)\s*")
# "trên 1 vạn dân" and the word after it fit in this many characters; a match bounded by the
# paragraph end instead costs time in proportion to the paragraph (regex looks for "trên" there)
PER_BASE_WINDOW = 80


def _per_population(text: str, quantities: list[Quantity], end: int, counted_noun) -> None:
    """A count followed by "trên 1 vạn dân" is a rate; the counts listed before it with it share the
    base ("12 bác sỹ, 40 giường bệnh trên 1 vạn dân"); the base is no figure of its own."""
    last = quantities[-1]
    if last.kind != "count" or not last.unit or last.value is None:
        return
    base = per_base().match(text, last.end, min(end, last.end + PER_BASE_WINDOW))
    if not base:
        return
    noun = counted_noun(_text_after(text, base.end(), end, counted_noun))
    if noun is None or noun[0] == last.unit:
        return  # "5 xã trên 10 xã" compares like with like
    noun_end = _noun_end(text, base.end(), noun[1])
    # the base as written, without "trên" or "/" ("1 vạn dân", "10.000 dân", "vạn dân")
    per = " ".join(unicodedata.normalize("NFC", text[base.start("base"):noun_end]).lower().split())
    last.end = noun_end
    last.unit, last.kind = f"{last.unit}/{per}", "rate"
    following = last
    for quantity in reversed(quantities[:-1]):
        if not PER_LIST_GAP.fullmatch(text, quantity.end, following.start):
            break
        if quantity.kind != "count" or not quantity.unit or "/" in quantity.unit:
            break
        quantity.unit, quantity.kind = f"{quantity.unit}/{per}", "rate"
        following = quantity


SMALLER_MAGNITUDE_WINDOW = 40  # " 434 triệu đồng": bounded like PER_BASE (a far end costs a scan)


@lru_cache(maxsize=1)
def smaller_magnitude() -> "regex.Pattern[str]":
    # (the smaller amount may carry a decimal comma: "68 tỷ 237,7 triệu đồng")
    return regex.compile(rf"\s+(\d{{1,3}}(?:,\d{{1,3}})?)\s*({small_magnitudes()})(?:\s*(đồng|đ)(?![\p{{L}}]))?", regex.IGNORECASE)


def _smaller_amount(digits: str) -> Decimal:
    return Decimal(digits.replace(",", "."))


def _unit_after_smaller_magnitudes(text: str, position: int, end: int, counted_noun) -> "_Unit | None":
    """The unit after a run of smaller magnitudes ("7 triệu| 520 nghìn con", "1 tỷ| 252 triệu USD"),
    when it is no đồng: None when no run follows, the run names đồng, or no unit ends it."""
    cursor = position
    while True:
        more = smaller_magnitude().match(text, cursor, min(end, cursor + SMALLER_MAGNITUDE_WINDOW))
        if more is None:
            break
        if more.group(3):
            return None
        cursor = more.end()
    if cursor == position:
        return None
    unit = _read_unit(text, cursor, end, counted_noun)
    if unit.unit is None or unit.unit == "đồng" or unit.kind == "rate":
        return None
    return unit


def _add_smaller_magnitudes(text: str, quantity: Quantity, unit: _Unit, end: int) -> None:
    """"16 tỷ 434 triệu đồng" is one amount: 16 434 000 000 đồng; so are "7 triệu 520 nghìn con"
    and "1 tỷ 252 triệu USD", whose unit stands after the last magnitude (``unit.tail_end``)."""
    if unit.tail_end is not None:
        base = unit.multiplier
        while True:
            more = smaller_magnitude().match(text, quantity.end, min(end, quantity.end + SMALLER_MAGNITUDE_WINDOW))
            if not more:
                break
            multiplier = int(apply_magnitude(1, more.group(2).lower()))
            quantity.value = int(Decimal(str(quantity.value)) + _smaller_amount(more.group(1)) * multiplier)
            quantity.end = more.end()
        quantity.end = unit.tail_end
        return
    if unit.unit != "đồng" or unit.multiplier < 1_000_000:
        return
    amount_end = quantity.end
    while True:
        more = smaller_magnitude().match(text, quantity.end, min(end, quantity.end + SMALLER_MAGNITUDE_WINDOW))
        if not more or int(apply_magnitude(1, more.group(2).lower())) >= unit.multiplier:
            break
        quantity.value = int(Decimal(str(quantity.value)) + _smaller_amount(more.group(1)) * int(apply_magnitude(1, more.group(2).lower())))
        quantity.end = more.end()
    if quantity.end != amount_end:  # "2 triệu 500 nghìn đồng/người/tháng": the rate goes on the whole amount
        rate = _with_per(text, quantity.end, end, unit)
        if rate.kind == "rate":
            quantity.unit, quantity.kind, quantity.end = rate.unit, rate.kind, rate.end


COMMA_THOUSANDS = regex.compile(r"\d{1,3}(?:,\d{3})+")


def _reading(digits: str, unit: _Unit):
    """Read digits in the style the unit makes plausible ("649,652 con": animals are whole)."""
    prefer = "thousands" if unit.comma_three == "thousands" and COMMA_THOUSANDS.fullmatch(digits) else "vi"
    return read_digits(digits, prefer=prefer)


def _value(digits: str, unit: _Unit):
    reading = _reading(digits, unit)
    return None if reading is None else reading.value


def _scaled(value, unit: _Unit):
    if value is None:
        return None
    if unit.multiplier == 1:
        return value
    scaled = Decimal(str(value)) * unit.multiplier
    return int(scaled) if scaled == scaled.to_integral_value() else float(scaled)


QUALIFIER_AFTER_WINDOW = 32  # characters after a figure read for "trở lên" past a few words of what is counted


BOUND_BEFORE_PERIOD = regex.compile(r"(?i)\s(?=trở\s+(?:lên|xuống)\s*/)")  # "10 đảng viên trở lên/năm": the bound inside a rate


def _qualifier(text: str, quantity: Quantity, start: int, end: int) -> str | None:
    before = _text_before(text, start, quantity.start)
    inside = BOUND_BEFORE_PERIOD.search(text, quantity.start, quantity.end) if quantity.kind == "rate" else None
    after = text[inside.start() if inside else quantity.end:min(end, quantity.end + QUALIFIER_AFTER_WINDOW)]
    rules = context_rules()
    if _any_rule_matches(rules, "qualifiers_after", after):
        for rule_id, pattern, qualifier in rules["qualifiers_after"]:
            condition = rules["qualifier_before"].get(rule_id)
            if pattern.match(after) and (condition is None or condition.search(before)):
                return qualifier
    lowered = before.lower()
    if _any_rule_searches(rules, "qualifiers", lowered):
        found = _qualifier_before(text, quantity, start, end, lowered)
        if found is not None:
            return found or None
    return _clause_qualifier(text, quantity, start)


CHANGE_REACH = 60  # the change verb and the words between it and the figure


def _change(text: str, quantity: Quantity, start: int, end: int) -> str | None:
    """"increase" or "decrease" when the figure is the amount of a change ("giảm từ 0,5% trở lên",
    "tăng 12%"), else None (a level: "giảm còn 3%", "tăng lên 50%", "từ 68% xuống còn 60,8%")."""
    before = text[max(start, quantity.start - CHANGE_REACH):quantity.start]
    rules = context_rules()
    for pattern, change in rules["changes"]:
        found = pattern.search(before)
        if found is None:
            continue
        if found.group().rstrip().lower().endswith("từ") and rules["change_unless_after"].match(text, quantity.end, min(end, quantity.end + AFTER_WINDOW + 20)):
            return None
        return change
    return None


@dataclass(frozen=True)
class _BasisRules:
    after: "regex.Pattern[str]"  # the lead and a basis right after a figure: "tăng 12% so với cùng kỳ"
    direct: "regex.Pattern[str]"  # a basis right after a percentage, no lead: "đạt 95% kế hoạch"
    unless_direct: "regex.Pattern[str]"
    before: "regex.Pattern[str]"  # a basis, then a verb, before the figure: "so dự toán giao đạt 42%"
    opening: "regex.Pattern[str]"  # a sentence opened by a basis: "So với cùng kỳ năm trước, …"
    figure_before: "regex.Pattern[str]"  # a basis right after a figure of its own
    kinds: dict[str, str]  # group name → basis


def _basis_rules(data: dict) -> _BasisRules:
    """One alternation per side, a named group per rule (the first rule matching decides)."""
    def group(row) -> str:
        return row["id"].replace("-", "_")  # (a group's name is an identifier)

    def alternation(rows) -> str:
        # each rule's own year group is renamed: one name per group in an alternation
        return "|".join(f"(?P<{group(row)}>{row['words'].replace('(?P<year>', f'(?P<year_{group(row)}>')})" for row in rows)
    rows, direct_rows = data["rules"], [row for row in data["rules"] if row["direct"]]
    words, tail, lead, gap = alternation(rows), data["year_tail"], data["lead"], data["gap"]
    end = r"(?![\p{L}\p{M}])"
    return _BasisRules(
        after=regex.compile(rf"(?i)\s*\(?{gap}\s*(?<![\p{{L}}\p{{M}}])(?:{lead})\s+(?:{words}){end}{tail}"),
        direct=regex.compile(rf"(?i)\s*(?:(?:của|tổng)\s+)?(?:{alternation(direct_rows)}){end}{tail}"),
        unless_direct=regex.compile(rf"(?i){data['unless_direct']}"),
        before=regex.compile(rf"(?i)(?<![\p{{L}}\p{{M}}])(?:{lead})\s+(?:{words}){end}{tail}{gap}\s*,?\s*(?:{data['verbs']})"
                             rf"(?:\s+(?:{shared_patterns()['about_word']}))?\s*$"),
        opening=regex.compile(rf"(?i)\s*(?:[^.;:!?\n,\d]{{0,40}},\s*)?(?:{lead})\s+(?:{words}){end}{tail}[^.;:!?\n,\d]{{0,30}},"),
        figure_before=regex.compile(r"\d\s*(?:%|[\p{L}\p{M}]+(?:\s+[\p{L}\p{M}]+)?)?\s*\(?\s*$"),
        kinds={group(row): row["basis"] for row in rows})


def _basis_of(found) -> tuple[str, int | None]:
    name = next(name for name, value in found.groupdict().items() if value is not None and not name.startswith("year"))
    year = next((int(value) for key, value in found.groupdict().items() if key.startswith("year") and value), None)
    return name, year


BASIS_REACH = 80  # characters of a basis and its verb before a figure
BASIS_CLAUSE_START = regex.compile(r"(?r)[.;:!?()\n]")  # a basis before its figure stands in its clause (commas inside)


def _basis(text: str, quantity: Quantity, start: int, end: int) -> tuple[str | None, int | None]:
    """What a percentage, a multiple or a change is measured against ("plan", "same_period", …,
    context_rules.json ``bases``) and the year the text names for it; (None, None) for a level or none."""
    if not (quantity.unit or "").startswith(("%", "lần")) and quantity.change is None:
        return None, None
    rules = context_rules()["bases"]
    found = rules.after.match(text, quantity.end, min(end, quantity.end + BASIS_REACH))
    if found is None and (quantity.unit or "").startswith("%"):
        found = rules.direct.match(text, quantity.end, min(end, quantity.end + BASIS_REACH))
        if found is not None and rules.unless_direct.match(text, found.end(), min(end, found.end() + BASIS_REACH)):
            found = None
    if found is None:
        clause = BASIS_CLAUSE_START.search(text, max(start, quantity.start - BASIS_REACH), quantity.start)
        found = rules.before.search(text, clause.end() if clause else max(start, quantity.start - BASIS_REACH), quantity.start)
        if found is not None and "," in found.group() and rules.figure_before.search(text, max(start, found.start() - 20), found.start()):
            found = None  # "giảm 2% so với cùng kỳ, tăng 5% …": the 2%'s basis ("5.000 con so với cùng kỳ giảm 3%" is the 3%'s)
    if found is None:
        sentence = _sentence_start(text, quantity.start, start)
        found = rules.opening.match(text, sentence, quantity.start)
        if found is not None and ";" in text[found.end():quantity.start]:
            found = None
    if found is None:
        return None, None
    name, year = _basis_of(found)
    return rules.kinds[name], year


@lru_cache(maxsize=1)
def plan_bracket_before() -> "regex.Pattern[str]":
    """Plan words opening a bracket right before a figure ("… 6,15%/năm (chỉ tiêu Nghị quyết từ 8-9%/năm)"):
    shared ``plan_bracket``, searched back PLAN_BRACKET_REACH characters."""
    return regex.compile(shared_patterns()["plan_bracket"] + r"$")


PLAN_BRACKET_REACH = 60  # characters of plan words opening a bracket before its figure


def _clause_qualifier(text: str, quantity: Quantity, start: int) -> str | None:
    """The qualifier an opening word of the sentence gives every figure in it ("Dự ước …"), but a
    plan's in brackets ("Ước tính … là 6,15%/năm (chỉ tiêu Nghị quyết từ 8-9%/năm)": set, not estimated)."""
    if plan_bracket_before().search(text, max(start, quantity.start - PLAN_BRACKET_REACH), quantity.start):
        return None
    sentence = _sentence_start(text, quantity.start, start)
    for _, pattern, qualifier in context_rules()["clause_qualifiers"]:
        if pattern.match(text, sentence, quantity.start):
            return qualifier
    return None


def _qualifier_before(text: str, quantity: Quantity, start: int, end: int, lowered: str) -> str | None:
    """The qualifier of the first rule whose words stand before the figure; "" when one rules
    out any qualifier (a least/most pair); None when no rule holds."""
    rules = context_rules()
    for rule_id, pattern, qualifier in rules["qualifiers"]:
        found = pattern.search(lowered)
        if found:
            if rule_id in rules["whole_word"] and not _opens_own_word(lowered, found):
                continue  # "quy ước 8 thôn": the tail of a compound qualifies nothing
            if qualifier == "at_least" and quantity.low is not None:
                continue  # "từ 75-95 triệu": "từ" opens the range
            if not _qualifier_holds(text, quantity, start, end, rule_id):
                continue
            if qualifier in ("at_least", "at_most") and _in_superlative_pair(text, quantity, start, end):
                return ""  # "giảm ít nhất là 1 tiêu chí, nhiều nhất là 7": the least and the most, no bounds
            return qualifier
    return None


def _qualifier_holds(text: str, quantity: Quantity, start: int, end: int, rule_id: str) -> bool:
    """A rule's sentence and after conditions: bare "từ 10.000 tỷ đồng" bounds a target from below
    in a sentence that states targets, unless a second figure makes it a range or a change
    ("từ 494 hộ xuống còn 247 hộ")."""
    rules = context_rules()
    sentence = rules["qualifier_sentence"].get(rule_id)
    if sentence is not None and not sentence.search(text, _sentence_start(text, quantity.start, start), quantity.start):
        return False
    unless_sentence = rules["qualifier_unless_sentence"].get(rule_id)
    if unless_sentence is not None and unless_sentence.search(text, _sentence_start(text, quantity.start, start), quantity.start):
        return False  # "So với cùng kỳ, phát hiện nhiều hơn 15 vụ": a difference from the base before it
    unless = rules["qualifier_unless_after"].get(rule_id)
    return unless is None or not unless.match(text[quantity.end:min(end, quantity.end + AFTER_WINDOW + 20)])


SUPERLATIVE_REACH = 160  # characters either side: one sentence holds the pair


def _in_superlative_pair(text: str, quantity: Quantity, start: int, end: int) -> bool:
    """The figure is one of a least/most pair of one sentence (context_rules.json
    "superlative_pairs")."""
    window_start = max(start, quantity.start - SUPERLATIVE_REACH)
    for pattern in context_rules()["superlative_pairs"]:
        for found in pattern.finditer(text, window_start, min(end, quantity.end + SUPERLATIVE_REACH)):
            starts = found.starts("first") + found.starts("second")
            if quantity.start in starts:
                return True
    return False


# ---- counted nouns ------------------------------------------------------------------------

NUMBER_CONTEXT = "5 "
OPENING_QUOTES = ("“", '"')
STOP_AT = regex.compile(rf"[,;:.()\[\]“”\"!?…]|(?!{SLASHED_LETTER})/|\s-\s|\d")  # "đ/c" is a word
FIRST_NOUN_READS = AFTER_WINDOW + 8  # after leading white space: the window and a stop just past it


def first_noun(after: str) -> tuple[str, int] | None:
    """(counted noun, its length in ``after`` from the first non-space) using underthesea's POS tags:
    the first word when it is a noun ("đảng viên", "hợp tác xã"), a classifier joined to its noun
    for collectives ("đàn ong")."""
    found = _noun_window(after)
    if found is None:
        return None
    stripped, window = found
    quote = 1 if stripped[:1] in OPENING_QUOTES else 0  # 17 “Tủ sách …”: the noun opens a quoted name
    stripped = stripped[quote:]
    known = _known_noun(stripped)  # (a lexicalised noun may hold a comma: "chi, đảng bộ")
    if known and known.lower() not in unit_table()["classifiers_joined"]:  # a classifier may take its noun
        return known.lower(), quote + _length_in(stripped, known)
    if quote:
        window = window[:1].lower() + window[1:]  # a capital after the quote starts the name, not a proper noun
    tagged = _pos_tag(NUMBER_CONTEXT + window)[1:]  # after a number the tagger reads nouns as nouns
    if not tagged:
        return None
    word, tag = tagged[0]
    if not tag.startswith("N") and not _noun_read_alone(word):
        return None
    words = [_without_a_glued_predicate(word)]
    if word.lower() in unit_table()["classifiers_joined"] and len(tagged) > 1 \
            and (tagged[1][1].startswith("N") or is_compound_word(f"{word.lower()} {tagged[1][0].lower()}")):
        words.append(_classified_noun(tagged[1][0], tagged[2][0] if len(tagged) > 2 else None))
    phrase = " ".join(words)
    length = _length_in(stripped, phrase) if not quote else _length_in(stripped.lower(), phrase.lower())
    return phrase.lower(), quote + length


def lexicon_noun(after: str) -> tuple[str, int] | None:
    """Like ``first_noun``, but only a counted noun of counted_nouns.json: no noun guessed from POS
    tags (a table's unit cell is a known unit, not any noun that ends a row's label)."""
    stripped = after.lstrip()
    known = _known_noun(stripped)
    return (known.lower(), len(known)) if known else None


def _noun_read_alone(word: str) -> bool:
    """"09 mã số vùng trồng": a dictionary compound the tagger reads as a verb before the words after
    it is a noun when, after the number alone, it reads as one (a verb stays a verb: "1 hoàn thành")."""
    if " " not in word or not is_compound_word(word.lower()):
        return False
    alone = _pos_tag(NUMBER_CONTEXT + word)[1:]
    return len(alone) == 1 and alone[0][1].startswith("N")


def _without_a_glued_predicate(word: str) -> str:
    """"nhà tốc" (of "6.300 nhà tốc mái"): the segmenter glued a verb of damage to the noun; a word no
    dictionary holds keeps its noun only (counted_nouns.json "predicate_syllables")."""
    syllables = word.split()
    if len(syllables) == 2 and syllables[1].lower() in _predicate_syllables() and not is_compound_word(word.lower()):
        return syllables[0]
    return word


@lru_cache(maxsize=1)
def _predicate_syllables() -> frozenset[str]:
    return frozenset(_load("counted_nouns.json")["predicate_syllables"])


def _classified_noun(noun: str, following: str | None) -> str:
    """The noun a classifier joins: "đàn ong", "suất quà", "cuộc thi" (a dictionary word the tagger
    split), "chiếc xe máy"; only the head syllable of a compound that adds a modifier to it ("căn
    nhà tình nghĩa" → "căn nhà", as "căn nhà tình thương") or that the tokenizer glued across a
    word ("ngôi nhà văn hóa": "văn hóa"; "ngôi nhà tốc mái": no word "nhà tốc")."""
    syllables = noun.split()
    if len(syllables) < 2:
        return noun
    split_word = following is not None and is_compound_word(f"{syllables[-1]} {following.split()[0]}".lower())
    if len(syllables) > 2 or split_word or not is_compound_word(noun.lower()):
        return syllables[0]
    return noun


def _noun_window(after: str) -> tuple[str, str] | None:
    """(``after`` without leading white space, the words first_noun looks at) or None when there
    is no word to look at."""
    stripped = after.lstrip()
    body = stripped[1:] if stripped[:1] in OPENING_QUOTES else stripped
    if not body or not body[0].isalpha():
        return None
    window = body[:STOP_AT.search(body).start()] if STOP_AT.search(body) else body[:AFTER_WINDOW]
    window = window[:AFTER_WINDOW].strip()
    if not window:
        return None
    return stripped, window


@lru_cache(maxsize=1)
def _known_nouns() -> "regex.Pattern[str]":
    data = _load("counted_nouns.json")
    nouns = sorted(data["nouns"], key=len, reverse=True)
    return regex.compile(r"(?i)(" + "|".join(regex.escape(n).replace("\\ ", r"\s+") for n in nouns) + r")(?![\p{L}\p{M}])")


def _known_noun(window: str) -> str | None:
    match = _known_nouns().match(window)
    return match.group(1) if match else None


def _length_in(text: str, phrase: str) -> int:
    """Length of ``phrase`` as it appears at the start of ``text`` (spacing may differ)."""
    match = _spaced_phrase(phrase).match(text)
    return match.end() if match else min(len(phrase), len(text))


@lru_cache(maxsize=4096)
def _spaced_phrase(phrase: str) -> "regex.Pattern[str]":
    # the tagger may split what the text glues ("Y$" → "Y $"): spaces between parts are optional
    return regex.compile(r"\s*".join(regex.escape(part) for part in phrase.split()))


_pos_tag = pos_tags
