"""The metric of a figure: the phrase naming what is measured, read from the local syntax.

After the figure when a noun phrase follows its unit ("85,78% hộ đạt gia đình văn hoá",
"514,9 ha đất sản xuất"); otherwise the clause before it, trimmed of linking verbs,
qualifiers, times and the place subject ("độ che phủ đạt 9,67%" → "độ che phủ"). Whether a word
after the figure starts a noun phrase is decided by underthesea's POS tags.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache
from itertools import chain

import regex

from extractor.cleaning.lines import line_rules
from extractor.quantities.goals import aim_nouns, goal_rules
from extractor.catalogue.classify import classify, words_of
from extractor.quantities.parser import (AFTER_WINDOW, ELIDED_NOUN, LABEL_COLON, NUMBER, PLAN_BRACKET_REACH, SENTENCE_REACH, SENTENCE_START,
                                        Quantity, context_rules, first_noun, magnitude_run, plan_bracket_before, reads_as_one_word, unit_table)
from extractor.places.gazetteer import load_gazetteer
from extractor.places.mentions import LIST_JOINT, PREDICATE_TAGS, BoundaryScan, ends_a_compound, place_rules
from extractor.rules import load_rules, shared_patterns, word_trie
from extractor.spans import bracket_open_at
from extractor.syllables import is_common_word, is_compound_word
from extractor.tagging import pos_tags, word_tokens


@lru_cache(maxsize=1)
def metric_rules() -> dict:
    data = load_rules("extractor.quantities", "metric_rules.json")
    linkers = sorted(data["trailing_linkers"], key=len, reverse=True)
    leading = sorted(data["leading_words"], key=len, reverse=True)
    return {
        "boundary": regex.compile(data["clause_boundary"]),
        "after_stop": regex.compile(data["after_stop"]),
        "trailing": regex.compile(r"(?:\s+|^)(?:" + "|".join(regex.escape(w) for w in linkers) + r")\s*$", regex.IGNORECASE),
        # (a running total opens a clause as a leading word does: "Lũy kế 3 tháng đạt …"; a comma may close it: "Hiện nay, …")
        "leading": regex.compile(r"^(?:" + "|".join(regex.escape(w) for w in leading) + "|" + data["running_total"] + r")(?:\s*,)?(?:\s+|$)",
                                 regex.IGNORECASE),
        "time": regex.compile(data["time_expressions"], regex.IGNORECASE),
        "period": regex.compile(data["period_phrases"], regex.IGNORECASE),
        "max_words": data["max_words"],
        "function_linkers": frozenset(data["function_linkers"]),
        "linking_verbs": frozenset(data["linking_verbs"]),
        "comparison_base": regex.compile(data["comparison_base"]),
        "share_of": regex.compile(data["share_of"]),
        "standard_phrase": regex.compile(data["standard_phrase"]),
        "restating_gap": regex.compile(data["restating_gap"]),
        "locality": regex.compile(data["locality"]),
        "time_tail": regex.compile(data["time_tail"]),
        "running_total": regex.compile(rf"(?i)\s*{data['running_total']}(?![\p{{L}}\p{{M}}])"),
        "named_plan_after": regex.compile(data["named_plan_after"]),
        "plan_share_clause": regex.compile(data["plan_share_clause"]),
        "measure_noun": regex.compile(r"(?<![\p{L}\p{M}])(?:" + word_trie(data["measure_nouns"]) + r")$", regex.IGNORECASE),
        # a measure ending the words after a count, right before the next figure, is that figure's ("trị giá từ")
        "measure_before_next": regex.compile(rf"(?i)\s(?:{word_trie(data['measure_nouns'])})(?:\s+(?:là|đạt|từ)){{0,2}}{ABOUT_AFTER}\s*$"),
        "verbal_measures": frozenset(data["verbal_measures"]),
        "not_actions": regex.compile(data["not_actions"]),
        "member_counts": {unit: tuple(members) for unit, members in data["member_counts"].items() if unit != "note"},
        "index_head": regex.compile(r"(?i)(?:" + word_trie(data["index_heads"]) + r")(?![\p{L}\p{M}])"),
        "measure_head": regex.compile(r"(?<![\p{L}\p{M}])(?:" + word_trie(data["measure_heads"] + data["measure_nouns"])
                                      + r")(?![\p{L}\p{M}])", regex.IGNORECASE),
        "restating_bracket": regex.compile(data["restating_bracket"]),
        "equivalent_bracket": regex.compile(data["equivalent_bracket"]),
        "rate_head": regex.compile(rf"(?i)^{data['rate_head']}\s+"),  # opening a metric: "Tỷ lệ số xã …"
        "rate_word": regex.compile(rf"(?i)(?<![\p{{L}}\p{{M}}]){data['rate_head']}(?![\p{{L}}\p{{M}}])"),
        "max_words_after_alone": data["max_words_after_alone"],
        "after_qualifier": regex.compile(data["after_qualifier"]),
        "after_status": regex.compile(data["after_status"]),
        # an item label the clause boundaries leave in ("3/ Vốn đầu tư"): the cleaner's rule, one home
        "item_label": next(rule.pattern for rule in line_rules() if rule.id == SLASH_ITEM_RULE),
        "kept_ending": regex.compile(data["kept_ending"]),
        "modifiers_after_noun": frozenset(data["modifiers_after_noun"]),
        "actions_after_noun": frozenset(data["actions_after_noun"]),
        "anaphor_subject": regex.compile(data["anaphor_subject"]),
        "list_heads": regex.compile(data["list_heads"]),
        "reporting_verbs": regex.compile(data["reporting_verbs"]),
        "caption_tail": regex.compile(data["caption_tail"]),
        "legal_reference": regex.compile(data["legal_reference"]),
        "rating_after_share": regex.compile(data["rating_after_share"]),
        "before_measure_head": regex.compile(data["before_measure_head"]),
        "trend_predicate": regex.compile(data["trend_predicate"]),
        "organisation_subject": regex.compile(data["organisation_subject"]),
        "price_basis_before": regex.compile(rf"(?i)(?<![\p{{L}}\p{{M}}])(?:{shared_patterns()['price_basis']})\s*$"),
        "restating_verb": regex.compile(rf"(?i){shared_patterns()['restating_verb']}"),
        "now_word": regex.compile(shared_patterns()["now_word"]),
        # a year, not a figure ("… đạt chuẩn đến năm 2020"); a year or a date
        "year_at": regex.compile(rf"(?:{shared_patterns()['year']})(?![\d%]|[.,]\d)"),
        "time_number": regex.compile(rf"(?:{shared_patterns()['year']})(?![\d%]|[.,]\d)|\d{{1,2}}\s?[/.-]\s?\d"),
        # ("… được lựa chọn nhiều nhất là Nhật Bản": the rank and the name it picks)
        "rank_after_measure": regex.compile(r"(?<=[\p{L}\p{M}])\s+(?i:" + word_trie(data["rank_words"])
                                            + r")\s+nhất(?:\s+(?i:là)\s+\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3})?$"),
        "topic_lead": regex.compile(r"(?i)\s*(?:" + word_trie(data["topic_leads"]) + r")\s+(?P<topic>[^,;:.!?\d\n]{3,80}),"),
        "negated": regex.compile(rf"(?<![\p{{L}}\p{{M}}]){shared_patterns()['negator']}\s*$"),
        "actor_adverb": regex.compile(r"(?i)\s(?:" + word_trie(data["actor_adverbs"]["adverbs"]) + r")\s+(?=[\p{L}\p{M}])"),
        "count_head": regex.compile(r"(?i)^(?:" + word_trie(data["actor_adverbs"]["count_heads"]) + r")(?![\p{L}\p{M}])"),
        # "trên địa bàn", "trên địa bàn toàn tỉnh": where, not what
        "area_only": regex.compile(rf"{data['area_lead']}(?:\s+(?:{place_rules()['type_reference'].pattern}))?"),
    }


SLASH_ITEM_RULE = "number-slash-item"


WHOLE_REACH = 60  # characters of "tổng số <noun>" after a share
EARLIER_COUNT_REACH = 300  # characters read back from a part or a share to the count it is of
BREAKDOWN_WORD = regex.compile(r"(?i)(?<![\p{L}\p{M}])(?:trong\s+đó|cụ\s+thể|gồm)(?![\p{L}\p{M}])")
WHOLE_AFTER_SHARE = regex.compile(r"\s*(?i:tổng\s+(?:số\s+)?)([\p{L}\p{M}]+(?:\s+[\p{L}\p{M}]+)?)")  # "79,3% tổng số hộ nghèo"
PLAN_NAMING_GAP = regex.compile(r"[^.;:()\d\n]{0,80}")  # the actual's own words, between it and the plan's bracket
RATE_UNITS = frozenset({"%", "%/năm"})
FROM_GAP = 12  # characters of ", từ " between a rate and the level after it
FROM_AFTER_A_RATE = regex.compile(r"\s*,\s*(?i:từ)\s+")
TO_AFTER_FROM = regex.compile(r"[^.;:\d]{0,40}?\s(?i:lên|đến|xuống)(?:\s+(?i:còn|mức))?\s+")
GROWTH_HEAD = regex.compile(r"(?i)^(?:tốc\s+độ\s+)?(?:tăng\s+trưởng|tăng|mức\s+tăng)\s+")
ACTION_WORDS = 6  # words before a count where the verbs done to it are looked for
ACTION_REACH = 160  # characters of a clause read back for the action before a count
ACTION_SUBJECT = "họ"  # "they": a subject the tagger reads the verbs after as verbs ("UBND" reads "tuyển" as a noun)
ACTION_PARTICLES = frozenset({"được", "thêm"})  # after an action ("kết nạp được", "trồng thêm"): no part of it


@lru_cache(maxsize=1)
def _about_word() -> "regex.Pattern[str]":
    """A qualifier right before a count ("kết nạp mới trên 2.800 hội viên"): no part of the action."""
    return regex.compile(shared_patterns()["about_word"])


class MetricFinder:
    """The metrics of one document's figures. The figures of a paragraph come in a row, so the
    paragraph's clause boundaries and place spans are indexed once and kept here (per document,
    not in the module)."""

    def __init__(self, text: str, figure_starts: list[int] | None = None) -> None:
        self.text = text
        self.figure_starts = figure_starts  # sorted starts of the document's figures: a number at none names something
        self._scan: tuple | None = None  # (paragraph start, end, BoundaryScan)
        self._spans: tuple | None = None  # (spans, length, list, starts or None)
        self._last_of_unit: dict[tuple[int, str | None], str] = {}  # (paragraph start, unit) → the last metric found
        self._last_count: dict[tuple[int, str | None], tuple[int, str]] = {}  # the same, parts too: (its end, metric)
        self._last_any_count: dict[int, tuple[int, str]] = {}  # paragraph start → (end, metric) of its last count

    def find(self, quantity: Quantity, paragraph_start: int, paragraph_end: int, place_spans=(),
             previous: Quantity | None = None) -> str | None:
        """``previous``: the figure before this one in the paragraph, with its metric set."""
        metric = self._find_metric(quantity, paragraph_start, paragraph_end, place_spans, previous)
        if previous is not None and previous.metric:
            if previous.unit in RATE_UNITS and quantity.start - previous.end <= FROM_GAP \
                    and FROM_AFTER_A_RATE.fullmatch(self.text, previous.end, quantity.start):
                # "Tốc độ tăng năng suất lao động … là 8,69%/năm, từ 63 triệu đồng/người/năm … lên 88 triệu …":
                # the levels the rate moved between are of the measure it is the growth of
                metric = GROWTH_HEAD.sub("", previous.metric) or previous.metric
            elif metric and metric.startswith("từ ") and any(c.isdigit() for c in metric) \
                    and TO_AFTER_FROM.fullmatch(self.text, previous.end, quantity.start):
                metric = previous.metric  # "… từ 63 triệu … vào năm 2016 lên 88 triệu …": the end of the move, the start's measure
        for pattern in (LIST_LEAD_MEASURE, MEASURE_BEFORE_LISTED_UNITS):
            listed_by = pattern.fullmatch(metric) if metric else None
            if listed_by is not None and _units_listed(listed_by.group("units")) \
                    and not (quantity.unit and metric.lower().startswith(quantity.unit.lower())):  # ("3 huyện có … thấp nhất là": the count of them)
                # "Một số địa phương có số vốn ủy thác cao như: …", "Chỉ số IIP tăng cao ở các tỉnh: …": the measure the units are listed by
                metric = listed_by.group("measure")
                break
        else:
            by_degree = UNITS_BY_DEGREE.fullmatch(metric) if metric else None
            if by_degree is not None and _units_listed(by_degree.group("units")):
                # "Về thu ngân sách, một số huyện đạt khá như: Lục Ngạn 112%, …": the units and how well they did name
                # no measure; the sentence's topic does, else none
                colon = self.text.rfind(":", max(paragraph_start, quantity.start - TOPIC_REACH), quantity.start)
                lead_end = colon if colon >= 0 else quantity.start
                metric = _sentence_topic(self.text, paragraph_start, lead_end) or _measure_opening_the_sentence(self.text, paragraph_start, lead_end)
        growth = GROWTH_LEVEL_BEFORE.search(self.text, max(paragraph_start, quantity.start - GROWTH_LEVEL_REACH), quantity.start) \
            if metric else None
        subject = SUBJECT_BEFORE_PREDICATE.match(metric) if growth else None
        if subject:
            # "ngành du lịch tiếp tục giữ vai trò mũi nhọn với mức tăng 15%": the growth is the subject's; how it
            # fared says nothing of what is measured ("với mức tăng trưởng 7,63%": its growth rate, as after a share)
            metric = subject.group("subject")
            if growth.group("growth"):
                metric = f"tăng trưởng {metric}"
        owned = _owner_topic(self.text, paragraph_start, quantity.start, metric) if metric else None
        if owned:
            metric = owned  # "Cây khoai lang, diện tích gieo trồng ước 376 ha": the crop the measure is of
        figure = " ".join(self.text[previous.start:previous.end].split()) if previous is not None else ""
        if metric and previous is not None and previous.metric and metric.lower().startswith(previous.metric.lower()) and figure in metric \
                and (previous.unit == quantity.unit
                     or (metric.endswith(figure) and VERB_BEFORE_FIGURE.fullmatch(metric, len(previous.metric), len(metric) - len(figure)))):
            # "giải ngân lần lượt 72,8% và 100%", "Quy mô kinh tế … tăng hơn 1,5 lần và chiếm 23,7% GDP cả nước": the words run
            # over the figure before; its measure goes on
            metric = previous.metric
        elif metric and previous is not None:
            if metric.endswith(figure) and previous.unit and any(c.isdigit() for c in figure) \
                    and not THRESHOLD_BEFORE.search(metric[:-len(figure)]) and _trimmed(metric[:-len(figure)]):
                # "xử lý vi phạm hành chính 7 cơ sở với 21,75 triệu đồng": the figure before closes the words; what they do names this one
                metric = _trimmed(metric[:-len(figure)])
        if metric and not self._in_a_breakdown(quantity, paragraph_start):
            self._last_of_unit[(paragraph_start, quantity.unit)] = metric  # (a part is summed by no running total)
        if metric and quantity.unit:
            self._last_count[(paragraph_start, quantity.unit.lower())] = (quantity.end, metric)
        if metric and quantity.kind == "count":
            self._last_any_count[paragraph_start] = (quantity.end, metric)
        return metric

    def _action_before(self, quantity: Quantity, paragraph_start: int, paragraph_end: int) -> str | None:
        """The verbs right before a count in its clause, when they do something to what is counted
        ("kết nạp được 142 đảng viên", "bắt xử lý 23 đối tượng"): tagged V, not a linking or change
        verb nor an opening word ("đạt", "tăng", "có", "phấn đấu"); particles after them go ("được")."""
        if quantity.unit in goal_rules()["aim_counts"]:
            return None  # ("đề ra 17 chỉ tiêu": a count of aims names them by their kind)
        clause_start = self.boundaries(paragraph_start, paragraph_end).last_end(quantity.start) or paragraph_start
        clause_start = max(clause_start, quantity.start - ACTION_REACH)  # (bounded: a clause of megabytes stays linear)
        clause = self.text[clause_start:quantity.start].split()
        numbered = max((index + 1 for index, word in enumerate(clause) if any(c.isdigit() for c in word)), default=0)
        clause = clause[numbered:]  # (the words after an earlier figure: "hiến hơn 800m² đất để mở rộng 3 tuyến hẻm")
        words = clause[-ACTION_WORDS:]
        if not words:
            return None
        figure = " ".join(self.text[quantity.start:quantity.end].split())
        window = " ".join(words)
        window = window[:1].lower() + window[1:]  # (a capital opening a short window reads as a name)
        tokens = len(word_tokens(window))
        before = pos_tags(f"{window} {figure}")[:tokens]
        if tokens == 1 and len(words) == len(clause):
            # the clause is one word: with a subject before it, as in a sentence (alone "kết nạp" reads as a noun)
            before = pos_tags(f"{ACTION_SUBJECT} {window} {figure}")[1:2]
        if " ".join(word for word, _ in before) != window:
            return None  # (the segmenter joined a word across the figure's edge)
        rules = metric_rules()
        syllables, particles = 0, 0
        derived = False  # the word before a verb-forming "hóa" is part of the verb ("cứng hóa", "kiên cố hóa")
        for index in range(len(before) - 1, -1, -1):
            word, tag = before[index]
            lowered = word.lower()
            if not syllables and (tag == "R" and lowered in ACTION_PARTICLES or _about_word().fullmatch(lowered)):
                particles += len(word.split())
                continue  # "kết nạp được 142", "kết nạp mới trên 2.800": no part of the action
            if derived:
                derived = False
                syllables += len(word.split())
                continue
            derived = tag == "V" and lowered in VERB_FORMING_SUFFIXES
            manner = tag in ("A", "R") and index > 0 and before[index - 1][1] == "V"  # "kết nạp mới", "trồng mới"
            if (tag != "V" and not manner) or lowered in rules["linking_verbs"] or rules["leading"].fullmatch(lowered) \
                    or lowered in ACTION_PARTICLES:
                break
            syllables += len(word.split())
        first = len(words) - particles - syllables
        if first == 0 and len(words) < len(clause):
            return None  # (the window began inside a word)
        if any(word[:1].isupper() for word in words[max(first, 1 if len(words) == len(clause) else 0):]):
            return None  # a name the tagger read as a verb ("Thăng Bình", "Đại hội đề ra"); a capital opening the clause is none
        action = " ".join(words[first:len(words) - particles]) if syllables else ""
        half = action.split()[:len(action.split()) // 2]
        if half and action.lower() == f"{' '.join(half)} {' '.join(half)}".lower():
            action = " ".join(half)  # "kết nạp kết nạp được 86 đảng viên": a word typed twice
        if not action or rules["not_actions"].fullmatch(action.lower()):
            return None
        return action

    def _whole_of_a_classified_part(self, quantity: Quantity, paragraph_start: int) -> str | None:
        """"33 tàu, thuyền bị chìm, trong đó xã An Hòa Hải có 27 chiếc, …": a count of a classifier alone in
        a breakdown ("trong đó") of the count before it in its sentence counts what that one does."""
        if quantity.kind != "count" or not quantity.unit or not _only_a_classifier(quantity.unit):
            return None
        end, metric = self._last_any_count.get(paragraph_start, (None, None))
        if end is None or quantity.start - end > EARLIER_COUNT_REACH or SENTENCE_STOP.search(self.text, end, quantity.start) \
                or not BREAKDOWN_WORD.search(self.text, end, quantity.start):
            return None
        return metric

    def _share_of_an_earlier_count(self, quantity: Quantity, previous: Quantity, paragraph_start: int) -> str | None:
        """"… là 5.429 hộ, với 27.558 khẩu, chiếm 79,3% tổng số hộ nghèo": a share of a whole whose noun
        is not the figure before's unit but an earlier count's of its sentence measures what that count does."""
        if quantity.unit != "%":
            return None
        whole = WHOLE_AFTER_SHARE.match(self.text, quantity.end, quantity.end + WHOLE_REACH)  # (bounded: the engine may read to the end)
        if whole is None:
            return None
        words = whole.group(1).lower().split()
        nouns = [" ".join(words[:count]) for count in (2, 1)]
        if previous.unit and previous.unit.lower() in nouns:
            return None
        for noun in nouns:
            end, metric = self._last_count.get((paragraph_start, noun), (None, None))
            if end is not None and quantity.start - end <= EARLIER_COUNT_REACH and not SENTENCE_STOP.search(self.text, end, quantity.start):
                return metric  # (a count of its sentence)
        return None

    def _plan_of(self, previous: Quantity, quantity: Quantity) -> bool:
        """Does ``quantity`` open a bracket of plan words right after ``previous`` and the words
        naming it ("đạt 100% (mục tiêu đại hội là 90%)", "Khoảng 90% lao động có việc làm (Nghị quyết
        đề ra 95%)", "6,15%/năm (chỉ tiêu Nghị quyết từ 8-9%/năm)")?"""
        opener = plan_bracket_before().search(self.text, max(previous.end, quantity.start - PLAN_BRACKET_REACH), quantity.start)
        return opener is not None and PLAN_NAMING_GAP.fullmatch(self.text, previous.end, opener.start()) is not None

    def _in_a_breakdown(self, quantity: Quantity, paragraph_start: int) -> bool:
        """The figure's sentence opens on "Trong đó," / "Cụ thể:": it is a part of the total before."""
        sentence = SENTENCE_START.search(self.text, max(paragraph_start, quantity.start - SENTENCE_REACH), quantity.start)
        opening = sentence.end() if sentence else paragraph_start
        return BREAKDOWN_OPENER.match(self.text, opening, opening + BREAKDOWN_OPENER_REACH) is not None

    def _find_metric(self, quantity: Quantity, paragraph_start: int, paragraph_end: int, place_spans=(),
                     previous: Quantity | None = None) -> str | None:
        actual = _actual_after_plan(self.text, quantity, previous)
        if actual is not None:
            return actual
        if previous is not None and previous.metric and previous.end <= quantity.start and self._plan_of(previous, quantity):
            return previous.metric  # "đạt 100% (mục tiêu đại hội là 90%)": the plan for the figure before
        about = CHANGE_ABOUT_AFTER.match(self.text, quantity.end, min(paragraph_end, quantity.end + CHANGE_ABOUT_REACH)) \
            if quantity.unit == "%" else None
        what = " ".join(about.group("what").split()) if about is not None else ""
        if what and (_names_a_measure(what) or metric_rules()["count_head"].match(what)):
            # "tăng 15,5% về số doanh nghiệp và tăng 29,8% về số vốn đăng ký": what each change is of
            bare = metric_rules()["count_head"].fullmatch(what)
            return f"{what} {previous.metric}" if bare and previous is not None and previous.metric else what
        metric = self._find(quantity, paragraph_start, paragraph_end, place_spans, previous)
        if metric is not None and SOURCE_OPENER.match(metric):
            # "Theo tờ trình của UBND tỉnh đã có 92% …": the source a sentence opens on names nothing; what
            # follows its comma may ("Theo số liệu Tổng cục Thống kê, tổng sản phẩm trong nước (GDP) …")
            metric = (_trimmed(metric[metric.rfind(",") + 1:]) or None) if "," in metric else None
        if metric is not None and (_only_a_measured_figure(metric) or self._opens_on_another_figure(metric, paragraph_start, quantity.start)):
            # "Gia Lai 77.688ha và Kon Tum có 12.752ha", "với 44 triệu lượt khách và 190.000 tỷ đồng": another figure names nothing
            metric = None
        if metric is not None and previous is not None and previous.metric and quantity.unit == "%" and previous.unit != "%" \
                and BARE_RATE_HEAD.fullmatch(metric) and RATE_OF_THE_COUNT_BEFORE.fullmatch(self.text, previous.end, quantity.start):
            return f"{metric} {previous.metric}"  # "giảm 360 hộ nghèo (tỷ lệ giảm 0,93%)": the rate of what the count before counts
        if quantity.unit == "%":
            rating = _rating_after(self.text, quantity, paragraph_end, self.figure_starts)
            if rating is not None:
                return _rated_subject(self.text, quantity, previous, metric, rating)
        if metric is not None and quantity.kind in ACTED_ON_KINDS and _names_what_follows(self.text, quantity, metric):
            action = self._action_before(quantity, paragraph_start, paragraph_end)
            if action:
                return f"{action} {metric}"  # "trồng mới 2.252 ha rừng", "cứng hóa 12,5 km đường": what is done to it
        if metric is None or (quantity.kind == "count" and metric == quantity.unit):
            if quantity.kind == "count" and previous is not None and previous.kind == "count" and previous.metric \
                    and previous.unit != quantity.unit and HOLDING_GAP.fullmatch(self.text, previous.end, quantity.start) \
                    and _only_a_classifier(quantity.unit):
                # "23 trại gà với 393.400 con", "10 trại vịt: 35.500 con": a classifier alone says nothing; what holds them does
                return previous.metric
            if quantity.kind == "count" and previous is not None and previous.metric and previous.unit \
                    and previous.metric.lower() != previous.unit.lower() \
                    and quantity.unit in metric_rules()["member_counts"].get(previous.unit.lower(), ()) \
                    and MEMBER_GAP.fullmatch(self.text, previous.end, quantity.start) \
                    and not _the_unit_and_one_noun(previous.metric, previous.unit):
                # "đồng bào dân tộc Thái là 701 hộ, 3.012 khẩu", "539 hộ nghèo/2.041 nhân khẩu": the same group's
                # members (not "35.965 hộ gia đình với 121.382 nhân khẩu": the households' noun names no group)
                return previous.metric
            whole = self._whole_of_a_classified_part(quantity, paragraph_start)
            if whole:
                return whole
            # (a share or a multiple changes the figure before it, whatever its unit: not this)
            changed = self._last_of_unit.get((paragraph_start, quantity.unit)) if quantity.change and quantity.kind == "count" else None
            if changed:
                return changed  # "Phát hiện 9 vụ, …; so với tháng trước tăng 2 vụ": the change of the last count of its noun
            # "Đối với tỷ lệ hồ sơ trực tuyến, tháng 7 đạt 40,19%; tháng 8 đạt 94,25%": the clause names
            # nothing, the sentence's topic does
            topic = _sentence_topic(self.text, paragraph_start, quantity.start)
            if topic is None and metric is not None:
                action = self._action_before(quantity, paragraph_start, paragraph_end)
                if action:
                    return f"{action} {metric}"  # "kết nạp được 142 đảng viên": what is done to them names the count
            if topic is None and metric is None and quantity.kind == "fraction" and quantity.unit \
                    and quantity.unit.split("/")[0].lower() not in unit_table()["by_form"]:  # (a counted noun, no measure)
                return quantity.unit  # "Đã hoàn thành 8/12 chỉ tiêu": a part of the things it counts
            return topic or metric
        if previous is not None and previous.metric and previous.unit == quantity.unit and ELIDED_NOUN in quantity.notes \
                and ENDS_ON_A_NAME.search(metric):
            return previous.metric  # "Nhật Bản (225 lao động), tiếp đó là Hàn Quốc (5), Malaysia (4)": a list of names, one measure
        if quantity.kind == "count" and quantity.unit and metric_rules()["count_head"].fullmatch(metric):
            return f"{metric} {quantity.unit}"  # "với tổng số 774 đảng viên": a total of what it counts
        if metric_rules()["count_head"].fullmatch(metric):
            # "… về thu ngân sách Nhà nước trên địa bàn với tổng số 376.430 tỷ đồng": a bare total of a sum; the
            # phrase "với" follows names what it totals
            joint = TOTAL_WITH.search(self.text, max(paragraph_start, quantity.start - TOTAL_WITH_REACH), quantity.start)
            if joint is not None:
                named = _before_phrase(self.text, joint.start(), paragraph_start, place_spans, paragraph_end, self)
                if named:
                    return _after_last(ABOUT_TOPIC, named)
        return metric

    def _find(self, quantity: Quantity, paragraph_start: int, paragraph_end: int, place_spans=(),
              previous: Quantity | None = None) -> str | None:
        if quantity.unit == "%":
            plan = metric_rules()["named_plan_after"].match(self.text, quantity.end, min(paragraph_end, quantity.end + AFTER_PLAN_REACH))
            clause_start = self.boundaries(paragraph_start, paragraph_end).last_end(quantity.start) if plan is not None else None
            if plan is not None:
                clause_start = self._after_subject_place(place_spans, clause_start or paragraph_start, quantity.start)
            if plan is not None and metric_rules()["plan_share_clause"].fullmatch(self.text, clause_start, quantity.start):
                # "…; hoàn thành 100% chỉ tiêu tuyển quân": the clause is only its verb, the plan's own name says what is measured
                return " ".join(self.text[plan.start("plan"):plan.end("name")].split())
        if previous is not None and previous.metric and _restates(self.text, quantity, previous) \
                and not self._counts_another_state(quantity, previous, paragraph_end):
            whole = self._share_of_an_earlier_count(quantity, previous, paragraph_start)
            if whole:
                return whole
            if quantity.kind == "count" and previous.unit == "%":  # "Tỷ lệ số xã đạt chuẩn … 50% (8 xã)": the number of them
                return metric_rules()["rate_head"].sub("", previous.metric) or previous.metric
            growth = GROWTH_IN_GAP.search(self.text, previous.end, quantity.start)
            if growth:  # "nông nghiệp chiếm tỷ lệ 51,3%, tăng trưởng bình quân đạt 3,62%": the growth of what the share is of
                return f"{' '.join(growth.group().lower().split())} {previous.metric}"
            return previous.metric
        if quantity.good:
            # "Năng suất đạt 6,5 tấn thóc/ha": a measure named before the rate; else the good it
            # measures ("hỗ trợ 15 kg gạo/nhân khẩu/tháng" → gạo)
            bracketed = CLOSING_BRACKET.match(self.text, quantity.end, min(paragraph_end, quantity.end + BRACKET_REACH)) is not None
            before = _before_phrase(self.text, quantity.start, paragraph_start, place_spans, paragraph_end, self, bracketed)
            return before if before and metric_rules()["measure_head"].match(before) else quantity.good
        after = _after_phrase(self.text, quantity, paragraph_end, figure_starts=self.figure_starts)
        # a bounded window: the regex engine looks for the ")" it requires as far as it may read
        bracketed = CLOSING_BRACKET.match(self.text, quantity.end, min(paragraph_end, quantity.end + BRACKET_REACH)) is not None
        if quantity.unit and quantity.unit.lower() in goal_rules()["aim_counts"]:
            before = _before_phrase(self.text, quantity.start, paragraph_start, place_spans, paragraph_end, self, bracketed)
            clause_start = self.boundaries(paragraph_start, paragraph_end).last_end(quantity.start) or paragraph_start
            clause = self.text[max(clause_start, quantity.start - ACTION_REACH):quantity.start]
            if before and not _names_aims(before) and any(tag == "V" and word.lower() not in metric_rules()["linking_verbs"] for word, tag in pos_tags(clause)):
                # "Đảng bộ, chính quyền và Nhân dân đã nỗ lực … đạt 18/20 chỉ tiêu Nghị quyết đề ra": who strove
                # and how name nothing of the aims; the aims' own words do (a noun before them, "công an là 24
                # chỉ tiêu", is the part they are of)
                if after and after.lower().startswith(quantity.unit.lower()):
                    return after
                return f"{quantity.unit} {after}" if after else quantity.unit
        share_of = metric_rules()["share_of"]
        if after and quantity.unit == "%" and share_of.search(self.text, max(paragraph_start, quantity.start - SHARE_REACH), quantity.start):
            # "Sản lượng lúa đặc sản chiếm trên 80% sản lượng lúa toàn tỉnh": after the figure the
            # whole, before it the part
            before = _before_phrase(self.text, quantity.start, paragraph_start, place_spans, paragraph_end, self, bracketed)
            before = share_of.sub("", before).strip() if before else before  # ("Ngành công nghiệp đóng góp": no linker elsewhere)
            if before:
                return before
        rate_word = metric_rules()["rate_word"]
        if after and quantity.unit == "%" and rate_word.search(self.text, max(paragraph_start, quantity.start - RATE_REACH), quantity.start):
            # "tỷ lệ bao phủ BHYT đạt 93,2% dân số": a rate named before the figure; after it, what it is of
            before = _before_phrase(self.text, quantity.start, paragraph_start, place_spans, paragraph_end, self, bracketed)
            if before and rate_word.match(before):
                return before
            named = without_leading_verbs(_after_last(PURPOSE, before)) if before else None
            if named and rate_word.match(named):
                return named  # "(các giải pháp để) nâng cao tỷ lệ người dân … đạt 92% tổng số hồ sơ": what is raised
            rate = rate_word.search(before) if before else None
            if rate is not None and rate.start() > 0 and rate.end() < len(before) and not any(c.isdigit() for c in before[rate.start():]) \
                    and pos_tags(before[:rate.start()])[-1][1] in ("V", "A"):
                return before[rate.start():]  # "Đảng ủy chỉ đạo nâng cao tỷ lệ …": the rate a verb acts on
        if after and quantity.kind == "count" and quantity.unit and after.lower().startswith(f"{quantity.unit.lower()} "):
            restated = after[len(quantity.unit):].strip().lower()
            if len(restated.split()) <= RESTATED_NOUN_WORDS \
                    and any(noun in self.text[max(paragraph_start, quantity.start - RATE_REACH):quantity.start].lower()
                            for noun in (restated, quantity.unit.lower())):  # (a cheap test first)
                before = _before_phrase(self.text, quantity.start, paragraph_start, place_spans, paragraph_end, self, bracketed)
                counted_by_head = metric_rules()["count_head"].match(before or "") and _headed_by(before, quantity.unit.lower()) \
                    and not any(c.isdigit() for c in self.text[self.boundaries(paragraph_start, paragraph_end).last_end(quantity.start)
                                                                or paragraph_start:quantity.start])
                if before and len(before.split()) > len(after.split()) \
                        and (_headed_by(before, restated) or _headed_by(before, after.lower()) or counted_by_head):
                    return before  # "Khách nội địa đạt 64 triệu lượt khách": the noun after the counter restates the subject
        if after and quantity.kind == "count" and quantity.unit and OWNER_AFTER_NOUN.match(after, len(quantity.unit)):
            before = _before_phrase(self.text, quantity.start, paragraph_start, place_spans, paragraph_end, self, bracketed)
            if before and _names_a_measure(before):
                return before  # "quy mô dân số là 397.570 người của huyện X": the noun and its owner restate the measure before
        if after and not (quantity.kind == "count" and after == quantity.unit):
            return after  # (a count's noun alone: the clause before may say more, "số hộ nghèo giảm từ 494 hộ")
        before = _before_phrase(self.text, quantity.start, paragraph_start, place_spans, paragraph_end, self, bracketed)
        if before and previous is not None and previous.metric and metric_rules()["anaphor_subject"].match(before):
            return previous.metric  # "… đạt 152 triệu đồng/người. Con số này tăng so với mức 148,94 triệu đồng/người"
        if before is None and after is None:
            # "…; 100% cơ sở Hội tổ chức phát động và thực hiện phong trào …": nothing before names the
            # figure, the words after it do at length (not the figure before's measure)
            after = _after_phrase(self.text, quantity, paragraph_end, metric_rules()["max_words_after_alone"], self.figure_starts)
            if after:
                return after
        clause = self._clause_before_comma(quantity, paragraph_start, paragraph_end) if before is None and after is None else None
        if before is None and after is None:
            # "… 52.000 tấn. Lũy kế 3 tháng đầu năm đạt 150.500 tấn": a running total of the figure before's measure, or
            # of the last figure of its unit ("… 20.820 tấn, tăng 11,77%. Lũy kế 7 tháng … 373.539 tấn", "…, đưa lũy kế …")
            clause_start = self.boundaries(paragraph_start, paragraph_end).last_end(quantity.start) or paragraph_start
            if metric_rules()["running_total"].match(self.text, clause_start, quantity.start):
                summed = previous.metric if previous is not None and previous.metric and quantity.unit == previous.unit \
                    else self._last_of_unit.get((paragraph_start, quantity.unit))
                if summed:
                    return summed
        last_of_unit = self._last_of_unit.get((paragraph_start, quantity.unit)) if clause is not None else None
        if last_of_unit and metric_rules()["running_total"].match(self.text, *clause) and not _trimmed(self.text[clause[0]:clause[1]]):
            # "… ước đạt 85,7 triệu USD, … giảm 19,6%. Tính chung 8 tháng đầu năm, ước đạt 680,2 triệu USD": the
            # running total stands alone in the clause before; it sums the last figure of its unit
            return last_of_unit
        if clause is not None:
            # "…; Tỷ lệ hồ sơ … trực tuyến ngày càng cao, đạt trên 80%": the figure's clause is only its verb;
            # the clause before names a measure and says how it moves
            trend = _measure_with_trend(self.text, *clause)
            if trend:
                return trend
        if quantity.kind in ("count", "fraction"):
            clause = None
        subject = None
        if clause is not None and (metric_rules()["measure_head"].search(self.text, *clause) or _sector_word().search(self.text, *clause)):
            subject = _subject_of_clause(self.text, *clause)  # (a cheap test before the tagger)
            if subject is not None and (metric_rules()["measure_head"].match(subject) or _sector_names().fullmatch(subject)):
                return subject  # "…; tỷ lệ tham gia bảo hiểm y tế hằng năm, đạt trên 95%", "…; công nghiệp, chiếm 30%": its own, no series
        settled = _settled(self.text, quantity, previous, before, after)
        if settled is None and clause is not None:
            # "khu vực doanh nghiệp và vốn nhà nước chiếm tỷ lệ cao, ước đạt 3.687,3 tỷ đồng": the figure's
            # clause is only its verb; the subject of the clause before, which holds no figure, is what it measures
            settled = subject or _subject_of_clause(self.text, *clause)
        return settled

    def _opens_on_another_figure(self, metric: str, paragraph_start: int, position: int) -> bool:
        """The metric, read before the figure, is another figure and its noun joined to this one by "và"
        or a comma ("với 44 triệu lượt khách và 190.000 tỷ đồng": two values, each of its own measure; not
        "05 tuyến 3.500m", the routes the length is of)."""
        if not metric[:1].isdigit() or not self.figure_starts:
            return False
        at = self.text.rfind(metric, max(paragraph_start, position - BEFORE_REACH - len(metric)), position)  # (bounded: a 5 MB line)
        index = bisect_left(self.figure_starts, at)
        return at >= 0 and index < len(self.figure_starts) and self.figure_starts[index] == at \
            and FIGURES_JOINED.fullmatch(self.text, at + len(metric), position) is not None

    def _clause_before_comma(self, quantity: Quantity, paragraph_start: int, paragraph_end: int) -> tuple[int, int] | None:
        """(start, end) of the clause a comma closes right before the figure's clause, if so."""
        scan = self.boundaries(paragraph_start, paragraph_end)
        last = scan.last_end(quantity.start)
        if last is not None and last - 1 > paragraph_start and self.text[last - 1] == ",":
            return scan.last_end(last - 1) or paragraph_start, last - 1
        return None

    def _counts_another_state(self, quantity: Quantity, previous: Quantity, paragraph_end: int) -> bool:
        """"1 người chết, tăng 2 người bị thương": a change after a count of the same noun that says
        something else of it counts other things (not "1.200 hộ, tăng 35 hộ so với năm trước")."""
        if quantity.kind != "count" or not quantity.unit or previous.unit != quantity.unit \
                or not previous.metric.lower().startswith(quantity.unit.lower()):
            return False
        own = _after_phrase(self.text, quantity, paragraph_end, figure_starts=self.figure_starts)
        return bool(own) and own.lower() != previous.metric.lower() and own.lower() != quantity.unit.lower() \
            and not metric_rules()["standard_phrase"].match(own[len(quantity.unit):].strip()) \
            and not own[len(quantity.unit):].strip().lower().startswith("so")

    def boundaries(self, paragraph_start: int, paragraph_end: int) -> BoundaryScan:
        if self._scan is None or self._scan[:2] != (paragraph_start, paragraph_end):
            self._scan = (paragraph_start, paragraph_end,
                          BoundaryScan(metric_rules()["boundary"], self.text, paragraph_start, paragraph_end))
        return self._scan[2]

    def _after_subject_place(self, place_spans, clause_start: int, position: int) -> int:
        """The clause's start past a place opening it ("Xã hoàn thành 100% …"): the end of that place."""
        opening = len(self.text[clause_start:position]) - len(self.text[clause_start:position].lstrip())
        spans, first, in_order = self.indexed_spans(place_spans, clause_start)
        for start, end in (spans[first:first + 1] if in_order else spans):
            if start == clause_start + opening and end < position:
                return end
        return clause_start

    def span_holding(self, place_spans, position: int) -> tuple[int, int] | None:
        """The place span holding ``position`` strictly inside it, if any."""
        spans, _, in_order = self.indexed_spans(place_spans, position)
        if in_order:
            index = bisect_right(self._spans[3], position) - 1
            candidates = spans[index:index + 1] if index >= 0 else []
        else:
            candidates = spans
        return next(((start, end) for start, end in candidates if start < position < end - 1), None)

    def indexed_spans(self, place_spans, clause_start: int) -> tuple[list, int, bool]:
        """(spans, index of the first that can move the clause start, whether they are in order of
        start). In order, spans starting before ``clause_start`` cannot (the start only grows)."""
        cached = self._spans
        if cached is None or cached[0] is not place_spans or cached[1] != len(place_spans):
            spans = list(place_spans)
            starts = [start for start, _ in spans]
            in_order = all(a <= b for a, b in zip(starts, starts[1:]))
            cached = self._spans = (place_spans, len(spans), spans, starts if in_order else None)
        spans, starts = cached[2], cached[3]
        if starts is None:
            return spans, 0, False
        return spans, bisect_left(starts, clause_start), True


