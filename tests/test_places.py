"""Places: the gazetteer, recognition by it, the reporting unit, old → new codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.api import records_from_text
from extractor.places import load_gazetteer
from extractor.places.gazetteer import NEW, OLD
from extractor.records import extract_records

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# Every unit each text names, read off the texts (a unit the gazetteer does not hold, a Lao
# province, "Hợp tác xã Thanh niên", "tỉnh Sơn La Xã" must not appear).
EXPECTED_PLACES = {
    "corpora/mai-son.txt": ["xã Mai Sơn", "huyện Mai Sơn", "thị trấn Hát Lót", "xã Hát Lót", "xã Cò Nòi", "tỉnh Sơn La"],
    # names spelt as the text spells them ("Khánh Hoà"), the document record's `province` officially
    "corpora/cong-hai_ket-luan-hoi-nghi-bch_2025.txt": ["tỉnh Khánh Hoà", "xã Công Hải"],
    "corpora/cong-hai_bao-cao-xay-dung-dang-quy-iii_2025.txt": ["tỉnh Khánh Hoà", "xã Công Hải", "xã Phước Chiến"],
    "corpora/cong-hai_nghi-quyet-dai-hoi-lan-i_2025-2030.txt": ["xã Công Hải", "tỉnh Khánh Hoà"],
    # (units named through their youth union: "Thành đoàn Huế", "Huyện đoàn Hương Sơn")
    "corpora/ha-tinh_doan-tncs_bao-cao-chinh-tri_2022-2027.doc": ["thành phố Hà Tĩnh", "tỉnh Hà Tĩnh", "thành phố Huế", "thành phố Quy Nhơn",
                                                                  "huyện Hương Sơn", "xã Đồng Môn", "xã Thạch Hạ"],
    "extra/nghiquyet_daihoi_XIII_toanvan_baochinhphu.txt": [],
    "extra/phonghai_laocai_daihoi_2025_2030_news.txt": ["xã Phong Hải", "tỉnh Lào Cai"],
    "extra/vietnews_hcmc_daihoi_X_2015_tokenized.txt": ["thành phố Hồ Chí Minh"],  # "TP HCM": the data's abbreviation
    "extra/vietnews_hcmc_daihoi_X_2015_underscores_to_spaces.txt": ["thành phố Hồ Chí Minh"],
    "extra/excerpts/123docz_chitieu_chuyeu_huyen_legacyfont_u.txt": ["xã Hoàng Giang", "xã Tế Lợi", "xã Minh Thọ"],  # "3 xã Hoàng Giang, Tế Lợi, Minh Thọ"
    "extra/excerpts/123docz_template_baocao_soket_giua_nhiemky_2015_2020.txt": [],  # "XÃ ..........": a template
    "extra/excerpts/baokhanhhoa_sonbinh_daihoi_2020_2025.txt": ["xã Sơn Bình", "huyện Khánh Sơn"],
    "extra/excerpts/baonghean_tamhop_giuanhiemky_2023.txt": [],
    "extra/excerpts/baophutho_toanthang_daihoi_2025_2030.txt": ["xã Toàn Thắng"],
    "extra/excerpts/baophutho_vanlang_daihoi_2025_2030.txt": [],  # xã Văn Lang: several in 2025, no province named
    "extra/excerpts/baothanhhoa_dongvan_daihoi_2020_2025.txt": ["xã Đông Văn"],
    "extra/excerpts/baothanhhoa_nhuxuan_chitieu_2020_2025.txt": [],
    "extra/excerpts/baria_tamphuoc_kehoach_ktxh_2022.txt": [],
    "extra/excerpts/binhdinh_vinhhao_ktxh_9thang_2023.txt": [],  # "UBND xã Vĩnh tổ chức": a misspelt name
    "extra/excerpts/flipbuilder_lsdb_quocoai_page377_bookLayout.txt": [],
    "extra/excerpts/gialai_kbang_loku_dinhhuong_2021_2025.txt": [],
    "extra/excerpts/gialai_kbang_sonlang_chitieu_2020_2025.txt": [],
    "extra/excerpts/gialai_pleiku_hoiphu_chitieu_2020_2025.txt": [],
    "extra/excerpts/hatinh_vuquang_ducgiang_ktxh_6thang_2021.txt": [],
    "extra/excerpts/nhandan_hanoi_chitieu_2025.txt": [],
    "extra/excerpts/tayninh_hoathanh_truongdong_ktxh_2022.txt": ["xã Trường Đông"],
    "extra/excerpts/thanhhoa_bimson_badinh_phuonghuong_2015_2020.txt": [],
    "extra/excerpts/thanhhoa_bimson_ngoctrao_phuonghuong_2020.txt": [],
    "extra/excerpts/thanhhoa_bimson_quangtrung_phuonghuong_2015_2020.txt": [],
    "extra/excerpts/thanhhoa_dongson_dongthinh_chitieu_2020.txt": [],
    "extra/excerpts/vietbao_nghiatru_daihoi_2025_2030.txt": ["xã Nghĩa Trụ", "xã Long Hưng", "xã Vĩnh Khúc"],
}

EXPECTED_UNIT = {
    "corpora/mai-son.txt": ("xã Mai Sơn", "04105", "tỉnh Sơn La"),
    "corpora/cong-hai_ket-luan-hoi-nghi-bch_2025.txt": ("xã Công Hải", "22840", "tỉnh Khánh Hòa"),
    "corpora/ha-tinh_doan-tncs_bao-cao-chinh-tri_2022-2027.doc": ("thành phố Hà Tĩnh", "436", "tỉnh Hà Tĩnh"),
    "extra/phonghai_laocai_daihoi_2025_2030_news.txt": ("xã Phong Hải", "02902", "tỉnh Lào Cai"),
    "extra/excerpts/baokhanhhoa_sonbinh_daihoi_2020_2025.txt": ("xã Sơn Bình", "22726", "tỉnh Khánh Hòa"),
    "extra/excerpts/vietbao_nghiatru_daihoi_2025_2030.txt": ("xã Nghĩa Trụ", "12031", "tỉnh Hưng Yên"),
    "extra/excerpts/tayninh_hoathanh_truongdong_ktxh_2022.txt": ("xã Trường Đông", "25642", "tỉnh Tây Ninh"),  # no letterhead: the title line
}


def _path(key: str) -> Path:
    return ROOT / key if key.startswith("corpora/") else SHARED / key


class _Documents(dict):
    """Document records by key, extracted on first use; texts of ../shared skip when it is absent."""

    def __missing__(self, key):
        path = _path(key)
        if not path.exists():
            pytest.skip(f"{key} is not beside the repository")
        self[key] = extract_records(str(path))[0]
        return self[key]


@pytest.fixture(scope="module")
def documents():
    return _Documents()


def test_every_corpus_and_extra_text_is_listed():
    texts = {f"corpora/{p.name}" for p in (ROOT / "corpora").iterdir() if p.suffix in (".txt", ".doc")}
    texts |= {str(p.relative_to(SHARED)) for p in (SHARED / "extra").rglob("*.txt")}
    assert texts <= set(EXPECTED_PLACES)


@pytest.mark.parametrize("key", sorted(EXPECTED_PLACES))
def test_documents_list_only_real_units_each_with_its_code(documents, key):
    document = documents[key]
    assert document["places"] == EXPECTED_PLACES[key]
    assert [unit["place"] for unit in document["place_units"]] == document["places"]
    assert all(unit["code"] and unit["level"] in ("commune", "district", "province") for unit in document["place_units"])


@pytest.mark.parametrize("key", sorted(EXPECTED_UNIT))
def test_reporting_unit_from_letterhead_title_or_organisations(documents, key):
    document = documents[key]
    assert (document["unit"], document["unit_code"], document["province"]) == EXPECTED_UNIT[key]


def test_merged_units_map_to_their_successor(documents):
    gazetteer = load_gazetteer()
    document = documents["corpora/mai-son.txt"]
    assert [old["unit"] for old in document["merged_from"]] == ["thị trấn Hát Lót", "xã Hát Lót", "xã Cò Nòi"]
    by_place = {unit["place"]: unit for unit in document["place_units"]}
    for name in ("thị trấn Hát Lót", "xã Hát Lót", "xã Cò Nòi"):
        assert by_place[name]["vintage"] == OLD and by_place[name]["district"] == "huyện Mai Sơn"
        assert by_place[name]["successor_code"] == "04105"  # xã Mai Sơn from 1 July 2025
    new_mai_son = gazetteer.unit("commune", NEW, "04105")
    assert new_mai_son.full_name == "xã Mai Sơn" and new_mai_son.province == "tỉnh Sơn La"
    assert {old.full_name for old in gazetteer.predecessors(new_mai_son)} == {"thị trấn Hát Lót", "xã Hát Lót", "xã Cò Nòi"}
    cong_hai = documents["corpora/cong-hai_ket-luan-hoi-nghi-bch_2025.txt"]
    assert cong_hai["unit_vintage"] == NEW  # dated December 2025: the commune of the merged Khánh Hòa


def _places(text: str) -> list[str]:
    return records_from_text(text)[0]["places"]


@pytest.mark.parametrize("text, expected", [
    ("Đảng bộ tỉnh Sơn La Xã hội phát triển.", ["tỉnh Sơn La"]),  # the name never runs into the next word
    ("Đoàn công tác tỉnh Kinh tế làm việc.", []),  # "tỉnh Kinh" is no unit
    ("Đại biểu tỉnh Bolykhămxay (Lào) sang thăm.", []),  # a foreign unit is not in the gazetteer
    ("Thành lập Hợp tác xã Thanh niên Thành Sen.", []),  # "xã" ends the word "hợp tác xã"
    ("ĐẢNG ỦY XÃ CÔNG HẢI\nBáo cáo tình hình tháng 9 năm 2025.", ["xã Công Hải"]),
    ("Kết quả xã Hoà Bình và tỉnh Hòa Bình.", ["xã Hoà Bình", "tỉnh Hòa Bình"]),  # found whatever the tone placement, spelt as written
])
def test_recognition_by_the_gazetteer(text, expected):
    assert _places(text) == expected


def test_type_word_alone_refers_to_the_reporting_unit():
    text = ("ĐẢNG BỘ TỈNH SƠN LA\nĐẢNG ỦY XÃ MAI SƠN\nSơn La, ngày 10 tháng 9 năm 2025\nBÁO CÁO\n"
            "Tỷ lệ hộ nghèo còn 2%. Diện tích rừng của tỉnh đạt 45%. Toàn xã có 1.200 hộ nghèo. Xã Chiềng Mung: 300 hộ.")
    records = records_from_text(text)
    document = records[0]
    assert document["unit"] == "xã Mai Sơn" and document["province"] == "tỉnh Sơn La"
    quantities = {r["text"]: r for r in records if r["type"] == "quantity"}
    assert quantities["1.200 hộ"]["place"] == "xã Mai Sơn" and quantities["1.200 hộ"]["place_source"] == "text"
    assert quantities["300 hộ"]["place"] == "xã Chiềng Mung"
    assert quantities["45%"]["place"] == "tỉnh Sơn La"  # "tỉnh" alone: the reporting unit's province
    assert quantities["2%"]["place"] is None  # no unit named: the default holds
    assert quantities["2%"]["place_resolved"] == "xã Mai Sơn" and quantities["2%"]["place_source"] == "reporting_unit"
    assert quantities["1.200 hộ"]["place_code"] == "04105" and quantities["1.200 hộ"]["place_level"] == "commune"


def test_gazetteer_is_offline_and_complete():
    import sys

    gazetteer = load_gazetteer()
    counts = {}
    for unit in gazetteer.units:
        counts[(unit.level, unit.vintage)] = counts.get((unit.level, unit.vintage), 0) + 1
    assert counts[("commune", OLD)] == 10035 and counts[("commune", NEW)] == 3321
    assert counts[("province", OLD)] == 63 and counts[("province", NEW)] == 34
    assert "vietnamadminunits.parser" not in sys.modules and "geopy" not in sys.modules  # its parser never loads


LETTERHEAD = "ĐẢNG BỘ TỈNH SƠN LA\nĐẢNG ỦY XÃ MAI SƠN\nSơn La, ngày 10 tháng 9 năm 2025\nBÁO CÁO\n"


def _places_by_figure(text: str) -> dict[str, str | None]:
    """Written figure → its place, for every quantity of ``text``."""
    return {q["text"]: q["place"] for q in records_from_text(text) if q["type"] == "quantity"}


def _place_of(figure: str, text: str) -> str | None:
    """The place of the quantity written ``figure`` in ``text``."""
    return next(r for r in records_from_text(text) if r["type"] == "quantity" and r["text"] == figure)["place"]


@pytest.mark.parametrize("sentence, figure, place", [
    # the predicate right after a mention makes it the end of the subject phrase
    ("Kết quả thực hiện Nghị quyết của Ban Chấp hành Đảng bộ xã có 09/11 chỉ tiêu đạt.", "09/11 chỉ tiêu", "xã Mai Sơn"),
    ("Diện tích cây ăn quả tại xã Cò Nòi đạt 1.866 ha.", "1.866 ha", "xã Cò Nòi"),
    # an organisation of the unit opens the subject phrase, whatever stands between it and the predicate
    ("Ban Chấp hành Đảng bộ xã Cò Nòi nhiệm kỳ 2025 - 2030 gồm 21 đồng chí.", "21 đồng chí", "xã Cò Nòi"),
    # ... of the whole run when several units are named together: no one unit
    ("Cấp ủy các Đảng bộ thị trấn Hát Lót, xã Cò Nòi, xã Hát Lót đã thi hành kỷ luật 17 đảng viên.", "17 đảng viên", None),
    # a unit that is an object, not the subject, does not hold for the figure
    ("Đoàn đã hỗ trợ 15 hộ nghèo của xã Cò Nòi.", "15 hộ", None),
    # ... but a body of a unit the figure is counted into, later in its clause, does when nothing before names one
    ("Đại hội đã bầu 19 đồng chí vào Ban Chấp hành Đảng bộ xã Cò Nòi khóa mới.", "19 đồng chí", "xã Cò Nòi"),
    # the number of its congress or term between a body and its predicate is an aside
    ("Đại hội Đảng bộ xã Cò Nòi lần thứ XII, nhiệm kỳ 2020-2025 đã bầu 15 đồng chí.", "15 đồng chí", "xã Cò Nòi"),
    ("Đại hội đã bầu Ban Chấp hành Đảng bộ xã Cò Nòi khóa XXIV gồm 15 đồng chí.", "15 đồng chí", "xã Cò Nòi"),
])
def test_subject_phrase_ends_where_the_predicate_starts(sentence, figure, place):
    assert _place_of(figure, LETTERHEAD + sentence) == place


@pytest.mark.parametrize("sentence, figure, place", [
    # a clause's first verb read after a subject, not alone (alone "tổ chức 2 lớp" reads as a noun)
    ("Hội Nông dân huyện Bình Liêu tổ chức 6 lớp tập huấn.", "6 lớp", "huyện Bình Liêu"),
    ("Năm 2023, kinh tế của huyện Bình Liêu tăng trưởng 9,2%.", "9,2%", "huyện Bình Liêu"),
    # a preposition after a mention links it to what follows: no predicate
    ("Lãnh đạo huyện Bình Liêu qua các thời kỳ và 120 đại biểu dự hội nghị.", "120 đại biểu", None),
])
def test_the_predicate_after_a_mention_is_tagged_after_a_subject(sentence, figure, place):
    assert _place_of(figure, sentence) == place


@pytest.mark.parametrize("sentence, figure, place", [
    # a province's name written without its type is the province: it is one in the country
    ("Năm 2024, GRDP Quảng Ngãi tăng 7,1%.", "7,1%", "tỉnh Quảng Ngãi"),
    ("Tại Cao Bằng, tỷ lệ hộ nghèo còn 18,5%.", "18,5%", "tỉnh Cao Bằng"),
    ("Đà Nẵng có 6 quận.", "6 quận", "thành phố Đà Nẵng"),
    # ... not inside a longer proper name (a person, a place the tokenizer reads as one word)
    ("Ông Nguyễn Thái Bình cho biết trong năm có 14 hộ thoát nghèo.", "14 hộ", None),
    ("Di tích Điện Biên Phủ đón 20.000 lượt khách.", "20.000 lượt", None),
    # ... nor a name that bare names a person in Party texts
    ("Học tập và làm theo tư tưởng Hồ Chí Minh có 45 tập thể được khen thưởng.", "45 tập thể", None),
])
def test_a_bare_province_name_is_the_province(sentence, figure, place):
    assert _place_of(figure, sentence) == place


def test_dataset_tables_carry_place_codes(tmp_path):
    import duckdb
    from click.testing import CliRunner

    from extractor.cli import main

    result = CliRunner().invoke(main, ["batch", str(ROOT / "corpora/cong-hai_ket-luan-hoi-nghi-bch_2025.txt"),
                                       "-o", str(tmp_path / "ds"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    connection = duckdb.connect(str(tmp_path / "ds" / "dataset.duckdb"), read_only=True)
    rows = connection.execute("SELECT place_source, place_resolved, place_code, place_vintage, count(*) FROM quantity "
                              "GROUP BY ALL ORDER BY 1").fetchall()
    assert rows == [("reporting_unit", "xã Công Hải", "22840", "2025", 2), ("text", "xã Công Hải", "22840", "2025", 8)]
    assert connection.execute("SELECT unit, unit_code, province FROM document").fetchall() == [("xã Công Hải", "22840", "tỉnh Khánh Hòa")]


def test_a_title_line_names_the_reporting_unit_when_no_body_issues_the_text():
    document = records_from_text("Tình hình kinh tế - xã hội năm 2022 của xã Trường Đông\nThu ngân sách xã đạt 120%.")[0]
    assert (document["unit"], document["province"]) == ("xã Trường Đông", "tỉnh Tây Ninh")
    body = records_from_text("Báo cáo kết quả năm 2022\nĐoàn công tác đến thăm xã Trường Đông.")[0]
    assert body["unit"] is None  # a unit named in the body only is no issuer
    one_line = records_from_text("Một số chỉ tiêu chủ yếu nhiệm kỳ 2020 - 2025: tốc độ tăng trưởng bình quân 12%/năm; "
                                 "thu nhập bình quân 60 triệu đồng; 100% số xã đạt chuẩn nông thôn mới; "
                                 "dân số đô thị đạt 30%; tỷ lệ hộ nghèo dưới 2%; 95% người dân tham gia bảo hiểm y tế; "
                                 "tỷ lệ lao động qua đào tạo đạt 70%; mỗi năm kết nạp 80 đảng viên mới; "
                                 "thị trấn Ái Nghĩa đạt đô thị loại IV.")[0]
    assert one_line["unit"] is None  # a page that is one long line has no title line


def test_a_title_line_after_page_furniture_names_the_reporting_unit():
    page = "Skip navigation\nHome > News\nNgày 12/3/2024 08:15\nKết quả giảm nghèo năm 2023 của huyện Mường Ảng\nToàn huyện có 320 hộ thoát nghèo."
    assert records_from_text(page)[0]["unit"] == "huyện Mường Ảng"
    # a Vietnamese first line is the title: a unit the next line names is the body's
    titled = "Kết quả giảm nghèo năm 2023\nĐoàn công tác đến thăm huyện Mường Ảng, nơi có 320 hộ thoát nghèo."
    assert records_from_text(titled)[0]["unit"] is None


def test_the_opening_sentence_under_a_title_names_the_reporting_unit():
    news = ("Kinh tế - Xã hội Tin địa phương\n\n10/10/2021 - 08:30\n\nĐẩy mạnh phát triển kinh tế biển\n\n"
            "Ngày 9/10, Hội nghị Huyện ủy huyện Phú Vang lần thứ 5 được tổ chức. Toàn huyện có 1.200 tàu cá.")
    assert records_from_text(news)[0]["unit"] == "huyện Phú Vang"
    punctuation = ".\n.\nSơ kết công tác dân số 6 tháng\nHôm qua, Chi cục Dân số - Kế hoạch hóa gia đình tỉnh Gia Lai tổ chức hội nghị."
    assert records_from_text(punctuation)[0]["unit"] == "tỉnh Gia Lai"
    agent = "Phong trào văn hóa\nThời gian qua, phong trào được xã Trà Côn triển khai tốt. Toàn xã có 1.500 hộ."
    assert records_from_text(agent)[0]["unit"] == "xã Trà Côn"
    # the object of a verb, or a unit after the opening's first sentence, is no issuer
    visited = "Tin tức\nKết quả giảm nghèo năm 2023\nĐoàn công tác tỉnh đã đến thăm huyện Mường Ảng. Huyện Mường Ảng có 320 hộ thoát nghèo."
    assert records_from_text(visited)[0]["unit"] is None
    chapter = "CHƯƠNG 2. THỰC TRẠNG CHI NGÂN SÁCH TRÊN ĐỊA BÀN TỈNH QUẢNG NINH\nBảng 2.3. Dự toán chi\n"
    assert records_from_text(chapter)[0]["unit"] == "tỉnh Quảng Ninh"  # a heading's number ends no sentence


def test_a_credit_names_a_reporter_not_a_unit():
    credited = "Toàn tỉnh xảy ra 120 vụ tai nạn giao thông.\nẢnh: P.V\nSo với cùng kỳ, giảm 5 vụ (Ảnh minh họa: P.V)."
    records = records_from_text(credited)
    assert records[0]["places"] == [] and all(r["place"] is None for r in records if r["type"] == "quantity")
    caption = "Phường V có 120 hộ.\nTrong ảnh: Phường V tổ chức hội nghị, 50 hộ tham dự."
    assert [r["place"] for r in records_from_text(caption) if r["type"] == "quantity"] == ["phường V", "phường V"]


def test_a_body_named_in_a_list_of_units_does_not_issue_the_text():
    text = ("Kết quả kết nạp đảng viên trong toàn Đảng bộ tỉnh\n\nToàn Đảng bộ tỉnh có 477 tổ chức cơ sở đảng. "
            "Từ đầu năm đến nay, toàn Đảng bộ kết nạp 1.669 đảng viên, trong đó có Đảng bộ huyện Hàm Thuận Nam, "
            "huyện Phú Quý, huyện Tánh Linh vượt chỉ tiêu.")
    # none of the listed districts issues it; the province they all lie in, "toàn Đảng bộ tỉnh", does
    assert records_from_text(text)[0]["unit"] == "tỉnh Bình Thuận"
    address = "Đại hội Đảng bộ xã Hậu Nghĩa, tỉnh Tây Ninh, nhiệm kỳ 2025-2030 thông qua 12 chỉ tiêu."
    assert records_from_text(address)[0]["unit"] == "xã Hậu Nghĩa"


def test_a_persons_office_is_no_subject_and_a_leading_date_does_not_hide_one():
    for lead in ("Sáng ngày 11/8, ", ""):
        text = (f"{lead}Đảng bộ xã Hát Lót tổ chức Đại hội đại biểu lần thứ Nhất. Đồng chí Nguyễn Văn A, "
                "Phó Bí thư Tỉnh ủy Sơn La dự và chỉ đạo Đại hội. Dự Đại hội có 136 đại biểu đại diện cho 694 đảng viên.\n"
                "Đại hội đã nghe ý kiến của Ban Thường vụ Đảng bộ tỉnh Sơn La.")  # "Sơn La" is a name the document knows
        places = {r["text"]: r["place"] for r in records_from_text(text) if r["type"] == "quantity"}
        assert places == {"136 đại biểu": "xã Hát Lót", "694 đảng viên": "xã Hát Lót"}, lead


def test_a_reporting_unit_given_by_the_user_resolves_type_words_alone():
    text = "Toàn xã có 5 thôn. Diện tích lúa của xã đạt 120 ha."
    assert records_from_text(text)[0]["unit"] is None  # the text never names its unit
    records = records_from_text(text, unit="xã Tam Hợp, huyện Quỳ Hợp, tỉnh Nghệ An")
    document = records[0]
    assert (document["unit"], document["unit_source"], document["province"], document["unit_code"]) == \
        ("xã Tam Hợp", "given", "tỉnh Nghệ An", "17059")
    assert [q["place_resolved"] for q in records if q["type"] == "quantity"] == ["xã Tam Hợp", "xã Tam Hợp"]
    assert records_from_text("ĐẢNG ỦY XÃ CÔNG HẢI\nBáo cáo tháng 9 năm 2025.")[0]["unit_source"] == "text"


@pytest.mark.parametrize("written, message", [
    ("xã Văn Lang", "fits 2 units"),  # after the merger: Phú Thọ and Thái Nguyên
    ("Tam Hợp", "no administrative unit"),
    ("xã Văn Lang, tỉnh Sơn La", "no unit of that name"),
])
def test_a_given_unit_that_names_no_single_unit_is_refused_with_the_reason(written, message):
    from extractor.places.document import UnitError

    with pytest.raises(UnitError, match=message):
        records_from_text("Toàn xã có 5 thôn.", unit=written)


def test_a_reporting_unit_the_gazetteer_cannot_settle_is_kept_as_a_name_with_its_candidates():
    """Since the 2025 merger two communes are called xã Văn Lang (Phú Thọ, Thái Nguyên): a page
    issued by one and naming no province says the name, lists both, and warns; type words alone
    resolve to that name; given with its province, the unit is settled."""
    text = ("Ngày 24/7/2025, Đảng bộ xã Văn Lang tổ chức Đại hội lần thứ I.\n"
            "Nhiệm kỳ qua, toàn xã có 1.250 hộ; tỷ lệ hộ nghèo còn 2,5%.\n")
    records = records_from_text(text)
    document = records[0]
    assert (document["unit"], document["unit_code"], document["province"]) == ("xã Văn Lang", None, None)
    assert document["unit_level"] == "commune"  # both namesakes are communes
    assert sorted(c["province"] for c in document["unit_candidates"]) == ["tỉnh Phú Thọ", "tỉnh Thái Nguyên"]
    assert "fits 2 units" in document["warnings"][0] and "--unit" in document["warnings"][0]
    assert {q["place_resolved"] for q in records if q["type"] == "quantity"} == {"xã Văn Lang"}
    settled = records_from_text(text, unit="xã Văn Lang, tỉnh Phú Thọ")[0]
    assert (settled["unit_code"], settled["unit_candidates"], settled.get("warnings")) == ("08134", [], None)
    named = records_from_text(text.replace("xã Văn Lang", "xã Văn Lang, tỉnh Phú Thọ", 1))[0]
    assert (named["unit_code"], named["unit_candidates"]) == ("08134", [])


def test_a_higher_body_over_the_letterhead_tells_which_commune_issues_the_text():
    """"HUYỆN ỦY THỌ XUÂN" over "ĐẢNG ỦY XÃ XUÂN HÒA": eleven communes are called Xuân Hòa; the
    district above names the one that issues the report (not the district itself)."""
    text = ("HUYỆN ỦY THỌ XUÂN\n\nĐẢNG ỦY XÃ XUÂN HÒA\n\nBÁO CÁO CHÍNH TRỊ\ncủa Ban Chấp hành Đảng bộ xã khóa XXII\n\n"
            "Trong nhiệm kỳ, toàn xã có 1.250 hộ.\n")
    records = records_from_text(text)
    document = records[0]
    assert (document["unit"], document["province"], document["unit_level"]) == ("xã Xuân Hòa", "tỉnh Thanh Hóa", "commune")
    assert [q["place"] for q in records if q["type"] == "quantity"] == ["xã Xuân Hòa"]


def test_a_sentence_opening_on_its_units_ground_is_about_that_unit():
    """"Trên địa bàn huyện hiện có 125 doanh nghiệp": the locative opening the sentence names what
    its figures are about, and ends the scope of the subject before it ("Tỉnh Thanh Hóa đã …")."""
    text = ("HUYỆN ỦY THỌ XUÂN\n\nBÁO CÁO tình hình năm 2024\n\n"
            "Tỉnh Thanh Hóa đã phân bổ cho huyện 45 tỷ đồng để xây dựng hạ tầng. "
            "Trên địa bàn huyện hiện có 125 doanh nghiệp đang hoạt động.\n")
    places = _places_by_figure(text)
    assert places == {"45 tỷ đồng": "tỉnh Thanh Hóa", "125 doanh nghiệp": "huyện Thọ Xuân"}


def test_a_plural_type_word_names_every_unit_of_its_list_and_a_bracketed_unit_is_an_apposition():
    """"các xã Xuân Hòa, Xuân Lập, Thọ Lập": each name of the list is a commune (written bare
    later, "Xuân Lập 3,8%", it is known); the units named together are no one subject; "Xã Xuân
    Hòa (huyện Thọ Xuân)" is about the commune, the bracket only says where it lies."""
    text = ("HUYỆN ỦY THỌ XUÂN\n\nBÁO CÁO tình hình năm 2024\n\n"
            "Các xã Xuân Hòa, Xuân Lập và Thọ Lập có 3 thôn đạt chuẩn nông thôn mới kiểu mẫu. "
            "Tỷ lệ hộ nghèo còn cao: Xuân Hòa 4,2%, Xuân Lập 3,8%, Thọ Lập 3,5%.\n\n"
            "Xã Xuân Hòa (huyện Thọ Xuân) dẫn đầu phong trào với 12 mô hình kinh tế.\n")
    records = records_from_text(text)
    places = {q["text"]: q["place"] for q in records if q["type"] == "quantity"}
    assert places == {"3 thôn": None, "4,2%": "xã Xuân Hòa", "3,8%": "xã Xuân Lập", "3,5%": "xã Thọ Lập",
                      "12 mô hình": "xã Xuân Hòa"}
    assert {"xã Xuân Hòa", "xã Xuân Lập", "xã Thọ Lập"} <= set(records[0]["places"])


