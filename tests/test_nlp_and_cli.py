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


# ---- spaCy, idiomatic: factories, span groups, serialisation ------------------------------------------

SHORT_REPORT = ("ĐẢNG BỘ XÃ MAI SƠN\nI. KẾT QUẢ\nNăm 2024, xã Hát Lót có 1.866 ha cây ăn quả, tăng 12% so với năm 2023.\n"
                "II. CÁC CHỈ TIÊU CHỦ YẾU NHIỆM KỲ 2025 - 2030\n(1) Tỷ lệ hộ nghèo giảm còn dưới 3%.\n")


@pytest.fixture(scope="module")
def short_doc(tmp_path_factory):
    path = tmp_path_factory.mktemp("spacy") / "short.txt"
    path.write_text(SHORT_REPORT, encoding="utf-8")
    return make_doc(str(path))


def _span_view(doc) -> dict:
    return {group: [(span.start_char, span.end_char, span.label_, span._.raw_span) for span in doc.spans[group]]
            for group in ("sections", "places", "quantities", "indicators", "footnotes", "paragraphs")}


def test_components_fill_span_groups_whose_spans_stand_for_records(short_doc):
    doc = short_doc
    assert make_nlp().pipe_names == ["extractor_records", "extractor_sections", "extractor_places",
                                     "extractor_quantities", "extractor_indicators"]
    area = next(span for span in doc.spans["quantities"] if span.text.startswith("1.866"))
    assert (area._.value, area._.unit, area._.place) == (1866, "ha", "xã Hát Lót")
    assert area._.record_id == area._.record["id"] and area._.raw_text == "1.866 ha"
    rise = next(span for span in doc.spans["quantities"] if span.text == "12%")
    assert (rise._.change, rise._.basis, rise._.basis_year, area._.basis) == ("increase", "named_period", 2023, None)
    assert [span.text for span in doc.spans["places"]][:2] == ["XÃ MAI SƠN", "xã Hát Lót"]
    assert doc.spans["places"][1]._.place_code  # a gazetteer code
    assert [span._.label for span in doc.spans["sections"]] == ["I", "II"]
    target = doc.spans["indicators"][0]
    assert target._.role == "target" and "hộ nghèo" in target._.metric
    token = next(token for token in doc if token.text == "1.866")
    assert token._.section_path == ["I"] and doc._.raw_text[slice(*token._.raw_span)] == "1.866"


def test_each_component_can_run_alone(tmp_path):
    from extractor.nlp import convert

    path = tmp_path / "short.txt"
    path.write_text(SHORT_REPORT, encoding="utf-8")
    nlp = make_nlp(components=("extractor_quantities",))
    doc = nlp(convert(str(path), nlp))
    assert len(doc.spans["quantities"]) >= 2 and "sections" not in doc.spans
    with pytest.raises(ValueError, match="make_doc"):
        nlp("Xã có 12 hộ.")  # a plain text has no raw offsets to keep


def test_docbin_with_user_data_round_trips_everything(short_doc):
    from spacy.tokens import DocBin

    stored = DocBin(store_user_data=True)
    stored.add(short_doc)
    nlp = make_nlp()
    (back,) = DocBin().from_bytes(stored.to_bytes()).get_docs(nlp.vocab)
    assert back.text == short_doc.text and back._.raw_text == SHORT_REPORT
    assert _span_view(back) == _span_view(short_doc)
    as_json = lambda records: json.dumps(records, ensure_ascii=False, sort_keys=True)  # msgpack gives tuples for lists
    assert as_json(back._.records) == as_json(short_doc._.records)
    assert back.spans["quantities"][0]._.value == short_doc.spans["quantities"][0]._.value


