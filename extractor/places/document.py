"""One document's places: its mentions resolved against the gazetteer, and its reporting unit.

A ``DocumentPlaces`` is built once per document and travels with it (no module-level state):
1. every type word followed by a name the gazetteer knows at that type's level ("xã Cò Nòi",
   "tỉnh Sơn La"; the longest such name, so "tỉnh Sơn La Xã …" names tỉnh Sơn La and
   "tỉnh Kinh" names nothing);
2. the reporting unit, from the letterhead and title, else from the organisations the text
   names most ("Đảng bộ xã Mai Sơn");
3. each mention resolved to one unit by the document's evidence: its province (the reporting
   unit's, else the one its mentions point to), the districts it names, its date for the vintage;
4. bare names the document introduced with a type ("Hát Lót"), and type words standing alone for a
   unit the reader knows ("toàn xã", "của tỉnh") — the reporting unit, its parent of that type, or
   the one unit of that type it was formed from.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

import regex
from extractor.places.gazetteer import LEVEL_RANK, NEW, OLD, AdminUnit, Gazetteer, load_gazetteer
from extractor.places.mentions import (FOLLOWING_WORD, LIST_JOINT, OFFICE_REACH, ends_a_compound, find_mentions, names_a_class_in_a_phrase,
                                       place_lookup, place_rules, predicate_follows)
from extractor.rules import load_rules, shared_patterns
from extractor.spans import SpanIndex, bracket_open_at
from extractor.syllables import is_common_word, is_compound_word, name_key, spell
from extractor.terms import document_term
from extractor.tagging import pos_tags, word_tokens

NAME_DASH = regex.compile(r"\s*[-–]\s*")

DATE = regex.compile(r"(?:ngày\s+[0-9]{1,2}\s*[/.-]\s*([0-9]{1,2})\s*[/.-]\s*((?:19|20)[0-9][0-9])|tháng\s+([0-9]{1,2})\s+năm\s+((?:19|20)[0-9][0-9])|\bdate\s+((?:19|20)[0-9][0-9])-([0-9][0-9])|(?<![0-9/])[0-3]?[0-9]/(0?[1-9]|1[0-2])/((?:19|20)[0-9][0-9])(?![0-9/]))", regex.IGNORECASE)
MERGER = (2025, 7)  # the new units are in force from 1 July 2025
OPENING_CHARS = 3000
NEWS_OPENING_CHARS = 600
TITLE_LINES = 5  # lines read for a title: the first, or the first after lines of page furniture
# a line of page furniture: site navigation in ASCII ("Skip to main content", "You are here"), a date
# and time ("Ngày 11/11/2022-09:13:00 AM"); a Vietnamese line may be the title itself
PAGE_FURNITURE = regex.compile(r"[ \t]*(?:[A-Za-z][A-Za-z ’'>|/-]{0,59}|(?i:ngày)?[ \t]*\d{1,2}[/.-]\d{1,2}[/.-]\d{4}[\d:\sAPMapm-]{0,20})[ \t]*")
SENTENCE_END = regex.compile(r"(?<!(?:^|\n)[\p{Lu} \t]{0,12}[\d.IVXLC]+)[.!?](?=\s|$)")  # not a heading's number ("CHƯƠNG 2.")
PASSIVE_MARKERS = frozenset({"được", "bị"})  # "được xã Trà Côn triển khai": the unit is the agent
OBJECT_WINDOW_WORDS = 4  # words before a unit tagged to see whether a verb governs it
LIST_REACH = 40  # characters after a unit read for the next unit of its list
MERGER_LIST_REACH = 200  # characters after a merger verb where its list of old units stands
ADDRESS_COMMA = regex.compile(r"[ \t]*,[ \t]*")
# an award or a speech in a photo's caption: the unit named after it gave or spoke, it issued nothing
CAPTION_BEFORE = regex.compile(r"(?i)(?<![\p{L}\p{M}])(?:trao(?:\s+tặng)?|tặng|nhận|phát\s+biểu|chúc\s+mừng)(?![\p{L}\p{M}])")
LETTERHEAD_REACH = 80  # characters of its line before a letterhead's unit (the organisation, a title's words)
TITLE_CHARS = 250  # a title line is at most this long, and so is the part of the opening line read
MIN_BARE_NAME_SYLLABLES = 2
TYPE_WORD_REFERENCES = 1  # type words standing alone for a unit that make the only unit named the text's
BARE_NAMES_TO_SETTLE = 2  # distinct bare names of one province that settle it where nothing else does
BARE_NAME_LEVELS = ("district", "commune")  # the levels of a breakdown's bare names
MAX_PROVINCE_SYLLABLES = 4  # "Bà Rịa - Vũng Tàu" is read as its words
# two or more capitalised words on one line: where a bare province name may stand
# "Nam Giang 2.569 hộ", "Đam Rông: 79%", "Bắc Trà My có tổng số hộ nghèo nhiều nhất với 3.704 hộ"
FIGURE_AFTER_NAME = regex.compile(r"[ \t]*(?::|\(|với|đạt|là|có)?[ \t]*\d|[ \t]+(?:có|đạt|là|chiếm|giảm|tăng|thực[ \t]+hiện|ước)[ \t][^.;,:\d\n]{0,60}\d")
# (a syllable may hold an apostrophe: "Đắk R’lấp", "Ia H'Drai")
CAPITALISED_RUN = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]*(?:['’ʼ][\p{L}\p{M}]+)*(?:[ \t]+\p{Lu}[\p{L}\p{M}]*(?:['’ʼ][\p{L}\p{M}]+)*)+(?![\p{L}\p{M}'’ʼ])")
# a province's name may join its halves by a dash ("Bà Rịa - Vũng Tàu", "Bà Rịa-Vũng Tàu"); read as its syllables
CAPITALISED_DASHED_RUN = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]*(?:(?:[ \t]+|[ \t]*[-–][ \t]*)\p{Lu}[\p{L}\p{M}]*)+(?![\p{L}\p{M}])")
NAME_SYLLABLE_RUN = regex.compile(r"[\p{L}\p{M}]+")
LEAD_WINDOW = 40  # characters before a type word searched for its lead ("trên địa bàn", "ủy ban nhân dân")
SENTENCE_OPENING = regex.compile(r"(?:^|[.!?;:]|\n)\s*$")  # a type word opening a sentence stands alone as its subject
VINTAGE_MARK_REACH = 12
# "(mới)", "(cũ)", "cũ"; a bare "mới" only before punctuation ("mới" is also "just": "xã X mới đạt …")
VINTAGE_MARK = regex.compile(r"\s*\(\s*((?i:mới|cũ))\s*\)|\s+((?i:cũ)(?![\p{L}\p{M}])|(?i:mới)(?=\s*(?:[,.;:)]|$)))")
PROVINCE_TYPES = ("tỉnh", "thành phố")
PROVINCE_VOTE = 0.99  # a province's votes that point to it (a name of units in two provinces gives each half)
ANCHOR_VOTE = 1000  # the reporting unit's province and district outvote any mentions
FORMED_FROM_NAMED = 2  # other predecessors a text names with a unit formed in 2025 (1 where it tells of a formation)
SCOPE_REACH = 1500  # characters back from a type word alone to the unit of its paragraph it stands for
SENTENCE_BOUND = regex.compile(r"(?r)(?:^|[.!?;]|\n)\s*")  # searched backwards: the start of a mention's sentence
CLOSING_BRACKET_AFTER = regex.compile(r"[ \t]*\)")
PREDICATE_REACH = 40  # characters after a type word read for its predicate
CAPITAL_INSIDE = regex.compile(r"[\p{L}\p{M},]\s+$")  # a capitalised type word after a word or comma: inside a sentence  # one-syllable names are too ambiguous to match bare


CITED_PLAN_REACH = 40  # characters before a body read for the plan it is cited as the owner of


@lru_cache(maxsize=1)
def cited_plan_before() -> "regex.Pattern[str]":
    """A plan or resolution cited right before a body ("theo NQ05 HĐND thành phố", "Nghị quyết
    số 12/NQ-HĐND của HĐND tỉnh"): the body owns the plan; it is not the text's subject."""
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{shared_patterns()['plan_noun']})(?:\s*(?:số\s*)?[\dA-ZĐ/-]+)?\s+(?:của\s+)?$",
                         regex.IGNORECASE)


@lru_cache(maxsize=None)
def document_rule(key: str) -> "regex.Pattern[str]":
    """A pattern of ``places/rules.json`` only the document's reading uses: "document_owner_before" (a
    document a body owns, cited before it), "merger_time_phrase" ("Sau sáp nhập, …": a point in time,
    listing no units), "ranked_lead" ("Dẫn đầu là …": a rank opening a roundup's section)."""
    return regex.compile(load_rules("extractor.places", "rules.json")[key])


TIME_PHRASE_REACH = 12  # characters before a merger verb read for the time word of its phrase ("sau khi ")


def _in_merger_time_phrase(text: str, position: int) -> bool:
    """Does the merger verb at ``position`` stand in a time phrase ("Sau sáp nhập, xã X có …")?"""
    return any(phrase.start() <= position < phrase.end()
               for phrase in document_rule("merger_time_phrase").finditer(text, max(0, position - TIME_PHRASE_REACH), min(len(text), position + TIME_PHRASE_REACH * 2)))


def merger_lists(text: str) -> list[tuple[int, int]]:
    """Where the lists of old units after a merger verb ("sáp nhập", "trên cơ sở sắp xếp …") stand: to
    the sentence's end, MERGER_LIST_REACH characters at most."""
    spans = []
    for verb in place_rules()["merger_verb"].finditer(text):
        if _in_merger_time_phrase(text, verb.start()):
            continue  # "Sau sáp nhập, xã Phú Quới có …": no list follows
        end = text.find(".", verb.end(), verb.end() + MERGER_LIST_REACH)
        spans.append((verb.end(), end if end >= 0 else verb.end() + MERGER_LIST_REACH))
    return spans