@pytest.mark.parametrize("text, figure, place", [
    # a name with the apostrophe of Central Highlands names, straight or curly, or without it
    ("Huyện Ia H’Drai có 3 xã biên giới.", "3 xã", "huyện Ia H’Drai"),
    ("Huyện Ia Hdrai có 3 xã biên giới.", "3 xã", "huyện Ia Hdrai"),
    # an abbreviated type word, with its dot touching the name or without a dot
    ("TP.Kon Tum có 10 phường.", "10 phường", "thành phố Kon Tum"),
    ("TX Ayun Pa có 4 phường.", "4 phường", "thị xã Ayun Pa"),
    # marks on the vowels of a borrowed syllable written otherwise than the official name (Đăk Glong)
    ("Huyện Đắk Glong có 9.334 hộ.", "9.334 hộ", "huyện Đăk Glong"),
    ("Huyện Đak Glong có 9.334 hộ.", "9.334 hộ", "huyện Đăk Glong"),
    # a borrowed syllable's "đ" written "d", or "D" (when no spelling with its "đ" answers)
    ("Huyện Dak Mil có 150 ha cà phê.", "150 ha", "huyện Đắk Mil"),
    ("Xã Ia Kđăm có 1.200 hộ.", "1.200 hộ", "xã Ia KDăm"),
])
def test_names_are_found_however_the_writer_spaces_or_abbreviates_them(text, figure, place):
    quantity = next(r for r in records_from_text(text) if r["type"] == "quantity" and r["text"] == figure)
    assert quantity["place"] == place


def test_a_type_word_opening_a_sentence_is_its_subject():
    records = records_from_text(LETTERHEAD + "Xã phấn đấu đến năm 2030 có 5 bản đạt chuẩn nông thôn mới. Xã hội hóa đạt 2 tỷ đồng.")
    places = {q["text"]: (q["place"], q["place_source"]) for q in records if q["type"] == "quantity"}
    assert places["5 bản"] == ("xã Mai Sơn", "text")


def test_units_of_a_list_hold_their_own_figures_and_a_bracketed_former_unit_holds_none():
    """Each unit of a list written with its figure ("xã A (diện tích …)", "xã B (huyện C) với N hộ",
    "các xã A giảm x%, B giảm y%") holds that figure — a bare name of the list too, when the
    gazetteer knows it in the same province; a unit in brackets only says where another lies."""
    text = ("Xã Chiềng Mung được thành lập trên cơ sở sáp nhập 2 xã: Chiềng Mung và Mường Bằng (huyện Mai Sơn cũ), "
            "có diện tích tự nhiên 80 km2.\n\n"
            "Huyện Mai Sơn có 3 xã rộng nhất gồm: xã Chiềng Mung (diện tích 80,5 km2), xã Hát Lót (diện tích 70,2 km2) "
            "và xã Cò Nòi (diện tích 60,1 km2). Xã Chiềng Ban có nhiều hộ nghèo nhất với 510 hộ. "
            "Tiếp theo là xã Cò Nòi (huyện Mai Sơn) với 420 hộ, Hát Lót (huyện Mai Sơn) 380 hộ.\n\n"
            "Tỷ lệ hộ nghèo giảm nhiều nhất là các xã Chiềng Mung giảm 5,2%, Cò Nòi giảm 4,1% và Hát Lót giảm 3,3%.\n")
    places = [(q["text"], q["place"]) for q in records_from_text(text) if q["type"] == "quantity"]
    assert places == [("2 xã", "xã Chiềng Mung"), ("80 km2", "xã Chiềng Mung"),
                      ("3 xã", "huyện Mai Sơn"), ("80,5 km2", "xã Chiềng Mung"), ("70,2 km2", "xã Hát Lót"),
                      ("60,1 km2", "xã Cò Nòi"), ("510 hộ", "xã Chiềng Ban"), ("420 hộ", "xã Cò Nòi"), ("380 hộ", "xã Hát Lót"),
                      ("5,2%", "xã Chiềng Mung"), ("4,1%", "xã Cò Nòi"), ("3,3%", "xã Hát Lót")]


def test_a_dateline_of_bare_district_and_province_names_settles_the_unit():
    document = records_from_text("Xã Văn Lang, Hạ Hòa, Phú Thọ: hội nghị có 120 đại biểu dự.")[0]
    assert document["unit"] == "xã Văn Lang" and document["province"] == "tỉnh Phú Thọ" and not document.get("warnings")
    # names after a unit with no figure between them are not units of a list
    assert records_from_text("Xã Mường Bằng, Mai Sơn, Sơn La: hội nghị có 120 đại biểu dự.")[0]["places"] == ["xã Mường Bằng"]


@pytest.mark.parametrize("sentence, figure, place", [
    # a unit dissolved before the gazetteer's oldest snapshot is a place as written, and closes the scope before it
    ("Xã Long Đống thu ngân sách 69 triệu đồng. Huyện Hoành Bồ năm 2015 có tổng thu ngân sách 500 tỷ đồng.", "500 tỷ đồng", "huyện Hoành Bồ"),
    ("Tỉnh Hà Tây có 307 xã, phường, thị trấn.", "307 xã", "tỉnh Hà Tây"),
    ("Huyện Từ Liêm năm 2012 có 16 xã.", "16 xã", "huyện Từ Liêm"),  # a proper name the dictionary holds is still a name
    # ... not a common word, nor a type word making a compound with the next word, nor a title in title case
    ("Xã Nông Thôn Mới có 120 hộ nghèo.", "120 hộ", None),
    ("Tỉnh Ủy Viên Lê Văn A dự hội nghị cùng 50 đại biểu.", "50 đại biểu", None),
    ("Báo Cáo Của Xã Về Việc Thực Hiện Nhiệm Vụ: có 12 thôn.", "12 thôn", None),
])
def test_a_unit_the_gazetteer_does_not_hold_is_a_place_as_written(sentence, figure, place):
    assert _place_of(figure, sentence) == place


def test_the_district_and_province_written_after_a_unit_must_hold_it():
    # the one Kỳ Sơn of the gazetteer is Nghệ An's; Hòa Bình's was dissolved in 2020
    document, *records = records_from_text("Huyện Kỳ Sơn, tỉnh Hòa Bình có diện tích 210,76 km2.")
    assert document["place_units"][0]["name"] == "tỉnh Hòa Bình" and len(document["place_units"]) == 1
    assert next(r for r in records if r["type"] == "quantity")["place"] == "huyện Kỳ Sơn"
    # a typed parent that holds it settles it; a unit of the same level after a comma is a list, and a number no parent
    assert records_from_text("Huyện Kỳ Sơn, tỉnh Nghệ An có 14 xã.")[0]["place_units"][0]["code"] == "417"
    listed = records_from_text("Nhập tỉnh Bà Rịa - Vũng Tàu, tỉnh Bình Dương và TP HCM. Bà Rịa - Vũng Tàu có 30 phường.")
    assert next(r for r in listed if r["type"] == "quantity")["place"] == "tỉnh Bà Rịa - Vũng Tàu"
    assert records_from_text("Theo UBND huyện Đức Trọng, 6 tháng đầu năm thu ngân sách 404 tỷ đồng.")[0]["unit"] == "huyện Đức Trọng"


def test_a_blank_line_after_a_finished_line_ends_the_paragraph_of_unwrapped_text():
    """A web page's paragraphs are lines of their own lengths: a full line ending a sentence is
    not a wrap there, so the next paragraph does not inherit its unit."""
    text = ("Ngày 12/3, Đảng bộ xã Cò Nòi tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025 - 2030, với 150 đại biểu "
            "chính thức đại diện cho hơn 1.000 đảng viên sinh hoạt tại các chi bộ trực thuộc trong toàn Đảng bộ.\n\n"
            "Tổng thu ngân sách năm 2024 đạt 12 tỷ đồng.\n\n"
            "Đại hội thông qua 18 chỉ tiêu chủ yếu cho nhiệm kỳ mới.\n")
    places = _places_by_figure(text)
    assert places["150 đại biểu"] == "xã Cò Nòi" and places["12 tỷ đồng"] is None


def test_a_hamlets_clause_is_its_own_and_its_communes_scope_resumes_after_it():
    """"Bản Nà Hạ có 120 hộ": a hamlet is no official unit, and its figures are not its commune's;
    after its clause the commune named before holds again."""
    text = ("Xã Chiềng Mung có 3.200 hộ. Bản Nà Hạ có 120 hộ, thu nhập bình quân 30 triệu đồng/người; "
            "tổng vốn xây dựng nông thôn mới của xã đạt 15 tỷ đồng.\n")
    places = _places_by_figure(text)
    assert places == {"3.200 hộ": "xã Chiềng Mung", "120 hộ": None, "30 triệu đồng/người": None, "15 tỷ đồng": "xã Chiềng Mung"}


@pytest.mark.parametrize("text, unit", [
    ("Huyện Thanh Hà có thêm 2 xã Thanh An và Thanh Lang đạt chuẩn nông thôn mới nâng cao. Thu nhập đạt 70 triệu đồng.\n",
     "huyện Thanh Hà"),
    ("Huyện Mai Sơn có ba xã Hát Lót, Cò Nòi và Chiềng Mung về đích nông thôn mới. Thu nhập đạt 70 triệu đồng.\n", "huyện Mai Sơn"),
    # must not fire: a year before the type word counts nothing
    ("Tình hình kinh tế - xã hội 7 tháng năm 2025 huyện Mai Sơn\nThứ tư - 06/08/2025 10:58\n"
     "Thu ngân sách đạt 120 tỷ đồng.\nSản lượng lương thực đạt 52.000 tấn.\n", "huyện Mai Sơn"),
])
def test_units_counted_in_the_opening_are_no_reporting_unit(text, unit):
    """"Huyện X có thêm 2 xã A và B …": the units a count or plural lists are what the opening
    counts; the unit before them is whose text it is."""
    assert records_from_text(text)[0]["unit"] == unit


@pytest.mark.parametrize("text, unit", [
    ("Vũng Liêm: Giải quyết việc làm mới cho gần 3.000 lao động\n\nNăm 2019, huyện giải quyết việc làm cho 3.000 lao động. "
     "Toàn huyện có 12 xã.\n", "huyện Vũng Liêm"),
    ("Thanh Hà (Hải Dương): Có thêm 2 xã đạt chuẩn nông thôn mới nâng cao\n\nUBND tỉnh Hải Dương vừa ban hành quyết định "
     "công nhận 2 xã Thanh An và Thanh Lang, huyện Thanh Hà đạt chuẩn năm 2023. Thu nhập đạt 70 triệu đồng.\n", "huyện Thanh Hà"),
    # must not fire: a name many districts bear, and a label that names no district
    ("Châu Thành: Giải quyết việc làm cho 1.200 lao động\n\nNăm 2019, huyện giải quyết việc làm cho 1.200 lao động.\n", None),
    ("Tin vắn: Giải quyết việc làm cho 1.200 lao động\n\nNăm 2019, huyện giải quyết việc làm cho 1.200 lao động.\n", None),
    # a province's label, then one of its districts opening the headline: that district's
    ("Bến Tre: Mỏ Cày Nam khai thác tiềm năng cây dừa\n\nCây dừa là cây trồng chủ lực của huyện với 12.000 ha.\n",
     "huyện Mỏ Cày Nam"),
    # a province's name that its capital bears too: the body says which ("UBND tỉnh Bắc Giang")
    ("Bắc Giang: Tỷ lệ bao phủ bảo hiểm y tế đạt 94%\n\nUBND tỉnh Bắc Giang cho biết toàn tỉnh có 94% dân số tham gia "
     "bảo hiểm y tế.\n", "tỉnh Bắc Giang"),
])
def test_a_headline_labelled_with_a_districts_bare_name_is_that_districts(text, unit):
    """"Vũng Liêm: …", "Thanh Hà (Hải Dương): …": a headline's label naming one district (in the
    bracket's province) tells whom the article is about, before a body named in its first sentence."""
    assert records_from_text(text)[0]["unit"] == unit


