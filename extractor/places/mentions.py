"""Place mentions in a paragraph, and which one holds for a figure.

Mentions are a type word with a name the gazetteer knows ("xã Cò Nòi"), a bare name the document
has introduced with its type ("Hát Lót"), or a type word standing alone for a unit the reader knows
("toàn xã", "Đảng bộ xã"); ``extractor.places.document`` resolves them. A mention in subject
position — at the start of a paragraph, sentence or clause, possibly after "Đảng bộ", "UBND", … —
opens a scope that runs until the next subject in the same paragraph; a name written right before
a figure ("Hát Lót 99,8%") holds for that figure; a plural subject ("Các xã, thị trấn …") or
several units named together close the scope. Footnotes inherit the place at their marker.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import regex
from extractor.places.gazetteer import LEVEL_RANK
from extractor.rules import load_rules, shared_patterns
from extractor.spans import SpanIndex, bracket_open_at
from extractor.syllables import is_compound_word, name_key, spell
from extractor.tagging import pos_tags

JOINT_GAP = regex.compile(r"\s*(?:,|và|;)\s*")
RESCAN_GAP = 64  # characters: see BoundaryScan
LONG_SPACE = regex.compile(r"\s{16,}")


class BoundaryScan:
    """End of the last clause boundary before a position, for many positions of one paragraph.

    Equal to the end of the last match of ``pattern.finditer(text, start, position)`` (None if
    there is none), which rescans the paragraph from its start for every position: quadratic in a
    long paragraph. Instead the paragraph is scanned once; matches ending at least RESCAN_GAP
    characters before the position come from that scan (they do not depend on where a scan
    stops) and only the rest is rescanned. This holds while no match attempt reads RESCAN_GAP / 2
    characters or more, true of the clause-boundary patterns (a punctuation mark and the white
    space around it) unless white space runs long, so a paragraph holding a run of 16 white-space
    characters is rescanned from its start as before (clean text has none)."""

    def __init__(self, pattern: "regex.Pattern[str]", text: str, start: int, end: int):
        self.pattern, self.text, self.start = pattern, text, start
        self.rescan_all = LONG_SPACE.search(text, start, end) is not None
        # the one scan, whole: figures and mentions run to a paragraph's end, so it is all read anyway
        self.ends = [] if self.rescan_all else [match.end() for match in pattern.finditer(text, start, end)]

    def last_end(self, position: int) -> int | None:
        last, restart = None, self.start
        if not self.rescan_all:
            count = bisect_right(self.ends, position - RESCAN_GAP)
            if count:
                last = self.ends[count - 1]
            restart = max(self.start if last is None else last, position - 2 * RESCAN_GAP)
        for match in self.pattern.finditer(self.text, restart, position):
            last = match.end()
        return last


@dataclass(frozen=True)
class Mention:
    start: int  # clean-text span of the mention
    end: int
    place: str | None  # normalised "xã X"; None for a plural or unnamed subject that closes scope
    subject: bool
    until: int | None = None  # a subject whose scope ends early (a hamlet's clause, a bracket): there the scope before it resumes


# a syllable of a name: capitalised, with the apostrophe of Central Highlands names ("M'Droh", "Ch’Ơm"),
# or a number ("Phường 2")
NAME_SYLLABLE = r"(?:[\p{Lu}][\p{L}\p{M}]*(?:['’ʼ][\p{L}\p{M}]+)*|[0-9]{1,2}(?![\p{L}\p{M}\d]|[.,]\d))"


GLUED_SHORT_NAME = r"(?<=(?<![\p{L}\p{M}])\p{Lu}{2})(?=\p{Lu}{2,3}(?![\p{L}\p{M}]))"  # "TP|HCM": a short name glued to a capital type


@lru_cache(maxsize=1)
def place_rules() -> dict:
    data = load_rules("extractor.places", "rules.json")
    written_types = sorted([*data["unit_types"], *data["type_abbreviations"]], key=len, reverse=True)
    leads = sorted(data["bare_reference_leads"], key=len, reverse=True)
    organisations = sorted(data["organisation_types"], key=len, reverse=True)

    def alternatives(words):
        return "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in words)

    return {
        # (an abbreviation's dot may touch the name: "TP.Hội An")
        # (and a capital abbreviation may touch a capital short name: "TPHCM")
        "type_word": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{alternatives(written_types)})(?:(?<=\.)|(?![\p{{L}}\p{{M}}])|{GLUED_SHORT_NAME})"),
        # a type word after another and a comma is an item of a list of levels ("các xã, thị trấn đều …")
        "type_list_before": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{alternatives(written_types)})\s*,\s*$"),
        # (right after an abbreviation's dot a name may start unspaced: "TP.Hội An")
        # (and a parent's name may open a bracket: "xã Nam Giang (Nam Đàn)")
        "name_syllable": regex.compile(rf"(?:[^\S\n]+|[^\S\n]*[-–][^\S\n]*|(?<=[.(])|(?<=\p{{Lu}}){GLUED_SHORT_NAME}){NAME_SYLLABLE}"),
        # searched backwards: it ends the text before a type word, and only whether it is there matters
        "lead_before": regex.compile(rf"(?r)(?<![\p{{L}}\p{{M}}])(?i:{alternatives(leads)})\s+$"),
        "body_before": regex.compile(rf"(?<![\p{{L}}\p{{M}}]){shared_patterns()['body_of_a_unit']}\s+$"),
        # a phrase that only names a unit by its type ("Xã", "toàn huyện"): a subject, not a measure
        "type_reference": regex.compile(rf"(?i:(?:{alternatives(leads)})\s+)?(?i:{alternatives(written_types)})"),
        "organisation": regex.compile(rf"(?<![\p{{L}}\p{{M}}])((?i:{alternatives(organisations)}))(?=\s+[\p{{Lu}}])"),
        "letterhead": regex.compile(rf"(?i:{data['letterhead_organisations']})\s*$"),
        # a body of a unit the text does not name: "UBND tỉnh vừa …" (a name or a compound does not follow)
        "body_of_unnamed_unit": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{data['letterhead_organisations']})\s+"
                                              rf"((?i:{alternatives(written_types)}))(?!\s*[\p{{Lu}}\d])(?![\p{{L}}\p{{M}}])"),
        "letterhead_chars": int(data["letterhead_chars"]),
        "subject_lead": regex.compile(data["subject_lead"], regex.IGNORECASE),
        "office_before": regex.compile(data["office_before"]),
        "credit_before": regex.compile(data["credit_before"]),
        "formation_cue": regex.compile(data["formation_cue"]),
        "boundary": regex.compile(data["clause_boundary"].replace("{unit_types}", alternatives(data["unit_types"]))),
        "plural_subject": regex.compile(data["plural_subject"], regex.IGNORECASE),
        "reference_point_before": regex.compile(data["reference_point_before"].replace("{unit_types}", alternatives(data["unit_types"]))),
        "merger_verb": regex.compile(data["merger_verb"]),
        "province_body_before": regex.compile(data["province_body_before"]),
        "plan_owner_before": regex.compile(data["plan_owner_before"].replace("{organisations}", data["letterhead_organisations"])),
        "recipient_before": regex.compile(data["recipient_before"].replace("{organisations}", data["letterhead_organisations"])),
        "locality_subject": regex.compile(data["locality_subject"]),
        "unit_types": {t: tuple(levels) for t, levels in data["unit_types"].items()},
        "abbreviations": dict(data["type_abbreviations"]),
        "organisation_types": dict(data["organisation_types"]),
        "family_names": frozenset(data["family_names"]),
        "persons_named_like_provinces": frozenset(name_key(name) for name in data["persons_named_like_provinces"]),
    }


def find_mentions(text: str, start: int, end: int, resolved: list[tuple[int, int, str]],
                  within: Callable[[str, str], bool] | None = None) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Mentions in one paragraph, in order, and the spans of units in apposition, which only say
    where the unit before lies (no mention, but no part of a metric either). ``resolved``: the
    document's resolved mentions (start, end, place) inside the paragraph, typed, bare names and
    bare type words alike; ``within(inner, outer)``: does the gazetteer put one place inside the other."""
    rules = place_rules()
    found: list[tuple[int, int, str | None]] = list(resolved)
    for match in rules["plural_subject"].finditer(text, start, end):
        if not _inside_compound(text, match.start(), match.end(), end):
            found.append((match.start(), match.end(), None))
    localities = {match.start() for match in rules["locality_subject"].finditer(text, start, end)}
    if localities and resolved:  # "Sóc Trăng", "Buôn Ma Thuột": an official unit's name opening with a hamlet word is the unit
        named = SpanIndex(sorted((s, e) for s, e, _ in resolved))
        localities = {position for position in localities if not named.holds(position)}
    found += [(position, rules["locality_subject"].match(text, position).end(), None) for position in localities]
    found.sort(key=lambda mention: (mention[0], mention[1], mention[2] or ""))  # (None: an unnamed subject)
    found = _without_overlaps(found)  # mention ends then rise with their starts: lookups bisect
    in_apposition = [bool(index) and _in_apposition(text, found[index - 1], mention) for index, mention in enumerate(found)]
    in_apposition = [aside or _reference_point(text, mention, start) or _inside_a_bracket_after(text, found, index, start, end)
                     for index, (aside, mention) in enumerate(zip(in_apposition, found))]
    asides = [(mention[0], mention[1]) for mention, aside in zip(found, in_apposition) if aside]
    found = [mention for mention, aside in zip(found, in_apposition)
             if not aside and not _bracketed_aside(text, mention, start, end) and not _sets_the_plan(text, mention, start)]
    merged = _merged_objects(text, found, start)
    asides += [(mention[0], mention[1]) for index, mention in enumerate(found) if index in merged]
    found = [mention for index, mention in enumerate(found) if index not in merged]
    mentions = []
    series_end = start  # the end of the sentence whose series of units is being read
    boundaries = BoundaryScan(rules["boundary"], text, start, end) if found else None
    for index, (mention_start, mention_end, place) in enumerate(found):
        labels_what_follows = text[mention_end:mention_end + 2].lstrip().startswith(":")  # "Xã Cò Nòi: …"
        in_subject_position = not labels_what_follows and _in_subject_position(text, boundaries, mention_start)
        listed_item = not labels_what_follows and not in_subject_position \
            and _opens_a_listed_item(text, start, mention_start, mention_end, end)
        subject = labels_what_follows or in_subject_position or listed_item \
            or (place is None and text[mention_start].isdigit()) \
            or (place is not None and _named_with_its_measure(text, start, mention_start, mention_end, end))
        # ("… và 12 tỉnh khác đón …": a counted plural subject)
        if (not subject and place is not None and (FIGURE_AHEAD.search(text, mention_end, end) or RESULT_AHEAD.match(text, mention_end, min(end, mention_end + RESULT_REACH)))
                and predicate_follows(text, mention_end, end,
                                      owner_before().search(text, max(start, mention_start - OWNER_REACH), mention_start) is not None,
                                      owner_before(whole=True).search(text, max(start, mention_start - OWNER_REACH), mention_start) is not None)
                and not _names_an_office(text, start, mention_start)
                and not PASSIVE_AGENT_BEFORE.search(text, max(start, mention_start - OWNER_REACH), mention_start)
                and not _located_thing_before(text, start, mention_start)):
            subject = True
            first = index  # "các Đảng bộ thị trấn A, xã B, xã C đã …": the predicate is the whole run's
            while first > 0 and JOINT_GAP.fullmatch(text, found[first - 1][1], found[first][0]):
                first -= 1
            if first < index:
                mentions[first] = Mention(mentions[first].start, mentions[first].end, mentions[first].place, True)
        until = None
        if mention_start in localities and place is None and subject:
            # "Xóm Sơn Tây có 602 nhân khẩu": the hamlet's clause is its own; the scope before it resumes after it
            clause_end = CLAUSE_END.search(text, mention_end, end)
            until = clause_end.start() if clause_end else end
        elif listed_item or (labels_what_follows and LABELLED_ITEM_AFTER.match(text, mention_end, min(end, mention_end + LABELLED_ITEM_REACH))
                             and text[start:mention_start].rstrip()[-1:] in ("(", ",")):
            # "như: Cát Linh 97%, Phương Liên 96%", "(Tam Thanh: 16, Tam Thăng: 4, Tam Phú: 36)": the item's unit
            # holds to its item's end only (a name after it the gazetteer does not know is no item of this one)
            item_end = ITEM_END.search(text, mention_end, end)
            until = item_end.start() if item_end else end
            if bracket_open_at(text, start, mention_start):  # "(…, Thái Nguyên: 24 nhà), 264 ngôi nhà …": the bracket ends the last item
                close = text.find(")", mention_end, until)
                until = close if close >= 0 else until
        elif subject and bracket_open_at(text, start, mention_start):
            # "108 nhà (Trà Vinh 22 nhà, Bạc Liêu 61 nhà). Tổng thiệt hại …": a breakdown's unit holds
            # inside its bracket only; after it the scope before resumes
            close = text.find(")", mention_end, end)
            until = close if close >= 0 else None
        elif not subject and place is not None and _located_thing_before(text, start, mention_start):
            # "01 ngôi nhà ở thôn Nà Diệc, xã Văn Lang bị tốc mái 30 tấm lợp": the figures after a located unit in
            # its clause are of the thing located there (and no subject of the sentences after)
            clause_end = LOCATED_CLAUSE_END.search(text, mention_end, end)
            until = clause_end.start() if clause_end else end
        elif subject and place is not None and rules["type_reference"].fullmatch(text, mention_start, mention_end) is None \
                and (mention_start < series_end or _opens_an_item_of_its_sentence(text, start, mention_start)):
            # "Tiêu biểu như: xã A …; xã B có 9 thôn bị cô lập. Ngoài ra, mưa lớn làm …": the units a sentence's
            # series names hold to that sentence's end; after it the scope before resumes ("…; UBND xã chỉ đạo …"
            # refers to a unit the text knows: no item)
            if mention_start >= series_end:
                sentence_end = sentence_end_pattern().search(text, mention_end, end)
                series_end = sentence_end.start() if sentence_end else end
            until = series_end
        mentions.append(Mention(mention_start, mention_end, place, subject, until))
    return _mark_joint_subjects(text, _read_addresses(text, mentions, within)), asides


