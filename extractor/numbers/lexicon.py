"""The numeral lexicon: ``numerals.json`` read once into frozen, typed tables.

All word lists live in the data file so the rules can be read and changed without
touching the grammar; this module only checks the file's shape and indexes it.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

_TOP_KEYS = {"about", "words", "slots", "not_numeral_before", "running_text", "money"}
_MONEY_KEYS = {"note", "currency_markers", "currency_markers_in_front", "magnitude_abbreviations"}
_WORD_KEYS = {"id", "forms", "kind", "value", "note", "running_text"}
_KINDS = {"digit", "ten", "tens", "hundred", "magnitude", "half", "connector", "point", "sign"}
_SLOT_KEYS = {"ids", "running_text_ids", "note"}
_RUNNING_TEXT_KEYS = {
    "standalone",
    "ordinal_markers_before",
    "not_numeral_after",
    "name_nouns_after",
    "label_words_after",
    "number_context_before",
    "counted_nouns",
    "approximate_pair_before",
    "fraction_words_after",
    "join_across_comma",
}


@lru_cache(maxsize=65536)  # a report repeats few distinct words; folding each again is the scan's main cost
def fold_word(word: str) -> str:
    """The lookup form of a word: NFC, lower case (diacritics are kept: năm ≠ nam)."""
    return unicodedata.normalize("NFC", word).lower()


@dataclass(frozen=True)
class NumeralWord:
    id: str
    kind: str
    value: Decimal | None
    allowed_in_running_text: bool


@dataclass(frozen=True)
class RunningTextRules:
    free_alone: frozenset[str]
    alone_with_context: frozenset[str]
    ordinal_markers_before: frozenset[str]
    not_numeral_after: Mapping[str, frozenset[str]]  # word id -> words before it that make a compound
    name_nouns_after: frozenset[str]
    label_words_after: frozenset[str]
    number_context_before: frozenset[str]
    counted_nouns: frozenset[str]
    approximate_pair_before: frozenset[str]
    fraction_words_after: frozenset[str]
    fraction_exceptions: frozenset[str]
    join_across_comma: bool


@dataclass(frozen=True)
class MoneyRules:
    currency_markers: tuple[str, ...]  # longest first, so "vnđ" is tried before "đ"
    currency_markers_in_front: tuple[str, ...]
    magnitude_abbreviations: Mapping[str, NumeralWord]  # "k" -> nghìn, "tr" -> triệu


@dataclass(frozen=True)
class Lexicon:
    by_form: Mapping[str, NumeralWord]
    slots: Mapping[str, frozenset[str]]
    running_text_slots: Mapping[str, frozenset[str]]
    not_numeral_before: Mapping[str, frozenset[str]]
    running_text: RunningTextRules
    money: MoneyRules

    def slot(self, name: str, colloquial: bool) -> frozenset[str]:
        """Word ids allowed in a slot; prose (``colloquial=False``) may narrow it."""
        if not colloquial and name in self.running_text_slots:
            return self.running_text_slots[name]
        return self.slots[name]


def _check_keys(found, allowed: set[str], where: str) -> None:
    unknown = set(found) - allowed
    if unknown:
        raise ValueError(f"numerals.json: unknown keys {sorted(unknown)} in {where}")


def _words(rows: list[dict]) -> tuple[dict[str, NumeralWord], set[str]]:
    by_form: dict[str, NumeralWord] = {}
    ids: set[str] = set()
    for row in rows:
        _check_keys(row, _WORD_KEYS, f"word {row.get('id')!r}")
        if row["id"] in ids or row["kind"] not in _KINDS:
            raise ValueError(f"numerals.json: duplicate id or bad kind in {row!r}")
        ids.add(row["id"])
        value = Decimal(str(row["value"])) if "value" in row else None
        word = NumeralWord(row["id"], row["kind"], value, row.get("running_text", True))
        for form in row["forms"]:
            by_form[fold_word(form)] = word
    return by_form, ids


def _id_set(ids: list[str], known: set[str], where: str) -> frozenset[str]:
    missing = set(ids) - known
    if missing:
        raise ValueError(f"numerals.json: unknown word ids {sorted(missing)} in {where}")
    return frozenset(ids)


def _word_set(section: dict, where: str, key: str = "words", extra_keys: frozenset[str] = frozenset()) -> frozenset[str]:
    _check_keys(section, {"note", "words"} | extra_keys, where)
    return frozenset(fold_word(w) for w in section.get(key, []))


def _words_by_id(section: dict, known: set[str], where: str) -> Mapping[str, frozenset[str]]:
    _check_keys(section, {"note", "by_id"}, where)
    _id_set(list(section["by_id"]), known, where)
    return MappingProxyType({word_id: frozenset(fold_word(w) for w in words) for word_id, words in section["by_id"].items()})


def _running_text(section: dict, known: set[str]) -> RunningTextRules:
    _check_keys(section, _RUNNING_TEXT_KEYS, "running_text")
    standalone = section["standalone"]
    _check_keys(standalone, {"note", "free", "needs_context"}, "running_text.standalone")
    fractions = section["fraction_words_after"]
    fraction_keys = frozenset({"except_next"})
    _check_keys(section["join_across_comma"], {"note", "enabled"}, "join_across_comma")
    return RunningTextRules(
        free_alone=_id_set(standalone["free"], known, "standalone.free"),
        alone_with_context=_id_set(standalone["needs_context"], known, "standalone.needs_context"),
        ordinal_markers_before=_word_set(section["ordinal_markers_before"], "ordinal_markers_before"),
        not_numeral_after=_words_by_id(section["not_numeral_after"], known, "not_numeral_after"),
        name_nouns_after=_word_set(section["name_nouns_after"], "name_nouns_after"),
        label_words_after=_word_set(section["label_words_after"], "label_words_after"),
        number_context_before=_word_set(section["number_context_before"], "number_context_before"),
        counted_nouns=_word_set(section["counted_nouns"], "counted_nouns"),
        approximate_pair_before=_word_set(section["approximate_pair_before"], "approximate_pair_before"),
        fraction_words_after=_word_set(fractions, "fraction_words_after", extra_keys=fraction_keys),
        fraction_exceptions=_word_set(fractions, "fraction_words_after", "except_next", fraction_keys),
        join_across_comma=bool(section["join_across_comma"]["enabled"]),
    )


def _money(section: dict, by_form: dict[str, NumeralWord]) -> MoneyRules:
    _check_keys(section, _MONEY_KEYS, "money")
    by_id = {word.id: word for word in by_form.values()}
    abbreviations = {}
    for short, word_id in section["magnitude_abbreviations"].items():
        if by_id.get(word_id) is None or by_id[word_id].kind != "magnitude":
            raise ValueError(f"numerals.json: money abbreviation {short!r} needs a magnitude id, not {word_id!r}")
        abbreviations[fold_word(short)] = by_id[word_id]

    def longest_first(markers: list[str]) -> tuple[str, ...]:
        return tuple(sorted((fold_word(m) for m in markers), key=len, reverse=True))

    return MoneyRules(
        currency_markers=longest_first(section["currency_markers"]),
        currency_markers_in_front=longest_first(section["currency_markers_in_front"]),
        magnitude_abbreviations=MappingProxyType(abbreviations),
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The parsed ``numerals.json`` (read on first use, then shared; immutable)."""
    text = resources.files("extractor.numbers").joinpath("numerals.json").read_text(encoding="utf-8")
    data = json.loads(text)
    _check_keys(data, _TOP_KEYS, "the top level")
    by_form, ids = _words(data["words"])

    slots, running_slots = {}, {}
    for name, slot in data["slots"].items():
        _check_keys(slot, _SLOT_KEYS, f"slot {name!r}")
        slots[name] = _id_set(slot["ids"], ids, f"slot {name!r}")
        if "running_text_ids" in slot:
            running_slots[name] = _id_set(slot["running_text_ids"], ids, f"slot {name!r}")

    return Lexicon(
        by_form=MappingProxyType(by_form),
        slots=MappingProxyType(slots),
        running_text_slots=MappingProxyType(running_slots),
        not_numeral_before=_words_by_id(data["not_numeral_before"], ids, "not_numeral_before"),
        running_text=_running_text(data["running_text"], ids),
        money=_money(data["money"], by_form),
    )