def test_a_front_committee_with_its_member_bodies_is_its_units_subject():
    """"MTTQ huyện Đô Lương và các tổ chức thành viên đã trao …": the Fatherland Front before its unit,
    like the people's committee, leads to the subject."""
    text = ("Hội LHPN huyện Nam Đàn đã trao 120 suất quà.\n\n"
            "MTTQ huyện Đô Lương và các tổ chức thành viên đã trao 200 suất quà. Ủy ban MTTQ huyện Thanh Chương và các "
            "đoàn thể đã trao 150 suất quà.\n")
    assert _places_by_figure(text) == {"120 suất quà": "huyện Nam Đàn", "200 suất quà": "huyện Đô Lương",
                                       "150 suất quà": "huyện Thanh Chương"}


def test_a_bare_type_word_after_a_paragraph_about_one_unit_of_a_roundup_is_that_unit():
    """A city's roundup of wards: "Năm 2025, phường Hải Châu đạt … ⏎ Để đạt kết quả này, phường đã …":
    the text knows no ward otherwise (its unit is the city), so the ward of the paragraph before holds."""
    text = ("Kết quả nổi bật tại các phường trung tâm TP Đà Nẵng năm 2025.\n\n"
            "Năm 2025, phường Hải Châu đạt số thu ngân sách 950 tỷ đồng, tăng 12% so với năm trước.\n\n"
            "Để đạt kết quả này, phường đã hỗ trợ hơn 2.000 hộ kinh doanh chuyển đổi số.\n\n"
            "Tại phường Thanh Khê, thu ngân sách đạt 410 tỷ đồng.\n")
    places = _places_by_figure(text)
    assert (places["2.000 hộ"], places["410 tỷ đồng"]) == ("phường Hải Châu", "phường Thanh Khê")


def test_names_of_several_units_settle_the_one_province_holding_them_all():
    """"xã Vĩnh Hưng" (nine provinces) and "thị trấn Vĩnh Lộc" (two): only Thanh Hóa holds both."""
    text = "Xã Vĩnh Hưng nằm cách trung tâm thị trấn Vĩnh Lộc khoảng 6 km. Xã có 1.522 hộ với 6.012 nhân khẩu.\n"
    document = records_from_text(text)[0]
    assert (document["unit"], document["province"]) == ("xã Vĩnh Hưng", "tỉnh Thanh Hóa")


def test_a_body_paragraph_opening_on_a_unit_and_a_copula_is_no_letterhead():
    """"Hội Nông dân xã Suối Ngô là đơn vị cuối cùng …" opens a sentence of a district's roundup."""
    text = ("BAOTAYNINH.VN trên Google News\nTân Châu: Hoàn thành Đại hội đại biểu Hội Nông dân cơ sở\n\n"
            "Ông A, Chủ tịch Hội Nông dân huyện Tân Châu cho biết, huyện Tân Châu có 12/12 xã tổ chức xong Đại hội.\n\n"
            "Hội Nông dân xã Suối Ngô là đơn vị cuối cùng tổ chức Đại hội với 140 đại biểu.\n")
    assert records_from_text(text)[0]["unit"] == "huyện Tân Châu"


def test_a_speakers_office_names_no_reporting_unit():
    """"Ông A, Phó Chủ tịch UBND xã Tả Van cho biết …" in a roundup of several provinces: where the
    speaker serves is no issuer of the text (the breakdown's provinces are none either)."""
    text = ("Mưa lũ làm 12 người chết (Hà Giang 5 người, Lai Châu 7 người). Ông Nguyễn Văn A, Phó Chủ tịch "
            "UBND xã Tả Van cho biết đã di dời 40 hộ.\n")
    assert records_from_text(text)[0]["unit"] is None


def test_a_speakers_office_on_a_caption_line_names_no_reporting_unit():
    """"Đồng chí …, Bí thư Tỉnh ủy Lạng Sơn phát biểu chỉ đạo Đại hội" on a line near the top (a
    photo's caption): where the speaker serves is no letterhead."""
    text = ("ĐẠI HỘI ĐẢNG BỘ HUYỆN VĂN QUAN LẦN THỨ XXII\nĐồng chí Nguyễn Văn A, Bí thư Tỉnh ủy Lạng Sơn phát biểu chỉ "
            "đạo Đại hội\nNhiệm kỳ qua, Đảng bộ huyện Văn Quan đã lãnh đạo đạt 18/20 chỉ tiêu.\n")
    assert records_from_text(text)[0]["unit"] == "huyện Văn Quan"


def test_a_list_of_peer_provinces_does_not_outvote_the_subject():
    """"… bước vào nhóm 5 tỉnh, thành … (bao gồm Thành phố Hồ Chí Minh, thành phố Hà Nội, tỉnh Bình
    Dương, Đồng Nai, thành phố Hải Phòng)": provinces listed one after another are peers; each votes
    no more than a district, and none issues the text (the merged Bình Dương no longer carries
    Hồ Chí Minh)."""
    text = ("Họp báo công bố số liệu kinh tế - xã hội thành phố năm 2024 do Cục Thống kê thành phố tổ chức.\n"
            "Quy mô kinh tế ngày càng mở rộng, thành phố bước vào nhóm 5 tỉnh, thành có quy mô kinh tế lớn nhất cả nước "
            "(bao gồm Thành phố Hồ Chí Minh, thành phố Hà Nội, tỉnh Bình Dương, Đồng Nai, thành phố Hải Phòng). Tổng sản "
            "phẩm trên địa bàn thành phố ước đạt 288.492 tỷ đồng.\n")
    document = records_from_text(text)[0]
    assert document["province"] is None and document["unit"] is None
    # must not fire: two provinces named are no list of peers
    text = "Năm 2024, tỉnh Bình Dương và tỉnh Đồng Nai ký kết hợp tác. Tỉnh Bình Dương thu ngân sách 70 nghìn tỷ đồng.\n"
    assert records_from_text(text)[0]["province"] == "tỉnh Bình Dương"


def test_an_awards_recipient_names_no_reporting_unit():
    """"Ban Thường vụ Tỉnh ủy đã tặng cờ cho Đảng bộ huyện Vũ Thư": the body an award goes to is no
    issuer of the text (the province's figures are not the district's)."""
    text = ("Theo Ban Tổ chức Tỉnh ủy, năm 2023 toàn tỉnh có 512 tổ chức cơ sở đảng. Ban Thường vụ Tỉnh ủy đã tặng cờ "
            "cho Đảng bộ huyện Vũ Thư, tặng bằng khen cho các Đảng bộ huyện Kiến Xương, huyện Tiền Hải.\n")
    assert records_from_text(text)[0]["unit"] is None
    # must not fire: a body that does something itself is still the text's
    text = "Đảng bộ huyện Vũ Thư đã kết nạp 120 đảng viên, tặng quà cho 50 hộ nghèo.\n"
    assert records_from_text(text)[0]["unit"] == "huyện Vũ Thư"


def test_a_breakdowns_units_hold_inside_its_bracket_only():
    """"108 nhà (Trà Vinh 22 nhà, Bạc Liêu 61 nhà)": each unit of the breakdown holds its own
    figure; after the bracket the scope before it resumes (none, or the subject named before)."""
    text = ("Bão làm 108 nhà hư hỏng (Trà Vinh 22 nhà, Bạc Liêu 61 nhà). Tổng thiệt hại 27 tỷ đồng.\n\n"
            "Huyện Mai Sơn có 120 nhà bị tốc mái (xã Hát Lót: 70 nhà; xã Cò Nòi: 50 nhà); 30 hộ phải di dời.\n")
    places = _places_by_figure(text)
    assert places == {"108 nhà": None, "22 nhà": "tỉnh Trà Vinh", "61 nhà": "tỉnh Bạc Liêu", "27 tỷ đồng": None,
                      "120 nhà": "huyện Mai Sơn", "70 nhà": "xã Hát Lót", "50 nhà": "xã Cò Nòi", "30 hộ": "huyện Mai Sơn"}


def test_a_news_text_opening_on_a_body_of_an_unnamed_unit_is_that_units():
    """"UBND tỉnh vừa phê duyệt …" with every named unit in one province (dated 2019: the province
    before 2025, not the one it is part of now) is the province's text; with no such opening, or
    units of several provinces, no reporting unit is guessed."""
    text = ("Kết quả rà soát hộ nghèo năm 2018\n\nNgày 12/02/2019, UBND tỉnh vừa phê duyệt kết quả rà soát hộ nghèo. "
            "Xã Trà Bui có 850 hộ nghèo, xã Cà Dy có 552 hộ nghèo.\n")
    document = records_from_text(text)[0]
    assert document["unit"] == "tỉnh Quảng Nam" and document["unit_code"] == "49"
    assert records_from_text(text.replace("UBND tỉnh", "Báo cáo"))[0]["unit"] is None


def test_a_date_written_without_ngay_dates_the_text_for_the_units_vintage():
    """"02/07/2022 - 18:33" under a title: a text of 2022 names the province before the 2025 merger."""
    document = records_from_text("Đại hội Đoàn Khối Cơ quan tỉnh An Giang nhiệm kỳ 2022-2027\n\n02/07/2022 - 18:33\n\n"
                                 "Đại hội bầu 26 ủy viên Ban Chấp hành.\n")[0]
    assert document["unit"] == "tỉnh An Giang" and document["unit_code"] == "89" and not document.get("warnings")


def test_a_name_before_la_and_a_type_word_is_that_unit():
    """"Chiềng Ban là xã có …": the gazetteer knows the name at the type's level; "Đây là xã …" names none."""
    text = "Báo cáo của huyện Mai Sơn.\n\nChiềng Ban là xã có nhiều hộ thoát nghèo nhất, với 120 hộ. Đây là xã có 5 bản đạt chuẩn.\n"
    places = _places_by_figure(text)
    assert places == {"120 hộ": "xã Chiềng Ban", "5 bản": "xã Chiềng Ban"}


def test_a_name_of_units_in_several_provinces_written_often_settles_nothing():
    """"xã Vĩnh Lộc" (in five provinces before 2025, three since) written five times is still one
    unsettled name: the text does not tell which, and says so."""
    text = "Nghị quyết Đảng bộ xã Vĩnh Lộc\n\n" + "Đảng bộ xã Vĩnh Lộc có 1.200 đảng viên. " * 5 + "\n"
    document = records_from_text(text)[0]
    assert document["unit_code"] is None and document["province"] is None
    assert any("the text does not tell which" in warning for warning in document["warnings"])


@pytest.mark.parametrize("sentence, figure, place", [
    # the body that assigned the plan a figure is measured against is not what the figure is about
    ("Xã Cò Nòi thu ngân sách 12,5 tỷ đồng, vượt 8% so với dự toán UBND huyện giao và đạt 97% so với chỉ tiêu HĐND xã giao.",
     "97%", "xã Cò Nòi"),
    ("Xã Hát Lót đạt 102% kế hoạch huyện giao, tăng 6% so với cùng kỳ.", "6%", "xã Hát Lót"),
    # a unit's own plan is what its figures are about (no "giao"): must not fire
    ("Kết quả thực hiện Nghị quyết của Đảng bộ xã có 10/12 chỉ tiêu đạt.", "10/12 chỉ tiêu", "xã Mai Sơn"),
])
def test_a_body_that_assigned_the_plan_is_no_subject(sentence, figure, place):
    assert _place_of(figure, LETTERHEAD + sentence) == place


def test_a_subject_after_a_fronted_time_phrase_is_read_whatever_compound_follows_it():
    """"Trong năm 2024, xã Cò Nòi phấn đấu tốc độ …": the predicate is tagged on enough words to keep
    a compound whole ("tốc độ"), so the unit before it is the subject."""
    text = LETTERHEAD + "Trong năm 2024, xã Cò Nòi phấn đấu tốc độ tăng trưởng kinh tế đạt 8%, thu ngân sách 12 tỷ đồng.\n"
    places = _places_by_figure(text)
    assert places == {"8%": "xã Cò Nòi", "12 tỷ đồng": "xã Cò Nòi"}


@pytest.mark.parametrize("sentence, figure, place", [
    # a type word alone opening a clause, with its predicate after it, is the unit of that type in scope
    ("Năm 2024, xã đã trồng mới 15 ha rừng.", "15 ha", "xã Mai Sơn"),
    ("Công tác giáo dục được quan tâm, xã có 4 trường đạt chuẩn quốc gia.", "4 trường", "xã Mai Sơn"),
    # ... but not a level in a list of levels, nor one with no predicate after it: must not fire
    ("Hằng năm, các xã, thị trấn đều duy trì 100% tiêu chí.", "100%", None),
    ("Theo kế hoạch, xã và thôn phối hợp tổ chức 12 buổi tuyên truyền.", "12 buổi", None),
])
def test_a_type_word_opening_a_clause_before_its_predicate_is_the_subject(sentence, figure, place):
    assert _place_of(figure, LETTERHEAD + sentence) == place


def test_a_type_word_alone_is_the_unit_its_paragraphs_subject_names():
    """README: the unit of that type already in scope comes before the reporting unit; a unit that
    is only listed (an object) is none."""
    text = LETTERHEAD + ("Xã Cò Nòi có 1.200 hộ. Năm 2024, toàn xã có 95% hộ dùng điện lưới.\n"
                         "Xã Mai Sơn được thành lập từ 03 đơn vị, gồm: xã Hát Lót, xã Cò Nòi và thị trấn Hát Lót; xã có 67 bản.\n")
    places = _places_by_figure(text)
    assert places["95%"] == "xã Cò Nòi"
    assert places["67 bản"] == "xã Mai Sơn"


def test_a_type_word_alone_is_the_one_unit_of_its_type_the_document_names():
    """README: else the one unit of that type the document names (no reporting unit here: the
    title line is a bare name)."""
    text = ("Hải Dương\n\nTheo Cục Thống kê tỉnh Hải Dương, 6 tháng đầu năm 2024, tổng sản phẩm trên địa bàn "
            "của Tỉnh ước tăng 9,1% so với cùng kỳ.\n")
    places = _places_by_figure(text)
    assert places == {"9,1%": "tỉnh Hải Dương"}


@pytest.mark.parametrize("sentence", [
    "Năm 2024, Hội Nông dân xã Cò Nòi (huyện Mai Sơn) kết nạp được 45 hội viên mới.",
    "Năm 2024, Hội Nông dân xã Cò Nòi, tỉnh Sơn La kết nạp được 45 hội viên mới.",
])
def test_an_aside_or_a_parent_unit_between_a_subject_and_its_predicate_keeps_the_subject(sentence):
    assert _place_of("45 hội viên", LETTERHEAD + sentence) == "xã Cò Nòi"


def test_two_units_of_one_level_after_a_comma_stay_a_joint_subject():
    """Must not fire: "xã Cò Nòi, xã Hát Lót đã …" names two units together (no place)."""
    assert _place_of("12 hộ", LETTERHEAD + "Các xã Cò Nòi, xã Hát Lót đã hỗ trợ 12 hộ nghèo.") is None


def test_a_unit_whose_name_opens_with_a_hamlet_word_is_the_unit():
    """"Sóc Trăng", "Buôn Ma Thuột": the hamlet words "sóc", "buôn" open official names; the name
    written bare after the typed one is the unit (it used to crash the mention sort)."""
    text = "Tỉnh Sóc Trăng có 1.000 ha lúa.\n\nSóc Trăng có 200 ha màu.\n\nThành phố Buôn Ma Thuột có 40 km đường.\n\nBuôn Ma Thuột có 12 trường.\n"
    places = _places_by_figure(text)
    assert places == {"1.000 ha": "tỉnh Sóc Trăng", "200 ha": "tỉnh Sóc Trăng",
                      "40 km": "thành phố Buôn Ma Thuột", "12 trường": "thành phố Buôn Ma Thuột"}


def test_a_written_name_longer_than_the_units_the_gazetteer_holds_is_not_cut():
    """"xã Lâm Xuyên" where the gazetteer holds a "Lâm" (another level) and no "Lâm Xuyên": the
    tokenizer reads the capitalised syllables as one name, so the place is the whole written name,
    not a shorter unit. Must not fire: a name followed by its district's type word or by another
    unit's name ("Mai Sơn Sơn La"), or by the next line."""
    places = _places_by_figure("Tại xã Lâm Xuyên, cử tri đi bầu đạt 99,8%.\n\nXã Thanh Phát có 1.200 cử tri.\n")
    assert places == {"99,8%": "xã Lâm Xuyên", "1.200 cử tri": "xã Thanh Phát"}
    assert _places_by_figure("Xã Hát Lót Huyện Mai Sơn có 300 hộ.\n") == {"300 hộ": "huyện Mai Sơn"}
    assert _places_by_figure("Huyện Mai Sơn Sơn La có 300 hộ nghèo.\n") == {"300 hộ": "huyện Mai Sơn"}
    assert records_from_text("Báo cáo của xã Hát Lót\nTổng Diện tích lúa 300 ha.\n")[0]["unit"] == "xã Hát Lót"


def test_ward_and_district_abbreviations_are_read():
    """"P.Cao Lãnh", "Q.10", "Q. Bình Thạnh", "H.Tân Phú" (news and addresses abbreviate phường, quận and huyện)."""
    text = "Đại hội Đảng bộ P.Cao Lãnh lần thứ I.\n\nP.Cao Lãnh có 5.500 đảng viên. Q. Bình Thạnh có 20 phường.\n"
    assert records_from_text("UBND H.Tân Phú cho biết có 12 ngàn lao động.\n")[0]["unit"] == "huyện Tân Phú"
    records = records_from_text(text)
    assert records[0]["unit"] == "phường Cao Lãnh"
    places = {q["text"]: q["place"] for q in records if q["type"] == "quantity"}
    assert places == {"5.500 đảng viên": "phường Cao Lãnh", "20 phường": "quận Bình Thạnh"}


@pytest.mark.parametrize("text, unit", [
    # a mass organisation of a unit issues the text as a Party committee or a People's Committee does
    ("Tin tức\n\nỦy ban MTTQ huyện Mai Sơn tổ chức hội nghị tổng kết; đã tiếp nhận 3 tỷ đồng.\n", "huyện Mai Sơn"),
    ("Tin tức\n\nHội Cựu chiến binh xã Cò Nòi tổ chức đại hội, kết nạp 25 hội viên.\n", "xã Cò Nòi"),
    # several bodies' news on one page: the first body's unit, not a lower unit elsewhere
    ("Hội CCB tỉnh Sơn La tổ chức 2 lớp tập huấn.\n\nHội CCB huyện Bình Liêu (tỉnh Quảng Ninh) kết nạp 49 hội viên.\n",
     "tỉnh Sơn La"),
])
def test_mass_organisations_issue_texts_and_the_first_body_of_a_page_is_its_issuer(text, unit):
    assert records_from_text(text)[0]["unit"] == unit


@pytest.mark.parametrize("sentence, figure, place", [
    # the unit that owns the measure before the copula is the figure's ("của xã X là N")
    ("Tổng diện tích tự nhiên của xã Cò Nòi là 164,4 km2.", "164,4 km2", "xã Cò Nòi"),
    # a place adjunct before the copula is not (must not fire)
    ("Xã Hát Lót có tỉ lệ hộ nghèo giảm ít nhất trên toàn huyện là 0,52%.", "0,52%", "xã Hát Lót"),
])
def test_the_owner_of_a_measure_before_the_copula_is_its_place(sentence, figure, place):
    assert _place_of(figure, LETTERHEAD + sentence) == place


@pytest.mark.parametrize("text, vintage", [
    ("Xã Đất Mũi (mới) có diện tích 200 km2.\n", "2025"),
    ("Xã Đất Mũi (cũ) có diện tích 100 km2.\n", "pre-2025"),
    ("Huyện Tân Kỳ cũ có 20 xã.\n", "pre-2025"),
])
def test_a_written_mark_of_new_or_old_chooses_the_side_of_the_merger(text, vintage):
    quantity = next(r for r in records_from_text(text) if r["type"] == "quantity")
    assert quantity["place_vintage"] == vintage


def test_a_unit_formed_from_units_the_text_names_is_the_2025_unit():
    """"Xã Đất Mũi được thành lập trên cơ sở hợp nhất xã Đất Mũi, xã Viên An và một phần xã Tân Ân của
    huyện Ngọc Hiển": the old district named does not pull the unit back before the merger."""
    text = ("Đảng bộ xã Đất Mũi (tỉnh Cà Mau) tổ chức Đại hội lần thứ I, nhiệm kỳ 2025-2030.\n\n"
            "Xã Đất Mũi được thành lập trên cơ sở hợp nhất xã Đất Mũi, xã Viên An và một phần xã Tân Ân của "
            "huyện Ngọc Hiển, tỉnh Cà Mau cũ, với diện tích hơn 271 km2.\n")
    document = records_from_text(text)[0]
    assert (document["unit"], document["unit_vintage"]) == ("xã Đất Mũi", "2025")
    assert {unit["unit"] for unit in document["merged_from"]} >= {"xã Viên An", "xã Tân Ân"}


