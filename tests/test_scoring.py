"""The scorer on small hand-made cases, and the gold checker."""

import json
import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.evaluation import check_gold, score_document
from extractor.evaluation.gold import GoldError, resolve_source
from tests.conftest import ROOT
from extractor.evaluation.scoring import score_quantities, score_results, score_sections, score_targets, token_f1

GOLD = {
    "doc_id": "toy",
    "coverage": {"sections": "all", "indicators": "all", "quantities": [[0, 100]]},
    "sections": [{"label": "1", "title": "Kinh tế", "level": 1, "start": 0}],
    "quantities": [
        {"start": 10, "end": 18, "text": "1.866 ha", "value": 1866, "unit": "ha", "kind": "area", "qualifier": None,
         "place": "xã Hát Lót", "metric": "diện tích cây ăn quả"},
        {"start": 30, "end": 43, "text": "75-95 triệu đồng/ha", "value": None, "low": 75e6, "high": 95e6,
         "unit": "đồng/ha", "kind": "rate", "qualifier": None, "place": None},
        {"start": 150, "end": 155, "text": "5 hộ", "value": 5, "unit": "hộ", "kind": "count", "qualifier": None, "place": None},
    ],
    "indicators": [
        {"role": "target", "group": "3.1", "number": 2,
         "targets": [{"value": 102000, "unit": "tấn", "comparator": "=", "year": 2030},
                     {"value": 4000, "unit": "tấn", "comparator": "=", "year": 2030}]},
        {"role": "result", "start": 50, "end": 70, "status": "exceeded"},
    ],
}


def as_records(gold):
    records = [dict(s, type="section") for s in gold["sections"]]
    records += [dict(q, type="quantity") for q in gold["quantities"]]
    records += [dict(i, type="indicator") for i in gold["indicators"]]
    return records


def test_a_perfect_run_scores_one():
    tallies = score_document(GOLD, as_records(GOLD))
    for task in ("sections", "targets", "results"):
        assert tallies[task].f1 == 1.0
    quantities = tallies["quantities"]
    assert (quantities.precision, quantities.recall, quantities.gold) == (1.0, 1.0, 2)  # the third is outside coverage
    assert quantities.strict_f1 == 1.0
    for name in ("value", "unit", "kind", "qualifier", "place", "metric"):
        assert quantities.accuracy(name) == 1.0
    assert tallies["targets"].accuracy("targets_found") == 1.0
    assert tallies["results"].accuracy("status") == 1.0


def test_an_empty_run_has_zero_recall():
    tallies = score_document(GOLD, [])
    for task in ("sections", "quantities", "targets", "results"):
        assert tallies[task].recall == 0.0
        assert tallies[task].f1 == 0.0


def test_quantities_match_by_overlap_one_to_one_and_count_attribute_errors():
    predicted = [
        {"start": 8, "end": 16, "text": "là 1.866", "value": 1866.0000000001, "unit": "ha", "kind": "area",
         "qualifier": "approx", "place": "xã Hát Lót", "metric": "diện tích"},
        {"start": 12, "end": 18, "value": 866, "unit": "ha", "kind": "area"},  # second overlap: spurious
        {"start": 30, "end": 43, "value": 85e6, "low": None, "high": None, "unit": "đồng/ha", "kind": "rate"},
        {"start": 200, "end": 205, "value": 1, "unit": "x", "kind": "count"},  # outside coverage: not scored
    ]
    tally = score_quantities(GOLD["quantities"], predicted, GOLD["coverage"]["quantities"])
    assert (tally.true_positives, tally.predicted, tally.gold) == (2, 3, 2)
    assert tally.strict_true_positives == 1  # only "75-95 triệu đồng/ha" has the exact gold span
    assert tally.strict_f1 == pytest.approx(2 * 1 / 5)
    assert tally.accuracy("value") == 0.5  # a range collapsed to a mean is wrong
    assert tally.accuracy("qualifier") == 0.5
    assert tally.accuracy("metric") == pytest.approx(token_f1("diện tích cây ăn quả", "diện tích"))
    errors = {e["error"] for e in tally.errors}
    assert {"spurious", "wrong value", "wrong qualifier"} <= errors


