"""Inputs that cannot break us: properties over generated text and a table of hostile files.

- Property tests (hypothesis) over arbitrary Unicode, mixed NFC/NFD, random line breaks, digits
  and punctuation, for the reader, the cleaner, the number grammar and the whole pipeline: they
  never raise (the reader only with DecodeError), offsets always satisfy raw[start:end] == text,
  and the same input gives byte-identical JSON records (also in two fresh processes).
- HOSTILE: files built to hurt (empty, one 5 MB line, NUL bytes, invalid UTF-8, 50,000
  footnote-like lines, deep headings, …), each with its expected outcome — an InputError with a
  named reason, or records — and a generous time limit (a signal alarm, not a speed assertion).
- The fast paths written for speed give what the plain definitions they replace give.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.api import records_from_text
from extractor.cleaning import clean_text
from extractor.errors import InputError
from extractor.numbers import alternative_readings, find_spelled_numbers, parse_money, parse_spelled, read_digits
from extractor.reading import read_document
from extractor.reading.encodings import DecodeError, decode_bytes
from extractor.records import extract_records

ROOT = Path(__file__).resolve().parent.parent
CORPUS = (ROOT / "corpora" / "mai-son.txt").read_text(encoding="utf-8")
MB = 1_000_000

# ---- generated text ------------------------------------------------------------------------

VOCABULARY = sorted(set(CORPUS.split()))[::7]  # words of a real report, punctuation attached
REPORT_PIECES = [
    "xã Hát Lót", "Xã Cò Nòi:", "thị trấn Hát Lót", "các xã, thị trấn", "Phần thứ hai", "I-", "II.", "1.2.",
    "2.1.1-", "(3)", "a)", "- ", "* ", "+ ", "Một là,", "Chỉ tiêu chủ yếu", "CÁC CHỈ TIÊU CHỦ YẾU", "đạt", "vượt",
    "chưa đạt", "12/19 chỉ tiêu đạt và vượt", "đạt 126% so với chỉ tiêu", "tỷ đồng", "triệu đồng/ha", "%", "ha",
    "tấn/ha", "hộ", "con", "đàn ong", "km", "m2", "khoảng", "trên", "dưới", "từ", "trở lên", "năm 2025",
    "nhiệm kỳ 2020 - 2025", "ngày 18/4/2023", "số 57/2023/NQ-HĐND", "Tiểu khu 19", "lần thứ XV", "ba đơn vị",
    "hai triệu rưỡi đồng", "Mười ba tỷ, năm trăm linh ba triệu đồng", "đạt1", "ong3", "sạch”7", "Trang 5",
    "- 12 -", "_____", "…", "“", "”", "(", ")", ":", ";", ",", ".", "/",
]
NUMBERS = st.from_regex(r"\A[0-9]{1,4}(?:[.,][0-9]{1,3}){0,3}%?\Z")
BREAKS = [" ", " ", " ", " ", "  ", "\n", "\n", "\r\n", "\n\n", "\f", "\t", "\u00a0", "\u2028", "\n   ", "   \n"]


@st.composite
def report_like_text(draw, max_pieces: int = 120) -> str:
    """Words of a report, figures, headings, list marks and arbitrary characters, joined by random
    white space and line breaks, with some pieces decomposed (NFD) as legacy PDFs write them."""
    piece = st.one_of(
        st.sampled_from(VOCABULARY), st.sampled_from(REPORT_PIECES), NUMBERS, st.text(max_size=4),
        st.characters(), st.sampled_from("0123456789.,/-%()"),
    )
    parts = draw(st.lists(st.tuples(piece, st.sampled_from(BREAKS), st.booleans()), max_size=max_pieces))
    return "".join((unicodedata.normalize("NFD", text) if decompose else text) + gap for text, gap, decompose in parts)


ANY_TEXT = st.one_of(report_like_text(), st.text(max_size=300))
DIGITS_AND_PUNCTUATION = st.text(alphabet="0123456789.,/-–%() \n:;", max_size=200)
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ---- checks shared by the property tests and the table ------------------------------------------

def assert_records_trace_back(raw: str, records: list[dict]) -> None:
    """Every span lies in the raw text and every record's ``text`` is exactly its raw slice."""
    assert records and records[0]["type"] == "document" and records[0]["chars"] == len(raw)
    for record in records:
        for start_key, end_key in (("start", "end"), ("ref_start", "ref_end")):
            if start_key in record:
                start, end = record[start_key], record[end_key]
                assert 0 <= start <= end <= len(raw), record
        if "text" in record:
            assert raw[record["start"]:record["end"]] == record["text"], record


