"""The linear feature builder gives underthesea's own part-of-speech tags."""

from pathlib import Path

import pytest
import regex
from underthesea import pos_tag, word_tokenize
from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor
from underthesea.pipeline.pos_tag.tagged_feature import word2features

from extractor.tagging import FastPosTagger, compile_template, pos_tagger, token_features

ROOT = Path(__file__).resolve().parent.parent


def _sentences(limit_per_file: int = 150) -> list[str]:
    sentences = []
    for path in sorted((ROOT / "corpora").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pieces = [piece[:240] for piece in regex.split(r"(?<=[.;:!?\n])\s+", text) if piece.strip()]
        sentences += pieces[:: max(1, len(pieces) // limit_per_file)]
    return sentences


EDGE_CASES = [
    "a", "2024", "TP HCM", "Năm 2024, xã Hát Lót có 1.200 hộ", "ĐẢNG ỦY XÃ CÔNG HẢI", "- 95%;",
    "Tỷ lệ hộ nghèo giảm còn 2,5% (theo chuẩn mới)", "“Ngày hội Đại đoàn kết” năm 2023", "   ",
]


def test_the_fast_tagger_is_in_use():
    assert isinstance(pos_tagger(), FastPosTagger)


@pytest.mark.parametrize("text", EDGE_CASES)
def test_features_are_underthesea_s(text):
    template = CRFPOSTagPredictor.Instance().transformer.template
    words = word_tokenize(text)
    sentence = [(word, "X") for word in words]
    expected = [word2features(sentence, i, template) for i in range(len(words))]
    assert token_features(compile_template(template), words) == expected


def test_tags_are_underthesea_s_on_corpus_sentences():
    tagger = FastPosTagger()
    sentences = _sentences() + EDGE_CASES
    assert len(sentences) > 400
    differing = [s for s in sentences if [tuple(pair) for pair in pos_tag(s)] != list(tagger(s))]
    assert differing == []


def test_unknown_template_is_refused():
    with pytest.raises(ValueError, match="unknown feature template"):
        compile_template(["T[0].shape"])
