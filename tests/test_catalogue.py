"""The indicator catalogue: its data file, classification cases read off the gold targets (each
expected code checked by hand against the metric), and the dataset view built on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.catalogue import catalogue, classify, classify_records
from extractor.catalogue.classify import unit_family

ROOT = Path(__file__).resolve().parents[1]
CASES = [json.loads(line) for line in (ROOT / "tests/cases/catalogue.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def test_catalogue_entries_are_well_formed():
    entries = catalogue()["indicators"]
    assert len({e["id"] for e in entries}) == len(entries) >= 80
    families = {"percent", "money", "count", "area", "mass", "rate"}
    for entry in entries:
        assert set(entry) <= {"id", "name", "group", "families", "wordings", "source", "better", "unless"}
        assert entry.get("better", "higher") in ("higher", "lower")
        assert entry["wordings"] and set(entry["families"]) <= families, entry["id"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['doc']}:{(c['metric'] or '')[:30]}" for c in CASES])
def test_gold_target_metrics_classify_as_checked(case):
    found = classify(case["metric"], case["unit"])
    assert (found.code if found else None) == case["expected"]


def test_coverage_of_gold_targets():
    classified = sum(1 for case in CASES if case["expected"])
    assert classified / len(CASES) >= 0.8


@pytest.mark.parametrize("metric, unit, code", [
    ("Tỷ lệ người dân tham gia BHYT", "%", "soc.health_insurance"),  # an abbreviation
    ("Tỉ lệ hộ nghèo", "%", "soc.poverty_rate"),  # a variant spelling
    ("Thu nhập bình quân đầu người", "triệu đồng/người/năm", "econ.income_per_capita"),
    ("Số lao động tham gia hoạt động nông nghiệp, lâm nghiệp và thủy sản", "%", "soc.agricultural_labour_share"),
    ("Nông, lâm nghiệp và thủy sản", "%", "econ.share_agriculture"),
    ("Tỷ lệ sử dụng dịch vụ công trực tuyến", "%", "gov.online_public_services"),  # not "dịch vụ"
    ("dịch vụ", "%", "econ.share_services"),
    ("tăng trưởng thương mại, dịch vụ", "%", "econ.sector_growth"),  # a sector's growth, not its share
    ("tốc độ tăng trưởng công nghiệp, tiểu thủ công nghiệp", "%/năm", "econ.sector_growth"),
    ("Đàn bò", "con", "agri.livestock_herd"),
    ("Tổng diện tích gieo trồng", "ha", "agri.sown_area"),
    ("Nông, lâm nghiệp và thủy sản", "tấn", None),  # a mass is no share of the economy
    ("Công tác tuyên truyền", None, None),
    ("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", "%", "econ.retail_sales"),  # not the services' share
    ("kim ngạch nhập khẩu", "triệu USD", "econ.imports"),
    ("Chỉ số sản xuất công nghiệp", "%", "econ.industrial_production_index"),
    ("Tổng thu từ khách du lịch", "tỷ đồng", "econ.tourism_revenue"),  # not the visitors
    ("tổng diện tích sàn xây dựng", "m2", None),  # a building's floors are no crop
])
def test_classification_cases(metric, unit, code):
    found = classify(metric, unit)
    assert (found.code if found else None) == code


@pytest.mark.parametrize("unit, family", [("%", "percent"), ("%/năm", "percent"), ("triệu đồng/người/năm", "money"),
                                          ("ha", "area"), ("kg/năm", "mass"), ("tạ/ha", "mass"), ("hộ", "count"), (None, None)])
def test_unit_families(unit, family):
    assert unit_family(unit) == family


def test_dataset_view_of_indicator_values(tmp_path):
    import duckdb
    from click.testing import CliRunner

    from extractor.cli import main

    result = CliRunner().invoke(main, ["batch", str(ROOT / "corpora/mai-son.txt"),
                                       str(ROOT / "corpora/cong-hai_nghi-quyet-dai-hoi-lan-i_2025-2030.txt"),
                                       "-o", str(tmp_path / "ds"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    connection = duckdb.connect(str(tmp_path / "ds" / "dataset.duckdb"), read_only=True)
    rows = connection.execute(
        "SELECT report_unit, measure, \"year\", \"value\", unit FROM indicator_values "
        "WHERE indicator_code = 'soc.trained_labour' ORDER BY report_unit").fetchall()
    assert rows == [("xã Mai Sơn", "target", 2030, 55.0, "%")]
    units = connection.execute("SELECT DISTINCT report_unit FROM indicator_values ORDER BY 1").fetchall()
    assert units == [("xã Công Hải",), ("xã Mai Sơn",)]


def test_a_change_names_its_indicator_when_the_metric_alone_does_not():
    # "Dân số tăng 1,2%": the metric is "Dân số" and the figure its increase, a population growth rate
    records = [{"type": "quantity", "metric": "Dân số", "unit": "%", "change": "increase"},
               {"type": "quantity", "metric": "Dân số", "unit": "%", "change": None}]
    classify_records(records)
    assert [record["indicator_code"] for record in records] == ["soc.population_growth", None]


@pytest.mark.parametrize("text, figure, code", [
    # a share of the plan of a production value is no growth rate; of an amount indicator it is that indicator's
    ("Giá trị sản xuất công nghiệp đạt 2.310 tỷ đồng, đạt 100,04% kế hoạch.", "100,04%", None),
    ("Tổng diện tích gieo trồng đạt 46.602 ha, bằng 97,3% so với kế hoạch.", "97,3%", "agri.sown_area"),
    ("Giá trị sản xuất công nghiệp tăng 8,5% so với cùng kỳ.", "8,5%", "econ.growth_rate"),  # a change: the rate
    ("Giải ngân vốn đầu tư công đạt 57% kế hoạch năm.", "57%", "econ.public_investment_disbursement"),  # of money
])
def test_a_share_of_the_plan_takes_an_amount_indicator(text, figure, code):
    from extractor.api import records_from_text

    quantity = next(r for r in records_from_text(text) if r["type"] == "quantity" and r["text"] == figure)
    assert quantity["indicator_code"] == code