def test_figures_inside_the_bracket_opened_after_a_unit_are_that_units():
    """"xã Cò Nòi (có diện tích tự nhiên 62,5 km2, dân số 12.400 người)": the bracket describes the unit."""
    text = LETTERHEAD + "Xã Mai Sơn được thành lập từ xã Cò Nòi (có diện tích tự nhiên 62,5 km2, dân số 12.400 người) và xã Hát Lót.\n"
    places = _places_by_figure(text)
    assert places == {"62,5 km2": "xã Cò Nòi", "12.400 người": "xã Cò Nòi"}


@pytest.mark.parametrize("sentence, figure, place", [
    # an address runs down to one place: the district holding the commune
    ("Tại huyện Mai Sơn, xã Cò Nòi có 12 nhà bị tốc mái.", "12 nhà", "xã Cò Nòi"),
    ("Sáng 3/8, tại xã Cò Nòi, huyện Mai Sơn, tỉnh Sơn La xuất hiện vết nứt dài 15m.", "15m", "xã Cò Nòi"),
    # a hamlet's figures are its own, also with its commune written after it
    ("Lốc xoáy ở bản Nà Hạ, xã Chiềng Mung làm 5 nhà bị hư hỏng.", "5 nhà", None),
    ("Sáng 3/8, tại tổ 5, bản Phú Hòa 2, xã Cò Nòi, huyện Mai Sơn, tỉnh Sơn La xuất hiện vết nứt dài 15m.", "15m", None),
    # a higher unit after "thuộc" or "của" says where the unit before it lies, as after a comma
    ("Xã Cò Nòi thuộc huyện Mai Sơn có 12 thôn.", "12 thôn", "xã Cò Nòi"),
    ("Xã Cò Nòi của huyện Mai Sơn có 12 thôn.", "12 thôn", "xã Cò Nòi"),
    # must not fire: a district that does not hold the commune is another unit named with it
    ("Tại huyện Mai Sơn, xã Tà Xùa có 12 nhà bị tốc mái.", "12 nhà", None),
    # units listed after a counted type word and a colon, each with what its brackets say of it
    ("Mưa đá gây thiệt hại tại 2 xã: Cò Nòi (12 nhà bị tốc mái, 3 ha ngô bị dập) và Hát Lót (5 nhà bị tốc mái).", "3 ha", "xã Cò Nòi"),
    ("Mưa đá gây thiệt hại tại 2 xã: Cò Nòi (12 nhà bị tốc mái, 3 ha ngô bị dập) và Hát Lót (5 nhà bị tốc mái).", "5 nhà", "xã Hát Lót"),
    # units given as examples after a plural type word ("Một số xã … như:"), items parted by semicolons after their figures
    ("Một số xã tỷ lệ hộ nghèo còn cao như: Cò Nòi có 320 hộ (12,5%); Hát Lót 210 hộ (9,1%).", "210 hộ", "xã Hát Lót"),
    ("Một số xã tỷ lệ hộ nghèo còn cao như: Cò Nòi có 320 hộ (12,5%); Hát Lót 210 hộ (9,1%).", "12,5%", "xã Cò Nòi"),
    # a unit with a linking verb or a word of approximation right before the figure holds it
    ("Nước ngập tại xã Cò Nòi và xã Hát Lót. Theo đó, Cò Nòi có 120 hộ, Hát Lót là 85 hộ.", "85 hộ", "xã Hát Lót"),
    ("Nước ngập tại xã Cò Nòi và xã Hát Lót. Theo đó, Cò Nòi có 120 hộ, Hát Lót hơn 85 hộ.", "85 hộ", "xã Hát Lót"),
])
def test_an_address_names_its_lowest_unit_and_a_listed_unit_holds_its_figures(sentence, figure, place):
    assert _place_of(figure, sentence) == place


def test_units_in_apposition_are_no_part_of_a_metric():
    """"thuộc xã Cò Nòi, huyện Mai Sơn với chiều dài hơn 20m": the district only says where the
    commune lies; what the figure measures is the length."""
    record = next(r for r in records_from_text("Vừa xảy ra sạt lở bờ suối thuộc xã Cò Nòi, huyện Mai Sơn với chiều dài hơn 20m.")
                  if r["type"] == "quantity")
    assert record["metric"] == "chiều dài"


@pytest.mark.parametrize("text, figure, place", [
    # the figure's own clause names where it is, after it; the subject of an earlier sentence does not hold it
    ("Ở xã Cò Nòi, lốc xoáy làm 8 ngôi nhà bị tốc mái. Lốc xoáy cũng khiến 11 nhà dân tại xã Hát Lót bị tốc mái.", "11 nhà", "xã Hát Lót"),
    # must not fire: several units after the figure; a body after the figure in a later clause is an actor
    ("Mưa lớn kéo dài làm 4 người bị thương ở huyện Mai Sơn và Yên Châu.", "4 người", None),
    ("Đoàn xã Cò Nòi dẫn đầu phong trào; 05 năm liên tục được UBND huyện Mai Sơn tặng bằng khen.", "05 năm", "xã Cò Nòi"),
])
def test_a_unit_where_the_figure_is_named_later_in_its_clause_holds_it(text, figure, place):
    assert _place_of(figure, text) == place


def test_a_hamlet_or_street_block_named_after_a_province_is_no_province():
    """"Khu phố Đồng Nai", "Thôn Hà Nam": the name after a hamlet word is the hamlet's; "Sóc Trăng",
    whose name opens with a hamlet word, is still the province."""
    text = "Sóc Trăng có 200 ha màu. Khu phố Đồng Nai có 12 hộ. Thôn Hà Nam có 5 hộ.\n"
    places = _places_by_figure(text)
    assert places == {"200 ha": "tỉnh Sóc Trăng", "12 hộ": None, "5 hộ": None}


@pytest.mark.parametrize("text, figure, place, metric", [
    # the time or price basis of a figure may stand between the unit that owns the measure and the verb
    ("Tổng sản phẩm (GRDP) của tỉnh Lâm Đồng năm 2025 đạt 6,42%.", "6,42%", "tỉnh Lâm Đồng", "Tổng sản phẩm (GRDP)"),
    ("Kim ngạch nhập khẩu của tỉnh Long An trong 11 tháng ước đạt 1,432 tỷ USD.", "1,432 tỷ USD", "tỉnh Long An", "Kim ngạch nhập khẩu"),
    ("Giá trị sản xuất toàn huyện Mai Sơn (giá so sánh 2010) ước đạt 5.200 tỷ đồng.", "5.200 tỷ đồng", "huyện Mai Sơn", "Giá trị sản xuất"),
    # must not fire: a body cited inside an object ("Nghị quyết của … Đảng bộ huyện X năm 2026") is no subject
    ("Giao Văn phòng căn cứ Nghị quyết của Ban Chấp hành Đảng bộ huyện Mai Sơn năm 2026 tham mưu xây dựng 10 nhiệm vụ trọng tâm.",
     "10 nhiệm vụ", None, None),
])
def test_a_time_phrase_between_the_owning_unit_and_its_verb_keeps_the_unit(text, figure, place, metric):
    record = next(r for r in records_from_text(text) if r["type"] == "quantity" and r["text"] == figure)
    assert record["place"] == place
    if metric:
        assert record["metric"] == metric


@pytest.mark.parametrize("text, figure, place", [
    # a word for now between the unit and its verb ("hiện" alone is tagged a noun)
    ("Đến nay, huyện Tuy Phong hiện có 12 xã đạt chuẩn nông thôn mới.", "12 xã", "huyện Tuy Phong"),
    ("Quận 10 hiện nay có 11 phường, rộng 5,72 km2.", "5,72 km2", "quận 10"),
    ("Huyện Bắc Yên đến nay đã có 8 xã đạt chuẩn.", "8 xã", "huyện Bắc Yên"),
])
def test_a_word_for_now_between_the_unit_and_its_verb_keeps_the_unit(text, figure, place):
    assert _place_of(figure, text) == place


@pytest.mark.parametrize("text, figure, place", [
    ("Quận 7 có 10 phường.", "10 phường", "quận 7"),
    ("Phường 12 có 300 hộ.", "300 hộ", "phường 12"),
    # must not fire: a number after another type word opens a time ("huyện 7 tháng"), no "quận 7"
    ("Thu ngân sách trên địa bàn huyện 7 tháng đầu năm được 397,7 tỷ đồng.", "397,7 tỷ đồng", None),
    ("Toàn huyện 5 năm qua có 120 hộ thoát nghèo.", "120 hộ", None),
])
def test_a_number_names_a_unit_only_with_its_own_type(text, figure, place):
    assert _place_of(figure, text) == place


@pytest.mark.parametrize("text, figure, place", [
    # a unit in the area of which a measure lies ("trên địa bàn huyện X") owns it as "của huyện X" does, for the paragraph
    ("Tổng diện tích đất nông nghiệp trên địa bàn huyện Lạc Thủy là 22.192,81 ha, chiếm 70,77% diện tích tự nhiên. "
     "Trong đó: đất lâm nghiệp 14.514,33 ha.", "14.514,33 ha", "huyện Lạc Thủy"),
    # a time may open the clause before a unit written by its type alone
    ("Tỉnh Lào Cai có nhiều tiềm năng.\n\nHiện nay trên địa bàn tỉnh, tổng số hộ chăn nuôi là 41.944 hộ.", "41.944 hộ", "tỉnh Lào Cai"),
    ("Xã Gia Bình tổ chức đại hội.\n\nHằng năm xã tạo việc làm cho trên 400 lao động.", "400 lao động", "xã Gia Bình"),
    # must not fire: a type word alone names no unit the document does not name
    ("Tỉnh Lào Cai có nhiều tiềm năng.\n\nHằng năm xã tạo việc làm cho trên 400 lao động.", "400 lao động", None),
])
def test_a_unit_owning_the_area_or_opening_a_clause_after_a_time_holds_its_figures(text, figure, place):
    assert _place_of(figure, text) == place


def test_a_unit_written_by_its_former_name_is_that_unit():
    """A province renamed before the gazetteer's snapshot ("tỉnh Thừa Thiên Huế", the unit 46 the
    data calls "thành phố Huế") is that unit under its former name, typed, bare or hyphenated, and
    names a report's unit. Must not fire: the unit's present name stays its own."""
    records = records_from_text("UBND TỈNH THỪA THIÊN - HUẾ\nBÁO CÁO\n\nNăm 2022, toàn tỉnh có 1.200 hộ nghèo. "
                                "Thừa Thiên - Huế có 30 hộ cận nghèo. Thừa Thiên Huế có 9 huyện.\n")
    assert (records[0]["unit"], records[0]["unit_code"], records[0]["unit_vintage"]) == ("tỉnh Thừa Thiên Huế", "46", OLD)
    quantities = {q["text"]: (q["place_resolved"].replace(" - ", " "), q["place_code"]) for q in records if q["type"] == "quantity"}
    assert quantities == {"1.200 hộ": ("tỉnh Thừa Thiên Huế", "46"), "30 hộ": ("tỉnh Thừa Thiên Huế", "46"),
                          "9 huyện": ("tỉnh Thừa Thiên Huế", "46")}  # spelt as written
    later = records_from_text("UBND THÀNH PHỐ HUẾ\nBÁO CÁO\n\nNăm 2025, thành phố Huế có 900 hộ nghèo.\n")
    assert later[0]["unit"] == "thành phố Huế" and later[1]["place"] == "thành phố Huế"


def test_a_former_name_naming_no_unit_is_a_rule_file_error(tmp_path, monkeypatch):
    from extractor.places import gazetteer
    from extractor.rules import RuleFileError

    rules = tmp_path / "places"
    rules.mkdir(parents=True)
    (rules / "former_names.json").write_text(
        '{"renamed_units": [{"id": "nowhere", "level": "province", "code": "99", "type": "tỉnh", "name": "Hư Cấu",'
        ' "until": "2000-01-01", "source": "none"}]}', encoding="utf-8")
    monkeypatch.setenv("EXTRACTOR_RULES", str(tmp_path))
    with pytest.raises(RuleFileError, match="nowhere.*no pre-2025 province has the code 99"):
        gazetteer._with_former_names([])


@pytest.mark.parametrize("text, vintage, merged_from", [
    # a text telling how a 2025 commune was formed needs one predecessor named beside its own name
    ("Xã Chí Đám được thành lập trên cơ sở sáp nhập xã Chí Đám và xã Hùng Xuyên (huyện Đoan Hùng cũ). "
     "Tổng thu ngân sách đạt 13,9 tỷ đồng.\n", NEW, ["xã Hùng Xuyên", "xã Chí Đám"]),  # (its old namesake the merger lists too)
    # ... and a namesake's neighbour elsewhere (Vĩnh Long's Phong Thạnh, formed from a Phong Phú) is not it
    ("Phường Phong Phú được thành lập trên cơ sở sáp nhập phường Phong Phú (cũ) và xã Phong Thạnh. "
     "Thu ngân sách đạt 10 tỷ đồng.\n", NEW, ["xã Phong Thạnh", "phường Phong Phú"]),  # (its old namesake marked "(cũ)" too)
    # must not fire: a text dated before the merger, or hamlets merged
    ("Ngày 12/3/2020\nXã Chí Đám được thành lập trên cơ sở sáp nhập xã Chí Đám và xã Hùng Xuyên. "
     "Tổng thu ngân sách đạt 13,9 tỷ đồng.\n", OLD, []),
    ("Xã Chí Đám đã sáp nhập thôn 3 và thôn 4; giáp xã Hùng Xuyên. Tổng thu ngân sách đạt 13,9 tỷ đồng.\n", OLD, []),
])
def test_a_commune_formed_from_units_the_text_names_is_the_2025_unit(text, vintage, merged_from):
    document = records_from_text(text)[0]
    assert (document["unit_vintage"], [old["unit"] for old in document["merged_from"]]) == (vintage, merged_from)


@pytest.mark.parametrize("text, vintage, merged_from", [
    # a merger named as a point in time lists no units: its own name after it is the new commune
    (" date 2025-08-05 Đại hội đại biểu Đảng bộ xã Hữu Kiệm lần thứ I, nhiệm kỳ 2025-2030\n\n"
     "Sau sáp nhập, xã Hữu Kiệm có diện tích tự nhiên 180 km2, dân số 15.000 người.\n", NEW, []),
    (" date 2025-08-05 Đại hội đại biểu Đảng bộ xã Hữu Kiệm lần thứ I\n\nÔng Lê Văn C, nguyên Phó Chánh Văn phòng Tỉnh ủy "
     "Nghệ An (trước sáp nhập), được chỉ định giữ chức Bí thư Đảng ủy xã Hữu Kiệm. Đại hội thông qua 18 chỉ tiêu.\n", NEW, []),
    # ... and its own name alone after a merger verb is no list of predecessors
    (" date 2025-08-05 Đại hội đại biểu Đảng bộ xã Hữu Kiệm lần thứ I\n\nThực hiện chủ trương sáp nhập, đồng chí Lê Văn C được "
     "chỉ định giữ chức Bí thư Đảng ủy xã Hữu Kiệm. Đại hội thông qua 18 chỉ tiêu.\n", NEW, []),
    # a formation told with its predecessors written bare after "N Đảng bộ:" is the 2025 unit's, though
    # the text also names the old district over it
    (" date 2025-08-05 Đại hội đại biểu Đảng bộ xã Hữu Kiệm lần thứ I, nhiệm kỳ 2025-2030\n\nĐảng bộ xã Hữu Kiệm được thành lập "
     "trên cơ sở sáp nhập 3 Đảng bộ: Hữu Kiệm, Hữu Lập và Bảo Nam. Được sự quan tâm của Huyện ủy, UBND huyện Kỳ Sơn, "
     "tổng thu ngân sách đạt 20 tỷ đồng.\n", NEW, ["xã Bảo Nam", "xã Hữu Lập", "xã Hữu Kiệm"]),
    # must not fire: "sau khi sáp nhập" followed by its list is a merger's list
    (" date 2025-08-05 Đại hội đại biểu Đảng bộ xã Hữu Kiệm lần thứ I\n\nSau khi sáp nhập xã Hữu Kiệm, xã Hữu Lập và xã Bảo Nam, "
     "xã Hữu Kiệm có 15.000 người.\n", NEW, ["xã Bảo Nam", "xã Hữu Lập", "xã Hữu Kiệm"]),
])
def test_a_merger_as_a_point_in_time_lists_no_predecessors(text, vintage, merged_from):
    document = records_from_text(text)[0]
    assert (document["unit_vintage"], [old["unit"] for old in document["merged_from"]]) == (vintage, merged_from)


@pytest.mark.parametrize("text, figure, place", [
    # a bracketed term between a unit and its predicate, as a term after a comma
    ("Ngày 5/8, Đại hội Đảng bộ huyện Mai Sơn lần thứ XX (nhiệm kỳ 2020-2025) thông qua nghị quyết. "
     "Dự Đại hội có 250 đại biểu.", "250 đại biểu", "huyện Mai Sơn"),
    # a term between commas after a congress's unit, and an opening time with no "ngày"
    ("Đại hội đại biểu Đảng bộ huyện Mai Sơn lần thứ XX, nhiệm kỳ 2025-2030, đặt mục tiêu tốc độ tăng trưởng đạt 9%/năm.",
     "9%/năm", "huyện Mai Sơn"),
    ("Sáng 21-8, Đảng bộ xã Hát Lót tổ chức Đại hội lần thứ I, nhiệm kỳ 2025-2030. Đại hội đặt mục tiêu tỷ lệ nghèo giảm còn 0,5%.",
     "0,5%", "xã Hát Lót"),
    # a unit inside a guest's title (an office at an agency) is where the guest serves, no subject
    ("Đảng bộ xã Hát Lót tổ chức Đại hội lần thứ I. Ông Nguyễn Văn B, Giám đốc Sở Nội vụ tỉnh Sơn La dự và chỉ đạo. "
     "Dự Đại hội có 180 đại biểu.", "180 đại biểu", "xã Hát Lót"),
    # the military or police body of a unit named by its type alone is the unit in scope
    ("Đảng bộ Quân sự huyện Mai Sơn tổ chức Đại hội.\nNhiệm kỳ qua, Đảng ủy Quân sự huyện đã lãnh đạo huấn luyện đạt 100% kế hoạch.",
     "100%", "huyện Mai Sơn"),
])
def test_asides_offices_and_bodies_around_a_subject_unit(text, figure, place):
    assert _places_by_figure(text)[figure] == place


def test_a_unit_the_gazetteer_does_not_hold_issues_the_text_and_stands_for_its_type_word():
    """Huyện Đạ Tẻh was dissolved in 2024, before the gazetteer's oldest snapshot: its body opening
    the text makes it the reporting unit (a name, no code, level from its type word), and "toàn
    huyện" later is that district."""
    text = ("UBND huyện Đạ Tẻh cho biết, tỷ lệ hộ nghèo tại huyện đã giảm trên 1,5% mỗi năm.\n\n"
            "Đến cuối năm nay, tỷ lệ hộ nghèo toàn huyện giảm còn dưới 1,3%.\n")
    records = records_from_text(text)
    document = records[0]
    assert (document["unit"], document["unit_code"], document["unit_level"]) == ("huyện Đạ Tẻh", None, "district")
    assert _places_by_figure(text)["1,3%"] == "huyện Đạ Tẻh"


def test_an_officers_name_after_the_body_he_serves_is_no_unit():
    text = ("Sở Lao động tổ chức hội nghị tổng kết năm 2020. Phó Chủ tịch UBND tỉnh Trần Văn Tân đến dự.\n\n"
            "Năm 2020, toàn tỉnh giải quyết chế độ cho 4.390 trường hợp.\n")
    assert "tỉnh Trần Văn Tân" not in records_from_text(text)[0]["places"]
    assert _places_by_figure(text)["4.390 trường hợp"] is None


