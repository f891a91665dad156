"""PDF, OCR (scanned PDF and images), DOCX and legacy-font inputs: fixtures are built at test
time from passages of the corpus report, and extraction on each must match extraction on the
plain text of the same passage."""

from __future__ import annotations

import io
import shutil
import sys
import subprocess
import unicodedata
from collections import Counter

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.errors import InputError
from extractor.reading import encodings, read_document
from extractor.reading import ocr
from extractor.reading.docx import Numbering, format_number
from extractor.reading.pages import page_number, running_lines
from extractor.reading.pdf import _Line, convert_font_text, join_hyphenated, legacy_font_encodings
from extractor.records import extract_records
from tests import fixtures_build as build


def tesseract_has_vietnamese() -> bool:
    command = shutil.which("tesseract")
    if command is None:
        return False
    listed = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=60)
    return "vie" in listed.stdout.split()


needs_tesseract = pytest.mark.skipif(
    not tesseract_has_vietnamese(),
    reason="Tesseract with its Vietnamese model is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)",
)
MIN_OCR_RECALL = 0.95


@pytest.fixture(scope="module")
def passages(corpus_raw):
    return build.corpus_passages(corpus_raw)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return tmp_path_factory.mktemp("archive_inputs")


def write(folder, name: str, data: bytes | str):
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


def quantities(records) -> Counter:
    return Counter(
        (r["value"], r["low"], r["high"], r.get("denominator"), r["unit"], r["kind"], r["in_footnote"])
        for r in records if r["type"] == "quantity"
    )


def footnotes(records) -> list[tuple[str, str]]:
    return [(r["marker"], " ".join(r["text"].split())) for r in records if r["type"] == "footnote"]


def sections(records) -> list[tuple]:
    return [(r["label"], r["title"], r["level"]) for r in records if r["type"] == "section"]


def recall(found: Counter, expected: Counter) -> float:
    return sum((found & expected).values()) / sum(expected.values())


def to_legacy(text: str, encoding: str) -> str:
    """Unicode → the Latin-1 characters a legacy font's text layer holds (inverse of our table)."""
    inverse = {letter: legacy for legacy, letter in encodings._load_table(encoding).items()}
    return "".join(inverse.get(char, char) for char in unicodedata.normalize("NFC", text))


LEGACY_LINES = [
    "xã hát lót phát triển mạnh cây ăn quả với 1.866 ha",
    "(tăng 306 ha so với năm 2020), chiếm 57,5% diện tích",
    "đất nông nghiệp, năng suất đạt 20 tấn/ha.",
]


# ---- PDF with a text layer ---------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_case(passages, files):
    pdf = write(files, "two-pages.pdf", build.build_pdf(passages))
    twin = write(files, "two-pages.txt", build.twin_text(passages))
    return pdf, twin


def test_pdf_records_match_the_plain_text(pdf_case):
    pdf, twin = pdf_case
    from_pdf, from_text = extract_records(pdf), extract_records(twin)
    assert sum(quantities(from_text).values()) >= 25
    assert quantities(from_pdf) == quantities(from_text)
    assert footnotes(from_pdf) == footnotes(from_text) == [("3", build.FOOTNOTE_3)]
    note = next(r for r in from_pdf if r["type"] == "footnote")
    assert read_document(pdf).text[note["ref_start"] - 3:note["ref_end"]] == "ong³"


def test_pdf_raw_text_has_pages_markers_and_footnote_zone(pdf_case):
    document = read_document(pdf_case[0])
    text, pages = document.text, document.pages
    assert document.encoding == "pdf" and document.page_confidence == ()
    assert len(pages) == 2 and text.count("\f") == 1
    assert pages[0] == (0, text.index("\f")) and pages[1] == (text.index("\f") + 1, len(text))
    first, second = (text[start:end] for start, end in pages)
    lines = first.split("\n")
    assert "có 690 đàn ong³. Xã Cò Nòi tổng" in lines[-4]  # the superscript marker glued to its word
    assert lines[-3].startswith("3 Trong đó: Đàn Trâu")  # small print after the body, number first
    assert lines[-1] == "1"  # the page number, left for the cleaner
    assert "đạt từ 75-95 triệu đồng/ha" in first  # hyphenated over a line end, joined
    assert "Sơn" in build.HEADER and second.startswith(build.HEADER + "\nđàn 752.000 con")
    assert page_number(pages, text.index("1.866 ha")) == 1 and page_number(pages, text.index("752.000")) == 2
    assert page_number((), 5) is None