def _listed_in(text: str, lists: list[tuple[int, int]], name: str) -> bool:
    """The name stands as an item of one of the lists: after a colon, a comma, "và", "gồm" or a type
    word ("3 xã Bắc Phong, Bình Thanh"; not "cầu Nhật Tân")."""
    pattern = regex.compile(rf"(?<={list_item_before()})(?<![\p{{L}}\p{{M}}]){regex.escape(name)}(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)
    return any(pattern.search(text, start, end) for start, end in lists)


@lru_cache(maxsize=1)
def list_item_before() -> str:
    """What stands before an item of a list of units: a colon, comma or bracket, "và", "gồm", "từ" or a type word."""
    types = "|".join(sorted((regex.escape(word).replace("\\ ", r"\s+") for word in place_rules()["unit_types"]), key=len, reverse=True))
    return rf"(?:[:,;(]|(?<![\p{{L}}\p{{M}}])(?i:và|gồm|từ|{types}))\s*"


@lru_cache(maxsize=1)
def clause_opening() -> "regex.Pattern[str]":
    """A type word opening a clause, after a time at most ("Hằng năm xã …"), is its subject when a predicate follows."""
    return regex.compile(rf"(?:^|[.!?;:,]|\n)\s*(?:(?:{shared_patterns()['clause_time']})\s*,?\s*)?$")


@dataclass(frozen=True)
class TypedName:
    start: int  # clean span of "xã Cò Nòi"
    end: int
    written_type: str  # canonical type word: "xã", "thành phố"
    name: str  # as written: "Cò Nòi", "CÔNG HẢI"
    candidates: tuple[AdminUnit, ...]
    member: bool = False  # one of the units a plural type word lists after a colon ("Các phường … như: A 97%, B 92%"): counted, never the issuer


@dataclass(frozen=True)
class Place:
    """A resolved place: its normalised name and, when the gazetteer settles it, its unit."""
    name: str  # "xã Cò Nòi"
    unit: AdminUnit | None
    absorbed_into: AdminUnit | None = None  # a unit the gazetteer does not hold: the one it was merged into


TITLE_LINE_CHARS = 200  # a longer first line is a paragraph, not a title
# a bare name and a list's joint right before a unit, or after it: "Hà Nội và | TP HCM", "TP HCM | , Hà Nội"
PROVINCE_THEN_JOINT = regex.compile(r"(?<![\p{L}\p{M}])(\p{Lu}[\p{L}\p{M}]*(?:[ \t]+\p{Lu}[\p{L}\p{M}]*){1,3})(?:[ \t]*,[ \t]*|[ \t]+và[ \t]+)$")
JOINT_THEN_PROVINCE = regex.compile(r"(?:[ \t]*,[ \t]*|[ \t]+và[ \t]+)(\p{Lu}[\p{L}\p{M}]*(?:[ \t]+\p{Lu}[\p{L}\p{M}]*){1,3})(?![\p{L}\p{M}])")


class DocumentPlaces:
    def __init__(self, text: str, gazetteer: Gazetteer | None = None, unit: str | None = None):
        """``unit``: the reporting unit as the user knows it ("xã Tam Hợp, tỉnh Nghệ An", from a
        catalogue or the page's address); it takes the place of the one read from the text."""
        self.text = text
        self.gazetteer = gazetteer or load_gazetteer()
        typed = scan_typed_names(text, self.gazetteer)
        formation_told = any(not _in_merger_time_phrase(text, cue.start()) for cue in place_rules()["formation_cue"].finditer(text))
        self.vintage = document_vintage(text) or (None if formation_told else _vintage_of_units_named(text, typed))
        # a text that tells of units formed from others, and is not dated before the merger, needs one
        # predecessor named to be about a 2025 unit ("Xã Chí Đám được thành lập trên cơ sở sáp nhập xã Chí Đám và xã Hùng Xuyên")
        formation = self.vintage != OLD and formation_told
        self._roundup_of_provinces = False  # (set once the places are read: see province())
        self._related_links = related_links(text)
        linked = frozenset(m.start for m in typed if self._in_related_links(m.start))
        # peers the text compares itself with, and units of the titles of other texts it links to: never the text's unit
        self._others = compared_units(text, typed) | linked
        # and with provinces listed as peers, and provinces compared with: no vote for its province, no issuer
        self._listed = listed_provinces(text, typed) | linked | {m.start for m in typed if m.start in self._others
                                                                 and m.candidates and all(u.level == "province" for u in m.candidates)}
        self._headline_province = headline_province(text, self.gazetteer)
        self._roundup = roundup_start(text, typed, self.gazetteer)
        guessed = not unit and self._roundup is None  # (a roundup of peers is issued by a letterhead above it, or by none)
        self._evidence = _Evidence(typed, self.gazetteer, self.vintage, 1 if formation else FORMED_FROM_NAMED, self._listed,
                                   (text, merger_lists(text)) if formation else None)
        typed = [self._retyped_at_home(mention) for mention in typed]
        self._typed_mentions = typed
        self.unit_source = "given" if unit else "text"
        # a name the gazetteer gives to several units that nothing in the document tells apart
        # ("xã Văn Lang": Phú Thọ and Thái Nguyên since 2025) is kept as a name with its candidates
        self.reporting_candidates: tuple[AdminUnit, ...] = ()
        self.reporting_unit = resolve_unit(unit, self.gazetteer, self.vintage) if unit else self._find_reporting_unit(typed)
        if self.reporting_unit is None and not unit:
            self.reporting_candidates = self._issuer(typed, self._unsettled) or ()
        if self.reporting_unit is None and not self.reporting_candidates and guessed:
            self.reporting_unit = self._unit_the_opening_refers_to()
        if self.reporting_unit is not None:
            self._evidence.anchor(self.reporting_unit, self.gazetteer)
            self.vintage = self.vintage or self.reporting_unit.vintage  # undated: the issuer's units
        self.places: dict[str, Place] = {}  # name → place; one unit per name in a document
        self._marked_units: set[AdminUnit] = set()  # units a mark of their side of the merger picked ("(cũ)")
        spans: list[tuple[int, int, str]] = []
        for mention in typed:
            place = self._resolve(mention)
            spans.append((mention.start, mention.end, place.name))
        self.typed_places = [self.places[name] for _, _, name in spans]
        self.reporting_name = self.name_of(self.reporting_unit) if self.reporting_unit else None
        if self.reporting_candidates:
            self.reporting_name = next(self._resolve(m).name for m in typed if set(self.reporting_candidates) <= set(m.candidates))
        elif self.reporting_unit is None and guessed:
            self.reporting_name = self._unknown_issuer(typed)
        bare_names = self._bare_names(spans)
        spans += bare_names
        bare_provinces = self._bare_province_names(spans)
        spans += bare_provinces
        spans += self._bare_child_names(spans)
        if self.reporting_unit is None and self.reporting_name is None and guessed:
            self._province_of_the_opening(bare_names + bare_provinces)
        if self.reporting_unit is None and self.reporting_name is None and not self.reporting_candidates and guessed:
            self.reporting_unit = self._only_unit_its_type_words_refer_to(typed, bare_provinces)
            self.reporting_name = self.name_of(self.reporting_unit) if self.reporting_unit else None
            if self.reporting_unit is None:
                only = self._only_name_its_type_words_refer_to(typed)
                if only is not None:
                    self.reporting_candidates = self._unsettled(only.candidates) or ()
                    self.reporting_name = self._resolve(only).name if self.reporting_candidates else None
        spans += self._bare_type_words(spans)
        spans.sort()
        self._spans = spans
        self._roundup_of_provinces = self.reporting_unit is None and self.reporting_name is None \
            and self._evidence.province is not None and not self._mostly_of(self._evidence.province)
        self._span_starts = [s for s, _, _ in spans]
        self._by_paragraph: dict[tuple[int, int], tuple] = {}

    # -- document-level answers ------------------------------------------------------------
    def unit_of(self, name: str | None) -> AdminUnit | None:
        place = self.places.get(name) if name else None
        return place.unit if place else None

    def absorbed_into(self, name: str | None) -> AdminUnit | None:
        """For a place the gazetteer does not hold, the unit it was merged into, if known."""
        place = self.places.get(name) if name else None
        return place.absorbed_into if place else None

    def name_of(self, unit: AdminUnit) -> str:
        """A unit's name as this document spells it (its official name when it never names it)."""
        return next((place.name for place in self.places.values() if place.unit == unit), unit.full_name)

    def official_name(self, unit: AdminUnit) -> str:
        """A unit's official name, or the former one it bore when the document calls it by that
        ("tỉnh Thừa Thiên Huế" in a 2022 report: the gazetteer's "thành phố Huế"), or its name under the
        type of its level the document gives it, as its places do ("T.X Phổ Yên" in a 2018 report: the
        gazetteer's "thành phố Phổ Yên", a thị xã until 2022)."""
        written = [place.name.split(" ") for place in self.places.values() if place.unit == unit]
        former = next((former for words in written for cut in range(1, len(words))
                       if (former := unit.former_name(" ".join(words[cut:])))), None)
        if former is not None:
            return former
        types = place_rules()["unit_types"]
        return next((place.name for place in self.places.values() if place.unit == unit
                     and (unit_type := _written_type(place.name)) not in (None, unit.type) and unit.level in types[unit_type]
                     and name_key(place.name[len(unit_type):]) == name_key(unit.name)), unit.full_name)

    def province(self) -> AdminUnit | None:
        if self.reporting_unit is not None:
            return self.reporting_unit if self.reporting_unit.level == "province" else self.gazetteer.province_of(self.reporting_unit)
        absorbing = self.absorbed_into(self.reporting_name)
        if absorbing is not None:  # the issuer's own province, whatever other provinces the text names
            return self.gazetteer.province_of(absorbing)  # "huyện Nông Sơn" (merged into huyện Quế Sơn): Quảng Nam
        return None if self._roundup_of_provinces else self._evidence.province

    def _in_related_links(self, position: int) -> bool:
        return any(start <= position < end for start, end in self._related_links)

    def _mostly_of(self, province: AdminUnit) -> bool:
        """Is the province named more often than the other provinces together, or are fewer than
        ROUNDUP_PROVINCES provinces named (typed or bare)? A text no unit issues that names several
        provinces as much ("các tỉnh miền núi phía Bắc … (Hà Giang: 16 nhà, Lai Châu: 07 nhà, Thái Nguyên:
        24 nhà)", a caption's "xã San Sả Hồ, huyện Sa Pa, tỉnh Lào Cai" in a national roundup) is a roundup,
        none of whose provinces is its own."""
        keys = set(_province_keys(province, self.gazetteer))
        named: Counter = Counter()
        for start, _, name in self._spans:
            if self._in_related_links(start):
                continue  # (the titles of other texts)
            unit = self.unit_of(name)
            if unit is not None:
                if unit.level == "province":
                    named[(unit.vintage, unit.code) in keys or unit.name] += 1
            elif _written_type(name) in PROVINCE_TYPES and self.gazetteer.named("province", name.split(" ", 1)[1]):
                # (a province's name both vintages bear, undated)
                named[any((u.vintage, u.code) in keys for u in self.gazetteer.named("province", name.split(" ", 1)[1])) or name] += 1
        own = named.pop(True, 0)
        return len(named) + 1 < ROUNDUP_PROVINCES or own > sum(named.values())

    def real_places(self) -> list[Place]:
        """The units the text names (typed mentions that are real units), each once, in order of
        first mention."""
        seen: dict[AdminUnit, Place] = {}
        for place in self.typed_places:
            if place.unit is not None:
                seen.setdefault(place.unit, place)
        return list(seen.values())

    def warnings(self) -> list[str]:
        if not self.reporting_candidates:
            return []
        named = ", ".join(_described(u) for u in self.reporting_candidates[:6])
        return [f"the reporting unit {self.reporting_name!r} fits {len(self.reporting_candidates)} units of the gazetteer "
                f"({named}) and the text does not tell which: give it with --unit"]

    def merged_from(self) -> list[AdminUnit]:
        """The old units the reporting unit was formed from, where the document names them."""
        unit = self.reporting_unit
        if unit is None or unit.vintage != NEW:
            return []
        named = {place.unit for place in self.places.values() if place.unit is not None} | self._marked_units
        predecessors = self.gazetteer.predecessors(unit)
        found = [old for old in predecessors if old in named]
        # those written bare in the merger's list ("hợp nhất 3 đơn vị: Nghĩa Bình, Nghĩa Trung và thị trấn Nghĩa Đàn";
        # the list is closed: only the gazetteer's predecessors are looked for): a name one predecessor bears, or the
        # name the new unit took beside one named ("sắp xếp các xã: Thanh Uyên, Hiền Quan và Bắc Sơn")
        names = Counter(name_key(old.name) for old in predecessors)
        lists = merger_lists(self.text)
        listed = [old for old in predecessors if old not in named and _listed_in(self.text, lists, old.name)
                  and (names[name_key(old.name)] == 1 or (found and name_key(old.name) == name_key(unit.name)))]
        if not found and all(name_key(old.name) == name_key(unit.name) for old in listed):
            listed = []  # its own name alone after a merger verb is the new unit ("… Bí thư Đảng ủy xã Phú Quới"), no list of old ones
        return [old for old in predecessors if old in found or old in listed]

    # -- paragraph-level answers (cached per paragraph of this document) ---------------------
    def _of(self, paragraph):
        key = (paragraph.start, paragraph.end)
        if key not in self._by_paragraph:
            first = bisect_left(self._span_starts, paragraph.start)
            last = bisect_left(self._span_starts, paragraph.end)
            inside = [span for span in self._spans[first:last] if span[1] <= paragraph.end]
            mentions, asides = find_mentions(self.text, paragraph.start, paragraph.end, inside, self._within)
            # (a class of units a preposition puts inside a phrase, "tỷ lệ hộ nghèo tại các xã đặc biệt khó
            # khăn", is part of what it names)
            spans = sorted([(m.start, m.end) for m in mentions if m.place is not None or m.subject
                            or not names_a_class_in_a_phrase(self.text, paragraph.start, m.start)
                            or not place_rules()["plural_subject"].match(self.text, m.start)] + asides)
            self._by_paragraph[key] = (spans, place_lookup(mentions, self.text), mentions)
        return self._by_paragraph[key]

    def _within(self, inner: str, outer: str) -> bool:
        """Does the gazetteer put the unit of one place inside the unit of another?"""
        inner_unit, outer_unit = self.unit_of(inner), self.unit_of(outer)
        if inner_unit is None or outer_unit is None or inner_unit.vintage != outer_unit.vintage:
            return False
        parent = {"province": self.gazetteer.province_of, "district": self.gazetteer.district_of}.get(outer_unit.level)
        return parent is not None and parent(inner_unit) == outer_unit

    def place_at(self, paragraph, position: int) -> str | None:
        return self._of(paragraph)[1](position)

    def spans(self, paragraph) -> list[tuple[int, int]]:
        """The same list each time (MetricFinder keeps an index of it while it is unchanged)."""
        return self._of(paragraph)[0]

    def mentions(self, paragraph):
        return self._of(paragraph)[2]

    # -- building ---------------------------------------------------------------------------
    def _find_reporting_unit(self, typed: list[TypedName]) -> AdminUnit | None:
        """The issuing unit: the lowest-level unit a letterhead or title line names after an
        organisation ("ĐẢNG ỦY XÃ CÔNG HẢI"), else the unit most often named after one. A higher
        body heading the letterhead ("HUYỆN ỦY THỌ XUÂN" over "ĐẢNG ỦY XÃ XUÂN HÒA") tells which of the
        units sharing the lower name issues the text."""
        def pick(candidates):
            return self._evidence.choose(candidates, self.vintage)

        unit = self._issuer(typed, pick)
        if unit is not None and unit.level != "commune":
            self._evidence.anchor(unit, self.gazetteer)
            lower = self._issuer(typed, pick)
            if lower is not None and LEVEL_RANK[lower.level] < LEVEL_RANK[unit.level]:
                return lower
        return unit

    def _province_of_the_opening(self, bare_names: list[tuple[int, int, str]]) -> None:
        """"Về Kiên Giang … Theo Cục Thống kê Kiên Giang, …", "Bình Dương đã thu hút …": a text that
        names no unit with its type in its opening, and names one province there bare, is that
        province's."""
        opening = sorted((start, end, name) for start, end, name in bare_names if start < NEWS_OPENING_CHARS
                         and (_written_type(name) == "tỉnh" or getattr(self.places[name].unit, "level", None) == "province"))
        names = {name for _, _, name in opening}
        labelled = self._headline_province is not None and any(start == self._headline_province[0] for start, _, _ in opening)
        # (the units of a province a headline's label names, "Gia Lai: …", are its parts: a caption's "xã IaMrơn, huyện Ia Pa")
        typed = {place.name for m in self._typed_mentions if m.start < NEWS_OPENING_CHARS for place in [self._resolve(m)]
                 if not (labelled and place.unit is not None and self._under_headline_province(place.unit))}
        if len(names) != 1 or typed - names:
            return  # (another unit named with its type in the opening: the text is not the province's alone)
        if not labelled and not any(self._names_the_issuer(start, end) for start, end, _ in opening):
            return  # "họp … tại Thủ đô Hà Nội": where something happened, not whose text it is
        start, end, name = opening[0]
        self.reporting_name = name
        self.reporting_unit = self.places[name].unit
        if self.reporting_unit is None:  # "Cục thuế Khánh Hòa", undated: the province before or after 2025
            self.reporting_candidates = self._unsettled(self._provinces_named(start, end)) or ()

    def _names_the_issuer(self, start: int, end: int) -> bool:
        """A province named on the title line, after a body of it ("Cục Thống kê Kiên Giang"), or as
        the subject of the text's first sentence ("Bình Dương đã thu hút …")."""
        line_start = self.text.rfind("\n", 0, start) + 1
        before = self._line_before(start)
        line_end = self.text.find("\n", start)
        title_line = (line_start == len(self.text) - len(self.text.lstrip()) and SENTENCE_END.search(self.text, line_start, start) is None
                      and (line_end if line_end >= 0 else len(self.text)) - line_start <= TITLE_LINE_CHARS)
        return (title_line or place_rules()["letterhead"].search(before) is not None
                or place_rules()["province_body_before"].search(before) is not None
                or predicate_follows(self.text, self._past_closing_bracket(end), min(len(self.text), end + PREDICATE_REACH)))

    def _past_closing_bracket(self, end: int) -> int:
        """After the bracket a mention closes ("ấp Chánh Thuận (xã Chánh Hội) đã có …": the bracket's
        head and the unit it lies in are one subject)."""
        closing = CLOSING_BRACKET_AFTER.match(self.text, end, min(len(self.text), end + 3))
        return closing.end() if closing else end

    def _line_before(self, position: int) -> str:
        """Its line's text before ``position``, at most LETTERHEAD_REACH characters (bounded: on a line
        of megabytes a search to its start is quadratic)."""
        window = max(0, position - LETTERHEAD_REACH)
        return self.text[self.text.rfind("\n", window, position) + 1 or window:position]

    def _unknown_issuer(self, typed: list[TypedName]) -> str | None:
        """"UBND huyện Đạ Tẻh cho biết …": a body of a unit the gazetteer does not hold (dissolved
        before its oldest snapshot) opening the text issues it; its name is the reporting unit's,
        with no code."""
        mention = self._unknown_issuer_mention(typed)
        return self._resolve(mention).name if mention is not None else None

    def _unknown_issuer_mention(self, typed: list[TypedName]) -> TypedName | None:
        for mention in typed:
            if mention.start >= NEWS_OPENING_CHARS:
                break
            if mention.candidates or _opens_a_list(self.text, mention) or _counted_members(self.text, [mention]):
                continue  # (a counted type word names no issuer: "đứng thứ nhất trong 5 tỉnh Bắc Trung Bộ")
            if self._names_the_issuer(mention.start, mention.end):  # also the first sentence's subject: "huyện Hoành Bồ (Quảng Ninh) đã giải ngân …"
                return mention
        return None

    def _owns_a_cited_document(self, start: int) -> bool:
        """Is the body before the unit at ``start`` the owner of a document the text cites ("dự thảo
        văn kiện Đại hội Đảng bộ tỉnh", "thực hiện Nghị quyết Đại hội Đảng bộ tỉnh")?"""
        before = self._line_before(start)
        body = place_rules()["letterhead"].search(before)
        while body is not None:  # (the body's own words may open on the document: "Nghị quyết | Đại hội Đảng bộ tỉnh")
            document = document_rule("document_owner_before").search(before, 0, body.start())
            if document is not None:  # (a line opening on the document is its title: "NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ XÃ …")
                return any(c.isalpha() for c in before[:document.start()])
            body = place_rules()["letterhead"].search(before, body.start() + 1)
        return False

    def _unit_the_opening_refers_to(self) -> AdminUnit | None:
        """"(QNO) - UBND tỉnh vừa phê duyệt …": a news text that opens on a body of a unit it does not
        name is that unit's, when its other mentions settle which (its province, its one district)."""
        rules = place_rules()
        for match in rules["body_of_unnamed_unit"].finditer(self.text, 0, min(len(self.text), NEWS_OPENING_CHARS)):
            if self._owns_a_cited_plan(match.start()):
                continue  # "… theo NQ05 HĐND thành phố": the body whose plan is cited, not the text's
            unit_type = unit_type_of(match.group(1))
            levels = rules["unit_types"][unit_type]
            if "province" in levels and self._evidence.province is not None:
                # (a province the text writes with another type word is another unit: "UBND tỉnh …" over "thành phố Huế")
                return self._evidence.province if unit_type in self._written_types(self._evidence.province) else None
            districts = [code for code, count in self._evidence.districts.items() if count > 0]
            if "district" in levels and len(districts) == 1:
                return next((u for u in self.gazetteer.units if u.level == "district" and u.code == districts[0]), None)
        return None

    def _written_types(self, province: AdminUnit) -> set[str]:
        """The type words the text writes the province with (its own type when it writes none; a
        former type too, "tỉnh Thừa Thiên Huế" of what is now "thành phố Huế")."""
        keys = set(_province_keys(province, self.gazetteer))
        written = {mention.written_type for mention in self._typed_mentions
                   if any((unit.vintage, unit.code) in keys for unit in mention.candidates if unit.level == "province")}
        return written or {province.type}

    def _owns_a_cited_plan(self, start: int) -> bool:
        """Whether a plan or resolution is cited right before ``start`` ("theo NQ05 HĐND thành phố"):
        what stands there owns the plan and is not what the text is about."""
        body = place_rules()["letterhead"].search(self.text, max(0, start - CITED_PLAN_REACH), start)
        end = body.start() if body else start  # (the type word after its body: "… của HĐND | thành phố")
        return cited_plan_before().search(self.text, max(0, end - CITED_PLAN_REACH), end) is not None

    def _opens_its_sentence(self, start: int) -> bool:
        """Whether only a clause's lead ("Ngày 13-8, ", a news agency's byline) stands between the
        sentence's start and ``start``: what stands there is the sentence's subject."""
        opening = SENTENCE_BOUND.search(self.text, max(0, start - LEAD_WINDOW), start)
        lead_start = opening.end() if opening else max(0, start - LEAD_WINDOW)
        return (opening is not None or start - LEAD_WINDOW <= 0) and \
            place_rules()["subject_lead"].fullmatch(self.text, lead_start, start) is not None

    def _only_unit_its_type_words_refer_to(self, typed: list[TypedName], bare_provinces=()) -> AdminUnit | None:
        """"… Phó Bí thư Thường trực Đảng ủy phường Phú Xuân trình bày báo cáo" (a caption), then "phường
        tổ chức …", "toàn phường …": a text whose only named unit (with its parents) is named where a
        speaker serves, and whose type word stands alone for a unit elsewhere, is that unit's (or its
        district's or province's, whichever type word stands alone most)."""
        typed = [mention for mention in typed if mention.start not in self._others]  # ("(sau tỉnh Quảng Ninh)": a peer)
        units = {unit for mention in typed for unit in [self._evidence.choose(mention.candidates, self.vintage)] if unit is not None}
        lowest = [unit for unit in units if unit.level == "commune"] or [unit for unit in units if unit.level == "district"]
        if not lowest:  # a province's text ("Đối với tỉnh Lạng Sơn, …; trên địa bàn tỉnh …"), when it names no other province bare
            compared = {mention.start for mention in typed
                        if _in_a_figures_bracket(self.text, self.text.rfind("\n", 0, mention.start) + 1, mention)}
            provinces = [unit for unit in units if unit.level == "province"
                         and any(mention.start not in compared and unit in mention.candidates for mention in typed)]
            others = {self.places[name].unit for _, _, name in bare_provinces} - set(provinces)
            lowest = provinces if not others else []
        if len(lowest) != 1:
            return None
        only = lowest[0]
        line = [unit for unit in (only, self.gazetteer.district_of(only), self.gazetteer.province_of(only)) if unit is not None]
        if any(unit not in line for unit in units):
            return None

        counts = Counter(spell(match.group(0)) for match in place_rules()["type_word"].finditer(self.text)
                         if self._stands_alone_for_a_unit(match) and not self._owns_a_cited_plan(match.start()))  # type word → times it stands alone ("Phường tổ chức …")
        counts = {unit: counts[unit.type] for unit in line}  # ("Huyện đạt chuẩn …" in a text naming a thị trấn of it: the district's)
        best = max(line, key=lambda unit: (counts[unit], LEVEL_RANK[unit.level]))  # (a tie: the higher, "100% xã, thị trấn" is counted)
        return best if counts[best] >= TYPE_WORD_REFERENCES else None

    def _only_name_its_type_words_refer_to(self, typed: list[TypedName]) -> TypedName | None:
        """"Đường nông thôn mới … tại xã Bình Lợi", then "trên địa bàn xã …": a text naming one unit only,
        whose namesakes nothing tells apart, and whose type word stands alone for a unit, is that name's."""
        named = {(mention.written_type, name_key(mention.name)): mention for mention in typed
                 if mention.start not in self._others}
        if len(named) != 1:
            return None
        only = next(iter(named.values()))
        if len({unit.level for unit in only.candidates}) != 1 or self._unsettled(only.candidates) is None:
            return None
        return only if any(spell(match.group(0)) == only.written_type and self._stands_alone_for_a_unit(match)
                           and not self._owns_a_cited_plan(match.start())
                           for match in place_rules()["type_word"].finditer(self.text)) else None

    def _unsettled(self, candidates: tuple[AdminUnit, ...]) -> tuple[AdminUnit, ...] | None:
        """The candidates of a name that names several units the document does not tell apart."""
        if len(candidates) > 1 and self._evidence.choose(candidates, self.vintage) is None:
            # those of the province the document points to ("phường Tân An" in a text naming Cần Thơ: its old and new
            # ward, not the namesakes elsewhere), then of a dated text's vintage
            candidates = tuple(u for u in candidates if self._evidence.in_voted_province(u)) or candidates
            return tuple(u for u in candidates if u.vintage == self.vintage) or candidates
        return None

    def _issuer(self, typed: list[TypedName], pick):
        """What ``pick`` makes of the candidates of the issuing unit's name (see
        ``_find_reporting_unit``): a unit, or the candidates of an unsettled name."""
        rules = place_rules()
        limit = rules["letterhead_chars"]
        scores: Counter = Counter()
        cited: Counter = Counter()  # bodies whose documents the text cites: they vote only where no other unit does
        first_seen: dict[AdminUnit, int] = {}
        addresses = self._addresses(typed)
        unsettled_letterhead = False  # a letterhead unit nothing tells apart ("UBND TỈNH AN GIANG", undated): no lower unit issues it
        for mention in typed:
            if self._roundup is not None and mention.start >= self._roundup:
                continue  # (the peers of a roundup issue nothing)
            if mention.start in addresses:
                continue  # ("HĐND phường Tân Định, TPHCM tổ chức …": the city is the ward's address, not the issuer)
            if mention.member or _opens_a_list(self.text, mention) or mention.start in self._listed or mention.start in self._others:
                continue  # the first of a list of units ("có Đảng bộ huyện X, huyện Y, …"), a peer in a list or compared with: none issues it
            after_organisation = rules["letterhead"].search(self._line_before(mention.start)) is not None
            if not after_organisation:
                continue
            in_letterhead = self._on_letterhead_line(mention.start, limit, mention.end)
            unit = pick(mention.candidates)
            if unit is None:
                unsettled_letterhead = unsettled_letterhead or (in_letterhead and len(mention.candidates) > 1)
                continue
            if not in_letterhead and rules["office_before"].search(self.text, max(0, mention.start - OFFICE_REACH), mention.start):
                continue  # "Chủ tịch UBND huyện Đông Hải (tỉnh Bạc Liêu) ông … cho biết": where a speaker serves
            if not in_letterhead and rules["recipient_before"].search(self.text, max(0, mention.start - OFFICE_REACH), mention.start):
                continue  # "Ban Thường vụ Tỉnh ủy đã tặng cờ cho Đảng bộ TP Chí Linh": an award's recipient
            first_seen.setdefault(unit, mention.start)
            if self._owns_a_cited_document(mention.start):
                cited[unit] += 1  # "góp ý dự thảo văn kiện Đại hội Đảng bộ tỉnh Lâm Đồng": the owner of what is cited
                continue
            scores[unit] += 10 if in_letterhead else 1
        for match in rules["organisation"].finditer(self.text, 0, min(limit, self._roundup or limit)):  # "Thành đoàn Hà Tĩnh", "TỈNH ỦY SƠN LA"
            unit_type = rules["organisation_types"][spell(match.group(1))] if spell(match.group(1)) in rules["organisation_types"] else None
            if unit_type is None or self._in_related_links(match.start()):
                continue
            if rules["office_before"].search(self.text, max(0, match.start() - OFFICE_REACH), match.start()):
                continue  # "…, Bí thư Tỉnh ủy Lạng Sơn phát biểu chỉ đạo Đại hội" (a photo's caption): where a speaker serves
            name = read_name(self.text, match.end(), self.gazetteer, rules["unit_types"][unit_type], unit_type)
            # (its predicate after the name, or running words of a sentence before it: a body acting in a sentence,
            # "Tại đại hội, Ban Thường vụ Tỉnh ủy X công bố …", "… quyết định của Ban Thường vụ Tỉnh ủy X chỉ định …", no letterhead)
            if name and self._on_letterhead_line(match.start(), limit, name[0]) and not self._inside_a_running_sentence(match.start()):
                unit = pick(name[2])
                if unit is not None:
                    scores[unit] += 10
                    first_seen.setdefault(unit, match.start())
        strong = [unit for unit, score in scores.items() if score >= 10]
        if strong:  # the issuer is the lowest level its letterhead names, under the first one it names
            first = min(strong, key=lambda u: first_seen[u])
            if isinstance(first, AdminUnit):  # (a page of several bodies' news: the first one's)
                strong = [u for u in strong if u == first or (isinstance(u, AdminUnit) and first in
                                                             (self.gazetteer.district_of(u), self.gazetteer.province_of(u)))]
            return min(strong, key=lambda u: (LEVEL_RANK[_level(u)], first_seen[u]))
        if unsettled_letterhead and not (scores or cited):
            return None
        # no letterhead: the unit the title or the opening sentence names comes before one the body
        # names more often after an organisation ("… huyện Bát Xát đã đạt …", then "Đảng ủy xã Mường Vi" ×4),
        # and so does a unit the gazetteer does not hold whose body opens the text ("Đảng bộ huyện Đạ Tẻh")
        titled = self._unit_of_title_line(typed, pick)
        if titled is not None or self._unknown_issuer_mention(typed) is not None:
            return titled
        scores = scores or cited
        return max(scores, key=lambda u: (scores[u], -LEVEL_RANK[_level(u)], -first_seen[u])) if scores else None

    def _addresses(self, typed: list[TypedName]) -> dict[int, TypedName]:
        """Starts of the mentions that only give the address of the unit right before them (a higher
        unit after a comma: "phường Tân Định, TPHCM", "xã Minh Thọ, huyện Nông Cống"), each with that unit."""
        addresses = {}
        for before, mention in zip(typed, typed[1:]):
            if before.candidates and mention.candidates and ADDRESS_COMMA.fullmatch(self.text, before.end, mention.start) \
                    and min(LEVEL_RANK[c.level] for c in mention.candidates) > max(LEVEL_RANK[c.level] for c in before.candidates):
                addresses[mention.start] = before
        return addresses

    def _on_letterhead_line(self, position: int, limit: int, end: int | None = None) -> bool:
        """Near the top, on a letterhead or title line, not a body named in a paragraph ("… trong đó
        có Đảng bộ huyện X, …"): its line starts at most LETTERHEAD_REACH characters before it."""
        window = max(0, position - LETTERHEAD_REACH)
        if not (position < limit and (window == 0 or self.text.rfind("\n", window, position) >= 0)):
            return False
        line_start = self.text.rfind("\n", window, position) + 1
        if CAPTION_BEFORE.search(self.text, line_start, position) or place_rules()["office_before"].search(self.text, line_start, position):
            return False  # a photo's caption: "… trao Cờ thi đua của UBND TPHCM …", "| Chủ tịch UBND TP Hồ Chí Minh … phát biểu |"
        # a unit its clause's predicate follows opens a sentence, no letterhead: "UBND tỉnh Hải Dương vừa ban hành …",
        # "Hội Nông dân xã Suối Ngô là đơn vị cuối cùng …"
        return end is None or not (COPULA_AFTER.match(self.text, end) or predicate_follows(self.text, end, min(len(self.text), end + PREDICATE_REACH)))

    def _inside_a_running_sentence(self, start: int) -> bool:
        """Does ``start`` stand inside a sentence of a paragraph: words in lower case (no clause lead)
        between its sentence's start and it, and the sentence ends on its line? (A letterhead or title
        line opens on its body, or is in capitals, and ends on no sentence's end.)"""
        line_end = self.text.find("\n", start, start + TITLE_CHARS)
        if SENTENCE_END.search(self.text, start, line_end if line_end >= 0 else min(len(self.text), start + TITLE_CHARS)) is None:
            return False
        opening = SENTENCE_BOUND.search(self.text, max(0, start - LETTERHEAD_REACH), start)
        lead_start = opening.end() if opening else max(0, start - LETTERHEAD_REACH)
        lead = place_rules()["subject_lead"].match(self.text, lead_start, start)
        return LOWER_CASE_WORD.search(self.text, lead.end() if lead else lead_start, start) is not None

    def _unit_of_title_line(self, typed: list[TypedName], pick) -> AdminUnit | None:
        """The lowest unit the title names, else the one the opening sentence under it names
        ("Ngày 9/12, Hội nghị Huyện ủy huyện Phú Vang …"): lines of page furniture (site navigation,
        "Skip to main content"; a date line; a line of punctuation) and title lines (no sentence's
        end, as a menu's "Tin tức") are read whole, up to the first line holding a sentence, of which
        the first sentence is read."""
        line_start = len(self.text) - len(self.text.lstrip())
        addresses = self._addresses(typed)
        label = self._headline_province
        for _ in range(TITLE_LINES + 1):
            if line_start >= min(NEWS_OPENING_CHARS, self._roundup or NEWS_OPENING_CHARS):
                return None  # (a roundup's sections name peers, no title)
            line_end = self.text.find("\n", line_start)
            line_end = len(self.text) if line_end < 0 else line_end
            if SUBSECTION_LABEL.match(self.text, line_start, line_end) or PHOTO_CAPTION.search(self.text, line_start, line_end):
                # ("TP. Thái Bình ngày một khang trang (Ảnh: baodautu.vn)": a photo's caption names what it shows, no title)
                # "a) Thành phố Bạc Liêu:", "2.1.2. Hiện trạng …": an excerpt opening inside a body; its headings are no title
                line_start = line_end + 1
                while line_start < len(self.text) and self.text[line_start].isspace():
                    line_start += 1
                continue
            sentence = SENTENCE_END.search(self.text, line_start, line_end)
            opening = (sentence is not None or line_end - line_start > TITLE_CHARS) \
                and not _page_furniture(self.text, line_start, line_end)
            read_end = min(line_end, line_start + TITLE_CHARS)  # a one-line page is no title
            if opening and sentence is not None:
                read_end = min(sentence.start(), read_end)
            on_line = [mention for mention in typed if line_start <= mention.start < read_end
                       and not _in_a_figures_bracket(self.text, line_start, mention)]
            # the address of units a count lists is where they all lie, the line's unit ("tại 2 xã Lê Hóa và Thuận Hóa,
            # huyện Tuyên Hóa, Quảng Bình"); another unit's address only says where that one lies
            counted_addressed = {m.start for m in _counted_members(self.text, [m for m in on_line if m.start not in addresses])}
            on_line = [mention for mention in on_line if mention.start not in addresses or addresses[mention.start].start in counted_addressed]
            parts = BREAKDOWN_OPENING.search(self.text, line_start, read_end)
            if parts is not None and any(mention.start < parts.start() for mention in on_line):
                # "Huyện Tuy An có 33 tàu bị chìm, trong đó xã An Hòa Hải có 27 chiếc": the units of a breakdown are parts
                on_line = [mention for mention in on_line if mention.start < parts.start()]
            counted = _counted_members(self.text, on_line)
            named = [(mention, unit) for mention in on_line
                     if mention not in counted and not mention.member and mention.start not in self._others
                     and not (opening and _object_of_a_verb(self.text, line_start, mention.start))
                     and not self._listed_with_bare_provinces(mention)
                     for unit in [pick(mention.candidates)] if unit is not None]
            if label is not None and line_start > label[0]:
                # under a headline labelled with a province ("Sơn La: …"), a caption's or lead's unit of it that
                # neither issues nor opens its sentence ("Hộ nghèo ở xã Chiềng Nơi …") is where, not whose
                shown = [unit for mention, unit in named if self._under_headline_province(unit) and not self._issues_or_opens(mention)]
                named = [(mention, unit) for mention, unit in named if unit not in shown]
                if shown and not named:
                    return pick(label[1])
            if named:
                return min((unit for _, unit in named), key=lambda u: LEVEL_RANK[_level(u)])
            if opening or line_end >= len(self.text):
                return None
            line_start = line_end + 1
            while line_start < len(self.text) and self.text[line_start].isspace():
                line_start += 1
        return None

    def _listed_with_bare_provinces(self, mention: TypedName) -> bool:
        """"Ngoài Hà Nội và TP HCM, các địa phương như …": a province joined by a comma or "và" to
        another province written bare is one of peers the line lists, not whose text it is."""
        if not mention.candidates or any(unit.level != "province" for unit in mention.candidates):
            return False
        before = PROVINCE_THEN_JOINT.search(self.text, max(0, mention.start - LIST_REACH), mention.start)
        after = JOINT_THEN_PROVINCE.match(self.text, mention.end, min(len(self.text), mention.end + LIST_REACH))
        runs = [before.group(1).split()[-length:] for length in range(2, MAX_PROVINCE_SYLLABLES + 1)] if before else []
        runs += [after.group(1).split()[:length] for length in range(2, MAX_PROVINCE_SYLLABLES + 1)] if after else []
        own = {name_key(unit.name) for unit in mention.candidates}
        return any(name_key(" ".join(run)) not in own and self.gazetteer.named("province", " ".join(run)) for run in runs)

    def _under_headline_province(self, unit: AdminUnit) -> bool:
        """Does ``unit`` lie under the province the headline's label names bare?"""
        if self._headline_province is None or unit.level == "province":
            return False
        province = self.gazetteer.province_of(unit)
        keys = {key for labelled in self._headline_province[1] for key in _province_keys(labelled, self.gazetteer)}
        return province is not None and (province.vintage, province.code) in keys

    def _issues_or_opens(self, mention: TypedName) -> bool:
        """A unit named after an organisation ("UBND huyện Mai Sơn"), or opening its sentence as its subject."""
        return place_rules()["letterhead"].search(self._line_before(mention.start)) is not None or self._opens_its_sentence(mention.start)

    def _resolve(self, mention: TypedName) -> Place:
        """The place a typed mention names: spelt as the text spells it (NFC, one space, a name in
        capitals title-cased: "Khánh Hoà" stays "Khánh Hoà"), the same spelling for every mention of
        one unit in a document; an abbreviation ("TP HCM") takes the official name."""
        candidates = mention.candidates
        marked = VINTAGE_MARK.match(self.text, mention.end, min(len(self.text), mention.end + VINTAGE_MARK_REACH))
        if marked:  # "xã Đất Mũi (mới)", "huyện Tân Kỳ cũ": the text says which side of a merger it means
            vintage = NEW if (marked.group(1) or marked.group(2)).lower() == "mới" else OLD
            candidates = tuple(u for u in candidates if u.vintage == vintage) or candidates
        unit = self._evidence.choose(candidates, self.vintage)
        if marked and unit is not None:
            self._marked_units.add(unit)  # "2 xã Ia Lâu (cũ) và Ia Piơr": a former unit under the new one's name
        written = _as_written(mention.name)
        if unit is not None:
            earlier = next((place for place in self.places.values() if place.unit == unit), None)
            if earlier is not None:
                return earlier
            if (name_key(written) != name_key(unit.name) and unit.former_name(written) is None) \
                    or written.casefold() == unit.name.casefold():
                written = unit.name  # an abbreviation, a slip of case ("Lâm BÌnh"); a spelling ("Đakrông") or a former name stays
        written_type = mention.written_type
        if unit is not None and unit.level == "province" and written_type == "tỉnh" and unit.type == "thành phố" \
                and name_key(written) == name_key(unit.name):  # (not a former province's name: "tỉnh Thừa Thiên Huế")
            written_type = unit.type  # "các tỉnh Yên Bái, Hà Nội, Hà Nam": a list's type word is no city's own
        name = f"{written_type} {written}"
        known = self.places.get(name)
        if known is None or (known.unit is None and unit is not None):
            absorbed_into = self._absorbing_unit(mention.written_type, written) if unit is None and not candidates else None
            self.places[name] = Place(name, unit, absorbed_into)
        return self.places[name]

    def _retyped_at_home(self, mention: TypedName) -> TypedName:
        """A unit written under its former type, whose namesakes of that type lie in other provinces
        ("huyện Phong Điền" in a Huế report of 2016: Huế's was made a thị xã, Cần Thơ's is still a
        huyện): the one unit of that name and level in the document's province."""
        province = self._evidence.province
        if province is None or not mention.candidates:
            return mention
        home = set(_province_keys(province, self.gazetteer))
        if any((u.vintage, u.province_code) in home for u in mention.candidates):
            return mention
        levels = {u.level for u in mention.candidates}
        retyped = [u for level in levels for u in self.gazetteer.named(level, mention.name)
                   if u.type != mention.written_type and (u.vintage, u.province_code) in home]
        return replace(mention, candidates=(retyped[0],)) if len(retyped) == 1 else mention

    def _absorbing_unit(self, unit_type: str, name: str) -> AdminUnit | None:
        """The pre-2025 unit a unit dissolved before the snapshot was merged into, when one fits the
        document's province ("huyện Đạ Tẻh" → huyện Đạ Huoai, Lâm Đồng)."""
        found = self.gazetteer.absorbing(unit_type, name)
        province = self._evidence.province
        if len(found) > 1 and province is not None:
            found = [unit for unit in found if province.code in
                     (unit.province_code, (self.gazetteer.province_of(unit) or unit).successor_code)]
        return found[0] if len(found) == 1 else None

    def _bare_names(self, typed_spans) -> list[tuple[int, int, str]]:
        """Names introduced with a type, written bare later ("Hát Lót 99,8%"); an ambiguous name
        (a xã and a thị trấn) goes to its most frequent type, ties to a province ("tỉnh Lai Châu" and
        "thành phố Lai Châu": a province's name is one in the country), else to the one named first."""
        types_by_name: dict[str, Counter] = {}
        provinces = set()
        for (start, end, place), typed_place in zip(typed_spans, self.typed_places):
            if typed_place.unit is None:
                continue
            name = typed_place.unit.name
            types_by_name.setdefault(name, Counter())[place] += 1
            if typed_place.unit.level == "province":
                provinces.add(place)
        taken = SpanIndex((start, end) for start, end, _ in typed_spans)
        found = []
        for name, places in types_by_name.items():
            if len(name.split()) < MIN_BARE_NAME_SYLLABLES:
                continue
            place = max(places, key=lambda typed: (places[typed], typed in provinces))  # (max keeps the first of equals)
            for match in regex.finditer(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(name)}(?![\p{{L}}\p{{M}}])", self.text):
                if not taken.holds(match.start()):
                    found.append((match.start(), match.end(), place))
                    taken.add(match.start(), match.end())
        return found

    def _bare_province_names(self, spans) -> list[tuple[int, int, str]]:
        """Province names written without their type ("GRDP Nghệ An tăng 8,5%", "Tại Thanh Hóa, …"):
        a province's name is one in the country, so written bare it names the province, unless it
        is part of a longer proper name ("Nguyễn Thái Bình", "Điện Biên Phủ": the tokenizer reads
        the run as one word) or usually names a person ("tư tưởng Hồ Chí Minh")."""
        taken = SpanIndex((start, end) for start, end, _ in spans)
        # a hamlet or street block named after a province ("Khu phố Đồng Nai", "Tổ dân phố Hà Nam") is no province
        hamlet_starts = {match.end(): match.start() for match in place_rules()["locality_subject"].finditer(self.text)}
        persons = place_rules()["persons_named_like_provinces"]
        found = []
        for run in CAPITALISED_DASHED_RUN.finditer(self.text):
            if taken.holds(run.start()) or taken.holds(run.end() - 1):
                continue
            words = [(run.start() + word.start(), run.start() + word.end()) for word in NAME_SYLLABLE_RUN.finditer(run.group())]
            index = 0
            while index < len(words):
                longest = next(((length, candidates) for length in range(min(MAX_PROVINCE_SYLLABLES, len(words) - index), 1, -1)
                                if (candidates := self._provinces_named(words[index][0], words[index + length - 1][1]))), None)
                if longest is None:
                    index += 1
                    continue
                length, candidates = longest
                start, end = words[index][0], words[index + length - 1][1]
                index += length
                written = self.text[start:end]
                if name_key(written) in persons or len({unit.type for unit in candidates}) > 1 or hamlet_starts.get(end, start) < start:
                    continue
                if len(words) > length and written not in word_tokens(run.group()):
                    continue  # part of a longer name
                if self._names_a_unit_at_home(written):
                    continue  # "Quảng Ninh thực hiện 4.180,6 ha" in a Quảng Bình report: its district of that name
                place = self._bare_province_place(candidates, written)
                if place is not None:
                    found.append((start, end, place.name))
        return found

    def _bare_child_names(self, spans) -> list[tuple[int, int, str]]:
        """Names of the units under the reporting unit written bare before their figures ("Nam Trà My
        2.753 hộ, Nam Giang 2.569 hộ" in a Quảng Nam report; "Các địa phương: Đam Rông 79%"): a
        name borne by one unit under that unit, standing as a whole capitalised run right before a
        figure, names that unit."""
        parent = self.reporting_unit
        if parent is None and self.reporting_name is None:
            return self._bare_names_of_one_province(spans)
        if parent is None or parent.level == "commune":
            return []
        level = "district" if parent.level == "province" and parent.vintage == OLD else "commune"
        taken = SpanIndex((start, end) for start, end, _ in spans)
        found = []
        for run in CAPITALISED_RUN.finditer(self.text):
            if taken.holds(run.start()) or taken.holds(run.end() - 1) or not FIGURE_AFTER_NAME.match(self.text, run.end()):
                continue
            under = [unit for unit in self.gazetteer.named(level, run.group()) or self.gazetteer.named_loosely(level, run.group())
                     if unit.vintage == parent.vintage
                     and (unit.district_code if parent.level == "district" else unit.province_code) == parent.code]
            if len(under) == 1:
                found.append((run.start(), run.end(), self._place_of(under[0]).name))
        return found

    def _bare_names_of_one_province(self, spans) -> list[tuple[int, int, str]]:
        """With no reporting unit, names written bare before their figures ("Lạc Dương 19 vụ, …; Bảo
        Lâm 9 vụ, …; Đam Rông 8 vụ" in a text that names no province): the units of one level and
        vintage of one province that bears more of the names than any other, and at least two (the
        units the text names with their type count too), are the units they name (a tie goes to the
        higher level: "Tiền Hải, Kiến Xương, Vũ Thư" are the districts of the old Thái Bình before the
        communes of that name). A name alone, or names shared as much by two provinces ("Tân Lập",
        "Bình Minh"), settles nothing."""
        taken = SpanIndex((start, end) for start, end, _ in spans)
        runs = []
        for run in CAPITALISED_RUN.finditer(self.text):
            if taken.holds(run.start()) or taken.holds(run.end() - 1) or not FIGURE_AFTER_NAME.match(self.text, run.end()):
                continue
            units = [unit for level in BARE_NAME_LEVELS
                     for unit in self.gazetteer.named(level, run.group()) or self.gazetteer.named_loosely(level, run.group())
                     if self.vintage is None or unit.vintage == self.vintage]
            if units:
                runs.append((run, units))
        if not runs:
            return []
        bare = {(name_key(run.group()), (unit.province_code, unit.vintage, unit.level)) for run, units in runs for unit in units}
        named = bare | {(name_key(place.unit.name), (place.unit.province_code, place.unit.vintage, place.unit.level))
              for place in self.typed_places if place.unit is not None and place.unit.level in BARE_NAME_LEVELS}  # the text's own units
        names_by_group = Counter(group for _, group in named)

        def rank(group) -> tuple[int, int]:  # names it bears, then its level (a tie goes to the higher)
            return names_by_group[group], LEVEL_RANK[group[2]]

        ranked = sorted(names_by_group, key=rank, reverse=True)
        if not ranked or names_by_group[ranked[0]] < BARE_NAMES_TO_SETTLE or (len(ranked) > 1 and rank(ranked[1]) == rank(ranked[0])):
            return []
        # between the levels of that province the bare names alone decide: a unit the text names with its type elsewhere
        # ("tỉnh lộ 128 qua xã Làng Mô") breaks no tie of "Than Uyên, Tam Đường, Sìn Hồ" between districts and towns
        bare_by_group = Counter(group for _, group in bare)
        group = max((other for other in names_by_group if other[:2] == ranked[0][:2]),
                    key=lambda other: (bare_by_group[other], LEVEL_RANK[other[2]]))
        found = []
        for run, units in runs:
            of_group = [unit for unit in units if (unit.province_code, unit.vintage, unit.level) == group]
            if len(of_group) == 1:
                found.append((run.start(), run.end(), self._place_of(of_group[0]).name))
        return found

    def _names_a_unit_at_home(self, written: str) -> bool:
        """A district or commune of the document's own province, not the province itself, bears the name."""
        home = self.province()
        if home is None or name_key(home.name) == name_key(written) \
                or any(name_key(old.name) == name_key(written) for old in self.gazetteer.predecessors(home)):
            return False  # "Tây Ninh" in a Tây Ninh report, "Thái Bình" in the 2025 Hưng Yên's: the province
        return any(unit.province_code == home.code and unit.vintage == home.vintage
                   for level in ("district", "commune") for unit in self.gazetteer.named(level, written))

    def _provinces_named(self, start: int, end: int) -> tuple[AdminUnit, ...]:
        written = self.text[start:end]
        return tuple(self.gazetteer.named("province", written) or self.gazetteer.named_loosely("province", written))

    def _bare_province_place(self, candidates: tuple[AdminUnit, ...], written: str) -> Place | None:
        unit = self._evidence.choose(candidates, self.vintage)
        if unit is None and len({(u.code, name_key(u.name)) for u in candidates}) == 1:
            # "Nghệ An", undated: one province under one code before and after 2025 (its 2025 unit answers)
            unit = next((u for u in candidates if u.vintage == NEW), candidates[0])
        if unit is not None:
            former = unit.former_name(written)
            return self.places.setdefault(former, Place(former, unit)) if former else self._place_of(unit)
        name = f"{candidates[0].type} {_as_written(written)}"
        return self.places.setdefault(name, Place(name, None))  # the same name before and after 2025, undated

    def _bare_type_words(self, spans) -> list[tuple[int, int, str]]:
        """"toàn xã", "của tỉnh", "Đảng bộ xã": the type word stands for a unit the reader knows."""
        rules = place_rules()
        taken = SpanIndex((start, end) for start, end, _ in spans)
        named = sorted((start, end, name) for start, end, name in spans if self.unit_of(name) is not None)
        named_ends = [end for _, end, _ in named]
        found = []
        for match in rules["type_word"].finditer(self.text):
            start, end = match.span()
            word = match.group(0)
            if taken.holds(start) or spell(word) not in rules["unit_types"] or not self._stands_alone_for_a_unit(match):
                continue
            place = self._unit_in_scope(spell(word), start, named, named_ends) or self._known_unit_of_type(spell(word)) \
                or self._unit_in_scope(spell(word), start, named, named_ends, across_paragraphs=True)
            if place is not None:
                found.append((start, end, place.name))
        return found

    def _stands_alone_for_a_unit(self, match) -> bool:
        """Does the type word ``match`` stand for a unit the reader knows: after a lead or a body
        ("toàn xã", "Đảng bộ xã", "Sở Y tế tỉnh"), capitalised inside a sentence ("Tuổi trẻ Thành
        phố"), opening a sentence ("Xã đề ra …"), or opening a clause before its predicate ("Năm
        2020, xã đã …"); no name nor compound after it ("xã hội", "tỉnh uỷ")?"""
        rules = place_rules()
        start, end = match.span()
        word = match.group(0)
        before = self.text[max(0, start - LEAD_WINDOW):start]
        after_lead = rules["lead_before"].search(before) is not None or rules["body_before"].search(before) is not None
        capitalised_inside = word[0].isupper() and CAPITAL_INSIDE.search(before) is not None
        opens_sentence = word[0].isupper() and (start == 0 or SENTENCE_OPENING.search(before) is not None)
        opens_clause = (not (after_lead or capitalised_inside or opens_sentence) and clause_opening().search(before) is not None
                        and rules["type_list_before"].search(before) is None)
        if not (after_lead or capitalised_inside or opens_sentence or opens_clause):
            return False
        following = FOLLOWING_WORD.match(self.text[end:end + 20])
        if following and (following.group(1)[0].isupper() or is_compound_word(f"{word} {following.group(1)}")):
            return False  # a name follows (typed, unresolved) or a compound
        return not opens_clause or predicate_follows(self.text, end, min(len(self.text), end + PREDICATE_REACH))

    def _unit_in_scope(self, unit_type: str, position: int, named, named_ends, across_paragraphs: bool = False) -> Place | None:
        """The unit the paragraph's last subject before ``position`` names, when it is of the type
        ("Xã Cò Nòi có 1.200 hộ. … toàn xã có 95% …"; not "Xã Mai Sơn được thành lập từ … xã Cò Nòi
        …, xã có 67 thôn", where the listed unit is an object). ``across_paragraphs``: also a subject
        of the paragraphs just before, when the text knows no unit of the type otherwise (a roundup
        of wards: "Năm 2025, phường Hải Châu đạt … ⏎ Để đạt kết quả này, phường đã hỗ trợ …")."""
        levels = place_rules()["unit_types"][unit_type]
        index = bisect_right(named_ends, position)
        while index > 0:
            index -= 1
            start, end, name = named[index]
            if position - end > SCOPE_REACH or (not across_paragraphs and "\n" in self.text[end:position]):
                return None
            if self._opens_its_sentence(start):
                unit = self.unit_of(name)  # the last subject: of the type, or another unit's scope
                # (of the type as written too: "Huyện Duy Tiên …, của huyện" where the gazetteer's is a thị xã since)
                of_type = unit.type == unit_type or _written_type(name) == unit_type
                return self.places[name] if of_type and unit.level in levels else None
        return None

    def _known_unit_of_type(self, unit_type: str) -> Place | None:
        unit = self.reporting_unit
        levels = place_rules()["unit_types"][unit_type]
        if unit is None:
            named = self.reporting_candidates[0] if self.reporting_candidates else None
            if named is not None and named.type == unit_type and named.level in levels:
                return self.places[self.reporting_name]
            return self._only_unit_named(unit_type, levels)
        chain = [unit]
        if unit.level == "commune":
            district = self.gazetteer.district_of(unit) or self._common_district(unit)
            if district is not None:
                chain.append(district)
        if unit.level != "province":
            province = self.gazetteer.province_of(unit)
            if province is not None:
                chain.append(province)
        for candidate in chain:
            if candidate.level in levels and candidate.type == unit_type:
                return self._place_of(candidate)
        same_type = [old for old in self.gazetteer.predecessors(unit) if old.type == unit_type and old.level in levels]
        if len(same_type) == 1:
            return self._place_of(same_type[0])
        return self._only_unit_named(unit_type, levels)

    def _only_unit_named(self, unit_type: str, levels) -> Place | None:
        """The one unit of the type the document names ("Theo Chi cục Thống kê Thành phố Hà Nội, …
        GRDP của Thành phố …"), when the reporting unit and its parents are of none; a unit the
        gazetteer does not hold counts by its written type ("UBND huyện Đạ Tẻh …, toàn huyện …")."""
        named = {place.unit or place.name: place for place in self.typed_places
                 if (place.unit is not None and place.unit.type == unit_type and place.unit.level in levels)
                 or (place.unit is None and _written_type(place.name) == unit_type)}
        return next(iter(named.values())) if len(named) == 1 else None

    def _common_district(self, unit: AdminUnit) -> AdminUnit | None:
        districts = {self.gazetteer.district_of(old) for old in self.gazetteer.predecessors(unit)}
        return districts.pop() if len(districts) == 1 else None

    def _place_of(self, unit: AdminUnit) -> Place:
        for place in self.places.values():
            if place.unit == unit:
                return place
        return self.places.setdefault(unit.full_name, Place(unit.full_name, unit))


SUBSECTION_LABEL = regex.compile(r"\s*(?:[a-zđ]\)|\d{1,2}(?:\s?\.\s?\d{1,2})+\s?\.?)\s")  # "a)", "2.1.", "1.2.2 ."
LIST_SEPARATOR = regex.compile(r"\s*(?:,|và|;)\s*")
# between two provinces of a list: a separator, or names written bare ("tỉnh Bình Dương, Đồng Nai, thành phố Hải Phòng")
LISTED_GAP = regex.compile(r"\s*(?:,|và|;)\s*(?:\p{Lu}[\p{L}\p{M}]*(?:[ \t]+\p{Lu}[\p{L}\p{M}]*){0,3}\s*(?:,|và|;)\s*){0,3}")
LISTED_PROVINCES = 3  # provinces one list names at least: peers ("nhóm 5 tỉnh, thành … (bao gồm A, B, C, D, E)")


@lru_cache(maxsize=1)
def related_links_heading() -> "regex.Pattern[str]":
    """A line of the headings of a page's links (one or several: "Những tin mới hơn Những tin cũ hơn"),
    alone or after a sentence's end ("… đạt trên 99%...Những tin mới hơn")."""
    heading = load_rules("extractor.places", "rules.json")["related_links_heading"]
    return regex.compile(rf"(?m)(?:^|(?<=[.!?…]))[ \t]*{heading}(?:[ \t]*[:|/]?[ \t]*{heading})*[ \t]*:?[ \t]*$")


def related_links(text: str) -> list[tuple[int, int]]:
    """Where a page lists links to other texts: from a heading ("Những tin cũ hơn", "Tin liên quan";
    ``related_links_heading``) over the lines after it that hold no sentence (a title each), up to the
    first that does."""
    blocks = []
    for heading in related_links_heading().finditer(text):
        if blocks and heading.start() < blocks[-1][1]:
            continue  # (a heading inside the block before: "Những tin mới hơn ⏎ Những tin cũ hơn")
        end = heading.end()
        for line in LINE.finditer(text, heading.end()):
            if line.end() - line.start() > TITLE_CHARS or SENTENCE_END.search(text, line.start(), line.end()):
                break
            end = line.end()
        blocks.append((heading.start(), end))
    return blocks


COMPARED_REACH = 30  # characters before a unit read for the comparison that makes it a peer


def compared_units(text: str, typed: list[TypedName]) -> frozenset[int]:
    """The starts of mentions a text ranks itself behind or compares itself with ("đứng thứ 2 vùng (sau
    tỉnh Quảng Ninh)", "chỉ thấp hơn tỉnh Lâm Đồng"; ``compared_before``): peers, not the text's unit."""
    compared = document_rule("compared_before")
    return frozenset(m.start for m in typed if compared.search(text, max(0, m.start - COMPARED_REACH), m.start))


def listed_provinces(text: str, typed: list[TypedName]) -> frozenset[int]:
    """The starts of province mentions written one after another in a list of LISTED_PROVINCES or
    more: peers a text compares itself with, each no more the text's than a district is."""
    provinces = sorted((m for m in typed if m.written_type in ("tỉnh", "thành phố") and m.candidates
                        and all(u.level == "province" for u in m.candidates)), key=lambda m: m.start)
    runs: list[list[TypedName]] = []
    for mention in provinces:
        if runs and LISTED_GAP.fullmatch(text, runs[-1][-1].end, mention.start):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return frozenset(m.start for run in runs if len(run) >= LISTED_PROVINCES for m in run)


ROUNDUP_PROVINCES = 3  # provinces heading sections of one text: a roundup of peers, no one's text
HEADING_CHARS = 40  # a heading line naming a province alone is at most this long
HEADING_END = regex.compile(r"[ \t]*:?[ \t]*")


def roundup_start(text: str, typed: list[TypedName], gazetteer: Gazetteer) -> int | None:
    """"TP HCM ⏎ … ⏎ Hà Nội ⏎ … ⏎ Khánh Hòa ⏎ …", "Dẫn đầu là Bắc Ninh, … ⏎ Xếp thứ ba là Bình Dương, …": a
    text whose sections are headed by ROUNDUP_PROVINCES provinces or more, each on a line of its own
    name or after a rank opening its paragraph, is a roundup of peers: where its first section starts."""
    ranked = document_rule("ranked_lead")
    typed_at = {mention.start: mention for mention in typed}
    headed: dict[str, int] = {}
    for line in LINE.finditer(text):
        if line.start() >= OPENING_CHARS and not headed:
            break  # (a roundup opens on its sections)
        start = LEADING_SPACE.match(text, line.start(), line.end()).end()
        lead = ranked.match(text, start, min(line.end(), start + HEADING_CHARS))
        name_start = lead.end() if lead else start
        mention = typed_at.get(name_start)
        if mention is not None:
            units, name_end = mention.candidates, mention.end
        else:
            run = CAPITALISED_DASHED_RUN.match(text, name_start, min(line.end(), name_start + HEADING_CHARS))
            units = gazetteer.named("province", run.group()) if run else ()
            name_end = run.end() if run else name_start
        if not units or any(unit.level != "province" for unit in units):
            continue
        if lead is None and (line.end() - start > HEADING_CHARS or not HEADING_END.fullmatch(text, name_end, line.end())
                             or not _paragraph_follows(text, line.end())):
            continue  # (not a line of the name alone over a paragraph: a sentence opening on a province, a table's cell)
        headed.setdefault(name_key(units[0].name), line.start())
    return min(headed.values()) if len(headed) >= ROUNDUP_PROVINCES else None


LINE = regex.compile(r"[^\n]+")
LEADING_SPACE = regex.compile(r"[ \t]*")
NONBLANK_LINE = regex.compile(r"[^\S\n]*\S[^\n]*")


def _paragraph_follows(text: str, position: int) -> bool:
    """Is the next line with words after ``position`` a sentence ("Kim ngạch xuất khẩu đạt 18 tỷ USD.")?"""
    line = NONBLANK_LINE.search(text, position, min(len(text), position + PARAGRAPH_REACH))
    return line is not None and SENTENCE_END.search(text, line.start(), line.end()) is not None


PARAGRAPH_REACH = 2000  # characters after a heading read for its paragraph's first line


class _Evidence:
    """What a document says about where it is: provinces and districts its mentions point to."""

    def __init__(self, typed: list[TypedName], gazetteer: Gazetteer, vintage: str | None = None,
                 predecessors_needed: int = FORMED_FROM_NAMED, listed: frozenset[int] = frozenset(),
                 merger_lists: tuple[str, list[tuple[int, int]]] | None = None):
        """``listed``: the starts of mentions in a list of several provinces: peers, which do not vote;
        ``merger_lists``: the text and where its lists of merged units stand, when it tells of a formation."""
        provinces: Counter = Counter()
        districts: Counter = Counter()
        seen_ambiguous: set[tuple[str, str]] = set()
        for mention in typed:
            spread = len({(u.vintage, u.province_code) for u in mention.candidates})
            if spread > 1:  # a name of units in several provinces votes once, however often it is written
                key = (mention.written_type, name_key(mention.name))
                if key in seen_ambiguous:
                    continue
                seen_ambiguous.add(key)
            for unit in mention.candidates:
                province = unit if unit.level == "province" else gazetteer.province_of(unit)
                if province is not None:
                    weight = (0 if mention.start in listed else 3 if unit.level == "province" else 1) / spread
                    for key in _province_keys(province, gazetteer):
                        provinces[key] += weight
                if unit.level == "district" and len(mention.candidates) == 1:
                    districts[unit.code] += 1
        self.provinces = provinces
        self.districts = districts
        self.gazetteer = gazetteer
        self._typed = typed
        self._named: set[tuple[str, str]] | None = None  # (level, name key) of every unit a mention may name; built when first asked
        # of a province before and after 2025 holding the same votes, the document's vintage first
        best = sorted(provinces.items(), key=lambda vote: (vote[1], vote[0][0] == vintage), reverse=True)[:2]
        clear = best and best[0][1] >= 1 and (len(best) == 1 or best[0][1] > best[1][1]
                                             or _one_province_by_vintage(best[0][0], best[1][0], vintage, gazetteer))
        self.province = gazetteer.unit("province", best[0][0][0], best[0][0][1]) if clear else None
        if self.province is None:
            self.province = _one_shared_province(typed, gazetteer)
        self.anchored = False
        self.reporting: AdminUnit | None = None  # the reporting unit, once anchored
        self.predecessors_needed = predecessors_needed
        self._merger_lists = merger_lists
        self._bare_listed: dict[str, bool] = {}  # name key → written bare in a merger's list

    def in_voted_province(self, unit: AdminUnit) -> bool:
        """Does the unit lie in a province the document's mentions vote for (a whole vote at least)?"""
        return self.provinces.get((unit.vintage, unit.province_code), 0) > PROVINCE_VOTE

    def anchor(self, unit: AdminUnit, gazetteer: Gazetteer) -> None:
        """The reporting unit settles the province (and district) beyond any vote."""
        province = unit if unit.level == "province" else gazetteer.province_of(unit)
        if province is not None:
            self.province = province
            for key in _province_keys(province, gazetteer):
                self.provinces[key] += ANCHOR_VOTE
        district = unit if unit.level == "district" else gazetteer.district_of(unit)
        if district is not None:
            self.districts[district.code] += ANCHOR_VOTE
        self.anchored = True
        self.reporting = unit

    def _formed_from_named(self, unit: AdminUnit) -> bool:
        """A 2025 unit whose predecessors the text names ("thành lập trên cơ sở hợp nhất xã Đất Mũi,
        xã Viên An và một phần xã Tân Ân"): the text is about the unit they formed."""
        if unit.vintage != NEW:
            return False
        if self._named is None:
            self._named = {(u.level, name_key(u.name)) for mention in self._typed for u in mention.candidates}
        own = name_key(unit.name)
        named = {name_key(old.name) for old in self.gazetteer.predecessors(unit)
                 if ((old.level, name_key(old.name)) in self._named or self._listed_bare(old.name)) and name_key(old.name) != own}
        if len(named) >= FORMED_FROM_NAMED:
            return True
        # one predecessor named may be a namesake's neighbour ("phường Phong Phú … xã Phong Thạnh": Huế's,
        # and Vĩnh Long's Phong Thạnh was formed from a Phong Phú too): once the reporting unit is known,
        # only a unit of its province
        in_province = not self.anchored or self.provinces.get((unit.vintage, unit.province_code), 0) >= ANCHOR_VOTE
        return len(named) >= self.predecessors_needed and in_province

    def _listed_bare(self, name: str) -> bool:
        """"sáp nhập 4 Đảng bộ: Nông Trang, Vân Cơ, Minh Phương và Thụy Vân": a predecessor written bare
        in the list of a formation the text tells names it as a typed mention would."""
        if self._merger_lists is None:
            return False
        key = name_key(name)
        if key not in self._bare_listed:
            self._bare_listed[key] = _listed_in(*self._merger_lists, name)
        return self._bare_listed[key]

    def _predecessor_of_the_reporting_unit(self, candidates: tuple[AdminUnit, ...]) -> AdminUnit | None:
        """A 2025 commune's text naming the old communes it was formed from ("phường Hạc Thành …
        sáp nhập phường Ba Đình, phường Đông Sơn …"): of a name's units, the one old unit of its own
        (its own name is itself)."""
        unit = self.reporting
        if unit is None or unit.vintage != NEW or unit.level != "commune":
            return None
        if unit in candidates:
            return unit
        olds = [old for old in candidates if old.vintage == OLD and old.level == "commune" and old.code in unit.predecessor_codes]
        return olds[0] if len(olds) == 1 else None

    def choose(self, candidates: tuple[AdminUnit, ...], vintage: str | None) -> AdminUnit | None:
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]

        formed = [unit for unit in candidates if self._formed_from_named(unit)]
        if len(formed) == 1:
            return formed[0]
        predecessor = self._predecessor_of_the_reporting_unit(candidates)
        if predecessor is not None:
            return predecessor

        def score(unit: AdminUnit):
            province_key = (unit.vintage, unit.province_code)
            return (self.provinces.get(province_key, 0) > PROVINCE_VOTE, self.districts.get(unit.district_code or "", 0) > 0,
                    unit.vintage == vintage, self.provinces.get(province_key, 0))

        ranked = sorted(candidates, key=score, reverse=True)
        best, runner = score(ranked[0]), score(ranked[1])
        if best[:3] == runner[:3] and not best[0]:
            return None  # nothing in the document tells them apart
        if best == runner and ranked[0].code != ranked[1].code:
            return None
        return ranked[0]