RATING_WORDS = 10  # words of a rating after a share ("được đánh giá, xếp loại hoàn thành xuất sắc nhiệm vụ")
NEGATORS = frozenset({"không", "chưa"})


def _rating_after(text: str, quantity: Quantity, paragraph_end: int, figure_starts) -> str | None:
    """"88,6% hoàn thành tốt nhiệm vụ; 10,5% hoàn thành nhiệm vụ; 0,9% không hoàn thành nhiệm vụ":
    a rating after a share (``rating_after_share``) names the category the share counts (not a
    status against a plan: "đạt 95% kế hoạch")."""
    stop = _phrase_stop(text, quantity.end, paragraph_end, figure_starts)
    tail = text[quantity.end:stop.start() if stop else min(paragraph_end, quantity.end + 80)]
    rules = metric_rules()
    if len(tail.split()) > RATING_WORDS or not rules["rating_after_share"].match(tail) \
            or rules["comparison_base"].search(tail) or rules["after_status"].search(tail):
        return None
    return RATING_TAIL.sub("", RATING_HEAD.sub("", " ".join(tail.split()))) or None


RATING_HEAD = regex.compile(r"(?i)^trở\s+lên\s+")  # "35% trở lên đạt trong sạch xuất sắc": the qualifier is the figure's
RATING_TAIL = regex.compile(r"(?:[\s,;]|\s(?:và|hoặc)(?=\s|$))*$")  # "9,1% hoàn thành nhiệm vụ và 0,57% …"


