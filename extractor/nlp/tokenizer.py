"""A syllable tokenizer for Vietnamese report text that keeps numbers and document codes whole.

"1.866", "2.465,2", "57,5%", "12/19", "18/4/2023" and "1513-QĐ/TU" stay one token each: the
quantity and exclusion rules look at them whole.
"""

from __future__ import annotations

from pathlib import Path

import regex
import srsly
from spacy.tokens import Doc
from spacy.vocab import Vocab

TOKEN = regex.compile(
    r"(?=[\w/-]*\p{L})(?=[\w/-]*\d)\w+(?:[-/]\w+)+"  # codes mixing letters and digits: 57/2023/NQ-HĐND
    r"|\d+(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)*)*%*"  # numbers, fractions, dates, percentages
    r"|[^\W\d_]+(?:['’][^\W\d_]+)?"  # words (syllables)
    r"|\w+"  # anything else alphanumeric
    r"|\.{2,}|…"  # ellipses
    r"|\S"  # one punctuation mark
)


class VietnameseTokenizer:
    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        for match in TOKEN.finditer(text):
            self._add_gap(text[position:match.start()], words, spaces)
            words.append(match.group())
            spaces.append(False)
            position = match.end()
        self._add_gap(text[position:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    # Its rules are code (TOKEN above): nothing to save but a version, so a saved pipeline
    # (nlp.to_disk) reloads with the tokenizer of the installed package.
    def to_bytes(self, **kwargs) -> bytes:
        return srsly.json_dumps({"version": 1}).encode("utf-8")

    def from_bytes(self, data: bytes, **kwargs) -> "VietnameseTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "extractor_tokenizer.json").write_bytes(self.to_bytes())

    def from_disk(self, path, **kwargs) -> "VietnameseTokenizer":
        return self

    @staticmethod
    def _add_gap(gap: str, words: list[str], spaces: list[bool]) -> None:
        if not gap:
            return
        if gap[0] == " " and words:
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)  # a whitespace token, e.g. the newline between paragraphs
            spaces.append(False)
