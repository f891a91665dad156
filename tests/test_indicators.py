"""Indicators: target lists in different styles, results, and the corpus gold."""

import json

import pytest
from click.testing import CliRunner

from extractor.api import records_from_text
from extractor.cli import main
from extractor.evaluation.report import evaluate_gold
from tests.conftest import CORPUS_REPORT, ROOT

OTHER_COMMUNE = """ĐẠI HỘI ĐẢNG BỘ XÃ SƠN LANG NHIỆM KỲ 2025 - 2030
II- MỤC TIÊU VÀ CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030
1- Mục tiêu tổng quát
Xây dựng xã Sơn Lang phát triển nhanh và bền vững.
2- Các chỉ tiêu chủ yếu (8 chỉ tiêu)
- Về kinh tế:
(1) Thu nhập bình quân đầu người trên 50 triệu đồng/người/năm.
(2) Tỷ lệ hộ nghèo giảm xuống dưới 5%.
(3) Thành lập mới từ 1 đến 2 Hợp tác xã.
- Về văn hóa - xã hội:
(4) Tỷ lệ lao động qua đào tạo từ 90% trở lên.
(5) Tỷ lệ che phủ rừng khoảng 60%.
(6) Hằng năm có tối thiểu 15% đảng viên hoàn thành xuất sắc nhiệm vụ; 15% -20% chi bộ trong sạch vững mạnh.
(7) Năm 2027 có 04/09 thôn, làng đạt chuẩn nông thôn mới.
III- NHIỆM VỤ
"""


def indicator_records(text):
    records = records_from_text(text)
    return records[0], [r for r in records if r["type"] == "indicator"]


def target_years(text):
    """Item number → the years of its targets."""
    _, found = indicator_records(text)
    return {r["number"]: [t["year"] for t in r["targets"]] for r in found if r["role"] == "target"}


def test_a_list_in_another_communes_style():
    document, found = indicator_records(OTHER_COMMUNE)
    targets = {r["number"]: r for r in found if r["role"] == "target"}
    assert sorted(targets) == [1, 2, 3, 4, 5, 6, 7]  # numbering runs on across the dash groups
    assert targets[1]["group"] == "Về kinh tế" and targets[4]["group"] == "Về văn hóa - xã hội"

    def brief(number):
        return [(t["value"], t["low"], t["high"], t["unit"], t["comparator"], t["year"]) for t in targets[number]["targets"]]

    assert brief(1) == [(50000000, None, None, "đồng/người/năm", ">", 2030)]  # year from the list heading
    assert brief(2) == [(5, None, None, "%", "<", 2030)]
    assert brief(3) == [(None, 1, 2, "hợp tác xã", "range", 2030)]
    assert brief(4) == [(90, None, None, "%", ">=", 2030)]
    assert brief(5) == [(60, None, None, "%", "~", 2030)]
    assert brief(6) == [(15, None, None, "%", ">=", 2030), (None, 15, 20, "%", "range", 2030)]
    assert brief(7) == [(4, None, None, "thôn", "=", 2027)]  # the item's own year
    assert targets[5]["metric"].startswith("Tỷ lệ che phủ rừng")
    # the heading declares 8 but 7 items are listed: a warning, not hidden
    assert document["warnings"] == ["section 2 declares 8 chỉ tiêu but 7 items were found"]


def test_numbering_restarting_per_group_under_numbered_subsections():
    text = (
        "3. Chỉ tiêu chủ yếu đến năm 2030 (3 chỉ tiêu)\n"
        "3.1. Các chỉ tiêu về kinh tế (02 chỉ tiêu):\n"
        "(1) Tốc độ tăng trưởng kinh tế bình quân đạt 8%/năm.\n"
        "(2) Sản lượng lương thực đạt 10.000 tấn.\n"
        "3.2. Các chỉ tiêu về xã hội (01 chỉ tiêu)\n"
        "(1) Tỷ lệ hộ nghèo dưới 2%.\n"
    )
    document, found = indicator_records(text)
    keys = [(r["group"], r["number"]) for r in found if r["role"] == "target"]
    assert keys == [("3.1", 1), ("3.1", 2), ("3.2", 1)]
    assert "warnings" not in document


def test_results_statuses_and_named_targets():
    text = (
        "Đảng bộ xã Hát Lót đã đề ra 19 chỉ tiêu; kết quả: có 12/19 chỉ tiêu đạt và vượt, 4/19 chỉ tiêu cơ bản đạt, "
        "3/19 chỉ tiêu chưa đạt1. Xã Cò Nòi tổng đàn 752.000 con (đạt 214% chỉ tiêu); độ che phủ đạt 9,67% (51% chỉ tiêu "
        "Nghị quyết).\n"
        "1 Chỉ tiêu số 01 tổng thu nhập toàn xã hội; chỉ tiêu số 03 tổng giá trị công nghiệp, xây dựng.\n"
    )
    _, found = indicator_records(text)
    results = [(r["text"], r["status"], r["place"]) for r in found if r["role"] == "result"]
    assert results == [
        ("12/19 chỉ tiêu đạt và vượt", "exceeded", "xã Hát Lót"),
        ("4/19 chỉ tiêu cơ bản đạt", "mostly_met", "xã Hát Lót"),
        ("3/19 chỉ tiêu chưa đạt", "not_met", "xã Hát Lót"),
        ("đạt 214% chỉ tiêu", "exceeded", "xã Cò Nòi"),
        ("51% chỉ tiêu Nghị quyết", "not_met", "xã Cò Nòi"),
    ]
    not_met = next(r for r in found if r["role"] == "result" and r["status"] == "not_met" and r["value"] == 3)
    assert not_met["targets_not_met"] == [{"number": 1, "name": "tổng thu nhập toàn xã hội"},
                                          {"number": 3, "name": "tổng giá trị công nghiệp, xây dựng"}]


def test_corpus_indicators_meet_the_issue_targets():
    micro = evaluate_gold([str(ROOT / "gold" / "mai-son.json")]).micro
    assert micro["targets"].f1 == 1.0
    assert micro["targets"].accuracy("targets_found") >= 0.95
    assert micro["results"].f1 >= 0.9
    assert micro["results"].accuracy("status") >= 0.9


def test_indicators_command_prints_a_table():
    result = CliRunner().invoke(main, ["indicators", str(CORPUS_REPORT)])
    assert result.exit_code == 0
    assert "3.1(2)" in result.output and "102 000" in result.output and "tấn" in result.output
    assert "exceeded" in result.output


def test_an_unnumbered_list_heading_with_a_term():
    text = (
        "Các chỉ tiêu chủ yếu (nhiệm kỳ 2020-2025)\n"
        "- Về kinh tế:\n"
        "(1) Thu nhập bình quân đầu người đến năm 2025: 45 triệu đồng/năm.\n"
        "(2) Tỷ lệ tăng thu ngân sách so năm trước: 10% trở lên.\n"
    )
    _, found = indicator_records(text)
    targets = [(r["group"], r["number"], [(t["value"], t["unit"], t["comparator"], t["year"]) for t in r["targets"]])
               for r in found if r["role"] == "target"]
    assert targets == [
        ("Về kinh tế", 1, [(45000000, "đồng/năm", "=", 2025)]),
        ("Về kinh tế", 2, [(10, "%", ">=", 2025)]),  # the term's end year
    ]


def test_a_list_of_specific_aims_is_a_target_list_only_when_its_items_state_figures():
    """"Mục tiêu cụ thể", "Phấn đấu đạt các chỉ tiêu sau": targets when most items state a figure
    that measures; aims in words under the same heading are none (must not fire)."""
    numbered = ("Mục tiêu cụ thể đến năm 2030:\n"
                "1. Tốc độ tăng trưởng kinh tế bình quân hằng năm đạt 8 - 9%.\n"
                "2. Thu nhập bình quân đầu người đạt trên 90 triệu đồng.\n")
    _, found = indicator_records(numbered)
    assert [(r["number"], [(t["low"], t["high"], t["value"], t["year"]) for t in r["targets"]]) for r in found if r["role"] == "target"] == \
        [(1, [(8, 9, None, 2030)]), (2, [(None, None, 90000000, 2030)])]
    lead = "Phấn đấu đạt các chỉ tiêu sau:\n- Tỷ lệ hộ nghèo giảm còn dưới 2%.\n- Tỷ lệ che phủ rừng đạt 45%.\n"
    assert len([r for r in indicator_records(lead)[1] if r["role"] == "target"]) == 2
    aims = ("Mục tiêu cụ thể:\n"
            "- Đến năm 2030, kỷ niệm 100 năm thành lập Đảng: là tỉnh phát triển khá của vùng.\n"
            "- Đến năm 2045: trở thành tỉnh phát triển, thu nhập cao.\n")
    assert [r for r in indicator_records(aims)[1] if r["role"] == "target"] == []


def test_lettered_group_lines_over_numbered_items():
    """"a) Về kinh tế:" over "(1) …": the letter groups the items; it is no item itself."""
    text = ("Các chỉ tiêu chủ yếu:\n"
            "a) Về kinh tế:\n(1) Tốc độ tăng trưởng đạt 8% trở lên.\n(2) Thu nhập bình quân đầu người đạt 80 triệu đồng.\n"
            "b) Về xã hội:\n(3) Tỷ lệ hộ nghèo giảm còn dưới 2%.\n")
    _, found = indicator_records(text)
    assert [(r["group"], r["number"]) for r in found if r["role"] == "target"] == [("a", 1), ("a", 2), ("b", 3)]


