"""Section segmentation: every heading style of the genre, and the look-alikes that are not headings."""

from click.testing import CliRunner

from extractor.cleaning import clean_text
from extractor.cli import main
from extractor.evaluation.report import evaluate_gold
from extractor.sections import find_sections
from tests.conftest import CORPUS_REPORT, ROOT


def tree(raw: str) -> list[tuple[str, str, int]]:
    return [(s.label, s.title, s.level) for s in find_sections(clean_text(raw))]


def test_part_roman_arabic_nesting_with_title_on_the_next_line():
    raw = (
        "Phần thứ nhất\n"
        "BỐI CẢNH VÀ TÌNH HÌNH\n"
        "I- Bối cảnh tổ chức Đại hội\n"
        "Nội dung phần bối cảnh được trình bày ngắn gọn ở đây.\n"
        "1. Đặc điểm tình hình\n"
        "Văn bản thân bài của mục một.\n"
        "1.1. Thuận lợi\n"
        "Văn bản thân bài.\n"
        "1.1.1- Về nông nghiệp\n"
        "Văn bản thân bài.\n"
        "2. Khó khăn\n"
        "Văn bản thân bài.\n"
        "II. Kết quả\n"
        "Phần thứ hai\n"
        "PHƯƠNG HƯỚNG\n"
        "I- Mục tiêu\n"
    )
    assert tree(raw) == [
        ("Phần thứ nhất", "BỐI CẢNH VÀ TÌNH HÌNH", 1),
        ("I", "Bối cảnh tổ chức Đại hội", 2),
        ("1", "Đặc điểm tình hình", 3),
        ("1.1", "Thuận lợi", 4),
        ("1.1.1", "Về nông nghiệp", 5),
        ("2", "Khó khăn", 3),
        ("II", "Kết quả", 2),
        ("Phần thứ hai", "PHƯƠNG HƯỚNG", 1),
        ("I", "Mục tiêu", 2),
    ]


def test_levels_follow_the_document_not_a_fixed_table():
    # no "Phần"; "1.1" directly under "I"; a skipped level ("2.1.1" under "I" with no "2.1")
    raw = (
        "I. KINH TẾ\n1.1. Nông nghiệp\nNội dung.\n1.2. Công nghiệp\nNội dung.\n"
        "II. XÃ HỘI\n2.1.1- Giáo dục\nNội dung.\n"
    )
    assert tree(raw) == [
        ("I", "KINH TẾ", 1), ("1.1", "Nông nghiệp", 2), ("1.2", "Công nghiệp", 2),
        ("II", "XÃ HỘI", 1), ("2.1.1", "Giáo dục", 2),
    ]


def test_wrapped_title_and_title_stopping_at_a_colon():
    raw = (
        "1. Đẩy mạnh chuyển đổi số: Hình thành chính quyền số với hệ thống dịch vụ số hiện đại.\n"
        "2. Tình hình thực hiện các chỉ tiêu theo Nghị quyết Đại hội Đại biểu Đảng bộ xã Hát Lót và\n"
        "Nghị quyết Đại hội Đại biểu Đảng bộ xã Cò Nòi, nhiệm kỳ 2020 - 2025\n"
        "Đảng bộ thị trấn Hát Lót đã đề ra 19 chỉ tiêu, gồm: 06 chỉ tiêu về kinh tế, 07 chỉ tiêu về xã\n"
        "hội và 03 chỉ tiêu về môi trường.\n"
    )
    assert tree(raw) == [
        ("1", "Đẩy mạnh chuyển đổi số", 1),
        ("2", "Tình hình thực hiện các chỉ tiêu theo Nghị quyết Đại hội Đại biểu Đảng bộ xã Hát Lót và "
              "Nghị quyết Đại hội Đại biểu Đảng bộ xã Cò Nòi, nhiệm kỳ 2020 - 2025", 1),
    ]