def _one_shared_province(typed: list[TypedName], gazetteer: Gazetteer) -> AdminUnit | None:
    """The one province that holds a unit of every name the document writes, when two names or
    more leave several ("xã Vĩnh Hưng" in nine provinces, "thị trấn Vĩnh Lộc" in two: Thanh Hóa
    holds both)."""
    shared, names = None, set()
    for mention in typed:
        if not mention.candidates:
            continue
        names.add((mention.written_type, name_key(mention.name)))
        provinces = {(unit.vintage, unit.province_code) for unit in mention.candidates}
        shared = provinces if shared is None else shared & provinces
        if not shared:
            return None
    if shared is None or len(names) < 2 or len({code for _, code in shared}) != 1:
        return None
    vintage, code = sorted(shared)[0]
    return gazetteer.unit("province", vintage, code)


def _one_province_by_vintage(first: tuple[str, str], second: tuple[str, str], vintage: str | None, gazetteer: Gazetteer) -> bool:
    """A tie between one province before and after 2025 ("tỉnh Quảng Nam" then, within Đà Nẵng
    now), settled by a dated document's vintage: no split vote."""
    province = gazetteer.unit("province", *first)
    return first[0] == vintage != second[0] and province is not None and second in _province_keys(province, gazetteer)


def _province_keys(province: AdminUnit, gazetteer: Gazetteer) -> list[tuple[str, str]]:
    """The province in both vintages: itself, what it became, or what it was formed from."""
    keys = [(province.vintage, province.code)]
    if province.vintage == OLD and province.successor_code:
        keys.append((NEW, province.successor_code))
    keys += [(OLD, code) for code in province.predecessor_codes]
    return keys