CLAUSE_END = regex.compile(r"[.;!?](?=\s|$)|\n")


@lru_cache(maxsize=1)
def sentence_end_pattern() -> "regex.Pattern[str]":
    """The end of a sentence; not the dot of a type word's abbreviation ("TX. Tân Châu 107 hộ")."""
    dotted = sorted({word[:-1] for word in place_rules()["abbreviations"] if word.endswith(".")}, key=len, reverse=True)
    return regex.compile(rf"(?<!(?<![\p{{L}}\p{{M}}.])(?i:{'|'.join(regex.escape(word) for word in dotted)}))[.!?](?=\s|$)|\n")
ITEM_SENTENCE_REACH = 400  # characters back from a mention to the opening of its sentence's series
# (searched backwards) what opens or goes on with a series of items: a ";" or a colon after a list word
SERIES_MARK_BEFORE = regex.compile(r"(?r);|(?<![\p{L}\p{M}])(?i:gồm|gồm\s+có|như|là)\s*:")


def _opens_an_item_of_its_sentence(text: str, start: int, mention_start: int) -> bool:
    """A unit opening what follows a ";" or a list's colon in its sentence ("Tiêu biểu như: Xã A …;
    xã B có 9 thôn …") names one item of a series, not the subject of the sentences after it."""
    mark = SERIES_MARK_BEFORE.search(text, max(start, mention_start - ITEM_SENTENCE_REACH), mention_start)
    if mark is None or sentence_end_pattern().search(text, mark.start(), mention_start) is not None:
        return False
    subject_lead = place_rules()["subject_lead"]
    return bool(subject_lead.fullmatch(text, mark.end(), mention_start) if _reads_only_its_span(subject_lead)
                else subject_lead.fullmatch(text[mark.end():mention_start]))