GROUPED_DASH_LIST = """ĐẢNG BỘ XÃ TÂN LẬP
I. PHƯƠNG HƯỚNG NHIỆM KỲ 2025 - 2030
2.2. Các chỉ tiêu chủ yếu nhiệm kỳ 2025 - 2030: 7 chỉ tiêu
(1) Về xây dựng Đảng: 3 chỉ tiêu
- Hằng năm có trên 85% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên.
- Tỷ lệ kết nạp đảng viên mới hằng năm đạt từ 4% tổng số đảng viên trở lên.
- Tỷ lệ đảng viên học tập nghị quyết đạt 100%.
(2) Chỉ tiêu kinh tế: 2 chỉ tiêu
- Tốc độ tăng thu ngân sách bình quân hằng năm đạt 10 - 12%.
- Thu nhập bình quân đầu người đến năm 2030 đạt 90 triệu đồng.
(3) Chỉ tiêu xã hội: 2 chỉ tiêu
- Tỷ lệ thất nghiệp hằng năm dưới 2%.
- Tỷ lệ người dân tham gia bảo hiểm y tế đạt 97%.
2.3. Các khâu đột phá
"""


def test_unnumbered_dash_items_under_numbered_groups():
    _, found = indicator_records(GROUPED_DASH_LIST)
    targets = {(r["group"], r["number"]): r for r in found if r["role"] == "target"}
    assert sorted(targets) == [("1", 1), ("1", 2), ("1", 3), ("2", 1), ("2", 2), ("3", 1), ("3", 2)]
    assert [(t["value"], t["unit"], t["comparator"]) for t in targets[("1", 1)]["targets"]] == [(85, "%", ">")]
    assert [(t["low"], t["high"], t["comparator"], t["year"]) for t in targets[("2", 1)]["targets"]] == [(10, 12, "range", 2030)]
    assert [(t["value"], t["unit"]) for t in targets[("2", 2)]["targets"]] == [(90000000, "đồng")]
    assert targets[("3", 1)]["metric"] == "Tỷ lệ thất nghiệp hằng năm"


RESULT_SHAPES = """ĐẢNG UỶ XÃ TÂN LẬP
I. Đánh giá kết quả thực hiện nhiệm vụ năm 2025
Đảng bộ đã lãnh đạo hoàn thành hầu hết các chỉ tiêu, nhiệm vụ năm 2025. Kết quả có 10/12 chỉ tiêu đạt và vượt so với Nghị quyết. Trong đó 4/4 chỉ tiêu về kinh tế, 3/4 chỉ tiêu về văn hoá - xã hội và 3/4 chỉ tiêu về quốc phòng (02 chỉ tiêu về kết nạp đảng viên chưa đạt; thu ngân sách đạt 88,5% so với Nghị quyết). Nhiều chỉ tiêu vượt kế hoạch; công tác tuyển quân đảm bảo kế hoạch.
II. Nhiệm vụ trọng tâm năm 2026
1. Tập trung chuẩn bị tốt công tác tuyển quân năm 2026, đạt chỉ tiêu huyện giao.
2. Phấn đấu thu ngân sách đạt 100% kế hoạch.
"""


def test_result_shapes_and_plans_that_are_not_results():
    _, found = indicator_records(RESULT_SHAPES)
    results = [(r["text"].replace("\\n", " "), r["status"]) for r in found if r["role"] == "result"]
    assert results == [
        ("hoàn thành hầu hết các chỉ tiêu", "mostly_met"),
        ("10/12 chỉ tiêu đạt và vượt so với Nghị quyết", "exceeded"),
        ("4/4 chỉ tiêu về kinh tế", "exceeded"),  # a breakdown takes the status it breaks down
        ("3/4 chỉ tiêu về văn hoá - xã hội", "exceeded"),
        ("3/4 chỉ tiêu về quốc phòng", "exceeded"),
        ("02 chỉ tiêu về kết nạp đảng viên chưa đạt", "not_met"),
        ("đạt 88,5% so với Nghị quyết", "not_met"),
        ("Nhiều chỉ tiêu vượt kế hoạch", "exceeded"),
        ("đảm bảo kế hoạch", "met"),
    ]  # section II sets out the plan: its "đạt chỉ tiêu", "đạt 100% kế hoạch" are no results


def test_a_second_count_is_no_breakdown_without_trong_do():
    text = ("I. Đánh giá kết quả nửa nhiệm kỳ\n"
            "Có 16/30 chỉ tiêu đạt và vượt, 12/30 chỉ tiêu có khả năng sẽ đạt vào cuối nhiệm kỳ.\n")
    _, found = indicator_records(text)
    # the second count is a forecast of its own (no status yet), not a breakdown taking "exceeded"
    assert [(r["text"], r["status"]) for r in found if r["role"] == "result"] == [
        ("16/30 chỉ tiêu đạt và vượt", "exceeded"), ("12/30 chỉ tiêu có khả năng sẽ đạt vào cuối nhiệm kỳ", None)]


def test_targets_stated_without_a_figure():
    text = ("II. CÁC CHỈ TIÊU CHỦ YẾU NHIỆM KỲ 2025 - 2030\n"
            "(1) Đảng bộ xếp loại chất lượng hằng năm “Hoàn thành tốt nhiệm vụ” trở lên.\n"
            "(2) Đến năm 2030, xã không còn hộ nghèo theo chuẩn nghèo đa chiều.\n"
            "(3) Xã đạt tiêu chuẩn “An toàn về an ninh, trật tự”.\n"
            "(4) Tỷ lệ lao động qua đào tạo đạt 75%.\n"
            "III. NHIỆM VỤ\n")
    _, found = indicator_records(text)
    targets = {r["number"]: r["targets"] for r in found if r["role"] == "target"}
    brief = {n: [(t["value"], t["unit"], t["comparator"], t["year"]) for t in ts] for n, ts in targets.items()}
    assert brief == {1: [(None, None, ">=", 2030)], 2: [(0, "hộ", "=", 2030)], 3: [(None, None, "=", 2030)],
                     4: [(75, "%", "=", 2030)]}


def test_a_single_figure_target_names_its_figure_by_the_item():
    text = ("II. CÁC CHỈ TIÊU CHỦ YẾU NHIỆM KỲ 2025 - 2030\n"
            "(1) Tỷ lệ thanh niên nhập ngũ đạt 100% chỉ tiêu được giao hằng năm.\n"
            "(2) Sản lượng lương thực 5.000 tấn; sản lượng thịt hơi 900 tấn.\n"
            "III. NHIỆM VỤ\n")
    records = records_from_text(text)
    quantities = {r["text"]: r for r in records if r["type"] == "quantity"}
    # the item's noun phrase, and what the percentage is of in brackets
    assert quantities["100%"]["metric"] == "Tỷ lệ thanh niên nhập ngũ (chỉ tiêu được giao hằng năm)"
    target = next(r for r in records if r["type"] == "indicator" and r["number"] == 1)
    assert target["targets"][0]["metric"] == quantities["100%"]["metric"]
    two = next(r for r in records if r["type"] == "indicator" and r["number"] == 2)
    assert [t["metric"] for t in two["targets"]] == ["Sản lượng lương thực", "sản lượng thịt hơi"]


@pytest.mark.parametrize("item, metrics", [
    # several figures, each its own metric: the phrase after it up to its clause end or the next figure
    ("(14) 100% cơ quan, trường học; 90% thôn đạt tiêu chuẩn an toàn về an ninh trật tự.",
     ["cơ quan, trường học", "thôn đạt tiêu chuẩn an toàn về an ninh trật tự"]),
    # figures listed before one predicate share it
    ("(1) Hằng năm, 100% cán bộ đoàn, 80% thanh niên được học tập nghị quyết.",
     ["cán bộ đoàn được học tập nghị quyết (hằng năm)", "thanh niên được học tập nghị quyết (hằng năm)"]),
    # a breakdown ("trong đó") ends the clause of the figure before it
    ("(2) Có từ 90% tổ chức cơ sở đảng xếp loại tốt trở lên, trong đó tối thiểu 20% xếp loại xuất sắc.",
     ["tổ chức cơ sở đảng xếp loại tốt trở lên", "xếp loại xuất sắc"]),
    # nothing after the figure: the clause before it, without the comparator
    ("(3) Tỷ lệ hộ nghèo giảm còn dưới 2%; tổng lượt khách du lịch đạt 20.000 lượt, doanh thu đạt 3 tỷ đồng.",
     ["Tỷ lệ hộ nghèo", "tổng lượt khách du lịch", "doanh thu"]),
    # an opening "Trong đó" (with or without its comma) and the verbs before a measure's head name no measure
    ("(4) Tăng trưởng bình quân 9%/năm. Trong đó dịch vụ tăng 12%; phấn đấu nâng tỷ lệ che phủ rừng lên 45%.",
     ["Tăng trưởng bình quân", "dịch vụ", "tỷ lệ che phủ rừng"]),
    # a period is no part of a metric; a "với" clause after a figure names the next; a share after a
    # breakdown's figure is the breakdown's (its own reading, no piece of the item's name)
    ("(5) Tổng vốn đầu tư toàn xã hội tăng 12%/năm với tổng vốn đầu tư thời kỳ 2026 - 2030 đạt 150 nghìn tỷ đồng, "
     "trong đó vốn ngân sách nhà nước đạt 30 nghìn tỷ đồng, chiếm 20%.",
     ["Tổng vốn đầu tư toàn xã hội", "tổng vốn đầu tư", "vốn ngân sách nhà nước", "vốn ngân sách nhà nước"]),
])
def test_each_figure_of_an_item_has_its_own_metric(item, metrics):
    text = "II. CÁC CHỈ TIÊU CHỦ YẾU NHIỆM KỲ 2025 - 2030\n" + item + "\nIII. NHIỆM VỤ\n"
    records = records_from_text(text)
    target = next(r for r in records if r["type"] == "indicator" and r["role"] == "target")
    assert [t["metric"] for t in target["targets"]] == metrics