@pytest.mark.parametrize("text, unit", [
    # a dissolved district's congress that cites its province's documents is the district's
    ("Đại hội đại biểu Đảng bộ huyện Hoành Bồ lần thứ XXIII, nhiệm kỳ 2015-2020 khai mạc.\n\nĐại hội thảo luận, góp ý vào dự thảo "
     "văn kiện Đại hội Đảng bộ tỉnh Quảng Ninh lần thứ XIV. Nhiệm kỳ qua, huyện đạt tốc độ tăng trưởng 12%/năm.\n", "huyện Hoành Bồ"),
    ("Đại hội đại biểu Đảng bộ huyện Hoành Bồ lần thứ XXIII, nhiệm kỳ 2015-2020 khai mạc.\n\nNăm năm qua, thực hiện Nghị quyết "
     "Đại hội Đảng bộ tỉnh Quảng Ninh lần thứ XIII, huyện đạt tốc độ tăng trưởng 12%/năm.\n", "huyện Hoành Bồ"),
    # must not fire: a cited document's owner is the issuer when no other unit is
    ("Năm 2020, toàn tỉnh đạt tốc độ tăng trưởng 7%. Kết quả thực hiện Nghị quyết Đại hội Đảng bộ tỉnh Quảng Ninh lần thứ XIII "
     "khá toàn diện.\n", "tỉnh Quảng Ninh"),
])
def test_the_owner_of_a_cited_document_does_not_outvote_a_dissolved_issuer(text, unit):
    assert records_from_text(text)[0]["unit"] == unit


@pytest.mark.parametrize("text, absorbing", [
    ("UBND huyện Đạ Tẻh cho biết, năm 2019 huyện trồng 120 ha rừng.", ("huyện Đạ Huoai", "682")),
    ("UBND huyện Long Điền cho biết, năm 2023 huyện trồng 120 ha rừng.", ("huyện Long Đất", "753")),
    ("Đảng bộ huyện Hoành Bồ cho biết, năm 2018 huyện trồng 120 ha rừng.", ("thành phố Hạ Long", "193")),
    ("Năm 2018, huyện Hoành Bồ (Quảng Ninh) đã trồng 120 ha rừng.", ("thành phố Hạ Long", "193")),  # the opening's subject
])
def test_a_dissolved_unit_is_linked_to_the_unit_that_absorbed_it(text, absorbing):
    records = records_from_text(text)
    document, figure = records[0], next(r for r in records if r["type"] == "quantity")
    assert (document["unit_absorbed_into"]["unit"], document["unit_absorbed_into"]["code"]) == absorbing
    assert (figure["place_code"], figure["place_level"], figure["place_absorbed_into_code"]) == (None, "district", absorbing[1])


@pytest.mark.parametrize("letterhead, written, official", [
    ("UBND TỈNH THỪA THIÊN HUẾ", "huyện Phong Điền", ("thị xã Phong Điền", "476")),  # a thị xã since 2025; Cần Thơ's is a huyện
    ("UBND TỈNH BÌNH DƯƠNG", "huyện Tân Uyên", ("thành phố Tân Uyên", "723")),  # Lai Châu's is a huyện
    ("UBND TỈNH AN GIANG", "huyện Tân Châu", ("thị xã Tân Châu", "887")),  # Tây Ninh's is a huyện
    ("UBND THÀNH PHỐ CẦN THƠ", "huyện Phong Điền", ("huyện Phong Điền", "926")),  # the written type at home stays
])
def test_a_unit_written_under_its_former_type_is_the_one_of_the_documents_province(letterhead, written, official):
    text = (f"{letterhead}\nBÁO CÁO\nTình hình kinh tế - xã hội\n"
            f"Trong năm, toàn tỉnh giảm 1.500 hộ nghèo; {written} có 1.200 hộ nghèo.\n")
    figure = next(r for r in records_from_text(text) if r["type"] == "quantity" and r["text"] == "1.200 hộ")
    assert (figure["place"], figure["place_code"]) == (written, official[1])
    assert official[0] in {unit["name"] for unit in records_from_text(text)[0]["place_units"]}


@pytest.mark.parametrize("letterhead, body, unit", [
    # undated; a district named (the 2025 reform abolished districts): the province before the merger
    ("UBND TỈNH AN GIANG", "huyện Châu Phú có 1.200 hộ nghèo", ("tỉnh An Giang", "89", OLD)),
    ("UỶ BAN NHÂN DÂN TỈNH LÀO CAI", "huyện Bắc Hà có 1.200 hộ nghèo", ("tỉnh Lào Cai", "10", OLD)),
    # undated, only names of both sides: nothing tells An Giang before or after it took in Kiên Giang
    ("UBND TỈNH AN GIANG", "xã Mỹ Hòa Hưng có 1.200 hộ nghèo", ("tỉnh An Giang", None, None)),
])
def test_an_undated_letterheads_unit_takes_the_side_of_the_merger_of_the_units_it_names(letterhead, body, unit):
    """The letterhead's unit issues the text even when its side of the merger stays open; a
    commune of its body never does."""
    text = f"{letterhead}\nBÁO CÁO\nTình hình kinh tế - xã hội\nTrong năm, toàn tỉnh giảm 1.500 hộ nghèo; {body}.\n"
    document = records_from_text(text)[0]
    assert (document["unit"], document["unit_code"], document["unit_vintage"]) == unit


@pytest.mark.parametrize("text", [
    "Trong tháng 5, tình hình kinh tế trên địa bàn quận ổn định. Thu ngân sách ước đạt 69 tỷ đồng.\n"
    "Tháng 6, quận Lê Chân tập trung cải tạo ngõ, ngách theo NQ05 HĐND thành phố.\n",
    "Trong quý I, quận Lê Chân thu ngân sách ước đạt 69 tỷ đồng, đạt 39% kế hoạch.\n"
    "Quận triển khai Nghị quyết số 12/NQ-HĐND của HĐND thành phố về chỉnh trang đô thị.\n",
])
def test_the_body_whose_plan_a_text_cites_does_not_issue_it(text):
    assert records_from_text(text)[0]["unit"] == "quận Lê Chân"


@pytest.mark.parametrize("district", ["Duy Tiên", "Kim Bảng", "Thanh Liêm"])
def test_a_districts_type_word_alone_is_the_district_in_scope_whatever_type_it_has_since(district):
    """Duy Tiên and Kim Bảng became thị xã after the text was written: "của huyện" after
    "Huyện Duy Tiên có …" is still Duy Tiên (Thanh Liêm, still a huyện, controls)."""
    text = (f"Huyện Nam Đàn có 23/23 xã đạt chuẩn nông thôn mới.\n\nHuyện {district} có 16/16 xã đạt chuẩn. "
            "Tỷ lệ hộ nghèo của huyện còn 1,41%.\n")
    assert _places_by_figure(text)["1,41%"] == f"huyện {district}"


@pytest.mark.parametrize("text, figure, place", [
    ("Sản lượng cá tra của các tỉnh như sau: Vĩnh Long diện tích 429 ha, sản lượng 68.819 tấn, Đồng Tháp diện tích 2.150 ha, "
     "sản lượng 238.751 tấn.", "2.150 ha", "tỉnh Đồng Tháp"),
    ("Sản lượng cá tra của các tỉnh như sau: Vĩnh Long diện tích 429 ha, sản lượng 68.819 tấn, Đồng Tháp diện tích 2.150 ha.",
     "68.819 tấn", "tỉnh Vĩnh Long"),
    ("Trong vụ xuân, xã Yên Phong diện tích lúa 320 ha, năng suất 62 tạ/ha; xã Yên Trung diện tích lúa 280 ha.", "62 tạ/ha", "xã Yên Phong"),
])
def test_a_unit_before_the_measure_of_a_listed_figure_is_its_subject(text, figure, place):
    assert _places_by_figure(text)[figure] == place


def test_a_province_whose_situation_a_clause_is_about_holds_its_figures_in_a_citys_text():
    text = ("UBND THÀNH PHỐ GIA NGHĨA\nBÁO CÁO\nNăm 2019, thành phố Gia Nghĩa thu ngân sách đạt 250 tỷ đồng.\n"
            "Kết thúc năm 2019, tỉnh Đắk Nông đạt nhiều kết quả.\n"
            "Tình hình kinh tế – xã hội của tỉnh cơ bản ổn định, tốc độ tăng trưởng GRDP đạt 7,83%.\n")
    places = _places_by_figure(text)
    assert (places["250 tỷ đồng"], places["7,83%"]) == ("thành phố Gia Nghĩa", "tỉnh Đắk Nông")


def test_a_unit_in_brackets_after_its_hamlet_opening_a_long_first_sentence_issues_it():
    """The opening sentence runs past a title line's length; the bracket the unit closes hides no predicate."""
    text = ("Thực hiện phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư, trong nhiều năm liền, "
            "bà con nhân dân ở khắp các thôn xóm, nhân dân ấp Chánh Thuận (xã Chánh Hội) luôn đi đầu trong các phong trào "
            "thi đua yêu nước của địa phương. Toàn ấp có 100% hộ gia đình văn hóa.")
    assert records_from_text(text)[0]["unit"] == "xã Chánh Hội"  # (a commune the gazetteer does not hold)


@pytest.mark.parametrize("text, unit", [
    ("Tình hình kinh tế - xã hội 9 tháng năm 2024\nKinh tế tiếp tục phục hồi, sản xuất công nghiệp tăng 8%.\n"
     "Đối với tỉnh Lạng Sơn, du lịch tăng trưởng khá. Thu ngân sách trên địa bàn tỉnh ước đạt 5.674 tỷ đồng, "
     "đạt 70,1% dự toán tỉnh giao.\n", "tỉnh Lạng Sơn"),
    # another province named bare: nothing says whose text it is
    ("Tình hình nuôi tôm năm 2022\nGhi nhận tại Bạc Liêu, diện tích nuôi thủy sản trên toàn tỉnh khoảng 133.600 ha.\n"
     "Người nuôi tôm của tỉnh Cà Mau cũng trúng mùa; giá tôm của tỉnh tăng 10%.\n", None),
])
def test_a_province_named_once_whose_type_word_stands_alone_after_is_the_texts(text, unit):
    assert records_from_text(text)[0]["unit"] == unit


@pytest.mark.parametrize("text, merged", [
    ("Xã Tân Kỳ (mới) được thành lập trên cơ sở hợp nhất 3 đơn vị: Kỳ Sơn, Kỳ Tân và thị trấn Tân Kỳ. Năm 2025, xã có 12.000 người.",
     {"thị trấn Tân Kỳ", "xã Kỳ Sơn", "xã Kỳ Tân"}),
    ("Xã Đô Lương được thành lập trên cơ sở hợp nhất 4 xã, thị trấn gồm Đà Sơn, Văn Sơn, Thịnh Sơn và thị trấn Đô Lương. "
     "Xã có 30.000 người.", {"thị trấn Đô Lương", "xã Văn Sơn", "xã Đà Sơn", "xã Thịnh Sơn"}),
])
def test_predecessors_written_bare_in_the_merger_list_are_merged_from(text, merged):
    assert {unit["unit"] for unit in records_from_text(text)[0]["merged_from"]} == merged


def test_bare_districts_listed_by_their_verb_and_figure_hold_them_and_share_the_lists_measure():
    text = ("Tình hình kinh tế - xã hội tháng 8 năm 2024 tỉnh Quảng Bình\n\n"
            "Diện tích gieo trồng của các địa phương: Đồng Hới thực hiện 1.003,3 ha, bằng 99,8%; Ba Đồn thực hiện 2.555,3 ha, "
            "tăng 10,2%; Lệ Thuỷ thực hiện 10.685,5 ha, bằng 99,5% so cùng kỳ.\n")
    records = {r["text"]: r for r in records_from_text(text) if r["type"] == "quantity"}
    assert [records[f]["place"] for f in ("1.003,3 ha", "2.555,3 ha", "10.685,5 ha")] == ["thành phố Đồng Hới", "thị xã Ba Đồn", "huyện Lệ Thủy"]
    assert {records[f]["metric"] for f in ("1.003,3 ha", "2.555,3 ha", "10.685,5 ha")} == {"Diện tích gieo trồng"}


def test_a_reporting_unit_written_under_its_former_type_is_the_one_of_its_province():
    text = ("Sáng ngày 9/8/2016, HĐND huyện Phong Điền (tỉnh Thừa Thiên Huế) tổ chức kỳ họp thứ 2. "
            "Sáu tháng đầu năm, thu ngân sách nhà nước đạt trên 45 tỷ đồng.")
    document = records_from_text(text)[0]
    assert (document["unit_code"], document["province"]) == ("476", "tỉnh Thừa Thiên Huế")  # not Cần Thơ's huyện (926)


def test_a_commune_merged_away_is_no_misspelling_of_a_namesake_elsewhere():
    """"xã Vân Diên" (Nam Đàn, Nghệ An; merged into thị trấn Nam Đàn) read without its marks is
    "Văn Điển", a thị trấn of Hà Nội: a unit merged away keeps its own name, and a loose reading
    keeps the written type."""
    text = "Huyện Nam Đàn xây dựng mô hình rau VietGAP tại xã Vân Diên với diện tích 12 ha. Xã Vân Diên có 320 hộ tham gia."
    records = records_from_text(text)
    assert records[0]["unit"] == "huyện Nam Đàn"
    figure = next(r for r in records if r["type"] == "quantity" and r["text"] == "320 hộ")
    assert (figure["place"], figure["place_code"], figure["place_absorbed_into_code"]) == ("xã Vân Diên", None, "17950")


def test_a_unit_the_gazetteer_holds_has_no_absorbing_unit():
    document = records_from_text("UBND huyện Mai Sơn cho biết, năm 2023 huyện trồng 120 ha rừng.")[0]
    assert document["unit_code"] is not None and document["unit_absorbed_into"] is None


def test_a_name_of_another_province_after_a_listed_units_figure_is_no_item_of_the_list():
    text = "Một số xã tỷ lệ hộ nghèo còn cao như: Cò Nòi có 320 hộ (12,5%); Tả Van 210 hộ (9,1%)."
    assert _place_of("320 hộ", text) == "xã Cò Nòi" and _place_of("210 hộ", text) != "xã Tả Van"


@pytest.mark.parametrize("text, unit", [
    # a province named bare after a body of it, or as the subject of the first sentence, with no other unit typed near the top
    ("Về Kiên Giang\nTheo Cục Thống kê Kiên Giang, sản lượng thủy sản tháng Tư ước đạt 59.573 tấn.", "tỉnh Kiên Giang"),
    ("Cụ thể, tính đến 15/5, Bình Dương đã thu hút 289 triệu USD vốn FDI.", "tỉnh Bình Dương"),
    # must not fire: where a meeting was held is no issuer
    ("Hội nghị toàn quốc về giảm nghèo diễn ra hôm qua.\nHội nghị họp từ ngày 25/01 đến 01/02/2021, tại Thủ đô Hà Nội, sau khi thảo luận đã thông qua 12 chỉ tiêu.", None),
])
def test_a_province_named_bare_in_the_opening_as_issuer_or_subject_is_the_reporting_unit(text, unit):
    assert records_from_text(text)[0]["unit"] == unit


@pytest.mark.parametrize("text, unit", [
    # a headline labelled with a province bare, then a caption naming its communes (with a credit or without)
    ("Cao Bằng: 1.650 hộ nghèo được hỗ trợ xóa nhà tạm\n\nMột gia đình ở xã Cô Ba, huyện Bảo Lạc dọn về nhà mới.\n\n"
     "Năm 2024, Ban Chỉ đạo đã hỗ trợ 1.650 hộ nghèo với tổng kinh phí 80 tỷ đồng.\n", "tỉnh Cao Bằng"),
    ("Tuyên Quang: Giải ngân 700 tỷ đồng vốn chương trình mục tiêu quốc gia\n\nNgười dân xã Thượng Lâm, huyện Lâm Bình thu hoạch "
     "chè. Ảnh: Minh Thu\n\nCụ thể, năm 2024 các chương trình đã giải ngân 700 tỷ đồng, đạt 80% kế hoạch.\n", "tỉnh Tuyên Quang"),
    # must not fire: a district the lead makes its subject, or names after its body, is the text's
    ("Cao Bằng: Hơn 500 hộ thoát nghèo\n\nNăm 2024, huyện Bảo Lạc có 520 hộ thoát nghèo, tỷ lệ hộ nghèo giảm còn 30%.\n",
     "huyện Bảo Lạc"),
    ("Cao Bằng: Hơn 500 hộ thoát nghèo\n\nSáng 5/3, UBND huyện Bảo Lạc tổ chức hội nghị tổng kết công tác giảm nghèo. "
     "Năm 2024, huyện có 520 hộ thoát nghèo.\n", "huyện Bảo Lạc"),
])
def test_a_caption_under_a_headline_labelled_with_a_province_does_not_beat_it(text, unit):
    assert records_from_text(text)[0]["unit"] == unit


@pytest.mark.parametrize("text, unit", [
    # sections headed by three provinces (a line of the name, a rank before it): a roundup, no one's
    ("Xuất khẩu của một số địa phương 6 tháng đầu năm\n\nBình Dương\n\nKim ngạch xuất khẩu đạt 18 tỷ USD, tăng 12%.\n\n"
     "Đồng Nai\n\nKim ngạch xuất khẩu đạt 11 tỷ USD.\n\nLong An\n\nTheo UBND tỉnh Long An, kim ngạch xuất khẩu đạt 4 tỷ USD.\n", None),
    ("Nhiều địa phương thu hút khách du lịch trong quý I.\n\nDẫn đầu là Thanh Hóa, tổng lượt khách đạt 3 triệu lượt.\n\n"
     "Xếp thứ hai là Nghệ An, tổng lượt khách đạt 2,5 triệu lượt.\n\nTiếp theo là Hà Tĩnh với 1,2 triệu lượt khách. "
     "Theo báo cáo của UBND tỉnh Hà Tĩnh, tổng thu đạt 900 tỷ đồng.\n", None),
    # a province the opening lists beside others written bare is a peer
    ("Bên cạnh Hải Phòng và TP Hà Nội, nhiều địa phương như Bắc Ninh, Hưng Yên cũng thu hút mạnh vốn FDI trong năm 2024.\n\n"
     "Theo Cục Đầu tư nước ngoài, cả nước thu hút 38 tỷ USD vốn FDI.\n", None),
    # must not fire: one province's text naming its neighbours, or a letterhead over the roundup
    ("Tỉnh Bình Dương thu hút 1,2 tỷ USD vốn FDI, đứng sau Bắc Ninh và Hải Phòng.\n\nNăm 2024, tỉnh có 45 dự án mới.\n",
     "tỉnh Bình Dương"),
    ("UBND TỈNH ĐỒNG NAI\n\nBÁO CÁO\nTình hình xuất khẩu các tỉnh vùng Đông Nam Bộ\n\nBình Dương\n\nKim ngạch xuất khẩu đạt 18 tỷ USD."
     "\n\nBà Rịa - Vũng Tàu\n\nKim ngạch xuất khẩu đạt 5 tỷ USD.\n\nTây Ninh\n\nKim ngạch xuất khẩu đạt 6 tỷ USD.\n", "tỉnh Đồng Nai"),
])
def test_a_roundup_of_provinces_as_peers_has_no_reporting_unit(text, unit):
    assert records_from_text(text)[0]["unit"] == unit


def test_a_province_name_that_names_a_district_of_the_reports_province_is_no_province():
    """In a Quảng Bình report "Quảng Ninh" is its district (huyện Quảng Ninh), not tỉnh Quảng Ninh; the
    report's own province named bare stays the province (must not fire)."""
    text = ("Tình hình kinh tế - xã hội tháng 8 năm 2016 tỉnh Quảng Bình\n\n"
            "Diện tích gieo trồng: Bố Trạch thực hiện 4.714,7 ha; Quảng Ninh thực hiện 4.180,6 ha; Quảng Bình tăng 5,2% so cùng kỳ.\n")
    assert _place_of("4.180,6 ha", text) != "tỉnh Quảng Ninh"
    assert _place_of("5,2%", text) == "tỉnh Quảng Bình"
    # a province the 2025 province was formed from is the province, though a ward now bears its name
    merged = ("TỈNH ỦY HƯNG YÊN\nNgày 10/10/2025, tỉnh Hưng Yên mới được hợp nhất từ Hưng Yên và Thái Bình, "
              "diện tích 2.514 km2.\n")
    assert [old["unit"] for old in records_from_text(merged)[0]["merged_from"]] == ["tỉnh Hưng Yên", "tỉnh Thái Bình"]  # (the namesake the merger lists too)


def test_with_no_letterhead_the_unit_of_the_opening_sentence_beats_one_named_more_often():
    text = ("Bình Thuận: thiệt hại do mưa đá\n\n"
            "Trên địa bàn huyện Đức Linh vừa xảy ra mưa đá làm hư hỏng 120 nhà.\n\n"
            + "Mưa đá kèm theo dông, lốc xoáy xảy ra vào chiều tối, kéo dài khoảng một giờ. " * 8 + "\n\n"
            "Theo báo cáo, Ban Chỉ huy PCTT xã Tân Hà cho biết xã Tân Hà thiệt hại 80 nhà; Đảng ủy xã Tân Hà đã hỗ trợ 40 hộ.\n")
    assert records_from_text(text)[0]["unit"] == "huyện Đức Linh"