# "đơn vị được Hội Nông dân tỉnh chọn làm điểm": the agent of a passive acts on the subject, it is none
PASSIVE_AGENT_BEFORE = regex.compile(r"(?i)(?<![\p{L}\p{M}])được\s+(?:[\p{L}\p{M}]+\s+){0,5}$")
ITEM_OPENING_BEFORE = regex.compile(r"(?::|(?<![\p{L}\p{M}])(?:và|là))[ \t]*$")  # a colon opening a list, "là" or "và" before an item
ITEM_FIGURE = regex.compile(r"[ \t]*(?::[ \t]*)?\d")
ITEM_OPENING_OR_COMMA_BEFORE = regex.compile(r"(?:[:,;]|(?<![\p{L}\p{M}])(?:và|là))[ \t]*$")
MEASURE_ITEM_REACH = 60  # characters from a unit's name through its measure's head to the figure
RANKED_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?i:là|tiếp\s+(?:theo|đến)(?:\s+là)?)\s+$")
WITH_MEASURE_AFTER = regex.compile(r"\s+với\s+(?!\d)")
# a rank itself before "là": "Dẫn đầu là", "Đứng thứ hai là", "Xếp ở vị trí thứ ba là", "Tiếp theo là"
RANK_BEFORE = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{shared_patterns()['rank_lead']})\s+là\s+$")
CLAUSE_AFTER = regex.compile(r"\s*,\s+(?=\p{Ll})")  # "…là Hà Nội, tổng lượt khách đạt …" (not a list of names)


def _named_with_its_measure(text: str, start: int, mention_start: int, mention_end: int, end: int) -> bool:
    """"Đứng ở vị trí thứ hai là Khánh Hòa với GRDP tăng 12,73%", "Dẫn đầu là Bắc Ninh, tổng vốn
    đăng ký đạt …": a unit a ranking names, its measure and figure after it ("với", or a comma after
    the rank itself), is the subject of that figure and of the sentences after it."""
    window = max(start, mention_start - RANKED_REACH)
    if FIGURE_AHEAD.search(text, mention_end, end) is None:
        return False
    if RANKED_BEFORE.search(text, window, mention_start) is not None \
            and WITH_MEASURE_AFTER.match(text, mention_end, min(end, mention_end + RANKED_REACH)) is not None:
        return True
    return RANK_BEFORE.search(text, max(start, mention_start - RANK_REACH), mention_start) is not None \
        and CLAUSE_AFTER.match(text, mention_end, min(end, mention_end + RANKED_REACH)) is not None


RANKED_REACH = 20
RANK_REACH = 40  # characters of "Xếp ở vị trí thứ ba là " before a unit
LABELLED_ITEM_REACH = 40  # characters of ": 4 nhà," after a labelled item (bounded: the engine may read to the end)
LABELLED_ITEM_AFTER = regex.compile(r"\s*:\s*\d[\d.,]*(?:\s*[\p{L}\p{M}%]+){0,2}\s*[,;)]")  # "Tam Thăng: 4, …", "Tam Thăng: 4 nhà;"
ITEM_END = regex.compile(r"[.;!?](?=\s|$)|\n|,(?=\s*\p{Lu})|\s(?=và\s+\p{Lu})")  # the end of a listed item: the clause's, or a comma before the next name


def _opens_a_listed_item(text: str, start: int, mention_start: int, mention_end: int, end: int) -> bool:
    """"… gồm: Lạc Dương 19 vụ, diện tích thiệt hại 2,55 ha; Bảo Lâm 9 vụ, …", "… là thị trấn Ân Thi
    88/102 đạt 86%; …", "… và Phù Ủng 46/84 đạt 55%": a unit opening an item of a list with its
    figure is that item's subject, as the units after ";" are; so is one before the measure of its
    figure, after a comma too ("…: Vĩnh Long diện tích 429 ha, …, Đồng Tháp diện tích 2.150 ha")."""
    window_start = max(start, mention_start - 4)
    if ITEM_OPENING_BEFORE.search(text, window_start, mention_start) is not None and ITEM_FIGURE.match(text, mention_end, end) is not None:
        return True
    return ITEM_OPENING_OR_COMMA_BEFORE.search(text, window_start, mention_start) is not None \
        and measure_then_figure().match(text, mention_end, min(end, mention_end + MEASURE_ITEM_REACH)) is not None