RESULT_CASES = [json.loads(line) for line in (ROOT / "tests" / "cases" / "results.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", RESULT_CASES, ids=[case["text"][:40] for case in RESULT_CASES])
def test_result_phrasings(case):
    """Each phrasing class of a result statement: the clause, its status, value and denominator."""
    records = records_from_text("I. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT\n" + case["text"] + "\n")
    found = [[r["text"], r["status"], r["value"], r["denominator"]] for r in records if r["type"] == "indicator" and r["role"] == "result"]
    assert found == case["expected"]


HEADER = ["STT", "Chỉ tiêu", "Đơn vị", "Nghị quyết", "Kết quả", "Đánh giá"]


def test_results_table_rows_are_results_with_target_and_actual(tmp_path):
    from tests.fixtures_build import results_table_docx

    rows = [HEADER,
            ["1", "Tốc độ tăng trưởng kinh tế bình quân", "%/năm", "7,5", "7,4", "Không đạt"],
            ["2", "Thu nhập bình quân đầu người", "triệu đồng", "60", "62,5", "Vượt"],
            HEADER,  # the header repeated on the next page is not data
            ["3", "Tỷ lệ hộ nghèo", "%", "dưới 3", "2,1", "Đạt"],
            ["4", "Tỷ lệ che phủ rừng", "%", "45", "44,8", "Cơ bản đạt"]]
    path = tmp_path / "phu-luc.docx"
    path.write_bytes(results_table_docx(["PHỤ LỤC 1", "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT NHIỆM KỲ 2020 - 2025"], rows))
    from extractor.records import extract_records
    from extractor.reading import read_document

    raw = read_document(str(path)).text
    records = extract_records(str(path))
    table = [r for r in records if r["type"] == "indicator" and r.get("source_table")]
    assert [(r["row"], r["metric"], r["target_value"], r["actual"], r["unit"], r["status"]) for r in table] == [
        ("1", "Tốc độ tăng trưởng kinh tế bình quân", 7.5, 7.4, "%/năm", "not_met"),
        ("2", "Thu nhập bình quân đầu người", 60, 62.5, "triệu đồng", "exceeded"),
        ("3", "Tỷ lệ hộ nghèo", 3, 2.1, "%", "met"),
        ("4", "Tỷ lệ che phủ rừng", 45, 44.8, "%", "mostly_met"),
    ]
    for record in table:
        assert raw[record["start"]:record["end"]] == record["text"] and record["text"].count("\t") == 5
    assert table[2]["target_text"] == "dưới 3"
    [grid] = records[0]["tables"]  # the document record lists the table: rows × cells with raw spans
    assert [row["header"] for row in grid["rows"]] == [True, False, False, True, False, False]
    assert [cell["text"] for cell in grid["rows"][2]["cells"]] == rows[2]
    assert all(raw[c["start"]:c["end"]] == c["text"] for row in grid["rows"] for c in row["cells"])
    shown = CliRunner().invoke(main, ["indicators", str(path)]).output
    assert "row 2" in shown and "60" in shown and "62,5" in shown and "exceeded" in shown


def test_results_table_in_a_pdf_spread_over_two_pages(tmp_path):
    from tests.fixtures_build import build_table_pdf

    rows = [HEADER,
            ["1", "Tốc độ tăng trưởng kinh tế", "%/năm", "7,5", "7,4", "Không đạt"],
            ["2", "Thu nhập bình quân đầu người", "triệu đồng", "60", "62,5", "Vượt"],
            ["3", "Tỷ lệ hộ nghèo", "%", "dưới 3", "2,1", "Đạt"],
            ["4", "Tỷ lệ che phủ rừng", "%", "45", "44,8", "Cơ bản đạt"]]
    path = tmp_path / "phu-luc.pdf"
    path.write_bytes(build_table_pdf(["PHỤ LỤC 1", "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT"], rows,
                                     [30, 190, 60, 60, 60, 80], pages=2))
    from extractor.records import extract_records

    records = extract_records(str(path))
    table = [r for r in records if r["type"] == "indicator" and r.get("source_table")]
    assert [(r["row"], r["target_value"], r["actual"], r["status"], r["page"]) for r in table] == [
        ("1", 7.5, 7.4, "not_met", 1), ("2", 60, 62.5, "exceeded", 1),
        ("3", 3, 2.1, "met", 2), ("4", 45, 44.8, "mostly_met", 2)]
    assert table[1]["metric"] == "Thu nhập bình quân đầu người"
    [grid] = records[0]["tables"]  # one table over two pages, its header repeated on the second
    assert [row["header"] for row in grid["rows"]] == [True, False, False, True, False, False]


def test_numbered_evaluation_of_the_past_term_is_results_not_targets():
    text = ("II. CÁC CHỈ TIÊU CHỦ YẾU CỦA NHIỆM KỲ 2025 - 2030\n"
            "(1) Tốc độ tăng trưởng kinh tế bình quân đạt 8%/năm.\n"
            "PHỤ LỤC 1\nĐÁNH GIÁ KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NHIỆM KỲ 2020 - 2025\n"
            "(1) Tốc độ tăng trưởng kinh tế bình quân 5 năm: đạt 7,4%/năm, không đạt mục tiêu (mục tiêu 8%).\n"
            "(2) Tỷ lệ hộ nghèo còn 1,8%, đạt mục tiêu.\n")
    records = records_from_text(text)
    targets = [r for r in records if r["type"] == "indicator" and r["role"] == "target"]
    assert [(t["group"], t["number"], t["targets"][0]["value"], t["targets"][0]["year"]) for t in targets] == [("II", 1, 8, 2030)]
    results = [r for r in records if r["type"] == "indicator" and r["role"] == "result"]
    assert [(r["status"], r["actual"], r.get("target_value"), r["unit"], r["metric"]) for r in results] == [
        ("not_met", 7.4, 8, "%/năm", "Tốc độ tăng trưởng kinh tế bình quân"),
        ("met", 1.8, None, "%", "Tỷ lệ hộ nghèo")]



@pytest.mark.parametrize("sentence, metric", [
    # a status clause with no figure: its subject names the measure (after a time or a label, without "Chỉ tiêu")
    ("Trong năm, tỷ lệ tiêm chủng mở rộng cho trẻ em đạt và vượt kế hoạch.", "tỷ lệ tiêm chủng mở rộng cho trẻ em"),
    ("Nhìn chung, chi ngân sách xã hằng năm chưa đạt dự toán.", "chi ngân sách xã hằng năm"),
    ("Chỉ tiêu giải quyết việc làm cho lao động nông thôn chưa đạt kế hoạch.", "giải quyết việc làm cho lao động nông thôn"),
    ("Hạn chế: đó là tỷ lệ lao động qua đào tạo nghề chưa đạt mục tiêu.", "tỷ lệ lao động qua đào tạo nghề"),
    # must not fire: a body or a unit that acts, targets listed, one item of a run of measures or of a plural subject
    ("Đảng bộ xã Phú Lương đạt và vượt chỉ tiêu đề ra.", None),
    ("Huyện Bắc Yên đã hoàn thành kế hoạch.", None),
    ("Còn một số chỉ tiêu như phát triển đảng viên, xây dựng trường chuẩn không đạt Nghị quyết.", None),
    ("Năng suất lúa, sản lượng lương thực cũng tăng so với kế hoạch.", None),
    ("Thu nhập, công nghiệp, dịch vụ đều đạt kế hoạch.", None),
])
def test_a_result_without_a_figure_takes_its_subject_as_metric(sentence, metric):
    records = records_from_text("I. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT\n" + sentence + "\n")
    [result] = [r for r in records if r["type"] == "indicator" and r["role"] == "result"]
    assert result["value"] is None and result.get("metric") == metric

def test_results_table_as_plain_lines():
    """A table that reaches us as text (a PDF without ruling lines): header line, rows
    "STT metric unit target actual status", a metric wrapped before its figures, a page number."""
    text = ("PHỤ LỤC 1\nKẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT NHIỆM KỲ 2020 - 2025\n"
            "STT Chỉ tiêu ĐVT Nghị quyết Kết quả Đánh giá\n"
            "1 Tốc độ tăng trưởng kinh tế bình quân %/năm 7,5 7,4 Không đạt\n"
            "2 Thu nhập bình quân đầu người triệu đồng 60 62,5 Vượt\n"
            "3 Tỷ lệ lao động qua đào tạo, trong đó có\nbằng cấp, chứng chỉ % 70 72,3 Đạt\n"
            "- 12 -\n"
            "4 Tỷ lệ hộ nghèo % dưới 3 2,1 Đạt\n")
    records = records_from_text(text)
    rows = [r for r in records if r["type"] == "indicator" and r.get("source_table")]
    assert [(r["row"], r["metric"], r["unit"], r["target_text"], r["actual"], r["status"]) for r in rows] == [
        ("1", "Tốc độ tăng trưởng kinh tế bình quân", "%/năm", "7,5", 7.4, "not_met"),
        ("2", "Thu nhập bình quân đầu người", "triệu đồng", "60", 62.5, "exceeded"),
        ("3", "Tỷ lệ lao động qua đào tạo, trong đó có bằng cấp, chứng chỉ", "%", "70", 72.3, "met"),
        ("4", "Tỷ lệ hộ nghèo", "%", "dưới 3", 2.1, "met"),
    ]
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)


def _cell_lines(*rows):
    return "\n\n".join(cell for row in rows for cell in row) + "\n"