def test_running_header_lines_are_found(pdf_case):
    document = read_document(pdf_case[0])
    found = [document.text[start:end] for start, end in running_lines(document.text, document.pages)]
    assert found.count(build.HEADER) == 2
    assert set(found) <= {build.HEADER, "1", "2"}


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_pdf_with_legacy_font_text_is_converted(files, encoding):
    lines = [to_legacy(line, encoding) for line in LEGACY_LINES]
    assert lines != LEGACY_LINES
    document = read_document(write(files, f"legacy-{encoding}.pdf", build.build_text_pdf(lines)))
    assert document.encoding == f"pdf+{encoding}"
    assert document.text == "\n".join(LEGACY_LINES)


def test_legacy_font_names_and_upper_case_fonts():
    assert convert_font_text(to_legacy("xã hội", "tcvn3"), ".VnTimeH", "tcvn3") == "XÃ HỘI"
    assert convert_font_text(to_legacy("xã hội", "tcvn3"), ".VnTime", "tcvn3") == "xã hội"
    short = {"ABCDEF+.VnTime".split("+")[1]: to_legacy("hội", "tcvn3"), "Arial": "café"}
    assert legacy_font_encodings(short) == {".VnTime": "tcvn3"}  # too short to detect: the name says
    assert legacy_font_encodings({"Times New Roman": "Xã hội phát triển"}) == {}


def test_hyphenation_rules():
    def lines(*texts, size=11.0):
        return [_Line(top=20.0 * n, bottom=20.0 * n + 12, text=t, size=size) for n, t in enumerate(texts)]

    assert join_hyphenated(lines("số 57/2023/NQ-", "HĐND ngày 18/4")) == ["số 57/2023/NQ-HĐND ngày 18/4"]
    assert join_hyphenated(lines("kinh tế-", "xã hội")) == ["kinh tế-xã hội"]
    assert join_hyphenated(lines("Covid\u00ad", "ba")) == ["Covidba"]
    assert join_hyphenated(lines("quan hệ Lào-", "Việt Nam")) == ["quan hệ Lào-", "Việt Nam"]
    assert join_hyphenated(lines("kinh tế -", "xã hội")) == ["kinh tế -", "xã hội"]  # a dash, not a hyphen
    footnote_below = [_Line(0, 12, text="đạt 75-", size=11), _Line(14, 22, text="3 Trong đó", size=8)]
    assert join_hyphenated(footnote_below) == ["đạt 75-", "3 Trong đó"]


# ---- OCR -----------------------------------------------------------------------------------


@needs_tesseract
def test_ocr_of_a_300_dpi_image_recovers_the_quantities(passages, files):
    lines = [*passages.farming, *map(build.plain, passages.livestock)]
    image = write(files, "scan.png", build.image_bytes(build.render_image(lines), "PNG"))
    twin = write(files, "scan.txt", "\n".join(lines) + "\n")
    document = read_document(image)
    assert document.encoding == "ocr" and len(document.pages) == 1
    assert len(document.page_confidence) == 1 and 80 <= document.page_confidence[0] <= 100
    expected, found = quantities(extract_records(twin)), quantities(extract_records(document))
    assert sum(expected.values()) >= 20
    print(f"OCR quantities recovered: {sum((found & expected).values())}/{sum(expected.values())}")
    assert recall(found, expected) >= MIN_OCR_RECALL, (found - expected, expected - found)
    assert "Xã Hát Lót phát triển mạnh" in unicodedata.normalize("NFC", document.text)