def as_json(records: list[dict]) -> str:
    return "\n".join(json.dumps(record, ensure_ascii=False) for record in records)


def forget_analysis_caches() -> None:
    """Empty the tokenizer/tagger window caches, so a second run analyses everything again."""
    from extractor.quantities import parser

    for name in ("_pos_tag", "_word_tokens"):
        cached = getattr(parser, name, None)
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


# ---- the reader ------------------------------------------------------------------------------

@settings(max_examples=300, **SETTINGS)
@given(st.one_of(st.binary(max_size=3000), ANY_TEXT.map(lambda text: text.encode("utf-8", "surrogatepass"))))
def test_decoding_arbitrary_bytes_gives_text_or_a_decode_error(data):
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        assert error.reason  # a named reason, never a traceback
        return
    assert isinstance(decoded.text, str) and decoded.encoding


@settings(max_examples=100, **SETTINGS)
@given(st.binary(max_size=2000))
def test_reading_arbitrary_bytes_gives_a_document_or_an_input_error(data):
    try:
        document = read_document("input.txt", data=data)
    except InputError as error:
        assert str(error).startswith("input.txt: ") and error.reason
        return
    assert document.text is not None and len(document.sha256) == 64


# ---- the cleaner -------------------------------------------------------------------------------

@settings(max_examples=300, **SETTINGS)
@given(ANY_TEXT)
def test_cleaning_never_raises_and_every_clean_character_maps_into_the_raw_text(raw):
    clean = clean_text(raw)
    assert len(clean.offsets) == len(clean.text)
    for start, end in zip(clean.offsets.starts, clean.offsets.ends):
        assert 0 <= start <= end <= len(raw)
    for paragraph in clean.paragraphs:
        assert 0 <= paragraph.start <= paragraph.end <= len(clean.text)
        assert 0 <= paragraph.raw_start <= paragraph.raw_end <= len(raw)
    for note in clean.footnotes:
        assert 0 <= note.start <= note.end <= len(raw) and 0 <= note.ref_start <= note.ref_end <= len(raw)
    for removal in clean.removed:
        assert 0 <= removal.start <= removal.end <= len(raw)


# ---- the number grammar ------------------------------------------------------------------------

@settings(max_examples=300, **SETTINGS)
@given(st.one_of(DIGITS_AND_PUNCTUATION, ANY_TEXT))
def test_number_grammar_never_raises(text):
    for token in text.split()[:40]:
        read_digits(token)
        read_digits(token, prefer="thousands")
        alternative_readings(token)
        parse_money(token)
    parse_money(text[:200])
    parse_spelled(text.split()[:30])
    for start, end, value in find_spelled_numbers(text):
        assert 0 <= start < end <= len(text) and isinstance(value, (int, float))


# ---- the whole pipeline --------------------------------------------------------------------------

@settings(max_examples=150, **SETTINGS)
@given(st.one_of(report_like_text(max_pieces=250), st.text(max_size=400), DIGITS_AND_PUNCTUATION))
def test_pipeline_never_raises_traces_back_and_is_deterministic(raw):
    records = records_from_text(raw)
    assert_records_trace_back(raw, records)
    forget_analysis_caches()
    assert as_json(records_from_text(raw)) == as_json(records)  # cold caches, same bytes


@pytest.mark.parametrize("raw", ["\ud800 ", "Xã A có 12 hộ \udfff nghèo.", "\udc80"])
def test_a_lone_surrogate_in_an_api_text_is_no_error(raw):
    """A Python str may hold a lone surrogate (hypothesis found "\\ud800 "): the API reads it like
    any character, never raises, and its records trace back."""
    records = records_from_text(raw)
    assert records[0]["type"] == "document"
    assert_records_trace_back(raw, records)