@lru_cache(maxsize=1)
def measure_then_figure() -> "regex.Pattern[str]":
    """A measure's head, a few words and a figure right after a unit's name ("Vĩnh Long diện tích
    429 ha", "tỉnh Điện Biên đàn bò 120.000 con" is no such: "đàn" is no measure's head)."""
    from extractor.quantities.metric import metric_rules  # (read lazily: the quantities read the places' rules)
    head = metric_rules()["measure_head"].pattern
    return regex.compile(rf"[ \t]+(?i:{head})(?:[ \t]+[\p{{Ll}}\p{{M}}]+){{0,3}}?[ \t]*(?::|(?<![\p{{L}}\p{{M}}])(?:đạt|là|có))?[ \t]*\d")


def _read_addresses(text: str, mentions: list[Mention], within) -> list[Mention]:
    """An address runs down to one place: "Tại huyện Nguyên Bình, xã Vũ Nông có …" (the district
    holds the commune). A unit holding the next one, written before it after a comma, only says
    where that lies: it names no place and is no subject; the next mention is the subject if it was.
    (A hamlet's address, "bản Nà Hạ, xã Chiềng Mung có 120 hộ", stays the hamlet's: its figures are
    not its commune's.)"""
    result = list(mentions)
    for index in range(len(result) - 1):
        mention, later = result[index], result[index + 1]
        if (COMMA_GAP.fullmatch(text, mention.end, later.start) is None or mention.place is None or later.place is None
                or mention.place == later.place or within is None or not within(later.place, mention.place)):
            continue
        result[index] = Mention(mention.start, mention.end, None, False)
        if mention.subject and not later.subject:
            result[index + 1] = Mention(later.start, later.end, later.place, True, later.until)
    return result


LIST_JOINT = regex.compile(r"\s*,\s*|\s+và\s+")  # between the items of a list: "A, B và C"
OPENS_BRACKET = regex.compile(r"\s*\(\s*")
CLOSES_BRACKET = regex.compile(r"\s*\)")


def _in_apposition(text: str, previous, mention) -> bool:
    """"Xã Xuân Hòa (huyện Thọ Xuân)", "huyện Mường Ảng, tỉnh Điện Biên": a unit in brackets right
    after another, or a higher unit after a comma, "thuộc" or "của", says where that one lies; it is no subject of its own."""
    if previous[2] is None or mention[2] is None:
        return False
    if OPENS_BRACKET.fullmatch(text, previous[1], mention[0]) is not None:
        return CLOSES_BRACKET.match(text, mention[1]) is not None
    if BELONGS_GAP.fullmatch(text, previous[1], mention[0]) is not None:
        return True  # ("Thành phố Từ Sơn thuộc tỉnh Bắc Ninh": the word says which holds which, whatever the type words)
    return PARENT_GAP.fullmatch(text, previous[1], mention[0]) is not None and _rank(mention[2]) > _rank(previous[2])


COMMA_GAP = regex.compile(r"\s*,\s*")
# "xã Cò Nòi, huyện Mai Sơn", "xã Cò Nòi của huyện Mai Sơn", "xã An Phú - huyện Mỹ Đức"
PARENT_GAP = regex.compile(r"\s*,\s*|\s+(?i:của)\s+|\s+[-–]\s+")
BELONGS_GAP = regex.compile(r"\s+(?i:(?:trực\s+)?thuộc)\s+")  # "xã Cò Nòi thuộc huyện Mai Sơn"


def _rank(place: str) -> int:
    """The highest level a place's type word may name (a city after a lower unit is a province's)."""
    rules = place_rules()
    word = rules["type_word"].match(place)
    levels = rules["unit_types"].get(spell(word.group()), ()) if word else ()
    return max((LEVEL_RANK[level] for level in levels), default=-1)


ASIDE_REACH = 24  # characters between a unit and the brackets of an aside around it
ASIDE_OPENING = regex.compile(r"\([^()\d]{0,%d}$" % ASIDE_REACH)
ASIDE_CLOSING = regex.compile(r"[^()\d]{0,%d}\)" % ASIDE_REACH)


SENTENCE_BEFORE = regex.compile(r"(?r)[.;!?](?=\s)|\n")  # searched backwards: the end of the sentence before


def _merged_objects(text: str, found, start: int) -> set[int]:
    """"Phường Bến Thành được thành lập trên cơ sở sáp nhập phường A, phường B và một phần phường C,
    diện tích 1,8 km2": the units after the merger verb are what was merged, when a unit stands
    before the verb in the sentence (its subject): indexes of those that hold no figure after them
    (one with its own bracket keeps it: "xã A (diện tích 12 km2)")."""
    merged = set()
    for index, mention in enumerate(found):
        previous_end = SENTENCE_BEFORE.search(text, start, mention[0])
        sentence_start = previous_end.end() if previous_end else start
        verb = place_rules()["merger_verb"].search(text, sentence_start, mention[0])
        if verb is None or _own_figure_bracket(text, mention[1]) \
                or text.rfind("(", sentence_start, verb.start()) > text.rfind(")", sentence_start, verb.start()):
            continue  # (a formation told in brackets after its unit is an aside of its own: "xã Mai Sơn (thành lập trên cơ sở …)")
        if any(sentence_start <= other[0] and other[1] <= verb.start() for other in found[:index]):
            merged.add(index)
    return merged


OWN_BRACKET = regex.compile(r"\s{0,2}\([^()\d]{0,60}\d")  # "xã A (diện tích 12 km2)", not "phường Hiệp An (thuộc thành phố …)"


def _own_figure_bracket(text: str, position: int) -> bool:
    """A bracket right after a merged unit that holds a figure: the unit's own figures."""
    return OWN_BRACKET.match(text, position, position + 64) is not None


REFERENCE_REACH = 40  # characters before a mention read for "cách (trung tâm)"


def _reference_point(text: str, mention, start: int) -> bool:
    """"cách trung tâm huyện Đăk Glong 75 km": the unit a distance is measured from is no subject and
    holds no figure (it says where something lies, as an aside does)."""
    return place_rules()["reference_point_before"].search(text, max(start, mention[0] - REFERENCE_REACH), mention[0]) is not None


BRACKET_REACH = 200  # characters a bracketed aside after a unit may hold