def _rated_subject(text: str, quantity: Quantity, previous: Quantity | None, metric: str | None, rating: str) -> str:
    """The rating with what it rates: the noun phrase opening the metric of the share before it in
    its sentence ("số đảng viên hoàn thành tốt nhiệm vụ trở lên; 9,1% hoàn thành nhiệm vụ" → "số
    đảng viên hoàn thành nhiệm vụ"), else the one opening the figure's own metric (a label:
    "Đảng viên: 88,6% hoàn thành tốt nhiệm vụ")."""
    source = metric
    if previous is not None and previous.unit == "%" and previous.metric and not SENTENCE_STOP.search(text, previous.end, quantity.start):
        source = previous.metric
    subject = _subject_before_rating(source, rating) if source else None
    return f"{subject} {rating}" if subject else rating


def _subject_before_rating(source: str, rating: str) -> str | None:
    """The words of ``source`` before the verb the rating opens with, when ``source`` holds it too
    ("tổ chức cơ sở đảng hoàn thành tốt …" for "hoàn thành xuất sắc …": the tagger may read the
    subject as a verb), else before its first verb."""
    words = rating.split()
    verb = words[1] if words[0].lower() in NEGATORS and len(words) > 1 else words[0]
    found = regex.search(rf"(?i)(?<![\p{{L}}\p{{M}}]){regex.escape(verb)}(?![\p{{L}}\p{{M}}])", source)
    if found is not None:
        return _trimmed(source[:found.start()]) or None
    return _noun_phrase_opening(source)


def _noun_phrase_opening(phrase: str) -> str | None:
    """The words of ``phrase`` before its first verb (its subject), when they open with a noun."""
    tagged = pos_tags(phrase)
    if not tagged or tagged[0][1] not in NAMING_TAGS and tagged[0][1] != "L":
        return None
    words = []
    for word, tag in tagged:
        if tag in ("V", "R", "A"):
            break  # (a state the subject is in ends it too: "chi hội cơ sở trong sạch vững mạnh")
        words.append(word)
    return " ".join(words) or None


ACTUAL_AFTER_PLAN = regex.compile(r"(?i)\s*[,;]?\s*(?:(?:ước\s+)?thực\s+hiện|làm)(?:\s+được)?\s*")  # "… kế hoạch giao 45 ha, thực hiện được 41,5 ha"


@lru_cache(maxsize=1)
def _plan_named() -> "regex.Pattern[str]":
    """A measure's name ending in the plan it is set by ("Diện tích lạc kế hoạch giao"): its subject."""
    return regex.compile(rf"(?i)^(?P<subject>.+?)\s+(?:{shared_patterns()['plan_noun']})(?:\s+(?:được\s+)?giao|\s+đề\s+ra)?$")


def _actual_after_plan(text: str, quantity: Quantity, previous: Quantity | None) -> str | None:
    """"Diện tích lạc kế hoạch giao 45 ha thực hiện được 41,5 ha": the figure done after the figure
    planned, in its unit, measures the plan's subject ("Diện tích lạc")."""
    if previous is None or not previous.metric or previous.unit != quantity.unit or previous.end > quantity.start \
            or not ACTUAL_AFTER_PLAN.fullmatch(text, previous.end, quantity.start):
        return None
    named = _plan_named().match(previous.metric)
    return named.group("subject") if named else None


UNIT_FROM_NAME = "unit: from the measure's name"  # a note: the text wrote no unit after the figure
PER_POPULATION_BASE = regex.compile(r"(?i)(?:\s+(?:trên|(?:tính\s+)?bình\s+quân)\s+|\s*/\s*)(?P<base>(?:(?:1|một)\s+)?vạn|1\.000|10\.000|100\.000)\s+(?P<people>dân(?:\s+số)?|người)\s*$")
COUNT_OF = regex.compile(r"(?i)^(?:tổng\s+)?số\s+")  # "Số bác sĩ …": the noun after it is what is counted


def unit_from_name(quantity: Quantity) -> None:
    """A figure the text gives no unit that its measure's name gives one: a rate's name
    ("Tỷ lệ trẻ em … được tiêm chủng đầy đủ là 90,02") is a percentage (at most 100); a count per
    head of population ("Bác sĩ bình quân 1 vạn dân là 19,23", "Số giường bệnh/vạn dân 25,1") is a
    rate of what it counts per that base ("bác sĩ/1 vạn dân")."""
    metric = quantity.metric
    if not metric or quantity.kind != "count" or quantity.low is not None or quantity.denominator is not None:
        return
    base = PER_POPULATION_BASE.search(metric)
    if base is not None:
        head = COUNT_OF.sub("", metric[:base.start()]).strip()
        noun = first_noun(head) if head else None
        if noun is not None and quantity.unit is None:  # (a noun written after the figure stays its unit: "đạt 15 bác sĩ")
            people = base.group("people").split()[0].lower()  # ("dân số": dân)
            quantity.unit = f"{noun[0]}/{' '.join(base.group('base').split()).lower()} {people}"
            quantity.kind = "rate"
            quantity.notes.append(UNIT_FROM_NAME)
        return
    if quantity.unit is None and quantity.value is not None and 0 <= quantity.value <= 100 \
            and metric_rules()["rate_head"].match(metric):
        quantity.unit, quantity.kind = "%", "percent"
        quantity.notes.append(UNIT_FROM_NAME)


TOPIC_REACH = 300  # characters of a sentence read back for its opening topic
FIELD_LEAD = regex.compile(r"(?i)\s*về\s")  # "Về kinh tế, …": the lead of a field, which names a measure only by its head


def _sentence_topic(text: str, paragraph_start: int, position: int) -> str | None:
    """The measure a sentence opens on as its topic ("Đối với tỷ lệ hồ sơ …,", "Về tỷ lệ …,",
    "Riêng lượt khách lưu trú,"): a noun phrase with a measure's head or a noun first (not a field
    alone, "Về kinh tế," names no measure when the clause after it names none)."""
    start = _sentence_start(text, paragraph_start, position)
    lead = metric_rules()["topic_lead"].match(text, start, position)
    if lead is None:
        return None
    topic = _trimmed(lead.group("topic"))
    if not topic or metric_rules()["now_word"].fullmatch(topic):
        return None
    rules = metric_rules()
    if not rules["measure_head"].search(topic) and not rules["rate_word"].search(topic) and not rules["index_head"].match(topic) \
            and classify(topic) is None:  # ("Đối với thu ngân sách, …": a measure the catalogue knows)
        if FIELD_LEAD.match(lead.group()):
            return None  # "Về văn hóa xã hội, xã có 3 nhà trường": a field the sentence is about, no measure
        tags = [tag for _, tag in pos_tags(topic)]
        if len(tags) < 2 or tags[0] not in NAMING_TAGS:
            return None  # "Về kinh tế": one word, a field
    return _limited(topic)


GROWTH_LEVEL_BEFORE = regex.compile(r"(?i)(?<![\p{L}\p{M}])với\s+(?:mức|tốc\s+độ)\s+tăng(?P<growth>\s+trưởng)?(?:\s+(?:bình\s+quân|khoảng|gần|trên|hơn|là|đạt))*\s*$")
GROWTH_LEVEL_REACH = 60
SUBJECT_BEFORE_PREDICATE = regex.compile(
    r"(?i)(?P<subject>[\p{L}\p{M}][^,;:]*?)\s+(?:tiếp\s+tục|vẫn|đã|đang|dẫn\s+đầu|duy\s+trì|giữ(?:\s+vững)?|đứng|xếp)(?![\p{L}\p{M}])")
OWNER_TOPIC = regex.compile(r"\s*(?:[-–+*•]\s*)?(?P<topic>[^\W\d_][^,;:.!?()\d\n]{1,40}?),\s*")
OWNER_TOPIC_WORDS = 4
OWNER_TOPIC_TAGS = frozenset({"N", "Nc", "Nu", "L", "A", "M"})  # "Cây khoai lang", "Rau các loại", "Lúa đông xuân" (a crop's noun may read as a numeral)


def _owner_topic(text: str, paragraph_start: int, position: int, metric: str) -> str | None:
    """A sentence opened by a short noun phrase and a comma, then a measure's name ("Cây khoai lang,
    diện tích gieo trồng ước 376 ha", "Đàn trâu, tổng số con hiện có …"): the phrase says what the
    measure is of, one of a series of such sentences; the metric keeps it ("Cây khoai lang, diện tích
    gieo trồng"). Not a topic lead's ("Về …,"), a place's, a time's or a clause's."""
    if not metric_rules()["measure_head"].match(metric) or metric_rules()["rate_word"].match(metric):
        return None  # (a rate's name says what it is of: "Ngành giáo dục, tỷ lệ học sinh lên lớp …")
    start = _sentence_start(text, paragraph_start, position)
    opening = OWNER_TOPIC.match(text, start, position)
    if opening is None or text[opening.end():opening.end() + len(metric)].lower() != metric.lower():
        return None
    topic = opening.group("topic").strip()
    if len(topic.split()) > OWNER_TOPIC_WORDS or metric_rules()["topic_lead"].match(opening.group()) \
            or metric_rules()["leading"].match(topic.lower()) or metric_rules()["measure_head"].match(topic) \
            or _names_only_a_place(topic):
        return None
    if place_rules()["type_word"].match(topic) or any(word[:1].isupper() for word in topic.split()[1:]):
        return None  # "Xã Tân Lập, diện tích lúa …", "Bạc Liêu, diện tích …": a place, no owner of the measure
    tagged = pos_tags(topic[:1].lower() + topic[1:])  # (a capital opening a short window reads as a name)
    if not tagged or tagged[0][1] not in ("N", "Nc", "M") or any(tag not in OWNER_TOPIC_TAGS for _, tag in tagged):
        return None
    return _limited(f"{topic}, {metric}")


@lru_cache(maxsize=1)
def _aim_or_field() -> "regex.Pattern[str]":
    return regex.compile(rf"(?i)(?<![\p{{L}}\p{{M}}])(?:{aim_nouns()}|{shared_patterns()['field_word']})(?![\p{{L}}\p{{M}}])")


def _names_aims(phrase: str) -> bool:
    """Whether a phrase names aims, their field or a measure ("Nhóm chỉ tiêu kinh tế", "Về kinh tế",
    "tỷ lệ chỉ tiêu …"), not an actor and a verb."""
    return bool(_aim_or_field().search(phrase) or metric_rules()["measure_head"].search(phrase))


def _sentence_start(text: str, paragraph_start: int, position: int) -> int:
    """Where the sentence holding ``position`` starts (TOPIC_REACH characters back at most)."""
    start = max(paragraph_start, position - TOPIC_REACH)
    for bound in SENTENCE_BOUND.finditer(text, start, position):
        start = bound.end()
    return start


def _measure_opening_the_sentence(text: str, paragraph_start: int, position: int) -> str | None:
    """The measure a sentence's first clause names ("Tỷ lệ hộ nghèo giảm mạnh, trong đó một số xã …")."""
    start = _sentence_start(text, paragraph_start, position)
    comma = text.find(",", start, position)
    if comma < 0:
        return None
    clause = _trimmed(text[start:comma])
    return _limited(clause) if clause and _names_a_measure(clause) else None


def _headed_by_a_measure(phrase: str) -> bool:
    """A measure's head, a rate's or an index's opens the phrase ("Diện tích gieo trồng", "Tỷ lệ …")."""
    rules = metric_rules()
    return bool(rules["measure_head"].match(phrase) or rules["rate_word"].match(phrase) or rules["index_head"].match(phrase))


def _names_a_measure(phrase: str) -> bool:
    """A measure's head opens the phrase, or the catalogue knows it ("thu ngân sách")."""
    return _headed_by_a_measure(phrase) or classify(phrase) is not None


OWNER_AFTER_NOUN = regex.compile(r"\s+(?i:của)\s")
TERM_ASIDE = regex.compile(rf"\s*(?i:{shared_patterns()['term']}|{shared_patterns()['session_ordinal']})\s*(?i:gồm(?:\s+có)?|có)?\s*")
FIGURES_JOINED = regex.compile(r"\s*(?:,|và)\s*")
SOURCE_OPENER = regex.compile(r"Theo\s")  # (capitalised: a sentence's opening, not "theo chuẩn mới" in a name)
TOTAL_WITH = regex.compile(r"\s+với\s+(?i:tổng\s+số|tổng|tổng\s+cộng)\s+(?:(?i:{about})\s+)?$".format(about=shared_patterns()["about_word"]))
TOTAL_WITH_REACH = 30
ABOUT_TOPIC = regex.compile(r"(?<![\p{L}\p{M}])về\s+")


def _after_last(pattern: "regex.Pattern[str]", phrase: str) -> str:
    """The words after the last match of ``pattern`` ("dẫn đầu cả nước về thu ngân sách": after "về",
    what a unit leads in; "các giải pháp để nâng cao tỷ lệ …": after "để", what is done), else the phrase."""
    found = None
    for found in pattern.finditer(phrase):
        pass
    return phrase[found.end():] if found is not None and found.end() < len(phrase) else phrase


def _the_unit_and_one_noun(metric: str, unit: str) -> bool:
    """"hộ gia đình", "hộ dân": the counted noun and one noun more, another name of it (not "hộ nghèo")."""
    if not metric.lower().startswith(unit.lower() + " "):
        return False
    tagged = pos_tags(metric)
    return len(tagged) == 2 and tagged[0][0].lower() == unit.lower() and tagged[1][1] == "N"


def _headed_by(phrase: str, noun: str) -> bool:
    """The phrase's head, past a count's head ("Tổng số", "Số lượt") or a total's ("Tổng khách du
    lịch"), is ``noun``."""
    head = metric_rules()["count_head"].match(phrase)
    rest = phrase[head.end():].split() if head else phrase.split()
    if rest and rest[0].lower() == TOTAL_WORD and " ".join(rest[:len(noun.split())]).lower() != noun:
        rest = rest[1:]
    return bool(rest) and " ".join(rest[:len(noun.split())]).lower() == noun


TOTAL_WORD = "tổng"


VERB_FORMING_SUFFIXES = ("hóa", "hoá")
# "15,5% về số doanh nghiệp", "8% về số lượng và …": the measure a share or change is of, right after it
CHANGE_ABOUT_AFTER = regex.compile(r"[^\S\n]+về[^\S\n]+(?P<what>\p{Ll}[\p{Ll}\p{M}]*(?:[^\S\n]+\p{Ll}[\p{Ll}\p{M}]*){0,5}?)"
                                   r"(?=[^\S\n]*(?:[,;.]|$)|[^\S\n]+(?:và|so[^\S\n]+với|trong|của)(?![\p{L}\p{M}]))")
CHANGE_ABOUT_REACH = 60
ACTED_ON_KINDS = ("area", "length", "volume", "mass")  # measures of a thing something is done to


def _names_what_follows(text: str, quantity: Quantity, metric: str) -> bool:
    """Whether the metric is the words right after the figure ("2.252 ha rừng" → "rừng")."""
    following = " ".join(text[quantity.end:quantity.end + len(metric) + AFTER_SLACK].split())
    return following.lower().startswith(metric.lower())


AFTER_SLACK = 8  # characters of spacing a metric read after its figure may have lost
BARE_RATE_HEAD = regex.compile(rf"(?i){shared_patterns()['rate_head']}")  # "tỷ lệ" alone names no rate
# between a count and its own rate: "360 hộ nghèo (tỷ lệ giảm 0,93%)", "57 hộ thoát nghèo, tỷ lệ giảm 3,1%"
# (and after a comparison with a year: "còn 4.702 hộ nghèo, giảm 861 hộ so với năm 2022, tỷ lệ 40,93%", "…, tỷ lệ giảm xuống còn 34,15%")
RATE_OF_THE_COUNT_BEFORE = regex.compile(rf"(?i)(?:[^\S\n]+(?:[\p{{L}}\p{{M}}]+|{shared_patterns()['year']})){{0,5}}[^\S\n]*[(,][^\S\n]*"
                                         rf"(?:{shared_patterns()['rate_head']})(?:[^\S\n]+(?:giảm|tăng))?(?:[^\S\n]+(?:xuống|lên))?(?:[^\S\n]+còn)?[^\S\n]*")
RESTATED_NOUN_WORDS = 2  # words after a classifier ("lượt khách") that may restate the subject before the figure
SHARE_REACH = 30  # characters before a percentage read for the verb of a share ("chiếm tỷ lệ khoảng")
RATE_REACH = 120  # characters before a percentage read for a rate's name (a metric is at most max_words words)


RESPECTIVELY = regex.compile(r"(?i)(?<![\p{L}\p{M}])lần\s+lượt(?:\s+(?:là|đạt|chiếm|ở\s+mức))?\s*:?")
SENTENCE_BOUND = regex.compile(r"[.;!?:](?=\s)|\n")
SENTENCE_END_MARK = regex.compile(r"[.!?:](?=\s)|\n")  # (";" goes on: "4 tỷ đồng …; 56,6 tỷ đồng …, lần lượt …")
RESPECTIVE_NAME = "metric: named respectively"  # a note the target stage reads: this name wins


FIGURES_JOINT = regex.compile(r"[\s,;]*(?:(?:và|hoặc)\s+)?(?:(?:đạt|là|bằng|chiếm)\s+)?")  # "44%; 40%; 38% và 1%"
NAMES_JOINT = regex.compile(r"\s*,\s*|\s+và\s+")  # "A, B và C" (no figure among the names: no decimal comma to split)
NAME_PREDICATE = regex.compile(r"(?i)\s+(?:tương\s+ứng\s+|đạt\s+|chiếm\s+|là\s+|bằng\s+)(?:.*)$")  # "chi ngân sách đạt dự toán"
FIGURES_AFTER_REACH = 24  # characters from "lần lượt" to its first figure ("lần lượt là", "lần lượt đạt")


def distribute_respectively(text: str, start: int, end: int, quantities: list[Quantity]) -> None:
    """"Tỷ lệ hộ nghèo, hộ cận nghèo lần lượt là 2,1% và 3,5%": the names listed before "lần
    lượt" go to the figures after it in order (when there are as many of each); a qualifier
    written once before the first figure ("lần lượt dưới 2% và 3%") holds for all of them. When
    as many figures stand before "lần lượt" in its sentence, what they measure are the names
    ("4 tỷ đồng hỗ trợ …; 56,6 tỷ đồng phân cấp …, lần lượt đạt 100% và 34% kế hoạch"); the
    figures after it may be joined by ";" ("lần lượt 44%; 40% và 38%")."""
    for match in RESPECTIVELY.finditer(text, start, end):
        sentence_start = start
        for bound in SENTENCE_END_MARK.finditer(text, start, match.start()):
            sentence_start = bound.end()
        figures = []
        for quantity in quantities:
            if quantity.start < match.end():
                continue
            joint_start = figures[-1].end if figures else match.end()
            if quantity.start - joint_start > FIGURES_AFTER_REACH \
                    or (figures and not FIGURES_JOINT.fullmatch(text, joint_start, quantity.start)):
                break
            figures.append(quantity)
        if len(figures) < 2:
            continue
        earlier = [q for q in quantities if sentence_start <= q.start and q.end <= match.start()]
        if len(earlier) >= len(figures) and all(q.metric for q in earlier[-len(figures):]):
            names = [q.metric for q in earlier[-len(figures):]]
        elif not earlier:
            names = [" ".join(name.split()) for name in NAMES_JOINT.split(text[sentence_start:match.start()]) if name.strip()]
            if names:
                names[-1] = NAME_PREDICATE.sub("", names[-1])  # the predicate the list shares is no part of its last name
            if any(not _trimmed(name) for name in names):
                continue  # "Ngoài ra, huyện X còn giải ngân lần lượt 72,8% và 100% …": an opener, no list of names
        else:
            continue
        if len(names) != len(figures):
            continue
        shared = figures[0].qualifier if text[match.end():figures[0].start].strip() else None  # "lần lượt dưới 2% và 3%"
        for name, quantity in zip(names, figures):
            quantity.metric = name
            quantity.notes.append(RESPECTIVE_NAME)
            quantity.qualifier = quantity.qualifier or shared