def _level(found) -> str:
    """Level of a unit, or of the candidates of a name (one type word: one level)."""
    return found[0].level if isinstance(found, tuple) else found.level


def document_vintage(text: str) -> str | None:
    """NEW for a document dated from July 2025, OLD before; with no date in its opening, OLD for a
    document about a term that ended by 2025 ("Đại hội … nhiệm kỳ 2020 - 2025": the units before the
    merger); else None."""
    match = DATE.search(text[:OPENING_CHARS])
    if match is None:
        term = document_term(text)
        return OLD if term is not None and term[1] <= MERGER[0] else None
    month, year = next((int(m), int(y)) for m, y in ((match.group(1), match.group(2)), (match.group(3), match.group(4)),
                                                    (match.group(6), match.group(5)), (match.group(7), match.group(8))) if y)
    return NEW if (year, month) >= MERGER else OLD


def _vintage_of_units_named(text: str, typed: list[TypedName]) -> str | None:
    """The side of the 2025 merger of the units an undated text names, when every name that
    exists on one side only is of the same side and none is marked as a former unit ("huyện Tân
    Kỳ (cũ)"): a text naming "huyện Châu Phú" (the reform abolished districts) is of the units
    before it, so "UBND TỈNH AN GIANG" over it is An Giang before it took in Kiên Giang."""
    sides = set()
    for mention in typed:
        vintages = {unit.vintage for unit in mention.candidates}
        if len(vintages) == 1:
            if VINTAGE_MARK.match(text, mention.end, min(len(text), mention.end + VINTAGE_MARK_REACH)):
                return None
            sides |= vintages
    return sides.pop() if len(sides) == 1 else None