@pytest.mark.parametrize("text, figure, place", [
    ("Xã Cò Nòi có diện tích 45 km2, cách trung tâm huyện Mai Sơn khoảng 25 km, có 1.250 hộ.", "25 km", "xã Cò Nòi"),
    ("Xã Cò Nòi có diện tích 45 km2, cách trung tâm huyện Mai Sơn khoảng 25 km, có 1.250 hộ.", "1.250 hộ", "xã Cò Nòi"),
    ("Xã Cò Nòi phía Bắc giáp xã Hát Lót, có 12 thôn.", "12 thôn", "xã Cò Nòi"),
    # must not fire: a unit that is the subject of its own clause still holds its figures
    ("Huyện Mai Sơn có 22 xã.", "22 xã", "huyện Mai Sơn"),
])
def test_a_unit_a_distance_is_measured_from_is_a_point_of_reference(text, figure, place):
    assert _place_of(figure, text) == place


@pytest.mark.parametrize("text, figure, place", [
    ("Xã Mai Sơn được thành lập trên cơ sở sáp nhập toàn bộ xã Hát Lót, xã Cò Nòi và một phần thị trấn Hát Lót, diện tích hơn 180 km2.",
     "180 km2", "xã Mai Sơn"),
    ("Xã Mai Sơn được thành lập trên cơ sở sáp nhập xã Hát Lót, xã Cò Nòi và một phần thị trấn Hát Lót có diện tích 180 km2.",
     "180 km2", "xã Mai Sơn"),
    # a merged unit's own bracket still holds its figures (must not fire)
    ("Xã Mai Sơn sáp nhập xã Hát Lót (diện tích 12 km2) và xã Cò Nòi, có 25 thôn.", "12 km2", "xã Hát Lót"),
])
def test_units_merged_into_the_subject_hold_no_figure_after_them(text, figure, place):
    assert _place_of(figure, text) == place


def test_names_a_2025_ward_was_formed_from_resolve_to_its_own_old_wards():
    """Phường Ba Đình and phường Đông Sơn exist elsewhere (Hà Nội, the 2025 ward): in Hạc Thành's
    formation sentence they are its old wards."""
    text = ("ĐẢNG ỦY PHƯỜNG HẠC THÀNH\nNgày 20/8/2025, Đảng bộ phường Hạc Thành tổ chức Đại hội lần thứ I.\n"
            "Phường Hạc Thành được thành lập trên cơ sở sáp nhập phường Trường Thi, phường Điện Biên, phường Ba Đình, "
            "phường Đông Sơn và phường Đông Vệ. Năm 2025 thu ngân sách đạt 520 tỷ đồng.\n")
    document = records_from_text(text)[0]
    assert (document["unit"], document["unit_vintage"]) == ("phường Hạc Thành", NEW)
    assert {old["unit"] for old in document["merged_from"]} >= {"phường Ba Đình", "phường Đông Sơn", "phường Trường Thi"}


@pytest.mark.parametrize("text, merged", [
    ("ĐẢNG ỦY XÃ MAI SƠN\nNgày 20/8/2025, Đảng bộ xã Mai Sơn tổ chức Đại hội. Xã Mai Sơn được thành lập trên cơ sở "
     "sáp nhập xã Hát Lót, Cò Nòi và thị trấn Hát Lót. Thu ngân sách 12 tỷ đồng.\n", ["thị trấn Hát Lót", "xã Hát Lót", "xã Cò Nòi"]),
    ("ĐẢNG ỦY XÃ MAI SƠN\nNgày 20/8/2025, xã Mai Sơn được thành lập từ ba xã: Hát Lót, Cò Nòi và Chiềng Mung. Thu 12 tỷ đồng.\n",
     ["xã Hát Lót", "xã Cò Nòi"]),
    # words saying which units between the type word and the colon
    ("ĐẢNG ỦY XÃ MAI SƠN\nNgày 20/8/2025, xã Mai Sơn được thành lập trên cơ sở sáp nhập 3 xã vùng thấp dọc quốc lộ: "
     "Hát Lót, Cò Nòi và Chiềng Mung. Thu 12 tỷ đồng.\n", ["xã Hát Lót", "xã Cò Nòi"]),
])
def test_one_type_word_after_a_merger_verb_or_a_number_in_words_names_its_list(text, merged):
    assert [old["unit"] for old in records_from_text(text)[0]["merged_from"]] == merged


@pytest.mark.parametrize("sentence, unit", [
    ("Công an TPHCM tăng cường tuần tra, bắt giữ 120 đối tượng.", "thành phố Hồ Chí Minh"),
    ("TPHN có 120 trường đạt chuẩn quốc gia.", "thành phố Hà Nội"),
    ("Công an TP.HCM bắt giữ 120 đối tượng.", "thành phố Hồ Chí Minh"),
])
def test_a_capital_type_abbreviation_glued_to_a_short_name_names_the_unit(sentence, unit):
    records = records_from_text(sentence)
    assert records[0]["unit"] == unit
    assert next(r for r in records if r["type"] == "quantity")["place"] == unit


def test_capitals_glued_to_no_known_short_name_name_no_unit():
    assert records_from_text("TXLA có 5 trường.")[0]["unit"] is None


def test_bare_names_of_the_reporting_units_own_units_before_their_figures_are_places():
    """In a province's report, a district's name written bare right before its figure, or before a
    verb of its figure's clause, is that district (one of that name in the province); a name of no
    unit of the province stays none (must not fire)."""
    text = ("UBND TỈNH QUẢNG NAM\nToàn tỉnh có 25.000 hộ nghèo. Bắc Trà My có tổng số hộ nghèo nhiều nhất với 3.704 hộ, "
            "Nam Trà My 2.753 hộ. Xếp hạng theo tỷ lệ hộ nghèo: Tây Giang 38,07%, Nam Giang 36,51%; Lê Văn Tám 12%.")
    places = {r["text"]: r["place"] for r in records_from_text(text) if r["type"] == "quantity"}
    assert places["3.704 hộ"] == "huyện Bắc Trà My"
    assert places["2.753 hộ"] == "huyện Nam Trà My"
    assert places["38,07%"] == "huyện Tây Giang"
    assert places["36,51%"] == "huyện Nam Giang"
    assert places["12%"] != "huyện Lê Văn Tám"


@pytest.mark.parametrize("text, expected", [
    ("Vi phạm gồm: Lạc Dương 19 vụ, diện tích thiệt hại 2,55 ha; Bảo Lâm 9 vụ, diện tích 2,748 ha; Đam Rông 8 vụ.",
     {"19 vụ": "huyện Lạc Dương", "2,55 ha": "huyện Lạc Dương", "9 vụ": "huyện Bảo Lâm", "2,748 ha": "huyện Bảo Lâm",
      "8 vụ": "huyện Đam Rông"}),
    ("Số giấy chứng nhận cấp mới: Đắk Glong 320 giấy, Tuy Đức 210 giấy, Krông Nô 150 giấy.",
     {"320 giấy": "huyện Đăk Glong", "210 giấy": "huyện Tuy Đức", "150 giấy": "huyện Krông Nô"}),
    ("Lượng rác thu gom ở: Tiền Hải 45 tấn/ngày, Kiến Xương 38 tấn/ngày.",
     {"45 tấn/ngày": "huyện Tiền Hải", "38 tấn/ngày": "huyện Kiến Xương"}),
    # must not fire: one name alone, or names that two provinces bear as much as each other
    ("Riêng Lạc Dương 19 vụ vi phạm.", {"19 vụ": None}),
    ("Tỷ lệ: Tân Lập 95%, Bình Minh 90%.", {"95%": None, "90%": None}),
])
def test_bare_names_one_province_bears_settle_it_without_a_reporting_unit(text, expected):
    """A text naming no unit: bare names before figures that together point to one province (more
    of them than any other, at least two) are its units; the first listed item's unit holds its item."""
    places = {r["text"]: r["place"] for r in records_from_text(text) if r["type"] == "quantity"}
    assert {key: places[key] for key in expected} == expected


def test_units_a_plural_type_word_lists_after_a_colon_never_issue_the_text():
    """"Các huyện có …: Mường Lát 70%, Quan Sơn 85%": the listed units are what the text counts;
    the first of them is no reporting unit."""
    text = "Các huyện có tỷ lệ che phủ rừng cao: Mường Lát 70%, Quan Sơn 85%, Quan Hóa 80%."
    records = records_from_text(text)
    document = next(r for r in records if r["type"] == "document")
    assert document["unit"] is None
    places = {r["text"]: r["place"] for r in records if r["type"] == "quantity"}
    assert places == {"70%": "huyện Mường Lát", "85%": "huyện Quan Sơn", "80%": "huyện Quan Hóa"}


@pytest.mark.parametrize("text, figure, place", [
    ("Phường lớn nhất Đồng Tháp đặt mục tiêu thu nhập 130 triệu đồng/người/năm.", "130 triệu đồng/người/năm", None),
    ("Xã Mường Xén là xã đầu tiên của tỉnh Nghệ An có 500 hộ làm du lịch.", "500 hộ", "xã Mường Xén"),
    # must not fire: "thống nhất", "hợp nhất" are no superlatives; "lần đầu tiên" ranks no unit
    ("Năm 2025, lần đầu tiên tỉnh Nghệ An có mức thu ngân sách đạt 29.211 tỷ đồng.", "29.211 tỷ đồng", "tỉnh Nghệ An"),
    ("Đây là năm đầu tiên tỉnh Gia Lai có kim ngạch xuất khẩu vượt 2 tỷ USD.", "2 tỷ USD", "tỉnh Gia Lai"),
    ("Đoàn thẩm định thống nhất xã Nguyên Xá hoàn thành 11/11 tiêu chí.", "11/11 tiêu chí", "xã Nguyên Xá"),
])
def test_the_unit_a_superlative_ranks_within_holds_no_figure(text, figure, place):
    places = {r["text"]: r["place"] for r in records_from_text(text) if r["type"] == "quantity"}
    assert places[figure] == place


@pytest.mark.parametrize("text, unit", [
    ("Thực hiện Chương trình nước sạch, thời gian qua tỉnh Cao Bằng đã ưu tiên nhiều nguồn vốn. Toàn tỉnh có 27,14% hộ dùng nước sạch.",
     "tỉnh Cao Bằng"),
    ("Những năm qua huyện Mường Tè đã trồng mới 500 ha rừng.", "huyện Mường Tè"),
    ("Mường Tè là huyện biên giới của tỉnh Lai Châu, có 3.700 hộ nghèo. Năm 2023, huyện Mường Tè đã xóa 300 căn nhà tạm.",
     "huyện Mường Tè"),
    # must not fire: a unit a verb governs in the opening sentence is no issuer
    ("Đoàn công tác đến thăm xã Cò Nòi có 500 hộ.", None),
])
def test_the_opening_sentences_unit_issues_a_news_text(text, unit):
    """"thời gian qua tỉnh X" ("qua" after a time is "past", no verb governing the unit); a text
    opening on "X là huyện …" is that district's, not the province's it belongs to."""
    document = next(r for r in records_from_text(text) if r["type"] == "document")
    assert document["unit"] == unit


@pytest.mark.parametrize("text, unit, code", [
    ("Năm 2025, Nghệ An thu ngân sách đạt 29.000 tỷ đồng.", "tỉnh Nghệ An", "40"),
    ("Ngày 6/1, Thống kê Đà Nẵng tổ chức họp báo. Năm 2025, Đà Nẵng đón 17,8 triệu lượt khách.", "thành phố Đà Nẵng", "48"),
])
def test_a_bare_province_one_code_names_before_and_after_2025_is_settled(text, unit, code):
    """An undated text naming a province bare: its units before and after 2025 that share one code
    and one name are one province (a city too), so it issues the text with its code."""
    document = next(r for r in records_from_text(text) if r["type"] == "document")
    assert (document["unit"], document["unit_code"]) == (unit, code)


@pytest.mark.parametrize("text, unit", [
    ("Đồng chí Trần Văn An, Phó Bí thư Đảng ủy phường Kim Long trình bày báo cáo.\n"
     "Cụ thể, thu ngân sách tháng 10 đạt 12,5 tỷ đồng. Phường tổ chức 5 đợt ra quân.", "phường Kim Long"),
    ("Toàn huyện có 314 tiêu chí đạt chuẩn, đang chỉ đạo xã Lê Hóa, Kim Hóa rà soát các tiêu chí.", "huyện Tuyên Hóa"),
    # must not fire: no type word standing alone for a unit; a visiting body's type word ("Đoàn công tác tỉnh")
    ("Thu ngân sách đạt 12 tỷ đồng. Đồng chí Trần Văn An, Phó Bí thư Đảng ủy phường Kim Long trình bày báo cáo.", None),
    ("Tin tức\nĐoàn công tác tỉnh đã đến thăm huyện Mường Ảng. Huyện Mường Ảng có 320 hộ thoát nghèo.", None),
])
def test_the_only_unit_named_issues_a_text_its_type_word_refers_to(text, unit):
    """A text whose only named unit (with its district and province) is named where a speaker
    serves, or in passing, and whose type word stands alone elsewhere ("Phường tổ chức …", "toàn
    huyện"), is that unit's — or its parent's whose type word stands alone more."""
    document = next(r for r in records_from_text(text) if r["type"] == "document")
    assert document["unit"] == unit


def test_a_former_unit_under_the_new_ones_name_marked_old_is_merged_from():
    """"sáp nhập Đảng bộ 2 xã Ia Lâu (cũ) và Ia Piơr": the old unit bearing the new one's name is one
    it was formed from (its mark picks the old side of the merger)."""
    text = "Đảng bộ xã Ia Lâu được thành lập trên cơ sở sáp nhập Đảng bộ 2 xã Ia Lâu (cũ) và Ia Piơr."
    document = next(r for r in records_from_text(text) if r["type"] == "document")
    assert {m["unit"] for m in document["merged_from"]} == {"xã Ia Lâu", "xã Ia Piơr"}


@pytest.mark.parametrize("text", [
    "Tăng trưởng GRDP ước đạt 8,9%, đứng thứ nhất trong 5 tỉnh Bắc Trung Bộ và thứ 12 cả nước.",
    "GRDP của thành phố tăng 9,2%, đứng thứ hai vùng Đông Nam Bộ (sau thành phố Hồ Chí Minh là 9,5%).",
])
def test_a_ranking_pool_or_a_comparator_issues_no_text(text):
    """A counted type word ("5 tỉnh Bắc Trung Bộ") and a unit in a bracket holding its own figure
    ("(sau thành phố Hồ Chí Minh là 9,5%)") are what the text ranks against, not its issuer."""
    document = next(r for r in records_from_text(text) if r["type"] == "document")
    assert document["unit"] is None


@pytest.mark.parametrize("written, code", [("tỉnh Đắc Lắc", "66"), ("tỉnh Đắc Nông", "67"), ("huyện Krông Pắc", "654")])
def test_a_final_k_written_c_names_the_highlands_unit(written, code):
    """The older spelling of Central Highlands names writes a syllable's final "k" as "c"."""
    quantity = next(r for r in records_from_text(f"Năm 2015, {written} có 10.000 ha cà phê.") if r["type"] == "quantity")
    assert quantity["place_code"] == code


def test_units_opening_list_items_hold_their_items_figures():
    """"… là thị trấn Ân Thi 88/102 đạt 86%; …; Vân Du 52/99 đạt 53% và Phù Ủng 46/84 đạt 55%": the unit
    opening an item (after "là", ";" or "và") holds its item's figures; a bare name takes its own
    type, not the first item's ("Hạ Lễ" is a xã)."""
    text = ("Các xã làm tốt công tác sơ tuyển là thị trấn Ân Thi 88/102 đạt 86%; xã Cẩm Ninh 41/61 đạt 67%; "
            "Vân Du 52/99 đạt 53% và Phù Ủng 46/84 đạt 55%. Thị trấn Ân Thi 88/102 đạt 86%; Hạ Lễ 18/73 đạt 25%.")
    places = [(r["text"], r["place"]) for r in records_from_text(text) if r["type"] == "quantity"]
    assert places == [("88/102", "thị trấn Ân Thi"), ("86%", "thị trấn Ân Thi"), ("41/61", "xã Cẩm Ninh"), ("67%", "xã Cẩm Ninh"),
                      ("52/99", "xã Vân Du"), ("53%", "xã Vân Du"), ("46/84", "xã Phù Ủng"), ("55%", "xã Phù Ủng"),
                      ("88/102", "thị trấn Ân Thi"), ("86%", "thị trấn Ân Thi"), ("18/73", "xã Hạ Lễ"), ("25%", "xã Hạ Lễ")]


def test_a_new_term_written_nhiem_ky_moi_is_the_documents_term():
    text = "Đại hội đại biểu Đảng bộ huyện lần thứ XX nhiệm kỳ mới 2020-2025 đề ra 15 chỉ tiêu. Nhiệm kỳ 2015-2020, huyện đạt 12/15 chỉ tiêu."
    assert records_from_text(text)[0]["term"] == "2020-2025"


def test_a_cells_half_term_is_no_documents_term():
    """"đại hội chi bộ nhiệm kỳ 2025 - 2027" (a cell's two and a half years) is no term of the text;
    the council's five-year term is."""
    text = "Kỳ họp thứ 10 HĐND xã khóa XXI, nhiệm kỳ 2021 - 2026. Xã đã tổ chức thành công đại hội chi bộ nhiệm kỳ 2025 - 2027."
    assert records_from_text(text)[0]["term"] == "2021-2026"


def test_a_listed_items_unit_holds_to_its_items_end():
    """"như: Cát Linh 97%, Phương Liên 96%": the first item's unit is its item's subject, and no
    longer (a name the gazetteer lacks opens the next item)."""
    text = "UBND QUẬN ĐỐNG ĐA\nCác phường đạt tỷ lệ cao như: Cát Linh 97%, Phương Liên 96%, Láng Thượng 92%."
    places = {r["text"]: r["place"] for r in records_from_text(text) if r["type"] == "quantity"}
    assert places["97%"] == "phường Cát Linh"
    assert places["96%"] != "phường Cát Linh"
    assert places["92%"] == "phường Láng Thượng"


def test_bare_names_of_a_districts_communes_are_places_in_its_report():
    text = ("UBND HUYỆN ĐẠI LỘC\nTỷ lệ thu ngân sách đạt cao: Đại Hồng 95%, Đại Lãnh 91%.")
    places = {r["text"]: r["place"] for r in records_from_text(text) if r["type"] == "quantity"}
    assert places == {"95%": "xã Đại Hồng", "91%": "xã Đại Lãnh"}


@pytest.mark.parametrize("sentence, figure, place", [
    ("Tổng thu ngân sách trên địa bàn tỉnh Lâm Đồng đến hết tháng 7/2020 đạt 5.219,4 tỷ đồng.", "5.219,4 tỷ đồng", "tỉnh Lâm Đồng"),
    ("Thu ngân sách trên địa bàn huyện Di Linh tính đến ngày 30/9/2024 đạt 310 tỷ đồng.", "310 tỷ đồng", "huyện Di Linh"),
    ("Thu ngân sách trên địa bàn huyện Di Linh đến cuối tháng 9 đạt 310 tỷ đồng.", "310 tỷ đồng", "huyện Di Linh"),
])
def test_a_time_up_to_which_a_figure_is_counted_stands_between_the_unit_and_its_predicate(sentence, figure, place):
    assert _place_of(figure, sentence) == place


def test_a_merged_unit_with_a_location_aside_holds_none_of_the_new_units_figures():
    """A bracket after the last merged unit that says where it lay is no bracket of its own figures;
    a bracket naming the subject's province before the verb keeps the merger reading; a merged unit's
    own bracketed figures stay its own (must not fire)."""
    text = ("Phường Phú An (TP.HCM) được sáp nhập từ xã Phú An (thành phố Bến Cát cũ) với phường Tân An và một phần "
            "phường Hiệp An (thuộc thành phố Thủ Dầu Một, Bình Dương trước đây) có diện tích 36,7 km2; dân số 53.936 người.")
    assert _place_of("36,7 km2", text) == _place_of("53.936 người", text) == "phường Phú An"
    own = "Xã Mai Sơn được thành lập trên cơ sở sáp nhập xã Hát Lót (diện tích 50 km2), xã Cò Nòi (diện tích 60 km2)."
    assert (_place_of("50 km2", own), _place_of("60 km2", own)) == ("xã Hát Lót", "xã Cò Nòi")