# "Một số địa phương có số vốn ủy thác cao như", "Các xã có số nhà … được xây mới nhiều nhất (gồm)": the units a list
# names, the measure they are listed by, then a degree or a list word (not "100% các xã có điện lưới quốc gia")
LIST_LEAD_MEASURE = regex.compile(r"(?i)(?P<units>.+?)\s+có\s+(?P<measure>.+?)"
                                   r"(?:\s+(?:cao|thấp|lớn|nhiều|ít)(?:\s+nhất)?(?:\s+(?:như|gồm|là|bao\s+gồm))?|\s+(?:như|gồm|là|bao\s+gồm))")
# "Chỉ số IIP tăng cao ở các tỉnh:": the measure first, the units it rose in after
MEASURE_BEFORE_LISTED_UNITS = regex.compile(r"(?i)(?P<measure>.+?)\s+(?:tăng|giảm|cao|thấp)(?:\s+(?:cao|mạnh|nhiều|nhanh|nhất))?"
                                             r"\s+(?:ở|tại)\s+(?P<units>.+?)(?:\s+(?:như|gồm|là))?")
# "(Về thu ngân sách,) một số huyện đạt khá như", "trong đó một số địa phương tăng cao như": units and a degree only
UNITS_BY_DEGREE = regex.compile(r"(?i)(?:.*?,\s*)?(?:trong\s+đó\s+)?(?P<units>.+?)\s+(?:đạt|tăng|giảm|cao|thấp)(?:\s+(?:khá|cao|mạnh|nhiều|nhanh|tốt|nhất))*"
                             r"(?:\s+(?:như|gồm|là))")
UNITS_LISTED = regex.compile(r"(?i)(?:(?:một\s+số|các|những|\d+)\s+)?(?P<type>[\p{L}\p{M}]+(?:\s+[\p{L}\p{M}]+)?)")


def _units_listed(words: str) -> bool:
    """"Một số địa phương", "Các xã", "3 huyện": units a list names one by one."""
    found = UNITS_LISTED.fullmatch(words.strip())
    return found is not None and (found.group("type").lower() in ("địa phương", "đơn vị")
                                  or place_rules()["type_word"].fullmatch(found.group("type")) is not None)


# "Kết quả cụ thể về diện tích, năng suất và sản lượng lần lượt của các huyện như sau:": measures, then
# whose they are, then the list
GROUPED_LEAD = regex.compile(r"(?i)(?P<names>[^.;:!?\n]{3,160}?)\s+(?:(?:cả\s+năm|trong\s+năm)\s+)?(?:lần\s+lượt\s+)?(?:của|ở|tại)\s+"
                             r"(?:các|từng|mỗi)\s+[^.;:!?\n\d]{1,80}?(?:\s+(?:như\s+sau|là|lần\s+lượt\s+là))?\s*:$")
NAMES_OPENER = regex.compile(r"(?i)^(?:.*(?<![\p{L}\p{M}])(?:về|cụ\s+thể)\s+)?")  # "Kết quả cụ thể về …", "Cụ thể …"
NAME_ASIDE = regex.compile(r"\s*\(([^()]+)(?:\)|$)\s*")  # "năng suất (tỷ lệ so sánh với vụ xuân năm 2019)": what the bracketed figure measures
GROUP_END = regex.compile(r";|\.(?=\s|$)")
GROUPED_WHOSE = regex.compile(r"(?i)(?<![\p{L}\p{M}])(?:của|ở|tại)\s+(?:các|từng|mỗi)\s")
GROUPED_LEAD_REACH = 300  # characters of a lead before its colon
MIN_GROUPS = 2


def distribute_grouped(text: str, start: int, end: int, quantities: list[Quantity]) -> None:
    """"Cụ thể diện tích, năng suất, sản lượng của các huyện là: Thành phố Nam Định 1.239ha, 45,42 tạ/ha,
    5.628 tấn; huyện Mỹ Lộc 6.368ha, …": a lead naming N measures of several units, then one group of
    N figures per unit (joined by ";"): the i-th figure of each group measures the i-th name (a figure
    in brackets restates the one before it). Two groups at least, each of exactly N figures."""
    colon = text.find(":", start, end)
    while colon >= 0:
        reach = max(start, colon - GROUPED_LEAD_REACH)  # (bounded: a line of megabytes stays linear)
        whose = GROUPED_WHOSE.search(text, reach, colon)  # (a cheap test before the lead's pattern)
        lead = GROUPED_LEAD.search(text, reach, colon + 1) if whose is not None else None
        if lead is not None:
            names_text = NAMES_OPENER.sub("", lead.group("names"), count=1)
            names = [" ".join(name.split()) for name in NAMES_JOINT.split(names_text) if name.strip()]
            filled = _fill_groups(text, colon + 1, end, quantities, names) if len(names) >= 2 and all(_trimmed(name) for name in names) else None
            if filled is not None:
                start = filled  # (the next list of the paragraph opens after this one)
                colon = text.find(":", filled, end)
                continue
        colon = text.find(":", colon + 1, end)


def _fill_groups(text: str, start: int, end: int, quantities: list[Quantity], names: list[str]) -> int | None:
    """The end of the last group filled, or None when fewer than MIN_GROUPS groups fit the names."""
    groups: list[tuple[int, int, list[Quantity]]] = []  # (start, end, figures outside brackets)
    starts = [q.start for q in quantities]  # (in order of start: each group reads its own figures only)
    group_start = start
    for bound in chain(GROUP_END.finditer(text, start, end), [None]):  # (lazily: only the groups that fit are read)
        group_end = bound.start() if bound is not None else end
        inside = quantities[bisect_left(starts, group_start):bisect_left(starts, group_end)]
        figures = [q for q in inside if q.end <= group_end and not bracket_open_at(text, group_start, q.start)]
        if len(figures) != len(names):
            break
        groups.append((group_start, group_end, figures))
        group_start = group_end + 1
        if bound is None or text[bound.start()] == ".":
            break
    if len(groups) < MIN_GROUPS:
        return None
    asides = [NAME_ASIDE.search(name) for name in names]
    names = [NAME_ASIDE.sub(" ", name).strip(" )") for name in names]  # (a bracket the names' list splits: "(… và sản lượng lúa)")
    for group_start, group_end, figures in groups:
        for name, quantity in zip(names, figures):
            quantity.metric = name
            quantity.notes.append(RESPECTIVE_NAME)
        for quantity in quantities[bisect_left(starts, group_start):bisect_left(starts, group_end)]:
            # "54,25 tạ/ha (100,46%)": a figure in brackets measures its name's aside, or restates the one before
            if quantity not in figures:
                before = [index for index, q in enumerate(figures) if q.end <= quantity.start]
                if before:
                    aside = asides[before[-1]]
                    quantity.metric = " ".join(aside.group(1).split()) if aside else figures[before[-1]].metric
    return groups[-1][1]


def _restates(text: str, quantity: Quantity, previous: Quantity) -> bool:
    """"13 đồng chí, chiếm 48,15%", "275/298 hồ sơ (92,28%)", "410 ha, tăng 35 ha", "13 tỷ (mười ba
    tỷ)": a share, a change or the same amount of the figure before, measuring what it measures
    (read after that figure's own words: "60 thôn duy trì từ năm thứ 3 trở lên (tỷ lệ 71%)")."""
    rules = metric_rules()
    previous = _past_own_words(text, previous, quantity.start)
    if quantity.kind == "fraction" and previous.unit == "%" and previous.end <= quantity.start:
        # "10,1% dân số tham gia BHXH (1.092/10.828 người)": the share written as its count
        return bool(rules["restating_bracket"].match(text, previous.end, quantity.start))
    if quantity.kind == "count" and previous.unit == "%" and _change_in_own_unit(text, previous, quantity):
        return True  # "Đàn lợn tăng 5% (600 con)": the change counted
    if quantity.kind == "count" and previous.unit == "%" and previous.end <= quantity.start:
        # "Tỷ lệ số xã đạt chuẩn … 50% (8 xã)": the count of what the share is of (not "72% (3 cấp học)")
        counted = quantity.unit and regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(quantity.unit)}(?![\p{{L}}\p{{M}}])",
                                                 previous.metric or "", regex.IGNORECASE)
        return (bool(counted) and bool(rules["restating_bracket"].match(text, previous.end, quantity.start))) \
            or bool(rules["equivalent_bracket"].match(text, previous.end, quantity.start))  # "99,18% (tương đương 1.749.600 người)"
    if _equivalent_after(text, previous, quantity):
        return True  # "tăng gấp 1,7 lần so với năm 2020 (tương đương 3.434 USD)": the same measure in other terms
    if previous.unit == "%" and (SIGNED_IN_BRACKET.fullmatch(text, previous.end, quantity.start + 1)
                                 or TREND_IN_BRACKET.fullmatch(text, previous.end, quantity.start)
                                 or _change_in_own_unit(text, previous, quantity)):
        return True  # "giảm 0,94% (-603 ha)", "tăng 1,1% (+0,6 tạ/ha)", "giảm 27,2% (giảm 3,38 ha)", "tăng 2,63% (1,32 tạ/ha)": the change in the measure's own unit
    if previous.kind == quantity.kind == "money" and previous.unit != quantity.unit and previous.end <= quantity.start \
            and OTHER_CURRENCY_GAP.fullmatch(text, previous.end, quantity.start):
        return True  # "tổng vốn đăng ký hơn 18.000 tỷ đồng và hơn 437 triệu USD": one measure in two currencies
    if previous.unit in ("%", "%/năm") and quantity.unit not in ("%", "%/năm") and previous.end <= quantity.start \
            and LEVEL_AFTER_CHANGE.fullmatch(text, previous.end, quantity.start):
        return True  # "Thu ngân sách tăng bình quân 30%/năm, đạt trên 2 tỷ đồng": the level the change reaches
    per_base = previous.unit.split("/")[0] if previous.unit and "/" in previous.unit else None  # "69 triệu đồng/người/năm, tăng 40,9 triệu đồng"
    share = quantity.unit in ("%", "%/năm", "lần")  # "45,6 tỷ đồng, bình quân tăng 15%/năm", "…, tăng 2,41 lần"
    if not (share or quantity.unit in (previous.unit, per_base)) or previous.end > quantity.start:
        return False
    return bool(rules["restating_gap"].match(text, previous.end, quantity.start)
                or ((share or quantity.value == previous.value)
                    and rules["restating_bracket"].match(text, previous.end, quantity.start)))


ENDS_ON_A_NAME = regex.compile(r"(?:^|\s)\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3}$")  # "tiếp đó là Hàn Quốc", "Malaysia"
GROWTH_IN_GAP = regex.compile(r"(?i)(?<![\p{L}\p{M}])(?:tốc\s+độ\s+)?tăng\s+trưởng(?![\p{L}\p{M}])")
def _equivalent_after(text: str, previous: Quantity, quantity: Quantity) -> bool:
    """The figure opens a "(tương đương …)" bracket after the figure before, with no other figure
    (a year aside) between them."""
    bracket = text.rfind("(", previous.end, quantity.start)
    if bracket < 0 or not metric_rules()["equivalent_bracket"].match(text, bracket, quantity.start):
        return False
    return all(len(token) == 4 for token in NUMBER.findall(text, previous.end, bracket))


ABOUT_AFTER = rf"(?:\s+(?:{shared_patterns()['about_word']}))?"  # "tăng hơn", "đạt trên": a word of degree after the verb
OTHER_CURRENCY_GAP = regex.compile(r"\s*(?:,|và)\s*(?:(?:" + shared_patterns()["about_word"] + r")\s+)?")
LEVEL_AFTER_CHANGE = regex.compile(rf"\s*,\s*(?:(?:và|sẽ)\s+)?(?:đạt|lên|lên\s+(?:tới|đến)|là){ABOUT_AFTER}\s*")


def _change_in_own_unit(text: str, previous: Quantity, quantity: Quantity) -> bool:
    """"tăng 2,63% (1,32 tạ/ha)": a figure opening a bracket right after a change in per cent."""
    return previous.end <= quantity.start and BRACKET_OPENED.fullmatch(text, previous.end, quantity.start) is not None \
        and TREND_BEFORE.search(text, max(0, previous.start - TREND_REACH), previous.start) is not None


BRACKET_OPENED = regex.compile(r"\s*\(\s*")
TREND_BEFORE = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:tăng|giảm){ABOUT_AFTER}\s*$")
TREND_REACH = 24
TREND_IN_BRACKET = regex.compile(rf"\s*\(\s*(?:tương\s+ứng\s+)?(?:tăng|giảm){ABOUT_AFTER}\s*")
SIGNED_IN_BRACKET = regex.compile(r"\s*\(\s*[-+−]\s?\d|\s*\(\s*[-−]")  # "% (-603 ha)", "% (+0,6 tạ/ha)" (the sign before the figure or its first character)


BREAKDOWN_OPENER_REACH = 20  # characters of "Trong đó," opening a sentence (a bounded match: the engine may read to the end)
BREAKDOWN_OPENER = regex.compile(r"\s*(?i:trong\s+đó|cụ\s+thể)(?:\s*[,:]|\s+(?=\p{Lu}))")  # ("Trong đó Hội Phụ nữ …": no comma)


def _one_series(text: str, start: int, end: int) -> bool:
    """No sentence or cell ends between two figures, or one sentence ends and the next opens a
    breakdown of it ("… đạt tỷ lệ 81,85%. Trong đó, cao nhất là xã A (93,55%); …")."""
    ends = list(SERIES_END.finditer(text, start, end))
    return not ends or (len(ends) == 1 and BREAKDOWN_OPENER.match(text, ends[0].end(), end) is not None)


def _past_own_words(text: str, previous: Quantity, limit: int) -> Quantity:
    """The figure before, its end moved past the words after it that its metric holds (a count's
    noun and what qualifies it), so that what stands between the two figures is only the joint."""
    if previous.kind not in ("count", "fraction") or not previous.unit or not previous.metric \
            or not previous.metric.lower().startswith(previous.unit.lower()):
        return previous
    words = previous.metric[len(previous.unit):].split()
    if not words:
        return previous
    end = _past_words(text, previous.end, limit, words)
    return replace(previous, end=end) if end is not None else previous


def _past_words(text: str, position: int, limit: int, words: list[str]) -> int | None:
    """Where ``words`` end when the text from ``position`` (white space first) spells them, each
    after white space; else None (read without compiling a pattern per figure)."""
    for index, word in enumerate(words):
        start = position
        while position < limit and text[position].isspace():
            position += 1
        if (index and position == start) or text[position:position + len(word)] != word or position + len(word) > limit:
            return None
        position += len(word)
    return position


def _settled(text: str, quantity: Quantity, previous: Quantity | None, before: str | None, after: str | None) -> str | None:
    """The metric once the phrases around the figure are read: a count whose clause is the figure
    before's, or that nothing names, is named by its noun; a figure whose clause names nothing
    continues the series of the figure before it in the sentence."""
    noun = _counted_noun(text, quantity)
    if previous is not None and previous.metric and quantity.unit in (None, previous.unit) \
            and SLASH_PAIR.fullmatch(text, previous.end, quantity.start):
        return previous.metric  # "chỉ đạt 2,2%/2,34%", "5.232 tỷ đồng/5.257 tỷ đồng": the actual and its plan
    if before and previous is not None and previous.metric and quantity.unit in (None, "%", previous.unit) \
            and metric_rules()["standard_phrase"].fullmatch(before):
        return previous.metric  # "… 404 tỷ đồng, so dự toán giao đạt 42%": the clause names the standard only
    if before and previous is not None and quantity.unit in (None, "%", previous.unit) and _same_series(text, previous, before, quantity):
        return previous.metric  # "… tăng 3,01% so cùng kỳ và đạt 49,85% kế hoạch", "16.133 con/KH 16.200 con"
    if noun and previous is not None and previous.kind == "count" and previous.unit and previous.metric \
            and not previous.metric.lower().startswith(previous.unit.lower()) and OBJECTS_JOINT.fullmatch(text, previous.end, quantity.start) \
            and pos_tags(previous.metric)[0][1] in PREDICATE_TAGS:  # (a verb's objects; not "dân số 102.648 người, 105 tổ chức đảng")
        return previous.metric  # "kiểm tra 13 tổ chức đảng, 24 đảng viên", "làm rõ 45 vụ/62 đối tượng": one verb's objects (not "5 thôn và 1.200 hộ")
    if noun and before and previous is not None \
            and text[previous.start:previous.end] in before and not metric_rules()["measure_noun"].fullmatch(before):
        return noun  # "Xã có 5 thôn và 1.200 hộ": the clause is the figure before's
    base = (quantity.unit or "").split("/")[0]
    if before is None and previous is not None and previous.metric \
            and (quantity.unit in (None, "%", previous.unit) or base in (previous.unit, "%")
                 or (previous.unit == "%" and SHARE_THEN_AMOUNT.fullmatch(text, previous.end, quantity.start))) \
            and previous.end <= quantity.start and _one_series(text, previous.end, quantity.start):
        # ("… đạt 710 nghìn tỷ đồng, tăng bình quân 14-15%/năm"; "… chiếm 33,4% GRDP, đạt 737.000 tỷ đồng")
        # "HTXSNV: năm 2020 đạt 18,89%, năm 2021 đạt 18,48%"; "quỹ … 52 triệu đồng (763.000 đồng/hội viên)"
        return previous.metric
    if before is None and noun:
        return noun  # "Toàn huyện có 12 xã"
    if before and noun:
        before = _after_the_actor(before, noun) or noun
    return before or after


def _after_the_actor(phrase: str, noun: str | None = None) -> str:
    """"Ủy ban kiểm tra Đảng ủy đã kiểm tra" → "kiểm tra": before a count, the action after an
    adverb names what is counted, not the body that acted (metric_rules.json, actor_adverbs)."""
    rules = metric_rules()
    adverb = rules["actor_adverb"].search(phrase)
    if adverb is None:
        return _after_the_opening(phrase, noun)
    actor, action = phrase[:adverb.start()].strip(), phrase[adverb.end():].strip()
    if not action or rules["count_head"].match(actor) or rules["measure_head"].search(actor):
        return phrase
    tagged = pos_tags(action)
    if not tagged or tagged[0][1] != "V" or tagged[0][0].lower() in rules["linking_verbs"]:
        return phrase
    return action


ACTOR_TAGS = frozenset({"N", "Nc", "Np", "L", "E", "P", "Ny"})  # a noun phrase or a prepositional one, with its determiner or pronoun
OPENING_MARK_TAGS = frozenset({"L", "E", "P"})  # what marks such a phrase as one: "các", "từ", "đó"
# words the tagger reads as a determiner, preposition or pronoun (L, E, P) opening such a phrase: a cheap test before tagging
OPENING_MARK_WORDS = frozenset({"các", "những", "mọi", "mỗi", "từ", "với", "bằng", "qua", "nhờ", "đó", "này", "họ"})
DIRECTION_WORDS = frozenset({"về", "cho", "đến", "tới", "ra", "vào", "lên", "xuống", "qua", "trong", "ngoài"})


def _after_the_opening(phrase: str, noun: str | None = None) -> str:
    """"các nhà hảo tâm tổ chức tặng", "Từ nguồn kinh phí đó hỗ trợ xây mới": before a count, a
    noun or prepositional phrase ahead of the first verb names who acted or with what, the verb
    phrase from it what is counted (not a measure's or a count's head, "Số hộ được hỗ trợ", nor a
    phrase naming the counted ``noun`` itself, "Các chỉ tiêu về công tác xây dựng Đảng: 05 chỉ tiêu")."""
    rules = metric_rules()
    words = phrase.lower().split()
    if not OPENING_MARK_WORDS.intersection(words) or rules["count_head"].match(phrase) or rules["measure_head"].match(phrase) \
            or (noun and f" {noun.lower()} " in f" {' '.join(words)} "):
        return phrase  # (no word that may mark such a phrase: no need to tag it)
    tagged = pos_tags(phrase)
    first_verb = next((index for index, (_, tag) in enumerate(tagged) if tag == "V"), None)
    if first_verb is None and tagged and tagged[0][1] == "E" and all(tag in ACTOR_TAGS for _, tag in tagged):
        return ""  # "Từ nguồn quỹ đó xây mới 3 nhà": only the means is left (the verb went as a linker): the noun names it
    if not first_verb or any(tag not in ACTOR_TAGS for _, tag in tagged[:first_verb]) \
            or not any(tag in OPENING_MARK_TAGS for _, tag in tagged[:first_verb]) \
            or tagged[first_verb][0].lower() in rules["linking_verbs"] or tagged[first_verb][0].lower() in DIRECTION_WORDS:
        return phrase  # (a noun before a verb alone may be a compound's head: "nước sinh hoạt", "gạch sản xuất"; "về" may
        # be tagged a verb where it is a preposition: "Các chỉ tiêu về kinh tế")
    action = " ".join(word for word, _ in tagged[first_verb:])
    return action if action in phrase else phrase