def test_pipeline_output_is_identical_in_two_fresh_processes(tmp_path):
    rng = random.Random(9)
    lines = CORPUS.splitlines()
    shuffled = rng.sample(lines, k=min(400, len(lines)))
    fixed = CORPUS[:20_000] + "\n" + unicodedata.normalize("NFD", "\n".join(shuffled)) + "\n- \n1.1.1.1.1 Mục\n\f7 Trong đó 12 hộ"
    source = tmp_path / "fixed.txt"
    source.write_text(fixed, encoding="utf-8", newline="")
    program = (
        "import json, sys\n"
        "from extractor.api import records_from_text\n"
        "text = open(sys.argv[1], encoding='utf-8', newline='').read()\n"
        "sys.stdout.buffer.write('\\n'.join(json.dumps(r, ensure_ascii=False) for r in records_from_text(text)).encode('utf-8'))\n"
    )
    outputs = []
    for seed in ("1", "4242"):  # different hash seeds: set and dict order must not leak into the output
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", program, str(source)], capture_output=True, env=environment, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].decode("utf-8") == as_json(records_from_text(fixed))


# ---- hostile inputs ------------------------------------------------------------------------------

class TimeLimitExceeded(Exception):
    pass


@contextmanager
def time_limit(seconds: int):
    """Fail a case that runs away (a bound far above its normal time, not a speed check)."""

    def on_alarm(signum, frame):
        raise TimeLimitExceeded(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _repeat_to(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _one_long_line(size: int) -> bytes:
    """A report whose line breaks were lost (PDF extraction): one line of `size` bytes."""
    line = " ".join(CORPUS.split())
    text = _repeat_to(line + " ", size)
    data = text.encode("utf-8")[:size]
    return data.decode("utf-8", "ignore").encode("utf-8")  # cut on a character boundary


def _footnote_lines(count: int) -> bytes:
    """Body lines citing footnotes (“đạt7”) each followed by a footnote-like line (“7 Trong đó …”):
    numbers run 1…999 and start again, so most later lines cannot be accepted as footnotes."""
    lines = []
    for index in range(count // 2):
        number = index % 999 + 1
        lines.append(f"Kết quả thực hiện chỉ tiêu năm {2000 + index % 30} đạt{number} kế hoạch đề ra.")
        lines.append(f"{number} Trong đó: xã Hát Lót có {index % 500} hộ, đạt {index % 100},5%.")
    return "\n".join(lines).encode("utf-8")


def _nested_headings(depth: int, repeats: int) -> bytes:
    lines = []
    for index in range(repeats):
        for level in range(1, depth + 1):
            label = ".".join(["1"] * level if index % 2 else [str(index % 90 + 1)] + ["1"] * (level - 1))
            lines.append(f"{label}. Tiêu đề mục cấp {level}")
            lines.append(f"Nội dung: xã Cò Nòi có {level * 3} hộ nghèo, đạt {level}% kế hoạch.")
    return "\n".join(lines).encode("utf-8")


@dataclass(frozen=True)
class Hostile:
    id: str
    build: Callable[[], bytes]
    error: str | None  # the InputError reason expected (its start), or None: records expected
    check: Callable[[list[dict]], bool] = lambda records: True  # what the records must show
    seconds: int = 60  # generous bound; the normal time is a small fraction of it


def _types(records: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for record in records:
        counts[record["type"]] = counts.get(record["type"], 0) + 1
    return counts


HOSTILE = [
    Hostile("empty file", lambda: b"", "empty file"),
    # absurd digit strings are no numbers: never an int of thousands of digits (JSON cannot even write one)
    Hostile("a 5,000-digit number", lambda: ("Xã có " + "9" * 5000 + " hộ nghèo, 12 hộ cận nghèo.").encode(), None,
            lambda r: [q["value"] for q in r if q["type"] == "quantity"] == [12] and bool(json.dumps(r))),
    Hostile("a 4,500-digit grouped number", lambda: ("Dân số " + "1." * 2250 + "000 người, 3 xã.").encode(), None,
            lambda r: bool(json.dumps(r))),
    # empty after decoding: the same error as 0 bytes, whatever the bytes
    Hostile("white space only", lambda: b" \t \n\n\r\n   \f  \n\t", "empty file"),
    Hostile("byte order mark only", lambda: b"\xef\xbb\xbf", "empty file"),
    Hostile("one 5 MB line", lambda: _one_long_line(5 * MB), None,
            lambda r: _types(r).get("quantity", 0) > 1000, seconds=300),
    Hostile("5 MB of one word", lambda: b"a" * (5 * MB), None, lambda r: _types(r) == {"document": 1}, seconds=120),
    Hostile("NUL bytes", lambda: b"B\xc3\xa1o c\xc3\xa1o\x00\x00 n\xc4\x83m 2024\n" * 50, "binary file (NUL bytes)"),
    # a stray run of bad bytes in a UTF-8 report: the report is kept, the bytes replaced and reported
    Hostile("invalid UTF-8 in a UTF-8 report", lambda: CORPUS[:3000].encode() + b"\xff\xfe\xfd" + CORPUS[3000:6000].encode(),
            None, lambda r: r[0]["encoding"] == "utf-8" and "replaced by U+FFFD at raw offsets 3000" in r[0]["warnings"][0]
            and _types(r).get("quantity", 0) > 10),
    Hostile("a cp1258 file is not taken for UTF-8 with bad bytes",
            lambda: __import__("tests.test_encodings", fromlist=["to_cp1258_bytes"]).to_cp1258_bytes("Thu nhập đạt 45 triệu đồng. ") * 40,
            None, lambda r: r[0]["encoding"] == "cp1258"),
    Hostile("UTF-8 cut in the middle of its last character", lambda: "Báo cáo năm 2024 đạt".encode()[:-1], None,
            lambda r: r[0]["encoding"] == "utf-8"),  # the reader drops the cut character
    Hostile("control characters", lambda: b"\x01\x02\x03abc\x04" * 200, "binary file (control characters)"),
    Hostile("a PDF posing as text", lambda: b"%PDF-1.7\n" + b"x" * 1000, "binary file (PDF document)"),
    Hostile("50,000 footnote-like lines", lambda: _footnote_lines(50_000), None,
            lambda r: _types(r).get("footnote", 0) >= 100 and _types(r).get("quantity", 0) > 10_000, seconds=300),
    Hostile("deeply nested headings 1.1.1.1.1.1.1.1", lambda: _nested_headings(depth=12, repeats=300), None,
            lambda r: _types(r).get("section", 0) > 100 and max(s["level"] for s in r if s["type"] == "section") >= 8),
    Hostile("one heading 2,000 levels deep", lambda: ("1." * 2000 + " Tiêu đề\nNội dung 12 hộ.\n").encode(), None,
            lambda r: _types(r).get("section", 0) == 1),
    Hostile("10,000 empty bullets", lambda: b"- \n" * 10_000, None, lambda r: _types(r) == {"document": 1}),
    Hostile("10,000 bullets with figures", lambda: "".join(f"- Xã {i} có {i} hộ, đạt {i % 100}%;\n" for i in range(10_000)).encode(),
            None, lambda r: _types(r).get("quantity", 0) >= 10_000),
    Hostile("only digits and separators", lambda: _repeat_to("12.345,67 / 89-10; 1,2.3:4 (5) 2020 - 2025 0,5%\n", 300_000).encode(),
            None, lambda r: _types(r).get("quantity", 0) > 1000),
    Hostile("only digits and spaces", lambda: _repeat_to("1 2 3 45 6.7 ", 100_000).encode(), None,
            lambda r: _types(r) == {"document": 1}),  # lone numbers that nothing names are no amounts
    Hostile("units named together after a clause break", lambda: "Xã Hát Lót; xã Cò Nòi, xã Mai Sơn: đạt 5% kế hoạch.".encode(),
            None, lambda r: _types(r).get("quantity") == 1),  # raised ValueError before
    Hostile("one paragraph of 8,000 place-led clauses",
            lambda: "".join(f"Xã Hát Lót, xã Cò Nòi: đạt {i}% kế hoạch; " for i in range(8_000)).encode(), None,
            lambda r: _types(r).get("quantity", 0) >= 8_000),
    Hostile("4,000 'chỉ tiêu chủ yếu' lists",
            lambda: "".join(f"{i % 90 + 1}. Các chỉ tiêu chủ yếu\n(1) Tỷ lệ hộ nghèo giảm còn {i % 50}%.\nNội dung.\n"
                            for i in range(4_000)).encode(), None, lambda r: _types(r).get("indicator", 0) >= 1_000),
    Hostile("markers far before 8,000 footnote-like lines",
            lambda: ("Kết quả đạt2 kế hoạch.\n" * 8_000 + "Văn bản thường, không chú thích.\n" * 300
                     + "2 Trong đó có hộ nghèo.\n" * 8_000).encode(), None, lambda r: _types(r).get("footnote", 0) <= 1),
    Hostile("mixed NFC and NFD, every line break kind",
            lambda: "".join(unicodedata.normalize("NFD" if i % 2 else "NFC", line) + ("\n", "\r\n", "\r", "\f", "\u2028")[i % 5]
                            for i, line in enumerate(CORPUS.splitlines())).encode(), None,
            lambda r: _types(r).get("quantity", 0) > 300 and _types(r).get("section", 0) > 50),
]


MEMORY_BOUND_MB = 1_500  # no process over 1.5 GB (issue 18), whatever the input


def run_hostile_case(case: Hostile) -> dict:
    """One case in this process: its outcome, seconds and the process's peak memory while it ran
    (VmHWM, reset before the case through /proc/self/clear_refs)."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
        refs.write("5")
    data = case.build()
    started = time.perf_counter()
    outcome: dict = {}
    try:
        document = read_document("hostile.txt", data=data)
        records = extract_records(document)
        assert_records_trace_back(document.text, records)
        outcome = {"records": _types(records), "check": bool(case.check(records))}
    except InputError as error:
        outcome = {"error": str(error), "reason": error.reason}
    with open("/proc/self/status", encoding="ascii") as status:
        peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    return {**outcome, "seconds": time.perf_counter() - started, "peak_mb": peak_kb / 1024}


HOSTILE_RUNNER = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_DATA, (int(sys.argv[1]) * 2**20, resource.RLIM_INFINITY))
from tests.test_robustness import HOSTILE, run_hostile_case
for case in HOSTILE:
    if case.id not in sys.argv[2:]:
        continue
    try:
        result = run_hostile_case(case)
    except MemoryError:
        result = {"memory_error": True}
    print(json.dumps({"id": case.id, **result}), flush=True)
"""


def _shares(cases: list[Hostile], count: int) -> list[list[Hostile]]:
    """Cases dealt to ``count`` children, each next case (longest bound first) to the least loaded."""
    shares: list[list[Hostile]] = [[] for _ in range(count)]
    for case in sorted(cases, key=lambda case: -case.seconds):
        min(shares, key=lambda share: sum(case.seconds for case in share)).append(case)
    return [share for share in shares if share]


@pytest.fixture(scope="module")
def hostile_results() -> dict:
    """Every hostile case, in child processes (one per core, at most two) whose data is capped at
    twice the memory bound: a runaway case fails there, not on the machine."""
    children = [
        (subprocess.Popen([sys.executable, "-c", HOSTILE_RUNNER, str(2 * MEMORY_BOUND_MB), *(case.id for case in share)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT),
         sum(case.seconds for case in share))
        for share in _shares(HOSTILE, min(2, os.cpu_count() or 1))
    ]
    results: dict = {}
    errors = []
    for child, seconds in children:
        stdout, stderr = child.communicate(timeout=seconds)
        results.update((row["id"], row) for row in map(json.loads, stdout.splitlines()))
        errors.append(stderr[-2000:])
    assert len(results) == len(HOSTILE), errors
    return results


@pytest.mark.parametrize("case", HOSTILE, ids=[case.id for case in HOSTILE])
def test_hostile_input(case: Hostile, hostile_results):
    """Each case ends within its time bound and under the memory bound, with a one-line error
    naming the file or records that trace back to the text and pass the case's check."""
    result = hostile_results[case.id]
    assert not result.get("memory_error"), "MemoryError under the capped child"
    assert result["seconds"] < case.seconds and result["peak_mb"] < MEMORY_BOUND_MB, result
    if case.error is not None:
        assert "reason" in result, f"expected InputError({case.error!r}), got {result.get('records')}"
        assert result["reason"].startswith(case.error) and result["error"].startswith("hostile.txt: ")
    else:
        assert "reason" not in result, f"unexpected InputError: {result.get('error')}"
        assert result["check"], result["records"]


# ---- fast paths equal the plain definitions they replace --------------------------------------------

CLEAN_LIKE = st.lists(st.sampled_from(VOCABULARY + REPORT_PIECES + ["5", "12,5%", "và", "là", "gồm:", "tại:"]), max_size=80).map(" ".join)


@settings(max_examples=200, **SETTINGS)
@given(st.text(alphabet="ab \u0301\u0300\u0323\u0f73\u212b\u00a0\u00ad\nxe\u0302\u2126\u0345", max_size=40))
def test_changing_clusters_are_the_reference_pattern_matches(text):
    from extractor.cleaning.normalize import _changing_cluster, changing_clusters

    assert list(changing_clusters(text)) == [m.span() for m in _changing_cluster().finditer(text)]


@settings(max_examples=300, **SETTINGS)
@given(st.text(alphabet="ab \t\u3000\n\x1c.1", max_size=12))
def test_paragraph_end_spaces_shortcut(text):
    from extractor.cleaning.cleaner import PARAGRAPH_END_SPACES, _ends_with_spaces

    assert _ends_with_spaces(text) == bool(PARAGRAPH_END_SPACES.search(text))


@settings(max_examples=300, **SETTINGS)
@given(st.one_of(CLEAN_LIKE, st.text(max_size=60)).map(lambda text: text[-40:]))
def test_one_alternation_of_context_rules_answers_like_the_rules_one_by_one(text):
    from extractor.quantities.parser import _any_rule_matches, _any_rule_searches, context_rules

    rules = context_rules()
    for name in ("exclude_before", "qualifiers"):
        subject = text.lower() if name == "qualifiers" else text
        assert _any_rule_searches(rules, name, subject) == any(p.search(subject) for _, p, _ in rules[name])
    for name in ("exclude_after", "qualifiers_after"):
        assert _any_rule_matches(rules, name, text) == any(p.match(text) for _, p, _ in rules[name])


@settings(max_examples=200, **SETTINGS)
@given(CLEAN_LIKE, st.data())
def test_boundary_scan_equals_rescanning_from_the_paragraph_start(text, data):
    from extractor.quantities.metric import metric_rules
    from extractor.places.mentions import BoundaryScan, place_rules

    for pattern in (place_rules()["boundary"], metric_rules()["boundary"]):
        scan = BoundaryScan(pattern, text, 0, len(text))
        positions = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
        for position in positions:
            last = None
            for match in pattern.finditer(text, 0, position):
                last = match.end()
            assert scan.last_end(position) == last


def test_lookups_equal_their_scans_on_the_corpus():
    from bisect import bisect_right

    from extractor.places import DocumentPlaces
    from extractor.places.mentions import place_at, place_lookup
    from extractor.records import innermost_section, section_lookup
    from extractor.sections import find_sections

    clean = clean_text(CORPUS)
    sections = find_sections(clean)
    section_of = section_lookup(sections)
    shuffled = sorted(sections, key=lambda s: (s.clean_start * 7919) % 104729)  # out of order: the scan's rules
    shuffled_of = section_lookup(shuffled)
    places = DocumentPlaces(clean.text)
    for paragraph in clean.paragraphs[:120]:
        mentions = places.mentions(paragraph)
        lookup = place_lookup(mentions, clean.text)
        for position in range(paragraph.start, paragraph.end + 1, 7):
            assert lookup(position) == place_at(mentions, clean.text, position)
            assert section_of(position) == innermost_section(sections, position)
            assert shuffled_of(position) == innermost_section(shuffled, position)
    starts = [s.clean_start for s in sections]
    assert bisect_right(starts, len(clean.text)) == len(sections)


def _joint_subjects_as_first_written(text, mentions):
    """The scan ``_mark_joint_subjects`` replaced (it looked members up by value, and raised when an
    earlier run had already marked one)."""
    from extractor.places.mentions import Mention

    result = list(mentions)
    for index, mention in enumerate(mentions):
        if not mention.subject:
            continue
        run = [mention]
        for later in mentions[index + 1:]:
            if regex.fullmatch(r"\s*(?:,|và|;)\s*", text[run[-1].end:later.start]) and later.place != run[-1].place:
                run.append(later)
            else:
                break
        if len(run) > 1:
            for member in run:
                result[result.index(member)] = Mention(member.start, member.end, None, True)
    return result


@settings(max_examples=300, **SETTINGS)
@given(st.lists(st.tuples(st.sampled_from(["xã A", "xã B", "các xã", "xã C"]), st.sampled_from([", ", " và ", "; ", " có ", ": "]),
                          st.booleans()), min_size=1, max_size=10))
def test_joint_subjects_mark_what_the_first_scan_marked(parts):
    from extractor.places.mentions import Mention, _mark_joint_subjects

    text, mentions = "", []
    for name, gap, subject in parts:
        place = None if name.startswith("các") else name
        mentions.append(Mention(len(text), len(text) + len(name), place, subject))
        text += name + gap
    try:
        expected = _joint_subjects_as_first_written(text, mentions)
    except ValueError:
        expected = None  # the old scan raised; the new one must not
    marked = _mark_joint_subjects(text, mentions)
    if expected is not None:
        assert marked == expected


@settings(max_examples=200, **SETTINGS)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=12), st.integers(-2, 62))
def test_span_index_holds_what_any_span_holds(spans, position):
    from extractor.spans import SpanIndex

    assert SpanIndex(spans).holds(position) == any(a <= position < b for a, b in spans)


@settings(max_examples=200, **SETTINGS)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=12), st.integers(-2, 62), st.integers(0, 20))
def test_span_index_overlaps_as_a_scan_of_every_span(spans, start, length):
    """The one interval index (heading labels, places taken, result clauses, linked figures): its
    binary searches answer as a scan of every span, spans added in any order."""
    from extractor.spans import SpanIndex

    index = SpanIndex()
    for number, (a, b) in enumerate(spans):
        index.add(a, b, number)
    end = start + length
    expected = sorted((a, number) for number, (a, b) in enumerate(spans) if a < end and start < b)
    assert index.overlaps(start, end) == bool(expected)
    assert sorted(index.overlapping(start, end)) == sorted(number for _, number in expected)


# ---- markup that must stay text ------------------------------------------------------------------

PAYLOADS = ('<script>alert("x")</script>', '" onmouseover="alert(1)" x="', "<img src=x onerror=alert(2)>")


def _live_markup(page: str) -> list[str]:
    """Scripts and event-handler attributes a browser would run: our own script only."""
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend(f"{tag} {name}" for name, _ in attrs if name.startswith("on"))
            if tag == "img":
                found.append("img")

        def handle_data(self, data):
            if "alert(" in data and self.lasttag == "script":
                found.append(data[:60])

    Collect().feed(page)
    return found


def test_view_and_compare_show_markup_in_reports_and_file_names_as_text(tmp_path):
    """A report whose text and file name hold HTML: `view` and `compare` pages show it as text
    (escaped), with no script, handler or element of the payload's own."""
    from click.testing import CliRunner

    from extractor.compare import compare_command
    from extractor.view import view_command

    body = "\n".join(f"{index}. Mục {payload}\nTỷ lệ hộ nghèo {payload} giảm còn {index + 2}%." for index, payload in enumerate(PAYLOADS, 1))
    first = tmp_path / '<script>alert("n")<' / "x.txt"
    first.parent.mkdir()
    first.write_text("ĐẢNG BỘ XÃ MAI SƠN\n" + body + "\n", encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text("ĐẢNG BỘ XÃ CÒ NÒI\n" + body + "\n", encoding="utf-8")
    view = tmp_path / "view.html"
    assert CliRunner().invoke(view_command, [str(first), "-o", str(view)]).exit_code == 0
    compared = tmp_path / "compare.html"
    result = CliRunner().invoke(compare_command, [str(first), str(second), "-o", str(compared)])
    assert result.exit_code == 0, result.output
    for page in (view.read_text(encoding="utf-8"), compared.read_text(encoding="utf-8")):
        assert _live_markup(page) == []
        assert "&lt;script&gt;alert(" in page  # shown, escaped


def _docx_with(document_xml: str) -> bytes:
    from tests import fixtures_build as build

    return build.zip_bytes({"[Content_Types].xml": build.CONTENT_TYPES, "_rels/.rels": build.PACKAGE_RELS,
                            "word/document.xml": document_xml})


def _laughs() -> str:
    from tests.fixtures_build import NS

    entities = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE d [{entities}]><w:document {NS}><w:body><w:p><w:r><w:t>&lol9;</w:t>'
            "</w:r></w:p></w:body></w:document>")


def _external_entity() -> str:
    from tests.fixtures_build import NS

    return (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document {NS}><w:body>'
            "<w:p><w:r><w:t>Xã có 3 hộ &x;</w:t></w:r></w:p></w:body></w:document>")


@pytest.mark.parametrize("build_xml, reason", [
    (_laughs, "amplification"),  # a billion laughs: 10^9 "lol" from a few hundred bytes
    (_external_entity, "undefined entity"),  # never resolved: no file is read
])
def test_xml_entity_expansion_and_external_entities_are_refused(build_xml, reason):
    with time_limit(30):
        with pytest.raises(InputError) as refused:
            read_document("entities.docx", data=_docx_with(build_xml()))
    assert reason in str(refused.value) and "root:" not in str(refused.value)


NUMBER_TALK = st.lists(st.sampled_from([
    "một", "hai", "ba", "bốn", "tư", "năm", "lăm", "sáu", "bảy", "tám", "chín", "mười", "mươi", "mốt", "linh", "lẻ",
    "trăm", "nghìn", "ngàn", "triệu", "tỷ", "rưỡi", "phẩy", "không", "Năm", "Hai", "Ba", "đầu", "tư", "người", "hộ",
    "xã", "thứ", "tháng", "phần", "trăm", "2024", "1.234", ",", "-", "là", "khoảng", "Bà", "Trưng", "đồng", "a" * 60,
]), max_size=60).map(" ".join)


@settings(max_examples=300, **SETTINGS)
@given(NUMBER_TALK)
def test_numbers_read_in_windows_equal_the_whole_text_read(text):
    """Spelled numbers are read only in windows around the numeral words that can open one: the
    same numbers as reading the whole text token by token."""
    from extractor.numbers.running_text import _Finder, find_spelled_numbers

    assert find_spelled_numbers(text) == _Finder(text).find()


def _letter_spaced_reference(text: str) -> list[tuple[int, int]]:
    """The plain definition: each line holding a spaced pair, found by searching back to its start."""
    from extractor.cleaning import spacing

    spans, spaced_lines, seen = [], {}, set()
    for pair in spacing.SPACED_PAIR.finditer(f" {text} "):
        line_start = text.rfind("\n", 0, max(pair.start() - 1, 0)) + 1
        if line_start in seen:
            continue
        seen.add(line_start)
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        spans.extend([run.start(), run.end()] for run in spacing.SPACED_RUN.finditer(text, line_start, line_end))
        line = text[line_start:line_end]
        if spacing.SPACED_LINE.fullmatch(line):
            content = line.strip()
            start = line_start + line.index(content[0])
            spaced_lines[line_start] = (start, start + len(content), line_end)
    return spans, spaced_lines


@settings(max_examples=300, **SETTINGS)
@given(st.text(alphabet="ab Đ\nT I Ê U.:", max_size=80))
def test_letter_spaced_lines_are_found_as_by_searching_each_line_start(text):
    """Lines are looked at once each, in order (a line of megabytes was searched back to its start
    for every spaced pair): the same runs and lines as the plain search."""
    from extractor.cleaning import spacing

    assert spacing._spaced_lines(text) == _letter_spaced_reference(text)
