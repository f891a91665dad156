"""Tests for extractor.reading.encodings: Unicode forms, legacy Vietnamese 8-bit encodings, errors."""

from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.reading import encodings
from extractor.reading.encodings import (
    DecodeError,
    Decoded,
    convert_legacy,
    decode_bytes,
    detect_legacy_text,
)

PEER_CASES = Path(__file__).resolve().parents[2] / "shared" / "peer" / "vietnamese_conversion.jsonl"

TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")

# No toned capitals: TCVN3 (ABC) writes those with separate uppercase fonts.
SENTENCES = [
    "Đảng bộ xã Mai Sơn có 3.274 đảng viên, chiếm 57,5% dân số.",
    "Năm 2024, tổng giá trị sản xuất của xã tăng 8,2% so với cùng kỳ; thu nhập bình quân đạt "
    "52 triệu đồng/người/năm.",
    "Tỷ lệ hộ nghèo giảm còn 3,1%, hoàn thành vượt chỉ tiêu Nghị quyết đề ra.\r\n"
    "Giữ vững quốc phòng, an ninh; xây dựng nông thôn mới kiểu mẫu.",
]
SENTENCE_WITH_TONED_CAPITALS = "Ủy ban nhân dân xã báo cáo: Ấp Đông đạt 100% chỉ tiêu về nước sạch."


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def vietnamese_letters() -> set[str]:
    """The 134 precomposed Vietnamese letters (67 lowercase, 67 uppercase)."""
    bases = ["a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031b", "u", "u\u031b", "y"]
    lower = {nfc(base + tone) for base in bases for tone in ("", *TONES)} - set("aeiouy") | {"đ"}
    return lower | {letter.upper() for letter in lower}


def to_legacy_bytes(text: str, encoding: str) -> bytes:
    """Encode with the inverse of our own table (the way a legacy font stores the text)."""
    inverse = {letter: legacy for legacy, letter in encodings._load_table(encoding).items()}
    legacy = []
    for char in nfc(text):
        if char in inverse:
            legacy.append(inverse[char])
        elif char.isascii():
            legacy.append(char)
        else:
            raise ValueError(f"{char!r} has no {encoding} code")
    return "".join(legacy).encode("latin-1")


def to_cp1258_bytes(text: str) -> bytes:
    """Windows-1258 has few precomposed letters: write base letter + combining tone mark."""
    out = []
    for char in nfc(text):
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tone = "".join(c for c in decomposed if c in TONES)
            base = nfc("".join(c for c in decomposed if c not in TONES))
            out.append((base + tone).encode("cp1258"))
    return b"".join(out)


# --- tables -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_table_columns_agree(encoding):
    path = Path(encodings.__file__).parent / "data" / f"{encoding}.tsv"
    rows = path.read_text(encoding="utf-8").splitlines()
    assert rows[0].split("\t") == ["legacy_hex", "legacy_sequence", "unicode", "unicode_name"]
    for row in rows[1:]:
        legacy_hex, shown, letter, name = row.split("\t")
        assert bytes.fromhex(legacy_hex).decode("latin-1") == shown
        assert unicodedata.name(letter) == name


def test_vni_covers_all_134_letters():
    assert set(encodings._load_table("vni").values()) == vietnamese_letters()


def test_tcvn3_covers_lowercase_and_the_single_byte_capitals():
    letters = set(encodings._load_table("tcvn3").values())
    lowercase = {letter for letter in vietnamese_letters() if letter.islower()}
    assert lowercase <= letters
    assert set("ĂÂÊÔƠƯĐ") <= letters
    assert len(letters) == len(encodings._load_table("tcvn3")) == 90  # + 16 toned capitals of 0xA1-0xFF


def test_legacy_tables_are_loaded_once():
    assert encodings._load_table("vni") is encodings._load_table("vni")


# --- round trips --------------------------------------------------------------------------