def _inside_a_bracket_after(text: str, found, index: int, start: int, end: int) -> bool:
    """"Đảng bộ xã Mai Sơn (thành lập trên cơ sở sáp nhập 03 Đảng bộ: Thị trấn Hát Lót, xã Hát Lót, xã
    Cò Nòi) tiến hành …": units inside a bracket opened right after another unit tell about that unit;
    they are asides, and the clause goes on with its subject after the bracket closes."""
    mention = found[index]
    reach = max(start, mention[0] - BRACKET_REACH)
    opening = text.rfind("(", reach, mention[0])
    closing = text.find(")", mention[1], min(end, mention[1] + BRACKET_REACH))
    if opening < 0 or closing < 0 or text.rfind(")", opening, mention[0]) >= 0 \
            or any(c.isdigit() for c in text[mention[1]:closing]):
        return False  # (a unit with its own figure in the bracket holds it: "Các xã (xã A có 5 thôn, …)")
    for other in range(index - 1, -1, -1):  # the mention nearest before the bracket is the only one that can touch it
        if found[other][1] <= opening:
            return found[other][2] is not None and not text[found[other][1]:opening].strip()
    return False


def _bracketed_aside(text: str, mention, start: int, end: int) -> bool:
    """"… Nghĩa Hành và Tân Hương (huyện Tân Kỳ cũ), có diện tích …": a unit alone in brackets,
    with no figure, says where something lies or lay; it is no subject and holds no figure."""
    return (ASIDE_OPENING.search(text, max(start, mention[0] - ASIDE_REACH - 1), mention[0]) is not None
            and ASIDE_CLOSING.match(text, mention[1], min(end, mention[1] + ASIDE_REACH + 1)) is not None)


PLAN_OWNER_REACH = 60  # characters before a mention where a plan and the body that set it may stand
ASSIGNS_REACH = 12  # (bounded: the engine scans for a required word as far as it may read)
ASSIGNS = regex.compile(r"\s+giao(?![\p{L}\p{M}])")  # (a unit's own plan, "Nghị quyết của Đảng bộ xã", is what its figures are about)


def _sets_the_plan(text: str, mention, start: int) -> bool:
    """"vượt 106,4% so với chỉ tiêu UBND tỉnh giao", "đạt 95% kế hoạch huyện giao": the unit assigned
    the target the figure is measured against; the figure is not about it (nor is the clause)."""
    return (ASSIGNS.match(text, mention[1], mention[1] + ASSIGNS_REACH) is not None
            and place_rules()["plan_owner_before"].search(text, max(start, mention[0] - PLAN_OWNER_REACH), mention[0]) is not None)


PREVIOUS_SYLLABLES = regex.compile(r"(?:([\p{L}\p{M}]+)\s+)?([\p{L}\p{M}]+)\s+$")
FOLLOWING_WORD = regex.compile(r"\s+([\p{L}\p{M}]+)")
EDGE_WORD = regex.compile(r"[\p{L}\p{M}]+")


def ends_a_compound(text: str, start: int, word: str) -> bool:
    """``word`` at ``start`` is the end of a dictionary word begun by the one or two words before it
    ("Hợp tác xã", "an toàn")."""
    before = PREVIOUS_SYLLABLES.search(text[max(0, start - 24):start])
    if before is None:
        return False
    words = [w for w in before.groups() if w]
    return any(is_compound_word(" ".join([*words[i:], word])) for i in range(len(words)))


def _inside_compound(text: str, match_start: int, match_end: int, end: int) -> bool:
    """"an toàn xã hội" is no "toàn xã": the match's first word ends a dictionary word ("an toàn"),
    or its last word starts one with the word after it ("xã hội")."""
    words = EDGE_WORD.findall(text, match_start, match_end)
    after = FOLLOWING_WORD.match(text, match_end, min(end, match_end + 12))
    return bool(words) and (ends_a_compound(text, match_start, words[0])
                            or bool(after and is_compound_word(f"{words[-1]} {after.group(1)}")))


def _without_overlaps(found: list[tuple[int, int, str | None]]) -> list[tuple[int, int, str | None]]:
    """Mentions sorted by start, so that their ends rise too: of two where one lies inside the
    other, the outer stays, unless it names no unit and the inner does ("toàn xã")."""
    kept: list[tuple[int, int, str | None]] = []
    for mention in found:
        if kept and mention[1] <= kept[-1][1]:  # inside the one before: its end would break the order
            if kept[-1][2] is None and mention[2] is not None:
                kept[-1] = mention  # "toàn xã": the unit it names, not a plural subject
            continue
        kept.append(mention)
    return kept


def _in_subject_position(text: str, boundaries: BoundaryScan, position: int) -> bool:
    clause_start = boundaries.last_end(position)
    lead_start = boundaries.start if clause_start is None else clause_start
    subject_lead = place_rules()["subject_lead"]
    if _reads_only_its_span(subject_lead):  # no copy of a lead that may run from the paragraph start
        return bool(subject_lead.fullmatch(text, lead_start, position))
    return bool(subject_lead.fullmatch(text[lead_start:position]))


OFFICE_REACH = 60  # characters before a mention where a person's office may stand


def _names_an_office(text: str, paragraph_start: int, position: int) -> bool:
    """"Đồng chí …, Phó Bí thư Tỉnh ủy Lào Cai dự và chỉ đạo": the unit is where a person serves;
    the person, not the unit, is the subject of the predicate after it."""
    return place_rules()["office_before"].search(text, max(paragraph_start, position - OFFICE_REACH), position) is not None


# a subject only matters to the figures after it, or to a result statement of its sentence ("xã A đã
# đạt nhiều kết quả, các chỉ tiêu đều đạt và vượt"): with neither, no tagging
FIGURE_AHEAD = regex.compile(r"\d")
RESULT_REACH = 300  # characters of a sentence read for its result words
RESULT_AHEAD = regex.compile(r"[^.;!?]*?(?i:đạt|vượt|hoàn\s+thành)")
# the words after a mention, with a figure among them: a verb tagged alone ("tăng trưởng") reads as a numeral
PREDICATE_WINDOW = regex.compile(r"[ \t]+(\p{Ll}[\p{L}\p{M}]*(?:[ \t]+(?:[\p{L}\p{M}]+|\d[\d.,]*%?)){0,4})")
COPULA = "là"  # after a mention that owns the measure ("của xã X là …"), not after a place adjunct ("trên toàn huyện là …")
OWNER_REACH = 20  # characters before a mention read for its owner word


@lru_cache(maxsize=2)
def owner_before(whole: bool = False) -> "regex.Pattern[str]":
    """The words before a unit that owns the measure before them ("Dân số của xã", "Tổng diện tích
    đất nông nghiệp trên địa bàn huyện X là"); ``whole``: "toàn" too ("toàn tỉnh")."""
    possessive = rf"của|(?:{shared_patterns()['area_lead']})(?:\s+của)?"
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{possessive}{'|toàn' if whole else ''})\s+$")
PREDICATE_TAGS = frozenset({"V", "R"})  # a verb, or an adverb before one ("đã", "đều")
# the words after a mention are tagged after a subject noun: tagged alone, a clause's first verb is
# often read as a noun ("tổ chức 2 lớp", "giải ngân 80%"); the mention itself may not stand there, as the tokenizer
# joins a name's last syllable to the verb ("Đại Đồng đề ra")
SUBJECT_STAND_IN = "UBND"
# a word tagged a preposition or conjunction on its own links the mention to what follows ("lãnh đạo
# TP.Cao Lãnh qua các thời kỳ", "trên toàn huyện là 0,52%"), whatever it reads as after a subject
LINKING_TAGS = frozenset({"E", "C"})