def test_pipeline_saves_and_loads_from_disk_in_a_fresh_process(short_doc, tmp_path):
    """nlp.to_disk, then spacy.load in a new interpreter that never imports extractor itself: the
    tokenizer and components come back through their entry points."""
    make_nlp().to_disk(tmp_path / "pipeline")
    (tmp_path / "doc.spacy").write_bytes(_doc_bytes(short_doc))
    code = ("import sys, spacy\nfrom spacy.tokens import DocBin\nnlp = spacy.load(sys.argv[1])\n"
            "print(nlp.pipe_names)\nprint([t.text for t in nlp.make_doc('đạt 1.866 ha, 57,5%')])\n"
            "doc = next(DocBin().from_disk(sys.argv[2]).get_docs(nlp.vocab))\n"
            "print(doc.spans['quantities'][0]._.value)")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "pipeline"), str(tmp_path / "doc.spacy")],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    names, tokens, value = done.stdout.splitlines()
    assert "extractor_indicators" in names and "'1.866'" in tokens and "'57,5%'" in tokens
    assert value == str(short_doc.spans["quantities"][0]._.value)


def _doc_bytes(doc) -> bytes:
    from spacy.tokens import DocBin

    stored = DocBin(store_user_data=True)
    stored.add(doc)
    return stored.to_bytes()


def test_pipe_with_two_processes_gives_what_one_gives(tmp_path):
    from extractor.nlp import convert

    nlp = make_nlp()
    paths = []
    for number in range(3):
        path = tmp_path / f"r{number}.txt"
        path.write_text(SHORT_REPORT.replace("1.866", f"1.86{number}"), encoding="utf-8")
        paths.append(str(path))
    converted = [convert(path, nlp) for path in paths]
    one = [_span_view(doc) for doc in nlp.pipe([convert(path, nlp) for path in paths])]
    two = [_span_view(doc) for doc in nlp.pipe(converted, n_process=2, batch_size=1)]
    assert one == two and len(one) == 3


def test_extract_takes_the_reporting_unit_the_user_knows(tmp_path):
    report = tmp_path / "bao-cao.txt"
    report.write_text("Toàn xã có 5 thôn và 1.200 hộ.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(report), "--unit", "xã Tam Hợp, huyện Quỳ Hợp, tỉnh Nghệ An"])
    records = [json.loads(line) for line in result.output.splitlines()]
    assert result.exit_code == 0 and records[0]["unit"] == "xã Tam Hợp" and records[0]["unit_source"] == "given"
    assert {r["place_resolved"] for r in records if r["type"] == "quantity"} == {"xã Tam Hợp"}
    refused = CliRunner().invoke(main, ["extract", str(report), "--unit", "xã Văn Lang"])
    assert refused.exit_code == 2 and "fits 2 units" in refused.output  # a usage error before any file is read


def test_the_documents_term_is_the_latest_its_opening_names():
    """A congress's report reviews the last term and sets the next's targets: its term is the next."""
    from extractor.api import records_from_text

    text = ("Nhiệm kỳ 2020-2025, phường đạt 18/20 chỉ tiêu. Nhiệm kỳ 2025-2030, Đảng bộ phường đề ra 22 chỉ tiêu chủ yếu, "
            "phấn đấu tỷ lệ hộ nghèo dưới 1%.")
    records = records_from_text(text)
    assert records[0]["term"] == "2025-2030"
    assert next(r for r in records if r["type"] == "quantity" and r["text"] == "1%")["goal_year"] == 2030
    assert records_from_text("Sơ kết giữa nhiệm kỳ 2020-2025: đạt 12/18 chỉ tiêu.")[0]["term"] == "2020-2025"
    # a council's term runs a year behind the Party's: it counts only when the opening names no other
    council = ("Đại hội Đảng bộ xã lần thứ I, nhiệm kỳ 2025-2030. Xã chuẩn bị bầu cử đại biểu HĐND xã nhiệm kỳ 2026-2031. "
               "Phấn đấu đến cuối nhiệm kỳ tỷ lệ hồ sơ trực tuyến đạt 90%.")
    records = records_from_text(council)
    assert records[0]["term"] == "2025-2030"
    assert next(r for r in records if r["type"] == "quantity" and r["text"] == "90%")["goal_year"] == 2030
    assert records_from_text("Kỳ họp thứ 5 HĐND xã khóa XXI, nhiệm kỳ 2021-2026.")[0]["term"] == "2021-2026"