@pytest.mark.parametrize("sentence, code", [
    ("Đại hội Đảng bộ xã Nam Giang (Nam Đàn) nhiệm kỳ 2020-2025 có 150 đại biểu.", "17956"),  # four of that name
    ("Đảng bộ xã Vĩnh Trạch (Thoại Sơn) tổ chức Đại hội với 120 đại biểu.", "30697"),
    ("Xã Nam Giang (Nghệ An) có 12 thôn.", "17956"),
    ("Xã Nam Giang (diện tích 20 km2) có 12 thôn.", None),  # no parent in the bracket: must not fire
])
def test_a_parent_named_bare_in_brackets_after_a_unit_settles_which_unit_it_is(sentence, code):
    assert records_from_text(sentence)[0]["unit_code"] == code


@pytest.mark.parametrize("sentence", [
    "(GLO)- Ngày 13-8, Đảng bộ xã Ia Tul long trọng tổ chức Đại hội với sự tham gia của 180 đại biểu.",
    "(QNO) - Ngày 13-8, Đảng bộ xã Ia Tul tổ chức Đại hội với 180 đại biểu.",
])
def test_a_news_agencys_byline_before_the_subject_keeps_it_the_subject(sentence):
    assert _place_of("180 đại biểu", sentence) == "xã Ia Tul"


def test_units_inside_a_bracket_after_a_unit_are_asides_the_subject_goes_on():
    """Units named inside a bracket right after the subject tell about it; the clause after the
    bracket is still the subject's. Units in a bracket with their own figures hold them (must not fire)."""
    text = ("Trong nhiệm kỳ, Đảng bộ xã Mai Sơn (thành lập trên cơ sở sáp nhập 03 Đảng bộ: Thị trấn Hát Lót, xã Hát Lót, "
            "xã Cò Nòi) tiến hành kiểm tra, giám sát đối với 97 tổ chức đảng và 46 đảng viên.")
    assert _place_of("97 tổ chức đảng", LETTERHEAD + text) == _place_of("46 đảng viên", LETTERHEAD + text) == "xã Mai Sơn"
    own = "Các xã (xã Hát Lót có 5 thôn, xã Cò Nòi có 12 thôn) đều đạt chuẩn."
    assert (_place_of("5 thôn", own), _place_of("12 thôn", own)) == ("xã Hát Lót", "xã Cò Nòi")


@pytest.mark.parametrize("sentence, figure", [
    ("Huyện Krông Pa có 95% hộ đạt gia đình văn hóa. Sở Y tế tỉnh đã cấp 3.000 thẻ BHYT cho trẻ em.", "3.000 thẻ"),
    ("Mặt trận huyện Krông Pa đã bàn giao 7 căn nhà. Tính từ đầu năm, Quỹ “Vì người nghèo” tỉnh đã xây mới 40 căn nhà.", "40 căn nhà"),
])
def test_a_body_of_the_province_before_its_bare_type_word_is_the_province(sentence, figure):
    """A body named before a bare type word ("Sở Y tế tỉnh") stands for the unit of that type the
    text knows (the district's province): the district's scope ends there."""
    assert _place_of(figure, sentence) == "tỉnh Gia Lai"


def test_a_body_of_the_same_unit_keeps_it():
    assert _place_of("120 hội viên", "Huyện Krông Pa có 95% hộ văn hóa. Hội Nông dân huyện đã vận động 120 hội viên.") == "huyện Krông Pa"


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_name_does_not_run_over_a_line_break_into_a_heading_number(gap):
    """"… của xã Tân Lập" ⏎ "1. Nông nghiệp": the heading's number is no syllable of the name (the
    gazetteer holds a "Tân Lập 1"); a name opening a line is still read before "là xã"."""
    text = f"Tình hình kinh tế - xã hội năm 2024 của xã Tân Lập{gap}1. Nông nghiệp{gap}Tổng diện tích gieo trồng đạt 1.250 ha.\n"
    assert records_from_text(text)[0]["unit"] == "xã Tân Lập"
    opening = "Năm 2019 toàn huyện Đakrông giảm 950 hộ nghèo.\nHướng Hiệp là xã có hộ nghèo giảm nhiều nhất, giảm 87 hộ.\n"
    quantities = {r["text"]: r for r in records_from_text(opening) if r["type"] == "quantity"}
    assert quantities["87 hộ"]["place"] == "xã Hướng Hiệp"


@pytest.mark.parametrize("guests", [
    "Dự họp có Chủ tịch UBMTTQ Việt Nam tỉnh Võ Thanh An.",
    "Tham dự có Trưởng ban Dân vận huyện Lê Văn Bình; Chủ tịch Hội Nông dân huyện Trần Thị Hoa.",
    "Tham dự có đồng chí Hoàng Văn Nam và tỉnh Đỗ Thị Mai.",
])
def test_a_persons_full_name_after_a_type_word_is_no_unit(guests):
    """An officer of a mass organisation ("Chủ tịch UBMTTQ Việt Nam tỉnh …", "Trưởng ban Dân vận
    huyện …"), or a full name opening on a family name, after a type word is a person, not a unit the
    gazetteer does not hold."""
    records = records_from_text(f"{guests} Năm 2024, toàn huyện giải quyết việc làm cho 1.200 lao động.\n")
    assert records[0]["unit"] is None
    assert all(r["place"] is None for r in records if r["type"] == "quantity")


def test_a_higher_unit_after_a_dash_says_where_the_unit_lies():
    """"xã An Phú - huyện Mỹ Đức tỷ lệ 25,1%": the district after a dash is the commune's parent, as
    after a comma; the commune is the subject."""
    text = "Tỷ lệ hộ nghèo cao nhất (xã An Phú - huyện Mỹ Đức tỷ lệ 25,1%, xã Tản Lĩnh - huyện Ba Vì tỷ lệ 39,13%).\n"
    places = _places_by_figure(text)
    assert places["25,1%"] == "xã An Phú" and places["39,13%"] == "xã Tản Lĩnh"


def test_a_bare_province_name_joined_by_a_dash_is_the_province_and_ends_no_metric():
    text = ("Tổng thu ngân sách trên địa bàn Bà Rịa - Vũng Tàu năm 2022 là 109.800 tỷ đồng. "
            "Xếp sau là Bà Rịa-Vũng Tàu (109.800 tỷ đồng), Hà Nội (333.000 tỷ đồng).\n")
    quantities = [r for r in records_from_text(text) if r["type"] == "quantity"]
    assert [q["place"] for q in quantities] == ["tỉnh Bà Rịa - Vũng Tàu", "tỉnh Bà Rịa - Vũng Tàu", "thành phố Hà Nội"]
    assert quantities[0]["metric"] == "Tổng thu ngân sách"


def test_a_counted_plural_subject_closes_the_scope_of_the_name_before():
    """"… Khánh Hòa đón 6 triệu lượt và 12 tỉnh khác đón trên 1 triệu lượt": the provinces counted
    are no part of Khánh Hòa, nor are their figures."""
    text = ("Đà Nẵng đón 8 triệu lượt khách, Khánh Hòa đón 6 triệu lượt và 12 tỉnh khác đón trên 1 triệu lượt. "
            "Hà Nội tăng 7,63% và 10 địa phương tăng trưởng 2 con số.\n")
    places = _places_by_figure(text)
    assert places["6 triệu lượt"] == "tỉnh Khánh Hòa" and places["7,63%"] == "thành phố Hà Nội"
    assert places["12 tỉnh"] is None and places["1 triệu lượt"] is None and places["10 địa phương"] is None


@pytest.mark.parametrize("caption", [
    "Lãnh đạo phường Ninh Kiều nhận Cờ thi đua của UBND TP Cần Thơ",
    "| Chủ tịch UBND TP Cần Thơ Trần Văn A phát biểu chỉ đạo tại hội nghị |",
])
def test_a_city_named_in_a_photo_caption_or_as_an_address_issues_nothing(caption):
    """The ward that opens the news issues it: the city after a comma is its address, the one an
    award comes from or an official serves in a caption is no letterhead."""
    text = (f"Ngày 18-12, Đảng ủy phường Ninh Kiều, TP Cần Thơ tổ chức hội nghị tổng kết năm 2025.\n\n{caption}\n\n"
            "Năm 2025, phường Ninh Kiều thu ngân sách đạt 321 tỷ đồng.\n")
    assert records_from_text(text)[0]["unit"] == "phường Ninh Kiều"


def test_a_lower_unit_after_a_figure_in_the_subjects_clause_is_the_figures():
    """"Huyện A có 12 … và 3 điểm trường tại xã B bị sập": a commune after the figure (``tại``, ``ở``)
    is more precise than the district subject of the same clause."""
    places = _places_by_figure("Huyện Bố Trạch có 12 điểm trường bị tốc mái và 3 điểm trường tại xã Đại Trạch bị sập hoàn toàn.\n")
    assert places["12 điểm"] == "huyện Bố Trạch" and places["3 điểm"] == "xã Đại Trạch"


def test_a_descriptor_between_a_type_word_and_the_name():
    """"thành phố biển Sầm Sơn", "huyện đảo Cô Tô", "huyện miền núi Mường Lát": a word describing the
    unit stands between its type and its name."""
    places = _places_by_figure("Thành phố biển Sầm Sơn đón 8 triệu lượt khách; huyện đảo Cô Tô đón 200 nghìn lượt khách.\n")
    assert places["8 triệu lượt"] == "thành phố Sầm Sơn" and places["200 nghìn lượt"] == "huyện Cô Tô"


def test_a_unit_merged_before_the_gazetteer_keeps_its_name_and_takes_its_absorbers_province():
    """"huyện Đất Đỏ" (merged into huyện Long Đất) is a unit though "đất đỏ" is a common word; the
    province of the unit it was merged into is the document's."""
    document = records_from_text("UBND huyện Đất Đỏ đã tiếp nhận 3.200 hồ sơ. Huyện Đất Đỏ có 8 xã.\n")[0]
    assert document["unit"] == "huyện Đất Đỏ" and document["province"] == "tỉnh Bà Rịa - Vũng Tàu"
    assert records_from_text("HĐND huyện Nông Sơn tổ chức kỳ họp. Tổng thu ngân sách hơn 36 tỷ đồng.\n")[0]["province"] == "tỉnh Quảng Nam"


def test_the_agent_of_a_passive_is_no_subject():
    """"Đây là đơn vị được Hội Nông dân tỉnh chọn làm điểm": the province's body acts on the district,
    whose figures the next sentence gives."""
    text = ("Ngày 5-6, Hội Nông dân huyện Kim Sơn tổ chức Đại hội lần thứ X. Đây là đơn vị được Hội Nông dân tỉnh chọn "
            "làm điểm đại hội cấp huyện. Tham dự đại hội có 180 đại biểu đại diện cho trên 20 nghìn hội viên.\n")
    assert _places_by_figure(text)["180 đại biểu"] == "huyện Kim Sơn"


def test_the_old_unit_whose_name_the_new_one_took_is_merged_from_when_the_merger_lists_it():
    text = ("Đảng bộ xã Nghĩa Trụ được thành lập trên cơ sở hợp nhất 3 đảng bộ xã Long Hưng, xã Nghĩa Trụ và xã "
            "Vĩnh Khúc. Đảng bộ xã Nghĩa Trụ có 1.541 đảng viên, sinh hoạt ở 47 chi bộ.\n")
    document = records_from_text(text)[0]
    assert {entry["unit"] for entry in document["merged_from"]} == {"xã Long Hưng", "xã Nghĩa Trụ", "xã Vĩnh Khúc"}


def test_a_party_committee_names_its_unit():
    """"Huyện ủy Mường La", "Thành ủy Việt Trì", "Thị ủy Phú Thọ", "Quận ủy Hà Đông": the committee's
    type gives the unit's (a "thị ủy" heads a thị xã, not the province of that name)."""
    text = ("Trong năm, Thành ủy Việt Trì đã kết nạp 210 đảng viên mới, Thị ủy Phú Thọ kết nạp 95 đảng viên. "
            "Năm 2023, Quận ủy Hà Đông kết nạp 180 đảng viên.\n")
    places = _places_by_figure(text)
    assert (places["210 đảng viên"], places["95 đảng viên"], places["180 đảng viên"]) == \
        ("thành phố Việt Trì", "thị xã Phú Thọ", "quận Hà Đông")


def test_bare_district_names_with_an_apostrophe_or_another_spelling_in_a_provinces_list():
    text = "BÁO CÁO TÌNH HÌNH HỘ NGHÈO TỈNH ĐẮK NÔNG\nSố hộ nghèo: Đắk R’lấp 1.250 hộ, Đắk Glong 2.300 hộ, Krông Nô 980 hộ.\n"
    places = _places_by_figure(text)
    assert places["1.250 hộ"] == "huyện Đắk R'Lấp" and places["2.300 hộ"] == "huyện Đăk Glong"


def test_a_degree_word_after_vi_between_a_unit_and_its_figure():
    places = _places_by_figure("Thu ngân sách cao nhất là phường Ninh Kiều với hơn 9,8 tỉ đồng.\n")
    assert places["9,8 tỉ đồng"] == "phường Ninh Kiều"


@pytest.mark.parametrize("text, expected", [
    ("3. Kết quả theo địa phương\na) Huyện Hòa Bình:\nDiện tích nuôi tôm năm 2020 đạt 12.500 ha, tăng 2,1%.\n"
     "b) Huyện Đông Hải:\nDiện tích nuôi tôm đạt 31.000 ha; sản lượng 28.000 tấn.\n",
     [("12.500 ha", "huyện Hòa Bình"), ("2,1%", "huyện Hòa Bình"), ("31.000 ha", "huyện Đông Hải"), ("28.000 tấn", "huyện Đông Hải")]),
    ("Báo cáo của tỉnh An Giang.\n2. Kết quả sản xuất\n2.1. Tại xã Vĩnh Trạch\nTổng diện tích lúa 2.300 ha, năng suất 6,8 tấn/ha.\n"
     "2.2. Kết quả hỗ trợ xã Hiệp Thành\nĐã hỗ trợ 120 hộ.\n3. Kết luận\nToàn tỉnh có 45 xã đạt chuẩn.\n",
     [("2.300 ha", "xã Vĩnh Trạch"), ("6,8 tấn/ha", "xã Vĩnh Trạch"), ("120 hộ", None), ("45 xã", "tỉnh An Giang")]),
])
def test_a_heading_that_names_only_a_unit_gives_its_figures_that_place(text, expected):
    """"a) Huyện Hòa Bình:" over a paragraph of figures: they are about that unit, down to the next
    heading of its level; a heading that names a subject ("Kết quả hỗ trợ xã Y") scopes nothing."""
    quantities = [(q["text"], q["place"]) for q in records_from_text(text) if q["type"] == "quantity"]
    assert quantities == expected


@pytest.mark.parametrize("text, unit", [
    ("Sáng 29/7 xã An Nghĩa tổ chức Đại hội Đảng bộ xã lần thứ I. Xã có 12 thôn.", "xã An Nghĩa"),
    ("Ngày 13-8 phường Bình Đông tổ chức Đại hội Đảng bộ phường. Phường có 12 khu phố.", "phường Bình Đông"),
    ("2025-08-22 Phường Bình Dương được thành lập trên cơ sở sáp nhập các phường Phú Mỹ, Phú Tân và phường Phú Chánh.",
     "phường Bình Dương"),
])
def test_a_date_before_a_unit_is_no_count_of_units(text, unit):
    """"Sáng 29/7 xã An Nghĩa …": the 7 ends a date; it counts no communes, so the unit issues the text."""
    document = next(r for r in records_from_text(text) if r["type"] == "document")
    assert document["unit"] == unit


@pytest.mark.parametrize("province, city", [("Lai Châu", "thành phố Lai Châu"), ("Cao Bằng", "thành phố Cao Bằng")])
def test_a_bare_name_shared_by_a_province_and_its_capital_is_the_province(province, city):
    """"tỉnh Lai Châu" and "thành phố Lai Châu" both named once: a bare "Lai Châu" is the province
    (a province's name is one in the country), not the city named first."""
    text = (f"{province}: Phát triển cây chè\nHiện nay, {province} có khoảng 9.000 ha chè, tập trung ở các huyện "
            f"Tân Uyên, Tam Đường và {city}. Đây là cây chủ lực của tỉnh {province}.")
    figure = next(r for r in records_from_text(text) if r["type"] == "quantity")
    assert figure["place"] == f"tỉnh {province}"


@pytest.mark.parametrize("text, figure, place", [
    ("Phường Bến Thành có hoạt động kinh tế sôi động bậc nhất TP.HCM với hơn 6.100 doanh nghiệp.", "6.100 doanh nghiệp", "phường Bến Thành"),
    ("Phường Hải An có tuyến cao tốc phía Đông thành phố Hải Phòng chạy qua. Thu ngân sách năm 2024 đạt 300 tỷ đồng.",
     "300 tỷ đồng", "phường Hải An"),
])
def test_a_higher_unit_named_as_a_landmark_or_a_yardstick_takes_no_figure(text, figure, place):
    """A unit after a superlative ("bậc nhất TP.HCM") or a direction head ("phía Đông thành phố …") is
    a point of reference: the figures stay with the subject before it."""
    found = next(r for r in records_from_text(text) if r["type"] == "quantity" and r["text"] == figure)
    assert found["place_resolved"] == place


def test_an_excerpt_opening_on_subsection_headings_takes_no_unit_from_them():
    """An excerpt that opens inside a body ("2.1. …" / "a) Huyện Hòa Bình:") has no title: a unit a
    sub-heading names is what its section is about, not the issuer."""
    text = ("2.1. Kết quả theo địa phương\na) Huyện Hòa Bình:\nDiện tích nuôi tôm năm 2020 đạt 12.500 ha.\n"
            "b) Huyện Đông Hải:\nDiện tích nuôi tôm đạt 31.000 ha.\n")
    records = records_from_text(text)
    assert next(r for r in records if r["type"] == "document")["unit"] is None
    assert [(q["text"], q["place"]) for q in records if q["type"] == "quantity"] == [
        ("12.500 ha", "huyện Hòa Bình"), ("31.000 ha", "huyện Đông Hải")]


@pytest.mark.parametrize("term, code", [("2020 - 2025", "89"), ("2015-2020", "89"), ("2025 - 2030", None)])
def test_an_undated_congress_text_takes_its_units_from_the_term_it_is_about(term, code):
    """An Giang kept its name through the 2025 merger (code 89 before, 91 after): an undated text of a
    congress whose term ended by 2025 is about the units before; of the 2025 - 2030 term, it could be either."""
    text = (f"ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ TỈNH AN GIANG LẦN THỨ XI, NHIỆM KỲ {term}\n"
            "Thu nhập bình quân đầu người đạt khoảng 72 triệu đồng.\n")
    document = records_from_text(text)[0]
    assert document["unit"] == "tỉnh An Giang" and document["unit_code"] == code
    if code is None:
        assert "code 89, before 2025" in document["warnings"][0] and "code 91, since 2025" in document["warnings"][0]


@pytest.mark.parametrize("text, unit", [
    ("Đồng Văn là một trong những huyện nghèo nhất của tỉnh Hà Giang. Huyện Đồng Văn hiện có hơn 6.000 hộ nghèo.", "huyện Đồng Văn"),
    ("Mèo Vạc vẫn là một huyện còn nhiều hộ nghèo thuộc tỉnh Hà Giang. Năm 2024 huyện có 5.000 hộ nghèo.", "huyện Mèo Vạc"),
    ("Pa Vệ Sủ là xã ĐBKK nằm cách trung tâm huyện Mường Tè hơn 20 km. Xã có 450 hộ.", "xã Pa Vệ Sủ"),
])
def test_a_name_said_to_be_a_unit_is_that_unit_not_the_higher_one_named_after(text, unit):
    """"<Name> là (một trong những) <type> … của <higher unit>": the subject is the lower unit; an
    abbreviation after the type word ("xã ĐBKK") is no name of its own."""
    assert records_from_text(text)[0]["unit"] == unit


def test_a_line_of_a_unit_and_its_figure_heads_the_paragraphs_after_it():
    """"Phú Yên: 8,15%" over a paragraph of a text about several provinces is a sub-heading: the
    figures under it are Phú Yên's, up to the next such line; such lines one after another are a list."""
    text = ("Phú Yên: 8,15%\n\nTổng sản phẩm trong tỉnh 9 tháng ước đạt 21.500 tỷ đồng, tăng 8,15%.\n\n"
            "Quảng Ngãi: 7,9%\n\nGRDP ước đạt 40.100 tỷ đồng.\n\n"
            "Xã Tân Lập: 95%\nXã Tân Phú: 90%\n\nTỷ lệ che phủ rừng đạt 45%.\n")
    places = [(q["text"], q["place"]) for q in records_from_text(text) if q["type"] == "quantity"]
    assert places[:5] == [("8,15%", "tỉnh Phú Yên"), ("21.500 tỷ đồng", "tỉnh Phú Yên"), ("8,15%", "tỉnh Phú Yên"),
                          ("7,9%", "tỉnh Quảng Ngãi"), ("40.100 tỷ đồng", "tỉnh Quảng Ngãi")]
    assert places[-1] == ("45%", None)