BASE_REMAINDER = regex.compile(r"[\s/()]+")
FROM_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?i:từ)\s*$")
SERIES_VERB_END = regex.compile(r"(?i)^\s*(?:(?:ước|dự\s+kiến|ước\s+tính)\s+)?(?:tăng|giảm|đạt|bằng|là|chiếm)$")
VERB_BEFORE_FIGURE = regex.compile(r"(?i)\s+(?:(?:ước|dự\s+kiến)\s+)?(?:tăng|giảm|đạt|bằng|là|chiếm)(?:\s+(?:gấp|hơn|khoảng|gần|trên))?\s+")
THRESHOLD_BEFORE = regex.compile(r"(?i)(?<![\p{L}\p{M}])(?:trên|dưới|từ|quá|tối\s+thiểu|tối\s+đa|không\s+quá)\s*$")  # "tỷ lệ sinh trên 2 con" (not "tăng hơn 1,5 lần")
OBJECTS_JOINT = regex.compile(r"\s*(?:,|/|[-–]|(?<=\s)với)\s*|\s+(?:và|với)\s+")  # one verb's objects: "13 tổ chức, 24 đảng viên", "45 vụ/62 đối tượng"
SHARE_THEN_AMOUNT = regex.compile(r"(?i)[^,;.\d]{0,40},\s*(?:đạt|là|với|tương\s+đương)(?:\s+(?:khoảng|hơn|trên|gần))?\s*")
AFTER_PLAN_REACH = 80  # characters after a share read for the plan it names
CHANGE_GAP_REACH = 60
CHANGE_TO_TAIL = regex.compile(r"(?i)(?:(?:đã|đến\s+nay|nay)\s+)?(?:(?:giảm|tăng)(?:\s+(?:xuống|lên))?|xuống|lên)(?:\s+(?:còn|đạt|mức))*|còn")
SLASH_PAIR = regex.compile(r"\s*/\s*")  # between two figures of one measure, written as actual/plan


def _same_series(text: str, previous: Quantity, before: str, quantity: Quantity) -> bool:
    """The clause before the figure ends with the figure before it and what that one is compared
    with ("… tăng 3,01% so cùng kỳ", "… đạt 8,31%/KH"), or holds nothing else ("tăng 3,01% và")
    but the standard ("so dự toán đạt 42% và bằng 96%"), or a move to another level ("12% năm 2015
    giảm còn 4%"): this figure goes on with the same measure."""
    figure = " ".join(text[previous.start:previous.end].split())
    at = before.rfind(figure)
    if at < 0 or not previous.metric:
        return False
    gap = text[previous.end:quantity.start]
    if len(gap) < CHANGE_GAP_REACH and CHANGE_TO_TAIL.fullmatch(" ".join(metric_rules()["time"].sub(" ", gap).split())):
        return True  # "Tỷ lệ hộ nghèo 12% năm 2015 giảm còn 4% năm 2020", "1.200 con tăng lên 1.450 con": the level it moved to
    tail = BASE_REMAINDER.sub(" ", before[at + len(figure):]).strip()
    if FROM_BEFORE.search(before, 0, at) and not any(c.isdigit() for c in tail):
        return True  # "giảm từ 68% năm 2015 xuống còn 60,8%": the end of a change from the figure before
    if tail:
        return metric_rules()["comparison_base"].match(tail) is not None
    written = before[:at].strip()
    if written.lower().startswith(previous.metric.lower()) and SERIES_VERB_END.search(written[len(previous.metric):]):
        return True  # "Chỉ số … tăng 2,1% so với tháng trước và tăng 10,5% …": the figure before's subject and verb
    rest = _trimmed(before[:at])
    return not rest or metric_rules()["standard_phrase"].fullmatch(rest) is not None


def unit_as_written(text: str, quantity: Quantity) -> str:
    """A count's noun as the text writes it ("186 HTTNV": "HTTNV"; the unit is lower case)."""
    unit = quantity.unit or ""
    written = text[quantity.end - len(unit):quantity.end]
    return written if written.lower() == unit.lower() else unit


def _counted_noun(text: str, quantity: Quantity) -> str | None:
    """The noun a count counts: its unit, or the first part of a rate per population ("10 bác
    sĩ/vạn dân" → "bác sĩ")."""
    if quantity.kind == "count" and quantity.unit:
        return unit_as_written(text, quantity)
    if quantity.kind == "rate" and quantity.unit and "/" in quantity.unit:
        noun = quantity.unit.split("/")[0]
        counted = noun.replace(" ", "").isalpha() and noun not in _measure_units() and noun in text[quantity.start:quantity.end].lower()
        return noun if counted else None  # not "ha" of "30 ha/năm" nor "%" of "6%/năm"
    return None


def _counts_in_fraction(quantity: Quantity) -> bool:
    """"12/19 chỉ tiêu", "2.251/5.001 hộ": a fraction of counted things (not "53,5/52ha")."""
    return quantity.kind == "fraction" and bool(quantity.unit) and quantity.unit not in _measure_units()


@lru_cache(maxsize=1)
def _measure_units() -> frozenset[str]:
    return frozenset(entry["unit"] for entry in unit_table()["by_form"].values())


def _after_phrase(text: str, quantity: Quantity, paragraph_end: int, max_words: int | None = None,
                  figure_starts: list[int] | None = None) -> str | None:
    """``max_words``: the longest phrase taken, max_words of the rules unless given;
    ``figure_starts``: the document's figures, when known (a number starting none is a word of the
    phrase: "trẻ 6 tuổi", "năm thứ 3")."""
    rules = metric_rules()
    # Searching in place rather than in a copy of the rest of the paragraph (the pattern has no
    # anchors or look-behinds, so that is the same search) keeps long paragraphs linear.
    stop = _phrase_stop(text, quantity.end, paragraph_end, figure_starts)
    before_comma = text[quantity.end:stop.start()].split() if stop is not None else []
    after_comma = text[stop.end():stop.end() + LIST_REACH].split()[:2] if stop is not None else []
    if stop is not None and stop.group() == "," and before_comma and len(after_comma) == 2 \
            and after_comma[1].lower() == before_comma[-1].lower() and _shares_a_word_across(before_comma[-1], after_comma):
        # "hồ sơ có thu phí, lệ phí được thanh toán trực tuyến": two words ending on one syllable across the comma are one name
        stop = _phrase_stop(text, stop.end(), paragraph_end, figure_starts) or stop
    if stop is not None and stop.group() == "," and quantity.kind != "duration" \
            and (0 < len(text[quantity.end:stop.start()].split()) <= LIST_HEAD_WORDS
                 or (quantity.unit and quantity.kind in ("count", "fraction") and not text[quantity.end:stop.start()].strip()
                     and text[stop.end():stop.end() + 2].lstrip()[:1].islower())):
        # ("16/137 xã, phường hết hộ nghèo": a counted noun may open the list itself)
        # (after a duration a phrase names an event, "30 năm tái lập tỉnh", not a list; after a
        # whole clause a comma starts the next)
        stop = _noun_list_end(text, quantity.end, stop, paragraph_end, figure_starts)
    tail = text[quantity.end:stop.start()] if stop else text[quantity.end:min(quantity.end + 80, paragraph_end)]
    partner = NEXT_FIGURES_WORDS.search(tail) if _next_figure_at(text, stop, paragraph_end) else None
    if partner:
        tail = tail[:partner.start()]  # "25 dự án với tổng vốn đăng ký 120 tỷ đồng": the rest names the next figure
    elif quantity.kind == "count" and _next_figure_at(text, stop, paragraph_end):
        restating = _restating_before_next().search(tail) or rules["measure_before_next"].search(tail)
        if restating:  # "131.000 người tham gia BHYT đạt tỷ lệ 86%": the verb restating the count opens the next figure;
            tail = tail[:restating.start()]  # so does a measure of what it counts ("53 nhà đại đoàn kết trị giá 832 triệu đồng")
    base = rules["comparison_base"].match(tail.lstrip(" /"))
    if base and (quantity.kind != "count" or tail.lstrip().startswith("/") or base.group().lower().startswith("so")):
        # "49,85% kế hoạch", "16.133 con/KH 16.200 con": a plan is named, not what is measured (a
        # count's own noun may be "chỉ tiêu": "05 nhóm chỉ tiêu")
        return None
    if tail.strip() == "/":
        tail = ""  # "86 vụ/96 đối tượng": a slash pairs the figure with the next; the words after are the next one's
    if stop is not None and stop.group()[:1].isdigit():
        tail = rules["time_tail"].sub("", tail)  # "70% chiều dài … đạt chuẩn đến năm 2020": the year's words go
    tail = rules["legal_reference"].sub("", rules["caption_tail"].sub("", _own_words(tail, quantity)))
    words = tail.split()
    if quantity.kind != "count" and stop is not None and stop.group()[:1].isdigit() and words \
            and (words[-1].lower() in rules["linking_verbs"]
                 or (rules["measure_head"].match(_trimmed(" ".join(words), periods=False)) and not rules["year_at"].match(text, stop.start()))):
        # "năng suất đạt 62,58 tạ/ha sản lượng đạt 719,67 tấn", "4.050 ha năng suất phấn đấu đạt từ 66 tạ/ha":
        # after a measure (not a counted noun, which its words qualify) they are the next figure's subject
        words = []
    elif quantity.kind not in ("count", "fraction") and stop is not None and stop.group()[:1].isdigit() and words:
        words = _trimmed(" ".join(words), periods=False).split()  # "100% chi bộ và hơn 92% …": "và hơn" opens the next
    if quantity.kind == "count" and quantity.unit or _counts_in_fraction(quantity):
        # the counted noun and what qualifies it: "hộ kinh doanh", "thanh niên nhập ngũ" (not "và"),
        # "2.251/5.001 hộ có cổng nhà và đèn chiếu sáng"
        joint = "" if words[:1] and words[0].startswith(",") else " "  # "xã, phường …": the list goes on from the noun
        phrase = f"{unit_as_written(text, quantity)}{joint}{' '.join(words)}"
        if not joint:  # "36 phường, xã và Bà Rịa - Vũng Tàu có …": a name after the list's "và" opens another subject
            phrase = AND_A_NAME.split(phrase, maxsplit=1)[0]
        # "104.076 người và phường Minh Phụng mới …": a unit after "và" opens the next subject (not the last
        # of a list of units, "3 đảng bộ xã A, xã B và xã C")
        if place_rules()["type_word"].fullmatch(quantity.unit):
            phrase = _without_members(phrase, quantity.unit)  # "3 xã Bắc Phong, Bình Thanh, Thung Nai": the units counted, by name
        located = _at_a_named_place().split(phrase, maxsplit=1)
        phrase = located[0]
        state = _state_after_a_place().match(located[1]) if len(located) == 2 else None
        if state is not None:
            phrase = f"{phrase} {state.group('state')}"  # "25 ngôi nhà ở thôn Đông bị ngập": what befell them, past where they are
        phrase = RAISING_A_MEASURE.split(phrase, maxsplit=1)[0]  # "3 câu lạc bộ nâng tổng số câu lạc bộ … lên 66": the next measure
        before_unit = _and_a_unit().split(phrase, maxsplit=1)[0]
        if not place_rules()["type_word"].search(before_unit):
            phrase = before_unit
        # (a "với" before the next figure leaves the noun its own: "25 dự án với tổng vốn …"; a "và" does not)
        return _limited(_trimmed(phrase, periods=False), max_words) if words or (partner and "và" not in partner.group()) else None
    if not words or len(words) > (max_words or rules["max_words"]):
        return None  # _limited refuses it whatever the noun (no need to tag it)
    if quantity.kind == "money" and PASSIVE_OPENING.match(" ".join(words)) and _purpose(PASSIVE_OPENING.sub("", " ".join(words))):
        words = PASSIVE_OPENING.sub("", " ".join(words)).split()  # "443 tỷ đồng được huy động từ nguồn xã hội hóa": how it was come by
    elif first_noun(tail) is None and not _determiner_before_noun(tail) and not (quantity.kind == "money" and _purpose(tail)):
        return None
    return _limited(" ".join(words), max_words)


AGE_BAND = regex.compile(r"\d{1,3}\s*[-–]\s*\d{1,3}(?=\s*tuổi)")  # "trẻ em từ 0 - 6 tuổi": one band, read through
AGE_BAND_CHARS = 16
AFTER_SKIPS = 3  # numbers and quoted names a phrase after a figure reads through
TIME_WORD_BEFORE = regex.compile(r"(?i)(?<![\p{L}\p{M}])(?:ngày|tháng|năm|quý|giai\s+đoạn)\s*$")
QUOTE_PAIRS = {"“": "”", '"': '"'}
QUOTE_REACH = 80  # characters a quoted name after a figure may hold


def _phrase_stop(text: str, start: int, paragraph_end: int, figure_starts: list[int] | None):
    """Where the words after a figure end: the first stop of ``after_stop``, read through numbers
    that start no figure ("trẻ 6 tuổi", "thôn duy trì từ năm thứ 3 trở lên") and quoted names
    ("hộ đạt danh hiệu “Gia đình văn hoá”")."""
    after_stop = metric_rules()["after_stop"]
    stop = after_stop.search(text, start, paragraph_end)
    for _ in range(AFTER_SKIPS):
        if stop is None:
            return None
        mark = stop.group()
        band = AGE_BAND.match(text, stop.start(), min(paragraph_end, stop.start() + AGE_BAND_CHARS)) if mark[:1].isdigit() else None
        if mark[:1].isdigit() and figure_starts is not None and not _starts_a_figure(figure_starts, stop.start()) \
                and (band or not metric_rules()["time_number"].match(text, stop.start())) \
                and not TIME_WORD_BEFORE.search(text, max(0, stop.start() - 8), stop.start()):
            # (an age band is no date: "trẻ em từ 0 - 6 tuổi" reads on; a year or a date ends the words: its time goes)
            resume = band.end() if band else NUMBER.match(text, stop.start()).end()
        elif mark in QUOTE_PAIRS and stop.start() > start and text[stop.start() - 1].isspace():
            close = text.find(QUOTE_PAIRS[mark], stop.end(), min(paragraph_end, stop.end() + QUOTE_REACH))
            if close < 0:
                return stop
            resume = close + 1
        else:
            return stop
        stop = after_stop.search(text, resume, paragraph_end)
    return stop


def _starts_a_figure(figure_starts: list[int], position: int) -> bool:
    index = bisect_left(figure_starts, position)
    return index < len(figure_starts) and figure_starts[index] == position


def _own_words(tail: str, quantity: Quantity) -> str:
    """The words after a figure that still name it: not a qualifier of the number ("25 đảng viên trở
    lên", "80 đảng viên mới trở lên"), a result's status ("143 đảng viên vượt chỉ tiêu Nghị quyết")
    nor a clause joined by "và" and a verb to the figure's verbless noun phrase ("5 hợp tác xã và
    phát triển ít nhất …")."""
    rules = metric_rules()
    qualifier = rules["after_qualifier"].match(tail)
    if qualifier and (qualifier.group("kept") is None or quantity.kind == "count"):
        # "từ 80 đảng viên mới trở lên" (a modifier of the noun kept), not "80% khá trở lên" (a rating)
        tail = (qualifier.group("kept") or "") + tail[qualifier.end():]
    status = rules["after_status"].search(tail)
    if status and not rules["comparison_base"].fullmatch(quantity.unit or ""):  # "14/16 chỉ tiêu đạt và vượt kế hoạch" counts by it
        tail = tail[:status.start()]
    if " và " in tail:
        words = tail.split()
        tagged = pos_tags(" ".join(words))
        seen = 0  # words of the tail before the tagged token (a token may join several)
        for (word, tag), (_, following) in zip(tagged, tagged[1:]):
            if tag == "V":
                break  # "hộ có cổng nhà và đèn chiếu sáng": "và" inside the figure's predicate
            if word.lower() == "và" and following == "V":
                return " ".join(words[:seen])
            seen += len(word.split())
    return tail


TREND_CLAUSE_CHARS = 300
COMPARED_TAIL = regex.compile(r"(?i)\s+so\s+với(?:\s+[\p{L}\p{M}]+){1,4}\s*$")
SUBJECT_WORDS = 2  # words a clause's subject has at least (one word is an opener: "Trong đó", "Hiện nay")


def _measure_with_trend(text: str, start: int, end: int) -> str | None:
    """A clause holding no figure that names a measure and ends on how it moves ("tỷ lệ người dân
    tham gia BHYT tăng nhanh"): the measure, without the movement."""
    if end - start > TREND_CLAUSE_CHARS:
        return None  # (a measure and its movement are a few words: a longer clause is none, and is not read)
    clause = COMPARED_TAIL.sub("", text[start:end])  # "… tăng mạnh so với cùng kỳ": how it moved, against what
    if any(character.isdigit() for character in clause) and any(character.isdigit() for character in _trimmed(clause)):
        return None  # (its period goes: "9 tháng")
    rules = metric_rules()
    trend = rules["trend_predicate"].search(clause)
    if trend is None:
        return None
    measure = _trimmed(clause[:trend.start()])
    if not measure or not (rules["measure_head"].match(measure) or pos_tags(measure)[0][1] in NOUN_TAGS):
        return None
    return _limited(measure)


def _subject_of_clause(text: str, start: int, end: int) -> str | None:
    """The noun phrase a clause opens with, up to its first verb, when the clause holds no figure
    (a time is none: "tổng thu ngân sách đến năm 2030, đạt 120 tỷ đồng")."""
    clause = without_times(text[start:end])
    if any(character.isdigit() for character in clause) or len(clause) > LIST_SEGMENT_CHARS * 2:
        return None
    clause = _trimmed(clause)
    tagged = pos_tags(clause)
    if tagged and tagged[0][1] == "L" and len(tagged) > 1:
        tagged = tagged[1:]  # ("Những tuyến đường cứng hóa": a determiner before the noun)
    if metric_rules()["measure_head"].match(clause):
        # "Tỷ lệ lao động qua đào tạo đến cuối nhiệm kỳ, đạt 75%": a measure's name, its time put aside,
        # may hold verbs ("lao động", "tham gia") and its head may be tagged otherwise ("Tỷ lệ" M); a
        # linking verb (not "có": "tỷ lệ hộ có thẻ …") or a tense adverb ends it ("tổng thu ngân sách đạt kết
        # quả cao nhất, …", "Tỷ lệ giải quyết hồ sơ đúng hạn đã có chuyển biến tích cực, tăng …")
        adverb = metric_rules()["actor_adverb"].search(clause)
        name = clause[:adverb.start()] if adverb else clause
        words = name.split()
        link = next((index for index, word in enumerate(words) if index and word.lower() in metric_rules()["linking_verbs"]
                     and word.lower() != "có"), len(words))
        return _limited(" ".join(words[:link]))
    if _sector_names().fullmatch(clause):
        return clause  # "…; công nghiệp, chiếm 30%", "xây dựng - tiểu thủ công nghiệp, chiếm 24,3%": a sector's share
    if not tagged or tagged[0][1] not in NOUN_TAGS:
        return None
    words: list[str] = []
    for word, tag in tagged:
        if tag in PREDICATE_TAGS and not (words and words[-1].lower() in ("và", ",") and _sector_word().fullmatch(word)):
            break  # ("khu vực công nghiệp và xây dựng": a sector after "và" is no verb)
        words.append(word)
    else:
        # no predicate: a name, not a subject with what it does; or a common noun and the state
        # it is in, "Những tuyến đường cứng hóa, chiếm 90%": the things the share counts
        states = [tag for _, tag in tagged[1:]]
        if tagged[0][1] == "N" and states and states[-1] in STATE_END_TAGS and all(tag in NOUN_TAGS or tag in STATE_END_TAGS for tag in states):
            return " ".join(word for word, _ in tagged)
        if tagged[0][1] == "N" and states and states[-1] in ("N", "Nc") and not any(word[:1].isupper() for word, _ in tagged[1:]) \
                and all(tag in NOUN_TAGS or tag in STATE_END_TAGS for tag in states):
            return _limited(clause)  # "Thu nhập bình quân đầu người đến năm 2030, đạt …": a common noun phrase, its time put aside
        return None
    phrase = " ".join(words)
    if len(phrase.split()) < SUBJECT_WORDS or (tagged[len(words) - 1][1] not in ("N", "Nc") and not _sector_word().fullmatch(words[-1])):
        return None  # (a proper name, or a phrase that does not end on a noun, is no measure)
    return phrase


STATE_END_TAGS = frozenset({"A", "M"})  # an adjective, and a "-hóa" suffix the tagger reads as a numeral


@lru_cache(maxsize=1)
def _sector_word() -> "regex.Pattern[str]":
    return regex.compile(rf"(?i:{shared_patterns()['sector']})")


@lru_cache(maxsize=1)
def _sector_names() -> "regex.Pattern[str]":
    """Sectors joined into one name: "thương mại - dịch vụ", "nông, lâm nghiệp và thủy sản",
    "xây dựng - tiểu thủ công nghiệp" (a sector's first syllable stands for it before the next)."""
    one = rf"(?:{shared_patterns()['sector']}|tiểu\s+thủ\s+công\s+nghiệp|nông|lâm|ngư)"
    return regex.compile(rf"(?i:{one}(?:\s*(?:[-–,/&]|\s+và\s+)\s*{one})*)")


def _purpose(tail: str) -> bool:
    """"300 triệu đồng xây dựng quỹ nghĩa tình", "… đóng góp vào Quỹ Vì người nghèo": a verb and the
    noun it serves, right after an amount, say what the money is for."""
    tagged = pos_tags(" ".join(tail.split()[:PURPOSE_WORDS]))
    return len(tagged) > 1 and tagged[0][1] == "V" and any(tag in NOUN_TAGS for _, tag in tagged[1:3])


PURPOSE_WORDS = 5
PASSIVE_OPENING = regex.compile(r"(?i)^(?:được|do)\s+")


