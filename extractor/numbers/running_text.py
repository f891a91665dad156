"""Finding spelled-out numbers in prose: "sáp nhập ba đơn vị", "Mười ba tỷ, năm trăm linh ba triệu đồng".

Numeral words double as ordinary words ("năm" = year, "tư" in "đầu tư", "một" = "a",
"không" = "not", "Ba Đình"), so prose uses the strict grammar (no spoken shortcuts) and a
number of one word must pass the checks below. The word lists are in ``numerals.json``
under ``running_text``.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

import regex

from extractor.numbers.digits import to_number
from extractor.numbers.lexicon import RunningTextRules, fold_word, lexicon
from extractor.numbers.spelled import read_spelled
from extractor.rules import word_trie

# Words are letters with their combining marks (input may be NFD); digits and every other
# non-space character are tokens of their own, so two word tokens in a row have only white
# space (line breaks included: reports break lines mid-sentence) between them.
_TOKEN = regex.compile(r"(?P<word>[\p{L}\p{M}]+)|(?P<digits>[0-9]+)|(?P<other>\S)")
_JOINING_PUNCTUATION = {",", "-", "\u2013", "/"}  # may stand between a numeral and "năm người"
_PER_SLASH = "/"


class _Token(NamedTuple):  # a tuple, not a dataclass: a paragraph makes thousands of them
    start: int
    end: int
    text: str
    folded: str
    is_word: bool


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        tokens.append(_Token(match.start(), match.end(), word, fold_word(word), match.lastgroup == "word"))
    return tokens


class _Finder:
    def __init__(self, text: str):
        self.text = text
        self.tokens = _tokens(text)
        self.rules: RunningTextRules = lexicon().running_text
        self.numerals = lexicon().by_form

    # -- neighbourhood

    def word_before(self, i: int) -> _Token | None:
        """The word right before token i in the same clause."""
        if i > 0 and self.tokens[i - 1].is_word:
            return self.tokens[i - 1]
        return None

    def word_after(self, last: int) -> _Token | None:
        """The word right after token ``last`` in the same clause."""
        if last + 1 < len(self.tokens) and self.tokens[last + 1].is_word:
            return self.tokens[last + 1]
        return None

    def chain(self, i: int) -> list[str]:
        """Folded numeral words from token i on, plus the word after them (it can veto the last: "tỷ lệ")."""
        words = []
        for k in range(i, len(self.tokens)):
            if not self.tokens[k].is_word:
                break
            words.append(self.tokens[k].folded)
            if self.tokens[k].folded not in self.numerals:
                break
        return words

    def is_numeral(self, token: _Token | None) -> bool:
        return token is not None and token.folded in self.numerals

    def number_like_before(self, i: int) -> bool:
        """A quantity word right before token i ("khoảng năm"), or a number across a comma or dash ("bốn, năm").

        A number right before "năm" makes it the noun "years" (50 năm), so that one does not count.
        """
        before = self.word_before(i)
        if before is not None:
            return before.folded in self.rules.number_context_before
        k = i - 1
        if k < 1 or self.tokens[k].text not in _JOINING_PUNCTUATION:
            return False
        previous = self.tokens[k - 1]
        return previous.text.isdigit() or self.is_numeral(previous)

    # -- the checks

    def looks_like_name(self, i: int, last: int) -> bool:
        """"Ba Đình", "Hai Bà Trưng", "Út Mười": a capitalised numeral next to a capitalised word."""
        if not self.tokens[i].text.istitle():
            return False
        after, before = self.word_after(last), self.word_before(i)
        return any(t is not None and t.text.istitle() and not self.is_numeral(t) for t in (after, before))

    def is_ordinal_or_label(self, i: int, last: int) -> bool:
        before, after = self.word_before(i), self.word_after(last)
        if before is not None and before.folded in self.rules.ordinal_markers_before:
            return True  # thứ hai, tháng ba, xóm Năm
        if after is not None and after.folded in self.rules.name_nouns_after:
            return True  # chính quyền hai cấp
        return after is not None and after.folded in self.rules.label_words_after  # "Hai là, ..."

    def is_compound_tail(self, i: int) -> bool:
        """"ngã ba", "đầu tư", "hằng năm": the numeral word is the second half of another word."""
        before = self.word_before(i)
        word_id = self.numerals[self.tokens[i].folded].id
        return before is not None and before.folded in self.rules.not_numeral_after.get(word_id, ())

    def is_per_base(self, i: int) -> bool:
        """"người/năm", "/ năm Triệu đồng": a numeral word right after a slash is the base of a rate (per year)."""
        return i > 0 and self.tokens[i - 1].text == _PER_SLASH

    def is_fraction_part(self, last: int) -> bool:
        """"hai phần ba" is 2/3, but "năm phần trăm" is 5 %."""
        after = self.word_after(last)
        if after is None or after.folded not in self.rules.fraction_words_after:
            return False
        following = self.word_after(last + 1)
        return self.is_numeral(following) and following.folded not in self.rules.fraction_exceptions

    def lone_word_counts(self, i: int) -> bool:
        """A one-word number needs a counted noun after it and no numeral right next to it."""
        word_id = self.numerals[self.tokens[i].folded].id
        if word_id not in self.rules.free_alone and word_id not in self.rules.alone_with_context:
            return False  # một, không, tư, lăm, mốt, linh, magnitudes ...
        after = self.word_after(i)
        if after is None:
            return False
        # "hai ba người" = two or three people; "năm" after a number is the noun "years".
        if self.is_numeral(after) and after.folded not in self.rules.counted_nouns:
            return False
        before = self.word_before(i)
        if before is not None and before.folded in self.rules.approximate_pair_before:
            return False
        if word_id in self.rules.alone_with_context:
            return after.folded in self.rules.counted_nouns and self.number_like_before(i)
        return True

    def accepted(self, i: int, count: int) -> bool:
        last = i + count - 1
        if self.is_compound_tail(i) or self.looks_like_name(i, last) or self.is_per_base(i):
            return False
        if self.is_ordinal_or_label(i, last) or self.is_fraction_part(last):
            return False
        return count > 1 or self.lone_word_counts(i)

    # -- reading

    def read_at(self, i: int) -> tuple[Decimal, int] | None:
        """The number opening at token i (value, words read), strict grammar."""
        if not self.is_numeral(self.tokens[i]):
            return None
        return read_spelled(self.chain(i), colloquial=False)

    def joined_across_commas(self, i: int, value: Decimal, count: int) -> tuple[Decimal, int]:
        """"Mười ba tỷ, năm trăm linh ba triệu": join parts whose magnitudes keep falling.

        Both parts must end with a magnitude word and the strict grammar must read the words
        without the comma as the sum of the parts; ``count`` then includes the comma tokens.
        """
        words = self.chain_words(i, count)
        while self.rules.join_across_comma:
            last = i + count - 1
            comma, start = last + 1, last + 2
            if start >= len(self.tokens) or self.tokens[comma].text != "," or self.kind(last) != "magnitude":
                break
            second = self.read_at(start)
            if second is None or self.kind(start + second[1] - 1) != "magnitude":
                break
            second_words = self.chain(start)[: second[1]]
            if read_spelled(words + second_words, colloquial=False) != (value + second[0], len(words) + second[1]):
                break
            value, count, words = value + second[0], count + 1 + second[1], words + second_words
        return value, count

    def chain_words(self, i: int, count: int) -> list[str]:
        return [t.folded for t in self.tokens[i : i + count] if t.is_word]

    def kind(self, index: int) -> str | None:
        found = self.numerals.get(self.tokens[index].folded)
        return found.kind if found else None

    def find(self) -> list[tuple[int, int, int | float]]:
        found = []
        i = 0
        while i < len(self.tokens):
            reading = self.read_at(i)
            if reading is None or not self.accepted(i, reading[1]):
                i += 1
                continue
            value, count = self.joined_across_commas(i, *reading)
            found.append((self.tokens[i].start, self.tokens[i + count - 1].end, to_number(value)))
            i += count
        return found


def find_spelled_numbers(text: str) -> list[tuple[int, int, int | float]]:
    """(start, end, value) of every spelled-out number in ``text`` (offsets into ``text``)."""
    if not unicodedata.is_normalized("NFC", text):
        return _Finder(text).find()
    found = []
    for start, end in numeral_windows(text):  # most of a report holds no numeral word: only its windows are read
        found.extend((start + a, start + b, value) for a, b, value in _Finder(text[start:end]).find())
    return found


WINDOW_MARGIN = 48  # characters either side of a numeral word: more than the two words a check looks at


NEXT_WORD = regex.compile(r"\s*([\p{L}\p{M}]+)")  # the token after a word, when it is a word (tokens: _TOKEN)


def numeral_windows(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` around the numeral words that can open a number, each starting and ending
    at white space (a token boundary), overlapping ones merged: a number and its neighbours always
    lie in one window. A numeral word opens one when a word follows it and either it may stand
    alone ("năm người") or that word is a numeral too ("một trăm"); the others ("đầu tư", "năm
    2024", "1.234 tỷ", the last word of a chain) lie in the window of the word before them or
    are no number."""
    windows: list[tuple[int, int]] = []
    words = lexicon().by_form
    rules = lexicon().running_text
    for hit in _numeral_word().finditer(text):
        following = NEXT_WORD.match(text, hit.end())
        if following is None:
            continue
        word_id = words[fold_word(hit.group())].id
        if word_id not in rules.free_alone and word_id not in rules.alone_with_context and fold_word(following.group(1)) not in words:
            continue
        cut = text.rfind(" ", 0, max(0, hit.start() - WINDOW_MARGIN))
        start = 0 if cut < 0 else cut + 1
        cut = text.find(" ", hit.end() + WINDOW_MARGIN)
        end = len(text) if cut < 0 else cut
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


@lru_cache(maxsize=1)
def _numeral_word() -> "regex.Pattern[str]":
    return regex.compile(r"(?<![\p{L}\p{M}])(?:" + word_trie(lexicon().by_form) + r")(?![\p{L}\p{M}])", regex.IGNORECASE)