NEW_TERM = r"(?i:nhiệm\s+kỳ|khóa|khoá)\s+(?:mới|tới)(?![\p{L}\p{M}])"  # "Ban Chấp hành Đảng bộ phường X khóa mới gồm …": a term with no years
HIGHER_LEVELS = ("district", "province")  # the levels whose units may follow a unit to say where it lies
ASIDE_REACH_AFTER = 80  # characters of a bracketed aside or a parent unit between a mention and its predicate
@lru_cache(maxsize=2)
def aside_before_predicate(timed: bool = False) -> "regex.Pattern[str]":
    """What may stand between a mention and its predicate: a bracketed aside, the district or
    province after a unit ("huyện Mường Ảng, tỉnh Điện Biên tổ chức …"), the number of its congress or term
    ("Đảng bộ xã X lần thứ XII, nhiệm kỳ 2020-2025 đã …"), a word for now ("huyện X hiện có"); with ``timed``, after a unit that owns a
    measure, its time or price basis too ("GRDP của tỉnh năm 2025 đạt", "của tỉnh trong 11 tháng ước
    đạt", "toàn tỉnh (giá so sánh 2010) ước đạt"; not "Nghị quyết của … Đảng bộ xã năm 2026 tham mưu")."""
    shared, rules = shared_patterns(), place_rules()
    higher = [word for word, levels in rules["unit_types"].items() if set(levels) & set(HIGHER_LEVELS)]
    higher += [short for short, word in rules["abbreviations"].items() if word in higher]
    higher_type = "|".join(regex.escape(word).replace("\\ ", r"\s+") for word in sorted(higher, key=len, reverse=True))
    return regex.compile(
        r"(?:\s*\([^()\n\d]{1,60}\)|\s*\(\s*(?i:" + shared['term'] + r")\s*\)|(?:\s*,|\s+[-–])\s*(?i:" + higher_type + r")\s*" + NAME_SYLLABLE + r"(?:\s+" + NAME_SYLLABLE
        + rf"){{0,3}}(?=[\s,])|\s+(?:{shared['session_ordinal']})|\s+{NEW_TERM}|\s*,?\s*(?i:{shared['term']})(?:\s*,(?=\s))?|\s+(?:{shared['now_word']})"
        + (rf"|\s+(?:{shared['time_adjunct']})|\s*\(\s*(?i:{shared['price_basis']})[^()\n]{{0,20}}\)" if timed else "") + ")+")


def predicate_follows(text: str, position: int, end: int, possessor: bool = False, owner: bool = False) -> bool:
    """Does the clause's predicate start right after a mention ("… của Ban Chấp hành Đảng bộ xã
    có 09/11 chỉ tiêu", "Câu lạc bộ doanh nhân trẻ thành phố có hơn 50 thành viên")? Then the
    mention closes the subject noun phrase, whatever stands before it. (``possessor``: "của" before
    the mention; ``owner``: "của" or "toàn".)"""
    aside = aside_before_predicate(owner).match(text, position, min(end, position + ASIDE_REACH_AFTER))
    position = aside.end() if aside else position  # "Hội CCB huyện Bình Liêu (tỉnh Quảng Ninh) kết nạp …"
    window = PREDICATE_WINDOW.match(text, position, min(end, position + 40))
    if window is None:
        return False
    if possessor and window.group(1).split(" ", 1)[0].lower() == COPULA:
        return True  # "Dân số của xã Cò Nòi là 12.000 người" (the tagger reads a lone "là" as a conjunction)
    after_subject = pos_tags(f"{SUBJECT_STAND_IN} {window.group(1)}")
    if not (len(after_subject) > 1 and after_subject[0][0] == SUBJECT_STAND_IN
            and (after_subject[1][1] in PREDICATE_TAGS or _adverbial_before_verb(after_subject[1:]))):
        return False
    alone = pos_tags(window.group(1))
    return bool(alone) and alone[0][1] not in LINKING_TAGS


def _adverbial_before_verb(tagged) -> bool:
    """"xã Ngọc Khê cơ bản đạt kế hoạch": a manner word the tagger reads as an adjective, right
    before a verb, opens the predicate as an adverb does; so it does before an adjective that ends
    the clause ("Tình hình kinh tế của tỉnh cơ bản ổn định, …": an adjective is a predicate)."""
    return len(tagged) > 1 and tagged[0][1] == "A" and (tagged[1][1] == "V" or (len(tagged) == 2 and tagged[1][1] == "A"))


ANCHORS_OR_LOOKAROUNDS = regex.compile(r"\(\?<?[=!]|\\[AbBGZ]|\^|\$")


@lru_cache(maxsize=8)
def _reads_only_its_span(pattern: "regex.Pattern[str]") -> bool:
    """Does matching in place (pos/endpos) equal matching a copy of the span? True without
    anchors and look-arounds, which are the only parts that see past the span's ends."""
    return ANCHORS_OR_LOOKAROUNDS.search(pattern.pattern) is None


def _mark_joint_subjects(text: str, mentions: list[Mention]) -> list[Mention]:
    """Several units named together as one subject ("Thị trấn Hát Lót, xã Cò Nòi: …") close the scope.

    A run starts at a subject mention and takes each next mention joined to the one before it
    ("," "và" ";" between, a different place); every member of a run of two or more becomes an
    unnamed subject. Members are marked by position (looking each up by value failed when an
    earlier run had already marked it: "Xã A; xã B, xã C: …"), each once, so a long chain of
    joined mentions stays linear."""
    joined_to_next = [
        JOINT_GAP.fullmatch(text[mention.end:later.start]) is not None and later.place != mention.place
        for mention, later in zip(mentions, mentions[1:])
    ]
    run_end = list(range(len(mentions)))  # run_end[k]: the last mention of a run starting at k
    for index in range(len(mentions) - 2, -1, -1):
        if joined_to_next[index]:
            run_end[index] = run_end[index + 1]
    result = list(mentions)
    marked_until = 0
    for index, mention in enumerate(mentions):
        if not mention.subject or run_end[index] == index:
            continue
        for member_index in range(max(index, marked_until), run_end[index] + 1):
            member = mentions[member_index]
            result[member_index] = Mention(member.start, member.end, None, True, member.until)
        marked_until = max(marked_until, run_end[index] + 1)
    return result