LOOSE_NAME_SYLLABLES = 2  # a name read without its vowel marks ("Đắk Glong") has two syllables at least


def read_name(text: str, position: int, gazetteer: Gazetteer, levels: tuple[str, ...], unit_type: str):
    """The longest run of name syllables from ``position`` that names a unit of ``levels``:
    (end, name as written, candidates) or None; a name of two syllables or more may differ from
    the official one in the marks on its vowels only ("Đắk Glong" for "Đăk Glong"). Units of the
    written type are preferred; a unit whose type changed (a xã made a phường) still answers at its
    level."""
    syllable = place_rules()["name_syllable"]
    ends: list[int] = []
    cursor = position
    while len(ends) < gazetteer.max_name_syllables:
        match = syllable.match(text, cursor)
        if match is None:
            break
        cursor = match.end()
        ends.append(cursor)
    for end in reversed(ends):
        written = text[position:end].strip()
        key_name = NAME_DASH.sub(" - ", written)
        candidates = [u for level in levels for u in gazetteer.named(level, key_name)]
        if not candidates and "-" in key_name:
            candidates = [u for level in levels for u in gazetteer.named(level, key_name.replace(" - ", " "))]
        if not candidates and len(written.split()) >= LOOSE_NAME_SYLLABLES and not gazetteer.absorbing(unit_type, key_name):
            # (a unit merged away keeps its name: "xã Vân Diên" is no misspelt "thị trấn Văn Điển")
            candidates = [u for level in levels for u in gazetteer.named_loosely(level, key_name) if not unit_type or u.type == unit_type]
        if candidates:
            exact = [u for u in candidates if u.type == unit_type]
            if not exact and written.isdigit():
                continue  # a number names a unit only with its own type ("Quận 7"; "huyện 7 tháng" is a time)
            if end < ends[-1] and _written_name_goes_on(text, position, end, ends[-1], gazetteer):
                return None  # "xã Lâm Xuyên" where the gazetteer knows a "Lâm" only: a unit it does not hold
            return end, written, tuple(exact or candidates)
    return None


