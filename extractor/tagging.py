"""underthesea's part-of-speech tags for short windows of text, cached (windows repeat).

``underthesea.pos_tag`` builds each token's CRF features in Python, re-splitting the whole
sentence into columns for every one of its 22 feature templates — quadratic in the sentence and
most of the tagger's cost. :class:`FastPosTagger` compiles the same templates once and builds
the same feature strings in one linear pass, then asks underthesea's own CRF model for the tags:
the tags are underthesea's (``tests/test_tagging.py`` compares them on every corpus sentence).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import regex

_TEMPLATE = regex.compile(r"T\[(?P<first>-?\d+)(?:,(?P<last>-?\d+))?\](?:\[(?P<column>.*)\])?(?:\.(?P<function>.*))?")


def _istitle(word: str) -> bool:
    # underthesea's text_istitle: every space-separated part starts with a title-case letter
    parts = word.split(" ")
    return bool(word) and all(part and part[0].istitle() for part in parts)


_FUNCTIONS: dict[str, Callable[[str], str]] = {
    "lower": str.lower,
    "istitle": lambda word: str(_istitle(word)),
    "isdigit": lambda word: str(word.isdigit()),
}


@dataclass(frozen=True)
class _Feature:
    prefix: str
    first: int
    last: int | None
    column: int
    function: Callable[[str], str] | None


def compile_template(template: list[str]) -> tuple[_Feature, ...]:
    """underthesea's token syntax (``T[-1,0][1].lower``) as offsets, column and function."""
    features = []
    for syntax in template:
        parsed = _TEMPLATE.fullmatch(syntax)
        if parsed is None or (parsed["function"] and parsed["function"] not in _FUNCTIONS):
            raise ValueError(f"unknown feature template {syntax!r}")
        features.append(_Feature(
            f"{syntax}=", int(parsed["first"]), int(parsed["last"]) if parsed["last"] else None,
            int(parsed["column"]) if parsed["column"] else 0,
            _FUNCTIONS[parsed["function"]] if parsed["function"] else None))
    return tuple(features)


def token_features(features: tuple[_Feature, ...], words: list[str]) -> list[list[str]]:
    """Each word's feature strings, as underthesea's ``word2features`` writes them (the tag
    column is the placeholder ``X`` underthesea tags with)."""
    columns = (words, ["X"] * len(words))
    count = len(words)
    rows = []
    for i in range(count):
        row = []
        for feature in features:
            first = i + feature.first
            if first < 0:
                row.append(feature.prefix + "BOS")
                continue
            if first >= count:
                row.append(feature.prefix + "EOS")
                continue
            if feature.last is None:
                value = columns[feature.column][first]
            elif i + feature.last >= count:
                row.append(feature.prefix + "EOS")
                continue
            else:
                value = " ".join(columns[feature.column][first:i + feature.last + 1])
            row.append(feature.prefix + (feature.function(value) if feature.function else value))
        rows.append(row)
    return rows


class FastPosTagger:
    """underthesea's CRF part-of-speech model with linear feature building."""

    def __init__(self) -> None:
        from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

        predictor = CRFPOSTagPredictor.Instance()
        self.model = predictor.model
        self.features = compile_template(list(predictor.transformer.template))

    def __call__(self, window: str) -> list[tuple[str, str]]:
        words = list(word_tokens(window))  # the windows tokenized for other checks are not tokenized again
        if not words:
            return []
        return list(zip(words, self.model.tag(token_features(self.features, words))))


@lru_cache(maxsize=1)
def pos_tagger() -> Callable[[str], list[tuple[str, str]]]:
    """The fast tagger, or ``underthesea.pos_tag`` itself where its CRF internals moved."""
    try:
        return FastPosTagger()
    except (ImportError, AttributeError, ValueError):
        from underthesea import pos_tag

        return pos_tag


@lru_cache(maxsize=4096)
def word_tokens(window: str) -> tuple[str, ...]:
    """underthesea's words, as ``pos_tag`` tokenizes before tagging."""
    from underthesea import word_tokenize

    return tuple(word_tokenize(window))


@lru_cache(maxsize=4096)
def pos_tags(window: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(pair) for pair in pos_tagger()(window))


def forget_windows() -> None:
    """Empty the caches of tokenized and tagged windows (a benchmark's cold start)."""
    word_tokens.cache_clear()
    pos_tags.cache_clear()