def test_a_results_table_one_cell_per_line_with_a_short_header_and_a_sub_row():
    """A web table of plan / estimate / share of plan copied one cell per line: its header has no
    "Stt" cell (one cell fewer than the numbered rows, so it stands over the cells after the
    number), an unnumbered "Trong đó:" sub-row holds cells of its own, and the header names the
    columns ("Kế hoạch", "ƯTH", "Tỷ lệ TH so với KH (%)"): each row is a result, the share
    column is a percentage, and the "chỉ tiêu chủ yếu" header cell opens no list of targets."""
    text = "2. Kết quả thực hiện một số chỉ tiêu năm 2024\n\n" + _cell_lines(
        ("Các chỉ tiêu chủ yếu", "ĐVT", "Kế hoạch năm 2024", "ƯTH năm 2024", "Tỷ lệ TH so với KH (%)"),
        ("1", "Tổng thu ngân sách trên địa bàn", "Tỷ đồng", "4,2", "5,1", "121,4"),
        ("Trong đó: Thu tiền sử dụng đất", "Triệu đồng", "800", "640", "80"),
        ("2", "Diện tích gieo trồng cây hằng năm", "Ha", "1.250", "1.262,5", "101"),
        ("3", "Số lao động được tạo việc làm mới", "Người", "150", "135", "90"),
        ("Ghi chú: số liệu ước đến ngày 30 tháng 11 năm 2024 của bộ phận tài chính - kế toán xã.",))
    records = records_from_text(text)
    rows = [r for r in records if r["type"] == "indicator" and r.get("source_table")]
    assert [(r["metric"], r["target_value"], r["actual"], r["status"]) for r in rows] == [
        ("Tổng thu ngân sách trên địa bàn", 4.2, 5.1, "exceeded"),
        ("Trong đó: Thu tiền sử dụng đất", 800, 640, "not_met"),
        ("Diện tích gieo trồng cây hằng năm", 1250, 1262.5, "exceeded"),
        ("Số lao động được tạo việc làm mới", 150, 135, "not_met")]
    assert not [r for r in records if r["type"] == "indicator" and r["role"] == "target"]
    shares = [(q["text"], q["value"], q["unit"]) for q in records if q["type"] == "quantity" and q["unit"] == "%"]
    assert shares == [("121,4", 121.4, "%"), ("80", 80, "%"), ("101", 101, "%"), ("90", 90, "%")]


def test_a_tab_separated_results_header_without_stt_stands_over_the_cells_after_the_number():
    text = ("Kết quả thực hiện kế hoạch năm 2024\n"
            "Chỉ tiêu\tĐVT\tKế hoạch\tƯớc thực hiện\t% so với KH\n"
            "1\tSản lượng thủy sản\tTấn\t900\t954\t106\n"
            "2\tSố tàu cá đăng ký mới\tChiếc\t20\t16\t80\n")
    rows = [r for r in records_from_text(text) if r["type"] == "indicator" and r.get("source_table")]
    assert [(r["row"], r["metric"], r["unit"], r["target_value"], r["actual"], r["status"]) for r in rows] == [
        ("1", "Sản lượng thủy sản", "Tấn", 900, 954, "exceeded"), ("2", "Số tàu cá đăng ký mới", "Chiếc", 20, 16, "not_met")]


def test_a_status_cell_after_the_figures_is_no_sub_row_and_a_heading_is_no_header():
    """Must not fire: a row's lone "Đạt" after its figures is its status cell, not a sub-row; the
    numbered heading over a table without "Stt" and the lines of a table that names no column
    ("ĐVT", a year, "%") are no header row."""
    from extractor.cleaning import clean_text

    text = "1. Kết quả thực hiện\n\n" + _cell_lines(
        ("Chỉ tiêu", "ĐVT", "Nghị quyết", "Thực hiện", "Đánh giá"),
        ("1", "Tỷ lệ hộ nghèo", "%", "3", "2,5", "Đạt"),
        ("2", "Tỷ lệ trẻ em được tiêm chủng", "%", "98", "96", "Không đạt"),
        ("3", "Số thôn có nhà văn hóa", "Thôn", "12", "12", "Đạt"))
    clean = clean_text(text)
    rows = [clean.text[p.start:p.end] for p in clean.paragraphs if p.kind == "table_row"]
    assert rows[0] == "Chỉ tiêu ĐVT Nghị quyết Thực hiện Đánh giá"
    assert rows[1:] == ["1 Tỷ lệ hộ nghèo % 3 2,5 Đạt", "2 Tỷ lệ trẻ em được tiêm chủng % 98 96 Không đạt",
                        "3 Số thôn có nhà văn hóa Thôn 12 12 Đạt"]
    plain = "Kinh tế\n\nXã hội\n\nMôi trường\n\n" + _cell_lines(
        ("1", "Trồng lúa", "120"), ("2", "Trồng màu", "45"), ("3", "Trồng cây ăn quả", "30"))
    clean = clean_text(plain)
    assert [clean.text[p.start:p.end] for p in clean.paragraphs if p.kind == "table_row"][0] == "1 Trồng lúa 120"


def test_results_table_blocks_per_former_unit(tmp_path):
    from tests.fixtures_build import results_table_docx

    rows = [HEADER, ["Xã Hát Lót"],
            ["1", "Tỷ lệ hộ nghèo", "%", "3", "2,1", "Đạt"],
            ["Xã Cò Nòi"],
            ["1", "Tỷ lệ hộ nghèo", "%", "3", "3,4", "Không đạt"]]
    path = tmp_path / "blocks.docx"
    path.write_bytes(results_table_docx(["ĐẢNG BỘ XÃ MAI SƠN", "PHỤ LỤC 1", "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"], rows))
    from extractor.records import extract_records

    table = [r for r in extract_records(str(path)) if r.get("source_table")]
    assert [(r["place"], r["actual"], r["status"]) for r in table] == [("xã Hát Lót", 2.1, "met"), ("xã Cò Nòi", 3.4, "not_met")]


@pytest.mark.parametrize("item, metric", [
    # "đạt" before a standard belongs to the metric; "đạt" before the figure leads to it
    ("(5) Số thôn đạt chuẩn nông thôn mới (theo kế hoạch của huyện): 06/10 thôn.", "Số thôn đạt chuẩn nông thôn mới"),
    ("(6) Duy trì xã đạt chuẩn quốc gia về y tế.", "Duy trì xã đạt chuẩn quốc gia về y tế"),
    ("(7) Tỷ lệ hộ dân dùng nước hợp vệ sinh đạt trên 95%.", "Tỷ lệ hộ dân dùng nước hợp vệ sinh"),
    # a time before the metric leaves no debris, a period after it goes; a standard's period stays
    ("(8) Đến hết năm 2030, tỷ lệ đô thị hóa đạt 50%.", "tỷ lệ đô thị hóa"),
    ("(9) Tốc độ tăng trưởng kinh tế bình quân thời kỳ 2026 - 2030 đạt 9%/năm.", "Tốc độ tăng trưởng kinh tế bình quân"),
    ("(10) Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giai đoạn 2026-2030 giảm còn 1,5%.",
     "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giai đoạn 2026-2030"),
    # a label before its colon and figure keeps the figures it names ("dưới 5 tuổi", "1 vạn dân")
    ("(11) Tỷ lệ trẻ em dưới 5 tuổi được uống vitamin A: 98%.", "Tỷ lệ trẻ em dưới 5 tuổi được uống vitamin A"),
    ("(12) Số giường bệnh trên 1 vạn dân (giường): 32.", "Số giường bệnh trên 1 vạn dân"),
])
def test_an_item_metric_keeps_the_standard_it_names(item, metric):
    text = "II. CÁC CHỈ TIÊU CHỦ YẾU NHIỆM KỲ 2025 - 2030\n" + item + "\nIII. NHIỆM VỤ\n"
    records = records_from_text(text)
    target = next(r for r in records if r["type"] == "indicator" and r["role"] == "target")
    assert target["metric"] == metric


def test_a_group_label_running_its_numbered_items_in_one_paragraph():
    text = ("CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030\n"
            "Về kinh tế: (1) Tốc độ tăng giá trị sản xuất bình quân từ 8 đến 9%/năm. (2) Thu nhập bình quân đầu người 80 triệu đồng.\n"
            "Về xã hội: (3) Tỷ lệ hộ nghèo dưới 1%. (4) Tỷ lệ lao động qua đào tạo đạt 75%.\n")
    _, found = indicator_records(text)
    targets = [(r["group"], r["number"], r["metric"]) for r in found if r["role"] == "target"]
    assert targets == [("Về kinh tế", 1, "Tốc độ tăng giá trị sản xuất bình quân"), ("Về kinh tế", 2, "Thu nhập bình quân đầu người"),
                       ("Về xã hội", 3, "Tỷ lệ hộ nghèo"), ("Về xã hội", 4, "Tỷ lệ lao động qua đào tạo")]


def test_a_list_run_together_in_one_paragraph():
    """Line breaks lost: the heading, roman-numbered groups and items numbered 1, 2, 3, … in a row,
    all in one paragraph; the item numbers are no figures; a group heading gives its label, as on a
    line of its own."""
    text = ("Tin tức ngày 12/8/2020. CÁC CHỈ TIÊU CHỦ YẾU NHIỆM KỲ 2020-2025 I. Về kinh tế (3 chỉ tiêu) 1. Thu nhập "
            "bình quân đầu người đạt 55 triệu đồng. 2. Sản lượng lương thực 12.000 tấn. 3. Tỷ lệ hộ nghèo giảm còn dưới 2%. "
            "II. Về xã hội (2 chỉ tiêu) 4. Tỷ lệ lao động qua đào tạo đạt 70%. 5. Tỷ lệ người dân tham gia bảo hiểm y tế đạt 95%.")
    records = records_from_text(text)
    targets = [(r["group"], r["number"], r["metric"], [(t["value"], t["unit"], t["year"]) for t in r["targets"]])
               for r in records if r["type"] == "indicator" and r["role"] == "target"]
    assert targets == [("I", 1, "Thu nhập bình quân đầu người", [(55000000, "đồng", 2025)]),
                       ("I", 2, "Sản lượng lương thực", [(12000, "tấn", 2025)]),
                       ("I", 3, "Tỷ lệ hộ nghèo", [(2, "%", 2025)]),
                       ("II", 4, "Tỷ lệ lao động qua đào tạo", [(70, "%", 2025)]),
                       ("II", 5, "Tỷ lệ người dân tham gia bảo hiểm y tế", [(95, "%", 2025)])]
    assert [q["text"] for q in records if q["type"] == "quantity"] == ["3 chỉ tiêu", "55 triệu đồng", "12.000 tấn", "2%",
                                                                       "2 chỉ tiêu", "70%", "95%"]