def test_sections_need_start_within_two_and_same_level():
    gold = [{"label": "1", "title": "Kinh  tế", "level": 2, "start": 100}, {"label": "2", "title": "Xã hội", "level": 2, "start": 200}]
    predicted = [{"start": 102, "level": 2, "title": "Kinh tế"}, {"start": 200, "level": 3, "title": "Xã hội"}]
    tally = score_sections(gold, predicted)
    assert tally.true_positives == 1 and tally.accuracy("title") == 1.0


def test_targets_match_on_group_and_number_and_count_found_targets():
    predicted = [{"role": "target", "group": "3.1", "number": 2,
                  "targets": [{"value": 102000, "unit": "tấn", "comparator": "=", "year": 2030}]},
                 {"role": "target", "group": "3.1", "number": 9, "targets": []}]
    tally = score_targets(GOLD["indicators"], predicted)
    assert (tally.true_positives, tally.precision) == (1, 0.5)
    assert tally.accuracy("targets_found") == 0.5


def test_results_status_accuracy():
    predicted = [{"role": "result", "start": 60, "end": 80, "status": "met"}]
    tally = score_results(GOLD["indicators"], predicted)
    assert tally.f1 == 1.0 and tally.accuracy("status") == 0.0


def test_the_project_gold_passes_its_check():
    assert check_gold(ROOT / "gold" / "mai-son.json") == []


def test_gold_check_rejects_a_wrong_slice_an_overlap_and_a_bad_hash(tmp_path):
    raw = "Xã có 1.866 ha và 57,5% diện tích.\n"
    (tmp_path / "corpora").mkdir()
    (tmp_path / "corpora" / "toy.txt").write_text(raw, encoding="utf-8")
    (tmp_path / "gold").mkdir()
    gold = {"doc_id": "toy", "source": "corpora/toy.txt", "sha256": "0" * 64,
            "coverage": {"quantities": [[0, len(raw)]]},
            "quantities": [
                {"start": 6, "end": 14, "text": "1.866 ha", "value": 1866, "unit": "ha", "kind": "area", "qualifier": None, "place": None},
                {"start": 12, "end": 14, "text": "ha", "value": 1, "unit": "ha", "kind": "area", "qualifier": None, "place": None},
                {"start": 18, "end": 23, "text": "57,5", "value": 57.5, "unit": "%", "kind": "percent", "qualifier": None, "place": None},
            ]}
    path = tmp_path / "gold" / "toy.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    problems = "\n".join(check_gold(path))
    assert "sha256" in problems and "overlap" in problems and "!= raw[18:23]" in problems
    result = CliRunner().invoke(main, ["gold", "check", str(path)])
    assert result.exit_code == 1


def test_a_gold_file_in_a_subfolder_finds_its_source_from_the_project_root(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "toy.txt").write_text("Xã có 12 thôn.\n", encoding="utf-8")
    (tmp_path / "gold" / "extra").mkdir(parents=True)
    path = tmp_path / "gold" / "extra" / "toy.json"
    monkeypatch.chdir(tmp_path / "gold")  # not the project root: the relative source resolves from the root
    assert resolve_source({"source": "texts/toy.txt"}, path) == tmp_path / "texts" / "toy.txt"
    with pytest.raises(GoldError, match="missing.txt"):
        resolve_source({"source": "texts/missing.txt"}, path)


def test_evaluate_command_prints_a_table_and_json(tmp_path):
    runner = CliRunner()
    table = runner.invoke(main, ["evaluate", "--gold", str(ROOT / "gold")])
    assert table.exit_code == 0 and "quantities" in table.output and "mai-son" in table.output
    records = tmp_path / "r.jsonl"
    records.write_text("", encoding="utf-8")
    scored = runner.invoke(main, ["evaluate", "--gold", str(ROOT / "gold" / "mai-son.json"), "--pred", str(records), "--json"])
    assert json.loads(scored.output)["micro"]["quantities"]["recall"] == 0.0


@pytest.mark.parametrize("gold, predicted, expected", [
    ("Kết nạp mới đảng viên", "đảng viên (Kết nạp mới)", 1.0),  # brackets around words are no part of a token
    ("thôn, bản có y tá", "thôn bản có y tá", 1.0),
    ("Tỷ lệ hộ nghèo", "tỷ lệ  hộ   nghèo", 1.0),  # case and white space
    ("trị giá", "trị giá quà", 0.8),
    ("trị giá", None, 0.0),
])
def test_metric_tokens_are_words(gold, predicted, expected):
    assert token_f1(gold, predicted) == pytest.approx(expected)
