"""`extractor compare`: target indicators and key figures aligned across two reports."""

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.compare import compare_command
from extractor.compare.align import ALIGNED, INCOMPATIBLE, NO_FIGURE, ONLY_ONE, compare_reports
from extractor.compare.loading import load_reports, reports_from_records
from extractor.compare.normalise import fold, load_rules, metric_key, similarity, spell
from extractor.records import extract_records
from extractor.writing import records_to_jsonl
from tests.conftest import CORPUS_REPORT, ROOT, SHARED

# A made-up commune report (after the shape of a Gia Lai commune's 2020-2025 target list): some targets
# match Mai Sơn's in other words, one in an incompatible unit (%/năm against %), some only here.
SON_LANG = """ĐẢNG BỘ HUYỆN KBANG
ĐẢNG BỘ XÃ SƠN LANG

BÁO CÁO CHÍNH TRỊ
CỦA BAN CHẤP HÀNH ĐẢNG BỘ XÃ SƠN LANG KHÓA XIV
TẠI ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ XÃ LẦN THỨ XV, NHIỆM KỲ 2020 - 2025

Phần thứ nhất
KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ 2015 - 2020

Trong nhiệm kỳ, kinh tế của xã Sơn Lang tiếp tục phát triển; tổng diện tích gieo trồng đạt 2.150 ha; thu nhập bình quân đầu người đạt 32 triệu đồng/năm; tỷ lệ lao động qua đào tạo đạt 18,5%.

Phần thứ hai
PHƯƠNG HƯỚNG, NHIỆM VỤ NHIỆM KỲ 2020 - 2025

I- CÁC CHỈ TIÊU CHỦ YẾU
1. Về kinh tế
(1) Thu nhập bình quân đầu người đến năm 2025: 45 triệu đồng/năm.
(2) Tốc độ tăng tổng thu ngân sách nhà nước trên địa bàn bình quân: 8%/năm.
(3) Tổng sản lượng lương thực đến năm 2025: 5.000 tấn.
2. Về văn hóa - xã hội
(4) Tỷ lệ lao động qua đào tạo: trên 20%.
(5) Tỷ lệ người dân tham gia bảo hiểm y tế hằng năm: từ 90% trở lên.
(6) Số trường học đạt chuẩn Quốc gia: 04 trường.
(7) Tỷ lệ hộ dân được sử dụng nước sạch, hợp vệ sinh: 98%.
3. Về quốc phòng - an ninh
(8) Tuyển chọn, gọi công dân nhập ngũ hằng năm đạt 100% chỉ tiêu.
(9) Xã đạt tiêu chuẩn “An toàn về an ninh, trật tự” hằng năm.
"""