def test_a_list_run_together_with_bracketed_numbers():
    """"(1) …; (2) …; (3) …" after the heading in one paragraph: numbered items too."""
    text = ("Đại hội đề ra các chỉ tiêu chủ yếu: (1) Tốc độ tăng giá trị sản xuất bình quân đạt 8%/năm; "
            "(2) Thu nhập bình quân đầu người đến năm 2030 đạt 86 triệu đồng; (3) Tỷ lệ hộ nghèo giảm bình quân 1,5%/năm.")
    records = records_from_text(text)
    assert [(r["number"], r["metric"]) for r in records if r["type"] == "indicator" and r["role"] == "target"] == [
        (1, "Tốc độ tăng giá trị sản xuất bình quân"), (2, "Thu nhập bình quân đầu người"), (3, "Tỷ lệ hộ nghèo giảm bình quân")]


def test_a_bracketed_list_may_follow_a_lead_in_of_several_sentences():
    """The heading of a "(1) …; (2) …" list may stand after sentences of lead-in; a heading named far
    into a paragraph over plain numbers "1." is no list (must not fire)."""
    lead = ("Tại hội nghị, các đại biểu đã được nghe báo cáo kết quả công tác chuẩn bị Đại hội và thảo luận sôi nổi, "
            "đóng góp nhiều ý kiến tâm huyết vào các văn kiện trình Đại hội. ")
    text = (lead + "Nghị quyết Đại hội Đảng bộ phường đã đề ra 3 chỉ tiêu chủ yếu đó là: (1) Thu ngân sách tăng bình quân "
            "10-12%/năm. (2) Tỷ lệ hộ nghèo dưới 1%. (3) Kết nạp đảng viên mới hàng năm từ 8 đến 10 đồng chí.")
    records = records_from_text(text)
    assert [r["number"] for r in records if r["type"] == "indicator" and r["role"] == "target"] == [1, 2, 3]
    plain = records_from_text(lead + "Xã đã đề ra 12 chỉ tiêu chủ yếu, trong đó 1. ha đất 2. ha rừng 3. tấn lúa.")
    assert not [r for r in plain if r["type"] == "indicator" and r["role"] == "target"]


def test_a_share_of_the_year_plan_in_a_report_titled_for_part_of_the_year_is_progress():
    """The title names the part of the year ("6 tháng đầu năm"): a share of the year's plan below
    100% in any paragraph is progress (status null, its period the title's); a title naming the
    plan's part ("phương hướng nhiệm vụ 6 tháng cuối năm") makes no such report (must not fire)."""
    body = ("\nNông nghiệp ổn định. Diện tích gieo trồng đạt 12.000 ha.\n\n"
            "Thu ngân sách trên địa bàn đạt 57,9% kế hoạch năm.\n")
    records = records_from_text("Tình hình kinh tế - xã hội 6 tháng đầu năm 2024" + body)
    assert [(r["text"], r["status"], r.get("period")) for r in records if r["type"] == "indicator"] == \
        [("đạt 57,9% kế hoạch năm", None, "6 tháng đầu năm")]
    plan = records_from_text("Báo cáo kết quả năm 2024, phương hướng nhiệm vụ 6 tháng đầu năm 2025" + body)
    assert [(r["text"], r["status"]) for r in plan if r["type"] == "indicator"] == [("đạt 57,9% kế hoạch năm", "not_met")]


def test_a_price_base_year_is_no_target_year():
    text = ("II. CÁC CHỈ TIÊU CHỦ YẾU NHIỆM KỲ 2025 - 2030\n"
            "(1) Tốc độ tăng giá trị sản xuất bình quân hằng năm (giá so sánh năm 2010) đạt 9%.\n"
            "(2) Thu nhập bình quân đầu người đến năm 2028 đạt 70 triệu đồng.\n"
            "III. NHIỆM VỤ\n")
    years = target_years(text)
    assert years == {1: [2030], 2: [2028]}


@pytest.mark.parametrize("heading", ["2- Các chỉ tiêu chủ yếu (giai đoạn 2021-2025)", "II. CÁC CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2021 – 2025",
                                     "2. Các chỉ tiêu chủ yếu nhiệm kỳ 2020 - 2025"])
def test_a_list_heading_naming_its_period_gives_the_period_end_as_the_year(heading):
    text = (f"{heading}\n"
            "(1) Tổng diện tích gieo trồng hằng năm: 3.500 ha.\n"
            "(2) Trồng rừng mới: 25 ha/năm.\n"
            "(3) Thu nhập bình quân đầu người đến năm 2024 đạt 40 triệu đồng.\n"
            f"{'III. NHIỆM VỤ' if heading.startswith('II.') else '3. Nhiệm vụ'}\n")
    years = target_years(text)
    assert years == {1: [2025], 2: [2025], 3: [2024]}  # the item's own year first


def test_a_list_numbered_again_under_its_heading_gives_items_and_their_labels_are_no_figures():
    text = ("I- MỤC TIÊU VÀ CHỈ TIÊU\n1. Mục tiêu tổng quát: phát triển toàn diện.\n2. Các chỉ tiêu chủ yếu đến năm 2030\n"
            "   1. Cơ cấu kinh tế: dịch vụ chiếm 50%. Trong đó, giá trị dịch vụ: 120,5 tỷ đồng, giá trị nông nghiệp: 30 tỷ đồng.\n"
            "2. Thu ngân sách tăng 8% hằng năm.\n3. Tỷ lệ lao động qua đào tạo 75%.\n")
    records = records_from_text(text)
    targets = [r for r in records if r["type"] == "indicator" and r["role"] == "target"]
    assert [(t["group"], t["number"]) for t in targets] == [("2", 1), ("2", 2), ("2", 3)]
    assert [(t["value"], t["metric"]) for t in targets[0]["targets"]] == [
        (50, "dịch vụ"), (120500000000, "giá trị dịch vụ"), (30000000000, "giá trị nông nghiệp")]
    assert [q["text"] for q in records if q["type"] == "quantity"] == ["50%", "120,5 tỷ đồng", "30 tỷ đồng", "8%", "75%"]


def test_an_unnumbered_list_heading_holds_its_numbered_groups_and_plus_lines_are_sub_points():
    text = ("KẾ HOẠCH NĂM 2026\n CÁC CHỈ TIÊU CHỦ YẾU CỦA NĂM 2026:\n1. Chỉ tiêu về kinh tế:\n"
            "- Tổng diện tích gieo trồng 800 ha, trong đó:\n+ Lúa 500 ha\n+ Màu: 300 ha.\n- Sản lượng lúa: 3.000 tấn.\n"
            "2. Chỉ tiêu về xã hội:\n- Dân số trung bình 7.200 người\n+ Tỷ lệ tăng dân số tự nhiên: 0,9%\n- Tỷ lệ hộ dùng nước hợp vệ sinh 100%.\n")
    _, found = indicator_records(text)
    targets = [(r["group"], r["number"], [t["value"] for t in r["targets"]]) for r in found if r["role"] == "target"]
    assert targets == [("1", 1, [800, 500, 300]), ("1", 2, [3000]), ("2", 1, [7200, 0.9]), ("2", 2, [100])]


def test_a_list_of_aims_under_numbered_field_headings():
    text = ("I. PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ CHỦ YẾU NHIỆM KỲ 2020 - 2025:\n"
            "1. Kinh tế:\n"
            "- Tổng giá trị sản xuất đến năm 2025 đạt 900 tỷ đồng, tăng 1,5 lần so với năm 2020; "
            "Trong đó: Dịch vụ - Thương mại: 500 tỷ đồng.\n"
            "- Thu nhập bình quân đầu người: 70 triệu đồng.\n"
            "2. Văn hoá - xã hội:\n- Tỷ lệ hộ nghèo còn 1%.\n")
    _, found = indicator_records(text)
    targets = {(r["group"], r["number"]): r["targets"] for r in found if r["role"] == "target"}
    assert sorted(targets) == [("1", 1), ("1", 2), ("2", 1)]  # headings stating no figure group the items
    assert [(t["value"], t["year"]) for t in targets[("1", 1)]] == [(900000000000, 2025), (1.5, 2025), (500000000000, 2025)]  # "so với năm 2020" is no deadline
    assert targets[("1", 1)][2]["metric"] == "Dịch vụ - Thương mại"  # a dash inside a label joins it


def test_a_figure_in_brackets_after_another_keeps_its_own_metric():
    text = ("3. Các chỉ tiêu chủ yếu đến năm 2030\n"
            "- Tỷ lệ hộ nghèo giảm 3% trở lên (còn 7%).\n"
            "- Số hộ dùng nước hợp vệ sinh tăng từ 3% trở lên (để đạt 84%).\n"
            "4. Nhiệm vụ\n")
    _, found = indicator_records(text)
    metrics = [[t["metric"] for t in r["targets"]] for r in found if r["role"] == "target"]
    assert metrics == [["Tỷ lệ hộ nghèo", "Tỷ lệ hộ nghèo"], ["Số hộ dùng nước hợp vệ sinh", "Số hộ dùng nước hợp vệ sinh"]]