@needs_tesseract
def test_pdf_page_without_text_layer_is_ocrd(passages, files):
    lines = passages.farming[4:7]
    pdf = write(files, "scanned.pdf", build.build_scanned_pdf(build.render_image(lines)))
    document = read_document(pdf)
    assert document.encoding == "pdf+ocr"
    assert len(document.page_confidence) == 1 and document.page_confidence[0] >= 80
    expected = quantities(extract_records(write(files, "scanned.txt", "\n".join(lines) + "\n")))
    assert recall(quantities(extract_records(document)), expected) >= MIN_OCR_RECALL


@needs_tesseract
def test_multi_page_tiff_and_jpeg(files):
    first = build.render_image(["Xã Hát Lót có 1.866 ha cây ăn quả."])
    second = build.render_image(["Xã Cò Nòi có 5.307 ha cây trồng."])
    tiff = read_document(write(files, "two.tif", build.image_bytes(first, "TIFF", frames=[second])))
    assert len(tiff.pages) == 2 and len(tiff.page_confidence) == 2 and tiff.text.count("\f") == 1
    assert [q[0] for q in quantities(extract_records(tiff))] == [1866, 5307]
    jpeg = read_document(write(files, "one.jpg", build.image_bytes(second.convert("RGB"), "JPEG")))
    assert "5.307 ha" in jpeg.text


def test_missing_tesseract_says_how_to_install(files, monkeypatch):
    image = write(files, "needs-ocr.png", build.image_bytes(build.render_image(["Xã Hát Lót"]), "PNG"))
    ocr.tesseract_command.cache_clear()
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(InputError) as error:
        read_document(image)
    ocr.tesseract_command.cache_clear()
    assert image in str(error.value) and "apt-get install tesseract-ocr tesseract-ocr-vie" in str(error.value)


@needs_tesseract
def test_missing_vietnamese_model_is_named(files, monkeypatch):
    image = write(files, "needs-vie.png", build.image_bytes(build.render_image(["Xã Hát Lót"]), "PNG"))
    ocr.tesseract_command.cache_clear()
    monkeypatch.setattr(ocr, "LANGUAGE", "zzz")
    with pytest.raises(InputError, match="no Vietnamese model"):
        read_document(image)
    ocr.tesseract_command.cache_clear()


def test_tesseract_tsv_to_lines_and_confidence():
    tsv = "\n".join([
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
        "4\t1\t1\t1\t1\t0\t0\t0\t9\t9\t-1\t",
        "5\t1\t1\t1\t1\t1\t0\t0\t9\t9\t90\tXã",
        "5\t1\t1\t1\t1\t2\t0\t0\t9\t9\t80\tHát",
        "5\t1\t1\t1\t2\t1\t0\t0\t9\t9\t70\t1.866",
        "5\t1\t1\t1\t2\t2\t0\t0\t9\t9\t-1\t ",
    ])
    page = ocr.page_from_tsv(tsv)
    assert page.text == "Xã Hát\n1.866" and page.confidence == 80.0
    assert ocr.page_from_tsv("level\n") == ocr.OcrPage("", 0.0)


# ---- DOCX -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docx_case(passages, files):
    docx = write(files, "report.docx", build.zip_bytes(build.docx_parts(passages)))
    twin = write(files, "report.txt", build.docx_twin_text(passages) + "\n")
    return docx, twin


def test_docx_text_shows_numbering_and_footnote(docx_case, passages):
    document = read_document(docx_case[0])
    assert document.encoding == "docx" and document.pages == ((0, len(document.text)),)
    assert document.text == build.docx_twin_text(passages)


def test_docx_records_match_the_plain_text(docx_case):
    docx, twin = docx_case
    from_docx, from_text = extract_records(docx), extract_records(twin)
    assert quantities(from_docx) == quantities(from_text)
    assert footnotes(from_docx) == footnotes(from_text) == [("1", "1 " + build.FOOTNOTE_3[2:])]
    assert sections(from_docx) == sections(from_text)
    assert [s[0] for s in sections(from_docx)] == ["I", "2", "2.1", "2.1.1", "2.2", "2.2.1"]


