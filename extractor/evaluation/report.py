"""Evaluate a run against gold files and present the scores (table or JSON)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from extractor.recordshape import shape_problem
from extractor.evaluation.gold import GoldError, gold_files, load_gold, resolve_source
from extractor.evaluation.scoring import TASKS, Tally, micro_average, score_document

SHOWN_ATTRIBUTES = {
    "sections": ("title",),
    "quantities": ("value", "unit", "kind", "qualifier", "place", "place_resolved", "metric"),
    "targets": ("targets_found", "metric"),
    "results": ("status", "place", "place_resolved"),
    "footnotes": ("linked",),
    "reporting_unit": ("province",),
}


@dataclass
class Report:
    per_document: dict[str, dict[str, Tally]]
    micro: dict[str, Tally]

    def to_json(self, error_count: int = 0) -> dict:
        def tasks(tallies: dict[str, Tally]) -> dict:
            return {task: tallies[task].summary() for task in TASKS if task in tallies}

        result = {"micro": tasks(self.micro), "documents": {d: tasks(t) for d, t in self.per_document.items()}}
        if error_count:
            result["errors"] = {task: self.micro[task].errors[:error_count] for task in TASKS if task in self.micro}
        return result


def read_predictions(path: str) -> dict[str, list[dict]]:
    by_document: dict[str, list[dict]] = {}
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as error:
                        raise GoldError(f"{path}: line {number} is not JSON: {error}") from None
                    problem = shape_problem(record)
                    if problem:
                        raise GoldError(f"{path}: line {number}: {problem}")
                    by_document.setdefault(record.get("doc_id"), []).append(record)
    except OSError as error:
        raise GoldError(f"{path}: cannot read predictions: {error.strerror}") from None
    return by_document


def evaluate_gold(gold_paths: list[str], predictions: str | None = None) -> Report:
    files = gold_files(gold_paths)
    if not files:
        raise GoldError("no gold files found in " + ", ".join(gold_paths))
    predicted = read_predictions(predictions) if predictions else None
    per_document: dict[str, dict[str, Tally]] = {}
    for path in files:
        gold = load_gold(path)
        if predicted is None:
            from extractor.records import extract_records

            records = extract_records(str(resolve_source(gold, path)))
        else:
            records = predicted.get(gold["doc_id"], [])
        per_document[gold["doc_id"]] = score_document(gold, records)
    return Report(per_document, micro_average(per_document))


def format_table(report: Report, error_count: int = 0) -> str:
    rows = []
    documents = list(report.per_document.items())
    scopes = documents + ([("micro", report.micro)] if len(documents) > 1 else [])
    width = max([16] + [len(scope) for scope, _ in scopes])
    header = f"{'document':<{width}} {'task':<11} {'P':>6} {'R':>6} {'F1':>6} {'strict':>6} {'gold':>5} {'pred':>5}  attributes"
    rows.append(header)
    rows.append("-" * len(header))
    for scope, tallies in scopes:
        for task in TASKS:
            if task not in tallies:
                continue
            tally = tallies[task]
            attributes = []
            for name in SHOWN_ATTRIBUTES[task]:
                value = tally.accuracy(name)
                attributes.append(f"{name} {'-' if value is None else f'{value:.3f}'}")
            strict = f"{tally.strict_f1:6.3f}" if task in ("quantities", "results") else f"{'':>6}"
            rows.append(f"{scope:<{width}} {task:<11} {tally.precision:6.3f} {tally.recall:6.3f} {tally.f1:6.3f} {strict} "
                        f"{tally.gold:5d} {tally.predicted:5d}  {', '.join(attributes)}")
    if error_count:
        for task in TASKS:
            errors = report.micro.get(task, Tally()).errors
            if errors:
                rows.append(f"\n{task}: {len(errors)} errors, first {min(error_count, len(errors))}:")
                rows.extend("  " + json.dumps(e, ensure_ascii=False) for e in errors[:error_count])
    return "\n".join(rows)
