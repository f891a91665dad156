"""Metric phrase → catalogue indicator.

A metric and every wording are read the same way: one spelling per syllable (``spell``),
punctuation as spaces, then the abbreviations and synonyms of ``compare/rules.json`` (one home:
"BHYT" → "bảo hiểm y tế", "tỉ lệ" → "tỷ lệ"). A wording matches when its words stand in the
metric in order ("…" in a wording lets other words stand between two parts). The longest
matching wording (in words) decides; two indicators tied at that length leave the metric
unclassified rather than guess. An indicator's ``unless`` words, held by the metric, rule it out
("Diện tích lúa bị ngập úng" is damage, no crop area).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex
from extractor.compare.normalise import load_rules as compare_rules
from extractor.rules import load_rules
from extractor.syllables import spell

NOT_WORD = regex.compile(r"[^\p{L}\p{N}…]+")
GAP = "…"


@dataclass(frozen=True)
class Classification:
    code: str
    name: str
    group: str
    wording: str  # the catalogue wording the metric holds: the evidence
    better: str = "higher"  # "lower" where a smaller figure is the better one (a poverty rate)


@dataclass(frozen=True)
class _Wording:
    parts: tuple[str, ...]  # " word word " pieces, in order
    length: int
    text: str
    indicator: dict


@lru_cache(maxsize=1)
def catalogue() -> dict:
    data = load_rules("extractor.catalogue", "indicators.json")
    seen = set()
    for entry in data["indicators"]:
        # (the schema rules out unknown keys; it cannot say that ids are unique)
        if entry["id"] in seen or not entry["wordings"]:
            raise ValueError(f"indicators.json: bad entry {entry['id']}: duplicate id or no wording")
        seen.add(entry["id"])
    return data


def words_of(text: str) -> str:
    """" word word … " — the form metrics and wordings are compared in."""
    spelled = " " + " ".join(NOT_WORD.sub(" ", spell(text)).split()) + " "
    for pattern, target in compare_rules().replacements:
        spelled = pattern.sub(target, spelled)
    return " " + " ".join(spelled.split()) + " "


@lru_cache(maxsize=1)
def _wordings() -> tuple[_Wording, ...]:
    found = []
    for entry in catalogue()["indicators"]:
        for wording in entry["wordings"]:
            parts = tuple(words_of(part) for part in wording.split(GAP) if part.strip())
            found.append(_Wording(parts, sum(len(part.split()) for part in parts), wording, entry))
    return tuple(sorted(found, key=lambda w: -w.length))


MONEY_UNITS = ("đồng", "usd")
AREA_UNITS = ("ha", "m2", "km2")
MASS_UNITS = ("tấn", "tạ", "kg")


def unit_family(unit: str | None) -> str | None:
    """The family of a figure's unit, as the catalogue's ``families`` name them (None: unknown)."""
    if not unit:
        return None
    unit = unit.lower()
    head = unit.split("/")[0]  # "kg/năm", "đồng/người/năm", "tạ/ha": the measure before the first "per"
    if head.startswith("%"):
        return "percent"
    if any(word in head for word in MONEY_UNITS):
        return "money"
    if head in AREA_UNITS:
        return "area"
    if head in MASS_UNITS:
        return "mass"
    return "count"


AMOUNT_FAMILIES = frozenset({"money", "count", "area", "mass"})
PLAN_BASES = ("plan", "budget_estimate")  # a share of these is how much of a planned amount was done


@lru_cache(maxsize=65536)  # a dataset repeats the same metrics many times
def classify(metric: str | None, unit: str | None = None, share_of_plan: bool = False) -> Classification | None:
    """The catalogue indicator ``metric`` names; with ``unit``, only indicators measured in that
    unit's family ("Số lao động … nông nghiệp, lâm nghiệp và thủy sản" counts people: not the
    agriculture share of the economy). A share of a plan ("Giá trị sản xuất … đạt 95% kế hoạch")
    is of an amount: only indicators measured in one (not the growth rate)."""
    if not metric:
        return None
    text = words_of(metric)
    family = None if share_of_plan else unit_family(unit)
    best: list[_Wording] = []
    for wording in _wordings():
        if best and wording.length < best[0].length:
            break
        if share_of_plan and not AMOUNT_FAMILIES & set(wording.indicator["families"]):
            continue
        if family and family not in wording.indicator["families"] and not _count_like(family, wording.indicator["families"]):
            continue
        if _holds(text, wording.parts) and not _ruled_out(text, wording.indicator["id"]):
            best.append(wording)
    codes = {wording.indicator["id"] for wording in best}
    if len(codes) != 1:
        return None
    chosen = best[0]
    return Classification(chosen.indicator["id"], chosen.indicator["name"], chosen.indicator["group"], chosen.text,
                          chosen.indicator.get("better", "higher"))


@lru_cache(maxsize=1)
def _exclusions() -> dict[str, tuple[str, ...]]:
    """Each indicator's ``unless`` words, in the form metrics are compared in."""
    return {entry["id"]: tuple(words_of(word) for word in entry.get("unless", ())) for entry in catalogue()["indicators"]}


def _ruled_out(text: str, code: str) -> bool:
    return any(word in text for word in _exclusions()[code])


def _count_like(family: str, families: list[str]) -> bool:
    """A counted noun the unit table does not know ("chỉ tiêu", "lượt") is a count; rates per
    population are written as counts too."""
    return family == "count" and "rate" in families


def _holds(text: str, parts: tuple[str, ...]) -> bool:
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part) - 1  # the next part may start at the space this one ended with
    return True


def _change_word(change: str) -> str:
    from extractor.quantities.parser import context_rules  # (the quantity stage classifies metrics: imported late)

    return context_rules()["change_words"][change]


def _fields(metric: str | None, unit: str | None = None, change: str | None = None, basis: str | None = None) -> dict:
    share_of_plan = basis in PLAN_BASES and change is None and unit_family(unit) == "percent"
    found = classify(metric, unit, share_of_plan)
    if found is None and metric and change:
        # "tăng dân số 2%": the change verb left the metric ("dân số", increase) but names the indicator
        found = classify(f"{_change_word(change)} {metric}", unit)
    if found is None:
        return {"indicator_code": None, "indicator_name": None, "indicator_evidence": None}
    return {"indicator_code": found.code, "indicator_name": found.name, "indicator_evidence": found.wording}


def classify_records(records: list[dict]) -> None:
    """Add ``indicator_code``, ``indicator_name`` and ``indicator_evidence`` to every quantity,
    target (item and each of its figures) and result that names a metric."""
    basis_of = {record.get("id"): record.get("basis") for record in records if record.get("type") == "quantity"}
    for record in records:
        if record.get("type") == "quantity":
            record.update(_fields(record.get("metric"), record.get("unit"), record.get("change"), record.get("basis")))
        elif record.get("type") == "indicator" and record.get("role") == "result":
            # a result's share is of the plan its figure names ("đạt 95% kế hoạch")
            basis = next((basis_of.get(q) for q in record.get("quantities") or () if basis_of.get(q)), None)
            record.update(_fields(record.get("metric"), record.get("unit"), record.get("change"), basis))
        elif record.get("type") == "indicator" and record.get("role") == "target":
            targets = record.get("targets") or []
            record.update(_fields(record.get("metric"), targets[0].get("unit") if len(targets) == 1 else None))
            for target in targets:
                fields = _fields(target.get("metric"), target.get("unit"), target.get("change"), target.get("basis"))
                if fields["indicator_code"] is None and len(targets) == 1:
                    fields = {key: record.get(key) for key in fields}  # the item names its one figure
                target.update(fields)