def _determiner_before_noun(tail: str) -> bool:
    """"100% các trường mầm non": a determiner (POS L) opens the noun phrase."""
    tagged = pos_tags(" ".join(tail.split()[:LIST_ITEM_WORDS + 1]))
    return len(tagged) > 1 and tagged[0][1] == "L" and tagged[1][1] in NOUN_TAGS


LIST_REACH = 60  # characters after a comma read for the rest of a noun list
LIST_CLAUSE_REACH = 160  # characters after a comma read for the end of a list's last item and what it says
LIST_ITEM_WORDS = 3  # words of a noun inside a list ("tiểu khu trưởng"); the last one may be longer
LIST_HEAD_WORDS = 8  # words after the figure before the comma ("đảng viên trong việc chấp hành Điều lệ Đảng, …")


SHARE_VERB = regex.compile(r"(?i)chiếm\s")
EMPTY_STOP = regex.compile("")  # a stop of no width: a paragraph's end, a quoted name's close
QUOTED_NAME_END = regex.compile(r"[”\"](?=[^”\"]*$)")  # the last closing quote of a list's last item


def _noun_list_end(text: str, start: int, stop, paragraph_end: int, figure_starts: list[int] | None = None):
    """"100% thôn, bản có y tá", "100% số thôn, bản, tiểu khu có hạ tầng băng rộng": nouns after
    commas go on with the list up to the clause's end, the paragraph's end ("Thêm 16 xã, phường đạt
    tiêu chí …" as a title), a year or the next figure ("108/108 xã, phường, thị trấn và 8/8 huyện")
    — not a label's colon, and within a metric's length; the stop after the figure's own words
    otherwise."""
    rules = metric_rules()
    head_has_verb = None  # read once, when a continuation looks like a clause of its own
    end = stop
    while True:
        reach = min(paragraph_end, end.end() + LIST_CLAUSE_REACH)
        following = _phrase_stop(text, end.end(), reach, figure_starts)
        if following is None and reach == paragraph_end:
            following = EMPTY_STOP.match(text, paragraph_end)
        if following is None or following.group().strip() == ":" or (following.group()[:1].isdigit() and figure_starts is None):
            return stop
        if following.group()[:1].isdigit() and _starts_a_figure(figure_starts, following.start()):
            # "327 con, đàn Bò 1.893 con": the words before the next figure are its subject; the list
            # is the items up to the last comma ("108/108 xã, phường, thị trấn và 8/8 huyện" → "xã, phường")
            return end if end is not stop and len(text[start:end.start()].split()) <= rules["max_words"] else stop
        if following.group().isspace() and SHARE_VERB.match(text, following.end(), following.end() + 6):
            return stop  # "dân số 19.606 người, đồng bào dân tộc thiểu số chiếm 98,01%": the share's subject
        continuation = text[end.end():following.start()]
        if not continuation.strip() or (first_noun(continuation) is None and not _verbs_joined(text[start:end.start()], continuation)):
            return stop
        if _has_own_predicate(continuation):
            if head_has_verb is None:
                head_has_verb = any(tag == "V" for _, tag in pos_tags(text[start:stop.start()])[1:])
            if head_has_verb:
                return stop  # "4 chỉ tiêu chưa đạt nghị quyết, nguồn nhân lực vẫn chưa …": the next clause
        if following.group().strip() != "," or len(continuation.split()) > LIST_ITEM_WORDS or following.start() == paragraph_end:
            # the clause's end, or the list's last noun with what it says of the list ("tiểu khu có
            # hạ tầng băng rộng cố định, kết nối …")
            quote = QUOTED_NAME_END.search(text, end.end(), following.start()) if following.group() else None
            if quote is not None and text[quote.end():following.start()].strip():
                following = EMPTY_STOP.match(text, quote.end())  # "mô hình, điển hình “Dân vận khéo” trên …": the name ends the item
            if len(text[start:following.start()].split()) > rules["max_words"]:
                return stop
            if (following.start() == paragraph_end or following.group()[:1].isdigit()) and not _says_of_the_list(continuation):
                return stop  # a line cut short ("(nông nghiệp 74 hộ, tiểu thủ công⏎"), a new subject before a year
            return following
        end = following


def _says_of_the_list(continuation: str) -> bool:
    """The list's last item and a predicate of the list ("doanh nghiệp đạt chuẩn văn hóa"), with no
    name before that verb ("ông Phạm Quốc Vượng tái cử …", "A2 sau khi có …": a new subject)."""
    for _, tag in pos_tags(continuation):
        if tag == "V":
            return True
        if tag in NAME_TAGS:
            return False
    return False


def _verbs_joined(before: str, continuation: str) -> bool:
    """"xã thực hiện thu gom, xử lý rác thải": a verb before the comma and one after it, then a
    noun, are two actions on one object (not a clause of its own: that holds no noun after its verb)."""
    last = pos_tags(" ".join(before.split()[-2:]))
    following = pos_tags(" ".join(continuation.split()[:4]))
    return bool(last) and last[-1][1] == "V" and len(following) > 1 and following[0][1] == "V" \
        and any(tag in NOUN_TAGS for _, tag in following[1:])


def _has_own_predicate(words: str) -> bool:
    """An adverb ("vẫn chưa đáp ứng") or two verbs running ("tiếp tục trồng"): a clause's predicate,
    not what a list item says of the list ("đối tượng bảo trợ xã hội")."""
    tags = [tag for _, tag in pos_tags(words)]
    return "R" in tags or any(tag == following == "V" for tag, following in zip(tags, tags[1:]))


CLOSING_BRACKET = regex.compile(r"\s*\)")
BRACKET_REACH = 8  # white space a closing bracket may follow a figure by (clean text folds runs)
SERIES_END = regex.compile(r"[.!?…](?=\s|$)|\|")  # a sentence or a table cell ends a series of figures
ABBREVIATION_IN_BRACKETS = regex.compile(r"\(\s*\p{Lu}[\p{Lu}\d&/]*(?:[-–][\p{Lu}\d]+)*\s*\)$")  # "(GRDP)", "(CN-XD)"
ABBREVIATION_REACH = 16
ASIDE_REACH = 160  # characters of a bracketed aside skipped to the clause before it


LIST_ITEMS_BEFORE = 3  # commas of a noun list read back over ("Tổng đàn trâu, bò, lợn")
LIST_SEGMENT_WORDS = 5  # words between two commas of a noun list
LIST_SEGMENT_CHARS = 80  # (so many characters hold more words than that)
BEFORE_REACH = 400  # characters of a clause read back from a figure (a metric is at most max_words words)


def _continues_a_noun_list(text: str, scan: BoundaryScan, paragraph_start: int, comma_end: int, figure_start: int) -> bool:
    """"Sản lượng thủy, hải sản", "khu vực nông, lâm nghiệp", "Thu, chi ngân sách": the words before
    the comma are nouns (a head with the first item, or a one-syllable item) and a noun or a
    one-syllable item follows, so the comma joins the items of one name. So does a noun phrase
    whose last word and the word after the comma are of one kind ("Ngành sản xuất, chế biến thực
    phẩm", "giá trị sản xuất công nghiệp, tiểu thủ công nghiệp", "hộ nghèo, cận nghèo"). An opener
    is no noun list: "Bên cạnh đó, …" (a pronoun), "Hiện nay, …" (one word), "Về kinh tế, …" (a
    preposition), "Thực hiện Nghị quyết …, xã đã …" (a verb), "Kinh tế phát triển, thu nhập …" (a
    clause); nor is a phrase before a new measure ("…, diện tích lúa đạt …"). Items written alike
    are one name too ("Thu tiền cấp đất, thuê đất": verb and noun twice), as is a short item the
    figure follows at once after a phrase ending in a noun ("Giá trị sản xuất công nghiệp, xây dựng
    2.410 tỷ"), and a lower-case noun alone before another ("học sinh, sinh viên có hoàn cảnh …")."""
    start = scan.last_end(comma_end - 1)
    start = paragraph_start if start is None else start
    if comma_end - start > LIST_SEGMENT_CHARS:
        return False
    if BREAKDOWN_WORD.match(text, comma_end + 1, min(len(text), comma_end + BREAKDOWN_OPENER_REACH)):
        return False  # "… Vân Kiều và Kinh, trong đó người dân tộc thiểu số là 812 hộ": a breakdown opens after it
    if metric_rules()["topic_lead"].match(text, start, comma_end):
        return False  # "Về kinh tế, tốc độ …", "Đối với tỷ lệ hồ sơ …, tháng 7 đạt …": a topic, then the clause
    first_after = text[comma_end:comma_end + LIST_REACH].split()[:1]
    if first_after and first_after[0].lower() in metric_rules()["linking_verbs"] \
            and first_after[0].lower() not in text[start:comma_end].lower().split():
        # "… xã Bình Trị và Tân Tạo, có diện tích hơn 20 km2": a predicate of the subject before, no item (not
        # the second of two alike, "tỷ lệ lao động có bằng cấp, có chứng chỉ")
        return False
    segment = metric_rules()["leading"].sub("", text[start:comma_end - 1].strip())  # "Trong đó đàn trâu, bò có …"
    words = segment.split()
    if not words or any(c.isdigit() for c in segment):
        return False
    if len(words) > 1 and metric_rules()["trend_predicate"].search(" " + segment):
        return False  # "Số hộ khá tăng, số hộ nghèo dưới 0,68%": a clause saying how a measure moved
    if len(words) > 1 and metric_rules()["reporting_verbs"].search(segment):
        return False  # "UBND tỉnh thông tin, kim ngạch …": who says it, not an item of the measure's name
    if CAUSE_AT_END.search(segment) and not metric_rules()["measure_head"].match(
            " ".join(text[comma_end:comma_end + LIST_REACH].split()[:LIST_ITEM_WORDS])):
        return True  # "Tổng thiệt hại do mưa lũ, sạt lở đất … ước tính hơn 12 tỷ đồng": the causes of one measure
    if _shares_a_word_across(words[-1], text[comma_end:comma_end + LIST_REACH].split()[:2]):
        return True
    if _repeats_the_head(words, text[comma_end:comma_end + LIST_REACH].split()[:1]):
        return True
    if len(words) <= RATE_PHRASE_WORDS and _rate_qualified_after_comma(text, segment, comma_end, figure_start):
        return True
    if len(words) > LIST_PHRASE_WORDS:
        return False
    if metric_rules()["now_word"].fullmatch(segment.strip()):
        return False  # "Tuy nhiên, hiện nay, hộ nghèo còn …": a time between commas
    after = text[comma_end:comma_end + LIST_REACH].split()
    if not after or metric_rules()["measure_head"].match(" ".join(after[:LIST_ITEM_WORDS])):
        return False
    if metric_rules()["list_heads"].match(_list_opening(text, scan, paragraph_start, start)):
        return True  # "Nhóm nhà ở, điện, nước, chất đốt và …": a group head lists its members up to the figure
    tagged = pos_tags(" ".join([*words, ",", *after[:LIST_TAGGED_AFTER]]))  # (a short window mistags: "tiểu thủ công" a numeral)
    comma = next((i for i, (word, _) in enumerate(tagged) if word == ","), None)
    if not comma or comma + 1 >= len(tagged):
        return False
    before, following = tagged[:comma], tagged[comma + 1]
    if before[-1][1] == following[1] == "V" and _verb_pair_object(text, comma_end, figure_start):
        return True  # "kiểm tra, giám sát đối với 97 tổ chức đảng", "đào tạo, bồi dưỡng 120 cán bộ": two verbs of one object
    if len(before) > 1 and before[-1][1] == "V" \
            and (metric_rules()["measure_head"].match(segment.strip()) or metric_rules()["count_head"].match(segment.strip())):
        item = _item_before_figure(text, comma_end, figure_start)
        if item is not None and all(tag in STATE_TAGS for _, tag in item):
            return True  # "Số nhà sập đổ, hư hỏng là 108": a second state of the things the noun names
    if len(before) > 1 and not any(tag in CLAUSE_TAGS and word.lower() != "của" for word, tag in before):  # ("giá trị sản xuất của ngành …")
        item = _item_before_figure(text, comma_end, figure_start)
        if item is not None and (len(item) > 1 and [tag for _, tag in item] == [tag for _, tag in before[-len(item):]]
                                 or before[0][1] in PHRASE_HEAD_TAGS and before[-1][1] in NOUN_TAGS):
            return True
    if len(before) == 1 and " " in before[0][0] and before[0][1] in NOUN_TAGS and segment.strip()[:1].islower() \
            and following[1] in NOUN_TAGS:
        return True
    if len(words) <= LIST_SEGMENT_WORDS \
            and all(tag in NOUN_TAGS or metric_rules()["measure_head"].fullmatch(word) for word, tag in before):
        # ("tỷ lệ khu, cụm công nghiệp": the tagger may read a rate's head as a verb)
        one_syllable = len(before) == 1 and " " not in before[0][0]
        middle_item = _after_comma(text, paragraph_start, start)  # "…, dịch vụ, thương mại": an item between two commas
        if len(before) > 1 or one_syllable or middle_item:
            if middle_item and following[1] == "V":
                # "thương mại, dịch vụ, du lịch năm 2025 ước đạt …": the last item, one word the tagger
                # may read as a verb, runs straight into the figure
                item = _item_before_figure(text, comma_end, figure_start)
                return item is not None and len(item) == 1
            return following[1] in NOUN_TAGS or (one_syllable and " " not in following[0])
    return (len(before) > 1 and before[0][1] in PHRASE_HEAD_TAGS and not any(tag in CLAUSE_TAGS for _, tag in before)
            and WORD_CLASSES.get(before[-1][1]) == WORD_CLASSES.get(following[1]) is not None)


LIST_ITEM_TOKENS = 2  # words (tagger tokens) of an item the figure follows at once
RATE_ITEM_WORDS = 3  # words after the comma that still qualify a rate's noun
RATE_PAIR_ITEM_WORDS = 12  # and after a comma joining two words of the dictionary
RATE_PHRASE_WORDS = 14  # words of a rate's name before such a comma
PERCENT_FIGURE = regex.compile(r"\d[\d.,]*\s?%")


def _rate_qualified_after_comma(text: str, segment: str, comma_end: int, figure_start: int) -> bool:
    """"Tỷ lệ dân cư được sử dụng nước sạch, hợp vệ sinh đạt 100%", "tỷ lệ khá, giỏi đạt trên 76%":
    a rate's name goes on across a comma when a few words that name no measure of their own lead
    straight to its percentage."""
    rules = metric_rules()
    rate = rules["rate_word"].search(segment) is not None and PERCENT_FIGURE.match(text, figure_start) is not None
    if not rate and not rules["index_head"].match(segment.strip()):
        return False
    item = _trimmed(text[comma_end:figure_start], periods=False).split()
    if not item or rules["measure_head"].match(" ".join(item)):
        return False
    # "tỷ lệ phản ánh, kiến nghị xử lý đúng hạn đạt 99,98%", "Chỉ số hài lòng của người dân, tổ chức …": two words
    # of the dictionary joined by the comma name one item of the rate's or the index's noun, which may go on longer
    if _compound_pair_across(segment, item):
        return len(item) <= RATE_PAIR_ITEM_WORDS
    return rate and len(item) <= RATE_ITEM_WORDS


def _compound_pair_across(segment: str, item: list[str]) -> bool:
    """The comma stands between two words, each of two syllables in lower case
    ("phản ánh, kiến nghị", "tiếp nhận, giải quyết", "người dân, doanh nghiệp")."""
    before = segment.split()[-2:]
    return len(before) == 2 and len(item) >= 2 and all(w[:1].islower() for w in [*before, *item[:2]]) \
        and _one_word(" ".join(before)) and _one_word(" ".join(item[:2]))


def _one_word(pair: str) -> bool:
    """Two syllables the dictionary holds as a word, or the segmenter reads as one ("người dân")."""
    return is_common_word(pair.lower()) or len(word_tokens(pair)) == 1


def _list_opening(text: str, scan: BoundaryScan, paragraph_start: int, segment_start: int) -> str:
    """The words opening the list a segment belongs to: back over the commas before it, to the clause's start."""
    start = segment_start
    while start > paragraph_start and text[start - 1] == ",":
        earlier = scan.last_end(start - 1)
        start = paragraph_start if earlier is None else earlier
    return metric_rules()["leading"].sub("", text[start:start + LIST_REACH].strip())


def _shares_a_word_across(last: str, following: list[str]) -> bool:
    """"xuất, nhập khẩu" (xuất khẩu, nhập khẩu), "thủy, hải sản", "thu phí, lệ phí": the item before
    the comma is one syllable of a word whose other syllable the item after it writes, so the comma
    joins two words of one name (the dictionary decides)."""
    if len(following) < 2 or not following[0][:1].islower():
        return False
    first, second = following[0].lower(), following[1].lower().rstrip(",.;:")
    last = last.lower()
    if not (last.isalpha() and first.isalpha() and second.isalpha()) or not is_common_word(f"{first} {second}"):
        return False
    return last == second or is_common_word(f"{last} {second}")


def _repeats_the_head(words: list[str], following: list[str]) -> bool:
    """"tổng số hộ nghèo, hộ cận nghèo": the item after the comma opens on the head noun of the item
    before it (a word before its last), so the comma joins two kinds of one thing."""
    if not following or not following[0][:1].islower() or len(words) < 2:
        return False
    head = following[0].lower()
    return head.isalpha() and head in (word.lower() for word in words[-HEAD_REACH_WORDS:-1]) \
        and any(tag in NOUN_TAGS for _, tag in pos_tags(head))


HEAD_REACH_WORDS = 4  # words at the end of an item where its head noun stands ("số hộ nghèo đa chiều")


def _verb_pair_object(text: str, comma_end: int, figure_start: int) -> bool:
    """Between the comma and the figure only the second verb, perhaps with a preposition ("giám sát
    đối với"): the figure is the object of both verbs (not "…, tăng trưởng đạt 8%": a clause of its own)."""
    words = text[comma_end:figure_start].split()
    if not words or len(words) > LIST_ITEM_TOKENS * 2:
        return False
    tags = [tag for _, tag in pos_tags(" ".join(words))]
    return tags in (["V"], ["V", "E"])


def _item_before_figure(text: str, comma_end: int, figure_start: int):
    """The tagged words between a comma and the figure when they are a short item that runs straight
    into it ("…, xây dựng 2.410 tỷ", "…, thuê đất đạt 35 tỷ": a linking verb may stand between)."""
    words = _trimmed(text[comma_end:figure_start]).split()  # (without a time or a qualifier: "…, xây dựng năm 2020 ước đạt")
    if not words or len(words) > LIST_ITEM_TOKENS * 3:
        return None
    tagged = list(pos_tags(" ".join(words)))
    while tagged and tagged[-1][0].lower() in metric_rules()["linking_verbs"]:
        tagged.pop()
    if not tagged or len(tagged) > LIST_ITEM_TOKENS or any(tag in CLAUSE_TAGS for _, tag in tagged):
        return None
    return tagged


def _after_comma(text: str, paragraph_start: int, position: int) -> bool:
    cursor = position - 1
    while cursor > paragraph_start and text[cursor].isspace():
        cursor -= 1
    return cursor > paragraph_start and text[cursor] == ","


LIST_TAGGED_AFTER = 5  # words after the comma tagged with the phrase
CAUSE_AT_END = regex.compile(r"(?i)(?<![\p{L}\p{M}])\S.*?\s(?:do|vì)\s+[\p{L}\p{M}]+(?:\s+[\p{L}\p{M}]+){0,2}$")  # a measure, then its cause
LIST_PHRASE_WORDS = 8  # words of a noun phrase whose last item a comma coordinates
PHRASE_HEAD_TAGS = frozenset({"N", "Nc", "Np", "Ny"})
STATE_TAGS = frozenset({"V", "A", "M"})  # a verb or adjective of state ("hỏng"; the tagger reads some as numerals: "hư hỏng", "ngập úng")
CLAUSE_TAGS = frozenset({"R", "P", "E"})  # an adverb ("đã"), a pronoun ("đó"), a preposition ("tinh thần cho người dân"): a clause or an opener
WORD_CLASSES = {"N": "noun", "Nc": "noun", "Np": "noun", "Ny": "noun", "Nu": "noun", "V": "verb", "A": "adjective"}


NOUN_TAGS = frozenset({"N", "Nc", "Np"})
NAME_TAGS = frozenset({"Np", "Ny"})  # proper names and abbreviations or codes ("A2")