def test_result_rules_are_run_only_where_a_target_word_is_and_miss_nothing_there():
    """Every clause a result rule finds in a whole paragraph lies inside the windows around its
    target words, on every corpus report and text of ../shared/extra: running the rules there
    only reads the same clauses."""
    from extractor.indicators.extract import _anchor_windows, indicator_rules
    from extractor.reading import read_document
    from extractor.records import clean_document

    rules = indicator_rules()
    paths = sorted((ROOT / "corpora").glob("*.txt")) + sorted((ROOT.parent / "shared" / "extra").rglob("*.txt"))
    checked = 0
    for path in paths:
        clean = clean_document(read_document(str(path)))
        for paragraph in clean.paragraphs:
            windows = _anchor_windows(clean.text, paragraph.start, paragraph.end, rules["result_anchor"])
            for _, pattern, _ in rules["results"]:
                for match in pattern.finditer(clean.text, paragraph.start, paragraph.end):
                    checked += 1
                    assert any(a <= match.start() and match.end() <= b for a, b in windows), (path.name, match.group())
    assert checked > 50  # the test reads real clauses, not an empty set


def test_a_list_with_no_year_of_its_own_takes_the_one_its_items_state():
    text = ("II- CÁC CHỈ TIÊU CHỦ YẾU\n"
            "1. Giá trị sản xuất nông nghiệp đến năm 2030 đạt trên 300 tỷ đồng.\n"
            "2. Tổng đàn trâu, bò đạt 500 con, lợn đạt 1.300 con, bằng năm 2025.\n"
            "3. Số hộ kinh doanh vào năm 2030 có 240 hộ.\n")
    years = target_years(text)
    assert years == {1: [2030], 2: [2030, 2030], 3: [2030]}  # "bằng năm 2025" is a comparison, not a deadline


def test_a_list_with_no_year_in_its_headings_takes_the_plan_year_its_lead_names():
    """A one-year plan: the sentence before the list names the plan's year, a date's year does not count
    and neither does a review's year before the section that leads into the list."""
    text = ("I. KẾT QUẢ THỰC HIỆN KẾ HOẠCH NĂM 2023\nThu ngân sách đạt 12 tỷ đồng, bằng 105% kế hoạch năm 2023.\n"
            "II. NHIỆM VỤ\nNgày 9/12/2023, HĐND huyện thông qua Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2024.\n"
            "Các chỉ tiêu chủ yếu:\n"
            "1. Tốc độ tăng giá trị sản xuất từ 7,5% trở lên.\n"
            "2. Tỷ lệ hộ nghèo giảm 0,5%.\n"
            "3. Tỷ lệ che phủ rừng đạt 45%.\n")
    assert target_years(text) == {1: [2024], 2: [2024], 3: [2024]}
    without_lead = text.replace(" về kế hoạch phát triển kinh tế - xã hội năm 2024", "")
    assert target_years(without_lead) == {1: [None], 2: [None], 3: [None]}  # the review's 2023 is no plan year


def test_bare_group_lines_and_dash_items_run_together_on_one_line():
    """A list whose group lines have no mark and no colon ("Về xã hội") and whose dash items lost
    some line breaks ("… trở lên. - Lương thực …"); its items are most of its lines, so they set
    the line width."""
    text = ("3.1.2. Các chỉ tiêu chủ yếu\n"
            "Về kinh tế\n"
            "- Tốc độ tăng trưởng kinh tế bình quân hằng năm đạt 10,5% trở lên, trong đó nông nghiệp tăng 3,2% và dịch vụ tăng 12%.\n"
            "- Tổng sản lượng lương thực có hạt đạt 95.000 tấn trở lên. - Giá trị sản xuất nông nghiệp đạt 120 triệu đồng/ha.\n"
            "- Tổng vốn đầu tư toàn xã hội giai đoạn 2021-2025 đạt 2.100 tỷ đồng, tăng bình quân 10% mỗi năm so với kỳ trước.\n"
            "Về xã hội\n"
            "- Tỷ lệ hộ nghèo giảm bình quân 1,5% mỗi năm, đến cuối kỳ còn dưới 3% theo chuẩn nghèo đa chiều giai đoạn mới.\n"
            "- Tỷ lệ lao động qua đào tạo đạt 75%. - Tỷ lệ người dân tham gia bảo hiểm y tế đạt 95%.\n")
    _, found = indicator_records(text)
    assert [(r["group"], r["number"], r["targets"][0]["value"]) for r in found if r["role"] == "target"] == [
        ("Về kinh tế", 1, 10.5), ("Về kinh tế", 2, 95000), ("Về kinh tế", 3, 120000000), ("Về kinh tế", 4, 2100000000000),
        ("Về xã hội", 1, 1.5), ("Về xã hội", 2, 75), ("Về xã hội", 3, 95)]


def test_a_list_heading_after_one_sentence_lines_and_items_without_groups():
    """A text with one sentence per line (no blank lines): the short line leading into the dash
    items is the list's heading, not the end of the paragraph before; a list without group headings
    or a section label has items with no group."""
    text = ("Đại hội Đảng bộ thành phố lần thứ X khai mạc sáng nay với sự tham dự của 450 đại biểu đại diện cho hơn 200.000 đảng viên trong toàn Đảng bộ thành phố .\n"
            "Báo cáo chính trị nêu rõ trong nhiệm kỳ qua kinh tế thành phố tăng trưởng bình quân 9,6 % mỗi năm , cao hơn mức bình quân chung của cả nước .\n"
            "Một số chỉ tiêu chủ yếu nhiệm kỳ 2015-2020 :\n"
            "- Tốc độ tăng trưởng kinh tế bình quân hằng năm từ 8 % trở lên .\n"
            "- Tỷ lệ lao động qua đào tạo nghề đạt 85 % .\n")
    _, found = indicator_records(text)
    assert [(r["group"], r["number"], r["targets"][0]["value"], r["targets"][0]["year"]) for r in found if r["role"] == "target"] \
        == [(None, 1, 8, 2020), (None, 2, 85, 2020)]


def test_an_unnumbered_list_ends_where_another_lead_in_line_begins():
    """Orientations after the targets ("Định hướng … 2021 - 2030:" with its "(1) …" items) are no
    target items of the list before them."""
    prose = ("Đại hội xác định mục tiêu tổng quát của nhiệm kỳ là tiếp tục xây dựng Đảng bộ trong sạch, vững mạnh, "
             "phát huy sức mạnh đại đoàn kết toàn dân, đẩy mạnh phát triển kinh tế - xã hội nhanh và bền vững.\n\n") * 4
    text = ("I- MỤC TIÊU\n\n" + prose +
            "Các chỉ tiêu chủ yếu đến năm 2025:\n\n"
            "- Tỷ lệ hộ nghèo giảm còn dưới 2%.\n\n"
            "- Thu nhập bình quân đầu người đạt 70 triệu đồng.\n\n"
            "Định hướng phát triển giai đoạn 2025 - 2030:\n\n"
            "(1) Tiếp tục đổi mới mạnh mẽ tư duy phát triển kinh tế.\n\n"
            "(2) Phát triển nguồn nhân lực chất lượng cao.\n")
    _, found = indicator_records(text)
    assert [(r["number"], r["text"][:12]) for r in found if r["role"] == "target"] == [(1, "- Tỷ lệ hộ n"), (2, "- Thu nhập b")]


@pytest.mark.parametrize("heading", ["II. MỤC TIÊU, CHỈ TIÊU NĂM 2025", "2. Các chỉ tiêu:", "2. Chỉ tiêu kế hoạch năm 2025",
                                     "2. Một số chỉ tiêu giai đoạn 2025 - 2030"])
def test_plainly_named_target_lists(heading):
    """Headings that name the list plainly ("MỤC TIÊU, CHỈ TIÊU NĂM 2025", "Các chỉ tiêu:") hold
    target items; a heading over a review of past targets holds none."""
    items = "\n1. Tỷ lệ hộ nghèo giảm còn dưới 3%.\n2. Tỷ lệ che phủ rừng đạt 45%.\n"
    _, found = indicator_records(heading + items)
    assert [(r["number"], r["targets"][0]["value"]) for r in found if r["role"] == "target"] == [(1, 3), (2, 45)]
    _, found = indicator_records("2. Kết quả thực hiện các chỉ tiêu năm 2024" + items)
    assert [r for r in found if r["role"] == "target"] == []


def test_a_table_of_targets():
    """A "chỉ tiêu chủ yếu" list written as a table (DOCX, PDF ruled table, tab-separated text):
    each numbered row is a target item named by its label cell, its figure in the row's unit
    (ĐVT cell) with the comparator written in its cell ("Dưới 2", "≥ 95"); a roman row groups."""
    text = ("II. CÁC CHỈ TIÊU CHỦ YẾU NHIỆM KỲ 2025 - 2030\n\n"
            "TT\tChỉ tiêu\tĐơn vị tính\tMục tiêu đến năm 2030\n"
            "I\tVề kinh tế\t\t\n"
            "1\tTốc độ tăng trưởng giá trị sản xuất bình quân\t%/năm\t8 - 9\n"
            "2\tThu nhập bình quân đầu người\tTriệu đồng\t85\n"
            "II\tVề xã hội\t\t\n"
            "3\tTỷ lệ hộ nghèo (chuẩn đa chiều)\t%\tDưới 2\n"
            "4\tTỷ lệ tham gia bảo hiểm y tế\t%\t≥ 95\n\n"
            "III. NHIỆM VỤ, GIẢI PHÁP\n")
    _, found = indicator_records(text)
    targets = [(r["group"], r["number"], r["metric"], [(t["value"], t["low"], t["high"], t["unit"], t["comparator"], t["year"])
                                                       for t in r["targets"]]) for r in found if r["role"] == "target"]
    assert targets == [
        ("I", 1, "Tốc độ tăng trưởng giá trị sản xuất bình quân", [(None, 8, 9, "%/năm", "range", 2030)]),
        ("I", 2, "Thu nhập bình quân đầu người", [(85_000_000, None, None, "đồng", "=", 2030)]),
        ("II", 3, "Tỷ lệ hộ nghèo (chuẩn đa chiều)", [(2, None, None, "%", "<", 2030)]),
        ("II", 4, "Tỷ lệ tham gia bảo hiểm y tế", [(95, None, None, "%", ">=", 2030)])]