def _written_name_goes_on(text: str, position: int, end: int, run_end: int, gazetteer: Gazetteer) -> bool:
    """Whether the name written from ``position`` runs on past ``end``, where a unit's name ends:
    the tokenizer reads the name and the capitalised syllables after it as one word ("Lâm Xuyên"), and
    what it adds is no type word and no unit's name ("Hát Lót Huyện", "Mai Sơn Sơn La": the next
    unit)."""
    run = text[position:run_end].strip().split("\n")[0]  # (a name does not go on over a line break)
    if not run or "-" in run or "–" in run or run.isupper():
        return False  # (a dashed name, a capitals-only letterhead: left to the gazetteer)
    name_syllables = len(text[position:end].split())
    first_word = word_tokens(run)[0].split()
    if len(first_word) <= name_syllables:
        return False
    added = " ".join(first_word[name_syllables:])
    return not (place_rules()["type_word"].match(added) or any(gazetteer.named(level, added) for level in LEVEL_RANK))


def _described(unit: AdminUnit) -> str:
    """"xã Văn Lang (huyện Hạ Hòa, tỉnh Phú Thọ; code 08191, before 2025)": a unit as a candidate is
    shown to the user, with what tells two of the same name apart (a province before and after 2025)."""
    era = "before 2025" if unit.vintage == OLD else "since 2025"
    return f"{unit.full_name} ({unit.district + ', ' if unit.district else ''}{unit.province}; code {unit.code}, {era})"