def test_docx_rendered_page_break_splits_pages_and_places_footnotes(passages, files, docx_case):
    docx = write(files, "paged.docx", build.zip_bytes(build.docx_parts(passages, rendered_break=True)))
    document = read_document(docx)
    assert len(document.pages) == 2
    first = document.text[slice(*document.pages[0])]
    assert first.endswith("Xã Cò Nòi tổng\n1 " + build.FOOTNOTE_3[2:])
    from_docx, from_text = extract_records(document), extract_records(docx_case[1])
    assert quantities(from_docx) == quantities(from_text)
    assert footnotes(from_docx) == footnotes(from_text)


def test_docx_legacy_font_run_is_converted(passages, files):
    legacy = (to_legacy(LEGACY_LINES[0], "tcvn3"), ".VnTime")
    docx = write(files, "legacy.docx", build.zip_bytes(build.docx_parts(passages, legacy_run=legacy)))
    document = read_document(docx)
    assert document.encoding == "docx+tcvn3"
    assert document.text.endswith("\n" + LEGACY_LINES[0])
    assert "Kết quả thực hiện" in document.text  # Unicode runs untouched


def test_docx_tables_superscripts_and_breaks(files):
    def cell(text):
        return f"<w:tc>{build._paragraph(build._run(text))}</w:tc>"

    superscript = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>2</w:t></w:r>'
    body = "".join([
        build._paragraph(build._run("Diện tích rừng 25 km") + superscript + build._run(" trồng mới.")),
        f"<w:tbl><w:tr>{cell('Chỉ tiêu')}{cell('Kết quả')}</w:tr><w:tr>{cell('Hộ nghèo')}{cell('3,1%')}</w:tr></w:tbl>",
        build._paragraph(build._run("Dòng một") + "<w:r><w:br/></w:r>" + build._run("dòng hai")),
        build._paragraph(build._run("Trang sau") + '<w:r><w:br w:type="page"/></w:r>' + build._run("trang ba")),
        build._paragraph('<w:del><w:r><w:delText>đã xoá</w:delText></w:r></w:del>'
                         '<w:r><w:instrText> PAGE </w:instrText></w:r>' + build._run("còn lại")),
    ])
    document = f'<w:document {build.NS}><w:body>{body}</w:body></w:document>'
    raw = read_document(write(files, "shapes.docx", build.zip_bytes({"word/document.xml": document})))
    assert raw.text == "Diện tích rừng 25 km² trồng mới.\nChỉ tiêu\tKết quả\nHộ nghèo\t3,1%\nDòng một\ndòng hai\nTrang sau\ftrang ba\ncòn lại"
    assert len(raw.pages) == 2


@pytest.mark.parametrize(
    "number, fmt, shown",
    [(4, "upperRoman", "IV"), (14, "lowerRoman", "xiv"), (2, "lowerLetter", "b"), (27, "upperLetter", "AA"),
     (3, "decimalZero", "03"), (7, "decimal", "7"), (5, "vietnameseCounting", "5")],
)
def test_number_formats(number, fmt, shown):
    assert format_number(number, fmt) == shown


def test_numbering_restarts_and_legal_style():
    from xml.etree import ElementTree

    from extractor.reading.docx import Styles

    xml = (
        f'<w:numbering {build.NS}><w:abstractNum w:abstractNumId="1">'
        + build._level(0, "upperRoman", "%1.")
        + build._level(1, "decimal", "%1.%2.").replace("<w:start", "<w:isLgl/><w:start")
        + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        "</w:numbering>"
    )
    numbering = Numbering(ElementTree.fromstring(xml), Styles(None))
    shown = [numbering.label("1", 0), numbering.label("1", 1), numbering.label("1", 1), numbering.label("1", 0),
             numbering.label("1", 1), numbering.label("2", 0)]
    assert shown == ["I. ", "1.1. ", "1.2. ", "II. ", "2.1. ", "V. "]