def place_at(mentions: list[Mention], text: str, position: int) -> str | None:
    """The place for a figure at ``position`` given the paragraph's mentions."""
    if any(m.start == position and m.place is None and m.subject for m in mentions):
        return None  # "… và 10 địa phương tăng trưởng 2 con số": the figure counts a plural subject of its own
    before = [m for m in mentions if m.end <= position]
    if before and before[-1].place and _right_after(text, before[-1], position):
        return before[-1].place  # "Hát Lót 99,8%", "Xã Hát Lót: 100%"
    scope, scope_end, short = None, None, None  # short: the last subject whose scope ends early
    for mention in before:
        if mention.until is not None:
            short = mention
        elif mention.subject:
            scope, scope_end, short = mention.place, mention.end, None
    if short is not None and position < short.until:
        return short.place
    return _scope_or_unit_after(text, position, scope, scope_end, _following(mentions, len(before), text))


ADDRESS_GAP = regex.compile(r"\s*,?\s*")  # "bản Háng Bla, xã Khao Mang", "thôn Nà Pồng xã Hồ Bốn"


def _following(mentions: list[Mention], index: int, text: str) -> Mention | None:
    """The mention after a figure; a hamlet's address reads on to the unit right after it ("tại bản
    Háng Bla, xã Khao Mang": the commune, from where the hamlet starts)."""
    if index >= len(mentions):
        return None
    following = mentions[index]
    if following.place is None and index + 1 < len(mentions) and mentions[index + 1].place is not None \
            and ADDRESS_GAP.fullmatch(text, following.end, mentions[index + 1].start):
        return Mention(following.start, mentions[index + 1].end, mentions[index + 1].place, False)
    if following.place is None and place_rules()["locality_subject"].match(text, following.start, following.end):
        # more hamlets, named bare or with their word, before the commune: "tại thôn Pác Thôm, Nặm Rặc, xã Văn Vũ"
        later = index + 1
        while later < len(mentions) and mentions[later].place is None \
                and HAMLETS_GAP.fullmatch(text, mentions[later - 1].end, mentions[later].start):
            later += 1
        if later < len(mentions) and mentions[later].place is not None and later - index <= ADDRESS_HAMLETS \
                and HAMLETS_GAP.fullmatch(text, mentions[later - 1].end, mentions[later].start):
            return Mention(following.start, mentions[later].end, mentions[later].place, False)
    return following


ADDRESS_HAMLETS = 4  # hamlets an address may name before its commune
HAMLETS_GAP = regex.compile(rf"\s*,\s*(?:{NAME_SYLLABLE}(?:\s+{NAME_SYLLABLE}){{0,3}}\s*,\s*){{0,3}}")


def _scope_or_unit_after(text: str, position: int, scope: str | None, scope_end: int | None, following: Mention | None) -> str | None:
    """The subject's place, unless the figure's own clause names its unit after it and no subject
    of that clause does ("Lốc xoáy cũng khiến 11 nhà dân tại xã Bình Trung bị tốc mái" after a
    sentence about xã Bình Sa)."""
    if scope is not None and following is not None:
        whole = _whole_unit_after(following, text, position)
        if whole is not None and whole[1] > _rank(scope):
            return whole[0]  # "…, 2 điểm trường và hàng trăm cây bóng mát trên toàn tỉnh": the whole unit's, not the commune's
    unit = _unit_after(following, text, position, organisation=scope is None) if following is not None else None
    if unit is None or (scope is not None and CLAUSE_END.search(text, scope_end, position) is None and _rank(unit) >= _rank(scope)):
        # (the clause search runs only where a unit follows: it may read back far; a lower unit after the
        # figure is more precise than the subject's: "Huyện A có … và 1 điểm trường của xã B bị sập")
        return scope
    return unit


# between a unit and the figure it holds: nothing, a colon, an aside naming where it lies, "với", or
# the opening of a bracket labelling the figure ("xã A (huyện B) với 552 hộ", "xã C (diện tích 192 km2")
IMMEDIATE_GAP = regex.compile(r"[\s:]*(?:\([^()\d]{1,40}\)\s*)?(?:với\s+(?:(?:" + shared_patterns()["about_word"] + r")\s+)?)?"
                              r"(?:\(\s*[\p{L}\p{M}]+(?:\s+[\p{L}\p{M}]+){0,4}\s+)?")  # ("với hơn 9,8 tỉ đồng")
IN_BRACKET_AFTER = regex.compile(r"\s*\([^()\n]{0,160}")  # "Phường 2 (có diện tích 1,2 km2, dân số 20.000 người)"


@lru_cache(maxsize=1)
def linked_gap() -> "regex.Pattern[str]":
    """Between a named unit and its figure in a list of units: a linking verb, a word of
    approximation or both ("Bình Tú là 400 hộ", "Bình Trung hơn 300 hộ", "xã A có khoảng 50 hộ").
    Not after a type word alone: "giảm ít nhất trên toàn huyện là 0,52%" is a place adjunct."""
    return regex.compile(r"\s+(?:(?:là|có|đạt|còn)\s+)?(?:(?:" + shared_patterns()["about_word"] + r")\s+)?")


def _right_after(text: str, mention: Mention, position: int) -> bool:
    """A figure right after a unit, or inside the bracket opened right after it, is the unit's."""
    if IMMEDIATE_GAP.fullmatch(text, mention.end, position) or IN_BRACKET_AFTER.fullmatch(text, mention.end, position):
        return True
    return (linked_gap().fullmatch(text, mention.end, position) is not None
            and place_rules()["type_reference"].fullmatch(text, mention.start, mention.end) is None)


def place_lookup(mentions: list[Mention], text: str):
    """``place_at`` for one paragraph's mentions and many positions: with mention ends in order,
    the mentions before a position are a prefix, found by binary search."""
    ends = [m.end for m in mentions]
    if any(a > b for a, b in zip(ends, ends[1:])):
        return lambda position: place_at(mentions, text, position)
    scopes = [None]  # scopes[k]: place of the last subject among the first k mentions (short scopes aside)
    scope_ends: list[int | None] = [None]  # scope_ends[k]: where that subject ends
    shorts: list[Mention | None] = [None]  # shorts[k]: a subject after it whose scope ends early (a hamlet's clause, a bracket)
    for mention in mentions:
        if mention.until is not None:
            scopes.append(scopes[-1])
            scope_ends.append(scope_ends[-1])
            shorts.append(mention)
        else:
            scopes.append(mention.place if mention.subject else scopes[-1])
            scope_ends.append(mention.end if mention.subject else scope_ends[-1])
            shorts.append(None if mention.subject else shorts[-1])

    plural_starts = {m.start for m in mentions if m.place is None and m.subject}

    def lookup(position: int) -> str | None:
        if position in plural_starts:
            return None  # (as place_at)
        count = bisect_right(ends, position)
        if count:
            last = mentions[count - 1]
            if last.place and _right_after(text, last, position):
                return last.place
        short = shorts[count]
        if short is not None and position < short.until:
            return short.place
        return _scope_or_unit_after(text, position, scopes[count], scope_ends[count], _following(mentions, count, text))

    return lookup