def _before_phrase(text: str, position: int, paragraph_start: int, place_spans, paragraph_end: int,
                   finder: MetricFinder, bracketed: bool = False, across_abbreviation: bool = True) -> str | None:
    """``bracketed``: the figure closes a bracket, "việc làm (15,610 tỷ)"; ``across_abbreviation``: a
    name's abbreviation in brackets ends no clause."""
    rules = metric_rules()
    # The last boundary in text[paragraph_start:position]: the pattern has no anchors or
    # look-arounds, so scanning the text in place is the same as scanning that slice.
    scan = finder.boundaries(paragraph_start, paragraph_end)
    last = scan.last_end(position)
    held = finder.span_holding(place_spans, last - 1) if last is not None else None
    if held is not None and held[1] < position:
        last = scan.last_end(held[0])  # "trên địa bàn Bà Rịa - Vũng Tàu năm 2022 là …": a dash inside a unit's name ends no clause
    abbreviation = None
    if across_abbreviation and last is not None and text[last - 1] == ")":
        abbreviation = ABBREVIATION_IN_BRACKETS.search(text, max(paragraph_start, last - ABBREVIATION_REACH), last)
        if abbreviation is not None:
            # "Tổng sản phẩm trên địa bàn (GRDP) trừ dầu khí tăng 7,5%": a name's abbreviation in brackets ends no clause
            last = scan.last_end(abbreviation.start())
    if last is not None and text[last - 1] == "," and TERM_ASIDE.fullmatch(text, last, position) is not None:
        # "Ban Chấp hành Đảng bộ xã A, nhiệm kỳ 2025 - 2030 gồm 29 người": a term between a comma and the
        # figure's verb is an aside of the subject before it
        last = scan.last_end(last - 1)
    for _ in range(LIST_ITEMS_BEFORE):
        if last is None or text[last - 1] != "," or not _continues_a_noun_list(text, scan, paragraph_start, last, position):
            break
        earlier = scan.last_end(last - 1)  # "Sản lượng thủy, hải sản ước đạt …": the comma is inside the name
        if len(text[paragraph_start if earlier is None else earlier:position].split()) > rules["max_words"]:
            break  # (a name that long is no metric: the words after the comma still may be)
        last = earlier
    clause_start = 0 if last is None else last - paragraph_start
    if position - paragraph_start - clause_start > BEFORE_REACH:
        # a clause this long is no metric (it holds more than max_words words): only the words after
        # its last figure may be, and reading no more keeps a line of megabytes with no boundary linear
        return _limited(_after_last_figure(text[position - BEFORE_REACH:position]) or "")
    sentence_start = clause_start
    spans, first, in_order = finder.indexed_spans(place_spans, paragraph_start + clause_start)
    inside = []  # place spans inside the clause
    for index in range(max(0, first - 1), len(spans)):  # the place subject is not part of the metric (the one
        # before ``first`` may straddle the clause start)
        start, end = spans[index]
        if in_order and start >= position:
            break  # in order of start: no later span starts before the figure either
        if paragraph_start + clause_start <= start < position:
            inside.append((start, end))
            clause_start = max(clause_start, end - paragraph_start)
        elif start < paragraph_start + clause_start < end <= position:  # "TP.Hội An có …": the boundary was the abbreviation's dot
            clause_start = end - paragraph_start
    phrase = _trimmed(text[paragraph_start + clause_start:position])
    led_by_a_place = False  # the clause is a unit and a verb only ("Ba Đồn thực hiện 2.555,3 ha"): a list's item
    if abbreviation is not None and phrase.startswith("("):
        # "Tổng sản phẩm trong tỉnh (GRDP) 6 tháng …": the place cut out of the name left only its abbreviation
        return _before_phrase(text, position, paragraph_start, place_spans, paragraph_end, finder, bracketed, across_abbreviation=False)
    agent_after_place = inside and AGENT_AFTER_PLACE.match(text, inside[-1][1], position) is not None
    if inside and (PLACE_DEMONSTRATIVE.fullmatch(phrase) or agent_after_place):
        # "vốn đầu tư trên địa bàn tỉnh này …", "… trên địa bàn tỉnh do địa phương quản lý đạt": the words
        # after the place point at it or say who runs the thing; the measure is named before the place
        phrase = "" if not agent_after_place else phrase
    if inside and (not phrase or agent_after_place or _only_a_predicate(phrase)):
        # "tỷ lệ nghèo toàn xã còn 3,49%": the place ends the phrase, not opens it; so it does before a
        # predicate alone after a measure's head ("tổng thu ngân sách trên địa bàn quận thực hiện đến hết
        # ngày 12/6 là …"; not "Uỷ ban kiểm tra Đảng uỷ xã thi hành kỷ luật 01 tổ chức đảng")
        kept, cursor = [], paragraph_start + sentence_start
        lead = place_rules()["lead_before"]
        for start, end in inside:
            piece = text[cursor:start]
            found = lead.search(piece)  # "… gieo trồng toàn xã": the lead goes with the place
            kept.append(piece[:found.start()] if found else piece)
            cursor = max(cursor, end)
        before = _trimmed(" ".join(kept))
        if agent_after_place and before:
            before = f"{before} {text[inside[-1][1]:position].split(maxsplit=1)[0]} {phrase}"  # (the "do" trimmed as a lead)
        if not phrase or agent_after_place or metric_rules()["measure_head"].search(before) \
                or (before and PERCENT_AT.match(text, position, position + PERCENT_AT_CHARS) and not _names_something(phrase)
                    and _names_something(before)):
            # (a body's name before it is no measure; a noun before a share is: "GRDP Đồng Nai đóng góp 5,49%")
            phrase = before or phrase
        after_figure = _after_last_figure(phrase)
        if FIGURE_AT_END.search(phrase) or not _names_something(phrase if after_figure is None else after_figure):
            # "…, tiếp theo là xã Nhi Sơn 47,3%", "kế đến là các xã A Bung giảm 7,01%": a ranking's link and a
            # verb name nothing; the series' measure goes on (the figure before's, when its unit is the same).
            # A sum of money a unit spends is measured by what it does with it ("tỉnh Kon Tum đã đầu tư hơn 288 tỷ đồng")
            phrase = phrase if after_figure is None and not FIGURE_AT_END.search(phrase) and _money_at(text, position) else ""
            led_by_a_place = not phrase
    phrase = rules["rank_after_measure"].sub("", phrase)  # "tỷ lệ hộ nghèo cao nhất là xã …": the rank picks the place, the measure stays
    owner = _owner_with_verb().match(phrase)
    if owner and owner.end() < len(phrase):
        phrase = phrase[owner.end():]  # "Phường có dân số 102.648 người": the unit and its "có" own the measure
    else:
        phrase = _without_acting_owner(phrase)  # "Huyện xây dựng được 53 nhà": what is done, not who does it
    place_item = bool(phrase) and (_names_only_a_place(phrase) or _only_a_proper_name(phrase))
    if rules["locality"].fullmatch(phrase) or place_rules()["type_reference"].fullmatch(phrase) \
            or place_rules()["plural_subject"].fullmatch(phrase) \
            or place_rules()["office_before"].fullmatch(phrase) or rules["restating_verb"].fullmatch(phrase) \
            or rules["area_only"].fullmatch(phrase) or rules["organisation_subject"].fullmatch(phrase) or place_item:
        # "thôn Đông 95%", "Toàn huyện có 12 xã", "Bí thư Đảng ủy 10 cuộc", "Toàn Hội hiện có …": the clause names where or who,
        # not what; "…, tương đương 43.991 khẩu": only a verb restating the figure before
        phrase = ""
    if phrase:
        if any(c.isdigit() for c in phrase):
            last_digit = max(i for i, c in enumerate(phrase) if c.isdigit())
            rate = rules["rate_word"].search(phrase, last_digit)
            if rate is not None:
                named = _trimmed(phrase[rate.start():])
                if len(named.split()) > len(rate.group().split()):  # (a rate's head alone names nothing)
                    return _limited(named)  # "2/7 huyện nghèo tỷ lệ hộ nghèo đa chiều còn dưới 40%": the rate after the count
        measure = rules["measure_noun"].search(phrase) if any(c.isdigit() for c in phrase) else None
        if measure:
            return measure.group()  # "20 điểm wifi trị giá 50 triệu": "trị giá"
        phrase = without_leading_verbs(_after_last_figure(phrase) or phrase)
        adverb_of_a_verb = len(text[paragraph_start + clause_start:position].split()) > 1  # "mới đạt", not "khá 48,28%"
        if not _function_word(phrase, adverb_of_a_verb):
            if rules["rate_head"].match(phrase):  # "Tỷ lệ người cao tuổi từ 70 tuổi trở lên được bảo trợ bởi …": a rate's name may run long
                return _limited(phrase, rules["max_words_after_alone"])
            return _limited(phrase)
        # "(mới đạt 24/32 tỷ đồng)": the clause names nothing; what ended the clause before may
    boundary = text[last - 1] if last is not None and last - 1 > paragraph_start else None  # what ended the clause before
    items_label_only_if_a_measure = False  # ("hỗ trợ các huyện: Bắc Hà làm 56 tuyến; …" names none)
    if (place_item or led_by_a_place) and boundary == ";":
        # "…: Đồng Hới thực hiện 1.003,3 ha; Ba Đồn thực hiện 2.555,3 ha": the list's label names every item
        colon = text.rfind(":", max(paragraph_start, last - LIST_LABEL_REACH), last)
        if colon > paragraph_start and not SENTENCE_STOP.search(text, colon, last) and not bracket_open_at(text, colon, last):
            # (not a label outside the bracket the items stand in: "…: 717 ha lúa (Hà Giang 142 ha; Lai Châu 474 ha)")
            last, boundary, items_label_only_if_a_measure = colon + 1, ":", True
    if boundary == ":":
        # "Chỉ tiêu kinh tế: 6 chỉ tiêu", "… đề nghị: 275/298 hồ sơ": the figure is the label's value
        reach = max(paragraph_start, last - LABEL_REACH)
        label = LABEL_COLON.search(text[reach:last])
        if label and (reach == paragraph_start or label.start() > 0):  # a cut-off slice has no real start
            named = _trimmed(label.group(1))
            words = regex.search(r"\S(?:.*\S)?", label.group(1))  # the label's span without its white space
            named_start, named_end = reach + label.start(1) + words.start(), reach + label.start(1) + words.end()
            if place_rules()["plural_subject"].fullmatch(named) or any(s <= named_start and named_end <= e for s, e in place_spans):
                return None  # "kế đến là các xã: Xuân Phú (92,1%)", "(Hà Giang: 39 nhà; …)": the unit, not what is measured
            owners = OWNERS_AFTER.search(named)
            if owners and place_rules()["plural_subject"].fullmatch(owners.group("owners")):
                named = named[:owners.start()]  # "Diện tích gieo trồng của các địa phương: Đồng Hới …": the items are the owners
            if items_label_only_if_a_measure and not _headed_by_a_measure(named):
                return None
            return _limited(named)
        before = _before_phrase(text, last - 1, paragraph_start, place_spans, paragraph_end, finder)
        return None if items_label_only_if_a_measure and before and not _headed_by_a_measure(before) else before
    if boundary == ")":
        opening = text.rfind("(", paragraph_start, last - 1)
        if opening > paragraph_start and last - opening <= ASIDE_REACH:  # "tỷ lệ hộ nghèo … (theo chuẩn …) còn 3,5%": an aside
            return _before_phrase(text, opening, paragraph_start, place_spans, paragraph_end, finder)
    if boundary in CLOSING_QUOTES:
        # "ủng hộ Quỹ “Nghĩa tình đồng đội” được 1.024 triệu đồng": the quoted name ends the phrase
        opening = max(text.rfind(quote, max(paragraph_start, last - 1 - QUOTE_REACH), last - 1) for quote in OPENING_QUOTES)
        if opening > paragraph_start:
            label = _before_phrase(text, opening, paragraph_start, place_spans, paragraph_end, finder)
            quoted = " ".join(text[opening:last].split())
            return _limited(f"{label} {quoted}" if label else quoted)
    if boundary == "|":
        # a table row left as text ("3 | Tỷ lệ hộ nghèo | 2,1% |"): a value cell is named by the label
        # cell before it (not a row number nor another value)
        opening = text.rfind("|", paragraph_start, last - 1)
        cell = text[paragraph_start if opening < 0 else opening + 1:last - 1].strip()
        if cell[:1].isalpha() and (cell[0].isupper() or not any(c.isdigit() for c in cell)):
            return _limited(_trimmed(cell)) or None
        return None
    if boundary == "(" and (bracketed or not text[last:position].strip()):
        # "việc làm (15,610 tỷ)"; the figure opening a bracket of its own words: "gạo (412.354 tấn đạt 137,8% kế hoạch …)"
        label = _before_phrase(text, last - 1, paragraph_start, place_spans, paragraph_end, finder)
        if label and any(c.isdigit() for c in label):
            # "hỗ trợ chuyển đổi nghề 65 hộ (650 triệu đồng)": the count's cost (not "46 thanh niên (38 quân sự, …)": its parts)
            return _what_a_count_is_of(label) if _money_at(text, position) else None
        return label or None
    return None


OWNERS_AFTER = regex.compile(r"(?i)\s+(?:của|ở|tại)\s+(?P<owners>\S+(?:\s+\S+){1,3})$")
COUNT_AT_END = regex.compile(r"(?<![\p{L}\p{M}\d])\d[\d.,]*\s+([\p{L}\p{M}]+(?:\s+[\p{L}\p{M}]+)*)$")


def _what_a_count_is_of(label: str) -> str | None:
    """A bracket after a count holds what the count cost: it is of the count's own words when they
    say more than its noun ("13 công trình chuyển tiếp"), else of the words before the count ("hỗ
    trợ chuyển đổi nghề 65 hộ"), else of its noun; a label with other figures in it names nothing."""
    count = COUNT_AT_END.search(label)
    if count is None or any(c.isdigit() for c in label[:count.start()]) or not _a_counted_noun(count.group(1)):
        return None  # (an amount before the bracket: "… 500 tỷ đồng (tăng 6,2%)" is the restating figure's)
    counted = first_noun(" " + count.group(1))
    if counted is not None and len(count.group(1)) > counted[1]:
        return _limited(count.group(1))  # "13 công trình chuyển tiếp (hơn 14,3 tỷ đồng)": the count's own words say which
    before = _trimmed(label[:count.start()])
    return _limited(before if before and _names_something(before) else count.group(1))


ONLY_A_FIGURE = regex.compile(r"[^\p{L}\d]*\d[\d.,]*\s?(.*)")


def _only_a_measured_figure(metric: str) -> bool:
    """"77.688ha", "15 %": a figure and its unit of measure (not "05 tuyến": a count names its noun)."""
    figure = ONLY_A_FIGURE.fullmatch(metric)
    return figure is not None and (not figure.group(1) or figure.group(1).lower() in unit_table()["by_form"])


PERCENT_AT = regex.compile(r"\d[\d.,]*\s?%")
PERCENT_AT_CHARS = 24
WORD_AT = regex.compile(r"\s*([\p{L}\p{M}₫]+)")


def _money_at(text: str, position: int) -> bool:
    """Is the figure at ``position`` an amount of money ("650 triệu đồng", "1,2 tỷ đ")?"""
    number = NUMBER.match(text, position, position + 40)
    if number is None:
        return False
    magnitude = magnitude_run().match(text, number.end(), number.end() + 40)
    word = WORD_AT.match(text, magnitude.end() if magnitude else number.end(), number.end() + 60)
    return word is not None and unit_table()["by_form"].get(word.group(1).lower(), {}).get("kind") == "money"


def _a_counted_noun(words: str) -> bool:
    """Words after a number that open on no magnitude and no unit of measure ("hộ", not "tỷ đồng", "ha")."""
    first = words.split()[0].lower()
    return magnitude_run().match(words) is None and first not in unit_table()["by_form"] \
        and " ".join(words.split()[:2]).lower() not in unit_table()["by_form"]


FIGURE_AT_END = regex.compile(r"\d[\d.,]*\s*%?$")  # the words before a place are the figure before's ("… A Bung giảm 7,01% và Húc Nghì")
NAMING_TAGS = frozenset({"N", "Nc", "Np", "Nu", "Ny", "M"})  # (the tagger reads some nouns as numerals: "cây ăn quả", "ngân sách")


def _names_something(phrase: str) -> bool:
    """A noun (not a time's, "sau đó") or a measure's head is in the phrase."""
    if not phrase or metric_rules()["measure_head"].search(phrase):
        return bool(phrase)
    tags = [tag for _, tag in pos_tags(phrase)]
    return any(tag in NAMING_TAGS and tags[i + 1:i + 2] != ["P"] for i, tag in enumerate(tags))


def _names_only_a_place(phrase: str) -> bool:
    """A unit's name and a verb ("Đồng Hới thực hiện", "Cò Nòi có"): an item of a list of places
    saying whose figure it is, not what the figure measures."""
    words = phrase.split()
    if not phrase[:1].isupper() or not 2 <= len(words) <= PLACE_ITEM_WORDS:
        return False
    gazetteer = load_gazetteer()
    if not any(gazetteer.named(level, " ".join(words[:count])) for count in range(1, len(words)) for level in ("district", "commune")):
        return False  # (checked before tagging: most phrases name no unit)
    tagged = pos_tags(phrase)
    return (len(tagged) == 2 and tagged[0][1] == "Np" and tagged[1][1] == "V"
            and any(gazetteer.named(level, tagged[0][0]) for level in ("district", "commune")))


PLACE_ITEM_WORDS = 6  # a unit's name (up to four syllables) and a verb
TITLE_CASE_WORD = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]+")


def _only_a_proper_name(phrase: str) -> bool:
    """Capitalised words the tagger reads as proper names only ("Phương Liên 96%" among "Cát Linh
    97%, Láng Thượng 92%"): whose figure it is, a unit the gazetteer may not know, not what is
    measured (a measure's name is a common noun: "Tổng thu", "GRDP")."""
    words = phrase.split()
    if not 2 <= len(words) <= PLACE_ITEM_WORDS or not all(TITLE_CASE_WORD.fullmatch(word) for word in words):
        return False
    return all(tag == "Np" for _, tag in pos_tags(phrase))


PLACE_DEMONSTRATIVE = regex.compile(r"(?i)(?:này|đó|ấy|nói\s+trên)")  # "trên địa bàn tỉnh này": part of the place
AGENT_AFTER_PLACE = regex.compile(r"(?i)\s+do\s+(?=[\p{L}\p{M}])")  # "… trên địa bàn tỉnh do địa phương quản lý"


def _only_a_predicate(phrase: str) -> bool:
    """Words that open on a verb and hold no measure's head ("thực hiện", "đã triển khai"): what is
    done, not what is measured."""
    tagged = pos_tags(phrase)
    return bool(tagged) and tagged[0][1] in PREDICATE_TAGS and metric_rules()["measure_head"].search(phrase) is None


LIST_LABEL_REACH = 600  # characters back from a list item to its label's colon
SENTENCE_STOP = regex.compile(r"[.!?](?=\s)|\n")
AND_A_NAME = regex.compile(r"\s+và\s+(?=\p{Lu})")


@lru_cache(maxsize=1)
def _and_a_unit() -> "regex.Pattern[str]":
    return regex.compile(rf"\s+và\s+(?={place_rules()['type_word'].pattern}\s+\p{{Lu}})")


UNIT_NAME = r"\p{Lu}[\p{Ll}\p{M}'’-]*(?:\s+\p{Lu}[\p{Ll}\p{M}'’-]*){0,3}"  # title-cased syllables (no acronym: "NTM")


@lru_cache(maxsize=1)
def _member_names() -> "regex.Pattern[str]":
    typed = rf"(?:(?:{place_rules()['type_word'].pattern})\s+)?"
    return regex.compile(rf"\s+{typed}{UNIT_NAME}(?:\s*(?:,|và)\s*{typed}{UNIT_NAME})*(?=[\s,.;]|$)")
MEMBER_LIST_LEAD = regex.compile(r"\s+(?i:gồm|bao\s+gồm|là)(?:\s*:)?\s+.*$")


def _without_members(phrase: str, unit: str) -> str:
    """A count of units without the names of the units it counts ("xã An Lạc, An Phú, An Hòa đạt
    chuẩn …" → "xã đạt chuẩn …", "xã cũ gồm xã Lai Khê, …" → "xã cũ")."""
    phrase = MEMBER_LIST_LEAD.sub("", phrase)
    if not phrase.lower().startswith(unit.lower()):
        return phrase
    names = _member_names().match(phrase, len(unit))
    return phrase[:len(unit)] + phrase[names.end():] if names else phrase


RAISING_A_MEASURE = regex.compile(r"\s+(?i:nâng|đưa)\s+(?=(?i:tổng\s+số|tỷ\s+lệ|tỉ\s+lệ|số)(?![\p{L}\p{M}]))")


@lru_cache(maxsize=1)
def _acting_owner() -> "regex.Pattern[str]":
    """A bare unit's type or an organisation and the tense adverbs after it, opening a phrase."""
    return regex.compile(rf"(?:{place_rules()['type_reference'].pattern}|{metric_rules()['organisation_subject'].pattern})"
                         rf"(?:\s+(?:đã|đang|sẽ|cũng|còn|tiếp\s+tục|hiện))*\s+(?=[\p{{L}}\p{{M}}])")


def _without_acting_owner(phrase: str) -> str:
    """"Huyện xây dựng", "Hội đã vận động": a bare unit or an organisation before a verb acts; the
    verb says what the figure counts (not "Xã hội hóa": the type word opens a word there)."""
    owner = _acting_owner().match(phrase)
    if owner is None or owner.end() >= len(phrase):
        return phrase
    rest = phrase[owner.end():]
    head = owner.group().split()[-1]
    if is_compound_word(f"{head} {rest.split()[0]}".lower()):
        return phrase
    tagged = pos_tags(" ".join(rest.split()[:3]))
    if tagged and tagged[0][1] == "V":
        return rest
    # a short window may mistag the verb ("chi trả" read as a noun): tagged after its owner, as written
    owner_words = len(owner.group().split())
    in_context = pos_tags(" ".join(phrase.split()[:owner_words + 3]))
    syllables, index = 0, 0
    while index < len(in_context) and syllables < owner_words:
        syllables += len(in_context[index][0].split())
        index += 1
    return rest if syllables == owner_words and index < len(in_context) and in_context[index][1] == "V" else phrase