def test_heading_running_into_body_keeps_its_first_sentence():
    raw = "IV- NHIỆM VỤ\n2. Thực hiện nghiêm Quy chế dân chủ ở cơ sở. Tăng cường công tác dân vận. Đổi mới phương thức.\n"
    assert tree(raw)[1] == ("2", "Thực hiện nghiêm Quy chế dân chủ ở cơ sở", 2)


def test_paren_items_are_headings_only_when_used_as_headings():
    as_items = "3.1. Các chỉ tiêu về kinh tế (07 chỉ tiêu):\n(1) Tỷ lệ lao động qua đào tạo đạt 55%.\n(2) Tỷ lệ che phủ rừng đạt 32,5%.\n"
    assert tree(as_items) == [("3.1", "Các chỉ tiêu về kinh tế (07 chỉ tiêu)", 1)]
    as_headings = "I. KINH TẾ\n(1) Nông nghiệp\nSản xuất nông nghiệp phát triển ổn định trong nhiệm kỳ.\n(2) Dịch vụ\nThương mại tăng trưởng khá.\n"
    assert tree(as_headings) == [("I", "KINH TẾ", 1), ("1", "Nông nghiệp", 2), ("2", "Dịch vụ", 2)]


def test_look_alikes_are_not_headings():
    raw = (
        "I- KẾT QUẢ\n"
        "Xã Hát Lót đạt tổng đàn\n"
        "132.542 con (tăng 115% so với đầu nhiệm kỳ); có 690 đàn ong1.\n"
        "1 Trong đó: đàn ong mật 500 đàn.\n"
        "Nhiệm kỳ 2020 -\n"
        "2025, Đảng bộ đã lãnh đạo toàn diện.\n"
        "* Phát triển chăn nuôi: tổng đàn trên 30.000 con.\n"
        "- Công tác xây dựng Đảng còn hạn chế.\n"
        "Một là, luôn bám sát sự lãnh đạo của cấp trên.\n"
        "8\n"
        "Hai là, phát huy dân chủ.\n"
    )
    assert tree(raw) == [("I", "KẾT QUẢ", 1)]


def test_upper_case_titles_and_roman_with_dot():
    raw = "III. CÁC KHÂU ĐỘT PHÁ TẬP TRUNG\nTHỰC HIỆN TRONG NHIỆM KỲ\nNội dung thân bài ngắn.\n"
    assert tree(raw) == [("III", "CÁC KHÂU ĐỘT PHÁ TẬP TRUNG THỰC HIỆN TRONG NHIỆM KỲ", 1)]


def test_corpus_sections_against_gold():
    report = evaluate_gold([str(ROOT / "gold" / "mai-son.json")])
    sections = report.micro["sections"]
    assert sections.f1 == 1.0
    assert sections.accuracy("title") >= 0.98


def test_sections_command_prints_an_indented_tree():
    result = CliRunner().invoke(main, ["sections", str(CORPUS_REPORT)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Phần thứ nhất  BỐI CẢNH VÀ TÌNH HÌNH  [level 1]"
    assert "        2.1.1  Sản xuất nông nghiệp, lâm nghiệp và chăn nuôi  [level 5]" in lines


def test_a_heading_without_title_ends_with_its_label():
    from extractor.api import records_from_text

    text = '" " "\nPhần thứ hai '
    section = next(r for r in records_from_text(text) if r["type"] == "section")
    assert section["start"] <= section["end"] and text[section["start"]:section["end"]] == "Phần thứ hai"


def test_a_capitals_title_over_several_docx_paragraphs():
    raw = "Phần thứ hai\nMỤC TIÊU, NHIỆM VỤ VÀ CÁC GIẢI PHÁP CHỦ YẾU\nNHIỆM KỲ 2022 - 2027\nI. DỰ BÁO TÌNH HÌNH\nNội dung.\n"
    found = [(s.label, s.title, s.level) for s in find_sections(clean_text(raw, paragraph_lines=True))]
    assert found == [("Phần thứ hai", "MỤC TIÊU, NHIỆM VỤ VÀ CÁC GIẢI PHÁP CHỦ YẾU NHIỆM KỲ 2022 - 2027", 1),
                     ("I", "DỰ BÁO TÌNH HÌNH", 2)]