class UnitError(ValueError):
    """A reporting unit given by the user that names no unit of the gazetteer, or several."""


def resolve_unit(written: str, gazetteer: Gazetteer, vintage: str | None = None) -> AdminUnit:
    """The unit "xã Tam Hợp, huyện Tương Dương, tỉnh Nghệ An" names: its first typed name, narrowed
    by the district and province after it, then by ``vintage`` (the document's) when both vintages
    hold it. A name that fits no unit, or several, is a UnitError saying which."""
    mentions = scan_typed_names(written, gazetteer)
    if not mentions:
        raise UnitError(f"{written!r}: no administrative unit (write its type and name: 'xã Tam Hợp, tỉnh Nghệ An')")
    candidates = list(mentions[0].candidates)
    parent_code = {"province": lambda u: (u.vintage, u.province_code), "district": lambda u: (u.vintage, u.district_code)}
    for parent in mentions[1:]:
        level = parent.candidates[0].level if parent.candidates else None
        if level in parent_code:
            codes = {(u.vintage, u.code) for u in parent.candidates}
            candidates = [u for u in candidates if parent_code[level](u) in codes]
    if not candidates:
        raise UnitError(f"{written!r}: no unit of that name in the gazetteer (both vintages, before and after 1 July 2025)")
    vintages = {u.vintage for u in candidates}
    if len(vintages) > 1:  # the same name before and after the 2025 merger: the document's date decides, else the newer
        chosen = vintage if vintage in vintages else (NEW if NEW in vintages else sorted(vintages)[0])
        candidates = [u for u in candidates if u.vintage == chosen]
    if len(candidates) == 1:
        return candidates[0]
    places = ", ".join(sorted({_described(u) for u in candidates})[:6])
    raise UnitError(f"{written!r} fits {len(candidates)} units ({places}): add its district or province ('…, huyện …, tỉnh …')")


def _written_type(place_name: str) -> str | None:
    """The type word a place's name opens with ("huyện Đạ Tẻh" → "huyện")."""
    lowered = place_name.lower()
    return next((word for word in sorted(place_rules()["unit_types"], key=len, reverse=True) if lowered.startswith(word + " ")), None)


def written_level(place_name: str) -> str | None:
    """The level a place's type word alone tells ("huyện Đạ Tẻh": a district; "thành phố X": none)."""
    unit_type = _written_type(place_name)
    levels = place_rules()["unit_types"].get(unit_type, ()) if unit_type else ()
    return levels[0] if len(levels) == 1 else None


def unit_type_of(written: str) -> str:
    """The canonical type a type word as written names ("TP." → "thành phố", "Xã" → "xã")."""
    spelled = spell(written)
    return place_rules()["abbreviations"].get(spelled, spelled)


CREDIT_REACH = 24  # characters before a type word read for a credit ("(Ảnh minh họa: P.V")


# a news headline labelled with a unit's bare name: "Vũng Liêm: Giải quyết việc làm …", "Thanh Hà (Hải Dương): …"
HEADLINE_WORDS = r"\p{Lu}[\p{L}\p{M}'’-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'’-]*){0,3}"  # a bare name: up to four capitalised syllables
HEADLINE_LABEL = regex.compile(rf"[ \t]*(?P<name>{HEADLINE_WORDS})[ \t]*"
                               r"(?:\([ \t]*(?P<parent>\p{Lu}[^()\n:]{1,40}?)[ \t]*\))?[ \t]*:")


LOWER_CASE_WORD = regex.compile(r"(?<![\p{L}\p{M}])\p{Ll}")
COPULA_AFTER = regex.compile(r"\s+là\s+(?!\d)")
HEADLINE_LINES = 3  # lines read for a headline's label


def _headline_label(text: str, lines: int):
    """The label of a headline ("Vũng Liêm: …") on one of the first ``lines`` lines, before any
    line holding a sentence (the body), or None."""
    line_start = len(text) - len(text.lstrip())
    for _ in range(lines):  # the title, after lines of page furniture ("BAOTAYNINH.VN trên Google News")
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        label = HEADLINE_LABEL.match(text, line_start, min(line_end, line_start + TITLE_CHARS))
        if label is not None or SENTENCE_END.search(text, line_start, line_end):
            return label  # (a line holding a sentence is the body)
        line_start = line_end + 1
        while line_start < len(text) and text[line_start].isspace():
            line_start += 1
    return None


def headline_province(text: str, gazetteer: Gazetteer) -> tuple[int, tuple[AdminUnit, ...]] | None:
    """"Gia Lai: Dành hơn 1.000 tỷ đồng …": a headline labelled with a province's bare name (after
    page furniture, as the title lines are read): the label's start and the province's units."""
    label = _headline_label(text, TITLE_LINES + 1)
    if label is None or label.group("parent"):
        return None
    provinces = tuple(gazetteer.named("province", label.group("name")) or gazetteer.named_loosely("province", label.group("name")))
    return (label.start("name"), provinces) if provinces else None


def _headline_unit(text: str, gazetteer: Gazetteer) -> TypedName | None:
    """The district a headline's label names bare, when the gazetteer holds one district of that
    name (in the province the bracket names, when it names one) and no province bears it: what the
    article is about."""
    label = _headline_label(text, HEADLINE_LINES)
    if label is None:
        return None
    provinces = gazetteer.named("province", label.group("name"))
    if provinces:
        # "Bến Tre: Mỏ Cày Nam khai thác …": a district of the province opening the headline is what it is
        # about; else the body decides ("Lào Cai: …" is a province's name as well as its capital's)
        return _district_opening_headline(text, label.end(), provinces, gazetteer)
    candidates = gazetteer.named("district", label.group("name"))
    if label.group("parent"):
        parent = label.group("parent")
        typed = place_rules()["type_word"].match(parent)  # "(tỉnh Hải Dương)" or "(Hải Dương)"
        if typed and "province" in place_rules()["unit_types"][unit_type_of(typed.group(0))]:
            parent = parent[typed.end():]
        parent = name_key(parent.strip())
        candidates = [u for u in candidates if name_key(getattr(gazetteer.province_of(u), "name", "")) == parent]
    if len({(u.vintage, u.code) for u in candidates}) != 1:
        return None
    unit = candidates[0]
    return TypedName(label.start("name"), label.end("name"), unit.type, label.group("name"), (unit,))


HEADLINE_NAME = regex.compile(rf"[ \t]*({HEADLINE_WORDS})")


def _district_opening_headline(text: str, position: int, provinces, gazetteer: Gazetteer) -> TypedName | None:
    """The district of ``provinces`` whose bare name (its longest run of capitalised syllables)
    opens the headline after its label."""
    found = HEADLINE_NAME.match(text, position)
    if found is None:
        return None
    words = found.group(1).split()
    for count in range(len(words), 0, -1):
        name = " ".join(words[:count])
        units = [u for u in gazetteer.named("district", name) if gazetteer.province_of(u) in provinces]
        if len({(u.vintage, u.code) for u in units}) == 1:
            start = found.start(1)
            return TypedName(start, start + len(name), units[0].type, name, (units[0],))
    return None


def scan_typed_names(text: str, gazetteer: Gazetteer) -> list[TypedName]:
    rules = place_rules()
    headline = _headline_unit(text, gazetteer)
    found = [headline] if headline is not None else []
    for match in rules["type_word"].finditer(text):
        described = UNIT_DESCRIPTOR.match(text, match.end())
        if described and rules["name_syllable"].match(text, described.end()) and not rules["name_syllable"].match(text, match.end()):
            match = _TypeWordAt(match, described.end())  # "huyện đảo Cô Tô", "thành phố biển Sầm Sơn": the name after its descriptor
        if not rules["name_syllable"].match(text, match.end()) \
                or (not match.group(0).isupper() and ABBREVIATION_AFTER.match(text, match.end(), match.end() + ABBREVIATION_REACH)):
            # "Hướng Hiệp là xã có …", "Pa Vệ Sủ là xã ĐBKK nằm cách …" (an abbreviation after the type word is no name)
            named = _named_before_copula(text, match, gazetteer)
            if named is not None:
                found.append(named)
            found.extend(_names_after_colon(text, match, gazetteer))  # "tại 2 xã: Sơn Lộ (…) và Sơn Lập (…)"
            continue  # no name follows (read_name would find none): "toàn xã", "xã hội"
        if ends_a_compound(text, match.start(), match.group(0)):
            continue  # "Hợp tác xã Thanh niên": the type word is the end of another word
        if rules["credit_before"].search(text, max(0, match.start() - CREDIT_REACH), match.start()):
            continue  # "Ảnh: P.V": a reporter's initials, no unit
        unit_type = unit_type_of(match.group(0))
        name = read_name(text, match.end(), gazetteer, rules["unit_types"][unit_type], unit_type)
        if name is None:
            name = _unknown_unit(text, match, gazetteer)
        if name is not None:
            end, written_name, candidates = name
            if candidates:
                candidates = _narrowed_by_parents(text, end, gazetteer, candidates)
            found.append(TypedName(match.start(), end, unit_type, written_name, candidates))
            listed = []
            if PLURAL_LEAD.search(text, max(0, match.start() - PLURAL_LEAD_REACH), match.start()):
                listed = _listed_names(text, end, gazetteer, rules["unit_types"][unit_type], unit_type)
            if not listed and FIGURE_AFTER.match(text, end):
                listed = _named_with_figures(text, end, gazetteer, rules["unit_types"][unit_type], unit_type, candidates)
            found.extend(listed)
    committees = _named_by_committee(text, gazetteer, found)
    if committees:
        found = sorted(found + committees, key=lambda mention: mention.start)
    return found


def _named_by_committee(text: str, gazetteer: Gazetteer, typed: list[TypedName]) -> list[TypedName]:
    """"Huyện ủy Sốp Cộp", "Thành ủy Việt Trì", "Thị ủy Phú Thọ": a unit's Party committee names the
    unit (its type from the committee's: a "thị ủy" heads a thị xã)."""
    rules = place_rules()
    taken = {mention.start for mention in typed}
    found = []
    for match in rules["organisation"].finditer(text):
        unit_type = rules["organisation_types"].get(spell(match.group(1)))
        if unit_type is None or match.start() in taken:
            continue
        name = read_name(text, match.end(), gazetteer, rules["unit_types"][unit_type], unit_type)
        if name is not None:
            end, written_name, candidates = name
            found.append(TypedName(match.start(), end, unit_type, written_name, candidates))
    return found


# a word describing a unit between its type and its name
UNIT_DESCRIPTOR = regex.compile(r"[ \t]+(?:biển|đảo|miền\s+núi|vùng\s+cao|biên\s+giới|ven\s+biển|nông\s+thôn|trung\s+du|đồng\s+bằng|nghèo)(?=[ \t]+\p{Lu})")


class _TypeWordAt:
    """A type word match whose name starts after a descriptor: the type word as written, its end moved."""

    def __init__(self, match, end: int) -> None:
        self._match, self._end = match, end

    def start(self) -> int:
        return self._match.start()

    def end(self) -> int:
        return self._end

    def group(self, index: int = 0) -> str:
        return self._match.group(index)


# "Hướng Hiệp là xã …", "Mèo Vạc vẫn là một huyện …", "Đồng Văn là một trong những huyện nghèo nhất …"
NAME_BEFORE_COPULA = regex.compile(r"(?r)(?:(?<=\s)|^)((?:[\p{Lu}][\p{L}\p{M}'’]*\s+){1,4})(?:(?:vẫn|cũng|đã)\s+)?là\s+"
                                   r"(?:một(?:\s+trong\s+(?:những|các|số))?\s+)?$")
COPULA_REACH = 60
ABBREVIATION_REACH = 16  # characters of "xã ĐBKK" read (a bounded match: the engine may read to the end)
ABBREVIATION_AFTER = regex.compile(r"\s+(?-i:\p{Lu}{2,})(?![\p{L}\p{M}])")  # "xã ĐBKK", "xã NTM"
WORD = regex.compile(r"\S+")


def _named_before_copula(text: str, type_word, gazetteer: Gazetteer) -> TypedName | None:
    """"Hướng Hiệp là xã có hộ nghèo giảm nhiều nhất": a name the gazetteer knows at the type's
    level, written before "là" and the type word, is that unit."""
    rules = place_rules()
    before = NAME_BEFORE_COPULA.search(text, max(0, type_word.start() - COPULA_REACH), type_word.start())
    if before is None or ends_a_compound(text, type_word.start(), type_word.group(0)):
        return None
    unit_type = unit_type_of(type_word.group(0))
    run_end = before.start(1) + len(before.group(1).rstrip())
    for word in WORD.finditer(text, before.start(1), run_end):  # the longest name ending the run
        if word.start() and text[word.start() - 1] != "\n":
            name = read_name(text, word.start() - 1, gazetteer, rules["unit_types"][unit_type], unit_type)
        else:  # the text or its line opens on the name: a name is read from a space before it (none runs over a line break)
            name = read_name(" " + text[word.start():run_end], 0, gazetteer, rules["unit_types"][unit_type], unit_type)
            name = (word.start() + name[0] - 1, *name[1:]) if name else None
        if name is not None and name[0] == run_end:
            return TypedName(word.start(), run_end, unit_type, name[1].strip(), name[2])
    return None