@lru_cache(maxsize=1)
def _owner_with_verb() -> "regex.Pattern[str]":
    """A bare unit's type or an organisation with "có" or "đạt" opening a phrase ("Phường có diện tích")."""
    return regex.compile(rf"(?:{place_rules()['type_reference'].pattern}|{metric_rules()['organisation_subject'].pattern})"
                         rf"\s+(?:(?:hiện|đã)\s+)?(?:có|đạt)\s+")


@lru_cache(maxsize=1)
def _at_a_named_place() -> "regex.Pattern[str]":
    """"người chết tại bản Háng Bla, xã Khao Mang": where a count is, a unit or a hamlet named after
    "tại"/"ở", is its place, no part of what it counts (not "tại các xã đặc biệt khó khăn")."""
    return regex.compile(rf"\s+(?i:tại|ở)\s+(?=(?:{place_rules()['type_word'].pattern})\s+\p{{Lu}}|{shared_patterns()['locality']})")


@lru_cache(maxsize=1)
def _state_after_a_place() -> "regex.Pattern[str]":
    """The names of a place ("thôn Đông", "thôn Nà Diệc, xã Văn Lang"), then a passive state ("bị ngập")."""
    name_word = rf"(?:{place_rules()['type_word'].pattern}|(?i:{shared_patterns()['settlement_word']})|\p{{Lu}}[\p{{L}}\p{{M}}]*|\d{{1,3}})"
    return regex.compile(rf"(?:[ \t,]*{name_word})+[ \t]+(?P<state>(?:bị|được)[ \t]+[\p{{L}}\p{{M}}]+(?:[ \t]+[\p{{L}}\p{{M}}]+)?)")


CLOSING_QUOTES = ("”", '"')
OPENING_QUOTES = ("“", '"')
QUOTE_REACH = 80  # characters of a quoted name

DIGITS_FROM_THE_END = regex.compile(r"(?r)\d+")
# where the words of the next figure begin (no decimal comma); a share right before a title-cased
# word ends a row whose line break was lost ("… = 97,6% Khu vực bỏ phiếu số 2 = …")
# "với" joins a figure and the next one's words ("25 dự án với tổng vốn 120 tỷ đồng"), not a comparison ("so với")
WITH_NEXT_FIGURE = r"(?<!(?i:so|đối|cùng)\s)với"


def _only_a_classifier(unit: str) -> bool:
    """"con", "cây", "chiếc": a counted noun that is a classifier, naming no kind of thing ("đảng viên",
    "hộ" do)."""
    tagged = pos_tags(f"5 {unit}")
    return len(tagged) == 2 and tagged[1][1] == "Nc"


MEMBER_GAP = regex.compile(r"(?:[^\S\n]+\p{Ll}[\p{Ll}\p{M}]*){0,3}[^\S\n]*(?:[,/]|với)[^\S\n]*")  # "701 hộ, 3.012 khẩu", "539 hộ/2.041 nhân khẩu", "… hộ với … khẩu"
HOLDING_GAP = regex.compile(r"(?:\s+[\p{L}\p{M}]+){0,2}?(?:\s+với(?:\s+tổng\s+(?:số\s+)?)?\s+|\s*:\s*)")  # "23 trại gà với 393.400 con"
FIGURE_JOINT = regex.compile(rf"(?!{shared_patterns()['fixed_pair_comma']}),(?!\d)|\s(?:và|hoặc|còn|{WITH_NEXT_FIGURE}|(?i:trong\s+đó|gồm(?:\s+có)?)(?:\s*:)?)\s|(?<=\d\s?%)\s+(?=\p{{Lu}}\p{{Ll}})|(?<=(?<![\d.,])0)\s+(?=\p{{Lu}}\p{{L}})")
# a cause or result clause right after a figure and its unit opens the next figure's words ("giảm 2.500 tấn
# do hạn hán kéo dài 3 tháng"); not inside a row's name ("… 20.915 Số người chết vì các bệnh dịch 31")
CAUSE_AFTER_FIGURE = regex.compile(r"[%\p{Ll}]*(?:\s+[\p{Ll}%/]+){0,3}?\s+(?:do|vì|nên|nhờ)\s")
# in the words after a figure, up to the next figure: "với" ("25 dự án với tổng vốn …"), or "và" opening the
# next figure's subject and its verb ("608 công dân và vắng là 311 công dân")
NEXT_FIGURES_WORDS = regex.compile(rf"\s(?:{WITH_NEXT_FIGURE}|và(?=\s[^,;.()]{{1,40}}?\s(?:là|đạt|chiếm)\s*$)|và(?=(?:\s+[\p{{L}}\p{{M}}]+){{1,3}}\s*$))\s")


@lru_cache(maxsize=1)
def _restating_before_next() -> "regex.Pattern[str]":
    return regex.compile(rf"(?i)\s(?:{shared_patterns()['restating_verb']}){ABOUT_AFTER}\s*$")


def _next_figure_at(text: str, stop, paragraph_end: int) -> bool:
    """Does the stop after a figure's words open the next figure ("… 120", "…: 69,397")?"""
    if stop is None:
        return False
    if stop.group()[:1].isdigit():
        return True
    return stop.group() == ":" and text[stop.end():min(paragraph_end, stop.end() + 3)].lstrip()[:1].isdigit()


def _after_last_figure(phrase: str) -> str | None:
    """"… đạt 40 triệu m2 và diện tích nhà ở bình quân đầu người": the words after the joint that
    follows the last figure of the clause name the next one; a number with no joint after it is part
    of the name ("Khu vực bỏ phiếu số 2"), so the figure before it is tried."""
    for digits in DIGITS_FROM_THE_END.finditer(phrase):
        joint = FIGURE_JOINT.search(phrase, digits.end()) or CAUSE_AFTER_FIGURE.match(phrase, digits.end())
        if joint:
            return _trimmed(phrase[joint.end():])
        percent = PERCENT_AFTER_DIGITS.match(phrase, digits.end())
        if percent and CHANGE_BEFORE_DIGITS.search(phrase, 0, digits.start()) and _names_a_measure(phrase[percent.end():]):
            # "…, tăng 11,06% kim ngạch nhập khẩu ước đạt …": a comma left out between a change and the next
            # measure (a change's percentage names no whole after it, as "chiếm 13% tổng số …" does)
            return _trimmed(phrase[percent.end():])
    return None


PERCENT_AFTER_DIGITS = regex.compile(r"\s?%\s+")
CHANGE_BEFORE_DIGITS = regex.compile(r"(?<![\p{L}\p{M}])(?i:tăng|giảm)(?:\s+(?i:gần|hơn|trên|khoảng))?\s+[\d.,]*$")


LABEL_REACH = 120  # characters before a colon read for its label (labels are at most 60)


def names_only_a_time(phrase: str) -> bool:
    """The phrase holds a time or a period and nothing else but linking words ("giai đoạn 2026 -
    2030", "đến năm 2025 và"): it names no measure."""
    rules = metric_rules()
    if not (rules["time"].search(phrase) or rules["period"].search(phrase)):
        return False
    return not _trimmed(phrase)


# a standard's period and a price basis's year are part of their names: "theo chuẩn nghèo đa chiều
# giai đoạn 2021-2025", "(giá so sánh năm 2010)"
STANDARD_BEFORE = regex.compile(r"(?i)(?<![\p{L}\p{M}])chuẩn(?:\s+[\p{L}\p{M}]+){0,4}[\s,]*$")
PERIOD_OPENING = regex.compile(r"(?i)\s*(?:giai\s+đoạn|thời\s+kỳ)")


def without_times(phrase: str) -> str:
    """``phrase`` without its years, dates and periods ("đến năm 2030", "giai đoạn 2026 - 2030"),
    but for a standard's period and a price basis's year."""
    rules = metric_rules()
    if "chuẩn" not in phrase and "giá" not in phrase:
        return rules["time"].sub(" ", phrase)  # (nothing to keep: one pass)

    def kept(found) -> bool:
        before = phrase[:found.start()]
        return bool((STANDARD_BEFORE.search(before) and PERIOD_OPENING.match(found.group())) or rules["price_basis_before"].search(before))

    return rules["time"].sub(lambda found: found.group() if kept(found) else " ", phrase)


DECIDING_SUBJECT_WORDS = 4  # "Ban Chấp hành Đảng bộ", "Đạ Tẻh"


def _decided_measure(phrase: str, aim) -> bool:
    """A measure the catalogue knows, a noun phrase, after a verb that sets or decides an aim
    ("phấn đấu thu nhập bình quân …"; not after "với" or a verb it completes: "so với GRDP", "nâng cao giá trị …")."""
    if aim.group().strip().lower() in ("với", "nâng", "đưa") or len(phrase[:aim.start()].split()) > DECIDING_SUBJECT_WORDS \
            or classify(phrase[aim.end():]) is None:
        return False  # (a long phrase before the verb is no subject that decides: "chỉ tiêu trên các lĩnh vực trong đó phấn đấu …")
    return pos_tags(phrase[aim.end():])[0][1] == "N"


def _trimmed(phrase: str, periods: bool = True) -> str:
    """``phrase`` without times, bullets, and leading or trailing linking words; "" when no word is
    left. ``periods``: also without the period and price basis a figure is stated for ("đến cuối
    nhiệm kỳ", "6 tháng đầu năm", "theo giá so sánh năm 2010", "bình quân 5 năm"), which name no
    measure before a figure (after a counted noun they may say what is counted: "… sẽ đạt vào cuối
    nhiệm kỳ")."""
    rules = metric_rules()
    phrase = rules["legal_reference"].sub("", rules["caption_tail"].sub("", without_times(phrase)))
    if periods:
        phrase = rules["period"].sub(" ", phrase)
    phrase = rules["item_label"].sub("", " ".join(phrase.split()).lstrip("-–—+*•·,; ")).rstrip("=≥≤<>:…., -–—/")
    aims = list(rules["before_measure_head"].finditer(phrase))
    if aims and (rules["measure_head"].match(phrase, aims[-1].end()) or _decided_measure(phrase, aims[-1])):
        # "phường phấn đấu tỷ lệ hồ sơ …", "… đầy đủ với tỉ lệ …", "Đảng bộ phấn đấu thu nhập bình quân đầu người …",
        # "Đại hội xác định tỷ lệ che phủ rừng …": the words before name nothing measured
        phrase = phrase[aims[-1].end():]
    previous = None
    while phrase != previous:
        previous = phrase
        trailing = rules["trailing"].search(phrase)
        if trailing and " " in trailing.group().strip() and _closes_a_compound(phrase, trailing):
            # "chứng chỉ đạt": the longest linker ("chỉ đạt") closes a word; a shorter one ("đạt") may not
            first_word_end = trailing.end() - len(trailing.group().lstrip()) + len(trailing.group().split()[0])
            trailing = rules["trailing"].search(phrase, first_word_end) or trailing
        negation = rules["negated"].search(phrase, 0, trailing.start()) if trailing else None
        if trailing and not _closes_a_compound(phrase, trailing) and not rules["kept_ending"].search(phrase) \
                and not _modifies_the_noun_before(phrase, trailing) \
                and not (negation and _counts_aims(phrase[:negation.start()])):  # "chỉ tiêu không đạt": the status stays whole
            # ("Doanh thu du lịch không đạt 70%": the negated linker goes with its negator)
            phrase = phrase[:negation.start() if negation else trailing.start()].strip().rstrip(", ")  # "…, bao gồm": no comma left at the end
        phrase = rules["leading"].sub("", phrase).strip()
    return phrase if any(c.isalpha() for c in phrase) else ""


def _modifies_the_noun_before(phrase: str, trailing) -> bool:
    """"Thu nhập bình quân", "hộ xây mới": a modifier or an action the linkers list that follows a
    noun is part of the measure's name ("thu ngân sách tăng bình quân": after a verb it qualifies
    the change and goes)."""
    linker = " ".join(trailing.group().split()).lower()
    action = linker in metric_rules()["actions_after_noun"]
    if not action and linker not in metric_rules()["modifiers_after_noun"]:
        return False
    words = phrase[:trailing.start()].split()
    if not words:
        return False
    tagged = pos_tags(" ".join(words[-3:]))
    if not tagged or tagged[-1][1] not in NOUN_TAGS:
        return False
    # an action after a name or a unit's type is the clause's verb: "Hợp tác xã Thành Công thu hút", "thành phố thu hút"
    return not action or (tagged[-1][1] != "Np" and not place_rules()["type_word"].fullmatch(tagged[-1][0]))


FUNCTION_TAGS = frozenset({"E", "L", "C", "CC", "T"})  # prepositions, determiners, conjunctions, particles


COUNT_DETERMINER = regex.compile(r"(?i)(?:các|những)\s+")


def _counts_aims(words: str) -> bool:
    """Words naming things that meet a status or not ("chỉ tiêu", "chỉ tiêu về phát triển đảng viên",
    "Số hộ"): a negated status after them says which are counted ("chỉ tiêu không đạt"), not what a
    figure measures."""
    words = " ".join(words.split()).lower()
    head = words[COUNT_DETERMINER.match(words).end():] if COUNT_DETERMINER.match(words) else words
    aims = goal_rules()["aim_counts"]
    return metric_rules()["count_head"].match(words) is not None or any(words.endswith(noun) or head.startswith(f"{noun} ") for noun in aims)


def _function_word(phrase: str, adverb_of_a_verb: bool) -> bool:
    """"mới đạt 24/32 tỷ đồng", "đều đạt 100%", "trong 12 tháng": one syllable that is no content word
    names no measure (nouns, verbs and adjectives may: "Thu", "nữ"; a rating before its share may
    be tagged an adverb: "khá 48,28%", so an adverb counts only before the verb trimmed off)."""
    if " " in phrase or not phrase.isalpha():
        return False
    tagged = pos_tags(phrase.lower())
    return len(tagged) == 1 and (tagged[0][1] in FUNCTION_TAGS or (adverb_of_a_verb and tagged[0][1] == "R"))


LEADING_VERB_WORDS = 3  # words of verbs before a measure's head ("tập trung nâng cao tỷ lệ …")


PURPOSE = regex.compile(r"(?<![\p{L}\p{M}])(?i:để|nhằm)\s+")


def without_leading_verbs(phrase: str) -> str:
    """"giảm tỷ lệ hộ nghèo", "Thực hiện tổng diện tích gieo trồng":
    a verb phrase before a measure's head says what is done with the measure,
    the noun phrase from the head names it. Decided by POS: "Tốc độ tăng tổng thu" opens with a noun
    and stays whole."""
    head = metric_rules()["measure_head"].search(phrase)
    if head is None or head.start() == 0:
        return phrase
    words = phrase[:head.start()].split()
    if len(words) > LEADING_VERB_WORDS or GROWTH_IN_GAP.fullmatch(" ".join(words)):
        return phrase  # ("tăng trưởng tổng giá trị sản phẩm": the growth is what is measured)
    tagged = pos_tags(" ".join(phrase.split()[:len(words) + 2]))
    seen, verbs = 0, 0
    for word, tag in tagged:
        if seen >= len(words):
            break
        if tag not in PREDICATE_TAGS and not (verbs and tag in ("L", "A")):  # a verb and its adverbs ("giữ vững", "tiếp tục nâng"),
            return phrase  # a determiner or a complement after the verb ("Nhập toàn bộ diện tích tự nhiên", "nâng cao tỷ lệ …")
        verbs += tag == "V"
        seen += len(word.split())
    return phrase[head.start():] if seen == len(words) and verbs else phrase


SPATIAL_LINKERS = frozenset({"trên", "dưới"})  # ("cấp trên", "cấp dưới": words of their own, no bound)


def _closes_a_compound(phrase: str, trailing) -> bool:
    """"diện tích gieo trồng", "cây trồng": the trailing linker closes a word begun before it (a
    linking verb or function word never does: "dân số là", "địa bàn đạt")."""
    linker = trailing.group().strip().lower()
    start = trailing.end() - len(trailing.group().lstrip())
    if linker in metric_rules()["function_linkers"]:
        # only when the segmenter reads the pair as one word too: "mặt bằng", "cân bằng" (not "dân số là");
        # the dictionary is asked first, the segmenter only then
        if not ends_a_compound(phrase, start, linker):
            return False
        words = phrase[:trailing.end()].lower().split()
        if linker in SPATIAL_LINKERS and is_common_word(" ".join(words[-2:])) \
                and not (len(words) > 2 and is_common_word(" ".join(words[-3:-1]))):
            # "đại hội cấp trên": a word the dictionary holds though the segmenter splits it (not "trợ cấp trên
            # 73 triệu": the "cấp" closes the word before it, the "trên" bounds the figure)
            return True
        last = word_tokens(" ".join(phrase[:trailing.end()].split()[-3:]))
        return bool(last) and " " in last[-1] and last[-1].lower().endswith(f" {linker}") and last[-1].lower() != f"{linker} {linker}"  # (not "là là")
    return ends_a_compound(phrase, start, linker.split()[0])


def _limited(phrase: str, max_words: int | None = None) -> str | None:
    words = phrase.split()
    if not words or len(words) > (max_words or metric_rules()["max_words"]):
        return None
    return " ".join(words)


MEASURE_REACH = 120  # characters before a figure where its measure's words are looked for


def change_before_measure(text: str, quantity: Quantity, start: int) -> None:
    """A change verb right before the figure's measure makes the figure the change's amount
    ("giảm tỷ lệ hộ nghèo 5%", "tăng thu ngân sách 12%"); not a verb the measure's first word
    makes a word with ("tăng trưởng", "tăng cường", "giảm nghèo")."""
    if quantity.change is not None or not quantity.metric:
        return
    at = text.rfind(quantity.metric, max(start, quantity.start - MEASURE_REACH), quantity.start)
    rules = context_rules()
    gap = rules["change_gap"].fullmatch(text, at + len(quantity.metric), quantity.start) if at >= 0 else None
    if gap is None:
        return  # ("tăng tỷ lệ … lên 70%": the level it is raised to)
    if gap.group().rstrip().lower().endswith("từ") and rules["change_unless_after"].match(text, quantity.end, quantity.end + AFTER_WINDOW + 20):
        return  # "giảm tỷ trọng … từ 33,1% năm 2016 xuống 26,9%": a move between two levels
    if _change_verb_in_metric(quantity):
        return
    for pattern, change in rules["changes_before_measure"]:
        verb = pattern.search(text, max(start, at - 20), at)
        first = quantity.metric.split()[0]
        if verb is not None and not reads_as_one_word(verb.group(1), first, text[max(start, verb.start() - 20):at + len(first)]):
            quantity.change = change
            return


CHANGE_IN_BRACKETS = regex.compile(r"\s*\(\s*(?:(?i:tương\s+(?:ứng|đương))\s*)?\+?\s*")  # "giảm 01 vụ (- 100%)", "tăng 2 vụ (+ 28,6%)"


def changes_restated_in_brackets(text: str, found: list[tuple[Quantity, object]]) -> None:
    """A share in brackets right after a change restates that change: it is a change too, in its
    direction ("tăng 2 vụ (+ 28,6%)", "giảm 19 đối tượng (-14,3%)")."""
    for (previous, _), (quantity, _) in zip(found, found[1:]):
        if quantity.change is None and previous.change is not None and quantity.unit == "%" and previous.unit != "%" \
                and CHANGE_IN_BRACKETS.fullmatch(text, previous.end, quantity.start):
            quantity.change = previous.change


NUMBER_AFTER_MEASURE = "5"


def _change_verb_in_metric(quantity: Quantity) -> bool:
    """"tăng thu nhập bình quân 5%", "giảm số vụ tai nạn 10%", "phấn đấu tăng thu ngân sách 12%":
    a metric opening with a change verb the segmenter reads as a word of its own, before a noun or
    a verb naming a flow, right before the figure: the figure is the change of the measure after
    the verb, which becomes the metric. Not "tăng trưởng", "tăng cường" (one word), "giảm nghèo
    bền vững", "giảm bớt thủ tục" (no measure follows) nor a catalogue wording that holds the
    verb ("tăng dân số tự nhiên 1,1%": a rate's level)."""
    changed = metric_rules()["leading"].sub("", quantity.metric)  # (a leading word left before it: "xã phấn đấu tăng thu …")
    opening = " ".join(changed.split()[:4])
    # lower case and a number after, as in its sentence: the tagger reads a short phrase's capital as a numeral
    tagged = pos_tags(f"{opening[:1].lower()}{opening[1:]} {NUMBER_AFTER_MEASURE}")
    rules = context_rules()
    if len(tagged) < 3 or tagged[0][1] != "V" or not rules["change_verb"].fullmatch(tagged[0][0]):
        return False
    word, tag = tagged[1]
    if tag not in NOUN_TAGS and word.lower() not in metric_rules()["verbal_measures"]:
        return False
    named = classify(changed, quantity.unit)
    if named is not None and words_of(named.wording).split()[0] == words_of(tagged[0][0]).strip():
        return False  # the catalogue names the measure with its verb
    quantity.change = next(change for pattern, change in rules["changes_before_measure"] if pattern.search(f"{tagged[0][0]} "))
    quantity.metric = changed.split(maxsplit=1)[1]
    return True