@pytest.fixture(scope="module")
def son_lang_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("communes") / "son-lang.txt"
    path.write_text(SON_LANG, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def records(son_lang_path) -> list[dict]:
    return extract_records(str(CORPUS_REPORT)) + extract_records(str(son_lang_path))


@pytest.fixture(scope="module")
def comparison(records):
    return compare_reports(reports_from_records(records, "test"))


def row_named(comparison, wording: str, measure: str = "target"):
    rows = [r for r in comparison.rows if r.measure == measure and wording in [r.metric, *r.variants]]
    assert len(rows) == 1, [(r.metric, r.status) for r in comparison.rows]
    return rows[0]


def by_doc(row) -> dict:
    return {measures[0].source.rsplit("/", 1)[-1]: measures for measures in row.cells.values()}


def test_trained_labour_aligns_with_both_values_and_locations(comparison, corpus_raw):
    row = row_named(comparison, "Tỷ lệ lao động qua đào tạo")
    assert row.status == ALIGNED and row.unit == "%" and row.report_count == 2
    cells = by_doc(row)
    [mai_son], [son_lang] = cells["mai-son.txt"], cells["son-lang.txt"]
    assert (mai_son.value, mai_son.comparator, mai_son.year, mai_son.item) == (55, "=", 2030, "3.1(5)")
    assert corpus_raw[mai_son.start:mai_son.end] == "55%"  # the cell points at the figure in the raw text
    assert (son_lang.value, son_lang.comparator, son_lang.year) == (20, ">", 2025)
    assert SON_LANG[son_lang.start:son_lang.end] == "20%"


def test_different_wording_and_spelling_still_align(comparison):
    row = row_named(comparison, "Tỷ lệ dân số tham gia Bảo hiểm y tế")
    assert row.status == ALIGNED
    assert "Tỷ lệ người dân tham gia bảo hiểm y tế hằng năm" in [row.metric, *row.variants]  # the original spelling is printed
    values = {name: [m.value for m in measures] for name, measures in by_doc(row).items()}
    assert values == {"mai-son.txt": [96], "son-lang.txt": [90]}


def test_key_quantities_align_by_metric_and_unit(comparison):
    row = row_named(comparison, "thu nhập bình quân đầu người", measure="reported")
    assert row.status == ALIGNED and row.unit == "đồng/năm"
    assert by_doc(row)["son-lang.txt"][0].value == 32_000_000


def test_percent_per_year_is_not_aligned_with_percent(comparison):
    rows = [r for r in comparison.rows if r.key == "code:econ.budget_revenue"]  # aligned by catalogue code
    assert {(r.unit, r.status) for r in rows} == {("%", INCOMPATIBLE), ("%/năm", INCOMPATIBLE)}
    assert all(r.report_count == 1 and r.elsewhere for r in rows)


def test_what_cannot_be_aligned_is_listed(comparison):
    unaligned = {(r.metric, r.status) for r in comparison.unaligned}
    as_written = {(name, r.status) for r in comparison.unaligned for name in [r.metric, *r.variants]}
    assert ("Tổng sản lượng lương thực", ONLY_ONE) in as_written  # row "Sản lượng lương thực" (agri.food_output)
    assert ("Sản lượng một số cây trồng chủ yếu", ONLY_ONE) in as_written
    # the same catalogue indicator in two reports, once as a count of schools, once as a share: kept apart
    assert ("Số trường học đạt chuẩn Quốc gia", INCOMPATIBLE) in as_written
    assert any(status == NO_FIGURE for _, status in unaligned)  # Sơn Lang's item (9) states no figure
    poverty = [m for r in comparison.rows for ms in r.cells.values() for m in ms if m.value == 0 and m.unit == "hộ"]
    assert poverty  # "không còn hộ nghèo" is a target of 0 hộ, comparable with another report's count
    assert all(r.status != ALIGNED for r in comparison.unaligned) and all(r.report_count >= 2 for r in comparison.aligned)
    aligned_measures = {id(m) for r in comparison.aligned for ms in r.cells.values() for m in ms}
    assert not any(id(m) in aligned_measures for r in comparison.unaligned for ms in r.cells.values() for m in ms)


def test_csv_from_jsonl_and_from_dataset_tables_agree(records, tmp_path):
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text(records_to_jsonl(records), encoding="utf-8")
    dataset = tmp_path / "dataset"
    write_dataset(records, dataset)
    tables = []
    for source in (jsonl, dataset):
        out = tmp_path / f"{source.stem}.csv"
        result = CliRunner().invoke(compare_command, [str(source), "-o", str(out)])
        assert result.exit_code == 0, result.output
        tables.append(list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))))
    from_jsonl, from_dataset = tables
    assert from_jsonl == from_dataset
    header = list(from_jsonl[0])
    assert header[:8] == ["metric", "measure", "unit", "status", "reports", "note", "variants", "metric_key"]
    assert header[8:] == ["xã Mai Sơn 2025–2030", "xã Sơn Lang 2020–2025"]  # reporting unit and term
    labour = next(r for r in from_jsonl if r["metric"] == "Tỷ lệ lao động qua đào tạo" and r["measure"] == "target")
    assert labour["status"] == "aligned"
    assert labour["xã Mai Sơn 2025–2030"].startswith("55 % (2030) @ ") and "item 3.1(5)" in labour["xã Mai Sơn 2025–2030"]
    assert labour["xã Sơn Lang 2020–2025"].startswith("> 20 % (2025) @ ")
    statuses = [r["status"] for r in from_jsonl]
    assert statuses.index("only in one report") > statuses.index("aligned")  # unaligned rows come after


def write_dataset(records: list[dict], directory: Path) -> None:
    """The layout of `extractor batch`: a Parquet table per record type, every row with source and
    sha256, nested fields as JSON text."""
    import pandas as pd

    directory.mkdir()
    documents = {r["doc_id"]: r for r in records if r["type"] == "document"}
    for record_type in ("document", "indicator", "quantity", "section"):
        rows = []
        for record in (r for r in records if r["type"] == record_type):
            document = documents[record["doc_id"]]
            row = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in record.items()}
            rows.append({**row, "source": document["source"], "sha256": document["sha256"]})
        pd.DataFrame(rows).to_parquet(directory / f"{record_type}.parquet", index=False)


