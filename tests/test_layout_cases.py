"""Data-driven cases for the layers under the quantities: re-spacing, footnotes, sections.
Each case is one shape seen in real reports, written with our own words."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.cleaning import clean_text
from extractor.cleaning.spacing import respace
from extractor.sections import find_sections
from tests.conftest import ROOT


def cases(name: str) -> list[dict]:
    path = ROOT / "tests" / "cases" / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", cases("spacing.jsonl"), ids=lambda c: c["note"])
def test_spacing_cases(case):
    text, offsets = respace(case["text"])
    assert text == case["expected"]
    if offsets is None:
        assert text == case["text"]
        return
    for index, char in enumerate(text):  # every kept character maps to itself, inserted spaces to nothing
        start, end = offsets.starts[index], offsets.ends[index]
        assert case["text"][start:end] in (char, "") or (char == " " and case["text"][start:end].isspace())


@pytest.mark.parametrize("case", cases("footnotes.jsonl"), ids=lambda c: c["note"])
def test_footnote_cases(case):
    raw = case["text"]
    notes = clean_text(raw).footnotes
    assert [note.marker for note in notes] == [marker for marker, _, _ in case["expected"]]
    for note, (_, marker_context, body_start) in zip(notes, case["expected"]):
        assert raw[note.ref_end - len(marker_context):note.ref_end] == marker_context  # the marker is where we expect
        assert raw[note.start:note.end].startswith(body_start)


@pytest.mark.parametrize("case", cases("sections.jsonl"), ids=lambda c: c["note"])
def test_section_cases(case):
    found = [[s.label, s.title, s.level] for s in find_sections(clean_text(case["text"]))]
    assert found == case["expected"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcđêôơư ạảãáàếệĐIV1.2 \n,/%-()#[]^:")), max_size=80))
def test_respace_never_raises_and_maps_back(text):
    spaced, offsets = respace(text)
    if offsets is None:
        assert spaced == text
        return
    assert len(offsets) == len(spaced)
    for index, char in enumerate(spaced):
        source = text[offsets.starts[index]:offsets.ends[index]]
        assert source == char or source == "" and char == " " or char == " " and source.isspace()
