"""The spaCy converter, the tokenizer and the `clean` command."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.nlp import make_doc, make_nlp
from tests.conftest import CORPUS_REPORT


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Xã có 1.866 ha, chiếm 57,5% diện tích", ["Xã", "có", "1.866", "ha", ",", "chiếm", "57,5%", "diện", "tích"]),
        ("cây ăn quả 2.465,2 ha; 12/19 chỉ tiêu", ["cây", "ăn", "quả", "2.465,2", "ha", ";", "12/19", "chỉ", "tiêu"]),
        ("Quyết định số 1513-QĐ/TU ngày 20/6/2025.", ["Quyết", "định", "số", "1513-QĐ/TU", "ngày", "20/6/2025", "."]),
    ],
)
def test_tokenizer_keeps_numbers_and_codes_whole(text, expected):
    assert [t.text for t in make_nlp().make_doc(text)] == expected


@pytest.fixture(scope="module")
def corpus_doc():
    return make_doc(str(CORPUS_REPORT))


def test_doc_spans_map_back_to_raw(corpus_doc, corpus_raw):
    doc = corpus_doc
    assert doc._.doc_id == "mai-son" and doc._.raw_text == corpus_raw
    assert len(doc.spans["footnotes"]) == 11
    assert len(doc.spans["sections"]) == 104 and len(doc.spans["quantities"]) > 400
    third = [s for s in doc.spans["footnotes"] if s.label_ == "f3"][0]
    start, end = third._.raw_span
    assert corpus_raw[start:end].startswith("Trong đó: Đàn Trâu 327 con")
    for token in doc:
        if token.text == "1.866":
            start, end = token._.raw_span
            assert corpus_raw[start:end] == "1.866"
            break
    else:
        pytest.fail("1.866 is not one token")


def test_clean_command_json_has_raw_offsets(corpus_raw):
    result = CliRunner().invoke(main, ["clean", str(CORPUS_REPORT), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert len(report["footnotes"]) == 11
    for note in report["footnotes"]:
        assert corpus_raw[note["ref_start"]:note["ref_end"]] == note["marker"]
    heading = next(p for p in report["paragraphs"] if p["text"].startswith("2.1.1-"))
    assert corpus_raw[heading["start"]:heading["end"]] == "2.1.1-  Sản xuất nông nghiệp, lâm nghiệp và chăn nuôi"


def test_clean_command_reads_stdin():
    result = CliRunner().invoke(main, ["clean", "-"], input="Dòng một \n\n2 \n\ndòng hai.\n".encode("utf-8"))
    assert result.exit_code == 0
    assert result.output.startswith("Dòng một dòng hai.")


@pytest.mark.parametrize(
    "content, reason",
    [(b"", "empty file"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary")],
)
def test_bad_input_is_one_clear_line(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["clean", str(path)])
    assert result.exit_code == 1
    assert str(path) in result.output and reason in result.output
    assert "Traceback" not in result.output


def test_missing_file_and_unsupported_type(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(main, ["clean", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 1 and "no such file" in missing.output
    odd = tmp_path / "report.xyz"
    odd.write_text("x", encoding="utf-8")
    unsupported = runner.invoke(main, ["clean", str(odd)])
    assert unsupported.exit_code == 1 and "unsupported file type" in unsupported.output


def test_cli_hygiene_usage_errors_logging_and_outputs(tmp_path):
    """A table format without a directory is a usage error (exit 2, no traceback); -v adds a line
    per file on stderr; sections and indicators write to -o; the version comes from the package."""
    from importlib.metadata import version

    import extractor

    runner = CliRunner()
    report = tmp_path / "report.txt"
    report.write_text("I. CÁC CHỈ TIÊU CHỦ YẾU NHIỆM KỲ 2025 - 2030\n(1) Tỷ lệ hộ nghèo giảm còn 3%.\n", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(report), "--format", "csv"])
    assert result.exit_code == 2 and "give a directory with -o DIR" in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["-v", "extract", str(report), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0 and f"extractor: info: {report}: " in result.output
    quiet = runner.invoke(main, ["extract", str(report), "-o", str(tmp_path / "out2.jsonl")])
    assert "extractor: info:" not in quiet.output
    for command, shown in (("sections", "CÁC CHỈ TIÊU CHỦ YẾU"), ("indicators", "Tỷ lệ hộ nghèo")):
        out = tmp_path / f"{command}.txt"
        assert runner.invoke(main, [command, str(report), "-o", str(out)]).exit_code == 0
        assert shown in out.read_text(encoding="utf-8")
    assert extractor.__version__ == version("extractor")


def test_subcommands_do_not_import_the_cli_module():
    """batch, query, compare and view share extractor.console, so importing them never pulls in
    (and never circles back to) extractor.cli."""
    code = ("import sys\nimport extractor.batch.commands, extractor.compare.command, extractor.view.command\n"
            "print('extractor.cli' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