def test_metric_filter_is_accent_insensitive(records, tmp_path):
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text(records_to_jsonl(records), encoding="utf-8")
    result = CliRunner().invoke(compare_command, [str(jsonl), "--metric", "LAO DONG qua dao tao"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and all("lao dong qua dao tao" in fold(r["metric"] + " " + r["variants"]) for r in rows)
    assert any(r["metric"] == "Tỷ lệ lao động qua đào tạo" and r["status"] == "aligned" for r in rows)


def compare_into(records, tmp_path, name: str) -> Path:
    """`extractor compare` of the records (as a JSONL file) into tmp_path/name; its path."""
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text(records_to_jsonl(records), encoding="utf-8")
    out = tmp_path / name
    result = CliRunner().invoke(compare_command, [str(jsonl), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_html_is_one_self_contained_page_with_both_listings(records, tmp_path):
    page = compare_into(records, tmp_path, "compare.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<link" not in page and "src=" not in page and "http" not in page
    aligned, unaligned = page.split('id="aligned"')[1].split('id="unaligned"')
    assert "Tỷ lệ lao động qua đào tạo" in aligned and "Tổng sản lượng lương thực" in unaligned
    assert "45\u202f000\u202f000 đồng/năm (2025)" in unaligned  # figures are grouped for reading


def test_bad_inputs_are_named(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"type": "document", "doc_id": "x"}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(compare_command, [str(broken)])
    assert result.exit_code == 1 and f"{broken}: line 2 is not JSON" in result.output
    result = CliRunner().invoke(compare_command, [str(tmp_path)])
    assert result.exit_code == 1 and "no document/indicator/quantity tables" in result.output
    result = CliRunner().invoke(compare_command, [str(broken), "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 1 and "must end in .csv, .html or .parquet" in result.output


@pytest.mark.parametrize("left, right", [
    ("Tỷ lệ lao động qua đào tạo", "tỉ lệ lao động đã qua đào tạo"),
    ("Tỷ lệ người dân tham gia BHYT hàng năm", "Tỷ lệ dân số tham gia bảo hiểm y tế"),
    ("Tỷ lệ thôn, làng văn hoá", "Tỷ lệ thôn, bản văn hóa"),
    ("Tỷ lệ đảng viên HTTNV hằng năm đạt", "đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên"),
    ("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng", "Tỷ lệ suy dinh dưỡng trẻ em dưới 5 tuổi"),
])
def test_same_metric_in_other_words_aligns(left, right):
    assert similarity(metric_key(left), metric_key(right)) >= load_rules().threshold


@pytest.mark.parametrize("left, right", [
    ("Tỷ lệ hộ nghèo", "Tỷ lệ hộ cận nghèo"),
    ("Tổng thu ngân sách", "Tổng chi ngân sách"),
    ("Tỷ lệ người dân tham gia bảo hiểm y tế", "Tỷ lệ người dân tham gia bảo hiểm xã hội tự nguyện"),
    ("Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ", "Tỷ lệ đảng viên hoàn thành xuất sắc nhiệm vụ"),
    ("Tỷ lệ lao động qua đào tạo", "Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ"),
])
def test_different_metrics_do_not_align(left, right):
    assert similarity(metric_key(left), metric_key(right)) < load_rules().threshold


def test_normalisation_is_accent_case_and_tone_placement_insensitive():
    assert spell("Văn Hoá, THUỶ sản") == spell("văn hóa, thủy sản") == "văn hoá, thuỷ sản"
    assert fold("Đào tạo nghề") == "dao tao nghe"
    assert metric_key("Tỷ lệ lao động qua đào tạo đến năm 2030") == "lao dong qua dao tao"
    assert metric_key("Số trường học đạt chuẩn quốc gia giai đoạn 2025-2030") == metric_key("trường đạt chuẩn Quốc gia")


def test_rules_have_unique_ids():
    from importlib import resources

    data = json.loads(resources.files("extractor.compare").joinpath("rules.json").read_text(encoding="utf-8"))
    ids = [rule["id"] for name in ("abbreviations", "synonyms", "drop_patterns", "drop_leading", "drop_anywhere", "unit_groups")
           for rule in data[name]]
    assert len(ids) == len(set(ids))


def test_the_same_file_twice_is_one_column(son_lang_path):
    reports = load_reports([str(son_lang_path), str(son_lang_path)])
    assert len(reports) == 1


@pytest.mark.skipif(not (SHARED / "extra/excerpts/gialai_kbang_sonlang_chitieu_2020_2025.txt").exists(),
                    reason="the shared Kbang excerpt is not beside the repository")
def test_shared_excerpt_aligns_with_the_corpus(records):
    excerpt = SHARED / "extra/excerpts/gialai_kbang_sonlang_chitieu_2020_2025.txt"
    mai_son = [r for r in records if r["doc_id"] == "mai-son"]
    comparison = compare_reports(reports_from_records(mai_son + extract_records(str(excerpt)), "test"))
    row = row_named(comparison, "Tỷ lệ lao động qua đào tạo")
    assert row.status == ALIGNED and sorted(m.value for ms in row.cells.values() for m in ms) == [20, 55]


def test_two_communes_align_on_every_indicator_both_state(records, comparison):
    """Every catalogue indicator that both reports give a target for, at a compatible unit, is one
    aligned row; the list is the one read off the two texts."""
    from extractor.compare.normalise import unit_class

    stated: dict[str, set] = {}
    for record in records:
        if record["type"] == "indicator" and record["role"] == "target":
            targets = [t for t in record["targets"] if t.get("value") is not None or t.get("low") is not None]
            for target in targets:
                code = target.get("indicator_code") or (record.get("indicator_code") if len(targets) == 1 else None)
                if code:
                    stated.setdefault(record["doc_id"], set()).add((code, unit_class(target.get("unit"))))
    both = {code for code, _ in stated["mai-son"] & stated["son-lang"]}
    aligned = {row.key.removeprefix("code:") for row in comparison.aligned if row.measure == "target" and row.key.startswith("code:")}
    assert both == aligned == {"env.clean_water", "soc.health_insurance", "soc.trained_labour"}
    reported = {row.key for row in comparison.aligned if row.measure == "reported"}
    assert "code:econ.income_per_capita" in reported  # figures reported in both (55 and 32 triệu đồng)


def test_charts_render_in_chromium_with_the_rows_values(comparison, tmp_path):
    """Each aligned row's chart: its values as data, drawn as SVG whose labels show them, in the
    DOM headless Chromium builds from the page."""
    import json
    import subprocess

    from extractor.compare.output import to_html
    from tests.test_view import CHROMIUM, CHROMIUM_FLAGS, parse

    if not CHROMIUM.exists():
        pytest.skip("headless check needs Debian's chromium at /usr/bin/chromium")
    page = tmp_path / "compare.html"
    page.write_text(to_html(comparison), encoding="utf-8")
    result = subprocess.run([str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
                             page.resolve().as_uri()], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "</html>" in result.stdout, result.stderr[-2000:]
    dom = parse(result.stdout)
    charts = dom.with_class("chart")
    assert len(charts) == len(comparison.aligned) == 4
    drawn = set()
    for chart in charts:
        values = json.loads(chart.attrs["data-values"])
        assert len({v["report"] for v in values}) == 2
        assert any(e.tag == "svg" and e.parent is chart for e in dom.elements)
        for value in values:
            shown = f"{value['value']:,.0f}".replace(",", "\u202f")
            assert shown in chart.text  # the label drawn next to its bar or dot
        drawn |= {(v["report"], v["value"]) for v in values if v["measure"] == "target"}
    assert {("xã Mai Sơn 2025–2030", 55), ("xã Sơn Lang 2020–2025", 20)} <= drawn  # trained labour


def test_parquet_output_is_the_long_form(records, tmp_path):
    import pandas

    frame = pandas.read_parquet(compare_into(records, tmp_path, "compare.parquet"))
    labour = frame[(frame["key"] == "code:soc.trained_labour") & (frame["measure"] == "target")]
    assert sorted(zip(labour["report"], labour["value"], labour["year"])) == [
        ("xã Mai Sơn 2025–2030", 55.0, 2030), ("xã Sơn Lang 2020–2025", 20.0, 2025)]
    assert set(frame["status"]) <= {"aligned", "incompatible units", "only in one report", "no metric named", "no numeric target"}


def test_two_communes_of_the_same_term_align_on_the_indicators_both_state():
    """Mai Sơn and Công Hải, both 2025–2030: the targets both state, read off the two lists (and a goal
    one of them sets in running text), line up by catalogue code; a count and a share of the same
    indicator stay apart."""
    from tests.conftest import ROOT

    records = extract_records(str(CORPUS_REPORT)) + extract_records(str(ROOT / "corpora/cong-hai_nghi-quyet-dai-hoi-lan-i_2025-2030.txt"))
    comparison = compare_reports(reports_from_records(records, "test"), with_quantities=False)
    aligned = {(row.key, row.unit): sorted(m.value for ms in row.cells.values() for m in ms) for row in comparison.aligned}
    assert aligned == {
        ("code:econ.budget_revenue", "%"): [10, 12],  # growth of budget revenue per year
        ("code:party.org_rating_good", "%"): [90, 90],
        ("code:party.cell_meetings", "%"): [90, 100],
        ("code:gov.online_public_services", "%"): [85, 100],
        ("code:soc.poverty_rate", "hộ"): [0, 0],  # "không còn hộ nghèo" in both
        # Công Hải sets this one in running text ("phấn đấu tỷ lệ dân số tham gia bảo hiểm y tế đạt 98%"): a goal
        ("code:soc.health_insurance", "%"): [96, 98],
        # and these by the end of the term it names as a horizon ("đến năm 2030, tỷ lệ che phủ rừng đạt 47,18%, có 100%
        # dân số được sử dụng nước sạch"; "đến năm 2030, tỷ lệ trường đạt chuẩn quốc gia đạt 72%")
        ("code:env.forest_cover", "%"): [32.5, 47.18],
        ("code:env.clean_water", "%"): [60, 100],
        ("code:soc.schools_national_standard", "%"): [64.28, 72, 100],
    }
    apart = {(row.key, row.unit) for row in comparison.rows if row.status == INCOMPATIBLE}
    assert apart == {("code:party.new_members", "%"), ("code:party.new_members", "đảng viên")}


@pytest.mark.parametrize("line, reason", [
    ("[1, 2]", "a record is a JSON object, not list"),
    ('"text"', "a record is a JSON object, not str"),
    ("null", "a record is a JSON object, not NoneType"),
    ('{"type": 5}', "a record needs a text field 'type'"),
    ('{"type": "quantity", "doc_id": "d", "start": "x"}', "field 'start' must be a number, not str"),
    ('{"type": "indicator", "doc_id": "d", "role": "target", "targets": "no"}', "field 'targets' must be a list"),
    ('{"type": "indicator", "doc_id": "d", "role": "target", "targets": [1, 2]}', "in 'targets': a target must be an object"),
    ('{"type": "document", "doc_id": ["a"]}', "field 'doc_id' must be text"),
    ('{"type": "quantity", "doc_id": "d", "metric": 5}', "field 'metric' must be text"),
])
def test_malformed_records_are_one_line_errors(tmp_path, line, reason):
    from extractor.cli import main

    records = tmp_path / "records.jsonl"
    records.write_text(line + "\n", encoding="utf-8")
    for command in (["compare", str(records), str(records)], ["evaluate", "--gold", str(ROOT / "gold" / "mai-son.json"), "--pred", str(records)]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1 and f"line 1: {reason}" in result.output, (command, result.output)
        assert len(result.output.strip().splitlines()) == 1


def test_a_share_of_the_plan_lines_up_only_with_shares_of_a_plan(tmp_path):
    """'bằng 112% dự toán' is how much of a planned amount was done, no level of the measure: it lines
    up with another report's aim stated as a share of its plan, under a unit that says so."""
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Năm 2024, tổng thu ngân sách trên địa bàn bằng 98% dự toán.\n"
                     "Phấn đấu năm 2025 tổng thu ngân sách trên địa bàn đạt 105% dự toán.\n", encoding="utf-8")
    second.write_text("Năm 2024, tổng thu ngân sách trên địa bàn đạt 45 tỷ đồng, bằng 112% dự toán.\n", encoding="utf-8")
    records = extract_records(str(first)) + extract_records(str(second))
    comparison = compare_reports(reports_from_records(records, "test"), with_quantities=True)
    units = {(row.measure, row.unit): sorted(m.value for ms in row.cells.values() for m in ms)
             for row in comparison.aligned if row.key == "code:econ.budget_revenue"}
    assert units == {("reported", "% (of plan)"): [98, 112]}