ORGANISATION_CLAUSE = regex.compile(r"(?:[^.;:!?\n]|(?<=\d)[.,](?=\d)){0,60}$")  # (a figure's own dots end no clause: "1.500 hộ")
# a part of the figure before opens: the unit after it is the part's ("12 người mất tích, trong đó ở Lai Châu là 7 người")
SUBSET_OPENER = regex.compile(r"(?<![\p{L}\p{M}])(?i:trong\s+đó|trong\s+số\s+(?:đó|này)|riêng)(?![\p{L}\p{M}])")
JOINED_NAME = regex.compile(r"\s*(?:,|và)\s*\p{Lu}")
LOCATIVE_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?i:tại|ở)\s+$")
# a preposition that puts a class of units inside a measure's name: "tỷ lệ hộ nghèo tại các xã đặc biệt khó khăn",
# "kinh phí hỗ trợ cho các xã, thôn đặc biệt khó khăn"
CLASS_OF_UNITS_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?i:cho|của|thuộc)\s+$")
CLASS_OF_UNITS = regex.compile(r"(?i:các|những)\s")  # ("của toàn tỉnh", "của cả xã A" are the owner, no class)


def names_a_class_in_a_phrase(text: str, paragraph_start: int, mention_start: int) -> bool:
    """A plural group of units a preposition puts inside a measure's name ("tỷ lệ hộ nghèo tại các xã
    đặc biệt khó khăn", "kinh phí hỗ trợ cho các xã, thôn đặc biệt khó khăn"): part of what it names."""
    window = max(paragraph_start, mention_start - 8)
    return LOCATIVE_BEFORE.search(text, window, mention_start) is not None \
        or (CLASS_OF_UNITS_BEFORE.search(text, window, mention_start) is not None and CLASS_OF_UNITS.match(text, mention_start) is not None)
# (hamlets of the address may stand between "ở/tại" and the unit: "01 ngôi nhà ở thôn Nà Diệc, xã Văn Lang",
# "02 điểm sạt lở tại thôn Pác Thôm, Nặm Rặc, xã Văn Vũ")
LOCATED_COUNT_BEFORE = regex.compile(r"(?<![\d.,])\d(?:[\d.]*\d)?(?:,\d+)?\s+[\p{L}\p{M}]+(?:\s+[\p{L}\p{M}]+){0,5}\s+(?:tại|ở)\s+"
                                     rf"(?:(?:{shared_patterns()['locality']})(?:\s*,\s*{NAME_SYLLABLE}(?:\s+{NAME_SYLLABLE}){{0,3}})*\s*,?\s*)?$")
# where a located unit stops holding the figures after it: its clause's end, or a comma opening the next counted item
LOCATED_CLAUSE_END = regex.compile(r"[.;!?](?=\s|$)|\n|,(?=\s*(?:(?:" + shared_patterns()["about_word"] + r")\s+)?\d)")


def _located_thing_before(text: str, start: int, mention_start: int) -> bool:
    """"7 nhà ở huyện A Lưới bị hư hỏng": a unit after a count and "ở/tại" says where the things
    counted are; the predicate after it is theirs, the unit no subject of the sentences after."""
    return LOCATED_COUNT_BEFORE.search(text, max(start, mention_start - LOCATED_REACH), mention_start) is not None


LOCATED_REACH = 90


def _unit_after(mention: Mention, text: str, position: int, organisation: bool) -> str | None:
    """"11 nhà dân tại xã Bình Trung": the unit where a figure is, later in its clause; with
    ``organisation`` (no subject before names a unit) also the body of a unit it is counted into
    ("Đại hội đã bầu 15 vị vào Ban Chấp hành Đảng bộ xã khóa X"; after a subject the body is more
    often the actor: "…; 05 năm liền được UBND tỉnh tặng bằng khen")."""
    if mention.place is None or not ORGANISATION_CLAUSE.match(text, position, mention.start) or JOINED_NAME.match(text, mention.end) \
            or SUBSET_OPENER.search(text, position, mention.start):
        return None  # (several units: "4 người bị thương ở huyện Bắc Yên và Quỳnh Nhai"; a part: "12 người, trong đó ở Lai Châu là 7")
    reach = max(position, mention.start - 40)
    if LOCATIVE_BEFORE.search(text, reach, mention.start) \
            or (AREA_BEFORE.search(text, reach, mention.start) and NAMED.search(text, mention.start, mention.end)) \
            or (organisation and place_rules()["letterhead"].search(text, reach, mention.start)):
        return mention.place  # (also "1.500 hộ nghèo trên địa bàn tỉnh Cao Bằng thoát nghèo")
    return None


# "trên toàn tỉnh", "tại cả huyện": where the figure is, a whole unit ("chiếm 10% diện tích toàn huyện", "đứng thứ 7
# cả nước" name the whole a share or a rank is of, no place)
WHOLE_LEAD_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?i:trên|tại|ở)\s+(?i:toàn|cả)\s+$")
WHOLE_PREPOSITION_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?i:trên|tại|ở)\s+$")
WHOLE_LEAD_REACH = 16
WHOLE_UNIT = regex.compile(r"(?i:toàn|cả)\s+(.+)")  # a plural subject's span: "toàn tỉnh"


def _whole_unit_after(mention: Mention, text: str, position: int) -> tuple[str | None, int] | None:
    """"37 ngôi nhà … trên toàn tỉnh": a whole unit where a figure is, named after it in its clause, its
    place (None when the text names no such unit) and its level's rank; None if the mention is no such."""
    if not ORGANISATION_CLAUSE.match(text, position, mention.start):
        return None
    if mention.place is not None:
        lead = WHOLE_LEAD_BEFORE.search(text, max(position, mention.start - WHOLE_LEAD_REACH), mention.start)
        return (mention.place, _rank(mention.place)) if lead else None
    whole = WHOLE_UNIT.fullmatch(text, mention.start, mention.end)
    if whole is None or _rank(whole.group(1)) < 0 \
            or not WHOLE_PREPOSITION_BEFORE.search(text, max(position, mention.start - WHOLE_LEAD_REACH), mention.start):
        return None
    return None, _rank(whole.group(1))


AREA_BEFORE = regex.compile(rf"(?<![\p{{L}}\p{{M}}]){shared_patterns()['area_lead']}\s+$")
NAMED = regex.compile(r"\s\p{Lu}")  # a unit written with its name ("trên địa bàn tỉnh Cao Bằng"; "trên địa bàn tỉnh" is the peers' scope)