def test_a_resolution_with_articles_and_lettered_targets():
    """A council's resolution: "Điều 1." articles are top sections, the numbered points nest under
    them; lettered items "a) b) c)" of the list are target items 1, 2, 3; the year comes from the
    heading holding the list ("Điều 1. Thông qua kế hoạch … năm 2025")."""
    text = ("NGHỊ QUYẾT\nVề kế hoạch phát triển kinh tế - xã hội năm 2025\n\n"
            "Điều 1. Thông qua kế hoạch phát triển kinh tế - xã hội năm 2025 với các nội dung sau:\n"
            "1. Mục tiêu tổng quát\nTiếp tục phát triển kinh tế nhanh và bền vững.\n"
            "2. Các chỉ tiêu chủ yếu\n"
            "a) Tổng giá trị sản xuất tăng 9% trở lên.\n"
            "b) Thu nhập bình quân đầu người đạt 68 triệu đồng.\n"
            "c) Tỷ lệ hộ nghèo giảm còn 1,5%.\n"
            "Điều 2. Giao Ủy ban nhân dân xã tổ chức thực hiện Nghị quyết.\n")
    records = records_from_text(text)
    sections = [(r["label"], r["level"]) for r in records if r["type"] == "section"]
    assert sections == [("Điều 1", 1), ("1", 2), ("2", 2), ("Điều 2", 1)]
    targets = [(r["group"], r["number"], [(t["value"], t["comparator"], t["year"]) for t in r["targets"]])
               for r in records if r["type"] == "indicator" and r["role"] == "target"]
    assert targets == [("2", 1, [(9, ">=", 2025)]), ("2", 2, [(68_000_000, "=", 2025)]), ("2", 3, [(1.5, "=", 2025)])]


def _target_brief(text):
    _, found = indicator_records(text)
    return [(r["number"], r["metric"], [(t["value"], t["low"], t["high"], t["unit"], t["comparator"], t["year"]) for t in r["targets"]])
            for r in found if r["role"] == "target"]


def test_a_lead_in_sentence_over_a_table_of_pipe_rows():
    """A web table copied as text ("1 | Chỉ tiêu | Kế hoạch |") under a sentence that names the
    targets and ends a paragraph: each numbered row is an item named by its label cell, the year
    from the lead-in."""
    text = ("Sáng 5/12, Hội đồng nhân dân huyện Đông Khê họp kỳ cuối năm. Hội đồng biểu quyết thông qua "
            "nghị quyết. 4 chỉ tiêu phát triển năm 2026 được Hội đồng giao Ủy ban nhân dân huyện:\n"
            "TT | Chỉ tiêu | Kế hoạch |\n"
            "1 | Tốc độ tăng giá trị sản xuất | 9-9,5% |\n"
            "2 | Thu nhập bình quân đầu người | 72 triệu đồng |\n"
            "3 | Tỷ lệ hộ nghèo | dưới 2% |\n"
            "4 | Tỷ lệ che phủ rừng | 48% |\n"
            "Hội đồng cũng thông qua nhiều nghị quyết khác.\n")
    assert _target_brief(text) == [
        (1, "Tốc độ tăng giá trị sản xuất", [(None, 9, 9.5, "%", "range", 2026)]),
        (2, "Thu nhập bình quân đầu người", [(72_000_000, None, None, "đồng", "=", 2026)]),
        (3, "Tỷ lệ hộ nghèo", [(2, None, None, "%", "<", 2026)]),
        (4, "Tỷ lệ che phủ rừng", [(48, None, None, "%", "=", 2026)])]


def test_a_truncated_heading_over_bullets_with_a_period_an_inline_number_and_a_cut_off_item():
    """"MỘT SỐ CHỈ TIÊU" cut to "SỐ CHỈ TIÊU" over "•" items: the bullets are items; the period
    named inside the list gives the year; "(4)" inside a bullet starts the next item; the last
    item, cut off by the end of the excerpt, keeps no target."""
    text = ("SỐ CHỈ TIÊU\n\n"
            "• Tốc độ tăng trưởng kinh tế bình quân hằng năm (2026-2030) đạt 7,5%.\n\n"
            "• Thu nhập bình quân đầu người đến cuối nhiệm kỳ đạt 95 triệu đồng trở lên.\n\n"
            "• Tỷ lệ đô thị hóa đến cuối nhiệm kỳ đạt 40%.(4) Số xã đạt chuẩn nông thôn mới nâng cao là 12 xã.\n\n"
            "• Tỷ lệ dân số tham gia bảo hiểm y tế đến cuối nhiệm kỳ đạt 96%.\n\n"
            "• Tỷ lệ chất thải rắn được thu gom đến cuối nhiệm kỳ đạt")
    assert _target_brief(text) == [
        (1, "Tốc độ tăng trưởng kinh tế bình quân hằng năm", [(7.5, None, None, "%", "=", 2030)]),
        (2, "Thu nhập bình quân đầu người", [(95_000_000, None, None, "đồng", ">=", 2030)]),
        (3, "Tỷ lệ đô thị hóa", [(40, None, None, "%", "=", 2030)]),
        (4, "Số xã đạt chuẩn nông thôn mới nâng cao", [(12, None, None, "xã", "=", 2030)]),
        (5, "Tỷ lệ dân số tham gia bảo hiểm y tế", [(96, None, None, "%", "=", 2030)]),
        (6, "Tỷ lệ chất thải rắn được thu gom", [])]


@pytest.mark.parametrize("first_item", [
    "1. Mỗi năm kết nạp 45 đảng viên mới.",
    "1. Số đảng viên kết nạp mới: 45 đảng viên.",
])
@pytest.mark.parametrize("above", ["Hội nghị thống nhất nội dung nghị quyết.\n", "II. MỤC TIÊU NHIỆM KỲ 2025 - 2030\n"])
def test_a_first_item_taken_for_a_heading_stays_in_its_list(first_item, above):
    """A first item stating a count and no measure ("1. Mỗi năm kết nạp 45 đảng viên mới.") reads
    like a heading to the section finder; it is still the list's first item, the list goes on."""
    text = (above + "Các chỉ tiêu chủ yếu:\n" + first_item + "\n"
            "2. Thu nhập bình quân đầu người đạt 90 triệu đồng.\n"
            "3. Tỷ lệ hộ nghèo dưới 1,5%.\n")
    found = _target_brief(text)
    assert [(number, [target[:5] for target in targets]) for number, _, targets in found] == [
        (1, [(45, None, None, "đảng viên", "=")]), (2, [(90_000_000, None, None, "đồng", "=")]), (3, [(1.5, None, None, "%", "<")])]


def test_ordinal_word_labels_under_a_lead_in():
    """"Thứ nhất, …", "Thứ hai, …" under a sentence naming the targets are items 1, 2, 3."""
    text = ("BÁO CÁO CỦA BAN CHẤP HÀNH HỘI CỰU CHIẾN BINH XÃ TÂN LẬP NHIỆM KỲ 2024 - 2029\n"
            "Đại hội thống nhất ba chỉ tiêu sau:\n"
            "Thứ nhất, hằng năm kết nạp mới 60 hội viên.\n"
            "Thứ hai, đến cuối nhiệm kỳ có 85% chi hội đạt vững mạnh.\n"
            "Thứ ba, giúp 20 hộ hội viên thoát nghèo.\n")
    found = _target_brief(text)
    assert [(number, [target[:6] for target in targets]) for number, _, targets in found] == [
        (1, [(60, None, None, "hội viên", "=", 2029)]), (2, [(85, None, None, "%", "=", 2029)]),
        (3, [(20, None, None, "hộ", "=", 2029)])]


@pytest.mark.parametrize("text", [
    # a result leading into its evidence, not a target list
    "Kết thúc nhiệm kỳ, có 10/12 chỉ tiêu đạt và vượt, cụ thể:\n- Thu nhập bình quân đạt 62 triệu đồng.\n"
    "- Tỷ lệ hộ nghèo còn 2,1%.\n- Tỷ lệ che phủ rừng đạt 51%.\n",
    # a lead-in naming chỉ tiêu inside a review of the past term
    "I. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT NHIỆM KỲ 2020 - 2025\nMột số chỉ tiêu như sau:\n- Thu nhập bình quân đạt 62 triệu đồng.\n"
    "- Tỷ lệ hộ nghèo còn 2,1%.\n- Tỷ lệ che phủ rừng đạt 51%.\n",
    # run-in target prose: no items
    "Một số chỉ tiêu chủ yếu đến năm 2030: tốc độ tăng trưởng bình quân 8%/năm; thu nhập bình quân đầu người đạt 90 triệu "
    "đồng; tỷ lệ hộ nghèo dưới 1%; tỷ lệ che phủ rừng 52%.\nĐại hội kêu gọi cán bộ, đảng viên thi đua thực hiện.\n",
    # bullets after a sentence that names no targets
    "Trong năm, xã đã triển khai các nội dung sau:\n- Làm mới 3 km đường giao thông.\n- Hỗ trợ 12 hộ xây nhà.\n"
    "- Trồng mới 20 ha rừng.\n",
    # a list of statistics under "chỉ tiêu" (an indicator) that cites its source after its items, or in its lead-in
    "3. Chỉ tiêu về giáo dục\n- Số trường đạt chuẩn quốc gia (trường): 41\n- Tỷ lệ học sinh dưới 15 tuổi bỏ học: 0,3%\n"
    "- Số giáo viên trên 1.000 dân (người): 12\n(Theo niên giám thống kê năm 2023)\n",
    "Một số chỉ tiêu dân số (nguồn: Chi cục Thống kê huyện):\n- Dân số trung bình: 98.400 người\n"
    "- Tỷ lệ tăng dân số tự nhiên: 1,1%\n- Tỷ số giới tính khi sinh: 109 bé trai/100 bé gái\n",
])
def test_no_target_list_without_a_target_lead_in(text):
    assert _target_brief(text) == []


