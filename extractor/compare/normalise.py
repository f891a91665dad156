"""Metric names → matching keys, and the similarity and unit rules of `extractor compare` (rules.json)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex
from extractor.rules import load_rules as read_rules_file
from extractor.syllables import spell

NOT_WORD = regex.compile(r"[^\p{L}\p{N}]+")


@dataclass(frozen=True)
class Rules:
    version: int
    threshold: float
    quantity_min_tokens: int
    replacements: tuple[tuple[regex.Pattern, str], ...]  # abbreviations then synonyms, in order
    drop_patterns: tuple[regex.Pattern, ...]
    drop_leading: tuple[regex.Pattern, ...]
    drop_anywhere: tuple[regex.Pattern, ...]
    unit_group: dict[str, str]  # unit → name of its compatibility group


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    data = read_rules_file("extractor.compare", "rules.json")
    replacements = [(_phrase(rule["from"]), rule["to"]) for rule in data["abbreviations"]]
    replacements += [(_phrase(source), rule["to"]) for rule in data["synonyms"] for source in rule["from"]]
    return Rules(
        version=data["version"],
        threshold=float(data["threshold"]),
        quantity_min_tokens=int(data["quantity_min_tokens"]),
        replacements=tuple((pattern, spell(target)) for pattern, target in replacements),
        drop_patterns=tuple(regex.compile(rule["pattern"]) for rule in data["drop_patterns"]),
        drop_leading=tuple(regex.compile(rf"^\s*{_words(rule['phrase'])}(?![\p{{L}}\p{{M}}\p{{N}}])") for rule in data["drop_leading"]),
        drop_anywhere=tuple(_phrase(rule["phrase"]) for rule in data["drop_anywhere"]),
        unit_group={unit: group["id"] for group in data["unit_groups"] for unit in group["units"]},
    )


def fold(text: str) -> str:
    """Accent- and case-insensitive form: no diacritics, đ → d, punctuation to spaces."""
    decomposed = unicodedata.normalize("NFD", spell(text).replace("đ", "d"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(NOT_WORD.sub(" ", bare).split())


@lru_cache(maxsize=65536)  # a dataset repeats the same metric names many times
def metric_key(metric: str | None) -> str:
    """The matching key of a metric name ("Tỷ lệ lao động đã qua đào tạo" → "lao dong qua dao tao")."""
    if not metric:
        return ""
    rules = load_rules()
    text = " " + " ".join(NOT_WORD.sub(" ", spell(metric)).split()) + " "
    for pattern, target in rules.replacements:
        text = pattern.sub(target, text)
    for pattern in rules.drop_patterns:
        text = pattern.sub(" ", text)
    text = " ".join(text.split())
    changed = True
    while changed:
        stripped = text
        for pattern in rules.drop_leading:
            stripped = pattern.sub("", stripped, count=1).strip()
        changed, text = stripped != text, stripped
    for pattern in rules.drop_anywhere:
        text = pattern.sub(" ", text)
    return fold(text)


def similarity(left: str, right: str) -> float:
    """Dice coefficient of the two keys' syllable sets, 0-100: tolerant of word order and repetition, but one
    different syllable weighs a whole word (character-level fuzzy scores call "hộ nghèo" and "hộ cận nghèo" 90)."""
    return token_similarity(set(left.split()), set(right.split()))


def token_similarity(left: set[str], right: set[str]) -> float:
    if not left or not right:
        return 0.0
    return 200.0 * len(left & right) / (len(left) + len(right))


def unit_class(unit: str | None) -> str:
    """Units align only within one class: the unit itself unless rules.json groups it."""
    if not unit:
        return ""
    unit = spell(unit)
    return load_rules().unit_group.get(unit, unit)


def _words(phrase: str) -> str:
    return r"\s+".join(regex.escape(word) for word in NOT_WORD.sub(" ", spell(phrase)).split())


def _phrase(phrase: str) -> regex.Pattern:
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}\p{{N}}]){_words(phrase)}(?![\p{{L}}\p{{M}}\p{{N}}])")