UNICODE_FORMS = [
    ("utf-8", lambda text: text.encode("utf-8")),
    ("utf-8-sig", lambda text: text.encode("utf-8-sig")),
    ("utf-16-le", lambda text: b"\xff\xfe" + text.encode("utf-16-le")),
    ("utf-16-be", lambda text: b"\xfe\xff" + text.encode("utf-16-be")),
    ("utf-16-le", lambda text: text.encode("utf-16-le")),  # no BOM: found by the NUL pattern
    ("utf-16-be", lambda text: text.encode("utf-16-be")),
    ("utf-32-le", lambda text: b"\xff\xfe\x00\x00" + text.encode("utf-32-le")),
    ("utf-32-be", lambda text: b"\x00\x00\xfe\xff" + text.encode("utf-32-be")),
]


@pytest.mark.parametrize("sentence", [*SENTENCES, SENTENCE_WITH_TONED_CAPITALS])
@pytest.mark.parametrize(("encoding", "encode"), UNICODE_FORMS)
def test_unicode_forms_round_trip(sentence, encoding, encode):
    decoded = decode_bytes(encode(sentence))
    assert decoded == Decoded(sentence, encoding)  # exact: BOM removed, \r\n kept


def test_python_utf16_codec_writes_a_bom_we_remove():
    decoded = decode_bytes(SENTENCES[0].encode("utf-16"))
    assert decoded.text == SENTENCES[0]
    assert decoded.encoding in ("utf-16-le", "utf-16-be")


@pytest.mark.parametrize("sentence", [*SENTENCES, SENTENCE_WITH_TONED_CAPITALS])
def test_cp1258_round_trip(sentence):
    decoded = decode_bytes(to_cp1258_bytes(sentence))
    assert decoded.encoding == "cp1258"
    assert nfc(decoded.text) == sentence


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_round_trip(sentence, encoding):
    data = to_legacy_bytes(sentence, encoding)
    assert decode_bytes(data) == Decoded(sentence, encoding)
    assert convert_legacy(data.decode("latin-1"), encoding) == sentence


def test_vni_round_trip_with_toned_capitals():
    data = to_legacy_bytes(SENTENCE_WITH_TONED_CAPITALS, "vni")
    assert decode_bytes(data) == Decoded(SENTENCE_WITH_TONED_CAPITALS, "vni")


def test_all_vni_letters_convert():
    letters = "".join(sorted(vietnamese_letters()))
    assert convert_legacy(to_legacy_bytes(letters, "vni").decode("latin-1"), "vni") == letters


def test_cp1258_text_is_kept_as_decoded():
    decoded = decode_bytes(to_cp1258_bytes(SENTENCES[0]))
    assert "\u0323" in decoded.text  # the codec's combining dot below, not normalised away
    assert decoded.text == to_cp1258_bytes(SENTENCES[0]).decode("cp1258")


def test_utf8_text_is_not_normalised_or_stripped():
    text = unicodedata.normalize("NFD", "  Đảng bộ xã\r\n")
    assert decode_bytes(text.encode("utf-8")) == Decoded(text, "utf-8")


def test_ascii_and_whitespace_are_utf8():
    assert decode_bytes(b"Report 2024: 3.274 members\n") == Decoded("Report 2024: 3.274 members\n", "utf-8")
    assert decode_bytes(b" \n\t ") == Decoded(" \n\t ", "utf-8")


def test_windows_punctuation_in_legacy_text_is_cp1252():
    quoted = b"\x93" + to_legacy_bytes("kiểu mẫu", "tcvn3") + b"\x94"
    data = to_legacy_bytes("Xây dựng nông thôn mới ", "tcvn3") + quoted
    assert decode_bytes(data) == Decoded("Xây dựng nông thôn mới “kiểu mẫu”", "tcvn3")


def test_a_few_latin1_symbols_in_ascii_text_still_decode():
    assert decode_bytes(b"Temperature 25\xb0C in May") == Decoded("Temperature 25°C in May", "cp1258")


# --- peer cases (duydev/vietnamese-conversion) --------------------------------------------


def peer_rows() -> list[dict]:
    if not PEER_CASES.exists():
        return []
    lines = PEER_CASES.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def legacy_bytes_of(row: dict) -> bytes:
    try:
        return row["text"].encode("latin-1")
    except UnicodeEncodeError:
        return row["text"].encode("cp1252")


def peer_params():
    rows = peer_rows()
    if not rows:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{PEER_CASES} is absent"))]
    return [pytest.param(row, id=f"{row['encoding']}-{row['case']}-{index}") for index, row in enumerate(rows)]


