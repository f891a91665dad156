"""Scoring a run against gold, exactly as ../shared/spec/RECORDS.md describes. Pure functions:
records in, counts and error lists out."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import regex

from extractor.syllables import name_key

SECTION_START_TOLERANCE = 2
RELATIVE_TOLERANCE = 1e-9
QUANTITY_ATTRIBUTES = ("value", "unit", "kind", "qualifier", "place", "place_resolved")
PLACE_ATTRIBUTES = ("place", "place_resolved")
NUMERIC_FIELDS = ("value", "low", "high", "denominator")
TARGET_FIELDS = ("value", "low", "high", "unit", "comparator", "year")


@dataclass
class Tally:
    """Counts for one task; sums over documents give the micro average."""

    true_positives: int = 0
    strict_true_positives: int = 0  # spans equal, not only overlapping (quantities, results)
    gold: int = 0
    predicted: int = 0
    attributes: Counter = field(default_factory=Counter)  # name -> correct on matches
    attribute_totals: Counter = field(default_factory=Counter)  # name -> matches where it is scored
    metric_f1_sum: float = 0.0
    errors: list[dict] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        self.true_positives += other.true_positives
        self.strict_true_positives += other.strict_true_positives
        self.gold += other.gold
        self.predicted += other.predicted
        self.attributes.update(other.attributes)
        self.attribute_totals.update(other.attribute_totals)
        self.metric_f1_sum += other.metric_f1_sum
        self.errors.extend(other.errors)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def strict_f1(self) -> float:
        denominator = self.gold + self.predicted
        return 2 * self.strict_true_positives / denominator if denominator else 1.0

    def accuracy(self, name: str) -> float | None:
        total = self.attribute_totals[name]
        if name == "metric":
            return self.metric_f1_sum / total if total else None
        return self.attributes[name] / total if total else None

    def summary(self) -> dict:
        scores = {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                  "strict_f1": self.strict_f1, "gold": self.gold, "predicted": self.predicted,
                  "matched": self.true_positives, "matched_strict": self.strict_true_positives}
        for name in sorted(self.attribute_totals):
            scores[name] = self.accuracy(name)
        return scores


def fold(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def numbers_equal(gold, predicted) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    try:
        gold, predicted = float(gold), float(predicted)
    except (TypeError, ValueError):
        return False
    return abs(gold - predicted) <= RELATIVE_TOLERANCE * max(abs(gold), abs(predicted), 1e-300)


WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")  # a token: punctuation around words ("(Kết", "mới)") is no part of it


def token_f1(gold: str, predicted: str | None) -> float:
    gold_tokens = Counter(WORD.findall(fold(gold).lower()))
    predicted_tokens = Counter(WORD.findall(fold(predicted).lower()))
    common = sum((gold_tokens & predicted_tokens).values())
    if not common:
        return 0.0
    precision = common / sum(predicted_tokens.values())
    recall = common / sum(gold_tokens.values())
    return 2 * precision * recall / (precision + recall)


# ---- sections -------------------------------------------------------------------------------

def score_sections(gold: list[dict], predicted: list[dict]) -> Tally:
    tally = Tally(gold=len(gold), predicted=len(predicted))
    unmatched = list(predicted)
    for item in gold:
        candidates = [p for p in unmatched
                      if abs(p["start"] - item["start"]) <= SECTION_START_TOLERANCE and p.get("level") == item["level"]]
        if not candidates:
            tally.errors.append({"task": "sections", "error": "missed", "gold": _brief(item, ("label", "title", "level", "start"))})
            continue
        match = min(candidates, key=lambda p: abs(p["start"] - item["start"]))
        unmatched.remove(match)
        tally.true_positives += 1
        tally.attribute_totals["title"] += 1
        if fold(match.get("title")) == fold(item.get("title")):
            tally.attributes["title"] += 1
        else:
            tally.errors.append({"task": "sections", "error": "wrong title", "start": item["start"],
                                 "gold": fold(item.get("title")), "predicted": fold(match.get("title"))})
    for extra in unmatched:
        tally.errors.append({"task": "sections", "error": "spurious", "predicted": _brief(extra, ("label", "title", "level", "start"))})
    return tally


# ---- quantities ----------------------------------------------------------------------------

def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _covered(item: dict, ranges: list[list[int]]) -> bool:
    return any(item["start"] < end and item["end"] > start for start, end in ranges)


def match_by_overlap(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one matching of overlapping spans, largest overlaps first."""
    pairs = sorted(
        ((_overlap(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted) if _overlap(g, p) > 0),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_gold, used_predicted, matches = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
            matches.append((gold[gi], predicted[pi]))
    return matches


def _strict_matches(gold: list[dict], predicted: list[dict]) -> int:
    spans = Counter((p["start"], p["end"]) for p in predicted)
    found = 0
    for g in gold:
        if spans[(g["start"], g["end"])] > 0:
            spans[(g["start"], g["end"])] -= 1
            found += 1
    return found


def same_place(gold: str | None, predicted: str | None) -> bool:
    """Places compare by one spelling ("Khánh Hoà" = "Khánh Hòa"), case, spacing and apostrophes aside."""
    return name_key(gold or "") == name_key(predicted or "")


def place_value(record: dict, name: str, reporting_unit: str | None, is_gold: bool):
    """``place`` as written, or the resolved place: for gold, a null place counts as the file's
    reporting unit; a prediction says its own (``place_resolved``)."""
    if name == "place":
        return record.get("place")
    if is_gold:
        return record.get("place") or reporting_unit
    return record.get("place_resolved", record.get("place"))


def _score_places(tally: "Tally", task: str, g: dict, p: dict, reporting_unit: str | None) -> None:
    for name in PLACE_ATTRIBUTES:
        if name == "place_resolved" and reporting_unit is None:
            continue
        expected, got = place_value(g, name, reporting_unit, True), place_value(p, name, reporting_unit, False)
        tally.attribute_totals[name] += 1
        if same_place(expected, got):
            tally.attributes[name] += 1
        else:
            tally.errors.append({"task": task, "error": f"wrong {name}", "start": g["start"], "text": g.get("text"),
                                 "gold": expected, "predicted": got})


def score_quantities(gold: list[dict], predicted: list[dict], coverage: list[list[int]], reporting_unit: str | None = None) -> Tally:
    gold = [g for g in gold if _covered(g, coverage)]
    predicted = [p for p in predicted if _covered(p, coverage)]
    tally = Tally(gold=len(gold), predicted=len(predicted))
    matches = match_by_overlap(gold, predicted)
    tally.true_positives = len(matches)
    tally.strict_true_positives = _strict_matches(gold, predicted)
    for g, p in matches:
        _score_places(tally, "quantities", g, p, reporting_unit)
        for name in QUANTITY_ATTRIBUTES:
            if name in PLACE_ATTRIBUTES:
                continue
            tally.attribute_totals[name] += 1
            if name == "value":
                correct = all(numbers_equal(g.get(f), p.get(f)) for f in NUMERIC_FIELDS)
            else:
                correct = g.get(name) == p.get(name)
            if correct:
                tally.attributes[name] += 1
            else:
                tally.errors.append({"task": "quantities", "error": f"wrong {name}", "start": g["start"], "text": g.get("text"),
                                     "gold": _attribute(g, name), "predicted": _attribute(p, name)})
        if g.get("metric"):
            tally.attribute_totals["metric"] += 1
            tally.metric_f1_sum += token_f1(g["metric"], p.get("metric"))
    matched_gold = {id(g) for g, _ in matches}
    matched_predicted = {id(p) for _, p in matches}
    for g in gold:
        if id(g) not in matched_gold:
            tally.errors.append({"task": "quantities", "error": "missed", "start": g["start"], "text": g.get("text")})
    for p in predicted:
        if id(p) not in matched_predicted:
            tally.errors.append({"task": "quantities", "error": "spurious", "start": p["start"], "text": p.get("text")})
    return tally


def _attribute(record: dict, name: str):
    if name == "value":
        return {f: record.get(f) for f in NUMERIC_FIELDS if record.get(f) is not None}
    return record.get(name)


# ---- indicators ----------------------------------------------------------------------------

def score_targets(gold: list[dict], predicted: list[dict]) -> Tally:
    gold = [g for g in gold if g.get("role") == "target"]
    predicted = [p for p in predicted if p.get("role") == "target"]
    tally = Tally(gold=len(gold), predicted=len(predicted))
    by_key = {(str(p.get("group")), p.get("number")): p for p in predicted}
    matched_keys = set()
    for g in gold:
        key = (str(g.get("group")), g.get("number"))
        match = by_key.get(key)
        if match is None:
            tally.errors.append({"task": "targets", "error": "missed", "group": key[0], "number": key[1]})
            continue
        matched_keys.add(key)
        tally.true_positives += 1
        unused = list(match.get("targets", []))
        for target in g.get("targets", []):
            tally.attribute_totals["targets_found"] += 1
            same = next((t for t in unused if _same_target(target, t)), None)
            if target.get("metric"):  # token F1 of what the figure measures: its own target's, else the item's
                tally.attribute_totals["metric"] += 1
                tally.metric_f1_sum += token_f1(target["metric"], (same or {}).get("metric") or match.get("metric"))
            if same is not None:
                unused.remove(same)
                tally.attributes["targets_found"] += 1
            else:
                tally.errors.append({"task": "targets", "error": "target not found", "group": key[0], "number": key[1],
                                     "gold": target, "predicted": match.get("targets", [])})
    for key, p in by_key.items():
        if key not in matched_keys:
            tally.errors.append({"task": "targets", "error": "spurious", "group": key[0], "number": key[1]})
    return tally


def _same_target(gold: dict, predicted: dict) -> bool:
    for name in TARGET_FIELDS:
        if name in ("value", "low", "high"):
            if not numbers_equal(gold.get(name), predicted.get(name)):
                return False
        elif gold.get(name) != predicted.get(name):
            return False
    return True


def score_results(gold: list[dict], predicted: list[dict], reporting_unit: str | None = None) -> Tally:
    gold = [g for g in gold if g.get("role") == "result"]
    predicted = [p for p in predicted if p.get("role") == "result"]
    tally = Tally(gold=len(gold), predicted=len(predicted))
    matches = match_by_overlap(gold, predicted)
    tally.true_positives = len(matches)
    tally.strict_true_positives = _strict_matches(gold, predicted)
    for g, p in matches:
        _score_places(tally, "results", g, p, reporting_unit)
        tally.attribute_totals["status"] += 1
        if g.get("status") == p.get("status"):
            tally.attributes["status"] += 1
        else:
            tally.errors.append({"task": "results", "error": "wrong status", "start": g["start"],
                                 "gold": g.get("status"), "predicted": p.get("status")})
    matched_gold = {id(g) for g, _ in matches}
    matched_predicted = {id(p) for _, p in matches}
    tally.errors += [{"task": "results", "error": "missed", "start": g["start"], "text": g.get("text")} for g in gold if id(g) not in matched_gold]
    tally.errors += [{"task": "results", "error": "spurious", "start": p["start"], "text": p.get("text")} for p in predicted if id(p) not in matched_predicted]
    return tally


# ---- footnotes (an extra key of our gold files: not in the contract's scoring) -----------------

FOOTNOTE_TOLERANCE = 2


def score_footnotes(gold: list[dict], predicted: list[dict]) -> Tally:
    """A footnote is found when a predicted one has its marker at the gold marker (±2 characters);
    it is linked when that prediction's body also overlaps the gold body."""
    tally = Tally(gold=len(gold), predicted=len(predicted))
    unmatched = list(predicted)
    for item in gold:
        candidates = [p for p in unmatched if p.get("ref_start") is not None
                      and abs(p["ref_start"] - item["ref_start"]) <= FOOTNOTE_TOLERANCE]
        if not candidates:
            tally.errors.append({"task": "footnotes", "error": "missed", "gold": _brief(item, ("marker", "ref_start", "start"))})
            continue
        match = min(candidates, key=lambda p: abs(p["ref_start"] - item["ref_start"]))
        unmatched.remove(match)
        tally.true_positives += 1
        tally.attribute_totals["linked"] += 1
        if _overlap(item, match) > 0:
            tally.attributes["linked"] += 1
        else:
            tally.errors.append({"task": "footnotes", "error": "wrong body", "gold": _brief(item, ("marker", "start", "end")),
                                 "predicted": _brief(match, ("marker", "start", "end"))})
    for extra in unmatched:
        tally.errors.append({"task": "footnotes", "error": "spurious", "predicted": _brief(extra, ("marker", "ref_start", "start"))})
    return tally


# ---- documents -----------------------------------------------------------------------------

TASKS = ("sections", "quantities", "targets", "results", "footnotes", "reporting_unit")


def score_reporting_unit(gold: dict, document: dict | None) -> Tally:
    """The document record's ``unit`` against the gold file's ``reporting_unit`` (and its province)."""
    predicted = (document or {}).get("unit")
    tally = Tally(gold=1, predicted=1 if predicted else 0)
    if same_place(gold.get("unit"), predicted):
        tally.true_positives = tally.strict_true_positives = 1
    else:
        tally.errors.append({"task": "reporting_unit", "error": "wrong unit", "gold": gold.get("unit"), "predicted": predicted})
    tally.attribute_totals["province"] += 1
    if same_place(gold.get("province"), (document or {}).get("province")):
        tally.attributes["province"] += 1
    else:
        tally.errors.append({"task": "reporting_unit", "error": "wrong province", "gold": gold.get("province"),
                             "predicted": (document or {}).get("province")})
    return tally


def score_document(gold: dict, records: list[dict]) -> dict[str, Tally]:
    """Score one gold document against the records predicted for it."""
    by_type: dict[str, list[dict]] = {}
    for record in records:
        by_type.setdefault(record.get("type"), []).append(record)
    coverage = gold.get("coverage", {})
    quantity_ranges = coverage.get("quantities", [])
    reporting_unit = (gold.get("reporting_unit") or {}).get("unit")
    tallies = {
        "quantities": score_quantities(gold.get("quantities", []), by_type.get("quantity", []), quantity_ranges, reporting_unit),
    }
    if gold.get("reporting_unit"):
        tallies["reporting_unit"] = score_reporting_unit(gold["reporting_unit"], next(iter(by_type.get("document", [])), None))
    if coverage.get("sections") == "all":
        tallies["sections"] = score_sections(gold.get("sections", []), by_type.get("section", []))
    if coverage.get("indicators") == "all":
        tallies["targets"] = score_targets(gold.get("indicators", []), by_type.get("indicator", []))
        tallies["results"] = score_results(gold.get("indicators", []), by_type.get("indicator", []), reporting_unit)
    if coverage.get("footnotes") == "all":
        tallies["footnotes"] = score_footnotes(gold.get("footnotes", []), by_type.get("footnote", []))
    for tally in tallies.values():
        for error in tally.errors:
            error["doc_id"] = gold["doc_id"]
    return tallies


def micro_average(per_document: dict[str, dict[str, Tally]]) -> dict[str, Tally]:
    total: dict[str, Tally] = {}
    for tallies in per_document.values():
        for task, tally in tallies.items():
            total.setdefault(task, Tally()).add(tally)
    return total


def _brief(record: dict, keys: tuple[str, ...]) -> dict:
    return {k: record.get(k) for k in keys}
