"""Legacy Word files (.doc) through LibreOffice and the DOCX reader: the real Youth Union report
of thành phố Hà Tĩnh (31 pages, about 50 Word footnotes, automatic heading numbering)."""

import pytest

from extractor.cleaning import clean_document
from extractor.errors import InputError
from extractor.reading import read_document
from extractor.reading.legacy import converter
from extractor.sections import find_sections
from tests.conftest import ROOT

DOC = ROOT / "corpora" / "ha-tinh_doan-tncs_bao-cao-chinh-tri_2022-2027.doc"
needs_libreoffice = pytest.mark.skipif(
    converter() is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")


@pytest.fixture(scope="module")
def document():
    return read_document(str(DOC))


@needs_libreoffice
def test_doc_reads_with_its_footnotes_linked(document):
    clean = clean_document(document)
    assert document.encoding.endswith("doc converted by LibreOffice")
    assert len(clean.footnotes) == 50
    for note in clean.footnotes:
        assert document.text[note.ref_start:note.ref_end].translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")) == note.marker
        assert note.start < note.end


@needs_libreoffice
def test_doc_automatic_heading_numbers_are_rendered(document):
    tree = [(s.label, s.level) for s in find_sections(clean_document(document))]
    assert tree[:5] == [("Phần thứ nhất", 1), ("I", 2), ("1", 3), ("*", 4), ("*", 4)]  # "*" lines head their parts
    assert ("Phần thứ hai", 1) in tree and ("2.1.1", 5) in tree


def test_missing_libreoffice_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("EXTRACTOR_SOFFICE", str(tmp_path / "no-such-soffice"))
    with pytest.raises(InputError) as error:
        read_document(str(DOC))
    assert str(DOC) in str(error.value) and "apt-get install libreoffice-writer-nogui" in str(error.value)


@needs_libreoffice
def test_a_corrupt_doc_is_a_clear_error(tmp_path):
    broken = tmp_path / "broken.doc"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)  # an OLE signature and nothing else
    with pytest.raises(InputError) as error:
        read_document(str(broken))
    assert "broken.doc" in str(error.value)