def test_a_photo_caption_opening_the_text_is_no_title():
    """"TP. Hải Dương ngày càng khang trang (Ảnh: báo Hải Dương)" names what a photo shows; the text
    under it is the province's."""
    text = ("TP. Hải Dương ngày càng khang trang (Ảnh: báo Hải Dương)\n\n"
            "Sáu tháng đầu năm, tổng sản phẩm trên địa bàn tỉnh Hải Dương ước đạt 60.120 tỷ đồng.\n")
    assert records_from_text(text)[0]["unit"] == "tỉnh Hải Dương"


@pytest.mark.parametrize("text, unit", [
    ("Huyện Tuy An có 33 tàu bị chìm, trong đó xã An Hòa Hải có 27 chiếc, xã An Chấn 5 chiếc.", "huyện Tuy An"),
    ("Toàn tỉnh Quảng Ngãi có 5.200 nhà bị ngập, trong đó 7 nhà ở huyện Sơn Hà bị hư hỏng.", "tỉnh Quảng Ngãi"),
])
def test_the_units_of_a_breakdown_in_the_opening_sentence_are_parts_not_the_issuer(text, unit):
    assert records_from_text(text)[0]["unit"] == unit


def test_a_line_naming_a_unit_alone_heads_the_paragraphs_after_it():
    """A roundup of several provinces, each under a line of its name alone ("Khánh Hòa", "Lào Cai:"): the
    figures of the paragraphs under it are that province's, up to the next such line; not a table's
    rows, which name their own units."""
    text = ("Du lịch các địa phương dịp nghỉ lễ.\n\nLào Cai:\n\nSở Du lịch cho biết lượng khách ước đạt 310.000 lượt.\n\n"
            "Trong đó, khách quốc tế đạt 42.000 lượt, tăng 18%.\n\nKhánh Hòa\n\nTổng thu từ du lịch đạt 1.250 tỷ đồng.\n")
    places = [(q["text"], q["place"]) for q in records_from_text(text) if q["type"] == "quantity"]
    assert places == [("310.000 lượt", "tỉnh Lào Cai"), ("42.000 lượt", "tỉnh Lào Cai"), ("18%", "tỉnh Lào Cai"),
                      ("1.250 tỷ đồng", "tỉnh Khánh Hòa")]


@pytest.mark.parametrize("sentence, figure, place", [
    ("Dẫn đầu là Long An, tổng vốn đăng ký đạt 2,3 tỷ USD.", "2,3 tỷ USD", "tỉnh Long An"),
    ("Đứng thứ hai là Đà Nẵng, tổng lượt khách đạt 9 triệu lượt.", "9 triệu lượt", "thành phố Đà Nẵng"),
    ("Xếp ở vị trí thứ ba là Thái Nguyên, thu hút 31 dự án mới.", "31 dự án", "tỉnh Thái Nguyên"),
])
def test_a_unit_a_ranking_names_before_a_comma_is_the_subject_of_its_figures(sentence, figure, place):
    """"Dẫn đầu là X, <measure> đạt …": the rank's unit owns the clause after the comma, as it does
    with "với" ("Tiếp theo là X với …")."""
    assert _place_of(figure, "Cả nước thu hút 400 dự án. " + sentence) == place


@pytest.mark.parametrize("sentence, figure, place", [
    ("Thị xã Kỳ Anh trực thuộc tỉnh Hà Tĩnh có 6 phường và 6 xã.", "6 phường", "thị xã Kỳ Anh"),
    ("Thành phố Phổ Yên thuộc tỉnh Thái Nguyên có 14 phường.", "14 phường", "thành phố Phổ Yên"),
    ("Huyện Vĩnh Bảo nay trở thành quận trực thuộc thành phố Hải Phòng với 9 phường.", "9 phường", "huyện Vĩnh Bảo"),
])
def test_the_unit_a_subject_belongs_to_is_no_subject(sentence, figure, place):
    """"X (trực) thuộc Y": the word says Y holds X, whatever the type words (a thành phố may be a
    province's or a district's), and "quận trực thuộc Y" only says where the unit lies."""
    assert _place_of(figure, sentence) == place


def test_a_name_written_with_a_slip_of_case_takes_the_official_spelling():
    text = "Đại hội Đảng bộ huyện Mường LÁt nhiệm kỳ 2020-2025\n\nHuyện Mường Lát có tỷ lệ che phủ rừng đạt 63%.\n"
    records = records_from_text(text)
    assert [q["place"] for q in records if q["type"] == "quantity"] == ["huyện Mường Lát"]
    assert records[0]["places"] == ["huyện Mường Lát"]


@pytest.mark.parametrize("sentence, figure, place", [
    ("Huyện Mường Lát là một trong số 62 huyện nghèo của cả nước.", "62 huyện", None),
    ("Xã Tà Xùa là một trong 46 xã đặc biệt khó khăn của tỉnh Sơn La.", "46 xã", "tỉnh Sơn La"),
])
def test_a_count_of_the_peers_one_unit_is_among_is_not_that_units(sentence, figure, place):
    """"X là một trong số N huyện …": the figure counts X's peers, of the unit named after it if any."""
    assert _place_of(figure, sentence) == place


def test_a_breakdown_paragraph_goes_on_with_the_unit_of_the_paragraph_before():
    """"Trong đó, …" opening a paragraph breaks the one before down: its figures are that unit's."""
    text = ("Tình hình các địa phương.\n\nHuyện Mường Tè có 3.150 hộ nghèo.\n\n"
            "Trong đó, hộ đồng bào dân tộc thiểu số là 2.900 hộ.\n\nCả nước có 1,2 triệu hộ nghèo.\n")
    places = [(q["text"], q["place"]) for q in records_from_text(text) if q["type"] == "quantity"]
    assert places == [("3.150 hộ", "huyện Mường Tè"), ("2.900 hộ", "huyện Mường Tè"), ("1,2 triệu hộ", None)]


@pytest.mark.parametrize("sentence, figure, place", [
    ("UBND TỈNH LAI CHÂU\n\nĐã có 1.500 hộ nghèo trên địa bàn tỉnh Cao Bằng thoát nghèo.", "1.500 hộ", "tỉnh Cao Bằng"),
    ("UBND TỈNH LAI CHÂU\n\nLốc xoáy làm 1.100 nhà dân tại xã Bình Trung bị tốc mái.", "1.100 nhà", "xã Bình Trung"),
])
def test_a_unit_after_a_figure_in_its_clause_holds_a_figure_written_with_thousands(sentence, figure, place):
    """A figure's own dot ("1.500") ends no clause; "trên địa bàn" before a named unit says where, as "tại" does."""
    assert _place_of(figure, sentence) == place


@pytest.mark.parametrize("text, unit", [
    ("Sáng 9/8, Đảng bộ phường Tam Điệp tổ chức Đại hội lần thứ I, nhiệm kỳ 2025-2030.\n\nTại đại hội, Ban Thường vụ "
     "Tỉnh ủy Ninh Bình công bố quyết định chỉ định Ban Chấp hành gồm 29 đồng chí.\n\nPhường có 3.800 đảng viên.\n",
     "phường Tam Điệp"),
    ("Sáng 9/8, Đảng bộ phường Tam Điệp tổ chức Đại hội lần thứ I, nhiệm kỳ 2025-2030.\n\nĐại hội nghe đọc quyết định của "
     "Ban Thường vụ Tỉnh ủy Ninh Bình chỉ định 31 đồng chí vào Ban Chấp hành.\n\nPhường có 3.800 đảng viên.\n",
     "phường Tam Điệp"),
    ("Sáng 9/8, Đảng bộ phường Tam Điệp tổ chức Đại hội lần thứ I, nhiệm kỳ 2025-2030.\n\nThay mặt Ban Thường vụ Tỉnh ủy "
     "Ninh Bình, đồng chí Nguyễn Văn B trao quyết định chỉ định Ban Chấp hành gồm 29 đồng chí.\n", "phường Tam Điệp"),
    # must not fire: the Party committee heading a letterhead issues the text
    ("TỈNH ỦY NINH BÌNH\n\nBÁO CÁO\nKết quả thu ngân sách năm 2024\n\nThu ngân sách toàn tỉnh đạt 21.500 tỷ đồng.\n",
     "tỉnh Ninh Bình"),
])
def test_a_party_committee_acting_in_a_body_sentence_is_no_letterhead(text, unit):
    """"Tại đại hội, Ban Thường vụ Tỉnh ủy X công bố …", "… quyết định của Ban Thường vụ Tỉnh ủy X chỉ định …": a
    committee its predicate follows, or that stands inside a running sentence, acts in the body; it heads no letterhead."""
    assert records_from_text(text)[0]["unit"] == unit


@pytest.mark.parametrize("text", [
    "Sáng 12/10, UBND tỉnh họp phiên thường kỳ tháng 9.\n\nKim ngạch xuất khẩu 9 tháng đạt 2.100 triệu USD, tăng 9,4%, "
    "xếp thứ 3 khu vực (sau tỉnh Lạng Sơn).\n",
    "Sáng 12/10, UBND tỉnh tổ chức hội nghị sơ kết quý III.\n\nThu ngân sách đạt 8.300 tỷ đồng, tăng 6,1%, chỉ đứng sau "
    "tỉnh Nghệ An trong vùng.\n",
    # a province written with another type word than the body's ("UBND tỉnh … thành phố Hà Nội") is another unit
    "Chiều 8/9/2025, UBND tỉnh tổ chức hội nghị xúc tiến đầu tư.\n\nĐoàn công tác đã làm việc với thành phố Hà Nội, "
    "năm 2025 đón 1,4 triệu lượt khách.\n",
])
def test_a_unit_the_text_ranks_itself_behind_or_of_another_type_is_not_its_unnamed_unit(text):
    """"UBND tỉnh …" over "(sau tỉnh X)", "chỉ đứng sau tỉnh X": the peer a text ranks behind is not the tỉnh it does
    not name."""
    assert records_from_text(text)[0]["unit"] is None


@pytest.mark.parametrize("tail", [
    ".\nCác tin khác\n",
    "...Những tin mới hơn\nNhững tin cũ hơn\n",  # (the headings glued to the last sentence and joined on one line)
])
def test_units_in_the_titles_a_page_links_to_do_not_issue_it(tail):
    """A page's "Tin liên quan" / "Những tin cũ hơn" lists other texts' titles: their units vote for nothing."""
    text = ("Nhà văn hóa xã Chiềng Mung được xây mới khang trang. Ảnh: Thu Hà\nTheo ông Long, năm 2024 xã có 4 bản đạt "
            f"chuẩn văn hóa; tỷ lệ hộ nghèo còn 2,1%{tail}Hội nghị tổng kết công tác dân vận tỉnh Thanh Hóa năm 2024\n"
            "Kế hoạch số 45/KH-UBND của UBND tỉnh Thanh Hóa về chuyển đổi số\n")
    document = records_from_text(text)[0]
    assert (document["unit"], document["province"]) == ("xã Chiềng Mung", "tỉnh Sơn La")


def test_the_only_name_a_type_word_refers_to_issues_the_text_with_its_candidates():
    """A caption's "… tại xã Bình Lợi", then "trên địa bàn xã", over a page's links: the one name the text writes
    (its links' units aside) is its unit, though namesakes leave it open."""
    text = ("Đường giao thông nông thôn sáng, xanh, sạch, đẹp tại xã Bình Lợi. Ảnh: Minh Anh\nTheo ông Long, địa phương "
            "tiếp tục giữ vững các tiêu chí. Năm 2024, tỷ lệ người dân trên địa bàn xã tham gia bảo hiểm y tế đạt 97%.\n"
            "Những tin cũ hơn\nHội nghị tổng kết công tác dân vận tỉnh Thanh Hóa năm 2024\n")
    document = records_from_text(text)[0]
    assert document["unit"] == "xã Bình Lợi" and len(document["unit_candidates"]) > 1 and document["province"] is None


@pytest.mark.parametrize("text, unit, province", [
    # a roundup of several provinces no unit issues: a caption's typed province is none of its own
    ("Mưa lũ tại các tỉnh miền Trung làm 9 người chết (Quảng Ngãi: 4 người, Quảng Nam: 3 người, Bình Định: 2 người).\n\n"
     "Tại Quảng Nam, 1.200 nhà bị ngập. Bình Định có 800 nhà bị ngập, Quảng Ngãi có 600 nhà.\n\n"
     "(Ảnh: người dân xã Tịnh Khê, tỉnh Quảng Ngãi dọn dẹp sau lũ)\n", None, None),
    # the address of the communes a count lists is the unit of the opening sentence
    ("Chiều qua, mưa đá đã xảy ra tại 2 xã Đồng Văn và Nghĩa Đồng, huyện Tân Kỳ, Nghệ An.\n\nTheo báo cáo của Ban chỉ "
     "huy PCTT-TKCN huyện, mưa đá làm 60 nhà bị tốc mái.\n", "huyện Tân Kỳ", "tỉnh Nghệ An"),
    # must not fire: one province's text naming a neighbour
    ("Năm 2024, tỉnh Hà Tĩnh đón 3,2 triệu lượt khách. Tỉnh Hà Tĩnh hợp tác với Nghệ An và Quảng Bình.\n", "tỉnh Hà Tĩnh",
     "tỉnh Hà Tĩnh"),
])
def test_a_roundups_province_and_the_address_of_counted_communes(text, unit, province):
    document = records_from_text(text)[0]
    assert (document["unit"], document["province"]) == (unit, province)


@pytest.mark.parametrize("written, unit", [("huyện Chơn Thành", "huyện Chơn Thành"), ("T.X Sông Công", "thị xã Sông Công")])
def test_the_reporting_unit_keeps_the_type_its_places_are_written_with(written, unit):
    """A unit regraded since (a thị xã made a thành phố, same code): the document's unit is named as its places are,
    under the type the text gives it; the code says which unit it is today."""
    text = (f"{written}: Chi trả 12 tỷ đồng trợ cấp xã hội\n\nNăm 2019, {written} đã chi trả trợ cấp cho 4.200 đối tượng "
            "bảo trợ xã hội.\n")
    document = records_from_text(text)[0]
    assert document["unit"] == unit == document["places"][0]


@pytest.mark.parametrize("text, figure, place", [
    # a labelled breakdown item holds to its bracket's end: the total after it is no item's
    ("Bão làm 30 ngôi nhà bị sập (Nghệ An: 10 nhà, Hà Tĩnh: 20 nhà), 150 ngôi nhà bị tốc mái.", "150 ngôi nhà", None),
    ("Lũ làm 120 ha ngô bị đổ (Sơn La 50ha, Điện Biên: 70 ha) và 3 tấn ngô giống bị hỏng tại Lai Châu.", "3 tấn", "tỉnh Lai Châu"),
    # the units of a sentence's series hold to its end; the sentences after are not the last unit's
    ("Mưa đá gây thiệt hại ở nhiều nơi, như: Xã Chiềng Mung có 12 nhà bị tốc mái; xã Hát Lót có 7 nhà bị hỏng. "
     "Ngoài ra, mưa đá còn làm 30 ha ngô bị dập nát.", "30 ha", None),
    ("Lốc làm 20 nhà bị tốc mái; xã Chiềng Mung có 12 nhà, xã Hát Lót có 8 nhà. Thiệt hại ước khoảng 900 triệu đồng.",
     "900 triệu đồng", None),
    ("Mưa đá gây thiệt hại ở nhiều nơi, như: Xã Chiềng Mung có 12 nhà bị tốc mái; xã Hát Lót có 7 nhà bị hỏng. "
     "Ngoài ra, mưa đá còn làm 30 ha ngô bị dập nát.", "7 nhà", "xã Hát Lót"),
    # a whole unit named after the figure in its clause is the figure's, not the subject's below it
    ("Xã Cò Nòi có 9 bản bị ngập; lũ còn làm hư hỏng 12 cầu tràn và 3 trường học trên toàn huyện.", "3 trường học", "huyện Mai Sơn"),
    # must not fire: the whole a rank or a share is of is no place of the figure
    ("Quy mô kinh tế của tỉnh Sơn La ước đạt 80.000 tỷ đồng, đứng thứ 30 trong cả nước.", "80.000 tỷ đồng", "tỉnh Sơn La"),
    # must not fire: a type abbreviation's dot ends no sentence of a series; a type word alone after ";" is no item
    ("Hỗ trợ các địa phương: TP. Châu Đốc 10 hộ, kinh phí 3 triệu đồng; TX. Tân Châu 20 hộ, kinh phí 6 triệu đồng; "
     "huyện An Phú 30 hộ, kinh phí 9 triệu đồng.", "6 triệu đồng", "thị xã Tân Châu"),
    (LETTERHEAD + "Xã Cò Nòi có 3.200 hộ. Lúa đạt 300 ha; hiện nay UBND xã chỉ đạo chăm sóc lúa. Ngô đạt 150 ha.", "150 ha", "xã Cò Nòi"),
    # a unit after "trong đó" is the part's, not the total's
    ("Lũ quét làm 9 người chết, trong đó ở Yên Bái là 6 người.", "9 người", None),
    ("Lũ quét làm 9 người chết, trong đó ở Yên Bái là 6 người.", "6 người", "tỉnh Yên Bái"),
    # a located thing's address may name hamlets before its commune; the figures after it in its clause are there too
    ("Mưa lớn làm 02 ngôi nhà ở bản Pá Khoang, xã Chiềng Mung bị sập 20 m tường rào.", "02 ngôi nhà", "xã Chiềng Mung"),
    ("Mưa lớn làm 02 ngôi nhà ở bản Pá Khoang, xã Chiềng Mung bị sập 20 m tường rào.", "20 m", "xã Chiềng Mung"),
    ("Trên tuyến đường xảy ra 03 điểm sạt lở tại bản Nà Sản, Co Pồng, xã Hát Lót với khối lượng khoảng 200m3.", "03 điểm", "xã Hát Lót"),
    ("Trên tuyến đường xảy ra 03 điểm sạt lở tại bản Nà Sản, Co Pồng, xã Hát Lót với khối lượng khoảng 200m3.", "200m3", "xã Hát Lót"),
    # a Party committee's new term, written without years, stands between its unit and the predicate
    ("Tại đại hội, Ban Chấp hành Đảng bộ xã Chiềng Mung khóa mới gồm 23 ủy viên ra mắt.", "23 ủy viên", "xã Chiềng Mung"),
    ("Ban Thường vụ Huyện ủy Mai Sơn chỉ định Ban Chấp hành Đảng bộ xã Cò Nòi nhiệm kỳ mới gồm 19 đồng chí.", "19 đồng chí", "xã Cò Nòi"),
])
def test_a_units_scope_ends_with_its_item_its_series_or_its_part(text, figure, place):
    assert _place_of(figure, text) == place


def test_a_bullet_glyph_before_a_unit_leaves_it_the_subject():
    text = "Đê tả sông Mã qua xã Cò Nòi bị sạt lở dài 40m.\n\n► Tại xã Hát Lót, nước dâng cao gây sạt mái đê dài khoảng 15m.\n"
    assert _place_of("15m", text) == "xã Hát Lót"


def test_a_unit_the_text_names_with_its_type_breaks_no_tie_of_bare_names_between_levels():
    """"Phong Thổ: 4 người, Mường Tè: 3 người, …" are districts and towns of Lai Châu alike; a commune
    named elsewhere ("qua xã Mường Mô") does not make them the towns."""
    text = ("Lũ làm 9 người mất tích ở Lai Châu (Phong Thổ: 4 người, Mường Tè: 3 người, Tân Uyên: 2 người).\n\n"
            "Đường tỉnh 127 qua xã Mường Mô bị sạt lở.\n")
    assert [_place_of(figure, text) for figure in ("4 người", "3 người", "2 người")] == ["huyện Phong Thổ", "huyện Mường Tè", "huyện Tân Uyên"]


def test_a_lists_province_type_word_is_no_centrally_run_citys_own():
    """'các tỉnh Yên Bái, Hà Nội, Hà Nam': the list's type word is distributed to each name, but Hà Nội is
    a province-level city; its place is 'thành phố Hà Nội' (a former province's name keeps its type)."""
    text = "Mưa lũ gây thiệt hại tại các tỉnh Yên Bái, Hà Nội, Hà Nam (Yên Bái 120 ha, Hà Nội 7.255 ha, Hà Nam 300 ha).\n"
    places = [r["place"] for r in records_from_text(text) if r["type"] == "quantity"]
    assert places == ["tỉnh Yên Bái", "thành phố Hà Nội", "tỉnh Hà Nam"]