PARENT_JOINT = regex.compile(r",(?=\s)|\s?\((?=\s?\p{Lu})")  # "xã Minh Thọ, huyện Nông Cống", "xã Nam Giang (Nam Đàn)"
PARENT_LEVELS = ("district", "province")
SPACES = regex.compile(r"\s*")


def _narrowed_by_parents(text: str, position: int, gazetteer: Gazetteer, candidates: tuple[AdminUnit, ...]) -> tuple[AdminUnit, ...]:
    """"Xã Ngũ Hiệp, Thanh Trì, Hà Nội:", "Xã Minh Thọ, huyện Nông Cống, tỉnh Thanh Hóa", "xã Nam Giang (Nam Đàn)": the names of
    a unit's district and province written right after it (a dateline, an address) tell which of the
    units of its name it is; when they fit none, the unit is none the gazetteer holds (one dissolved
    before it, whose name another province's unit took)."""
    for _ in PARENT_LEVELS:
        joint = PARENT_JOINT.match(text, position)
        if joint is None:
            break
        typed = _parent_type_word(text, SPACES.match(text, joint.end()).end())
        name = read_name(text, typed.end() if typed else joint.end(), gazetteer, PARENT_LEVELS, "")
        if name is None or not (typed or name[1][:1].isalpha()):
            break  # "huyện Đức Trọng, 6 tháng đầu năm": a bare number is no parent ("Quận 6")
        end, _, parents = name
        below = min(LEVEL_RANK[unit.level] for unit in candidates)
        parents = [parent for parent in parents if LEVEL_RANK[parent.level] > below]
        if not parents:
            break  # "tỉnh Bà Rịa - Vũng Tàu, tỉnh Bình Dương": a list of units of one level
        codes = {(parent.vintage, parent.code) for parent in parents}
        candidates = tuple(unit for unit in candidates
                           if (unit.vintage, unit.district_code) in codes or (unit.vintage, unit.province_code) in codes)
        if not candidates:
            break
        position = end
    return candidates


def _parent_type_word(text: str, position: int):
    """The type word of a district or province at ``position`` ("huyện", "tỉnh", "TP."), or None."""
    rules = place_rules()
    typed = rules["type_word"].match(text, position)
    if typed is None:
        return None
    levels = rules["unit_types"][unit_type_of(typed.group(0))]
    return typed if set(levels) & set(PARENT_LEVELS) else None


UNKNOWN_NAME_SYLLABLE = regex.compile(r" (\p{Lu}\p{Ll}*(?:\p{M}\p{Ll}*)*)(?![\p{L}\p{M}\d])")
UNKNOWN_NAME_SYLLABLES = (2, 4)


def _unknown_unit(text: str, type_word, gazetteer: Gazetteer) -> tuple[int, str, tuple] | None:
    """A unit the gazetteer does not hold (dissolved before its oldest snapshot: "Huyện Hoành Bồ",
    "Tỉnh Hà Tây"): a type word and a run of two to four title-cased syllables that is no common
    word and opens with none ("Nông Thôn Mới"; a proper name the dictionary holds, "Từ Liêm", is a
    name) and makes no compound
    with the type word ("Tỉnh Ủy Viên", "Xã Hội Chủ Nghĩa"). Capitals-only lines are left to the
    gazetteer (letterheads: "HĐND TỈNH KHÓA XV")."""
    syllables, cursor = [], type_word.end()
    while len(syllables) < UNKNOWN_NAME_SYLLABLES[1]:
        syllable = UNKNOWN_NAME_SYLLABLE.match(text, cursor)
        if syllable is None:
            break
        syllables.append(syllable.group(1))
        cursor = syllable.end()
    if not UNKNOWN_NAME_SYLLABLES[0] <= len(syllables) <= UNKNOWN_NAME_SYLLABLES[1]:
        return None
    if UNKNOWN_NAME_SYLLABLE.match(text, cursor):
        return None  # a longer capitalised run: a title in title case, not a name
    last_type_syllable = type_word.group(0).split()[-1]
    absorbed = bool(gazetteer.absorbing(type_word.group(0).lower(), " ".join(syllables)))  # "huyện Đất Đỏ": a name, though a common word
    if not absorbed and (is_compound_word(f"{last_type_syllable} {syllables[0]}") or is_common_word(" ".join(syllables))
                         or is_common_word(" ".join(syllables[:2]))):
        return None
    if len(syllables) >= PERSON_NAME_SYLLABLES and (syllables[0] in place_rules()["family_names"] or place_rules()["office_before"].search(
            text, max(0, type_word.start() - OFFICE_REACH), type_word.start())):
        # "Phó Chủ tịch UBND tỉnh Trần Văn Tân đến dự", "Chủ tịch UBMTTQ Việt Nam tỉnh Võ Thanh An": an
        # officer's name after the body he serves (a full name opening on a family name is a person's)
        return None
    return cursor, " ".join(syllables), ()


PERSON_NAME_SYLLABLES = 3  # a person's full name has three or more (a unit's two)


FIGURE_AFTER = regex.compile(r"[^.;!?\n\d]{0,60}\d")  # a figure follows the unit in its sentence
LIST_ITEM_END = regex.compile(r"[.;!?](?=\s|$)|\n|\d[^,;.!?\n]*?(?:[,;](?!\d)|\s+và\s+)")
LISTED_REACH = 300  # characters of a sentence read for the units of a list


def _named_with_figures(text: str, position: int, gazetteer: Gazetteer, levels, unit_type: str,
                        first: tuple[AdminUnit, ...]) -> list[TypedName]:
    """"các xã A Vao giảm 7,7%, A Bung giảm 7,01% và Húc Nghì giảm 6,54%": after a unit and its
    figure, a bare name the gazetteer knows in the same province, joined by a comma or "và", is the
    next unit of the list with its own figure."""
    provinces = {(unit.vintage, unit.province_code) for unit in first}
    listed: list[TypedName] = []
    limit = min(len(text), position + LISTED_REACH)
    while True:
        item_end = LIST_ITEM_END.search(text, position, limit)  # past this item's figure, at the joint after it
        if item_end is None or not item_end.group()[:1].isdigit():
            return listed
        joint_end = item_end.end()
        while text[joint_end - 1].isspace():
            joint_end -= 1  # a name starts with the white space before it
        name = read_name(text, joint_end, gazetteer, levels, unit_type)
        if name is None:
            return listed
        end, written_name, candidates = name
        same_province = tuple(unit for unit in candidates if (unit.vintage, unit.province_code) in provinces)
        if not same_province:
            return listed
        types = {unit.type for unit in same_province}  # "Thị trấn Ân Thi …; Hạ Lễ …": Hạ Lễ is a xã, its own type
        listed.append(TypedName(joint_end + len(written_name) - len(written_name.lstrip()), end,
                                types.pop() if len(types) == 1 else unit_type, written_name.strip(), same_province))
        position = end


# "các xã", "03 xã", "ba xã", "một số huyện", "sáp nhập xã A, B và C"
PLURAL_LEAD = regex.compile(r"(?i)(?:(?<![\p{L}\p{M}])(?:các|những|gồm|một\s+số|nhiều|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|sáp\s+nhập(?:\s+toàn\s+bộ)?|hợp\s+nhất)|(?<![\d/.\-–])\d+)\s+$")  # (not a date's end: "Sáng 29/7 xã …", "2025-08-22 Phường …")
PLURAL_LEAD_REACH = 12


def _names_after_colon(text: str, type_word, gazetteer: Gazetteer) -> list[TypedName]:
    """"tại 2 xã: Sơn Lộ (19 nhà …) và Sơn Lập (…)", "gồm các phường: A, B": a counted or plural type
    word before a colon (a few words saying which units between them) names the units listed after it."""
    colon = COLON_AFTER.match(text, type_word.end()) or COLON_AFTER_EXAMPLES.match(text, type_word.end())
    if colon is None or PLURAL_LEAD.search(text, max(0, type_word.start() - PLURAL_LEAD_REACH), type_word.start()) is None:
        return []
    unit_type = unit_type_of(type_word.group(0))
    levels = place_rules()["unit_types"][unit_type]
    name = read_name(text, colon.end(), gazetteer, levels, unit_type)
    if name is None:
        return []
    end, written_name, candidates = name
    first = TypedName(colon.end() + len(written_name) - len(written_name.lstrip()), end, unit_type, written_name.strip(), candidates)
    listed = _listed_names(text, end, gazetteer, levels, unit_type)
    if not listed and FIGURE_AFTER.match(text, end):
        listed = _named_with_figures(text, end, gazetteer, levels, unit_type, candidates)  # "như: Ea Súp có 7.849 hộ; M'Đrắk 7.362 hộ"
    return [replace(name, member=True) for name in (first, *listed)]


# "tại 2 xã: …", "sáp nhập 4 xã phía Đông sông Ba: …": a few words may say which units before the colon
COLON_AFTER = regex.compile(r"(?:\s+[^\s.,;:!?\d()]+){0,8}?\s*:(?=\s)")
# "Một số huyện tỷ lệ hộ nghèo còn cao như: Ea Súp …": the units the plural type word names are given as examples
COLON_AFTER_EXAMPLES = regex.compile(r"[^.;:!?\n\d]{0,80}?\s(?i:như|gồm|là)\s*:(?=\s)")
ITEM_ASIDE = regex.compile(r"\s*\([^()\n]{0,200}\)")  # what an item of a list says of its unit: "Sơn Lộ (19 nhà …)"


def _listed_names(text: str, position: int, gazetteer: Gazetteer, levels, unit_type: str) -> list[TypedName]:
    """"các xã Xuân Hòa, Xuân Lập và Thọ Lập": one plural type word names every unit of its list;
    an item may say something of its unit in brackets."""
    listed = []
    while True:
        aside = ITEM_ASIDE.match(text, position)
        position = aside.end() if aside else position
        joint = LIST_JOINT.match(text, position)
        if joint is None or not text[joint.end() - 1].isspace():
            return listed
        name = read_name(text, joint.end() - 1, gazetteer, levels, unit_type)  # a name starts after white space
        if name is None:
            return listed
        end, written_name, candidates = name
        listed.append(TypedName(joint.end(), end, unit_type, written_name.strip(), candidates))
        position = end


def _as_written(name: str) -> str:
    """A name as a place keeps it: NFC, one space, a word in capitals title-cased."""
    return " ".join(word.capitalize() if word.isupper() else word for word in unicodedata.normalize("NFC", name).split())


BREAKDOWN_OPENING = regex.compile(r"(?i),?\s+(?:trong\s+đó|cụ\s+thể|bao\s+gồm)(?![\p{L}\p{M}])")
PHOTO_CAPTION = regex.compile(r"(?i)(?:\(\s*ảnh(?:\s+minh\s+họa)?\s*(?::[^()\n]{0,60})?\)|(?<![\p{L}\p{M}])ảnh\s*:\s*[^\n.]{1,60})\s*$")


def _page_furniture(text: str, start: int, end: int) -> bool:
    """A line of page furniture (``PAGE_FURNITURE``) or of punctuation only."""
    return PAGE_FURNITURE.fullmatch(text, start, end) is not None or not any(c.isalpha() for c in text[start:end])


def _opens_a_list(text: str, mention: TypedName) -> bool:
    """Is a unit of the same type next, after a comma or "và" ("huyện X, huyện Y")? An address goes
    up the levels ("xã Hậu Nghĩa, tỉnh Tây Ninh") and is no list."""
    following = text[mention.end:mention.end + LIST_REACH]
    return regex.match(rf"\s*(?:,|và)\s*(?i:{regex.escape(mention.written_type)})\s+\p{{Lu}}", following) is not None


YEAR_LEAD = regex.compile(r"\d{4}\s+")  # "… năm 2025 thành phố Hải Phòng": a year, no count


def _counted_members(text: str, mentions: list[TypedName]) -> list[TypedName]:
    """Units listed after a count or a plural of their type ("có thêm 2 xã Thanh An và Thanh Lang",
    "các xã A, B"), each after the one before by a comma or "và": what the sentence counts, not
    whose text it is."""
    members: list[TypedName] = []
    for mention in mentions:
        lead = PLURAL_LEAD.search(text, max(0, mention.start - PLURAL_LEAD_REACH), mention.start)
        if (lead and not YEAR_LEAD.fullmatch(lead.group())) \
                or (members and LIST_JOINT.fullmatch(text, members[-1].end, mention.start)
                    and mention.written_type == members[-1].written_type):
            members.append(mention)
    return members


def _in_a_figures_bracket(text: str, line_start: int, mention: TypedName) -> bool:
    """"(sau thành phố Hồ Chí Minh là 9,5%)": a unit inside a bracket that holds a figure is another's
    figure the text compares with ("Tổ dân phố 15 (phường An Phú)" says where one lies)."""
    if not bracket_open_at(text, line_start, mention.start):
        return False
    close = text.find(")", mention.end, mention.end + BRACKET_ASIDE_CHARS)
    return close >= 0 and any(c.isdigit() for c in text[mention.end:close])


BRACKET_ASIDE_CHARS = 120


def _object_of_a_verb(text: str, sentence_start: int, position: int) -> bool:
    """Does a verb stand right before the unit at ``position`` ("Đoàn công tác đến thăm xã X")? Then
    the opening sentence is about what is done to the unit, not by it or its bodies."""
    words = text[max(sentence_start, position - LETTERHEAD_REACH):position].split()[-OBJECT_WINDOW_WORDS:]
    if PAST_TIME.search(" ".join(words)):
        return False  # "thời gian qua tỉnh Cao Bằng đã …": "qua" after a time is "past", no verb
    tagged = pos_tags(" ".join(words)) if words else ()
    return bool(tagged) and tagged[-1][1] == "V" and tagged[-1][0].lower() not in PASSIVE_MARKERS


PAST_TIME = regex.compile(rf"(?i)(?<![\p{{L}}\p{{M}}])(?:thời\s+gian|{shared_patterns()['period_word']}|tháng|tuần|ngày|quý)(?:\s+vừa)?\s+qua$")