@pytest.mark.parametrize("row", peer_params())
def test_peer_case(row):
    if row["encoding"] not in encodings.LEGACY_ENCODINGS:
        pytest.skip("VIQR is optional: a 7-bit typing mnemonic, not an encoding reports are stored in")
    assert nfc(decode_bytes(legacy_bytes_of(row)).text) == nfc(row["expected"])
    assert decode_bytes(legacy_bytes_of(row)).encoding == row["encoding"]
    assert nfc(convert_legacy(row["text"], row["encoding"])) == nfc(row["expected"])
    assert detect_legacy_text(row["text"]) == row["encoding"]


def test_peer_pass_rate():
    rows = [row for row in peer_rows() if row["encoding"] in encodings.LEGACY_ENCODINGS]
    if not rows:
        pytest.skip(f"no tcvn3/vni rows in {PEER_CASES}")
    passed = sum(peer_row_passes(row) for row in rows)
    print(f"\npeer vietnamese_conversion tcvn3/vni: {passed}/{len(rows)} pass")
    assert passed == len(rows)  # no case is deliberately disagreed with


def peer_row_passes(row: dict) -> bool:
    try:
        decoded = decode_bytes(legacy_bytes_of(row))
    except DecodeError:
        return False
    expected = nfc(row["expected"])
    return (
        decoded.encoding == row["encoding"]
        and nfc(decoded.text) == expected
        and convert_legacy(row["text"], row["encoding"]) == expected
    )


# --- detect_legacy_text -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xin chµo c¸c b¹n", "tcvn3"),
        ("Xin chaøo caùc baïn", "vni"),
        ("§¶ng bé x· Mai S¬n cã 3.274 ®¶ng viªn", "tcvn3"),
        ("Ñaûng boä xaõ Mai Sôn coù 3.274 ñaûng vieân", "vni"),
        ("Xin chào các bạn", None),
        (unicodedata.normalize("NFD", SENTENCES[1]), None),
        ("The commune reported 3,274 party members.", None),
        ("café crème brûlée", None),
        ("", None),
    ],
)
def test_detect_legacy_text(text, expected):
    assert detect_legacy_text(text) == expected


def test_detect_legacy_text_on_our_round_trip_sentences():
    for sentence in SENTENCES:
        for encoding in encodings.LEGACY_ENCODINGS:
            assert detect_legacy_text(to_legacy_bytes(sentence, encoding).decode("latin-1")) == encoding
        assert detect_legacy_text(sentence) is None


def test_convert_legacy_rejects_unknown_encoding():
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        convert_legacy("abc", "viqr")


# --- errors -------------------------------------------------------------------------------


def test_empty_file():
    with pytest.raises(DecodeError, match="empty") as error:
        decode_bytes(b"")
    assert "empty" in error.value.reason
    assert isinstance(error.value, ValueError)


@pytest.mark.parametrize(
    "data",
    [
        b"abc\x00def",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x02",
        b"\x89PNG\r\n\x1a\n",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"\x01\x02\x03text\x04\x05\x06\x07\x08",
    ],
)
def test_binary_data(data):
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(data)


@pytest.mark.parametrize("seed", range(5))
def test_random_high_bytes_fit_nothing(seed):
    rng = random.Random(seed)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(400))
    with pytest.raises(DecodeError, match="undecodable"):
        decode_bytes(data)


def test_invalid_utf8_after_bom():
    with pytest.raises(DecodeError, match="undecodable"):
        decode_bytes(b"\xef\xbb\xbfabc\xff")


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_only_raise_decode_error(data):
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        assert error.reason
    else:
        assert isinstance(decoded.text, str)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=300))
def test_arbitrary_latin1_text_only_raises_decode_error(text):
    try:
        decode_bytes(text.encode("latin-1"))
    except DecodeError as error:
        assert error.reason


# --- size sanity (not timed: a quadratic path would show up as a slow suite) --------------


def test_large_inputs_decode():
    paragraph = " ".join(SENTENCES) + "\n"
    big_text = paragraph * (1_000_000 // len(paragraph.encode("utf-8")) + 1)
    assert decode_bytes(big_text.encode("utf-8")).text == big_text
    big_vni = to_legacy_bytes(big_text[:300_000], "vni")
    assert decode_bytes(big_vni).text == big_text[:300_000]