# ---- bad inputs -----------------------------------------------------------------------------


def bad_inputs(passages) -> dict[str, tuple[bytes, str]]:
    good_pdf = build.build_text_pdf(["Xã Hát Lót có 1.866 ha cây ăn quả."])
    good_docx = build.zip_bytes(build.docx_parts(passages))
    png = build.image_bytes(build.render_image(["Xã Hát Lót"]), "PNG")
    return {
        "encrypted.pdf": (build.build_encrypted_pdf(LEGACY_LINES), "encrypted PDF"),
        "truncated.pdf": (good_pdf[: len(good_pdf) // 2], "truncated PDF"),
        "corrupt.pdf": (b"%PDF-1.4\n" + bytes(range(256)) * 20 + b"\n%%EOF\n", "corrupt PDF"),
        "not-a-pdf.pdf": (b"Xin chao", "not a PDF"),
        "blank-pages.pdf": (build.build_blank_pdf(2), "no text in any of its 2 page(s)"),
        "empty.pdf": (b"", "empty file"),
        "other-zip.docx": (build.zip_bytes({"data/table.csv": "a,b\n1,2\n"}), "not a Word document"),
        "text.docx": (b"Xin chao", "not a ZIP archive"),
        "truncated.docx": (good_docx[: len(good_docx) // 2], "truncated or corrupt ZIP"),
        "password.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "encrypted (password-protected) or legacy"),
        "bad-xml.docx": (build.zip_bytes({"word/document.xml": "<w:document><w:body>"}), "not well-formed XML"),
        "empty-body.docx": (build.zip_bytes({"word/document.xml": f"<w:document {build.NS}><w:body><w:p/></w:body></w:document>"}), "no text"),
        "text.png": (b"this is not an image", "not a readable image"),
        "truncated.png": (png[: len(png) // 2], "truncated or corrupt image"),
        "pdf-named.jpg": (good_pdf, "the data is a PDF document"),
    }


def test_each_bad_input_is_a_clear_input_error(passages, files):
    for name, (data, reason) in bad_inputs(passages).items():
        path = write(files, name, data)
        with pytest.raises(InputError) as error:
            extract_records(path)
        assert str(error.value).startswith(f"{path}: ") and reason in error.value.reason, (name, str(error.value))


def test_batch_goes_on_past_bad_archive_files(pdf_case, files):
    bad = write(files, "cut.pdf", open(pdf_case[0], "rb").read()[:500])
    result = CliRunner().invoke(main, ["extract", bad, pdf_case[0], "--format", "jsonl"])
    assert result.exit_code == 1
    assert f"{bad}: truncated PDF" in result.output and "Traceback" not in result.output
    assert '"doc_id": "two-pages"' in result.output or '"doc_id":"two-pages"' in result.output


# ---- wiring into records and the cleaner ----------------------------------------------------


def test_pdf_records_carry_their_page_and_running_headers_are_removed(pdf_case):
    from extractor.cleaning import clean_document

    document = read_document(pdf_case[0])
    records = extract_records(document)
    assert records[0]["pages"] == 2
    by_text = {r["text"]: r for r in records if r["type"] == "quantity"}
    assert by_text["1.866 ha"]["page"] == 1 and by_text["752.000 con"]["page"] == 2
    assert all(isinstance(r["page"], int) for r in records[1:])
    cleaned = clean_document(document)
    assert build.HEADER not in cleaned.text  # glued into a paragraph running over the page break otherwise
    assert "running_header" in {r.reason for r in cleaned.removed}


def test_docx_lines_are_paragraphs(docx_case):
    from extractor.cleaning import clean_document

    document = read_document(docx_case[0])
    cleaned = clean_document(document)
    body = [p for p in cleaned.paragraphs if p.kind != "footnote"]
    note_lines = {document.text[n.start:n.end].split("\n")[0] for n in cleaned.footnotes}
    raw_lines = [line for line in document.text.split("\n") if line.strip() and line not in note_lines]
    assert len(body) == len(raw_lines)  # one paragraph per DOCX paragraph, none merged
    for paragraph, line in zip(body, raw_lines):
        assert document.text[paragraph.raw_start:paragraph.raw_end] == line.strip()


def _tsv(words: list[tuple[str, int, int]], height: int = 50) -> str:
    """Tesseract TSV for one line of words (text, left, width)."""
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"]
    rows += [f"5\t1\t1\t1\t1\t{n}\t{left}\t100\t{width}\t{height}\t95\t{text}" for n, (text, left, width) in enumerate(words, 1)]
    return "\n".join(rows)


@pytest.mark.parametrize("words, line", [
    ([("đạt", 0, 80), ("108.", 100, 90), ("452", 193, 70), ("con", 280, 70)], "đạt 108.452 con"),  # 3 px apart: one number
    ([("514,", 0, 90), ("9", 92, 20), ("ha", 130, 40)], "514,9 ha"),
    ([("năm", 0, 90), ("2020,", 110, 110), ("306", 240, 70), ("ha", 330, 40)], "năm 2020, 306 ha"),  # a real space
])
def test_ocr_rejoins_numbers_split_at_their_separator(words, line):
    from extractor.reading.ocr import page_from_tsv

    assert page_from_tsv(_tsv(words)).text == line


@pytest.mark.parametrize("pages, expected", [
    (["I- ĐẶC ĐIỂM\nH- KẾT QUẢ\nIII- NHIỆM VỤ"], ["I- ĐẶC ĐIỂM\nII- KẾT QUẢ\nIII- NHIỆM VỤ"]),  # "H" for "II"
    (["IV- A\nl- B", "VI- C"], ["IV- A\nV- B", "VI- C"]),  # across pages
    (["5.3. Về kinh tế\n9.4. Về xã hội\n5.5. Về môi trường"], ["5.3. Về kinh tế\n5.4. Về xã hội\n5.5. Về môi trường"]),
    (["5.3. Về kinh tế\n9.4. Về xã hội\n9.5. Về môi trường"], ["5.3. Về kinh tế\n9.4. Về xã hội\n9.5. Về môi trường"]),  # a part 9
    (["I- A\nH- B"], ["I- A\nH- B"]),  # no label after it: nothing fixes the value
    (["Năm 2020 đạt 5.3 ha\n9.4 ha trồng mới"], ["Năm 2020 đạt 5.3 ha\n9.4 ha trồng mới"]),  # figures, not labels
])
def test_ocr_heading_labels_mended_from_their_sequence(pages, expected):
    from extractor.reading.ocr import repair_heading_labels

    assert repair_heading_labels(pages, set(range(len(pages)))) == expected


@pytest.mark.parametrize("text, expected", [
    # the variant makes a word the report writes elsewhere ("tổng số"), and is the commoner syllable
    ("Tổng số hộ là 500. Xã Cò Nòi có tống số 5.307 ha.", "Tổng số hộ là 500. Xã Cò Nòi có tổng số 5.307 ha."),
    # a reading that is almost no syllable, far rarer than its variant, which the report writes more
    ("Tỷ lệ hộ nghèo giảm; hộ nghẻo còn 3%, hộ nghèo mới 10 hộ.", "Tỷ lệ hộ nghèo giảm; hộ nghèo còn 3%, hộ nghèo mới 10 hộ."),
    ("Chánh án tống đạt văn bản.", "Chánh án tống đạt văn bản."),  # a word as it is
    ("Phường Đông có 40 hộ.", "Phường Đông có 40 hộ."),  # names, digits untouched
    ("tống số 12", "tống số 12"),  # no other "tổng số" in the document: no evidence
])
def test_ocr_tone_marks_mended_only_on_evidence(text, expected):
    from extractor.reading.ocr import repair_tone_marks

    assert repair_tone_marks(text) == expected


def test_tone_mending_leaves_correct_reports_alone():
    """On the corpus texts (typed, not OCR'd), almost nothing changes: the rule needs evidence."""
    import glob
    from pathlib import Path

    from extractor.reading.ocr import repair_tone_marks
    from tests.conftest import ROOT

    words = changed = 0
    for path in sorted(glob.glob(str(ROOT / "corpora" / "*.txt"))):
        text = unicodedata.normalize("NFC", Path(path).read_text(encoding="utf-8"))
        before, after = text.split(), repair_tone_marks(text).split()
        words += len(before)
        changed += sum(1 for a, b in zip(before, after) if a != b)
    assert words > 30_000 and changed <= 5  # 4 today, two of them the source's own typos ("tiêp", "mạnh mẻ")


SCANNED_REPORT = [
    (["I- ĐẶC ĐIỂM TÌNH HÌNH", "Xã có diện tích tự nhiên 12.345 ha, dân số 25.600 người" + build.SUP + "1.",
      "Cơ cấu kinh tế chuyển dịch đúng hướng, tỷ trọng dịch vụ tăng" + build.SUP + "2.",
      "II- KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT", "1. Về kinh tế",
      "Tổng giá trị sản xuất đạt 1.184 tỷ đồng, tăng bình quân 14,7%/năm" + build.SUP + "3.",
      "Thu ngân sách trên địa bàn đạt 56,6 tỷ đồng, vượt kế hoạch" + build.SUP + "4."],
     ["1 Theo số liệu thống kê năm 2024 của Chi cục Thống kê.", "2 Dịch vụ chiếm 45,2%; công nghiệp chiếm 30,1%.",
      "3 Nông nghiệp tăng 4,5%; dịch vụ tăng 18,2%.", "4 Đạt 127% so với dự toán tỉnh giao."]),
    (["2. Về văn hóa - xã hội", "Tỷ lệ hộ nghèo giảm còn 1,5%, đạt mục tiêu Nghị quyết" + build.SUP + "5.",
      "Tỷ lệ tham gia bảo hiểm y tế đạt 95,6%" + build.SUP + "6.", "III- NHIỆM VỤ, GIẢI PHÁP",
      "1. Phát triển kinh tế nhanh và bền vững" + build.SUP + "7.", "2. Chăm lo đời sống Nhân dân" + build.SUP + "8."],
     ["5 Còn 96 hộ nghèo theo chuẩn đa chiều.", "6 Tổng số thẻ đã cấp là 24.480 thẻ.",
      "7 Tập trung vào 3 khâu đột phá.", "8 Ưu tiên 12 xã đặc biệt khó khăn."]),
]


@needs_tesseract
def test_speckled_200_dpi_scan_keeps_the_structure(files):
    """A typeset two-page report (headings, 8 footnotes under a rule, running header, page
    numbers), scanned at 200 dpi with 0.6° skew and speckle noise: its headings, footnotes and
    figures come back as from the typeset PDF."""
    typeset = build.build_footnoted_pdf(SCANNED_REPORT)
    typed = extract_records(read_document(write(files, "typeset.pdf", typeset)))
    scanned_document = read_document(write(files, "scanned-report.pdf", build.scan(typeset)))
    assert scanned_document.encoding == "pdf+ocr"
    scanned = extract_records(scanned_document)

    def sections(records):
        return [(r["label"], r["level"], r["title"]) for r in records if r["type"] == "section"]

    from difflib import SequenceMatcher

    assert len(sections(typed)) == 7 and len(sections(scanned)) == 7
    for (label, level, title), (read_label, read_level, read_title) in zip(sections(typed), sections(scanned)):
        assert (read_label, read_level) == (label, level)  # labels mended, levels as typeset
        assert SequenceMatcher(None, title, read_title).ratio() >= 0.9, (title, read_title)  # a stray mark at most
    linked = [r["marker"] for r in scanned if r["type"] == "footnote"]
    assert len(linked) >= 7, linked  # raised markers recovered from the page image
    values = lambda records: Counter(r["value"] for r in records if r["type"] == "quantity" and r["value"] is not None)
    assert not values(typed) - values(scanned)  # no figure lost (split numbers rejoined, tone marks mended)


def _huge_page_pdf() -> bytes:
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF(unit="pt", format=(14400, 14400))  # a 200 × 200 inch page, with an image and no text
    pdf.add_page()
    image = io.BytesIO()
    Image.new("L", (100, 100), 255).save(image, format="PNG")
    pdf.image(image, x=0, y=0, w=200, h=200)
    return bytes(pdf.output())


def _pixel_bomb_png() -> bytes:
    from PIL import Image

    image = io.BytesIO()
    Image.new("1", (24000, 24000), 1).save(image, format="PNG", optimize=True)  # 576 megapixels in 100 KB
    return image.getvalue()


@pytest.mark.parametrize("name, build_file, reason", [
    ("huge-page.pdf", _huge_page_pdf, "page 1 is too large to OCR"),
    ("bomb.png", _pixel_bomb_png, "image too large (limit 150,000,000; raise with --max-image-pixels)"),
    ("roman.docx", lambda: build.numbering_bomb_docx(10**13, "upperRoman"),
     "list numbering reaches 10,000,000,000,000 (limit 32,767; raise with --max-list-number)"),
    ("letters.docx", lambda: build.numbering_bomb_docx(10**30, "lowerLetter"), "raise with --max-list-number"),
    ("decimal.docx", lambda: build.numbering_bomb_docx(10**10, "decimal"), "raise with --max-list-number"),
    ("stream.pdf", lambda: build.stream_bomb_pdf(300 << 20), "(limit 100,000,000; raise with --max-stream-bytes)"),
    ("frames.tif", lambda: build.many_frame_tiff(12, (17_000, 17_000)), "image frame 1 is 17,000 × 17,000 pixels"),
    ("many-frames.tif", lambda: build.many_frame_tiff(400, (64, 64)), "(limit 300; raise with --max-ocr-pages)"),
])
def test_files_that_expand_are_refused_before_the_work(files, name, build_file, reason):
    """Measured in a subprocess: a clear one-line error, and the process stays small (VmHWM: the
    peak of its own memory, which, unlike ru_maxrss, does not inherit the test process's peak)."""
    path = write(files, name, build_file())
    code = ("import sys\nfrom extractor.reading import read_document\nfrom extractor.errors import InputError\n"
            "try:\n    read_document(sys.argv[1])\nexcept InputError as error:\n    print(error)\n"
            "print(next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')))")
    done = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, timeout=120)
    message, peak_kb = done.stdout.strip().splitlines()
    assert reason in message and int(peak_kb) < 400_000, (message, peak_kb)


def test_each_limit_is_a_setting_named_in_its_error(files, tmp_path):
    """The limits are options of every reading command; the error names the option that raises it."""
    pdf = write(files, "three-pages.pdf", build.build_blank_pdf(pages=3))
    text = write(files, "report.txt", "Xã có 12 hộ nghèo. " * 100)
    runner = CliRunner()
    refused = runner.invoke(main, ["extract", "--max-pages", "2", pdf])
    assert refused.exit_code == 1 and "PDF has 3 pages (limit 2; raise with --max-pages)" in refused.output
    refused = runner.invoke(main, ["extract", "--max-chars", "500", text])
    assert refused.exit_code == 1 and "(limit 500; raise with --max-chars)" in refused.output
    for command in ("clean", "sections", "indicators", "view"):
        refused = runner.invoke(main, [command, "--max-chars", "500", text])
        assert refused.exit_code == 1 and "raise with --max-chars" in refused.output, (command, refused.output)
    raised = runner.invoke(main, ["extract", "--max-chars", "5000", text])
    assert raised.exit_code == 0 and '"value": 12' in raised.output