def test_items_labelled_n_slash_are_target_items():
    """"1/ Tổng sản lượng … = 146.000 tấn": a number and a slash before a word labels an item; the
    label and the "=" are no part of the metric."""
    text = ("CÁC CHỈ TIÊU CHỦ YẾU NĂM 2026:\n\n1/Tổng sản lượng lương thực = 52.000 tấn.\n\n"
            "2/ Thu ngân sách trên địa bàn = 75 tỷ đồng.\n")
    targets = [r for r in records_from_text(text) if r["type"] == "indicator" and r["role"] == "target"]
    assert [(t["number"], t["targets"][0]["metric"], t["targets"][0]["value"]) for t in targets] == [
        (1, "Tổng sản lượng lương thực", 52000), (2, "Thu ngân sách trên địa bàn", 75_000_000_000)]


def test_a_list_of_targets_achieved_is_a_review_not_a_target_list():
    """"MỘT SỐ CHỈ TIÊU ĐẠT ĐƯỢC NĂM 2024" leads results of the year past: its items are no targets
    and their shares of the plan are results (must not fire on a list of targets to reach)."""
    items = ("1. Giải quyết việc làm cho 12.500 lao động, đạt 104,2% kế hoạch.\n"
             "2. Tuyển mới đào tạo nghề cho 8.000 học viên, đạt 100,5% kế hoạch.\n"
             "3. Tỷ lệ hộ nghèo giảm còn 2,1%.\n")
    review = records_from_text("MỘT SỐ CHỈ TIÊU ĐẠT ĐƯỢC NĂM 2024\n" + items)
    assert not [r for r in review if r["type"] == "indicator" and r["role"] == "target"]
    assert [r["status"] for r in review if r["type"] == "indicator" and r["role"] == "result"] == ["exceeded", "exceeded"]
    plan = records_from_text("CÁC CHỈ TIÊU CHỦ YẾU NĂM 2025\n" + items)
    assert len([r for r in plan if r["type"] == "indicator" and r["role"] == "target"]) == 3


def test_several_lead_ins_each_open_a_list_of_targets():
    """"11 chỉ tiêu kinh tế gồm:" and "8 chỉ tiêu xã hội gồm:" under a title line are lists 1 and 2;
    "1. Chỉ tiêu kinh tế" and "2. Chỉ tiêu xã hội" with no heading above are groups 1 and 2; under a
    list heading, such numbered sections stay its groups (must not fire: one list)."""
    def targets(text):
        return [(r["group"], r["number"]) for r in records_from_text(text) if r["type"] == "indicator" and r["role"] == "target"]

    items = "- Tăng trưởng đạt 8%;\n- Thu ngân sách 120 tỷ đồng;\n- Thu nhập 60 triệu đồng;\n"
    social = "- Tỷ lệ hộ nghèo giảm 1,5%;\n- Bảo hiểm y tế đạt 95%;\n- Việc làm cho 1.200 lao động.\n"
    expected = [("1", 1), ("1", 2), ("1", 3), ("2", 1), ("2", 2), ("2", 3)]
    assert targets("25 chỉ tiêu phấn đấu năm 2024\n\n11 chỉ tiêu kinh tế gồm:\n" + items + "\n8 chỉ tiêu xã hội gồm:\n" + social) == expected
    assert targets("1. Chỉ tiêu kinh tế\n" + items + "2. Chỉ tiêu xã hội\n" + social) == expected
    assert targets("CÁC CHỈ TIÊU CHỦ YẾU NĂM 2022:\n1. Chỉ tiêu về kinh tế:\n" + items + "2. Chỉ tiêu về xã hội:\n" + social) == expected


def test_each_figure_of_an_item_takes_the_year_written_with_it():
    """"X đến năm 2025 và Y đến năm 2030": 2025 and 2030; "giai đoạn 2026 - 2030 là …": 2030; a year
    opening the item holds for all its figures."""
    text = ("Các chỉ tiêu chủ yếu:\n"
            "- Sản lượng lương thực đạt 10.500 tấn đến năm 2025 và 11.000 tấn đến năm 2030;\n"
            "- Tăng trưởng nông nghiệp: giai đoạn 2021- 2025 là 12-13%; giai đoạn 2026 - 2030 là 11-12%;\n"
            "- Đến năm 2025, tỷ lệ hộ nghèo còn 2% và tỷ lệ che phủ rừng đạt 45%.\n"
            "- Tỷ lệ hộ nghèo đến năm 2027 còn 3% và đến năm 2030 còn dưới 1%.\n")
    years = [target["year"] for r in records_from_text(text) if r["type"] == "indicator" for target in r["targets"]]
    assert years == [2025, 2030, 2025, 2030, 2025, 2025, 2027, 2030]  # (a year after "và" is the next figure's)


def test_a_time_or_period_alone_names_no_target():
    """"10.500 tấn đến năm 2025 và 11.000 tấn đến năm 2030", "giai đoạn 2026 - 2030 là 11-12%": the
    targets take the item's metric, not the time."""
    text = ("Các chỉ tiêu chủ yếu:\n"
            "- Sản lượng lương thực đạt 10.500 tấn đến năm 2025 và 11.000 tấn đến năm 2030;\n"
            "- Tăng trưởng nông nghiệp: giai đoạn 2021- 2025 là 12-13%; giai đoạn 2026 - 2030 là 11-12%;\n")
    metrics = [target["metric"] for r in records_from_text(text) if r["type"] == "indicator" for target in r["targets"]]
    assert metrics == ["Sản lượng lương thực", "Sản lượng lương thực", "Tăng trưởng nông nghiệp", "Tăng trưởng nông nghiệp"]


def test_target_metrics_leave_out_the_term_end_and_a_running_total():
    """"đến cuối nhiệm kỳ" names when, "Lũy kế" that the figure sums: neither is what is measured
    (the quantity metric's periods, one home)."""
    text = ("CÁC CHỈ TIÊU CHỦ YẾU NHIỆM KỲ 2025 - 2030\n"
            "1. Lũy kế đến năm 2030 có 12 xã đạt chuẩn nông thôn mới nâng cao.\n"
            "2. Sản lượng thuỷ, hải sản đến cuối nhiệm kỳ đạt 417.000 tấn trở lên.\n"
            "3. Đến cuối nhiệm kỳ, tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 95%.\n"
            "4. Thu nhập bình quân đầu người đến năm 2030, đạt 90 triệu đồng/người/năm.\n")
    _, found = indicator_records(text)
    metrics = {r["number"]: r["metric"] for r in found if r["role"] == "target"}
    assert metrics == {1: "xã đạt chuẩn nông thôn mới nâng cao", 2: "Sản lượng thuỷ, hải sản",
                       3: "tỷ lệ dân số tham gia bảo hiểm y tế", 4: "Thu nhập bình quân đầu người"}
    quantities = {r["text"]: r["metric"] for r in records_from_text(text) if r["type"] == "quantity"}
    assert quantities["417.000 tấn"] == "Sản lượng thuỷ, hải sản"
    assert quantities["90 triệu đồng/người/năm"] == "Thu nhập bình quân đầu người"


def test_a_result_names_what_its_figure_measures():
    """A result clause's figure says what was measured: the result carries its metric (and so its
    catalogue code); a plan in brackets measures the same as the actual; a count of targets names none."""
    text = ("I. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT\nTỷ lệ chi bộ trong sạch vững mạnh đạt 100% (mục tiêu đại hội là 90%). "
            "Thu ngân sách đạt 12 tỷ đồng, đạt 95% kế hoạch. Có 12/19 chỉ tiêu đạt và vượt.\n")
    records = records_from_text(text)
    results = [(r["text"], r["metric"]) for r in records if r["type"] == "indicator" and r["role"] == "result"]
    assert results == [("100% (mục tiêu đại hội là 90%)", "Tỷ lệ chi bộ trong sạch vững mạnh"),
                       ("đạt 95% kế hoạch", "Thu ngân sách"), ("12/19 chỉ tiêu đạt và vượt", None)]
    plan = next(r for r in records if r["type"] == "quantity" and r["text"] == "90%")
    assert plan["metric"] == "Tỷ lệ chi bộ trong sạch vững mạnh"


def test_a_target_figure_carries_its_basis():
    """A target's figure says what it is measured against, as its quantity does: a rise over a named
    year, a share of the plan, none for a level."""
    text = ("CÁC CHỈ TIÊU CHỦ YẾU\n1. Tổng thu ngân sách trên địa bàn tăng 10% so với năm 2025.\n"
            "2. Giải ngân vốn đầu tư công đạt 100% kế hoạch.\n3. Tỷ lệ hộ nghèo giảm còn 1%.\n")
    targets = [r["targets"][0] for r in records_from_text(text) if r["type"] == "indicator" and r["role"] == "target"]
    assert [(t["value"], t["basis"], t["basis_year"]) for t in targets] == [(10, "named_period", 2025), (100, "plan", None), (1, None, None)]
